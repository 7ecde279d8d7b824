"""Text cells: what counts as empty, free text, names and place names; and ``ValueProblem``,
the one error every parser raises for a value an analyst must look at."""

from __future__ import annotations

import datetime as dt
import numbers
import re
import unicodedata
from decimal import Decimal

from sansong_analysis.ingest.pii import REDACTED
from sansong_analysis.ingest.pii import redact as _redact_pii
from sansong_analysis.ingest.places import canonical_place, group_after_village


class ValueProblem(ValueError):
    """A cell whose value cannot be read.

    ``str(exc)`` is a short Chinese phrase naming the value, e.g.
    ``「2011-02-30」不是有效日期`` or ``金额「待定」无法识别``; it never holds
    a run of 11+ digits.
    """


# --------------------------------------------------------------------------- text basics

_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_WS_ALL = re.compile(rf"[\s{_ZERO_WIDTH}]+")
_WS_RUN = re.compile(r"\s+")
_ZW = re.compile(f"[{_ZERO_WIDTH}]+")



def _squash(s: str) -> str:
    """NFKC and every whitespace or zero-width character removed."""
    if not s.isascii():  # NFKC is the identity on ASCII: skip it on the common case
        s = unicodedata.normalize("NFKC", s)
    return _WS_ALL.sub("", s)


def _collapse(s: str) -> str:
    """NFKC, zero-width characters removed, whitespace runs as one space, stripped."""
    if not s.isascii():
        s = _ZW.sub("", unicodedata.normalize("NFKC", s))
    return _WS_RUN.sub(" ", s).strip()


def redact_numbers(text: str) -> str:
    """``text`` with every phone or ID number replaced by ``[号码已隐去]``: ``pii.redact``.

    Runs of 11+ digits, masked forms (``138****5678``), grouped or full-width digits.

    >>> redact_numbers("张三 13912345678")
    '张三 [号码已隐去]'
    """
    return _redact_pii(text)


_EMPTY_RAW = (
    "", "—", "－", "-", "--", "---", "——", "―", "–", "─", "/", "／", "//", "/ /", "\\", "、", "。", ".",
    "无", "空", "暂无", "不详", "null", "NULL", "Null", "None", "none", "NONE", "nan", "NaN", "NAN", "NaT",
    "N/A", "n/a", "NA", "na", "#N/A", "…", "...", "……", "…………",
)
EMPTY_MARKERS: frozenset[str] = frozenset({*_EMPTY_RAW, *(_squash(m) for m in _EMPTY_RAW)})

_NA_TYPES = frozenset({"NAType", "NaTType"})


def _coerce(cell: object) -> object:
    """The cell as a plain Python value; None for every kind of missing value.

    numpy scalars, str/int/float subclasses and pandas NA/NaT become the
    built-in types the parsers dispatch on; dates (pandas Timestamp included)
    pass through.
    """
    t = type(cell)
    if t is str or t is int or t is bool:
        return cell
    if t is float:
        return None if cell != cell else cell
    if cell is None or t.__name__ in _NA_TYPES:
        return None
    if isinstance(cell, str):
        return str(cell)
    if isinstance(cell, dt.date | dt.time | dt.timedelta):
        return cell
    if isinstance(cell, Decimal):
        return None if cell.is_nan() else cell
    if t.__name__ == "datetime64":  # numpy: .item() may give an int of nanoseconds, text is safer
        return str(cell)
    if isinstance(cell, float):
        return None if cell != cell else float(cell)
    if isinstance(cell, int):
        return int(cell)
    item = getattr(cell, "item", None)  # numpy scalars (bool_, int64, float32, …)
    if callable(item):
        try:
            value = item()
        except Exception:
            return cell
        if type(value) in (bool, int, float, str):
            return _coerce(value)
    if isinstance(cell, numbers.Integral):
        return int(cell)
    if isinstance(cell, numbers.Real):
        value = float(cell)
        return None if value != value else value
    return cell


def _int_text(n: int) -> str:
    try:
        return str(n)
    except ValueError:  # beyond Python's int-to-str digit limit: certainly no ledger value
        return REDACTED


def _as_text(c: object) -> str:
    """A coerced cell as display text (not redacted)."""
    if c is None:
        return ""
    t = type(c)
    if t is str:
        return _collapse(c)
    if t is bool:
        return "TRUE" if c else "FALSE"
    if t is int:
        return _int_text(c)
    if t is float:
        return _int_text(int(c)) if c.is_integer() else repr(c)
    if isinstance(c, dt.datetime):
        if (c.hour, c.minute, c.second, c.microsecond) == (0, 0, 0, 0):
            return c.date().isoformat()
        return c.isoformat(sep=" ", timespec="seconds")
    if isinstance(c, dt.date):
        return c.isoformat()
    if isinstance(c, dt.time):
        return c.isoformat(timespec="seconds")
    if isinstance(c, Decimal):
        if c.is_finite() and c.adjusted() < 100 and c == c.to_integral_value():
            return _int_text(int(c))
        return str(c)
    try:
        return _collapse(str(c))
    except Exception:
        return type(c).__name__


def _quote(c: object) -> str:
    """The value as quoted in a ValueProblem: redacted, at most 30 characters."""
    text = redact_numbers(_as_text(c))
    return text if len(text) <= 30 else text[:30] + "…"


def is_empty(cell: object) -> bool:
    """True for None, NaN, pandas NA/NaT, blank text and the placeholders of ``EMPTY_MARKERS``.

    >>> is_empty(" — "), is_empty("\\u3000无"), is_empty(0)
    (True, True, False)
    """
    c = _coerce(cell)
    if c is None:
        return True
    return isinstance(c, str) and _squash(c) in EMPTY_MARKERS


def clean_text(cell: object) -> str | None:
    """Free text: NFKC, whitespace runs as one space, stripped; empty -> None.

    Numbers read as Excel shows them (``12.0`` -> ``'12'``), dates as ISO
    ``YYYY-MM-DD`` (a datetime with a time of day keeps it). Runs of 11+
    digits are replaced by ``[号码已隐去]`` so phone and ID numbers typed
    into a text column never travel further.
    """
    c = _coerce(cell)
    if c is None:
        return None
    text = _as_text(c)
    if not text or (isinstance(c, str) and _WS_ALL.sub("", text) in EMPTY_MARKERS):
        return None
    return redact_numbers(text)


# --------------------------------------------------------------------------- names and places

# Middle dots of minority and foreign names come in many code points; one spelling lets names match.
_DOTS = {"•": "·", "・": "·", "‧": "·", "∙": "·", "⋅": "·", "●": "·"}
# A note after a name comes in other brackets too (李四【五保户】, 张三〔4组〕, 李明[县委办]): read as （）, so
# that what is in them is read as it is there, and 张三【大】 is the household 张三（大） is.
_BRACKETS = {"【": "(", "】": ")", "〔": "(", "〕": ")", "〖": "(", "〗": ")", "[": "(", "]": ")"}
_NAME_CHARS = str.maketrans(_DOTS | _BRACKETS)
_NOTE_BRACKETS = str.maketrans(_BRACKETS)
_FULL_BRACKETS = str.maketrans("（）", "()")


def _compact_name(cell: object, what: str) -> str | None:
    c = _coerce(cell)
    if c is None:
        return None
    if not isinstance(c, str):
        raise ValueProblem(f"「{_quote(c)}」不是有效{what}")
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return None
    s = s.translate(_NAME_CHARS)
    if not any(map(str.isalpha, s)):
        raise ValueProblem(f"「{_quote(c)}」不是有效{what}")
    # A phone number written after a name ("李明13812345678") is not part of the name: dropped,
    # not replaced by a placeholder that would then read as part of it.
    redacted = redact_numbers(s)
    if redacted != s:
        # 李明（电话：0797-1234567）, 李明 手机13800138000: the number's label goes with it.
        redacted = _PHONE_LABEL.sub("", redacted.replace(REDACTED, "").strip("：:，,；;()（）-")) or None
    return redacted


_PHONE_LABEL = re.compile(r"[(（]?(?:联系)?(?:电话号码|电话|手机号码|手机号|手机|联系方式|tel|TEL|Tel)[:：]?[0-9-]*$")


def parse_name(cell: object) -> str | None:
    """A person's name with every space removed (ASCII, full-width, zero-width), NFKC; several names
    (a visit by two cadres: 李明、王红, 李明 王红, 李明/王红) as one list joined by ``、``, never run together.

    Numbers, dates and text without a single letter are not names
    (ValueProblem); empty -> None.

    >>> parse_name("\\u3000李 四 "), parse_name("李明 王红"), parse_name("李明，王红")
    ('李四', '李明、王红', '李明、王红')
    """
    s = _compact_name(cell, "姓名")
    if s is None:
        return None
    names = (_spaced_names(cell) if isinstance(cell, str) else None) or [part for part in _LIST.split(s) if part]
    return "、".join(names) if len(names) > 1 else (names[0] if names else s)


# A cadre's work unit or post written after the name (李明（县交通局）, 王红(驻村工作队), 刘华（第一书记）): not part
# of it — written so in one row and 李明 in the next, one cadre's visit was two.
_CADRE_NOTE = re.compile(
    r"\((?:[^()]{0,20}(?:办公室|办|局|委员会|委|部|院|所|站|中心|公司|银行|行|队|学校|医院|政府|单位)"
    r"|(?:驻村)?(?:第一)?(?:书记|副书记|主任|副主任|队长|副队长|组长|队员|局长|副局长|科长|站长|所长|乡长|镇长|干部))\)$")


def parse_cadre(cell: object) -> str | None:
    """A cadre's name (``parse_name``), without the work unit or post written after it in brackets.

    >>> parse_cadre("李明（县交通局）"), parse_cadre("李明(县委办)、王红（驻村工作队）"), parse_cadre("刘华（第一书记）")
    ('李明', '李明、王红', '刘华')
    >>> parse_cadre("李明（小）"), parse_cadre("（县委办）"), parse_cadre("李明同志")
    ('李明(小)', '(县委办)', '李明')
    """
    s = parse_name(cell)
    if s is None or "(" not in s and "同志" not in s and "、" not in s:
        return s
    names = [_CADRE_NOTE.sub("", name) or name for name in s.split("、")]
    if len(names) > 1 and len(people := [n for n in names if not _cadre_unit(n)]) < len(names) and people:
        names = people  # 李明 县交通局, 李明/县委办: one cadre and his unit (were two cadres, 李明、县交通局)
    return "、".join(_COMRADE_END.sub("", name) for name in names)


_COMRADE_END = re.compile(r"(?<=..)同志$")  # 李明同志: 李明
# A cadre's unit or post written apart from the name (李明 县交通局, 李明/县委办, 刘华 第一书记): a county's or
# township's office, a unit's word of two characters or more, or a post. A single 行, 所, 院 … ends names too (张德行),
# so those only after 县, 市, 乡 …; and a part beginning with a common surname may be the name run into its unit
# (李明县委办、王红): kept whole.
_CADRE_UNIT = re.compile(
    r"(?:县|市|省|乡|镇)[^、]{0,18}(?:办公室|办|局|委员会|委|部|院|所|站|中心|公司|银行|行|队|学校|医院|政府|单位)"
    r"|[^、]{1,18}(?:办公室|委员会|中心|公司|银行|学校|医院|政府|单位|工作队|工作组)|[^、]{2,18}(?:局|办)"
    r"|(?:驻村)?(?:第一)?(?:书记|副书记|主任|副主任|队长|副队长|组长|队员|局长|副局长|科长|站长|所长|乡长|镇长|干部)")


def _cadre_unit(part: str) -> bool:
    """Whether one of the parts a cadre cell lists is a unit or a post, not a person (``_CADRE_UNIT``)."""
    return _CADRE_UNIT.fullmatch(part) is not None and part[0] not in _COMMON_SURNAMES


# What a ledger writes around a household's head: 钟福林户, 钟福山家, 钟福海（户主）, 3组刘庆生.
_HOUSEHOLD_NOTE = re.compile(r"[(（](?:户主|户|本人|家)[)）]$")
# A household's standing noted beside its head (李四（五保户）, 孙八(已故), 赵六（低保）): not part of the
# name. Only these words: 张三（大） and 张三（小） are two households, told apart by what is in brackets.
_STANDINGS = (
    r"(?:五保|低保|特困|贫困|困难|脱贫|已脱贫|建档立卡|一般|边缘|重点|监测|残疾|军属|烈属|优抚|空巢|留守|独居|孤寡"
    r"|单亲|危房)户?(?:人员|对象)?"
    r"|已故|故|去世|已去世|迁出|已迁出|外出|外出务工|务工|在外|不在家|销户|已销户|注销|已注销"
)
_STANDING_WORD = rf"(?:{_STANDINGS}|党员)"
_STANDING_NOTE = re.compile(rf"[(（]{_STANDING_WORD}[)）]$")
# Dashes a cell writes between a name and what follows it (李四-五保户), or between two names (张三—李四).
_DASH_CHARS = "-—―–~"
# The same written after the name with a space, a dash or a separator (李四 五保户, 孙八 已故, 周九 党员, 李四-五保户,
# 李四，五保户), or run into it where the word cannot end a name (王五贫困户, 孙八已故): not part of it — it was,
# 李四五保 matching no visit to 李四, and 李四，五保户 a row said to name two households.
_STANDING_SPACED = re.compile(rf"(?<=\S)(?:\s*[{re.escape(_DASH_CHARS)},、;/:|]\s*|\s+)(?:{_STANDING_WORD}|户主)$"
                              # and 郑一 家, 李四 一家, 李四、全家: that head's household
                              r"|(?<=\S\S)(?:\s*[-—―–、,]\s*|\s+)(?:家|一家人?|全家人?|一家子|家人)$")
# Several standings in one bracket (张三（低保，已故）, 张三（五保、残疾）): the household's, not a list of households. Read
# on the name as ``_compact_name`` gives it: NFKC, squashed, its brackets ().
_STANDINGS_LISTED = re.compile(rf"\({_STANDING_WORD}(?:[,、;/]{_STANDING_WORD})+\)$")
# How many live in it, after the name (张三（4人）, 张三 4口人): the household's size, not part of the name.
_PERSONS_AFTER = re.compile(r"(?<=..)\(?[0-9一二三四五六七八九十]{1,2}(?:口人|人|口)\)?$")
# A separator left before the name once the village or group before it is taken (澄江村-张三, 澄江村：张三).
_LEAD_SEPARATORS = re.compile(f"^[{re.escape(_DASH_CHARS)}:：,，、/]+")
_STANDING_RUN_ON = re.compile(r"(?<=..)(?:(?:五保|低保|特困|贫困|困难|脱贫|监测|边缘|一般)户|已故|已去世|已迁出|已销户|已注销)$")
# Marks a list puts after a name to single out a household (赵六★, 钱七*): not part of it either.
_NAME_MARKS = "★☆*＊※▲△◆◇■□√✓✔#＃"
_HOUSEHOLD_END = re.compile(r"(?:(?<=..)一户|户|家庭|(?<=..)同志)$")  # 张三一户, 张三同志 (王一户 is 王一's)
_FAMILY_END = re.compile(r"(?<=..)(?<=...)家$")  # 钟福山家; but 张国家 is a name
_GROUP_PREFIX = re.compile(r"^第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|小组|组|队)")
# The village noted after the name (张三（澄江村）, 张三(新屋村委会3组), 张三〔城东社区〕): not part of it — it was, a visit
# to 张三 unmatched. Two characters at least before the village's word (李四（本村）, 李四（外村） say no village).
_VILLAGE_NOTE = re.compile(r"(?<=..)\(([^()]{2,6}?(?:村民委员会|村委会|村委|村|社区|居委会))"
                           r"(第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|小组|组|队))?\)$")
# The group noted after the name: 张三（4组）, 张三(第四村民小组).
_GROUP_NOTE = re.compile(r"(?:[(（](第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|小组|组|队))[)）]"
                         r"|(?<=..)(第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|小组|组)))$")  # or unbracketed: 张三4组
_LIST = re.compile(r"[、，,;；/]")
# A couple named together (张三、李梅夫妇, 张三和李梅夫妻): one household, the first named its head's.
_COUPLE_ENDS = ("夫妇", "夫妻", "两口子", "老两口")
_COUPLE = re.compile(rf"^([\u4e00-\u9fff]{{2,4}})[、，,/和与及]([\u4e00-\u9fff]{{2,4}}?)(?:{'|'.join(_COUPLE_ENDS)})$")
# Names side by side, spaces between (张三 李四 王五): several households; but 张 三 (a name spaced out to align
# with longer ones), 欧阳 红梅 (a compound surname), 澄江村 张三, 贫困户 张三 are one.
_SPACED_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_SPACES_ANY = re.compile(r"[\s\u200b]+")
_NOT_A_NAME_END = ("村", "组", "队", "乡", "镇", "户", "区", "委", "会")
_COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "端木",
    "独孤", "南宫", "西门", "轩辕", "呼延", "申屠", "太史", "万俟", "钟离",
})
# A village written before the name (澄江村张三, 新屋村委李四, 澄江村4组张三): not part of it.
_VILLAGE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:村民委员会|村委会|村委|村|社区|居委会)")
# The whole family after the name (张三一家, 李四夫妇, 王五全家): the household of that head.
_FAMILY_WORDS = re.compile(r"(?<=..)(?:一家人?|全家人?|一家子|夫妇|夫妻|家人|老两口)$")
# The person met rather than the head, written after the head's name (孙八之妻, 孙八的妻子, 孙八母亲, 孙八老伴): the
# household of that head. A one-character kin word only after 之 or 的 (张子, 李女 may be names).
_KIN_WORDS = ("妻子", "妻", "丈夫", "夫", "儿子", "子", "女儿", "女", "母亲", "母", "父亲", "父", "老伴", "爱人", "媳妇", "儿媳",
              "孙子", "孙女", "家属")
_KIN = f"(?:{'|'.join(_KIN_WORDS)})"
_KIN_AFTER = re.compile(rf"(?<=..)(?:(?:之|的){_KIN}|{'|'.join(w for w in _KIN_WORDS if len(w) > 1)})$")
# The member met, named with the head in brackets (李梅（张三之妻）, 李梅(户主张三)) or after the head and a kin
# word (张三之妻李梅, 张三的儿子张强): the head's household. A member named in brackets after the head
# (张三(妻李梅), 张三（妻：李梅）) is a note on the head's household. 张强（大儿子）, 张强（外孙女） name no head.
_MEMBER_OF_HEAD = re.compile(
    rf"[^()]{{2,4}}\((?:户主[:：]?(?P<named>[^()]{{2,4}})|(?![大小长次二三四五老外])(?P<head>[^()]{{2,4}}?)(?:之|的)?{_KIN})\)"
    rf"|(?P<before>[^()]{{2,4}}?)(?:之|的){_KIN}[^()]{{2,4}}"
)
_MEMBER_NOTE = re.compile(rf"(?<=..)\({_KIN}[:：]?[^()]{{2,4}}\)$")
# A family written in one cell, its head marked (张三（户主）、李四（妻）, 王五(户主) 赵六(子)): one household, the
# marked one's; several persons each a (bracketed note) or a separator apart.
_MARKED_HEAD = re.compile(r"(?:^|(?<=[、，,;；/)]))([^、，,;；/()]{2,6})\(户主\)")
_PERSONS_IN_CELL = re.compile(r"[^、，,;；/()]+(?:\([^()]*\))?")
# Several households as one (张三等5户, 张三户等, 张三等几户): each is entered on its own row.
_AND_OTHERS = re.compile(r"(?<=..)(?:户?等(?:[0-9一二三四五六七八九十几多]+)?户|户?等)$")
# A label or standing written before the name (户主：张三, 贫困户张三, 村民李四), or 户主 after it without brackets.
_LABEL_BEFORE = re.compile(r"^(?:户主|户名|姓名|村民|农户|(?:贫困|低保|五保|特困|困难|脱贫|监测|边缘|建档立卡|一般)户)[:：]?(?=..)")
_HEAD_AFTER = re.compile(r"(?<=..)户主$")
# The head, labelled or not, then the family or more labelled after it (户主：张三 家庭成员：李梅, 户主:张三，人口:4,
# 张三 家庭成员：李梅): were read as the household 张三家庭成员:李梅.
_OTHER_LABELS = r"(?:家庭成员|成员|家属|妻子?|丈夫|配偶|人口|家庭人口|电话|联系电话|手机|身份证)"
_LABELLED_HEAD = re.compile(r"^\s*户主(?:姓名)?\s*:\s*([\u4e00-\u9fff·]{2,4}?)"
                            rf"(?:\s*[\s,、;/]\s*|(?={_OTHER_LABELS}))(?=[^:]{{1,8}}:)"
                            rf"|^\s*([\u4e00-\u9fff·]{{2,4}}?)\s*[\s,、;/]?\s*{_OTHER_LABELS}\s*:")
# A kind of people rather than a household (a meeting or a round of visits written as one row): 全体村民,
# 全组农户, 村民代表, 贫困户, 村两委. No name is one of these words.
_COLLECTIVE = re.compile(
    r"^(?:全体|全村|全组|全乡|全镇|本村|本组|各村|各组|部分|在家|留守|全部|广大)?"
    r"(?:村民|群众|农户|居民|党员|干部|村干部|组干部|村组干部|代表|村民代表|党员代表|群众代表|村两委|两委|两委干部|"
    r"村两委干部|两委成员|村两委成员|党员干部|"
    r"贫困户|困难户|低保户|五保户|特困户|脱贫户|老人|儿童|妇女|学生|家庭|住户|户主)(?:代表|们|等)?$"
)


def parse_household(cell: object) -> str | None:
    """A household, by its head's name as a ledger writes it: ``parse_name``, then without the
    words around it (``钟福林户``, ``钟福山家``, ``钟福海（户主）`` → the name; a group written before
    it, ``3组刘庆生``, or after it, ``刘庆生（3组）``, dropped: ``group_in_household`` reads it). A cell listing several households (``李金水、李木水``) is one row for
    several visits: a ValueProblem, so that each is entered on its own row rather than counted once.

    >>> parse_household("钟福林户"), parse_household("钟福山家"), parse_household("3组刘庆生"), parse_household("张国家")
    ('钟福林', '钟福山', '刘庆生', '张国家')
    >>> parse_household("廖春生、"), parse_household("，廖春生")
    ('廖春生', '廖春生')
    >>> parse_household("李四(五保户)"), parse_household("孙八（已故）"), parse_household("赵六★"), parse_household("张三(小)")
    ('李四', '孙八', '赵六', '张三(小)')
    >>> parse_household("李四 五保户"), parse_household("孙八 已故"), parse_household("王五贫困户"), parse_household("周九 党员")
    ('李四', '孙八', '王五', '周九')
    >>> parse_household("张三、李梅夫妇"), parse_household("张三和李梅夫妻")
    ('张三', '张三')

    A label or standing before the name is not part of it either (``户主：张三``, ``贫困户张三`` → 张三), nor the
    family member met written after it (``孙八之妻``, ``孙八母亲`` → 孙八). A kind of
    people, not a household (``全体村民``, ``村民代表``, ``贫困户``), is a ValueProblem.
    """
    if isinstance(cell, str) and ("：" in cell or ":" in cell) and (
            labelled := _LABELLED_HEAD.match(unicodedata.normalize("NFKC", cell))):
        cell = labelled.group(1) or labelled.group(2)  # 户主：张三 家庭成员：李梅: the head labelled, then others — the head's household
    if isinstance(cell, str) and (standing := _STANDING_SPACED.search(text := unicodedata.normalize("NFKC", cell).rstrip())):
        cell = text[:standing.start()]  # 李四 五保户: the household's standing, no second household
    s = _compact_name(cell, "户主姓名")
    if s is None:
        return None
    if s.endswith(")") and (listed := _STANDINGS_LISTED.search(s)) is not None and listed.start():
        s = s[:listed.start()]  # 张三（低保，已故）: the household's standings, no second household
    if s[:1] in _DIGIT_CHARS and (numbered := _LIST_NUMBERING.sub("", s)) != s:
        s = numbered  # 1、张三: the list's numbering, no second household
    if "户主" in s and len(heads := _MARKED_HEAD.findall(s)) == 1 and len(_PERSONS_IN_CELL.findall(s)) > 1:
        s = heads[0]  # the family listed with its head marked (张三（户主）、李四（妻）): the head's household
    if s.endswith(_COUPLE_ENDS) and (couple := _COUPLE.match(s)) is not None:
        s = couple.group(1)
    parts = [part for part in _LIST.split(s) if part]
    if len(parts) <= 1 and isinstance(cell, str):
        parts = _spaced_names(cell) or parts
    if len(parts) <= 1 and _DASHES.search(s) is not None:
        if len(words := _DASHES.split(s)) == 2 and words[0] in _COMPOUND_SURNAMES:
            s = parts[0] = "".join(words)  # 欧阳-红梅: one name, as 欧阳 红梅 is
        parts = _names_among(words) or parts  # 张三-李四: two households, not one name with a dash
    if len(parts) > 1:
        raise ValueProblem(f"「{_quote(s)}」写了{len(parts)}户，每户应单独一行")
    if _AND_OTHERS.search(s) is not None:
        raise ValueProblem(f"「{_quote(s)}」写了不止一户，每户应单独一行")
    if _COLLECTIVE_END.search(s) is not None and _collective(s):
        raise ValueProblem(f"「{_quote(s)}」不是一户，应写明户主姓名")
    if parts and parts[0] != s:  # a separator left over at either end: 「廖春生、」
        s = parts[0]
    bare = s.strip(_NAME_MARKS)
    for _ in range(2):  # 张三（澄江村）（五保户）, 张三（五保户）（澄江村）
        if bare.endswith(")"):
            bare = _VILLAGE_NOTE.sub("", bare)  # 张三（澄江村）: ``village_in_household`` reads it
        bare = _STANDING_NOTE.sub("", _HOUSEHOLD_NOTE.sub("", _MEMBER_NOTE.sub("", bare)))
    bare = _STANDING_RUN_ON.sub("", bare)
    if (member := _MEMBER_OF_HEAD.fullmatch(bare)) is not None:
        bare = member.group("named") or member.group("head") or member.group("before")
    if (village := _village_before_name(bare)) is not None:
        bare = bare[village.end():]
    bare = _GROUP_NOTE.sub("", _LEAD_SEPARATORS.sub("", _GROUP_PREFIX.sub("", _LEAD_SEPARATORS.sub("", bare))))
    bare = _KIN_AFTER.sub("", _FAMILY_WORDS.sub("", _HEAD_AFTER.sub("", _LABEL_BEFORE.sub("", bare))))
    bare = _PERSONS_AFTER.sub("", bare)
    shorter = _FAMILY_END.sub("", _HOUSEHOLD_END.sub("", bare))
    if len(shorter) >= 2:
        bare = shorter
    if bare[:1] in _DIGIT_CHARS and (numbered := _NAME_NUMBERING.sub("", bare)) != bare:
        bare = numbered  # 1.张三, ①张三: the list's numbering
    if bare[-1:] in _NAME_TAIL_CHARS:
        bare = bare.rstrip(_NAME_TAIL)  # 张三。, 张三-
    return bare if len(bare) >= 2 else s


_DIGIT_CHARS = frozenset("0123456789")
_LIST_NUMBERING = re.compile(r"^[0-9]{1,3}[.、．)）](?=[^0-9])")
_NAME_NUMBERING = re.compile(r"^[0-9]{1,3}[.、．)）]?(?=[\u4e00-\u9fff]{2,4}$)")
_NAME_TAIL = ".。，,；;：:" + _DASH_CHARS
_NAME_TAIL_CHARS = frozenset(_NAME_TAIL)
_DASHES = re.compile(f"[{re.escape(_DASH_CHARS)}]+")


def _spaced_names(text: str) -> list[str] | None:
    """The names a cell writes side by side with spaces between (``张三 李四``), when two at least; else None."""
    words = [w for w in _SPACES_ANY.split(unicodedata.normalize("NFKC", text).strip()) if w]
    if len(words) < 2:
        return None
    return _names_among(words)


# The commonest surnames (some four hundred): what tells a column of names without a
# heading from one of notes (五保户, 已走访, 外出) where nothing else can.
_COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区"
    "郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由钭赖"
)


def looks_like_person(cell: object) -> bool:
    """Whether a cell is a person's name and nothing else, by its shape alone: two to four Chinese characters
    beginning with a common surname, not a kind of people (党员, 村民). For a column
    without a heading, where no heading says what it holds.

    >>> looks_like_person("李四"), looks_like_person(" 欧阳红梅"), looks_like_person("已走访"), looks_like_person("党员")
    (True, True, False, False)
    """
    if not isinstance(cell, str):
        return False
    s = _squash(cell)
    if not _SPACED_NAME.fullmatch(s) or s[0] not in _COMMON_SURNAMES and s[:2] not in _COMPOUND_SURNAMES:
        return False
    return _COLLECTIVE.match(s) is None


def _names_among(words: list[str]) -> list[str] | None:
    """Of the words a cell writes apart, those that are names (2-4 characters, no village, group or label), when two at
    least; else None. A compound surname and the given name written apart (欧阳 红梅, 欧阳-红梅) are one name."""
    if len(words) == 2 and words[0] in _COMPOUND_SURNAMES:
        return None
    names = [w for w in words if _SPACED_NAME.match(w) and not w.endswith(_NOT_A_NAME_END) and _LABEL_BEFORE.match(w + "..") is None]
    return names if len(names) >= 2 else None


def group_in_household(cell: object) -> str | None:
    """The 村民小组 a household cell writes before or after its head's name (``3组刘庆生``,
    ``刘庆生（第三村民小组）``), as written, else None; never a problem (``parse_household`` judges the cell).

    >>> group_in_household("3组刘庆生"), group_in_household("刘庆生（第三村民小组）"), group_in_household("刘庆生")
    ('3组', '第三村民小组', None)
    """
    c = _coerce(cell)
    if not isinstance(c, str) or not any(ch in c for ch in "组队"):
        return None
    s = _squash(c).strip(_NAME_MARKS).translate(_NOTE_BRACKETS)
    if (village := _VILLAGE_PREFIX.match(s)) is not None and _GROUP_PREFIX.match(s[village.end():]):
        s = s[village.end():]  # 澄江村4组张三
    m = _GROUP_PREFIX.match(s) or _GROUP_NOTE.search(s)
    if m is None:
        village = _VILLAGE_NOTE.search(s.translate(_FULL_BRACKETS)) if s.endswith((")", "）")) else None
        return village.group(2) if village is not None else None  # 张三（澄江村4组）
    return (m.group(1) or m.group(2)) if m.re is _GROUP_NOTE else m.group(0)


def _collective(text: str) -> bool:
    """A kind of people, not a household, a village or group before it or not (全体村民, 3组群众, 澄江村村两委干部)."""
    bare = text.strip(_NAME_MARKS)
    if _COLLECTIVE.match(bare) is not None:
        return True
    if (village := _village_before_name(bare)) is not None:
        bare = bare[village.end():]
    return _COLLECTIVE.match(_GROUP_PREFIX.sub("", bare)) is not None


# What a kind of people ends with (``_COLLECTIVE``'s words, a mark after them), to pass names over at once.
_COLLECTIVE_END = re.compile(rf"(?:村民|群众|农户|居民|党员|干部|代表|两委|成员|户|老人|儿童|妇女|学生|家庭|户主)(?:代表|们|等)?"
                             rf"[{re.escape(_NAME_MARKS)}]*$")


def _village_before_name(text: str) -> re.Match[str] | None:
    """The village a household cell writes before its head's name (澄江村张三, 澄江村4组张三: the name 2-4
    characters after it, a group between them), else None."""
    village = _VILLAGE_PREFIX.match(text)
    rest = _LEAD_SEPARATORS.sub("", text[village.end():]) if village is not None else ""
    return village if village is not None and 2 <= len(_GROUP_PREFIX.sub("", rest)) <= 4 else None


def village_in_household(cell: object) -> str | None:
    """The village a household cell writes before its head's name (``澄江村张三``, ``澄江村委会3组刘庆生``), as
    ``parse_place`` reads it, else None; never a problem (``parse_household`` drops it from the name).

    >>> village_in_household("澄江村张三"), village_in_household("澄江村委会3组刘庆生"), village_in_household("张三")
    ('澄江村', '澄江村', None)
    """
    if not isinstance(cell, str) or "村" not in cell and "区" not in cell and "会" not in cell:
        return None  # most cells: a name alone
    s = _squash(cell).strip(_NAME_MARKS).translate(_NOTE_BRACKETS)
    bare = _STANDING_NOTE.sub("", _HOUSEHOLD_NOTE.sub("", _MEMBER_NOTE.sub("", s)))
    village = _village_before_name(bare)
    if village is None and bare.endswith((")", "）")):
        village = _VILLAGE_NOTE.search(bare.translate(_FULL_BRACKETS))  # 张三（澄江村）
    if village is None:
        return None
    try:
        return parse_place(village.group(1) if village.re is _VILLAGE_NOTE else village.group(0))
    except ValueProblem:
        return None


def group_in_place(cell: object) -> str | None:
    """The 村民小组 a 村组 cell writes after its village (``新屋村3组`` → ``3组``), as written, else None;
    never a problem (``parse_place`` reads the village).

    >>> group_in_place("新屋村 第一村民小组"), group_in_place("新屋村"), group_in_place("3组")
    ('第一村民小组', None, '3组')
    """
    c = _coerce(cell)
    if not isinstance(c, str) or not any(ch in c for ch in "组队"):
        return None
    s = _squash(c)
    return s if _GROUP_ALONE.fullmatch(s) else group_after_village(s)


# A 村组 (or 村别) cell naming a group and no village (3组, 第三村民小组): the row's group, its village the context's.
_GROUP_ALONE = re.compile(r"第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|居民小组|小组|组|队)")


def group_alone(cell: object) -> bool:
    """Whether a place cell names a 村民小组 and nothing else (``3组``, ``第三村民小组``): no village.

    >>> group_alone("3组"), group_alone("澄江村3组"), group_alone("澄江村")
    (True, False, False)
    """
    return isinstance(cell, str) and _GROUP_ALONE.fullmatch(_squash(cell)) is not None


def parse_place(cell: object) -> str | None:
    """A township or village name, canonical: the office suffix and a county prefix dropped.

    ``黄坑镇人民政府`` -> ``黄坑镇``, ``新屋村民委员会`` -> ``新屋村``,
    ``城东居委会`` -> ``城东社区``, ``安远县黄坑乡`` -> ``黄坑乡``. A bare
    ``新屋`` stays ``新屋`` (reconciling bare names needs the whole ledger).
    """
    s = _compact_name(cell, "地名")
    return None if s is None else canonical_place(s)

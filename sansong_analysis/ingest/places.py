"""Township and village from free text: title rows, sheet names, file and folder names.

A ledger that has no township or village column still says where it is from
somewhere: ``黄坑乡新屋村走访登记表`` in a title row, a sheet called ``新屋村``,
a file ``新屋村台账.xlsx`` in a folder ``黄坑乡``. The first source that names
a place wins, in that order (title, sheet, file, folders nearest first).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# --------------------------------------------------------------------------- place names, declared once
#
# The words of an administrative name, for a place column (``canonical_place``, through
# ``values.parse_place``) and for free text (``places_in_text``) alike.

_TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "乡", "镇")
_VILLAGE_SUFFIXES = ("社区", "村")
_CJK = r"\u3400-\u9fff"
# What an office writes after a place's name, and what the name then ends with: 黄坑镇人民政府 is
# 黄坑镇, 新屋村民委员会 新屋村, 城东居委会 城东社区, 龙布街道办事处 龙布街道.
_OFFICE_WORDS = (
    (r"(?<=[乡镇])[乡镇]?(?:党委)?(?:人民)?政府", ""),
    (r"街道办事处|街道办", "街道"),
    (r"社区(?:居民委员会|居委会|居委)", "社区"),
    (r"(?<!社区)(?:居民委员会|居委会)", "社区"),
    (r"村?(?:村民委员会|村委会|村委)", "村"),
)
# An administrative village written as such after its name (澄江行政村, 澄江行政村委会) is that village (澄江村); not
# the word after a level or a count (葛坳乡行政村, 各行政村, 全县20个行政村), which names no village.
_ADMIN_VILLAGE = re.compile(rf"(?<=[{_CJK}])(?<![乡镇县市区各全本该每个有])行政(?=村)")
_PLACE_SUFFIXES = tuple((re.compile(words + "$"), name_end) for words, name_end in _OFFICE_WORDS)
_OFFICES_IN_TEXT = tuple((re.compile(words), name_end + "|") for words, name_end in _OFFICE_WORDS)
_CN_DIGITS_PLACE = "〇零一二两三四五六七八九十"
_COUNTY_PREFIX = re.compile(r"(?:[^省市县]{2,8}?省)?(?:[^省市县]{2,8}?市)?([^乡镇村组县]{1,8}?)县(.+)")
_TOWNSHIP_END = ("乡", "镇", "街道", "政府", "办事处", "街道办")
# A 村组 column ("新屋村3组", "新屋村第一村民小组", "新屋村委会上屋组"): the village is the part before
# the group (its committee's words dropped). A group is numbered, or named in one to three characters
# (上屋组, 坳背组), never the bare word or the rest of a committee (新屋村村民小组, 新屋村民小组) nor a team of people (新屋村工作组, 帮扶组).
_NOT_A_GROUP_NAME = r"(?!(?:村民|居民)?小组$|[民委居]|工作|领导|帮扶|调解|调处|督查|驻村|党)"
_COMMITTEE_THEN_GROUP = (
    rf"(?:民委员会|委员会|委会|委|居民委员会|居委会)?(第?[0-9{_CN_DIGITS_PLACE}]{{1,4}}(?:村民小组|居民小组|小组|组|队)"
    rf"|{_NOT_A_GROUP_NAME}[{_CJK}]{{1,3}}(?:村民小组|小组|组))"
)
_VILLAGE_THEN_GROUP = re.compile(rf"(.{{2,}}?(?:村|社区)){_COMMITTEE_THEN_GROUP}")
_GROUP_AFTER_VILLAGE = re.compile(_COMMITTEE_THEN_GROUP)


def group_after_village(s: str) -> str | None:
    """The 村民小组 a 村组 cell names after its village, as written (``新屋村3组`` → ``3组``), else None.

    >>> group_after_village("新屋村第一村民小组"), group_after_village("新屋村委会上屋组"), group_after_village("新屋村")
    ('第一村民小组', '上屋组', None)
    """
    m = _VILLAGE_THEN_GROUP.fullmatch(s)
    return m.group(2) if m else None


def canonical_place(s: str) -> str:
    """A place name as a column writes it, canonical: the office after it and a county before it
    dropped (``安远县黄坑镇人民政府`` → ``黄坑镇``, ``新屋村民委员会`` → ``新屋村``, ``城东居委会`` →
    ``城东社区``, ``新屋村3组`` → ``新屋村``); a bare ``新屋`` stays (see ``bare_name_map``).

    >>> canonical_place("安远县黄坑镇人民政府"), canonical_place("城东居委会")
    ('黄坑镇', '城东社区')
    """
    s = _ADMIN_VILLAGE.sub("", s)
    if m := _VILLAGE_THEN_GROUP.fullmatch(s):
        s = m.group(1)
    m = _COUNTY_PREFIX.fullmatch(s)
    # A one-character county (赣县) is only dropped before a township, so 老县城社区 stays whole.
    if m and len(m.group(2)) >= 2 and (len(m.group(1)) >= 2 or m.group(2).endswith(_TOWNSHIP_END)):
        s = m.group(2)
    for rx, name_end in _PLACE_SUFFIXES:
        shorter = rx.sub(name_end, s)
        if shorter != s and len(shorter) >= 2:
            s = shorter
            break
    return s


# Words around place names in titles and file names that are not part of them.
# Longer first so that "村民小组" goes before "村民".
_NOISE = sorted(
    [
        "三送办公室", "三送办", "办公室", "领导小组", "三送", "工作组", "工作队", "驻村", "驻乡", "驻", "进村", "入户", "乡村振兴", "乡村", "农村", "村民小组",
        "走访", "慰问", "帮扶", "结对", "包扶", "筹资", "纠纷", "调处", "填报单位", "填报", "单位",
        # A village or township written as a level or a kind of one, no name (澄江行政村 is dropped to 澄江村 before).
        "行政村", "自然村", "贫困村", "脱贫村", "出列村", "重点村", "示范村", "试点村", "挂点村", "挂钩村", "联系村", "结对村",
        "定点村", "所在村", "扶贫村", "重点乡镇", "贫困乡镇", "示范乡镇", "试点乡镇", "相关乡镇", "有关乡镇", "部分乡镇",
        "其他乡镇", "其它乡镇", "边远乡镇", "偏远乡镇", "山区乡镇", "所有乡镇", "涉及乡镇", "个乡镇", "贫困乡",
        "村民", "村委会", "村委", "村级", "村组", "村干部", "各村", "全村", "本村", "该村", "各乡镇", "全乡镇", "各乡",
        "全乡", "全镇", "本乡", "本镇", "各镇", "乡级", "镇级", "乡里", "关于", "附件", "附表", "汇总", "统计", "台账",
        "花名册", "名单", "登记表", "登记", "一览表", "明细", "情况", "工作", "年度", "全年", "上半年", "下半年", "季度",
        "人民政府", "政府", "党委", "中共", "办事处", "委员会",
    ],
    key=len,
    reverse=True,
)
_NOISE_RE = re.compile("|".join(map(re.escape, _NOISE)))
# 乡村 is noise (驻乡村工作组, 美丽乡村), but after a name and before a word of the village level it is a township's
# 乡 and that word: 葛坳乡村级走访记录, 葛坳乡村组干部, 葛坳乡村民小组, 葛坳乡村三送…, 黄坑乡村庄整治… (a township's
# 乡村组干部 are its own, too).
_TOWNSHIP_THEN_VILLAGE_WORD = re.compile(rf"(?<=[{_CJK}]{{2}})(?<!城)乡(?=村(?:级|组|民|干部|两委|三送|庄))")  # not 城乡
# Likewise a village's 村 before 干部, 组干部 or 级 (澄江村干部包扶名单, 澄江村组干部, 澄江村级台账): the village and its
# cadres, not the noise 村干部 (葛坳乡村干部, 各村组干部 name none); not before 村民 (上屋村民小组 is a group).
_VILLAGE_THEN_LEVEL_WORD = re.compile(rf"(?<=[{_CJK}]{{2}})(?<![乡镇县市区各全本该每个有驻进到])村(?=组干部|级|干部)")
# Years, months and periods in titles and file names (``2011年度``, ``上半年``, ``第一季度``, ``1-6月``,
# ``年终``): never part of a place. Whole words first, so that ``2011年度`` leaves no stray 度 to
# pass for the first character of a township (``度黄坑乡``).
_CN_NUM = "〇零一二两三四五六七八九十"
_DATE_WORDS = re.compile(
    rf"(?:[0-9]{{2,4}}|[{_CN_NUM}]{{2,4}})年(?:度|上半年|下半年|全年|年终|年初|年末|年底)?"
    rf"|[0-9{_CN_NUM}]{{1,3}}\s*[-—~～至到]\s*[0-9{_CN_NUM}]{{1,3}}月份?"
    rf"|第?[1-4一二三四]季度|[上下]半年度?|年度|全年|年终|年初|年末|年底|年中|元月|春节|[0-9]+月份?|[0-9]+日"
    rf"|[{_CN_NUM}]+月份?"
)
# Anything but Chinese ends a segment; so does an administrative level above the township after a
# name of its own ("安远县黄坑乡" → "黄坑乡", "赣州市安远县" → …), but not a 市, 州 or 旗 inside a
# place's own name (新市镇, 麻州镇, 红旗村: one character before it, or a township already begun).
_NOT_CJK = re.compile(rf"[^{_CJK}]+")
_LEVELS = "省市县州盟旗"


def _segments(text: str) -> list[str]:
    out = []
    for run in _NOT_CJK.split(text):
        start = 0
        for i, ch in enumerate(run):
            before = run[start:i]
            if ch in _LEVELS and len(before) >= 2 and not any(c in before for c in "乡镇村组街") and i + 1 < len(run):
                out.append(before)
                start = i + 1
        out.append(run[start:])
    return out


@dataclass(frozen=True)
class Places:
    township: str | None = None
    village: str | None = None
    # The townships a text names when it names two or more (葛坳乡、黄坑乡走访情况): then neither is its township.
    townships: tuple[str, ...] = field(default=(), repr=False)


def _part_entries(text: str) -> str:
    """``|`` where a wide gap parts two entries (``乡镇：黄坑乡　村：新屋村``); spaces inside a
    letter-spaced title (``黄　坑　乡　走　访``) or a stray one (``黄坑乡 新屋村``) are dropped later."""
    pieces = re.split(r"(\s+)", text)
    out = []
    for i, piece in enumerate(pieces):
        wide = i % 2 == 1 and (len(piece) >= 2 or "\u3000" in piece)
        if wide and len(pieces[i - 1]) >= 2 and i + 1 < len(pieces) and len(pieces[i + 1]) >= 2:
            out.append("|")
        else:
            out.append(piece)
    return "".join(out)


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", _part_entries(text.strip()))
    s = _ADMIN_VILLAGE.sub("", re.sub(r"\s+", "", s))
    # The office after a name ends the name, as canonical_place reads it in a column.
    for rx, name_end in _OFFICES_IN_TEXT:
        s = rx.sub(name_end, s)
    return _DATE_WORDS.sub("|", s)


def _take_name(segment: str, start: int, end: int) -> str | None:
    """The place name ending at ``end``: all of a short prefix, else its last two characters."""
    prefix = segment[start:end]
    if len(prefix) < 2:
        return None
    return prefix if len(prefix) <= 3 else prefix[-2:]


def _find(segment: str, suffixes: tuple[str, ...]) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    for suffix in suffixes:
        pos = segment.find(suffix, 1)
        while pos != -1:
            name = _take_name(segment, 0, pos)
            # "三乡镇": the 乡 has a one-character prefix; the 镇 after it takes two.
            if name is not None and (best is None or pos < best[0]):
                best = (pos, name + suffix, pos + len(suffix))
                break
            pos = segment.find(suffix, pos + 1)
    if best is None:
        return None
    return best[1], best[2]


def places_in_text(text: object) -> Places:
    """The township and village a piece of free text names, if any.

    >>> places_in_text("黄坑乡新屋村2011年走访登记表")
    Places(township='黄坑乡', village='新屋村')
    >>> places_in_text("安远县龙布镇人民政府")
    Places(township='龙布镇', village=None)
    >>> places_in_text("驻乡村三送工作组走访登记表")
    Places(township=None, village=None)
    >>> places_in_text("葛坳乡村级三送走访记录"), places_in_text("美丽乡村建设台账")
    (Places(township='葛坳乡', village=None), Places(township=None, village=None))
    >>> places_in_text("葛坳乡、黄坑乡走访情况").township, places_in_text("葛坳乡、黄坑乡走访情况").townships
    (None, ('葛坳乡', '黄坑乡'))
    """
    if not isinstance(text, str) or not text.strip():
        return Places()
    return _places_in_str(text)


@lru_cache(maxsize=16384)
def _places_in_str(text: str) -> Places:
    # Cached: the same titles, sheet names (months, villages), file and folder names and village
    # cells are read for every sheet and row that carries them; Places is immutable.
    township = None
    others: list[str] = []  # townships named after the first that are not one with it (葛坳乡、黄坑乡)
    villages: list[str] = []  # every village named, in order
    prepared = _prepare(text)
    for raw_segment in _segments(prepared):
        for segment in raw_segment.split("|"):
            if not segment:
                continue
            rest = segment
            if township is None:
                cleaned = _NOISE_RE.sub("|", _TOWNSHIP_THEN_VILLAGE_WORD.sub("乡|", segment))
                for part in cleaned.split("|"):
                    found = _find(part, _TOWNSHIP_SUFFIXES)
                    if found:
                        township = found[0].replace("街道办事处", "街道")
                        rest = segment[segment.find(found[0]) + len(found[0]):] if found[0] in segment else ""
                        break
            if township is not None and rest:  # what follows the township, or a later segment
                others += [found[0][1:] if found[0][0] in "和与及同" and len(found[0]) > 3 else found[0]
                           for part in _NOISE_RE.sub("|", rest).split("|")
                           if (found := _find(part, _TOWNSHIP_SUFFIXES)) and not _one_township(found[0], township)
                           and not _former(part, found)]
            for part in _NOISE_RE.sub("|", _VILLAGE_THEN_LEVEL_WORD.sub("村|", rest)).split("|"):
                while (found := _find(part, _VILLAGE_SUFFIXES)) is not None:
                    name, end = found
                    # 澄江村（原桥头村）: a village's former name after it is no second village (原头村 alone is a name).
                    if not (villages and _former(part, found)):
                        villages.append(name)
                    part = part[end:]
    if others:  # two townships named (葛坳乡、黄坑乡走访情况): neither is the place, nor a village of one
        return Places(townships=tuple(dict.fromkeys([township, *others])))
    # Two villages named (澄江村、桥头村; 澄江、桥头村; 澄江、桥头两村: one team's two villages) name neither as the place.
    if len(set(villages)) > 1 or (villages and _VILLAGES_LISTED.search(prepared)):
        return Places(township, None)
    return Places(township, villages[0] if villages else None)


def _former(part: str, found: tuple[str, int]) -> bool:
    """Whether a place ``_find`` found in ``part`` is written as a former name (原桥头村, 含原龙布乡)."""
    name, end = found
    start = end - len(name)
    return name.startswith("原") or (start > 0 and part[start - 1] == "原")


def _one_township(a: str, b: str) -> bool:
    """Whether two names read in one text are one township: 葛坳乡 and 葛坳镇 (a 乡 made a 镇), 葛坳镇 and 原葛坳乡."""
    a, b = township_stem(a), township_stem(b)
    return a.endswith(b) or b.endswith(a)


# A bare name listed before a village's (澄江、桥头村): the two are one list of villages. Not after 和, 及 or 与, which
# begin names (和平新村, 及第坊村), as ``tidy._PLACES_JOINED`` has it.
_VILLAGES_LISTED = re.compile(rf"[{_CJK}]{{2}}[、，,][{_CJK}]{{2,3}}(?:村|社区)")


@lru_cache(maxsize=16384)
def address_places(text: str) -> tuple[str | None, str, str | None] | None:
    """The (township or None, village, 村民小组 or None) a household's address names, else None when it
    names no village: what a 家庭住址 column says of the row's place, the rest of it (the house
    number, the road) never read.

    >>> address_places("江西省安远县葛坳乡澄江村委会上屋组12号"), address_places("澄江村3组")
    (('葛坳乡', '澄江村', '上屋组'), (None, '澄江村', '3组'))
    >>> address_places("城关镇东风路12号") is None
    True
    """
    squashed = _ADMIN_VILLAGE.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))
    found = _places_in_str(squashed) if squashed else Places()
    if found.village is None:
        return None
    at = squashed.find(found.village)
    after = _GROUP_AFTER_VILLAGE.match(squashed, at + len(found.village)) if at != -1 else None
    return found.township, found.village, after.group(1) if after else None


@dataclass(frozen=True)
class PlaceContext:
    """Where a table is from when its rows do not say, and which source said so.

    ``village_hints`` are the bare words (``新屋``) that the sheet, file and folders are named by
    when nothing names a village outright; the first that the township has a village of
    (``新屋村``, named elsewhere) becomes the village, which only the whole clean can tell.
    """

    township: str | None = None
    village: str | None = None
    township_source: str | None = None
    village_source: str | None = None
    village_hints: tuple[str, ...] = ()
    # The township the file's name or a folder names, and which (文件名, 文件夹名): where the team filed the
    # table, to tell a title, sheet or 乡镇 column that names another (``tidy.other_township``).
    filed_township: str | None = None
    filed_source: str | None = None
    # The village the sheet's name, the file's name or a folder names, and which: a title naming another is told
    # (``tidy.other_village``: a sheet copied for 桥头村 with 澄江村's title left on it).
    filed_village: str | None = None
    filed_village_source: str | None = None
    # Where no source names one township, the first that names two or more, and which (``Places.townships``).
    townships_named: tuple[str, ...] = ()
    townships_named_source: str | None = None
    # A title's village where no sheet, file or folder name names one outright: the bare words they are named by,
    # with which (``(("桥头", "工作表名"),)``), for the whole clean to tell a tab 桥头 under 澄江村's title.
    filed_village_words: tuple[tuple[str, str], ...] = ()
    # Where no source names a township: the bare words (葛坳) the file's folders are named by, the top one first. The
    # first that names a township the rest of the county names so (葛坳乡) is the township, which only the whole clean
    # can tell (``clean._apply_folder_townships``); where none does, its rows are rejects as before.
    folder_words: tuple[str, ...] = ()


# The label ``table.locate_table`` gives a title row among a table's place sources.
TITLE_SOURCE = "标题"
# Where a row's township was read from a folder named by a bare word (葛坳 for 葛坳乡): see ``folder_words``.
FOLDER_WORD_SOURCE = "文件夹名（乡镇简称）"
_BARE_WORD = re.compile(rf"[{_CJK}]{{2,4}}")
_HINT_SOURCES = ("工作表名", "文件名", "文件夹名")


def bare_place_word(text: object) -> str | None:
    """``text`` when it is nothing but a short Chinese word (``新屋``), the way a tab is named."""
    if not isinstance(text, str):
        return None
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return s if _BARE_WORD.fullmatch(s) else None


def resolve_context(sources: list[tuple[str, str]]) -> PlaceContext:
    """First township and first village named across ``(source label, text)`` pairs.

    Sources are given in priority order: title rows, sheet name, file name, folders.
    """
    read = [(label, text, places_in_text(text)) for label, text in sources]
    township, township_source = next(((p.township, label) for label, _, p in read if p.township), (None, None))
    village, village_source = next(((p.village, label) for label, _, p in read if p.village), (None, None))
    # The bare words the sheet, file and folders are named by (a tab 新屋), nearest first.
    bare = tuple((w, label) for label, text, _ in read if label in _HINT_SOURCES and (w := bare_place_word(text)))
    filed = next(((p.township, label) for label, _, p in read if label in _FILED_SOURCES and p.township), (None, None))
    filed_village = next(((p.village, label) for label, _, p in read if label in _HINT_SOURCES and p.village),
                         (None, None))
    # 县直机关三百山镇走访登记表 reads 百山镇 (three characters before a suffix are read whole only at a text's start):
    # the file's or folder's 三百山镇, the title's township with its first character cut, is the township.
    if _cut_off(township, filed[0]):
        township = filed[0]
    # The folders' bare words, the top one first (raw/葛坳/澄江/…: 葛坳, then 澄江)
    folder_words = tuple(w for label, text, _ in reversed(read) if label == "文件夹名" and (w := bare_place_word(text)))
    stem = township_stem(township) if township is not None else None
    if (whole := next((w for w in folder_words if _cut_off(stem, w)), None)) is not None:
        township = whole + township[len(stem):]  # 百山镇 from a title, filed under 三百山: 三百山镇
    if _cut_off(village, filed_village[0]):
        village = filed_village[0]  # 县直机关和平新村走访 in a file or on a tab named 和平新村
    several = ((), None) if township else next(((p.townships, label) for label, _, p in read if p.townships), ((), None))
    if township is not None or several[0]:
        folder_words = ()
    return PlaceContext(
        township, village, township_source, village_source, tuple(w for w, _ in bare) if village is None else (),
        *filed, *filed_village, townships_named=several[0], townships_named_source=several[1],
        filed_village_words=bare if village_source == TITLE_SOURCE and filed_village[0] is None else (),
        folder_words=folder_words,
    )


_FILED_SOURCES = ("文件名", "文件夹名")


_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
# A year in numerals (二〇一一年, 二零一一年度, 二〇一〇至二〇一一年): its digits one by one.
_CN_YEAR = re.compile(r"(?<![〇零○一二三四五六七八九十])((?:一九|二[〇零○])[〇零○一二三四五六七八九]{2})(?![〇零○一二三四五六七八九十])")
_CN_YEAR_DIGITS = {**{ch: i for i, ch in enumerate("〇一二三四五六七八九")}, "零": 0, "○": 0}


def _years(text: str) -> set[int]:
    years = {int(y) for y in _YEAR.findall(text)}
    for numerals in _CN_YEAR.findall(text):
        years.add(int("".join(str(_CN_YEAR_DIGITS[ch]) for ch in numerals)))
    return years


# The day a table was filled in, made or counted to, on a line of its title (填报时间：2011年7月1日, 截至2011年6月30日):
# not the period its rows are of, where the rest of the text names that (2011年5月走访登记表).
_MADE_ON_WORDS = r"(?:截至|截止|填报|填表|制表|统计|打印|报送|上报|更新)(?:日期|时间)?\s*[:：]?\s*"
_MADE_ON_DATE = re.compile(
    _MADE_ON_WORDS + r"(?:(?:19|20)[0-9]{2}\s*[年./\-]\s*)?(?:1[0-2]|0?[1-9])\s*[月./\-]\s*(?:(?:3[01]|[12][0-9]|0?[1-9])\s*[日号]?)?"
)


def _period_text(text: str) -> str:
    """``text`` without the day it was made (``_MADE_ON_DATE``) where the rest still names a year or a month; else
    the whole text (a title naming no other date: its 填报时间 is all there is)."""
    bare = _MADE_ON_DATE.sub(" ", text)
    return bare if bare != text and (_years(bare) or _months(bare)) else text


def year_in_sources(sources: list[tuple[str, str]]) -> int | None:
    """The one year the first source naming a year names (``2011年3月走访登记表`` → 2011).

    Sources in the order of :func:`resolve_context`. None when no source names a year, or when
    the first that does names more than one (``2010-2011年``): a ledger's dates are then not
    completed from it. Used for dates written without a year (``3月5日``) on a month sheet.

    >>> year_in_sources([("标题", "黄坑乡2011年3月走访登记表"), ("文件名", "2012台账")])
    2011
    >>> year_in_sources([("标题", "2010-2011年度走访登记表")]) is None, year_in_sources([("标题", "二〇一一年走访登记表")])
    (True, 2011)
    """
    for _label, text in sources:
        years = _years(_period_text(unicodedata.normalize("NFKC", text or "")))
        if years:
            return years.pop() if len(years) == 1 else None
    return None


# A span of months across the turn of a year: 2011年12月至2012年2月, 2011.12-2012.2 (a winter's visits).
_YEAR_TURN_SPAN = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*(?:年|\.|/|-)\s*(1[0-2]|0?[1-9])\s*月?(?:份)?\s*(?:[-—–~～至到]|——)\s*"
    r"((?:19|20)[0-9]{2})\s*(?:年|\.|/|-)\s*(1[0-2]|0?[1-9])\s*月?(?![0-9])"
)


def year_span_in_sources(sources: list[tuple[str, str]]) -> tuple[int, int, int, int] | None:
    """(first year, its first month, next year, its last month) for the first source naming two years that
    names them as a span of months across the turn of the year (``2011年12月至2012年2月走访慰问登记表``), else
    None: a date written without its year (``1月5日``) is then in the year whose months it falls in.

    >>> year_span_in_sources([("标题", "2011年12月至2012年2月走访慰问登记表")])
    (2011, 12, 2012, 2)
    >>> year_span_in_sources([("标题", "2011.11-2012.3走访")]), year_span_in_sources([("标题", "2010-2011年度走访")])
    ((2011, 11, 2012, 3), None)
    """
    for _label, text in sources:
        folded = unicodedata.normalize("NFKC", text or "")
        years = _years(folded)
        if not years:
            continue
        m = _YEAR_TURN_SPAN.search(folded)
        if len(years) != 2 or m is None:
            return None
        first, start, second, end = (int(g) for g in m.groups())
        return (first, start, second, end) if second == first + 1 and end < start else None
    return None


_MONTH = re.compile(r"(?<![0-9])(1[0-2]|0?[1-9])\s*月份?")
# A sheet named by its year and month in figures alone (2011.3, 2011-03, 2011/03, 201103): that month.
_TAB_YEAR_MONTH = re.compile(r"(?:19|20)[0-9]{2}[.\-/_]?(1[0-2]|0[1-9]|(?<=[.\-/_])[1-9])")
_MONTH_RANGE = re.compile(r"[0-9]{1,2}\s*[-—~～至到]\s*[0-9]{1,2}\s*月|[一二三四五六七八九十]\s*[-—~～至到]\s*[一二三四五六七八九十]{1,2}\s*月")
# A month in numerals (二〇一一年三月, 十二月份).
_CN_MONTH = re.compile(r"(?<![一二三四五六七八九十〇零○])(十[一二]|[一二三四五六七八九十])\s*月")
_CN_MONTHS = {name: i for i, name in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}


def month_in_sources(sources: list[tuple[str, str]]) -> int | None:
    """The one month the first source naming a month names (``2011年3月份走访登记表``, a sheet
    ``3月``), None when none does or it names a span or several (``1-6月``): completes a date
    written as the day alone (``5日``) on a month's sheet, with the year (``year_in_sources``).

    >>> month_in_sources([("标题", "东坑村2011年3月份走访登记表")]), month_in_sources([("标题", "1-6月走访")])
    (3, None)
    >>> month_in_sources([("标题", "二〇一一年十二月走访")]), month_in_sources([("标题", "一至三月走访")])
    (12, None)
    >>> month_in_sources([("标题", "2011年5月走访登记表 | 填报时间：2011年7月1日")])  # the day it was filled in: not its month
    5
    >>> month_in_sources([("标题", "2011年5月走访登记表 | （2011年3月至6月）")])  # a month of the period written under it
    5
    >>> month_in_sources([("标题", "2011年8月走访登记表 | （2011年3月至6月）")]) is None  # not one of its months
    True
    >>> month_in_sources([("标题", "2011年走访登记表 | （2011年3月至6月）"), ("工作表名", "4月份")])  # the tab's, within it
    4
    >>> [month_in_sources([("标题", "澄江村走访登记表"), ("工作表名", tab)]) for tab in ("2011.3", "2011-03", "201103", "2011")]
    [3, 3, 3, None]
    """
    spans: list[tuple[int, int]] = []  # the spans of months the sources before named, and nothing more
    for label, text in sources:
        folded = _period_text(unicodedata.normalize("NFKC", text or ""))
        months = _months(folded)
        if not months and label == "工作表名" and (tab := _TAB_YEAR_MONTH.fullmatch("".join(folded.split()))):
            months = {int(tab.group(1))}  # a tab named by its year and month in figures: 2011.3, 2011-03, 201103
        if not months:
            continue
        if len(months) == 1 and not _MONTH_RANGE.search(folded):
            month = months.pop()
            return month if all(_within(month, span) for span in spans) else None
        month, named = _month_in_span(folded)
        if month is not None or named is None:
            return month if month is not None and all(_within(month, span) for span in spans) else None
        spans += named  # a period alone (2011年3月至6月): the month may be the next source's (a tab 4月)
    return None


_MONTH_WORD = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])\s*月份?(?:\s*(?:3[01]|[12][0-9]|0?[1-9])\s*[日号])?"
# A span of months with their days perhaps, the second maybe in the next year: 3月至6月, 3月1日—6月30日, 12月至2012年2月.
_MONTH_SPAN = re.compile(rf"(?<![0-9]){_MONTH_WORD}\s*(?:[-—–~～至到]|——)\s*(?:(?:19|20)[0-9]{{2}}\s*年\s*)?{_MONTH_WORD}")
_SPAN_SPLIT = re.compile(r"\s*(?:——|[-—–~～至到])\s*")  # a span's two ends apart


def _month_in_span(text: str) -> tuple[int | None, list[tuple[int, int]] | None]:
    """(the one month ``text`` names outside the spans of months it names, where that month lies within each of
    them — 2011年5月走访登记表 under the period （2011年3月至6月）: the sheet's own month — else None; the spans as
    (first month, last month) where ``text`` names them and no other month, else None)."""
    spans: list[tuple[int, int]] = []
    for m in _MONTH_SPAN.finditer(text):
        first, last = (_months(part) for part in _SPAN_SPLIT.split(m.group(), maxsplit=1))
        if len(first) != 1 or len(last) != 1:
            return None, None
        spans.append((first.pop(), last.pop()))
    if not spans:
        return None, None
    rest = _months(_MONTH_RANGE.sub(" ", _MONTH_SPAN.sub(" ", text)))
    if not rest and not _MONTH_RANGE.search(text):
        return None, spans
    if len(rest) != 1:
        return None, None
    month = rest.pop()
    return (month if all(_within(month, span) for span in spans) else None), None


def _within(month: int, span: tuple[int, int]) -> bool:
    """Whether ``month`` is one of the months from the span's first to its last (12 to 2 across a year's turn)."""
    lo, hi = span
    return lo <= month <= hi if lo <= hi else month >= lo or month <= hi


def _months(text: str) -> set[int]:
    return {int(m) for m in _MONTH.findall(text)} | {_CN_MONTHS[m] for m in _CN_MONTH.findall(text)}


# One day named in a title or a sheet name (2011年3月5日走访记录, a sheet 3月5日): the day of every visit a one-day
# log lists with no date column. Not a day the table was made or counted to (截至, 填报, 制表 …), nor a span.
_DAY = re.compile(r"(?<![0-9])(?:((?:19|20)[0-9]{2})\s*[年.\-/]\s*)?(1[0-2]|0?[1-9])\s*[月.\-/]\s*(3[01]|[12][0-9]|0?[1-9])\s*[日号]?(?![0-9])")
_MADE_ON = re.compile(_MADE_ON_WORDS + "$")
_SPAN_ON = re.compile(r"^\s*(?:[至到~～—-]|以[前后来]|前|止|为止|更新|填报|填表|制表|打印|统计|报送|上报)")
_DAY_SOURCES = ("标题", "工作表名")


def day_in_sources(sources: list[tuple[str, str]]) -> dt.date | None:
    """The one day the title or, failing it, the sheet name names, for a visit log with no date column: its
    year written with it or the one the sources name (``year_in_sources``); None when none names a day, one
    names two or a span, or says it is the day the table was made (截至2011年3月5日).

    >>> day_in_sources([("标题", "澄江村2011年3月5日走访记录")]), day_in_sources([("工作表名", "3月6日"), ("文件名", "2011年走访")])
    (datetime.date(2011, 3, 5), datetime.date(2011, 3, 6))
    >>> day_in_sources([("标题", "截至2011年3月5日走访情况")]), day_in_sources([("标题", "3月5日至8日走访")])
    (None, None)
    >>> day_in_sources([("标题", "走访登记表（2011年3月5日更新）")]) is None
    True
    >>> day_in_sources([("标题", "2011-3-5走访记录")]), day_in_sources([("标题", "葛坳乡-澄江村2011年3月5日走访记录")])
    (datetime.date(2011, 3, 5), datetime.date(2011, 3, 5))
    """
    for label, text in sources:
        if label not in _DAY_SOURCES or not text:
            continue
        folded = unicodedata.normalize("NFKC", text)
        found = list(_DAY.finditer(folded))
        if not found:
            continue
        m = found[0]
        if len(found) > 1 or _MADE_ON.search(folded[max(0, m.start() - 6): m.start()]) or _SPAN_ON.match(folded[m.end():]):
            return None
        year = int(m.group(1)) if m.group(1) else year_in_sources(sources)
        if year is None or (not m.group(1) and "月" not in m.group(0)):  # 3.5 alone: no day named
            return None
        try:
            return dt.date(year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


_SHEET_GROUP = re.compile(r"第?([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:村民小组|居民小组|小组|组)")


def group_in_sheet_name(name: str) -> str | None:
    """The 村民小组 a sheet is named for (``一组``, ``第3村民小组``), when that is all its name says.

    >>> group_in_sheet_name("一组"), group_in_sheet_name("3组走访"), group_in_sheet_name("花名册")
    ('一组', None, None)
    """
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))
    return s if _SHEET_GROUP.fullmatch(s) else None


def village_from_hints(hints: tuple[str, ...], known: set[str]) -> str | None:
    """The township's village that the first fitting bare sheet/file/folder name stands for: the one full name
    extending it (``新屋`` → ``新屋村``), else the name itself where the township's rows name it so — a 村 column
    writing 新屋 beside a title's 新屋村 is the one village (``bare_name_map`` makes them one at the end; taken
    bare here, a tab 新屋 under the title 新屋村 read as another village, flagged).

    >>> village_from_hints(("澄江",), {"澄江", "澄江村", "桥头村"}), village_from_hints(("新屋",), {"新屋"})
    ('澄江村', '新屋')
    """
    for hint in hints:
        if full := bare_name_map(known | {hint}).get(hint):
            return full
        if hint in known:
            return hint
    return None


_ADMIN_SUFFIXES = ("街道", "社区", "乡", "镇", "村")


def township_stem(name: str) -> str:
    """A township's name without its suffix (``葛坳乡`` and ``葛坳镇`` are both ``葛坳``: a 乡 made a 镇)."""
    for suffix in _TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def township_of_word(word: str, townships: set[str]) -> str | None:
    """The township of ``townships`` that a bare word names (葛坳 → 葛坳乡), the first in order where it is written
    with two suffixes (葛坳乡 and 葛坳镇: one township, made one by ``suffix_variant_map``), else the word itself where
    it is one of them (a 乡镇 column's 葛坳, made one with 葛坳乡 by ``bare_name_map`` where that is read too); None
    where none is.

    >>> township_of_word("葛坳", {"葛坳乡", "黄坑乡"}), township_of_word("澄江", {"葛坳乡"}), township_of_word("葛坳", {"葛坳"})
    ('葛坳乡', None, '葛坳')
    """
    full = min((t for t in townships if t != word and township_stem(t) == word), default=None)
    return full if full is not None else word if word in townships else None


def bare_name_map(names: set[str]) -> dict[str, str]:
    """Map a bare place name to the one full name that extends it: ``新屋`` → ``新屋村``.

    Only when exactly one full name (the bare name plus an administrative
    suffix) is known; otherwise the bare name is left as written.
    """
    full = {n for n in names if n.endswith(_ADMIN_SUFFIXES)}
    mapping: dict[str, str] = {}
    for name in names - full:
        matches = [f for f in full if f.startswith(name) and f[len(name):] in _ADMIN_SUFFIXES]
        if len(matches) == 1:
            mapping[name] = matches[0]
    return mapping


def suffix_variant_map(sources: dict[str, set[str]], sheets: dict[str, set[object]]) -> dict[str, str]:
    """Township names that are one township written with another suffix (葛坳乡 in its folder's name, 葛坳镇 in a
    title: a 乡 made a 镇, or the suffix mistyped) → the name they are counted under: the one the folder or file
    name gives (where the analyst filed the ledgers), else the one read in the most sheets, else the first in
    order; a bare name (葛坳) beside both is the same township too. Two names apart, the township's roster and its
    visits were two townships and no visit matched.

    >>> suffix_variant_map({"葛坳乡": {"文件夹名"}, "葛坳镇": {"标题"}}, {"葛坳乡": {1}, "葛坳镇": {2, 3}})
    {'葛坳镇': '葛坳乡'}
    """
    stems: dict[str, list[str]] = {}
    for name in sources:
        stems.setdefault(township_stem(name), []).append(name)
    mapping: dict[str, str] = {}
    for names in stems.values():
        if len(names) < 2:
            continue
        kept = max(sorted(names), key=lambda n: (township_stem(n) != n, bool(sources[n] & _FILED_SOURCES),
                                                 len(sheets.get(n, ())), -len(n)))
        mapping.update({n: kept for n in names if n != kept})
    return mapping


_FILED_SOURCES = frozenset({"文件夹名", "文件名"})


# --------------------------------------------------------------------------- the whole clean

# Sources that are free text (a title, a sheet, file or folder name): a place read there may carry
# stray characters that a place column never has.
FREE_TEXT_SOURCES = frozenset({"标题", "工作表名", "文件名", "文件夹名", "表内分节标题"})
_STRAY_MAX = 2  # at most this many stray characters before a known name (度黄坑乡 → 黄坑乡)


def stray_name_map(sources: dict[str, set[str]], sheets: dict[str, set[object]]) -> dict[str, str]:
    """Names read only from free text that are a firmer name with stray characters before it.

    ``sources`` maps each name to where it was read; ``sheets`` to the sheets it was read in. A
    name is firm when a place column gives it, or free text gives it in two sheets or more; a
    name that is one firm name with one or two characters before it, read nowhere but in free
    text, is that name (``度黄坑乡``, left by a title that wrote ``2011年度黄坑乡``, is 黄坑乡).

    >>> stray_name_map({"黄坑乡": {"表中乡镇列"}, "度黄坑乡": {"标题"}}, {"黄坑乡": {1}, "度黄坑乡": {2}})
    {'度黄坑乡': '黄坑乡'}
    """
    firm, loose = _firm_and_loose(sources, sheets)
    mapping: dict[str, str] = {}
    for name in loose:
        fits = [k for k in firm if k != name and name.endswith(k) and len(name) - len(k) <= _STRAY_MAX and len(k) >= 2]
        if fits:
            mapping[name] = max(fits, key=len)
    return mapping


def _firm_and_loose(sources: dict[str, set[str]], sheets: dict[str, set[object]]) -> tuple[set[str], list[str]]:
    """The firm names (a place column gives them, or free text in two sheets or more) and the others, read in one
    sheet's free text only."""
    firm = {name for name, where in sources.items() if where - FREE_TEXT_SOURCES or len(sheets.get(name, ())) >= 2}
    return firm, [name for name, where in sources.items() if name not in firm and not where - FREE_TEXT_SOURCES]


def _cut_off(name: str | None, whole: str | None) -> bool:
    """Whether ``name`` is ``whole`` with its first character cut off (百山镇 of 三百山镇)."""
    return bool(name and whole) and len(whole) == len(name) + 1 and whole.endswith(name)


def cut_name_map(sources: dict[str, set[str]], sheets: dict[str, set[object]]) -> dict[str, str]:
    """Names read in one sheet's free text only that are a firmer name (``stray_name_map``) with its first character
    cut off: a name of three characters before its suffix is read whole only when nothing stands before it
    (``县直机关三百山镇走访登记表`` reads 百山镇, as ``县直机关葛坳乡`` must read 葛坳乡; 和平新村 likewise 平新村), and a
    county's townships, or a township's villages, are not named so alike (the one firmer name fitting, said as
    ``written_as``).

    >>> cut_name_map({"三百山镇": {"文件夹名"}, "百山镇": {"标题"}}, {"三百山镇": {1, 2}, "百山镇": {3}})
    {'百山镇': '三百山镇'}
    >>> cut_name_map({"三百山镇": {"文件夹名"}, "百山镇": {"标题"}}, {"三百山镇": {1, 2}, "百山镇": {3, 4}})
    {}
    """
    firm, loose = _firm_and_loose(sources, sheets)
    mapping: dict[str, str] = {}
    for name in loose:
        fits = [k for k in firm if _cut_off(name, k)]
        if len(fits) == 1:
            mapping[name] = fits[0]
    return mapping


def place_report(read: dict[tuple[str | None, str | None, str | None, str | None], int]) -> list[dict]:
    """Every township and village of the clean and where each was read, as ``clean_summary.json``
    lists them: ``read`` counts the records per (township, village, township's source, village's
    source), names as reconciled.

    >>> place_report({("黄坑乡", "新屋村", "标题", "表中村列"): 3})[0]["villages"]
    [{'village': '新屋村', 'read_from': {'表中村列': 3}}]
    """
    towns: dict[str, dict] = {}
    for (township, village, town_source, village_source), n in sorted(read.items(), key=lambda kv: str(kv[0])):
        if township is None:
            continue
        entry = towns.setdefault(township, {"township": township, "read_from": {}, "villages": {}})
        key = town_source or "未知"
        entry["read_from"][key] = entry["read_from"].get(key, 0) + n
        if village is not None:
            v = entry["villages"].setdefault(village, {"village": village, "read_from": {}})
            vkey = village_source or "未知"
            v["read_from"][vkey] = v["read_from"].get(vkey, 0) + n
    return [
        {**entry, "villages": [entry["villages"][v] for v in sorted(entry["villages"])]}
        for _, entry in sorted(towns.items())
    ]

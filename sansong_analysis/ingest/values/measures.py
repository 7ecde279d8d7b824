"""Amounts of money (with their qualifier), areas in 亩, lengths in metres and counts: a number
and its unit, scaled by the unit a column's heading names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, DecimalException

from sansong_analysis.ingest.values.numerals import (
    _CENT,
    _CTX,
    _LEAD_AMOUNT,
    _LEAD_QTY,
    _MAGNITUDE,
    _TEN_THOUSANDTH,
    _decimal_of,
    _is_number,
    _read_measure,
    _scale_of,
    chinese_number,
)
from sansong_analysis.ingest.values.text import EMPTY_MARKERS, ValueProblem, _coerce, _quote, _squash

# A run of 11 digits or more is no sum, area or count of a 三送 ledger (10,000,000,000 元 is more than a
# province's budget) but what a phone or identity-card number makes (13800001234, 3621…1234): a column of
# contact numbers read as amounts, or a number typed into the wrong column. Refused, never counted — it
# would put the number itself into the frames, and a total of billions into the figures. A number cell
# counts its integer part; a text its longest run of digits as written (1.2万 or 一百亿 is no such run).
_PERSONAL_SIZE = Decimal("1E+10")
_PERSONAL_RUN = re.compile(r"[0-9]{11}")
# Figures with spaces between them (5000 3000, 300 200): digit groups of a thousands separator (1 500, 12 000.5) or
# several numbers, which squashed would run into one (50003000).
_SPACED_FIGURES = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]+(?:\.[0-9]+)?)+")
_THOUSANDS_SPACED = re.compile(r"[0-9]{1,3}(?:\s+[0-9]{3})+(?:\.[0-9]+)?")


def _spaced_figures(c: str) -> bool:
    """Whether the text writes figures with spaces between them that are not a number's thousands (1 500 is
    1500; 5000 3000 is two numbers, or one typed over another: neither their sum nor the 50003000 squashing made)."""
    if c.isascii():
        if " " not in c and not any(ch.isspace() for ch in c):
            return False
        text = c
    else:
        text = unicodedata.normalize("NFKC", c)
    return any(not _THOUSANDS_SPACED.fullmatch(m.group(0)) for m in _SPACED_FIGURES.finditer(text))


def _not_spaced_figures(c: str, what: str) -> None:
    """Raise where ``_spaced_figures``: squashed, the figures would run into one number."""
    if _spaced_figures(c):
        raise ValueProblem(f"{what}「{_quote(c)}」中有空格隔开的几个数，无法确定{what}；请只填一个数后重新报送")


def _not_personal(c: object, what: str, text: str | None = None) -> None:
    """Raise when the cell (``text``: its squashed text) holds a personal number's run of digits."""
    if text is not None:
        personal = _PERSONAL_RUN.search(text) is not None
    else:
        personal = _decimal_of(c).copy_abs() >= _PERSONAL_SIZE  # copy_abs: no rounding in the caller's context
    if personal:
        raise ValueProblem(f"{what}「{_quote(c)}」位数过多，像是电话或身份证号码，不予计入")


# --------------------------------------------------------------------------- amounts

_AMOUNT_UNIT_RX = re.compile(r"(?:元|圆)[整正]?$|块钱$|块$|人民币$")
_AMOUNT_UNITS = {u: Decimal(1) for u in ("元", "元整", "元正", "圆", "圆整", "圆正", "块钱", "块", "人民币")}


# A note in brackets saying how money came or that it came, nothing of how much: 5000元（现金）, 3000（转账）,
# 2000元（已到账）, or that relief was handed over: 200（已领）, 200元（代领）. The sum is the whole, read without it
# (a note that may strike part off, 未到位, or say it was not taken, 未领, is no such note).
_PAYMENT_NOTE = re.compile(
    r"(?<=[0-9元圆块整正万千百十亿萬仟佰拾億〇零一二两三四五六七八九壹贰貳叁肆伍陆柒捌玖])\((?:现金|现款|转账|银行转账|网银转账|网银|汇款|银行汇款|支票|转账支票|现金支票|微信|微信转账|支付宝|"
    r"存入账户|已到账|已到位|已入账|已拨付|已拨|已交|已收|已收讫|全额到位|到位|到账|"
    # relief handed over: 200（已领）, 200元（代领）, 300（已发放）
    r"已领|已领取|代领|本人领取|已签领|已发|已发放|已送|已送达)\)$"
)


# A sum written twice, in figures and in words (as an account book asks): 5000.00元（大写：伍仟元整）, 伍仟元（5000元）.
_AMOUNT_TWICE = re.compile(r"([^()]+)\((?:大写|小写|即|合)?[:：]?([^()]+)\)")


def _text_amount(s: str, unit_scale: float) -> tuple[Decimal, str]:
    """A squashed text's sum in yuan and its qualifier (``_read_measure``, a unit in the text before the heading's)."""
    number, unit, qualifier = _read_measure(s.lower(), _LEAD_AMOUNT, _AMOUNT_UNIT_RX, _AMOUNT_UNITS)
    explicit = unit is not None or _MAGNITUDE.search(s) is not None
    return (number if explicit else _CTX.multiply(number, _scale_of(unit_scale))), qualifier


def _again(s: str, unit_scale: float) -> tuple[Decimal, str] | None:
    """The sum a bracketed note writes, when it is one (大写：伍仟元整), else None (其中县级2000元, 元, 现金)."""
    try:
        return _text_amount(s, unit_scale)
    except (ValueError, ArithmeticError, DecimalException):
        return None


def parse_amount(cell: object, unit_scale: float = 1.0) -> tuple[float, str] | None:
    """Money in yuan and its qualifier (``exact``, ``at_least``, ``nearly``, ``about``).

    ``unit_scale`` comes from the column header (a 万元 column gives 10000).
    A unit written in the cell overrides it: ``元`` or a magnitude
    (万/千/亿) makes the cell self-describing, so ``4000元`` and ``0.4万``
    are 4000 in any column. Computed in Decimal, rounded to the fen.

    >>> parse_amount("20余万元"), parse_amount("近万元"), parse_amount("1.1", 10000.0)
    ((200000.0, 'at_least'), (10000.0, 'nearly'), (11000.0, 'exact'))
    """
    c = _coerce(cell)
    if c is None:
        return None
    try:
        if _is_number(c):
            _not_personal(c, "金额")
            value, qualifier = _CTX.multiply(_decimal_of(c), _scale_of(unit_scale)), "exact"
        elif isinstance(c, str):
            s = _squash(c)
            if s in EMPTY_MARKERS:
                return None
            _not_personal(c, "金额", s)
            _not_spaced_figures(c, "金额")
            if s.endswith(")") and (note := _PAYMENT_NOTE.search(s)):
                s = s[: note.start()]
            twice = _AMOUNT_TWICE.fullmatch(s) if s.endswith(")") else None
            again = _again(twice.group(2), unit_scale) if twice else None  # None: the brackets hold no sum
            value, qualifier = _text_amount(twice.group(1) if again else s, unit_scale)
            if again and again != (value, qualifier):
                raise ValueError("written twice, two sums")  # 5000元（大写：肆仟元整）: which one?
        else:
            raise ValueError("not an amount")
        amount = float(value.quantize(_CENT, context=_CTX)) + 0.0  # + 0.0: no -0.0
    except ValueProblem:
        raise
    except (ValueError, ArithmeticError, DecimalException):
        raise ValueProblem(f"金额「{_quote(c)}」无法识别") from None
    if amount < 0:  # a sum raised, invested or handed out is never negative: the frames' schema says so
        raise ValueProblem(f"金额「{_quote(c)}」不能为负数")
    return amount, qualifier


# A relief sum written with the words around it: 慰问金300元, 发放慰问金300元, 每户200元, 200元/户 (a visit
# log's row is one visit to one household, so a sum per household or per visit is the row's own).
_RELIEF_LEAD = re.compile(r"^(?:发放|送去|送|给予|赠送)?(?:慰问金|慰问款|慰问现金|现金|救助金|补助金|困难补助|补助)?[:：]?(?:每户)?")
_RELIEF_TAIL = re.compile(r"(?<=[0-9元万千块])(?:/|每)(?:户|户次|次|人次)$")
# A relief cell listing what was given: 200元+米一袋, 慰问金300元、棉被一床.
_RELIEF_LIST = re.compile(r"[+＋、,，;；]|加")
# Goods given on a visit (米一袋、油一桶; 慰问品一份), no sum of money among them.
_IN_KIND = re.compile(r"米|油|面|被|衣|物资|物品|慰问品|礼品|化肥|种子|肉|月饼|年货|粮|奶|袋|桶|箱|床|斤|件|份")
_MONEY_WORD = re.compile(r"[0-9〇零一二两三四五六七八九十百千万]\s*(?:元|块|圆)|[¥￥]|金|钱|款")


def relief_text(cell: object) -> object:
    """A visit's relief cell without the words around its sum (``慰问金300元`` → ``300元``, ``200元/户`` →
    ``200元``); any other cell unchanged.

    A sum given with goods (``200元+米一袋``, ``慰问金300元、棉被一床``) is that sum: the goods are no money.

    >>> relief_text("发放慰问金300元"), relief_text("每户200元"), relief_text("200元/户"), relief_text("米一袋")
    ('300元', '200元', '200元', '米一袋')
    >>> relief_text("200元+米一袋"), relief_text("200元、300元")
    ('200元', '200元、300元')
    """
    if not isinstance(cell, str) or cell.isascii() and "/" not in cell or _spaced_figures(cell):
        return cell  # figures spaced apart (慰问金 200 300元): as written, for the sum's reading to refuse
    s = _squash(cell)
    parts = [part for part in _RELIEF_LIST.split(s) if part] if _RELIEF_LIST.search(s) else [s]
    if len(parts) > 1:
        sums = [part for part in parts if not in_kind(part)]
        return _relief_sum(sums[0]) if len(sums) == 1 and _relief_sum(sums[0]) is not None else cell
    bare = _relief_sum(s)
    return bare if bare is not None and bare != s else cell


def _relief_sum(s: str) -> str | None:
    """A squashed relief text's sum without its words (慰问金300元 → 300元), the text itself when it has none
    to drop and begins with its figure, else None."""
    bare = _RELIEF_TAIL.sub("", _RELIEF_LEAD.sub("", s, count=1), count=1)
    return bare if bare and (bare[0].isdigit() or bare[0] in "约近¥￥") else None


def in_kind(cell: object) -> bool:
    """Whether a relief cell names goods alone, no sum of money (米一袋、油一桶, 慰问品一份).

    >>> in_kind("米一袋、油一桶"), in_kind("200元+米一袋"), in_kind("300元"), in_kind("慰问金")
    (True, False, False, False)
    """
    return isinstance(cell, str) and _IN_KIND.search(cell) is not None and _MONEY_WORD.search(cell) is None


# A count's cell answering in words (受益户数 全村, 若干, 多户, 3个组; 家庭人口 一家四口, 独居): what the field asks, not
# written as a number — no sign that the column is read wrong. A standing's (户类型 残疾户, 危房户) likewise.
_COUNT_ANSWER = re.compile(r"^[\u4e00-\u9fff0-9]{0,8}(?:户|人|口|家|村|组|乡|镇|群众|村民|农户)$|^(?:若干|多|几|全部|部分|独居|单身|一人)")
_STANDING_ANSWER = re.compile(r"^[\u4e00-\u9fff]{1,6}户$")
# A quantity not yet known or not given in money or a number (投资 待结算 / 未定 / 群众投劳, 慰问金 未发 / 待发, 长度 约二里 /
# 一座), in words without a figure.
_QUANTITY_ANSWER = re.compile(r"待|未|暂|尚|没|无|不详|不明|不清|结算|决算|投劳|投工|自筹|义务|约|全|若干|多|几|部分|"
                              r"[一二两三四五六七八九十]?[座处条个项段]$")


def side_answer(kind: str, cell: object) -> bool:
    """Whether an unreadable cell of a side field of ``kind`` (``count``, ``amount``, ``length``, ``poor``) is an
    answer of that field's kind in words, the column being the right one (``tidy``: left empty and said however
    many such cells): ``全村``, ``若干``, ``一家四口`` for a count, ``待结算``, ``未发`` for money, ``残疾户`` for a
    standing; not a place, a date or a sum.

    >>> side_answer("count", "全村"), side_answer("count", "一家四口"), side_answer("count", "2011-3-5")
    (True, True, False)
    >>> side_answer("poor", "残疾户"), side_answer("poor", "张三"), side_answer("count", "水渠")
    (True, False, False)
    >>> side_answer("amount", "待结算"), side_answer("amount", "群众投劳"), side_answer("length", "一座")
    (True, True, True)
    >>> side_answer("amount", "澄江村"), side_answer("amount", "2011年3月")
    (False, False)
    """
    if not isinstance(cell, str):
        return False
    text = "".join(cell.split())
    if len(text) > 10:
        return False
    if kind == "count" and _COUNT_ANSWER.search(text) is not None:
        return True
    if kind in ("count", "amount", "length"):
        return not any(ch.isdigit() for ch in text) and _QUANTITY_ANSWER.search(text) is not None
    return kind == "poor" and _STANDING_ANSWER.fullmatch(text) is not None


# --------------------------------------------------------------------------- areas, lengths, counts


def _unit_regex(units: Mapping[str, object]) -> re.Pattern[str]:
    # Longest first, so 公里 wins over 里 and mm over m.
    return re.compile("(?:" + "|".join(map(re.escape, sorted(units, key=len, reverse=True))) + ")$")


_AREA_UNITS = {
    "亩": Decimal(1), "公顷": Decimal(15), "hm2": Decimal(15), "ha": Decimal(15),
    "平方米": Decimal("0.0015"), "平米": Decimal("0.0015"), "m2": Decimal("0.0015"),
    "平方公里": Decimal(1500), "km2": Decimal(1500),
}
_AREA_UNIT_RX = _unit_regex(_AREA_UNITS)
_LENGTH_UNITS = {
    "米": Decimal(1), "m": Decimal(1), "公尺": Decimal(1), "延米": Decimal(1), "公里": Decimal(1000),
    "千米": Decimal(1000), "km": Decimal(1000), "厘米": Decimal("0.01"), "cm": Decimal("0.01"),
    "毫米": Decimal("0.001"), "mm": Decimal("0.001"),
}
_LENGTH_UNIT_RX = _unit_regex(_LENGTH_UNITS)
_COUNT_UNITS = {
    u: Decimal(1)
    for u in ("人次", "户次", "口人", "人", "口", "户", "个", "起", "次", "名", "家", "处", "件", "座", "条", "所",
              "项", "套", "间", "位")
}
_COUNT_UNIT_RX = _unit_regex(_COUNT_UNITS)


# A note after an area or a count naming a part of it in the same unit (300亩（新增100亩）, 4人（外出务工1人）): the whole
# is the figure. Not a note adding to it, striking part of it off or correcting it (另, 未, 应为 …), nor a part more
# than the whole; money is not read so (its notes say 其中 or 含, ``numerals._INCLUSIVE_NOTE``).
_PART_NOTE = re.compile(r"(?<=.)\(([^()0-9]{1,8})([0-9]+(?:\.[0-9]+)?)([^()0-9.]{1,3})\)$")
_NOT_A_PART = re.compile(r"另|加|再|未|欠|差|待|尚|缺|退|扣|减|应|实为|实际|改为|改成|更正|合计|共|总|超")


def _part_note(s: str, unit_rx: re.Pattern[str]) -> re.Match[str] | None:
    if not s.endswith(")"):
        return None
    m = _PART_NOTE.search(s)
    if m is None or not unit_rx.fullmatch(m.group(3).lower()) or _NOT_A_PART.search(m.group(1)):
        return None
    return m


def _measure(
    cell: object, unit_scale: float, unit_rx: re.Pattern[str], units: Mapping[str, Decimal], what: str
) -> tuple[object, Decimal | None]:
    """(coerced cell, non-negative value in the base unit or None when empty) for areas, lengths, counts."""
    c = _coerce(cell)
    if c is None:
        return c, None
    try:
        if _is_number(c):
            _not_personal(c, what)
            value = _CTX.multiply(_decimal_of(c), _scale_of(unit_scale))
        elif isinstance(c, str):
            s = _squash(c)
            if s in EMPTY_MARKERS:
                return c, None
            # The qualifier of an area or length (约680亩) is not kept: the stated number is the value.
            _not_personal(c, what, s)
            _not_spaced_figures(c, what)
            part = _part_note(s, unit_rx)
            if part is not None:
                s = s[: part.start()]
            number, unit, _ = _read_measure(s.lower(), _LEAD_QTY, unit_rx, units)
            value = _CTX.multiply(number, unit if unit is not None else _scale_of(unit_scale))
            if part is not None and _CTX.multiply(Decimal(part.group(2)), units[part.group(3)]) > value:
                raise ValueError("a part more than the whole")
        else:
            raise ValueError("not a quantity")
    except ValueProblem:
        raise
    except (ValueError, ArithmeticError, DecimalException):
        raise ValueProblem(f"{what}「{_quote(c)}」无法识别") from None
    if value < 0:
        raise ValueProblem(f"{what}「{_quote(c)}」不能为负数")
    return c, value


def _round4(c: object, value: Decimal, what: str) -> float:
    try:
        return float(value.quantize(_TEN_THOUSANDTH, context=_CTX)) + 0.0
    except (ArithmeticError, DecimalException):
        raise ValueProblem(f"{what}「{_quote(c)}」无法识别") from None


def parse_area_mu(cell: object, unit_scale: float = 1.0) -> float | None:
    """Farmland in 亩, rounded to 4 decimals.

    ``unit_scale`` comes from the header (a 公顷 column gives 15); a unit in
    the cell (亩, 公顷, 平方米 …) overrides it. ``45.3公顷`` -> 679.5,
    ``六百八十亩`` -> 680, ``约680亩`` -> 680 (qualifier dropped). The land named before
    the number (``水田300亩``, ``灌溉300亩``) is read past, and land of several kinds listed
    (``水田300亩、旱地100亩``) is their sum; numbers listed without their kinds (``300亩、100亩``)
    are not guessed at.

    >>> parse_area_mu("水田300亩、旱地100亩"), parse_area_mu("新增灌溉面积300亩"), parse_area_mu("水田300亩 旱地100亩")
    (400.0, 300.0, 400.0)

    A note after it naming only the land or what was done for it (``300亩（改善）``, ``200（水田）``), saying it is an
    estimate (``约500亩（估算）``) or listing parts within it (``500（新增200，改善300）``) is the area's: ``300``, ``500``.
    """
    if isinstance(cell, str):
        _not_spaced_figures(cell, "面积")  # before any squashing: 300 200（水田） is no 300200 亩
    if isinstance(cell, str) and cell.rstrip().endswith((")", "）")):
        squashed = _squash(cell)
        if (note := _LAND_NOTE.search(squashed) or _ESTIMATE_NOTE.search(squashed)) is not None:
            cell = squashed[: note.start()]
        elif (whole := _within_parts(squashed, unit_scale)) is not None:
            cell = whole
    if isinstance(cell, str) and ("分" in cell or "厘" in cell or "半" in cell) and (mu := _mu_in_parts(cell)) is not None:
        return _round4(cell, mu, "面积")
    parts = _land_parts(cell)
    if parts is None:
        c, value = _measure(cell, unit_scale, _AREA_UNIT_RX, _AREA_UNITS, "面积")
        return None if value is None else _round4(c, value, "面积")
    total = Decimal(0)
    for part in parts:
        try:
            _, value = _measure(part, unit_scale, _AREA_UNIT_RX, _AREA_UNITS, "面积")
        except ValueProblem:
            raise ValueProblem(f"面积「{_quote(cell)}」无法识别") from None
        if value is None:
            raise ValueProblem(f"面积「{_quote(cell)}」无法识别")
        total += value
    return _round4(cell, total, "面积")


# An area in 亩 and its parts, 分 and 厘 (1亩 = 10分 = 100厘), or a half: 3亩5分, 5分地, 1亩2分3厘, 3亩半, 半亩.
_DIGIT = r"[0-9一二两三四五六七八九]"
_MU_IN_PARTS = re.compile(rf"(?:(?P<mu>[0-9]+|[〇零一二两三四五六七八九十百千]+)亩(?P<half>半)?)?(?:(?P<fen>{_DIGIT})分)?"
                          rf"(?:(?P<li>{_DIGIT})厘)?地?|(?P<half_alone>半)亩地?")


def _mu_in_parts(cell: str) -> Decimal | None:
    """The 亩 a cell writes in 亩, 分 and 厘 or with a half (``3亩5分`` → 3.5, ``5分`` → 0.5, ``1亩2分3厘`` → 1.23,
    ``3亩半`` → 3.5), else None: the cell is read as any area."""
    m = _MU_IN_PARTS.fullmatch(_squash(cell))
    if m is None or not (m["fen"] or m["li"] or m["half"] or m["half_alone"]) or m["half"] and (m["fen"] or m["li"]):
        return None
    if m["half_alone"]:
        return Decimal("0.5")
    try:
        mu, fen, li = (Decimal(0) if not m[k] else Decimal(m[k]) if m[k].isascii() else chinese_number(m[k])
                       for k in ("mu", "fen", "li"))
    except (ValueError, ArithmeticError, DecimalException):
        return None
    return mu + (Decimal("0.5") if m["half"] else fen / 10) + li / 100


# Land named before its area (水田300亩, 新增灌溉面积300亩): what kind, or what the project did for it.
_LAND = r"(?:水田|旱地|旱田|山地|耕地|农田|良田|果园|茶园|林地|菜地|园地|鱼塘|山林|油茶林?|脐橙园?)"
_LAND_WORDS = re.compile(rf"^(?:{_LAND}|新增|改善|恢复|保灌|灌溉|受益|有效|面积|[:：])+(?=[0-9〇零一二两三四五六七八九十百千万约近])")
_LAND_KIND = re.compile(rf"^{_LAND}")
# A bracket after the area naming only its land or what was done for it: 300亩（改善）, 200（新增水田）.
_LAND_NOTE = re.compile(rf"(?<=[0-9亩])\((?:{_LAND}|新增|改善|恢复|保灌|灌溉|受益|有效|面积)+\)$")
# Land of several kinds listed, a separator between them or none (水田300亩、旱地100亩; 水田300亩 旱地100亩).
_LAND_LIST = re.compile(rf"[、，,;；+＋]|(?<=亩)(?={_LAND})")
# An area's note saying it is an estimate (约500亩（估算）): the qualifier of an area is not kept.
_ESTIMATE_NOTE = re.compile(r"(?<=[0-9亩])\((?:估算|估计|约数|概数|预估|大约|左右|约)\)$")
# An area's note listing parts of it in words and figures (500（新增200，改善300）, 500亩（水田300亩、旱地200亩）).
_PARTS_IN_NOTE = re.compile(r"\(([^()]+)\)$")
_NOTE_PART = re.compile(r"([^0-9.]{0,8}?)([0-9]+(?:\.[0-9]+)?)(亩)?")


def _within_parts(s: str, unit_scale: float) -> str | None:
    """The area before a note listing two parts or more of it (``500（新增200，改善300）`` → ``500``): each part some
    words and a figure (in 亩, or no unit), none striking off or adding (另, 未 …), together no more than the whole.
    None otherwise: the note says something else."""
    m = _PARTS_IN_NOTE.search(s)
    if m is None or m.start() == 0:
        return None
    parts = [p for p in re.split(r"[，,、;；]", m.group(1)) if p]
    found = [_NOTE_PART.fullmatch(p) for p in parts]
    if len(parts) < 2 or not all(found) or any(_NOT_A_PART.search(f.group(1)) for f in found):
        return None
    head = s[: m.start()]
    try:
        _, whole = _measure(head, unit_scale, _AREA_UNIT_RX, _AREA_UNITS, "面积")
    except ValueProblem:
        return None
    if whole is None or sum(Decimal(f.group(2)) for f in found) > whole:
        return None
    return head


def _land_parts(cell: object) -> list[str] | None:
    """The areas a farmland cell writes after the land's words (水田300亩 → [300亩]; 水田300亩、旱地100亩 → [300亩,
    100亩], every part naming its kind of land), else None: a cell read as any quantity."""
    if not isinstance(cell, str):
        return None
    s = _squash(cell)
    if not s or not "\u4e00" <= s[0] <= "\u9fff":  # a number first: any quantity's reading
        return None
    pieces = [p for p in _LAND_LIST.split(s) if p]
    if len(pieces) > 1 and not all(_LAND_KIND.match(p) for p in pieces):
        return None
    stripped = [_LAND_WORDS.sub("", p) for p in pieces]
    if len(pieces) == 1 and stripped[0] == pieces[0]:
        return None
    return stripped


def parse_length_m(cell: object, unit_scale: float = 1.0) -> float | None:
    """A length in metres, rounded to 4 decimals.

    ``unit_scale`` comes from the header (a 公里 column gives 1000); a unit in
    the cell (米, m, 公里, km, 千米 …) overrides it: ``1.2km`` -> 1200.
    """
    c, value = _measure(cell, unit_scale, _LENGTH_UNIT_RX, _LENGTH_UNITS, "长度")
    return None if value is None else _round4(c, value, "长度")


_MAX_COUNT = 10**12

# Households and the people in them in one cell (30户120人, 30户（120人）, 30户/120人): the households are the first.
_HOUSEHOLDS_AND_PERSONS = re.compile(r"([0-9]+)户[,，、;；/]?\(?(?:共|计|合计)?[0-9]+(?:人|口人?)\)?")


def households_part(cell: object) -> object:
    """A 受益户数 cell counting households and their people (``30户120人``) as its households (``30户``), any other as
    it is: the people are no households, and the households are written as such.

    >>> households_part("30户120人"), households_part("30户（120人）"), households_part("120人30户"), households_part(30)
    ('30户', '30户', '120人30户', 30)
    """
    if isinstance(cell, str) and "户" in cell and (m := _HOUSEHOLDS_AND_PERSONS.fullmatch(_squash(cell))):
        return f"{m.group(1)}户"
    return cell


def parse_count(cell: object) -> int | None:
    """A whole number of people, households, times: ``5``, ``5.0``, ``5人``, ``五口人``, ``十二户``.

    Fractions (5.5), negatives and text are a ValueProblem.
    """
    c, value = _measure(cell, 1.0, _COUNT_UNIT_RX, _COUNT_UNITS, "数量")
    if value is None:
        return None
    if value > _MAX_COUNT or value != value.to_integral_value():
        raise ValueProblem(f"数量「{_quote(c)}」不是整数")
    return int(value)

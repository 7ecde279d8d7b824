"""Cell -> typed value: the parsers every ledger column goes through.

A cell arrives as python-calamine or the csv reader gives it (None, str, int,
float, bool, date, datetime, time, timedelta, NaN, a pandas NA/NaT/Timestamp)
and leaves as a Python value, ``None`` for an empty cell, or a
``ValueProblem`` whose message an analyst can read. ``ledgers.Field.kind``
names the parser (``PARSERS[kind]``). Nothing here knows about sheets, rows
or pandas; every function is pure, so callers parse the distinct values of a
column once and map them back.

Rules shared by all parsers:

- full-width digits, letters and punctuation are folded (NFKC) first;
  surrounding and inner whitespace (ASCII, ``\\u3000``, ``\\xa0``, zero-width)
  never changes a value;
- ``—``, ``-``, ``/``, ``无``, ``N/A`` … mean empty (``EMPTY_MARKERS``);
- nothing is guessed: a value that does not read cleanly raises
  ``ValueProblem`` quoting it, with any run of 11+ digits (a phone or ID
  number) replaced by ``[号码已隐去]``.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext

from sansong_analysis.ingest.pii import REDACTED
from sansong_analysis.ingest.pii import redact as _redact_pii

__all__ = [
    "EMPTY_MARKERS",
    "PARSERS",
    "REDACTED",
    "ValueProblem",
    "chinese_number",
    "clean_text",
    "date_with_year",
    "is_empty",
    "parse_amount",
    "parse_area_mu",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_dispute_type",
    "parse_group",
    "parse_length_m",
    "parse_level",
    "parse_name",
    "parse_outcome",
    "parse_place",
    "parse_poor",
    "parse_visit_kind",
    "redact_numbers",
]


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
_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "∙": "·", "⋅": "·", "●": "·"})


def _compact_name(cell: object, what: str) -> str | None:
    c = _coerce(cell)
    if c is None:
        return None
    if not isinstance(c, str):
        raise ValueProblem(f"「{_quote(c)}」不是有效{what}")
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return None
    s = s.translate(_DOTS)
    if not any(ch.isalpha() for ch in s):
        raise ValueProblem(f"「{_quote(c)}」不是有效{what}")
    # A phone number written after a name ("李明13812345678") is not part of the name: dropped,
    # not replaced by a placeholder that would then read as part of it.
    redacted = redact_numbers(s)
    if redacted != s:
        redacted = redacted.replace(REDACTED, "").strip("：:，,；;()（）-") or None
    return redacted


def parse_name(cell: object) -> str | None:
    """A person's name with every space removed (ASCII, full-width, zero-width), NFKC.

    Numbers, dates and text without a single letter are not names
    (ValueProblem); empty -> None.

    >>> parse_name("\\u3000李 四 ")
    '李四'
    """
    return _compact_name(cell, "姓名")


_CN_DIGITS_PLACE = "〇零一二两三四五六七八九十"
_COUNTY_PREFIX = re.compile(r"(?:[^省市县]{2,8}?省)?(?:[^省市县]{2,8}?市)?([^乡镇村组县]{1,8}?)县(.+)")
_TOWNSHIP_END = ("乡", "镇", "街道", "政府", "办事处", "街道办")
_PLACE_SUFFIXES = (
    (re.compile(r"(?<=[乡镇])[乡镇]?(?:党委)?(?:人民)?政府$"), ""),
    (re.compile(r"街道办事处$|街道办$"), "街道"),
    (re.compile(r"社区(?:居民委员会|居委会|居委)$"), "社区"),
    (re.compile(r"(?<!社区)(?:居民委员会|居委会)$"), "社区"),
    (re.compile(r"村?(?:村民委员会|村委会|村委)$"), "村"),
)


# A 村组 column ("新屋村3组", "新屋村第一村民小组"): the village is the part before the group.
_VILLAGE_THEN_GROUP = re.compile(
    rf"(.{{2,}}?(?:村|社区))(?:第?[0-9{_CN_DIGITS_PLACE}]{{1,4}}(?:村民小组|居民小组|小组|组|队))"
)


def _canonical_place(s: str) -> str:
    if m := _VILLAGE_THEN_GROUP.fullmatch(s):
        s = m.group(1)
    m = _COUNTY_PREFIX.fullmatch(s)
    # A one-character county (赣县) is only dropped before a township, so 老县城社区 stays whole.
    if m and len(m.group(2)) >= 2 and (len(m.group(1)) >= 2 or m.group(2).endswith(_TOWNSHIP_END)):
        s = m.group(2)
    for rx, repl in _PLACE_SUFFIXES:
        shorter = rx.sub(repl, s)
        if shorter != s and len(shorter) >= 2:
            s = shorter
            break
    return s


def parse_place(cell: object) -> str | None:
    """A township or village name, canonical: the office suffix and a county prefix dropped.

    ``黄坑镇人民政府`` -> ``黄坑镇``, ``新屋村民委员会`` -> ``新屋村``,
    ``城东居委会`` -> ``城东社区``, ``安远县黄坑乡`` -> ``黄坑乡``. A bare
    ``新屋`` stays ``新屋`` (reconciling bare names needs the whole ledger).
    """
    s = _compact_name(cell, "地名")
    return None if s is None else _canonical_place(s)


# --------------------------------------------------------------------------- chinese numerals

_CTX = Context(prec=40, rounding=ROUND_HALF_UP)  # own context: callers' decimal settings do not leak in
_CENT = Decimal("0.01")
_TEN_THOUSANDTH = Decimal("0.0001")

_CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
    "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_CN_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# One table for the tokeniser: character -> (kind, value).
_CN_CHARS: dict[str, tuple[str, Decimal]] = {
    **{ch: ("digit", Decimal(v)) for ch, v in _CN_DIGITS.items()},
    **{ch: ("small", Decimal(v)) for ch, v in _CN_SMALL.items()},
    **{ch: ("big", Decimal(v)) for ch, v in _CN_BIG.items()},
}
_CN_DIGIT_CLASS = "".join(_CN_DIGITS)
_CN_TOKEN = re.compile(rf"([0-9]+(?:\.[0-9]+)?)|点([{_CN_DIGIT_CLASS}0-9]+)|(.)", re.S)
_CN_ALIASES = str.maketrans({"廿": "二十", "卅": "三十"})
_WAN, _YI, _TEN = Decimal(10**4), Decimal(10**8), Decimal(10)

Token = tuple[str, Decimal]


def _frac(digits: str) -> Decimal:
    return Decimal("0." + "".join(str(_CN_DIGITS[d]) if d in _CN_DIGITS else d for d in digits))


def _cn_number(text: str) -> Decimal:
    """chinese_number on text already NFKC'd and without whitespace."""
    text = text.translate(_CN_ALIASES)
    tokens: list[Token] = []
    for m in _CN_TOKEN.finditer(text):
        arabic, frac, char = m.groups()
        if arabic is not None:
            tokens.append(("arabic", Decimal(arabic)))
        elif frac is not None:
            tokens.append(("frac", _frac(frac)))
        elif char in _CN_CHARS:
            tokens.append(_CN_CHARS[char])
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if not tokens:
        raise ValueError("empty numeral")
    if not any(kind in ("small", "big") for kind, _ in tokens):
        return _cn_digit_string(tokens, text)
    with localcontext(_CTX):  # the caller's decimal context (precision, traps) must not change a reading
        return _cn_positional(tokens, text)


def _cn_digit_string(tokens: list[Token], text: str) -> Decimal:
    """'二〇一一' -> 2011, '三点五' -> 3.5: digits read one by one when no unit character is present."""
    frac = tokens.pop()[1] if tokens[-1][0] == "frac" else Decimal(0)
    kinds = {kind for kind, _ in tokens}
    if kinds == {"digit"}:
        return Decimal("".join(str(v) for _, v in tokens)) + frac
    if len(tokens) == 1 and kinds == {"arabic"}:
        return tokens[0][1] + frac
    raise ValueError(f"not a Chinese numeral: {text!r}")


def _cn_positional(tokens: list[Token], text: str) -> Decimal:
    """'一万零五百' -> 10500: positional numerals, 十百千 inside 万 and 亿 sections."""
    bad = ValueError(f"not a Chinese numeral: {text!r}")
    total = wan = section = Decimal(0)
    num: Decimal | None = None  # the digit waiting for its unit
    num_kind = ""
    last_small: Decimal | None = None  # small units fall within a section: 千 > 百 > 十
    last_unit: Decimal | None = None
    zero = wan_done = yi_done = False
    for i, (kind, val) in enumerate(tokens):
        if kind == "digit" and val == 0:
            if num is not None:
                raise bad
            zero = True
        elif kind in ("digit", "arabic"):
            if num is not None:
                raise bad
            num, num_kind = val, kind
        elif kind == "frac":
            if num is None:
                num, num_kind = val, "frac"
            elif num_kind == "digit":
                num, num_kind = num + val, "frac"
            else:
                raise bad
        elif kind == "small":
            if num is None:
                # 十二, 一万十二: 十 needs no 一 at the start of a section; any unit may open the numeral (千余元)
                if i != 0 and not (val == _TEN and last_small is None and section == 0):
                    raise bad
                num = Decimal(1)
            if last_small is not None and val >= last_small:
                raise bad
            section += num * val
            last_small = last_unit = val
            num, zero = None, False
        else:  # 万 / 亿
            part = section + (num if num is not None else 0)
            if i == 0:
                part = Decimal(1)  # 万余元, 上万元: a bare 万 is one 万
            elif part == 0 and not (val == _YI and wan_done):  # 一万亿 is fine, 一亿万 is not
                raise bad
            if val == _WAN:
                if wan_done:
                    raise bad
                wan, wan_done = part * val, True
            else:
                if yi_done:
                    raise bad
                total, yi_done = (wan + part) * val, True
                wan, wan_done = Decimal(0), False
            section, num, last_small, last_unit, zero = Decimal(0), None, None, val, False
    value = total + wan + section
    if num is not None:
        if num_kind == "digit" and not zero and last_unit is not None:
            value += num * last_unit / _TEN  # 一万二 = 12000, 两千五 = 2500: the colloquial shortened tail
        elif num_kind == "arabic" and last_unit is not None and (
            num >= last_unit or (last_unit >= 100 and num < 10 and not zero)
        ):
            raise bad  # 1万2: 12000 or 10002? not guessed (1万零5 and 1万2000 are clear)
        else:
            value += num
    return value


def chinese_number(text: str) -> Decimal:
    """A number written in Chinese (or financial) numerals, as a Decimal.

    Positional forms (``一万零五百`` -> 10500, ``壹仟伍佰`` -> 1500,
    ``十二`` -> 12, colloquial ``一万二`` -> 12000), digit strings without
    units (``二〇一一`` -> 2011), ``点`` for the decimal point
    (``三点五`` -> 3.5) and Arabic digits mixed with units (``1.2万``) are
    read; anything else raises ValueError.
    """
    if not isinstance(text, str):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return _cn_number(_squash(text))


# --------------------------------------------------------------------------- numbers in text

_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?(?:e[+-]?[0-9]{1,3})?|\.[0-9]+")
_MAGNITUDE = re.compile("[万萬亿億千仟]")
_QUALIFIERS: dict[str, str | None] = {
    "大约": "about", "大概": "about", "约合": "about", "约计": "about", "约为": "about", "约": "about",
    "左右": "about", "上下": "about", "来": "about",
    "将近": "nearly", "接近": "nearly", "近": "nearly", "不足": "nearly", "不到": "nearly", "不满": "nearly",
    "以下": "nearly", "以内": "nearly",
    "逾": "at_least", "超过": "at_least", "多于": "at_least", "上": "at_least", "余": "at_least", "多": "at_least",
    "以上": "at_least", "之多": "at_least",
    "整": None,  # 壹万元整: says the sum is round, not a qualifier
}
_LEAD_QTY = re.compile(r"大约|大概|约合|约计|约为|约|将近|接近|近|不足|不到|不满|逾|超过|多于|上(?=[万萬千仟亿億百佰])|[+-]")
_LEAD_AMOUNT = re.compile(
    r"大约|大概|约合|约计|约为|约|将近|接近|近|不足|不到|不满|逾|超过|多于|上(?=[万萬千仟亿億百佰])|人民币|rmb|cny|¥|[+-]"
)
_TRAIL_QUAL = re.compile(r"(?:左右|上下|以上|以下|以内|之多|整)$")
_NUM_CHARS = "0-9〇零○一二两三四五六七八九十百千万亿壹贰貳叁肆伍陆柒捌玖拾佰仟萬億"
_INFIX_QUAL = re.compile(rf"(?<=[{_NUM_CHARS}])(余|多|来)(?=[十百千万亿拾佰仟萬億]?$)")


def _number_text(s: str) -> Decimal:
    if _ARABIC.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return _cn_number(s)


def _read_measure(
    s: str, lead: re.Pattern[str], unit_rx: re.Pattern[str], units: Mapping[str, Decimal]
) -> tuple[Decimal, Decimal | None, str]:
    """(number, factor of a unit written in the cell or None, qualifier) from squashed, lower-cased text.

    Raises ValueError when the text is not a number with optional qualifier and unit.
    """
    quals: set[str] = set()
    negative = sign_seen = False
    while m := lead.match(s):
        word, s = m.group(0), s[m.end():]
        if word in ("+", "-"):
            if sign_seen:
                raise ValueError("two signs")
            negative, sign_seen = word == "-", True
        elif q := _QUALIFIERS.get(word):
            quals.add(q)
    unit: Decimal | None = None
    while True:
        if m := _TRAIL_QUAL.search(s):
            q = _QUALIFIERS[m.group(0)]
            if q is not None:
                quals.add(q)
            s = s[: m.start()]
            continue
        if unit is None and (m := unit_rx.search(s)):
            unit, s = units[m.group(0)], s[: m.start()]
            continue
        break
    if (m := _INFIX_QUAL.search(s)) and (q := _QUALIFIERS[m.group(1)]):
        quals.add(q)
        s = s[: m.start()] + s[m.end():]
    if len(quals) > 1:
        quals.discard("about")  # 约20余万元 is "over 200000"; 近20余万 contradicts itself and stays unreadable
    if not s or len(quals) > 1:
        raise ValueError("no number")
    number = _number_text(s)
    return (number.copy_negate() if negative else number), unit, (quals.pop() if quals else "exact")



def _decimal_of(c: object) -> Decimal:
    """A numeric cell as an exact Decimal (floats through their shortest repr, so 1.1 is 1.1)."""
    if isinstance(c, bool):
        raise ValueError("a yes/no is not a number")
    if isinstance(c, float):
        if not math.isfinite(c):
            raise ValueError("not finite")
        return Decimal(repr(c))
    if isinstance(c, int):
        return Decimal(c)
    if isinstance(c, Decimal) and c.is_finite():
        return c
    raise ValueError("not a number")


def _scale_of(unit_scale: float) -> Decimal:
    return Decimal(repr(unit_scale)) if isinstance(unit_scale, float) else Decimal(unit_scale)


def _is_number(c: object) -> bool:
    t = type(c)
    return t is int or t is float or t is Decimal


# --------------------------------------------------------------------------- amounts

_AMOUNT_UNIT_RX = re.compile(r"(?:元|圆)[整正]?$|块钱$|块$|人民币$")
_AMOUNT_UNITS = {u: Decimal(1) for u in ("元", "元整", "元正", "圆", "圆整", "圆正", "块钱", "块", "人民币")}


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
            value, qualifier = _CTX.multiply(_decimal_of(c), _scale_of(unit_scale)), "exact"
        elif isinstance(c, str):
            s = _squash(c)
            if s in EMPTY_MARKERS:
                return None
            number, unit, qualifier = _read_measure(s.lower(), _LEAD_AMOUNT, _AMOUNT_UNIT_RX, _AMOUNT_UNITS)
            explicit = unit is not None or _MAGNITUDE.search(s) is not None
            value = number if explicit else _CTX.multiply(number, _scale_of(unit_scale))
        else:
            raise ValueError("not an amount")
        amount = float(value.quantize(_CENT, context=_CTX)) + 0.0  # + 0.0: no -0.0
    except (ValueError, ArithmeticError, DecimalException):
        raise ValueProblem(f"金额「{_quote(c)}」无法识别") from None
    if amount < 0:  # a sum raised, invested or handed out is never negative: the frames' schema says so
        raise ValueProblem(f"金额「{_quote(c)}」不能为负数")
    return amount, qualifier


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


def _measure(
    cell: object, unit_scale: float, unit_rx: re.Pattern[str], units: Mapping[str, Decimal], what: str
) -> tuple[object, Decimal | None]:
    """(coerced cell, non-negative value in the base unit or None when empty) for areas, lengths, counts."""
    c = _coerce(cell)
    if c is None:
        return c, None
    try:
        if _is_number(c):
            value = _CTX.multiply(_decimal_of(c), _scale_of(unit_scale))
        elif isinstance(c, str):
            s = _squash(c)
            if s in EMPTY_MARKERS:
                return c, None
            # The qualifier of an area or length (约680亩) is not kept: the stated number is the value.
            number, unit, _ = _read_measure(s.lower(), _LEAD_QTY, unit_rx, units)
            value = _CTX.multiply(number, unit if unit is not None else _scale_of(unit_scale))
        else:
            raise ValueError("not a quantity")
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
    ``六百八十亩`` -> 680, ``约680亩`` -> 680 (qualifier dropped).
    """
    c, value = _measure(cell, unit_scale, _AREA_UNIT_RX, _AREA_UNITS, "面积")
    return None if value is None else _round4(c, value, "面积")


def parse_length_m(cell: object, unit_scale: float = 1.0) -> float | None:
    """A length in metres, rounded to 4 decimals.

    ``unit_scale`` comes from the header (a 公里 column gives 1000); a unit in
    the cell (米, m, 公里, km, 千米 …) overrides it: ``1.2km`` -> 1200.
    """
    c, value = _measure(cell, unit_scale, _LENGTH_UNIT_RX, _LENGTH_UNITS, "长度")
    return None if value is None else _round4(c, value, "长度")


_MAX_COUNT = 10**12


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


# --------------------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Lotus' phantom 1900-02-29 folded in
_FIRST_YEAR, _LAST_YEAR = 1950, 2100
_SERIAL_MIN = (dt.date(_FIRST_YEAR, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_MAX = (dt.date(_LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days

_SEP = r"\s*[-/.]\s*"
_DATE_NUMERIC = re.compile(rf"([0-9]{{4}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})(?![0-9])(.*)", re.S)
_DATE_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])(?:\.0+(?![0-9]))?(.*)", re.S)
_DATE_CHINESE = re.compile(
    r"([0-9〇零○Oo一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月"
    r"\s*([0-9一二三四五六七八九十廿卅]{1,4})\s*[日号]?(.*)",
    re.S,
)
# What may follow a date: a time of day, a part of the day, a weekday. Anything else (a second date) is not guessed.
_DATE_TAIL = re.compile(
    r"(?:\s*(?:T?[0-9]{1,2}:[0-9]{1,2}(?::[0-9]{1,2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
    r"|[0-9]{1,2}[时点](?:[0-9]{1,2}分?|半|整)?"
    r"|上午|下午|中午|晚上|早上|早晨|凌晨|傍晚|夜间|晚间"
    r"|\(?(?:星期|周|礼拜)[一二三四五六日天七]\)?|[.,;]))*\s*"
)
_SERIAL_TEXT = re.compile(r"[0-9]{5}(?:\.[0-9]+)?")
_YEAR_DIGITS = {**{str(i): i for i in range(10)}, **_CN_DIGITS, "O": 0, "o": 0}


def _date_part(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    value = _cn_number(text)
    if value != value.to_integral_value():
        raise ValueError("not a whole number")
    return int(value)


def _checked_date(c: object, year: int, month: int, day: int) -> dt.date:
    try:
        value = dt.date(year, month, day)
    except (ValueError, OverflowError):
        raise ValueProblem(f"「{_quote(c)}」不是有效日期") from None
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise ValueProblem(f"「{_quote(c)}」不在{_FIRST_YEAR}至{_LAST_YEAR}年之间")
    return value


def _from_serial(c: object, serial: float) -> dt.date:
    # A number outside 1950..2100 as a serial is no date at all (2011 would be 1905-07-03): say so plainly.
    if not _SERIAL_MIN <= serial < _SERIAL_MAX + 1:  # also False for inf
        raise ValueProblem(f"「{_quote(c)}」无法识别为日期")
    return _EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))  # the fraction is the time of day


def _date_of_number(c: object, n: float) -> dt.date:
    # A whole number 19500101..21001231 is a date typed as digits into a number cell, not a serial.
    if 19500101 <= n <= 21001231 and n == int(n):
        n = int(n)
        return _checked_date(c, n // 10000, n // 100 % 100, n % 100)
    return _from_serial(c, n)


def _date_of_text(c: str) -> dt.date | None:
    s = _collapse(c).replace("。", ".")
    if _WS_ALL.sub("", s) in EMPTY_MARKERS:
        return None
    if _SERIAL_TEXT.fullmatch(s):
        return _from_serial(c, float(s))
    unreadable = ValueProblem(f"「{_quote(c)}」无法识别为日期")
    m = _DATE_NUMERIC.fullmatch(s) or _DATE_COMPACT.fullmatch(s)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DATE_CHINESE.fullmatch(s):
        try:
            year = int("".join(str(_YEAR_DIGITS[ch]) for ch in m.group(1)))
            month, day = _date_part(m.group(2)), _date_part(m.group(3))
        except (ValueError, KeyError, ArithmeticError):
            raise unreadable from None
    else:
        raise unreadable
    if not _DATE_TAIL.fullmatch(m.group(4)):
        raise unreadable
    return _checked_date(c, year, month, day)


def parse_date(cell: object) -> dt.date | None:
    """A calendar date; years 1950..2100 only; never guessed.

    Date cells give their date; numbers are Excel (1900-system) serials
    (40607 -> 2011-03-05, a fraction ignored) except whole numbers that read
    as ``yyyymmdd``; text may be ``2011-3-5``, ``2011/03/05``, ``2011.3.5``,
    ``20110305``, ``2011年3月5日(上午)``, ``二〇一一年三月五日``, a 5-digit
    serial, with a time of day after it. Impossible dates raise
    ``「2011-02-30」不是有效日期``; text that is not a whole date
    (``2011年3月``, ``3月5日``, ``11.3.5``, ``待定``) raises
    ``「待定」无法识别为日期``. (A ledger that names its year in its title
    has ``3月5日`` completed first: ``date_with_year``.)
    """
    c = _coerce(cell)
    if c is None:
        return None
    if isinstance(c, str):
        return _date_of_text(c)
    if isinstance(c, dt.date):  # datetime and pandas Timestamp included
        return _checked_date(c, c.year, c.month, c.day)
    if isinstance(c, int | float) and not isinstance(c, bool):
        return _date_of_number(c, c)
    if isinstance(c, Decimal) and c.is_finite():
        return _date_of_number(c, float(c))
    raise ValueProblem(f"「{_quote(c)}」无法识别为日期")


_MONTH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})[日号]?")


def date_with_year(cell: object, year: int | None) -> object:
    """``3月5日`` (or ``3月5号``) completed with the ledger's ``year`` as ``2011年3月5日``;
    any other cell unchanged, for ``parse_date`` to judge.

    A month sheet's dates often leave the year to its title (``2011年3月走访登记表``);
    ``year`` is that one year (``context.year_in_sources``), None when nothing names one.

    >>> date_with_year("３月 ５日", 2011)
    '2011年3月5日'
    >>> date_with_year("3.5", 2011)
    '3.5'
    """
    if year is None or not isinstance(cell, str) or "月" not in cell:
        return cell
    m = _MONTH_DAY.fullmatch(_collapse(cell).replace(" ", ""))
    return f"{year}年{int(m.group(1))}月{int(m.group(2))}日" if m else cell


# --------------------------------------------------------------------------- groups

_GROUP_SUFFIX = r"(?:村民小组|居民小组|村小组|小组|生产队|生产组|组|队|社)"
_GROUP_NUMERIC = re.compile(
    rf"(?:.*?(?:村|社区|居委会))?第?([0-9]{{1,4}}|[{_CN_DIGIT_CLASS}十百拾佰廿卅]{{1,6}}){_GROUP_SUFFIX}?"
)
_GROUP_FLOAT_TEXT = re.compile(r"([0-9]{1,4})\.0+")
_GROUP_SUFFIX_END = re.compile(rf"{_GROUP_SUFFIX}$")
_GROUP_WORDS = frozenset({"村民小组", "居民小组", "村小组", "小组", "生产队", "生产组", "组", "队", "社"})
_MAX_GROUP = 300


def _numbered_group(c: object, n: Decimal | int) -> str:
    if not 1 <= n <= _MAX_GROUP or n != int(n):
        raise ValueProblem(f"村民小组「{_quote(c)}」无法识别")
    return f"{int(n)}组"


def parse_group(cell: object) -> str | None:
    """A 村民小组 label, canonical: ``'1组'`` for a numbered group, ``'新屋下组'`` for a named one.

    ``一组``, ``第一组``, ``第1村民小组``, ``01``, ``1.0``, ``1队`` all give
    ``1组``; ``新屋下小组`` and ``新屋下`` give ``新屋下组``; a village
    prefix (``新屋村3组``) is dropped. Group numbers run 1..300;
    1.5 or 0 is a ValueProblem.
    """
    c = _coerce(cell)
    if c is None:
        return None
    bad = ValueProblem(f"村民小组「{_quote(c)}」无法识别")
    if _is_number(c):
        try:
            value = _decimal_of(c)
        except ValueError:
            raise bad from None
        return _numbered_group(c, value)
    if not isinstance(c, str):
        raise bad
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return None
    if m := _GROUP_FLOAT_TEXT.fullmatch(s):
        return _numbered_group(c, int(m.group(1)))
    if m := _GROUP_NUMERIC.fullmatch(s):
        try:
            return _numbered_group(c, _number_text(m.group(1)))
        except ValueError:
            pass  # 百家组 is a name that starts like a numeral
    m = _GROUP_SUFFIX_END.search(s)
    name = s[: m.start()] if m and m.start() > 0 else s
    if (
        name in _GROUP_WORDS
        or len(name) > 12
        or not all(ch.isalpha() or ch == "·" for ch in name)  # 新屋1组, 一组二组: not a name, not guessed
        or "组" in name
    ):
        raise bad
    return name + "组"


# --------------------------------------------------------------------------- yes / no

_TRUE_WORDS = frozenset({
    "是", "√", "✓", "✔", "☑", "✅", "有", "y", "yes", "true", "t", "1", "1.0", "对", "是的", "已提供", "提供", "已",
})
_FALSE_WORDS = frozenset({
    "否", "×", "✗", "✘", "☒", "❌", "x", "无", "n", "no", "false", "f", "0", "0.0", "不是", "未提供", "没有", "未",
    "不", "非",
})


def _bool_word(c: object) -> bool | None:
    """True/False for a recognised yes/no cell, None otherwise (empty cells are False)."""
    if c is None:
        return False
    if isinstance(c, bool):
        return c
    if _is_number(c):
        return bool(c == 1) if c in (0, 1) else None
    if not isinstance(c, str):
        return None
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return False
    key = s.lower()
    if key in _TRUE_WORDS:
        return True
    if key in _FALSE_WORDS:
        return False
    # "是(法律咨询)", "√（已化解）": the word says yes or no, the bracket only adds a note.
    if (m := _ANNOTATED.fullmatch(key)) and m.group(1) in _TRUE_WORDS | _FALSE_WORDS:
        return m.group(1) in _TRUE_WORDS
    return None


_ANNOTATED = re.compile(r"(.{1,3}?)\(.*\)")


def parse_bool(cell: object) -> bool:
    """A yes/no cell: ``是``/``√``/``有``/``Y``/1 -> True, ``否``/``×``/``无``/``N``/0 -> False.

    A blank cell means no (False); anything else is a ValueProblem.
    """
    c = _coerce(cell)
    value = _bool_word(c)
    if value is None:
        raise ValueProblem(f"「{_quote(c)}」无法识别为是/否")
    return value


_POOR_EXACT = {
    **{w: True for w in ("贫困户", "困难户", "建档立卡户", "建档立卡贫困户", "低保户", "五保户", "特困户", "困难群众",
                         "脱贫户", "贫困", "困难", "低保", "五保", "特困", "建档立卡", "一般贫困户", "低保贫困户",
                         "五保贫困户", "脱贫监测户", "监测户", "边缘户")},
    **{w: False for w in ("一般户", "非贫困户", "普通户", "一般农户", "非困难户", "普通农户", "非建档立卡户", "一般",
                          "普通", "非贫困", "非困难")},
}
# Negations first: 非贫困户 contains 贫困户. 一般贫困户 is a kind of poor household, so 一般 alone is no negation.
_POOR_NEGATIVE = ("非贫困", "非困难", "非建档", "非低保", "不是", "一般户", "一般农户", "普通户", "普通农户")
_POOR_POSITIVE = ("贫困", "困难", "建档立卡", "低保", "五保", "特困", "脱贫")


def parse_poor(cell: object) -> bool:
    """Whether a roster household is in hardship (``is_poor``).

    parse_bool's words, plus household categories: ``贫困户``, ``建档立卡户``,
    ``低保户``, ``五保户``, ``脱贫户`` … -> True; ``一般户``, ``非贫困户``,
    ``普通户`` … -> False (negations are checked before the positive words
    they contain). Blank -> False.
    """
    c = _coerce(cell)
    value = _bool_word(c)
    if value is not None:
        return value
    if isinstance(c, str):
        s = _squash(c)
        if s in _POOR_EXACT:
            return _POOR_EXACT[s]
        if any(w in s for w in _POOR_NEGATIVE):
            return False
        if any(w in s for w in _POOR_POSITIVE):
            return True
    raise ValueProblem(f"「{_quote(c)}」无法识别为是否困难户")


# --------------------------------------------------------------------------- coded categories

_DISPUTE_KEYWORDS = (
    ("forest", ("山林", "林地", "林权", "山场", "林木", "山地", "山界")),
    ("neighbour", ("邻里", "相邻")),
    ("land", ("土地", "田地", "耕地", "承包地", "宅基地", "征地", "田土", "水田")),
    ("family", ("婚姻", "家庭", "赡养", "抚养", "继承", "夫妻", "离婚", "婚恋", "家事")),
)
_DISPUTE_CODES = frozenset({"forest", "neighbour", "land", "family", "other"})


def parse_dispute_type(cell: object) -> str:
    """A dispute type code: ``forest``, ``neighbour``, ``land``, ``family`` or ``other``. Never raises.

    Keywords are tried in that order (``山林土地纠纷`` is forest); blank and
    unknown types (``其他``, ``债务纠纷``) are ``other``.
    """
    c = _coerce(cell)
    if not isinstance(c, str):
        return "other"
    s = _squash(c)
    if s.lower() in _DISPUTE_CODES:
        return s.lower()
    for code, words in _DISPUTE_KEYWORDS:
        if any(w in s for w in words):
            return code
    return "other"


_LEVEL_TRIM = re.compile(
    r"(?:人民调解委员会|调解委员会|调委会|调解会|调解室|调解组织|调解小组|调处小组|调解组|调解|调处|化解"
    r"|两委|党支部|党委|人民政府|政府|一级|级|层面|层级)$"
)
_LEVEL_EXACT = {
    "group": "group", "village": "village", "township": "township",
    "组": "group", "小组": "group", "村民小组": "group", "居民小组": "group", "村小组": "group", "组内": "group",
    "村": "village", "村委": "village", "村委会": "village", "村民委员会": "village", "村居": "village",
    "居": "village", "社区": "village", "居委会": "village", "居委": "village", "村内": "village",
    "乡": "township", "镇": "township", "乡镇": "township", "街道": "township", "镇街": "township",
    # who mediated, written instead of where
    "组长": "group", "村民组长": "group", "村干部": "village", "村支书": "village", "村主任": "village",
    "乡干部": "township", "镇干部": "township", "乡镇干部": "township",
}
_TOWNSHIP_OFFICES = ("司法所", "综治", "派出所", "信访", "街道", "调处中心", "矛调中心", "乡镇")
_ABOVE_TOWNSHIP = ("县", "市", "省", "法院", "检察院", "公安局", "司法局")


def parse_level(cell: object) -> str | None:
    """The level a dispute was mediated at: ``group``, ``village`` or ``township``; empty -> None.

    ``组级``/``村民小组``/``新屋下组`` -> group; ``村级``/``村委会``/``村调委会``/
    ``新屋村`` -> village; ``乡``/``镇级``/``乡(镇)``/``司法所``/``综治办``/
    ``黄坑乡`` -> township. County-level bodies (``县法院``) and anything
    else are a ValueProblem.
    """
    c = _coerce(cell)
    if c is None:
        return None
    bad = ValueProblem(f"调处层级「{_quote(c)}」无法识别")
    if not isinstance(c, str):
        raise bad
    s = _squash(c).replace("(", "").replace(")", "")
    if s in EMPTY_MARKERS:
        return None
    key = s.lower()
    while key not in _LEVEL_EXACT and (shorter := _LEVEL_TRIM.sub("", key)) != key and shorter:
        key = shorter
    if key in _LEVEL_EXACT:
        return _LEVEL_EXACT[key]
    if "工作组" in key:  # the 三送 work team is none of the three levels: not guessed
        raise bad
    if key.endswith("组"):
        return "group"
    if key.endswith(("村", "社区", "居委会", "村委会", "村委")):
        return "village"
    if key.endswith(("乡", "镇", "街道", "办事处")):
        return "township"
    if any(w in key for w in _ABOVE_TOWNSHIP):
        raise bad
    if any(w in key for w in _TOWNSHIP_OFFICES):
        return "township"
    raise bad


_OUTCOME_EXACT = {
    "resolved": "resolved", "unresolved": "unresolved", "referred": "referred", "pending": "pending",
    "是": "resolved", "√": "resolved", "✓": "resolved", "✔": "resolved", "y": "resolved", "yes": "resolved",
    "1": "resolved", "成": "resolved",
    "否": "unresolved", "×": "unresolved", "✗": "unresolved", "✘": "unresolved", "x": "unresolved",
    "n": "unresolved", "no": "unresolved", "0": "unresolved",
}
# Order matters: 未成功 contains 成功, 未办结 contains 办结, so negatives and "not yet" come first.
_OUTCOME_KEYWORDS = (
    ("unresolved", ("未成功", "不成功", "未化解", "未能化解", "未解决", "未能解决", "失败", "未调成", "调不成",
                    "没有成功", "未达成", "不能化解", "无法化解", "未果", "无效", "不成", "不满意")),
    ("referred", ("移交", "转交", "移送", "上报", "转司法", "诉讼", "起诉", "转法院", "转办", "转入", "仲裁")),
    ("pending", ("调处中", "正在", "调解中", "在调", "待", "未办结", "未结案", "未调处", "未调解", "未处理",
                 "未完成", "办理中", "处理中", "进行中", "化解中")),
    ("resolved", ("成功", "已调处", "已调解", "化解", "解决", "办结", "结案", "达成", "和解", "息诉", "调结",
                  "调处完毕", "调解完毕", "已处理", "息访", "履行", "满意")),
    ("pending", ("跟踪", "回访", "观察")),  # follow-up words say "pending" only when nothing above matched
)


# 未调解成功, 没有化解, 无法达成协议: a negation a few characters before a success word (not across a comma).
_UNRESOLVED_RX = re.compile(r"(?:未能?|没有?|不能|无法)[^,。;；]{0,4}?(?:成功|化解|解决|调成|达成)")


def parse_outcome(cell: object) -> str:
    """A dispute outcome: ``resolved``, ``unresolved``, ``referred`` or ``pending``.

    Negatives are checked first (``未成功`` contains ``成功``), then referral,
    then "still in progress", then success. Blank -> ``pending``; a yes/no
    cell (是否调处成功) reads 是 as resolved and 否 as unresolved; anything
    else raises ``调处结果「xx」无法识别``.
    """
    c = _coerce(cell)
    if c is None:
        return "pending"
    if isinstance(c, bool):
        return "resolved" if c else "unresolved"
    if _is_number(c) and c in (0, 1):
        return "resolved" if c == 1 else "unresolved"
    if isinstance(c, str):
        s = _squash(c)
        if s in EMPTY_MARKERS:
            return "pending"
        key = s.lower()
        if key in _OUTCOME_EXACT:
            return _OUTCOME_EXACT[key]
        if _UNRESOLVED_RX.search(key):
            return "unresolved"
        for code, words in _OUTCOME_KEYWORDS:
            if any(w in key for w in words):
                return code
    raise ValueProblem(f"调处结果「{_quote(c)}」无法识别")


_VISIT_KEYWORDS = (
    ("relief", ("慰问", "送温暖", "救助", "救济", "慰问金")),
    ("policy", ("宣讲", "宣传", "政策解读", "讲解政策")),
    ("service", ("帮办", "代办", "办事", "服务")),
    ("visit", ("走访", "入户", "家访", "看望", "回访", "调研", "访问")),
)
_VISIT_CODES = frozenset({"visit", "policy", "relief", "service", "other"})


def parse_visit_kind(cell: object) -> str:
    """What a visit was for: ``visit``, ``policy``, ``relief``, ``service`` or ``other``. Never raises.

    慰问 wins over 走访 (``走访慰问`` is relief); then 宣讲/宣传 (policy),
    帮办/代办/服务 (service), 走访/入户/家访 (visit). Blank -> ``visit``
    (a visit ledger row without a kind is a plain visit); anything else ->
    ``other``.
    """
    c = _coerce(cell)
    if c is None:
        return "visit"
    if not isinstance(c, str):
        return "other"
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return "visit"
    if s.lower() in _VISIT_CODES:
        return s.lower()
    for code, words in _VISIT_KEYWORDS:
        if any(w in s for w in words):
            return code
    return "other"


# --------------------------------------------------------------------------- registry

PARSERS: dict[str, Callable[..., object]] = {
    "date": parse_date,
    "amount": parse_amount,
    "area": parse_area_mu,
    "length": parse_length_m,
    "count": parse_count,
    "bool": parse_bool,
    "poor": parse_poor,
    "name": parse_name,
    "place": parse_place,
    "group": parse_group,
    "text": clean_text,
    "dispute_type": parse_dispute_type,
    "level": parse_level,
    "outcome": parse_outcome,
    "visit_kind": parse_visit_kind,
}

"""Numbers as offices write them: Chinese and financial numerals (``一万一千``, ``壹万元整``),
Arabic digits with thousands separators, and the qualifiers around them (``余``, ``近``, ``约``)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from sansong_analysis.ingest.values.text import _squash

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


# A magnitude written alone: a unit, or a digit box's label (万 | 千 | 百 | 十 | 元), never a figure without a
# qualifier before it (近万元, 上万元, 逾万 are "about, over ten thousand"); 十 alone is ten.
_BARE_MAGNITUDES = frozenset("百千万亿佰仟萬億")


def _number_text(s: str) -> Decimal:
    if _ARABIC.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return _cn_number(s)


# A unit in brackets closing a number (5000(元), 0.3(万元), 30(亩)): written as a heading writes it.
_BRACKETED_UNIT = re.compile(r"(?<=[0-9〇零○一二两三四五六七八九十百千万亿壹贰貳叁肆伍陆柒捌玖拾佰仟萬億])\(([万萬亿億千仟百佰]?)([^()]{0,4})\)$")


# A note in brackets after a quantity saying what it includes (4人(含户主), 300亩(其中水田200亩), 5000元(其中县级
# 2000元)): the quantity is the whole, read without the note. Not a note that may strike part of it off
# (其中2000元未到位, 含欠款), nor 其中 without a part's figure (5000(其中现金): is the whole cash?): the cell
# stays unreadable, as any other remark leaves it.
_INCLUSIVE_NOTE = re.compile(
    r"(?<=.)\((?:其中(?=[^()]*[0-9])|含有|含|包括|包含)(?![^()]*[未欠待差尚缺退扣])[^()]{1,20}\)$")


def _read_measure(
    s: str, lead: re.Pattern[str], unit_rx: re.Pattern[str], units: Mapping[str, Decimal]
) -> tuple[Decimal, Decimal | None, str]:
    """(number, factor of a unit written in the cell or None, qualifier) from squashed, lower-cased text.

    Raises ValueError when the text is not a number with optional qualifier and unit.
    """
    s = s.rstrip("。;,、")  # a sentence's end after the number (5000元。); squashed text: ；，are ; ,
    if s.endswith(")") and (m := _INCLUSIVE_NOTE.search(s)):
        s = s[: m.start()]
    if s.endswith(")") and (m := _BRACKETED_UNIT.search(s)) and (unit_rx.fullmatch(m.group(2)) or m.group(1) and not m.group(2)):
        s = s[: m.start()] + m.group(1) + m.group(2)
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
    if not quals and s in _BARE_MAGNITUDES:
        raise ValueError("a magnitude alone")  # 万 or 万元 is a unit (a digit box's label), no sum; 近万元 is one
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

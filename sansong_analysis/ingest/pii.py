"""Identity-card and phone numbers: found and removed before anything leaves the raw folder.

Columns that hold them are recognised by their headings and never read
(``ledgers.ID_NUMBER``, ``ledgers.PHONE``); this module catches the numbers
that hide in free text (``户主电话13812345678``) or in a column nobody labelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re

REDACTED = "[号码已隐去]"

# Inside a number a separator is one space or hyphen, the same one throughout (138-1234-5678,
# 360721 19800101 1234); a line break or two different separators part two numbers.
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_PATTERNS = [
    # 18-digit resident ID (with X check digit), also written 6-8-4 with spaces.
    rf"(?<![0-9])[1-9]\d{{5}}(?P<s18>[ -]?)(?:18|19|20)\d{{2}}{_DATE}(?P=s18)\d{{3}}[0-9Xx](?![0-9])",
    # The 15-digit ID card of before 1999, likewise.
    rf"(?<![0-9])[1-9]\d{{5}}(?P<s15>[ -]?)\d{{2}}{_DATE}(?P=s15)\d{{3}}(?![0-9])",
    # Mobile numbers, optionally +86, optionally grouped 3-4-4.
    r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?P<sm>[ -]?)\d{4}(?P=sm)\d{4}(?![0-9])",
    # Landlines with an area code: 0797-8123457, 0797 8123457, (0797)8123457, （010）87654321. Not the
    # thousands or decimals of an amount ("￥15,000 8123457": 000 is no area code), those of one whose
    # digits before the point were hidden already included (so that redacting twice changes nothing).
    r"(?<![0-9])(?<![0-9][,.])(?<!\[号码已隐去\][,.])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[ -]?\d{7,8}(?![0-9])",
]
_PII = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))

# Any other run of 11 or more digits (old 15-digit IDs, numbers without separators, an X after
# it) — unless it reads as a timestamp (20110506093015: export files are named after one). Only an
# unbroken run: digits on both sides of a space are two numbers (a date, then a count).
_LONG_RUN = re.compile(r"(?<![0-9])\d{11,}[Xx]?(?![0-9])")
_TIMESTAMP = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d(?:\d{3})?)?")

# A local landline number on its own: 7 or 8 digits, the first 2–9 (no Chinese local number starts
# with 0 or 1), standing alone — lists such as 81087858、81415182 or 8123457/8123458 included. Not
# when it is an amount or a count (a unit after it, a currency sign or decimals around it) or a
# date written without separators (20110305, see ``_DATE8``).
# The decimals of an amount may already have been hidden (3203645.651084475876: the twelve digits
# after the point are a long run): 3203645.[号码已隐去] is still an amount, so redacting is idempotent.
_LOCAL = re.compile(r"(?<![0-9.．])[2-9]\d{6,7}(?![0-9]|[.．](?:[0-9]|\[号码已隐去)|,\d{3}(?![0-9]))")
# A unit that begins a longer word is no unit: "8123457 户主" is a number beside the word 户主 (the
# head of the household), not 8,123,457 households. 张 is a surname too: "8123457 张长贵" is a number
# beside a name, so 张 is a unit only with no Chinese character after it. (万 is one as well, but
# "2000000万和…" is an amount: 万 stays a unit, and a landline right before a 万 name is kept.)
_CJK = "\u3400-\u9fff"
_UNIT_AFTER = re.compile(
    rf"\s*(?:元|万|亿|千|百|角|块|亩|公顷|平方|平米|㎡|米|m|M|公里|千米|km|KM|吨|斤|公斤|千克"
    rf"|kg|KG|克|户(?![主籍名号])|人(?![员民])|口|个|次|件|起"
    rf"|项|条|份|笔|套|间|台|辆|株|棵|头|只|张(?![{_CJK}])|本|册|箱|袋|%|％|‰|岁|年|月|日|天|小时|分钟|秒|字节|KB|MB|GB|B\b)"
)
_CURRENCY_BEFORE = re.compile(r"(?:[￥¥$＄]|RMB|rmb|人民币)\s*$")
# Eight digits from 19000000 to 20999999 read as a date, a mistyped one too (20111305 in a date column
# must be quoted back to the analyst as typed).
_DATE8 = re.compile(r"(?:19|20)\d{6}")

# Numbers an office masked itself (138****5678, 1381234****, 360721********1234, 138-xxxx-5678):
# docs/contract.md §4 keeps them out too, so any run of 11+ digits and mask characters with at least three
# digits goes. Full-width digits and stars are folded first.
_MASK_CHARS = "*＊●•×xXＸ"
_MASKED = re.compile(
    rf"(?<![0-9{_MASK_CHARS}])[0-9{_MASK_CHARS}](?:[ \t\u3000-]?[0-9{_MASK_CHARS}]){{10,}}(?![0-9{_MASK_CHARS}])"
)
_FOLD = str.maketrans("０１２３４５６７８９－（）", "0123456789-()")


_CHECK_DIGIT = re.compile(r"(?<=\d)[Xx](?=$|[ \t\u3000-])")


def _is_masked_number(run: str) -> bool:
    # An X that ends a group of digits is an ID card's check digit, not a mask: "0 11000020000101000X 0"
    # is a count, an ID (matched as one) and a count; 1381234xxxx and 138-xxxx-5678 are masked.
    return sum(ch.isdigit() for ch in run) >= 3 and any(ch in _MASK_CHARS for ch in _CHECK_DIGIT.sub("", run))


def _is_local_landline(folded: str, m: re.Match) -> bool:
    if _UNIT_AFTER.match(folded, m.end()) or _CURRENCY_BEFORE.search(folded, 0, m.start()):
        return False
    return not (len(m.group(0)) == 8 and _DATE8.fullmatch(m.group(0)))


def _spans(folded: str, landlines: bool) -> list[tuple[int, int]]:
    spans = []
    if any(ch in _MASK_CHARS for ch in folded):
        spans += [m.span() for m in _MASKED.finditer(folded) if _is_masked_number(m.group(0))]
    spans += [m.span() for m in _PII.finditer(folded)]
    spans += [m.span() for m in _LONG_RUN.finditer(folded) if not _TIMESTAMP.fullmatch(m.group(0))]
    if landlines:
        spans += [m.span() for m in _LOCAL.finditer(folded) if _is_local_landline(folded, m)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str, *, landlines: bool = True) -> str:
    """``text`` with every ID-card or phone number replaced, masked ones and full-width ones included.

    Dates and timestamps (``20110305``, ``20110506093015``), amounts and counts with their unit
    (``1200000元``, ``8123457户``) are not numbers of a person and stay. ``landlines=False`` leaves
    bare 7–8 digit numbers alone (a number cell holds a quantity; see ``cell_text``).

    >>> redact("户主电话13812345678，已走访")
    '户主电话[号码已隐去]，已走访'
    >>> redact("联系人 138****5678")
    '联系人 [号码已隐去]'
    >>> redact("王长贵（8123457），0797-8123457；81087858、81415182")
    '王长贵（[号码已隐去]），[号码已隐去]；[号码已隐去]、[号码已隐去]'
    >>> redact("走访导出_20110506093015.xlsx 于20110305 投资1200000元")
    '走访导出_20110506093015.xlsx 于20110305 投资1200000元'
    """
    if not text or not any(map(str.isdigit, text)):  # map: no generator frame per character
        return text
    # Full-width digits are matched as digits; the fold is one character for one, so spans line up.
    folded = text if text.isascii() else text.translate(_FOLD)
    spans = _spans(folded, landlines)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], REDACTED]
        last = end
    out.append(text[last:])
    return "".join(out)


def redact_name(name: str) -> str:
    """A file or sheet name with personal numbers removed, still telling two files apart.

    A name that had a number in it carries a short stable tag of the original
    (``李明[号码已隐去·3f2].xlsx``), so two ledgers that differ only by a phone number
    never show under one name. Three hex digits: fewer bits than the last four digits
    docs/contract.md §4 forbids showing, so the tag does not give the number away.

    >>> redact_name("走访导出_20110506093015.xlsx")
    '走访导出_20110506093015.xlsx'
    >>> redact_name("李明13812345678.xlsx") != redact_name("李明13812345679.xlsx")
    True
    """
    redacted = redact(name)
    if redacted == name:
        return name
    tag = hashlib.sha256(name.encode("utf-8")).hexdigest()[:3]
    return redacted.replace(REDACTED, f"{REDACTED[:-1]}·{tag}]")


def contains_pii(text: str) -> bool:
    """True when ``text`` holds something that reads as an ID-card or phone number (masked or not)."""
    return bool(text) and redact(text) != text


def cell_text(value: object) -> str:
    """A raw cell as the text an analyst would see in Excel, with personal numbers removed.

    Large integral floats are written out in full first so an ID number stored
    as a number (3.60721198001011e+17) is recognised and removed, not leaked
    in scientific notation.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ""
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        # A number cell holds a quantity (an amount, a count); Excel would have dropped a landline's
        # area code anyway. Mobile and ID numbers typed into a number cell still go.
        return redact(str(int(value)) if abs(value) < 1e21 else repr(value), landlines=False)
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value).strip()
    return redact(text)

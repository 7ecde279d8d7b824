"""Identity-card and phone numbers: found and removed before anything leaves the raw folder.

Columns that hold them are recognised by their headings and never read
(``ledgers.ID_NUMBER``, ``ledgers.PHONE``); this module catches the numbers
that hide in free text (``户主电话13812345678``) or in a column nobody labelled.
"""

from __future__ import annotations

import datetime as dt
import math
import re

REDACTED = "[号码已隐去]"

_PATTERNS = [
    # 18-digit resident ID (with X check digit), also written with spaces.
    r"(?<![0-9])[1-9]\d{5}[\s-]?(?:18|19|20)\d{2}[\s-]?\d{4}[\s-]?\d{3}[0-9Xx](?![0-9])",
    # Mobile numbers, optionally +86, optionally grouped 3-4-4.
    r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])",
    # Landlines with an area code: 0797-1234567, (0797)1234567.
    r"(?<![0-9])[(（]?0\d{2,3}[)）]?[\s-]?\d{7,8}(?![0-9])",
    # Any other run of 11 or more digits (old 15-digit IDs, numbers without separators), an X after it.
    r"(?<![0-9])\d(?:[\s-]?\d){10,}[Xx]?(?![0-9])",
]
_PII = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))

# Numbers an office masked itself (138****5678, 1381234****, 360721********1234, 138-xxxx-5678):
# docs/contract.md §4 keeps them out too, so any run of 11+ digits and mask characters with at least three
# digits goes. Full-width digits and stars are folded first.
_MASK_CHARS = "*＊●•×xXＸ"
_MASKED = re.compile(
    rf"(?<![0-9{_MASK_CHARS}])[0-9{_MASK_CHARS}](?:[ \t\u3000-]?[0-9{_MASK_CHARS}]){{10,}}(?![0-9{_MASK_CHARS}])"
)
_FOLD = str.maketrans("０１２３４５６７８９－", "0123456789-")


def _is_masked_number(run: str) -> bool:
    return sum(ch.isdigit() for ch in run) >= 3 and any(ch in _MASK_CHARS for ch in run)


def _spans(folded: str) -> list[tuple[int, int]]:
    spans = []
    if any(ch in _MASK_CHARS for ch in folded):
        spans += [m.span() for m in _MASKED.finditer(folded) if _is_masked_number(m.group(0))]
    spans += [m.span() for m in _PII.finditer(folded)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str) -> str:
    """``text`` with every ID-card or phone number replaced, masked ones and full-width ones included.

    >>> redact("户主电话13812345678，已走访")
    '户主电话[号码已隐去]，已走访'
    >>> redact("联系人 138****5678")
    '联系人 [号码已隐去]'
    """
    if not text or not any(ch.isdigit() for ch in text):
        return text
    # Full-width digits are matched as digits; the fold is one character for one, so spans line up.
    folded = text if text.isascii() else text.translate(_FOLD)
    spans = _spans(folded)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], REDACTED]
        last = end
    out.append(text[last:])
    return "".join(out)


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
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    elif isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value).strip()
    return redact(text)

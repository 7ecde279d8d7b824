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
    # Any other run of 11 or more digits (old 15-digit IDs, numbers without separators).
    r"(?<![0-9])\d(?:[\s-]?\d){10,}(?![0-9])",
]
_PII = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def redact(text: str) -> str:
    """``text`` with every ID-card or phone number replaced.

    >>> redact("户主电话13812345678，已走访")
    '户主电话[号码已隐去]，已走访'
    """
    if not text or not any(ch.isdigit() for ch in text):
        return text
    return _PII.sub(REDACTED, text)


def contains_pii(text: str) -> bool:
    """True when ``text`` holds something that reads as an ID-card or phone number."""
    return bool(text) and _PII.search(text) is not None


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

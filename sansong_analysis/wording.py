"""Every figure as people read it: one rule for each percent, sum of money, area, count, date and period.

Moved here from ``publish/narrative.py`` so that the narrative, the charts,
the brief, the notebooks, the CLI and the Excel summary write each figure
the same way.

- Counts are integers with their measure word (户, 起, 亩, 次, 个).
- Money (:func:`format_wan`): from 1万元 up in 万元 with up to two decimals,
  trailing zeros dropped (``22.5万元``, ``1.25万元``); below 1万元 in whole 元
  (``4000元``). Rounding is half up (四舍五入) on the decimal value, to the
  hundred yuan for 万元 (224949 -> 22.49万元, 224950 and 224999 -> 22.5万元)
  and to the yuan for 元 (9999.4 -> 9999元, 9999.5 -> 1万元). A sum keeps the qualifier of its parts (:func:`combined_qualifier`):
  ``at_least`` -> ``22.5万余元``, ``nearly`` -> ``近1万元``, ``about`` ->
  ``约3000元``; different qualifiers mixed -> 约. ``20余万元`` in a ledger is
  200000 "at least": the text says ``20万余元``, never 205000.
- Percentages with one decimal, half up (:func:`format_percent`): ``92.1%``.
- Areas in 亩, whole numbers without decimals, else one decimal (:func:`format_mu`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

QUALIFIERS = ("exact", "at_least", "nearly", "about")

_WAN = Decimal(10_000)


# --------------------------------------------------------------------------- number wording


def _decimal(value: float | int | Decimal) -> Decimal:
    """The decimal a number is written as (``repr`` of a float, so 0.1 stays 0.1, not 0.1000000000000000055)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(float(value))) if isinstance(value, float) else Decimal(int(value))


def _plain(value: Decimal) -> str:
    """``22.50`` -> ``22.5``, ``20.00`` -> ``20``; never scientific notation."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def combined_qualifier(qualifiers: Iterable[str | None]) -> str:
    """The qualifier of a sum, from the qualifiers of the amounts summed.

    Exact parts do not change it; one kind of approximate part carries over
    (exact + at_least is still at least); different kinds mixed give
    ``about``. A missing or unknown qualifier counts as exact / about.

    >>> combined_qualifier(["exact", "at_least", None])
    'at_least'
    >>> combined_qualifier(["at_least", "nearly"])
    'about'
    """
    kinds = set()
    for q in qualifiers:
        if is_missing(q) or q == "exact" or q == "":
            continue
        kinds.add(q if q in QUALIFIERS else "about")
    if not kinds:
        return "exact"
    return kinds.pop() if len(kinds) == 1 else "about"


def money_parts(yuan: float, qualifier: str | None = "exact") -> tuple[str, str, str]:
    """``(prefix, number, unit)`` of :func:`format_wan`, for a layout that sizes them apart.

    >>> money_parts(225000, "at_least"), money_parts(10000, "nearly"), money_parts(4000)
    (('', '22.5', '万余元'), ('近', '1', '万元'), ('', '4000', '元'))
    """
    qualifier = combined_qualifier([qualifier])
    if is_missing(yuan):
        return "", "—", ""
    try:
        value = _decimal(yuan)
    except (InvalidOperation, ValueError):
        return "", "—", ""
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if abs(whole) >= _WAN:
        number, unit = _plain((value / _WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)), "万元"
    elif whole == 0 and value != 0:
        number, unit = _plain(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)), "元"
    else:
        number, unit = _plain(whole), "元"
    prefix = {"nearly": "近", "about": "约"}.get(qualifier, "")
    if qualifier == "at_least":
        unit = "万余元" if unit == "万元" else "余元"
    return prefix, number, unit


def format_wan(yuan: float, qualifier: str | None = "exact") -> str:
    """A sum of money as a 工作总结 writes it: 万元 from 1万 up, 元 below, with its qualifier.

    >>> [format_wan(225000, "at_least"), format_wan(12500), format_wan(4000), format_wan(10000, "nearly")]
    ['22.5万余元', '1.25万元', '4000元', '近1万元']
    >>> format_wan(3000, "about"), format_wan(224949), format_wan(224950)
    ('约3000元', '22.49万元', '22.5万元')
    """
    return "".join(money_parts(yuan, qualifier))


def format_percent(rate: float | None) -> str:
    """A rate (0-1) as a percentage with one decimal, rounded half up; ``—`` when there is none.

    >>> format_percent(35 / 38), format_percent(1.0), format_percent(1 / 16), format_percent(None)
    ('92.1%', '100.0%', '6.3%', '—')
    """
    if is_missing(rate):
        return "—"
    value = (_decimal(rate) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)  # type: ignore[arg-type]
    return f"{value:f}%"


def format_mu(mu: float | None) -> str:
    """An area in 亩: a whole number without decimals, else one decimal (half up).

    >>> format_mu(680.0), format_mu(12.34567), format_mu(12.25), format_mu(0.04)
    ('680亩', '12.3亩', '12.3亩', '不足0.1亩')
    """
    if is_missing(mu):
        return "—"
    value = _decimal(mu).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)  # type: ignore[arg-type]
    if value == 0 and mu != 0:
        return "不足0.1亩"
    return f"{_plain(value)}亩"


def format_count(count: int | float, unit: str) -> str:
    """``38起``: an integer count with its measure word."""
    return f"{int(round(float(count)))}{unit}"


# --------------------------------------------------------------------------- period wording


def chinese_date(day: date) -> str:
    """``2011年9月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def years_phrase(first: int, last: int, to: str = "至") -> str:
    if first == last:
        return f"{first}年"
    return f"{first}-{last}年" if to == "-" else f"{first}年{to}{last}年"


def date_range(first: date, last: date, to: str = "至") -> str:
    """``2011年1月3日至12月5日``; the year again only when it changes.

    >>> date_range(date(2011, 3, 5), date(2011, 9, 30), to="-")
    '2011年3月5日-9月30日'
    """
    if first == last:
        return chinese_date(first)
    tail = f"{last.month}月{last.day}日" if first.year == last.year else chinese_date(last)
    return f"{chinese_date(first)}{to}{tail}"


def period_words(s: date | None, e: date | None, to: str = "至") -> str:
    """A checked period in words, ``to`` between its ends (``至`` in prose, ``-`` in titles).

    ``2011年`` (whole years), ``2011年1-9月`` (whole months), ``2011年3月5日至9月30日``,
    ``2011年以来`` (start only), ``截至2011年9月30日`` (end only); ``""`` with neither.
    """
    if s is None and e is None:
        return ""
    if s is not None and e is not None:
        if (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31):
            return years_phrase(s.year, e.year, to)
        if s.day == 1 and _month_end(e):
            if s.year != e.year:
                return f"{s.year}年{s.month}月{to}{e.year}年{e.month}月"
            return f"{s.year}年{s.month}月" if s.month == e.month else f"{s.year}年{s.month}-{e.month}月"
        return date_range(s, e, to)
    if s is not None:
        if (s.month, s.day) == (1, 1):
            return f"{s.year}年以来"
        return f"{s.year}年{s.month}月以来" if s.day == 1 else f"{chinese_date(s)}以来"
    assert e is not None
    return f"截至{chinese_date(e)}"

"""Every figure as people read it: one rule for each percent, sum of money, area, count, date and period.

The narrative, the brief, the charts (labels, subtitles, titles), both report
notebooks, the ``sansong`` tables and ``summary.xlsx`` all write figures
through this module, so that a township with 13 of 16 households visited
reads ``81.3%`` everywhere. Every function is pure and returns ``—`` for a
missing value.

- Rounding is half up (四舍五入, the convention of Chinese statistics) on the
  decimal a number is written as (:func:`rounded`): 13/16 = 0.8125 is
  ``81.3%``, never ``81.2%`` (which Python's own ``f"{x:.1%}"`` prints, as it
  rounds the binary value half to even).
- Percentages with one decimal (:func:`format_percent`): ``92.1%``, ``100.0%``.
- Money (:func:`format_wan`): from 1万元 up in 万元 with up to two decimals,
  trailing zeros dropped (``22.5万元``, ``1.25万元``); below 1万元 in whole 元
  (``4000元``); to the hundred yuan for 万元 (224949 -> 22.49万元, 224950 and
  224999 -> 22.5万元) and to the yuan for 元 (9999.4 -> 9999元, 9999.5 ->
  1万元). A sum keeps the qualifier of its parts (:func:`combined_qualifier`):
  ``at_least`` -> ``22.5万余元``, ``nearly`` -> ``近1万元``, ``about`` ->
  ``约3000元``; different qualifiers mixed -> 约. ``20余万元`` in a ledger is
  200000 "at least": the text says ``20万余元``, never 205000. Under a heading
  that already says 万元 (a chart, a table column) the number alone
  (:func:`format_wan_number`): ``22.5``, ``0.4``.
- Areas in 亩, whole numbers without decimals, else one decimal
  (:func:`format_mu`, :func:`format_mu_number`).
- Counts are integers with their measure word (:func:`format_count`: 户, 起, 亩, 次, 个).
- The §5 figures as table cells (:func:`figure_heading`, :func:`figure_text`)
  and as spreadsheet cells (:func:`figure_cell_value`, :func:`figure_number_format`):
  a cell holds the value as rounded for display, so Excel, WPS and
  LibreOffice show the same string as everything else.
- Dates and periods: ``2011年9月30日`` (:func:`chinese_date`), ``2011年1-9月`` in
  titles (:func:`period_title`), ``2011年1月1日至9月30日`` where a period is
  stated in full (:func:`period_statement`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from sansong_analysis.ledgers import LABELS

QUALIFIERS = ("exact", "at_least", "nearly", "about")

_WAN = Decimal(10_000)
MISSING = "—"
# How the county is named where a township's name would stand (全县2011年…, 全县合计 aside).
COUNTY_PLACE = "全县"
# The county's row below the townships in a table.
COUNTY_TOTAL = "全县合计"


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


def rounded(value: float | int | Decimal, places: int) -> Decimal:
    """``value`` rounded half up (四舍五入) to ``places`` decimals, on the decimal it is written as.

    >>> rounded(0.8125 * 100, 1), rounded(224950 / 10_000, 2), rounded(12.25, 1), rounded(2.5, 0)
    (Decimal('81.3'), Decimal('22.50'), Decimal('12.3'), Decimal('3'))
    """
    return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: float | int | None, places: int = 1) -> str:
    """A number rounded half up to at most ``places`` decimals, trailing zeros dropped.

    >>> format_number(680.0), format_number(12.25), format_number(0.125, 2), format_number(None)
    ('680', '12.3', '0.13', '—')
    """
    if is_missing(value):
        return MISSING
    return _plain(rounded(value, places))  # type: ignore[arg-type]


def is_missing(value: object) -> bool:
    """True for None, ``pd.NA`` and NaN: a figure that has no value (written ``—``).

    >>> is_missing(None), is_missing(float("nan")), is_missing(0)
    (True, True, False)
    """
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
        return "", MISSING, ""
    try:
        value = _decimal(yuan)
    except (InvalidOperation, ValueError):
        return "", MISSING, ""
    whole = rounded(value, 0)
    if abs(whole) >= _WAN:
        number, unit = _plain(rounded(value / _WAN, 2)), "万元"
    elif whole == 0 and value != 0:
        number, unit = _plain(rounded(value, 2)), "元"
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


def format_wan_number(yuan: float | None) -> str:
    """A sum of money as a number of 万元, for a chart or table whose heading says 万元.

    Rounded half up to the hundred yuan, trailing zeros dropped: the number
    :func:`format_wan` writes before 万元.

    >>> format_wan_number(225000), format_wan_number(224950), format_wan_number(4000), format_wan_number(None)
    ('22.5', '22.5', '0.4', '—')
    """
    if is_missing(yuan):
        return MISSING
    return _plain(rounded(_decimal(yuan) / _WAN, 2))  # type: ignore[arg-type]


def format_percent(rate: float | None, digits: int = 1) -> str:
    """A rate (0-1) as a percentage, rounded half up (one decimal unless ``digits`` says otherwise).

    >>> format_percent(13 / 16), format_percent(35 / 38), format_percent(1.0), format_percent(1 / 16)
    ('81.3%', '92.1%', '100.0%', '6.3%')
    >>> format_percent(None), format_percent(0.25, digits=0)
    ('—', '25%')
    """
    if is_missing(rate):
        return MISSING
    return f"{rounded(_decimal(rate) * 100, digits):f}%"  # type: ignore[arg-type]


def format_mu_number(mu: float | None) -> str:
    """An area as a number of 亩: whole without decimals, else one decimal (half up); ``不足0.1`` when tiny.

    >>> format_mu_number(680.0), format_mu_number(12.34567), format_mu_number(12.25), format_mu_number(0.04)
    ('680', '12.3', '12.3', '不足0.1')
    """
    if is_missing(mu):
        return MISSING
    value = rounded(mu, 1)  # type: ignore[arg-type]
    if value == 0 and mu != 0:
        return "不足0.1"
    return _plain(value)


def format_mu(mu: float | None) -> str:
    """An area in 亩: :func:`format_mu_number` with its unit.

    >>> format_mu(680.0), format_mu(12.25), format_mu(0.04), format_mu(None)
    ('680亩', '12.3亩', '不足0.1亩', '—')
    """
    text = format_mu_number(mu)
    return text if text == MISSING else f"{text}亩"


def format_count(count: int | float | None, unit: str = "") -> str:
    """``38起``: a whole count (rounded half up, should it not be whole) with its measure word.

    >>> format_count(38, "起"), format_count(100.0, "户"), format_count(None, "户")
    ('38起', '100户', '—')
    """
    if is_missing(count):
        return MISSING
    return f"{rounded(count, 0):f}{unit}"  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the §5 figures in tables

# How each docs/contract.md §5 figure is written: a count (with its measure word), a rate, money, an area.
FIGURE_KINDS: dict[str, str] = {
    "households_assigned": "count", "households_visited": "count", "poor_households_assigned": "count",
    "poor_households_visited": "count", "visits": "count", "disputes_total": "count",
    "disputes_resolved": "count", "coverage_rate": "rate", "resolution_rate": "rate",
    "funds_raised_yuan": "money", "farmland_benefited_mu": "area",
}
MEASURE_WORDS: dict[str, str] = {
    "households_assigned": "户", "households_visited": "户", "poor_households_assigned": "户",
    "poor_households_visited": "户", "visits": "次", "disputes_total": "起", "disputes_resolved": "起",
}
# The unit a table heading gives a figure whose cells are bare numbers.
_HEADING_UNITS = {"money": "万元", "area": "亩"}


def figure_label(name: str) -> str:
    """A §5 figure's name as ``ledgers.LABELS`` declares it, without a unit.

    >>> figure_label("coverage_rate"), figure_label("funds_raised_yuan")
    ('走访覆盖率', '筹资金额')
    """
    return LABELS[name].split("（")[0]


def figure_heading(name: str) -> str:
    """The heading of a column of one §5 figure, with the unit its cells are written in (money in 万元).

    >>> figure_heading("coverage_rate"), figure_heading("funds_raised_yuan"), figure_heading("farmland_benefited_mu")
    ('走访覆盖率', '筹资金额（万元）', '受益农田（亩）')
    """
    unit = _HEADING_UNITS.get(FIGURE_KINDS[name])
    return f"{figure_label(name)}（{unit}）" if unit else figure_label(name)


def figure_text(name: str, value: float | int | None) -> str:
    """A §5 figure as a cell under :func:`figure_heading`: ``81.3%``, ``22.5`` (万元), ``680`` (亩), ``13``.

    >>> [figure_text(k, v) for k, v in [("coverage_rate", 13 / 16), ("funds_raised_yuan", 225000.0),
    ...                                  ("farmland_benefited_mu", 680.0), ("households_visited", 13)]]
    ['81.3%', '22.5', '680', '13']
    >>> figure_text("resolution_rate", None)
    '—'
    """
    kind = FIGURE_KINDS[name]
    if kind == "rate":
        return format_percent(value)
    if kind == "money":
        return format_wan_number(value)
    if kind == "area":
        return format_mu_number(value)
    return format_count(value)


def figure_phrase(name: str, value: float | int | None, qualifier: str | None = "exact") -> str:
    """A §5 figure with its unit, as prose and key-figure tables say it: ``13户``, ``81.3%``, ``22.5万余元``.

    >>> figure_phrase("households_visited", 13), figure_phrase("funds_raised_yuan", 225000.0, "at_least")
    ('13户', '22.5万余元')
    """
    kind = FIGURE_KINDS[name]
    if kind == "money":
        return format_wan(value, qualifier)  # type: ignore[arg-type]
    if kind == "area":
        return format_mu(value)
    if kind == "count":
        return format_count(value, MEASURE_WORDS[name])
    return format_percent(value)


def figure_cell_value(name: str, value: float | int | None) -> float | int | None:
    """A §5 figure as a spreadsheet cell holds it: rounded as :func:`figure_text` writes it.

    Under :func:`figure_number_format` Excel, WPS and LibreOffice then all show
    :func:`figure_text`'s string: a cell holding 0.8125 would read 81.3% in
    Excel but could read 81.2% in a program that rounds the binary value.
    Money is in 万元. An area below 0.05 亩 keeps its value (it is not 0).

    >>> figure_cell_value("coverage_rate", 13 / 16), figure_cell_value("funds_raised_yuan", 224950.0)
    (0.813, 22.5)
    >>> figure_cell_value("farmland_benefited_mu", 12.25), figure_cell_value("visits", 38), figure_cell_value("coverage_rate", None)
    (12.3, 38, None)
    """
    if is_missing(value):
        return None
    kind = FIGURE_KINDS[name]
    if kind == "rate":
        return float(rounded(value, 3))  # type: ignore[arg-type]
    if kind == "money":
        return float(rounded(_decimal(value) / _WAN, 2))  # type: ignore[arg-type]
    if kind == "area":
        cell = float(rounded(value, 1))  # type: ignore[arg-type]
        return cell if cell or not value else float(value)  # type: ignore[arg-type]
    return int(rounded(value, 0))  # type: ignore[arg-type]


def figure_number_format(name: str) -> str:
    """The Excel number format that shows :func:`figure_cell_value` as :func:`figure_text` writes it.

    ``General`` for money and areas shows 22.5, 0.4 and 680 without trailing zeros.

    >>> figure_number_format("coverage_rate"), figure_number_format("funds_raised_yuan"), figure_number_format("visits")
    ('0.0%', 'General', '0')
    """
    return {"rate": "0.0%", "money": "General", "area": "General", "count": "0"}[FIGURE_KINDS[name]]


# --------------------------------------------------------------------------- period wording


def chinese_date(day: date) -> str:
    """``2011年9月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def years_phrase(first: int, last: int, to: str = "至") -> str:
    """``2011年``; ``2010年至2011年`` in prose, ``2010-2011年`` in titles (``to="-"``).

    >>> years_phrase(2011, 2011), years_phrase(2010, 2011), years_phrase(2010, 2011, "-")
    ('2011年', '2010年至2011年', '2010-2011年')
    """
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

    >>> period_words(date(2011, 1, 1), date(2011, 9, 30)), period_words(date(2011, 3, 5), date(2011, 9, 30))
    ('2011年1-9月', '2011年3月5日至9月30日')
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


def period_title(s: date | None, e: date | None) -> str:
    """The period as a chart or report title says it (``-`` between its ends); ``""`` with none.

    >>> period_title(date(2011, 1, 1), date(2011, 12, 31)), period_title(date(2011, 1, 1), date(2011, 9, 30))
    ('2011年', '2011年1-9月')
    >>> period_title(date(2011, 3, 5), date(2011, 9, 30)), period_title(None, date(2011, 9, 30))
    ('2011年3月5日-9月30日', '截至2011年9月30日')
    """
    return period_words(s, e, to="-")


def period_statement(
    s: date | None, e: date | None, first_record: date | None = None, last_record: date | None = None
) -> str:
    """The period stated in full, as after ``统计期间：``: both ends as dates, or the records' own span.

    >>> period_statement(date(2011, 1, 1), date(2011, 12, 31)), period_statement(None, date(2011, 9, 30))
    ('2011年1月1日至12月31日', '截至2011年9月30日')
    >>> period_statement(None, None, date(2011, 1, 3), date(2011, 12, 5)), period_statement(None, None)
    ('台账全部记录（2011年1月3日至12月5日）', '台账全部记录')
    """
    if s is not None and e is not None:
        return date_range(s, e)
    if s is not None:
        return f"{chinese_date(s)}以来"
    if e is not None:
        return f"截至{chinese_date(e)}"
    if first_record is not None and last_record is not None:
        return f"台账全部记录（{date_range(first_record, last_record)}）"
    return "台账全部记录"


__all__ = [
    "COUNTY_PLACE",
    "COUNTY_TOTAL",
    "FIGURE_KINDS",
    "MEASURE_WORDS",
    "MISSING",
    "QUALIFIERS",
    "chinese_date",
    "combined_qualifier",
    "date_range",
    "figure_cell_value",
    "figure_heading",
    "figure_label",
    "figure_number_format",
    "figure_phrase",
    "figure_text",
    "format_count",
    "format_mu",
    "format_mu_number",
    "format_number",
    "format_percent",
    "format_wan",
    "format_wan_number",
    "is_missing",
    "money_parts",
    "period_statement",
    "period_title",
    "period_words",
    "rounded",
    "years_phrase",
]

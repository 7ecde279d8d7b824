"""Dates in every form an office writes them, never guessed: date cells, Excel serials,
``2011-3-5``, ``2011年3月5日``, ``二〇一一年三月五日`` …; a month without its day where a month
will do; ``3月5日`` completed with the year a ledger names."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from functools import lru_cache

from sansong_analysis.ingest.values.numerals import _CN_DIGITS, _cn_number
from sansong_analysis.ingest.values.text import (
    _WS_ALL,
    EMPTY_MARKERS,
    ValueProblem,
    _coerce,
    _collapse,
    _quote,
)

# --------------------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Lotus' phantom 1900-02-29 folded in
_FIRST_YEAR, _LAST_YEAR = 1950, 2100
_SERIAL_MIN = (dt.date(_FIRST_YEAR, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_MAX = (dt.date(_LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days

# The separators of 2011-3-5 (as NFKC leaves them): a hyphen, a slash, a point, or the dash a Chinese input method
# types for one (2011—3—5, 2011–3–5).
_SEP = r"\s*[-/.\u2013\u2014]\s*"
# The day may carry its 日 or 号 still (2011.3.5日, 2011-3-5号): nothing else is read so.
_DATE_NUMERIC = re.compile(rf"([0-9]{{4}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})(?![0-9])[日号]?(.*)", re.S)
# Two separators that differ (2011.3-5, 11.3-5): a month and a span of months as much as a day (三至五月), so no date.
_MIXED_SEP = re.compile(r"[0-9]{2,4}\s*([-/.\u2013\u2014])\s*[0-9]{1,2}\s*(?!\1)[-/.\u2013\u2014]")
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
    r"|上午|下午|中午|晚上|早上|早晨|凌晨|傍晚|夜间|晚间|全天|白天|[早晚夜]|[AaPp]\.?[Mm]\.?"
    r"|\(?(?:星期|周|礼拜)[一二三四五六日天七]\)?|[.,;]"
    # a note in brackets of when or how the entry was made, nothing of another day: 3月5日（补记）, （回访）, （春节）
    r"|\((?:补记|补录|补填|补登|后补|复访|回访|再访|春节|中秋|端午|节日|节前)\)))*\s*"
)
# A date with its year in two digits (11.3.5, 11-3-5, 11年3月5日): its century is no one's guess only where the
# ledger names its year, and then only a year beside that one is read (10.12.28 on a sheet of 2011: a 春节 round).
_SHORT_YEAR = re.compile(
    rf"([0-9]{{2}})(?:{_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})(?![0-9])|\s*年\s*([0-9]{{1,2}})\s*月\s*([0-9]{{1,2}})\s*[日号]?)(.*)",
    re.S,
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


# A month without its day: 2011年9月, 2011年9月份, 二〇一一年九月, 2011-9, 2011/09, 2011.9.
_MONTH_ONLY = re.compile(
    r"([0-9]{4}|[〇零○Oo一二三四五六七八九]{4})\s*(?:年\s*(?:([0-9一二三四五六七八九十]{1,3})\s*月份?|(?=[底末]))|[-/.]\s*([0-9]{1,2}))"
    r"(?:底|末|初|中旬|上旬|下旬)?"
)  # 2011年底 / 2011年末: its last month


def _month_of_text(s: str) -> tuple[int, int] | None:
    m = _MONTH_ONLY.fullmatch(s.strip())
    if not m:
        return None
    try:
        year = int("".join(str(_YEAR_DIGITS[ch]) for ch in m.group(1)))
        month = _date_part(m.group(2) or m.group(3)) if m.group(2) or m.group(3) else 12
    except (ValueError, KeyError, ArithmeticError):
        return None
    return (year, month) if 1 <= month <= 12 and _FIRST_YEAR <= year <= _LAST_YEAR else None


_DATE_LIST = re.compile(r"[、，,;；/]|\s+")


def _several_dates(s: str) -> int:
    """How many dates a cell lists (2011-03-05,2011-04-06; 3月5日、4月6日), when it lists more than one
    and every part is one; else 0. Asked only of a text that is no date."""
    if not _DATE_LIST.search(s):
        return 0
    parts = [p for p in _DATE_LIST.split(s) if p]
    if len(parts) < 2:
        return 0
    for part in parts:
        if not (_MONTH_DAY.fullmatch(part) or _DATE_CHINESE.fullmatch(part) or _DATE_NUMERIC.fullmatch(part)
                or _DATE_COMPACT.fullmatch(part)):
            return 0
    return len(parts)


def _date_of_text(c: str) -> dt.date | None:
    s = _collapse(c).replace("。", ".")
    if _WS_ALL.sub("", s) in EMPTY_MARKERS:
        return None
    if _SERIAL_TEXT.fullmatch(s):
        return _from_serial(c, float(s))
    if _month_of_text(s) is not None:
        raise ValueProblem(f"「{_quote(c)}」只写到月份，没有具体日期")
    unreadable = ValueProblem(f"「{_quote(c)}」无法识别为日期")
    if "元月" in s:  # 2011年元月5日: January, or the lunar 正月? Not guessed; the message says what to write
        unreadable = ValueProblem(f"「{_quote(c)}」中的“元月”是公历1月还是农历正月无法确定，请写成1月")
    if (several := _several_dates(s)) > 1:  # 3月5日、4月6日: a visit each, written in one row
        unreadable = ValueProblem(f"「{_quote(c)}」写了{several}个日期，每个日期（每次）应单独登记一行")
    m = _DATE_NUMERIC.fullmatch(s) or _DATE_COMPACT.fullmatch(s)
    if m and _MIXED_SEP.match(s):
        raise ValueProblem(f"「{_quote(c)}」前后分隔符不一，可能是几个月的区间，无法确定是哪一天")
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DATE_CHINESE.fullmatch(s):
        try:
            year = int("".join(str(_YEAR_DIGITS[ch]) for ch in m.group(1)))
            month, day = _date_part(m.group(2)), _date_part(m.group(3))
        except (ValueError, KeyError, ArithmeticError):
            raise unreadable from None
    elif (short := _SHORT_YEAR.fullmatch(s)) and _DATE_TAIL.fullmatch(short.group(6)):
        # the year a title or file name names would have completed it, were it that year or one beside it
        raise ValueProblem(f"「{_quote(c)}」的年份只写了两位，无法确定是哪一年，请写四位年份（如2011-3-5）")
    elif (md := _MONTH_DAY_TAILED.fullmatch(s.replace(" ", ""))) and _DATE_TAIL.fullmatch(md.group(3)):
        # a year named in the title or file name would have completed it (date_with_year)
        raise ValueProblem(f"「{_quote(c)}」没有年份（标题、工作表名和文件名中没有写明是哪一年，或写了不止一年）")
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
    (``2011年3月``, ``待定``) raises ``「待定」无法识别为日期``, ``3月5日`` raises
    ``「3月5日」没有年份（…）``, ``11.3.5`` ``「11.3.5」的年份只写了两位…``. (A ledger that names
    its year in its title has ``3月5日`` and ``11.3.5`` completed first: ``date_with_year``.)
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


# A project's completion cell saying it is not completed (在建, 未竣工, 未开工, 停建, 取消 …): no completion
# date, as the template asks (未竣工不填); ``tidy.unfinished_projects`` flags the record.
NOT_COMPLETED = re.compile(
    r"^(?:尚?未|没有?)(?:竣工|完工|完成|开工|动工|实施|建成|验收|启动)|^(?:在建|正在(?:建设|施工|实施)|施工中|建设中|实施中"
    r"|筹建中?|拟建|规划中|计划中|停建|缓建|暂停|暂缓(?:实施)?|(?:已|项目)?取消)"
)


# What a completion cell writes around its date: 已于2011年9月完工, 2011年9月竣工验收.
_COMPLETION_WORDS = re.compile(
    r"^(?:已于|已在|于|已)|(?:已?(?:竣工验收|通过验收|验收合格|验收|竣工|完工|建成|完成|投入使用|投用))$")


def parse_date_or_month(cell: object) -> tuple[dt.date, str] | None:
    """A date, or a month when the day is not written, with its precision: ``(date, "day")`` or
    ``(first day of the month, "month")``, or ``(first day of the year, "year")`` for a year
    alone (2011年, 2011年度). For a field that does not decide a period (a project's completion),
    where a month or a year is as good as a day: the record counts in a period holding all of it.

    >>> parse_date_or_month("2011年9月")
    (datetime.date(2011, 9, 1), 'month')
    >>> parse_date_or_month("2011-9-15")
    (datetime.date(2011, 9, 15), 'day')
    >>> parse_date_or_month("在建") is None, parse_date_or_month("已于2011年9月完工")
    (True, (datetime.date(2011, 9, 1), 'month'))
    >>> parse_date_or_month("已竣工") is None  # the day not written: none
    True
    """
    c = _coerce(cell)
    if isinstance(c, str):
        text = _collapse(c).replace(" ", "")
        if NOT_COMPLETED.match(text) is not None:
            return None
        if (bare := _COMPLETION_WORDS.sub("", text)) != text:
            if not bare:
                return None  # 已竣工, 已完工: completed, on a day not written (as a blank cell says nothing of it)
            cell = c = bare
    if isinstance(c, str) and (ym := _month_of_text(_collapse(c).replace("。", "."))) is not None:
        return dt.date(ym[0], ym[1], 1), "month"
    if type(c) is float and _FIRST_YEAR < c < _LAST_YEAR + 1 and c != int(c):
        return _typed_month(c), "month"
    if (year := _year_only(c)) is not None:
        return dt.date(year, 1, 1), "year"
    day = parse_date(cell)
    return None if day is None else (day, "day")


def done_undated(cell: object) -> bool:
    """Whether a completion cell says only that the work is done (已竣工, 已完工, 建成), no day: read as no date.

    >>> done_undated("已竣工"), done_undated("2011年9月完工"), done_undated("在建"), done_undated(None)
    (True, False, False, False)
    """
    if not isinstance(cell, str):
        return False
    text = _collapse(cell).replace(" ", "")
    return bool(text) and NOT_COMPLETED.match(text) is None and not _COMPLETION_WORDS.sub("", text)


# A year alone: 2011年, 2011年度, 2011年内, 2011 (a completion known to its year).
_YEAR_ONLY = re.compile(r"^([0-9]{4})(?:年(?:度|内|中)?)?$")


def _year_only(c: object) -> int | None:
    """The year a cell names alone (``2011年``, ``2011年度``, 2011 typed as a number), None otherwise.

    >>> _year_only("2011年"), _year_only(2011), _year_only("2011年3月"), _year_only(3)
    (2011, 2011, None, None)
    """
    if type(c) is int or type(c) is float and c.is_integer():
        year = int(c)
    elif isinstance(c, str) and (m := _YEAR_ONLY.match(_collapse(c).replace(" ", ""))) is not None:
        year = int(m.group(1))
    else:
        return None
    return year if _FIRST_YEAR <= year <= _LAST_YEAR else None


def _typed_month(c: float) -> dt.date:
    """2011.3 typed into a number cell (Excel keeps 2011.3; 2011.10 it keeps as 2011.1): March 2011. A
    fraction .1 is January or October, not guessed; one that is no month (2011.35) is no date.

    >>> _typed_month(2011.3), _typed_month(2011.12)
    (datetime.date(2011, 3, 1), datetime.date(2011, 12, 1))
    """
    year, _, digits = repr(c).partition(".")
    if digits == "1":
        raise ValueProblem(f"「{_quote(c)}」是{year}年1月还是10月无法确定（数字格式的单元格把10月的“.10”存成了“.1”），请写成{year}年10月这样的文字")
    if not digits.isdigit() or not 1 <= int(digits) <= 12 or digits.startswith("0") and len(digits) > 2:
        raise ValueProblem(f"「{_quote(c)}」无法识别为日期")
    return dt.date(int(year), int(digits), 1)


_MONTH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})[日号]?")
# A month's number before 月, in figures or numerals (3, 12, 三, 十二): here and on a month's own line (``tidy``).
MONTH_NUMBER = r"(?:[0-9]{1,2}|十[一二]|[一二三四五六七八九十])"
# A month and day written without a year, in figures or numerals, with what may follow a date (3月5日上午,
# 三月十一日, 3月6日(周日)): completed with the year a ledger names, the tail kept for parse_date to judge.
_MONTH_DAY_TAILED = re.compile(rf"({MONTH_NUMBER})月([0-9]{{1,2}}|[一二三四五六七八九十廿卅]{{1,3}})[日号]?(.*)", re.S)
# A month alone, where a month will do (a project completed 5月, 5月底, 十月份): completed likewise.
_MONTH_ALONE = re.compile(rf"({MONTH_NUMBER})月份?(底|末|初|上旬|中旬|下旬)?")


_DAY_ONLY = re.compile(r"([0-9]{1,2})[日号](.*)", re.S)


def date_with_year(cell: object, year: int | None, month: int | None = None, *, month_will_do: bool = False) -> object:
    """``3月5日`` (or ``3月5号``, ``三月五日``, ``3月5日上午``) completed with the ledger's ``year`` as
    ``2011年3月5日`` (and ``11.3.5`` or ``11年3月5日``, a two-digit year that is ``year`` or one beside it, as
    ``2011年3月5日``); with ``month_will_do`` (a project's completion) also ``5月`` / ``5月底`` as
    ``2011年5月``, completion words around either dropped (``3月5日完工``); any other cell
    unchanged, for ``parse_date`` to judge.

    A month sheet's dates often leave the year to its title (``2011年3月走访登记表``);
    ``year`` is that one year (``context.year_in_sources``), None when nothing names one.

    >>> date_with_year("３月 ５日", 2011), date_with_year("三月十一日(周五)", 2011)
    ('2011年3月5日', '2011年3月11日(周五)')
    >>> date_with_year("5月底完工", 2011, month_will_do=True), date_with_year("5月底", 2011)
    ('2011年5月底', '5月底')
    >>> date_with_year("3.5", 2011), date_with_year("3月5日、4月6日", 2011)
    ('3.5', '3月5日、4月6日')
    >>> date_with_year("11.3.5", 2011), date_with_year("10.12.28", 2011), date_with_year("05.3.5", 2011)
    ('2011年3月5日', '2010年12月28日', '05.3.5')

    A bare day number (``5``, ``5.0``, a CSV's ``"05"``) is that day only where the sheet names its one month
    (``month``): a month sheet's 日期 column written as days; anywhere else it is left for ``parse_date``.

    >>> date_with_year(5, 2011, 3), date_with_year("05", 2011, 3), date_with_year(5, 2011), date_with_year(40, 2011, 3)
    ('2011年3月5日', '2011年3月5日', 5, 40)
    """
    if year is None:
        return cell
    kind = cell.__class__  # (every date cell of a ledger passes here: a date, most of them, costs no call)
    if month is not None and (kind is int or kind is float or kind is str and len(cell) <= 4):
        day = _day_number(cell)
        if day is not None:
            return f"{year}年{month}月{day}日"
    return _text_with_year(cell, year, month, month_will_do) if kind is str else cell


def _day_number(cell: int | float | str) -> int | None:
    """A cell that is a whole number from 1 to 31 and nothing else (``5``, ``5.0``, ``" 05 "``), else None."""
    if cell.__class__ is float:
        if not cell.is_integer():
            return None
        cell = int(cell)
    elif cell.__class__ is str:
        text = cell.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 2):
            return None
        cell = int(text)
    return cell if 1 <= cell <= 31 else None


def has_short_year(cell: object) -> bool:
    """Whether a cell is a date with its year in two digits (11.3.5, 11年3月5日): a year of its own, however
    completed (``date_with_year``), not one taken from the ledger."""
    return isinstance(cell, str) and _SHORT_YEAR.fullmatch(_collapse(cell).replace(" ", "")) is not None


@lru_cache(maxsize=65536)
def _text_with_year(cell: str, year: int, month: int | None, month_will_do: bool) -> str:
    """``date_with_year`` of a text, each distinct one worked out once (a ledger repeats its dates down the rows)."""
    text = _collapse(cell).replace(" ", "")
    if month_will_do and (bare := _COMPLETION_WORDS.sub("", text)) != text and bare:
        text = bare
    if month is not None and (d := _DAY_ONLY.fullmatch(text)) and _DATE_TAIL.fullmatch(d.group(2)):
        return f"{year}年{month}月{int(d.group(1))}日{d.group(2)}"  # 「5日」 on a sheet of 2011年3月
    if (short := _SHORT_YEAR.fullmatch(text)) is not None:
        if _MIXED_SEP.match(text):
            return cell
        century_year = year - year % 100 + int(short.group(1))
        if abs(century_year - year) > 1 or not _DATE_TAIL.fullmatch(short.group(6)):
            return cell
        month, day = short.group(2) or short.group(4), short.group(3) or short.group(5)
        return f"{century_year}年{int(month)}月{int(day)}日{short.group(6)}"
    if "月" not in text:
        return cell
    m = _MONTH_DAY_TAILED.fullmatch(text)
    if m and _DATE_TAIL.fullmatch(m.group(3)):
        try:
            return f"{year}年{_date_part(m.group(1))}月{_date_part(m.group(2))}日{m.group(3)}"
        except (ValueError, ArithmeticError):
            return cell
    if month_will_do and (m := _MONTH_ALONE.fullmatch(text)):
        return f"{year}年{_date_part(m.group(1))}月{m.group(2) or ''}"
    return cell

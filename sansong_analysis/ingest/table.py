"""A sheet's grid → the table in it: title rows, header row(s), body; then its ledger, by evidence.

Knows nothing about value formats (``values``) and nothing about files (``read``); it reads
header words through ``ledgers``' declarations and leaves the verdict on which ledger a table
is to ``recognise``.

Rows are told apart by shape, not by the words they hold:

- a **title** is one text, in one cell or merged across the table, however many ledger words it
  holds (``黄坑乡新屋村2011年贫困户结对帮扶花名册``): it names places and the year, never columns;
- a **header row** holds labels across the columns, at least two of them distinct headings, and
  no values (numbers, dates, phone numbers);
- a **two-row header** is a group row (``基本情况`` merged over its sub-columns) above a row of
  labels, never a row of labels above a data row whose cells happen to read like headings (a
  干部职务 column holding 村委会主任).

Of the header options a sheet offers, the one whose best ledger has the strongest case wins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from sansong_analysis.ingest.compound import find_groups, may_label_sub_columns, place_powers
from sansong_analysis.ingest.corrections import SheetCorrection, column_index, column_letter
from sansong_analysis.ingest.places import (
    TITLE_SOURCE,
    PlaceContext,
    day_in_sources,
    group_in_sheet_name,
    month_in_sources,
    resolve_context,
    year_in_sources,
    year_span_in_sources,
)
from sansong_analysis.ingest.recognise import (
    DAY_LINES_SOURCE,
    PART_HEADINGS,
    Candidate,
    Column,
    ColumnCase,
    Recognition,
    claim_columns,
    column_case,
    decide,
    score_candidate,
)
from sansong_analysis.ingest.values import ValueProblem, date_with_year, parse_date, parse_name, poor_category
from sansong_analysis.ledgers import (
    HEADER_UNITS,
    HEADING_INITIALS,
    LEDGERS,
    SERIAL,
    Claim,
    Field,
    Ledger,
    claim_fields,
    looks_like_header_cell,
    normalize_header,
    strip_numbering,
    unconvertible_unit,
)

HEADER_SEARCH_ROWS = 50
# A group heading names what its sub-columns are about; the word that says so is not part of
# the column's name (受益情况 over 户数 / 面积 are 受益户数 and 受益面积).
_GROUP_WORD = re.compile(r"(?:基本情况|情况|信息|明细|详情|概况)$")
UNIT_NOTE = re.compile(r"单位(?:[:：]|为|是)\s*((?:(?:" + "|".join(sorted(map(re.escape, HEADER_UNITS), key=len, reverse=True)) + r")[、,，/及和\s]*)+)")


# An amount per household or per visit, in a heading's brackets: 慰问金（元/户）, 慰问金(万元/户次).
_PER_VISIT = re.compile(r"\((元|万元|千元|百元)(?:/|每)(?:户|户次|次|人次)\)")


@dataclass
class Table:
    """A located ledger table inside a sheet (all row numbers 0-based)."""

    ledger: Ledger
    header_rows: tuple[int, ...]
    columns: list[Column]
    body_start: int
    context: PlaceContext
    unit_notes: dict[str, str] = field(default_factory=dict)  # kind -> unit, from "单位：万元"
    header_texts: tuple[tuple[str, ...], ...] = ()  # each header row's cells as labels, to spot it repeated
    year: int | None = None  # the year the title, sheet, file or folder names: completes 「3月5日」
    month: int | None = None  # and the one month they name, with the year: completes 「5日」
    # Where they name two years as a span of months across the turn of the year (2011年12月至2012年2月):
    # (2011, 12, 2012, 2), completing 「1月5日」 with the year whose months it falls in (``places.year_span_in_sources``).
    year_span: tuple[int, int, int, int] | None = None
    # A visit log with no date column whose title or sheet names one day (2011年3月5日走访记录): every visit's date.
    day: dt.date | None = None
    group: str | None = None  # the 村民小组 the sheet is named for (a sheet per group)
    recognition: Recognition | None = None
    # The title or sheet names a list of poor households (贫困户名单, 建档立卡贫困户花名册): a
    # roster's blank 贫困户 cells (or a roster with no such column) then mean poor.
    poor_list: bool = False
    title: str = ""
    # What the analyst's correction names that the sheet lacks: (heading or "", sentence).
    correction_problems: tuple[tuple[str, str], ...] = ()
    # A headerless sheet read with the header of the sheet before it (``continuation``): that sheet.
    continues: str | None = None
    # The sheet's columns hidden in Excel (0-based): a heading read from one is said so (``tidy.rival_columns``).
    hidden_cols: frozenset[int] = frozenset()

    @cached_property
    def fields(self) -> dict[str, Column]:
        # Asked for every body row by tidy: built once (columns do not change after locating).
        return {c.field.name: c for c in self.columns if c.field is not None}

    def unit(self, column: Column) -> str | None:
        """The unit a column's values are in, as its header says it, else the sheet's unit note; None
        when neither says one of the column's kind."""
        kind = column.field.kind if column.field else None
        unit = column.unit
        if unit is None and (per_visit := self._per_visit(column)) is not None:
            return per_visit
        if unit is None or HEADER_UNITS.get(unit, ("", 1.0))[0] != kind:
            unit = self.unit_notes.get(kind or "")
        return unit if unit is not None and HEADER_UNITS.get(unit, ("", 1.0))[0] == kind else None

    def _per_visit(self, column: Column) -> str | None:
        """元 (or 万元 …) for a visit log's amount headed per household or per visit (慰问金（元/户）): a row is one
        visit to one household, so per household is per row. None otherwise."""
        if self.ledger.name != "visits" or column.field is None or column.field.kind != "amount":
            return None
        m = _PER_VISIT.search(column.header)
        return m.group(1) if m else None

    def scale(self, column: Column) -> float:
        """Multiplier from a column's header unit, else the sheet's unit note."""
        unit = self.unit(column)
        return HEADER_UNITS[unit][1] if unit is not None else 1.0

    def unconvertible(self, column: Column) -> str | None:
        """The unit a quantity column's heading states that cannot be converted to its field's own
        (金额（美元）, 投资额（元/亩）, 长度（亩）), or the sheet's unit note's when the heading states none of its
        kind (单位：美元 above a 金额 column), or None: its values are not read as 元, 亩 or 米."""
        kind = column.field.kind if column.field else None
        if column.unit is None and self._per_visit(column) is not None:
            return None
        own = unconvertible_unit(column.header, column.unit, kind)
        if own is not None or kind is None or HEADER_UNITS.get(column.unit or "", ("", 1.0))[0] == kind:
            return own
        note = self.unit_notes.get(kind)
        return note if note is not None and note not in HEADER_UNITS else None


@lru_cache(maxsize=65536)
def header_label(text: str) -> tuple[str, str | None]:
    return normalize_header(text)


@lru_cache(maxsize=65536)
def _claims(label: str, unit: str | None = None) -> dict[str, Claim | None]:
    claims = claim_fields(label)
    if unit in _MONEY_UNITS and label in _ROW_TOTALS and not any(claims.values()):
        # 合计（元） beside 修路 | 修桥 | 慰问 (a donor's money by purpose, or by month): the row's money, a funds
        # list's amount — the unit says money; never a heading otherwise (合计 alone heads no column)
        amount = LEDGERS["funds"].field("amount_yuan")
        return {**dict.fromkeys(claims), "funds": Claim(amount, label, True, False, len(amount.synonyms))}
    if unit in _MEASURED_AS and not any(claims.values()):
        # 受益群众（户）, 捐款（元）: a heading measured in households or money, the heading of that count or sum
        # (受益群众户数, 捐款金额) where it is one exactly
        measured = claim_fields(label + _MEASURED_AS[unit])
        if any(c is not None and c.exact for c in measured.values()):
            return {name: (c if c is not None and c.exact else None) for name, c in measured.items()}
    return claims


_MEASURED_AS = {"户": "户数", "元": "金额", "万元": "金额", "千元": "金额"}
_MONEY_UNITS = frozenset({"元", "万元", "千元"})
_ROW_TOTALS = frozenset({"合计", "总计", "小计", "合计金额", "总金额", "金额合计"})


def cell_header(value: object) -> tuple[str, str | None]:
    if isinstance(value, str) and value:
        return header_label(value)
    return "", None


@lru_cache(maxsize=65536)
def _is_heading(label: str) -> bool:
    return looks_like_header_cell(label)


@lru_cache(maxsize=65536)
def header_like(text: str) -> bool:
    # Most text near the top of a sheet is body text; without a character that starts some
    # synonym it is no heading, and needs no normalising (see ledgers.HEADING_INITIALS).
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if HEADING_INITIALS.isdisjoint(folded):
        return False
    return _is_heading(header_label(text)[0])


def row_header_score(row: list[object]) -> int:
    """How many distinct texts of a row read as column headings (a title merged across the table
    is one text, however many cells it fills). Asked of every row near the top of every sheet,
    mostly of body rows (names, dates, numbers), so each distinct text is judged once."""
    texts = set(row)  # the distinct values first (C speed), then the non-empty texts among them
    return sum(map(header_like, [v for v in texts if isinstance(v, str) and v]))


# A cell that holds a value, not a label: a number, a date, a yes/no, or text made only of
# digits and the marks dates and numbers are written with (2011-3-5, 13800001111, 4,000.00).
_VALUE_TEXT = re.compile(r"[-+]?[0-9][0-9,.:/\s\-年月日号时分]*")


@lru_cache(maxsize=65536)
def _value_text(text: str) -> bool:
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text)
    return _VALUE_TEXT.fullmatch(folded.strip()) is not None


def _value_cells(row: list[object]) -> int:
    return sum(1 for v in row if v is not None and v != "" and (not isinstance(v, str) or _value_text(v)))


def _joined_label(upper: object, lower: object, up: tuple[str, str | None], low: tuple[str, str | None]):
    """A group cell and its sub-column read as one heading: 走访+人员 → 走访人员, 受益情况+户数 → 受益户数."""
    joined = header_label(str(upper) + str(lower))
    if _is_heading(joined[0]):
        return joined
    stem = _GROUP_WORD.sub("", up[0])
    if stem and stem != up[0]:
        label = header_label(stem + low[0])[0]
        if _is_heading(label):
            return label, low[1] or up[1]
    return None


# Sub-column labels that say what kind of value, not whose: the group above them says that.
_GENERIC_SUB_LABELS = frozenset({"姓名", "名字", "名称", "日期", "时间", "金额", "数额", "类型", "类别", "人数", "户数"})
_DATE_SUB_LABELS = frozenset({"日期", "时间"})


def _names_date(label: str) -> bool:
    """Whether a heading names a date of some ledger (办结时间 does; 收入 and 支出, headings of money, do not)."""
    return any(c is not None and c.field.kind in ("date", "date_or_month") for c in claim_fields(label).values())


def _unit_may_be(label: str, unit: str) -> bool:
    """Whether a sub-column's label may be in its group's unit: it names no field, or one of that unit's kind."""
    kind = HEADER_UNITS.get(unit, ("",))[0]
    claims = [c for c in claim_fields(label).values() if c is not None]
    return not claims or any(c.field.kind == kind for c in claims)


def _digit_boxes(upper: list[object], lower: list[object]) -> dict[int, tuple[str, str | None]]:
    """Labels for an account book's digit boxes (金额（元） over 万 | 千 | 百 | 十 | 元): the 元 box the group's own
    heading in 元, the others the group's heading with their place (金额万), naming nothing; ``compound`` reads
    the boxes together. Joined as any sub-column is, 金额（元） + 元 was 金额元 and no column the amount."""
    out: dict[int, tuple[str, str | None]] = {}
    width = max(len(upper), len(lower))
    c = 0
    while c < width:
        up = cell_header(upper[c] if c < len(upper) else "")
        end = c + 1
        while end < width and not cell_header(upper[end] if end < len(upper) else "")[0] or (
                end < width and end < len(upper) and upper[end] == upper[c]):
            end += 1
        labels = [_digit_label(lower[i] if i < len(lower) else None) for i in range(c, end)]
        if up[0] and "" not in labels and place_powers(labels) is not None:
            for i, label in zip(range(c, end), labels, strict=True):
                out[i] = (up[0], "元") if label in ("元", "圆") else (up[0] + label, None)
        c = end
    return out


def _digit_label(cell: object) -> str:
    return cell.strip() if isinstance(cell, str) else ""


def _combine(upper: list[object], lower: list[object]) -> list[tuple[str, str | None]]:
    """Labels for a two-row header: the lower cell when it names a column, else upper+lower, else upper."""
    out = []
    group: object = ""  # a group heading written once over its first sub-column (a CSV has no merges)
    boxes = _digit_boxes(upper, lower) if any(_digit_label(v) in ("元", "圆") for v in lower) else {}
    for c in range(max(len(upper), len(lower))):
        up_cell = upper[c] if c < len(upper) else ""
        low_cell = lower[c] if c < len(lower) else ""
        up = cell_header(up_cell)
        low = cell_header(low_cell)
        if up[0]:
            group = up_cell
        elif not low[0]:
            group = ""
        if c in boxes:
            out.append(boxes[c])
            continue
        owner = up_cell if up[0] else group
        if low[0] in _GENERIC_SUB_LABELS and owner and cell_header(owner)[0] != low[0]:
            # 姓名 under 走访人, 日期 under 走访: the group says whose name, which date — not a date under a group of no
            # date (日期 | 摘要 | 金额 under 收入, then under 支出: the date of the money in, no amount of it).
            owner_label = cell_header(owner)
            joined = _joined_label(owner, low_cell, owner_label, low)
            owned = _is_heading(owner_label[0]) and (low[0] not in _DATE_SUB_LABELS or _names_date(owner_label[0]))
            label = joined if joined else (owner_label if owned else low)
        elif low[0] and _is_heading(low[0]):
            label = low
        elif up[0] and low[0]:
            joined = _joined_label(up_cell, low_cell, up, low)
            if joined:
                label = joined
            elif _is_heading(up[0]) and low[0] not in PART_HEADINGS and (_spans(upper, c) or _written_over(upper, lower, c)):
                label = (up[0] + low[0], up[1])  # 投资 over 争取资金 | 群众自筹: the group's part (ledgers._rest_is_part)
            else:
                label = up if _is_heading(up[0]) else low
        elif low[0] and group:
            owner_label = cell_header(group)
            joined = _joined_label(group, low_cell, owner_label, low)
            label = joined if joined else ((owner_label[0] + low[0], owner_label[1])
                                           if _is_heading(owner_label[0]) and low[0] not in PART_HEADINGS else low)
        else:
            label = up if up[0] else low
        owner_unit = up[1] if up[0] else (cell_header(group)[1] if group else None)
        if not up[0] and owner_unit is not None and not _unit_may_be(label[0], owner_unit):
            owner_unit = None  # 受益户数 beside the sub-columns of 投资（万元）: not in 万元
        if label[1] is None and label is low and owner_unit is not None:
            # "金额（万元）" over "合计" (merged, or written over the first sub-column): the unit belongs to the group
            label = (label[0], owner_unit)
        elif label[1] is None and label is up and not low[0] and low[1] is not None:
            label = (label[0], low[1])  # "投资额" over "（万元）": a row of units in brackets
        out.append(label)
    return out


@lru_cache(maxsize=4096)
def header_columns(labels: tuple[tuple[str, str | None], ...]) -> dict[str, tuple[Column, ...]]:
    """Each ledger's reading of a header's labels (cached: the sheets of one template, a sheet
    per month or village, carry the same header over and over)."""
    return {name: reading[0] for name, reading in header_readings(labels).items()}


@lru_cache(maxsize=4096)
def header_readings(
    labels: tuple[tuple[str, str | None], ...], hidden: frozenset[int] = frozenset()
) -> dict[str, tuple[tuple[Column, ...], ColumnCase]]:
    """Each ledger's columns for a header's labels, with what those columns alone say for it; ``hidden``: the
    columns hidden in Excel, passed over where a column seen names the same field (``claim_columns``)."""
    claims = [_claims(label, unit) if label else None for label, unit in labels]
    out = {}
    for name, ledger in LEDGERS.items():
        columns = claim_columns(ledger, labels, claims, hidden)
        out[name] = (columns, column_case(ledger, columns))
    return out


def _distinct_texts(row: list[object]) -> int:
    texts = set()
    for v in row:
        if v is not None:
            text = (v if isinstance(v, str) else str(v)).strip()
            if text:
                texts.add(text)
    return len(texts)


def _can_pair(row: list[object]) -> bool:
    """Whether a row may be half of a two-row header: several headings, or one group heading over
    some columns; not a title or section title (one text from the first column, maybe merged
    across the whole table)."""
    distinct = _distinct_texts(row)
    if distinct != 1:
        return distinct >= 2
    first = row[0] if row else None
    return first is None or not str(first).strip()


def _labels_row(row: list[object]) -> bool:
    """A row that can hold the header's labels: two distinct headings or more, no more values
    than headings (a data row may hold one cell that reads like a heading, 村委会主任)."""
    headings = row_header_score(row)
    return headings >= 2 and _value_cells(row) < headings


# A line naming a 村民小组 above its rows: 一组, 第二村民小组, 三组（5户）, 澄江村一组, 二、3组.
_SECTION_GROUP = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.])?(?:[\u4e00-\u9fff]{1,8}?(?:村|社区))?"
    r"(第?[0-9一二三四五六七八九十]{1,3}(?:村民小组|居民小组|小组|组))(?:\([^()]*\))?[:：]?$"
)


# A line naming the cadre of the rows below it (走访干部：李明, 帮扶责任人：李明、王红): a log kept by cadre.
_SECTION_CADRE = re.compile(r"^(?:走访|帮扶|包扶|结对|挂点|入户|慰问)(?:干部|人员|人|责任人|联系人)(?:姓名)?[:：](.{2,24})$")
_BRACKETED_END = re.compile(r"(?<=.)\([^()]*\)$")
# A name alone with its work unit (李明（县委办）, 王红(县财政局)): a cadre by the unit, which is an office's.
_NAME_WITH_UNIT = re.compile(
    r"^([\u4e00-\u9fff]{2,4})\(([^()]{1,20}(?:办公室|办|局|委员会|委|部|院|所|站|中心|公司|银行|行|队|学校|医院|政府|单位))\)$")
_PLACE_END = ("村", "组", "乡", "镇", "区", "居", "场", "会", "社", "院", "校", "所", "站")


def section_cadre(row: list[object]) -> str | None:
    """The cadre a body line of one text names (``走访干部：李明（县交通局）`` → ``李明``), read as a name; else None.

    >>> section_cadre(["走访干部：李明（县交通局）"]), section_cadre(["帮扶责任人：李明、王红"]), section_cadre(["填表人：李明"])
    ('李明', '李明、王红', None)
    >>> section_cadre(["李明（县委办）"]), section_cadre(["澄江村（村委）"]), section_cadre(["一组（5户）"])
    ('李明', None, None)
    """
    text = lone_text(row)
    if text is None or len(text) > 40:
        return None
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    if (label := _SECTION_CADRE.match(folded)) is not None:
        return _labelled_cadre(label)
    unit = _NAME_WITH_UNIT.match(folded)
    if unit is None or unit.group(1).endswith(_PLACE_END):  # 澄江村（村委）: a village's line
        return None
    try:
        return parse_name(unit.group(1))
    except ValueProblem:
        return None


def _labelled_cadre(label: re.Match) -> str | None:
    """The cadre a line names after its label (``_SECTION_CADRE``: 走访干部：李明（县交通局） → 李明), else None."""
    try:
        return parse_name(_BRACKETED_END.sub("", label.group(1)))  # 李明(县交通局): the cadre, not their office
    except ValueProblem:
        return None


def labelled_cadre(text: str) -> bool:
    """Whether a text is a cadre's line by its label (走访干部：李明, 帮扶责任人：王红), in whatever column it stands.

    >>> labelled_cadre("走访干部：王强"), labelled_cadre("王强"), labelled_cadre("填表人：李明")
    (True, False, False)
    """
    label = _SECTION_CADRE.match("".join(unicodedata.normalize("NFKC", text).split()))
    return label is not None and _labelled_cadre(label) is not None


def lone_text(row: list[object]) -> str | None:
    """A row's one text when it holds exactly one (a section's line: 一组, 澄江村, 3月份), else None."""
    texts = [v for v in row if isinstance(v, str) and v.strip()]
    return texts[0] if len(texts) == 1 else None


# A line of its own giving the day of the visits below it, in a log with no date column: 2011年3月5日, 3月5日（星期六）,
# 2011-3-5, 二〇一一年三月五日, 3月5日走访情况, an Excel date; never a number alone (a stray total), never a labelled date
# (填表日期：2011年3月5日 is the day the table was made).
# What may follow the day on its line: a weekday, a part of the day or a time in it (上午9时, 14:30), 走访记录 …
_DAY_LINE_TAIL = re.compile(r"(?:\((?:星期|周|礼拜)[一二三四五六日天]\))?(?:上午|下午|晚上)?"
                            r"(?:[0-9]{1,2}(?:[时点](?:[0-9]{1,2}分?|半)?|:[0-9]{2}))?(?:入户)?(?:走访|慰问)?(?:情况|记录)?"
                            r"(?:\((?:续|续表|接上|接上页|补记|补录)\))?:?$")  # 3月5日（续）: that day still
_DAY_SEPARATORS = "年.\\-/\u2013\u2014"  # 2011年3月5日, 2011.3.5, 2011-3-5, 2011—3—5 (a Chinese input method's dash)
_DAY_SHAPE = rf"(?:[0-9〇零一二三四五六七八九]{{2,4}}[{_DAY_SEPARATORS}])?[0-9一二三四五六七八九十]{{1,3}}[月{_DAY_SEPARATORS[1:]}][0-9一二三四五六七八九十]{{1,3}}"
_DAY_LINE_SHAPE = re.compile(_DAY_SHAPE + "[日号]?")
# The number a list of days puts before each (一、2011年3月5日, （二）3月8日, 1、3月8日): not 1.3月8日 (a date of its own?).
_DAY_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\((?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\)|[0-9]{1,2}、)(?=[0-9〇零一二三四五六七八九十])")
# A line beginning with a day's shape that reads as no one day (3月5日-8日, 3月5日、8日, a month and day with no year named)
_DAY_LIKE = re.compile(_DAY_SHAPE)


def day_line(row: list[object], year: int | None) -> dt.date | None:
    """The day a body line of one value names (its cells merged across the row are one value), the year from the
    sheet's title where the line leaves it out (3月5日); else None.

    >>> day_line(["2011年3月5日", None], None), day_line(["3月5日（星期六）", "3月5日（星期六）"], 2011)
    (datetime.date(2011, 3, 5), datetime.date(2011, 3, 5))
    >>> day_line(["填表日期：2011年3月5日"], None), day_line([40607], None), day_line(["3月5日"], None)
    (None, None, None)
    """
    value = _line_value(row)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) > 24:
        return None
    text = _DAY_LINE_TAIL.sub("", _day_text(value))
    if not _DAY_LINE_SHAPE.fullmatch(text):
        return None
    try:
        return parse_date(date_with_year(text, year))
    except ValueProblem:
        return None


def _line_value(row: list[object]) -> object:
    """The one value of a line (its cells merged across the row are one value), else None."""
    value = None
    for v in row:
        if _blank(v):
            continue
        if value is not None and v != value:
            return None
        value = v
    return value


def _day_text(value: str) -> str:
    text = strip_numbering("".join(unicodedata.normalize("NFKC", value).split()))
    return _DAY_NUMBER.sub("", text)


def unread_day_line(row: list[object]) -> str | None:
    """The text of a body line of one value that begins as a day does (3月5日-8日, 3月5日上午至下午, 3.8) where
    ``day_line`` read no one day from it, else None: in a visit log dated by such lines, the rows under it are
    of no day known (not the day of the line above).

    >>> unread_day_line(["3月5日-8日", None]), unread_day_line(["注：3月8日因雨未走访"]), unread_day_line(["张三"])
    ('3月5日-8日', None, None)
    """
    text = _line_value(row)
    if not isinstance(text, str) or len(text) > 30:
        return None
    return text if _DAY_LIKE.match(_day_text(text)) else None


def day_lines(rows: list[list[object]], start: int, year: int | None) -> list[tuple[int, dt.date]]:
    """The (row, day) of every line of its own naming a day (``day_line``) from ``start`` down."""
    return [(r, day) for r in range(start, len(rows)) if (day := day_line(rows[r], year)) is not None]


# A line naming several groups (3-4组, 第三、四组, 5、6组): the rows below are of none of them alone.
_SECTION_GROUPS = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}?(?:村|社区))?第?[0-9一二三四五六七八九十]{1,3}组?"
    r"(?:[、,\-—–~至到和及与]第?[0-9一二三四五六七八九十]{1,3}组?)+(?:村民小组|居民小组|小组|组)(?:\([^()]*\))?[:：]?$"
)


def several_groups(row: list[object]) -> bool:
    """Whether a body line of one text names several groups (``3-4组``, ``第三、四组``, ``澄江村5、6组``): the rows
    below it are of no one group (not the group of the line above).

    >>> several_groups(["3-4组"]), several_groups(["第三、四组（8户）"]), several_groups(["三组"]), several_groups(["一、二组"])
    (True, True, False, False)
    """
    text = lone_text(row)
    if text is None or len(text) > 24:
        return False
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    return _SECTION_GROUP.match(compact) is None and _SECTION_GROUPS.match(compact) is not None


def section_group(row: list[object]) -> str | None:
    """The group a body line of one text names (``一组``, ``第二村民小组（5户）``), as written; else None."""
    text = lone_text(row)
    if text is None or len(text) > 24:
        return None
    m = _SECTION_GROUP.match("".join(unicodedata.normalize("NFKC", text).split()))
    return m.group(1) if m else None


def _sub_labels_row(upper: list[object], lower: list[object]) -> bool:
    """Whether ``lower`` is the sub-column labels under the group row ``upper``: no values, and at
    least half of its texts headings on their own or joined with the group above them
    (受益情况 over 户数 → 受益户数). A data row under a complete header is never this."""
    if _value_cells(lower) and any(
            v is not None and v != "" and not (isinstance(v, str) and (not _value_text(v) or _PERIOD_LABEL.fullmatch(v.strip())))
            for v in lower) or not _can_pair(upper):  # 1月 | 2月 under a group are its labels, no values
        return False
    texts = [(c, v) for c, v in enumerate(lower) if isinstance(v, str) and v.strip()]
    # 第一村民小组, 走访干部：李明 on a line of its own head a section of rows
    if not texts or section_group(lower) is not None or section_cadre(lower) is not None:
        return False
    if len(texts) == 1 and _lone_section(upper, *texts[0]):
        return False
    headings = 0
    group: object = ""
    # 年 | 月 | 日 (or 月 | 日) boxes under whatever names the date (年月日, 走访时间): a date's parts, labels all
    boxes = sum(1 for _, v in texts if v.strip() in PART_HEADINGS) >= 2
    for c, v in enumerate(lower):
        above = upper[c] if c < len(upper) else None
        if isinstance(above, str) and above.strip():
            group = above
        if isinstance(v, str) and v.strip():
            # A sub-column label may be a heading only joined to its group (受益情况 + 户数), but a
            # group that is a heading by itself makes anything under it look like one.
            # (its group word dropped, as the header then reads it: 受益情况 + 农田（亩） → 受益农田)
            joined = (bool(group) and not header_like(str(group))
                      and _joined_label(group, v, header_label(str(group)), header_label(v)) is not None)
            # Under a group merged across several columns (筹资金额 over 财政资金 | 社会捐赠 | 小计),
            # short words are its sub-columns' labels whatever they say.
            spanned = ((_spans(upper, c) or _written_over(upper, lower, c)) and len(v.strip()) <= _SUB_LABEL_MAX
                       and (not any(map(str.isdigit, v)) or _PERIOD_LABEL.fullmatch(v.strip()) is not None))
            headings += header_like(v) or joined or spanned or boxes and v.strip() in PART_HEADINGS
    return headings * 2 >= len(texts)


_SUB_LABEL_MAX = 8
# A month or quarter labelling a sub-column (筹资金额 over 1月 | 2月 | 3月 | 合计): a label, digits and all.
_PERIOD_LABEL = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]|十[一二])月份?|第?[1-4一二三四]季度")


def _lone_section(upper: list[object], c: int, text: str) -> bool:
    """Whether a row's one text heads a section of rows rather than labelling a sub-column: numbered as a
    list's item (一、贫困户, （二）一般户) or written under 序号 (建档立卡贫困户 in the first column). Read as a
    label, 贫困户 under 序号 made the serial numbers the households' 是否贫困户, every household but 1's a reject."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    if strip_numbering(folded) != folded:
        return True
    above = upper[c] if c < len(upper) else None
    return isinstance(above, str) and normalize_header(above)[0] in SERIAL.synonyms


def _spans(upper: list[object], c: int) -> bool:
    """Whether the upper cell over column ``c`` is a group merged across it and a neighbour."""
    above = upper[c] if c < len(upper) else None
    if not isinstance(above, str) or not above.strip():
        return False
    return any(0 <= n < len(upper) and upper[n] == above for n in (c - 1, c + 1))


def _written_over(upper: list[object], lower: list[object], c: int) -> bool:
    """Whether column ``c`` is under a group heading written once over its first sub-column, not
    merged (a CSV, a sheet typed without merges): a heading in the upper row at or left of ``c``,
    blank upper cells from there to ``c`` and one past it at least, each with a sub-label below."""
    def text(row: list[object], i: int) -> bool:
        v = row[i] if 0 <= i < len(row) else None
        return isinstance(v, str) and bool(v.strip())

    start = c
    while start >= 0 and not text(upper, start):
        start -= 1
    if start < 0 or not header_like(str(upper[start])):
        return False
    end = start + 1
    while end < len(lower) and not text(upper, end) and text(lower, end):
        end += 1
    return end - start >= 2 and c < end


_UNIT_CELL = re.compile(r"[(（]?(?:单位[:：]?)?([^()（）]{1,4})[)）]?")
# Cells a row of units may hold besides units: its label (单位, 计量单位) and placeholders (—, /).
_UNITS_ROW_OTHER = frozenset({"单位", "计量单位", "单位:", "计量单位:", "-", "--", "—", "——", "/", "、"})


def units_row(row: list[object]) -> bool:
    """A row holding nothing but units, one under each of some columns (万元 | 亩 | （户） | 公里).

    >>> units_row([None, "万元", "亩", "（户）"]), units_row(["张三", "亩"]), units_row(["单位", "万元", "—"])
    (True, False, True)
    """
    units = 0
    for v in row:
        if _blank(v):
            continue
        if not isinstance(v, str):
            return False
        text = unicodedata.normalize("NFKC", v).replace(" ", "")
        if text in _UNITS_ROW_OTHER:
            continue
        m = _UNIT_CELL.fullmatch(text)
        if not m or m.group(1) not in HEADER_UNITS:
            return False
        units += 1
    return units >= 1


def header_options(rows: list[list[object]], start: int = 0) -> list[tuple[int, ...]]:
    """The header row(s) a sheet could have, by shape: a row of labels, alone, under a group row,
    or over its sub-column labels; searched from row ``start`` (a table stacked under another)."""
    limit = min(len(rows), start + HEADER_SEARCH_ROWS)
    options: list[tuple[int, ...]] = []
    labels_above = False  # a row of labels above this one: the header this row may be a record under
    for r in range(start, limit):
        if not _labels_row(rows[r]):
            continue
        under, labels_above = labels_above, True
        if _numbered_record(rows, r) or headings_recur(rows, r, under):
            continue
        # The units of the columns in a row of their own under the labels (万元 | 亩 | 户): the header
        # is the two rows together, never the labels alone over a "data" row of units.
        if r + 1 < len(rows) and units_row(rows[r + 1]):
            options.append((r, r + 1))
            continue
        options.append((r,))
        # A title or section title ("二、城东社区" merged across the table) is never half of a
        # two-row header: combined, its place name would pass for a column (see _can_pair).
        if r + 1 < len(rows) and _sub_labels_row(rows[r], rows[r + 1]) and not headings_recur(rows, r + 1, True):
            options.append((r, r + 1))
        if r >= start + 1 and _can_pair(rows[r - 1]) and not _value_cells(rows[r - 1]) and (r - 1, r) not in options:
            options.append((r - 1, r))
    return options


def _blank(value: object) -> bool:
    """An empty cell: None, or text of spaces only."""
    return value is None or isinstance(value, str) and not value.strip()


def _serial(value: object) -> int | None:
    """The number a serial cell holds (3, 3.0, "3", "3."), else None.

    >>> _serial(3.0), _serial(" 4. "), _serial(3.5), _serial(float("nan")), _serial(True)
    (3, 4, None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None  # (not nan, not inf)
    if isinstance(value, str):
        text = value.strip().rstrip(".、")
        return int(text) if text.isdecimal() and text.isascii() else None
    return None


# How far below a numbered row its next number may come (the rows of a household's members between).
_NEXT_NUMBER_WITHIN = 12


def _numbered_record(rows: list[list[object]], r: int) -> bool:
    """Whether row ``r`` opens with a serial number (2, "2") that goes on from the numbered row above
    it (1) or that the next numbered row below goes on from (3): a record of a numbered list, never a
    header, however many of its cells read as headings (户主 in a 与户主关系 column, 贫困户 under 类别,
    第一村民小组 under 组别)."""
    row = rows[r]
    c = next((i for i, v in enumerate(row) if not _blank(v)), None)
    number = _serial(row[c]) if c is not None else None
    if number is None:
        return False
    return (_next_serial(rows[r + 1:r + 1 + _NEXT_NUMBER_WITHIN], c) == number + 1
            or _next_serial(rows[max(r - _NEXT_NUMBER_WITHIN, 0):r][::-1], c) == number - 1)


def headings_recur(rows: list[list[object]], r: int, under_labels: bool = False, body: int | None = None) -> bool:
    """Whether row ``r``, holding a value (a number, a date: 年龄 66, 序号 3) or lying under a row of labels
    (``under_labels``: its header), has headings that are values of the rows near it: two rows at least hold
    one of its heading texts in the same column — 户主 down a 与户主关系 column, 贫困户 down 类别, 第一村民小组
    down 组别: a record among records, not a header. The first row of labels with no value in it is never
    asked (贫困户 is a heading, and a 贫困户 column may say 贫困户 down its rows). Not counted: the row written
    again (a header repeated at a page break), and a row next to it with no values (the other half of a
    two-row header, whose merged cells are filled down into this one) — except in a table's body (``body``: its
    first row), where one of its rows sharing a heading text is enough (two heads of a list of people, no
    number in it) and the header above is not looked at."""
    if not under_labels and body is None and not _value_cells(rows[r]):
        return False
    filled = {c: v.strip() if isinstance(v, str) else v for c, v in enumerate(rows[r]) if not _blank(v)}
    headings = {c for c, v in filled.items() if isinstance(v, str) and header_like(v)}
    if not headings:
        return False
    seen, enough = 0, 1 if body is not None else 2
    top = max(r - _NEXT_NUMBER_WITHIN, 0 if body is None else body)
    for s in (*range(top, r), *range(r + 1, min(r + 1 + _NEXT_NUMBER_WITHIN, len(rows)))):
        other = rows[s]
        if body is None and abs(s - r) == 1 and not _value_cells(other):
            continue
        same = {c for c, v in filled.items() if c < len(other) and (other[c].strip() if isinstance(other[c], str) else other[c]) == v}
        if same & headings and len(same) < len(filled):
            seen += 1
            if seen == enough:
                return True
    return False


def _next_serial(rows: list[list[object]], c: int) -> int | None:
    """The serial number of the first of ``rows`` with something in column ``c``."""
    for row in rows:
        v = row[c] if c < len(row) else None
        if not _blank(v):
            return _serial(v)
    return None


def _labels(rows: list[list[object]], header_rows: tuple[int, ...]) -> tuple[tuple[str, str | None], ...]:
    if len(header_rows) == 1:
        return tuple(cell_header(v) for v in rows[header_rows[0]])
    return tuple(_combine(rows[header_rows[0]], rows[header_rows[1]]))


def _group_texts(upper: list[object], lower: list[object]) -> list[str]:
    """The group headings of a two-row header: the upper cells that are not their column's own
    label merged down."""
    return [
        v for c, v in enumerate(upper)
        if isinstance(v, str) and v.strip() and (c >= len(lower) or lower[c] != v)
    ]


def context_sources(rows: list[list[object]], first: int, sheet_name: str, file_stem: str, folders: list[str]):
    sources = [(TITLE_SOURCE, title_text(rows, first)), ("工作表名", sheet_name), ("文件名", file_stem)]
    return sources + [("文件夹名", name) for name in folders]


@dataclass(frozen=True)
class _Option:
    header_rows: tuple[int, ...]
    recognition: Recognition
    best: Candidate
    # A group row merged across sub-columns over their labels, or written once over the first of
    # them: the pair says which sub-column is which, where the group row alone repeats one heading
    # over all of them or names only the first (总投资 over 争取资金 | 群众自筹 | 合计).
    under_merged_group: bool = False


def _read_option(rows, header_rows, sources, only: str | None = None, columns: dict | None = None,
                 hidden_cols: frozenset[int] = frozenset()) -> _Option | None:
    labels = _labels(rows, header_rows)
    # Only the hidden columns under the header count (most sheets have none: the readings' cache key as before).
    hidden = frozenset(c for c in hidden_cols if c < len(labels)) if hidden_cols else hidden_cols
    readings = header_readings(labels, hidden)
    if columns:
        readings = {}
        for name, (cols, _) in header_readings(labels, hidden).items():
            cols = override_columns(LEDGERS[name], cols, labels, columns)[0]
            readings[name] = (cols, column_case(LEDGERS[name], cols))
    # A group row's texts that name no column still speak for the ledger (走访情况 over 日期 | 户主).
    group = _group_texts(rows[header_rows[0]], rows[header_rows[1]]) if len(header_rows) > 1 else []
    context = [("表头", " ".join(group)), *sources] if group else sources
    if only:  # the analyst named the ledger: read as that, whatever its score
        best = score_candidate(LEDGERS[only], *readings[only][:1], context, readings[only][1])
        return _Option(header_rows, Recognition("corrected", best, None, None), best, _merged_pair(rows, header_rows))
    candidates = [score_candidate(LEDGERS[name], cols, context, case) for name, (cols, case) in readings.items()]
    recognition = decide(candidates)
    if (line := _dated_by_lines(rows, header_rows, sources, candidates, recognition)) is not None:
        # A log with no date column, its visits under lines of their own naming each day (2011年3月5日 … 3月8日)
        context = [*context, (DAY_LINES_SOURCE, line)]
        candidates = [score_candidate(LEDGERS[name], cols, context, case) for name, (cols, case) in readings.items()]
        recognition = decide(candidates)
    if recognition.best is None:
        return None
    return _Option(header_rows, recognition, recognition.best, _merged_pair(rows, header_rows))


def _dated_by_lines(rows, header_rows, sources, candidates: list[Candidate], recognition: Recognition) -> str | None:
    """Where the visit log a header reads lacks only its date column (its households named, its words confirming it)
    and is not read as one already: the first of the lines of their own naming each day below it, two days at least
    (``day_lines``), as written; else None. The body is looked at only then: most sheets' headers are not such."""
    if recognition.ledger is not None and recognition.ledger.name == "visits":
        return None
    visits = next((c for c in candidates if c.ledger.name == "visits"), None)
    if visits is None or visits.complete or not visits.confirmed:
        return None
    named = {c.field.name for c in visits.columns if c.field is not None}
    if "visit_date" in named or "household_head" not in named:
        return None
    lines = day_lines(rows, header_rows[-1] + 1, year_in_sources(sources))
    if len({day for _, day in lines}) < 2:
        return None
    first, day = lines[0]
    written = next((v.strip() for v in rows[first] if isinstance(v, str) and v.strip()), None)
    return written if written is not None else f"{day:%Y-%m-%d}"  # an Excel date: the day it holds


def _merged_pair(rows: list[list[object]], header_rows: tuple[int, ...]) -> bool:
    if len(header_rows) != 2:
        return False
    upper, lower = rows[header_rows[0]], rows[header_rows[1]]
    return any(isinstance(v, str) and v.strip() and (_spans(upper, c) and v != upper[c] or _written_over(upper, lower, c))
               for c, v in enumerate(lower))


def _better(a: _Option, b: _Option | None) -> bool:
    """Whether header option ``a`` reads the sheet better than ``b``: a recognised reading first,
    then the higher score; a second header row must add something (otherwise it is the first
    body row, or a group row whose merged cells, filled down, made the row below complete)."""
    if b is None:
        return True
    if (a.under_merged_group != b.under_merged_group and a.header_rows[0] == b.header_rows[0]
            and a.best.ledger is b.best.ledger and _sure(a) and _sure(b)):
        # The same ledger read either way: the group row alone names one sub-column (or repeats its
        # heading over all), the pair each; a joined label scoring lower says nothing against that.
        return a.under_merged_group
    ka = (a.recognition.status == "recognised", a.best.eligible, a.best.score)
    kb = (b.recognition.status == "recognised", b.best.eligible, b.best.score)
    if ka != kb:
        return ka > kb
    if a.under_merged_group != b.under_merged_group and a.header_rows[0] == b.header_rows[0]:
        return a.under_merged_group
    return len(a.header_rows) < len(b.header_rows) and a.header_rows[-1] <= b.header_rows[-1]


def _sure(option: _Option) -> bool:
    return option.recognition.status == "recognised" and option.best.eligible


def find_reading(
    rows: list[list[object]], sheet_name: str = "", file_stem: str = "", folders: list[str] | None = None,
    *, header_rows: tuple[int, ...] | None = None, ledger: str | None = None, columns: dict | None = None,
    start: int = 0, hidden_cols: frozenset[int] = frozenset(),
) -> _Option | None:
    """The best header option of a sheet and the verdict on it; None when no row reads as a header.

    ``header_rows``, ``ledger`` and ``columns`` (heading → field name or None), when given (an
    analyst's correction), are taken as they are. ``start``: the first row a header may be on.
    ``hidden_cols``: the sheet's columns hidden in Excel (``header_readings``).
    """
    folders = folders or []
    options = [header_rows] if header_rows else header_options(rows, start)
    best: _Option | None = None
    printed: set[tuple[tuple[object, ...], ...]] = set()
    for option in options:
        written = tuple(tuple(rows[r]) for r in option)
        if written in printed:
            # The header printed again (at a page's top): never a better reading than its first print, whose rows
            # these are — the rows between, read as its titles, gave it words its first print lacked (县交通局捐款
            # under 日期 | 来源 | 金额 in a 台账 of no funds word), and the reading left them out.
            continue
        printed.add(written)
        sources = context_sources(rows, option[0], sheet_name, file_stem, folders)
        read = _read_option(rows, option, sources, ledger, columns, hidden_cols)
        if read is not None and _better(read, best):
            best = read
    return best


# How many of a headings-down table's headings its verdict shows (``headings_down``), and how to turn it.
_HEADINGS_DOWN_COLUMNS = 3
TRANSPOSE_HOW = "在 Excel 中复制整张表，到新工作表“选择性粘贴”并勾选“转置”"


def headings_down(rows: list[list[object]]) -> tuple[str, str, tuple[str, ...]] | None:
    """Where a sheet with no header row writes a ledger's headings down a column, one a row, each record a column to
    the right of them (项目名称 | 修路 | 修桥 over 投资（万元） | 5 | 3): (the column's letter, the ledger's label, its
    first headings), else None. Three of the ledger's own fields at least, all it needs, and two columns of values
    beside them: a page of instructions (户主姓名 | 填写户主的姓名) has one. Read as it stands, such a table has no
    rows to account for one by one, so it is told, not read (``clean``: the 未识别 reason)."""
    rows = rows[:HEADER_SEARCH_ROWS]  # a table turned has as many rows as fields, not records
    width = max((len(row) for row in rows), default=0)
    for c in range(min(width, 3)):
        labels = tuple(cell_header(row[c]) if c < len(row) else ("", None) for row in rows)
        if sum(1 for label, _ in labels if label) < 3:
            continue
        for name, (columns, case) in header_readings(labels).items():
            ledger = LEDGERS[name]
            named = [col for col in columns if col.field is not None and col.field.kind != "place"]
            if len(named) < 3 or not all(case[2].intersection(needs) for needs in ledger.needs):
                continue
            heads = [col.index for col in named]
            beside = (d for d in range(c + 1, width)
                      if sum(1 for r in heads if d < len(rows[r]) and rows[r][d] not in (None, "")) * 2 >= len(heads))
            if next(beside, None) is not None and next(beside, None) is not None:  # two columns of values at least
                return column_letter(c), ledger.label, tuple(col.header for col in named[:_HEADINGS_DOWN_COLUMNS])
    return None


def find_header(rows: list[list[object]]) -> tuple[tuple[int, ...], Ledger, list[Column]] | None:
    """The header row(s), the ledger they name and their columns; None when no ledger is recognised."""
    found = find_reading(rows)
    if found is None or found.recognition.ledger is None:
        return None
    return found.header_rows, found.recognition.ledger, list(found.best.columns)


# A unit in brackets closing a title above the header, or alone in a cell there: 筹资台账（万元）, （单位：万元）.
# Only units no title would bracket for another reason (not 户, 个, 次: 花名册（户）).
_TITLE_UNITS = ("万元", "千元", "百元", "亿元", "元", "万亩", "亩", "公顷", "公里", "千米", "米")
_TITLE_UNIT = re.compile(r"[(（](?:单位[:：]?)?(" + "|".join(_TITLE_UNITS) + r")[)）]$")


# A note naming a currency other than 人民币 (单位：美元, 金额单位：万港币): the sheet's amounts are in no unit
# HEADER_UNITS knows, and must not be read as 元 (nor 万美元 as 万元).
_FOREIGN_NOTE = re.compile(r"单位(?:[:：]|为|是)\s*([十百千万亿]*(?:美元|美金|港元|港币|欧元|日元|英镑|外币))")


def unit_notes(rows: list[list[object]], upto: int | None = None, titles: int = 0) -> dict[str, str]:
    """Units declared for the whole sheet in ``rows[:upto]``: ``单位：万元``, ``单位：元、亩``, ``金额单位为万元``;
    and in the first ``titles`` rows (those above the header) a unit in brackets closing a cell,
    ``2011年筹资台账（万元）``. A foreign currency (``单位：万美元``) is noted as it is written, for amounts:
    a unit no value is converted by (``Table.unconvertible``).

    >>> unit_notes([["葛坳乡筹资台账（万元）"], ["金额（元）"]], 2, titles=1), unit_notes([["金额（万元）"]], 1)
    ({'amount': '万元'}, {})
    >>> unit_notes([["项目名称", "投资（万元）", "受益户数"], ["捐款单位", "金额"]], 2, titles=1)
    {}
    """
    notes: dict[str, str] = {}
    for i, row in enumerate(rows[:upto]):
        # A row of headings above the header (another table's: 投资（万元） | 受益户数) is no title.
        title = i < titles and row_header_score(row) < 2
        for value in row:
            if not isinstance(value, str):
                continue
            if "单位" in value and (foreign := _FOREIGN_NOTE.search(value.replace(" ", "").replace("(", "").replace("（", ""))):
                notes.setdefault("amount", foreign.group(1))
            if title and (m := _TITLE_UNIT.search(value.replace(" ", "").replace("\u3000", ""))):
                notes.setdefault(HEADER_UNITS[m.group(1)][0], m.group(1))
            if "单位" not in value:
                continue
            for m in UNIT_NOTE.finditer(value.replace(" ", "").replace("(", "").replace("（", "")):
                for token in re.split(r"[、,，/及和\s]+", m.group(1)):
                    if token in HEADER_UNITS:
                        notes.setdefault(HEADER_UNITS[token][0], token)
    return notes


def title_text(rows: list[list[object]], upto: int) -> str:
    """Text of the rows above the header (titles, 填报单位), one cell from the next by `` | ``.

    Cells stay apart so that words of neighbouring cells never run into one false place
    name (``序号`` + ``村名`` is not a village ``序号村``).
    """
    parts = []
    for row in rows[:upto]:
        # In a row of headings (the group row 序号 | 村名 | 基本情况 of a two-row header, or a form
        # line 乡镇 | 黄坑乡 | 村 | 新屋村) the headings name no place; the other cells may.
        headings = row_header_score(row) >= 2
        for value in row:
            if not isinstance(value, str) or not value.strip() or value.strip() in parts:
                continue
            if headings and header_like(value):
                continue
            parts.append(value.strip())
    return " | ".join(parts)


_POOR_LIST = re.compile(r"贫困户|建档立卡|困难户|低保户|五保户|脱贫户|贫困人口")
_NOT_POOR_LIST = re.compile(r"非贫困|一般户|非建档")


def names_poor_list(*texts: str) -> bool:
    """Whether a title or sheet name names a list of poor households (``建档立卡贫困户花名册``,
    ``贫困户名单``): its households are poor unless a cell says otherwise.

    >>> names_poor_list("黄坑乡建档立卡贫困户结对帮扶花名册")
    True
    >>> names_poor_list("结对帮扶花名册（含一般户）")
    False
    """
    text = " ".join(t for t in texts if t)
    return bool(_POOR_LIST.search(text)) and not _NOT_POOR_LIST.search(text)


def names_not_poor_list(*texts: str) -> bool:
    """Whether a title or sheet name names a list of households that are not poor (``非贫困户``, ``一般户名单``),
    and only those: its households are not poor as the sheet says, nothing left unsaid.

    >>> names_not_poor_list("帮扶对象名单（非贫困户）"), names_not_poor_list("一般户")
    (True, True)
    >>> names_not_poor_list("结对帮扶花名册（含一般户）"), names_not_poor_list("贫困户及一般户花名册")
    (False, False)
    """
    text = " ".join(t for t in texts if t)
    if not _NOT_POOR_LIST.search(text) or _WITH_NOT_POOR.search(text):
        return False
    return not _POOR_LIST.search(_NOT_POOR_LIST.sub("", text))


_WITH_NOT_POOR = re.compile(r"(?:含|包括|以及|及|和)(?:非贫困|一般户|非建档)")


def locate_table(
    rows: list[list[object]], sheet_name: str, file_stem: str, folders: list[str],
    correction: SheetCorrection | None = None, start: int = 0, hidden_cols: frozenset[int] = frozenset(),
) -> Table | None:
    """The table of a sheet, where it is from and the verdict on its ledger; None when no row of
    the sheet reads as a header. A table whose ``recognition.ledger`` is None was not recognised
    (its ``ledger`` is then only the best guess, for ``inspect``).

    ``folders`` are the parent folder names below the raw root, nearest first. ``correction``
    (the analyst's ``sansong.toml``) is applied before any guessing: its header rows, ledger,
    columns, places and year are taken as they are; what it names that the sheet does not have
    is in ``Table.correction_problems``. ``start``: the first row the header may be on (a table
    stacked under another on the same sheet, ``stacked``). ``hidden_cols``: the sheet's columns hidden in
    Excel (0-based), read only where no column seen names the same field.
    """
    header_rows = ledger = columns = None
    if correction is not None:
        ledger = correction.ledger
        columns = correction.columns or None
        if correction.header_rows:
            header_rows = tuple(r - 1 for r in correction.header_rows)
            if header_rows[-1] >= len(rows):
                return None
    found = find_reading(rows, sheet_name, file_stem, folders, header_rows=header_rows, ledger=ledger, columns=columns,
                         start=start, hidden_cols=hidden_cols)
    if found is None:
        return None
    grouped = None  # the columns with their sub-column groups (``compound``), when already found
    if header_rows is None:
        found, grouped = _with_sub_labels(rows, found, sheet_name, file_stem, folders, ledger, columns, hidden_cols)
    recognition = found.recognition
    problems: list[str] = []
    if columns:
        labels = _labels(rows, found.header_rows)
        problems = override_columns(found.best.ledger, found.best.columns, labels, columns)[1]
    applied = ledger is not None or bool(columns) and len({key for key, _ in problems if key}) < len(columns)
    if applied and recognition.status != "corrected":
        recognition = Recognition("corrected", found.best, recognition.runner_up, None)
    header_rows = found.header_rows
    first = header_rows[0]
    sources = context_sources(rows, first, sheet_name, file_stem, folders)
    title = sources[0][1]
    context = resolve_context(sources)
    year = year_in_sources(sources)
    if correction is not None:
        context, year = _corrected_places(context, year, correction)
    return Table(
        ledger=found.best.ledger,
        header_rows=header_rows,
        columns=kind_column_as_poor(
            rows, header_rows[-1] + 1, found.best.ledger,
            grouped or find_groups(rows, header_rows, found.best.columns, header_rows[-1] + 1, found.best.ledger),
        ),
        body_start=header_rows[-1] + 1,
        context=context,
        unit_notes=unit_notes(rows, header_rows[-1] + 1, titles=first),
        header_texts=tuple(tuple(cell_header(v)[0] for v in rows[r]) for r in _header_like_rows(rows, header_rows)),
        year=year,
        month=month_in_sources(sources) if year is not None else None,
        year_span=year_span_in_sources(sources) if year is None else None,
        day=(day_in_sources(sources) if found.best.ledger.name == "visits"
             and all(c.field is None or c.field.name != "visit_date" for c in found.best.columns) else None),
        group=group_in_sheet_name(sheet_name),
        recognition=recognition,
        poor_list=names_poor_list(title, sheet_name),
        title=title,
        correction_problems=tuple(problems),
        hidden_cols=hidden_cols,
    )


# Headings that say only "a kind of": on a roster, such a column is whether its household is poor when every
# value under it is a word for a kind of household (贫困户 / 一般户 / 低保户) — on their own these words name no
# field of a roster (类别 is a project's or a dispute's type), and the roster would count every household not poor.
_KIND_HEADINGS = frozenset({"类别", "类型", "分类", "属性", "性质", "户类", "身份"})


def kind_column_as_poor(rows: list[list[object]], body_start: int, ledger: Ledger, columns: list[Column]) -> list[Column]:
    """``columns`` with a roster's one column headed 类别 (类型, 属性 …) read as 是否困难户 when the roster has no
    such column and every filled cell under that heading, to the end of the sheet, is a word for a kind of
    household (``values.poor_category``: 贫困户, 一般户, 低保户, 非贫困户); otherwise ``columns`` as they are
    (two such columns, or any other value under it: a name, 是, 党员, a count).

    >>> from sansong_analysis.ledgers import LEDGERS
    >>> cols = [Column(0, "户主姓名", None, LEDGERS["roster"].field("household_head")), Column(1, "类别", None, None)]
    >>> body = [["户主姓名", "类别"], ["张三", "贫困户"], ["李四", None], ["王五", "一般户"]]
    >>> [c.field.name if c.field else None for c in kind_column_as_poor(body, 1, LEDGERS["roster"], cols)]
    ['household_head', 'is_poor']
    >>> body[2][1] = "党员"
    >>> kind_column_as_poor(body, 1, LEDGERS["roster"], cols) == cols
    True
    """
    if ledger.name != "roster" or any(c.field is not None and c.field.name == "is_poor" for c in columns):
        return columns
    found = []
    for i, column in enumerate(columns):
        if column.field is not None or column.parts or _BRACKETED_END.sub("", column.header) not in _KIND_HEADINGS:
            continue
        kinds: dict[str, None] = {}  # the words written, in order
        for row in rows[body_start:]:
            cell = row[column.index] if column.index < len(row) else None
            if cell is None or isinstance(cell, str) and not cell.strip():
                continue
            if poor_category(cell) is None:
                break
            kinds[cell.strip()] = None
        else:
            if kinds:
                found.append((i, list(kinds)))
    if len(found) != 1:
        return columns
    i, kinds = found[0]
    # What ``inspect`` shows as the reason: 依据「类别（各行填贫困户、一般户）」.
    why = f"{columns[i].header}（各行填{'、'.join(kinds[:3])}{'等' if len(kinds) > 3 else ''}）"
    return [*columns[:i], replace(columns[i], field=ledger.field("is_poor"), synonym=why), *columns[i + 1:]]


def _with_sub_labels(
    rows, found: _Option, sheet_name: str, file_stem: str, folders: list[str], ledger, columns,
    hidden_cols: frozenset[int] = frozenset(),
) -> tuple[_Option, list[Column] | None]:
    """The header with its row of sub-labels, and its columns grouped, when the row under a one-row
    header labels the sub-columns of a group that holds one field (山林 | 土地 | … under a 纠纷类型
    written once, as a CSV writes it): read as a two-row header, those sub-columns are the field's
    ticks (``compound``); read as one row, the sub-labels would be a record and the ticks its
    values. Otherwise ``found`` as it is, and None."""
    if len(found.header_rows) != 1 or found.header_rows[0] + 2 > len(rows):
        return found, None
    if not may_label_sub_columns(rows[found.header_rows[0]], rows[found.header_rows[0] + 1], found.best.columns):
        return found, None
    pair = (found.header_rows[0], found.header_rows[0] + 1)
    sources = context_sources(rows, pair[0], sheet_name, file_stem, folders)
    read = _read_option(rows, pair, sources, ledger, columns, hidden_cols)
    if read is None or read.best.ledger is not found.best.ledger or read.recognition.status != found.recognition.status:
        return found, None
    grouped = find_groups(rows, pair, read.best.columns, pair[1] + 1, read.best.ledger)
    return (read, grouped) if any(c.parts for c in grouped) else (found, None)


def _corrected_places(context: PlaceContext, year: int | None, correction: SheetCorrection):
    source = correction.describe()
    township = correction.township or context.township
    village = correction.village or (context.village if not correction.township else None)
    context = PlaceContext(
        township, village,
        source if correction.township else context.township_source,
        source if correction.village else (context.village_source if village else None),
        () if village else context.village_hints,
    )
    return context, correction.year or year


def override_columns(
    ledger: Ledger, columns: tuple[Column, ...], labels: tuple[tuple[str, str | None], ...], overrides: dict
) -> tuple[tuple[Column, ...], list[str]]:
    """``columns`` with the analyst's heading → field mapping applied, and what in it the sheet
    or ledger does not have, as (heading, sentence) pairs. A field given to one column is taken
    from any other."""
    texts = [label for label, _ in labels]
    by_index = {c.index: c for c in columns}
    problems = []
    assigned: dict[int, Field | None] = {}
    for key, name in overrides.items():
        index = column_index(key, texts)
        if index is None or index >= len(texts):
            problems.append((key, f"表头中没有「{key}」这一列"))
            continue
        if name is None:
            assigned[index] = None
            continue
        try:
            assigned[index] = ledger.field(name)
        except KeyError:
            problems.append(("", f"「{name}」不是{ledger.label}的字段"))
    taken = {f.name for f in assigned.values() if f is not None}
    out = []
    for index, (label, unit) in enumerate(labels):
        if index in assigned:
            f = assigned[index]
            out.append(Column(index, label or f"第{index + 1}列", unit, f, label if f else None, f is not None))
        elif index in by_index:
            c = by_index[index]
            out.append(c if c.field is None or c.field.name not in taken else Column(c.index, c.header, c.unit, None))
    return tuple(out), problems


def _header_like_rows(rows: list[list[object]], header_rows: tuple[int, ...]) -> tuple[int, ...]:
    """The header rows, and the group row just above them when merged cells filled down made the
    row below a complete header on its own (``序号 | 基本情况 | 基本情况 | 走访情况 …``). A row with a
    date or a number in it is data, not a group row: the last entry above a header printed again
    with no blank line (its names then passed for headings, and the rows naming them again below
    were skipped as the header repeated). Nor is a row of names alone (a roster's last entry, 何秀兰 |
    邹强, right over a visit log's header): a group row shows it is one — a heading among its texts,
    a group word (基本情况, 走访情况), or a text merged across two columns."""
    first = header_rows[0]
    if first >= 1 and _group_row(rows[first - 1]):
        return (first - 1, *header_rows)
    return header_rows


def _group_row(row: list[object]) -> bool:
    if _distinct_texts(row) < 2 or _value_cells(row):
        return False
    texts = [(c, v.strip()) for c, v in enumerate(row) if isinstance(v, str) and v.strip()]
    return any(header_like(v) or _GROUP_WORD.search(v) or _spans(row, c) for c, v in texts)

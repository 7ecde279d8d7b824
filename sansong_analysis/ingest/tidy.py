"""A located table → one ledger's tidy rows, rejects and skip counts, lineage kept.

Joins ``locate`` (where the columns are) and ``values`` (how a cell reads)
through ``ledgers``' declarations. Each body row ends as exactly one of:
a record, a reject with a one-sentence reason, or a skipped row (title,
header, blank, subtotal, note), so that for every sheet
rows read = records + rejects + skipped.

Values are parsed once per distinct cell value and mapped back; the parsed
values of a process are kept across sheets and files (see ``_PARSED``).
Records stay plain Python lists, column by column: ``clean.assemble_frames``
builds each ledger's DataFrame once from all sheets, which costs far less
than a DataFrame per sheet (many ledgers are a sheet per month or village).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sansong_analysis.ingest import compound, values
from sansong_analysis.ingest.corrections import column_letter
from sansong_analysis.ingest.health import FLAG_MIN_REJECTS, FLAG_REJECT_SHARE
from sansong_analysis.ingest.pii import cell_text, redact
from sansong_analysis.ingest.places import (
    FOLDER_WORD_SOURCE,
    TITLE_SOURCE,
    PlaceContext,
    address_places,
    canonical_place,
    places_in_text,
    township_stem,
)
from sansong_analysis.ingest.read.formulas import FORMULA_PROBLEM, is_unworked_formula
from sansong_analysis.ingest.recognise import Column
from sansong_analysis.ingest.table import (
    UNIT_NOTE,
    Table,
    cell_header,
    day_line,
    header_label,
    header_like,
    headings_recur,
    labelled_cadre,
    lone_text,
    names_not_poor_list,
    row_header_score,
    section_cadre,
    section_group,
    several_groups,
    unit_notes,
    unread_day_line,
)
from sansong_analysis.ingest.totals import (
    Total,
    check_totals,
    is_block_total,
    is_cumulative_total,
    is_running_total,
)
from sansong_analysis.ledgers import (
    HEADER_UNITS,
    HEADING_INITIALS,
    LINEAGE,
    Field,
    Ledger,
    is_unit,
    strip_numbering,
)

# ``form``: the other lines of a block of a form (one record per block, see ``forms``).
SKIP_KINDS = ("title", "header", "blank", "subtotal", "note", "form")
# Not a skip: a body row that reads as the header of another table (RowClassifier). It is no record
# (its headings would pass for a household, a purpose …): a reject, and the sheet flagged.
OTHER_HEADER = "other_header"
OTHER_HEADER_MIN = 3
# Where a record's place was read when not from its context's own source (see places.resolve_context).
TOWNSHIP_COLUMN_SOURCE = "表中乡镇列"
VILLAGE_COLUMN_SOURCE = "表中村列"
SECTION_SOURCE = "表内分节标题"

# "本月共走访3户", "本页小计": but not "本年度计划脱贫", a remark that happens to start with 本年.
_SUBTOTAL = re.compile(
    r"^(?:合计|小计|总计|共计|累计|总合计|合\s*计|小\s*计|总\s*计|本[月年页季周]度?\S{0,4}?(?:共|合计|小计|总计|累计)"
    r"|全[年乡镇村]合计|以上[合共]计|[\S]{0,8}(?:合计|小计|总计|累计|汇总)(?:[(（][^()（）]{1,10}[)）])?$"  # 澄江村小计（2项）
    r"|(?:汇总|总额|总数|总和|总金额|总量)[:：]?$"
    r"|[共总]\S{0,6}?[0-9０-９]+[户人次起项个笔元][。.]?$)"  # 共走访15户, 总户数15户: a count, never a name
)
_NOTE = re.compile(
    r"^(?:注|备注|说明|附注|填表人|填报人|制表人|制表|统计人|审核人|审核|审批|负责人|单位负责人|分管领导|主要领导|"
    r"联系人|填表日期|填报日期|制表日期|报送日期|签字|签名|盖章|\(盖章\)|（盖章）|领导签字|经办人"
    r"|[(（]?以下(?:空白|无|为空)|[(（]?此页无|本页(?:以下)?空白|示例|填写示例|样例"  # 示例: the template's example row
    r"|(?:填报|填表|制表|统计|报送|上报)时间|统计员|填报单位|报送单位"
    r"|[^,，。;；]{0,12}[(（]盖章[)）])"  # 乡镇（盖章）, 填报单位(盖章)
)
# A line declaring the sheet's units (单位：万元, （单位：元、亩）) wherever it stands, under the rows too: a note, its
# units the table's (``unit_notes``), never a record.
_UNIT_LINE = re.compile(r"^[(（]?" + UNIT_NOTE.pattern)
_KINDS_WITH_SCALE = {"amount", "area", "length"}
_NO_PLACES = places_in_text("")


@dataclass
class SheetResult:
    """What one sheet became, with its accounting."""

    source_file: str
    source_sheet: str
    ledger: str | None
    rows_read: int
    # The records, column by column (lineage included), every list one entry per record.
    records: dict[str, list] = field(default_factory=dict)
    rejects: list[dict] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    note: str | None = None
    context: dict = field(default_factory=dict)
    village_hints: tuple[str, ...] = ()  # see places.PlaceContext; resolved across files by clean
    # The folders' bare words (places.PlaceContext.folder_words) the records without a township wait on, given the
    # first for now (their source ``FOLDER_WORD_SOURCE``), and each one's reject should none name a township read
    # elsewhere: source row (1-based) → the reject, as a row without its township is one. Resolved by clean, which
    # sets ``folder_word`` to the word that named the township.
    folder_words: tuple[str, ...] = ()
    folder_word: str | None = None
    folder_word_rejects: dict[int, dict] = field(default_factory=dict)
    filed_village_words: tuple[tuple[str, str], ...] = ()  # see places.PlaceContext; told against the title by clean
    recognition: dict | None = None  # recognise.Recognition.summary(): how the ledger was told
    # Where each record's township and village were read (aligned with ``records``): a place
    # column, a section title, or the context's source (标题, 工作表名, 文件名, 文件夹名).
    township_sources: list = field(default_factory=list)
    village_sources: list = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)  # the ledger's own totals checked (see totals.py)
    above_header: int = 0  # rows with content above the header (titles, notes … or a table not read)
    # Among them a header with a row of entries under it: a table not read, however few its rows.
    table_above: bool = False
    # The header printed again to the right (two entries a line): where, and the rows there not read.
    beside: dict | None = None
    # Under a form (a card), rows that look like a table with dates, not read: ``{"first": 6, "rows": 3}`` (the
    # first, 1-based, and how many), for ``health``'s 可能漏读.
    below_form: dict | None = None
    # A visit log that says how many times each row's household was visited (走访次数), or a disputes
    # list how many disputes each row stands for (件数): where, the rows saying more than one, and
    # what is beyond one a row (``visit_counts``, ``dispute_counts``).
    counts: dict | None = None
    # A body row that reads as another table's header, read as no record: ``{"row": 9, "texts": "…"}``
    # (the first such row, 1-based), for ``health.sheet_flag``; None when there is none.
    other_header: dict | None = None
    # The rows (1-based, first and last) of a sheet holding several tables one under another, this
    # table's part (``stacked``); None when the table has the sheet to itself.
    part: tuple[int, int] | None = None
    # The sheet is hidden in the workbook (Excel's 隐藏 or 深度隐藏): read and counted like any other,
    # but the analyst who opens the file does not see it (``health.sheet_flag``).
    hidden: bool = False
    # Rejects the sheet itself says are no records to count — a required quantity merged down from the record
    # above (counted there), a visit its 是否走访 says was not made: no sign of a misread sheet (``health.result_flag``).
    said_rejects: int = 0
    # Records read from rows hidden in Excel (by hand or filtered out): ``{"records": 3, "rows": [5, 6, 9]}``
    # (the rows, at most ``HIDDEN_ROWS_SHOWN``), for ``health.sheet_flag``; None when there are none.
    hidden_records: dict | None = None
    # Records read from rows struck through in Excel (删除线 over half their filled cells, or more): likewise.
    struck_records: dict | None = None
    # Every record repeats one counted before, in other sheets (``copies``): the sheet is a copy or a
    # summary of them, its records ``duplicates``. Set when the clean's records are assembled.
    copy_of: object | None = None  # a copies.Copy
    # Most of its records, not all, repeat records counted before (``copies``): counted, and flagged.
    overlap: object | None = None  # a copies.Copy
    # Some of its records are totals of other sheets' records, place by place (a 汇总 sheet beside
    # the village sheets, ``copies.summary_sheets``): skipped as subtotals at assembly.
    summary: object | None = None  # a copies.Summary
    # A quantity split over sub-columns without a 小计 (筹资金额 over 财政资金 | 社会捐赠 | 群众自筹): the
    # column read and the others not, ``{"field": "金额（元）", "column": "…", "others": ["…"]}``.
    split: dict | None = None
    # Undated rows of a table without descriptions, each the sum of its village's rows above or below
    # it, read as records (``_summary_rows``): ``{"rows": [8], "records": 1}`` (1-based, at most
    # ``POSSIBLE_SUMS_SHOWN``), for ``health.sheet_flag``; None when there are none.
    possible_sums: dict | None = None
    # A projects table with no 受益农田 column but unread columns of 亩 or 灌溉面积 holding numbers
    # (新增灌溉面积（亩） | 改善灌溉面积（亩）): ``{"columns": ["…"], "rows": 2}`` (``unread_farmland``),
    # for ``health.sheet_flag``; None otherwise.
    unread_farmland: dict | None = None
    # An amount column with no unit anywhere (read as 元) whose every value is under 100 and some
    # have decimals (1.2, 0.35): likely 万元. ``{"field": "金额（元）", "column": "金额", "rows": 3}``
    # (``small_amounts``), for ``health.sheet_flag``; None otherwise. Read as 元 still: never guessed.
    small_amounts: dict | None = None
    # The mirror: an amount column headed (or noted) 万元 whose bare numbers mostly run to thousands
    # (5000, 3000, 800: 8800万元 of donations) — likely 元. Same shape (``large_amounts``).
    large_amounts: dict | None = None
    # Records of a dispute, project or funds list alike in every column but the 序号 to one above them,
    # all counted (``repeated_rows``): ``{"records": 1, "pairs": [[3, 5]]}`` (the row above and the row
    # alike, 1-based).
    repeated_rows: dict | None = None
    # Records of a visit log or a roster alike to one above them in what makes them one at assembly — a visit's
    # household, date, cadre and kind (``households.dedupe_visits``), a household's place and head
    # (``households.key_roster``) — counted once, whose rows differ in a column no record holds (a 干部姓名 or
    # 随访人 no field reads, a 身份证号, a 备注) or in a field read (慰问金; 是否贫困户, 家庭人口): maybe two
    # (``merged_records``): ``{"records": 1, "pairs": [[3, 4]], "columns": ["干部姓名"], "read": ["走访人"]}``;
    # a visit log's visits counted once with another log's (``clean._visits_merged_across``) add ``"kept"``.
    merged_records: dict | None = None
    # What of a visit's identity (household, date, cadre and kind) a visit log does not write: ("走访人",
    # "走访形式") where no column (nor line) gives a cadre and no column a kind. Its visits, counted once with
    # another log's only where both write the same, may be that log's written again (``clean._visits_alike_across``).
    unread_identity: tuple[str, ...] = ()
    # The fields a funds, projects or disputes sheet does not write: no column reads them and every record
    # holds the one value they default to (纠纷类型 其他 where no column or section names a kind). Two sheets
    # listing the same records, one writing a field the other does not, are compared without it
    # (``copies._alike_where_written``).
    unwritten: frozenset[str] = frozenset()
    # Records right after a 其中 row breaking the row above down (「其中：县级 | 3000」 under 「5000」), undated
    # and unnumbered, that may break it down too without adding up to it, or a 其中 row more than the row
    # above (``_breakdown_rows``): counted, ``{"rows": [6], "records": 1}`` (1-based, at most
    # ``BREAKDOWN_ROWS_SHOWN``), for ``health.sheet_flag``; None when there are none.
    after_of_which: dict | None = None
    # Funds records whose 来源 or 用途 says they are a balance carried from before (上年结转, 期初余额), not
    # money raised in the period: counted, ``{"rows": [3], "records": 1}`` (``carried_balances``); None
    # when there are none.
    balances: dict | None = None
    # A funds list kept as an account (收入 | 支出 | 余额) whose 余额 does not follow from the rows above it:
    # ``{"rows": [5], "records": 1, "expected": 4000.0, "written": 4500.0}`` (``balance_breaks``); None otherwise.
    balance_breaks: dict | None = None
    # A column a headline figure rests on is absent, every record taking the default (a disputes list with
    # no 调处结果: all 调处中, none resolved; a roster with no 是否贫困户: none poor): ``{"field": "调处结果",
    # "as": "调处中", "records": 4}`` (``unsaid_columns``), for ``health.sheet_flag``; None otherwise.
    unsaid: dict | None = None
    # Records dated in another year than the one the title, sheet, file or folder names (2001-03-06 in
    # 2011年筹资台账: a typing slip, or a row of another year's): counted as dated, ``{"rows": [4],
    # "records": 1, "year": 2011, "field": "日期", "years": [2001]}`` (``dates_outside_year``); None otherwise.
    other_years: dict | None = None
    # Dates written without their year, completed with the one the title names, that go from December back to
    # January down the rows (a 春节 round from 12月28日 to 1月5日 on a sheet titled 2011: one side is another year):
    # ``{"rows": [5, 6], "months": [12, 1], "records": 3, "year": 2011, "field": "走访日期"}`` (``year_turn``); None
    # otherwise.
    year_turn: dict | None = None
    # Funds records a 是否到位 / 到位情况 column says have not come in (否, 未到位, 部分到位): counted, ``{"rows":
    # [4], "records": 1, "column": "是否到位"}`` (``unreceived_funds``); None otherwise.
    unreceived: dict | None = None
    # Records whose 备注 says they should not count (作废, 重复登记, 已迁出, 未实施): ``{"rows": [5], "records": 1,
    # "remarks": ["作废"]}`` (``void_remarks``); None otherwise.
    void_remarks: dict | None = None
    # Disputes whose 调处结果 says resolved and whose 备注 says otherwise (已化解 | 一方反悔, 已调处 | 已移交法院):
    # ``{"rows": [5], "records": 1, "remarks": ["一方反悔"]}`` (``outcome_remarks``); None otherwise.
    outcome_remarks: dict | None = None
    # Records counted in another township than the one the file's name or folder names (a title copied from
    # another township's ledger): ``{"rows": [3], "records": 1, "townships": ["黄坑乡"], "sources": ["标题"],
    # "filed": "葛坳乡", "filed_source": "文件夹名"}`` (``other_township``); None otherwise.
    other_township: dict | None = None
    # Records counted in the village the title names where the sheet's, file's or a folder's name names another (a
    # sheet copied for 桥头村 with 澄江村's title left on it): ``{"rows": [3], "records": 1, "villages": ["澄江村"],
    # "filed": "桥头村", "filed_source": "工作表名"}`` (``other_village``); None otherwise.
    other_village: dict | None = None
    # Another column naming the summed quantity read, not read, whose numbers differ (金额 beside 调整后金额):
    # ``{"field": "金额（元）", "column": "调整后金额", "others": ["金额"], "rows": 1}`` (``rival_columns``); None otherwise.
    rival_columns: dict | None = None
    # Funds or disputes with no date (a blank cell, or no date column): counted in the whole, in no period:
    # ``{"rows": [4], "records": 1, "field": "日期"}`` (``undated_records``); None otherwise.
    undated: dict | None = None
    # Projects whose 竣工时间 or a 建设进度 column says they are not completed (在建, 未开工, 否): ``{"rows": [4],
    # "records": 1, "column": "建设进度", "said": ["未开工"]}`` (``unfinished_projects``); None otherwise.
    unfinished: dict | None = None
    # Records with a cell of a side field (``SIDE_FIELDS``: 受益户数, 慰问金 …) that could not be read, the cell
    # left empty and the record kept: ``{"records": 1, "examples": ["第3行受益户数「…」无法识别"]}``
    # (``unread_cells``); None otherwise.
    unread_cells: dict | None = None
    # A visit log with a date column per visit (第一次走访日期 | 第二次 | 第三次): one read, the dates in the
    # others not counted: ``{"columns": ["…"], "dates": 3}`` (``unread_visit_dates``); None otherwise.
    unread_visit_dates: dict | None = None
    # A visit log with a household column per household visited (走访对象1 | 走访对象2 | 走访对象3), or a roster with
    # one per household of a group: the first read, the households in the others not counted: ``{"column":
    # "走访对象1", "columns": ["走访对象2", …], "households": 3}`` (``unread_households``); None otherwise.
    unread_households: dict | None = None
    # Body rows (0-based) where another table could begin: after a blank, title or subtotal row,
    # or rejected (``stacked`` asks whether one of them is another ledger's header). Not kept.
    breaks: list[int] = field(default_factory=list)

    def skip_records(self, source_rows: set[int], kind: str) -> None:
        """Records (by their 1-based source rows) found to be no records once every sheet was read
        (``copies.summary_sheets``): out of ``records`` and its aligned lists, counted as ``kind``."""
        keep = [i for i, r in enumerate(self.records.get("source_row", ())) if r not in source_rows]
        dropped = self.n_records - len(keep)
        if not dropped:
            return
        self.records = {name: [vals[i] for i in keep] for name, vals in self.records.items()}
        self.township_sources = [self.township_sources[i] for i in keep] if self.township_sources else []
        self.village_sources = [self.village_sources[i] for i in keep] if self.village_sources else []
        self.skipped[kind] += dropped

    @property
    def n_records(self) -> int:
        return len(self.records.get("source_row", ()))

    @property
    def n_rejects(self) -> int:
        return len(self.rejects)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.n_records + self.n_rejects + self.n_skipped


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


_SPACES = re.compile(r"\s+")


def _compact(value: object) -> str:
    return _SPACES.sub("", value) if isinstance(value, str) else ""


def _without(positions: set[int], *aligned: list) -> list[list]:
    """Each of the ``aligned`` lists (one item per record row) without the items at ``positions``."""
    return [[v for i, v in enumerate(values) if i not in positions] for values in aligned]


# Rows of a table's statistics, never records: an English total (checked as a 合计 is), an average (平均,
# 人均, 户均: nothing to check it against).
_ENGLISH_TOTAL = re.compile(r"^(?i:total|sum|subtotal|grand\s*total)[:：]?$")
_AVERAGE = re.compile(r"^(?:平均(?:值|数)?|人均|户均|均值|(?i:average))[:：]?$")


def _is_total_label(compact: str) -> bool:
    """A 合计/小计 … label (or Total), a page's running total carried over (过次页, 承前页), or an average
    (平均: ``is_statistic``); ``compact`` without spaces."""
    # Every form of _SUBTOTAL holds 计, 共 or 总, every carried total 页 or 承: most text is spared the patterns.
    if ("计" in compact or "共" in compact or "总" in compact) and _SUBTOTAL.match(compact) is not None:
        return True
    # Every statistic holds 均 or begins with a Latin letter: most text is spared these patterns too.
    if len(compact) <= 12 and ("均" in compact or compact[:1].isascii() and compact[:1].isalpha()) and (
            _ENGLISH_TOTAL.match(compact) or _AVERAGE.match(compact)):
        return True
    return ("页" in compact or "承" in compact) and is_running_total(compact)


def is_statistic(label: str) -> bool:
    """An average (``平均``, ``人均``): skipped with the totals, never a record, but no sum of the rows
    above it to check (an average is not one; an English ``Total`` is checked as a 合计 is).

    >>> is_statistic("平均"), is_statistic("Total:"), is_statistic("合计")
    (True, False, False)
    """
    return _AVERAGE.match(_compact(label)) is not None


_STEM_ORDER = {ch: i for i, ch in enumerate("甲乙丙丁戊己庚辛壬癸")}
_CIRCLED_NUMBER = {ch: i + 1 for i, ch in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")}
_BRACKETED_NUMBER = re.compile(r"[(（]\s*([0-9]{1,2})\s*[)）]")


def _is_number_row(content: list[tuple[int, object]]) -> bool:
    """The column-number row many templates put under the header: 1 2 3 4 …, (1) (2) (3), ① ② ③, or 甲 乙 丙 over
    the descriptive columns before the numbered ones (甲 | 乙 | 1 | 2): three labels at least, the numbers one after
    another, the stems in their order.

    ``content`` is the row's (column, value) pairs that are not blank. Asked of every body row: a record's first
    word passes it by.
    """
    if len(content) < 3:
        return False  # it needs three labels
    nums: list[float] = []
    stems: list[int] = []
    for _, v in content:
        kind = v.__class__
        if kind is int or kind is float:
            nums.append(v)
            continue
        if kind is not str:
            return False  # True, a date …
        text = v.strip()
        if text in _STEM_ORDER:
            stems.append(_STEM_ORDER[text])
        elif text in _CIRCLED_NUMBER:
            nums.append(_CIRCLED_NUMBER[text])
        elif text.isdecimal():  # not isdigit: ② is a digit int() cannot read (the sheet was lost to a defect)
            nums.append(int(text))
        elif text[:1] in "(（" and (m := _BRACKETED_NUMBER.fullmatch(text)) is not None:
            nums.append(int(m.group(1)))
        else:
            return False
    ordered = all(b == a + 1 for a, b in itertools.pairwise(nums)) and all(b == a + 1 for a, b in itertools.pairwise(stems))
    return ordered and (len(nums) >= 3 or len(stems) >= 2 and len(nums) + len(stems) >= 3)


def _is_words(value: object) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    text = value.strip().rstrip(".、")
    return not text.isdigit()


def _is_signature_date(value: object) -> bool:
    """A date written out in words on its own ("2011年12月31日"): the date line under a signature."""
    return isinstance(value, str) and "年" in value and is_date_cell(value)


@lru_cache(maxsize=65536)
def _text_cell(text: str) -> tuple[bool, bool, bool, bool, str]:
    """What row classification asks of one text cell: (blank, reads as a subtotal label, reads
    as a note or signature line, words rather than a bare number, the text NFKC-folded).

    Asked of every text cell of every body row; the same names, villages and dates recur down
    a ledger and across its month sheets, so each distinct text is read once.
    """
    compact = _compact(text)
    return (
        not text.strip(),
        _is_total_label(compact),
        _NOTE.match(compact) is not None or "单位" in compact and _UNIT_LINE.match(compact) is not None,
        _is_words(text),
        text if text.isascii() else unicodedata.normalize("NFKC", text),
    )


def _initials(labels) -> frozenset[str]:
    """Characters a cell's (NFKC-folded) text must hold for its heading label to be one of
    ``labels``: their first characters, and for a label opening with a bracket the characters
    that normalise to it (``ledgers.normalize_header`` only drops characters and turns 【〔[ into
    ``(``). Lets a body row skip normalising its cells."""
    initials = {label[0] for label in labels if label}
    if "(" in initials:
        initials |= set("【〔[")
    if ")" in initials:
        initials |= set("】〕]")
    return frozenset(initials)


# Caches of a process, one table per key, all emptied together when they hold more than this many
# entries, so memory stays bounded (some 50 MB): see ``RowClassifier`` and ``_parsed_values``.
_CACHE_LIMIT = 200_000


def _cache_table(caches: dict, key: object) -> dict:
    """The table of ``caches`` for ``key`` (new if need be), after emptying them all if too full."""
    if sum(map(len, caches.values())) > _CACHE_LIMIT:
        caches.clear()
    return caches.setdefault(key, {})


# RowClassifier's judgements of texts, one table per set of headings.
_JUDGED: dict[frozenset[str], dict[str, tuple[int, int, bool, bool] | None]] = {}


class RowClassifier:
    """Why a body row is skipped (a SKIP_KINDS word), or None when it should be a record.

    Built once per table: the table's headings, its serial and remark columns and the
    columns that count as content are the same for every row, and this runs on every row.
    """

    def __init__(self, table: Table, content_cols: list[int], required_cols: set[int]):
        fields = table.fields
        self.serial = fields["serial"].index if "serial" in fields else -1
        self.remark = fields["remark"].index if "remark" in fields else -1
        self.content_cols = frozenset(content_cols)
        self.required_cols = required_cols
        self.headings = [(c.index, c.header) for c in table.columns]
        self.header_texts = table.header_texts
        # A row repeats the header only if two of its cells read as one of these headings.
        self.heading_words = frozenset(c.header for c in table.columns) | {t for texts in table.header_texts for t in texts if t}
        # As a character class: one C-speed scan of a text, where a set test hashed each character.
        initials = _initials(self.heading_words)
        self.has_initial = re.compile(f"[{''.join(map(re.escape, sorted(initials)))}]").search if initials else None
        # What this table asks of each distinct text: None when blank, else (reads as one of its
        # headings, reads as a subtotal label (1) or begins 其中 (2) or neither (0), words rather than
        # a bare number, reads as a heading of any ledger). A ledger repeats
        # its villages, cadres, kinds and dates down the rows, and its month sheets repeat its
        # headings: each text is judged once for every set of headings (the answer depends on
        # nothing else), across the tables of a process.
        self._texts: dict[str, tuple[int, int, bool, bool] | None] = _cache_table(_JUDGED, self.heading_words)
        # Whether the row last classified has a content cell beginning 其中 (``_breakdown_rows`` looks closer).
        self.of_which = False

    def _text(self, text: str) -> tuple[int, int, bool, bool] | None:
        # What _text_cell and header_like work out, in one function: most texts met here are met
        # once (names, ID card and phone numbers), so a chain of cached helpers only added calls.
        stripped = text.strip()
        if not stripped:
            info = None
        else:
            ascii_text = text.isascii()
            folded = text if ascii_text else unicodedata.normalize("NFKC", text)
            compact = _SPACES.sub("", text)
            total = _is_total_label(compact)
            has_initial = self.has_initial
            heading = has_initial is not None and has_initial(folded) is not None and header_label(text)[0] in self.heading_words
            # An ASCII text's stripped form folds to a part of it: no initial in it, none in that.
            like = False if ascii_text and HEADING_INITIALS.isdisjoint(text) else header_like(stripped)
            mark = 1 if total else 2 if "其" in compact and _OF_WHICH.match(stripped) is not None else 0
            info = (1 if heading else 0, mark, not stripped.rstrip(".、").isdigit(), like)
        self._texts[text] = info
        return info

    def __call__(self, row: list[object]) -> tuple[str | None, int | None]:
        """(skip kind or None, the row's one content column when it holds a single value, else None).

        The second item feeds ``_unlabelled_totals``: the serial column never counts there. The kind
        is ``OTHER_HEADER``, not None, for a row that would be a record but reads as another table's
        header: texts only, most of them (three at least) headings of some ledger.
        """
        content_cols, serial, remark = self.content_cols, self.serial, self.remark
        texts, judge = self._texts, self._text
        content: list[tuple[int, object]] = []
        subtotal = of_which = False
        headings = 0  # cells that read as one of this table's headings
        generic = filled = 0  # text cells that read as any ledger's heading; text cells
        valued = False  # a number, date or yes/no anywhere in the row
        for c, v in enumerate(row):  # one pass, each text cell looked up once
            if isinstance(v, str):
                info = texts[v] if v in texts else judge(v)
                if info is None:  # blank
                    continue
                headings += info[0]
                generic += info[3]
                filled += 1
                # "合计" or "注：…" written in the 序号 column is content; a bare number is not.
                if c in content_cols or (c == serial and info[2]):
                    content.append((c, v))
                    # A remark is the office's own words about a record ("本月共走访2次"), never a total's label.
                    if info[1] and c != remark:
                        if info[1] == 1:
                            subtotal = True
                        else:
                            of_which = True
            elif v is not None:
                valued = True
                if c in content_cols:  # a number, date or yes/no: never blank
                    content.append((c, v))
        self.of_which = of_which
        if not content:
            return "blank", None
        if subtotal:
            return "subtotal", None
        first = content[0][1]
        if isinstance(first, str) and _text_cell(first)[2]:
            return "note", None
        # Only a row with two cells among the headings can repeat the header (the common case skips this).
        if headings >= 2 and self._is_header(row):
            return "header", None
        if _is_number_row(content):
            return "header", None
        # One value, possibly spread over several cells by a merged range ("2011年12月31日"
        # merged across the signature columns), outside the columns a record needs.
        spread = (
            len(content) > 1 and isinstance(first, str) and content[1][1] == first and all(v == first for _, v in content)
        )
        if spread or (len(content) == 1 and (content[0][0] not in self.required_cols or _is_signature_date(first)
                                             or isinstance(first, str) and _section_line(first))):
            return ("title" if isinstance(first, str) and places_in_text(first) != _NO_PLACES else "note"), None
        if generic >= OTHER_HEADER_MIN and generic * 2 > filled and not valued:
            return OTHER_HEADER, None
        if len(content) > 2:  # at most one of them is the serial column's: not a lone value
            return None, None
        plain = [c for c, _ in content if c in content_cols]
        return None, (plain[0] if len(plain) == 1 else None)

    def _is_header(self, row: list[object]) -> bool:
        """The header again: two cells under their own headings, or the header printed again at a
        page break (one of the header rows repeated, the group row 序号 | 基本情况 | 基本情况 |
        走访情况 … of a two-row header included)."""
        labels = [header_label(v)[0] if isinstance(v, str) and v else "" for v in row]
        width = len(labels)
        if sum(1 for index, header in self.headings if index < width and labels[index] == header) >= 2:
            return True
        filled = sum(1 for label in labels if label)
        for texts in self.header_texts:
            same = sum(1 for c, label in enumerate(labels) if label and c < len(texts) and label == texts[c])
            if same >= 2 and same * 2 > filled:
                return True
        return False


# A line naming a month above its rows: 3月份, 四月, 2011年5月, 十二月份走访情况.
_SECTION_MONTH = re.compile(
    rf"^(?:([0-9]{{4}})年)?({values.MONTH_NUMBER})月份?(?:上旬|中旬|下旬|初|底|末)?(?:走访(?:情况|记录)?)?"
    r"(?:\((?:续|续表|接上|接上页|补记|补录)\))?$")  # 5月（续）, 5月份（补记）: that month still
# A line beginning as a month's does that names no one month (4-5月份, 2011年5、6月, 5.1-5.31, 5月份（另见）): the rows
# below are of no month known — not the month of the line above.
_MONTH_LIKE = re.compile(
    rf"^(?:[0-9]{{4}}年)?{values.MONTH_NUMBER}(?:[-—–~、,至到.]{values.MONTH_NUMBER}|月(?![0-9一二三四五六七八九十廿卅]))")


def _section_month(row: list[object]) -> tuple[int | None, int] | None:
    """The (year or None, month) a body line of one text names (3月份, 2011年4月), else None."""
    text = lone_text(row)
    return _month_line(text) if text is not None and len(text) <= 16 else None


@lru_cache(maxsize=1024)
def _month_line(text: str) -> tuple[int | None, int] | None:
    m = _SECTION_MONTH.match(_section_bare(text))
    if m is None:
        return None
    month = int(values.chinese_number(m.group(2)))
    return (int(m.group(1)) if m.group(1) else None, month) if 1 <= month <= 12 else None


def _unread_month(row: list[object]) -> str | None:
    """The text of a body line of one text that begins as a month's line does but names no one month (4-5月份,
    5、6月, 5月份（另见附表）), else None.

    >>> _unread_month(["4-5月份", None]), _unread_month(["5月（续）"]), _unread_month(["5月份"]), _unread_month(["5月10日"])
    ('4-5月份', None, None, None)
    """
    text = lone_text(row)
    if text is None or len(text) > 16 or _month_line(text) is not None:
        return None
    return text if _MONTH_LIKE.match(_section_bare(text)) else None


# A line of its own naming the kind of households below it: 一、贫困户, 二、一般户（15户）, 建档立卡贫困户.
_POOR_SECTION = re.compile(r"^(?:建档立卡)?(?:贫困户|困难户|低保户|五保户|特困户|一般户|非贫困户|非困难户|脱贫户|一般农户|普通户|"
                           r"普通农户|边缘户|监测户|低保贫困户|五保贫困户|脱贫监测户|非建档立卡户)(?:名单)?$")
_COUNT_NOTE = re.compile(r"\([^()]*\)$")


def _section_poor(row: list[object]) -> bool | None:
    """Whether a body line of one text says the households below it are poor (一、贫困户) or not (二、一般户),
    else None (any other line: a place, a group, a note)."""
    text = lone_text(row)
    if text is None or len(text) > 24:
        return None
    bare = _COUNT_NOTE.sub("", _section_bare(text))
    if _POOR_SECTION.match(bare) is None:
        return None
    try:
        return values.parse_poor(bare)
    except values.ValueProblem:
        return None


# A disputes list's section line saying how its disputes ended (一、已化解（5起） … 二、未化解, 三、正在调处): a status
# alone, not a heading of the list (二、纠纷化解情况 says nothing of each dispute).
_OUTCOME_SECTION = re.compile(
    r"(?:已|未能?|尚未|正在|没有|待|仍在|继续)?(?:化解|调处|调解|办结|结案|解决)(?:成功|未成功|不成功|不成|失败|中|完毕)?(?:的?(?:矛盾)?纠纷)?"
    r"|(?:已)?(?:移交|转办|上报)(?:处理|司法所?|法院)?(?:的?(?:矛盾)?纠纷)?"
    r"|(?:正在|仍在|继续)?(?:稳控|跟踪回访|跟踪|回访)中?(?:的?(?:矛盾)?纠纷)?"
)
# A projects list's section line saying its projects are not done (二、计划实施项目, 三、在建项目), or are (一、已完成项目).
_PLANNED_SECTION = re.compile(r"(?:计划|拟|待|未|尚未|正在|在建|筹建|续建)(?:实施|建设|开工|完成|竣工|施工)?(?:的?项目)?|在建项目")
_DONE_SECTION = re.compile(r"(?:已)?(?:完成|竣工|完工|建成|实施)(?:的?项目)?")


# How a section line is numbered (一、 | （一） | 1、 | (1)): a line numbered as the lines that said something of the rows
# below them (how disputes stand, a kind of household, a village …), saying nothing of it, is a section of their rank
# where that no longer holds (三、其他 after 一、已化解 二、未化解).
_NUMBERING_STYLES = (("一、", re.compile(r"[一二三四五六七八九十]{1,3}[、.]")), ("（一）", re.compile(r"\([一二三四五六七八九十]{1,3}\)")),
                     ("1、", re.compile(r"[0-9]{1,2}、")), ("（1）", re.compile(r"\([0-9]{1,2}\)")))


def _numbering_style(text: str) -> str | None:
    """How a line of its own is numbered (``一、``, ``（一）``, ``1、``, ``（1）``), None when it is not.

    >>> _numbering_style("三、其他"), _numbering_style("（二）山林纠纷"), _numbering_style("澄江村")
    ('一、', '（一）', None)
    """
    compact = _compact(unicodedata.normalize("NFKC", text))
    return next((style for style, rx in _NUMBERING_STYLES if rx.match(compact)), None)


def _section_status(row: list[object], ledger: str) -> str | None:
    """The outcome a disputes list's section line gives the disputes below it (resolved, unresolved, pending,
    referred), or for a projects list's "planned" / "done"; None for any other line."""
    text = lone_text(row)
    if text is None or len(text) > 24:
        return None
    bare = _COUNT_NOTE.sub("", _section_bare(text))
    if ledger == "disputes" and _OUTCOME_SECTION.fullmatch(bare):
        try:
            return values.parse_outcome(bare)
        except values.ValueProblem:
            return None
    if ledger == "projects":
        return "planned" if _PLANNED_SECTION.fullmatch(bare) else "done" if _DONE_SECTION.fullmatch(bare) else None
    return None


_OUTCOME_NAMED = re.compile(
    r"(?:(?:已|未能?|尚未|正在)(?:化解|调处|调解|办结|结案|解决)|(?:化解|调处|调解))"
    # and how it ended (调处成功, 调处不成功 — tabs of a list split by outcome; were 调处中, flagged), not a rate or a place
    # (调处成功率, 人民调解中心)
    r"(?:成功|不成功|未成功|失败|不成|中)?(?![率心])")
_OUTCOME_BARE = frozenset({"化解", "调处", "调解"})  # a list's own words (矛盾纠纷排查调处台账): no outcome


def _outcome_named(*texts: str) -> str | None:
    """The outcome a disputes sheet's name or title gives all its disputes (已化解纠纷, 未化解矛盾纠纷登记表), where the
    first naming one names one only; else None (矛盾纠纷排查化解台账 names none).

    >>> _outcome_named("葛坳乡未化解矛盾纠纷登记表", "Sheet1"), _outcome_named("矛盾纠纷排查化解台账", "已化解")
    ('unresolved', 'resolved')
    >>> _outcome_named("调处不成功", "x"), _outcome_named("人民调解中心纠纷登记表", "调处成功率"), _outcome_named("正在调处", "")
    ('unresolved', None, 'pending')
    """
    for text in texts:
        found = {m.group(0) for m in _OUTCOME_NAMED.finditer(_compact(text or ""))} - _OUTCOME_BARE
        if len(found) == 1:
            try:
                return values.parse_outcome(found.pop())
            except values.ValueProblem:
                return None
        if found:
            return None
    return None


_PLANNED_NAMED = re.compile(r"(?:计划|拟)(?:实施|建设)?(?:的)?项目|在建项目|未(?:实施|完成|完工|竣工)(?:的)?项目")


def _planned_named(*texts: str) -> str | None:
    """The words of a projects sheet's name or title saying its projects are not done (2012年计划实施项目, 在建项目), else
    None (计划 in 年度计划完成情况 is no such name).

    >>> _planned_named("葛坳乡2012年计划实施项目表", "Sheet1"), _planned_named("葛坳乡办实事项目台账", "已完成项目")
    ('计划实施项目', None)
    """
    for text in texts:
        if (m := _PLANNED_NAMED.search(_compact(text or ""))) is not None:
            return m.group(0)
    return None


def _said(line: dict[str, object], said_of: str, said: object) -> None:
    """A line of its own saying ``said`` of the rows below it (None: it ends what an earlier line said)."""
    if said is None:
        line.pop(said_of, None)
    else:
        line[said_of] = said


def _section_bare(text: str) -> str:
    """A section line's text without spaces, its numbering (二、, (一)) or a closing colon: 二、上坪村： → 上坪村."""
    return strip_numbering(_compact(unicodedata.normalize("NFKC", text))).rstrip(":：")


@lru_cache(maxsize=4096)
def _section_line(text: str) -> bool:
    """A lone text that only names a place, a group or a month (澄江村, 二、上坪村, 新屋村委会：, 一组, 3月份), or a cadre
    by its label (走访干部：李明): a section's line, whatever column it stands in — in a record's required column it was
    read as that record's date or name (a log without 序号: 走访干部：王强 under 走访对象, rejected 缺少走访日期, its
    cadre not given to the rows below)."""
    if (section_group([text]) is not None or _month_line(text) is not None or _section_poor([text]) is not None
            or labelled_cadre(text)):
        return True
    bare = _section_bare(text)
    if not 2 <= len(bare) <= 20:
        return False
    places = places_in_text(bare)
    name = places.village or places.township
    return name is not None and canonical_place(bare) in (name, f"{places.township or ''}{places.village or ''}")


def classify_row(row: list[object], table: Table, content_cols: list[int], required_cols: set[int]) -> str | None:
    """Why a body row is skipped (a SKIP_KINDS word), or None when it should be a record.

    For one row; ``tidy_table`` builds a ``RowClassifier`` once for all the rows of a table.
    """
    kind = RowClassifier(table, content_cols, required_cols)(row)[0]
    return None if kind == OTHER_HEADER else kind


def _reason(f: Field, problem: str) -> str:
    """The problem under the column's own name: ``投资额（元）「待定」无法识别``, not ``金额「待定」…``."""
    word, quote, rest = problem.partition("「")
    if not quote:
        return problem
    return problem if word and word in f.label else f"{f.label}「{rest}"


# Parsed values of the distinct cells a process has met, across sheets and files: month sheets
# and village files repeat the same villages, cadres, dates, kinds and amounts. The parsers are
# pure, so a value read once reads the same everywhere. One table per parser and header scale,
# keyed by the text itself, or by (type, value) for other cells (1, 1.0 and True are equal keys
# but not the same cell); bounded by ``_cache_table``.
_PARSED: dict[tuple[str, float], dict[object, tuple[object, str | None]]] = {}


def _parse_cell(kind: str, scale: float, cell: object) -> tuple[object, str | None]:
    """(value, None) or (None, the ValueProblem's message) for one cell through ``kind``'s parser."""
    if type(cell) is str and is_unworked_formula(cell):  # a program's formula without its result (read.formulas)
        return None, f"「{redact(cell[:40])}」{FORMULA_PROBLEM}"
    parse = values.PARSERS[kind]
    try:
        parsed = parse(cell, unit_scale=scale) if kind in _KINDS_WITH_SCALE else parse(cell)
    except values.ValueProblem as problem:
        return None, str(problem)
    return (redact(parsed) if isinstance(parsed, str) else parsed), None


def _parsed_values(kind: str, scale: float, cells: list[object]) -> list[tuple[object, str | None]]:
    """``_parse_cell`` of each cell, each distinct cell parsed once per process."""
    scale = scale if kind in _KINDS_WITH_SCALE else 1.0
    cache = _cache_table(_PARSED, (kind, scale))
    get = cache.get
    keys = [cell if type(cell) is str else (type(cell), cell) for cell in cells]
    out = [get(key) for key in keys]  # most cells were met before: looked up in one pass
    for i, hit in enumerate(out):
        if hit is None:
            key = keys[i]
            hit = get(key)  # parsed meanwhile, for an earlier cell of this column
            if hit is None:
                hit = cache[key] = _parse_cell(kind, scale, cells[i])
            out[i] = hit
    return out


def _parse_column(raw: list[object], f: Field, scale: float) -> tuple[list[object], list[str | None] | None]:
    """A column's parsed values and, when any cell could not be read, each row's problem (else None)."""
    parsed = _parsed_values(f.kind, scale, raw)
    out_values, problems = (list(column) for column in zip(*parsed, strict=True)) if parsed else ([], [])
    if not any(problems):
        return out_values, None
    if f.name == "resolved_date":  # 未结 under 办结时间: no date yet, as a blank says
        problems = [None if p is not None and isinstance(c, str) and _NOT_YET.fullmatch(_compact(c)) else p
                    for p, c in zip(problems, raw, strict=True)]
        if not any(problems):
            return out_values, None
    return out_values, [None if problem is None else _reason(f, problem) for problem in problems]


# A dispute's 办结时间 (化解时间 …) saying it has none yet: 未结, 尚未办结, 调处中.
_NOT_YET = re.compile(r"(?:未|尚未|还未|没有|暂未)(?:结|结案|办结|化解|调结|解决|调处|调解|处理)?|(?:正在)?(?:调处|调解|办理|处理|化解)中"
                      r"|正在(?:调处|调解|办理|处理|化解)")


# A funds list's line heading the money spent below it (二、资金使用情况, 支出明细, a header 日期 | 支出项目 | 金额), or
# the money raised again (三、资金来源): a short line, not a note on the rows (注：资金用于修路).
_SPENT_LINE = re.compile(r"支出|开支|资金使用|使用情况|使用明细|用款|付款情况|拨付使用|费用")
_RAISED_LINE = re.compile(r"收入|筹资|筹集|捐款|捐赠|捐助|到位资金|资金来源|来源情况")
_SPENT = "资金使用（支出）部分的行：是用去的钱，不是筹集的资金，不计入筹资"
# A row of an account (收入 | 支出 | 余额) with money out and none in.
SPENT_ROW = "只填了支出、没有收入：是用去的钱，不是筹集的资金，不计入筹资"
# A funds list's line heading money promised, not come in (二、认捐未到位, 承诺资金): its rows counted, and said.
_PLEDGED_LINE = re.compile(r"认捐|未到位|未到账|尚未到|承诺|意向")


def _money_line(row: list[object]) -> str | None:
    """"spent" for a funds list's line (or header) heading money spent, "pledged" for one heading money promised and
    not come in, "raised" for one heading money raised, else None: its words joined, short (a section's, not a note's)."""
    text = "".join(v.strip() for v in row if isinstance(v, str) and v.strip())
    if not text or len(text) > 40 or text.startswith(("注", "说明", "备注")):
        return None
    if _SPENT_LINE.search(text):
        return "spent"
    if _PLEDGED_LINE.search(text):
        return "pledged"
    return "raised" if _RAISED_LINE.search(text) else None


_ZERO = re.compile(r"0+(?:\.0*)?")
BALANCE_BREAKS_SHOWN = 5


def balance_breaks(rows: list[list[object]], table: Table, account_rows: list[int], lines: set[int]) -> dict | None:
    """The rows of an account (收入 | 支出 | 余额) whose 余额 is not the one above it plus the row's 收入 less its 支出 —
    money in or out left unwritten or written wrong, or read wrong: ``{"rows": [5], "records": 1, "expected": 4000.0,
    "written": 4500.0}`` (1-based rows, at most ``BALANCE_BREAKS_SHOWN``; the first row's figures), else None.

    ``account_rows`` are its records and rows of money spent, in order, and its balance lines (``lines``: 上年结转,
    which set the balance). The first 余额 written starts it; a row with none carries the balance worked out; a cell
    that cannot be read stops the check until the next 余额 written.
    """
    fields = table.fields
    money_in, money_out, left = (fields[name] for name in ("amount_yuan", "spent_yuan", "balance_yuan"))

    def money(column, row: list[object]) -> float | None:
        cell = _cell(row, column.index)
        return 0.0 if _no_money(cell) else _measure(column.field, table, cell)

    balance: float | None = None
    breaks: list[tuple[int, float, float]] = []
    for r in account_rows:
        row = rows[r]
        cell = _cell(row, left.index)
        written = None if values.is_empty(cell) else _measure(left.field, table, cell)
        if r in lines:
            balance = written
            continue
        came, went = money(money_in, row), money(money_out, row)
        expected = None if balance is None or came is None or went is None else balance + came - went
        if written is None:
            balance = expected if values.is_empty(cell) else None
            continue
        if expected is not None and abs(expected - written) > 0.005:
            breaks.append((r + 1, expected, written))
        balance = written
    if not breaks:
        return None
    return {"rows": [r for r, _, _ in breaks[:BALANCE_BREAKS_SHOWN]], "records": len(breaks),
            "expected": breaks[0][1], "written": breaks[0][2]}


def _no_money(cell: object) -> bool:
    """An account's 收入 or 支出 cell with no money in it: blank, a placeholder (-, —, 无) or 0.

    >>> [_no_money(v) for v in (None, " - ", "无", 0, "0.00", 3000, "3000", True)]
    [True, True, True, True, True, False, False, False]
    """
    if values.is_empty(cell):
        return True
    if cell.__class__ is int or cell.__class__ is float:
        return cell == 0
    return isinstance(cell, str) and _ZERO.fullmatch(cell.strip()) is not None


def _own_header(row: list[object], table: Table) -> bool:
    """Whether a body row is the table's own header printed again (a page's top), not another header like it."""
    return tuple(cell_header(v)[0] for v in row) in table.header_texts


def _account_rows(rows: list[list[object]], table: Table, record_rows: list[int]) -> tuple[list[int], set[int]]:
    """Of a funds list kept as an account (收入 | 支出 | 余额), the rows of money spent — a 支出 and no 收入 (blank, a
    dash or 0: ``_no_money``): rejects, saying so, where they were rejected as missing their amount — and the positions
    in ``record_rows`` of its balance lines: neither, and a text saying so (上年结转, 期初余额, 上月结余: skipped as
    notes). A row with neither and no such words misses its amount, as in any list."""
    money_in, money_out = table.fields["amount_yuan"].index, table.fields["spent_yuan"].index
    spent: list[int] = []
    balances: set[int] = set()
    for i, r in enumerate(record_rows):
        row = rows[r]
        if not _no_money(_cell(row, money_in)):
            continue
        if not _no_money(_cell(row, money_out)):
            spent.append(r)
        elif any(isinstance(v, str) and _BALANCE.match(_compact(v)) for v in row):
            balances.add(i)
    return spent, balances


def _units_between(note_rows: list[list[object]], note_at: list[int],
                   record_rows: list[int]) -> list[tuple[int, dict[str, str], bool]]:
    """The note rows declaring units (单位：万元) with records both above and below them, as (row, {kind: unit},
    whether it speaks of the rows above it): each is the unit of its section, not the whole table's."""
    if not record_rows:
        return []
    first, last = record_rows[0], record_rows[-1]
    out = []
    for row, r in zip(note_rows, note_at, strict=True):
        if first < r < last and (units := unit_notes([row])):
            above = any(isinstance(v, str) and _ABOVE.search(v) for v in row)  # 注：以上金额单位为万元
            out.append((r, units, above))
    return out


_ABOVE = re.compile(r"以上|上述|上表|上列")


def _parse_by_section(raw: list[object], f: Field, scale: float, record_rows: list[int],
                      units_from: list[tuple[int, dict[str, str], bool]]) -> tuple[list[object], list[str | None] | None]:
    """``_parse_column`` with each record scaled by the unit a note line between records declares for ``f``'s kind:
    the last above it (单位：万元 over a section), or the next below it when that speaks of the rows above it
    (注：以上金额单位为万元); else the table's own ``scale``."""
    scales = []
    notes = [(at, units[f.kind], above) for at, units, above in units_from if f.kind in units]
    for r in record_rows:
        after = next((note for note in notes if note[0] > r), None)  # the nearest below, if it speaks of those above
        before = next((note for note in reversed(notes) if note[0] < r), None)
        unit = (after[1] if after is not None and after[2]
                else before[1] if before is not None and not before[2] else None)
        scales.append(HEADER_UNITS[unit][1] if unit in HEADER_UNITS else scale)
    parsed: list[object] = [None] * len(raw)
    problems: list[str | None] = [None] * len(raw)
    for each in set(scales):
        at = [i for i, sc in enumerate(scales) if sc == each]
        values_, problems_ = _parse_column([raw[i] for i in at], f, each)
        for j, i in enumerate(at):
            parsed[i] = values_[j]
            problems[i] = problems_[j] if problems_ else None
    return parsed, (problems if any(problems) else None)


def tidy_table(
    rows: list[list[object]], table: Table, source_file: str, source_sheet: str, first_row: int = 0,
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    yearless: frozenset[tuple[int, int]] = frozenset(),
) -> SheetResult:
    """Records, rejects and skip counts for one located table; of ``rows[first_row:]`` only when
    the rows above belong to another table of the sheet (``stacked``).

    ``merged`` holds the sheet's merged ranges (``Sheet.merged``), their values already filled into
    every cell: a quantity merged down over several records (金额 9000 over 修路, 修桥, 修渠) is one
    value, counted on the first of them only (``_merged_below``). ``yearless``: the date cells shown
    without their year (``Sheet.yearless_cells``), read as 3月5日 are where the sheet names its year.
    """
    ledger: Ledger = table.ledger
    result = SheetResult(source_file, source_sheet, ledger.name, rows_read=len(rows) - first_row)
    if table.recognition is not None:
        result.recognition = table.recognition.summary()
    result.context = {
        "township": table.context.township, "village": table.context.village,
        "township_source": table.context.township_source, "village_source": table.context.village_source,
    }
    for r in range(first_row, min(table.body_start, len(rows))):
        # The group row just above a header whose merged cells, filled down, made it one row.
        group_row = bool(table.header_rows) and r == table.header_rows[0] - 1 and row_header_score(rows[r]) >= 2
        if r in table.header_rows or group_row:
            result.skipped["header"] += 1
        elif all(_empty(v) for v in rows[r]):
            result.skipped["blank"] += 1
        else:
            result.skipped["title"] += 1
            result.above_header += 1
    if result.above_header >= 2 and table.header_rows:
        result.table_above = _table_above(rows, first_row, table.header_rows[0])

    result.beside = repeated_block(rows, table)
    rows = units_beside(rows, table, first_row)
    split = next((c for c in table.columns if c.field is not None and c.field.summed and c.split), None)
    if split is not None:
        result.split = {"field": split.field.label, "column": split.header, "others": list(split.split)}
    fields = table.fields
    serial = fields.get("serial")
    content_cols = sorted({c.index for c in table.columns if c is not serial} | _unlabelled_columns(rows, table))
    required_cols = {fields[f.name].index for f in ledger.fields if f.required and f.name in fields}
    pii_cols = {c.index for c in table.columns if c.field is not None and c.field.kind == "pii"}
    classify = RowClassifier(table, content_cols, required_cols)
    # A funds list kept as an account (日期 | 摘要 | 收入 | 支出 | 余额): its rows of money out are spent, its balance lines
    # no records (``_account_rows``)
    account = ledger.name == "funds" and "spent_yuan" in fields and "amount_yuan" in fields and not (
        fields["spent_yuan"].parts or fields["amount_yuan"].parts)

    result.village_hints = table.context.village_hints
    result.filed_village_words = table.context.filed_village_words
    # Each record's context place and where it was read (a row's own place column comes first).
    township = (table.context.township, table.context.township_source)
    village = (table.context.village, table.context.village_source)
    first_village = village
    record_rows: list[int] = []
    note_rows: list[list[object]] = []
    note_at: list[int] = []  # each note row's index in ``rows``
    row_township: list[tuple[str | None, str | None]] = []
    row_village: list[tuple[str | None, str | None]] = []
    row_block: list[int] = []  # rows between two subtotal/title/header rows share a block
    row_section: list[int] = []  # rows under the same section title ("二、上坪村")
    row_lone: list[int | None] = []  # the one content column of a row holding a single value
    ledger_totals: list[Total] = []  # the ledger's own 合计/小计 rows (and section titles), in order
    block = section = 0
    group: str | None = None  # the 村民小组 a line of its own names for the rows below it (一组, 第二村民小组)
    section_groups: dict[int, str] = {}  # record row -> that group
    # the cadre a line of its own names for the rows below it (走访干部：李明), or a line above the header
    # names for the table (走访人：李明 | 单位：县交通局)
    cadre: str | None = _cadre_above(rows, first_row, table)
    section_cadres: dict[int, str] = {}  # record row -> that cadre
    # the (year,) month a line of its own names (3月份, 2011年4月), or its text where it names none (4-5月份)
    month: tuple[int | None, int] | str | None = None
    section_months: dict[int, tuple[int | None, int] | str] = {}  # record row -> that month
    # the day a line of its own names over a visit log's rows where it has no date column (2011年3月5日)
    by_day_lines = ledger.name == "visits" and "visit_date" not in fields
    on_day: dt.date | None = None
    section_days: dict[int, dt.date] = {}  # record row -> that day
    poor: bool | None = None  # whether the households below a line of its own are poor (一、贫困户 / 二、一般户)
    section_poor: dict[int, bool] = {}  # record row -> that
    # What the last line of its own said of the rows below it, by what it speaks of (the rows under each kept in
    # ``under_line``): "status" (一、已化解, 二、计划实施项目: how the disputes or projects stand, and its words), "spent"
    # (二、资金使用情况), "pledged" (二、认捐未到位), "unvisited" (二、未走访户), "void" (以下作废), "kind" (一、山林纠纷).
    line: dict[str, object] = {}
    # The numberings of lines of their own by rank (一、 over （一）, as they first come), and the ranks of the numbered
    # lines that said each thing of the rows below them: a key of ``line``, "poor" (一、贫困户), "village" (二、新屋村).
    styles: dict[str, int] = {}
    said_ranks: dict[str, set[int]] = {}
    under_line: dict[str, dict[int, object]] = {}
    line_group: str | None = None
    after_break = False
    other_headers: list[int] = []  # record rows that read as another table's header
    of_which: list[int] = []  # rows with a content cell beginning 其中 (「其中：县级」)
    for r in range(table.body_start, len(rows)):
        row = rows[r]
        kind, lone = classify(row)
        if by_day_lines and kind in (None, "title", "note", "blank"):
            if (line_day := day_line(row, table.year)) is not None:
                # 2011年3月5日 on a line of its own, in a log with no date column: the day of the rows below it (a lone
                # date in the household's column, where a record's cells would be, is no record either)
                on_day, kind = line_day, "note"
            elif (unread := unread_day_line(row)) is not None:
                # 3月5日-8日, 3.8: a line as the days' are, no one day read from it — the rows below are of no day
                # known, not of the line's above (its text stands for the day, said in their rejects)
                on_day, kind = unread, "note"
        if kind is None and lone is not None and month is not None and _unread_month(row) and sum(
                1 for v in row if not _empty(v)) == 1:
            kind = "note"  # 4-5月份 alone in the date column, under 3月份 …: a line as the months' are, no record
        if classify.of_which:
            of_which.append(r)
        if kind == OTHER_HEADER:
            # Not where its heading words are its neighbours' values too (户主 | 贫困户 down a list of people)
            if not headings_recur(rows, r, body=table.body_start):
                other_headers.append(r)
            kind = None
        if kind is None:
            if after_break:
                result.breaks.append(r)
                after_break = False
            if group is not None:
                section_groups[r] = group
            if cadre is not None:
                section_cadres[r] = cadre
            if month is not None:
                section_months[r] = month
            if on_day is not None:
                section_days[r] = on_day
            if poor is not None:
                section_poor[r] = poor
            if line:  # most tables have no such line: no call a row
                for said_of, said in line.items():
                    under_line.setdefault(said_of, {})[r] = said
            record_rows.append(r)
            row_township.append(township)
            row_village.append(village)
            row_block.append(block)
            row_section.append(section)
            row_lone.append(lone)
            continue
        if kind != "blank":
            block += 1
        after_break = True
        result.skipped[kind] += 1
        if kind == "subtotal":
            label = next((v.strip() for v in row if isinstance(v, str) and v.strip()), "")
            running = any(isinstance(v, str) and is_running_total(v) for v in row)
            if not is_statistic(label):
                ledger_totals.append(Total(r, label[:30], is_block_total(label), running=running,
                                           cumulative=not running and is_cumulative_total(label)))
        if kind == "note":
            note_rows.append(row)
            note_at.append(r)
        if kind in ("title", "note") and (line_group := section_group(row)) is not None:
            group = line_group  # 一组 / 第二村民小组 on a line of its own: the group of the rows below it
        elif kind in ("title", "note") and group is not None and several_groups(row):
            group = None  # 3-4组: of no one group (they were of the group above)
        if kind in ("title", "note", "header") and (line_cadre := section_cadre(row)) is not None:
            cadre = line_cadre  # 走访干部：李明 on a line of its own: the cadre of the rows below it
        if kind == "note" and (line_month := _section_month(row) or _unread_month(row)) is not None:
            month = line_month  # 3月份 on a line of its own: the month of the rows below it (4-5月份: none known)
        said_now: set[str] = set()  # what this row, a line of its own, says of the rows below it
        if kind in ("title", "note") and ledger.name == "roster" and (line_poor := _section_poor(row)) is not None:
            poor = line_poor  # 一、贫困户 on a line of its own: the households below it are poor
            said_now.add("poor")
        if kind in ("title", "note") and ledger.name in ("disputes", "projects") and (
                line_status := _section_status(row, ledger.name)) is not None:
            line["status"] = (line_status, _section_bare(lone_text(row) or ""))  # 一、已化解 / 二、计划实施项目
            said_now.add("status")
        if kind in ("title", "note", "header") and ledger.name == "funds" and not (
                kind == "header" and _own_header(row, table)) and (money := _money_line(row)) is not None:
            # (the table's own header again at a page's top says nothing of money spent: an account's has 支出 in it)
            _said(line, "spent", r if money == "spent" else None)  # 二、资金使用情况 (or a header of 支出项目)
            # 二、认捐未到位 on a line of its own (a header repeated with its 未到位 column says nothing of the rows)
            _said(line, "pledged", _section_bare(lone_text(row) or "认捐") if money == "pledged" and kind != "header" else None)
            _said(line, "balance", None)  # (a line of money raised, spent or promised ends 一、上年结转's rows)
            said_now |= {"spent", "pledged", "balance"}
        elif kind in ("title", "note") and ledger.name == "funds" and (text := lone_text(row)) is not None and (
                _BALANCE.match(_COUNT_NOTE.sub("", _section_bare(text)))):
            line["balance"] = r  # 一、上年结转 on a line of its own: the rows below it are a balance, not money raised
            said_now.add("balance")
        if kind in ("title", "note") and ledger.name == "visits" and (visited := _visited_line(row)) is not None:
            _said(line, "unvisited", None if visited else _section_bare(lone_text(row) or ""))  # 二、未走访户 … 三、已走访户
            said_now.add("unvisited")
        if kind in ("title", "note") and (text := lone_text(row)) is not None:
            # 以下作废, 二、已迁出户 over rows: said as a 备注 of 作废 is; any other line of its own ends them
            _said(line, "void", _section_bare(text) if _void_line(text, ledger.name) else None)
            if ledger.name == "disputes" and (named_kind := _section_kind(text)) is not None:
                line["kind"] = named_kind  # 一、山林纠纷: the kind of the disputes below it
                said_now.add("kind")
            if (style := _numbering_style(text)) is not None:
                # 三、其他 (or 三、澄江村) after 一、已化解 二、未化解, 二、贫困户, 二、资金使用情况, 二、未走访户 …: a section
                # numbered as the line's that said it (or above it: 二、 over （一）山林纠纷), saying nothing of it — its rows
                # are not that line's (they were, nothing said)
                rank = styles.setdefault(style, len(styles))
                ended = {k for k, ranks in said_ranks.items() if k not in said_now and min(ranks) >= rank}
                for said_of in ended & line.keys():
                    del line[said_of]
                if "poor" in ended:
                    poor = None
                if ("village" in ended and village[1] == SECTION_SOURCE
                        and (named := places_in_text(text)).village is None and named.township is None):
                    # 三、其他 after 二、新屋村: its rows are not 新屋村's, nor that section's group or kind of household
                    village, group, poor = first_village, None, None
                for said_of in said_now:
                    said_ranks.setdefault(said_of, set()).add(rank)
        if kind == "title":
            # A section title inside the body ("二、新屋村") names the place of the rows below it.
            # (It may stand in the 序号 column, which classify_row reads for words too.)
            text = next((v for v in row if isinstance(v, str) and v.strip()), "")
            places = places_in_text(text)
            if places.township and places.township != township[0]:
                village = (None, None)  # another township's section: the last section's village is not its
            if places.village and places.village != village[0]:
                group = line_group  # another village's section: the last section's group is not its
                poor = None  # nor the last section's kind of household (一、澄江村 （一）贫困户 … 二、上坪村)
            township = (places.township, SECTION_SOURCE) if places.township else township
            village = (places.village, SECTION_SOURCE) if places.village else village
            if places.village and (style := _numbering_style(text)) is not None:
                said_ranks.setdefault("village", set()).add(styles.setdefault(style, len(styles)))
            section += 1
            ledger_totals.append(Total(r, "", False, section=True))

    if not record_rows:
        return result
    section_status, spent, pledged, unvisited, voided, section_kinds, balance_lines = (
        under_line.get(said_of, {}) for said_of in ("status", "spent", "pledged", "unvisited", "void", "kind", "balance"))
    sub_rows = _sub_serial_rows(rows, table, record_rows)  # 1-1, 1-2 under 1: its parts (or a household's members)
    members = _member_rows(rows, table, record_rows, sub_rows)
    if members:
        result.skipped["note"] += len(members)
        record_rows, row_township, row_village, row_block, row_section, row_lone = _without(
            members, record_rows, row_township, row_village, row_block, row_section, row_lone)
        if not record_rows:
            return result
    spent_reasons = dict.fromkeys(spent, _SPENT)  # record row -> why it is money spent, no money raised
    account_lines: set[int] = set()  # an account's balance lines (上年结转 | | | 2000), rows
    if account:
        money_out, balance_heads = _account_rows(rows, table, record_rows)
        spent_reasons.update(dict.fromkeys(money_out, SPENT_ROW))
        account_lines = {record_rows[i] for i in balance_heads}
        if balance_heads:  # 上年结转 | | | 2000: the balance carried, no money raised nor a record missing its amount
            result.skipped["note"] += len(balance_heads)
            record_rows, row_township, row_village, row_block, row_section, row_lone = _without(
                balance_heads, record_rows, row_township, row_village, row_block, row_section, row_lone)
            if not record_rows:
                return result
    breakdown, explained, after_of_which = (
        _breakdown_rows(rows, table, record_rows, sorted({*of_which, *sub_rows}), merged)
        if of_which or sub_rows else (set(), set(), [])
    )
    if breakdown or explained:
        # Rows breaking the row above down (其中…) are part of it, never records of their own.
        result.skipped["subtotal"] += len(breakdown)
        result.skipped["note"] += len(explained)
        record_rows, row_township, row_village, row_block, row_section, row_lone = _without(
            breakdown | explained, record_rows, row_township, row_village, row_block, row_section, row_lone)
        if not record_rows:
            return result
    if after_of_which:
        result.after_of_which = {"rows": [r + 1 for r in after_of_which[:BREAKDOWN_ROWS_SHOWN]],
                                 "records": len(after_of_which)}
    # "注：金额单位：万元" under the table says it as clearly as a note above the header (which wins); one
    # between records (二、社会捐助（单位：万元） over the same header repeated) is the unit of the rows below it.
    units_from = _units_between(note_rows, note_at, record_rows)
    for kind, unit in unit_notes([row for row, r in zip(note_rows, note_at, strict=True)
                                  if all(r != at for at, _, _ in units_from)]).items():
        table.unit_notes.setdefault(kind, unit)
    totals = _unlabelled_totals(rows, table, record_rows, row_block, row_lone)
    totals |= _whole_place_heads(rows, table, record_rows)
    section_sums, section_rows, section_heads, section_names = _ordinal_section_sums(rows, table, record_rows)
    totals |= section_sums
    summaries, possible_sums = _summary_rows(rows, table, record_rows, row_block, totals | section_heads, merged)
    totals |= summaries
    if possible_sums or section_rows:
        sums = sorted({*possible_sums, *section_rows})
        result.possible_sums = {"rows": [r + 1 for r in sums[:POSSIBLE_SUMS_SHOWN]], "records": len(sums),
                                **({"sections": True} if not possible_sums else {})}
    if totals or section_heads:
        result.skipped["subtotal"] += len(totals)
        result.skipped["note"] += len(section_heads)  # 一 | 农田水利: a section's name, no project
        record_rows, row_township, row_village, row_section = _without(
            totals | section_heads, record_rows, row_township, row_village, row_section)
        if not record_rows:
            return result

    n = len(record_rows)
    columns: dict[str, list[object]] = {}
    problems: list[list[str | None]] = []  # the columns with a problem in some row, in field order
    side_problems: list[list[str | None]] = []  # likewise, of the columns no figure rests on (SIDE_FIELDS)
    merged_reasons: dict[int, str] = {}  # records whose required quantity is merged down from one above
    village_cells: list[object] = []  # the village column's cells, filled down
    row_years = _row_years(rows, table, record_rows)  # a 年度 column's, for dates written without a year
    household_cells: list[object] = []  # the household column's cells
    period_date = _PERIOD_DATE.get(ledger.name, (None, None))[0]
    completed: set[int] = set()  # the rows whose period date was written without its year, the title's taken
    if other_headers:  # first: whatever its cells would read as, the row is a header, not a record
        problems.append(_other_header_problems(rows, record_rows, set(other_headers)))
    if spent_reasons:  # a funds list's money spent (二、资金使用情况 over 修路 6000, an account's 支出): no money raised
        problems.append([spent_reasons.get(r) for r in record_rows])
    # Next: a visit its row says was not made is none, whatever its date (a plan leaves it blank).
    not_visited = visits_not_made(rows, table, record_rows, unvisited) if ledger.name == "visits" else None
    if not_visited is not None:
        problems.append(not_visited)
    for f in ledger.fields:
        if f.name not in fields or not f.stored or f.kind in ("derived", "pii", "lineage"):
            continue
        col = fields[f.name]
        index = col.index
        part_problems = None
        by_title: list[bool] | None = None  # whether each row's date took the title's year, where dates were completed
        spanned = False  # whether the years came from a span across the turn of a year (``_span_years``)
        months: list[tuple[int | None, int] | str | None] | None = None  # each row's month line's, where there are any
        if col.parts:  # ticked choices or a date in parts, over several sub-columns (``compound``)
            heading = compound.group_heading(rows, table.header_rows, col)
            raw, part_problems = compound.raw_values(rows, record_rows, col, f, heading)
        else:
            raw = [rows[r][index] if index < len(rows[r]) else "" for r in record_rows]
            if yearless and f.kind in ("date", "date_or_month") and (table.year is not None or table.year_span is not None):
                # 3月5日 as the sheet shows it (m"月"d"日"), not with the year Excel stored when it was typed (a 2011
                # ledger typed in 2012): the sheet's year reads it, as it does 3月5日 written as text
                raw = [_month_day(v) if (r, index) in yearless else v for r, v in zip(record_rows, raw, strict=True)]
            raw = _dittoed(raw)
        if f.name == "relief_yuan":  # 慰问金300元, 200元/户: the sum without its words
            raw = [_relief_text(v) if type(v) is str else v for v in raw]
        if f.kind == "place":
            raw = _fill_down(raw, row_section)
            if f.name == "village":
                village_cells = raw
                # 3组 under 村组 or 村别: the row's group (read below), no village — the context's stands
                raw = ["" if v.__class__ is str and v[-1:] in "组队" and values.group_alone(v) else v for v in raw]
        elif f.kind == "household":
            household_cells = raw
        elif f.kind in ("date", "date_or_month") and section_months:
            # 「5日」 under a line 3月份 (on a 2011 sheet, or under 2011年3月): that month's day
            months = [section_months.get(r) for r in record_rows]
            years, spanned = _date_years(raw, row_years, table.year_span)
            given = raw
            # under a line naming no one month (4-5月份), no month completes a day written alone (「10日」)
            raw = [values.date_with_year(v, y or table.year, None, month_will_do=f.kind == "date_or_month")
                   if ym.__class__ is str else
                   values.date_with_year(v, (ym[0] or y or table.year) if ym else (y or table.year),
                                         ym[1] if ym else (table.month if y in (None, table.year) else None),
                                         month_will_do=f.kind == "date_or_month")
                   for v, y, ym in zip(raw, years or [None] * n, months, strict=True)]
            by_title = [y is None and not (ym and ym.__class__ is not str and ym[0])
                        for y, ym in zip(years or [None] * n, months, strict=True)]
        elif f.kind in ("date", "date_or_month") and (
                table.year is not None or (dated := _date_years(raw, row_years, table.year_span))[0] is not None):
            # 「3月5日」 on a 2011 sheet, 「5日」 on a sheet of 2011年3月, or a row whose 年度 column says 2010
            # (「5月底完工」 too, where a month will do: a project's completion), or a sheet of 2011年12月至2012年2月
            years, spanned = (row_years, False) if table.year is not None else dated
            given = raw
            raw = [values.date_with_year(v, y or table.year, table.month if y in (None, table.year) else None,
                                         month_will_do=f.kind == "date_or_month")
                   for v, y in zip(raw, years or [None] * n, strict=True)]
            by_title = [y is None for y in years or [None] * n]
        if f.name == "households_benefited":  # 30户120人: its households
            raw = [values.households_part(v) if v.__class__ is str else v for v in raw]
        if f.name == period_date and by_title is not None:
            # the rows whose date was completed with the year the title names (not a 年度 column's, a month
            # line's, nor a two-digit year's own)
            completed = {record_rows[i] + 1 for i, (v, titled) in enumerate(zip(given, by_title, strict=True))
                         if titled and raw[i] != v and not values.has_short_year(v)}
        below = _merged_below(merged, index, record_rows) if f.summed and merged and not col.parts else None
        if below:
            raw = ["" if i in below else v for i, v in enumerate(raw)]
        scale = table.scale(col)
        if units_from and f.kind in _KINDS_WITH_SCALE and HEADER_UNITS.get(col.unit or "", ("",))[0] != f.kind:
            parsed, col_problems = _parse_by_section(raw, f, scale, record_rows, units_from)
        else:
            parsed, col_problems = _parse_column(raw, f, scale)
        if spanned and col_problems is not None:  # 「6月1日」 on a sheet of 2011年12月至2012年2月: which year?
            first, start, second, end = table.year_span
            col_problems = [f"{f.label}「{values.redact_numbers(str(v))}」不在{first}年{start}月至{second}年{end}月之内，"
                            "无法确定是哪一年" if p and "没有年份" in p else p for p, v in zip(col_problems, given, strict=True)]
        if months is not None and col_problems is not None:  # 「10日」 under 4-5月份: which month?
            col_problems = [f"{f.label}「{values.redact_numbers(str(v))}」无法确定是哪个月（上面的「{values.redact_numbers(ym)}」"
                            "不是一个月份的标题行）" if p and ym.__class__ is str else p
                            for p, v, ym in zip(col_problems, given, months, strict=True)]
        unit = table.unconvertible(col) if f.kind in _UNIT_BASE else None
        if unit is not None:
            parsed, col_problems = _unconverted(f, unit, raw, parsed, col_problems)
        elif f.name == "households_benefited":
            if col.unit in _PERSON_UNITS:  # 受益户数（人）: the whole column counts people
                unit = col.unit
            parsed, col_problems = _persons_not_households(f, unit is not None, raw, parsed, col_problems)
        if col.rivals and result.rival_columns is None:
            result.rival_columns = rival_columns(rows, record_rows, table, f, col, parsed)
        if below and f.required:
            merged_reasons.update((i, _merged_problem(f, top)) for i, top in below.items())
            col_problems = [merged_reasons[i] if i in below else p for i, p in enumerate(col_problems or [None] * n)]
        if part_problems is not None:
            col_problems = [p or q for p, q in zip(part_problems, col_problems or [None] * n, strict=True)]
        if f.name == "is_poor" and table.poor_list:
            # A list of poor households (its title or sheet says so): a blank 贫困户 cell is one more.
            parsed = [True if _empty(cell) or values.is_empty(cell) else v for v, cell in zip(parsed, raw, strict=True)]
        if f.required and (col_problems is not None or None in parsed):
            col_problems = [
                p or (_missing(f, cell) if v is None else None)
                for v, p, cell in zip(parsed, col_problems or [None] * n, raw, strict=True)
            ]
        columns[f.name] = parsed
        if f.kind == "amount" and result.small_amounts is None and table.unit(col) is None:
            result.small_amounts = small_amounts(f, col, parsed, raw)
        if f.kind == "amount" and result.large_amounts is None and scale == WAN:
            result.large_amounts = large_amounts(f, col, parsed, raw)
        # The relief cells naming goods alone (米一袋), left empty however many: no sign of a misread column.
        goods = ([p is not None and values.in_kind(v) for p, v in zip(col_problems, raw, strict=True)]
                 if col_problems is not None and f.name == "relief_yuan" else None)
        if goods is not None and any(goods):
            col_problems = [f"{f.label}「{values.redact_numbers(v)}」是慰问物品，没有折算成金额" if is_goods else p
                            for p, v, is_goods in zip(col_problems, raw, goods, strict=True)]
        if col_problems is not None:
            # A side column in a unit that cannot be converted is left empty whatever its share of cells; one
            # of goods given (米一袋) too, whatever its share of goods; and a level none of the three (三送工作队,
            # 县法院), whatever its share: answers, not a column read wrong.
            others = col_problems if goods is None else [None if is_goods else p for p, is_goods in zip(col_problems, goods, strict=True)]
            if f.name == "level":
                others = [None if p is not None and values.OUTSIDE_LEVELS in p else p for p in others]
            elif f.kind in ("count", "poor", "amount", "length"):  # 受益户数 全村, 户类型 残疾户, 投资 待结算: answers
                others = [None if p is not None and values.side_answer(f.kind, v) else p
                          for p, v in zip(others, raw, strict=True)]
            if f.name in SIDE_FIELDS.get(ledger.name, ()) and (unit is not None or _isolated(others)):
                if f.name == "is_poor":  # 残疾户: counted as the list counts a blank cell, and said so
                    counted = "困难户" if table.poor_list else "非困难户"
                    col_problems = [p and f"{p}，按{counted}计入" for p in col_problems]
                    columns[f.name] = [table.poor_list if p else v for v, p in zip(parsed, col_problems, strict=True)]
                side_problems.append(col_problems)  # the cell left empty, the record kept (and said)
            else:
                problems.append(col_problems)
    # A one-day log's date from its title or sheet name (``Table.day``) — not where a column no heading names holds
    # dates in most rows: that may be the visits' own day, and the rows are rejects rather than guessed.
    day = table.day
    if day is not None and _dated_columns(rows, table, record_rows):
        day = None
        problems.append(["缺少走访日期（表中有一列日期没有写明是走访日期，标题或工作表名写的日期不作为走访日期）"] * n)
    for f in ledger.fields:
        if f.required and f.name not in fields:
            columns[f.name] = [day if f.name == "visit_date" else None] * n  # else unreachable: locate requires them
    if section_days and len({d for d in section_days.values() if d.__class__ is not str}) >= 2:
        # Lines of their own naming each day over the rows (2011年3月5日 … 3月8日), no date column: each row's day is
        # the line's above it (not the title's); a row above the first line has none, nor one under a line read as no day.
        line_days = [section_days.get(r) for r in record_rows]
        columns["visit_date"] = [None if d.__class__ is str else d for d in line_days]
        problems.append([None if d is not None and d.__class__ is not str
                         else "缺少走访日期（表中没有日期列，这一行上面没有写明日期的行）" if d is None
                         else f"缺少走访日期（表中没有日期列，这一行上面的「{values.redact_numbers(d)}」无法确定是哪一天）"
                         for d in line_days])
    elif by_day_lines and day is None:  # (read as dated by lines the rows turned out not to be under)
        problems.append(["缺少走访日期（表中没有日期列）"] * n)
    address_groups = _address_columns(rows, table, record_rows, columns, row_township) if "address" in fields else None
    if section_cadres and "cadre" not in fields and any(f.name == "cadre" for f in ledger.fields):
        # No cadre column, a line 走访干部：李明 above the rows: their cadre (two cadres' visits to one household on
        # one day are two visits, not one entered twice).
        columns["cadre"] = [section_cadres.get(r) for r in record_rows]
    if ledger.name == "disputes" and "outcome" not in fields and not section_status and (
            sheet_outcome := _outcome_named(table.title, source_sheet)) is not None:
        # No 调处结果 column, a sheet or title naming how its disputes ended (已化解纠纷, 未化解矛盾纠纷登记表): each so
        section_status = dict.fromkeys(record_rows, (sheet_outcome, ""))
    if ledger.name == "disputes" and "outcome" not in fields and section_status:
        # No 调处结果 column, lines of their own over the disputes (一、已化解 … 二、未化解): each as its section says;
        # one above the first such line 调处中, as the list counts a dispute whose outcome is not said.
        columns["outcome"] = [section_status[r][0] if r in section_status else "pending" for r in record_rows]
    if section_poor and "is_poor" not in fields:
        # No 是否贫困户 column, lines of their own over the rows (一、贫困户 … 二、一般户): each household as its
        # section says; one above the first such line as the list counts a blank cell.
        columns["is_poor"] = [section_poor.get(r, table.poor_list) for r in record_rows]
    if ledger.name == "projects" and "project_type" not in fields and section_names:
        # No 项目类别 column, the projects in sections numbered apart (一 | 农田水利 over 1, 2): each its section's
        columns["project_type"] = [section_names.get(r) for r in record_rows]
    if ledger.name == "disputes" and "dispute_type" not in fields and section_kinds:
        # No 纠纷类型 column, lines of their own over the disputes (一、山林纠纷 … 二、土地纠纷): each as its section says
        columns["dispute_type"] = [section_kinds.get(r, "other") for r in record_rows]
    elif ledger.name == "disputes" and "dispute_type" not in fields and "summary" in fields:
        # No 纠纷类型 column: the kind its 纠纷简要情况 names (张三与李四山林纠纷), else 其他 as before.
        at = fields["summary"].index
        columns["dispute_type"] = [_type_named(rows[r][at] if at < len(rows[r]) else None) for r in record_rows]
    if "group" not in fields and any(f.name == "group" for f in ledger.fields):
        # No group column: a 村组 column (新屋村3组) says each row's group, else its household cell (3组刘庆生,
        # 刘庆生（3组）), else a line of its own above the rows (一组), else a sheet per 村民小组 (一组, 二组 …). A group that cannot be read
        # is no group, never a reject.
        groups = _each_distinct(values.group_in_place, village_cells) if village_cells else [None] * n
        if address_groups is not None:
            groups = [g if g is not None else a for g, a in zip(groups, address_groups, strict=True)]
        if household_cells:
            in_households = _each_distinct(values.group_in_household, household_cells)
            groups = [g if g is not None else h for g, h in zip(groups, in_households, strict=True)]
        if section_groups:
            groups = [g if g is not None else section_groups.get(r) for g, r in zip(groups, record_rows, strict=True)]
        if table.group is not None:
            groups = [g if g is not None else table.group for g in groups]
        if any(g is not None for g in groups):
            columns["group"] = [value for value, _ in _parsed_values("group", 1.0, groups)]

    # Place: the row's own column first, then the table's context.
    towns = columns.get("township") or [None] * n
    villages = columns.get("village") or [None] * n
    if "village" not in fields and table.context.village is None and household_cells and any(
            villages_named := _each_distinct(values.village_in_household, household_cells)):
        # No village column nor one the sheet, title or file names, 澄江村张三 in the household's: the row's own village
        villages = [v or named for v, named in zip(villages, villages_named, strict=True)]
    towns, villages = _split_township_village(towns, villages)
    columns["township"] = [t or ctx for t, (ctx, _) in zip(towns, row_township, strict=True)]
    columns["village"] = [v or ctx for v, (ctx, _) in zip(villages, row_village, strict=True)]
    town_sources = [TOWNSHIP_COLUMN_SOURCE if t else src for t, (_, src) in zip(towns, row_township, strict=True)]
    village_sources = [VILLAGE_COLUMN_SOURCE if v else src for v, (_, src) in zip(villages, row_village, strict=True)]
    unplaced: set[int] = set()  # rows given a folder's bare word as their township for now (``folder_words``)
    if not all(columns["township"]):
        no_township = "无法确定所属乡镇：表中没有乡镇列，标题、工作表名、文件名和文件夹名中也没有乡镇名"
        if named := table.context.townships_named:  # a title of two townships' work: which is each row's
            no_township = (f"无法确定所属乡镇：{table.context.townships_named_source}写了{'、'.join(named)}{len(named)}个乡镇，"
                           "表中没有乡镇列说明每行属于哪个")
        if words := table.context.folder_words:
            # Filed under 葛坳 (not 葛坳乡): the township the rest of the county names so, told by the clean at the end
            word, named = words[0], "".join(f"「{w}」" for w in words)
            no_township = (f"无法确定所属乡镇：表中没有乡镇列，标题、工作表名和文件名中也没有乡镇名，文件夹名{named}不是完整的乡镇名，"
                           f"其他台账中也没有这样名字的乡镇（请把文件夹改名为「{word}乡」或「{word}镇」）")
            unplaced = {i for i, t in enumerate(columns["township"]) if not t}
            for i in unplaced:
                columns["township"][i], town_sources[i] = word, FOLDER_WORD_SOURCE
            result.folder_words = words
        else:
            problems.append([None if t else no_township for t in columns["township"]])

    # A row's reason is its first problem in field order, the missing township last.
    reasons: list[str | None] = [None] * n
    for col_problems in problems:
        for i, problem in enumerate(col_problems):
            if problem and reasons[i] is None:
                reasons[i] = problem
    if any(not t.section for t in ledger_totals):
        result.totals = check_totals(rows, table, record_rows, [r is not None for r in reasons], columns, ledger_totals,
                                     lambda f, cell: _measure(f, table, cell))
    def reject(i: int, reason: str) -> dict:
        r = record_rows[i]
        return {
            "source_file": source_file, "source_sheet": source_sheet, "source_row": r + 1,
            "ledger": ledger.name, "township": None if i in unplaced else columns["township"][i], "village": columns["village"][i],
            "reason": f"{reason}。" if not reason.endswith("。") else reason,
            "raw_cells": _raw_cells(rows[r], table, pii_cols),
        }

    for i, reason in enumerate(reasons):
        if reason is None:
            continue
        if merged_reasons.get(i) is reason or not_visited is not None and not_visited[i] is reason or reason is _SPENT or reason is SPENT_ROW:
            result.said_rejects += 1  # rejects by design, each saying why: no sign of a misread sheet
        result.breaks.append(record_rows[i])
        result.rejects.append(reject(i, reason))
    for i in sorted(unplaced):
        if reasons[i] is None:  # a record for now: its reject, should no township be named so
            result.folder_word_rejects[record_rows[i] + 1] = reject(i, no_township)
    if other_headers:
        first = min(other_headers)
        result.other_header = {"row": first + 1, "texts": _header_texts(rows[first])}
    result.unread_cells = unread_cells(side_problems, reasons, record_rows)
    if account and "balance_yuan" in fields and not fields["balance_yuan"].parts:
        # its rows of money spent (rejects, below) and balance lines move the balance as its records do
        result.balance_breaks = balance_breaks(rows, table, sorted({*record_rows, *account_lines}), account_lines)
    if result.rejects:
        keep = [i for i, reason in enumerate(reasons) if reason is None]
        columns = {name: [vals[i] for i in keep] for name, vals in columns.items()}
        record_rows = [record_rows[i] for i in keep]
        town_sources = [town_sources[i] for i in keep]
        village_sources = [village_sources[i] for i in keep]
    if ledger.name in ("visits", "roster"):
        result.unread_visit_dates = unread_visit_dates(rows, table, record_rows)
        result.unread_households = unread_households(rows, table, record_rows, columns.get("household_head"))
    if ledger.name == "visits":
        result.counts = visit_counts(rows, table, record_rows)
    elif ledger.name == "disputes":
        result.counts = dispute_counts(rows, table, record_rows)
    elif ledger.name == "projects":
        result.unread_farmland = unread_farmland(rows, table, record_rows)
    if record_rows:
        result.township_sources, result.village_sources = town_sources, village_sources
        n = len(record_rows)
        lineage = {"source_file": [source_file] * n, "source_sheet": [source_sheet] * n, "source_row": [r + 1 for r in record_rows]}
        defaults = {"is_poor": True} if table.poor_list else {}
        result.records = _finish({**lineage, **columns}, ledger, n, defaults)
        others = _other_cells(rows, table, record_rows, result.records)
        result.repeated_rows = repeated_rows(result.records, ledger, _descriptions(table, result.records, others),
                                             list(others.values()))
        result.merged_records = merged_records(result.records, table, others)
        if ledger.name in REPEAT_DESCRIPTIONS:
            result.unwritten = frozenset(
                f.name for f in ledger.fields
                if f.synonyms and f.stored and f.kind not in ("place", "derived") and f.name not in table.fields
                and f.name in result.records and len(set(result.records[f.name])) == 1)
        if ledger.name == "visits":
            result.unread_identity = tuple(
                label for label, unread in (("走访人", not any(result.records["cadre"])),
                                            ("走访形式", "visit_kind" not in table.fields)) if unread)
        if ledger.name == "funds":
            result.balances = carried_balances(result.records, {r + 1 for r in balance_lines})
            result.unreceived = unreceived_funds(rows, table, record_rows, pledged)
        result.void_remarks = void_remarks(rows, table, record_rows)
        if ledger.name == "disputes":
            result.outcome_remarks = outcome_remarks(rows, table, result.records)
        if voided and (under := [r for r in record_rows if r in voided]):
            found = result.void_remarks or {"rows": [], "records": 0, "remarks": [], "column": "分节标题"}
            lines = list(dict.fromkeys(redact(voided[r])[:20] for r in under))
            result.void_remarks = {**found, "rows": sorted({*found["rows"], *(r + 1 for r in under)})[:VOID_REMARKS_SHOWN],
                                   "records": found["records"] + len(under),
                                   "remarks": list(dict.fromkeys([*found["remarks"], *lines]))[:VOID_REMARKS_SHOWN]}
        result.other_township = other_township(result.records, town_sources, table.context)
        context = table.context
        result.other_village = other_village(result.records, village_sources,
                                             context.village if context.village_source == TITLE_SOURCE else None,
                                             context.filed_village, context.filed_village_source)
        if ledger.name == "projects":
            if (planned := _planned_named(table.title, source_sheet)) is not None and not section_status:
                section_status = dict.fromkeys(record_rows, ("planned", planned, "标题或工作表名"))  # a sheet of 计划实施项目
            result.unfinished = unfinished_projects(rows, table, record_rows, section_status)
            if (in_text := farmland_in_text(rows, table, record_rows, result.records)) is not None:
                result.unread_farmland = {**(result.unread_farmland or {"columns": [], "rows": 0}), "text": in_text}
        # 贫困户名单, or 非贫困户, or lines of their own saying so (一、贫困户 / 二、一般户) over the households but those
        # above the first such line
        said = table.poor_list or names_not_poor_list(table.title, source_sheet)
        resolved_by = resolved_by_date(ledger.name, fields, result.records)
        unsaid_n = n - len(section_poor) if "is_poor" not in fields else n
        if ledger.name == "disputes" and "outcome" not in fields:
            unsaid_n = sum(1 for r in record_rows if r not in section_status)
        result.unsaid = unsaid_columns(ledger.name, fields, said, unsaid_n - (resolved_by[1] if resolved_by else 0))
        if result.unsaid and resolved_by:
            result.unsaid["resolved_by"], result.unsaid["resolved"] = resolved_by
        if table.year is not None:
            result.other_years = dates_outside_year(result.records, ledger.name, table.year)
            result.year_turn = year_turn(result.records, ledger.name, completed, table.year)
        result.undated = undated_records(result.records, ledger.name)
        if ledger.name == "projects" and (completed := table.fields.get("completed_date")) is not None:
            # 已竣工 with no day: in the ledger's figures, in no period's — said as a record without its date is
            done = [r + 1 for r in record_rows if values.done_undated(_cell(rows[r], completed.index))]
            if done:
                result.undated = {"rows": done[:UNDATED_SHOWN], "records": len(done), "field": "竣工日期"}
    return result


# Fields no headline figure, period or identity rests on (家庭人口, 帮扶责任人, 慰问金, 投资额, 受益户数, 长度,
# 办结日期, 调处层级 …): a cell of one that cannot be read is left empty and said, the record kept — a project's 受益农田
# is not lost to its 受益户数 written 56户230人 — when such cells are few (``_isolated``). Every other field's
# problem makes the row a reject.
SIDE_FIELDS: dict[str, frozenset[str]] = {
    # A 村民小组 that cannot be read (3组、4组) only helps to match a household: left empty, the household is
    # matched by its village and name, or not at all where that name is there twice; never lost from the roster.
    # Nor is a household whose 户类型 cannot be read (残疾户, 危房户): counted as a blank cell counts (not poor,
    # or poor in a list of poor households), and said.
    "roster": frozenset({"members", "cadre", "group", "is_poor"}),
    "visits": frozenset({"cadre", "visit_kind", "relief_yuan", "group"}),
    "projects": frozenset({"project_type", "investment_yuan", "households_benefited", "length_m", "width_m"}),
    # A dispute mediated by the county (县级, 县信访局) is still one received, resolved or not: its level, none of
    # the three, is left empty (not settled locally), the dispute counted.
    "disputes": frozenset({"resolved_date", "level", "group"}),
}
UNREAD_CELLS_SHOWN = 5


# A column of units beside a quantity (金额 | 单位 with 万元 / 元 down the rows): its heading.
_UNIT_HEADING = re.compile(r"^(?:计量|金额|面积|长度|数量|资金)?单位$")


def units_beside(rows: list[list[object]], table: Table, first_row: int = 0) -> list[list[object]]:
    """``rows`` with each quantity of a column that has a 单位 column right beside it written with its row's unit
    (金额 5 | 单位 万元 → 「5万元」, read as 50000 — was 5 元), records and totals alike; the same rows when no such
    column holds units only (a 单位 column of 县交通局, 某公司 is the donors', left alone). A unit that cannot be
    converted (5美元) then makes the cell unreadable, said as any such cell is."""
    by_index = {c.index: c for c in table.columns}
    pairs = []
    for column in table.columns:
        if column.parts or column.field is None or column.field.kind not in _UNIT_BASE:
            continue
        beside = by_index.get(column.index + 1)
        if beside is None or beside.field is not None or not _UNIT_HEADING.match(beside.header or ""):
            continue
        units = {_compact(v) for row in rows[max(first_row, table.body_start):]
                 if isinstance(v := _cell(row, beside.index), str) and v.strip()}
        if units and all(is_unit(unicodedata.normalize("NFKC", u)) for u in units):
            pairs.append((column.index, beside.index))
    if not pairs:
        return rows
    out = list(rows)
    for r in range(max(first_row, table.body_start), len(rows)):
        row = rows[r]
        for quantity, unit in pairs:
            v, u = _cell(row, quantity), _cell(row, unit)
            if not isinstance(u, str) or not u.strip() or isinstance(v, bool) or not _is_plain_number(v):
                continue
            if out[r] is row:
                out[r] = row = list(row)
            row[quantity] = cell_text(v) + _compact(u)
    return out



# The unit each quantity kind is read in, as a problem names it.
_UNIT_BASE = {"amount": "元", "area": "亩", "length": "米"}


# A ditto mark: the cell says what the one above it says (同上, 〃), as a paper register writes a date, a cadre or a
# village again. Read as that cell (the record before), never guessed for a blank.
_DITTO = frozenset({"同上", "同上行", "〃", "〃〃", "″", "〞", '"', "''", "”", "“"})


def _dittoed(raw: list[object]) -> list[object]:
    """A column's cells, record by record, each ditto mark replaced by the cell of the record above (a first
    record's left as written, for its parser to refuse)."""
    if _DITTO.isdisjoint(raw):
        return raw
    out = list(raw)
    for i in range(1, len(out)):
        if out[i] in _DITTO:
            out[i] = out[i - 1]
    return out


def _unconverted(
    f: Field, unit: str, raw: list[object], parsed: list[object], problems: list[str | None] | None
) -> tuple[list[object], list[str | None] | None]:
    """A quantity column whose heading states a unit that cannot be converted (``Table.unconvertible``):
    nothing in it read; each cell that held a value says why (``投资额「300」的单位「美元」无法换算为元，不予计入``),
    a cell that held none keeps its own problem (or none)."""
    return _refused(parsed, raw, problems, lambda cell: (
        f"{_word(f)}「{cell_text(cell)[:30]}」的单位「{unit}」无法换算为{_UNIT_BASE[f.kind]}，不予计入"))


def _word(f: Field) -> str:
    """A field's label without its unit, as a problem names it: 投资额, not 投资额（元）."""
    return f.label.split("（")[0]


def _refused(parsed: list[object], raw: list[object], problems: list[str | None] | None, why) -> tuple[list[object], list[str | None] | None]:
    """A column's values with each read cell ``why(cell)`` refuses (a reason, or None to keep it) taken back: left
    unread, its reason in place of none; the others, and the problems of cells not read, as they were."""
    out_values, out_reasons = list(parsed), list(problems or [None] * len(raw))
    for i, (v, cell) in enumerate(zip(parsed, raw, strict=True)):
        if v is not None and (reason := why(cell)) is not None:
            out_values[i], out_reasons[i] = None, reason
    return out_values, (out_reasons if any(out_reasons) else None)


# A count of people where households are counted (受益户数 56人, or a column headed 受益户数（人）).
_PERSON_UNITS = frozenset({"人", "口", "人次"})
_PERSONS = re.compile(r"^[0-9.,一二三四五六七八九十百千万余多约近]+(?:人次|人|口|名|\((?:人次|人|口|名)\))$")


def _persons_not_households(
    f: Field, whole: bool, raw: list[object], parsed: list[object], problems: list[str | None] | None
) -> tuple[list[object], list[str | None] | None]:
    """受益户数 cells that count people (``56人``; every cell when ``whole``, the heading saying 人): not read —
    ``受益户数「56人」是人数，不是户数，不予计入`` — the rest as parsed. Households benefited are households."""
    def why(cell: object) -> str | None:
        text = _compact(unicodedata.normalize("NFKC", cell)) if isinstance(cell, str) else ""
        return f"{_word(f)}「{cell_text(cell)[:30]}」是人数，不是户数，不予计入" if whole or _PERSONS.match(text) else None

    return _refused(parsed, raw, problems, why)


def _isolated(col_problems: list[str | None]) -> bool:
    """A side column's unreadable cells are few enough to be slips: as many as would flag a sheet misread
    (``health.FLAG_REJECT_SHARE`` of its rows, two at least) say the column or the sheet is read wrong, and
    make their rows rejects as any field's problems do (a form's visit table read as a roster's rows)."""
    bad = sum(1 for problem in col_problems if problem)
    return bad < FLAG_MIN_REJECTS or bad / len(col_problems) <= FLAG_REJECT_SHARE


def unread_cells(side_problems: list[list[str | None]], reasons: list[str | None], record_rows: list[int]) -> dict | None:
    """The records (not the rejects) with a side field's cell that could not be read, left empty:
    ``{"records": 1, "examples": ["第5行受益户数「全村」无法识别"]}`` (``UNREAD_CELLS_SHOWN`` at most, by
    their 1-based rows: each column's first, then the first records' own), or None.

    >>> unread_cells([[None, "受益户数「全村」无法识别"]], [None, None], [2, 4])
    {'records': 1, 'examples': ['第5行受益户数「全村」无法识别']}
    """
    found: dict[int, tuple[int, str]] = {}  # record -> (column, problem): its first
    examples: dict[tuple[int, int], str] = {}  # (record, column) -> problem: each column's first
    for c, col_problems in enumerate(side_problems):
        first = True
        for i, problem in enumerate(col_problems):
            if problem and reasons[i] is None:
                found.setdefault(i, (c, problem))
                if first and len(examples) < UNREAD_CELLS_SHOWN:
                    examples[i, c] = problem
                first = False
    if not found:
        return None
    for i in sorted(found):
        if len(examples) >= UNREAD_CELLS_SHOWN:
            break
        examples.setdefault((i, found[i][0]), found[i][1])
    return {"records": len(found), "examples": [f"第{record_rows[i] + 1}行{examples[i, c]}" for i, c in sorted(examples)]}


# A column saying whether a donation has come in (是否到位, 到位情况, 是否到账), and what says it has not.
_RECEIVED_HEADING = re.compile(r"到位|到账|拨付")
_NOT_RECEIVED = re.compile(r"^(?:否|×|✗|✘|n|no|未|没有|尚未)$|未到|没到|尚未|部分到|待到|未拨|未兑现|欠")
UNRECEIVED_SHOWN = 5


def unreceived_funds(rows: list[list[object]], table: Table, record_rows: list[int],
                     pledged: dict[int, object] | None = None) -> dict | None:
    """Funds records that a 是否到位 (到位情况, 是否到账) column, not the amount's own, says have not come in —
    否, 未到位, 部分到位 (a blank says nothing): ``{"rows": [4], "records": 1, "column": "是否到位"}`` (rows 1-based,
    at most ``UNRECEIVED_SHOWN``) — or a line of its own above them (``pledged``: 二、认捐未到位; column None) —,
    or None. Counted still: the sheet's flag says so."""
    if pledged and (found := [r + 1 for r in record_rows if r in pledged]):
        return {"rows": found[:UNRECEIVED_SHOWN], "records": len(found), "column": None}
    amount = table.fields.get("amount_yuan")
    for column in table.columns:
        if column is amount or column.parts or not _RECEIVED_HEADING.search(column.header or ""):
            continue
        if column.field is not None and column.field.stored:  # 拨付单位 is the source, 到位金额 an amount
            continue
        found = [r + 1 for r in record_rows
                 if isinstance(v := _cell(rows[r], column.index), str)
                 and _NOT_RECEIVED.search(_compact(v).lower()) is not None]
        if found:
            return {"rows": found[:UNRECEIVED_SHOWN], "records": len(found), "column": column.header}
    return None


# A visit log's column saying whether the visit was made (是否走访, 走访情况, 是否入户), and what says it was not:
# 否 (of a 是否 column), 未走访, 未入户, 待走访 — in such a column or the 走访形式 one. Nobody at home (家中无人)
# is a visit made, as the offices count it.
_VISITED_HEADING = re.compile(r"是否已?(?:走访|入户|到户|上门|见面)|(?:走访|入户)(?:情况|结果|状态|与否)")
_NO_ANSWER = re.compile(r"^(?:否|×|✗|✘|未|没有|无|no|n)$")
# (拟走访, 准备入户: planned; 取消: called off — were counted as visits)
_NOT_VISITED = re.compile(r"^(?:(?:尚?未|没有?|待|计划|拟|准备|预计|将)(?:走访|入户|到户|上门|访)|(?:已?取消)(?:走访|入户)?$)")


def visits_not_made(rows: list[list[object]], table: Table, record_rows: list[int],
                    sections: dict[int, str] | None = None) -> list[str | None] | None:
    """Each record's reason to be a reject when its own row says the visit was not made — its 是否走访 (走访情况,
    是否入户) column or 走访形式 cell: ``「是否走访」写明没有走访（填的是「否」），不计入走访`` — or a line of its own
    above it does (``sections``: 二、未走访户) — else None; None when nothing says so. A visit log listing households
    with the visits ticked, or planned, has such rows."""
    kind = table.fields.get("visit_kind")
    columns = [c for c in table.columns if not c.parts and (
        c is kind or (c.field is None or not c.field.stored) and _VISITED_HEADING.search(c.header or ""))]
    reasons: list[str | None] = [None] * len(record_rows)
    for column in columns:
        answers = column is not kind and column.header.startswith("是否")
        for i, r in enumerate(record_rows):
            v = _cell(rows[r], column.index)
            if reasons[i] is None and isinstance(v, str) and (said := _says_not_visited(v, answers)) is not None:
                reasons[i] = f"「{column.header}」写明没有走访（填的是「{said}」），不计入走访"
    if sections:
        for i, r in enumerate(record_rows):
            if reasons[i] is None and r in sections:
                reasons[i] = f"分节标题「{redact(sections[r])[:20]}」写明没有走访，不计入走访"
    return reasons if any(reasons) else None


# A line of its own saying the rows under it should not count: 以下作废, 下列重复, 作废记录 (any ledger); a roster's
# households gone (二、已迁出户, 已销户, 死亡户, 注销户).
_VOID_LINE = re.compile(r"(?:以下|下列|下面)?(?:均|各行)?(?:作废|无效|重复登记|重复|不计入?|删除)(?:的?(?:记录|行|部分))?")
_GONE_LINE = re.compile(r"(?:已|整户|全户)?(?:迁出|外迁|销户|注销|死亡|已故)(?:的)?(?:户|农户|户名单|人员)?")


def _void_line(text: str, ledger: str) -> bool:
    """Whether a line of its own says the rows under it should not count (以下作废; a roster's 二、已迁出户)."""
    bare = _COUNT_NOTE.sub("", _section_bare(text))
    return bool(bare) and len(bare) <= 12 and (
        _VOID_LINE.fullmatch(bare) is not None or ledger == "roster" and _GONE_LINE.fullmatch(bare) is not None)


def _section_kind(text: str) -> str | None:
    """The dispute type a line of its own names for the disputes below it (一、山林纠纷, （二）婚姻家庭纠纷), else None."""
    bare = _COUNT_NOTE.sub("", _section_bare(text))
    if not 2 <= len(bare) <= 12 or not bare.endswith(("纠纷", "矛盾", "类")):
        return None
    kind = values.parse_dispute_type(bare)
    return kind if kind != "other" else None


# A visit log's line of its own heading households not visited (二、未走访户, 未入户农户名单), or visited (一、已走访户).
_UNVISITED_LINE = re.compile(r"(?:尚?未|没有?|待|计划|拟)(?:走访|入户|到户|上门)(?:的)?(?:户|农户|对象|名单|户名单|农户名单)?")
_VISITED_LINE = re.compile(r"已(?:走访|入户|到户)(?:的)?(?:户|农户|对象|名单|户名单|农户名单)?")


def _visited_line(row: list[object]) -> bool | None:
    """False for a visit log's line of its own heading households not visited (二、未走访户), True for one heading those
    visited, else None."""
    text = lone_text(row)
    if text is None or len(text) > 24:
        return None
    bare = _COUNT_NOTE.sub("", _section_bare(text))
    return False if _UNVISITED_LINE.fullmatch(bare) else True if _VISITED_LINE.fullmatch(bare) else None


@lru_cache(maxsize=4096)
def _says_not_visited(cell: str, answers: bool) -> str | None:
    """The cell's words (redacted, spaces removed) when they say no visit was made (``answers``: 否 too, in a
    是否 column), else None. Once per distinct cell: a 走访形式 column repeats a few words down every row."""
    text = _compact(cell)
    if text and (_NOT_VISITED.match(text) or answers and _NO_ANSWER.match(text.lower())):
        return redact(text)[:20]
    return None


# A column of the year each row is of (年度 | 走访日期 with 2010 | 3月5日): it completes a date written without one.
_YEAR_HEADING = re.compile(r"^(?:年度|年份|年)$")
_YEAR_CELL = re.compile(r"^((?:19|20)[0-9]{2})年?度?$")


def _row_years(rows: list[list[object]], table: Table, record_rows: list[int]) -> list[int | None] | None:
    """Each record's year as a 年度 (年份) column not otherwise read says it (2010, 2010年), else None; None when
    the table has no such column or it says no year."""
    column = next((c for c in table.columns if c.field is None and not c.parts and _YEAR_HEADING.match(c.header or "")),
                  None)
    if column is None:
        return None
    years: list[int | None] = []
    for r in record_rows:
        v = _cell(rows[r], column.index)
        year = None
        if isinstance(v, int | float) and not isinstance(v, bool) and v == v and v == int(v) and 1990 <= v <= 2100:
            year = int(v)
        elif isinstance(v, str) and (m := _YEAR_CELL.match(_compact(unicodedata.normalize("NFKC", v)))):
            year = int(m.group(1))
        years.append(year)
    return years if any(years) else None


def _month_day(value: object) -> object:
    """A date as a cell formatted without its year shows it (``3月5日``); anything else as it is."""
    if isinstance(value, dt.date):  # a datetime too
        return f"{value.month}月{value.day}日"
    return value


def rival_columns(
    rows: list[list[object]], record_rows: list[int], table: Table, f: Field, column: Column, parsed: list[object]
) -> dict | None:
    """When another column names the same summed quantity as ``column`` (``Column.rivals``: 金额 beside 调整后金额,
    捐款金额 beside 到位金额) and their numbers differ in some record's row: ``{"field": …, "column": the heading
    read, "others": the others' headings, "rows": how many rows differ}``, else None. Each read as its own
    heading's unit says (a column hidden in Excel is no rival of one seen: ``recognise.claim_columns``); where a
    heading repeats or a column is hidden, each is named by its letter too, the hidden one said so."""
    by_index = {c.index: c for c in table.columns}
    read = [v[0] if isinstance(v, tuple) else v for v in parsed]
    others, differ = [], set()
    for index in column.rivals:
        rival = dataclasses.replace(by_index[index], field=f)
        theirs = _parsed_values(f.kind, table.scale(rival), [_cell(rows[r], index) for r in record_rows])
        for i, ((v, _), mine) in enumerate(zip(theirs, read, strict=True)):
            v = v[0] if isinstance(v, tuple) else v
            if (v is None) != (mine is None) or v is not None and abs(v - mine) > 0.005:
                differ.add(i)
        others.append(rival)
    if not differ:
        return None
    # The same heading twice (金额（元） | 金额（元）), or a column hidden in Excel: each named by its letter too.
    lettered = len({_heading(c) for c in (column, *others)}) <= len(others) or bool(table.hidden_cols)
    return {"field": f.label, "column": _placed_heading(column, table.hidden_cols, lettered),
            "others": [_placed_heading(c, table.hidden_cols, lettered) for c in others], "rows": len(differ)}


def _placed_heading(column: Column, hidden: frozenset[int], lettered: bool) -> str:
    """A column's heading (``_heading``) with its letter where headings alone cannot tell it, and whether it is
    hidden in Excel: 金额（元）（C列，已隐藏）."""
    heading = _heading(column)
    if not lettered:
        return heading
    return f"{heading}（{column_letter(column.index)}列{'，已隐藏' if column.index in hidden else ''}）"


def _heading(column: Column) -> str:
    """A column's heading as written, its unit with it: 金额（万元）."""
    return f"{column.header}（{column.unit}）" if column.unit else column.header


OTHER_TOWNSHIP_SHOWN = 5


def other_township(records: dict[str, list], sources: list, context: PlaceContext) -> dict | None:
    """Records whose township (from the title, sheet name or a 乡镇 column) is not the one the file's name or
    folder names (``PlaceContext.filed_township``; 葛坳乡 and 葛坳镇 are one): ``{"rows": [3], "records": 1,
    "townships": ["黄坑乡"], "sources": ["标题"], "filed": "葛坳乡", "filed_source": "文件夹名"}`` (rows 1-based, at
    most ``OTHER_TOWNSHIP_SHOWN``), or None. Counted where they say: the sheet's flag asks which is right."""
    filed = context.filed_township
    if filed is None:
        return None
    stem = township_stem(filed)
    others = {t for t in set(records["township"]) if t and township_stem(t) != stem}
    if not others:
        return None
    found = [(row, t, s) for row, t, s in zip(records["source_row"], records["township"], sources, strict=True)
             if t in others]
    if not found:
        return None
    return {"rows": [row for row, _, _ in found[:OTHER_TOWNSHIP_SHOWN]], "records": len(found),
            "townships": list(dict.fromkeys(t for _, t, _ in found)), "sources": list(dict.fromkeys(s for _, _, s in found)),
            "filed": filed, "filed_source": context.filed_source}


def other_village(records: dict[str, list], sources: list, title_village: str | None, filed: str | None,
                  filed_source: str | None) -> dict | None:
    """Records counted in the village the title names (``title_village``, or None where the title names none) where
    the sheet's, file's or a folder's name names another (``filed``: ``PlaceContext.filed_village``, or a bare tab
    word the whole clean resolves, ``clean._other_village_by_word``): ``{"rows": [3], "records": 1, "villages":
    ["澄江村"], "filed": "桥头村", "filed_source": "工作表名"}`` (rows 1-based, at most ``OTHER_TOWNSHIP_SHOWN``), or None.
    Counted in the title's village, as the title comes first; the sheet's flag asks which is right. A village
    column's own villages are never compared (a township's list in a village's folder names its villages)."""
    if filed is None or title_village is None or title_village == filed:
        return None
    found = [row for row, v, s in zip(records["source_row"], records["village"], sources, strict=True)
             if s == TITLE_SOURCE and v == title_village]
    if not found:
        return None
    return {"rows": found[:OTHER_TOWNSHIP_SHOWN], "records": len(found), "villages": [title_village],
            "filed": filed, "filed_source": filed_source}


# A remark saying its record should not count, the row left in rather than deleted: the whole remark a word of
# it (作废, 重复, 取消, 不计 …), or anywhere a phrase no record's own note would hold (重复登记, 与第5行重复, 不计入,
# 已退回), or its ledger's (a project 未实施 or 停建: no farmland benefited; a household 已迁出 or 销户: none to
# visit; a donation 未到位). Not after 不, 无, 非, 未, 没 (不重复计入, 未作废).
_VOID_WORDS = r"作废|删除|删去|撤销|撤回|取消|退回|退还|重复|不计|不计入|不统计|不算"
_VOID_WHOLE = re.compile(
    rf"^(?:已|此条|此笔|此项|此户|该条|该笔|该项|该户|本条|本笔|本项|本户)?(?:已经?)?(?:{_VOID_WORDS}|"
    r"未实施|未开工|停建|迁出|销户|注销)了?$"
)
_VOID_PHRASE = re.compile(
    r"作废|无效登记|重复(?:登记|录入|填报|统计|上报|计算|计入|记录)|与第?\d+行重复|不计入|不予计入|不计算在内|"
    r"不纳入统计|不统计|已退回|已退还|退款|撤资"
)
_VOID_BY_LEDGER = {
    "projects": re.compile(r"未实施|未开工|未动工|停建|项目取消|已取消|取消实施|撤项"),
    # A member moving out (儿子已迁出) is no household gone: the whole household, or the remark alone (已迁出).
    # (整户死亡, 退出帮扶, 不再帮扶: no longer a household assigned — were counted, nothing said)
    "roster": re.compile(r"(?:全户|整户|全家|举家)(?:已经?)?(?:迁出|外迁|迁走|死亡|去世|亡故)|销户|户已注销|户口已?注销|户已销"
                         r"|(?:退出|取消|终止|移出|调出)(?:帮扶|结对|包扶)(?:名单|对象)?|不再(?:帮扶|结对|包扶)"),
    # a visit its remark says was not made, or only planned (未走访, 此户未入户, 拟走访: were counted, nothing said)
    "visits": re.compile(r"(?:尚?未|没有?|待|计划|拟|准备)(?:走访|入户|到户|上门)"),
    # pledged, not yet in (拟捐, 意向捐款, 口头承诺, 认捐, 待到位: were counted, nothing said) — unless it came (认捐已到位)
    "funds": re.compile(r"未到位|未到账|尚未到|未拨付|未兑现|待到位|待到账|待拨付|拟捐|意向|口头承诺|承诺(?:捐|出资|资助)|认捐|计划捐"),
}
# A donation lent, to be paid back (借款, 银行贷款, 此款系暂借, 垫付, 县交通局借给, 需归还: were counted, nothing said), come in
# or not (借款已到账) — not a remark of what the money paid for (用于偿还借款), nor a grant towards a loan's interest (贷款贴息).
_LENT = re.compile(r"^(?:银行|信用社)?(?:借款|贷款(?!贴息)|暂借|借入|借支|垫付|垫资)"
                   r"|(?:系|为|属于?|是)(?:银行|信用社)?(?:借款|贷款(?!贴息)|暂借|借入|垫付|垫资)|借给|(?:需|须|待|应)(?:归还|偿还|还款)")
_CAME_IN = re.compile(r"已(?:经)?(?:到位|到账|拨付|兑现|缴纳|入账|收到)")
_NEGATION = "不无非未没"
VOID_REMARKS_SHOWN = 5


@lru_cache(maxsize=4096)
def _says_void(remark: str, ledger: str) -> bool:
    """Whether a remark (spaces removed) says its record should not count: see ``_VOID_WHOLE``."""
    text = remark.rstrip("。.；;！!")
    if _VOID_WHOLE.match(text):
        return True
    for pattern in (_VOID_PHRASE, _VOID_BY_LEDGER.get(ledger), _LENT if ledger == "funds" else None):
        if pattern is None or pattern is _VOID_BY_LEDGER.get("funds") and _CAME_IN.search(text):
            continue
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 2):m.start()]
            if not any(ch in _NEGATION for ch in before) or m.group(0)[0] in _NEGATION:
                return True
    return False


OUTCOME_REMARKS_SHOWN = 5


def outcome_remarks(rows: list[list[object]], table: Table, records: dict[str, list]) -> dict | None:
    """Disputes read as resolved from their 调处结果 whose 备注 says otherwise — read with the result as one cell would
    be (已化解，一方反悔: not resolved; 已化解，协议未履行; 已调处，已移交法院: referred): ``{"rows": [5], "records": 1,
    "remarks": ["一方反悔"]}`` (rows 1-based, the remarks as written, at most ``OUTCOME_REMARKS_SHOWN`` of each), or
    None. Counted as resolved still (the result column says so): the sheet's flag says which to believe is the
    analyst's to decide. A remark of what followed (待回访, 已结案, 双方满意) says nothing against it."""
    remark, result = table.fields.get("remark"), table.fields.get("outcome")
    if remark is None or result is None or remark.parts or result.parts:
        return None
    found: list[int] = []
    said: list[str] = []
    for row, outcome in zip(records["source_row"], records["outcome"], strict=True):
        cells = rows[row - 1]
        if outcome != "resolved" or not isinstance(note := _cell(cells, remark.index), str) or not (text := _compact(note)):
            continue
        given = _cell(cells, result.index)
        if _contradicts(f"{_compact(given) if isinstance(given, str) else ''}，{text}"):
            found.append(row)
            if text not in said:
                said.append(text)
    if not found:
        return None
    return {"rows": found[:OUTCOME_REMARKS_SHOWN], "records": len(found),
            "remarks": [redact(t)[:20] for t in said[:OUTCOME_REMARKS_SHOWN]]}


@lru_cache(maxsize=4096)
def _contradicts(text: str) -> bool:
    """Whether a dispute's result and remark read as one cell (已化解，一方反悔) say it is not resolved."""
    try:
        return values.parse_outcome(text) in ("unresolved", "referred")
    except values.ValueProblem:
        return False


def void_remarks(rows: list[list[object]], table: Table, record_rows: list[int]) -> dict | None:
    """Records whose 备注 says they should not count (``_says_void``: 作废, 重复登记, 已迁出, 未实施 …):
    ``{"rows": [5], "records": 1, "remarks": ["作废"]}`` (rows 1-based and the distinct remarks, at most
    ``VOID_REMARKS_SHOWN`` of each), or None. Counted still: the sheet's flag says so, the analyst decides."""
    remark = table.fields.get("remark")
    ledger = table.ledger.name
    # A roster's household cell noting the same in brackets (李四（已销户）, 张三（已迁出）): read as 李四, and said.
    head = table.fields.get("household_head") if ledger == "roster" else None
    found: list[int] = []
    remarks: list[str] = []
    said_in: list[str] = []
    for column, read in ((remark, _compact), (head, _head_note)):
        if column is None or column.parts:
            continue
        at = column.index
        cells = [rows[r][at] if at < len(rows[r]) else None for r in record_rows]
        # Each distinct text judged once (a household's only where it holds a bracket): the words that void it.
        voiding = {v: text for v in {c for c in cells if type(c) is str and (column is remark or ")" in c or "）" in c)}
                   if (text := read(v)) and _says_void(text, ledger)}
        if not voiding:
            continue
        for r, v in zip(record_rows, cells, strict=True):
            if (text := voiding.get(v)) is not None and r + 1 not in found:
                found.append(r + 1)
                if text not in remarks:
                    remarks.append(text)
                if (where := "备注" if column is remark else column.header) not in said_in:
                    said_in.append(where)
    if not found:
        return None
    out = {"rows": sorted(found)[:VOID_REMARKS_SHOWN], "records": len(found),
           "remarks": [redact(t)[:30] for t in remarks[:VOID_REMARKS_SHOWN]]}
    if said_in != ["备注"]:
        out["column"] = "和".join(said_in)
    return out


_HEAD_NOTE = re.compile(r"[(（]([^()（）]{1,8})[)）]$")


def _head_note(cell: str) -> str:
    """The note a household cell closes with in brackets (李四（已销户） → 已销户), else ""."""
    m = _HEAD_NOTE.search(cell.strip())
    return _compact(m.group(1)) if m else ""


# A project's progress column (建设进度, 实施情况, 项目状态, 是否完工), and the answers of a 是否 one that say no.
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%")
_PROGRESS_HEADING = re.compile(r"进度|进展|状态|实施情况|完成情况|建设情况|完工情况|竣工情况|是否(?:完工|竣工|完成|建成|实施)")
_NO = re.compile(r"^(?:否|×|✗|✘|未|没有|no|n)$")
UNFINISHED_SHOWN = 5


# A project's 备注 saying it is planned, beyond what a completion cell says (计划实施, 明年实施, 前期准备)
_PLANNED_REMARK = re.compile(r"^(?:计划(?:实施|建设|开工|于)|(?:明年|下年|来年|下半年|年底前)(?:实施|建设|开工|完成)|前期(?:准备|工作))")


def unfinished_projects(rows: list[list[object]], table: Table, record_rows: list[int],
                        sections: dict[int, tuple[str, ...]] | None = None) -> dict | None:
    """Projects whose 竣工时间 (``values.NOT_COMPLETED``: 在建, 未竣工, 未开工, 取消 …, read as no completion date) or
    progress column (建设进度, 是否完工: those words, or 否; a share done under 100%: 完成60%, 0.6) says they are not completed: ``{"rows": [4], "records":
    1, "column": "竣工时间", "said": ["在建"]}`` (rows 1-based, the column first found, at most ``UNFINISHED_SHOWN``
    rows and distinct answers), or None. Counted still — their 受益农田 and 投资额 among the figures of a ledger
    read whole: the sheet's flag says so."""
    completed = table.fields.get("completed_date")
    remark = table.fields.get("remark")  # 备注 在建, 拟建, 计划实施 (were counted, nothing said)
    columns = [c for c in table.columns if not c.parts and (
        c is completed or c is remark or (c.field is None or not c.field.stored) and _PROGRESS_HEADING.search(c.header or ""))]
    found: dict[int, str] = {}
    heading = None
    for column in columns:
        yes_no = column.header.startswith("是否")
        # 建设进度: 完成60%, or 0.6 in a cell formatted as a percentage
        progress = column is not completed and column is not remark and not yes_no
        for r in record_rows:
            v = _cell(rows[r], column.index)
            if r in found:
                continue
            if progress and type(v) is float and 0 < v < 1:
                found[r] = f"{v:.0%}"
                heading = heading or column.header
                continue
            if not isinstance(v, str) or not (text := _compact(v)):
                continue
            if (values.NOT_COMPLETED.match(text) or yes_no and _NO.match(text.lower())
                    or column is remark and _PLANNED_REMARK.match(text)
                    or progress and (share := _PERCENT.search(unicodedata.normalize("NFKC", text))) and float(share.group(1)) < 100):
                found[r] = text
                heading = heading or column.header
    # Under a line of its own saying so (二、计划实施项目), or on a sheet named so: not done, whatever its cells say
    where = None
    for r in record_rows:
        if r not in found and sections and sections.get(r, ("",))[0] == "planned":
            found[r] = sections[r][1]
            where = where or (sections[r][2] if len(sections[r]) > 2 else "分节标题")
    if not found:
        return None
    said = list(dict.fromkeys(found[r] for r in sorted(found)))
    return {"rows": [r + 1 for r in sorted(found)[:UNFINISHED_SHOWN]], "records": len(found), "column": heading,
            "said": [redact(t)[:20] for t in said[:UNFINISHED_SHOWN]], **({"where": where} if heading is None else {})}


# The date that places a record in a period, by ledger (a project's completion may fall in a later year).
_PERIOD_DATE = {"visits": ("visit_date", "走访日期"), "funds": ("date", "日期"), "disputes": ("received_date", "受理日期")}
OTHER_YEARS_SHOWN = 5


UNDATED_SHOWN = 5


def undated_records(records: dict[str, list], ledger: str) -> dict | None:
    """Funds or disputes records without the date that places them in a period (``_PERIOD_DATE``; a visit's is
    required, a project's completion may be blank by design): ``{"rows": [4], "records": 1, "field": "日期"}``
    (rows 1-based, at most ``UNDATED_SHOWN``), or None. A figure of the whole counts them, one of a period cannot.

    >>> undated_records({"source_row": [3, 4], "date": [None, None]}, "funds")
    {'rows': [3, 4], 'records': 2, 'field': '日期'}
    """
    if ledger not in ("funds", "disputes"):
        return None
    name, heading = _PERIOD_DATE[ledger]
    rows = [row for row, d in zip(records["source_row"], records.get(name) or [None] * len(records["source_row"]),
                                  strict=True) if not isinstance(d, dt.date)]
    if not rows:
        return None
    return {"rows": rows[:UNDATED_SHOWN], "records": len(rows), "field": heading}


def dates_outside_year(records: dict[str, list], ledger: str, year: int) -> dict | None:
    """Records whose period date falls outside the ``year`` their sheet names: ``{"rows": [4], "records":
    1, "year": 2011, "field": "日期", "years": [2001]}`` (rows 1-based, at most ``OTHER_YEARS_SHOWN``), or None.

    >>> import datetime as dt
    >>> dates_outside_year({"source_row": [3, 4], "date": [dt.date(2011, 3, 5), dt.date(2001, 3, 6)]}, "funds", 2011)
    {'rows': [4], 'records': 1, 'year': 2011, 'field': '日期', 'years': [2001]}
    """
    name, heading = _PERIOD_DATE.get(ledger, (None, None))
    dates = records.get(name) if name else None
    if not dates:
        return None
    outside = [(row, d.year) for row, d in zip(records["source_row"], dates, strict=True)
               if isinstance(d, dt.date) and d.year != year]
    if not outside:
        return None
    return {"rows": [row for row, _ in outside[:OTHER_YEARS_SHOWN]], "records": len(outside), "year": year,
            "field": heading, "years": sorted({y for _, y in outside})}


@lru_cache(maxsize=4096)
def _relief_text(text: str) -> object:
    return values.relief_text(text)


_COMPLETED_MONTH = re.compile(r"^[0-9]{4}年([0-9]{1,2})月")


def _date_years(raw: list[object], row_years: list[int | None] | None,
                span: tuple[int, int, int, int] | None) -> tuple[list[int | None] | None, bool]:
    """Each row's year for its date written without one — its 年度 column's, else the title's span's
    (``_span_years``) — and whether they came from the span; (None, False) when neither says."""
    if row_years is not None:
        return row_years, False
    years = _span_years(raw, span)
    return years, years is not None


def _span_years(raw: list[object], span: tuple[int, int, int, int] | None) -> list[int | None] | None:
    """Each date's year on a sheet of a span across the turn of a year (``Table.year_span``: 2011年12月至2012年2月):
    the first year for a date written without its year in the span's first months (「12月28日」), the next for one
    in its last (「1月5日」), None for any other (a month outside the span is not guessed); None without a span.

    >>> _span_years(["12月28日", "1月5日", "6月1日", "2012年1月9日", None], (2011, 12, 2012, 2))
    [2011, 2012, None, None, None]
    """
    if span is None:
        return None
    first, start, second, end = span
    out: list[int | None] = []
    for v in raw:
        completed = values.date_with_year(v, first) if isinstance(v, str) else v
        m = _COMPLETED_MONTH.match(completed) if isinstance(completed, str) and completed != v else None
        month = int(m.group(1)) if m else None
        out.append(None if month is None else first if month >= start else second if month <= end else None)
    return out


def year_turn(records: dict[str, list], ledger: str, completed: set[int], year: int) -> dict | None:
    """Dates written without their year (rows ``completed``, the ``year`` a title names taken) that go from
    November or December back to January or February down the rows: a round across the turn of a year,
    one side of it read in the wrong year. ``{"rows": [the last late-year row, the first early-year row after
    it], "months": theirs, "records": the year-less dates in those months, "year": 2011, "field": "走访日期"}``,
    or None. A log of a whole year, January first, never goes back.

    >>> import datetime as dt
    >>> year_turn({"source_row": [3, 4, 5], "visit_date": [dt.date(2011, 12, 28), dt.date(2011, 12, 30),
    ...            dt.date(2011, 1, 5)]}, "visits", {3, 4, 5}, 2011)
    {'rows': [4, 5], 'months': [12, 1], 'records': 3, 'year': 2011, 'field': '走访日期'}
    >>> year_turn({"source_row": [3, 4], "visit_date": [dt.date(2011, 1, 5), dt.date(2011, 12, 28)]}, "visits",
    ...           {3, 4}, 2011) is None
    True
    """
    name, heading = _PERIOD_DATE.get(ledger, (None, None))
    dates = records.get(name) if name and completed else None
    if not dates:
        return None
    dated = [(row, d.month) for row, d in zip(records["source_row"], dates, strict=True)
             if row in completed and isinstance(d, dt.date)]
    turn = next(((a, b) for (a, ma), (b, mb) in itertools.pairwise(dated) if ma >= 11 and mb <= 2), None)
    if turn is None:
        return None
    months = dict(dated)
    return {"rows": list(turn), "months": [months[r] for r in turn],
            "records": sum(1 for _, m in dated if m >= 11 or m <= 2), "year": year, "field": heading}


# Columns whose absence a headline figure would hide: the field, its heading and the default every record
# then takes, in the analyst's words (``_DEFAULTS``).
_UNSAID = {"disputes": ("outcome", "调处结果", "调处中"), "roster": ("is_poor", "是否贫困户", "非贫困户")}


def unsaid_columns(ledger: str, fields, poor_list: bool, records: int) -> dict | None:
    """A disputes list with no 调处结果 column (every dispute 调处中: the resolution rate 0) or a roster
    with no 是否贫困户 column that does not say whether it lists poor households (``poor_list``: 贫困户名单, or
    非贫困户, as the title or sheet name says) — every household not poor:
    ``{"field": "调处结果", "as": "调处中", "records": n}`` for the sheet's flag, or None.

    >>> unsaid_columns("disputes", {"received_date": 1, "dispute_type": 2}, False, 4)
    {'field': '调处结果', 'as': '调处中', 'records': 4}
    >>> unsaid_columns("roster", {"household_head": 1}, True, 4) is None  # a poor list: all poor, said
    True
    """
    if ledger not in _UNSAID or not records:
        return None
    name, heading, default = _UNSAID[ledger]
    if name in fields or (name == "is_poor" and poor_list):
        return None
    return {"field": heading, "as": default, "records": records}


# A date column whose heading says the dispute was resolved (化解时间, 调结日期, 调解成功时间), not only handled
# (办结时间, 结案时间: a case is closed referred or failed too) nor mediated (调处时间).
_RESOLVED_DATE = re.compile(r"化解|调结|(?:调处|调解|化解)成功")


def resolved_by_date(ledger: str, fields, records: dict[str, list]) -> tuple[str, int] | None:
    """A disputes list with no 调处结果 column whose date column's heading says resolved (化解时间): each dispute
    with a date there resolved (``records["outcome"]`` set in place), the rest 调处中 as before —
    ``(heading, disputes resolved)``, or None (an outcome column, or a date heading that does not say so).

    >>> class C: header = "化解时间"
    >>> r = {"outcome": ["pending", "pending"], "resolved_date": [dt.date(2011, 3, 5), None]}
    >>> resolved_by_date("disputes", {"resolved_date": C}, r), r["outcome"]
    (('化解时间', 1), ['resolved', 'pending'])
    >>> C.header = "办结时间"
    >>> resolved_by_date("disputes", {"resolved_date": C}, r) is None
    True
    """
    column = fields.get("resolved_date") if ledger == "disputes" and "outcome" not in fields else None
    heading = _compact(column.header) if column is not None else ""
    if not _RESOLVED_DATE.search(heading) or re.search(r"[未不没否]", heading):
        return None
    dated = [isinstance(d, dt.date) for d in records["resolved_date"]]
    records["outcome"] = ["resolved" if d else o for d, o in zip(dated, records["outcome"], strict=True)]
    return column.header, sum(dated)


# A funds row saying it is a balance, not money raised: 上年结转, 上年结余, 期初余额, 年初结存 (a cash book's
# first line), as the whole of its 来源 or 用途.
_BALANCE = re.compile(
    r"^(?:上年度?|去年|上期|前期|往年|以前年度|年初|期初|上月|上季度?)(?:结转|结余|余额|转入|滚存|结存|节余)(?:资金|金额|款项?|数)?$"
    r"|^(?:期初|年初)(?:余额|数|金额)$"
)
BALANCES_SHOWN = 5


def carried_balances(records: dict[str, list], under_lines: set[int] = frozenset()) -> dict | None:
    """Funds records whose 来源 or 用途 says they are a balance carried from before (上年结转,
    期初余额), not money raised in the period — or that stand under a line of its own saying so (``under_lines``,
    their 1-based rows: 一、上年结转) —: ``{"rows": [3], "records": 1}`` (1-based, at most
    ``BALANCES_SHOWN``) for the sheet's flag, or None. Counted still: the reader does not judge
    what the team meant to report.

    >>> carried_balances({"source_row": [3, 4], "source": ["上年结转", "县财政局"], "purpose": [None, "修路"]})
    {'rows': [3], 'records': 1}
    >>> carried_balances({"source_row": [3, 5], "source": ["村委会", "县财政局"], "purpose": [None, None]}, {3})
    {'rows': [3], 'records': 1}
    """
    n = len(records["source_row"])
    texts = zip(records.get("source") or [None] * n, records.get("purpose") or [None] * n, strict=True)
    rows = [row for row, pair in zip(records["source_row"], texts, strict=True)
            if row in under_lines or any(isinstance(t, str) and _BALANCE.match(_compact(t)) for t in pair)]
    return {"rows": rows[:BALANCES_SHOWN], "records": len(rows)} if rows else None


# Ledgers whose records have no key (a roster's households and a visit log's visits are matched as
# duplicates at assembly): a row written twice over is counted twice, and said, never dropped — it may
# be two. The fields one of which two rows alike must write to say so: a 村名 | 金额 list of villagers'
# 100-元 gifts has rows alike that are two gifts.
REPEAT_DESCRIPTIONS = {"disputes": ("parties", "summary"), "projects": ("project_name",), "funds": ("source", "purpose")}
REPEATED_ROWS_SHOWN = 3


def _other_cells(rows: list[list[object]], table: Table, record_rows: list[int], records: dict[str, list]) -> dict[int, list]:
    """Each record's text (no whitespace) in every column whose value ``records`` does not hold — a field
    not kept (a dispute's 当事人, a phone number), a heading no field reads (姓名 beside a 来源 of 个人), a
    备注 — by column, but its 序号 and the sub-columns of a date in parts (read into the date): compared,
    never stored."""
    parts = {i for c in table.columns for i, _ in c.parts}
    out = {}
    for c in table.columns:
        if c.field is not None and (c.field.name in records or c.field.name == "serial" or c.parts):
            continue
        if c.field is None and c.index in parts:
            continue
        out[c.index] = [re.sub(r"\s+", "", str(v)) if not _empty(v) else None
                        for v in (_cell(rows[r], c.index) for r in record_rows)]
    return out


def _descriptions(table: Table, records: dict[str, list], others: dict[int, list]) -> list[list]:
    """Each record's ``REPEAT_DESCRIPTIONS`` the table has a column for: the value read, or, for a field
    not kept (a dispute's 当事人 and 简要情况, personal), its text among ``others``. A table with none of them
    is described by the columns no field reads (``others``: a donor under a heading of other words, 爱心人士 or
    户主 in a funds list) — a donation written twice over there was counted twice, and nothing said."""
    out = []
    for name in REPEAT_DESCRIPTIONS.get(table.ledger.name, ()):
        column = table.fields.get(name)
        if column is not None and not column.parts:
            out.append(records[name] if name in records else others[column.index])
    if not out and table.ledger.name in REPEAT_DESCRIPTIONS:
        by_index = {c.index: c for c in table.columns}
        out = [texts for index, texts in others.items() if by_index[index].field is None]
    return out


def repeated_rows(records: dict[str, list], ledger: Ledger, described: list[list], others: list[list]) -> dict | None:
    """Records alike to one above them in the same table in every field read (place, date, amounts …)
    and every other column's text (``others``: parties, names, notes … but the 序号), among those that
    write one of their ``described`` values (parties, source …: ``_descriptions``):
    ``{"records": n, "pairs": [[3, 5], …]}`` (the row above and the one repeating it, at most
    ``REPEATED_ROWS_SHOWN`` pairs), for ``health.sheet_flag``; None when there are none or the
    ledger's records have a key of their own."""
    rows = records.get("source_row", [])
    if ledger.name not in REPEAT_DESCRIPTIONS or not described or len(rows) < 2:
        return None
    names = [name for name in records if name not in LINEAGE_NAMES]
    first: dict[tuple, int] = {}
    pairs: list[list[int]] = []
    for i, row in enumerate(rows):
        if all(_empty(values[i]) for values in described):
            continue
        key = tuple(None if isinstance(v, float) and v != v else v
                    for v in [*(records[name][i] for name in names), *(values[i] for values in others)])
        if key in first:
            pairs.append([rows[first[key]], row])
        else:
            first[key] = i
    return {"records": len(pairs), "pairs": pairs[:REPEATED_ROWS_SHOWN]} if pairs else None


# What makes two records one at assembly: a visit (``households.dedupe_visits``: the same household, date, cadre and
# kind), a roster's household (``households.key_roster``: the same place and head).
_IDENTITY = {
    "visits": ("township", "village", "group", "household_head", "visit_date", "cadre", "visit_kind"),
    "roster": ("township", "village", "group", "household_head"),
}


def merged_records(records: dict[str, list], table: Table, others: dict[int, list]) -> dict | None:
    """Records alike to one above them in the same sheet in what makes them one at assembly (``_IDENTITY``) —
    counted once, as the contract counts the same visit or household entered twice — whose rows still tell
    them apart: a field read (a visit's 慰问金; a household's 是否贫困户, 家庭人口, 帮扶责任人) or a column no field
    reads (``others``: 干部姓名 or 随访人 where none reads a cadre, a 身份证号, a 备注; not the 序号). Two cadres'
    visits on one day under a heading no field reads were one visit, two households of one name in a village
    without a 组 column one household, and nothing said. ``{"records": n, "pairs": [[3, 4], …], "columns":
    [headings that differ], "read": [labels of a visit's cadre and kind the table reads; 村民小组 where a
    household's group is known]}`` (1-based rows, at most ``REPEATED_ROWS_SHOWN`` pairs), for
    ``health.sheet_flag``; None when there are none. Rows alike in every column are a duplicate the clean
    reports already, not this."""
    rows = records.get("source_row", [])
    names = _IDENTITY.get(table.ledger.name)
    if names is None or len(rows) < 2:
        return None
    # Each record's identity as one tuple, built in C (most sheets have no two alike: nothing more is done);
    # its values are texts, dates and None, never NaN (a NaN would make two alike rows two).
    keys = list(zip(*[records[name] if name in records else [None] * len(rows) for name in names], strict=True))
    if len(set(keys)) == len(keys):
        return None
    first: dict[tuple, int] = {}
    firsts = [first.setdefault(key, i) for i, key in enumerate(keys)]
    rest = {f"field:{name}": values for name, values in records.items()
            if name not in names and name not in LINEAGE_NAMES and name != "household_key"}
    rest.update({f"column:{index}": texts for index, texts in others.items()})
    pairs: list[list[int]] = []
    at: list[int] = []
    differing: dict[str, None] = {}
    for i, j in enumerate(firsts):
        if j == i:
            continue
        apart = [name for name, values in rest.items() if _differ(values[j], values[i])]
        if apart:
            pairs.append([rows[j], rows[i]])
            at.append(i)
            differing.update(dict.fromkeys(apart))
    if not pairs:
        return None
    by_index = {c.index: c for c in table.columns}
    headings = []
    for name in differing:
        what, _, which = name.partition(":")
        column = table.fields.get(which) if what == "field" else by_index[int(which)]
        if column is None:  # a field the sheet does not write (a 是否贫困户 its title's 贫困户名单 gives)
            continue
        headings.append(redact(column.header)[:20] if column.header else f"{column_letter(column.index)}列")
    if table.ledger.name == "visits":
        read = [table.fields[name].field.label for name in ("cadre", "visit_kind") if name in table.fields]
    else:
        groups = records.get("group") or [None] * len(rows)
        read = ["村民小组"] if any(not _empty(groups[i]) for i in at) else []
    return {"records": len(pairs), "pairs": pairs[:REPEATED_ROWS_SHOWN], "columns": list(dict.fromkeys(headings)),
            "read": read}


def _differ(a: object, b: object) -> bool:
    """Whether two cells of a column both say something, and different things: a blank beside a value is a
    row written again more (or less) fully — a duplicate's 备注 filled in — not two of anything."""
    return not _blank(a) and not _blank(b) and a != b


def _blank(value: object) -> bool:
    """A cell as compared (a column's text, or a 慰问金 read: a float, NaN when blank) says nothing."""
    return _empty(value) or (isinstance(value, float) and value != value)


def _cadre_above(rows: list[list[object]], first_row: int, table: Table) -> str | None:
    """The cadre a line between the title and the header (or its upper row) names for the whole table, in a cell of its
    own (走访人：李明, 帮扶责任人：李明（县交通局）, beside 单位：县交通局 | 时间：2011年): a log kept by one cadre,
    sent with the others'. None where none does (填表人：李明 is who filled it in, not who visited)."""
    if not table.header_rows or table.ledger.name not in ("visits", "roster") or "cadre" in table.fields:
        return None  # a cadre column's cadres are the rows' own
    found = None
    # Through the header's rows too: a line of two such cells (走访人：李明 | 单位：县交通局) reads as a header's upper row.
    for r in range(first_row, min(table.header_rows[-1] + 1, len(rows))):
        for value in rows[r]:
            if isinstance(value, str) and ("：" in value or ":" in value):
                found = section_cadre([value]) or found
    return found


def _table_above(rows: list[list[object]], first_row: int, header: int) -> bool:
    """Whether the rows above a table's header hold a table of their own: a row that reads as a
    header (two headings at least, most of its texts), and under it, before the header, a row with
    entries in two of its columns (a roster over a visit log, three rows: read as title lines, it
    was lost with nothing said)."""
    header_cols: set[int] | None = None
    for r in range(first_row, header):
        row = rows[r]
        filled = {c for c, v in enumerate(row) if not _empty(v)}
        if header_cols is not None and len(filled & header_cols) >= 2 and row_header_score(row) < 2:
            return True
        texts = sum(1 for v in row if isinstance(v, str) and v.strip())
        score = row_header_score(row) if texts >= 2 else 0
        if score >= 2 and score * 2 > len(set(v for v in row if isinstance(v, str) and v.strip())):
            header_cols = filled
    return False


def _header_texts(row: list[object]) -> str:
    """A row's texts as the analyst reads them in a message: 被走访户、走访干部、走访内容 (six at most)."""
    texts = list(dict.fromkeys(v.strip() for v in row if isinstance(v, str) and v.strip()))
    return "、".join(redact(t)[:20] for t in texts[:6]) + ("…" if len(texts) > 6 else "")


def _whole_place_heads(rows: list[list[object]], table: Table, record_rows: list[int]) -> set[int]:
    """Positions in ``record_rows`` of a roster's rows whose household head is 全村, 全组, 本村 …: the
    roster's own total (「全村 | | 12」 over or under the households, their people summed), no
    household — read as one, it swelled the households a team must visit."""
    head = table.fields.get("household_head") if table.ledger.name == "roster" else None
    if head is None:
        return set()
    index = head.index
    found = set()
    for i, r in enumerate(record_rows):
        v = rows[r][index] if index < len(rows[r]) else ""
        if isinstance(v, str) and _WHOLE_PLACE_LABEL.match(unicodedata.normalize("NFKC", v).strip().replace(" ", "")):
            found.add(i)
    return found


# What a household's own row says in its 与户主关系 column (or its 是否户主 column: a yes).
_HEAD_RELATIONS = frozenset({"户主", "本人", "户主本人", "户主(本人)", "本户", "户长", "是", "√", "✓", "✔", "Y", "y"})


def _member_rows(rows: list[list[object]], table: Table, record_rows: list[int], sub_rows: list[int] = ()) -> set[int]:
    """Positions in ``record_rows`` of a household's members in a list of people (姓名 | 与户主关系 |
    …, as a 建档立卡 register lists every member; or 姓名 | 是否户主, the heads marked 是): the
    household is its head's row, the others are skipped (counted as notes), where they were each
    read as one more household. A blank relation is a household's own row; so is every row of a
    sheet whose relation column names no head at all."""
    relation = table.fields.get("relation")
    if relation is None:
        numbered = _numbered_members(rows, table, record_rows) if sub_rows else set()
        return _members_by_name(rows, table, record_rows) | numbered
    index = relation.index
    texts = []
    for r in record_rows:
        v = rows[r][index] if index < len(rows[r]) else ""
        texts.append(unicodedata.normalize("NFKC", v).replace(" ", "") if isinstance(v, str) else "")
    if not any(t in _HEAD_RELATIONS for t in texts):
        return set()
    return {i for i, t in enumerate(texts) if t and t not in _HEAD_RELATIONS}


def _numbered_members(rows: list[list[object]], table: Table, record_rows: list[int]) -> set[int]:
    """Positions in ``record_rows`` of a roster's rows numbered as parts of a household's row above them (1-1,
    1-2 under 1): its members, not households of their own. Numbers like 1-1, 1-2 with no row 1 (a group's
    households) number households, and are read as such; so does 1.1 (a household put in after 1)."""
    if table.ledger.name != "roster" or "serial" not in table.fields:
        return set()
    index = table.fields["serial"].index
    members: set[int] = set()
    head = None  # the 序号 of the last household's own row
    for i, r in enumerate(record_rows):
        value = rows[r][index] if index < len(rows[r]) else None
        parent = _serial_parent(value)
        if parent is None:
            head = _serial_text(value)
        elif parent == head and "." not in (_serial_text(value) or "."):  # 1.1 may be a household put in later
            members.add(i)
    return members


# A person's name beside a 户主 column, naming no field of its own (the 户主 column took the household).
_PERSON_NAME_HEADINGS = frozenset({"姓名", "名字", "人员姓名", "人口姓名"})


def _members_by_name(rows: list[list[object]], table: Table, record_rows: list[int]) -> set[int]:
    """Positions in ``record_rows`` of a household's members in a list of people without a relation column
    (户主 | 家庭成员姓名 | …, or 姓名 | 户主姓名 | …): where some row names its head again as a member (the head's own row), a row
    below it naming another member, its 户主 blank or that same head (merged down, or repeated), is the
    household's member, not a household missing its head nor a duplicate of it. Without a head's own
    row anywhere the column lists members some other way (李梅、张小明 on the head's row): nothing is skipped."""
    member, head = table.fields.get("member"), table.fields.get("household_head")
    if member is None and head is not None and "户主" in head.header:
        # 姓名 beside 户主姓名 in a list of people: each person's own name (the head's row names the head twice)
        member = next((c for c in table.columns if c.field is None and c.header in _PERSON_NAME_HEADINGS), None)
    if member is None or head is None:
        return set()

    def name(row: list[object], index: int) -> str:
        v = row[index] if index < len(row) else None
        return _compact(unicodedata.normalize("NFKC", v)) if isinstance(v, str) else ""

    pairs = [(name(rows[r], head.index), name(rows[r], member.index)) for r in record_rows]
    if not any(h and h == m for h, m in pairs):
        return set()
    members: set[int] = set()
    current = None  # the head of the last household's own row
    for i, (h, m) in enumerate(pairs):
        if h and h == m:
            current = h
        elif current is not None and m and (not h or h == current):
            members.add(i)
        elif h:
            current = None  # another household, whose own row is not there: its rows stay records
    return members


def _merged_below(merged, col: int, record_rows: list[int]) -> dict[int, int]:
    """Records (positions in ``record_rows``) whose cell in column ``col`` is the second or a later row
    of a range merged down from another record's cell → that record's row (0-based).

    >>> _merged_below([((2, 3), (4, 3)), ((2, 0), (3, 0))], 3, [2, 3, 4, 5])
    {1: 2, 2: 2}
    """
    records = {r: i for i, r in enumerate(record_rows)}
    below: dict[int, int] = {}
    for (r0, c0), (r1, c1) in merged:
        if r1 > r0 and c0 <= col <= c1 and r0 in records:
            for r in range(r0 + 1, r1 + 1):
                if r in records:
                    below[records[r]] = r0
    return below


def _merged_problem(f: Field, top: int) -> str:
    """``金额（元）与第3行合并为一格：…``: the reason of a record whose required quantity is counted above."""
    return f"{f.label}与第{top + 1}行合并为一格：只在第{top + 1}行计入一次，这一行不再计入"


def _other_header_problems(rows: list[list[object]], record_rows: list[int], other: set[int]) -> list[str | None]:
    """The reason of each record row that reads as another table's header (None for the others)."""
    return [
        f"这一行像是另一张表的表头（{_header_texts(rows[r])}），不是一条记录" if r in other else None
        for r in record_rows
    ]


def repeated_block(rows: list[list[object]], table: Table) -> dict | None:
    """The header printed a second time to the right of itself (序号 | 户主 | … | 序号 | 户主 | …: a
    list printed two entries a line), when rows below hold content there: ``{"column": "F", "rows": 4}``
    (the first repeated column, and the rows with content in the repeated columns); else None.

    Only the left-hand entries are read (each field takes its first column): the right-hand ones
    must be flagged, never dropped quietly (``health.sheet_flag``)."""
    claimed = sorted((c for c in table.columns if c.field is not None and not c.parts), key=lambda c: c.index)
    if len(claimed) < 2:
        return None
    labels = {c.index: c.header for c in table.columns}
    first, last = claimed[0].index, claimed[-1].index
    for offset in range(last - first + 1, max(labels, default=0) - first + 1):
        if all(labels.get(c.index + offset) == c.header for c in claimed):
            repeated = [c.index + offset for c in claimed]
            filled = sum(
                1 for row in rows[table.body_start:]
                if any(i < len(row) and not _empty(row[i]) for i in repeated)
                and not _text_cell(next((str(v) for v in row if not _empty(v)), ""))[1]  # a 合计 line
            )
            return {"column": column_letter(min(repeated)), "rows": filled} if filled else None
    return None


def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


# A column no field reads that counts visits: 走访次数, 入户次数, 次数, 走访频次, 走访几次 …, or one whose unit is times
# (累计走访（次）, 走访（次）: its 3 was three visits read as one, with nothing said).
_COUNT_HEADING = re.compile(r"次数|人次|户次|频次|几次|(?:走访|入户|慰问|帮扶)次$")
# Or a visit's word alone over numbers, with no unit but times (累计走访 3, 已走访 2: were three and two visits read as
# one each, with nothing said); only numbers above one count (a 走访 of ticks or 1s is none). Not 慰问 or 帮扶 alone,
# which may head money.
_VISIT_WORD_HEADING = re.compile(r"^(?:累计|已|共|合计|总)?(?:入户)?走访(?:情况)?$|^入户$")
_COUNT_UNITS = frozenset({"次", "人次", "户次"})
_COUNT_VALUE = re.compile(r"\s*(\d{1,3})\s*次?\s*")
# One that counts disputes: 件数, 纠纷起数, 宗数, 数量（件）… — not what became of them (调处成功件数)
# nor who was in them (涉及户数, 人数).
_DISPUTE_COUNT_HEADING = re.compile(r"件数|起数|宗数|纠纷数|[（(](?:件|起|宗)[)）]"
                                    # how many found or received (排查数 5, 受理数量), or 纠纷 alone over numbers (were
                                    # five disputes read as one, with nothing said)
                                    r"|^(?:排查|受理|摸排|发生|登记)(?:纠纷)?(?:数|数量)$|^(?:排查|受理|摸排)?(?:矛盾)?纠纷(?:数量)?$")
_DISPUTE_OUTCOME_WORDS = re.compile(r"成功|调处|调解|化解|办结|解决|结案|未|户|人")
_DISPUTE_COUNT_VALUE = re.compile(r"\s*(\d{1,4})\s*[件起宗]?\s*")


def visit_counts(rows: list[list[object]], table: Table, record_rows: list[int]) -> dict | None:
    """A visit log written a household a row with how many times it was visited (户主 | 走访次数 3 |
    最近走访日期): each row is read as one visit, so the visits beyond one a row would go uncounted
    with nothing said. ``{"column": "C", "heading": "走访次数", "rows": 2, "extra": 3}`` when a column
    no field reads is headed 次数 and some record of a household named once says more than one (for
    ``health.sheet_flag``); else None. A household on several rows numbers its visits (第几次: 1, 2, 3):
    each row is one visit, nothing goes uncounted."""
    counts = [c for c in table.columns
              if c.field is None and (_COUNT_HEADING.search(c.header or "") or c.unit in _COUNT_UNITS
                                      or _VISIT_WORD_HEADING.match(c.header or "") and c.unit is None)]
    return _counts_beyond_one(rows, table, record_rows, counts, _COUNT_VALUE)


def dispute_counts(rows: list[list[object]], table: Table, record_rows: list[int]) -> dict | None:
    """``visit_counts`` for a disputes list written a kind (or a village, a month) a row with how many
    disputes it stands for (纠纷类型 | 件数 5 | 调处结果): each row is read as one dispute."""
    counts = [c for c in table.columns if c.field is None and _DISPUTE_COUNT_HEADING.search(c.header or "")
              and not _DISPUTE_OUTCOME_WORDS.search(c.header or "")]
    return _counts_beyond_one(rows, table, record_rows, counts, _DISPUTE_COUNT_VALUE)


# A column no field reads that may be the farmland a project benefits: in 亩, or an irrigated area (保灌面积 too) —
# not a floor area (危房改造 in 平方米).
_FARMLAND_HEADING = re.compile(r"亩|灌溉|保灌|灌面|农田|耕地|田地|水田|旱地|稻田")
_NOT_FARMLAND_HEADING = re.compile(r"平方|㎡|m2|米|元|户|人")


def unread_farmland(rows: list[list[object]], table: Table, record_rows: list[int]) -> dict | None:
    """A projects table whose farmland is in columns no field reads (新增灌溉面积（亩） | 改善灌溉面积（亩）,
    有效灌溉面积): 受益农田 reads nothing, and the farmland benefited would be 0 with nothing said.
    ``{"columns": ["新增灌溉面积（亩）", …], "rows": 2}`` (the records with a number there) when the table
    has no 受益农田 column and such columns hold positive numbers; else None."""
    if "farmland_mu" in table.fields:
        return None
    areas = [c for c in table.columns if c.field is None and c.header
             and _FARMLAND_HEADING.search(heading := c.header + (c.unit or ""))
             and not _NOT_FARMLAND_HEADING.search(heading)]
    if not areas:
        return None
    # Each column's cells read as 受益农田 would read them (「300」「300亩」「1.5公顷」).
    positive = [[(v or 0) > 0 for v, _ in _parsed_values("area", 1.0, [_cell(rows[r], c.index) for r in record_rows])]
                for c in areas]
    given = sum(map(any, zip(*positive, strict=True)))
    return {"columns": [redact(c.header) for c in areas], "rows": given} if given else None


# Farmland a project's words state where no column holds it (建设内容 新修水渠2000米，受益农田500亩): the area
# benefited, said in the field's own words, read; other land written with its area (新增灌溉面积300亩, 改善农田200亩)
# is what the project did for some land, not read unasked (as such columns are not: ``unread_farmland``).
_TEXT_FARMLAND = re.compile(r"受益(?:农田|耕地|田地)(?:面积)?(?:约|近|达|共|为|[:：])?([0-9]+(?:\.[0-9]+)?)亩")
_TEXT_AREA = re.compile(r"(?:农田|耕地|田地|灌溉|水田|旱地|良田|面积)[^0-9，。；,;]{0,8}?[0-9]+(?:\.[0-9]+)?亩")


def farmland_in_text(rows: list[list[object]], table: Table, record_rows: list[int], records: dict[str, list]) -> dict | None:
    """A projects table with no 受益农田 column whose words (建设内容, 项目名称, 备注) state the farmland benefited
    (受益农田500亩, once in the row): read into ``records["farmland_mu"]`` in place. ``{"columns": [...], "read": 1,
    "unread": 1, "example": "新增灌溉面积300亩"}`` — the columns, the records read so, and those whose words give
    other land with its area (or two 受益农田), not read — for the sheet's flag; None when no words give an area."""
    if "farmland_mu" in table.fields or "farmland_mu" not in records:
        return None
    texts = [c for c in table.columns if c.field is None or c.field.kind == "text"]
    columns: list[str] = []
    read = unread = 0
    example = None
    for i, r in enumerate(record_rows):
        found: list[str] = []
        said: list[str] = []  # the cells giving an area
        other = False
        for c in texts:
            cell = _cell(rows[r], c.index)
            if not isinstance(cell, str) or "亩" not in cell:
                continue
            text = _compact(cell)
            stated = _TEXT_FARMLAND.findall(text)
            rest = _TEXT_AREA.search(_TEXT_FARMLAND.sub("", text)) is not None
            if stated or rest:
                said.append(text)
                if (heading := redact(c.header or "")) not in columns:
                    columns.append(heading)
            found += stated
            other = other or rest
        if len(found) == 1 and not other:
            records["farmland_mu"][i] = float(found[0])
            read += 1
        elif said:
            unread += 1
            example = example or redact(said[0][:24])
    return {"columns": columns, "read": read, "unread": unread, "example": example} if read or unread else None


# A column no field reads that may hold more visits' dates: 第二次走访日期, 第二次, 走访时间2 … — not a
# birth date, the date a household was registered or left poverty, when the form was filled in, nor
# the next visit planned.
_VISIT_DATE_HEADING = re.compile(r"走访|入户|慰问|探访|第.{1,2}次|次")
_NOT_A_VISIT = r"出生|建档|脱贫|登记|填表|填报|申请|认定|签字|下次|计划|预计|预约|拟"
_NOT_VISIT_DATE_HEADING = re.compile(rf"{_NOT_A_VISIT}|次数")
# Nor marks a roster's household visited: those, money or goods handed out (慰问金 500), who visited (走访人, not
# 走访人次), what was said, or a day (read as a date, above).
_NOT_VISIT_MARK_HEADING = re.compile(rf"{_NOT_A_VISIT}|金|款|元|物|品|干部|人(?!次)|员|内容|记录|事项|问题|诉求|意见|措施|方式"
                                     r"|形式|日期|时间")


def unread_visit_dates(rows: list[list[object]], table: Table, record_rows: list[int]) -> dict | None:
    """A visit log written a household a row with a date column per visit (第一次 | 第二次 | 第三次
    走访日期): each row is read as one visit, on the date of the column read, so the others' visits go
    uncounted — and a period that only they fall in finds the household unvisited — with nothing said.
    ``{"columns": ["第二次走访日期", …], "unnamed": ["D", …], "dates": 3}`` when columns no field reads, headed
    so or without a heading right of a visit date's (its heading written once over them), hold dates;
    else None. Not read as visits unasked: a flag. For a roster (``"roster": True``) the visit dates it writes, and
    the households its columns mark visited with no day (是否走访 是, 走访次数 3: ``"marked_columns"``, ``"marked"``)."""
    roster = table.ledger.name == "roster"  # a list of households with the day each was visited: no visit counted
    if "visit_date" not in table.fields and not roster:
        return None
    extra = [c for c in table.columns if c.field is None and c.header and _VISIT_DATE_HEADING.search(c.header)
             and not _NOT_VISIT_DATE_HEADING.search(c.header)]
    # A roster marking the households visited, no day (是否走访 是, 走访情况 已走访, 走访次数 3): no visit counted either.
    marking = [c for c in table.columns if roster and c.field is None and c.header and _VISIT_DATE_HEADING.search(c.header)
               and not _NOT_VISIT_MARK_HEADING.search(c.header)]
    if roster and not extra and not marking:
        return None
    found: dict[str, int] = {}
    year = table.year or ANY_YEAR  # 4月6日 in a log of 3月5日: a visit's day all the same
    for c in extra:
        n = sum(1 for r in record_rows if is_date_cell(_cell(rows[r], c.index), year))
        if n:  # a heading merged over several columns names each of them
            found[redact(c.header)] = found.get(redact(c.header), 0) + n
    # Columns without a heading right of a visit date's (走访时间 written once over three columns of dates), up to
    # the first without a date.
    unnamed: dict[str, int] = {}
    for c in extra if roster else [table.fields["visit_date"], *extra]:
        for i in _unheaded_right_of(rows, table, record_rows, c.index):
            if not (n := sum(1 for r in record_rows if is_date_cell(_cell(rows[r], i), year))):
                break
            unnamed.setdefault(column_letter(i), n)
    marked = {redact(c.header): n for c in marking if redact(c.header) not in found
              and (n := sum(1 for r in record_rows if _visit_mark(_cell(rows[r], c.index))))}
    if not found and not unnamed and not marked:
        return None
    return {"columns": list(found), "unnamed": list(unnamed), "dates": sum(found.values()) + sum(unnamed.values()),
            **({"roster": True} if roster else {}),
            **({"marked_columns": list(marked), "marked": sum(marked.values())} if marked else {})}


# A roster's cell saying its household was visited (是, √, 已走访, 已入户, 3, 3次): not 否, 未走访, 0.
_VISITED_WORDS = re.compile(r"^(?:已|有)?(?:走访|入户|入户走访|慰问|走访慰问)(?:过)?$|^(?:已访|访过)$")


def _visit_mark(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value >= 1
    if not isinstance(value, str) or not (text := _compact(value)):
        return False
    if _VISITED_WORDS.match(text):
        return True
    if (count := _COUNT_VALUE.fullmatch(text)) is not None:
        return int(count.group(1)) >= 1
    try:
        return values.parse_bool(text) is True
    except values.ValueProblem:
        return False


# A number or ordinal ending a heading (走访对象1, 走访户（二）, 被走访户主甲): the heading of one of a row's several.
_ORDINAL_END = re.compile(r"(?:[(（]?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[)）]?|[甲乙丙丁戊])$")


def _unheaded_right_of(rows: list[list[object]], table: Table, record_rows: list[int], index: int) -> range:
    """The columns right of column ``index`` that have no heading, up to the next heading (a heading merged over them,
    or written once with the cells beside it blank) or the records' last cell; the caller stops at the first that does
    not hold what it looks for (the area beyond a table can run to hundreds of blank columns)."""
    headed = {c.index for c in table.columns if c.header} | {i for c in table.columns for i, _ in c.parts}
    width = max((len(rows[r]) for r in record_rows), default=0)
    end = next((i for i in range(index + 1, width) if i in headed), width)
    return range(index + 1, end)


def unread_households(
    rows: list[list[object]], table: Table, record_rows: list[int], heads: Sequence[object] | None
) -> dict | None:
    """A visit log written a visit a row with several households in it, a column each (走访对象1 | 走访对象2 |
    走访对象3, or 走访户 merged over three columns): the column read gives each row's one visit, the households
    in the others go uncounted — coverage short, nothing said. A roster written a group a row, its households a
    column each (户主姓名 over three columns), likewise: those households missing from the roster. ``{"column":
    "走访对象1", "columns": ["走访对象2", …], "unnamed": ["E", …], "households": 3}`` (``"roster": True`` for a
    roster) when columns no field reads, headed as the one read but for a number (or as it, its heading merged over
    them), or without a heading right of it, hold households other than the row's (``heads``: each record's household
    as read); else None. Not read as records unasked: a flag."""
    read = table.fields.get("household_head")
    if read is None or heads is None or not read.header or read.parts or "member" in table.fields:
        return None
    stem = _ORDINAL_END.sub("", _compact(read.header))
    if not stem:
        return None
    others = [c for c in table.columns if c.field is None and c.header and c.index != read.index
              and _ORDINAL_END.sub("", _compact(c.header)) == stem]
    unnamed = []
    for c in [read, *others]:  # columns without a heading right of one (走访对象 written once over them)
        unnamed += itertools.takewhile(lambda i: _names_in(rows, record_rows, i),
                                       _unheaded_right_of(rows, table, record_rows, c.index))
    if not others and not unnamed:
        return None  # (most logs: nothing to read a row at a time)
    # Each by its heading, or by its letter where it has none or the one read's (a heading merged over them).
    heading = redact(read.header)
    theirs = {c.index: redact(c.header) for c in others if redact(c.header) != heading}
    lettered = [i for i in sorted({*unnamed, *(c.index for c in others)}) if i not in theirs]
    found: Counter[int] = Counter()
    for i in (*theirs, *lettered):  # each read as the household column is (a cell naming none is none)
        parsed = _parsed_values("household", 1.0, [_cell(rows[r], i) for r in record_rows])
        found[i] = sum(1 for (other, _), mine in zip(parsed, heads, strict=True) if other is not None and other != mine)
    if not any(found.values()):
        return None
    return {"column": heading, "columns": list(dict.fromkeys(h for i, h in theirs.items() if found[i])),
            "unnamed": [column_letter(i) for i in lettered if found[i]], "households": sum(found.values()),
            **({"roster": True} if table.ledger.name == "roster" else {})}


def _names_in(rows: list[list[object]], record_rows: list[int], index: int) -> bool:
    """Whether a column holds names of persons in some record's row, and nothing else (``values.looks_like_person``
    in every cell filled: not 五保户, 已走访)."""
    filled = [cell for r in record_rows if not _empty(cell := _cell(rows[r], index))]
    return bool(filled) and all(map(values.looks_like_person, filled))


def _dated_columns(rows: list[list[object]], table: Table, record_rows: list[int]) -> bool:
    """Whether a column no field reads holds a date in most of the rows (``table.day`` then says nothing)."""
    width = max((len(rows[r]) for r in record_rows), default=0)
    claimed = {c.index for c in table.columns if c.field is not None}
    return any(sum(1 for r in record_rows if is_date_cell(_cell(rows[r], i))) * 2 > len(record_rows)
               for i in range(width) if i not in claimed)


def is_date_cell(value: object, year: int | None = None) -> bool:
    """Whether a cell is a date; with ``year`` a day written without one (3月5日, 11.3.5) is one too, as the sheet's
    date columns read it."""
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        return values.parse_date(value if year is None else values.date_with_year(value, year)) is not None
    except values.ValueProblem:
        return False


# Any year, for a day written without one where the sheet names none: whether it is a date, not which (a leap year:
# 2月29日 is one).
ANY_YEAR = 2000


# An amount read as 元 is likely 万元 when every value is under this, some with decimals.
SMALL_AMOUNT_YUAN = 100


WAN = 10000.0
# An amount read in 万元 is likely 元 when half its values or more are this many 万元 (ten million
# yuan a donation or a village project) and none is under 100 万元.
LARGE_AMOUNT_WAN = 1000


def _bare_amounts(parsed: list[object], raw: list[object]) -> list[float]:
    """The positive amounts (in 元) read from cells that are bare numbers: a cell saying its unit
    (「12.5元」「1.2万」) says it for itself. An amount parses to (value, precision) (``values.parse_amount``)."""
    numbers = (v[0] if isinstance(v, tuple) else v for v, cell in zip(parsed, raw, strict=True) if _is_plain_number(cell))
    return [v for v in numbers if isinstance(v, int | float) and not isinstance(v, bool) and v > 0]


def large_amounts(f: Field, col, parsed: list[object], raw: list[object]) -> dict | None:
    """An amount column in 万元 (its heading or a note says so) whose bare numbers (two at least) are
    none under 100 and half or more ``LARGE_AMOUNT_WAN`` or over (5000 | 3000 | 800): written in 元,
    very likely — 8800万元 of funds raised for 8800 元, with nothing said. Not converted: said."""
    given = sorted(v / WAN for v in _bare_amounts(parsed, raw))
    if len(given) < 2 or given[0] < 100 or given[len(given) // 2] < LARGE_AMOUNT_WAN:
        return None
    return {"field": f.label, "column": redact(col.header), "rows": len(given)}


def small_amounts(f: Field, col, parsed: list[object], raw: list[object]) -> dict | None:
    """An amount column read as 元, its unit said nowhere, whose bare numbers (two at least) are all
    under ``SMALL_AMOUNT_YUAN`` and some have decimals (1.2, 0.5, 0.35): written in 万元, very likely —
    the funds raised would be ten thousand times too small with nothing said. Not converted: said."""
    given = _bare_amounts(parsed, raw)
    if len(given) < 2 or max(given) >= SMALL_AMOUNT_YUAN or all(float(v).is_integer() for v in given):
        return None
    return {"field": f.label, "column": redact(col.header), "rows": len(given)}


def _counts_beyond_one(
    rows: list[list[object]], table: Table, record_rows: list[int], counts: list, value_rx: re.Pattern
) -> dict | None:
    if not counts:
        return None
    household = table.fields.get("household_head")
    heads = Counter(_cell(rows[r], household.index) for r in record_rows) if household is not None else Counter()
    for column in counts:
        many = []
        for r in record_rows:
            row = rows[r]
            if household is not None and heads[_cell(row, household.index)] > 1:
                continue  # a household on several rows: 次数 numbers its visits (第几次), each row one
            value = _cell(row, column.index)
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)) and value == value and float(value).is_integer():
                n = int(value)
            elif isinstance(value, str) and (m := value_rx.fullmatch(value)):
                n = int(m.group(1))
            else:
                continue
            if n >= 2:
                many.append(n)
        if many:
            return {"column": column_letter(column.index), "heading": redact(column.header), "rows": len(many),
                    "extra": sum(n - 1 for n in many)}
    return None


def _missing(f: Field, cell: object) -> str:
    """Why a required value is missing: ``缺少走访日期``, or with what stands in its place
    (``缺少走访日期（填的是「/」）``: a dash, a slash or 无 is no date)."""
    if isinstance(cell, str) and cell.strip():
        return f"缺少{f.label}（填的是「{cell.strip()[:20]}」）"
    return f"缺少{f.label}"


def _measure(f: Field, table: Table, value: object) -> float | None:
    [(parsed, problem)] = _parsed_values(f.kind, table.scale(table.fields[f.name]), [value])
    if problem is not None:
        return None
    return parsed[0] if isinstance(parsed, tuple) else parsed


# A serial numbering a section, not an item: 一, 二、, （三） in a 序号 column whose items are numbered 1, 2, 3.
_ORDINAL_SERIAL = re.compile(r"[(（]?[一二三四五六七八九十]{1,3}[)）]?[、.．]?")
_ORDINAL_FIRST = frozenset("(（一二三四五六七八九十 \u3000")  # its first character, to pass 1, 2 by at once


def _ordinal_section_sums(rows: list[list[object]], table: Table,
                          record_rows: list[int]) -> tuple[set[int], list[int], set[int], dict[int, str]]:
    """Positions in ``record_rows`` of a section's line carrying its sums (「一 | 农田水利 | | 20 | 800」 over the
    projects 1, 2 under it): numbered 一, 二 in the 序号 column where the items are numbered 1, 2, 3, each quantity
    it gives (one at least) the sum of that column over the records below it, down to the next such line. Its
    name in a description column made it no bare subtotal: it was read as one more project, the section's
    investment and farmland counted twice. And the rows (indices into ``rows``) of such lines whose figures do
    not add up, left records — for the sheet's flag; and the positions of such lines giving no figure and nothing but
    their name (「一 | 农田水利」 over its projects): a section's title, no project — read as one, it was counted among
    the projects done; and each row under such a line (an index into ``rows``) → the section's name (农田水利: a
    project's 项目类别 where no column gives one)."""
    serial = table.fields.get("serial")
    if serial is None:
        return set(), [], set(), {}
    index = serial.index

    def cell(r: int, c: int) -> object:
        return rows[r][c] if c < len(rows[r]) else None

    try:  # the column as one list (every table has a 序号 to look at: no call a row)
        serials = [rows[r][index] for r in record_rows]
    except IndexError:
        serials = [cell(r, index) for r in record_rows]
    sections = [i for i, v in enumerate(serials) if v.__class__ is str and v[:1] in _ORDINAL_FIRST
                and _ORDINAL_SERIAL.fullmatch("".join(v.split()))]
    if not sections or not any(v.__class__ in (int, float) or v.__class__ is str and v.strip().isdecimal() for v in serials):
        return set(), [], set(), {}
    quantities = [(c.index, c.field) for c in table.columns if c.field is not None and c.field.summed and not c.parts]
    found: set[int] = set()
    off: list[int] = []
    heads: set[int] = set()
    names: dict[int, str] = {}
    for k, i in enumerate(sections):
        end = sections[k + 1] if k + 1 < len(sections) else len(record_rows)
        below = record_rows[i + 1:end]
        name = next((v.strip() for c, v in enumerate(rows[record_rows[i]]) if c != index and isinstance(v, str) and v.strip()),
                    None)
        if name:
            names.update(dict.fromkeys(below, redact(name)))
        given = [(c, f, _measure(f, table, v)) for c, f in quantities
                 if not _empty(v := cell(record_rows[i], c))]
        if below and not given and sum(1 for v in rows[record_rows[i]] if not _empty(v)) <= 2:
            heads.add(i)
            continue
        if not below or not given or any(value is None for _, _, value in given):
            continue
        if all(abs(_column_sum(rows, table, below, c, f) - stated) < 0.005 for c, f, stated in given):
            found.add(i)
        else:
            off.append(record_rows[i])
    return found, off, heads, names


def _column_sum(rows: list[list[object]], table: Table, at: list[int], c: int, f: Field) -> float:
    """The sum of column ``c`` (field ``f``, in its unit) over the rows ``at``, unreadable and blank cells aside."""
    measured = (_measure(f, table, rows[r][c]) for r in at if c < len(rows[r]) and not _empty(rows[r][c]))
    return sum(m for m in measured if m is not None)


def _unlabelled_totals(
    rows: list[list[object]], table: Table, record_rows: list[int], row_block: list[int], row_lone: list[int | None]
) -> set[int]:
    """Positions in ``record_rows`` of totals typed without a 合计 label: a row holding nothing but
    a number in a quantity column, equal to the sum of that column over the rows above it (in
    its block, or in the whole table). Any other lone number stays a record.

    ``row_lone`` gives each record row's one content column when it holds a single value.
    """
    by_index = {c.index: c.field for c in table.columns if c.field is not None and c.field.kind in _KINDS_WITH_SCALE}
    candidates: dict[int, list[int]] = {}
    lone: set[int] = set()
    for i, r in enumerate(record_rows):
        col = row_lone[i]
        if col is None:
            continue
        lone.add(i)
        # A total sits last in its block, under rows that say more than a number.
        last = i + 1 == len(record_rows) or row_block[i + 1] != row_block[i] or record_rows[i + 1] != r + 1
        if last and col in by_index and i >= 2 and _is_plain_number(rows[r][col]):
            candidates.setdefault(col, []).append(i)
    totals: set[int] = set()
    for col, positions in candidates.items():
        f = by_index[col]
        cache: dict[tuple[type, object], float | None] = {}
        whole = block_sum = 0.0
        counted = 0
        block = None
        wanted = set(positions)
        for i, r in enumerate(record_rows):
            if row_block[i] != block:
                block, block_sum = row_block[i], 0.0
            cell = rows[r][col] if col < len(rows[r]) else ""
            key = (type(cell), cell)
            if key not in cache:
                cache[key] = _measure(f, table, cell)
            value = cache[key]
            if i in wanted and value is not None and counted >= 2 and (
                abs(whole - value) < 0.005 or abs(block_sum - value) < 0.005
            ):
                totals.add(i)
                continue
            if value is not None:
                whole += value
                block_sum += value
                counted += i not in lone
    return totals


# A count standing where a name belongs in a summary row: 「2个」「共3项」「5户」.
_COUNT_TEXT = re.compile(r"^[共计合]?\s*[0-9０-９]+\s*[个项处户笔件条家宗次]$")
# A place word a summary row gives for everything above it: 全乡, 全镇, 全村, 全县, 本乡.
_WHOLE_PLACE = re.compile(r"^(?:全|本)(?:乡|镇|村|县|街道|社区)")
# The same word as the whole of a name or description cell (全村 typed where a household head or
# a project's name goes): a label, never a name.
_WHOLE_PLACE_LABEL = re.compile(r"^(?:全|本)(?:乡|镇|村|组|县|街道|社区)$")
# The rows a sheet's flag names of the undated rows read as records that sum their village's rows.
POSSIBLE_SUMS_SHOWN = 5
_SUMMARY_KINDS_SKIPPED = {"place", "address", "date", "date_or_month", "derived", "pii", "lineage"}
# Nor do these say what a record says: a serial, a remark, an account's money out and balance (| | 7000 | 3000 | 6000
# under the rows of an account is their total, its 支出 and 余额 no description of a donation).
_NOT_DESCRIPTIONS = ("serial", "remark", "spent_yuan", "balance_yuan")


def _summary_rows(
    rows: list[list[object]], table: Table, record_rows: list[int], row_block: list[int], known: set[int],
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> tuple[set[int], list[int]]:
    """Positions in ``record_rows`` of subtotals typed without a 合计 label, which say less than
    the rows they sum: 「澄江村 | | | 8000」 under 澄江村's donations, 「澄江村 | 2个 | 15 | 350」 under its
    two projects, 「| | | 13000」 under the whole list — or over them: 「全乡 | | | 18000」 first, as
    statistical tables put it.

    A row is one when every quantity the figures add up (``Field.summed``) that it gives equals the
    sum of that column over the records above it — those since the last total of its block (two at
    least, or one under a count such as 「1个」), or all the table's records above — or, the same way,
    over the records below it, up to the next total; and, beside them,
    it says nothing a record says: its descriptive cells (用途, 来源, 项目名称 …) blank or a count, its
    dates blank, its places blank, the place every row it sums shares, or 全乡/全村. The rows it sums
    must each say something in a descriptive column; in a table without one (村名 | 日期 | 金额), each
    give a date, and the row summing them name the whole place (全乡, 全镇 …) — or, when every undated
    row of the table naming a village or nothing is such a sum, two of them at least, those rows too
    (each village's total after its rows). ``known`` are totals found already. A quantity merged
    down from the row above (``_merged_below``) is that row's, and counts there only.

    Returns those positions, and the rows (indices into ``rows``) left as records that sum the rows
    of their village all the same: one undated row in a table without descriptions, or some of
    several — for the sheet's flag.
    """
    quantities = [(c.index, c.field) for c in table.columns if c.field is not None and c.field.summed]
    if not quantities:
        return set(), []
    described = [c.index for c in table.columns
                 if c.field is not None and not c.field.summed and c.field.kind not in _SUMMARY_KINDS_SKIPPED
                 and c.field.name not in _NOT_DESCRIPTIONS]
    places = [c.index for c in table.columns if c.field is not None and c.field.kind == "place"]
    # A date in parts (年 | 月 | 日, the month written once a month): a row gives a date in any of them.
    dates = [index for c in table.columns if c.field is not None and c.field.kind in ("date", "date_or_month")
             for index in ([i for i, _ in c.parts] or [c.index])]
    # What the rows a summary sums must each say: a description; in a table with none (村名 | 日期 |
    # 金额), a date — and then only a row naming the whole place (全乡 in the village column) may sum them.
    evidence, whole_place_only = described, False
    if not described:
        if not dates or not places:
            return set(), []
        evidence, whole_place_only = dates, True
    cache: dict[tuple[int, type, object], float | None] = {}
    merged_below = {
        index: {record_rows[i] for i in _merged_below(merged, index, record_rows)} for index, _ in quantities
    } if merged else {}

    def amount(r: int, index: int, f: Field) -> float | None:
        cell = rows[r][index] if index < len(rows[r]) else ""
        if _empty(cell) or r in merged_below.get(index, ()):
            return None
        key = (index, type(cell), cell)
        if key not in cache:
            cache[key] = _measure(f, table, cell) if _is_plain_number(cell) else None
        return cache[key]

    def cell(r: int, index: int) -> object:
        return rows[r][index] if index < len(rows[r]) else ""

    def names_whole_place(r: int) -> bool:
        return any(isinstance(v := cell(r, index), str) and _WHOLE_PLACE.match(v.strip()) for index in places)

    # Rows that could be one (most tables have none): only then are the running totals kept.
    candidates = {i: counts for i, r in enumerate(record_rows)
                  if i not in known and (counts := _says_no_more(r, described, dates, cell)) is not None}
    if not candidates:
        return set(), []
    bare = {i: counts for i, counts in candidates.items() if not whole_place_only or names_whole_place(record_rows[i])}

    def scan(order: Sequence[int], totals: set[int], bare: dict[int, bool], upwards: bool = False) -> set[int]:
        """The would-be summary rows (``bare``) that sum the records before them in ``order``
        (``totals`` known to be totals already). ``upwards``: a would-be summary row that sums nothing
        before it is passed over, and ends the run: the total at the foot, or one over the rows above."""
        found: set[int] = set()
        run = _Run(quantities, places)  # the records since the last total of the block
        before = _Run(quantities, places)  # every record before that is no total
        block = None
        for i in order:
            r = record_rows[i]
            if row_block[i] != block:
                block, run = row_block[i], _Run(quantities, places)
            if i in totals:
                run = _Run(quantities, places)
                continue
            counts = bare.get(i)
            if counts is not None:
                given = [(k, amount(r, index, f)) for k, (index, f) in enumerate(quantities)
                         if not _empty(cell(r, index)) and r not in merged_below.get(index, ())]
                if given and all(v is not None for _, v in given) and (
                    run.sums_to(r, given, 1 if counts else 2, cell) or before.sums_to(r, given, 2, cell)
                ):
                    found.add(i)
                    run = _Run(quantities, places)
                    continue
                if upwards:
                    run = _Run(quantities, places)
                    continue
            described_row = any(not _empty(cell(r, index)) for index in evidence)
            for running in (run, before):
                running.add(r, described_row, amount, cell)
        return found

    downwards = range(len(record_rows))

    def sums_among(bare: dict[int, bool]) -> set[int]:
        """The rows of ``bare`` (position → gives a count) that are totals."""
        if not bare:
            return set()
        found = scan(downwards, known, bare)
        # A total above the rows it sums (statistical tables put 全乡 or each village's total first):
        # the same test, reading upwards; then downwards again, for a total at the foot that one above
        # was counted into.
        above = scan(downwards[::-1], known | found, bare, upwards=True)
        if above:
            found |= above
            found |= scan(downwards, known | found, bare)
        return found

    found = sums_among(bare)
    others = set(candidates) - set(bare)
    if not others:
        return found, []
    # A table without descriptions whose undated rows name a village (or nothing): a village's
    # total under its dated donations looks like an undated donation. When every such row of the
    # table is the sum of its village's dated rows, two of them at least, the table is laid out so
    # (each village's total after its rows) and they are totals; one alone may be a donation whose
    # amount happens to be that sum: a record, and the sheet says so.
    with_villages = sums_among(candidates)
    village_sums = with_villages & others
    if len(village_sums) >= 2 and village_sums == others:
        return with_villages, []
    return found, sorted(record_rows[i] for i in village_sums)


# 「其中：县级」「（其中财政资金）」: the first words of a row breaking the row above down (of which …);
# never 「其中一方」「其中3户」「其中有」 (one of them, some of them), which a record's own words may begin with.
_OF_WHICH = re.compile(r"^[(（]?\s*其\s*中(?!\s*[一二两三四五六七八九十几0-9０-９有])")
# The rows a sheet's flag names of the records left after a 其中 row that may break the row above down too.
BREAKDOWN_ROWS_SHOWN = 5


def _breakdown_rows(
    rows: list[list[object]], table: Table, record_rows: list[int], candidates: list[int],
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> tuple[set[int], set[int], list[int]]:
    """Rows breaking the row above them down, which are part of it and no records of their own:
    「其中：县级 | 3000」 and 「乡级 | 2000」 under 「县财政局 | 5000」, or under 「合计 | 13000」 (a funds
    list's total by source), 「其中：澄江村段 | 300亩」 under a project of 680亩.

    A row whose first words are 其中 (not in a place, date or remark column), with no 序号 number
    and no date of its own, is one when each quantity the figures add up that it gives is no more
    than the row above gives (the nearest row with anything in it, a record or a total). The rows
    right after it, likewise unnumbered and undated, are too when with it they add up to the row
    above in every quantity they give — the breakdown ends where it adds up. Below a row that says
    only 「其中：」, the rows after it are when they add up to the row above it. A row whose first
    words are 其中 but which gives no quantity (「其中：县级3000元，乡级2000元」) says more of the row
    above: a note.

    Rows numbered as parts of the row above (1.1, 1.2 under 1) are parts whatever their dates; where each part
    is dated and the dates are not all the row above's, the parts are the records and the row above their total
    (skipped as the subtotal), so that each is counted in its own period.

    Returns the positions in ``record_rows`` of the breakdowns (skipped as subtotals) and of the
    notes, and the rows (indices into ``rows``) left as records that may break the row above down
    all the same — a 其中 row whose quantities exceed the row above's, and the undated, unnumbered
    rows after a 其中 row that, within the row above's quantities, do not add up to them — for the
    sheet's flag.
    """
    quantities = [(c.index, c.field) for c in table.columns if c.field is not None and c.field.summed and not c.parts]
    if not quantities:
        return set(), set(), []
    fields = table.fields
    serial = fields["serial"].index if "serial" in fields else -1
    dates = [index for c in table.columns if c.field is not None and c.field.kind in ("date", "date_or_month")
             for index in ([i for i, _ in c.parts] or [c.index])]
    not_words = {c.index for c in table.columns if c.field is not None
                 and (c.field.kind in ("place", "date", "date_or_month") or c.field.name == "remark" or c.parts)}

    def of_which(r: int) -> bool:
        text = next((v for c, v in enumerate(rows[r]) if c not in not_words and isinstance(v, str) and v.strip()
                     and not (c == serial and _serial_parent(v) is not None)), None)
        return text is not None and _OF_WHICH.match(text.strip()) is not None

    def cell(r: int, index: int) -> object:
        return rows[r][index] if index < len(rows[r]) else ""

    def blank(r: int) -> bool:
        return all(_empty(v) for v in rows[r])

    def above(r: int) -> int | None:
        """The nearest row above ``r`` with anything in it, within the table's body."""
        p = r - 1
        while p >= table.body_start and blank(p):
            p -= 1
        return p if p >= table.body_start else None

    def sub_of(r: int, parent: int | None) -> bool:
        """Row ``r`` is numbered as a part of ``parent`` (1-1 or 1.1 under 1)."""
        return parent is not None and serial >= 0 and _serial_parent(cell(r, serial)) == _serial_text(cell(parent, serial))

    # ``candidates``: the rows with a content cell beginning 其中, or numbered as a part (most tables have none).
    starts = [r for r in candidates if of_which(r) or sub_of(r, above(r))]
    if not starts:
        return set(), set(), []
    position = {r: i for i, r in enumerate(record_rows)}
    merged_below = {
        index: {record_rows[i] for i in _merged_below(merged, index, record_rows)} for index, _ in quantities
    } if merged else {}

    def given(r: int) -> dict[int, float | None]:
        """The quantities row ``r`` gives, by column (None: written, but no quantity)."""
        return {index: _measure(f, table, v) for index, f in quantities
                if not _empty(v := cell(r, index)) and r not in merged_below.get(index, ())}

    def own_mark(r: int, parent: int) -> bool:
        """A 序号 number or a date of its own: a record's, never a breakdown's. A number that makes the row a
        part of ``parent`` (1-1 under 1) or the very date of ``parent`` is not its own; a row so numbered is a part
        whatever its date (1.1 and 1.2 under a project 1, each paid on its day)."""
        if sub_of(r, parent):
            return False
        if serial >= 0 and _is_plain_number(cell(r, serial)):
            return True
        return any(not _empty(cell(r, d)) and cell(r, d) != cell(parent, d) for d in dates)

    def dated(r: int) -> bool:
        return bool(dates) and all(not _empty(cell(r, d)) for d in dates)

    breakdown: set[int] = set()
    explained: set[int] = set()
    flagged: list[int] = []
    for start in starts:
        if start in position and (position[start] in breakdown or position[start] in explained):
            continue
        parent = above(start)
        if parent is None or own_mark(start, parent):
            continue
        whole = given(parent)
        if not whole or None in whole.values():
            continue  # a heading over the rows below (县直单位 with no amount): they are its records
        # A row the classifier skipped (「其中：」 alone) only introduces the rows after it.
        lead = given(start) if start in position else {}
        if start in position and not lead:
            explained.add(position[start])  # 其中 in words: a note on the row above
        if None in lead.values():
            continue  # a quantity that cannot be read: the row is a reject, and says why
        if any(i not in whole or v > whole[i] + 0.005 for i, v in lead.items()):
            flagged.append(start)  # says 其中, but is more than the row above: counted, and said
            continue
        # The rows breaking the row above down: the 其中 row (when it gives quantities) and those after it.
        group = [start] if lead else []
        sums = dict.fromkeys(whole, 0.0)
        for i, v in lead.items():
            sums[i] += v
        adds_up = len(group) if group and _adds_up(sums, whole) else 0
        r = start
        while True:
            r += 1
            while r < len(rows) and blank(r):
                r += 1
            if r >= len(rows) or r not in position or own_mark(r, parent):
                break
            parts = given(r)
            if not parts or None in parts.values() or any(i not in whole for i in parts):
                break
            for i, v in parts.items():
                sums[i] += v
            if any(sums[i] > whole[i] + 0.005 for i in parts):
                break
            group.append(r)
            if _adds_up(sums, whole):
                adds_up = len(group)
        if adds_up:
            parts = group[:adds_up]
            if (parent in position and all(sub_of(r, parent) and dated(r) for r in parts)
                    and any(cell(r, d) != cell(parent, d) for r in parts for d in dates)):
                # 1.1 and 1.2 under 1, each on a date of its own: the parts are the records, the whole their total
                # (counted once either way; each part in its own period)
                breakdown.add(position[parent])
            else:
                breakdown.update(position[r] for r in parts)
            continue
        for r in group:
            if of_which(r):
                breakdown.add(position[r])  # it says so itself (a number like 1.1 may be a row put in later: said)
            else:
                flagged.append(r)
    return breakdown, explained, sorted(set(flagged))


# A 序号 numbering a row as a part of the row above (1-1, 1.1, 1—1 under 1).
_SUB_SERIAL = re.compile(r"^([0-9]+)\s*[-.—－_]\s*[0-9]+$")


def _serial_text(value: object) -> str | None:
    """A 序号 as text (1.0 typed as a number is 1), None when blank."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    return unicodedata.normalize("NFKC", value).strip() or None


@lru_cache(maxsize=4096)
def _serial_parent(value: object) -> str | None:
    """The 序号 a sub-number belongs to (1-2 → 1, 1.2 → 1), else None (asked of every record's 序号: cached)."""
    text = _serial_text(value)
    m = _SUB_SERIAL.match(text) if text else None
    return m.group(1) if m else None


_PARTS_LEDGERS = ("funds", "projects", "roster")


def _sub_serial_rows(rows: list[list[object]], table: Table, record_rows: list[int]) -> list[int]:
    """The record rows whose 序号 numbers them as a part of another (1-1, 1.1), candidates for ``_breakdown_rows``
    (a donation's parts, a project's sub-projects) or a roster's members; a visit log's or a disputes list's rows
    are their own, whatever their numbers."""
    serial = table.fields.get("serial")
    if serial is None or table.ledger.name not in _PARTS_LEDGERS:
        return []
    index = serial.index
    cells = [rows[r][index] if index < len(rows[r]) else None for r in record_rows]
    if all(_serial_parent(v) is None for v in set(cells)):  # the usual case: each distinct 序号 asked once
        return []
    return [r for r, v in zip(record_rows, cells, strict=True) if _serial_parent(v) is not None]


def _adds_up(sums: dict[int, float], whole: dict[int, float]) -> bool:
    """Whether the parts given add up to the whole in every quantity some part gives."""
    given = [i for i, v in sums.items() if v]
    return bool(given) and all(abs(sums[i] - whole[i]) < 0.005 for i in given)


def _says_no_more(r: int, described: list[int], dates: list[int], cell) -> bool | None:
    """None when row ``r`` says what a record says (a description other than a count, a date);
    else whether it gives a count (「2个」)."""
    counts = False
    for index in described:
        v = cell(r, index)
        if _empty(v) or (isinstance(v, str) and _WHOLE_PLACE_LABEL.match(v.strip().replace(" ", ""))):
            continue
        if isinstance(v, str) and _COUNT_TEXT.match(v.strip()):
            counts = True
            continue
        return None
    if any(not _empty(cell(r, index)) for index in dates):
        return None
    return counts


class _Run:
    """Records summed by a would-be summary row (``_summary_rows``), kept as running totals: how
    many, how many without a description, each quantity's sum, and each place column's one value."""

    _MIXED = object()

    def __init__(self, quantities: list[tuple[int, Field]], places: list[int]):
        self.quantities, self.places = quantities, places
        self.n = self.undescribed = 0
        self.sums = [0.0] * len(quantities)
        self.place: list[object] = [None] * len(places)  # None: none yet; _MIXED: several

    def add(self, r: int, described: bool, amount, cell) -> None:
        self.n += 1
        self.undescribed += not described
        for k, (index, f) in enumerate(self.quantities):
            self.sums[k] += amount(r, index, f) or 0.0
        for k, index in enumerate(self.places):
            v = cell(r, index)
            text = v.strip() if isinstance(v, str) else self._MIXED
            if self.place[k] is None:
                self.place[k] = text
            elif self.place[k] != text:
                self.place[k] = self._MIXED

    def sums_to(self, r: int, given: list[tuple[int, float]], least: int, cell) -> bool:
        if self.n < least or self.undescribed:
            return False
        for k, index in enumerate(self.places):
            v = cell(r, index)
            if _empty(v):
                continue
            text = v.strip() if isinstance(v, str) else None
            if text is None or not (_WHOLE_PLACE.match(text) or text == self.place[k]):
                return False
        return all(abs(self.sums[k] - v) < 0.005 for k, v in given)


def _is_plain_number(cell: object) -> bool:
    if isinstance(cell, bool):
        return False
    return isinstance(cell, int | float) or (isinstance(cell, str) and re.fullmatch(r"[0-9,.]+", cell.strip()) is not None)


def _address_columns(rows: list[list[object]], table: Table, record_rows: list[int], columns: dict[str, list[object]],
                     row_township: list[tuple[str | None, str | None]]) -> list[str | None] | None:
    """A household's address (家庭住址 澄江村3组12号) in a table without a village column: each row's village,
    put in ``columns``, and its 村民小组 (returned), as the address names them. An address that names no
    village, or another township than the row's, says nothing; with a village column, the address is not read."""
    if "village" in table.fields:
        return None
    index = table.fields["address"].index
    cells = _dittoed([rows[r][index] if index < len(rows[r]) else "" for r in record_rows])
    towns = columns.get("township") or [None] * len(record_rows)
    found = _each_distinct(_address_places, cells)
    found = [p if p is not None and (p[0] is None or not (t := own or ctx) or township_stem(p[0]) == township_stem(t))
             else None for p, own, (ctx, _) in zip(found, towns, row_township, strict=True)]
    if not any(found):
        return None
    columns["village"] = [p[1] if p else None for p in found]
    return [p[2] if p else None for p in found]


# Words joining two places in one cell: 澄江村至上坪村, 澄江村、上坪村.
_PLACES_JOINED = re.compile(r"[至到、,，;；~～—-]")  # not 和 (和平村), 及 or 与


def _address_places(cell: object) -> tuple[str | None, str, str | None] | None:
    """What an address (or a project's site) says of its place; none where its parts name two villages
    (澄江村至上坪村: a road between them is neither's)."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    parts = [part for part in _PLACES_JOINED.split(cell) if part.strip()]
    if len(parts) > 1 and len({found[1] for part in parts if (found := address_places(part)) is not None}) > 1:
        return None
    return address_places(cell)


def _each_distinct(read, cells: list[object]) -> list[object]:
    """``read(cell)`` of each cell, each distinct text read once (a place or name recurs down a column)."""
    seen: dict[object, object] = {}
    out = []
    for cell in cells:
        key = cell if type(cell) is str else (type(cell), cell)  # as _parsed_values keys them: 1 is not True
        if key not in seen:
            seen[key] = read(cell)
        out.append(seen[key])
    return out


def _split_township_village(towns: list, villages: list) -> tuple[list, list]:
    """A village column written ``黄坑乡新屋村`` (as county summaries do): the village is 新屋村, and
    黄坑乡 the township when the row has no township of its own."""
    cache: dict[str, tuple[str | None, str | None]] = {}
    out_towns, out_villages = list(towns), list(villages)
    for i, v in enumerate(villages):
        if not isinstance(v, str) or len(v) < 5:
            continue
        if v not in cache:
            found = places_in_text(v)
            whole = found.township and found.village and v.endswith(found.village) and v.startswith(found.township)
            cache[v] = (found.township, found.village) if whole else (None, None)
        town, village = cache[v]
        if village is None or (out_towns[i] and out_towns[i] != town):
            continue
        out_towns[i], out_villages[i] = town, village
    return out_towns, out_villages


def _unlabelled_columns(rows: list[list[object]], table: Table) -> set[int]:
    """Columns with no heading still count as content (a value typed beside the table)."""
    labelled = {c.index for c in table.columns}
    width = max((len(r) for r in rows), default=0)
    return {c for c in range(width) if c not in labelled}


def _fill_down(raw: list[object], sections: list[int]) -> list[object]:
    """A village written once above the rows that belong to it (unmerged) reads on each of them,
    up to the next section title (whose place then applies; see ``tidy_table``)."""
    out: list[object] = []
    last: object = ""
    current = sections[0] if sections else 0
    empty: dict[tuple[type, object], bool] = {}  # a place column repeats a few names: judge each once
    for v, section in zip(raw, sections, strict=True):
        if section != current:
            last, current = "", section
        key = (type(v), v)
        blank = empty.get(key)
        if blank is None:
            blank = empty[key] = _empty(v) or values.is_empty(v)
        if blank:
            out.append(last)
        else:
            out.append(v)
            last = v
    return out


def _raw_cells(row: list[object], table: Table, pii_cols: set[int]) -> str:
    # A label is kept too: a data row taken into the header can put a phone number in it.
    headers = {c.index: redact(c.header) for c in table.columns}
    parts = []
    for c, v in enumerate(row):
        if c in pii_cols or _empty(v):
            continue
        parts.append(f"{headers.get(c, f'第{c + 1}列')}={cell_text(v)}")
    return "；".join(parts)


# A kind of dispute named as such in a summary: 山林纠纷, 土地权属争议, 婚姻家庭矛盾; or a summary's whole cell a kind
# (a 案由 column: 山林, 宅基地, 婚姻家庭).
_KINDS = "山林|林地|林权|山场|林木|山界|林界|邻里|相邻|土地|田地|耕地|承包地|宅基地|田土|水田|田界|地界|婚姻|家庭|赡养|抚养|继承|离婚"
_NAMED_KIND = re.compile(rf"({_KINDS})(?:权属|承包|边界|界址)?(?:纠纷|矛盾|争议)")
_BARE_KIND = re.compile(rf"(?:婚姻家庭|{_KINDS})(?:权属|承包|边界|界址)?(?:纠纷|矛盾|争议|问题|类)?")


@lru_cache(maxsize=4096)
def _type_named_text(text: str) -> str:
    compact = _compact(text)
    if _BARE_KIND.fullmatch(compact) is not None:
        return values.parse_dispute_type(compact)
    codes = {values.parse_dispute_type(m.group(1)) for m in _NAMED_KIND.finditer(compact)}
    return codes.pop() if len(codes) == 1 else "other"


def _type_named(cell: object) -> str:
    """The dispute type a summary names as a kind of dispute (张三与李四山林纠纷 → forest; 土地承包纠纷 → land), or its
    whole cell names (a 案由 column's 山林, 婚姻家庭), or other: none named, or two (因宅基地纠纷引发邻里矛盾: which is it?).

    >>> _type_named("张三与李四山林纠纷"), _type_named("因宅基地纠纷引发邻里矛盾"), _type_named("因琐事发生口角")
    ('forest', 'other', 'other')
    >>> _type_named("山林"), _type_named("婚姻家庭"), _type_named("宅基地"), _type_named("债务")
    ('forest', 'family', 'land', 'other')
    """
    return _type_named_text(cell) if isinstance(cell, str) else "other"


_DEFAULTS = {"visit_kind": "visit", "dispute_type": "other", "outcome": "pending", "legal_aid": False, "is_poor": False}


def _finish(records: dict[str, list], ledger: Ledger, n: int, defaults: dict | None = None) -> dict[str, list]:
    """Split compound values into their columns and fill defaults for absent columns."""
    if ledger.name == "funds":
        amounts = records.get("amount_yuan", [None] * n)
        records["amount_yuan"] = [a[0] if a else None for a in amounts]
        records["amount_qualifier"] = [a[1] if a else "exact" for a in amounts]
    for name in ("relief_yuan", "investment_yuan"):
        if name in records:
            records[name] = [a[0] if a else None for a in records[name]]
    if ledger.name == "projects" and "completed_date" in records:
        completed = records["completed_date"]
        records["completed_date"] = [c[0] if c else None for c in completed]
        records["completed_precision"] = [c[1] if c else None for c in completed]
    for f in ledger.fields:
        if f.stored and f.name not in records and f.kind != "derived":
            records[f.name] = [{**_DEFAULTS, **(defaults or {})}.get(f.name)] * n
    return records


LINEAGE_NAMES = [f.name for f in LINEAGE]

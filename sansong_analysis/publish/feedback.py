"""What each township must fix in its ledgers: one model for the 问题清单 and the report's 数据质量 section.

The clean step leaves its findings in the processed folder: the rows it
could not read (``rejects``), the visits entered twice (``duplicates``), the
visits that match no roster household (``visits.household_key`` null), and
in ``clean_summary.json`` the files it could not open, the sheets it did not
recognise or probably misread, the ledgers' own 合计/小计 rows that do not
add up, and warnings. :func:`ledger_problems` turns them, purely, into one
:class:`Problem` per thing to fix — where it is (file, sheet, Excel row,
column), what is written there, what is wrong in one Chinese sentence and
what to write instead — for a township, or (``None``) the county.

:func:`write_problem_list` writes them as ``问题清单.xlsx`` (one sheet for a
township; for the county a 汇总 sheet and a sheet per township), and
``run.notebook.show_quality`` shows the same model in the report, so the
list sent to a township and the report the analyst reads never disagree.

Where ``clean_summary.json`` lacks a part (an older clean, or no such
finding) that part is simply empty.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from sansong_analysis import fsutil
from sansong_analysis.ingest.read.formulas import FORMULA_PROBLEM
from sansong_analysis.ingest.recognise import NO_HEADER
from sansong_analysis.ingest.table import TRANSPOSE_HOW
from sansong_analysis.ledgers import LABELS, LEDGERS, VALUE_LABELS, Field, match_field, normalize_header
from sansong_analysis.template import GUIDE_SHEET
from sansong_analysis.wording import format_number, format_percent

PROBLEM_LIST = "问题清单.xlsx"
NO_PROBLEMS = "未发现问题"
UNKNOWN_TOWNSHIP = "未能确定乡镇"
SUMMARY_SHEET = "汇总"

# The kinds of problem, in the order a list gives them, with their Chinese names.
CATEGORIES: dict[str, str] = {
    "unreadable": "文件无法读取",
    "not_recognised": "未识别的工作表",
    "misread": "可能读错的工作表",
    "total_mismatch": "合计不符",
    "reject": "无法读取的行",
    "duplicate": "重复登记",
    "unmatched_visit": "走访对不上包扶名单",
    "warning": "提示",
}

# The list's columns: (Problem attribute, Chinese heading, width in characters).
COLUMNS = (
    ("category_label", "问题类别", 20),
    ("file", "文件", 28),
    ("sheet", "工作表", 14),
    ("row", "行号", 7),
    ("column", "列", 14),
    ("value", "原内容", 22),
    ("reason", "问题", 44),
    ("fix", "请这样改", 44),
)


@dataclass(frozen=True)
class Problem:
    """One thing a township must fix in its ledgers."""

    category: str
    township: str | None
    file: str | None
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str
    fix: str
    # Both figures of a 合计 that does not add up.
    stated: float | None = None
    summed: float | None = None
    # The raw rows it stands for: a whole sheet counted already is one problem of all its rows.
    rows: int = 1

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


@dataclass(frozen=True)
class SheetNote:
    """How a sheet was read, when the report should say so: not recognised, corrected, or flagged."""

    township: str | None
    file: str
    sheet: str
    status: str  # recognised, not_recognised, corrected, ignored
    ledger: str | None
    reason: str | None
    flag: str | None  # the probably-misread message, when flagged
    reject_share: float | None = None


@dataclass(frozen=True)
class LedgerProblems:
    """Everything wrong in a township's (``township=None``: the county's) ledgers, and how its sheets were read."""

    township: str | None
    problems: tuple[Problem, ...]
    sheets: tuple[SheetNote, ...] = ()
    visits: int = 0
    unmatched_visits: int = 0

    @property
    def unmatched_share(self) -> float | None:
        return self.unmatched_visits / self.visits if self.visits else None

    def of(self, category: str) -> list[Problem]:
        return [p for p in self.problems if p.category == category]

    def counts(self) -> dict[str, int]:
        """Problems by category (every category, zeros included)."""
        out = dict.fromkeys(CATEGORIES, 0)
        for p in self.problems:
            out[p.category] += 1
        return out

    def townships(self) -> list[str | None]:
        """The townships with problems, sorted, ``None`` (township unknown) last."""
        names = {p.township for p in self.problems}
        return sorted(n for n in names if n is not None) + ([None] if None in names else [])

    def for_township(self, township: str | None) -> list[Problem]:
        return [p for p in self.problems if p.township == township]


# --------------------------------------------------------------------------- wording


def _number(value: float | int | None) -> str:
    """``4000``, ``22.5``, ``0.33``: at most two decimals, half up, no trailing zeros (``wording``)."""
    return format_number(value, 2)


def _share(rate: float | None) -> str:
    return format_percent(rate)


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: object) -> str | None:
    return None if _missing(value) or str(value) == "" else str(value)


def _row(value: object) -> int | None:
    return None if _missing(value) else int(value)


# --------------------------------------------------------------------------- what to write instead

_CHOICES = {kind: "、".join(VALUE_LABELS[kind].values()) for kind in ("level", "outcome", "dispute_type", "visit_kind")}
FIX_BY_KIND: dict[str, str] = {
    "date": "写成完整日期，如 2011-03-05 或 2011年3月5日（年、月、日都要写）。",
    "amount": "写成金额数字，如 4000、4000元 或 0.4万元；金额未定的暂不登记。",
    "area": "写成面积数字，如 680 或 680亩；以公顷计的请在表头注明（公顷）。",
    "length": "写成长度数字（米），如 1000。",
    "count": "写成整数，如 4。",
    "bool": "填写“是”或“否”。",
    "poor": "填写“是”或“否”（也可写 贫困户、一般户）。",
    "group": "写成村民小组名称，如 一组、3组。",
    "level": f"填写 {_CHOICES['level']} 之一。",
    "outcome": f"填写 {_CHOICES['outcome']} 之一。",
    "name": "填写户主姓名。",
    "household": "每户单独一行，只写户主姓名，如 钟福林。",
    "place": "填写乡镇名称。",
}
# A row under a line of its own naming no one day (3月8日-9日) or month (4-5月份) over rows dated by such lines.
LINE_ABOVE_FIX = "把上面写日期（月份）的那一行改成某一天（如 2011年3月8日）或某一个月（如 4月份），或在这一行写明完整日期，改正后重新报送。"
NO_TOWNSHIP_FIX = "增加“乡镇”列，或在表格标题、工作表名或文件名中写明乡镇名称，如 ××乡走访登记表。"
# Money spent, listed in a funds list (an account's 支出, or under 二、资金使用情况): nothing wrong with the row.
# A formula written without its result by the program that made the file, and beyond ours to work out.
FORMULA_FIX = "用 Excel 或 WPS 打开此文件并保存（让公式算出结果），或把这一格改成数值，然后重新报送。"
SPENT_FIX = "不用改正：用去的钱不计入筹资。如果这一行其实是筹集到的资金，请把金额填在收入（筹资）部分后重新报送。"
FILE_FIX: dict[str, str] = {
    "password": "取消文件密码后重新报送。",
    "corrupt": "文件已损坏或不完整，请重新导出或另存为 .xlsx 后重新报送。",
    "empty": "文件是空的，请重新报送完整的台账。",
    "unsupported": "用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再报送。",
    "html": "这是网页文件而非表格，请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再报送。",
    "xml": "请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再报送。",
    "too_large": "删去多余的空行、空列，或按月、按村拆成几个文件后重新报送。",
}
NOT_RECOGNISED_FIX = "按台账模板（sansong template 生成）的表头填写，或在表头写明户主姓名、走访日期、金额、项目名称、纠纷类型等列名。"
# A sheet whose headings stand down a column, a record a column (``table.headings_down``).
TRANSPOSE_FIX = f"把表格转置成每列一个列名、每行一条记录（{TRANSPOSE_HOW}），改正后重新报送。"
MISREAD_FIX = "核对表头是否与内容对应（每列一个表头，不要合并或错位），改正后重新报送。"
# A flagged sheet whose reading is right as far as it goes, but leaves something out: the fix is another layout.
FLAG_FIX = {
    "side_by_side": "把右侧一栏移到左侧一栏下方（每行登记一条），改正后重新报送。",
    "visit_counts": "每次走访登记一行并写明走访日期，不要只填走访次数，改正后重新报送。",
    "dispute_counts": "每件纠纷登记一行（写明受理日期、类型和调处结果），不要只填件数，改正后重新报送。",
    "other_header": "一个工作表只放一张表：把这一行及以下的另一张表移到单独的工作表，改正后重新报送。",
    "rows_above_header": "一个工作表只放一张表：把表头之上的另一张表（或多余的内容）移到单独的工作表，改正后重新报送。",
    "rows_below_form": "表单下方的表（如走访记录）写明列名（走访日期、走访干部等），或移到单独的工作表（每行一条，写明户主姓名）；几户的联系卡放在一个工作表中的，每户一个工作表（一户一档），改正后重新报送。",
    "copied_sheet": "删除重复的工作表（副本、草稿或重复的汇总表）；如确是另外的记录，请改正后重新报送。",
    "overlapping_sheet": "核对与其他工作表相同（或再次登记同一纠纷、项目）的各行：汇总表、副本或逐月（季）累计的旧表不要与明细一同报送，删除重复的行后重新报送。",
    "roster_versions": "只报送名单的最新版本：删除已不再使用的旧名单（或在 sansong.toml 中以 ledger = \"ignore\" 忽略），改正后重新报送。",
    "hidden_rows": "取消隐藏（或清除筛选）后核对这些行：作废的记录请删除；应计入的请取消隐藏，改正后重新报送。",
    "struck_rows": "核对加了删除线的行：作废的记录请删除；应计入的请去掉删除线，改正后重新报送。",
    "summary_sheet": "汇总表可与明细表一同报送，无需更正；如跳过的行其实是另外的记录，请写明用途、来源等后重新报送。",
    "split_amount": "在分列的各列右侧增加一列“小计”（各列之和），改正后重新报送。",
    "unread_visit_dates": "每次走访登记一行并写明走访日期，不要在一行中分几列填写几次走访，改正后重新报送。",
    "unread_households": "每户登记一行（走访登记表每走访一户登记一行，写明户主姓名），不要在一行中分几列填写几户，改正后重新报送。",
    "large_amounts": "核对金额的单位：按元填写的，把列名中的“万元”改为“元”（或删去表头上方的“单位：万元”），改正后重新报送。",
    "small_amounts": "在金额列名中写明单位（如“金额（万元）”），或在表头上方写明“单位：万元”，改正后重新报送。",
    "unread_farmland": "如这些面积是项目受益的农田，把列名改为“受益农田（亩）”（分几列的合为一列），改正后重新报送。",
    "hidden_sheet": "取消隐藏后核对：不应计入的副本或草稿请删除；应计入的请取消隐藏，改正后重新报送。",
    "possible_sums": "核对这些没有日期的行：是小计的，在村名栏写明“某某村小计”或删除；是另外的记录的，补填日期，改正后重新报送。",
    "repeated_rows": "核对这些各栏完全相同的行：是重复登记的，删除多余的行；确是另一件（另一笔）的，补写能区分它们的内容（如当事人、日期），改正后重新报送。",
    "merged_visits": "核对这些户主和日期相同的走访：确是两次走访的，写明各自的走访人（列名用“走访干部”）或走访形式；是重复登记的，删除多余的行，改正后重新报送。",
    "merged_households": "核对这些同名的户：确是同名的两户，写明各自所在的村民小组（或在姓名后注明，如 张三（小））；是同一户的，删除多余的行（两份名单写得不同的，改正写错的一份），改正后重新报送。",
    "after_of_which": "核对“其中”前后的行：是上面一行的细分的，每行写明“其中”或删除，使各项之和等于上面一行；是另外的记录的，补填序号和日期，改正后重新报送。",
    "unsaid_column": "增加这一列并逐行填写（调处结果填 成功、未成功、调处中 或 移交；是否贫困户填 是 或 否），改正后重新报送。",
    "unreceived_funds": "核对未到位的资金：筹资只计已到位的，认捐未到账的请移到单独的表或删除，部分到位的改填实际到位金额，改正后重新报送。",
    "unread_cells": "按表中所写的单元格改正（数量只填数字，如受益户数填 56；日期写成 2011-03-05），改正后重新报送。",
    "dates_outside_year": "核对这些行的日期：是笔误的（如把2011写成2001），改正日期；确是其他年份的，移到那一年的台账，改正后重新报送。",
    "year_turn": "在这些日期中写明年份（如 2010-12-28、2011-01-05），改正后重新报送。",
    "void_remarks": "核对备注写着作废、重复、迁出、未实施等的行：不应计入的请删除；应计入的请删去或改写备注，改正后重新报送。",
    "outcome_remarks": "核对调处结果与备注不一致的纠纷：没有化解的（一方反悔、协议未履行、已移交）把调处结果改为未成功或移交；确已化解的改写备注，改正后重新报送。",
    "unfinished_projects": "核对没有完工的项目：受益农田只计已完工的，在建、未开工或已取消的请删除或移到完工那一期的台账；已完工的改填竣工日期，改正后重新报送。",
    "other_township": "核对这张表属于哪个乡镇：标题、工作表名或乡镇列写的乡镇与文件名（文件夹名）不一致的，改正写错的一处后重新报送。",
    "other_village": "核对这张表属于哪个村：标题写的村与工作表名（文件名、文件夹名）不一致的，改正写错的一处后重新报送。",
    "rival_columns": "核对这几列：只保留应计入的一列（如实际到位或核实后的数），或在列名中写明区别（如“认捐金额”“到位金额”），改正后重新报送。",
    "undated_records": "补填这些行的日期（如 2011-03-05），改正后重新报送；没有日期的记录按时期统计时不计入。",
    "carried_balance": "核对这些结转、结余行：上年或上期的结余不是本期筹集的资金，不应计入的请删除；确是本期筹集的，写明捐款单位或来源，改正后重新报送。",
    "balance_breaks": "核对这些行的收入、支出和余额：补记漏登的收支，改正写错的金额或余额，改正后重新报送。",
}
# Flags of a sheet read right whose records may count what the analyst does not see, or twice, or
# whose totals of other sheets were skipped: a 提示, not a sheet read wrongly.
COUNTED_FLAGS = frozenset({"hidden_sheet", "hidden_rows", "struck_rows", "overlapping_sheet", "roster_versions", "summary_sheet", "possible_sums",
                           "repeated_rows", "merged_visits", "merged_households", "after_of_which", "carried_balance", "balance_breaks", "dates_outside_year", "year_turn",
                           "unreceived_funds", "unread_cells", "void_remarks", "outcome_remarks",
                           "unfinished_projects", "other_township", "other_village", "rival_columns",
                           "undated_records"})
TOTAL_FIX = "核对合计行以上各行是否漏登、多登或填错，改正各行或合计。"
# The ledgers whose records have a key (a household; a visit's household, date, cadre and kind):
# a record entered twice is a duplicate. The others' duplicates are whole sheets (``ingest.copies``).
KEYED_LEDGERS = ("roster", "visits")
DUPLICATE_FIX = {
    "visits": "删除重复的这一行；如确是另一次走访，请改正走访日期或走访形式。",
    "roster": "删除重复的这一户；如确是同名的另一户，请写明所在村民小组加以区分。",
}
UNMATCHED_FIX = "核对户主姓名的写法及所在村、组是否与包扶对象名单一致；名单外的农户请补入包扶对象名单。"
NO_ROSTER_FIX = "报送本乡镇的包扶对象名单（户主姓名、村、组），走访记录才能计入走访覆盖率。"
WARNING_FIX = "请核实后更正台账并重新报送。"


# --------------------------------------------------------------------------- rejects


_PROBLEM = re.compile(r"^(?P<word>[^「」。：]*?)「(?P<value>.*)」")
_MISSING = re.compile(r"^缺少(?P<label>[^。；，]+)")
_MERGED = re.compile(r"^(?P<label>[^「」。：]+?)与第\d+行合并为一格")
MERGED_FIX = "不要把金额、面积等数量合并成一格：各行分别填写各自的数量，或把这几行合为一行后重新报送。"


def _cells(raw_cells: str | None) -> list[tuple[str, str]]:
    """``序号=12；村名=南光村；金额=若干`` as (heading, value) pairs."""
    pairs = []
    for part in (raw_cells or "").split("；"):
        heading, sep, value = part.partition("=")
        if sep:
            pairs.append((heading, value))
    return pairs


def _field_named(ledger: str | None, words: str) -> Field | None:
    """The ledger's field a reason names (``走访日期``, ``金额`` for 金额（元）), or None."""
    if ledger not in LEDGERS or not words:
        return None
    fields = LEDGERS[ledger].all_fields
    for f in fields:
        if f.label == words:
            return f
    return next((f for f in fields if words in f.label or f.label in words), None)


def _heading_of(ledger: str, f: Field, cells: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The (heading, value) of the row's cell under ``f``'s column, as the sheet wrote them."""
    for heading, value in cells:
        if match_field(ledger, normalize_header(heading)[0]) is f:
            return heading, value
    return None


def reject_problem(row: Mapping[str, object]) -> Problem:
    """A reject as a problem: the column and value its reason names, and what to write instead.

    >>> p = reject_problem({"source_file": "a.xlsx", "source_sheet": "筹资", "source_row": 17, "ledger": "funds",
    ...     "township": "古江乡", "reason": "金额「若干」无法识别。", "raw_cells": "村名=南光村；金额=若干"})
    >>> p.column, p.value, p.fix[:8]
    ('金额', '若干', '写成金额数字，如')
    """
    ledger = _text(row.get("ledger"))
    reason = _text(row.get("reason")) or "这一行无法读取。"
    cells = _cells(_text(row.get("raw_cells")))
    column = value = None
    fix = "按表头要求改正这一行后重新报送。"
    f: Field | None = None
    if reason.startswith("无法确定所属乡镇"):
        column, fix = "乡镇", NO_TOWNSHIP_FIX
    elif m := _MERGED.match(reason):
        f = _field_named(ledger, m.group("label"))
        column, value, fix = (f.label if f else m.group("label")), "", MERGED_FIX
    elif m := _MISSING.match(reason):
        f = _field_named(ledger, m.group("label"))
        column, value = (f.label if f else m.group("label")), ""
        fix = f"填写{column}。" if f is None or f.kind in ("name", "household", "text", "place") else FIX_BY_KIND.get(f.kind, fix)
    elif m := _PROBLEM.match(reason):
        value = m.group("value")
        f = _field_named(ledger, m.group("word"))
        column = f.label if f else (m.group("word") or None)
        if f is not None:
            fix = FIX_BY_KIND.get(f.kind, fix)
            if "不能为负数" in reason:
                fix = "写成不小于0的数字。"
    if "是用去的钱，不是筹集的资金" in reason:  # tidy's SPENT_ROW and the rows under 二、资金使用情况
        fix = SPENT_FIX
    if FORMULA_PROBLEM in reason:  # a formula a program wrote without its result (read.formulas)
        fix = FORMULA_FIX
    if "上面的「" in reason and "无法确定是哪" in reason:  # under a line of no one day (3月8日-9日) or month (4-5月份)
        fix = LINE_ABOVE_FIX
    if f is not None and ledger is not None:
        written = _heading_of(ledger, f, cells)
        if written is not None:
            column, value = written
    return Problem(
        "reject", _text(row.get("township")), _text(row.get("source_file")), _text(row.get("source_sheet")),
        _row(row.get("source_row")), column, value, reason, fix,
    )


# --------------------------------------------------------------------------- duplicates and unmatched visits


def _where(file: str | None, sheet: str | None, row: int | None, here_file: str | None, here_sheet: str | None) -> str:
    if file == here_file and sheet == here_sheet:
        return f"本表第{row}行"
    if file == here_file:
        return f"工作表「{sheet}」第{row}行"
    return f"{file}「{sheet}」第{row}行"


def duplicate_problem(row: Mapping[str, object]) -> Problem:
    ledger = _text(row.get("ledger")) or "visits"
    file, sheet = _text(row.get("source_file")), _text(row.get("source_sheet"))
    kept = _where(_text(row.get("kept_file")), _text(row.get("kept_sheet")), _row(row.get("kept_row")), file, sheet)
    if ledger == "roster":
        reason = f"与{kept}是同一户（同一乡镇、村、组、户主），包扶户数只计一次。"
    else:
        reason = f"与{kept}重复（同一农户、同一天、同一走访人、同一走访形式），走访次数只计一次。"
    head = _text(row.get("household_head"))
    return Problem("duplicate", _text(row.get("township")), file, sheet, _row(row.get("source_row")),
                   LEDGERS[ledger].field("household_head").label if ledger in LEDGERS else "户主", head, reason,
                   DUPLICATE_FIX.get(ledger, DUPLICATE_FIX["visits"]))


def copied_sheet_problems(duplicates: pd.DataFrame) -> list[Problem]:
    """One line for each whole sheet counted already (``ingest.copies``): its records are duplicates
    of a ledger without a key (funds, projects, disputes), listed by the sheet rather than row by row."""
    if duplicates.empty or "ledger" not in duplicates:
        return []
    copied = duplicates.loc[~duplicates["ledger"].isin(KEYED_LEDGERS)]
    out = []
    for (file, sheet), rows in copied.groupby(["source_file", "source_sheet"], sort=True, dropna=False):
        first = rows.iloc[0]
        kept = []
        for kept_file, kept_sheet in rows[["kept_file", "kept_sheet"]].drop_duplicates().itertuples(index=False):
            kept.append(f"工作表「{kept_sheet}」" if kept_file == file else f"{kept_file}「{kept_sheet}」")
        where = "、".join(kept[:3]) + (f"等{len(kept)}个工作表" if len(kept) > 3 else "")
        label = LEDGERS[first["ledger"]].label if first["ledger"] in LEDGERS else "台账"
        reason = f"这张表的{len(rows)}条{label}记录与{where}的记录逐条相同（整张表是副本或汇总），只计一次。"
        out.append(Problem("duplicate", _text(first.get("township")), _text(file), _text(sheet), None, None,
                           f"{len(rows)}条记录", reason, FLAG_FIX["copied_sheet"], rows=len(rows)))
    return out


def unmatched_visit_problems(visits: pd.DataFrame, townships_with_roster: set[str]) -> list[Problem]:
    """Each visit whose household is on no roster; one line for a township that sent no roster at all."""
    if visits.empty or "household_key" not in visits:
        return []
    unmatched = visits.loc[visits["household_key"].isna()]
    label = LEDGERS["visits"].field("household_head").label
    out: list[Problem] = []
    for township, rows in unmatched.groupby("township", dropna=False, sort=True):
        township = _text(township)
        if township is not None and township not in townships_with_roster:
            out.append(Problem(
                "unmatched_visit", township, None, None, None, None, None,
                f"本乡镇没有报送包扶对象名单，{len(rows)}条走访记录无法对应到包扶农户，走访覆盖率无法计算。", NO_ROSTER_FIX,
            ))
            continue
        for r in rows.sort_values(["source_file", "source_sheet", "source_row"], kind="stable").to_dict("records"):
            place = "".join(x for x in (_text(r.get("village")), _text(r.get("group"))) if x)
            head = _text(r.get("household_head")) or ""
            out.append(Problem(
                "unmatched_visit", township, _text(r.get("source_file")), _text(r.get("source_sheet")),
                _row(r.get("source_row")), label, head,
                f"被走访户主「{head}」与{place or '本乡镇'}的包扶对象名单对不上（名单中没有这一户，或有同名几户分不清）。",
                UNMATCHED_FIX,
            ))
    return out


# --------------------------------------------------------------------------- the clean summary


def _township_of(context: str | None, path: str | None, known: Sequence[str]) -> str | None:
    """A sheet's township: its own context, else the (longest) known township named in its path."""
    if context:
        return context
    named = [t for t in known if path and t in path]
    return max(named, key=len) if named else None


_NOTES_NAME = re.compile(r"说明|注意事项|须知|备注")


def _notes_sheet(name: str | None, recognition: Mapping) -> bool:
    """A sheet named for notes (填报说明, 注意事项) in which no row reads as a header: instructions,
    nothing the township could fix.

    >>> _notes_sheet("填报说明", {"reason": NO_HEADER.reason}), _notes_sheet("说明", {"reason": "最像走访登记表…"})
    (True, False)
    """
    return bool(name and _NOTES_NAME.search(name)) and recognition.get("reason") == NO_HEADER.reason


def _has_content(sheet: Mapping) -> bool:
    """A sheet with something on it besides blank rows (an empty sheet is nothing to fix)."""
    blank = (sheet.get("skipped_by_kind") or {}).get("blank", 0)
    return int(sheet.get("rows_read") or 0) > int(blank or 0)


def _total_problem(total: Mapping, township: str | None, path: str | None, sheet: str | None) -> Problem:
    """A 合计/小计 row whose figure is not the sum of the rows it closes, both figures said."""
    stated, summed = total.get("stated"), total.get("summed")
    diff = _number(abs(stated - summed)) if stated is not None and summed is not None else "—"
    label = total.get("label") or "合计"
    field = total.get("field") or ""
    if field.startswith("count:"):  # 共走访15户: a count written in words
        unit = field.split(":", 1)[1]
        column = total.get("column")
        reason = (f"「{label}」行写明{_number(stated)}{unit}，而它上面的记录为{_number(summed)}{unit}，"
                  f"相差{diff}{unit}。")
    else:
        column = total.get("column") or LABELS.get(field) or "合计"
        reason = f"「{label}」行的“{column}”为{_number(stated)}，而它上面各行相加为{_number(summed)}，相差{diff}。"
    return Problem("total_mismatch", township, path, sheet, total.get("row"), column, _number(stated), reason,
                   TOTAL_FIX, stated=stated, summed=summed)


def summary_findings(summary: Mapping, known: Sequence[str] = ()) -> tuple[list[Problem], list[SheetNote]]:
    """The clean summary's problems (files, sheets, totals, warnings) and its notes on how sheets were read."""
    problems: list[Problem] = []
    notes: list[SheetNote] = []
    for entry in summary.get("files") or []:
        path = entry.get("file")
        if entry.get("status") == "error" and entry.get("problem"):
            problems.append(Problem(
                "unreadable", _township_of(None, path, known), path, None, None, None, None,
                f"{entry['problem']}。".replace("。。", "。"), FILE_FIX.get(entry.get("problem_kind") or "", FILE_FIX["unsupported"]),
            ))
        for bad in entry.get("sheet_problems") or []:
            problems.append(Problem(
                "unreadable", _township_of(None, path, known), path, bad.get("sheet"), None, None, None,
                f"{bad.get('problem')}。".replace("。。", "。"), FILE_FIX.get(bad.get("problem_kind") or "", FILE_FIX["unsupported"]),
            ))
        for sheet in entry.get("sheets") or []:
            township = _township_of(sheet.get("township"), path, known)
            name = sheet.get("sheet")
            recognition = sheet.get("recognition") or {}
            status = recognition.get("status") or "recognised"
            flags = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or [])) if f]
            guess = recognition.get("ledger") or sheet.get("ledger")
            if status in ("not_recognised", "corrected") or flags:
                for flag in flags or [None]:  # a note a flag: the 数据质量 table labels each (可能少计 …)
                    notes.append(SheetNote(township, path, name, status, guess, recognition.get("reason"),
                                           flag.get("message") if flag else None, flag.get("reject_share") if flag else None))
            # The template's own 填表说明 sheet is no ledger, and nothing to fix; nor is a team's own
            # notes sheet (说明, 注意事项) with no header in it (still listed as 未识别 in the clean).
            if status == "not_recognised" and _has_content(sheet) and name != GUIDE_SHEET and not _notes_sheet(name, recognition):
                missing = "、".join(recognition.get("missing") or [])
                best = VALUE_LABELS["ledger"].get(guess, guess) if guess else None
                value = f"最接近：{best}" + (f"（缺少{missing}）" if missing else "") if best else None
                problems.append(Problem(
                    "not_recognised", township, path, name, None, None, value,
                    recognition.get("reason") or "这个工作表未能识别为五种台账中的任何一种，其中的记录没有计入。",
                    TRANSPOSE_FIX if "列名竖写" in (recognition.get("reason") or "") else NOT_RECOGNISED_FIX,
                ))
            for flag in flags:
                if flag.get("kind") == "copied_sheet":  # listed from the duplicates (copied_sheet_problems)
                    continue
                problems.append(Problem(
                    "warning" if flag.get("kind") in COUNTED_FLAGS else "misread", township, path, name, None, None,
                    f"无法读取的行占{_share(flag.get('reject_share'))}" if flag.get("reject_share") is not None else None,
                    flag.get("message") or "这个工作表可能被读错。", FLAG_FIX.get(flag.get("kind"), MISREAD_FIX),
                ))
            for total in sheet.get("totals") or []:
                if total.get("ok") is not False:
                    continue  # True: it adds up; None: rows it closes were rejected (listed as rejects)
                problems.append(_total_problem(total, township, path, name))
    for warning in summary.get("warnings") or []:
        problems.append(Problem("warning", warning.get("township"), None, None, None, None, None,
                                warning.get("message") or "", WARNING_FIX))
    return problems, notes


# --------------------------------------------------------------------------- the model


def _frame(frames: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    df = frames.get(name)
    return df if df is not None else pd.DataFrame()


def _sort_key(p: Problem) -> tuple:
    return (list(CATEGORIES).index(p.category), p.file or "", p.sheet or "", p.row or 0)


def ledger_problems(
    summary: Mapping | None,
    frames: Mapping[str, pd.DataFrame],
    township: str | None = None,
    *,
    known_townships: Sequence[str] = (),
) -> LedgerProblems:
    """Every problem of ``township``'s ledgers (``None``: the county's, every township and those unknown).

    ``frames`` needs ``rejects``, ``duplicates``, ``visits`` and ``roster``
    (absent ones count as empty); ``summary`` is ``clean_summary.json``
    (``None`` or a part missing: nothing found there). ``known_townships``
    lets a sheet without a township of its own be placed by its file path.
    """
    summary = summary or {}
    known = list(known_townships) or sorted(
        {str(t) for name in ("roster", "visits", "funds", "projects", "disputes")
         for t in _frame(frames, name).get("township", pd.Series(dtype=object)).dropna().unique()}
    )
    rejects, duplicates = _frame(frames, "rejects"), _frame(frames, "duplicates")
    visits, roster = _frame(frames, "visits"), _frame(frames, "roster")
    with_roster = set(roster["township"].dropna().astype(str)) if "township" in roster else set()
    problems = [reject_problem(r) for r in rejects.to_dict("records")]
    problems += [duplicate_problem(r) for r in duplicates.to_dict("records") if r.get("ledger") in KEYED_LEDGERS]
    problems += copied_sheet_problems(duplicates)
    problems += unmatched_visit_problems(visits, with_roster)
    found, notes = summary_findings(summary, known)
    problems += found
    if township is not None:
        problems = [p for p in problems if p.township == township]
        notes = [n for n in notes if n.township == township]
        visits = visits.loc[visits["township"] == township] if "township" in visits else visits
    unmatched = int(visits["household_key"].isna().sum()) if "household_key" in visits else 0
    problems.sort(key=_sort_key)
    return LedgerProblems(township, tuple(problems), tuple(notes), visits=len(visits), unmatched_visits=unmatched)


def summary_digests(summary: Mapping, known_townships: Sequence[str] = ()) -> dict[str | None, bytes]:
    """A fingerprint of what the clean summary found, per township (``None``: township unknown).

    A batch adds it to a report's inputs: a sheet newly unrecognised, or a
    合计 that no longer adds up, changes the 问题清单 though no frame changed.
    """
    problems, notes = summary_findings(summary, known_townships)
    grouped: dict[str | None, list] = {}
    for item in [*problems, *notes]:
        grouped.setdefault(item.township, []).append(asdict(item))
    return {
        township: hashlib.sha256(json.dumps(items, ensure_ascii=False, sort_keys=True, default=str).encode()).digest()
        for township, items in grouped.items()
    }


def problem_table(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as the list shows them: 问题类别, 文件, 工作表, 行号, 列, 原内容, 问题, 请这样改."""
    rows = [[getattr(p, attr) for attr, _, _ in COLUMNS] for p in problems]
    table = pd.DataFrame(rows, columns=[heading for _, heading, _ in COLUMNS])
    table["行号"] = table["行号"].astype("Int64")
    return table


# --------------------------------------------------------------------------- the report's 数据质量 section

_SHEET_STATUS = {"not_recognised": "未识别", "corrected": "按分析人员更正读取", "recognised": "已识别", "ignored": "已忽略"}


def quality_sentences(model: LedgerProblems) -> str:
    """The 数据质量 section's opening (Markdown): problems by kind, and the visits matching no roster household."""
    who = "全县" if model.township is None else "本乡镇"
    counts = {k: n for k, n in model.counts().items() if n}
    if not counts:
        text = f"{who}台账{NO_PROBLEMS}。"
    else:
        parts = "，".join(f"{CATEGORIES[k]}{n}处" for k, n in counts.items())
        text = (f"{who}台账共有 **{sum(counts.values())}** 处需要更正：{parts}。逐条明细（文件、工作表、行号、原内容、"
                f"如何更正）见 `{PROBLEM_LIST}`，可直接发回乡镇。")
    if model.visits:
        text += (f"\n\n走访记录 {model.visits} 条，其中 {model.unmatched_visits} 条（{_share(model.unmatched_share)}）"
                 "对不上包扶对象名单：计入走访次数，不计入走访覆盖率。")
    return text


# A flag's message opens with what the sheet may be (``health.sheet_flag``); the table says it when
# it is more than "misread": a part left unread, visits or records counted short or twice, a date, place or
# balance that may be wrong (these were all shown as 可能读错, which they are not).
_FLAG_LABELS = ("可能漏读", "可能少计", "可能多计", "重复登记", "汇总表", "可能有误", "日期可能有误", "日期可能跨年",
                "乡镇可能有误", "村可能有误", "请核对计入的列", "按时期统计时不计入", "部分单元格无法识别")


def _flag_label(flag: str) -> str:
    head = flag.split("：", 1)[0]
    return head if head in _FLAG_LABELS else "可能读错"


def quality_tables(model: LedgerProblems) -> dict[str, pd.DataFrame]:
    """The 数据质量 section's tables by title (only those with rows), from the same problems as the list.

    Sheets not recognised, read under a correction or flagged as probably
    misread; 合计 rows that do not add up (both figures); files that could not
    be opened; warnings; rows rejected; duplicates. A township's tables list
    each row; the county's carry a 乡镇 column and count rejects and
    duplicates by township and file (each township's report lists them).
    """
    county = model.township is None
    tables: dict[str, pd.DataFrame] = {}

    def place(rows: list[dict], found: Sequence) -> pd.DataFrame:
        table = pd.DataFrame(rows)
        if county:
            table.insert(0, "乡镇", [x.township or UNKNOWN_TOWNSHIP for x in found])
        return table

    if model.sheets:
        tables["工作表识别情况"] = place([
            {"文件": n.file, "工作表": n.sheet,
             "识别结果": _flag_label(n.flag) if n.flag and n.status == "recognised" else _SHEET_STATUS.get(n.status, n.status),
             "台账": VALUE_LABELS["ledger"].get(n.ledger or "", n.ledger or "—"),
             "说明": "；".join(x for x in (n.reason, n.flag) if x) or "—"} for n in model.sheets], model.sheets)
    totals = model.of("total_mismatch")
    if totals:
        tables["合计与各行相加不符"] = place([
            {"文件": p.file, "工作表": p.sheet, "行号": p.row, "列": p.column, "台账所写合计": _number(p.stated),
             "各行相加": _number(p.summed),
             "相差": _number(None if p.stated is None or p.summed is None else p.stated - p.summed)} for p in totals],
            totals)
    for category, title in (("unreadable", "无法读取的文件"), ("warning", "提示")):
        found = model.of(category)
        if found:
            tables[title] = place([{"文件": p.file or "—", "工作表": p.sheet or "—", "问题": p.reason} for p in found],
                                  found)
    for category, title in (("reject", "无法读取的行（已剔除）"), ("duplicate", "重复登记（只计一次）")):
        found = model.of(category)
        if not found:
            continue
        if county:
            counted = (pd.DataFrame({"乡镇": [p.township or UNKNOWN_TOWNSHIP for p in found],
                                     "文件": [p.file for p in found], "行数": [p.rows for p in found]})
                       .groupby(["乡镇", "文件"], sort=True)["行数"].sum().reset_index())
            tables[title] = counted
        else:
            tables[title] = pd.DataFrame([{"文件": p.file, "工作表": p.sheet, "行号": p.row, "列": p.column or "—",
                                           "原内容": p.value or "", "问题": p.reason} for p in found])
    return tables


# --------------------------------------------------------------------------- the workbook


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of []:*?/\\)."""
    title = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "_"
    base, n = title, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _display_width(text: str) -> float:
    """Width in Excel's column units (one ``0``): a Chinese or full-width character takes about two."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def _row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """Points for a row whose wrapped cells need that many lines (Excel and WPS do not measure it on opening)."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and value:
            lines = max(lines, *(math.ceil(_display_width(part) / max(width - 1, 1)) for part in value.split("\n")))
    return 15.0 * min(lines, 12)


# The 问题清单's cell styles, registered in each workbook as named styles (Excel's 单元格样式) and applied
# by name: a style object set on a cell is looked up among the workbook's by its hash, its four sides and
# their colours hashed again at every cell (about 0.6 s of the county's list of about 8,600 cells; docs/performance.md).
HEADER_STYLE = "问题清单 表头"
BODY_STYLE = "问题清单 正文"
COUNT_STYLE = "问题清单 计数"


def _register_styles(wb) -> None:
    """Add the 问题清单's named styles to ``wb`` (once)."""
    from copy import copy

    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.styles.fonts import DEFAULT_FONT

    if HEADER_STYLE in wb.named_styles:
        return
    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    wb.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True), fill=PatternFill("solid", fgColor="DDE4EE"),
                                  border=border, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)))
    wb.add_named_style(NamedStyle(BODY_STYLE, font=copy(DEFAULT_FONT), border=border,
                                  alignment=Alignment(vertical="top", wrap_text=True)))
    wb.add_named_style(NamedStyle(COUNT_STYLE, font=copy(DEFAULT_FONT), border=border))


def _fill_sheet(ws, problems: Sequence[Problem], heading: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from sansong_analysis.publish.excel import xlsx_value

    _register_styles(ws.parent)
    ws.cell(row=1, column=1, value=xlsx_value(heading)).font = Font(bold=True, size=13)
    header_row = 2
    headings = ["序号"] + [h for _, h, _ in COLUMNS]
    widths = [6] + [w for _, _, w in COLUMNS]
    for c, (text, width) in enumerate(zip(headings, widths, strict=True), start=1):
        ws.cell(row=header_row, column=c, value=text).style = HEADER_STYLE
        ws.column_dimensions[get_column_letter(c)].width = width
    if not problems:
        ws.cell(row=header_row + 1, column=1, value=1).style = COUNT_STYLE
        for c in range(2, len(headings) + 1):
            ws.cell(row=header_row + 1, column=c).style = COUNT_STYLE
        ws.cell(row=header_row + 1, column=2, value=NO_PROBLEMS).font = Font(bold=True, color="2E7D32")
    for r, p in enumerate(problems, start=header_row + 1):
        values = [r - header_row] + [getattr(p, attr) for attr, _, _ in COLUMNS]
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = xlsx_value(value)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, whatever it looks like
            cell.style = BODY_STYLE
        ws.row_dimensions[r].height = _row_height(values, widths)
    last = header_row + max(1, len(problems))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headings))}{last}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _fill_overview(ws, model: LedgerProblems, groups: Sequence[tuple[str | None, str]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from sansong_analysis.publish.excel import xlsx_value

    _register_styles(ws.parent)
    ws.cell(row=1, column=1, value="各乡镇台账问题汇总（明细见各乡镇工作表）").font = Font(bold=True, size=13)
    headings = ["乡镇", *CATEGORIES.values(), "合计"]
    for c, text in enumerate(headings, start=1):
        ws.cell(row=2, column=c, value=text).style = HEADER_STYLE
        ws.column_dimensions[get_column_letter(c)].width = 16 if c == 1 else 11
    for r, (township, _title) in enumerate(groups, start=3):
        counts = dict.fromkeys(CATEGORIES, 0)
        for p in model.for_township(township):
            counts[p.category] += 1
        values = [xlsx_value(township or UNKNOWN_TOWNSHIP), *counts.values(), sum(counts.values())]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.style = COUNT_STYLE
    if not groups:
        ws.cell(row=3, column=1, value=NO_PROBLEMS).font = Font(bold=True, color="2E7D32")
    ws.row_dimensions[2].height = 32
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headings))}{2 + max(1, len(groups))}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def problem_workbook(model: LedgerProblems, townships: Sequence[str] = ()):
    """``问题清单.xlsx`` as an openpyxl Workbook.

    A township's: one sheet, 问题清单. The county's: 汇总 (counts by township
    and kind), then a sheet per township in ``townships`` (those without
    problems say 未发现问题) and one for problems whose township is unknown.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if model.township is not None:
        ws.title = "问题清单"
        _fill_sheet(ws, model.problems, f"{model.township}台账问题清单（请逐条更正后重新报送）")
        return wb
    names: list[str | None] = sorted(set(townships) | {t for t in model.townships() if t is not None})
    if any(p.township is None for p in model.problems):
        names.append(None)
    taken = {SUMMARY_SHEET}
    groups = [(name, _sheet_title(name or UNKNOWN_TOWNSHIP, taken)) for name in names]
    ws.title = SUMMARY_SHEET
    _fill_overview(ws, model, groups)
    for name, title in groups:
        sheet = wb.create_sheet(title)
        label = name or UNKNOWN_TOWNSHIP
        _fill_sheet(sheet, model.for_township(name), f"{label}台账问题清单（请逐条更正后重新报送）")
    return wb


def write_problem_list(township: str | None, processed_dir: Path, out_dir: Path) -> Path:
    """Write ``out_dir/问题清单.xlsx`` for ``township`` (``None``: the county) from the processed folder."""
    from sansong_analysis import store
    from sansong_analysis.figures import all_townships

    processed_dir, out_dir = Path(processed_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = store.load(processed_dir, township=township)
    summary = store.load_summary(processed_dir)
    known = _known_townships(processed_dir) if township is not None else all_townships(frames)
    model = ledger_problems(summary, frames, township, known_townships=known)
    workbook = problem_workbook(model, townships=all_townships(frames) if township is None else ())
    path = out_dir / PROBLEM_LIST
    return fsutil.atomic_write(path, workbook.save)


def _known_townships(processed_dir: Path) -> list[str]:
    """Every township in the processed frames, from their township columns alone."""
    from sansong_analysis.figures import RECORD_FRAMES, all_townships

    columns = {
        name: pd.read_parquet(path, columns=["township"])
        for name in RECORD_FRAMES
        if (path := processed_dir / f"{name}.parquet").exists()
    }
    return all_townships(columns)


__all__ = [
    "CATEGORIES", "NO_PROBLEMS", "PROBLEM_LIST", "LedgerProblems", "Problem", "SheetNote", "duplicate_problem",
    "ledger_problems", "problem_table", "problem_workbook", "summary_digests", "quality_sentences", "quality_tables",
    "reject_problem", "summary_findings",
    "unmatched_visit_problems", "write_problem_list",
]

"""Checks on a finished clean that catch what slipped through recognition.

A misread sheet rarely fails outright: it yields rows that are mostly rejects, or visits that
match nobody, or a township that has visits and no roster (its coverage then reads as nothing
at all). Each check here turns one such sign into a line the analyst reads in the clean summary
and the reports. Pure functions of the clean's results and frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sansong_analysis.ledgers import LEDGERS

if TYPE_CHECKING:
    import pandas as pd

# A sheet whose data rows are more than this share rejects was probably read as the wrong ledger,
# or with the wrong columns; at least FLAG_MIN_REJECTS of them, so that one planted mistake in a
# three-row sheet is not taken for a misreading.
FLAG_REJECT_SHARE = 0.30
FLAG_MIN_REJECTS = 2


# Titles, unit notes and 填报单位 lines above a header are a few rows; more than this many rows with
# content above it are a table the reader did not read (a roster above the visit log, 一村一表).
FLAG_ROWS_ABOVE_HEADER = 5


@dataclass(frozen=True)
class _Sheet:
    """What ``sheet_flag`` is told of a sheet read as ``ledger`` (the arguments, by name)."""

    ledger: str
    records: int
    rejects: int
    above_header: int
    beside: dict | None
    below_form: dict | None
    counts: dict | None
    table_above: bool
    other_header: dict | None
    hidden: bool
    copied: dict | None
    overlap: dict | None
    hidden_records: dict | None
    struck_records: dict | None
    summary: dict | None
    split: dict | None
    possible_sums: dict | None
    unread_farmland: dict | None
    small_amounts: dict | None
    unread_visit_dates: dict | None
    unread_households: dict | None
    large_amounts: dict | None
    repeated_rows: dict | None
    merged_records: dict | None
    after_of_which: dict | None
    balances: dict | None
    balance_breaks: dict | None
    unsaid: dict | None
    other_years: dict | None
    year_turn: dict | None
    unreceived: dict | None
    unread_cells: dict | None
    void_remarks: dict | None
    outcome_remarks: dict | None
    unfinished: dict | None
    other_township: dict | None
    other_village: dict | None
    rival_columns: dict | None
    undated: dict | None

    @property
    def label(self) -> str:
        return LEDGERS[self.ledger].label


def sheet_flag(ledger: str | None, records: int, rejects: int, above_header: int = 0,
               beside: dict | None = None, counts: dict | None = None, *, table_above: bool = False,
               other_header: dict | None = None, hidden: bool = False, copied: dict | None = None,
               overlap: dict | None = None, hidden_records: dict | None = None,
               summary: dict | None = None, split: dict | None = None,
               possible_sums: dict | None = None, unread_farmland: dict | None = None,
               small_amounts: dict | None = None, unread_visit_dates: dict | None = None,
               unread_households: dict | None = None,
               large_amounts: dict | None = None, repeated_rows: dict | None = None,
               merged_records: dict | None = None, after_of_which: dict | None = None, balances: dict | None = None,
               unsaid: dict | None = None, other_years: dict | None = None, year_turn: dict | None = None,
               unreceived: dict | None = None, unread_cells: dict | None = None,
               void_remarks: dict | None = None, unfinished: dict | None = None,
               other_township: dict | None = None, rival_columns: dict | None = None,
               undated: dict | None = None, other_village: dict | None = None,
               outcome_remarks: dict | None = None, balance_breaks: dict | None = None,
               struck_records: dict | None = None, below_form: dict | None = None) -> dict | None:
    """``可能识别有误`` for a sheet most of whose data rows were rejected; ``可能漏读`` for one with many
    rows of content above the header it was read by, or with its header printed again to the right
    (two entries a line: ``beside``, see ``tidy.repeated_block``), or a header with entries under it
    above the header, however few its rows (``table_above``); ``可能识别有误`` for one with a row of its
    body that reads as another table's header (``other_header``: the rows under it may be that
    table's, read as this one's); ``可能少计`` for a visit log whose
    走访次数 column says some rows stand for more than one visit (``counts``, ``tidy.visit_counts``), or a
    disputes list whose 件数 column says so of disputes (``tidy.dispute_counts``);
    ``重复登记`` for a sheet every record of which repeats one counted in other sheets (``copied``:
    the records and where they are counted, see ``copies``), its records counted once;
    ``可能多计`` for one most of whose records, not all, repeat others' (``overlap``), all counted, or a visit log
    some of whose visits another log holds, told apart only by a cadre or kind it does not write (``overlap``
    with ``unread``);
    ``可能少计`` for one whose quantity is split over sub-columns without a 小计, one of them read
    (``split``), or a projects table with no 受益农田 column whose 亩 or 灌溉面积 columns were not read
    (``unread_farmland``), or an amount column with no unit whose values are all under 100 元 with
    decimals, likely written in 万元 (``small_amounts``); ``可能多计`` for one headed 万元 whose values run
    to thousands, likely written in 元 (``large_amounts``); ``可能少计`` for a visit log with more visits' dates in
    columns not read (``unread_visit_dates``), or with more households visited in columns not read
    (``unread_households``: 走访对象1 | 走访对象2, one read; or a roster's households of a row likewise); ``汇总表`` for one some of whose rows total other sheets' records place by place (``summary``,
    ``copies.summary_sheets``), skipped;
    ``可能多计`` for a sheet hidden in its workbook whose records were counted (``hidden``: a copy or a
    draft the team hid rather than deleted would count twice, and the analyst who opens the file does
    not see it), or one with records on rows hidden in Excel (``hidden_records``: rows hidden or filtered
    out, often entries struck off but not deleted), or on rows struck through (``struck_records``: 删除线, an
    entry struck off but not deleted), or with undated rows, each the sum of its
    village's rows, read as records (``possible_sums``: a village's total without a 小计 word, or a
    donation that happens to equal it), or with records alike in every field to one above them
    (``repeated_rows``: a dispute, project or donation entered twice, or two alike); ``可能少计`` for a visit log
    with visits alike in household, date, cadre and kind, counted once, whose rows differ in a column not
    read (``merged_records``: two cadres' visits under a 干部姓名 no field reads), or a roster with households of
    one place and name, counted once, whose rows differ (two 张三 in a village without a 组 column); ``可能多计`` for
    one with records
    right after a 其中 row that may break the row above down too (``after_of_which``), or with funds
    records saying they are a balance carried from before (``balances``: 上年结转, 期初余额); ``可能有误`` for a funds list
    kept as an account whose 余额 does not follow from the rows above (``balance_breaks``); ``可能少计``
    for a disputes list with no 调处结果 column or a roster with no 是否贫困户 column, every record taking
    the default (``unsaid``: none resolved, none poor); ``日期可能有误`` for one with records dated in another
    year than the one it names (``other_years``), counted as dated, or whose dates written without their year go
    from December back to January down the rows, all read in the year it names (``year_turn``); ``可能多计`` for a funds list whose 是否到位
    column says some donations have not come in (``unreceived``), counted; ``部分单元格无法识别`` for one with
    records whose cell of a side field (受益户数, 慰问金) could not be read, left empty (``unread_cells``);
    ``可能多计`` for one with records whose 备注 says they should not count (``void_remarks``: 作废, 重复登记,
    已迁出, 未实施), counted; ``可能多计`` for a disputes list with disputes its 调处结果 says were resolved and its 备注
    says were not (``outcome_remarks``: 已化解 | 一方反悔), counted as resolved; ``可能多计`` for a projects table whose 竣工时间 or 建设进度 says some projects are not
    completed (``unfinished``: 在建, 未开工), counted; ``乡镇可能有误`` for one with records counted in another
    township than the one its file's name or folder names (``other_township``); ``村可能有误`` for one with records counted in
    the village its title names where its sheet's, file's or a folder's name names another (``other_village``); ``请核对计入的列`` for one with two
    columns naming a summed quantity whose numbers differ, one read (``rival_columns``: 金额 beside 调整后金额);
    ``按时期统计时不计入`` for funds or disputes without a date, counted in the whole only (``undated``); else None.

    >>> sheet_flag("visits", 2, 8)["reject_share"]
    0.8
    >>> sheet_flag("visits", 20, 1) is None
    True
    """
    if ledger is None:
        return None
    sheet = _Sheet(
        ledger=ledger, records=records, rejects=rejects, above_header=above_header, beside=beside, below_form=below_form,
        counts=counts,
        table_above=table_above, other_header=other_header, hidden=hidden, copied=copied, overlap=overlap,
        hidden_records=hidden_records, struck_records=struck_records, summary=summary, split=split, possible_sums=possible_sums,
        unread_farmland=unread_farmland, small_amounts=small_amounts, unread_visit_dates=unread_visit_dates,
        unread_households=unread_households,
        large_amounts=large_amounts, repeated_rows=repeated_rows, merged_records=merged_records,
        after_of_which=after_of_which, balances=balances, balance_breaks=balance_breaks,
        unsaid=unsaid, other_years=other_years, year_turn=year_turn, unreceived=unreceived, unread_cells=unread_cells,
        void_remarks=void_remarks, unfinished=unfinished, other_township=other_township, rival_columns=rival_columns,
        undated=undated, other_village=other_village, outcome_remarks=outcome_remarks,
    )
    return next(_flags(sheet), None)


def _flags(sheet: _Sheet) -> Iterator[dict]:
    """Every flag of ``sheet``, in ``FLAGS`` order; none after a copy's or a summary's (its records
    are not counted at all: what else its rows might say counts for nothing)."""
    for build in FLAGS:
        flag = build(sheet)
        if flag is not None:
            yield flag
            if flag["kind"] in UNCOUNTED_FLAGS:
                return


def _copied_flag(s: _Sheet) -> dict | None:
    if not s.copied:
        return None
    message = (
        f"重复登记：这张表的{s.copied['records']}条{s.label}记录与{s.copied['kept']}的记录逐条相同"
        "（整张表是副本或汇总），只计一次，没有再计入；如确是另外的记录，请改正后重新报送"
    )
    return {"kind": "copied_sheet", "message": message, "records": s.copied["records"]}


def _summary_flag(s: _Sheet) -> dict | None:
    if not s.summary:
        return None
    disagree = s.summary.get("disagree")
    matched = s.summary["rows"] - (len(disagree["rows"]) if disagree else 0)
    message = (
        f"汇总表：这张表有{matched}行是{s.summary['kept']}中{s.label}记录按村（乡镇）相加之和"
        f"（如{s.summary['example']}），按小计跳过，没有再计入；"
        + (f"另有{len(disagree['rows'])}行与这些记录相加之和不符（{disagree['example']}），同样按汇总跳过，"
           "请核对汇总表与明细哪一个有误；" if disagree else "")
        + "如确是另外的记录，请写明用途、来源等后重新报送"
    )
    flag = {"kind": "summary_sheet", "message": message, "rows": s.summary["rows"]}
    if disagree:
        flag["disagree"] = disagree["rows"]
    return flag


def _beside_flag(s: _Sheet) -> dict | None:
    if not s.beside:
        return None
    message = (
        f"可能漏读：按{s.label}读取，但表头从{s.beside['column']}列起又出现一次（一行并排登记两条），"
        f"只读取了左侧一栏，右侧一栏有{s.beside['rows']}行内容没有读取；请把右侧一栏移到左侧一栏下方后重新报送"
    )
    return {"kind": "side_by_side", "message": message, "column": s.beside["column"], "rows": s.beside["rows"]}


def _split_flag(s: _Sheet) -> dict | None:
    if not s.split:
        return None
    columns = _quoted([s.split["column"], *s.split["others"]])
    message = (
        f"可能少计：按{s.label}读取，{s.split['field']}分在{columns}几列，没有“小计”列，"
        f"只读取了「{s.split['column']}」一列，其余各列没有计入；请在各列右侧增加一列“小计”后重新报送"
    )
    return {"kind": "split_amount", "message": message, "column": s.split["column"]}


def _rival_columns_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with two columns naming a summed quantity whose numbers differ, one of them read."""
    found = s.rival_columns
    if not found:
        return None
    message = (
        f"请核对计入的列：按{s.label}读取，{_quoted([found['column'], *found['others']])}都像是{found['field']}，"
        f"按「{found['column']}」计入，有{found['rows']}行两列的数不同；如应按另一列计入，请在 sansong.toml 的 "
        f"[correction.columns] 中写明哪一列是“{found['field']}”，或删去不应计入的一列后重新报送"
    )
    return {"kind": "rival_columns", "message": message, "column": found["column"], "rows": found["rows"]}


def _columns_where(headings: list[str], letters: list[str], letters_note: str = "") -> str:
    """Columns named by their headings, then by their letters: 「第二次」「第三次」列和E、F列（无列名）."""
    return "和".join([*([f"{_quoted(headings)}列"] if headings else []),
                     *([f"{'、'.join(letters)}列{letters_note}"] if letters else [])])


def _unread_visit_dates_flag(s: _Sheet) -> dict | None:
    found = s.unread_visit_dates
    if not found:
        return None
    unnamed = found.get("unnamed") or []
    where = _columns_where(found["columns"], unnamed, "（无列名）")
    marked = found.get("marked_columns") or []
    what = "，".join([*([f"{where}填了{found['dates']}个走访日期"] if found["dates"] else []),
                     *([f"{_quoted(marked)}列标明{found['marked']}户已走访（没有日期）"] if marked else [])])
    message = (
        f"可能少计：按{s.label}读取，每行只按一个走访日期算一次走访，但{where}还有"
        f"{found['dates']}个日期没有计入走访次数；请每次走访登记一行（写明日期）后重新报送"
    ) if not found.get("roster") else (
        f"可能少计：按{s.label}读取（名单不计走访），{what}，没有计入走访；"
        "请把走访逐次登记在走访登记表中（每次一行，写明日期）后重新报送；已登记在走访登记表中的，无需更正"
    )
    return {"kind": "unread_visit_dates", "message": message,
            "columns": found["columns"] + [f"{u}列" for u in unnamed] + marked, "dates": found["dates"],
            **({"marked": found["marked"]} if marked else {})}


def _unread_households_flag(s: _Sheet) -> dict | None:
    found = s.unread_households
    if not found:
        return None
    where = _columns_where(found["columns"], found["unnamed"])
    message = (
        f"可能少计：按{s.label}读取，每行只按「{found['column']}」列的一户算一次走访，但{where}还有"
        f"{found['households']}户没有计入走访；请每走访一户登记一行后重新报送"
    ) if not found.get("roster") else (
        f"可能少计：按{s.label}读取，每行只按「{found['column']}」列算一户，但{where}还有"
        f"{found['households']}户没有计入名单，户数和走访覆盖率因此有误；请每户登记一行后重新报送"
    )
    return {"kind": "unread_households", "message": message, "column": found["column"],
            "columns": found["columns"] + [f"{u}列" for u in found["unnamed"]], "households": found["households"]}


def _large_amounts_flag(s: _Sheet) -> dict | None:
    if not s.large_amounts:
        return None
    message = (
        f"可能多计：按{s.label}读取，「{s.large_amounts['column']}」列的单位是万元，但{s.large_amounts['rows']}行的数"
        "大多在1000以上（每行合1000万元以上），可能是按元填写的；如是元，请把单位改为元后重新报送"
    )
    return {"kind": "large_amounts", "message": message, "column": s.large_amounts["column"]}


def _small_amounts_flag(s: _Sheet) -> dict | None:
    if not s.small_amounts:
        return None
    column = s.small_amounts["column"]
    message = (
        f"可能少计：按{s.label}读取，「{column}」列没有写单位，按元计入，"
        f"但{s.small_amounts['rows']}行都不到100元且带小数，可能是按万元填写的；如是万元，请把列名改为"
        f"“{column}（万元）”或在表头上方写明“单位：万元”后重新报送"
    )
    return {"kind": "small_amounts", "message": message, "column": column}


def _unread_farmland_flag(s: _Sheet) -> dict | None:
    found = s.unread_farmland
    if not found:
        return None
    text = found.get("text")
    # The words of a project (建设内容 受益农田500亩): read where they state the farmland benefited, else said.
    words = [] if text is None else [
        *([f"{_quoted(text['columns'])}列中{text['read']}行按其中写明的“受益农田××亩”计入"] if text["read"] else []),
        *([f"{text['unread']}行文字写的面积（如「{text['example']}」）不是写明的受益农田（或写了不止一处），没有计入"]
          if text["unread"] else []),
    ]
    if found["rows"]:
        message = (
            f"可能少计：按{s.label}读取，表中没有“受益农田”列，{_quoted(found['columns'])}列有"
            f"{found['rows']}行填了数，没有计入受益农田；{''.join(w + '；' for w in words)}如是项目受益的农田，"
            "请把列名改为“受益农田（亩）”（分几列的合为一列）后重新报送，或在 sansong.toml 的 [correction.columns] "
            "中写明该列是“受益农田”"
        )
        return {"kind": "unread_farmland", "message": message, "columns": found["columns"]}
    message = (
        f"{'可能少计' if text['unread'] else '请核对'}：按{s.label}读取，表中没有“受益农田”列，"
        f"{'；'.join(words)}；请增加“受益农田（亩）”列逐行填写后重新报送"
    )
    return {"kind": "unread_farmland", "message": message, "columns": text["columns"]}


def _counts_flag(s: _Sheet) -> dict | None:
    counts = s.counts
    if not counts:
        return None
    if s.ledger == "disputes":
        what, unit, figure, fix = "一件纠纷", "件", "受理矛盾纠纷", "请每件纠纷登记一行（写明受理日期、类型和调处结果）"
    else:
        what, unit, figure, fix = "一次走访", "次", "走访次数", "请每次走访登记一行（写明日期）"
    message = (
        f"可能少计：按{s.label}读取，每行算{what}，但「{counts['heading']}」列（{counts['column']}列）"
        f"有{counts['rows']}行写着不止一{unit}，多出的{counts['extra']}{unit}没有计入{figure}；{fix}后重新报送"
    )
    return {"kind": "dispute_counts" if s.ledger == "disputes" else "visit_counts", "message": message,
            "column": counts["column"], "rows": counts["rows"], "extra": counts["extra"]}


def _other_header_flag(s: _Sheet) -> dict | None:
    if not s.other_header:
        return None
    message = (
        f"可能识别有误：按{s.label}读取，但第{s.other_header['row']}行像是另一张表的表头（{s.other_header['texts']}），"
        f"没有读取；其下各行仍按{s.label}读取，请用 sansong inspect 查看，如是另一张表，请移到单独的工作表"
    )
    return {"kind": "other_header", "message": message, "row": s.other_header["row"]}


def _above_header_flag(s: _Sheet) -> dict | None:
    if not (s.above_header > FLAG_ROWS_ABOVE_HEADER or s.table_above and s.above_header):
        return None
    message = (
        f"可能漏读：按{s.label}读取，但表头之上还有{s.above_header}行内容没有读取（可能是另一张表），"
        "请把它移到单独的工作表，或用 sansong inspect 查看"
    )
    return {"kind": "rows_above_header", "message": message, "rows": s.above_header}


def _below_form_flag(s: _Sheet) -> dict | None:
    found = s.below_form
    if not found:
        return None
    message = (
        f"可能漏读：按{s.label}（表单式，每块一条）读取，但表单下方第{found['first']}行起还有{found['rows']}行像是一张表"
        f"（有日期），没有读取；如是走访记录，请在表头写明“走访日期”等列名，或把它移到单独的工作表后重新报送"
    ) if not found.get("households") else (
        f"可能漏读：按{s.label}（表单式）读取了{s.records}户，但第{found['first']}行起还有{found['households']}户的户主信息和"
        f"走访记录（共{found['rows']}行），没有读取，这些户也没有计入名单；像是几户的联系卡放在同一个工作表中，"
        "请每户一个工作表（一户一档）后重新报送"
    )
    return {"kind": "rows_below_form", "message": message, "rows": found["rows"]}


def _misread_flag(s: _Sheet) -> dict | None:
    from sansong_analysis.wording import format_percent  # pandas: not in the clean's pool workers

    rows = s.records + s.rejects
    if rows == 0 or s.rejects < FLAG_MIN_REJECTS or s.rejects / rows <= FLAG_REJECT_SHARE:
        return None
    share = s.rejects / rows
    message = (
        f"可能识别有误：按{s.label}读取，{rows}行数据中有{s.rejects}行无法读取（{format_percent(share)}），"
        "请用 sansong inspect 查看这张表是如何读取的，必要时在 sansong.toml 中更正"
    )
    return {"kind": "probably_misread", "message": message, "reject_share": round(share, 4)}


# What names a dispute or project listed again (``copies.IDENTITY``), in the analyst's words.
_NAMED_BY = {"disputes": "受理日期、纠纷类型和所在村", "projects": "项目名称和所在村"}


def _overlap_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet most of whose records repeat records of other sheets, all counted."""
    overlap = s.overlap
    if not overlap:
        return None
    if overlap.get("versions"):
        only_kept, only_here = overlap["versions"]
        message = (
            f"可能多计：这张名单的{s.records}户中有{overlap['records']}户也在{overlap['kept']}中，那张另有{only_kept}户"
            f"不在这张、这张另有{only_here}户不在那张，像是同一名单的新旧两个版本；两张的户都已计入（相同的只计一次），"
            "如其中一张已不再使用，请删除它后重新报送，或在 sansong.toml 中以 ledger = \"ignore\" 忽略"
        )
        return {"kind": "roster_versions", "message": message, "records": overlap["records"],
                "versions": list(overlap["versions"])}
    if overlap.get("unread") or overlap.get("apart"):
        # Records another sheet holds too, told apart only by what one of the two does not write: a visit log's
        # cadre or kind (``unread``), a funds or disputes sheet's field only one writes (``apart``).
        lacking = "、".join(overlap.get("unread") or overlap["apart"])
        if overlap.get("unread"):
            noun, alike = "走访", f"的走访户主、走访日期相同，本表没有写{lacking}，无法分辨是否同一次走访"
            what = f"{s.records}条走访"
        else:
            noun, alike = "记录", f"的记录除{lacking}外逐条相同（{lacking}只有其中一张写了，无法据以区分）"
            what = f"{s.records}条{s.label}记录"
        message = (
            f"可能多计：这张表的{what}中有{overlap['records']}条与{overlap['kept']}{alike}，都已计入；"
            f"如是同一批{noun}（如汇总表与明细表），请只报送一份（或在 sansong.toml 中以 ledger = \"ignore\" 忽略这张），"
            f"如是另外的{noun}，请写明{lacking}后重新报送"
        )
        return {"kind": "overlapping_sheet", "message": message, "records": overlap["records"]}
    if overlap.get("changed"):
        what = _NAMED_BY.get(s.ledger, "")
        message = (
            f"可能多计：这张表的{s.records}条{s.label}记录中有{overlap['records']}条与{overlap['kept']}的记录"
            f"{what}相同，像是同一批再次登记（其后的进展已更新），都已计入；如是逐月（季）累计的台账，请只保留最新的一张，"
            "在 sansong.toml 中以 ledger = \"ignore\" 忽略较早的各张"
        )
        return {"kind": "overlapping_sheet", "message": message, "records": overlap["records"]}
    message = (
        f"可能多计：这张表的{s.records}条{s.label}记录中有{overlap['records']}条与{overlap['kept']}的记录逐条相同，"
        "都已计入；如它是汇总表或副本，请删除重复的行后重新报送，或在 sansong.toml 中以 ledger = \"ignore\" 忽略"
    )
    return {"kind": "overlapping_sheet", "message": message, "records": overlap["records"]}


def _hidden_flag(s: _Sheet) -> dict | None:
    """The flag of a hidden sheet whose records were counted, else None."""
    if not s.hidden or s.records == 0:
        return None
    message = (
        f"可能多计：这个工作表在 Excel 中是隐藏的，但已按{s.label}读取{s.records}条记录并计入；"
        "如它是副本或草稿，请删除后重新报送，或在 sansong.toml 中以 ledger = \"ignore\" 忽略"
    )
    return {"kind": "hidden_sheet", "message": message, "records": s.records}


# The hidden rows a flag names; the rest are counted.
HIDDEN_ROWS_SHOWN = 5


def hidden_records(source_rows: list[int], hidden_rows) -> dict | None:
    """The records of a sheet read from rows hidden in Excel: how many, and the first rows.

    >>> hidden_records([2, 3, 5, 6], frozenset({3, 6, 9}))
    {'records': 2, 'rows': [3, 6]}
    """
    rows = [r for r in source_rows if r in hidden_rows]
    return {"records": len(rows), "rows": rows[:HIDDEN_ROWS_SHOWN]} if rows else None


def _rows_flag(kind: str, found: dict | None, say) -> dict | None:
    """A flag naming a sheet's rows whose records were all counted: ``found`` is ``{"records": n, "rows":
    [the first rows]}`` (or None: no flag), ``say(rows, n)`` the message (``rows`` in words: ``4、5、9等``)."""
    if not found:
        return None
    n = found["records"]
    return {"kind": kind, "message": say(_row_list(found["rows"], n), n), "records": n}


def _hidden_rows_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records on rows hidden in Excel, all counted."""
    return _rows_flag("hidden_rows", s.hidden_records, lambda rows, n: (
        f"可能多计：第{rows}行在 Excel 中是隐藏的（隐藏行或被筛选掉），其中{n}条{s.label}记录已计入；"
        "如是作废的记录，请删除这些行后重新报送；如应计入，请取消隐藏"
    ))


def _struck_rows_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records on rows struck through in Excel (删除线), all counted."""
    return _rows_flag("struck_rows", s.struck_records, lambda rows, n: (
        f"可能多计：第{rows}行的文字在 Excel 中加了删除线（常用来表示作废），其中{n}条{s.label}记录已计入；"
        "如已作废，请删除这些行后重新报送；如应计入，请去掉删除线"
    ))


def _quoted(headings: list[str]) -> str:
    """Column headings named in a flag: 「新增灌溉面积」、「改善灌溉面积」."""
    return "、".join(f"「{h}」" for h in headings)


def _row_list(shown: list[int], n: int) -> str:
    """Rows named in a flag: ``4、5、9``, and ``等`` when there are more than those ``n``."""
    return "、".join(str(r) for r in shown) + ("等" if n > len(shown) else "")


def _possible_sums_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with undated rows read as records that each sum their village's rows."""
    if s.possible_sums and s.possible_sums.get("sections"):
        return _rows_flag("possible_sums", s.possible_sums, lambda rows, n: (
            f"可能多计：第{rows}行的序号（一、二……）是分类的编号，不是各条记录的编号（1、2……），像是分类小计，"
            f"但数额与其下各行之和不符，已作为{n}条{s.label}记录计入；如是小计，请核对后在该行写明“小计”重新报送"
        ))
    return _rows_flag("possible_sums", s.possible_sums, lambda rows, n: (
        f"可能多计：第{rows}行没有日期，{'其' if n == 1 else '各行'}数额恰好等于上面（或下面）几行之和，可能是小计，"
        f"已作为{n}条{s.label}记录计入；如是小计，请在该行写明“小计”后重新报送"
    ))


def _pairs_shown(found: dict, there: str = "") -> str:
    """The pairs of rows a flag names: 第5行同第3行 (第5行同该表第3行, ``there`` 该表, for a row of another sheet),
    and 等 when there are more than those shown."""
    pairs = found["pairs"]
    return "、".join(f"第{b}行同{there}第{a}行" for a, b in pairs) + ("等" if found["records"] > len(pairs) else "")


def _repeated_rows_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records alike in every field to one above them, all counted."""
    found = s.repeated_rows
    if not found:
        return None
    n = found["records"]
    shown = _pairs_shown(found)
    message = (
        f"可能多计：有{n}条{s.label}记录与本表上面的一行各栏完全相同（{shown}），可能是重复登记，已都计入；"
        "如是重复登记，请删除多余的行后重新报送"
    )
    return {"kind": "repeated_rows", "message": message, "records": n}


def _merged_records_flag(s: _Sheet) -> dict | None:
    """The flag of a visit log with visits alike in what makes a visit one, or of a roster with households
    alike in place and head, counted once, whose rows differ in something else."""
    found = s.merged_records
    if not found:
        return None
    n = found["records"]
    if "kept" in found and s.ledger == "visits":  # a visit log's visits counted once with another sheet's
        shown = _pairs_shown(found, "该表")
        return {"kind": "merged_visits", "records": n, "message": (
            f"可能少计：有{n}条走访与{found['kept']}中的走访户主、走访日期相同（两张表都没有读取到走访人），"
            f"按同一次走访只计一次（{shown}）；如是不同干部的走访，请在表中写明走访人（列名如“走访干部”）后重新报送"
        )}
    if "kept" in found and s.ledger == "roster":  # households another list read before writes otherwise
        shown = _pairs_shown(found, "该表")
        return {"kind": "merged_households", "records": n, "message": (
            f"可能有误：有{n}户与{found['kept']}中的一户同村同名，按同一户只计一次，但{_quoted(found['columns'])}"
            f"写得不同（{shown}），按先读到的{found['kept']}计入；如是同一户，请核对哪一份是对的，改正或删除另一份；"
            "如是同名的两户，请写明各自的村民小组后重新报送"
        )}
    shown = _pairs_shown(found)
    differ = f"但两行的{_quoted(found['columns'])}不同" if found["columns"] else "但两行写得不同"
    if s.ledger == "roster":
        place = "同村同组" if found["read"] else "同村（表中没有村民小组）"
        return {"kind": "merged_households", "records": n, "message": (
            f"可能少计：有{n}户与本表上面的一户户主同名、{place}，按同一户只计一次（{shown}），{differ}；"
            "如是同名的两户，请写明各自的村民小组（或在户主姓名后注明区别）后重新报送"
        )}
    alike = "、".join(["户主", "走访日期", *found["read"]])
    unread = "" if "走访人" in found["read"] else "（表中没有读取到走访人）"
    return {"kind": "merged_visits", "records": n, "message": (
        f"可能少计：有{n}条走访与本表上面的一行{alike}相同{unread}，按同一次走访只计一次（{shown}），"
        f"{differ}；如是两次走访，请写明各自的走访人（列名如“走访干部”）或走访形式后重新报送"
    )}


def _after_of_which_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records that may break the row above them down (其中 …), all counted."""
    return _rows_flag("after_of_which", s.after_of_which, lambda rows, n: (
        f"可能多计：第{rows}行可能是上面一行的细分（写着“其中”、紧接在“其中”之后，或编号为上面一行的分项，如1.1），"
        f"但与上面一行对不上，已作为{n}条{s.label}记录计入；如是细分，请使各项之和等于上面一行，改正后重新报送"
    ))


def _balances_flag(s: _Sheet) -> dict | None:
    """The flag of a funds sheet with records that say they are a balance carried from before, all counted."""
    return _rows_flag("carried_balance", s.balances, lambda rows, n: (
        f"可能多计：第{rows}行写的是上年（上期）结转或期初余额，不是本期筹集的资金，已作为{n}条{s.label}记录计入；"
        "如不应计入本期筹资，请删除这些行后重新报送"
    ))


def _balance_breaks_flag(s: _Sheet) -> dict | None:
    """The flag of a funds list kept as an account (收入 | 支出 | 余额) whose 余额 does not follow from the rows above."""
    found = s.balance_breaks
    if not found:
        return None
    n = found["records"]
    return {"kind": "balance_breaks", "records": n, "message": (
        f"可能有误：按{s.label}（收支账）读取，第{_row_list(found['rows'], n)}行的余额不等于上一行的余额加本行收入、"
        f"减本行支出（第{found['rows'][0]}行应为{_figure(found['expected'])}元，表中写{_figure(found['written'])}元），"
        "可能漏记或记错了收入、支出（收入按表中所填计入）；请核对后重新报送"
    )}


def _unsaid_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with no column for a field a headline figure counts (调处结果, 是否贫困户)."""
    found = s.unsaid
    if not found:
        return None
    n, heading, default = found["records"], found["field"], found["as"]
    if s.ledger == "disputes":
        unit, figure = "起纠纷", "调处成功数和调处成功率"
    else:
        unit, figure = "户", "困难户数和困难户走访数"
    by = (f"“{found['resolved_by']}”列填了日期的{found['resolved']}{unit}按“调处成功”计入，其余"
          if found.get("resolved") else "")
    if found.get("taken"):  # households of it another list writes the column for (clean._poor_across_lists)
        n -= found["taken"]
        by = f"其中{found['taken']}户也列在{found['from']}中，按那里写明的计入，其余"
    message = (
        f"可能少计：按{s.label}读取，表中没有“{heading}”列，{by}{n}{unit}{'都' if n > 1 and not by else ''}"
        f"按“{default}”计入，"
        f"{figure}因此可能偏低；"
        f"请增加“{heading}”列后重新报送，或在 sansong.toml 的 [correction.columns] 中写明哪一列是“{heading}”"
    )
    return {"kind": "unsaid_column", "message": message, "field": heading, "records": n}


def _unsaid(result) -> dict | None:
    """A sheet's unsaid field, the lists its households' poor status was taken from (if any) in words."""
    unsaid = result.unsaid
    if not unsaid or "from" not in unsaid:
        return unsaid
    return {**unsaid, "from": _sheets_named(result, unsaid["from"])}


def _unreceived_flag(s: _Sheet) -> dict | None:
    """The flag of a funds sheet whose 是否到位 column says some donations have not come in, all counted."""
    found = s.unreceived
    return _rows_flag("unreceived_funds", found, lambda rows, n: (
        f"可能多计：{'分节标题' if found['column'] is None else '「' + found['column'] + '」列'}写明第{rows}行的资金没有"
        f"（全部）到位，已作为{n}条{s.label}记录全额计入；"
        "筹资只应计入已到位的资金，如是认捐未到账，请删除或改正这些行后重新报送"
    ))


def _void_remarks_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records whose 备注 says they should not count (作废, 重复登记), all counted."""
    found = s.void_remarks
    return _rows_flag("void_remarks", found, lambda rows, n: (
        f"可能多计：第{rows}行的{found.get('column', '备注')}写着{_quoted(found['remarks'])}，像是不应计入的记录（作废、重复登记、已迁出、"
        f"未实施等），已作为{n}条{s.label}记录计入；如确不应计入，请删除这些行后重新报送"
    ))


def _outcome_remarks_flag(s: _Sheet) -> dict | None:
    """The flag of a disputes list whose 调处结果 says some disputes were resolved and whose 备注 says not."""
    found = s.outcome_remarks
    return _rows_flag("outcome_remarks", found, lambda rows, n: (
        f"可能多计：第{rows}行的调处结果写着调处成功，备注却写着{_quoted(found['remarks'])}，这{n}起纠纷已按调处成功计入；"
        "如实际没有化解（反悔、未履行、移交），请改正调处结果后重新报送"
    ))


def _unfinished_flag(s: _Sheet) -> dict | None:
    """The flag of a projects table whose 竣工时间 or 建设进度 says some projects are not completed, all counted."""
    found = s.unfinished
    return _rows_flag("unfinished_projects", found, lambda rows, n: (
        f"可能多计：{found.get('where') or '「' + str(found['column']) + '」列'}写明第{rows}行的项目没有完工"
        f"（{_quoted(found['said'])}），已作为{n}条{s.label}"
        "记录计入，其受益农田和投资额都已计入（按时期统计时，没有竣工日期的项目不计入）；"
        "如不应计入，请删除这些行或移到完工那一期的台账后重新报送"
    ))


def _other_township_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records counted in another township than its file's name or folder names."""
    found = s.other_township
    return _rows_flag("other_township", found, lambda rows, n: (
        f"乡镇可能有误：{found['filed_source']}写的是{found['filed']}，但第{rows}行的{n}条{s.label}记录按"
        f"{'、'.join(found['sources'])}计入了{'、'.join(found['townships'])}；如是照抄了别的乡镇的表（标题、工作表名或乡镇列"
        "写错），请改正后重新报送"
    ))


def _other_village_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records counted in the village its title names where its sheet's, file's or a
    folder's name names another."""
    found = s.other_village
    return _rows_flag("other_village", found, lambda rows, n: (
        f"村可能有误：{found['filed_source']}写的是{found['filed']}，但第{rows}行的{n}条{s.label}记录按标题计入了"
        f"{'、'.join(found['villages'])}；如是照抄了别的村的表（标题或{found['filed_source']}写错），请改正后重新报送"
    ))


def _undated_flag(s: _Sheet) -> dict | None:
    """The flag of a funds or disputes sheet with records without a date (or a projects sheet with some 已竣工, no
    day): counted in the whole, in no period."""
    found = s.undated
    return _rows_flag("undated_records", found, lambda rows, n: (
        f"按时期统计时不计入：第{rows}行的{n}条{s.label}记录没有{found['field']}，全部合计时计入，按时期（某年、某季、"
        f"某月）统计时无法归入，不会计入；请补填{found['field']}后重新报送"
    ))


def _unread_cells_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records whose cell of a side field could not be read, left empty."""
    found = s.unread_cells
    if not found:
        return None
    more = "等" if found["records"] > len(found["examples"]) else ""
    message = (
        f"部分单元格无法识别：{'；'.join(found['examples'])}{more}（共{found['records']}条{s.label}记录），"
        "这些单元格按空白处理，记录本身已计入；请改正后重新报送"
    )
    return {"kind": "unread_cells", "message": message, "records": found["records"]}


def _other_years_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet with records dated in another year than the one it names, all counted."""
    found = s.other_years
    return _rows_flag("dates_outside_year", found, lambda rows, n: (
        f"日期可能有误：这张表写明是{found['year']}年的，但第{rows}行的{found['field']}在"
        f"{'、'.join(f'{y}年' for y in found['years'])}，"
        f"已按所填日期计入（按{found['year']}年统计时不会计入）；如是笔误，请改正后重新报送"
    ))


def _year_turn_flag(s: _Sheet) -> dict | None:
    """The flag of a sheet whose dates without their year, read in the year it names, cross the turn of a year."""
    found = s.year_turn
    if not found:
        return None
    year, (late, early), (m_late, m_early) = found["year"], found["rows"], found["months"]
    message = (
        f"日期可能跨年：这张表的{found['field']}没有写年份，都按{year}年读取，但第{late}行是{m_late}月、其后第{early}行又是{m_early}月；"
        f"如是跨年登记（{year - 1}年底至{year}年初，或{year}年底至{year + 1}年初），其中一部分日期的年份不对，"
        "按年、季、月统计时会归错时期；请在这些日期中写明年份后重新报送"
    )
    return {"kind": "year_turn", "message": message, "records": found["records"]}


# Each kind of flag, in precedence: ``sheet_flag`` and a summary's ``flag`` are the first that applies,
# ``result_flags`` every one (copies and summaries first, and alone: their records are not counted at
# all; the rest warn of records counted).
FLAGS = (
    _copied_flag, _summary_flag, _beside_flag, _split_flag, _unread_visit_dates_flag, _unread_households_flag,
    _large_amounts_flag,
    _small_amounts_flag, _unread_farmland_flag, _counts_flag, _other_header_flag, _above_header_flag, _below_form_flag,
    _misread_flag,
    _overlap_flag, _hidden_flag, _hidden_rows_flag, _struck_rows_flag, _possible_sums_flag, _repeated_rows_flag, _merged_records_flag,
    _after_of_which_flag,
    _balances_flag, _balance_breaks_flag, _unreceived_flag, _void_remarks_flag, _outcome_remarks_flag, _unfinished_flag, _other_township_flag, _other_village_flag,
    _rival_columns_flag,
    _unsaid_flag, _other_years_flag, _year_turn_flag, _undated_flag, _unread_cells_flag,
)


# Flags of a sheet whose records are not counted (every one a copy of others, or a summary of them).
UNCOUNTED_FLAGS = frozenset({"copied_sheet", "summary_sheet"})


def result_flag(result) -> dict | None:
    """``sheet_flag`` of a sheet as read (a ``tidy.SheetResult``): what the clean's summary, its
    printed warnings and the tests ask, from one place, so that a new kind of flag reaches them all."""
    flags = result_flags(result)
    return flags[0] if flags else None


def result_flags(result) -> list[dict]:
    """Every flag of a sheet as read, the first being ``result_flag``'s: a sheet with two problems
    (a hidden sheet whose amounts look like 万元) is told both at once."""
    if result.ledger is None:
        return []
    sheet = _Sheet(
        ledger=result.ledger, records=result.n_records, rejects=result.n_rejects - result.said_rejects,
        above_header=result.above_header, beside=result.beside, below_form=result.below_form, counts=result.counts,
        table_above=result.table_above,
        other_header=result.other_header, hidden=result.hidden, copied=_copied(result, result.copy_of),
        overlap=_copied(result, result.overlap), hidden_records=result.hidden_records,
        struck_records=result.struck_records, summary=_summary(result),
        split=result.split, possible_sums=result.possible_sums, unread_farmland=result.unread_farmland,
        small_amounts=result.small_amounts, unread_visit_dates=result.unread_visit_dates,
        unread_households=result.unread_households,
        large_amounts=result.large_amounts, repeated_rows=result.repeated_rows, merged_records=_merged(result),
        after_of_which=result.after_of_which,
        balances=result.balances, balance_breaks=result.balance_breaks, unsaid=_unsaid(result), other_years=result.other_years, year_turn=result.year_turn,
        unreceived=result.unreceived, unread_cells=result.unread_cells, void_remarks=result.void_remarks,
        unfinished=result.unfinished, other_township=result.other_township, rival_columns=result.rival_columns,
        undated=result.undated, other_village=result.other_village, outcome_remarks=result.outcome_remarks,
    )
    return list(_flags(sheet))


def _summary(result) -> dict | None:
    """A summary sheet's totals skipped, the sheets they total, an example, in words (``copies.Summary``)."""
    summary = result.summary
    if summary is None:
        return None
    place, value = summary.example
    out = {"rows": len(summary.rows), "kept": _sheets_named(result, summary.kept),
           "example": f"{place}：{summary.field}{_figure(value)}"}
    if summary.disagree:
        row, where, given, summed = summary.disagree[0]
        out["disagree"] = {"rows": [r for r, *_ in summary.disagree], "example": f"第{row}行{where}：汇总写{_figure(given)}，"
                                                                                f"记录相加{_figure(summed)}"}
    return out


def _figure(value: float) -> str:
    from sansong_analysis.wording import format_number  # pandas: not in the clean's pool workers

    return format_number(value, 2)


def _sheets_named(result, sheets: list[tuple[str, str]]) -> str:
    places = [f"「{sheet}」" if file == result.source_file else f"{file}「{sheet}」" for file, sheet in sheets]
    return "、".join(places[:3]) + (f"等{len(places)}个工作表" if len(places) > 3 else "")


def _merged(result) -> dict | None:
    """A visit log's visits counted once with others, the sheets those are in (counted across sheets) in words."""
    merged = result.merged_records
    if merged is None or "kept" not in merged:
        return merged
    return {**merged, "kept": _sheets_named(result, merged["kept"])}


def _copied(result, copy) -> dict | None:
    """A sheet's records repeating others' and where those are counted, in words (``copies.Copy``)."""
    if copy is None:
        return None
    out = {"records": copy.records, "kept": _sheets_named(result, copy.kept), "changed": copy.changed}
    if copy.versions is not None:
        out["versions"] = copy.versions
    if copy.unread:
        out["unread"] = list(copy.unread)
    if copy.apart:
        out["apart"] = list(copy.apart)
    return out


def total_message(check: dict) -> str:
    """One sentence for a ledger total that does not add up (``totals.check_totals``)."""
    if check["field"].startswith("count:"):
        unit = check["field"].split(":", 1)[1]
        said = f"写明 {check['stated']:g}{unit}，而它合计的 {check['rows']} 行记录为 {check['summed']:g}{unit}"
    else:
        said = f"的{check['column']}为 {check['stated']:g}，而它合计的 {check['rows']} 行相加为 {check['summed']:g}"
    return f"第{check['row']}行「{check['label']}」{said}：台账的合计与明细不符，请核对是否漏登、重登或合计有误"


def township_warnings(frames: dict[str, pd.DataFrame]) -> list[dict]:
    """Townships that appear in some ledgers and not in those their coverage needs.

    A township with visits but no roster has no households to cover; one with a roster but no
    visits shows 0% coverage. Either may be a ledger that was not sent, not recognised, or whose
    township was read under another name; the figures alone would not say so.
    """
    roster = _townships(frames.get("roster"))
    visits = _townships(frames.get("visits"))
    warnings = []
    for township in sorted(visits - roster):
        warnings.append({
            "kind": "visits_without_roster", "township": township,
            "message": f"{township}有走访记录，但没有读到包扶对象名单：走访覆盖率无法计算，请确认名单已报送并被识别",
        })
    for township in sorted(roster - visits):
        warnings.append({
            "kind": "roster_without_visits", "township": township,
            "message": f"{township}有包扶对象名单，但没有读到任何走访记录：走访覆盖率为0%，请确认走访台账已报送并被识别",
        })
    return warnings


def unmatched_visits(frames: dict[str, pd.DataFrame]) -> list[dict]:
    """Per township: visits, those matching no roster household, and their share."""
    visits = frames.get("visits")
    if visits is None or visits.empty:
        return []
    grouped = visits.groupby("township", sort=True)["household_key"]
    out = []
    for township, keys in grouped:
        total = int(len(keys))
        unmatched = int(keys.isna().sum())
        out.append({"township": township, "visits": total, "unmatched": unmatched,
                    "share": round(unmatched / total, 4) if total else 0.0})
    return out


def _townships(frame: pd.DataFrame | None) -> set[str]:
    if frame is None or frame.empty:
        return set()
    return set(_strings(frame["township"].dropna().unique()))


def _strings(values: Iterable[object]) -> Iterable[str]:
    return (str(v) for v in values)

"""Sheets counted twice, and sheets the analyst does not see.

Households and visits have keys: entered twice, they count once. Funds, projects and disputes
have none, so before, a copy of a funds sheet kept in the workbook (``筹资 (2)``, often hidden),
the same workbook sent twice under two names, or a 汇总 sheet listing again what the village
sheets list, doubled the funds raised — **silently**. Now a sheet every record of which repeats
a record counted before is a copy: its records are duplicates, counted once, and said so; one
most of whose records do is counted and flagged; a hidden sheet, or records on rows hidden in
Excel (by hand or by a filter), are counted and flagged.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from one_sheet import write_sheets
from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.copies import copied_sheets
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX, ledger_problems, quality_tables

D = dt.date
HEAD = ["日期", "筹资用途", "资金来源", "金额（元）"]
CHENGJIANG = [[D(2011, 1, 5), "硬化通组公路", "县水保局", 5000], [D(2011, 2, 5), "春节慰问", "群众自筹", 3000]]
XINWU = [[D(2011, 3, 5), "修桥", "县交通局", 8000], [D(2011, 4, 5), "修渠", "群众自筹", 2000]]
DISPUTES = [["受理日期", "纠纷类型", "当事人", "调处结果"], [D(2011, 4, 2), "山林纠纷", "廖某与何某", "调处成功"],
            [D(2011, 8, 9), "邻里纠纷", "何某与钟某", "调处成功"], [D(2011, 9, 1), "土地纠纷", "钟某与邹某", "正在调处"]]


def _save(raw, name, sheets, hidden=()):
    """A workbook of ``sheets`` (title → rows) under ``raw/葛坳乡``; the titles in ``hidden`` hidden."""
    write_sheets(raw / "葛坳乡" / name, sheets, hidden=tuple(hidden))


def _sheets(result):
    return {s["sheet"]: s for f in result.summary()["files"] for s in f["sheets"]}


def _funds(result):
    return compute_figures(result.frames)["county"]["funds_raised_yuan"]


def test_a_hidden_copy_of_a_funds_sheet_counts_once_and_says_so(tmp_path):
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "澄江村 (2)": [HEAD, *CHENGJIANG]},
          hidden=("澄江村 (2)",))
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 8000.0
    assert result.frames["funds"]["source_sheet"].tolist() == ["澄江村", "澄江村"]
    dups = result.frames["duplicates"]
    assert dups[["source_sheet", "source_row", "ledger", "kept_sheet", "kept_row"]].values.tolist() == [
        ["澄江村 (2)", 2, "funds", "澄江村", 2], ["澄江村 (2)", 3, "funds", "澄江村", 3]]
    summary = result.summary()
    assert summary["duplicates"]["funds"] == 2 and summary["records"]["funds"] == 2
    sheets = _sheets(result)
    assert sheets["澄江村"]["flag"] is None
    flag = sheets["澄江村 (2)"]["flag"]
    assert flag["kind"] == "copied_sheet" and flag["records"] == 2
    assert "与「澄江村」的记录逐条相同" in flag["message"] and "没有再计入" in flag["message"]
    # Every raw row still accounted for on the copied sheet: its records are read, then counted once.
    assert sheets["澄江村 (2)"]["records"] == 2


def test_a_summary_sheet_repeating_the_village_sheets_is_not_counted_again(tmp_path):
    """The 汇总 has a 村 column, the village sheets only their sheet names: the same records."""
    raw = tmp_path / "raw"
    summary_rows = [["村", *HEAD], *(["澄江村", *r] for r in CHENGJIANG), *(["新屋村", *r] for r in XINWU)]
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU], "汇总": summary_rows})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 18000.0
    funds = result.frames["funds"]
    assert sorted(funds.groupby("village")["amount_yuan"].sum().items()) == [("新屋村", 10000.0), ("澄江村", 8000.0)]
    flag = _sheets(result)["汇总"]["flag"]
    assert flag["kind"] == "copied_sheet" and "「澄江村」、「新屋村」" in flag["message"]


def test_a_summary_without_a_village_column_first_keeps_the_village_sheets_out(tmp_path):
    """Taken first, a summary without a 村 column is the one counted: the village sheets repeat it."""
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"汇总": [HEAD, *CHENGJIANG, *XINWU], "澄江村": [HEAD, *CHENGJIANG],
                                   "新屋村": [HEAD, *XINWU]})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 18000.0
    sheets = _sheets(result)
    assert sheets["汇总"]["flag"] is None
    assert sheets["澄江村"]["flag"]["kind"] == sheets["新屋村"]["flag"]["kind"] == "copied_sheet"


def test_a_summary_with_rows_of_its_own_is_counted_and_flagged(tmp_path):
    """Most of its records repeat the village sheets', one does not: which are wrong is the analyst's call."""
    raw = tmp_path / "raw"
    own = [D(2011, 6, 1), "修塘", "县水利局", 700]
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU],
                                   "汇总": [HEAD, *CHENGJIANG, *XINWU, own]})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 18000.0 + 18700.0
    assert result.frames["duplicates"].empty
    flag = _sheets(result)["汇总"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 4
    assert flag["message"].startswith("可能多计：这张表的5条筹资台账记录中有4条与「澄江村」、「新屋村」的记录逐条相同，都已计入")


def test_the_same_workbook_sent_twice_counts_once(tmp_path):
    raw = tmp_path / "raw"
    for name in ("葛坳乡矛盾纠纷台账.xlsx", "葛坳乡矛盾纠纷台账(1).xlsx"):
        _save(raw, name, {"澄江村": DISPUTES})
    result = clean(raw, jobs=1, progress=False)
    county = compute_figures(result.frames)["county"]
    assert (county["disputes_total"], county["disputes_resolved"]) == (3, 2)
    copies = [s for s in _sheets(result).values() if s["flag"]]
    assert len(copies) == 1 and copies[0]["flag"]["kind"] == "copied_sheet"
    assert "葛坳乡/葛坳乡矛盾纠纷台账" in copies[0]["flag"]["message"]  # the other file is named


@pytest.mark.parametrize(("second", "flag"), [
    ([HEAD, CHENGJIANG[0]], "overlapping_sheet"),  # one record: as likely a second real donation as a copy
    ([HEAD, *CHENGJIANG, [D(2011, 6, 1), "修塘", "县水利局", 700], [D(2011, 7, 1), "修路", "县财政局", 900]],
     "overlapping_sheet"),  # half its records: counted, flagged
    ([HEAD, CHENGJIANG[0], [D(2011, 6, 1), "修塘", "县水利局", 700], [D(2011, 7, 1), "修路", "县财政局", 900]],
     None),  # one of three
])
def test_a_few_equal_records_are_no_copy(tmp_path, second, flag):
    """Counted, and flagged when half the sheet's records or more repeat others'."""
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "澄江村续": second})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 8000.0 + sum(r[3] for r in second[1:])
    assert result.frames["duplicates"].empty
    assert (_sheets(result)["澄江村续"]["flag"] or {}).get("kind") == flag


def test_two_villages_with_the_same_entries_are_two_villages(tmp_path):
    """The same donations in two villages' sheets: two places, not a copy."""
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *CHENGJIANG]})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 16000.0
    assert all(s["flag"] is None for s in _sheets(result).values())


def test_a_hidden_sheet_that_is_no_copy_is_counted_and_flagged(tmp_path):
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "草稿": [HEAD, *XINWU]}, hidden=("草稿",))
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 18000.0
    sheets = _sheets(result)
    assert sheets["澄江村"]["flag"] is None
    flag = sheets["草稿"]["flag"]
    assert flag["kind"] == "hidden_sheet" and flag["records"] == 2
    assert flag["message"].startswith("可能多计：这个工作表在 Excel 中是隐藏的") and 'ledger = "ignore"' in flag["message"]
    assert "取消隐藏" in FLAG_FIX["hidden_sheet"]


def test_the_problem_list_names_the_copied_sheet_once_with_its_rows(tmp_path):
    raw = tmp_path / "raw"
    summary_rows = [["村", *HEAD], *(["澄江村", *r] for r in CHENGJIANG), *(["新屋村", *r] for r in XINWU)]
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU], "汇总": summary_rows,
                                   "草稿": [HEAD, [D(2011, 5, 5), "修路", "县财政局", 100]]}, hidden=("草稿",))
    result = clean(raw, jobs=1, progress=False)
    model = ledger_problems(result.summary(), result.frames)
    (copied,) = model.of("duplicate")
    assert (copied.sheet, copied.row, copied.rows, copied.value) == ("汇总", None, 4, "4条记录")
    assert "工作表「澄江村」、工作表「新屋村」" in copied.reason and copied.fix == FLAG_FIX["copied_sheet"]
    assert not model.of("misread")
    (hidden,) = model.of("warning")
    assert hidden.sheet == "草稿" and hidden.fix == FLAG_FIX["hidden_sheet"]
    tables = quality_tables(model)
    assert tables["重复登记（只计一次）"]["行数"].tolist() == [4]
    status = dict(zip(tables["工作表识别情况"]["工作表"], tables["工作表识别情况"]["识别结果"], strict=True))
    assert status == {"汇总": "重复登记", "草稿": "可能多计"}


def test_the_clean_command_totals_the_copied_records(tmp_path):
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "澄江村 (2)": [HEAD, *CHENGJIANG]})
    run = subprocess.run([sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw),
                          "--processed", str(tmp_path / "processed")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "整表重复的筹资台账 2 条（只计一次）" in run.stdout
    assert "「澄江村 (2)」重复登记：" in run.stdout


def test_monthly_sheets_listing_the_year_so_far_are_flagged(tmp_path):
    """1月 [a], 2月 [a, b], 3月 [a, b, c] (累计): every month after the first repeats the earlier ones.
    Which figure is meant (the last month's, or each month's new rows) is the analyst's call: all
    counted, each later month flagged."""
    raw = tmp_path / "raw"
    a, b, c = CHENGJIANG[0], CHENGJIANG[1], XINWU[0]
    _save(raw, "葛坳乡筹资台账.xlsx", {"1月": [HEAD, a], "2月": [HEAD, a, b], "3月": [HEAD, a, b, c]})
    result = clean(raw, jobs=1, progress=False)
    sheets = _sheets(result)
    assert sheets["1月"]["flag"] is None
    assert sheets["2月"]["flag"]["kind"] == sheets["3月"]["flag"]["kind"] == "overlapping_sheet"
    assert "3条筹资台账记录中有2条与「1月」、「2月」的记录逐条相同" in sheets["3月"]["flag"]["message"]


def test_copied_sheets_take_each_counted_record_once():
    """A sheet listing one record twice is no copy of a sheet listing it once."""
    cols = {"source_file": ["a"] * 5, "source_sheet": ["一", "一", "二", "二", "二"], "source_row": [2, 3, 2, 3, 4],
            "township": ["古江乡"] * 5, "village": [None] * 5, "amount_yuan": [500.0, 300.0, 500.0, 500.0, 300.0]}
    found = copied_sheets(cols)
    assert not any(found.dup) and not found.copies
    assert found.overlaps[("a", "二")].records == 2  # two of its three records repeat the first sheet's


# --------------------------------------------------------------------------- rows hidden in Excel


def _funds_rows():
    return [["葛坳乡澄江村筹资台账"], HEAD, *([D(2011, 1, i + 1), "修路", "县财政局", 1000 + i] for i in range(8))]


def _xlsx_funds(raw, hide: tuple[int, ...] = (), group: tuple[int, int] | None = None) -> None:
    """The funds rows as an .xlsx in 葛坳乡's folder, the rows of ``hide`` (1-based) hidden by hand, those of
    ``group`` (first, last) folded into a collapsed outline group."""
    book = Workbook()
    ws = book.active
    ws.title = "澄江村"
    for row in _funds_rows():
        ws.append(row)
    for r in hide:
        ws.row_dimensions[r].hidden = True
    if group is not None:
        ws.row_dimensions.group(*group, hidden=True, outline_level=1)
    (raw / "葛坳乡").mkdir(parents=True)
    book.save(raw / "葛坳乡" / "筹资.xlsx")


def test_records_on_hidden_rows_are_counted_and_flagged(tmp_path):
    """Rows hidden by hand (entries struck off but not deleted) or filtered out: the analyst who opens
    the file sees fewer rows than are counted."""
    raw = tmp_path / "raw"
    _xlsx_funds(raw, hide=(1, 4, 5, 9))  # the title row hidden too: no record, not named
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == sum(1000 + i for i in range(8))
    flag = _sheets(result)["澄江村"]["flag"]
    assert flag["kind"] == "hidden_rows" and flag["records"] == 3
    assert flag["message"].startswith("可能多计：第4、5、9行在 Excel 中是隐藏的（隐藏行或被筛选掉），其中3条筹资台账记录已计入")
    assert "取消隐藏" in FLAG_FIX["hidden_rows"]


def _xls_funds(raw, hide: range, level: int = 0) -> None:
    """The funds rows as an .xls (xlwt) in 葛坳乡's folder, the rows of ``hide`` (0-based) hidden at outline ``level``."""
    xlwt = pytest.importorskip("xlwt")
    (raw / "葛坳乡").mkdir(parents=True)
    book = xlwt.Workbook()
    ws = book.add_sheet("澄江村")
    for r, row in enumerate(_funds_rows()):
        for c, v in enumerate(row):
            ws.write(r, c, v.isoformat() if isinstance(v, dt.date) else v)
    for r in hide:
        ws.row(r).level = level
        ws.row(r).hidden = True
    book.save(str(raw / "葛坳乡" / "筹资.xls"))


def test_hidden_rows_of_an_xls_sheet_are_flagged_too(tmp_path):
    raw = tmp_path / "raw"
    _xls_funds(raw, range(3, 10))  # rows 4-10: seven records
    result = clean(raw, jobs=1, progress=False)
    flag = _sheets(result)["澄江村"]["flag"]
    assert flag["kind"] == "hidden_rows" and flag["records"] == 7
    assert "第4、5、6、7、8等行" in flag["message"]


def test_the_details_of_a_collapsed_group_are_no_hidden_rows(tmp_path):
    """A group folded with the outline's − button (数据 → 组合): the analyst sees the group and its button, and the
    rows are its details, not entries struck off — counted, nothing said; a row hidden by hand beside them is."""
    raw = tmp_path / "raw"
    _xlsx_funds(raw, hide=(9,), group=(3, 6))
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == sum(1000 + i for i in range(8))
    flag = _sheets(result)["澄江村"]["flag"]
    assert flag["kind"] == "hidden_rows" and flag["records"] == 1 and "第9行" in flag["message"]


def test_the_details_of_a_collapsed_group_in_an_xls(tmp_path):
    raw = tmp_path / "raw"
    _xls_funds(raw, range(2, 6), level=1)
    result = clean(raw, jobs=1, progress=False)
    assert _sheets(result)["澄江村"]["flag"] is None


def test_hidden_rows_are_read_from_every_spelling_of_a_row_tag(tmp_path):
    """Excel writes hidden="1", others hidden="true", some prefix their tags or quote with '."""
    import zipfile

    from sansong_analysis.ingest.read import DEFAULT_LIMITS
    from sansong_analysis.ingest.read.extents import sheet_extents

    path = tmp_path / "a.xlsx"
    book = Workbook()
    for r in range(1, 6):
        book.active.append([f"v{r}"])
    book.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    variants = {
        "plain": xml.replace('<row r="2">', '<row r="2" hidden="1">').replace('<row r="4">', "<row r='4' hidden='true'>"),
        "spans first": xml.replace('<row r="2">', '<row spans="1:1" r="2" hidden="1">'),
        "prefixed": xml.replace("<worksheet ", "<x:worksheet ").replace("</worksheet>", "</x:worksheet>")
        .replace("<row ", "<x:row ").replace("</row>", "</x:row>").replace('<x:row r="2">', '<x:row r="2" hidden="1">')
        .replace('xmlns="', 'xmlns:x="'),
    }
    expected = {"plain": {2, 4}, "spans first": {2}, "prefixed": {2}}
    for name, text in variants.items():
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in parts.items():
                zf.writestr(n, text.encode() if n == "xl/worksheets/sheet1.xml" else data)
        (extent,) = sheet_extents(path, "xlsx", DEFAULT_LIMITS).values()
        assert extent.hidden_rows == expected[name], name
        assert extent.rows == 5, name


# --------------------------------------------------------------------------- summary sheets (totals by place)


def test_a_summary_sheet_of_village_totals_is_not_counted_again(tmp_path):
    """村名 | 筹资金额 beside the village sheets: its rows are the villages' totals (18000, not 36000)."""
    raw = tmp_path / "raw"
    totals = [["葛坳乡筹资汇总表"], ["村名", "筹资金额（元）", "备注"], ["澄江村", 8000, None], ["新屋村", 10000, None],
              ["合计", 18000, None]]
    _save(raw, "葛坳乡筹资台账.xlsx", {"汇总": totals, "澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU]})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 18000.0
    assert set(result.frames["funds"]["source_sheet"]) == {"澄江村", "新屋村"}
    sheet = _sheets(result)["汇总"]
    assert (sheet["records"], sheet["skipped_by_kind"]["subtotal"]) == (0, 3)
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    assert sheet["flag"]["kind"] == "summary_sheet" and sheet["flag"]["rows"] == 2
    assert "「澄江村」、「新屋村」" in sheet["flag"]["message"] and "澄江村：金额（元）8000" in sheet["flag"]["message"]
    model = ledger_problems(result.summary(), result.frames)
    assert [p.sheet for p in model.of("warning")] == ["汇总"] and not model.of("misread")


def test_a_summary_row_that_disagrees_with_the_villages_rows_is_no_donation_more(tmp_path):
    """A 汇总 sheet whose 新屋村 row is its rows' sum to the cent but whose 澄江村 row says 9000 against the 8000
    entered: that row was counted as a donation of its own — 澄江村's money twice (17000). A summary's figure for a
    place the other sheets describe is a total that disagrees: skipped with the others, the difference said."""
    raw = tmp_path / "raw"
    totals = [["葛坳乡筹资汇总表"], ["村名", "筹资金额（元）"], ["澄江村", 9000], ["新屋村", 10000], ["上坪村", 4000],
              ["合计", 23000]]
    _save(raw, "葛坳乡筹资台账.xlsx", {"汇总": totals, "澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU]})
    result = clean(raw, jobs=1, progress=False)
    # 上坪村 sent no rows of its own: its summary figure is all there is, counted (and the sheet says which it skipped)
    assert _funds(result) == 8000.0 + 10000.0 + 4000.0
    sheet = _sheets(result)["汇总"]
    assert sheet["records"] == 1 and sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    flag = next(f for f in (sheet["flag"], *(sheet.get("more_flags") or ())) if f["kind"] == "summary_sheet")
    assert flag["rows"] == 2 and flag["disagree"] == [3]
    assert "这张表有1行是" in flag["message"] and "另有1行与这些记录相加之和不符（第3行澄江村：汇总写9000，记录相加8000）" in flag["message"]


def test_a_county_summary_by_township_in_its_own_file(tmp_path):
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"澄江村": [HEAD, *CHENGJIANG], "新屋村": [HEAD, *XINWU]})
    book = Workbook()
    ws = book.active
    ws.title = "全县"
    for row in [["全县三送筹资汇总表"], ["乡镇", "筹资金额（元）"], ["葛坳乡", 18000], ["黄坑乡", 7000]]:
        ws.append(row)
    book.save(raw / "全县筹资汇总.xlsx")
    result = clean(raw, jobs=1, progress=False)
    by_town = {t["township"]: t["funds_raised_yuan"] for t in compute_figures(result.frames)["townships"]}
    # 葛坳乡's total is its villages' (counted once); 黄坑乡 sent no ledger of its own: its total is all there is.
    assert by_town == {"葛坳乡": 18000.0, "黄坑乡": 7000.0}
    flag = _sheets(result)["全县"]["flag"]
    assert flag["kind"] == "summary_sheet" and flag["rows"] == 1


def test_amounts_alone_that_total_nothing_stay_records(tmp_path):
    """A list of village amounts with no detail anywhere, or not equal to it: the records there are."""
    raw = tmp_path / "raw"
    _save(raw, "葛坳乡筹资台账.xlsx", {"汇总": [["村名", "筹资金额（元）"], ["澄江村", 8500], ["上坪村", 3000]],
                                   "澄江村": [HEAD, *CHENGJIANG]})
    result = clean(raw, jobs=1, progress=False)
    assert _funds(result) == 8000.0 + 8500.0 + 3000.0
    summary = _sheets(result)["汇总"]
    assert summary["flag"]["kind"] == "undated_records" and not summary.get("more_flags")  # records, undated


def test_a_projects_summary_with_counts_for_names(tmp_path):
    raw = tmp_path / "raw"
    head = ["项目名称", "投资（万元）", "受益农田（亩）"]
    _save(raw, "葛坳乡办实事项目台账.xlsx", {
        "汇总": [["村名", "项目名称", "投资（万元）", "受益农田（亩）"], ["澄江村", "2个", 15, 350], ["新屋村", "1个", 8, 20]],
        "澄江村": [head, ["水渠", 12, 300], ["机耕道", 3, 50]], "新屋村": [head, ["公路", 8, 20]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 370.0
    assert result.frames["projects"]["project_name"].tolist() == ["水渠", "机耕道", "公路"]


def test_disputes_listed_again_with_their_outcomes_since_are_flagged(tmp_path):
    """A quarterly list re-listing the year's disputes with what became of them (正在调处 → 调处成功) is no
    copy — the outcome changed — so each dispute was counted twice, silently. Counted still (which list
    is the latest is the analyst's to say), and the later sheet flagged 可能多计 naming the earlier."""
    raw = tmp_path / "raw"
    second = [DISPUTES[0], *DISPUTES[1:3], [D(2011, 9, 1), "土地纠纷", "钟某与邹某", "调处成功"],
              [D(2011, 11, 3), "婚姻家庭", "邹某与廖某", "正在调处"]]
    _save(raw, "葛坳乡矛盾纠纷台账.xlsx", {"三季度": DISPUTES, "四季度（累计）": second})
    result = clean(raw, jobs=1, progress=False)
    sheets = _sheets(result)
    assert sheets["三季度"]["flag"] is None
    flag = sheets["四季度（累计）"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 3
    assert "与「三季度」的记录受理日期、纠纷类型和所在村相同" in flag["message"]
    assert 'ledger = "ignore"' in flag["message"]
    assert compute_figures(result.frames)["county"]["disputes_total"] == 7  # counted, and said


def test_other_disputes_of_the_same_kinds_are_no_overlap(tmp_path):
    """Another quarter's own disputes (other dates), or another village's on the same dates: no flag."""
    raw = tmp_path / "raw"
    later = [DISPUTES[0]] + [[D(2011, 12, r[0].day), *r[1:]] for r in DISPUTES[1:]]
    _save(raw, "葛坳乡矛盾纠纷台账.xlsx", {"三季度": DISPUTES, "四季度": later})
    head = ["受理日期", "村名", "纠纷类型", "调处结果"]
    _save(raw, "葛坳乡各村纠纷.xlsx", {
        "澄江村": [head, *[[D(2011, 10, r[0].day), "澄江村", r[1], r[3]] for r in DISPUTES[1:]]],
        "新屋村": [head, *[[D(2011, 10, r[0].day), "新屋村", r[1], "调处成功"] for r in DISPUTES[1:]]]})
    result = clean(raw, jobs=1, progress=False)
    assert all(s["flag"] is None for s in _sheets(result).values())
    assert compute_figures(result.frames)["county"]["disputes_total"] == 12


def test_projects_listed_again_with_their_investment_to_date_are_flagged(tmp_path):
    raw = tmp_path / "raw"
    head = ["村名", "项目名称", "投资（万元）", "受益农田（亩）"]
    _save(raw, "葛坳乡办实事项目台账.xlsx", {
        "上半年": [head, ["澄江村", "水渠", 6, 300], ["新屋村", "机耕道", 2, 50]],
        "全年": [head, ["澄江村", "水渠", 12, 300], ["新屋村", "机耕道", 3, 50], ["上坪村", "公路", 8, 20]]})
    result = clean(raw, jobs=1, progress=False)
    flag = _sheets(result)["全年"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and "项目名称和所在村相同" in flag["message"]
    # The same names in sheets that do not say their village (one per 组, say): nothing names them.
    _save(raw, "葛坳乡各组项目.xlsx", {
        "一组": [head[1:], ["通组公路硬化", 6, 0], ["饮水工程", 2, 0]],
        "二组": [head[1:], ["通组公路硬化", 5, 0], ["饮水工程", 2.5, 0]]})
    sheets = _sheets(clean(raw, jobs=1, progress=False))
    assert sheets["一组"]["flag"] is None and sheets["二组"]["flag"] is None


ROSTER_HEAD = ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "联系干部"]
ROSTER_2011 = [ROSTER_HEAD, [1, "张三", "三组", 4, "是", "李明"], [2, "李四", "三组", 5, "否", "李明"],
               [3, "王五", "四组", 3, "是", "王红"], [4, "孙七", "四组", 3, "是", "王红"]]
# sent again: 孙七 gone (moved away), 赵六 added
ROSTER_ADJUSTED = [ROSTER_HEAD, [1, "张三", "三组", 4, "是", "李明"], [2, "李四", "三组", 5, "否", "李明"],
                   [3, "王五", "四组", 3, "是", "王红"], [4, "赵六", "四组", 2, "否", "王红"]]


def _flag_kinds(sheet: dict) -> list[str]:
    return [f["kind"] for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]


def test_two_versions_of_a_roster_are_said(tmp_path):
    # Each household counts once, but 孙七, in the list no longer meant, counts too: 5 households, not 4 — said.
    raw = tmp_path / "raw"
    _save(raw, "澄江村花名册.xlsx", {"花名册": [["葛坳乡澄江村三送联系户花名册"], *ROSTER_2011]})
    _save(raw, "澄江村花名册（调整后）.xlsx", {"花名册": [["葛坳乡澄江村三送联系户花名册（调整后）"], *ROSTER_ADJUSTED]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["households_assigned"] == 5  # counted as read
    files = {f["file"]: f["sheets"][0] for f in result.summary()["files"]}
    assert "roster_versions" not in _flag_kinds(files["葛坳乡/澄江村花名册.xlsx"])
    later = files["葛坳乡/澄江村花名册（调整后）.xlsx"]
    (flag,) = [f for f in (later.get("flag"), *(later.get("more_flags") or ())) if f and f["kind"] == "roster_versions"]
    assert flag["records"] == 3 and flag["versions"] == [1, 1]
    assert "roster_versions" in COUNTED_FLAGS and "最新版本" in FLAG_FIX["roster_versions"]
    assert flag["message"].startswith("可能多计：这张名单的4户中有3户也在葛坳乡/澄江村花名册.xlsx「花名册」中，那张另有1户"
                                      "不在这张、这张另有1户不在那张，像是同一名单的新旧两个版本")


def test_a_list_within_another_or_beside_it_is_no_second_version(tmp_path):
    raw = tmp_path / "raw"
    poor = [ROSTER_HEAD[:4] + ["联系干部"], [1, "张三", "三组", 4, "李明"], [2, "王五", "四组", 3, "王红"],
            [3, "孙七", "四组", 3, "王红"]]
    other_village = [ROSTER_HEAD, [1, "钟一", "一组", 4, "是", "李明"], [2, "钟二", "一组", 5, "否", "李明"]]
    _save(raw, "花名册.xlsx", {"澄江村": ROSTER_2011, "澄江村贫困户": poor, "新屋村": other_village,
                                # one household in both of two lists of four is no second version
                                "澄江村补充": [ROSTER_HEAD, [1, "张三", "三组", 4, "是", "李明"],
                                            [2, "钟福", "五组", 4, "是", "李明"], [3, "钟禄", "五组", 4, "是", "李明"],
                                            [4, "钟寿", "五组", 4, "是", "李明"]]})
    result = clean(raw, jobs=1, progress=False)
    sheets = _sheets(result)
    assert not any("roster_versions" in _flag_kinds(s) for s in sheets.values())
    assert compute_figures(result.frames)["county"]["households_assigned"] == 4 + 2 + 3


def test_a_second_version_after_a_list_within_the_first_is_still_said(tmp_path):
    # 花名册 (4 households), its 贫困户 within it, then 花名册（调整后）: the version is told against the whole list
    raw = tmp_path / "raw"
    poor = [ROSTER_HEAD[:4] + ["联系干部"], [1, "张三", "三组", 4, "李明"], [2, "王五", "四组", 3, "王红"]]
    _save(raw, "澄江村花名册.xlsx", {"花名册": ROSTER_2011, "贫困户": poor})
    _save(raw, "澄江村花名册（调整后）.xlsx", {"花名册": ROSTER_ADJUSTED})
    result = clean(raw, jobs=1, progress=False)
    files = {(f["file"], s["sheet"]): s for f in result.summary()["files"] for s in f["sheets"]}
    assert "roster_versions" not in _flag_kinds(files["葛坳乡/澄江村花名册.xlsx", "贫困户"])
    later = files["葛坳乡/澄江村花名册（调整后）.xlsx", "花名册"]
    (flag,) = [f for f in (later.get("flag"), *(later.get("more_flags") or ())) if f and f["kind"] == "roster_versions"]
    assert flag["records"] == 3 and "葛坳乡/澄江村花名册.xlsx「花名册」" in flag["message"]


def test_a_townships_list_of_the_villages_donations_without_their_purpose_is_flagged(tmp_path):
    """The village's list writes each donation's 用途; the township's list of the same donations has a 村名 column
    and no 用途. Exact equality never matched them: every donation counted twice, and nothing said. Now the
    township's list is flagged 可能多计 naming what only one writes — counted still (a copy is never decided on
    fewer fields than the records hold)."""
    raw = tmp_path / "raw"
    _save(raw, "澄江村筹资台账.xlsx", {"Sheet1": [["日期", "捐款单位", "金额（元）", "用途"],
                                                  [D(2011, 3, 5), "县委办", 5000, "修路"], [D(2011, 3, 6), "县财政局", 3000, "修路"],
                                                  [D(2011, 3, 7), "县交通局", 2000, "修桥"]]})
    _save(raw, "葛坳乡筹资台账.xlsx", {"Sheet1": [["日期", "村名", "捐款单位", "金额（元）"],
                                                  [D(2011, 3, 5), "澄江村", "县委办", 5000], [D(2011, 3, 6), "澄江村", "县财政局", 3000],
                                                  [D(2011, 3, 7), "澄江村", "县交通局", 2000], [D(2011, 3, 8), "桥头村", "县农业局", 1000]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 21000
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["葛坳乡/澄江村筹资台账.xlsx"]["flag"] is None
    flag = sheets["葛坳乡/葛坳乡筹资台账.xlsx"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 3
    assert flag["message"] == (
        "可能多计：这张表的4条筹资台账记录中有3条与葛坳乡/澄江村筹资台账.xlsx「Sheet1」的记录除用途外逐条相同（用途只有其中一张写了，"
        "无法据以区分），都已计入；如是同一批记录（如汇总表与明细表），请只报送一份（或在 sansong.toml 中以 ledger = \"ignore\" "
        "忽略这张），如是另外的记录，请写明用途后重新报送")


def test_lists_that_differ_in_what_both_write_are_not_flagged(tmp_path):
    raw = tmp_path / "raw"
    _save(raw, "澄江村筹资台账.xlsx", {"Sheet1": [["日期", "捐款单位", "金额（元）", "用途"],
                                                  [D(2011, 3, 5), "县委办", 5000, "修路"], [D(2011, 3, 6), "县财政局", 3000, "修路"]]})
    _save(raw, "桥头村筹资台账.xlsx", {"Sheet1": [["日期", "捐款单位", "金额（元）"],
                                                  [D(2011, 4, 5), "县委办", 5000], [D(2011, 4, 6), "县财政局", 3000]]})
    result = clean(raw, jobs=1, progress=False)
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])


def test_a_townships_list_of_the_villages_disputes_without_their_kinds_is_flagged(tmp_path):
    """No 纠纷类型 column in the township's list: each of its disputes 其他 — the village's same disputes, with their
    kinds, were never matched (counted twice, unsaid). A field no column reads, every record holding its default, is
    one the sheet does not write: set aside, the lists are compared on the rest."""
    raw = tmp_path / "raw"
    _save(raw, "澄江村矛盾纠纷台账.xlsx", {"Sheet1": [
        ["受理时间", "当事人", "纠纷类型", "调处结果"], [D(2011, 3, 5), "张某、李某", "土地纠纷", "成功"],
        [D(2011, 3, 6), "王某、赵某", "山林纠纷", "成功"], [D(2011, 3, 7), "孙某、周某", "婚姻家庭", "调处中"]]})
    _save(raw, "葛坳乡矛盾纠纷台账.xlsx", {"Sheet1": [
        ["受理时间", "村名", "当事人", "调处结果"], [D(2011, 3, 5), "澄江村", "张某、李某", "成功"],
        [D(2011, 3, 6), "澄江村", "王某、赵某", "成功"], [D(2011, 3, 7), "澄江村", "孙某、周某", "调处中"],
        [D(2011, 3, 8), "桥头村", "吴某、郑某", "成功"]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["disputes_total"] == 7  # counted as read
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["葛坳乡/澄江村矛盾纠纷台账.xlsx"]["flag"] is None
    flag = sheets["葛坳乡/葛坳乡矛盾纠纷台账.xlsx"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 3
    assert "的记录除纠纷类型外逐条相同（纠纷类型只有其中一张写了，无法据以区分）" in flag["message"]


def test_a_townships_list_naming_each_project_with_its_village_is_flagged(tmp_path):
    """澄江村新修水渠 (村名 澄江村) in the township's list is the village list's 新修水渠: named without the place before
    it, the same projects listed again are flagged — the farmland counted twice, unsaid, where names differed so."""
    raw = tmp_path / "raw"
    _save(raw, "澄江村项目台账.xlsx", {"Sheet1": [["项目名称", "受益农田（亩）", "完成时间"],
                                                ["新修水渠", 300, D(2011, 6, 1)], ["山塘清淤", 100, D(2011, 7, 1)]]})
    _save(raw, "葛坳乡项目台账.xlsx", {"Sheet1": [["村名", "项目名称", "受益农田（亩）", "完成时间"],
                                                ["澄江村", "澄江村新修水渠", 300, D(2011, 6, 1)],
                                                ["澄江村", "葛坳乡澄江村山塘清淤", 100, D(2011, 7, 1)],
                                                ["桥头村", "桥头村公路硬化", None, D(2011, 8, 1)]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 800  # counted as read
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    flag = sheets["葛坳乡/葛坳乡项目台账.xlsx"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 2

"""A workbook a program wrote, its formulas never worked out: read as Excel shows it on opening.

openpyxl saves a formula without its result, xlsxwriter (pandas' writer) with a 0 in its place, and both ask Excel
to work everything out when it opens the file (``fullCalcOnLoad``). calamine reads the result saved: nothing, or 0.
A 小计 column ``=D3+E3`` then made every donation a reject missing its amount (openpyxl) or a donation of 0, with
nothing said (xlsxwriter); a title ``="葛坳乡"&"走访登记表"`` read as 0. Now the formulas are worked out as Excel
would (``ingest.read.formulas``), and one that cannot be (another function, another workbook) is never guessed:
its cell is refused with the reason, and the 问题清单 says to open and save the file in Excel or WPS.
A workbook Excel saved keeps its own results.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from one_sheet import write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read.formulas import (
    FORMULA_PROBLEM,
    FormulaCell,
    evaluate_workbook,
    is_unworked_formula,
)
from sansong_analysis.ingest.read.grid import Limits
from sansong_analysis.ingest.read.workbook import read_file
from sansong_analysis.publish.feedback import FORMULA_FIX, reject_problem

D = dt.date
FUNDS = [
    ["葛坳乡三送筹资台账"],
    ["序号", "日期", "捐款单位", "财政资金（元）", "社会捐赠（元）", "金额（元）"],
    [1, D(2011, 3, 5), "县交通局", 5000, 1000, "=D3+E3"],
    [2, D(2011, 4, 5), "县财政局", 3000, 0, "=SUM(D4:E4)"],
    [3, D(2011, 4, 6), "县林业局", 200.5, 300, "=ROUND(D5+E5,0)"],
    ["合计", None, None, "=SUM(D3:D5)", "=SUM(E3:E5)", "=SUBTOTAL(9,F3:F5)"],
]


def _book(path, sheets: dict, merges=None):
    write_sheets(path, sheets, merges)
    return path


def _rewrite(path, edit) -> None:
    """The workbook at ``path`` with each of its sheets' and its workbook's XML passed through ``edit``."""
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            if name.startswith("xl/worksheets/sheet") or name == "xl/workbook.xml":
                data = edit(name, data)
            zf.writestr(name, data)


def _as_xlsxwriter_writes(name: str, data: bytes) -> bytes:
    """What xlsxwriter writes: every formula with a 0 for its result (openpyxl writes an empty one)."""
    return data.replace(b"<v></v>", b"<v>0</v>").replace(b"<v />", b"<v>0</v>")


def _raised(result) -> float:
    return compute_figures(result.frames)["county"]["funds_raised_yuan"]


def _cleaned(tmp_path, edit=None):
    raw = tmp_path / "raw"
    path = _book(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", {"筹资": FUNDS})
    if edit is not None:
        _rewrite(path, edit)
    return clean(raw, jobs=1, progress=False)


def test_openpyxls_formulas_without_results_are_worked_out(tmp_path):
    result = _cleaned(tmp_path)
    funds = result.frames["funds"]
    assert funds["amount_yuan"].tolist() == [6000.0, 3000.0, 501.0]
    assert len(result.frames["rejects"]) == 0
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert [t["ok"] for t in sheet["totals"]] == [True]  # the 合计 row's SUBTOTAL, worked out and checked


def test_xlsxwriters_zero_in_place_of_a_result_is_not_read_as_the_amount(tmp_path):
    def edit(name, data):
        return _as_xlsxwriter_writes(name, data)

    result = _cleaned(tmp_path, edit)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 3000.0, 501.0]
    assert _raised(result) == 9501.0


def test_excels_own_results_are_kept(tmp_path):
    """Saved by Excel: results beside the formulas, no fullCalcOnLoad — read as saved, never worked out again."""
    saved = iter([b"7000", b"3000", b"501", b"8200.5", b"1300", b"10501"])

    def edit(name, data):
        if name == "xl/workbook.xml":
            return re.sub(rb'\s*fullCalcOnLoad="1"', b"", data)
        return re.sub(rb"<v></v>|<v />", lambda m: b"<v>" + next(saved) + b"</v>", data)

    result = _cleaned(tmp_path, edit)
    assert result.frames["funds"]["amount_yuan"].tolist() == [7000.0, 3000.0, 501.0]  # 7000 as Excel saved it


def test_a_formula_beyond_us_is_refused_with_its_reason_never_guessed(tmp_path):
    raw = tmp_path / "raw"
    rows = [r[:] for r in FUNDS]
    rows[3][5] = "=VLOOKUP(C4,单价!A:B,2,0)"
    _book(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", {"筹资": rows})
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 501.0]
    (reject,) = result.frames["rejects"].to_dict("records")
    assert reject["source_row"] == 4
    assert reject["reason"].startswith("金额（元）「=VLOOKUP(C4,单价!A:B,2,0)」是公式")
    assert FORMULA_PROBLEM in reject["reason"]
    assert reject_problem(reject).fix == FORMULA_FIX


def test_xlsxwriters_zero_for_a_formula_beyond_us_is_refused_too(tmp_path):
    raw = tmp_path / "raw"
    rows = [r[:] for r in FUNDS]
    rows[3][5] = "=VLOOKUP(C4,单价!A:B,2,0)"
    path = _book(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", {"筹资": rows})
    _rewrite(path, _as_xlsxwriter_writes)
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 501.0]  # not a donation of 0
    assert FORMULA_PROBLEM in result.frames["rejects"]["reason"].iloc[0]


def test_a_title_by_formula_and_a_name_from_another_sheet(tmp_path):
    raw = tmp_path / "raw"
    _book(raw / "三送台账.xlsx", {
        "名单": [["户主"], ["张三"], ["李四"]],
        "走访": [['="葛坳乡"&"澄江村走访登记表"'], ["序号", "户主姓名", "走访日期", "走访干部"],
                [1, "=名单!A2", D(2011, 3, 5), "李明"], [2, "='名单'!A3", D(2011, 3, 6), "李明"],
                [3, "=INDIRECT(\"名单!A2\")", D(2011, 3, 7), "李明"]],
    })
    result = clean(raw, jobs=1, progress=False)
    visits = result.frames["visits"]
    assert visits["household_head"].tolist() == ["张三", "李四"]
    assert set(visits["township"]) == {"葛坳乡"} and set(visits["village"]) == {"澄江村"}
    (reject,) = result.frames["rejects"].to_dict("records")
    assert "INDIRECT" in reject["reason"] and FORMULA_PROBLEM in reject["reason"]


def test_a_formula_left_out_of_calamines_grid_widens_it(tmp_path):
    """calamine leaves a formula cell without a result out of the grid altogether (its row or column too)."""
    path = _book(tmp_path / "b.xlsx", {"S": [[1, 2, "=A1+B1"], ["=SUM(A1:C1)"]]})
    (sheet,), problems = read_file(path, Limits(isolate=False))
    assert problems == [] and sheet.rows == [[1, 2, 3.0], [6.0, "", ""]]


@pytest.mark.parametrize(("formula", "expected"), [
    ("1+2*3", 7.0), ("(1+2)*3", 9.0), ("-2^2", 4.0), ("2^3^2", 64.0), ("50%", 0.5), ("10/4", 2.5),
    ("A1&B1", "5000县交通局"), ('"葛坳"&"乡"', "葛坳乡"), ("SUM(A1:C2)", 5003.0), ("SUM(A1,B1,3)", 5003.0), ('SUM("县",1)', None), ('SUM("2",1)', 3.0),
    ("SUM(A:A)", 5003.0), ("COUNT(A1:C2)", 2.0), ("COUNTA(A1:C2)", 4.0), ("AVERAGE(A1:A2)", 2501.5),
    ("MAX(A1:A2)", 5000.0), ("MIN(A1:A2)", 3.0), ("ROUND(1.005,2)", 1.01), ("ROUND(2.5,0)", 3.0),
    ("ROUND(-2.5,0)", -3.0), ("ROUND(1234.5,-2)", 1200.0), ("ROUNDDOWN(2.9,0)", 2.0), ("ROUNDUP(2.1,0)", 3.0),
    ("INT(-2.5)", -3.0), ("ABS(-4)", 4.0), ('IF(A1>1000,"大","小")', "大"), ("IF(C1=0,1,2)", 1.0),
    ("A1+C1", 5000.0), ("A2*2", 6.0), ("B2+1", 5.0), ("SUM(A1:A2)-A2", 5000.0), ("$A$1", 5000.0),
    ("Sheet2!A1*2", 20.0), ("'Sheet2'!A1", 10.0), ("SUBTOTAL(9,D1:D3)", 5.0), ("_xlfn.CONCAT(B1,\"捐款\")", "县交通局捐款"),
    ("DATE(2011,3,5)", dt.datetime(2011, 3, 5)), ("DATE(2011,3,5)+1", dt.datetime(2011, 3, 6)),
    ("F1+7", dt.datetime(2011, 3, 12)), ("F1-DATE(2011,3,1)", 4.0), ("F1+F1", None), ("DATE(2011,13,1)", None),
    ("A1/0", None), ("VLOOKUP(A1,B1:C2,2,0)", None), ("B1+1", None), ("A1:A2", None), ("E1", None),
    ("'[2010.xlsx]Sheet1'!A1", None), ("SUM(", None), ("1+", None),
])
def test_formulas_worked_out_as_excel_does(formula, expected):
    grids = {
        "Sheet1": [[5000, "县交通局", ""], [3, "4", ""], ["", "", ""]],
        "Sheet2": [[10]],
    }
    # D1:D3: 2, 3, and SUBTOTAL(9,D1:D2) = 5, which a SUBTOTAL over D1:D3 passes over; E1 refers to itself
    grids["Sheet1"][0] += ["", "", dt.date(2011, 3, 5)]
    formulas = {"Sheet1": {(0, 3): FormulaCell("1+1", None), (1, 3): FormulaCell("3", None),
                           (2, 3): FormulaCell("SUBTOTAL(9,D1:D2)", None), (0, 4): FormulaCell("E1+1", None),
                           (5, 5): FormulaCell(formula, None)}}
    evaluate_workbook(grids, formulas, recalc=False)
    got = grids["Sheet1"][5][5]
    if expected is None:
        assert got == "=" + formula and is_unworked_formula(got)
    else:
        assert got == expected


def test_a_running_balance_of_many_rows_is_worked_out_row_by_row():
    n = 5000
    grid = [[100] for _ in range(n)]
    formulas = {(r, 1): FormulaCell(f"A{r + 1}" if r == 0 else f"B{r}+A{r + 1}", None) for r in range(n)}
    evaluate_workbook({"S": grid}, {"S": formulas}, recalc=False)
    assert grid[-1][1] == 100.0 * n


def test_a_range_over_the_whole_sheet_is_clipped_to_its_cells():
    grid = [[1], [2]]
    evaluate_workbook({"S": grid}, {"S": {(0, 1): FormulaCell("SUM(A1:A1048576)", None),
                                          (0, 2): FormulaCell("SUM(A1:XFD1048576)", None)}}, recalc=False)
    assert grid[0][1] == 3.0
    assert grid[0][2] == "=SUM(A1:XFD1048576)"  # takes in itself: a circular reference, which Excel refuses too


def test_recalculated_workbook_keeps_a_saved_result_it_cannot_work_out():
    grid = [[1, 7], [2, ""]]
    formulas = {(0, 1): FormulaCell("VLOOKUP(A1,X!A:B,2,0)", "7"), (1, 1): FormulaCell("B1*2", "0")}
    evaluate_workbook({"S": grid}, {"S": formulas}, recalc=True)
    assert grid == [[1, 7], [2, 14.0]]


@pytest.mark.parametrize(("text", "unworked"), [
    ("=VLOOKUP(A1)", True), ("=筹资!D3", True), ("=-A1", True), ("=", False), ("==", False), ("= 备注", False),
    ("县交通局", False), ("5000=5000", False),
])
def test_what_reads_as_a_formula_left_without_its_result(text, unworked):
    assert is_unworked_formula(text) is unworked


def test_formulas_in_a_sheet_whose_tags_carry_a_prefix(tmp_path):
    """<x:c r="F3"><x:f>D3+E3</x:f></x:c>, as some writers spell the sheet (the extent scan's general path)."""
    def edit(name, data):
        if not name.startswith("xl/worksheets/"):
            return data
        data = re.sub(rb"<(/?)(?!\?)([A-Za-z]+)([\s/>])", rb"<\1x:\2\3", data)
        return data.replace(b'xmlns="', b'xmlns:x="', 1)

    result = _cleaned(tmp_path, edit)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 3000.0, 501.0]


def _xls(path, rows) -> None:
    """``rows`` as sheet 筹资 of an .xls written by xlwt: a cell text starting with = as its formula, saved (as xlwt
    saves every formula) with an empty result, for Excel to work out on opening — calamine reads it blank."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("筹资")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str) and v.startswith("="):
                sheet.write(r, c, xlwt.Formula(v[1:]))
            elif isinstance(v, dt.date):
                sheet.write(r, c, v, dates)
            elif v is not None:
                sheet.write(r, c, v)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))


def test_an_xls_xlwt_wrote_has_its_formulas_worked_out(tmp_path):
    rows = [r[:] for r in FUNDS]
    rows[0][0] = '="葛坳乡三送"&"筹资台账"'
    rows[4][5] = "=IF(D5+E5>500,ROUND(D5+E5,0),0)"
    _xls(tmp_path / "raw" / "三送台账.xls", rows)  # the township named by the title alone
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 3000.0, 501.0]
    assert set(result.frames["funds"]["township"]) == {"葛坳乡"}
    assert result.frames["rejects"].empty
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert [t["ok"] for t in sheet["totals"]] == [True]
    assert sheet["skipped_by_kind"]["title"] == 1


def test_an_xls_formula_beyond_us_is_left_as_read(tmp_path):
    """An .xls saves an empty result for =IF(A1="","",…) too: one not worked out stays blank, never guessed."""
    rows = [r[:] for r in FUNDS]
    rows[3][5] = "=VLOOKUP(C4,D3:E5,2,0)"
    _xls(tmp_path / "raw" / "葛坳乡" / "葛坳乡三送筹资台账.xls", rows)
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [6000.0, 501.0]
    (reject,) = result.frames["rejects"].to_dict("records")
    assert reject["source_row"] == 4 and "金额" in reject["reason"]


def test_an_xls_formulas_tokens_written_out():
    from sansong_analysis.ingest.read.extents.xls import formula_text

    # SUM(A1:C1) as xlwt writes it: ptgArea (class value, 0x45? here 0x25) then tAttrSum
    assert formula_text(bytes([0x25, 0, 0, 0, 0, 0, 0, 2, 0xC0, 0x19, 0x10, 0, 0])) == "SUM(A1:C1)"
    assert formula_text(bytes([0x1E, 2, 0, 0x1E, 3, 0, 0x05, 0x13])) == "(-(2*3))"
    assert formula_text(bytes([0x17, 2, 1]) + "葛坳".encode("utf-16-le")) == '"葛坳"'
    assert formula_text(bytes([0x23, 1, 0, 0, 0])) is None  # a defined name: not written out
    assert formula_text(bytes([0x03])) is None  # a token short of its operands
    assert formula_text(b"") is None


def test_visit_dates_by_formula(tmp_path):
    raw = tmp_path / "raw"
    _book(raw / "葛坳乡" / "葛坳乡澄江村走访登记表.xlsx", {"走访": [
        ["葛坳乡澄江村走访登记表"], ["序号", "户主姓名", "走访日期", "走访干部"],
        [1, "张三", "=DATE(2011,3,5)", "李明"], [2, "李四", "=C3+1", "李明"], [3, "王五", D(2011, 3, 9), "李明"],
        [4, "赵六", "=C5-2", "李明"],
    ]})
    result = clean(raw, jobs=1, progress=False)
    days = [d.date() for d in result.frames["visits"]["visit_date"]]
    assert days == [D(2011, 3, 5), D(2011, 3, 6), D(2011, 3, 9), D(2011, 3, 7)]


def test_conditional_sums_and_counts():
    grids = {"明细": [["村", "金额"], ["澄江村", 5000], ["桥头村", 3000], ["澄江村", 2000], ["上坪村", "x"], ["", 1],
                     ["a*b", 7]],
             "汇总": [[""] * 2 for _ in range(8)]}
    texts = {(0, 0): 'SUMIF(明细!A:A,"澄江村",明细!B:B)', (0, 1): "SUMIF(明细!A2:A6,\"桥头村\",明细!B2:B6)",
             (1, 0): 'COUNTIF(明细!A:A,"澄*")', (1, 1): 'SUMIFS(明细!B:B,明细!A:A,"<>桥头村",明细!B:B,">=2000")',
             (2, 0): 'COUNTIF(明细!A2:A6,"")', (2, 1): 'COUNTIF(明细!B2:B6,">2500")',
             (3, 0): 'COUNTIFS(明细!A2:A6,"?江村",明细!B2:B6,5000)', (3, 1): 'COUNTIF(明细!A2:A6,"<>")',
             (4, 0): 'SUMIF(明细!B2:B7,">="&2000)', (4, 1): 'COUNTIF(明细!A:A,"a~*b")',
             (5, 0): 'SUMIF(明细!A:A,"<澄江村",明细!B:B)', (5, 1): "SUMIFS(明细!B2:B3,明细!A2:A4,\"澄江村\")"}
    evaluate_workbook(grids, {"汇总": {k: FormulaCell(t, None) for k, t in texts.items()}}, recalc=False)
    got = {k: grids["汇总"][k[0]][k[1]] for k in texts}
    assert got == {(0, 0): 7000.0, (0, 1): 3000.0, (1, 0): 2.0, (1, 1): 7000.0, (2, 0): 1.0, (2, 1): 2.0, (3, 0): 1.0,
                   (3, 1): 4.0, (4, 0): 10000.0, (4, 1): 1.0,
                   (5, 0): '=SUMIF(明细!A:A,"<澄江村",明细!B:B)',  # a text compared by order: not worked out
                   (5, 1): '=SUMIFS(明细!B2:B3,明细!A2:A4,"澄江村")'}  # ranges of two shapes: Excel's #VALUE!


def test_a_summary_sheet_by_sumif_is_the_detail_sheets_sum(tmp_path):
    """A 汇总 tab of village totals, each a SUMIF of the detail tab a program wrote: its totals, worked out, are the
    detail's sums place by place, skipped as a summary (they were rejects, each a formula without its result)."""
    raw = tmp_path / "raw"
    detail = [["葛坳乡三送筹资台账"], ["序号", "村名", "日期", "捐款单位", "金额（元）"],
              [1, "澄江村", D(2011, 3, 1), "县交通局", 5000], [2, "桥头村", D(2011, 3, 2), "县财政局", 3000],
              [3, "澄江村", D(2011, 3, 3), "县林业局", 2000]]
    summary = [["葛坳乡三送筹资汇总表"], ["村名", "筹资金额（元）"], ["澄江村", "=SUMIF(明细!B:B,A3,明细!E:E)"],
               ["桥头村", "=SUMIF(明细!B:B,A4,明细!E:E)"], ["合计", "=SUM(B3:B4)"]]
    _book(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", {"明细": detail, "汇总": summary})
    result = clean(raw, jobs=1, progress=False)
    assert _raised(result) == 10000.0
    assert result.frames["rejects"].empty
    sheets = {s["sheet"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["汇总"]["records"] == 0 and sheets["汇总"]["flag"]["kind"] == "summary_sheet"


def test_an_xls_with_sumif_and_date(tmp_path):
    rows = [["葛坳乡三送筹资台账"], ["序号", "村名", "日期", "捐款单位", "金额（元）"],
            [1, "澄江村", "=DATE(2011,3,1)", "县交通局", 5000], [2, "桥头村", "=C3+1", "县财政局", 3000],
            ["小计", None, None, None, '=SUMIF(B3:B4,"*村",E3:E4)'], ["合计", None, None, None, '=COUNTIF(B3:B4,"*村")*4000']]
    _xls(tmp_path / "raw" / "葛坳乡" / "筹资.xls", rows)
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    funds = result.frames["funds"]
    assert funds["amount_yuan"].tolist() == [5000.0, 3000.0]
    assert [d.date() for d in funds["date"]] == [D(2011, 3, 1), D(2011, 3, 2)]
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert [t["ok"] for t in sheet["totals"]] == [True, True]

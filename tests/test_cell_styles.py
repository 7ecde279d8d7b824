"""What a cell's style shows that its value does not: a row struck through, a box typed in a symbol font.

A row struck through (删除线) rather than deleted: the analyst sees it void, the file keeps it.

It was counted with nothing said. Now it is still counted (the line may be a mark of something else: a
correction, a record done) but the sheet is flagged 可能多计 naming its rows, as rows hidden in Excel are, and
the 问题清单 says to delete the void ones or take the line off. Only a row whose filled cells are struck
through, half of them at least: one struck word is no row struck off. A check box typed as a letter in a symbol
font (R in Wingdings 2 shows ☑) is the box it shows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from sansong_analysis.ingest import health
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read.styles import struck_rows, xlsx_styles
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date
HEADER = ["序号", "日期", "捐款单位", "金额（元）", "备注"]
ROWS = [[1, D(2011, 3, 1), "县交通局", 5000, None], [2, D(2011, 3, 2), "县财政局", 3000, None],
        [3, D(2011, 3, 3), "县林业局", 2000, None], [4, D(2011, 3, 4), "县水利局", 1000, "已核"]]


def _book(path, struck: dict[int, list[int]]) -> None:
    """The funds list, the cells of ``struck`` (row index in ROWS → columns) struck through."""
    book = Workbook()
    sheet = book.active
    sheet.title = "筹资"
    sheet.append(["葛坳乡三送筹资台账"])
    sheet.append(HEADER)
    for i, row in enumerate(ROWS):
        sheet.append(row)
        for c in struck.get(i, []):
            sheet.cell(row=sheet.max_row, column=c + 1).font = Font(strike=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _flags(result) -> list[dict]:
    (sheet,) = [s for f in result.files for s in f.sheets]
    return health.result_flags(sheet)


def test_a_row_struck_through_is_counted_and_said(tmp_path):
    _book(tmp_path / "raw" / "葛坳乡" / "筹资.xlsx", {1: [0, 1, 2, 3]})
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].sum() == 11000.0  # counted, as written
    (flag,) = [f for f in _flags(result) if f["kind"] == "struck_rows"]
    assert flag["message"].startswith("可能多计：第4行的文字在 Excel 中加了删除线")
    assert "struck_rows" in COUNTED_FLAGS and "删除线" in FLAG_FIX["struck_rows"]


def test_one_word_struck_is_no_row_struck_off(tmp_path):
    _book(tmp_path / "raw" / "葛坳乡" / "筹资.xlsx", {3: [4]})  # 已核 struck out, a remark corrected
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert not [f for f in _flags(result) if f["kind"] == "struck_rows"]


def test_an_xls_row_struck_through(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("筹资")
    struck = xlwt.easyxf("font: struck_out on")
    struck_date = xlwt.easyxf("font: struck_out on", num_format_str="yyyy-mm-dd")
    plain_date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(0, 0, "葛坳乡三送筹资台账")
    for c, h in enumerate(HEADER):
        sheet.write(1, c, h)
    for r, row in enumerate(ROWS, start=2):
        for c, v in enumerate(row):
            if v is None:
                continue
            style = (struck_date if c == 1 else struck) if r in (3, 5) else (plain_date if c == 1 else xlwt.easyxf(""))
            sheet.write(r, c, v, style)
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book.save(str(raw / "筹资.xls"))
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    (flag,) = [f for f in _flags(result) if f["kind"] == "struck_rows"]
    assert flag["message"].startswith("可能多计：第4、6行") and flag["records"] == 2


def test_which_rows_are_struck_off():
    grid = [["a", "b", "c", ""], ["a", "b", "", ""], ["a", "b", "c", "d"]]
    # row 1: 2 of 3 filled; row 2: 1 of 2; row 3: 1 of 4; an empty cell struck counts for nothing
    assert struck_rows(grid, {(0, 0), (0, 1), (1, 0), (2, 0), (0, 3), (1, 3)}) == frozenset({1, 2})


def test_styles_name_the_struck_fonts():
    xml = (b'<styleSheet><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/></font>'
           b'<font><strike val="0"/></font></fonts><cellXfs count="4"><xf fontId="0"/><xf fontId="1"/><xf fontId="2"/>'
           b'<xf numFmtId="0" fontId="1" applyFont="1"/></cellXfs></styleSheet>')
    assert xlsx_styles(xml).struck == frozenset({1, 3})


# --------------------------------------------------------------------------- a check box typed in a symbol font

def test_a_box_typed_as_a_letter_in_wingdings_2(tmp_path):
    """R in Wingdings 2 shows ☑, £ shows ☐, S shows ☒ (the tip: 输入 R，字体设为 Wingdings 2): read as the boxes shown
    (R and £ were rejects, 无法识别; the S a no and a T a yes by their letters)."""
    from one_sheet import write_sheets

    raw = tmp_path / "raw"
    path = raw / "葛坳乡" / "葛坳乡澄江村包扶对象名单.xlsx"
    write_sheets(path, {"名单": [["葛坳乡澄江村包扶对象名单"], ["户主姓名", "是否贫困户", "家庭人口"],
                                 ["张三", "R", 4], ["李四", "£", 3], ["王五", "T", 5], ["赵六", "R", 2], ["钱七", "是", 3]]})
    from openpyxl import load_workbook

    book = load_workbook(path)
    for r in range(3, 7):
        book["名单"].cell(row=r, column=2).font = Font(name="Wingdings 2")
    book.save(path)
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["rejects"].empty
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, False, True, True]


def test_an_xls_box_in_wingdings(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    boxes = xlwt.easyxf("font: name Wingdings")
    sheet.write(0, 0, "葛坳乡澄江村包扶对象名单")
    for c, h in enumerate(["户主姓名", "是否贫困户", "家庭人口"]):
        sheet.write(1, c, h)
    for r, (name, mark) in enumerate([("张三", "þ"), ("李四", "o"), ("王五", "ý")], start=2):
        sheet.write(r, 0, name)
        sheet.write(r, 1, mark, boxes)
        sheet.write(r, 2, 3)
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book.save(str(raw / "名单.xls"))
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["rejects"].empty
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, False]

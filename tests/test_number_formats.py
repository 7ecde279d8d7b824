"""A unit shown only by a cell's number format (自定义格式 ``0.00"万元"``): 5 stored, 5.00万元 seen, 50000 元 counted.

It was read as 5 元 — the sheet's heading (金额) says no unit, the numbers are whole, so not even the check on an
unsaid unit spoke. A format that scales what it shows (``0!.0,"万"``) is left alone: the number stored is not in the
unit shown.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read.number_formats import display_unit
from sansong_analysis.ingest.read.styles import xlsx_styles

D = dt.date


def _write(path, title: str, header: list, rows: list, formats: dict[int, str]) -> None:
    """A workbook of one sheet: ``title``, ``header``, ``rows``, column index → number format of its body cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for c, code in formats.items():
            sheet.cell(row=sheet.max_row, column=c + 1).number_format = code
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _funds(tmp_path, heading: str, amounts: list, code: str):
    raw = tmp_path / "raw"
    rows = [[i, D(2011, 3, i), f"单位{i}", a] for i, a in enumerate(amounts, start=1)]
    _write(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", "葛坳乡三送筹资台账", ["序号", "日期", "捐款单位", heading], rows, {3: code})
    result = clean(raw, jobs=1, progress=False)
    return result, result.frames["funds"]["amount_yuan"].tolist()


def test_a_unit_shown_by_the_number_format_is_the_cells(tmp_path):
    result, amounts = _funds(tmp_path, "金额", [5, 12, 30], '0.00"万元"')
    assert amounts == [50000.0, 120000.0, 300000.0]
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 470000.0
    assert result.frames["rejects"].empty


@pytest.mark.parametrize("code", ['G/通用格式"万元"', 'General"万元"'])
def test_a_unit_after_the_general_format(tmp_path, code):
    # 自定义 G/通用格式"万元": the commonest way to put a unit after a number; it was read as 5 元.
    _, amounts = _funds(tmp_path, "金额", [5, 12.5], code)
    assert amounts == [50000.0, 125000.0]


def test_a_bare_ten_thousand_under_an_amount(tmp_path):
    _, amounts = _funds(tmp_path, "捐款金额", [1.5, 2], '0.0"万"')
    assert amounts == [15000.0, 20000.0]


def test_the_format_wins_over_the_heading_as_a_unit_typed_in_the_cell_does(tmp_path):
    _, amounts = _funds(tmp_path, "金额（万元）", [5000, 3000], '#,##0"元"')
    assert amounts == [5000.0, 3000.0]  # seen as 5,000元: not 5000万元


def test_a_format_scaling_what_it_shows_is_left_alone(tmp_path):
    _, amounts = _funds(tmp_path, "金额（元）", [12345, 5000], '0!.0,"万"')  # shown 1.2万, stored in 元
    assert amounts == [12345.0, 5000.0]


def test_farmland_in_mu_and_hectares_by_format(tmp_path):
    raw = tmp_path / "raw"
    header = ["序号", "项目名称", "投资", "受益农田", "竣工时间"]
    rows = [[1, "新修水渠", 20, 300, D(2011, 9, 1)], [2, "修建机耕道", 15, 2, D(2011, 10, 1)]]
    book = raw / "葛坳乡" / "葛坳乡三送项目台账.xlsx"
    _write(book, "葛坳乡澄江村三送项目台账", header, rows, {2: '0"万元"'})
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb.active["D3"].number_format = '0"亩"'
    wb.active["D4"].number_format = '0.0"公顷"'
    wb.save(book)
    result = clean(raw, jobs=1, progress=False)
    projects = result.frames["projects"]
    assert projects["investment_yuan"].tolist() == [200000.0, 150000.0]
    assert projects["farmland_mu"].tolist() == [300.0, 30.0]


def test_a_formula_in_a_cell_showing_a_unit(tmp_path):
    raw = tmp_path / "raw"
    rows = [[1, D(2011, 3, 1), "县交通局", 2, 3, "=D3+E3"]]
    _write(raw / "葛坳乡" / "葛坳乡三送筹资台账.xlsx", "葛坳乡三送筹资台账",
           ["序号", "日期", "捐款单位", "财政", "捐赠", "金额"], rows, {5: '0.0"万元"'})
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [50000.0]


@pytest.mark.parametrize(("code", "unit"), [
    ('0.00"万元"', "万元"), ('#,##0"元"', "元"), ("0\\亩", "亩"), ('#,##0.00"万元";[Red]-#,##0.00"万元"', "万元"),
    ('0"万元";-0"万元";"-"', "万元"), ('[$-804]0.0"公顷"', "公顷"), ('_ * #,##0_ "元"', "元"), ('0.00 "米"', "米"),
    ('0!.0,"万"', None), ('0,"千元"', None), ('#,##0,"千元"', None), ('0.00%', None), ('0"户"', None), ('0"人"', None),
    ('yyyy"年"m"月"d"日"', None), ("@", None), ('0.00"万元";0.00"元"', None), ('"合计"', None), ("General", None),
    ("0.00E+00", None), ('0.0"万"', "万"), ('0"千"', None),
    # the general format with a unit after it, as Excel stores it and as WPS stores what was typed (G/通用格式"万元")
    ('General"万元"', "万元"), ('G/通用格式"元"', "元"), ('g/通用格式" 亩"', "亩"), ("G/通用格式", None),
    ("[DBNum1][$-804]G/通用格式", None), ('[DBNum2]G/通用格式"元"', "元"),
])
def test_which_formats_show_a_unit_after_the_number(code, unit):
    assert display_unit(code) == unit


def test_styles_map_cell_styles_to_units():
    xml = (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.00&quot;\xe4\xb8\x87\xe5\x85\x83&quot;"/>'
           b'<numFmt numFmtId="165" formatCode="0.00%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
           b'<xf numFmtId="165"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    assert xlsx_styles(xml).units == {2: "万元"}


def test_an_xls_number_format_shows_its_unit_too(tmp_path):
    """As WPS saves an .xls: a FORMAT and its cell styles, a number cell pointing at one (NUMBER, RK and MULRK)."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("筹资")
    wan = xlwt.easyxf(num_format_str='0.00"万元"')
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(0, 0, "葛坳乡三送筹资台账")
    for c, h in enumerate(["序号", "日期", "捐款单位", "金额", "配套"]):
        sheet.write(1, c, h)
    for r, (amount, extra) in enumerate([(5, 1), (12.5, 2), (30, 3)], start=2):
        sheet.write(r, 0, r - 1)
        sheet.write(r, 1, D(2011, 3, r), dates)
        sheet.write(r, 2, f"单位{r}")
        sheet.write(r, 3, amount, wan)
        sheet.write(r, 4, extra, wan)  # beside it: xlwt may join the two into one MULRK
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book.save(str(raw / "葛坳乡三送筹资台账.xls"))
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [50000.0, 125000.0, 300000.0]

"""A web system's "导出Excel" (an HTML page named .xls) and Excel 2003 XML (SpreadsheetML) are read as the
workbooks Excel and WPS show the analyst — they were refused, to be saved again as .xlsx by hand, one by one.

Each table of a page (each worksheet of an XML workbook) is a sheet; merged cells (colspan / rowspan,
ss:MergeAcross / ss:MergeDown) are merged ranges filled from their first cell; XML cells keep their types.
Hostile spans, indexes and entity bombs are refused in one line, within the reader's limits.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read import FileProblem, Limits, read_file, sniff_format

D = dt.date

# As a 系统 exports it: a title row spanning the table, a header in <thead>, a village merged down its rows,
# entities, a <br> inside a cell, a script and a style that are no data.
SYSTEM_EXPORT = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>td {{ mso-number-format:"\\@"; }}</style><script>var rows = "<td>张冒充</td>";</script></head><body>
<table border="1">
<thead><tr><th colspan="5">葛坳乡澄江村2011年走访登记表</th></tr>
<tr><th>序号</th><th>村名</th><th>户主<br>姓名</th><th>走访日期</th><th>走访干部</th></tr></thead>
<tbody>
<tr><td>1</td><td rowspan="2">澄江村</td><td>张三</td><td>2011-03-05</td><td>李明</td></tr>
<tr><td>2</td><td>李&nbsp;四</td><td>2011-03-06</td><td>李明</td></tr>
<tr><td>3</td><td>新屋村</td><td>王五</td><td>{date}</td><td>王&amp;红</td></tr>
</tbody></table></body></html>"""

ROSTER_XML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
<Worksheet ss:Name="澄江村"><Table>
<Row><Cell ss:MergeAcross="3"><Data ss:Type="String">葛坳乡澄江村包扶对象花名册</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">户主姓名</Data></Cell><Cell><Data ss:Type="String">家庭人口</Data></Cell>
<Cell><Data ss:Type="String">是否贫困户</Data></Cell><Cell><Data ss:Type="String">包扶干部</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">张三</Data></Cell><Cell><Data ss:Type="Number">4</Data></Cell>
<Cell><Data ss:Type="String">是</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">李明</Data></Cell></Row>
<Row><Cell><Data ss:Type="String"><html:B>李四</html:B></Data></Cell><Cell><Data ss:Type="Number">3</Data></Cell>
<Cell><Data ss:Type="String">否</Data></Cell></Row>
<Row ss:Index="6"><Cell><Data ss:Type="String">王五</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">是</Data></Cell></Row>
</Table></Worksheet>
<Worksheet ss:Name="走访"><Table>
<Row><Cell><Data ss:Type="String">户主姓名</Data></Cell><Cell><Data ss:Type="String">走访日期</Data></Cell>
<Cell><Data ss:Type="String">走访干部</Data></Cell><Cell><Data ss:Type="String">是否在家</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">张三</Data></Cell><Cell ss:StyleID="s1"><Data ss:Type="DateTime">2011-03-05T00:00:00.000</Data></Cell>
<Cell><Data ss:Type="String">李明</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
<Row ss:Hidden="1"><Cell><Data ss:Type="String">王五</Data></Cell><Cell><Data ss:Type="DateTime">2011-03-07T09:30:00.000</Data></Cell>
<Cell><Data ss:Type="String">李明</Data></Cell><Cell><Data ss:Type="Error">#N/A</Data></Cell></Row>
</Table></Worksheet>
<Worksheet ss:Name="说明"><Table><Row><Cell><Data ss:Type="String">填表说明</Data></Cell></Row></Table>
<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>"""


def _write(path, text: str, encoding: str = "utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_a_system_export_is_read_as_its_table(tmp_path):
    path = _write(tmp_path / "走访登记表.xls", SYSTEM_EXPORT.format(date="2011年3月7日"), "gb18030")
    assert sniff_format(path) == "html"
    (sheet,), problems = read_file(path)
    assert not problems and sheet.name == "走访登记表"
    assert sheet.rows[0] == ["葛坳乡澄江村2011年走访登记表"] * 5  # a title spanning the table, filled as a merge is
    assert sheet.rows[1] == ["序号", "村名", "户主\n姓名", "走访日期", "走访干部"]
    assert sheet.rows[2] == ["1", "澄江村", "张三", "2011-03-05", "李明"]
    assert sheet.rows[3] == ["2", "澄江村", "李 四", "2011-03-06", "李明"]  # the rowspan's village, &nbsp; a space
    assert sheet.rows[4][4] == "王&红"
    assert sheet.merged == [((0, 0), (0, 4)), ((2, 1), (3, 1))]


def test_a_system_export_cleans_into_visits(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    _write(raw / "走访登记表.xls", SYSTEM_EXPORT.format(date="待定"), "gb18030")
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["household_head"]) == ["张三", "李四"]
    assert list(visits["village"]) == ["澄江村", "澄江村"] and list(visits["visit_date"].dt.day) == [5, 6]
    (reason,) = result.frames["rejects"]["reason"]
    assert reason == "走访日期「待定」无法识别为日期。"  # each raw row accounted for, as in any workbook
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert sheet["rows_read"] == 5 and (sheet["records"], sheet["rejects"], sheet["skipped"]) == (2, 1, 2)


def test_an_excel_web_page_with_its_conditional_comments_and_several_tables(tmp_path):
    page = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
    <head><meta charset="utf-8"><!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]--></head><body>
    <table x:str><col width=72><![if supportMisalignedColumns]><tr height=0></tr><![endif]>
    <tr><td class=xl65>日期</td><td>捐款单位</td><td x:num="5000">筹资金额</td></tr>
    <tr><td>2011-3-5</td><td>县交通局<table><tr><td>（转账）</td></tr></table></td><td x:num="5000">5,000.00</td></tr>
    </table><p>第二张表</p><table><tr><td></td></tr></table><table><tr><td>合计</td><td>5000</td></tr></table></body></html>"""
    (first, inner, last), problems = read_file(_write(tmp_path / "筹资.xls", page))
    assert not problems and [s.name for s in (first, inner, last)] == ["表1", "表2", "表3"]  # a table of blanks is none
    assert first.rows == [[""] * 3, ["日期", "捐款单位", "筹资金额"], ["2011-3-5", "县交通局", "5,000.00"]]
    assert inner.rows == [["（转账）"]] and last.rows == [["合计", "5000"]]  # a table in a cell is a table of its own


def test_a_layout_table_around_the_data_is_no_obstacle(tmp_path):
    # An old system's page: a layout table whose one cell holds the data table, another its menu.
    page = ("<html><body><table width=100%><tr><td>首页 | 导出</td></tr><tr><td>"
            + SYSTEM_EXPORT.format(date="2011-03-07").split("<body>")[1].split("</body>")[0]
            + "</td></tr></table></body></html>")
    raw = tmp_path / "raw" / "葛坳乡"
    _write(raw / "走访登记表.xls", page)
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert list(result.frames["visits"]["household_head"]) == ["张三", "李四", "王五"]
    sheets = result.summary()["files"][0]["sheets"]
    assert [s["ledger"] for s in sheets] == [None, "visits"]  # the layout table 未识别, no records, no rejects


@pytest.mark.parametrize("page", [
    "<html><body><table><tr><td colspan=100000>标题</td></tr><tr><td>户主</td></tr></table></body></html>",
    "<html><body><table><tr><td>村</td><td colspan=20000>村</td></tr></table></body></html>",
    "<html><body><table>" + "<tr><td>1</td><td>2</td></tr>" * 30 + "<tr><td colspan=16000>x</td></tr>"
    + "<tr>" + "<td>0</td>" * 10 + "</tr>" * 400 + "</table></body></html>",
])
def test_hostile_spans_are_refused_in_one_line(tmp_path, page):
    with pytest.raises(FileProblem) as caught:
        read_file(_write(tmp_path / "大.xls", page), Limits(max_sheet_cells=100_000, isolate=False))
    assert caught.value.kind == "too_large" and "表格过大" in str(caught.value) and "\n" not in str(caught.value)


def test_a_rowspan_past_the_table_ends_with_it(tmp_path):
    (sheet,), _ = read_file(_write(tmp_path / "村.xls", "<table><tr><td rowspan=9000000>澄江村</td><td>张三</td></tr>"
                                                        "<tr><td>李四</td></tr></table>"))
    assert sheet.rows == [["澄江村", "张三"], ["澄江村", "李四"]] and sheet.merged == [((0, 0), (1, 0))]


def test_a_page_without_a_table_is_said_to_have_none(tmp_path):
    with pytest.raises(FileProblem) as caught:
        read_file(_write(tmp_path / "说明.xls", "<html><body><p>请下载附件</p></body></html>"))
    assert caught.value.kind == "empty" and "没有表格" in caught.value.detail


def test_excel_2003_xml_keeps_its_types_merges_and_hidden_parts(tmp_path):
    path = _write(tmp_path / "葛坳乡" / "花名册.xls", ROSTER_XML)
    assert sniff_format(path) == "xmlss"
    sheets, problems = read_file(path)
    assert not problems and [(s.name, s.hidden) for s in sheets] == [("澄江村", False), ("走访", False), ("说明", True)]
    roster, visits, _ = sheets
    assert roster.rows[0] == ["葛坳乡澄江村包扶对象花名册"] * 4
    assert roster.rows[2:] == [["张三", 4.0, "是", "李明"], ["李四", 3.0, "否", "李明"], [""] * 4, ["王五", "", "是", ""]]
    assert roster.merged == [((0, 0), (0, 3)), ((2, 3), (3, 3))]
    assert visits.rows[1:] == [["张三", D(2011, 3, 5), "李明", True], ["王五", dt.datetime(2011, 3, 7, 9, 30), "李明", ""]]
    assert visits.hidden_rows == frozenset({3})


def test_excel_2003_xml_cleans_into_its_ledgers(tmp_path):
    _write(tmp_path / "raw" / "葛坳乡" / "花名册.xls", ROSTER_XML)
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    roster = result.frames["roster"]
    assert list(roster["household_head"]) == ["张三", "李四", "王五"] and list(roster["cadre"].fillna("")) == ["李明", "李明", ""]
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["poor_households_assigned"]) == (3, 2)
    assert county["visits"] == 2 and county["households_visited"] == 2


@pytest.mark.parametrize(("text", "kind"), [
    ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>', "corrupt"),
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
     + ']><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&j;</Data>'
     "</Cell></Row></Table></Worksheet></Workbook>", "corrupt"),
    ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
     'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row ss:Index="2000000"><Cell>'
     "<Data>1</Data></Cell></Row></Table></Worksheet></Workbook>", "too_large"),
    ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', "empty"),
])
def test_broken_or_hostile_xml_is_one_problem(tmp_path, text, kind):
    path = _write(tmp_path / "坏.xls", text)
    with pytest.raises(FileProblem) as caught:
        read_file(path)
    assert caught.value.kind == kind and "\n" not in str(caught.value)


def test_the_command_reads_them_beside_real_workbooks(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    _write(raw / "花名册.xls", ROSTER_XML)
    _write(raw / "走访登记表.xls", SYSTEM_EXPORT.format(date="2011-03-07"), "gb18030")
    done = subprocess.run([sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(tmp_path / "raw"),
                           "--processed", str(tmp_path / "processed")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "不支持的格式" not in done.stdout + done.stderr and "Traceback" not in done.stderr

"""Columns hidden in Excel (隐藏列): the analyst does not see them.

A team revising its amounts copies the column, types the new figures, and hides the old column rather than
deleting it; both columns keep one heading. Read by position alone, the first — the hidden, old one — was the
amount counted, with the figures the analyst sees in Excel nowhere. A hidden column now comes after the column
seen that names the same field, as Excel shows the sheet, and is no rival of it (nothing to check: the analyst's
own view is read). Two columns seen that differ are flagged as before, each named by its letter where their
headings are the same. A hidden column no other column rivals is read (its cells are the ledger's), and so is
what a heading's words choose (实到金额 hidden beside 认捐金额: what came in).
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.inspect import inspect_path, render_text
from sansong_analysis.ingest.read.extents.extent import Budget
from sansong_analysis.ingest.read.extents.xlsx import xlsx_extents
from sansong_analysis.ingest.read.grid import Limits
from tests.test_read_limits import small_ledger_rows, write_xlsx

HEADER = ["序号", "捐赠单位或个人", "金额（元）", "金额（元）", "捐赠时间", "用途"]
ROWS = [
    [1, "县交通局", 5000, 3000, "2011-03-05", "修路"],
    [2, "县财政局", 8000, 8000, "2011-03-06", "修桥"],
    [3, "张三", 2000, 1500, "2011-03-07", "助学"],
]
SEEN = [3000, 8000, 1500]  # column D, the one shown


def _xlsx(path, hidden: tuple[str, ...], header=HEADER, rows=ROWS) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "筹资"
    sheet.append(["葛坳乡三送筹资台账"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _funds(raw):
    result = clean(raw, jobs=1, progress=False)
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    return result.frames["funds"]["amount_yuan"].tolist(), sheet


def test_the_old_amounts_hidden_are_not_the_ones_counted(tmp_path):
    _xlsx(tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx", hidden=("C",))
    amounts, sheet = _funds(tmp_path / "raw")
    assert amounts == SEEN and sheet["flag"] is None


def test_a_final_amount_hidden_is_still_the_amount_raised(tmp_path):
    header = ["序号", "捐赠单位或个人", "认捐金额（元）", "实到金额（元）", "捐赠时间", "用途"]
    rows = [[n, who, promised, got, day, use] for n, who, promised, got, day, use in ROWS]
    _xlsx(tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx", hidden=("D",), header=header, rows=rows)
    amounts, sheet = _funds(tmp_path / "raw")
    assert amounts == SEEN  # what came in, as the headings say (认捐 is no amount raised), hidden or not


def test_the_column_seen_is_read_wherever_it_stands(tmp_path):
    # The new figures typed in the first column, the old ones moved right and hidden.
    rows = [[n, who, seen, old, day, use] for n, who, old, seen, day, use in ROWS]
    _xlsx(tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx", hidden=("D",), rows=rows)
    amounts, _ = _funds(tmp_path / "raw")
    assert amounts == SEEN


def test_two_columns_seen_keep_the_first_and_name_both_by_letter(tmp_path):
    _xlsx(tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx", hidden=())
    amounts, sheet = _funds(tmp_path / "raw")
    assert amounts == [5000, 8000, 2000]  # as before: the first, said
    message = sheet["flag"]["message"]
    assert "按「金额（元）（C列）」计入" in message and "「金额（元）（D列）」" in message and "隐藏" not in message


def test_a_hidden_column_no_other_names_is_read(tmp_path):
    header = ["序号", "捐赠单位或个人", "金额（元）", "捐赠时间", "用途"]
    rows = [[n, who, seen, day, use] for n, who, _, seen, day, use in ROWS]
    _xlsx(tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx", hidden=("C",), header=header, rows=rows)
    amounts, sheet = _funds(tmp_path / "raw")
    assert amounts == SEEN and sheet["flag"] is None


def test_an_xls_hidden_column(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("筹资")
    sheet.write(0, 0, "葛坳乡三送筹资台账")
    for r, row in enumerate([HEADER, *ROWS], start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.col(2).hidden = True
    path = tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xls"
    path.parent.mkdir(parents=True)
    book.save(str(path))
    amounts, sheet = _funds(tmp_path / "raw")
    assert amounts == SEEN and sheet["flag"] is None


def test_xlsx_hidden_column_spans(tmp_path):
    path = tmp_path / "b.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["a", "b", "c", "d", "e"])
    sheet.column_dimensions.group("B", "C", hidden=True)  # folded in a group: hidden all the same
    sheet.column_dimensions["E"].hidden = True
    book.save(path)
    (extent,) = xlsx_extents(path, Budget(Limits())).values()
    assert extent.hidden_cols == {1, 2, 4}


def test_inspect_says_which_column_is_hidden(tmp_path):
    path = tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx"
    _xlsx(path, hidden=("C",))
    text = render_text(inspect_path(path))
    assert "C 金额（元） → （未使用：在 Excel 中已隐藏）" in text
    assert "D 金额（元） → 金额（元）" in text


def test_a_million_columns_hidden_over_and_over_is_one_pass(tmp_path):
    # 200,000 tags each hiding every column of the sheet: merged before they are counted (span_columns), where a
    # set of 16,384 columns filled once a tag would take billions of steps.
    tags = b'<col min="1" max="16384" hidden="1"/>' * 200_000
    path = write_xlsx(tmp_path / "b.xlsx", {"S": b"</sheetData><cols>" + tags + b"</cols><sheetData>" + small_ledger_rows().encode()})
    (extent,) = xlsx_extents(path, Budget(Limits())).values()
    assert extent.cols == 2 and extent.hidden_cols == {0, 1}

"""A quantity merged down over several rows is one quantity, counted once.

Ledgers merge cells: a village or a date down the rows it covers (every row's), and — just as
often — one sum over the rows it pays for (9000 元 over 修路, 修桥, 修渠; 300 亩 over the two
projects that water them). The reader fills a merged range's value into every cell, so before,
the 9000 was counted three times and the 300 亩 twice: **silently wrong**. Now a quantity the
figures add up (``Field.summed``) counts on the first row of its range only; a later row whose
required amount it was is a reject saying so, and no sign of a misread sheet.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.publish.feedback import MERGED_FIX, ledger_problems

D = dt.date
FUNDS = [["葛坳乡澄江村筹资台账"], ["日期", "筹资用途", "资金来源", "金额（元）"],
         [D(2011, 1, 1), "修路", "县财政局", 9000], [D(2011, 1, 1), "修桥", "县财政局", None],
         [D(2011, 1, 1), "修渠", "县财政局", None], [D(2011, 2, 1), "慰问", "群众自筹", 500]]


def _xlsx(tmp_path, rows, merges, name="筹资.xlsx"):
    book = Workbook()
    ws = book.active
    ws.title = "澄江村"
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    book.save(raw / "葛坳乡" / name)
    return raw


def _sheet(result):
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    return sheet


def test_an_amount_merged_over_three_donations_counts_once(tmp_path):
    result = clean(_xlsx(tmp_path, FUNDS, ["D3:D5"]), jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 9500.0
    assert result.frames["funds"]["amount_yuan"].tolist() == [9000.0, 500.0]
    rejects = result.frames["rejects"]
    assert rejects["source_row"].tolist() == [4, 5]
    assert set(rejects["reason"]) == {"金额（元）与第3行合并为一格：只在第3行计入一次，这一行不再计入。"}
    sheet = _sheet(result)
    assert sheet["flag"] is None  # two of four rows rejected, but for the merge: no misread sheet
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    problems = ledger_problems(result.summary(), result.frames).of("reject")
    assert [(p.row, p.column, p.fix) for p in problems] == [(4, "金额", MERGED_FIX), (5, "金额", MERGED_FIX)]


def test_project_quantities_merged_over_two_projects_count_once(tmp_path):
    rows = [["葛坳乡办实事项目台账"], ["村别", "项目名称", "投资金额（万元）", "受益农田（亩）", "受益户数", "竣工时间"],
            ["澄江村", "水渠", 12, 300, 50, D(2011, 9, 1)], ["澄江村", "机耕道", None, None, None, D(2011, 9, 1)],
            ["新屋村", "公路", 8, 20, 30, D(2011, 10, 1)]]
    result = clean(_xlsx(tmp_path, rows, ["C3:C4", "D3:D4", "E3:E4", "F3:F4", "A3:A4"], "项目.xlsx"), jobs=1,
                   progress=False)
    projects = result.frames["projects"]
    assert projects["project_name"].tolist() == ["水渠", "机耕道", "公路"]  # every project a record
    assert projects["village"].tolist() == ["澄江村", "澄江村", "新屋村"]  # a place merged down is every row's
    assert projects["completed_date"].notna().all()  # and so is a date
    assert projects["investment_yuan"].sum() == 200000.0
    assert projects["households_benefited"].sum() == 80
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 320.0
    assert result.frames["rejects"].empty and _sheet(result)["flag"] is None


def test_relief_merged_over_a_day_of_visits_counts_once(tmp_path):
    rows = [["葛坳乡澄江村走访登记表"], ["走访日期", "户主姓名", "走访干部", "走访形式", "慰问金（元）"],
            [D(2011, 1, 20), "廖春生", "邹强", "慰问", 600], [None, "何秀兰", "邹强", "慰问", None],
            [D(2011, 3, 2), "何德明", "钟华", "入户走访", None]]
    result = clean(_xlsx(tmp_path, rows, ["A3:A4", "E3:E4"], "走访.xlsx"), jobs=1, progress=False)
    visits = result.frames["visits"]
    assert len(visits) == 3 and visits["visit_date"].notna().all()
    assert visits["relief_yuan"].sum() == 600.0


def test_an_amount_merged_in_an_xls_counts_once(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    book = xlwt.Workbook()
    ws = book.add_sheet("澄江村")
    for r, row in enumerate(FUNDS):
        for c, v in enumerate(row):
            if v is not None and not (c == 3 and r in (2, 3, 4)):
                ws.write(r, c, v.isoformat() if isinstance(v, dt.date) else v)
    ws.write_merge(2, 4, 3, 3, 9000)
    book.save(str(raw / "葛坳乡" / "筹资.xls"))
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].sum() == 9500.0
    assert len(result.frames["rejects"]) == 2


def test_an_amount_merged_across_columns_of_one_row_is_that_rows(tmp_path):
    """Merged across, not down: one row, one amount (金额 | 备注 merged over a long figure)."""
    rows = [*FUNDS[:2], [D(2011, 1, 1), "修路", "县财政局", 9000, None], [D(2011, 2, 1), "慰问", "群众自筹", 500, None]]
    rows[1] = [*rows[1], "备注"]
    result = clean(_xlsx(tmp_path, rows, ["D3:E3"]), jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].tolist() == [9000.0, 500.0]
    assert result.frames["rejects"].empty


def test_a_subtotal_under_merged_quantities_sums_them_once(tmp_path):
    """300 亩 merged over two projects, then 「2个 | 15 | 300」: the subtotal of what was counted, skipped."""
    rows = [["葛坳乡办实事项目台账"], ["村别", "项目名称", "投资金额（万元）", "受益农田（亩）"],
            ["澄江村", "水渠", 12, 300], ["澄江村", "机耕道", 3, None], ["澄江村", "2个", 15, 300],
            ["新屋村", "公路", 8, 20]]
    result = clean(_xlsx(tmp_path, rows, ["D3:D4"], "项目.xlsx"), jobs=1, progress=False)
    projects = result.frames["projects"]
    assert projects["project_name"].tolist() == ["水渠", "机耕道", "公路"]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 320.0
    assert _sheet(result)["skipped_by_kind"]["subtotal"] == 1

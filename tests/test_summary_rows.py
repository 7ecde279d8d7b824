"""Subtotals typed without a 合计 label are no records.

A township list sums each village's rows in a row of its own: 「澄江村 | | | 8000」 under 澄江村's
donations, 「澄江村 | 2个 | 15 | 350」 under its two projects, 「| | | 13000」 or 「全乡 | 3个 | …」 at
the foot. No 合计 word, so before, each was read as one more donation or project — the funds raised
counted three times over: **silently wrong**. Now a row that says nothing a record says (its
descriptions blank or a count, no date, the place of the rows it sums or 全乡) and whose every
quantity is the sum of the records above it is a subtotal, skipped and counted as one.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean

D = dt.date
FUNDS_HEAD = ["村名", "日期", "筹资用途", "资金来源", "金额（元）"]
PROJECTS_HEAD = ["村名", "项目名称", "投资（万元）", "受益农田（亩）"]


def _clean(tmp_path, rows, title="葛坳乡筹资台账"):
    book = Workbook()
    ws = book.active
    ws.title = "台账"
    for row in [[title], *rows]:
        ws.append(row)
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    book.save(raw / "葛坳乡" / f"{title}.xlsx")
    result = clean(raw, jobs=1, progress=False)
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    return result, sheet


def test_village_subtotals_and_a_grand_total_without_labels_are_skipped(tmp_path):
    rows = [FUNDS_HEAD,
            ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000],
            ["澄江村", None, None, None, 8000],
            ["新屋村", D(2011, 3, 5), "修桥", "县交通局", 4000], ["新屋村", D(2011, 4, 5), "修渠", "群众自筹", 1000],
            ["新屋村", None, None, None, 5000],
            [None, None, None, None, 13000]]
    result, sheet = _clean(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [3, 4, 6, 7]
    assert sheet["skipped_by_kind"]["subtotal"] == 3 and result.frames["rejects"].empty


def test_project_subtotals_with_a_count_for_a_name(tmp_path):
    rows = [PROJECTS_HEAD, ["澄江村", "水渠", 12, 300], ["澄江村", "机耕道", 3, 50], ["澄江村", "2个", 15, 350],
            ["新屋村", "公路", 8, 20], ["新屋村", "1个", 8, 20], ["全乡", "共3项", 23, 370]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡办实事项目台账")
    projects = result.frames["projects"]
    assert projects["project_name"].tolist() == ["水渠", "机耕道", "公路"]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 370.0
    assert projects["investment_yuan"].sum() == 230000.0
    assert sheet["skipped_by_kind"]["subtotal"] == 3


def test_rows_that_say_something_or_do_not_add_up_stay_records(tmp_path):
    """A donation with its own purpose, a date, another village, a sum that is not the rows': records."""
    rows = [FUNDS_HEAD,
            ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000],
            ["澄江村", None, "修桥", None, 8000],  # a purpose: a donation
            ["澄江村", D(2011, 3, 1), None, None, 16000],  # a date: a donation
            ["新屋村", None, None, None, 32000],  # another village than the rows above
            ["澄江村", None, None, None, 7000]]  # not a sum of the rows above
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["funds"]["source_row"].tolist() == [3, 4, 5, 6, 7, 8]
    assert sheet["skipped_by_kind"]["subtotal"] == 0


def test_a_lone_record_under_one_other_is_no_subtotal(tmp_path):
    """Equal to the one row above, with nothing but the amount: one row is no sum (a count would say so)."""
    rows = [FUNDS_HEAD, ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", None, None, None, 5000]]
    result, _ = _clean(tmp_path, rows)
    assert len(result.frames["funds"]) == 2


def test_a_summary_whose_rows_say_nothing_either_is_left_alone(tmp_path):
    """Rows of amounts alone (no purpose, no source) give no sign of which is a sum: all stay records."""
    rows = [FUNDS_HEAD, ["澄江村", D(2011, 1, 5), None, None, 5000], ["澄江村", D(2011, 1, 6), None, None, 3000],
            ["澄江村", None, None, None, 8000]]
    result, _ = _clean(tmp_path, rows)
    assert len(result.frames["funds"]) == 3


def test_an_amount_split_over_sources_without_a_subtotal_is_flagged(tmp_path):
    """筹资金额 over 财政资金 | 社会捐赠 | 群众自筹 and no 小计: one column read, the sheet says so."""
    rows = [["日期", "用途", "筹资金额（元）", "", ""], ["", "", "财政资金", "社会捐赠", "群众自筹"],
            [D(2011, 1, 5), "修路", 2000, 1500, 500], [D(2011, 2, 5), "慰问", 100, 200, 0]]
    result, sheet = _clean(tmp_path, rows)
    assert sheet["flag"]["kind"] == "split_amount"
    assert sheet["flag"]["message"].startswith("可能少计：按筹资台账读取，金额（元）分在「筹资金额财政资金」、「筹资金额社会捐赠」")
    from sansong_analysis.publish.feedback import FLAG_FIX

    assert "小计" in FLAG_FIX["split_amount"]

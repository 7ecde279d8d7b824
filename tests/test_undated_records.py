"""Funds or disputes without a date — a blank cell, or no date column at all — are counted in a figure of the whole
and in no period's: a 2011 report of funds raised left them out, and nothing said so. Counted as before, the sheet
now flagged 按时期统计时不计入 naming the rows (a 提示 in 问题清单).
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date


def _undated(sheet: dict) -> dict | None:
    found = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f and f["kind"] == "undated_records"]
    return found[0] if found else None


def test_donations_without_a_date_are_said_to_count_in_no_period(tmp_path):
    rows = [["序号", "日期", "捐款单位", "金额（元）"], [1, D(2011, 3, 5), "县交通局", 5000], [2, None, "某公司", 3000]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 8000.0
    assert compute_figures(result.frames, start="2011-01-01", end="2011-12-31")["county"]["funds_raised_yuan"] == 5000.0
    flag = _undated(sheet)
    assert flag["records"] == 1 and flag["message"].startswith("按时期统计时不计入：第4行的1条筹资台账记录没有日期")
    assert "undated_records" in COUNTED_FLAGS and "undated_records" in FLAG_FIX


def test_a_list_with_no_date_column_too_and_disputes(tmp_path):
    rows = [["序号", "捐款单位", "金额（元）"], [1, "县交通局", 5000], [2, "某公司", 3000]]
    _, sheet = _clean(tmp_path / "funds", rows, "葛坳乡2011年筹资台账")
    assert _undated(sheet)["records"] == 2
    rows = [["序号", "纠纷类型", "当事人", "调处结果"], [1, "山林纠纷", "张三与李四", "成功"]]
    _, sheet = _clean(tmp_path / "disputes", rows, "葛坳乡2011年矛盾纠纷排查调处台账")
    assert "没有受理日期" in _undated(sheet)["message"]


def test_dated_records_and_projects_are_not_flagged(tmp_path):
    rows = [["序号", "日期", "捐款单位", "金额（元）"], [1, D(2011, 3, 5), "县交通局", 5000]]
    _, sheet = _clean(tmp_path / "funds", rows, "葛坳乡2011年筹资台账")
    assert _undated(sheet) is None
    rows = [["村名", "项目名称", "受益农田（亩）"], ["澄江村", "水渠", 300]]  # a project's completion may be blank
    _, sheet = _clean(tmp_path / "projects", rows, "葛坳乡2011年办实事项目台账")
    assert _undated(sheet) is None

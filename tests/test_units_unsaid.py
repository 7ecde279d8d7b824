"""Amounts with their unit said nowhere: read as 元, and said when they look like 万元.

金额 | 1.2 | 0.5 | 0.35 with no unit in the heading, above the table or in the cells was read as
2.05 元 of funds raised — ten thousand times too small, silently. Not converted (a ledger may
really list small sums): the sheet is flagged 可能少计 saying how to state the unit.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.publish.feedback import FLAG_FIX

D = dt.date
HEAD = ["日期", "用途", "来源", "金额"]


def test_amounts_under_100_with_decimals_and_no_unit_are_flagged(tmp_path):
    rows = [HEAD, [D(2011, 1, 5), "修路", "县财政", 1.2], [D(2011, 1, 6), "修桥", "县交通局", "0.5"],
            [D(2011, 1, 7), "慰问", "群众自筹", 0.35]]
    result, sheet = _clean(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 2.05  # as written: not guessed
    flag = sheet["flag"]
    assert flag["kind"] == "small_amounts" and flag["column"] == "金额"
    assert flag["message"].startswith("可能少计：按筹资台账读取，「金额」列没有写单位，按元计入，但3行都不到100元且带小数")
    assert "万元" in FLAG_FIX["small_amounts"]


def test_projects_investment_too(tmp_path):
    rows = [["村名", "项目名称", "投资", "受益农田（亩）"], ["澄江村", "水渠", 12, 300], ["新屋村", "机耕道", 3.5, 100]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡办实事项目台账")
    assert sheet["flag"]["kind"] == "small_amounts" and sheet["flag"]["column"] == "投资"


def test_a_unit_said_anywhere_or_whole_small_sums_are_not_flagged(tmp_path):
    small = [[D(2011, 1, 5), "修路", "县财政", 1.2], [D(2011, 1, 6), "修桥", "县交通局", 0.5]]
    said = {
        "heading": [["日期", "用途", "来源", "金额（万元）"], *small],
        "note": [["单位：万元"], HEAD, *small],
        "cells": [HEAD, [D(2011, 1, 5), "修路", "县财政", "12.5元"], [D(2011, 1, 6), "修桥", "县交通局", "0.5元"]],
        "whole": [HEAD, [D(2011, 1, 5), "慰问", "群众自筹", 50], [D(2011, 1, 6), "慰问", "群众自筹", 30]],
        "large": [HEAD, [D(2011, 1, 5), "修路", "县财政", 1200.5], [D(2011, 1, 6), "修桥", "县交通局", 0.5]],
    }
    for name, rows in said.items():
        _, sheet = _clean(tmp_path / name, rows)
        assert sheet["flag"] is None, name


def test_a_unit_in_brackets_closing_the_title_is_the_sheet_s(tmp_path):
    small = [[D(2011, 1, 5), "修路", "县财政", 1.2], [D(2011, 1, 6), "修桥", "县交通局", 0.5]]
    for name, title, rows in [
        ("title", "葛坳乡2011年筹资台账（万元）", [HEAD, *small]),
        ("cell", "葛坳乡2011年筹资台账", [["", "", "", "（单位：万元）"], HEAD, *small]),
    ]:
        result, sheet = _clean(tmp_path / name, rows, title)
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 17000.0, name
        assert sheet["flag"] is None, name
    # Another table's headings above this one's say nothing of this one's unit.
    rows = [["项目名称", "投资（万元）", "受益户数"], ["水渠", 12, 30], [], [], HEAD, *small]
    result, _ = _clean(tmp_path / "other", rows, "葛坳乡2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 1.7


def test_amounts_in_thousands_under_a_wan_heading_are_flagged(tmp_path):
    """金额（万元） | 5000 | 3000 | 800: 8800万元 of donations, written in 元. Flagged 可能多计, not converted."""
    rows = [["日期", "用途", "来源", "金额（万元）"], [D(2011, 1, 5), "修路", "县财政", 5000],
            [D(2011, 1, 6), "修桥", "县交通局", 3000], [D(2011, 1, 7), "慰问", "群众自筹", 800]]
    result, sheet = _clean(tmp_path / "wan", rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 88_000_000.0
    flag = sheet["flag"]
    assert flag["kind"] == "large_amounts" and flag["message"].startswith("可能多计：按筹资台账读取，「金额」列的单位是万元")
    assert "元" in FLAG_FIX["large_amounts"]
    # Real 万元 figures, or a large project among small ones: nothing to say.
    for name, amounts in {"small": [0.5, 12, 60], "one_large": [2, 3, 1500]}.items():
        rows = [["日期", "用途", "来源", "金额（万元）"],
                *[[D(2011, 1, 5 + i), "修路", "县财政", a] for i, a in enumerate(amounts)]]
        assert _clean(tmp_path / name, rows)[1]["flag"] is None, name


def test_inspect_says_what_the_clean_warns(tmp_path):
    """``sansong inspect``, which the warning sends the analyst to, shows the warning too."""
    import json
    import subprocess
    import sys

    rows = [HEAD, [D(2011, 1, 5), "修路", "县财政", 1.2], [D(2011, 1, 6), "修桥", "县交通局", "0.5"]]
    _, sheet = _clean(tmp_path, rows)
    path = tmp_path / "raw" / "葛坳乡" / "葛坳乡筹资台账.xlsx"
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"  提醒：{sheet['flag']['message']}" in proc.stdout.splitlines()
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path), "--json"],
                          capture_output=True, text=True)
    [doc] = json.loads(proc.stdout)
    assert doc["sheets"][0]["flag"] == sheet["flag"]
    # A sheet the clean says nothing of: nothing said.
    rows = [HEAD[:3] + ["金额（元）"], [D(2011, 1, 5), "修路", "县财政", 1200]]
    _clean(tmp_path / "plain", rows)
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(tmp_path / "plain" / "raw"), "--json"],
                          capture_output=True, text=True)
    [doc] = json.loads(proc.stdout)
    assert doc["sheets"][0]["flag"] is None and doc["sheets"][0]["records"] == 1


def test_a_unit_line_under_the_rows_is_the_sheet_s(tmp_path):
    """单位：万元 on a line of its own under the rows, in the amount column: the line was a record (a reject, 金额无法识别)
    and the amounts read as 元 — 8 元 for 8万, whole numbers, nothing flagged. Now a note, its unit the sheet's."""
    whole = [[D(2011, 1, 5), "修路", "县财政", 5], [D(2011, 1, 6), "修桥", "县交通局", 3]]
    for name, line in [("cell", ["", "", "", "单位：万元"]), ("bracketed", ["（单位：万元）"])]:
        result, sheet = _clean(tmp_path / name, [HEAD, *whole, line], "葛坳乡2011年筹资台账")
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 80000.0, name
        assert sheet["rejects"] == 0 and sheet["skipped_by_kind"]["note"] == 1, name


def test_a_unit_line_between_records_is_the_unit_of_its_section(tmp_path):
    """二、社会捐助（单位：万元） over the header repeated: the line's unit was the whole table's, the first section's
    5000 元 read as 5000万元. Now the rows below it; a line saying 以上 (注：以上金额单位为万元) the rows above it."""
    rows = [HEAD, [D(2011, 1, 5), "修路", "县财政", 5000], [D(2011, 1, 6), "修桥", "县交通局", 3000], [],
            ["二、社会捐助（单位：万元）"], HEAD, [D(2011, 2, 5), "修路", "某公司", 2]]
    result, sheet = _clean(tmp_path / "below", rows, "葛坳乡2011年筹资台账")
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0, 3000.0, 20000.0]
    rows = [HEAD, [D(2011, 1, 5), "修路", "县财政", 5], [D(2011, 1, 6), "修桥", "县交通局", 3],
            ["注：以上金额单位为万元"], HEAD, [D(2011, 2, 5), "修路", "某公司", 2000]]
    result, _ = _clean(tmp_path / "above", rows, "葛坳乡2011年筹资台账")
    assert list(result.frames["funds"]["amount_yuan"]) == [50000.0, 30000.0, 2000.0]

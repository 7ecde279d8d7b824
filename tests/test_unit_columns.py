"""A quantity's unit in a column of its own beside it (金额 | 单位, 5 | 万元) was ignored: 5 万元 read as 5 元,
2 公顷 as 2 亩 — plausible and wrong, silently. Now each quantity is read with its row's unit, totals too; a 单位
column of names (the donors') is left alone, and a unit that cannot be converted makes the cell a reject.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures

D = dt.date
FUNDS = "葛坳乡2011年筹资台账"


def test_amounts_read_with_the_unit_beside_them_and_their_total_checked(tmp_path):
    rows = [["序号", "日期", "捐款单位", "金额", "单位", "用途"], [1, D(2011, 3, 5), "县交通局", 5, "万元", "修路"],
            [2, D(2011, 3, 6), "某公司", 3000, "元", "修路"], [3, D(2011, 3, 7), "某商会", "0.2", "万元", "修桥"],
            ["合计", None, None, 5.5, "万元", None]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [50000.0, 3000.0, 2000.0]
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 55000.0
    assert sheet["skipped"] == 3 and sheet["flag"] is None  # title, header, the total (it adds up)


def test_farmland_and_lengths_too(tmp_path):
    rows = [["村名", "项目名称", "受益农田", "计量单位", "长度", "单位"], ["澄江村", "水渠", 2, "公顷", 1.5, "公里"],
            ["新屋村", "机耕道", 100, "亩", 800, "米"]]
    result, _ = _clean(tmp_path, rows, "葛坳乡2011年办实事项目台账")
    projects = result.frames["projects"]
    assert list(projects["farmland_mu"]) == [30.0, 100.0] and list(projects["length_m"]) == [1500.0, 800.0]


def test_a_unit_that_cannot_be_converted_is_a_reject(tmp_path):
    rows = [["日期", "捐款单位", "金额", "单位"], [D(2011, 3, 5), "县交通局", 5000, "元"], [D(2011, 3, 6), "某外商", 800, "美元"]]
    result, _ = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0]
    (reason,) = result.frames["rejects"]["reason"]
    assert "800美元" in reason


def test_a_column_of_names_headed_danwei_is_not_units(tmp_path):
    rows = [["日期", "金额（元）", "单位", "用途"], [D(2011, 3, 5), 5000, "县交通局", "修路"], [D(2011, 3, 6), 800, "某公司", "修路"]]
    result, _ = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0, 800.0]

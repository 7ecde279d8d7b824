"""A quantity's unit in its heading that the reader did not know was ignored: the values read as 元, 亩 or 米.

受益面积（平方米） 6667 was 6667 亩 of farmland benefited (10 亩 in truth), 投资额（美元） 30000 was 30000 元 of
investment, 金额（港币） was counted in funds raised as 元, 长度（厘米） 300 was 300 米 — each plausible and wrong,
silently. Now the units a cell may already say (平方米, ㎡, 厘米, 公尺, 延米 …) are read in a heading too, and a
unit that cannot be converted (a foreign currency, 元/亩, 分, 亩/公顷, a unit of another quantity) is never
read as the field's own: a figure's cell is a reject saying why, a side field's cell is left empty, the record
kept and the sheet flagged.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.ledgers import normalize_header, unconvertible_unit

D = dt.date
PROJECTS = "葛坳乡2011年办实事项目台账"


def _flags(sheet: dict) -> list[dict]:
    return [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]


@pytest.mark.parametrize("heading", ["受益面积（平方米）", "受益农田(m²)", "受益农田（㎡）", "受益农田（平米）",
                                     "受益农田（m2）", "受益面积（单位：平方米）"])
def test_farmland_in_square_metres_is_converted_to_mu(tmp_path, heading):
    rows = [["村名", "项目名称", heading, "投资额（元）"], ["澄江村", "水渠", 6667, 30000],
            ["新屋村", "机耕道", "13334", 20000]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    assert list(result.frames["projects"]["farmland_mu"]) == [10.0005, 20.001]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == pytest.approx(30.0015)
    assert not _flags(sheet)


def test_ten_thousand_square_metres_and_a_sheet_note_too(tmp_path):
    rows = [["村名", "项目名称", "受益农田（万平方米）"], ["澄江村", "水渠", 2]]
    result, _ = _clean(tmp_path / "wan", rows, PROJECTS)
    assert list(result.frames["projects"]["farmland_mu"]) == [30.0]
    rows = [["单位：平方米、元"], ["村名", "项目名称", "受益面积", "投资额"], ["澄江村", "水渠", 6667, 30000]]
    result, _ = _clean(tmp_path / "note", rows, PROJECTS)
    assert list(result.frames["projects"]["farmland_mu"]) == [10.0005]
    assert list(result.frames["projects"]["investment_yuan"]) == [30000.0]


@pytest.mark.parametrize(("heading", "metres"), [("长度（厘米）", 3.0), ("长度（公尺）", 300.0), ("长度（延米）", 300.0),
                                                 ("长度(mm)", 0.3), ("长度(km)", 300_000.0)])
def test_lengths_in_any_unit_a_cell_may_say(tmp_path, heading, metres):
    rows = [["村名", "项目名称", "受益农田（亩）", heading], ["澄江村", "水渠", 10, 300]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    assert list(result.frames["projects"]["length_m"]) == [metres]
    assert not _flags(sheet)


@pytest.mark.parametrize(("heading", "unit"), [("金额（美元）", "美元"), ("金额（港币）", "港币"), ("金额（万美元）", "万美元"),
                                               ("金额（单位：美元）", "美元"), ("捐款金额（元/人）", "元/人"), ("金额（角）", "角")])
def test_funds_in_a_unit_that_cannot_be_converted_are_rejects_saying_so(tmp_path, heading, unit):
    rows = [["日期", "捐款单位", heading, "用途"], [D(2011, 3, 5), "县交通局", 4000, "修路"],
            [D(2011, 3, 6), "某公司", 5000, "修路"], [D(2011, 3, 7), "某公司", None, "修路"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert result.frames["funds"].empty  # never 9000 元
    reasons = list(result.frames["rejects"]["reason"])
    assert reasons[:2] == [f"金额「4000」的单位「{unit}」无法换算为元，不予计入。",
                           f"金额「5000」的单位「{unit}」无法换算为元，不予计入。"]
    assert reasons[2].startswith("缺少金额")
    assert sheet["rejects"] == 3


@pytest.mark.parametrize(("note", "unit"), [("单位：美元", "美元"), ("金额单位：万美元", "万美元"), ("单位：港币（元）", "港币")])
def test_a_sheet_note_in_a_foreign_currency_refuses_its_amounts(tmp_path, note, unit):
    # 单位：万美元 was read as 万 (5 美元 counted 50000 元), 单位：美元 not at all (5000 美元 counted 5000 元).
    rows = [[note], ["日期", "捐款单位", "金额", "用途"], [D(2011, 3, 5), "县交通局", 5, "修路"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert result.frames["funds"].empty
    assert list(result.frames["rejects"]["reason"]) == [f"金额「5」的单位「{unit}」无法换算为元，不予计入。"]


def test_a_heading_s_own_unit_outweighs_the_sheet_note(tmp_path):
    rows = [["单位：美元"], ["日期", "捐款单位", "金额（元）", "用途"], [D(2011, 3, 5), "县交通局", 5000, "修路"]]
    result, _ = _clean(tmp_path / "yuan", rows, "葛坳乡2011年筹资台账")
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0]
    rows = [["注：金额单位为美元，面积单位为亩"], ["村名", "项目名称", "受益面积", "投资额"], ["澄江村", "水渠", 30, 30000]]
    result, sheet = _clean(tmp_path / "project", rows, PROJECTS)
    projects = result.frames["projects"]
    assert list(projects["farmland_mu"]) == [30.0] and projects["investment_yuan"].isna().all()
    assert sheet["rejects"] == 0


def test_relief_per_household_on_a_visit_log_is_per_row(tmp_path):
    """慰问金（元/户）: a visit row is one household's, so per household is the row's own amount (was refused,
    every relief cell left empty); elsewhere an amount per household is no total and stays refused."""
    for heading, yuan in [("慰问金（元/户）", 500.0), ("慰问金(万元/户)", 5_000_000.0), ("慰问金（元/次）", 500.0)]:
        rows = [["走访日期", "户主", "走访干部", heading], [D(2011, 3, 5), "张三", "李明", 500]]
        result, sheet = _clean(tmp_path / heading, rows, "葛坳乡2011年走访登记表")
        assert list(result.frames["visits"]["relief_yuan"]) == [yuan], heading
        assert not _flags(sheet), heading
    rows = [["村名", "项目名称", "受益农田（亩）", "投资额（元/户）"], ["澄江村", "水渠", 10, 300]]
    result, _ = _clean(tmp_path / "projects", rows, PROJECTS)
    assert result.frames["projects"]["investment_yuan"].isna().all()


def test_farmland_in_a_unit_that_cannot_be_converted_is_a_reject(tmp_path):
    for name, heading, unit in [("fen", "受益农田（分）", "分"), ("either", "受益农田（亩/公顷）", "亩/公顷"),
                                ("yuan", "受益面积（元）", "元")]:
        rows = [["村名", "项目名称", heading], ["澄江村", "水渠", 35]]
        result, _ = _clean(tmp_path / name, rows, PROJECTS)
        assert result.frames["projects"].empty, name
        (reason,) = result.frames["rejects"]["reason"]
        assert reason == f"受益农田「35」的单位「{unit}」无法换算为亩，不予计入。", name


def test_a_side_quantity_in_such_a_unit_is_left_empty_and_the_sheet_flagged(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "投资额（美元）", "长度（亩）"],
            ["澄江村", "水渠", 10, 30000, 2], ["新屋村", "机耕道", 12, 20000, None]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert list(projects["farmland_mu"]) == [10.0, 12.0]  # the projects and their farmland counted
    assert projects["investment_yuan"].isna().all() and projects["length_m"].isna().all()
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unread_cells"]
    assert flag["records"] == 2
    assert "第3行投资额「30000」的单位「美元」无法换算为元，不予计入" in flag["message"]
    assert "第3行长度「2」的单位「亩」无法换算为米，不予计入" in flag["message"]
    assert sheet["rejects"] == 0


@pytest.mark.parametrize(("heading", "yuan"), [("捐款金额（大写）", 4000.0), ("金额（现金）", 4000.0),
                                               ("金额（万元人民币）", 40_000_000.0), ("金额（人民币）", 4000.0),
                                               ("金额（万元）（含物资折价）", 40_000_000.0)])
def test_brackets_that_are_no_unit_or_a_known_one_read_as_before(tmp_path, heading, yuan):
    rows = [["日期", "捐款单位（个人）", heading, "用途"], [D(2011, 3, 5), "县交通局", 4000, "修路"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert list(result.frames["funds"]["amount_yuan"]) == [yuan]
    assert sheet["rejects"] == 0


def test_the_unit_a_heading_states(tmp_path):
    def unit(heading: str, kind: str) -> str | None:
        return unconvertible_unit(*normalize_header(heading), kind)

    assert unit("投资额（元/亩）", "amount") == "元/亩"
    assert unit("受益农田（平方米）", "area") is None and unit("受益户数（户）", "count") is None
    assert unit("金额单位:万美元", "amount") == "美元"  # read as 金额美元 in 万
    assert unit("是否到位（是/否）", "text") is None
    assert unit("补助标准（元）（每户）", "amount") is None

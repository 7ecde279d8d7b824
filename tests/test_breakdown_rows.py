"""Rows breaking the row above down (其中 …) are part of it, never records of their own.

Chinese statistical tables write a breakdown under the row it breaks down: 「县财政局 | 5000」 then
「其中：县级 | 3000」 and 「乡级 | 2000」, or a funds list's 「合计 | 13000」 then its split by source. Each
was read as one more donation (or project, farmland counted twice over): **silently wrong**. Now the
row beginning 其中 and the rows after it that add up to the row above are skipped as subtotals;
rows after it that do not add up are counted and the sheet says so.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures
from sansong_analysis.publish.feedback import FLAG_FIX

D = dt.date
FUNDS_HEAD = ["序号", "日期", "捐款单位", "用途", "金额（元）"]
PROJECTS_HEAD = ["序号", "村", "项目名称", "投资（万元）", "受益农田（亩）"]
ROAD = [1, D(2011, 3, 5), "县财政局", "修路", 5000]
BRIDGE = [2, D(2011, 4, 5), "县交通局", "修桥", 8000]


def _raised(result) -> float:
    return compute_figures(result.frames)["county"]["funds_raised_yuan"]


def test_a_donation_broken_down_is_one_donation(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [None, None, "其中：县级", None, 3000], [None, None, "　　乡级", None, 2000], BRIDGE,
            ["合计", None, None, None, 13000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0  # was 18000
    assert result.frames["funds"]["source_row"].tolist() == [3, 6]
    assert sheet["skipped_by_kind"]["subtotal"] == 3 and sheet["flag"] is None
    assert [check["ok"] for check in sheet["totals"]] == [True]  # the ledger's 合计 agrees with the records


def test_a_total_broken_down_by_source_after_it(tmp_path):
    rows = [FUNDS_HEAD, ROAD, BRIDGE, ["合计", None, None, None, 13000],
            [None, None, "其中：财政资金", None, 10000], [None, None, "社会捐助", None, 3000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0  # was 26000
    assert sheet["skipped_by_kind"]["subtotal"] == 3
    assert [check["ok"] for check in sheet["totals"]] == [True]


def test_of_which_on_a_row_of_its_own_then_the_parts(tmp_path):
    rows = [FUNDS_HEAD, ROAD, BRIDGE, ["合计", None, None, None, 13000], ["其中：", None, None, None, None],
            [None, None, "财政资金", None, 10000], [None, None, "社会捐助", None, 3000]]
    result, _ = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [3, 4]


def test_each_part_written_with_its_own_of_which(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [None, None, "其中：县级", None, 3000], [None, None, "其中：乡级", None, 2000], BRIDGE]
    result, _ = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0


def test_farmland_of_a_project_broken_down_by_village(tmp_path):
    rows = [PROJECTS_HEAD, [1, "澄江村", "新建水渠", 20, 680], [None, None, "其中：澄江村段", 12, 300],
            [None, None, "新屋村段", 8, 380], [2, "新屋村", "机耕道", 3, 50]]
    result, _ = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    county = compute_figures(result.frames)["county"]
    assert county["farmland_benefited_mu"] == 730.0  # was 1410
    assert result.frames["projects"]["project_name"].tolist() == ["新建水渠", "机耕道"]
    assert result.frames["projects"]["investment_yuan"].sum() == 230000.0


def test_a_partial_breakdown_skips_the_of_which_row_and_flags_the_rest(tmp_path):
    """县级 3000 of 5000 is said; 乡级 1000 after it may be part of it or a donation of its own: counted, said."""
    rows = [FUNDS_HEAD, ROAD, [None, None, "其中：县级", None, 3000], [None, None, "乡级", None, 1000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert result.frames["funds"]["source_row"].tolist() == [3, 5, 6]
    assert _raised(result) == 14000.0
    assert sheet["flag"]["kind"] == "after_of_which" and "第5行" in sheet["flag"]["message"]
    assert "可能多计" in sheet["flag"]["message"] and "after_of_which" in FLAG_FIX


def test_an_of_which_row_more_than_the_row_above_is_counted_and_flagged(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [None, None, "其中：县级", None, 6000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 19000.0
    assert sheet["flag"]["kind"] == "after_of_which" and "第4行" in sheet["flag"]["message"]


def test_of_which_under_a_heading_with_no_amount_introduces_records(tmp_path):
    """县直单位 gives no amount: the rows under it are the donations themselves."""
    rows = [FUNDS_HEAD, [1, None, "县直单位", None, None], [None, None, "其中：财政局", None, 3000],
            [None, None, "交通局", None, 2000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [4, 5, 6]
    assert sheet["flag"]["kind"] == "undated_records" and not sheet.get("more_flags")  # undated donations: no period's


def test_of_which_in_words_is_a_note_on_the_row_above(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [None, None, "其中：县级3000元", "乡级2000元", None], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0 and result.frames["rejects"].empty  # was a reject (缺少金额)
    assert sheet["skipped_by_kind"]["note"] == 1


def test_a_record_numbered_or_dated_or_saying_one_of_them_is_a_record(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [2, D(2011, 3, 6), "其中：县级追加", None, 3000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 16000.0 and sheet["flag"] is None
    disputes = [["序号", "受理日期", "当事人", "纠纷类型", "简要情况", "调处结果"],
                [1, D(2011, 3, 5), "王五、赵六", "山林纠纷", "其中一方认为界址有误", "调解成功"],
                [2, D(2011, 4, 5), "李四、张三", "邻里纠纷", "排水", "调解成功"]]
    result, _ = clean_one_sheet(tmp_path / "d", disputes, "葛坳乡矛盾纠纷台账")
    assert len(result.frames["disputes"]) == 2


def test_amounts_in_wan_add_up_within_rounding(tmp_path):
    head = ["序号", "日期", "捐款单位", "用途", "金额（万元）"]
    rows = [head, [1, D(2011, 3, 5), "县财政局", "修路", 1.3], [None, None, "其中：县级", None, 0.8],
            [None, None, "乡级", None, 0.5]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0 and sheet["flag"] is None


def test_parts_numbered_under_their_row_are_part_of_it(tmp_path):
    """1 | 县财政局 | 5000 then 1-1 | 3000 and 1-2 | 2000 (or 1.1, 1.2 typed as numbers): each part was one more donation,
    the sum counted twice, nothing said; so for a project's sub-projects. Numbered as parts of the row above, they
    are skipped as its breakdown, as rows saying 其中 are."""
    for name, first, second in [("dash", "1-1", "1-2"), ("dot", 1.1, 1.2), ("text", "1.1", "1.2")]:
        rows = [FUNDS_HEAD, ROAD, [first, D(2011, 3, 5), "县级", "修路", 3000], [second, D(2011, 3, 5), "乡级", "修路", 2000],
                BRIDGE]
        result, sheet = clean_one_sheet(tmp_path / name, rows)
        assert _raised(result) == 13000.0, name
        assert sheet["skipped_by_kind"]["subtotal"] == 2 and sheet["flag"] is None, name
    projects = [PROJECTS_HEAD, [1, "澄江村", "水利工程", 10, 300], ["1-1", "澄江村", "水渠", 6, 200],
                ["1-2", "澄江村", "山塘", 4, 100], [2, "澄江村", "机耕道", 5, 50]]
    result, _ = clean_one_sheet(tmp_path / "projects", projects, "葛坳乡2011年办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 350.0


def test_parts_numbered_under_their_row_on_dates_of_their_own_are_the_records(tmp_path):
    """1 | 县财政局 | 5000 (dated, or not) then 1.1 | 3000 on 3月5日 and 1.2 | 2000 on 4月5日: the second part's date
    made it a donation of its own — 1.1 flagged, 1.2 counted again, 10000 raised for 5000. The parts, each dated,
    are the records and the row above their total: 13000 in all, each part in its own month."""
    for name, road in [("dated", ROAD), ("undated", [1, None, "县财政局", "修路", 5000])]:
        rows = [FUNDS_HEAD, road, [1.1, D(2011, 3, 5), "县级", "修路", 3000], [1.2, D(2011, 4, 5), "乡级", "修路", 2000],
                BRIDGE]
        result, sheet = clean_one_sheet(tmp_path / name, rows)
        assert _raised(result) == 13000.0, name
        assert sheet["skipped_by_kind"]["subtotal"] == 1 and sheet["flag"] is None, name
        funds = result.frames["funds"]
        assert list(funds["amount_yuan"]) == [3000.0, 2000.0, 8000.0], name
        assert [d.month for d in funds["date"]] == [3, 4, 4], name
    # parts that do not add up to it: every row counted, the sheet flagged
    rows = [FUNDS_HEAD, ROAD, [1.1, D(2011, 3, 5), "县级", "修路", 3000], [1.2, D(2011, 4, 5), "乡级", "修路", 1000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path / "short", rows)
    assert _raised(result) == 17000.0 and sheet["flag"]["kind"] == "after_of_which"
    assert "编号为上面一行的分项" in sheet["flag"]["message"] and "没有序号" not in sheet["flag"]["message"]


def test_a_dated_of_which_row_on_the_row_s_own_date_is_part_of_it(tmp_path):
    rows = [FUNDS_HEAD, ROAD, [None, D(2011, 3, 5), "其中：县级", "修路", 3000], [None, D(2011, 3, 5), "乡级", "修路", 2000],
            BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 13000.0 and sheet["skipped_by_kind"]["subtotal"] == 2


def test_numbers_like_parts_with_no_row_they_belong_to_are_records(tmp_path):
    # 1-1, 1-2, 2-1: a group's households or donations numbered by group, no row 1 above them.
    rows = [FUNDS_HEAD, ["1-1", D(2011, 3, 5), "县财政局", "修路", 5000], ["1-2", D(2011, 3, 6), "县交通局", "修桥", 3000],
            ["2-1", D(2011, 3, 7), "某公司", "修路", 2000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 10000.0 and sheet["skipped_by_kind"].get("subtotal", 0) == 0


def test_a_row_numbered_as_a_part_that_does_not_add_up_is_counted_and_said(tmp_path):
    # 1.1 under 1 may be a donation put in later, numbered not to renumber the rest: counted, the sheet flagged.
    rows = [FUNDS_HEAD, ROAD, [1.1, D(2011, 3, 5), "县林业局", "修路", 1000], BRIDGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 14000.0
    assert sheet["flag"]["kind"] == "after_of_which"

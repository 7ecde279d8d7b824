"""Two columns naming one quantity — 金额 beside 调整后金额, 捐款金额 beside 到位金额, 金额（元） beside 金额（万元） —
were read by whichever synonym ranked first, the other dropped unsaid: the donations pledged counted as raised, the
amount before its correction kept. Now the column saying it holds the final figure (实到, 到位, 核实, 调整后 …) is
read before one as first written or promised (认捐, 申报, 原 …) or the bare name, and where the two differ in
some row the sheet says which was counted (请核对计入的列, a 提示).
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.ledgers import claim_fields
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date
FUNDS = "葛坳乡2011年筹资台账"


def _rival(sheet: dict) -> dict | None:
    found = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f and f["kind"] == "rival_columns"]
    return found[0] if found else None


@pytest.mark.parametrize(("first", "final"), [("金额", "调整后金额"), ("捐款金额", "到位金额"), ("认捐金额", "实到金额"),
                                              ("申报金额", "核实金额"), ("原金额", "更正后金额")])
def test_the_final_figure_is_read(tmp_path, first, final):
    rows = [["序号", "日期", "捐款单位", first, final, "用途"], [1, D(2011, 3, 5), "县交通局", 5000, 4000, "修路"],
            [2, D(2011, 3, 6), "某公司", 3000, 3000, "修路"]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 7000.0
    flag = _rival(sheet)
    if claim_fields(first)["funds"] is None:  # 认捐金额, 申报金额, 原金额 name no amount raised: nothing to tell
        assert flag is None
    else:
        assert flag["message"].startswith(
            f"请核对计入的列：按筹资台账读取，「{final}」、「{first}」都像是金额（元），按「{final}」计入，有1行两列的数不同")
        assert "rival_columns" in COUNTED_FLAGS and "rival_columns" in FLAG_FIX


def test_two_units_of_one_amount_that_disagree_are_said(tmp_path):
    rows = [["日期", "捐款单位", "金额（元）", "金额（万元）"], [D(2011, 3, 5), "县交通局", 5000, 0.5], [D(2011, 3, 6), "某公司", 3000, 0.4]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0, 3000.0]
    flag = _rival(sheet)
    assert flag["rows"] == 1 and "「金额（元）」、「金额（万元）」" in flag["message"]  # 0.5万元 = 5000: the same


def test_columns_that_agree_are_not(tmp_path):
    rows = [["日期", "捐款单位", "金额", "到位金额"], [D(2011, 3, 5), "县交通局", 5000, 5000], [D(2011, 3, 6), "某公司", 3000, 3000]]
    _, sheet = _clean(tmp_path, rows, FUNDS)
    assert _rival(sheet) is None


def test_a_stage_word_alone_makes_the_quantity():
    assert claim_fields("调整后金额")["funds"].field.name == "amount_yuan"
    assert claim_fields("核实面积")["projects"] is None  # 面积 alone is no 受益农田
    assert claim_fields("缴费金额")["funds"] is None


def test_a_count_of_donations_is_no_amount(tmp_path):
    assert claim_fields("筹资笔数")["funds"] is None and claim_fields("捐款项数")["funds"] is None
    rows = [["村名", "筹资笔数", "筹资金额（元）"], ["澄江村", 3, 30000], ["新屋村", 2, 10000]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资汇总表")
    assert list(result.frames["funds"]["amount_yuan"]) == [30000.0, 10000.0]
    assert _rival(sheet) is None  # 笔数 counts donations: no second amount


@pytest.mark.parametrize("ledger", ["projects", "funds"])
def test_a_total_over_its_parts_is_read_and_its_parts_are_no_rivals(tmp_path, ledger):
    """总投资（万元） over 争取资金 | 群众自筹 | 合计, written over the first sub-column (no merges): the group row alone was
    taken for the header, its 合计 row for a subtotal, and the first source (8万) for the whole investment (10万)."""
    if ledger == "projects":
        head, title = ["序号", "项目名称", "所在村", "总投资（万元）", "", "", "受益户数"], "葛坳乡项目建设台账"
        rows = [head, ["", "", "", "争取资金", "群众自筹", "合计", ""], [1, "水渠", "澄江村", 8, 2, 10, 30],
                [2, "机耕道", "澄江村", 5, 0, 5, 20]]
        figure, expected = "investment_yuan", [100000.0, 50000.0]
    else:
        head, title = ["序号", "日期", "用途", "筹资金额（元）", "", ""], FUNDS
        rows = [head, ["", "", "", "财政资金", "社会捐赠", "合计"], [1, D(2011, 3, 5), "修路", 8000, 2000, 10000],
                [2, D(2011, 3, 6), "修桥", 5000, 0, 5000]]
        figure, expected = "amount_yuan", [10000.0, 5000.0]
    result, sheet = _clean(tmp_path, rows, title)
    assert list(result.frames[ledger][figure]) == expected
    assert sheet["skipped_by_kind"].get("subtotal", 0) == 0 and _rival(sheet) is None


def test_this_entrys_amount_is_read_and_a_running_total_never(tmp_path):
    """本次金额 | 累计金额: the sheet was 未识别 (no amount column); now 本次 is the amount, 累计 never summed."""
    rows = [["序号", "日期", "来源", "本次金额（元）", "累计金额（元）", "用途"], [1, D(2011, 3, 5), "县财政", 5000, 5000, "修路"],
            [2, D(2011, 3, 6), "社会捐助", 3000, 8000, "修路"]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0, 3000.0] and _rival(sheet) is None


def test_a_running_total_alone_is_no_amount(tmp_path):
    """累计到位资金 alone down a log was summed (5000 + 8000 for 8000 raised): now the sheet is 未识别, saying it has
    no amount column, for the analyst to name one in sansong.toml if the column is each row's own."""
    rows = [["序号", "日期", "来源", "累计到位资金（元）"], [1, D(2011, 3, 5), "县财政", 5000], [2, D(2011, 3, 6), "社会捐助", 8000]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert sheet["ledger"] is None and "没有金额（元）列" in sheet["recognition"]["reason"]
    assert "funds" not in result.frames or result.frames["funds"].empty
    assert claim_fields("累计完成投资")["projects"].field.name == "investment_yuan"  # a project's own to date


@pytest.mark.parametrize("heading", ["捐款（元）", "捐资（元）", "捐资金额", "捐款（万元）"])
def test_a_donation_measured_in_money_is_the_amount(tmp_path, heading):
    """捐款（元） — the heading of a 捐款金额 column written with its unit — named no column: the sheet was 未识别, its
    money lost; a heading measured in 元 is the heading of that sum (捐款金额) where it is one exactly."""
    rows = [["序号", "日期", "捐款单位", heading], [1, D(2011, 3, 5), "县交通局", 5], [2, D(2011, 3, 6), "某公司", 3]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    scale = 10000 if "万元" in heading else 1
    assert list(result.frames["funds"]["amount_yuan"]) == [5.0 * scale, 3.0 * scale]
    assert claim_fields("捐资单位")["funds"] is None or claim_fields("捐资单位")["funds"].field.name != "amount_yuan"


@pytest.mark.parametrize("heading", ["实际到位（元）", "已到位（元）", "实际到账（元）", "实际到位资金"])
def test_what_came_in_measured_in_yuan_beside_what_was_planned_is_the_amount(tmp_path, heading):
    """计划筹资（元） | 实际到位（元） | 到位率: 实际到位（元） named no column, the sheet was 未识别 (no amount column), its money
    lost; a heading of what came in, measured in 元, is the amount (a 已到位 column of 是 / 否 stays what it was)."""
    rows = [["序号", "资金来源", "计划筹资（元）", heading, "到位率", "日期"], [1, "县财政", 10000, 8000, "80%", D(2011, 3, 5)],
            [2, "社会捐助", 5000, 5000, "100%", D(2011, 3, 6)]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [8000.0, 5000.0] and sheet["flag"] is None


@pytest.mark.parametrize(("headings", "cells"), [
    (["已到位资金（元）", "未到位资金（元）"], [[8000, 2000], [5000, 0]]),
    (["应到位资金（元）", "已到位资金（元）", "未到位资金（元）"], [[10000, 8000, 2000], [5000, 5000, 0]]),
    (["到位资金（元）", "资金缺口（元）"], [[8000, 2000], [5000, 0]]),
])
def test_what_is_still_missing_is_no_part_of_what_came_in(tmp_path, headings, cells):
    """已到位 | 未到位: the amount read was right, but the sheet was flagged 可能少计 — 未到位 taken for a part of the
    sum, the team told to add a 小计 column over the two. What has not come in is no part of what has."""
    rows = [["序号", "日期", "来源", *headings], [1, D(2011, 3, 5), "县财政", *cells[0]], [2, D(2011, 3, 6), "社会捐助", *cells[1]]]
    result, sheet = _clean(tmp_path, rows, FUNDS)
    assert list(result.frames["funds"]["amount_yuan"]) == [8000.0, 5000.0]
    assert sheet["flag"] is None and not sheet.get("more_flags") and _rival(sheet) is None


@pytest.mark.parametrize(("ledger", "group", "subs", "expected"), [
    ("projects", "投资（万元）", ["计划", "实际"], 80000.0),  # was 计划: the investment planned read as made
    ("projects", "投资情况（万元）", ["计划投资", "完成投资"], 80000.0),  # was 8.0: the group's 万元 lost
    ("funds", "资金（万元）", ["计划", "到位"], 80000.0),  # was 计划, and its label row a reject
    ("funds", "筹资（元）", ["应筹", "实筹"], 8000.0),  # was 应筹
])
def test_what_was_spent_or_raised_under_a_group_written_once(tmp_path, ledger, group, subs, expected):
    """A group heading written once over its first sub-column (no merges, as a CSV or a hand-typed sheet has it)."""
    if ledger == "projects":
        rows = [["序号", "项目名称", "所在村", group, "", "受益户数"], ["", "", "", *subs, ""], [1, "水渠", "澄江村", 10, 8, 30]]
        title, figure = "葛坳乡项目建设台账", "investment_yuan"
    else:
        rows = [["序号", "日期", "来源", group, ""], ["", "", "", *subs], [1, D(2011, 3, 5), "县财政", 10, 8]]
        rows[2][3:] = [10, 8] if "万元" in group else [10000, 8000]
        title, figure = FUNDS, "amount_yuan"
    result, sheet = _clean(tmp_path, rows, title)
    assert list(result.frames[ledger][figure]) == [expected] and sheet["rejects"] == 0
    if ledger == "projects":
        assert list(result.frames["projects"]["households_benefited"]) == [30]


def test_a_count_beside_a_groups_sub_columns_is_not_in_its_unit(tmp_path):
    rows = [["序号", "项目名称", "所在村", "投资（万元）", "", ""], ["", "", "", "计划投资", "完成投资", "受益户数"],
            [1, "水渠", "澄江村", 10, 8, 30]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡项目建设台账")
    assert list(result.frames["projects"]["households_benefited"]) == [30] and sheet["flag"] is None
    assert list(result.frames["projects"]["investment_yuan"]) == [80000.0]

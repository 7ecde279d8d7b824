"""A record its own 备注 says should not count — 作废, 重复登记, 已退回, 已迁出, 未实施 — was counted, unsaid.

Teams strike an entry off by writing so in the remark column rather than deleting the row: a donation refunded
or entered twice stayed in the funds raised, a project never built in the farmland benefited, a household moved
away in the roster the coverage is measured against. Counted as read (a remark can be about something else),
the sheet flagged 可能多计 naming the rows and what their remarks say; the analyst decides.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.tidy import _says_void
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date


def _void(sheet: dict) -> dict | None:
    found = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f and f["kind"] == "void_remarks"]
    return found[0] if found else None


def test_donations_struck_off_in_their_remark_are_counted_and_flagged(tmp_path):
    rows = [["序号", "日期", "捐款单位", "金额（元）", "用途", "备注"],
            [1, D(2011, 3, 5), "县交通局", 4000, "修路", ""],
            [2, D(2011, 3, 6), "县林业局", 5000, "修路", "作废"],
            [3, D(2011, 3, 7), "县水利局", 3000, "修桥", "重复登记，不计"],
            [4, D(2011, 3, 8), "某公司", 2000, "修路", "已退回"],
            [5, D(2011, 3, 9), "某商会", 1000, "修路", "与第1行重复"],
            [6, D(2011, 3, 10), "县财政局", 700, "修路", "已核实"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 15700.0  # counted as read
    flag = _void(sheet)
    assert flag["records"] == 4
    assert flag["message"] == (
        "可能多计：第4、5、6、7行的备注写着「作废」、「重复登记，不计」、「已退回」、「与第1行重复」，像是不应计入的记录"
        "（作废、重复登记、已迁出、未实施等），已作为4条筹资台账记录计入；如确不应计入，请删除这些行后重新报送")
    assert "void_remarks" in COUNTED_FLAGS and "void_remarks" in FLAG_FIX


def test_a_project_not_built_and_a_household_moved_away_too(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "备注"], ["澄江村", "水渠", 300, "已竣工"],
            ["新屋村", "机耕道", 100, "项目未实施"], ["新屋村", "山塘", 50, "已取消"]]
    _, sheet = _clean(tmp_path / "p", rows, "葛坳乡2011年办实事项目台账")
    assert _void(sheet)["records"] == 2
    rows = [["村名", "户主姓名", "家庭人口", "是否贫困户", "备注"], ["澄江村", "张三", 4, "是", "儿子已迁出"],
            ["澄江村", "李四", 3, "否", "全户迁出"], ["澄江村", "王五", 2, "是", "已销户"], ["澄江村", "赵六", 5, "否", ""]]
    _, sheet = _clean(tmp_path / "r", rows, "葛坳乡澄江村帮扶对象花名册")
    flag = _void(sheet)
    assert flag["records"] == 2 and "第4、5行" in flag["message"]  # a son moving out is no household gone


@pytest.mark.parametrize("remark", ["已核实", "未作废", "不重复", "不重复计入", "没有重复登记", "重复走访", "二次走访",
                                    "不计报酬", "取消低保", "已到位", "调解无效", "同第3行", "已开工",
                                    "认捐已到位", "承诺已兑现", "计划", "已走访", "走访未遇",
                                    "户主已故",
                                    # what lent money paid for, or a grant towards a loan's interest, or no loan at all
                                    "用于偿还借款", "还贷款", "贷款贴息补助", "非借款", "无需归还", "不需归还"])
def test_remarks_about_something_else_are_not(remark):
    ledger = {"调解无效": "disputes", "已开工": "projects", "户主已故": "roster"}.get(remark, "visits" if "走访" in remark else "funds")
    assert not _says_void(remark, ledger)


@pytest.mark.parametrize(("remark", "ledger"), [("此条作废", "visits"), ("重复", "visits"), ("删除", "roster"),
                                                ("部分未到位", "funds"), ("未开工", "projects"), ("已撤回", "disputes"),
                                                ("不予计入", "funds"), ("退款", "funds"),
                                                # pledged, not yet in (were counted, nothing said)
                                                ("拟捐", "funds"), ("意向捐款", "funds"), ("口头承诺", "funds"),
                                                ("认捐", "funds"), ("待到位", "funds"), ("承诺出资", "funds"),
                                                # a visit its remark says was not made (was counted, nothing said)
                                                ("未走访", "visits"), ("此户未入户", "visits"), ("拟走访", "visits"),
                                                # a household no longer assigned (was counted, nothing said)
                                                ("整户死亡", "roster"), ("退出帮扶", "roster"), ("不再帮扶", "roster"),
                                                # a donation lent, to be paid back (was counted, nothing said)
                                                ("借款", "funds"), ("银行贷款", "funds"), ("此款系暂借", "funds"),
                                                ("垫付款", "funds"), ("县交通局借给", "funds"), ("需归还", "funds"),
                                                ("借款已到账", "funds")])
def test_remarks_that_strike_a_record_off(remark, ledger):
    assert _says_void(remark, ledger)


def test_a_sheet_without_such_remarks_is_not_flagged(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访干部", "备注"],
            [1, D(2011, 3, 5), "澄江村", "张三", "李明", "重复走访"], [2, D(2011, 3, 6), "澄江村", "李四", "李明", "不计报酬"]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert _void(sheet) is None


def test_a_household_struck_off_in_its_own_cell_is_read_by_name_counted_and_flagged(tmp_path):
    """李四（已销户） kept its note as part of the name (a household no visit could match), 张三（已迁出） was read as 张三 with
    nothing said — the same words in 备注 flag the sheet. Now both read by name, counted, and the sheet flagged,
    naming the column they were written in."""
    rows = [["序号", "户主姓名", "村别", "是否贫困户"], [1, "张三（已迁出）", "澄江村", "是"], [2, "李四(已销户)", "澄江村", "是"],
            [3, "王五（已故）", "澄江村", "是"], [4, "赵六", "澄江村", "否"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡结对帮扶花名册")
    assert list(result.frames["roster"]["household_head"]) == ["张三", "李四", "王五", "赵六"]
    flag = _void(sheet)
    assert flag["records"] == 2 and "第3、4行的户主姓名写着「已迁出」、「已销户」" in flag["message"]


def test_rows_under_a_line_saying_they_should_not_count(tmp_path):
    # 以下作废 over a donation, 二、已迁出户 over a roster's household: counted with nothing said (the same words in
    # 备注 were flagged); now flagged 可能多计 naming the line. Another line of its own ends them.
    from one_sheet import clean_one_sheet

    funds = [["序号", "日期", "捐款单位", "金额（元）"], [1, "2011-03-05", "县委办", 5000], ["以下作废", None, None, None],
             [2, "2011-03-06", "县交通局", 3000]]
    _, sheet = clean_one_sheet(tmp_path / "funds", funds, "葛坳乡澄江村筹资台账")
    assert sheet["flag"]["kind"] == "void_remarks" and sheet["flag"]["records"] == 1
    assert sheet["flag"]["message"].startswith("可能多计：第5行的分节标题写着「以下作废」")
    roster = [["序号", "户主姓名", "是否贫困户", "联系干部"], [1, "张三", "是", "李明"], ["二、已迁出户"], [2, "李四", "否", "李明"],
              ["三、新增户"], [3, "王五", "否", "李明"]]
    _, sheet = clean_one_sheet(tmp_path / "roster", roster, "葛坳乡澄江村三送联系户花名册")
    assert sheet["flag"]["kind"] == "void_remarks" and sheet["flag"]["records"] == 1
    assert "「已迁出户」" in sheet["flag"]["message"]


def test_disputes_in_sections_by_kind(tmp_path):
    # 一、山林纠纷 … 二、土地纠纷 over the disputes, no 纠纷类型 column: every dispute was 其他
    from one_sheet import clean_one_sheet

    rows = [["序号", "受理时间", "当事人", "调处结果"], ["一、山林纠纷（1起）", None, None, None], [1, "2011-03-01", "张三、李四", "成功"],
            ["二、土地纠纷", None, None, None], [2, "2011-03-02", "王五、赵六", "成功"]]
    result, _ = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["dispute_type"]) == ["forest", "land"]


def test_a_dispute_resolved_by_its_result_and_not_by_its_remark(tmp_path):
    """调处结果 已化解 beside 备注 一方反悔 / 协议未履行 / 已移交法院: counted as resolved, nothing said (read as one cell,
    已化解，一方反悔 is not resolved). Counted still — the result column says so — and flagged 可能多计 naming the rows; a
    remark of what followed (待回访, 已结案, 调解协议已履行) or one beside an unresolved result says nothing."""
    remarks = ["一方反悔", "协议未履行", "已移交法院", "待回访", "已结案", "调解协议已履行", None, "又起纠纷"]
    rows = [["序号", "受理时间", "当事人", "纠纷类型", "调处结果", "备注"],
            *[[i + 1, D(2011, 3, i + 1), f"甲{i}、乙{i}", "山林", "未化解" if i == 7 else "已化解", r]
              for i, r in enumerate(remarks)]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年矛盾纠纷排查调处台账")
    county = compute_figures(result.frames)["county"]
    assert (county["disputes_total"], county["disputes_resolved"]) == (8, 7)  # counted as the results say
    (flag,) = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f and f["kind"] == "outcome_remarks"]
    assert flag["records"] == 3 and "第3、4、5行" in flag["message"] and "「一方反悔」" in flag["message"]
    assert "outcome_remarks" in COUNTED_FLAGS and "outcome_remarks" in FLAG_FIX

"""Ledgers under the names offices give them: a cadre's 民情日记 is a visit log (日期 | 走访对象 | 民情内容 | 处理情况,
a row a visit: was 未识别, its visits lost from coverage); a 信访登记 register's 来访日期 is the day a dispute was received
(was no date: every dispute undated, in no period).
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet


def test_a_cadres_diary_of_the_people_is_a_visit_log(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, [
        ["日期", "走访对象", "村组", "民情内容", "处理情况"],
        ["2011-03-05", "张三", "澄江村3组", "反映水渠堵塞", "已协调疏通"], ["2011-03-06", "李四", "澄江村1组", "咨询低保政策", "已解答"],
    ], "葛坳乡三送干部民情日记")
    assert sheet["ledger"] == "visits"
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 3, 5), dt.date(2011, 3, 6)]


def test_a_list_of_the_peoples_concerns_is_no_visit_log(tmp_path):
    _, sheet = clean_one_sheet(tmp_path, [
        ["序号", "日期", "农户姓名", "村", "反映问题", "办理结果"], [1, "2011-03-05", "张三", "澄江村", "反映水渠堵塞", "已协调疏通"],
    ], "葛坳乡民情台账")
    assert sheet["ledger"] is None


def test_a_petition_registers_day_of_the_visit_is_the_day_received(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", "来访日期", "来访人", "反映问题", "处理结果"], [1, "2011-03-05", "张三", "土地纠纷", "已调解"],
    ], "葛坳乡信访登记台账")
    assert sheet["ledger"] == "disputes" and sheet["flag"] is None
    assert [d.date() for d in result.frames["disputes"]["received_date"]] == [dt.date(2011, 3, 5)]


@pytest.mark.parametrize(("date", "household", "cadre"), [
    ("到户时间", "联系户", "驻村干部"), ("到户日期", "对象姓名", "包村干部"), ("走访日期", "联系户姓名", "工作队员")])
def test_a_visit_log_in_a_work_teams_own_words(tmp_path, date, household, cadre):
    """到户时间, 联系户 (the households a cadre is linked to), 驻村干部 / 包村干部 / 工作队员: the sheet was 未识别 (no date
    or no household column) or read without its cadres (two cadres' visits to one household on one day one visit)."""
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", date, household, "村名", cadre], [1, "2011-03-05", "张三", "澄江村", "李明"],
        [2, "2011-03-05", "张三", "澄江村", "王红"]], "葛坳乡三送走访登记表")
    assert sheet["ledger"] == "visits" and sheet["records"] == 2
    assert list(result.frames["visits"]["cadre"]) == ["李明", "王红"] and result.frames["duplicates"].empty


def test_projects_and_disputes_in_a_work_teams_own_words(tmp_path):
    """建设内容 as the project's name and 投入（万元） its investment (the sheet was 未识别: no 项目名称); a dispute's 接报日期
    the day it was received (was no date: the dispute in no period)."""
    result, sheet = clean_one_sheet(tmp_path / "p", [
        ["序号", "建设内容", "村名", "投入（万元）", "竣工时间"], [1, "硬化村道2公里", "澄江村", 10, "2011-5"]], "葛坳乡办实事台账")
    assert sheet["ledger"] == "projects"
    assert list(result.frames["projects"]["investment_yuan"]) == [100000.0]
    result, sheet = clean_one_sheet(tmp_path / "d", [
        ["序号", "接报日期", "矛盾类型", "处理结果"], [1, "2011-03-05", "山林", "调解成功"]], "葛坳乡矛盾纠纷台账")
    assert [d.date() for d in result.frames["disputes"]["received_date"]] == [dt.date(2011, 3, 5)]
    both = [["序号", "项目名称", "建设内容", "投资（万元）"], [1, "村道硬化", "硬化村道2公里", 10]]
    result, _ = clean_one_sheet(tmp_path / "both", both, "葛坳乡办实事台账")
    assert list(result.frames["projects"]["project_name"]) == ["村道硬化"]  # the name, where there is one


@pytest.mark.parametrize(("poor", "cadre"), [("是否贫困", "联系领导"), ("是否扶贫对象", "挂钩干部"), ("是否困难家庭", "包户领导")])
def test_a_roster_in_a_work_teams_own_words(tmp_path, poor, cadre):
    """是否贫困 / 是否扶贫对象 / 是否困难家庭 named no column: every household not poor, the sheet flagged 可能少计."""
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", "户主姓名", "村名", "家庭人数", poor, cadre], [1, "张三", "澄江村", 3, "是", "李明"],
        [2, "李四", "澄江村", 4, "否", "李明"]], "葛坳乡帮扶对象名单")
    roster = result.frames["roster"]
    assert list(roster["is_poor"]) == [True, False] and list(roster["cadre"]) == ["李明", "李明"]
    assert sheet["flag"] is None


@pytest.mark.parametrize("heading", ["拨付时间", "拨款日期"])
def test_funds_dated_when_paid_over(tmp_path, heading):
    """拨付时间 (when the money was paid over to the township) was no date: every donation undated, in no period."""
    result, _ = clean_one_sheet(tmp_path, [["序号", heading, "来源", "金额（元）"], [1, "2011-03-05", "县财政", 5000]],
                                "葛坳乡筹资台账")
    assert [d.date() for d in result.frames["funds"]["date"]] == [dt.date(2011, 3, 5)]


@pytest.mark.parametrize("heading", ["项目资金（万元）", "工程造价（万元）", "建设资金（万元）"])
def test_a_projects_investment_in_a_work_teams_own_words(tmp_path, heading):
    """项目资金（万元） was no investment (项目 made it a project's name, which a unit cannot be); now the investment."""
    result, _ = clean_one_sheet(tmp_path, [["序号", "项目名称", "所在村", heading], [1, "水渠", "澄江村", 10]], "葛坳乡项目建设台账")
    assert list(result.frames["projects"]["investment_yuan"]) == [100000.0]


def test_the_sources_of_a_projects_money_and_their_total(tmp_path):
    """资金来源（万元） over 上级补助 | 群众自筹 | 合计: the investment was left empty, unsaid; now the 合计."""
    rows = [["序号", "项目名称", "所在村", "资金来源（万元）", "", ""], ["", "", "", "上级补助", "群众自筹", "合计"],
            [1, "水渠", "澄江村", 8, 2, 10]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡项目建设台账")
    assert list(result.frames["projects"]["investment_yuan"]) == [100000.0] and sheet["flag"] is None


def test_a_register_of_things_done_for_the_people_is_a_projects_ledger(tmp_path):
    # 实事内容 named no project (the sheet 未识别, its farmland lost); 办结时间 no completion (the column dropped)
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", "村别", "实事内容", "投入资金（元）", "受益农田面积（亩）", "受益群众（户）", "办结时间"],
        [1, "澄江村", "新修水渠2000米", 120000, 500, 56, "2011-05-01"],
        [2, "澄江村", "硬化机耕道1.5公里", 80000, 300, 40, "2011-06-01"],
    ], "葛坳乡为民办实事情况登记表")
    assert sheet["ledger"] == "projects"
    projects = result.frames["projects"]
    assert list(projects["farmland_mu"]) == [500.0, 300.0]
    assert [d.date() for d in projects["completed_date"]] == [dt.date(2011, 5, 1), dt.date(2011, 6, 1)]


def test_a_one_day_visit_log_takes_its_day_from_the_title_or_the_sheet(tmp_path):
    """No date column, the day in the title (澄江村2011年3月5日走访记录) or each sheet named for its day (3月5日 |
    3月6日, the year in the file's name): was 未识别 — no 走访日期 column — every visit lost from coverage."""
    result, sheet = clean_one_sheet(tmp_path / "title", [
        ["序号", "户主姓名", "走访干部", "走访内容"], [1, "张三", "李明", "宣传政策"], [2, "李四", "李明", "了解情况"],
    ], "葛坳乡澄江村2011年3月5日走访记录")
    assert sheet["ledger"] == "visits"
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 3, 5)] * 2
    from openpyxl import Workbook

    from sansong_analysis.ingest.clean import clean

    book = Workbook()
    book.remove(book.active)
    for name, heads in (("3月5日", ["张三", "李四"]), ("3月6日", ["王五"])):
        ws = book.create_sheet(name)
        for row in [["户主姓名", "走访干部"], *[[h, "李明"] for h in heads]]:
            ws.append(row)
    raw = tmp_path / "sheets" / "葛坳乡"
    raw.mkdir(parents=True)
    book.save(raw / "澄江村2011年走访.xlsx")
    visits = clean(raw.parent, jobs=1, progress=False).frames["visits"]
    assert sorted((h, d.date()) for h, d in zip(visits["household_head"], visits["visit_date"], strict=True)) == [
        ("张三", dt.date(2011, 3, 5)), ("李四", dt.date(2011, 3, 5)), ("王五", dt.date(2011, 3, 6))]
    # a column of dates no heading names beside them: which day is each visit's? rejects, not the title's day
    result, sheet = clean_one_sheet(tmp_path / "dated", [
        ["序号", "户主姓名", "走访干部", "时 日"], [1, "张三", "李明", "2011-03-07"], [2, "李四", "李明", "2011-03-08"],
    ], "葛坳乡澄江村2011年3月5日走访记录")
    assert sheet["ledger"] == "visits" and sheet["records"] == 0 and sheet["rejects"] == 2
    # a day the table was made, or a span of days, dates no visit: still no date column
    for title in ("葛坳乡澄江村走访记录（截至2011年3月5日）", "葛坳乡澄江村2011年3月5日至8日走访记录"):
        _, sheet = clean_one_sheet(tmp_path / title, [["序号", "户主姓名", "走访干部"], [1, "张三", "李明"]], title)
        assert sheet["ledger"] is None, title

"""A page's running total carried over (过次页 / 承前页) is no record; a balance carried from before is said.

Account books and long registers close each page with 过次页 (or 转下页) and open the next with 承前页
(接上页), each the sum of every row before it. Written in a description column, each was read as one
more donation — funds 41000 for 15000, **silently wrong**. Now they are skipped as totals and checked
against every record above them. A 上年结转 / 期初余额 row is counted (the reader does not judge what
the team meant to report) and the sheet flagged: it is not money raised in the period.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.tidy import carried_balances
from sansong_analysis.ingest.totals import is_running_total
from sansong_analysis.publish.feedback import FLAG_FIX

D = dt.date
HEAD = ["序号", "日期", "捐款单位", "用途", "金额（元）"]
FIRST_PAGE = [[1, D(2011, 3, 5), "县财政局", "修路", 5000], [2, D(2011, 4, 5), "县交通局", "修桥", 8000]]
SECOND_PAGE = [[3, D(2011, 5, 5), "某公司", "修渠", 2000]]


def _raised(result) -> float:
    return compute_figures(result.frames)["county"]["funds_raised_yuan"]


def test_running_totals_between_pages_are_skipped_and_checked(tmp_path):
    rows = [HEAD, *FIRST_PAGE, [None, None, "本页小计", None, 13000], [None, None, "过次页", None, 13000],
            [None, None, "承前页", None, 13000], *SECOND_PAGE, [None, None, "本页小计", None, 2000],
            [None, None, "过 次 页", None, 15000], ["合计", None, None, None, 15000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 15000.0  # was 43000
    assert result.frames["funds"]["source_row"].tolist() == [3, 4, 8]
    assert sheet["skipped_by_kind"]["subtotal"] == 6
    checks = {(t["row"], t["label"]): (t["summed"], t["ok"]) for t in sheet["totals"]}
    assert checks == {(5, "本页小计"): (13000.0, True), (6, "过次页"): (13000.0, True), (7, "承前页"): (13000.0, True),
                      (9, "本页小计"): (2000.0, True), (10, "过 次 页"): (15000.0, True), (11, "合计"): (15000.0, True)}


def test_a_carried_total_that_does_not_add_up_is_reported(tmp_path):
    rows = [HEAD, *FIRST_PAGE, [None, None, "转下页", None, 12000], [None, None, "接上页", None, 12000], *SECOND_PAGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 15000.0
    assert [(t["label"], t["summed"], t["ok"]) for t in sheet["totals"]] == [("转下页", 13000.0, False),
                                                                            ("接上页", 13000.0, False)]


def test_carried_in_atop_a_sheet_is_skipped_unchecked_and_names_stay_names(tmp_path):
    rows = [HEAD, [None, None, "承前页", None, 13000], *SECOND_PAGE, [4, D(2011, 5, 6), "承前进", "修渠", 1000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 3000.0
    assert result.frames["funds"]["source"].tolist() == ["某公司", "承前进"]
    assert sheet["totals"] == []  # carried from a page this sheet does not hold: nothing to check it by


def test_running_total_labels():
    assert all(map(is_running_total, ["过次页", "转下页", "承前页", "承上页", "接上页", "上页转来", "承前", "过次页合计",
                                      "承 前 页", "上页累计"]))
    assert not any(map(is_running_total, ["承前进", "合计", "本页小计", "页岗村", "承包地", "前页", "转页村"]))


def test_a_balance_carried_from_last_year_is_counted_and_flagged(tmp_path):
    rows = [HEAD, [None, D(2011, 1, 1), "上年结转", None, 20000], *FIRST_PAGE]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 33000.0  # counted: the team may mean it so; said
    assert sheet["flag"]["kind"] == "carried_balance" and "第3行" in sheet["flag"]["message"]
    assert "carried_balance" in FLAG_FIX


def test_rows_under_a_line_saying_they_are_a_balance_are_flagged(tmp_path):
    """一、上年结转 over a row of 村委会 5000, then 二、本年筹资: the 5000 was money raised, nothing said; now counted and
    flagged as a 来源 of 上年结转 is, up to the line of money raised."""
    rows = [["序号", "日期", "捐款单位", "金额（元）"], ["一、上年结转", None, None, None], [1, D(2011, 1, 1), "村委会", 5000],
            ["二、本年筹资", None, None, None], [2, D(2011, 3, 6), "县交通局", 3000], [3, D(2011, 3, 8), "县财政局", 2000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 10000.0
    assert sheet["flag"]["kind"] == "carried_balance" and sheet["flag"]["records"] == 1 and "第4行" in sheet["flag"]["message"]


def test_balance_words_only_as_the_whole_of_a_source_or_purpose():
    records = {"source_row": [3, 4, 5, 6], "source": ["期初余额", "县财政局", "上年结余资金", None],
               "purpose": [None, "上年结转资金用于修路", None, "年初结存"]}
    assert carried_balances(records) == {"rows": [3, 5, 6], "records": 3}
    assert carried_balances({"source_row": [3], "source": ["结转"], "purpose": [None]}) is None


def test_a_previous_page_total_written_atop_a_page_may_be_that_page_s_alone(tmp_path):
    """上页合计 2000 atop the third page: the second page's total, not the running one (15000) — no mismatch."""
    rows = [HEAD, *FIRST_PAGE, [None, None, "本页小计", None, 13000], *SECOND_PAGE, [None, None, "本页小计", None, 2000],
            [None, None, "上页合计", None, 2000], [4, D(2011, 6, 5), "某村民", "修渠", 500]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert _raised(result) == 15500.0
    assert [(t["label"], t["ok"]) for t in sheet["totals"]] == [("本页小计", True), ("本页小计", True), ("上页合计", True)]


def test_a_cumulative_total_under_a_month_s_rows_is_no_record_and_checked_only_when_it_can_be(tmp_path):
    """本月合计 then 自年初累计 / 本年累计 on a month's sheet: the year so far, earlier months' rows in it. 自年初累计
    in the 序号 column was read as a donation of 8000 (funds 11000 for 3000, silently); a cumulative total is
    a total, checked like a 合计 when it can be (no more than its rows' sum), not checked when it is more."""
    rows = [HEAD, [1, D(2011, 3, 5), "县财政局", "修路", 2000], [2, D(2011, 3, 6), "张三", "修桥", 1000],
            ["本月合计", None, None, None, 3000], ["自年初累计", None, None, None, 8000],
            [None, None, "本年累计", None, 8000]]
    result, sheet = clean_one_sheet(tmp_path / "march", rows, "葛坳乡2011年3月筹资台账")
    assert _raised(result) == 3000 and sheet["records"] == 2
    assert [(t["label"], t["ok"]) for t in sheet["totals"]] == [("本月合计", True)]
    # The first month's 累计 is its rows' sum; one less than the rows is wrong whatever came before.
    for name, stated, ok in [("january", 3000, True), ("short", 2500, False)]:
        rows = [HEAD, [1, D(2011, 1, 5), "县财政局", "修路", 2000], [2, D(2011, 1, 6), "张三", "修桥", 1000],
                [None, None, "累计", None, stated]]
        result, sheet = clean_one_sheet(tmp_path / name, rows, "葛坳乡2011年1月筹资台账")
        assert _raised(result) == 3000
        assert [(t["label"], t["ok"]) for t in sheet["totals"]] == [("累计", ok)], name


def test_donations_a_received_column_says_have_not_come_in_are_counted_and_said(tmp_path):
    """金额 | 是否到位 with 否 / 未到位 / 部分到位: funds raised are what came in, so the sheet is flagged 可能多计
    naming the rows (counted: the reader does not drop what the team listed). A blank says nothing."""
    head = ["序号", "捐赠单位", "捐款日期", "金额（元）", "是否到位"]
    rows = [head, [1, "县财政局", D(2011, 3, 5), 5000, "是"], [2, "张三", D(2011, 3, 6), 1000, "否"],
            [3, "李四", D(2011, 3, 7), 3000, "部分到位"], [4, "王五", D(2011, 3, 8), 800, None]]
    result, sheet = clean_one_sheet(tmp_path / "flagged", rows)
    assert _raised(result) == 9800
    flag = sheet["flag"]
    assert flag["kind"] == "unreceived_funds" and flag["records"] == 2
    assert flag["message"].startswith("可能多计：「是否到位」列写明第4、5行的资金没有（全部）到位")
    assert "unreceived_funds" in FLAG_FIX
    all_in = [head, [1, "县财政局", D(2011, 3, 5), 5000, "已到位"], [2, "未来科技公司", D(2011, 3, 6), 1000, "是"]]
    _, sheet = clean_one_sheet(tmp_path / "received", all_in)
    assert sheet["flag"] is None

"""A visit its own row says was not made — 是否走访 否, 走访情况 未走访, 走访形式 未走访 — was counted as a visit.

A 走访情况表 lists the households with a 是否走访 column (a plan, or the visits ticked off); the column was not read,
so every household listed counted as visited: coverage 100 %, plausible and wrong. Now such a row is a reject
saying so (not a sign of a misread sheet), whatever its date; nobody at home (家中无人) is a visit made.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures

D = dt.date
TITLE = "葛坳乡2011年走访情况表"


@pytest.mark.parametrize(("heading", "answers"), [
    ("是否走访", ["是", "否", "否", "√"]),
    ("走访情况", ["已走访", "未走访", "尚未走访", "家中无人"]),
    ("是否入户", ["是", "否", "否", "是"]),
    ("走访结果", ["已走访", "待走访", "计划走访", "已走访"]),
    # planned or called off (were counted as visits)
    ("走访情况", ["已走访", "拟走访", "取消", "走访未遇"]),
    ("走访形式", ["入户走访", "准备入户", "已取消", "入户"]),
])
def test_rows_saying_no_visit_was_made_are_rejects(tmp_path, heading, answers):
    rows = [["序号", "村名", "户主姓名", "走访干部", "走访日期", heading],
            *[[i + 1, "澄江村", name, "李明", D(2011, 3, 5 + i) if i in (0, 3) else None, answer]
              for i, (name, answer) in enumerate(zip(["张三", "李四", "王五", "赵六"], answers, strict=True))]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert list(result.frames["visits"]["household_head"]) == ["张三", "赵六"]
    reasons = list(result.frames["rejects"]["reason"])
    assert reasons == [f"「{heading}」写明没有走访（填的是「{answers[1]}」），不计入走访。",
                       f"「{heading}」写明没有走访（填的是「{answers[2]}」），不计入走访。"]
    assert sheet["flag"] is None  # the sheet says these rows are no visits: not misread
    assert compute_figures(result.frames)["county"]["visits"] == 2


def test_a_visit_kind_saying_so_too_and_other_kinds_are_visits(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访形式"], [1, D(2011, 3, 5), "澄江村", "张三", "入户走访"],
            [2, D(2011, 3, 6), "澄江村", "李四", "未走访"], [3, D(2011, 3, 7), "澄江村", "王五", "电话"],
            [4, D(2011, 3, 8), "澄江村", "赵六", "否"]]
    result, _ = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "王五", "赵六"]  # 否 is no 走访形式
    (reason,) = result.frames["rejects"]["reason"]
    assert reason == "「走访形式」写明没有走访（填的是「未走访」），不计入走访。"


def test_a_log_whose_rows_all_say_yes_is_read_as_before(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "是否走访", "是否慰问"], [1, D(2011, 3, 5), "澄江村", "张三", "是", "否"],
            [2, D(2011, 3, 6), "澄江村", "李四", "已走访", "否"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert len(result.frames["visits"]) == 2 and sheet["rejects"] == 0


def test_households_under_a_line_saying_not_visited(tmp_path):
    # 二、未走访户 over households with a (planned) date: each counted as a visit made
    from one_sheet import clean_one_sheet

    rows = [["序号", "户主姓名", "走访时间", "走访干部"], [1, "张三", "2011-03-05", "李明"], ["二、未走访户（1户）"],
            [2, "李四", "2011-03-31", "李明"], ["三、已走访户"], [3, "王五", "2011-04-02", "李明"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "王五"]
    assert sheet["rejects"] == 1 and sheet["flag"] is None  # said in its reject, no sign of a misread sheet
    assert list(result.frames["rejects"]["reason"]) == ["分节标题「未走访户(1户)」写明没有走访，不计入走访。"]

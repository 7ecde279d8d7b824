"""Ledgers under the names offices give them: a cadre's 民情日记 is a visit log (日期 | 走访对象 | 民情内容 | 处理情况,
a row a visit: was 未识别, its visits lost from coverage); a 信访登记 register's 来访日期 is the day a dispute was received
(was no date: every dispute undated, in no period).
"""

from __future__ import annotations

import datetime as dt

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

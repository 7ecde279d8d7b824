"""Dates written without their year on a sheet whose title names it (葛坳乡2011年…): the title's year
completes them, whatever follows the day, and a project's completion to the month.

They were rejects: 「3月5日上午」, 「3月6日（周日）」, 「三月十一日」 无法识别为日期 (the visits lost from
coverage), a project's 「3月5日完工」 refused as having no year (the title names it) and its 「5月」 /
「5月底」 unreadable, its farmland lost.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet, write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean


def test_a_visit_dated_without_its_year_and_with_a_tail_is_dated_in_the_titles_year(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", "户主姓名", "村名", "走访日期", "走访人"],
        [1, "张三", "澄江村", "3月5日上午", "李明"], [2, "李四", "澄江村", "3月6日（周日）", "李明"],
        [3, "王五", "澄江村", "三月十一日", "李明"], [4, "赵六", "澄江村", "3月8日 晚", "李明"],
        [5, "孙七", "澄江村", "5月", "李明"],  # a visit has a day: still a reject
    ], "葛坳乡2011年走访登记表")
    visits = result.frames["visits"]
    assert [d.date() for d in visits["visit_date"]] == [dt.date(2011, 3, 5), dt.date(2011, 3, 6), dt.date(2011, 3, 11),
                                                        dt.date(2011, 3, 8)]
    assert list(result.frames["rejects"]["reason"]) == ["走访日期「5月」无法识别为日期。"]
    assert sheet["records"] == 4


def test_days_written_as_numbers_on_a_sheet_naming_its_month(tmp_path):
    """A month sheet's 日期 column written as the day alone, 5 / 12 (numbers, or text in a CSV): those days of the
    month the title names. Every row was a reject (走访日期「5」无法识别为日期). Not where no month is named."""
    rows = [["序号", "户主姓名", "村名", "走访日期", "走访人"], [1, "张三", "澄江村", 5, "李明"], [2, "李四", "澄江村", "12", "李明"],
            [3, "王五", "澄江村", 30.0, "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡2011年3月走访登记表")
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 3, 5), dt.date(2011, 3, 12),
                                                                         dt.date(2011, 3, 30)]
    assert sheet["rejects"] == 0
    result, sheet = clean_one_sheet(tmp_path / "b", rows, "葛坳乡2011年2月走访登记表")
    assert list(result.frames["rejects"]["reason"]) == ["走访日期「2011年2月30日」不是有效日期。"]  # no 30th of February
    result, sheet = clean_one_sheet(tmp_path / "c", rows, "葛坳乡2011年走访登记表")
    assert sheet["records"] == 0 and sheet["rejects"] == 3


def test_the_day_a_table_was_filled_in_is_not_its_period(tmp_path):
    """2011年5月走访登记表 with a line 填报时间：2011年7月1日 under it: the title named two months (5 and 7), so neither,
    and the days (5日, 12) were rejects; the year-end ledger filled in in 2012 named two years, and 3月5日 was a reject."""
    rows = [["填报单位：县交通局", None, None, "填报时间：2011年7月1日"], ["序号", "户主姓名", "村名", "走访日期", "走访人"],
            [1, "张三", "澄江村", "5日", "李明"], [2, "李四", "澄江村", 12, "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡2011年5月走访登记表")
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 5, 5), dt.date(2011, 5, 12)]
    rows = [["填报时间：2012年1月5日"], ["序号", "户主姓名", "村名", "走访日期", "走访人"], [1, "张三", "澄江村", "3月5日", "李明"],
            [2, "李四", "澄江村", "5日", "李明"]]  # no month named but the day it was filled in: 5日 has none
    result, sheet = clean_one_sheet(tmp_path / "b", rows, "葛坳乡2011年走访登记表")
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 3, 5)]
    assert sheet["rejects"] == 1


def test_a_month_sheet_under_the_period_it_is_part_of(tmp_path):
    """2011年5月走访登记表 with the whole period written under it, （2011年3月至6月）: the title named months 3, 5 and 6,
    so none, and every day number was a reject. The month outside the span, and within it, is the sheet's."""
    rows = [["（2011年3月至6月）"], ["序号", "户主姓名", "村名", "走访日期", "走访人"], [1, "张三", "澄江村", 5, "李明"],
            [2, "李四", "澄江村", "12日", "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡2011年5月走访登记表")
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 5, 5), dt.date(2011, 5, 12)]
    rows[0] = ["统计时段：2011年3月1日—6月30日"]
    result, sheet = clean_one_sheet(tmp_path / "b", rows, "葛坳乡2011年5月走访登记表")
    assert sheet["records"] == 2 and sheet["rejects"] == 0
    result, sheet = clean_one_sheet(tmp_path / "c", rows, "葛坳乡2011年8月走访登记表")  # August is none of the period's months
    assert sheet["records"] == 0 and sheet["rejects"] == 2


def test_a_months_tab_under_a_title_naming_only_the_period(tmp_path):
    """葛坳乡2011年走访登记表 （2011年3月至6月） on tabs 3月份 | 4月份: the title names the period, the tab the month (one of
    the period's); the day numbers were rejects, the title's span taken for the sheet's months."""
    rows = [["序号", "户主姓名", "村名", "走访日期", "走访人"], [1, "张三", "澄江村", 5, "李明"], [2, "李四", "澄江村", "12", "李明"]]
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "走访登记表.xlsx", {
        tab: [["葛坳乡2011年走访登记表"], ["（2011年3月至6月）"], *rows] for tab in ("4月份", "8月份")})
    result = clean(raw, jobs=1, progress=False)
    assert [d.date() for d in result.frames["visits"]["visit_date"]] == [dt.date(2011, 4, 5), dt.date(2011, 4, 12)]
    assert len(result.frames["rejects"]) == 2  # 8月份: not a month of the period, its days unplaced


def test_a_projects_completion_without_its_year_is_completed_to_the_day_or_the_month(tmp_path):
    result, _ = clean_one_sheet(tmp_path, [
        ["序号", "项目名称", "所在村", "投资额（元）", "受益面积（亩）", "完成时间"],
        [1, "水渠", "澄江村", 50000, 200, "3月5日完工"], [2, "山塘", "上坪村", 20000, 30, "5月"],
        [3, "水陂", "上坪村", 20000, 30, "5月底完工"], [4, "机耕道", "上坪村", 30000, 40, "在建"],
    ], "葛坳乡2011年项目建设台账")
    projects = result.frames["projects"]
    assert [None if d != d else d.date() for d in projects["completed_date"]] == [
        dt.date(2011, 3, 5), dt.date(2011, 5, 1), dt.date(2011, 5, 1), None]
    assert [p if p == p else None for p in projects["completed_precision"]] == ["day", "month", "month", None]
    assert result.frames["rejects"].empty
    assert projects["farmland_mu"].sum() == 300


def test_a_projects_completion_known_to_its_year_counts_in_a_period_holding_that_year(tmp_path):
    """竣工时间 2011年 (or 2011年度, or 2011 typed as a number) was a reject, the project's farmland lost from the
    county's figure; now the year's first day at year precision: in a period holding the whole year, in no shorter one."""
    result, _ = clean_one_sheet(tmp_path, [
        ["序号", "项目名称", "所在村", "投资额（元）", "受益面积（亩）", "完成时间"],
        [1, "水渠", "澄江村", 50000, 200, "2011年"], [2, "山塘", "上坪村", 20000, 30, "2011年度"],
        [3, "水陂", "上坪村", 20000, 40, 2011], [4, "机耕道", "上坪村", 30000, 50, "2011年9月"],
    ], "葛坳乡项目建设台账")
    projects = result.frames["projects"]
    assert list(projects["completed_precision"]) == ["year", "year", "year", "month"] and result.frames["rejects"].empty
    assert [d.date() for d in projects["completed_date"]] == [dt.date(2011, 1, 1)] * 3 + [dt.date(2011, 9, 1)]

    def farmland(start, end):
        return compute_figures(result.frames, start=start, end=end)["county"]["farmland_benefited_mu"]

    assert farmland(None, None) == farmland("2011-01-01", "2011-12-31") == farmland("2010-06-01", "2012-01-31") == 320
    assert farmland("2011-01-01", "2011-09-30") == farmland("2011-09-01", "2011-12-31") == 50  # the month's alone

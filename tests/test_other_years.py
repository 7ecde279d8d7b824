"""Records dated in another year than the one their sheet names are counted as dated, and said.

2001-03-06 in 葛坳乡2011年筹资台账 (a slip of one digit) was counted with nothing said — and dropped without a
word from every figure of 2011 (``--start 2011-01-01``). The sheet is flagged 日期可能有误, naming the rows.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date
HEAD = ["序号", "捐赠单位", "捐款日期", "金额（元）"]


def _flags(sheet: dict) -> list[dict]:
    return [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]


def test_dates_in_another_year_than_the_title_s_are_flagged(tmp_path):
    rows = [HEAD, [1, "县财政局", D(2011, 3, 5), 2000], [2, "张三", D(2001, 3, 6), 1000],
            [3, "李四", "2021-03-07", 500], [4, "王五", D(2011, 12, 31), 800]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 4300  # counted as dated
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "dates_outside_year"]
    assert flag["records"] == 2
    assert flag["message"].startswith("日期可能有误：这张表写明是2011年的，但第4、5行的日期在2001年、2021年，已按所填日期计入")
    assert "dates_outside_year" in COUNTED_FLAGS and "笔误" in FLAG_FIX["dates_outside_year"]


def test_no_year_named_or_every_date_in_it_is_not_flagged(tmp_path):
    rows = [HEAD, [1, "县财政局", D(2011, 3, 5), 2000], [2, "张三", D(2012, 1, 6), 1000]]
    _, sheet = clean_one_sheet(tmp_path / "none", rows, "葛坳乡筹资台账")  # no year named: nothing to compare
    assert not any(f["kind"] == "dates_outside_year" for f in _flags(sheet))
    _, sheet = clean_one_sheet(tmp_path / "both", rows, "葛坳乡2011-2012年筹资台账")  # two years named
    assert not any(f["kind"] == "dates_outside_year" for f in _flags(sheet))
    _, sheet = clean_one_sheet(tmp_path / "same", rows[:2], "葛坳乡2011年筹资台账")
    assert not any(f["kind"] == "dates_outside_year" for f in _flags(sheet))


VISITS = ["序号", "走访日期", "被走访人", "村别", "走访干部"]


def test_year_less_dates_that_turn_the_year_are_flagged(tmp_path):
    """12月28日 … 1月5日 on a sheet titled 2011: both read as 2011, one side of a round across the year in the wrong
    year, with nothing said. Now flagged 日期可能跨年 (counted as read), naming the rows where the months go back."""
    rows = [VISITS, [1, "12月28日", "张三", "澄江村", "李明"], [2, "12月30日", "李四", "澄江村", "李明"],
            [3, "1月5日", "王五", "澄江村", "李明"], [4, "1月8日", "赵六", "澄江村", "李明"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡2011年春节走访慰问登记表")
    assert result.frames["visits"]["visit_date"].dt.year.tolist() == [2011] * 4
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "year_turn"]
    assert flag["records"] == 4
    assert flag["message"].startswith("日期可能跨年：这张表的走访日期没有写年份，都按2011年读取，但第4行是12月、其后第5行又是1月")
    assert "year_turn" in COUNTED_FLAGS and "写明年份" in FLAG_FIX["year_turn"]


def test_a_year_in_order_or_dates_with_their_years_do_not_turn(tmp_path):
    in_order = [VISITS, [1, "1月5日", "张三", "澄江村", "李明"], [2, "6月30日", "李四", "澄江村", "李明"],
                [3, "12月28日", "王五", "澄江村", "李明"]]
    _, sheet = clean_one_sheet(tmp_path / "year", in_order, "葛坳乡2011年走访登记表")
    assert not any(f["kind"] == "year_turn" for f in _flags(sheet))
    written = [VISITS, [1, "2010-12-28", "张三", "澄江村", "李明"], [2, "2011-1-5", "李四", "澄江村", "李明"]]
    _, sheet = clean_one_sheet(tmp_path / "written", written, "葛坳乡2011年走访登记表")
    assert [f["kind"] for f in _flags(sheet)] == ["dates_outside_year"]  # said as another year's, no turn to guess
    short = [VISITS, [1, "10.12.28", "张三", "澄江村", "李明"], [2, "11.1.5", "李四", "澄江村", "李明"]]
    _, sheet = clean_one_sheet(tmp_path / "short", short, "葛坳乡2011年走访登记表")
    assert [f["kind"] for f in _flags(sheet)] == ["dates_outside_year"]  # a two-digit year is a year written


def test_day_lines_under_month_lines_that_turn_the_year_are_flagged(tmp_path):
    rows = [VISITS, ["12月份"], [1, "28日", "张三", "澄江村", "李明"], ["1月份"], [2, "5日", "李四", "澄江村", "李明"]]
    _, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡2011年走访登记表")
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "year_turn"]
    assert flag["records"] == 2 and "第4行是12月、其后第6行又是1月" in flag["message"]

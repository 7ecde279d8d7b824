"""A date written without its year (3月5日) in a table with a 年度 column (2010 | 3月5日) was a reject — 没有年份 —
though its row says the year: a ledger kept over several years lost every visit. Now the row's 年度 (年份) completes
it, before the one year a title or file names. So does a title naming a span across the turn of a year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean


def test_a_year_column_completes_dates_without_a_year(tmp_path):
    rows = [["序号", "年度", "走访日期", "村名", "户主姓名", "走访干部"], [1, 2010, "3月5日", "澄江村", "张三", "李明"],
            [2, "2011年", "4月6日", "澄江村", "李四", "李明"], [3, None, "5月7日", "澄江村", "王五", "李明"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡走访登记表")
    assert list(result.frames["visits"]["visit_date"]) == [dt.datetime(2010, 3, 5), dt.datetime(2011, 4, 6)]
    (reason,) = result.frames["rejects"]["reason"]
    assert reason.startswith("走访日期「5月7日」没有年份")


def test_the_row_s_year_before_the_title_s_and_dates_with_a_year_as_written(tmp_path):
    rows = [["序号", "年度", "走访日期", "村名", "户主姓名", "走访干部"], [1, 2010, "3月5日", "澄江村", "张三", "李明"],
            [2, None, "4月6日", "澄江村", "李四", "李明"], [3, 2010, "2011-05-07", "澄江村", "王五", "李明"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["visit_date"]) == [dt.datetime(2010, 3, 5), dt.datetime(2011, 4, 6),
                                                           dt.datetime(2011, 5, 7)]
    flags = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]
    assert [f["kind"] for f in flags] == ["dates_outside_year"]  # the 2010 row of a 2011 ledger is said


def _flags(sheet):
    return [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]


@pytest.mark.parametrize("title", ["葛坳乡2011年12月至2012年2月走访慰问登记表", "葛坳乡2011.12-2012.2走访慰问登记表",
                                   "葛坳乡2011年12月—2012年2月走访登记表"])
def test_a_winter_s_span_across_the_turn_of_the_year_completes_each_date_with_its_own(tmp_path, title):
    """A title naming 2011年12月至2012年2月 names two years: every date written without its year was a reject
    (没有年份), the winter's visits lost. Each is in the year whose months it falls in; a month outside the span
    is a reject saying so, never guessed; no 日期可能跨年 flag (the turn is the title's own)."""
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访干部"], [1, "12月28日", "澄江村", "张三", "李明"],
            [2, "1月5日", "澄江村", "李四", "李明"], [3, "2月3日", "澄江村", "王五", "李明"],
            [4, "6月1日", "澄江村", "赵六", "李明"], [5, "2012年1月9日", "澄江村", "钱七", "李明"]]
    result, sheet = _clean(tmp_path, rows, title)
    assert list(result.frames["visits"]["visit_date"]) == [dt.datetime(2011, 12, 28), dt.datetime(2012, 1, 5),
                                                           dt.datetime(2012, 2, 3), dt.datetime(2012, 1, 9)]
    (reason,) = result.frames["rejects"]["reason"]
    assert reason == "走访日期「6月1日」不在2011年12月至2012年2月之内，无法确定是哪一年。"
    assert not any(f["kind"] == "year_turn" for f in _flags(sheet))


def test_two_years_without_their_months_are_no_span(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访干部"], [1, "12月28日", "澄江村", "张三", "李明"]]
    result, _ = _clean(tmp_path, rows, "葛坳乡2011-2012年度冬春走访登记表")
    (reason,) = result.frames["rejects"]["reason"]
    assert reason.startswith("走访日期「12月28日」没有年份")

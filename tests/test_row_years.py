"""A date written without its year (3月5日) in a table with a 年度 column (2010 | 3月5日) was a reject — 没有年份 —
though its row says the year: a ledger kept over several years lost every visit. Now the row's 年度 (年份) completes
it, before the one year a title or file names.
"""

from __future__ import annotations

import datetime as dt

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

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

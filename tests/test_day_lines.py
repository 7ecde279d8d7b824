"""A visit log with no date column, its visits under lines of their own naming each day.

序号 | 走访对象 | 走访干部 | 走访内容 with 2011年3月5日 on a line over that day's visits, 2011年3月8日 over the next: the
lines are its date column. The sheet was 未识别 (最像走访登记表，但没有走访日期列): its visits counted nowhere, said. Two
lines of two days at least make the column (one line may be the day the table was filled in); a labelled date
(填表日期：…) is never one; a row above the first line has no day and is rejected saying so.
"""

from __future__ import annotations

import datetime as dt

from sansong_analysis.figures import compute_figures
from tests.one_sheet import clean_one_sheet, write_sheets

D = dt.date
HEADER = ["序号", "走访对象", "走访干部", "走访内容"]
TITLE = "葛坳乡澄江村走访登记表"


def _days(result) -> list[D]:
    return [d.date() for d in result.frames["visits"]["visit_date"]]


def test_lines_naming_each_day_are_the_date_column(tmp_path):
    rows = [HEADER, ["2011年3月5日", None, None, None], [1, "张三", "李明", "了解生产"], [2, "李四", "李明", "入户走访"],
            ["2011年3月8日", None, None, None], [3, "王五", "王强", "送温暖"], [None, "填表人：李明", None, None]]
    result, sheet = clean_one_sheet(tmp_path, rows, title=TITLE)
    assert sheet["ledger"] == "visits" and (sheet["records"], sheet["rejects"]) == (3, 0), sheet
    assert _days(result) == [D(2011, 3, 5), D(2011, 3, 5), D(2011, 3, 8)]
    assert any("写明日期的行" in e for e in sheet["recognition"]["evidence"])
    assert compute_figures(result.frames)["county"]["visits"] == 3


def test_day_lines_in_other_forms(tmp_path):
    """Merged across the row, the year left to the title, a weekday and 走访 after the day, an Excel date."""
    rows = [["2011年澄江村入户走访记录"], HEADER, ["3月5日（星期六）走访", "3月5日（星期六）走访", None, None],
            [1, "张三", "李明", "了解生产"], [dt.datetime(2011, 3, 8), None, None, None], [2, "李四", "王强", "送温暖"],
            ["三月十日", None, None, None], [3, "王五", "王强", "入户"]]
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村走访记录.xlsx", {"Sheet1": rows}, {"Sheet1": [(3, 1, 3, 2)]})
    from sansong_analysis.ingest.clean import clean

    result = clean(raw, jobs=1, progress=False)
    assert _days(result) == [D(2011, 3, 5), D(2011, 3, 8), D(2011, 3, 10)]
    assert result.frames["rejects"].empty
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    assert "表中有写明日期的行（如「3月5日（星期六）走访」）→走访日期" in sheet["recognition"]["evidence"]


def test_a_row_above_the_first_line_has_no_day(tmp_path):
    rows = [HEADER, [1, "赵六", "李明", "入户"], ["2011年3月5日", None, None, None], [2, "张三", "李明", "入户"],
            ["2011年3月8日", None, None, None], [3, "王五", "王强", "入户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title=TITLE)
    assert (sheet["records"], sheet["rejects"]) == (2, 1), sheet
    assert result.frames["rejects"]["reason"].tolist() == ["缺少走访日期（表中没有日期列，这一行上面没有写明日期的行）。"]


def test_one_line_or_labelled_dates_are_no_date_column(tmp_path):
    """One line may be the day the list was filled in; 填表日期：… is that day, said so."""
    one = [HEADER, ["2011年3月5日", None, None, None], [1, "张三", "李明", "入户"], [2, "李四", "李明", "入户"]]
    labelled = [HEADER, ["填表日期：2011年3月5日", None, None, None], [1, "张三", "李明", "入户"],
                ["统计日期：2011年3月8日", None, None, None], [2, "李四", "李明", "入户"]]
    for name, rows in (("one", one), ("labelled", labelled)):
        result, sheet = clean_one_sheet(tmp_path / name, rows, title=TITLE)
        assert sheet["ledger"] is None and "没有走访日期列" in sheet["recognition"]["reason"], (name, sheet)
        assert result.frames["visits"].empty


def test_a_date_column_is_read_whatever_lines_say(tmp_path):
    rows = [["序号", "走访日期", "走访对象", "走访干部"], ["2011年3月份", None, None, None],
            [1, "2011-03-05", "张三", "李明"], ["2011年4月份", None, None, None], [2, "2011-04-06", "李四", "李明"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title=TITLE)
    assert _days(result) == [D(2011, 3, 5), D(2011, 4, 6)]


def test_a_day_line_in_the_household_s_column(tmp_path):
    """No 序号: the day's date stands where a record's household would (an Excel date, or 2011-3-8 typed): a line, not
    a record rejected 不是有效户主姓名 (random county 46)."""
    rows = [["走访对象", "走访干部", "走访内容"], [dt.datetime(2011, 3, 5), None, None], ["张三", "李明", "入户"],
            ["2011-3-8", None, None], ["李四", "王强", "入户"], ["王五", "王强", "入户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title=TITLE)
    assert (sheet["records"], sheet["rejects"]) == (3, 0), sheet
    assert _days(result) == [D(2011, 3, 5), D(2011, 3, 8), D(2011, 3, 8)]
    assert "表中有写明日期的行（如「2011-03-05」）→走访日期" in sheet["recognition"]["evidence"]  # an Excel date's day


def test_day_lines_numbered_dashed_or_timed(tmp_path):
    """一、2011年3月5日 (numbered), 2011—3—8 (the input method's dash), 3月10日上午9时 (a time in the day), 3月12日（续）:
    each a day's line (the rows under them took the day of the line above, nothing said)."""
    rows = [["2011年澄江村入户走访记录"], HEADER, ["一、2011年3月5日", None, None, None], [1, "张三", "李明", "入户"],
            ["2011—3—8", None, None, None], [2, "李四", "王强", "入户"], ["（三）3月10日上午9时", None, None, None],
            [3, "王五", "王强", "入户"], ["2011年3月12日14:30", None, None, None], [4, "赵六", "李明", "入户"],
            ["2011年3月12日（续）", None, None, None], [5, "钱七", "李明", "入户"]]
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村走访记录.xlsx", {"Sheet1": rows})
    from sansong_analysis.ingest.clean import clean

    result = clean(raw, jobs=1, progress=False)
    assert _days(result) == [D(2011, 3, 5), D(2011, 3, 8), D(2011, 3, 10), D(2011, 3, 12), D(2011, 3, 12)]
    assert result.frames["rejects"].empty


def test_rows_under_a_line_of_no_one_day_have_none(tmp_path):
    """3月8日-9日 or 3月8日、9日 over rows where the days' lines stand: the rows below had the day of the line above
    (3月5日), nothing said; now they are rejects naming the line, and the next day's line dates its rows again."""
    for line in ("2011年3月8日-9日", "2011年3月8日、9日", "3.8"):
        rows = [HEADER, ["2011年3月5日", None, None, None], [1, "张三", "李明", "入户"], [line, None, None, None],
                [2, "李四", "王强", "入户"], [3, "王五", "王强", "入户"], ["2011年3月10日", None, None, None],
                [4, "赵六", "李明", "入户"]]
        result, sheet = clean_one_sheet(tmp_path / line, rows, title=TITLE)
        assert (sheet["records"], sheet["rejects"]) == (2, 2), (line, sheet)
        assert _days(result) == [D(2011, 3, 5), D(2011, 3, 10)], line
        assert result.frames["rejects"]["reason"].tolist() == [
            f"缺少走访日期（表中没有日期列，这一行上面的「{line}」无法确定是哪一天）。"] * 2
    # a note on a line of its own that only mentions a day is no day's line: the rows keep the day above
    rows = [HEADER, ["2011年3月5日", None, None, None], [1, "张三", "李明", "入户"], ["注：3月6日因雨未走访", None, None, None],
            [2, "李四", "王强", "入户"], ["2011年3月10日", None, None, None], [3, "赵六", "李明", "入户"]]
    result, sheet = clean_one_sheet(tmp_path / "note", rows, title=TITLE)
    assert _days(result) == [D(2011, 3, 5), D(2011, 3, 5), D(2011, 3, 10)]

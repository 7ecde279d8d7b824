"""A ditto mark (同上, 〃) says a cell is the one above it, as paper registers write a day's date, a cadre or a village
again: such visits were rejects (走访日期「同上」无法识别为日期), their households unvisited, and a 走访人 〃 an
unreadable cell. Now each reads as the record above; a first record's mark, with nothing above, is still refused,
and a blank is never taken for one.
"""

from __future__ import annotations

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.tidy import _dittoed


def test_visits_written_with_ditto_marks(tmp_path):
    rows = [["走访日期", "户主", "走访干部", "村名"], ["2011-03-05", "张三", "李明", "澄江村"],
            ["同上", "李四", "〃", "〃"], ["〃", "王五", "同上", "同上"], ["2011-03-06", "赵六", "王红", "新屋村"],
            ["″", "钱七", '"', "〃"], ["", "孙八", "〃", "〃"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡2011年走访登记表")
    visits = result.frames["visits"]
    assert [d.day for d in visits["visit_date"]] == [5, 5, 5, 6, 6]
    assert list(visits["cadre"]) == ["李明", "李明", "李明", "王红", "王红"]
    assert list(visits["village"]) == ["澄江村", "澄江村", "澄江村", "新屋村", "新屋村"]
    assert list(result.frames["rejects"]["reason"]) == ["缺少走访日期。"]  # a blank is no ditto
    assert sheet["flag"] is None
    assert compute_figures(result.frames)["county"]["visits"] == 5


def test_a_ditto_mark_with_nothing_above_is_refused(tmp_path):
    rows = [["日期", "捐款单位", "金额", "用途"], ["同上", "县交通局", 5000, "修路"], ["2011-03-06", "县财政局", "〃", "〃"],
            ["2011-03-07", "某公司", 3000, "修桥"]]
    result, _ = clean_one_sheet(tmp_path, rows, "葛坳乡2011年筹资台账")
    funds = result.frames["funds"]
    assert list(funds["amount_yuan"]) == [5000.0, 3000.0] and list(funds["purpose"]) == ["修路", "修桥"]
    assert list(result.frames["rejects"]["reason"]) == ["日期「同上」无法识别为日期。"]


def test_marks_and_what_they_repeat():
    assert _dittoed(["a", "同上", "〃", "b", "″"]) == ["a", "a", "a", "b", "b"]
    assert _dittoed(["同上", "a"]) == ["同上", "a"]
    cells = ["a", "", "b"]
    assert _dittoed(cells) is cells  # nothing to repeat: the column as it was
    assert _dittoed(["上", "同上述", "如上"]) == ["上", "同上述", "如上"]

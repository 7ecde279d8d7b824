"""A visit log written a household a row with how many times it was visited (户主 | 走访次数 | 最近走访日期):
each row is read as one visit, so the visits beyond one a row would go uncounted with nothing said. The
sheet is flagged 可能少计 with the column, the rows and the visits not counted — in the clean, its
summary and the 问题清单 with a fix that asks for a row a visit."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from sansong_analysis.ingest import health
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.ingest.table import locate_table
from sansong_analysis.ingest.tidy import tidy_table, visit_counts
from sansong_analysis.publish.feedback import FLAG_FIX, write_problem_list

D = dt.date
TITLE = ["黄坑乡新屋村2011年走访情况"]
HEADING = ["户主姓名", "组别", "走访次数", "最近走访日期", "走访人"]


def _tidy(rows):
    table = locate_table(rows, "Sheet1", "黄坑乡新屋村走访情况", [])
    assert table is not None and table.recognition.ledger.name == "visits"
    return table, tidy_table(rows, table, "走访情况.xlsx", "Sheet1")


def _clean_one(tmp_path, rows, name="黄坑乡新屋村走访情况.xlsx"):
    """``rows`` as the one sheet of a workbook of 黄坑乡, cleaned: the result, its sheet's summary, the
    processed folder."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    raw = tmp_path / "raw" / "黄坑乡"
    raw.mkdir(parents=True)
    book.save(raw / name)
    processed = tmp_path / "processed"
    result = run_clean(tmp_path / "raw", processed, jobs=1, progress=False)
    (sheet,) = result.summary()["files"][0]["sheets"]
    return result, sheet, processed


def test_rows_standing_for_several_visits_are_flagged_with_what_goes_uncounted():
    rows = [TITLE, HEADING, ["刘长生", "1组", 3, D(2011, 6, 2), "陈明"], ["刘长发", "1组", "2次", D(2011, 5, 2), "陈明"],
            ["刘长青", "2组", 1, D(2011, 4, 9), "陈明"], ["刘长秀", "2组", None, D(2011, 4, 9), "陈明"]]
    _, result = _tidy(rows)
    assert result.n_records == 4 and result.balanced
    assert result.counts == {"column": "C", "heading": "走访次数", "rows": 2, "extra": 3}
    flag = health.sheet_flag(result.ledger, result.n_records, result.n_rejects, result.above_header, result.beside,
                             result.counts)
    assert flag["kind"] == "visit_counts" and flag["extra"] == 3
    assert flag["message"].startswith("可能少计") and "「走访次数」列（C列）有2行" in flag["message"]


@pytest.mark.parametrize("heading", ["累计走访（次）", "走访（次）", "走访频次", "走访几次", "入户走访次", "帮扶(人次)",
                                     "累计走访", "已走访", "走访", "入户走访", "走访情况", "入户"])
def test_a_count_headed_by_its_unit_of_times_or_a_visit_s_word_alone_is_flagged_too(heading):
    # 累计走访（次）: its heading names no 次数, its unit says times — the 3 was three visits read as one, unsaid; so
    # under 累计走访 with no unit at all.
    rows = [TITLE, ["户主姓名", "组别", heading, "最近走访日期", "走访人"], ["刘长生", "1组", 3, D(2011, 6, 2), "陈明"],
            ["刘长发", "1组", 1, D(2011, 5, 2), "陈明"]]
    _, result = _tidy(rows)
    assert result.counts is not None and (result.counts["column"], result.counts["extra"]) == ("C", 2)


@pytest.mark.parametrize(("heading", "cells"), [("走访", ["√", "√"]), ("走访", [1, 1]), ("已走访", ["是", "否"]),
                                                ("慰问", [500, 200]), ("走访（元）", [500, 200])])
def test_a_visit_s_word_over_ticks_ones_or_money_is_no_count(heading, cells):
    rows = [TITLE, ["户主姓名", "组别", heading, "最近走访日期", "走访人"], ["刘长生", "1组", cells[0], D(2011, 6, 2), "陈明"],
            ["刘长发", "1组", cells[1], D(2011, 5, 2), "陈明"]]
    assert _tidy(rows)[1].counts is None


def test_a_count_of_one_everywhere_or_no_count_column_is_not_flagged():
    rows = [TITLE, HEADING, ["刘长生", "1组", 1, D(2011, 6, 2), "陈明"], ["刘长发", "1组", "1次", D(2011, 5, 2), "陈明"]]
    table, result = _tidy(rows)
    assert result.counts is None and visit_counts(rows, table, [2, 3]) is None
    plain = [TITLE, ["户主姓名", "组别", "走访日期", "走访人"], ["刘长生", "1组", D(2011, 6, 2), "陈明"]]
    assert _tidy(plain)[1].counts is None


def test_the_clean_and_the_problem_list_say_it(tmp_path):
    result, sheet, processed = _clean_one(tmp_path, [
        TITLE, HEADING, ["刘长生", "1组", 3, D(2011, 6, 2), "陈明"], ["刘长发", "1组", 1, D(2011, 5, 2), "陈明"]])
    assert sheet["flag"]["kind"] == "visit_counts" and sheet["flag"]["extra"] == 2
    assert len(result.frames["visits"]) == 2  # read as it is: a row a visit, and said so
    path = write_problem_list(None, processed, tmp_path / "out")
    cells = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any(isinstance(c, str) and c.startswith("可能少计") for c in cells)
    assert FLAG_FIX["visit_counts"] in cells


def test_a_count_that_numbers_a_households_visits_is_not_flagged():
    """走访次数 as 第几次: the same household on a row a visit, numbered 1, 2, 3 — each row is one visit."""
    rows = [TITLE, ["户主姓名", "组别", "走访次数", "走访日期", "走访人"],
            ["刘长生", "1组", 1, D(2011, 3, 5), "陈明"], ["刘长生", "1组", 2, D(2011, 4, 10), "陈明"],
            ["刘长生", "1组", 3, D(2011, 6, 2), "陈明"], ["刘长发", "1组", 1, D(2011, 5, 2), "陈明"]]
    _, result = _tidy(rows)
    assert result.n_records == 4 and result.counts is None


DISPUTES_TITLE = ["黄坑乡2011年矛盾纠纷排查调处台账"]


def _disputes(tmp_path, heading, body):
    return _clean_one(tmp_path, [DISPUTES_TITLE, heading, *body], "黄坑乡矛盾纠纷台账.xlsx")


def test_disputes_written_a_kind_a_row_with_how_many_are_flagged(tmp_path):
    """纠纷类型 | 件数 | 调处结果: three rows stood for ten disputes, read as three, silently."""
    result, sheet, processed = _disputes(tmp_path, ["村名", "纠纷类型", "件数", "调处结果"], [
        ["新屋村", "土地纠纷", 5, "调处成功"], ["新屋村", "邻里纠纷", "3件", "调处成功"], ["上坪村", "山林纠纷", 2, "正在调处"]])
    assert len(result.frames["disputes"]) == 3  # read as it is, and said so
    flag = sheet["flag"]
    assert flag["kind"] == "dispute_counts" and flag["rows"] == 3 and flag["extra"] == 7
    assert flag["message"].startswith("可能少计：按矛盾纠纷排查调处台账读取，每行算一件纠纷，但「件数」列（C列）有3行写着不止一件")
    path = write_problem_list(None, processed, tmp_path / "out")
    cells = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert FLAG_FIX["dispute_counts"] in cells


@pytest.mark.parametrize("heading", ["排查数", "受理数量", "纠纷", "排查纠纷数", "矛盾纠纷"])
def test_disputes_counted_as_found_or_under_the_word_alone_are_flagged(tmp_path, heading):
    """纠纷类型 | 排查数 5 (or 纠纷 5): two rows stood for eight disputes, read as two, nothing said of it."""
    result, sheet, _ = _disputes(tmp_path, ["村名", "纠纷类型", "受理日期", "调处结果", heading], [
        ["新屋村", "土地纠纷", D(2011, 3, 5), "调处成功", 5], ["上坪村", "山林纠纷", D(2011, 4, 5), "正在调处", 3]])
    assert len(result.frames["disputes"]) == 2
    assert sheet["flag"]["kind"] == "dispute_counts" and sheet["flag"]["extra"] == 6


def test_a_dispute_s_words_over_text_are_no_count(tmp_path):
    _, sheet, _ = _disputes(tmp_path, ["村名", "纠纷类型", "受理日期", "调处结果", "纠纷"], [
        ["新屋村", "土地纠纷", D(2011, 3, 5), "调处成功", "张三与李四宅基地"], ["上坪村", "山林纠纷", D(2011, 4, 5), "正在调处", 1]])
    assert sheet["flag"] is None


def test_counts_of_people_or_of_outcomes_in_a_disputes_list_are_not_flagged(tmp_path):
    """涉及户数 and 涉及人数 say who a dispute involved; 调处成功件数 what became of it: a row is still one dispute."""
    _, sheet, _ = _disputes(tmp_path, ["受理日期", "村名", "纠纷类型", "涉及户数", "涉及人数", "调处结果"], [
        [D(2011, 3, 5), "新屋村", "土地纠纷", 5, 12, "调处成功"], [D(2011, 4, 5), "上坪村", "山林纠纷", 2, 6, "正在调处"]])
    assert sheet["flag"] is None


def test_a_date_column_per_visit_is_flagged_with_the_dates_not_counted(tmp_path):
    """第一次 | 第二次 | 第三次走访日期, a household a row: read as one visit a row (2 for 5) and a period holding
    only a later visit found the household unvisited, silently. Said, with the columns and dates."""
    _, sheet, _ = _clean_one(tmp_path, [
        TITLE, ["户主姓名", "第一次走访日期", "第二次走访日期", "第三次走访日期", "下次走访时间", "走访人"],
        ["刘长生", D(2011, 3, 5), D(2011, 5, 5), D(2011, 8, 5), D(2011, 11, 1), "陈明"],
        ["刘长发", D(2011, 3, 6), "2011年6月6日", None, None, "陈明"]])
    flag = sheet["flag"]
    assert flag["kind"] == "unread_visit_dates" and flag["dates"] == 3
    assert flag["columns"] == ["第二次走访日期", "第三次走访日期"]  # the next visit planned is none
    assert "还有3个日期没有计入走访次数" in flag["message"]
    assert "每次走访登记一行" in FLAG_FIX["unread_visit_dates"]


def test_a_visit_date_heading_written_once_over_several_columns_is_flagged(tmp_path):
    """走访时间 over three columns of dates — merged, or written once with the cells beside it blank: the first
    read, the others (3 dates) uncounted. Said, each column counted (a merged heading names all three)."""
    rows = [TITLE, ["户主姓名", "走访时间", None, None, "走访人"],
            ["刘长生", D(2011, 3, 5), D(2011, 5, 5), D(2011, 8, 5), "陈明"], ["刘长发", D(2011, 3, 6), "2011年6月6日", None, "陈明"]]
    for merged in (True, False):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        if merged:
            book.active.merge_cells("B2:D2")
        raw = tmp_path / str(merged) / "raw" / "黄坑乡"
        raw.mkdir(parents=True)
        book.save(raw / "黄坑乡新屋村走访情况.xlsx")
        result = run_clean(raw.parent, tmp_path / str(merged) / "processed", jobs=1, progress=False)
        (sheet,) = result.summary()["files"][0]["sheets"]
        assert len(result.frames["visits"]) == 2
        flag = sheet["flag"]
        assert flag["kind"] == "unread_visit_dates" and flag["dates"] == 3, merged
        where = "「走访时间」列" if merged else "C、D列（无列名）"
        assert f"但{where}还有3个日期没有计入走访次数" in flag["message"], merged


def test_days_written_without_their_year_in_the_other_columns_are_flagged_too(tmp_path):
    """3月5日 | 4月6日 | 5月8日 under 走访时间 written once over them, the year in the title: the first read with the
    title's year, the others — no year of their own — were not taken for dates: 2 visits uncounted, nothing said."""
    _, sheet, _ = _clean_one(tmp_path, [TITLE, ["户主姓名", "走访时间", None, None, "走访人"],
                                        ["刘长生", "3月5日", "4月6日", None, "陈明"], ["刘长发", "3月7日", None, "5月8日", "陈明"]])
    assert sheet["records"] == 2 and sheet["flag"]["kind"] == "unread_visit_dates" and sheet["flag"]["dates"] == 2


def test_other_dates_beside_a_visit_are_not_flagged(tmp_path):
    _, sheet, _ = _clean_one(tmp_path, [TITLE, ["户主姓名", "出生日期", "建档时间", "走访日期", "走访人"],
                                        ["刘长生", D(1950, 3, 5), D(2010, 5, 5), D(2011, 8, 5), "陈明"]])
    assert sheet["flag"] is None


def test_a_count_of_disputes_resolved_is_no_count_of_disputes(tmp_path):
    """调处成功件数 says what became of the disputes a row stands for, not how many it stands for."""
    _, sheet, _ = _disputes(tmp_path, ["受理日期", "村名", "纠纷类型", "调处成功件数", "调处结果"], [
        [D(2011, 3, 5), "新屋村", "土地纠纷", 2, "调处成功"], [D(2011, 4, 5), "上坪村", "山林纠纷", 3, "调处成功"]])
    assert sheet["flag"] is None


def test_a_count_of_people_or_households_visited_is_a_count_not_the_cadre():
    """走访人次 was read as the cadre (走访人 inside it): every visit a reject (走访人「3」不是有效姓名), the sheet
    flagged 可能识别有误. A heading ending 人次 / 户次 counts, like 次数: the rows read, the extra visits said."""
    rows = [TITLE, ["户主姓名", "组别", "走访人次", "最近走访日期"], ["刘长生", "1组", 3, D(2011, 6, 2)],
            ["刘长发", "1组", 1, D(2011, 5, 2)]]
    _, result = _tidy(rows)
    assert result.n_records == 2 and result.n_rejects == 0
    assert result.counts == {"column": "C", "heading": "走访人次", "rows": 1, "extra": 2}


def test_visit_dates_in_a_roster_are_said_not_counted(tmp_path):
    """A roster with the day each household was visited (户主姓名 | 是否贫困户 | 联系干部 | 走访时间): read as the roster it
    is, the dates dropped with nothing said — the village's coverage 0 where no visit log was sent. Said now."""
    result, sheet, _ = _clean_one(tmp_path, [
        ["黄坑乡新屋村三送联系户花名册"], ["户主姓名", "家庭人口", "是否贫困户", "联系干部", "走访时间", "出生日期"],
        ["刘长生", 4, "是", "陈明", D(2011, 3, 5), D(1950, 1, 1)], ["刘长发", 3, "否", "陈明", "2011年3月6日", None],
        ["刘长水", 5, "否", "陈明", None, None]], name="黄坑乡新屋村花名册.xlsx")
    assert len(result.frames["roster"]) == 3 and result.frames["visits"].empty  # a roster: no visit counted
    flag = sheet["flag"]
    assert flag["kind"] == "unread_visit_dates" and flag["dates"] == 2 and flag["columns"] == ["走访时间"]
    assert flag["message"].startswith("可能少计：按包扶对象名单读取（名单不计走访），「走访时间」列填了2个走访日期，没有计入走访")
    # a roster's other dates say nothing of visits
    _, sheet, _ = _clean_one(tmp_path / "b", [
        ["黄坑乡新屋村三送联系户花名册"], ["户主姓名", "是否贫困户", "联系干部", "建档时间"],
        ["刘长生", "是", "陈明", D(2010, 3, 5)], ["刘长发", "否", "陈明", D(2010, 3, 6)]], name="黄坑乡新屋村花名册.xlsx")
    assert sheet["flag"] is None


@pytest.mark.parametrize(("heading", "cells", "marked"), [
    ("是否走访", ["是", "否", "√"], 2), ("走访情况", ["已走访", "未走访", None], 1), ("走访次数", [3, 0, "2次"], 2),
    ("已走访", ["√", None, "√"], 2), ("入户情况", ["已入户", "", "否"], 1),
])
def test_a_roster_marking_the_households_visited_is_said_not_counted(tmp_path, heading, cells, marked):
    """户主姓名 | 是否走访 是 (or 走访情况 已走访, 走访次数 3): the households marked visited, no day — read as the roster
    it is, the marks dropped with nothing said (coverage 0 where no visit log was sent). Said as visit dates in a
    roster are; never counted (a visit is a day)."""
    result, sheet, _ = _clean_one(tmp_path, [
        ["黄坑乡新屋村三送联系户花名册"], ["户主姓名", "是否贫困户", "联系干部", heading, "慰问金（元）"],
        *([name, "否", "陈明", cell, 200] for name, cell in zip(["刘长生", "刘长发", "刘长水"], cells, strict=True))],
        name="黄坑乡新屋村花名册.xlsx")
    assert len(result.frames["roster"]) == 3 and result.frames["visits"].empty
    flag = sheet["flag"]
    assert flag["kind"] == "unread_visit_dates" and flag["marked"] == marked and flag["columns"] == [heading], flag
    assert f"「{heading}」列标明{marked}户已走访（没有日期），没有计入走访" in flag["message"]


def test_a_roster_s_money_or_cadre_beside_is_no_mark_of_a_visit(tmp_path):
    _, sheet, _ = _clean_one(tmp_path, [
        ["黄坑乡新屋村三送联系户花名册"], ["户主姓名", "是否贫困户", "走访干部", "慰问金（元）", "走访内容"],
        ["刘长生", "是", "陈明", 500, "了解生产情况"], ["刘长发", "否", "陈明", 300, "宣传政策"]], name="黄坑乡新屋村花名册.xlsx")
    assert sheet["flag"] is None

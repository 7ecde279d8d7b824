"""A visit log written a visit a row with several households in it, a column each (走访对象1 | 走访对象2 | 走访对象3,
or 走访户 merged over three columns): each row was read as one visit to the first column's household, the others'
visits uncounted — coverage short — with nothing said. The sheet is flagged 可能少计 with the columns and the
households not counted, in the clean, its summary and the 问题清单 with a fix that asks for a row a household."""

from __future__ import annotations

import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from sansong_analysis.ingest import values
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.publish.feedback import FLAG_FIX, write_problem_list

TITLE = ["黄坑乡新屋村2011年走访登记表"]
VISITS = [["2011-03-05", "陈明", "刘长生", "刘长发", "王秀英"], ["2011-03-06", "李红", "刘长青", "刘长发", None],
          ["2011-03-07", "李红", "刘长秀", None, None]]


def _clean_one(tmp_path, rows, merges=()):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in merges:
        book.active.merge_cells(cells)
    raw = tmp_path / "raw" / "黄坑乡"
    raw.mkdir(parents=True)
    book.save(raw / "黄坑乡新屋村走访登记表.xlsx")
    processed = tmp_path / "processed"
    result = run_clean(tmp_path / "raw", processed, jobs=1, progress=False)
    (sheet,) = result.summary()["files"][0]["sheets"]
    return result, sheet, processed


@pytest.mark.parametrize("headings", [("走访对象1", "走访对象2", "走访对象3"), ("被走访户（一）", "被走访户（二）", "被走访户（三）"),
                                      ("走访户主甲", "走访户主乙", "走访户主丙")])
def test_households_a_column_each_are_flagged_with_those_not_counted(tmp_path, headings):
    result, sheet, processed = _clean_one(tmp_path, [TITLE, ["走访日期", "走访干部", *headings], *VISITS])
    assert list(result.frames["visits"]["household_head"]) == ["刘长生", "刘长青", "刘长秀"]  # read as before
    flag = sheet["flag"]
    assert flag["kind"] == "unread_households" and flag["households"] == 3
    as_read = [unicodedata.normalize("NFKC", h) for h in headings]  # headings are read NFKC: （一） as (一)
    assert flag["columns"] == as_read[1:] and flag["column"] == as_read[0]
    assert flag["message"].startswith("可能少计") and "还有3户没有计入走访" in flag["message"]
    path = write_problem_list(None, processed, tmp_path / "out")
    cells = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert FLAG_FIX["unread_households"] in cells and "每户登记一行" in FLAG_FIX["unread_households"]


@pytest.mark.parametrize("merged", [True, False])
def test_a_household_heading_written_once_over_several_columns_is_flagged(tmp_path, merged):
    """走访对象 over three columns of names — merged, or written once with the cells beside it blank."""
    result, sheet, _ = _clean_one(tmp_path, [TITLE, ["走访日期", "走访干部", "走访对象", None, None], *VISITS],
                                  merges=["C2:E2"] if merged else ())
    assert len(result.frames["visits"]) == 3
    flag = sheet["flag"]
    assert flag["kind"] == "unread_households" and flag["households"] == 3
    assert "但D、E列还有3户没有计入走访" in flag["message"]


def test_a_roster_with_a_group_a_row_and_its_households_a_column_each_is_flagged(tmp_path):
    """户主姓名 merged over three columns, a group a row: three of six households on the roster, the other three
    missing — the households and the coverage wrong — with nothing said."""
    rows = [["黄坑乡新屋村包扶对象名单"], ["组别", "户主姓名", None, None, "是否贫困户"], ["1组", "刘长生", "刘长发", "王秀英", "是"],
            ["2组", "刘长青", "李红梅", None, "否"], ["3组", "刘长秀", None, None, "否"]]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active.merge_cells("B2:D2")
    raw = tmp_path / "raw" / "黄坑乡"
    raw.mkdir(parents=True)
    book.save(raw / "黄坑乡新屋村包扶对象名单.xlsx")
    result = run_clean(tmp_path / "raw", tmp_path / "processed", jobs=1, progress=False)
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert list(result.frames["roster"]["household_head"]) == ["刘长生", "刘长青", "刘长秀"]
    flag = sheet["flag"]
    assert flag["kind"] == "unread_households" and flag["households"] == 3 and flag["columns"] == ["C列", "D列"]
    assert "还有3户没有计入名单" in flag["message"]


def test_the_same_household_again_in_the_next_column_is_not_counted_as_another(tmp_path):
    rows = [TITLE, ["走访日期", "走访干部", "走访对象1", "走访对象2"], ["2011-03-05", "陈明", "刘长生", "刘长生"],
            ["2011-03-06", "陈明", "刘长发", "刘长发户"]]
    _, sheet, _ = _clean_one(tmp_path, rows)
    assert sheet["flag"] is None


@pytest.mark.parametrize(("headings", "row"), [
    (["户主姓名", "被走访人"], ["刘长生", "李梅"]),  # the person met beside the head: the head's household
    (["户主姓名", None], ["刘长生", "五保户"]),  # a note without a heading, no name
    (["户主姓名", None], ["刘长生", "已走访"]),
    (["户主姓名", "家庭成员"], ["刘长生", "刘小明"]),  # a member, under a heading of its own
])
def test_other_columns_beside_the_household_are_not_flagged(tmp_path, headings, row):
    _, sheet, _ = _clean_one(tmp_path, [TITLE, ["走访日期", "走访干部", *headings], ["2011-03-05", "陈明", *row]])
    assert sheet["flag"] is None


def test_a_name_is_told_from_a_note_by_its_surname():
    assert [values.looks_like_person(c) for c in ("刘长生", "欧阳红梅", " 王五 ", "五保户", "已走访", "党员", "村民", "刘", 12)] == [
        True, True, True, False, False, False, False, False, False]

"""A list printed two entries a line (the header twice across): the right-hand entries are not read,
so the sheet is flagged 可能漏读 with where and how many rows — never dropped quietly."""

from __future__ import annotations

import datetime as dt

from sansong_analysis.ingest import health
from sansong_analysis.ingest.table import locate_table
from sansong_analysis.ingest.tidy import repeated_block, tidy_table

D = dt.date
HEADING = ["序号", "户主姓名", "组别", "是否贫困户", "帮扶干部"]


def _tidy(rows, file="周田乡上坪村结对帮扶花名册"):
    table = locate_table(rows, "Sheet1", file, [])
    assert table is not None and table.recognition.ledger is not None
    return table, tidy_table(rows, table, f"{file}.xlsx", "Sheet1")


def test_a_roster_printed_two_households_a_line_is_flagged():
    rows = [["周田乡上坪村结对帮扶户花名册"], HEADING + HEADING,
            [1, "池文华", "1组", "是", "张平", 4, "池秋生", "3组", "否", "刘洋"],
            [2, "池文光", "1组", "否", "张平", 5, "池冬生", "3组", "是", "刘洋"],
            [3, "池春生", "2组", "是", "张平", None, None, None, None, None]]
    _, result = _tidy(rows)
    assert result.n_records == 3 and result.balanced
    assert result.beside == {"column": "F", "rows": 2}
    flag = health.sheet_flag(result.ledger, result.n_records, result.n_rejects, result.above_header, result.beside)
    assert flag["kind"] == "side_by_side" and flag["rows"] == 2
    assert flag["message"].startswith("可能漏读：按包扶对象名单读取，但表头从F列起又出现一次")


def test_a_separator_column_and_a_total_line_under_the_right_hand_block():
    heading = ["序号", "捐款单位（个人）", "金额"]
    rows = [["岗面乡2011年三送工作爱心捐款明细表"], heading + [None] + heading,
            [1, "县财政局", 5000, None, 4, "刘建国", 500], [2, "县教育局", 3000, None, 5, "陈小平", 300],
            [3, "岗面中学", 800, None, None, None, None], ["合计", None, None, None, None, None, 9600]]
    _, result = _tidy(rows, "岗面乡捐款明细")
    assert result.ledger == "funds" and result.beside == {"column": "E", "rows": 2}


def test_a_header_said_once_or_an_empty_right_hand_block_is_not_flagged():
    once = [["周田乡上坪村结对帮扶户花名册"], HEADING, [1, "池文华", "1组", "是", "张平"]]
    table, result = _tidy(once)
    assert result.beside is None and repeated_block(once, table) is None
    empty = [["周田乡上坪村结对帮扶户花名册"], HEADING + HEADING, [1, "池文华", "1组", "是", "张平", None, None, None, None, None]]
    _, result = _tidy(empty)
    assert result.beside is None
    assert health.sheet_flag("roster", 1, 0, 0, None) is None

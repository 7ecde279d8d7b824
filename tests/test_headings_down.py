"""A ledger written with its headings down a column, a record a column (项目名称 | 修路 | 修桥 over 投资 | 5 | 3).

No row of it reads as a header, so it was 未识别 saying only that no row lists two headings — true, and no help to
the analyst or the township. Read as it stands it has no rows to account for one by one (a row is a field, not a
record), so it is not read: its 未识别 reason says the headings stand down column A, the ledger they look like, and
how to turn the table; the 问题清单 gives that as the fix. A page of instructions (户主姓名 | 填写户主的姓名) is no such
table: one column of words beside its headings, not two of values.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import write_sheets

from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.table import headings_down
from sansong_analysis.publish.feedback import NOT_RECOGNISED_FIX, TRANSPOSE_FIX, summary_findings

D = dt.date
FUNDS = [["捐款单位", "县交通局", "县财政局", "县委办", "合计"], ["金额（元）", 5000, 3000, 2000, 10000],
         ["用途", "修路", "修桥", "慰问", None]]
PROJECTS = [["项目名称", "修路", "修桥", "修渠"], ["投资（万元）", 5, 3, 2], ["受益农田（亩）", 100, None, 300]]
VISITS = [["户主姓名", "张三", "李四", "王五"], ["走访日期", D(2011, 3, 1), D(2011, 3, 2), D(2011, 3, 3)],
          ["走访干部", "李明", "李明", "李明"]]


def _clean(tmp_path, rows, name="台账.xlsx", sheet="Sheet1"):
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / name, {sheet: rows})
    summary = clean(raw, jobs=1, progress=False).summary()
    (found,) = summary["files"][0]["sheets"]
    return summary, found


@pytest.mark.parametrize(("rows", "label", "first"), [(FUNDS, "筹资台账", "捐款单位"), (PROJECTS, "办实事项目台账", "项目名称"),
                                                       (VISITS, "走访登记表", "户主姓名")])
def test_headings_down_a_column_are_told_with_how_to_turn_them(tmp_path, rows, label, first):
    summary, sheet = _clean(tmp_path, [["葛坳乡澄江村2011年台账"], *rows])
    assert sheet["ledger"] is None and sheet["records"] == sheet["rejects"] == 0
    reason = sheet["recognition"]["reason"]
    assert reason.startswith(f"没有找到表头：列名竖写在第A列（{first}、") and f"像是竖排的{label}" in reason
    assert "转置" in reason
    problems, _ = summary_findings(summary)
    (problem,) = [p for p in problems if p.category == "not_recognised"]
    assert problem.fix == TRANSPOSE_FIX


def test_headings_down_the_second_column_beside_a_serial(tmp_path):
    rows = [[i + 1, *row] for i, row in enumerate(PROJECTS)]
    assert headings_down(rows)[:2] == ("B", "办实事项目台账")


def test_a_page_of_instructions_is_no_such_table(tmp_path):
    rows = [["户主姓名", "填写户主的姓名"], ["走访日期", "填写走访的日期，如2011-03-05"], ["走访干部", "填写走访干部的姓名"]]
    assert headings_down(rows) is None
    summary, sheet = _clean(tmp_path, rows)
    assert sheet["ledger"] is None and "竖写" not in sheet["recognition"]["reason"]
    problems, _ = summary_findings(summary)
    assert [p.fix for p in problems if p.category == "not_recognised"] == [NOT_RECOGNISED_FIX]


def test_two_headings_down_a_column_are_not_enough():
    assert headings_down([["户主姓名", "张三", "李四"], ["走访日期", D(2011, 3, 1), D(2011, 3, 2)]]) is None

"""A line naming a section's cadre (走访干部：李明（县交通局）) under the header was taken for a second header row:
its 走访干部 claimed the 序号 column, every visit a reject (走访人「1」不是有效姓名). A heading with its value after a
colon is a section's or a form's line, never a column's heading.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean

from sansong_analysis.ledgers import claim_fields

D = dt.date


def test_visits_under_cadre_lines_are_read(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访内容"], ["走访干部：李明（县交通局）"],
            [1, D(2011, 3, 5), "澄江村", "张三", "了解生产"], [2, D(2011, 3, 6), "澄江村", "李四", "了解生产"],
            ["走访干部：王芳（县林业局）"], [3, D(2011, 3, 7), "新屋村", "王五", "了解生产"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "李四", "王五"]
    assert sheet["rejects"] == 0


def test_a_heading_with_its_value_names_no_column():
    assert all(c is None for c in claim_fields("走访干部:李明(县交通局)").values())
    assert all(c is None for c in claim_fields("填报单位:葛坳乡").values())
    assert claim_fields("是否贫困户(是:1,否:0)")["roster"].field.name == "is_poor"  # a choice in brackets

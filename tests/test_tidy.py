"""tidy_table directly: one located table → records, rejects and skipped rows, every row accounted for."""

from __future__ import annotations

import datetime as dt

import pytest

from sansong_analysis.ingest.table import locate_table
from sansong_analysis.ingest.tidy import tidy_table

D = dt.date


def _tidy(rows, sheet="Sheet1", file="黄坑乡台账", folders=()):
    table = locate_table(rows, sheet, file, list(folders))
    assert table is not None and table.recognition.ledger is not None, table and table.recognition
    return table, tidy_table(rows, table, f"{file}.xlsx", sheet)


VISITS = [
    ["黄坑乡2011年走访登记表"],                                      # title
    ["单位：元"],                                                    # title (a unit note)
    ["序号", "村", "走访日期", "户主姓名", "走访人", "走访形式", "慰问金"],  # header
    [1, 2, 3, 4, 5, 6, 7],                                           # the column-number row: header
    ["一、新屋村"],                                                  # section title
    [1, None, "2011-3-5", "张三", "李干部", "入户走访", None],
    [2, None, "3月6日", "李四", "李干部", "慰问", "500"],             # the year from the title
    [3, None, "/", "王五", "李干部", "入户走访", None],               # reject: no date
    [4, None, "2011-02-30", "赵六", "李干部", "入户走访", None],       # reject: impossible date
    ["小计", None, None, "3户", None, None, 500],                    # subtotal
    [None, None, None, None, None, None, None],                      # blank
    ["二、上坪村"],                                                  # section title
    ["序号", "村", "走访日期", "户主姓名", "走访人", "走访形式", "慰问金"],  # the header again
    [1, "上坪村", D(2011, 4, 1), "钱七", "孙干部", "政策宣讲", None],
    ["注：本表每月报送"],                                            # note
    ["填表人：李干部", None, None, None, "审核：赵主任"],              # note
]


def test_every_row_is_a_record_a_reject_or_skipped():
    table, result = _tidy(VISITS)
    assert result.ledger == "visits" and result.balanced
    assert result.rows_read == len(VISITS)
    assert result.n_records == 3 and result.n_rejects == 2
    assert dict(result.skipped) == {"title": 4, "header": 3, "subtotal": 1, "blank": 1, "note": 2}


def test_records_carry_lineage_places_and_parsed_values():
    _, result = _tidy(VISITS)
    r = result.records
    assert r["source_row"] == [6, 7, 14] and set(r["source_file"]) == {"黄坑乡台账.xlsx"}
    assert r["visit_date"] == [D(2011, 3, 5), D(2011, 3, 6), D(2011, 4, 1)]
    assert r["household_head"] == ["张三", "李四", "钱七"]
    assert r["village"] == ["新屋村", "新屋村", "上坪村"] and set(r["township"]) == {"黄坑乡"}
    assert r["visit_kind"] == ["visit", "relief", "policy"]
    assert r["relief_yuan"] == [None, 500.0, None]
    assert result.township_sources == ["标题", "标题", "标题"]
    assert result.village_sources == ["表内分节标题", "表内分节标题", "表中村列"]


def test_rejects_say_why_and_keep_their_cells_but_no_personal_number():
    _, result = _tidy(VISITS)
    by_row = {r["source_row"]: r for r in result.rejects}
    assert by_row[8]["reason"] == "缺少走访日期（填的是「/」）。"
    assert by_row[9]["reason"] == "走访日期「2011-02-30」不是有效日期。"
    assert "户主姓名=赵六" in by_row[9]["raw_cells"] and by_row[9]["village"] == "新屋村"


def test_the_ledgers_own_totals_are_checked():
    _, result = _tidy(VISITS)
    # 小计 3户 and 500 元 close 张三 李四 (王五 and 赵六 rejected): undecided rather than a mismatch.
    assert {(c["field"], c["ok"]) for c in result.totals} == {("relief_yuan", True), ("count:户", None)}


def test_a_list_of_poor_households_makes_blank_cells_poor():
    rows = [
        ["黄坑乡新屋村建档立卡贫困户花名册"],
        ["户主姓名", "家庭人口", "是否贫困户", "帮扶责任人"],
        ["张三", 3, None, "李干部"],
        ["李四", 2, "否", "李干部"],
        ["王五", 4, "是", "赵干部"],
    ]
    table, result = _tidy(rows)
    assert table.poor_list
    assert result.records["is_poor"] == [True, False, True]


def test_a_month_is_enough_for_a_projects_completion():
    rows = [
        ["黄坑乡办实事项目台账"],
        ["项目名称", "投资额（万元）", "受益农田（亩）", "竣工时间"],
        ["水渠修复", 12, 300, "2011年9月"],
        ["机耕道", 5, 50, "2011-10-8"],
        ["山塘", 3, 20, "2011年13月"],  # reject: no such month
    ]
    _, result = _tidy(rows)
    r = result.records
    assert r["completed_date"] == [D(2011, 9, 1), D(2011, 10, 8)]
    assert r["completed_precision"] == ["month", "day"]
    assert r["investment_yuan"] == [120000.0, 50000.0]
    assert [x["reason"] for x in result.rejects] == ["竣工日期「2011年13月」无法识别为日期。"]


@pytest.mark.parametrize("labels", [
    ["甲", "乙", "丙", "丁", "1"], ["(1)", "(2)", "(3)", "(4)", "(5)"], ["①", "②", "③", "④", "⑤"], ["甲", "乙", 1, 2, 3],
])
def test_a_column_label_row_in_any_numbering_is_header(tmp_path, labels):
    # 甲 | 乙 | 丙 | 丁 | 1 (the stems over the descriptive columns) and (1) (2) (3) were rejects (日期「乙」无法识别);
    # ① ② ③ stopped the sheet with a program error (int("②")), every record of it lost
    from one_sheet import clean_one_sheet

    rows = [["序号", "日期", "捐款单位", "用途", "金额（元）"], labels,
            [1, dt.date(2011, 3, 5), "县委办", "修路", 5000], [2, dt.date(2011, 3, 6), "县财政局", "修桥", 3000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村筹资台账")
    assert (sheet["records"], sheet["rejects"], sheet["skipped_by_kind"]["header"]) == (2, 0, 2)

"""The ledgers' own 合计/小计 rows, checked against the rows they close."""

from __future__ import annotations

import json

from foreign.offices import Sheet, write_xlsx

from sansong_analysis.cli import main
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.totals import mismatches

FUNDS = [
    ["黄坑乡2011年筹资台账"],
    ["日期", "村", "资金来源", "用途", "金额（元）"],
    ["2011-3-1", "新屋村", "县水保局", "修路", 4000],
    ["2011-3-9", "新屋村", "乡贤", "助学", "1,500"],
    ["小计", None, None, None, 5500],  # right
    ["2011-5-1", "上坪村", "企业", "慰问", 2000],
    ["2011-6-1", "上坪村", "县财政", "修渠", "3000元"],
    ["小计", None, None, None, 5100],  # 100 元 too many
    ["合计", None, None, None, 10500],  # right: 5500 + 5000
]
VISITS = [
    ["黄坑乡新屋村3月走访登记表"],
    ["走访日期", "户主姓名", "走访人", "走访形式"],
    ["2011-3-1", "张三", "李干部", "入户走访"],
    ["2011-3-2", "李四", "李干部", "入户走访"],
    ["2011-3-9", "张三", "李干部", "慰问"],  # the same household again: 2 households
    ["本月共走访3户", None, None, None],  # one household too many
]
WAN = [
    ["黄坑乡项目台账"],
    ["项目名称", "投资（万元）", "受益农田（亩）", "竣工时间"],
    ["水渠", 1.25, 30, "2011-9-1"],
    ["机耕道", 2.5, 45.5, "2011-10-1"],
    ["合计", 3.8, 75.5, None],  # 3.75 written to one decimal: within rounding
]
REJECTED = [
    ["黄坑乡筹资台账"],
    ["日期", "资金来源", "用途", "金额"],
    ["2011-3-1", "县水保局", "修路", 4000],
    ["2011-3-5", "乡贤", "助学", "待定"],  # rejected: the total cannot be checked against records
    ["合计", None, None, 9000],
]


def _raw(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡台账.xlsx", [Sheet("筹资", FUNDS), Sheet("3月走访", VISITS), Sheet("项目", WAN),
                                        Sheet("补登筹资", REJECTED)])
    return raw


def _checks(result):
    return {s.source_sheet: s.totals for f in result.files for s in f.sheets}


def test_totals_that_do_not_add_up_are_caught(tmp_path):
    checks = _checks(clean(_raw(tmp_path), jobs=1, progress=False))
    funds = checks["筹资"]
    assert [(c["row"], c["ok"]) for c in funds] == [(5, True), (8, False), (9, True)]
    bad = mismatches(funds)[0]
    assert (bad["stated"], bad["summed"], bad["rows"], bad["field"]) == (5100, 5000, 2, "amount_yuan")
    [visit] = checks["3月走访"]
    assert (visit["field"], visit["stated"], visit["summed"], visit["ok"]) == ("count:户", 3, 2, False)
    assert all(c["ok"] for c in checks["项目"]) and len(checks["项目"]) == 2
    [rejected] = checks["补登筹资"]
    assert rejected["ok"] is None and rejected["rejected_rows"] == 1


def test_totals_in_the_summary_and_on_screen(tmp_path, capsys):
    processed = tmp_path / "processed"
    assert main(["clean", "--raw", str(_raw(tmp_path)), "--processed", str(processed)]) == 0
    out = capsys.readouterr().out
    assert "「筹资」第8行「小计」的金额为 5100，而它合计的 2 行相加为 5000：台账的合计与明细不符" in out
    assert "「3月走访」第6行「本月共走访3户」写明 3户，而它合计的 3 行记录为 2户" in out
    summary = json.loads((processed / "clean_summary.json").read_text(encoding="utf-8"))
    sheets = {s["sheet"]: s for f in summary["files"] for s in f["sheets"]}
    assert [c["ok"] for c in sheets["筹资"]["totals"]] == [True, False, True]


def test_inspect_shows_the_totals(tmp_path, capsys):
    assert main(["inspect", str(_raw(tmp_path) / "黄坑乡台账.xlsx"), "--sheet", "筹资"]) == 0
    out = capsys.readouterr().out
    assert "合计核对：相符 2，不符 1" in out and "第8行「小计」的金额为 5100，而它合计的 2 行相加为 5000" in out


def test_a_total_written_first_closes_the_rows_below_it(tmp_path):
    """合计 under the header, over the rows it sums (as statistical tables put it): checked against
    the rows below — it was checked against the none above, and a right total reported as wrong."""
    funds = [["黄坑乡2011年筹资台账"], ["日期", "村", "资金来源", "用途", "金额（元）"],
             ["合计", None, None, None, 9500],  # right: the three rows below
             ["2011-3-1", "新屋村", "县水保局", "修路", 4000],
             ["2011-3-9", "新屋村", "乡贤", "助学", "1,500"],
             ["2011-5-1", "上坪村", "企业", "慰问", 4000]]
    roster = [["黄坑乡新屋村三送包扶对象花名册"], ["序号", "户主姓名", "组别", "家庭人口", "帮扶干部"],
              [None, "共3户", None, 11, None],  # 3 households: right; 11 people: wrong, the rows hold 12
              [1, "张三", "1组", 4, "李四"], [2, "王五", "2组", 5, "李四"], [3, "赵六", "2组", 3, "钱七"]]
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡台账.xlsx", [Sheet("筹资", funds), Sheet("花名册", roster)])
    checks = _checks(clean(raw, jobs=1, progress=False))
    [total] = checks["筹资"]
    assert (total["row"], total["stated"], total["summed"], total["rows"], total["ok"]) == (3, 9500, 9500, 3, True)
    by_field = {c["field"]: c for c in checks["花名册"]}
    assert by_field["count:户"]["ok"] is True and by_field["count:户"]["rows"] == 3
    assert (by_field["members"]["summed"], by_field["members"]["ok"]) == (12, False)


def test_namesakes_in_two_groups_are_two_households_of_a_total(tmp_path):
    """许春生 of 一组 and 许春生 of 四组 are two households (the roster tells them apart by group): 本月共走访3户 over their
    visits and 姜水生's is right, where the check counted names and said the total disagreed (random county 31). An
    office counting names (2户, as the demo county's does) is right too; 4户 is not."""
    rows = [["黄坑乡澄江村走访台账"], ["序号", "组别", "走访农户", "走访日期", "走访人"],
            [1, "四组", "许春生", "2011-03-08", "李明"], [2, "一组", "许春生", "2011-03-18", "王强"],
            [3, "四组", "姜水生", "2011-03-21", "陈刚"], [4, "四组", "许春生", "2011-03-25", "陈刚"],
            ["本月共走访3户4次", None, None, None, None]]
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡" / "澄江村走访登记表.xlsx", [Sheet("Sheet1", rows)])
    [check] = _checks(clean(raw, jobs=1, progress=False))["Sheet1"]
    assert (check["field"], check["stated"], check["summed"], check["ok"]) == ("count:户", 3, 3, True)
    for stated, summed, ok in ((2, 2, True), (4, 3, False)):
        rows[-1][0] = f"本月共走访{stated}户4次"
        write_xlsx(raw / "黄坑乡" / "澄江村走访登记表.xlsx", [Sheet("Sheet1", rows)])
        [check] = _checks(clean(raw, jobs=1, progress=False))["Sheet1"]
        assert (check["stated"], check["summed"], check["ok"]) == (stated, summed, ok)

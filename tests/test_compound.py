"""A field spread over a group of sub-columns (``ingest.compound``): ticked choices, a date in parts.

Each grid is a register as teams print them: a group heading over its sub-columns, one tick a row
(纠纷类型 over 山林 | 土地 | …), or a date in boxes (走访时间 over 月 | 日). Read as one field again
only on evidence; a row that ticks two, or writes something that is not a mark or a number,
is rejected with its reason, never read as one of them.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from sansong_analysis.ingest.compound import CHOICE, DATE_PARTS
from sansong_analysis.ingest.table import locate_table
from sansong_analysis.ingest.tidy import tidy_table

D = dt.date


def _tidy(rows, sheet="Sheet1", file="罗坊镇矛盾纠纷台账"):
    table = locate_table(rows, sheet, file, [])
    assert table is not None and table.recognition.ledger is not None, table and table.recognition
    result = tidy_table(rows, table, f"{file}.xlsx", sheet)
    assert result.balanced
    return table, result


TYPES = ["山林", "土地", "邻里", "婚姻家庭", "其他"]
OUTCOMES = ["成功", "未成功", "在调处"]


def _register(ticks, *, marks=("√",), group_once=False, total=True):
    """A dispute register: 纠纷类型 and 调处结果 as tick columns; ``ticks`` (types, outcomes) per row,
    each a set of sub-labels to mark (the mark cycles through ``marks``)."""
    def spread(labels, chosen, i):
        return [marks[i % len(marks)] if label in chosen else None for label in labels]

    upper = ["序号", "受理时间", "村", "纠纷类型", *([None] if group_once else ["纠纷类型"]) * 4,
             "调处结果", *([None] if group_once else ["调处结果"]) * 2]
    rows = [["罗坊镇2011年矛盾纠纷排查调处台账"], upper, [None, None, None, *TYPES, *OUTCOMES]]
    for i, (types, outcomes) in enumerate(ticks):
        rows.append([i + 1, D(2011, 1 + i, 5), "沙村", *spread(TYPES, types, i), *spread(OUTCOMES, outcomes, i)])
    if total:
        counts = [sum(label in t for t, _ in ticks) for label in TYPES] + [sum(label in o for _, o in ticks) for label in OUTCOMES]
        rows.append(["合计", None, None, *counts])
    return rows


def test_a_tick_a_row_reads_as_the_ticked_sub_column():
    table, result = _tidy(_register([({"山林"}, {"成功"}), ({"土地"}, {"未成功"}), ({"婚姻家庭"}, {"在调处"}),
                                      ({"邻里"}, {"成功"}), ({"其他"}, set())]))
    r = result.records
    assert r["dispute_type"] == ["forest", "land", "family", "neighbour", "other"]
    assert r["outcome"] == ["resolved", "unresolved", "pending", "resolved", "pending"]  # nothing ticked: pending
    assert result.skipped["subtotal"] == 1 and result.n_rejects == 0
    grouped = {c.field.name: c for c in table.columns if c.parts}
    assert grouped["dispute_type"].parts_kind == CHOICE
    assert [label for _, label in grouped["dispute_type"].parts] == TYPES
    assert [index for index, _ in grouped["outcome"].parts] == [8, 9, 10]


@pytest.mark.parametrize("marks", [("✓",), ("✔", "●"), ("1",), (1,), ("○", "是")])
def test_any_common_mark_is_a_tick(marks):
    _, result = _tidy(_register([({"山林"}, {"成功"}), ({"土地"}, {"未成功"}), ({"邻里"}, {"在调处"})], marks=marks))
    assert result.records["dispute_type"] == ["forest", "land", "neighbour"]
    assert result.records["outcome"] == ["resolved", "unresolved", "pending"]


def test_a_group_written_once_over_its_first_sub_column_reads_alike():
    """A CSV has no merged cells: the group heading stands over the first sub-column only."""
    _, result = _tidy(_register([({"山林"}, {"成功"}), ({"土地"}, {"在调处"})], group_once=True))
    assert result.records["dispute_type"] == ["forest", "land"]
    assert result.records["outcome"] == ["resolved", "pending"]


def test_two_ticks_or_a_word_in_a_tick_column_reject_the_row_with_its_reason():
    rows = _register([({"山林"}, {"成功"}), ({"山林", "土地"}, {"成功"}), ({"邻里"}, {"成功", "未成功"}), ({"土地"}, {"成功"})],
                     total=False)
    rows[-1][7] = "债务"  # a word where a mark belongs (其他 column)
    _, result = _tidy(rows)
    assert result.records["dispute_type"] == ["forest"]
    reasons = [r["reason"] for r in result.rejects]
    assert reasons[0] == "纠纷类型勾选了2项（山林、土地），无法确定是哪一项。"
    assert reasons[1] == "调处结果勾选了2项（成功、未成功），无法确定是哪一项。"
    assert reasons[2] == "纠纷类型「其他」栏的「债务」不是勾选标记。"


def test_counts_under_type_headings_are_not_ticks():
    """A summary of counts per type (several numbers a row) is no tick register: nothing is grouped."""
    rows = [["罗坊镇矛盾纠纷统计表"], ["村", "受理时间", "纠纷类型", "纠纷类型", "纠纷类型", "调处结果", "调处结果"],
            [None, None, "山林", "土地", "邻里", "成功", "未成功"],
            ["沙村", D(2011, 1, 5), 3, 2, 4, 8, 1], ["罗坊村", D(2011, 1, 6), 1, 5, 2, 6, 2]]
    table = locate_table(rows, "Sheet1", "罗坊镇矛盾纠纷台账", [])
    assert table is not None and not any(c.parts for c in table.columns)


def test_sub_labels_that_are_not_values_of_the_field_are_no_choice():
    """纠纷类型 over 编号 | 名称: sub-columns that name no dispute type stay columns of their own."""
    rows = [["罗坊镇矛盾纠纷台账"], ["受理时间", "纠纷类型", "纠纷类型", "调处结果"], [None, "编号", "名称", None],
            [D(2011, 1, 5), "√", None, "成功"], [D(2011, 2, 5), None, "√", "成功"]]
    table = locate_table(rows, "Sheet1", "罗坊镇矛盾纠纷台账", [])
    assert table is not None and not any(c.parts for c in table.columns)


def _visit_log(parts, body, title="莲塘镇岭背村2011年三送入户走访登记表"):
    labels = list(parts)
    return [[title], ["序号", "走访时间", *[None] * (len(labels) - 1), "被走访户主", "走访干部", "走访内容"],
            [None, *labels, None, None, None], *body]


def test_a_date_in_month_and_day_boxes_takes_the_year_of_the_title():
    table, result = _tidy(_visit_log("月日", [[1, 3, 5, "宋金发", "罗斌", "入户"], [2, "4月", "18日", "宋银发", "罗斌", "慰问"],
                                              [3, 12.0, 2, "宋铜发", "罗斌", "入户"]]), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 5), D(2011, 4, 18), D(2011, 12, 2)]
    column = next(c for c in table.columns if c.parts)
    assert column.field.name == "visit_date" and column.parts_kind == DATE_PARTS
    assert [p for _, p in column.parts] == ["月", "日"]


def test_a_date_in_year_month_and_day_boxes():
    _, result = _tidy(_visit_log("年月日", [[1, 2012, 3, 5, "宋金发", "罗斌", "入户"], [2, 2012, 11, 30, "宋银发", "罗斌", "入户"]],
                                 title="莲塘镇岭背村三送走访登记表"), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2012, 3, 5), D(2012, 11, 30)]


@pytest.mark.parametrize("group", ["日期", "走访日期", "时间", "走访时间", "年月日", "走访年月日"])
def test_a_date_in_boxes_under_any_date_heading_written_once(group):
    # 日期 over 年 | 月 | 日, written over the first box (no merges): the boxes are the date's parts, whatever the
    # heading (a heading that is a date's own name on its own was, for a while, joined with each box: every row a reject;
    # 年月日, no heading of its own, left the boxes unread and the sheet 未识别).
    rows = [["莲塘镇岭背村三送走访登记表"], ["序号", group, None, None, "被走访户主", "走访干部"], [None, "年", "月", "日", None, None],
            [1, 2011, 3, 5, "宋金发", "罗斌"], [2, 2011, 11, 30, "宋银发", "罗斌"]]
    _, result = _tidy(rows, file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 5), D(2011, 11, 30)] and result.n_rejects == 0


def test_a_projects_completion_in_year_and_month_boxes_is_its_month():
    # 完成时间 over 年 | 月: the 年 box alone was taken for the date, every project a reject (竣工日期「2011」无法识别为日期).
    rows = [["莲塘镇2011年项目建设台账"], ["序号", "项目名称", "所在村", "投资额（元）", "受益面积（亩）", "完成时间", None],
            [None, None, None, None, None, "年", "月"], [1, "水渠", "沙村", 50000, 200, 2011, 5], [2, "机耕道", "沙村", 30000, 40, None, 6]]
    table, result = _tidy(rows, file="莲塘镇项目台账")
    (column,) = [c for c in table.columns if c.parts]
    assert column.field.name == "completed_date" and [p for _, p in column.parts] == ["年", "月"]
    assert result.records["completed_date"] == [D(2011, 5, 1), D(2011, 6, 1)]  # the year written once, above
    assert result.records["completed_precision"] == ["month", "month"] and result.n_rejects == 0
    # A visit needs its day: 年 | 月 under a visit date is no date in parts.
    table = locate_table(_visit_log("年月", [[1, 2011, 3, "宋金发", "罗斌", "入户"]]), "Sheet1", "莲塘镇走访登记", [])
    assert not any(c.parts for c in table.columns)


def test_a_date_part_blank_out_of_range_or_without_a_year_is_a_reason():
    _, result = _tidy(_visit_log("月日", [[1, 3, 5, "宋金发", "罗斌", "入户"], [2, 3, None, "宋银发", "罗斌", "入户"],
                                          [3, 13, 5, "宋铜发", "罗斌", "入户"], [4, 2, 30, "宋铁发", "罗斌", "入户"]]),
                      file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 5)]
    reasons = [r["reason"] for r in result.rejects]
    assert reasons[0] == "走访日期的日没有填写。"
    assert reasons[1] == "走访日期的月份「13」不是有效的月份。"
    assert "2011年2月30日" in reasons[2]  # read whole, then judged a date like any other
    _, result = _tidy(_visit_log("月日", [[1, 3, 5, "宋金发", "罗斌", "入户"]], title="莲塘镇岭背村三送入户走访登记表"),
                      file="莲塘镇走访登记")
    assert result.n_records == 0 and "3月5日" in result.rejects[0]["reason"]  # no year anywhere: not guessed


def test_date_parts_in_chinese_numerals():
    _, result = _tidy(_visit_log("年月日", [[1, "二〇一一年", "三月", "五日", "宋金发", "罗斌", "入户"],
                                            [2, "二零一一", "十二", "廿五", "宋银发", "罗斌", "入户"],
                                            [3, 2011, "十三", "五", "宋铜发", "罗斌", "入户"],
                                            [4, 2011, "三", "初五", "宋铁发", "罗斌", "入户"]],
                                 title="莲塘镇岭背村三送走访登记表"), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 5), D(2011, 12, 25)]
    assert [r["reason"] for r in result.rejects] == ["走访日期的月份「十三」不是有效的月份。", "走访日期的日「初五」不是有效的日。"]


def test_a_month_written_once_holds_for_the_days_under_it():
    """A register writes each month once, at its first day; a month, or year, going back is no such blank."""
    _, result = _tidy(_visit_log("月日", [[1, 3, 5, "宋金发", "罗斌", "入户"], [2, None, 18, "宋银发", "罗斌", "慰问"],
                                          [3, 4, 2, "宋铜发", "罗斌", "入户"], [4, None, 1, "宋铁发", "罗斌", "入户"],
                                          [5, None, 9, "宋锡发", "罗斌", "入户"]]), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 5), D(2011, 3, 18), D(2011, 4, 2), D(2011, 4, 9)]
    assert [r["reason"] for r in result.rejects] == [
        "走访日期的月份没有填写，本行的1日早于上一行的4月2日，不能沿用上一行的月份。"]
    _, result = _tidy(_visit_log("年月日", [[1, 2011, 12, 5, "宋金发", "罗斌", "入户"], [2, None, 12, 28, "宋银发", "罗斌", "入户"],
                                            [3, None, 1, 6, "宋铜发", "罗斌", "入户"], [4, 2012, None, 9, "宋铁发", "罗斌", "入户"]],
                                 title="莲塘镇岭背村三送走访登记表"), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 12, 5), D(2011, 12, 28)]
    assert [r["reason"] for r in result.rejects] == [
        "走访日期的年份没有填写，本行的1月6日早于上一行的2011年12月28日，不能沿用上一行的年份。",
        "走访日期的月份没有填写。"]  # a new year with no month: which month is not guessed
    # The first row has nothing above it; a day is never carried.
    _, result = _tidy(_visit_log("月日", [[1, None, 5, "宋金发", "罗斌", "入户"], [2, 3, 6, "宋银发", "罗斌", "入户"],
                                          [3, 3, None, "宋铜发", "罗斌", "入户"]]), file="莲塘镇走访登记")
    assert result.records["visit_date"] == [D(2011, 3, 6)]
    assert [r["reason"] for r in result.rejects] == ["走访日期的月份没有填写。", "走访日期的日没有填写。"]


def _one_row(head, body, title, file):
    return _tidy([[title], head, *body], file=file)


def test_year_month_and_day_columns_of_a_one_row_header_are_the_records_date():
    """年 | 月 | 日 (or 月 | 日) written as columns of their own, with no group heading over them."""
    table, result = _one_row(["序号", "年", "月", "日", "走访对象", "走访干部", "走访内容"],
                             [[1, 2011, 3, 5, "宋金发", "罗斌", "入户"], [2, 2011, 11, 30, "宋银发", "罗斌", "慰问"]],
                             "莲塘镇岭背村三送入户走访登记表", "莲塘镇走访登记")
    assert table.ledger.name == "visits"
    assert result.records["visit_date"] == [D(2011, 3, 5), D(2011, 11, 30)]
    (column,) = [c for c in table.columns if c.parts]
    assert (column.field.name, column.header, column.parts) == ("visit_date", "年", ((1, "年"), (2, "月"), (3, "日")))
    assert "「年/月/日」→走访日期（通用列名）" in table.recognition.best.evidence
    # 月 | 日 under a title naming the year, in a funds ledger (the cash-book way), with a 合计 row.
    table, result = _one_row(["月份", "日", "摘要", "捐款单位", "金额（元）"],
                             [[3, 5, "修路捐款", "县财政局", 5000], [None, 12, "慰问", "某公司", 3000],
                              [4, 2, "修桥", "县交通局", 4000], [None, None, "合计", None, 12000]],
                             "莲塘镇2011年三送筹资台账", "莲塘镇筹资台账")
    assert table.ledger.name == "funds" and result.records["date"] == [D(2011, 3, 5), D(2011, 3, 12), D(2011, 4, 2)]
    assert result.records["amount_yuan"] == [5000, 3000, 4000] and result.n_rejects == 0
    # A disputes register: the date is the one it was received.
    table, result = _one_row(["年", "月", "日", "村名", "纠纷类型", "调处结果"],
                             [[2011, 6, 1, "沙村", "山林纠纷", "调处成功"]], "罗坊镇矛盾纠纷登记表", "罗坊镇纠纷")
    assert result.records["received_date"] == [D(2011, 6, 1)]


@pytest.mark.parametrize("head", [
    ["序号", "年", "月", "走访对象", "走访干部", "走访日期"],  # no day: no date in parts (and the date is named)
    ["序号", "月", "年", "日", "走访对象", "走访干部", "走访内容"],  # not in the order a date is written
    ["序号", "日", "走访对象", "走访干部", "月", "走访内容"],  # not side by side
])
def test_month_and_day_columns_only_side_by_side_in_order(head):
    body = [[1, 2011, 3, "宋金发", "罗斌", D(2011, 3, 5)]] if "走访日期" in head else [[1, 3, 2011, 5, "宋金发", "罗斌", "入户"]]
    table = locate_table([["莲塘镇岭背村三送入户走访登记表"], head, *body], "Sheet1", "莲塘镇走访登记", [])
    assert not any(c.parts for c in table.columns)


def test_a_date_column_of_its_own_wins_over_month_and_day_columns():
    table, result = _one_row(["序号", "走访日期", "月", "日", "走访对象", "走访干部"],
                             [[1, D(2011, 3, 5), 3, 5, "宋金发", "罗斌"]], "莲塘镇三送入户走访登记表", "莲塘镇走访登记")
    assert not any(c.parts for c in table.columns) and result.records["visit_date"] == [D(2011, 3, 5)]


def test_inspect_shows_a_group_as_one_field(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in _register([({"山林"}, {"成功"}), ({"土地"}, {"在调处"})]):
        sheet.append(row)
    path = tmp_path / "罗坊镇" / "罗坊镇矛盾纠纷台账.xlsx"
    path.parent.mkdir()
    book.save(path)
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "D–H列勾选其一：山林、土地、邻里、婚姻家庭、其他" in proc.stdout
    assert "E 纠纷类型土地 → 纠纷类型（勾选项，见D列）" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path), "--json"], capture_output=True, text=True)
    [doc] = json.loads(proc.stdout)
    [sheet] = doc["sheets"]
    columns = {c["column"]: c for c in sheet["columns"]}
    assert columns["I"]["parts_kind"] == "choice" and [p["label"] for p in columns["I"]["parts"]] == OUTCOMES
    assert columns["J"]["part_of"] == "outcome"


@pytest.mark.parametrize("group_once", [False, True])
def test_a_suggested_correction_keeps_the_ticks(tmp_path, group_once):
    """``inspect --suggest`` fed back as sansong.toml reads the register as before: the correction names
    the group's first sub-column, and its sub-columns are still the field's ticks."""
    from openpyxl import Workbook

    from sansong_analysis.ingest.clean import clean

    book = Workbook()
    for row in _register([({"山林"}, {"成功"}), ({"土地"}, {"未成功"}), ({"邻里"}, {"在调处"})], group_once=group_once):
        book.active.append(row)
    raw = tmp_path / "raw"
    (raw / "罗坊镇").mkdir(parents=True)
    book.save(raw / "罗坊镇" / "罗坊镇矛盾纠纷台账.xlsx")
    before = clean(raw, jobs=1, progress=False).frames["disputes"]
    assert before["dispute_type"].tolist() == ["forest", "land", "neighbour"]
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(raw), "--suggest"], capture_output=True, text=True)
    assert proc.returncode == 0 and "header_rows = [2, 3]" in proc.stdout, proc.stdout + proc.stderr
    (raw / "sansong.toml").write_text(proc.stdout, encoding="utf-8")
    after = clean(raw, jobs=1, progress=False)
    assert after.frames["disputes"].equals(before)
    assert [s.recognition["status"] for f in after.files for s in f.sheets] == ["corrected"]


@pytest.mark.parametrize("group_once", [False, True])
@pytest.mark.parametrize("poor_list", [False, True])
def test_yes_and_no_ticked_under_a_yes_no_heading(group_once, poor_list):
    """是否贫困户 over 是 | 否: a tick under 否 is no, even on a list of poor households (where a row
    ticking neither is poor, as a blank cell there is)."""
    title = "上坪村贫困户结对帮扶花名册" if poor_list else "上坪村结对帮扶花名册"
    rows = [[title], ["户主", "组别", "是否贫困户", None if group_once else "是否贫困户", "帮扶干部"],
            [None, None, "是", "否", None],
            ["张三", "1组", "√", None, "李平"], ["李四", "1组", None, "√", "李平"], ["王五", "2组", None, None, "李平"]]
    table, result = _tidy(rows, file="周田乡结对帮扶花名册")
    assert result.records["household_head"] == ["张三", "李四", "王五"] and result.n_rejects == 0
    assert result.records["is_poor"] == [True, False, poor_list]
    assert next(c for c in table.columns if c.parts).field.name == "is_poor"


def test_kinds_of_household_ticked_under_a_category_heading():
    rows = [["上坪村结对帮扶花名册"], ["户主", "户类型", "户类型", "户类型"], [None, "低保户", "五保户", "一般户"],
            ["张三", "√", None, None], ["李四", None, None, "√"], ["王五", None, "√", None]]
    _, result = _tidy(rows, file="周田乡结对帮扶花名册")
    assert result.records["is_poor"] == [True, False, True]


def test_a_kind_we_have_no_word_for_is_other_among_kinds_we_know():
    """纠纷类型 over 山林 | 土地 | 治安: the group is ticks all the same, and a tick under 治安 is 其他; 走访方式 over
    入户 | 座谈 | 慰问 likewise (座谈 is other). Sub-labels naming one kind we know at most are no kinds."""
    types = ["山林", "土地", "治安"]
    rows = [["罗坊镇矛盾纠纷台账"], ["受理时间", "纠纷类型", None, None, "调处结果"], [None, *types, None],
            [D(2011, 1, 5), "√", None, None, "成功"], [D(2011, 2, 5), None, None, "√", "成功"],
            [D(2011, 3, 5), None, "√", None, "成功"]]
    _, result = _tidy(rows)
    assert result.records["dispute_type"] == ["forest", "other", "land"]
    visits = [["莲塘镇岭背村2011年走访登记表"], ["走访日期", "户主", "走访方式", None, None], [None, None, "入户", "座谈", "慰问"],
              [D(2011, 3, 5), "宋金发", "√", None, None], [D(2011, 3, 6), "宋银发", None, "√", None],
              [D(2011, 3, 7), "宋铜发", None, None, "√"]]
    _, result = _tidy(visits, file="莲塘镇走访登记")
    assert result.records["visit_kind"] == ["visit", "other", "relief"]
    rows[2] = [None, "编号", "名称", "山林", None]
    table = locate_table(rows, "Sheet1", "罗坊镇矛盾纠纷台账", [])
    assert not any(c.parts for c in table.columns)


@pytest.mark.parametrize("merged", [False, True])
def test_a_way_of_reaching_a_household_beside_one_kind_we_know(merged):
    """走访方式 over 入户 | 电话: 电话 claimed the phone column and the group was no group, so the 入户 column read
    its tick as 其他 and a blank as a plain visit — each row the other's kind, silently. 电话 over ticks is one of
    the ways (其他); 土地 | 其他 likewise names kinds (土地 was 其他)."""
    visits = [["莲塘镇走访登记表"], ["走访日期", "户主", "走访方式", "走访方式" if merged else None, "联系电话"],
              [None, None, "入户", "电话", None],
              [D(2011, 3, 5), "宋金发", "√", None, "13907971234"], [D(2011, 3, 6), "宋银发", None, "√", None],
              [D(2011, 3, 7), "宋铜发", "√", None, None]]
    table, result = _tidy(visits, file="莲塘镇走访登记")
    assert result.records["visit_kind"] == ["visit", "other", "visit"] and result.n_rejects == 0
    assert [c.field.name for c in table.columns if c.field is not None and c.field.name == "phone"] == ["phone"]
    disputes = [["罗坊镇矛盾纠纷台账"], ["受理时间", "纠纷类型", "纠纷类型" if merged else None, "调处结果"],
                [None, "土地", "其他", None],
                [D(2011, 1, 5), "√", None, "成功"], [D(2011, 2, 5), None, "√", "成功"]]
    _, result = _tidy(disputes)
    assert result.records["dispute_type"] == ["land", "other"]


def test_a_ticked_phone_column_is_a_phone_column_where_its_cells_are_numbers():
    """电话 under 走访方式 holding phone numbers (no ticks) stays the phone: the group is no group."""
    visits = [["莲塘镇走访登记表"], ["走访日期", "户主", "走访方式", None], [None, None, "入户", "电话"],
              [D(2011, 3, 5), "宋金发", "√", "13907971234"], [D(2011, 3, 6), "宋银发", "√", "13907971235"]]
    table = locate_table(visits, "Sheet1", "莲塘镇走访登记", [])
    assert not any(c.parts for c in table.columns)
    assert table.fields["phone"].index == 3


PLACES = ["万", "千", "百", "十", "元", "角", "分"]


def _account_book(amounts, *, labels=PLACES, filled=False, total=None):
    """A funds ledger whose 金额 is in digit boxes, one figure a column; ``amounts`` a row of boxes each."""
    upper = ["序号", "捐款单位", "捐款金额", *(["捐款金额"] if filled else [None]) * (len(labels) - 1), "日期"]
    rows = [["罗坊镇2011年筹资台账"], upper, [None, None, *labels, None]]
    rows += [[i + 1, f"单位{i + 1}", *boxes, D(2011, 3, 5 + i)] for i, boxes in enumerate(amounts)]
    if total is not None:
        rows.append(["合计", None, *total, None])
    return rows


@pytest.mark.parametrize("filled", [False, True])
def test_an_amount_in_digit_boxes_is_the_sum_of_its_figures_by_place(filled):
    """金额 over 万 | 千 | 百 | 十 | 元 | 角 | 分, a figure a box: the 元 box alone was read as 金额（元）, every amount
    its units figure (0 for 12000), silently. Blank boxes before the first figure and ¥ are naught; the 合计
    row is read the same way and checked."""
    rows = _account_book([[1, 2, 0, 0, 0, 0, 0], ["¥", 5, 0, 0, 0, 5, None], [None, None, "3", "0", "0", None, None]],
                         filled=filled, total=[1, 7, 3, 0, 0, 5, 0])
    table, result = _tidy(rows, file="罗坊镇筹资台账")
    assert result.records["amount_yuan"] == [12000, 5000.5, 300] and result.n_rejects == 0
    (amount,) = [c for c in table.columns if c.parts]
    assert amount.parts_kind == "digits" and amount.unit == "元" and not amount.rivals and not amount.split
    assert [(t["stated"], t["ok"]) for t in result.totals] == [(17300.5, True)]


@pytest.mark.parametrize("heading", ["金额（元）", "捐款金额(元)"])
def test_digit_boxes_under_a_heading_with_its_unit(heading):
    """金额（元） over 万 | 千 | 百 | 十 | 元: joined, 金额（元） and 元 made 金额元, no amount column; the header was read
    as one row, the boxes' labels as a record (万 as 10000 yuan) and each row's amount its 万 box (1 for 12000)."""
    rows = _account_book([[1, 2, 0, 0, 0], [None, 5, 0, 0, 0]], labels=["万", "千", "百", "十", "元"])
    rows[1][2] = heading
    table, result = _tidy(rows, file="罗坊镇筹资台账")
    assert result.records["amount_yuan"] == [12000, 5000] and result.n_rejects == 0
    assert table.header_rows == (1, 2)


def test_digit_boxes_in_financial_numerals_the_top_box_any_whole_number():
    """拾 | 万 | 仟 | 佰 | 拾 | 元 (an account book's own numerals); the top box may hold more than a figure
    (元 | 角 | 分 under 12000 | 5 | 0: 12000.5 yuan, the 角 was lost)."""
    rows = _account_book([[None, 1, 2, 0, 0, 0], [1, 0, 5, 0, 0, 0]], labels=["拾", "万", "仟", "佰", "拾", "元"])
    _, result = _tidy(rows, file="罗坊镇筹资台账")
    assert result.records["amount_yuan"] == [12000, 105000]
    rows = _account_book([[12000, 5, 0], [800, None, None]], labels=["元", "角", "分"])
    _, result = _tidy(rows, file="罗坊镇筹资台账")
    assert result.records["amount_yuan"] == [12000.5, 800]


def test_a_box_left_blank_between_figures_or_not_a_figure_is_a_reject_saying_which():
    rows = _account_book([[1, None, 0, 0, 0, 0, 0], [None, 5, "x", 0, 0, 0, 0], [None, 5, 0, 0, 0, 0, 0]])
    _, result = _tidy(rows, file="罗坊镇筹资台账")
    assert result.records["amount_yuan"] == [5000]
    assert [r["reason"] for r in result.rejects] == ["金额（元）的「千」位没有填写（前后两位都有数字）。",
                                                     "金额（元）「百」位的「x」不是一位数字。"]


@pytest.mark.parametrize("labels", [["万", "千", "百"], ["百", "十", "万", "元"], ["十", "元", "分"]])
def test_boxes_that_are_no_run_of_places_holding_yuan_are_no_digit_boxes(labels):
    """万 | 千 | 百 could be thousands or tens of millions; 百 | 十 | 万 | 元 and 十 | 元 | 分 are no account book's."""
    rows = _account_book([[1] * len(labels), [2] * len(labels)], labels=labels)
    table = locate_table(rows, "Sheet1", "罗坊镇筹资台账", [])
    assert not any(c.parts for c in table.columns)


def test_an_investment_in_digit_boxes():
    rows = [["罗坊镇项目建设台账"], ["项目名称", "村别", "投资额", None, None, None, None, None, None, "受益农田（亩）"],
            [None, None, "十万", "万", "千", "百", "十", "元", None],
            ["水渠修复", "沙村", None, 5, 0, 0, 0, 0, 120], ["道路硬化", "沙村", 1, 2, 0, 0, 0, 0, None]]
    _, result = _tidy(rows, file="罗坊镇项目建设台账")
    assert result.records["investment_yuan"] == [50000, 120000]


def test_a_roster_ticked_with_boxes_empty_and_filled(tmp_path):
    """☑ / ■ ticked, ☐ / □ left empty — in one 是否贫困户 column, or under 是 | 否 (they were rejects: 无法识别)."""
    from one_sheet import clean_one_sheet

    result, sheet = clean_one_sheet(tmp_path, [["户主姓名", "是否贫困户", "家庭人口"], ["张三", "☑", 4], ["李四", "☐", 3],
                                               ["王五", "□", 5], ["赵六", "■", 2]], "葛坳乡澄江村包扶对象名单")
    assert sheet["rejects"] == 0
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, False, True]

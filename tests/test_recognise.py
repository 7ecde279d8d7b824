"""Recognition by evidence, row shapes, forms, places and health checks, rule by rule.

The end-to-end cases (eleven situations, a gallery of ordinary spreadsheets, near-miss
ledgers) are in tests/unseen; here each rule is pinned on a grid built in a few lines.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sansong_analysis.ingest import health
from sansong_analysis.ingest.forms import form_pairs, looks_like_form, read_form
from sansong_analysis.ingest.places import places_in_text, stray_name_map
from sansong_analysis.ingest.recognise import MARGIN, MIN_SCORE
from sansong_analysis.ingest.table import header_options, locate_table, names_poor_list
from sansong_analysis.ledgers import claim_fields, match_field

# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("label", "ledger", "field", "telling"),
    [
        ("走访日期", "visits", "visit_date", True),
        ("日期", "visits", "visit_date", False),
        ("走访记录日期", "visits", "visit_date", True),  # a generic word beside the ledger's own
        ("出生日期", "visits", None, None),  # a birth date is never a visit date
        ("识别时间", "visits", None, None),
        ("入党时间", "disputes", None, None),
        ("纠纷类型", "disputes", "dispute_type", True),
        ("类型", "disputes", "dispute_type", False),
        ("人员类型", "disputes", None, None),  # a person's type is never a dispute type
        ("缴费类型", "disputes", None, None),
        ("资助类型", "disputes", None, None),
        ("筹资金额", "funds", "amount_yuan", True),
        ("金额", "funds", "amount_yuan", False),
        ("缴费金额", "funds", None, None),
        ("捐款时间", "funds", "date", True),
        ("交款日期", "funds", "date", False),  # when a contribution came in (were no field: 交款 is no funds word)
        ("缴款时间", "funds", "date", False),
        ("收款日期", "funds", "date", False),
        ("入账日期", "funds", "date", False),
        ("学生姓名", "roster", None, None),
        ("姓名", "roster", "household_head", False),
        ("被走访户户主姓名", "visits", "household_head", True),
        ("劳动力人数", "roster", None, None),
        ("帮扶责任人", "roster", "cadre", True),
        ("项目类型", "projects", "project_type", True),
    ],
)
def test_what_a_heading_can_name(label, ledger, field, telling):
    claim = claim_fields(label)[ledger]
    assert (claim.field.name if claim else None) == field
    if claim is not None:
        assert claim.specific is telling


def test_results_before_process_text():
    # 调处情况 and 调处结果 both name the outcome; the result wins whichever comes first.
    rows = [
        ["黄坑乡矛盾纠纷排查调处台账"],
        ["受理时间", "纠纷类型", "调处情况", "调处结果"],
        ["2011-3-5", "山林纠纷", "经村调委会多次调解，双方达成协议", "未成功"],
    ]
    table = locate_table(rows, "Sheet1", "x", [])
    assert table.fields["outcome"].index == 3
    assert match_field("disputes", "调处情况").name == "outcome"


# --------------------------------------------------------------------------- verdicts


def _verdict(rows, sheet="Sheet1", file="x"):
    table = locate_table(rows, sheet, file, [])
    return None if table is None else table.recognition


def test_generic_headings_alone_are_not_a_ledger():
    rows = [["姓名", "日期", "金额", "类型"], ["张三", "2011-3-5", 100, "一般"]]
    verdict = _verdict(rows)
    assert verdict.status == "not_recognised" and verdict.ledger is None
    assert "没有" in verdict.reason


def test_a_word_in_the_title_or_sheet_name_confirms():
    rows = [["日期", "户主姓名", "帮扶干部"], ["2011-3-5", "张三", "李干部"]]
    assert _verdict(rows).status == "not_recognised"
    assert _verdict([["2011年走访登记表"], *rows]).ledger.name == "visits"
    assert _verdict(rows, sheet="3月走访").ledger.name == "visits"


def test_a_runner_up_reading_only_what_the_best_reads_is_no_rival():
    # 帮扶对象 and 帮扶责任人 are a roster's words too; the visit date is the visit log's alone.
    rows = [["4月帮扶走访记录"], ["走访日期", "帮扶对象", "帮扶责任人"], ["2011-4-3", "钟福", "邹强"]]
    verdict = _verdict(rows)
    assert verdict.status == "recognised" and verdict.ledger.name == "visits"
    assert verdict.runner_up.ledger.name == "roster"


def test_close_rivals_are_not_guessed_between():
    # Two ledgers, each with its own evidence and nearly the same weight: the reader says so.
    rows = [
        ["走访及筹资情况"],
        ["户主姓名", "走访日期", "筹资金额", "资金来源"],
        ["张三", "2011-3-5", 1000, "县水保局"],
    ]
    verdict = _verdict(rows)
    if verdict.status == "not_recognised":
        assert "难以区分" in verdict.reason or "无法确定" in verdict.reason
    else:  # one must then lead by the margin
        assert verdict.best.score - verdict.runner_up.score >= MARGIN


def test_words_of_another_kind_of_table_count_against_every_ledger():
    rows = [["贫困户满意度调查表"], ["户主姓名", "家庭人口", "是否满意"], ["张三", 3, "是"]]
    verdict = _verdict(rows)
    assert verdict.status == "not_recognised"
    assert verdict.best.score < MIN_SCORE


def test_a_numbered_form_s_headings_name_their_fields():
    # 1.户主姓名 or ①户主姓名 named no field: the visit log was 未识别 for want of a household column.
    for numbers in (["1.", "2.", "3.", "4."], ["①", "②", "③", "④"], ["一、", "二、", "三、", "四、"]):
        header = [n + h for n, h in zip(numbers, ["走访日期", "户主姓名", "走访干部", "村名"], strict=True)]
        verdict = _verdict([["葛坳乡走访登记表"], header, ["2011-03-05", "张三", "李明", "澄江村"]])
        assert verdict.ledger.name == "visits", numbers


def test_a_list_of_officials_is_no_roster():
    # 姓名 | 单位 | 职务 with a 包扶村 column: the work team's own cadres, were read as households assigned.
    rows = [["序号", "姓名", "性别", "单位", "职务", "包扶村", "联系电话"], [1, "李明", "男", "县交通局", "科员", "澄江村", "139"]]
    for title in ("葛坳乡三送工作人员登记表", "葛坳乡三送干部花名册"):
        verdict = _verdict([[title], *rows])
        assert verdict.status == "not_recognised", title
        assert any("像是" in e for e in verdict.best.evidence), title
    # A roster naming its cadres' posts beside its households is still one.
    roster = [["葛坳乡包扶对象花名册"], ["序号", "户主姓名", "家庭人口", "是否贫困户", "帮扶责任人", "职务"],
              [1, "张三", 4, "是", "李明", "科员"]]
    assert _verdict(roster).ledger.name == "roster"
    roster[1][1] = "姓名"
    assert _verdict(roster).ledger.name == "roster"


# --------------------------------------------------------------------------- shapes


def test_a_title_merged_across_the_table_is_never_a_header():
    title = "黄坑乡新屋村2011年贫困户结对帮扶花名册"
    rows = [[title] * 4, ["户主姓名", "家庭人口", "是否贫困户", "帮扶责任人"], ["张三", 3, "是", "李干部"]]
    assert header_options(rows) == [(1,)]
    table = locate_table(rows, "Sheet1", "x", [])
    assert (table.context.township, table.context.village) == ("黄坑乡", "新屋村")


def test_a_data_row_is_never_half_of_a_two_row_header():
    rows = [
        ["序号", "户主姓名", "家庭人口", "帮扶责任人", "干部职务"],
        [1, "刘大山", 4, "钟明", "村委会主任"],  # 村委会 reads like a heading; the row is data
        [2, "陈桂英", 3, "钟明", "驻村干部"],
    ]
    assert (0, 1) not in header_options(rows)
    table = locate_table(rows, "结对帮扶花名册", "x", [])
    assert table.header_rows == (0,) and table.body_start == 1


def test_a_group_row_over_labels_is_a_two_row_header():
    rows = [
        ["序号", "基本情况", "", "", "走访情况", ""],
        ["", "户主姓名", "组别", "家庭人口", "走访日期", "走访人"],
        [1, "张三", "1组", 4, "2011-03-05", "王五"],
    ]
    table = locate_table(rows, "Sheet1", "x", [])
    assert table.ledger.name == "visits" and table.body_start == 2


def test_names_poor_list():
    assert names_poor_list("建档立卡贫困户花名册")
    assert names_poor_list("", "贫困户名单")
    assert not names_poor_list("结对帮扶花名册")
    assert not names_poor_list("贫困户及一般户花名册")


# --------------------------------------------------------------------------- forms

FORM = [
    ["入户走访记录表"] * 4,
    ["户主", "刘长生", "家庭人口", 4],
    ["走访干部", "陈明", "走访时间", "2011年3月8日"],
    ["走访内容", "了解春耕生产情况", "了解春耕生产情况", "了解春耕生产情况"],
    ["帮扶措施", "协调化肥两包", "协调化肥两包", "协调化肥两包"],
    ["户主签字", "", "干部签字", ""],
    ["", "", "", ""],
    ["入户走访记录表"] * 4,
    ["户主", "刘福生", "家庭人口", 3],
    ["走访干部", "陈明", "走访时间", "2011年3月9日"],
    ["走访内容", "宣传新农合政策", "宣传新农合政策", "宣传新农合政策"],
]


def test_form_lines_are_labels_beside_values():
    assert form_pairs(["户主", "刘长生", "家庭人口", 4]) == [(0, 1), (2, 3)]
    assert form_pairs(["户主姓名", "家庭人口", "帮扶责任人"]) is None  # a header: labels side by side
    assert form_pairs(["刘长生", 4, "是"]) is None  # data
    assert form_pairs(["入户走访记录表"] * 4) is None  # a title
    assert looks_like_form(FORM)
    assert not looks_like_form([["户主姓名", "家庭人口"], ["张三", 3], ["李四", 2], ["王五", 1]])


def test_a_form_is_one_record_per_block():
    form = read_form(FORM, "走访记录", "城岗乡大坪村", [])
    assert form.table.recognition.ledger.name == "visits"
    records = [(r, row) for r, row in enumerate(form.grid) if row]
    assert [r for r, _ in records] == [1, 8]  # each at its household's row
    assert sorted(form.form_rows) == [2, 3, 4, 5, 9, 10]


def test_a_diary_of_visits_as_a_form_is_one_visit_per_block(tmp_path):
    """民情日记 written a visit a block (日期 | 2011-03-05 | 天气 | 晴 / 走访对象 | 张三 | 走访干部 | 李明 / 民情内容 …): 天气
    and 民情内容, labels no ledger knows, kept its lines from being taken for a form — the diary was read as a table
    under 走访对象 | 张三, every label line a visit (民情内容, 处理情况, 日期 the households: 7 visits for 3)."""
    from one_sheet import clean_one_sheet

    rows = []
    for day, name, said in (("2011-03-05", "张三", "了解春耕"), ("2011-03-08", "李四", "宣传政策"), ("2011-04-02", "王五", "送慰问金")):
        rows += [["日期", day, "天气", "晴"], ["走访对象", name, "走访干部", "李明"], ["民情内容", said, said, said],
                 ["处理情况", "已答复", "已答复", "已答复"], []]
    # 天气 a label where other lines have a known one over it, after a known first label
    assert form_pairs(["日期", "2011-03-05", "天气", "晴"]) is None
    assert form_pairs(["日期", "2011-03-05", "天气", "晴"], frozenset({0, 2}), first_known=True) == [(0, 1), (2, 3)]
    assert form_pairs(["澄江村三组", "2011-03-05", "天气", "晴"], frozenset({0, 2}), first_known=True) is None
    result, sheet = clean_one_sheet(tmp_path, rows[:-1], title="葛坳乡澄江村三送干部民情日记")
    visits = result.frames["visits"]
    assert list(visits["household_head"]) == ["张三", "李四", "王五"] and sheet["rejects"] == 0 and sheet["flag"] is None
    assert [d.day for d in visits["visit_date"]] == [5, 8, 2]


def test_a_disputes_form_with_its_kind_and_outcome_on_two_lines_is_one_dispute(tmp_path):
    """A 调解登记表 a dispute a block, 纠纷类型 on one line and 调处结果 on another: the block was cut at each field a
    disputes list needs first (either), every dispute counted twice — half of them undated, flagged for that alone."""
    from one_sheet import clean_one_sheet

    rows = []
    for day, parties, kind, outcome in (("2011-03-05", "张三、李四", "山林", "已化解"), ("2011-03-08", "王五、赵六", "土地", "调处中")):
        rows += [["编号", "2011-001", "登记时间", day], ["当事人", parties, "纠纷类型", kind],
                 ["纠纷简要情况", "因界址争执", "因界址争执", "因界址争执"], ["调处结果", outcome, "调解员", "李明"], []]
    result, sheet = clean_one_sheet(tmp_path, rows[:-1], title="葛坳乡人民调解委员会矛盾纠纷调解登记表")
    disputes = result.frames["disputes"]
    assert list(disputes["outcome"]) == ["resolved", "pending"] and list(disputes["dispute_type"]) == ["forest", "land"]
    assert [d.day for d in disputes["received_date"]] == [5, 8] and sheet["flag"] is None


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "township", "village"),
    [
        ("2011年度黄坑乡三送走访台账", "黄坑乡", None),
        ("二〇一一年度黄坑乡走访台账", "黄坑乡", None),
        ("2011年上半年黄坑乡新屋村走访", "黄坑乡", "新屋村"),
        ("第一季度黄坑乡走访", "黄坑乡", None),
        ("上半年度黄坑乡", "黄坑乡", None),
        ("1-6月黄坑乡新屋村走访台账", "黄坑乡", "新屋村"),
        ("年终黄坑乡走访统计", "黄坑乡", None),
        ("2011年1至6月龙布镇走访", "龙布镇", None),
    ],
)
def test_period_words_are_never_part_of_a_place(text, township, village):
    found = places_in_text(text)
    assert (found.township, found.village) == (township, village)


def test_stray_characters_before_a_known_place():
    sources = {"黄坑乡": {"表中乡镇列"}, "度黄坑乡": {"标题"}, "大黄坑乡": {"表中乡镇列"}, "新黄坑乡": {"标题"}}
    sheets = {"黄坑乡": {1}, "度黄坑乡": {2}, "大黄坑乡": {3}, "新黄坑乡": {4, 5}}
    # 大黄坑乡 comes from a column (a real township); 新黄坑乡 from titles in two sheets (firm).
    assert stray_name_map(sources, sheets) == {"度黄坑乡": "黄坑乡"}


# --------------------------------------------------------------------------- health


def test_sheet_flag():
    assert health.sheet_flag("visits", 6, 4)["kind"] == "probably_misread"
    assert "40.0%" in health.sheet_flag("visits", 6, 4)["message"]
    assert health.sheet_flag("visits", 2, 1) is None  # one planted mistake in a small sheet
    assert health.sheet_flag("visits", 10, 2) is None
    assert health.sheet_flag(None, 0, 0) is None


def test_every_kind_of_sheet_flag_has_its_fix_in_the_problem_list():
    """Each flag builder, given what it looks for, flags alone; its kind is one the 问题清单 can tell how to fix."""
    from sansong_analysis.publish.feedback import FLAG_FIX, _flag_label

    told = {
        "copied": {"records": 5, "kept": "甲.xlsx"}, "summary": {"rows": 3, "kept": "乙.xlsx", "example": "澄江村 8000"},
        "beside": {"column": "F", "rows": 4}, "split": {"column": "财政", "others": ["社会"], "field": "金额"},
        "unread_visit_dates": {"columns": ["第二次走访日期"], "dates": 4},
        "unread_households": {"column": "走访对象1", "columns": ["走访对象2"], "unnamed": ["F"], "households": 3},
        "large_amounts": {"column": "金额", "rows": 3},
        "small_amounts": {"column": "金额", "rows": 3}, "unread_farmland": {"columns": ["灌溉面积"], "rows": 3},
        "counts": {"column": "C", "heading": "走访次数", "rows": 2, "extra": 3}, "other_header": {"row": 9, "texts": "「户主」"},
        "above_header": 7, "below_form": {"first": 6, "rows": 3}, "rejects": 9, "overlap": {"records": 3, "kept": "丙.xlsx"}, "hidden": True,
        "hidden_records": {"records": 2, "rows": [3, 4]}, "struck_records": {"records": 1, "rows": [6]},
        "possible_sums": {"records": 1, "rows": [7]},
        "repeated_rows": {"records": 1, "pairs": [[3, 5]]}, "after_of_which": {"records": 1, "rows": [5]},
        "merged_records": {"records": 1, "pairs": [[3, 4]], "columns": ["随访人"], "read": []},
        "balances": {"records": 1, "rows": [3]}, "balance_breaks": {"rows": [5], "records": 1, "expected": 4000.0, "written": 4500.0},
        "unsaid": {"field": "调处结果", "as": "调处中", "records": 4},
        "other_years": {"rows": [4], "records": 1, "year": 2011, "field": "日期", "years": [2001]},
        "year_turn": {"rows": [4, 5], "months": [12, 1], "records": 4, "year": 2011, "field": "走访日期"},
        "unreceived": {"rows": [4], "records": 1, "column": "是否到位"},
        "unread_cells": {"rows": [3], "records": 1, "examples": ["第3行受益户数「全村」无法识别"]},
        "void_remarks": {"rows": [5], "records": 1, "remarks": ["作废"]},
        "outcome_remarks": {"rows": [5], "records": 1, "remarks": ["一方反悔"]},
        "unfinished": {"rows": [4], "records": 1, "column": "竣工时间", "said": ["在建"]},
        "undated": {"rows": [4], "records": 1, "field": "日期"},
        "rival_columns": {"field": "金额（元）", "column": "调整后金额", "others": ["金额"], "rows": 1},
        "other_township": {"rows": [3], "records": 1, "townships": ["黄坑乡"], "sources": ["标题"], "filed": "葛坳乡",
                           "filed_source": "文件夹名"},
        "other_village": {"rows": [3], "records": 1, "villages": ["澄江村"], "filed": "桥头村", "filed_source": "工作表名"},
    }
    kinds = []
    for name, value in told.items():
        args = {"ledger": "visits", "records": 10, "rejects": 0, name: value}
        flag = health.sheet_flag(**args)
        assert flag is not None, name
        kinds.append(flag["kind"])
        # and the 数据质量 table says what the flag says, 可能读错 only of a sheet that may be read wrong
        head = flag["message"].split("：", 1)[0]
        assert _flag_label(flag["message"]) == ("可能读错" if head == "可能识别有误" else head), name
    assert len(kinds) == len(health.FLAGS) == len(set(kinds))
    assert set(kinds) - set(FLAG_FIX) == {"probably_misread"}  # its fix: MISREAD_FIX, 核对表头是否与内容对应


def test_township_warnings_and_unmatched_shares():
    frames = {
        "roster": pd.DataFrame({"township": ["甲乡", "乙乡"], "household_key": ["a", "b"]}),
        "visits": pd.DataFrame({"township": ["甲乡", "丙乡", "丙乡"], "household_key": ["a", None, None]}),
    }
    kinds = {(w["kind"], w["township"]) for w in health.township_warnings(frames)}
    assert kinds == {("visits_without_roster", "丙乡"), ("roster_without_visits", "乙乡")}
    shares = {u["township"]: (u["unmatched"], u["visits"]) for u in health.unmatched_visits(frames)}
    assert shares == {"甲乡": (0, 1), "丙乡": (2, 2)}


def test_rows_of_content_above_the_header_are_flagged():
    flag = health.sheet_flag("visits", 4, 0, above_header=7)
    assert flag["kind"] == "rows_above_header" and "表头之上还有7行内容没有读取" in flag["message"]
    assert health.sheet_flag("visits", 4, 0, above_header=3) is None

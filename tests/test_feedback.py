"""问题清单: ledgers with planted mistakes, the list compared line by line with what was planted; the report agrees."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sansong_analysis import store
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.publish.feedback import (
    LINE_ABOVE_FIX,
    NO_PROBLEMS,
    PROBLEM_LIST,
    ledger_problems,
    problem_table,
    quality_sentences,
    quality_tables,
    reject_problem,
    summary_findings,
    write_problem_list,
)
from sansong_analysis.run.batch import fingerprints
from sansong_analysis.run.notebook import open_report

HEAD = ["序号", "走访日期", "乡镇", "村", "被走访户主", "走访人", "走访形式"]


def write_book(path: Path, sheets: dict[str, list[list]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a ledger cell that merely looks like a formula
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> dict:
    """Three townships: 黄坑乡 with planted mistakes, 龙口镇 with visits but no roster, 石江乡 spotless."""
    base = tmp_path_factory.mktemp("feedback")
    raw, processed = base / "raw", base / "processed"
    write_book(raw / "黄坑乡" / "名单.xlsx", {"名单": [
        ["序号", "乡镇", "村", "户主姓名", "是否困难户", "家庭人口"],
        [1, "黄坑乡", "新屋村", "钟大明", "是", 4],
        [2, "黄坑乡", "新屋村", "刘秀英", "否", 3],
    ]})
    write_book(raw / "黄坑乡" / "走访.xlsx", {"走访登记": [
        HEAD,
        [1, "2011-03-05", "黄坑乡", "新屋村", "钟大明", "廖干部", "入户走访"],    # row 2: kept
        [2, "2011-13-05", "黄坑乡", "新屋村", "刘秀英", "廖干部", "入户走访"],    # row 3: impossible date
        [3, "2011-03-06", "黄坑乡", "新屋村", None, "廖干部", "入户走访"],        # row 4: no household
        [4, "2011-03-07", "黄坑乡", "新屋村", "钟不在", "廖干部", "入户走访"],    # row 5: on no roster
        [5, "2011-03-05", "黄坑乡", "新屋村", "钟大明", "廖干部", "入户走访"],    # row 6: duplicate of row 2
        [6, "=1+1", "黄坑乡", "新屋村", "刘秀英", "廖干部", "入户走访"],          # row 7: a formula-looking date
    ]})
    write_book(raw / "黄坑乡" / "筹资.xlsx", {"筹资": [
        ["序号", "日期", "乡镇", "用途", "金额（元）"],
        [1, "2011-04-01", "黄坑乡", "修路", 4000],
        [2, "2011-04-02", "黄坑乡", "修路", "待定"],  # row 3: no amount
    ]})
    # A 合计 row 100 元 and one household off the rows it closes: caught by the reader's own totals check.
    write_book(raw / "黄坑乡" / "项目.xlsx", {"项目": [
        ["序号", "乡镇", "村", "项目名称", "投资额（元）", "受益户数"],
        [1, "黄坑乡", "新屋村", "通组公路", 100000, 40],
        [2, "黄坑乡", "新屋村", "灌溉水渠", 50000, 20],
        ["合计", None, None, None, 150100, 61],
    ]})
    write_book(raw / "龙口镇走访.xlsx", {"走访": [
        HEAD,
        [1, "2011-05-01", "龙口镇", "龙口村", "陈一", "孙干部", "入户走访"],
        [2, "2011-05-02", "龙口镇", "龙口村", "陈二", "孙干部", "入户走访"],
    ]})
    write_book(raw / "石江乡" / "台账.xlsx", {
        "名单": [["户主姓名", "乡镇", "村", "是否困难户"], ["邱金生", "石江乡", "石江村", "否"]],
        "走访": [HEAD, [1, "2011-06-01", "石江乡", "石江村", "邱金生", "曾干部", "入户走访"]],
    })
    run_clean(raw, processed, jobs=1, progress=False)
    # What the reader's recognition and totals check add to the summary (their schema), planted here.
    path = processed / store.SUMMARY_FILE
    summary = json.loads(path.read_text("utf-8"))
    funds = next(f for f in summary["files"] if f["file"] == "黄坑乡/筹资.xlsx")
    funds["sheets"][0]["totals"] = [
        {"row": 9, "label": "合计", "field": "amount_yuan", "column": "金额（元）", "stated": 4100.0, "summed": 4000.0,
         "ok": False},
        {"row": 10, "label": "小计", "field": "amount_yuan", "column": "金额（元）", "stated": 4000.0, "summed": 4000.0,
         "ok": True},
        # Undecided (it closes a rejected row, listed already): not a line of its own.
        {"row": 11, "label": "总计", "field": "amount_yuan", "column": "金额（元）", "stated": 8000.0, "summed": 4000.0,
         "ok": None, "rejected_rows": [3]},
        {"row": 12, "label": "本月共筹资3笔", "field": "count:笔", "column": "序号", "stated": 3.0, "summed": 2.0,
         "ok": False},
    ]
    visits = next(f for f in summary["files"] if f["file"] == "黄坑乡/走访.xlsx")
    visits["sheets"][0]["flag"] = {"kind": "probably_misread", "message": "近半数的行无法读取，表头可能与内容错位。",
                                   "reject_share": 0.5}
    visits["sheets"].append({
        "sheet": "统计表", "ledger": None, "rows_read": 12, "records": 0, "rejects": 0, "skipped": 12,
        "skipped_by_kind": {"blank": 2, "title": 10}, "township": "黄坑乡", "village": None,
        "recognition": {"status": "not_recognised", "ledger": "roster", "score": 2.0, "runner_up": "visits",
                        "runner_up_score": 1.0, "reason": "表头中没有户主姓名列。", "missing": ["户主"]},
        "flag": None, "totals": [],
    })
    visits["sheets"].append({
        "sheet": "空白页", "ledger": None, "rows_read": 0, "records": 0, "rejects": 0, "skipped": 0,
        "skipped_by_kind": {"blank": 0}, "township": "黄坑乡", "village": None,
        "recognition": {"status": "not_recognised", "ledger": None, "score": 0.0, "runner_up": None,
                        "runner_up_score": 0.0, "reason": "工作表是空的。", "missing": []},
    })
    summary["warnings"] = [{"kind": "visits_without_roster", "township": "龙口镇",
                            "message": "龙口镇有走访记录但没有包扶对象名单。"}]
    path.write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    out = base / "outputs"
    for township in ("黄坑乡", "龙口镇", "石江乡", None):
        write_problem_list(township, processed, out / (township or "county"))
    return {"processed": processed, "out": out}


def sheet_rows(path: Path, sheet: str | None = None) -> list[dict]:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    header = [c.value for c in ws[2]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=3)]


def test_township_list_is_what_was_planted(planted):
    rows = sheet_rows(planted["out"] / "黄坑乡" / PROBLEM_LIST)
    got = [(r["问题类别"], r["文件"], r["工作表"], r["行号"], r["列"], r["原内容"]) for r in rows]
    assert got == [
        ("未识别的工作表", "黄坑乡/走访.xlsx", "统计表", None, None, "最接近：包扶对象名单（缺少户主）"),
        ("可能读错的工作表", "黄坑乡/走访.xlsx", "走访登记", None, None, "无法读取的行占50.0%"),
        ("合计不符", "黄坑乡/筹资.xlsx", "筹资", 9, "金额（元）", "4100"),
        ("合计不符", "黄坑乡/筹资.xlsx", "筹资", 12, "序号", "3"),
        ("合计不符", "黄坑乡/项目.xlsx", "项目", 4, "投资额", "150100"),
        ("合计不符", "黄坑乡/项目.xlsx", "项目", 4, "受益户数", "61"),
        ("无法读取的行", "黄坑乡/筹资.xlsx", "筹资", 3, "金额", "待定"),  # the heading as the reader read it
        ("无法读取的行", "黄坑乡/走访.xlsx", "走访登记", 3, "走访日期", "2011-13-05"),
        ("无法读取的行", "黄坑乡/走访.xlsx", "走访登记", 4, "被走访户主", None),
        ("无法读取的行", "黄坑乡/走访.xlsx", "走访登记", 7, "走访日期", "'=1+1"),
        ("重复登记", "黄坑乡/走访.xlsx", "走访登记", 6, "被走访户主", "钟大明"),
        ("走访对不上包扶名单", "黄坑乡/走访.xlsx", "走访登记", 5, "被走访户主", "钟不在"),
    ]
    by_row = {(r["工作表"], r["行号"]): r for r in rows}
    assert by_row[("筹资", 9)]["问题"] == "「合计」行的“金额（元）”为4100，而它上面各行相加为4000，相差100。"
    assert by_row[("筹资", 12)]["问题"] == "「本月共筹资3笔」行写明3笔，而它上面的记录为2笔，相差1笔。"
    project_totals = [r for r in rows if r["工作表"] == "项目"]
    assert [r["问题"].split("，", 1)[1] for r in project_totals] == [
        "而它上面各行相加为150000，相差100。", "而它上面各行相加为60，相差1。"]
    assert by_row[("走访登记", 6)]["问题"].startswith("与本表第2行重复")
    assert "2011-03-05" in by_row[("走访登记", 3)]["请这样改"]
    assert "户主" in by_row[("走访登记", 4)]["请这样改"]
    assert "金额数字" in by_row[("筹资", 3)]["请这样改"]
    assert all(r["问题"] and r["请这样改"] for r in rows)
    # The empty sheet is nothing to fix; the flagged sheet's message is the reason.
    assert "空白页" not in {r["工作表"] for r in rows}
    assert by_row[("走访登记", None)]["问题"] == "近半数的行无法读取，表头可能与内容错位。"


def test_list_is_formatted_for_people_and_formula_safe(planted):
    wb = openpyxl.load_workbook(planted["out"] / "黄坑乡" / PROBLEM_LIST)
    ws = wb.worksheets[0]
    assert ws.title == "问题清单"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:I14"
    assert ws.column_dimensions["H"].width >= 40
    assert ws["H3"].alignment.wrap_text
    thin = ("thin", "thin", "thin", "thin")
    for cell in ws[2]:  # headings: bold, shaded, centred, ruled
        assert cell.font.b and cell.fill.fgColor.rgb == "00DDE4EE" and cell.alignment.horizontal == "center"
        assert (cell.border.left.style, cell.border.right.style, cell.border.top.style, cell.border.bottom.style) == thin
    for row in ws.iter_rows(min_row=3):  # every problem's cell: top-aligned, wrapped, ruled, not bold
        for cell in row:
            assert cell.alignment.vertical == "top" and cell.alignment.wrap_text and not cell.font.b
            assert (cell.border.left.style, cell.border.top.style, cell.border.left.color.rgb) == ("thin", "thin", "00999999")
    # The styles are the workbook's named ones (applied by name, not hashed at every cell), each once.
    assert sorted(s for s in wb.named_styles if s.startswith("问题清单")) == ["问题清单 正文", "问题清单 表头", "问题清单 计数"]
    formula_like = next(c for c in ws["G"] if c.value == "'=1+1")
    assert formula_like.data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_no_roster_is_one_line_and_warnings_are_listed(planted):
    rows = sheet_rows(planted["out"] / "龙口镇" / PROBLEM_LIST)
    assert [(r["问题类别"], r["问题"]) for r in rows] == [
        ("走访对不上包扶名单", "本乡镇没有报送包扶对象名单，2条走访记录无法对应到包扶农户，走访覆盖率无法计算。"),
        ("提示", "龙口镇有走访记录但没有包扶对象名单。"),
    ]


def test_a_spotless_township_says_no_problems(planted):
    rows = sheet_rows(planted["out"] / "石江乡" / PROBLEM_LIST)
    assert len(rows) == 1 and rows[0]["问题类别"] == NO_PROBLEMS


def test_county_list_has_a_sheet_per_township(planted):
    path = planted["out"] / "county" / PROBLEM_LIST
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "石江乡", "黄坑乡", "龙口镇"]
    for township in ("黄坑乡", "龙口镇", "石江乡"):
        assert sheet_rows(path, township) == sheet_rows(planted["out"] / township / PROBLEM_LIST)
    overview = {row[0].value: [c.value for c in row] for row in wb["汇总"].iter_rows(min_row=3)}
    assert overview["黄坑乡"][-1] == 12 and overview["龙口镇"][-1] == 2 and overview["石江乡"][-1] == 0
    assert all(c.border.bottom.style == "thin" for row in wb["汇总"].iter_rows(min_row=2) for c in row)
    assert all(c.font.b and c.fill.fgColor.rgb == "00DDE4EE" for c in wb["汇总"][2])
    spotless = wb["石江乡"]
    assert spotless["B3"].value == NO_PROBLEMS and spotless["B3"].font.b and spotless["B3"].font.color.rgb == "002E7D32"
    assert all(c.border.top.style == "thin" for c in spotless[3])


def test_report_quality_section_agrees_with_the_list(planted):
    for township in ("黄坑乡", "龙口镇"):
        ctx = open_report(township, processed_dir=planted["processed"], out_dir=planted["out"] / "nb" / township)
        listed = sheet_rows(planted["out"] / township / PROBLEM_LIST)
        shown = problem_table(ctx.problems.problems)
        assert shown.astype(object).fillna("").astype(str).to_numpy().tolist() == [
            ["" if r[h] is None else str(r[h]).removeprefix("'") for h in shown.columns] for r in listed
        ]
    ctx = open_report("黄坑乡", processed_dir=planted["processed"], out_dir=planted["out"] / "nb" / "黄坑乡")
    tables = quality_tables(ctx.problems)
    assert list(tables) == ["工作表识别情况", "合计与各行相加不符", "无法读取的行（已剔除）", "重复登记（只计一次）"]
    totals = tables["合计与各行相加不符"].iloc[0]
    assert (totals["台账所写合计"], totals["各行相加"], totals["相差"]) == ("4100", "4000", "100")
    assert set(tables["工作表识别情况"]["识别结果"]) == {"未识别", "可能读错"}
    text = quality_sentences(ctx.problems)
    assert "共有 **12** 处需要更正" in text
    assert "走访记录 2 条，其中 1 条（50.0%）对不上包扶对象名单" in text  # rejects and the duplicate are no visits


def test_reject_reasons_name_their_column_and_the_fix():
    cases = [
        (("visits", "走访日期「2011-02-30」不是有效日期。", "走访日期=2011-02-30"), ("走访日期", "2011-02-30", "完整日期")),
        (("funds", "金额「若干」无法识别。", "村名=南光村；金额=若干"), ("金额", "若干", "金额数字")),
        (("disputes", "调处层级「工作组」无法识别。", "调处单位=工作组"), ("调处单位", "工作组", "组级、村级、乡级")),
        (("projects", "受益农田（亩）「-5」不能为负数。", "受益面积=-5"), ("受益面积", "-5", "不小于0")),
        (("roster", "缺少户主。", "组别=一组"), ("户主", "", "填写户主")),
        (("visits", "无法确定所属乡镇：表中没有乡镇列。", "走访日期=2011-03-05"), ("乡镇", None, "乡镇")),
    ]
    for (ledger, reason, raw), (column, value, fix) in cases:
        p = reject_problem({"ledger": ledger, "reason": reason, "raw_cells": raw, "source_row": 5})
        assert (p.column, p.value) == (column, value), reason
        assert fix in p.fix, reason


def test_an_older_summary_without_the_new_parts_is_empty_there():
    summary = {"files": [{"file": "a.xlsx", "status": "ok", "sheets": [{"sheet": "S", "ledger": "visits",
                                                                        "rows_read": 3, "township": "黄坑乡"}]}]}
    assert summary_findings(summary) == ([], [])
    model = ledger_problems(None, {})
    assert model.problems == () and model.unmatched_share is None


def test_fingerprints_follow_the_summary_findings(planted):
    frames = store.load(planted["processed"])
    summary = store.load_summary(planted["processed"])
    before = fingerprints(frames, ["黄坑乡", "石江乡"], summary=summary)
    changed = json.loads(json.dumps(summary))
    funds = next(f for f in changed["files"] if f["file"] == "黄坑乡/筹资.xlsx")
    funds["sheets"][0]["totals"][0]["stated"] = 4200.0
    after = fingerprints(frames, ["黄坑乡", "石江乡"], summary=changed)
    assert after["黄坑乡"] != before["黄坑乡"] and after["county"] != before["county"]
    assert after["石江乡"] == before["石江乡"]
    assert fingerprints(frames, ["黄坑乡"], summary=summary) == {k: before[k] for k in ("黄坑乡", "county")}


def test_unmatched_visits_share_for_the_county(planted):
    frames = store.load(planted["processed"])
    model = ledger_problems(store.load_summary(planted["processed"]), frames)
    assert (model.visits, model.unmatched_visits) == (5, 3)  # 黄坑乡 2 (1 unmatched), 龙口镇 2, 石江乡 1
    assert isinstance(problem_table(model.problems), pd.DataFrame)


def test_files_that_could_not_be_opened_are_listed_for_their_township():
    summary = {"files": [
        {"file": "黄坑乡/走访.xls", "status": "error", "problem": "受密码保护：文件受密码保护，无法读取；请提供未加密的副本",
         "problem_kind": "password", "sheets": []},
        {"file": "台账.xlsx", "status": "error", "problem": "文件损坏或不完整：zip 结构损坏", "problem_kind": "corrupt",
         "sheets": [], "sheet_problems": []},
    ]}
    problems, _ = summary_findings(summary, ["黄坑乡", "龙口镇"])
    assert [(p.category, p.township, p.file) for p in problems] == [
        ("unreadable", "黄坑乡", "黄坑乡/走访.xls"), ("unreadable", None, "台账.xlsx")]
    assert problems[0].reason.endswith("未加密的副本。") and "取消文件密码" in problems[0].fix
    assert "重新导出" in problems[1].fix
    model = ledger_problems(summary, {}, known_townships=["黄坑乡"])
    assert model.townships() == ["黄坑乡", None]  # the county list puts the second under 未能确定乡镇


@pytest.mark.parametrize("reason", ["缺少走访日期（表中没有日期列，这一行上面的「2011年3月8日-9日」无法确定是哪一天）。",
                                    "走访日期「10日」无法确定是哪个月（上面的「4-5月份」不是一个月份的标题行）。"])
def test_a_row_under_a_line_of_no_one_day_or_month_is_fixed_at_that_line(reason):
    """The fix says to mend the line above (or date the row), not only to write a whole date in a log with no date column."""
    problem = reject_problem({"source_file": "a.xlsx", "source_sheet": "台账", "source_row": 6, "ledger": "visits",
                              "township": "葛坳乡", "reason": reason, "raw_cells": "序号=2；走访对象=李四；走访干部=王强"})
    assert problem.fix == LINE_ABOVE_FIX and "上面" in problem.fix

"""A project its own ledger says is not completed — 竣工时间 在建 or 未开工, 建设进度 未开工, 是否完工 否 — was
counted with its farmland benefited, unsaid (or, through 竣工时间, a reject: 「在建」无法识别为日期, the project lost).

The template asks for a blank completion date until a project is completed (未竣工不填); teams write the status
there instead, or keep a progress column. Now such a completion cell is no completion date (not a problem), and
the sheet is flagged 可能多计 naming the rows and what they say: a ledger read whole counts the project's 受益农田
and 投资额; a period counts only projects completed in it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest import values
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

PROJECTS = "葛坳乡2011年办实事项目台账"


def _unfinished(sheet: dict) -> dict | None:
    found = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ()))
             if f and f["kind"] == "unfinished_projects"]
    return found[0] if found else None


def test_a_status_in_the_completion_column_is_no_date_and_flagged(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "竣工时间"], ["澄江村", "水渠", 300, dt.date(2011, 5, 1)],
            ["新屋村", "机耕道", 100, "在建"], ["新屋村", "山塘", 50, "未开工"], ["新屋村", "小桥", 20, ""]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert sheet["rejects"] == 0 and len(projects) == 4  # were two rejects: 「在建」无法识别为日期
    assert projects["completed_date"].isna().sum() == 3
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 470.0
    in_2011 = compute_figures(result.frames, start="2011-01-01", end="2011-12-31")
    assert in_2011["county"]["farmland_benefited_mu"] == 300.0  # completed in the period only
    flag = _unfinished(sheet)
    assert flag["records"] == 2
    assert flag["message"].startswith("可能多计：「竣工时间」列写明第4、5行的项目没有完工（「在建」、「未开工」），已作为2条")
    assert "unfinished_projects" in COUNTED_FLAGS and "unfinished_projects" in FLAG_FIX


@pytest.mark.parametrize(("heading", "said", "expected"), [
    ("建设进度", ["已完工", "未开工", "在建"], [4, 5]),
    ("实施情况", ["已实施", "尚未实施", "已完成"], [4]),
    ("是否完工", ["是", "否", "否"], [4, 5]),
    ("项目状态", ["完工", "已取消", "停建"], [4, 5]),
    # A share done under the whole (was counted unsaid): text, full-width, or a number in a percentage cell.
    ("建设进度", ["100%", "完成60%", "８０％"], [4, 5]),
    ("形象进度", [1.0, 0.6, "已完工"], [4]),
])
def test_a_progress_column_too(tmp_path, heading, said, expected):
    rows = [["村名", "项目名称", "受益农田（亩）", heading],
            *[[v, n, a, s] for v, n, a, s in zip(["澄江村", "新屋村", "新屋村"], ["水渠", "机耕道", "山塘"], [300, 100, 50],
                                                  said, strict=True)]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    assert len(result.frames["projects"]) == 3
    flag = _unfinished(sheet)
    assert flag["records"] == len(expected)
    assert f"第{'、'.join(map(str, expected))}行" in flag["message"]


def test_completed_projects_are_not_flagged(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "竣工时间", "建设进度"], ["澄江村", "水渠", 300, "2011年5月", "已完工"],
            ["新屋村", "机耕道", 100, dt.date(2011, 7, 1), "完成"]]
    _, sheet = _clean(tmp_path, rows, PROJECTS)
    assert _unfinished(sheet) is None


@pytest.mark.parametrize("text", ["在建", "未竣工", "尚未完工", "正在施工", "未开工", "停建", "已取消", "暂缓实施", "在建，年底完工"])
def test_words_saying_not_completed(text):
    assert values.NOT_COMPLETED.match(text) and values.parse_date_or_month(text) is None


@pytest.mark.parametrize("text", ["已完工", "完工", "已竣工", "2011年在建成"])
def test_words_that_do_not(text):
    assert not values.NOT_COMPLETED.match(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("已于2011年9月完工", (dt.date(2011, 9, 1), "month")), ("2011年9月竣工验收", (dt.date(2011, 9, 1), "month")),
    ("2011年9月15日建成", (dt.date(2011, 9, 15), "day")), ("于2011.9.15完成", (dt.date(2011, 9, 15), "day")),
    ("2011-12-31验收", (dt.date(2011, 12, 31), "day")), ("2011年9月验收合格", (dt.date(2011, 9, 1), "month")),
    # the year's end is its last month (2011年12月底 was read so already)
    ("2011年底", (dt.date(2011, 12, 1), "month")), ("二〇一一年末", (dt.date(2011, 12, 1), "month")),
    ("2011年底竣工", (dt.date(2011, 12, 1), "month")), ("2011年12月底", (dt.date(2011, 12, 1), "month")),
])
def test_a_completion_date_with_words_around_it(text, expected):
    assert values.parse_date_or_month(text) == expected  # were rejects: 「2011年9月完工」无法识别为日期


# 2011年 alone is a completion known to its year now (test_yearless_dates), not among these.
@pytest.mark.parametrize("text", ["年底", "2011年上半年", "2011年12月31日前"])
def test_a_completion_not_placed_in_a_month_is_still_no_date_read(text):
    with pytest.raises(values.ValueProblem):
        values.parse_date_or_month(text)


@pytest.mark.parametrize("text", ["已完工", "完工", "已竣工", "已建成", "已竣工验收"])
def test_completed_on_a_day_not_written_is_no_date(text):
    # as a blank 竣工时间 is: the project counted in the ledger's figures, in no period's (was a reject, its farmland lost)
    assert values.parse_date_or_month(text) is None


def test_a_project_done_on_a_day_not_written_counts_in_the_whole_and_is_said(tmp_path):
    # 已竣工 was a reject, its farmland lost from every figure; now counted in the ledger's, in no period's — said
    rows = [["序号", "项目名称", "村别", "受益农田（亩）", "竣工时间"], [1, "水渠", "澄江村", 500, "2011年6月"],
            [2, "山塘", "澄江村", 200, "已竣工"], [3, "机耕道", "澄江村", 100, None]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡办实事项目台账")
    assert sheet["rejects"] == 0
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 800
    period = compute_figures(result.frames, start=dt.date(2011, 1, 1), end=dt.date(2011, 12, 31))["county"]
    assert period["farmland_benefited_mu"] == 500
    flag = sheet["flag"]
    assert flag["kind"] == "undated_records" and flag["records"] == 1  # the blank one: not completed, as the template says
    assert flag["message"].startswith("按时期统计时不计入：第4行的1条办实事项目台账记录没有竣工日期")


def test_projects_under_a_line_saying_planned_are_said(tmp_path):
    # 二、计划实施项目 over a project with no completion: counted in the ledger's figures with nothing said
    rows = [["序号", "项目名称", "村别", "受益农田（亩）", "竣工时间"], ["一、已完成项目"], [1, "水渠", "澄江村", 500, "2011-05-01"],
            ["二、计划实施项目"], [2, "山塘", "澄江村", 300, None]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡办实事项目台账")
    flag = sheet["flag"]
    assert flag["kind"] == "unfinished_projects" and flag["records"] == 1
    assert flag["message"].startswith("可能多计：分节标题写明第6行的项目没有完工（「计划实施项目」）")


def test_a_sheet_of_projects_planned_is_said(tmp_path):
    # 2012年计划实施项目表 beside the projects done: counted in the farmland benefited with nothing said
    rows = [["序号", "项目名称", "村别", "受益农田（亩）"], [1, "水渠", "澄江村", 500], [2, "山塘", "澄江村", 300]]
    _, sheet = _clean(tmp_path / "planned", rows, "葛坳乡2012年计划实施项目表")
    assert sheet["flag"]["kind"] == "unfinished_projects" and sheet["flag"]["records"] == 2
    assert sheet["flag"]["message"].startswith("可能多计：标题或工作表名写明第3、4行的项目没有完工（「计划实施项目」）")
    _, sheet = _clean(tmp_path / "done", rows, "葛坳乡已完成办实事项目")
    assert sheet["flag"] is None


def test_a_remark_saying_the_project_is_not_done(tmp_path):
    """备注 在建 / 拟建 / 计划实施 / 明年实施 beside a blank 竣工时间: counted in the farmland benefited, nothing said; now
    flagged as a 竣工时间 of 在建 is. 已完工, 已立项 and a remark about something else say nothing of it."""
    rows = [["序号", "项目名称", "投资额（元）", "受益农田（亩）", "竣工时间", "备注"],
            *[[i + 1, f"水渠{i + 1}", 10000, 10, None, r]
              for i, r in enumerate(["在建", "拟建", "计划实施", "明年实施", "已完工", "已立项", "村民投工投劳", None])]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年办实事项目台账")
    flag = _unfinished(sheet)
    assert flag is not None and flag["records"] == 4 and "「备注」列" in flag["message"]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 80  # counted still

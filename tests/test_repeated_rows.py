"""A dispute, project or donation entered twice in one list: counted twice, and said.

The roster's households and the visit log's visits have a key, and a row written twice over is a
duplicate counted once (``duplicates``). A project, a dispute or a donation has none: 「新建水渠 | 澄江村
| 20 | 680」 written again three rows down doubled the farmland benefited with nothing said. It may
be two (two donations alike), so it is counted still, and the sheet flagged 可能多计 naming the rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet as _clean

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.publish.feedback import FLAG_FIX, ledger_problems

D = dt.date


def test_a_project_written_twice_is_counted_and_flagged(tmp_path):
    rows = [["序号", "村名", "项目名称", "投资（万元）", "受益农田（亩）"],
            [1, "澄江村", "新建水渠2公里", 20, 680], [2, "新屋村", "山塘清淤", 3, 150], [3, "澄江村", "新建水渠2公里", 20, 680]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 1510  # counted: not guessed
    flag = sheet["flag"]
    assert flag["kind"] == "repeated_rows" and flag["records"] == 1
    assert flag["message"] == ("可能多计：有1条办实事项目台账记录与本表上面的一行各栏完全相同（第5行同第3行），"
                               "可能是重复登记，已都计入；如是重复登记，请删除多余的行后重新报送")
    # In the 问题清单: a 提示 (the figure counts them), with its fix.
    model = ledger_problems(result.summary(), result.frames, "葛坳乡")
    (problem,) = [p for p in model.problems if p.reason == flag["message"]]
    assert problem.fix == FLAG_FIX["repeated_rows"] and problem.category == "warning" and problem.category_label == "提示"


def test_two_projects_of_one_name_differing_in_anything_are_not_flagged(tmp_path):
    rows = [["村名", "项目名称", "投资（万元）", "受益农田（亩）"],
            ["澄江村", "新建水渠", 20, 680], ["新屋村", "新建水渠", 20, 680], ["澄江村", "新建水渠", 20, 300]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡2011年办实事项目台账")
    assert sheet["flag"] is None


DISPUTES = ["受理日期", "村名", "纠纷类型", "当事人", "调处结果"]


def test_a_dispute_written_twice_is_told_by_its_parties(tmp_path):
    """当事人 is not kept (personal), yet it tells two disputes of a day apart: compared, never stored."""
    same = [D(2011, 3, 5), "澄江村", "山林纠纷", "张某与李某", "调处成功"]
    rows = [DISPUTES, same, [D(2011, 4, 5), "新屋村", "土地纠纷", "王某与赵某", "调处成功"], list(same), list(same)]
    result, sheet = _clean(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert compute_figures(result.frames)["county"]["disputes_total"] == 4
    assert sheet["flag"]["kind"] == "repeated_rows" and sheet["flag"]["records"] == 2
    assert "（第5行同第3行、第6行同第3行）" in sheet["flag"]["message"]
    assert "张某" not in str(result.summary())  # the parties are compared, not written anywhere
    # Two disputes of one day, place and kind between other parties: two disputes.
    rows = [DISPUTES, same, [D(2011, 3, 5), "澄江村", "山林纠纷", "孙某与周某", "调处成功"]]
    _, sheet = _clean(tmp_path / "two", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert sheet["flag"] is None


def test_rows_alike_with_nothing_to_tell_them_apart_are_not_flagged(tmp_path):
    """A 村名 | 金额 list of villagers' gifts, or disputes with no parties or summary column: rows alike
    are as likely two entries as one entered twice; nothing is said."""
    gifts = [["村名", "日期", "金额（元）"], ["澄江村", D(2011, 1, 5), 100], ["澄江村", D(2011, 1, 5), 100]]
    _, sheet = _clean(tmp_path, gifts, "葛坳乡2011年筹资台账")
    assert sheet["flag"] is None
    bare = [["受理日期", "村名", "纠纷类型", "调处结果"], [D(2011, 3, 5), "澄江村", "山林纠纷", "调处成功"],
            [D(2011, 3, 5), "澄江村", "山林纠纷", "调处成功"]]
    _, sheet = _clean(tmp_path / "bare", bare, "葛坳乡矛盾纠纷排查调处台账")
    assert sheet["flag"] is None


def test_rows_told_apart_by_a_column_no_field_reads_are_not_flagged(tmp_path):
    """Villagers' gifts of 100 元 each, 来源 个人, told apart only by a 姓名 no field reads; a 备注 saying
    第二期: two entries. The 序号 alone differing: one entered twice."""
    head = ["序号", "日期", "姓名", "资金来源", "用途", "金额（元）", "备注"]
    rows = [head, [1, D(2011, 1, 5), "张某", "个人", "修路", 100, None], [2, D(2011, 1, 5), "李某", "个人", "修路", 100, None],
            [3, D(2011, 1, 5), "李某", "个人", "修路", 100, "第二期"]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert sheet["flag"] is None
    rows.append([4, D(2011, 1, 5), "张某", "个人", "修路", 100, None])
    _, sheet = _clean(tmp_path / "again", rows, "葛坳乡2011年筹资台账")
    assert sheet["flag"]["kind"] == "repeated_rows" and "（第6行同第3行）" in sheet["flag"]["message"]


def test_a_donation_written_twice(tmp_path):
    rows = [["日期", "捐款单位", "用途", "金额（元）"], [D(2011, 1, 5), "县财政局", "修路", 5000],
            [D(2011, 1, 5), "县财政局", "修路", 5000], [D(2011, 2, 5), "县财政局", "修路", 5000]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 15000
    assert sheet["flag"]["kind"] == "repeated_rows" and "（第4行同第3行）" in sheet["flag"]["message"]


def test_the_demo_county_has_none(tmp_path):
    from sansong_analysis.demo import write_demo_county

    raw = tmp_path / "raw"
    write_demo_county(raw, townships=4, seed=5)
    summary = clean(raw, jobs=1, progress=False).summary()
    assert not [s for f in summary["files"] for s in f["sheets"] if (s.get("flag") or {}).get("kind") == "repeated_rows"]


def test_a_sheet_with_two_problems_is_told_both(tmp_path, capsys):
    """Amounts that look like 万元 and a donation written twice: the clean's summary, its printed
    warnings, the 问题清单 and ``inspect`` tell both, the first by precedence as ``flag``."""
    import json
    import subprocess
    import sys

    from sansong_analysis.cli import main

    rows = [["日期", "捐款单位", "用途", "金额"], [D(2011, 1, 5), "县财政局", "修路", 1.2],
            [D(2011, 1, 5), "县财政局", "修路", 1.2], [D(2011, 2, 5), "县交通局", "修桥", 0.5]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年筹资台账")
    assert sheet["flag"]["kind"] == "small_amounts"
    assert [f["kind"] for f in sheet["more_flags"]] == ["repeated_rows"]
    model = ledger_problems(result.summary(), result.frames, "葛坳乡")
    fixes = [p.fix for p in model.problems]
    assert FLAG_FIX["small_amounts"] in fixes and FLAG_FIX["repeated_rows"] in fixes
    assert [n.flag.split("：")[0] for n in model.sheets] == ["可能少计", "可能多计"]
    raw = tmp_path / "raw"
    assert main(["clean", "--raw", str(raw), "--processed", str(tmp_path / "processed"), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("注意：葛坳乡/葛坳乡2011年筹资台账.xlsx「台账」可能") == 2
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(raw), "--json"], capture_output=True, text=True)
    [doc] = json.loads(proc.stdout)
    assert doc["sheets"][0]["flag"] == sheet["flag"] and doc["sheets"][0]["more_flags"] == sheet["more_flags"]


def test_a_copy_is_told_as_a_copy_only(tmp_path):
    """A sheet whose records are all counted elsewhere says so, and nothing else of its rows."""
    from openpyxl import Workbook

    book = Workbook()
    rows = [["日期", "捐款单位", "用途", "金额（元）"], [D(2011, 1, 5), "县财政局", "修路", 5000],
            [D(2011, 1, 5), "县财政局", "修路", 5000]]
    for i, name in enumerate(("筹资", "筹资（副本）")):
        ws = book.active if i == 0 else book.create_sheet()
        ws.title = name
        for row in [["葛坳乡2011年筹资台账"], *rows]:
            ws.append(row)
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book.save(raw / "筹资台账.xlsx")
    sheets = {s["sheet"]: s for f in clean(tmp_path / "raw", jobs=1, progress=False).summary()["files"] for s in f["sheets"]}
    assert sheets["筹资"]["flag"]["kind"] == "repeated_rows" and "more_flags" not in sheets["筹资"]
    assert sheets["筹资（副本）"]["flag"]["kind"] == "copied_sheet" and "more_flags" not in sheets["筹资（副本）"]


@pytest.mark.parametrize("heading", ["捐资单位", "捐赠者", "单位或个人", "单位（个人）"])
def test_a_donation_written_twice_under_a_donor_heading_of_other_words_is_flagged(tmp_path, heading):
    """The donor's heading in other words (捐资单位, 单位或个人) named no field: nothing described the rows, and
    a donation written twice over was counted twice with nothing said."""
    rows = [["序号", "日期", heading, "金额（元）"], [1, D(2011, 3, 5), "县委办", 5000], [2, D(2011, 3, 5), "县委办", 5000],
            [3, D(2011, 3, 6), "县交通局", 3000]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13000
    assert sheet["flag"]["kind"] == "repeated_rows" and sheet["flag"]["records"] == 1


@pytest.mark.parametrize("heading", ["纠纷双方", "矛盾双方", "纠纷基本情况"])
def test_a_dispute_written_twice_under_its_parties_in_other_words_is_flagged(tmp_path, heading):
    rows = [["序号", "受理时间", heading, "纠纷类型", "调处结果"],
            [1, D(2011, 3, 5), "张三、李四", "土地纠纷", "已调处"], [2, D(2011, 3, 5), "张三、李四", "土地纠纷", "已调处"],
            [3, D(2011, 3, 5), "王五、赵六", "土地纠纷", "已调处"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡矛盾纠纷调处台账")
    assert compute_figures(result.frames)["county"]["disputes_total"] == 3
    assert sheet["flag"]["kind"] == "repeated_rows" and sheet["flag"]["records"] == 1
    assert "张三" not in str(result.summary())


def test_a_donation_written_twice_under_a_heading_no_field_reads_is_flagged(tmp_path):
    """No column names the donor in words a field reads (爱心人士): the columns no field reads describe the rows."""
    rows = [["序号", "日期", "爱心人士", "金额（元）"], [1, D(2011, 3, 5), "张老板", 5000], [2, D(2011, 3, 5), "张老板", 5000]]
    _, sheet = _clean(tmp_path, rows, "葛坳乡筹资台账")
    assert sheet["flag"]["kind"] == "repeated_rows" and sheet["flag"]["records"] == 1
    # A 村名 | 金额 list of villagers' gifts says nothing more of its rows: two gifts alike, no flag.
    rows = [["序号", "日期", "村名", "金额（元）"], [1, D(2011, 3, 5), "澄江村", 100], [2, D(2011, 3, 5), "澄江村", 100]]
    _, sheet = _clean(tmp_path / "village", rows, "葛坳乡筹资台账")
    assert sheet["flag"] is None

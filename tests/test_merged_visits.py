"""Two visits a visit log tells apart by a column no field reads: counted once, and now said.

The contract counts the same visit entered twice (same household, date, cadre and kind) once. A log
whose cadre column is headed in words no field read (干部姓名, 随访人) had every cadre empty: two cadres'
visits to one household on one day were one visit, the second a "duplicate", with nothing said of why.
Such rows are still counted once (the contract's rule), and the sheet is flagged 可能少计 naming the
column that tells them apart; 干部姓名 and 联系干部 now name a visit's cadre.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean
from one_sheet import write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.publish.feedback import FLAG_FIX, ledger_problems

D = dt.datetime
TITLE = "葛坳乡澄江村2011年走访记录"


def _visits(result) -> int:
    return compute_figures(result.frames)["county"]["visits"]


def test_two_cadres_visits_under_a_heading_no_field_reads_are_said(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "随访人"],
            [1, D(2011, 3, 5), "张三", "李明"], [2, D(2011, 3, 5), "张三", "王强"], [3, D(2011, 3, 6), "李四", "王强"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert _visits(result) == 2  # the contract's rule: one household, one day, no cadre read — one visit
    flag = sheet["flag"]
    assert flag["kind"] == "merged_visits" and flag["records"] == 1
    assert flag["message"] == (
        "可能少计：有1条走访与本表上面的一行户主、走访日期相同（表中没有读取到走访人），按同一次走访只计一次"
        "（第4行同第3行），但两行的「随访人」不同；如是两次走访，请写明各自的走访人（列名如“走访干部”）"
        "或走访形式后重新报送")
    # In the 问题清单: a 提示 (the sheet is read as the contract says), with its fix.
    model = ledger_problems(result.summary(), result.frames, "葛坳乡")
    (problem,) = [p for p in model.problems if p.reason == flag["message"]]
    assert problem.fix == FLAG_FIX["merged_visits"] and problem.category == "warning"


def test_a_visit_entered_twice_over_is_a_duplicate_and_no_more(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "走访干部", "走访形式"],
            [1, D(2011, 3, 5), "张三", "李明", "入户走访"], [2, D(2011, 3, 5), "张三", "李明", "入户走访"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert _visits(result) == 1 and len(result.frames["duplicates"]) == 1
    assert sheet["flag"] is None


def test_rows_differing_in_relief_or_a_note_are_said_naming_what_is_read(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "走访干部", "走访形式", "慰问金（元）", "备注"],
            [1, D(2011, 3, 5), "张三", "李明", "入户走访", 200, "上午"],
            [2, D(2011, 3, 5), "张三", "李明", "入户走访", 300, "下午"],
            [3, D(2011, 3, 5), "张三", "李明", "入户走访", 200, "上午"]]  # the first again: a duplicate only
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert _visits(result) == 1
    flag = sheet["flag"]
    assert flag["kind"] == "merged_visits" and flag["records"] == 1
    assert "户主、走访日期、走访人、走访形式相同，按同一次走访只计一次（第4行同第3行），但两行的「慰问金」、「备注」不同" \
        in flag["message"]
    assert "没有读取到走访人" not in flag["message"]


def test_a_phone_column_telling_rows_apart_is_named_never_shown(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "联系电话"],
            [1, D(2011, 3, 5), "张三", "13812345678"], [2, D(2011, 3, 5), "张三", "13912345678"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert sheet["flag"]["kind"] == "merged_visits" and "「联系电话」" in sheet["flag"]["message"]
    assert "1381234" not in str(result.summary()) and "1391234" not in str(result.summary())


def test_visits_of_other_days_or_households_are_not_flagged(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "随访人"],
            [1, D(2011, 3, 5), "张三", "李明"], [2, D(2011, 3, 6), "张三", "王强"], [3, D(2011, 3, 5), "李四", "王强"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert _visits(result) == 3 and sheet["flag"] is None


def test_a_visit_logs_cadre_headed_as_a_roster_heads_it_is_read(tmp_path):
    for heading in ("干部姓名", "联系干部", "帮扶人"):
        rows = [["序号", "走访日期", "户主姓名", heading],
                [1, D(2011, 3, 5), "张三", "李明"], [2, D(2011, 3, 5), "张三", "王强"]]
        result, sheet = _clean(tmp_path / heading, rows, TITLE)
        assert sheet["ledger"] == "visits" and sheet["flag"] is None, heading
        assert result.frames["visits"]["cadre"].tolist() == ["李明", "王强"], heading
        assert _visits(result) == 2, heading


def test_a_visit_logs_household_headed_by_whom_the_visit_went_to(tmp_path):
    rows = [["序号", "走访日期", "入户对象", "走访干部"], [1, D(2011, 3, 5), "张三", "李明"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert sheet["ledger"] == "visits" and result.frames["visits"]["household_head"].tolist() == ["张三"]


def test_farmland_headed_in_other_words_is_read(tmp_path):
    for heading in ("受益田亩", "农田受益（亩）", "受益田（亩）"):
        rows = [["序号", "项目名称", "投资（万元）", heading, "完成时间"],
                [1, "澄江村水渠", 20, 300, D(2011, 6, 1)], [2, "桥头村山塘", 10, 200, D(2011, 7, 1)]]
        result, sheet = _clean(tmp_path / heading, rows, "葛坳乡2011年办实事项目台账")
        assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 500, heading
        assert sheet["flag"] is None, heading


ROSTER = {"名单": [["葛坳乡澄江村包扶对象名单"], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "否"]]}
HEADER = ["序号", "走访日期", "户主姓名"]


def test_a_cadres_own_log_named_only_in_its_files_name_is_said_where_it_repeats_anothers(tmp_path):
    """Two cadres' logs (民情日记), no cadre column, each cadre named only in the file's name: the visit both made
    to 张三 on 3月5日 is counted once (no cadre read: the same visit by the contract's rule), and said."""
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", ROSTER)
    write_sheets(raw / "葛坳乡" / "澄江村走访记录（李明）.xlsx",
          {"Sheet1": [["澄江村走访记录"], HEADER, [1, D(2011, 3, 5), "张三"], [2, D(2011, 3, 6), "李四"]]})
    write_sheets(raw / "葛坳乡" / "澄江村走访记录（王强）.xlsx",
          {"Sheet1": [["澄江村走访记录"], HEADER, [1, D(2011, 3, 5), "张三"], [2, D(2011, 3, 9), "李四"]]})
    result = clean(raw, jobs=1, progress=False)
    assert _visits(result) == 3
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["葛坳乡/澄江村走访记录（李明）.xlsx"]["flag"] is None
    flag = sheets["葛坳乡/澄江村走访记录（王强）.xlsx"]["flag"]
    assert flag["kind"] == "merged_visits" and flag["records"] == 1
    assert flag["message"] == (
        "可能少计：有1条走访与葛坳乡/澄江村走访记录（李明）.xlsx「Sheet1」中的走访户主、走访日期相同（两张表都没有读取到"
        "走访人），按同一次走访只计一次（第3行同该表第3行）；如是不同干部的走访，请在表中写明走访人（列名如“走访干部”）后重新报送")


def test_a_log_sent_twice_is_a_copy_said_by_its_duplicates_alone(tmp_path):
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", ROSTER)
    log = {"Sheet1": [["澄江村走访记录"], HEADER, [1, D(2011, 3, 5), "张三"], [2, D(2011, 3, 6), "李四"]]}
    write_sheets(raw / "葛坳乡" / "澄江村走访记录.xlsx", log)
    write_sheets(raw / "葛坳乡" / "澄江村走访记录(1).xlsx", log)
    result = clean(raw, jobs=1, progress=False)
    assert _visits(result) == 2 and len(result.frames["duplicates"]) == 2
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])


def test_logs_that_read_their_cadres_are_two_visits_and_no_flag(tmp_path):
    """走访人：李明 on a line between the title and the header names the cadre of the whole log."""
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", ROSTER)
    write_sheets(raw / "葛坳乡" / "澄江村走访记录.xlsx", {
        "Sheet1": [["澄江村走访记录"], ["走访人：李明", None, "单位：县交通局"], HEADER, [1, D(2011, 3, 5), "张三"]],
        "Sheet2": [["澄江村走访记录"], ["走访人：王强（县委办）"], HEADER, [1, D(2011, 3, 5), "张三"]],
        "Sheet3": [["澄江村走访记录"], ["填表人：赵六"], HEADER, [1, D(2011, 3, 6), "李四"]],
    })
    result = clean(raw, jobs=1, progress=False)
    assert _visits(result) == 3
    assert sorted(result.frames["visits"]["cadre"].fillna("").tolist()) == ["", "李明", "王强"]  # 填表人 is no cadre
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])


ROSTER_TITLE = "葛坳乡澄江村包扶对象名单"


def test_two_households_of_one_name_in_a_village_without_groups_are_said(tmp_path):
    """Two 张三 of 澄江村, no 组 column: one household by the contract's match (place and name) — their rows
    differ (one poor, of four; one not, of two), so the sheet says it may be two."""
    rows = [["序号", "户主姓名", "是否贫困户", "家庭人口", "联系干部"],
            [1, "张三", "是", 4, "李明"], [2, "李四", "否", 3, "李明"], [3, "张三", "否", 2, "王强"]]
    result, sheet = _clean(tmp_path, rows, ROSTER_TITLE)
    assert compute_figures(result.frames)["county"]["households_assigned"] == 2
    flag = sheet["flag"]
    assert flag["kind"] == "merged_households" and flag["records"] == 1
    assert flag["message"] == (
        "可能少计：有1户与本表上面的一户户主同名、同村（表中没有村民小组），按同一户只计一次（第5行同第3行），"
        "但两行的「是否贫困户」、「家庭人口」、「联系干部」不同；如是同名的两户，请写明各自的村民小组"
        "（或在户主姓名后注明区别）后重新报送")
    model = ledger_problems(result.summary(), result.frames, "葛坳乡")
    (problem,) = [p for p in model.problems if p.reason == flag["message"]]
    assert problem.fix == FLAG_FIX["merged_households"] and problem.category == "warning"


def test_an_id_column_telling_namesakes_of_one_group_apart_is_named_never_shown(tmp_path):
    rows = [["序号", "组别", "户主姓名", "身份证号"],
            [1, "3组", "张三", "360721198001011234"], [2, "3组", "张三", "360721198502025678"]]
    result, sheet = _clean(tmp_path, rows, ROSTER_TITLE)
    assert sheet["flag"]["kind"] == "merged_households"
    assert "同村同组" in sheet["flag"]["message"] and "「身份证号」" in sheet["flag"]["message"]
    assert "36072119" not in str(result.summary())


def test_a_household_listed_twice_over_or_namesakes_of_two_groups_are_no_flag(tmp_path):
    rows = [["序号", "户主姓名", "是否贫困户", "家庭人口"], [1, "张三", "是", 4], [2, "张三", "是", 4]]
    result, sheet = _clean(tmp_path, rows, ROSTER_TITLE)
    assert compute_figures(result.frames)["county"]["households_assigned"] == 1 and sheet["flag"] is None
    rows = [["序号", "组别", "户主姓名", "是否贫困户"], [1, "1组", "张三", "是"], [2, "2组", "张三", "否"]]
    result, sheet = _clean(tmp_path / "groups", rows, ROSTER_TITLE)
    assert compute_figures(result.frames)["county"]["households_assigned"] == 2 and sheet["flag"] is None


def test_the_clean_command_totals_the_households_counted_once(tmp_path):
    import subprocess
    import sys

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", {"名单": [[ROSTER_TITLE], ["户主姓名", "是否贫困户", "家庭人口"],
                                                          ["张三", "是", 4], ["李四", "否", 3], ["张三", "否", 2]]})
    run = subprocess.run([sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw),
                          "--processed", str(tmp_path / "processed")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "；重复的包扶农户 1 户（只计一次）" in run.stdout
    assert "可能少计：有1户与本表上面的一户户主同名" in run.stdout


def test_a_visit_entered_again_with_its_note_filled_in_is_a_duplicate_and_no_more(tmp_path):
    """The demo county's duplicate: the second entry adds a 备注 (and a space after the name). A blank beside a
    value is a row written again more fully, not two visits."""
    rows = [["序号", "走访日期", "户主姓名", "走访干部", "走访形式", "慰问金（元）", "备注"],
            [1, D(2011, 11, 29), "赖玉云", "温云玉", "上门走访", None, None],
            [2, "2011-11-29", "赖玉云 ", "温云玉", "上门走访", 200, "宣讲惠农政策"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert _visits(result) == 1 and len(result.frames["duplicates"]) == 1
    assert sheet["flag"] is None


def test_a_cadre_written_with_the_unit_or_post_is_one_cadre(tmp_path):
    rows = [["序号", "走访日期", "户主姓名", "走访干部"],
            [1, D(2011, 3, 5), "张三", "李明"], [2, D(2011, 3, 5), "张三", "李明（县交通局）"],
            [3, D(2011, 3, 5), "张三", "李明同志"], [4, D(2011, 3, 6), "李四", "刘华（第一书记）、王红(县委办)"]]
    result, sheet = _clean(tmp_path, rows, TITLE)
    assert result.frames["visits"]["cadre"].tolist() == ["李明", "刘华、王红"]
    assert _visits(result) == 2 and len(result.frames["duplicates"]) == 2


def test_a_townships_summary_of_the_villages_visits_without_their_cadres_is_said(tmp_path):
    """The villages' logs write each visit's cadre; the township's 走访汇总 lists the same visits without one. Told
    apart only by the cadre the summary does not write, every visit counted twice: all counted still (two cadres'
    visits look the same), and the summary — not the log that writes the cadre — is flagged 可能多计."""
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    roster = {"名单": [[ROSTER_TITLE], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "否"], ["王五", "否"]]}
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", roster)
    write_sheets(raw / "葛坳乡" / "澄江村走访记录.xlsx", {"Sheet1": [
        ["澄江村走访记录"], ["序号", "走访日期", "户主姓名", "走访干部"],
        [1, D(2011, 3, 5), "张三", "李明"], [2, D(2011, 3, 6), "李四", "李明"], [3, D(2011, 3, 7), "王五", "王强"]]})
    write_sheets(raw / "葛坳乡" / "葛坳乡走访汇总.xlsx", {"Sheet1": [
        ["葛坳乡走访登记表"], ["序号", "村名", "走访日期", "户主姓名"],
        [1, "澄江村", D(2011, 3, 5), "张三"], [2, "澄江村", D(2011, 3, 6), "李四"], [3, "澄江村", D(2011, 3, 9), "王五"]]})
    result = clean(raw, jobs=1, progress=False)
    assert _visits(result) == 6  # counted as read: not guessed
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["葛坳乡/澄江村走访记录.xlsx"]["flag"] is None
    flag = sheets["葛坳乡/葛坳乡走访汇总.xlsx"]["flag"]
    assert flag["kind"] == "overlapping_sheet" and flag["records"] == 2
    assert flag["message"] == (
        "可能多计：这张表的3条走访中有2条与葛坳乡/澄江村走访记录.xlsx「Sheet1」的走访户主、走访日期相同，本表没有写走访人、"
        "走访形式，无法分辨是否同一次走访，都已计入；如是同一批走访（如汇总表与明细表），请只报送一份（或在 sansong.toml 中以 "
        "ledger = \"ignore\" 忽略这张），如是另外的走访，请写明走访人、走访形式后重新报送")
    model = ledger_problems(result.summary(), result.frames, "葛坳乡")
    (problem,) = [p for p in model.problems if p.reason == flag["message"]]
    assert problem.fix == FLAG_FIX["overlapping_sheet"] and problem.category == "warning"


def test_logs_that_both_write_cadre_and_kind_are_told_apart_and_no_flag(tmp_path):
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村包扶对象名单.xlsx", ROSTER)
    header = ["序号", "走访日期", "户主姓名", "走访干部", "走访形式"]
    write_sheets(raw / "葛坳乡" / "澄江村走访记录（一）.xlsx",
          {"Sheet1": [["澄江村走访记录"], header, [1, D(2011, 3, 5), "张三", "李明", "入户走访"]]})
    write_sheets(raw / "葛坳乡" / "澄江村走访记录（二）.xlsx",
          {"Sheet1": [["澄江村走访记录"], header, [1, D(2011, 3, 5), "张三", "王强", "送温暖"]]})
    result = clean(raw, jobs=1, progress=False)
    assert _visits(result) == 2
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])


def test_a_household_listed_again_where_its_poor_status_is_written_takes_it(tmp_path):
    """The township's list has no 是否贫困户 column (each household not poor, by default) and is read first; the
    village's list of the same households writes it. The poor count was 0, the village's answer dropped with its
    duplicates; now the kept household takes what the other list writes, and the flag says how many did."""
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "a葛坳乡包扶对象名单.xlsx", {"名单": [
        ["葛坳乡包扶对象名单"], ["村名", "户主姓名", "联系干部"],
        ["澄江村", "张三", "李明"], ["澄江村", "李四", "李明"], ["澄江村", "王五", "王强"], ["桥头村", "赵六", "王强"]]})
    write_sheets(raw / "葛坳乡" / "b澄江村包扶对象名单.xlsx", {"名单": [
        ["澄江村包扶对象名单"], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "是"], ["王五", "否"]]})
    result = clean(raw, jobs=1, progress=False)
    county = compute_figures(result.frames)["county"]
    assert county["households_assigned"] == 4 and county["poor_households_assigned"] == 2
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    flag = sheets["葛坳乡/a葛坳乡包扶对象名单.xlsx"]["flag"]
    assert flag["kind"] == "unsaid_column"
    assert ("表中没有“是否贫困户”列，其中3户也列在葛坳乡/b澄江村包扶对象名单.xlsx「名单」中，按那里写明的计入，"
            "其余1户按“非贫困户”计入") in flag["message"]
    # Every household written there too: nothing left to say.
    (raw / "葛坳乡" / "b澄江村包扶对象名单.xlsx").unlink()
    write_sheets(raw / "葛坳乡" / "b葛坳乡贫困户标注.xlsx", {"名单": [
        ["葛坳乡包扶对象名单"], ["村名", "户主姓名", "是否贫困户"], ["澄江村", "张三", "是"], ["澄江村", "李四", "是"],
        ["澄江村", "王五", "否"], ["桥头村", "赵六", "是"]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["poor_households_assigned"] == 3
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])


def test_a_household_two_lists_write_poor_and_not_is_said(tmp_path):
    """The list read first says 否, the adjusted list 是: the household counts once, as the first says, and the
    later list is flagged — an adjustment outvoted with nothing said."""
    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "a澄江村包扶对象名单.xlsx",
          {"名单": [[ROSTER_TITLE], ["户主姓名", "是否贫困户"], ["张三", "否"], ["李四", "是"]]})
    write_sheets(raw / "葛坳乡" / "b澄江村包扶对象名单（调整）.xlsx",
          {"名单": [[ROSTER_TITLE], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "是"]]})
    result = clean(raw, jobs=1, progress=False)
    assert compute_figures(result.frames)["county"]["poor_households_assigned"] == 1
    sheets = {f["file"]: s for f in result.summary()["files"] for s in f["sheets"]}
    assert sheets["葛坳乡/a澄江村包扶对象名单.xlsx"]["flag"] is None
    flag = sheets["葛坳乡/b澄江村包扶对象名单（调整）.xlsx"]["flag"]
    assert flag["kind"] == "merged_households" and flag["records"] == 1
    assert flag["message"].startswith(
        "可能有误：有1户与葛坳乡/a澄江村包扶对象名单.xlsx「名单」中的一户同村同名，按同一户只计一次，但「是否贫困户」写得不同"
        "（第3行同该表第3行），按先读到的")
    # The same list twice, agreeing: duplicates only.
    (raw / "葛坳乡" / "b澄江村包扶对象名单（调整）.xlsx").unlink()
    write_sheets(raw / "葛坳乡" / "b澄江村包扶对象名单（副本）.xlsx",
          {"名单": [[ROSTER_TITLE], ["户主姓名", "是否贫困户"], ["张三", "否"], ["李四", "是"]]})
    result = clean(raw, jobs=1, progress=False)
    assert all(s["flag"] is None for f in result.summary()["files"] for s in f["sheets"])

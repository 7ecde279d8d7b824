"""A headerless sheet that continues the one before it (走访（续）, 续表, 接上页): read with that sheet's
header when its name says so and its rows fit those columns; otherwise 未识别 as before."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from openpyxl import Workbook

from sansong_analysis.ingest.clean import clean

D = dt.date

HEADER = ["走访日期", "被走访户主", "组别", "走访人", "走访内容"]
FIRST = [["禾丰镇大塘村2011年入户走访登记表"], HEADER,
         [D(2011, 1, 6), "罗金生", "1组", "邱敏", "入户走访"], [D(2011, 2, 9), "罗银生", "1组", "邱敏", "慰问"]]
ROSTER = [["户主", "组别", "是否贫困户", "帮扶干部"], ["罗金生", "1组", "是", "邱敏"], ["罗银生", "1组", "否", "邱敏"],
          ["罗铜生", "2组", "是", "邱敏"]]


def _book(tmp_path, sheets):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    raw = tmp_path / "raw"
    (raw / "禾丰镇").mkdir(parents=True)
    path = raw / "禾丰镇" / "禾丰镇大塘村2011年走访登记.xlsx"
    book.save(path)
    return raw, path


def _sheets(result):
    return {s.source_sheet: s for f in result.files for s in f.sheets}


def test_a_continuation_sheet_is_read_with_the_header_before_it(tmp_path):
    more = [[D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"], [D(2011, 5, 3), "罗银生", "1组", "邱敏", "政策宣讲"],
            [None] * 5, ["合计", None, None, None, None]]
    then = [["走访登记表（续二）"], [D(2011, 6, 1), "罗金生", "1组", "邱敏", "入户走访"]]
    raw, _ = _book(tmp_path, [("走访", FIRST), ("走访（续）", more), ("续2", then), ("花名册", ROSTER)])
    result = clean(raw, jobs=1, progress=False)
    visits = result.frames["visits"]
    assert visits["visit_date"].dt.date.tolist() == [D(2011, 1, 6), D(2011, 2, 9), D(2011, 5, 3), D(2011, 5, 3), D(2011, 6, 1)]
    assert visits["source_sheet"].tolist() == ["走访", "走访", "走访（续）", "走访（续）", "续2"]
    assert set(visits["village"]) == {"大塘村"} and set(visits["township"]) == {"禾丰镇"}
    sheets = _sheets(result)
    cont = sheets["走访（续）"]
    assert cont.ledger == "visits" and cont.balanced and cont.n_records == 2 and cont.n_rejects == 0
    assert cont.recognition["status"] == "recognised"
    assert "接续工作表「走访」" in cont.recognition["evidence"][0]
    assert sheets["续2"].n_records == 1 and sheets["续2"].skipped["title"] == 1
    assert "接续工作表「走访（续）」" in sheets["续2"].recognition["evidence"][0]


def test_rows_that_do_not_fit_the_columns_before_stay_unrecognised(tmp_path):
    """Named 续 but holding something else (names and amounts where dates and households stood)."""
    other = [["罗金生", 500, "元"], ["罗银生", 300, "元"], ["罗铜生", "两百", "元"]]
    raw, _ = _book(tmp_path, [("走访", FIRST), ("走访（续）", other)])
    cont = _sheets(clean(raw, jobs=1, progress=False))["走访（续）"]
    assert cont.ledger is None and cont.n_records == 0 and cont.recognition["status"] == "not_recognised"


def test_a_headerless_sheet_not_named_a_continuation_stays_unrecognised(tmp_path):
    more = [[D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"]]
    raw, _ = _book(tmp_path, [("走访", FIRST), ("Sheet2", more)])
    sheet = _sheets(clean(raw, jobs=1, progress=False))["Sheet2"]
    assert sheet.ledger is None and sheet.recognition["status"] == "not_recognised"


def test_a_continuation_needs_a_ledger_right_before_it(tmp_path):
    """…（续） continues only the sheet right before it, and only when that one was read as a ledger."""
    more = [[D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"]]
    raw, _ = _book(tmp_path, [("说明", [["本表由村工作组填写"]]), ("走访（续）", more)])
    sheet = _sheets(clean(raw, jobs=1, progress=False))["走访（续）"]
    assert sheet.ledger is None


def test_inspect_says_whose_header_it_reads_with(tmp_path):
    more = [[D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"]]
    _, path = _book(tmp_path, [("走访", FIRST), ("走访（续）", more)])
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path), "--sheet", "走访（续）"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "表头：无（接续工作表「走访」，按其表头读取）" in proc.stdout
    assert "记录 1" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(path), "--sheet", "走访（续）", "--json"],
                          capture_output=True, text=True)
    [doc] = json.loads(proc.stdout)
    [sheet] = doc["sheets"]
    assert sheet["continues"] == "走访" and sheet["form"] is False and sheet["records"] == 1


def test_a_continuation_named_for_another_sheet_is_not_read_with_the_one_before(tmp_path):
    """走访（续） right after the 花名册 (its 走访 sheet elsewhere) does not take the roster's header, even
    where its rows would fit it."""
    rows = [["罗金生", "1组", "是", "邱敏"], ["罗银生", "1组", "否", "邱敏"]]
    raw, _ = _book(tmp_path, [("走访", FIRST), ("花名册", ROSTER), ("走访（续）", rows)])
    sheet = _sheets(clean(raw, jobs=1, progress=False))["走访（续）"]
    assert sheet.ledger is None
    raw, _ = _book(tmp_path / "b", [("花名册", ROSTER), ("花名册（续）", rows)])
    assert _sheets(clean(raw, jobs=1, progress=False))["花名册（续）"].n_records == 2


def test_suggest_fed_back_keeps_forms_and_continuations_as_they_were_read(tmp_path):
    """``inspect --suggest`` writes only the ledger for a form or a continuation sheet ("read as it is");
    fed back as sansong.toml, the sheet is read as before — not refused for lacking a header."""
    from unseen.situations import situation_7_block_forms

    from sansong_analysis.ingest.clean import clean

    raw = tmp_path / "raw"
    raw.mkdir()
    situation_7_block_forms(raw)
    more = [[D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"]]
    (raw / "禾丰镇").mkdir()
    book = Workbook()
    book.remove(book.active)
    for name, rows in (("走访", FIRST), ("走访（续）", more)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(raw / "禾丰镇" / "禾丰镇大塘村2011年走访登记.xlsx")
    before = clean(raw, jobs=1, progress=False)
    proc = subprocess.run([sys.executable, "-m", "sansong_analysis", "inspect", str(raw), "--suggest"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "# 接续工作表「走访」，按其表头读取，无需更正" in proc.stdout and "# 表单式记录（每块一户）按原样读取" in proc.stdout
    (raw / "sansong.toml").write_text(proc.stdout, encoding="utf-8")
    after = clean(raw, jobs=1, progress=False)
    assert after.frames["visits"].equals(before.frames["visits"])
    statuses = {(f.path, s.source_sheet): s.recognition["status"] for f in after.files for s in f.sheets}
    assert set(statuses.values()) == {"corrected"}, statuses


def test_a_notes_sheet_is_no_problem_for_the_township_to_fix(tmp_path):
    """A team's own 填报说明 sheet (prose, no header) stays 未识别 in the clean, but the 问题清单 does not ask
    the township to fix it; the same prose on a sheet not named for notes still is a problem."""
    from sansong_analysis.publish.feedback import summary_findings

    notes = [["填报说明"], ["一、本表由村工作组每月填写。"], ["二、走访日期请写年月日。"]]
    raw, _ = _book(tmp_path, [("走访", FIRST), ("填报说明", notes), ("Sheet3", notes)])
    result = clean(raw, jobs=1, progress=False)
    sheets = _sheets(result)
    assert {sheets[n].recognition["status"] for n in ("填报说明", "Sheet3")} == {"not_recognised"}
    problems, _ = summary_findings(result.summary(), ["禾丰镇"])
    assert {p.sheet for p in problems if p.category == "not_recognised"} == {"Sheet3"}

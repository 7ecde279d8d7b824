"""Tables stacked on one sheet (一村一表): each read with its own header, every row counted once.

Before, the sheet was read by its best header only: a table above it was taken for title lines
(flagged 可能漏读 only past five rows, lost with nothing said below that), and a table under it
was read as rows of the first — a donations list under a roster became households.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from openpyxl import Workbook

from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.corrections import CORRECTIONS_FILE

D = dt.date
TITLE = ["葛坳乡澄江村三送工作台账"]
ROSTER = [["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
          [1, "廖春生", "1组", 4, "是", "邹强"], [2, "廖夏生", "1组", 3, "否", "邹强"],
          [3, "何秀兰", "2组", 2, "是", "邹强"], [4, "何德明", "4组", 5, "否", "钟华"]]
VISITS = [["序号", "走访日期", "被走访户主", "走访干部", "走访内容", "备注"],
          [1, D(2011, 3, 12), "廖春生", "邹强", "入户走访", None], [2, D(2011, 3, 12), "何秀兰", "邹强", "慰问", None],
          [3, D(2011, 5, 30), "廖春生", "邹强", "宣传政策", None], [4, D(2011, 6, 2), "何德明", "钟华", "入户走访", None]]
FUNDS = [["日期", "筹资用途", "资金来源", "金额（元）"], [D(2011, 1, 5), "硬化通组公路", "县水保局", 5000],
         [D(2011, 2, 5), "春节慰问", "群众自筹", 3000]]
DISPUTES = [["受理日期", "纠纷类型", "当事人", "调处结果"], [D(2011, 4, 2), "山林纠纷", "廖某与何某", "调处成功"],
            [D(2011, 8, 9), "邻里纠纷", "何某与钟某", "调处成功"]]


def _book(tmp_path, rows, name="澄江村"):
    book = Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    book.save(raw / "葛坳乡" / "葛坳乡澄江村三送工作台账.xlsx")
    return raw


def _parts(result):
    return [s for f in result.files for s in f.sheets]


def _assert_every_row_counted_once(result, rows):
    parts = _parts(result)
    assert all(p.balanced for p in parts)
    assert sum(p.rows_read for p in parts) == len(rows)
    spans = [p.part for p in parts]
    assert spans[0][0] == 1 and spans[-1][1] == len(rows)
    assert all(a[1] + 1 == b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_a_roster_over_the_visit_log_each_under_its_section_title(tmp_path):
    rows = [TITLE, ["一、结对帮扶户名单"], *ROSTER, [], [], ["二、入户走访记录"], *VISITS]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    roster, visits = result.frames["roster"], result.frames["visits"]
    assert roster["household_head"].tolist() == ["廖春生", "廖夏生", "何秀兰", "何德明"]
    assert visits["household_head"].tolist() == ["廖春生", "何秀兰", "廖春生", "何德明"]
    assert visits["source_row"].tolist() == [12, 13, 14, 15] and roster["source_row"].tolist() == [4, 5, 6, 7]
    # The sheet's title is the place of both tables; every visit finds its household.
    for frame in (roster, visits):
        assert set(frame["township"]) == {"葛坳乡"} and set(frame["village"]) == {"澄江村"}
    assert visits["household_key"].notna().all()
    _assert_every_row_counted_once(result, rows)
    parts = _parts(result)
    assert [(p.ledger, p.part) for p in parts] == [("roster", (1, 9)), ("visits", (10, 15))]
    assert parts[0].skipped["blank"] == 2 and parts[1].skipped["title"] == 1  # its section title goes with it
    assert not result.frames["rejects"].shape[0]
    summary = result.summary()
    assert [s["part"] for s in summary["files"][0]["sheets"]] == [[1, 9], [10, 15]]
    assert all(s["flag"] is None for s in summary["files"][0]["sheets"])


def test_a_donations_list_under_a_roster_is_no_household(tmp_path):
    """The silently wrong case: the funds rows were read as roster households (修路, 5000 members)."""
    rows = [TITLE, *ROSTER, [], *FUNDS]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["roster"]["household_head"].tolist() == ["廖春生", "廖夏生", "何秀兰", "何德明"]
    funds = result.frames["funds"]
    assert funds["amount_yuan"].tolist() == [5000.0, 3000.0]
    assert set(funds["village"]) == {"澄江村"}
    assert not result.frames["rejects"].shape[0]
    _assert_every_row_counted_once(result, rows)


def test_a_short_table_right_over_another_with_no_gap(tmp_path):
    """Two funds rows over the visit log: too few to be flagged 可能漏读, so they were lost unsaid."""
    rows = [TITLE, *FUNDS, *VISITS]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].sum() == 8000.0
    assert len(result.frames["visits"]) == 4
    _assert_every_row_counted_once(result, rows)


def test_three_tables_and_one_far_below_the_top(tmp_path):
    many = [[i, f"廖{i:02d}生", "1组", 3, "否", "邹强"] for i in range(1, 61)]
    rows = [TITLE, ["一、帮扶户"], ROSTER[0], *many, [], ["二、走访"], *VISITS, [], ["三、矛盾纠纷"], *DISPUTES]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert [p.ledger for p in _parts(result)] == ["roster", "visits", "disputes"]
    assert len(result.frames["roster"]) == 60 and len(result.frames["visits"]) == 4
    assert result.frames["disputes"]["dispute_type"].tolist() == ["forest", "neighbour"]
    _assert_every_row_counted_once(result, rows)


def test_a_header_repeated_down_a_list_with_no_gap_loses_no_row(tmp_path):
    """Printed over two pages, the header again with no blank line. The lower header reads best (the
    visits above it read as its title), and the last visit above it passed for a group row of that
    header: the block above was lost as title lines, and a visit below naming the same household and
    cadre (何德明, 钟华) was skipped as the header repeated. Now every visit is read — as one table, its header
    printed twice (a header printed again is never read over its first print: ``table.find_reading``)."""
    more = [[5, D(2011, 7, 1), "廖夏生", "邹强", "入户走访", None], [6, D(2011, 7, 2), "何德明", "钟华", "慰问", None]]
    rows = [TITLE, *VISITS, VISITS[0], *more]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    visits = result.frames["visits"]
    assert visits["source_row"].tolist() == [3, 4, 5, 6, 8, 9] and not len(result.frames["rejects"])
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert sheet["flag"] is None and sheet["skipped_by_kind"]["header"] == 2
    (part,) = _parts(result)
    assert part.balanced and part.rows_read == len(rows)


def test_the_same_ledgers_block_over_its_header_again_is_read_too(tmp_path):
    """A blank line, then the header again: the block above was taken for title lines (可能漏读). One table, its
    header printed twice."""
    more = [[5, D(2011, 7, 1), "廖夏生", "邹强", "入户走访", None], [6, D(2011, 7, 2), "何德明", "钟华", "慰问", None]]
    rows = [TITLE, *VISITS, [], VISITS[0], *more]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert len(result.frames["visits"]) == 6
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert sheet["flag"] is None and sheet["skipped_by_kind"]["header"] == 2
    (part,) = _parts(result)
    assert part.balanced and part.rows_read == len(rows)


def test_a_sheet_with_one_table_has_no_part(tmp_path):
    rows = [TITLE, ["单位：元"], ["填报单位：澄江村"], *FUNDS]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    (only,) = _parts(result)
    assert only.part is None and only.n_records == 2
    assert "part" not in result.summary()["files"][0]["sheets"][0]


def test_a_correction_reads_the_sheet_as_the_one_table_it_names(tmp_path):
    rows = [TITLE, *ROSTER, [], *FUNDS]
    raw = _book(tmp_path, rows)
    (raw / CORRECTIONS_FILE).write_text(
        '[[correction]]\nfile = "葛坳乡/葛坳乡澄江村三送工作台账.xlsx"\nsheet = "澄江村"\nledger = "roster"\nheader_rows = [2]\n',
        encoding="utf-8")
    result = clean(raw, jobs=1, progress=False)
    (only,) = _parts(result)
    assert only.part is None and only.ledger == "roster" and only.balanced


def test_inspect_shows_each_table_and_suggests_nothing_that_would_merge_them(tmp_path):
    rows = [TITLE, ["一、结对帮扶户名单"], *ROSTER, [], ["二、入户走访记录"], *VISITS]
    raw = _book(tmp_path, rows)
    run = [sys.executable, "-m", "sansong_analysis", "inspect", str(raw)]
    text = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "「澄江村」第1–8行" in text and "「澄江村」第9–14行" in text
    assert "标题：第9行" in text and "表头：第10行" in text and "数据：第11–14行" in text
    docs = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    assert [(s["ledger"], s["part"]) for s in docs[0]["sheets"]] == [("roster", [1, 8]), ("visits", [9, 14])]
    suggestion = subprocess.run([*run, "--suggest"], capture_output=True, text=True, check=True).stdout
    assert "上下有几张表" in suggestion
    assert all(line.startswith("#") or not line.strip() for line in suggestion.splitlines())
    # Fed back as it is, it changes nothing.
    (raw / CORRECTIONS_FILE).write_text(suggestion, encoding="utf-8")
    result = clean(raw, jobs=1, progress=False)
    assert [p.ledger for p in _parts(result)] == ["roster", "visits"]


def test_the_clean_command_lists_each_table_of_the_sheet(tmp_path):
    rows = [TITLE, *ROSTER, [], *FUNDS]
    raw = _book(tmp_path, rows)
    out = subprocess.run([sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw), "--processed",
                          str(tmp_path / "processed")], capture_output=True, text=True, check=True).stdout
    assert "澄江村 1-7行" in out and "澄江村 8-10行" in out
    assert "1 个工作表（其中 1 个上下有几张表，分别读取）" in out


def test_a_summary_over_the_list_is_not_counted_again(tmp_path):
    """筹资总额 | 县财政 | 群众自筹 over the funds list: its 8000 is the list's sum, never a record of its own."""
    rows = [TITLE, ["筹资总额（元）", "其中：县财政", "群众自筹"], [8000, 5000, 3000], [], *FUNDS]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["funds"]["amount_yuan"].sum() == 8000.0
    assert all(p.part is None for p in _parts(result))


def test_a_summary_under_the_visit_log_is_no_funds(tmp_path):
    """慰问金 by source under the visit log (relief handed out, not funds raised): no funds record."""
    rows = [TITLE, *VISITS, [], ["慰问金来源", "金额（元）"], ["县民政局", 600], ["乡政府", 400]]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["funds"].empty
    assert len(result.frames["visits"]) == 4 and all(p.part is None for p in _parts(result))


def test_a_one_line_table_is_left_as_it_was(tmp_path):
    """One line under a header could as well be a summary: the sheet stays one table, its rows visible."""
    rows = [TITLE, *VISITS, [], *DISPUTES[:2]]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert all(p.part is None for p in _parts(result))
    assert result.frames["disputes"].empty and len(result.frames["rejects"]) >= 1


# Glued tables (no blank line between them) whose rows read, cell for cell, as the first table's.
NAMES_ROSTER = [["户主姓名", "帮扶责任人", "备注"], ["廖春生", "邹强", None], ["何秀兰", "邹强", None]]


def test_a_row_of_names_right_over_a_header_is_no_group_row(tmp_path):
    """A roster of names only, right over a visit log's header: its last entry (何秀兰 | 邹强) passed
    for a group row of that header, and the visit below naming the same household and cadre was
    skipped as the header printed again — one visit lost with nothing said. Now both visits are read,
    and the roster above, too short a table to be read on its own, is flagged, not lost unsaid."""
    visits = [["被走访户主", "走访干部", "走访日期"], ["廖春生", "邹强", "2011年3月2日"], ["何秀兰", "邹强", "2011年3月5日"]]
    rows = [TITLE, *NAMES_ROSTER, *visits]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["visits"]["household_head"].tolist() == ["廖春生", "何秀兰"]
    (only,) = _parts(result)
    assert only.skipped["header"] == 1 and only.balanced
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert sheet["flag"]["kind"] == "rows_above_header" and sheet["flag"]["rows"] == 4


def test_a_real_group_row_over_a_header_is_still_one(tmp_path):
    """序号 | 基本情况 merged over 户主姓名 | 组别, printed again down the list: still the header repeated."""
    header = [["序号", "基本情况", "基本情况", "帮扶责任人"], ["序号", "户主姓名", "组别", "帮扶责任人"]]
    entries = [[1, "廖春生", "1组", "邹强"], [2, "何秀兰", "2组", "邹强"]]
    rows = [TITLE, *header, *entries, *header, [3, "何德明", "4组", "钟华"]]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["roster"]["household_head"].tolist() == ["廖春生", "何秀兰", "何德明"]
    (only,) = _parts(result)
    assert only.skipped["header"] == 4 and not only.rejects and only.balanced


def test_another_tables_header_in_the_body_is_no_record_and_flagged(tmp_path):
    """A visit list without dates glued under a roster of texts only: its header read as a household
    (被走访, **silently wrong**) and its rows as more households. It is no table of its own (a visit
    needs its date), so the sheet stays one table — but the header is a reject saying what it is,
    and the sheet is flagged 可能识别有误, its fix in the 问题清单."""
    roster = [["户主姓名", "组别", "帮扶责任人", "备注"], ["廖春生", "1组", "邹强", None], ["何秀兰", "2组", "邹强", None]]
    visits = [["被走访户", "走访干部", "走访内容", "备注"], ["廖春生", "邹强", "入户", None], ["何秀兰", "邹强", "慰问", None]]
    rows = [TITLE, *roster, *visits]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert "被走访" not in set(result.frames["roster"]["household_head"])
    (reject,) = result.frames["rejects"].to_dict("records")
    assert reject["source_row"] == 5 and reject["reason"].startswith("这一行像是另一张表的表头（被走访户、走访干部、走访内容、备注）")
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert sheet["flag"]["kind"] == "other_header" and sheet["flag"]["row"] == 5
    assert "第5行像是另一张表的表头" in sheet["flag"]["message"]
    from sansong_analysis.publish.feedback import FLAG_FIX

    assert "单独的工作表" in FLAG_FIX["other_header"]


def test_a_header_of_another_ledger_glued_under_a_list_is_read_as_its_table(tmp_path):
    """No blank line between a roster of texts only and a funds list: each read with its header."""
    roster = [["户主姓名", "组别", "是否贫困户", "帮扶责任人"], ["廖春生", "1组", "是", "邹强"], ["何秀兰", "2组", "是", "邹强"]]
    funds = [["捐赠单位", "捐赠金额", "用途", "经办人"], ["县水保局", "5000元", "修路", "邹强"], ["县交通局", 3000, "修桥", "邹强"]]
    rows = [TITLE, *roster, *funds]
    result = clean(_book(tmp_path, rows), jobs=1, progress=False)
    assert result.frames["roster"]["household_head"].tolist() == ["廖春生", "何秀兰"]
    assert result.frames["funds"]["amount_yuan"].tolist() == [5000.0, 3000.0]
    # Read right; the donations, undated, count in no period (said).
    flags = [s["flag"] and s["flag"]["kind"] for s in result.summary()["files"][0]["sheets"]]
    assert sorted(flags, key=str) == [None, "undated_records"], flags
    _assert_every_row_counted_once(result, rows)

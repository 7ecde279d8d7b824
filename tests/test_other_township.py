"""A table counted in another township than the one its file or folder names — a title copied from another
township's ledger (黄坑乡2011年走访登记表 in 葛坳乡's folder), or a 乡镇 column saying 黄坑乡 — went to that township's
figures, unsaid. Counted where the sheet says (the folder may be the slip), the sheet flagged 乡镇可能有误. Likewise a
village: a title naming 澄江村 on a sheet, file or folder named 桥头村 is flagged 村可能有误.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.places import resolve_context

D = dt.date
HEAD = ["序号", "走访日期", "村名", "户主姓名", "走访干部"]


def _sheet_flags(result) -> list[dict]:
    return [f for file in result.summary()["files"] for s in file["sheets"]
            for f in (s.get("flag"), *(s.get("more_flags") or ())) if f and f["kind"] == "other_township"]


def _clean(tmp_path, folder: str, file: str, rows: list[list]):
    raw = tmp_path / "raw" / folder
    raw.mkdir(parents=True)
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(raw / file)
    return clean(tmp_path / "raw", jobs=1, progress=False)


def test_a_title_naming_another_township_than_the_folder_is_flagged(tmp_path):
    result = _clean(tmp_path, "葛坳乡", "走访登记.xlsx", [["黄坑乡2011年走访登记表"], HEAD, [1, D(2011, 3, 5), "澄江村", "李四", "李明"]])
    assert list(result.frames["visits"]["township"]) == ["黄坑乡"]  # counted where the sheet says
    (flag,) = _sheet_flags(result)
    assert flag["message"] == ("乡镇可能有误：文件夹名写的是葛坳乡，但第3行的1条走访登记表记录按标题计入了黄坑乡；"
                               "如是照抄了别的乡镇的表（标题、工作表名或乡镇列写错），请改正后重新报送")


def test_a_township_column_too(tmp_path):
    rows = [["2011年走访登记表"], ["序号", "走访日期", "乡镇", "村名", "户主姓名"], [1, D(2011, 3, 5), "黄坑乡", "澄江村", "张三"],
            [2, D(2011, 3, 6), "葛坳镇", "澄江村", "李四"]]  # 葛坳镇 is 葛坳乡 renamed
    result = _clean(tmp_path, "葛坳乡", "走访.xlsx", rows)
    (flag,) = _sheet_flags(result)
    assert flag["records"] == 1 and "第3行" in flag["message"] and "表中乡镇列" in flag["message"]


def test_the_same_township_or_none_filed_is_not_flagged(tmp_path):
    rows = [["葛坳乡2011年走访登记表"], HEAD, [1, D(2011, 3, 5), "澄江村", "李四", "李明"]]
    assert not _sheet_flags(_clean(tmp_path / "a", "葛坳乡", "走访登记.xlsx", rows))
    assert not _sheet_flags(_clean(tmp_path / "b", "2011年台账", "走访登记.xlsx", rows))
    # the file's own name is nearer than its folder: a 黄坑乡 file put in 葛坳乡's folder says 黄坑乡 twice
    other = [["黄坑乡2011年走访登记表"], HEAD, [1, D(2011, 3, 5), "澄江村", "李四", "李明"]]
    assert not _sheet_flags(_clean(tmp_path / "c", "葛坳乡", "黄坑乡走访登记.xlsx", other))


def test_where_a_table_is_filed():
    context = resolve_context([("标题", "黄坑乡走访登记表"), ("工作表名", "Sheet1"), ("文件名", "走访"), ("文件夹名", "葛坳乡")])
    assert (context.township, context.filed_township, context.filed_source) == ("黄坑乡", "葛坳乡", "文件夹名")


# --------------------------------------------------------------------------- the village, likewise


def _village_flags(result) -> list[dict]:
    return [f for file in result.summary()["files"] for s in file["sheets"]
            for f in (s.get("flag"), *(s.get("more_flags") or ())) if f and f["kind"] == "other_village"]


VISITS = ["走访日期", "户主姓名", "走访干部"]


def test_a_sheet_copied_for_another_village_with_the_title_left_on_it_is_flagged(tmp_path):
    """A workbook of a sheet per village, 桥头村's made by copying 澄江村's and renaming the tab: its visits went to
    澄江村 (the title comes first), unsaid, and matched none of 桥头村's households."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book = Workbook()
    book.remove(book.active)
    for name, head in (("澄江村", "张三"), ("桥头村", "李四")):
        sheet = book.create_sheet(name)
        for row in (["葛坳乡澄江村三送走访登记表"], VISITS, [D(2011, 3, 5), head, "李明"], [D(2011, 3, 6), head, "王红"]):
            sheet.append(row)
    book.save(raw / "三送台账.xlsx")
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert list(result.frames["visits"]["village"]) == ["澄江村"] * 4  # counted where the title says
    (flag,) = _village_flags(result)
    assert flag["records"] == 2 and flag["message"] == (
        "村可能有误：工作表名写的是桥头村，但第3、4行的2条走访登记表记录按标题计入了澄江村；"
        "如是照抄了别的村的表（标题或工作表名写错），请改正后重新报送")
    from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

    assert "other_village" in COUNTED_FLAGS and "村" in FLAG_FIX["other_village"]


def test_a_folder_or_file_naming_another_village_than_the_title_is_flagged(tmp_path):
    rows = [["葛坳乡澄江村三送走访登记表"], VISITS, [D(2011, 3, 5), "李四", "李明"]]
    (flag,) = _village_flags(_clean(tmp_path / "a", "葛坳乡/桥头村", "走访.xlsx", rows))
    assert "文件夹名写的是桥头村" in flag["message"]
    (flag,) = _village_flags(_clean(tmp_path / "b", "葛坳乡", "桥头村走访.xlsx", rows))
    assert "文件名写的是桥头村" in flag["message"]


def test_the_same_village_a_village_column_or_none_named_elsewhere_is_not_flagged(tmp_path):
    rows = [["葛坳乡澄江村三送走访登记表"], VISITS, [D(2011, 3, 5), "李四", "李明"]]
    assert not _village_flags(_clean(tmp_path / "a", "葛坳乡/澄江村委会", "澄江村（32户）走访.xlsx", rows))
    assert not _village_flags(_clean(tmp_path / "b", "葛坳乡", "走访.xlsx", rows))
    # a township's list filed in a village's folder names its villages in its own column: never compared
    listed = [["葛坳乡三送走访登记表"], HEAD, [1, D(2011, 3, 5), "澄江村", "李四", "李明"], [2, D(2011, 3, 6), "桥头村", "王五", "李明"]]
    assert not _village_flags(_clean(tmp_path / "c", "葛坳乡/桥头村", "走访.xlsx", listed))
    # no village in the title: the sheet's or file's name is the village, nothing to compare
    plain = [["葛坳乡三送走访登记表"], VISITS, [D(2011, 3, 5), "李四", "李明"]]
    result = _clean(tmp_path / "d", "葛坳乡", "桥头村走访.xlsx", plain)
    assert not _village_flags(result) and list(result.frames["visits"]["village"]) == ["桥头村"]


def _roster_of_two(tmp_path):
    """葛坳乡's folder holding a roster of 澄江村's 张三 and 桥头村's 李四; the folder."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    roster = Workbook()
    for row in (["葛坳乡包扶对象名单"], ["村名", "户主姓名", "是否贫困户"], ["澄江村", "张三", "是"], ["桥头村", "李四", "否"]):
        roster.active.append(row)
    roster.save(raw / "名单.xlsx")
    return raw


def test_a_tab_named_by_a_bare_word_for_another_village_is_flagged_too(tmp_path):
    """Tabs named 澄江 and 桥头 (the way tabs are named), 桥头's copied from 澄江's with 葛坳乡澄江村's title left on it: the
    bare word is told against the villages the township's other rows name (桥头村, from its roster)."""
    raw = _roster_of_two(tmp_path)
    book = Workbook()
    book.remove(book.active)
    for name, head in (("澄江", "张三"), ("桥头", "李四"), ("三月", "张三")):
        sheet = book.create_sheet(name)
        for row in (["葛坳乡澄江村三送走访登记表"], VISITS, [D(2011, 3, 5), head, "李明"]):
            sheet.append(row)
    book.save(raw / "走访.xlsx")
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    (flag,) = _village_flags(result)
    assert flag["message"].startswith("村可能有误：工作表名写的是桥头村，但第3行的1条走访登记表记录按标题计入了澄江村")
    flagged = [s["sheet"] for f in result.summary()["files"] for s in f["sheets"]
               if any(x and x["kind"] == "other_village" for x in (s.get("flag"), *(s.get("more_flags") or ())))]
    assert flagged == ["桥头"]  # 澄江 is the title's own village; 三月 names none


def test_where_a_table_is_filed_by_village():
    context = resolve_context([("标题", "葛坳乡澄江村走访登记表"), ("工作表名", "桥头村"), ("文件名", "走访"), ("文件夹名", "葛坳乡")])
    assert (context.village, context.filed_village, context.filed_village_source) == ("澄江村", "桥头村", "工作表名")


def test_a_tab_named_by_a_bare_word_where_a_village_column_writes_it_bare_too(tmp_path):
    """A 村 column elsewhere writing 澄江 (not 澄江村) beside the roster's 澄江村: the tab 澄江 under 葛坳乡澄江村's title is
    that village, not another — it was taken for the bare 澄江 the column wrote and flagged 村可能有误 (random county 73)."""
    raw = _roster_of_two(tmp_path)
    log = Workbook()
    for row in (["葛坳乡走访登记表"], HEAD, [1, D(2011, 3, 5), "澄江", "张三", "李明"], [2, D(2011, 3, 6), "桥头", "李四", "李明"]):
        log.active.append(row)
    log.save(raw / "走访.xlsx")
    book = Workbook()
    book.remove(book.active)
    for name, head in (("澄江", "张三"), ("桥头", "李四")):
        sheet = book.create_sheet(name)
        village = "澄江村" if name == "澄江" else "桥头村"
        for row in ([f"葛坳乡{village}慰问登记表"], VISITS, [D(2011, 4, 5), head, "王强"]):
            sheet.append(row)
    book.save(raw / "慰问.xlsx")
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert _village_flags(result) == []
    visits = result.frames["visits"]
    assert sorted(visits["village"]) == ["桥头村", "桥头村", "澄江村", "澄江村"]

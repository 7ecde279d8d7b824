"""A 村组 column (澄江村4组), or a household cell (4组张三, 张三（4组）), with no group column of its own
says each row's 村民小组 too.

Read as the village alone, a visit to 张三 of 澄江村4组 could not tell him from 张三 of 3组 on the roster:
the visit went unmatched and coverage was short by his household.
"""

from __future__ import annotations

from one_sheet import clean_one_sheet, write_book
from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean


def test_a_visit_log_s_village_and_group_cell_matches_the_household_of_that_group(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "村", "组", "户主姓名", "是否贫困户"],
        [1, "澄江村", "3组", "张三", "是"], [2, "澄江村", "4组", "张三", "否"], [3, "澄江村", "4组", "李四", "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡三送干部走访登记表", [
        ["序号", "姓名", "走访日期", "走访农户", "村组"],
        [1, "李明", "2011-03-05", "张三", "澄江村4组"],
        [2, "李明", "2011-03-06", "李四", "澄江村 第四村民小组"],
        [3, "李明", "2011-03-07", "张三", "澄江村"],  # no group: which 张三 is not said
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["village"]) == ["澄江村"] * 3
    assert [None if g != g else g for g in visits["group"]] == ["4组", "4组", None]
    roster = result.frames["roster"].set_index(["group", "household_head"])["household_key"]
    assert list(visits["household_key"][:2]) == [roster[("4组", "张三")], roster[("4组", "李四")]]
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["households_assigned"]) == (2, 3)


def test_a_roster_s_village_and_group_cell_and_a_sheet_per_group(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    book = Workbook()
    ws = book.active
    ws.title = "三组"  # a sheet per group: rows whose cell names no group take the sheet's
    for row in [["澄江村包扶对象名单"], ["序号", "所在村组", "户主姓名", "是否贫困户"],
                [1, "澄江村5组", "张三", "是"], [2, "澄江村", "李四", "否"]]:
        ws.append(row)
    book.save(raw / "包扶对象名单.xlsx")
    roster = clean(tmp_path / "raw", jobs=1, progress=False).frames["roster"]
    assert list(roster["village"]) == ["澄江村", "澄江村"]
    assert list(roster["group"]) == ["5组", "3组"]


def test_a_group_named_not_numbered_in_a_village_and_group_cell(tmp_path):
    # 澄江村上屋组 was read as a village of that name: no roster household in 澄江村, so both visits to
    # a 张三 went unmatched, and the township's villages counted one that does not exist.
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "户主姓名", "村组", "家庭人口", "是否贫困户"],
        [1, "张三", "澄江村上屋组", 4, "是"], [2, "张三", "澄江村委会下屋组", 3, "否"],
        [3, "李四", "澄江村工作组", 5, "否"], [4, "王五", "澄江村村民小组", 2, "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡走访登记表", [
        ["序号", "户主姓名", "村名", "组别", "走访日期", "走访人"],
        [1, "张三", "澄江村", "上屋组", "2011-03-05", "李明"], [2, "张三", "澄江村", "下屋", "2011-03-05", "李明"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    roster = result.frames["roster"]
    assert list(roster["village"][:2]) == ["澄江村", "澄江村"]
    assert list(roster["group"][:2]) == ["上屋组", "下屋组"]
    # A team of people or the bare word is no group: the cell is left as it was read.
    assert [None if g != g else g for g in roster["group"][2:]] == [None, None]
    assert list(roster["village"][2:]) == ["澄江村工作组", "澄江村村民小组"]
    keys = roster.set_index("group")["household_key"]
    assert list(result.frames["visits"]["household_key"]) == [keys["上屋组"], keys["下屋组"]]
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["households_assigned"]) == (2, 4)


def test_a_group_written_with_the_household_s_name_is_its_group(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "村", "组", "户主姓名", "是否贫困户"],
        [1, "澄江村", "3组", "张三", "是"], [2, "澄江村", "4组", "张三", "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡走访登记表", [
        ["序号", "走访日期", "被走访户主", "村"],
        [1, "2011-03-05", "4组张三", "澄江村"],
        [2, "2011-03-06", "张三（第三村民小组）", "澄江村"],
        [3, "2011-03-07", "张三(4组)★", "澄江村"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["household_head"]) == ["张三"] * 3
    assert list(visits["group"]) == ["4组", "3组", "4组"]
    roster = result.frames["roster"].set_index("group")["household_key"]
    assert list(visits["household_key"]) == [roster["4组"], roster["3组"], roster["4组"]]
    assert compute_figures(result.frames)["county"]["households_visited"] == 2


def test_a_group_named_on_a_line_of_its_own_is_the_group_of_the_rows_below(tmp_path):
    """一组 / 第二村民小组（2户） on a line above its households, no group column: the lines were skipped as notes (the
    first taken for half of a two-row header), so 张三 of 一组 and 张三 of 二组 were one household, the second
    removed as a duplicate — a household short, unsaid. Now each line gives its rows their group."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡澄江村包扶对象花名册", [
        ["序号", "户主姓名", "家庭人口", "是否贫困户"], ["第一村民小组（2户）"], [1, "张三", 4, "是"], [2, "李四", 3, "否"],
        ["二组"], [3, "张三", 5, "是"], ["新屋村"], [4, "王五", 2, "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡澄江村走访登记表", [
        ["走访日期", "被走访户主", "走访干部"], ["二组"], ["2011-03-05", "张三", "李明"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    roster = result.frames["roster"]
    assert list(roster["household_head"]) == ["张三", "李四", "张三", "王五"]
    assert list(roster["group"].fillna("")) == ["1组", "1组", "2组", ""]  # a village's line ends the last group
    assert list(roster["village"]) == ["澄江村", "澄江村", "澄江村", "新屋村"]
    visits = result.frames["visits"]
    assert list(visits["group"]) == ["2组"]
    assert visits["household_key"].iloc[0] == roster["household_key"].iloc[2]  # 二组's 张三, not 一组's
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["households_visited"]) == (4, 1)


def test_a_line_naming_several_groups_ends_the_group_above(tmp_path):
    """3-4组 on a line of its own after 二组: its households were 二组's, so a visit to 王五 of 3组 matched none (王五 of
    二组 in the roster) and the household counted unvisited, nothing said. Now they are of no one group, matched by
    village and name."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡澄江村包扶对象花名册", [
        ["序号", "户主姓名", "家庭人口", "是否贫困户"], ["一组"], [1, "张三", 4, "是"], ["二组"], [2, "李四", 3, "否"],
        ["3-4组"], [3, "王五", 5, "否"], ["第五、六组"], [4, "赵六", 2, "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡澄江村走访登记表", [
        ["走访日期", "被走访户主", "组别", "走访干部"], ["2011-03-05", "王五", "3组", "李明"], ["2011-03-06", "赵六", "6组", "李明"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert list(result.frames["roster"]["group"].fillna("")) == ["1组", "2组", "", ""]
    assert result.frames["visits"]["household_key"].notna().all()
    assert compute_figures(result.frames)["county"]["households_visited"] == 2


def test_a_group_written_with_its_name_or_unreadable_never_loses_the_household(tmp_path):
    # 3组（上屋）, 上屋（3组） were rejects (村民小组「…」无法识别): the household lost from the roster, the sheet
    # flagged 可能识别有误. Now the number; a group that cannot be read (3组、4组) is left empty and said, and
    # 家庭人口 4人（含户主） is 4.
    result, sheet = clean_one_sheet(tmp_path, [
        ["序号", "户主姓名", "村名", "组别", "是否贫困户", "家庭人口"],
        [1, "张三", "澄江村", "3组（上屋）", "是", "4人（含户主）"], [2, "李四", "澄江村", "上屋（3组）", "否", 3],
        [3, "王五", "澄江村", "3组、4组", "否", 3], [4, "赵六", "澄江村", "2组", "否", "5（其中劳力2）"],
        [5, "孙七", "澄江村", "2组", "否", 3], [6, "周八", "澄江村", "1组", "否", 3],
    ], "葛坳乡包扶对象名单")
    roster = result.frames["roster"]
    assert list(roster["household_head"]) == ["张三", "李四", "王五", "赵六", "孙七", "周八"]
    assert [None if g != g else g for g in roster["group"]] == ["3组", "3组", None, "2组", "2组", "1组"]
    assert list(roster["members"]) == [4, 3, 3, 5, 3, 3]
    assert result.frames["rejects"].empty
    assert sheet["flag"]["kind"] == "unread_cells" and "村民小组「3组、4组」无法识别" in sheet["flag"]["message"]


def test_a_group_alone_in_the_village_column_is_the_rows_group_in_the_titles_village(tmp_path):
    """村组 (or 村别) holding 3组 / 第四村民小组 on a sheet titled for 澄江村: each visit's village was 「3组」 — none
    matched the roster, coverage 0, with nothing said. Now the group, in the village the title names."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡澄江村包扶对象名单", [
        ["序号", "组", "户主姓名", "是否贫困户"], [1, "3组", "张三", "是"], [2, "4组", "张三", "否"], [3, "4组", "李四", "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡澄江村走访登记表", [
        ["序号", "户主姓名", "村组", "走访日期", "走访干部"],
        [1, "张三", "3组", "2011-03-05", "李明"], [2, "李四", "第四村民小组", "2011-03-06", "李明"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["village"]) == ["澄江村"] * 2 and list(visits["group"]) == ["3组", "4组"]
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["households_assigned"]) == (2, 3)

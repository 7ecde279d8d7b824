"""A household's address (家庭住址 葛坳乡澄江村3组12号) in a table without a village column names the row's
village and 村民小组.

Unread, a visit log listing its households by address gave every visit no village: a visit to 张三 of
上坪村 could not be told from one to 张三 of 澄江村, so both went unmatched, and the second, the same day
by the same cadre, was removed as a duplicate of the first — a visit lost and two households short.
"""

from __future__ import annotations

import pandas as pd
from one_sheet import clean_one_sheet, write_book

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean


def _clean(tmp_path, visits: list[list], roster: list[list] | None = None):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", roster or [
        ["序号", "户主姓名", "村名", "组别", "是否贫困户"],
        [1, "张三", "澄江村", "3组", "是"], [2, "张三", "上坪村", "上屋组", "否"], [3, "李四", "澄江村", "1组", "否"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡走访登记表", visits)
    return clean(tmp_path / "raw", jobs=1, progress=False)


def _missing_as_none(values) -> list:
    return [None if pd.isna(v) else v for v in values]


def test_the_village_and_group_of_an_address_match_the_visit_to_its_household(tmp_path):
    result = _clean(tmp_path, [
        ["序号", "户主姓名", "家庭住址", "走访日期", "走访人"],
        [1, "张三", "葛坳乡澄江村三组12号", "2011-03-05", "李明"],
        [2, "张三", "上坪村上屋组", "2011-03-05", "李明"],
        [3, "李四", "江西省安远县葛坳乡澄江村委会", "2011-03-06", "李明"],
    ])
    visits, roster = result.frames["visits"], result.frames["roster"]
    assert list(visits["village"]) == ["澄江村", "上坪村", "澄江村"]
    assert _missing_as_none(visits["group"]) == ["3组", "上屋组", None]
    keys = roster.set_index(["village", "household_head"])["household_key"]
    assert list(visits["household_key"]) == [keys[("澄江村", "张三")], keys[("上坪村", "张三")], keys[("澄江村", "李四")]]
    assert result.frames["duplicates"].empty
    county = compute_figures(result.frames)["county"]
    assert (county["visits"], county["households_visited"], county["households_assigned"]) == (3, 3, 3)
    # Only the place is read: the house number is in no frame.
    for frame in result.frames.values():
        assert not frame.astype(str).apply(lambda column: column.str.contains("12号")).any().any()


def test_an_address_in_another_township_or_naming_no_village_says_nothing(tmp_path):
    result = _clean(tmp_path, [
        ["序号", "户主姓名", "住址", "走访日期", "走访人"],
        [1, "李四", "黄坑乡澄江村", "2011-03-05", "李明"],
        [2, "李四", "葛坳乡政府旁", "2011-03-06", "李明"],
        [3, "李四", "葛坳镇澄江村1组", "2011-03-07", "李明"],  # 葛坳乡 become a 镇: the same township
    ])
    visits = result.frames["visits"]
    assert _missing_as_none(visits["village"]) == [None, None, "澄江村"]
    # Matched all the same: one 李四 in the township's roster.
    assert visits["household_key"].notna().all()


def test_a_village_column_comes_before_the_address(tmp_path):
    result = _clean(tmp_path, [
        ["序号", "户主姓名", "村名", "家庭住址", "走访日期", "走访人"],
        [1, "张三", "上坪村", "澄江村3组", "2011-03-05", "李明"],
    ])
    assert list(result.frames["visits"]["village"]) == ["上坪村"]


def test_a_roster_s_address_gives_its_households_their_village_and_group(tmp_path):
    result = _clean(tmp_path, [
        ["序号", "户主姓名", "村名", "组别", "走访日期", "走访人"],
        [1, "张三", "澄江村", "3组", "2011-03-05", "李明"], [2, "张三", "上坪村", "上屋组", "2011-03-05", "李明"],
    ], roster=[
        ["序号", "户主姓名", "家庭住址", "家庭人口", "是否贫困户"],
        [1, "张三", "澄江村3组", 4, "是"], [2, "张三", "上坪村上屋组8号", 3, "否"],
    ])
    roster, visits = result.frames["roster"], result.frames["visits"]
    assert list(roster["village"]) == ["澄江村", "上坪村"]
    assert list(roster["group"]) == ["3组", "上屋组"]
    assert list(visits["household_key"]) == list(roster["household_key"])


def test_a_project_s_site_names_its_village_where_no_column_does(tmp_path):
    """建设地点 澄江村三组 with no 村 column: every project had no village (counted in the township only, missing from
    the villages' tables). The site's one village is the project's; a site naming two (a road 澄江村至上坪村) none."""
    rows = [["序号", "项目名称", "建设地点", "投资（万元）", "受益农田（亩）"], [1, "水渠修复", "澄江村三组", 5, 300],
            [2, "道路硬化", "葛坳乡上坪村", 12.5, None], [3, "通村公路", "澄江村至上坪村", 3, None], [4, "路灯", "县城", 1, None]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡项目建设台账")
    projects = result.frames["projects"]
    assert _missing_as_none(projects["village"]) == ["澄江村", "上坪村", None, None] and sheet["rejects"] == 0
    assert "address" not in projects.columns
    rows[0][2:3] = ["实施地点"]
    rows[0].insert(2, "村别")
    for i, row in enumerate(rows[1:]):
        row.insert(2, "新屋村" if i == 0 else None)
    result, _ = clean_one_sheet(tmp_path / "with_village", rows, "葛坳乡项目建设台账")
    assert result.frames["projects"]["village"].iloc[0] == "新屋村"  # a 村 column is read, never the site


def test_where_a_visit_was_made_names_its_village_where_no_column_does(tmp_path):
    """走访地点 澄江村3组 in a township's log without a 村 column: the two 张三 of the township could not be told apart,
    both visits unmatched (0 of 2 visited, said only as visits not matched). Read like an address; a place naming
    no village (村部, 田间) says nothing."""
    result = _clean(tmp_path, [
        ["序号", "走访日期", "走访地点", "户主姓名", "走访人"],
        [1, "2011-03-05", "澄江村3组", "张三", "李明"],
        [2, "2011-03-06", "上坪村", "张三", "李明"],
        [3, "2011-03-07", "田间", "李四", "李明"],
    ])
    visits = result.frames["visits"]
    assert _missing_as_none(visits["village"]) == ["澄江村", "上坪村", None]
    assert visits["household_key"].notna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["households_assigned"]) == (3, 3)
    assert "address" not in visits.columns


def test_where_a_dispute_arose_names_its_village_and_group(tmp_path):
    rows = [["时间", "地点", "当事人", "纠纷简要情况", "是否调处成功"], ["2011-03-05", "澄江村3组", "张三、李四", "宅基地", "是"],
            ["2011-03-06", "上坪村", "王五、赵六", "山林界址", "否"], ["2011-03-07", "乡政府", "钱七", "债务", "否"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    disputes = result.frames["disputes"]
    assert _missing_as_none(disputes["village"]) == ["澄江村", "上坪村", None] and sheet["rejects"] == 0
    assert _missing_as_none(disputes["group"]) == ["3组", None, None] and "address" not in disputes.columns

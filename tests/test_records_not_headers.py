"""A record whose cells are words a header uses is still a record.

A list of people writes 户主 down its 与户主关系 column, 贫困户 / 一般户 down its 类别 column and 第一村民小组
down its 组别 column: each is a heading of some ledger, so a head's row read as a header's — two headings,
few values — and scored higher than the real header above it (类别 names no field until its values are
looked at). The sheet was read from a head's row down: every household above it lost, the rest rejected
户主「户主」不是一户, the county's households a fraction of the truth. A roster whose first record is
1 | 第4村民小组 | 丁海军 | 贫困户 under 序号 | 组别 | 户主 | 户别 lost that household and its group column, nothing
said. A row is a record, never a header, where its serial number goes on from the row above or below it,
or where it holds a number or date and its heading words recur down the same columns in the rows around it.
"""

from __future__ import annotations

from sansong_analysis.figures import compute_figures
from tests.one_sheet import clean_one_sheet

HEADER = ["序号", "村", "组别", "姓名", "与户主关系", "年龄", "类别"]
PEOPLE = [
    [1, "黄竹村", "第一村民小组", "吕华", "户主", 66, "一般户"],
    [2, "黄竹村", "第三村民小组", "肖明", "户主", 38, "贫困户"],
    [None, "黄竹村", "第三村民小组", "曹海军", "孙子", 11, None],
    [None, "黄竹村", "第三村民小组", "余桂英", "妻子", 46, None],
    [3, "黄竹村", "第二村民小组", "苏芳", "户主", 56, "贫困户"],
    [None, "黄竹村", "第二村民小组", "李芳", "母亲", 80, None],
    [4, "上坪村", "第四村民小组", "彭长根", "户主", 45, "贫困户"],
    [5, "上坪村", "第一村民小组", "胡金花", "户主", 51, "一般户"],
    [None, "上坪村", "第一村民小组", "任春生", "长子", 30, None],
]


def _county(result) -> dict:
    return compute_figures(result.frames)["county"]


def test_a_people_list_is_read_from_its_header(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, [HEADER, *PEOPLE], title="葛坳乡三送帮扶对象家庭成员花名册")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1), sheet
    assert result.frames["roster"]["household_head"].tolist() == ["吕华", "肖明", "苏芳", "彭长根", "胡金花"]
    assert result.frames["rejects"].empty
    county = _county(result)
    assert (county["households_assigned"], county["poor_households_assigned"]) == (5, 3)


def test_a_people_list_without_serial_numbers(tmp_path):
    """No 序号 to go by: the head's words recur down their columns (户主, the village, the kind)."""
    rows = [HEADER[1:], *(row[1:] for row in PEOPLE[:4])]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡三送帮扶对象家庭成员花名册")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1), sheet
    assert result.frames["roster"]["household_head"].tolist() == ["吕华", "肖明"]
    assert (_county(result)["households_assigned"], _county(result)["poor_households_assigned"]) == (2, 1)


def test_the_first_record_is_no_second_header_row(tmp_path):
    rows = [["序号", "组别", "户主", "户别"], [1, "第4村民小组", "丁海军", "贫困户"], [2, "第3村民小组", "冯华", "一般户"],
            [3, "第1村民小组", "李强", "一般户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡澄江村三送包扶对象名单")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1), sheet
    roster = result.frames["roster"]
    assert roster["household_head"].tolist() == ["丁海军", "冯华", "李强"]
    assert roster["group"].tolist() == ["4组", "3组", "1组"]
    assert roster["is_poor"].tolist() == [True, False, False]


def test_a_header_printed_again_at_a_page_break_is_still_a_header(tmp_path):
    """The header written again (every cell the same) is no record the header's words recur in."""
    header = ["序号", "户主姓名", "组别", "是否贫困户"]
    rows = [header, *([n, name, "1组", "是"] for n, name in enumerate(("张明", "李华", "王强"), start=1)), header,
            *([n, name, "2组", "否"] for n, name in enumerate(("刘芳", "陈刚"), start=4))]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡澄江村三送包扶对象名单")
    assert sheet["skipped_by_kind"]["title"] == 1 and sheet["skipped_by_kind"]["header"] == 2
    assert len(result.frames["roster"]) == 5


def test_a_header_whose_words_its_column_repeats_is_still_a_header(tmp_path):
    """贫困户 over a column saying 贫困户 down its rows: a row of labels alone, no number or date, is never taken for
    a record for that (only a row holding a value is: 年龄 66, 序号 3)."""
    rows = [["户主姓名", "组别", "贫困户"], ["张三", "1组", "贫困户"], ["李四", "1组", ""], ["王五", "2组", "贫困户"], ["赵六", "2组", "贫困户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡澄江村三送包扶对象名单")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1)
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, True, True]


def test_a_people_list_with_no_number_in_it(tmp_path):
    """No 序号 and no 年龄: a head's row (黄竹村 | 第三村民小组 | 肖明 | 户主 | 贫困户) under the header was taken for the header
    (1 household of 4, nothing said), then for another table's header (rejected). Under a row of labels, a row whose
    heading words recur down their columns around it is a record."""
    rows = [[row[1], row[2], row[3], row[4], row[6]] for row in [HEADER, *PEOPLE]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡三送帮扶对象家庭成员花名册")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1)
    assert result.frames["rejects"].empty and sheet.get("flag") is None
    assert result.frames["roster"]["household_head"].tolist() == ["吕华", "肖明", "苏芳", "彭长根", "胡金花"]
    assert (_county(result)["households_assigned"], _county(result)["poor_households_assigned"]) == (5, 3)


def test_the_first_record_of_a_people_list_is_no_second_header_row(tmp_path):
    """桥头村 | 第四村民小组 | 冯春生 | 户主 | 贫困户 right under the header, three of its five words headings: it was read as
    the header's second row (its head lost, the columns named by it unread, the heads rejected 户主「户主」)."""
    rows = [["村", "所在组", "姓名", "与户主关系", "类别"], ["桥头村", "第四村民小组", "冯春生", "户主", "贫困户"],
            ["桥头村", "第四村民小组", "何秀英", "长子", None], ["桥头村", "第一村民小组", "沈强", "户主", "一般户"],
            ["桥头村", "第一村民小组", "任春生", "长子", None], ["桥头村", "第四村民小组", "潘冬梅", "户主", "贫困户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡三送帮扶对象家庭成员花名册")
    assert (sheet["skipped_by_kind"]["title"], sheet["skipped_by_kind"]["header"]) == (1, 1)
    assert result.frames["rejects"].empty
    assert result.frames["roster"]["household_head"].tolist() == ["冯春生", "沈强", "潘冬梅"]
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, True]


def test_heads_with_no_members_between_and_no_number(tmp_path):
    """Three heads one under another, no member, no number: each head's row read as another table's header (two of
    three rejected) — the rows next to one another were not compared. In a table's body they are."""
    rows = [["村", "组别", "姓名", "与户主关系", "户类型"], ["上坪村", "第二村民小组", "吴德华", "户主", "贫困户"],
            ["上坪村", "第一村民小组", "姚德华", "户主", "一般户"], ["上坪村", "第三村民小组", "程秀英", "户主", "贫困户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡三送帮扶对象家庭成员花名册")
    assert result.frames["rejects"].empty and sheet.get("flag") is None
    assert result.frames["roster"]["household_head"].tolist() == ["吴德华", "姚德华", "程秀英"]
    assert result.frames["roster"]["is_poor"].tolist() == [True, False, True]

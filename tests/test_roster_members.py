"""A list of people is a roster of its heads: 姓名 | 与户主关系 lists every member of each household.

Registers of households in hardship (建档立卡) list each person with their relation to the head.
Read as a roster, every person was one more household — households assigned three times over,
coverage a third of the truth: **silently wrong**. Now where the relation column names heads, a
household is its head's row; the members' rows are skipped (counted as notes), accounted for.
"""

from __future__ import annotations

from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean

PEOPLE = [["葛坳乡澄江村结对帮扶对象花名册"], ["序号", "姓名", "与户主关系", "性别", "组别", "帮扶责任人"],
          [1, "何秀兰", "户主", "女", "1组", "邹强"], [None, "何强", "儿子", "男", "1组", "邹强"],
          [None, "李梅", "儿媳", "女", "1组", "邹强"], [2, "廖春生", "户主", "男", "1组", "邹强"],
          [None, "廖小明", "孙子", "男", "1组", "邹强"]]


def _clean(tmp_path, rows):
    book = Workbook()
    ws = book.active
    ws.title = "花名册"
    for row in rows:
        ws.append(row)
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    book.save(raw / "葛坳乡" / "花名册.xlsx")
    result = clean(raw, jobs=1, progress=False)
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    return result, sheet


def test_a_household_is_its_heads_row(tmp_path):
    result, sheet = _clean(tmp_path, PEOPLE)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert compute_figures(result.frames)["county"]["households_assigned"] == 2
    assert sheet["skipped_by_kind"]["note"] == 3 and result.frames["duplicates"].empty


def test_members_under_a_head_column_are_no_duplicates_to_fix(tmp_path):
    rows = [["葛坳乡新屋村结对帮扶对象花名册"], ["户主姓名", "家庭成员", "关系", "组别", "帮扶责任人"],
            ["钟华", "钟华", "本人", "2组", "邹强"], ["钟华", "王丽", "妻", "2组", "邹强"], ["邹平", "邹平", "户主", "2组", "邹强"]]
    result, _ = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["钟华", "邹平"]
    assert result.frames["duplicates"].empty


def test_a_relation_column_naming_no_head_reads_every_row(tmp_path):
    """结对关系 | 一对一 is no family relation: every row its own household, as before."""
    rows = [["葛坳乡澄江村结对帮扶花名册"], ["户主姓名", "组别", "关系", "帮扶责任人"],
            ["何秀兰", "1组", "一对一", "邹强"], ["廖春生", "1组", "一对一", "邹强"]]
    result, _ = _clean(tmp_path, rows)
    assert len(result.frames["roster"]) == 2


def test_a_yes_no_head_column_marks_the_households(tmp_path):
    """姓名 | 是否户主 (是/否): each person listed, the heads marked 是 — five people were five households."""
    rows = [["葛坳乡澄江村结对帮扶对象花名册"], ["序号", "姓名", "是否户主", "性别", "组别", "帮扶责任人"],
            [1, "何秀兰", "是", "女", "1组", "邹强"], [2, "何强", "否", "男", "1组", "邹强"],
            [3, "廖春生", "√", "男", "1组", "邹强"], [4, "廖小明", "否", "男", "1组", "邹强"],
            [5, "李梅", "×", "女", "1组", "邹强"]]
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert compute_figures(result.frames)["county"]["households_assigned"] == 2
    assert sheet["skipped_by_kind"]["note"] == 3


def test_members_named_under_their_household_without_a_relation_column(tmp_path):
    """户主 | 家庭成员姓名 and no relation column: the head's own row names the head again, the members'
    rows below leave 户主 blank (were rejects, 缺少户主, and the sheet flagged 可能识别有误) or repeat it
    (were duplicate households, which the 问题清单 told the team to remove)."""
    rows = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "户主姓名", "家庭成员姓名", "性别", "年龄", "是否贫困户"],
            [1, "何秀兰", "何秀兰", "女", 50, "是"], [None, None, "何强", "男", 28, None], [None, "", "李梅", "女", 27, None],
            [2, "廖春生", "廖春生", "男", 60, "否"], [None, "廖春生", "廖小明", "男", 8, "否"]]
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert result.frames["rejects"].empty and result.frames["duplicates"].empty
    assert sheet["skipped_by_kind"]["note"] == 3 and sheet["flag"] is None
    assert compute_figures(result.frames)["county"]["poor_households_assigned"] == 1


def test_a_member_column_listing_others_on_the_heads_row_skips_nothing(tmp_path):
    """家庭成员 李梅、何强 on each household's row, no head named as a member anywhere: every row a household;
    a row with no head stays a reject, never taken for a member."""
    rows = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "户主姓名", "家庭成员", "是否贫困户"],
            [1, "何秀兰", "何强、李梅", "是"], [2, "廖春生", "廖小明", "否"], [3, None, "钟华", "否"]]
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert list(result.frames["rejects"]["reason"]) == ["缺少户主。"]


def test_a_persons_name_beside_the_head_column_marks_the_members(tmp_path):
    """姓名 | 性别 | 户主姓名: a row per person, each naming its household's head. The members' rows were duplicate
    households, which the 问题清单 told the team to delete; now skipped as members, the head's own row (姓名 = 户主)
    the household."""
    rows = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "姓名", "性别", "年龄", "户主姓名", "是否贫困户"],
            [1, "何秀兰", "女", 50, "何秀兰", "是"], [2, "何强", "男", 28, "何秀兰", "是"], [3, "李梅", "女", 27, "何秀兰", "是"],
            [4, "廖春生", "男", 60, "廖春生", "否"]]
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert result.frames["rejects"].empty and result.frames["duplicates"].empty
    assert sheet["records"] == 2 and sheet["skipped_by_kind"]["note"] == 2 and sheet["flag"] is None


def test_members_numbered_under_their_household_are_its_members(tmp_path):
    """1 | 张三 then 1-1 | 李梅, 1-2 | 张小明: the household's members numbered under it were households of their own."""
    rows = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "姓名", "是否贫困户"], [1, "何秀兰", "是"], ["1-1", "何强", None],
            ["1-2", "李梅", None], [2, "廖春生", "否"]]
    result, sheet = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "廖春生"]
    assert sheet["skipped_by_kind"]["note"] == 2
    by_group = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "姓名", "是否贫困户"], ["1-1", "何秀兰", "是"], ["1-2", "何强", "否"],
                ["2-1", "廖春生", "否"]]
    result, _ = _clean(tmp_path / "by_group", by_group)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "何强", "廖春生"]  # numbered by group


def test_a_household_numbered_1_1_after_1_is_a_household(tmp_path):
    rows = [["葛坳乡澄江村帮扶对象花名册"], ["序号", "姓名", "是否贫困户"], [1, "何秀兰", "是"], [1.1, "何强", "否"],
            [2, "廖春生", "否"]]
    result, _ = _clean(tmp_path, rows)
    assert result.frames["roster"]["household_head"].tolist() == ["何秀兰", "何强", "廖春生"]

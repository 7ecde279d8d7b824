"""Households benefited are households: a 受益户数 cell counting people (56人) or a column headed 受益户数（人）
was read as that many households, and the brief said 惠及农户…户 of people. Now such a cell is not read, its
project kept (受益户数 is no figure's record) and the sheet flagged 部分单元格无法识别.
"""

from __future__ import annotations

from one_sheet import clean_one_sheet as _clean

PROJECTS = "葛坳乡2011年办实事项目台账"


def _flag(sheet: dict, kind: str) -> dict | None:
    found = [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f and f["kind"] == kind]
    return found[0] if found else None


def test_a_cell_counting_people_is_not_households(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "受益户数"], ["澄江村", "水渠", 300, "56户"], ["新屋村", "机耕道", 100, "230人"],
            ["新屋村", "山塘", 50, 12], ["新屋村", "小桥", 20, "40（户）"], ["新屋村", "渡槽", 10, "90（人）"],
            ["新屋村", "水井", 5, 8], ["新屋村", "河堤", 60, 30]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert list(projects["households_benefited"].astype("Float64").fillna(-1)) == [56, -1, 12, 40, -1, 8, 30]
    assert list(projects["farmland_mu"]) == [300.0, 100.0, 50.0, 20.0, 10.0, 5.0, 60.0]  # every project kept
    message = _flag(sheet, "unread_cells")["message"]
    assert "第4行受益户数「230人」是人数，不是户数，不予计入" in message
    assert "第7行受益户数「90（人）」是人数，不是户数，不予计入" in message


def test_a_column_headed_in_people_is_not_read(tmp_path):
    rows = [["村名", "项目名称", "受益农田（亩）", "受益户数（人）"], ["澄江村", "水渠", 300, 230], ["新屋村", "机耕道", 100, 80]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert projects["households_benefited"].isna().all() and len(projects) == 2
    assert _flag(sheet, "unread_cells")["records"] == 2


def test_households_are_read_as_before(tmp_path):
    rows = [["村名", "项目名称", "受益户数（户）", "家庭人口"], ["澄江村", "水渠", 56, "4人"]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    assert list(result.frames["projects"]["households_benefited"]) == [56]
    assert _flag(sheet, "unread_cells") is None


def test_people_benefited_counted_in_households_are_households(tmp_path):
    """受益群众（户） was no column (its households lost); now 受益群众户数, where 受益群众（人） stays unread."""
    rows = [["村名", "项目名称", "受益农田（亩）", "受益群众（户）", "受益群众（人）"], ["澄江村", "水渠", 300, 56, 230],
            ["新屋村", "机耕道", 100, 12, 40]]
    result, _ = _clean(tmp_path, rows, PROJECTS)
    assert list(result.frames["projects"]["households_benefited"]) == [56, 12]
    people = [["村名", "项目名称", "受益农田（亩）", "受益群众（人）"], ["澄江村", "水渠", 300, 230]]
    result, _ = _clean(tmp_path / "people", people, PROJECTS)
    assert result.frames["projects"]["households_benefited"].isna().all()


def test_a_part_named_in_brackets_keeps_the_whole(tmp_path):
    """300亩（新增100亩） made the project a reject (受益农田无法识别: its farmland lost); 56户（贫困户12户） left 受益户数
    unread. The whole is the figure; a note adding to it (另新增) or a part more than it is not read so."""
    rows = [["村名", "项目名称", "受益农田（亩）", "受益户数"], ["澄江村", "水渠", "300亩（新增100亩）", "56户（贫困户12户）"],
            ["新屋村", "山塘", "200亩（另新增50亩）", 20]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert list(projects["farmland_mu"]) == [300.0] and list(projects["households_benefited"]) == [56]
    assert sheet["rejects"] == 1


def test_households_written_with_their_people_are_the_households(tmp_path):
    """30户120人 (households and their people in one cell, as a 受益户数（人口） column writes them) was unread
    (flagged 部分单元格无法识别); its households are the first. 120人30户 is not read so (which is which?)."""
    rows = [["村名", "项目名称", "受益农田（亩）", "受益户数"], ["澄江村", "水渠", 300, "30户120人"],
            ["新屋村", "机耕道", 100, "12户（45人）"], ["新屋村", "山塘", 50, "8户/30人"], ["新屋村", "小桥", 20, "120人30户"]]
    result, sheet = _clean(tmp_path, rows, PROJECTS)
    projects = result.frames["projects"]
    assert list(projects["households_benefited"].astype("Float64").fillna(-1)) == [30, 12, 8, -1]
    assert _flag(sheet, "unread_cells")["records"] == 1

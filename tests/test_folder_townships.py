"""A township's folder named by a bare word (葛坳, not 葛坳乡).

Filed raw/葛坳/…, a ledger whose title, tab and file name name no township had every row rejected
无法确定所属乡镇 — in a county whose other ledgers say 葛坳乡 plainly. Now a top folder's bare word is the township
the rest of the county names so (葛坳乡; or 葛坳 itself where a 乡镇 column writes it so), read from
``文件夹名（乡镇简称）``; where nothing else names such a township the rows stay rejects, the reason saying how to
name the folder.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.places import FOLDER_WORD_SOURCE

ROSTER = [["序号", "村", "户主姓名", "是否贫困户"], [1, "澄江村", "张三", "是"], [2, "澄江村", "李四", "否"], [3, "葛坳村", "王五", "否"]]
VISITS = [["序号", "村", "户主姓名", "走访日期", "走访人", "走访形式"],
          [1, "澄江村", "张三", dt.datetime(2011, 3, 5), "李明", "入户走访"],
          [2, "澄江村", "李四", dt.datetime(2011, 3, 6), "李明", "入户走访"]]


def _county(tmp_path, books: dict[str, dict[str, list]]):
    raw = tmp_path / "raw"
    for path, sheets in books.items():
        write_sheets(raw / path, sheets)
    return clean(raw, jobs=1, progress=False)


def test_a_bare_folder_is_the_township_the_county_names_so(tmp_path):
    result = _county(tmp_path, {"葛坳/葛坳乡包扶对象名单.xlsx": {"名单": [["包扶对象名单"], *ROSTER]},
                                "葛坳/走访登记表.xlsx": {"走访": [["三送走访登记表"], *VISITS]}})
    assert result.frames["rejects"].empty
    visits = result.frames["visits"]
    assert set(visits["township"]) == {"葛坳乡"} and visits["household_key"].notna().all()
    (place,) = result.summary()["places"]
    assert place["township"] == "葛坳乡" and place["read_from"] == {"文件名": 3, FOLDER_WORD_SOURCE: 2}
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["households_visited"], county["visits"]) == (3, 2, 2)


def test_a_townships_column_writing_the_bare_name(tmp_path):
    """The county's list writes 葛坳 in its 乡镇 column: the folder 葛坳 is that township."""
    disputes = [["安远县矛盾纠纷汇总表"], ["序号", "乡镇", "村", "受理日期", "纠纷类型", "调处结果"],
                [1, "葛坳", "澄江村", dt.datetime(2011, 3, 5), "邻里纠纷", "已化解"]]
    result = _county(tmp_path, {"汇总表.xlsx": {"汇总": disputes}, "葛坳/走访登记表.xlsx": {"走访": [["三送走访登记表"], *VISITS]}})
    assert result.frames["rejects"].empty
    assert set(result.frames["visits"]["township"]) == {"葛坳"} == set(result.frames["disputes"]["township"])


def test_a_bare_folder_naming_no_township_of_the_county_leaves_its_rows_rejects(tmp_path):
    """Nothing else names a township 葛坳…: the word may be anything (a village's folder, 台账); the rows are rejects,
    the reason saying how to name the folder. So are a village folder's (澄江, with 澄江村 a village)."""
    result = _county(tmp_path, {"黄坑乡/黄坑乡包扶对象名单.xlsx": {"名单": [["包扶对象名单"], *ROSTER]},
                                "葛坳/走访登记表.xlsx": {"走访": [["三送走访登记表"], *VISITS]},
                                "澄江/走访登记表.xlsx": {"走访": [["三送走访登记表"], *VISITS]}})
    rejects = result.frames["rejects"]
    assert len(rejects) == 4 and rejects["township"].isna().all()
    assert set(rejects["reason"]) == {
        f"无法确定所属乡镇：表中没有乡镇列，标题、工作表名和文件名中也没有乡镇名，文件夹名「{word}」不是完整的乡镇名，"
        f"其他台账中也没有这样名字的乡镇（请把文件夹改名为「{word}乡」或「{word}镇」）。" for word in ("葛坳", "澄江")}
    assert result.frames["visits"].empty
    for f in result.summary()["files"]:
        for sheet in f["sheets"]:
            assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    assert sorted(s["rejects"] for f in result.summary()["files"] for s in f["sheets"]) == [0, 2, 2]


def test_the_folders_word_names_no_village_of_its_rows(tmp_path):
    """葛坳乡 has a village 葛坳村: rows filed under 葛坳 that name no village are not 葛坳村's (the folder is the
    township's); a tab's bare word still names a village."""
    visits = [["序号", "户主姓名", "走访日期", "走访人", "走访形式"], [1, "王五", dt.datetime(2011, 3, 5), "李明", "入户走访"]]
    result = _county(tmp_path, {"葛坳/葛坳乡包扶对象名单.xlsx": {"名单": [["包扶对象名单"], *ROSTER]},
                                "葛坳/走访登记表.xlsx": {"走访": [["三送走访登记表"], *visits], "澄江": [["三送走访登记表"], *visits]}})
    villages = result.frames["visits"].set_index("source_sheet")["village"]
    assert villages["澄江"] == "澄江村" and villages.isna()["走访"]


def test_inspect_says_the_township_waits_for_the_county(tmp_path):
    from sansong_analysis.ingest.inspect import inspect_path, render_text

    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳" / "走访登记表.xlsx", {"走访": [["三送走访登记表"], *VISITS]})
    text = render_text(inspect_path(raw / "葛坳" / "走访登记表.xlsx", raw=raw))
    assert "乡镇待定：文件夹名「葛坳」不是完整的乡镇名" in text


def test_a_title_cutting_the_township_filed_under_its_bare_word(tmp_path):
    """县直机关三百山镇… reads 百山镇 (three characters before a suffix are read whole only at a text's start); filed under
    三百山 it is 三百山镇, as under 三百山镇 (two tabs so titled are no one sheet's stray reading)."""
    log = [["县直机关三百山镇澄江村三送走访登记表"], *VISITS]
    result = _county(tmp_path, {"三百山/三百山镇包扶对象名单.xlsx": {"名单": [["包扶对象名单"], *ROSTER]},
                                "三百山/走访登记表.xlsx": {"三月": log, "四月": log}})
    assert set(result.frames["visits"]["township"]) == {"三百山镇"}
    assert [p["township"] for p in result.summary()["places"]] == ["三百山镇"]


def test_folders_below_others_and_above_a_villages(tmp_path):
    """raw/2011年台账/葛坳/澄江/…: the first bare word naming a township of the county (葛坳 → 葛坳乡) is the township, the
    top folder 2011年台账 naming none; the village's folder below it (澄江) still names the village."""
    visits = [["序号", "户主姓名", "走访日期", "走访人", "走访形式"], [1, "张三", dt.datetime(2011, 3, 5), "李明", "入户走访"]]
    result = _county(tmp_path, {"2011年台账/葛坳/葛坳乡包扶对象名单.xlsx": {"名单": [["包扶对象名单"], *ROSTER]},
                                "2011年台账/葛坳/澄江/走访登记表.xlsx": {"走访": [["三送走访登记表"], *visits]}})
    assert result.frames["rejects"].empty
    visit = result.frames["visits"].iloc[0]
    assert (visit["township"], visit["village"]) == ("葛坳乡", "澄江村") and visit["household_key"] is not None

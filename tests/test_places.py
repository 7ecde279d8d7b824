"""Township and village from titles, sheet names, file names and folders."""

import datetime as dt

import pytest
from openpyxl import Workbook

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.places import (
    Places,
    bare_name_map,
    month_in_sources,
    places_in_text,
    resolve_context,
    suffix_variant_map,
    year_in_sources,
)


@pytest.mark.parametrize(
    ("text", "township", "village"),
    [
        ("黄坑乡新屋村2011年走访登记表", "黄坑乡", "新屋村"),
        ("黄坑乡2011年走访登记表", "黄坑乡", None),
        ("龙布镇人民政府", "龙布镇", None),
        ("安远县龙布镇人民政府", "龙布镇", None),
        ("新屋村结对帮扶花名册", None, "新屋村"),
        ("新屋村", None, "新屋村"),
        ("新屋下村台账", None, "新屋下村"),
        ("2011年3月", None, None),
        ("3月", None, None),
        ("Sheet1", None, None),
        ("01_黄坑乡2011年三送台账", "黄坑乡", None),
        ("县水保局驻黄坑乡新屋村三送工作组", "黄坑乡", "新屋村"),
        ("驻乡村三送工作组走访登记表", None, None),
        ("各乡镇走访情况汇总表", None, None),
        ("三乡镇", "三乡镇", None),
        ("五指山镇水满村", "五指山镇", "水满村"),
        ("城东街道城东社区居委会", "城东街道", "城东社区"),
        ("新屋村村委会", None, "新屋村"),
        ("黄坑乡 新屋村 第1村民小组", "黄坑乡", "新屋村"),
        ("孔田镇走访记录", "孔田镇", None),
        # 乡村 after a name, before a word of the village level: the township's 乡 (its 村级, 村组, 村民 … work).
        ("葛坳乡村级三送走访记录", "葛坳乡", None),
        ("葛坳乡村组干部走访登记表", "葛坳乡", None),
        ("葛坳乡村民小组走访记录", "葛坳乡", None),
        ("葛坳乡村干部包扶花名册", "葛坳乡", None),
        ("葛坳乡村两委干部走访情况", "葛坳乡", None),
        ("美丽乡村建设台账", None, None),
        ("统筹城乡村级发展情况", None, None),
        ("葛坳乡村三送工作走访台账", "葛坳乡", None),
        ("黄坑乡村庄整治项目台账", "黄坑乡", None),
        ("县交通局驻乡村三送工作组走访登记表", None, None),
        ("葛坳乡乡村振兴走访记录", "葛坳乡", None),
        # Two villages named (one team's two villages): neither is the place.
        ("葛坳乡澄江村、桥头村三送走访登记表", "葛坳乡", None),
        ("葛坳乡澄江、桥头村走访登记表", "葛坳乡", None),
        ("葛坳乡澄江、桥头两村", "葛坳乡", None),
        ("葛坳乡澄江村和桥头村走访", "葛坳乡", None),
        ("李明、王红澄江村走访", None, "澄江村"),
        ("葛坳乡上村村走访", "葛坳乡", "上村村"),
        ("葛坳乡澄江村（原桥头村）走访记录", "葛坳乡", "澄江村"),  # a merged village's former name
        ("葛坳乡原头村走访记录", "葛坳乡", "原头村"),
        ("葛坳乡和平新村走访记录", "葛坳乡", "和平新村"),  # 和 begins a name here, lists nothing
        # An administrative village written as such is that village; the words alone, or a natural village, name none.
        ("葛坳乡澄江行政村三送走访登记表", "葛坳乡", "澄江村"),
        ("澄江行政村委会", None, "澄江村"),
        ("葛坳乡行政村走访汇总", "葛坳乡", None),
        ("各行政村走访情况", None, None),
        ("全县20个行政村走访情况", None, None),
        ("上屋自然村走访记录", None, None),
        ("葛坳乡澄江村上屋自然村走访", "葛坳乡", "澄江村"),
        # A kind of village (贫困村, 挂点村, 示范村) is no village's name; a village's 村 before 干部 or 级 is its own.
        ("葛坳乡贫困村走访情况", "葛坳乡", None),
        ("县直单位挂点村走访", None, None),
        ("葛坳乡示范村建设项目", "葛坳乡", None),
        ("葛坳乡澄江村（贫困村）走访", "葛坳乡", "澄江村"),
        ("葛坳乡澄江村干部包扶名单", "葛坳乡", "澄江村"),
        ("葛坳乡澄江村组干部名单", "葛坳乡", "澄江村"),
        ("澄江村级三送台账", None, "澄江村"),
        ("葛坳乡村干部包扶名单", "葛坳乡", None),
        ("葛坳乡各村组干部", "葛坳乡", None),
        ("葛坳乡联系村干部名单", "葛坳乡", None),
        ("上屋村民小组走访", None, None),
        # Nor a kind of township (重点乡镇, 贫困乡): 三乡镇 is one.
        ("重点乡镇走访情况", None, None),
        ("部分乡镇矛盾纠纷排查情况", None, None),
        ("贫困乡镇葛坳乡澄江村", "葛坳乡", "澄江村"),
        ("全县18个乡镇走访汇总", None, None),
        # 中共 before a township's name is no part of it: a name of three characters and its suffix stays whole.
        ("中共三百山镇委员会2011年三送走访登记表", "三百山镇", None),
        ("", None, None),
    ],
)
def test_places_in_text(text, township, village):
    assert places_in_text(text) == Places(township, village)


def test_places_in_non_text():
    assert places_in_text(None) == Places()
    assert places_in_text(42) == Places()


def test_context_priority_title_then_sheet_then_file_then_folder():
    ctx = resolve_context(
        [("标题", "2011年走访登记表"), ("工作表名", "新屋村"), ("文件名", "黄坑乡台账"), ("文件夹名", "龙布镇")]
    )
    assert (ctx.township, ctx.village) == ("黄坑乡", "新屋村")
    assert (ctx.township_source, ctx.village_source) == ("文件名", "工作表名")


def test_context_from_folder_only():
    ctx = resolve_context([("标题", ""), ("工作表名", "3月"), ("文件名", "新屋村"), ("文件夹名", "龙布镇")])
    assert (ctx.township, ctx.village) == ("龙布镇", "新屋村")
    assert ctx.township_source == "文件夹名"


def test_title_wins_over_file_name():
    ctx = resolve_context([("标题", "孔田镇人民政府"), ("文件名", "黄坑乡台账")])
    assert ctx.township == "孔田镇"


def test_bare_names_map_to_the_one_full_name():
    assert bare_name_map({"新屋", "新屋村", "上坪村"}) == {"新屋": "新屋村"}
    assert bare_name_map({"城东", "城东村", "城东社区"}) == {}  # ambiguous: left as written
    assert bare_name_map({"黄坑", "黄坑乡"}) == {"黄坑": "黄坑乡"}


@pytest.mark.parametrize(
    ("sources", "year"),
    [
        ([("标题", "黄坑乡新屋村2011年3月走访登记表"), ("工作表名", "3月"), ("文件名", "2012年台账")], 2011),
        ([("标题", "黄坑乡走访登记表"), ("工作表名", "3月"), ("文件名", "２０１１年走访")], 2011),
        ([("标题", ""), ("工作表名", "Sheet1"), ("文件名", "走访"), ("文件夹名", "2011年")], 2011),
        ([("标题", "2010-2011年度走访登记表 | 制表：2012年1月5日"), ("文件名", "2011")], None),
        ([("标题", "走访登记表"), ("工作表名", "3月")], None),
        ([("标题", "新屋村3组第20110305号")], None),  # digits inside a longer number are not a year
        # in numerals (were no year: 3月5日 rejected as 标题和文件名中也没有写明是哪一年)
        ([("标题", "黄坑乡二〇一一年走访登记表")], 2011),
        ([("标题", "黄坑乡二零一一年度走访登记表")], 2011),
        ([("标题", "二〇一〇至二〇一一年走访登记表")], None),
    ],
)
def test_the_year_a_ledger_names(sources, year):
    assert year_in_sources(sources) == year


@pytest.mark.parametrize(
    ("sources", "month"),
    [
        ([("标题", "黄坑乡2011年3月份走访登记表")], 3),
        ([("标题", "黄坑乡二〇一一年三月走访登记表")], 3),
        ([("标题", "走访登记表"), ("工作表名", "十二月")], 12),
        ([("标题", "走访登记表"), ("工作表名", "十一月份")], 11),
        ([("标题", "一至三月走访登记表")], None),  # a span: no one month
        ([("标题", "1-6月走访登记表")], None),
        # a tab named by its year and month in figures (its day numbers were rejects: no month to complete them)
        ([("标题", "走访登记表"), ("工作表名", "2011.3")], 3),
        ([("标题", "走访登记表"), ("工作表名", "2011-03")], 3),
        ([("标题", "走访登记表"), ("工作表名", "201112")], 12),
        ([("标题", "走访登记表"), ("工作表名", "2011.10")], 10),
        ([("标题", "走访登记表"), ("工作表名", "20113")], None),  # 2011年3月 or 201年13月?
        ([("标题", "走访登记表"), ("文件名", "2011.3")], None),  # a file's name: a day, a version …
    ],
)
def test_the_month_a_ledger_names(sources, month):
    assert month_in_sources(sources) == month


def test_day_numbers_on_a_tab_named_by_year_and_month(tmp_path):
    from tests.one_sheet import write_sheets

    raw = tmp_path / "raw"
    sheets = {tab: [["澄江村2011年走访登记表"], ["日期", "户主姓名", "走访干部"], [5, "张三", "李明"], ["12日", "李四", "李明"]]
              for tab in ("2011.3", "2011.4")}
    write_sheets(raw / "葛坳乡" / "澄江村走访登记表.xlsx", sheets)
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["rejects"].empty, result.frames["rejects"]["reason"].tolist()
    assert sorted(d.date() for d in result.frames["visits"]["visit_date"]) == [
        dt.date(2011, 3, 5), dt.date(2011, 3, 12), dt.date(2011, 4, 5), dt.date(2011, 4, 12)]


def _save(path, rows):
    """``rows`` as the one sheet of a workbook at ``path`` (its folders made)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def test_a_title_naming_the_township_before_its_village_level_work_gives_the_rows_their_township(tmp_path):
    """葛坳乡村级三送走访记录 in a folder that names no township: 乡村 was taken for noise with the township's 乡 in it,
    and every row was rejected 无法确定所属乡镇 although the title names the township."""
    raw = tmp_path / "raw"
    _save(raw / "2011年台账" / "走访记录.xlsx", [["葛坳乡村级三送走访记录"], ["走访日期", "户主姓名", "走访干部"],
                                           [dt.date(2011, 3, 5), "张三", "李明"], [dt.date(2011, 3, 6), "李四", "李明"]])
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["visits"]["township"].tolist() == ["葛坳乡", "葛坳乡"]
    assert result.frames["rejects"].empty


def test_a_title_naming_two_villages_gives_its_rows_neither(tmp_path):
    """One work team's log for its two villages, 葛坳乡澄江村、桥头村三送走访登记表, no village column: every visit was
    put in 澄江村, the first named, so 桥头村's households matched none — 1 of 3 visited, where all 3 were."""
    raw = tmp_path / "raw"
    _save(raw / "葛坳乡" / "名单.xlsx", [["葛坳乡包扶对象名单"], ["村名", "户主姓名", "是否贫困户"], ["澄江村", "张三", "是"],
                                      ["桥头村", "李四", "是"], ["桥头村", "王五", "否"]])
    _save(raw / "葛坳乡" / "走访.xlsx", [["葛坳乡澄江村、桥头村三送走访登记表"], ["走访日期", "户主姓名", "走访干部"],
                                      [dt.date(2011, 3, 5), "张三", "李明"], [dt.date(2011, 3, 6), "李四", "李明"],
                                      [dt.date(2011, 3, 7), "王五", "李明"]])
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["visits"]["village"].isna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (3, 2)


def test_a_village_written_as_an_administrative_village_is_that_village(tmp_path):
    """葛坳乡澄江行政村三送走访登记表: the title's village was read as 行政村, so no visit matched the roster's
    澄江村 households — 0 of 2 visited, said only as visits not matched."""
    raw = tmp_path / "raw"
    _save(raw / "葛坳乡" / "名单.xlsx", [["葛坳乡澄江村包扶对象名单"], ["户主姓名", "是否贫困户", "家庭住址"],
                                      ["张三", "是", "澄江行政村3组"], ["李四", "否", "澄江村3组"]])
    _save(raw / "葛坳乡" / "走访.xlsx", [["葛坳乡澄江行政村三送走访登记表"], ["走访日期", "户主姓名", "走访干部"],
                                      [dt.date(2011, 3, 5), "张三", "李明"], [dt.date(2011, 3, 6), "李四", "李明"]])
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["visits"]["village"].tolist() == ["澄江村", "澄江村"]
    assert result.frames["roster"]["group"].tolist() == ["3组", "3组"]
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (2, 1)


def test_a_title_naming_a_kind_of_village_puts_no_visit_in_a_village_of_that_name(tmp_path):
    """葛坳乡贫困村走访情况 (the township's log of its poor villages, no village column): every visit was put in a
    village named 贫困村, so none matched the roster's households — 0 of 2 visited, said only as visits not matched."""
    raw = tmp_path / "raw"
    _save(raw / "葛坳乡" / "名单.xlsx", [["葛坳乡包扶对象名单"], ["村名", "户主姓名", "是否贫困户"], ["澄江村", "张三", "是"],
                                      ["桥头村", "李四", "否"]])
    _save(raw / "葛坳乡" / "走访.xlsx", [["葛坳乡贫困村走访情况"], ["走访日期", "户主姓名", "走访干部"],
                                      [dt.date(2011, 3, 5), "张三", "李明"], [dt.date(2011, 3, 6), "李四", "李明"]])
    result = clean(raw, jobs=1, progress=False)
    assert result.frames["visits"]["village"].isna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (2, 1)


@pytest.mark.parametrize(
    ("text", "township", "named"),
    [
        ("葛坳乡、黄坑乡三送走访情况", None, ("葛坳乡", "黄坑乡")),
        ("葛坳乡和黄坑乡澄江村", None, ("葛坳乡", "黄坑乡")),
        ("龙布镇人民政府驻葛坳乡工作组走访记录", None, ("龙布镇", "葛坳乡")),
        ("葛坳镇（原葛坳乡）走访记录", "葛坳镇", ()),  # one township renamed
        ("葛坳镇（原龙布乡）走访记录", "葛坳镇", ()),  # or merged: its former name is no second township
        ("葛坳乡葛坳镇", "葛坳乡", ()),
        ("安远县葛坳乡澄江村", "葛坳乡", ()),
    ],
)
def test_a_text_naming_two_townships_names_neither(text, township, named):
    found = places_in_text(text)
    assert (found.township, found.townships) == (township, named)
    assert found.village is None or named == ()


def test_rows_of_a_title_naming_two_townships_are_said_not_put_in_the_first(tmp_path):
    """葛坳乡、黄坑乡三送走访情况 with no 乡镇 column: every row went to 葛坳乡, the first named. Now a row takes its township
    from a 乡镇 column, the folder or file when they name one, else is rejected saying the title named two."""
    def cleaned(folder, head, *rows):
        raw = tmp_path / folder / "raw"
        _save(raw / "2011年" / "走访.xlsx", [["葛坳乡、黄坑乡三送走访情况"], head, *rows])
        return clean(raw, jobs=1, progress=False)

    result = cleaned("a", ["走访日期", "户主姓名", "走访干部"], [dt.date(2011, 3, 5), "张三", "李明"])
    assert result.frames["visits"].empty
    assert result.frames["rejects"]["reason"].tolist() == ["无法确定所属乡镇：标题写了葛坳乡、黄坑乡2个乡镇，表中没有乡镇列说明每行属于哪个。"]
    result = cleaned("b", ["乡镇", "走访日期", "户主姓名", "走访干部"], ["葛坳乡", dt.date(2011, 3, 5), "张三", "李明"],
                     ["黄坑乡", dt.date(2011, 3, 6), "李四", "王红"])
    assert result.frames["visits"]["township"].tolist() == ["葛坳乡", "黄坑乡"]


def test_a_township_of_three_characters_after_other_words_keeps_its_first(tmp_path):
    """县直机关三百山镇澄江村走访登记表 reads 百山镇 (three characters before a suffix are read whole only at a text's
    start): its visits went to a township of that name, matching none of 三百山镇's households. The folder's or file's
    三百山镇 is the township; with neither, the county's firm 三百山镇 (two sheets' titles), said as ``written_as``."""
    roster = [["三百山镇澄江村包扶对象名单"], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "否"]]
    visits = [["县直机关三百山镇澄江村走访登记表"], ["户主姓名", "走访时间", "走访干部"], ["张三", dt.date(2011, 3, 5), "李明"],
              ["李四", dt.date(2011, 3, 6), "李明"]]
    funds = [["三百山镇筹资台账"], ["日期", "来源", "金额（元）"], [dt.date(2011, 3, 5), "县财政", 5000]]
    for case, files in {"folder": {"三百山镇/名单.xlsx": roster, "三百山镇/走访.xlsx": visits},
                        "firm": {"名单.xlsx": roster, "筹资.xlsx": funds, "走访.xlsx": visits}}.items():
        raw = tmp_path / case / "raw"
        for name, rows in files.items():
            _save(raw / name, rows)
        result = clean(raw, jobs=1, progress=False)
        figures = compute_figures(result.frames)
        assert [t["township"] for t in figures["townships"]] == ["三百山镇"], case
        assert (figures["county"]["households_visited"], figures["county"]["visits"]) == (2, 2), case
        (place,) = result.summary()["places"]
        assert place.get("written_as") == (["百山镇"] if case == "firm" else None), case


def test_a_village_of_three_characters_after_other_words_keeps_its_first(tmp_path):
    """县直机关和平新村走访登记表 reads 平新村: its visits matched none of the roster's 和平新村 households. The
    township's firm 和平新村 (a 村 column) is the village, said as ``written_as``; so is a file named for it."""
    raw = tmp_path / "raw"
    _save(raw / "葛坳乡" / "名单.xlsx", [["葛坳乡包扶对象名单"], ["村", "户主姓名", "是否贫困户"], ["和平新村", "张三", "是"],
                                      ["和平新村", "李四", "否"], ["澄江村", "王五", "否"]])
    visits = [["县直机关和平新村走访登记表"], ["户主姓名", "走访时间", "走访干部"], ["张三", dt.date(2011, 3, 5), "李明"],
              ["李四", dt.date(2011, 3, 6), "李明"]]
    _save(raw / "葛坳乡" / "走访.xlsx", visits)
    _save(raw / "葛坳乡" / "和平新村走访.xlsx", visits[:1] + visits[1:2] + [["王五", dt.date(2011, 3, 7), "李明"]])
    result = clean(raw, jobs=1, progress=False)
    assert sorted(set(result.frames["visits"]["village"])) == ["和平新村"]
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (2, 1)  # 王五 is 澄江村's
    (place,) = result.summary()["places"]
    assert [v.get("written_as") for v in place["villages"]] == [["平新村"], None]


def test_a_township_written_with_another_suffix_is_one_township(tmp_path):
    """葛坳乡 in the folder's name, 葛坳镇 in the roster's title (a 乡 made a 镇): two townships before — the
    township's households assigned under one, its visits under the other, none matched, coverage 0 with nothing
    said. Now one, under the name the folder gives, the other name said in the place report."""
    raw = tmp_path / "raw"
    _save(raw / "葛坳乡" / "花名册.xlsx", [["葛坳镇澄江村三送联系户花名册"], ["户主姓名", "是否贫困户"], ["张三", "是"], ["李四", "否"]])
    _save(raw / "葛坳乡" / "走访.xlsx", [["葛坳乡澄江村走访登记表"], ["户主姓名", "走访时间"], ["张三", dt.date(2011, 3, 5)],
                                      ["李四", dt.date(2011, 3, 6)]])
    _save(raw / "黄坑乡" / "花名册.xlsx", [["黄坑乡新屋村三送联系户花名册"], ["户主姓名", "是否贫困户"], ["王五", "是"]])
    result = clean(raw, jobs=1, progress=False)
    figures = compute_figures(result.frames)
    assert [t["township"] for t in figures["townships"]] == ["葛坳乡", "黄坑乡"]
    assert (figures["county"]["households_assigned"], figures["county"]["households_visited"]) == (3, 2)
    places = {p["township"]: p for p in result.summary()["places"]}
    assert places["葛坳乡"]["written_as"] == ["葛坳镇"] and "written_as" not in places["黄坑乡"]
    assert suffix_variant_map({"葛坳镇": {"标题"}, "葛坳": {"文件夹名"}, "葛坳乡": {"标题"}},
                              {"葛坳镇": {1, 2}, "葛坳": {3}, "葛坳乡": {4}}) == {"葛坳": "葛坳镇", "葛坳乡": "葛坳镇"}

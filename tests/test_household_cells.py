"""A household cell as teams write it around the head's name — the village before it (澄江村张三, 澄江村4组张三),
the family after it (张三一家, 李四夫妇), the family member met (孙八之妻, 孙八母亲), the group after it unbracketed
(王五4组) — was read as a household of
that whole text: the visit matched no roster household and coverage was short by it, unsaid. Several households
in one cell, spaced (张三 李四) or with 等 (张三等5户), were read as one: now a reject each, as 张三、李四 was.
"""

from __future__ import annotations

import pytest
from one_sheet import clean_one_sheet, write_book

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest import values
from sansong_analysis.ingest.clean import clean


def test_visits_written_with_village_family_or_group_match_their_households(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "村", "组", "户主姓名", "是否贫困户"],
        [1, "澄江村", "3组", "张三", "是"], [2, "澄江村", "4组", "张三", "否"], [3, "澄江村", "4组", "李四", "否"],
        [4, "澄江村", "4组", "王五", "是"], [5, "澄江村", "5组", "欧阳红梅", "是"],
    ])
    write_book(raw / "走访登记表.xlsx", "葛坳乡三送干部走访登记表", [
        ["序号", "走访干部", "走访日期", "村", "走访农户"],
        [1, "李明", "2011-03-05", "澄江村", "澄江村4组张三"],
        [2, "李明", "2011-03-06", "澄江村", "李四夫妇"],
        [3, "李明", "2011-03-07", "澄江村", "王五4组"],
        [4, "李明", "2011-03-08", "澄江村", "欧阳 红梅"],
        [5, "李明", "2011-03-09", "澄江村", "张三 李四"],
        [6, "李明", "2011-03-10", "澄江村", "张三等5户"],
        [7, "李明", "2011-03-11", "澄江村", "欧阳红梅之女"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["household_head"]) == ["张三", "李四", "王五", "欧阳红梅", "欧阳红梅"]
    assert list(visits["group"].fillna("")) == ["4组", "", "4组", "", ""]
    assert visits["household_key"].notna().all()  # every one matched to its roster household
    county = compute_figures(result.frames)["county"]
    assert county["households_visited"] == 4
    reasons = list(result.frames["rejects"]["reason"])
    assert reasons == ["被走访户主「张三李四」写了2户，每户应单独一行。", "被走访户主「张三等5户」写了不止一户，每户应单独一行。"]


def test_a_roster_noting_each_household_s_standing_after_the_name(tmp_path):
    """李四 五保户 on the roster, 李四 in the log: the roster's household was 李四五保 and the visit to 李四 unmatched —
    coverage short by it, unsaid (only the unmatched count moved); 孙八 已故 was a reject (写了2户)."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡澄江村包扶对象名单", [
        ["序号", "户主姓名", "组别", "是否贫困户"], [1, "李四 五保户", "1组", "是"], [2, "王五　贫困户", "1组", "是"],
        [3, "孙八 已故", "2组", "否"], [4, "郑一 家", "2组", "否"]])
    write_book(raw / "走访登记表.xlsx", "葛坳乡澄江村走访登记表", [
        ["序号", "走访日期", "户主姓名", "走访干部"], [1, "2011-03-05", "李四", "李明"], [2, "2011-03-05", "王五", "李明"],
        [3, "2011-03-06", "孙八", "李明"], [4, "2011-03-06", "郑一", "李明"]])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["rejects"].empty
    assert list(result.frames["roster"]["household_head"]) == ["李四", "王五", "孙八", "郑一"]
    assert result.frames["visits"]["household_key"].notna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (4, 2)


def test_a_roster_noting_standings_in_other_brackets_or_after_a_separator(tmp_path):
    """李四【五保户】, 王五-贫困户, 孙八，已故 on the roster, the names alone in the log: the roster's households were
    李四【五保户】 and 王五- (no visit matched them, coverage short, unsaid) and 孙八，已故 a reject saying 写了2户; the
    group written 〔2组〕 was part of the name."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡澄江村包扶对象名单", [
        ["序号", "户主姓名", "是否贫困户"], [1, "李四【五保户】", "是"], [2, "王五-贫困户", "是"], [3, "孙八，已故", "否"],
        [4, "郑一〔2组〕", "否"]])
    write_book(raw / "走访登记表.xlsx", "葛坳乡澄江村走访登记表", [
        ["序号", "走访日期", "户主姓名", "走访干部"], [1, "2011-03-05", "李四", "李明"], [2, "2011-03-05", "王五", "李明"],
        [3, "2011-03-06", "孙八", "李明"], [4, "2011-03-06", "郑一", "李明"]])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert result.frames["rejects"].empty
    roster = result.frames["roster"]
    assert list(roster["household_head"]) == ["李四", "王五", "孙八", "郑一"]
    assert list(roster["group"].fillna("")) == ["", "", "", "2组"]
    assert result.frames["visits"]["household_key"].notna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (4, 2)


def test_a_visit_log_with_no_village_column_takes_the_village_its_household_cells_write(tmp_path):
    """No 村 column, 澄江村张三 and 上坪村张三 in the household column: the village was dropped with the name's prefix,
    so the two 张三 of the township could not be told apart — both visits unmatched, coverage 1 of 3. The village a
    cell writes before the name is the row's own, before any the sheet or title names."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "户主姓名", "村名", "是否贫困户"], [1, "张三", "澄江村", "是"], [2, "张三", "上坪村", "否"],
        [3, "李四", "上坪村", "否"]])
    write_book(raw / "走访登记表.xlsx", "葛坳乡2011年走访登记表", [
        ["序号", "走访日期", "被走访户主", "走访干部"], [1, "3月5日", "澄江村张三", "李明"],
        [2, "3月6日", "上坪村委会张三", "李明"], [3, "3月7日", "李四", "李明"]])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits = result.frames["visits"]
    assert list(visits["village"].fillna("")) == ["澄江村", "上坪村", ""] and visits["household_key"].notna().all()
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (3, 1)


@pytest.mark.parametrize(("cell", "name"), [
    ("澄江村张三", "张三"), ("新屋村委李四", "李四"), ("张家村李四", "李四"), ("澄江村 张三", "张三"), ("张三一家", "张三"),
    ("王五全家", "王五"), ("张三家庭", "张三"), ("张 三", "张三"), ("欧阳 红梅", "欧阳红梅"), ("张三4组", "张三"),
    ("李村民", "李村民"), ("李村生", "李村生"), ("张国家", "张国家"), ("李四组", "李四组"), ("张三等人", "张三等人"),
    # the family member met, after the head's name
    ("孙八之妻", "孙八"), ("孙八的妻子", "孙八"), ("孙八妻子", "孙八"), ("孙八母亲", "孙八"), ("孙八老伴", "孙八"),
    ("孙八之子", "孙八"), ("孙八爱人（低保户）", "孙八"), ("张子", "张子"), ("李女", "李女"), ("王夫", "王夫"), ("母亲", "母亲"),
    ("张母亲", "张母亲"),
    # the family listed, its head marked: one household, the head's
    ("张三（户主）、李四（妻）", "张三"), ("王五(户主) 赵六(子)", "王五"), ("张三（户主）李四", "张三"),
    # the member met, the head named in brackets or before a kin word (were households 李梅(张三之妻), 张三之妻李梅:
    # unmatched), or named in brackets after the head; 张三一户 (was 张三一), 张三同志
    ("李梅（张三之妻）", "张三"), ("李梅(张三妻)", "张三"), ("李梅（户主：张三）", "张三"), ("张三之妻李梅", "张三"),
    ("张三的儿子张强", "张三"), ("张三(妻李梅)", "张三"), ("张三（妻：李梅）", "张三"), ("张三一户", "张三"), ("王一户", "王一"),
    ("张三同志", "张三"), ("李之华", "李之华"), ("王之子", "王之子"), ("张强（大儿子）", "张强(大儿子)"), ("张三(子)", "张三(子)"),
    # the list's numbering or a full stop with the name (were 1.张三, a 1、张三 reject: 写了2户)
    ("1.张三", "张三"), ("1、张三", "张三"), ("①张三", "张三"), ("10)王五", "王五"), ("张三。", "张三"), ("3组张三", "张三"),
    # a couple named together: one household, the first named (was a reject: 写了2户)
    ("张三、李梅夫妇", "张三"), ("张三和李梅夫妻", "张三"), ("欧阳红、李梅夫妇", "欧阳红"),
    # the household's standing after the name, spaced or run on (were 李四五保, 王五贫困, 郑一家: matched no visit to
    # 李四, 王五, 郑一; or 钱七 低保, 孙八 已故 a reject saying 写了2户)
    ("李四 五保户", "李四"), ("王五 贫困户", "王五"), ("钱七 低保", "钱七"), ("孙八 已故", "孙八"), ("周九 党员", "周九"),
    ("张三\u3000五保户", "张三"), ("王五贫困户", "王五"), ("孙八已故", "孙八"), ("郑一 家", "郑一"), ("张 家", "张家"),
    # the same in other brackets, or after a dash or a separator (were 李四【五保户】, 李四-, or a reject: 写了2户)
    ("李四【五保户】", "李四"), ("李四[五保户]", "李四"), ("李四〔五保户〕", "李四"), ("李四［低保］", "李四"), ("李四 【已故】", "李四"),
    ("李四-五保户", "李四"), ("李四—五保户", "李四"), ("李四 - 低保户", "李四"), ("李四，五保户", "李四"), ("李四、已故", "李四"),
    ("李四/贫困户", "李四"), ("李四；已故", "李四"), ("郑一—家", "郑一"), ("李四-", "李四"), ("欧阳-红梅", "欧阳红梅"),
    # 户主 or the family after a separator or a space, 党员 in brackets (were rejects 写了2户, or 李四(党员))
    ("李四，户主", "李四"), ("李四 一家", "李四"), ("李四、全家", "李四"), ("李四 家人", "李四"), ("李四（党员）", "李四"),
    # several standings in one bracket, the household's size, a separator after the village before the name (were
    # rejects 写了2户, or 张三(4人), -张三, :张三)
    ("张三（低保，已故）", "张三"), ("张三（五保、残疾）", "张三"), ("张三(4人)", "张三"), ("张三 4口人", "张三"),
    ("张三（三人）", "张三"), ("澄江村-张三", "张三"), ("澄江村：张三", "张三"), ("澄江村4组-张三", "张三"), ("王五人", "王五人"),
    # other notes in other brackets, as in （）: the head, the group, the member met; 张三【大】 is 张三（大）
    ("李四【户主】", "李四"), ("张三〔4组〕", "张三"), ("李梅【张三之妻】", "张三"), ("张三【大】", "张三(大)"), ("张三[小]", "张三(小)"),
    # the village in brackets after the name (were the households 张三(澄江村), …: unmatched), two notes in brackets;
    # 本村, 外村 name no village
    ("张三（澄江村）", "张三"), ("张三(新屋村委会3组)", "张三"), ("张三〔城东社区〕", "张三"), ("张三【澄江村】", "张三"),
    ("张三（澄江村）（五保户）", "张三"), ("张三(五保户)(澄江村)", "张三"), ("张三（低保）（已故）", "张三"),
    ("李四（本村）", "李四(本村)"), ("李四（外村）", "李四(外村)"), ("张三（大）（五保户）", "张三(大)"),
    # the head, labelled or not, then the family or more labelled (was the household 张三家庭成员:李梅: unmatched)
    ("户主：张三 家庭成员：李梅", "张三"), ("户主:张三，人口:4", "张三"), ("户主：欧阳红梅 成员：李梅、张强", "欧阳红梅"),
    ("户主：张三家庭成员：李梅", "张三"), ("户主姓名：张三；妻子：李梅", "张三"), ("张三 家庭成员：李梅", "张三"),
    ("张三 妻:李梅", "张三"),
])
def test_the_head_s_name_in_a_cell(cell, name):
    assert values.parse_household(cell) == name


@pytest.mark.parametrize(("cell", "village", "group"), [
    ("张三（澄江村）", "澄江村", None), ("张三(新屋村委会3组)", "新屋村", "3组"), ("张三〔城东社区〕", "城东社区", None),
    ("张三（澄江村4组）", "澄江村", "4组"), ("张三(五保户)(澄江村)", "澄江村", None), ("李四（本村）", None, None),
    ("澄江村张三", "澄江村", None), ("张三（4组）", None, "4组"), ("张三（大）", None, None),
])
def test_the_village_and_group_a_household_cell_writes(cell, village, group):
    assert (values.village_in_household(cell), values.group_in_household(cell)) == (village, group)


def test_a_visit_log_writing_the_village_in_brackets_after_the_name(tmp_path):
    """张三（澄江村）, 李四(上坪村2组) in a visit log with no village column: the households 张三(澄江村) and 李四(上坪村2组),
    matching no one on the roster — coverage 0 of 3, said only in the unmatched count. The bracket names the village
    (and group): the visits are 澄江村's 张三 and 上坪村 2组's 李四, not 3组's."""
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "包扶对象名单.xlsx", "葛坳乡包扶对象名单", [
        ["序号", "村", "组", "户主姓名", "是否贫困户"], [1, "澄江村", "1组", "张三", "是"], [2, "上坪村", "2组", "李四", "否"],
        [3, "上坪村", "3组", "李四", "否"]])
    write_book(raw / "走访登记表.xlsx", "葛坳乡2011年走访登记表", [
        ["序号", "走访日期", "被走访户主", "走访干部"], [1, "3月5日", "张三（澄江村）", "李明"],
        [2, "3月6日", "李四(上坪村2组)", "李明"]])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    visits, roster = result.frames["visits"], result.frames["roster"]
    assert list(visits["household_head"]) == ["张三", "李四"] and list(visits["village"]) == ["澄江村", "上坪村"]
    assert list(visits["household_key"]) == list(roster["household_key"][:2])
    county = compute_figures(result.frames)["county"]
    assert (county["households_visited"], county["poor_households_visited"]) == (2, 1)


@pytest.mark.parametrize("cell", ["张三 李四", "张三  李四  王五", "张三 五保户 李四", "张三 已故 李四", "张三等5户", "张三户等", "张三等几户", "张三等",
                                  "张三（户主）、李四（户主）", "张三、李四、王五夫妇", "张三-李四", "张三—李四—王五", "张三，五保户，李四",
                                  "张三（低保、李四）"])
def test_several_households_in_a_cell(cell):
    with pytest.raises(values.ValueProblem):
        values.parse_household(cell)


def test_the_head_s_column_is_read_before_the_person_met(tmp_path):
    raw = tmp_path / "raw" / "葛坳乡"
    raw.mkdir(parents=True)
    write_book(raw / "走访登记表.xlsx", "葛坳乡2011年走访登记表", [
        ["序号", "走访日期", "村名", "被走访人", "户主姓名", "走访干部"], [1, "2011-03-05", "澄江村", "李氏", "张三", "李明"],
    ])
    write_book(raw / "走访登记表2.xlsx", "葛坳乡2011年走访登记表", [
        ["序号", "走访日期", "村名", "受访人", "走访对象", "走访干部"], [1, "2011-03-06", "澄江村", "李氏", "王五", "李明"],
    ])
    result = clean(tmp_path / "raw", jobs=1, progress=False)
    assert sorted(result.frames["visits"]["household_head"]) == ["张三", "王五"]  # not 李氏, the wife who was met


def test_a_visit_by_two_cadres_entered_twice_is_one_visit(tmp_path):
    """走访人 李明 王红 was the name 李明王红, and the same visit entered again as 李明、王红 a second visit."""
    result, _ = clean_one_sheet(tmp_path, [["序号", "走访人", "走访日期", "村", "被走访户主"],
                                           [1, "李明 王红", "2011-03-05", "澄江村", "张三"],
                                           [2, "李明、王红", "2011-03-05", "澄江村", "张三"]], "葛坳乡三送干部走访登记表")
    assert list(result.frames["visits"]["cadre"]) == ["李明、王红"]
    assert compute_figures(result.frames)["county"]["visits"] == 1

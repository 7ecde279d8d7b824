"""A cell no figure rests on, unreadable, costs the record nothing but that cell — and is said.

A project whose 受益户数 reads 230人56户 was a reject, its 受益农田 lost from the farmland benefited; a visit whose
慰问金 reads 物资 was lost from coverage. Now such a cell of a side field (``tidy.SIDE_FIELDS``) is left empty,
the record kept, the sheet flagged 部分单元格无法识别 naming the cells. When many of a column's cells cannot be
read (as many as would flag a sheet misread) the column or the sheet is read wrong: their rows are rejects, as before.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures, dispute_summary
from sansong_analysis.ingest.tidy import SIDE_FIELDS
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

D = dt.date
PROJECTS = ["序号", "项目名称", "村", "投资（万元）", "受益户数", "受益农田（亩）", "竣工时间"]


def _projects(households: list[object]) -> list[list]:
    return [PROJECTS, *[[i + 1, f"水渠{i + 1}", "澄江村", 10, h, 100, D(2011, 9, i + 1)] for i, h in enumerate(households)]]


def test_an_unreadable_side_cell_leaves_the_record_and_says_so(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, _projects([30, "230人56户", 40, 50, 60, 70]), "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 600  # all six projects
    projects = result.frames["projects"]
    assert projects["households_benefited"].isna().tolist() == [False, True, False, False, False, False]
    assert (sheet["records"], sheet["rejects"]) == (6, 0)
    flag = sheet["flag"]
    assert flag["kind"] == "unread_cells" and flag["records"] == 1
    assert flag["message"].startswith("部分单元格无法识别：第4行受益户数「230人56户」无法识别（共1条办实事项目台账记录）")
    assert "unread_cells" in COUNTED_FLAGS and "unread_cells" in FLAG_FIX


def test_a_visit_with_unreadable_relief_still_counts(tmp_path):
    head = ["序号", "走访日期", "被走访户主", "村", "慰问金（元）"]
    rows = [head, *[[i + 1, D(2011, 3, i + 1), name, "澄江村", relief]
                    for i, (name, relief) in enumerate([("张三", 500), ("李四", "物资"), ("王五", 300), ("赵六", None)])]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡走访登记表")
    assert compute_figures(result.frames)["county"]["visits"] == 4
    assert sheet["flag"]["kind"] == "unread_cells"


def test_relief_written_with_its_words_is_read_and_goods_never_lose_a_visit(tmp_path):
    """慰问金300元, 每户200元, 200元/户 were unreadable, and a column of them, or of goods (米一袋、油一桶) in every
    row, made every visit a reject: the households visited were lost from coverage. A sum with its words is read
    (a row is one household's visit); goods are left empty however many, the visits counted, and said."""
    head = ["序号", "走访日期", "被走访户主", "村", "慰问金"]
    given = ["发放慰问金300元", "每户200元", "200元/户", "慰问金：500", "200元+米一袋", "慰问金300元、棉被一床"]
    rows = [head, *[[i + 1, D(2011, 3, i + 1), f"户主{i}", "澄江村", r] for i, r in enumerate(given)]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡走访登记表")
    assert result.frames["visits"]["relief_yuan"].tolist() == [300.0, 200.0, 200.0, 500.0, 200.0, 300.0]
    assert sheet["flag"] is None  # a sum given with goods is that sum: the goods are no money
    goods = ["米一袋、油一桶", "棉被一床", "慰问品一份", "大米50斤"]
    rows = [head, *[[i + 1, D(2011, 3, i + 1), f"户主{i}", "澄江村", g] for i, g in enumerate(goods)]]
    result, sheet = clean_one_sheet(tmp_path / "goods", rows, "葛坳乡走访登记表")
    assert compute_figures(result.frames)["county"]["visits"] == 4 and sheet["rejects"] == 0
    assert result.frames["visits"]["relief_yuan"].isna().all()
    assert sheet["flag"]["kind"] == "unread_cells" and sheet["flag"]["records"] == 4
    assert "慰问金「米一袋、油一桶」是慰问物品，没有折算成金额" in sheet["flag"]["message"]


def test_a_dispute_settled_above_the_township_is_still_counted(tmp_path):
    """调处层级 县级 or 县信访局 is none of 组 / 村 / 乡: the dispute was a reject, lost from the disputes received
    and resolved. Now counted, its level empty (not settled locally) and said."""
    head = ["受理日期", "村", "纠纷类型", "调处层级", "调处结果"]
    rows = [head, *[[D(2011, 3, i + 1), "澄江村", "山林纠纷", level, "调处成功"]
                    for i, level in enumerate(["村级", "县级", "组级", "乡级", "村级", "村级", "组级"])]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    county = compute_figures(result.frames)["county"]
    assert (county["disputes_total"], county["disputes_resolved"]) == (7, 7)
    assert result.frames["disputes"]["level"].isna().tolist() == [False, True, False, False, False, False, False]
    assert dispute_summary(result.frames)["settled_locally"] == 5
    assert sheet["rejects"] == 0 and sheet["flag"]["kind"] == "unread_cells"
    assert "第4行调处层级「县级」不属于组、村、乡三级，不计层级" in sheet["flag"]["message"]


def test_a_column_of_work_teams_as_the_level_keeps_every_dispute(tmp_path):
    """调处单位 三送工作队 / 驻村工作队 in every row: each cell unreadable as a level, and so many that the column was
    taken for misread — every dispute a reject, the township's disputes received 0. A level none of the three is an
    answer, however many: the disputes counted, the level empty, said."""
    head = ["受理日期", "村", "纠纷类型", "调处单位", "调处结果"]
    rows = [head, *[[D(2011, 3, i + 1), "澄江村", "山林纠纷", level, outcome]
                    for i, (level, outcome) in enumerate([("三送工作队", "调处成功"), ("驻村工作队", "调处成功"),
                                                          ("工作队", "正在调处")])]]
    result, sheet = clean_one_sheet(tmp_path / "team", rows, "葛坳乡矛盾纠纷排查调处台账")
    county = compute_figures(result.frames)["county"]
    assert (county["disputes_total"], county["disputes_resolved"]) == (3, 2)
    assert sheet["rejects"] == 0 and result.frames["disputes"]["level"].isna().all()
    assert sheet["flag"]["kind"] == "unread_cells" and sheet["flag"]["records"] == 3
    # a column of what is no level at all still says the column is read wrong
    rows = [head, *[[D(2011, 3, i + 1), "澄江村", "山林纠纷", f"第{i}号", "调处成功"] for i in range(3)]]
    _, sheet = clean_one_sheet(tmp_path / "misread", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert sheet["rejects"] == 3


def test_many_unreadable_cells_of_a_side_column_are_rejects_as_before(tmp_path):
    # what is no answer of the field at all (project names under 受益户数): the column is read wrong
    result, sheet = clean_one_sheet(tmp_path, _projects(["水渠", "机耕道修缮", 40, "山塘清淤"]), "葛坳乡办实事项目台账")
    assert (sheet["records"], sheet["rejects"]) == (1, 3)
    assert sheet["flag"]["kind"] == "probably_misread"
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 100


def test_many_answers_in_words_keep_their_records(tmp_path):
    """受益户数 若干 / 全村 / 多户, 家庭人口 一家四口, 户类型 残疾户 / 危房户 in most rows: answers the field asks for, in
    words — taken for a column read wrong, every such record was a reject (the projects' farmland, the households
    assigned lost). Left empty and said, however many; the records counted."""
    result, sheet = clean_one_sheet(tmp_path / "p", _projects(["若干", "全村", 40, "多户"]), "葛坳乡办实事项目台账")
    assert (sheet["records"], sheet["rejects"]) == (4, 0) and sheet["flag"]["kind"] == "unread_cells"
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 400
    rows = [["序号", "户主姓名", "家庭人口", "户类型", "联系干部"], [1, "张三", "夫妻二人", "残疾户", "李明"],
            [2, "李四", "一家四口", "危房户", "李明"], [3, "王五", "独居", "贫困户", "李明"], [4, "赵六", 3, "留守户", "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "r", rows, "葛坳乡澄江村帮扶对象名单")
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["poor_households_assigned"]) == (4, 1)
    assert sheet["rejects"] == 0 and sheet["flag"]["kind"] == "unread_cells"
    # money or a length not yet known or not given as a figure (待结算, 群众投劳; 一座, 约二里)
    rows = _projects([30, 40, 50, 60])
    for row, invested in zip(rows[1:], ["待结算", "群众投劳", 12, "未定"], strict=True):
        row[3] = invested
    result, sheet = clean_one_sheet(tmp_path / "i", rows, "葛坳乡办实事项目台账")
    assert (sheet["records"], sheet["rejects"]) == (4, 0)
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 400
    assert result.frames["projects"]["investment_yuan"].notna().sum() == 1


# Fields a figure reads that are side fields all the same: a household is in the roster whatever its 村民小组 or
# its 户类型 says. Its group left empty, it is matched by village and name (not at all where the name is there
# twice); its standing counted as a blank cell counts — never the household rejected, short of every figure.
COUNTED_AS_BLANK = {"roster": {"group", "is_poor"}, "visits": {"group"}, "disputes": {"group"}}


def test_side_fields_are_none_a_figure_counts_or_a_record_needs():
    # (a dispute's level only says where it was settled: one left empty is not settled locally, the dispute counted)
    figure_fields = {"household_head", "visit_date", "amount_yuan", "date", "farmland_mu", "completed_date",
                     "received_date", "outcome", "dispute_type", "legal_aid", "is_poor", "village", "group",
                     "township", "project_name"}
    for ledger, names in SIDE_FIELDS.items():
        assert not (names - COUNTED_AS_BLANK.get(ledger, set())) & figure_fields, ledger
        assert all(not LEDGERS[ledger].field(name).required for name in names), ledger


def test_a_household_whose_standing_cannot_be_read_is_counted_as_a_blank_cell_counts(tmp_path):
    # 户类型 残疾户 made the household a reject: households assigned short by it. Now it is counted, not poor (as a
    # blank 户类型 is), and said; in a list of poor households, poor.
    rows = [["序号", "户主姓名", "村名", "户类型"], [1, "张三", "澄江村", "残疾户"], [2, "李四", "澄江村", "一般户"],
            [3, "王五", "澄江村", "贫困户"], [4, "赵六", "澄江村", "低保户"], [5, "孙七", "澄江村", "一般户"],
            [6, "周八", "澄江村", "一般户"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡帮扶对象名单")
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["poor_households_assigned"]) == (6, 2)
    assert sheet["flag"]["kind"] == "unread_cells"
    assert "第3行困难户「残疾户」无法识别为是否困难户，按非困难户计入" in sheet["flag"]["message"]


def test_in_a_list_of_poor_households_an_unreadable_standing_is_poor(tmp_path):
    rows = [["序号", "户主姓名", "村名", "户类型"], [1, "张三", "澄江村", "残疾户"], *[[i, f"李{i}", "澄江村", ""] for i in range(2, 7)]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡建档立卡贫困户名单")
    assert list(result.frames["roster"]["is_poor"]) == [True] * 6
    assert "按困难户计入" in sheet["flag"]["message"]

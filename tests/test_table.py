"""Header detection, ledger recognition and units, on grids as calamine returns them."""

import pytest

from sansong_analysis.ingest.table import find_header, locate_table
from sansong_analysis.ledgers import match_field, normalize_header


@pytest.mark.parametrize(
    ("cell", "label", "unit"),
    [
        ("金额（万元）", "金额", "万元"),
        ("金 额\n（元）", "金额", "元"),
        ("户 主\n姓 名", "户主姓名", None),
        ("受益农田（亩）", "受益农田", "亩"),
        ("面积(公顷)", "面积", "公顷"),
        ("村（居）", "村(居)", None),
        ("长度（米）", "长度", "米"),
        ("金额/万元", "金额", "万元"),
        ("慰问金(单位:元)", "慰问金", "元"),
        ("筹资金额\n单位：万元", "筹资金额", "万元"),
        ("受益户数", "受益户数", None),
        ("  序号 ", "序号", None),
        ("【备注】", "(备注)", None),
        # a numbered form's headings: the number is none of the name (1月, 1组, 1.5 keep theirs)
        ("1.户主姓名", "户主姓名", None), ("①走访日期", "走访日期", None), ("二、村名", "村名", None),
        ("（三）走访干部", "走访干部", None), ("12、受益面积（亩）", "受益面积", "亩"), ("⑴户主", "户主", None),
        ("1月", "1月", None), ("1组", "1组", None), ("1.5", "1.5", None), ("（2011）", "(2011)", None),
    ],
)
def test_normalize_header(cell, label, unit):
    assert normalize_header(cell) == (label, unit)


@pytest.mark.parametrize(
    ("ledger", "label", "field"),
    [
        ("visits", "被走访户户主姓名", "household_head"),
        ("visits", "走访日期", "visit_date"),
        ("visits", "户主姓名(签字)", "household_head"),
        ("roster", "是否为贫困户", "is_poor"),
        ("roster", "帮扶责任人联系电话", "phone"),
        ("roster", "户主身份证号码", "id_number"),
        # a name with its number in one cell: the name's column (the number dropped from every value)
        ("visits", "户主(身份证号)", "household_head"),
        ("roster", "户主姓名及身份证号码", "household_head"),
        ("roster", "户主姓名(电话)", "household_head"),
        ("roster", "身份证号(户主)", "id_number"),
        ("funds", "筹资金额", "amount_yuan"),
        ("projects", "受益农田面积", "farmland_mu"),
        ("disputes", "调处结果", "outcome"),
        ("disputes", "纠纷类型", "dispute_type"),
        ("roster", "乡(镇)", "township"),
        ("roster", "天气", None),
    ],
)
def test_match_field(ledger, label, field):
    f = match_field(ledger, label)
    assert (f.name if f else None) == field


def _ledger(rows):
    found = find_header(rows)
    return (found[0], found[1].name) if found else None


def test_one_row_header_below_title_and_unit_note():
    rows = [
        ["黄坑乡2011年走访登记表", "", "", "", "", "", ""],
        ["", "", "", "", "", "单位：元", ""],
        ["", "", "", "", "", "", ""],
        ["序号", "走访日期", "户主姓名", "组别", "走访人", "走访形式", "慰问金"],
        [1, "2011-3-5", "张三", "一组", "李干部", "入户走访", ""],
    ]
    table = locate_table(rows, "走访登记", "黄坑乡台账", [])
    assert table.ledger.name == "visits"
    assert table.header_rows == (3,)
    assert table.body_start == 4
    assert set(table.fields) >= {"serial", "visit_date", "household_head", "group", "cadre", "visit_kind", "relief_yuan"}
    assert table.context.township == "黄坑乡"
    assert table.unit_notes == {"amount": "元"}


def test_two_row_header_with_merged_group_cell_filled():
    # As calamine returns it after merged ranges are filled: 基本情况 across, 走访日期 down.
    rows = [
        ["龙布镇人民政府", "", "", "", "", ""],
        ["序号", "基本情况", "基本情况", "基本情况", "走访日期", "走访人"],
        ["序号", "户主姓名", "组别", "家庭人口", "走访日期", "走访人"],
        [1, "张三", "1组", 4, "2011-03-05", "王五"],
    ]
    assert _ledger(rows) == ((2,), "visits")
    table = locate_table(rows, "Sheet1", "x", [])
    assert table.body_start == 3
    assert table.context.township == "龙布镇"


def test_two_row_header_without_merges():
    rows = [
        ["", "基本情况", "", "走访日期", "走访人"],
        ["序号", "户主姓名", "组别", "", ""],
        [1, "张三", "1组", "2011-03-05", "王五"],
    ]
    found = find_header(rows)
    assert found[0] == (0, 1)
    assert found[1].name == "visits"
    by_field = {c.field.name: c.index for c in found[2] if c.field}
    assert by_field["visit_date"] == 3 and by_field["household_head"] == 1 and by_field["cadre"] == 4


def test_unit_from_upper_header_row():
    rows = [
        ["日期", "用途", "资金来源", "金额（万元）"],
        ["", "", "", "合计"],
        ["2011-3-5", "修路", "工作组", 1.5],
    ]
    table = locate_table(rows, "筹资", "黄坑乡", [])
    assert table.ledger.name == "funds"
    assert table.scale(table.fields["amount_yuan"]) == 10000.0


@pytest.mark.parametrize(
    "units",
    [
        [None, None, None, "万元", "亩", "户"],
        [None, None, None, "（万元）", "（亩）", "（户）"],  # in brackets: the unit was lost, 12 read as 12 元
        ["单位", None, None, "(万元)", "(亩)", "—"],  # the row's label, a placeholder
    ],
)
def test_units_in_a_row_of_their_own_under_the_labels(units):
    rows = [
        ["葛坳乡澄江村办实事项目台账"],
        ["序号", "项目名称", "项目类别", "投资额", "受益农田", "受益户数"],
        units,
        [1, "水渠", "水利", 12, 300, 50],
    ]
    table = locate_table(rows, "项目", "台账", [])
    assert table.header_rows == (1, 2)
    assert table.scale(table.fields["investment_yuan"]) == 10000.0
    assert table.fields["farmland_mu"].unit == "亩"


@pytest.mark.parametrize(
    ("header", "ledger"),
    [
        (["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人", "身份证号", "联系电话"], "roster"),
        (["序号", "农户姓名", "人口", "结对干部"], "roster"),
        (["筹资时间", "筹资项目", "筹资金额（万元）", "备注"], "funds"),
        (["项目名称", "类别", "投资额（万元）", "长度（米）", "宽度（米）", "受益农田（亩）", "受益户数", "竣工时间"], "projects"),
        (["受理时间", "纠纷类型", "当事人", "调处层级", "调处结果", "办结时间", "法律帮助"], "disputes"),
        (["被走访人", "走访时间", "走访干部", "走访内容"], "visits"),
        (["日期", "户主", "帮扶责任人", "慰问金"], "visits"),
    ],
)
def test_ledger_recognised_from_header(header, ledger):
    rows = [["某某表"], header, ["x"] * len(header)]
    assert _ledger(rows) == ((1,), ledger)


def test_generic_headings_need_a_word_that_confirms_the_ledger():
    # 日期 | 用途 | 资金来源 | 金额 say nothing only a funds ledger would say: a sheet named 筹资
    # (or a title, or a file name) confirms it; without that it is not recognised.
    header = ["日期", "用途", "资金来源", "金额（元）"]
    rows = [["某某表"], header, ["2011-3-5", "修路", "县交通局", 4000]]
    assert _ledger(rows) is None
    table = locate_table(rows, "Sheet1", "其他", [])
    assert table.recognition.status == "not_recognised" and table.recognition.best.ledger.name == "funds"
    assert "筹资" in table.recognition.reason
    confirmed = locate_table(rows, "筹资台账", "其他", [])
    assert confirmed.recognition.status == "recognised" and confirmed.ledger.name == "funds"


def test_prose_sheet_holds_no_ledger():
    rows = [["填表说明"], ["一、本表由各工作组填写，每月报送一次。"], ["二、户主姓名须与花名册一致。"]]
    assert locate_table(rows, "填表说明", "黄坑乡", []) is None


def test_pii_columns_are_recognised_and_not_stored():
    rows = [["户主姓名", "家庭人口", "身份证号码", "联系电话"], ["张三", 3, "360721198001011234", "13812345678"]]
    table = locate_table(rows, "花名册", "新屋村", ["黄坑乡"])
    kinds = {c.header: c.field.kind for c in table.columns if c.field}
    assert kinds["身份证号码"] == "pii" and kinds["联系电话"] == "pii"
    assert (table.context.township, table.context.village) == ("黄坑乡", "新屋村")


@pytest.mark.parametrize(
    ("header", "field", "column"),
    [
        (["日期", "用途", "来源", "应筹金额", "实筹金额"], "amount_yuan", 4),
        (["日期", "用途", "来源", "实际筹资金额", "计划金额"], "amount_yuan", 3),
        (["日期", "用途", "来源", "计划金额（元）", "到位金额（元）"], "amount_yuan", 4),
        (["项目名称", "计划投资（万元）", "完成投资（万元）", "受益农田（亩）"], "investment_yuan", 2),
        (["项目名称", "实际投资", "计划投资", "受益农田（亩）"], "investment_yuan", 1),
    ],
)
def test_what_was_raised_or_spent_is_read_never_what_was_planned(header, field, column):
    rows = [["葛坳乡澄江村台账"], header, ["2011-01-05", "修路", "县财政局", 10000, 6000]]
    table = locate_table(rows, "台账", "台账", [])
    assert table.fields[field].index == column
    planned = [c for c in table.columns if c.field is not None and c.field.name == field]
    assert len(planned) == 1  # the planned figure names no field


def test_a_planned_figure_alone_is_no_amount():
    rows = [["葛坳乡澄江村筹资台账"], ["日期", "用途", "来源", "应筹金额"], ["2011-01-05", "修路", "县财政局", 10000]]
    table = locate_table(rows, "筹资", "台账", [])
    assert table is None or table.ledger is None or "amount_yuan" not in table.fields


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize(
    ("subs", "column", "split"),
    [
        (["财政资金", "社会捐赠", "小计"], 4, ()),  # the 小计 is the amount
        (["计划", "实际到位", ""], 3, ()),  # what came in, never what was planned
        (["财政资金", "社会捐赠", "群众自筹"], 2, ("筹资金额社会捐赠", "筹资金额群众自筹")),  # one part read: flagged
    ],
)
def test_an_amount_over_sub_columns(subs, column, split, merged):
    """筹资金额 over its sub-columns, merged across them (filled, as the reader gives it) or written once."""
    width = sum(1 for s in subs if s)
    group = ["筹资金额（元）"] * width if merged else ["筹资金额（元）"] + [""] * (width - 1)
    rows = [["葛坳乡澄江村筹资台账"], ["日期", "用途", *group], ["日期" if merged else "", "用途" if merged else "",
                                                           *subs[:width]],
            ["2011-01-05", "修路", 2000, 1500, 3500][: 2 + width]]
    table = locate_table(rows, "筹资", "台账", [])
    assert table.header_rows == (1, 2)
    amount = table.fields["amount_yuan"]
    assert amount.index == column and amount.split == split


@pytest.mark.parametrize("merged", [True, False])
def test_labels_under_a_group_word_read_with_the_group_stem(merged):
    """受益情况 over 农田（亩） | 户数, written once (a CSV, a heading centred across without a merge): 受益农田 and
    受益户数, as when merged. The label row was taken for a record (rejected 缺少项目名称) and the farmland under the
    group word went unread — the county's farmland 0 and nothing said."""
    upper = ["受益情况", "受益情况" if merged else None]
    rows = [["葛坳乡三送办实事项目台账"], ["序号", "项目名称", "投资（元）", *upper, "竣工时间"],
            [None, None, None, "农田（亩）", "户数", None], [1, "修建水渠", 50000, 120, 30, "2011-05-01"]]
    table = locate_table(rows, "项目", "台账", [])
    assert table.header_rows == (1, 2)
    assert (table.fields["farmland_mu"].index, table.fields["households_benefited"].index) == (3, 4)


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize(
    ("group", "subs", "column", "split"),
    [
        ("总投资（万元）", ["争取资金", "群众自筹", "合计"], 5, ()),  # the 合计 last: read, not the first part
        ("总投资（万元）", ["小计", "争取资金", "群众自筹"], 3, ()),
        ("投资（万元）", ["县级财政", "群众自筹", "合计"], 5, ()),  # a group word telling nothing on its own
        ("投资（万元）", ["争取资金", "群众自筹"], 3, ("投资群众自筹",)),  # no total: one part read, flagged
    ],
)
def test_an_investment_over_its_sources(group, subs, column, split, merged):
    """A project's investment over the sources it came from, merged across them or written over the first:
    the group row alone names one sub-column (or repeats its heading over all), so a one-row reading would
    take the first source for the whole investment."""
    width = len(subs)
    upper = [group] * width if merged else [group] + [""] * (width - 1)
    rows = [["葛坳乡项目建设台账"], ["项目名称", "所在村", "受益户数", *upper],
            ["项目名称" if merged else "", "所在村" if merged else "", "受益户数" if merged else "", *subs],
            ["水渠", "澄江村", 30, *[8, 2, 10, 10][:width]]]
    if subs[0] == "小计":
        rows[-1][3:] = [10, 8, 2]
    table = locate_table(rows, "项目", "台账", [])
    assert table.header_rows == (1, 2)
    investment = table.fields["investment_yuan"]
    assert investment.index == column and investment.split == split
    assert investment.rivals == ()  # the sources are parts of the total, not columns competing with it


@pytest.mark.parametrize("heading", ["投资单位", "投资方", "金额单位", "投资来源"])
def test_who_invested_is_no_part_of_the_investment(heading):
    assert match_field("projects", heading) is None and match_field("funds", heading) is None

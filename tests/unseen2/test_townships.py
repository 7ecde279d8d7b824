"""Ledgers laid out as other townships lay them out (``townships.py``): what a person reads in each.

Every figure below was counted by hand from the rows written in ``townships.py`` (its comments mark
every row that is not a plain record), never by running the package. None of these folders holds a
row a person would reject, so none may give a reject; none holds a visit entered twice but 梓山镇's
export.

Left out, because a person could read them two ways: month columns holding only ``√`` (a visit with
no day: the contract rejects it where the day decides the period, yet a person counts it in the
year); a funds cross-table of sources by purposes (a summary or a ledger?); a project counted as
benefiting farmland while still 在建.
"""

from __future__ import annotations

import pytest
from unseen.expect import (
    Expected,
    Figures,
    Period,
    Reject,
    assert_balanced,
    assert_figures,
    assert_no_planted_number,
    assert_recognised_as,
    assert_rejects,
    clean_folder,
)

from .townships import PLANTED_PII, TOWNSHIPS

EXPECTED: dict[str, Expected] = {
    # 刘春华 (贫困户) 刘秋华 (一般户) 钟玉莲 (低保户) 钟德胜 (贫困户) 赖福生 (五保户): 4 poor;
    # visits 刘春华 ×2, 钟玉莲, 钟德胜.
    "three_row_roster": Expected(
        {"新城镇": Figures(5, 3, 4, 3, 4)},
        read_as={("新城镇/新城镇洋坑村结对帮扶台账.xlsx", "帮扶名册"): "roster",
                 ("新城镇/新城镇洋坑村结对帮扶台账.xlsx", "走访记录"): "visits"},
    ),
    # 5 households, no poor column; visits: 温建华 1-20, 3-8, 6-12; 温建平 1-20; 罗大发 2-14, 9-9;
    # 谢水根 12-25: 7 visits to 4 households. First half: 5 visits to 3.
    "monthly_columns": Expected(
        {"杨梅镇": Figures(5, 4, 0, 0, 7)},
        periods=(Period("2011-01-01", "2011-06-30", {"杨梅镇": Figures(5, 3, 0, 0, 5)}),),
    ),
    # poor 李金水 邓春兰 邓冬生. A cell listing several households is one row for several visits: the
    # team's decision is to reject it saying so (每户应单独一行), keeping rows read = records +
    # rejects + skipped, rather than count it once or turn one row into three records. What is
    # left: 邓春兰 (3-19).
    "several_households_a_row": Expected(
        {"竹坑乡": Figures(5, 1, 3, 1, 1)},
        rejects=(Reject("走访日志", 3, ("每户应单独一行",)), Reject("走访日志", 5, ("每户应单独一行",))),
        read_as={("竹坑乡走访日志.xls", "走访日志"): "visits", ("竹坑乡走访日志.xls", "包扶户"): "roster"},
    ),
    # poor 曾福生 (一组) 曾福生 (三组) 朱桂兰; visited: both 曾福生, 曾福来, 朱桂兰.
    "sheet_per_group": Expected(
        {"古城镇": Figures(5, 4, 3, 3, 4)},
        read_as={("古城镇/古城镇桐坑村走访台账.xlsx", "花名册"): "roster",
                 **{("古城镇/古城镇桐坑村走访台账.xlsx", g): "visits" for g in ("一组", "二组", "三组")}},
    ),
    # poor 彭桂林 彭桂木 孔繁荣; visits 彭桂林 ×2 (入户, 电话), 彭桂森, 孔繁荣 ×2, 孔繁华.
    "unit_row_only": Expected(
        {"樟溪乡": Figures(5, 4, 3, 2, 6)},
        read_as={("2011年台账/走访登记.xlsx", "Sheet1"): "visits", ("2011年台账/走访登记.xlsx", "Sheet2"): "roster"},
    ),
    # ticks: 成功 on rows 1, 2, 5; 未成功 row 3; 在调处 row 4.
    "tick_matrix_disputes": Expected(
        {"罗坊镇": Figures(disputes=5, resolved=3)},
        read_as={("罗坊镇矛盾纠纷排查调处登记表.xls", "Sheet1"): "disputes"},
    ),
    # 300 + 680 + 50 亩 (the school has none); the 合计 row above the projects says 1030 too.
    "projects_unit_row": Expected(
        {"桥头镇": Figures(farmland=1030)},
        read_as={("桥头镇/桥头镇三送办实事项目台账.xlsx", "项目"): "projects"},
    ),
    # the 小计 column: 5000 + 200000 + 11000 + 10000.
    "funds_by_source": Expected(
        {"洋田乡": Figures(funds=226000)}, read_as={("洋田乡三送筹资台账.xlsx", "筹资"): "funds"},
    ),
    # 钟林生 (poor, 2 visits) 钟水生 (1 visit) 吴秀英 (poor, none).
    "household_files": Expected({"坳背乡": Figures(3, 2, 2, 1, 3)}),
    # poor 邱木林 邱水莲 邱土生; visits 邱木林 ×2, 邱木森, 邱水莲, 邱火旺. March: all but 邱火旺's.
    "csv_mixed_dates": Expected(
        {"蕉坑乡": Figures(5, 4, 3, 2, 5)},
        read_as={("蕉坑乡走访登记.csv", "蕉坑乡走访登记"): "visits", ("蕉坑乡包扶户名单.csv", "蕉坑乡包扶户名单"): "roster"},
        periods=(Period("2011-03-01", "2011-03-31", {"蕉坑乡": Figures(5, 3, 3, 2, 4)}),),
    ),
    # poor 黄家旺 杨春花 杨冬生; 6 visits (3 in hidden rows) to all but 杨夏生. February: 黄家旺 黄家兴
    # (2-1), 杨春花 杨秋花 (2-15).
    "filtered_serials": Expected(
        {"燕坊镇": Figures(6, 5, 3, 3, 6)},
        read_as={("燕坊镇/燕坊镇走访登记表.xlsx", "zoufang"): "visits", ("燕坊镇/燕坊镇走访登记表.xlsx", "huamingce"): "roster"},
        periods=(Period("2011-02-01", "2011-02-28", {"燕坊镇": Figures(6, 4, 3, 2, 4)}),),
    ),
    # poor 刘光明 谢金花 谢铁生; five visits, one to each household but 谢铜生.
    "cadre_rows": Expected(
        {"长冈乡": Figures(6, 5, 3, 3, 5)},
        read_as={("长冈乡/长冈乡石门村结对帮扶花名册.xls", "花名册"): "roster"},
    ),
    # poor 廖春生 何秀兰; visits 廖春生 ×2, 何秀兰, 何德明.
    "two_tables_one_sheet": Expected({"葛坳乡": Figures(4, 3, 2, 2, 4)}),
    # poor 赖长春 欧阳红梅 赖长冬; visits 赖长春 ×2, 赖长秋, 欧阳红梅.
    "name_and_phone": Expected(
        {"丰山乡": Figures(4, 3, 3, 2, 4)},
        read_as={("丰山乡/丰山乡龙岭村入户走访表.xlsx", "Sheet1"): "visits", ("丰山乡/丰山乡龙岭村入户走访表.xlsx", "Sheet2"): "roster"},
    ),
    # households 蓝天佑 (poor, 4 people) 蓝天佐 (2 people) 钟石根 (poor); both 蓝 visited. Whether the
    # member rows are reported as duplicates is not asked (see DUPLICATES_NOT_ASKED).
    "member_rows": Expected(
        {"银坑镇": Figures(3, 2, 2, 1, 2)},
        read_as={("银坑镇/银坑镇结对帮扶对象家庭成员花名册.xlsx", "花名册"): "roster", ("银坑镇/走访.xlsx", "Sheet1"): "visits"},
    ),
    # poor 宋金发 宋铜发 宋铁发; visits 宋金发 3-5 and 4-18, 宋银发 3-5, 宋铜发 7-2.
    "month_day_columns": Expected(
        {"莲塘镇": Figures(4, 3, 3, 2, 4)},
        read_as={("莲塘镇/莲塘镇岭背村2011年走访登记.xls", "走访"): "visits", ("莲塘镇/莲塘镇岭背村2011年走访登记.xls", "名册"): "roster"},
    ),
    # resolved: 达成协议 (1), 握手言和 (3), 调解成功 (5); not: 引导诉讼 (2), 正在调解中 (4).
    "mediation_sentences": Expected(
        {"湖洋乡": Figures(disputes=5, resolved=3)}, read_as={("湖洋乡人民调解登记台账.xlsx", "调解登记"): "disputes"},
    ),
    # poor 曾凡生 曾桂香 黄志坚 (非贫困户 not); 5 rows exported, one twice: 4 visits to 3 households.
    "system_export": Expected(
        {"梓山镇": Figures(5, 3, 3, 3, 4)}, duplicates=1,
        read_as={("梓山镇帮扶户导出.csv", "梓山镇帮扶户导出"): "roster", ("梓山镇走访记录导出.csv", "梓山镇走访记录导出"): "visits"},
    ),
    # 5000 + 3000 + 2000 + 1500 + 800 + 500 + 300 + 200 + 200.
    "donations_two_blocks": Expected(
        {"岗面乡": Figures(funds=13500)}, read_as={("岗面乡/岗面乡2011年三送捐款明细.xlsx", "捐款"): "funds"},
    ),
    # poor 龚华生 龚秀英; visits 龚华生 3-5 and 4-8, 龚华民 3-5, 龚秀英 3-20. March: 3 visits.
    # README rejects a day-only date (``5日``) "rather than guessed"; here the sheet (3月) and its
    # title (2011年3月份) name the year and month, so a person guesses nothing: the rule is too broad.
    "day_only_month_sheets": Expected(
        {"峡江镇": Figures(4, 3, 2, 2, 4)},
        read_as={("峡江镇/峡江镇东坑村2011年走访登记.xlsx", "3月"): "visits", ("峡江镇/峡江镇东坑村2011年走访登记.xlsx", "4月"): "visits"},
        periods=(Period("2011-03-01", "2011-03-31", {"峡江镇": Figures(4, 3, 2, 2, 3)}),),
    ),
    # poor 池文华 池春生 池冬生; visits 池文华 池冬生 池秋生.
    "roster_two_blocks": Expected(
        {"周田乡": Figures(5, 3, 3, 2, 3)}, read_as={("周田乡/周田乡结对帮扶花名册.xls", "Sheet1"): "roster"},
    ),
    # 是 ×4 of 5.
    "disputes_date_last": Expected(
        {"仙下乡": Figures(disputes=5, resolved=4)}, read_as={("仙下乡综治办矛盾纠纷排查台账.xlsx", "排查台账"): "disputes"},
    ),
    # 680 + 200 + 15 × 15.
    "projects_text_areas": Expected(
        {"澄江镇": Figures(farmland=1105)}, read_as={("澄江镇/2011年为民办实事.xls", "Sheet3"): "projects"},
    ),
    # poor 刘庆生 钟满娣; visits 刘庆生 ×2, 刘庆福, 钟满娣. March: 3.
    "diary": Expected(
        {"良村镇": Figures(4, 3, 2, 2, 4)},
        read_as={("良村镇/良村镇民情日记.xlsx", "民情日记"): "visits"},
        periods=(Period("2011-03-01", "2011-03-31", {"良村镇": Figures(4, 3, 2, 2, 3)}),),
    ),
    # one township 站塘乡: poor 温春发 曾宪文, both visited.
    "bare_place_columns": Expected({"站塘乡": Figures(3, 2, 2, 2, 2)}),
    # poor 池明亮 邱丽华; visits 池明亮 ×2, 池明光, 邱丽华.
    "three_name_columns": Expected(
        {"珠兰乡": Figures(4, 3, 2, 2, 4)},
        read_as={("珠兰乡/珠兰乡走访登记簿.xlsx", "走访登记"): "visits", ("珠兰乡/珠兰乡走访登记簿.xlsx", "名单"): "roster"},
    ),
    # poor (by the IF formula) 何春林 何春木 何春水; visits 何春林 何春木 何春森.
    "formulas": Expected(
        {"车头镇": Figures(4, 3, 3, 2, 3)},
        read_as={("车头镇/车头镇车头村帮扶台账.xlsx", "花名册"): "roster", ("车头镇/车头镇车头村帮扶台账.xlsx", "走访"): "visits"},
    ),
    # 20万 + 5.5万 + 3000元 + 1.2万.
    "yuan_under_wan": Expected({"宽田乡": Figures(funds=270000)}, read_as={("宽田乡筹资.xlsx", "Sheet1"): "funds"}),
    # poor 罗金生 罗铜生 罗铁生; visits 罗金生 ×2, 罗银生 ×2, 罗铜生 (two of them on the 续 sheet).
    "continued_sheet": Expected(
        {"禾丰镇": Figures(4, 3, 3, 2, 5)},
        read_as={("禾丰镇/禾丰镇大塘村2011年走访登记.xlsx", "走访"): "visits",
                 ("禾丰镇/禾丰镇大塘村2011年走访登记.xlsx", "走访（续）"): "visits"},
    ),
    # poor (√) 邝国华 邝秀珍; visits 邝国华 邝国荣 邝秀珍.
    "county_bureau_team": Expected(
        {"晓龙乡": Figures(4, 3, 2, 2, 3)},
        read_as={("三送台账/水利局工作组.xlsx", "包扶户"): "roster", ("三送台账/水利局工作组.xlsx", "入户"): "visits"},
    ),
    # poor 钟福林 钟福海; visits 钟福林 ×2, 钟福山, 钟福海.
    "household_suffixes": Expected(
        {"重石乡": Figures(4, 3, 2, 2, 4)}, read_as={("重石乡/重石乡水头村走访记录.xlsx", "走访"): "visits"},
    ),
    # poor 曾火根 曾秀娥 曾木根; visits 3-10 曾火根 曾火旺 曾秀娥, 4-22 曾火根 曾土根.
    "merged_dates": Expected(
        {"高云乡": Figures(5, 4, 3, 2, 5)},
        read_as={("高云乡走访登记表.xls", "走访"): "visits", ("高云乡走访登记表.xls", "名单"): "roster"},
    ),
    # poor 谢长发 谢长福 谢秀兰 (一般户 谢秀华 not); visits 谢长发 谢秀兰 谢秀华. One township, 樟木乡.
    "approval_columns": Expected(
        {"樟木乡": Figures(4, 3, 3, 2, 3)},
        read_as={("樟木乡/樟木乡2011年扶贫对象结对帮扶花名册.xlsx", "花名册"): "roster"},
    ),
    # 新市镇 (红旗村): poor 钟红军 钟卫东, all three visited. 麻州镇 (龙溪村): 邝甲 邝乙 poor, 邝甲
    # visited. 富城乡 (大田村): poor 陈一, both visited. 筠门岭镇 (芙蓉村): poor 王福, visited.
    "place_names": Expected({
        "新市镇": Figures(3, 3, 2, 2, 3), "麻州镇": Figures(2, 1, 2, 1, 1), "富城乡": Figures(2, 2, 1, 1, 2),
        "筠门岭镇": Figures(2, 1, 1, 1, 1),
    }),
}

# The villages of the roster and the visits (each record's village; none may be missing), where the
# ledgers name them.
VILLAGES: dict[str, set[str]] = {
    "three_row_roster": {"洋坑村"}, "monthly_columns": {"上洞村"}, "several_households_a_row": {"坪头村"},
    "sheet_per_group": {"桐坑村"}, "unit_row_only": {"河背村", "石角村"}, "household_files": {"大坪村"},
    "csv_mixed_dates": {"石下村"}, "filtered_serials": {"上湾村", "下湾村"}, "cadre_rows": {"石门村"},
    "two_tables_one_sheet": {"澄江村"}, "name_and_phone": {"龙岭村"}, "member_rows": {"坳头村"},
    "month_day_columns": {"岭背村"}, "system_export": {"潭头村", "新街村"}, "day_only_month_sheets": {"东坑村"},
    "roster_two_blocks": {"上坪村"}, "diary": {"坪石村"}, "bare_place_columns": {"李坊村", "鹅公村"},
    "three_name_columns": {"岭山村"}, "formulas": {"车头村"}, "continued_sheet": {"大塘村"},
    "county_bureau_team": {"龙溪村"}, "household_suffixes": {"水头村"}, "merged_dates": {"大岭村"},
    "approval_columns": {"黄竹村"}, "place_names": {"红旗村", "龙溪村", "大田村", "芙蓉村"},
}

# Sums of other frame columns a person reads off the sheet (the reports show them).
SUMS: dict[str, dict[tuple[str, str], float]] = {
    # (45 + 12.5 + 60 + 14) 万元, by the units row.
    "projects_unit_row": {("projects", "investment_yuan"): 1_315_000},
    # 总投资 (30 + 5 + 18 + 60) 万元, not the 其中 column.
    "projects_text_areas": {("projects", "investment_yuan"): 1_130_000},
    # 300 + 300 yuan of relief, the 合计 row not counted.
    "formulas": {("visits", "relief_yuan"): 600},
    # 200 yuan of relief to 邱水莲.
    "csv_mixed_dates": {("visits", "relief_yuan"): 200},
}

# The cadres a frame names, where a group heading says whose 姓名 a column is (帮扶责任人 › 姓名 beside
# 工作单位, 走访人 › 姓名 beside 职务): the person, never the unit or the post.
CADRES: dict[str, tuple[str, set[str]]] = {
    "three_row_roster": ("roster", {"陈志明", "黄丽"}),
    "three_name_columns": ("visits", {"刘华", "肖文"}),
    "unit_row_only": ("visits", {"游建", "曹丽"}),
}

# Each dispute's type and outcome, counted, where the register says them without doubt.
DISPUTE_KINDS: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    # the ticks: 山林 rows 1 and 5, 土地 2, 婚姻家庭 3, 邻里 4; 成功 1, 2, 5, 未成功 3, 在调处 4.
    "tick_matrix_disputes": ({"forest": 2, "land": 1, "family": 1, "neighbour": 1},
                             {"resolved": 3, "unresolved": 1, "pending": 1}),
    "disputes_date_last": ({"forest": 2, "neighbour": 1, "land": 1, "family": 1}, {"resolved": 4, "unresolved": 1}),
}

DUPLICATES_NOT_ASKED = {"member_rows"}


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    return {name: clean_folder(tmp_path_factory.mktemp(name), write) for name, write in TOWNSHIPS.items()}


def test_every_township_has_its_expectation():
    assert set(EXPECTED) == set(TOWNSHIPS)
    assert len(TOWNSHIPS) >= 25


# Layouts the reader does not read yet, each a known limit the lead decided to leave for now (see
# the closing notes). Each is xfail(strict): when the reader learns it, the test says so.
_ROSTER_MONTHS = "a roster with a column of visit dates per month is declined (roster and visit log tie)"
_LIMITS = {
    "cadre_rows": "a cadre per row with household slots across: declined with a reason",
    "donations_two_blocks": "two entries printed side by side on a line: the right-hand block is not read, flagged 可能漏读",
    "roster_two_blocks": "two entries printed side by side on a line: the right-hand block is not read, flagged 可能漏读",
    "monthly_columns": _ROSTER_MONTHS,
}


# Which tests each limit fails (the others pass: the figures a limit does not touch are right).
# (一户一档, a form above a visit table on each sheet, is read since the twenty-eighth session: ``ingest/cards.py``.)
_FAILS = {'test_figures': ['cadre_rows', 'donations_two_blocks', 'monthly_columns', 'roster_two_blocks'],
    'test_figures_of_a_period': ['monthly_columns'],
    'test_no_rejects': [],
    'test_each_sheet_read_as_a_person_reads_it': [],
    'test_villages': ['monthly_columns'],
    'test_dispute_types_and_outcomes': []}


def _cases(names, test):
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_LIMITS[n])) if n in _FAILS[test] else n
        for n in names
    ]


@pytest.mark.parametrize("name", _cases(sorted(EXPECTED), "test_figures"))
def test_figures(cleaned, name):
    assert_figures(cleaned[name].result.frames, EXPECTED[name].townships, label=name)


@pytest.mark.parametrize("name", _cases(sorted(n for n, e in EXPECTED.items() if e.periods), "test_figures_of_a_period"))
def test_figures_of_a_period(cleaned, name):
    for period in EXPECTED[name].periods:
        assert_figures(cleaned[name].result.frames, period.townships, period.start, period.end, label=name)


@pytest.mark.parametrize("name", _cases(sorted(EXPECTED), "test_no_rejects"))
def test_no_rejects(cleaned, name):
    assert_rejects(cleaned[name].result.frames, EXPECTED[name].rejects, label=name)


@pytest.mark.parametrize("name", sorted(_FAILS["test_figures"]))
def test_a_layout_not_read_in_full_is_never_silent(cleaned, name):
    """Each known limit whose figures are off says so in the clean: a flagged or unrecognised sheet,
    rejects, or a township warning — never a plausible figure with nothing said."""
    from sansong_analysis.ingest import health

    result = cleaned[name].result
    sheets = [s for f in result.files for s in f.sheets]
    said = (
        any(health.result_flag(s) for s in sheets)
        or any(s.ledger is None and s.rows_read for s in sheets)
        or not result.frames["rejects"].empty
        or health.township_warnings(result.frames)
    )
    assert said, name


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - DUPLICATES_NOT_ASKED))
def test_duplicates(cleaned, name):
    assert len(cleaned[name].result.frames["duplicates"]) == EXPECTED[name].duplicates


@pytest.mark.parametrize("name", _cases(sorted(n for n, e in EXPECTED.items() if e.read_as), "test_each_sheet_read_as_a_person_reads_it"))
def test_each_sheet_read_as_a_person_reads_it(cleaned, name):
    for ref, ledger in EXPECTED[name].read_as.items():
        assert_recognised_as(cleaned[name], ref, ledger)


@pytest.mark.parametrize("name", _cases(sorted(VILLAGES), "test_villages"))
def test_villages(cleaned, name):
    frames = cleaned[name].result.frames
    got = []
    for ledger in ("roster", "visits"):
        got += list(frames[ledger]["village"])
    assert got, name
    assert {v for v in got if isinstance(v, str)} == VILLAGES[name] and all(isinstance(v, str) for v in got), (name, got)


@pytest.mark.parametrize("name", sorted(CADRES))
def test_cadres(cleaned, name):
    ledger, cadres = CADRES[name]
    assert set(cleaned[name].result.frames[ledger]["cadre"]) == cadres, name


@pytest.mark.parametrize("name", _cases(sorted(DISPUTE_KINDS), "test_dispute_types_and_outcomes"))
def test_dispute_types_and_outcomes(cleaned, name):
    frame = cleaned[name].result.frames["disputes"]
    types, outcomes = DISPUTE_KINDS[name]
    assert frame["dispute_type"].value_counts().to_dict() == types, name
    assert frame["outcome"].value_counts().to_dict() == outcomes, name


@pytest.mark.parametrize("name", sorted(SUMS))
def test_other_sums(cleaned, name):
    frames = cleaned[name].result.frames
    for (ledger, column), want in SUMS[name].items():
        got = float(frames[ledger][column].fillna(0).sum())
        assert abs(got - want) < 1e-6, (name, ledger, column, got, want)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sheet_balanced(cleaned, name):
    assert_balanced(cleaned[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_personal_number_reaches_processed(cleaned, name):
    assert_no_planted_number(cleaned[name].processed, PLANTED_PII)

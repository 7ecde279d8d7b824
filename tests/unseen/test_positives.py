"""Near-miss ledgers (``positives.py``) a person reads as 三送 ledgers: each read, every figure exact.

Counted by hand from the rows written there; none of them has a reject or a duplicate.
"""

from __future__ import annotations

import pytest

from .expect import (
    Expected,
    Figures,
    assert_balanced,
    assert_figures,
    assert_recognised_as,
    assert_rejects,
    clean_folder,
)
from .positives import POSITIVES

EXPECTED: dict[str, Expected] = {
    # 廖金生 (poor) 廖银生 廖秀英 (poor) 廖长根 (poor); visits 廖金生 ×2, 廖银生, 廖秀英 and 廖德才
    # (not on the roster).
    "date_only_heading": Expected(
        {"龙岗乡": Figures(4, 3, 3, 2, 5)},
        read_as={("龙岗乡/老屋村走访.xlsx", "走访"): "visits", ("龙岗乡/老屋村走访.xlsx", "花名册"): "roster"},
    ),
    # six households, none marked poor; visits 彭春生, 游桂花.
    "three_column_roster": Expected(
        {"岭下乡": Figures(6, 2, 0, 0, 2)},
        read_as={("岭下乡结对帮扶花名册.xls", "Sheet1"): "roster", ("岭下乡走访.csv", "岭下乡走访"): "visits"},
    ),
    # 5000 + 12000 + 3000.
    "funds_three_columns": Expected({"沙坝乡": Figures(funds=20000)}, read_as={("沙坝乡三送工作.xlsx", "筹资台账"): "funds"}),
    # 调解成功, 已化解, 成功 resolved; 未成功, 调处中 not.
    "dispute_category_result": Expected(
        {"黄沙乡": Figures(disputes=5, resolved=3)},
        read_as={("黄沙乡矛盾纠纷排查登记.csv", "黄沙乡矛盾纠纷排查登记"): "disputes"},
    ),
    # (20 + 12.5 + 8) 公顷 × 15 = 607.5 亩; the school repair has none.
    "works_list": Expected({"枫林镇": Figures(farmland=607.5)}, read_as={("枫林镇民生工程.xlsx", "工程"): "projects"}),
    # 曾火生 (poor) 曾水生 孙桂花 (poor) 孙桂兰 (poor); visits 曾火生 ×2, 曾水生, 孙桂花.
    "dotted_dates": Expected(
        {"铁山乡": Figures(4, 3, 3, 2, 4)},
        read_as={("铁山乡走访台账.xls", "走访"): "visits", ("铁山乡走访台账.xls", "名单"): "roster"},
    ),
    # poor: 赖国富 赖长发 (低保户), 赖国贵 (脱贫户); visits 赖国华, 赖国贵.
    "household_kind": Expected(
        {"南坑乡": Figures(5, 2, 3, 1, 2)},
        read_as={("南坑乡帮扶户名册.csv", "南坑乡帮扶户名册"): "roster"},
    ),
    # 成功 ×2 resolved; 未成功, 调处中 not.
    "dispute_two_row_header": Expected(
        {"清溪镇": Figures(disputes=4, resolved=2)}, read_as={("清溪镇纠纷台账.xlsx", "台账"): "disputes"},
    ),
    # 邱一华 (poor) 邱二华 谢冬生 (poor); both visits to the poor ones.
    "place_in_sheet_names": Expected(
        {"上坝镇": Figures(3, 2, 2, 2, 2)},
        read_as={("台账.xlsx", "上坝镇花名册"): "roster", ("台账.xlsx", "上坝镇走访"): "visits"},
    ),
    # 朱一平 (poor) 朱二平 朱三平 (poor); both visits to the poor ones.
    "place_in_file_name": Expected(
        {"龙潭乡": Figures(3, 2, 2, 2, 2)},
        read_as={("龙潭乡花园村三送台账.xls", "Sheet1"): "roster", ("龙潭乡花园村三送台账.xls", "Sheet2"): "visits"},
    ),
    # 罗大明 罗小明 刘金莲 (all poor) visited, 罗春明 not; relief money is no funds raised.
    "relief_list_titled_roster": Expected(
        {"梅江镇": Figures(4, 3, 3, 3, 3)},
        read_as={("梅江镇2011年春节走访慰问花名册.xlsx", "慰问"): "visits"},
    ),
    # 温一生 温三生 何一民 ticked.
    "tick_marks_late_header": Expected(
        {"大田乡": Figures(5, 0, 3, 0, 0)}, read_as={("大田乡挂点帮扶农户名单.xlsx", "名单"): "roster"},
    ),
    # 10000 + 2000 + 1.5万元.
    "donation_register": Expected(
        {"白水镇": Figures(funds=27000)}, read_as={("白水镇爱心捐款登记.csv", "白水镇爱心捐款登记"): "funds"},
    ),
    # 王来福 王来喜 王秀珍 王德胜, none marked poor; visits 王来福, 王秀珍.
    "name_column_roster": Expected(
        {"金坑乡": Figures(4, 2, 0, 0, 2)},
        read_as={("金坑乡包扶对象名单.csv", "金坑乡包扶对象名单"): "roster", ("金坑乡走访记录.csv", "金坑乡走访记录"): "visits"},
    ),
}


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    return {name: clean_folder(tmp_path_factory.mktemp(name), write) for name, write in POSITIVES.items()}


def test_every_positive_has_its_expectations():
    assert set(EXPECTED) == set(POSITIVES)
    assert len(POSITIVES) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_figures(cleaned, name):
    assert_figures(cleaned[name].result.frames, EXPECTED[name].townships, label=name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_as_a_person_reads_it(cleaned, name):
    for ref, ledger in EXPECTED[name].read_as.items():
        assert_recognised_as(cleaned[name], ref, ledger)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_rejects_no_duplicates_exit_zero(cleaned, name):
    frames = cleaned[name].result.frames
    assert_rejects(frames, EXPECTED[name].rejects, label=name)
    assert len(frames["duplicates"]) == EXPECTED[name].duplicates
    assert cleaned[name].result.exit_status == 0
    assert_balanced(cleaned[name])


def test_visits_of_the_sparse_log_keep_their_cadre_and_village(cleaned):
    visits = cleaned["date_only_heading"].result.frames["visits"]
    assert set(visits["village"]) == {"老屋村"} and set(visits["cadre"]) == {"温志"}
    assert visits["household_key"].isna().sum() == 1  # 廖德才, not on the roster


def test_dotted_dates_land_on_their_day(cleaned):
    visits = cleaned["dotted_dates"].result.frames["visits"]
    assert sorted(visits["visit_date"].dt.strftime("%Y-%m-%d")) == ["2011-03-05", "2011-03-05", "2011-10-12", "2011-11-01"]


def test_two_row_dispute_header_outcomes(cleaned):
    disputes = cleaned["dispute_two_row_header"].result.frames["disputes"].set_index("source_row")
    assert disputes["outcome"].to_dict() == {4: "resolved", 5: "unresolved", 6: "resolved", 7: "pending"}
    assert disputes["level"].to_dict() == {4: "village", 5: "township", 6: "group", 7: "village"}

"""docs/contract.md §5 figures and the breakdowns, on hand-built frames with known answers."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from ledger_frames import ledger_frame

from sansong_analysis import figures
from sansong_analysis.figures import (
    FIGURE_KEYS,
    TOWNSHIP_KEYS,
    compute_figures,
    coverage_by_village,
    days_to_resolve,
    dispute_summary,
    disputes_by_level,
    disputes_by_type_and_outcome,
    farmland_by_project,
    funds_by_purpose,
    funds_by_source,
    township_table,
    validate_period,
    visits_by_month,
)

SECTION_5_TOWNSHIP_KEYS = [
    "township", "households_assigned", "households_visited", "coverage_rate", "poor_households_assigned",
    "poor_households_visited", "visits", "funds_raised_yuan", "disputes_total", "disputes_resolved",
    "resolution_rate", "farmland_benefited_mu",
]


def T(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def household(township: str, village: str, key: str, poor: bool = False, group: str | None = None) -> dict:
    return dict(township=township, village=village, group=group, household_head=f"户主{key}", household_key=key,
                is_poor=poor, members=3, cadre="干部甲")


def visit(township: str, village: str, key: str | None, when: str | None, kind: str = "visit") -> dict:
    return dict(visit_date=T(when) if when else None, township=township, village=village,
                household_head=f"户主{key}", household_key=key, cadre="干部甲", visit_kind=kind, relief_yuan=None)


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    """黄坑乡 (roster, visits, funds, projects, disputes), 龙口镇 (roster, one visit), 石门乡 (a dispute only)."""
    roster = ledger_frame("roster", [
        household("黄坑乡", "新屋村", "h1", poor=True),
        household("黄坑乡", "新屋村", "h2"),
        household("黄坑乡", "新屋村", "h2"),  # listed twice: still one household
        household("黄坑乡", "上坪村", "h3", poor=True),
        household("黄坑乡", "上坪村", "h4"),
        household("龙口镇", "龙口村", "l1", poor=True),
    ])
    visits = ledger_frame("visits", [
        visit("黄坑乡", "新屋村", "h1", "2011-01-01"),
        visit("黄坑乡", "新屋村", "h1", "2011-06-15", kind="relief"),
        visit("黄坑乡", "上坪村", "h3", None),  # undated
        visit("黄坑乡", "上坪村", None, "2011-03-05"),  # matches no roster household
        visit("黄坑乡", "新屋村", "h2", "2011-12-31"),
        visit("龙口镇", "龙口村", "l1", "2012-01-01"),
    ])
    funds = ledger_frame("funds", [
        dict(date=T("2011-01-20"), township="黄坑乡", village="新屋村", purpose="慰问", source="工作组",
             amount_yuan=4000.0, amount_qualifier="exact"),
        dict(date=T("2011-04-01"), township="黄坑乡", village="新屋村", purpose="修路", source="县水保局",
             amount_yuan=200000.0, amount_qualifier="at_least"),
        dict(date=T("2011-04-02"), township="黄坑乡", village="新屋村", purpose="修路", source="村民",
             amount_yuan=1234.567, amount_qualifier="exact"),
        dict(date=None, township="黄坑乡", village="上坪村", purpose=None, source="县水保局",
             amount_yuan=10000.0, amount_qualifier="nearly"),
    ])
    projects = ledger_frame("projects", [
        dict(township="黄坑乡", village="新屋村", project_name="稀土废水处理厂", project_type="环保",
             investment_yuan=600000.0, farmland_mu=680.0, households_benefited=120, completed_date=T("2011-06-30")),
        dict(township="黄坑乡", village="新屋村", project_name="通组公路硬化", project_type="道路",
             investment_yuan=200000.0, farmland_mu=None, length_m=1000.0, width_m=3.5, completed_date=T("2011-05-01")),
        dict(township="黄坑乡", village="上坪村", project_name="水陂维修", project_type="水利",
             investment_yuan=8000.0, farmland_mu=12.34567, completed_date=None),
    ])
    disputes = ledger_frame("disputes", [
        dict(received_date=T("2011-03-01"), township="黄坑乡", village="新屋村", dispute_type="forest", level="group",
             outcome="resolved", resolved_date=T("2011-03-11"), legal_aid=True),
        dict(received_date=T("2011-04-01"), township="黄坑乡", village="上坪村", dispute_type="forest",
             level="village", outcome="pending"),
        dict(received_date=None, township="黄坑乡", village="上坪村", dispute_type="land", level="township",
             outcome="resolved", resolved_date=T("2011-05-01")),
        dict(received_date=T("2011-05-01"), township="石门乡", village="石门村", dispute_type="neighbour", level=None,
             outcome="resolved", resolved_date=T("2011-05-03"), legal_aid=True),
    ])
    return dict(roster=roster, visits=visits, funds=funds, projects=projects, disputes=disputes)


def by_township(doc: dict) -> dict[str, dict]:
    return {row["township"]: row for row in doc["townships"]}


# --------------------------------------------------------------------------- §5 shape


def test_document_keys_are_exactly_section_5_in_order(frames):
    doc = compute_figures(frames)
    assert list(doc) == ["period", "townships", "county"]
    assert list(doc["period"]) == ["start", "end"]
    assert list(TOWNSHIP_KEYS) == SECTION_5_TOWNSHIP_KEYS
    for row in doc["townships"]:
        assert list(row) == SECTION_5_TOWNSHIP_KEYS
    assert list(doc["county"]) == SECTION_5_TOWNSHIP_KEYS[1:] == list(FIGURE_KEYS)


def test_values_are_plain_python_and_json_serialisable(frames):
    doc = compute_figures(frames, "2011-01-01", "2011-12-31")
    assert json.loads(json.dumps(doc)) == doc
    for row in [*doc["townships"], doc["county"]]:
        for key, value in row.items():
            if key == "township":
                assert type(value) is str
            elif key in ("coverage_rate", "resolution_rate"):
                assert value is None or type(value) is float
            elif key in ("funds_raised_yuan", "farmland_benefited_mu"):
                assert type(value) is float
            else:
                assert type(value) is int, key


def test_townships_sorted_and_one_with_only_disputes_appears_with_zeros(frames):
    doc = compute_figures(frames)
    assert [row["township"] for row in doc["townships"]] == sorted(["黄坑乡", "龙口镇", "石门乡"])
    shimen = by_township(doc)["石门乡"]
    assert shimen == {
        "township": "石门乡", "households_assigned": 0, "households_visited": 0, "coverage_rate": None,
        "poor_households_assigned": 0, "poor_households_visited": 0, "visits": 0, "funds_raised_yuan": 0.0,
        "disputes_total": 1, "disputes_resolved": 1, "resolution_rate": 1.0, "farmland_benefited_mu": 0.0,
    }


# --------------------------------------------------------------------------- periods


def test_no_period_counts_undated_records(frames):
    huang = by_township(compute_figures(frames))["黄坑乡"]
    assert huang == {
        "township": "黄坑乡",
        "households_assigned": 4,  # h2 listed twice counts once
        "households_visited": 3,  # h1, h2, h3 (undated visit counts without a period)
        "coverage_rate": 0.75,
        "poor_households_assigned": 2,
        "poor_households_visited": 2,
        "visits": 5,  # includes the unmatched and the undated visit
        "funds_raised_yuan": 215234.57,
        "disputes_total": 3,
        "disputes_resolved": 2,
        "resolution_rate": 2 / 3,
        "farmland_benefited_mu": 692.3457,
    }


def test_full_period_is_inclusive_and_drops_undated(frames):
    doc = compute_figures(frames, date(2011, 1, 1), date(2011, 12, 31))
    assert doc["period"] == {"start": "2011-01-01", "end": "2011-12-31"}
    huang = by_township(doc)["黄坑乡"]
    assert huang["households_visited"] == 2  # h1 (1 Jan, first day) and h2 (31 Dec, last day); h3 undated
    assert huang["coverage_rate"] == 0.5
    assert huang["visits"] == 4
    assert huang["funds_raised_yuan"] == 205234.57  # the undated 近万元 is out
    assert huang["disputes_total"] == 2 and huang["disputes_resolved"] == 1
    assert huang["farmland_benefited_mu"] == 680.0  # the undated project is out
    long_kou = by_township(doc)["龙口镇"]
    assert (long_kou["visits"], long_kou["households_visited"], long_kou["coverage_rate"]) == (0, 0, 0.0)


def test_only_start_leaves_the_end_open(frames):
    huang = by_township(compute_figures(frames, start="2011-06-15"))["黄坑乡"]
    assert huang["visits"] == 2  # 15 Jun and 31 Dec; not the undated one
    assert huang["households_visited"] == 2
    assert huang["funds_raised_yuan"] == 0.0
    assert huang["farmland_benefited_mu"] == 680.0
    assert by_township(compute_figures(frames, start="2011-06-15"))["龙口镇"]["visits"] == 1


def test_only_end_leaves_the_start_open(frames):
    huang = by_township(compute_figures(frames, end="2011-03-31"))["黄坑乡"]
    assert huang["visits"] == 2  # 1 Jan and 5 Mar (unmatched)
    assert huang["households_visited"] == 1
    assert huang["funds_raised_yuan"] == 4000.0
    assert huang["disputes_total"] == 1
    assert huang["farmland_benefited_mu"] == 0.0


def test_empty_period_gives_zeros_and_null_rates(frames):
    doc = compute_figures(frames, "2030-01-01", "2030-12-31")
    shimen = by_township(doc)["石门乡"]
    assert shimen["disputes_total"] == 0 and shimen["resolution_rate"] is None
    assert doc["county"]["households_assigned"] == 5
    assert doc["county"]["households_visited"] == 0 and doc["county"]["coverage_rate"] == 0.0


def test_end_before_start_is_a_chinese_one_line_error(frames):
    with pytest.raises(ValueError, match="截止日期 2011-01-01 早于起始日期 2011-12-31") as info:
        compute_figures(frames, "2011-12-31", "2011-01-01")
    assert "\n" not in str(info.value)
    with pytest.raises(ValueError, match="不是有效日期"):
        validate_period("2011-13-01", None)


def test_validate_period_accepts_dates_strings_and_none():
    assert validate_period(None, None) == (None, None)
    assert validate_period("2011-01-01", date(2011, 1, 1)) == (date(2011, 1, 1), date(2011, 1, 1))
    assert validate_period(pd.Timestamp("2011-03-05 10:00"), "２０１１-０９-３０") == (date(2011, 3, 5), date(2011, 9, 30))


# --------------------------------------------------------------------------- county, selection


def test_county_is_the_sum_with_rates_recomputed(frames):
    doc = compute_figures(frames)
    rows = doc["townships"]
    county = doc["county"]
    for key in ("households_assigned", "households_visited", "poor_households_assigned", "poor_households_visited",
                "visits", "disputes_total", "disputes_resolved"):
        assert county[key] == sum(row[key] for row in rows)
    assert county["funds_raised_yuan"] == pytest.approx(sum(row["funds_raised_yuan"] for row in rows))
    assert county["coverage_rate"] == 4 / 5  # not the mean of 0.75 and 1.0
    assert county["resolution_rate"] == 3 / 4


def test_named_townships_restrict_and_appear_even_without_rows(frames):
    doc = compute_figures(frames, townships=["龙口镇", "车头镇"])
    assert [row["township"] for row in doc["townships"]] == ["车头镇", "龙口镇"]
    chetou = by_township(doc)["车头镇"]
    assert chetou["households_assigned"] == 0 and chetou["coverage_rate"] is None
    assert doc["county"]["households_assigned"] == 1 and doc["county"]["visits"] == 1


def test_no_frames_at_all():
    doc = compute_figures({})
    assert doc["townships"] == []
    assert doc["county"]["coverage_rate"] is None and doc["county"]["households_assigned"] == 0


def test_inputs_are_not_modified(frames):
    before = {name: df.copy() for name, df in frames.items()}
    compute_figures(frames, "2011-01-01", "2011-12-31")
    coverage_by_village(frames)
    visits_by_month(frames)
    for name, df in frames.items():
        pd.testing.assert_frame_equal(df, before[name])


def test_township_table_matches_the_document(frames):
    table = township_table(frames, "2011-01-01", "2011-12-31")
    assert list(table.columns) == SECTION_5_TOWNSHIP_KEYS
    doc = compute_figures(frames, "2011-01-01", "2011-12-31")
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    assert records == doc["townships"]


def test_seed_year_as_a_worked_example():
    """The 工作总结's year: 100 households all visited, 4000 + 20余万 + 11000余 + 近万 raised, 38 disputes, 680 亩."""
    roster = ledger_frame("roster", [household("黄坑乡", "新屋村", f"s{i}", poor=i < 20) for i in range(100)])
    visits = ledger_frame("visits", [visit("黄坑乡", "新屋村", f"s{i}", "2011-02-01") for i in range(100)])
    funds = ledger_frame("funds", [
        dict(date=T("2011-01-25"), township="黄坑乡", village="新屋村", purpose="春节慰问", amount_yuan=4000.0),
        dict(date=T("2011-04-01"), township="黄坑乡", village="新屋村", purpose="修路", amount_yuan=200000.0,
             amount_qualifier="at_least"),
        dict(date=T("2011-08-20"), township="黄坑乡", village="新屋村", purpose="助学", amount_yuan=11000.0,
             amount_qualifier="at_least"),
        dict(date=T("2011-10-01"), township="黄坑乡", village="新屋村", purpose="村级建设", amount_yuan=10000.0,
             amount_qualifier="nearly"),
    ])
    projects = ledger_frame("projects", [
        dict(township="黄坑乡", village="新屋村", project_name="稀土废水处理厂", investment_yuan=600000.0,
             farmland_mu=680.0, completed_date=T("2011-07-01")),
        dict(township="黄坑乡", village="新屋村", project_name="通组公路", investment_yuan=200000.0,
             length_m=1000.0, width_m=3.5, completed_date=T("2011-05-01")),
    ])
    disputes = ledger_frame("disputes", [
        dict(received_date=T("2011-03-01"), township="黄坑乡", village="新屋村", dispute_type="forest",
             level="group", outcome="resolved", resolved_date=T("2011-03-02"), legal_aid=i < 20)
        for i in range(38)
    ])
    seed = dict(roster=roster, visits=visits, funds=funds, projects=projects, disputes=disputes)
    county = compute_figures(seed, "2011-01-01", "2011-12-31")["county"]
    assert county["households_assigned"] == county["households_visited"] == 100
    assert county["coverage_rate"] == 1.0
    assert county["poor_households_visited"] == 20
    assert county["visits"] == 100
    assert county["funds_raised_yuan"] == 225000.0  # investment is not funds raised
    assert county["disputes_total"] == county["disputes_resolved"] == 38
    assert county["farmland_benefited_mu"] == 680.0
    assert funds_by_purpose(seed)["approximate"].to_list() == [True, True, True, False]
    assert dispute_summary(seed)["legal_aid"] == 20


# --------------------------------------------------------------------------- breakdowns


def test_coverage_by_village(frames):
    table = coverage_by_village(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    assert list(table.columns[:5]) == ["township", "village", "households_assigned", "households_visited",
                                       "coverage_rate"]
    got = table.set_index("village")[["households_assigned", "households_visited", "coverage_rate",
                                      "poor_households_assigned", "poor_households_visited"]].to_dict("index")
    assert got == {
        "上坪村": {"households_assigned": 2, "households_visited": 0, "coverage_rate": 0.0,
                 "poor_households_assigned": 1, "poor_households_visited": 0},
        "新屋村": {"households_assigned": 2, "households_visited": 2, "coverage_rate": 1.0,
                 "poor_households_assigned": 1, "poor_households_visited": 1},
    }
    county = coverage_by_village(frames)
    assert county["households_assigned"].sum() == 5 and set(county["township"]) == {"黄坑乡", "龙口镇"}


def test_coverage_by_village_names_a_blank_village():
    roster = ledger_frame("roster", [household("黄坑乡", None, "x1")])  # type: ignore[arg-type]
    table = coverage_by_village({"roster": roster})
    assert table["village"].to_list() == [figures.UNSPECIFIED_VILLAGE]


def test_visits_by_month_fills_gaps_and_keeps_undated_only_without_period(frames):
    table = visits_by_month(frames, "黄坑乡")
    assert table["month"].iloc[0] == T("2011-01-01") and table["month"].iloc[-2] == T("2011-12-01")
    assert pd.isna(table["month"].iloc[-1]) and table["visits"].iloc[-1] == 1
    assert len(table) == 13 and table["visits"].sum() == 5
    assert table.loc[table["month"] == T("2011-02-01"), "visits"].item() == 0
    assert table.loc[table["month"] == T("2011-03-01"), "households_visited"].item() == 0  # unmatched visit
    in_period = visits_by_month(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    assert in_period["month"].notna().all() and in_period["visits"].sum() == 4
    assert visits_by_month(frames, "车头镇").empty


def test_funds_by_purpose_and_source_flag_approximate_groups(frames):
    purpose = funds_by_purpose(frames, "黄坑乡")
    assert purpose.to_dict("records") == [
        {"purpose": "修路", "amount_yuan": 201234.57, "records": 2, "approximate": True},
        {"purpose": figures.UNSPECIFIED_PURPOSE, "amount_yuan": 10000.0, "records": 1, "approximate": True},
        {"purpose": "慰问", "amount_yuan": 4000.0, "records": 1, "approximate": False},
    ]
    source = funds_by_source(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    assert source.to_dict("records") == [
        {"source": "县水保局", "amount_yuan": 200000.0, "records": 1, "approximate": True},
        {"source": "工作组", "amount_yuan": 4000.0, "records": 1, "approximate": False},
        {"source": "村民", "amount_yuan": 1234.57, "records": 1, "approximate": False},
    ]
    assert funds_by_purpose(frames, "石门乡").empty


def test_disputes_by_type_and_outcome(frames):
    table = disputes_by_type_and_outcome(frames)
    assert table.to_dict("records") == [
        {"dispute_type": "forest", "resolved": 1, "unresolved": 0, "referred": 0, "pending": 1, "total": 2,
         "resolution_rate": 0.5},
        {"dispute_type": "neighbour", "resolved": 1, "unresolved": 0, "referred": 0, "pending": 0, "total": 1,
         "resolution_rate": 1.0},
        {"dispute_type": "land", "resolved": 1, "unresolved": 0, "referred": 0, "pending": 0, "total": 1,
         "resolution_rate": 1.0},
    ]
    assert disputes_by_type_and_outcome(frames, "龙口镇").empty


def test_disputes_by_level_and_local_settlement(frames):
    table = disputes_by_level(frames, None, "2011-01-01", "2011-12-31")
    assert table["level"].to_list()[:2] == ["group", "village"] and pd.isna(table["level"].iloc[2])
    assert table["disputes"].to_list() == [1, 1, 1] and table["resolved"].to_list() == [1, 0, 1]
    assert table["share"].sum() == pytest.approx(1.0)
    summary = dispute_summary(frames, "黄坑乡")
    assert summary == {
        "disputes_total": 3, "disputes_resolved": 2, "resolution_rate": 2 / 3,
        "settled_locally": 1,  # the 乡级 one was resolved, but not at group or village level
        "settled_locally_share": 1 / 3, "legal_aid": 1, "median_days_to_resolve": 10.0,
    }


def test_days_to_resolve_needs_both_dates(frames):
    table = days_to_resolve(frames)
    assert table["days"].to_list() == [10, 2]  # the undated-received one cannot be measured
    assert days_to_resolve(frames, "黄坑乡", "2011-04-01", None).empty


def test_farmland_by_project_keeps_projects_with_farmland(frames):
    table = farmland_by_project(frames, "黄坑乡")
    assert table["project_name"].to_list() == ["稀土废水处理厂", "水陂维修"]
    assert table["farmland_mu"].to_list() == [680.0, 12.34567]
    assert farmland_by_project(frames, "黄坑乡", "2011-01-01", "2011-12-31")["project_name"].to_list() == ["稀土废水处理厂"]


def test_frames_with_missing_columns_are_tolerated():
    """A hand-built frame may leave optional columns out; they count as empty."""
    roster = pd.DataFrame({"township": ["黄坑乡"], "village": ["新屋村"], "household_key": ["a"], "is_poor": [True]})
    visits = pd.DataFrame({"township": ["黄坑乡"], "household_key": ["a"], "visit_date": ["2011-05-01"]})
    row = compute_figures({"roster": roster, "visits": visits}, "2011-05-01", "2011-05-01")["townships"][0]
    assert (row["households_visited"], row["visits"], row["poor_households_visited"]) == (1, 1, 1)


def test_membership_by_set_look_ups_is_pandas_isin():
    """``figures._among`` answers what ``Series.isin`` answers on Arrow-backed text, missing values included."""
    values = pd.Series(["甲-1", None, "乙-2", "甲-1", "丙-3", ""], index=[5, 3, 9, 1, 0, 7], dtype="str")
    keys = {"甲-1", "丙-3", "丁-4"}
    got = figures._among(values, keys)
    pd.testing.assert_series_equal(got, values.isin(keys))
    assert got.tolist() == [True, False, False, True, True, False]
    assert figures._among(values.iloc[:0], keys).dtype == bool

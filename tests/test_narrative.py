"""The 工作总结 paragraph: number wording, qualifiers, missing ledgers, the county, no personal data."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from ledger_frames import (
    CADRE_NAME,
    HOUSEHOLD_NAME,
    dispute,
    fund,
    ledger_frame,
    roster_rows,
    seed_disputes,
    visit_rows,
)

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.pii import contains_pii
from sansong_analysis.publish.narrative import (
    SECTION_KEYS,
    period_phrase,
    section_sentences,
    township_narrative,
)


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    """黄坑乡 is the seed's village as ledgers; 龙口镇 sent roster, visits and (2012) disputes; 石门乡 funds of 2012 only."""
    roster = roster_rows("黄坑乡", "新屋村", 100, poor=20) + roster_rows("龙口镇", "龙口村", 40, poor=5)
    visits = visit_rows("黄坑乡", "新屋村", range(100)) + visit_rows("龙口镇", "龙口村", range(30))
    funds = [
        fund("黄坑乡", 4000.0, purpose="春节慰问困难群众", when="2011-01-25"),
        fund("黄坑乡", 200000.0, "at_least", purpose="硬化通组公路"),
        fund("黄坑乡", 11000.0, "at_least", purpose="资助困难学生上大学", when="2011-08-20"),
        fund("黄坑乡", 10000.0, purpose="村级建设", when="2011-10-01"),
        fund("石门乡", 5000.0, when="2012-02-01"),
    ]
    projects = [
        dict(township="黄坑乡", village="新屋村", project_name="稀土废水处理厂", project_type="环保",
             investment_yuan=600000.0, farmland_mu=680.0, households_benefited=120, completed_date=pd.Timestamp("2011-07-01")),
    ]
    disputes = seed_disputes("黄坑乡") + [dispute("龙口镇", "land", "resolved", "village", when="2012-03-01")]
    return dict(roster=ledger_frame("roster", roster), visits=ledger_frame("visits", visits),
                funds=ledger_frame("funds", funds), projects=ledger_frame("projects", projects),
                disputes=ledger_frame("disputes", disputes))


YEAR = ("2011-01-01", "2011-12-31")


# --------------------------------------------------------------------------- number wording


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2011-01-01", "2011-12-31", "2011年"),
    ("2010-01-01", "2011-12-31", "2010年至2011年"),
    ("2011-01-01", "2011-09-30", "2011年1-9月"),
    ("2011-04-01", "2011-09-30", "2011年4-9月"),
    ("2011-09-01", "2011-09-30", "2011年9月"),
    ("2011-10-01", "2012-03-31", "2011年10月至2012年3月"),
    ("2011-03-05", "2011-09-30", "2011年3月5日至9月30日"),
    ("2011-12-05", "2012-01-04", "2011年12月5日至2012年1月4日"),
    ("2011-03-05", "2011-03-05", "2011年3月5日"),
    ("2011-01-01", None, "2011年以来"),
    ("2011-03-01", None, "2011年3月以来"),
    ("2011-03-05", None, "2011年3月5日以来"),
    (None, "2011-09-30", "截至2011年9月30日"),
])
def test_period_phrase_from_the_period(start, end, expected):
    assert period_phrase(None, None, start, end) == expected


def test_period_phrase_from_the_data_when_no_period(frames):
    assert period_phrase(frames, "黄坑乡") == "2011年"
    assert period_phrase(frames, None) == "2011年至2012年"
    assert period_phrase({}, "黄坑乡") == ""


# --------------------------------------------------------------------------- the paragraph


SEED_PARAGRAPH = (
    "2011年，黄坑乡“三送”工作组深入1个村开展“送政策、送温暖、送服务”活动，累计入户走访100次。"
    "工作组对所包扶的100户农户全部走访，走访覆盖率100.0%，其中困难户20户，均已走访。"
    "共筹集资金22.5万余元，其中硬化通组公路20万余元、资助困难学生上大学1.1万余元、村级建设1万元。"
    "受理矛盾纠纷38起，以山林纠纷为主（21起），调处成功35起，调处成功率92.1%，其中在组、村两级化解30起；"
    "为20起纠纷的当事人提供法律帮助；另有3起正在调处。"
    "实施办实事项目1个，总投资60万元，受益农田680亩，惠及农户120户。"
)


def test_seed_paragraph(frames):
    assert township_narrative(frames, "黄坑乡", *YEAR) == SEED_PARAGRAPH
    # No period given: the year comes from the dated records, never 本年度.
    assert township_narrative(frames, "黄坑乡") == SEED_PARAGRAPH


def test_sections_join_into_the_paragraph(frames):
    sections = section_sentences(frames, "黄坑乡", *YEAR)
    assert tuple(sections) == SECTION_KEYS
    assert "".join(sections.values()) == township_narrative(frames, "黄坑乡", *YEAR)
    assert all(text.endswith("。") for text in sections.values())
    assert sections["funds"] == "共筹集资金22.5万余元，其中硬化通组公路20万余元、资助困难学生上大学1.1万余元、村级建设1万元。"


def test_the_figures_agree_with_section_5(frames):
    row = compute_figures(frames, *YEAR, townships=["黄坑乡"])["townships"][0]
    text = township_narrative(frames, "黄坑乡", *YEAR)
    assert (row["households_assigned"], row["coverage_rate"], row["disputes_total"], row["disputes_resolved"],
            row["farmland_benefited_mu"]) == (100, 1.0, 38, 35, 680.0)
    for words in ("100户农户", "走访覆盖率100.0%", "受理矛盾纠纷38起", "调处成功35起", "受益农田680亩"):
        assert words in text


def test_mixed_qualifiers_read_about(frames):
    # The bureau's own 近万元 joins the 余 amounts: the sum can only be "about".
    funds = frames["funds"].copy()
    funds.loc[funds["purpose"] == "村级建设", "amount_qualifier"] = "nearly"
    sections = section_sentences({**frames, "funds": funds}, "黄坑乡", *YEAR)
    assert sections["funds"].startswith("共筹集资金约22.5万元，")
    assert "村级建设近1万元" in sections["funds"]


def test_period_narrows_the_figures(frames):
    sections = section_sentences(frames, "黄坑乡", "2011-01-01", "2011-09-30")
    assert sections["overview"].startswith("2011年1-9月，黄坑乡")
    # The 10000 yuan of October is out; the exact 4000 is back in the top three.
    assert sections["funds"] == (
        "共筹集资金21.5万余元，其中硬化通组公路20万余元、资助困难学生上大学1.1万余元、春节慰问困难群众4000元。"
    )


def test_partial_coverage_wording(frames):
    sections = section_sentences(frames, "龙口镇", *YEAR)
    assert sections["coverage"] == "工作组共包扶农户40户，走访30户，走访覆盖率75.0%，其中困难户5户，均已走访。"
    assert "全部走访" not in sections["coverage"]


def test_full_coverage_wording(frames):
    coverage = section_sentences(frames, "黄坑乡", *YEAR)["coverage"]
    assert coverage.startswith("工作组对所包扶的100户农户全部走访，走访覆盖率100.0%")


def test_a_ledger_not_submitted_is_not_mentioned(frames):
    sections = section_sentences(frames, "龙口镇", *YEAR)
    assert sections["funds"] == ""
    assert sections["farmland"] == ""
    text = township_narrative(frames, "龙口镇", *YEAR)
    for word in ("筹集", "资金", "万元", "农田", "办实事"):
        assert word not in text


def test_a_ledger_submitted_but_empty_in_the_period_is_said_plainly(frames):
    # 龙口镇's only dispute is of 2012: zero disputes, and no rate (never a division by zero).
    disputes = section_sentences(frames, "龙口镇", *YEAR)["disputes"]
    assert disputes == "本期未受理矛盾纠纷。"
    assert "调处成功率" not in township_narrative(frames, "龙口镇", *YEAR)
    # 石门乡's funds are of 2012.
    assert section_sentences(frames, "石门乡", *YEAR)["funds"] == "本期未筹集资金。"
    assert section_sentences(frames, "石门乡", "2012-01-01", "2012-12-31")["funds"] == "共筹集资金5000元，全部用于修路。"


def test_projects_submitted_but_none_completed_in_the_period(frames):
    assert section_sentences(frames, "黄坑乡", "2012-01-01", "2012-12-31")["farmland"] == "本期无完工的办实事项目。"


def test_roster_without_a_visit_ledger_gives_no_coverage_rate(frames):
    only_roster = {"roster": frames["roster"]}
    coverage = section_sentences(only_roster, "黄坑乡")["coverage"]
    assert coverage == "工作组共包扶农户100户，其中困难户20户。"
    assert "%" not in township_narrative(only_roster, "黄坑乡")


def test_no_roster_no_coverage_sentence(frames):
    without_roster = {name: df for name, df in frames.items() if name != "roster"}
    sections = section_sentences(without_roster, "黄坑乡", *YEAR)
    assert sections["coverage"] == ""
    assert "覆盖率" not in township_narrative(without_roster, "黄坑乡", *YEAR)
    assert "累计入户走访100次" in sections["overview"]


def test_nothing_at_all():
    sections = section_sentences({}, "黄坑乡")
    assert sections == {"overview": "暂未收到黄坑乡的“三送”工作台账。", "coverage": "", "funds": "", "disputes": "",
                        "farmland": ""}
    assert township_narrative({}, None) == "暂未收到各乡镇的“三送”工作台账。"
    assert "本年度" not in township_narrative({}, "黄坑乡")


@pytest.mark.parametrize(("kinds", "expected", "absent"), [
    (["forest"] * 3 + ["neighbour"] * 2, "以山林纠纷为主（3起）", None),
    (["land"] * 4, "均为土地纠纷", "为主"),
    (["forest", "forest", "neighbour", "neighbour"], None, "为主"),  # a tie: no main kind
    (["other"] * 3 + ["forest"], None, "为主"),  # 其他纠纷 is never "the main kind"
    (["forest"], None, "为主"),  # one dispute is not a pattern
])
def test_main_dispute_type_only_when_one_dominates(kinds, expected, absent):
    frames = {"disputes": ledger_frame("disputes", [dispute("黄坑乡", k, "resolved", "township") for k in kinds])}
    text = section_sentences(frames, "黄坑乡")["disputes"]
    if expected:
        assert expected in text
    if absent:
        assert absent not in text


def test_local_settlement_and_slogan_only_when_earned():
    # 30 of 38 (78.9%) settled at group or village level is short of 基本做到“小事不出组，大事不出村” (80%).
    mostly_local = [dispute("黄坑乡", "forest", "resolved", "group") for _ in range(4)] + [
        dispute("黄坑乡", "forest", "pending", "township")]
    text = section_sentences({"disputes": ledger_frame("disputes", mostly_local)}, "黄坑乡")["disputes"]
    assert "其中在组、村两级化解4起，基本做到“小事不出组，大事不出村”；另有1起正在调处。" in text
    few_local = [dispute("黄坑乡", "forest", "resolved", "group")] + [
        dispute("黄坑乡", "forest", "resolved", "township") for _ in range(4)]
    text = section_sentences({"disputes": ledger_frame("disputes", few_local)}, "黄坑乡")["disputes"]
    assert "其中在组、村两级化解1起" in text
    assert "小事不出组" not in text
    no_levels = [dispute("黄坑乡", "forest", "resolved", None) for _ in range(3)]
    text = section_sentences({"disputes": ledger_frame("disputes", no_levels)}, "黄坑乡")["disputes"]
    assert text == "受理矛盾纠纷3起，均为山林纠纷，调处成功3起，调处成功率100.0%。"


# --------------------------------------------------------------------------- the county


def test_county_paragraph(frames):
    sections = section_sentences(frames, None, *YEAR)
    assert sections["overview"] == (
        "2011年，全县3个乡镇的“三送”工作组深入2个村开展“送政策、送温暖、送服务”活动，累计入户走访130次。"
    )
    assert sections["coverage"] == (
        "全县各工作组共包扶农户140户，走访130户，走访覆盖率92.9%，其中困难户25户，均已走访；"
        "黄坑乡实现全面走访，覆盖率最低的是龙口镇（75.0%）。"
    )
    assert sections["funds"].startswith("全县共筹集资金22.5万余元")
    assert sections["disputes"].startswith("全县受理矛盾纠纷38起")
    assert sections["farmland"] == "全县实施办实事项目1个，总投资60万元，受益农田680亩，惠及农户120户。"
    assert township_narrative(frames, None, *YEAR) == "".join(sections.values())


def test_county_names_the_township_that_raised_most(frames):
    funds = pd.concat([frames["funds"], ledger_frame("funds", [fund("龙口镇", 10000.0, "nearly")])], ignore_index=True)
    text = section_sentences({**frames, "funds": funds}, None, *YEAR)["funds"]
    assert text.startswith("全县共筹集资金约23.5万元")
    assert text.endswith("；黄坑乡筹资最多（22.5万余元）。")


def test_county_without_full_coverage_names_best_and_lowest(frames):
    visits = frames["visits"].iloc[1:]  # 黄坑乡 now 99 of 100
    coverage = section_sentences({**frames, "visits": visits}, None, *YEAR)["coverage"]
    assert coverage.endswith("；走访覆盖率最高的是黄坑乡（99.0%），覆盖率最低的是龙口镇（75.0%）。")


# --------------------------------------------------------------------------- no personal data


def test_no_names_or_numbers_of_people(frames):
    funds = pd.concat([frames["funds"], ledger_frame("funds", [
        fund("黄坑乡", 300000.0, purpose=f"资助{HOUSEHOLD_NAME}7上大学"),  # the largest purpose names a household
        fund("黄坑乡", 250000.0, purpose="联系13812345678"),
        fund("黄坑乡", 240000.0, purpose=f"{CADRE_NAME}经手"),
    ])], ignore_index=True)
    frames = {**frames, "funds": funds}
    for township in ("黄坑乡", "龙口镇", None):
        text = township_narrative(frames, township, *YEAR)
        assert HOUSEHOLD_NAME not in text
        assert CADRE_NAME not in text
        assert not contains_pii(text)
        assert not re.search(r"\d{7,}", text)
    sections = section_sentences(frames, "黄坑乡", *YEAR)
    assert sections["funds"].startswith("共筹集资金101.5万余元，其中硬化通组公路20万余元、")

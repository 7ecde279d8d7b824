"""Ledgers from offices the reader was not written alongside: the figures must still be exact.

Each office in ``offices.py`` writes a small raw folder laid out its own way. The
figures below were counted by hand from the rows written there (the comments in
``offices.py`` mark every duplicate, stranger and planted bad row), not by
running the package.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.store import load

from .offices import OFFICES, PLANTED_PII


@dataclass(frozen=True)
class Figures:
    """One township's §5 figures, the rates left to be derived."""

    assigned: int = 0
    visited: int = 0
    poor_assigned: int = 0
    poor_visited: int = 0
    visits: int = 0
    funds: float = 0.0
    disputes: int = 0
    resolved: int = 0
    farmland: float = 0.0

    def document(self) -> dict:
        return {
            "households_assigned": self.assigned,
            "households_visited": self.visited,
            "coverage_rate": self.visited / self.assigned if self.assigned else None,
            "poor_households_assigned": self.poor_assigned,
            "poor_households_visited": self.poor_visited,
            "visits": self.visits,
            "funds_raised_yuan": float(self.funds),
            "disputes_total": self.disputes,
            "disputes_resolved": self.resolved,
            "resolution_rate": self.resolved / self.disputes if self.disputes else None,
            "farmland_benefited_mu": float(self.farmland),
        }


@dataclass(frozen=True)
class Expected:
    townships: dict[str, Figures]
    rejects: tuple[str, ...] = ()  # each reject's reason quotes one of these, in any order
    duplicates: int = 0
    extra: dict = field(default_factory=dict)


EXPECTED: dict[str, Expected] = {
    # 7 households (√/是 poor: 刘大山 陈桂英 邱火旺 谢三妹); 6 visit rows, 2011.2.30 rejected;
    # funds 20余万元 + 0.4万 + 1.1万 = 215000; farmland 45.3 公顷 = 679.5 亩.
    "longkou": Expected({"龙口镇": Figures(7, 4, 4, 4, 5, 215000, 0, 0, 679.5)}, ("2011.2.30",)),
    # 上坪村 3 households + 下坪村 2 (poor: 罗春生 曾福 廖金花); 上坪: 罗春生 twice (one duplicate),
    # 曾福, 张外来 (not on the roster), one row without a household; 下坪: 廖金花 twice.
    "shimen": Expected({"石门乡": Figures(5, 3, 3, 3, 5)}, ("缺少被走访户主",), duplicates=1),
    # poor: 钟一 (贫困户) 钟三 (低保户) 廖二 (五保户); 钟一 visited twice on the same day (once);
    # 2011年13月1日 rejected.
    "dongjiang": Expected({"东江乡": Figures(5, 4, 3, 2, 4)}, ("2011年13月1日",), duplicates=1),
    # 桐木村 3 (Y: 温长生 温长福) + 樟树村 3 (是: 何春 of 一组); visits 2 + 1 (relief entered twice)
    # + 3 (何春 of 三组, 何夏, and a 何春 without group that matches no single household);
    # disputes 4 read (成功, 已化解 resolved), 见卷宗 rejected.
    "bailu": Expected({"白鹭乡": Figures(6, 4, 3, 2, 6, 0, 4, 2)}, ("见卷宗",), duplicates=1),
    # 太平乡: 吴一 吴二 吴三 (poor 吴一 吴三), visits to 吴一 吴二 in "新屋" (= 新屋村);
    # 和平镇: 郑一 郑二 (poor 郑一), three visits, one to 郑三 who is not on the roster.
    # Disputes in township sections: 太平乡 调处成功 + 调处中, 和平镇 成功 + 已化解.
    "county_summary": Expected({"太平乡": Figures(3, 2, 2, 1, 2, 0, 2, 1), "和平镇": Figures(2, 1, 1, 1, 3, 0, 2, 2)}),
    # 4000 × 5 + 11000 + 200000 + 10000 + 3000 + 11000 + 10000 + 500 = 265500 (待定 rejected),
    # then 2.5 万 + 3000元 = 28000 on the 万元 sheet.
    "meilin": Expected({"梅林镇": Figures(funds=293500)}, ("待定",)),
    # farmland 三百亩 + 12公顷 + 150 + 80亩 = 710 (the 待定 investment is a side cell: left empty, the project and
    # its 80亩 kept, the sheet flagged 部分单元格无法识别); disputes: 5 rows, 2011-02-30 rejected; 已化解, 调处成功
    # resolved; 未成功, 调解中 not.
    "qingshan": Expected({"青山乡": Figures(disputes=4, resolved=2, farmland=710)}, ("2011-02-30",)),
    # 肖一 肖二 肖三 (poor 肖一 肖三); 肖一 on 6-3 entered twice; 肖三 visited by two cadres on 7-1.
    "gaoling": Expected({"高岭镇": Figures(3, 3, 2, 2, 5)}, duplicates=1),
    # 黄一..黄四 (poor 黄一 黄三); 12 visit rows, the 待定 date rejected.
    "jinzhu": Expected({"金竹乡": Figures(4, 3, 2, 2, 11)}, ("待定",)),
    # 邓一 (poor) 邓二; one visit to 邓一, one impossible date; one dispute, resolved.
    "anhe": Expected({"安和乡": Figures(2, 1, 1, 1, 1, 0, 1, 1)}, ("2011-13-01",)),
    # 钟福 (poor) 钟禄 钟寿; April 钟福 钟寿, May 钟福; funds 2万 + 1.5万 + 3000元 = 38000.
    "hexi": Expected({"河西乡": Figures(3, 2, 1, 1, 3, 38000)}),
    # seven disputes: 是 是 √ √ resolved; 否 × unresolved; - pending.
    "yunfeng": Expected({"云峰乡": Figures(disputes=7, resolved=4)}),
    # 城东社区 4 + 城西社区 2 + 城南社区 1 households (poor 叶青 叶绿 钱多 孙一); seven visits, 叶白
    # never visited.
    "chengguan": Expected({"城关街道": Figures(7, 6, 4, 4, 7)}),
    # farmland 300 + 50 + 120; funds 2万 + 0.5万, then 1.2 (万元 by the note under the table) + 3000元.
    "xiashan": Expected({"霞山乡": Figures(funds=40000, farmland=470)}),
    # 新屋: 张三 (poor) 李四; 上坪: 张三, 王五 (poor): two 张三 of 1组, one per village; every one
    # visited once, 新屋's 张三 in the log kept in the folder 新屋.
    "shuangqiao": Expected({"双桥镇": Figures(4, 4, 2, 2, 4)}),
    # 谢一 (poor) 谢二 in 长岭村, 邓甲 (poor) in 坝上村, listed again without groups (3 duplicates);
    # the village file repeats two summary visits.
    "changling": Expected({"长岭乡": Figures(3, 3, 2, 2, 4)}, duplicates=5),
    # 罗甲 listed twice (one duplicate), 罗乙, 罗丙, 罗丁 (poor 罗甲 罗丙), each visited once;
    # funds 5000 + 800.
    "taoxi": Expected({"桃溪乡": Figures(4, 4, 2, 2, 4, 5800)}, duplicates=1),
    # 曾一 曾二 古一 古二 古三 (poor 曾一 古一 古三); four visits over two printed pages.
    "pagebreak": Expected({"石塘镇": Figures(5, 4, 3, 2, 4)}),
    # 温甲 (poor) 温乙 温丙 (poor) 温丁 (poor); four visits, 温丁 not visited.
    "xinlong": Expected({"新龙乡": Figures(4, 3, 3, 2, 4)}),
}


@pytest.fixture(scope="module")
def offices(tmp_path_factory) -> dict[str, tuple[Path, object]]:
    """Every office cleaned once: (processed folder, CleanResult)."""
    done = {}
    for name, write in OFFICES.items():
        base = tmp_path_factory.mktemp(name)
        write(base / "raw")
        result = run_clean(base / "raw", base / "processed", jobs=1, progress=False)
        done[name] = (base / "processed", result)
    return done


def test_every_office_has_its_expectations():
    assert set(EXPECTED) == set(OFFICES)
    assert len(OFFICES) >= 12


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


@pytest.mark.parametrize("office", sorted(EXPECTED))
def test_figures(offices, office):
    expected = EXPECTED[office]
    doc = compute_figures(offices[office][1].frames)
    got = {row["township"]: {k: v for k, v in row.items() if k != "township"} for row in doc["townships"]}
    assert sorted(got) == sorted(expected.townships)
    for township, figures in expected.townships.items():
        want = figures.document()
        wrong = {k: (got[township][k], v) for k, v in want.items() if not _close(got[township][k], v)}
        assert not wrong, f"{office}/{township}: (got, expected) {wrong}"
    county = Figures(*(sum(getattr(f, name) for f in expected.townships.values()) for name in Figures.__dataclass_fields__))
    wrong = {k: (doc["county"][k], v) for k, v in county.document().items() if not _close(doc["county"][k], v)}
    assert not wrong, f"{office}/county: {wrong}"


@pytest.mark.parametrize("office", sorted(EXPECTED))
def test_every_sheet_balanced_and_every_file_read(offices, office):
    result = offices[office][1]
    assert result.files
    for f in result.files:
        assert f.ok, (f.path, f.problem, f.sheet_problems)
        for s in f.sheets:
            assert s.rows_read == s.n_records + s.n_rejects + s.n_skipped, (f.path, s.source_sheet, dict(s.skipped))


@pytest.mark.parametrize("office", sorted(EXPECTED))
def test_rejects_name_their_values(offices, office):
    rejects = offices[office][1].frames["rejects"]
    reasons = list(rejects["reason"])
    assert len(reasons) == len(EXPECTED[office].rejects), reasons
    for value in EXPECTED[office].rejects:
        assert sum(value in reason for reason in reasons) == 1, (value, reasons)
    for reason in reasons:
        assert reason.endswith("。") and len(reason) > 6
    assert rejects["source_row"].gt(0).all() and rejects["source_file"].notna().all()


@pytest.mark.parametrize("office", sorted(EXPECTED))
def test_duplicates_reported_not_counted(offices, office):
    assert len(offices[office][1].frames["duplicates"]) == EXPECTED[office].duplicates


_DIGIT_RUN = re.compile(r"\d{11,}")


@pytest.mark.parametrize("office", sorted(EXPECTED))
def test_no_personal_number_reaches_processed(offices, office):
    processed = offices[office][0]
    files = sorted(p for p in processed.iterdir() if p.is_file())
    assert any(p.suffix == ".parquet" for p in files)
    for path in files:
        data = path.read_bytes()
        for number in PLANTED_PII:
            assert number.encode() not in data, (path.name, number)
            assert number.lower().encode() not in data.lower(), (path.name, number)
    for name, frame in load(processed).items():
        for col in frame.columns:
            if frame[col].dtype.kind in "iufbM":
                continue
            for value in frame[col].dropna().astype(str):
                assert not _DIGIT_RUN.search(value.replace(" ", "").replace("-", "")), (name, col, value)


# ---- a few values the figures alone would not show


def _frames(offices, office) -> dict[str, pd.DataFrame]:
    return offices[office][1].frames


def test_dates_in_every_form_land_on_their_day(offices):
    visits = _frames(offices, "jinzhu")["visits"]
    days = sorted(visits["visit_date"].dt.strftime("%m-%d"))
    assert days == ["07-01", "07-06", "07-08", "07-09", "07-10", "07-11", "07-12", "07-13", "07-14", "07-15", "08-02"]
    july = compute_figures(_frames(offices, "jinzhu"), "2011-07-06", "2011-07-10")["county"]
    assert july["visits"] == 4 and july["households_visited"] == 3


def test_amount_qualifiers_kept(offices):
    funds = _frames(offices, "meilin")["funds"].set_index("source_row")
    assert funds.loc[10, ["amount_yuan", "amount_qualifier"]].tolist() == [200000.0, "at_least"]
    assert funds.loc[11, ["amount_yuan", "amount_qualifier"]].tolist() == [10000.0, "nearly"]
    assert funds.loc[12, ["amount_yuan", "amount_qualifier"]].tolist() == [3000.0, "about"]
    assert set(funds.loc[[4, 5, 6, 7, 8, 13, 14], "amount_qualifier"]) == {"exact"}


def test_places_reconciled(offices):
    county = _frames(offices, "county_summary")
    assert set(county["visits"]["village"]) == {"新屋村", "老屋村"}
    assert set(county["roster"]["township"]) == {"太平乡", "和平镇"}
    assert set(county["roster"]["village"]) == {"新屋村", "老屋村"}  # 太平乡新屋村, 老屋村委会 included
    disputes = county["disputes"].set_index("source_row")
    assert disputes["township"].to_dict() == {4: "太平乡", 5: "太平乡", 7: "和平镇", 8: "和平镇"}
    assert disputes.loc[5, "village"] == "新屋村" and pd.isna(disputes.loc[7, "village"])
    shuangqiao = _frames(offices, "shuangqiao")["roster"]
    assert sorted(shuangqiao["village"]) == ["上坪村", "上坪村", "新屋村", "新屋村"]
    chengguan = _frames(offices, "chengguan")
    assert set(chengguan["roster"]["village"]) == {"城东社区", "城西社区", "城南社区"}
    assert set(chengguan["visits"]["village"]) == {"城东社区", "城西社区", "城南社区"}
    assert set(chengguan["visits"]["group"].dropna()) == {"1组", "2组"}
    shimen = _frames(offices, "shimen")["roster"]
    assert shimen.groupby("village").size().to_dict() == {"上坪村": 3, "下坪村": 2}


def test_bare_folder_name_places_a_namesake(offices):
    frames = _frames(offices, "shuangqiao")
    visits = frames["visits"].set_index("visit_date")
    roster = frames["roster"].set_index(["village", "household_head"])["household_key"]
    assert visits.loc[pd.Timestamp("2011-04-01"), "village"] == "新屋村"
    assert visits.loc[pd.Timestamp("2011-04-01"), "household_key"] == roster[("新屋村", "张三")]


def test_ambiguous_namesake_is_matched_to_no_household(offices):
    visits = _frames(offices, "bailu")["visits"]
    he_chun = visits.loc[visits["household_head"] == "何春"].set_index("source_row")
    # 3组 given: 何春 of 三组; no group: two 何春 in 樟树村, so none.
    assert he_chun.loc[3, "household_key"] is not None and pd.notna(he_chun.loc[3, "household_key"])
    assert pd.isna(he_chun.loc[5, "household_key"])


def test_group_heading_written_once_over_its_columns(offices):
    visits = _frames(offices, "gaoling")["visits"]
    assert sorted(visits.loc[visits["visit_date"].dt.month == 7, "cadre"]) == ["丁一", "丁二"]

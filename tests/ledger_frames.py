"""Tidy frames built by hand for the figures, charts, narrative and brief tests."""

from __future__ import annotations

import pandas as pd

from sansong_analysis.ledgers import LEDGERS

# Names with characters outside common use: a brief or narrative that leaks them is caught.
HOUSEHOLD_NAME = "钟犇"
CADRE_NAME = "廖鑫"

_DEFAULTS = {"roster": ("is_poor", False), "disputes": ("legal_aid", False), "funds": ("amount_qualifier", "exact")}


def ledger_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A tidy frame as read back from Parquet: every column, the declared dtypes, lineage filled."""
    ledger = LEDGERS[name]
    df = pd.DataFrame(rows, columns=ledger.frame_columns)
    df["source_file"] = f"{name}.xlsx"
    df["source_sheet"] = "Sheet1"
    df["source_row"] = range(3, len(df) + 3)
    if name in _DEFAULTS:
        column, value = _DEFAULTS[name]
        df[column] = df[column].fillna(value)
    return df.astype(ledger.dtypes)


def roster_rows(township: str, village: str, n: int, poor: int = 0) -> list[dict]:
    """``n`` roster households of one village, the first ``poor`` of them poor."""
    return [dict(township=township, village=village, household_head=f"{HOUSEHOLD_NAME}{i}", household_key=f"{township}{i}",
                 is_poor=i < poor, members=4, cadre=CADRE_NAME) for i in range(n)]


def visit_rows(township: str, village: str, indices, when: str = "2011-03-05") -> list[dict]:
    return [dict(visit_date=pd.Timestamp(when), township=township, village=village, household_head=f"{HOUSEHOLD_NAME}{i}",
                 household_key=f"{township}{i}", cadre=CADRE_NAME, visit_kind="visit") for i in indices]


def fund(township: str, yuan: float, qualifier: str = "exact", purpose: str | None = "修路",
         when: str = "2011-04-01") -> dict:
    return dict(date=pd.Timestamp(when), township=township, village="新屋村", purpose=purpose, source="县水保局",
                amount_yuan=yuan, amount_qualifier=qualifier)


def dispute(township: str, kind: str, outcome: str, level: str | None, legal_aid: bool = False,
            when: str = "2011-05-03") -> dict:
    return dict(received_date=pd.Timestamp(when), township=township, village="新屋村", dispute_type=kind, level=level,
                outcome=outcome, legal_aid=legal_aid)


def seed_disputes(township: str) -> list[dict]:
    """The seed's 38 disputes: 21 forest (the main kind), 35 resolved, 30 of them at group or village, 20 with legal help."""
    rows = []
    for i in range(38):
        kind = "forest" if i < 21 else "neighbour" if i < 30 else "other"
        outcome = "resolved" if i < 35 else "pending"
        level = "group" if i < 16 else "village" if i < 30 else "township"
        rows.append(dispute(township, kind, outcome, level, legal_aid=i < 20))
    return rows


def seed_frames(townships: list[str]) -> dict[str, pd.DataFrame]:
    """Each township the seed's village again (100 households all visited, 22.5万余元, 38 disputes, 680 亩)."""
    roster, visits, funds, projects, disputes = [], [], [], [], []
    for t in townships:
        roster += roster_rows(t, "新屋村", 100, poor=20)
        visits += visit_rows(t, "新屋村", range(100))
        funds += [fund(t, 4000.0, purpose="春节慰问困难群众"), fund(t, 200000.0, "at_least", purpose="硬化通组公路"),
                  fund(t, 11000.0, "at_least", purpose="资助困难学生上大学"), fund(t, 10000.0, purpose="村级建设")]
        projects.append(dict(township=t, village="新屋村", project_name="稀土废水处理厂", project_type="环保",
                             investment_yuan=600000.0, farmland_mu=680.0, households_benefited=120,
                             completed_date=pd.Timestamp("2011-07-01")))
        disputes += seed_disputes(t)
    return dict(roster=ledger_frame("roster", roster), visits=ledger_frame("visits", visits),
                funds=ledger_frame("funds", funds), projects=ledger_frame("projects", projects),
                disputes=ledger_frame("disputes", disputes))

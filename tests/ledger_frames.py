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

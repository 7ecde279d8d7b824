"""Ledger text written to an xlsx or csv export is never run as a formula (OWASP "CSV injection")."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from openpyxl import load_workbook

from sansong_analysis.publish.excel import neutralise, write_csv, write_summary_xlsx

DANGEROUS = [
    "=HYPERLINK(\"http://evil.example\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "＝1+1",  # full-width forms: East Asian Excel reads them as the ASCII ones
    "＋1",
    "－1",
    "＠A1",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u3000=1+1",
]
HARMLESS = ["黄坑乡", "新屋村", "4,000.00", "1+1", "a=b", "（=）", ""]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_prefixed(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [*HARMLESS, 5, -5, -2.5, None, True])
def test_other_values_pass_unchanged(value):
    assert neutralise(value) == value


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "乡镇": ["黄坑乡", *DANGEROUS],
            "=筹资(元)": [4000.0] + [-1.5] * len(DANGEROUS),
            "走访次数": [3] + [-2] * len(DANGEROUS),
        }
    )


def test_csv_export_holds_no_formula(tmp_path):
    path = tmp_path / "汇总.csv"
    write_csv(_table(), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["乡镇", "'=筹资(元)", "走访次数"]
    assert rows[1] == ["黄坑乡", "4000.0", "3"]
    for row, text in zip(rows[2:], DANGEROUS, strict=True):
        assert row[0] == "'" + text
        assert row[1:] == ["-1.5", "-2"]  # numbers stay numbers


def test_xlsx_export_holds_no_formula(tmp_path):
    path = tmp_path / "summary.xlsx"
    write_summary_xlsx(
        _table(), path, title="=三送工作主要指标", number_formats={"走访次数": "0"}, chart_column="走访次数",
        notes=["@注：数据来自台账", "+备注"],
    )
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells
    for c in cells:
        assert c.data_type in ("s", "n"), (c.coordinate, c.value, c.data_type)
        if c.data_type == "s":
            assert not c.value.lstrip(" \u3000").startswith(("=", "+", "@", "＝", "＋", "＠")), c.value
            assert not (c.value.startswith(("-", "－")) and c.value not in ("-",)), c.value
    texts = {c.value for c in cells if c.data_type == "s"}
    assert "'=三送工作主要指标" in texts and "'=筹资(元)" in texts and "'@注：数据来自台账" in texts
    # A bare CR comes back as LF through the standard library's XML writer, as itself through lxml's
    # (which python-docx brings in, and openpyxl then uses): either way the text is kept, neutralised.
    assert {"'" + t.replace("\r", "\n") for t in DANGEROUS} <= {t.replace("\r", "\n") for t in texts}
    numbers = [c.value for c in cells if c.data_type == "n"]
    assert -1.5 in numbers and -2 in numbers


def test_control_characters_from_a_ledger_do_not_stop_the_xlsx_export(tmp_path):
    table = pd.DataFrame({"乡镇": ["黄坑\x01乡", "=\x0b1+1"], "走访次数": [1, 2]})
    path = tmp_path / "summary.xlsx"
    write_summary_xlsx(table, path, title="指标", number_formats={})
    values = [c.value for row in load_workbook(path).active.iter_rows() for c in row]
    assert "黄坑乡" in values and "'=1+1" in values

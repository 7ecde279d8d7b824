"""One figure, one string: a township with 13 of 16 households visited reads 81.3% in every output.

The figures are chosen where plain float formatting and half-up rounding
(四舍五入) part ways: 13/16 = 81.25% (Python's ``f"{x:.1%}"`` says 81.2%),
224950 yuan = 22.495万 (``f"{x:.2f}"`` says 22.49) and 12.25 亩
(``f"{x:.1f}"`` says 12.2). Each output is read as its reader meets it: the
narrative, ``summary.txt``, the brief's PDF text, the report's HTML, the
charts' SVG text, ``sansong metrics`` and ``summary.xlsx`` as a spreadsheet
displays it. Expected strings are written out.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from ledger_frames import CADRE_NAME, HOUSEHOLD_NAME, ledger_frame, roster_rows
from pypdf import PdfReader

from sansong_analysis import store
from sansong_analysis.cli import main
from sansong_analysis.publish.narrative import township_narrative
from sansong_analysis.run.report import run_report, safe_folder_name

pytestmark = pytest.mark.slow

TOWNSHIP = "黄坑乡"
# What every output must say for 黄坑乡, and what plain formatting would have said instead.
COVERAGE, NOT_COVERAGE = "81.3%", "81.2%"
FUNDS_WAN, NOT_FUNDS_WAN = "22.5", "22.49"
FARMLAND, NOT_FARMLAND = "12.3", "12.2"
COUNTY_COVERAGE = "91.7%"  # 33 of 36 households


def _frames() -> dict[str, pd.DataFrame]:
    when = pd.Timestamp("2011-03-05")
    visits = [dict(visit_date=when, township=TOWNSHIP, village="新屋村", household_head=f"{HOUSEHOLD_NAME}{i}",
                   household_key=f"{TOWNSHIP}{i}", cadre=CADRE_NAME, visit_kind="visit") for i in range(13)]
    visits += [dict(visit_date=when, township="龙口镇", village="龙口村", household_head=f"{HOUSEHOLD_NAME}{i}",
                    household_key=f"龙口镇{i}", cadre=CADRE_NAME, visit_kind="visit") for i in range(20)]
    funds = [dict(date=pd.Timestamp("2011-04-01"), township=TOWNSHIP, village="新屋村", purpose="修路", source="县水保局",
                  amount_yuan=224950.0, amount_qualifier="exact")]
    projects = [dict(township=TOWNSHIP, village="新屋村", project_name="山塘整修", project_type="水利",
                     investment_yuan=50000.0, farmland_mu=12.25, households_benefited=30,
                     completed_date=pd.Timestamp("2011-07-01"))]
    disputes = [dict(received_date=pd.Timestamp("2011-05-03"), township=TOWNSHIP, village="新屋村", dispute_type="forest",
                     level="village", outcome="resolved" if i < 13 else "pending", legal_aid=False) for i in range(16)]
    return dict(
        roster=ledger_frame("roster", roster_rows(TOWNSHIP, "新屋村", 16) + roster_rows("龙口镇", "龙口村", 20)),
        visits=ledger_frame("visits", visits), funds=ledger_frame("funds", funds),
        projects=ledger_frame("projects", projects), disputes=ledger_frame("disputes", disputes),
    )


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("one_string")
    frames = _frames()
    processed, out = base / "processed", base / "outputs"
    store.write_frames(frames, processed)
    township = run_report(TOWNSHIP, processed, out)
    county = run_report(None, processed, out)
    assert township.status == "ok", township.error
    assert county.status == "ok", county.error
    return {"frames": frames, "processed": processed, "township": out / safe_folder_name(TOWNSHIP),
            "county": Path(county.out_dir)}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def svg_text(path: Path) -> str:
    """The texts of a chart saved as SVG (drawn as glyph outlines, each preceded by its text as a comment)."""
    return "\n".join(re.findall(r"<!-- (.*?) -->", path.read_text("utf-8"), flags=re.S))


def excel_displays(value: object, number_format: str) -> str:
    """What Excel shows for ``value`` under ``number_format``: half away from zero on 15 significant digits."""
    if value is None:
        return ""
    if number_format == "0.0%":
        shown = Decimal(f"{value * 100:.15g}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{shown}%"
    if number_format == "0":
        return str(Decimal(f"{value:.15g}").quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert number_format == "General"
    return f"{value:.11g}"


def naive_displays(value: object, number_format: str) -> str:
    """What a program that formats the binary value half to even (as Python does) would show."""
    if value is None:
        return ""
    if number_format == "0.0%":
        return f"{value:.1%}"
    return f"{value:.11g}" if number_format == "General" else f"{value:.0f}"


def summary_sheet(path: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """``summary.xlsx``'s first sheet as (Excel's display, a naive display) by township and heading."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(min_row=2))
    headings = [c.value for c in rows[0]]
    table = {}
    for row in rows[1:]:
        if row[0].value is None:
            break
        table[row[0].value] = {h: (excel_displays(c.value, c.number_format), naive_displays(c.value, c.number_format))
                               for h, c in zip(headings[1:], row[1:], strict=True)}
    return table


def test_the_narrative(outputs):
    text = township_narrative(outputs["frames"], TOWNSHIP)
    assert "共包扶农户16户，走访13户，走访覆盖率81.3%" in text
    assert "调处成功13起，调处成功率81.3%" in text
    assert "共筹集资金22.5万元" in text and "受益农田12.3亩" in text
    assert "走访覆盖率91.7%" in township_narrative(outputs["frames"], None)


def test_summary_txt(outputs):
    text = (outputs["township"] / "summary.txt").read_text("utf-8-sig")
    assert "走访覆盖率81.3%" in text and "调处成功率81.3%" in text
    assert "22.5万元" in text and "12.3亩" in text


def test_the_brief(outputs):
    text = squeeze(PdfReader(outputs["township"] / "brief.pdf").pages[0].extract_text())
    assert "走访覆盖率81.3%已走访13户" in text  # the tile
    assert "走访覆盖率81.3%" in text and "调处成功率81.3%" in text  # the paragraph
    assert "筹资金额22.5万元" in text and "受益农田12.3亩" in text  # the tiles
    county = squeeze(PdfReader(outputs["county"] / "brief.pdf").pages[0].extract_text())
    assert "走访覆盖率91.7%" in county


def test_the_report(outputs):
    html = outputs["township"].joinpath("report.html").read_text("utf-8")
    assert html.count("81.3%") >= 3  # the narrative, the key-figure table (coverage and resolution)
    assert "22.5万元" in html and "12.3亩" in html
    county = outputs["county"].joinpath("report.html").read_text("utf-8")
    assert ">81.3%<" in county and ">22.5<" in county and ">12.3<" in county  # the township ranking
    assert "91.7%" in county


def test_the_charts(outputs):
    charts = outputs["township"] / "charts"
    coverage = svg_text(charts / "coverage.svg")
    assert "81.3%（13/16）" in coverage and "包扶16户，已走访13户，覆盖率81.3%" in coverage
    assert "成功率81.3%" in svg_text(charts / "disputes.svg")
    funds = svg_text(charts / "funds.svg")
    assert "\n22.5\n" in f"\n{funds}\n" and "合计22.5万元，1笔" in funds
    assert "12.3亩" in svg_text(charts / "farmland.svg")
    county = svg_text(outputs["county"] / "charts" / "coverage.svg")
    assert "81.3%（13/16）" in county and "覆盖率91.7%" in county


def test_sansong_metrics(outputs, capsys):
    assert main(["metrics", "--processed", str(outputs["processed"])]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith(TOWNSHIP)).split()
    assert row == [TOWNSHIP, "16", "13", COVERAGE, "13", FUNDS_WAN, "16", "13", COVERAGE, FARMLAND]
    county = next(line for line in lines if line.startswith("全县合计")).split()
    assert county[3] == COUNTY_COVERAGE
    assert "筹资金额（万元）" in lines[1] and "受益农田（亩）" in lines[1]


def test_summary_xlsx_as_displayed(outputs):
    sheet = summary_sheet(outputs["county"] / "summary.xlsx")
    row = sheet[TOWNSHIP]
    # The same string whether the spreadsheet rounds as Excel does or as Python does.
    assert row["走访覆盖率"] == (COVERAGE, COVERAGE)
    assert row["调处成功率"] == (COVERAGE, COVERAGE)
    assert row["筹资金额（万元）"] == (FUNDS_WAN, FUNDS_WAN)
    assert row["受益农田（亩）"] == (FARMLAND, FARMLAND)
    assert row["走访户数"] == ("13", "13")
    assert sheet["全县合计"]["走访覆盖率"] == (COUNTY_COVERAGE, COUNTY_COVERAGE)
    # No disputes, no rate: an empty cell (a gap in the Excel chart, not a 0), as the note says.
    assert sheet["龙口镇"]["调处成功率"] == ("", "")
    # The figures unrounded, for whoever computes on from them.
    exact = openpyxl.load_workbook(outputs["county"] / "summary.xlsx")["精确数值"]
    values = {c.value for row in exact.iter_rows() for c in row}
    assert 0.8125 in values and 224950.0 in values and 12.25 in values


def test_no_output_says_it_the_other_way(outputs):
    township, county = outputs["township"], outputs["county"]
    texts = [
        township_narrative(outputs["frames"], TOWNSHIP),
        (township / "summary.txt").read_text("utf-8-sig"),
        squeeze(PdfReader(township / "brief.pdf").pages[0].extract_text()),
        squeeze(PdfReader(county / "brief.pdf").pages[0].extract_text()),
        (township / "report.html").read_text("utf-8"),
        (county / "report.html").read_text("utf-8"),
        *(svg_text(folder / "charts" / f"{stem}.svg") for folder in (township, county)
          for stem in ("coverage", "funds", "disputes", "farmland")),
    ]
    for text in texts:
        assert NOT_COVERAGE not in text
        assert NOT_FUNDS_WAN not in text
        assert f"{NOT_FARMLAND}亩" not in text

"""What the report notebooks call, so that they stay thin.

A notebook cell is one call here: open the report (parameters → frames,
figures, output folder), show a table with Chinese headings, draw and save a
chart, print a section's sentence. Logic a second notebook would need lives
here, with tests, not in the notebooks.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sansong_analysis import figures as fig_mod
from sansong_analysis import paths
from sansong_analysis.ledgers import LABELS, VALUE_LABELS
from sansong_analysis.store import load

COUNTY_PLACE = "全县"


@dataclass
class ReportContext:
    """One report's parameters, resolved, with its frames and figures loaded."""

    township: str | None
    start: dt.date | None
    end: dt.date | None
    processed_dir: Path
    out_dir: Path
    frames: dict[str, pd.DataFrame]
    figures: dict
    townships: list[str] = field(default_factory=list)

    @property
    def place(self) -> str:
        return self.township or COUNTY_PLACE

    @property
    def charts_dir(self) -> Path:
        return self.out_dir / "charts"

    @property
    def row(self) -> dict:
        """This report's §5 entry: the township's, or the county's."""
        if self.township is None:
            return self.figures["county"]
        return next(r for r in self.figures["townships"] if r["township"] == self.township)

    @property
    def as_of(self) -> dt.date | None:
        return self.end or fig_mod.latest_record_date(self.frames, self.township)

    @functools.cached_property
    def sentences(self) -> dict[str, str]:
        """Each section's sentence(s) (``narrative.section_sentences``), worked out once per report.

        Every section of a report reads from the same facts; working them out
        again for each heading cost a county overview most of a second.
        """
        from sansong_analysis.publish.narrative import section_sentences

        return section_sentences(self.frames, self.township, self.start, self.end)

    @property
    def period_text(self) -> str:
        """``2011年``, ``2011年1-9月``…; with no period, the years the records span."""
        from sansong_analysis.publish.charts.common import period_label

        label = period_label(self.start, self.end)
        if label:
            return label
        years = sorted(
            {int(y) for name, col in fig_mod.DATE_COLUMNS.items()
             for y in self.frames[name][col].dt.year.dropna().unique()}
        )
        if not years:
            return "全部记录"
        return f"{years[0]}年" if len(years) == 1 else f"{years[0]}-{years[-1]}年"


def open_report(
    township: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    processed_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    county: bool = False,
) -> ReportContext:
    """Resolve a notebook's parameters; defaults work when an analyst opens the notebook by hand.

    ``township=None`` (township report) takes the first township in the data;
    ``county=True`` is the county overview. Raises ValueError with a Chinese
    message for an unknown township or a bad period.
    """
    start_date, end_date = fig_mod.validate_period(start or None, end or None)
    processed = Path(processed_dir) if processed_dir else paths.PROCESSED_DIR
    if not (processed / "roster.parquet").exists() and not any(processed.glob("*.parquet")):
        raise ValueError(f"整洁数据文件夹「{processed}」中没有数据，请先运行 sansong clean")
    if county:
        frames = load(processed)
        townships = fig_mod.all_townships(frames)
        township = None
    else:
        # A township report reads only its own rows (Parquet filters), and only the
        # township column of the rest to know which townships exist.
        townships = _townships_on_disk(processed)
        if township is None:
            if not townships:
                raise ValueError("数据中没有任何乡镇")
            township = townships[0]
        elif township not in townships:
            raise ValueError(f"未找到乡镇「{township}」；已知乡镇：{'、'.join(townships)}")
        frames = load(processed, township=township)
    figures = fig_mod.compute_figures(frames, start_date, end_date, townships=None if township is None else [township])
    if out_dir:
        out = Path(out_dir)
    else:
        from sansong_analysis.run.report import report_target

        out = report_target(paths.OUTPUTS_DIR, township)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    return ReportContext(township, start_date, end_date, processed, out, frames, figures, townships)


def _townships_on_disk(processed: Path) -> list[str]:
    """``figures.all_townships`` of the processed frames, reading their township column only."""
    columns = {
        name: pd.read_parquet(path, columns=["township"])
        for name in fig_mod.RECORD_FRAMES
        if (path := processed / f"{name}.parquet").exists()
    }
    return fig_mod.all_townships(columns)


# --------------------------------------------------------------------------- tables


def format_yuan_wan(yuan: float | None) -> str:
    if yuan is None or pd.isna(yuan):
        return "—"
    return f"{yuan / 10_000:,.2f} 万元"


def format_rate(rate: float | None) -> str:
    return "—" if rate is None or pd.isna(rate) else f"{rate * 100:.1f}%"


def key_figures_table(ctx: ReportContext) -> pd.DataFrame:
    """概况: the §5 figures of this report as 指标 / 数值 rows, formatted for reading."""
    r = ctx.row
    rows = [
        ("包扶户数", f"{r['households_assigned']} 户"),
        ("走访户数", f"{r['households_visited']} 户"),
        ("走访覆盖率", format_rate(r["coverage_rate"])),
        ("包扶困难户数", f"{r['poor_households_assigned']} 户"),
        ("走访困难户数", f"{r['poor_households_visited']} 户"),
        ("走访次数", f"{r['visits']} 次"),
        ("筹资金额", format_yuan_wan(r["funds_raised_yuan"])),
        ("受理矛盾纠纷", f"{r['disputes_total']} 起"),
        ("调处成功", f"{r['disputes_resolved']} 起"),
        ("调处成功率", format_rate(r["resolution_rate"])),
        ("受益农田", f"{r['farmland_benefited_mu']:,.1f} 亩"),
    ]
    return pd.DataFrame(rows, columns=["指标", "数值"])


def township_ranking(ctx: ReportContext) -> pd.DataFrame:
    """Every township side by side with Chinese headings, ranked by coverage (best first)."""
    table = fig_mod.township_table(ctx.frames, ctx.start, ctx.end)
    table = table.sort_values(["coverage_rate", "township"], ascending=[False, True], na_position="last")
    table.insert(0, "rank", range(1, len(table) + 1))
    labels = {"rank": "覆盖率排名", **LABELS}
    return table.rename(columns=labels).reset_index(drop=True)


def summary_number_formats() -> dict[str, str]:
    return {
        LABELS["coverage_rate"]: "0.0%", LABELS["resolution_rate"]: "0.0%",
        LABELS["funds_raised_yuan"]: "#,##0.00", LABELS["farmland_benefited_mu"]: "#,##0.0",
        **{LABELS[k]: "0" for k in ("households_assigned", "households_visited", "poor_households_assigned",
                                     "poor_households_visited", "visits", "disputes_total", "disputes_resolved")},
    }


def write_county_summary(ctx: ReportContext) -> Path:
    """``summary.xlsx``: the figures per township with a county total row and a native chart."""
    from sansong_analysis.publish.excel import write_summary_xlsx

    table = fig_mod.township_table(ctx.frames, ctx.start, ctx.end)
    county = {"township": "全县合计", **ctx.figures["county"]}
    table = pd.concat([table, pd.DataFrame([county])], ignore_index=True)
    table = table.rename(columns=LABELS)
    path = ctx.out_dir / "summary.xlsx"
    write_summary_xlsx(
        table, path,
        title=f"各乡镇三送工作主要指标（{ctx.period_text}）",
        number_formats=summary_number_formats(),
        chart_column=LABELS["coverage_rate"],
        chart_title="各乡镇走访覆盖率",
        notes=[f"数据来源：各工作组台账；统计截至：{ctx.as_of or '—'}；覆盖率 = 走访户数 / 包扶户数。"],
    )
    return path


def quality_tables(ctx: ReportContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """数据质量: rows the clean step rejected and visits entered twice, for fixing the ledgers.

    The county overview also lists rejects whose township could not be told.
    """
    rejects = ctx.frames["rejects"]
    if ctx.township is None:
        rejects = rejects  # every reject, including those with no township
    rejects = rejects.assign(ledger=rejects["ledger"].map(VALUE_LABELS["ledger"]).fillna(rejects["ledger"]))
    rejects = rejects[["source_file", "source_sheet", "source_row", "ledger", "reason", "raw_cells"]].rename(
        columns={"source_file": "来源文件", "source_sheet": "工作表", "source_row": "行号", "ledger": "台账",
                 "reason": "原因", "raw_cells": "原始内容"}
    )
    dups = ctx.frames["duplicates"]
    dups = dups.assign(ledger=dups["ledger"].map(VALUE_LABELS["ledger"]).fillna(dups["ledger"]))
    dups = dups[["source_file", "source_sheet", "source_row", "ledger", "household_head", "kept_sheet", "kept_row"]].rename(
        columns={"source_file": "来源文件", "source_sheet": "工作表", "source_row": "行号", "ledger": "台账",
                 "household_head": "户主", "kept_sheet": "保留记录所在工作表", "kept_row": "保留记录行号"}
    )
    return rejects.reset_index(drop=True), dups.reset_index(drop=True)


# --------------------------------------------------------------------------- charts and prose


def chart(ctx: ReportContext, which: str):
    """One of the four charts of CONTRACT §6 for this report (a township's, or the county comparison)."""
    from sansong_analysis.publish import charts

    if ctx.township is None:
        county = {
            "coverage": charts.county_coverage_chart, "funds": charts.county_funds_chart,
            "disputes": charts.county_disputes_chart, "farmland": charts.county_farmland_chart,
        }[which]
        return county(ctx.frames, start=ctx.start, end=ctx.end, as_of=ctx.as_of)
    township = {
        "coverage": charts.coverage_chart, "funds": charts.funds_chart,
        "disputes": charts.disputes_chart, "farmland": charts.farmland_chart,
    }[which]
    return township(ctx.frames, ctx.township, ctx.start, ctx.end, as_of=ctx.as_of)


def show_chart(ctx: ReportContext, which: str):
    """Draw a chart, save it as PNG/SVG/PDF under ``out_dir/charts`` and show the PNG."""
    from IPython.display import Image

    from sansong_analysis.publish.charts import save_chart

    figure = chart(ctx, which)
    # PNG for Word and slides, SVG for print; a PDF per chart would cost more than all the rest.
    saved = save_chart(figure, ctx.charts_dir, which, formats=("png", "svg"))
    png = next(p for p in saved if p.suffix == ".png")
    return Image(filename=str(png), width=760)


def section_text(ctx: ReportContext, section: str):
    """The sentence(s) heading a report section, written from the figures (``narrative``)."""
    from IPython.display import Markdown

    text = ctx.sentences.get(section, "")
    return Markdown(text or "本期该项台账未报送。")

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
from sansong_analysis.ledgers import LABELS
from sansong_analysis.store import load
from sansong_analysis.wording import (
    COUNTY_PLACE,
    COUNTY_TOTAL,
    FIGURE_KINDS,
    chinese_date,
    figure_cell_value,
    figure_heading,
    figure_label,
    figure_number_format,
    figure_phrase,
    figure_text,
)


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
    def facts(self):
        """The narrative's facts (``narrative.narrative_facts``), worked out once per report.

        Every section of a report reads from the same facts; working them out
        again for each heading cost a county overview most of a second.
        """
        from sansong_analysis.publish.narrative import narrative_facts

        return narrative_facts(self.frames, self.township, self.start, self.end)

    @functools.cached_property
    def sentences(self) -> dict[str, str]:
        """Each section's sentence(s), as ``narrative.section_sentences`` writes them."""
        from sansong_analysis.publish.narrative import sentences_from_facts

        return sentences_from_facts(self.facts)

    @functools.cached_property
    def problems(self):
        """数据质量: the ledger problems of this township (or the county), the same model as its 问题清单.xlsx.

        One model (``publish.feedback.ledger_problems``) feeds both, so the report
        and the list sent back to the township never disagree.
        """
        from sansong_analysis.publish.feedback import ledger_problems
        from sansong_analysis.store import load_summary

        return ledger_problems(load_summary(self.processed_dir), self.frames, self.township,
                               known_townships=self.townships)

    @property
    def period_text(self) -> str:
        """``2011年``, ``2011年1-9月``… as a title says it; with no period, the years the records span."""
        from sansong_analysis.publish.narrative import period_phrase

        return period_phrase(self.frames, self.township, self.start, self.end, to="-") or "全部记录"


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


# The figures of the key-figure table, in the order a 工作总结 gives them.
KEY_FIGURES = (
    "households_assigned", "households_visited", "coverage_rate", "poor_households_assigned",
    "poor_households_visited", "visits", "funds_raised_yuan", "disputes_total", "disputes_resolved",
    "resolution_rate", "farmland_benefited_mu",
)


def key_figures_table(ctx: ReportContext) -> pd.DataFrame:
    """概况: the §5 figures of this report as 指标 / 数值 rows, written as the narrative writes them."""
    r = ctx.row
    rows = [(figure_label(name), figure_phrase(name, r[name], ctx.facts.funds_qualifier)) for name in KEY_FIGURES]
    return pd.DataFrame(rows, columns=["指标", "数值"])


def township_ranking(ctx: ReportContext) -> pd.DataFrame:
    """Every township side by side with Chinese headings, ranked by coverage (best first), cells as text.

    The cells are the strings every other output writes (``81.3%``, ``22.5``
    under 筹资金额（万元）), so the notebook shows the table as it is.
    """
    table = fig_mod.township_table(ctx.frames, ctx.start, ctx.end)
    table = table.sort_values(["coverage_rate", "township"], ascending=[False, True], na_position="last")
    shown = pd.DataFrame({"覆盖率排名": range(1, len(table) + 1), LABELS["township"]: table["township"].to_list()})
    for name in FIGURE_KINDS:
        shown[figure_heading(name)] = [figure_text(name, v) for v in table[name].astype("object")]
    return shown


def _figures_frame(rows: list[dict], value) -> pd.DataFrame:
    """One row a township (and the county total), the §5 figures under their headings as ``value`` gives them."""
    return pd.DataFrame(
        [{LABELS["township"]: row["township"], **{figure_heading(n): value(n, row[n]) for n in FIGURE_KINDS}}
         for row in rows]
    )


def write_county_summary(ctx: ReportContext) -> Path:
    """``summary.xlsx``: the figures per township with a county total row and a native chart.

    The first sheet holds each figure rounded as every other output writes it
    (``wording.figure_cell_value``), so a leader reads 81.3% in Excel as in
    the brief; the sheet 精确数值 holds the figures unrounded, in 元.
    """
    from sansong_analysis.publish.excel import write_summary_xlsx

    table = fig_mod.township_table(ctx.frames, ctx.start, ctx.end)
    rows = [*table.astype("object").to_dict("records"), {"township": COUNTY_TOTAL, **ctx.figures["county"]}]
    shown = _figures_frame(rows, figure_cell_value)
    exact = pd.DataFrame([{LABELS["township"]: row["township"], **{LABELS[n]: row[n] for n in FIGURE_KINDS}}
                          for row in rows])
    as_of = chinese_date(ctx.as_of) if ctx.as_of else "—"
    path = ctx.out_dir / "summary.xlsx"
    write_summary_xlsx(
        shown, path,
        title=f"各乡镇三送工作主要指标（{ctx.period_text}）",
        number_formats={figure_heading(n): figure_number_format(n) for n in FIGURE_KINDS},
        chart_column=figure_heading("coverage_rate"),
        chart_title="各乡镇走访覆盖率",
        notes=[
            f"数据来源：各工作组台账；统计截至：{as_of}；覆盖率 = 走访户数 / 包扶户数。",
            "数值四舍五入：覆盖率、调处成功率保留一位小数，筹资金额以万元计保留两位小数，受益农田保留一位小数；"
            "未经舍入的数值见“精确数值”工作表。空白表示无此项（如未受理纠纷则无调处成功率）。",
        ],
        exact=exact,
        exact_title=f"各乡镇三送工作主要指标（{ctx.period_text}；未经舍入，金额单位：元）",
    )
    return path


def show_quality(ctx: ReportContext) -> None:
    """Display the 数据质量 section: how many problems of each kind, then each table with its title."""
    from IPython.display import Markdown, display

    from sansong_analysis.publish.feedback import quality_sentences, quality_tables

    model = ctx.problems
    display(Markdown(quality_sentences(model)))
    for title, table in quality_tables(model).items():
        display(Markdown(f"**{title}**（{len(table)}）"))
        display(table.style.hide(axis="index"))


# --------------------------------------------------------------------------- charts and prose


def chart(ctx: ReportContext, which: str):
    """One of the four charts of docs/contract.md §6 for this report (a township's, or the county comparison)."""
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

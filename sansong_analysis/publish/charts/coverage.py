"""Visit coverage by village: how many assigned households the work teams have visited."""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from sansong_analysis.figures import (
    DateLike,
    Frames,
    coverage_by_village,
)
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.charts.common import (
    PRIMARY,
    REFERENCE,
    bar_figure_height,
    bar_labels,
    chart_heading,
    empty_chart,
    finish,
    new_figure,
    percent_axis,
    styled,
)
from sansong_analysis.wording import COUNTY_PLACE, format_percent

COVERAGE_SOURCE = f"{LEDGERS['roster'].label}、{LEDGERS['visits'].label}"
MAX_VILLAGES = 40


@styled
def plot_coverage_by_village(
    coverage: pd.DataFrame,
    *,
    title: str,
    source: str = COVERAGE_SOURCE,
    as_of: date | None = None,
    show_township: bool = False,
    max_bars: int = MAX_VILLAGES,
) -> Figure:
    """Horizontal bars of ``coverage_by_village`` output, highest coverage on top.

    Each bar is labelled ``85.0%（17/20）`` (visited / assigned); a dashed line
    marks 100%. With more than ``max_bars`` villages only the lowest are
    drawn (the ones needing attention) and a note says so.
    """
    if coverage.empty:
        return empty_chart(title, source=source, as_of=as_of)
    table = coverage.sort_values(["coverage_rate", "households_assigned"], ascending=[True, False], kind="stable")
    notes = []
    if len(table) > max_bars:
        notes.append(f"注：共{len(table)}个村，仅列出覆盖率最低的{max_bars}个。")
        table = table.head(max_bars)
    # barh draws the first row at the bottom: lowest coverage at the bottom, highest on top.
    names = [
        f"{row.township}·{row.village}" if show_township else str(row.village) for row in table.itertuples()
    ]
    rates = table["coverage_rate"].to_list()
    fig = new_figure(bar_figure_height(len(table)))
    ax = fig.subplots()
    positions = list(range(len(table)))
    ax.barh(positions, rates, height=0.62, color=PRIMARY, zorder=2)
    ax.set_yticks(positions, names)
    ax.axvline(1.0, color=REFERENCE, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
    percent_axis(ax)
    ax.set_xlim(0, 1.36)
    ax.set_ylim(-0.6, len(table) - 0.4)
    labels = [
        f"{format_percent(rate)}（{visited}/{assigned}）"
        for rate, visited, assigned in zip(rates, table["households_visited"], table["households_assigned"], strict=True)
    ]
    bar_labels(ax, positions, rates, labels, offset=0.015)
    assigned = int(coverage["households_assigned"].sum())
    visited = int(coverage["households_visited"].sum())
    subtitle = f"包扶{assigned}户，已走访{visited}户，覆盖率{format_percent(visited / assigned if assigned else None)}"
    poor_assigned = int(coverage.get("poor_households_assigned", pd.Series(dtype="int64")).sum())
    if poor_assigned:
        poor_visited = int(coverage["poor_households_visited"].sum())
        subtitle += f"；其中困难户{poor_assigned}户，已走访{poor_visited}户"
    return finish(fig, ax, title=title, subtitle=subtitle, notes=notes, source=source, as_of=as_of)


def coverage_chart(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    place: str | None = None,
    source: str = COVERAGE_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """``黄坑乡2011年走访覆盖率``: coverage by village of one township (None: the whole county).

    ``place`` overrides the name in the title (default: the township, or
    全县); ``as_of`` the 统计截至 date (default: ``end``, else the latest visit).
    """
    start_date, end_date, title, as_of = chart_heading(
        frames, township, start, end, place=place or township or COUNTY_PLACE, subject="走访覆盖率", unit=None,
        ledger="visits", as_of=as_of,
    )
    table = coverage_by_village(frames, township, start_date, end_date)
    return plot_coverage_by_village(table, title=title, source=source, as_of=as_of, show_township=township is None)

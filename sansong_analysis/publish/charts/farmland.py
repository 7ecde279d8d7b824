"""Farmland benefited (受益农田) by the projects done for villages, in 亩."""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from sansong_analysis.figures import (
    DateLike,
    Frames,
    farmland_by_project,
)
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.charts.common import (
    PRIMARY,
    bar_figure_height,
    bar_labels,
    chart_heading,
    empty_chart,
    finish,
    new_figure,
    styled,
    value_axis,
    wrap_label,
)
from sansong_analysis.wording import COUNTY_PLACE, format_mu

FARMLAND_SOURCE = LEDGERS["projects"].label
MAX_PROJECTS = 25


@styled
def plot_farmland(
    projects: pd.DataFrame,
    *,
    title: str,
    source: str = FARMLAND_SOURCE,
    as_of: date | None = None,
    show_place: str = "village",
    max_bars: int = MAX_PROJECTS,
) -> Figure:
    """Horizontal bars of ``farmland_by_project`` output (亩), largest on top.

    Each project is labelled with its village (``show_place="village"``),
    its township and village (``"township"``) or neither (``"none"``).
    """
    if projects.empty:
        return empty_chart(title, source=source, as_of=as_of)
    table = projects.sort_values("farmland_mu", ascending=False, kind="stable")
    notes = []
    if len(table) > max_bars:
        rest = table.iloc[max_bars:]
        notes.append(f"注：另有{len(rest)}个项目受益农田合计{format_mu(float(rest['farmland_mu'].sum()))}，未逐一列出。")
        table = table.head(max_bars)
    table = table.iloc[::-1]

    def name(row: pd.Series) -> str:
        label = wrap_label(row["project_name"], 13, 2)
        if show_place == "township":
            return f"{label}\n（{row['township']}·{row['village']}）" if pd.notna(row["village"]) else f"{label}\n（{row['township']}）"
        if show_place == "village" and pd.notna(row["village"]):
            return f"{label}\n（{row['village']}）"
        return label

    names = [name(row) for _, row in table.iterrows()]
    lines = max(label.count("\n") + 1 for label in names)
    values = table["farmland_mu"].astype(float).to_list()
    fig = new_figure(bar_figure_height(len(table), 1.0 + 0.35 * (lines - 1)))
    ax = fig.subplots()
    positions = list(range(len(table)))
    ax.barh(positions, values, height=0.62, color=PRIMARY, zorder=2)
    ax.set_yticks(positions, names)
    value_axis(ax)
    top = max(values)
    ax.set_xlim(0, top * 1.16)
    ax.set_ylim(-0.6, len(table) - 0.4)
    bar_labels(ax, positions, values, [format_mu(v) for v in values], offset=top * 0.012)
    total = float(projects["farmland_mu"].sum())
    subtitle = f"{len(projects)}个项目受益农田合计{format_mu(total)}"
    households = projects["households_benefited"].dropna()
    if len(households):
        subtitle += f"，受益{int(households.sum())}户"
        if len(households) < len(projects):
            subtitle += f"（{len(projects) - len(households)}个项目未填受益户数）"
    return finish(fig, ax, title=title, subtitle=subtitle, notes=notes, source=source, as_of=as_of)


def farmland_chart(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    place: str | None = None,
    source: str = FARMLAND_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """``黄坑乡2011年办实事项目受益农田（亩）``: farmland benefited by project (period by completion date)."""
    start_date, end_date, title, as_of = chart_heading(
        frames, township, start, end, place=place or township or COUNTY_PLACE, subject="办实事项目受益农田", unit="亩",
        ledger="projects", as_of=as_of,
    )
    table = farmland_by_project(frames, township, start_date, end_date)
    return plot_farmland(table, title=title, source=source, as_of=as_of,
                         show_place="township" if township is None else "village")

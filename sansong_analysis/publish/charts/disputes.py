"""Disputes mediated (矛盾纠纷调处): by type, stacked by outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sansong_analysis.figures import (
    DateLike,
    Frames,
    dispute_summary,
    disputes_by_type_and_outcome,
)
from sansong_analysis.ledgers import LEDGERS, VALUE_LABELS
from sansong_analysis.publish.charts.common import (
    OUTCOME_COLORS,
    OUTCOME_HATCH,
    OUTCOME_ORDER,
    bar_figure_height,
    bar_labels,
    chart_heading,
    empty_chart,
    finish,
    new_figure,
    styled,
    value_axis,
)
from sansong_analysis.publish.charts.fonts import INK
from sansong_analysis.wording import COUNTY_PLACE, format_count, format_percent

DISPUTES_SOURCE = LEDGERS["disputes"].label
LOCAL_SLOGAN = "小事不出组，大事不出村"


def stacked_outcomes(ax: Axes, table: pd.DataFrame, names: list[str]) -> list[float]:
    """Horizontal bars stacked by outcome (one row of ``table`` a bar, first at the bottom).

    Counts are written inside segments wide enough to hold them. Returns each bar's total.
    """
    positions = list(range(len(table)))
    left = [0.0] * len(table)
    totals = table[list(OUTCOME_ORDER)].sum(axis=1).astype(float).to_list()
    widest = max(totals) if totals and max(totals) > 0 else 1.0
    for outcome in OUTCOME_ORDER:
        counts = table[outcome].astype(float).to_list()
        ax.barh(
            positions, counts, left=left, height=0.62, color=OUTCOME_COLORS[outcome],
            hatch=OUTCOME_HATCH.get(outcome), edgecolor="white", linewidth=0.6, zorder=2,
        )
        for y, (x0, n) in enumerate(zip(left, counts, strict=True)):
            if n > 0 and n / widest >= 0.07:
                colour = "white" if outcome in ("resolved", "referred") else INK
                ax.text(x0 + n / 2, y, format_count(n), ha="center", va="center", fontsize=7.5, color=colour, zorder=3)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_yticks(positions, names)
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.set_xlim(0, widest * 1.16)
    return totals


def outcome_legend(ax: Axes) -> None:
    """The outcome key in one row under the value axis (constrained layout makes room for it)."""
    handles = [
        Patch(facecolor=OUTCOME_COLORS[o], hatch=OUTCOME_HATCH.get(o), edgecolor="white", label=VALUE_LABELS["outcome"][o])
        for o in OUTCOME_ORDER
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), borderaxespad=2.0,
              ncols=len(handles), handlelength=1.4, columnspacing=1.6, fontsize=8)


def dispute_subtitle(summary: dict[str, Any]) -> str:
    """``受理38起，调处成功35起，成功率92.1%；组、村两级化解30起，占78.9%（小事不出组，大事不出村）``."""
    text = (f"受理{summary['disputes_total']}起，调处成功{summary['disputes_resolved']}起，"
            f"成功率{format_percent(summary['resolution_rate'])}")
    if summary.get("settled_locally_share") is not None:
        text += (f"\n组、村两级化解{summary['settled_locally']}起，占{format_percent(summary['settled_locally_share'])}"
                 f"（{LOCAL_SLOGAN}）")
    if summary.get("legal_aid"):
        text += f"；提供法律帮助{summary['legal_aid']}起"
    return text


@styled
def plot_disputes(
    disputes: pd.DataFrame,
    *,
    title: str,
    summary: dict[str, Any] | None = None,
    source: str = DISPUTES_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Stacked bars of ``disputes_by_type_and_outcome`` output, most frequent type on top.

    ``summary`` (``dispute_summary`` output) feeds the subtitle: resolution
    rate and the share settled at group or village level. Without it the
    subtitle gives the resolution rate from ``disputes`` alone.
    """
    if disputes.empty or int(disputes["total"].sum()) == 0:
        return empty_chart(title, source=source, as_of=as_of)
    table = disputes.sort_values("total", ascending=True, kind="stable")
    fig = new_figure(bar_figure_height(len(table)) + 0.35)
    ax = fig.subplots()
    names = [VALUE_LABELS["dispute_type"].get(t, str(t)) for t in table["dispute_type"]]
    totals = stacked_outcomes(ax, table, names)
    value_axis(ax, integer=True)
    bar_labels(ax, list(range(len(table))), totals, [format_count(t, "起") for t in totals], offset=max(totals) * 0.012)
    if summary is None:
        total, resolved = int(disputes["total"].sum()), int(disputes["resolved"].sum())
        summary = {"disputes_total": total, "disputes_resolved": resolved, "resolution_rate": resolved / total}
    outcome_legend(ax)
    return finish(fig, ax, title=title, subtitle=dispute_subtitle(summary), source=source, as_of=as_of)


def disputes_chart(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    place: str | None = None,
    source: str = DISPUTES_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """``黄坑乡2011年矛盾纠纷调处情况（起）``: disputes by type, stacked by outcome."""
    start_date, end_date, title, as_of = chart_heading(
        frames, township, start, end, place=place or township or COUNTY_PLACE, subject="矛盾纠纷调处情况", unit="起",
        ledger="disputes", as_of=as_of,
    )
    table = disputes_by_type_and_outcome(frames, township, start_date, end_date)
    summary = dispute_summary(frames, township, start_date, end_date)
    return plot_disputes(table, title=title, summary=summary, source=source, as_of=as_of)

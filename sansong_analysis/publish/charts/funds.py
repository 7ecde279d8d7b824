"""Funds raised (筹资), by purpose or by source, in 万元."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pandas as pd
from matplotlib.figure import Figure

from sansong_analysis.figures import (
    DateLike,
    Frames,
    funds_by_purpose,
    funds_by_source,
    records,
)
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.charts.common import (
    PRIMARY,
    UNIT_WAN,
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
from sansong_analysis.wording import COUNTY_PLACE, combined_qualifier, format_wan, format_wan_number

FUNDS_SOURCE = LEDGERS["funds"].label
APPROXIMATE_NOTE = "注：带“*”者含约数（余/近/约），按台账所记数额合计，实际数额可能略有出入。"
MAX_BARS = 20


@styled
def plot_funds(
    funds: pd.DataFrame,
    *,
    title: str,
    source: str = FUNDS_SOURCE,
    as_of: date | None = None,
    max_bars: int = MAX_BARS,
    qualifier: str | None = None,
) -> Figure:
    """Horizontal bars of ``funds_by_purpose`` / ``funds_by_source`` output, in 万元, largest on top.

    The first column is the category. A category whose sum includes an
    amount written ``20余万元``, ``近万元`` or ``约3千元`` is starred, and a
    note says the figures contain approximate amounts (含约数（余/近/约）).
    ``qualifier`` is the total's (``wording.combined_qualifier`` of the
    amounts), so the subtitle reads as the narrative does (``合计22.5万余元``);
    without it a total with approximate parts is written 约.
    """
    if funds.empty:
        return empty_chart(title, source=source, as_of=as_of)
    category = funds.columns[0]
    table = funds.sort_values("amount_yuan", ascending=False, kind="stable")
    notes = []
    if len(table) > max_bars:
        rest = table.iloc[max_bars - 1:]
        other = pd.DataFrame({
            category: [f"其余{len(rest)}项"], "amount_yuan": [rest["amount_yuan"].sum()],
            "records": [rest["records"].sum()], "approximate": [bool(rest["approximate"].any())],
        })
        table = pd.concat([table.iloc[: max_bars - 1], other], ignore_index=True)
    table = table.iloc[::-1]  # barh draws the first row at the bottom
    values = (table["amount_yuan"] / UNIT_WAN).to_list()
    fig = new_figure(bar_figure_height(len(table)))
    ax = fig.subplots()
    positions = list(range(len(table)))
    ax.barh(positions, values, height=0.62, color=PRIMARY, zorder=2)
    ax.set_yticks(positions, [wrap_label(name, 12, 2) for name in table[category]])
    value_axis(ax)
    top = max(values) if max(values) > 0 else 1.0
    ax.set_xlim(0, top * 1.18)
    ax.set_ylim(-0.6, len(table) - 0.4)
    labels = [format_wan_number(v) + ("*" if approx else "")
              for v, approx in zip(table["amount_yuan"], table["approximate"], strict=True)]
    bar_labels(ax, positions, values, labels, offset=top * 0.012)
    total = float(funds["amount_yuan"].sum())
    approximate = bool(funds["approximate"].any())
    if qualifier is None:
        qualifier = "about" if approximate else "exact"
    subtitle = f"合计{format_wan(total, qualifier)}，{int(funds['records'].sum())}笔"
    if approximate:
        notes.append(APPROXIMATE_NOTE)
    return finish(fig, ax, title=title, subtitle=subtitle, notes=notes, source=source, as_of=as_of)


def funds_chart(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    by: Literal["purpose", "source"] = "purpose",
    place: str | None = None,
    source: str = FUNDS_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """``黄坑乡2011年1-9月筹资情况（万元）``: funds raised by purpose (or ``by="source"``)."""
    breakdown = {"purpose": (funds_by_purpose, "筹资情况"), "source": (funds_by_source, "筹资来源")}
    if by not in breakdown:
        raise ValueError(f"by 应为 purpose 或 source，而不是 {by!r}")
    compute, subject = breakdown[by]
    start_date, end_date, title, as_of = chart_heading(
        frames, township, start, end, place=place or township or COUNTY_PLACE, subject=subject, unit="万元",
        ledger="funds", as_of=as_of,
    )
    qualifier = combined_qualifier(records(frames, "funds", township, start_date, end_date)["amount_qualifier"])
    return plot_funds(compute(frames, township, start_date, end_date), title=title, source=source, as_of=as_of,
                      qualifier=qualifier)

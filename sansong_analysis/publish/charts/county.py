"""County overview charts: the townships side by side, one of them highlighted.

Each ``county_*_chart`` takes the frames and a period; ``highlight`` names the
township a reader should find first (its bar in brick, its name in bold).
Townships are ranked, the best on top. Each draws through a ``plot_county_*``
function that takes the township table; the brief calls those directly with
its own short titles and ``max_bars``, so the report's charts and the brief's
are the same charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from sansong_analysis.figures import (
    DateLike,
    Frames,
    dispute_summary,
    records,
    township_table,
)
from sansong_analysis.publish.charts.common import (
    HIGHLIGHT,
    HIGHLIGHT_BAND,
    OTHER,
    OUTCOME_ORDER,
    PRIMARY,
    REFERENCE,
    UNIT_WAN,
    bar_figure_height,
    bar_labels,
    chart_heading,
    empty_chart,
    finish,
    highlight_ticklabels,
    new_figure,
    percent_axis,
    styled,
    value_axis,
)
from sansong_analysis.publish.charts.coverage import COVERAGE_SOURCE
from sansong_analysis.publish.charts.disputes import (
    DISPUTES_SOURCE,
    dispute_subtitle,
    outcome_legend,
    stacked_outcomes,
)
from sansong_analysis.publish.charts.farmland import FARMLAND_SOURCE
from sansong_analysis.publish.charts.funds import APPROXIMATE_NOTE, FUNDS_SOURCE
from sansong_analysis.wording import (
    COUNTY_PLACE,
    combined_qualifier,
    format_count,
    format_mu,
    format_percent,
    format_wan,
    format_wan_number,
)


@styled
def plot_township_bars(
    townships: Sequence[str],
    values: Sequence[float],
    labels: Sequence[str],
    *,
    title: str,
    subtitle: str | None = None,
    highlight: str | None = None,
    as_percent: bool = False,
    reference: tuple[float, str] | None = None,
    notes: Sequence[str] = (),
    source: str,
    as_of: date | None = None,
) -> Figure:
    """One horizontal bar a township, in the order given (first at the bottom).

    ``labels`` are written at the bar ends; ``reference`` is a dashed line
    with its caption for the note (a county average); ``as_percent`` draws a 0-100% axis
    with a 100% line.
    """
    if not townships:
        return empty_chart(title, source=source, as_of=as_of)
    positions = list(range(len(townships)))
    colours = [PRIMARY] * len(townships) if highlight is None else [
        HIGHLIGHT if name == highlight else OTHER for name in townships
    ]
    fig = new_figure(bar_figure_height(len(townships)))
    ax = fig.subplots()
    ax.barh(positions, values, height=0.62, color=colours, zorder=2)
    ax.set_yticks(positions, list(townships))
    ax.set_ylim(-0.6, len(townships) - 0.4)
    if as_percent:
        percent_axis(ax)
        ax.axvline(1.0, color=REFERENCE, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
        ax.set_xlim(0, 1.36)
        offset = 0.015
    else:
        value_axis(ax)
        top = max(values) if max(values) > 0 else 1.0
        ax.set_xlim(0, top * 1.2)
        offset = top * 0.012
    notes = list(notes)
    if reference is not None:
        x, caption = reference
        ax.axvline(x, color=REFERENCE, linestyle=":", linewidth=1.1, zorder=1.5)
        notes.insert(0, f"注：点线为{caption}。")
    bar_labels(ax, positions, values, labels, offset=offset,
               bold=[name == highlight for name in townships])
    highlight_ticklabels(ax, list(townships), highlight)
    return finish(fig, ax, title=title, subtitle=subtitle, notes=notes, source=source, as_of=as_of)


def _township_names(names: Sequence[str]) -> str:
    """``黄坑乡、龙口镇`` or, for more than three, ``5个乡镇``."""
    return "、".join(names) if len(names) <= 3 else f"{len(names)}个乡镇"


def plot_county_coverage(
    table: pd.DataFrame,
    *,
    title: str,
    place: str = COUNTY_PLACE,
    highlight: str | None = None,
    max_bars: int | None = None,
    source: str = COVERAGE_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Coverage by township from ``township_table`` output, the county rate dotted.

    Townships without a roster are named in a note, not drawn as 0%. With
    more than ``max_bars`` townships only the lowest are drawn (the ones
    needing attention) and a note says so.
    """
    without_roster = table.loc[table["households_assigned"] == 0, "township"].to_list()
    table = table.loc[table["households_assigned"] > 0].sort_values(
        ["coverage_rate", "township"], ascending=[True, False], kind="stable"
    )
    if table.empty:
        return empty_chart(title, source=source, as_of=as_of)
    assigned, visited = int(table["households_assigned"].sum()), int(table["households_visited"].sum())
    county_rate = visited / assigned
    notes = []
    if max_bars is not None and len(table) > max_bars:
        notes.append(f"注：共{len(table)}个乡镇，仅列出覆盖率最低的{max_bars}个。")
        table = table.head(max_bars)
    if without_roster:
        notes.append(f"注：{_township_names(without_roster)}无包扶名单，未列入。")
    labels = [f"{format_percent(r)}（{v}/{a}）" for r, v, a in
              zip(table["coverage_rate"], table["households_visited"], table["households_assigned"], strict=True)]
    return plot_township_bars(
        table["township"].to_list(), table["coverage_rate"].to_list(), labels, title=title,
        subtitle=f"{place}包扶{assigned}户，已走访{visited}户，覆盖率{format_percent(county_rate)}",
        highlight=highlight, as_percent=True,
        reference=(county_rate, f"{place}覆盖率（{format_percent(county_rate)}）"),
        notes=notes, source=source, as_of=as_of,
    )


def county_coverage_chart(
    frames: Frames,
    start: DateLike = None,
    end: DateLike = None,
    *,
    highlight: str | None = None,
    townships: list[str] | None = None,
    place: str = COUNTY_PLACE,
    source: str = COVERAGE_SOURCE,
    as_of: date | None = None,
    max_bars: int | None = None,
) -> Figure:
    """``全县2011年各乡镇走访覆盖率``: coverage by township, the county rate as a dotted line."""
    start_date, end_date, title, as_of = chart_heading(
        frames, None, start, end, place=place, subject="各乡镇走访覆盖率", unit=None, ledger="visits", as_of=as_of,
    )
    return plot_county_coverage(
        township_table(frames, start_date, end_date, townships), title=title, place=place, highlight=highlight,
        max_bars=max_bars, source=source, as_of=as_of,
    )


def township_fund_qualifiers(frames: Frames, start: DateLike = None, end: DateLike = None) -> dict[str, str]:
    """Each township's funds qualifier in the period (``wording.combined_qualifier`` of its amounts)."""
    funds = records(frames, "funds", None, start, end)
    return {str(t): combined_qualifier(q) for t, q in funds.groupby("township")["amount_qualifier"]}


def plot_county_funds(
    table: pd.DataFrame,
    *,
    title: str,
    qualifiers: dict[str, str],
    place: str = COUNTY_PLACE,
    highlight: str | None = None,
    max_bars: int | None = None,
    source: str = FUNDS_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Funds raised by township from ``township_table`` output, in 万元, the largest on top.

    ``qualifiers`` gives each township's qualifier (see
    :func:`township_fund_qualifiers`): a sum with approximate amounts is
    starred and the total says 余/近/约 as the narrative does. With more
    than ``max_bars`` townships the largest are drawn.
    """
    table = table.sort_values(["funds_raised_yuan", "township"], ascending=[True, False], kind="stable")
    if table.empty or table["funds_raised_yuan"].sum() <= 0:
        return empty_chart(title, source=source, as_of=as_of)
    shown = [qualifiers.get(name, "exact") for name in table["township"]]
    total = float(table["funds_raised_yuan"].sum())
    subtitle = f"{place}合计{format_wan(total, combined_qualifier(shown))}"
    if max_bars is not None and len(table) > max_bars:
        subtitle += f"；列出筹资最多的{max_bars}个乡镇（共{len(table)}个）"
        table = table.tail(max_bars)
    approximate = [qualifiers.get(name, "exact") != "exact" for name in table["township"]]
    labels = [format_wan_number(y) + ("*" if approx else "")
              for y, approx in zip(table["funds_raised_yuan"], approximate, strict=True)]
    return plot_township_bars(
        table["township"].to_list(), (table["funds_raised_yuan"] / UNIT_WAN).to_list(), labels, title=title,
        subtitle=subtitle, highlight=highlight, notes=[APPROXIMATE_NOTE] if any(approximate) else [],
        source=source, as_of=as_of,
    )


def county_funds_chart(
    frames: Frames,
    start: DateLike = None,
    end: DateLike = None,
    *,
    highlight: str | None = None,
    townships: list[str] | None = None,
    place: str = COUNTY_PLACE,
    source: str = FUNDS_SOURCE,
    as_of: date | None = None,
    max_bars: int | None = None,
) -> Figure:
    """``全县2011年各乡镇筹资情况（万元）``: funds raised by township; ``*`` marks sums with approximate amounts."""
    start_date, end_date, title, as_of = chart_heading(
        frames, None, start, end, place=place, subject="各乡镇筹资情况", unit="万元", ledger="funds", as_of=as_of,
    )
    return plot_county_funds(
        township_table(frames, start_date, end_date, townships), title=title,
        qualifiers=township_fund_qualifiers(frames, start_date, end_date), place=place, highlight=highlight,
        max_bars=max_bars, source=source, as_of=as_of,
    )


def plot_county_farmland(
    table: pd.DataFrame,
    *,
    title: str,
    place: str = COUNTY_PLACE,
    highlight: str | None = None,
    max_bars: int | None = None,
    source: str = FARMLAND_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Farmland benefited by township from ``township_table`` output (亩), the largest on top."""
    table = table.sort_values(["farmland_benefited_mu", "township"], ascending=[True, False], kind="stable")
    if table.empty or table["farmland_benefited_mu"].sum() <= 0:
        return empty_chart(title, source=source, as_of=as_of)
    subtitle = f"{place}受益农田合计{format_mu(float(table['farmland_benefited_mu'].sum()))}"
    if max_bars is not None and len(table) > max_bars:
        subtitle += f"；列出最多的{max_bars}个乡镇（共{len(table)}个）"
        table = table.tail(max_bars)
    values = table["farmland_benefited_mu"].astype(float).to_list()
    return plot_township_bars(
        table["township"].to_list(), values, [format_mu(v) for v in values], title=title,
        subtitle=subtitle, highlight=highlight, source=source, as_of=as_of,
    )


def county_farmland_chart(
    frames: Frames,
    start: DateLike = None,
    end: DateLike = None,
    *,
    highlight: str | None = None,
    townships: list[str] | None = None,
    place: str = COUNTY_PLACE,
    source: str = FARMLAND_SOURCE,
    as_of: date | None = None,
    max_bars: int | None = None,
) -> Figure:
    """``全县2011年各乡镇办实事项目受益农田（亩）``."""
    start_date, end_date, title, as_of = chart_heading(
        frames, None, start, end, place=place, subject="各乡镇办实事项目受益农田", unit="亩", ledger="projects", as_of=as_of,
    )
    return plot_county_farmland(
        township_table(frames, start_date, end_date, townships), title=title, place=place, highlight=highlight,
        max_bars=max_bars, source=source, as_of=as_of,
    )


@styled
def plot_township_disputes(
    table: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    highlight: str | None = None,
    source: str = DISPUTES_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Stacked outcome bars, one a township (``township`` column plus one column per outcome)."""
    if table.empty or int(table[list(OUTCOME_ORDER)].to_numpy().sum()) == 0:
        return empty_chart(title, source=source, as_of=as_of)
    fig = new_figure(bar_figure_height(len(table)) + 0.35)
    ax = fig.subplots()
    names = table["township"].to_list()
    if highlight in names:
        y = names.index(highlight)
        ax.axhspan(y - 0.45, y + 0.45, color=HIGHLIGHT_BAND, zorder=0, linewidth=0)
    totals = stacked_outcomes(ax, table, names)
    value_axis(ax, integer=True)
    labels = [f"{format_count(t, '起')}  {format_percent(r / t if t else None)}"
              for t, r in zip(totals, table["resolved"], strict=True)]
    bar_labels(ax, list(range(len(names))), totals, labels, offset=max(totals) * 0.012,
               bold=[name == highlight for name in names])
    ax.set_xlim(0, max(totals) * 1.3)
    highlight_ticklabels(ax, names, highlight)
    outcome_legend(ax)
    notes = ["注：柱端为受理数与调处成功率。"]
    return finish(fig, ax, title=title, subtitle=subtitle, notes=notes, source=source, as_of=as_of)


def township_disputes_table(frames: Frames, townships: Sequence[str], start: DateLike = None,
                            end: DateLike = None) -> pd.DataFrame:
    """Disputes by township and outcome (one column per outcome, and ``total``), the fewest first."""
    disputes = records(frames, "disputes", None, start, end)
    disputes = disputes.loc[disputes["township"].isin(list(townships))]
    table = (
        pd.crosstab(disputes["township"], disputes["outcome"])
        .reindex(index=list(townships), columns=list(OUTCOME_ORDER), fill_value=0)
        .rename_axis(index="township", columns=None)
        .reset_index()
    )
    table["total"] = table[list(OUTCOME_ORDER)].sum(axis=1)
    return table.sort_values(["total", "township"], ascending=[True, False], kind="stable").reset_index(drop=True)


def plot_county_disputes(
    table: pd.DataFrame,
    summary: dict,
    *,
    title: str,
    highlight: str | None = None,
    max_bars: int | None = None,
    source: str = DISPUTES_SOURCE,
    as_of: date | None = None,
) -> Figure:
    """Disputes by township (:func:`township_disputes_table` output), stacked by outcome.

    ``summary`` (``dispute_summary`` of the same townships) feeds the
    subtitle. With more than ``max_bars`` townships those with the most
    disputes are drawn and the subtitle says so.
    """
    subtitle = dispute_subtitle(summary)
    if max_bars is not None and len(table) > max_bars:
        subtitle += f"\n列出受理最多的{max_bars}个乡镇（共{len(table)}个）"
        table = table.tail(max_bars)
    return plot_township_disputes(table, title=title, subtitle=subtitle, highlight=highlight, source=source,
                                  as_of=as_of)


def county_disputes_chart(
    frames: Frames,
    start: DateLike = None,
    end: DateLike = None,
    *,
    highlight: str | None = None,
    townships: list[str] | None = None,
    place: str = COUNTY_PLACE,
    source: str = DISPUTES_SOURCE,
    as_of: date | None = None,
    max_bars: int | None = None,
) -> Figure:
    """``全县2011年各乡镇矛盾纠纷调处情况（起）``: disputes by township, stacked by outcome."""
    start_date, end_date, title, as_of = chart_heading(
        frames, None, start, end, place=place, subject="各乡镇矛盾纠纷调处情况", unit="起", ledger="disputes", as_of=as_of,
    )
    names = township_table(frames, start_date, end_date, townships)["township"].to_list()
    return plot_county_disputes(
        township_disputes_table(frames, names, start_date, end_date),
        township_dispute_summary(frames, names, start_date, end_date), title=title, highlight=highlight,
        max_bars=max_bars, source=source, as_of=as_of,
    )


def township_dispute_summary(frames: Frames, townships: Sequence[str], start: DateLike = None,
                             end: DateLike = None) -> dict:
    """``dispute_summary`` over the given townships only."""
    disputes = records(frames, "disputes", None, start, end)
    return dispute_summary({**frames, "disputes": disputes.loc[disputes["township"].isin(list(townships))]}, None,
                           start, end)

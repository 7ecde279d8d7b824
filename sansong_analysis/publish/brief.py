"""The leaders' one-page brief (简报): an A4 PDF page and the paragraph as a text file for Word.

The page, top to bottom: a masthead (``黄坑乡2011年“三送”工作简报`` over a
red rule, the period under it), six key figures as big numbers, the
工作总结-style paragraph from :mod:`sansong_analysis.publish.narrative`, the four
charts of :mod:`sansong_analysis.publish.charts` in a 2×2 grid, and a footer with
the data source, the 统计截至 date and the time the page was made. The
county brief (``township=None``) has county totals and the townships
compared: coverage, funds, disputes and farmland by township; with more than
ten townships the coverage ranking takes the whole left column (up to 30
townships, the lowest first to be kept) beside funds and disputes.

It is always exactly one page: the charts are drawn with short titles at a
size made for their cell and capped to the bars that stay legible (the
lowest coverage, the largest sums, with a note saying what is left out);
the title and big numbers shrink to fit long names; the paragraph is wrapped
by measured width (Chinese has no spaces) and set smaller if it is long;
an empty ledger draws the charts' own 本期无数据 panel.

Charts are rendered to 240-dpi PNGs and placed as images (about 310 dpi on
the page, sharp when printed); the masthead, key figures, paragraph and
footer are real text in the embedded TrueType font, so the figures can be
copied and searched in the PDF.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from sansong_analysis import __version__, store
from sansong_analysis.figures import (
    DateLike,
    Frames,
    coverage_by_village,
    dispute_summary,
    disputes_by_type_and_outcome,
    farmland_by_project,
    funds_by_purpose,
    records,
    township_table,
    validate_period,
)
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.charts import (
    chart_style,
    plot_coverage_by_village,
    plot_disputes,
    plot_farmland,
    plot_funds,
    plot_township_bars,
    plot_township_disputes,
)
from sansong_analysis.publish.charts.common import OUTCOME_ORDER, PRIMARY, UNIT_WAN, text_width, wan
from sansong_analysis.publish.charts.coverage import COVERAGE_SOURCE
from sansong_analysis.publish.charts.disputes import DISPUTES_SOURCE
from sansong_analysis.publish.charts.farmland import FARMLAND_SOURCE
from sansong_analysis.publish.charts.fonts import INK, SUBTLE_INK
from sansong_analysis.publish.charts.funds import APPROXIMATE_NOTE, FUNDS_SOURCE
from sansong_analysis.publish.charts.pdf_compat import text_extractable_everywhere
from sansong_analysis.publish.narrative import Facts, narrative_facts, narrative_from_facts
from sansong_analysis.wording import (
    chinese_date,
    date_range,
    format_mu,
    format_percent,
    format_wan,
    money_parts,
)

PAGE_SIZE_IN = (8.27, 11.69)  # A4 portrait
BRIEF_PDF = "brief.pdf"
SUMMARY_TXT = "summary.txt"
CHART_DPI = 240
# The width a chart is laid out at before it is scaled into its cell: its
# 8-9 pt labels print at about 6.5-7 pt, legible on paper.
CHART_RENDER_WIDTH_IN = 4.7

MASTHEAD_RED = "#B3261E"  # prints as a dark grey in greyscale
TILE_FILL = "#F1F3F5"
FRAME_EDGE = "#D5D9DE"
RULE_GREY = "#BFBFBF"

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.5, 0.42, 0.38
GAP = 0.14

# Bars kept per chart so each stays legible in its cell.
MAX_VILLAGE_BARS = 12
MAX_FUND_BARS = 8
MAX_PROJECT_BARS = 5
MAX_TOWNSHIP_BARS_TALL = 30
MAX_TOWNSHIP_BARS = 10

LEDGER_LIST = "、".join(LEDGERS[name].label for name in ("roster", "visits", "funds", "projects", "disputes"))
SOURCE_LINE = f"数据来源：各工作组台账（{LEDGER_LIST}）"
QUALIFIER_NOTE = "注：金额带“余”“近”“约”者，台账所记即为约数，按所记数额合计。"


# --------------------------------------------------------------------------- wrapping Chinese text

# Characters that may not begin a line (they hang at the end of the previous one) and may not end one.
_NO_LINE_START = frozenset("，。、；：？！）》」』”’%…·,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『“‘([{")
# A number with its unit or qualifier is never split: 22.5万余元, 100.0%, 近1万元, 2011年, 1-9月.
_TOKEN = re.compile(r"[近约]?\d[\d.,]*(?:-\d+)?(?:%|万余元|万元|余元|元|亩|户|起|次|个|年|月|日)?|[A-Za-z]+|.", re.S)


def wrap_text(text: str, width: float, measure: Callable[[str], float] = text_width) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (in ``measure``'s unit; default em).

    Chinese breaks between any two characters, except that closing
    punctuation never starts a line (it hangs, up to one character past
    ``width``), opening punctuation never ends one, and a number stays with
    its unit (``22.5万余元``, ``92.1%``).

    >>> wrap_text("受理矛盾纠纷38起，调处成功35起。", 9)
    ['受理矛盾纠纷38起，', '调处成功35起。']
    """
    lines: list[str] = []
    current, current_width = "", 0.0
    for token in _TOKEN.findall(text):
        if token == "\n":
            lines.append(current)
            current, current_width = "", 0.0
            continue
        w = measure(token)
        if current and current_width + w > width:
            if token[0] in _NO_LINE_START:
                current, current_width = current + token, current_width + w
                continue
            carry = ""
            while current and current[-1] in _NO_LINE_END:
                carry, current = current[-1] + carry, current[:-1]
            if current:
                lines.append(current)
            current = carry + token
            current_width = measure(current)
        else:
            current, current_width = current + token, current_width + w
    if current:
        lines.append(current)
    return lines


# --------------------------------------------------------------------------- page geometry


class _Page:
    """A figure addressed in inches from the bottom-left corner, and text measured as the PDF sets it."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.width, self.height = fig.get_size_inches()
        self._widths: dict[tuple[str, float, str], float] = {}

    def text(self, x: float, y: float, s: str, **kwargs) -> Text:
        return self.fig.text(x / self.width, y / self.height, s, **kwargs)

    def rect(self, x: float, y: float, w: float, h: float, **kwargs) -> None:
        self.fig.patches.append(
            Rectangle((x / self.width, y / self.height), w / self.width, h / self.height,
                      transform=self.fig.transFigure, figure=self.fig, **kwargs)
        )

    def hline(self, x0: float, x1: float, y: float, **kwargs) -> None:
        self.fig.lines.append(
            Line2D([x0 / self.width, x1 / self.width], [y / self.height] * 2, transform=self.fig.transFigure,
                   figure=self.fig, **kwargs)
        )

    def text_width(self, s: str, size: float, weight: str = "normal") -> float:
        """Width of ``s`` in inches at ``size`` points, in the chart font."""
        # Unhinted outline metrics, as the PDF backend uses them: a screen renderer rounds
        # advances to whole pixels and would under-measure small text by several per cent.
        key = (s, size, weight)
        if key not in self._widths:
            prop = FontProperties(family=rcParams["font.family"], size=size, weight=weight)
            w, _h, _d = text_to_path.get_text_width_height_descent(s, prop, ismath=False)
            self._widths[key] = w / 72
        return self._widths[key]

    def fitted_size(self, s: str, size: float, width: float, *, weight: str = "normal", smallest: float = 6.0) -> float:
        """``size``, or smaller so that ``s`` fits in ``width`` inches."""
        w = self.text_width(s, size, weight)
        if w <= width:
            return size
        return max(smallest, size * width / w * 0.98)


# --------------------------------------------------------------------------- charts as images


def _fit_chart(chart: Figure, width: float, height: float) -> None:
    """Lay a chart out at ``width`` × ``height`` inches and keep every label inside it.

    The chart functions size their figures for a Word page; here the same
    figure is laid out again at the cell's proportions. Value labels at the
    bar ends get room by widening the value axis, the title is centred over
    the plot again (as ``charts.common.finish`` does), and any heading still
    wider than the figure is set smaller.

    The chart is left laid out for its current dpi and its layout engine
    switched off: drawing it needs no layout pass of its own (one pass fewer
    per chart), and cannot undo a heading moved back inside the figure.
    """
    chart.set_size_inches(width, height)
    FigureCanvasAgg(chart)
    renderer = chart.canvas.get_renderer()  # type: ignore[attr-defined]
    engine = chart.get_layout_engine()
    if engine is not None:
        engine.execute(chart)
    widened = False
    for ax in chart.axes:
        if not ax.axison:
            continue
        box = ax.get_window_extent(renderer)
        x0, x1 = ax.get_xlim()
        needed = x1
        for t in ax.texts:
            if t.get_transform() != ax.transData or not t.get_text():
                continue
            bb = t.get_window_extent(renderer)
            if bb.x1 <= box.x1:
                continue
            share = bb.width / box.width
            anchor = ax.transData.inverted().transform((bb.x0, bb.y0))[0]
            if share < 0.8:
                needed = max(needed, x0 + (anchor - x0) / (1 - share) * 1.02)
        if needed > x1:
            ax.set_xlim(x0, needed)
            widened = True
    if widened and engine is not None:
        engine.execute(chart)  # the new limits change the tick labels, and so the margins
    heading = getattr(chart, "_suptitle", None)
    plot_axes = [ax for ax in chart.axes if ax.axison]
    if heading is not None and plot_axes:
        pos = plot_axes[0].get_position()
        heading.set_x((pos.x0 + pos.x1) / 2)
    # A heading wider than the figure is set smaller; one pushed off an edge (centred
    # over the plot, not the figure) is moved back in.
    margin = 0.04 * chart.dpi
    lo, hi = chart.bbox.x0 + margin, chart.bbox.x1 - margin
    headings = [t for t in (heading, getattr(chart, "_supxlabel", None)) if t is not None]
    headings += [ax.title for ax in chart.axes]
    headings = [t for t in headings if t.get_text()]
    shrunk = False
    for t in headings:
        bb = t.get_window_extent(renderer)
        if bb.width > hi - lo:
            t.set_fontsize(max(5.5, t.get_fontsize() * (hi - lo) / bb.width))
            shrunk = True
    if shrunk and engine is not None:
        engine.execute(chart)  # room for the smaller headings, as drawing would have made
        if heading is not None and plot_axes:
            pos = plot_axes[0].get_position()
            heading.set_x((pos.x0 + pos.x1) / 2)
    for t in headings:
        bb = t.get_window_extent(renderer)
        shift = (hi - bb.x1) if bb.x1 > hi else (lo - bb.x0) if bb.x0 < lo else 0.0
        if shift:
            transform = t.get_transform()
            x, y = transform.transform(t.get_position())
            t.set_position(transform.inverted().transform((x + shift, y)))
    if engine is not None:
        chart.set_layout_engine("none")


def _chart_image(chart: Figure, width: float, height: float) -> np.ndarray:
    """The chart drawn at ``CHART_DPI`` as an RGB array, laid out at ``width`` × ``height``'s proportions."""
    chart.set_dpi(CHART_DPI)  # laid out at the resolution it is drawn at
    _fit_chart(chart, CHART_RENDER_WIDTH_IN, height * CHART_RENDER_WIDTH_IN / width)
    canvas = FigureCanvasAgg(chart)
    canvas.draw()
    # RGB, not RGBA: the chart is opaque, and an alpha channel would add a soft mask to the PDF.
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def _place_chart(page: _Page, chart: Figure, x: float, y: float, w: float, h: float) -> None:
    """The chart in a framed cell, scaled to the cell's width and centred in its height.

    A chart never grows taller than the chart module made it (a little
    slack aside): three bars stretched over a tall cell would read as a
    poster, not a chart.
    """
    pad = 0.05
    page.rect(x, y, w, h, facecolor="none", edgecolor=FRAME_EDGE, linewidth=0.6, zorder=2)
    inner_w, inner_h = w - 2 * pad, h - 2 * pad
    scale = inner_w / CHART_RENDER_WIDTH_IN
    natural_h = chart.get_size_inches()[1] * 1.15 * scale
    image_h = min(inner_h, natural_h)
    img = _chart_image(chart, inner_w, image_h)
    bottom = y + pad + (inner_h - image_h) / 2
    ax = page.fig.add_axes((
        (x + pad) / page.width, bottom / page.height, inner_w / page.width, image_h / page.height))
    # "none": the PDF gets the rendered image as it is, not resampled to the page's dpi.
    ax.imshow(img, interpolation="none", aspect="auto")
    ax.set_axis_off()


def _township_charts(frames: Frames, f: Facts) -> list[Figure]:
    township, s, e = f.township, f.start, f.end
    coverage = coverage_by_village(frames, township, s, e)
    if not f.submitted["visits"]:
        # Without a visit ledger coverage is unknown, not 0%: the panel says 本期无数据.
        coverage = coverage.iloc[0:0]
    funds = funds_by_purpose(frames, township, s, e)
    return [
        plot_coverage_by_village(coverage, title="各村走访覆盖率", max_bars=MAX_VILLAGE_BARS),
        plot_funds(funds, title="筹资情况（万元）", max_bars=MAX_FUND_BARS),
        plot_disputes(disputes_by_type_and_outcome(frames, township, s, e), title="矛盾纠纷调处情况（起）",
                      summary=dispute_summary(frames, township, s, e)),
        plot_farmland(farmland_by_project(frames, township, s, e), title="办实事项目受益农田（亩）",
                      show_place="village", max_bars=MAX_PROJECT_BARS),
    ]


def _county_coverage(table: pd.DataFrame) -> Figure:
    """Coverage by township, the county rate dotted; the lowest ones when there are too many to show."""
    title = "各乡镇走访覆盖率"
    with_roster = table.loc[table["households_assigned"] > 0].sort_values(
        ["coverage_rate", "township"], ascending=[True, False], kind="stable"
    )
    if with_roster.empty:
        return plot_township_bars([], [], [], title=title, source=COVERAGE_SOURCE)
    assigned, visited = int(with_roster["households_assigned"].sum()), int(with_roster["households_visited"].sum())
    rate = visited / assigned
    notes = []
    if len(with_roster) > MAX_TOWNSHIP_BARS_TALL:
        notes.append(f"注：共{len(with_roster)}个乡镇，仅列出覆盖率最低的{MAX_TOWNSHIP_BARS_TALL}个。")
        with_roster = with_roster.head(MAX_TOWNSHIP_BARS_TALL)
    without = int((table["households_assigned"] == 0).sum())
    if without:
        notes.append(f"注：{without}个乡镇无包扶名单，未列入。")
    labels = [f"{format_percent(r)}（{v}/{a}）" for r, v, a in zip(
        with_roster["coverage_rate"], with_roster["households_visited"], with_roster["households_assigned"], strict=True)]
    return plot_township_bars(
        with_roster["township"].to_list(), with_roster["coverage_rate"].to_list(), labels, title=title,
        subtitle=f"全县包扶{assigned}户，已走访{visited}户，覆盖率{format_percent(rate)}", as_percent=True,
        reference=(rate, f"全县覆盖率（{format_percent(rate)}）"), notes=notes, source=COVERAGE_SOURCE,
    )


def _county_funds(table: pd.DataFrame, f: Facts) -> Figure:
    title = "各乡镇筹资情况（万元）"
    raised = table.loc[table["funds_raised_yuan"] > 0].sort_values(
        ["funds_raised_yuan", "township"], ascending=[True, False], kind="stable"
    )
    if raised.empty:
        return plot_township_bars([], [], [], title=title, source=FUNDS_SOURCE)
    qualifier = {row["township"]: row.get("funds_qualifier", "exact") for row in f.township_rows}
    subtitle = f"全县合计{format_wan(float(raised['funds_raised_yuan'].sum()), f.funds_qualifier)}"
    if len(raised) > MAX_TOWNSHIP_BARS:
        subtitle += f"；列出筹资最多的{MAX_TOWNSHIP_BARS}个乡镇（共{len(raised)}个）"
        raised = raised.tail(MAX_TOWNSHIP_BARS)
    approximate = [qualifier.get(name, "exact") != "exact" for name in raised["township"]]
    labels = [wan(y) + ("*" if approx else "") for y, approx in zip(raised["funds_raised_yuan"], approximate, strict=True)]
    return plot_township_bars(
        raised["township"].to_list(), (raised["funds_raised_yuan"] / UNIT_WAN).to_list(), labels, title=title,
        subtitle=subtitle, notes=[APPROXIMATE_NOTE] if any(approximate) else [], source=FUNDS_SOURCE,
    )


def _county_farmland(table: pd.DataFrame) -> Figure:
    title = "各乡镇办实事项目受益农田（亩）"
    farmland = table.loc[table["farmland_benefited_mu"] > 0].sort_values(
        ["farmland_benefited_mu", "township"], ascending=[True, False], kind="stable"
    )
    if farmland.empty:
        return plot_township_bars([], [], [], title=title, source=FARMLAND_SOURCE)
    subtitle = f"全县受益农田合计{format_mu(float(farmland['farmland_benefited_mu'].sum()))}"
    if len(farmland) > MAX_TOWNSHIP_BARS:
        subtitle += f"；列出最多的{MAX_TOWNSHIP_BARS}个乡镇（共{len(farmland)}个）"
        farmland = farmland.tail(MAX_TOWNSHIP_BARS)
    values = farmland["farmland_benefited_mu"].to_list()
    return plot_township_bars(farmland["township"].to_list(), values, [format_mu(v) for v in values], title=title,
                              subtitle=subtitle, source=FARMLAND_SOURCE)


def _county_disputes(frames: Frames, f: Facts) -> Figure:
    title = "各乡镇矛盾纠纷调处情况（起）"
    disputes = records(frames, "disputes", None, f.start, f.end)
    table = (
        pd.crosstab(disputes["township"], disputes["outcome"])
        .reindex(columns=list(OUTCOME_ORDER), fill_value=0)
        .rename_axis(index="township", columns=None)
        .reset_index()
    )
    table["total"] = table[list(OUTCOME_ORDER)].sum(axis=1)
    table = table.sort_values(["total", "township"], ascending=[True, False], kind="stable")
    total, resolved = int(table["total"].sum()), int(table["resolved"].sum())
    subtitle = f"全县受理{total}起，调处成功{resolved}起，调处成功率{format_percent(resolved / total if total else None)}"
    if len(table) > MAX_TOWNSHIP_BARS:
        subtitle += f"\n列出受理最多的{MAX_TOWNSHIP_BARS}个乡镇（共{len(table)}个）"
        table = table.tail(MAX_TOWNSHIP_BARS)
    return plot_township_disputes(table.reset_index(drop=True), title=title, subtitle=subtitle,
                                  source=DISPUTES_SOURCE)


# --------------------------------------------------------------------------- the page


def _period_line(f: Facts) -> str:
    if f.start is not None and f.end is not None:
        return f"统计期间：{date_range(f.start, f.end)}"
    if f.start is not None:
        return f"统计期间：{chinese_date(f.start)}以来"
    if f.end is not None:
        return f"统计期间：截至{chinese_date(f.end)}"
    if f.first_record is not None and f.last_record is not None:
        return f"统计期间：台账全部记录（{date_range(f.first_record, f.last_record)}）"
    return "统计期间：台账全部记录"


def brief_title(f: Facts) -> str:
    """``黄坑乡2011年“三送”工作简报`` (全县… for the county)."""
    return f"{f.place}{f.period}“三送”工作简报"


def _key_figures(f: Facts) -> list[tuple[str, tuple[str, str, str], str]]:
    """(label, (prefix, number, unit), note) for the six big numbers."""
    fig = f.figures
    dash = ("", "—", "")
    roster, visits = f.submitted["roster"], f.submitted["visits"]
    assigned = int(fig["households_assigned"])
    poor = int(fig["poor_households_assigned"])
    if f.is_county:
        first_note = f"{f.townships}个乡镇、{f.villages}个村" if f.townships else ""
    else:
        first_note = f"其中困难户{poor}户" if poor else (f"{f.villages}个村" if f.villages else "")
    tiles = [("包扶农户", ("", str(assigned), "户") if roster else dash, first_note if roster else "")]
    if roster and visits:
        rate = format_percent(fig["coverage_rate"])
        tiles.append(("走访覆盖率", ("", rate.rstrip("%"), "%") if rate != "—" else dash,
                      f"已走访{int(fig['households_visited'])}户"))
    else:
        tiles.append(("走访覆盖率", dash, f"入户走访{int(fig['visits'])}次" if visits else ""))
    if f.submitted["funds"]:
        tiles.append(("筹集资金", money_parts(float(fig["funds_raised_yuan"]), f.funds_qualifier),
                      f"{f.funds_records}笔" if f.funds_records else "本期未筹集资金"))
    else:
        tiles.append(("筹集资金", dash, ""))
    d = f.disputes
    if f.submitted["disputes"]:
        total = int(d["disputes_total"])
        tiles.append(("受理矛盾纠纷", ("", str(total), "起"), f"调处成功{int(d['disputes_resolved'])}起"))
        rate = format_percent(d["resolution_rate"])
        note = f"组、村两级化解{int(d['settled_locally'])}起" if d["settled_locally"] else ""
        tiles.append(("调处成功率", ("", rate.rstrip("%"), "%") if total else dash, note))
    else:
        tiles += [("受理矛盾纠纷", dash, ""), ("调处成功率", dash, "")]
    if f.submitted["projects"]:
        mu = format_mu(float(fig["farmland_benefited_mu"]))
        number = mu.removesuffix("亩")
        tiles.append(("受益农田", ("", number, "亩") if not number.startswith("不足") else ("", mu, ""),
                      f"办实事项目{f.projects}个"))
    else:
        tiles.append(("受益农田", dash, ""))
    return tiles


def _draw_tile(page: _Page, x: float, y: float, w: float, h: float,
               label: str, value: tuple[str, str, str], note: str) -> None:
    page.rect(x, y, w, h, facecolor=TILE_FILL, edgecolor="none")
    page.hline(x, x + w, y + h, color=PRIMARY, linewidth=2.2, solid_capstyle="butt")
    cx = x + w / 2
    page.text(cx, y + h - 0.1, label, ha="center", va="top", fontsize=page.fitted_size(label, 9.5, w - 0.12),
              color=SUBTLE_INK)
    prefix, number, unit = value
    inner = w - 0.14
    big, small = 21.0, 10.0
    total = (page.text_width(prefix, small) + page.text_width(number, big, "bold") + page.text_width(unit, small))
    if total > inner:
        scale = inner / total
        big, small = max(9.0, big * scale), max(6.5, small * scale)
    widths = [page.text_width(prefix, small), page.text_width(number, big, "bold"), page.text_width(unit, small)]
    left = cx - sum(widths) / 2
    baseline = y + h * 0.36
    for part, size, weight, width in zip((prefix, number, unit), (small, big, small), ("normal", "bold", "normal"),
                                         widths, strict=True):
        if part:
            page.text(left, baseline, part, ha="left", va="baseline", fontsize=size, fontweight=weight, color=INK)
        left += width
    if note:
        page.text(cx, y + 0.08, note, ha="center", va="bottom", fontsize=page.fitted_size(note, 7.5, w - 0.1),
                  color=SUBTLE_INK)


def _draw_paragraph(page: _Page, text: str, x: float, top: float, width: float, max_height: float) -> float:
    """The paragraph, first line indented two characters; returns the height used."""
    for size in (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5):
        leading = size * 1.7 / 72
        lines = wrap_text("\u3000\u3000" + text, width - size / 72, lambda s, size=size: page.text_width(s, size))
        if len(lines) * leading <= max_height:
            break
    else:  # pragma: no cover - a paragraph of over 1,000 characters; keep the page one page
        keep = max(1, int(max_height / leading))
        lines = lines[:keep]
        lines[-1] = lines[-1][:-2] + "……"
    for i, line in enumerate(lines):
        page.text(x, top - i * leading, line, ha="left", va="top", fontsize=size, color=INK)
    return len(lines) * leading


def render_brief(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    generated_at: datetime | None = None,
) -> Figure:
    """The one-page A4 brief for a township, or (None) the county, as a matplotlib Figure.

    Save it inside :func:`~sansong_analysis.publish.charts.chart_style` (or use
    :func:`write_brief`) so the PDF embeds the Chinese font as TrueType.
    ``generated_at`` fixes the 生成时间 in the footer (default: now).
    """
    with chart_style():
        return _render(frames, township, start, end, generated_at or datetime.now())


def _render(frames: Frames, township: str | None, start: DateLike, end: DateLike, generated_at: datetime,
            facts: Facts | None = None) -> Figure:
    s, e = validate_period(start, end)
    facts = facts or narrative_facts(frames, township, s, e)
    fig = Figure(figsize=PAGE_SIZE_IN, facecolor="white")
    page = _Page(fig)
    left, right = MARGIN_X, page.width - MARGIN_X
    width = right - left

    # Masthead: red title, the period, a double red rule.
    y = page.height - MARGIN_TOP
    title = brief_title(facts)
    size = page.fitted_size(title, 21.0, width, weight="bold", smallest=10.0)
    page.text(page.width / 2, y, title, ha="center", va="top", fontsize=size, fontweight="bold", color=MASTHEAD_RED)
    y -= 0.5
    period = _period_line(facts)
    page.text(page.width / 2, y, period, ha="center", va="top", fontsize=page.fitted_size(period, 9.5, width),
              color=SUBTLE_INK)
    y -= 0.27
    page.hline(left, right, y, color=MASTHEAD_RED, linewidth=2.0)
    page.hline(left, right, y - 0.045, color=MASTHEAD_RED, linewidth=0.6)
    y -= 0.2

    # Key figures.
    tiles = _key_figures(facts)
    tile_h, tile_gap = 0.95, 0.09
    tile_w = (width - tile_gap * (len(tiles) - 1)) / len(tiles)
    for i, (label, value, note) in enumerate(tiles):
        _draw_tile(page, left + i * (tile_w + tile_gap), y - tile_h, tile_w, tile_h, label, value, note)
    y -= tile_h + 0.22

    # The paragraph.
    page.text(left, y, "工作情况", ha="left", va="top", fontsize=11, fontweight="bold", color=INK)
    page.hline(left + 0.75, right, y - 0.09, color=RULE_GREY, linewidth=0.6)
    y -= 0.3
    y -= _draw_paragraph(page, narrative_from_facts(facts), left, y, width, max_height=2.6) + 0.1

    # Footer.
    as_of = chinese_date(facts.as_of) if facts.as_of else "—"
    stamp = f"{generated_at.year}年{generated_at.month}月{generated_at.day}日 {generated_at:%H:%M}"
    footer = [SOURCE_LINE, f"统计截至：{as_of}　　生成时间：{stamp}"]
    approximate = facts.funds_qualifier != "exact" or any(
        row.get("funds_qualifier", "exact") != "exact" for row in facts.township_rows)
    if approximate:
        footer[1] += f"　　{QUALIFIER_NOTE}"
    footer_top = MARGIN_BOTTOM + 0.16 * len(footer) + 0.06
    page.hline(left, right, footer_top, color=RULE_GREY, linewidth=0.6)
    for i, line in enumerate(footer):
        page.text(left, footer_top - 0.07 - i * 0.16, line, ha="left", va="top",
                  fontsize=page.fitted_size(line, 7.5, width, smallest=5.0), color=SUBTLE_INK)

    # Charts: the space left between the paragraph and the footer.
    bottom = footer_top + GAP
    col_w = (width - GAP) / 2
    row_h = (y - bottom - GAP) / 2
    cells = [(left, bottom + row_h + GAP), (left + col_w + GAP, bottom + row_h + GAP),
             (left, bottom), (left + col_w + GAP, bottom)]
    if facts.is_county:
        table = township_table(frames, s, e)
        coverage_table = table if facts.submitted["visits"] else table.iloc[0:0]
        coverage = _county_coverage(coverage_table)
        if int((coverage_table["households_assigned"] > 0).sum()) > MAX_TOWNSHIP_BARS:
            # Many townships: the coverage ranking takes the whole left column.
            _place_chart(page, coverage, left, bottom, col_w, 2 * row_h + GAP)
            _place_chart(page, _county_funds(table, facts), *cells[1], col_w, row_h)
            _place_chart(page, _county_disputes(frames, facts), *cells[3], col_w, row_h)
        else:
            county_charts = [coverage, _county_funds(table, facts), _county_disputes(frames, facts),
                             _county_farmland(table)]
            for chart, (cx, cy) in zip(county_charts, cells, strict=True):
                _place_chart(page, chart, cx, cy, col_w, row_h)
    else:
        for chart, (cx, cy) in zip(_township_charts(frames, facts), cells, strict=True):
            _place_chart(page, chart, cx, cy, col_w, row_h)
    return fig


# --------------------------------------------------------------------------- files


def _replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def summary_bytes(paragraph: str) -> bytes:
    """``summary.txt``'s bytes: UTF-8 with a BOM, the paragraph on one line, ending CRLF.

    The BOM is what makes Notepad (before Windows 10 1903), WordPad, Word's
    and WPS's "open text file" recognise UTF-8 without asking; pasting from
    any of them into Word then gives Chinese, not 乱码. CRLF keeps the line
    end visible in old Notepad. Python reads it back with ``encoding="utf-8-sig"``.
    """
    return ("\ufeff" + paragraph + "\r\n").encode("utf-8")


def write_brief(
    township: str | None,
    processed_dir: Path,
    out_dir: Path,
    start: DateLike = None,
    end: DateLike = None,
) -> list[Path]:
    """Write ``out_dir/brief.pdf`` (one A4 page) and ``out_dir/summary.txt`` (the paragraph); the paths.

    Reads the tidy frames of ``processed_dir`` (only the township's rows, or
    all of them for the county, ``township=None``). Each file is written to a
    temporary file in ``out_dir`` and moved into place, so a reader never
    sees half a file. The PDF embeds the Chinese font as a TrueType (CID)
    subset, so its text can be searched and copied.
    """
    start_date, end_date = validate_period(start, end)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = store.load(Path(processed_dir), township=township)
    facts = narrative_facts(frames, township, start_date, end_date)
    with chart_style():  # render_brief, with the facts worked out once for the page and summary.txt
        fig = _render(frames, township, start_date, end_date, datetime.now(), facts)
    creator = f"sansong-analysis {__version__}"
    metadata = {"Title": brief_title(facts), "Creator": creator, "Producer": creator,
                "CreationDate": None, "ModDate": None}
    pdf_path, txt_path = out_dir / BRIEF_PDF, out_dir / SUMMARY_TXT
    with chart_style():
        rcParams["pdf.fonttype"] = 42  # TrueType (CID) subset: embedded, extractable Chinese
        with text_extractable_everywhere():  # the same text in poppler, MuPDF and Ghostscript
            _replace_atomically(pdf_path, lambda tmp: fig.savefig(tmp, format="pdf", metadata=metadata))
    paragraph = narrative_from_facts(facts)
    _replace_atomically(txt_path, lambda tmp: tmp.write_bytes(summary_bytes(paragraph)))
    return [pdf_path, txt_path]


__all__: Sequence[str] = ["BRIEF_PDF", "PAGE_SIZE_IN", "SUMMARY_TXT", "brief_title", "render_brief",
                          "summary_bytes", "wrap_text", "write_brief"]

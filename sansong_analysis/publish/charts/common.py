"""What every chart shares: size, colours, titles, the source note, the empty panel.

Numbers, dates and periods are written by :mod:`sansong_analysis.wording`, as in every other output.

Charts are ``matplotlib.figure.Figure`` objects built with the object-oriented
API (never pyplot state) inside :func:`~sansong_analysis.publish.charts.fonts.chart_style`,
so they render Chinese wherever they are later drawn or saved.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import ParamSpec, TypeVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sansong_analysis.figures import DateLike, Frames, latest_record_date, validate_period
from sansong_analysis.publish.charts.fonts import A4_TEXT_WIDTH_IN, INK, SUBTLE_INK, chart_style
from sansong_analysis.wording import chinese_date, format_number, format_percent, period_title

# Muted colours that stay distinct when printed in greyscale (luminance noted).
PRIMARY = "#4F7391"  # slate blue, ~44 %
PRIMARY_LIGHT = "#A7BCCE"  # ~73 %
OTHER = "#C3C8CE"  # other townships beside a highlighted one, ~78 %
HIGHLIGHT = "#A94E35"  # brick, ~39 %: the township a county chart is about
REFERENCE = "#7A7A7A"  # 100 % line, county average
HIGHLIGHT_BAND = "#F3E7E2"
# Outcomes, darkest = settled; "unresolved" also carries a hatch so it reads in greyscale.
OUTCOME_COLORS = {"resolved": "#3E6482", "referred": "#7E9BB3", "pending": "#C4D2DE", "unresolved": "#E6CBBE"}
OUTCOME_HATCH = {"unresolved": "////"}
OUTCOME_ORDER = ("resolved", "pending", "referred", "unresolved")

NO_DATA = "本期无数据"
UNIT_WAN = 10_000.0

P = ParamSpec("P")
R = TypeVar("R")


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Build the chart inside :func:`chart_style` (fonts are fixed on each text when it is made)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with chart_style():
            return func(*args, **kwargs)

    return wrapper


# --------------------------------------------------------------------------- titles and labels


def chart_title(place: str, period: str, subject: str, unit: str | None = None) -> str:
    """``黄坑乡2011年1-9月筹资情况（万元）``."""
    return f"{place}{period}{subject}" + (f"（{unit}）" if unit else "")


def chart_heading(
    frames: Frames,
    township: str | None,
    start: DateLike,
    end: DateLike,
    *,
    place: str,
    subject: str,
    unit: str | None,
    ledger: str,
    as_of: date | None,
) -> tuple[date | None, date | None, str, date | None]:
    """What every chart works out first: the checked period, its title and the 统计截至 date.

    ``as_of`` defaults to the period's end, else the latest record of ``ledger``
    (of ``township``; None: the whole county).
    """
    start_date, end_date = validate_period(start, end)
    title = chart_title(place, period_title(start_date, end_date), subject, unit)
    as_of = as_of or end_date or latest_record_date(frames, township, (ledger,))
    return start_date, end_date, title, as_of


def source_note(source: str, as_of: date | None) -> str:
    """``数据来源：筹资台账  统计截至：2011年9月30日``."""
    note = f"数据来源：{source}"
    if as_of is not None:
        note += f"    统计截至：{chinese_date(as_of)}"
    return note


def text_width(text: str) -> float:
    """Width in em: a CJK or full-width character 1, anything else about half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def wrap_label(text: str, width: float = 12.0, max_lines: int = 2) -> str:
    """Break a long Chinese label into lines of about ``width`` em, ending ``…`` if cut."""
    lines, current = [], ""
    for ch in str(text):
        if text_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return "\n".join(lines)


# --------------------------------------------------------------------------- layout


def bar_figure_height(bars: int, lines_per_bar: float = 1.0) -> float:
    """Inches for a horizontal bar chart of ``bars`` bars: about 0.3 in a bar plus title and notes."""
    return min(11.0, max(3.0, 1.9 + 0.3 * bars * lines_per_bar))


class TitledLayout(ConstrainedLayoutEngine):
    """Constrained layout that then centres the figure's title over its plot.

    The category labels on the left would pull a title centred on the figure
    off-centre; the plot's horizontal place does not depend on the title, so
    centring after each layout holds. Doing it inside the layout, rather than
    laying the figure out once more just to place the title, spares a layout
    pass each time a chart is drawn (see docs/performance.md).
    """

    title_axes: Axes | None = None

    def execute(self, fig) -> None:
        super().execute(fig)
        heading = getattr(fig, "_suptitle", None)
        if self.title_axes is not None and heading is not None:
            box = self.title_axes.get_position()
            heading.set_x((box.x0 + box.x1) / 2)


def new_figure(height: float) -> Figure:
    """A Figure as wide as an A4 page's text, laid out by constrained layout (:class:`TitledLayout`)."""
    return Figure(figsize=(A4_TEXT_WIDTH_IN, height), layout=TitledLayout(h_pad=0.06, w_pad=0.06))


def finish(
    fig: Figure,
    ax: Axes | None,
    *,
    title: str,
    subtitle: str | None = None,
    notes: Sequence[str] = (),
    source: str,
    as_of: date | None = None,
) -> Figure:
    """Title on top, an optional subtitle line, notes and the source line at the bottom."""
    heading = fig.suptitle(title, color=INK)
    if ax is not None and subtitle:
        ax.set_title(subtitle, color=SUBTLE_INK, fontsize=8.5, loc="center")
    footer = [*notes, source_note(source, as_of)]
    # supxlabel, not fig.text: constrained layout reserves room for it.
    fig.supxlabel("\n".join(footer), x=0.01, ha="left", fontsize=7.5, color=SUBTLE_INK, linespacing=1.5)
    engine = fig.get_layout_engine()
    if ax is not None and isinstance(engine, TitledLayout):
        # Centre the title over the plot, like the subtitle, not over the whole
        # figure: the layout does it each time the chart is drawn.
        engine.title_axes = ax
        heading.set_x(0.5)
    return fig


def empty_chart(title: str, *, source: str, as_of: date | None = None, message: str = NO_DATA) -> Figure:
    """The panel drawn when a chart has nothing to show: title, ``本期无数据``, source line."""
    fig = new_figure(2.6)
    ax = fig.subplots()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=14, color=SUBTLE_INK, transform=ax.transAxes)
    ax.add_patch(
        Rectangle(
            (0.02, 0.05), 0.96, 0.9, transform=ax.transAxes, fill=False, edgecolor="#D0D0D0",
            linewidth=0.8, linestyle=(0, (4, 3)),
        )
    )
    return finish(fig, None, title=title, source=source, as_of=as_of)


def percent_axis(ax: Axes, *, limit: float = 1.0) -> None:
    """X axis in per cent from 0 to ``limit`` (with the spine stopping there)."""
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_percent(x, digits=0)))
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.spines["bottom"].set_bounds(0, limit)


def value_axis(ax: Axes, *, integer: bool = False) -> None:
    """A light vertical grid on the value axis (the unit is in the title, not on the axis)."""
    ax.grid(axis="x", color="#E3E3E3", linewidth=0.6)
    ax.spines["bottom"].set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=integer, min_n_ticks=3))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x, 2)))


def bar_labels(ax: Axes, positions: Sequence[float], ends: Sequence[float], labels: Sequence[str],
               *, offset: float, bold: Sequence[bool] | None = None) -> None:
    """A value label just right of each horizontal bar's end."""
    for i, (y, x, text) in enumerate(zip(positions, ends, labels, strict=True)):
        weight = "bold" if bold is not None and bold[i] else "normal"
        ax.text(x + offset, y, text, va="center", ha="left", fontsize=8, color=INK, fontweight=weight)


def highlight_ticklabels(ax: Axes, labels: Sequence[str], highlight: str | None) -> None:
    """The highlighted township's label in bold brick, the others plain."""
    if highlight is None:
        return
    for tick, name in zip(ax.get_yticklabels(), labels, strict=False):
        if name == highlight:
            tick.set_fontweight("bold")
            tick.set_color(HIGHLIGHT)

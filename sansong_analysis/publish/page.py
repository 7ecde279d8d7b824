"""The brief's page layout: an A4 page addressed in inches, Chinese text measured and wrapped, charts placed in cells.

What the page says lives in :mod:`sansong_analysis.publish.brief`; this module
only knows how to set text, tiles and charts on a page so that they fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_pdf import GraphicsContextPdf, Op, RendererPdf
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.image import BboxImage
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Bbox, TransformedBbox

from sansong_analysis.publish.charts.common import PRIMARY, text_width
from sansong_analysis.publish.charts.fonts import INK, SUBTLE_INK

PAGE_SIZE_IN = (8.27, 11.69)  # A4 portrait
CHART_DPI = 240
# The width a chart is laid out at before it is scaled into its cell: its
# 8-9 pt labels print at about 6.5-7 pt, legible on paper.
CHART_RENDER_WIDTH_IN = 4.7

TILE_FILL = "#F1F3F5"
FRAME_EDGE = "#D5D9DE"
RULE_GREY = "#BFBFBF"


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


class Page:
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


# --------------------------------------------------------------------------- charts in cells


def fit_chart(chart: Figure, width: float, height: float) -> None:
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


def chart_image(chart: Figure, width: float, height: float) -> np.ndarray:
    """The chart drawn at ``CHART_DPI`` as an RGB array, laid out at ``width`` × ``height``'s proportions."""
    chart.set_dpi(CHART_DPI)  # laid out at the resolution it is drawn at
    fit_chart(chart, CHART_RENDER_WIDTH_IN, height * CHART_RENDER_WIDTH_IN / width)
    return _raster(chart)


def _raster(chart: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(chart)
    canvas.draw()
    # RGB, not RGBA: the chart is opaque, and an alpha channel would add a soft mask to the PDF.
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def _pdf_renderer(renderer) -> RendererPdf | None:
    """The PDF renderer drawing the page (``savefig(format="pdf")`` wraps it in a MixedModeRenderer), else None."""
    inner = getattr(renderer, "_vector_renderer", renderer) if isinstance(renderer, MixedModeRenderer) else renderer
    return inner if isinstance(inner, RendererPdf) else None


class PlacedChart(Artist):
    """A chart figure drawn inside a cell of the page: as vectors in a PDF, as an image anywhere else.

    In a PDF the chart's own artists are drawn on the page, scaled by a PDF
    transformation (``cm``) from the width it was laid out at to the cell's:
    its text is real text in the page's embedded font subsets, and nothing is
    rasterised (a 240-dpi image per chart cost more than the rest of the page).
    For any other renderer (a PNG of the page, the tests' Agg canvas) it is
    drawn as before, a 240-dpi image stretched over the cell.
    """

    zorder = 1  # under the cell's frame (2)

    def __init__(self, page: Page, chart: Figure, x: float, y: float, w: float, h: float) -> None:
        super().__init__()
        self.chart, self.box = chart, (x, y, w, h)
        self.set_figure(page.fig)
        self._image: BboxImage | None = None

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        pdf = _pdf_renderer(renderer)
        if pdf is None:
            self._draw_image(renderer)
        else:
            self._draw_vectors(renderer, pdf)
        self.stale = False

    def _draw_vectors(self, renderer, pdf: RendererPdf) -> None:
        x, y, w, _h = self.box
        scale = w / self.chart.get_size_inches()[0]
        dpi = self.chart.dpi
        # The page's graphics state back to its root (as the PDF backend tracks it), so that
        # nothing the chart pushes or pops reaches below the save around the chart.
        pdf.file.output(*pdf.gc.finalize())
        root = GraphicsContextPdf(pdf.file)
        root.copy_properties(pdf.gc)
        pdf.file.output(Op.gsave, scale, 0, 0, scale, x * 72, y * 72, Op.concat_matrix)
        try:
            self.chart.set_dpi(72)  # the chart's display units are then the PDF's points
            self.chart.draw(renderer)
        finally:
            self.chart.set_dpi(dpi)
            pdf.file.output(*pdf.gc.finalize())
            pdf.file.output(Op.grestore)
            pdf.gc.copy_properties(root)

    def _draw_image(self, renderer) -> None:
        if self._image is None:
            x, y, w, h = self.box
            fig = self.figure
            dpi = self.chart.dpi
            self.chart.set_dpi(CHART_DPI)
            try:
                pixels = _raster(self.chart)
            finally:
                self.chart.set_dpi(dpi)
            cell = Bbox.from_bounds(x, y, w, h)
            # "none": a PDF or SVG gets the rendered image as it is, not resampled to the page's dpi.
            self._image = BboxImage(TransformedBbox(cell, fig.dpi_scale_trans), interpolation="none")
            self._image.set_figure(fig)
            self._image.set_data(pixels)
        self._image.draw(renderer)


def place_chart(page: Page, chart: Figure, x: float, y: float, w: float, h: float) -> None:
    """The chart in a framed cell, scaled to the cell's width and centred in its height.

    A chart never grows taller than the chart module made it (a little
    slack aside): three bars stretched over a tall cell would read as a
    poster, not a chart. The chart is laid out for the cell here, once, at
    ``CHART_DPI`` (its text measured as the image used to be drawn), and
    drawn when the page is (:class:`PlacedChart`).
    """
    pad = 0.05
    page.rect(x, y, w, h, facecolor="none", edgecolor=FRAME_EDGE, linewidth=0.6, zorder=2)
    inner_w, inner_h = w - 2 * pad, h - 2 * pad
    scale = inner_w / CHART_RENDER_WIDTH_IN
    natural_h = chart.get_size_inches()[1] * 1.15 * scale
    image_h = min(inner_h, natural_h)
    chart.set_dpi(CHART_DPI)  # laid out at the resolution its image would be drawn at
    fit_chart(chart, CHART_RENDER_WIDTH_IN, image_h * CHART_RENDER_WIDTH_IN / inner_w)
    bottom = y + pad + (inner_h - image_h) / 2
    page.fig.add_artist(PlacedChart(page, chart, x + pad, bottom, inner_w, image_h))


# --------------------------------------------------------------------------- tiles and paragraphs


def draw_tile(page: Page, x: float, y: float, w: float, h: float,
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


def draw_paragraph(page: Page, text: str, x: float, top: float, width: float, max_height: float) -> float:
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


__all__ = ["CHART_DPI", "CHART_RENDER_WIDTH_IN", "PAGE_SIZE_IN", "Page", "PlacedChart", "chart_image", "draw_paragraph", "draw_tile",
           "fit_chart", "place_chart", "wrap_text"]

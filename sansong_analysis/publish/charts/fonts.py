"""Chinese fonts for the charts, and the one chart style every chart is drawn in.

Chinese must render on a fresh Linux machine after ``pip install`` alone, so
the package carries its own font: *Sansong Sans SC*, a subset of Noto Sans
CJK SC (SIL OFL 1.1) with TrueType outlines, built by ``tools/build_font.py``.
TrueType rather than CFF because CFF CJK fonts embedded in PDF as Type 42
break in Ghostscript and MuPDF.

The bundled family comes in two cuts. *Sansong Sans SC Common* holds the
characters of GB 2312 (6,763 hanzi: nearly everything a ledger writes) and
every non-hanzi character; *Sansong Sans SC* the whole CJK Unified
Ideographs block. Charts name Common first and the full face second;
matplotlib falls back glyph by glyph, so a rare character in a name (犇, 磜)
comes from the full face in PNG, SVG and PDF alike, and the rest is drawn
with the same outlines and metrics either way. What the split buys is speed:
the PDF and HTML exports subset the font for every page, and parsing a 2 MB
face instead of a 7 MB one is most of that cost (docs/performance.md).

On Windows the charts use Microsoft YaHei (or SimHei), on macOS PingFang SC
(or Hiragino Sans GB, Heiti SC) when present: what readers there are used to.
Anything else uses the bundled font. ``SANSONG_CHART_FONT`` names a family
to put first (``SANSONG_CHART_FONT=bundled`` forces the bundled font, which
makes charts identical across machines).

Nothing here touches matplotlib's global settings: the bundled fonts are
added to the font manager on first use, and :func:`chart_style` applies the
style only inside a ``with`` block.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

from sansong_analysis.paths import FONTS_DIR

BUNDLED_FAMILY = "Sansong Sans SC"
BUNDLED_FONT_FILES = (FONTS_DIR / "SansongSansSC-Regular.ttf", FONTS_DIR / "SansongSansSC-Bold.ttf")
# The GB 2312 cut of the same faces (tools/build_font.py), named before the full one.
COMMON_FAMILY = "Sansong Sans SC Common"
COMMON_FONT_FILES = (FONTS_DIR / "SansongSansSCCommon-Regular.ttf", FONTS_DIR / "SansongSansSCCommon-Bold.ttf")
WINDOWS_FAMILIES = ("Microsoft YaHei", "SimHei")
MACOS_FAMILIES = ("PingFang SC", "Hiragino Sans GB", "Heiti SC")
# After the CJK family: a Latin font for any symbol the CJK fonts lack.
LATIN_FALLBACK = "DejaVu Sans"
FONT_ENV = "SANSONG_CHART_FONT"

_registered = False
_lock = threading.Lock()


def bundled_font_files() -> list[Path]:
    """The bundled full ``.ttf`` files that exist (the Bold face is optional)."""
    return [path for path in BUNDLED_FONT_FILES if path.is_file()]


def common_font_files() -> list[Path]:
    """The bundled Common ``.ttf`` files that exist (optional: without them the full faces do it all)."""
    return [path for path in COMMON_FONT_FILES if path.is_file()]


def register_bundled_fonts() -> None:
    """Add the bundled fonts to matplotlib's font manager, once per process.

    Only the in-memory font list changes; matplotlib's rcParams and its font
    cache on disk are left alone.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        files = bundled_font_files()
        if not files:
            raise FileNotFoundError(
                f"图表字体文件缺失：{BUNDLED_FONT_FILES[0]}（请重新安装 sansong-analysis）"
            )
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for path in [*files, *common_font_files()]:
            if str(path) not in known:
                font_manager.fontManager.addfont(path)
        _registered = True


def installed_families() -> set[str]:
    """Family names matplotlib's font manager knows (system fonts and ours)."""
    return {entry.name for entry in font_manager.fontManager.ttflist}


def _platform_preference() -> tuple[str, ...]:
    if sys.platform.startswith("win"):
        return WINDOWS_FAMILIES
    if sys.platform == "darwin":
        return MACOS_FAMILIES
    return ()


def chinese_font_family() -> list[str]:
    """Font families for chart text, best first; every one is installed.

    The platform's own CJK font when present (Windows: Microsoft YaHei,
    SimHei; macOS: PingFang SC, Hiragino Sans GB, Heiti SC), then the bundled
    *Sansong Sans SC Common* and *Sansong Sans SC*, then a Latin fallback.
    Matplotlib falls back glyph by glyph along this list.

    >>> chinese_font_family()  # on Linux
    ['Sansong Sans SC Common', 'Sansong Sans SC', 'DejaVu Sans']
    """
    register_bundled_fonts()
    available = installed_families()
    chosen: list[str] = []
    override = os.environ.get(FONT_ENV, "").strip()
    if override and override.lower() != "bundled" and override in available:
        chosen.append(override)
    if override.lower() != "bundled":
        platform_font = next((f for f in _platform_preference() if f in available), None)
        if platform_font and platform_font not in chosen:
            chosen.append(platform_font)
    if COMMON_FAMILY in available:
        chosen.append(COMMON_FAMILY)
    chosen.append(BUNDLED_FAMILY)
    if LATIN_FALLBACK in available:
        chosen.append(LATIN_FALLBACK)
    return chosen


# Muted, print-safe colours (distinct in greyscale); used by every chart module.
INK = "#262626"
SUBTLE_INK = "#595959"
GRID = "#DADADA"

# A4 portrait text width (21 cm minus 2.5 cm margins each side): pastes 1:1 into Word.
A4_TEXT_WIDTH_IN = 16 / 2.54


def style_rc() -> dict[str, object]:
    """The rcParams :func:`chart_style` applies (a clean government-report look)."""
    families = chinese_font_family()
    return {
        # An explicit family list, not the generic "sans-serif": Text objects keep
        # it, so a figure made here still renders Chinese when drawn later.
        "font.family": families,
        "font.sans-serif": families,
        "font.size": 9.0,
        "axes.unicode_minus": False,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "sansong-analysis",
        "figure.figsize": (A4_TEXT_WIDTH_IN, 3.6),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.titlesize": 12.0,
        "figure.titleweight": "bold",
        "savefig.dpi": 200,
        "savefig.facecolor": "white",
        "axes.facecolor": "white",
        "axes.edgecolor": "#8C8C8C",
        "axes.linewidth": 0.6,
        "axes.labelcolor": INK,
        "axes.labelsize": 9.0,
        "axes.titlesize": 9.0,
        "axes.titleweight": "normal",
        "axes.titlecolor": SUBTLE_INK,
        "axes.titlepad": 6.0,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.axisbelow": True,
        "grid.color": GRID,
        "grid.linewidth": 0.6,
        "grid.linestyle": "-",
        "xtick.color": "#595959",
        "ytick.color": "#595959",
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "xtick.major.size": 0.0,
        "ytick.major.size": 0.0,
        "xtick.major.pad": 4.0,
        "ytick.major.pad": 4.0,
        "legend.frameon": False,
        "legend.fontsize": 8.5,
        "text.color": INK,
        "hatch.linewidth": 0.6,
    }


# --------------------------------------------------------------------------- font look-ups, remembered

# What matplotlib's ``FontManager.findfont`` depends on besides its arguments (its own cache key).
_LOOKUP_RC = tuple(f"font.{key}" for key in (
    "family", "style", "variant", "weight", "stretch", "size", "serif", "sans-serif", "cursive", "fantasy",
    "monospace"))
_rc_value = dict.__getitem__  # rcParams' stored value, without RcParams.__getitem__'s checks


class _RememberedLookups:
    """``fontManager._find_fonts_by_props`` with its answers remembered, while charts are drawn.

    Matplotlib looks a text's fonts up again every time it measures or draws
    it: for each family of the list, a copy of the properties, eleven
    rcParams read and checked, an environment variable, then its own cache.
    A report's charts measure their texts thousands of times (constrained
    layout, tick labels), so about a tenth of drawing them went to those
    look-ups. Here the answer for the same properties is kept, as long as
    everything matplotlib's answer depends on is the same: the eleven font
    rcParams, ``MPL_IGNORE_SYSTEM_FONTS`` and the font list (which
    ``addfont`` changes). Anything else changed starts the memory afresh,
    so the fonts found are always those matplotlib would find.
    """

    def __init__(self, manager) -> None:
        self.manager = manager
        self.original = manager._find_fonts_by_props  # the bound method; the instance attribute shadows it
        self.state: tuple | None = None
        self.found: dict = {}
        self.lock = threading.Lock()

    def _state(self) -> tuple:
        rc = mpl.rcParams
        values = tuple(_rc_value(rc, key) for key in _LOOKUP_RC)
        return (*(tuple(v) if isinstance(v, list) else v for v in values),
                os.environ.get("MPL_IGNORE_SYSTEM_FONTS"), len(self.manager.ttflist), id(self.manager.ttflist))

    def __call__(self, prop, fontext="ttf", directory=None, fallback_to_default=True, rebuild_if_missing=True):
        if not isinstance(prop, font_manager.FontProperties):
            return self.original(prop, fontext, directory, fallback_to_default, rebuild_if_missing)
        key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
               prop.get_stretch(), prop.get_size(), prop.get_file(), prop.get_math_fontfamily(),
               fontext, directory, fallback_to_default, rebuild_if_missing)
        state = self._state()
        if state == self.state:
            found = self.found.get(key)
            if found is not None:
                return list(found)
        with self.lock:
            if state != self.state:
                self.found, self.state = {}, state
            found = self.original(prop, fontext, directory, fallback_to_default, rebuild_if_missing)
            self.found[key] = tuple(found)
        return list(found)


_lookups: _RememberedLookups | None = None
_lookup_depth = 0
_lookup_lock = threading.Lock()


@contextmanager
def remembered_font_lookups() -> Iterator[None]:
    """Inside this block matplotlib's font look-ups are answered from memory when nothing they depend
    on changed (:class:`_RememberedLookups`); the font manager is given back as it was afterwards.

    Blocks nest, and may run in several threads: the first to enter installs
    the memory on ``matplotlib.font_manager.fontManager``, the last to leave
    takes it away.
    """
    global _lookups, _lookup_depth
    manager = font_manager.fontManager
    with _lookup_lock:
        if _lookup_depth == 0:
            if _lookups is None or _lookups.manager is not manager:
                _lookups = _RememberedLookups(manager)
            manager._find_fonts_by_props = _lookups
        _lookup_depth += 1
    try:
        yield
    finally:
        with _lookup_lock:
            _lookup_depth -= 1
            if _lookup_depth == 0 and manager.__dict__.get("_find_fonts_by_props") is _lookups:
                del manager._find_fonts_by_props


@contextmanager
def chart_style() -> Iterator[None]:
    """Draw (and save) charts inside this block: CJK font, report look, embeddable fonts.

    >>> from matplotlib.figure import Figure
    >>> with chart_style():
    ...     fig = Figure()
    ...     title = fig.subplots().set_title("走访覆盖率")
    >>> title.get_fontfamily()[0] == chinese_font_family()[0]
    True
    """
    with mpl.rc_context(style_rc()), remembered_font_lookups():
        yield

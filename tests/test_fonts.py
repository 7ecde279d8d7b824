"""The bundled chart font: TrueType outlines, the characters we need, and no global side effects."""

from __future__ import annotations

import ast
import contextlib
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib as mpl
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from sansong_analysis.ledgers import LABELS, VALUE_LABELS
from sansong_analysis.paths import FONTS_DIR, PACKAGE_DIR
from sansong_analysis.publish.charts import fonts
from sansong_analysis.publish.charts.fonts import (
    BUNDLED_FAMILY,
    COMMON_FAMILY,
    chart_style,
    chinese_font_family,
)

REGULAR = FONTS_DIR / "SansongSansSC-Regular.ttf"

# Place and person names as they appear in Gannan ledgers, rare characters included.
SAMPLE_NAMES = [
    "黄坑乡", "龙口镇", "车头镇", "石门乡", "於都县", "寻乌县", "安远县", "定南县", "会昌县", "崇义县", "上犹县",
    "坳背村", "塅心村", "岽下村", "垇头组", "圳下村", "寮下组", "磜头村", "埇背村", "峒坑村", "陂头村", "輋下组",
    "犇腾村", "鑫淼村", "垚上组", "燚", "堃", "喆", "淏", "珺", "琇", "昇", "玥", "芃", "缪", "邝", "仝", "钟",
    "赖", "廖", "曾", "謝", "劉", "陳", "黃", "鄧", "畲族", "畬", "氹", "圩", "墟", "碛", "崀", "濂", "浈", "虔",
    "赣", "雩", "湉", "琍", "桠", "枧", "笪", "亓", "冚", "乸", "冇", "嘅",
]
SYMBOLS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳（）：；，。、“”‘’《》【】…—·￥％＋－×÷√≤≥℃㎡№ⅠⅡⅢ"


def bundled_cmap() -> dict[int, str]:
    return TTFont(REGULAR, lazy=True).getBestCmap()


def chart_string_constants() -> set[str]:
    """Every string literal in the chart and figure modules (titles, notes, placeholders), not docstrings."""
    texts: set[str] = set()
    for path in [*(PACKAGE_DIR / "publish" / "charts").glob("*.py"), PACKAGE_DIR / "figures.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        texts.update(
            node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        )
    return texts


def test_bundled_fonts_are_truetype_not_cff():
    for path in (REGULAR, FONTS_DIR / "SansongSansSC-Bold.ttf"):
        font = TTFont(path, lazy=True)
        assert "glyf" in font and "CFF " not in font and "CFF2" not in font, path.name
        assert font.sfntVersion == "\x00\x01\x00\x00"
        assert font["name"].getDebugName(1) == BUNDLED_FAMILY
        assert "Noto" not in font["name"].getDebugName(4)  # renamed: never shadows an installed Noto
        assert font["OS/2"].fsType == 0  # installable embedding: PDF readers may embed it
    assert TTFont(FONTS_DIR / "SansongSansSC-Bold.ttf", lazy=True)["OS/2"].usWeightClass == 700


def test_licence_ships_beside_the_fonts():
    text = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Adobe" in text and "Reserved Font Name" in text
    assert "DISCLAIMER" in text


def test_font_covers_the_whole_cjk_unified_block():
    cmap = bundled_cmap()
    # Noto Sans CJK 2.004 stops at U+9FEF; U+9FF0-9FFF are 2020-21 additions no ledger uses.
    missing = [cp for cp in range(0x4E00, 0x9FF0) if cp not in cmap]
    assert missing == []


@pytest.mark.parametrize("text", [*SAMPLE_NAMES, SYMBOLS])
def test_font_covers_sample_names_and_symbols(text):
    cmap = bundled_cmap()
    assert [ch for ch in text if ord(ch) not in cmap] == []


def test_font_covers_every_label_and_chart_string():
    cmap = bundled_cmap()
    strings = [*LABELS.values(), *(v for labels in VALUE_LABELS.values() for v in labels.values())]
    strings += sorted(chart_string_constants())
    assert any("本期无数据" in s for s in strings) and any("走访覆盖率" in s for s in strings)
    missing = sorted({ch for s in strings for ch in s if not ch.isspace() and ord(ch) not in cmap})
    assert missing == []


def test_importing_the_package_changes_no_rcparams_and_no_pyplot():
    code = textwrap.dedent("""
        import sys, matplotlib as mpl
        # Raw values: reading rcParams["backend"] the normal way would itself import pyplot.
        def snapshot():
            return {key: mpl.rcParams._get(key) for key in mpl.rcParams}
        before = snapshot()
        import sansong_analysis, sansong_analysis.figures, sansong_analysis.publish.charts
        from sansong_analysis.publish.charts import fonts, common, coverage, funds, disputes, farmland, county, export
        after = snapshot()
        changed = sorted(k for k in before if before[k] != after[k])
        assert not changed, changed
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
        families = fonts.chinese_font_family()    # registering the fonts is not a setting either
        assert snapshot() == before
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
        print("ok", families[0])
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_chart_style_applies_only_inside_the_block():
    before = dict(mpl.rcParams)
    with chart_style():
        assert mpl.rcParams["font.family"][0] == chinese_font_family()[0]
        assert mpl.rcParams["font.sans-serif"][0] == chinese_font_family()[0]
        assert mpl.rcParams["axes.unicode_minus"] is False
        assert mpl.rcParams["pdf.fonttype"] == 42 and mpl.rcParams["ps.fonttype"] == 42
        assert mpl.rcParams["svg.fonttype"] == "path"
    assert dict(mpl.rcParams) == before


def test_linux_uses_the_bundled_font(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    installed = {BUNDLED_FAMILY, COMMON_FAMILY, "DejaVu Sans", "Noto Sans CJK SC"}
    monkeypatch.setattr(fonts, "installed_families", lambda: installed)
    assert chinese_font_family() == [COMMON_FAMILY, BUNDLED_FAMILY, "DejaVu Sans"]
    installed.discard(COMMON_FAMILY)  # the Common cut is optional
    assert chinese_font_family() == [BUNDLED_FAMILY, "DejaVu Sans"]


@pytest.mark.parametrize(("platform", "installed", "first"), [
    ("win32", {"SimHei", "Microsoft YaHei"}, "Microsoft YaHei"),
    ("win32", {"SimHei"}, "SimHei"),
    ("win32", set(), BUNDLED_FAMILY),
    ("darwin", {"PingFang SC", "Heiti SC"}, "PingFang SC"),
    ("darwin", {"Hiragino Sans GB", "Heiti SC"}, "Hiragino Sans GB"),
    ("darwin", {"Heiti SC"}, "Heiti SC"),
    ("darwin", set(), BUNDLED_FAMILY),
])
def test_windows_and_macos_prefer_their_own_cjk_font(monkeypatch, platform, installed, first):
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "installed_families", lambda: {BUNDLED_FAMILY, *installed})
    family = chinese_font_family()
    assert family[0] == first
    assert BUNDLED_FAMILY in family  # always there as the fallback


def test_environment_can_force_the_bundled_font(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(fonts, "installed_families", lambda: {BUNDLED_FAMILY, "Microsoft YaHei"})
    monkeypatch.setenv(fonts.FONT_ENV, "bundled")
    assert chinese_font_family()[0] == BUNDLED_FAMILY


def test_registration_is_idempotent_and_finds_the_bundled_file():
    chinese_font_family()
    chinese_font_family()
    entries = [e for e in font_manager.fontManager.ttflist if Path(e.fname).parent == FONTS_DIR]
    assert sorted((e.name, e.weight) for e in entries) == [
        (BUNDLED_FAMILY, 400), (BUNDLED_FAMILY, 700), (COMMON_FAMILY, 400), (COMMON_FAMILY, 700)]
    found = font_manager.fontManager.findfont(font_manager.FontProperties(family=BUNDLED_FAMILY))
    assert Path(found) == REGULAR


# --------------------------------------------------------------------------- the Common cut (speed) and fallback

RARE = "犇磜垇"  # in place names, not in GB 2312: only the full face has them


def gb2312_hanzi() -> set[int]:
    points = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                points.add(ord(bytes((high, low)).decode("gb2312")))
    return points


def test_common_faces_are_the_gb2312_cut_of_the_full_faces():
    for style in ("Regular", "Bold"):
        full = TTFont(FONTS_DIR / f"SansongSansSC-{style}.ttf", lazy=True)
        common = TTFont(FONTS_DIR / f"SansongSansSCCommon-{style}.ttf", lazy=True)
        assert "glyf" in common and common["name"].getDebugName(1) == COMMON_FAMILY
        assert common["OS/2"].fsType == 0 and common["OS/2"].usWeightClass == full["OS/2"].usWeightClass
        full_cmap, common_cmap = full.getBestCmap(), common.getBestCmap()
        hanzi = gb2312_hanzi()
        assert len(hanzi) == 6763 and hanzi <= set(common_cmap) <= set(full_cmap)
        assert {cp for cp in full_cmap if not 0x4E00 <= cp <= 0x9FFF} <= set(common_cmap)
        assert not any(ord(ch) in common_cmap for ch in RARE)
        # Same advances and vertical metrics: text is laid out exactly as with the full face.
        for ch in "黄坑乡覆盖率2011%（）":
            assert common["hmtx"][common_cmap[ord(ch)]] == full["hmtx"][full_cmap[ord(ch)]]
        for table, attrs in (("hhea", ("ascent", "descent", "lineGap")), ("head", ("unitsPerEm", "yMin", "yMax"))):
            assert [getattr(common[table], a) for a in attrs] == [getattr(full[table], a) for a in attrs]


def _drawn(fmt: str, families: list[str]) -> bytes:
    import io

    from matplotlib.figure import Figure

    with chart_style(), mpl.rc_context({"font.family": families, "svg.hashsalt": "test"}):
        fig = Figure(figsize=(4, 1.2))
        fig.text(0.05, 0.6, f"黄坑乡{RARE}村覆盖率92.1%", fontsize=12)
        fig.text(0.05, 0.2, f"{RARE}2011年", fontsize=14, fontweight="bold")
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=100, metadata={"Date": None} if fmt == "svg" else None)
        return buffer.getvalue()


def test_a_rare_character_falls_back_to_the_full_face_in_png_svg_and_pdf():
    import io
    import re
    import warnings

    import numpy as np
    from PIL import Image
    from pypdf import PdfReader

    families = chinese_font_family()
    assert families[:2] == [COMMON_FAMILY, BUNDLED_FAMILY]
    full_only = [f for f in families if f != COMMON_FAMILY]
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph.*missing.*")  # a tofu box would warn
        png, png_full = (np.asarray(Image.open(io.BytesIO(_drawn("png", f)))) for f in (families, full_only))
        svg, svg_full = (_drawn("svg", f) for f in (families, full_only))
        pdf = _drawn("pdf", families)
    assert png.shape == png_full.shape and (png == png_full).all()  # pixel for pixel what the full face draws
    # The same outlines at the same places; only the glyph ids name the other file.
    outlines = [re.compile(rb' d="([^"]+)"'), re.compile(rb'<use [^>]*transform="([^"]+)"')]
    assert all(sorted(p.findall(svg)) == sorted(p.findall(svg_full)) for p in outlines)
    assert len(outlines[0].findall(svg)) >= 10
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert f"黄坑乡{RARE}村" in page.extract_text() and f"{RARE}2011年" in page.extract_text()
    embedded = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in page["/Resources"]["/Font"].values()}
    assert {"SansongSansSCCommon-Regular", "SansongSansSC-Regular", "SansongSansSC-Bold"} <= embedded


def test_html_font_is_the_common_cut_unless_a_character_needs_the_full_face():
    import base64
    import io
    import re

    from sansong_analysis.run.html import _embed_font

    def embedded(text: str) -> TTFont:
        html = _embed_font(f"<style>/*SANSONG_FONT*/</style><p>{text}</p>")
        data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", html).group(1)
        return TTFont(io.BytesIO(base64.b64decode(data)))

    common = embedded("黄坑乡走访覆盖率92.1%")
    assert common["name"].getDebugName(1) == COMMON_FAMILY
    rare = embedded(f"黄坑乡{RARE}村")
    assert rare["name"].getDebugName(1) == BUNDLED_FAMILY
    assert all(ord(ch) in rare.getBestCmap() for ch in f"黄坑乡{RARE}村")

"""PDF text comes out the same whichever reader extracts it: poppler, Ghostscript, pypdf.

Leaders copy figures out of brief.pdf; auditors search it. matplotlib's own
ToUnicode maps (``bfrange`` arrays) are misread by Ghostscript's PDF
interpreter, so every PDF we write carries ``bfchar`` maps instead
(``charts/pdf_compat.py``), and the bundled fonts form no Latin ligatures
(a ligature maps back to two characters, which Ghostscript also misreads).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from sansong_analysis.publish.charts import chart_style, save_chart
from sansong_analysis.publish.charts.fonts import bundled_font_files
from sansong_analysis.publish.charts.pdf_compat import bfrange_to_bfchar

SAMPLE = "云洲乡2011年走访覆盖率94.2%（已走访325户）：first office"


def _figure() -> Figure:
    with chart_style():
        fig = Figure(figsize=(6, 2))
        fig.text(0.05, 0.6, SAMPLE)
        fig.text(0.05, 0.2, "调处成功率78.0%", fontweight="bold")
    return fig


@pytest.fixture(scope="module")
def chart_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    return next(p for p in save_chart(_figure(), out, "sample", formats=("pdf",)) if p.suffix == ".pdf")


def _to_unicode_maps(path: Path) -> list[bytes]:
    reader = PdfReader(path)
    maps = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" in font:
                maps.append(font["/ToUnicode"].get_object().get_data())
    return maps


def test_to_unicode_maps_are_bfchar_only(chart_pdf):
    maps = _to_unicode_maps(chart_pdf)
    assert maps
    for cmap in maps:
        assert b"beginbfrange" not in cmap and b"beginbfchar" in cmap
        for block in re.findall(rb"(\d+) beginbfchar", cmap):
            assert int(block) <= 100  # the CMap format's limit per block


def test_bfchar_rewrite_keeps_every_mapping():
    cmap = (
        b"/CIDInit /ProcSet findresource begin\n3 beginbfrange\n<0030> <0032> [<0030> <0031> <0032>]\n"
        b"<4e91> <4e91> [<4e91>]\n<fb01> <fb01> [<00660069>]\nendbfrange\nendcmap"
    )
    out = bfrange_to_bfchar(cmap)
    assert b"beginbfrange" not in out
    pairs = re.findall(rb"<([0-9a-f]+)> <([0-9a-f]+)>", out)
    assert pairs == [(b"0030", b"0030"), (b"0031", b"0031"), (b"0032", b"0032"), (b"4e91", b"4e91"), (b"fb01", b"00660069")]


def test_bundled_fonts_form_no_ligatures():
    from fontTools.ttLib import TTFont

    for path in bundled_font_files():
        font = TTFont(path, lazy=True)
        features = [r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord] if "GSUB" in font else []
        assert "liga" not in features, path.name


def test_pypdf_reads_the_text(chart_pdf):
    text = PdfReader(chart_pdf).pages[0].extract_text()
    assert "云洲乡2011年走访覆盖率94.2%" in text.replace(" ", "") and "first" in text


@pytest.mark.skipif(
    not (shutil.which("gs") and shutil.which("pdftotext")),
    reason="Ghostscript (gs) and poppler-utils (pdftotext) are not installed; `make test` installs them "
    "with apt-get when it runs as root (apt-get install ghostscript poppler-utils)",
)
def test_poppler_and_ghostscript_extract_the_same_text(chart_pdf, tmp_path):
    poppler = subprocess.run(["pdftotext", str(chart_pdf), "-"], capture_output=True, text=True, check=True).stdout
    gs = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite", "-o", "-", str(chart_pdf)],
        capture_output=True, text=True, check=True,
    ).stdout
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731 - layout whitespace differs by design
    assert squash(poppler) == squash(gs)
    assert squash(SAMPLE) in squash(gs)

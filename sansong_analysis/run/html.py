"""``report.html``: an executed notebook as the page leaders open — outputs only, the Chinese font
embedded, nothing fetched from the internet."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from sansong_analysis import fsutil, paths


@functools.lru_cache(maxsize=1)
def _html_exporter():
    """One exporter per process: building it compiles the templates (most of an export's cost)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="sansong_report",
        extra_template_basedirs=[str(paths.PACKAGE_DIR / "templates")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def export_html(executed: Path, html_path: Path) -> None:
    """``report.html``: outputs only (no code), images inline, the Chinese font embedded, nothing fetched."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    # Notes addressed to the analyst running the notebook are not for the leaders' copy.
    nb.cells = [c for c in nb.cells if "analyst-note" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            # Warnings on stderr are for the analyst's notebook, not the leaders' report.
            cell.outputs = [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    body, _ = _html_exporter().from_notebook_node(nb)
    body = _embed_font(body)
    body = _strip_remote_assets(body)
    fsutil.atomic_write(html_path, body)


_REMOTE_SCRIPT = re.compile(r"<script[^>]+src=[\"']https?://[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link[^>]+href=[\"']https?://[^>]*>", re.I)


_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _strip_remote_assets(html: str) -> str:
    """Government intranets have no internet: nothing may be fetched from it.

    CSS comments go too: they only carry credits with web addresses.
    """
    html = _STYLE_BLOCK.sub(lambda m: m.group(1) + _CSS_COMMENT.sub("", m.group(2)) + m.group(3), html)
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", html))


def _embed_font(html: str) -> str:
    """Embed a subset of the bundled Chinese font holding exactly the characters the page uses."""
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from sansong_analysis.publish.charts.fonts import bundled_font_files

    fonts = bundled_font_files()
    if not fonts or "/*SANSONG_FONT*/" not in html:
        return html.replace("/*SANSONG_FONT*/", "")
    text = re.sub(r"<[^>]+>|data:[^\"')]+", "", html)
    # The space too: a page's every glyph then comes from one face, none from a fallback.
    chars = {ch for ch in text if ord(ch) >= 32} | set(" 0123456789%.,:;()（），。：；、")
    # The Common cut has the same outlines for what it holds and is quicker to subset;
    # a page with a rare character takes the full face.
    common = _common_regular()
    if common is not None and {ord(ch) for ch in chars} <= common[1]:
        fonts = [common[0]]
    rules = []
    # Regular only: headings get the browser's synthetic bold, and the page stays small and quick to build.
    for font_path, weight in zip(fonts[:1], ("normal",), strict=False):
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.hinting = False
        font = TTFont(font_path, lazy=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        rules.append(
            "@font-face{font-family:'Sansong Sans SC';font-style:normal;"
            f"font-weight:{weight};src:url(data:font/ttf;base64,{data}) format('truetype');}}"
        )
    return html.replace("/*SANSONG_FONT*/", "\n".join(rules))


@functools.lru_cache(maxsize=1)
def _common_regular() -> tuple[Path, frozenset[int]] | None:
    """The Common Regular face and the code points it holds (None when not installed)."""
    from fontTools.ttLib import TTFont

    from sansong_analysis.publish.charts.fonts import common_font_files

    files = common_font_files()
    if not files:
        return None
    return files[0], frozenset(TTFont(files[0], lazy=True).getBestCmap())

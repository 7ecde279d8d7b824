"""Build the bundled Chinese chart font from Debian's ``fonts-noto-cjk`` package.

Why this exists: charts must show Chinese on a fresh Linux machine after
``pip install`` alone, so the package carries its own font. Noto Sans CJK is
openly licensed (SIL OFL 1.1) but ships as CFF (PostScript) outlines, and CFF
CJK fonts embedded in PDF as Type 42 break in Ghostscript and MuPDF. So we
take the Simplified Chinese face out of the ``.ttc``, convert its outlines to
TrueType quadratics (the fontTools ``otf2ttf`` recipe), keep only the
characters a county report needs, drop hinting, and rename the family so it
never clashes with a Noto installed on the system.

It also derives *Sansong Sans SC Common*: the same faces cut down to the
characters of GB 2312 (6,763 hanzi, which cover nearly every character a
county ledger uses) and every non-hanzi character of the full face. Charts
name it first and the full face second, and matplotlib falls back glyph by
glyph, so a rare character still comes from the full face while the PDF and
HTML font subsetting, which parses the whole file each time, reads a third of
the glyphs (see docs/performance.md).

Usage (from the project root)::

    .venv/bin/python tools/build_font.py                  # runs `apt-get download fonts-noto-cjk`
    .venv/bin/python tools/build_font.py --deb fonts-noto-cjk_*.deb
    .venv/bin/python tools/build_font.py --no-bold        # Regular only
    .venv/bin/python tools/build_font.py --common-only    # only the Common faces, from the committed full ones

Writes ``sansong_analysis/publish/charts/fonts/SansongSansSC-Regular.ttf`` (and
``-Bold.ttf``) and ``SansongSansSCCommon-Regular.ttf`` (and ``-Bold.ttf``),
and prints each file's size and SHA-256. Given the same Debian package and
fontTools version the output is byte-identical. ``OFL.txt`` beside the fonts
is the licence they are distributed under.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import lzma
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = PROJECT_ROOT / "sansong_analysis" / "charts" / "fonts"

DEBIAN_PACKAGE = "fonts-noto-cjk"
# The Debian (bookworm) version the committed fonts were built from.
EXPECTED_VERSION = "1:20220127+repack1-1"
TTC_MEMBERS = {
    "Regular": "./usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "./usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
COPYRIGHT_MEMBER = "./usr/share/doc/fonts-noto-cjk/copyright"
SOURCE_FAMILY = "Noto Sans CJK SC"

FAMILY = "Sansong Sans SC"
POSTSCRIPT_FAMILY = "SansongSansSC"
COMMON_FAMILY = "Sansong Sans SC Common"
COMMON_POSTSCRIPT_FAMILY = "SansongSansSCCommon"

# Code points kept. The whole CJK Unified Ideographs block, because a rare
# character in a village or household name must still render.
UNICODE_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A (pinyin tone marks)"),
    (0x01CD, 0x01DC, "Latin Extended-B pinyin (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ)"),
    (0x0251, 0x0251, "ɑ"),
    (0x0261, 0x0261, "ɡ"),
    (0x02C6, 0x02DD, "spacing modifiers (ˇ ˉ ˊ ˋ ˙)"),
    (0x0391, 0x03C9, "Greek letters (GB 2312)"),
    (0x0401, 0x0451, "Cyrillic letters (GB 2312)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x20AC, 0x20AC, "euro sign"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ Ⅱ Ⅲ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (√ − ≤ ≥)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ● ○ ▲)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆ ☑)"),
    (0x2713, 0x2717, "check and ballot marks (✓ ✔ ✕ ✗)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x30FB, 0x30FB, "katakana middle dot (・ in names)"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊣)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎞ ㎏)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0xFFFD, 0xFFFD, "replacement character"),
)

# Layout features worth their bytes for horizontal chart text; vertical
# forms, localised variants and the rest are dropped. No ligatures: a "fi"
# glyph maps back to two characters in a PDF's ToUnicode map, which
# Ghostscript's PDF interpreter misreads ("first" extracted as "昀椀rst").
LAYOUT_FEATURES = ["kern"]
DROP_TABLES = ["VORG", "vhea", "vmtx", "BASE", "DSIG", "GDEF"]

MAX_ERR = 1.0  # cu2qu tolerance in font units (1000 per em): invisible at chart sizes.


def unicodes() -> list[int]:
    return [cp for lo, hi, _ in UNICODE_RANGES for cp in range(lo, hi + 1)]


def gb2312_code_points() -> set[int]:
    """Every character of GB 2312 (6,763 hanzi and 682 symbols), from Python's own codec."""
    points = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return points


def common_unicodes(cmap: dict[int, str]) -> list[int]:
    """The Common faces' characters: all of the full face's but the hanzi outside GB 2312."""
    gb2312 = gb2312_code_points()
    return sorted(cp for cp in cmap if not 0x4E00 <= cp <= 0x9FFF or cp in gb2312)


# ----------------------------------------------------------------------------- fetch


def download_deb(dest: Path) -> Path:
    """``apt-get download fonts-noto-cjk`` into ``dest``; the path of the .deb."""
    subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=dest, check=True)
    debs = sorted(dest.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    if not debs:
        sys.exit(f"apt-get download {DEBIAN_PACKAGE} produced no .deb in {dest}")
    return debs[-1]


def ar_members(data: bytes) -> dict[str, bytes]:
    """The members of an ``ar`` archive (a .deb is one), without needing dpkg."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive (is this a .deb?)")
    members: dict[str, bytes] = {}
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos : pos + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        pos += 60
        members[name] = data[pos : pos + size]
        pos += size + (size % 2)
    return members


def deb_version(members: dict[str, bytes]) -> str:
    control_name = next(n for n in members if n.startswith("control.tar"))
    with tarfile.open(fileobj=io.BytesIO(members[control_name])) as tar:
        control = tar.extractfile("./control").read().decode("utf-8")  # type: ignore[union-attr]
    for line in control.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def read_deb(deb: Path, styles: list[str]) -> tuple[str, dict[str, bytes], str]:
    """(package version, the .ttc of each style, Debian's copyright file) from a .deb."""
    members = ar_members(deb.read_bytes())
    version = deb_version(members)
    data_name = next(n for n in members if n.startswith("data.tar"))
    payload = members[data_name]
    if data_name.endswith(".xz"):
        payload = lzma.decompress(payload)
    ttcs: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(payload)) as tar:
        for style in styles:
            ttcs[style] = tar.extractfile(TTC_MEMBERS[style]).read()  # type: ignore[union-attr]
        copyright_text = tar.extractfile(COPYRIGHT_MEMBER).read().decode("utf-8")  # type: ignore[union-attr]
    return version, ttcs, copyright_text


def ofl_text(debian_copyright: str) -> str:
    """The SIL OFL 1.1 text as Debian records it for Noto CJK (DEP-5 continuation lines)."""
    lines = debian_copyright.splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == "License: SIL-1.1") + 1
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip("\n") + "\n"


def write_licence(debian_copyright: str, version: str, out_dir: Path) -> Path:
    header = f"""Sansong Sans SC (SansongSansSC-Regular.ttf, SansongSansSC-Bold.ttf) and
Sansong Sans SC Common (SansongSansSCCommon-Regular.ttf, SansongSansSCCommon-Bold.ttf)

Copyright © 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
Source is a trademark of Adobe in the United States and/or other countries.
Noto is a trademark of Google Inc.

These fonts are a Modified Version of Noto Sans CJK SC (Regular and Bold) as
shipped in Debian's {DEBIAN_PACKAGE} package ({version}): the
Simplified Chinese face subset to Latin, punctuation, symbols, full-width forms
and the CJK Unified Ideographs block, converted from CFF to TrueType outlines,
with hinting removed, and renamed so that it cannot be mistaken for the
original; the Common faces are further subset to the characters of GB 2312
and every non-hanzi character. tools/build_font.py in the sansong-analysis
repository reproduces them.
The fonts remain under the SIL Open Font License, Version 1.1, below.

"""
    out = out_dir / "OFL.txt"
    out.write_text(header + ofl_text(debian_copyright), encoding="utf-8")
    return out


# ----------------------------------------------------------------------------- build


def sc_face(ttc: bytes, style: str) -> TTFont:
    """The ``Noto Sans CJK SC`` face (not Mono, not JP/KR/TC/HK) of a collection."""
    collection = TTCollection(io.BytesIO(ttc), recalcTimestamp=False)
    for font in collection.fonts:
        name = font["name"]
        if name.getDebugName(1) == SOURCE_FAMILY or name.getDebugName(16) == SOURCE_FAMILY:
            return font
    raise SystemExit(f"no {SOURCE_FAMILY} {style} face in the collection")


def subset_font(font: TTFont) -> None:
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += DROP_TABLES
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by TrueType quadratic ones (fontTools' otf2ttf recipe)."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.compile(font)
    post = font["post"]
    # Format 3: no glyph names. Saves space; PDF/SVG backends address glyphs by index.
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str, source_version: str) -> None:
    """A family name of our own, so an installed Noto is never shadowed or confused."""
    name = font["name"]
    copyright_notice = name.getDebugName(0) or "© 2014-2021 Adobe (http://www.adobe.com/)."
    licence = name.getDebugName(13) or "This Font Software is licensed under the SIL Open Font License, Version 1.1."
    licence_url = name.getDebugName(14) or "https://openfontlicense.org"
    version = name.getDebugName(5) or "Version 2.004"
    full = f"{FAMILY} {style}"
    records = {
        0: copyright_notice,
        1: FAMILY,
        2: style,
        3: f"{POSTSCRIPT_FAMILY}-{style};{version};sansong-analysis",
        4: full,
        5: f"{version}; subset of {SOURCE_FAMILY} {style} (Debian {DEBIAN_PACKAGE} {source_version})",
        6: f"{POSTSCRIPT_FAMILY}-{style}",
        10: (f"Subset of {SOURCE_FAMILY} {style} with TrueType outlines, no hinting, "
             "built by tools/build_font.py for the sansong-analysis charts."),
        13: licence,
        14: licence_url,
    }
    name.names = []
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
    os2 = font["OS/2"]
    os2.usWeightClass = 700 if style == "Bold" else 400
    # fsSelection: bit 0 italic, bit 5 bold, bit 6 regular.
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if style == "Bold" else 0b1000000)
    font["head"].macStyle = 1 if style == "Bold" else 0
    if "CFF " in font:  # not reached after cff_to_glyf; kept for safety
        del font["CFF "]


def rename_common(font: TTFont, style: str) -> None:
    """The full face's names, with the Common family's."""
    name = font["name"]
    version = (name.getDebugName(5) or "").split(";")[0] or "Version 2.004"
    records = {
        1: COMMON_FAMILY,
        3: f"{COMMON_POSTSCRIPT_FAMILY}-{style};{version};sansong-analysis",
        4: f"{COMMON_FAMILY} {style}",
        6: f"{COMMON_POSTSCRIPT_FAMILY}-{style}",
        10: (f"The GB 2312 characters of {FAMILY} {style} (every non-hanzi character kept), "
             "built by tools/build_font.py for the sansong-analysis charts."),
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)


def build_common(full: Path, style: str, out_dir: Path) -> Path:
    """``SansongSansSCCommon-<style>.ttf`` from the full face: same outlines, metrics and layout tables."""
    font = TTFont(full, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # whatever the full face kept
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = False
    options.recalc_timestamp = False
    options.recalc_bounds = False  # the full face's bounding box and vertical metrics, so text sits the same
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=common_unicodes(font.getBestCmap()))
    subsetter.subset(font)
    rename_common(font, style)
    out = out_dir / f"{COMMON_POSTSCRIPT_FAMILY}-{style}.ttf"
    tmp = out.with_suffix(".ttf.tmp")
    font.recalcTimestamp = False
    font.save(tmp)
    tmp.replace(out)
    _report(out, font)
    return out


def _report(out: Path, font: TTFont) -> None:
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"{out.relative_to(PROJECT_ROOT) if out.is_relative_to(PROJECT_ROOT) else out}: "
          f"{out.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs, sha256 {digest}")


def build(deb: Path, styles: list[str], out_dir: Path) -> list[Path]:
    version, ttcs, debian_copyright = read_deb(deb, styles)
    if version != EXPECTED_VERSION:
        print(f"note: {DEBIAN_PACKAGE} {version} differs from {EXPECTED_VERSION} the committed fonts came from")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for style in styles:
        font = sc_face(ttcs[style], style)
        subset_font(font)
        cff_to_glyf(font)
        rename(font, style, version)
        out = out_dir / f"{POSTSCRIPT_FAMILY}-{style}.ttf"
        tmp = out.with_suffix(".ttf.tmp")
        font.recalcTimestamp = False
        font.save(tmp)
        tmp.replace(out)
        _report(out, font)
        written += [out, build_common(out, style, out_dir)]
    written.append(write_licence(debian_copyright, version, out_dir))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", type=Path, help=f"a downloaded {DEBIAN_PACKAGE} .deb (default: apt-get download it)")
    parser.add_argument("--out", type=Path, default=FONTS_DIR, help="output folder (default: %(default)s)")
    parser.add_argument("--no-bold", action="store_true", help="build the Regular face only")
    parser.add_argument("--common-only", action="store_true",
                        help="only derive the Common faces from the full faces already in --out")
    args = parser.parse_args(argv)
    styles = ["Regular"] if args.no_bold else ["Regular", "Bold"]
    if args.common_only:
        for style in styles:
            build_common(args.out / f"{POSTSCRIPT_FAMILY}-{style}.ttf", style, args.out)
    elif args.deb:
        build(args.deb, styles, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(download_deb(Path(tmp)), styles, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

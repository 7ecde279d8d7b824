"""What a cell's style shows the analyst that its value does not hold: a unit after the number, a line through the text.

Four habits of offices live in styles, not values:

- a unit put after the number by a custom number format (``0.00"万元"``: ``number_formats``);
- an entry struck off with a line through it (删除线) rather than deleted — the analyst sees it void, the
  file keeps it as any other row. A row whose filled cells are struck through, half of them at least, is
  named (``Sheet.struck_rows``) and its records flagged 可能多计, counted as hidden rows are;
- a check box typed as a letter in a symbol font (``R`` in Wingdings 2 shows ☑, ``£`` shows ☐): the cell is read
  as the box it shows (``SYMBOLS``);
- a date shown without its year (``m"月"d"日"``: 3月5日), as Excel formats a date typed 3-5 — storing the year it
  was typed in, which the analyst does not see: the sheet's own year reads it (``Sheet.yearless_cells``, ``tidy``).

The styles are read once a workbook (.xlsx ``styles.xml``; .xls FONT, FORMAT and XF records); only in a workbook
with such a style are its sheets' cells looked at again, to find the cells that use one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sansong_analysis.ingest.read.extents.container import local_name, tag_attributes
from sansong_analysis.ingest.read.formulas import cell_position
from sansong_analysis.ingest.read.number_formats import YEARLESS_BUILTINS, display_unit, yearless_date


@dataclass
class CellStyles:
    """Of a workbook's cell styles (the ``s`` of an .xlsx cell, the XF index of an .xls one): the unit each shows
    after a number, and those striking their text through."""

    units: dict[int, str] = field(default_factory=dict)
    struck: frozenset[int] = frozenset()
    symbols: dict[int, str] = field(default_factory=dict)  # style → its symbol font (a key of SYMBOLS)
    yearless: frozenset[int] = frozenset()  # styles showing a date's month and day, not its year

    def __bool__(self) -> bool:
        return bool(self.units or self.struck or self.symbols or self.yearless)


# The boxes and marks a ledger ticks with, as the symbol fonts draw them from the letters typed (Excel's 插入 → 符号,
# or the tip 输入 R 设字体为 Wingdings 2).
SYMBOLS = {
    "wingdings 2": {"R": "☑", "S": "☒", "T": "☒", "£": "☐", "P": "✓", "O": "✗", "Q": "☒"},
    "wingdings": {"þ": "☑", "ý": "☒", "o": "☐", "¨": "☐", "ü": "✓", "û": "✗", "x": "☒"},
}


def symbol_font(name: str) -> str | None:
    """The key of SYMBOLS a font's name is (``Wingdings 2`` → ``wingdings 2``), or None."""
    key = " ".join(name.lower().split())
    return key if key in SYMBOLS else None


def show_symbols(grid: list[list[object]], cells: dict[tuple[int, int], str]) -> None:
    """Each cell of ``cells`` holding a letter its symbol font draws as a box or mark, written as that (in place)."""
    for (r, c), font in cells.items():
        if r < len(grid) and c < len(grid[r]) and isinstance(v := grid[r][c], str):
            shown = SYMBOLS[font].get(v.strip())
            if shown is not None:
                grid[r][c] = shown


_NUM_FMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\b[^>]*>")
_FONTS = re.compile(rb"<(?:[\w.-]+:)?fonts\b[^>]*>(.*?)</(?:[\w.-]+:)?fonts>", re.S)
_FONT = re.compile(rb"<(?:[\w.-]+:)?font\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?font>)", re.S)
_STRIKE = re.compile(rb"<(?:[\w.-]+:)?strike\b([^>]*)>")
_NAME = re.compile(rb"<(?:[\w.-]+:)?name\b([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")


def _attrs(tag: bytes) -> dict[str, str]:
    """A tag's attributes by their local names (``container.tag_attributes``, its prefixes dropped)."""
    return {local_name(k): v for k, v in tag_attributes(tag).items()}


def _struck_font(body: bytes | None) -> bool:
    """A font whose <strike/> is on (``val`` absent, 1 or true)."""
    if not body or b"strike" not in body:
        return False
    tag = _STRIKE.search(body)
    return tag is not None and _attrs(tag.group(1)).get("val", "1").lower() not in ("0", "false")


def xlsx_styles(styles_xml: bytes) -> CellStyles:
    """An .xlsx's cell styles that show a unit, strike through, draw symbols or show a date without its year
    (``styles.xml``)."""
    if b"numFmt" not in styles_xml and b"strike" not in styles_xml and b"ingdings" not in styles_xml:
        return CellStyles()
    formats: dict[str, str] = {}
    yearless_ids = {str(i) for i in YEARLESS_BUILTINS}  # a custom code may take a built-in's number: read below
    for tag in _NUM_FMT.findall(styles_xml):
        a = _attrs(tag)
        code = a.get("formatCode")
        if code is None:
            continue
        if (unit := display_unit(code)) is not None:
            formats[a.get("numFmtId", "")] = unit
        if yearless_date(code):
            yearless_ids.add(a.get("numFmtId", ""))
        else:
            yearless_ids.discard(a.get("numFmtId", ""))
    yearless_used = any(f'numFmtId="{i}"'.encode() in styles_xml for i in yearless_ids)
    struck_fonts: set[str] = set()
    symbol_fonts: dict[str, str] = {}
    if (b"strike" in styles_xml or b"ingdings" in styles_xml) and (fonts := _FONTS.search(styles_xml)) is not None:
        for i, m in enumerate(_FONT.finditer(fonts.group(1))):
            if _struck_font(m.group(1)):
                struck_fonts.add(str(i))
            name = _NAME.search(m.group(1) or b"")
            if name is not None and (font := symbol_font(_attrs(name.group(1)).get("val", ""))):
                symbol_fonts[str(i)] = font
    block = _CELL_XFS.search(styles_xml) if formats or struck_fonts or symbol_fonts or yearless_used else None
    if block is None:
        return CellStyles()
    units, struck, symbols, yearless = {}, set(), {}, set()
    for i, xf in enumerate(_XF.findall(block.group(1))):
        a = _attrs(xf)
        if a.get("numFmtId") in formats:
            units[i] = formats[a["numFmtId"]]
        if a.get("numFmtId") in yearless_ids:
            yearless.add(i)
        font_id = a.get("fontId", "0")
        if font_id in struck_fonts:
            struck.add(i)
        if font_id in symbol_fonts:
            symbols[i] = symbol_fonts[font_id]
    return CellStyles(units, frozenset(struck), symbols, frozenset(yearless))


_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(/?)>")
_STYLE = re.compile(rb"\bs\s*=\s*[\"']([0-9]+)[\"']")
_TYPE = re.compile(rb"\bt\s*=\s*[\"']([^\"']*)[\"']")


def styled_cells(chunks, styles: CellStyles):
    """Of a sheet's XML: its number cells whose style shows a unit (0-based (row, column) → the unit), its filled
    cells whose style strikes them through, those in a symbol font (→ the font), and its number cells shown as a
    date without its year."""
    wanted = {str(i).encode() for i in (*styles.units, *styles.struck, *styles.symbols, *styles.yearless)}
    units: dict[tuple[int, int], str] = {}
    struck: set[tuple[int, int]] = set()
    symbols: dict[tuple[int, int], str] = {}
    yearless: set[tuple[int, int]] = set()
    for data in chunks:
        if b" s=" not in data and b"\ts=" not in data and b"\ns=" not in data:
            continue
        for attrs, empty in _CELL.findall(data):
            style = _STYLE.search(attrs)
            if style is None or style.group(1) not in wanted or empty:
                continue
            key = cell_position(attrs)
            if key is None:
                continue
            s = int(style.group(1))
            if s in styles.struck:
                struck.add(key)
            if s in styles.symbols:
                symbols[key] = styles.symbols[s]
            if s in styles.units or s in styles.yearless:
                kind = _TYPE.search(attrs)
                if kind is None or kind.group(1) in (b"n", b""):  # a number: text, a boolean or an error shows no unit
                    if s in styles.units:
                        units[key] = styles.units[s]
                    if s in styles.yearless:
                        yearless.add(key)
                elif kind.group(1) == b"d" and s in styles.yearless:  # a date written as ISO text (t="d")
                    yearless.add(key)
    return units, struck, symbols, yearless


def struck_rows(grid: list[list[object]], cells: set[tuple[int, int]]) -> frozenset[int]:
    """The rows (1-based) of ``grid`` whose filled cells are struck through, half of them at least."""
    by_row: dict[int, int] = {}
    for r, c in cells:
        if r < len(grid) and c < len(grid[r]) and grid[r][c] not in ("", None):
            by_row[r] = by_row.get(r, 0) + 1
    out = set()
    for r, n in by_row.items():
        filled = sum(1 for v in grid[r] if v not in ("", None))
        if 2 * n >= filled:
            out.add(r + 1)
    return frozenset(out)

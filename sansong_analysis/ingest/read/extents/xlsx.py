"""Extents of .xlsx / .xlsm sheets, from the cell tags of their XML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from sansong_analysis.ingest.read.extents.container import (
    local_name,
    office_document,
    read_small,
    relationships,
    rels_of,
    tag_attributes,
    xml_chunks,
    zip_members,
)
from sansong_analysis.ingest.read.extents.extent import Budget, Extent, span_columns
from sansong_analysis.ingest.read.formulas import RECALC, has_formula, scan
from sansong_analysis.ingest.read.styles import styled_cells, xlsx_styles

_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b[^>]*>")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_TAG_WITH_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']")
# A cell's reference and the rest of its tag: one ending in "/" holds no value (<c r="B2" s="1"/>).
# Letters and digits unbounded: a reference past XFD1048576 must measure as far as it says.
_CELL_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']\$?([A-Za-z]+)\$?([0-9]+)[\"']([^>]*)>")
# The common spelling (Excel, WPS, LibreOffice, openpyxl): unprefixed tags, r first.
_EMPTY_CELL = re.compile(rb"<c [^>]*/>")
# The column letters and the row number of every cell, each in one pass (calamine places a cell by
# its own reference, whatever its row's r says). Unbounded, so that a reference past XFD1048576
# (ZZZZZZZ1, A99999999999) measures as far as it reaches rather than being cut to fit.
_CELL_COLUMN = re.compile(rb'<c r="([A-Za-z]+)')
_CELL_ROW = re.compile(rb'<c r="[A-Za-z]+([0-9]+)')
# A cell or row tag spelt otherwise than ``<c r="…`` / ``<row r="…``: <c>, <c/>, <c s="1" r="B2">,
# <row>, <row spans="1:3" r="2">, a tab after the name, or a reference that is not letters then
# digits ($A$1). One scan, where counting each spelling took five.
_OTHER_SPELLING = re.compile(rb'<(?:c|row)(?:/?>|\s(?!r="))|<c r="(?![A-Za-z]+[0-9]+")')
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet[\s>]")
# Everything else, walked tag by tag.
_TOKEN = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row(?=[\s/>])")
_PREFIXED_CELL_CLOSE = re.compile(rb"</[\w.-]+:c>")
_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]*)\$?([0-9]*)[\"']")
# A row tag, and its hidden attribute set (hidden="1", hidden="true").
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*>")
_HIDDEN = re.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")
_ROW_REF = re.compile(rb"\br\s*=\s*[\"']([0-9]+)[\"']")
_OUTLINED = re.compile(rb"\boutlineLevel\s*=\s*[\"']0*[1-9]")
# A column tag (``<cols>``, before the rows) and the columns it spans, 1-based: ``<col min="3" max="4" hidden="1"/>``.
_COL_TAG = re.compile(rb"<(?:[\w.-]+:)?col\s[^>]*>")
_COL_SPAN = re.compile(rb"\b(min|max)\s*=\s*[\"']([0-9]{1,7})[\"']")
_LAST_COLUMN = 16384  # XFD


# Past these, a reference is beyond any sheet (XFD, 1048576) many times over: measured as this far,
# not worked out (a megabyte of letters or digits would cost seconds, or int()'s digit limit).
_FAR_LETTERS, _FAR_DIGITS = 8, 12
_FAR = 10**12


def row_number(digits: bytes | str) -> int:
    """``b"12"`` → 12; a number of more than twelve digits is simply far."""
    return int(digits) if len(digits) <= _FAR_DIGITS else _FAR


def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``XFD`` → 16384; more than eight letters is simply far.

    >>> column_number("XFD"), column_number(b"ZZZZZZZZZZZZZZZZZZZZ") == _FAR
    (16384, True)
    """
    if len(letters) > _FAR_LETTERS:
        return _FAR
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        n = n * 26 + (ord(ch) - 64)
    return n


def xlsx_extents(path: Path, budget: Budget) -> dict[str, Extent]:
    with zipfile.ZipFile(path) as zf:
        members = zip_members(zf)
        workbook = office_document(zf, members, budget) or "xl/workbook.xml"
        rels_name, folder = rels_of(workbook)
        rels = relationships(zf, members, rels_name, folder, budget)
        names: dict[str, str] = {}
        book = read_small(zf, members.get(workbook), budget)
        recalc = RECALC.search(book) is not None
        styles_part = next((target for typ, target in rels.values() if typ.endswith("/styles")), None)
        styles = xlsx_styles(read_small(zf, members.get(styles_part or "xl/styles.xml"), budget))
        for tag in _SHEET_TAG.findall(book):
            a = tag_attributes(tag)
            rid = next((v for k, v in a.items() if local_name(k) == "id" and k != "sheetId"), None)
            if rid in rels and "name" in a:
                names.setdefault(rels[rid][1], a["name"])
        parts = set(names) | {
            n for n in members if n.endswith(".xml") and "/worksheets/" in f"/{n}" and "/_rels/" not in n
        }
        extents = {}
        for part in sorted(parts):
            info = members.get(part)
            if info is None:
                continue
            extent, formulas = _xlsx_sheet(zf, info, budget, names.get(part, part))
            if formulas:  # a second look, at the few sheets holding a formula
                extent.formulas, extent.recalc = scan(xml_chunks(zf, info, budget)), recalc
            if styles:  # and at the sheets of a workbook with a style showing a unit or striking text through
                (extent.cell_units, extent.struck_cells, extent.symbol_cells,
                 extent.yearless_cells) = styled_cells(xml_chunks(zf, info, budget), styles)
            extents[extent.sheet] = extent
        return extents


def _xlsx_sheet(zf, info, budget, sheet: str) -> tuple[Extent, bool]:
    """The extent of the cells that hold a value, with C-speed scans for the common spelling, and
    whether the sheet may hold a formula.

    Excel, WPS, LibreOffice and openpyxl write unprefixed tags with the
    reference first (``<c r="B2" …>``). Formatted empty cells (``<c r="XFD9"
    s="1"/>``) are dropped first: Excel writes them far beyond the data. Any
    other spelling goes through the general scan.
    """
    letters: set[bytes] = set()
    numbers: set[bytes] = set()
    hidden: set[int] = set()
    col_spans: list[tuple[int, int]] = []
    formulas = False
    for i, data in enumerate(xml_chunks(zf, info, budget)):
        if i == 0 and _PREFIXED_ROOT.search(data[:4096]):
            return _xlsx_sheet_exact(zf, info, budget, sheet)
        if _OTHER_SPELLING.search(data):
            return _xlsx_sheet_exact(zf, info, budget, sheet)
        # A formula ends in </f> (a shared formula's other cells, <f t="shared" si="0"/>, follow its first, which
        # does): one C-speed look, where two cost the scan a tenth more.
        formulas = formulas or b"</f>" in data
        _add_hidden(data, hidden, col_spans)
        if b"/>" in data:
            data = _EMPTY_CELL.sub(b"", data)
        letters.update(_CELL_COLUMN.findall(data))
        numbers.update(_CELL_ROW.findall(data))  # a row's cells share its digits: few distinct ones
    rows = max(map(row_number, numbers), default=0)
    cols = max((column_number(c) for c in letters), default=0)
    cols = cols if rows else 0
    return Extent(sheet, rows, cols, hidden_rows=hidden, hidden_cols=span_columns(col_spans, cols)), formulas


def _add_hidden(data: bytes, hidden: set[int], col_spans: list[tuple[int, int]]) -> None:
    """The rows of ``data`` (a chunk of a sheet's XML, never cut inside a tag) hidden in Excel, by
    their own numbers; a row tag without a number (by-position writers) is not placed, and left out.
    A row hidden inside a collapsed group (``outlineLevel``: the details under a subtotal, folded with the
    outline's − button, which the analyst sees) is not one. And the spans of columns hidden, 0-based, folded or
    not (``Extent.hidden_cols``, from ``span_columns``)."""
    if b"hidden" not in data:
        return
    for tag in _ROW_TAG.findall(data):
        if b"hidden" in tag and _HIDDEN.search(tag) and not _OUTLINED.search(tag):
            ref = _ROW_REF.search(tag)
            if ref is not None:
                hidden.add(row_number(ref.group(1)))
    if b"<col" in data or b":col" in data:
        for tag in _COL_TAG.findall(data):
            if b"hidden" in tag and _HIDDEN.search(tag):
                span = dict(_COL_SPAN.findall(tag))
                first = int(span.get(b"min", 0))
                last = min(int(span.get(b"max", first)), _LAST_COLUMN)
                if 1 <= first <= last:
                    col_spans.append((first - 1, last - 1))


def _xlsx_sheet_exact(zf, info, budget, sheet: str) -> tuple[Extent, bool]:
    """Every cell that holds a value, by its reference; by position when references are missing."""
    extent = Extent(sheet)
    col_spans: list[tuple[int, int]] = []
    formulas = False
    for data in xml_chunks(zf, info, budget):
        formulas = formulas or has_formula(data)
        _add_hidden(data, extent.hidden_rows, col_spans)
        with_ref = len(_CELL_TAG_WITH_REF.findall(data))
        found = _CELL_REF.findall(data)
        # A cell without a reference, or with one that is not letters then digits: by position.
        if len(_CELL_TAG.findall(data)) != with_ref or len(found) != with_ref:
            return _xlsx_sheet_by_position(zf, info, budget, sheet), False  # formulas placed by position: not read
        refs = [(c, r) for c, r, tail in found if not tail.endswith(b"/")]
        if refs:
            extent.rows = max(extent.rows, max(row_number(r) for _, r in refs))
            extent.cols = max(extent.cols, max(column_number(c) for c in {c.upper() for c, _ in refs}))
    extent.hidden_cols = span_columns(col_spans, extent.cols)
    return extent, formulas


def _xlsx_sheet_by_position(zf, info, budget, sheet: str) -> Extent:
    """Slow path for writers that omit references: rows and cells counted as calamine counts them.

    A row whose cells carry no references is measured with C-speed counts;
    only rows that mix both are walked cell by cell.
    """
    extent = Extent(sheet)
    col_spans: list[tuple[int, int]] = []
    row = col = 0
    for data in xml_chunks(zf, info, budget):
        _add_hidden(data, extent.hidden_rows, col_spans)
        pieces = _ROW_START.split(data) if b":row" in data else data.split(b"<row")
        for i, piece in enumerate(pieces):
            body = piece
            if i:  # a new row: its attributes run up to the first ">"
                attrs, _, body = piece.partition(b">")
                ref = _REF.search(attrs)
                row = row_number(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                if attrs.endswith(b"/"):
                    continue
            if (b"r=" in body or b"r =" in body) and _CELL_TAG_WITH_REF.search(body):
                row, col = _walk_cells(body, row, col, extent)
                continue
            last = max(body.rfind(b"</c>"), _last_prefixed_close(body))
            if last != -1:
                extent.rows = max(extent.rows, max(row, 1))
                extent.cols = max(extent.cols, col + _count_cells(body[:last]))
            col += _count_cells(body)
    extent.hidden_cols = span_columns(col_spans, extent.cols)
    return extent


def _count_cells(body: bytes) -> int:
    if b":c" in body:
        return len(_CELL_TAG.findall(body))
    return body.count(b"<c>") + body.count(b"<c ") + body.count(b"<c/>") + body.count(b"<c\t") + body.count(b"<c\n")


def _last_prefixed_close(body: bytes) -> int:
    if b":c>" not in body:
        return -1
    found = [m.start() for m in _PREFIXED_CELL_CLOSE.finditer(body)]
    return found[-1] if found else -1


def _walk_cells(body: bytes, row: int, col: int, extent: Extent) -> tuple[int, int]:
    for m in _TOKEN.finditer(body):
        closing, name, attrs, empty = m.groups()
        if closing or name != b"c":
            continue
        ref = _REF.search(attrs)
        if ref and ref.group(1):
            col = column_number(ref.group(1))
            if ref.group(2):
                row = max(row_number(ref.group(2)), 1)
        else:
            col += 1
        if not empty:
            extent.rows = max(extent.rows, max(row, 1))
            extent.cols = max(extent.cols, col)
    return row, col

"""Workbooks a web system or an old Excel saved as text: an HTML table or Excel 2003 XML (SpreadsheetML),
usually named ``.xls``.

A 系统 that offers "导出Excel" often writes an HTML page, and Excel's "XML 表格 2003" writes
SpreadsheetML; Excel and WPS open both as if they were ``.xls``, so the analyst sees a workbook. Each
table of a page (each worksheet of an XML workbook) is read as a sheet: its cells as text (HTML) or as
their stored types (XML: numbers, dates, yes/no), merged cells (``colspan`` / ``rowspan``,
``ss:MergeAcross`` / ``ss:MergeDown``) as merged ranges filled from their first cell, as a workbook's
are. Bounded as any workbook: spans and indexes are checked against the sheet and workbook cell limits
before a cell is placed, and the reading runs in the memory-capped helper (``isolated``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from sansong_analysis.ingest.read.grid import DEFAULT_LIMITS, FileProblem, Limits, Sheet, too_large_sheet

_MAX_COLS = 16_384  # Excel's own bounds: a span beyond them is a damaged or hostile file
_MAX_ROWS = 1_048_576


def read_markup(path: Path, fmt: str, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    """The sheets of an HTML page (``fmt`` ``html``) or an Excel 2003 XML workbook (``xmlss``), and none
    that could not be read (a sheet too large refuses the file, as for a CSV)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem("corrupt", f"无法读取（{exc.strerror or type(exc).__name__}）") from None
    sheets = _html_sheets(data, Path(path).stem, limits) if fmt == "html" else _xml_sheets(data, limits)
    return sheets, []


class _Grid:
    """One sheet being built cell by cell, within the limits, with its merged ranges."""

    def __init__(self, name: str, limits: Limits, cells_left: int):
        self.name, self.limits, self.cells_left = name, limits, cells_left
        self.rows: list[list[object]] = []
        self.merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.width = 0
        self.hidden_rows: set[int] = set()

    def put(self, r: int, c: int, value: object, across: int = 0, down: int = 0) -> None:
        if r >= _MAX_ROWS or c + across >= _MAX_COLS or across < 0 or down < 0:
            raise too_large_sheet(self.name, max(r + down + 1, len(self.rows)), max(c + across + 1, self.width), self.limits)
        height, width = max(len(self.rows), r + 1), max(self.width, c + across + 1)
        if height * width > min(self.limits.max_sheet_cells, self.cells_left):
            if height * width > self.limits.max_sheet_cells:
                raise too_large_sheet(self.name, height, width, self.limits)
            raise FileProblem("too_large", f"表格过大：各工作表的单元格合计超过单个工作簿的上限 {self.limits.max_workbook_cells:,} 个，"
                                           "为免耗尽内存拒绝读取")
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        row[c] = value
        self.width = width
        if across or down:
            self.merged.append(((r, c), (r + down, c + across)))

    def sheet(self, hidden: bool = False) -> Sheet:
        width, height = self.width, len(self.rows)
        for row in self.rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        merged = [(top, (min(r1, height - 1), c1)) for top, (r1, c1) in self.merged]
        for (r0, c0), (r1, c1) in merged:  # a merged range reads its first cell's value in every cell
            value = self.rows[r0][c0]
            if value != "":
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if self.rows[r][c] == "":
                            self.rows[r][c] = value
        return Sheet(self.name, self.rows, merged, hidden=hidden, hidden_rows=frozenset(self.hidden_rows))


# --------------------------------------------------------------------------- HTML

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "euc-cn"}
_SPACE_RUN = re.compile(r"[ \t\r\n\f\u00a0]+")


def _decoded(data: bytes) -> str:
    """An HTML page's text: by its BOM, else the charset its head declares, else UTF-8, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "gb18030" if name in _GB else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", "replace")


def _span(value: str | None) -> int:
    """A colspan / rowspan as a count of cells: 1 when absent or unreadable (as browsers do), never less."""
    try:
        return max(1, int(float((value or "1").strip() or "1")))
    except ValueError:
        return 1


class _Open:
    """A table being parsed: its rows so far, the row and the cell open in it."""

    def __init__(self, rows: list[list[tuple[str, int, int]]]):
        self.rows = rows
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.spans = (1, 1)

    def close_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            lines = (_SPACE_RUN.sub(" ", line).strip() for line in "".join(self.cell).split("\n"))
            self.row.append(("\n".join(line for line in lines if line), *self.spans))
        self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        if self.row is not None:
            self.rows.append(self.row)
        self.row = None


class _Tables(HTMLParser):
    """Every table of a page, in the order they begin, as rows of (text, colspan, rowspan). A table inside
    another's cell (an old system's layout table around its data) is a table of its own, not that cell's
    text; script and style text is none."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self.open: list[_Open] = []
        self.skip = 0

    def close(self) -> None:
        super().close()
        while self.open:  # a page cut off inside its tables keeps what it had
            self.open.pop().close_row()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.tables.append([])
            self.open.append(_Open(self.tables[-1]))
        elif not self.open:
            return
        elif tag == "br":
            if self.open[-1].cell is not None:
                self.open[-1].cell.append("\n")
        elif tag == "tr":
            self.open[-1].close_row()
            self.open[-1].row = []
        elif tag in ("td", "th"):
            table = self.open[-1]
            table.close_cell()
            if table.row is None:
                table.row = []
            named = dict(attrs)
            table.cell, table.spans = [], (_span(named.get("colspan")), _span(named.get("rowspan")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self.open and self.open[-1].cell is not None:
            self.open[-1].cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif not self.open:
            return
        elif tag == "table":
            self.open.pop().close_row()
        elif tag in ("td", "th"):
            self.open[-1].close_cell()
        elif tag == "tr":
            self.open[-1].close_row()
        elif tag in ("p", "div", "li") and self.open[-1].cell is not None:
            self.open[-1].cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].cell is not None and not self.skip:
            self.open[-1].cell.append(data)


def _html_sheets(data: bytes, stem: str, limits: Limits) -> list[Sheet]:
    parser = _Tables()
    parser.feed(_decoded(data))
    parser.close()
    tables = [t for t in parser.tables if any(text for row in t for text, _, _ in row)]
    if not tables:
        raise FileProblem("empty", "这是 HTML 网页，其中没有表格")
    sheets, cells_left = [], limits.max_workbook_cells
    for number, table in enumerate(tables, 1):
        grid = _Grid(stem if len(tables) == 1 else f"表{number}", limits, cells_left)
        covered: dict[int, int] = {}  # column -> rows of this and the next rows a rowspan above covers
        for r, cells in enumerate(table):
            c = 0
            for text, across, down in cells:
                while covered.get(c, 0) > 0:
                    c += 1
                grid.put(r, c, text, across - 1, down - 1)
                if down > 1:
                    for k in range(c, c + across):
                        covered[k] = max(covered.get(k, 0), down)
                c += across
            covered = {k: left - 1 for k, left in covered.items() if left > 1}
            if len(grid.rows) <= r:  # a row without cells of its own (all covered from above, or empty)
                grid.put(r, 0, "")
        sheet = grid.sheet()
        cells_left -= sheet.height * grid.width
        sheets.append(sheet)
    return sheets


# --------------------------------------------------------------------------- Excel 2003 XML

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_X = "{urn:schemas-microsoft-com:office:excel}"


def _index(elem: ET.Element, default: int) -> int:
    """A Row's or Cell's ``ss:Index`` (1-based) as 0-based, else ``default``."""
    value = elem.get(f"{_SS}Index")
    try:
        return int(value) - 1 if value is not None else default
    except ValueError:
        raise FileProblem("corrupt", f"表格内部的 XML 格式错误（序号「{value[:20]}」不是数字）") from None


def _count(elem: ET.Element, name: str) -> int:
    value = elem.get(f"{_SS}{name}")
    try:
        return max(0, int(value)) if value else 0  # a negative or unreadable span is no merge
    except ValueError:
        return 0


def _value(data: ET.Element | None) -> object:
    """A cell's value as its ``ss:Type`` stores it (as calamine gives a workbook's): a number as float, a
    date at midnight as date, other times as datetime, a Boolean as bool, an error as ''."""
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(f"{_SS}Type", "String")
    try:
        if kind == "Number":
            return float(text)
        if kind == "DateTime":
            moment = dt.datetime.fromisoformat(text.strip()[:19])
            return moment.date() if moment.time() == dt.time() else moment
        if kind == "Boolean":
            return text.strip() in ("1", "true", "TRUE")
    except ValueError:
        return text
    return "" if kind == "Error" else text


def _xml_sheets(data: bytes, limits: Limits) -> list[Sheet]:
    sheets: list[Sheet] = []
    cells_left = limits.max_workbook_cells
    grid: _Grid | None = None
    r = c = -1
    hidden = False
    try:
        for event, elem in ET.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == f"{_SS}Worksheet":
                    grid, r, hidden = _Grid(elem.get(f"{_SS}Name") or f"Sheet{len(sheets) + 1}", limits, cells_left), -1, False
                elif tag == f"{_SS}Row" and grid is not None:
                    r, c = _index(elem, r + 1), -1
                    if elem.get(f"{_SS}Hidden") == "1":
                        grid.hidden_rows.add(r + 1)
                continue
            if tag == f"{_SS}Cell" and grid is not None and r >= 0:
                c = _index(elem, c + 1)
                across, down = _count(elem, "MergeAcross"), _count(elem, "MergeDown")
                grid.put(r, c, _value(elem.find(f"{_SS}Data")), across, down)
                c += across
                elem.clear()
            elif tag == f"{_SS}Row":
                elem.clear()
            elif tag == f"{_X}Visible" and (elem.text or "").strip() in ("SheetHidden", "SheetVeryHidden"):
                hidden = True
            elif tag == f"{_SS}Worksheet" and grid is not None:
                sheet = grid.sheet(hidden)
                cells_left -= sheet.height * grid.width
                sheets.append(sheet)
                grid = None
                elem.clear()
    except ET.ParseError as exc:
        raise FileProblem("corrupt", f"表格内部的 XML 格式错误（{' '.join(str(exc).split())[:80]}）") from None
    if not sheets:
        raise FileProblem("empty", "这是 Excel 2003 XML 表格，其中没有工作表")
    return sheets


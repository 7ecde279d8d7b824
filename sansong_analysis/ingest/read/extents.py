"""How far each sheet's cells really reach, found before calamine allocates them.

calamine allocates a sheet as the rectangle from its first to its last
non-empty cell, and we take the grid from A1: a sheet with two cells, in A1
and XFD1048576, asks for 17 billion cells; an .ods row that repeats an empty
cell sixteen thousand times before one value asks for them one by one; an
.xls cell record may claim column 65000. Declared sizes (``<dimension>``,
BrtWsDim, DIMENSIONS) are ignored because files lie about them: the extent
is read from the cell records themselves, streaming, and no more than
``Limits.max_unzipped_bytes`` of a file is ever inflated.

``sheet_extents`` returns the extent per sheet name; ``read.workbook``
refuses a sheet whose grid would exceed ``Limits.max_sheet_cells``. A file
this module cannot make sense of returns None: calamine then reads it and
reports what is wrong, and the grid size is checked again before any
Python objects are built.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sansong_analysis.ingest.read.cfb import CfbError, CompoundFile
from sansong_analysis.ingest.read.grid import FileProblem, Limits

_CHUNK = 1 << 20
_MAX_CARRY = 8 << 20  # a single XML tag longer than this is dropped from the scan, not buffered forever


@dataclass
class Extent:
    """A sheet's grid from A1 to its last non-empty cell, and what calamine materialises on the way."""

    sheet: str
    rows: int = 0
    cols: int = 0
    materialised: int = 0  # .ods: cells calamine builds one by one before trimming the rectangle

    @property
    def cells(self) -> int:
        return max(self.rows * self.cols, self.materialised)


def sheet_extents(path: Path, fmt: str, limits: Limits) -> dict[str, Extent] | None:
    """Extent of every worksheet of ``path`` by sheet name (part name when the name is unknown).

    Raises FileProblem(too_large) when the file inflates beyond the limit and
    FileProblem(corrupt) for a broken zip container.
    """
    scanner = _SCANNERS.get(fmt)
    if scanner is None:
        return None
    try:
        return scanner(path, Budget(limits))
    except FileProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise FileProblem("corrupt", f"压缩结构损坏（{_zip_reason(exc)}），可能下载不完整") from None
    except (OSError, ValueError, IndexError, KeyError, struct.error, CfbError, RuntimeError):
        return None  # not ours to judge: calamine reads it and says what is wrong


def _zip_reason(exc: Exception) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验和不符"
    if "compression" in text.lower():
        return "不支持的压缩方式"
    return "无法解压"


class Budget:
    """Bytes inflated from one file so far, against ``Limits.max_unzipped_bytes``."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.spent = 0

    def spend(self, n: int, part: str) -> None:
        self.spent += n
        if self.spent > self.limits.max_unzipped_bytes:
            raise FileProblem(
                "too_large",
                f"文件过大：解压后超过 {self.limits.max_unzipped_bytes // 2**20} MB（在 {part} 处），"
                "可能是“压缩炸弹”，为免耗尽内存拒绝读取",
            )


# --------------------------------------------------------------------------- zip containers


def normalised_name(name: str) -> str:
    """A zip member name as a lower-case POSIX path: some writers use backslashes or a leading slash."""
    return name.replace("\\", "/").lstrip("/").lower()


def _members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    return {normalised_name(info.filename): info for info in zf.infolist()}


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, budget: Budget, cap: int = 16 << 20) -> bytes:
    """A small part (rels, workbook XML) read whole, within the budget and at most ``cap`` bytes."""
    if info is None:
        return b""
    parts, total = [], 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            budget.spend(len(chunk), info.filename)
            total += len(chunk)
            if total > cap:
                break
            parts.append(chunk)
    return b"".join(parts)


def _xml_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget):
    """A part's XML in pieces that never split a tag."""
    carry = b""
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            budget.spend(len(chunk), info.filename)
            data = carry + chunk if carry else chunk
            cut = data.rfind(b"<")
            if cut == -1 or data.find(b">", cut) != -1:
                carry = b""
                yield data
                continue
            carry = data[cut:]
            if len(carry) > _MAX_CARRY:
                carry = b""
            yield data[:cut]
    if carry:
        yield carry


_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _attrs(tag: bytes) -> dict[str, str]:
    return {
        m.group(1).decode("utf-8", "replace"): html.unescape((m.group(2) if m.group(2) is not None else m.group(3)).decode("utf-8", "replace"))
        for m in _ATTR.finditer(tag)
    }


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _relationships(zf, members, rels_name: str, base_dir: str, budget) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target member name) of one .rels part."""
    data = _read_small(zf, members.get(rels_name), budget)
    out = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", data):
        a = _attrs(tag)
        target, rid = a.get("Target", ""), a.get("Id", "")
        if not target or not rid or a.get("TargetMode", "").lower() == "external":
            continue
        target = target.replace("\\", "/")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
        out[rid] = (a.get("Type", ""), normalised_name(posixpath.normpath(path)))
    return out


def office_document(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], budget: Budget) -> str | None:
    """The member name of the package's main part (``xl/workbook.xml`` in most files)."""
    for typ, target in _relationships(zf, members, "_rels/.rels", "", budget).values():
        if typ.endswith("/officeDocument") and target in members:
            return target
    for guess in ("xl/workbook.xml", "xl/workbook.bin", "workbook.xml"):
        if guess in members:
            return guess
    return None


def _rels_of(part: str) -> tuple[str, str]:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels"), folder


# ---- .xlsx / .xlsm

_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b[^>]*>")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_TAG_WITH_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']")
# A cell's reference and the rest of its tag: one ending in "/" holds no value (<c r="B2" s="1"/>).
_CELL_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']\$?([A-Za-z]{1,7})\$?([0-9]{1,10})[\"']([^>]*)>")
# The common spelling (Excel, WPS, LibreOffice, openpyxl): unprefixed tags, r first.
_EMPTY_CELL = re.compile(rb"<c [^>]*/>")
_FILLED_ROW = re.compile(rb'<row r="([0-9]{1,10})"[^>]*>\s*<c[ >]')
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet[\s>]")
# Everything else, walked tag by tag.
_TOKEN = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row(?=[\s/>])")
_PREFIXED_CELL_CLOSE = re.compile(rb"</[\w.-]+:c>")
_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]{0,7})\$?([0-9]{0,10})[\"']")


def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        n = n * 26 + (ord(ch) - 64)
    return n


def _xlsx(path: Path, budget: Budget) -> dict[str, Extent]:
    with zipfile.ZipFile(path) as zf:
        members = _members(zf)
        workbook = office_document(zf, members, budget) or "xl/workbook.xml"
        rels_name, folder = _rels_of(workbook)
        rels = _relationships(zf, members, rels_name, folder, budget)
        names: dict[str, str] = {}
        for tag in _SHEET_TAG.findall(_read_small(zf, members.get(workbook), budget)):
            a = _attrs(tag)
            rid = next((v for k, v in a.items() if _local(k) == "id" and k != "sheetId"), None)
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
            extent = _xlsx_sheet(zf, info, budget, names.get(part, part))
            extents[extent.sheet] = extent
        return extents


def _xlsx_sheet(zf, info, budget, sheet: str) -> Extent:
    """The extent of the cells that hold a value, with C-speed scans for the common spelling.

    Excel, WPS, LibreOffice and openpyxl write unprefixed tags with the
    reference first (``<c r="B2" …>``). Formatted empty cells (``<c r="XFD9"
    s="1"/>``) and empty rows are dropped first: Excel writes them far beyond
    the data. Any other spelling goes through the general scan.
    """
    rows, wide, narrow = 0, set(), 0
    for i, data in enumerate(_xml_chunks(zf, info, budget)):
        if i == 0 and _PREFIXED_ROOT.search(data[:4096]):
            return _xlsx_sheet_exact(zf, info, budget, sheet)
        if (
            data.count(b"<c ") != data.count(b'<c r="') or b"<c>" in data or b"<c/>" in data
            or data.count(b"<row ") + data.count(b"<row>") != data.count(b'<row r="')
        ):
            return _xlsx_sheet_exact(zf, info, budget, sheet)
        if b"/>" in data:
            data = _EMPTY_CELL.sub(b"", data)
        for row in _FILLED_ROW.findall(data):
            rows = max(rows, int(row))
        wide.update(_WIDE_CELL.findall(data))
        if not wide:
            for n in range(26, narrow, -1):  # the widest single-letter column, probed from Z down
                if b'<c r="%c' % (64 + n) in data:
                    narrow = n
                    break
    cols = max((column_number(c) for c in wide), default=narrow)
    return Extent(sheet, rows, cols if rows else 0)


def _xlsx_sheet_exact(zf, info, budget, sheet: str) -> Extent:
    """Every cell that holds a value, by its reference; by position when references are missing."""
    extent = Extent(sheet)
    for data in _xml_chunks(zf, info, budget):
        if len(_CELL_TAG.findall(data)) != len(_CELL_TAG_WITH_REF.findall(data)):
            return _xlsx_sheet_by_position(zf, info, budget, sheet)
        refs = [(c, r) for c, r, tail in _CELL_REF.findall(data) if not tail.endswith(b"/")]
        if refs:
            extent.rows = max(extent.rows, max(int(r) for _, r in refs))
            extent.cols = max(extent.cols, max(column_number(c) for c in {c.upper() for c, _ in refs}))
    return extent


def _xlsx_sheet_by_position(zf, info, budget, sheet: str) -> Extent:
    """Slow path for writers that omit references: rows and cells counted as calamine counts them.

    A row whose cells carry no references is measured with C-speed counts;
    only rows that mix both are walked cell by cell.
    """
    extent = Extent(sheet)
    row = col = 0
    for data in _xml_chunks(zf, info, budget):
        pieces = _ROW_START.split(data) if b":row" in data else data.split(b"<row")
        for i, piece in enumerate(pieces):
            body = piece
            if i:  # a new row: its attributes run up to the first ">"
                attrs, _, body = piece.partition(b">")
                ref = _REF.search(attrs)
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
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
                row = max(int(ref.group(2)), 1)
        else:
            col += 1
        if not empty:
            extent.rows = max(extent.rows, max(row, 1))
            extent.cols = max(extent.cols, col)
    return row, col


# ---- .ods

_ODS_TOKEN = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_ODS_VALUE = re.compile(
    rb"office:(?:value|string-value|date-value|time-value|boolean-value)\s*=|office:value-type\s*=\s*[\"']string|table:formula\s*="
)
_ODS_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*[\"']\s*([0-9]{1,12})")
_ODS_COLS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"']\s*([0-9]{1,12})")


def _repeat(rx: re.Pattern[bytes], attrs: bytes) -> int:
    m = rx.search(attrs)
    return max(int(m.group(1)), 1) if m else 1


def _ods(path: Path, budget: Budget) -> dict[str, Extent]:
    """Mirror calamine's .ods reader: empty cells before a value are built one by one, trailing ones are not."""
    with zipfile.ZipFile(path) as zf:
        info = _members(zf).get("content.xml")
        if info is None:
            return {}
        extents: dict[str, Extent] = {}
        extent: Extent | None = None
        row = 0  # rows so far in the current table
        row_repeat = 1
        pushed = pending = last_col = 0
        for data in _xml_chunks(zf, info, budget):
            for m in _ODS_TOKEN.finditer(data):
                closing, name, attrs, empty = m.groups()
                if name == b"table":
                    if not closing:
                        a = _attrs(attrs)
                        extent = Extent(a.get("table:name", f"Sheet{len(extents) + 1}"))
                        extents.setdefault(extent.sheet, extent)
                        row = 0
                    continue
                if extent is None:
                    continue
                if name == b"table-row":
                    if closing:
                        if last_col:
                            extent.rows = row + row_repeat
                            extent.cols = max(extent.cols, last_col)
                        row += row_repeat
                        continue
                    row_repeat = _repeat(_ODS_ROWS_REPEATED, attrs)
                    pushed = pending = last_col = 0
                    if empty:  # <table:table-row/>: a row with no cells
                        row += row_repeat
                    continue
                if closing:
                    continue
                repeat = _repeat(_ODS_COLS_REPEATED, attrs)
                pushed += pending
                extent.materialised += pending
                pending = 0
                if _ODS_VALUE.search(attrs):
                    pushed += repeat
                    extent.materialised += repeat
                    last_col = pushed
                else:
                    pending = repeat
        return extents


# ---- .xlsb

_XLSB_CELLS = frozenset(range(0x02, 0x0B))  # BrtCellRk … BrtFmlaBool: the records calamine turns into values
_BRT_ROW_HDR, _BRT_END_SHEET_DATA, _BRT_BUNDLE_SH, _BRT_END_BUNDLE_SHS = 0x0000, 0x0092, 0x009C, 0x0090


class _Records:
    """BIFF12 records (MS-XLSB 2.1.4) streamed from a zip member."""

    def __init__(self, fh, budget: Budget, part: str):
        self.fh, self.budget, self.part = fh, budget, part
        self.buf = b""
        self.pos = 0

    def _fill(self, n: int) -> bool:
        while len(self.buf) - self.pos < n:
            chunk = self.fh.read(max(_CHUNK, n))
            if not chunk:
                return False
            self.budget.spend(len(chunk), self.part)
            self.buf = self.buf[self.pos :] + chunk
            self.pos = 0
        return True

    def _byte(self) -> int | None:
        if not self._fill(1):
            return None
        b = self.buf[self.pos]
        self.pos += 1
        return b

    def __iter__(self):
        while True:
            b = self._byte()
            if b is None:
                return
            typ = b & 0x7F
            if b & 0x80:
                b2 = self._byte()
                if b2 is None:
                    return
                typ |= (b2 & 0x7F) << 7
            size = 0
            for i in range(4):
                b = self._byte()
                if b is None:
                    return
                size |= (b & 0x7F) << (7 * i)
                if not b & 0x80:
                    break
            head = min(size, 4096)
            if not self._fill(head):
                return
            payload = self.buf[self.pos : self.pos + head]
            self.pos += head
            rest = size - head
            while rest:
                if not self._fill(1):
                    return
                step = min(rest, len(self.buf) - self.pos)
                self.pos += step
                rest -= step
            yield typ, payload


def _xlsb(path: Path, budget: Budget) -> dict[str, Extent]:
    with zipfile.ZipFile(path) as zf:
        members = _members(zf)
        names: dict[str, str] = {}
        workbook = members.get("xl/workbook.bin")
        if workbook is not None:
            rels = _relationships(zf, members, "xl/_rels/workbook.bin.rels", "xl", budget)
            with zf.open(workbook) as fh:
                for typ, payload in _Records(fh, budget, workbook.filename):
                    if typ == _BRT_END_BUNDLE_SHS:
                        break
                    if typ != _BRT_BUNDLE_SH or len(payload) < 12:
                        continue
                    (rel_len,) = struct.unpack_from("<I", payload, 8)
                    if rel_len == 0xFFFFFFFF:
                        continue
                    rid = payload[12 : 12 + 2 * rel_len].decode("utf-16-le", "replace")
                    off = 12 + 2 * rel_len
                    (name_len,) = struct.unpack_from("<I", payload, off)
                    name = payload[off + 4 : off + 4 + 2 * name_len].decode("utf-16-le", "replace")
                    if rid in rels:
                        names.setdefault(rels[rid][1], name)
        parts = set(names) | {n for n in members if n.endswith(".bin") and "/worksheets/" in f"/{n}"}
        extents = {}
        for part in sorted(parts):
            info = members.get(part)
            if info is None:
                continue
            extent = Extent(names.get(part, part))
            row = 0
            with zf.open(info) as fh:
                for typ, payload in _Records(fh, budget, info.filename):
                    if typ == _BRT_ROW_HDR and len(payload) >= 4:
                        (row,) = struct.unpack_from("<I", payload)
                        if row > 0x100000:
                            break  # calamine stops at an invalid row too
                    elif typ in _XLSB_CELLS and len(payload) >= 4:
                        (col,) = struct.unpack_from("<I", payload)
                        extent.rows = max(extent.rows, row + 1)
                        extent.cols = max(extent.cols, col + 1)
                    elif typ == _BRT_END_SHEET_DATA:
                        break
            extents[extent.sheet] = extent
        return extents


# --------------------------------------------------------------------------- .xls (BIFF5/BIFF8 in a compound file)

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _CONTINUE = 0x0809, 0x000A, 0x002F, 0x0085, 0x003C
# NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA: one cell each; MULRK: a run in one row.
_XLS_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006})
_MULRK = 0x00BD


def _xls(path: Path, budget: Budget) -> dict[str, Extent] | None:
    data = path.read_bytes()
    stream = CompoundFile(data).stream("Workbook", "Book")
    if not stream:
        return None
    budget.spend(len(stream), "Workbook")
    sheets: list[tuple[int, str]] = []
    biff8 = True
    for offset, typ, payload in _biff_records(stream, 0):
        if typ == _BOF and offset == 0 and len(payload) >= 2:
            biff8 = struct.unpack_from("<H", payload)[0] == 0x0600
        elif typ == _FILEPASS:
            return None  # encrypted: the cells are noise; calamine reports the password
        elif typ == _BOUNDSHEET and len(payload) >= 7:
            (pos,) = struct.unpack_from("<I", payload)
            if payload[5] == 0:  # a worksheet (not a chart, macro or VBA sheet)
                sheets.append((pos, _boundsheet_name(payload, biff8)))
        elif typ == _EOF:
            break
    extents = {}
    for pos, name in sheets:
        extent = Extent(name)
        for i, (_, typ, payload) in enumerate(_biff_records(stream, pos)):
            if i == 0 and typ not in (_BOF, 0x0409, 0x0209, 0x0009):
                break
            if typ in _XLS_CELLS and len(payload) >= 4:
                row, col = struct.unpack_from("<HH", payload)
                extent.rows, extent.cols = max(extent.rows, row + 1), max(extent.cols, col + 1)
            elif typ == _MULRK and len(payload) >= 6:
                row, _ = struct.unpack_from("<HH", payload)
                (last,) = struct.unpack_from("<H", payload, len(payload) - 2)
                extent.rows, extent.cols = max(extent.rows, row + 1), max(extent.cols, last + 1)
            elif typ == _EOF:
                break
        extents.setdefault(name, extent)
    return extents


def _biff_records(stream: bytes, pos: int):
    end = len(stream)
    while pos + 4 <= end:
        typ, size = struct.unpack_from("<HH", stream, pos)
        yield pos, typ, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _boundsheet_name(payload: bytes, biff8: bool) -> str:
    cch = payload[6]
    if biff8 and len(payload) >= 8:
        if payload[7] & 1:
            return payload[8 : 8 + 2 * cch].decode("utf-16-le", "replace")
        return payload[8 : 8 + cch].decode("latin-1")
    return payload[7 : 7 + cch].decode("gbk", "replace")


_SCANNERS = {"xlsx": _xlsx, "xlsb": _xlsb, "ods": _ods, "xls": _xls}

"""Extents of .xls sheets (BIFF5/BIFF8 in a compound file), from their cell records."""

from __future__ import annotations

import struct
from pathlib import Path

from sansong_analysis.ingest.read.extents.extent import Budget, Extent
from sansong_analysis.ingest.read.ole import first_stream

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _CONTINUE = 0x0809, 0x000A, 0x002F, 0x0085, 0x003C
# NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA: one cell each; MULRK: a run in one row.
_XLS_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006})
_MULRK = 0x00BD
# ROW: a row's height and options; bit 0x20 of its options (fDyZero) is a row hidden in Excel.
_ROW, _ROW_HIDDEN = 0x0208, 0x20


def xls_extents(path: Path, budget: Budget) -> dict[str, Extent] | None:
    stream = first_stream(path, "Workbook", "Book")
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
        extents.setdefault(name, _sheet_extent(stream, pos, name))
    return extents


def _sheet_extent(stream: bytes, pos: int, name: str) -> Extent:
    """One sheet's cell records, from its BOF to its EOF: the records walked in place (a sheet
    holds one record per cell, so no payload is copied but the few bytes a cell's position needs)."""
    extent = Extent(name)
    rows = cols = 0
    end = len(stream)
    unpack = struct.unpack_from
    first = True
    while pos + 4 <= end:
        typ, size = unpack("<HH", stream, pos)
        start, pos = pos + 4, pos + 4 + size
        length = min(size, end - start)  # the last record may be cut short by the stream's end
        if first:
            first = False
            if typ not in (_BOF, 0x0409, 0x0209, 0x0009):
                break
        if typ in _XLS_CELLS and length >= 4:
            row, col = unpack("<HH", stream, start)
            if row >= rows:
                rows = row + 1
            if col >= cols:
                cols = col + 1
        elif typ == _MULRK and length >= 6:
            (row,) = unpack("<H", stream, start)
            (last,) = unpack("<H", stream, start + length - 2)
            if row >= rows:
                rows = row + 1
            if last >= cols:
                cols = last + 1
        elif typ == _ROW and length >= 14:
            if unpack("<H", stream, start + 12)[0] & _ROW_HIDDEN:
                extent.hidden_rows.add(unpack("<H", stream, start)[0] + 1)
        elif typ == _EOF:
            break
    extent.rows, extent.cols = rows, cols
    return extent


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

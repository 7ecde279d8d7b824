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

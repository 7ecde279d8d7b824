"""Extents of .xlsb sheets, from their BIFF12 cell records."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from sansong_analysis.ingest.read.extents.container import relationships, zip_members
from sansong_analysis.ingest.read.extents.extent import CHUNK, Budget, Extent

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
            chunk = self.fh.read(max(CHUNK, n))
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


def xlsb_extents(path: Path, budget: Budget) -> dict[str, Extent]:
    with zipfile.ZipFile(path) as zf:
        members = zip_members(zf)
        names: dict[str, str] = {}
        workbook = members.get("xl/workbook.bin")
        if workbook is not None:
            rels = relationships(zf, members, "xl/_rels/workbook.bin.rels", "xl", budget)
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

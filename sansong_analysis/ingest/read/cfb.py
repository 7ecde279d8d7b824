"""Just enough of the OLE compound file format (MS-CFB) to pull one stream out of an .xls.

``extents`` needs the raw ``Workbook`` stream to see where a sheet's cells
really lie before calamine allocates them. Everything is bounds-checked: a
truncated or malicious file raises :class:`CfbError`, never loops or reads
past the end.
"""

from __future__ import annotations

import struct
import sys
from array import array

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_SECT = 0xFFFFFFFA  # above this: FREESECT, ENDOFCHAIN, FATSECT, DIFSECT
_MAX_DIR_SECTORS = 1024
_STREAM = 2
_ROOT = 5


class CfbError(ValueError):
    """Not a readable compound file."""


def _u32_array(data: bytes) -> array:
    words = array("I")
    if words.itemsize != 4:  # pragma: no cover - every platform we run on has 4-byte unsigned int
        raise CfbError("unsupported platform")
    words.frombytes(data[: len(data) // 4 * 4])
    if sys.byteorder == "big":  # pragma: no cover
        words.byteswap()
    return words


class CompoundFile:
    """The directory and streams of a compound file held in memory."""

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise CfbError("not a compound file")
        self.data = data
        (sector_shift, mini_shift) = struct.unpack_from("<HH", data, 30)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise CfbError("bad sector size")
        self.sector_size = 1 << sector_shift
        # Sector i starts at (i + 1) * sector size: the header fills sector "-1". A last,
        # partial sector (a truncated file) still counts; reading past the data gives less.
        self.n_sectors = max(0, -(-(len(data) - self.sector_size) // self.sector_size))
        (n_fat, first_dir, _, self.mini_cutoff, first_minifat, n_minifat, first_difat, n_difat) = struct.unpack_from(
            "<IIIIIIII", data, 44
        )
        difat = list(_u32_array(data[76:512]))
        sect, hops = first_difat, 0
        while sect <= _MAX_SECT and hops < n_difat:
            words = _u32_array(self._sector(sect))
            difat.extend(words[:-1])
            sect = words[-1]
            hops += 1
            if hops > self.n_sectors:
                raise CfbError("DIFAT loops")
        fat_sectors = [s for s in difat[:n_fat] if s <= _MAX_SECT]
        self.fat = _u32_array(b"".join(self._sector(s) for s in fat_sectors))
        self.entries = self._directory(first_dir)
        self.minifat = (
            _u32_array(self._chain_bytes(first_minifat, self.fat)) if n_minifat and first_minifat <= _MAX_SECT else array("I")
        )
        root = self.entries[0] if self.entries and self.entries[0][1] == _ROOT else None
        self.mini_stream = self._chain_bytes(root[2], self.fat)[: root[3]] if root else b""

    def _sector(self, index: int) -> bytes:
        if index >= self.n_sectors:
            raise CfbError("sector out of range")
        start = (index + 1) * self.sector_size
        return self.data[start : start + self.sector_size]

    def _chain(self, start: int, table: array) -> list[int]:
        chain: list[int] = []
        sect = start
        while sect <= _MAX_SECT:
            if sect >= len(table) or len(chain) > len(table):
                raise CfbError("broken sector chain")
            chain.append(sect)
            sect = table[sect]
        return chain

    def _chain_bytes(self, start: int, table: array) -> bytes:
        return b"".join(self._sector(s) for s in self._chain(start, table))

    def _directory(self, first_dir: int) -> list[tuple[str, int, int, int]]:
        # A workbook has a handful of entries; a directory of millions is an attack on our memory.
        raw = b"".join(self._sector(s) for s in self._chain(first_dir, self.fat)[:_MAX_DIR_SECTORS])
        entries = []
        for off in range(0, len(raw) - 127, 128):
            name_len = min(struct.unpack_from("<H", raw, off + 64)[0], 64)
            name = raw[off : off + max(name_len - 2, 0)].decode("utf-16-le", "replace")
            kind = raw[off + 66]
            start, size = struct.unpack_from("<II", raw, off + 116)
            entries.append((name, kind, start, size))
        return entries

    def stream(self, *names: str) -> bytes | None:
        """The first stream whose name matches one of ``names`` (case-insensitive), or None."""
        wanted = [n.lower() for n in names]
        found = {name.lower(): (start, size) for name, kind, start, size in self.entries if kind == _STREAM}
        for name in wanted:
            if name in found:
                start, size = found[name]
                if size < self.mini_cutoff:
                    return self._mini_stream(start, size)
                return self._chain_bytes(start, self.fat)[:size]
        return None

    def _mini_stream(self, start: int, size: int) -> bytes:
        parts = []
        for sect in self._chain(start, self.minifat):
            off = sect * 64
            if off + 64 > len(self.mini_stream):
                raise CfbError("mini sector out of range")
            parts.append(self.mini_stream[off : off + 64])
        return b"".join(parts)[:size]

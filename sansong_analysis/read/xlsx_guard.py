"""Refuse .xlsx sheets whose cells span an absurd rectangle, before calamine allocates it.

calamine allocates the rectangle from the first to the last cell it finds; a
two-cell sheet with cells in A1 and XFD1048576 asks for 17 billion cells.
The declared ``<dimension>`` is ignored (files lie about it); the real extent
is read from the cell references themselves with C-speed byte scans.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .grid import FileProblem, Limits

_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{2,3})\d+"')
_CELL_ROW = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="[A-Z]{1,3}(\d+)"')
_CHUNK = 1 << 20


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def check_xlsx_sheet_sizes(path: Path, limits: Limits) -> None:
    """Raise FileProblem(too_large) when a worksheet's extent or XML is out of bounds."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                data = _read_bounded(zf, info, limits)
                rows = _max_row(data)
                wide = [_column_number(m) for m in _WIDE_CELL.findall(data)]
                cols = max(wide) if wide else 26
                if rows * cols > limits.max_sheet_cells:
                    raise FileProblem(
                        "too_large",
                        f"工作表 {info.filename.rsplit('/', 1)[-1]} 的单元格跨越 {rows} 行 × {cols} 列，"
                        f"超过单表上限 {limits.max_sheet_cells} 个单元格",
                    )
    except FileProblem:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise FileProblem("corrupt", f"压缩结构损坏（{exc}），可能下载不完整") from None


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    parts: list[bytes] = []
    total = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            total += len(chunk)
            if total > limits.max_unzipped_bytes:
                raise FileProblem("too_large", f"工作表 {info.filename} 解压后超过 {limits.max_unzipped_bytes // 2**20} MB")
            parts.append(chunk)
    return b"".join(parts)


def _max_row(data: bytes) -> int:
    # Some writers omit <row r=…>; the cells' own references then carry the row.
    found = _ROW.findall(data) or _CELL_ROW.findall(data)
    return max((int(x) for x in found), default=1)

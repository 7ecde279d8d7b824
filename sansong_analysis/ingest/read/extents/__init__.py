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

import struct
import zipfile
import zlib
from pathlib import Path

from sansong_analysis.ingest.read.extents.extent import Budget, Extent
from sansong_analysis.ingest.read.extents.ods import ods_extents
from sansong_analysis.ingest.read.extents.xls import xls_extents
from sansong_analysis.ingest.read.extents.xlsb import xlsb_extents
from sansong_analysis.ingest.read.extents.xlsx import xlsx_extents
from sansong_analysis.ingest.read.grid import FileProblem, Limits

__all__ = ["Budget", "Extent", "sheet_extents"]


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, zlib.error) as exc:
        # zlib.error: a compressed part that does not inflate (a damaged byte inside it).
        raise FileProblem("corrupt", f"压缩结构损坏（{_zip_reason(exc)}），可能下载不完整") from None
    except (OSError, ValueError, IndexError, KeyError, struct.error, RuntimeError):  # OSError: olefile's too
        return None  # not ours to judge: calamine reads it and says what is wrong


def _zip_reason(exc: Exception) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验和不符"
    if "compression" in text.lower():
        return "不支持的压缩方式"
    return "无法解压"


_SCANNERS = {"xlsx": xlsx_extents, "xlsb": xlsb_extents, "ods": ods_extents, "xls": xls_extents}

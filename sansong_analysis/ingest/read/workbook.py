"""Workbooks through python-calamine: values and merged ranges, one grid per sheet."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import python_calamine as calamine

from sansong_analysis.ingest.read import isolated
from sansong_analysis.ingest.read.csvfile import read_csv_grid
from sansong_analysis.ingest.read.extents import Extent, sheet_extents
from sansong_analysis.ingest.read.grid import DEFAULT_LIMITS, FileProblem, Limits, Sheet, too_large_sheet
from sansong_analysis.ingest.read.sniff import sniff_format

# What calamine may raise. A Rust panic arrives as pyo3's PanicException, which
# derives from BaseException, so ``except Exception`` alone would let it through.
_CALAMINE_ERRORS = (Exception,) + tuple(
    cls for cls in (getattr(calamine, "PanicException", None),) if isinstance(cls, type)
)


def _is_calamine_error(exc: BaseException) -> bool:
    return isinstance(exc, _CALAMINE_ERRORS) or type(exc).__name__ == "PanicException"


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    """Every worksheet of ``path`` as a :class:`Sheet`, plus sheets that could not be read.

    Raises :class:`FileProblem` when the file as a whole cannot be read, and
    nothing else for any content. No sheet is allocated before its real
    extent is known to be within ``limits``; calamine itself runs in a helper
    process with a memory cap and a deadline (``Limits.isolate``, see
    ``isolated``), so a file that makes it allocate without bound, crash or
    spin costs that file only.
    """
    path = Path(path)
    try:
        fmt = sniff_format(path, limits)
        if fmt == "csv":
            return [read_csv_grid(path, limits)], []
        extents = sheet_extents(path, fmt, limits) or {}
        if fmt in _EAGER_FORMATS:
            _refuse_oversized_workbook(extents, limits)
        if limits.isolate and _CAN_ISOLATE and fmt in _ISOLATED_FORMATS:
            return isolated.run(_read_workbook_safely, (path, fmt, extents, limits), limits)
        return _read_workbook_safely(path, fmt, extents, limits)
    except FileProblem:
        raise
    except MemoryError:
        raise FileProblem("too_large", "文件过大：读取时内存不足") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a reader defect or a library error: one file, one line
        raise problem_from_error(exc, "") from None


_CAN_ISOLATE = os.name == "posix" and os.environ.get("SANSONG_READER_HELPER", "1") != "0"  # select() on pipes; 0: read in-process


def _read_workbook_safely(
    path: Path, fmt: str, extents: dict[str, Extent], limits: Limits
) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    try:
        return _read_workbook(path, fmt, extents, limits)
    except FileProblem:
        raise
    except MemoryError:
        raise FileProblem("too_large", "文件过大：读取时内存不足") from None
    except BaseException as exc:
        if not _is_calamine_error(exc):
            raise
        raise problem_from_error(exc, fmt) from None


# calamine builds every sheet of these when it opens the file, not when a sheet is asked for.
_EAGER_FORMATS = ("xls", "ods")
# Formats read in the memory-capped helper. Not .xlsx, the bulk of every raw folder: its sheets
# are loaded one at a time, each only after its real extent was measured from the cells
# themselves (``extents``), and damaged .xlsx files fail as zip or XML errors, which are caught.
# The binary formats are where fuzzing made calamine abort the process (an 8 GB request from a
# damaged .xls), so they keep the helper; for .xlsx it would only add the cost of shipping
# every grid between processes (a fifth of the read time).
_ISOLATED_FORMATS = ("xls", "ods", "xlsb")


def _refuse_oversized_workbook(extents: dict[str, Extent], limits: Limits) -> None:
    for extent in extents.values():
        if extent.cells > limits.max_sheet_cells:
            raise too_large_sheet(extent.sheet, extent.rows, extent.cols, limits)
    total = sum(extent.cells for extent in extents.values())
    if total > limits.max_workbook_cells:
        raise FileProblem(
            "too_large",
            f"表格过大：各工作表的单元格合计 {total:,} 个，超过单个工作簿的上限 {limits.max_workbook_cells:,} 个，"
            "为免耗尽内存拒绝读取",
        )


def _read_workbook(
    path: Path, fmt: str, extents: dict[str, Extent], limits: Limits
) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    workbook = calamine.CalamineWorkbook.from_path(str(path))
    try:
        metadata = list(workbook.sheets_metadata)
        names = {meta.name for meta in metadata}
        # A sheet we measured but cannot match to a name: refuse the file rather than guess.
        for extent in extents.values():
            if extent.sheet not in names and extent.cells > limits.max_sheet_cells:
                raise too_large_sheet(extent.sheet, extent.rows, extent.cols, limits)
        sheets: list[Sheet] = []
        problems: list[tuple[str, FileProblem]] = []
        cells_left = limits.max_workbook_cells
        for meta in metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue  # chart sheets, macro sheets: no cells
            extent = extents.get(meta.name)
            if extent is not None and extent.cells > limits.max_sheet_cells:
                problems.append((meta.name, too_large_sheet(meta.name, extent.rows, extent.cols, limits)))
                continue
            try:
                sheet = _read_sheet(workbook, meta, limits, cells_left)
            except FileProblem as problem:
                problems.append((meta.name, problem))
                continue
            except MemoryError:
                problems.append((meta.name, FileProblem("too_large", "表格过大：读取此工作表时内存不足")))
                continue
            except BaseException as exc:
                if not _is_calamine_error(exc):
                    raise
                problems.append((meta.name, problem_from_error(exc, fmt)))
                continue
            cells_left -= sum(len(r) for r in sheet.rows)
            sheets.append(sheet)
        return sheets, problems
    finally:
        with contextlib.suppress(BaseException):
            workbook.close()


def _read_sheet(workbook, meta, limits: Limits, cells_left: int) -> Sheet:
    sheet = workbook.get_sheet_by_name(meta.name)
    # The grid runs from A1 to the last cell (to_python keeps the empty area above and left).
    end = sheet.end
    rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
    if rows * cols > limits.max_sheet_cells:
        raise too_large_sheet(meta.name, rows, cols, limits)
    if rows * cols > cells_left:
        raise FileProblem(
            "too_large",
            f"表格过大：工作簿中各工作表的单元格合计超过上限 {limits.max_workbook_cells:,} 个，"
            f"工作表「{meta.name}」（{rows} 行 × {cols} 列）未读取",
        )
    grid = sheet.to_python(skip_empty_area=False)
    merged = _merged_ranges(sheet)
    del sheet
    _fill_merged(grid, merged)
    return Sheet(meta.name, grid, merged, hidden=meta.visible != calamine.SheetVisibleEnum.Visible)


def _merged_ranges(sheet) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        ranges = sheet.merged_cell_ranges
    except Exception:
        return []  # formats without merge information: fall back to values only
    return list(ranges or [])


def _fill_merged(rows: list[list[object]], merged) -> None:
    """Give every cell of a merged range the value of its top-left cell.

    A village name merged down its households then reads on every row; a
    group header merged across its sub-columns stands over each of them.
    Ranges are clipped to the grid, so a merge declared as A1:XFD1048576
    costs nothing.
    """
    height = len(rows)
    if not height:
        return
    width = max(len(r) for r in rows)
    for (r0, c0), (r1, c1) in merged:
        if r0 >= height or c0 >= width or r0 > r1 or c0 > c1:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if value == "" or value is None:
            continue
        for r in range(r0, min(r1, height - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value


# calamine's messages, in the words an analyst understands.
_MESSAGES = (
    (("password", "encrypt", "protected"), "password", "文件受密码保护，无法读取；请提供未加密的副本"),
    (("cell limit", "too large", "too many", "out of memory", "capacity overflow"), "too_large",
     "表格过大：声明的大小不合理，为免耗尽内存拒绝读取"),
    (("larger than its declared", "invalid checksum", "crc"), "corrupt",
     "压缩包中某个部件的实际大小或校验和与声明不符（文件损坏或被改动）"),
    (("failed to fill whole buffer", "unexpected eof", "end of file", "eof"), "corrupt",
     "文件在中途截断（可能下载或复制不完整）"),
    (("file not found", "not found in archive", "no such file"), "corrupt", "文件缺少必需的部件（文件损坏或不完整）"),
    (("invalid zip", "zip error", "zip archive"), "corrupt", "压缩结构损坏，可能下载不完整"),
    (("xml", "attribute", "utf-8", "encoding", "unescape"), "corrupt", "表格内部的 XML 格式错误"),
    (("cfb", "ole", "sector", "fat", "biff", "record", "invalid ptg", "bof"), "corrupt",
     "不是有效的 Excel 97-2003 文件，或文件已损坏"),
)

_FORMAT_NAMES = {"xls": "Excel 97-2003（.xls）", "xlsx": "Excel（.xlsx）", "xlsb": "Excel 二进制（.xlsb）", "ods": "OpenDocument（.ods）"}


def problem_from_error(exc: BaseException, fmt: str) -> FileProblem:
    """One Chinese line for whatever calamine raised."""
    text = " ".join(str(exc).split())
    lowered = f"{type(exc).__name__} {text}".lower()
    if type(exc).__name__ == "PasswordError":
        return FileProblem("password", _MESSAGES[0][2])
    for words, kind, message in _MESSAGES:
        if any(w in lowered for w in words):
            return FileProblem(kind, message)
    if type(exc).__name__ == "PanicException":
        return FileProblem("corrupt", f"{_FORMAT_NAMES.get(fmt, '文件')}结构异常，读取程序无法解析（文件损坏）")
    return FileProblem("corrupt", f"{_FORMAT_NAMES.get(fmt, '文件')}无法解析，文件可能已损坏")

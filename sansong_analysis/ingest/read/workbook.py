"""Workbooks through python-calamine: values and merged ranges, one grid per sheet."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import python_calamine as calamine

from sansong_analysis.ingest.read import isolated
from sansong_analysis.ingest.read.csvfile import read_csv_grid
from sansong_analysis.ingest.read.extents import Extent, sheet_extents
from sansong_analysis.ingest.read.formulas import evaluate_workbook
from sansong_analysis.ingest.read.grid import (
    DEFAULT_LIMITS,
    FileProblem,
    Limits,
    ProgramError,
    Sheet,
    problem_from_error,
    too_large_sheet,
)
from sansong_analysis.ingest.read.number_formats import show_units
from sansong_analysis.ingest.read.sniff import sniff_format
from sansong_analysis.ingest.read.styles import show_symbols, struck_rows


def is_calamine_error(exc: BaseException) -> bool:
    """Whether ``exc`` is one of the exceptions python-calamine (0.9.1) raises for a file it cannot read.

    Those are ``CalamineError`` and its subclasses (``PasswordError``, ``XmlError``, ``ZipError``,
    ``WorksheetNotFound`` …), ``OSError`` for the I/O errors of its readers (a truncated stream:
    "failed to fill whole buffer"), and pyo3's ``PanicException`` when the Rust code panics (it
    derives from BaseException and is not exported, hence the check by name). Only exceptions
    raised inside a calamine call are asked about: the same OSError from our own code is a defect.
    """
    return isinstance(exc, (calamine.CalamineError, OSError)) or (
        type(exc).__name__ == "PanicException" and type(exc).__module__ == "pyo3_runtime"
    )


def read_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, whole_in_helper: bool = False
) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    """Every worksheet of ``path`` as a :class:`Sheet`, plus sheets that could not be read.

    Raises :class:`FileProblem` when the file as a whole cannot be read, and
    nothing else for any content. No sheet is allocated before its real
    extent is known to be within ``limits``; calamine itself runs in a helper
    process with a memory cap and a deadline (``Limits.isolate``, see
    ``isolated``), so a file that makes it allocate without bound, crash or
    spin costs that file only.

    What calamine raises becomes the file's problem where calamine was called
    (``_calamine_call``); an exception from our own code is a defect of ours,
    raised as a :class:`ProgramError` that carries its traceback and names
    it as a program error, never as a damaged file.

    ``whole_in_helper``: the helper also sniffs the file, measures its sheets and reads
    ``.xlsx`` and CSV files, so that the caller only sends a path and receives grids (a one-process
    clean reads ahead this way while it cleans the file before: what the helper does, the cleaning
    thread does not wait for).
    """
    path = Path(path)
    try:
        if whole_in_helper and limits.isolate and _CAN_ISOLATE:
            return isolated.run(_read_sniffed, (path, limits), limits)
        fmt, extents = _measured(path, limits)
        if fmt == "csv":
            return [read_csv_grid(path, limits)], []
        if fmt in MARKUP_FORMATS:
            if limits.isolate and _CAN_ISOLATE:
                return isolated.run(_read_markup, (path, fmt, limits), limits)
            return _read_markup(path, fmt, limits)
        if limits.isolate and _CAN_ISOLATE and fmt in _ISOLATED_FORMATS:
            return isolated.run(_read_workbook, (path, fmt, extents, limits), limits)
        return _read_workbook(path, fmt, extents, limits)
    except FileProblem:
        raise
    except MemoryError:
        raise FileProblem("too_large", "文件过大：读取时内存不足") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a defect of ours (calamine's errors became FileProblems where raised)
        raise ProgramError.from_exception(exc) from None


def _measured(path: Path, limits: Limits) -> tuple[str, dict[str, Extent]]:
    """The file's format and, for a workbook, its sheets' extents; a workbook whose format builds
    every sheet on open is refused here when they are too large."""
    fmt = sniff_format(path, limits)
    if fmt == "csv" or fmt in MARKUP_FORMATS:
        return fmt, {}
    extents = sheet_extents(path, fmt, limits) or {}
    if fmt in _EAGER_FORMATS:
        _refuse_oversized_workbook(extents, limits)
    return fmt, extents


def _read_sniffed(path: Path, limits: Limits):
    """``read_file``'s work for a workbook, sniffing and measuring included, done where it is
    called (the helper), or of a CSV file."""
    fmt, extents = _measured(path, limits)
    if fmt in MARKUP_FORMATS:
        return _read_markup(path, fmt, limits)
    return ([read_csv_grid(path, limits)], []) if fmt == "csv" else _read_workbook(path, fmt, extents, limits)


# An HTML page or Excel 2003 XML named .xls (``markup``, imported only when one is met: its parsers cost every
# reader process 10 ms to import, and a raw folder rarely holds such a file).
MARKUP_FORMATS = ("html", "xmlss")


def _read_markup(path: Path, fmt: str, limits: Limits):
    from sansong_analysis.ingest.read.markup import read_markup

    return read_markup(path, fmt, limits)


_CAN_ISOLATE = os.name == "posix" and os.environ.get("SANSONG_READER_HELPER", "1") != "0"  # select() on pipes; 0: read in-process

# calamine builds every sheet of these when it opens the file, not when a sheet is asked for.
_EAGER_FORMATS = ("xls", "ods")
# Formats read in the memory-capped helper. Not .xlsx, the bulk of every raw folder: its sheets
# are loaded one at a time, each only after its real extent was measured from the cells
# themselves (``extents``), and damaged .xlsx files fail as zip or XML errors, which are caught.
# The binary formats are where fuzzing made calamine abort the process (an 8 GB request from a
# damaged .xls), so they keep the helper; for .xlsx it would only add the cost of shipping
# every grid between processes (a fifth of the read time).
_ISOLATED_FORMATS = ("xls", "ods", "xlsb")


@contextlib.contextmanager
def _calamine_call(fmt: str):
    """Around calls into calamine only: its own exceptions become the file's problem; anything else
    (MemoryError, a defect of ours) passes on unchanged."""
    try:
        yield
    except BaseException as exc:
        if isinstance(exc, FileProblem) or not is_calamine_error(exc):
            raise
        raise problem_from_error(exc, fmt) from None


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
    with _calamine_call(fmt):
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    try:
        with _calamine_call(fmt):
            metadata = list(workbook.sheets_metadata)
        names = {meta.name for meta in metadata}
        # A sheet we measured but cannot match to a name: refuse the file rather than guess.
        for extent in extents.values():
            if extent.sheet not in names and extent.cells > limits.max_sheet_cells:
                raise too_large_sheet(extent.sheet, extent.rows, extent.cols, limits)
        read: list[tuple[object, list[list[object]], list, Extent | None]] = []
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
                grid, merged = _sheet_cells(workbook, meta, fmt, limits, cells_left)
            except FileProblem as problem:
                # Kept without its traceback: the traceback holds this frame, and this frame the
                # list that holds the problem — a cycle that would keep the grids read so far
                # alive until Python's cycle collector came by (collector.py spaces it out).
                problems.append((meta.name, problem.with_traceback(None)))
                continue
            except MemoryError:
                problems.append((meta.name, FileProblem("too_large", "表格过大：读取此工作表时内存不足")))
                continue
            cells_left -= sum(len(r) for r in grid)
            read.append((meta, grid, merged, extent))
        _work_out_formulas(read, fmt)
        sheets: list[Sheet] = []
        for meta, grid, merged, extent in read:
            struck: frozenset[int] = frozenset()
            if extent is not None and extent.struck_cells:  # as stored, before merged cells are filled (styles)
                struck = struck_rows(grid, extent.struck_cells)
            if extent is not None and extent.cell_units:  # 5 shown as 5.00万元 (number_formats)
                show_units(grid, extent.cell_units)
            if extent is not None and extent.symbol_cells:  # R in Wingdings 2 shown as ☑ (styles)
                show_symbols(grid, extent.symbol_cells)
            _fill_merged(grid, merged)
            sheets.append(Sheet(meta.name, grid, merged, hidden=meta.visible != calamine.SheetVisibleEnum.Visible,
                                hidden_rows=frozenset(extent.hidden_rows) if extent is not None else frozenset(),
                                hidden_cols=frozenset(extent.hidden_cols) if extent is not None else frozenset(),
                                struck_rows=struck,
                                yearless_cells=frozenset(extent.yearless_cells) if extent is not None else frozenset()))
        return sheets, problems
    finally:
        with contextlib.suppress(BaseException):
            workbook.close()


def _work_out_formulas(read, fmt: str) -> None:
    """Formulas saved without their results (a workbook a program wrote), worked out into the grids before
    merged cells are filled, as Excel sees the cells (``formulas``). In an .xls an empty result may be Excel's
    own (``=IF(A1="","",…)``): one not worked out is left as read."""
    formulas = {meta.name: extent.formulas for meta, _, _, extent in read if extent is not None and extent.formulas}
    if not formulas:
        return
    recalc = any(extent.recalc for _, _, _, extent in read if extent is not None)
    if not recalc and all(f.cached is not None for cells in formulas.values() for f in cells.values()):
        return  # saved by Excel or WPS: every result is there
    evaluate_workbook({meta.name: grid for meta, grid, _, _ in read}, formulas, recalc, keep_unworked=fmt == "xls")


def _sheet_cells(workbook, meta, fmt: str, limits: Limits, cells_left: int):
    """A sheet's grid as calamine reads it, and its merged ranges; refused when too large."""
    with _calamine_call(fmt):
        sheet = workbook.get_sheet_by_name(meta.name)
        end = sheet.end
    # The grid runs from A1 to the last cell (to_python keeps the empty area above and left).
    rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
    if rows * cols > limits.max_sheet_cells:
        raise too_large_sheet(meta.name, rows, cols, limits)
    if rows * cols > cells_left:
        raise FileProblem(
            "too_large",
            f"表格过大：工作簿中各工作表的单元格合计超过上限 {limits.max_workbook_cells:,} 个，"
            f"工作表「{meta.name}」（{rows} 行 × {cols} 列）未读取",
        )
    with _calamine_call(fmt):
        grid = sheet.to_python(skip_empty_area=False)
    return grid, _merged_ranges(sheet)


def _merged_ranges(sheet) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        ranges = sheet.merged_cell_ranges
    except BaseException as exc:
        if not is_calamine_error(exc):
            raise
        return []  # merge information it cannot give: fall back to values only
    return list(ranges or [])  # None for formats without merge information (.ods, .xlsb)


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

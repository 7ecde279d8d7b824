"""Workbooks through python-calamine: values and merged ranges, one grid per sheet."""

from __future__ import annotations

import contextlib
from pathlib import Path

import python_calamine as calamine

from .csvfile import read_csv_grid
from .grid import DEFAULT_LIMITS, FileProblem, Limits, Sheet
from .sniff import sniff_format
from .xlsx_guard import check_xlsx_sheet_sizes


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Sheet], list[tuple[str, FileProblem]]]:
    """Every worksheet of ``path`` as a :class:`Sheet`, plus sheets that could not be read.

    Raises :class:`FileProblem` when the file as a whole cannot be read.
    """
    fmt = sniff_format(path, limits)
    if fmt == "csv":
        return [read_csv_grid(path)], []
    if fmt == "xlsx":
        check_xlsx_sheet_sizes(path, limits)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises many types; all mean the same to the analyst
        raise _problem(exc, fmt) from None
    sheets: list[Sheet] = []
    problems: list[tuple[str, FileProblem]] = []
    try:
        metadata = workbook.sheets_metadata
    except Exception as exc:
        raise _problem(exc, fmt) from None
    for meta in metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue  # chart sheets, macro sheets: no cells
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            if sheet.height * max(sheet.width, 1) > limits.max_sheet_cells:
                raise FileProblem(
                    "too_large", f"工作表声明了 {sheet.height} 行 × {sheet.width} 列，超过单表上限 {limits.max_sheet_cells} 个单元格"
                )
            rows = sheet.to_python(skip_empty_area=False)
            merged = _merged_ranges(sheet)
        except FileProblem as problem:
            problems.append((meta.name, problem))
            continue
        except Exception as exc:
            problems.append((meta.name, _problem(exc, fmt)))
            continue
        _fill_merged(rows, merged)
        sheets.append(
            Sheet(meta.name, rows, merged, hidden=meta.visible != calamine.SheetVisibleEnum.Visible)
        )
    with contextlib.suppress(Exception):
        workbook.close()
    return sheets, problems


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
    """
    height = len(rows)
    if not height:
        return
    width = max(len(r) for r in rows)
    for (r0, c0), (r1, c1) in merged:
        if r0 >= height or c0 >= width:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if value == "" or value is None:
            continue
        for r in range(r0, min(r1, height - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "" or row[c] is None:
                    row[c] = value


def _problem(exc: Exception, fmt: str) -> FileProblem:
    text = str(exc)
    name = type(exc).__name__
    lowered = text.lower()
    if name == "PasswordError" or "password" in lowered or "encrypt" in lowered:
        return FileProblem("password", "文件受密码保护，无法读取；请提供未加密的副本")
    if "cell limit" in lowered or "too large" in lowered or "memory" in lowered:
        return FileProblem("too_large", f"表格声明的大小不合理，拒绝读取（{text[:80]}）")
    if fmt == "xls" and ("cfb" in lowered or "ole" in lowered):
        return FileProblem("corrupt", "不是有效的 Excel 97-2003 文件（文件损坏或不完整）")
    return FileProblem("corrupt", f"无法解析（{name}: {text[:100]}）")

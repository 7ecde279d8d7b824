"""Excel and CSV exports for leaders, safe to open: no ledger text is ever run as a formula.

A village or purpose written ``=HYPERLINK(...)`` or ``+cmd|…`` in a ledger
is exported as text (formula injection, OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sansong_analysis import fsutil

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "−")
_LEADING_SPACE = " \u3000\xa0"

SUMMARY_SHEET = "各乡镇指标"
EXACT_SHEET = "精确数值"
HEADER_ROW = 2


def neutralise(value: object) -> object:
    """Text that a spreadsheet would read as a formula, prefixed with ``'`` so it stays text.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break (also
    their full-width forms, and after leading spaces) is a formula injection
    risk (OWASP "CSV injection"); numbers are left as numbers.

    >>> neutralise("=1+1")
    "'=1+1"
    >>> neutralise("黄坑乡")
    '黄坑乡'
    """
    if isinstance(value, str) and value.lstrip(_LEADING_SPACE).startswith(_FORMULA_START):
        return "'" + value
    return value


# Control characters XML 1.0 cannot hold; openpyxl refuses them, a stray one from a ledger must not stop the export.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_value(value: object) -> object:
    """A value as it may go into an xlsx cell: text without the control characters XML cannot hold,
    formulas neutralised (:func:`neutralise`); anything else as it is."""
    if isinstance(value, str):
        return neutralise(_ILLEGAL_XML.sub("", value))
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A CSV that Excel on Chinese Windows opens correctly (UTF-8 with BOM), formulas neutralised."""
    with fsutil.replacing(Path(path)) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([neutralise(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow(["" if pd.isna(v) else neutralise(v) for v in row])


def _write_table(ws, table: pd.DataFrame, title: str, number_formats: dict[str, str], notes: Sequence[str]) -> int:
    """A title, Chinese headers (frozen), the rows with their number formats, notes below; the last table row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ncols = len(table.columns)
    ws.cell(row=1, column=1, value=xlsx_value(title)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(ncols, 1))
    thin = Side(style="thin", color="999999")
    for c, name in enumerate(table.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=xlsx_value(str(name)))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for r, row in enumerate(table.itertuples(index=False), start=HEADER_ROW + 1):
        for c, (name, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()  # numpy scalar → Python
            cell = ws.cell(row=r, column=c, value=xlsx_value(value))
            if isinstance(value, str):
                cell.data_type = "s"
            if name in number_formats:
                cell.number_format = number_formats[name]
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    last_row = HEADER_ROW + len(table)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    for c, name in enumerate(table.columns, start=1):
        width = max([len(str(name)) * 2] + [len(str(v)) * 1.6 for v in table.iloc[:, c - 1].tolist()] + [8])
        ws.column_dimensions[get_column_letter(c)].width = min(width + 2, 40)
    ws.row_dimensions[HEADER_ROW].height = 32
    for i, note in enumerate(notes, start=last_row + 2):
        ws.cell(row=i, column=1, value=xlsx_value(note)).font = Font(size=9, color="666666")
    return last_row


def write_summary_xlsx(
    table: pd.DataFrame,
    path: Path,
    *,
    title: str,
    number_formats: dict[str, str],
    chart_column: str | None = None,
    chart_title: str | None = None,
    notes: Sequence[str] = (),
    exact: pd.DataFrame | None = None,
    exact_title: str = EXACT_SHEET,
) -> None:
    """A sheet 各乡镇指标: a title, Chinese headers (frozen), number formats, a native bar chart.

    ``table``'s columns are the Chinese headers; ``number_formats`` maps a
    header to an Excel format (``0``, ``0.0%``, ``General``). ``exact``, when
    given, is written as a second sheet (精确数值) with no number formats:
    the same figures unrounded, for whoever computes on from them.
    """
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    ncols = len(table.columns)
    header_row = HEADER_ROW
    last_row = _write_table(ws, table, title, number_formats, notes)
    if chart_column and chart_column in table.columns and len(table):
        col = list(table.columns).index(chart_column) + 1
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = chart_title or chart_column
        chart.y_axis.title = chart_column
        chart.y_axis.numFmt = number_formats.get(chart_column, "General")
        chart.legend = None
        data = Reference(ws, min_col=col, min_row=header_row, max_row=last_row)
        cats = Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.height = max(7.5, 0.6 * len(table) + 3)
        chart.width = 18
        ws.add_chart(chart, f"{get_column_letter(ncols + 2)}{header_row}")
    if exact is not None:
        _write_table(wb.create_sheet(EXACT_SHEET), exact, exact_title, {}, ())
    fsutil.atomic_write(Path(path), wb.save)

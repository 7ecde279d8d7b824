"""Write laid-out sheets to disk as .xlsx (openpyxl), .xls (xlwt) or .csv.

A ``FileSpec`` is a file as an office would send it: sheets of plain cell
values (``str``, ``int``, ``float``, ``datetime.date`` or ``None``), merged
ranges and hidden columns. The writers add nothing of their own, and they
write the same bytes for the same spec: the workbook's created/modified
stamps and the zip entries' times are fixed, so a demo county can be
compared file by file across runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from sansong_analysis import fsutil

# When the demo files claim to have been saved: the end of the ledger year.
FIXED_TIME = dt.datetime(2012, 1, 5, 9, 0, 0)


@dataclass
class SheetSpec:
    """One sheet: rows of cell values, 0-based inclusive merges (r1, c1, r2, c2), hidden columns."""

    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    date_format: str = "yyyy-mm-dd"
    header_rows: tuple[int, ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class FileSpec:
    """One raw file, ``path`` relative to the raw folder (POSIX separators)."""

    path: str
    kind: str
    sheets: list[SheetSpec]
    encoding: str = "utf-8"


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry ``FIXED_TIME``, so the same workbook gives the same bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet through a temporary file; take its bytes instead of its mtime.
        with open(filename, "rb") as handle:
            data = handle.read()
        return self.writestr(arcname or Path(filename).name, data)


def write_xlsx(spec: FileSpec, path: Path) -> None:
    """Write ``spec`` as an .xlsx workbook with real merged ranges, date cells and hidden columns."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "三送工作组"
    wb.properties.lastModifiedBy = "三送工作组"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for sheet in spec.sheets:
        ws = wb.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            ws.append(row)
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.date):
                    ws.cell(row=r, column=c).number_format = sheet.date_format
        for r in sheet.header_rows:
            for c in range(1, len(sheet.rows[r]) + 1):
                cell = ws.cell(row=r + 1, column=c)
                cell.font = bold
                cell.alignment = wrap
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c in range(sheet.width):
            ws.column_dimensions[get_column_letter(c + 1)].width = 12
        for c in sheet.hidden_columns:
            ws.column_dimensions[get_column_letter(c + 1)].width = 2
            ws.column_dimensions[get_column_letter(c + 1)].hidden = True
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    # ExcelWriter directly rather than wb.save(), which stamps "modified" with the current time.
    ExcelWriter(wb, archive).save()
    fsutil.atomic_write(path, buffer.getvalue())


def write_xls(spec: FileSpec, path: Path) -> None:
    """Write ``spec`` as a legacy Excel 97-2003 .xls (as WPS and old Excel save them)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    plain = xlwt.XFStyle()
    header = xlwt.easyxf("font: bold on; align: wrap on, vert centre, horiz centre")
    date_styles: dict[str, xlwt.XFStyle] = {}
    for sheet in spec.sheets:
        ws = wb.add_sheet(sheet.name, cell_overwrite_ok=True)
        date_style = date_styles.setdefault(sheet.date_format, xlwt.easyxf(num_format_str=sheet.date_format))

        def style_of(r: int, value: object, date_style=date_style, header_rows=sheet.header_rows) -> xlwt.XFStyle:
            if isinstance(value, dt.date):
                return date_style
            return header if r in header_rows else plain

        merged_tops = {(r1, c1) for r1, c1, _, _ in sheet.merges}
        for r1, c1, r2, c2 in sheet.merges:
            value = sheet.rows[r1][c1] if c1 < len(sheet.rows[r1]) else None
            ws.write_merge(r1, r2, c1, c2, "" if value is None else value, style_of(r1, value))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in merged_tops:
                    continue
                ws.write(r, c, value, style_of(r, value))
        for c in sheet.hidden_columns:
            ws.col(c).hidden = True
    fsutil.atomic_write(path, lambda tmp: wb.save(str(tmp)))


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(spec: FileSpec, path: Path) -> None:
    """Write the one sheet of ``spec`` as a CSV in ``spec.encoding`` (gb18030, utf-8-sig or utf-8)."""
    (sheet,) = spec.sheets
    width = sheet.width
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for row in sheet.rows:
        # Excel pads every exported line to the table's width: a title is "标题,,,,,".
        writer.writerow([_csv_text(v) for v in row] + [""] * (width - len(row)))
    fsutil.atomic_write(path, text.getvalue().encode(spec.encoding))


def write_file(spec: FileSpec, out_dir: Path) -> Path:
    """Write one raw file under ``out_dir``, creating its folder; returns its path."""
    path = out_dir / spec.path
    path.parent.mkdir(parents=True, exist_ok=True)
    {"xlsx": write_xlsx, "xls": write_xls, "csv": write_csv}[spec.kind](spec, path)
    return path

"""What ``tests/foreign/offices.py``'s writers cannot write: formulas with the values Excel cached
for them, and rows hidden by a filter the clerk left on.

A workbook saved by Excel or WPS holds each formula *and* its last computed value; openpyxl
writes the formula alone. ``write_xlsx_formulas`` writes through ``write_xlsx`` as it is, then
puts the cached value of every ``Formula`` cell into the sheet's XML, as Excel would have.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from foreign.offices import Sheet, write_xlsx
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Formula:
    """A formula cell (``=SUM(E5:E8)``) and the value Excel showed for it."""

    text: str
    cached: object
    date: bool = False  # shown as a date (the cached value is then an Excel serial number)


def write_xlsx_formulas(
    path: Path, sheets: list[Sheet], hidden_rows: dict[str, tuple[int, ...]] | None = None,
    filters: dict[str, str] | None = None,
) -> None:
    """``write_xlsx``, with ``Formula`` cells (formula and cached value), hidden rows (Excel row
    numbers, per sheet) and an auto-filter range per sheet."""
    hidden_rows = hidden_rows or {}
    filters = filters or {}
    cached: list[dict[str, object]] = []
    dated: dict[str, list[str]] = {}
    plain = []
    for spec in sheets:
        values = {}
        rows = []
        for r, row in enumerate(spec.rows, start=1):
            out = []
            for c, value in enumerate(row, start=1):
                if isinstance(value, Formula):
                    values[f"{get_column_letter(c)}{r}"] = value.cached
                    if value.date:
                        dated.setdefault(spec.name, []).append(f"{get_column_letter(c)}{r}")
                    out.append(value.text)
                else:
                    out.append(value)
            rows.append(out)
        cached.append(values)
        plain.append(Sheet(spec.name, rows, spec.merges, spec.hidden_cols))
    write_xlsx(path, plain)
    if hidden_rows or filters or dated:
        wb = openpyxl.load_workbook(path)
        for name, refs in dated.items():
            for ref in refs:
                wb[name][ref].number_format = "yyyy-mm-dd"
        for name, numbers in hidden_rows.items():
            for n in numbers:
                wb[name].row_dimensions[n].hidden = True
        for name, ref in filters.items():
            wb[name].auto_filter.ref = ref
        wb.save(path)
    _put_cached_values(path, cached)


def _put_cached_values(path: Path, cached: list[dict[str, object]]) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for index, values in enumerate(cached, start=1):
        if not values:
            continue
        name = f"xl/worksheets/sheet{index}.xml"
        xml = parts[name].decode("utf-8")
        for ref, value in values.items():
            pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>(?:</v>)?</c>|<c r="{ref}"([^>]*)><f>(.*?)</f><v></v></c>')
            m = pattern.search(xml)
            assert m, (name, ref)
            attrs = m.group(1) if m.group(1) is not None else m.group(3)
            formula = m.group(2) if m.group(2) is not None else m.group(4)
            attrs = re.sub(r'\s*t="[^"]*"', "", attrs)
            if isinstance(value, str):
                cell = f'<c r="{ref}"{attrs} t="str"><f>{formula}</f><v>{escape(value)}</v></c>'
            else:
                cell = f'<c r="{ref}"{attrs}><f>{formula}</f><v>{value}</v></c>'
            xml = xml[: m.start()] + cell + xml[m.end():]
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)

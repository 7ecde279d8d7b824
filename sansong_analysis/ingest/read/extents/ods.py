"""Extents of .ods sheets, counted as calamine's reader materialises them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from sansong_analysis.ingest.read.extents.container import tag_attributes, xml_chunks, zip_members
from sansong_analysis.ingest.read.extents.extent import Budget, Extent

_ODS_TOKEN = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_ODS_VALUE = re.compile(
    rb"office:(?:value|string-value|date-value|time-value|boolean-value)\s*=|office:value-type\s*=\s*[\"']string|table:formula\s*="
)
_ODS_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*[\"']\s*([0-9]{1,12})")
_ODS_COLS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"']\s*([0-9]{1,12})")


def _repeat(rx: re.Pattern[bytes], attrs: bytes) -> int:
    m = rx.search(attrs)
    return max(int(m.group(1)), 1) if m else 1


def ods_extents(path: Path, budget: Budget) -> dict[str, Extent]:
    """Mirror calamine's .ods reader: empty cells before a value are built one by one, trailing ones are not."""
    with zipfile.ZipFile(path) as zf:
        info = zip_members(zf).get("content.xml")
        if info is None:
            return {}
        extents: dict[str, Extent] = {}
        extent: Extent | None = None
        row = 0  # rows so far in the current table
        row_repeat = 1
        pushed = pending = last_col = 0
        for data in xml_chunks(zf, info, budget):
            for m in _ODS_TOKEN.finditer(data):
                closing, name, attrs, empty = m.groups()
                if name == b"table":
                    if not closing:
                        a = tag_attributes(attrs)
                        extent = Extent(a.get("table:name", f"Sheet{len(extents) + 1}"))
                        extents.setdefault(extent.sheet, extent)
                        row = 0
                    continue
                if extent is None:
                    continue
                if name == b"table-row":
                    if closing:
                        if last_col:
                            extent.rows = row + row_repeat
                            extent.cols = max(extent.cols, last_col)
                        row += row_repeat
                        continue
                    row_repeat = _repeat(_ODS_ROWS_REPEATED, attrs)
                    pushed = pending = last_col = 0
                    if empty:  # <table:table-row/>: a row with no cells
                        row += row_repeat
                    continue
                if closing:
                    continue
                repeat = _repeat(_ODS_COLS_REPEATED, attrs)
                pushed += pending
                extent.materialised += pending
                pending = 0
                if _ODS_VALUE.search(attrs):
                    pushed += repeat
                    extent.materialised += repeat
                    last_col = pushed
                else:
                    pending = repeat
        return extents

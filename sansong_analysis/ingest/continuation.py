"""A sheet that continues the one before it: a ledger that outgrew its sheet goes on, headerless, in
``走访（续）``, ``续表``, ``接上页``.

Without a header row a sheet is no ledger the reader can name (``NO_HEADER``). A continuation is
read with the header of the sheet right before it in the same file, on evidence only:

- its name says it continues (续, 接上), and the sheet before it was read as a ledger; what else
  its name says is that sheet's name, or part of it (走访（续） after 走访登记, not after 花名册);
- its rows stand in that ledger's columns (nothing beyond them), and read as records in those
  columns: at most :data:`MAX_REJECTED` of its data rows rejected, at least one record.

Otherwise it stays 未识别, as before. The places and the year are those of the sheet it continues
(its title is that sheet's title); its own title lines on top are skipped as titles, and a header
repeated on it as a header.
"""

from __future__ import annotations

import dataclasses
import re

from sansong_analysis.ingest.recognise import Recognition
from sansong_analysis.ingest.table import Table
from sansong_analysis.ingest.tidy import SheetResult, tidy_table

CONTINUATION_NAME = re.compile(r"续|接上")
# What a continuation's name says besides "continued": 走访（续二） → 走访, 续表2 → "".
_CONTINUATION_WORDS = re.compile(r"[(（\[【]?\s*(?:续表|续页|续|接上页|接上表|接上)\s*[0-9一二三四五六七八九十]*\s*[)）\]】]?|[\s_\-—.]+")
# Rows in the continued columns that may be rejected before the reading is taken for a misreading.
MAX_REJECTED = 0.3


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _title_line(row: list[object]) -> bool:
    """A blank line, or one text alone on its line (a title; a record fills several columns)."""
    filled = [v for v in row if _filled(v)]
    return not filled or (len(filled) == 1 and isinstance(filled[0], str))


def read_continuation(
    rows: list[list[object]], sheet: str, file: str, shown_sheet: str, previous: Table | None, previous_sheet: str | None,
    merged=(), yearless=frozenset(),
) -> tuple[Table, SheetResult] | None:
    """The table and reading of a headerless ``sheet`` as the continuation of ``previous`` (the
    table of the sheet right before it, ``previous_sheet`` as shown); None when it is not one."""
    if previous is None or previous.recognition is None or previous.recognition.ledger is None:
        return None
    if not CONTINUATION_NAME.search(sheet) or (not previous.header_rows and previous.continues is None):
        return None
    # 走访（续） continues a 走访 sheet, not the 花名册 before it; 续表 says nothing either way.
    stem = _CONTINUATION_WORDS.sub("", sheet)
    if stem and previous_sheet is not None and stem not in previous_sheet and previous_sheet not in stem:
        return None
    width = max(c.index for c in previous.columns) + 1
    if any(any(_filled(v) for v in row[width:]) for row in rows):
        return None
    # Its own title line(s) on top (走访登记表（续）): one text each, above the first row of values.
    start = 0
    while start < len(rows) and _title_line(rows[start]):
        start += 1
    best = previous.recognition.best
    evidence = f"接续工作表「{previous_sheet}」：工作表名「{shown_sheet}」说明它接着上一张表，按上一张表的表头读取"
    table = dataclasses.replace(
        previous,
        header_rows=(),
        body_start=start,
        unit_notes=dict(previous.unit_notes),
        recognition=Recognition("recognised", dataclasses.replace(best, evidence=(evidence, *best.evidence)), None, None),
        continues=previous_sheet,
        correction_problems=(),
    )
    result = tidy_table(rows, table, file, shown_sheet, merged=merged, yearless=yearless)
    tried = result.n_records + result.n_rejects
    if result.n_records == 0 or result.n_rejects > MAX_REJECTED * tried:
        return None
    return table, result

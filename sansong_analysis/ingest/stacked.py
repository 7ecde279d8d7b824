"""Tables stacked on one sheet: 一村一表, a roster and under it the visit log, each with its header.

A team that keeps one sheet per village often puts its ledgers one under another: a title, 「一、
结对帮扶户名单」 and the roster, a blank row or two, 「二、入户走访记录」 and the visit log. A
sheet is first read as one table, by its best header (``table.locate_table``); that reading says
where another table may be:

- rows of content **above** the header it was read by (``SheetResult.above_header``, enough for a
  header and its records): a table over it, taken for titles, and not read (under six rows, too few
  to be flagged 可能漏读, it was lost with nothing said);
- a row of its **body** after a blank, title or subtotal row, or one its ledger could not read (a
  reject; ``SheetResult.breaks``) that reads as a header: another ledger's table under it, whose
  rows would otherwise be read as the first table's (a donations list under a roster became
  households, **silently wrong**) or rejected.

Where the rows there read as a table of another ledger — its header recognised and naming three
of the ledger's fields at least, two records at least under it with no more rejects than records,
and the first table still found over its own rows — the sheet is cut at that
table's section: the title lines right over its header («二、入户走访记录») go with it, the blank
rows before them stay with the table above. Each part is read as a table over its own rows, every
row counted once in the part it belongs to; the sheet's leading title lines («葛坳乡澄江村三送工作台账»)
are the context (township, village, year) of every part. Anything that does not check out
leaves the sheet read as one table, as before, with its flag or rejects saying so.

Above a header, the same ledger's block counts too when its header is the same one repeated (the
header search prefers the lower of two identical headers: the rows above it read as its title).

What is **not** taken for a table is a summary over or under the list (走访户数 | 走访次数 | 慰问金,
来源 | 金额 by source, 筹资总额 | 县财政 | 群众自筹): read as records, its totals would be counted
again beside the rows they sum. A summary names fewer fields, or holds one line, or is the same
ledger under another header: it stays what it was before (title lines above, the table's own rows
or rejects below). An analyst's corrected sheet is never cut: the correction says how to read
the whole sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sansong_analysis.ingest.table import Table, locate_table, row_header_score
from sansong_analysis.ingest.tidy import SheetResult, tidy_table
from sansong_analysis.ledgers import NO_EVIDENCE_KINDS

MAX_PARTS = 6
# What a table of its own shows, where a summary does not: fields of its ledger named, records.
MIN_FIELDS = 3
MIN_RECORDS = 2
# Rows that read as a header tried as another table's, a sheet at most (each try reads the sheet's
# rows below it again): a sheet of thousands of rejected, heading-like rows costs no more than this.
MAX_TRIES = 12
# Rows of content above a header that could be a table: its own header and its records.
MIN_ROWS_ABOVE = 1 + MIN_RECORDS
# Title lines walked up from a header to find where its section begins (a section title, a
# 填报单位 line, a unit note).
MAX_SECTION_LINES = 3
# A numbered section heading: 一、… （一）… 1、… 第一部分 …
_SECTION_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+\s*[、．]|第[一二三四五六七八九十]+(?:部分|项))")


@dataclass(frozen=True)
class Part:
    """One table of a stacked sheet: its rows ``start``…``end - 1`` (0-based), the table found
    there, and the rows it is read over (the sheet with the other parts' rows blank)."""

    start: int
    end: int
    table: Table
    rows: list[list[object]]


def stacked_parts(
    rows: list[list[object]], table: Table, result: SheetResult, sheet_name: str, file_stem: str,
    folders: list[str], hidden_cols: frozenset[int] = frozenset(),
) -> list[Part] | None:
    """The tables of a sheet that holds several, top to bottom, or None (the sheet is one table).

    ``table`` and ``result`` are the sheet read as one table (``locate_table``, ``tidy_table``);
    ``hidden_cols`` the sheet's columns hidden in Excel.
    """
    if table.recognition is None or table.recognition.ledger is None:
        return None

    def locate(view: list[list[object]], start: int = 0) -> Table | None:
        found = locate_table(view, sheet_name, file_stem, folders, start=start, hidden_cols=hidden_cols)
        return found if found is not None and found.recognition.ledger is not None else None

    parts: list[Part] = []
    start, current, view = 0, table, rows
    candidates: list[int] | None = sorted(set(result.breaks))
    shared = _shared_titles(rows, table.header_rows[0])
    if result.above_header >= MIN_ROWS_ABOVE:
        cut = section_start(rows, table.header_rows[0], 0)
        upper = locate(rows[:cut])
        if upper is not None and _other_table(upper, table) and _has_records(rows[:cut], upper, 0):
            shared = _shared_titles(rows, upper.header_rows[0])
            view = _view(rows, shared, cut, len(rows))
            lower = locate(view, cut)
            if lower is None or lower.ledger.name != table.ledger.name:
                return None
            parts.append(Part(0, cut, upper, rows[:cut]))
            start, current, candidates = cut, lower, None
    if not parts and not candidates:
        return None
    while len(parts) < MAX_PARTS - 1:
        if candidates is None:  # a part found above: this part's own body, read over its own rows
            candidates = sorted(set(tidy_table(view, current, "", "", first_row=start).breaks))
        split = _table_below(rows, view, current, candidates, shared, locate)
        if split is None:
            break
        cut, lower, lower_view = split
        upper_view = view[:cut]
        upper = locate(upper_view, start)
        if upper is None or upper.ledger.name != current.ledger.name:
            return None
        parts.append(Part(start, cut, upper, upper_view))
        start, current, view, candidates = cut, lower, lower_view, None
    if not parts:
        return None
    parts.append(Part(start, len(rows), current, view))
    return parts


def _table_below(rows, view, current: Table, candidates: list[int], shared: int, locate):
    """The first candidate row that heads a table of another ledger under ``current``, as
    (where its section starts, the table, the rows it is read over); None when none does."""
    tries = 0
    for r in candidates:
        if r <= current.body_start or row_header_score(view[r]) < 2:
            continue
        tries += 1
        if tries > MAX_TRIES:
            return None
        cut = section_start(view, r, current.body_start)
        lower_view = _view(rows, shared, cut, len(rows))
        lower = locate(lower_view, cut)
        if lower is None or not _other_table(lower, current, repeated=False) or not cut <= lower.header_rows[0] <= r:
            continue
        if _has_records(lower_view, lower, cut):
            return cut, lower, lower_view
    return None


def section_start(rows: list[list[object]], header: int, floor: int) -> int:
    """Where the section of a header at row ``header`` begins: the title lines right above it
    («二、入户走访记录», a merged title filled across), up to ``floor``; blank rows end it."""
    start = header
    while start > floor and header - start < MAX_SECTION_LINES and _title_line(rows[start - 1]):
        start -= 1
    return start


def _title_line(row: list[object]) -> bool:
    texts = {v.strip() for v in row if isinstance(v, str) and v.strip()}
    return len(texts) == 1 and all(v is None or isinstance(v, str) for v in row)


def _shared_titles(rows: list[list[object]], first_header: int) -> int:
    """How many rows at the top title the whole sheet: those above the first table's header, up
    to its own numbered section heading («一、结对帮扶户名单») when it has one."""
    for r in range(first_header):
        text = next((v for v in rows[r] if isinstance(v, str) and v.strip()), None)
        if text is not None and _SECTION_HEADING.match(text):
            return r
    return first_header


def _view(rows: list[list[object]], shared: int, start: int, end: int) -> list[list[object]]:
    """The sheet as one part sees it: the shared title lines, then blank rows for the other parts
    above, then its own rows (so that every row keeps its number)."""
    return rows[:shared] + [[] for _ in range(shared, start)] + rows[start:end]


def _other_table(found: Table, table: Table, repeated: bool = True) -> bool:
    """``found`` is a table of its own beside ``table``: it names ``MIN_FIELDS`` fields of its ledger,
    and its ledger is another — or, when ``repeated``, the same under the very same header."""
    named = {name for name, column in found.fields.items()
             if name not in ("serial", "remark") and column.field.kind not in NO_EVIDENCE_KINDS}
    if len(named) < MIN_FIELDS:
        return False
    if found.ledger.name != table.ledger.name:
        return True
    return repeated and found.header_texts == table.header_texts


def _has_records(view: list[list[object]], table: Table, first_row: int) -> bool:
    """The table holds ``MIN_RECORDS`` records at least, and no more rejects than records."""
    result = tidy_table(view, table, "", "", first_row=first_row)
    return result.n_records >= MIN_RECORDS and result.n_rejects <= result.n_records

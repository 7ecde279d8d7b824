"""The ledgers' own totals, checked against the rows they close.

A 合计/小计/总计 row is skipped (our figures come from the rows), but what it says is a free
check that the rows are complete: ``合计 | | 12,000`` under a funds column, ``本月共走访15户`` under
a month's visits. Each total is compared with the sum (or count) of the data rows it closes:

- a 小计 (and 本月/本页…) closes the rows since the previous total or section title;
- a 合计/总计/共计/累计 closes the rows since the previous 合计-level total or section title,
  or since the previous 合计 across sections; a total that matches any of these readings is
  taken to be right;
- a page's running total carried over (过次页, 承前页) closes every row above it, or reads as a 合计
  does; it ends no block, and one with no row above it (carried from another sheet) is not checked;
- a cumulative total (本年累计, 自年初累计 under a month's rows) reads as a 合计 does; one more than
  every reading includes earlier months or sheets, which this sheet cannot check, and is not checked
  (one less than the rows above it is reported);
- a total with no row above it to close (written first, under the header) closes the rows below
  it, down to the next total or to the end;
- quantity columns (amounts, 亩, lengths, counts) are summed in the column's own unit, and a
  difference within the rounding of the number as written is no difference;
- ``N户`` / ``N起`` / ``N次`` … written in a text column count households (distinct names in a
  visit log), disputes, visits … of the rows it closes.

When rows it closes were rejected, the total cannot be checked against the records (the reject
is already reported); the check says so rather than report a second problem.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sansong_analysis.ingest.compound import DIGITS, digits_cell

# Totals that close a block (since the previous total) rather than the whole table.
# 本年 is no block: 本年合计 closes the year's ledger, 本年累计 the year so far.
_BLOCK_LABEL = re.compile(r"小\s*计|本[月页季周]")
# A total since the start of the year or of the work (本年累计, 自年初累计), not a 合计 of these rows alone.
_CUMULATIVE = re.compile(r"累\s*计")
_WHOLE = re.compile(r"[合总小共]\s*计")
_COUNTED = re.compile(r"(?<![0-9.])([0-9]+)\s*(户|人次|次|起|件|项|个|笔|宗)")
_QUANTITY_KINDS = ("amount", "area", "length", "count")


@dataclass(frozen=True)
class Total:
    """A total row: where it is and what it closes (0-based row, the records it may close)."""

    row: int
    label: str
    block: bool  # a 小计: closes the rows since the previous total
    section: bool = False  # a section title inside the body: nothing to check, but a new start
    running: bool = False  # a page's running total carried over (过次页, 承前页): every row above it
    cumulative: bool = False  # 本年累计: may include rows of earlier months or sheets


def _decimals(cell: object) -> int:
    text = cell if isinstance(cell, str) else repr(cell)
    m = re.search(r"\.([0-9]+)", text.replace(",", ""))
    return len(m.group(1).rstrip("0")) if m and not isinstance(cell, int) else 0


def _same(stated: float, summed: float, cell: object, scale: float) -> bool:
    """Equal within the rounding of the number as the office wrote it (3.8 万元 for 37,960 元)."""
    tolerance = 0.5 * 10 ** -_decimals(cell) * scale if not isinstance(cell, int) else 0.0
    return abs(stated - summed) <= max(tolerance, 0.005) + 1e-9


def _count_of(unit: str, ledger: str, heads: list[object], places: list[tuple[object, object]]) -> tuple[int, int]:
    """How many a total's ``N户`` / ``N起`` … may count among the rows it closes, two ways: a visit log's households
    are its distinct heads — or, a head written in two groups or villages (许春生 of 一组 and of 四组, namesakes), two
    of them, as the roster tells them apart (an office may count either way); anything else its rows.

    >>> _count_of("户", "visits", ["许春生", "许春生", "姜水生"], [(None, "一组"), (None, "四组"), (None, "四组")])
    (3, 2)
    >>> _count_of("户", "visits", ["许春生", "许春生"], [("澄江村", "四组"), ("澄江村", None)])
    (1, 1)
    """
    if unit != "户" or ledger != "visits":
        return len(heads), len(heads)
    groups: dict[object, set] = {}
    villages: dict[object, set] = {}
    for head, (village, group) in zip(heads, places, strict=True):
        if head:
            groups.setdefault(head, set())
            villages.setdefault(head, set())
            if group is not None:
                groups[head].add((village, group))
            if village is not None:
                villages[head].add(village)
    return sum(max(1, len(groups[h]), len(villages[h])) for h in groups), len(groups)


def check_totals(
    rows: list[list[object]], table, record_rows: list[int], rejected: list[bool], values: dict[str, list],
    totals: list[Total], parse,
) -> list[dict]:
    """Each total's checks: ``record_rows`` are the data rows (records and rejects, in order),
    ``rejected`` says which of them became rejects, ``values`` the parsed columns (aligned with
    ``record_rows``), ``parse(field, cell)`` reads one cell of a quantity column (or None)."""
    out: list[dict] = []
    quantity = [c for c in table.columns if c.field is not None and c.field.kind in _QUANTITY_KINDS and c.field.stored]
    heads = values.get("household_head") or values.get("project_name") or [True] * len(record_rows)
    places = list(zip(values.get("village") or [None] * len(heads), values.get("group") or [None] * len(heads), strict=True))
    previous_any = previous_whole = previous_section = -1
    prior_any = -1  # the total before ``previous_any``: a page's total copied atop the next closes the rows between
    numbers: dict[str, list[float]] = {}  # each quantity column's readings as numbers, made once
    for total in totals:
        r = total.row
        if total.section:
            prior_any, previous_any, previous_section = previous_any, r, r
            continue
        # The readings of what it closes, its own label's first: since the previous total (a
        # 小计), since the previous 合计 or section title (a section's 合计), since the previous
        # 合计 (a 合计 over all sections). Only records are summed: a rejected row counts in no
        # figure, so in no sum either.
        starts = [previous_any, max(previous_whole, previous_section), previous_whole]
        if not total.block:
            starts = starts[1:] + starts[:1]
        if total.running:
            # A page's running total (过次页 at its foot, 承前页 atop the next): every record above it — or,
            # written so (上页合计), the page's alone: as a total reads, or the rows its 小计 closed. One
            # atop a sheet carries a total from the sheet before, which this sheet cannot check.
            starts = [-1, *starts, prior_any]
        spans = [range(bisect_right(record_rows, start), bisect_left(record_rows, r)) for start in starts]
        if total.running and not spans[0]:
            continue
        if not any(spans):
            # Nothing above it to close: a total written first, over the rows it sums (statistical
            # tables put 合计 under the header) — the rows down to the next total, or to the end.
            after = bisect_right(record_rows, r)
            following = next((t.row for t in totals if t.row > r), None)
            stop = bisect_left(record_rows, following) if following is not None else len(record_rows)
            spans = [range(after, stop), range(after, len(record_rows))]
        rejected_in = [sum(1 for i in closed if rejected[i]) for closed in spans]
        candidates = [[i for i in closed if not rejected[i]] for closed in spans]
        row = rows[r]
        checks = []
        for column in quantity:
            if column.parts_kind == DIGITS:  # an account book's digit boxes: their figures together
                cell = digits_cell(row, column)
            else:
                cell = row[column.index] if column.index < len(row) else None
            stated = parse(column.field, cell)
            if stated is None:
                continue
            name = column.field.name
            if name not in numbers:
                numbers[name] = list(map(_number, values[name]))
            # The three spans are often the same rows: each distinct span summed once.
            summed: dict[tuple[int, int], float] = {}
            sums = []
            for span, closed in zip(spans, candidates, strict=True):
                key = (span.start, span.stop)
                if key not in summed:
                    summed[key] = math.fsum(map(numbers[name].__getitem__, closed))
                sums.append(summed[key])
            checks.append((column.field.name, column.header, stated, sums, None, cell, table.scale(column)))
        seen: set[str] = set()
        for c, cell in enumerate(row):
            if c in {col.index for col in quantity} or not isinstance(cell, str) or cell in seen:
                continue
            seen.add(cell)  # a label merged across the row is one total, not one per column
            m = _COUNTED.search(cell.replace(" ", ""))
            if not m:
                continue
            unit = m.group(2)
            counts = [_count_of(unit, table.ledger.name, [heads[i] for i in closed], [places[i] for i in closed])
                      for closed in candidates]
            header = next((col.header for col in table.columns if col.index == c), f"第{c + 1}列")
            checks.append((f"count:{unit}", header, float(m.group(1)), [float(n) for n, _ in counts],
                           [float(by_name) for _, by_name in counts], 0, 1.0))
        for name, header, stated, sums, others, cell, scale in checks:
            matched = next((k for k, s in enumerate(sums) if _same(stated, s, cell, scale)), None)
            if matched is None and others is not None and (
                    other := next((k for k, s in enumerate(others) if _same(stated, s, cell, scale)), None)) is not None:
                matched, sums = other, others  # namesakes counted as one household: as the office may count
            if matched is None and total.cumulative and stated > max(sums):
                continue  # earlier months' (or sheets') rows in it too: not this sheet's to check
            closed = candidates[matched if matched is not None else 0]
            entry = {
                "row": r + 1, "label": total.label, "field": name, "column": header,
                "stated": round(stated, 4), "summed": round(sums[matched if matched is not None else 0], 4),
                "rows": len(closed), "ok": matched is not None,
            }
            rejects = rejected_in[matched if matched is not None else 0]
            if matched is None and rejects:
                entry["ok"] = None  # cannot tell: rows it closes were rejected (and reported)
                entry["rejected_rows"] = rejects
            out.append(entry)
        if total.running:
            continue  # it closes no block: the rows after it still belong with those before
        prior_any, previous_any = previous_any, r
        if not total.block:
            previous_whole = previous_section = r
    return out


def _number(value: object) -> float:
    if value is None:
        return 0.0
    if isinstance(value, tuple):  # an amount with its qualifier
        value = value[0]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def mismatches(checks: list[dict]) -> list[dict]:
    """The checks that say the rows do not add up (not those that could not be made)."""
    return [c for c in checks if c.get("ok") is False]


# A page's running total carried over: 过次页 / 转下页 at the foot of a page, 承前页 / 接上页 atop the next
# (account books and long registers), each the sum of every row before it. Matched on the label
# without spaces; 承前 alone as the whole label, since a name may begin so.
_CARRIED = re.compile(
    r"^(?:(?:[过转][次下后]页|承[前上]页|接[上前]页|[上前]页转来|[上前]页(?:结转|转入)|过页)(?:合计|累计|小计|金额|数)?"
    r"|承前|[上前]页(?:合计|累计))$"
)


def is_running_total(label: str) -> bool:
    """Whether a label is a page's running total carried over (``过次页``, ``承前页``).

    >>> is_running_total("过次页"), is_running_total("承 前 页"), is_running_total("承前进"), is_running_total("合计")
    (True, True, False, False)
    """
    compact = re.sub(r"\s+", "", label)
    return ("页" in compact or "承" in compact) and _CARRIED.match(compact) is not None


def is_cumulative_total(label: str) -> bool:
    """Whether a total counts since the start of the year or the work (``本年累计``, ``自年初累计``),
    not these rows alone; a page's running total (``上页累计``) is one of its own.

    >>> is_cumulative_total("本年累计"), is_cumulative_total("自年初累计"), is_cumulative_total("累计合计")
    (True, True, False)
    """
    return bool(_CUMULATIVE.search(label)) and not _WHOLE.search(label) and not is_running_total(label)


def is_block_total(label: str) -> bool:
    """Whether a total closes only the rows since the previous total (``小计``, ``本月共走访…``).

    >>> is_block_total("小计"), is_block_total("本月共走访3户"), is_block_total("合计")
    (True, True, False)
    """
    return bool(_BLOCK_LABEL.search(label))

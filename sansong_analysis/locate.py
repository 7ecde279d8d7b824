"""A sheet's grid → the table in it: header row(s), ledger type, columns, body, context.

Knows nothing about value formats (``values``) and nothing about files
(``read``); it reads header words through ``ledgers``' declarations.

The header is the row (or pair of rows, for a merged group heading such as
``基本情况`` over its sub-columns) whose cells best read as the columns of one
ledger; the ledger is the one whose distinctive columns it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .context import PlaceContext, resolve_context
from .ledgers import (
    HEADER_UNITS,
    LEDGERS,
    Field,
    Ledger,
    looks_like_header_cell,
    match_field,
    normalize_header,
    unit_fits,
)

HEADER_SEARCH_ROWS = 50
# Ledgers in tie-break order: a sheet that names a date and a household is a
# visit log before it is a roster.
_PRIORITY = ("visits", "disputes", "funds", "projects", "roster")
_MUST_HAVE: dict[str, tuple[str, ...]] = {
    "roster": ("household_head",),
    "visits": ("household_head",),
    "funds": ("amount_yuan",),
    "projects": ("project_name",),
    "disputes": (),
}
_DISPUTE_CORE = ("dispute_type", "outcome")
_MIN_SCORE = 4.0
# A group heading names what its sub-columns are about; the word that says so is not part of
# the column's name (受益情况 over 户数 / 面积 are 受益户数 and 受益面积).
_GROUP_WORD = re.compile(r"(?:基本情况|情况|信息|明细|详情|概况)$")
_UNIT_NOTE = re.compile(r"单位(?:[:：]|为|是)\s*((?:(?:" + "|".join(sorted(map(re.escape, HEADER_UNITS), key=len, reverse=True)) + r")[、,，/及和\s]*)+)")


@dataclass(frozen=True)
class Column:
    """One header column: where it is, what it says, which field it feeds."""

    index: int
    header: str
    unit: str | None
    field: Field | None


@dataclass
class Table:
    """A located ledger table inside a sheet (all row numbers 0-based)."""

    ledger: Ledger
    header_rows: tuple[int, ...]
    columns: list[Column]
    body_start: int
    context: PlaceContext
    unit_notes: dict[str, str] = field(default_factory=dict)  # kind -> unit, from "单位：万元"
    header_texts: tuple[tuple[str, ...], ...] = ()  # each header row's cells as labels, to spot it repeated

    @property
    def fields(self) -> dict[str, Column]:
        return {c.field.name: c for c in self.columns if c.field is not None}

    def scale(self, column: Column) -> float:
        """Multiplier from a column's header unit, else the sheet's unit note."""
        kind = column.field.kind if column.field else None
        unit = column.unit
        if unit is None or HEADER_UNITS.get(unit, ("", 1.0))[0] != kind:
            unit = self.unit_notes.get(kind or "")
        if unit is None:
            return 1.0
        unit_kind, factor = HEADER_UNITS[unit]
        return factor if unit_kind == kind else 1.0


@lru_cache(maxsize=65536)
def _header(text: str) -> tuple[str, str | None]:
    return normalize_header(text)


@lru_cache(maxsize=65536)
def _match(ledger: str, label: str) -> Field | None:
    return match_field(ledger, label)


def _cell_header(value: object) -> tuple[str, str | None]:
    if isinstance(value, str) and value:
        return _header(value)
    return "", None


def _row_header_score(row: list[object]) -> int:
    return sum(1 for v in row if isinstance(v, str) and v and looks_like_header_cell(_header(v)[0]))


def _joined_label(upper: object, lower: object, up: tuple[str, str | None], low: tuple[str, str | None]):
    """A group cell and its sub-column read as one heading: 走访+人员 → 走访人员, 受益情况+户数 → 受益户数."""
    joined = _header(str(upper) + str(lower))
    if looks_like_header_cell(joined[0]):
        return joined
    stem = _GROUP_WORD.sub("", up[0])
    if stem and stem != up[0]:
        label = _header(stem + low[0])[0]
        if looks_like_header_cell(label):
            return label, low[1] or up[1]
    return None


def _combine(upper: list[object], lower: list[object]) -> list[tuple[str, str | None]]:
    """Labels for a two-row header: the lower cell when it names a column, else upper+lower, else upper."""
    out = []
    group: object = ""  # a group heading written once over its first sub-column (a CSV has no merges)
    for c in range(max(len(upper), len(lower))):
        up_cell = upper[c] if c < len(upper) else ""
        low_cell = lower[c] if c < len(lower) else ""
        up = _cell_header(up_cell)
        low = _cell_header(low_cell)
        if up[0]:
            group = up_cell
        elif not low[0]:
            group = ""
        if low[0] and looks_like_header_cell(low[0]):
            label = low
        elif up[0] and low[0]:
            joined = _joined_label(up_cell, low_cell, up, low)
            label = joined if joined else (up if looks_like_header_cell(up[0]) else low)
        elif low[0] and group:
            joined = _joined_label(group, low_cell, _cell_header(group), low)
            label = joined if joined else low
        else:
            label = up if up[0] else low
        if label[1] is None and label is low and up[1] is not None:
            label = (label[0], up[1])  # "金额（万元）" over "合计": the unit belongs to the group
        out.append(label)
    return out


def _map_columns(ledger: Ledger, labels: list[tuple[str, str | None]]) -> tuple[float, list[Column]]:
    """Columns of ``ledger`` named by ``labels`` and how strongly they say it is this ledger."""
    matched = [(_match(ledger.name, label) if label else None) for label, _ in labels]
    matched = [f if f is None or unit_fits(f, unit) else None for f, (_, unit) in zip(matched, labels, strict=True)]
    # The same field named twice: the column naming it by an exact synonym wins, then the first.
    chosen: dict[str, int] = {}
    for index, f in enumerate(matched):
        if f is None:
            continue
        exact = labels[index][0] in f.synonyms
        prev = chosen.get(f.name)
        if prev is None or (exact and labels[prev][0] not in f.synonyms):
            chosen[f.name] = index
    claimed = set(chosen)
    columns = [
        Column(index, label, unit, matched[index] if chosen.get(getattr(matched[index], "name", "")) == index else None)
        for index, (label, unit) in enumerate(labels)
        if label
    ]
    own = {f.name for f in ledger.fields}
    score = 0.0
    for name in claimed:
        f = ledger.field(name)
        if name not in own or f.kind in ("place", "pii"):
            score += 0.5 if f.kind == "place" else 0.0
        else:
            score += 3.0 if f.anchor else 1.0
    if any(name not in claimed for name in _MUST_HAVE[ledger.name]):
        return 0.0, columns
    if ledger.name == "disputes" and not any(name in claimed for name in _DISPUTE_CORE):
        return 0.0, columns
    return score, columns


def _best_ledger(labels: list[tuple[str, str | None]]) -> tuple[float, Ledger | None, list[Column]]:
    best: tuple[float, Ledger | None, list[Column]] = (0.0, None, [])
    for name in _PRIORITY:
        ledger = LEDGERS[name]
        score, columns = _map_columns(ledger, labels)
        if score > best[0]:
            best = (score, ledger, columns)
    return best


def _distinct_texts(row: list[object]) -> int:
    return len({str(v).strip() for v in row if v is not None and str(v).strip()})


def _can_pair(row: list[object]) -> bool:
    """Whether a row may be half of a two-row header: several headings, or one group heading over
    some columns; not a title or section title (one text from the first column, maybe merged
    across the whole table)."""
    distinct = _distinct_texts(row)
    if distinct != 1:
        return distinct >= 2
    first = row[0] if row else None
    return first is None or not str(first).strip()


def find_header(rows: list[list[object]]) -> tuple[tuple[int, ...], Ledger, list[Column]] | None:
    """The header row(s), the ledger they name and their columns; None when no ledger is named."""
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    candidates = [r for r in range(limit) if _row_header_score(rows[r]) >= 2]
    best: tuple[float, tuple[int, ...], Ledger, list[Column]] | None = None
    seen: set[tuple[int, ...]] = set()
    for r in candidates:
        options: list[tuple[tuple[int, ...], list[tuple[str, str | None]]]] = [
            ((r,), [_cell_header(v) for v in rows[r]])
        ]
        # A title or section title ("二、城东社区" merged across the table) is never half of a
        # two-row header: combined, its place name would pass for a column (see _can_pair).
        if r + 1 < len(rows) and _can_pair(rows[r + 1]):
            options.append(((r, r + 1), _combine(rows[r], rows[r + 1])))
        if r >= 1 and _can_pair(rows[r - 1]):
            options.append(((r - 1, r), _combine(rows[r - 1], rows[r])))
        for header_rows, labels in options:
            if header_rows in seen:
                continue
            seen.add(header_rows)
            score, ledger, columns = _best_ledger(labels)
            if ledger is None or score < _MIN_SCORE:
                continue
            # A second header row must add something; otherwise it is the first body row, or a
            # group row whose merged cells, filled down, already made the row below complete.
            if best is None or score > best[0] or (
                score == best[0] and len(header_rows) < len(best[1]) and header_rows[-1] <= best[1][-1]
            ):
                best = (score, header_rows, ledger, columns)
    if best is None:
        return None
    return best[1], best[2], best[3]


def unit_notes(rows: list[list[object]], upto: int | None = None) -> dict[str, str]:
    """Units declared for the whole sheet in ``rows[:upto]``: ``单位：万元``, ``单位：元、亩``, ``金额单位为万元``."""
    notes: dict[str, str] = {}
    for row in rows[:upto]:
        for value in row:
            if not isinstance(value, str) or "单位" not in value:
                continue
            for m in _UNIT_NOTE.finditer(value.replace(" ", "").replace("(", "").replace("（", "")):
                for token in re.split(r"[、,，/及和\s]+", m.group(1)):
                    if token in HEADER_UNITS:
                        notes.setdefault(HEADER_UNITS[token][0], token)
    return notes


def title_text(rows: list[list[object]], upto: int) -> str:
    """Text of the rows above the header (titles, 填报单位), one cell from the next by `` | ``.

    Cells stay apart so that words of neighbouring cells never run into one false place
    name (``序号`` + ``村名`` is not a village ``序号村``).
    """
    parts = []
    for row in rows[:upto]:
        # In a row of headings (the group row 序号 | 村名 | 基本情况 of a two-row header, or a form
        # line 乡镇 | 黄坑乡 | 村 | 新屋村) the headings name no place; the other cells may.
        headings = _row_header_score(row) >= 2
        for value in row:
            if not isinstance(value, str) or not value.strip() or value.strip() in parts:
                continue
            if headings and looks_like_header_cell(_header(value)[0]):
                continue
            parts.append(value.strip())
    return " | ".join(parts)


def locate_table(
    rows: list[list[object]], sheet_name: str, file_stem: str, folders: list[str]
) -> Table | None:
    """Find the ledger table of a sheet and where it is from; None when the sheet holds no ledger.

    ``folders`` are the parent folder names below the raw root, nearest first.
    """
    found = find_header(rows)
    if found is None:
        return None
    header_rows, ledger, columns = found
    first = header_rows[0]
    sources = [("标题", title_text(rows, first)), ("工作表名", sheet_name), ("文件名", file_stem)]
    sources += [("文件夹名", name) for name in folders]
    context = resolve_context(sources)
    return Table(
        ledger=ledger,
        header_rows=header_rows,
        columns=columns,
        body_start=header_rows[-1] + 1,
        context=context,
        unit_notes=unit_notes(rows, header_rows[-1] + 1),
        header_texts=tuple(tuple(_cell_header(v)[0] for v in rows[r]) for r in _header_like_rows(rows, header_rows)),
    )


def _header_like_rows(rows: list[list[object]], header_rows: tuple[int, ...]) -> tuple[int, ...]:
    """The header rows, and the group row just above them when merged cells filled down made the
    row below a complete header on its own (``序号 | 基本情况 | 基本情况 | 走访情况 …``)."""
    first = header_rows[0]
    if first >= 1 and _distinct_texts(rows[first - 1]) >= 2:
        return (first - 1, *header_rows)
    return header_rows

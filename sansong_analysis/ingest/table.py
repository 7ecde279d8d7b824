"""A sheet's grid → the table in it: header row(s), ledger type, columns, body, context.

Knows nothing about value formats (``values``) and nothing about files
(``read``); it reads header words through ``ledgers``' declarations.

The header is the row (or pair of rows, for a merged group heading such as
``基本情况`` over its sub-columns) whose cells best read as the columns of one
ledger; the ledger is the one whose distinctive columns it names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from sansong_analysis.ingest.places import PlaceContext, resolve_context, year_in_sources
from sansong_analysis.ledgers import (
    HEADER_UNITS,
    HEADING_INITIALS,
    LEDGERS,
    Field,
    Ledger,
    looks_like_header_cell,
    match_fields,
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
    year: int | None = None  # the year the title, sheet, file or folder names: completes 「3月5日」

    @cached_property
    def fields(self) -> dict[str, Column]:
        # Asked for every body row by tidy: built once (columns do not change after locating).
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
def _matches(label: str) -> dict[str, Field | None]:
    return match_fields(label)


def _cell_header(value: object) -> tuple[str, str | None]:
    if isinstance(value, str) and value:
        return _header(value)
    return "", None


@lru_cache(maxsize=65536)
def _is_heading(label: str) -> bool:
    return looks_like_header_cell(label)


@lru_cache(maxsize=65536)
def _header_like(text: str) -> bool:
    # Most text near the top of a sheet is body text; without a character that starts some
    # synonym it is no heading, and needs no normalising (see ledgers.HEADING_INITIALS).
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if HEADING_INITIALS.isdisjoint(folded):
        return False
    return _is_heading(_header(text)[0])


def _row_header_score(row: list[object]) -> int:
    """How many cells of a row read as column headings. Asked of every row near the top of every
    sheet, mostly of body rows (names, dates, numbers), so each distinct text is judged once."""
    return sum(map(_header_like, [v for v in row if isinstance(v, str) and v]))


def _joined_label(upper: object, lower: object, up: tuple[str, str | None], low: tuple[str, str | None]):
    """A group cell and its sub-column read as one heading: 走访+人员 → 走访人员, 受益情况+户数 → 受益户数."""
    joined = _header(str(upper) + str(lower))
    if _is_heading(joined[0]):
        return joined
    stem = _GROUP_WORD.sub("", up[0])
    if stem and stem != up[0]:
        label = _header(stem + low[0])[0]
        if _is_heading(label):
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
        if low[0] and _is_heading(low[0]):
            label = low
        elif up[0] and low[0]:
            joined = _joined_label(up_cell, low_cell, up, low)
            label = joined if joined else (up if _is_heading(up[0]) else low)
        elif low[0] and group:
            joined = _joined_label(group, low_cell, _cell_header(group), low)
            label = joined if joined else low
        else:
            label = up if up[0] else low
        if label[1] is None and label is low and up[1] is not None:
            label = (label[0], up[1])  # "金额（万元）" over "合计": the unit belongs to the group
        out.append(label)
    return out


def _claim_columns(
    ledger: Ledger, labels: tuple[tuple[str, str | None], ...], matches: list[dict[str, Field | None] | None]
) -> tuple[float, list[Field | None], dict[str, int]]:
    """How strongly ``labels`` say it is ``ledger``: (score, the field each label names, the
    column that claims each field). ``matches`` holds each label's fields in every ledger."""
    matched = [
        None if m is None or (f := m[ledger.name]) is None or not unit_fits(f, unit) else f
        for m, (_, unit) in zip(matches, labels, strict=True)
    ]
    # The same field named twice: the column naming it by an exact synonym wins, then the first.
    chosen: dict[str, int] = {}
    for index, f in enumerate(matched):
        if f is None:
            continue
        exact = labels[index][0] in f.synonyms
        prev = chosen.get(f.name)
        if prev is None or (exact and labels[prev][0] not in f.synonyms):
            chosen[f.name] = index
    own = {f.name for f in ledger.fields}
    score = 0.0
    for name in chosen:
        f = ledger.field(name)
        if name not in own or f.kind in ("place", "pii"):
            score += 0.5 if f.kind == "place" else 0.0
        else:
            score += 3.0 if f.anchor else 1.0
    missing = any(name not in chosen for name in _MUST_HAVE[ledger.name])
    if missing or (ledger.name == "disputes" and not any(name in chosen for name in _DISPUTE_CORE)):
        score = 0.0
    return score, matched, chosen


@lru_cache(maxsize=4096)
def _best_ledger(labels: tuple[tuple[str, str | None], ...]) -> tuple[float, Ledger | None, tuple[Column, ...]]:
    """The ledger a header's labels name best, its score and columns. Cached: the sheets of one
    template (a sheet per month or village) carry the same header over and over."""
    matches = [_matches(label) if label else None for label, _ in labels]
    best: tuple[float, Ledger | None, list[Field | None], dict[str, int]] = (0.0, None, [], {})
    for name in _PRIORITY:
        ledger = LEDGERS[name]
        score, matched, chosen = _claim_columns(ledger, labels, matches)
        if score > best[0]:
            best = (score, ledger, matched, chosen)
    score, ledger, matched, chosen = best
    if ledger is None:
        return 0.0, None, ()
    # Columns only for the ledger that won: a label's field stays with the column that claimed it.
    columns = tuple(
        Column(index, label, unit, matched[index] if chosen.get(getattr(matched[index], "name", "")) == index else None)
        for index, (label, unit) in enumerate(labels)
        if label
    )
    return score, ledger, columns


def _distinct_texts(row: list[object]) -> int:
    texts = set()
    for v in row:
        if v is not None:
            text = (v if isinstance(v, str) else str(v)).strip()
            if text:
                texts.add(text)
    return len(texts)


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
    best: tuple[float, tuple[int, ...], Ledger, tuple[Column, ...]] | None = None
    seen: set[tuple[int, ...]] = set()
    for r in candidates:
        options: list[tuple[int, ...]] = [(r,)]
        # A title or section title ("二、城东社区" merged across the table) is never half of a
        # two-row header: combined, its place name would pass for a column (see _can_pair).
        if r + 1 < len(rows) and _can_pair(rows[r + 1]):
            options.append((r, r + 1))
        if r >= 1 and _can_pair(rows[r - 1]):
            options.append((r - 1, r))
        for header_rows in options:
            if header_rows in seen:
                continue
            seen.add(header_rows)
            if len(header_rows) == 1:
                labels = [_cell_header(v) for v in rows[r]]
            else:
                labels = _combine(rows[header_rows[0]], rows[header_rows[1]])
            score, ledger, columns = _best_ledger(tuple(labels))
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
    return best[1], best[2], list(best[3])


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
            if headings and _header_like(value):
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
        year=year_in_sources(sources),
    )


def _header_like_rows(rows: list[list[object]], header_rows: tuple[int, ...]) -> tuple[int, ...]:
    """The header rows, and the group row just above them when merged cells filled down made the
    row below a complete header on its own (``序号 | 基本情况 | 基本情况 | 走访情况 …``)."""
    first = header_rows[0]
    if first >= 1 and _distinct_texts(rows[first - 1]) >= 2:
        return (first - 1, *header_rows)
    return header_rows

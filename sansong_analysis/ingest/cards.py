"""A household's card: the form of one household over a table of its visits (三送连心卡, 联系卡, 民情卡).

Many teams keep a card a household, a sheet each, its particulars as a form and its visits as a table under them::

    葛坳乡澄江村三送干部联系户连心卡
    户主姓名 | 张三       | 家庭人口   | 4
    所在村组 | 澄江村3组  | 是否贫困户 | 是
    联系干部 | 李明       | 联系电话   | …
    走访记录
    走访日期   | 走访内容     | 干部签名
    2011-03-05 | 了解生产情况 | 李明
    2011-04-06 | 送慰问金     | 李明

Read as a form, the card was its one household of the roster and the table under it skipped as titles: **its
visits lost, nothing said**. The table names no household — it is the card's: each of its rows is read as a visit to
the household the form names (its village and group too, where the form gives them), as if the table had a column
saying so. The form is read over its own rows, the table over the rest, every row counted once in the part it is in.

A card's particulars are a form of one household — two lines of labels a ledger knows are enough here, and no word
of a roster (三送连心卡 names none): the table of visits under them says what they are. Its table is one whose header
names a visit's day and whose title line or header says visits, read as a visit log with records and no more rejects
than records (a card with no visit yet is its household still, where its table says visits). Several cards on one
sheet, one under another, are each read so (``card_segments``), the sheet's title lines the context of each. Anything
else leaves the sheet read as before: as a form, or a table, or 未识别, rows under a form with dates flagged.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from sansong_analysis.ingest.forms import FORM_SEARCH_ROWS, Form, filled_cells, form_pairs
from sansong_analysis.ingest.recognise import Recognition
from sansong_analysis.ingest.stacked import section_start
from sansong_analysis.ingest.table import Table, cell_header, header_like, locate_table
from sansong_analysis.ingest.tidy import ANY_YEAR, SheetResult, is_date_cell, tidy_table
from sansong_analysis.ledgers import match_field

# A card's particulars: two lines of labels a ledger knows at least, stacked (户主姓名 | 钟林生 | 所在组 | 三组 over
# 是否贫困户 | 是 | 帮扶责任人 | 刘文) — a form needs three where nothing else says it is one; here the table of visits
# under them does.
CARD_FORM_LINES = 2
# What says a table under a card is of visits: its title line or its header (走访记录, 走访日期, 入户时间, 民情日记).
_VISIT_WORDS = re.compile(r"走访|入户|慰问|探访|家访|上门|民情")
# The headings the card's household is written under in the table read (its last columns, after the sheet's own).
# (said so, where ``sansong inspect`` lists the columns and a reject its cells: 户主姓名（卡片）=张三).
_CARD_HEADINGS = {"household_head": "户主姓名（卡片）", "village": "村（卡片）", "group": "组（卡片）", "cadre": "走访干部（卡片）"}


@dataclass
class CardVisits:
    """A card's table of visits: its rows ``start``… (0-based), the table found there and the rows it is read over
    (the sheet's title lines, blank rows for the form, then the table's rows with the card's household beside)."""

    start: int
    table: Table
    rows: list[list[object]]


def as_card(form: Form) -> Form | None:
    """``form`` as a card's particulars, its ledger the roster: as recognised, or — a roster's case complete (the
    household named) but unconfirmed or close to another, no word of a roster anywhere (葛坳乡澄江村三送连心卡, 户主姓名 |
    联系干部) — confirmed by the table of visits under it (the caller's to find); None when the form is no household's."""
    recognition = form.table.recognition
    if recognition.ledger is not None:
        return form if recognition.ledger.name == "roster" else None
    # the roster's case, best or next (户主姓名 | 联系干部 alone read as a visit without its day: its day is below)
    roster = next((c for c in (recognition.best, recognition.runner_up)
                   if c is not None and c.ledger.name == "roster" and c.complete), None)
    if roster is None:
        return None
    confirmed = dataclasses.replace(roster, confirmed=True, evidence=(*roster.evidence, "表单下方是该户的走访记录（一户一档）"))
    others = (recognition.best, recognition.runner_up)
    runner_up = next((c for c in others if c is not None and c is not roster), None)
    table = dataclasses.replace(form.table, ledger=roster.ledger, columns=list(roster.columns),
                                recognition=Recognition("recognised", confirmed, runner_up))
    return dataclasses.replace(form, table=table)


def visits_header(rows: list[list[object]], start: int = 0) -> int | None:
    """The row that may head a card's table of visits: near the top of the sheet (or of a card from row ``start``)
    under a form's lines, the first with two cells filled, one a heading a visit log reads as its day (走访日期 |
    走访内容); None when none does. (Read as part of the form, the header and the rows under it pass for label lines:
    入户时间 | 走访内容.)"""
    return next((r for r in range(start + CARD_FORM_LINES, min(len(rows), start + FORM_SEARCH_ROWS))
                 if _filled(rows[r]) >= 2 and _names_a_day(rows[r])), None)


def card_visits(rows: list[list[object]], form: Form, result: SheetResult, header: int, sheet_name: str,
                file_stem: str, folders: list[str], hidden_cols: frozenset[int] = frozenset()) -> CardVisits | None:
    """The visit table at row ``header`` (``visits_header``) under a roster form of one household (``form``, read over
    the rows above it as ``result``), or None."""
    if form.table.ledger.name != "roster" or result.n_records != 1 or result.n_rejects:
        return None
    household = {name: result.records[name][0] for name in ("household_head", "village", "group") if name in result.records}
    at = next((r for r, g in enumerate(form.grid) if g), None)
    if not household.get("household_head") or at is None:
        return None
    first, start = _table_start(rows, form, at, header)
    if not _says_visits(rows, start, header):
        return None  # a table of the household's income, its measures of help (日期 | 帮扶措施): no visits said
    view = [*rows[:first], *([] for _ in range(first, start)), *rows[start:]]
    found = _visits(view, start, header, {}, sheet_name, file_stem, folders, hidden_cols)  # its own household column
    if found is None:
        found = _visits(view, start, header, household, sheet_name, file_stem, folders, hidden_cols)
        cadre = (result.records.get("cadre") or [None])[0]
        if found is not None and "cadre" not in found.table.fields and cadre:
            # No cadre in the table (a 干部签名 column, or none): the card's own (联系干部), as the roster reads it
            found = _visits(view, start, header, {**household, "cadre": cadre}, sheet_name, file_stem, folders,
                            hidden_cols) or found
    return found


def card_without_visits(rows: list[list[object]], form: Form, header: int) -> bool:
    """Whether the table at row ``header`` under a household's particulars (``form``) says it is of visits, whatever
    its rows hold — none yet: a card all the same (its household the roster's)."""
    at = next((r for r, g in enumerate(form.grid) if g), None)
    return at is not None and _says_visits(rows, _table_start(rows, form, at, header)[1], header)


def _table_start(rows: list[list[object]], form: Form, at: int, header: int) -> tuple[int, int]:
    """The card's first form line, and where its table begins: from its title line («走访记录»); what stands between
    the form and it (a table of the family's members, in a household's 帮扶手册) is the form's part, skipped as titles
    as it was."""
    lines = sorted({at, *form.form_rows})
    return lines[0], section_start(rows, header, lines[-1] + 1)


def _says_visits(rows: list[list[object]], start: int, header: int) -> bool:
    return any(isinstance(v, str) and _VISIT_WORDS.search(v) for row in rows[start:header + 1] for v in row)


def _visits(view: list[list[object]], start: int, header: int, beside: dict[str, object], sheet_name: str,
            file_stem: str, folders: list[str], hidden_cols: frozenset[int]) -> CardVisits | None:
    """The table at row ``header`` of ``view`` read as a visit log, the card's fields (``beside``: field → value)
    written in columns after its own, over its header and each row that holds a visit (two cells, or one date);
    None unless it reads so, the household where it was written, with records and no more rejects than records."""
    width = max(len(row) for row in view[start:])
    written = {name: value for name, value in beside.items() if value}
    if written:
        view = [*view[:header],
                [*view[header], *([None] * (width - len(view[header]))), *(_CARD_HEADINGS[n] for n in written)],
                *([*row, *([None] * (width - len(row))), *written.values()] if _a_visit(row) else row
                  for row in view[header + 1:])]
    table = locate_table(view, sheet_name, file_stem, folders, start=start, hidden_cols=hidden_cols)
    if table is None or table.recognition.ledger is None or table.ledger.name != "visits":
        return None
    read = table.fields.get("household_head")
    if read is None or "visit_date" not in table.fields or table.header_rows[0] != header or (
            written and read.index != width):
        return None
    visits = tidy_table(view, table, "", "", first_row=start)
    if not visits.n_records or visits.n_rejects > visits.n_records:
        return None
    return CardVisits(start, table, view)


def _names_a_day(row: list[object]) -> bool:
    """Whether a row holds a heading a visit log reads as its day (走访日期, 入户时间, 日期). Asked of the rows near the
    top of every sheet that may be a card: each distinct text judged once."""
    return any(_day_heading(v) for v in set(row) if isinstance(v, str) and v)


@lru_cache(maxsize=65536)
def _day_heading(text: str) -> bool:
    if not header_like(text):  # most text near the top of a sheet is no heading (names, dates): at once
        return False
    field = match_field("visits", cell_header(text)[0])
    return field is not None and field.name == "visit_date"


def card_segments(rows: list[list[object]], header: int) -> list[tuple[int, int]] | None:
    """Several cards on one sheet (a village's, one under another), the first one's table of visits headed at row
    ``header``: each card's rows ``(first, end)`` — from its particulars' first line (its own title line above them
    with it), the first card from the sheet's top —; None when no other household's particulars stand below."""
    heads = [r for r in range(header + 1, len(rows)) if names_household(rows[r])]
    if not heads:
        return None
    starts: list[int] = []
    for head in heads:
        floor = starts[-1] if starts else header + 1
        first = head
        while first - 1 > floor and form_pairs(rows[first - 1]) is not None:
            first -= 1  # the particulars' lines above the household's (所在村组 | …)
        starts.append(section_start(rows, first, floor))
    bounds = [0, *starts, len(rows)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def names_household(row: list[object]) -> bool:
    """Whether a row is a form line naming a household (户主姓名 | 李四 | 所在组 | 四组): a card's particulars."""
    pairs = form_pairs(row)
    return bool(pairs) and any(_household_heading(row[c]) for c, value in pairs if value is not None)


@lru_cache(maxsize=4096)
def _household_heading(text: object) -> bool:
    field = match_field("roster", cell_header(text)[0]) if isinstance(text, str) else None
    return field is not None and field.name == "household_head"


def _filled(row: list[object]) -> int:
    return len(filled_cells(row))


def _a_visit(row: list[object]) -> bool:
    """A row of the table that may be a visit: two cells filled, or one date (not a note: 备注：每月走访一次)."""
    filled = filled_cells(row)
    return len(filled) >= 2 or len(filled) == 1 and is_date_cell(filled[0], ANY_YEAR)

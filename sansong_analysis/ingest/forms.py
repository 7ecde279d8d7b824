"""Forms: one record per block of rows, labels beside their values.

Many offices print a form per household rather than a table (the WPS 入户走访记录表):

    入户走访记录表
    户主     | 刘长生 | 家庭人口 | 4          | 所在组   | 一组
    走访干部 | 陈明   | 走访时间 | 2011年3月8日 | 联系电话 | …
    走访内容 | 了解春耕生产情况，宣传惠农政策
    帮扶措施 | 协调化肥两包
    户主签字 |        |          |            | 干部签字 |

Read as a table, its row labels would become households. Read as a form, each block is one
record: its labels are the headings, the cells beside them the values. A sheet is a form when,
near its top, rows of labels alternating with values are stacked over each other (a table's
header has its labels side by side, and data below them). Which ledger the labels name is then
decided exactly as for a table's header (``recognise``).

Blocks are runs of form lines between blank or title rows; a run is split where a line repeats a
label of the block above it (户主 again: the next household's). The record's row is the row of the
first field its ledger needs (the household, for a visit); the block's other lines are skipped as
``form`` lines, and a block without that field as notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sansong_analysis.ingest.places import resolve_context, year_in_sources
from sansong_analysis.ingest.recognise import Column, Recognition, decide, score_candidate
from sansong_analysis.ingest.table import (
    Table,
    cell_header,
    context_sources,
    header_like,
    header_readings,
    names_poor_list,
)
from sansong_analysis.ledgers import LEDGERS

FORM_SEARCH_ROWS = 40
# At least this many lines of labels beside values, two of them stacked label over label, make
# a form; a table's header and the odd "填表单位：××乡" line above it never do.
MIN_FORM_LINES = 3


def _filled(v: object) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


def filled_cells(row: list[object]) -> list[object]:
    """A row's cells that hold something (not None, not blank text)."""
    return [v for v in row if _filled(v)]


def _label(v: object) -> bool:
    return isinstance(v, str) and header_like(v.strip())


_LABEL_MAX = 12


def _label_like(v: object) -> bool:
    """Text that can be a form's row label though no ledger knows it (帮扶措施, 户主签字): short,
    no digits (a value, such as a date or a number, has some)."""
    if not isinstance(v, str):
        return False
    s = v.strip()
    return 0 < len(s) <= _LABEL_MAX and not any(map(str.isdigit, s))


def form_pairs(row: list[object], label_columns: frozenset[int] = frozenset(),
               first_known: bool = False) -> list[tuple[int, int | None]] | None:
    """A form line's (label column, value column) pairs, None when the row is no form line.

    A form line holds labels each followed by its value (or by nothing: a signature line), and
    never two known headings side by side (a header does); merged value cells repeat their
    text. Once a sheet is known to be a form, short text in one of its ``label_columns`` is a
    label too, whether or not a ledger knows the word; with ``first_known``, only after a first
    label a ledger knows (日期 | 2011-03-05 | 天气 | 晴, where other lines have a known label
    over 天气: while telling whether a sheet is a form).
    """
    first = next((c for c, v in enumerate(row) if _filled(v)), None)
    if first is None or not isinstance(row[first], str):
        return None  # most rows start with a number or a name: no form line, found at once
    cells = [(c, v) for c, v in enumerate(row) if _filled(v)]

    def is_label(c: int, v: object) -> bool:
        if not label_columns or first_known and c == first:
            return _label(v)
        return c in label_columns and (_label(v) or _label_like(v))

    if not cells or not is_label(*cells[0]):
        return None
    if len({str(v).strip() for _, v in cells}) == 1:
        return None  # one text, maybe merged across: a title
    pairs: list[tuple[int, int | None]] = []
    i = 0
    while i < len(cells):
        c, v = cells[i]
        if not is_label(c, v):
            return None  # a value with no label before it
        j = i + 1
        value = cells[j][0] if j < len(cells) and not is_label(*cells[j]) else None
        if first_known and value is not None and value == c + 1 and _label(cells[j][1]):
            return None  # telling a form: a known heading beside a label is two headings side by side, as ever
        if value is None and j < len(cells) and cells[j][0] == c + 1 and _label(v) and _label(cells[j][1]):
            return None  # two known headings side by side: a header
        pairs.append((c, value))
        i = j + 1 if value is not None else j
        # a merged value spans several cells: skip its copies
        while value is not None and i < len(cells) and cells[i][1] == cells[j][1]:
            i += 1
    if not label_columns and not any(value is not None for _, value in pairs):
        return None
    return pairs


def _form_lines(rows: list[list[object]], start: int = 0) -> tuple[int, bool, frozenset[int]]:
    """Near the top of a sheet (or from row ``start``): how many form lines, whether two are stacked label over label,
    and the columns their labels stand in. Told twice: by the labels a ledger knows, then with
    short text in those lines' label columns taken for labels after a known first one (a
    民情日记's 日期 | 2011-03-05 | 天气 | 晴 under 走访对象 | 张三 | 走访干部 | 李明: its lines were no
    form lines, the diary read as a table of its label lines)."""
    near = rows[start:start + FORM_SEARCH_ROWS]
    _, _, known = _form_sweep(near, frozenset())
    return _form_sweep(near, known) if known else (0, False, known)


def _form_sweep(rows: list[list[object]], known: frozenset[int]) -> tuple[int, bool, frozenset[int]]:
    lines = 0
    stacked = False
    previous: set[int] | None = None
    label_columns: set[int] = set()
    for row in rows:
        pairs = form_pairs(row, known, first_known=True)
        if pairs is None:
            previous = None if any(_filled(v) for v in row) else previous
            continue
        lines += 1
        columns = {c for c, _ in pairs}
        label_columns |= columns
        stacked = stacked or (previous is not None and bool(columns & previous))
        previous = columns
    return lines, stacked, frozenset(label_columns)


def looks_like_form(rows: list[list[object]], min_lines: int = MIN_FORM_LINES, start: int = 0) -> bool:
    """Whether the top of a sheet (from row ``start``) is a form: stacked lines of labels beside their values
    (``min_lines`` at least)."""
    return form_columns(rows, min_lines, start) is not None


def form_columns(rows: list[list[object]], min_lines: int = MIN_FORM_LINES, start: int = 0) -> frozenset[int] | None:
    """The columns a form's labels stand in, when the top of the sheet (from row ``start``) is a form; else None."""
    lines, stacked, columns = _form_lines(rows, start)
    return columns if lines >= min_lines and stacked else None


# A label and its value in one cell (户主姓名：张三, 走访时间:2011年3月5日): a form typed as text, or converted from Word.
_LABEL_IN_CELL = re.compile(r"^\s*([^:：()（）\d]{2,10}?)\s*[:：]\s*(.+?)\s*$", re.S)


def labels_split(rows: list[list[object]]) -> list[list[object]] | None:
    """The rows with each cell holding a known label and its value (户主姓名：张三) as two cells, label then value, where
    three rows near the top hold such cells, two of them two at least; None otherwise (a 填报单位：葛坳乡 line over a
    table, or a page of instructions a label a line, is not a form)."""
    def split(cell: object) -> list[object] | None:
        if not isinstance(cell, str) or ("：" not in cell and ":" not in cell):
            return None
        found = _LABEL_IN_CELL.match(cell)
        return [found.group(1), found.group(2)] if found is not None and _label(found.group(1)) else None

    near = [sum(1 for v in row if split(v)) for row in rows[:FORM_SEARCH_ROWS]]
    # three lines holding such cells, two of them side by side in a line at least twice: a form's lines, not a column of
    # explanations (填表说明: 户主（必填）：户主姓名，与名单上的写法一致)
    if sum(1 for n in near if n) < MIN_FORM_LINES or sum(1 for n in near if n >= 2) < 2:
        return None
    return [[part for v in row for part in (split(v) or [v])] for row in rows]


@dataclass
class Form:
    """A form read: its table (labels as headings) and a grid with one row per block, each at
    the sheet row of its block's first needed field."""

    table: Table
    grid: list[list[object]]
    form_rows: set[int]  # the other lines of each block: skipped as ``form``
    loose_rows: set[int]  # label lines in no block of a record (a 填表人 line): skipped as notes


def read_form(rows: list[list[object]], sheet_name: str, file_stem: str, folders: list[str],
              min_lines: int = MIN_FORM_LINES, start: int = 0) -> Form | None:
    """The form in a sheet and the verdict on its ledger; None when the sheet is no form (``min_lines`` stacked lines of
    labels a ledger knows at least: fewer where something else says it is one, a card's table of visits under it;
    told from row ``start``: a card further down a sheet of several)."""
    count, stacked, label_columns = _form_lines(rows, start)
    if count < min_lines or not stacked:
        return None
    labels: list[str] = []
    units: dict[str, str | None] = {}
    lines: dict[int, list[tuple[str, object]]] = {}
    for r, row in enumerate(rows):
        pairs = form_pairs(row, label_columns)
        if pairs is None:
            continue
        line = []
        for c, value_col in pairs:
            label, unit = cell_header(row[c])
            if label not in units:
                labels.append(label)
                units[label] = unit
            line.append((label, row[value_col] if value_col is not None else None))
        lines[r] = line
    first = min(lines)
    header = tuple((label, units[label]) for label in labels)
    sources = context_sources(rows, first, sheet_name, file_stem, folders)
    recognition = decide([
        score_candidate(LEDGERS[name], cols, sources, case) for name, (cols, case) in header_readings(header).items()
    ])
    best = recognition.best
    if best is None:
        return None
    table = Table(
        ledger=best.ledger, header_rows=(), columns=list(best.columns), body_start=0,
        context=resolve_context(sources), year=year_in_sources(sources),
        recognition=Recognition(recognition.status, best, recognition.runner_up,
                                recognition.reason and f"表单式记录：{recognition.reason}"),
        poor_list=names_poor_list(sources[0][1], sheet_name), title=sources[0][1],
    )
    grid, form_rows, loose = _blocks(rows, lines, labels, best.columns, best.ledger.needs)
    return Form(table, grid, form_rows, loose)


def _blocks(rows, lines, labels, columns: tuple[Column, ...], needs):
    """One grid row per block, at the row of the block's anchor field; the block's other lines;
    and the lines of runs that name no anchor field at all (no record: notes)."""
    index = {label: i for i, label in enumerate(labels)}
    anchor_fields = set(needs[0]) if needs else set()
    anchors = {c.header for c in columns if c.field is not None and c.field.name in anchor_fields}
    grid: list[list[object]] = [[] for _ in rows]
    form_rows: set[int] = set()
    runs: list[list[int]] = []
    for r in range(len(rows)):
        if r in lines:
            if runs and runs[-1][-1] == r - 1:
                runs[-1].append(r)
            else:
                runs.append([r])
    loose: set[int] = set()
    for run in runs:
        for block in _split_run(run, lines, anchors):
            starts = [r for r in block if any(label in anchors for label, _ in lines[r])]
            if not starts:
                loose.update(block)
                continue
            at = starts[0]
            values: list[object] = [None] * len(labels)
            for r in block:
                for label, value in lines[r]:
                    if values[index[label]] is None:
                        values[index[label]] = value
            grid[at] = values
            form_rows.update(r for r in block if r != at)
    return grid, form_rows, loose


def _split_run(run: list[int], lines: dict[int, list[tuple[str, object]]], anchors: set[str]) -> list[list[int]]:
    """A run of form lines cut into blocks, a block each time a line repeats a label of the block it is in (户主 again:
    the next household's; 日期 again: the next diary entry's, its lines before the household's too) — but for a part
    that names no record's first field (走访干部 again on a 第二次走访时间 line, the same household's), kept with the
    block above. Cut at each line naming a record's first field instead, a disputes form holding 纠纷类型 and 调处结果
    on two lines was two disputes."""
    parts: list[list[int]] = []
    seen: set[str] = set()
    for r in run:
        here = {label for label, _ in lines[r]}
        if not parts or here & seen:
            parts.append([])
            seen = set()
        parts[-1].append(r)
        seen |= here
    blocks: list[list[int]] = []
    for part in parts:
        if blocks and not any(label in anchors for r in part for label, _ in lines[r]):
            blocks[-1].extend(part)  # no record of its own: the block above's
        else:
            blocks.append(part)
    return blocks

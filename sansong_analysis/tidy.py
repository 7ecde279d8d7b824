"""A located table → one ledger's tidy rows, rejects and skip counts, lineage kept.

Joins ``locate`` (where the columns are) and ``values`` (how a cell reads)
through ``ledgers``' declarations. Each body row ends as exactly one of:
a record, a reject with a one-sentence reason, or a skipped row (title,
header, blank, subtotal, note), so that for every sheet
rows read = records + rejects + skipped.

Values are parsed once per distinct cell value in a column and mapped back.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from . import values
from .context import places_in_text
from .ledgers import LINEAGE, Field, Ledger
from .locate import Table, _cell_header
from .pii import cell_text, redact

SKIP_KINDS = ("title", "header", "blank", "subtotal", "note")

_SUBTOTAL = re.compile(
    r"^(?:合计|小计|总计|共计|累计|总合计|合\s*计|小\s*计|总\s*计|本[月年页季周]\S*[共计合]|全[年乡镇村]合计|以上合计|[\S]{0,8}(?:合计|小计|总计)$)"
)
_NOTE = re.compile(
    r"^(?:注|备注|说明|附注|填表人|填报人|制表人|制表|统计人|审核人|审核|审批|负责人|单位负责人|分管领导|主要领导|"
    r"联系人|填表日期|填报日期|制表日期|报送日期|签字|签名|盖章|\(盖章\)|（盖章）|领导签字|经办人)"
)
_KINDS_WITH_SCALE = {"amount", "area", "length"}


@dataclass
class SheetResult:
    """What one sheet became, with its accounting."""

    source_file: str
    source_sheet: str
    ledger: str | None
    rows_read: int
    records: pd.DataFrame | None = None
    rejects: list[dict] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    note: str | None = None
    context: dict = field(default_factory=dict)

    @property
    def n_records(self) -> int:
        return 0 if self.records is None else len(self.records)

    @property
    def n_rejects(self) -> int:
        return len(self.rejects)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.n_records + self.n_rejects + self.n_skipped


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _compact(value: object) -> str:
    return re.sub(r"\s+", "", value) if isinstance(value, str) else ""


def _is_number_row(cells: list[object]) -> bool:
    """The column-number row many templates put under the header: 1 2 3 4 … (or 甲 乙 丙)."""
    nums = []
    for v in cells:
        if isinstance(v, bool):
            return False
        if isinstance(v, int | float):
            nums.append(v)
        elif isinstance(v, str) and v.strip().isdigit():
            nums.append(int(v.strip()))
        elif isinstance(v, str) and v.strip() in "甲乙丙丁戊己庚辛壬癸":
            continue
        else:
            return False
    return len(nums) >= 3 and all(b == a + 1 for a, b in zip(nums, nums[1:], strict=False))


def _is_words(value: object) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    text = value.strip().rstrip(".、")
    return not text.isdigit()


def _is_signature_date(value: object) -> bool:
    """A date written out in words on its own ("2011年12月31日"): the date line under a signature."""
    if not isinstance(value, str) or "年" not in value:
        return False
    try:
        return values.parse_date(value) is not None
    except values.ValueProblem:
        return False


def classify_row(row: list[object], table: Table, content_cols: list[int], required_cols: set[int]) -> str | None:
    """Why a body row is skipped (a SKIP_KINDS word), or None when it should be a record."""
    content = [(c, row[c]) for c in content_cols if c < len(row) and not _empty(row[c])]
    serial = table.fields.get("serial")
    if serial is not None and serial.index < len(row) and _is_words(row[serial.index]):
        # "合计" or "注：…" written in the 序号 column is content; a bare number is not.
        content = sorted([(serial.index, row[serial.index]), *content], key=lambda cv: cv[0])
    if not content:
        return "blank"
    texts = [_compact(v) for _, v in content if isinstance(v, str)]
    if any(_SUBTOTAL.match(t) for t in texts):
        return "subtotal"
    first = content[0][1]
    if isinstance(first, str) and _NOTE.match(_compact(first)):
        return "note"
    header_hits = sum(1 for col in table.columns if col.index < len(row) and _cell_header(row[col.index])[0] == col.header)
    if header_hits >= 2:
        return "header"
    if _is_number_row([v for _, v in content]):
        return "header"
    # One value, possibly spread over several cells by a merged range ("2011年12月31日"
    # merged across the signature columns), outside the columns a record needs.
    spread = len(content) > 1 and isinstance(first, str) and len({v for _, v in content}) == 1
    if spread or (len(content) == 1 and (content[0][0] not in required_cols or _is_signature_date(first))):
        return "title" if isinstance(first, str) and places_in_text(first) != places_in_text("") else "note"
    return None


def _parser_for(f: Field, scale: float):
    parse = values.PARSERS[f.kind]
    if f.kind in _KINDS_WITH_SCALE:
        return lambda v: parse(v, unit_scale=scale)
    return parse


def _parse_column(raw: list[object], f: Field, scale: float) -> tuple[list[object], list[str | None]]:
    """Parse a column's distinct values once; return per-row values and problems."""
    parse = _parser_for(f, scale)
    cache: dict[tuple[type, object], tuple[object, str | None]] = {}
    out_values: list[object] = []
    out_problems: list[str | None] = []
    for v in raw:
        key = (type(v), v)
        hit = cache.get(key)
        if hit is None:
            try:
                parsed = parse(v)
                if isinstance(parsed, str):
                    parsed = redact(parsed)
                hit = (parsed, None)
            except values.ValueProblem as problem:
                hit = (None, f"{f.label}{problem}" if str(problem).startswith("「") else str(problem))
            cache[key] = hit
        out_values.append(hit[0])
        out_problems.append(hit[1])
    return out_values, out_problems


def tidy_table(
    rows: list[list[object]], table: Table, source_file: str, source_sheet: str
) -> SheetResult:
    """Records, rejects and skip counts for one located table."""
    ledger: Ledger = table.ledger
    result = SheetResult(source_file, source_sheet, ledger.name, rows_read=len(rows))
    result.context = {
        "township": table.context.township, "village": table.context.village,
        "township_source": table.context.township_source, "village_source": table.context.village_source,
    }
    for r in range(min(table.body_start, len(rows))):
        if r in table.header_rows:
            result.skipped["header"] += 1
        elif all(_empty(v) for v in rows[r]):
            result.skipped["blank"] += 1
        else:
            result.skipped["title"] += 1

    fields = table.fields
    serial = fields.get("serial")
    content_cols = sorted({c.index for c in table.columns if c is not serial} | _unlabelled_columns(rows, table))
    required_cols = {fields[f.name].index for f in ledger.fields if f.required and f.name in fields}
    pii_cols = {c.index for c in table.columns if c.field is not None and c.field.kind == "pii"}

    township = table.context.township
    village = table.context.village
    record_rows: list[int] = []
    row_township: list[str | None] = []
    row_village: list[str | None] = []
    for r in range(table.body_start, len(rows)):
        row = rows[r]
        kind = classify_row(row, table, content_cols, required_cols)
        if kind is None:
            record_rows.append(r)
            row_township.append(township)
            row_village.append(village)
            continue
        result.skipped[kind] += 1
        if kind == "title":
            # A section title inside the body ("二、新屋村") names the place of the rows below it.
            text = next(v for c in content_cols if c < len(row) and isinstance(v := row[c], str) and v.strip())
            places = places_in_text(text)
            township = places.township or township
            village = places.village or village

    if not record_rows:
        return result

    columns: dict[str, list[object]] = {}
    problems: list[list[str | None]] = []
    for f in ledger.fields:
        if f.name not in fields or not f.stored or f.kind in ("derived", "pii", "lineage"):
            continue
        col = fields[f.name]
        raw = [rows[r][col.index] if col.index < len(rows[r]) else "" for r in record_rows]
        if f.kind == "place":
            raw = _fill_down(raw)
        parsed, col_problems = _parse_column(raw, f, table.scale(col))
        if f.required:
            col_problems = [p or (f"缺少{f.label}" if v is None else None) for v, p in zip(parsed, col_problems, strict=True)]
        columns[f.name] = parsed
        problems.append(col_problems)
    for f in ledger.fields:
        if f.required and f.name not in fields:
            columns[f.name] = [None] * len(record_rows)  # unreachable: locate requires them

    # Place: the row's own column first, then the table's context.
    towns = columns.get("township") or [None] * len(record_rows)
    villages = columns.get("village") or [None] * len(record_rows)
    columns["township"] = [t or ctx for t, ctx in zip(towns, row_township, strict=True)]
    columns["village"] = [v or ctx for v, ctx in zip(villages, row_village, strict=True)]
    no_township = [None if t else "无法确定所属乡镇：表中没有乡镇列，标题、工作表名、文件名和文件夹名中也没有乡镇名" for t in columns["township"]]
    problems.append(no_township)

    reasons = [next((p for p in row_problems if p), None) for row_problems in zip(*problems, strict=True)]
    keep = [i for i, reason in enumerate(reasons) if reason is None]
    for i, reason in enumerate(reasons):
        if reason is None:
            continue
        r = record_rows[i]
        result.rejects.append(
            {
                "source_file": source_file, "source_sheet": source_sheet, "source_row": r + 1,
                "ledger": ledger.name, "township": columns["township"][i], "village": columns["village"][i],
                "reason": f"{reason}。" if not reason.endswith("。") else reason,
                "raw_cells": _raw_cells(rows[r], table, pii_cols),
            }
        )
    frame = pd.DataFrame({name: [vals[i] for i in keep] for name, vals in columns.items()})
    frame.insert(0, "source_row", [record_rows[i] + 1 for i in keep])
    frame.insert(0, "source_sheet", source_sheet)
    frame.insert(0, "source_file", source_file)
    result.records = _finish(frame, ledger)
    return result


def _unlabelled_columns(rows: list[list[object]], table: Table) -> set[int]:
    """Columns with no heading still count as content (a value typed beside the table)."""
    labelled = {c.index for c in table.columns}
    width = max((len(r) for r in rows), default=0)
    return {c for c in range(width) if c not in labelled}


def _fill_down(raw: list[object]) -> list[object]:
    """A village written once above the rows that belong to it (unmerged) reads on each of them."""
    out: list[object] = []
    last: object = ""
    for v in raw:
        if _empty(v) or values.is_empty(v):
            out.append(last)
        else:
            out.append(v)
            last = v
    return out


def _raw_cells(row: list[object], table: Table, pii_cols: set[int]) -> str:
    headers = {c.index: c.header for c in table.columns}
    parts = []
    for c, v in enumerate(row):
        if c in pii_cols or _empty(v):
            continue
        parts.append(f"{headers.get(c, f'第{c + 1}列')}={cell_text(v)}")
    return "；".join(parts)


def _finish(frame: pd.DataFrame, ledger: Ledger) -> pd.DataFrame:
    """Split compound values into their columns and fill defaults for absent columns."""
    if ledger.name == "funds":
        amounts = frame.get("amount_yuan", pd.Series([None] * len(frame)))
        frame["amount_yuan"] = [a[0] if a else None for a in amounts]
        frame["amount_qualifier"] = [a[1] if a else "exact" for a in amounts]
    for name in ("relief_yuan", "investment_yuan"):
        if name in frame:
            frame[name] = [a[0] if a else None for a in frame[name]]
    defaults = {"visit_kind": "visit", "dispute_type": "other", "outcome": "pending", "legal_aid": False, "is_poor": False}
    for f in ledger.fields:
        if f.stored and f.name not in frame and f.kind != "derived":
            frame[f.name] = defaults.get(f.name)
    return frame


LINEAGE_NAMES = [f.name for f in LINEAGE]

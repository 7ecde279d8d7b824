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
from .locate import Table, _cell_header, _row_header_score, unit_notes
from .pii import cell_text, redact

SKIP_KINDS = ("title", "header", "blank", "subtotal", "note")

# "本月共走访3户", "本页小计": but not "本年度计划脱贫", a remark that happens to start with 本年.
_SUBTOTAL = re.compile(
    r"^(?:合计|小计|总计|共计|累计|总合计|合\s*计|小\s*计|总\s*计|本[月年页季周]度?\S{0,4}?(?:共|合计|小计|总计|累计)"
    r"|全[年乡镇村]合计|以上合计|[\S]{0,8}(?:合计|小计|总计)$"
    r"|[共总]\S{0,6}?[0-9０-９]+[户人次起项个笔元][。.]?$)"  # 共走访15户, 总户数15户: a count, never a name
)
_NOTE = re.compile(
    r"^(?:注|备注|说明|附注|填表人|填报人|制表人|制表|统计人|审核人|审核|审批|负责人|单位负责人|分管领导|主要领导|"
    r"联系人|填表日期|填报日期|制表日期|报送日期|签字|签名|盖章|\(盖章\)|（盖章）|领导签字|经办人"
    r"|[(（]?以下(?:空白|无|为空)|[(（]?此页无|本页(?:以下)?空白)"
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
    village_hints: tuple[str, ...] = ()  # see context.PlaceContext; resolved across files by clean

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


def _repeats_header_row(row: list[object], table: Table) -> bool:
    """The header printed again at a page break: a row that repeats one of the header rows
    (the group row of a two-row header, 序号 | 基本情况 | 基本情况 | 走访情况 …, included)."""
    labels = [_cell_header(v)[0] for v in row]
    filled = [label for label in labels if label]
    for texts in table.header_texts:
        same = sum(1 for c, label in enumerate(labels) if label and c < len(texts) and label == texts[c])
        if same >= 2 and same * 2 > len(filled):
            return True
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
    # A remark is the office's own words about a record ("本月共走访2次"), never a total's label.
    remark = table.fields.get("remark")
    texts = [_compact(v) for c, v in content if isinstance(v, str) and (remark is None or c != remark.index)]
    if any(_SUBTOTAL.match(t) for t in texts):
        return "subtotal"
    first = content[0][1]
    if isinstance(first, str) and _NOTE.match(_compact(first)):
        return "note"
    header_hits = sum(1 for col in table.columns if col.index < len(row) and _cell_header(row[col.index])[0] == col.header)
    if header_hits >= 2 or _repeats_header_row(row, table):
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


def _reason(f: Field, problem: str) -> str:
    """The problem under the column's own name: ``投资额（元）「待定」无法识别``, not ``金额「待定」…``."""
    word, quote, rest = problem.partition("「")
    if not quote:
        return problem
    return problem if word and word in f.label else f"{f.label}「{rest}"


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
                hit = (None, _reason(f, str(problem)))
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
        # The group row just above a header whose merged cells, filled down, made it one row.
        group_row = r == table.header_rows[0] - 1 and _row_header_score(rows[r]) >= 2
        if r in table.header_rows or group_row:
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

    result.village_hints = table.context.village_hints
    township = table.context.township
    village = table.context.village
    record_rows: list[int] = []
    note_rows: list[list[object]] = []
    row_township: list[str | None] = []
    row_village: list[str | None] = []
    row_block: list[int] = []  # rows between two subtotal/title/header rows share a block
    row_section: list[int] = []  # rows under the same section title ("二、上坪村")
    block = section = 0
    for r in range(table.body_start, len(rows)):
        row = rows[r]
        kind = classify_row(row, table, content_cols, required_cols)
        if kind is None:
            record_rows.append(r)
            row_township.append(township)
            row_village.append(village)
            row_block.append(block)
            row_section.append(section)
            continue
        if kind != "blank":
            block += 1
        result.skipped[kind] += 1
        if kind == "note":
            note_rows.append(row)
        if kind == "title":
            # A section title inside the body ("二、新屋村") names the place of the rows below it.
            # (It may stand in the 序号 column, which classify_row reads for words too.)
            text = next((v for v in row if isinstance(v, str) and v.strip()), "")
            places = places_in_text(text)
            if places.township and places.township != township:
                village = None  # another township's section: the last section's village is not its
            township = places.township or township
            village = places.village or village
            section += 1

    if not record_rows:
        return result
    # "注：金额单位：万元" under the table says it as clearly as a note above the header (which wins).
    for kind, unit in unit_notes(note_rows).items():
        table.unit_notes.setdefault(kind, unit)
    totals = _unlabelled_totals(rows, table, record_rows, row_block, content_cols)
    if totals:
        result.skipped["subtotal"] += len(totals)
        keep_rows = [i for i in range(len(record_rows)) if i not in totals]
        record_rows = [record_rows[i] for i in keep_rows]
        row_township = [row_township[i] for i in keep_rows]
        row_village = [row_village[i] for i in keep_rows]
        row_section = [row_section[i] for i in keep_rows]
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
            raw = _fill_down(raw, row_section)
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
    towns, villages = _split_township_village(towns, villages)
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


def _measure(f: Field, table: Table, value: object) -> float | None:
    try:
        parsed = _parser_for(f, table.scale(table.fields[f.name]))(value)
    except values.ValueProblem:
        return None
    return parsed[0] if isinstance(parsed, tuple) else parsed


def _unlabelled_totals(
    rows: list[list[object]], table: Table, record_rows: list[int], row_block: list[int], content_cols: list[int]
) -> set[int]:
    """Positions in ``record_rows`` of totals typed without a 合计 label: a row holding nothing but
    a number in a quantity column, equal to the sum of that column over the rows above it (in
    its block, or in the whole table). Any other lone number stays a record.
    """
    by_index = {c.index: c.field for c in table.columns if c.field is not None and c.field.kind in _KINDS_WITH_SCALE}
    candidates: dict[int, list[int]] = {}
    lone: set[int] = set()
    for i, r in enumerate(record_rows):
        row = rows[r]
        content = [c for c in content_cols if c < len(row) and not _empty(row[c])]
        if len(content) != 1:
            continue
        lone.add(i)
        # A total sits last in its block, under rows that say more than a number.
        last = i + 1 == len(record_rows) or row_block[i + 1] != row_block[i] or record_rows[i + 1] != r + 1
        if last and content[0] in by_index and i >= 2 and _is_plain_number(row[content[0]]):
            candidates.setdefault(content[0], []).append(i)
    totals: set[int] = set()
    for col, positions in candidates.items():
        f = by_index[col]
        cache: dict[tuple[type, object], float | None] = {}
        whole = block_sum = 0.0
        counted = 0
        block = None
        wanted = set(positions)
        for i, r in enumerate(record_rows):
            if row_block[i] != block:
                block, block_sum = row_block[i], 0.0
            cell = rows[r][col] if col < len(rows[r]) else ""
            key = (type(cell), cell)
            if key not in cache:
                cache[key] = _measure(f, table, cell)
            value = cache[key]
            if i in wanted and value is not None and counted >= 2 and (
                abs(whole - value) < 0.005 or abs(block_sum - value) < 0.005
            ):
                totals.add(i)
                continue
            if value is not None:
                whole += value
                block_sum += value
                counted += i not in lone
    return totals


def _is_plain_number(cell: object) -> bool:
    if isinstance(cell, bool):
        return False
    return isinstance(cell, int | float) or (isinstance(cell, str) and re.fullmatch(r"[0-9,.]+", cell.strip()) is not None)


def _split_township_village(towns: list, villages: list) -> tuple[list, list]:
    """A village column written ``黄坑乡新屋村`` (as county summaries do): the village is 新屋村, and
    黄坑乡 the township when the row has no township of its own."""
    cache: dict[str, tuple[str | None, str | None]] = {}
    out_towns, out_villages = list(towns), list(villages)
    for i, v in enumerate(villages):
        if not isinstance(v, str) or len(v) < 5:
            continue
        if v not in cache:
            found = places_in_text(v)
            whole = found.township and found.village and v.endswith(found.village) and v.startswith(found.township)
            cache[v] = (found.township, found.village) if whole else (None, None)
        town, village = cache[v]
        if village is None or (out_towns[i] and out_towns[i] != town):
            continue
        out_towns[i], out_villages[i] = town, village
    return out_towns, out_villages


def _unlabelled_columns(rows: list[list[object]], table: Table) -> set[int]:
    """Columns with no heading still count as content (a value typed beside the table)."""
    labelled = {c.index for c in table.columns}
    width = max((len(r) for r in rows), default=0)
    return {c for c in range(width) if c not in labelled}


def _fill_down(raw: list[object], sections: list[int]) -> list[object]:
    """A village written once above the rows that belong to it (unmerged) reads on each of them,
    up to the next section title (whose place then applies; see ``tidy_table``)."""
    out: list[object] = []
    last: object = ""
    current = sections[0] if sections else 0
    for v, section in zip(raw, sections, strict=True):
        if section != current:
            last, current = "", section
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

"""How each sheet of a file (or of every file under a folder) is read, for people.

``sansong inspect`` answers the analyst's "why is this figure what it is": which ledger a sheet
was read as and why (score, runner-up, the evidence, or why it was not recognised), its title,
header and data rows, each column → field with the heading words that decided it, the places
and year and where each came from, the first parsed records, the rejects by reason and what the
clean would warn of the sheet (可能少计 …, but for the warnings that need the other files). With
``--suggest`` it writes the reading as a ``sansong.toml`` entry, ready to paste and correct.

Sheets are read exactly as the clean reads them (``clean.read_sheets``), under the corrections
of the ``sansong.toml`` of the raw folder the path lies in.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sansong_analysis import paths
from sansong_analysis.ingest.clean import SheetReading, raw_files, read_sheets
from sansong_analysis.ingest.corrections import CORRECTIONS_FILE, Correction, column_letter, load_corrections
from sansong_analysis.ingest.health import result_flags, total_message
from sansong_analysis.ingest.pii import redact, redact_name
from sansong_analysis.ingest.read import DEFAULT_LIMITS, FileProblem, Limits, read_file
from sansong_analysis.ingest.tidy import SKIP_KINDS
from sansong_analysis.ledgers import LEDGERS, VALUE_LABELS

SHOWN_RECORDS = 5
_SKIP_LABELS = {"title": "标题", "header": "表头", "blank": "空行", "subtotal": "合计/小计", "note": "注释/签名", "form": "表单"}
_STATUS_LABELS = {"recognised": "识别", "corrected": "按更正读取", "not_recognised": "未识别", "ignored": "按更正忽略"}
# A grouped field's sub-columns (compound): what each is to its field, and how they make one value.
_PART_ROLES = {"choice": "勾选项", "date_parts": "日期的一部分", "digits": "金额的一位"}
_PARTS_READ = {"choice": "勾选其一", "date_parts": "合成日期", "digits": "按位合成金额"}


@dataclass
class FileReport:
    """One file as read: its sheets' readings, or why it could not be read."""

    path: str  # relative to the raw folder, redacted
    problem: FileProblem | None
    sheets: list[SheetReading]


def raw_root_of(path: Path) -> Path:
    """The raw folder ``path`` lies in: the nearest folder above it (or it) holding a
    ``sansong.toml``, else the project's raw folder when ``path`` is under it, else the folder
    itself (or the file's folder)."""
    path = path.resolve()
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / CORRECTIONS_FILE).is_file():
            return folder
    raw = paths.RAW_DIR.resolve()
    if path == raw or raw in path.parents:
        return raw
    return start


def inspect_path(
    path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS, raw: Path | None = None
) -> list[FileReport]:
    """Read ``path`` (a file, or every file under a folder) as the clean would; ``raw`` is the
    raw folder it lies in (default: ``raw_root_of(path)``), whose sansong.toml applies and to
    which file names are relative."""
    path = Path(path)
    root = Path(raw).resolve() if raw is not None else raw_root_of(path)
    if root != path.resolve() and root not in path.resolve().parents:
        raise ValueError(f"「{path}」不在台账文件夹「{root}」之中")
    corrections = tuple(load_corrections(root))
    if path.is_dir():
        files, _ = raw_files(path)
    else:
        files = [path.resolve()]
    reports = []
    for file in files:
        rel = file.resolve().relative_to(root)
        mine = tuple(c for c in corrections if c.matches_file(rel.as_posix()))
        reports.append(_inspect_file(file, rel, mine, sheet, limits))
    return reports


def _inspect_file(file: Path, rel: Path, corrections: tuple[Correction, ...], sheet: str | None, limits) -> FileReport:
    shown = redact_name(rel.as_posix())
    try:
        sheets, _problems = read_file(file, limits)
    except FileProblem as problem:
        return FileReport(shown, problem.with_traceback(None), [])  # kept as data, without the reader's frames
    folders = list(reversed(rel.parent.parts))
    # Every sheet is read, in order, even when one is asked for: a continuation sheet reads with the one before it.
    readings = []
    for s, reading in read_sheets(sheets, shown, file.stem, folders, corrections):
        if isinstance(reading, Exception):
            raise reading  # a defect of ours: the command's crash log takes it, as before
        if sheet is None or s.name == sheet:
            readings.append(reading)
    return FileReport(shown, None, readings)


# --------------------------------------------------------------------------- the document


def sheet_document(reading: SheetReading) -> dict:
    """Everything ``inspect`` shows of one sheet, as plain data (the ``--json`` form)."""
    result, table = reading.result, reading.table
    recognition = result.recognition or {}
    doc: dict = {
        "sheet": result.source_sheet,
        "status": recognition.get("status"),
        "ledger": recognition.get("ledger"),
        "score": recognition.get("score"),
        "runner_up": recognition.get("runner_up"),
        "runner_up_score": recognition.get("runner_up_score"),
        "reason": recognition.get("reason"),
        "evidence": recognition.get("evidence", []),
        "rows_read": result.rows_read,
        "records": result.n_records,
        "rejects": result.n_rejects,
        "skipped": {k: result.skipped.get(k, 0) for k in SKIP_KINDS if result.skipped.get(k)},
    }
    # What the clean would warn of this sheet (可能少计 …): all but what needs the other files to see
    # (a copy of another sheet, a summary of others), which the clean alone judges.
    flags = result_flags(result)
    doc["flag"] = flags[0] if flags else None
    doc["more_flags"] = flags[1:]
    if reading.correction is not None:
        doc["correction"] = reading.correction.describe()
    if result.part is not None:  # one of several tables on the sheet (``stacked``): its rows
        doc["part"] = list(result.part)
    if table is None:
        return doc
    first, last = result.part or (1, result.rows_read)
    header = [r + 1 for r in table.header_rows]
    # Read block by block (see ingest.forms): the labels are the headings. A continuation has no
    # header either: it reads with the header of the sheet before it (``continuation``).
    doc["form"] = not header and table.continues is None
    doc["continues"] = table.continues
    doc["title_rows"] = [r + 1 for r in range(first - 1, table.header_rows[0])] if header else []
    doc["title"] = redact(table.title)  # a title, like a heading, may hold a phone number
    doc["header_rows"] = header
    doc["data_rows"] = [table.body_start + 1, last] if last > table.body_start else []
    doc["columns"] = [
        {
            "column": column_letter(c.index), "heading": redact(c.header), "unit": c.unit,
            "field": c.field.name if c.field else None, "label": c.field.label if c.field else None,
            "decided_by": redact(c.synonym) if c.synonym else None, "telling": c.specific,
            "kept": bool(c.field and c.field.stored and c.field.kind != "pii"),
            # A field held by a group of sub-columns (compound): each sub-column with its label.
            "parts": [{"column": column_letter(i), "label": label} for i, label in c.parts],
            "parts_kind": c.parts_kind,
            "hidden": c.index in table.hidden_cols,  # hidden in Excel: read only where no column seen names the same
        }
        for c in table.columns
    ]
    part_of = {p["column"]: c for c in doc["columns"] for p in c["parts"] if p["column"] != c["column"]}
    for c in doc["columns"]:
        if c["column"] in part_of:
            c["part_of"] = part_of[c["column"]]["field"]
    ctx = table.context
    doc["places"] = {
        "township": ctx.township, "township_from": ctx.township_source,
        "village": ctx.village, "village_from": ctx.village_source,
        "village_hints": list(ctx.village_hints), "year": table.year,
    }
    if ctx.folder_words:  # the township of such a word the rest of the county names, told by the clean
        doc["places"]["folder_words"] = list(ctx.folder_words)
    if table.poor_list and table.ledger.name == "roster":
        doc["poor_list"] = "标题或工作表名称表明这是贫困户名单：贫困户一栏空白的农户按贫困户计"
    doc["totals"] = result.totals
    doc["first_records"] = _first_records(result.records)
    doc["rejects_by_reason"] = dict(Counter(r["reason"] for r in result.rejects).most_common())
    return doc


def _first_records(records: dict[str, list]) -> list[dict]:
    n = len(records.get("source_row", ()))
    out = []
    for i in range(min(n, SHOWN_RECORDS)):
        row = {}
        for name, values in records.items():
            if name in ("source_file", "source_sheet"):
                continue
            value = values[i]
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            row[name] = value
        out.append(row)
    return out


def document(reports: list[FileReport]) -> list[dict]:
    return [
        {
            "file": r.path,
            "problem": str(r.problem) if r.problem else None,
            "sheets": [sheet_document(s) for s in r.sheets],
        }
        for r in reports
    ]


def render_json(reports: list[FileReport]) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2, default=str)


# --------------------------------------------------------------------------- text


def render_text(reports: list[FileReport]) -> str:
    lines: list[str] = []
    for r in reports:
        if r.problem is not None:
            lines.append(f"{r.path}：未读取（{r.problem}）")
            lines.append("")
            continue
        for reading in r.sheets:
            lines += _sheet_lines(r.path, sheet_document(reading))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _ledger_label(name: str | None) -> str:
    return LEDGERS[name].label if name in LEDGERS else "—"


def _sheet_lines(path: str, doc: dict) -> list[str]:
    lines = [f"{path}「{doc['sheet']}」"]
    if doc.get("part"):
        lines[0] += f"第{doc['part'][0]}–{doc['part'][1]}行（这张工作表上下有几张表，各按自己的表头读取）"
    status = doc["status"]
    label = _STATUS_LABELS.get(status, status or "")
    if status in ("recognised", "corrected"):
        verdict = f"  台账：{_ledger_label(doc['ledger'])}（{label}，得分 {doc['score']}"
        if doc.get("runner_up"):
            verdict += f"；次之：{_ledger_label(doc['runner_up'])} {doc['runner_up_score']}"
        lines.append(verdict + "）")
    else:
        lines.append(f"  台账：{label}。{doc.get('reason') or ''}")
    if doc.get("correction"):
        lines.append(f"  更正：{doc['correction']}")
    if doc.get("evidence"):
        lines.append("  依据：" + "；".join(doc["evidence"]))
    for flag in [doc["flag"], *doc["more_flags"]] if doc.get("flag") else []:
        lines.append(f"  提醒：{flag['message']}")
    if "header_rows" not in doc:
        return lines + [f"  共 {doc['rows_read']} 行，全部跳过"]
    header = doc["header_rows"]
    title_rows = doc["title_rows"]
    if title_rows:
        lines.append(f"  标题：第{_span(title_rows)}行" + (f"「{doc['title']}」" if doc.get("title") else ""))
    if doc.get("continues"):
        lines.append(f"  表头：无（接续工作表「{doc['continues']}」，按其表头读取）")
    elif doc["form"]:
        lines.append("  表头：无（表单式记录：每块一户，标签写在值的左边）")
    else:
        lines.append(f"  表头：第{_span(header)}行" + ("（两行表头）" if len(header) == 2 else ""))
    skipped = "、".join(f"{_SKIP_LABELS.get(k, k)} {n}" for k, n in doc["skipped"].items())
    data = f"第{doc['data_rows'][0]}–{doc['data_rows'][1]}行" if doc["data_rows"] else "无"
    lines.append(f"  数据：{data}（记录 {doc['records']}，剔除 {doc['rejects']}，跳过 {sum(doc['skipped'].values())}"
                 + (f"：{skipped}" if skipped else "") + "）")
    lines.append("  列：")
    owners = {c["field"]: c for c in doc["columns"] if c["parts"]}  # a grouped field's own column
    for c in doc["columns"]:
        unit = f"（{c['unit']}）" if c["unit"] else ""
        if c.get("part_of"):
            owner = owners[c["part_of"]]
            role = _PART_ROLES.get(owner["parts_kind"], "日期的一部分")
            target = f"{owner['label']}（{role}，见{owner['column']}列）"
        elif c["field"] is None:
            target = "（未使用：在 Excel 中已隐藏）" if c.get("hidden") else "（未使用）"
        else:
            target = c["label"]
            why = f"依据「{c['decided_by']}」" if c["decided_by"] else ""
            notes = [why] if why else []
            if not c["telling"] and c["decided_by"]:
                notes.append("通用列名")
            if not c["kept"]:
                notes.append("不保存")
            if c.get("hidden"):
                notes.append("在 Excel 中已隐藏")
            if c["parts"]:
                span = f"{c['parts'][0]['column']}–{c['parts'][-1]['column']}列"
                labels = "、".join(p["label"] for p in c["parts"])
                notes.append(f"{span}{_PARTS_READ.get(c['parts_kind'], '合成日期')}：{labels}")
            if notes:
                target += "（" + "，".join(notes) + "）"
        lines.append(f"    {c['column']:>3} {c['heading']}{unit} → {target}")
    places = doc["places"]
    parts = []
    if places["township"]:
        parts.append(f"乡镇 {places['township']}（来自{places['township_from']}）")
    if places["village"]:
        parts.append(f"村 {places['village']}（来自{places['village_from']}）")
    if places.get("folder_words"):
        named = "".join(f"「{w}」" for w in places["folder_words"])
        word = places["folder_words"][0]
        parts.append(f"乡镇待定：文件夹名{named}不是完整的乡镇名，清洗时取其他台账中这样名字的乡镇（如「{word}乡」「{word}镇」或「{word}」），"
                     "没有则表中未写乡镇的行剔除")
    if places["village_hints"]:
        parts.append("村名线索 " + "、".join(places["village_hints"]))
    if places["year"]:
        parts.append(f"年份 {places['year']}")
    lines.append("  地点：" + ("；".join(parts) if parts else "表外未写明（以表中乡镇、村列为准）"))
    if doc.get("poor_list"):
        lines.append(f"  困难户：{doc['poor_list']}")
    if doc["first_records"]:
        lines.append(f"  前{len(doc['first_records'])}条记录：")
        for rec in doc["first_records"]:
            row = rec.get("source_row")
            cells = [_shown(k, v) for k, v in rec.items() if k != "source_row" and v not in (None, "")]
            lines.append(f"    第{row}行 " + " | ".join(cells))
    if doc.get("totals"):
        wrong = [c for c in doc["totals"] if c["ok"] is False]
        undecided = sum(1 for c in doc["totals"] if c["ok"] is None)
        right = sum(1 for c in doc["totals"] if c["ok"])
        lines.append(f"  合计核对：相符 {right}，不符 {len(wrong)}" + (f"，因有剔除行无法核对 {undecided}" if undecided else ""))
        lines += [f"    {total_message(c)}" for c in wrong]
    if doc["rejects_by_reason"]:
        lines.append("  剔除原因：")
        for reason, n in doc["rejects_by_reason"].items():
            lines.append(f"    {reason} ×{n}")
    return lines


def _shown(name: str, value: object) -> str:
    labels = VALUE_LABELS.get(name)
    if labels and isinstance(value, str) and value in labels:
        value = labels[value] or value
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _span(rows: list[int]) -> str:
    return str(rows[0]) if len(rows) == 1 or rows[0] == rows[-1] else f"{rows[0]}–{rows[-1]}"


# --------------------------------------------------------------------------- --suggest


def render_suggest(reports: list[FileReport], root: Path | None = None) -> str:
    """A ``sansong.toml`` entry per sheet, ready to paste: what was read, written down."""
    out = [f"# 复制到台账文件夹中的 {CORRECTIONS_FILE}，修改不对的地方（字段名见 README）。"]
    for r in reports:
        for i, reading in enumerate(r.sheets):
            if reading.result.part is not None:
                out += _stacked_suggestion(r.path, r.sheets, i)
                continue
            out += [""] + _suggestion(r.path, reading)
    return "\n".join(out) + "\n"


def _stacked_suggestion(path: str, readings: list[SheetReading], i: int) -> list[str]:
    """A sheet of stacked tables (``stacked``) is read as it is: an entry for it would make it one
    table (a correction says how to read the whole sheet), so its entry is only there to ignore it."""
    reading = readings[i]
    if i > 0 and readings[i - 1].result.source_sheet == reading.result.source_sheet and readings[i - 1].result.part:
        return []  # said once, with its first table
    name = reading.result.source_sheet
    parts = [r.result for r in readings[i:] if r.result.source_sheet == name and r.result.part]
    tables = "，".join(f"第{p.part[0]}–{p.part[1]}行 {_ledger_label(p.ledger)}" for p in parts)
    return ["", f"# 「{name}」上下有几张表（{tables}），各按自己的表头读取，无需更正。",
            "# 要忽略整张工作表，去掉下面四行的 #：", "# [[correction]]", f"# file = {_toml_str(path)}",
            f"# sheet = {_toml_str(name)}", '# ledger = "ignore"']


def _toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _suggestion(path: str, reading: SheetReading) -> list[str]:
    result, table = reading.result, reading.table
    recognition = result.recognition or {}
    lines = []
    if recognition.get("status") == "not_recognised":
        lines.append(f"# 未识别：{recognition.get('reason')}")
        lines.append('# 如果这张表不是台账，把 ledger 改为 "ignore"')
    lines += ["[[correction]]", f"file = {_toml_str(path)}", f"sheet = {_toml_str(result.source_sheet)}"]
    if recognition.get("status") == "ignored" or table is None:
        lines.append('ledger = "ignore"')
        return lines
    lines.append(f"ledger = {_toml_str(table.ledger.name)}")
    if not table.header_rows:
        how = f"接续工作表「{table.continues}」，按其表头读取" if table.continues else "表单式记录（每块一户）按原样读取"
        lines[-1:] = [f"# {how}，无需更正；要忽略这张表，把下一行改为 ledger = \"ignore\"", lines[-1]]
        return lines
    lines.append(f"header_rows = [{', '.join(str(r + 1) for r in table.header_rows)}]")
    ctx = table.context
    if ctx.township:
        lines.append(f"township = {_toml_str(ctx.township)}")
    if ctx.village:
        lines.append(f"village = {_toml_str(ctx.village)}")
    if table.year:
        lines.append(f"year = {table.year}")
    lines.append("[correction.columns]")
    for c in table.columns:
        if c.field is not None and c.field.kind != "derived":
            lines.append(f"{_toml_str(c.header)} = {_toml_str(c.field.name)}")
    return lines

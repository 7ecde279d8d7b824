"""The clean step: every raw ledger file → the tidy frames of docs/contract.md §4.

Walks the raw folder, reads each file (``read``), finds each sheet's table
(``locate``), turns it into records, rejects and skipped rows (``tidy``),
then across all files: reconciles place names, keys and matches households
and removes duplicate visits (``households``). Writing is ``store``'s job.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import multiprocessing
import os
import sys
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sansong_analysis import __version__, collector, lifeline
from sansong_analysis.crashlog import CRASH_FOLDER, crash_log_name, crash_log_text
from sansong_analysis.ingest import copies, health
from sansong_analysis.ingest.cards import (
    CARD_FORM_LINES,
    CardVisits,
    as_card,
    card_segments,
    card_visits,
    card_without_visits,
    names_household,
    visits_header,
)
from sansong_analysis.ingest.continuation import read_continuation
from sansong_analysis.ingest.corrections import (
    CORRECTIONS_FILE,
    Correction,
    CorrectionError,
    SheetCorrection,
    check_files,
    for_sheet,
    load_corrections,
)
from sansong_analysis.ingest.forms import (
    MIN_FORM_LINES,
    Form,
    filled_cells,
    form_columns,
    form_pairs,
    labels_split,
    looks_like_form,
    read_form,
)
from sansong_analysis.ingest.pii import redact, redact_name
from sansong_analysis.ingest.places import (
    FOLDER_WORD_SOURCE,
    TITLE_SOURCE,
    bare_name_map,
    cut_name_map,
    place_report,
    stray_name_map,
    suffix_variant_map,
    township_of_word,
    village_from_hints,
)
from sansong_analysis.ingest.read import DEFAULT_LIMITS, FileProblem, Limits, ProgramError, Sheet, read_file
from sansong_analysis.ingest.read.sniff import is_ignored
from sansong_analysis.ingest.recognise import NO_HEADER, Recognition
from sansong_analysis.ingest.stacked import Part, stacked_parts
from sansong_analysis.ingest.table import TRANSPOSE_HOW, Table, headings_down, locate_table
from sansong_analysis.ingest.tidy import (
    ANY_YEAR,
    SKIP_KINDS,
    SheetResult,
    is_date_cell,
    other_village,
    tidy_table,
)
from sansong_analysis.ledgers import LEDGERS

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pandas as pd

# pandas, and store and households which are built on it, are imported only to assemble the
# frames (``_assembly``). While the files are read, a process started by ``sansong clean``
# holds little more than the interpreter and the reader (some 20 MB rather than 110 MB), so its
# pool workers are small copies, cheaper to fork, carrying no pandas they would not use.

DEMO_TRUTH_FILE = "truth.json"
# Where a village came from when a sheet, file or folder named by a bare word (a tab 新屋) gave it.
HINT_SOURCE = "工作表名或文件名（村名简称）"


@dataclass
class FileResult:
    """What became of one raw file."""

    path: str
    problem: FileProblem | None = None
    sheets: list[SheetResult] = field(default_factory=list)
    sheet_problems: list[tuple[str, FileProblem]] = field(default_factory=list)
    corrections_used: set[int] = field(default_factory=set)  # sansong.toml entries that matched a sheet
    # What those entries name that is not there ((heading or "", sentence)), and the headings they
    # name that some sheet has: a heading is only missing when no sheet it applies to has it.
    correction_problems: list[tuple[str, str]] = field(default_factory=list)
    correction_headings: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.sheet_problems


@dataclass
class CleanResult:
    frames: dict[str, pd.DataFrame]
    files: list[FileResult]
    ignored: list[str] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)

    @property
    def failed_files(self) -> list[FileResult]:
        return [f for f in self.files if not f.ok]

    @property
    def exit_status(self) -> int:
        return 1 if self.failed_files else 0

    def summary(self) -> dict:
        """The accounting as a JSON-able document (written beside the frames)."""
        files = []
        for f in self.files:
            files.append(
                {
                    "file": f.path,
                    "status": "ok" if f.ok else "error",
                    "problem": str(f.problem) if f.problem else None,
                    "problem_kind": f.problem.kind if f.problem else None,
                    "sheet_problems": [{"sheet": s, "problem": str(p), "problem_kind": p.kind} for s, p in f.sheet_problems],
                    "sheets": [
                        {
                            "sheet": s.source_sheet, "ledger": s.ledger, "rows_read": s.rows_read,
                            "records": s.n_records, "rejects": s.n_rejects, "skipped": s.n_skipped,
                            "skipped_by_kind": {k: s.skipped.get(k, 0) for k in SKIP_KINDS},
                            "note": s.note, **s.context, "recognition": s.recognition,
                            **_flag_entries(s),
                            "totals": s.totals,
                            **({"part": list(s.part)} if s.part else {}),
                        }
                        for s in f.sheets
                    ],
                }
            )
        frames = self.frames
        dups = frames["duplicates"]
        return {
            "version": __version__,
            "files": files,
            "ignored": self.ignored,
            "records": {name: len(frames[name]) for name in LEDGERS},
            "rejects": len(frames["rejects"]),
            "duplicates": {name: int((dups["ledger"] == name).sum()) for name in LEDGERS},
            "unmatched_visits": int(frames["visits"]["household_key"].isna().sum()),
            "places": self.places,
            "warnings": health.township_warnings(frames),
            "unmatched_visits_by_township": health.unmatched_visits(frames),
        }


def is_demo_truth(path: Path) -> bool:
    """The ground-truth file ``sansong demo-data`` writes beside its ledgers is not a ledger."""
    if path.name != DEMO_TRUTH_FILE:
        return False
    try:
        with path.open("rb") as fh:
            return b'"generator": "sansong demo-data"' in fh.read(4096)
    except OSError:
        return False


def raw_files(raw_dir: Path) -> tuple[list[Path], list[str]]:
    """Every file under ``raw_dir`` to clean (sorted), and those deliberately passed over."""
    raw_dir = Path(raw_dir)
    files, ignored = [], []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(raw_dir)
        if (
            any(part.startswith(".") for part in rel.parts[:-1]) or is_ignored(path) or is_demo_truth(path)
            or rel.as_posix() == CORRECTIONS_FILE
        ):
            ignored.append(redact_name(rel.as_posix()))
            continue
        files.append(path)
    return files, ignored


def _unread_sheet(rows: list[list[object]], file: str, sheet: str, recognition: Recognition) -> SheetResult:
    """A sheet that is no ledger the reader can back with evidence, or that the analyst told us to
    pass over (``recognition.status`` ``ignored``): every row skipped, none a record or a reject;
    the verdict says why (``clean_summary.json``, ``sansong inspect``)."""
    if recognition.status == "ignored":
        note = recognition.reason
    else:
        note = f"未识别台账：{recognition.reason}" if recognition.reason else "未识别台账"
    result = SheetResult(file, sheet, None, rows_read=len(rows), note=note, recognition=recognition.summary())
    for row in rows:
        result.skipped["blank" if _blank(row) else "title"] += 1
    return result


def _ignored_sheet(rows: list[list[object]], file: str, sheet: str, correction: SheetCorrection) -> SheetResult:
    """A sheet the analyst told us to pass over."""
    return _unread_sheet(rows, file, sheet, Recognition("ignored", None, None, f"按 {correction.describe()} 忽略此表"))


def clean_file(
    path: Path, raw_dir: Path, limits: Limits = DEFAULT_LIMITS, corrections: tuple[Correction, ...] = ()
) -> FileResult:
    """One raw file → its sheets' records, rejects and skip counts. Never raises for bad input.

    ``corrections`` are the analyst's (``sansong.toml``); those matching the file apply."""
    return _clean_sheets(path, raw_dir, _read(path, limits), corrections)


Read = tuple[list[Sheet], list[tuple[str, FileProblem]]] | FileProblem


def _read(path: Path, limits: Limits, whole_in_helper: bool = False) -> Read:
    """The file's sheets and the sheets that could not be read, or why the whole file could not be."""
    try:
        return read_file(path, limits, whole_in_helper=whole_in_helper)
    except FileProblem as problem:
        return problem.with_traceback(None)  # kept as data: its traceback would keep the reader's frames
    except MemoryError:
        return FileProblem("too_large", "读取时内存不足")


def _flag_entries(sheet: SheetResult) -> dict:
    """A sheet's flags in the clean's summary: ``flag`` (the first, or None) and, when it has more,
    ``more_flags`` (``health.result_flags``)."""
    flags = health.result_flags(sheet)
    return {"flag": flags[0] if flags else None, **({"more_flags": flags[1:]} if len(flags) > 1 else {})}


@dataclass
class SheetReading:
    """How one sheet was read: what it became, the table found in it (None: no header) and the
    analyst's correction that applied, with what that correction names and the sheet lacks."""

    result: SheetResult
    table: Table | None = None
    correction: SheetCorrection | None = None
    correction_problems: list[tuple[str, str]] = field(default_factory=list)
    correction_headings: set[str] = field(default_factory=set)
    # A sheet holding several tables one under another (``stacked``): the parts below this one.
    below: list[SheetReading] = field(default_factory=list)


def read_sheets(
    sheets: list[Sheet], file: str, file_stem: str, folders: list[str], corrections: tuple[Correction, ...] = ()
) -> Iterator[tuple[Sheet, SheetReading | Exception]]:
    """Each sheet of a file and its reading (``read_sheet``), the one before it passed on for a
    continuation sheet; a sheet that raised comes with its exception (and continues nothing).
    A sheet holding several tables one under another comes once for each, top to bottom."""
    previous: SheetReading | None = None
    for sheet in sheets:
        try:
            reading = read_sheet(sheet, file, file_stem, folders, corrections, previous)
        except Exception as exc:  # the caller says what it costs; the next sheet continues nothing
            previous = None
            yield sheet, exc
            continue
        parts = [reading, *reading.below]
        previous = parts[-1]
        for part in parts:
            part.result.breaks = []  # asked of the reading (``stacked``), and not worth sending on
            part.result.hidden = sheet.hidden
            if sheet.hidden_rows and part.result.n_records:
                part.result.hidden_records = health.hidden_records(part.result.records["source_row"], sheet.hidden_rows)
            if sheet.struck_rows and part.result.n_records:  # struck through (删除线): struck off, not deleted
                part.result.struck_records = health.hidden_records(part.result.records["source_row"], sheet.struck_rows)
            yield sheet, part


def read_sheet(
    sheet: Sheet, file: str, file_stem: str, folders: list[str], corrections: tuple[Correction, ...] = (),
    previous: SheetReading | None = None,
) -> SheetReading:
    """One sheet → its table, its verdict and its records, rejects and skipped rows.

    ``file`` is the (redacted) path shown in lineage; ``corrections`` those matching the file;
    ``previous`` the reading of the sheet right before it, which a headerless continuation sheet
    (``走访（续）``) is read with (``continuation``). The clean and ``sansong inspect`` both read a
    sheet through here (``read_sheets``).
    """
    correction = for_sheet(list(corrections), sheet.name)
    sheet_name = redact_name(sheet.name)
    if correction is not None and correction.ignored:
        return SheetReading(_ignored_sheet(sheet.rows, file, sheet_name, correction), None, correction)
    table = locate_table(sheet.rows, sheet.name, file_stem, folders, correction, hidden_cols=sheet.hidden_cols)
    # Read as they are without a correction, or with one naming their ledger only (``--suggest``'s).
    as_is = correction is None or correction.ledger_only
    # (or one of a form's lines as its label columns tell them: 调处结果 | 已化解 | 调解员 | 李明 passes for two headings
    # side by side, and the form was read as a table under it)
    form_line = table is None or form_pairs(sheet.rows[table.header_rows[0]]) is not None or (
        (columns := form_columns(sheet.rows)) is not None and form_pairs(sheet.rows[table.header_rows[0]], columns))
    if correction is None and (form_line or table.header_rows[0] >= MIN_FORM_LINES) and (
            card := _card_reading(sheet, table, file, sheet_name, file_stem, folders)) is not None:
        return card  # a household's card: its form, and the visits under it
    # A form's first line of labels beside values passes for a header: read it as the form it is.
    if as_is and form_line:
        form = read_form(sheet.rows, sheet.name, file_stem, folders)
        if form is not None and (correction is None or _names(correction, form.table)):
            return _form_reading(sheet.rows, form, file, sheet_name, correction)
    if as_is and (table is None or table.recognition.ledger is None) and (split := labels_split(sheet.rows)) is not None:
        # a form with each label and its value in one cell (户主：张三 | 走访时间：2011-03-05): was 未识别
        form = read_form(split, sheet.name, file_stem, folders)
        if form is not None and form.table.recognition.ledger is not None and (
                correction is None or _names(correction, form.table)):
            return _form_reading(split, form, file, sheet_name, correction)
    if as_is and table is None and previous is not None:
        continued = read_continuation(sheet.rows, sheet.name, file, sheet_name, previous.table,
                                      previous.result.source_sheet, sheet.merged, sheet.yearless_cells)
        if continued is not None and (correction is None or _names(correction, continued[0])):
            return _confirmed(SheetReading(continued[1], continued[0], correction))
    reading = SheetReading(SheetResult(file, sheet_name, None, 0), table, correction)
    if correction is not None:
        where = f"{correction.describe()}：{file} 工作表「{sheet_name}」"
        if table is None:
            hint = "header_rows 超出了表的行数？" if correction.header_rows else "请用 header_rows 指明表头所在行"
            reading.correction_problems.append(("", f"{where}中没有找到表头（{hint}）"))
        else:
            missing = {key for key, _ in table.correction_problems if key}
            reading.correction_headings = set(correction.columns) - missing
            reading.correction_problems = [(key, where + problem) for key, problem in table.correction_problems]
    if table is None or table.recognition.ledger is None:
        verdict = table.recognition if table is not None else _no_header(sheet.rows)
        reading.result = _unread_sheet(sheet.rows, file, sheet_name, verdict)
    else:
        reading.result = tidy_table(sheet.rows, table, file, sheet_name, merged=sheet.merged, yearless=sheet.yearless_cells)
        if correction is None:
            parts = stacked_parts(sheet.rows, table, reading.result, sheet.name, file_stem, folders, sheet.hidden_cols)
            if parts is not None:
                return _stacked_readings(parts, file, sheet_name, sheet.merged, sheet.yearless_cells)
    return reading


def _no_header(rows: list[list[object]]) -> Recognition:
    """The verdict on a sheet no row of which reads as a header: ``NO_HEADER``, or where a ledger's headings stand down
    a column, each record a column (``table.headings_down``), that it is written so and how to mend it."""
    found = headings_down(rows)
    if found is None:
        return NO_HEADER
    column, label, headings = found
    return Recognition("not_recognised", None, None, (
        f"没有找到表头：列名竖写在第{column}列（{'、'.join(headings)}……），像是竖排的{label}，每列一条记录；"
        f"请转置成每列一个列名、每行一条记录（{TRANSPOSE_HOW}）后重新报送"))


def _stacked_readings(parts: list[Part], file: str, sheet_name: str, merged, yearless=frozenset()) -> SheetReading:
    """The readings of a sheet's stacked tables (``stacked``): the first, with the others below it."""
    readings = []
    for part in parts:
        result = tidy_table(part.rows, part.table, file, sheet_name, first_row=part.start, merged=merged,
                            yearless=yearless)
        result.part = (part.start + 1, part.end)
        readings.append(SheetReading(result, part.table))
    readings[0].below = readings[1:]
    return readings[0]


def _card_reading(sheet: Sheet, table: Table | None, file: str, sheet_name: str, file_stem: str,
                  folders: list[str]) -> SheetReading | None:
    """A household's card (``cards``): a roster form of one household over a table of visits — the form read over its
    own rows, the visits as the part below; where the table holds no visit to read, the form alone over the whole sheet
    when the sheet would otherwise be read as that form or not at all (``table``: the table found, None, or one not
    recognised, or its header a form line). Several cards on one sheet, one under another: each read so, the sheet's
    title lines the context of each, every row in one part. None when the sheet is no card."""
    rows = sheet.rows
    header = visits_header(rows)
    if header is None or not looks_like_form(rows[:header], CARD_FORM_LINES):
        return None
    segments = card_segments(rows, header)
    if segments is None:
        return _one_card(sheet, rows, 0, table, file, sheet_name, file_stem, folders, header)
    shared = next((r for r, row in enumerate(rows) if form_pairs(row) is not None), 0)  # the sheet's title lines
    parts: list[SheetReading] = []
    for first, end in segments:
        view = rows[:end] if not first else [*rows[:shared], *([] for _ in range(shared, first)), *rows[first:end]]
        one = _one_card(sheet, view, first, None, file, sheet_name, file_stem, folders)
        if one is None:  # not every part a card: read as a form of several households, the rows with dates said
            return None
        one.result.part = one.result.part or (first + 1, end)
        parts += [one, *one.below]
    for part in parts:
        part.below = []
    parts[0].below = parts[1:]
    return parts[0]


def _one_card(sheet: Sheet, rows: list[list[object]], first_row: int, table: Table | None, file: str, sheet_name: str,
              file_stem: str, folders: list[str], header: int | None = None) -> SheetReading | None:
    """``_card_reading`` of one card, its rows from ``first_row`` on (the rows above it blank but the sheet's titles);
    ``header``: its table's header row where already found (``cards.visits_header``)."""
    header = visits_header(rows, first_row) if header is None else header
    if header is None:
        return None
    found = read_form(rows[:header], sheet.name, file_stem, folders, CARD_FORM_LINES, first_row)
    if found is None or (form := as_card(found)) is None:
        return None
    form.grid.extend([] for _ in range(header, len(rows)))  # the table's rows: none of the form's
    reading = _form_reading(rows, form, file, sheet_name, first_row=first_row)
    if reading.result.n_records != 1 or reading.result.n_rejects:
        return None
    card = card_visits(rows, form, reading.result, header, sheet.name, file_stem, folders, sheet.hidden_cols)
    if card is not None:
        return _card_readings(rows, form, card, first_row, file, sheet_name, sheet)
    unread = table is None or table.recognition.ledger is None or form_pairs(rows[table.header_rows[0]]) is not None
    # (particulars no word confirms over a table that says no visit: no card, as before)
    confirmed = found.table.recognition.ledger is not None or card_without_visits(rows, form, header)
    return reading if unread and confirmed else None


def _card_readings(rows: list[list[object]], form: Form, card: CardVisits, first_row: int, file: str, sheet_name: str,
                   sheet: Sheet) -> SheetReading:
    """A household's card (``cards``): its form (``form``, as read over the rows above its table's header) over its own
    rows, the visits under it as the part below. The rows between its table's title line and its header hold no form
    line (a title line is one text), so the form's lines are all above ``card.start``."""
    own = dataclasses.replace(form, grid=form.grid[:card.start])
    upper = _form_reading(rows[:card.start], own, file, sheet_name, first_row=first_row)
    upper.result.part = (first_row + 1, card.start)
    visits = tidy_table(card.rows, card.table, file, sheet_name, first_row=card.start, merged=sheet.merged,
                        yearless=sheet.yearless_cells)
    visits.part = (card.start + 1, len(rows))
    upper.below = [SheetReading(visits, card.table)]
    return upper


def _names(correction: SheetCorrection, table: Table) -> bool:
    """Whether a ledger-only correction names the ledger a sheet was read as."""
    ledger = table.recognition.ledger if table.recognition is not None else None
    return ledger is not None and ledger.name == correction.ledger


def _confirmed(reading: SheetReading) -> SheetReading:
    """A reading the analyst's ledger-only correction confirms: its status ``corrected``."""
    if reading.correction is not None and reading.result.recognition:
        reading.result.recognition = {**reading.result.recognition, "status": "corrected"}
    return reading


def _form_reading(rows: list[list[object]], form: Form, file: str, sheet_name: str,
                  correction: SheetCorrection | None = None, first_row: int = 0) -> SheetReading:
    """A form sheet read block by block (see ``forms``): the same accounting as a table, its
    blocks' other lines skipped as ``form``; of ``rows[first_row:]`` only (a card further down a sheet of several)."""
    table = form.table
    if table.recognition.ledger is None:
        return SheetReading(_unread_sheet(rows, file, sheet_name, table.recognition), table, correction)
    if first_row:  # a form's body is the whole sheet: here, from this card on
        table = dataclasses.replace(table, body_start=first_row)
    result = tidy_table(form.grid, table, file, sheet_name, first_row=first_row)
    empty_in_grid = result.skipped.pop("blank", 0)
    blank = sum(1 for r in range(first_row, len(rows)) if not form.grid[r] and _blank(rows[r]))
    result.skipped["blank"] = blank
    result.skipped["form"] = len(form.form_rows)
    result.skipped["note"] += len(form.loose_rows)
    result.skipped["title"] += empty_in_grid - blank - len(form.form_rows) - len(form.loose_rows)
    result.below_form = _below_form(rows, form)
    return _confirmed(SheetReading(result, table, correction))


def _below_form(rows: list[list[object]], form: Form) -> dict | None:
    """Rows under a form's first line, in none of its blocks, that look like a table with dates (two cells filled, a
    date among them) — a card's visits not read as such (``cards``), under the last household's or between two —,
    skipped as titles: ``{"first": 6, "rows": 3}`` (1-based), or None."""
    blocks = {r for r, g in enumerate(form.grid) if g} | form.form_rows
    first = min(blocks, default=len(rows))
    table = [r for r in range(first + 1, len(rows))
             if r not in blocks and len(filled_cells(rows[r])) >= 2]
    if not any(is_date_cell(v, ANY_YEAR) for r in table for v in rows[r]):
        return None
    # other households' particulars among them: several cards on one sheet (read as the first one's)
    heads = sum(1 for r in table if names_household(rows[r]))
    return {"first": table[0] + 1, "rows": len(table), **({"households": heads} if heads else {})}


def _blank(row: list[object]) -> bool:
    return all(v is None or v == "" or (isinstance(v, str) and not v.strip()) for v in row)


def _clean_sheets(path: Path, raw_dir: Path, read: Read, corrections: tuple[Correction, ...] = ()) -> FileResult:
    """``clean_file`` once the file has been read."""
    rel = path.relative_to(raw_dir)
    corrections = tuple(c for c in corrections if c.matches_file(rel.as_posix()))
    # Lineage names the file and sheet in every frame and report: a phone number in a file or
    # sheet name ("李明13812345678.xlsx") must not travel with it.
    result = FileResult(redact_name(rel.as_posix()))
    folders = [p for p in reversed(rel.parent.parts)]
    if isinstance(read, FileProblem):
        result.problem = _private(read)
        return result
    sheets, problems = read
    result.sheet_problems = [(redact_name(name), _private(problem)) for name, problem in problems]
    for sheet, reading in read_sheets(sheets, result.path, path.stem, folders, corrections):
        if isinstance(reading, RecursionError):  # pragma: no cover - defensive: a sheet must never stop the run
            result.sheet_problems.append((redact_name(sheet.name), FileProblem("corrupt", redact(f"无法处理（{reading}）"))))
            continue
        if isinstance(reading, Exception):  # a defect of ours must cost one sheet, not the whole run
            result.sheet_problems.append((redact_name(sheet.name), ProgramError.from_exception(reading, "处理此工作表时")))
            continue
        result.sheets.append(reading.result)
        if reading.correction is not None:
            result.corrections_used.update(reading.correction.numbers)
            result.correction_problems += reading.correction_problems
            result.correction_headings |= reading.correction_headings
    return result


def _private(problem: FileProblem) -> FileProblem:
    """A problem as it is kept and shown: a library's message may quote a path or a cell."""
    detail = redact(problem.detail)
    if detail == problem.detail:
        return problem
    private = copy.copy(problem)
    private.detail, private.args = detail, (detail,)
    return private


def _progress(files: list[Path], show: bool | None):
    if show is None:
        show = sys.stderr.isatty() and len(files) > 10
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=len(files), unit="个文件", desc="清洗台账", file=sys.stderr, leave=False)


# Below this much raw data a process pool costs about what it saves: forking the workers takes
# some 30 ms, each starts its own reader helper (some 60 ms, see ``read.isolated``) and warms
# its own caches, while one process already has its helper reading the next file as it cleans
# this one. Measured on 2 cores: 1.2 MB of workbooks, one process as fast as two; 3.5 MB, two
# processes take two thirds of the time.
POOL_MIN_BYTES = 1024 * 1024

# Files a one-process clean asks its reader for ahead of the one it cleans. The reader's helper
# takes about half as long over a file as cleaning it does, but files differ: one file ahead, the
# cleaning waited for a file the helper had only just been asked for (some 2 ms a file, a fifth of
# the clean's wall time on the demo county); two ahead, the helper is rarely the one behind. At most
# this many workbooks and the one being cleaned are held at a time.
READ_AHEAD = 2


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # clean_file reports the file; it is no reason to stop here


def clean_files(
    files: list[Path], raw_dir: Path, *, jobs: int, limits: Limits = DEFAULT_LIMITS, on_done=None,
    corrections: tuple[Correction, ...] = (),
) -> list[FileResult]:
    """``clean_file`` of every file, in ``files`` order, by ``jobs`` processes when that pays.

    Otherwise this process cleans the files in turn (``_clean_in_turn``). Pool workers are
    forked (on Linux), so they start at once with the package imported, and take the largest
    files first, so that none is left with a big workbook while the others wait; results come
    back as plain lists and dicts, cheap to send.
    ``on_done`` is called once per finished file (the progress bar).
    """
    sizes = [_file_size(p) for p in files]
    jobs = min(jobs, len(files))
    if jobs <= 1 or sum(sizes) < POOL_MIN_BYTES:
        return _clean_in_turn(files, raw_dir, limits, on_done, corrections)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    largest_first = sorted(range(len(files)), key=lambda i: sizes[i], reverse=True)
    slots: list[FileResult | None] = [None] * len(files)
    context = multiprocessing.get_context(method)
    # Workers leave when this process is killed (``lifeline``): nothing else would tell them.
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(clean_file, files[i], raw_dir, limits, corrections): i for i in largest_first}
        _assembly()  # the workers are running: import what assembling needs meanwhile
        for future in as_completed(futures):
            try:
                slots[futures[future]] = future.result()
            except BrokenProcessPool:
                continue  # a worker died (a file crashed the reader): the rest are redone below
            if on_done is not None:
                on_done()
    for i, slot in enumerate(slots):
        if slot is None:
            # One process per file now, so that the file that killed a worker costs only itself.
            slots[i] = _clean_alone(files[i], raw_dir, limits, context, corrections)
            if on_done is not None:
                on_done()
    return [r for r in slots if r is not None]


def _worker_start(parent: int) -> None:
    """A pool worker dies with this process (``lifeline``), and spaces its cycle collections out
    (``collector``: cleaning makes many objects and next to no cycles)."""
    lifeline.die_with(parent)
    collector.space_out()


def _clean_alone(path: Path, raw_dir: Path, limits: Limits, context, corrections=()) -> FileResult:
    """``clean_file`` in a process of its own; a crash becomes the file's problem, not the run's."""
    with ProcessPoolExecutor(1, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
        try:
            return pool.submit(clean_file, path, raw_dir, limits, corrections).result()
        except BrokenProcessPool:
            result = FileResult(redact_name(path.relative_to(raw_dir).as_posix()))
            result.problem = FileProblem("corrupt", "读取这个文件时读取程序异常退出，文件可能已损坏")
            return result


def _clean_in_turn(
    files: list[Path], raw_dir: Path, limits: Limits, on_done=None, corrections: tuple[Correction, ...] = ()
) -> list[FileResult]:
    """``clean_file`` of each file in turn, the next file read while this one is cleaned.

    The reader sniffs, measures and parses a workbook in its helper process (``read.isolated``)
    while the thread that asked waits, so reading the next file and locating and tidying this
    one overlap: two cores at work, and at most ``READ_AHEAD`` + 1 workbooks held at a time.
    """
    results: list[FileResult] = []
    with collector.spaced(), _reader_prompt(), ThreadPoolExecutor(1, thread_name_prefix="sansong-read") as reader:
        ahead = deque(reader.submit(_read, p, limits, True) for p in files[:READ_AHEAD])
        for i, path in enumerate(files):
            current = ahead.popleft()
            if i + READ_AHEAD < len(files):
                ahead.append(reader.submit(_read, files[i + READ_AHEAD], limits, True))
            results.append(_clean_sheets(path, raw_dir, current.result(), corrections))
            if on_done is not None:
                on_done()
    return results


# How long the cleaning thread may hold the interpreter lock while the reader thread waits for it,
# in a one-process clean (Python's default: 5 ms). The reader thread takes the lock back after
# every system call: each 64 KB the helper's pipe gives, each ``select``, and to unpickle what it
# read. With the default it waited some 5 ms each time behind the cleaning thread, and reading, not
# cleaning, set the pace (the reader busy 1.6-1.7 s of a 1.7-1.8 s clean of the demo county; 1.07-1.13
# s with 0.2 ms, the clean 1.56-1.66 s). The cleaning thread pays only when the reader asks.
READER_SWITCH_INTERVAL = 0.0002


@contextlib.contextmanager
def _reader_prompt():
    """The interpreter lock handed to a waiting thread within ``READER_SWITCH_INTERVAL`` while the
    block runs; the caller's interval comes back after."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, READER_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def clean(
    raw_dir: Path, *, jobs: int | None = None, limits: Limits = DEFAULT_LIMITS, progress: bool | None = None
) -> CleanResult:
    """Clean every ledger under ``raw_dir`` into tidy frames (nothing is written).

    ``jobs`` processes read files in parallel (default: CPUs, at most 8).
    """
    raw_dir = Path(raw_dir).resolve()
    files, ignored = raw_files(raw_dir)
    corrections = tuple(load_corrections(raw_dir))
    check_files(list(corrections), [p.relative_to(raw_dir).as_posix() for p in files])
    jobs = jobs or min(os.cpu_count() or 1, 8)
    bar = _progress(files, progress)
    try:
        results = clean_files(files, raw_dir, jobs=jobs, limits=limits, on_done=bar.update if bar is not None else None,
                              corrections=corrections)
    finally:
        if bar is not None:
            bar.close()
    _check_corrections_applied(corrections, results)
    frames, places = assemble_frames(results)
    return CleanResult(frames, results, ignored, places)


def _check_corrections_applied(corrections: tuple[Correction, ...], results: list[FileResult]) -> None:
    """Every entry of sansong.toml must have matched a sheet and named only what is there."""
    found = set().union(*(f.correction_headings for f in results)) if results else set()
    problems = [problem for f in results for key, problem in f.correction_problems if not key or key not in found]
    if problems:
        raise CorrectionError(problems[0])
    used = set().union(*(f.corrections_used for f in results)) if results else set()
    for c in corrections:
        if c.number not in used:
            what = f"工作表「{c.sheet}」" if c.sheet is not None else "可读取的工作表"
            raise CorrectionError(f"{c.describe()}：匹配的文件中没有{what}")


def _assembly():
    """pandas, store and households: imported when the files have been read (see above)."""
    import pandas

    from sansong_analysis import store
    from sansong_analysis.ingest import households

    return pandas, store, households


def assemble_frames(results: list[FileResult]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Per-sheet records → the six frames (plus duplicates), households keyed and matched, and
    every township and village with where it was read (see ``_reconcile_places``).

    Each ledger's frame is built once, from its columns gathered over all sheets: a DataFrame
    per sheet and a concat would cost more than the cleaning itself when a county sends a
    sheet per month or per village.
    """
    with _collector_paused():
        return _assemble(results)


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while the frames are assembled. Assembling makes many small
    containers while the whole county's records are alive, and each full pass of the collector
    walks all of them to find nothing to free (a fifth of the assembling time on 120
    townships). Reference counting still frees what is dropped; the few cycles pandas leaves
    wait for the first collection after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assemble(results: list[FileResult]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    pd, store, households = _assembly()
    _apply_folder_townships(results)
    _apply_village_hints(results)
    columns: dict[str, dict[str, list]] = {name: {} for name in LEDGERS}
    counts = dict.fromkeys(LEDGERS, 0)
    rejects: list[dict] = []
    for f in results:
        for s in f.sheets:
            if s.n_records:
                counts[s.ledger] = _extend_columns(columns[s.ledger], counts[s.ledger], s.records)
            rejects.extend(s.rejects)
    frames: dict[str, pd.DataFrame | None] = {
        # Object columns: store.conform gives every column its declared dtype in one cast.
        name: pd.DataFrame({col: pd.Series(vals, dtype=object) for col, vals in columns[name].items()}) if counts[name] else None
        for name in LEDGERS
    }
    frames["rejects"] = pd.DataFrame(rejects) if rejects else None
    places = _reconcile_places(frames, results)

    duplicates = [_drop_copied_sheets(frames, name, results) for name in copies.LEDGERS_WITHOUT_KEY]
    roster = store.conform(frames["roster"], "roster")
    listed, (roster, roster_dups) = roster, households.key_roster(roster)
    duplicates.append(roster_dups)
    _poor_across_lists(listed, roster, roster_dups, results)
    del listed  # the roster as read: not held while the visits are keyed
    _roster_versions(roster, roster_dups, results)
    frames["roster"] = roster
    visits = store.conform(frames["visits"], "visits")
    if not visits.empty:
        visits, visit_dups = households.key_visits(visits, roster)
        duplicates.append(visit_dups)
        _visits_merged_across(visit_dups, results)
        _visits_alike_across(visits, results)
    frames["visits"] = visits
    dups = [d for d in duplicates if not d.empty]
    frames["duplicates"] = pd.concat(dups, ignore_index=True) if dups else None
    return {name: _conformed(frame, name) for name, frame in frames.items()}, places


def _across_sheets(dups: pd.DataFrame) -> list[tuple[tuple[str, str], tuple[str, str], int, int]]:
    """The duplicates counted once with a record of another sheet: (its sheet, the kept record's sheet, its row,
    the kept record's row), each sheet as (file, sheet)."""
    if dups.empty:
        return []
    columns = ("source_file", "source_sheet", "source_row", "kept_file", "kept_sheet", "kept_row")
    return [((file, sheet), (kept_file, kept_sheet), int(row), int(kept_row))
            for file, sheet, row, kept_file, kept_sheet, kept_row in zip(*(dups[c].tolist() for c in columns), strict=True)
            if (file, sheet) != (kept_file, kept_sheet)]


def _poor_across_lists(listed: pd.DataFrame, roster: pd.DataFrame, dups: pd.DataFrame,
                       results: list[FileResult]) -> None:
    """A household listed in two roster lists, as 是否贫困户 is written in each.

    Kept from a list with no such column (each household not poor, by default: said) and listed again in one that
    writes it, the household takes what that list writes (``roster["is_poor"]`` set in place): a township's list
    without the column, read first, made the villages' poor households not poor, the count of poor households 0.
    The first list's flag (``SheetResult.unsaid``) then says how many took it from which list, and goes where
    every household did. Written in both and differently (否 in the list read first, 是 in 名单（调整）), it counts as
    the first says, and the later list is told so (``SheetResult.merged_records`` with the list kept) — it may also
    be two households of one name. ``listed``: the roster as read, before duplicates were dropped."""
    across = _across_sheets(dups)
    if not across or roster.empty:
        return  # most duplicates are a household listed twice in one list: the roster is not looked up
    sheets = {(s.source_file, s.source_sheet): s for f in results for s in f.sheets if s.ledger == "roster" and s.n_records}
    # The lists with no 是否贫困户 column, found before any takes another list's answer.
    silent = {key for key, s in sheets.items() if s.unsaid and s.unsaid.get("field") == "是否贫困户"}
    filled = [pair for pair in across if pair[1] in silent and pair[0] not in silent]
    compared = [pair for pair in across if pair[0] in sheets and pair[0] not in silent and pair[1] not in silent]
    if not filled and not compared:
        return
    pd, _, _ = _assembly()
    lineage = ("source_file", "source_sheet", "source_row")
    poor_at = dict(zip(zip(*(listed[c].tolist() for c in lineage), strict=True), listed["is_poor"].tolist(), strict=True))
    kept_at = {key: i for i, key in enumerate(zip(*(roster[c].tolist() for c in lineage), strict=True))}
    poor = roster["is_poor"].tolist()
    taken: dict[int, tuple[str, str]] = {}  # kept row → the list its poor status is taken from (the first that writes it)
    for here, kept, row, kept_row in filled:
        i = kept_at.get((*kept, kept_row))
        if i is not None and i not in taken:
            taken[i] = here
            poor[i] = poor_at[(*here, row)]
    if taken:
        roster["is_poor"] = pd.array(poor, dtype=roster["is_poor"].dtype)
        told: dict[tuple[str, str], list[tuple[str, str]]] = {}  # a silent list → each list taken from, once a household
        for i, here in taken.items():
            told.setdefault((roster["source_file"].iat[i], roster["source_sheet"].iat[i]), []).append(here)
        for kept, others in told.items():
            s = sheets[kept]
            n = len(others)
            s.unsaid = None if n >= s.unsaid["records"] else {**s.unsaid, "taken": n, "from": list(dict.fromkeys(others))}
    disagreeing: dict[tuple[str, str], list[tuple[tuple[str, str], int, int]]] = {}
    for here, kept, row, kept_row in compared:
        if poor_at.get((*here, row)) != poor_at.get((*kept, kept_row)):
            disagreeing.setdefault(here, []).append((kept, kept_row, row))
    for here, pairs in disagreeing.items():
        s = sheets[here]
        if s.merged_records is None:
            s.merged_records = {"records": len(pairs), "pairs": [[kept_row, row] for _, kept_row, row in pairs[:3]],
                                "kept": list(dict.fromkeys(kept for kept, _, _ in pairs)), "columns": ["是否贫困户"],
                                "read": []}


def _visits_merged_across(dups: pd.DataFrame, results: list[FileResult]) -> None:
    """Each visit log some of whose visits were counted once with another sheet's — the same household
    on the same day — where neither sheet reads a cadre, told so (``SheetResult.merged_records``, with the
    sheets kept): two cadres' logs (a 民情日记 each, the cadre named only in the file's name or title)
    visiting one household on one day were one visit, and nothing said. A sheet of as many visits as
    another, every one counted already there, is a copy of it, said by the duplicates alone."""
    across = _across_sheets(dups)
    if not across:
        return
    sheets = {(s.source_file, s.source_sheet): s for f in results for s in f.sheets if s.ledger == "visits" and s.n_records}
    no_cadre = {key for key, s in sheets.items() if "走访人" in s.unread_identity}
    found: dict[tuple[str, str], list[tuple[tuple[str, str], int, int]]] = {}
    for here, kept, row, kept_row in across:
        if here in no_cadre and kept in no_cadre:
            found.setdefault(here, []).append((kept, kept_row, row))
    for here, pairs in found.items():
        s = sheets[here]
        kept = list(dict.fromkeys(kept for kept, _, _ in pairs))
        # (every sheet kept is among ``sheets``: it is in ``no_cadre``)
        copy = len(pairs) == s.n_records and len(kept) == 1 and sheets[kept[0]].n_records == s.n_records
        if copy or s.merged_records is not None:
            continue
        s.merged_records = {"records": len(pairs), "pairs": [[kept_row, row] for _, kept_row, row in pairs[:3]],
                           "kept": kept, "columns": [], "read": []}


def _visits_alike_across(visits: pd.DataFrame, results: list[FileResult]) -> None:
    """Each visit log some of whose visits another log holds too — the same household on the same day — told
    apart from them only by a cadre or kind this log does not write (the other may write it), told so
    (``SheetResult.overlap``, with what it lacks): a township's 走访汇总 without a 走访干部 column, sent with the
    villages' logs that have one, counted every visit twice, and nothing said. All counted still: without the
    cadre, two cadres' visits and one visit written twice look the same."""
    lacking = {(s.source_file, s.source_sheet): s for f in results for s in f.sheets
               if s.ledger == "visits" and s.n_records and s.unread_identity}
    if not lacking or visits.empty:
        return
    who = visits["household_key"].astype(object).where(visits["household_key"].notna(), None).tolist()
    places = zip(*(visits[c].tolist() for c in ("township", "village", "group", "household_head")), strict=True)
    who = [key if key is not None else place for key, place in zip(who, places, strict=True)]
    days = visits["visit_date"].dt.normalize().tolist()
    sheets = list(zip(visits["source_file"].tolist(), visits["source_sheet"].tolist(), strict=True))
    alike: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(who, days, strict=True)):
        alike.setdefault(key, []).append(i)
    cadres, kinds, rows = visits["cadre"].tolist(), visits["visit_kind"].tolist(), visits["source_row"].tolist()
    found: dict[tuple[str, str], list[tuple[tuple[str, str], int, int]]] = {}
    for group in alike.values():
        if len(group) < 2:
            continue
        for i in group:
            here = sheets[i]
            if here not in lacking:
                continue
            unread = lacking[here].unread_identity
            for j in group:
                there = sheets[j]
                if there == here:
                    continue
                # Told apart only by what this log does not write (the other log, writing it, is not the one to
                # blame: it is told so only where it lacks what tells them apart in its turn).
                if ((cadres[i] == cadres[j] or "走访人" in unread)
                        and (kinds[i] == kinds[j] or "走访形式" in unread)):
                    found.setdefault(here, []).append((there, int(rows[j]), int(rows[i])))
                    break
    for here, pairs in found.items():
        s = lacking[here]
        if s.overlap is None:
            s.overlap = copies.Copy(len(pairs), list(dict.fromkeys(there for there, _, _ in pairs)),
                                    unread=s.unread_identity)


def _roster_versions(roster: pd.DataFrame, dups: pd.DataFrame, results: list[FileResult]) -> None:
    """Each roster sheet that looks like a second version of another told so (``copies.roster_versions``,
    ``SheetResult.overlap``), from every row's household key: the kept rows' own, a dropped row's its kept row's."""
    if roster.empty:
        return
    files, sheets_of, keys = (roster[c].tolist() for c in ("source_file", "source_sheet", "household_key"))
    rows = list(zip(files, sheets_of, strict=True))
    if not dups.empty:
        key_at = dict(zip(zip(files, sheets_of, roster["source_row"].tolist(), strict=True), keys, strict=True))
        rows += list(zip(dups["source_file"].tolist(), dups["source_sheet"].tolist(), strict=True))
        kept = zip(dups["kept_file"].tolist(), dups["kept_sheet"].tolist(), dups["kept_row"].tolist(), strict=True)
        keys += [key_at[k] for k in kept]
    sheets = [s for f in results for s in f.sheets if s.ledger == "roster"]
    found = copies.roster_versions([(s.source_file, s.source_sheet) for s in sheets], rows, keys)
    for s in sheets:
        s.overlap = found.get((s.source_file, s.source_sheet))


def _drop_copied_sheets(frames: dict, name: str, results: list[FileResult]) -> pd.DataFrame:
    """Ledger ``name``'s records of whole sheets counted already (``copies``) out of its frame, as
    ``duplicates`` rows (returned); then its summary sheets' totals of other sheets (``copies.summary_sheets``)
    out of it too, skipped as subtotals. Each sheet told (``SheetResult.copy_of``, ``overlap``, ``summary``)."""
    pd, _, _ = _assembly()
    frame = frames[name]
    if frame is None:
        return pd.DataFrame()
    sheets = [s for f in results for s in f.sheets if s.ledger == name]
    found = copies.copied_sheets({col: frame[col].tolist() for col in frame.columns}, name,
                                 {(s.source_file, s.source_sheet): s.unwritten for s in sheets if s.unwritten})
    for s in sheets:
        s.copy_of = found.copies.get((s.source_file, s.source_sheet))
        s.overlap = found.overlaps.get((s.source_file, s.source_sheet))
    duplicates = pd.DataFrame()
    if found.copies:
        dup_at = [i for i, d in enumerate(found.dup) if d]
        kept = [found.kept_at[i] for i in dup_at]

        def taken(col: str, at: list[int]) -> list:
            return frame[col].iloc[at].tolist()

        duplicates = pd.DataFrame({
            "source_file": taken("source_file", dup_at), "source_sheet": taken("source_sheet", dup_at),
            "source_row": taken("source_row", dup_at), "ledger": name, "township": taken("township", dup_at),
            "village": taken("village", dup_at), "household_head": None,
            "kept_file": taken("source_file", kept), "kept_sheet": taken("source_sheet", kept),
            "kept_row": taken("source_row", kept),
        })
        frame = frame.loc[[not d for d in found.dup]].reset_index(drop=True)
    totals, summaries = copies.summary_sheets({col: frame[col].tolist() for col in frame.columns}, name)
    if summaries:
        for s in sheets:
            summary = summaries.get((s.source_file, s.source_sheet))
            if summary is not None:
                s.summary = summary
                s.skip_records(set(summary.rows), "subtotal")
        frame = frame.loc[[not t for t in totals]].reset_index(drop=True)
    frames[name] = frame if len(frame) else None
    return duplicates


def _conformed(frame: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """``store.conform``, skipped for a frame that has the declared shape already (roster and
    visits, conformed before their households were keyed): casting it again changes nothing."""
    _, store, _ = _assembly()
    return store.conformed(frame, name)


def _extend_columns(columns: dict[str, list], count: int, records: dict[str, list]) -> int:
    """Append a sheet's records to a ledger's columns (``count`` rows so far); the new count.

    A column some sheets lack is None on their rows, as a concat of frames would leave it.
    """
    n = len(records["source_row"])
    for name, vals in records.items():
        col = columns.get(name)
        if col is None:
            col = columns[name] = [None] * count
        col.extend(vals)
    count += n
    for col in columns.values():
        if len(col) < count:
            col.extend([None] * (count - len(col)))
    return count


def _apply_folder_townships(results: list[FileResult]) -> None:
    """Records filed under folders named by bare words (葛坳), which nothing else of theirs names a township for: the
    township the first of the words (the top folder's first) names as the rest of the county does (葛坳乡, in a title,
    a file's name, a column). Where none does, they are the rejects they were before (无法确定所属乡镇), the words naming
    no township for certain."""
    sheets = [s for f in results for s in f.sheets if s.folder_words and s.n_records]
    if not sheets:
        return
    known = {t for f in results for s in f.sheets if s.n_records
             for t, source in zip(s.records["township"], s.township_sources, strict=True) if source != FOLDER_WORD_SOURCE}
    for s in sheets:
        s.folder_word, township = next(((w, t) for w in s.folder_words if (t := township_of_word(w, known)) is not None),
                                       (None, None))
        unplaced = [i for i, source in enumerate(s.township_sources) if source == FOLDER_WORD_SOURCE]
        if township is not None:
            for i in unplaced:
                s.records["township"][i] = township
            continue
        keep = [i for i, source in enumerate(s.township_sources) if source != FOLDER_WORD_SOURCE]
        rows = [s.records["source_row"][i] for i in unplaced]
        s.records = {name: [values[i] for i in keep] for name, values in s.records.items()}
        s.township_sources = [s.township_sources[i] for i in keep]
        s.village_sources = [s.village_sources[i] for i in keep]
        s.rejects = sorted([*s.rejects, *(s.folder_word_rejects[r] for r in rows)], key=lambda reject: reject["source_row"])


def _apply_village_hints(results: list[FileResult]) -> None:
    """Rows without a village from a sheet named by a bare word (a tab ``新屋``) get the village
    of that name which the township's other rows name (``新屋村``); a word that names no known
    village (``花名册``, ``汇总``) is left alone."""
    sheets = [s for f in results for s in f.sheets if s.n_records]
    known: dict[str, set[str]] = {}
    for s in sheets:
        for t, v in zip(s.records["township"], s.records["village"], strict=True):
            if t is not None and v is not None:
                known.setdefault(t, set()).add(v)
    for s in sheets:
        if s.filed_village_words and s.other_village is None:
            s.other_village = _other_village_by_word(s, known)
        if not s.village_hints:
            continue
        villages = s.records["village"]
        chosen: dict[tuple[str, bool], str | None] = {}
        # Under a top folder 葛坳 that is the rows' township, the folder's word names no village of theirs.
        hints = tuple(w for w in s.village_hints if w != s.folder_word)
        for i, (t, v) in enumerate(zip(s.records["township"], villages, strict=True)):
            if v is not None or t is None:
                continue
            key = (t, s.township_sources[i] == FOLDER_WORD_SOURCE)
            if key not in chosen:
                chosen[key] = village_from_hints(hints if key[1] else s.village_hints, known.get(t, set()))
            if chosen[key] is not None:
                villages[i] = chosen[key]
                s.village_sources[i] = HINT_SOURCE


def _other_village_by_word(s: SheetResult, known: dict[str, set[str]]) -> dict | None:
    """``tidy.other_village`` for a sheet whose title names a village and whose tab (or file, or folder) is named by a
    bare word that the township's other rows show is another village: 桥头 under 葛坳乡澄江村三送走访登记表, a tab copied
    from 澄江村's and renamed, its title left on it. The first word naming a known village decides."""
    first = next((i for i, source in enumerate(s.village_sources) if source == TITLE_SOURCE), None)
    if first is None:
        return None
    township, village = s.records["township"][first], s.records["village"][first]
    named = next(((found, label) for word, label in s.filed_village_words
                  if (found := village_from_hints((word,), known.get(township, set()))) is not None), (None, None))
    return other_village(s.records, s.village_sources, village, *named)


def _reconcile_places(frames: dict[str, pd.DataFrame | None], results: list[FileResult]) -> list[dict]:
    """Place names made one across the whole clean; returns where each was read (``places``).

    A bare name (``黄坑``, ``新屋``) becomes the one full name used elsewhere (``黄坑乡``,
    ``新屋村``); a name read only from free text that is a firmer name with stray characters
    before it becomes that name (``度黄坑乡`` → ``黄坑乡``, see ``places.stray_name_map``).
    """
    sheets = [s for f in results for s in f.sheets if s.n_records]
    # Each sheet's records as (township, village, where each was read) → how many: a sheet repeats
    # a few places over many rows.
    counted = [
        Counter(zip(s.records["township"], s.records["village"], s.township_sources, s.village_sources, strict=True))
        for s in sheets
    ]
    town_sources: dict[str, set[str]] = {}
    town_sheets: dict[str, set[object]] = {}
    for k, counts in enumerate(counted):
        for t, _, src, _ in counts:
            if t is not None:
                town_sources.setdefault(t, set()).add(src or "")
                town_sheets.setdefault(t, set()).add(k)
    town_map = bare_name_map(set(town_sources))
    town_map.update({k: v for k, v in stray_name_map(town_sources, town_sheets).items() if k not in town_map})
    # 百山镇 read from one title where 三百山镇 is firm: the township, its first character cut (said: ``written_as``)
    cut = {k: v for k, v in cut_name_map(town_sources, town_sheets).items() if k not in town_map}
    town_map.update(cut)
    # 葛坳乡 and 葛坳镇: one township (said in the place report: ``written_as``)
    variants = suffix_variant_map({t: town_sources[t] for t in town_sources if t not in town_map}, town_sheets)
    town_map.update(variants)
    town_map = {k: variants.get(v, v) for k, v in town_map.items()}
    present = [f for f in frames.values() if f is not None and "township" in f]
    for f in present:
        if town_map:
            f["township"] = f["township"].replace(town_map)

    village_sources: dict[tuple[str, str], set[str]] = {}
    village_sheets: dict[tuple[str, str], set[object]] = {}
    for k, counts in enumerate(counted):
        for t, v, _, src in counts:
            if t is not None and v is not None:
                key = (town_map.get(t, t), v)
                village_sources.setdefault(key, set()).add(src or "")
                village_sheets.setdefault(key, set()).add(k)
    pairs: dict[str, set[str]] = {}
    for f in present:
        if "village" not in f:
            continue
        for t, v in f[["township", "village"]].dropna().drop_duplicates().itertuples(index=False):
            pairs.setdefault(t, set()).add(v)
    village_maps: dict[str, dict[str, str]] = {}
    village_cuts: dict[str, dict[str, str]] = {}  # per township: 平新村 read from a title where 和平新村 is firm
    for t, villages in pairs.items():
        village_map = bare_name_map(villages)
        sources_of = {v: village_sources.get((t, v), set()) for v in villages}
        sheets_of = {v: village_sheets.get((t, v), set()) for v in villages}
        stray = stray_name_map(sources_of, sheets_of)
        village_map.update({k: v for k, v in stray.items() if k not in village_map})
        village_cuts[t] = {k: v for k, v in cut_name_map(sources_of, sheets_of).items() if k not in village_map}
        village_map.update(village_cuts[t])
        if not village_map:
            continue
        village_maps[t] = village_map
        for f in present:
            if "village" in f:
                mask = f["township"] == t
                f.loc[mask, "village"] = f.loc[mask, "village"].replace(village_map)

    read: Counter = Counter()
    for counts in counted:
        for (t, v, ts, vs), n in counts.items():
            t = town_map.get(t, t)
            read[(t, village_maps.get(t, {}).get(v, v), ts, vs)] += n
    report = place_report(read)
    written_as: dict[str, list[str]] = {}
    for name, kept in sorted({**cut, **variants}.items()):
        written_as.setdefault(variants.get(kept, kept), []).append(name)
    for entry in report:
        if entry["township"] in written_as:
            entry["written_as"] = written_as[entry["township"]]
        cut_villages: dict[str, list[str]] = {}
        for name, kept in sorted(village_cuts.get(entry["township"], {}).items()):
            cut_villages.setdefault(kept, []).append(name)
        for village in entry["villages"]:
            if village["village"] in cut_villages:
                village["written_as"] = cut_villages[village["village"]]
    return report


def run_clean(
    raw_dir: Path, processed_dir: Path, *, jobs: int | None = None, limits: Limits = DEFAULT_LIMITS,
    progress: bool | None = None,
) -> CleanResult:
    """Clean and write the frames (atomically) with the accounting beside them."""
    result = clean(raw_dir, jobs=jobs, limits=limits, progress=progress)
    _, store, _ = _assembly()
    logs = _crash_logs(result, Path(processed_dir))
    store.write_frames(result.frames, processed_dir, summary=result.summary(), attachments=logs)
    return result


def _crash_logs(result: CleanResult, processed_dir: Path) -> dict[str, str]:
    """A crash log for each defect of ours met in the clean (path in the processed folder → text),
    written with the frames; each problem then names its log, in the summary and on the terminal."""
    logs: dict[str, str] = {}
    for f in result.files:
        for sheet, problem in ([("", f.problem)] if f.problem else []) + f.sheet_problems:
            if not isinstance(problem, ProgramError):
                continue
            name = f"{CRASH_FOLDER}/{crash_log_name()}"
            while name in logs:
                name = f"{CRASH_FOLDER}/{crash_log_name()}"
            about = f"文件：{f.path}" + (f"，工作表：{sheet}" if sheet else "") + f"\n{problem.detail}"
            logs[name] = crash_log_text(problem.trace, about)
            problem.log = str(processed_dir / name)
    return logs


def load(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """The tidy frames written by ``sansong clean`` (see ``store.load``)."""
    _, store, _ = _assembly()
    return store.load(processed_dir)

"""The clean step: every raw ledger file → the tidy frames of CONTRACT §4.

Walks the raw folder, reads each file (``read``), finds each sheet's table
(``locate``), turns it into records, rejects and skipped rows (``tidy``),
then across all files: reconciles place names, keys and matches households
and removes duplicate visits (``households``). Writing is ``store``'s job.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__, store
from .context import bare_name_map, village_from_hints
from .households import dedupe_visits, key_roster, match_visits
from .ledgers import LEDGERS
from .locate import locate_table
from .read import DEFAULT_LIMITS, FileProblem, Limits, read_file
from .read.sniff import is_ignored
from .tidy import SKIP_KINDS, SheetResult, tidy_table

DEMO_TRUTH_FILE = "truth.json"


@dataclass
class FileResult:
    """What became of one raw file."""

    path: str
    problem: FileProblem | None = None
    sheets: list[SheetResult] = field(default_factory=list)
    sheet_problems: list[tuple[str, FileProblem]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.sheet_problems


@dataclass
class CleanResult:
    frames: dict[str, pd.DataFrame]
    files: list[FileResult]
    ignored: list[str] = field(default_factory=list)

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
                            "note": s.note, **s.context,
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
            "duplicates": {name: int((dups["ledger"] == name).sum()) for name in ("roster", "visits")},
            "unmatched_visits": int(frames["visits"]["household_key"].isna().sum()),
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
        if any(part.startswith(".") for part in rel.parts[:-1]) or is_ignored(path) or is_demo_truth(path):
            ignored.append(rel.as_posix())
            continue
        files.append(path)
    return files, ignored


def _unread_sheet(rows: list[list[object]], file: str, sheet: str) -> SheetResult:
    result = SheetResult(file, sheet, None, rows_read=len(rows), note="未识别出台账")
    for row in rows:
        blank = all(v is None or v == "" or (isinstance(v, str) and not v.strip()) for v in row)
        result.skipped["blank" if blank else "title"] += 1
    return result


def clean_file(path: Path, raw_dir: Path, limits: Limits = DEFAULT_LIMITS) -> FileResult:
    """One raw file → its sheets' records, rejects and skip counts. Never raises for bad input."""
    rel = path.relative_to(raw_dir)
    result = FileResult(rel.as_posix())
    folders = [p for p in reversed(rel.parent.parts)]
    try:
        sheets, result.sheet_problems = read_file(path, limits)
    except FileProblem as problem:
        result.problem = problem
        return result
    except MemoryError:
        result.problem = FileProblem("too_large", "读取时内存不足")
        return result
    for sheet in sheets:
        try:
            table = locate_table(sheet.rows, sheet.name, path.stem, folders)
            if table is None:
                result.sheets.append(_unread_sheet(sheet.rows, result.path, sheet.name))
            else:
                result.sheets.append(tidy_table(sheet.rows, table, result.path, sheet.name))
        except RecursionError as exc:  # pragma: no cover - defensive: a sheet must never stop the run
            result.sheet_problems.append((sheet.name, FileProblem("corrupt", f"无法处理（{exc}）")))
        except Exception as exc:  # pragma: no cover - a defect of ours must cost one sheet, not the whole run
            detail = f"无法处理此工作表（程序错误 {type(exc).__name__}: {str(exc)[:80]}），请把文件交给维护人员"
            result.sheet_problems.append((sheet.name, FileProblem("unsupported", detail)))
    return result


def _clean_one(args: tuple[Path, Path, Limits]) -> FileResult:
    return clean_file(*args)


def _progress(files: list[Path], show: bool | None):
    if show is None:
        show = sys.stderr.isatty() and len(files) > 10
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=len(files), unit="个文件", desc="清洗台账", file=sys.stderr, leave=False)


def clean(
    raw_dir: Path, *, jobs: int | None = None, limits: Limits = DEFAULT_LIMITS, progress: bool | None = None
) -> CleanResult:
    """Clean every ledger under ``raw_dir`` into tidy frames (nothing is written).

    ``jobs`` processes read files in parallel (default: CPUs, at most 8).
    """
    raw_dir = Path(raw_dir).resolve()
    files, ignored = raw_files(raw_dir)
    jobs = jobs or min(os.cpu_count() or 1, 8)
    bar = _progress(files, progress)
    results: list[FileResult] = []
    work = [(p, raw_dir, limits) for p in files]
    try:
        if jobs > 1 and len(files) >= 4:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
                for res in pool.map(_clean_one, work, chunksize=max(1, len(work) // (jobs * 8))):
                    results.append(res)
                    if bar is not None:
                        bar.update()
        else:
            for item in work:
                results.append(_clean_one(item))
                if bar is not None:
                    bar.update()
    finally:
        if bar is not None:
            bar.close()
    return CleanResult(assemble_frames(results), results, ignored)


def assemble_frames(results: list[FileResult]) -> dict[str, pd.DataFrame]:
    """Per-sheet records → the six frames (plus duplicates), households keyed and matched."""
    _apply_village_hints(results)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in LEDGERS}
    rejects: list[dict] = []
    for f in results:
        for s in f.sheets:
            if s.records is not None and len(s.records):
                parts[s.ledger].append(s.records)
            rejects.extend(s.rejects)
    frames = {name: (pd.concat(p, ignore_index=True) if p else None) for name, p in parts.items()}
    frames["rejects"] = pd.DataFrame(rejects) if rejects else None
    _reconcile_places(frames)

    duplicates = []
    roster = store.conform(frames["roster"], "roster")
    roster, roster_dups = key_roster(roster)
    duplicates.append(roster_dups)
    frames["roster"] = roster
    visits = store.conform(frames["visits"], "visits")
    if not visits.empty:
        visits["household_key"] = match_visits(visits, roster)
        visits, visit_dups = dedupe_visits(visits)
        duplicates.append(visit_dups)
    frames["visits"] = visits
    dups = [d for d in duplicates if not d.empty]
    frames["duplicates"] = pd.concat(dups, ignore_index=True) if dups else None
    return {name: store.conform(frame, name) for name, frame in frames.items()}


def _apply_village_hints(results: list[FileResult]) -> None:
    """Rows without a village from a sheet named by a bare word (a tab ``新屋``) get the village
    of that name which the township's other rows name (``新屋村``); a word that names no known
    village (``花名册``, ``汇总``) is left alone."""
    sheets = [s for f in results for s in f.sheets if s.records is not None and len(s.records)]
    known: dict[str, set[str]] = {}
    for s in sheets:
        pairs = s.records[["township", "village"]].dropna().drop_duplicates()
        for t, v in pairs.itertuples(index=False):
            known.setdefault(t, set()).add(v)
    for s in sheets:
        if not s.village_hints:
            continue
        records = s.records
        missing = records["village"].isna() & records["township"].notna()
        for t in records.loc[missing, "township"].unique():
            village = village_from_hints(s.village_hints, known.get(t, set()))
            if village is not None:
                records.loc[missing & (records["township"] == t), "village"] = village


def _reconcile_places(frames: dict[str, pd.DataFrame | None]) -> None:
    """Bare names (``黄坑``, ``新屋``) become the full name used elsewhere (``黄坑乡``, ``新屋村``)."""
    present = [f for f in frames.values() if f is not None and "township" in f]
    if not present:
        return
    towns = set()
    for f in present:
        towns.update(t for t in f["township"].dropna().unique())
    town_map = bare_name_map(towns)
    for f in present:
        if town_map:
            f["township"] = f["township"].replace(town_map)
    pairs: dict[str, set[str]] = {}
    for f in present:
        if "village" not in f:
            continue
        for t, v in f[["township", "village"]].dropna().drop_duplicates().itertuples(index=False):
            pairs.setdefault(t, set()).add(v)
    for t, villages in pairs.items():
        village_map = bare_name_map(villages)
        if not village_map:
            continue
        for f in present:
            if "village" in f:
                mask = f["township"] == t
                f.loc[mask, "village"] = f.loc[mask, "village"].replace(village_map)


def run_clean(
    raw_dir: Path, processed_dir: Path, *, jobs: int | None = None, limits: Limits = DEFAULT_LIMITS,
    progress: bool | None = None,
) -> CleanResult:
    """Clean and write the frames (atomically) with the accounting beside them."""
    result = clean(raw_dir, jobs=jobs, limits=limits, progress=progress)
    store.write_frames(result.frames, processed_dir, summary=result.summary())
    return result


def load(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """The tidy frames written by ``sansong clean`` (see ``store.load``)."""
    return store.load(processed_dir)

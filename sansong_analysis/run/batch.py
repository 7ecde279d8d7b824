"""Many reports: a process pool or a Dask cluster, fingerprints, the manifest, the lock, progress.

``report.run_report`` runs exactly one township and returns a result record;
everything around it lives here. A batch:

1. takes a lock on the output folder (a second batch exits at once, or waits);
2. undoes what a killed run left behind (staging folders, half swaps);
3. fingerprints each township's inputs — its slice of the processed frames,
   the notebook, the package's code, the parameters — and skips a township
   whose last run succeeded with the same fingerprint (unless ``force``);
4. runs the rest in parallel, each in a fresh kernel, retrying once a kernel
   that failed to start; one township's failure does not stop the others;
5. rewrites ``outputs/manifest.json`` atomically after every report, so a
   ``kill -9`` leaves it describing exactly what is on disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sansong_analysis import __version__, collector, fsutil, lifeline, paths
from sansong_analysis.run import kernels
from sansong_analysis.run.report import KERNEL_ENV, ReportResult, recover_outputs, report_target, run_report

MANIFEST = "manifest.json"
LOCK_FILE = ".sansong-batch.lock"
COUNTY = paths.COUNTY_FOLDER
_RETRYABLE = ("Kernel died", "Kernel didn't respond", "kernel failed to start", "DeadKernelError", "TimeoutError: Kernel")


class BatchLocked(Exception):
    """Another batch holds the output folder."""


@dataclass
class BatchResult:
    reports: list[ReportResult]
    manifest_path: Path
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def failed(self) -> list[ReportResult]:
        return [r for r in self.reports if r.status == "failed"]

    @property
    def exit_status(self) -> int:
        return 1 if self.failed else 0


# --------------------------------------------------------------------------- lock


class OutputLock:
    """An exclusive lock on the output folder (``fsutil.exclusive_lock``: released by the OS if we die).

    Who holds it is written beside it (``.sansong-batch.lock.json``) for the message a second batch prints.
    """

    def __init__(self, out_root: Path, wait: bool = False):
        self.path = Path(out_root) / LOCK_FILE
        self.wait = wait
        self._held: contextlib.ExitStack | None = None

    @property
    def _holder_path(self) -> Path:
        return self.path.with_name(self.path.name + ".json")

    def __enter__(self) -> OutputLock:
        stack = contextlib.ExitStack()
        try:
            stack.enter_context(fsutil.exclusive_lock(self.path, wait=self.wait))
        except fsutil.LockHeld:
            raise BatchLocked(self._holder()) from None
        self._held = stack
        with contextlib.suppress(OSError):
            fsutil.atomic_write(self._holder_path, json.dumps({"pid": os.getpid(), "started": _now()}))
        return self

    def _holder(self) -> str:
        try:
            info = json.loads(self._holder_path.read_text("utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        who = f"（进程 {info['pid']}，开始于 {info.get('started', '?')}）" if info.get("pid") else ""
        return f"另一个批处理正在使用输出文件夹 {self.path.parent}{who}；请稍后再试，或加 --wait 等待其结束"

    def __exit__(self, *exc) -> None:
        if self._held is not None:
            with contextlib.suppress(OSError):
                self._holder_path.unlink()
            self._held.close()
            self._held = None


# --------------------------------------------------------------------------- fingerprints


def _code_hash() -> str:
    """The package's own code: a change to any module reruns every report."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".j2", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _frame_digest(frame: pd.DataFrame) -> bytes:
    if frame.empty:
        return b"empty:" + ",".join(frame.columns).encode()
    ordered, hashed = _row_hashes(frame)
    return _digest_of(hashed, frame)


def _row_hashes(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The frame in a stable order (by source file, sheet and row) and one hash per row, in that order."""
    ordered = frame.sort_values(["source_file", "source_sheet", "source_row"], kind="stable") if "source_row" in frame else frame
    ordered = ordered.reset_index(drop=True)
    return ordered, pd.util.hash_pandas_object(ordered, index=False).to_numpy()


def _digest_of(hashed, frame: pd.DataFrame) -> bytes:
    return hashlib.sha256(hashed.tobytes() + ",".join(frame.columns).encode()).digest()


def _township_digests(frame: pd.DataFrame, names: Iterable[str]) -> dict[str, bytes]:
    """``_frame_digest`` of each township's rows, the frame sorted and hashed once rather than once a township.

    A row's hash depends on that row alone, and a stable sort keeps a township's rows in the order
    sorting them alone would give, so each digest equals that of the township's own rows.
    """
    empty = _frame_digest(frame.iloc[0:0])
    if frame.empty:
        return dict.fromkeys(names, empty)
    ordered, hashed = _row_hashes(frame)
    rows = ordered.groupby("township", sort=False, dropna=True, observed=True).indices
    return {name: _digest_of(hashed[rows[name]], frame) if name in rows else empty for name in names}


def fingerprints(
    frames: dict[str, pd.DataFrame], townships: Iterable[str], *, start=None, end=None,
    township_notebook: Path = paths.TOWNSHIP_NOTEBOOK, county_notebook: Path = paths.COUNTY_NOTEBOOK,
    summary: dict | None = None,
) -> dict[str, str]:
    """Input fingerprint of each township's report and of the county overview (key ``county``).

    ``summary`` (``clean_summary.json``) adds what the clean found beyond the frames (sheets not
    recognised, totals that do not add up, warnings): the 问题清单 and 数据质量 section show them.
    """
    common = hashlib.sha256()
    common.update(_code_hash().encode())
    common.update(json.dumps({"start": str(start) if start else None, "end": str(end) if end else None}).encode())
    township_nb = Path(township_notebook).read_bytes()
    county_nb = Path(county_notebook).read_bytes()
    wanted = set(townships)
    per_township = {}
    for name in wanted:
        h = common.copy()
        h.update(township_nb)
        h.update(name.encode())
        per_township[name] = h
    county = common.copy()
    county.update(county_nb)
    for frame_name in sorted(frames):
        frame = frames[frame_name]
        county.update(frame_name.encode() + _frame_digest(frame))
        if "township" not in frame:
            continue
        digests = _township_digests(frame, per_township)
        for name, h in per_township.items():
            h.update(frame_name.encode() + digests[name])
    if summary:
        from sansong_analysis.figures import all_townships
        from sansong_analysis.publish.feedback import summary_digests

        found = summary_digests(summary, sorted(set(all_townships(frames)) | wanted))
        for name, h in per_township.items():
            h.update(found.get(name, b""))
        county.update(b"".join(found[name] for name in sorted(found, key=lambda n: (n is None, n or ""))))
    out = {name: h.hexdigest()[:32] for name, h in per_township.items()}
    out[COUNTY] = county.hexdigest()[:32]
    return out


# --------------------------------------------------------------------------- manifest


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def read_manifest(out_root: Path) -> dict:
    path = Path(out_root) / MANIFEST
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(out_root: Path, entries: dict[str, dict], meta: dict) -> Path:
    """Write the manifest atomically: one entry a report, townships sorted, county last."""
    path = Path(out_root) / MANIFEST
    ordered = sorted(entries.values(), key=lambda e: (e.get("kind") == "county", e["township"]))
    doc = {**meta, "updated_at": _now(), "reports": ordered}
    return fsutil.atomic_write(path, json.dumps(doc, ensure_ascii=False, indent=1), durable=True)


def _entry(result: ReportResult, out_root: Path) -> dict:
    entry = result.to_json()
    entry["out_dir"] = os.path.relpath(result.out_dir, out_root) if result.out_dir else ""
    entry["finished_at"] = _now()
    return entry


def _still_good(previous: dict | None, fingerprint: str, out_root: Path) -> bool:
    if not previous or previous.get("status") not in ("ok", "skipped") or previous.get("fingerprint") != fingerprint:
        return False
    files = previous.get("files") or []
    return bool(files) and all((Path(out_root) / f).is_file() for f in files)


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Task:
    township: str | None  # None: the county overview
    fingerprint: str

    @property
    def key(self) -> str:
        return self.township or COUNTY


def _worker_init(batch_pid: int, zygote_address: str | None = None) -> None:
    """Pool workers die with the batch (a killed batch must not leave reports being written),
    and fork their kernels from the batch's kernel zygote when there is one.

    A worker's parent is the fork server (which leaves with the batch: Linux's fast path kills
    the worker then); the worker also watches the batch itself (``lifeline``, every platform)."""
    lifeline.die_with_parent_fast()
    lifeline.die_with(batch_pid)
    kernels.use_zygote(zygote_address)
    collector.space_out()  # collections spaced out; run_one frees each report's cycles after it


def run_one(
    task_township: str | None, processed_dir: str, out_root: str, start, end, fingerprint: str,
    notebook: str | None = None,
) -> ReportResult:
    """One report, with one retry when its kernel failed to start. The unit of work for pool and Dask."""
    nb = Path(notebook) if notebook else None
    try:
        result = run_report(task_township, Path(processed_dir), Path(out_root), start, end, fingerprint=fingerprint, notebook=nb)
        if result.status == "failed" and result.error and any(m in result.error for m in _RETRYABLE):
            retry = run_report(task_township, Path(processed_dir), Path(out_root), start, end, fingerprint=fingerprint, notebook=nb)
            retry.seconds = round(retry.seconds + result.seconds, 2)
            return retry
        return result
    finally:
        collector.after_task()  # the report's figures are cycles: freed now, while they are young


class _Progress:
    """A progress bar on a terminal; one plain line per report otherwise (cron logs)."""

    def __init__(self, total: int, show: bool | None):
        self.total = total
        self.done = 0
        self.tty = sys.stderr.isatty() if show is None else show
        self.bar = None
        if self.tty and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="份报告", desc="生成报告", file=sys.stderr, dynamic_ncols=True)

    def running(self, names: list[str]) -> None:
        names = ["全县总览" if n == COUNTY else n for n in names]
        if self.bar is not None:
            shown = "、".join(names[:4]) + ("…" if len(names) > 4 else "")
            self.bar.set_postfix_str(f"正在生成：{shown}", refresh=True)

    def finished(self, result: ReportResult) -> None:
        self.done += 1
        status = {"ok": "完成", "failed": "失败", "skipped": "未变化，跳过"}[result.status]
        line = f"[{self.done}/{self.total}] {result.label} {status} {result.seconds:.1f}s"
        if result.error:
            line += f" — {result.error}"
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
            self.bar.update()
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_batch(
    processed_dir: Path,
    out_root: Path,
    *,
    townships: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    start=None,
    end=None,
    wait: bool = False,
    dask_scheduler: str | None = None,
    progress: bool | None = None,
    include_county: bool = True,
    township_notebook: Path | None = None,
    county_notebook: Path | None = None,
) -> BatchResult:
    """Every township's report (or ``townships``) plus the county overview; see the module docstring."""
    from sansong_analysis.figures import all_townships
    from sansong_analysis.store import load, load_summary

    started = time.monotonic()
    processed_dir = Path(processed_dir).resolve()
    out_root = Path(out_root).resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_root, wait=wait):
        recover_outputs(out_root)
        frames = load(processed_dir)
        known = all_townships(frames)
        chosen = list(dict.fromkeys(townships)) if townships else known
        unknown = [t for t in chosen if t not in known]
        if unknown:
            raise KeyError("、".join(unknown))
        notebooks = {
            "township": Path(township_notebook or paths.TOWNSHIP_NOTEBOOK).resolve(),
            "county": Path(county_notebook or paths.COUNTY_NOTEBOOK).resolve(),
        }
        prints = fingerprints(
            frames, chosen, start=start, end=end,
            township_notebook=notebooks["township"], county_notebook=notebooks["county"],
            summary=load_summary(processed_dir),
        )
        previous = {e["township"]: e for e in read_manifest(out_root).get("reports", []) if "township" in e}
        entries = dict(previous)
        # Entries for townships no longer in the data are dropped; their folders are left alone.
        for name in list(entries):
            if name != COUNTY and name not in known:
                entries.pop(name)
        meta = {
            "version": 1, "package_version": __version__, "processed_dir": str(processed_dir),
            "out_dir": str(out_root), "period": {"start": _iso(start), "end": _iso(end)}, "started_at": _now(),
        }
        tasks = [Task(t, prints[t]) for t in chosen]
        if include_county:
            tasks.insert(0, Task(None, prints[COUNTY]))
        results: list[ReportResult] = []
        todo: list[Task] = []
        bar = _Progress(len(tasks), progress)
        for task in tasks:
            if not force and _still_good(previous.get(task.key), task.fingerprint, out_root):
                prev = previous[task.key]
                skipped = ReportResult(
                    task.key, "skipped", 0.0, str(report_target(out_root, task.township)), list(prev.get("files", [])),
                    None, task.fingerprint, "county" if task.township is None else "township",
                )
                results.append(skipped)
                entries[task.key] = {**_entry(skipped, out_root), "last_run_at": prev.get("finished_at")}
                bar.finished(skipped)
            else:
                todo.append(task)
        write_manifest(out_root, entries, meta)
        try:
            runner = _run_dask if dask_scheduler else _run_pool
            for result in runner(todo, processed_dir, out_root, start, end, jobs, dask_scheduler, bar, notebooks):
                results.append(result)
                entries[result.township] = _entry(result, out_root)
                write_manifest(out_root, entries, meta)
                bar.finished(result)
        finally:
            bar.close()
        manifest = write_manifest(out_root, entries, {**meta, "finished_at": _now()})
    order = {t.key: i for i, t in enumerate(tasks)}
    results.sort(key=lambda r: order.get(r.township, len(order)))
    return BatchResult(results, manifest, round(time.monotonic() - started, 2))


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _notebook_for(task: Task, notebooks: dict[str, Path]) -> str:
    return str(notebooks["county" if task.township is None else "township"])


# What every pool worker needs to run a report, imported once in the fork server rather than
# once per worker (about 2.5 CPU seconds each, half of it nbformat's jsonschema). None of these
# starts a thread at import; pandas and pyarrow do (pyarrow's allocator), so they are left for
# the workers to import after the fork.
WORKER_PRELOAD = [
    "sansong_analysis.run.report", "papermill", "papermill.execute", "nbformat", "nbconvert", "jupyter_client",
    "matplotlib.figure", "matplotlib.backends.backend_agg",
    # The brief's PDF (fontTools' subsetter alone is 0.6 s to import), its Word draft and the 问题清单.
    "matplotlib.backends.backend_pdf", "fontTools.subset", "docx", "openpyxl",
]


def _worker_context():
    """Workers start clean: forked from a fresh fork server that preloaded ``WORKER_PRELOAD``.

    Never forked from the batch itself, which holds zmq, pyarrow and thread state by then;
    ``spawn`` where there is no fork server (Windows, macOS defaults).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    # The server must hold no thread when it forks: numpy's BLAS pool and pyarrow's allocator
    # thread would otherwise start with the preloaded imports. It is started here, with the
    # variables that keep them single-threaded, and keeps them for the batch's lifetime.
    saved = {k: os.environ.get(k) for k in kernels.SINGLE_THREADED}
    os.environ.update(kernels.SINGLE_THREADED)
    try:
        forkserver.ensure_running()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return context


def _run_pool(todo: list[Task], processed_dir: Path, out_root: Path, start, end, jobs, _scheduler, bar: _Progress, notebooks):
    if not todo:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    context = _worker_context()
    # One kernel zygote for the batch: every report still gets a brand-new kernel process,
    # forked from a process that imported the kernel's libraries once (kernels.py).
    zygote = kernels.KernelZygote.start(env=KERNEL_ENV) if len(todo) > 1 and kernels.zygote_supported() else None
    try:
        yield from _pool_results(todo, processed_dir, out_root, start, end, jobs, context, zygote, bar, notebooks)
    finally:
        if zygote is not None:
            zygote.close()
    # The fork server stays for the next batch of this process (its preloads are done) and
    # leaves with the process: multiprocessing closes its pipe to it at exit, or the kernel does.


def _pool_results(todo, processed_dir, out_root, start, end, jobs, context, zygote, bar: _Progress, notebooks):
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(), zygote.address if zygote else None),
    ) as pool:
        pending = {}
        queue = list(todo)

        def submit_next():
            task = queue.pop(0)
            future = pool.submit(
                run_one, task.township, str(processed_dir), str(out_root), start, end, task.fingerprint,
                _notebook_for(task, notebooks),
            )
            pending[future] = task

        for _ in range(min(jobs, len(queue))):
            submit_next()
        while pending:
            bar.running([t.key for t in pending.values()])
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                yield _result_of(future, task, out_root)
                if queue:
                    submit_next()


def _result_of(future, task: Task, out_root: Path) -> ReportResult:
    try:
        return future.result()
    except Exception as exc:  # a worker process died: the report failed, the batch goes on
        return ReportResult(
            task.key, "failed", 0.0, str(report_target(out_root, task.township)), [],
            f"报告进程异常退出：{type(exc).__name__}: {exc}", task.fingerprint,
            "county" if task.township is None else "township",
        )


def _run_dask(todo: list[Task], processed_dir: Path, out_root: Path, start, end, _jobs, scheduler: str, bar: _Progress, notebooks):
    """The same per-township tasks on an existing Dask cluster (shared data folder, absolute paths)."""
    if not todo:
        return
    import uuid

    from distributed import Client, as_completed

    run_id = uuid.uuid4().hex[:8]
    with Client(scheduler, timeout="30s") as client:
        futures = {}
        for task in todo:
            # The worker's own package finds the notebooks unless a custom one was given (shared folder).
            custom = notebooks["county" if task.township is None else "township"]
            default = paths.COUNTY_NOTEBOOK if task.township is None else paths.TOWNSHIP_NOTEBOOK
            future = client.submit(
                run_one, task.township, str(processed_dir), str(out_root), start, end, task.fingerprint,
                None if custom == Path(default).resolve() else str(custom),
                pure=False, key=f"sansong-report-{task.key}-{run_id}", retries=0,
            )
            futures[future] = task
        bar.running([t.key for t in todo])
        for future in as_completed(futures):
            yield _result_of(future, futures[future], out_root)


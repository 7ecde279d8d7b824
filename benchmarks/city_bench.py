"""City scale: ``sansong clean`` on a county of hundreds of townships, its time and peak memory.

Run by hand (not in CI):

    .venv/bin/python benchmarks/city_bench.py                      # 290 and 1000 townships
    .venv/bin/python benchmarks/city_bench.py --townships 290 --repeat 3

For each size it writes a demo county (``write_demo_county``, seed 1), then runs the ``sansong clean``
command as cron runs it (a fresh interpreter, ``--jobs`` processes, Parquet and summary written) and
reports:

- wall seconds, from outside the command;
- CPU seconds of the command and every process it started and waited for;
- peak memory: the most the whole process tree (the command, its pool workers and their reader
  helpers) held at once, as the sum of their resident sizes sampled every 20 ms (psutil); and the
  largest single process's peak (``ru_maxrss`` of the waited-for children).

The target in the issue: 290 townships (about 310,000 raw rows) in under 10 s and 600 MB; the
1000-township run is recorded, not judged. Record the figures in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}


def tree_rss_peak(pid: int, stop: threading.Event, out: list[int]) -> None:
    """The largest sum of resident set sizes of ``pid`` and its descendants, sampled until ``stop``."""
    import psutil

    peak = 0
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        out.append(0)
        return
    while not stop.is_set():
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        peak = max(peak, total)
        stop.wait(0.02)
    out.append(peak)


def children_cpu() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def run_clean_cli(raw: Path, processed: Path, jobs: int) -> dict:
    shutil.rmtree(processed, ignore_errors=True)
    cpu_before, _ = children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw), "--processed", str(processed),
         "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=tempfile.gettempdir(),
    )
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=tree_rss_peak, args=(proc.pid, stop, peak))
    sampler.start()
    status = proc.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    cpu_after, maxrss_kb = children_cpu()
    return {"status": status, "wall": wall, "cpu": cpu_after - cpu_before, "tree_peak_mb": peak[0] / 2**20,
            "largest_process_peak_mb": maxrss_kb / 1024}


def raw_rows(processed: Path) -> int:
    """Every row of every sheet read, as the clean's summary counts them."""
    summary = json.loads((processed / "clean_summary.json").read_text("utf-8"))
    return sum(sheet.get("rows_read", 0) for f in summary["files"] for sheet in f.get("sheets", []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--townships", type=int, nargs="+", default=[290, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 8))
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    import sansong_analysis

    # Every timed process runs from compiled bytecode, as `make install` leaves the package: a module edited since
    # (its cache stale, PYTHONDONTWRITEBYTECODE set as in this sandbox) was compiled again in every process and
    # worker, timed as the program's own work (about 0.1 s a process for the CLI's imports alone, measured 2026-12-06).
    compileall.compile_dir(Path(sansong_analysis.__file__).parent, quiet=1)

    from sansong_analysis.demo import write_demo_county

    work = args.workdir or Path(tempfile.mkdtemp(prefix="city_bench_"))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; date {dt.date.today().isoformat()}; --jobs {args.jobs}")
    for townships in args.townships:
        raw = work / f"county_{townships}" / "raw"
        if not raw.exists():
            t0 = time.perf_counter()
            write_demo_county(raw, townships=townships, seed=1)
            print(f"{townships} townships written in {time.perf_counter() - t0:.0f} s")
        files = [p for p in raw.rglob("*") if p.is_file() and p.suffix.lower() in (".xlsx", ".xls", ".csv")]
        size = sum(p.stat().st_size for p in files)
        load_before = os.getloadavg()[0]
        runs = [run_clean_cli(raw, raw.parent / "processed", args.jobs) for _ in range(args.repeat)]
        load_after = os.getloadavg()[0]
        if any(r["status"] not in (0, 1) for r in runs):
            print(f"  the clean failed: exit status {[r['status'] for r in runs]}")
            return 1
        rows = raw_rows(raw.parent / "processed")
        med = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "tree_peak_mb", "largest_process_peak_mb")}
        print(f"{townships} townships: {len(files)} files, {size / 2**20:.0f} MB, {rows:,} raw rows; "
              f"median of {args.repeat}; load average {load_before:.2f} → {load_after:.2f}")
        walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
        print(f"  wall {med['wall']:.2f} s (runs: {walls}), "
              f"CPU {med['cpu']:.2f} s, {rows / med['wall']:,.0f} raw rows/s")
        print(f"  peak memory: whole process tree {med['tree_peak_mb']:.0f} MB, "
              f"largest single process {med['largest_process_peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

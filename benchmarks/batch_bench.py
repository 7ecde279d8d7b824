"""How much faster ``sansong batch`` is than the loop a user would write by hand (run by hand, not in CI).

In one run, on one generated demo county (40 townships by default):

1. **naive**: the papermill CLI called once per township, one after the other,
   on the same notebook with the same parameters, each writing to its own folder
   (what an analyst would script: ``for t in …; do papermill …; done``);
2. **batch**: ``sansong batch --jobs 2`` as a subprocess on a fresh outputs folder
   (every township's report and the county overview, each with its HTML export,
   ``brief.pdf`` and ``summary.txt`` on top of what the naive loop makes);
3. **rerun**: the same command again with nothing changed (every report skipped).

Targets (issue 14): batch at least 4× faster than naive; the unchanged rerun at
most 2 % of the full batch (the first issue asked 3× and 5 %). Timings are printed with the machine and the date;
``--json FILE`` also writes them as JSON. Record the figures in
``docs/performance.md`` ("## Batch reports").

    .venv/bin/python benchmarks/batch_bench.py                 # ~ 5 minutes on 2 cores
    .venv/bin/python benchmarks/batch_bench.py --townships 10 --json /tmp/bench.json
    .venv/bin/python benchmarks/batch_bench.py --repeat 3      # naive and batch alternating, medians

Nothing here is used by the tests; tests never assert timings.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sansong_analysis  # noqa: E402
from sansong_analysis import paths  # noqa: E402
from sansong_analysis.demo import write_demo_county  # noqa: E402
from sansong_analysis.ingest.clean import run_clean  # noqa: E402
from sansong_analysis.run.report import REQUIRED_FILES, known_townships, safe_folder_name  # noqa: E402

BIN = Path(sys.executable).parent
# Every subprocess (papermill, its kernel, sansong batch, its workers, zygote and kernels) runs the
# code beside this script, even when that is a copy taken so that edits meanwhile change nothing.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}


def adopt_orphans() -> None:
    """Become the subreaper of our subprocesses' children (Linux): the batch's fork server leaves only
    after the batch (at end of file on its pipe), so it is adopted here and its CPU can be counted."""
    import ctypes

    pr_set_child_subreaper = 36
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_child_subreaper, 1)


def reap_adopted(timeout: float = 30) -> None:
    """Wait for, and reap, the adopted fork server and resource tracker of a batch that has ended
    (not this process's own reader helper, which lives on)."""
    import time

    def adopted() -> bool:
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if ppid == os.getpid() and b"multiprocessing" in fh.read():
                        return True
            except (OSError, ValueError, IndexError):
                continue
        return False

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if not adopted():
                return
            time.sleep(0.05)


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished subprocess so far, their own children included."""
    import resource

    reap_adopted()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> dict:
    """CPU model and core count as ``lscpu`` reports them, and the date of the run."""
    model = platform.processor() or platform.machine()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        pass
    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
        if hasattr(os, "sysconf") else None,
        "python": platform.python_version(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def papermill_once(township: str, processed: Path, out: Path) -> None:
    """One township the way a user would run it: the papermill CLI, the notebook, its parameters."""
    folder = out / safe_folder_name(township)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(BIN / "papermill"), str(paths.TOWNSHIP_NOTEBOOK), str(folder / "report.ipynb"),
         "-p", "township", township, "-p", "processed_dir", str(processed), "-p", "out_dir", str(folder)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=paths.NOTEBOOKS_DIR, env=ENV,
    )


def naive_loop(townships: list[str], processed: Path, out: Path) -> float:
    started = time.perf_counter()
    for township in townships:
        papermill_once(township, processed, out)
    seconds = time.perf_counter() - started
    for township in townships:
        folder = out / safe_folder_name(township)
        missing = [f for f in ("report.ipynb", "charts/coverage.png") if not (folder / f).is_file()]
        if missing:
            raise SystemExit(f"naive loop: {township} lacks {missing}")
    return seconds


def sansong_batch(processed: Path, out: Path, jobs: int) -> tuple[float, dict]:
    cmd = [str(BIN / "sansong"), "batch", "--processed", str(processed), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"sansong batch exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return seconds, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--townships", type=int, default=40, help="townships in the demo county (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="demo county seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="sansong batch --jobs (default 2)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to build the county (default: a temp dir, removed)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of the naive loop then the batch, alternating; medians reported (default 1)")
    args = parser.parse_args(argv)
    # Every timed process runs from compiled bytecode, as `make install` leaves the package: a module edited since
    # (its cache stale, PYTHONDONTWRITEBYTECODE set as in this sandbox) was compiled again in every process and
    # worker, timed as the program's own work (about 0.1 s a process for the CLI's imports alone, measured 2026-12-06).
    compileall.compile_dir(Path(sansong_analysis.__file__).parent, quiet=1)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sansong-batch-bench-"))
    keep = args.workdir is not None
    raw, processed = workdir / "raw", workdir / "processed"
    naive_out, batch_out = workdir / "naive", workdir / "outputs"
    for folder in (raw, processed, naive_out, batch_out):
        shutil.rmtree(folder, ignore_errors=True)
    adopt_orphans()
    try:
        print(f"demo county: {args.townships} townships, seed {args.seed}, in {workdir}", flush=True)
        write_demo_county(raw, townships=args.townships, seed=args.seed)
        run_clean(raw, processed, progress=False)
        townships = known_townships(processed)

        # One untimed run first, so neither timed run pays for a cold disk cache.
        papermill_once(townships[0], processed, workdir / "warmup")

        load_before = os.getloadavg()
        rounds = []
        for round_no in range(1, args.repeat + 1):
            # Each round runs both, back to back: this machine's speed drifts over minutes, and a
            # ratio of two runs far apart in time says as much about the drift as about the code.
            for folder in (naive_out, batch_out):
                shutil.rmtree(folder, ignore_errors=True)
            label = f" (round {round_no} of {args.repeat})" if args.repeat > 1 else ""
            print(f"naive loop: papermill CLI × {len(townships)}{label} …", flush=True)
            cpu = children_cpu()
            naive = naive_loop(townships, processed, naive_out)
            naive_cpu, cpu = children_cpu() - cpu, children_cpu()
            print(f"  {naive:.1f} s", flush=True)

            print(f"sansong batch --jobs {args.jobs}{label} …", flush=True)
            batch, manifest = sansong_batch(processed, batch_out, args.jobs)
            batch_cpu = children_cpu() - cpu
            statuses = {e["township"]: e["status"] for e in manifest["reports"]}
            if set(statuses.values()) != {"ok"} or len(statuses) != len(townships) + 1:
                raise SystemExit(f"batch did not make every report: {statuses}")
            for entry in manifest["reports"]:
                folder = batch_out / entry["out_dir"]
                missing = [f for f in REQUIRED_FILES if not (folder / f).is_file()]
                if missing:
                    raise SystemExit(f"batch: {entry['township']} lacks {missing}")
            print(f"  {batch:.1f} s  (this round: {naive / batch:.2f}×)", flush=True)
            rounds.append({"naive_seconds": round(naive, 2), "batch_seconds": round(batch, 2),
                           "naive_cpu_seconds": round(naive_cpu, 1), "batch_cpu_seconds": round(batch_cpu, 1),
                           "speedup": round(naive / batch, 2), "load_average_1": round(os.getloadavg()[0], 2)})
        naive = statistics.median(r["naive_seconds"] for r in rounds)
        batch = statistics.median(r["batch_seconds"] for r in rounds)
        naive_cpu = statistics.median(r["naive_cpu_seconds"] for r in rounds)
        batch_cpu = statistics.median(r["batch_cpu_seconds"] for r in rounds)

        print("unchanged rerun …", flush=True)
        rerun, manifest = sansong_batch(processed, batch_out, args.jobs)
        if {e["status"] for e in manifest["reports"]} != {"skipped"}:
            raise SystemExit("rerun did not skip every report")
        print(f"  {rerun:.2f} s", flush=True)
        load_after = os.getloadavg()
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)

    result = {
        "machine": machine(),
        "townships": len(townships),
        "reports": len(townships) + 1,
        "seed": args.seed,
        "jobs": args.jobs,
        "naive_seconds": round(naive, 2),
        "batch_seconds": round(batch, 2),
        "rerun_seconds": round(rerun, 2),
        "speedup": round(naive / batch, 2),  # of the medians
        "rounds": rounds,
        # CPU seconds of all processes of each run: what a busy machine does not change much.
        "naive_cpu_seconds": round(naive_cpu, 1),
        "batch_cpu_seconds": round(batch_cpu, 1),
        "rerun_share": round(rerun / batch, 4),
        "targets": {"speedup_at_least": 4.0, "rerun_share_at_most": 0.02},
        # Anything else running on the machine slows the batch (two cores) more than the naive loop (one).
        "load_average_1_5_15": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load_after]},
    }
    m = result["machine"]
    print()
    print(f"machine: {m['cpu_model']}, {m['cores']} cores, Python {m['python']}; {m['date']}")
    print(f"load average before / after: {result['load_average_1_5_15']['before']} / {result['load_average_1_5_15']['after']}")
    print(f"naive loop (papermill CLI × {len(townships)}, sequential): {naive:8.1f} s  ({naive / len(townships):.2f} s a township)")
    print(f"sansong batch --jobs {args.jobs} ({len(townships) + 1} reports):      {batch:8.1f} s  ({batch / (len(townships) + 1):.2f} s a report)")
    print(f"unchanged rerun:                               {rerun:8.2f} s")
    print(f"CPU seconds, all processes: naive {naive_cpu:.0f}, batch {batch_cpu:.0f} "
          f"(on {args.jobs} idle cores the batch could not take less than {batch_cpu / args.jobs:.0f} s)")
    if args.repeat > 1:
        ratios = ", ".join(f"{r['speedup']:.2f}×" for r in rounds)
        print(f"(medians of {args.repeat} rounds; each round's own ratio: {ratios})")
    print(f"speedup naive / batch: {result['speedup']:.2f}×  (target ≥ 4×)")
    print(f"rerun / batch:         {result['rerun_share'] * 100:.1f} %  (target ≤ 2 %)")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""sansong batch / run: parallel, incremental, crash-safe, locked, and on a Dask cluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sansong_analysis import paths
from sansong_analysis.cli import main
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.run.batch import BatchLocked, OutputLock, read_manifest, run_batch
from sansong_analysis.run.report import REQUIRED_FILES, safe_folder_name

pytestmark = pytest.mark.slow


def _complete(folder: Path) -> bool:
    return all((folder / f).is_file() for f in REQUIRED_FILES)


def _processes_of_batch(batch_pid: int, seconds: float) -> list[str]:
    """Live processes (the zygote, its kernels) whose command line names ``batch_pid``'s zygote, after waiting."""
    if not Path("/proc").is_dir():  # the zygote is Linux only
        return []
    marker = f"zygote.sock {batch_pid}".encode()
    deadline = time.monotonic() + seconds
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if marker in cmdline and state != "Z":
                found.append(f"{entry.name}: {cmdline.decode(errors='replace')}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.fixture(scope="module")
def first_batch(small_county, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch_out")
    result = run_batch(small_county["processed"], out, jobs=2, progress=False)
    return out, result


def test_batch_runs_every_township_and_the_county(first_batch, small_county):
    out, result = first_batch
    assert result.exit_status == 0, [r.error for r in result.reports]
    manifest = read_manifest(out)
    names = [e["township"] for e in manifest["reports"]]
    assert sorted(names) == sorted([*small_county["townships"], "county"])
    for entry in manifest["reports"]:
        assert entry["status"] == "ok"
        assert entry["seconds"] > 0 and len(entry["fingerprint"]) == 32 and entry["error"] is None
        assert entry["files"] and all((out / f).is_file() for f in entry["files"])
    for township in small_county["townships"]:
        assert _complete(out / safe_folder_name(township))
    assert (out / "county" / "summary.xlsx").is_file() and _complete(out / "county")


def test_unchanged_rerun_skips_everything(first_batch, small_county):
    out, _ = first_batch
    started = time.monotonic()
    result = run_batch(small_county["processed"], out, jobs=2, progress=False)
    assert {r.status for r in result.reports} == {"skipped"}
    assert time.monotonic() - started < 10
    assert all(e["status"] == "skipped" for e in read_manifest(out)["reports"])


def test_change_to_one_ledger_reruns_that_township_and_the_county(small_county, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(small_county["raw"], raw)
    processed, out = tmp_path / "processed", tmp_path / "out"
    run_clean(raw, processed, jobs=1, progress=False)
    first = run_batch(processed, out, jobs=2, progress=False)
    assert first.exit_status == 0
    # Edit one visit date in the township workbook of layout A (one township's ledger only).
    import openpyxl

    book = next(p for p in raw.glob("*.xlsx") if "三送工作台账" in p.name)
    wb = openpyxl.load_workbook(book)
    ws = next(ws for ws in wb.worksheets if "走访" in ws.title)
    header_row = next(r for r in range(1, 10) if any(str(c.value or "").startswith("走访") for c in ws[r]))
    col = next(c.column for c in ws[header_row] if "被走访" in str(c.value or "") or "户主" in str(c.value or ""))
    cell = ws.cell(row=header_row + 1, column=col)
    cell.value = f"{cell.value}甲"  # a name no roster household has: coverage changes
    wb.save(book)
    run_clean(raw, processed, jobs=1, progress=False)
    second = run_batch(processed, out, jobs=2, progress=False)
    statuses = {r.township: r.status for r in second.reports}
    changed = [t for t, s in statuses.items() if s == "ok"]
    assert statuses["county"] == "ok" and len(changed) == 2, statuses
    assert sum(1 for s in statuses.values() if s == "skipped") == len(small_county["townships"]) - 1


def test_failing_township_does_not_stop_the_others(small_county, tmp_path, failing_notebook, capsys):
    victim = small_county["townships"][0]
    bad = failing_notebook(tmp_path, paths.TOWNSHIP_NOTEBOOK, township_to_fail=victim)
    out = tmp_path / "out"
    result = run_batch(small_county["processed"], out, jobs=2, progress=False, township_notebook=bad)
    statuses = {r.township: r.status for r in result.reports}
    assert statuses[victim] == "failed"
    assert all(s == "ok" for t, s in statuses.items() if t != victim)
    assert result.exit_status == 1
    entry = next(e for e in read_manifest(out)["reports"] if e["township"] == victim)
    assert "ZeroDivisionError" in entry["error"]
    assert (out / safe_folder_name(victim) / "report.failed.ipynb").exists()


def test_second_batch_is_refused_while_one_runs(small_county, tmp_path, capsys):
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(BatchLocked, match="另一个批处理"):
            run_batch(small_county["processed"], out, progress=False)
        status = main(["batch", "--processed", str(small_county["processed"]), "--out", str(out)])
        err = capsys.readouterr().err
        assert status == 1 and "另一个批处理" in err and "--wait" in err
    # The lock is gone with its holder.
    with OutputLock(out):
        pass


def test_dask_local_cluster(small_county, tmp_path):
    distributed = pytest.importorskip("distributed")
    township = small_county["townships"][1]
    out = tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
    ) as cluster:
        result = run_batch(
            small_county["processed"], out, townships=[township], dask_scheduler=cluster.scheduler_address,
            progress=False, include_county=False,
        )
    assert [(r.township, r.status) for r in result.reports] == [(township, "ok")]
    assert _complete(out / safe_folder_name(township))
    assert read_manifest(out)["reports"][0]["status"] == "ok"


def test_killed_batch_leaves_no_broken_report_and_rerun_completes(small_county, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "sansong_analysis", "batch", "--processed", str(small_county["processed"]),
           "--out", str(out), "--jobs", "2", "--force"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        entries = read_manifest(out).get("reports", []) if (out / "manifest.json").exists() else []
        if any(e.get("status") == "ok" for e in entries):
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(1)
    # Kernels forked from the batch's zygote carry its command line, which names the batch's pid.
    assert _processes_of_batch(proc.pid, seconds=5) == [], "kernels outlived the killed batch"
    for folder in out.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert _complete(folder), f"half-written report in {folder}"
    manifest = read_manifest(out)
    for entry in manifest["reports"]:
        if entry["status"] == "ok":
            assert all((out / f).is_file() for f in entry["files"])
    result = run_batch(small_county["processed"], out, jobs=2, progress=False)
    assert result.exit_status == 0
    assert {r.status for r in result.reports} <= {"ok", "skipped"}
    assert not [p for p in out.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert len(read_manifest(out)["reports"]) == len(small_county["townships"]) + 1


def test_run_is_clean_then_batch(small_county, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["run", "--raw", str(small_county["raw"]), "--processed", str(tmp_path / "processed"),
                   "--out", str(out), "--jobs", "2", "--township", small_county["townships"][2]])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "清洗台账" in captured.out and "批处理完成" in captured.out
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {e["township"] for e in manifest["reports"]} == {small_county["townships"][2], "county"}

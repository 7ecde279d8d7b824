"""A killed run leaves no process behind, and the next run works.

``timeout -s KILL`` in a cron line kills the main process of ``sansong clean`` or ``sansong batch``
alone, not its process group. Each test starts the command with a mark in its environment (every
process of the run inherits it: pool workers, the reader's helpers, the fork server, the kernel
zygote, kernels), SIGKILLs the main pid alone mid-run, then requires that no marked process is
left after 10 seconds; the next run must then succeed (the lock released) over outputs the killed
run left intact. Run once with Linux's fast path (``PR_SET_PDEATHSIG``) and once without it, so
that the portable mechanisms are shown to work alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest

from sansong_analysis import store
from sansong_analysis.demo import write_demo_county
from sansong_analysis.run.report import REQUIRED_FILES, safe_folder_name

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the run's processes through /proc"),
]

MARK = "SANSONG_TEST_RUN_MARK"
FAST_PATH = {"fast path": {}, "portable only": {"SANSONG_PDEATHSIG": "0"}}


def processes_of(mark: str) -> dict[int, str]:
    """Every live process whose environment carries ``mark``: pid → command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                if fh.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    continue  # ended, waiting to be collected
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if f"{MARK}={mark}".encode() not in fh.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                found[int(entry)] = fh.read().replace(b"\0", b" ").decode(errors="replace")[:160]
        except (OSError, IndexError):
            continue
    return found


def start(args: list[str], mark: str, extra_env: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, **extra_env, MARK: mark}
    return subprocess.Popen([sys.executable, "-m", "sansong_analysis", *args], env=env, umask=0o022,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def modes_under(folder: Path) -> set[tuple[str, int]]:
    """(kind, permission bits) of ``folder`` and everything in it but the hidden lock files."""
    found = {("dir", stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        if not path.name.startswith("."):
            found.add(("dir" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


def wait_until(condition, proc: subprocess.Popen, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def kill_main_only(proc: subprocess.Popen, mark: str) -> dict[int, str]:
    """SIGKILL the main pid (not its group), collect it; what is left of the run after 10 s."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    left = processes_of(mark)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_of(mark)
    for pid in left:  # never leave them running for the rest of the suite
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


def test_the_scan_finds_a_marked_process():
    """A test that cannot fail is a defect: a marked sleeper is found, and gone once killed."""
    mark = uuid.uuid4().hex
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], env={**os.environ, MARK: mark})
    try:
        assert wait_until(lambda: sleeper.pid in processes_of(mark), sleeper, 10)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert processes_of(mark) == {}


@pytest.fixture(scope="module")
def big_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("orphans") / "raw"
    write_demo_county(raw, townships=16, seed=12)  # over clean's pool threshold: pool workers and helpers
    return raw


@pytest.mark.parametrize("mode", list(FAST_PATH))
def test_a_clean_killed_alone_leaves_no_process(big_raw, small_county, tmp_path, mode):
    processed = tmp_path / "processed"
    store.write_frames(store.load(small_county["processed"]), processed)  # the previous frames
    previous = store.load(processed)
    mark = uuid.uuid4().hex
    proc = start(["clean", "--raw", str(big_raw), "--processed", str(processed), "--jobs", "2"], mark, FAST_PATH[mode])
    # Mid-run: the main process, its two pool workers and (unless the reader reads in-process) a reader helper.
    expected = 3 if os.environ.get("SANSONG_READER_HELPER") == "0" else 4
    assert wait_until(lambda: len(processes_of(mark)) >= expected, proc), "the clean ended before it could be killed"
    running = processes_of(mark)
    left = kill_main_only(proc, mark)
    assert not left, f"left running 10 s after the clean was killed ({mode}): {left}; was {running}"
    frames = store.load(processed)
    for name in store.FRAME_NAMES:
        pd.testing.assert_frame_equal(frames[name], previous[name])
    rerun = start(["clean", "--raw", str(big_raw), "--processed", str(processed)], mark, FAST_PATH[mode])
    assert rerun.wait(timeout=300) == 0
    assert len(store.load(processed)["roster"]) > len(previous["roster"])
    # What umask 022 gives any mkdir and open, after the swap too (docs/contract.md §6).
    assert modes_under(processed) == {("dir", 0o755), ("file", 0o644)}


@pytest.fixture(scope="module")
def finished_batch(small_county, tmp_path_factory) -> Path:
    """Outputs of a batch that completed: what the killed batch must leave intact."""
    out = tmp_path_factory.mktemp("orphans_out") / "outputs"
    done = subprocess.run([sys.executable, "-m", "sansong_analysis", "batch", "--processed",
                           str(small_county["processed"]), "--out", str(out), "--jobs", "2"], capture_output=True,
                          umask=0o022)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return out


def intact(out: Path, townships: list[str]) -> bool:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {e["status"] for e in manifest["reports"]} <= {"ok", "skipped"}
    return all((out / safe_folder_name(t) / f).is_file() for t in townships for f in REQUIRED_FILES)


def test_report_folders_and_files_get_the_umasks_modes(finished_batch):
    """Leaders pick reports up from a shared folder: umask 022 gives 0755 folders and 0644 files,
    even though each report folder was built aside and moved into place."""
    assert modes_under(finished_batch) == {("dir", 0o755), ("file", 0o644)}


@pytest.mark.parametrize("mode", list(FAST_PATH))
def test_a_batch_killed_alone_leaves_no_process(finished_batch, small_county, mode):
    out = finished_batch
    mark = uuid.uuid4().hex
    proc = start(["batch", "--processed", str(small_county["processed"]), "--out", str(out), "--jobs", "2", "--force"],
                 mark, FAST_PATH[mode])

    def kernels_running() -> bool:
        return sum("ipykernel" in cmd or "kernels import serve" in cmd for cmd in processes_of(mark).values()) >= 2

    # Mid-run: pool workers are running notebooks in their kernels (the zygote counts where there is one).
    assert wait_until(kernels_running, proc), "the batch ended before it could be killed"
    running = processes_of(mark)
    left = kill_main_only(proc, mark)
    assert not left, f"left running 10 s after the batch was killed ({mode}): {left}; was {running}"
    assert intact(out, small_county["townships"])
    rerun = start(["batch", "--processed", str(small_county["processed"]), "--out", str(out), "--jobs", "2"],
                  mark, FAST_PATH[mode])
    assert rerun.wait(timeout=600) == 0  # the lock was released with the killed batch
    assert intact(out, small_county["townships"])
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.is_dir()]  # staging cleared
    assert processes_of(mark) == {}

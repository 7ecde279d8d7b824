"""A clean killed at any moment leaves the previous processed frames intact and readable.

`sansong clean` runs as a subprocess and is SIGKILLed at random moments: while it reads the
ledgers, as soon as its staging folder appears, and in the middle of writing Parquet files.
After every kill the processed folder must hold exactly the previous frames (or, had the kill
come after the swap, exactly the new ones: never a mix), and a later clean must complete and
clear what the killed one left behind.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sansong_analysis import fsutil, store
from sansong_analysis.demo import write_demo_county
from sansong_analysis.ingest.clean import run_clean

SEED = 20110305


def same_frames(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    try:
        for name in store.FRAME_NAMES:
            pd.testing.assert_frame_equal(a[name], b[name])
    except AssertionError:
        return False
    return True


def leftovers(processed: Path) -> list[str]:
    return sorted(p.name for p in processed.parent.glob(f".{processed.name}.*") if not p.name.endswith(".lock"))


def exchange_supported(folder: Path) -> bool:
    a, b = folder / "probe-a", folder / "probe-b"
    a.mkdir()
    b.mkdir()
    try:
        return fsutil._exchange(a, b)
    finally:
        a.rmdir()
        b.rmdir()


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    raw_old, raw_new = base / "raw_old", base / "raw_new"
    write_demo_county(raw_old, townships=6, seed=11)
    write_demo_county(raw_new, townships=16, seed=12)
    run_clean(raw_old, base / "ref_old", jobs=1, progress=False)
    run_clean(raw_new, base / "ref_new", jobs=1, progress=False)
    old, new = store.load(base / "ref_old"), store.load(base / "ref_new")
    assert not same_frames(old, new)
    return {"base": base, "raw_new": raw_new, "old": old, "new": new}


def start_clean(raw: Path, processed: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw), "--processed", str(processed)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the clean and its worker processes; True when it was still running."""
    running = proc.poll() is None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return running


def wait_for(condition, proc: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.0005)
    return False


def test_a_killed_clean_leaves_the_previous_frames(county, tmp_path):
    rng = random.Random(SEED)
    processed = tmp_path / "data" / "processed"
    store.write_frames(county["old"], processed)
    atomic = exchange_supported(processed.parent)

    def staging_files() -> list[Path]:
        return [f for d in processed.parent.glob(f".{processed.name}.new-*") for f in d.glob("*.parquet")]

    def staging_exists() -> bool:
        return any(processed.parent.glob(f".{processed.name}.new-*"))

    # One full run, timed: how long the whole clean takes and how long its write phase lasts.
    start = time.monotonic()
    proc = start_clean(county["raw_new"], processed)
    wait_for(staging_exists, proc)
    writing = time.monotonic()
    assert proc.wait(timeout=120) == 0
    full_run, write_phase = time.monotonic() - start, time.monotonic() - writing
    assert same_frames(store.load(processed), county["new"])

    scenarios = (
        [("at a random moment", rng.uniform(0.05, 0.8 * (full_run - write_phase))) for _ in range(3)]
        + [("once staging appears", rng.uniform(0.0, 0.6 * write_phase)) for _ in range(3)]
        + [("mid-write", None)] * 3
    )
    outcomes = []
    for what, delay in scenarios:
        if what == "mid-write" and ("mid-write", "previous", True) in outcomes:
            break  # killed mid-write once already
        # A run quicker than the timed one (the machine less busy) may end before a kill timed from it: tried
        # again with half the delay, so that the kills land while the clean runs however busy the machine is.
        for _ in range(4):
            store.write_frames(county["old"], processed)  # the previous frames, as a nightly run finds them
            proc = start_clean(county["raw_new"], processed)
            if what == "at a random moment":
                time.sleep(delay)
            elif what == "once staging appears":
                wait_for(staging_exists, proc)
                time.sleep(delay)
            else:
                wait_for(lambda: len(staging_files()) >= 3, proc)
            was_running = kill(proc)
            if atomic:  # the folder itself, read directly, is never missing
                assert (processed / "visits.parquet").is_file(), (what, leftovers(processed))
            frames = store.load(processed)
            if same_frames(frames, county["old"]):
                outcome = (what, "previous", was_running)
            else:
                assert same_frames(frames, county["new"]), f"killed {what}: the frames are a mix"
                outcome = (what, "new", was_running)
            if was_running or what == "mid-write":
                break
            delay /= 2
        outcomes.append(outcome)
    # Most kills land before the swap; they must all have left the previous frames.
    killed_early = [o for o in outcomes if o[2] and o[1] == "previous"]
    assert len(killed_early) >= 3, outcomes
    assert ("mid-write", "previous", True) in outcomes, outcomes

    # The next clean completes, takes the new frames and clears what the killed ones left.
    proc = start_clean(county["raw_new"], processed)
    assert proc.wait(timeout=120) == 0
    assert same_frames(store.load(processed), county["new"])
    assert leftovers(processed) == []


def test_a_swap_cut_between_its_two_renames_is_undone(county, tmp_path, monkeypatch):
    """Where the filesystem cannot exchange folders, the swap is two renames; a kill between them
    leaves the previous frames in .processed.old-*: readers read them there (and repair nothing),
    the next writer puts them back."""
    processed = tmp_path / "processed"
    store.write_frames(county["old"], processed)
    monkeypatch.setattr(fsutil, "_exchange", lambda a, b: False)
    real_replace = os.replace
    calls = []

    def replace_then_die(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the staging folder was about to become the processed folder
            raise KeyboardInterrupt("killed")
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        store.write_frames(county["new"], processed)
    monkeypatch.setattr(fsutil.os, "replace", real_replace)
    assert not processed.exists() and [p.name.split("-")[0] for p in tmp_path.glob(".processed.old-*")] == [".processed.old"]
    assert same_frames(store.load(processed), county["old"])  # read where they are
    assert not processed.exists()  # a reader repairs nothing
    store.write_frames(county["new"], processed)
    assert same_frames(store.load(processed), county["new"])
    assert leftovers(processed) == []


def test_the_next_writer_puts_the_previous_frames_back(county, tmp_path):
    processed = tmp_path / "processed"
    store.write_frames(county["old"], processed)
    processed.rename(tmp_path / ".processed.old-123-abcd")  # killed between the two renames
    fsutil.recover(processed)
    assert same_frames(store.load(processed), county["old"]) and leftovers(processed) == []


def test_a_stale_staging_folder_is_removed_and_never_read(county, tmp_path):
    processed = tmp_path / "processed"
    store.write_frames(county["old"], processed)
    stale = tmp_path / ".processed.new-killed"
    stale.mkdir()
    (stale / "visits.parquet").write_bytes(b"half a file")
    assert same_frames(store.load(processed), county["old"])
    assert stale.exists()  # a reader leaves it: it may belong to a clean running right now
    store.write_frames(county["new"], processed)
    assert not stale.exists()


def test_a_symlinked_processed_folder_stays_a_symlink(county, tmp_path):
    target = tmp_path / "share" / "processed"
    target.parent.mkdir()
    store.write_frames(county["old"], target)
    link = tmp_path / "processed"
    link.symlink_to(target, target_is_directory=True)
    store.write_frames(county["new"], link)
    assert link.is_symlink()
    assert same_frames(store.load(link), county["new"])

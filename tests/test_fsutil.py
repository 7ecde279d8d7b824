"""The one file-transaction module: atomic files, folder swaps and their recovery, the lock, the modes."""

from __future__ import annotations

import multiprocessing
import os
import stat
import sys

import pytest

from sansong_analysis import fsutil


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_replaces_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "summary.txt"
    target.write_text("旧", "utf-8")
    fsutil.atomic_write(target, "新内容", durable=True)
    assert target.read_text("utf-8") == "新内容"
    fsutil.atomic_write(target, b"\xef\xbb\xbfbytes")
    assert target.read_bytes() == b"\xef\xbb\xbfbytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.txt"]


def test_a_failing_writer_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous")

    def half_then_fail(tmp):
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fsutil.atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_one_temporary_name_rule(tmp_path):
    a, b = fsutil.temp_path(tmp_path / "x.json"), fsutil.temp_path(tmp_path / "x.json")
    assert a != b and a.parent == tmp_path
    assert a.name.startswith(".x.json.") and a.name.endswith(".tmp")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_files_and_folders_get_the_umasks_modes_after_the_move(tmp_path, umask_022):
    target = tmp_path / "outputs" / "黄坑乡"
    staging = fsutil.new_staging_dir(target)
    assert mode(staging) == 0o755  # not mkdtemp's 0700
    (staging / "charts").mkdir()
    fsutil.atomic_write(staging / "charts" / "coverage.svg", "<svg/>")
    fsutil.swap_in(staging, target)
    assert mode(target) == 0o755 and mode(target / "charts") == 0o755
    assert mode(target / "charts" / "coverage.svg") == 0o644
    staging = fsutil.new_staging_dir(target)
    fsutil.swap_in(staging, target)  # replacing an existing folder, too
    assert mode(target) == 0o755


def test_swap_replaces_the_folder_and_removes_the_previous_one(tmp_path):
    target = tmp_path / "county"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staging = fsutil.new_staging_dir(target)
    (staging / "new.txt").write_text("new")
    fsutil.swap_in(staging, target, durable=True)
    assert [p.name for p in target.iterdir()] == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["county"]


def test_a_swap_cut_between_two_renames_is_undone_by_the_next_writer(tmp_path, monkeypatch):
    target = tmp_path / "county"
    target.mkdir()
    (target / "good.txt").write_text("last good")
    monkeypatch.setattr(fsutil, "_exchange", lambda a, b: False)
    real_replace = os.replace
    calls = []

    def die_on_second(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", die_on_second)
    staging = fsutil.new_staging_dir(target)
    with pytest.raises(KeyboardInterrupt):
        fsutil.swap_in(staging, target)
    monkeypatch.setattr(fsutil.os, "replace", real_replace)
    assert not target.exists()
    fsutil.recover(target)
    assert (target / "good.txt").read_text() == "last good"
    assert [p.name for p in tmp_path.iterdir()] == ["county"]  # the dead writer's staging went too


def test_recover_all_settles_every_folder_of_the_outputs_root(tmp_path):
    (tmp_path / "甲乡").mkdir()
    (tmp_path / ".甲乡.new-1-aa").mkdir()  # a killed report's staging
    (tmp_path / ".甲乡.old-2-bb").mkdir()  # a previous folder whose removal was cut short
    (tmp_path / ".乙乡.old-3-cc").mkdir()  # renamed away, never replaced
    (tmp_path / ".乙乡.old-3-cc" / "report.html").write_text("乙")
    (tmp_path / ".丙乡.tmp-x_y1").mkdir()  # what an earlier version's staging was called
    (tmp_path / ".sansong-batch.lock").write_text("")
    fsutil.recover_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sansong-batch.lock", "乙乡", "甲乡"]
    assert (tmp_path / "乙乡" / "report.html").read_text() == "乙"


def _try_lock(path, queue):
    try:
        with fsutil.exclusive_lock(path, wait=False):
            queue.put("got it")
    except fsutil.LockHeld:
        queue.put("held")


def test_the_lock_excludes_another_process_and_is_released(tmp_path):
    path = tmp_path / ".processed.lock"
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    with fsutil.exclusive_lock(path):
        proc = context.Process(target=_try_lock, args=(path, queue))
        proc.start()
        assert queue.get(timeout=60) == "held"
        proc.join()
    proc = context.Process(target=_try_lock, args=(path, queue))
    proc.start()
    assert queue.get(timeout=60) == "got it"
    proc.join()


def test_the_lock_excludes_a_second_holder_in_the_same_process(tmp_path):
    path = tmp_path / "x.lock"
    with fsutil.exclusive_lock(path), pytest.raises(fsutil.LockHeld), fsutil.exclusive_lock(path, wait=False):
        pass
    with fsutil.exclusive_lock(path, wait=False):
        pass

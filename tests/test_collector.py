"""The cycle collector spaced out in our own processes (``collector``): pool workers and kernels
start with it, a batch worker frees each report's cycles after it, and a caller's settings come
back after an in-process clean."""

from __future__ import annotations

import gc
import multiprocessing
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor

import pytest

from sansong_analysis import collector
from sansong_analysis.ingest import clean
from sansong_analysis.run import batch


def _visit_log(path):
    path.write_text("乡镇,村,户主姓名,走访日期,走访干部\n黄坑乡,新屋村,张三,2011-03-05,李四\n", "utf-8")
    return path


def _settings() -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the pool forks here")
def test_a_clean_pool_worker_starts_with_collections_spaced_out():
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=clean._worker_start, initargs=(os.getpid(),)) as pool:
        thresholds, frozen = pool.submit(_settings).result()
    assert thresholds == collector.THRESHOLDS
    assert frozen > 1000  # what the worker was forked with: this whole test process


def test_clean_files_starts_its_workers_with_worker_start(monkeypatch, tmp_path):
    seen = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            seen.append(kwargs.get("initializer"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(clean, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(clean, "POOL_MIN_BYTES", 0)
    files = [_visit_log(tmp_path / f"走访{i}.csv") for i in range(2)]
    results = clean.clean_files(files, tmp_path, jobs=2)
    assert [r.ok for r in results] == [True, True]
    assert seen == [clean._worker_start]


def test_an_in_process_clean_gives_the_callers_settings_back(tmp_path):
    before = gc.get_threshold()
    clean.clean_files([_visit_log(tmp_path / "走访.csv")], tmp_path, jobs=1)
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), collector.spaced():
        assert gc.get_threshold() == collector.THRESHOLDS
        raise RuntimeError
    assert gc.get_threshold() == before


def test_each_report_leaves_no_figure_behind_in_a_spaced_out_worker():
    # Figures are cycles: with collections spaced out they would wait for a full collection,
    # report after report, unless after_task frees them while young.
    code = textwrap.dedent(
        """
        import gc
        from matplotlib.figure import Figure
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from sansong_analysis import collector

        collector.space_out()

        def report():
            for _ in range(4):
                fig = Figure(figsize=(4, 3))
                FigureCanvasAgg(fig)
                fig.add_subplot().bar(range(20), range(20))
                fig.canvas.draw()

        def alive():
            return sum(isinstance(o, Figure) for o in gc.get_objects())

        report()
        left = alive()
        collector.after_task()
        print(left, alive())
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    left, after = map(int, out)
    assert left > 0  # spaced out, the figures were still there …
    assert after == 0  # … and after_task freed them


def test_a_batch_worker_collects_after_every_report_even_a_failed_one(monkeypatch):
    calls = []
    monkeypatch.setattr(collector, "after_task", lambda: calls.append("collected"))

    def failing(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(batch, "run_report", failing)
    with pytest.raises(OSError):
        batch.run_one("黄坑乡", "processed", "outputs", None, None, "fp")
    assert calls == ["collected"]


def test_a_batch_worker_starts_with_collections_spaced_out(monkeypatch):
    calls = []
    monkeypatch.setattr(batch.lifeline, "die_with_parent_fast", lambda: None)
    monkeypatch.setattr(batch.lifeline, "die_with", lambda pid: None)
    monkeypatch.setattr(batch.kernels, "use_zygote", lambda address: None)
    monkeypatch.setattr(collector, "space_out", lambda: calls.append("spaced"))
    batch._worker_init(os.getpid(), None)
    assert calls == ["spaced"]


def test_leftovers_that_grew_old_wait_for_at_most_full_every_reports():
    # A middle collection while a report's figures are still in use makes them old: the young
    # collection after the report cannot free them, the periodic full one does.
    code = textwrap.dedent(
        """
        import gc
        from matplotlib.figure import Figure
        from sansong_analysis import collector

        collector.space_out()
        most = 0
        for _ in range(3 * collector.FULL_EVERY):
            figures = [Figure() for _ in range(3)]
            for fig in figures:
                fig.add_subplot()
            gc.collect(1)  # a middle collection while they are in use
            del figures, fig
            collector.after_task()
            most = max(most, sum(isinstance(o, Figure) for o in gc.get_objects()))
        print(most, sum(isinstance(o, Figure) for o in gc.get_objects()))
        """
    )
    most, last = map(int, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert 0 < most <= 3 * collector.FULL_EVERY
    assert last == 0  # the run ends on a full collection

"""Shared fixtures: a small demo county, cleaned once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sansong_analysis.demo import write_demo_county
from sansong_analysis.ingest.clean import run_clean


@pytest.fixture(scope="session")
def small_county(tmp_path_factory) -> dict:
    """Three townships (layouts A, B, C) as raw ledgers and as processed frames."""
    base = tmp_path_factory.mktemp("small_county")
    raw, processed = base / "raw", base / "processed"
    truth = write_demo_county(raw, townships=3, seed=3)
    run_clean(raw, processed, jobs=1, progress=False)
    townships = [row["township"] for row in truth["figures"]["townships"]]
    return {"raw": raw, "processed": processed, "truth": truth, "townships": townships, "base": base}


@pytest.fixture
def failing_notebook():
    """Make a copy of a notebook with a cell that raises (see ``_failing_notebook``)."""
    return _failing_notebook


def _failing_notebook(tmp_path: Path, source: Path, township_to_fail: str | None = None) -> Path:
    """A copy of ``source`` with a cell that raises (for ``township_to_fail`` only, or always)."""
    nb = json.loads(source.read_text("utf-8"))
    condition = f"township == {township_to_fail!r}" if township_to_fail else "True"
    nb["cells"].append(
        {"cell_type": "code", "execution_count": None, "id": "boom", "metadata": {}, "outputs": [],
         "source": [f"if {condition}:\n", "    raise ZeroDivisionError('故意的错误')"]}
    )
    path = tmp_path / source.name
    path.write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
    return path

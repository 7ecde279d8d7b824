"""Synthetic but realistic county ledgers with known true figures (``sansong demo-data``).

The generator stands in for real offices' files: ``build_county`` draws the
records, ``compute_truth`` computes docs/contract.md §5's figures from those
records, and ``write_demo_county`` writes the raw ledgers in five office
layouts with all of section 3's mess, plus ``truth.json`` beside them.

>>> import tempfile, pathlib
>>> truth = write_demo_county(pathlib.Path(tempfile.mkdtemp()), townships=2, seed=5)
>>> truth["townships_n"], len(truth["figures"]["townships"])
(2, 2)
"""

from __future__ import annotations

import json
from pathlib import Path

from sansong_analysis import fsutil
from sansong_analysis.demo.county import County, build_county
from sansong_analysis.demo.layouts import county_files
from sansong_analysis.demo.truth import compute_truth
from sansong_analysis.demo.writers import write_file

TRUTH_FILE = "truth.json"

__all__ = ["County", "build_county", "compute_truth", "write_demo_county", "TRUTH_FILE"]


def write_demo_county(out_dir: Path, townships: int = 12, seed: int = 1) -> dict:
    """Write a demo county's raw ledgers under ``out_dir`` and ``out_dir/truth.json``; return the truth.

    Files already in ``out_dir`` are left alone except those the demo writes,
    which are overwritten. The same (townships, seed) writes the same bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    county = build_county(townships, seed)
    truth = compute_truth(county)
    for spec in county_files(county):
        write_file(spec, out_dir)
    text = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
    fsutil.atomic_write(out_dir / TRUTH_FILE, text)
    return truth

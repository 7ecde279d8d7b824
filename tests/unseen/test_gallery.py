"""Spreadsheets that are no 三送 ledger: nothing from them, each listed as not recognised.

The gallery (``gallery.py``) shares one raw folder with 高陂乡's small real ledger, whose
figures were counted by hand: 黄长寿 (poor) 黄建国 in 高陂村, 邱火生 (poor) 邱木生 in 上坝村;
visits to 黄长寿, 黄建国 and 邱火生, one each.
"""

from __future__ import annotations

import pytest

from sansong_analysis.cli import main
from sansong_analysis.store import load_summary

from .expect import (
    Figures,
    assert_adds_nothing,
    assert_balanced,
    assert_figures,
    assert_no_planted_number,
    assert_not_recognised,
    clean_folder,
)
from .gallery import GALLERY, PLANTED_PII, REAL_LEDGER_FILE, gallery_real_ledger, write_gallery

REAL_FIGURES = {"高陂乡": Figures(4, 3, 2, 2, 3)}


@pytest.fixture(scope="module")
def gallery_files(tmp_path_factory) -> dict[str, list[str]]:
    """The file names each gallery entry writes (each written alone into a scratch folder)."""
    files = {}
    for name, write in GALLERY.items():
        root = tmp_path_factory.mktemp(f"alone_{name}")
        write(root)
        files[name] = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return files


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    return clean_folder(tmp_path_factory.mktemp("gallery"), write_gallery)


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory, cleaned):
    """``sansong clean`` on the same raw folder: (exit status, clean_summary.json)."""
    processed = tmp_path_factory.mktemp("gallery_cli") / "processed"
    status = main(["clean", "--raw", str(cleaned.raw), "--processed", str(processed), "--jobs", "1"])
    return status, load_summary(processed)


def test_gallery_is_varied(gallery_files):
    assert len(GALLERY) >= 15
    suffixes = {name.rsplit(".", 1)[-1] for names in gallery_files.values() for name in names}
    assert {"xlsx", "xls", "csv"} <= suffixes
    assert all(names for names in gallery_files.values())
    assert REAL_LEDGER_FILE not in {n for names in gallery_files.values() for n in names}


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_no_ledger_in_the_gallery(cleaned, gallery_files, name):
    for path in gallery_files[name]:
        f = next(f for f in cleaned.result.files if f.path == path)
        assert f.ok and f.sheets, (path, f.problem, f.sheet_problems)
        for s in f.sheets:
            ref = (path, s.source_sheet)
            assert_adds_nothing(cleaned, ref)
            assert_not_recognised(cleaned, ref)


def test_the_real_ledger_beside_them_still_exact(cleaned):
    frames = cleaned.result.frames
    assert_figures(frames, REAL_FIGURES, label="gallery")
    for ledger in ("roster", "visits", "funds", "projects", "disputes"):
        assert set(frames[ledger]["source_file"]) <= {REAL_LEDGER_FILE}, ledger
    assert len(frames["roster"]) == 4 and len(frames["visits"]) == 3


def test_the_real_ledger_alone_gives_the_same_figures(tmp_path):
    """The same figures without the gallery: the gallery changes nothing."""
    alone = clean_folder(tmp_path, gallery_real_ledger)
    assert_figures(alone.result.frames, REAL_FIGURES, label="real ledger alone")


def test_no_rejects_no_duplicates(cleaned):
    assert cleaned.result.frames["rejects"].empty, cleaned.result.frames["rejects"][["source_file", "reason"]].to_dict("records")
    assert cleaned.result.frames["duplicates"].empty


def test_sansong_clean_exits_zero(cli_run):
    status, summary = cli_run
    assert status == 0
    assert summary["rejects"] == 0
    assert summary["records"] == {"roster": 4, "visits": 3, "funds": 0, "projects": 0, "disputes": 0}


def test_every_sheet_balanced(cleaned):
    assert_balanced(cleaned)


def test_no_personal_number_reaches_processed(cleaned):
    assert_no_planted_number(cleaned.processed, PLANTED_PII)

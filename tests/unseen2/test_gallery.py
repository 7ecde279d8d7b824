"""A township office's other tables (``gallery.py``): nothing from them, each named as not recognised.

They share one raw folder with 沙地镇沙地村's small real ledger, counted by hand: 黄金水 (poor) 黄木水
黄火水 (poor) 黄土水 on the roster; visits 黄金水 ×2 and 黄木水. The other tables name the same people.

The arguable tables (``gallery.ARGUABLE``) are not held to "not recognised": a person could read
each as one ledger, so the reader may either decline it with its reason or read it as that ledger,
never as another.
"""

from __future__ import annotations

import pytest
from unseen.expect import (
    Figures,
    assert_adds_nothing,
    assert_balanced,
    assert_figures,
    assert_no_planted_number,
    assert_not_recognised,
    clean_folder,
)

from sansong_analysis.cli import main
from sansong_analysis.store import load_summary

from .gallery import ARGUABLE, GALLERY, PLANTED_PII, REAL_FILE, real_ledger, write_gallery

REAL_FIGURES = {"沙地镇": Figures(4, 2, 2, 1, 3)}


@pytest.fixture(scope="module")
def gallery_files(tmp_path_factory) -> dict[str, list[str]]:
    """The files each gallery entry writes (each written alone into a scratch folder)."""
    files = {}
    for name, write in GALLERY.items():
        root = tmp_path_factory.mktemp(f"alone_{name}")
        write(root)
        files[name] = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return files


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    return clean_folder(tmp_path_factory.mktemp("gallery2"), write_gallery)


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory, cleaned):
    processed = tmp_path_factory.mktemp("gallery2_cli") / "processed"
    status = main(["clean", "--raw", str(cleaned.raw), "--processed", str(processed), "--jobs", "1"])
    return status, load_summary(processed)


def test_gallery_is_large_and_varied(gallery_files):
    assert len(GALLERY) >= 25
    suffixes = {name.rsplit(".", 1)[-1] for names in gallery_files.values() for name in names}
    assert {"xlsx", "xls", "csv"} <= suffixes
    assert REAL_FILE not in {n for names in gallery_files.values() for n in names}


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_nothing_from_it_and_named_not_recognised(cleaned, gallery_files, name):
    for path in gallery_files[name]:
        f = next(f for f in cleaned.result.files if f.path == path)
        assert f.ok and f.sheets, (path, f.problem, f.sheet_problems)
        for s in f.sheets:
            ref = (path, s.source_sheet)
            assert_adds_nothing(cleaned, ref)
            assert_not_recognised(cleaned, ref)
            reason = cleaned.summary_sheet(ref)["recognition"]["reason"]
            assert isinstance(reason, str) and len(reason) > 6, (ref, reason)


def test_the_real_ledger_exact_beside_them(cleaned):
    frames = cleaned.result.frames
    assert_figures(frames, REAL_FIGURES, label="gallery2")
    for ledger in ("roster", "visits", "funds", "projects", "disputes"):
        assert set(frames[ledger]["source_file"]) <= {REAL_FILE}, (ledger, sorted(set(frames[ledger]["source_file"])))


def test_the_real_ledger_alone_gives_the_same(tmp_path):
    alone = clean_folder(tmp_path, real_ledger)
    assert_figures(alone.result.frames, REAL_FIGURES, label="real ledger alone")


def test_no_rejects_no_duplicates(cleaned):
    rejects = cleaned.result.frames["rejects"]
    assert rejects.empty, rejects[["source_file", "source_sheet", "reason"]].to_dict("records")
    assert cleaned.result.frames["duplicates"].empty


def test_sansong_clean_exits_zero_with_only_the_real_records(cli_run):
    status, summary = cli_run
    assert status == 0
    assert summary["rejects"] == 0
    assert summary["records"] == {"roster": 4, "visits": 3, "funds": 0, "projects": 0, "disputes": 0}


def test_every_sheet_balanced(cleaned):
    assert_balanced(cleaned)


def test_no_personal_number_reaches_processed(cleaned):
    assert_no_planted_number(cleaned.processed, PLANTED_PII)


# --------------------------------------------------------------------------- arguable


@pytest.fixture(scope="module")
def arguable(tmp_path_factory):
    def write(root):
        for writer, _, _ in ARGUABLE.values():
            writer(root)
    return clean_folder(tmp_path_factory.mktemp("arguable"), write)


@pytest.mark.parametrize("name", sorted(ARGUABLE))
def test_an_arguable_table_is_declined_or_read_as_the_one_ledger(tmp_path_factory, arguable, name):
    writer, ledger, _why = ARGUABLE[name]
    root = tmp_path_factory.mktemp(f"arguable_{name}")
    writer(root)
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    for path in paths:
        f = next(f for f in arguable.result.files if f.path == path)
        for s in f.sheets:
            status = s.recognition["status"] if s.recognition else None
            if status == "not_recognised":
                assert (s.n_records, s.n_rejects) == (0, 0), (path, s.source_sheet)
                assert s.recognition["reason"], (path, s.source_sheet)
            else:
                assert s.ledger == ledger, (path, s.source_sheet, s.ledger, ledger)
    assert_balanced(arguable)

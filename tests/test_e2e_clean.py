"""demo-data → clean → figures, against the generator's own truth, on more than one seed."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout

import pytest

from sansong_analysis.cli import main
from sansong_analysis.demo import write_demo_county
from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.store import load, load_summary

SEEDS = (1, 2)


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def county(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"county{request.param}")
    raw, processed = base / "raw", base / "processed"
    truth = write_demo_county(raw, townships=12, seed=request.param)
    result = run_clean(raw, processed, jobs=2, progress=False)
    return raw, processed, truth, result


def test_figures_equal_truth_exactly(county):
    _, processed, truth, _ = county
    assert compute_figures(load(processed)) == truth["figures"]


def test_period_figures_equal_truth_exactly(county):
    _, processed, truth, _ = county
    frames = load(processed)
    for expected in truth["period_figures"]:
        period = expected["period"]
        assert compute_figures(frames, period["start"], period["end"]) == expected


def test_record_reject_and_duplicate_counts(county):
    _, processed, truth, result = county
    frames = load(processed)
    assert {name: len(frames[name]) for name in truth["records"]} == truth["records"]
    assert len(frames["rejects"]) == truth["rejects_expected"]
    by_ledger = frames["rejects"]["ledger"].value_counts().to_dict()
    assert by_ledger == {k: v for k, v in truth["rejects_by_ledger"].items() if v}
    assert int((frames["duplicates"]["ledger"] == "visits").sum()) == truth["duplicates_expected"]["visits"]
    assert result.exit_status == 0


def test_every_sheet_accounts_for_every_row(county):
    _, processed, _, result = county
    for f in result.files:
        for s in f.sheets:
            assert s.rows_read == s.n_records + s.n_rejects + s.n_skipped, (f.path, s.source_sheet)
    summary = load_summary(processed)
    for f in summary["files"]:
        for s in f["sheets"]:
            assert s["rows_read"] == s["records"] + s["rejects"] + s["skipped"]


def test_every_reject_names_its_row_and_reason(county):
    _, processed, _, _ = county
    rejects = load(processed)["rejects"]
    assert rejects["reason"].str.len().min() > 4
    assert rejects["source_row"].min() >= 1
    assert not rejects["raw_cells"].eq("").any()


def test_no_personal_number_reaches_the_frames(county):
    _, processed, truth, _ = county
    planted = set(truth["pii"]["id_numbers"]) | set(truth["pii"]["phones"])
    assert planted
    found = set()
    for frame in load(processed).values():
        for col in frame.columns:
            if frame[col].dtype == "str" or frame[col].dtype == object:
                text = "\n".join(frame[col].dropna().astype(str))
                found |= set(re.findall(r"\d{11,18}[Xx]?", text))
    assert not (found & planted)
    raw_bytes = b"".join(p.read_bytes() for p in processed.iterdir() if p.is_file())
    assert not any(number.encode() in raw_bytes for number in list(planted)[:500])


def test_metrics_json_prints_exactly_the_document(county, capsys):
    _, processed, truth, _ = county
    buf = io.StringIO()
    with redirect_stdout(buf):
        status = main(["metrics", "--processed", str(processed), "--json"])
    assert status == 0
    assert json.loads(buf.getvalue()) == truth["figures"]
    period = truth["period_figures"][0]["period"]
    buf = io.StringIO()
    with redirect_stdout(buf):
        main(["metrics", "--processed", str(processed), "--json", "--start", period["start"], "--end", period["end"]])
    assert json.loads(buf.getvalue()) == truth["period_figures"][0]


def test_clean_is_deterministic(county, tmp_path):
    raw, processed, _, _ = county
    again = tmp_path / "again"
    run_clean(raw, again, jobs=1, progress=False)
    first, second = load(processed), load(again)
    for name in first:
        assert first[name].equals(second[name]), name

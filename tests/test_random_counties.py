"""Counties written at random the ways work teams lay out their ledgers (``random_county``): every township's
figures exactly as written, every record on the day written, every raw row accounted for, nothing rejected,
no township made up, no identity-card or phone number in the frames, no total said to disagree and no sheet
flagged (but for a visit entered twice with its other cells differing, or rows drawn alike to the last cell: for a
person to judge).

Each seed is one county of two or three townships, its layouts drawn along some forty axes at once; the seeds
together try their combinations. A combination read wrong shows as the figure it moved, with the seed to
write that county again (``write_county(Path("raw"), seed)``)."""

from __future__ import annotations

import re

import pytest

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from tests.random_county import FIGURES, write_county

SEEDS = [*range(16), 21, 46]  # 21 and 46 write logs dated by lines of their own, no date column
_PRIVATE = re.compile(r"[0-9]{17}[0-9Xx]|1[3-9][0-9]{9}")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_county_gives_the_figures_written(tmp_path, seed):
    raw = tmp_path / "raw"
    expected = write_county(raw, seed)
    result = clean(raw, jobs=1, progress=False)
    summary = result.summary()
    for f in summary["files"]:
        assert f.get("problem") is None, f
        for sheet in f["sheets"]:
            assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"], (f["file"], sheet["sheet"])
            # Its totals are right and nothing in it is for a person to judge, but a visit entered twice whose
            # other cells (a phone, a remark) differ, or two sums drawn alike to the last cell, which are said so.
            assert all(c["ok"] is not False for c in sheet.get("totals") or []), (f["file"], sheet["sheet"], sheet["totals"])
            flags = [x for x in (sheet.get("flag"), *(sheet.get("more_flags") or ()))
                     if x and x["kind"] not in ("merged_visits", "repeated_rows")]
            assert not flags, (f["file"], sheet["sheet"], flags)
    assert result.frames["rejects"].empty, result.frames["rejects"]["reason"].tolist()
    for name, frame in result.frames.items():  # identity-card and phone numbers never leave the raw folder
        for column in frame.columns:
            leaked = [v for v in frame[column].tolist() if isinstance(v, str) and _PRIVATE.search(v)]
            assert not leaked, (name, column, leaked[:3])
    figures = {row["township"]: row for row in compute_figures(result.frames)["townships"]}
    assert sorted(figures) == sorted(expected)
    for township, want in expected.items():
        got = {name: figures[township][name] for name in FIGURES}
        assert got == pytest.approx({name: want[name] for name in FIGURES}), township
        assert _days(result.frames, township) == want["dates"], township


def _days(frames, township: str) -> dict[str, list]:
    """The days the township's visits, sums raised and disputes were read with, sorted."""
    days = {}
    for name, column in (("visits", "visit_date"), ("funds", "date"), ("disputes", "received_date")):
        frame = frames[name]
        mine = frame.loc[frame["township"] == township, column] if not frame.empty else []
        days[name] = sorted(day.date() for day in mine)
    return days

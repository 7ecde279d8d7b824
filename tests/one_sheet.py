"""One sheet of rows, written as a workbook in a township's folder and cleaned, for the reader's tests."""

from __future__ import annotations

from openpyxl import Workbook

from sansong_analysis.ingest.clean import clean


def write_book(path, title: str, rows: list[list]) -> None:
    """``rows`` under a title row, as sheet 台账 of a workbook at ``path``."""
    book = Workbook()
    ws = book.active
    ws.title = "台账"
    for row in [[title], *rows]:
        ws.append(row)
    book.save(path)


def clean_one_sheet(tmp_path, rows: list[list], title: str = "葛坳乡筹资台账"):
    """``rows`` under a title row, as ``葛坳乡/<title>.xlsx`` sheet 台账, cleaned in one process; the clean's
    result and the sheet's summary, its rows accounted for (read = records + rejects + skipped)."""
    raw = tmp_path / "raw"
    (raw / "葛坳乡").mkdir(parents=True)
    write_book(raw / "葛坳乡" / f"{title}.xlsx", title, rows)
    result = clean(raw, jobs=1, progress=False)
    (sheet,) = [s for f in result.summary()["files"] for s in f["sheets"]]
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]
    return result, sheet

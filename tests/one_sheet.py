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


class Shown:
    """A cell's value with the number format it is shown in (``Shown(5, '0.00"万元"')``: 5 stored, 5.00万元 seen)."""

    def __init__(self, value, code: str):
        self.value, self.code = value, code


def write_sheets(path, sheets: dict[str, list[list]], merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
                 hidden: tuple[str, ...] = (), hidden_cols: dict[str, tuple[str, ...]] | None = None):
    """A workbook at ``path`` (its folders made) of ``sheets`` (name → rows), each sheet's ``merges`` as
    (first row, first column, last row, last column), 1-based; the sheets named in ``hidden`` hidden, and each
    sheet's columns named in ``hidden_cols`` (letters) hidden."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([v.value if isinstance(v, Shown) else v for v in row])
            for c, v in enumerate(row, start=1):
                if isinstance(v, Shown):
                    sheet.cell(row=sheet.max_row, column=c).number_format = v.code
        for r1, c1, r2, c2 in (merges or {}).get(name, ()):
            sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        if name in hidden:
            sheet.sheet_state = "hidden"
        for letter in (hidden_cols or {}).get(name, ()):
            sheet.column_dimensions[letter].hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
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

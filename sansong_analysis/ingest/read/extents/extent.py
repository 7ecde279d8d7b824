"""A sheet's measured extent, and the budget of bytes one file may inflate while it is measured."""

from __future__ import annotations

from dataclasses import dataclass, field

from sansong_analysis.ingest.read.grid import FileProblem, Limits

CHUNK = 1 << 20


@dataclass
class Extent:
    """A sheet's grid from A1 to its last non-empty cell, and what calamine materialises on the way."""

    sheet: str
    rows: int = 0
    cols: int = 0
    materialised: int = 0  # .ods: cells calamine builds one by one before trimming the rectangle
    # Rows (1-based) hidden in Excel (hidden by hand, or filtered out): .xlsx and .xls, read from the
    # row tags / ROW records on the way. Their cells are read like any other's; the analyst does not see them.
    hidden_rows: set[int] = field(default_factory=set)
    # Columns (0-based, as the grid's) hidden in Excel (.xlsx ``<col hidden="1">``, .xls COLINFO), folded in a
    # group or not, within the sheet's extent (``span_columns``): a column the analyst does not see, read only where
    # no column seen names the same (``recognise``).
    hidden_cols: set[int] = field(default_factory=set)
    # .xlsx: the sheet's formula cells, 0-based (row, column), and whether its workbook asks to be worked out
    # when opened (``<calcPr fullCalcOnLoad="1"/>``, as programs write it): see ``read.formulas``.
    formulas: dict = field(default_factory=dict)
    recalc: bool = False
    # .xlsx: number cells whose format shows a unit after the number (0.00"万元"), 0-based (row, column) → the
    # unit (``read.number_formats``).
    cell_units: dict = field(default_factory=dict)
    # .xlsx and .xls: filled cells whose font strikes them through (删除线), 0-based (row, column) (``read.styles``).
    struck_cells: set = field(default_factory=set)
    # .xlsx and .xls: cells in a symbol font (Wingdings 2: R shows ☑), 0-based (row, column) → the font (``read.styles``).
    symbol_cells: dict = field(default_factory=dict)
    # .xlsx and .xls: number cells shown as a date without its year (m"月"d"日"), 0-based (row, column) (``read.styles``).
    yearless_cells: set = field(default_factory=set)

    @property
    def cells(self) -> int:
        return max(self.rows * self.cols, self.materialised)


def span_columns(spans: list[tuple[int, int]], width: int) -> set[int]:
    """The columns (0-based) of ``spans`` (first, last, inclusive) left of ``width``, the sheet's: merged first, so
    that a file of a million tags each hiding every column costs one pass over the sheet's columns, not a million.

    >>> sorted(span_columns([(4, 9), (1, 2), (2, 3), (0, 10**6)], 6))
    [0, 1, 2, 3, 4, 5]
    >>> sorted(span_columns([(4, 4), (1, 2)], 10))
    [1, 2, 4]
    """
    out: set[int] = set()
    done = -1  # every column up to this one is in
    for first, last in sorted(spans):
        first, last = max(first, done + 1), min(last, width - 1)
        if first <= last:
            out.update(range(first, last + 1))
            done = last
    return out


class Budget:
    """Bytes inflated from one file so far, against ``Limits.max_unzipped_bytes``."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.spent = 0

    def spend(self, n: int, part: str) -> None:
        self.spent += n
        if self.spent > self.limits.max_unzipped_bytes:
            raise FileProblem(
                "too_large",
                f"文件过大：解压后超过 {self.limits.max_unzipped_bytes // 2**20} MB（在 {part} 处），"
                "可能是“压缩炸弹”，为免耗尽内存拒绝读取",
            )

"""The shapes the readers hand on: a sheet's grid and a file-level problem."""

from __future__ import annotations

from dataclasses import dataclass, field

# The four reasons an analyst is shown for a file that was not read (README, docs/contract.md §1).
PASSWORD_LABEL = "受密码保护"
CORRUPT_LABEL = "文件损坏或不完整"
EMPTY_LABEL = "空文件"
UNSUPPORTED_LABEL = "不支持的格式"
REASON_LABELS = (PASSWORD_LABEL, CORRUPT_LABEL, EMPTY_LABEL, UNSUPPORTED_LABEL)


class FileProblem(Exception):
    """A file (or sheet) that cannot be read, with a reason an analyst understands.

    ``kind`` is one of: password, corrupt, empty, unsupported, too_large, html, xml.
    ``label`` is always one of the four reasons of ``REASON_LABELS``; the
    finer kinds (too large, an HTML page, an XML export) are named at the
    start of ``detail``. ``str(problem)`` is one line, e.g.
    ``受密码保护：文件受密码保护，无法读取；请提供未加密的副本``.
    """

    LABELS = {
        "password": PASSWORD_LABEL,
        "corrupt": CORRUPT_LABEL,
        "empty": EMPTY_LABEL,
        "unsupported": UNSUPPORTED_LABEL,
        "too_large": UNSUPPORTED_LABEL,
        "html": UNSUPPORTED_LABEL,
        "xml": UNSUPPORTED_LABEL,
    }

    def __init__(self, kind: str, detail: str):
        detail = " ".join(str(detail).split())  # one line, whatever a library put in its message
        super().__init__(detail)
        self.kind = kind
        self.detail = detail

    def __reduce__(self):
        # Problems cross process boundaries (clean reads files in a pool); the
        # default exception pickling would call __init__ with one argument.
        return (type(self), (self.kind, self.detail))

    @property
    def label(self) -> str:
        return self.LABELS.get(self.kind, UNSUPPORTED_LABEL)

    def __str__(self) -> str:
        return f"{self.label}：{self.detail}"


MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Refuse inputs that would exhaust memory before trying to read them.

    A real ledger is a few thousand rows by a few dozen columns; the bounds
    below are far above that and keep one worker's memory well under 2 GB.
    """

    max_file_bytes: int = 200 * MB
    # Cells of one sheet as a grid from A1 (rows × columns), checked before it is allocated.
    max_sheet_cells: int = 4_000_000
    # All sheets of one workbook together.
    max_workbook_cells: int = 6_000_000
    # XML or binary sheet data after decompression, per file.
    max_unzipped_bytes: int = 512 * MB
    # Entries of a zip container (xlsx, xlsb, ods); a real workbook has dozens.
    max_zip_entries: int = 10_000
    # calamine parses workbooks in a helper process with this much memory and time per file: a
    # damaged file that makes it allocate without bound, crash or spin costs only that file.
    isolate: bool = True
    max_reader_bytes: int = 1024 * MB
    max_read_seconds: float = 300.0


@dataclass
class Sheet:
    """One worksheet as a rectangular grid from cell A1, merged ranges filled.

    ``rows[r][c]`` is the value of Excel row r+1, column c+1: '' for an empty
    cell, else str, int, float, bool, date, datetime, time or timedelta as the
    file stores it. ``merged`` holds the merged ranges (0-based inclusive
    corners) as read.
    """

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False

    @property
    def height(self) -> int:
        return len(self.rows)


DEFAULT_LIMITS = Limits()


def too_large_sheet(sheet: str, rows: int, cols: int, limits: Limits) -> FileProblem:
    """The problem for a sheet whose cells span more than ``limits.max_sheet_cells``."""
    where = f"工作表「{sheet}」" if sheet else "工作表"
    return FileProblem(
        "too_large",
        f"表格过大：{where}的单元格跨越 {rows} 行 × {cols} 列（{rows * cols:,} 个单元格），"
        f"超过单表上限 {limits.max_sheet_cells:,} 个，为免耗尽内存拒绝读取；请删除远处的空白或无用单元格后另存",
    )

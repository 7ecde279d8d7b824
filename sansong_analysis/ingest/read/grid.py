"""The shapes the readers hand on: a sheet's grid, a file-level problem, and a defect of ours."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from sansong_analysis.ingest.pii import redact

# The four reasons an analyst is shown for a file that was not read (README, docs/contract.md §1).
PASSWORD_LABEL = "受密码保护"
CORRUPT_LABEL = "文件损坏或不完整"
EMPTY_LABEL = "空文件"
UNSUPPORTED_LABEL = "不支持的格式"
REASON_LABELS = (PASSWORD_LABEL, CORRUPT_LABEL, EMPTY_LABEL, UNSUPPORTED_LABEL)
# Not a reason of the file's: a defect in this program met while reading or cleaning it (ProgramError).
PROGRAM_ERROR_LABEL = "程序错误"


class FileProblem(Exception):
    """A file (or sheet) that cannot be read, with a reason an analyst understands.

    ``kind`` is one of: password, corrupt, empty, unsupported, too_large, html, xml,
    and ``defect`` for a :class:`ProgramError`. ``label`` is one of the four
    reasons of ``REASON_LABELS`` (``PROGRAM_ERROR_LABEL`` for a defect); the
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
        "defect": PROGRAM_ERROR_LABEL,
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


class ProgramError(FileProblem):
    """A defect of ours met while reading or cleaning a file: named as ours, never as the file's fault.

    ``trace`` is the traceback as text, formatted where the defect happened (in
    the reader's helper process too), with identity-card and phone numbers
    removed. The clean writes it to a crash log and sets ``log`` to that
    log's path, which ``str`` then names.
    """

    def __init__(self, detail: str, trace: str = "", log: str | None = None):
        super().__init__("defect", detail)
        self.trace = trace
        self.log = log

    def __reduce__(self):
        return (type(self), (self.detail, self.trace, self.log))

    @classmethod
    def from_exception(cls, exc: BaseException, doing: str = "读取此文件时") -> ProgramError:
        """The problem for ``exc``, an exception our own code raised while ``doing``."""
        message = redact(" ".join(str(exc).split()))[:120]
        detail = f"{doing}程序出错（{type(exc).__name__}: {message}），不是文件本身的问题"
        return cls(detail, redact("".join(traceback.format_exception(exc))))

    def __str__(self) -> str:
        if self.log:
            return f"{self.label}：{self.detail}；详细信息已写入 {self.log}，请把该文件和这份日志交给维护人员"
        return f"{self.label}：{self.detail}；请把该文件交给维护人员"


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
    # Rows (1-based, as Excel numbers them) hidden in Excel, by hand or by a filter (.xlsx and .xls).
    hidden_rows: frozenset[int] = frozenset()
    # Columns (0-based, as ``rows[r][c]``) hidden in Excel (.xlsx and .xls): read only where no column the analyst
    # sees names the same field (``recognise.claim_columns``).
    hidden_cols: frozenset[int] = frozenset()
    # Rows (1-based) whose filled cells are struck through in Excel (删除线), half of them at least: an entry
    # struck off rather than deleted (.xlsx and .xls; ``read.styles``).
    struck_rows: frozenset[int] = frozenset()
    # Date cells (0-based (row, column)) shown without their year (m"月"d"日": 3月5日), the year stored being the one
    # Excel typed them in: read with the sheet's own year where it names one (``tidy``).
    yearless_cells: frozenset[tuple[int, int]] = frozenset()

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


# calamine's messages, in the words an analyst understands; matched on the message only, never on
# the name of an exception class (an AttributeError of ours is no "XML attribute" error).
_MESSAGES = (
    (("password", "encrypt", "protected"), "password", "文件受密码保护，无法读取；请提供未加密的副本"),
    (("cell limit", "too large", "too many", "out of memory", "capacity overflow"), "too_large",
     "表格过大：声明的大小不合理，为免耗尽内存拒绝读取"),
    (("larger than its declared", "invalid checksum", "crc"), "corrupt",
     "压缩包中某个部件的实际大小或校验和与声明不符（文件损坏或被改动）"),
    (("failed to fill whole buffer", "unexpected eof", "end of file", "eof"), "corrupt",
     "文件在中途截断（可能下载或复制不完整）"),
    (("file not found", "not found in archive", "no such file"), "corrupt", "文件缺少必需的部件（文件损坏或不完整）"),
    (("invalid zip", "zip error", "zip archive"), "corrupt", "压缩结构损坏，可能下载不完整"),
    (("xml", "utf-8", "encoding", "unescape"), "corrupt", "表格内部的 XML 格式错误"),
    (("cfb", "ole", "sector", "fat", "biff", "record", "invalid ptg", "bof"), "corrupt",
     "不是有效的 Excel 97-2003 文件，或文件已损坏"),
)
# By class, where the message named nothing above.
_BY_CLASS = {
    "PasswordError": ("password", _MESSAGES[0][2]),
    "XmlError": ("corrupt", "表格内部的 XML 格式错误"),
    "ZipError": ("corrupt", "压缩结构损坏，可能下载不完整"),
}

_FORMAT_NAMES = {"xls": "Excel 97-2003（.xls）", "xlsx": "Excel（.xlsx）", "xlsb": "Excel 二进制（.xlsb）", "ods": "OpenDocument（.ods）"}


def problem_from_error(exc: BaseException, fmt: str) -> FileProblem:
    """One Chinese line for an exception calamine raised reading a file of format ``fmt``.

    Only for calamine's own exceptions (``read.workbook.is_calamine_error``):
    anything else is a defect of ours and becomes a :class:`ProgramError`.

    >>> problem_from_error(OSError("failed to fill whole buffer"), "xlsb").detail
    '文件在中途截断（可能下载或复制不完整）'
    """
    name = type(exc).__name__
    if name == "PasswordError":
        return FileProblem(*_BY_CLASS[name])
    text = " ".join(str(exc).split()).lower()
    for words, kind, message in _MESSAGES:
        if any(w in text for w in words):
            return FileProblem(kind, message)
    if name in _BY_CLASS:
        return FileProblem(*_BY_CLASS[name])
    if name == "PanicException":
        return FileProblem("corrupt", f"{_FORMAT_NAMES.get(fmt, '文件')}结构异常，读取程序无法解析（文件损坏）")
    return FileProblem("corrupt", f"{_FORMAT_NAMES.get(fmt, '文件')}无法解析，文件可能已损坏")

"""The shapes the readers hand on: a sheet's grid and a file-level problem."""

from __future__ import annotations

from dataclasses import dataclass, field


class FileProblem(Exception):
    """A file that cannot be read as a whole, with a reason an analyst understands.

    ``kind`` is one of: password, corrupt, empty, unsupported, too_large, html, xml.
    ``str(problem)`` is the Chinese reason, e.g. ``文件受密码保护，无法读取``.
    """

    LABELS = {
        "password": "受密码保护",
        "corrupt": "文件损坏或不完整",
        "empty": "空文件",
        "unsupported": "不支持的格式",
        "too_large": "文件过大",
        "html": "不支持的格式",
        "xml": "不支持的格式",
    }

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail

    @property
    def label(self) -> str:
        return self.LABELS.get(self.kind, self.kind)

    def __str__(self) -> str:
        return f"{self.label}：{self.detail}"


@dataclass(frozen=True)
class Limits:
    """Refuse inputs that would exhaust memory before trying to read them."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_sheet_cells: int = 20_000_000
    max_unzipped_bytes: int = 1_000 * 1024 * 1024


@dataclass
class Sheet:
    """One worksheet as a rectangular grid from cell A1, merged ranges filled.

    ``rows[r][c]`` is the value of Excel row r+1, column c+1: '' for an empty
    cell, else str, int, float, bool, date or datetime as the file stores it.
    ``merged`` holds the merged ranges (0-based inclusive corners) as read.
    """

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False

    @property
    def height(self) -> int:
        return len(self.rows)


DEFAULT_LIMITS = Limits()

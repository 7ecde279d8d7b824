"""CSV ledgers: UTF-8, UTF-8 with BOM or GB18030 (what Excel and WPS save in China)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .grid import FileProblem, Sheet

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
_ENCODINGS = ("utf-8-sig", "gb18030")
_DELIMITERS = ",\t;|"


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: a BOM decides; else strict UTF-8; else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem("corrupt", "文本编码无法识别（不是 UTF-8 或 GB18030）")


def read_csv_grid(path: Path) -> Sheet:
    """The CSV as a one-sheet grid of strings ('' for empty), named after the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem("corrupt", f"无法读取（{exc.strerror or exc}）") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("unsupported", "扩展名是 .csv，内容却是二进制文件")
    text = decode_text(data)
    if not text.strip():
        raise FileProblem("empty", "文件中没有任何内容")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(_DELIMITERS, key=sample.count)
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise FileProblem("corrupt", f"CSV 格式错误（{exc}）") from None
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return Sheet(path.stem, rows)

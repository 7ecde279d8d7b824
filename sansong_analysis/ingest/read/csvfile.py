"""CSV ledgers: UTF-8, UTF-8 with BOM, GB18030 or UTF-16 (what Excel and WPS save in China)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sansong_analysis.ingest.read.grid import DEFAULT_LIMITS, FileProblem, Limits, Sheet, too_large_sheet
from sansong_analysis.ingest.read.sniff import utf16_without_bom

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
_ENCODINGS = ("utf-8-sig", "gb18030")
_DELIMITERS = ",\t;|"


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: a BOM decides; else UTF-16 by its zero bytes; else strict UTF-8; else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem("corrupt", "文本编码无法识别（不是 UTF-8、GB18030 或 UTF-16），或文件已损坏")


def read_csv_grid(path: Path, limits: Limits = DEFAULT_LIMITS) -> Sheet:
    """The CSV as a one-sheet grid of strings ('' for empty), named after the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem("corrupt", f"无法读取（{exc.strerror or type(exc).__name__}）") from None
    is_utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data) is not None
    if b"\x00" in data[:4096] and not is_utf16:
        raise FileProblem("unsupported", f"扩展名是 {path.suffix or '（无）'}，内容却是二进制文件，不是文本表格")
    text = decode_text(data)
    del data
    if not text.strip().strip("\ufeff"):
        raise FileProblem("empty", "文件中没有任何内容")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(_DELIMITERS, key=sample.count)
    rows: list[list[object]] = []
    cells = width = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            width = max(width, len(row))
            cells += len(row)
            if cells > limits.max_sheet_cells or len(rows) * width > limits.max_sheet_cells:
                raise too_large_sheet(path.stem, len(rows), width, limits)
    except csv.Error as exc:
        detail = "某个单元格超过 128 KB" if "field larger" in str(exc) else "引号或分隔符不配对"
        raise FileProblem("corrupt", f"CSV 格式错误（第 {len(rows) + 1} 行附近：{detail}）") from None
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return Sheet(path.stem, rows)

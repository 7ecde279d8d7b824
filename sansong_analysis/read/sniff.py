"""What a file really is, from its first bytes rather than its name.

Offices send HTML pages and XML exports renamed ``.xls``, half-downloaded
files and Word documents in the ledger folder; each is named for what it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .grid import DEFAULT_LIMITS, FileProblem, Limits

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Files an office folder always holds that are nobody's ledger.
IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_ignored(path: Path) -> bool:
    """Hidden files, Excel/WPS lock files (``~$台账.xlsx``) and OS litter."""
    name = path.name
    return name.startswith((".", "~$", ".~")) or name.lower() in IGNORED_NAMES


def sniff_format(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The format to read ``path`` as: xlsx, xls, xlsb, ods or csv; else FileProblem.

    >>> sniff_format(Path("黄坑乡.xls"))  # doctest: +SKIP
    'xls'
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileProblem("corrupt", f"无法打开（{exc.strerror or exc}）") from None
    if size == 0:
        raise FileProblem("empty", "文件大小为 0 字节")
    if size > limits.max_file_bytes:
        raise FileProblem(
            "too_large", f"{size / 1024 / 1024:.0f} MB，超过上限 {limits.max_file_bytes / 1024 / 1024:.0f} MB"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise FileProblem("corrupt", f"无法读取（{exc.strerror or exc}）") from None

    if head.startswith(_OLE):
        if suffix == ".csv":
            raise FileProblem("unsupported", "扩展名是 .csv，内容却是 Excel 97-2003 或 Word 二进制文件")
        return "xls"
    if head.startswith(_ZIP):
        return _zip_format(path, suffix, limits)
    if head.startswith(b"%PDF"):
        raise FileProblem("unsupported", "这是 PDF 文件，不是电子表格")
    text_head = _text_start(head)
    if text_head.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")):
        raise FileProblem("html", f"这是 HTML 网页（扩展名 {suffix or '无'}），不是 Excel 文件；请用 Excel/WPS 打开后另存为 .xlsx")
    if text_head.startswith("<?xml") or text_head.startswith("<workbook"):
        kind = "Excel 2003 XML 表格" if "urn:schemas-microsoft-com:office:spreadsheet" in text_head else "XML 文件"
        raise FileProblem("xml", f"这是{kind}（扩展名 {suffix or '无'}），不是 .xlsx/.xls；请用 Excel/WPS 另存为 .xlsx")
    if suffix == ".csv":
        return "csv"
    if suffix in SPREADSHEET_SUFFIXES:
        raise FileProblem("corrupt", f"扩展名是 {suffix}，内容却不是电子表格（可能下载不完整或已损坏）")
    raise FileProblem("unsupported", f"扩展名 {suffix or '（无）'}，只读取 .xlsx、.xlsm、.xls、.csv 台账")


def _text_start(head: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030", "latin-1"):
        try:
            return head.decode(encoding).lstrip().lower()[:200]
        except UnicodeDecodeError:
            continue
    return ""


def _zip_format(path: Path, suffix: str, limits: Limits) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            declared = sum(info.file_size for info in infos)
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise FileProblem("corrupt", f"压缩结构损坏（{exc}），可能下载不完整") from None
    if declared > limits.max_unzipped_bytes:
        raise FileProblem("too_large", f"解压后达 {declared / 1024 / 1024:.0f} MB，超过上限")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if "word/document.xml" in names:
        raise FileProblem("unsupported", "这是 Word 文档，不是电子表格")
    if "ppt/presentation.xml" in names:
        raise FileProblem("unsupported", "这是 PowerPoint 文件，不是电子表格")
    if suffix in SPREADSHEET_SUFFIXES:
        raise FileProblem("corrupt", "压缩包中找不到工作簿（文件损坏或不完整）")
    raise FileProblem("unsupported", f"这是 ZIP 压缩包（扩展名 {suffix or '无'}），请解压后再放入原始台账文件夹")

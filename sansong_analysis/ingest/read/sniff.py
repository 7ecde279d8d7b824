"""What a file really is, from its first bytes rather than its name.

Offices send HTML pages and XML exports renamed ``.xls``, tab-separated
text that a web system saved as ``.xls``, half-downloaded files, Word
documents and pictures in the ledger folder; each is named for what it is
(and the first three read as what they are).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from sansong_analysis.ingest.read.extents.container import normalised_name, office_document
from sansong_analysis.ingest.read.extents.extent import Budget
from sansong_analysis.ingest.read.grid import DEFAULT_LIMITS, MB, FileProblem, Limits
from sansong_analysis.ingest.read.ole import entry_names

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv", ".txt", ".tsv"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Files an office folder always holds that are nobody's ledger.
IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}

# Other things people drop in the folder, by their first bytes.
_MAGIC = (
    (b"%PDF", "PDF 文件"),
    (b"{\\rtf", "RTF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"BM", None),  # too short to be sure; only with a .bmp name
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"MZ", "Windows 程序"),
    (b"\x7fELF", "Linux 程序"),
)


def is_ignored(path: Path) -> bool:
    """Hidden files, Excel/WPS lock files (``~$台账.xlsx``) and OS litter."""
    name = path.name
    return name.startswith((".", "~$", ".~")) or name.lower() in IGNORED_NAMES


def _os_reason(exc: OSError) -> str:
    return {
        errno.ENOENT: "文件不存在（可能是失效的快捷方式或链接）",
        errno.EACCES: "没有读取权限",
        errno.EPERM: "没有读取权限",
        errno.EISDIR: "这是一个文件夹，不是文件",
        errno.ELOOP: "链接循环指向自身",
        errno.EIO: "磁盘读取错误",
    }.get(exc.errno, f"系统错误（{exc.errno}）")


def sniff_format(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The format to read ``path`` as: xlsx, xls, xlsb, ods, csv, html or xmlss (Excel 2003 XML); else
    FileProblem.

    The name only breaks ties: a tab-separated text saved as ``.xls`` is read
    as csv, an HTML page saved as ``.xls`` as the tables it holds; a web archive (MHT) is refused.

    >>> saved_as_xls = getfixture("tmp_path") / "黄坑乡.xls"
    >>> _ = saved_as_xls.write_bytes("户主姓名\\t走访日期\\n钟三\\t2011-03-05\\n".encode("gb18030"))
    >>> sniff_format(saved_as_xls)
    'csv'
    """
    suffix = path.suffix.lower()
    try:
        st = os.stat(path)
    except OSError as exc:
        raise FileProblem("corrupt", f"无法打开：{_os_reason(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileProblem("unsupported", "这是一个文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem("unsupported", "这不是普通文件（设备、管道或套接字）")
    size = st.st_size
    if size == 0:
        raise FileProblem("empty", "文件大小为 0 字节")
    if size > limits.max_file_bytes:
        raise FileProblem(
            "too_large",
            f"文件过大：{size / MB:.0f} MB，超过上限 {limits.max_file_bytes / MB:.0f} MB"
            "（可用 sansong clean --max-file-mb 调高）",
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise FileProblem("corrupt", f"无法读取：{_os_reason(exc)}") from None
    if not head.strip(b"\x00 \t\r\n"):
        if size <= len(head):
            raise FileProblem("empty", "文件中只有空白或零字节，没有任何内容")
        raise FileProblem("corrupt", "文件开头全是空白或零字节，不是可识别的格式（可能下载不完整或已损坏）")

    if head.startswith(_OLE):
        return _ole_format(path, suffix)
    if head.startswith(_ZIP):
        return _zip_format(path, suffix, limits)
    for magic, what in _MAGIC:
        if head.startswith(magic) and what:
            raise FileProblem("unsupported", f"这是{what}（扩展名 {suffix or '无'}），不是电子表格")
    if len(head) >= 4 and head[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08") and head[3] == 0 and head[2] in (4, 6, 8, 16):
        raise FileProblem("unsupported", "这是 Excel 2.x–4.x 的旧格式，无法读取；请用 Excel/WPS 打开后另存为 .xlsx")
    if head.startswith(b"ID;P"):
        raise FileProblem("unsupported", "这是 SYLK 格式（.slk），不是 .xls；请用 Excel/WPS 打开后另存为 .xlsx")
    text = decode_head(head)
    lowered = text.lstrip().lower()
    if lowered.startswith(("mime-version:", "content-type: multipart", "from: ")) and "multipart" in lowered[:1024]:
        raise FileProblem(
            "html", f"这是网页存档 MHT 文件（扩展名 {suffix or '无'}），不是 Excel 文件；请用 Excel/WPS 打开后另存为 .xlsx"
        )
    spreadsheet_ml = "urn:schemas-microsoft-com:office:spreadsheet" in lowered or "progid=\"excel.sheet\"" in lowered
    if lowered.startswith("<?xml") and spreadsheet_ml:
        return "xmlss"  # Excel's "XML 表格 2003" (``markup``), whose rich text is written as html:B, html:Font
    if _looks_html(lowered):
        return "html"  # a web system's "导出Excel": its tables are read (``markup``)
    if lowered.startswith("<"):
        if spreadsheet_ml:
            return "xmlss"
        if suffix in (".csv", ".txt", ".tsv") and _delimited_markup(lowered):
            return "csv"  # cells that hold markup (<a href=…>链接</a>,…): text, not a document
        if "urn:oasis:names:tc:opendocument" in lowered:
            kind = "OpenDocument 平面 XML 表格（.fods）"
        else:
            kind = "XML 文件"
        raise FileProblem("xml", f"这是 {kind}（扩展名 {suffix or '无'}），不是 .xlsx/.xls；请用 Excel/WPS 打开后另存为 .xlsx")
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in SPREADSHEET_SUFFIXES:
        if _looks_delimited(text):
            return "csv"  # a web system's "导出Excel" that is really tab- or comma-separated text
        what = "一段纯文本" if text and b"\x00" not in head else "无法识别的数据"
        raise FileProblem("corrupt", f"扩展名是 {suffix}，内容却是{what}，不是电子表格（可能下载不完整或已损坏）")
    raise FileProblem("unsupported", f"扩展名 {suffix or '（无）'}，只读取 .xlsx、.xlsm、.xls、.et、.xlsb、.ods、.csv 台账")


def decode_head(head: bytes) -> str:
    """The first bytes as text, whatever their encoding; '' when they are binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", "ignore")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    utf16 = utf16_without_bom(head)
    if utf16:
        return head.decode(utf16, "ignore")
    if b"\x00" in head:
        return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # cut in the middle of a character
                return head[: exc.start].decode(encoding, "ignore")
    return head.decode("latin-1")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` is evidently UTF-16 text without a BOM."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _looks_html(lowered: str) -> bool:
    start = lowered[:1]
    if start != "<":
        return False
    head = lowered[:2048]
    if head.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body", "<style", "<div", "<!--")):
        return "<" in head and ("html" in head or "<table" in head or "<div" in head or "<body" in head)
    # XHTML and Excel's own "Web page" export start with an XML declaration.
    return head.startswith("<?xml") and ("<html" in head or "xmlns=\"http://www.w3.org/1999/xhtml\"" in head)


_TAG = re.compile(r"<[^<>]*>")


def _delimited_markup(lowered: str) -> bool:
    """Whether a text opening with ``<`` is comma- or tab-separated cells that hold markup, not an XML
    document: no declaration or doctype, and its first line, tags taken out, still separates cells.

    >>> _delimited_markup("<a href='https://example.com/'>link</a>,<b>bold</b>\\n"), _delimited_markup("<root><a>1</a></root>")
    (True, False)
    """
    if lowered.startswith(("<?", "<!")):
        return False
    first = lowered.split("\n", 1)[0]
    return any(sep in _TAG.sub("", first) for sep in (",", "\t", "，"))


def _looks_delimited(text: str) -> bool:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) < 2 or any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"):
        return False
    for sep in ("\t", ",", "，"):
        counts = [line.count(sep) for line in lines[:-1]]  # the last line may be cut off
        if counts and min(counts) >= 1:
            return True
    return False


def _ole_format(path: Path, suffix: str) -> str:
    """An OLE compound file: an .xls, or an encrypted .xlsx, a Word or PowerPoint file."""
    try:
        entries = entry_names(path)
    except (OSError, struct.error, IndexError, ValueError, KeyError):  # OSError: olefile's OleFileError too
        entries = set()  # let calamine judge a damaged directory
    if "encryptedpackage" in entries or "encryptioninfo" in entries:
        raise FileProblem("password", "文件受密码保护，无法读取；请提供未加密的副本")
    if "worddocument" in entries:
        raise FileProblem("unsupported", f"这是 Word 文档（扩展名 {suffix or '无'}），不是电子表格")
    if "powerpoint document" in entries:
        raise FileProblem("unsupported", f"这是 PowerPoint 文件（扩展名 {suffix or '无'}），不是电子表格")
    if suffix == ".csv":
        raise FileProblem("unsupported", "扩展名是 .csv，内容却是 Excel 97-2003 或其他二进制文件")
    return "xls"


def zip_entry_count(path: Path) -> int | None:
    """Entries a zip declares in its end record, read without building the whole directory."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 65557))
            tail = fh.read()
    except OSError:
        return None
    at = tail.rfind(b"PK\x05\x06")
    if at == -1 or at + 22 > len(tail):
        return None
    (total,) = struct.unpack_from("<H", tail, at + 10)
    if total != 0xFFFF:
        return total
    loc = tail.rfind(b"PK\x06\x07", 0, at)
    if loc == -1:
        return None
    (offset,) = struct.unpack_from("<Q", tail, loc + 8)
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            record = fh.read(56)
        if record.startswith(b"PK\x06\x06"):
            return struct.unpack_from("<Q", record, 32)[0]
    except (OSError, ValueError, struct.error):
        return None
    return None


def _zip_format(path: Path, suffix: str, limits: Limits) -> str:
    entries = zip_entry_count(path)
    if entries is not None and entries > limits.max_zip_entries:
        raise FileProblem("too_large", f"文件过大：压缩包声明了 {entries:,} 个条目，超过上限 {limits.max_zip_entries:,}，拒绝读取")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            members = {normalised_name(info.filename): info for info in infos}
            declared = sum(info.file_size for info in infos)
            if declared > limits.max_unzipped_bytes:
                raise FileProblem(
                    "too_large",
                    f"文件过大：解压后达 {declared / MB:,.0f} MB，超过上限 {limits.max_unzipped_bytes / MB:.0f} MB"
                    "（可能是“压缩炸弹”），拒绝读取",
                )
            mimetype = zf.read(members["mimetype"])[:100] if "mimetype" in members else b""
            main = office_document(zf, members, Budget(limits))
            content_types = zf.read(members["[content_types].xml"])[:65536] if "[content_types].xml" in members else b""
    except FileProblem:
        raise
    except (
        zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, KeyError, zlib.error,
    ) as exc:
        reason = "校验和不符" if "CRC" in str(exc) else "无法解压"
        raise FileProblem("corrupt", f"压缩结构损坏（{reason}），可能下载不完整") from None
    names = set(members)
    if "encryptedpackage" in names:
        raise FileProblem("password", "文件受密码保护，无法读取；请提供未加密的副本")
    if main is not None and main.endswith(".bin"):
        return "xlsb"
    if main is not None and (b"spreadsheetml" in content_types.lower() or main.endswith("workbook.xml")):
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text") or "word/document.xml" in names:
        raise FileProblem("unsupported", f"这是 Word 或文字处理文档（扩展名 {suffix or '无'}），不是电子表格")
    if "ppt/presentation.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.presentation"):
        raise FileProblem("unsupported", f"这是演示文稿（扩展名 {suffix or '无'}），不是电子表格")
    if "content.xml" in names and suffix == ".ods":
        return "ods"
    if suffix in SPREADSHEET_SUFFIXES:
        raise FileProblem("corrupt", "压缩包中找不到工作簿（文件损坏或不完整）")
    raise FileProblem("unsupported", f"这是 ZIP 压缩包（扩展名 {suffix or '无'}），请解压后把其中的台账放入原始台账文件夹")

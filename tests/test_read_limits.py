"""Hostile and odd inputs for read/: each is refused with the right reason, in little memory,
or read for what it really is."""

from __future__ import annotations

import io
import json
import os
import pickle
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read import REASON_LABELS, FileProblem, Limits, read_file, sniff_format
from sansong_analysis.ingest.read import workbook as workbook_module
from sansong_analysis.ingest.read.extents import sheet_extents

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MB = 1024 * 1024

# --------------------------------------------------------------------------- file makers

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{overrides}</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def write_xlsx(path: Path, sheets: dict[str, bytes | str], compresslevel: int = 6) -> Path:
    """A minimal .xlsx whose worksheet XML (everything inside <sheetData>) is given verbatim."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    wb = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_R}><sheets>'
        + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
        + "</sheets></workbook>"
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", _CT.format(overrides=overrides))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        for i, body in enumerate(sheets.values(), 1):
            data = body.encode() if isinstance(body, str) else body
            z.writestr(f"xl/worksheets/sheet{i}.xml", b"<?xml version=\"1.0\"?><worksheet " + _NS.encode() + b"><sheetData>"
                       + data + b"</sheetData></worksheet>")
    return path


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def small_ledger_rows() -> str:
    rows = [("户主姓名", "家庭人口"), ("张三", "4"), ("李四", "3")]
    return "".join(
        f'<row r="{r}">' + "".join(inline(f"{'AB'[c]}{r}", v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, 1)
    )


def write_zip_bomb(path: Path, inflated_mb: int) -> Path:
    """An .xlsx whose one sheet is ``inflated_mb`` MB of whitespace (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT.format(overrides=""))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", f'<workbook {_NS} {_R}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b"<worksheet " + _NS.encode() + b"><sheetData>")
            block = b" " * MB
            for _ in range(inflated_mb):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    return path


def lie_about_size(path: Path, member: str, declared: int) -> Path:
    """Rewrite the declared uncompressed size of ``member`` in both zip headers."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) != -1:
        n = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30 : at + 30 + n] == name:
            struct.pack_into("<I", data, at + 22, declared)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + n] == name:
            struct.pack_into("<I", data, at + 24, declared)
        at += 4
    path.write_bytes(bytes(data))
    return path


def write_ods(path: Path, body: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="S1">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'


def write_xls(path: Path, cells: dict[tuple[int, int], object], patch_col: tuple[int, int, int] | None = None) -> Path:
    """An .xls written by xlwt; ``patch_col=(row, col, new_col)`` rewrites one RK cell's column."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    for (r, c), v in cells.items():
        ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    data = bytearray(buf.getvalue())
    if patch_col:
        row, col, new_col = patch_col
        at = data.find(struct.pack("<HHHH", 0x027E, 10, row, col))
        assert at >= 0
        struct.pack_into("<H", data, at + 6, new_col)
    path.write_bytes(bytes(data))
    return path


def problem(path: Path, limits: Limits | None = None) -> FileProblem:
    with pytest.raises(FileProblem) as info:
        read_file(path, limits or Limits())
    assert info.value.label in REASON_LABELS
    assert "\n" not in str(info.value)
    return info.value


# --------------------------------------------------------------------------- the reasons


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    p = problem(write_zip_bomb(tmp_path / "炸弹.xlsx", 40), Limits(max_unzipped_bytes=16 * MB))
    assert p.kind == "too_large" and p.label == "不支持的格式"
    assert "解压后" in p.detail and "压缩炸弹" in p.detail


def test_a_part_that_inflates_beyond_its_declared_size_is_corrupt(tmp_path):
    path = lie_about_size(write_zip_bomb(tmp_path / "谎报.xlsx", 20), "xl/worksheets/sheet1.xml", 1000)
    p = problem(path)
    assert p.kind == "corrupt" and p.label == "文件损坏或不完整"


def test_cells_at_a1_and_xfd1048576_are_refused_and_the_other_sheet_still_read(tmp_path):
    far = f'<row r="1">{inline("A1", "甲")}</row><row r="1048576">{inline("XFD1048576", "乙")}</row>'
    path = write_xlsx(tmp_path / "远处.xlsx", {"名单": small_ledger_rows(), "远处": far})
    sheets, problems = read_file(path)
    assert [s.name for s in sheets] == ["名单"]
    assert sheets[0].rows[1] == ["张三", "4"]
    [(name, p)] = problems
    assert name == "远处" and p.kind == "too_large" and p.label == "不支持的格式"
    assert "1048576 行 × 16384 列" in p.detail


def test_a_lying_dimension_and_formatted_empty_cells_do_not_refuse_a_small_sheet(tmp_path):
    body = small_ledger_rows() + '<row r="1048576" customHeight="1"><c r="XFD1048576" s="1"/></row>'
    path = write_xlsx(tmp_path / "格式.xlsx", {"名单": body})
    sheets, problems = read_file(path)
    assert not problems and len(sheets[0].rows) == 3 and len(sheets[0].rows[0]) == 2


_FAR_REFERENCES = {
    # Found by reading the fast scan against calamine: each made calamine ask for 40-550 GB and abort.
    "seven letters": (f'<row r="1">{inline("A1", "甲")}{inline("ZZZZZZZ1", "乙")}</row>', "1 行 × 8353082582 列"),
    "eleven digits": (f'<row r="1">{inline("A1", "甲")}</row><row r="99999999999">{inline("A99999999999", "乙")}</row>',
                      "99999999999 行 × 1 列"),
    # calamine places a cell by its own reference, whatever the r of its row says.
    "row says 1": (f'<row r="1">{inline("A1", "甲")}{inline("XFD1048576", "乙")}</row>', "1048576 行 × 16384 列"),
    "lower case": (f'<row r="1">{inline("A1", "甲")}{inline("xfd1048576", "乙")}</row>', "1048576 行 × 16384 列"),
    "absolute": (f'<row r="1">{inline("A1", "甲")}{inline("$XFD$1048576", "乙")}</row>', "1048576 行 × 16384 列"),
    "prefixed, seven letters": (None, "1 行 × 8353082582 列"),
    "a run of letters": (f'<row r="1">{inline("A1", "甲")}{inline("Z" * 100_000 + "1", "乙")}</row>', "1000000000000 列"),
}


def _replace_part(path, part: str, data: bytes) -> None:
    """Rewrite the workbook at ``path`` with ``part`` (a sheet's XML) replaced by ``data``."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)


@pytest.mark.parametrize("case", list(_FAR_REFERENCES))
def test_a_reference_past_the_last_cell_is_measured_as_far_as_it_reaches(tmp_path, case):
    body, span = _FAR_REFERENCES[case]
    path = write_xlsx(tmp_path / "远处.xlsx", {"名单": small_ledger_rows(), "远处": body or ""})
    if body is None:
        far = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZZZZZZ1"><x:v>2</x:v></x:c></x:row>'
        sheet = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 b"<x:sheetData>" + far.encode() + b"</x:sheetData></x:worksheet>")
        _replace_part(path, "xl/worksheets/sheet2.xml", sheet)
    # In a child process: were the scan to fall short, calamine would abort the process.
    child = (
        "import sys\nfrom pathlib import Path\nfrom sansong_analysis.ingest.read import read_file, Limits\n"
        "sheets, problems = read_file(Path(sys.argv[1]), Limits(isolate=False))\n"
        "print([s.name for s in sheets]); print([(n, p.kind, p.detail) for n, p in problems])\n"
    )
    done = subprocess.run([sys.executable, "-c", child, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    sheets, problems = done.stdout.splitlines()
    assert sheets == "['名单']"
    assert "'远处', 'too_large'" in problems and span in problems


@pytest.mark.parametrize("spelling", ["prefixed", "no_refs", "attr_order"])
def test_other_xml_spellings_are_measured_too(tmp_path, spelling):
    """Writers that prefix tags, omit references or put r last go through the general scan."""
    if spelling == "prefixed":
        body = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row><x:row r="3000"><x:c r="ZY3000"><x:v>1</x:v></x:c></x:row>'
        sheet = b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' + body.encode() + b"</x:sheetData></x:worksheet>"
    elif spelling == "no_refs":
        row = "<row>" + "<c><v>1</v></c>" * 701 + '<c s="1"/>' * 9 + "</row>"
        sheet = b"<worksheet " + _NS.encode() + b"><sheetData>" + (row * 2999 + '<row><c><v>1</v></c><c/><c t="s"><v>0</v></c></row>').encode() + b"</sheetData></worksheet>"
    else:
        body = '<row r="1"><c t="n" r="A1"><v>1</v></c></row><row r="3000"><c t="n" r="ZY3000"><v>1</v></c></row>'
        sheet = b"<worksheet " + _NS.encode() + b"><sheetData>" + body.encode() + b"</sheetData></worksheet>"
    path = tmp_path / f"{spelling}.xlsx"
    write_xlsx(path, {"S": ""})
    _replace_part(path, "xl/worksheets/sheet1.xml", sheet)
    extents = sheet_extents(path, "xlsx", Limits())
    assert (extents["S"].rows, extents["S"].cols) == (3000, 701)
    [(_, p)] = read_file(path, Limits(max_sheet_cells=2_000_000))[1]
    assert p.kind == "too_large"


def test_an_ods_that_repeats_empty_cells_before_a_value_is_refused(tmp_path):
    body = (
        f"<table:table-row>{ods_cell('a')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="5998"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="15999"/>{ods_cell("b")}</table:table-row>'
    )
    p = problem(write_ods(tmp_path / "重复.ods", body))
    assert p.kind == "too_large" and "6000 行 × 16000 列" in p.detail


def test_an_ods_with_trailing_repeats_as_libreoffice_writes_them_is_read(tmp_path):
    body = (
        f'<table:table-row>{ods_cell("户主姓名")}{ods_cell("家庭人口")}<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
        f'<table:table-row>{ods_cell("张三")}{ods_cell("4")}<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    sheets, problems = read_file(write_ods(tmp_path / "正常.ods", body))
    assert not problems and sheets[0].rows == [["户主姓名", "家庭人口"], ["张三", "4"]]


def test_an_xls_cell_claiming_column_65000_is_refused(tmp_path):
    path = write_xls(tmp_path / "宽.xls", {(0, 0): 1.5, (1399, 201): 2.25}, patch_col=(1399, 201, 65000))
    p = problem(path)
    assert p.kind == "too_large" and "1400 行 × 65001 列" in p.detail


def test_an_xls_with_two_cells_at_its_far_corners_is_refused(tmp_path):
    p = problem(write_xls(tmp_path / "角.xls", {(0, 0): 1.5, (65535, 255): 2.25}))
    assert p.kind == "too_large" and "65536 行 × 256 列" in p.detail


def test_an_xls_within_bounds_is_read(tmp_path):
    sheets, problems = read_file(write_xls(tmp_path / "台账.xls", {(0, 0): "户主姓名", (1, 0): "张三", (1, 1): 4}))
    assert not problems and sheets[0].rows == [["户主姓名", ""], ["张三", 4]]


def test_an_html_page_named_xls_is_read_as_its_table(tmp_path):
    path = tmp_path / "走访.xls"
    path.write_text('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>户主</td></tr></table></body></html>', "utf-8")
    assert sniff_format(path) == "html"
    sheets, problems = read_file(path)
    assert not problems and [(s.name, s.rows) for s in sheets] == [("走访", [["户主"]])]


def test_an_mht_web_archive_named_xls_is_named_for_what_it_is(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n', "ascii")
    p = problem(path)
    assert p.kind == "html" and "MHT" in p.detail


def test_spreadsheetml_xml_named_xls_is_read_as_its_worksheets(tmp_path):
    path = tmp_path / "花名册.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">户主</Data></Cell></Row></Table></Worksheet></Workbook>',
        "utf-8",
    )
    assert sniff_format(path) == "xmlss"
    sheets, problems = read_file(path)
    assert not problems and [(s.name, s.rows) for s in sheets] == [("Sheet1", [["户主"]])]


def test_a_flat_opendocument_or_other_xml_is_still_named_for_what_it_is(tmp_path):
    path = tmp_path / "台账.xls"
    path.write_text('<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', "utf-8")
    p = problem(path)
    assert (p.kind, p.label) == ("xml", "不支持的格式") and ".fods" in p.detail


def test_a_csv_whose_cells_hold_markup_is_read_as_a_csv_not_refused_as_xml(tmp_path):
    # A web system's export of links (xlsx2csv's hyperlinks.csv): cells, not a document.
    path = tmp_path / "走访记录.csv"
    path.write_text(
        "<a href='http://example.com/1'>户主姓名</a>,走访日期,走访干部\n<a href='http://example.com/2'>钟三</a>,2011-03-05,李明\n",
        "utf-8",
    )
    assert sniff_format(path) == "csv"
    sheets, problems = read_file(path)
    assert not problems and sheets[0].rows[1][1:] == ["2011-03-05", "李明"]
    # An XML document (a declaration, or one element with no cells beside it) named .csv is still refused.
    for text in ('<?xml version="1.0"?><rows><row>1,2</row></rows>', "<rows><row><c>1</c></row></rows>\n"):
        path.write_text(text, "utf-8")
        assert problem(path).kind == "xml"


def test_a_truncated_xlsx_is_corrupt(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", {"名单": small_ledger_rows() * 50})
    cut = tmp_path / "半截.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    p = problem(cut)
    assert (p.kind, p.label) == ("corrupt", "文件损坏或不完整")


def _damaged_inside_a_compressed_part(whole: Path, to: Path) -> Path:
    """``whole`` with one byte inside its sheet's deflate stream changed so that the stream no longer
    inflates (zlib's "invalid distance", not a checksum mismatch), as a damaged download or disk does."""
    import zlib

    data = whole.read_bytes()
    with zipfile.ZipFile(whole) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for offset in range(start + 8, start + info.compress_size - 8):
        for value in (0xFF, 0x00, 0x5A):
            damaged = bytearray(data)
            damaged[offset] = value
            try:
                with zipfile.ZipFile(io.BytesIO(bytes(damaged))) as zf:
                    zf.read("xl/worksheets/sheet1.xml")
            except zlib.error:
                to.write_bytes(bytes(damaged))
                return to
            except (zipfile.BadZipFile, EOFError):
                continue
    raise AssertionError("no byte of the stream made it fail to inflate")


def test_a_part_that_does_not_inflate_is_a_damaged_file_not_a_program_error(tmp_path):
    """Found by ``benchmarks/fuzz_read.py``: zlib's own error was taken for a defect of ours."""
    whole = write_xlsx(tmp_path / "whole.xlsx", {"名单": small_ledger_rows() * 50})
    damaged = _damaged_inside_a_compressed_part(whole, tmp_path / "坏了.xlsx")
    p = problem(damaged)
    assert (p.kind, p.label) == ("corrupt", "文件损坏或不完整"), p
    assert "压缩结构损坏" in p.detail


def test_a_file_over_the_configured_size_limit_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "大.xlsx", {"名单": small_ledger_rows() + "<!--" + "x" * (3 * MB) + "-->"}, compresslevel=0)
    p = problem(path, Limits(max_file_bytes=1 * MB))
    assert (p.kind, p.label) == ("too_large", "不支持的格式") and "超过上限 1 MB" in p.detail
    assert read_file(path)[0]  # the default limit reads it


def test_max_file_mb_on_the_command_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_xlsx(raw / "大.xlsx", {"名单": small_ledger_rows() + "<!--" + "x" * (3 * MB) + "-->"}, compresslevel=0)
    cmd = [sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw), "--processed", str(tmp_path / "p")]
    refused = subprocess.run([*cmd, "--max-file-mb", "1"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert "大.xlsx：不支持的格式：文件过大" in refused.stderr and "超过上限 1 MB" in refused.stderr
    read = subprocess.run([*cmd, "--max-file-mb", "10"], capture_output=True, text=True, timeout=120)
    assert read.returncode == 0, read.stderr
    bad = subprocess.run([*cmd, "--max-file-mb", "ten"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_csv_encodings(tmp_path, encoding):
    text = "户主姓名,家庭人口,备注\r\n张三,4,低保户\r\n欧阳修,3,\r\n"
    path = tmp_path / "名单.csv"
    path.write_bytes(text.encode(encoding))
    [sheet], problems = read_file(path)
    assert not problems
    assert sheet.rows == [["户主姓名", "家庭人口", "备注"], ["张三", "4", "低保户"], ["欧阳修", "3", ""]]


def test_tab_separated_text_saved_as_xls_is_read_as_text(tmp_path):
    path = tmp_path / "系统导出.xls"
    path.write_bytes("户主姓名\t家庭人口\n张三\t4\n".encode("gb18030"))
    assert sniff_format(path) == "csv"
    [sheet], _ = read_file(path)
    assert sheet.rows == [["户主姓名", "家庭人口"], ["张三", "4"]]


def test_a_csv_with_too_many_cells_is_refused(tmp_path):
    path = tmp_path / "大.csv"
    path.write_text("a,b,c,d\n" * 300, "utf-8")
    p = problem(path, Limits(max_sheet_cells=1000))
    assert p.kind == "too_large"


def test_a_password_protected_file_from_the_corpus(tmp_path):
    source = CORPUS / "python-calamine" / "password.xlsx"
    if not source.exists():
        pytest.skip(f"corpus file {source} not found")
    target = tmp_path / "加密.xlsx"
    target.write_bytes(source.read_bytes())
    p = problem(target)
    assert (p.kind, p.label) == ("password", "受密码保护")


@pytest.mark.parametrize("content", [b"", b"   \r\n\t  ", b"\x00" * 512])
def test_empty_files(tmp_path, content):
    path = tmp_path / "空.xlsx"
    path.write_bytes(content)
    p = problem(path)
    assert (p.kind, p.label) == ("empty", "空文件")


def test_a_directory_named_like_a_file(tmp_path):
    folder = tmp_path / "raw" / "黄坑乡台账.xlsx"
    folder.mkdir(parents=True)
    (folder / "名单.csv").write_text("户主姓名,家庭人口\n张三,4\n", "utf-8")
    p = problem(folder)
    assert p.kind == "unsupported" and "文件夹" in p.detail
    result = clean(tmp_path / "raw", jobs=1, progress=False)  # the clean walks into it like any folder
    assert [f.path for f in result.files] == ["黄坑乡台账.xlsx/名单.csv"] and result.files[0].ok


def test_a_broken_link_and_a_pipe(tmp_path):
    link = tmp_path / "快捷方式.xlsx"
    link.symlink_to(tmp_path / "不存在.xlsx")
    p = problem(link)
    assert p.kind == "corrupt" and "失效" in p.detail
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "管道.xlsx"
        os.mkfifo(fifo)
        assert problem(fifo).kind == "unsupported"  # and it was never opened, or this test would hang


@pytest.mark.parametrize(
    ("head", "what"),
    [(b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n" + bytes(20), "PNG"), (b"{\\rtf1\\ansi", "RTF"), (b"Rar!\x1a\x07\x00", "RAR")],
)
def test_other_things_in_the_folder(tmp_path, head, what):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(head + b"\x00" * 100)
    p = problem(path)
    assert p.label == "不支持的格式" and what in p.detail


def test_a_word_document_in_a_zip_is_named(tmp_path):
    path = tmp_path / "说明.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "Word" in problem(path).detail


def test_a_calamine_panic_costs_one_file_not_the_run(tmp_path, monkeypatch):
    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    PanicException.__module__ = "pyo3_runtime"

    def explode(*_args, **_kwargs):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(workbook_module.calamine.CalamineWorkbook, "from_path", explode)
    p = problem(write_xlsx(tmp_path / "x.xlsx", {"S": small_ledger_rows()}), Limits(isolate=False))
    assert (p.kind, p.label) == ("corrupt", "文件损坏或不完整")
    assert "unwrap" not in p.detail


def write_damaged_xls(path: Path) -> Path:
    """An .xls with 2177 bytes zeroed inside its last sheet: calamine then asks for 8 GB and aborts."""
    import xlwt

    wb = xlwt.Workbook()
    for s in range(3):
        ws = wb.add_sheet(f"S{s}")
        for r in range(60):
            for c in range(8):
                ws.write(r, c, f"t{r}-{c}" if c % 2 else r * c + 0.5)
    buf = io.BytesIO()
    wb.save(buf)
    data = bytearray(buf.getvalue())
    data[27442 : 27442 + 2177] = bytes(2177)
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_xls_that_makes_calamine_allocate_without_bound(tmp_path):
    """Unprotected, this file grows the process past 4 GB and aborts it; here it costs one line."""
    p = problem(write_damaged_xls(tmp_path / "损坏.xls"))
    assert (p.kind, p.label) == ("corrupt", "文件损坏或不完整") and "崩溃" in p.detail
    # The next file is read by a fresh helper.
    sheets, _ = read_file(write_xls(tmp_path / "台账.xls", {(0, 0): "户主姓名", (1, 0): "张三"}))
    assert sheets[0].rows[1][0] == "张三"


def write_looping_difat_xls(path: Path) -> Path:
    """An .xls whose header claims 127 million FAT sectors, listed by one DIFAT sector that names
    itself as the next: olefile alone would gather FAT sectors from it until memory ran out."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    for r in range(20):
        ws.write(r, 0, "户主姓名")
        ws.write(r, 1, r)
    buf = io.BytesIO()
    wb.save(buf)
    data = bytearray(buf.getvalue())
    (fat_sector,) = struct.unpack_from("<I", data, 76)
    loop = len(data) // 512 - 1  # the sector appended below (the header is sector -1)
    data += struct.pack("<128I", *([fat_sector] * 127 + [loop]))
    n_fat = 109 + 127 * 1_000_000
    struct.pack_into("<I", data, 44, n_fat)
    struct.pack_into("<II", data, 68, loop, (n_fat - 109 + 126) // 127)
    path.write_bytes(bytes(data))
    return path


_OLE_PROBE = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, resource.RLIM_INFINITY))
from sansong_analysis.ingest.read import Limits, ole
from sansong_analysis.ingest.read.extents import sheet_extents
path = Path(sys.argv[1])
try:
    ole.entry_names(path)
except OSError as exc:
    print("refused:", exc)
print("extents:", sheet_extents(path, "xls", Limits()))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="address-space cap (RLIMIT_AS) as on Linux")
def test_an_xls_whose_allocation_table_loops_is_read_within_a_budget(tmp_path):
    path = write_looping_difat_xls(tmp_path / "循环.xls")
    # In a process of its own, with 1 GB of address space and a minute: without the read budget
    # olefile would spin here, growing its table without end.
    proc = subprocess.run([sys.executable, "-c", _OLE_PROBE, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.splitlines() == ["refused: OLE sector chains loop: more read than the file holds", "extents: None"]
    p = problem(path)  # calamine then judges it, in its helper
    assert (p.kind, p.label) == ("corrupt", "文件损坏或不完整")


def test_the_helper_turns_a_crash_a_timeout_and_a_memory_error_into_problems():
    from sansong_analysis.ingest.read import isolated

    with pytest.raises(FileProblem) as crash:
        isolated.run(os.abort, (), Limits())
    assert crash.value.kind == "corrupt"
    with pytest.raises(FileProblem) as slow:
        isolated.run(time.sleep, (30,), Limits(max_read_seconds=1))
    assert slow.value.kind == "too_large" and "超时" in slow.value.detail
    with pytest.raises(FileProblem) as greedy:
        isolated.run(bytearray, (8 << 30,), Limits())
    assert greedy.value.kind == "too_large"
    assert isolated.run(max, (3, 4), Limits()) == 4


def test_files_are_still_read_where_no_helper_can_start(tmp_path, monkeypatch):
    from sansong_analysis.ingest.read import isolated

    monkeypatch.setattr(isolated, "_helper", None)
    monkeypatch.setattr(isolated, "_unavailable_in", None)
    monkeypatch.setattr(sys, "executable", "/bin/false")
    sheets, _ = read_file(write_xls(tmp_path / "台账.xls", {(0, 0): "户主姓名", (1, 0): "张三"}))
    assert sheets[0].rows[1][0] == "张三" and not isolated.available()


def test_problems_survive_pickling_between_processes():
    p = FileProblem("password", "文件受密码保护")
    q = pickle.loads(pickle.dumps(p))
    assert (q.kind, q.detail, str(q)) == (p.kind, p.detail, str(p))


def test_problem_labels_are_the_four_reasons():
    for kind in FileProblem.LABELS:
        if kind != "defect":  # a defect of ours is no reason of the file's (test_read_errors)
            assert FileProblem(kind, "x").label in REASON_LABELS


# --------------------------------------------------------------------------- memory, measured in a fresh process

_PROBE = """
import json, resource, sys
from pathlib import Path
from sansong_analysis.ingest.read import FileProblem, read_file
from sansong_analysis.ingest.read import isolated
scale = 1024 * 1024 if sys.platform == "darwin" else 1024
def own_peak_mb():
    # ru_maxrss survives exec on Linux (it would report pytest's own peak); VmHWM is this image's.
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
for name in sys.argv[1:]:
    try:
        sheets, problems = read_file(Path(name))
        kind = "ok:" + ",".join(p.kind for _, p in problems)
    except FileProblem as exc:
        kind = exc.kind
    isolated._stop_helper()  # waited for, so its peak counts among the children
    isolated._helper = None
    print(json.dumps({"file": Path(name).name, "kind": kind,
                      "peak_mb": own_peak_mb(),
                      "helper_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale}))
"""


def test_the_bombs_are_refused_in_little_memory(tmp_path):
    far = f'<row r="1">{inline("A1", "a")}</row><row r="1048576">{inline("XFD1048576", "b")}</row>'
    ods_body = (
        f"<table:table-row>{ods_cell('a')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="5998"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="15999"/>{ods_cell("b")}</table:table-row>'
    )
    files = [
        write_zip_bomb(tmp_path / "bomb.xlsx", 600),  # 600 MB of XML, default limit 512 MB
        write_xlsx(tmp_path / "far.xlsx", {"S": far}),
        write_ods(tmp_path / "repeat.ods", ods_body),
        write_xls(tmp_path / "wide.xls", {(0, 0): 1.5, (1399, 201): 2.25}, patch_col=(1399, 201, 65000)),
        write_xls(tmp_path / "corner.xls", {(0, 0): 1.5, (65535, 255): 2.25}),
        write_damaged_xls(tmp_path / "damaged.xls"),
    ]
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["kind"] for r in results] == ["too_large", "ok:too_large", "too_large", "too_large", "too_large", "corrupt"]
    assert results[-1]["peak_mb"] < 300, results
    assert results[-1]["helper_peak_mb"] < 1300, results  # the helper's cap: 1 GB of address space


def test_a_sheet_refused_mid_workbook_keeps_no_reader_frame_alive(tmp_path):
    # The refusal is kept as data without its traceback: the traceback holds the reader's frame,
    # and that frame the grids read before it, in a cycle only the cycle collector would free
    # (a worker that had read damaged workbooks held gigabytes so: collector.py spaces it out).
    import gc

    path = write_xlsx(tmp_path / "两表.xlsx", {"名单": small_ledger_rows(), "又一": small_ledger_rows()})
    gc.collect()
    gc.disable()
    try:
        sheets, problems = read_file(path, Limits(max_workbook_cells=8, isolate=False))
        [(name, p)] = problems
        assert [s.name for s in sheets] == ["名单"]
        assert name == "又一" and p.kind == "too_large" and p.__traceback__ is None
        del sheets, problems, p
        assert gc.collect() == 0  # nothing of the read was left in a cycle
    finally:
        gc.enable()


def test_a_file_refused_whole_is_kept_without_its_traceback(tmp_path):
    from sansong_analysis.ingest import clean as clean_module

    kept = clean_module._read(write_zip_bomb(tmp_path / "炸弹.xlsx", 40), Limits(max_unzipped_bytes=16 * MB))
    assert isinstance(kept, FileProblem) and kept.kind == "too_large"
    assert kept.__traceback__ is None

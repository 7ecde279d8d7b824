"""Zip containers (xlsx, xlsb, ods): member names, relationships, parts read within the budget."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile

from sansong_analysis.ingest.read.extents.extent import CHUNK, Budget

_MAX_CARRY = 8 << 20  # a single XML tag longer than this is dropped from the scan, not buffered forever


def normalised_name(name: str) -> str:
    """A zip member name as a lower-case POSIX path: some writers use backslashes or a leading slash."""
    return name.replace("\\", "/").lstrip("/").lower()


def zip_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    return {normalised_name(info.filename): info for info in zf.infolist()}


def read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, budget: Budget, cap: int = 16 << 20) -> bytes:
    """A small part (rels, workbook XML) read whole, within the budget and at most ``cap`` bytes."""
    if info is None:
        return b""
    parts, total = [], 0
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            budget.spend(len(chunk), info.filename)
            total += len(chunk)
            if total > cap:
                break
            parts.append(chunk)
    return b"".join(parts)


def xml_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget):
    """A part's XML in pieces that never split a tag."""
    carry = b""
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            budget.spend(len(chunk), info.filename)
            data = carry + chunk if carry else chunk
            cut = data.rfind(b"<")
            if cut == -1 or data.find(b">", cut) != -1:
                carry = b""
                yield data
                continue
            carry = data[cut:]
            if len(carry) > _MAX_CARRY:
                carry = b""
            yield data[:cut]
    if carry:
        yield carry


_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def tag_attributes(tag: bytes) -> dict[str, str]:
    return {
        m.group(1).decode("utf-8", "replace"): html.unescape((m.group(2) if m.group(2) is not None else m.group(3)).decode("utf-8", "replace"))
        for m in _ATTR.finditer(tag)
    }


def local_name(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def relationships(zf, members, rels_name: str, base_dir: str, budget) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target member name) of one .rels part."""
    data = read_small(zf, members.get(rels_name), budget)
    out = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", data):
        a = tag_attributes(tag)
        target, rid = a.get("Target", ""), a.get("Id", "")
        if not target or not rid or a.get("TargetMode", "").lower() == "external":
            continue
        target = target.replace("\\", "/")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
        out[rid] = (a.get("Type", ""), normalised_name(posixpath.normpath(path)))
    return out


def office_document(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], budget: Budget) -> str | None:
    """The member name of the package's main part (``xl/workbook.xml`` in most files)."""
    for typ, target in relationships(zf, members, "_rels/.rels", "", budget).values():
        if typ.endswith("/officeDocument") and target in members:
            return target
    for guess in ("xl/workbook.xml", "xl/workbook.bin", "workbook.xml"):
        if guess in members:
            return guess
    return None


def rels_of(part: str) -> tuple[str, str]:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels"), folder

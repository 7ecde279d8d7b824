"""A unit an .xlsx shows only through a cell's number format: 5 stored, ``5.00万元`` seen.

Offices put a unit after the number with a custom format (设置单元格格式 → 自定义: ``0.00"万元"``, ``#,##0"亩"``) rather
than in the heading: the sheet shows ``5.00万元`` under 金额, the file stores 5, and calamine reads 5 — counted as 5 元,
ten thousand times too little, with nothing said. So the unit a format shows after a plain number is read as the cell's
own (``5万元``), as a unit typed into the cell is: the analyst's reading, whatever the heading says.

Only a format that shows the number itself is taken: one that scales it (``0,"千元"`` divides by a thousand,
``0!.0,"万"`` fakes a 万 by moving the point) shows a unit the stored number is not in, and is left alone (the heading's
unit, or the checks on an unsaid one, stand). Only the units of the figures (money, area, length) are read.
"""

from __future__ import annotations

import html
import re

# The units of the figures, and 万 / 亿 alone (``0.00"万"`` under 金额 is 万元, under 受益农田 万亩: the field's reading says).
UNITS = frozenset({"亿元", "万元", "千元", "元", "万亩", "亩", "公顷", "平方米", "㎡", "公里", "千米", "米", "万", "亿"})

_QUOTED = re.compile(r'"([^"]*)"')
_ESCAPED = re.compile(r"[\\!](.)")
_PADDING = re.compile(r"[_*].")  # _) leaves a character's width, *- repeats a character: nothing shown of ours
_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [>=100]
_DIGITS = re.compile(r"[\s\-+(]*[#0?,.\s]*[#0?][#0?,.\s]*\)?\s*")  # a negative's - or brackets around it
_SCALING = re.compile(r",(?![#0?])")  # a comma not followed by a digit's placeholder divides by a thousand


def _sections(code: str) -> list[str]:
    out, current, quoted = [], [], False
    for ch in code:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def display_unit(code: str) -> str | None:
    """The unit a number format shows after the number as stored (``0.00"万元"`` → 万元), or None.

    >>> display_unit('0.00"万元"'), display_unit('#,##0"亩";[Red]-#,##0"亩"'), display_unit('0!.0,"万"')
    ('万元', '亩', None)
    """
    units: set[str] = set()
    for section in _sections(html.unescape(code))[:3]:  # positive; negative; zero (a fourth is for text)
        section = _BRACKETS.sub("", section)
        literal = "".join(_QUOTED.findall(section)) + "".join(_ESCAPED.findall(_QUOTED.sub("", section)))
        rest = _PADDING.sub("", _ESCAPED.sub("", _QUOTED.sub("", section)))
        if not rest.strip():
            if literal.strip() in ("", "-", "—", "－"):
                continue  # a zero shown as - (or nothing): no number, no unit
            return None
        if not _DIGITS.fullmatch(rest) or _SCALING.search(rest.rstrip()):
            return None  # a percentage, a date, an exponent, text, or a number scaled by a thousand
        units.add(literal.strip())
    if len(units) != 1:
        return None
    (unit,) = units
    return unit if unit in UNITS else None


_NUM_FMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return {m.group(1).split(b":")[-1]: m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(tag)}


def unit_styles(styles_xml: bytes) -> dict[int, str]:
    """Cell style (the ``s`` of a cell: its place among ``cellXfs``) → the unit its number format shows."""
    if b"numFmt" not in styles_xml:
        return {}
    formats: dict[bytes, str] = {}
    for tag in _NUM_FMT.findall(styles_xml):
        a = _attrs(tag)
        code = a.get(b"formatCode")
        if code is not None and (unit := display_unit(code.decode("utf-8", "replace"))) is not None:
            formats[a.get(b"numFmtId", b"")] = unit
    if not formats:
        return {}
    block = _CELL_XFS.search(styles_xml)
    if block is None:
        return {}
    return {i: formats[fid] for i, xf in enumerate(_XF.findall(block.group(1)))
            if (fid := _attrs(xf).get(b"numFmtId")) in formats}


_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)/?>")
_STYLE = re.compile(rb"\bs\s*=\s*[\"']([0-9]+)[\"']")
_TYPE = re.compile(rb"\bt\s*=\s*[\"']([^\"']*)[\"']")
_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]+)\$?([0-9]+)[\"']")


def unit_cells(chunks, styles: dict[int, str]) -> dict[tuple[int, int], str]:
    """The number cells of a sheet's XML whose style shows a unit, 0-based (row, column) → the unit."""
    from sansong_analysis.ingest.read.extents.xlsx import column_number, row_number

    wanted = {str(i).encode() for i in styles}
    found: dict[tuple[int, int], str] = {}
    for data in chunks:
        if b" s=" not in data and b"\ts=" not in data and b"\ns=" not in data:
            continue
        for attrs in _CELL.findall(data):
            style = _STYLE.search(attrs)
            if style is None or style.group(1) not in wanted:
                continue
            kind = _TYPE.search(attrs)
            if kind is not None and kind.group(1) not in (b"n", b""):
                continue  # text, a boolean, an error, a formula's text: no number to show a unit after
            ref = _REF.search(attrs)
            if ref is not None:
                found[(row_number(ref.group(2)) - 1, column_number(ref.group(1)) - 1)] = styles[int(style.group(1))]
    return found


def show_units(grid: list[list[object]], cells: dict[tuple[int, int], str]) -> None:
    """Each number of ``cells`` in ``grid`` written with the unit its format shows (5 → ``5万元``), in place."""
    for (r, c), unit in cells.items():
        if r < len(grid) and c < len(grid[r]):
            v = grid[r][c]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and v not in (float("inf"), float("-inf")):
                text = repr(float(v))
                grid[r][c] = (text[:-2] if text.endswith(".0") else text) + unit

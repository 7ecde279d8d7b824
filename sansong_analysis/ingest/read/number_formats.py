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
# The general format's placeholder, as the file stores it (General) or as a Chinese WPS or Excel stores it typed in the
# dialog (G/通用格式): 自定义 G/通用格式"万元" is the commonest way an office puts a unit after the number.
_GENERAL = re.compile(r"General|G/通用格式", re.IGNORECASE)


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
    >>> display_unit('General"万元"'), display_unit('G/通用格式"亩"'), display_unit("General")
    ('万元', '亩', None)
    """
    units: set[str] = set()
    for section in _sections(html.unescape(code))[:3]:  # positive; negative; zero (a fourth is for text)
        section = _BRACKETS.sub("", section)
        literal = "".join(_QUOTED.findall(section)) + "".join(_ESCAPED.findall(_QUOTED.sub("", section)))
        rest = _GENERAL.sub("0", _PADDING.sub("", _ESCAPED.sub("", _QUOTED.sub("", section))))
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


# The built-in formats showing a date's month and day but no year: d-mmm, and the Chinese ones (Excel's zh-CN list:
# m"月"d"日"), as Excel stores a date typed 3-5 or 3/5 — with the year it was typed in.
YEARLESS_BUILTINS = frozenset({16, 28, 29, 51, 53, 54, 58})
_DATE_TOKENS = re.compile(r"[ymdeg]+", re.IGNORECASE)


def yearless_date(code: str) -> bool:
    """Whether a number format shows a date's month and day but not its year (``m"月"d"日"``, ``mm-dd``, ``d-mmm``).

    >>> yearless_date('m"月"d"日"'), yearless_date("mm/dd"), yearless_date('yyyy"年"m"月"d"日"'), yearless_date("h:mm")
    (True, True, False, False)
    """
    section = _sections(html.unescape(code))[0]
    bare = _PADDING.sub("", _ESCAPED.sub("", _QUOTED.sub("", _BRACKETS.sub("", section)))).lower()
    tokens = set("".join(_DATE_TOKENS.findall(bare)))
    return "d" in tokens and "m" in tokens and not tokens & {"y", "e", "g"}


def show_units(grid: list[list[object]], cells: dict[tuple[int, int], str]) -> None:
    """Each number of ``cells`` in ``grid`` written with the unit its format shows (5 → ``5万元``), in place."""
    for (r, c), unit in cells.items():
        if r < len(grid) and c < len(grid[r]):
            v = grid[r][c]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and v not in (float("inf"), float("-inf")):
                text = repr(float(v))
                grid[r][c] = (text[:-2] if text.endswith(".0") else text) + unit

"""Extents of .xls sheets (BIFF5/BIFF8 in a compound file), from their cell records."""

from __future__ import annotations

import struct
from pathlib import Path

from sansong_analysis.ingest.read.extents.extent import Budget, Extent, span_columns
from sansong_analysis.ingest.read.formulas import FormulaCell
from sansong_analysis.ingest.read.number_formats import YEARLESS_BUILTINS, display_unit, yearless_date
from sansong_analysis.ingest.read.ole import first_stream
from sansong_analysis.ingest.read.styles import CellStyles, symbol_font

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _CONTINUE = 0x0809, 0x000A, 0x002F, 0x0085, 0x003C
# NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA: one cell each; MULRK: a run in one row.
_XLS_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006})
_MULRK = 0x00BD
# ROW: a row's height and options; bit 0x20 of its options (fDyZero) is a row hidden in Excel.
_ROW, _ROW_HIDDEN = 0x0208, 0x20
_ROW_OUTLINE_LEVEL = 0x07  # bits 0-2 of its options: the row's level in a group (outline)
# COLINFO: a run of columns' width and options; bit 0x01 of its options (fHidden) is the columns hidden in Excel.
_COLINFO, _COL_HIDDEN, _LAST_COLUMN = 0x007D, 0x01, 255


_FORMULA = 0x0006
_FORMAT, _XF, _FONT = 0x041E, 0x00E0, 0x0031
_STRUCK_OUT = 0x0008  # a FONT's option: the text struck through
_NUMBERS = frozenset({0x0203, 0x027E, 0x0006})  # NUMBER, RK, FORMULA: a number a format may show a unit after


def xls_extents(path: Path, budget: Budget) -> dict[str, Extent] | None:
    stream = first_stream(path, "Workbook", "Book")
    if not stream:
        return None
    budget.spend(len(stream), "Workbook")
    sheets: list[tuple[int, str]] = []
    biff8 = True
    formats: dict[int, str] = {}  # a number format showing a unit after the number: its index → the unit
    yearless_formats = set(YEARLESS_BUILTINS)  # those showing a date without its year (a FORMAT may redefine one)
    xfs: list[tuple[int, int]] = []  # each cell style's font and number format
    fonts: list[tuple[bool, str | None]] = []  # each font: struck through? a symbol font?
    for offset, typ, payload in _biff_records(stream, 0):
        if typ == _BOF and offset == 0 and len(payload) >= 2:
            biff8 = struct.unpack_from("<H", payload)[0] == 0x0600
        elif typ == _FORMAT and biff8 and len(payload) >= 5:
            ifmt, cch = struct.unpack_from("<HH", payload)
            raw = payload[5:5 + cch * 2] if payload[4] & 1 else payload[5:5 + cch]
            code = raw.decode("utf-16-le" if payload[4] & 1 else "latin-1", "replace")
            if (unit := display_unit(code)) is not None:
                formats[ifmt] = unit
            if yearless_date(code):
                yearless_formats.add(ifmt)
            else:
                yearless_formats.discard(ifmt)
        elif typ == _XF and len(payload) >= 4:
            xfs.append(struct.unpack_from("<HH", payload))
        elif typ == _FONT and len(payload) >= 4:
            fonts.append((bool(struct.unpack_from("<H", payload, 2)[0] & _STRUCK_OUT), _font_name(payload, biff8)))
        elif typ == _FILEPASS:
            return None  # encrypted: the cells are noise; calamine reports the password
        elif typ == _BOUNDSHEET and len(payload) >= 7:
            (pos,) = struct.unpack_from("<I", payload)
            if payload[5] == 0:  # a worksheet (not a chart, macro or VBA sheet)
                sheets.append((pos, _boundsheet_name(payload, biff8)))
        elif typ == _EOF:
            break
    if len(fonts) >= 4:  # BIFF numbers fonts 0, 1, 2, 3, 5, 6 …: there is no font 4
        fonts.insert(4, (False, None))
    styles = CellStyles({i: formats[ifmt] for i, (_, ifmt) in enumerate(xfs) if ifmt in formats},
                        frozenset(i for i, (ifnt, _) in enumerate(xfs) if ifnt < len(fonts) and fonts[ifnt][0]),
                        {i: fonts[ifnt][1] for i, (ifnt, _) in enumerate(xfs) if ifnt < len(fonts) and fonts[ifnt][1]},
                        frozenset(i for i, (_, ifmt) in enumerate(xfs) if ifmt in yearless_formats))
    extents = {}
    for pos, name in sheets:
        extents.setdefault(name, _sheet_extent(stream, pos, name, biff8, styles))
    return extents


def _sheet_extent(stream: bytes, pos: int, name: str, biff8: bool = True, styles: CellStyles | None = None) -> Extent:
    """One sheet's cell records, from its BOF to its EOF: the records walked in place (a sheet
    holds one record per cell, so no payload is copied but the few bytes a cell's position needs).

    A formula saved with an empty result — as xlwt writes every formula, for Excel to work out on opening
    (calamine reads it blank), or as Excel saves ``=IF(A1="","",…)`` — is kept with its formula, written
    out (``formula_text``), for ``read.formulas`` to work out; one it cannot is left as read. A number whose
    style's format shows a unit (0.00"万元"), and a cell whose font strikes it through, are kept (``read.styles``)."""
    units = styles.units if styles else {}
    struck = styles.struck if styles else frozenset()
    symbols = styles.symbols if styles else {}
    yearless = styles.yearless if styles else frozenset()
    styled = bool(units or struck or symbols or yearless)  # asked once, not of every cell record
    extent = Extent(name)
    col_spans: list[tuple[int, int]] = []  # COLINFO's hidden columns (``span_columns``)
    rows = cols = 0
    end = len(stream)
    unpack = struct.unpack_from
    first = True
    while pos + 4 <= end:
        typ, size = unpack("<HH", stream, pos)
        start, pos = pos + 4, pos + 4 + size
        length = min(size, end - start)  # the last record may be cut short by the stream's end
        if first:
            first = False
            if typ not in (_BOF, 0x0409, 0x0209, 0x0009):
                break
        if typ in _XLS_CELLS and length >= 4:
            row, col = unpack("<HH", stream, start)
            if row >= rows:
                rows = row + 1
            if col >= cols:
                cols = col + 1
            # An empty result: bytes 6-13 of the record are 03 … FF FF (a string, bool or error has its own first byte).
            if styled and length >= 6:
                (xf,) = unpack("<H", stream, start + 4)
                if typ in _NUMBERS and (unit := units.get(xf)):
                    extent.cell_units[(row, col)] = unit
                if typ in _NUMBERS and xf in yearless:
                    extent.yearless_cells.add((row, col))
                if xf in struck:
                    extent.struck_cells.add((row, col))
                if xf in symbols:
                    extent.symbol_cells[(row, col)] = symbols[xf]
            if typ == _FORMULA and biff8 and length >= 22 and stream[start + 6] == 3 and stream[start + 12:start + 14] == b"\xff\xff":
                (cce,) = unpack("<H", stream, start + 20)
                text = formula_text(stream[start + 22:start + 22 + min(cce, length - 22)])
                if text is not None:
                    extent.formulas[(row, col)] = FormulaCell(text, None)
        elif typ == _MULRK and length >= 6:
            (row,) = unpack("<H", stream, start)
            (last,) = unpack("<H", stream, start + length - 2)
            if styled:  # row, first column, then (style, number) six bytes each
                (col0,) = unpack("<H", stream, start + 2)
                for k in range((length - 6) // 6):
                    (xf,) = unpack("<H", stream, start + 4 + 6 * k)
                    if (unit := units.get(xf)) is not None:
                        extent.cell_units[(row, col0 + k)] = unit
                    if xf in yearless:
                        extent.yearless_cells.add((row, col0 + k))
                    if xf in struck:
                        extent.struck_cells.add((row, col0 + k))
            if row >= rows:
                rows = row + 1
            if last >= cols:
                cols = last + 1
        elif typ == _ROW and length >= 14:
            options = unpack("<H", stream, start + 12)[0]
            if options & _ROW_HIDDEN and not options & _ROW_OUTLINE_LEVEL:  # not the details of a collapsed group
                extent.hidden_rows.add(unpack("<H", stream, start)[0] + 1)
        elif typ == _COLINFO and length >= 10:
            col_first, col_last, _, _, options = unpack("<HHHHH", stream, start)  # not ``first``: the walk's own flag
            if options & _COL_HIDDEN and col_first <= col_last:
                col_spans.append((col_first, min(col_last, _LAST_COLUMN)))
        elif typ == _EOF:
            break
    extent.rows, extent.cols = rows, cols
    extent.hidden_cols = span_columns(col_spans, cols)
    return extent


def _font_name(payload: bytes, biff8: bool) -> str | None:
    """A FONT record's symbol font (``read.styles.SYMBOLS``), or None: its name follows 14 bytes of options."""
    if len(payload) < 16:
        return None
    cch = payload[14]
    if biff8:
        raw = payload[16:16 + cch * 2] if payload[15] & 1 else payload[16:16 + cch]
        name = raw.decode("utf-16-le" if payload[15] & 1 else "latin-1", "replace")
    else:
        name = payload[15:15 + cch].decode("latin-1", "replace")
    return symbol_font(name)


def _biff_records(stream: bytes, pos: int):
    end = len(stream)
    while pos + 4 <= end:
        typ, size = struct.unpack_from("<HH", stream, pos)
        yield pos, typ, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _boundsheet_name(payload: bytes, biff8: bool) -> str:
    cch = payload[6]
    if biff8 and len(payload) >= 8:
        if payload[7] & 1:
            return payload[8 : 8 + 2 * cch].decode("utf-16-le", "replace")
        return payload[8 : 8 + cch].decode("latin-1")
    return payload[7 : 7 + cch].decode("gbk", "replace")


# --- a formula's tokens (BIFF8 "parsed expression", in reverse Polish order) written out as Excel shows it ----

_BINARY = {0x03: "+", 0x04: "-", 0x05: "*", 0x06: "/", 0x07: "^", 0x08: "&", 0x09: "<", 0x0A: "<=", 0x0B: "=",
           0x0C: ">=", 0x0D: ">", 0x0E: "<>"}
# Excel's function numbers (iftab) of the functions read.formulas works out, and the argument count of those
# written with a fixed one (ptgFunc).
_FUNCTIONS = {0: "COUNT", 1: "IF", 4: "SUM", 5: "AVERAGE", 6: "MIN", 7: "MAX", 24: "ABS", 25: "INT", 27: "ROUND",
              34: "TRUE", 35: "FALSE", 169: "COUNTA", 183: "PRODUCT", 212: "ROUNDUP", 213: "ROUNDDOWN",
              336: "CONCATENATE", 344: "SUBTOTAL", 65: "DATE", 345: "SUMIF", 346: "COUNTIF"}
_FIXED_ARGS = {24: 1, 25: 1, 27: 2, 34: 0, 35: 0, 212: 2, 213: 2, 65: 3, 346: 2}


def _a1(row: int, col: int) -> str:
    letters, n = "", (col & 0x3FFF) + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def formula_text(rgce: bytes) -> str | None:
    """A formula's tokens as the text Excel shows (``SUM(A1:C1)``), or None where a token is one this reader
    does not write out (a name, another sheet, an array, a shared formula's, a function not worked out)."""
    stack: list[str] = []
    i, n = 0, len(rgce)
    unpack = struct.unpack_from
    try:
        while i < n:
            ptg = rgce[i]
            base = ptg if ptg < 0x20 else (ptg & 0x1F) | 0x20
            i += 1
            if ptg in _BINARY:
                b, a = stack.pop(), stack.pop()
                stack.append(f"({a}{_BINARY[ptg]}{b})")
            elif ptg == 0x11:  # a range between two references
                b, a = stack.pop(), stack.pop()
                stack.append(f"{a}:{b}")
            elif ptg in (0x12, 0x13):
                stack.append(f"({'+' if ptg == 0x12 else '-'}{stack.pop()})")
            elif ptg == 0x14:
                stack.append(f"({stack.pop()}%)")
            elif ptg == 0x15:
                stack.append(f"({stack.pop()})")
            elif ptg == 0x16:
                stack.append("")  # an argument left out
            elif ptg == 0x17:
                cch, grbit = rgce[i], rgce[i + 1]
                i += 2
                size = cch * 2 if grbit & 1 else cch
                text = rgce[i:i + size].decode("utf-16-le" if grbit & 1 else "latin-1")
                i += size
                stack.append('"' + text.replace('"', '""') + '"')
            elif ptg == 0x19:  # tAttr: only SUM of one argument changes the stack
                grbit, (data,) = rgce[i], unpack("<H", rgce, i + 1)
                i += 3
                if grbit & 0x04:  # tAttrChoose: a jump table follows
                    i += 2 * (data + 1)
                if grbit & 0x10:
                    stack.append(f"SUM({stack.pop()})")
            elif ptg == 0x1D:
                stack.append("TRUE" if rgce[i] else "FALSE")
                i += 1
            elif ptg == 0x1E:
                stack.append(str(unpack("<H", rgce, i)[0]))
                i += 2
            elif ptg == 0x1F:
                stack.append(repr(unpack("<d", rgce, i)[0]))
                i += 8
            elif base in (0x21, 0x22):  # a function, its argument count fixed or given
                if base == 0x21:
                    (iftab,) = unpack("<H", rgce, i)
                    i += 2
                    argc = _FIXED_ARGS.get(iftab)
                else:
                    argc, (iftab,) = rgce[i] & 0x7F, unpack("<H", rgce, i + 1)
                    i += 3
                name = _FUNCTIONS.get(iftab & 0x7FFF)
                if name is None or argc is None or argc > len(stack):
                    return None
                args = stack[len(stack) - argc:]
                del stack[len(stack) - argc:]
                stack.append(f"{name}({','.join(args)})")
            elif base == 0x24:
                row, col = unpack("<HH", rgce, i)
                i += 4
                stack.append(_a1(row, col))
            elif base == 0x25:
                r0, r1, c0, c1 = unpack("<HHHH", rgce, i)
                i += 8
                stack.append(f"{_a1(r0, c0)}:{_a1(r1, c1)}")
            elif base == 0x29:  # ptgMemFunc: its sub-expression follows in place
                i += 2
            else:
                return None
    except (IndexError, struct.error, UnicodeDecodeError):
        return None
    return stack[0] if len(stack) == 1 and stack[0] else None

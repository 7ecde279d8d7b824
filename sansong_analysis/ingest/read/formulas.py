"""Formulas a program wrote into a workbook without their results, worked out as Excel works them out on opening.

Excel and WPS save each formula with its result, and calamine reads the result. A workbook written by a
program — openpyxl, xlsxwriter (pandas' writers), a web system's export — holds the formula alone, or with
a placeholder (xlsxwriter writes 0), and asks Excel to work everything out when it opens the file
(``<calcPr fullCalcOnLoad="1"/>``). The analyst who opens it sees 5000 where calamine reads nothing, or 0:
a 小计 column ``=C3+D3`` read as blank made every donation a reject, and written by xlsxwriter made every
donation 0, with nothing said.

So, for an .xlsx: the formulas of each sheet are read from its XML (``scan``), and a formula whose result is
not there — or whose workbook asks to be worked out on opening — is worked out here (``evaluate_workbook``);
for an .xls, a formula saved with an empty result (xlwt saves every one so), its tokens written out as text
(``extents.xls.formula_text``), and left as read where it cannot be worked out (Excel saves an empty result
too). Worked out are numbers, text, dates, cell references (on this sheet or another of the workbook), ranges,
the operators and the functions ledgers use (SUM, SUBTOTAL, SUMIF(S), COUNTIF(S), ROUND, AVERAGE, COUNT, COUNTA, MAX,
MIN, IF, DATE …).
What cannot be worked out here (another function, a reference to another workbook, an error such as #DIV/0!)
is never guessed: the cell reads ``=`` and its formula, which every value of a ledger refuses with its reason
(``FORMULA_PROBLEM``), and the analyst is told to open and save the file in Excel or WPS. A workbook Excel or
WPS saved keeps its own results: nothing here runs for it.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

# What a value of a ledger says of a cell holding a formula without its result (tidy._parse_cell).
FORMULA_PROBLEM = ("是公式，文件中没有保存它的计算结果（文件由程序生成，未经 Excel 或 WPS 打开保存），无法读出；"
                   "请在 Excel 或 WPS 中打开此文件、保存后重新报送")

# Formulas longer than this, and more range cells than this in one workbook, are not worked out.
MAX_FORMULA_CHARS = 2000
MAX_CELLS_VISITED = 20_000_000
MAX_DEPTH = 200  # formulas referring to formulas (worked out row by row, so a running total never nests deep)


@dataclass(frozen=True)
class FormulaCell:
    """A cell's formula (without its ``=``) and the result saved with it (None: none saved)."""

    text: str
    cached: str | None
    shared: bool = False  # one of a shared formula's other cells (``<f t="shared" si="0"/>``): its text is the first's


# A cell, its attributes and its body; the formula and the saved value inside the body.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(?<!/)>(.*?)</(?:[\w.-]+:)?c>", re.S)
_REF = re.compile(rb"\br\s*=\s*[\"']\$?([A-Za-z]+)\$?([0-9]+)[\"']")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f(\s[^>]*?)?(?:/>|>(.*?)</(?:[\w.-]+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*?)?(?:/>|>(.*?)</(?:[\w.-]+:)?v>)", re.S)
_CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
_HAS_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_MAX_CARRY = 8 << 20


# A cell as ``evaluate_workbook`` leaves a formula it could not work out: ``=`` then the formula (=VLOOKUP(…),
# =Sheet2!A1*2, =筹资!D3, ='[other.xlsx]表'!B3). Not ``=`` alone, ``==`` or ``= 备注`` as a person types it.
_UNWORKED = re.compile(r"=[^\s=＝]")


def is_unworked_formula(text: str) -> bool:
    """Whether a cell's text is a formula left without its result (see ``evaluate_workbook``)."""
    return text[:1] == "=" and _UNWORKED.match(text) is not None


def has_formula(data: bytes) -> bool:
    """Whether a piece of a sheet's XML may hold a formula, its tags spelt with a prefix or not (a second look
    is taken only then)."""
    return (b"</f>" in data or b":f>" in data) and _HAS_FORMULA.search(data) is not None


def cell_position(attrs: bytes) -> tuple[int, int] | None:
    """A cell tag's attributes' reference (``r="B3"``) as 0-based (row, column); None without one."""
    # Imported here: extents.xlsx imports this module.
    from sansong_analysis.ingest.read.extents.xlsx import column_number, row_number

    ref = _REF.search(attrs)
    return None if ref is None else (row_number(ref.group(2)) - 1, column_number(ref.group(1)) - 1)


def scan(chunks) -> dict[tuple[int, int], FormulaCell]:
    """The formula cells of a sheet's XML (given in pieces that never cut a tag), 0-based (row, column)."""
    found: dict[tuple[int, int], FormulaCell] = {}
    carry = b""
    for data in chunks:
        if carry:
            data = carry + data
        end = _last_cell_end(data)
        if end == -1:
            carry = data if len(data) <= _MAX_CARRY else b""
            continue
        body, carry = data[:end], data[end:]
        if len(carry) > _MAX_CARRY:
            carry = b""
        if not has_formula(body):
            continue
        for cell in _CELL.finditer(body):
            inner = cell.group(2)
            if b"f" not in inner:
                continue
            formula = _FORMULA.search(inner)
            key = cell_position(cell.group(1))
            if formula is None or key is None:
                continue
            attrs, text = formula.group(1) or b"", formula.group(2)
            value = _VALUE.search(inner)
            cached = value.group(1) if value is not None else None
            found[key] = FormulaCell(
                html.unescape(text.decode("utf-8", "replace")) if text else "",
                html.unescape(cached.decode("utf-8", "replace")) if cached else None,
                shared=b"shared" in attrs and not text,
            )
    return found


def _last_cell_end(data: bytes) -> int:
    """Where the last whole cell of ``data`` ends (-1: none ends in it)."""
    end = data.rfind(b"</c>")
    end = end + 4 if end != -1 else -1
    if b":c>" in data:  # prefixed tags (</x:c>)
        ends = [m.end() for m in _CELL_CLOSE.finditer(data)]
        end = max(end, ends[-1] if ends else -1)
    return end


class Unevaluable(Exception):
    """A formula this module does not work out (it is then never guessed)."""


# --- working a formula out -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s+
    |(?P<str>"(?:[^"]|"")*")
    |(?P<func>[A-Za-z_][\w.]*(?=\())
    |(?P<ref>(?:(?:'(?:[^']|'')+'|[^\s!'"(),:&=<>+\-*/^%]+)!)?\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?(?![\w(]))
    |(?P<cols>(?:(?:'(?:[^']|'')+'|[^\s!'"(),:&=<>+\-*/^%]+)!)?\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w(]))
    |(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    |(?P<bool>(?i:TRUE|FALSE)(?![\w(]))
    |(?P<op><>|<=|>=|[-+*/^&=<>%(),])""",
    re.X,
)
_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_MAX_ROWS, _MAX_COLS = 1_048_576, 16_384


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise Unevaluable(text[pos:pos + 10])
        pos = m.end()
        if m.lastgroup:
            out.append((m.lastgroup, m.group(m.lastgroup)))
    return out


class _Range:
    """A rectangle of one sheet's cells (0-based, inclusive)."""

    __slots__ = ("sheet", "r0", "c0", "r1", "c1")

    def __init__(self, sheet: str, r0: int, c0: int, r1: int, c1: int):
        self.sheet, self.r0, self.c0, self.r1, self.c1 = sheet, min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


class _Blank:
    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()


class Workbook:
    """The workbook's grids (as calamine read them) and formulas, each formula worked out once."""

    def __init__(self, grids: dict[str, list[list[object]]], formulas: dict[str, dict[tuple[int, int], FormulaCell]],
                 recalc: bool, budget: int = MAX_CELLS_VISITED):
        self.grids = grids
        self.formulas = formulas
        self.recalc = recalc
        self.budget = budget
        self.results: dict[tuple[str, int, int], object] = {}  # worked out (or Unevaluable)
        self._busy: set[tuple[str, int, int]] = set()
        self._names = {name.casefold(): name for name in grids}
        self._sizes: dict[str, tuple[int, int]] = {}

    def needs_working_out(self, formula: FormulaCell) -> bool:
        return formula.cached is None or self.recalc

    # A cell's value as Excel has it once every formula is worked out.
    def value(self, sheet: str, r: int, c: int, depth: int = 0) -> object:
        formula = self.formulas.get(sheet, {}).get((r, c))
        if formula is not None and self.needs_working_out(formula):
            result = self.result(sheet, r, c, depth)
            if not isinstance(result, Unevaluable):
                return result
            if formula.cached is None or _placeholder(formula.cached):
                raise result
            # beyond us, but a result was saved: Excel's own, as the cell keeps it (evaluate_workbook)
        grid = self.grids.get(sheet, ())
        if r < len(grid):
            row = grid[r]
            if c < len(row):
                v = row[c]
                return BLANK if v == "" or v is None else v
        return BLANK

    def result(self, sheet: str, r: int, c: int, depth: int = 0) -> object:
        """The formula at (r, c) worked out, or the Unevaluable saying why not."""
        key = (sheet, r, c)
        if key in self.results:
            return self.results[key]
        if key in self._busy or depth > MAX_DEPTH:
            return Unevaluable("circular or too deep")  # not remembered: a shallower call may yet work it out
        formula = self.formulas[sheet][(r, c)]
        self._busy.add(key)
        try:
            if formula.shared or not formula.text or len(formula.text) > MAX_FORMULA_CHARS:
                raise Unevaluable("shared or empty")
            value = _Parser(_tokens(formula.text), self, sheet, depth).whole()
            if isinstance(value, _Range):
                value = self._single(value, depth)
            if value is BLANK:
                value = 0.0
            result = value
        except Unevaluable as exc:
            result = exc
        except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            result = Unevaluable(type(exc).__name__)
        finally:
            self._busy.discard(key)
        self.results[key] = result
        return result

    def sheet_named(self, name: str) -> str:
        found = self._names.get(name.casefold())
        if found is None:
            raise Unevaluable(f"no sheet {name}")
        return found

    def cells(self, rng: _Range, depth: int):
        """The values of a range, row by row, clipped to what the sheet holds (cells beyond are blank)."""
        height, width = self._size(rng.sheet)
        r1, c1 = min(rng.r1, height - 1), min(rng.c1, width - 1)
        count = max(0, r1 - rng.r0 + 1) * max(0, c1 - rng.c0 + 1)
        self.budget -= count
        if self.budget < 0:
            raise Unevaluable("too many cells")
        for r in range(rng.r0, r1 + 1):
            for c in range(rng.c0, c1 + 1):
                yield r, c, self.value(rng.sheet, r, c, depth + 1)

    def _size(self, sheet: str) -> tuple[int, int]:
        """Rows and columns of a sheet's cells, its formulas' included (a range is clipped to them)."""
        if sheet not in self._sizes:
            grid, formulas = self.grids.get(sheet, ()), self.formulas.get(sheet, {})
            self._sizes[sheet] = (max(len(grid), max((r for r, _ in formulas), default=-1) + 1),
                                  max(max((len(row) for row in grid), default=0), max((c for _, c in formulas), default=-1) + 1))
        return self._sizes[sheet]

    def shape(self, rng: _Range) -> tuple[int, int]:
        """Rows and columns of a range, clipped to the cells its sheet holds (a whole column is the sheet's rows)."""
        height, width = self._size(rng.sheet)
        rows = max(0, min(rng.r1, height - 1) - rng.r0 + 1)
        cols = max(0, min(rng.c1, width - 1) - rng.c0 + 1)
        self.budget -= rows * cols
        if self.budget < 0:
            raise Unevaluable("too many cells")
        return rows, cols

    def _single(self, rng: _Range, depth: int) -> object:
        if rng.r0 != rng.r1 or rng.c0 != rng.c1:
            raise Unevaluable("a range where one value belongs")
        return self.value(rng.sheet, rng.r0, rng.c0, depth + 1)

    def is_subtotal(self, sheet: str, r: int, c: int) -> bool:
        formula = self.formulas.get(sheet, {}).get((r, c))
        return formula is not None and "SUBTOTAL(" in formula.text.upper().replace(" ", "")


class _Parser:
    """Excel's grammar for the formulas this module works out, by precedence: comparison, ``&``, ``+ -``,
    ``* /``, ``^``, negation, ``%``, then numbers, text, TRUE/FALSE, references, ranges, functions, brackets."""

    def __init__(self, tokens, book: Workbook, sheet: str, depth: int):
        self.tokens, self.i, self.book, self.sheet, self.depth = tokens, 0, book, sheet, depth

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (text is not None and token != ("op", text)):
            raise Unevaluable(f"expected {text}")
        self.i += 1
        return token

    def whole(self):
        value = self.comparison()
        if self.peek() is not None:
            raise Unevaluable("trailing")
        return value

    def _op(self, *ops: str) -> str | None:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ops:
            self.i += 1
            return token[1]
        return None

    def comparison(self):
        left = self.concat()
        while (op := self._op("=", "<>", "<", ">", "<=", ">=")) is not None:
            left = _compare(op, self.scalar(left), self.scalar(self.concat()))
        return left

    def concat(self):
        left = self.additive()
        while self._op("&"):
            left = _text(self.scalar(left)) + _text(self.scalar(self.additive()))
        return left

    def additive(self):
        left = self.term()
        while (op := self._op("+", "-")) is not None:
            x, y = self.scalar(left), self.scalar(self.term())
            if isinstance(x, dt.date) or isinstance(y, dt.date):
                left = _date_sum(x, y, op)
                continue
            a, b = _number(x), _number(y)
            left = a + b if op == "+" else a - b
        return left

    def term(self):
        left = self.power()
        while (op := self._op("*", "/")) is not None:
            a, b = _number(self.scalar(left)), _number(self.scalar(self.power()))
            if op == "/" and b == 0:
                raise Unevaluable("#DIV/0!")
            left = a * b if op == "*" else a / b
        return left

    def power(self):
        left = self.unary()
        while self._op("^"):
            left = _number(self.scalar(left)) ** _number(self.scalar(self.unary()))
        return left

    def unary(self):
        if (op := self._op("-", "+")) is not None:
            value = _number(self.scalar(self.unary()))
            return -value if op == "-" else value
        value = self.primary()
        while self._op("%"):
            value = _number(self.scalar(value)) / 100
        return value

    def primary(self):
        token = self.take()
        kind, text = token
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "bool":
            return text.upper() == "TRUE"
        if kind == "ref":
            return self.reference(text)
        if kind == "cols":
            sheet, body = self.split_sheet(text)
            a, b = (_col(x) for x in body.replace("$", "").split(":"))
            if max(a, b) >= _MAX_COLS:
                raise Unevaluable("#REF!")
            return _Range(sheet, 0, a, _MAX_ROWS - 1, b)
        if kind == "func":
            return self.function(text.upper())
        if token == ("op", "("):
            value = self.comparison()
            self.take(")")
            return value
        raise Unevaluable(f"unexpected {text}")

    def split_sheet(self, text: str) -> tuple[str, str]:
        if "!" not in text:
            return self.sheet, text
        name, body = text.rsplit("!", 1)
        if name.startswith("'"):
            name = name[1:-1].replace("''", "'")
        if "[" in name or "]" in name:
            raise Unevaluable("another workbook")
        return self.book.sheet_named(name), body

    def reference(self, text: str) -> _Range:
        sheet, body = self.split_sheet(text)
        corners = [(int(r) - 1, _col(c)) for c, r in _A1.findall(body)]
        if any(not (0 <= r < _MAX_ROWS and 0 <= c < _MAX_COLS) for r, c in corners):
            raise Unevaluable("#REF!")  # A0, XFE1: beyond any sheet (Excel's #NAME? or #REF!)
        (ra, ca), (rb, cb) = corners[0], corners[-1]
        return _Range(sheet, ra, ca, rb, cb)

    def scalar(self, value):
        """A value where one belongs: a one-cell reference's value (a bigger range is not worked out)."""
        return self.book._single(value, self.depth) if isinstance(value, _Range) else value

    def arguments(self) -> list:
        self.take("(")
        args: list = []
        if self.peek() == ("op", ")"):
            self.take(")")
            return args
        while True:
            if self.peek() in (("op", ","), ("op", ")")):
                args.append(BLANK)  # an argument left out: ROUND(A1,)
            else:
                args.append(self.comparison())
            if self._op(",") is None:
                self.take(")")
                return args

    def function(self, name: str):
        args = self.arguments()
        name = name.removeprefix("_XLFN.")
        if name == "IF":
            if not 2 <= len(args) <= 3:
                raise Unevaluable("IF")
            chosen = args[1] if _truth(self.scalar(args[0])) else (args[2] if len(args) == 3 else False)
            value = self.scalar(chosen)
            return 0.0 if value is BLANK else value
        if name in ("SUM", "AVERAGE", "COUNT", "COUNTA", "MAX", "MIN", "PRODUCT"):
            return _aggregate(name, self.values(args))
        if name in ("SUMIF", "COUNTIF", "SUMIFS", "COUNTIFS"):
            return self.conditional(name, args)
        if name == "SUBTOTAL":
            if not args:
                raise Unevaluable("SUBTOTAL")
            code = int(_number(self.scalar(args[0])))
            kind = {1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 6: "PRODUCT", 9: "SUM"}.get(code % 100)
            if kind is None:
                raise Unevaluable("SUBTOTAL kind")
            return _aggregate(kind, self.values(args[1:], skip_subtotals=True))
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN"):
            if len(args) != 2:
                raise Unevaluable(name)
            return _round(_number(self.scalar(args[0])), int(_number(self.scalar(args[1]))), name)
        if name == "DATE":
            if len(args) != 3:
                raise Unevaluable(name)
            y, m, d = (int(_number(self.scalar(a))) for a in args)
            if not (1900 <= y <= 9999 and 1 <= m <= 12):
                raise Unevaluable("DATE out of the ordinary")  # Excel rolls months and days over: not worked out
            return dt.datetime(y, m, 1) + dt.timedelta(days=d - 1)
        if name in ("ABS", "INT"):
            if len(args) != 1:
                raise Unevaluable(name)
            x = _number(self.scalar(args[0]))
            return abs(x) if name == "ABS" else float(math.floor(x))
        if name in ("TRUE", "FALSE") and not args:
            return name == "TRUE"
        if name in ("CONCATENATE", "CONCAT"):
            return "".join(_text(self.scalar(a)) for a in args)
        raise Unevaluable(f"function {name}")

    def conditional(self, name: str, args: list) -> float:
        """SUMIF(range, criterion[, sum range]), COUNTIF(range, criterion), SUMIFS(sum range, range, criterion, …),
        COUNTIFS(range, criterion, …): the cells of the sum range (or counted) where every criterion holds."""
        if name == "SUMIF" and len(args) in (2, 3):
            pairs, total = [(args[0], args[1])], args[2] if len(args) == 3 else args[0]
        elif name == "COUNTIF" and len(args) == 2:
            pairs, total = [(args[0], args[1])], None
        elif name == "SUMIFS" and len(args) >= 3 and len(args) % 2 == 1:
            pairs, total = list(zip(args[1::2], args[2::2], strict=True)), args[0]
        elif name == "COUNTIFS" and len(args) >= 2 and len(args) % 2 == 0:
            pairs, total = list(zip(args[0::2], args[1::2], strict=True)), None
        else:
            raise Unevaluable(name)
        if not all(isinstance(rng, _Range) for rng, _ in pairs) or (total is not None and not isinstance(total, _Range)):
            raise Unevaluable(f"{name} of no range")
        first = pairs[0][0]
        height, width = self.book.shape(first)
        others = [rng for rng, _ in pairs[1:]] + ([total] if name == "SUMIFS" else [])
        if any(_extent(rng) != _extent(first) for rng in others):
            raise Unevaluable("ranges of different shapes")  # Excel's #VALUE! (SUMIF takes its sum range's corner)
        tests = [(rng, _criterion(self.scalar(crit))) for rng, crit in pairs]
        out = 0.0
        for dr in range(height):
            for dc in range(width):
                if all(test(self.book.value(rng.sheet, rng.r0 + dr, rng.c0 + dc, self.depth + 1)) for rng, test in tests):
                    if total is None:
                        out += 1
                    else:
                        v = self.book.value(total.sheet, total.r0 + dr, total.c0 + dc, self.depth + 1)
                        if isinstance(v, (dt.date, dt.time, dt.timedelta)):
                            raise Unevaluable("a date summed")
                        if isinstance(v, (int, float)) and not isinstance(v, bool):
                            out += float(v)
        return out

    def values(self, args: list, skip_subtotals: bool = False) -> list[tuple[object, bool]]:
        """Each argument's values, with whether it came from a reference (where text and blanks are passed over)."""
        out: list[tuple[object, bool]] = []
        for arg in args:
            if isinstance(arg, _Range):
                for r, c, v in self.book.cells(arg, self.depth):
                    if skip_subtotals and self.book.is_subtotal(arg.sheet, r, c):
                        continue
                    out.append((v, True))
            else:
                out.append((arg, False))
        return out


def _aggregate(name: str, values: list[tuple[object, bool]]) -> float:
    if name == "COUNTA":
        return float(sum(1 for v, _ in values if v is not BLANK))
    numbers: list[float] = []
    for v, by_reference in values:
        if isinstance(v, (dt.date, dt.time, dt.timedelta)):
            raise Unevaluable("a date summed")  # Excel sums its serial number: not a ledger's figure
        if by_reference:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                numbers.append(float(v))
            elif isinstance(v, str) and v.startswith("#"):
                raise Unevaluable(v)  # an error in the range is the result's error
        elif name == "COUNT":
            if isinstance(v, (int, float)) and not isinstance(v, bool) or (isinstance(v, str) and _numeric_text(v)):
                numbers.append(0.0)
        else:
            numbers.append(_number(v))
    if name == "COUNT":
        return float(len(numbers))
    if name == "SUM":
        return float(math.fsum(numbers)) if len(numbers) > 2 else float(sum(numbers))
    if name == "PRODUCT":
        return float(math.prod(numbers)) if numbers else 0.0
    if not numbers:
        if name == "AVERAGE":
            raise Unevaluable("#DIV/0!")
        return 0.0
    if name == "AVERAGE":
        return sum(numbers) / len(numbers)
    return max(numbers) if name == "MAX" else min(numbers)


def _date_sum(x: object, y: object, op: str) -> object:
    """A date plus or minus days (a date), or a date less a date (days), as Excel's serial numbers make them."""
    def day(v):
        return v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)

    if isinstance(x, dt.date) and isinstance(y, dt.date):
        if op == "+":
            raise Unevaluable("a date plus a date")
        return float((day(x) - day(y)).days) if not (isinstance(x, dt.datetime) or isinstance(y, dt.datetime)) \
            else (day(x) - day(y)).total_seconds() / 86400
    if isinstance(y, dt.date):
        if op == "-":
            raise Unevaluable("days less a date")
        x, y = y, x
    days = _number(y)
    return day(x) + (dt.timedelta(days=days) if op == "+" else -dt.timedelta(days=days))


def _extent(rng: _Range) -> tuple[int, int]:
    """A range's rows and columns as written (A:A is every row of the column)."""
    return rng.r1 - rng.r0 + 1, rng.c1 - rng.c0 + 1


_CRITERION_OP = re.compile(r"(<=|>=|<>|<|>|=)?(.*)", re.S)


def _criterion(criterion: object):
    """A SUMIF / COUNTIF criterion as a test of a cell's value, as Excel reads it: a number or a text equal to the
    cell (text case-insensitive, with * and ? wildcards), or an operator before one (``">=100"``, ``"<>澄江村"``);
    ``""`` matches blank cells, ``"<>"`` filled ones."""
    if criterion is BLANK:
        criterion = ""
    if isinstance(criterion, bool):
        return lambda v: v is criterion
    if isinstance(criterion, (int, float)):
        target = float(criterion)
        return lambda v: _as_number(v) == target
    if not isinstance(criterion, str):
        raise Unevaluable("a criterion of another kind")
    op, operand = _CRITERION_OP.fullmatch(criterion).groups()
    number = _as_number(operand) if operand.strip() else None
    if number is not None:
        compare = {None: float.__eq__, "=": float.__eq__, "<>": float.__ne__, "<": float.__lt__, ">": float.__gt__,
                   "<=": float.__le__, ">=": float.__ge__}[op]

        def numeric(v):
            x = _as_number(v)
            if x is None:
                return op == "<>"  # a text or a blank is not equal to a number; no other comparison holds
            return compare(x, number)

        return numeric
    if op in ("<", ">", "<=", ">="):
        raise Unevaluable("a text compared by order")
    if operand == "":
        return (lambda v: v is not BLANK and v != "") if op == "<>" else (lambda v: v is BLANK or v == "")
    parts, i = [], 0
    while i < len(operand):  # * any run, ? any one, ~ before either (or itself) that very character
        ch = operand[i]
        if ch == "~" and i + 1 < len(operand) and operand[i + 1] in "*?~":
            parts.append(re.escape(operand[i + 1]))
            i += 2
            continue
        parts.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    pattern = re.compile("".join(parts), re.I | re.S)

    def textual(v):
        same = isinstance(v, str) and pattern.fullmatch(v) is not None
        return not same if op == "<>" else same

    return textual


def _as_number(v: object) -> float | None:
    """A cell as a criterion's number sees it: a number, or a text of one; else None."""
    if isinstance(v, bool) or v is BLANK:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip())
        except ValueError:
            return None
    if isinstance(v, (dt.date, dt.time, dt.timedelta)):
        raise Unevaluable("a date against a criterion")
    return None


def _numeric_text(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def _number(v: object) -> float:
    """A value in arithmetic, as Excel takes it: a blank is 0, TRUE 1, a number's text that number."""
    if v is BLANK:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        if v.startswith("#"):
            raise Unevaluable(v)
        try:
            return float(v.strip())
        except ValueError:
            raise Unevaluable("#VALUE!") from None
    raise Unevaluable(f"a {type(v).__name__} in arithmetic")  # a date: Excel's serial number, not worked out here


def _text(v: object) -> str:
    if v is BLANK:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if not math.isfinite(v):
            raise Unevaluable("#NUM!")
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return v
    raise Unevaluable(f"a {type(v).__name__} as text")


def _truth(v: object) -> bool:
    if v is BLANK:
        return False
    if isinstance(v, str):
        if v.upper() in ("TRUE", "FALSE"):
            return v.upper() == "TRUE"
        raise Unevaluable("#VALUE!")
    return bool(_number(v))


def _compare(op: str, a: object, b: object) -> bool:
    def rank(v):  # Excel orders numbers before text before booleans; a blank is 0 or "" as the other side is
        if isinstance(v, bool):
            return (2, v)
        if isinstance(v, (int, float)):
            return (0, float(v))
        if isinstance(v, str):
            return (1, v.casefold())
        raise Unevaluable("compare")

    if a is BLANK:
        a = "" if isinstance(b, str) else (False if isinstance(b, bool) else 0.0)
    if b is BLANK:
        b = "" if isinstance(a, str) else (False if isinstance(a, bool) else 0.0)
    x, y = rank(a), rank(b)
    return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]


def _round(x: float, digits: int, how: str) -> float:
    """Excel's ROUND (half away from zero, on the number as written: ROUND(1.005, 2) is 1.01), ROUNDUP, ROUNDDOWN."""
    mode = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}[how]
    if not math.isfinite(x):
        raise Unevaluable("#NUM!")
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(quantum, rounding=mode))


# --- the workbook's grids, mended ---------------------------------------------------------------------------

def evaluate_workbook(grids: dict[str, list[list[object]]], formulas: dict[str, dict[tuple[int, int], FormulaCell]],
                      recalc: bool, keep_unworked: bool = False) -> None:
    """Put into each sheet's grid (in place, growing it where calamine left the formula's cell out) what each
    formula without its result — every formula, where the workbook asks to be worked out on opening — comes to;
    ``=`` and the formula where it cannot be worked out and no result was saved (or only xlsxwriter's 0), unless
    ``keep_unworked`` (an .xls, whose empty result may be Excel's own): the cell is then left as read."""
    book = Workbook(grids, formulas, recalc)
    for sheet, cells in formulas.items():
        grid = grids.get(sheet)
        if grid is None:
            continue
        for (r, c) in sorted(cells):
            formula = cells[(r, c)]
            if not book.needs_working_out(formula):
                continue
            result = book.result(sheet, r, c)
            if isinstance(result, Unevaluable):
                if keep_unworked or formula.cached is not None and not _placeholder(formula.cached):
                    continue  # a result was saved, and the formula is beyond us: Excel's own stands
                result = "=" + (formula.text or "…")
            elif isinstance(result, float) and not math.isfinite(result):
                result = "=" + formula.text
            _put(grid, r, c, result)


def _placeholder(cached: str) -> bool:
    """xlsxwriter's result for a formula it cannot work out: 0 (or nothing)."""
    return cached.strip() in ("", "0")


def _put(grid: list[list[object]], r: int, c: int, value: object) -> None:
    width = max((len(row) for row in grid), default=0)
    if c >= width:
        for row in grid:
            row.extend([""] * (c + 1 - len(row)))
        width = c + 1
    while len(grid) <= r:
        grid.append([""] * width)
    row = grid[r]
    if len(row) < width:
        row.extend([""] * (width - len(row)))
    row[c] = value


RECALC = re.compile(rb"<(?:[\w.-]+:)?calcPr\b[^>]*\bfullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']")

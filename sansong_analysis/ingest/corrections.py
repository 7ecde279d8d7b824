"""The analyst's corrections, written once beside the ledgers: ``<raw>/sansong.toml``.

When the reader's reading of a sheet is wrong (or it could not recognise one), the analyst says
so in the raw folder, and every later clean honours it. Each entry matches files by a glob
(relative to the raw folder) and optionally a sheet, and says any of:

```toml
[[correction]]
file = "黄坑乡/2011年*.xlsx"   # required: which files (a glob; ** spans folders)
sheet = "4月"                  # optional: which sheet (a glob too)
ledger = "visits"              # roster, visits, funds, projects, disputes (or 走访登记表 …), or "ignore"
header_rows = [3, 4]           # the header's rows as Excel numbers them (one row, or two)
township = "黄坑乡"             # the place and year the sheet's rows lack
village = "新屋村"
year = 2011

[correction.columns]           # heading → field (English name or Chinese label), or "ignore"
"走访人员" = "cadre"
"日期" = "visit_date"
```

Entries apply before any guessing, in file order (a later entry wins for the keys it sets).
Anything invalid — an unknown key, ledger or field, a heading the sheet does not have, an entry
that matches no file or no sheet — is a usage error naming the entry (``CorrectionError``), and
the clean writes nothing rather than honour half of the file.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from sansong_analysis.ledgers import LEDGERS, normalize_header

CORRECTIONS_FILE = "sansong.toml"
IGNORE = "ignore"
_KEYS = {"file", "sheet", "ledger", "header_rows", "columns", "township", "village", "year"}
_LEDGER_WORDS = {
    **{name: name for name in LEDGERS},
    **{ledger.label: name for name, ledger in LEDGERS.items()},
    "走访登记": "visits", "走访": "visits", "花名册": "roster", "包扶名单": "roster", "筹资": "funds",
    "办实事项目": "projects", "项目": "projects", "矛盾纠纷台账": "disputes", "矛盾纠纷": "disputes",
    IGNORE: IGNORE, "忽略": IGNORE,
}
_COLUMN_LETTERS = re.compile(r"[A-Z]{1,3}")


class CorrectionError(Exception):
    """``sansong.toml`` cannot be honoured: one line naming the entry, a usage error (exit 2)."""


@dataclass(frozen=True)
class Correction:
    """One entry of ``sansong.toml``, checked."""

    number: int  # its place in the file, from 1
    file: str
    sheet: str | None = None
    ledger: str | None = None  # a ledger name, or "ignore"
    header_rows: tuple[int, ...] | None = None  # Excel row numbers (1-based)
    columns: dict[str, str | None] = field(default_factory=dict)  # heading label → field name, None = ignore
    township: str | None = None
    village: str | None = None
    year: int | None = None

    def describe(self) -> str:
        where = f'file = "{self.file}"' + (f', sheet = "{self.sheet}"' if self.sheet is not None else "")
        return f"{CORRECTIONS_FILE} 第{self.number}条更正（{where}）"

    def matches_file(self, rel: str) -> bool:
        return _glob_match(rel, self.file)

    def matches_sheet(self, name: str) -> bool:
        return self.sheet is None or fnmatch.fnmatchcase(name, self.sheet)


@dataclass(frozen=True)
class SheetCorrection:
    """The corrections that apply to one sheet, merged (a later entry wins for the keys it sets)."""

    numbers: tuple[int, ...]
    ledger: str | None = None
    header_rows: tuple[int, ...] | None = None
    columns: dict[str, str | None] = field(default_factory=dict)
    township: str | None = None
    village: str | None = None
    year: int | None = None

    @property
    def ignored(self) -> bool:
        return self.ledger == IGNORE

    @property
    def ledger_only(self) -> bool:
        """Whether it names the ledger and nothing else (what ``inspect --suggest`` writes for a
        form or a continuation sheet, which are read as they are)."""
        return (self.ledger is not None and not self.ignored and self.header_rows is None and not self.columns
                and self.township is None and self.village is None and self.year is None)

    def describe(self) -> str:
        return f"{CORRECTIONS_FILE} 第{'、'.join(map(str, self.numbers))}条更正"


def _glob_match(rel: str, pattern: str) -> bool:
    """``fnmatch`` on posix relative paths, ``**`` spanning folders and ``*`` not."""
    path = PurePosixPath(rel)
    if "**" in pattern:
        return fnmatch.fnmatchcase(rel, pattern) or path.match(pattern.replace("**/", ""))
    return path.full_match(pattern) if hasattr(path, "full_match") else _full_match(rel, pattern)


def _full_match(rel: str, pattern: str) -> bool:
    parts, pats = rel.split("/"), pattern.split("/")
    return len(parts) == len(pats) and all(fnmatch.fnmatchcase(p, q) for p, q in zip(parts, pats, strict=True))


def load_corrections(raw_dir: Path) -> list[Correction]:
    """The entries of ``<raw_dir>/sansong.toml`` (none when there is no such file), checked."""
    path = Path(raw_dir) / CORRECTIONS_FILE
    if not path.is_file():
        return []
    try:
        document = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CorrectionError(f"{CORRECTIONS_FILE} 不是 UTF-8 编码的文本文件") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorrectionError(f"{CORRECTIONS_FILE} 格式错误：{exc}") from None
    unknown = set(document) - {"correction", "更正"}
    if unknown:
        raise CorrectionError(
            f"{CORRECTIONS_FILE} 中有无法识别的项「{sorted(unknown)[0]}」：每条更正应以 [[correction]] 开头"
        )
    entries = [*document.get("correction", []), *document.get("更正", [])]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CorrectionError(f"{CORRECTIONS_FILE} 中的更正应写成 [[correction]] 表")
    return [_checked(number, entry) for number, entry in enumerate(entries, start=1)]


def _checked(number: int, entry: dict) -> Correction:
    file = entry.get("file")
    label = f"{CORRECTIONS_FILE} 第{number}条更正" + (f'（file = "{file}"）' if isinstance(file, str) else "")

    def bad(message: str) -> CorrectionError:
        return CorrectionError(f"{label}：{message}")

    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise bad(f"无法识别的键「{unknown[0]}」（可用：{'、'.join(sorted(_KEYS))}）")
    if not isinstance(file, str) or not file.strip():
        raise bad("缺少 file（要更正的文件，相对于台账文件夹，可用通配符，如 \"黄坑乡/*.xlsx\"）")
    sheet = entry.get("sheet")
    if sheet is not None and (not isinstance(sheet, str) or not sheet.strip()):
        raise bad("sheet 应为工作表名称")
    ledger = entry.get("ledger")
    if ledger is not None:
        if not isinstance(ledger, str) or ledger.strip() not in _LEDGER_WORDS:
            names = "、".join([*LEDGERS, IGNORE])
            raise bad(f"ledger「{ledger}」不是可识别的台账（应为 {names} 之一，或其中文名称）")
        ledger = _LEDGER_WORDS[ledger.strip()]
    header_rows = entry.get("header_rows")
    if header_rows is not None:
        if isinstance(header_rows, int) and not isinstance(header_rows, bool):
            header_rows = [header_rows]
        ok = (
            isinstance(header_rows, list) and 1 <= len(header_rows) <= 2
            and all(isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in header_rows)
            and (len(header_rows) == 1 or header_rows[1] == header_rows[0] + 1)
        )
        if not ok:
            raise bad(f"header_rows「{header_rows}」应为表头所在的一行或相邻两行的行号，如 [3] 或 [3, 4]")
        header_rows = tuple(header_rows)
    columns: dict[str, str | None] = {}
    raw_columns = entry.get("columns", {})
    if not isinstance(raw_columns, dict):
        raise bad("columns 应写成 [correction.columns] 表：列标题 = 字段")
    for heading, target in raw_columns.items():
        if not isinstance(target, str) or not target.strip():
            raise bad(f"columns 中「{heading}」应对应一个字段名（或 \"ignore\"）")
        key = normalize_header(heading)[0] or heading.strip()
        columns[key] = _field_name(target.strip(), ledger, bad)
    places = {}
    for key in ("township", "village"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise bad(f"{key} 应为地名")
        places[key] = value.strip() if isinstance(value, str) else None
    year = entry.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1950 <= year <= 2100):
        raise bad(f"year「{year}」应为四位年份，如 2011")
    return Correction(number, file.strip(), sheet, ledger, header_rows, columns, places["township"],
                      places["village"], year)


def _field_name(target: str, ledger: str | None, bad) -> str | None:
    """A field named by its English name or Chinese label, in ``ledger`` (or any ledger)."""
    if target.lower() in (IGNORE, "忽略"):
        return None
    ledgers = [LEDGERS[ledger]] if ledger in LEDGERS else list(LEDGERS.values())
    fields = [f for candidate in ledgers for f in candidate.all_fields if f.kind != "derived"]
    for f in fields:
        if target in (f.name, f.label):
            return f.name
    # The label without its unit (受益农田 for 受益农田（亩）), when it names one field only.
    short = {f.name for f in fields if re.sub(r"[（(].*[)）]$", "", f.label) == target}
    if len(short) == 1:
        return short.pop()
    where = f"{LEDGERS[ledger].label}" if ledger in LEDGERS else "任何台账"
    raise bad(f"字段「{target}」不是{where}的字段")


def check_files(corrections: list[Correction], files: list[str]) -> None:
    """Every entry must match some file of the raw folder (relative posix paths)."""
    for c in corrections:
        if not any(c.matches_file(rel) for rel in files):
            raise CorrectionError(f"{c.describe()}：台账文件夹中没有与之匹配的文件")


def for_sheet(corrections: list[Correction], sheet: str) -> SheetCorrection | None:
    """The merged correction of one sheet of a file (``corrections`` already match the file)."""
    applying = [c for c in corrections if c.matches_sheet(sheet)]
    if not applying:
        return None
    merged = SheetCorrection(tuple(c.number for c in applying))
    for c in applying:
        changes = {key: value for key in ("ledger", "header_rows", "township", "village", "year")
                   if (value := getattr(c, key)) is not None}
        merged = replace(merged, **changes, columns={**merged.columns, **c.columns})
    return merged


def column_letter(index: int) -> str:
    """A 0-based column index as Excel names it: ``column_index``'s inverse.

    >>> [column_letter(i) for i in (0, 25, 26, 701, 702)]
    ['A', 'Z', 'AA', 'ZZ', 'AAA']
    >>> column_index(column_letter(16383), [])
    16383
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def column_index(key: str, labels: list[str]) -> int | None:
    """The column a ``columns`` key names: a heading as written (normalised), or, for a column
    without a heading, its letter (``F``)."""
    if key in labels:
        return labels.index(key)
    if _COLUMN_LETTERS.fullmatch(key):
        index = 0
        for ch in key:
            index = index * 26 + ord(ch) - ord("A") + 1
        return index - 1
    return None

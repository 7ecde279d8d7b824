"""One field spread over several columns of a two-row header: ticked choices and a date in parts.

Paper registers often ask for a tick rather than a word, and split a date into boxes::

    纠纷类型                         调处结果               走访时间
    山林 | 土地 | 邻里 | 婚姻家庭 | 其他   成功 | 未成功 | 在调处     月 | 日
     √   |      |      |          |        √    |        |            3  | 5

The group heading names the field (纠纷类型, 调处结果, 走访时间); each sub-column holds one of
its values (山林 …) or one part of it (月, 日). Read column by column, the first sub-column
alone would be the field: every dispute 「√」 (其他纠纷), every visit in 「3」. Here a sub-column
group becomes one field again, on evidence only:

- **choices**: every sub-label reads as a value of the field (``values.parse_dispute_type``,
  ``parse_outcome``, ``parse_level``, ``parse_visit_kind``; 是 | 否 under a yes/no field such as
  是否贫困户, 贫困户 | 一般户 under 户类型), at least two of them different (for a dispute type or
  a visit kind, two kinds we know: 治安 or 电话 beside them is 其他; or one beside a word registers
  print for the rest, 入户 | 电话, 土地 | 其他; a sub-label another field claims, 电话 the phone's,
  is one of the choices over nothing but marks), and
  the body marks one sub-column a row (√, ✓, ●, 1 …) in most rows that mark any. A row's value is
  the ticked sub-column's label; a row ticking several, or holding anything else than a mark in a
  sub-column, is rejected with a reason (never one of them picked);
- **date parts**: sub-labels 年 / 月 / 日 (月 and 日 at least; 年 and 月 under a project's
  completion, where a month will do) under a date field, the body
  holding whole numbers in them. A row's value is ``2011年3月5日`` (or ``3月5日``, completed with
  the year the title names, as any such date is); a part left blank while others are filled, or
  not a number of its range, is a reason to reject the row;
- **digit boxes**: an account book's amount one figure a column, 亿 千 百 十 万 千 百 十 元 角 分 (or
  拾 佰 仟, any run of them holding 元) under a sum of money, the body holding single digits in
  them. Read column by column, the 元 box alone was the amount (0 for 12000, silently). A row's
  value is the sum of its figures by place; blank boxes before the first figure or after the last
  are naught (¥ written in one too), a blank between two figures or anything but a digit is a
  reason to reject the row.

Pure functions over the grid; ``table.locate_table`` finds the groups, ``tidy`` reads them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache

from sansong_analysis.ingest import values
from sansong_analysis.ingest.recognise import DATE_PARTS, Column
from sansong_analysis.ingest.values.text import _as_text, _coerce, _squash
from sansong_analysis.ledgers import Field, Ledger, claim_fields, normalize_header

CHOICE = "choice"
DIGITS = "digits"

# A cell that marks its sub-column as the row's choice.
TICK_MARKS = frozenset({"√", "✓", "✔", "☑", "✅", "●", "○", "◯", "◎", "★", "☆", "▲", "△", "v", "V", "y", "Y", "是", "有", "1"})
# A cell that says "not this one" in a tick column (besides the empty markers of ``values``).
NOT_TICKED = frozenset({"否", "0", "无"})
_CHOICE_KINDS = frozenset({"dispute_type", "outcome", "level", "visit_kind", "poor", "bool"})
_DATE_KINDS = frozenset({"date", "date_or_month"})
_DATE_PART_LABELS = {"年": "年", "年份": "年", "月": "月", "月份": "月", "日": "日", "号": "日", "日期": "日"}
_PART_RANGES = {"年": (1950, 2100), "月": (1, 12), "日": (1, 31)}
_PART_NAMES = {"年": "年份", "月": "月份", "日": "日"}
_PART_UNIT = re.compile(r"^(\d{1,4})\s*(?:年|月|日|号)?$")
_PART_CHINESE = re.compile(r"^([〇零○一二两三四五六七八九十廿卅]{1,4})\s*(?:年|月|日|号)?$")
# Share of the rows marking any sub-column that must mark exactly one (a count table has many).
_ONE_MARK_SHARE = 0.5
# Digit boxes: each place's power of ten and the labels an account book prints over it.
_PLACE_LABELS = {8: ("亿",), 7: ("千", "仟", "千万", "仟万"), 6: ("百", "佰", "百万", "佰万"), 5: ("十", "拾", "十万", "拾万"),
                 4: ("万", "萬"), 3: ("千", "仟"), 2: ("百", "佰"), 1: ("十", "拾"), 0: ("元", "圆"), -1: ("角",), -2: ("分",)}
_MONEY_KINDS = frozenset({"amount"})
_GROUPED_KINDS = _CHOICE_KINDS | _DATE_KINDS | _MONEY_KINDS
_CURRENCY_SIGNS = frozenset({"¥", "￥"})


def _text(cell: object) -> str:
    """A cell as the values parsers read text: NFKC, whole numbers without ``.0``, no whitespace."""
    return _squash(_as_text(_coerce(cell)))


def _mark(cell: object) -> bool | None:
    """True for a tick, False for an empty or "not this" cell, None for anything else."""
    if isinstance(cell, bool):
        return cell
    if values.is_empty(cell):
        return False
    text = _text(cell)
    if text in TICK_MARKS:
        return True
    if text in NOT_TICKED:
        return False
    return None


def _choice_code(kind: str, label: str) -> str | bool | None:
    """The field value a sub-label names (a code, or True/False for a yes/no field), None when it names none."""
    if not label:
        return None
    if kind in ("dispute_type", "visit_kind"):
        # Never raises (ticked twice aside): a kind we have no word for (治安, 电话) is other, as written
        # in a cell; that the group names kinds at all is for ``_names_kinds`` to say.
        try:
            return (values.parse_dispute_type if kind == "dispute_type" else values.parse_visit_kind)(label)
        except values.ValueProblem:
            return None
    parse = {"outcome": values.parse_outcome, "level": values.parse_level, "poor": values.parse_poor,
             "bool": values.parse_bool}[kind]
    if kind in ("poor", "bool") and values.is_empty(label):
        return None  # 无 / — name no choice (parse_bool would read them as "no")
    try:
        return parse(label)
    except values.ValueProblem:
        return None


# Sub-labels that name a kind outside the codes, as registers print them: 其他 under any kind; the
# other ways of reaching a household under a visit's (its code is 其他, as written in a cell).
_OTHER_KINDS = {
    "dispute_type": frozenset({"其他", "其它", "其他纠纷", "其它纠纷"}),
    "visit_kind": frozenset({"其他", "其它", "电话", "电话联系", "电话回访", "电话走访", "座谈", "座谈会", "短信",
                             "微信", "来访", "书信", "信函", "网络"}),
}


def _names_kinds(kind: str, labels: list[str], codes: list[object]) -> bool:
    """Whether the sub-labels name kinds of the field: for a dispute type or a visit kind, which take
    any word as 其他, two kinds we know at least (山林 | 土地 | 治安, not 编号 | 名称 | 山林), a kind we
    know beside a word registers print for one outside the codes counting as one (入户 | 电话,
    土地 | 其他)."""
    if kind not in ("dispute_type", "visit_kind"):
        return True
    known = {code for code in codes if code != "other"}
    return len(known) >= 2 or (len(known) == 1 and any(label in _OTHER_KINDS[kind] for label in labels))


def _groups(upper: Sequence[object], lower: Sequence[object]) -> list[str]:
    """Each column's group heading in a two-row header: the upper cell, or (a group written once
    over its first sub-column, as in a CSV) the last one to its left while sub-labels follow."""
    out, group = [], ""
    for c in range(max(len(upper), len(lower))):
        up = _text(upper[c]) if c < len(upper) else ""
        low = _text(lower[c]) if c < len(lower) else ""
        if up:
            group = up
        elif not low:
            group = ""
        out.append(group if low and group and group != low else "")
    return out


def _span(groups: list[str], c: int, free: set[int]) -> list[int]:
    """The run of free sub-columns around column ``c`` under its group heading, ``c`` among them."""
    start = c
    while start - 1 in free and groups[start - 1] == groups[c]:
        start -= 1
    end = c
    while end + 1 < len(groups) and end + 1 in free and groups[end + 1] == groups[c]:
        end += 1
    return list(range(start, end + 1))


def _body(rows: list[list[object]], body_start: int, cols: list[int]) -> list[list[object]]:
    return [[row[c] if c < len(row) else None for c in cols] for row in rows[body_start:]]


def _ticked_rows(body: list[list[object]]) -> bool:
    """Whether the body marks one sub-column a row (in most rows marking any, at least one)."""
    marking = single = 0
    for cells in body:
        marks = [_mark(cell) for cell in cells]
        if all(m is False for m in marks):
            continue
        marking += 1
        # Numbers or words beside the marks (a 合计 row, a table of counts) make no tick row.
        single += None not in marks and marks.count(True) == 1
    return single >= 1 and single >= _ONE_MARK_SHARE * marking


def _part_value(part: str, cell: object) -> int | None:
    """The whole number a date part holds (``3``, ``3月``, 3.0, ``三月``, ``十二``, ``二〇一一年``), None
    when it holds none in range."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not cell.is_integer():
            return None
        number = int(cell)
    else:
        text = _text(cell)
        if m := _PART_UNIT.match(text):
            number = int(m.group(1))
        elif m := _PART_CHINESE.match(text):
            try:
                value = values.chinese_number(m.group(1))
            except ValueError:
                return None
            if value != value.to_integral_value():
                return None
            number = int(value)
        else:
            return None
    low, high = _PART_RANGES[part]
    return number if low <= number <= high else None


def _numbered_rows(body: list[list[object]], parts: list[str]) -> bool:
    """Whether the parts hold numbers of their range in most rows that fill them all."""
    filled = good = 0
    for cells in body:
        if any(values.is_empty(cell) for cell in cells):
            continue
        filled += 1
        good += all(_part_value(p, cell) is not None for p, cell in zip(parts, cells, strict=True))
    return good >= 1 and good >= _ONE_MARK_SHARE * filled


def may_label_sub_columns(header: Sequence[object], below: Sequence[object], columns: Sequence[Column]) -> bool:
    """Whether the row under a one-row header may label the sub-columns of a group written once
    (纠纷类型 over the first of 山林 | 土地 | …, blank over the rest) or repeated over each (merged
    cells filled): a cheap look before reading the two rows as a header (``table.locate_table``)."""
    for column in columns:
        c = column.index
        if column.field is None or column.field.kind not in _CHOICE_KINDS | _DATE_KINDS or c + 1 >= len(below):
            continue
        beside = _text(header[c + 1]) if c + 1 < len(header) else ""
        if (not beside or beside == _text(header[c])) and _text(below[c]) and _text(below[c + 1]):
            return True
    return False


def find_groups(rows: list[list[object]], header_rows: tuple[int, ...], columns: Sequence[Column],
                body_start: int, ledger: Ledger | None = None) -> list[Column]:
    """``columns`` with each field that a sub-column group holds together given its ``parts``.

    The field is the one a sub-column claimed (纠纷类型山林 → 纠纷类型), or, when none did, the
    one ``ledger`` reads in the group heading itself (户类型 over 低保户 | 五保户 | 一般户)."""
    if len(header_rows) != 2:
        return list(columns)
    upper, lower = rows[header_rows[0]], rows[header_rows[1]]
    groups = _groups(upper, lower)
    free = {c.index for c in columns if c.field is None}
    out = list(columns)
    candidates = [(i, column, column.field) for i, column in enumerate(columns) if column.field is not None]
    if ledger is not None:
        candidates += _heading_fields(groups, columns, free, ledger)
    for i, column, f in candidates:
        if column.index >= len(groups) or not groups[column.index]:
            continue
        ticked = _ticked_claims(rows, lower, body_start, columns, f, column.index, groups) if f.kind in _CHOICE_KINDS else {}
        span = _span(groups, column.index, free | {column.index} | ticked.keys())
        if len(span) < 2:
            continue
        labels = [_text(lower[c]) if c < len(lower) else "" for c in span]
        body = _body(rows, body_start, span)
        named = column if column.field is f else dataclasses.replace(column, field=f, synonym=groups[column.index])
        if f.kind in _CHOICE_KINDS:
            codes = [_choice_code(f.kind, label) for label in labels]
            if None in codes or len(set(codes)) < 2 or not _names_kinds(f.kind, labels, codes) or not _ticked_rows(body):
                continue
            out[i] = dataclasses.replace(named, parts=tuple(zip(span, labels, strict=True)), parts_kind=CHOICE)
            for c in span:  # 电话 under 走访方式, ticked: one of the ways, not the household's phone
                if c in ticked:
                    out[ticked[c]] = dataclasses.replace(columns[ticked[c]], field=None, synonym=None, specific=False)
                    _reclaim(out, columns[ticked[c]].field, ledger, set(span))
        elif f.kind in _DATE_KINDS:
            parts = [_DATE_PART_LABELS.get(label) for label in labels]
            # 月 | 日 at least; a project's completion, where a month will do, 年 | 月 too.
            month_will_do = f.kind == "date_or_month" and set(parts) == {"年", "月"}
            if None in parts or len(set(parts)) != len(parts) or not ({"月", "日"} <= set(parts) or month_will_do):
                continue
            if parts != sorted(parts, key="年月日".index) or not _numbered_rows(body, parts):
                continue
            out[i] = dataclasses.replace(named, parts=tuple(zip(span, parts, strict=True)), parts_kind=DATE_PARTS)
        elif f.kind in _MONEY_KINDS:
            powers = place_powers(labels)
            if powers is None or not _digit_rows(body):
                continue
            # The figures are 元 whatever the heading's unit: 金额 | 元 claimed the 元 box as 金额（元）.
            out[i] = dataclasses.replace(named, unit="元", parts=tuple(zip(span, labels, strict=True)), parts_kind=DIGITS,
                                         split=(), rivals=tuple(r for r in named.rivals if r not in span))
    return out


def _ticked_claims(rows: list[list[object]], lower: Sequence[object], body_start: int, columns: Sequence[Column],
                   f: Field, own: int, groups: list[str]) -> dict[int, int]:
    """{column: its position} for each sub-column under ``own``'s group heading that another field claimed by
    its sub-label alone and is one of ``f``'s choices all the same: a sub-label naming one (电话 under 走访方式
    claims the phone) over nothing but marks, one ticked at least — a phone, a date or a name is never a tick."""
    out = {}
    for i, column in enumerate(columns):
        c = column.index
        if (c == own or column.field is None or column.field.kind in _CHOICE_KINDS | _DATE_KINDS or c >= len(lower)
                or c >= len(groups) or groups[c] != groups[own]):
            continue
        label = _text(lower[c])
        code = _choice_code(f.kind, label)
        if code is None or f.kind in _OTHER_KINDS and code == "other" and label not in _OTHER_KINDS[f.kind]:
            continue
        ticked = False
        for row in rows[body_start:]:
            mark = _mark(row[c] if c < len(row) else None)
            if mark is None:
                break  # a word, a number: no tick column
            ticked = ticked or mark
        else:
            if ticked:
                out[c] = i
    return out


def _reclaim(out: list[Column], f: Field, ledger: Ledger | None, parts: set[int]) -> None:
    """Give ``f``, given up by a sub-column of ticks, to the one column left that claims it (联系电话
    beside 走访方式 over 入户 | 电话, which lost the phone to 电话)."""
    if ledger is None or any(c.field is not None and c.field.name == f.name for c in out):
        return
    claiming = [(i, claim) for i, c in enumerate(out) if c.field is None and c.index not in parts
                and (claim := claim_fields(normalize_header(c.header)[0])[ledger.name]) is not None
                and claim.field.name == f.name]
    if len(claiming) == 1:
        i, claim = claiming[0]
        out[i] = dataclasses.replace(out[i], field=f, synonym=claim.synonym, specific=claim.specific)


def _heading_fields(groups: list[str], columns: Sequence[Column], free: set[int], ledger: Ledger):
    """(position, first sub-column, field) for each group heading that names a field no column has,
    over sub-columns none of which was claimed."""
    taken = {c.field.name for c in columns if c.field is not None}
    out = []
    for i, column in enumerate(columns):
        c = column.index
        heading = groups[c] if c < len(groups) else ""
        if not heading or c not in free or (c > 0 and c - 1 < len(groups) and groups[c - 1] == heading and c - 1 in free):
            continue  # not the first free sub-column of its group
        claim = claim_fields(normalize_header(heading)[0])[ledger.name]
        if claim is None or claim.field.name in taken or claim.field.kind not in _GROUPED_KINDS:
            continue
        taken.add(claim.field.name)
        out.append((i, column, claim.field))
    return out


def raw_values(rows: list[list[object]], record_rows: list[int], column: Column, f: Field,
               group: str) -> tuple[list[object], list[str | None] | None]:
    """Each record row's raw value of a grouped field (a choice's label, a date as text), and the
    rows' problems (None when there are none)."""
    raw: list[object] = []
    problems: list[str | None] = []
    above: dict[str, int] = {}  # the last date read, by part (a register writes the year, and each month, once)
    for r in record_rows:
        row = rows[r]
        cells = [row[c] if c < len(row) else None for c, _ in column.parts]
        value, problem = (_choice(cells, column, f, group) if column.parts_kind == CHOICE
                          else _digits(cells, column, f) if column.parts_kind == DIGITS
                          else _date(cells, column, f, above))
        raw.append(value)
        problems.append(problem)
    return raw, problems if any(problems) else None


def _choice(cells: list[object], column: Column, f: Field, group: str) -> tuple[object, str | None]:
    marks = [_mark(cell) for cell in cells]
    for (_, label), cell, mark in zip(column.parts, cells, marks, strict=True):
        if mark is None:
            return None, f"{group or f.label}「{label}」栏的「{values.redact_numbers(_text(cell))}」不是勾选标记"
    ticked = [label for (_, label), mark in zip(column.parts, marks, strict=True) if mark]
    if len(ticked) > 1:
        return None, f"{group or f.label}勾选了{len(ticked)}项（{'、'.join(ticked)}），无法确定是哪一项"
    return (ticked[0] if ticked else None), None


def place_powers(labels: list[str]) -> list[int] | None:
    """Each digit box's power of ten (万 千 百 十 元 角 → 4 … -1), None unless the labels are a run of an
    account book's places holding 元 (万 | 千 alone could be thousands or tens of millions)."""
    if "元" not in labels and "圆" not in labels:
        return None
    unit = labels.index("元") if "元" in labels else labels.index("圆")
    powers = [unit - i for i in range(len(labels))]
    if len(labels) < 3 or any(p not in _PLACE_LABELS or label not in _PLACE_LABELS[p] for p, label in zip(powers, labels, strict=True)):
        return None
    return powers


@lru_cache(maxsize=256)
def _part_powers(parts: tuple[tuple[int, str], ...]) -> list[int]:
    """``place_powers`` of a digit-box column's labels, worked out once a column, not once a row."""
    return place_powers([label for _, label in parts]) or []


def _digit(cell: object, top: bool = False) -> int | None:
    """The figure a digit box holds (3, 3.0, "3", "３"), None when it holds anything else; the top box
    any whole number (12000 in the 元 of 元 | 角 | 分, 12 in the 万 of 万 | 千 | …: 12万)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not cell.is_integer():
            return None
        return int(cell) if cell >= 0 and (top or cell <= 9) else None
    text = _text(cell)
    return int(text) if text.isascii() and text.isdigit() and (top or len(text) == 1) else None


def _digit_rows(body: list[list[object]]) -> bool:
    """Whether most rows that fill any digit box hold single figures in them (a blank or ¥ beside)."""
    filled = good = 0
    for cells in body:
        written = [(c, cell) for c, cell in enumerate(cells) if not values.is_empty(cell)]
        if not written:
            continue
        filled += 1
        good += all(_digit(cell, top=c == 0) is not None or _text(cell) in _CURRENCY_SIGNS for c, cell in written)
    return good >= 1 and good >= _ONE_MARK_SHARE * filled


def _digits(cells: list[object], column: Column, f: Field) -> tuple[object, str | None]:
    """A row's amount from its digit boxes, as text in 元 (``12000``, ``35.5``), or a problem."""
    figures = [None if values.is_empty(cell) or _text(cell) in _CURRENCY_SIGNS else cell for cell in cells]
    written = [i for i, cell in enumerate(figures) if cell is not None]
    if not written:
        return None, None
    labels = [label for _, label in column.parts]
    powers = _part_powers(column.parts)
    total = 0
    for i in range(written[0], written[-1] + 1):
        digit = _digit(figures[i], top=i == 0)
        if figures[i] is None:
            return None, f"{f.label}的「{labels[i]}」位没有填写（前后两位都有数字）"
        if digit is None:
            return None, f"{f.label}「{labels[i]}」位的「{values.redact_numbers(_text(figures[i]))}」不是一位数字"
        total += digit * 10 ** (powers[i] + 2)  # in 分: whole numbers, no float error
    whole, cents = divmod(total, 100)
    return (f"{whole}.{cents:02d}" if cents else str(whole)), None


def digits_cell(row: list[object], column: Column) -> object:
    """The amount a row's digit boxes hold, as text in 元, or None (a 合计 row's, to check it)."""
    cells = [row[c] if c < len(row) else None for c, _ in column.parts]
    return _digits(cells, column, column.field)[0] if column.field is not None else None


def _date(cells: list[object], column: Column, f: Field, above: dict[str, int]) -> tuple[object, str | None]:
    """A row's date from its parts, as text (``2011年3月5日``, or ``3月5日`` for the title's year).

    A year or month left blank under one written above is that one, as a register writes the
    year, and each month, once (``above``: the last date read, updated here) — unless the date
    would then come before the one above, or a coarser part differs from the one above (a new
    year with its month blank): the blank stands for a part not written, and the row is rejected
    saying so. A blank day is never taken from above."""
    if all(values.is_empty(cell) for cell in cells):
        return None, None
    numbers: dict[str, int] = {}
    carried: list[str] = []
    for (_, part), cell in zip(column.parts, cells, strict=True):
        if values.is_empty(cell):
            if part == "日" or part not in above:
                return None, f"{f.label}的{_PART_NAMES[part]}没有填写"
            numbers[part] = above[part]
            carried.append(part)
            continue
        number = _part_value(part, cell)
        if number is None:
            return None, f"{f.label}的{_PART_NAMES[part]}「{values.redact_numbers(_text(cell))}」不是有效的{_PART_NAMES[part]}"
        numbers[part] = number
    order = [part for _, part in column.parts]
    for part in carried:  # a month is the one above only in the year above (2012 | blank | 9: which month?)
        coarser = order[:order.index(part)]
        if any(numbers[p] != above[p] for p in coarser):
            return None, f"{f.label}的{_PART_NAMES[part]}没有填写"
    if carried and [numbers[p] for p in order] < [above[p] for p in order]:
        written = "".join(f"{numbers[p]}{p}" for p in order if p not in carried)
        before = "".join(f"{above[p]}{p}" for p in order)
        return None, (f"{f.label}的{'、'.join(_PART_NAMES[p] for p in carried)}没有填写，"
                      f"本行的{written}早于上一行的{before}，不能沿用上一行的{'、'.join(_PART_NAMES[p] for p in carried)}")
    above.update(numbers)
    return "".join(f"{numbers[p]}{p}" for p in order), None


def group_heading(rows: list[list[object]], header_rows: tuple[int, ...], column: Column) -> str:
    """The group heading over a grouped field's sub-columns (纠纷类型), for messages."""
    if len(header_rows) != 2 or not column.parts:
        return ""
    groups = _groups(rows[header_rows[0]], rows[header_rows[1]])
    return groups[column.index] if column.index < len(groups) else ""

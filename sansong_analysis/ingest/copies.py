"""Whole sheets counted twice: a funds, projects or disputes sheet every record of which is already counted.

A team keeps a copy of a sheet (``筹资 (2)``, hidden or not), sends one workbook twice under two
names, or adds a 汇总 sheet that lists again what its village sheets list. Households and visits
have keys (``households``): entered twice they count once. These ledgers have none, and a record
alone is never taken for a duplicate — two equal donations on one day may both be real. A whole
sheet is: when every one of its records (two at least) equals a record of a sheet counted before
it, field by field, in the same place, it is a copy, and its records go to ``duplicates``
pointing at the records they repeat, counted once. A sheet half of whose records or more (but not
all, or its one record) repeat others' is counted, and flagged (``overlaps``): a summary with rows of
its own, a copy since changed, monthly sheets listing the year so far, are for the analyst to judge; so is
one whose records repeat another's in every field both write, a field only one of them writes set aside
(a township's list of the villages' donations without their 用途).

The same place: the same township and village, or one side not saying (a township's 汇总 sheet
without a 村 column repeats its village sheets). Sheets are taken in the clean's order (files by
path, sheets as the workbook orders them), so the first of two copies is the one counted.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from operator import itemgetter

from sansong_analysis.ledgers import LEDGERS, LINEAGE

# The ledgers without a key of their own: a sheet of them counted twice would count twice.
LEDGERS_WITHOUT_KEY = ("funds", "projects", "disputes")
# A sheet of one record equal to another is as likely two real entries as a copy.
MIN_RECORDS = 2
# A sheet at least this share of whose records repeat records counted before, but not all (or its
# one record), is flagged: monthly sheets each listing the year so far (累计) repeat the earlier months.
OVERLAP_SHARE = 0.5
_PLACE = ("township", "village")
_LINEAGE = tuple(f.name for f in LINEAGE)
# What names the same dispute or project again in a later list of the same place, whatever has
# changed since: a quarterly list re-listing the year's disputes with their outcomes since, a
# progress list re-listing the projects with their investment to date. Each record counted again.
# A project's name alone is no name (通组公路硬化 in every village's sheet): its village too, given.
IDENTITY = {"disputes": ("received_date", "dispute_type"), "projects": ("project_name", "village")}


@dataclass
class Copy:
    """A sheet whose records were all counted already: how many, and the sheets holding them."""

    records: int
    kept: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet), in order, each once
    # The records name the same disputes or projects (``IDENTITY``) as those, some with what was
    # done since (an outcome, an investment): equal in what names them, not field by field.
    changed: bool = False
    # A roster listing most of the households another lists, each with some the other lacks (``roster_versions``):
    # (households only in the other, households only in this one).
    versions: tuple[int, int] | None = None
    # A visit log whose visits are another's in household and date, told apart from them only by a cadre or
    # kind this one does not write (``clean._visits_alike_across``): the labels it lacks (走访人, 走访形式).
    unread: tuple[str, ...] = ()
    # Records equal to those in every field both sheets write, a field only one of them writes set aside
    # (``_alike_where_written``: a village's donations with their 用途, the township's list of them without):
    # the labels of the fields set aside.
    apart: tuple[str, ...] = ()


def _value(v: object) -> object:
    """A cell's value as compared: missing (None, NaN, pd.NA, NaT) is one value."""
    try:
        if v is None or v != v:
            return None
    except TypeError:  # pd.NA: its comparison has no truth value
        return None
    return v


@dataclass
class Copies:
    """What ``copied_sheets`` found in one ledger's records."""

    dup: list[bool]  # for each record: it repeats one counted before, its whole sheet being a copy
    kept_at: list[int | None]  # for each such record: the position of the record it repeats
    copies: dict[tuple[str, str], Copy]  # (file, sheet) → the sheet's records, all repeated, not counted
    # Sheets most of whose records (two at least) repeat records counted before, but not all: a
    # summary with rows of its own, or a copy changed here and there. Counted, and flagged.
    overlaps: dict[tuple[str, str], Copy]


def copied_sheets(columns: dict[str, list], ledger: str | None = None,
                  unwritten: dict[tuple[str, str], frozenset[str]] | None = None) -> Copies:
    """The sheets of one ledger's records (column by column, lineage included) that are copies.

    For ``ledger`` disputes or projects, a sheet half of whose records or more (two at least) name
    a dispute or project counted before (``IDENTITY``, in the same place) is an overlap too, its
    ``Copy.changed`` set: the same disputes listed again with their outcomes since. ``unwritten``: the
    fields each sheet does not write (``SheetResult.unwritten``), set aside where two sheets are compared
    on what both write (``_alike_where_written``).

    >>> rows = {"source_file": ["a"] * 4, "source_sheet": ["筹资", "筹资", "筹资 (2)", "筹资 (2)"],
    ...         "source_row": [2, 3, 2, 3], "township": ["古江乡"] * 4, "village": [None] * 4,
    ...         "amount_yuan": [500.0, 300.0, 500.0, 300.0]}
    >>> found = copied_sheets(rows)
    >>> found.dup, found.kept_at, found.copies[("a", "筹资 (2)")].kept
    ([False, False, True, True], [None, None, 0, 1], [('a', '筹资')])
    """
    n = len(columns.get("source_row", ()))
    fields = [c for c in columns if c not in _LINEAGE and c not in _PLACE]
    keys = list(zip(*([_value(v) for v in columns[c]] for c in fields), strict=True)) if fields else [()] * n
    towns = [_value(v) for v in columns.get("township", [None] * n)]
    villages = [_value(v) for v in columns.get("village", [None] * n)]
    sheets: dict[tuple[str, str], list[int]] = {}
    for i, where in enumerate(zip(columns["source_file"], columns["source_sheet"], strict=True)):
        sheets.setdefault(where, []).append(i)

    def same_place(i: int, j: int) -> bool:
        return all(a is None or b is None or a == b for a, b in ((towns[i], towns[j]), (villages[i], villages[j])))

    counted: dict[tuple, list[int]] = {}  # a record's fields → the records counted with them
    identity = IDENTITY.get(ledger or "", ())
    names = (list(zip(*([_value(v) for v in columns[c]] for c in identity), strict=True))
             if identity and all(c in columns for c in identity) else None)
    if names is not None and ledger == "projects":
        # 澄江村新修水渠 in the township's list (村名 澄江村) is the village's own 新修水渠: named without its place.
        names = [(_without_place(name, town, village), village)
                 for (name, village), town in zip(names, towns, strict=True)]
    named: dict[tuple, list[int]] = {}  # what names a record (all of it given) → the records counted so
    dup = [False] * n
    kept_at: list[int | None] = [None] * n
    copies: dict[tuple[str, str], Copy] = {}
    overlaps: dict[tuple[str, str], Copy] = {}
    # The sheets counted before, in order, by township: compared where a field only one of two writes is set aside.
    earlier: dict[object, list[tuple[tuple[str, str], list[int], frozenset[int]]]] = {}
    needs = [fields.index(n) for n in _ALIKE_NEEDS.get(ledger or "", ()) if n in fields]
    # The positions of the fields each sheet writes: some record holds a value, and the sheet has a column for it.
    unwritten = unwritten or {}
    written = {where: _written(rows, keys, fields, unwritten.get(where, frozenset())) for where, rows in sheets.items()} \
        if needs else {}
    for where, rows in sheets.items():
        matched = _matches(rows, keys, counted, same_place)
        found = [j for j in matched if j is not None]
        if len(found) == len(rows) >= MIN_RECORDS:
            copies[where] = _copy(found, columns)
            for i, j in zip(rows, matched, strict=True):
                dup[i], kept_at[i] = True, j
            continue
        # The same disputes or projects, some with what became of them since: more than repeat exactly.
        same = [j for j in _matches(rows, names, named, same_place) if j is not None] if names is not None else []
        if len(same) > len(found) and len(same) >= max(MIN_RECORDS, OVERLAP_SHARE * len(rows)):
            overlaps[where] = _copy(same, columns)
            overlaps[where].changed = True
        elif found and len(found) >= OVERLAP_SHARE * len(rows):
            overlaps[where] = _copy(found, columns)
        elif needs and len(rows) >= MIN_RECORDS and (alike := _alike_where_written(
                rows, keys, fields, needs, written[where],
                [e for t in {towns[i] for i in rows} for e in earlier.get(t, ())], same_place)):
            overlaps[where] = alike
        if needs:
            entry = (where, rows, written[where])
            for town in {towns[i] for i in rows}:
                earlier.setdefault(town, []).append(entry)
        for i in rows:
            counted.setdefault(keys[i], []).append(i)
            if names is not None and all(v is not None for v in names[i]):
                named.setdefault(names[i], []).append(i)
    return Copies(dup, kept_at, copies, overlaps)


# What two records must both write, at least, to be taken for one where a field only one sheet writes is set aside
# (a dispute: its day of receipt; projects are named again by ``IDENTITY`` whatever else is written).
_ALIKE_NEEDS = {"funds": ("amount_yuan", "date"), "disputes": ("received_date",)}


def _alike_where_written(rows: list[int], keys: list[tuple], fields: list[str], needs: list[int],
                         written_here: frozenset[int], earlier: list[tuple[tuple[str, str], list[int], frozenset[int]]],
                         same_place) -> Copy | None:
    """A funds or disputes sheet half of whose records or more (two at least) equal records of one sheet counted
    before in every field both sheets write, where one writes a field the other does not (a village's donations
    with their 用途, the township's list of them with a 村名 column but no 用途; the village's disputes with their
    纠纷类型, the township's list without, each 其他): counted twice, and nothing said —
    exact equality never matched them. The first such sheet, as an overlap (flagged, never a copy: what is set
    aside might have told them apart), with the fields set aside; else None. ``needs``: the positions of the
    fields both must write (``_ALIKE_NEEDS``); ``earlier``: the sheets counted before of the townships
    this one's records name, each with the positions of the fields it writes (as ``written_here``)."""
    if not all(k in written_here for k in needs):
        return None
    seen: set[tuple[str, str]] = set()
    for there, others, written_there in earlier:
        if there in seen or written_there == written_here or not all(k in written_there for k in needs):
            continue  # told apart by what both write: exact equality said all there is
        seen.add(there)
        picked = sorted(written_here & written_there)
        counted: dict[tuple, list[int]] = {}
        for j in others:
            counted.setdefault(tuple(keys[j][k] for k in picked), []).append(j)
        projected = {i: tuple(keys[i][k] for k in picked) for i in rows}
        found = [j for j in _matches(rows, projected, counted, same_place) if j is not None]
        if len(found) >= max(MIN_RECORDS, OVERLAP_SHARE * len(rows)):
            copy = Copy(len(found), [there])
            copy.apart = tuple(_LABELS.get(fields[k], fields[k]) for k in sorted(written_here ^ written_there))
            return copy
    return None


def _written(rows: list[int], keys: list[tuple], fields: list[str], unwritten: frozenset[str]) -> frozenset[int]:
    """The positions of the fields some record of ``rows`` writes, but those its sheet has no column for."""
    return frozenset(k for k, name in enumerate(fields)
                     if name not in unwritten and any(keys[i][k] is not None for i in rows))


_LABELS = {f.name: f.label for ledger in LEDGERS.values() for f in ledger.fields}


def _without_place(name: object, township: object, village: object) -> object:
    """A project's name without its own township and village written before it (葛坳乡澄江村新修水渠 → 新修水渠), as a
    list of one village names them; the name as it is where nothing would be left (澄江村 alone).

    >>> _without_place("澄江村新修水渠", "葛坳乡", "澄江村"), _without_place("新修水渠", "葛坳乡", "澄江村")
    ('新修水渠', '新修水渠')
    >>> _without_place("葛坳乡澄江村山塘清淤", "葛坳乡", "澄江村"), _without_place("澄江村", "葛坳乡", "澄江村")
    ('山塘清淤', '澄江村')
    """
    if not isinstance(name, str):
        return name
    for place in (township, village):
        if isinstance(place, str) and place and name.startswith(place) and len(name) > len(place):
            name = name[len(place):]
    return name


def _copy(found: list[int], columns: dict[str, list]) -> Copy:
    copy = Copy(len(found))
    for j in found:
        source = (columns["source_file"][j], columns["source_sheet"][j])
        if source not in copy.kept:
            copy.kept.append(source)
    return copy


def _matches(rows: list[int], keys: list[tuple], counted: dict[tuple, list[int]], same_place) -> list[int | None]:
    """For each of ``rows``, a record counted before that it equals (each used once), else None."""
    used: set[int] = set()
    matched: list[int | None] = []
    for i in rows:
        j = next((j for j in counted.get(keys[i], ()) if j not in used and same_place(i, j)), None)
        if j is not None:
            used.add(j)
        matched.append(j)
    return matched


# --------------------------------------------------------------------------- two versions of a roster


def roster_versions(order: list[tuple[str, str]], sheets: list[tuple[str, str]],
                    keys: list[str]) -> dict[tuple[str, str], Copy]:
    """Roster sheets that look like two versions of one list (a roster sent again 调整后, or last year's
    beside this year's): half of the smaller one's households or more (two at least) are in both, and each
    lists households the other does not. Households have keys, so those in both count once — but those
    only in the version no longer meant count too. A list within another (贫困户 beside 全部联系户) is no
    second version. ``order``: the sheets as the clean takes them; ``sheets`` and ``keys``: each roster row's
    sheet and household key (every row, those dropped as listed twice too). → the later sheet of each
    such pair (the earlier sharing most with it) → ``Copy`` (shared households, ``versions`` set).

    >>> a, b, c = ("名单.xlsx", "花名册"), ("名单（调整后）.xlsx", "花名册"), ("名单.xlsx", "贫困户")
    >>> found = roster_versions([a, b, c], [a, a, a, b, b, b, c, c], ["张", "李", "王", "张", "李", "赵", "张", "李"])
    >>> found[b].records, found[b].kept, found[b].versions, c in found
    (2, [('名单.xlsx', '花名册')], (1, 1), False)
    """
    households: dict[tuple[str, str], set[str]] = {}
    for where, group in itertools.groupby(zip(sheets, keys, strict=True), key=itemgetter(0)):
        households.setdefault(where, set()).update(map(itemgetter(1), group))
    last: dict[str, tuple[str, str]] = {}  # a household → the last sheet before listing it
    out: dict[tuple[str, str], Copy] = {}
    for where in order:
        mine = households.get(where)
        if not mine:
            continue
        # Looked up household by household: ``mine.intersection(last)`` walks the whole of ``last`` (a dict,
        # not a set), every household of every sheet before, for each sheet (2.4 s at 290 townships).
        common = [key for key in mine if key in last]
        if common:  # most sheets share no household with any before them
            # the sheets before that list some of them last (an earlier list a later one repeats whole is met
            # through the later one)
            others = sorted({last[key] for key in common}, key=order.index)
            shared = [(len(mine & households[other]), other) for other in others]
            pairs = [(n, other) for n, other in shared
                     if n >= max(MIN_RECORDS, OVERLAP_SHARE * min(len(mine), len(households[other])))
                     and n < len(mine) and n < len(households[other])]
            if pairs:
                n, other = max(pairs, key=itemgetter(0))
                out[where] = Copy(n, [other], versions=(len(households[other]) - n, len(mine) - n))
        last.update(dict.fromkeys(mine, where))
    return out


# --------------------------------------------------------------------------- summary sheets

# A count standing where a description belongs in a summary (「3个」「共5项」): no description.
_COUNT_TEXT = re.compile(r"^[共计合]?\s*[0-9０-９]+\s*[个项处户笔件条家宗次]$")
_SUMMARY_SKIPPED_KINDS = {"place", "derived", "lineage", "pii"}


@dataclass
class Summary:
    """A sheet some of whose records are totals of other sheets' records, place by place."""

    rows: list[int]  # the summary records' source rows (1-based), not counted
    example: tuple[str, float]  # a place and its total, for the message
    field: str  # the quantity's label
    kept: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet) of the records summed
    # Its rows for a place the other sheets describe whose figure is not their sum: (source row, place, the
    # summary's figure, the records' sum), not counted either (they would count the place twice) and said.
    disagree: list[tuple[int, str, float, float]] = field(default_factory=list)


def summary_sheets(columns: dict[str, list], ledger: str) -> tuple[list[bool], dict[tuple[str, str], Summary]]:
    """Records of ``ledger`` (column by column, lineage included) that are the totals, place by
    place, of other sheets' records: a township's 汇总 sheet (村名 | 筹资金额) beside its village
    sheets, a county summary by township beside the townships' own ledgers.

    A record is one when its sheet is a summary — none of its records says what a record says (its
    descriptions blank or a count such as 「3个」: no purpose, source, name or date) — and each
    quantity it gives (``Field.summed``) equals the sum of that quantity over the described records
    of other sheets in its place (its township, and its village when it names one). Returns, per
    record, whether it is such a total, and each summary sheet's ``Summary``.

    >>> cols = {"source_file": ["a"] * 4, "source_sheet": ["汇总", "澄江村", "澄江村", "新屋村"],
    ...         "source_row": [3, 2, 3, 2], "township": ["葛坳乡"] * 4, "village": ["澄江村", "澄江村", "澄江村", "新屋村"],
    ...         "purpose": [None, "修路", "慰问", "修桥"], "amount_yuan": [8000.0, 5000.0, 3000.0, 4000.0]}
    >>> totals, found = summary_sheets(cols, "funds")
    >>> totals, found[("a", "汇总")].rows
    ([True, False, False, False], [3])
    """
    n = len(columns.get("source_row", ()))
    spec = LEDGERS[ledger]
    quantities = [f for f in spec.fields if f.summed and f.name in columns]
    described = [f.name for f in spec.fields
                 if f.name in columns and not f.summed and f.kind not in _SUMMARY_SKIPPED_KINDS]
    totals = [False] * n
    if not quantities or not described or not n:
        return totals, {}
    bare = [all(_bare(columns[name][i]) for name in described) for i in range(n)]
    sheets: dict[tuple[str, str], list[int]] = {}
    for i, where in enumerate(zip(columns["source_file"], columns["source_sheet"], strict=True)):
        sheets.setdefault(where, []).append(i)
    summaries = [where for where, rows in sheets.items() if all(bare[i] for i in rows)]
    if not summaries:
        return totals, {}
    towns = [_value(v) for v in columns.get("township", [None] * n)]
    villages = [_value(v) for v in columns.get("village", [None] * n)]
    amounts = {f.name: [_number(v) for v in columns[f.name]] for f in quantities}
    # What the described records (of sheets that are no summary) add up to, by township and by village.
    by_place: dict[tuple[str, str | None], dict[str, float]] = {}
    sources: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
    summary_set = set(summaries)
    for where, rows in sheets.items():
        if where in summary_set:
            continue
        for i in rows:
            if bare[i] or towns[i] is None:
                continue
            for place in {(towns[i], None), (towns[i], villages[i])}:
                sums = by_place.setdefault(place, {})
                for name, values in amounts.items():
                    if values[i] is not None:
                        sums[name] = sums.get(name, 0.0) + values[i]
                kept = sources.setdefault(place, [])
                if where not in kept:
                    kept.append(where)
    found: dict[tuple[str, str], Summary] = {}
    for where in summaries:
        differing = []  # rows for a place described elsewhere whose figures are not its sums
        for i in sheets[where]:
            place = (towns[i], villages[i])
            sums = by_place.get(place)
            given = [(f, amounts[f.name][i]) for f in quantities if amounts[f.name][i] is not None]
            if towns[i] is None or sums is None or not given:
                continue
            if all(f.name in sums and abs(sums[f.name] - v) < 0.005 for f, v in given):
                totals[i] = True
                summary = found.setdefault(where, Summary([], (villages[i] or towns[i], given[0][1]), given[0][0].label))
                summary.rows.append(columns["source_row"][i])
                summary.kept.extend(s for s in sources[place] if s not in summary.kept)
            elif given[0][0].name in sums:
                differing.append((i, place, given[0]))
        summary = found.get(where)
        if summary is None:
            continue  # no row is a sum: whatever the sheet is, its figures are not shown to be totals
        # A summary sheet (its other rows totals to the cent) whose figure for a place the other sheets describe
        # is not their sum (澄江村 16000 against 15000 entered): a total that disagrees, not a donation more.
        for i, place, (f, v) in differing:
            totals[i] = True
            summary.rows.append(columns["source_row"][i])
            summary.disagree.append((columns["source_row"][i], place[1] or place[0], v, by_place[place][f.name]))
            summary.kept.extend(s for s in sources[place] if s not in summary.kept)
        summary.rows.sort()
    return totals, found


def _bare(value: object) -> bool:
    """A description that says nothing: blank, or a count (「3个」)."""
    v = _value(value)
    return v is None or (isinstance(v, str) and (not v.strip() or _COUNT_TEXT.match(v.strip()) is not None))


def _number(value: object) -> float | None:
    v = _value(value)
    if v is None or isinstance(v, bool):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None

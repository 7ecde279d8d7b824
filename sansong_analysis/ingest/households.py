"""Households: a stable key for each assigned household, visits matched to it, duplicates found.

A household is matched by township, village and head's name, and by group
(村民小组) too when both the roster and the visit give one. ``household_key``
is a keyed hash of those, so it is the same across runs and files and
reveals no name.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

_KEY_SALT = b"sansong-analysis/household/v1"
# Hex digits written as letters: a key of digits could hold a run of 11 that any scan for
# phone or ID numbers (rightly) flags in the processed frames.
_NO_DIGITS = str.maketrans("0123456789", "ghijklmnop")


def household_key(township: str, village: str | None, group: str | None, head: str) -> str:
    """Stable, non-revealing key: ``H`` and 16 letters (a keyed hash, its hex digits as g..p).

    >>> household_key("黄坑乡", "新屋村", "1组", "张三") == household_key("黄坑乡", "新屋村", "1组", "张三")
    True
    """
    # A column the ledger left blank arrives as None, NaN or NA (a roster without a 组别
    # column): all of them are "not given", never the text "nan".
    return _hashed(_text(township), _text(village), _text(group), _text(head))


def _hashed(*parts: str) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8, key=_KEY_SALT).hexdigest()
    return "H" + digest.translate(_NO_DIGITS)


def _given(value) -> str:
    """``_text`` of a value as ``_rows`` gives it (a missing one already None)."""
    return "" if value is None else value if type(value) is str else str(value)


def _text(value) -> str:
    value = _clean(value)
    return "" if value is None else str(value)


def _firsts(keys: list) -> list[int]:
    """For each row, the position of the first row with its key (itself when it is the first):
    a row is a duplicate (``DataFrame.duplicated(keep="first")``) where that is another row."""
    first: dict = {}
    return [first.setdefault(key, i) for i, key in enumerate(keys)]


def _duplicate_rows(frame: pd.DataFrame, dup_at: list[int], kept_at: list[int], ledger: str) -> pd.DataFrame:
    """The rows at ``dup_at``, flagged as duplicates, each pointing at the row kept in its place."""
    if not dup_at:
        return pd.DataFrame()

    def taken(col: str, at: list[int]) -> pd.Series:
        return frame[col].iloc[at].reset_index(drop=True)

    return pd.DataFrame(
        {
            "source_file": taken("source_file", dup_at), "source_sheet": taken("source_sheet", dup_at),
            "source_row": taken("source_row", dup_at), "ledger": ledger, "township": taken("township", dup_at),
            "village": taken("village", dup_at), "household_head": taken("household_head", dup_at),
            "kept_file": taken("source_file", kept_at), "kept_sheet": taken("source_sheet", kept_at),
            "kept_row": taken("source_row", kept_at),
        }
    )


def key_roster(roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assign ``household_key``; a household listed twice is kept once and reported."""
    roster = roster.copy()
    idents = list(_rows(roster, "township", "village", "group", "household_head"))
    keys = [_hashed(_given(t), _given(v), _given(g), _given(h)) for t, v, g, h in idents]
    dup = [first != i for i, first in enumerate(_firsts(keys))]
    # The same household listed again with less said about it (a township list without the 组别
    # of the village's own roster): one household when exactly one fuller entry agrees with it.
    for i, key in _fuller_entries(idents, keys).items():
        keys[i] = key
        dup[i] = True
    roster["household_key"] = keys
    # Each duplicate points at the first row kept with its key. There always is one: the first
    # row of a key is kept unless it is a less full entry, and then so are all rows of its key,
    # which now carry the key of a fuller entry, whose own first row is kept.
    kept: dict[str, int] = {}
    for i, key in enumerate(keys):
        if not dup[i] and key not in kept:
            kept[key] = i
    dup_at = [i for i, d in enumerate(dup) if d]
    duplicates = _duplicate_rows(roster, dup_at, [kept[keys[i]] for i in dup_at], "roster")
    return roster.loc[np.logical_not(dup)].reset_index(drop=True), duplicates


def _fuller_entries(idents: list[tuple], keys: list[str]) -> dict[int, str]:
    """Positions of rows without a group → the key of the one row of the same village and name that has one.

    Two fuller rows (张三 of 1组 and 张三 of 2组, and a 张三 without a group) are two households and
    the row without a group a third entry nobody can place: it is left as it is. Only a missing
    group: a row without its village may be of a village nobody named in full (a tab ``新屋``),
    not the namesake in the village that is named.
    """
    if not any(v is not None and g is None for _, v, g, _ in idents):
        return {}  # every row says its group, or none says its village: nothing to place
    grouped: dict[tuple, set[str]] = {}
    for (t, v, g, h), k in zip(idents, keys, strict=True):
        if v is not None and g is not None:
            grouped.setdefault((t, v, h), set()).add(k)
    out: dict[int, str] = {}
    for i, (t, v, g, h) in enumerate(idents):
        if v is not None and g is None and len(found := grouped.get((t, v, h), set())) == 1:
            out[i] = next(iter(found))
    return out


def _rows(frame: pd.DataFrame, *columns: str):
    """The frame's rows as tuples of those columns' values, a missing value (None, NaN, NA) as None.

    Python lists first: stepping through an Arrow-backed column value by value is many times slower.
    """
    return zip(*(_values(frame[col]) for col in columns), strict=True)


def _values(column: pd.Series) -> list:
    if isinstance(column.dtype, pd.StringDtype):
        # Each distinct text made a Python string once and shared by its rows: ``tolist`` makes one per row, and a
        # county's visits repeat their township, village and group on every row (some 70 MB at 290 townships,
        # while the visits are keyed). Missing ones (code -1) are None, the list's last entry.
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        return list(map([*uniques.tolist(), None].__getitem__, codes.tolist()))
    values = column.tolist()
    if column.hasnans:
        values = [None if missing else v for v, missing in zip(values, column.isna().tolist(), strict=True)]
    return values


def _clean(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value


def key_visits(visits: pd.DataFrame, roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``match_visits`` then ``dedupe_visits``, each visit's place and name read once for both."""
    idents = list(_rows(visits, "township", "village", "group", "household_head"))
    keys = _matched(idents, roster)
    visits["household_key"] = pd.Series(keys, index=visits.index, dtype="str")
    return _deduped(visits, keys, idents)


def match_visits(visits: pd.DataFrame, roster: pd.DataFrame) -> pd.Series:
    """Each visit's roster ``household_key``, or None when it matches no roster household or several."""
    keys = _matched(list(_rows(visits, "township", "village", "group", "household_head")), roster)
    return pd.Series(keys, index=visits.index, dtype="str")


def _matched(idents: list[tuple], roster: pd.DataFrame) -> list[str | None]:
    """The roster key of each visit's (township, village, group, head), as ``_rows`` gives them."""
    by_village: dict[tuple, list[tuple]] = {}
    by_township: dict[tuple, list[tuple]] = {}
    no_village: dict[tuple, list[tuple]] = {}  # roster entries that give no village
    for t, v, g, h, k in _rows(roster, "township", "village", "group", "household_head", "household_key"):
        by_township.setdefault((t, h), []).append((v, g, k))
        if v is not None:
            by_village.setdefault((t, v, h), []).append((v, g, k))
        else:
            no_village.setdefault((t, h), []).append((v, g, k))

    cache: dict[tuple, str | None] = {}

    def lookup(t, v, g, h):  # values as _rows gives them: missing ones are None
        if v is not None:
            candidates = by_village.get((t, v, h), []) + no_village.get((t, h), [])
        else:
            candidates = by_township.get((t, h), [])
        if not candidates and h is not None and len(h) == 3 and h.endswith("家"):
            # 赵六家: a two-character name with 家 after it, kept whole when read (张国家 is a name), is
            # the household of that name when the roster has no 赵六家 there but has 赵六.
            return lookup(t, v, g, h[:2])
        if len(candidates) == 1:  # the usual case: one roster entry of that name there
            _, group, key = candidates[0]
            return key if g is None or group is None or group == g else None
        if g is not None:
            candidates = [c for c in candidates if c[1] is None or c[1] == g]
        keys = {c[2] for c in candidates}
        return keys.pop() if len(keys) == 1 else None

    keys = []
    for ident in idents:
        key = cache.get(ident, cache)  # the cache itself marks "not looked up yet"
        if key is cache:
            key = cache[ident] = lookup(*ident)
        keys.append(key)
    return keys


def dedupe_visits(visits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same visit entered twice (same household, date, cadre and kind) is kept once.

    A visit that matches no roster household is identified by township,
    village, group and name instead of the key.
    """
    keys = _values(visits["household_key"])
    return _deduped(visits, keys, list(_rows(visits, "township", "village", "group", "household_head")))


def _deduped(visits: pd.DataFrame, keys: list[str | None], idents: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``dedupe_visits`` with each visit's household key and (township, village, group, head) given."""
    if visits.empty:
        return visits, pd.DataFrame()
    # Who was visited: the household's key, or for a visit matching none its place and name.
    who = [
        key if key is not None else ("U", _given(t), _given(v), _given(g), _given(h))
        for key, (t, v, g, h) in zip(keys, idents, strict=True)
    ]
    # The same visit: the same household, date, cadre and kind.
    identity = zip(who, _instants(visits["visit_date"]), _values(visits["cadre"]), _values(visits["visit_kind"]), strict=True)
    firsts = _firsts(list(identity))
    dup_at = [i for i, first in enumerate(firsts) if first != i]
    duplicates = _duplicate_rows(visits, dup_at, [firsts[i] for i in dup_at], "visits")
    keep = np.ones(len(visits), dtype=bool)
    keep[dup_at] = False
    return visits.loc[keep].reset_index(drop=True), duplicates


def _instants(column: pd.Series) -> list:
    """A date column's values as plain numbers (in the column's unit; missing ones None), cheap to
    compare: ``tolist`` would make a Timestamp of each."""
    if column.dtype.kind == "M":
        out = column.to_numpy().view("i8").tolist()
        if column.hasnans:
            out = [None if missing else v for v, missing in zip(out, column.isna().tolist(), strict=True)]
        return out
    return _values(column)

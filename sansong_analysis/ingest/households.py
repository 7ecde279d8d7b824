"""Households: a stable key for each assigned household, visits matched to it, duplicates found.

A household is matched by township, village and head's name, and by group
(村民小组) too when both the roster and the visit give one. ``household_key``
is a keyed hash of those, so it is the same across runs and files and
reveals no name.
"""

from __future__ import annotations

import hashlib

import pandas as pd

_KEY_SALT = b"sansong-analysis/household/v1"
# Hex digits written as letters: a key of digits could hold a run of 11 that any scan for
# phone or ID numbers (rightly) flags in the processed frames.
_NO_DIGITS = str.maketrans("0123456789", "ghijklmnop")
VISIT_IDENTITY = ("_who", "visit_date", "cadre", "visit_kind")


def household_key(township: str, village: str | None, group: str | None, head: str) -> str:
    """Stable, non-revealing key: ``H`` and 16 letters (a keyed hash, its hex digits as g..p).

    >>> household_key("黄坑乡", "新屋村", "1组", "张三") == household_key("黄坑乡", "新屋村", "1组", "张三")
    True
    """
    # A column the ledger left blank arrives as None, NaN or NA (a roster without a 组别
    # column): all of them are "not given", never the text "nan".
    text = "\x1f".join([_text(township), _text(village), _text(group), _text(head)])
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, key=_KEY_SALT).hexdigest()
    return "H" + digest.translate(_NO_DIGITS)


def _text(value) -> str:
    value = _clean(value)
    return "" if value is None else str(value)


def _lineage_of(row) -> dict:
    return {"kept_file": row["source_file"], "kept_sheet": row["source_sheet"], "kept_row": row["source_row"]}


def _duplicate_rows(frame: pd.DataFrame, dup_mask: pd.Series, keys: list[str], ledger: str) -> pd.DataFrame:
    """Rows flagged as duplicates, each pointing at the row that was kept."""
    if not dup_mask.any():
        return pd.DataFrame()
    firsts = frame.loc[~dup_mask].drop_duplicates(keys)
    kept = firsts.set_index(keys)[["source_file", "source_sheet", "source_row"]]
    kept.columns = ["kept_file", "kept_sheet", "kept_row"]
    dups = frame.loc[dup_mask].join(kept, on=keys)
    return pd.DataFrame(
        {
            "source_file": dups["source_file"], "source_sheet": dups["source_sheet"], "source_row": dups["source_row"],
            "ledger": ledger, "township": dups["township"], "village": dups["village"],
            "household_head": dups["household_head"],
            "kept_file": dups["kept_file"], "kept_sheet": dups["kept_sheet"], "kept_row": dups["kept_row"],
        }
    )


def key_roster(roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assign ``household_key``; a household listed twice is kept once and reported."""
    roster = roster.copy()
    roster["household_key"] = [
        household_key(t, v, g, h) for t, v, g, h in _rows(roster, "township", "village", "group", "household_head")
    ]
    dup = roster.duplicated("household_key", keep="first")
    # The same household listed again with less said about it (a township list without the 组别
    # of the village's own roster): one household when exactly one fuller entry agrees with it.
    fuller = _fuller_entries(roster)
    if fuller:
        rows = list(fuller)
        roster.loc[roster.index[rows], "household_key"] = [fuller[i] for i in rows]
        dup = dup | pd.Series([i in fuller for i in range(len(roster))], index=roster.index)
    duplicates = _duplicate_rows(roster, dup, ["household_key"], "roster")
    return roster.loc[~dup].reset_index(drop=True), duplicates


def _fuller_entries(roster: pd.DataFrame) -> dict[int, str]:
    """Positions of rows without a group → the key of the one row of the same village and name that has one.

    Two fuller rows (张三 of 1组 and 张三 of 2组, and a 张三 without a group) are two households and
    the row without a group a third entry nobody can place: it is left as it is. Only a missing
    group: a row without its village may be of a village nobody named in full (a tab ``新屋``),
    not the namesake in the village that is named.
    """
    idents = list(_rows(roster, "township", "village", "group", "household_head", "household_key"))
    grouped: dict[tuple, set[str]] = {}
    for t, v, g, h, k in idents:
        if v is not None and g is not None:
            grouped.setdefault((t, v, h), set()).add(k)
    out: dict[int, str] = {}
    for i, (t, v, g, h, _k) in enumerate(idents):
        if v is not None and g is None and len(keys := grouped.get((t, v, h), set())) == 1:
            out[i] = next(iter(keys))
    return out


def _rows(frame: pd.DataFrame, *columns: str):
    """The frame's rows as tuples of those columns' values, a missing value (None, NaN, NA) as None.

    Python lists first: stepping through an Arrow-backed column value by value is many times slower.
    """
    return zip(*(_values(frame[col]) for col in columns), strict=True)


def _values(column: pd.Series) -> list:
    values = column.tolist()
    if column.hasnans:
        values = [None if missing else v for v, missing in zip(values, column.isna().tolist(), strict=True)]
    return values


def _clean(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value


def match_visits(visits: pd.DataFrame, roster: pd.DataFrame) -> pd.Series:
    """Each visit's roster ``household_key``, or None when it matches no roster household or several."""
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
        if len(candidates) == 1:  # the usual case: one roster entry of that name there
            _, group, key = candidates[0]
            return key if g is None or group is None or group == g else None
        if g is not None:
            candidates = [c for c in candidates if c[1] is None or c[1] == g]
        keys = {c[2] for c in candidates}
        return keys.pop() if len(keys) == 1 else None

    keys = []
    for ident in _rows(visits, "township", "village", "group", "household_head"):
        key = cache.get(ident, cache)  # the cache itself marks "not looked up yet"
        if key is cache:
            key = cache[ident] = lookup(*ident)
        keys.append(key)
    return pd.Series(keys, index=visits.index, dtype="str")


def dedupe_visits(visits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same visit entered twice (same household, date, cadre and kind) is kept once.

    A visit that matches no roster household is identified by township,
    village, group and name instead of the key.
    """
    if visits.empty:
        return visits, pd.DataFrame()
    who = visits["household_key"].astype(object).where(
        visits["household_key"].notna(),
        "U\x1f" + visits["township"].astype(str) + "\x1f" + visits["village"].fillna("").astype(str)
        + "\x1f" + visits["group"].fillna("").astype(str) + "\x1f" + visits["household_head"].astype(str),
    )
    work = visits.assign(_who=who)
    dup = work.duplicated(list(VISIT_IDENTITY), keep="first")
    duplicates = _duplicate_rows(work, dup, list(VISIT_IDENTITY), "visits")
    return visits.loc[~dup.to_numpy()].reset_index(drop=True), duplicates

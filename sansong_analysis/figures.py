"""The figures of docs/contract.md §5 and the breakdowns behind the charts: frames in, numbers out.

Every function here is pure: it takes the tidy frames (a ``dict`` keyed by
frame name, as ``store`` reads them back from Parquet) and returns plain
Python values or a small DataFrame. No files, no printing.

Period rules, the same everywhere:

- ``start`` and ``end`` are inclusive dates (``date``, ``datetime``, a
  ``Timestamp`` or an ISO string such as ``"2011-09-30"``).
- With no period at all (both ``None``) every record counts, dated or not.
- With a period, a record counts only when its date falls in it; an undated
  record cannot be placed, so it does not count. With only ``start`` (or
  only ``end``) the other side is open.
- The date that places a record: ``visits.visit_date``, ``funds.date``,
  ``projects.completed_date``, ``disputes.received_date``. The roster (the
  households assigned) has no date: it is the denominator for any period.
- A project completed in a month written without its day (``2011年9月``) counts in a period
  that holds that whole month (``projects.completed_precision == "month"``); one known to its
  year alone (``2011年``) in a period that holds the whole year (``"year"``).

A township appears in the figures when it has a row in any of the five
ledger frames, whatever the period, with zeros rather than missing values.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd

from sansong_analysis import schemas
from sansong_analysis.ledgers import LEDGERS

Frames = dict[str, pd.DataFrame]
DateLike = date | datetime | pd.Timestamp | str | None

RECORD_FRAMES = ("roster", "visits", "funds", "projects", "disputes")
# The date that places a record of each frame in a period.
DATE_COLUMNS = {"visits": "visit_date", "funds": "date", "projects": "completed_date", "disputes": "received_date"}

# docs/contract.md §5: the figures of a township, in this order.
FIGURE_KEYS = (
    "households_assigned", "households_visited", "coverage_rate",
    "poor_households_assigned", "poor_households_visited", "visits", "funds_raised_yuan",
    "disputes_total", "disputes_resolved", "resolution_rate", "farmland_benefited_mu",
)
TOWNSHIP_KEYS = ("township", *FIGURE_KEYS)
_COUNT_KEYS = (
    "households_assigned", "households_visited", "poor_households_assigned", "poor_households_visited",
    "visits", "disputes_total", "disputes_resolved",
)

# Placeholders for a free-text grouping column left blank in the ledger.
UNSPECIFIED_VILLAGE = "（未注明村）"
UNSPECIFIED_PURPOSE = "（未注明用途）"
UNSPECIFIED_SOURCE = "（未注明来源）"
# 小事不出组，大事不出村: disputes settled at these levels are settled locally.
LOCAL_LEVELS = ("group", "village")


# --------------------------------------------------------------------------- period


def _as_date(value: DateLike, what: str) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{what}“{value}”不是有效日期，应写成 2011-01-01 的格式")


def validate_period(start: DateLike = None, end: DateLike = None) -> tuple[date | None, date | None]:
    """The period as two dates (either may be None); a Chinese ValueError when it is impossible.

    >>> validate_period("2011-01-01", "2011-09-30")
    (datetime.date(2011, 1, 1), datetime.date(2011, 9, 30))
    >>> validate_period("2011-09-30", "2011-01-01")
    Traceback (most recent call last):
    ValueError: 统计期间有误：截止日期 2011-01-01 早于起始日期 2011-09-30
    """
    start_date = _as_date(start, "起始日期")
    end_date = _as_date(end, "截止日期")
    if start_date is not None and end_date is not None and end_date < start_date:
        raise ValueError(f"统计期间有误：截止日期 {end_date.isoformat()} 早于起始日期 {start_date.isoformat()}")
    return start_date, end_date


def _dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    return pd.to_datetime(values, errors="coerce")


def in_period(
    dates: pd.Series, start: DateLike = None, end: DateLike = None, precision: pd.Series | None = None
) -> pd.Series:
    """Boolean mask: which dates fall in the inclusive period (see the module's period rules).

    ``precision`` (``"day"``, ``"month"`` or ``"year"`` per date, as ``projects.completed_precision``): a date
    known only to its month (stored as the month's first day), or its year, falls in the period when the
    whole month (year) does; a period that starts or ends inside that month cannot tell, so it does
    not count it, rather than guess.
    """
    start_date, end_date = validate_period(start, end)
    if start_date is None and end_date is None:
        return pd.Series(True, index=dates.index, dtype=bool)
    when = _dates(dates)
    last = when
    if precision is not None:
        monthly = (precision == "month").fillna(False).astype(bool)
        if monthly.any():
            last = when.where(~monthly, when + pd.offsets.MonthEnd(0))
        yearly = (precision == "year").fillna(False).astype(bool)
        if yearly.any():
            last = last.where(~yearly, when + pd.offsets.YearEnd(0))
    mask = when.notna()
    if start_date is not None:
        mask &= when >= pd.Timestamp(start_date)
    if end_date is not None:
        mask &= last < pd.Timestamp(end_date) + pd.Timedelta(days=1)
    return mask.fillna(False).astype(bool)


# --------------------------------------------------------------------------- frames


def _empty_column(index: pd.Index, dtype: str) -> pd.Series:
    if dtype == "bool":
        return pd.Series(False, index=index, dtype="bool")
    if dtype == "int64":
        return pd.Series(pd.NA, index=index, dtype="Int64")
    return pd.Series(index=index, dtype=dtype)


def frame(frames: Frames, name: str) -> pd.DataFrame:
    """One tidy frame with every canonical column present (an absent frame is empty).

    Tolerates hand-built frames that leave columns out; dates are made datetimes.
    """
    ledger = LEDGERS[name]
    df = frames.get(name)
    if df is None:
        df = pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in ledger.dtypes.items()})
    missing = [col for col in ledger.frame_columns if col not in df.columns]
    if missing:
        df = df.assign(**{col: _empty_column(df.index, ledger.dtypes[col]) for col in missing})
    if name in DATE_COLUMNS:
        df = df.assign(**{DATE_COLUMNS[name]: _dates(df[DATE_COLUMNS[name]])})
    if name == "disputes":
        df = df.assign(resolved_date=_dates(df["resolved_date"]))
    return df


def records(
    frames: Frames, name: str, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """The rows of one frame in a township (None: the whole county) and period."""
    df = frame(frames, name)
    if township is not None:
        df = df.loc[df["township"] == township]
    if name in DATE_COLUMNS:
        precision = df["completed_precision"] if name == "projects" else None
        df = df.loc[in_period(df[DATE_COLUMNS[name]], start, end, precision)]
    return df


def all_townships(frames: Frames) -> list[str]:
    """Every township with a row in any of the five ledger frames, sorted by name."""
    names: set[str] = set()
    for name in RECORD_FRAMES:
        df = frames.get(name)
        if df is not None and "township" in df.columns:
            names.update(str(t) for t in df["township"].dropna().unique())
    return sorted(names)


def _households(frames: Frames, township: str | None, start: DateLike, end: DateLike) -> pd.DataFrame:
    """One row per assigned household: township, village, is_poor, visited (in the period)."""
    roster = frame(frames, "roster")
    if township is not None:
        roster = roster.loc[roster["township"] == township]
    visits = records(frames, "visits", None, start, end)
    visited_keys = set(visits["household_key"].dropna())
    return (
        roster.assign(is_poor=roster["is_poor"].fillna(False).astype(bool))
        .groupby("household_key", sort=False)
        .agg(township=("township", "first"), village=("village", "first"), is_poor=("is_poor", "any"))
        .reset_index()
        .assign(visited=lambda h: _among(h["household_key"], visited_keys))
    )


def _among(values: pd.Series, keys: set[str]) -> pd.Series:
    """``values.isin(keys)``, by set look-ups. pandas' ``isin`` on Arrow-backed text turns every key
    into an Arrow scalar first: the county overview's 12,857 visit keys cost 0.05 s a call that way,
    under a millisecond this way (docs/performance.md)."""
    return pd.Series([value in keys for value in values], index=values.index, dtype=bool)


# --------------------------------------------------------------------------- §5 figures


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _figures(counts: dict[str, Any]) -> dict[str, Any]:
    """A §5 figures dict (without township) from raw counts and sums, as plain Python values."""
    assigned = int(counts.get("households_assigned", 0))
    visited = int(counts.get("households_visited", 0))
    total = int(counts.get("disputes_total", 0))
    resolved = int(counts.get("disputes_resolved", 0))
    return {
        "households_assigned": assigned,
        "households_visited": visited,
        "coverage_rate": _ratio(visited, assigned),
        "poor_households_assigned": int(counts.get("poor_households_assigned", 0)),
        "poor_households_visited": int(counts.get("poor_households_visited", 0)),
        "visits": int(counts.get("visits", 0)),
        "funds_raised_yuan": round(float(counts.get("funds_raised_yuan", 0.0)), 2) + 0.0,
        "disputes_total": total,
        "disputes_resolved": resolved,
        "resolution_rate": _ratio(resolved, total),
        "farmland_benefited_mu": round(float(counts.get("farmland_benefited_mu", 0.0)), 4) + 0.0,
    }


def _township_counts(frames: Frames, start: DateLike, end: DateLike) -> pd.DataFrame:
    """Raw counts and sums per township (index), unrounded; townships without rows absent."""
    households = _households(frames, None, start, end)
    visits = records(frames, "visits", None, start, end)
    funds = records(frames, "funds", None, start, end)
    projects = records(frames, "projects", None, start, end)
    disputes = records(frames, "disputes", None, start, end)
    poor = households.loc[households["is_poor"]]
    columns = {
        "households_assigned": households.groupby("township").size(),
        "households_visited": households.loc[households["visited"]].groupby("township").size(),
        "poor_households_assigned": poor.groupby("township").size(),
        "poor_households_visited": poor.loc[poor["visited"]].groupby("township").size(),
        "visits": visits.groupby("township").size(),
        "funds_raised_yuan": funds.groupby("township")["amount_yuan"].sum(),
        "disputes_total": disputes.groupby("township").size(),
        "disputes_resolved": disputes.loc[disputes["outcome"] == "resolved"].groupby("township").size(),
        "farmland_benefited_mu": projects.groupby("township")["farmland_mu"].sum(),
    }
    return pd.DataFrame({key: series.astype("float64") for key, series in columns.items()}).fillna(0.0)


def compute_figures(
    frames: Frames,
    start: DateLike = None,
    end: DateLike = None,
    townships: list[str] | None = None,
) -> dict[str, Any]:
    """docs/contract.md §5's document: period, one entry per township (sorted by name), county.

    ``townships=None`` gives every township with a row in any ledger frame;
    a list gives exactly those townships (one with no rows gets zeros), and
    the county entry is then the sum over them. Rates are None when their
    denominator is 0. Every value is a plain int, float, str or None, so the
    result goes straight to ``json.dumps``.

    >>> doc = compute_figures(frames, "2011-01-01", "2011-12-31")
    >>> doc["county"]["coverage_rate"]
    1.0
    """
    start_date, end_date = validate_period(start, end)
    names = sorted(set(townships)) if townships is not None else all_townships(frames)
    counts = _township_counts(frames, start_date, end_date).reindex(names, fill_value=0.0)
    rows = [{"township": name, **_figures(counts.loc[name].to_dict())} for name in names]
    county = _figures(counts.sum().to_dict()) if names else _figures({})
    return {
        "period": {
            "start": start_date.isoformat() if start_date else None,
            "end": end_date.isoformat() if end_date else None,
        },
        "townships": rows,
        "county": county,
    }


def township_table(
    frames: Frames, start: DateLike = None, end: DateLike = None, townships: list[str] | None = None
) -> pd.DataFrame:
    """The §5 township entries as a DataFrame (one row a township, columns in §5 order).

    Rates are NaN where §5 has null. ``LABELS`` gives the Chinese column headings.
    """
    doc = compute_figures(frames, start, end, townships)
    table = pd.DataFrame(doc["townships"], columns=list(TOWNSHIP_KEYS))
    for key in _COUNT_KEYS:
        table[key] = table[key].astype("int64")
    for key in ("coverage_rate", "resolution_rate", "funds_raised_yuan", "farmland_benefited_mu"):
        table[key] = table[key].astype("float64")
    table["township"] = table["township"].astype("str")
    return schemas.check(table, schemas.township_table_schema())


# --------------------------------------------------------------------------- breakdowns


def coverage_by_village(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Households assigned and visited per village; one row per (township, village).

    Columns: township, village, households_assigned, households_visited,
    coverage_rate (NaN never occurs: a village is here because it has an
    assigned household), poor_households_assigned, poor_households_visited.
    A blank village is shown as ``（未注明村）``.
    """
    households = _households(frames, township, start, end)
    households = households.assign(
        village=households["village"].fillna(UNSPECIFIED_VILLAGE),
        poor_visited=households["is_poor"] & households["visited"],
    )
    table = (
        households.groupby(["township", "village"], sort=True)
        .agg(
            households_assigned=("household_key", "size"),
            households_visited=("visited", "sum"),
            poor_households_assigned=("is_poor", "sum"),
            poor_households_visited=("poor_visited", "sum"),
        )
        .reset_index()
    )
    counts = ["households_assigned", "households_visited", "poor_households_assigned", "poor_households_visited"]
    table[counts] = table[counts].astype("int64")
    table["coverage_rate"] = (table["households_visited"] / table["households_assigned"]).astype("float64")
    table = table[["township", "village", "households_assigned", "households_visited", "coverage_rate",
                   "poor_households_assigned", "poor_households_visited"]]
    return schemas.check(table, schemas.village_coverage_schema())


def visits_by_month(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Visits per calendar month: month (first day), visits, households_visited, relief_yuan.

    Months without a visit between the first and the last appear with zeros.
    Undated visits (counted only when no period is given) form a last row
    whose month is NaT. ``households_visited`` counts distinct roster
    households visited that month.
    """
    visits = records(frames, "visits", township, start, end)
    month = visits["visit_date"].dt.to_period("M").dt.to_timestamp()
    visits = visits.assign(month=month, relief_yuan=visits["relief_yuan"].astype("float64"))
    grouped = visits.groupby("month", dropna=False).agg(
        visits=("visit_date", "size"),
        households_visited=("household_key", "nunique"),
        relief_yuan=("relief_yuan", "sum"),
    )
    dated = grouped.loc[grouped.index.notna()]
    if not dated.empty:
        months = pd.date_range(dated.index.min(), dated.index.max(), freq="MS")
        dated = dated.reindex(months, fill_value=0)
    table = pd.concat([dated, grouped.loc[grouped.index.isna()]])
    table.index.name = "month"
    table = table.reset_index()
    table["month"] = pd.to_datetime(table["month"])
    table[["visits", "households_visited"]] = table[["visits", "households_visited"]].astype("int64")
    table["relief_yuan"] = table["relief_yuan"].astype("float64").round(2)
    return table[["month", "visits", "households_visited", "relief_yuan"]]


def _funds_by(
    column: str, placeholder: str, frames: Frames, township: str | None, start: DateLike, end: DateLike
) -> pd.DataFrame:
    funds = records(frames, "funds", township, start, end)
    funds = funds.assign(
        **{column: funds[column].fillna(placeholder)},
        approximate=funds["amount_qualifier"].fillna("exact") != "exact",
    )
    table = (
        funds.groupby(column, sort=False)
        .agg(amount_yuan=("amount_yuan", "sum"), records=("amount_yuan", "size"), approximate=("approximate", "any"))
        .reset_index()
        .sort_values(["amount_yuan", column], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    table["amount_yuan"] = table["amount_yuan"].astype("float64").round(2)
    table["records"] = table["records"].astype("int64")
    table["approximate"] = table["approximate"].astype(bool)
    return table[[column, "amount_yuan", "records", "approximate"]]


def funds_by_purpose(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Funds raised per purpose, largest first: purpose, amount_yuan, records, approximate.

    ``approximate`` is True when any amount in the group was written with a
    qualifier (``20余万元``, ``近万元``, ``约3千元``): the sum then reads "at
    least / about", and a chart or summary must say so.
    """
    return _funds_by("purpose", UNSPECIFIED_PURPOSE, frames, township, start, end)


def funds_by_source(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Funds raised per source, largest first: source, amount_yuan, records, approximate."""
    return _funds_by("source", UNSPECIFIED_SOURCE, frames, township, start, end)


def disputes_by_type_and_outcome(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Disputes per type (in ``DISPUTE_TYPES`` order, types with none left out), split by outcome.

    Columns: dispute_type, resolved, unresolved, referred, pending, total,
    resolution_rate (resolved / total).
    """
    disputes = records(frames, "disputes", township, start, end)
    types = [t for t in LEDGERS["disputes"].field("dispute_type").allowed or () if t in set(disputes["dispute_type"])]
    outcomes = list(LEDGERS["disputes"].field("outcome").allowed or ())
    table = (
        pd.crosstab(disputes["dispute_type"], disputes["outcome"])
        .reindex(index=types, columns=outcomes, fill_value=0)
        .astype("int64")
    )
    table.index.name = "dispute_type"
    table.columns.name = None
    table = table.reset_index()
    table["total"] = table[outcomes].sum(axis=1).astype("int64")
    table["resolution_rate"] = (table["resolved"] / table["total"]).astype("float64")
    return table


def disputes_by_level(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Disputes per mediation level (group, village, township, then NA for not recorded).

    Columns: level, disputes, resolved, share (of all disputes in the period).
    Levels with no dispute are left out.
    """
    disputes = records(frames, "disputes", township, start, end)
    resolved = disputes["outcome"] == "resolved"
    rows = []
    for level in (*(LEDGERS["disputes"].field("level").allowed or ()), None):
        at_level = disputes["level"].isna() if level is None else disputes["level"] == level
        if at_level.any():
            rows.append({"level": level, "disputes": int(at_level.sum()), "resolved": int((at_level & resolved).sum())})
    table = pd.DataFrame(rows, columns=["level", "disputes", "resolved"]).astype(
        {"level": "str", "disputes": "int64", "resolved": "int64"}
    )
    table["share"] = (table["disputes"] / len(disputes)).astype("float64") if len(disputes) else 0.0
    return table


def dispute_summary(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> dict[str, Any]:
    """The dispute figures a title or a paragraph needs, as plain Python values.

    ``settled_locally``: disputes resolved at group or village level
    (小事不出组，大事不出村); ``settled_locally_share`` is their share of all
    disputes received. ``legal_aid``: disputes where legal help was given.
    ``median_days_to_resolve``: over resolved disputes with both dates.
    """
    disputes = records(frames, "disputes", township, start, end)
    total = len(disputes)
    resolved = disputes["outcome"] == "resolved"
    local = int((resolved & disputes["level"].isin(LOCAL_LEVELS)).sum())
    days = days_to_resolve(frames, township, start, end)["days"]
    return {
        "disputes_total": total,
        "disputes_resolved": int(resolved.sum()),
        "resolution_rate": _ratio(int(resolved.sum()), total),
        "settled_locally": local,
        "settled_locally_share": _ratio(local, total),
        "legal_aid": int(disputes["legal_aid"].fillna(False).astype(bool).sum()),
        "median_days_to_resolve": float(days.median()) if len(days) else None,
    }


def days_to_resolve(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Days from receipt to resolution, one row per resolved dispute with both dates.

    Columns: township, village, dispute_type, level, received_date,
    resolved_date, days. A negative ``days`` (resolved before received) is a
    ledger error for the analyst to fix; it is kept, not guessed away.
    """
    disputes = records(frames, "disputes", township, start, end)
    done = disputes.loc[
        (disputes["outcome"] == "resolved") & disputes["received_date"].notna() & disputes["resolved_date"].notna()
    ]
    days = (done["resolved_date"].dt.normalize() - done["received_date"].dt.normalize()).dt.days
    return (
        done.assign(days=days.astype("int64"))
        [["township", "village", "dispute_type", "level", "received_date", "resolved_date", "days"]]
        .reset_index(drop=True)
    )


def farmland_by_project(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> pd.DataFrame:
    """Projects that benefit farmland, most 亩 first (period by completion date).

    Columns: township, village, project_name, project_type, farmland_mu,
    households_benefited, investment_yuan, completed_date.
    """
    projects = records(frames, "projects", township, start, end)
    projects = projects.loc[projects["farmland_mu"].fillna(0) > 0]
    return (
        projects.sort_values(["farmland_mu", "project_name"], ascending=[False, True], kind="stable")
        [["township", "village", "project_name", "project_type", "farmland_mu", "households_benefited",
          "investment_yuan", "completed_date"]]
        .reset_index(drop=True)
    )


def latest_record_date(
    frames: Frames, township: str | None = None, names: tuple[str, ...] = tuple(DATE_COLUMNS)
) -> date | None:
    """The latest date on any record of the given frames (for "统计截至" when no end date is set)."""
    latest: pd.Timestamp | None = None
    for name in names:
        df = records(frames, name, township)
        value = df[DATE_COLUMNS[name]].max() if len(df) else pd.NaT
        if pd.notna(value) and (latest is None or value > latest):
            latest = value
    return latest.date() if latest is not None else None

"""The shape of every tidy frame and figures table, as pandera schemas generated from the declarations.

Nothing here is declared twice: a tidy frame's columns, dtypes, nullability and allowed values
come from ``ledgers.py`` (each ``Field``), its value ranges from the field's kind — amounts,
areas, lengths and counts are never negative, dates lie in the years the reader accepts — and
the figures tables' from ``figures``' keys (rates in [0, 1], counts whole and ≥ 0, what was
visited never more than what was assigned). Validation is lazy: every failure of a frame is
reported at once, not the first one.

pandera is imported when a schema is first asked for (it takes most of a second), so that the
commands which never validate do not pay for it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pandas as pd

from sansong_analysis.ledgers import DUPLICATES_COLUMNS, LEDGERS, LINEAGE, REJECTS_COLUMNS

if TYPE_CHECKING:
    import pandera.pandas as pa

# The years ``values.parse_date`` reads a date in (anything else is a reject, never a record).
FIRST_DATE, LAST_DATE = pd.Timestamp("1950-01-01"), pd.Timestamp("2100-12-31")
NON_NEGATIVE_KINDS = frozenset({"amount", "area", "length", "count"})
RATE_COLUMNS = ("coverage_rate", "resolution_rate")
# (part, whole): a township never visits more households than it was assigned, and so on.
PARTS_OF_WHOLES = (
    ("households_visited", "households_assigned"),
    ("poor_households_visited", "poor_households_assigned"),
    ("poor_households_assigned", "households_assigned"),
    ("disputes_resolved", "disputes_total"),
)


class SchemaError(Exception):
    """A frame that does not have the declared shape (a bug of ours, not bad input): every failure listed."""


def frame_dtypes(name: str) -> dict[str, str]:
    """Column → dtype of a tidy frame, in order, from the one declaration in ``ledgers``."""
    if name in LEDGERS:
        return LEDGERS[name].dtypes
    if name == "rejects":
        return dict(REJECTS_COLUMNS)
    if name == "duplicates":
        return dict(DUPLICATES_COLUMNS)
    raise KeyError(name)


# Beyond the ledgers' own fields: the columns of rejects and duplicates that can never be empty.
_NOT_NULL = {
    "rejects": {"reason"},
    "duplicates": {"kept_file", "kept_sheet", "kept_row"},
}


def _pandera():
    import pandera.pandas as pa

    return pa


@functools.cache
def frame_schema(name: str) -> pa.DataFrameSchema:
    """The schema of tidy frame ``name`` (a ledger, ``rejects`` or ``duplicates``)."""
    pa = _pandera()
    fields = {f.name: f for f in LINEAGE}
    if name in LEDGERS:
        fields.update({f.name: f for f in LEDGERS[name].fields})
    columns = {}
    for col, dtype in frame_dtypes(name).items():
        f = fields.get(col)
        checks = []
        if f is not None and f.kind in NON_NEGATIVE_KINDS:
            checks.append(pa.Check.ge(0))
        if dtype.startswith("datetime64"):
            checks.append(pa.Check.in_range(FIRST_DATE, LAST_DATE))
        if f is not None and f.allowed is not None:
            checks.append(pa.Check.isin(f.allowed))
        nullable = (f.nullable if f is not None else True) and col not in _NOT_NULL.get(name, ())
        columns[col] = pa.Column(dtype, checks=checks, nullable=nullable)
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=name)


@functools.cache
def township_table_schema() -> pa.DataFrameSchema:
    """The §5 figures as a table (``figures.township_table``): one row a township."""
    from sansong_analysis.figures import FIGURE_KEYS

    pa = _pandera()
    columns: dict[str, pa.Column] = {"township": pa.Column("str", nullable=False, unique=True)}
    for key in FIGURE_KEYS:
        if key in RATE_COLUMNS:
            columns[key] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
        elif key in ("funds_raised_yuan", "farmland_benefited_mu"):
            columns[key] = pa.Column("float64", pa.Check.ge(0))
        else:
            columns[key] = pa.Column("int64", pa.Check.ge(0))
    checks = [
        pa.Check(lambda t, part=part, whole=whole: t[part] <= t[whole], name=f"{part} <= {whole}")
        for part, whole in PARTS_OF_WHOLES
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, name="township_table")


@functools.cache
def village_coverage_schema() -> pa.DataFrameSchema:
    """``figures.coverage_by_village``: rates in [0, 1], visited never more than assigned."""
    pa = _pandera()
    counts = ("households_assigned", "households_visited", "poor_households_assigned", "poor_households_visited")
    columns = {
        "township": pa.Column("str", nullable=False),
        "village": pa.Column("str", nullable=False),
        **{key: pa.Column("int64", pa.Check.ge(0)) for key in counts},
        "coverage_rate": pa.Column("float64", pa.Check.in_range(0.0, 1.0)),
    }
    checks = [
        pa.Check(lambda t, part=part, whole=whole: t[part] <= t[whole], name=f"{part} <= {whole}")
        for part, whole in PARTS_OF_WHOLES if part in counts and whole in counts
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=False, name="coverage_by_village")


def check(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """``frame`` unchanged if it fits ``schema``; otherwise :class:`SchemaError` naming every failure."""
    pa = _pandera()
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise SchemaError(_describe(schema.name, errors.failure_cases)) from None


def validate_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check tidy frame ``name`` against its declaration (see :func:`frame_schema`).

    A frame that plainly fits (``fits_declaration``: the same checks, done directly) is passed
    without pandera; anything else goes to pandera, which decides and names every failure.
    """
    if fits_declaration(frame, name):
        return frame
    return check(frame, frame_schema(name))


@functools.cache
def _declared(name: str) -> tuple[tuple[str, object, bool, bool, bool, tuple | None], ...]:
    """Per column of frame ``name``: (column, dtype as ``store.conform`` makes it, nullable,
    never negative, a date in the accepted years, allowed values) — what ``frame_schema`` checks."""
    fields = {f.name: f for f in LINEAGE}
    if name in LEDGERS:
        fields.update({f.name: f for f in LEDGERS[name].fields})
    out = []
    for col, dtype in frame_dtypes(name).items():
        f = fields.get(col)
        nullable = (f.nullable if f is not None else True) and col not in _NOT_NULL.get(name, ())
        out.append((col, pd.Series([], dtype=dtype).dtype, nullable, f is not None and f.kind in NON_NEGATIVE_KINDS,
                    dtype.startswith("datetime64"), f.allowed if f is not None else None))
    return tuple(out)


def fits_declaration(frame: pd.DataFrame, name: str) -> bool:
    """Whether ``frame`` passes every check of ``frame_schema(name)``, answered without pandera.

    The same checks (columns in order and nothing else, dtypes, nulls where not allowed, never
    negative, dates in range, allowed values; missing values exempt from the value checks, as in
    pandera), each at least as strict: a False only sends the frame to pandera, which then gives
    the verdict and the description. pandera's import and validation cost more than the rest of
    writing the frames; a clean's frames fit.
    """
    declared = _declared(name)
    if [col for col, *_ in declared] != list(frame.columns):
        return False
    for col, dtype, nullable, non_negative, dated, allowed in declared:
        series = frame[col]
        if series.dtype != dtype or type(series.dtype) is not type(dtype):
            return False
        missing = series.isna()
        if not nullable and missing.any():
            return False
        if not (non_negative or dated or allowed is not None):
            continue
        present = series[~missing] if missing.any() else series
        if non_negative and not bool((present >= 0).all()):
            return False
        if dated and not bool(((present >= FIRST_DATE) & (present <= LAST_DATE)).all()):
            return False
        if allowed is not None and not bool(present.isin(allowed).all()):
            return False
    return True


def _describe(name: str, failures: pd.DataFrame) -> str:
    """One line per (column, check): how many rows failed, a few values and row numbers."""
    lines = []
    for (column, failed_check), group in failures.groupby(["column", "check"], dropna=False, sort=False):
        values = ", ".join(repr(v) for v in group["failure_case"].head(3))
        rows = ", ".join(str(i) for i in group["index"].dropna().head(3))
        where = f" (rows {rows})" if rows else ""
        lines.append(f"{column if pd.notna(column) else '(frame)'}: {failed_check}: {len(group)} × {values}{where}")
    return f"{name}: {len(lines)} failed check(s):\n  " + "\n  ".join(lines)

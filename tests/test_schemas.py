"""Validation of every frame written and of the figures tables: generated from the declarations, all
failures at once, ranges checked (amounts ≥ 0, plausible dates, rates in [0, 1])."""

from __future__ import annotations

import pandas as pd
import pytest

from sansong_analysis import schemas, store
from sansong_analysis.ledgers import LEDGERS


def funds_frame(**overrides) -> pd.DataFrame:
    row = {"source_file": "黄坑乡/筹资.xlsx", "source_sheet": "筹资", "source_row": 5, "date": "2011-05-01",
           "township": "黄坑乡", "village": "新屋村", "purpose": "修路", "source": "外出务工人员",
           "amount_yuan": 12000.0, "amount_qualifier": "exact"}
    rows = [dict(row, source_row=5 + i) for i in range(3)]
    for column, values in overrides.items():
        for r, value in zip(rows, values, strict=False):
            r[column] = value
    return store.conform(pd.DataFrame(rows), "funds")


def test_a_good_frame_passes_for_every_declared_frame(small_county):
    frames = store.load(small_county["processed"])
    for name in store.FRAME_NAMES:
        schemas.validate_frame(store.conform(frames[name], name), name)
        schemas.validate_frame(store.conform(None, name), name)  # empty frames too


def test_every_failure_is_reported_at_once():
    bad = funds_frame(amount_yuan=[-5.0], date=[None, "1900-01-01"], amount_qualifier=[None, None, "maybe"],
                      township=[None])
    with pytest.raises(schemas.SchemaError) as caught:
        schemas.validate_frame(bad, "funds")
    message = str(caught.value)
    assert message.startswith("funds: 5 failed check(s)")  # the two nulls of amount_qualifier are one check
    for expected in ("amount_yuan: greater_than_or_equal_to(0)", "date: in_range", "amount_qualifier: isin",
                     "township: not_nullable"):
        assert expected in message, message
    assert "-5.0" in message and "'maybe'" in message


def test_columns_and_dtypes_are_the_declared_ones():
    frame = funds_frame()
    with pytest.raises(schemas.SchemaError, match="column_in_dataframe|column_in_schema"):
        schemas.validate_frame(frame.drop(columns=["purpose"]), "funds")
    with pytest.raises(schemas.SchemaError, match="dtype"):
        schemas.validate_frame(frame.assign(amount_yuan=frame["amount_yuan"].astype("object")), "funds")


def test_the_schema_comes_from_the_ledger_declarations():
    for name, ledger in LEDGERS.items():
        schema = schemas.frame_schema(name)
        assert list(schema.columns) == ledger.frame_columns
        for f in ledger.fields:
            if f.stored:
                assert schema.columns[f.name].nullable == f.nullable, (name, f.name)
    checks = {str(c) for c in schemas.frame_schema("projects").columns["farmland_mu"].checks}
    assert any("greater_than_or_equal_to" in c for c in checks)


def test_a_writer_refuses_a_bad_frame_and_keeps_the_previous_folder(small_county, tmp_path):
    processed = tmp_path / "processed"
    frames = store.load(small_county["processed"])
    store.write_frames(frames, processed)
    broken = dict(frames, funds=funds_frame(amount_yuan=[-1.0]))
    with pytest.raises(schemas.SchemaError):
        store.write_frames(broken, processed)
    pd.testing.assert_frame_equal(store.load(processed)["funds"], frames["funds"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".processed.lock", "processed"]


def township_table(**overrides) -> pd.DataFrame:
    row = {"township": "黄坑乡", "households_assigned": 16, "households_visited": 13, "coverage_rate": 13 / 16,
           "poor_households_assigned": 4, "poor_households_visited": 3, "visits": 20, "funds_raised_yuan": 1.2e4,
           "disputes_total": 5, "disputes_resolved": 4, "resolution_rate": 0.8, "farmland_benefited_mu": 30.0}
    row.update(overrides)
    return pd.DataFrame([row]).astype({k: "int64" for k, v in row.items() if isinstance(v, int)}
                                      | {"township": "str"})


def test_figures_tables_are_checked():
    schemas.check(township_table(), schemas.township_table_schema())
    schemas.check(township_table(coverage_rate=float("nan")), schemas.township_table_schema())  # null rate
    with pytest.raises(schemas.SchemaError) as caught:
        schemas.check(township_table(coverage_rate=1.2, households_visited=17, visits=-1), schemas.township_table_schema())
    message = str(caught.value)
    assert "coverage_rate: in_range(0.0, 1.0)" in message
    assert "households_visited <= households_assigned" in message and "visits: greater_than_or_equal_to(0)" in message


def test_the_figures_functions_validate_what_they_return(small_county):
    from sansong_analysis import figures

    frames = store.load(small_county["processed"])
    table = figures.township_table(frames)
    assert len(table) == len(small_county["townships"])
    assert figures.coverage_by_village(frames)["coverage_rate"].between(0, 1).all()


def test_the_direct_check_passes_only_what_pandera_passes(small_county):
    """``fits_declaration`` spares a clean pandera's cost; it must never pass a frame pandera refuses."""
    frames = store.load(small_county["processed"])
    for name in store.FRAME_NAMES:
        assert schemas.fits_declaration(store.conform(frames[name], name), name), name
        assert schemas.fits_declaration(store.conform(None, name), name), name
    good = funds_frame()
    bad_frames = [
        funds_frame(amount_yuan=[-5.0]),
        funds_frame(date=[None, "1900-01-01"]),
        funds_frame(amount_qualifier=[None]),
        funds_frame(amount_qualifier=["exact", "maybe"]),
        funds_frame(township=[None]),
        good.drop(columns=["purpose"]),
        good[list(reversed(good.columns))],
        good.assign(extra=1),
        good.assign(amount_yuan=good["amount_yuan"].astype("object")),
        good.assign(township=good["township"].astype("object")),
        good.assign(township=good["township"].astype(pd.StringDtype("python", na_value=float("nan")))),
    ]
    for bad in bad_frames:
        # Not passed directly: pandera decides (it lets an object column of text pass as str).
        assert not schemas.fits_declaration(bad, "funds")
    for bad in bad_frames[:-3] + bad_frames[-1:]:
        with pytest.raises(schemas.SchemaError):
            schemas.validate_frame(bad, "funds")
    schemas.validate_frame(bad_frames[-2], "funds")


def test_a_text_column_casts_the_same_whatever_it_holds():
    """``store._cast`` to ``str``: an object column in one pass gives what the general form (every
    missing marker made None first) gives, for every kind of value a cleaned column can hold."""
    import datetime as dt
    from decimal import Decimal

    import numpy as np

    values = [None, np.nan, pd.NA, pd.NaT, np.datetime64("NaT"), Decimal("NaN"), "", " ", "黄坑乡", 5, 1.5, -0.0,
              True, np.int64(3), dt.date(2011, 3, 5), dt.datetime(2011, 3, 5, 1), 1e20]
    column = pd.Series(values, dtype=object)
    general = column.astype(object).where(column.notna(), None).astype("str")
    cast = store._cast(column, "str")
    assert cast.dtype == general.dtype
    assert cast.isna().tolist() == general.isna().tolist()
    assert cast.dropna().tolist() == general.dropna().tolist() == ["", " ", "黄坑乡", "5", "1.5", "-0.0", "True", "3",
                                                                   "2011-03-05", "2011-03-05 01:00:00", "1e+20"]
    # A column pandas typed itself (a frame built from records) still goes the general way.
    numbers = pd.Series([1.0, np.nan])
    assert store._cast(numbers, "str").tolist()[0] == "1.0" and store._cast(numbers, "str").isna().tolist() == [False, True]

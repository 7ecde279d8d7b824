"""Tidy frames on disk: conform to the declared schema, validate, write atomically, load.

The processed folder is replaced as a whole: frames are written to a
sibling temporary folder and swapped in with two renames, so a clean
killed at any moment leaves either the previous frames or the new ones,
never a mix (``recover`` finishes an interrupted swap).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .ledgers import DUPLICATES_COLUMNS, LEDGERS, REJECTS_COLUMNS

SUMMARY_FILE = "clean_summary.json"


class SchemaError(Exception):
    """A frame that does not have the declared shape (a bug, not bad input)."""


def frame_dtypes(name: str) -> dict[str, str]:
    """Column → dtype of a tidy frame, in order, from the one declaration in ``ledgers``."""
    if name in LEDGERS:
        return LEDGERS[name].dtypes
    if name == "rejects":
        return dict(REJECTS_COLUMNS)
    if name == "duplicates":
        return dict(DUPLICATES_COLUMNS)
    raise KeyError(name)


FRAME_NAMES = (*LEDGERS, "rejects", "duplicates")


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.to_datetime(series, errors="raise").astype(dtype)
    if dtype == "bool":
        return series.fillna(False).astype(bool)
    if dtype == "str":
        return series.astype(object).where(series.notna(), None).astype("str")
    return series.astype(dtype)


def conform(frame: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """``frame`` with exactly the declared columns, in order, with the declared dtypes."""
    dtypes = frame_dtypes(name)
    if frame is None or frame.empty:
        return pd.DataFrame({col: pd.Series([], dtype=dtype) for col, dtype in dtypes.items()})
    out = {}
    for col, dtype in dtypes.items():
        series = frame[col] if col in frame else pd.Series([None] * len(frame), index=frame.index, dtype=object)
        out[col] = _cast(series, dtype)
    return pd.DataFrame(out).reset_index(drop=True)


def validate(frame: pd.DataFrame, name: str) -> None:
    """Check a frame against its declaration: columns, dtypes, non-null columns, allowed values."""
    dtypes = frame_dtypes(name)
    if list(frame.columns) != list(dtypes):
        raise SchemaError(f"{name}: columns {list(frame.columns)} != declared {list(dtypes)}")
    for col, dtype in dtypes.items():
        actual = str(frame[col].dtype)
        if actual != dtype:
            raise SchemaError(f"{name}.{col}: dtype {actual} != declared {dtype}")
    if name in LEDGERS:
        fields = {f.name: f for f in LEDGERS[name].fields}
        for col in dtypes:
            f = fields.get(col)
            if f is None:
                continue
            if not f.nullable and frame[col].isna().any():
                raise SchemaError(f"{name}.{col}: nulls in a column declared non-null")
            if f.allowed is not None:
                bad = set(frame[col].dropna().unique()) - set(f.allowed)
                if bad:
                    raise SchemaError(f"{name}.{col}: values {sorted(bad)} not in {f.allowed}")
    for col in ("source_file", "source_sheet", "source_row"):
        if frame[col].isna().any():
            raise SchemaError(f"{name}.{col}: lineage missing")


def write_frames(frames: dict[str, pd.DataFrame], processed_dir: Path, summary: dict | None = None) -> None:
    """Validate every frame and swap the processed folder in whole."""
    processed_dir = Path(processed_dir)
    recover(processed_dir)
    parent = processed_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{processed_dir.name}.new-", dir=parent))
    try:
        for name in FRAME_NAMES:
            frame = conform(frames.get(name), name)
            validate(frame, name)
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        if summary is not None:
            (staging / SUMMARY_FILE).write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str), "utf-8")
        if processed_dir.exists():
            for keep in processed_dir.glob(".git*"):
                shutil.copy2(keep, staging / keep.name)
        _fsync_dir(staging)
        old = parent / f".{processed_dir.name}.old"
        if processed_dir.exists():
            if old.exists():
                shutil.rmtree(old)
            os.replace(processed_dir, old)
        os.replace(staging, processed_dir)
        _fsync_dir(parent)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def recover(processed_dir: Path, *, remove_staging: bool = True) -> None:
    """Finish or undo a swap that a killed clean left half done.

    Readers pass ``remove_staging=False``: a staging folder may belong to a
    clean that is running right now.
    """
    processed_dir = Path(processed_dir)
    parent = processed_dir.parent
    old = parent / f".{processed_dir.name}.old"
    if old.exists():
        if processed_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, processed_dir)
    if remove_staging:
        for stale in parent.glob(f".{processed_dir.name}.new-*"):
            shutil.rmtree(stale, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load(processed_dir: Path, township: str | None = None) -> dict[str, pd.DataFrame]:
    """The tidy frames of a processed folder, by name (absent frames come back empty).

    With ``township``, only that township's rows are read (Parquet filters
    skip the rest), which is what a township report needs.
    """
    processed_dir = Path(processed_dir)
    recover(processed_dir, remove_staging=False)
    filters = [("township", "==", township)] if township is not None else None
    frames = {}
    for name in FRAME_NAMES:
        path = processed_dir / f"{name}.parquet"
        frames[name] = pd.read_parquet(path, filters=filters) if path.exists() else conform(None, name)
    return frames


def load_summary(processed_dir: Path) -> dict:
    path = Path(processed_dir) / SUMMARY_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}

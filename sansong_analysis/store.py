"""Tidy frames on disk: conform to the declared schema, validate (``schemas``), write atomically, load.

The processed folder is replaced as a whole: frames are written (and
fsynced) to a sibling staging folder and swapped in (``fsutil.swap_in``). A
clean killed at any moment leaves either the previous frames or the new
ones, never a mix. Writers hold ``.processed.lock`` and first finish or undo
what a killed clean left (``fsutil.recover``); ``load`` only reads.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from sansong_analysis import fsutil, jsontext
from sansong_analysis.crashlog import CRASH_FOLDER
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.schemas import SchemaError, frame_dtypes, validate_frame

__all__ = ["FRAME_NAMES", "SchemaError", "conform", "conformed", "frame_dtypes", "load", "load_summary", "validate", "write_frames"]

SUMMARY_FILE = "clean_summary.json"


FRAME_NAMES = (*LEDGERS, "rejects", "duplicates")


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.to_datetime(series, errors="raise").astype(dtype)
    if dtype == "bool":
        return series.fillna(False).astype(bool)
    if dtype == "str":
        if series.dtype == object:
            # As the general form below gives it (every missing marker is missing either way; see
            # tests/test_schemas.py), in one pass where that takes three: assembling casts every
            # text column of every frame this way.
            return series.astype("str")
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


def conformed(frame: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """``conform(frame, name)``, or ``frame`` itself when it has the declared shape already (the
    declared columns in order, each of its declared dtype, a plain index): casting it again would
    change nothing and cost a pass over every value."""
    dtypes = frame_dtypes(name)
    if (
        frame is not None
        and not frame.empty
        and list(frame.columns) == list(dtypes)
        and all(str(frame[col].dtype) == dtype for col, dtype in dtypes.items())
        and frame.index.equals(pd.RangeIndex(len(frame)))
    ):
        return frame
    return conform(frame, name)


def validate(frame: pd.DataFrame, name: str) -> None:
    """Check a frame against its declaration (``schemas``: pandera, generated from ``ledgers``); every
    failure is listed in the one :class:`SchemaError`."""
    validate_frame(frame, name)


def write_frames(
    frames: dict[str, pd.DataFrame], processed_dir: Path, summary: dict | None = None,
    attachments: dict[str, str] | None = None,
) -> None:
    """Validate every frame and swap the processed folder in whole (``fsutil``'s folder transaction).

    ``attachments`` are text files written with the frames (path in the folder → text): the
    clean's crash logs. The crash logs already in the folder are kept.
    """
    processed_dir = _real_dir(processed_dir)
    processed_dir.parent.mkdir(parents=True, exist_ok=True)
    with fsutil.exclusive_lock(_lock_path(processed_dir)):
        fsutil.recover(processed_dir)
        staging = fsutil.new_staging_dir(processed_dir)
        try:
            for name in FRAME_NAMES:
                frame = conformed(frames.get(name), name)
                validate(frame, name)
                frame.to_parquet(staging / f"{name}.parquet", index=False)
            if summary is not None:
                # json.dumps(summary, ensure_ascii=False, indent=1, default=str), in 60 % of the time
                (staging / SUMMARY_FILE).write_text(jsontext.dumps(summary, indent=1), "utf-8")
            for relative, text in (attachments or {}).items():
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).write_text(text, "utf-8")
            if processed_dir.exists():
                for keep in processed_dir.glob(".git*"):
                    shutil.copy2(keep, staging / keep.name)
                if (processed_dir / CRASH_FOLDER).is_dir():
                    shutil.copytree(processed_dir / CRASH_FOLDER, staging / CRASH_FOLDER, dirs_exist_ok=True)
            fsutil.swap_in(staging, processed_dir, durable=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _lock_path(processed_dir: Path) -> Path:
    """Writers of one processed folder hold this lock, so two cleans never remove each other's staging."""
    return processed_dir.parent / f".{processed_dir.name}.lock"


def _real_dir(processed_dir: Path) -> Path:
    """The processed folder itself, through a symlink if it is one (the link is left in place)."""
    processed_dir = Path(processed_dir)
    return processed_dir.resolve() if processed_dir.is_symlink() else processed_dir


def _current_dir(processed_dir: Path) -> Path:
    """Where the frames are now: the folder or, while a clean is between its two renames (or was killed
    there), the previous folder it renamed away. Only looks: the next clean puts it back."""
    processed_dir = _real_dir(processed_dir)
    if processed_dir.exists():
        return processed_dir
    previous = sorted(
        (p for p in processed_dir.parent.glob(f".{processed_dir.name}.old*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime, reverse=True,
    )
    return previous[0] if previous else processed_dir


def load(processed_dir: Path, township: str | None = None) -> dict[str, pd.DataFrame]:
    """The tidy frames of a processed folder, by name (absent frames come back empty).

    With ``township``, only that township's rows are read (Parquet filters
    skip the rest), which is what a township report needs.
    """
    folder = _current_dir(Path(processed_dir))
    filters = [("township", "==", township)] if township is not None else None
    frames = {}
    for name in FRAME_NAMES:
        path = folder / f"{name}.parquet"
        frames[name] = pd.read_parquet(path, filters=filters) if path.exists() else conform(None, name)
    return frames


def load_summary(processed_dir: Path) -> dict:
    path = _current_dir(Path(processed_dir)) / SUMMARY_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}

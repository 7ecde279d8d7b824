"""Tidy frames on disk: conform to the declared schema, validate, write atomically, load.

The processed folder is replaced as a whole: frames are written (and
fsynced) to a sibling staging folder ``.processed.new-*`` and swapped in
with one atomic exchange of the two folders (Linux ``renameat2``), or,
where the filesystem cannot exchange, with two renames through
``.processed.old``. A clean killed at any moment leaves either the previous
frames or the new ones, never a mix; ``recover`` finishes or undoes an
interrupted swap and removes stale staging folders. Writers hold
``.processed.lock`` so two cleans never delete each other's staging.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from sansong_analysis.crashlog import CRASH_FOLDER
from sansong_analysis.ledgers import DUPLICATES_COLUMNS, LEDGERS, REJECTS_COLUMNS

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


def write_frames(
    frames: dict[str, pd.DataFrame], processed_dir: Path, summary: dict | None = None,
    attachments: dict[str, str] | None = None,
) -> None:
    """Validate every frame and swap the processed folder in whole.

    ``attachments`` are text files written with the frames (path in the folder → text): the
    clean's crash logs. The crash logs already in the folder are kept.
    """
    processed_dir = _real_dir(processed_dir)
    parent = processed_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(processed_dir):
        recover(processed_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{processed_dir.name}.new-", dir=parent))
        try:
            for name in FRAME_NAMES:
                frame = conform(frames.get(name), name)
                validate(frame, name)
                frame.to_parquet(staging / f"{name}.parquet", index=False)
            if summary is not None:
                (staging / SUMMARY_FILE).write_text(
                    json.dumps(summary, ensure_ascii=False, indent=1, default=str), "utf-8"
                )
            for relative, text in (attachments or {}).items():
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).write_text(text, "utf-8")
            if processed_dir.exists():
                for keep in processed_dir.glob(".git*"):
                    shutil.copy2(keep, staging / keep.name)
                if (processed_dir / CRASH_FOLDER).is_dir():
                    shutil.copytree(processed_dir / CRASH_FOLDER, staging / CRASH_FOLDER, dirs_exist_ok=True)
            for written in staging.rglob("*"):
                _fsync(written)
            _fsync(staging)
            _swap_in(staging, processed_dir)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, processed_dir: Path) -> None:
    """Make ``staging`` the processed folder; at no moment is there neither."""
    parent = processed_dir.parent
    if processed_dir.exists() and _exchange(staging, processed_dir):
        _fsync(parent)
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous frames
        return
    old = _old_dir(processed_dir)
    if processed_dir.exists():
        if old.exists():
            shutil.rmtree(old)
        os.replace(processed_dir, old)
    os.replace(staging, processed_dir)
    _fsync(parent)
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _renameat2()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux 3.15+, glibc 2.28+); False where that is not possible."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False  # this filesystem cannot exchange: fall back to two renames
    raise OSError(err, os.strerror(err), str(b))


def _real_dir(processed_dir: Path) -> Path:
    """The processed folder itself, through a symlink if it is one (the link is left in place)."""
    processed_dir = Path(processed_dir)
    return processed_dir.resolve() if processed_dir.is_symlink() else processed_dir


def _old_dir(processed_dir: Path) -> Path:
    return processed_dir.parent / f".{processed_dir.name}.old"


@contextlib.contextmanager
def _writer_lock(processed_dir: Path, *, blocking: bool = True):
    """An exclusive lock beside the processed folder; yields False when ``blocking`` is off and it is taken."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, one writer assumed
        yield True
        return
    path = processed_dir.parent / f".{processed_dir.name}.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield True  # a read-only parent: nothing can be written or repaired anyway
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            held = True
        except BlockingIOError:
            held = False
        yield held
    finally:
        os.close(fd)  # releases the lock


def recover(processed_dir: Path, *, remove_staging: bool = True) -> None:
    """Finish or undo a swap that a killed clean left half done.

    Readers pass ``remove_staging=False``; they repair nothing while a clean
    holds the lock (its staging folder and its swap are in progress).
    """
    processed_dir = _real_dir(processed_dir)
    parent = processed_dir.parent
    old = _old_dir(processed_dir)
    if not old.exists() and not remove_staging:
        return
    if not remove_staging:
        with _writer_lock(processed_dir, blocking=False) as held, contextlib.suppress(OSError):
            if held:
                _restore_old(processed_dir, old)  # a reader on a read-only share just reads .old
        return
    _restore_old(processed_dir, old)
    for stale in parent.glob(f".{processed_dir.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _restore_old(processed_dir: Path, old: Path) -> None:
    if not old.exists():
        return
    if processed_dir.exists():
        shutil.rmtree(old, ignore_errors=True)  # the swap completed; only the clean-up was cut short
    else:
        os.replace(old, processed_dir)  # killed between the two renames: the previous frames come back


def _current_dir(processed_dir: Path) -> Path:
    """Where the frames are now: the folder, or its ``.old`` copy while a clean is swapping them."""
    processed_dir = _real_dir(processed_dir)
    old = _old_dir(processed_dir)
    return old if not processed_dir.exists() and old.exists() else processed_dir


def _fsync(path: Path) -> None:
    """Flush a file's data, or a folder's entries (renames), to disk; best effort."""
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
    folder = _current_dir(processed_dir)
    filters = [("township", "==", township)] if township is not None else None
    frames = {}
    for name in FRAME_NAMES:
        path = folder / f"{name}.parquet"
        frames[name] = pd.read_parquet(path, filters=filters) if path.exists() else conform(None, name)
    return frames


def load_summary(processed_dir: Path) -> dict:
    path = _current_dir(Path(processed_dir)) / SUMMARY_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}

"""Every file transaction of the package in one place: a file replaced whole, a folder swapped whole, a lock.

- :func:`atomic_write` / :func:`replacing`: a file is written under a temporary name in its own folder
  (``.<name>.<pid>.<random>.tmp``, the one rule) and renamed over the target, so a reader never sees half
  a file and a failure or a ``kill -9`` leaves the previous file; the temporary file is removed on
  failure. ``durable=True`` also flushes the data and the rename to disk (frames, the manifest).
- :func:`new_staging_dir`, :func:`swap_in`, :func:`recover`: a folder (a report, the processed frames) is
  built beside its target as ``.<name>.new-<token>`` and swapped in with one atomic exchange
  (Linux ``renameat2``) or, where the filesystem cannot exchange, two renames through
  ``.<name>.old-<token>``. A writer killed at any moment leaves the previous folder or the new one,
  never neither and never a mix; :func:`recover`, called by writers under their lock, finishes or
  undoes what a killed writer left. Readers never repair anything.
- :func:`exclusive_lock`: one cross-platform lock (the ``filelock`` package: ``flock`` on POSIX,
  ``LockFileEx`` on Windows), released by the operating system when its holder dies.

Files and folders get the modes the user's umask gives a plain ``open`` or ``mkdir`` (docs/contract.md §6):
nothing here uses ``mkstemp``/``mkdtemp``, whose 0600/0700 would follow the file into place.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import filelock

__all__ = [
    "LockHeld", "atomic_write", "exclusive_lock", "fsync", "new_staging_dir", "recover", "replacing", "swap_in",
    "temp_path",
]


def _token() -> str:
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def temp_path(path: Path) -> Path:
    """Where ``path`` is written before it is renamed into place: a unique hidden name beside it.

    >>> temp_path(Path("outputs/manifest.json")).name.startswith(".manifest.json.")
    True
    """
    path = Path(path)
    return path.with_name(f".{path.name}.{_token()}.tmp")


def fsync(path: Path) -> None:
    """Flush a file's data, or a folder's entries (renames), to disk; best effort (Windows has no folder fsync)."""
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


@contextlib.contextmanager
def replacing(path: Path, *, durable: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s new content to; it replaces ``path`` when the block succeeds.

    The temporary file is created by whoever writes it (``savefig``, ``wb.save``, ``open``), so it gets
    the usual permissions; it is removed if the block fails.
    """
    path = Path(path)
    tmp = temp_path(path)
    try:
        yield tmp
        if durable:
            fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync(path.parent)


def atomic_write(path: Path, data: bytes | str | Callable[[Path], object], *, encoding: str = "utf-8",
                 durable: bool = False) -> Path:
    """Replace ``path`` whole with ``data`` (bytes, text, or a function that writes a given path).

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", "黄坑乡").read_text("utf-8")
    '黄坑乡'
    """
    path = Path(path)
    with replacing(path, durable=durable) as tmp:
        if callable(data):
            data(tmp)
        else:
            with open(tmp, "wb") as fh:
                fh.write(data.encode(encoding) if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- folders


def new_staging_dir(target: Path) -> Path:
    """A new empty folder beside ``target`` (``.<name>.new-<token>``) to build its replacement in."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        staging = target.with_name(f".{target.name}.new-{_token()}")
        try:
            staging.mkdir()  # the umask's mode, as any mkdir (mkdtemp's 0700 would move into place with it)
            return staging
        except FileExistsError:  # pragma: no cover - a 32-bit random collision
            continue


def swap_in(staging: Path, target: Path, *, durable: bool = False) -> None:
    """Make ``staging`` the folder ``target``; at no moment is there neither. The previous folder is removed.

    ``durable``: the files written in ``staging`` and the swap itself are flushed to disk first and after.
    """
    staging, target = Path(staging), Path(target)
    if durable:
        for written in staging.rglob("*"):
            if written.is_file():
                fsync(written)
        fsync(staging)
    if target.exists() and _exchange(staging, target):
        if durable:
            fsync(target.parent)
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous folder
        return
    old = target.with_name(f".{target.name}.old-{_token()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if durable:
        fsync(target.parent)
    shutil.rmtree(old, ignore_errors=True)


# ``tmp-*`` and a bare ``.old`` are what earlier versions left (report staging, the processed swap).
_LEFTOVER = re.compile(r"^\.(?P<name>.+?)\.(?P<kind>new|old|tmp)(?:-[\w-]+)?$")


def recover(target: Path) -> None:
    """Finish or undo what a killed writer left beside ``target``; call it holding the writer's lock.

    A ``.<name>.old-*`` folder with no ``target`` is the previous folder, renamed away but not yet
    replaced: it comes back. With ``target`` in place it is the previous folder not yet removed: it goes.
    ``.<name>.new-*`` folders are staging folders of writers that died: they go.
    """
    target = Path(target)
    for entry in _leftovers(target.parent, target.name):
        _settle(entry, target)


def recover_all(folder: Path) -> None:
    """:func:`recover` for every folder under ``folder`` that has leftovers (the outputs root)."""
    for entry in _leftovers(Path(folder), None):
        _settle(entry, entry.parent / _LEFTOVER.match(entry.name).group("name"))


def _leftovers(folder: Path, name: str | None) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        m = _LEFTOVER.match(entry.name)
        if m and (name is None or m.group("name") == name) and entry.is_dir() and not entry.is_symlink():
            found.append(entry)
    # The previous folders first (newest first: the one most recently renamed away is the last good one).
    found.sort(key=lambda p: (_LEFTOVER.match(p.name).group("kind") != "old", -_mtime(p)))
    return found


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _settle(entry: Path, target: Path) -> None:
    kind = _LEFTOVER.match(entry.name).group("kind")
    if kind == "old" and not target.exists():
        os.replace(entry, target)  # killed between the two renames: the previous folder comes back
    else:
        shutil.rmtree(entry, ignore_errors=True)


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


# --------------------------------------------------------------------------- the lock


class LockHeld(Exception):
    """Someone else holds the lock and we were asked not to wait."""


@contextlib.contextmanager
def exclusive_lock(path: Path, *, wait: bool = True) -> Iterator[Path]:
    """Hold an exclusive lock on the file ``path`` (created if missing) for the block.

    The operating system releases it when the holder dies, ``kill -9`` included, so a lock is never
    left stale. Raises :class:`LockHeld` at once when ``wait`` is False and another process holds it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(path, thread_local=False)
    try:
        lock.acquire(blocking=wait)
    except filelock.Timeout:
        raise LockHeld(str(path)) from None
    try:
        yield path
    finally:
        lock.release()

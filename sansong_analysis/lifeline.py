"""Processes of a run die with it: a killed ``sansong clean`` or ``batch`` leaves no worker behind.

``timeout -s KILL`` in a cron line kills the main process alone; nothing of it runs again, so
every helper process must notice by itself and leave. Each kind uses what works everywhere,
and Linux's ``PR_SET_PDEATHSIG`` only as a fast path on top:

- pool workers (the clean's and the batch's) and the reader's helper: :func:`die_with` — a
  daemon thread that waits for the watched process to end (its parent changes, or the pid is
  gone; on Windows it waits on a handle of the process), then ends this one;
- the batch's fork server: Python's own — it leaves when the batch's end of its pipe closes;
- the kernel zygote: end of file on its stdin, a pipe only the batch holds (``run.kernels``);
- kernels: ipykernel's own parent poller (``JPY_PARENT_PID``), and the zygote kills its kernels.

``SANSONG_PDEATHSIG=0`` turns the fast path off, so that the portable mechanisms are tested alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

FAST_PATH_ENV = "SANSONG_PDEATHSIG"
POLL_SECONDS = 0.25
ORPHAN_EXIT_STATUS = 70  # what a process that outlived its run exits with

_PR_SET_PDEATHSIG = 1


def fast_path_enabled() -> bool:
    return sys.platform.startswith("linux") and os.environ.get(FAST_PATH_ENV, "1") != "0"


def die_with_parent_fast() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that is not available or off.

    For processes that must hold no thread (the kernel zygote and its forks); they pair it with
    a portable mechanism of their own.
    """
    if not fast_path_enabled():
        return False
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0
    except (OSError, AttributeError):
        return False


def die_with(pid: int | None = None) -> None:
    """End this process (exit status 70) soon after process ``pid`` ends (default: the parent).

    Call it first thing in a helper process. Works on every platform (a watchdog thread, a
    quarter of a second at most between checks); on Linux, when ``pid`` is the parent, the
    kernel also kills this process at once.
    """
    parent = os.getppid()
    pid = parent if pid is None else pid
    if pid == parent:
        die_with_parent_fast()
    if not _alive(pid, parent):
        _leave()
    wait = _windows_waiter(pid) if os.name == "nt" else None
    target = wait or (lambda: _poll(pid, parent))
    threading.Thread(target=lambda: (target(), _leave()), name="sansong-lifeline", daemon=True).start()


def _poll(pid: int, parent: int) -> None:
    while _alive(pid, parent):
        time.sleep(POLL_SECONDS)


def _alive(pid: int, parent: int) -> bool:
    if os.name == "nt":
        return _windows_alive(pid)
    if pid == parent:
        return os.getppid() == parent  # a POSIX orphan is adopted by another process at once
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Killed but not yet collected by its own parent: a zombie has ended all the same.
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _leave() -> None:
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(ORPHAN_EXIT_STATUS)


_SYNCHRONIZE = 0x00100000
_INFINITE = 0xFFFFFFFF


def _windows_waiter(pid: int):  # pragma: no cover - Windows
    """A function that returns when ``pid`` ends: a wait on a handle opened now (no pid reuse can fool it)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(_SYNCHRONIZE, False, pid)
    if not handle:
        return lambda: None  # already gone
    return lambda: kernel32.WaitForSingleObject(handle, _INFINITE)


def _windows_alive(pid: int) -> bool:  # pragma: no cover - Windows
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(_SYNCHRONIZE, False, pid)
    if not handle:
        return False
    try:
        return kernel32.WaitForSingleObject(handle, 0) != 0  # WAIT_OBJECT_0: it has ended
    finally:
        kernel32.CloseHandle(handle)

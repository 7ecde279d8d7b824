"""Run reader calls in a helper process with a memory cap and a deadline.

calamine is Rust: a damaged workbook can make it ask for gigabytes (the
allocation fails and the process aborts), panic while panicking, or spin,
and no Python ``except`` survives that. Each process that reads workbooks
keeps one small helper (``python -c "…serve()"``, only ``read`` imported,
about 60 ms to start) and sends it one file at a time; a file that kills
or hangs the helper costs one :class:`FileProblem`, and the next file gets
a fresh helper. The helper caps its own address space at
``Limits.max_reader_bytes`` and prints nothing: a Rust panic's backtrace
never reaches the analyst's terminal.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sansong_analysis.ingest.read.grid import FileProblem, Limits, ProgramError

_HEADER = struct.Struct("<Q")
_RESTART_AFTER_BYTES = 64 << 20  # a helper that just held a big grid is replaced, not reused


# The folder that holds the sansong_analysis package, so the helper imports this very copy.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class _Helper:
    def __init__(self, budget: int):
        self.owner = os.getpid()
        self.budget = budget
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", f"from sansong_analysis.ingest.read.isolated import serve; serve({budget})"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True, env=env,
        )

    def alive(self) -> bool:
        return self.owner == os.getpid() and self.proc.poll() is None

    def close(self) -> None:
        if self.owner != os.getpid():
            return  # inherited through fork: the parent's helper, not ours to stop
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()


_helper: _Helper | None = None
_unavailable_in: int | None = None  # the pid in which a helper could not be started


def available() -> bool:
    """False once a helper failed to start in this process (callers then read in-process)."""
    return _unavailable_in != os.getpid()


def _get_helper(budget: int) -> _Helper:
    global _helper, _unavailable_in
    if _helper is None or not _helper.alive() or _helper.budget != budget:
        if _helper is not None and _helper.owner == os.getpid():
            _helper.close()
        helper = _Helper(budget)
        if not _ping(helper):
            helper.kill()
            _unavailable_in = os.getpid()
            raise _Unavailable
        _helper = helper
        # Pool workers leave through multiprocessing, which skips atexit: stop (and reap) it there too.
        from multiprocessing import util

        util.Finalize(helper, helper.close, exitpriority=10)
    return _helper


class _Unavailable(Exception):
    """No helper process can run here (it could not start or import the package)."""


def _ping(helper: _Helper) -> bool:
    request = pickle.dumps((max, (1, 2)))
    try:
        helper.proc.stdin.write(_HEADER.pack(len(request)) + request)
        helper.proc.stdin.flush()
        reply = _receive(helper.proc.stdout.fileno(), 60)
        return bool(reply) and pickle.loads(reply) == ("ok", 2)
    except (OSError, pickle.UnpicklingError, EOFError):
        return False


@atexit.register
def _stop_helper() -> None:
    if _helper is not None:
        _helper.close()


def run(func: Callable, args: tuple, limits: Limits):
    """``func(*args)`` in the helper; its FileProblem is raised here, a crash or a timeout becomes one.

    Any other exception ``func`` raises comes back as a :class:`ProgramError` with the helper's
    traceback.

    ``func`` must be importable by name (a module-level function) and its
    arguments and result picklable.
    """
    global _helper
    try:
        helper = _get_helper(limits.max_reader_bytes)
    except _Unavailable:
        return func(*args)
    request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        helper.proc.stdin.write(_HEADER.pack(len(request)) + request)
        helper.proc.stdin.flush()
        reply = _receive(helper.proc.stdout.fileno(), limits.max_read_seconds)
    except (BrokenPipeError, OSError):
        reply = b""
    if reply is None:
        helper.kill()
        _helper = None
        raise FileProblem(
            "too_large", f"读取超时：超过 {limits.max_read_seconds:.0f} 秒仍未读完，文件可能过大或结构异常"
        )
    if not reply:
        helper.kill()
        _helper = None
        raise FileProblem("corrupt", "读取时耗尽内存或崩溃：文件结构异常（可能已损坏，或是专门构造的“内存炸弹”）")
    if len(reply) > _RESTART_AFTER_BYTES:
        helper.close()
        _helper = None
    kind, value = pickle.loads(reply)
    if kind == "problem":
        raise value
    return value


def _receive(fd: int, seconds: float) -> bytes | None:
    """One length-prefixed reply; b"" when the helper died, None when the deadline passed."""
    deadline = time.monotonic() + seconds
    buf = bytearray()
    need = _HEADER.size
    length = None
    while len(buf) < need:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
        if not ready:
            continue
        chunk = os.read(fd, max(need - len(buf), 1 << 16))
        if not chunk:
            return b""
        buf += chunk
        if length is None and len(buf) >= _HEADER.size:
            (length,) = _HEADER.unpack_from(buf)
            need = _HEADER.size + length
    return bytes(buf[_HEADER.size : need])


# --------------------------------------------------------------------------- the helper's side


def serve(budget: int) -> None:  # pragma: no cover - runs in the helper process
    """Answer requests on stdin until it closes."""
    from sansong_analysis import lifeline

    lifeline.die_with()  # a killed clean leaves no helper behind, even one busy reading
    _cap_memory(budget)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies on the pipe
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (length,) = _HEADER.unpack(header)
        request = stdin.read(length)
        try:
            func, args = pickle.loads(request)
            result = ("ok", func(*args))
        except FileProblem as problem:
            result = ("problem", problem)
        except MemoryError:
            result = ("problem", FileProblem("too_large", "文件过大：读取时超过内存上限"))
        except Exception as exc:
            # The function turns what calamine raises into a FileProblem itself; anything else is a
            # defect of ours, its traceback taken here, where it happened.
            result = ("problem", ProgramError.from_exception(exc))
        try:
            reply = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            reply = pickle.dumps(("problem", FileProblem("too_large", "文件过大：读取时超过内存上限")))
        except Exception as exc:  # a result that cannot be sent back: ours, not the file's
            reply = pickle.dumps(("problem", ProgramError.from_exception(exc)))
        stdout.write(_HEADER.pack(len(reply)) + reply)
        stdout.flush()
        del request, result, reply


def _cap_memory(budget: int) -> None:  # pragma: no cover - helper only
    """Address space now plus ``budget``: a runaway allocation fails instead of exhausting the machine."""
    try:
        import resource

        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = current + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, ImportError, AttributeError):
        pass  # not Linux: the deadline and the crash handling still apply

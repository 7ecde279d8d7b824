"""Fresh kernels, started fast: a pre-forked kernel *zygote* for batches (Linux).

Every report runs in a brand-new kernel. Started the usual way, each kernel is
a new Python that imports ipykernel, IPython and debugpy, and whose first cell
then imports pandas, pyarrow, matplotlib and this package: over a second of
CPU before a report does any work of its own, paid again for every township.

A batch pays it once. The zygote is a process that has imported those modules
— and done nothing else: no data read, no kernel started, no thread, no zmq
context, no event loop — and forks on request. Each fork becomes one kernel:
a new process with an empty namespace, as ``python -m ipykernel_launcher``
would be, that runs one notebook and exits. Like ``multiprocessing``'s
forkserver with a preload list, nothing of one notebook can reach another.

jupyter_client still launches, signals and kills the kernel:
:class:`ZygoteProvisioner` is its ``LocalProvisioner`` with the ``Popen``
replaced by :class:`ForkedKernel`, a handle on the forked process itself (its
pid, its process group, its exit status), so interrupt, shutdown and kill reach
the kernel exactly as they reach a ``Popen``'d one. It plugs in through
jupyter_client's public seam: the ``jupyter_client.kernel_provisioners`` entry
point (``pyproject.toml``) and the ``kernel_provisioner`` entry of the
kernelspec ``report.ensure_kernel`` writes; any kernel manager then uses it.

What the fork does not change, or changes on purpose:

- threads: a fork copies only the calling thread, so the zygote must have no
  other. It runs with ``OPENBLAS_NUM_THREADS=1`` (and the other BLAS/OpenMP
  variables) and without jemalloc's background thread (pyarrow would start one
  at import), and refuses to serve if ``/proc/self/task`` shows more than one
  thread. Kernels of a batch therefore run BLAS single-threaded; two notebooks
  run at once on two cores anyway.
- randomness: Python's ``random`` reseeds itself in a fork; numpy's global
  generator is reseeded here. String hashing shares the zygote's salt.
- fonts: no font file is left open in the zygote (an open ``FT2Font`` would
  share one file offset between kernels); the bundled fonts are only
  *registered*, which reads each file's names and closes it.
- environment: each kernel gets what jupyter_client would have passed, plus
  what the preloaded imports set in the zygote's (ipykernel sets a variable).
- orphans: a kernel dies with the zygote (ipykernel's parent poller watches the
  zygote; ``PR_SET_PDEATHSIG`` is Linux's fast path), the zygote with the batch
  (end of file on its stdin, a pipe only the batch holds; the same fast path),
  and a kernel whose client (a batch worker) went away is killed by the zygote.

Anything that does not fit — another platform, a kernelspec that is not this
Python's ipykernel, a zygote that failed to start — falls back to the usual
launch: slower, never different. ``SANSONG_KERNEL_ZYGOTE=0`` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from sansong_analysis import collector, lifeline

ZYGOTE_ENV = "SANSONG_KERNEL_ZYGOTE"
PROVISIONER_NAME = "sansong-kernel-zygote"  # the entry point's name in pyproject.toml

# What a kernel of ours imports at start-up and in its first cell, imported once in the zygote.
PRELOAD = (
    "numpy",
    "pandas",
    "pyarrow.parquet",
    "pyarrow.dataset",  # store.load's township filter
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "matplotlib_inline.backend_inline",
    "PIL.Image",
    "pandas.io.formats.style",
    "IPython",
    "IPython.display",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    # what IPKernelApp.initialize imports on top
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.extensions.storemagic",
    "sqlite3",
    "psutil",
    "tornado.platform.asyncio",
    "pandera.pandas",  # the figures tables are validated (schemas); most of a second to import
    # What pandera imports at its first validation (its built-in checks bring hypothesis): 0.15 s a kernel.
    "pandera.backends.pandas.register",
    "pandera.backends.pandas.builtin_checks",
    "pandera.backends.pandas.builtin_hypotheses",
    "sansong_analysis.run.notebook",
    "sansong_analysis.publish.charts",
    "sansong_analysis.publish.narrative",
    "sansong_analysis.publish.feedback",  # the 数据质量 section (openpyxl, through the template): 0.16 s a kernel
)

# Thread pools that would otherwise start at import time (a fork copies only one thread).
SINGLE_THREADED = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JE_ARROW_MALLOC_CONF": "background_thread:false",
}

_PR_SET_NAME = 15


def zygote_supported() -> bool:
    """Linux only (fork after importing these libraries is not safe on macOS), and not turned off."""
    return sys.platform.startswith("linux") and os.environ.get(ZYGOTE_ENV, "1") != "0"


def _prctl(option: int, arg) -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(option, arg)


# --------------------------------------------------------------------------- the batch's side

FOLDER_PREFIX = "sansong-zygote-"
SOCKET_NAME = "zygote.sock"  # in its folder
# A folder with no socket yet belongs to a zygote still starting (it binds within seconds) unless this old.
_UNBOUND_GRACE_S = 3600.0
_BOUND_GRACE_S = 60.0


def sweep_stale_folders(root: str | None = None) -> int:
    """Remove the folders of zygotes that are gone; how many were removed.

    ``close`` removes a zygote's folder, but a batch killed with ``kill -9`` takes its zygote along
    at once (``PR_SET_PDEATHSIG``) and neither can: each such run left an empty folder with a dead
    socket in the temporary folder, for good. Only this user's folders are looked at; one is stale
    when its socket, a minute old or more, refuses a connection (no process listens on it), or when
    it has no socket an hour after it was made. A live zygote's socket accepts, and the connection,
    closed at once, asks it for nothing.
    """
    root = root or tempfile.gettempdir()
    removed = 0
    try:
        names = [name for name in os.listdir(root) if name.startswith(FOLDER_PREFIX)]
    except OSError:
        return 0
    for name in names:
        folder = os.path.join(root, name)
        address = os.path.join(folder, SOCKET_NAME)
        try:
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != _uid():
                continue
            if os.path.lexists(address):
                # Refused between a zygote's bind and its listen, a moment only: a socket that new is left.
                if time.time() - os.lstat(address).st_mtime < _BOUND_GRACE_S or _listening(address):
                    continue
                os.unlink(address)
            elif time.time() - info.st_mtime < _UNBOUND_GRACE_S:
                continue
            os.rmdir(folder)  # only ever an empty folder: anything else put there is left alone
            removed += 1
        except OSError:
            continue
    return removed


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _listening(address: str) -> bool:
    """Whether a process listens on the Unix socket at ``address`` (a refused or failed connection: no)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(2.0)
        try:
            probe.connect(address)
        except (ConnectionRefusedError, FileNotFoundError):
            return False
        except OSError:
            return True  # not ours to judge (a timeout, a permission): keep it
        return True


class KernelZygote:
    """The zygote process of one batch; ``address`` is what workers pass to :func:`use_zygote`.

    >>> with KernelZygote.start(env={"MPLBACKEND": "module://matplotlib_inline.backend_inline"}) as zygote:
    ...     use_zygote(zygote.address)   # in each worker
    """

    def __init__(self, process: subprocess.Popen, address: str, folder: str):
        self.process = process
        self.address = address
        self._folder = folder

    @classmethod
    def start(cls, env: dict[str, str] | None = None) -> KernelZygote:
        """Start the zygote; it preloads in the background (a kernel asked for meanwhile waits for it)."""
        sweep_stale_folders()
        folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)  # 0700: only we may ask it for kernels
        address = os.path.join(folder, SOCKET_NAME)
        child_env = {**os.environ, **(env or {}), **SINGLE_THREADED}
        child_env.pop(ZYGOTE_ENV, None)
        process = subprocess.Popen(
            [sys.executable, "-c", "from sansong_analysis.run.kernels import serve; serve()", address, str(os.getpid())],
            # Its stdin is our lifeline to it: when this process ends, the zygote reads end of file.
            stdin=subprocess.PIPE, env=child_env, close_fds=True, cwd=folder,
        )
        return cls(process, address, folder)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the zygote; it kills any kernel still running."""
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.address)
        with contextlib.suppress(OSError):
            os.rmdir(self._folder)

    def __enter__(self) -> KernelZygote:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------- the worker's side

_zygote_address: str | None = None
_warned = False


def use_zygote(address: str | None) -> None:
    """Launch this process's kernels from the zygote at ``address`` (None: the usual way)."""
    global _zygote_address
    _zygote_address = address


class ZygoteUnavailable(Exception):
    """The zygote could not fork a kernel (not running, refused): launch the usual way."""


class ForkedKernel:
    """A ``Popen``-like handle on a kernel the zygote forked: what ``LocalProvisioner`` drives.

    The kernel is the zygote's child, so its exit status comes from the zygote
    over the socket that asked for it; signals go to it directly.
    """

    stdin = stdout = stderr = None

    def __init__(self, sock: socket.socket, pid: int, buffer: bytes = b""):
        self._sock = sock
        self.pid = pid
        self.returncode: int | None = None
        self._buffer = buffer

    def _take(self, data: bytes) -> None:
        self._buffer += data
        if b"\n" in self._buffer:
            line = self._buffer.split(b"\n", 1)[0]
            self.returncode = int(json.loads(line).get("exit", -signal.SIGKILL))
            self._sock.close()

    def _lost(self) -> None:
        # The zygote went away: its kernels are killed with it (PR_SET_PDEATHSIG).
        self.returncode = -signal.SIGKILL
        self._sock.close()

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                data = self._sock.recv(4096, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return None
            except OSError:
                self._lost()
                return self.returncode
            if data:
                self._take(data)
            else:
                self._lost()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        while self.returncode is None:
            self._sock.settimeout(timeout)
            try:
                data = self._sock.recv(4096)
            except TimeoutError:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout) from None
            except OSError:
                data = b""
            if data:
                self._take(data)
            else:
                self._lost()
        return self.returncode

    async def wait_async(self) -> int:
        """Wait without blocking the event loop (and without ``LocalProvisioner``'s 0.1 s polling)."""
        import asyncio

        loop = asyncio.get_running_loop()
        while self.returncode is None:
            self._sock.setblocking(False)
            try:
                data = await loop.sock_recv(self._sock, 4096)
            except OSError:
                data = b""
            if data:
                self._take(data)
            else:
                self._lost()
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:  # never signal a pid the zygote has already reaped
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def fork_kernel(address: str, cmd: list[str], env: dict[str, str], cwd: str | None, timeout: float = 120) -> ForkedKernel:
    """Ask the zygote for a kernel running ``cmd``'s arguments; the handle on it."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)  # the zygote may still be preloading
        _connect(sock, address)
        request = {"argv": cmd[3:], "env": env, "cwd": cwd or os.getcwd()}
        sock.sendall(json.dumps(request).encode() + b"\n")
        buffer = b""
        while b"\n" not in buffer:
            data = sock.recv(4096)
            if not data:
                raise ZygoteUnavailable("the zygote closed the connection")
            buffer += data
        line, rest = buffer.split(b"\n", 1)
        reply = json.loads(line)
        if "pid" not in reply:
            raise ZygoteUnavailable(reply.get("error", "no pid"))
        sock.settimeout(None)
        return ForkedKernel(sock, int(reply["pid"]), rest)
    except (OSError, ValueError) as exc:
        sock.close()
        raise ZygoteUnavailable(str(exc)) from exc
    except BaseException:
        sock.close()
        raise


def _connect(sock: socket.socket, address: str, patience: float = 20.0) -> None:
    """Connect, waiting a little for a zygote that has only just been started to bind its socket."""
    deadline = time.monotonic() + patience
    while True:
        try:
            sock.connect(address)
            return
        except (FileNotFoundError, ConnectionRefusedError):
            # Its folder is made before the zygote starts and removed when it stops.
            if time.monotonic() > deadline or not os.path.isdir(os.path.dirname(address)):
                raise
            time.sleep(0.05)


def _forkable(cmd: list[str], kwargs: dict[str, Any]) -> bool:
    """Only this very Python's ``-m ipykernel_launcher``, with the usual standard streams."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    try:
        same_python = os.path.samefile(cmd[0], sys.executable)
    except OSError:
        return False
    return same_python and all(kwargs.get(k) is None for k in ("stdin", "stdout", "stderr"))


class ZygoteProvisioner(LocalProvisioner):
    """``LocalProvisioner``, with the kernel forked by the zygote instead of started by ``Popen``.

    Without a zygote in this process (a single report, an analyst's Jupyter) it is ``LocalProvisioner``.
    """

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        global _warned
        address = _zygote_address
        if address and _forkable(cmd, kwargs):
            env = dict(kwargs.get("env") or os.environ)
            try:
                kernel = fork_kernel(address, cmd, env, kwargs.get("cwd"))
            except ZygoteUnavailable as exc:
                if not _warned:
                    print(f"提示：内核预加载进程不可用（{exc}），改为逐个启动内核", file=sys.stderr)
                    _warned = True
                use_zygote(None)
            else:
                self.process = kernel
                self.pid = self.pgid = kernel.pid  # the kernel leads its own process group, as with Popen
                self.cwd = kwargs.get("cwd", os.getcwd())
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)

    async def send_signal(self, signum: int) -> None:
        # LocalProvisioner signals the process group first; once the zygote has reaped
        # the kernel, its pid (and group id) may belong to someone else.
        if isinstance(self.process, ForkedKernel) and self.process.poll() is not None:
            return
        await super().send_signal(signum)

    async def wait(self) -> int | None:
        if isinstance(self.process, ForkedKernel):
            code = await self.process.wait_async()
            self.process = None
            return code
        return await super().wait()


# --------------------------------------------------------------------------- the zygote


def _task_count() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _preload() -> tuple[str | None, dict[str, str]]:
    """Import what every kernel imports.

    Returns why the zygote cannot serve (or None), and the environment variables
    the imports set (ipykernel sets some): each kernel sets them again, as its
    own imports would have.
    """
    import importlib

    before = dict(os.environ)
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    with contextlib.suppress(ImportError):
        from PIL import Image

        Image.preinit()  # the image plugins IPython.display.Image needs (imports only)
    # Registering reads each font's name table and closes the file again.
    from sansong_analysis.publish.charts.fonts import register_bundled_fonts

    register_bundled_fonts()
    set_by_imports = {k: v for k, v in os.environ.items() if before.get(k) != v}
    if _task_count() != 1:
        return f"预加载后有 {_task_count()} 个线程，无法安全 fork", set_by_imports
    return None, set_by_imports


def serve(address: str | None = None) -> None:
    """The zygote's main loop (``python -c 'from sansong_analysis.run.kernels import serve; serve()' SOCKET``)."""
    address = address or sys.argv[1]
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; the kernel puts its own cwd back
    lifeline.die_with_parent_fast()  # the fast path; end of file on stdin is the portable one
    if len(sys.argv) > 2 and os.getppid() != int(sys.argv[2]):
        return  # the batch died before we could ask to die with it
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)  # before preloading: a kernel asked for meanwhile waits in the backlog
    listener.listen(64)
    refusal, set_by_imports = _preload()

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wakeup fd hears of it
    stop = threading.Event()  # only ever touched by this thread; an Event is just a flag here
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())

    kernels: dict[int, socket.socket] = {}  # pid → the connection that asked for it
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "listener")
    selector.register(wake_r, selectors.EVENT_READ, "wake")
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "stdin")
    inherited = [listener.fileno(), wake_r, wake_w, sys.stdin.fileno()]

    def reap() -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = kernels.pop(pid, None)
            if conn is not None:
                code = os.waitstatus_to_exitcode(status)
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(conn)
                conn.close()

    try:
        while not stop.is_set():
            for key, _ in selector.select(timeout=1.0):
                if key.data == "wake":
                    with contextlib.suppress(OSError):
                        os.read(wake_r, 512)
                    reap()
                elif key.data == "stdin":
                    if not os.read(sys.stdin.fileno(), 512):
                        stop.set()  # the batch is gone
                elif key.data == "listener":
                    conn, _ = listener.accept()
                    _answer(conn, refusal, set_by_imports, kernels, selector, inherited)
                elif conn_closed(key.fileobj):  # a worker went away: its kernel has no one left
                    selector.unregister(key.fileobj)
                    with contextlib.suppress(OSError):
                        os.killpg(key.data, signal.SIGKILL)
            reap()
    finally:
        for pid in kernels:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(address)


def conn_closed(conn: socket.socket) -> bool:
    """True when the worker's end of ``conn`` is gone (a readable socket with nothing to read)."""
    try:
        return conn.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _answer(conn: socket.socket, refusal: str | None, set_by_imports: dict[str, str], kernels: dict, selector,
            inherited: list[int]) -> None:
    """Read one request, fork the kernel, reply with its pid (or why not)."""
    pid = 0
    try:
        conn.settimeout(10)
        buffer = b""
        while b"\n" not in buffer:
            data = conn.recv(65536)
            if not data:
                conn.close()
                return
            buffer += data
        request = json.loads(buffer.split(b"\n", 1)[0])
        if refusal:
            conn.sendall(json.dumps({"error": refusal}).encode() + b"\n")
            conn.close()
            return
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the kernel process; never returns
            os.close(ready_r)
            request["env"] = {**request["env"], **set_by_imports}
            _become_kernel(request, ready_w, [*inherited, conn.fileno(), *(c.fileno() for c in kernels.values())])
        kernels[pid] = conn  # from here on, reap() collects it whatever happens
        os.close(ready_w)
        # Reply only once the child leads its own process group: a signal to the
        # kernel's group must never reach the zygote's (the batch's) group.
        os.read(ready_r, 1)
        os.close(ready_r)
        conn.settimeout(None)
        conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        selector.register(conn, selectors.EVENT_READ, pid)
    except (OSError, ValueError):
        if pid:  # the worker that asked is gone: so must its kernel be
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            conn.close()


def _become_kernel(request: dict, ready_w: int, inherited: list[int]) -> None:  # pragma: no cover - runs in the fork
    """Turn this fork into ``python -m ipykernel_launcher ARGV`` and exit with its status."""
    code = 1
    try:
        zygote = os.getppid()
        os.setsid()
        lifeline.die_with_parent_fast()  # the fast path; ipykernel's parent poller is the portable one
        if os.getppid() != zygote:
            os._exit(1)
        os.write(ready_w, b"1")
        os.close(ready_w)
        # A fork keeps the zygote's command line; its name in top and ps -o comm says what it is.
        _prctl(_PR_SET_NAME, b"sansong-kernel")
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)  # stdin: the zygote's is the batch's lifeline, not the kernel's
        for fd in {*inherited, devnull} - {0, 1, 2}:
            with contextlib.suppress(OSError):
                os.close(fd)
        os.chdir(request["cwd"])
        env = dict(request["env"])
        env["JPY_PARENT_PID"] = str(zygote)  # ipykernel's parent poller watches the zygote
        os.environ.clear()
        os.environ.update(env)
        if "numpy.random" in sys.modules:
            sys.modules["numpy.random"].seed()  # a fresh process would have a fresh global generator
        collector.space_out()  # what the zygote preloaded is never walked (nor copied) by a collection
        import ipykernel_launcher

        sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        _exit_like_python(code)


def _exit_like_python(code: int) -> None:  # pragma: no cover - runs in the fork
    """What the interpreter does at exit (join threads, atexit, flush), then leave without returning."""
    import atexit

    # Best effort: we are leaving whatever happens.
    with contextlib.suppress(BaseException):
        threading._shutdown()  # type: ignore[attr-defined]
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)

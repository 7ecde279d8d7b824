"""The kernel zygote: every notebook still gets a brand-new kernel process that jupyter_client can
interrupt and kill, nothing of one kernel reaches the next, and no kernel outlives the zygote."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from jupyter_client.manager import AsyncKernelManager

from sansong_analysis.run import kernels
from sansong_analysis.run.report import KERNEL_ENV, ensure_kernel

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the zygote forks: Linux only"),
]


def test_the_kernelspec_names_the_provisioner_registered_by_entry_point():
    from importlib.metadata import entry_points

    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(ensure_kernel())
    assert spec.metadata["kernel_provisioner"]["provisioner_name"] == kernels.PROVISIONER_NAME
    (point,) = entry_points(group="jupyter_client.kernel_provisioners", name=kernels.PROVISIONER_NAME)
    assert point.load() is kernels.ZygoteProvisioner


@pytest.fixture(scope="module")
def zygote():
    zygote = kernels.KernelZygote.start(env=KERNEL_ENV)
    yield zygote
    zygote.close()
    assert zygote.process.returncode is not None and not Path(zygote.address).exists()


@pytest.fixture
def from_zygote(zygote):
    kernels.use_zygote(zygote.address)
    yield zygote
    kernels.use_zygote(None)


async def _start(cwd: Path):
    # jupyter_client's own manager: the kernelspec names the zygote's provisioner (its public seam).
    km = AsyncKernelManager(kernel_name=ensure_kernel())
    await km.start_kernel(cwd=str(cwd))
    assert isinstance(km.provisioner, kernels.ZygoteProvisioner)
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


async def _run(kc, code: str, timeout: float = 60) -> tuple[str, str]:
    """(reply status, everything printed) of one execution."""
    msg_id = kc.execute(code)
    printed = []
    while True:
        msg = await kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append(msg["content"]["ename"])
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = await kc.get_shell_msg(timeout=timeout)
    return reply["content"]["status"], "".join(printed)


async def _stop(km, kc, now: bool = False) -> None:
    kc.stop_channels()
    await km.shutdown_kernel(now=now)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_each_kernel_is_a_new_process_with_an_empty_namespace(from_zygote, tmp_path):
    async def scenario():
        first, first_client = await _start(tmp_path)
        status, out = await _run(first_client, "import os; secret = 42; print(os.getpid(), os.getppid(), os.getcwd())")
        assert status == "ok"
        pid, ppid, cwd = out.split()
        assert int(pid) == first.provisioner.pid and int(ppid) == from_zygote.process.pid
        assert cwd == str(tmp_path)
        assert os.getpgid(int(pid)) == int(pid)  # its own process group, as a Popen'd kernel
        await _stop(first, first_client)
        assert _wait_gone(int(pid))

        second, second_client = await _start(tmp_path)
        status, out = await _run(second_client, "import os; print(os.getpid(), 'secret' in globals(), __name__)")
        assert status == "ok"
        pid2, leaked, name = out.split()
        assert pid2 != pid and leaked == "False" and name == "__main__"
        await _stop(second, second_client)

    asyncio.run(scenario())


def test_interrupt_and_kill_reach_the_kernel(from_zygote, tmp_path):
    async def scenario():
        km, kc = await _start(tmp_path)
        msg_id = kc.execute("import time; print('sleeping', flush=True); time.sleep(60)")
        while True:  # interrupt only once the cell runs (an idle ipykernel ignores SIGINT)
            msg = await kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        started = time.monotonic()
        await km.interrupt_kernel()
        while True:
            reply = await kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        assert time.monotonic() - started < 10
        status, _ = await _run(kc, "print('still alive')")
        if status == "aborted":
            # ipykernel aborts a request that reaches it right after an error, until its own
            # "stop aborting" message has come round (a race under load): the kernel answered.
            status, _ = await _run(kc, "print('still alive')")
        assert status == "ok"
        pid = km.provisioner.pid
        await _stop(km, kc, now=True)  # SIGKILL to its process group
        assert _wait_gone(pid, 5)

    asyncio.run(scenario())


def test_kernels_die_with_the_zygote(tmp_path):
    zygote = kernels.KernelZygote.start(env=KERNEL_ENV)
    kernels.use_zygote(zygote.address)
    try:
        async def scenario():
            km, kc = await _start(tmp_path)
            pid = km.provisioner.pid
            assert await km.is_alive()
            os.kill(zygote.process.pid, signal.SIGKILL)  # a batch killed with -9 takes its zygote along
            assert _wait_gone(pid, 5), "a kernel outlived its zygote"
            assert not await km.is_alive()
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

        asyncio.run(scenario())
    finally:
        kernels.use_zygote(None)
        zygote.close()


def test_without_a_zygote_kernels_start_the_usual_way(tmp_path, capsys):
    kernels.use_zygote(str(tmp_path / "stopped-zygote" / "zygote.sock"))
    try:
        async def scenario():
            km, kc = await _start(tmp_path)
            assert not isinstance(km.provisioner.process, kernels.ForkedKernel)
            status, _ = await _run(kc, "print(1 + 1)")
            assert status == "ok"
            await _stop(km, kc)

        asyncio.run(scenario())
    finally:
        kernels.use_zygote(None)
    assert "内核预加载进程不可用" in capsys.readouterr().err


def test_the_zygote_has_one_thread_and_no_open_files(zygote, from_zygote, tmp_path):
    async def scenario():  # a kernel asked for waits until the zygote has preloaded
        km, kc = await _start(tmp_path)
        await _stop(km, kc)

    asyncio.run(scenario())
    pid = zygote.process.pid
    assert len(os.listdir(f"/proc/{pid}/task")) == 1
    # Beyond stdin/stdout/stderr: its socket, its wake-up pipe and its selector, and no font or
    # data file whose file offset the kernels would share.
    targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd") if int(fd) > 2]
    assert targets and not [t for t in targets if t.startswith("/")], targets


def test_a_kernel_from_the_zygote_never_walks_what_it_was_forked_with(from_zygote, tmp_path):
    # collector.space_out: the preloaded modules frozen (no collection walks them, nor copies their
    # pages), collections spaced out; the kernel still collects the cycles its notebook makes.
    from sansong_analysis import collector

    async def scenario():
        km, kc = await _start(tmp_path)
        code = (
            "import gc, weakref\n"
            "class Node: pass\n"
            "a, b = Node(), Node(); a.other, b.other = b, a; gone = weakref.ref(a); del a, b\n"
            "gc.collect()\n"
            "print(gc.get_freeze_count() > 10000, tuple(gc.get_threshold()), gone() is None)"
        )
        status, out = await _run(kc, code)
        await _stop(km, kc)
        return status, out

    status, out = asyncio.run(scenario())
    assert status == "ok"
    assert out.split(maxsplit=1)[0] == "True" and out.rsplit(maxsplit=1)[1] == "True"
    assert str(collector.THRESHOLDS).replace(" ", "") in out.replace(" ", "")


# --------------------------------------------------------------------------- folders of zygotes that are gone


def _folder(root: Path, name: str, sock: str | None = None, age: float = 0.0) -> Path:
    """A zygote folder under ``root``: with a socket bound and then closed ("dead"), bound and listening
    ("live", returned open in ``_LIVE``), or none; its times put ``age`` seconds back."""
    import socket

    folder = root / f"{kernels.FOLDER_PREFIX}{name}"
    folder.mkdir(mode=0o700)
    address = folder / kernels.SOCKET_NAME
    if sock is not None:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(str(address))
        if sock == "live":
            s.listen(1)
            _LIVE.append(s)
        else:
            s.close()  # the file stays, nothing listens: what a zygote killed with -9 leaves
    then = time.time() - age
    if sock is not None:
        os.utime(address, (then, then))
    os.utime(folder, (then, then))
    return folder


_LIVE: list = []


def test_folders_of_zygotes_that_are_gone_are_swept(tmp_path):
    root = tmp_path
    dead = _folder(root, "dead", "dead", age=600)
    live = _folder(root, "live", "live", age=600)
    just_bound = _folder(root, "just-bound", "dead", age=5)  # between a zygote's bind and its listen
    starting = _folder(root, "starting", None, age=60)  # made, its zygote not yet bound
    abandoned = _folder(root, "abandoned", None, age=2 * 3600)  # its zygote never bound
    kept_file = _folder(root, "with-a-file", None, age=2 * 3600)
    (kept_file / "notes.txt").write_text("not ours to remove")
    other = root / "sansong-other-dead"
    other.mkdir()
    try:
        assert kernels.sweep_stale_folders(str(root)) == 2
        assert not dead.exists() and not abandoned.exists()
        assert live.exists() and (live / kernels.SOCKET_NAME).exists()
        assert just_bound.exists() and starting.exists() and other.exists()
        assert (kept_file / "notes.txt").exists()
        assert kernels.sweep_stale_folders(str(root)) == 0
        assert kernels.sweep_stale_folders(str(root / "no-such-folder")) == 0
    finally:
        while _LIVE:
            _LIVE.pop().close()


def test_a_batch_killed_with_minus_9_leaves_nothing_the_next_batch_does_not_sweep(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = kernels.KernelZygote.start(env=KERNEL_ENV)
    deadline = time.monotonic() + 30  # the zygote binds its socket within seconds
    while not Path(first.address).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Path(first.address).exists()
    os.kill(first.process.pid, signal.SIGKILL)  # the batch killed with -9 takes its zygote along, at once
    first.process.wait()
    folder = Path(first.address).parent
    assert folder.exists() and Path(first.address).exists()  # nobody left to remove them
    old = time.time() - 600
    os.utime(first.address, (old, old))
    second = kernels.KernelZygote.start(env=KERNEL_ENV)
    try:
        assert not folder.exists()
        assert Path(second.address).parent.exists()
    finally:
        second.close()
    assert not Path(second.address).parent.exists()
    assert [p.name for p in tmp_path.iterdir()] == []

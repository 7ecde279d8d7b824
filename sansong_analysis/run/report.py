"""One report: a parameterised notebook run through papermill into ``outputs/<township>/``.

``run_report`` executes exactly one notebook for one township (or the county
overview) and returns a :class:`ReportResult`; ``batch`` owns parallelism,
retries, fingerprints and the manifest around it.

Everything is written to a temporary folder beside the target and moved into
place only when the notebook, the HTML export and the leaders' brief all
succeeded, so a failure or a ``kill -9`` never leaves a half-written report
and never replaces the last good one. A failing notebook is kept as
``report.failed.ipynb`` beside the last good report.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import json
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sansong_analysis import fsutil, paths
from sansong_analysis.run import kernels
from sansong_analysis.run.html import export_html

KERNEL_NAME = "sansong-analysis"
# The environment our kernelspec gives a kernel (a batch's kernel zygote starts with it too).
KERNEL_ENV = {
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYTHONIOENCODING": "utf-8",
    # debugpy (imported by ipykernel) warns about frozen modules on every start; reports are not debugged.
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
# A report's kernel keeps no IPython history (see _execute).
NO_HISTORY = "--HistoryManager.enabled=False"
# What leaders receive from every township report (docs/contract.md §6).
CHART_STEMS = ("coverage", "funds", "disputes", "farmland")
REQUIRED_FILES = (
    "report.ipynb",
    "report.html",
    "brief.pdf",
    "brief.docx",
    "summary.txt",
    "问题清单.xlsx",
    *(f"charts/{stem}.{ext}" for stem in CHART_STEMS for ext in ("png", "svg")),
)

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class ReportError(Exception):
    """A report that cannot be run as asked (bad parameters, unknown township): exit status 2."""


@dataclass
class ReportResult:
    """What one report run produced; one entry of the batch manifest."""

    township: str
    status: str  # ok, failed, skipped
    seconds: float = 0.0
    out_dir: str = ""
    files: list[str] = field(default_factory=list)
    error: str | None = None
    fingerprint: str | None = None
    kind: str = "township"

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def label(self) -> str:
        """How people call it: the township, or 全县总览 for the county overview."""
        return "全县总览" if self.kind == "county" else self.township


# --------------------------------------------------------------------------- names


def safe_folder_name(name: str) -> str:
    """A township name as a folder name: no path traversal, nothing Windows refuses.

    >>> safe_folder_name("黄坑乡")
    '黄坑乡'
    >>> safe_folder_name("../etc/passwd")
    '.._etc_passwd'
    >>> safe_folder_name("CON")
    '_CON'
    """
    text = unicodedata.normalize("NFC", str(name))
    text = "".join("_" if (ch in '<>:"/\\|?*' or ord(ch) < 32 or ch == "\x7f") else ch for ch in text)
    text = text.strip().rstrip(". ")
    if not text or set(text) <= {".", "_"} and text in {".", ".."}:
        text = "_"
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = "_" + text
    if text.startswith("."):
        text = "_" + text[1:] if text in {".", ".."} else text
    encoded = text.encode("utf-8")
    if len(encoded) > 150:  # most file systems allow 255 bytes per name
        text = encoded[:150].decode("utf-8", "ignore")
    return text


# --------------------------------------------------------------------------- kernel


def ensure_kernel() -> str:
    """A kernelspec that runs this very Python (the project's venv), installed without any user step.

    Written into ``sys.prefix/share/jupyter/kernels`` (inside the venv) or, if that
    is read-only, a private folder added to ``JUPYTER_PATH``. A user-level
    ``python3`` kernelspec pointing at another Python can then never be picked.
    """
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "Python 3 (sansong-analysis)",
        "language": "python",
        # jupyter_client finds the provisioner through our entry point; it forks the kernel from the
        # batch's zygote when this process has one, and starts it the usual way otherwise.
        "metadata": {"debugger": False, "kernel_provisioner": {"provisioner_name": kernels.PROVISIONER_NAME, "config": {}}},
        "env": dict(KERNEL_ENV),
    }
    for base in (Path(sys.prefix) / "share" / "jupyter", Path(tempfile.gettempdir()) / f"sansong-jupyter-{os.getuid() if hasattr(os, 'getuid') else 'u'}"):
        target = base / "kernels" / KERNEL_NAME
        try:
            path = target / "kernel.json"
            if not path.exists() or json.loads(path.read_text("utf-8")) != spec:
                target.mkdir(parents=True, exist_ok=True)
                fsutil.atomic_write(path, json.dumps(spec, indent=1))
        except OSError:
            continue
        if base != Path(sys.prefix) / "share" / "jupyter":
            jp = os.environ.get("JUPYTER_PATH", "")
            if str(base) not in jp.split(os.pathsep):
                os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(base), jp) if p)
        return KERNEL_NAME
    return "python3"  # pragma: no cover - nowhere writable: fall back to the native kernel


def _register_readable_translator() -> None:
    """Inject Chinese parameters as Chinese (``township = '黄坑乡'``), not ``\\u9ec4`` escapes."""
    from papermill.translators import PythonTranslator, papermill_translators

    class ReadablePythonTranslator(PythonTranslator):
        @classmethod
        def translate_escaped_str(cls, str_val):
            return repr(str_val) if isinstance(str_val, str) else f'"{str_val}"'

    papermill_translators.register("python", ReadablePythonTranslator)


# --------------------------------------------------------------------------- parameters


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """Names and defaults the notebook's ``parameters`` cell declares."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    return {name: info.get("default") for name, info in declared.items()}


def check_parameters(notebook: Path, parameters: dict[str, object]) -> None:
    """Only names the notebook declares; dates ISO and in order. Raises ReportError."""
    declared = notebook_parameters(notebook)
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ReportError(f"笔记本 {notebook.name} 没有声明参数 {'、'.join(unknown)}（可用：{'、'.join(declared)}）")
    for name in ("start", "end"):
        value = parameters.get(name)
        if value is not None:
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                raise ReportError(f"参数 {name}「{value}」不是 ISO 日期（应为 2011-01-01）") from None
    start, end = parameters.get("start"), parameters.get("end")
    if start and end and str(end) < str(start):
        raise ReportError(f"结束日期 {end} 早于开始日期 {start}")


def known_townships(processed_dir: Path) -> list[str]:
    """Townships present in the processed frames, sorted."""
    from sansong_analysis.figures import all_townships
    from sansong_analysis.store import load

    return all_townships(load(processed_dir))


# --------------------------------------------------------------------------- running


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def report_target(out_root: Path, township: str | None) -> Path:
    """The folder a report lands in: ``outputs/<safe township>`` or ``outputs/county``."""
    return Path(out_root).resolve() / (safe_folder_name(township) if township else paths.COUNTY_FOLDER)


def run_report(
    township: str | None,
    processed_dir: Path,
    out_root: Path,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    *,
    notebook: Path | None = None,
    timeout: int = 900,
    fingerprint: str | None = None,
) -> ReportResult:
    """Execute one township's notebook (``township=None``: the county overview); never raises for a failing cell."""
    started = time.monotonic()
    kind = "township" if township else "county"
    notebook = Path(notebook or (paths.TOWNSHIP_NOTEBOOK if township else paths.COUNTY_NOTEBOOK)).resolve()
    processed_dir = Path(processed_dir).resolve()
    out_root = Path(out_root).resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    target = report_target(out_root, township)
    name = township or paths.COUNTY_FOLDER
    result = ReportResult(name, "failed", out_dir=str(target), fingerprint=fingerprint, kind=kind)

    staging = fsutil.new_staging_dir(target)
    parameters = {"start": _iso(start), "end": _iso(end), "processed_dir": str(processed_dir), "out_dir": str(staging)}
    if township:
        parameters["township"] = township
    brief = None
    try:
        check_parameters(notebook, parameters)
        executed = staging / "report.ipynb"
        # The brief is drawn from the frames, not from the notebook: it is drawn while the
        # kernel runs the notebook, instead of after it (this process would wait idle meanwhile).
        brief = _brief_thread().submit(_write_brief, township, processed_dir, staging, start, end)
        error = _execute(notebook, executed, parameters, timeout)
        if error is not None:
            _keep_failed(executed, target)
            result.error = error
            return result
        _tidy_executed_notebook(executed, staging, target)
        export_html(executed, staging / "report.html")
        brief.result()
        missing = [f for f in REQUIRED_FILES if not (staging / f).is_file()]
        if missing:
            result.error = f"{notebook.name} 运行完成，但没有生成 {'、'.join(missing)}"
            return result
        files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        swap_into_place(staging, target)
        result.status = "ok"
        result.files = [f"{target.name}/{f}" for f in files]
        return result
    except ReportError:
        raise
    except Exception as exc:  # kernel died, disk full, export failed: one line in the manifest
        result.error = f"{notebook.name}：{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        return result
    finally:
        if brief is not None:
            concurrent.futures.wait([brief])  # never remove the staging folder under its feet
        result.seconds = round(time.monotonic() - started, 2)
        shutil.rmtree(staging, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _brief_thread() -> concurrent.futures.ThreadPoolExecutor:
    """The one thread of this process that draws briefs (matplotlib keeps its fonts per thread)."""
    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sansong-brief")


def _execute(notebook: Path, output: Path, parameters: dict, timeout: int) -> str | None:
    """Run the notebook with papermill; the error as one line, or None on success."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _register_readable_translator()
    # In a batch worker the fresh kernel is forked from the batch's kernel zygote: the kernelspec names
    # the zygote's provisioner (see kernels.py).
    kernel = ensure_kernel()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            cwd=str(notebook.parent),
            execution_timeout=timeout,
            start_timeout=120,
            # nbclient keeps a kernel's history out of ~/.ipython only for kernels it knows by name (python3):
            # ours would add a session a township to the analyst's history, with an SQLite write a cell, and
            # a batch's kernels would write to that one file at once.
            extra_arguments=[NO_HISTORY],
        )
    except PapermillExecutionError as exc:
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        return f"{notebook.name} 第 {exc.cell_index + 1} 个单元格（In [{exc.exec_count}]）出错：{exc.ename}: {evalue}"
    return None


def _keep_failed(executed: Path, target: Path) -> None:
    if executed.exists():
        target.mkdir(parents=True, exist_ok=True)
        os.replace(executed, target / "report.failed.ipynb")


def _tidy_executed_notebook(executed: Path, staging: Path, target: Path) -> None:
    """The executed notebook as the analyst will open it: python3 kernel, final paths shown."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(str(staging), str(target))
    nbformat.write(nb, executed)


def _write_brief(township, processed_dir, staging, start, end) -> None:
    """The leaders' one-page brief (``brief.pdf``), its Word draft (``brief.docx``), the paragraph for Word
    (``summary.txt``), and what the township must fix in its ledgers (``问题清单.xlsx``, whatever the period)."""
    from sansong_analysis.publish.brief import write_brief
    from sansong_analysis.publish.feedback import write_problem_list

    write_brief(township, processed_dir, staging, start=start, end=end)
    write_problem_list(township, processed_dir, staging)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` (``fsutil.swap_in``); the old folder is removed after."""
    fsutil.swap_in(staging, target)


def recover_outputs(out_root: Path) -> None:
    """Undo what a killed run left: staging folders, and a target renamed away but not replaced.

    Called by the batch holding its lock (``fsutil.recover_all``)."""
    fsutil.recover_all(Path(out_root))

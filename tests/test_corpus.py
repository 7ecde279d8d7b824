"""`sansong clean` over real-world spreadsheets from the test suites of calamine, python-calamine,
readxl and unpivotr: password-protected, truncated, empty, memory bombs, sizes that lie, 1904
dates, merged ranges, odd XML. It must finish in bounded time and memory, name every file it
cannot read with one of the four reasons, and list readable files without a ledger as such."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sansong_analysis import store
from sansong_analysis.ingest.read import REASON_LABELS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TIME_LIMIT_S = 300
MEMORY_LIMIT_MB = 2048

# What each known file must come to; files added to the corpus later only face the general rules.
EXPECTED_PROBLEMS = {
    "calamine/issue_385.xls": ("password", "受密码保护"),
    "calamine/pass_protected.ods": ("password", "受密码保护"),
    "calamine/pass_protected.xlsb": ("password", "受密码保护"),
    "calamine/pass_protected.xlsx": ("password", "受密码保护"),
    "python-calamine/password.ods": ("password", "受密码保护"),
    "python-calamine/password.xls": ("password", "受密码保护"),
    "python-calamine/password.xlsb": ("password", "受密码保护"),
    "python-calamine/password.xlsx": ("password", "受密码保护"),
    "python-calamine/empty_file.ods": ("empty", "空文件"),
    "python-calamine/empty_file.xlsb": ("empty", "空文件"),
    "python-calamine/empty_file.xlsx": ("empty", "空文件"),
    "calamine/OOM_alloc3.xls": ("corrupt", "文件损坏或不完整"),  # fuzzer-made allocation bomb
    "calamine/issue252.xlsx": ("corrupt", "文件损坏或不完整"),  # a part larger than its declared size
    "calamine/too_small.xls": ("corrupt", "文件损坏或不完整"),  # a mail system's "attachment not found" text
    "calamine/issue_594_dos.ods": ("too_large", "不支持的格式"),  # a repeated-cells bomb of 10^18 cells
    "calamine/LICENSE": ("unsupported", "不支持的格式"),
}
# Readable files that once tripped the reader: they must be read, not refused.
EXPECTED_READABLE = (
    "calamine/issue_174.xlsx",  # <dimension ref="A1:XFD1048576"> and formatted empty cells to XFD
    "calamine/issue_530.xlsx",  # zip members named with backslashes (xl\\workbook.xml)
    "calamine/minimal_package.xlsx",  # workbook.xml at the package root, found through _rels/.rels
    "readxl/los-angeles-arrests-xlsx.xlsx",  # the same minimal package layout
    "calamine/issue_666_panic.xlsb",  # once made calamine panic
    "calamine/OOM_alloc.xls",
    "calamine/OOM_alloc2.xls",
    "calamine/date_1904.xlsx",
    "calamine/date_1904.xls",
    "calamine/date_1904.xlsb",
    "readxl/dates-1904.xls",
    "readxl/65536-rows-xls.xls",
    "calamine/capitalized_wbook_stream.xls",
    "calamine/nonstandard-xml-ns-prefix.xlsx",
    "calamine/covered.ods",
    "calamine/number_rows_repeated.ods",
)

_MEASURE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'PEAK_RSS_KB={peak // 1024 if sys.platform == \"darwin\" else peak}', file=sys.stderr)\n"
    "sys.exit(r.returncode)\n"
)


def run_measured(args: list[str], timeout: float) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``args`` under a small wrapper that reports the peak RSS of it and all its children (MB)."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, timeout=timeout
    )
    seconds = time.monotonic() - start
    m = re.search(r"PEAK_RSS_KB=(\d+)", proc.stderr)
    assert m, proc.stderr[-2000:]
    return proc, seconds, int(m.group(1)) / 1024


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"real-world corpus not found at {CORPUS} (it lives beside the project in shared/corpus)")
    base = tmp_path_factory.mktemp("corpus")
    raw, processed = base / "raw", base / "processed"
    shutil.copytree(CORPUS, raw)
    proc, seconds, peak_mb = run_measured(
        [sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw), "--processed", str(processed)],
        timeout=TIME_LIMIT_S,
    )
    summary = json.loads((processed / store.SUMMARY_FILE).read_text("utf-8"))
    return {"raw": raw, "processed": processed, "proc": proc, "seconds": seconds, "peak_mb": peak_mb,
            "summary": summary, "files": {f["file"]: f for f in summary["files"]}}


def test_clean_finishes_in_bounded_time_and_memory(corpus_run):
    proc = corpus_run["proc"]
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    assert corpus_run["seconds"] < TIME_LIMIT_S
    assert corpus_run["peak_mb"] < MEMORY_LIMIT_MB, f"peak RSS {corpus_run['peak_mb']:.0f} MB"
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream
        assert "内部错误" not in stream


def test_every_file_is_accounted_for(corpus_run):
    on_disk = {p.relative_to(corpus_run["raw"]).as_posix() for p in corpus_run["raw"].rglob("*") if p.is_file()}
    summary = corpus_run["summary"]
    assert on_disk == set(corpus_run["files"]) | set(summary["ignored"])


def test_every_unreadable_file_is_named_on_one_line_with_its_reason(corpus_run):
    stderr_lines = corpus_run["proc"].stderr.splitlines()
    stdout_lines = corpus_run["proc"].stdout.splitlines()
    unreadable = {name: f for name, f in corpus_run["files"].items() if f["status"] == "error"}
    assert unreadable
    for name, f in unreadable.items():
        reasons = [f["problem"]] if f["problem"] else [s["problem"] for s in f["sheet_problems"]]
        assert reasons, name
        for reason in reasons:
            assert reason.split("：", 1)[0] in REASON_LABELS, (name, reason)
            assert "\n" not in reason
        named = [line for line in stderr_lines if f"/{name}" in line and line.startswith("错误：")]
        assert named, f"{name} is not named on stderr"
        for line in named:
            assert sum(label in line for label in REASON_LABELS) >= 1, line
            assert not re.search(r"[A-Za-z]{4,}Error|Exception", line), line  # no Python or Rust class names
        assert any(line.startswith(name) and "未读取" in line for line in stdout_lines), name


def test_known_files_get_the_right_reason(corpus_run):
    files = corpus_run["files"]
    for name, (kind, label) in EXPECTED_PROBLEMS.items():
        if name not in files:
            continue
        f = files[name]
        assert f["status"] == "error", name
        assert (f["problem_kind"], f["problem"].split("：", 1)[0]) == (kind, label), (name, f["problem"])
    assert "文件过大" in files["calamine/issue_594_dos.ods"]["problem"] or "表格过大" in files["calamine/issue_594_dos.ods"]["problem"]


def test_readable_files_without_a_ledger_are_listed_not_errors(corpus_run):
    files = corpus_run["files"]
    stdout = corpus_run["proc"].stdout
    for name in EXPECTED_READABLE:
        if name not in files:
            continue
        f = files[name]
        assert f["status"] == "ok" and f["sheets"], (name, f["problem"], f["sheet_problems"])
    readable = [f for f in files.values() if f["status"] == "ok"]
    assert len(readable) > 150
    for f in readable:
        for sheet in f["sheets"]:
            if sheet["ledger"] is None:
                assert sheet["note"].startswith("未识别台账") and sheet["recognition"]["status"] == "not_recognised"
    no_ledger = [line for line in stdout.splitlines() if line.split() and line.split()[-5:-4] == ["未识别"]]
    assert len(no_ledger) >= sum(1 for f in readable for s in f["sheets"] if s["ledger"] is None)
    assert not any(f"/{f['file']}" in line for f in readable for line in corpus_run["proc"].stderr.splitlines())


def test_the_processed_frames_exist_and_load(corpus_run):
    processed = corpus_run["processed"]
    for name in store.FRAME_NAMES:
        assert (processed / f"{name}.parquet").is_file()
    frames = store.load(processed)
    assert set(frames) == set(store.FRAME_NAMES)

"""Our own bugs are named as ours: a defect in the reader is a 程序错误 with a crash log, never "a damaged file".

A bug is planted in the reader's own code (the merged-cell fill raises AttributeError, whose
message holds the word "attribute" that once read as "XML 格式错误") in this process, where
.xlsx files are read, and in the helper process that reads .xls files. Each time the analyst
must read 程序错误 naming the file, the traceback must be in a crash log of its own under the
processed folder, and the other file must still be cleaned.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from sansong_analysis import cli, store
from sansong_analysis.crashlog import CRASH_FOLDER
from sansong_analysis.ingest import clean as clean_module
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.ingest.read import (
    PROGRAM_ERROR_LABEL,
    REASON_LABELS,
    FileProblem,
    Limits,
    ProgramError,
    isolated,
    read_file,
)
from sansong_analysis.ingest.read import workbook as workbook_module
from sansong_analysis.ingest.read.grid import problem_from_error
from sansong_analysis.ingest.read.workbook import is_calamine_error

PLANTED = "'NoneType' object has no attribute 'merged_value'"

ROSTER = [
    ["黄坑乡新屋村结对帮扶花名册"],
    ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
    [1, "张三", "一组", 4, "是", "李干部"],
    [2, "李四", "一组", 3, "否", "李干部"],
    [3, "王五", "二组", 5, "是", "赵干部"],
]
VISITS = [
    ["黄坑乡2011年走访登记表"],
    ["序号", "村", "走访日期", "被走访人", "组别", "走访人", "走访形式"],
    [1, "新屋村", "2011-03-05", "张三", "一组", "李干部", "入户走访"],
    [2, None, "2011-03-06", "李四", "一组", "李干部", "节日慰问"],
    [3, None, "2011-04-01", "王五", "二组", "赵干部", "入户走访"],
]


def write_visits_xlsx(path: Path) -> Path:
    """Read in this process; its village cell is merged down the rows (B3:B5)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "走访登记"
    for row in VISITS:
        ws.append(row)
    ws.merge_cells("B3:B5")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_roster_xls(path: Path) -> Path:
    """Read in the helper process (.xls, Excel 97-2003)."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("花名册")
    for r, row in enumerate(ROSTER):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


@pytest.fixture
def raw(tmp_path):
    raw = tmp_path / "raw"
    write_visits_xlsx(raw / "黄坑乡" / "走访登记.xlsx")
    write_roster_xls(raw / "黄坑乡" / "新屋村花名册.xls")
    return raw


def planted_fill(rows, merged):
    raise AttributeError(PLANTED)


@pytest.fixture
def fresh_helper():
    """A helper started for this test (with this test's environment), stopped after it."""
    isolated._stop_helper()
    isolated._helper = None
    yield
    isolated._stop_helper()
    isolated._helper = None


@pytest.fixture
def bug_in_helper(tmp_path, monkeypatch, fresh_helper):
    """The same bug planted in the helper process: a sitecustomize on its PYTHONPATH patches it in."""
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "from sansong_analysis.ingest.read import workbook\n"
        "def planted_fill(rows, merged):\n"
        f"    raise AttributeError({PLANTED!r})\n"
        "workbook._fill_merged = planted_fill\n",
        "utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(plant))


def the_crash_log(processed: Path) -> tuple[Path, str]:
    logs = sorted((processed / CRASH_FOLDER).glob("*.log"))
    assert len(logs) == 1, logs
    return logs[0], logs[0].read_text("utf-8")


def summary_of(processed: Path) -> dict[str, dict]:
    return {f["file"]: f for f in json.loads((processed / store.SUMMARY_FILE).read_text("utf-8"))["files"]}


# --------------------------------------------------------------------------- the planted bug, in this process


def test_a_bug_in_the_reader_is_a_program_error_not_a_damaged_file(raw, monkeypatch):
    monkeypatch.setattr(workbook_module, "_fill_merged", planted_fill)
    with pytest.raises(ProgramError) as caught:
        read_file(raw / "黄坑乡" / "走访登记.xlsx")
    problem = caught.value
    assert (problem.kind, problem.label) == ("defect", PROGRAM_ERROR_LABEL)
    assert str(problem) == (
        f"程序错误：读取此文件时程序出错（AttributeError: {PLANTED}），不是文件本身的问题；请把该文件交给维护人员"
    )
    assert "XML" not in str(problem) and "损坏" not in str(problem)
    assert "planted_fill" in problem.trace and "Traceback" in problem.trace


def test_the_clean_names_the_file_writes_a_crash_log_and_goes_on(raw, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(workbook_module, "_fill_merged", planted_fill)
    # Two processes, forked with the planted bug, each reading its .xlsx files itself (one process
    # alone would have its helper read every file, see the test after next).
    monkeypatch.setattr(clean_module, "POOL_MIN_BYTES", 0)
    processed = tmp_path / "processed"
    status = cli.main(["clean", "--raw", str(raw), "--processed", str(processed), "--jobs", "2"])
    out, err = capsys.readouterr()
    assert status == 1
    log, text = the_crash_log(processed)
    assert log.name.startswith("crash-")
    # The analyst's line: the file, 程序错误, the log to hand on; no traceback on the terminal.
    line = next(line for line in err.splitlines() if "走访登记.xlsx" in line)
    assert line == (
        f"错误：{raw / '黄坑乡' / '走访登记.xlsx'}：程序错误：读取此文件时程序出错（AttributeError: {PLANTED}），"
        f"不是文件本身的问题；详细信息已写入 {log}，请把该文件和这份日志交给维护人员"
    )
    assert "Traceback" not in out + err and "XML" not in out + err
    assert "（未读取：程序错误）" in out
    # The log: which file, then the traceback down to the planted line.
    assert "文件：黄坑乡/走访登记.xlsx" in text
    assert "Traceback (most recent call last)" in text and "planted_fill" in text and PLANTED in text
    # The summary beside the frames says the same; the roster (.xls, read in the helper) is cleaned.
    files = summary_of(processed)
    assert files["黄坑乡/走访登记.xlsx"]["problem_kind"] == "defect"
    assert files["黄坑乡/走访登记.xlsx"]["problem"].endswith(f"详细信息已写入 {log}，请把该文件和这份日志交给维护人员")
    assert files["黄坑乡/新屋村花名册.xls"]["status"] == "ok"
    assert len(store.load(processed)["roster"]) == 3


# --------------------------------------------------------------------------- the planted bug, in the helper process


def test_a_bug_in_the_helper_process_is_a_program_error_too(raw, bug_in_helper):
    with pytest.raises(ProgramError) as caught:
        read_file(raw / "黄坑乡" / "新屋村花名册.xls")
    problem = caught.value
    assert isolated.available()
    assert str(problem) == (
        f"程序错误：读取此文件时程序出错（AttributeError: {PLANTED}），不是文件本身的问题；请把该文件交给维护人员"
    )
    # The traceback was taken where the bug ran: in the helper's serve loop.
    assert "in serve" in problem.trace and "planted_fill" in problem.trace


def test_the_clean_logs_a_bug_in_the_helper_and_goes_on(raw, tmp_path, bug_in_helper, monkeypatch):
    monkeypatch.setattr(clean_module, "POOL_MIN_BYTES", 0)  # pool workers: .xlsx read in the worker itself
    processed = tmp_path / "processed"
    result = run_clean(raw, processed, jobs=2, progress=False)
    log, text = the_crash_log(processed)
    failed = {f.path: f for f in result.files if not f.ok}
    assert list(failed) == ["黄坑乡/新屋村花名册.xls"]
    problem = failed["黄坑乡/新屋村花名册.xls"].problem
    assert problem.label == PROGRAM_ERROR_LABEL and problem.log == str(log)
    assert "文件：黄坑乡/新屋村花名册.xls" in text and "in serve" in text and PLANTED in text
    # The visits (.xlsx, read in this process) are cleaned, their village filled down the merge.
    visits = store.load(processed)["visits"]
    assert len(visits) == 3 and set(visits["village"]) == {"新屋村"}


def test_one_process_has_its_helper_read_every_workbook_and_logs_each_bug(raw, tmp_path, bug_in_helper):
    """A one-process clean sends whole files to its helper (reading the next while it cleans this
    one): the bug planted there costs each workbook, each with its own log, and the clean ends."""
    processed = tmp_path / "processed"
    result = run_clean(raw, processed, jobs=1, progress=False)
    failed = {f.path: f.problem for f in result.files if not f.ok}
    assert sorted(failed) == ["黄坑乡/新屋村花名册.xls", "黄坑乡/走访登记.xlsx"]
    logs = sorted((processed / CRASH_FOLDER).glob("*.log"))
    assert sorted(p.log for p in failed.values()) == [str(log) for log in logs] and len(logs) == 2
    for path, problem in failed.items():
        assert problem.label == PROGRAM_ERROR_LABEL
        text = Path(problem.log).read_text("utf-8")
        assert f"文件：{path}" in text and "in serve" in text and PLANTED in text
    assert store.load(processed)["visits"].empty


# --------------------------------------------------------------------------- the same rule elsewhere


def test_a_bug_after_reading_costs_one_sheet_with_its_own_log(raw, tmp_path, monkeypatch):
    def planted_locate(*_args, **_kwargs):
        raise KeyError("表头")

    monkeypatch.setattr(clean_module, "locate_table", planted_locate)
    processed = tmp_path / "processed"
    result = run_clean(raw, processed, jobs=1, progress=False)
    problems = [(f.path, sheet, p) for f in result.files for sheet, p in f.sheet_problems]
    assert [(path, sheet) for path, sheet, _ in problems] == [("黄坑乡/新屋村花名册.xls", "花名册"), ("黄坑乡/走访登记.xlsx", "走访登记")]
    logs = sorted((processed / CRASH_FOLDER).glob("*.log"))
    assert len(logs) == 2 and {p.log for _, _, p in problems} == {str(log) for log in logs}
    assert all(str(p).startswith("程序错误：处理此工作表时程序出错（KeyError: '表头'）") for _, _, p in problems)


def test_crash_logs_are_kept_by_the_next_clean(raw, tmp_path, monkeypatch):
    processed = tmp_path / "processed"
    with monkeypatch.context() as m:
        m.setattr(workbook_module, "_fill_merged", planted_fill)
        m.setattr(clean_module, "POOL_MIN_BYTES", 0)  # forked workers, which read .xlsx themselves
        run_clean(raw, processed, jobs=2, progress=False)
    first, _ = the_crash_log(processed)
    result = run_clean(raw, processed, jobs=1, progress=False)  # the bug is fixed
    assert all(f.ok for f in result.files)
    assert the_crash_log(processed)[0] == first


def test_an_internal_error_of_a_command_gets_a_log_of_its_own(monkeypatch, capsys, tmp_path):
    processed = tmp_path / "processed"
    processed.mkdir()

    def planted_metrics(args):
        raise ValueError("故意的错误 13812345678")

    monkeypatch.setattr(cli, "cmd_metrics", planted_metrics)
    lines = []
    for _ in range(2):
        assert cli.main(["metrics", "--processed", str(processed)]) == 1
        lines.append(capsys.readouterr().err.strip())
    logs = sorted((processed / CRASH_FOLDER).glob("*.log"))
    assert len(logs) == 2  # two runs, two logs: none overwrites the other
    assert sorted(lines) == sorted(
        f"sansong: 内部错误：ValueError: 故意的错误 [号码已隐去]（详细信息见 {log}，请交给维护人员）" for log in logs
    )
    for log in logs:
        text = log.read_text("utf-8")
        assert "planted_metrics" in text and "13812345678" not in text and "命令：sansong metrics" in text


# --------------------------------------------------------------------------- which exceptions are calamine's


class PanicException(BaseException):
    """What pyo3 raises when calamine's Rust code panics (``pyo3_runtime.PanicException``)."""


PanicException.__module__ = "pyo3_runtime"


@pytest.mark.parametrize(
    ("exc", "is_calamine"),
    [
        (python_calamine.CalamineError("Cfb error: Sector 4294967039 points past end of file"), True),
        (python_calamine.PasswordError("Workbook is password protected"), True),
        (python_calamine.XmlError("Xml attribute error: malformed attribute"), True),
        (python_calamine.ZipError("invalid Zip archive: Could not find EOCD"), True),
        (OSError("failed to fill whole buffer"), True),
        (PanicException("called `Option::unwrap()` on a `None` value"), True),
        (AttributeError(PLANTED), False),
        (KeyError("sheet"), False),
        (TypeError("'NoneType' object is not subscriptable"), False),
        (ValueError("invalid literal for int()"), False),
        (IndexError("list index out of range"), False),
    ],
)
def test_only_calamines_own_exceptions_are_the_files_problem(exc, is_calamine):
    assert is_calamine_error(exc) is is_calamine


@pytest.mark.parametrize(
    ("exc", "kind", "detail"),
    [
        (python_calamine.PasswordError("Workbook is password protected"), "password", "文件受密码保护，无法读取；请提供未加密的副本"),
        (python_calamine.XmlError("I/O error: File is larger than its declared uncompressed size"), "corrupt",
         "压缩包中某个部件的实际大小或校验和与声明不符（文件损坏或被改动）"),
        (python_calamine.XmlError("Xml attribute error: malformed attribute"), "corrupt", "表格内部的 XML 格式错误"),
        (python_calamine.ZipError("invalid Zip archive: Could not find EOCD"), "corrupt", "压缩结构损坏，可能下载不完整"),
        (python_calamine.CalamineError("Cell limit exceeded (17179869184 cells requested, max 100000000)"),
         "too_large", "表格过大：声明的大小不合理，为免耗尽内存拒绝读取"),
        (python_calamine.CalamineError("Cfb error: Invalid OLE (68 bytes is too small)"), "corrupt",
         "不是有效的 Excel 97-2003 文件，或文件已损坏"),
        (OSError("failed to fill whole buffer"), "corrupt", "文件在中途截断（可能下载或复制不完整）"),
        (PanicException("index out of bounds: the len is 3 but the index is 7"), "corrupt",
         "Excel 二进制（.xlsb）结构异常，读取程序无法解析（文件损坏）"),
    ],
)
def test_calamines_messages_in_the_analysts_words(exc, kind, detail):
    problem = problem_from_error(exc, "xlsb")
    assert (problem.kind, problem.detail) == (kind, detail)


def test_a_panic_inside_calamine_costs_one_file(raw, monkeypatch):
    def explode(*_args, **_kwargs):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(workbook_module.calamine.CalamineWorkbook, "from_path", explode)
    with pytest.raises(FileProblem) as caught:
        read_file(raw / "黄坑乡" / "走访登记.xlsx", Limits(isolate=False))
    assert (caught.value.kind, caught.value.label) == ("corrupt", "文件损坏或不完整")


def test_program_errors_survive_pickling_between_processes():
    p = ProgramError("读取此文件时程序出错（KeyError: 'x'），不是文件本身的问题", "Traceback …\nKeyError: 'x'\n", "a/b.log")
    q = pickle.loads(pickle.dumps(p))
    assert (type(q), q.kind, q.detail, q.trace, q.log, str(q)) == (ProgramError, "defect", p.detail, p.trace, p.log, str(p))


def test_problem_labels():
    for kind in FileProblem.LABELS:
        label = FileProblem(kind, "x").label
        assert label == PROGRAM_ERROR_LABEL if kind == "defect" else label in REASON_LABELS
    assert PROGRAM_ERROR_LABEL not in REASON_LABELS  # a file is never "unreadable" because of our bug

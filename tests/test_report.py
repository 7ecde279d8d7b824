"""sansong report: one township's notebook through papermill into outputs/<township>/."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from reference import percent_of

from sansong_analysis import paths
from sansong_analysis.cli import main
from sansong_analysis.run.report import (
    CHART_STEMS,
    ReportError,
    check_parameters,
    run_report,
    safe_folder_name,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def township_report(small_county, tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    township = small_county["townships"][0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
        result = run_report(township, small_county["processed"], out)
    return township, out, result


def test_report_runs_end_to_end(township_report):
    township, out, result = township_report
    assert result.status == "ok", result.error
    folder = out / safe_folder_name(township)
    for stem in CHART_STEMS:
        for ext in ("png", "svg"):
            assert (folder / "charts" / f"{stem}.{ext}").stat().st_size > 1000
    # The Word draft and the 问题清单 beside the brief, listed for the manifest.
    for name in ("brief.pdf", "brief.docx", "问题清单.xlsx"):
        assert (folder / name).is_file() and f"{folder.name}/{name}" in result.files
    nb = nbformat.read(folder / "report.ipynb", as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert nb.metadata["kernelspec"]["name"] == "python3"
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert f"township = '{township}'" in injected.source  # Chinese, not \\u escapes
    assert "\\u" not in injected.source and ".tmp-" not in injected.source


def test_report_leaves_no_ipython_history(township_report, tmp_path_factory):
    """The report's kernel keeps no history: the analyst's ~/.ipython is not filled with report sessions."""
    ipython_dir = tmp_path_factory.getbasetemp() / "ipython0"
    assert ipython_dir.is_dir()
    assert not list(ipython_dir.rglob("history.sqlite*"))


def test_html_is_self_contained_and_shows_no_code(township_report):
    township, out, _ = township_report
    html = (out / safe_folder_name(township) / "report.html").read_text("utf-8")
    assert "https://" not in html and "http://" not in html
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+href=[\"']?http", html)
    assert "hl-ipython3" not in html and "nb.open_report" not in html and "from sansong_analysis" not in html
    assert "修改参数单元格" not in html  # the analysts' note is not for leaders
    assert html.count("data:image/png;base64,") >= 4
    assert "@font-face" in html and "Sansong Sans SC" in html
    assert f"{township}三送工作报告" in html and "走访覆盖" in html and "数据质量" in html


def test_report_figures_match_truth(township_report, small_county):
    township, out, _ = township_report
    truth = next(r for r in small_county["truth"]["figures"]["townships"] if r["township"] == township)
    html = (out / safe_folder_name(township) / "report.html").read_text("utf-8")
    assert f"{truth['households_assigned']}户" in html
    assert percent_of(truth["households_visited"], truth["households_assigned"]) in html


def test_failing_cell_keeps_last_good_report(township_report, small_county, tmp_path, failing_notebook):
    township, out, _ = township_report
    folder = out / safe_folder_name(township)
    before = (folder / "report.html").read_bytes()
    bad = failing_notebook(tmp_path, paths.TOWNSHIP_NOTEBOOK)
    result = run_report(township, small_county["processed"], out, notebook=bad)
    assert result.status == "failed"
    assert "ZeroDivisionError" in result.error and "故意的错误" in result.error and "单元格" in result.error
    assert (folder / "report.failed.ipynb").exists()
    assert (folder / "report.html").read_bytes() == before
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_cli_report_failure_exit_status(small_county, tmp_path, capsys, monkeypatch, failing_notebook):
    bad = failing_notebook(tmp_path, paths.TOWNSHIP_NOTEBOOK)
    monkeypatch.setattr(paths, "TOWNSHIP_NOTEBOOK", bad)
    status = main(["report", "--township", small_county["townships"][1], "--processed",
                   str(small_county["processed"]), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1
    assert "ZeroDivisionError" in err and "report.failed.ipynb" in err
    assert "Traceback" not in err


def test_unknown_township_lists_the_known_ones(small_county, capsys):
    status = main(["report", "--township", "火星乡", "--processed", str(small_county["processed"])])
    err = capsys.readouterr().err
    assert status == 2
    assert "火星乡" in err and small_county["townships"][0] in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"township": "黄坑乡", "colour": "red"}, "colour"),
        ({"township": "黄坑乡", "start": "2011/01/01"}, "ISO"),
        ({"township": "黄坑乡", "start": "2011-06-01", "end": "2011-01-01"}, "早于"),
    ],
)
def test_parameters_are_checked(parameters, message):
    with pytest.raises(ReportError, match=message):
        check_parameters(paths.TOWNSHIP_NOTEBOOK, parameters)


def test_bad_dates_on_the_command_line_exit_2(small_county, capsys):
    status = main(["report", "--township", "x", "--start", "2011-02-30", "--processed", str(small_county["processed"])])
    assert status == 2
    assert "2011-02-30" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("黄坑乡", "黄坑乡"),
        ("../../etc", ".._.._etc"),
        ("a/b\\c", "a_b_c"),
        ("CON", "_CON"),
        ("com1.txt", "_com1.txt"),
        ("龙布镇. ", "龙布镇"),
        ("..", "_"),
        ("", "_"),
        ('x<>:"|?*y', "x_______y"),
    ],
)
def test_safe_folder_name(name, safe):
    assert safe_folder_name(name) == safe


def test_manifest_style_result_is_json(township_report):
    _, _, result = township_report
    json.dumps(result.to_json(), ensure_ascii=False)

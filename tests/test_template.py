"""`sansong template`: the workbook offices fill in next year — headings the reader knows, validation, the example row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sansong_analysis.cli import main
from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.ingest.values import PARSERS
from sansong_analysis.ledgers import LEDGERS, VALUE_LABELS, match_field, normalize_header
from sansong_analysis.store import load, load_summary
from sansong_analysis.template import (
    CHOICES,
    EXAMPLE_MARK,
    GUIDE_SHEET,
    SHEETS,
    TEMPLATE_FILE,
    ledger_columns,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("template")
    assert main(["template", "--out", str(out)]) == 0
    return out / TEMPLATE_FILE


def test_one_sheet_per_ledger_and_a_guide(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [GUIDE_SHEET, "包扶对象名单", "走访登记表", "筹资台账", "办实事项目", "矛盾纠纷台账"]
    guide = "\n".join(str(c.value) for c in wb[GUIDE_SHEET]["A"] if c.value)
    assert "示例" in guide and "身份证" in guide and "户主（必填）" in guide


def test_every_heading_is_one_the_reader_recognises(template):
    wb = openpyxl.load_workbook(template)
    for ledger, sheet in SHEETS.items():
        ws = wb[sheet]
        headings = [c.value for c in ws[1]]
        columns = ledger_columns(ledger)
        assert headings == [c.heading for c in columns]
        assert "乡镇" in headings and "村" in headings
        for column in columns:
            assert match_field(ledger, normalize_header(column.heading)[0]) is column.field, column.heading
        stored = {f.name for f in LEDGERS[ledger].fields if f.stored and f.kind not in ("derived", "pii")}
        assert stored <= {c.field.name for c in columns}
        assert ws.freeze_panes == "A2"
        assert ws.cell(row=2, column=1).value == EXAMPLE_MARK


def test_validation_and_an_input_message_on_every_column(template):
    wb = openpyxl.load_workbook(template)
    for ledger, sheet in SHEETS.items():
        ws = wb[sheet]
        by_column = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                by_column[rng.min_col] = dv
        for index, column in enumerate(ledger_columns(ledger), start=1):
            dv = by_column[index]
            assert dv.showInputMessage and dv.prompt, column.heading
            kind = column.field.kind
            if kind in CHOICES:
                assert dv.type == "list"
                choices = dv.formula1.strip('"').split(",")
                # Each choice reads back as its code, and every code can be chosen.
                codes = [PARSERS[kind](choice) for choice in choices]
                if kind in VALUE_LABELS:
                    assert codes == list(VALUE_LABELS[kind])
                else:
                    assert codes == [True, False]
            elif kind == "date":
                assert dv.type == "date"
            elif kind == "count":
                assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
            elif kind in ("amount", "area", "length"):
                assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")


def test_the_blank_template_reads_as_five_empty_ledgers(template, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / TEMPLATE_FILE).write_bytes(template.read_bytes())
    result = run_clean(raw, tmp_path / "processed", jobs=1, progress=False)
    sheets = {s.source_sheet: s for s in result.files[0].sheets}
    assert sheets[GUIDE_SHEET].ledger is None and sheets[GUIDE_SHEET].n_rejects == 0
    for ledger, name in SHEETS.items():
        assert sheets[name].ledger == ledger
        assert (sheets[name].n_records, sheets[name].n_rejects, sheets[name].skipped["note"]) == (0, 0, 1)


ROWS = {
    "包扶对象名单": [
        [1, "黄坑乡", "新屋村", "一组", "钟大明", "是", 4, "廖干部"],
        [2, "黄坑乡", "新屋村", "一组", "钟小明", "否", 3, "廖干部"],
        [3, "黄坑乡", "新屋村", "二组", "刘秀英", "是", 5, "廖干部"],
        [4, "黄坑乡", "上坪村", None, "邱金生", "否", 2, "曾干部"],
    ],
    "走访登记表": [
        [1, dt.date(2011, 1, 20), "黄坑乡", "新屋村", "一组", "钟大明", "廖干部", "慰问", 300],
        [2, dt.date(2011, 3, 5), "黄坑乡", "新屋村", "二组", "刘秀英", "廖干部", "入户走访", None],
        [3, dt.date(2011, 3, 6), "黄坑乡", "上坪村", None, "邱金生", "曾干部", "政策宣讲", None],
        [4, dt.date(2011, 4, 9), "黄坑乡", "新屋村", "一组", "钟大明", "廖干部", "办事服务", None],
    ],
    "筹资台账": [
        [1, dt.date(2011, 1, 15), "黄坑乡", "新屋村", "春节慰问困难群众", "工作组自筹", 4000],
        [2, dt.date(2011, 6, 1), "黄坑乡", "新屋村", "硬化通组公路", "县水保局", "20余万元"],
    ],
    "办实事项目": [
        [1, "黄坑乡", "新屋村", "稀土废水处理厂", "环保", 600000, 680, 120, None, None, dt.date(2011, 7, 1)],
        [2, "黄坑乡", "上坪村", "通组公路硬化", "道路", 250000, 12.5, 40, 1000, 3.5, dt.date(2011, 9, 1)],
    ],
    "矛盾纠纷台账": [
        [1, dt.date(2011, 5, 3), "黄坑乡", "新屋村", "一组", "山林纠纷", "组级", "调处成功", dt.date(2011, 5, 10), "是"],
        [2, dt.date(2011, 6, 3), "黄坑乡", "新屋村", "二组", "邻里纠纷", "村级", "调处成功", dt.date(2011, 6, 9), "否"],
        [3, dt.date(2011, 8, 1), "黄坑乡", "上坪村", None, "土地纠纷", "乡级", "在调处", None, "否"],
    ],
}


def test_a_filled_template_cleans_to_exact_figures_with_no_rejects(template, tmp_path):
    wb = openpyxl.load_workbook(template)
    for sheet, rows in ROWS.items():
        for offset, row in enumerate(rows):
            for c, value in enumerate(row, start=1):
                wb[sheet].cell(row=3 + offset, column=c, value=value)
    raw = tmp_path / "raw"
    raw.mkdir()
    wb.save(raw / "黄坑乡2011年台账.xlsx")
    processed = tmp_path / "processed"
    result = run_clean(raw, processed, jobs=1, progress=False)
    assert result.exit_status == 0
    frames = load(processed)
    assert frames["rejects"].empty and frames["duplicates"].empty
    # The example rows (张三, 李四 …) are never counted.
    for name in ("roster", "visits"):
        assert "张三" not in set(frames[name]["household_head"])
    assert frames["visits"]["household_key"].notna().all()
    doc = compute_figures(frames)
    [row] = doc["townships"]
    assert row == {
        "township": "黄坑乡", "households_assigned": 4, "households_visited": 3, "coverage_rate": 0.75,
        "poor_households_assigned": 2, "poor_households_visited": 2, "visits": 4, "funds_raised_yuan": 204000.0,
        "disputes_total": 3, "disputes_resolved": 2, "resolution_rate": 2 / 3, "farmland_benefited_mu": 692.5,
    }
    funds = frames["funds"].sort_values("source_row")
    assert funds["amount_qualifier"].tolist() == ["exact", "at_least"]
    disputes = frames["disputes"].sort_values("source_row")
    assert disputes["level"].tolist() == ["group", "village", "township"]
    assert disputes["legal_aid"].tolist() == [True, False, False]
    assert sorted(frames["visits"]["visit_kind"]) == ["policy", "relief", "service", "visit"]
    projects = frames["projects"].sort_values("source_row")
    assert projects["length_m"].tolist()[1] == 1000.0 and projects["width_m"].tolist()[1] == 3.5
    # Every ledger sheet: its rows are the header, the example (a note) and the records.
    sheets = {s["sheet"]: s for s in load_summary(processed)["files"][0]["sheets"]}
    for sheet, rows in ROWS.items():
        assert (sheets[sheet]["records"], sheets[sheet]["rejects"]) == (len(rows), 0)
        assert sheets[sheet]["skipped_by_kind"]["note"] == 1


def test_template_command_checks_its_argument(tmp_path, capsys):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    assert main(["template", "--out", str(not_a_folder)]) == 2
    err = capsys.readouterr().err
    assert "不是文件夹" in err and "Traceback" not in err
    assert main(["template", "--out", str(tmp_path / "new" / "folder")]) == 0
    assert (tmp_path / "new" / "folder" / TEMPLATE_FILE).is_file()

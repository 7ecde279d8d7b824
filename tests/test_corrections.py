"""sansong.toml: the analyst's corrections, applied before any guessing, checked before any use;
and ``sansong inspect``, whose --suggest entry read back as a correction reproduces the reading."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from foreign.offices import Sheet, write_xlsx

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.corrections import CorrectionError, load_corrections

# A visit log laid out so that nothing in it says "visit": generic headings, a neutral sheet
# and file name. The reader rightly declines it; the analyst, who knows it, says what it is.
MISREAD = [
    ["序号", "姓名", "时间", "人员", "情况", "电话"],
    [1, "张三", "2011-3-5", "李干部", "入户了解生产", "13812345678"],
    [2, "李四", "2011-3-6", "李干部", "慰问", None],
    [3, "王五", "2011-4-2", "赵干部", "政策宣讲", None],
]
ROSTER = [
    ["黄坑乡新屋村结对帮扶花名册"],
    ["户主姓名", "家庭人口", "是否贫困户", "帮扶责任人"],
    ["张三", 3, "是", "李干部"],
    ["李四", 2, "否", "李干部"],
    ["王五", 4, "是", "赵干部"],
    ["赵六", 1, "否", "赵干部"],
]
# A roster whose header sits below a second title the reader takes for data, fixed by header_rows.
SUMMARY = [
    ["新屋村帮扶情况"],
    ["统计时间", "2011年12月"],
    ["姓名", "人口", "类别", "联系人"],
    ["钱七", 3, "低保户", "孙干部"],
]


def _raw(tmp_path: Path, toml: str | None = None) -> Path:
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡" / "台账.xlsx", [Sheet("Sheet1", MISREAD), Sheet("花名册", ROSTER)])
    if toml is not None:
        (raw / "sansong.toml").write_text(toml, encoding="utf-8")
    return raw


def _township(result) -> dict:
    doc = compute_figures(result.frames)
    return {row["township"]: row for row in doc["townships"]}


def test_without_correction_the_generic_sheet_is_not_recognised(tmp_path):
    result = clean(_raw(tmp_path), jobs=1, progress=False)
    sheet = next(s for f in result.files for s in f.sheets if s.source_sheet == "Sheet1")
    assert sheet.ledger is None and sheet.n_records == 0 and sheet.n_rejects == 0
    assert sheet.recognition["status"] == "not_recognised" and "走访" in sheet.recognition["reason"]
    assert result.exit_status == 0
    assert _township(result)["黄坑乡"]["visits"] == 0


CORRECTION = """
[[correction]]
file = "黄坑乡/*.xlsx"
sheet = "Sheet1"
ledger = "走访登记表"
village = "新屋村"
[correction.columns]
"人员" = "cadre"
"情况" = "走访形式"
"""


def test_a_correction_fixes_the_misread_sheet(tmp_path):
    result = clean(_raw(tmp_path, CORRECTION), jobs=1, progress=False)
    sheet = next(s for f in result.files for s in f.sheets if s.source_sheet == "Sheet1")
    assert sheet.ledger == "visits" and sheet.recognition["status"] == "corrected"
    visits = result.frames["visits"].sort_values("source_row")
    assert list(visits["household_head"]) == ["张三", "李四", "王五"]
    assert list(visits["cadre"]) == ["李干部", "李干部", "赵干部"]
    assert list(visits["visit_kind"]) == ["visit", "relief", "policy"]
    assert set(visits["village"]) == {"新屋村"} and visits["household_key"].notna().all()
    row = _township(result)["黄坑乡"]
    assert (row["households_assigned"], row["households_visited"], row["visits"]) == (4, 3, 3)
    # The phone column is still never copied, correction or not.
    assert not result.frames["visits"].astype(str).apply(lambda c: c.str.contains("13812345678")).any().any()


def test_ignore_and_header_rows_and_places(tmp_path):
    raw = _raw(tmp_path, """
[[correction]]
file = "黄坑乡/台账.xlsx"
sheet = "Sheet1"
ledger = "ignore"

[[correction]]
file = "其他/*.xlsx"
ledger = "roster"
header_rows = [3]
township = "黄坑乡"
village = "新屋村"
[correction.columns]
"类别" = "is_poor"
"联系人" = "帮扶责任人"
""")
    write_xlsx(raw / "其他" / "汇总.xlsx", [Sheet("表1", SUMMARY)])
    result = clean(raw, jobs=1, progress=False)
    ignored = next(s for f in result.files for s in f.sheets if s.source_sheet == "Sheet1")
    assert ignored.recognition["status"] == "ignored" and ignored.n_records == ignored.n_rejects == 0
    assert ignored.rows_read == ignored.n_skipped
    roster = result.frames["roster"].set_index("household_head")
    assert roster.loc["钱七", ["township", "village", "is_poor", "cadre"]].tolist() == ["黄坑乡", "新屋村", True, "孙干部"]
    assert _township(result)["黄坑乡"]["households_assigned"] == 5


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[correction]\nfile = ", "格式错误"),
        ('[[fix]]\nfile = "x"', "无法识别的项「fix」"),
        ('[[correction]]\nsheet = "Sheet1"', "缺少 file"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\ncolour = "red"', "无法识别的键「colour」"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nledger = "payroll"', "ledger「payroll」不是可识别的台账"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nheader_rows = [3, 5]', "header_rows「[3, 5]」"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nheader_rows = [0]', "header_rows"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nyear = 11', "year「11」"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\ntownship = ""', "township 应为地名"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nledger = "visits"\n[correction.columns]\n"人员" = "salary"',
         "字段「salary」不是走访登记表的字段"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\n[correction.columns]\n"人员" = 3', "应对应一个字段名"),
    ],
)
def test_invalid_entries_are_named_before_anything_is_read(tmp_path, toml, message):
    raw = _raw(tmp_path, toml)
    with pytest.raises(CorrectionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_corrections(raw)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[correction]]\nfile = "龙布镇/*.xlsx"\nledger = "visits"', "没有与之匹配的文件"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nsheet = "5月"\nledger = "visits"', "没有工作表「5月」"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nsheet = "Sheet1"\n[correction.columns]\n"走访人" = "cadre"',
         "表头中没有「走访人」这一列"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nsheet = "Sheet1"\nheader_rows = [40]\nledger = "visits"',
         "没有找到表头"),
        ('[[correction]]\nfile = "黄坑乡/台账.xlsx"\nsheet = "花名册"\n[correction.columns]\n"户主姓名" = "visit_date"',
         "「visit_date」不是包扶对象名单的字段"),
    ],
)
def test_entries_matching_nothing_stop_the_clean(tmp_path, toml, message):
    with pytest.raises(CorrectionError, match=message):
        clean(_raw(tmp_path, toml), jobs=1, progress=False)


def test_a_field_named_by_its_label_without_the_unit(tmp_path):
    """受益农田 for 受益农田（亩）, 金额 for 金额（元）: what a flag tells the analyst to write."""
    raw = _raw(tmp_path, '[[correction]]\nfile = "黄坑乡/台账.xlsx"\n[correction.columns]\n'
                         '"灌溉面积" = "受益农田"\n"捐款" = "金额"\n"资金" = "金额（元）"')
    (correction,) = load_corrections(raw)
    assert correction.columns == {"灌溉面积": "farmland_mu", "捐款": "amount_yuan", "资金": "amount_yuan"}


def test_a_heading_is_missing_only_when_no_sheet_it_applies_to_has_it(tmp_path):
    # No sheet named: the entry applies to both sheets; 人员 is in Sheet1 only, which is enough.
    toml = '[[correction]]\nfile = "黄坑乡/台账.xlsx"\n[correction.columns]\n"人员" = "cadre"\n"情况" = "visit_kind"\n'
    result = clean(_raw(tmp_path, toml), jobs=1, progress=False)
    sheets = {s.source_sheet: s for f in result.files for s in f.sheets}
    assert sheets["Sheet1"].ledger == "visits" and sheets["Sheet1"].recognition["status"] == "corrected"
    assert sheets["花名册"].recognition["status"] == "recognised"


def _sansong(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sansong_analysis", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_cli_usage_error_names_the_entry_and_writes_nothing(tmp_path):
    raw = _raw(tmp_path, '[[correction]]\nfile = "龙布镇/*.xlsx"\n')
    processed = tmp_path / "processed"
    proc = _sansong("clean", "--raw", str(raw), "--processed", str(processed))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "sansong.toml 第1条更正" in proc.stderr and "Traceback" not in proc.stderr
    assert not processed.exists()


def test_inspect_shows_the_reading(tmp_path):
    raw = _raw(tmp_path)
    proc = _sansong("inspect", str(raw / "黄坑乡" / "台账.xlsx"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "台账.xlsx「Sheet1」" in out and "未识别" in out and "走访" in out
    assert "台账：包扶对象名单（识别" in out and "表头：第2行" in out and "标题：第1行" in out
    assert "C 是否贫困户 → 困难户" in out
    assert "村 新屋村（来自标题）" in out and "乡镇 黄坑乡（来自标题）" in out
    assert "第3行 张三" in out
    assert "13812345678" not in out  # never a personal number, not even on screen


def test_inspect_json_and_one_sheet(tmp_path):
    raw = _raw(tmp_path)
    proc = _sansong("inspect", str(raw), "--sheet", "花名册", "--json")
    assert proc.returncode == 0, proc.stderr
    [doc] = json.loads(proc.stdout)
    [sheet] = doc["sheets"]
    assert sheet["status"] == "recognised" and sheet["ledger"] == "roster" and sheet["records"] == 4
    assert sheet["header_rows"] == [2] and sheet["title_rows"] == [1]
    assert {c["heading"]: c["field"] for c in sheet["columns"]}["帮扶责任人"] == "cadre"
    assert sheet["places"]["village_from"] == "标题"
    assert len(sheet["first_records"]) == 4 and sheet["rejects_by_reason"] == {}
    assert _sansong("inspect", str(raw), "--sheet", "没有这张表").returncode == 2
    assert _sansong("inspect", str(tmp_path / "nowhere")).returncode == 2


def test_suggest_fed_back_reproduces_the_reading(tmp_path):
    raw = _raw(tmp_path, CORRECTION)
    before = clean(raw, jobs=1, progress=False)
    proc = _sansong("inspect", str(raw), "--suggest")
    assert proc.returncode == 0, proc.stderr
    suggestion = proc.stdout
    assert suggestion.count("[[correction]]") == 2 and 'ledger = "visits"' in suggestion
    (raw / "sansong.toml").write_text(suggestion, encoding="utf-8")
    after = clean(raw, jobs=1, progress=False)
    for name in ("roster", "visits"):
        a = before.frames[name].drop(columns=[]).reset_index(drop=True)
        b = after.frames[name].reset_index(drop=True)
        assert a.equals(b), name
    statuses = {s.source_sheet: s.recognition["status"] for f in after.files for s in f.sheets}
    assert statuses == {"Sheet1": "corrected", "花名册": "corrected"}


def test_suggest_for_an_unrecognised_sheet_says_so(tmp_path):
    proc = _sansong("inspect", str(_raw(tmp_path)), "--suggest", "--sheet", "Sheet1")
    assert "# 未识别：" in proc.stdout and '改为 "ignore"' in proc.stdout and 'ledger = "visits"' in proc.stdout

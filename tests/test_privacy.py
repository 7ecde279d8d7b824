"""No identity-card or phone number reaches data/processed/ or outputs/, not even masked.

Demo ledgers carry ID-card and phone numbers in their own columns and in 备注 text; this test
plants more where offices really put them: in a visit's 走访内容, a fund's 用途, a dispute's
当事人, a project name, a cadre cell ``李明138…``, an ID card stored as a number cell, a row
that becomes a reject. Then clean, every township report and the county overview run for real,
and every file written is scanned: Parquet (every column as text), executed notebooks, HTML,
PDF text, xlsx cells, txt, svg and json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from sansong_analysis.demo import write_demo_county
from sansong_analysis.ingest.clean import run_clean
from sansong_analysis.run.batch import run_batch

pytestmark = pytest.mark.slow

PLANTED_PHONES = ["13812345678", "13987654321", "15011112222", "18633334444", "17755556666", "13600001111",
                  "19912340000"]
PLANTED_IDS = ["360721198001011234", "36072119750203452X", "360721199912310017", "360781200002294411"]


def plant_ledgers(raw: Path, township: str, village: str) -> None:
    """One more workbook for ``township``, a sheet per ledger, numbers where offices type them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "走访"
    ws.append(["乡镇", "村", "被走访户主", "走访日期", "走访干部", "走访内容", "备注"])
    ws.append([township, village, "张三", "2011-03-05", "李明13812345678",
               "入户走访，户主电话13987654321，身份证360721198001011234", "子女手机 138-1234-5678"])
    ws.append([township, village, "王二", "2011-04-06", "李明", "政策宣讲", "号码 138 1234 5678"])
    # A row that cannot become a record (an impossible date): its raw cells go to rejects.
    ws.append([township, village, "赵四", "2011-02-30", "李明", "走访 13600001111", "身份证 360781200002294411"])

    ws = wb.create_sheet("筹资")
    ws.append(["乡镇", "村", "日期", "用途", "资金来源", "金额"])
    ws.append([township, village, "2011-05-01", "修路，联系人15011112222", "外出务工人员捐款 19912340000", "1.2万元"])
    # A contact number typed into the amount column, as a number cell: no donation of 150亿 元, no number in a frame.
    ws.append([township, village, "2011-05-02", "修桥", "刘九", 15011112222])

    ws = wb.create_sheet("纠纷")
    ws.append(["乡镇", "村", "受理日期", "纠纷类型", "当事人", "纠纷简要情况", "调处层级", "调处结果", "办结日期", "法律帮助"])
    ws.append([township, village, "2011-06-01", "山林纠纷", "王五（18633334444）与赵六 36072119750203452X",
               "双方联系电话18633334444", "村级", "调处成功", "2011-06-20", "否"])

    ws = wb.create_sheet("项目")
    ws.append(["乡镇", "村", "项目名称", "项目类别", "投资额", "受益农田", "受益户数", "竣工日期"])
    ws.append([township, village, "道路硬化（负责人17755556666）", "道路", 50000, 30, 12, "2011-08-01"])
    ws.append([township, village, "水渠维修", "水利", 8000, 20, 17755556666, "2011-08-02"])  # a phone as 受益户数

    ws = wb.create_sheet("名单")
    ws.append(["乡镇", "村", "户主姓名", "家庭人口", "是否贫困户", "帮扶责任人", "身份证号", "联系电话", "备注"])
    # An 18-digit ID typed into a General cell becomes a number (3.60721199912310E+17).
    ws.append([township, village, "孙七", 3, "是", "李明13812345678", 360721199912310017, 13987654321,
               360721199912310017])
    ws.append([township, village, "周八", 4, "否", "李明", "36072119750203452X", "18633334444", "电话 17755556666"])
    wb.save(raw / f"{township}补充台账.xlsx")


def variants(number: str) -> set[str]:
    """The number as written, with separators, and masked beyond its last four digits."""
    out = {number, number.lower()}
    if len(number) == 11:
        out |= {f"{number[:3]}-{number[3:7]}-{number[7:]}", f"{number[:3]} {number[3:7]} {number[7:]}",
                number[:7] + "****", number[:3] + "****" + number[7:], number[:-4]}
    else:
        out |= {f"{number[:6]} {number[6:14]} {number[14:]}", number[:6] + "********" + number[14:],
                number[:14] + "****", number[:14], number[:10] + "****" + number[14:]}
        if number[:-1].isdigit():
            out.add(str(float(int(number[:-1] + "0"))))  # an ID stored as a number, printed as a float
    return out


def parquet_text(path: Path) -> str:
    frame = pd.read_parquet(path)
    parts = [" ".join(map(str, frame.columns))]
    for col in frame.columns:
        parts.append("\n".join(str(v) for v in frame[col].tolist()))
        parts.append("\n".join(repr(v) for v in frame[col].tolist()))
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def file_text(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return parquet_text(path)
    if suffix == ".xlsx":
        return xlsx_text(path)
    if suffix == ".pdf":
        return pdf_text(path) + "\n" + _without_blobs(path.read_bytes().decode("latin-1"))
    if suffix in (".ipynb", ".json"):
        text = path.read_text("utf-8")
        return _without_blobs(text + "\n" + json.dumps(json.loads(text), ensure_ascii=False))
    if suffix in (".html", ".txt", ".svg", ".csv", ".md", ".log"):
        return _without_blobs(path.read_text("utf-8", errors="replace"))
    if suffix == ".png":
        return None  # pixels: the charts draw figures and place names only
    return _without_blobs(path.read_bytes().decode("utf-8", errors="replace"))


_BLOB = re.compile(r"[A-Za-z0-9+/=]{400,}")


def _without_blobs(text: str) -> str:
    """Base64 images and fonts removed: no number survives base64 as text, and they are megabytes."""
    return _BLOB.sub(" ", text)


@pytest.fixture(scope="module")
def county_outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("privacy")
    raw, processed, outputs = base / "raw", base / "processed", base / "outputs"
    truth = write_demo_county(raw, townships=3, seed=17)
    township = truth["figures"]["townships"][0]["township"]
    village = next(iter(truth["breakdowns"][township]["villages"]))
    plant_ledgers(raw, township, village)
    cleaned = run_clean(raw, processed, jobs=2, progress=False)
    batch = run_batch(processed, outputs, jobs=2, progress=False)
    numbers = set(truth["pii"]["id_numbers"]) | set(truth["pii"]["phones"]) | set(PLANTED_IDS) | set(PLANTED_PHONES)
    return {"base": base, "processed": processed, "outputs": outputs, "cleaned": cleaned, "batch": batch,
            "township": township, "numbers": numbers}


def test_the_planted_ledgers_were_read(county_outputs):
    """A test that cannot fail is a defect: the planted rows must really flow into frames and reports."""
    frames = county_outputs["cleaned"].frames
    assert (frames["visits"]["household_head"] == "张三").any()
    assert frames["funds"]["purpose"].str.startswith("修路").any()
    assert frames["projects"]["project_name"].str.startswith("道路硬化").any()
    assert (frames["roster"]["household_head"] == "孙七").any()
    assert frames["rejects"]["raw_cells"].str.contains("赵四").any()
    reasons = frames["rejects"]["reason"]
    assert reasons.str.contains("金额「[号码已隐去]」位数过多", regex=False).any()
    # 受益户数 is a side field: the project is kept, the cell left empty and named in the sheet's flag.
    flags = [f["message"] for file in county_outputs["cleaned"].summary()["files"] for sheet in file["sheets"]
             for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]
    assert any("受益户数「[号码已隐去]」位数过多" in message for message in flags)
    assert frames["projects"]["project_name"].eq("水渠维修").any()
    assert frames["roster"]["cadre"].str.startswith("李明").any()
    statuses = {r.township: r.status for r in county_outputs["batch"].reports}
    assert statuses and all(s == "ok" for s in statuses.values()), statuses
    assert (county_outputs["outputs"] / "county" / "summary.xlsx").exists()


def scan(roots: list[Path], numbers: set[str], base: Path) -> tuple[list[str], list[str]]:
    """Every place under ``roots`` where a number (in any of its forms) appears; and the suffixes scanned."""
    patterns = {form for number in numbers for form in variants(number)}
    needle = re.compile("|".join(re.escape(f) for f in sorted(patterns, key=len, reverse=True)), re.IGNORECASE)
    scanned, leaks = [], []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = file_text(path)
            if text is None:
                continue
            scanned.append(path.suffix)
            for m in needle.finditer(text):
                start = max(0, m.start() - 30)
                leaks.append(f"{path.relative_to(base)}: …{text[start:m.end() + 30]}…")
    return leaks, scanned


def test_the_scan_finds_a_leak_when_there_is_one(tmp_path):
    decoy = tmp_path / "outputs"
    (decoy / "乡").mkdir(parents=True)
    (decoy / "乡" / "summary.txt").write_text("联系人电话 1381234****", "utf-8")
    pd.DataFrame({"x": [360721199912310017.0]}).to_parquet(decoy / "frame.parquet")
    (decoy / "乡" / "report.html").write_text("<td>138 1234 5678</td>", "utf-8")
    leaks, _ = scan([decoy], {"13812345678", "360721199912310017"}, tmp_path)
    assert {leak.split(":")[0] for leak in leaks} == {"outputs/乡/summary.txt", "outputs/frame.parquet", "outputs/乡/report.html"}


def test_no_personal_number_in_any_output(county_outputs):
    leaks, scanned = scan(
        [county_outputs["processed"], county_outputs["outputs"]], county_outputs["numbers"], county_outputs["base"]
    )
    assert not leaks, "\n".join(leaks[:20])
    for kind in (".parquet", ".ipynb", ".html", ".pdf", ".xlsx", ".txt", ".svg", ".json"):
        assert kind in scanned, f"no {kind} file was scanned"


def test_no_long_digit_runs_in_reports(county_outputs):
    """Beyond the planted numbers: nothing in the reports reads as a phone or ID number at all."""
    from sansong_analysis.ingest.pii import contains_pii

    for path in county_outputs["outputs"].rglob("*"):
        if path.suffix in (".html", ".txt") and path.is_file():
            text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "", path.read_text("utf-8", errors="replace"))
            text = re.sub(r"[0-9a-f]{32,}", "", text)  # fingerprints and hashes
            hits = [m.group(0) for m in re.finditer(r"[^\s<>\"]{0,20}\d[\d\s*-]{9,}\d[^\s<>\"]{0,5}", text)
                    if contains_pii(m.group(0))]
            assert not hits, (path.name, hits[:5])


def test_a_name_written_with_its_identity_card_number_is_read_and_the_number_never_kept(tmp_path):
    """户主（身份证号） holding 张三（3621…1234）: the heading named an identity card, so the column was never read
    and the sheet was 未识别 (no household). Now the name is read; the number reaches no frame, reject or flag."""
    from one_sheet import clean_one_sheet

    number = "362132195001011234"
    rows = [["走访日期", "户主（身份证号）", "走访干部", "村名"], ["2011-03-05", f"张三（{number}）", "李明", "澄江村"],
            ["待定", f"李四 {number[:-1]}5", "李明", "澄江村"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三"]
    assert len(result.frames["rejects"]) == 1
    for frame in result.frames.values():
        assert number[:12] not in frame.astype(str).to_string()
    assert number[:12] not in str(sheet)

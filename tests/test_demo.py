"""The demo-county generator: deterministic, internally consistent, and as messy as docs/contract.md §3 says.

These tests read the generator's files only with python-calamine and the csv
module (never with the package's own reader), so they check the fixture, not
the code under test elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from sansong_analysis.demo import build_county, compute_truth, forms, write_demo_county
from sansong_analysis.demo.county import id_checksum_ok

LEDGERS = ("roster", "visits", "funds", "projects", "disputes")


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo_raw")
    truth = write_demo_county(out, townships=12, seed=1)
    return out, truth


def _decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a demo CSV and the encoding it is in (utf-8-sig, utf-8 or gb18030)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


def _sheets(root: Path) -> dict[tuple[str, str], list[list[object]]]:
    """Every sheet under ``root`` as rows of values: {(relative path, sheet name): rows}."""
    import csv
    import io

    out: dict[tuple[str, str], list[list[object]]] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".xlsx", ".xls"):
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                out[(rel, name)] = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        elif path.suffix == ".csv":
            text, _ = _decode_csv(path.read_bytes())
            out[(rel, "")] = [list(row) for row in csv.reader(io.StringIO(text))]
    return out


@pytest.fixture(scope="module")
def sheets(demo) -> dict[tuple[str, str], list[list[object]]]:
    return _sheets(demo[0])


@pytest.fixture(scope="module")
def texts(sheets) -> list[str]:
    """Every non-empty cell as text."""
    return [str(v) for rows in sheets.values() for row in rows for v in row if v not in ("", None)]


def _layout_of_files(root: Path, truth: dict) -> dict[str, str]:
    names = [t["township"] for t in truth["figures"]["townships"]]
    found: dict[str, str] = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.is_dir():
            if rel.name in names:
                found[rel.name] = "B"
            continue
        stem = path.name
        if stem.endswith("2011年三送工作台账.xlsx"):
            found[stem.removesuffix("2011年三送工作台账.xlsx")] = "A"
        elif stem.endswith("走访记录.csv"):
            found[stem.removesuffix("走访记录.csv")] = "D"
        elif stem.endswith("（分村）.xlsx") and len(rel.parts) == 1:
            found[re.match(r"(..[乡镇])", stem).group(1)] = "E"
    return found


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_truth_and_bytes(demo, tmp_path):
    root, truth = demo
    again = write_demo_county(tmp_path, townships=12, seed=1)
    assert again == truth
    assert compute_truth(build_county(12, 1)) == truth
    first = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (root / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_other_seed_other_county():
    one, two = compute_truth(build_county(5, 1)), compute_truth(build_county(5, 2))
    assert one["figures"] != two["figures"]
    assert one["pii"]["id_numbers"] != two["pii"]["id_numbers"]
    assert [t.name for t in build_county(5, 1).townships] != [t.name for t in build_county(5, 2).townships]


def test_truth_json_is_the_returned_truth(demo):
    root, truth = demo
    text = (root / "truth.json").read_text(encoding="utf-8")
    assert json.loads(text) == truth
    assert "黄" in text or "乡" in text  # ensure_ascii=False: Chinese stays Chinese
    assert truth["generator"] == "sansong demo-data" and truth["seed"] == 1 and truth["townships_n"] == 12


@pytest.mark.parametrize("townships", [1, 2, 3])
def test_tiny_counties_build(townships, tmp_path):
    truth = write_demo_county(tmp_path, townships=townships, seed=9)
    assert len(truth["figures"]["townships"]) == townships
    # One planted bad row per township, and the two visit rows without a date.
    assert truth["rejects_expected"] == townships + 2


# --------------------------------------------------------------------------- layouts and files


def test_every_layout_present(demo, sheets):
    root, truth = demo
    layouts = _layout_of_files(root, truth)
    assert set(layouts.values()) >= {"A", "B", "D", "E"}
    xls = [rel for rel, _ in sheets if rel.endswith(".xls")]
    assert xls, "layout C: no .xls"
    # C: the township is only in the 人民政府 title row, never in the file name.
    for rel in set(xls):
        assert not re.search(r"[乡镇]", rel)
    c_titles = {rows[0][0] for (rel, _), rows in sheets.items() if rel.endswith(".xls")}
    assert all(str(t).endswith("人民政府") for t in c_titles)
    # Every township is written by exactly one office: layouts plus the C titles cover them all.
    c_townships = {str(t).removesuffix("人民政府") for t in c_titles}
    assert set(layouts) | c_townships == {t["township"] for t in truth["figures"]["townships"]}
    # A: a prose-only instructions sheet; B: month sheets with no place columns.
    assert any(name == "填表说明" for _, name in sheets)
    b_months = [(rel, name) for rel, name in sheets if re.fullmatch(r"\d{1,2}月", name)]
    assert {name for _, name in b_months} == {f"{m}月" for m in range(1, 13)}
    for key in b_months[:12]:
        assert re.match(r".+村2011年\d{1,2}月走访登记表$", sheets[key][0][0])
    # E: sheets named after villages.
    villages = {v for b in truth["breakdowns"].values() for v in b["villages"]}
    e_books = {rel for rel, _ in sheets if rel.endswith("（分村）.xlsx")}
    assert e_books
    for rel in e_books:
        assert {name for r, name in sheets if r == rel} <= villages


def test_files_open_and_csv_encodings(demo):
    root, _ = demo
    encodings = {}
    for path in root.rglob("*"):
        if path.suffix in (".xlsx", ".xls"):
            wb = CalamineWorkbook.from_path(str(path))
            assert wb.sheet_names
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()
        elif path.suffix == ".csv":
            encodings[path.name] = _decode_csv(path.read_bytes())[1]
    visits = [e for name, e in encodings.items() if name.endswith("走访记录.csv")]
    rosters = [e for name, e in encodings.items() if name.endswith("花名册.csv")]
    assert visits and set(visits) == {"gb18030"}
    assert rosters and set(rosters) == {"utf-8-sig"}
    assert "utf-8" in encodings.values()


def _ledger_of(rel: str, sheet: str) -> str | None:
    by_sheet = {"花名册": "roster", "走访登记表": "visits", "走访登记": "visits", "筹资台账": "funds", "筹资": "funds",
                "办实事项目": "projects", "项目": "projects", "矛盾纠纷": "disputes", "纠纷": "disputes"}
    if re.fullmatch(r"\d{1,2}月", sheet):
        return "visits"
    if sheet in by_sheet:
        return by_sheet[sheet]
    by_file = {"花名册": "roster", "走访": "visits", "筹资": "funds", "项目": "projects", "纠纷": "disputes"}
    for word, ledger in by_file.items():
        if word in rel.rsplit("/", 1)[-1]:
            return ledger
    return None


def test_every_row_is_a_record_a_copy_a_bad_row_or_decoration(sheets, demo):
    """Rows that carry a serial number (or, in E's project sheets, a data row) add up exactly to
    records + duplicate copies + planted bad rows, ledger by ledger."""
    _, truth = demo
    counted: Counter[str] = Counter()
    for (rel, sheet), rows in sheets.items():
        ledger = _ledger_of(rel, sheet)
        if ledger is None:
            continue
        if ledger == "projects" and rel.endswith("（分村）.xlsx"):
            # E's project sheets have no 序号: count rows after the header that are not a sign-off.
            header = next(i for i, row in enumerate(rows) if "竣工" in "".join(map(str, row)) or
                          "完工" in "".join(map(str, row)))
            counted[ledger] += sum(1 for row in rows[header + 1:]
                                   if any(v not in ("", None) for v in row) and not str(row[0]).startswith("填表人"))
            continue
        for row in rows:
            first = row[0] if row else None
            if isinstance(first, int | float) or (isinstance(first, str) and first.isdigit()):
                counted[ledger] += 1
    expected = Counter({ledger: truth["records"][ledger] + truth["rejects_by_ledger"][ledger] for ledger in LEDGERS})
    expected["visits"] += truth["duplicates_expected"]["visits"]
    assert counted == expected


# --------------------------------------------------------------------------- truth


def test_truth_is_internally_consistent(demo):
    _, truth = demo
    for doc in [truth["figures"], *truth["period_figures"]]:
        rows = doc["townships"]
        assert [r["township"] for r in rows] == sorted(r["township"] for r in rows)
        county = doc["county"]
        for key in ("households_assigned", "households_visited", "poor_households_assigned",
                    "poor_households_visited", "visits", "disputes_total", "disputes_resolved"):
            assert county[key] == sum(r[key] for r in rows), key
        assert county["funds_raised_yuan"] == pytest.approx(sum(r["funds_raised_yuan"] for r in rows), abs=0.005)
        assert county["farmland_benefited_mu"] == pytest.approx(sum(r["farmland_benefited_mu"] for r in rows))
        for r in [*rows, county]:
            assert 0 <= r["households_visited"] <= r["households_assigned"]
            assert 0 <= r["poor_households_visited"] <= r["poor_households_assigned"] <= r["households_assigned"]
            assert r["disputes_resolved"] <= r["disputes_total"]
            assert r["coverage_rate"] == (r["households_visited"] / r["households_assigned"]
                                          if r["households_assigned"] else None)
            assert r["resolution_rate"] == (r["disputes_resolved"] / r["disputes_total"]
                                            if r["disputes_total"] else None)
            assert round(r["funds_raised_yuan"], 2) == r["funds_raised_yuan"]
    whole = truth["figures"]
    assert whole["period"] == {"start": None, "end": None}
    assert [p["period"] for p in truth["period_figures"]] == [
        {"start": "2011-04-01", "end": "2011-09-30"}, {"start": "2011-01-01", "end": "2011-03-31"}]
    assert 0.84 <= whole["county"]["coverage_rate"] < 1.0
    assert 0.75 <= whole["county"]["resolution_rate"] < 0.95
    # Breakdowns add up to the whole-year figures of their township.
    by_name = {r["township"]: r for r in whole["townships"]}
    for name, b in truth["breakdowns"].items():
        row = by_name[name]
        assert sum(v["households_assigned"] for v in b["villages"].values()) == row["households_assigned"]
        assert sum(v["households_visited"] for v in b["villages"].values()) == row["households_visited"]
        assert sum(b["funds_by_purpose"].values()) == pytest.approx(row["funds_raised_yuan"])
        assert sum(b["farmland_by_project"].values()) == pytest.approx(row["farmland_benefited_mu"])
        for key in ("disputes_by_type", "disputes_by_outcome", "disputes_by_level"):
            assert sum(b[key].values()) == row["disputes_total"]
    assert truth["rejects_expected"] == sum(truth["rejects_by_ledger"].values()) >= 12
    assert truth["duplicates_expected"]["visits"] >= 2


def test_truth_follows_the_records():
    """Spot checks of the definitions on the records themselves (undated visits, periods, qualifiers)."""
    county = build_county(12, 1)
    truth = compute_truth(county)
    assert not [v for v in county.visits if v.date is None]
    undated = [b for b in county.bad_rows if b.field == "visit_date" and b.raw in (None, "/", "—", "无")]
    assert len(undated) == 2  # visit rows without a date: rejects, not visits
    dated = sum(1 for v in county.visits if v.date and dt.date(2011, 4, 1) <= v.date <= dt.date(2011, 9, 30))
    assert truth["period_figures"][0]["county"]["visits"] == dated
    assert truth["figures"]["county"]["visits"] == len(county.visits)
    off_roster = [v for v in county.visits if v.household is None]
    assert 0.01 < len(off_roster) / len(county.visits) < 0.05
    qualifiers = Counter(f.qualifier for f in county.funds)
    assert qualifiers["at_least"] and qualifiers["nearly"] and qualifiers["about"]
    seed_funds = {(f.amount_yuan, f.qualifier) for f in county.funds}
    assert {(Decimal(200_000), "at_least"), (Decimal(10_000), "nearly"), (Decimal(3_000), "about"),
            (Decimal(11_000), "at_least"), (Decimal(4_000), "exact")} <= seed_funds
    total = sum((f.amount_yuan for f in county.funds), Decimal(0))
    assert truth["figures"]["county"]["funds_raised_yuan"] == float(total)
    # Same-name households in one village, told apart only by their group.
    heads = Counter((h.township, h.village, h.head) for h in county.households)
    assert any(n > 1 for n in heads.values())
    assert len({(h.township, h.village, h.group, h.head) for h in county.households}) == len(county.households)
    # Visits that could look like duplicates by accident do not exist.
    keys = Counter((v.township, v.village, v.head, v.date, v.cadre, v.kind) for v in county.visits)
    assert max(keys.values()) == 1
    outcomes = Counter(d.outcome for d in county.disputes)
    assert 0.75 < outcomes["resolved"] / len(county.disputes) < 0.95
    assert Counter(d.dispute_type for d in county.disputes).most_common(1)[0][0] == "forest"


# --------------------------------------------------------------------------- PII


def test_planted_pii_is_valid_and_in_the_raw_files(demo, texts):
    _, truth = demo
    ids, phones = truth["pii"]["id_numbers"], truth["pii"]["phones"]
    assert len(ids) == len(set(ids)) == truth["records"]["roster"] + truth["rejects_by_ledger"]["roster"]
    assert all(re.fullmatch(r"\d{17}[\dX]", n) and id_checksum_ok(n) for n in ids)
    assert all(re.fullmatch(r"1[3-9]\d{9}", p) for p in phones)
    blob = "\n".join(t.removesuffix(".0") for t in texts)
    missing_ids = [n for n in ids if n not in blob]
    missing_phones = [p for p in phones if p not in blob]
    assert not missing_ids and not missing_phones
    assert any(re.search(r"电话1[3-9]\d{9}|手机1[3-9]\d{9}", t) for t in texts), "no phone inside a 备注 text"


# --------------------------------------------------------------------------- the mess of docs/contract.md §3


def test_layout_a_merges_village_cells_and_has_subtotals(demo):
    root, _ = demo
    books = sorted(root.glob("*2011年三送工作台账.xlsx"))
    assert books
    sheet = CalamineWorkbook.from_path(str(books[0])).get_sheet_by_name("走访登记表")
    rows = sheet.to_python(skip_empty_area=False)
    village_merges = [m for m in sheet.merged_cell_ranges if m[0][1] == 1 and m[1][1] == 1 and m[1][0] > m[0][0]]
    assert village_merges, "no village cell merged down its rows"
    (r1, _), (r2, _) = village_merges[0]
    assert str(rows[r1][1]).endswith("村") and all(rows[r][1] == "" for r in range(r1 + 1, r2 + 1))
    column = [str(r[1]) for r in rows] + [str(r[0]) for r in rows]
    assert "小计" in column and "合计" in column
    assert rows[1][0].startswith("单位：") or any(str(v).startswith("单位：") for v in rows[1])
    assert rows[2] == [""] * len(rows[2])  # blank row above the header
    assert any(str(r[0]).startswith("注：") for r in rows) and any(str(r[0]).startswith("填表人：") for r in rows)
    assert re.fullmatch(r"2011年12月\d\d日", [v for v in rows[-1] if v][0])


def test_xls_has_two_row_merged_headers(sheets, demo):
    root, _ = demo
    xls = sorted(root.glob("*.xls"))
    sheet = CalamineWorkbook.from_path(str(xls[0])).get_sheet_by_name("走访登记")
    rows = sheet.to_python(skip_empty_area=False)
    header = next(i for i, row in enumerate(rows) if "序号" in row)
    merges = sheet.merged_cell_ranges
    # 走访日期 merged down over both header rows; 走访情况 merged across its sub-columns.
    date_col = rows[header].index("走访日期")
    assert ((header, date_col), (header + 1, date_col)) in merges
    group_col = rows[header].index("走访情况")
    assert any(m[0] == (header, group_col) and m[1][0] == header and m[1][1] > group_col for m in merges)
    assert {"走访人", "走访形式"} <= set(rows[header + 1])
    roster = CalamineWorkbook.from_path(str(xls[0])).get_sheet_by_name("花名册").to_python()
    assert "基本情况" in roster[2] and "户主姓名" in roster[3]


def test_units_qualifiers_and_amount_forms_present(texts, sheets):
    assert "单位：万元" in texts and "单位：元" in texts
    headers = [t for t in texts if "（万元）" in t or "(万元)" in t]
    assert headers, "no 万元 unit in any header"
    assert any(("公顷" in t) and ("受益" in t) for t in texts), "no 公顷 area header"
    assert any(re.fullmatch(r"\d+(\.\d+)?余万元", t) for t in texts)
    assert any(re.fullmatch(r"\d+余元", t) for t in texts)
    assert "近万元" in texts
    assert any(re.fullmatch(r"约\d+千元", t) for t in texts)
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", t) for t in texts)
    assert any(re.fullmatch(r"￥\d+", t) for t in texts)
    assert any(re.fullmatch(r"\d+元", t) for t in texts)
    assert any(re.fullmatch(r"\d+(\.\d+)?万", t) for t in texts)
    assert any(re.fullmatch(r"\d+(\.\d+)?万元", t) for t in texts)
    assert any(re.fullmatch(r"[一二三四五六七八九十百千万零]+元", t) for t in texts)
    assert any(re.fullmatch(r"[壹贰叁肆伍陆柒捌玖拾佰仟万零]+元整", t) for t in texts)
    assert any(re.fullmatch(r"[一二三四五六七八九十百千零]+亩", t) for t in texts)
    assert any(re.fullmatch(r"\d+(\.\d)?公顷", t) for t in texts)


def test_date_forms_present(sheets, texts):
    values = [v for rows in sheets.values() for row in rows for v in row]
    assert any(isinstance(v, dt.date) for v in values), "no date cell"
    assert any(isinstance(v, float) and 40544 <= v <= 40908 for v in values), "no Excel serial number"
    assert any(isinstance(v, float) and 20110101 <= v <= 20111231 for v in values), "no 20110305 typed as number"
    patterns = {
        "2011-3-5": r"2011-\d{1,2}-\d{1,2}", "2011/03/05": r"2011/\d\d/\d\d", "2011.3.5": r"2011\.\d{1,2}\.\d{1,2}",
        "20110305": r"2011\d{4}", "2011年3月5日": r"2011年\d{1,2}月\d{1,2}日", "full-width": r"２０１１年[０-９]+月[０-９]+日",
    }
    for name, pattern in patterns.items():
        assert any(re.fullmatch(pattern, t) for t in texts), name


def test_labels_names_and_empties_present(texts, sheets):
    for mark in forms.EMPTY_MARKS:
        assert mark in texts, mark
    for yes, no in [("是", "否"), ("√", "×"), ("有", "无"), ("Y", "N")]:
        assert yes in texts and no in texts
    assert any(re.fullmatch(r"[一二三四五六七八]组", t) for t in texts)
    assert any(re.fullmatch(r"\d组", t) for t in texts)
    assert any(re.fullmatch(r"第[一二三四五六七八]组", t) for t in texts)
    assert any(re.fullmatch(r"第\d村民小组", t) for t in texts)
    assert any(re.fullmatch(r"\S+ \S+", t) and len(t) <= 5 for t in texts), "no 张 三"
    assert any(t.startswith("\u3000") for t in texts), "no name with a leading full-width space"
    for outcome in ("调处成功", "已化解", "未成功", "移交", "调处中"):
        assert outcome in texts
    assert any(t.startswith("本月共走访") for t in texts)
    assert "总计" in texts
    assert any(re.fullmatch(r"..[乡镇]人民政府", t) for t in texts)
    assert "户 主" in texts and {"户主姓名", "被走访户主", "被走访人"} <= set(texts)
    assert any("\n" in t and ("（" in t or "(" in t) for t in texts), "no header with a line break and a bracket"


def test_layout_e_has_a_hidden_empty_column(demo):
    import openpyxl

    root, _ = demo
    book = sorted(root.glob("*走访登记表（分村）.xlsx"))[0]
    ws = openpyxl.load_workbook(book).worksheets[0]
    hidden = [key for key, dim in ws.column_dimensions.items() if dim.hidden]
    assert hidden
    column = [c.value for c in ws[hidden[0]]]
    assert all(v is None for v in column)


def test_bad_rows_written(texts, demo):
    _, truth = demo
    for raw in ("2011-02-30", "2011-13-05", "2011-04-31", "待定", "若干", "见附件"):
        assert raw in texts, raw
    assert truth["rejects_by_ledger"]["visits"] >= 2 and truth["rejects_by_ledger"]["funds"] >= 2


# --------------------------------------------------------------------------- value forms, table-driven


@pytest.mark.parametrize(("n", "text", "financial"), [
    (11_000, "一万一千", False), (680, "六百八十", False), (105, "一百零五", False), (10, "十", False),
    (12, "十二", False), (110, "一百一十", False), (100_500, "十万零五百", False), (200_000, "二十万", False),
    (1_050, "一千零五十", False), (10_000, "壹万", True), (20_500, "贰万零伍佰", True), (263_000, "贰拾陆万叁仟", True),
])
def test_chinese_number(n, text, financial):
    assert forms.chinese_number(n, financial) == text


@pytest.mark.parametrize(("value", "qualifier", "text"), [
    (200_000, "at_least", "20余万元"), (11_000, "at_least", "11000余元"), (10_000, "nearly", "近万元"),
    (20_000, "nearly", "近2万元"), (3_000, "about", "约3千元"), (150_000, "about", "约15万元"),
])
def test_qualified_amount(value, qualifier, text):
    assert forms.qualified_amount(Decimal(value), qualifier) == text


@pytest.mark.parametrize(("form", "medium", "cell"), [
    ("cell", "xlsx", dt.date(2011, 3, 5)), ("serial", "xlsx", 40607), ("dash", "csv", "2011-3-5"),
    ("slash", "xls", "2011/03/05"), ("dot", "xlsx", "2011.3.5"), ("compact", "csv", "20110305"),
    ("compact_number", "xlsx", 20110305), ("cn", "xlsx", "2011年3月5日"), ("fullwidth", "csv", "２０１１年３月５日"),
    ("cell", "csv", "2011/3/5"),
])
def test_render_date(form, medium, cell):
    assert forms.render_date(dt.date(2011, 3, 5), form, medium) == cell


def test_amount_forms_state_the_value_exactly():
    for value in (Decimal(4000), Decimal(11000), Decimal("3560.5"), Decimal(4321), Decimal(680)):
        for form in forms.amount_forms(value):
            cell = forms.render_amount(value, form, "csv")
            if form == "wan":
                assert Decimal(cell.removesuffix("万")) * 10_000 == value
            elif form in ("num", "yuan", "yen", "comma"):
                assert Decimal(re.sub(r"[￥元,]", "", cell)) == value
    assert "wan" not in forms.amount_forms(Decimal(4321))
    assert "cn" not in forms.amount_forms(Decimal(4321))
    assert forms.render_amount(Decimal(4000), "num", "xlsx", unit="万元") == pytest.approx(0.4)
    assert math.isclose(float(forms.render_area(Decimal("679.5"), "num", "xlsx", "公顷")) * 15, 679.5)

"""Clean on small hand-made ledgers laid out the way offices lay them out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sansong_analysis.ingest.clean import clean, clean_file, run_clean
from sansong_analysis.store import load


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


ROSTER = [
    ["黄坑乡新屋村结对帮扶花名册"],
    [None, None, None, None, None, None, "填报日期：2011年1月5日"],
    ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人", "身份证号", "联系电话", "备注"],
    [1, "张 三", "一组", 4, "是", "李干部", "360721198001011234", "13812345678", None],
    [2, "李四", "第1村民小组", "3人", "否", "李干部", "360721198101011238", "13912345678", "户主电话13712345678"],
    [3, "王五", "2组", "五", None, "赵干部", None, None, None],
    [4, "张三", "2组", 2, "√", "赵干部", None, None, None],  # same name, other group
    [None, "合计", None, 14, None, None, None, None, None],
    ["填表人：李干部", None, None, None, "审核：赵主任"],
]

VISITS = [
    ["黄坑乡2011年走访登记表"],
    ["单位：元"],
    [],
    ["序号", "村", "走访日期", "被走访人", "组别", "走访人", "走访形式", "慰问金"],
    [1, "新屋村", dt.date(2011, 3, 5), "张三", "1组", "李干部", "入户走访", None],
    [2, None, "2011年3月6日", "李四", "一组", "李干部", "节日慰问", "500元"],
    [3, None, "2011-3-6", "李 四", "1组", "李干部", "节日慰问", 500],  # the same visit again
    [4, None, "2011-02-30", "王五", "2组", "赵干部", "入户走访", None],  # impossible date
    [None, "新屋村小计", None, None, None, None, None, 1000],
    [5, "上坪村", "2011.4.1", "陈六", None, "孙干部", "政策宣讲", "—"],
    [6, None, "20110402", "张三", "2组", "赵干部", "入户走访", None],
    [None, "合计", None, None, None, None, None, 1000],
    ["注：慰问金单位为元。"],
]


@pytest.fixture
def raw(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡" / "新屋村花名册.xlsx", {"花名册": ROSTER})
    write_xlsx(raw / "黄坑乡走访.xlsx", {"走访登记": VISITS}, {"走访登记": ["B5:B8"]})
    return raw


def test_every_row_accounted_for(raw):
    result = clean(raw, jobs=1)
    for f in result.files:
        assert f.ok
        for s in f.sheets:
            assert s.balanced, (f.path, s.source_sheet, s.rows_read, s.n_records, s.n_rejects, dict(s.skipped))
    visits = next(s for f in result.files for s in f.sheets if s.ledger == "visits")
    assert visits.rows_read == len(VISITS)
    assert (visits.n_records, visits.n_rejects) == (5, 1)
    assert visits.skipped["subtotal"] == 2 and visits.skipped["note"] == 1 and visits.skipped["header"] == 1


def test_roster_values_and_context(raw):
    frames = clean(raw, jobs=1).frames
    roster = frames["roster"].sort_values("source_row")
    assert roster["household_head"].tolist() == ["张三", "李四", "王五", "张三"]
    assert roster["group"].tolist() == ["1组", "1组", "2组", "2组"]
    assert roster["members"].tolist() == [4, 3, 5, 2]
    assert roster["is_poor"].tolist() == [True, False, False, True]
    assert set(roster["township"]) == {"黄坑乡"} and set(roster["village"]) == {"新屋村"}
    assert roster["household_key"].nunique() == 4


def test_visits_matched_deduplicated_and_rejected(raw):
    frames = clean(raw, jobs=1).frames
    visits = frames["visits"].sort_values("source_row")
    # 王五's impossible date is rejected; 李四's second entry is a duplicate.
    assert visits["household_head"].tolist() == ["张三", "李四", "陈六", "张三"]
    assert visits["village"].tolist() == ["新屋村", "新屋村", "上坪村", "上坪村"]
    assert visits["visit_date"].dt.date.tolist() == [dt.date(2011, 3, 5), dt.date(2011, 3, 6), dt.date(2011, 4, 1), dt.date(2011, 4, 2)]
    assert visits["relief_yuan"].tolist()[1] == 500.0
    roster = frames["roster"].set_index(["household_head", "group"])["household_key"]
    assert visits["household_key"].iloc[0] == roster[("张三", "1组")]
    assert visits["household_key"].iloc[1] == roster[("李四", "1组")]
    assert visits["household_key"].isna().tolist() == [False, False, True, True]  # 上坪村 has no roster here
    dups = frames["duplicates"]
    assert len(dups) == 1 and dups.iloc[0]["source_row"] == 7 and dups.iloc[0]["kept_row"] == 6
    rejects = frames["rejects"]
    assert len(rejects) == 1
    reject = rejects.iloc[0]
    assert reject["source_row"] == 8 and reject["ledger"] == "visits"
    assert "2011-02-30" in reject["reason"] and reject["reason"].endswith("。")
    assert "王五" in reject["raw_cells"]


def test_no_personal_numbers_reach_the_frames(raw, tmp_path):
    run_clean(raw, tmp_path / "processed", jobs=1)
    blob = b"".join(p.read_bytes() for p in (tmp_path / "processed").iterdir())
    for number in (b"360721198001011234", b"13812345678", b"13712345678", b"13912345678"):
        assert number not in blob
    frames = load(tmp_path / "processed")
    for frame in frames.values():
        for col in frame.columns:
            assert "phone" not in col and "id_number" not in col


def test_bad_files_are_named_and_the_rest_still_cleaned(raw):
    (raw / "坏文件.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (raw / "空文件.xls").write_bytes(b"")
    (raw / "说明.docx").write_bytes(b"not a spreadsheet")
    (raw / "网页存档.xls").write_text('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n', "ascii")
    (raw / "网页.xls").write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", "utf-8")  # read: 未识别
    (raw / "~$黄坑乡走访.xlsx").write_bytes(b"lock file")
    result = clean(raw, jobs=1)
    problems = {f.path: f.problem.label for f in result.files if f.problem}
    assert problems == {"坏文件.xlsx": "文件损坏或不完整", "空文件.xls": "空文件", "说明.docx": "不支持的格式", "网页存档.xls": "不支持的格式"}
    assert result.exit_status == 1
    assert len(result.frames["roster"]) == 4
    assert "~$黄坑乡走访.xlsx" in result.ignored


def test_clean_file_never_raises_on_garbage(tmp_path):
    path = tmp_path / "x.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    result = clean_file(path, tmp_path)
    assert result.problem is not None and result.problem.kind == "corrupt"


def test_a_file_that_kills_its_worker_costs_only_itself(raw, monkeypatch):
    import os

    from sansong_analysis.ingest import clean as clean_module

    real_read = clean_module.read_file

    def read_or_die(path, limits, **options):
        if path.name == "黄坑乡走访.xlsx":
            os._exit(1)  # what an abort inside the reader does to a pool worker
        return real_read(path, limits, **options)

    monkeypatch.setattr(clean_module, "read_file", read_or_die)
    monkeypatch.setattr(clean_module, "POOL_MIN_BYTES", 0)
    (raw / "other.xlsx").write_bytes((raw / "黄坑乡" / "新屋村花名册.xlsx").read_bytes())
    result = clean(raw, jobs=2)
    problems = {f.path: f.problem for f in result.files if f.problem}
    assert list(problems) == ["黄坑乡走访.xlsx"]
    assert problems["黄坑乡走访.xlsx"].label == "文件损坏或不完整"
    assert len(result.frames["roster"]) == 4  # the other files were cleaned


def test_phone_numbers_in_file_and_sheet_names_stay_in_the_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "黄坑乡" / "新屋村花名册（联系人13912345678）.xlsx", {"李干部13812345678": ROSTER})
    result = clean(raw, jobs=1)
    assert [s.n_records for f in result.files for s in f.sheets] == [4]
    roster = result.frames["roster"]
    lineage = " ".join(roster["source_file"].tolist() + roster["source_sheet"].tolist())
    assert "13912345678" not in lineage and "13812345678" not in lineage
    assert "联系人[号码已隐去·" in lineage and "李干部[号码已隐去·" in lineage  # the place is still named, the number is not
    assert set(roster["village"]) == {"新屋村"}


def test_month_sheets_dates_without_a_year_take_the_titles_year(tmp_path):
    raw = tmp_path / "raw"
    march = [
        ["黄坑乡新屋村2011年3月走访登记表"],
        ["日期", "户主", "走访人", "走访方式"],
        ["3月5日", "张三", "李干部", "入户走访"],
        ["３月６号", "李四", "李干部", "入户走访"],
        ["3.7", "王五", "李干部", "入户走访"],  # a decimal or a date: rejected, not guessed
    ]
    undated = [["黄坑乡新屋村走访登记表"], *march[1:3]]  # no year anywhere: rejected
    write_xlsx(raw / "走访.xlsx", {"3月": march})
    write_xlsx(raw / "补登.xlsx", {"补登": undated})
    frames = clean(raw, jobs=1).frames
    visits = frames["visits"].sort_values("source_row")
    assert visits["visit_date"].dt.date.tolist() == [dt.date(2011, 3, 5), dt.date(2011, 3, 6)]
    rejects = frames["rejects"]
    assert dict(zip(rejects["source_file"], rejects["reason"], strict=True)) == {
        "走访.xlsx": "走访日期「3.7」无法识别为日期。", "补登.xlsx": "走访日期「3月5日」没有年份（标题、工作表名和文件名中没有写明是哪一年，或写了不止一年）。",
    }


def test_two_digit_years_take_the_ledgers_century_when_it_names_its_year(tmp_path):
    """11.3.5 on a sheet titled 2011 is 2011-03-05 (was a reject, the visit lost); 10.12.28 the round begun the year
    before, said as outside the year; 05.3.5 far from it, and 11.3.5 where nothing names a year, rejects saying why."""
    raw = tmp_path / "raw" / "黄坑乡"
    raw.mkdir(parents=True)
    header = ["日期", "户主", "走访人", "走访方式"]
    write_xlsx(raw / "走访.xlsx", {"走访": [["黄坑乡新屋村2011年走访登记表"], header, ["11.3.5", "张三", "李干部", "入户走访"],
                                         ["11年3月6日", "李四", "李干部", "入户走访"], ["10.12.28", "王五", "李干部", "入户走访"],
                                         ["05.3.5", "赵六", "李干部", "入户走访"]]})
    write_xlsx(raw / "补登.xlsx", {"补登": [["黄坑乡新屋村走访登记表"], header, ["11.3.5", "张三", "李干部", "入户走访"]]})
    result = clean(tmp_path / "raw", jobs=1)
    visits = result.frames["visits"].sort_values("source_row")
    assert visits["visit_date"].dt.date.tolist() == [dt.date(2011, 3, 5), dt.date(2011, 3, 6), dt.date(2010, 12, 28)]
    reasons = sorted(result.frames["rejects"]["reason"])
    assert reasons == ["走访日期「05.3.5」的年份只写了两位，无法确定是哪一年，请写四位年份（如2011-3-5）。",
                       "走访日期「11.3.5」的年份只写了两位，无法确定是哪一年，请写四位年份（如2011-3-5）。"]
    (sheet,) = [s for f in result.summary()["files"] if f["file"].endswith("走访.xlsx") for s in f["sheets"]]
    assert sheet["flag"]["kind"] == "dates_outside_year"


def test_hidden_sheets_are_read(tmp_path):
    # Offices hide the months they are done with; those visits still happened.
    raw = tmp_path / "raw"
    path = write_xlsx(raw / "走访.xlsx", {"1月": VISITS[:6], "2月": VISITS[:6]})
    wb = openpyxl.load_workbook(path)
    wb["2月"].sheet_state = "hidden"
    wb.save(path)
    result = clean(raw, jobs=1)
    assert [s.source_sheet for f in result.files for s in f.sheets if s.n_records] == ["1月", "2月"]


def test_an_example_row_is_a_note_never_a_record(tmp_path):
    """The template's example row (示例 in its first cell, as `sansong template` writes it) is never counted."""
    rows = [
        ["序号", "走访日期", "乡镇", "村", "被走访户主", "走访人", "走访形式", "慰问金（元）"],
        ["示例", "2011-03-05", "黄坑乡", "新屋村", "张三", "李干部", "慰问", 500],
        [1, "2011-03-06", "黄坑乡", "新屋村", "李四", "李干部", "入户走访", None],
        ["填写示例", "2011-03-07", "黄坑乡", "新屋村", "王五", "李干部", "入户走访", None],
    ]
    write_xlsx(tmp_path / "raw" / "走访.xlsx", {"走访登记表": rows})
    result = clean(tmp_path / "raw", jobs=1)
    [sheet] = result.files[0].sheets
    assert (sheet.n_records, sheet.n_rejects, sheet.skipped["note"]) == (1, 0, 2)
    assert result.frames["visits"]["household_head"].tolist() == ["李四"]

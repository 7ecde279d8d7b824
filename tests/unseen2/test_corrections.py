"""The analyst's ``sansong.toml`` on sheets of ``townships.py`` and ``gallery.py`` the reader gets wrong.

Each entry is the one an analyst would write after ``sansong inspect FILE --suggest``: the ledger,
the header rows, a column named by the heading the analyst sees in Excel (or by its letter where
several columns share one heading), the places. With it, the figures must be the hand-counted
ones of ``test_townships.py`` / ``test_gallery.py``.

What no entry can say (a group per sheet, two tables on one sheet, a second block of columns, a
date in two columns, a name list in one cell) is left to the report of this red-team batch.
"""

from __future__ import annotations

import pytest
from unseen.expect import Figures, assert_figures, assert_no_planted_number, clean_folder

from sansong_analysis.cli import main

from .gallery import GALLERY, REAL_FILE, write_gallery
from .test_gallery import REAL_FIGURES
from .test_townships import EXPECTED, VILLAGES
from .townships import PLANTED_PII, TOWNSHIPS


def _with_toml(name: str, toml: str):
    def write(root):
        TOWNSHIPS[name](root)
        (root / "sansong.toml").write_text(toml, encoding="utf-8")
    return write


def _statuses(cleaned) -> dict[tuple[str, str], str]:
    return {(f.path, s.source_sheet): (s.recognition or {}).get("status") for f in cleaned.result.files for s in f.sheets}


def _villages(frames) -> list:
    return list(frames["roster"]["village"]) + list(frames["visits"]["village"])


def test_name_and_phone_in_one_column(tmp_path):
    """丰山乡: the household column 走访对象及联系方式 is taken for a phone column, so the log is declined;
    the analyst names it the household. The names are then read without their numbers."""
    toml = '''
[[correction]]
file = "丰山乡/丰山乡龙岭村入户走访表.xlsx"
sheet = "Sheet1"
ledger = "visits"
[correction.columns]
"走访对象及联系方式" = "household_head"
'''
    cleaned = clean_folder(tmp_path, _with_toml("name_and_phone", toml))
    assert _statuses(cleaned)[("丰山乡/丰山乡龙岭村入户走访表.xlsx", "Sheet1")] == "corrected"
    assert_figures(cleaned.result.frames, EXPECTED["name_and_phone"].townships, label="corrected 丰山乡")
    assert cleaned.result.frames["rejects"].empty
    assert_no_planted_number(cleaned.processed, PLANTED_PII)


def test_funds_by_source_names_the_subtotal_column(tmp_path):
    """洋田乡: every sub-column under 筹资金额 reads as 筹资金额 and the first (财政资金) is taken; the
    analyst points the amount at the 小计 column, G (all four share one heading in inspect)."""
    toml = '''
[[correction]]
file = "洋田乡三送筹资台账.xlsx"
sheet = "筹资"
ledger = "funds"
[correction.columns]
"G" = "amount_yuan"
'''
    cleaned = clean_folder(tmp_path, _with_toml("funds_by_source", toml))
    assert_figures(cleaned.result.frames, EXPECTED["funds_by_source"].townships, label="corrected 洋田乡")
    assert cleaned.result.frames["rejects"].empty


def test_projects_units_row_as_second_header_row(tmp_path):
    """桥头镇: the units row (万元 / 亩 / 户) named as the header's second row: no reject, and the
    investment in 万元."""
    toml = '''
[[correction]]
file = "桥头镇/桥头镇三送办实事项目台账.xlsx"
sheet = "项目"
header_rows = [2, 3]
'''
    cleaned = clean_folder(tmp_path, _with_toml("projects_unit_row", toml))
    frames = cleaned.result.frames
    assert_figures(frames, EXPECTED["projects_unit_row"].townships, label="corrected 桥头镇")
    assert frames["rejects"].empty, frames["rejects"][["source_row", "reason"]].to_dict("records")
    assert float(frames["projects"]["investment_yuan"].sum()) == 1_315_000


def test_place_names_given_by_the_analyst(tmp_path):
    """新市镇 / 红旗村, 麻州镇, 富城乡, 筠门岭镇: the places the reader cuts, given outright."""
    toml = '''
[[correction]]
file = "新市镇/*.xlsx"
township = "新市镇"

[[correction]]
file = "新市镇/新市镇红旗村结对帮扶花名册.xlsx"
village = "红旗村"

[[correction]]
file = "麻州镇/*.xlsx"
township = "麻州镇"
village = "龙溪村"

[[correction]]
file = "富城乡大田村走访台账.xlsx"
township = "富城乡"
village = "大田村"

[[correction]]
file = "民政局工作组/台账.xlsx"
township = "筠门岭镇"
village = "芙蓉村"
'''
    cleaned = clean_folder(tmp_path, _with_toml("place_names", toml))
    frames = cleaned.result.frames
    assert_figures(frames, EXPECTED["place_names"].townships, label="corrected places")
    assert frames["rejects"].empty
    assert set(_villages(frames)) == VILLAGES["place_names"]


def test_a_roster_with_visits_in_month_columns_read_as_the_roster(tmp_path):
    """杨梅镇: declined (a visit log and a roster tie). The analyst can at least have the roster: five
    households, and no visit made up from the month columns."""
    toml = '''
[[correction]]
file = "杨梅镇/2011年结对帮扶走访情况表.xlsx"
sheet = "Sheet1"
ledger = "roster"
'''
    cleaned = clean_folder(tmp_path, _with_toml("monthly_columns", toml))
    assert_figures(cleaned.result.frames, {"杨梅镇": Figures(5, 0, 0, 0, 0)}, label="corrected 杨梅镇")
    assert cleaned.result.frames["rejects"].empty


MISREAD_GALLERY = (
    "沙地镇/危房改造花名册.xls", "沙地镇/敬老院五保老人花名册.xls", "沙地镇/三送工作队员花名册.xlsx",
    "沙地镇/2011年工程招标台账.xlsx", "沙地镇/民政/2011年二季度低保审批.xlsx",
)


def test_tables_read_as_ledgers_are_ignored_by_the_analyst(tmp_path):
    """The gallery's tables a reader may take for a roster or a project list, each set aside with
    ``ledger = "ignore"``: the real ledger's figures are then exact and nothing else is read."""
    toml = "".join(f'\n[[correction]]\nfile = "{path}"\nledger = "ignore"\n' for path in MISREAD_GALLERY)

    def write(root):
        write_gallery(root)
        (root / "sansong.toml").write_text(toml, encoding="utf-8")

    cleaned = clean_folder(tmp_path, write)
    frames = cleaned.result.frames
    assert_figures(frames, REAL_FIGURES, label="gallery with ignores")
    for ledger in ("roster", "visits", "funds", "projects", "disputes"):
        assert set(frames[ledger]["source_file"]) <= {REAL_FILE}, ledger
    statuses = _statuses(cleaned)
    assert all(statuses[ref] == "ignored" for ref in statuses if ref[0] in MISREAD_GALLERY)
    assert len(GALLERY) >= 25


def test_suggest_for_a_file_in_a_township_folder_pasted_at_the_top(tmp_path, capsys):
    """The README's workflow on a raw folder of its own (not the project's data/raw): ``sansong inspect
    FILE --suggest`` on a visit log in the township's folder, pasted into the raw folder's
    sansong.toml, must be an entry that matches the file and keeps its reading (银坑镇's figures)."""
    raw = tmp_path / "raw"
    TOWNSHIPS["member_rows"](raw)
    # A raw folder of its own with no sansong.toml yet: inspect is told where it is (--raw).
    assert main(["inspect", str(raw / "银坑镇" / "走访.xlsx"), "--suggest", "--raw", str(raw)]) == 0
    suggestion = capsys.readouterr().out
    assert "[[correction]]" in suggestion
    (raw / "sansong.toml").write_text(suggestion, encoding="utf-8")
    processed = tmp_path / "processed"
    assert main(["clean", "--raw", str(raw), "--processed", str(processed), "--jobs", "1"]) == 0
    from sansong_analysis.store import load

    assert_figures(load(processed), EXPECTED["member_rows"].townships, label="suggest pasted")


@pytest.mark.parametrize("name", ["filtered_serials", "system_export"])
def test_suggest_of_the_whole_folder_fed_back_changes_nothing(tmp_path, capsys, name):
    """``sansong inspect RAW --suggest`` for a folder the reader reads right, fed back: the same figures."""
    raw = tmp_path / "raw"
    TOWNSHIPS[name](raw)
    assert main(["inspect", str(raw), "--suggest"]) == 0
    (raw / "sansong.toml").write_text(capsys.readouterr().out, encoding="utf-8")
    processed = tmp_path / "processed"
    assert main(["clean", "--raw", str(raw), "--processed", str(processed), "--jobs", "1"]) == 0
    from sansong_analysis.store import load

    assert_figures(load(processed), EXPECTED[name].townships, label=f"{name} suggest fed back")

"""Households: the key (stable, private), matching visits to the roster, duplicate entries and visits.

docs/contract.md §4: a household is matched by township, village and name, and by group too when both
sides give one; ``household_key`` is stable across runs and files and reveals no personal data; the
same visit entered twice (same household, date, cadre and kind) is one visit, the duplicate
reported. The frames here are built as the clean builds them (``store.conform``), with the
canonical values the value parsers give (``1组`` for 一组/第一组/第1村民小组).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from sansong_analysis import store
from sansong_analysis.ingest.households import (
    dedupe_visits,
    household_key,
    key_roster,
    key_visits,
    match_visits,
)

T, T2 = "黄坑乡", "桂子镇"
V, V2 = "新屋村", "上坪村"


def roster_frame(*entries: tuple) -> pd.DataFrame:
    """(township, village, group, head) per household, on rows 4, 5, … of one roster sheet."""
    rows = [
        {"source_file": "黄坑乡/花名册.xlsx", "source_sheet": "花名册", "source_row": 4 + i,
         "township": t, "village": v, "group": g, "household_head": h, "is_poor": False, "members": 3, "cadre": "李干部"}
        for i, (t, v, g, h) in enumerate(entries)
    ]
    return store.conform(pd.DataFrame(rows), "roster")


def visits_frame(*entries: tuple) -> pd.DataFrame:
    """(township, village, group, head, date, cadre, kind) per visit, on rows 5, 6, … of one visit log."""
    rows = [
        {"source_file": "黄坑乡走访.xlsx", "source_sheet": "走访登记", "source_row": 5 + i,
         "township": t, "village": v, "group": g, "household_head": h,
         "visit_date": pd.Timestamp(d), "cadre": c, "visit_kind": k, "relief_yuan": None}
        for i, (t, v, g, h, d, c, k) in enumerate(entries)
    ]
    return store.conform(pd.DataFrame(rows), "visits")


def keys_of(series: pd.Series) -> list[str | None]:
    return [None if pd.isna(k) else k for k in series]


# --------------------------------------------------------------------------- household_key


def test_the_key_is_pinned_so_that_it_stays_the_same_across_runs_and_versions():
    # A change here re-keys every household of every county: only ever on purpose.
    assert household_key(T, V, "1组", "张三") == "Hllkejklhejgflkcf"
    assert household_key(T, V, None, "张三") == "Hlkjhflpfkckpdgac"


def test_the_key_is_the_same_in_another_process():
    # str hashing is randomised per process (PYTHONHASHSEED); the key must not depend on it.
    code = "from sansong_analysis.ingest.households import household_key; print(household_key('黄坑乡', '新屋村', '1组', '张三'))"
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout.strip()
        for seed in ("1", "2")
    }
    assert outs == {household_key(T, V, "1组", "张三")}


@pytest.mark.parametrize(
    ("township", "village", "group", "head"),
    [
        (T, V, "1组", "张三"),
        (T, V, None, "欧阳春花"),
        (T2, None, "新屋下组", "李四"),
        (T, V, "2组", "13812345678"),  # a phone number written where the name goes
        (T, V, "2组", "360721198001011234"),
    ],
)
def test_the_key_reveals_nothing(township, village, group, head):
    key = household_key(township, village, group, head)
    assert re.fullmatch(r"H[a-p]{16}", key)  # no digits: no run a phone or ID scan could flag
    for part in (township, village, group, head):
        assert part is None or part not in key
    assert not any(ch in key for ch in head)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((T, V, "1组", "张三"), (T, V, "1组", "张三"), True),
        ((T, V, None, "张三"), (T, V, float("nan"), "张三"), True),  # a blank 组别 cell, however it arrives
        ((T, V, None, "张三"), (T, V, pd.NA, "张三"), True),
        ((T, V, "1组", "张三"), (T, V, "2组", "张三"), False),  # namesakes in two groups: two households
        ((T, V, "1组", "张三"), (T, V, None, "张三"), False),
        ((T, V, "1组", "张三"), (T, V2, "1组", "张三"), False),
        ((T, V, "1组", "张三"), (T2, V, "1组", "张三"), False),
        ((T, V, "1组", "张三"), (T, V, "1组", "张山"), False),
        # The parts are kept apart: no two splits of the same letters give the same key.
        ((T, "新屋", "村1组", "张三"), (T, "新屋村", "1组", "张三"), False),
    ],
)
def test_which_entries_are_one_household(a, b, same):
    assert (household_key(*a) == household_key(*b)) is same


# --------------------------------------------------------------------------- the roster


def test_a_household_listed_twice_is_kept_once_and_the_second_entry_reported():
    roster, dups = key_roster(roster_frame((T, V, "1组", "张三"), (T, V, "2组", "李四"), (T, V, "1组", "张三")))
    assert roster["household_head"].tolist() == ["张三", "李四"]
    assert roster["household_key"].tolist() == [household_key(T, V, "1组", "张三"), household_key(T, V, "2组", "李四")]
    assert dups[["ledger", "household_head", "source_row", "kept_row"]].values.tolist() == [["roster", "张三", 6, 4]]


def test_an_entry_without_its_group_joins_the_one_fuller_entry_of_that_name():
    # The township's list names 张三 of 新屋村 without his group; the village roster gives 1组.
    roster, dups = key_roster(roster_frame((T, V, "1组", "张三"), (T, V, None, "张三")))
    assert roster["household_key"].tolist() == [household_key(T, V, "1组", "张三")]
    assert dups[["source_row", "kept_row"]].values.tolist() == [[5, 4]]


def test_an_entry_without_its_group_beside_two_namesakes_is_a_household_of_its_own():
    # 张三 of 1组 and 张三 of 2组 are two households; which one a 张三 without a group is, nobody
    # can tell: it is not merged into either, and nothing is reported as a duplicate.
    roster, dups = key_roster(roster_frame((T, V, "1组", "张三"), (T, V, "2组", "张三"), (T, V, None, "张三")))
    assert roster["household_key"].tolist() == [
        household_key(T, V, "1组", "张三"), household_key(T, V, "2组", "张三"), household_key(T, V, None, "张三"),
    ]
    assert dups.empty


def test_an_entry_without_its_village_is_not_joined_to_a_namesake_in_a_named_village():
    roster, dups = key_roster(roster_frame((T, V, "1组", "张三"), (T, None, None, "张三")))
    assert len(roster) == 2 and dups.empty


# --------------------------------------------------------------------------- matching visits

ROSTER = [
    (T, V, "1组", "张三"),
    (T, V, "2组", "张三"),  # a namesake in another group
    (T, V, None, "李四"),  # the roster gives no group
    (T, V2, "3组", "王五"),
    (T, None, None, "赵六"),  # the roster gives no village
    (T2, V, "1组", "陈七"),
]


@pytest.mark.parametrize(
    ("visit", "household"),
    [
        ((T, V, "1组", "张三"), (T, V, "1组", "张三")),
        ((T, V, "2组", "张三"), (T, V, "2组", "张三")),
        ((T, V, None, "张三"), None),  # which 张三? not guessed
        ((T, None, None, "张三"), None),
        ((T, V, "3组", "张三"), None),  # no 张三 in 3组
        ((T, V, "5组", "李四"), (T, V, None, "李四")),  # the roster gives no group: the name decides
        ((T, V, None, "李四"), (T, V, None, "李四")),
        ((T, V2, "3组", "王五"), (T, V2, "3组", "王五")),
        ((T, V2, None, "王五"), (T, V2, "3组", "王五")),  # the visit gives no group: the one 王五 there
        ((T, None, None, "王五"), (T, V2, "3组", "王五")),  # no village: the one 王五 in the township
        ((T, V, "3组", "王五"), None),  # 王五 lives in 上坪村, not 新屋村
        ((T, V2, "1组", "王五"), None),  # both give a group and they differ
        ((T, V, "1组", "赵六"), (T, None, None, "赵六")),  # the roster names no village for 赵六
        ((T, V, "1组", "陈七"), None),  # 陈七 is on 桂子镇's roster, not 黄坑乡's
        ((T2, V, "1组", "陈七"), (T2, V, "1组", "陈七")),
        ((T, V, "1组", "钱八"), None),  # nobody of that name
    ],
)
def test_a_visit_is_matched_by_township_village_name_and_group(visit, household):
    roster, _ = key_roster(roster_frame(*ROSTER))
    visits = visits_frame((*visit, "2011-03-05", "李干部", "入户走访"))
    expected = None if household is None else household_key(*household)
    assert keys_of(match_visits(visits, roster)) == [expected]


def test_matching_reads_missing_values_as_not_given_and_keeps_the_index():
    roster, _ = key_roster(roster_frame(*ROSTER))
    visits = visits_frame((T, V, None, "李四", "2011-03-05", "李干部", "入户走访"),
                          (T, V2, None, "王五", "2011-03-06", "孙干部", "节日慰问"))
    visits.index = [10, 11]
    keys = match_visits(visits, roster)
    assert keys.index.tolist() == [10, 11] and str(keys.dtype) == "str"
    assert keys_of(keys) == [household_key(T, V, None, "李四"), household_key(T, V2, "3组", "王五")]


@pytest.mark.parametrize("dtype", ["str", "string", object])
def test_a_columns_values_are_read_with_missing_ones_none_and_a_repeated_text_made_once(dtype):
    from sansong_analysis.ingest.households import _values

    column = pd.Series(["黄坑乡", None, "新屋村", "黄坑乡", float("nan")], dtype=dtype)
    values = _values(column)
    assert values == ["黄坑乡", None, "新屋村", "黄坑乡", None]
    if dtype is not object:  # shared, not one string per row: a county's visits repeat their places on every row
        assert values[0] is values[3]
    assert _values(pd.Series([], dtype=dtype)) == []


def test_a_two_character_name_with_jia_after_it_is_that_household_when_the_roster_says_so():
    # 王五家 (kept whole when read: 张国家 is a name) is 王五 of 上坪村 when the roster has no 王五家 there.
    roster, _ = key_roster(roster_frame(*ROSTER, (T, V, None, "李国家")))
    visits = visits_frame((T, V2, None, "王五家", "2011-03-05", "孙干部", "入户走访"),
                          (T, V, None, "李国家", "2011-03-06", "李干部", "入户走访"),  # a name of its own
                          (T, V, None, "李四家", "2011-03-07", "李干部", "入户走访"),
                          (T, V, None, "孙八家", "2011-03-08", "李干部", "入户走访"))  # no 孙八 on the roster
    assert keys_of(match_visits(visits, roster)) == [household_key(T, V2, "3组", "王五"),
                                                     household_key(T, V, None, "李国家"),
                                                     household_key(T, V, None, "李四"), None]


# --------------------------------------------------------------------------- duplicate visits


def dedupe(*entries: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    roster, _ = key_roster(roster_frame(*ROSTER))
    visits = visits_frame(*entries)
    visits["household_key"] = match_visits(visits, roster)
    return dedupe_visits(visits)


@pytest.mark.parametrize(
    ("second", "is_duplicate"),
    [
        ((T, V, "1组", "张三", "2011-03-05", "李干部", "入户走访"), True),  # entered twice
        ((T, V, "1组", "张三", "2011-03-06", "李干部", "入户走访"), False),  # another day
        ((T, V, "1组", "张三", "2011-03-05", "赵干部", "入户走访"), False),  # another cadre that day
        ((T, V, "1组", "张三", "2011-03-05", "李干部", "节日慰问"), False),  # another kind of visit
        ((T, V, "2组", "张三", "2011-03-05", "李干部", "入户走访"), False),  # the namesake in 2组
    ],
)
def test_the_same_visit_entered_twice_is_one_visit(second, is_duplicate):
    first = (T, V, "1组", "张三", "2011-03-05", "李干部", "入户走访")
    kept, dups = dedupe(first, second)
    assert len(kept) == (1 if is_duplicate else 2)
    if is_duplicate:
        assert dups[["ledger", "household_head", "source_row", "kept_row"]].values.tolist() == [["visits", "张三", 6, 5]]
    else:
        assert dups.empty


def test_a_visit_entered_again_under_another_spelling_of_the_same_household_is_one_visit():
    # 王五 of 上坪村 3组, once with his group and once without: both match him, so one visit.
    kept, dups = dedupe((T, V2, "3组", "王五", "2011-04-01", "孙干部", "入户走访"),
                        (T, V2, None, "王五", "2011-04-01", "孙干部", "入户走访"))
    assert len(kept) == 1 and dups["kept_row"].tolist() == [5]


def test_unmatched_visits_are_told_apart_by_township_village_group_and_name():
    # Nobody of these names is on the roster: the visits still count, once each.
    visit = (T, V, "1组", "钱八", "2011-03-05", "李干部", "入户走访")
    kept, dups = dedupe(visit, visit, (T, V, "2组", "钱八", "2011-03-05", "李干部", "入户走访"),
                        (T, V2, "1组", "钱八", "2011-03-05", "李干部", "入户走访"))
    assert kept["household_key"].isna().all()
    assert kept["source_row"].tolist() == [5, 7, 8] and dups["source_row"].tolist() == [6]


def test_no_visits():
    kept, dups = dedupe_visits(visits_frame())
    assert kept.empty and dups.empty


def test_less_full_entries_above_the_fuller_one_both_point_at_it():
    # 张三 without his group, twice, then with it: one household, both short entries reported
    # as duplicates of the full one, though it comes last.
    roster, dups = key_roster(roster_frame((T, V, None, "张三"), (T, V, None, "张三"), (T, V, "1组", "张三")))
    assert roster["household_key"].tolist() == [household_key(T, V, "1组", "张三")]
    assert dups[["source_row", "kept_row"]].values.tolist() == [[4, 6], [5, 6]]


def test_keying_visits_in_one_step_is_matching_then_deduplicating():
    roster, _ = key_roster(roster_frame((T, V, "1组", "张三"), (T, V2, "3组", "王五"), (T2, V, None, "李四")))
    entries = [
        (T, V, "1组", "张三", "2011-03-05", "李干部", "入户走访"),
        (T, V, None, "张三", "2011-03-05", "李干部", "入户走访"),  # the same visit, group left out
        (T, V, "1组", "钱八", "2011-03-05", None, "入户走访"),  # nobody of that name; no cadre
        (T, V, "1组", "钱八", "2011-03-05", None, "入户走访"),
        (T2, V, None, "李四", None, "王干部", "节日慰问"),  # no date, twice
        (T2, V, None, "李四", None, "王干部", "节日慰问"),
        (T, V2, "3组", "王五", "2011-04-01", "孙干部", None),
    ]
    visits = visits_frame(*entries)
    visits["household_key"] = match_visits(visits, roster)
    apart_kept, apart_dups = dedupe_visits(visits)
    together_kept, together_dups = key_visits(visits_frame(*entries), roster)
    assert together_kept.equals(apart_kept)
    assert together_dups.equals(apart_dups)
    assert together_dups[["source_row", "kept_row"]].values.tolist() == [[6, 5], [8, 7], [10, 9]]

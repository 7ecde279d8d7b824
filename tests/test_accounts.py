"""A funds list kept as an account: 日期 | 摘要 | 收入 | 支出 | 余额, as a village's accountant keeps the 三送 money.

It was 未识别 (no heading named the amount: 收入 was no funds heading, and its title 三送资金收支台账 held none of the
funds words), its money left out of the county's figures. Read as a funds list now — 收入 beside 支出, under a title,
sheet or file naming the 三送 work, says what it is —: each row of money in is a donation (its 摘要 the source), each
row of money out (a 支出 and no 收入) a reject saying it is money spent, not raised (no sign of a misread sheet; the
问题清单 says there is nothing to mend), and a balance line (上年结转, 期初余额, 上月结余 with neither) is skipped as a
note, not a record missing its amount. A village's own 收支明细账 stays 未识别 (its income is the village's, 三送 money
among the rest: ``tests/unseen2/gallery.village_cash_book``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from one_sheet import clean_one_sheet, write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.tidy import SPENT_ROW
from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX, SPENT_FIX, reject_problem

D = dt.date
HEAD = ["日期", "摘要", "收入（元）", "支出（元）", "余额（元）"]
MARCH = [
    [None, "上年结转", None, None, 2000],
    [D(2011, 3, 1), "县交通局捐款", 5000, None, 7000],
    [D(2011, 3, 5), "修路支出", None, 3000, 4000],
    [D(2011, 3, 9), "县财政局拨款", 2000, None, 6000],
    [None, "本月合计", 7000, 3000, 6000],
]


def _raised(result) -> float:
    return compute_figures(result.frames)["county"]["funds_raised_yuan"]


def test_an_account_is_read_its_money_in_raised_its_money_out_spent(tmp_path):
    result, sheet = clean_one_sheet(tmp_path, [HEAD, *MARCH], "葛坳乡澄江村2011年三送资金收支台账")
    assert sheet["ledger"] == "funds"
    assert any("收支账" in e for e in sheet["recognition"]["evidence"])
    assert _raised(result) == 7000.0
    funds = result.frames["funds"]
    assert list(funds["source"]) == ["县交通局捐款", "县财政局拨款"] and list(funds["source_row"]) == [4, 6]
    rejects = result.frames["rejects"]
    assert list(rejects["source_row"]) == [5] and list(rejects["reason"]) == [f"{SPENT_ROW}。"]
    # the balance line is a note, the 合计 a total (checked: 7000 is the money in above it)
    assert sheet["skipped_by_kind"]["note"] == 1 and sheet["skipped_by_kind"]["subtotal"] == 1
    assert [(t["stated"], t["ok"]) for t in sheet["totals"]] == [(7000.0, True)]
    # rejects by design: no sign of a misread sheet
    assert sheet["flag"] is None


def test_an_accounts_total_without_a_label_is_no_donation(tmp_path):
    # | | 7000 | 3000 | 6000 under the rows: its 支出 and 余额 are no description of a donation (it was one more, 7000)
    rows = [HEAD, *MARCH[1:4], [None, None, 7000, 3000, 6000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 7000.0 and sheet["skipped_by_kind"]["subtotal"] == 1


def test_money_spent_in_an_account_needs_no_mending(tmp_path):
    result, _ = clean_one_sheet(tmp_path, [HEAD, *MARCH], "葛坳乡澄江村2011年三送资金收支台账")
    problem = reject_problem(result.frames["rejects"].iloc[0].to_dict())
    assert problem.fix == SPENT_FIX and problem.fix.startswith("不用改正")


def test_an_account_with_its_headings_written_out_under_a_title_of_the_work(tmp_path):
    # 收入金额 | 支出金额, no 余额, a title naming the 三送 work and no funds word: 收入 beside 支出 is enough
    rows = [["日期", "来源", "收入金额（元）", "支出金额（元）"], [D(2011, 3, 1), "县交通局", 5000, None],
            [D(2011, 3, 5), "修路", None, 3000], [D(2011, 3, 9), "县财政局", 2000, None]]
    result, sheet = clean_one_sheet(tmp_path / "work", rows, "葛坳乡澄江村2011年三送工作台账")
    assert sheet["ledger"] == "funds" and _raised(result) == 7000.0 and sheet["rejects"] == 1
    # a village's own account, or one only its folder says is of the work: not the work's money, 未识别
    _, sheet = clean_one_sheet(tmp_path / "village", rows, "葛坳乡澄江村2011年村级财务收支明细账")
    assert sheet["ledger"] is None and "没有能确认是筹资台账的词" in sheet["note"]
    raw = tmp_path / "folder" / "raw"
    write_sheets(raw / "2011年三送台账" / "葛坳乡" / "澄江村收支明细账.xlsx", {"明细账": [["澄江村2011年收支明细账"], *rows]})
    (sheet,) = clean(raw, jobs=1, progress=False).summary()["files"][0]["sheets"]
    assert sheet["ledger"] is None


def test_no_money_in_written_as_a_dash_or_nought(tmp_path):
    # an accountant's 「-」, 「—」, 0 or 0.00 where no money came in: the row is money spent all the same (it was a
    # reject asking for the amount, or a donation of 0)
    rows = [HEAD, [D(2011, 3, 1), "县交通局捐款", 5000, "-", 7000], [D(2011, 3, 5), "修路支出", "-", 3000, 4000],
            [D(2011, 3, 6), "修桥支出", 0, 1000, 3000], [D(2011, 3, 7), "修渠支出", "0.00", 500, 2500],
            [D(2011, 3, 8), "慰问支出", "—", 500, 2000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 5000.0 and len(result.frames["funds"]) == 1
    assert set(result.frames["rejects"]["reason"]) == {f"{SPENT_ROW}。"} and sheet["rejects"] == 4


def test_a_row_with_money_in_and_out_counts_its_money_in(tmp_path):
    rows = [HEAD, [D(2011, 3, 1), "县交通局捐款并拨付修路", 5000, 5000, 0], [D(2011, 3, 9), "张三捐款", 1000, None, 1000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 6000.0 and sheet["rejects"] == 0


def test_a_row_with_neither_and_no_balance_words_misses_its_amount(tmp_path):
    rows = [HEAD, [D(2011, 3, 1), "县交通局捐款", None, None, 5000], [D(2011, 3, 9), "张三捐款", 1000, None, 6000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 1000.0
    assert list(result.frames["rejects"]["reason"]) == ["缺少金额（元）。"]


def test_balance_lines_of_a_month_and_of_the_year(tmp_path):
    for i, words in enumerate(("期初余额", "上月结余", "年初结存")):
        rows = [HEAD, [None, words, None, None, 2000], [D(2011, 3, 1), "县交通局捐款", 5000, None, 7000]]
        result, sheet = clean_one_sheet(tmp_path / str(i), rows, "葛坳乡澄江村2011年三送资金收支台账")
        assert sheet["records"] == 1 and sheet["rejects"] == 0 and sheet["skipped_by_kind"]["note"] == 1, words


def test_the_accounts_header_again_on_the_next_page_says_nothing_of_money_spent(tmp_path):
    # The header printed again (its 支出 is no line heading money spent: the rows below are the account's still)
    april = [[D(2011, 4, 2), "张三捐款", 1000, None, 7000], [D(2011, 4, 5), "慰问支出", None, 500, 6500],
             [D(2011, 4, 8), "李四捐款", 800, None, 7300]]
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村2011年三送资金收支台账.xlsx",
                 {"Sheet1": [["葛坳乡澄江村2011年三送资金收支台账"], HEAD, *MARCH[1:4], HEAD, *april]})
    result = clean(raw, jobs=1, progress=False)
    assert _raised(result) == 8800.0
    assert sorted(result.frames["rejects"]["source_row"]) == [4, 8]
    assert set(result.frames["rejects"]["reason"]) == {f"{SPENT_ROW}。"}


def test_a_plain_list_keeps_its_donor_column_over_a_summary(tmp_path):
    # 摘要 is an account's source only where nothing names it better
    rows = [["日期", "摘要", "捐款单位", "金额（元）"], [D(2011, 3, 1), "捐款", "县交通局", 5000]]
    result, _ = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年筹资台账")
    assert list(result.frames["funds"]["source"]) == ["县交通局"]


def test_a_roster_with_a_households_income_and_spending_is_a_roster(tmp_path):
    rows = [["序号", "户主姓名", "村名", "家庭人口", "收入", "支出"], [1, "张三", "澄江村", 4, 12000, 9000],
            [2, "李四", "澄江村", 3, 8000, 7000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村三送结对帮扶户花名册")
    assert sheet["ledger"] == "roster" and len(result.frames["roster"]) == 2
    assert "funds" not in result.frames or result.frames["funds"].empty


def test_a_balance_carried_over_a_month_in_a_plain_list_is_said(tmp_path):
    # 上月结余 as a donation's 来源 (read with the year's 上年结转 before): counted, flagged 可能多计
    rows = [["日期", "资金来源", "金额（元）"], [D(2011, 4, 1), "上月结余", 2000], [D(2011, 4, 5), "县交通局", 5000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年筹资台账")
    assert _raised(result) == 7000.0 and sheet["flag"]["kind"] == "carried_balance"


def test_a_header_printed_again_is_never_read_over_its_first_print(tmp_path):
    """A list whose header is printed again at a page's top: the rows between the two prints, read as the second's
    title, gave it words the first lacked (捐款 in 县交通局捐款, under a 台账 of no funds word), and the second was read
    — the first page's money left out, flagged only as rows above the header (3000 of 3500 lost)."""
    head = ["日期", "捐款单位", "捐款金额（元）", "用途"]
    rows = [head, [D(2011, 3, 1), "县交通局（捐款）", 1000, "修路"], [D(2011, 3, 2), "县财政局", 2000, "修桥"], head,
            [D(2011, 4, 2), "张三", 500, "修桥"]]
    result, sheet = clean_one_sheet(tmp_path / "funds", rows, "葛坳乡澄江村2011年台账")
    assert _raised(result) == 3500.0 and sheet["skipped_by_kind"]["header"] == 2 and sheet["flag"] is None
    # with only generic headings it is no funds list at all (as one page of it is not): not the last page's alone
    rows = [[cell.replace("捐款", "") if isinstance(cell, str) else cell for cell in row] for row in rows]
    _, sheet = clean_one_sheet(tmp_path / "generic", rows, "葛坳乡澄江村2011年台账")
    assert sheet["ledger"] is None


def test_a_balance_that_does_not_follow_is_said(tmp_path):
    """余额 is the one above plus the row's 收入 less its 支出: where it is not, money in or out was left unwritten or
    written wrong (here 县财政局's 2000 written as 200) — counted as written, and the sheet flagged 可能有误."""
    rows = [HEAD, *MARCH[:3], [D(2011, 3, 9), "县财政局拨款", 200, None, 6000], MARCH[4]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 5200.0
    flag = sheet["flag"]
    assert flag["kind"] == "balance_breaks" and flag["records"] == 1
    assert "第6行的余额" in flag["message"] and "应为4200元，表中写6000元" in flag["message"]
    assert "balance_breaks" in FLAG_FIX and "balance_breaks" in COUNTED_FLAGS


def test_a_closing_balance_under_other_words_is_checked_too(tmp_path):
    rows = [["日期", "摘要", "本期收入", "本期支出", "期末余额"], [D(2011, 3, 1), "县交通局捐款", 5000, None, 5000],
            [D(2011, 3, 5), "修路", None, 3000, 2500]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 5000.0 and sheet["flag"]["kind"] == "balance_breaks"


def test_balances_left_blank_carry_and_units_apply(tmp_path):
    # 余额 written at the month's end only, the money in 万元: it follows
    head = ["日期", "摘要", "收入（万元）", "支出（万元）", "余额（万元）"]
    rows = [head, [None, "上年结转", None, None, 0.2], [D(2011, 3, 1), "县交通局捐款", 0.5, None, None],
            [D(2011, 3, 5), "修路支出", None, 0.3, None], [D(2011, 3, 31), "县财政局拨款", 0.2, None, 0.6]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert _raised(result) == 7000.0 and sheet["flag"] is None
    rows[-1][-1] = 0.7  # and where it does not
    _, sheet = clean_one_sheet(tmp_path / "off", rows, "葛坳乡澄江村2011年三送资金收支台账")
    assert sheet["flag"]["kind"] == "balance_breaks" and "第6行" in sheet["flag"]["message"]


def test_money_in_and_out_side_by_side_under_their_groups(tmp_path):
    """收入 over 日期 | 摘要 | 金额 beside 支出 over the same: the 日期 under 收入 was read as the amount (收入, the group:
    a heading now), its dates rejected as amounts and the sheet flagged 可能识别有误 — a date under a group that names
    no date is the date. The money in is read; the spending beside it is no money raised."""
    head = [["收入", None, None, "支出", None, None], ["日期", "摘要", "金额（元）", "日期", "摘要", "金额（元）"]]
    body = [[D(2011, 3, 1), "县交通局捐款", 5000, D(2011, 3, 5), "修路", 3000],
            [D(2011, 3, 9), "县财政局拨款", 2000, D(2011, 3, 12), "慰问", 1000],
            [None, None, None, D(2011, 3, 20), "修桥", 500]]
    for merged in (True, False):
        raw = tmp_path / str(merged) / "raw"
        write_sheets(raw / "葛坳乡" / "澄江村三送资金收支情况表.xlsx",
                     {"Sheet1": [["葛坳乡澄江村2011年三送资金收支情况表"], *head, *body]},
                     merges={"Sheet1": [(2, 1, 2, 3), (2, 4, 2, 6)] if merged else []})
        result = clean(raw, jobs=1, progress=False)
        (sheet,) = result.summary()["files"][0]["sheets"]
        assert _raised(result) == 7000.0 and sheet["flag"] is None, merged
        assert list(result.frames["funds"]["date"].dt.day) == [1, 9]
        assert list(result.frames["rejects"]["reason"]) == [f"{SPENT_ROW}。"]


def test_a_generic_sub_label_under_its_group():
    # the group still says whose name or which date where it names one; a date under an amount is the date
    from sansong_analysis.ingest.table import _combine

    labels = [label for label, _ in _combine(["走访人", "收入", "办结", "户主"], ["姓名", "日期", "时间", "姓名"])]
    assert labels == ["走访人姓名", "日期", "办结时间", "户主姓名"]


_TITLE = ["葛坳乡澄江村2011年三送资金收支台账"]
_BODY = [*MARCH[:4], [D(2011, 3, 15), "慰问支出", None, 500, 5500], [D(2011, 3, 20), "张三捐款", 800, None, 6300]]
_TOTAL = [None, "本月合计", 7800, 3500, 6300]
_LAYOUTS = {
    "reversed": [list(reversed(HEAD)), *[list(reversed(r)) for r in _BODY], list(reversed(_TOTAL))],
    "in 万元": [["单位：万元"], ["日期", "摘要", "收入", "支出", "余额"],
               *[[a, b, c and c / 10000, d and d / 10000, e / 10000] for a, b, c, d, e in _BODY], [None, "本月合计", 0.78, 0.35, 0.63]],
    "two-row header": [["日期", "摘要", "金额（元）", None, None], [None, None, "收入", "支出", "余额"], *_BODY, _TOTAL],
    "voucher and clerk": [["日期", "凭证号", "摘要", "收入", "支出", "余额", "经手人"],
                          *[[r[0], f"记{i}", *r[1:], "李会计"] for i, r in enumerate(_BODY)], [None, None, *_TOTAL[1:], None]],
    "page totals": [HEAD, *_BODY[:3], [None, "过次页", 5000, 3000, 4000], [None, "承前页", 5000, 3000, 4000], *_BODY[3:], _TOTAL],
    "column numbers": [HEAD, [1, 2, 3, 4, 5], *_BODY, _TOTAL],
}


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_an_account_as_offices_lay_it_out(tmp_path, layout):
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村三送资金收支台账.xlsx", {"Sheet1": [_TITLE, *_LAYOUTS[layout]]})
    result = clean(raw, jobs=1, progress=False)
    (sheet,) = result.summary()["files"][0]["sheets"]
    assert _raised(result) == 7800.0 and sheet["rejects"] == 2 and sheet["flag"] is None
    assert sheet["rows_read"] == sheet["records"] + sheet["rejects"] + sheet["skipped"]

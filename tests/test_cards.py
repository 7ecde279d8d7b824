"""A household's card (三送连心卡): the household as a form, its visits as a table under it, a sheet a household.

Read as a form, the card was one household of the roster and the table under it skipped as titles — every visit of a
township keeping cards lost, coverage 0, nothing said. The table's rows are now visits to the card's household.
"""

from __future__ import annotations

import datetime as dt
import random

from one_sheet import write_sheets

from sansong_analysis.figures import compute_figures
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.inspect import inspect_path, render_text

TITLE = "葛坳乡澄江村三送干部联系户连心卡"
VISITS = ["走访日期", "走访内容", "干部签名"]


def _card(name, group, poor, cadre, table, title=TITLE, section="走访记录"):
    """A card: the title, the household's particulars as a form, then its table (under a section line)."""
    return [[title], ["户主姓名", name, None, "家庭人口", 4], ["所在村组", f"澄江村{group}", None, "是否贫困户", poor],
            ["联系干部", cadre, None, "联系电话", "13812345678"], *([[section]] if section else []), *table]


def _clean(tmp_path, sheets):
    raw = tmp_path / "raw"
    write_sheets(raw / "葛坳乡" / "澄江村连心卡.xlsx", sheets)
    result = clean(raw, jobs=1, progress=False)
    parts = [s for f in result.summary()["files"] for s in f["sheets"]]
    for part in parts:
        assert part["rows_read"] == part["records"] + part["rejects"] + part["skipped"]
    return result, parts


def test_a_workbook_of_cards_gives_the_households_and_their_visits(tmp_path):
    result, parts = _clean(tmp_path, {
        "张三": _card("张三", "3组", "是", "李明", [VISITS, ["2011-03-05", "了解生产情况", "李明"], ["2011-04-06", "送慰问金", None]]),
        "李四": _card("李四", "4组", "否", "王强", [VISITS, ["2011-03-07", "宣传政策", None], ["备注：每月至少走访一次"]]),
        "王五": _card("王五", "4组", "否", "王强", [VISITS, [None, None, None]]),  # no visit yet
    })
    roster, visits = result.frames["roster"], result.frames["visits"]
    assert list(roster["household_head"]) == ["张三", "李四", "王五"]
    assert list(visits["household_head"]) == ["张三", "张三", "李四"]
    assert list(visits["group"]) == ["3组", "3组", "4组"] and set(visits["village"]) == {"澄江村"}
    assert list(visits["household_key"]) == [roster["household_key"][0]] * 2 + [roster["household_key"][1]]
    assert list(visits["cadre"]) == ["李明", "李明", "王强"]  # no cadre column: the card's 联系干部
    county = compute_figures(result.frames)["county"]
    assert (county["households_assigned"], county["households_visited"], county["visits"]) == (3, 2, 3)
    assert (county["poor_households_visited"]) == 1
    # every row of each sheet in one part: the form's, or the visits' from its «走访记录» line on
    by_sheet = {}
    for part in parts:
        by_sheet.setdefault(part["sheet"], []).append((part["ledger"], part["rows_read"]))
    assert by_sheet["张三"] == [("roster", 4), ("visits", 4)] and by_sheet["李四"] == [("roster", 4), ("visits", 4)]
    assert by_sheet["王五"] == [("roster", 6)]  # an empty table: the card alone, as before


def test_a_card_s_table_with_its_own_cadre_and_a_bad_date(tmp_path):
    result, parts = _clean(tmp_path, {"张三": _card("张三", "3组", "是", "李明", [
        ["序号", "走访时间", "走访干部", "走访内容"], [1, "2011-03-05", "赵六", "了解"], [2, "2011-02-30", "赵六", "了解"]])})
    assert list(result.frames["visits"]["cadre"]) == ["赵六"]
    (reject,) = result.frames["rejects"].to_dict("records")
    assert reject["source_row"] == 8 and "不是有效日期" in reject["reason"] and "户主姓名(卡片)=张三" in reject["raw_cells"]


def test_a_card_dated_without_the_year_takes_the_title_s(tmp_path):
    result, _ = _clean(tmp_path, {"张三": _card("张三", "3组", "是", "李明", [VISITS, ["3月5日", "了解", "李明"]],
                                              title="葛坳乡澄江村2011年三送联系户连心卡")})
    assert [d.isoformat()[:10] for d in result.frames["visits"]["visit_date"]] == ["2011-03-05"]


def test_a_table_under_a_card_that_says_nothing_of_visits_is_not_read_as_visits(tmp_path):
    """日期 | 帮扶措施 | 落实情况 under the form, no word of a visit over it: the help given, not read as visits — said."""
    result, parts = _clean(tmp_path, {"张三": _card("张三", "3组", "是", "李明", [
        ["日期", "帮扶措施", "落实情况"], ["2011-03-05", "发放化肥", "已落实"]], section=None)})
    assert result.frames["visits"].empty and len(result.frames["roster"]) == 1
    assert [p["ledger"] for p in parts] == ["roster"]
    # not read, but said: the rows under the form were skipped as titles with nothing said
    flag = parts[0]["flag"]
    assert flag["kind"] == "rows_below_form" and flag["rows"] == 2
    assert flag["message"].startswith("可能漏读：按包扶对象名单（表单式，每块一条）读取，但表单下方第5行起还有2行像是一张表")
    from sansong_analysis.publish.feedback import FLAG_FIX

    assert "走访日期" in FLAG_FIX["rows_below_form"]


def test_a_form_with_nothing_dated_under_it_is_not_flagged(tmp_path):
    _, parts = _clean(tmp_path, {"张三": _card("张三", "3组", "是", "李明", [["填表人：李明", "审核人：王主任"]], section=None)})
    assert parts[0]["flag"] is None


def test_inspect_shows_the_card_and_its_visits(tmp_path):
    path = tmp_path / "raw" / "葛坳乡" / "澄江村连心卡.xlsx"
    write_sheets(path, {"张三": _card("张三", "3组", "是", "李明", [VISITS, ["2011-03-05", "了解生产情况", "李明"]])})
    text = render_text(inspect_path(path))
    assert "包扶对象名单" in text and "走访登记表" in text, text


def _random_cards(rng):
    """A village's cards drawn at random (the particulars' labels and order, the table's title, headings, date forms,
    a cadre column or none, blank and note rows, an empty card): the sheets and the truth (households; visits, each
    once as (household, day, cadre))."""
    from random_county import CADRES, GIVEN, SURNAMES, _date

    names = sorted({rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(rng.randint(1, 6))})
    style = rng.choice(("date", "iso", "dot", "cn", "slash", "md", "compact", "words"))
    title = f"葛坳乡澄江村{'2011年' if style == 'md' or rng.random() < 0.5 else ''}" + rng.choice((
        "三送干部联系户连心卡", "三送连心卡", "结对帮扶联系卡", "帮扶联系户登记卡"))
    head_h = rng.choice(("户主姓名", "户主", "联系户户主"))
    section = rng.choice(("走访记录", "走访情况", "入户走访记录", "帮扶走访记录", None))
    date_h = rng.choice(("走访日期", "走访时间", "入户时间", "日期") if section else ("走访日期", "走访时间", "入户时间"))
    cadre_h = rng.choice((None, "走访干部", "走访人", "干部签名"))
    sheets, households, visits = {}, [], set()
    for name in names:
        group, cadre = rng.randint(1, 4), rng.choice(CADRES)
        particulars = [[head_h, name, None, "家庭人口", rng.randint(1, 6)],
                       ["所在村组", f"澄江村{group}组", None, "是否贫困户", rng.choice(("是", "否"))],
                       ["联系干部", cadre, None, "联系电话", f"138{rng.randint(10**7, 10**8 - 1)}"]]
        rng.shuffle(particulars)
        if rng.random() < 0.25:  # two lines of particulars only (no 所在村组: the village the title's)
            particulars = [line for line in particulars if line[0] != "所在村组"]
        header = [date_h, "走访内容", *([cadre_h] if cadre_h else [])]
        rows = []
        days = {dt.date(2011, rng.randint(3, 11), rng.randint(1, 28)) for _ in range(rng.randint(0, 4))}
        for day in sorted(days, key=lambda _: rng.random()):  # a day once a household (two visits of a day: two kinds)
            by = rng.choice(CADRES) if cadre_h in ("走访干部", "走访人") else cadre
            written = _date(day, style)
            if hasattr(written, "code"):  # a date cell shown 3月5日 (random_county's, for its own writer): as text here
                written = f"{day.month}月{day.day}日"
            rows.append([written, rng.choice(("了解生产情况", "宣传政策", "送慰问金")),
                         *([by] if cadre_h else [])])
            visits.add((name, day, by if cadre_h != "干部签名" else cadre))
            if rng.random() < 0.15:
                rows.append([])
        if rng.random() < 0.3:
            rows.append(["备注：每月至少走访一次"])
        households.append(name)
        sheets[name] = [[title], *particulars, *([[section]] if section else []), header, *rows]
    return sheets, households, visits


def _one_sheet(rng, sheets: dict) -> dict:
    """The cards one under another on one sheet, each under its own title or not, a blank row between or not."""
    rows = []
    for k, card in enumerate(sheets.values()):
        rows += card if not k or rng.random() < 0.5 else card[1:]
        if rng.random() < 0.7:
            rows.append([])
    return {"澄江村": rows}


def test_cards_drawn_at_random_give_their_households_and_visits(tmp_path):
    for seed in range(40):
        rng = random.Random(seed)
        sheets, households, visits = _random_cards(rng)
        if random.Random(-seed).random() < 0.3:  # a village's cards on one sheet (drawn apart: the cards the same)
            sheets = _one_sheet(random.Random(-seed), sheets)
        result, _ = _clean(tmp_path / str(seed), sheets)
        frame = result.frames["visits"]
        got = {(h, d.date(), c) for h, d, c in zip(frame["household_head"], frame["visit_date"], frame["cadre"], strict=True)}
        assert sorted(result.frames["roster"]["household_head"]) == households, seed
        assert got == visits and len(frame) == len(visits), (seed, sorted(got ^ visits))
        assert frame["household_key"].notna().all(), seed
        assert result.frames["rejects"].empty, seed


def test_a_household_s_handbook_with_its_family_between_the_form_and_the_visits(tmp_path):
    """帮扶手册: the form, a table of the family's members, then the visits. The members are the form's part (skipped as
    titles, as before), the visits read from their own title line."""
    book = _card("张三", "3组", "是", "李明", [
        ["姓名", "与户主关系", "年龄", "健康状况"], ["张三", "户主", 56, "健康"], ["李梅", "妻子", 54, "慢性病"],
        ["走访记录"], VISITS, ["2011-03-05", "了解生产情况", "李明"], ["2011-04-06", "送慰问金", "李明"]], section="家庭成员情况")
    result, parts = _clean(tmp_path, {"张三": book})
    assert [(p["ledger"], p["rows_read"], p["records"], p["flag"]) for p in parts] == [("roster", 8, 1, None), ("visits", 4, 2, None)]
    assert list(result.frames["visits"]["household_head"]) == ["张三", "张三"]


def test_several_cards_on_one_sheet_are_each_read(tmp_path):
    """A village's cards one under another on a sheet (each perhaps under its own title): the first card was read, the
    others' households and visits not (flagged 可能漏读). Each is read as a card, every row in one part."""
    rows = []
    for name, group, visits in (("张三", "3组", [["2011-03-05", "了解", "李明"], ["2011-04-06", "送慰问金", "李明"]]),
                                ("李四", "4组", [["2011-03-07", "宣传", "王强"]]), ("王五", "4组", [])):
        rows += [*_card(name, group, "是", "李明", [VISITS, *visits], title="三送干部联系户连心卡")[1 if name == "张三" else 0:], []]
    result, parts = _clean(tmp_path, {"澄江村": [[TITLE], *rows[:-1]]})
    assert list(result.frames["roster"]["household_head"]) == ["张三", "李四", "王五"]
    assert list(result.frames["visits"]["household_head"]) == ["张三", "张三", "李四"]
    assert result.frames["visits"]["household_key"].notna().all() and set(result.frames["roster"]["village"]) == {"澄江村"}
    assert [p["ledger"] for p in parts] == ["roster", "visits", "roster", "visits", "roster"]
    assert sum(p["rows_read"] for p in parts) == len(rows) and not any(p["flag"] for p in parts)


def test_a_form_of_several_households_with_dated_rows_under_it_is_said(tmp_path):
    """Particulars of several households, then rows with dates no header says are visits: not cards — said, naming how
    many households' particulars stand among the rows not read."""
    rows = [["户主姓名", "张三", None, "家庭人口", 4], ["所在村组", "澄江村3组", None, "是否贫困户", "是"],
            ["联系干部", "李明", None, "联系电话", "13812345678"], ["日期", "帮扶措施", "落实情况"], ["2011-03-05", "发放化肥", "已落实"],
            ["户主姓名", "李四", None, "家庭人口", 3], ["所在村组", "澄江村4组", None, "是否贫困户", "否"],
            ["联系干部", "李明", None, "联系电话", "13812345678"], ["日期", "帮扶措施", "落实情况"], ["2011-03-06", "发放种子", "已落实"]]
    _, parts = _clean(tmp_path, {"澄江村": [[TITLE], *rows]})
    assert parts[0]["ledger"] == "roster"
    flags = [f for p in parts for f in (p["flag"], *(p.get("more_flags") or ())) if f]
    assert any(f["kind"] == "rows_below_form" for f in flags), flags


def test_a_card_among_several_whose_table_says_no_visit_is_its_household_and_said(tmp_path):
    rows = [*_card("张三", "3组", "是", "李明", [VISITS, ["2011-03-05", "了解", "李明"]])[1:], [],
            *_card("李四", "4组", "是", "李明", [["日期", "帮扶措施", "落实情况"], ["2011-03-06", "发放化肥", "已落实"]], section=None)[1:]]
    result, parts = _clean(tmp_path, {"澄江村": [[TITLE], *rows]})
    assert list(result.frames["roster"]["household_head"]) == ["张三", "李四"]
    assert list(result.frames["visits"]["household_head"]) == ["张三"]
    assert [p["ledger"] for p in parts] == ["roster", "visits", "roster"] and parts[2]["flag"]["kind"] == "rows_below_form"

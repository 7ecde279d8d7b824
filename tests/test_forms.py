"""Forms drawn at random: a visit a block (入户走访记录表, 民情日记) or a dispute a block (调解登记表), their lines in any
order, labels a ledger knows and labels none does (天气, 帮扶措施), blocks apart or run together — each block one
record, as written. Two ways they went wrong: a line led by a known label then one no ledger knows (日期 | … | 天气 |
晴) was no form line, and a diary so written was read as a table of its label lines; and a block was cut at each field
its ledger needs first, a disputes form with 纠纷类型 and 调处结果 on two lines two disputes.
"""

from __future__ import annotations

import datetime as dt
import random

from one_sheet import clean_one_sheet
from random_county import CADRES, GIVEN, SURNAMES

from sansong_analysis.figures import compute_figures


def _visit_forms(rng: random.Random):
    """A sheet of visit forms and its visits, each once as (household, day, cadre)."""
    head_h = rng.choice(("户主", "户主姓名", "走访对象", "被走访户"))
    date_h = rng.choice(("走访时间", "走访日期", "日期"))
    apart = rng.choice(("blank", "title", "none"))
    rows, truth = [], set()
    # Two blocks at least: a form of one block with two lines of labels a ledger knows (its other labels unknown, or a
    # value that reads as a heading: 走访内容 | 送慰问金) is not told from a table (docs/known-limits.md)
    days = sorted({dt.date(2011, rng.randint(3, 11), rng.randint(1, 28)) for _ in range(rng.randint(2, 5))})
    while len(days) < 2:
        days = sorted({*days, dt.date(2011, rng.randint(3, 11), rng.randint(1, 28))})
    for day in days:
        name, cadre = rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(CADRES)
        truth.add((name, day, cadre))
        said = rng.choice(("了解春耕生产", "宣传惠农政策", "送慰问金"))
        lines = [[head_h, name, rng.choice(("家庭人口", "所在组")), rng.choice((3, 4, "3组"))],
                 [date_h, f"{day.year}-{day.month}-{day.day}", *rng.choice((["天气", "晴"], ["走访干部", cadre]))],
                 ["走访内容", said, said, said], ["帮扶措施", "协调化肥两包", "协调化肥两包", "协调化肥两包"]]
        if "走访干部" not in lines[1]:
            lines.append(["走访干部", cadre, "联系电话", "13812345678"])
        first, rest = lines[:2], lines[2:]
        rng.shuffle(first)
        rng.shuffle(rest)
        if apart == "title":
            rows.append(["入户走访记录表"] * 4)
        rows += [*first, *rest, *([["户主签字", "", "干部签字", ""]] if rng.random() < 0.5 else [])]
        if apart == "blank":
            rows.append([])
    return rows, truth


def test_visit_forms_drawn_at_random_give_their_visits(tmp_path):
    for seed in range(40):
        rows, truth = _visit_forms(random.Random(seed))
        result, sheet = clean_one_sheet(tmp_path / str(seed), rows, title="葛坳乡澄江村2011年入户走访记录表")
        visits = result.frames["visits"]
        got = {(h, d.date(), c) for h, d, c in zip(visits["household_head"], visits["visit_date"], visits["cadre"],
                                                   strict=True)}
        assert got == truth and len(visits) == len(truth), (seed, sorted(got ^ truth))
        assert sheet["rejects"] == 0, seed


def test_dispute_forms_drawn_at_random_are_one_dispute_a_block(tmp_path):
    for seed in range(30):
        rng = random.Random(seed)
        rows, resolved, n = [], 0, rng.randint(1, 5)
        for i in range(n):
            outcome = rng.choice(("已化解", "调处中", "未化解"))
            resolved += outcome == "已化解"
            lines = [["编号", f"2011-{i + 1:03d}", "登记时间", f"2011-3-{i + 1}"],
                     ["当事人", rng.choice(SURNAMES) + "某、" + rng.choice(SURNAMES) + "某", "纠纷类型", rng.choice(("山林", "土地", "邻里"))],
                     ["纠纷简要情况", "因界址争执", "因界址争执", "因界址争执"], ["调处结果", outcome, "调解员", rng.choice(CADRES)]]
            rng.shuffle(lines)
            rows += [*lines, *([[]] if rng.random() < 0.5 else [])]
        result, sheet = clean_one_sheet(tmp_path / str(seed), rows, title="葛坳乡人民调解委员会矛盾纠纷调解登记表")
        county = compute_figures(result.frames)["county"]
        assert (county["disputes_total"], county["disputes_resolved"]) == (n, resolved), seed
        assert sheet["rejects"] == 0, seed


def test_a_label_again_on_the_same_household_s_line_keeps_its_block(tmp_path):
    """第一次走访时间 | … | 走访干部 | 李明 then 第二次走访时间 | … | 走访干部 | 李明 in one household's block: 走访干部 again is no
    next block (no household follows) — the second date is the block's, said as a second date column is."""
    rows = []
    for name in ("张三", "李四"):
        rows += [["户主", name, "家庭人口", 4], ["第一次走访时间", "2011-03-05", "走访干部", "李明"],
                 ["第二次走访时间", "2011-05-06", "走访干部", "李明"], ["走访内容", "了解", "了解", "了解"], []]
    result, sheet = clean_one_sheet(tmp_path, rows[:-1], title="葛坳乡澄江村入户走访记录表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "李四"]
    assert sheet["flag"]["kind"] == "unread_visit_dates" and sheet["flag"]["dates"] == 2


def test_a_form_with_each_label_and_its_value_in_one_cell(tmp_path):
    """户主：张三 | 走访时间：2011-03-05 (a form typed as text, or converted from Word): was 未识别. Each such cell read as its
    label and value; a 填报单位：葛坳乡 line over a table is no such form."""
    rows = []
    for day, name in (("2011-03-05", "张三"), ("2011-03-08", "李四"), ("2011-04-02", "王五")):
        rows += [[f"户主：{name}", f"走访时间：{day}"], ["走访干部：李明", "家庭人口：4"], ["走访内容：了解春耕"], []]
    result, sheet = clean_one_sheet(tmp_path, rows[:-1], title="葛坳乡澄江村入户走访记录表")
    visits = result.frames["visits"]
    assert list(visits["household_head"]) == ["张三", "李四", "王五"] and set(visits["cadre"]) == {"李明"}
    assert [d.day for d in visits["visit_date"]] == [5, 8, 2] and sheet["rejects"] == 0
    table = [["填报单位：葛坳乡澄江村"], ["序号", "户主姓名", "走访日期", "走访干部"], [1, "张三", "2011-03-05", "李明"],
             [2, "李四", "2011-03-06", "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "table", table, title="葛坳乡澄江村走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "李四"]


def test_a_page_of_instructions_a_label_a_line_is_no_form(tmp_path):
    """填表说明 written 户主：户主姓名…, 走访日期：走访的日期… — one label and its explanation a line, ledger after ledger:
    the template's own guide sheet was read as a disputes form by the reading of labels in cells."""
    from sansong_analysis.template import template_workbook

    guide = template_workbook().worksheets[0]
    rows = [list(row) for row in guide.iter_rows(values_only=True)]
    _, sheet = clean_one_sheet(tmp_path, rows[1:], title=rows[0][0])
    assert sheet["ledger"] is None and sheet["records"] == 0 and sheet["rejects"] == 0

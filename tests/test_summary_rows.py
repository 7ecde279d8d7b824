"""Subtotals typed without a 合计 label are no records.

A township list sums each village's rows in a row of its own: 「澄江村 | | | 8000」 under 澄江村's
donations, 「澄江村 | 2个 | 15 | 350」 under its two projects, 「| | | 13000」 or 「全乡 | 3个 | …」 at
the foot. No 合计 word, so before, each was read as one more donation or project — the funds raised
counted three times over: **silently wrong**. Now a row that says nothing a record says (its
descriptions blank or a count, no date, the place of the rows it sums or 全乡) and whose every
quantity is the sum of the records above it is a subtotal, skipped and counted as one.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet

from sansong_analysis.figures import compute_figures

D = dt.date
FUNDS_HEAD = ["村名", "日期", "筹资用途", "资金来源", "金额（元）"]
PROJECTS_HEAD = ["村名", "项目名称", "投资（万元）", "受益农田（亩）"]


# Two villages' dated donations, 8000 and 5000 (13000 in all).
CHENGJIANG = [["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000]]
XINWU = [["新屋村", D(2011, 3, 5), "修桥", "县交通局", 4000], ["新屋村", D(2011, 4, 5), "修渠", "群众自筹", 1000]]


def test_village_subtotals_and_a_grand_total_without_labels_are_skipped(tmp_path):
    rows = [FUNDS_HEAD,
            ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000],
            ["澄江村", None, None, None, 8000],
            ["新屋村", D(2011, 3, 5), "修桥", "县交通局", 4000], ["新屋村", D(2011, 4, 5), "修渠", "群众自筹", 1000],
            ["新屋村", None, None, None, 5000],
            [None, None, None, None, 13000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [3, 4, 6, 7]
    assert sheet["skipped_by_kind"]["subtotal"] == 3 and result.frames["rejects"].empty


def test_project_subtotals_with_a_count_for_a_name(tmp_path):
    rows = [PROJECTS_HEAD, ["澄江村", "水渠", 12, 300], ["澄江村", "机耕道", 3, 50], ["澄江村", "2个", 15, 350],
            ["新屋村", "公路", 8, 20], ["新屋村", "1个", 8, 20], ["全乡", "共3项", 23, 370]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    projects = result.frames["projects"]
    assert projects["project_name"].tolist() == ["水渠", "机耕道", "公路"]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 370.0
    assert projects["investment_yuan"].sum() == 230000.0
    assert sheet["skipped_by_kind"]["subtotal"] == 3


def test_rows_that_say_something_or_do_not_add_up_stay_records(tmp_path):
    """A donation with its own purpose, a date, another village, a sum that is not the rows': records."""
    rows = [FUNDS_HEAD,
            ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000],
            ["澄江村", None, "修桥", None, 8000],  # a purpose: a donation
            ["澄江村", D(2011, 3, 1), None, None, 16000],  # a date: a donation
            ["新屋村", None, None, None, 32000],  # another village than the rows above
            ["澄江村", None, None, None, 7000]]  # not a sum of the rows above
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert result.frames["funds"]["source_row"].tolist() == [3, 4, 5, 6, 7, 8]
    assert sheet["skipped_by_kind"]["subtotal"] == 0


def test_a_lone_record_under_one_other_is_no_subtotal(tmp_path):
    """Equal to the one row above, with nothing but the amount: one row is no sum (a count would say so)."""
    rows = [FUNDS_HEAD, ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", None, None, None, 5000]]
    result, _ = clean_one_sheet(tmp_path, rows)
    assert len(result.frames["funds"]) == 2


def test_a_summary_whose_rows_say_nothing_either_is_left_alone(tmp_path):
    """Rows of amounts alone (no purpose, no source) give no sign of which is a sum: all stay records."""
    rows = [FUNDS_HEAD, ["澄江村", D(2011, 1, 5), None, None, 5000], ["澄江村", D(2011, 1, 6), None, None, 3000],
            ["澄江村", None, None, None, 8000]]
    result, _ = clean_one_sheet(tmp_path, rows)
    assert len(result.frames["funds"]) == 3


def test_an_amount_split_over_sources_without_a_subtotal_is_flagged(tmp_path):
    """筹资金额 over 财政资金 | 社会捐赠 | 群众自筹 and no 小计: one column read, the sheet says so."""
    rows = [["日期", "用途", "筹资金额（元）", "", ""], ["", "", "财政资金", "社会捐赠", "群众自筹"],
            [D(2011, 1, 5), "修路", 2000, 1500, 500], [D(2011, 2, 5), "慰问", 100, 200, 0]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert sheet["flag"]["kind"] == "split_amount"
    assert sheet["flag"]["message"].startswith("可能少计：按筹资台账读取，金额（元）分在「筹资金额财政资金」、「筹资金额社会捐赠」")
    from sansong_analysis.publish.feedback import FLAG_FIX

    assert "小计" in FLAG_FIX["split_amount"]


def test_a_total_above_the_rows_it_sums_is_skipped(tmp_path):
    """Statistical tables often put the total first, under the header: 「全乡 | | | 18000」 above the
    donations, or 「全镇 | 3个 | 9 | 350」 above the projects. Read as one more record, it doubled the
    funds raised and the farmland (**silently wrong**)."""
    rows = [FUNDS_HEAD, ["全乡", None, None, None, 18000],
            ["澄江村", D(2011, 1, 5), "修路", "县财政局", 8000], ["澄江村", D(2011, 2, 5), "修桥", "群众自筹", 4000],
            ["新屋村", D(2011, 3, 5), "修渠", "群众自筹", 6000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 18000.0
    assert result.frames["funds"]["source_row"].tolist() == [4, 5, 6]
    assert sheet["skipped_by_kind"]["subtotal"] == 1

    rows = [PROJECTS_HEAD, ["全镇", "3个", 9, 350], ["澄江村", "水渠", 3, 100], ["澄江村", "机耕道", 4, 150],
            ["东坑村", "山塘", 2, 100]]
    result, sheet = clean_one_sheet(tmp_path / "projects", rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 350.0
    assert result.frames["projects"]["project_name"].tolist() == ["水渠", "机耕道", "山塘"]
    assert sheet["skipped_by_kind"]["subtotal"] == 1


def test_village_totals_above_their_rows_and_a_grand_total_at_the_foot(tmp_path):
    """Each village's total above its donations, the township's below them all: every one skipped."""
    rows = [FUNDS_HEAD,
            ["澄江村", None, None, None, 8000], *CHENGJIANG, ["新屋村", None, None, None, 5000], *XINWU,
            [None, None, None, None, 13000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [4, 5, 7, 8]
    assert sheet["skipped_by_kind"]["subtotal"] == 3


def test_a_total_both_above_and_below_is_skipped_twice(tmp_path):
    """The total written first and again at the foot: each sums the records, neither is one."""
    rows = [PROJECTS_HEAD, ["全乡", "3个", 9, 350], ["澄江村", "水渠", 3, 100], ["澄江村", "机耕道", 4, 150],
            ["东坑村", "山塘", 2, 100], [None, "3个", 9, 350]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 350.0
    assert sheet["skipped_by_kind"]["subtotal"] == 2


def test_a_first_record_that_only_looks_like_a_total_above_stays_a_record(tmp_path):
    """A first row with a purpose, or a date, or a sum that is not the rows' below, or another village
    than theirs, is a donation."""
    for first in (["澄江村", None, "修路", None, 8000], ["澄江村", D(2011, 1, 2), None, None, 8000],
                  ["澄江村", None, None, None, 7000], ["新屋村", None, None, None, 8000]):
        rows = [FUNDS_HEAD, first,
                ["澄江村", D(2011, 1, 5), "修路", "县财政局", 5000], ["澄江村", D(2011, 2, 5), "慰问", "群众自筹", 3000]]
        result, sheet = clean_one_sheet(tmp_path / str(first[-1]) / str(first[1] or first[2] or first[0]), rows)
        assert result.frames["funds"]["source_row"].tolist() == [3, 4, 5], first
        assert sheet["skipped_by_kind"]["subtotal"] == 0


def test_a_grand_total_above_village_totals_above_their_rows_and_at_the_foot(tmp_path):
    """全乡 first, each village's total over its rows, and the township's total again at the foot."""
    rows = [FUNDS_HEAD, ["全乡", None, None, None, 13000],
            ["澄江村", None, None, None, 8000], *CHENGJIANG, ["新屋村", None, None, None, 5000], *XINWU,
            [None, None, None, None, 13000]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13000.0
    assert result.frames["funds"]["source_row"].tolist() == [5, 6, 8, 9]
    assert sheet["skipped_by_kind"]["subtotal"] == 4


def test_a_whole_township_row_sums_dated_rows_in_a_table_without_descriptions(tmp_path):
    """村名 | 日期 | 金额 only: 「全乡 | | 18000」 over (or under) the dated donations is their total; a
    village's one undated row equal to its rows' sum stays a record (nothing tells it from a donation),
    the sheet flagged."""
    head = ["村名", "筹资日期", "筹资金额（元）"]
    donations = [["新屋村", D(2011, 3, 5), 8000], ["新屋村", D(2011, 4, 5), 4000], ["上坪村", D(2011, 5, 5), 6000]]
    for k, rows in enumerate(([head, ["全乡", None, 18000], *donations], [head, *donations, ["全乡", None, 18000]])):
        result, sheet = clean_one_sheet(tmp_path / f"whole-{k}", rows)
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 18000.0
        assert sheet["skipped_by_kind"]["subtotal"] == 1
        assert "全乡" not in result.frames["funds"]["village"].tolist()
    rows = [head, *donations[:2], ["新屋村", None, 12000]]
    result, sheet = clean_one_sheet(tmp_path / "village", rows)
    assert len(result.frames["funds"]) == 3 and sheet["skipped_by_kind"]["subtotal"] == 0
    # Counted, but said: it may be the village's total.
    assert sheet["flag"]["kind"] == "possible_sums" and sheet["flag"]["records"] == 1
    assert sheet["flag"]["message"].startswith("可能多计：第5行没有日期，其数额恰好等于上面（或下面）几行之和")
    # A whole-township row that is no sum of the dated rows stays a record.
    result, _ = clean_one_sheet(tmp_path / "no-sum", [head, ["全乡", None, 5000], *donations])
    assert len(result.frames["funds"]) == 4


def test_a_rosters_whole_village_row_is_no_household(tmp_path):
    """「| 全村 | | 12」 over (or under) a roster's households: its total, no household named 全村 —
    read as one, a team had one more household to visit than it has (**silently wrong**). A name
    that only begins so (全村生) is a household."""
    head = ["序号", "户主姓名", "组别", "家庭人口", "帮扶干部"]
    households = [[1, "张三", "1组", 4, "李四"], [2, "王五", "2组", 5, "李四"], [3, "全村生", "2组", 3, "钱七"]]
    for k, rows in enumerate(([head, [None, "全村", None, 12, None], *households],
                              [head, *households, [None, "全 村", None, 12, None]])):
        result, sheet = clean_one_sheet(tmp_path / f"roster-{k}", rows, "葛坳乡新屋村包扶对象花名册")
        assert result.frames["roster"]["household_head"].tolist() == ["张三", "王五", "全村生"]
        assert sheet["skipped_by_kind"]["subtotal"] == 1


def test_a_whole_township_word_in_the_name_column_of_a_total_above(tmp_path):
    """「| 全镇 | 9 | 350」: the label typed where a project's name goes, over the projects it sums."""
    rows = [PROJECTS_HEAD, [None, "全镇", 9, 350], ["澄江村", "水渠", 3, 100], ["澄江村", "机耕道", 4, 150],
            ["东坑村", "山塘", 2, 100]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    assert result.frames["projects"]["project_name"].tolist() == ["水渠", "机耕道", "山塘"]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 350.0
    assert sheet["skipped_by_kind"]["subtotal"] == 1


def test_each_villages_undated_total_in_a_table_without_descriptions(tmp_path):
    """村名 | 日期 | 金额 with each village's total under (or over) its dated rows, no 小计 word: every
    undated row is its village's sum, so they are totals — the funds were counted twice. A grand
    total without a place word at the foot goes with them."""
    head = ["村名", "日期", "金额（元）"]
    cheng = [["澄江村", D(2011, 1, 5), 5000], ["澄江村", D(2011, 2, 5), 3000]]
    xin = [["新屋村", D(2011, 3, 5), 4000], ["新屋村", D(2011, 4, 5), 1000], ["新屋村", D(2011, 4, 9), 500]]
    layouts = {
        "under": [head, *cheng, ["澄江村", None, 8000], *xin, ["新屋村", None, 5500]],
        "over": [head, ["澄江村", None, 8000], *cheng, ["新屋村", None, 5500], *xin],
        "grand": [head, *cheng, ["澄江村", None, 8000], *xin, ["新屋村", None, 5500], [None, None, 13500]],
    }
    for name, rows in layouts.items():
        result, sheet = clean_one_sheet(tmp_path / name, rows)
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 13500.0, name
        assert len(result.frames["funds"]) == 5 and sheet["flag"] is None, name
        assert result.frames["funds"]["date"].notna().all(), name


def test_undated_rows_not_all_sums_stay_records_and_the_sums_are_flagged(tmp_path):
    """One village's undated row is its sum, another's is not (an undated donation): nothing shows
    the layout, so both are records — and the sheet names the one that may be a total."""
    head = ["村名", "日期", "金额（元）"]
    rows = [head, ["澄江村", D(2011, 1, 5), 5000], ["澄江村", D(2011, 2, 5), 3000], ["澄江村", None, 8000],
            ["新屋村", D(2011, 3, 5), 4000], ["新屋村", D(2011, 4, 5), 1000], ["新屋村", None, 700]]
    result, sheet = clean_one_sheet(tmp_path, rows)
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 21700.0
    assert sheet["skipped_by_kind"]["subtotal"] == 0
    flag = sheet["flag"]
    assert flag["kind"] == "possible_sums" and flag["records"] == 1
    assert flag["message"].startswith("可能多计：第5行没有日期")
    from sansong_analysis.publish.feedback import COUNTED_FLAGS, FLAG_FIX

    assert "possible_sums" in COUNTED_FLAGS and "小计" in FLAG_FIX["possible_sums"]


def test_farmland_in_irrigated_area_columns_is_flagged_not_read_as_nothing(tmp_path):
    """新增灌溉面积（亩） | 改善灌溉面积（亩） and no 受益农田 column: the farmland benefited was 0 with nothing
    said. Not guessed (new and improved areas may or may not both be the farmland benefited): said."""
    rows = [["村名", "项目名称", "投资（万元）", "新增灌溉面积（亩）", "改善灌溉面积（亩）"],
            ["澄江村", "水渠", 12, 300, "500亩"], ["新屋村", "机耕道", 3, 0, None], ["上坪村", "山塘", 4, None, 100]]
    result, sheet = clean_one_sheet(tmp_path / "irrigated", rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 0.0
    flag = sheet["flag"]
    assert flag["kind"] == "unread_farmland"
    assert flag["columns"] == ["新增灌溉面积", "改善灌溉面积"]
    assert flag["message"].startswith("可能少计：按办实事项目台账读取，表中没有“受益农田”列，「新增灌溉面积」、「改善灌溉面积」列有2行填了数")
    from sansong_analysis.publish.feedback import FLAG_FIX

    assert "受益农田（亩）" in FLAG_FIX["unread_farmland"]
    # A floor area (危房改造 in 平方米), or a 受益农田 column read: nothing to say.
    rows = [["村名", "项目名称", "投资（万元）", "改造面积（平方米）"], ["澄江村", "危房改造", 12, 300], ["新屋村", "危房改造", 3, 80]]
    assert clean_one_sheet(tmp_path / "floor", rows, "葛坳乡办实事项目台账")[1]["flag"] is None
    # An area in 亩 under another name (种植面积（亩）): said too, the unit being the sign.
    rows = [["村名", "项目名称", "投资（万元）", "种植面积（亩）"], ["澄江村", "油茶基地", 12, 300], ["新屋村", "脐橙基地", 3, 80]]
    assert clean_one_sheet(tmp_path / "planted", rows, "葛坳乡办实事项目台账")[1]["flag"]["columns"] == ["种植面积"]
    # 保灌面积 (the area whose watering it secures), no unit: was read as nothing, nothing said.
    rows = [["村名", "项目名称", "投资（万元）", "保灌面积"], ["澄江村", "水渠", 12, 300], ["新屋村", "山塘", 3, 80]]
    assert clean_one_sheet(tmp_path / "secured", rows, "葛坳乡办实事项目台账")[1]["flag"]["columns"] == ["保灌面积"]
    rows = [["村名", "项目名称", "受益农田（亩）", "其中新增灌溉面积（亩）"], ["澄江村", "水渠", 800, 300], ["新屋村", "山塘", 100, 0]]
    result, sheet = clean_one_sheet(tmp_path / "read", rows, "葛坳乡办实事项目台账")
    assert sheet["flag"] is None and compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 900.0


def test_totals_and_statistics_under_other_words_are_no_records(tmp_path):
    """汇总, 总额, 总数, 以上共计, Total — and 平均, 人均 — in the source column were read as donations (funds 6000
    or 4500 for 3000, silently). Totals are skipped and checked; an average is skipped, with nothing to check."""
    head = ["序号", "捐赠单位", "捐款日期", "金额（元）"]
    donations = [[1, "县财政局", D(2011, 3, 5), 2000], [2, "张三", D(2011, 3, 6), 1000]]
    for i, (label, stated, checked) in enumerate([
        ("汇总", 3000, True), ("总额", 3000, True), ("总数：", 3000, True), ("总金额", 3000, True),
        ("以上共计", 3000, True), ("澄江村汇总", 3000, True), ("Total", 3000, True), ("Grand Total", 3000, True),
        ("平均", 1500, False), ("人均", 1500, False), ("Average", 1500, False),
    ]):
        result, sheet = clean_one_sheet(tmp_path / str(i), [head, *donations, [None, label, None, stated]])
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 3000, label
        assert sheet["records"] == 2, label
        assert [t["ok"] for t in sheet["totals"]] == ([True] if checked else []), label
    # A donor whose name only holds such a word is a donor.
    result, _ = clean_one_sheet(tmp_path / "donor", [head, *donations, [3, "县总工会", D(2011, 3, 7), 500]])
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 3500


def test_signature_lines_under_the_table_are_notes_not_rejects(tmp_path):
    """填报时间 / 统计时间 lines and a seal line (乡镇（盖章）) with a name or date beside them were rejects
    (缺少金额) — noise in the 问题清单, and on a short sheet enough to call it misread."""
    head = ["序号", "捐赠单位", "捐款日期", "金额（元）", "备注"]
    donations = [[1, "县财政局", D(2011, 3, 5), 2000, None], [2, "张三", D(2011, 3, 6), 1000, None]]
    for i, foot in enumerate([["填报时间：2011.12.31", None, None, None, "填报人：李明"],
                              ["统计时间：2011年", None, "统计员：王红"], ["乡镇（盖章）", None, None, "2011年12月31日"],
                              ["填报单位(盖章)：葛坳乡人民政府", None, None, None, "2011-12-31"]]):
        result, sheet = clean_one_sheet(tmp_path / str(i), [head, *donations, foot])
        assert (sheet["records"], sheet["rejects"]) == (2, 0), foot
        assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 3000


def test_a_subtotal_with_its_count_in_brackets_is_a_total(tmp_path):
    """澄江村小计（2项） was a record without a project name (a reject): a village's subtotal, checked."""
    rows = [["村名", "项目名称", "受益农田（亩）", "投资额（元）"], ["澄江村", "水渠", 300, 20000], ["澄江村", "机耕道", 100, 10000],
            ["澄江村小计（2项）", "", 400, 30000], ["新屋村", "山塘", 50, 5000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡2011年办实事项目台账")
    assert len(result.frames["projects"]) == 3 and sheet["rejects"] == 0
    assert sheet["skipped"] == 3 and all(t["ok"] for t in sheet["totals"])


def test_farmland_a_projects_words_state_is_read_other_areas_said(tmp_path):
    """No 受益农田 column, the farmland in 建设内容 (新修水渠2000米，受益农田500亩): the farmland benefited was 0 with
    nothing said. The field's own words with an area, once in the row, are read (and the sheet asked to be checked);
    other land with its area (新增灌溉面积300亩) or two 受益农田 are said, not read."""
    rows = [["村名", "项目名称", "建设内容", "投资（万元）"],
            ["澄江村", "水渠", "新修水渠2000米，受益农田500亩", 12],
            ["新屋村", "机耕道", "硬化机耕道1.5公里", 8],
            ["上坪村", "山塘", "清淤山塘一座，受益耕地面积约120.5亩", 4]]
    result, sheet = clean_one_sheet(tmp_path / "read", rows, "葛坳乡办实事项目台账")
    assert list(result.frames["projects"]["farmland_mu"].fillna(-1)) == [500.0, -1, 120.5]
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 620.5
    flag = sheet["flag"]
    assert flag["kind"] == "unread_farmland" and flag["columns"] == ["建设内容"]
    assert flag["message"].startswith("请核对：按办实事项目台账读取，表中没有“受益农田”列，「建设内容」列中2行按其中写明的")
    rows[2][2] = "清淤山塘一座，新增灌溉面积300亩"
    rows[3][2] = "受益农田100亩，另改造受益农田50亩"
    result, sheet = clean_one_sheet(tmp_path / "said", rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 500.0
    assert "可能少计" in sheet["flag"]["message"] and "2行文字写的面积（如「清淤山塘一座，新增灌溉面积300亩」）" in sheet["flag"]["message"]
    # With a 受益农田 column the words decide nothing.
    rows = [["村名", "项目名称", "建设内容", "受益农田（亩）"], ["澄江村", "水渠", "受益农田500亩", 450]]
    result, sheet = clean_one_sheet(tmp_path / "column", rows, "葛坳乡办实事项目台账")
    assert sheet["flag"] is None and compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 450.0


def test_an_area_with_a_note_of_its_land_is_that_area(tmp_path):
    # 300亩（改善） was a reject: the project, its investment and farmland lost
    rows = [["村名", "项目名称", "投资（万元）", "受益农田（亩）"], ["澄江村", "水渠", 12, "300亩（改善）"],
            ["新屋村", "山塘", 3, "200（新增水田）"], ["上坪村", "机耕道", 2, "100亩（未完成）"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    assert list(result.frames["projects"]["farmland_mu"]) == [300.0, 200.0]
    assert sheet["rejects"] == 1  # a note that may strike the area off stays unread


def test_an_amount_over_months_reads_its_total_and_says_a_split(tmp_path):
    """筹资金额 written once over 1月 | 2月 | 3月 | 合计: the month labels were taken for values, the header one row,
    the 1月 cell read as each donor's money (1000 for 3000, silently) and the 合计 label row skipped as a
    subtotal. Now a two-row header: the 合计 sub-column is the amount; without it the split is said."""
    head = [["序号", "捐款单位", "筹资金额（元）", None, None, None], [None, None, "1月", "2月", "3月", "合计"]]
    body = [[1, "县委办", 1000, 2000, None, 3000], [2, "县财政局", None, 5000, 1000, 6000]]
    result, sheet = clean_one_sheet(tmp_path / "total", [*head, *body], "葛坳乡2011年筹资台账")
    assert list(result.frames["funds"]["amount_yuan"]) == [3000.0, 6000.0]
    assert sheet["skipped_by_kind"]["header"] == 2 and sheet["rejects"] == 0
    head = [row[:5] for row in head]
    result, sheet = clean_one_sheet(tmp_path / "split", [*head, *(row[:5] for row in body)], "葛坳乡2011年筹资台账")
    assert sheet["flag"]["kind"] == "split_amount" and "筹资金额1月" in sheet["flag"]["message"]


def test_a_section_line_numbered_apart_carrying_its_sums_is_a_subtotal(tmp_path):
    """「一 | 农田水利 | | 20 | 800」 over the projects 1 and 2 it sums: its name in the 项目名称 column made it no bare
    subtotal — read as one more project, the section's farmland counted twice (1600 亩 for 800), silently; in a funds
    list 「（一） | 财政资金 | 8000」 doubled the money. Skipped as a subtotal now; one whose figures do not add up is
    counted, and said."""
    rows = [["序号", "项目名称", "村别", "投资（万元）", "受益农田（亩）"], ["一", "农田水利", None, 20, 800],
            [1, "水渠", "澄江村", 12, 500], [2, "山塘", "澄江村", 8, 300], ["二、", "道路交通", None, 8, None],
            [3, "机耕道", "澄江村", 8, None]]
    result, sheet = clean_one_sheet(tmp_path / "projects", rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 800.0
    assert sheet["skipped_by_kind"]["subtotal"] == 2 and sheet["records"] == 3 and sheet["flag"] is None
    funds = [["序号", "捐款单位", "金额（元）", "日期"], ["（一）", "财政资金", 8000, None], [1, "县财政局", 5000, D(2011, 3, 5)],
             [2, "县交通局", 3000, D(2011, 3, 6)], ["（二）", "社会捐助", 2000, None], [3, "张三", 2000, D(2011, 3, 7)]]
    result, sheet = clean_one_sheet(tmp_path / "funds", funds, "葛坳乡澄江村筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 10000.0
    rows[1] = ["一", "农田水利", None, 25, 900]
    result, sheet = clean_one_sheet(tmp_path / "off", rows, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 1700.0  # counted as read
    assert sheet["flag"]["kind"] == "possible_sums" and sheet["flag"]["message"].startswith(
        "可能多计：第3行的序号（一、二……）是分类的编号")
    # items all numbered 一, 二, 三 are items, whatever their figures
    same = [["序号", "项目名称", "村别", "投资（万元）", "受益农田（亩）"], ["一", "水渠", "澄江村", 20, 800],
            ["二", "山塘", "澄江村", 12, 500], ["三", "机耕道", "澄江村", 8, 300]]
    result, sheet = clean_one_sheet(tmp_path / "same", same, "葛坳乡办实事项目台账")
    assert compute_figures(result.frames)["county"]["farmland_benefited_mu"] == 1600.0 and sheet["flag"] is None


def test_a_section_line_numbered_apart_with_only_its_name_is_no_project(tmp_path):
    # 「一 | 农田水利」 over projects 1, 2: read as a project with nothing — counted among the projects done (实施办实事项目N个)
    rows = [["序号", "项目名称", "村别", "投资（万元）", "受益农田（亩）"], ["一", "农田水利"], [1, "水渠", "澄江村", 12, 500],
            [2, "山塘", "澄江村", 8, 300], ["二、", "道路交通"], [3, "机耕道", "澄江村", 8, None]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡办实事项目台账")
    assert list(result.frames["projects"]["project_name"]) == ["水渠", "山塘", "机耕道"]
    assert sheet["skipped_by_kind"]["note"] == 2 and sheet["rejects"] == 0
    # no 项目类别 column: each project's is its section's name
    assert list(result.frames["projects"]["project_type"]) == ["农田水利", "农田水利", "道路交通"]


def test_money_spent_listed_under_the_money_raised_is_no_money_raised(tmp_path):
    """A funds list that goes on to the money spent — 二、资金使用, or a title 资金使用情况 over a header 日期 | 支出项目 |
    金额 — had its spending read as donations: 15000 raised for 8000, silently. The rows under such a line are rejects
    saying so (no sign of a misread sheet); a later line naming money raised (三、社会捐助) ends them."""
    rows = [["序号", "日期", "捐款单位", "金额（元）"], [1, D(2011, 3, 5), "县委办", 5000], [2, D(2011, 3, 6), "县财政局", 3000],
            ["二、资金使用", None, None, None], [1, D(2011, 4, 5), "修路支出", 6000], [2, D(2011, 4, 6), "慰问支出", 1000],
            ["三、社会捐助", None, None, None], [1, D(2011, 5, 5), "张三", 2000]]
    result, sheet = clean_one_sheet(tmp_path / "line", rows, "葛坳乡澄江村筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 10000.0
    assert sheet["rejects"] == 2 and sheet["flag"] is None
    assert set(result.frames["rejects"]["reason"]) == {"资金使用（支出）部分的行：是用去的钱，不是筹集的资金，不计入筹资。"}
    rows = [["序号", "日期", "捐款单位", "金额（元）"], [1, D(2011, 3, 5), "县委办", 5000], [2, D(2011, 3, 6), "县财政局", 3000],
            ["资金使用情况"], ["序号", "日期", "支出项目", "金额（元）"], [1, D(2011, 4, 5), "修路", 6000]]
    result, sheet = clean_one_sheet(tmp_path / "header", rows, "葛坳乡澄江村筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 8000.0


def test_a_donors_money_by_purpose_with_its_total_in_yuan(tmp_path):
    """捐款单位 | 修路（元） | 修桥（元） | 慰问（元） | 合计（元）: no heading named the amount, the sheet was 未识别 and its money
    lost; 合计 with a money unit is the row's amount (合计 alone heads nothing: 修路 | 合计 stays 未识别, said)."""
    rows = [["序号", "捐款单位", "修路（元）", "修桥（元）", "慰问（元）", "合计（元）", "到位时间"],
            [1, "县委办", 1000, 2000, None, 3000, D(2011, 3, 5)], [2, "县财政局", None, 5000, 1000, 6000, D(2011, 3, 6)]]
    result, _ = clean_one_sheet(tmp_path / "yuan", rows, "葛坳乡澄江村2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 9000.0
    rows[0] = ["序号", "捐款单位", "修路", "修桥", "慰问", "合计", "到位时间"]
    _, sheet = clean_one_sheet(tmp_path / "bare", rows, "葛坳乡澄江村2011年筹资台账")
    assert sheet["ledger"] is None


def test_money_promised_under_a_line_of_its_own_is_said(tmp_path):
    # 二、认捐未到位 over a donation: counted in the money raised with nothing said
    rows = [["序号", "日期", "捐款单位", "金额（元）"], [1, D(2011, 3, 5), "县委办", 5000], ["二、认捐未到位", None, None, None],
            [2, D(2011, 3, 6), "县交通局", 3000]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 8000.0  # counted as read
    assert sheet["flag"]["kind"] == "unreceived_funds"
    assert sheet["flag"]["message"].startswith("可能多计：分节标题写明第5行的资金没有（全部）到位")


def test_the_lists_own_header_printed_again_heads_no_money_spent(tmp_path):
    # a header of 支出用途 printed again at a page's top read as a line heading money spent: the donation below it was a
    # reject (500 lost); another header (日期 | 支出项目 | 金额) still heads money spent (above)
    head = ["日期", "捐款单位", "金额（元）", "支出用途"]
    rows = [head, [D(2011, 3, 1), "县交通局", 5000, "修路"], [D(2011, 3, 2), "县财政局", 2000, "修桥"], head,
            [D(2011, 4, 2), "张三", 500, "慰问"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡澄江村2011年筹资台账")
    assert compute_figures(result.frames)["county"]["funds_raised_yuan"] == 7500.0 and sheet["rejects"] == 0

"""A line naming a section's cadre (走访干部：李明（县交通局）) under the header was taken for a second header row:
its 走访干部 claimed the 序号 column, every visit a reject (走访人「1」不是有效姓名). A heading with its value after a
colon is a section's or a form's line, never a column's heading.
"""

from __future__ import annotations

import datetime as dt

from one_sheet import clean_one_sheet as _clean

from sansong_analysis.ledgers import claim_fields

D = dt.date


def test_visits_under_cadre_lines_are_read(tmp_path):
    rows = [["序号", "走访日期", "村名", "户主姓名", "走访内容"], ["走访干部：李明（县交通局）"],
            [1, D(2011, 3, 5), "澄江村", "张三", "了解生产"], [2, D(2011, 3, 6), "澄江村", "李四", "了解生产"],
            ["走访干部：王芳（县林业局）"], [3, D(2011, 3, 7), "新屋村", "王五", "了解生产"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "李四", "王五"]
    assert sheet["rejects"] == 0
    # The line names the cadre of the rows below it (no cadre column).
    assert list(result.frames["visits"]["cadre"]) == ["李明", "李明", "王芳"]


def test_two_cadres_visiting_one_household_on_one_day_are_two_visits(tmp_path):
    # Without the section lines' cadres the second was a duplicate of the first (same household, day, cadre, kind):
    # removed, the visits short by one and the team told to delete an entry that was right.
    rows = [["序号", "户主姓名", "村名", "走访日期", "走访形式"], ["走访干部：李明"],
            [1, "张三", "澄江村", "2011-03-05", "入户"], [2, "李四", "澄江村", "2011-03-06", "入户"],
            ["走访干部：王红"], [3, "张三", "澄江村", "2011-03-05", "入户"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    visits = result.frames["visits"]
    assert list(visits["cadre"]) == ["李明", "李明", "王红"]
    assert result.frames["duplicates"].empty and sheet["records"] == 3


def test_a_cadre_line_in_the_household_column_of_a_log_without_serial_numbers(tmp_path):
    # No 序号: the line stands under 户主姓名, a column every record needs, and was read as a household's visit —
    # rejected 缺少走访日期, its cadre not given to the rows below (so the two visits to 张三 on 3-5 were one).
    rows = [["户主姓名", "村名", "走访日期", "走访形式"], ["走访干部：李明"], ["张三", "澄江村", "2011-03-05", "入户"],
            ["李四", "澄江村", "2011-03-06", "入户"], ["走访干部：王红"], ["张三", "澄江村", "2011-03-05", "入户"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["cadre"]) == ["李明", "李明", "王红"]
    assert (sheet["records"], sheet["rejects"], sheet["skipped_by_kind"]["note"]) == (3, 0, 2)
    assert result.frames["duplicates"].empty


def test_a_cadre_named_with_the_unit_alone_is_the_rows_cadre(tmp_path):
    # 李明（县委办） on a line of its own, no 走访干部： before it: the second visit to 张三 that day was a duplicate.
    rows = [["序号", "户主姓名", "村名", "走访日期"], ["李明（县委办）"], [1, "张三", "澄江村", "2011-03-05"],
            [2, "李四", "澄江村", "2011-03-06"], ["王红（县财政局）"], [3, "张三", "澄江村", "2011-03-05"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert list(result.frames["visits"]["cadre"]) == ["李明", "李明", "王红"]
    assert result.frames["duplicates"].empty and sheet["records"] == 3


def test_a_village_or_an_institution_with_its_unit_is_no_cadre(tmp_path):
    rows = [["序号", "户主姓名", "走访日期"], ["澄江村（村委）"], [1, "张三", "2011-03-05"], ["敬老院（民政所）"],
            [2, "李四", "2011-03-06"]]
    result, _ = _clean(tmp_path, rows, "葛坳乡2011年走访登记表")
    assert result.frames["visits"]["cadre"].isna().all()


def test_a_heading_with_its_value_names_no_column():
    assert all(c is None for c in claim_fields("走访干部:李明(县交通局)").values())
    assert all(c is None for c in claim_fields("填报单位:葛坳乡").values())
    assert claim_fields("是否贫困户(是:1,否:0)")["roster"].field.name == "is_poor"  # a choice in brackets


def test_a_village_s_line_in_a_record_s_first_column_is_a_section(tmp_path):
    """澄江村 / 二、上坪村 / 新屋村： on a line of its own, standing in the 走访日期 (or 户主) column: each was a record —
    a reject (走访日期「澄江村」无法识别为日期) — and the village of the rows below it lost. Now a section's line."""
    for first in ("date", "household"):
        rows = [["走访日期", "被走访户主", "走访干部"], ["澄江村"], [D(2011, 3, 5), "张三", "李明"], ["二、上坪村"],
                [D(2011, 3, 6), "李四", "李明"], ["新屋村："], [D(2011, 3, 7), "王五", "李明"], ["2011-03-08"]]
        if first == "household":
            rows = [[row[1], row[0], *row[2:]] if len(row) > 1 else row for row in rows]
        result, sheet = _clean(tmp_path / first, rows, "葛坳乡2011年走访登记表")
        visits = result.frames["visits"]
        assert list(visits["village"]) == ["澄江村", "上坪村", "新屋村"], first
        assert sheet["skipped_by_kind"]["title"] >= 3, first
        # a lone date is no place: a record still, a reject for want of its household (or date)
        assert sheet["rejects"] == 1, first


def test_rows_under_a_line_of_no_one_month_have_no_month(tmp_path):
    """4-5月份, 2011年5、6月, 5.1-5.31 over rows dated 10日 where the months' lines stand: the days took the month of the
    line above (April), nothing said; now they are rejects naming the line. A full date under it is read; 五月上旬 is May,
    6月（续） June."""
    for line in ("4-5月份", "2011年5、6月", "5.1-5.31"):
        rows = [["走访日期", "被走访户主", "走访干部"], ["3月份"], ["5日", "张三", "李明"], ["4月份"], ["8日", "李四", "李明"],
                [line], ["10日", "王五", "李明"], ["2011-05-12", "赵六", "李明"], ["6月份"], ["1日", "钱七", "李明"]]
        result, sheet = _clean(tmp_path / line.replace("/", "_"), rows, "葛坳乡澄江村2011年走访登记表")
        assert list(result.frames["visits"]["visit_date"].dt.date) == [D(2011, 3, 5), D(2011, 4, 8), D(2011, 5, 12),
                                                                       D(2011, 6, 1)], line
        assert result.frames["rejects"]["reason"].tolist() == [f"走访日期「10日」无法确定是哪个月（上面的「{line}」不是一个月份的标题行）。"]
    rows = [["走访日期", "被走访户主", "走访干部"], ["3月份"], ["5日", "张三", "李明"], ["五月上旬"], ["8日", "李四", "李明"],
            ["6月（续）"], ["9日", "王五", "李明"]]
    result, _ = _clean(tmp_path / "early", rows, "葛坳乡澄江村2011年走访登记表")
    assert list(result.frames["visits"]["visit_date"].dt.date) == [D(2011, 3, 5), D(2011, 5, 8), D(2011, 6, 9)]


def test_a_month_s_line_completes_the_days_below_it(tmp_path):
    """3月份 / 四月 / 2011年5月 on a line of its own over rows dated 5日: each day was a reject (无法识别为日期), the line
    too when it stood in the date column. Now the line is the month of the days below it (the year the title's)."""
    rows = [["走访日期", "被走访户主", "走访干部"], ["3月份"], ["5日", "张三", "李明"], ["四月"], ["6日", "李四", "李明"],
            ["2010年12月"], ["7日", "王五", "李明"], ["二月份走访情况"], ["2011-02-08", "赵六", "李明"]]
    result, sheet = _clean(tmp_path, rows, "葛坳乡澄江村2011年走访登记表")
    assert list(result.frames["visits"]["visit_date"].dt.date) == [D(2011, 3, 5), D(2011, 4, 6), D(2010, 12, 7), D(2011, 2, 8)]
    assert sheet["rejects"] == 0


def test_a_line_numbered_as_the_one_above_ends_what_that_said(tmp_path):
    """三、回访户 after 二、未走访户: its visits were rejects (分节标题「未走访户」写明没有走访), the line above's; 三、综合
    after 二、邻里纠纷: its disputes were 邻里纠纷. A line numbered as the one that said it, or above it (二、 over
    （一）山林纠纷), saying nothing of it, ends it."""
    rows = [["序号", "走访日期", "户主姓名", "走访人"], ["一、已走访户", None, None, None], [1, "2011-03-05", "张三", "李明"],
            ["二、未走访户", None, None, None], [2, None, "李四", None], ["三、回访户", None, None, None],
            [3, "2011-03-07", "王五", "王强"]]
    result, sheet = _clean(tmp_path / "visits", rows, "葛坳乡2011年澄江村走访登记表")
    assert list(result.frames["visits"]["household_head"]) == ["张三", "王五"] and sheet["rejects"] == 1
    rows = [["序号", "受理时间", "当事人", "调处结果"], ["一、已化解", None, None, None], ["（一）山林纠纷", None, None, None],
            [1, "2011-03-05", "张三、李四", "已化解"], ["（二）邻里纠纷", None, None, None], [2, "2011-03-06", "王五、赵六", "已化解"],
            ["二、未化解", None, None, None], [3, "2011-03-07", "钱七、孙八", "未化解"], ["三、综合", None, None, None],
            [4, "2011-03-08", "周九、吴十", "已化解"]]
    result, _ = _clean(tmp_path / "disputes", rows, "葛坳乡2011年矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["dispute_type"]) == ["forest", "neighbour", "other", "other"]


def test_a_line_numbered_as_the_villages_naming_none_ends_the_village(tmp_path):
    """三、其他 (or 三、澄江、桥头村) after 二、新屋村: its households were 新屋村's, nothing said; now of the village the
    title names, here none. A line numbered below the villages' ((一)贫困户) keeps the village."""
    for third in ("三、其他", "三、澄江、桥头村"):
        rows = [["序号", "户主姓名", "家庭人口", "是否贫困户"], ["一、澄江村", None, None, None], [1, "张三", 4, "是"],
                ["二、新屋村", None, None, None], ["（一）贫困户", None, None, None], [2, "李四", 3, "是"],
                [third, None, None, None], [3, "王五", 5, "否"]]
        result, _ = _clean(tmp_path / third, rows, "葛坳乡包扶对象名单")
        assert list(result.frames["roster"]["village"].fillna("")) == ["澄江村", "新屋村", ""], third

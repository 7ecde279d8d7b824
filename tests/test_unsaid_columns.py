"""A column a headline figure counts, absent: every record takes the default and the sheet says so.

A disputes list without 调处结果 reads every dispute as 调处中 (the resolution rate 0%, plausible and
wrong); a roster without 是否贫困户 reads every household as not poor. Counted as read, flagged 可能少计.
"""

from __future__ import annotations

from sansong_analysis.ingest.inspect import inspect_path, render_text
from tests.one_sheet import clean_one_sheet


def _flags(sheet: dict) -> list[dict]:
    return [f for f in (sheet.get("flag"), *(sheet.get("more_flags") or ())) if f]


def test_a_disputes_list_without_outcomes_is_flagged(tmp_path):
    rows = [
        ["序号", "受理日期", "纠纷类型", "当事人", "简要情况", "调处层级", "办结日期"],
        [1, "2011-03-05", "山林纠纷", "张三与李四", "山界", "村级", "2011-03-20"],
        [2, "2011-04-06", "邻里纠纷", "王五与赵六", "排水", "组级", ""],
    ]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"]) == ["pending", "pending"]  # counted as read
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert flag["field"] == "调处结果" and flag["records"] == 2
    assert flag["message"].startswith("可能少计：按矛盾纠纷排查调处台账读取，表中没有“调处结果”列，2起纠纷都按“调处中”计入")


def test_a_disputes_list_with_outcomes_or_ticks_is_not(tmp_path):
    rows = [
        ["序号", "受理日期", "纠纷类型", "当事人", "调处结果"],
        [1, "2011-03-05", "山林纠纷", "张三与李四", "调处中"],
    ]
    _, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet))
    ticks = [
        ["序号", "受理日期", "纠纷类型", "调处结果", None, None],
        [None, None, None, "成功", "未成功", "在调处"],
        [1, "2011-03-05", "山林纠纷", "√", None, None],
        [2, "2011-04-06", "邻里纠纷", None, None, "√"],
    ]
    result, sheet = clean_one_sheet(tmp_path / "b", ticks, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"]) == ["resolved", "pending"]
    assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet))


def test_a_roster_without_poor_column_is_flagged_unless_it_lists_poor_households(tmp_path):
    rows = [["序号", "户主姓名", "家庭人口", "帮扶责任人"], [1, "张三", 4, "李明"], [2, "李四", 3, "李明"]]
    result, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡澄江村包扶对象名单")
    assert not result.frames["roster"]["is_poor"].any()
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert flag["field"] == "是否贫困户" and flag["records"] == 2
    assert "2户都按“非贫困户”计入" in flag["message"]
    # A list of poor households says what every household is: all poor, nothing unsaid.
    result, sheet = clean_one_sheet(tmp_path / "b", rows, "葛坳乡澄江村建档立卡贫困户名单")
    assert result.frames["roster"]["is_poor"].all()
    assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet))
    with_column = [["序号", "户主姓名", "是否贫困户"], [1, "张三", "否"], [2, "李四", "否"]]
    _, sheet = clean_one_sheet(tmp_path / "c", with_column, "葛坳乡澄江村包扶对象名单")
    assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet))


def test_a_roster_column_headed_only_kind_is_poor_when_every_value_is_a_kind_of_household(tmp_path):
    # 类别 (a project's or a dispute's type elsewhere) over 贫困户 / 一般户 on every row: the roster's poor column.
    rows = [["序号", "户主姓名", "类别", "家庭人口"], [1, "张三", "贫困户", 4], [2, "李四", "一般户", 3],
            [3, "王五", None, 2], [4, "赵六", "低保户", 1], ["合计", None, None, 10]]
    result, sheet = clean_one_sheet(tmp_path / "a", rows, "葛坳乡澄江村包扶对象名单")
    assert list(result.frames["roster"]["is_poor"]) == [True, False, False, True]
    assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet))
    # inspect says why: the words under the heading.
    text = render_text(inspect_path(tmp_path / "a" / "raw" / "葛坳乡" / "葛坳乡澄江村包扶对象名单.xlsx"))
    assert "C 类别 → 困难户（依据「类别（各行填贫困户、一般户、低保户）」" in text
    # Any other value under it (a name of a kind of person, 是) and the column is not read: every household
    # counted not poor, and said.
    other = [row[:2] + [{"贫困户": "党员", "一般户": "群众"}.get(row[2], row[2])] + row[3:] for row in rows]
    result, sheet = clean_one_sheet(tmp_path / "b", other, "葛坳乡澄江村包扶对象名单")
    assert not result.frames["roster"]["is_poor"].any()
    assert [f["field"] for f in _flags(sheet) if f["kind"] == "unsaid_column"] == ["是否贫困户"]
    # Two such columns: which one says it is not known, so neither is read.
    two = [row[:3] + [row[2]] + row[3:] for row in rows]
    two[0][3] = "类型"
    result, sheet = clean_one_sheet(tmp_path / "c", two, "葛坳乡澄江村包扶对象名单")
    assert not result.frames["roster"]["is_poor"].any()
    assert [f["field"] for f in _flags(sheet) if f["kind"] == "unsaid_column"] == ["是否贫困户"]


def test_a_list_of_households_not_poor_says_so_itself(tmp_path):
    # 帮扶对象名单（非贫困户） beside a sheet of 贫困户: every household not poor, as the title says — not 可能少计.
    rows = [["序号", "户主姓名", "家庭人口", "帮扶责任人"], [1, "张三", 4, "李明"], [2, "李四", 3, "李明"]]
    for title in ("葛坳乡澄江村帮扶对象名单（非贫困户）", "葛坳乡澄江村一般户名单"):
        result, sheet = clean_one_sheet(tmp_path / title, rows, title)
        assert not result.frames["roster"]["is_poor"].any()
        assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet)), title
    # A list of both (含一般户, 贫困户及一般户) says nothing of each household: still flagged.
    for title in ("葛坳乡澄江村帮扶花名册（含一般户）", "葛坳乡澄江村贫困户及一般户花名册"):
        _, sheet = clean_one_sheet(tmp_path / title, rows, title)
        assert any(f["kind"] == "unsaid_column" for f in _flags(sheet)), title


def test_one_record_is_not_said_to_be_all(tmp_path):
    rows = [["序号", "受理日期", "纠纷类型", "当事人"], [1, "2011-03-05", "山林纠纷", "张三与李四"]]
    _, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert "，1起纠纷按“调处中”计入，" in flag["message"]


def test_no_dispute_type_column_the_kind_a_summary_names(tmp_path):
    """No 纠纷类型 column: every dispute was 其他 whatever its 纠纷简要情况 said (张三与李四山林纠纷). The kind a summary
    names as a kind of dispute is its type; a summary naming two, or none, leaves it 其他."""
    rows = [
        ["序号", "受理日期", "当事人", "纠纷简要情况", "调处结果"],
        [1, "2011-03-05", "张三与李四", "两家山林权属纠纷", "调处成功"],
        [2, "2011-04-06", "王五与赵六", "土地承包纠纷", "调处中"],
        [3, "2011-04-07", "钱七与孙八", "因宅基地纠纷引发邻里矛盾", "调处成功"],
        [4, "2011-04-08", "周九与吴十", "因琐事发生口角", "调处成功"],
        [5, "2011-04-09", "郑一", "婚姻家庭纠纷", "调处成功"],
    ]
    result, _ = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["dispute_type"]) == ["forest", "land", "other", "other", "family"]
    rows[0][3] = "纠纷类型"  # a type column is read as it is, never the summary
    rows[0][1:3] = ["受理日期", "纠纷简要情况"]
    rows[1][1:4] = ["2011-03-05", "两家山林权属纠纷", "土地纠纷"]
    result, _ = clean_one_sheet(tmp_path / "typed", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert result.frames["disputes"]["dispute_type"].iloc[0] == "land"


def test_a_roster_in_sections_of_poor_and_other_households(tmp_path):
    """No 是否贫困户 column, lines of their own over the households (一、贫困户（2户）… 二、一般户：): 一、贫困户 under 序号
    was read as a second header row (贫困户 the heading of the 序号 column), each household's serial number its
    是否贫困户 — every household but 1's a reject, lost from the households assigned. Now each household as its
    section says, in whatever column the line stands; nothing left unsaid, nothing flagged."""
    rows = [
        ["序号", "户主姓名", "村别", "家庭人口", "帮扶责任人"],
        ["一、贫困户（2户）", None, None, None, None],
        [1, "张三", "澄江村", 3, "李明"], [2, "李四", "澄江村", 2, "李明"],
        [None, "二、一般户：", None, None, None],
        [3, "王五", "澄江村", 4, "王芳"], [4, "赵六", "澄江村", 5, "王芳"],
    ]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡结对帮扶花名册")
    roster = result.frames["roster"]
    assert list(roster["household_head"]) == ["张三", "李四", "王五", "赵六"] and sheet["rejects"] == 0
    assert list(roster["is_poor"]) == [True, True, False, False]
    assert sheet["skipped_by_kind"]["header"] == 1 and not _flags(sheet)


def test_a_section_of_theirs_saying_nothing_ends_the_kind_of_household(tmp_path):
    """一、一般户 二、贫困户 三、其他 (numbered as they are): the households under 三 were counted 贫困户, the line above's,
    nothing said; now unsaid (not poor, flagged). 三、一般农户 / 三、边缘户 say their kind (三、一般农户 was poor)."""
    for third, poor, unsaid in (("三、其他", False, 1), ("三、新增户", False, 1), ("三、一般农户", False, 0), ("三、边缘户", True, 0)):
        rows = [["序号", "户主姓名", "组别", "家庭人口"], ["一、一般户", None, None, None], [1, "张三", "1组", 4],
                ["二、贫困户", None, None, None], ["（一）低保户", None, None, None], [2, "李四", "2组", 3],
                [third, None, None, None], [3, "王五", "3组", 5]]
        result, sheet = clean_one_sheet(tmp_path / third, rows, "葛坳乡澄江村包扶对象名单")
        assert list(result.frames["roster"]["is_poor"]) == [False, True, poor], third
        assert [f["records"] for f in _flags(sheet) if f["kind"] == "unsaid_column"] == ([unsaid] if unsaid else []), third


def test_households_above_the_first_section_line_are_still_unsaid(tmp_path):
    rows = [["序号", "户主姓名", "村别", "家庭人口"], [1, "赵一", "澄江村", 3], ["建档立卡贫困户", None, None, None],
            [2, "张三", "澄江村", 3]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡结对帮扶花名册")
    assert list(result.frames["roster"]["is_poor"]) == [False, True]
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert flag["records"] == 1 and "1户按“非贫困户”计入" in flag["message"]


def test_sections_of_kinds_within_sections_of_villages(tmp_path):
    """一、澄江村 over （一）贫困户 / （二）一般户, then 二、上坪村: each household as its own village's section says; a
    village's section with no kind line of its own takes none from the village before (unsaid, and flagged)."""
    rows = [["序号", "户主姓名", "组别", "家庭人口"], ["一、澄江村", None, None, None], ["（一）贫困户", None, None, None],
            [1, "张三", "1组", 3], ["（二）一般户", None, None, None], [2, "李四", "2组", 2],
            ["二、上坪村", None, None, None], [3, "王五", "1组", 4]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡结对帮扶花名册")
    roster = result.frames["roster"]
    assert list(roster["village"]) == ["澄江村", "澄江村", "上坪村"] and list(roster["is_poor"]) == [True, False, False]
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert flag["records"] == 1


def test_a_date_headed_resolved_says_the_dispute_was(tmp_path):
    # 化解时间 (调结日期) is when the dispute was resolved: a date there is its outcome, the rest 调处中,
    # flagged with both counts. 办结时间 / 结案时间 / 调处时间 say a case closed or mediated, not how: unchanged.
    def rows(heading):
        return [
            ["序号", "受理时间", "当事人", "村别", "纠纷类型", heading],
            [1, "2011-03-01", "张三、李四", "澄江村", "山林", "2011-03-05"],
            [2, "2011-03-02", "王五、赵六", "澄江村", "土地", None],
            [3, "2011-03-03", "孙七、周八", "澄江村", "邻里", "未结"],
            [4, "2011-03-04", "吴九、郑十", "澄江村", "邻里", "2011-03-09"],
        ]
    for heading in ("化解时间", "调结日期"):
        result, sheet = clean_one_sheet(tmp_path / heading, rows(heading), "葛坳乡矛盾纠纷排查调处台账")
        disputes = result.frames["disputes"]
        assert list(disputes["outcome"]) == ["resolved", "pending", "pending", "resolved"], heading
        assert disputes["resolved_date"].notna().sum() == 2
        (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
        assert flag["records"] == 2
        assert f"表中没有“调处结果”列，“{heading}”列填了日期的2起纠纷按“调处成功”计入，其余2起纠纷按“调处中”计入" in flag["message"]
        # 未结 under the date column says there is none yet, as a blank does: nothing unread
        assert not any(f["kind"] == "unread_cells" for f in _flags(sheet)), heading
    for heading in ("办结时间", "结案时间", "调处时间", "未化解时间"):
        result, sheet = clean_one_sheet(tmp_path / heading, rows(heading), "葛坳乡矛盾纠纷排查调处台账")
        assert set(result.frames["disputes"]["outcome"]) == {"pending"}, heading
        (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
        assert flag["records"] == 4 and "4起纠纷都按“调处中”计入" in flag["message"]


def test_an_outcome_column_decides_whatever_the_date_says(tmp_path):
    rows = [
        ["序号", "受理时间", "纠纷类型", "调处结果", "化解时间"],
        [1, "2011-03-01", "山林", "移交司法所", "2011-03-05"],
        [2, "2011-03-02", "土地", "成功", "2011-03-06"],
        [3, "2011-03-03", "邻里", "调处中", "尚未化解"],
    ]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"]) == ["referred", "resolved", "pending"]
    assert not any(f["kind"] in ("unsaid_column", "unread_cells") for f in _flags(sheet))
    # what is not a "none yet" stays unread and said
    rows[3][4] = "移交司法所"
    _, sheet = clean_one_sheet(tmp_path / "b", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert any(f["kind"] == "unread_cells" for f in _flags(sheet))


def test_disputes_in_sections_by_how_they_ended(tmp_path):
    # 一、已化解 … 二、未化解 over the disputes, no 调处结果 column: every dispute read 调处中 (the resolution rate 0, flagged)
    rows = [["序号", "受理时间", "当事人", "纠纷类型", "村别"], [1, "2011-02-28", "吴九、郑十", "邻里", "澄江村"],
            ["一、已化解（2起）", None, None, None, None],
            [1, "2011-03-01", "张三、李四", "山林", "澄江村"], [2, "2011-03-02", "王五、赵六", "土地", "澄江村"],
            ["二、未化解", None, None, None, None], [3, "2011-03-03", "孙七、周八", "邻里", "澄江村"]]
    result, sheet = clean_one_sheet(tmp_path, rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"]) == ["pending", "resolved", "resolved", "unresolved"]
    (flag,) = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
    assert flag["records"] == 1  # the one above the first such line
    # a heading of the list (二、纠纷化解情况) says nothing of each dispute
    rows[2][0] = "一、纠纷化解情况"
    result, _ = clean_one_sheet(tmp_path / "b", rows, "葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"])[:3] == ["pending", "pending", "pending"]


def test_a_section_of_theirs_saying_nothing_ends_how_the_disputes_stand(tmp_path):
    """一、未化解 二、已化解 三、其他 (numbered as they are): the disputes under 三 were counted 已化解, the line above's,
    nothing said; now 调处中, as above the first line, and flagged. A section inside them numbered otherwise ((一)山林纠纷)
    keeps them; 三、稳控中, 三、待化解 and 三、调解不成 say how theirs stand (were not read as status lines)."""
    head = [["序号", "受理时间", "当事人", "纠纷类型", "村别"], ["一、未化解", None, None, None, None],
            [1, "2011-03-01", "张三、李四", "山林", "澄江村"], ["二、已化解", None, None, None, None],
            ["（一）山林纠纷", None, None, None, None], [2, "2011-03-02", "王五、赵六", "山林", "澄江村"],
            ["（二）土地纠纷", None, None, None, None], [3, "2011-03-03", "孙七、周八", "土地", "澄江村"]]
    for third, outcome in (("三、其他", "pending"), ("三、澄江村", "pending"), ("三、稳控中", "pending"),
                           ("三、待化解（1起）", "pending"), ("三、调解不成", "unresolved"), ("三、正在跟踪回访", "pending")):
        rows = [*head, [third, None, None, None, None], [4, "2011-03-04", "吴九、郑十", "邻里", "澄江村"]]
        result, sheet = clean_one_sheet(tmp_path / third, rows, "葛坳乡矛盾纠纷排查调处台账")
        assert list(result.frames["disputes"]["outcome"]) == ["unresolved", "resolved", "resolved", outcome], third
        unsaid = [f for f in _flags(sheet) if f["kind"] == "unsaid_column"]
        assert [f["records"] for f in unsaid] == ([1] if third in ("三、其他", "三、澄江村") else []), third


def test_a_sheet_named_for_how_its_disputes_ended(tmp_path):
    # 已化解纠纷 / 未化解矛盾纠纷登记表, no 调处结果 column: every dispute read 调处中 (flagged); now as the name says
    rows = [["序号", "受理时间", "当事人", "纠纷类型", "村别"], [1, "2011-03-01", "张三、李四", "山林", "澄江村"],
            [2, "2011-03-02", "王五、赵六", "土地", "澄江村"]]
    # and how they ended in other words (调处成功, 调处不成功, 正在调处: were 调处中 all, flagged); a rate or a mediation
    # centre names none (调处成功率, 人民调解中心)
    for title, outcome in (("葛坳乡已化解矛盾纠纷登记表", "resolved"), ("葛坳乡未化解矛盾纠纷登记表", "unresolved"),
                           ("葛坳乡调处成功矛盾纠纷登记表", "resolved"), ("葛坳乡调处不成功纠纷", "unresolved"),
                           ("葛坳乡正在调处的矛盾纠纷", "pending"), ("葛坳乡调解失败纠纷登记", "unresolved")):
        result, sheet = clean_one_sheet(tmp_path / title, rows, title)
        assert set(result.frames["disputes"]["outcome"]) == {outcome}, title
        assert not any(f["kind"] == "unsaid_column" for f in _flags(sheet)), title
    for neutral in ("葛坳乡矛盾纠纷排查化解台账", "葛坳乡人民调解中心纠纷登记表", "葛坳乡纠纷调处成功率"):
        result, sheet = clean_one_sheet(tmp_path / neutral, rows, neutral)
        assert set(result.frames["disputes"]["outcome"]) == {"pending"}, neutral
        assert any(f["kind"] == "unsaid_column" for f in _flags(sheet)), neutral

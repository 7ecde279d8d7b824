"""Headings as offices write them, each read as its field: one heading of a plain ledger changed at a time.

Found by a sweep that swapped one heading at a time for about a thousand an office might type: 走访年月日, 群众姓名,
贫困户户主 and 被慰问人 left a visit log 未识别 (said), 户主名字 and 包扶户 a roster, 款额（元） and 资助金额（元） a funds
list, 所办实事 and 名称 a projects list; 队员姓名, 资金来源单位, 总投入, 惠及户数, 家庭总人数, 资金到位时间 and 反映时间 read no
column, nothing said (the cadre, the investment, the day lost); 惠及农田 and 受益水田 were flagged 可能少计 and read
no farmland, 是否精准扶贫户 no poor household; 办结情况 and 化解与否 read no outcome (every dispute 调处中, flagged); a
案由 column writing the kind alone (山林, 邻里) gave every dispute 其他. Left as they were (a person should say): 争取资金 and 帮扶资金 (an investment's parts under 投资 read so), 具体时间,
户型 (of the house?), 投资估算 (planned), 改善灌溉面积 (flagged), 受益人口（户）, 慰问品折价 (goods, not money).
"""

from __future__ import annotations

import pytest

from tests.one_sheet import clean_one_sheet

# ledger: (title, header, two records, {column: (field, the headings tried there)})
LEDGERS = {
    "visits": ("葛坳乡澄江村走访登记表", ["序号", "走访日期", "被走访户主", "走访人", "走访形式", "慰问金（元）"],
               [[1, "2011-03-05", "张三", "李明", "入户走访", 200], [2, "2011-03-06", "李四", "王强", "送温暖", 300]],
               {1: ("visit_date", ["走访年月日", "入户年月日", "帮扶日期", "上门日期", "家访时间", "慰问年月日"]),
                2: ("household_head", ["群众姓名", "走访群众", "走访群众姓名", "被走访群众姓名", "农户户主", "贫困户户主",
                                       "困难户户主", "困难群众姓名", "结对户户主", "被慰问人", "被慰问户", "慰问户",
                                       "帮扶农户", "结对对象", "联系群众", "包扶户主姓名", "被帮扶对象", "服务对象", "被包扶户",
                                       "被挂点农户", "挂钩户", "被救助人", "服务对象姓名", "扶贫户姓名", "被结对帮扶家庭",
                                       "走访家庭"]),
                3: ("cadre", ["队员姓名", "队员", "工作队员姓名", "帮扶干部姓名", "包村干部姓名", "帮扶责任人姓名", "入户人员",
                              "走访工作人员", "挂点领导", "帮扶人员", "包扶责任人", "驻村队员", "三送干部", "挂钩干部姓名",
                              "包村负责人", "结对帮扶队员", "驻村工作人员姓名", "包户责任人"]),
                4: ("visit_kind", ["走访事项", "走访目的", "活动形式"]),
                5: ("relief_yuan", ["救助金额（元）", "现金（元）", "发放现金"])}),
    "roster": ("葛坳乡澄江村包扶对象名单", ["序号", "户主姓名", "组别", "是否贫困户", "家庭人口"],
               [[1, "张三", "1组", "是", 4], [2, "李四", "2组", "否", 3]],
               {1: ("household_head", ["户主名字", "农户户主", "包扶户", "联系农户", "挂点户", "包扶对象户主", "挂点户主",
                                       "挂点农户姓名", "被帮扶对象姓名", "被结对户", "被联系户", "挂钩对象", "结对帮扶家庭"]),
                2: ("group", ["小组名称", "所属小组", "居住组", "所在组别", "居住村民小组", "所属村小组"]),
                3: ("is_poor", ["是否精准扶贫户", "是否扶贫户", "是否特困户", "贫困类别", "家庭属性", "是否困难群众", "困难类别",
                                "贫困性质"]),
                4: ("members", ["家庭成员人数", "家庭总人数", "人口数量", "户籍人口数"])}),
    "funds": ("葛坳乡筹资台账", ["序号", "日期", "资金来源", "用途", "金额（元）"],
              [[1, "2011-03-05", "县交通局", "修路", 5000], [2, "2011-03-08", "县财政局", "助学", 3000]],
              {1: ("date", ["资金到位时间", "资金到位日期", "收到日期", "捐款年月日", "到位年月日"]),
               2: ("source", ["资金来源单位", "来源单位", "捐款单位名称", "出资单位名称", "资助单位", "帮扶单位", "出资人"]),
               3: ("purpose", ["资金投向", "主要用途", "资金使用用途"]),
               4: ("amount_yuan", ["款额（元）", "款额", "资助金额（元）", "资金金额（元）", "筹集额", "捐资总额",
                                      "集资款", "募捐额", "资助资金", "募集资金（元）", "赞助款", "捐赠款项", "到位款",
                                      "募集金额", "现金", "现金（元）", "现金捐款", "捐赠现金", "款数", "入账金额",
                                      "款项（元）", "资金总额（元）", "爱心捐款", "善款", "小写金额", "金额小写",
                                      "人民币（元）"])}),
    "projects": ("葛坳乡办实事项目台账", ["序号", "项目名称", "投资额（元）", "受益农田（亩）", "受益户数", "竣工时间"],
                 [[1, "澄江村水渠", 50000, 100, 30, "2011-06-01"], [2, "桥头村公路", 30000, 20, 40, "2011-07-01"]],
                 {1: ("project_name", ["所办实事", "实事", "名称"]),
                  2: ("investment_yuan", ["总投入（元）", "投入（元）", "资金投入总额", "项目投入", "造价", "工程资金",
                                          "完成总投资", "已投入资金", "共投入", "投资额度"]),
                  3: ("farmland_mu", ["惠及农田（亩）", "惠及农田面积（亩）", "受益水田（亩）", "受益稻田（亩）", "惠及面积",
                                      "受益亩数"]),
                  4: ("households_benefited", ["惠及户数", "惠及农户", "受益家庭数", "覆盖户数", "惠及户", "受益对象户数",
                                               "受惠户数"]),
                  5: ("completed_date", ["竣工年月", "完成年月", "交付使用时间", "验收时间", "投入使用时间"])}),
    "disputes": ("葛坳乡矛盾纠纷排查调处台账", ["序号", "受理时间", "当事人", "纠纷类型", "调处结果", "办结时间"],
                 [[1, "2011-03-05", "张三、李四", "山林", "已化解", "2011-04-01"],
                  [2, "2011-03-06", "王五、赵六", "邻里", "未化解", ""]],
                 {1: ("received_date", ["发生日期", "反映时间", "立案时间", "受案时间", "摸排时间", "接访时间", "受理年月日",
                                        "发现日期"]),
                  3: ("dispute_type", ["案由", "纠纷事由", "案件性质", "问题类型"]),
                  4: ("outcome", ["办结情况", "化解办结情况", "化解与否", "结案情况", "调处效果", "是否息诉", "办理情况",
                                     "化解效果", "是否解决", "是否调结", "处置结果", "解决情况", "调处状态", "调解结论"]),
                  5: ("resolved_date", ["调解时间", "处理时间", "处结时间", "解决时间", "化解年月日"])}),
}
# The fields the plain sheets above do not write, each in a plain sheet of its own ledger (the key's first word), found
# read as nothing, nothing said, under these headings: the level (调解组织, 层级), legal help (法律援助情况, 给予法律帮助:
# every dispute said none), a dispute's kind under 矛盾性质 (every one 其他), a roster's 驻村干部, a project's 项目分类,
# 硬化长度 and 硬化宽度, the village a funds list's money went to (受助村).
SIDE_LEDGERS = {
    "disputes sides": ("葛坳乡矛盾纠纷排查调处台账", ["序号", "受理时间", "当事人", "纠纷类型", "调处层级", "调处结果", "办结时间", "法律帮助"],
                       [[1, "2011-03-05", "张三、李四", "山林", "组", "已化解", "2011-04-01", "是"],
                        [2, "2011-03-06", "王五、赵六", "邻里", "村", "未化解", "", "否"]],
                       {3: ("dispute_type", ["矛盾性质", "矛盾类别", "纠纷分类", "案件分类"]),
                        4: ("level", ["层级", "调解层次", "化解层次", "调解组织", "调处机构", "调处部门", "调解级别", "在何级调处"]),
                        7: ("legal_aid", ["法律咨询", "法律援助情况", "法律帮助情况", "是否法律帮助", "法律帮扶", "给予法律帮助",
                                          "是否给予法律援助", "提供法律援助", "法律援助与否"])}),
    "roster sides": ("葛坳乡澄江村包扶对象名单", ["序号", "户主姓名", "组别", "是否贫困户", "家庭人口", "帮扶责任人"],
                     [[1, "张三", "1组", "是", 4, "李明"], [2, "李四", "2组", "否", 3, "王强"]],
                     {5: ("cadre", ["驻村干部", "结对人", "包扶联系人", "挂点干部姓名", "挂钩责任人", "挂钩干部姓名", "包村负责人",
                                   "结对帮扶队员姓名"])}),
    "projects sides": ("葛坳乡办实事项目台账", ["序号", "项目名称", "项目类别", "长度（米）", "宽度（米）", "投资额（元）", "受益农田（亩）"],
                       [[1, "澄江村公路", "道路", 1000, 3.5, 50000, 100], [2, "桥头村水渠", "水利", 800, 1, 30000, 20]],
                       {2: ("project_type", ["项目分类", "建设类型"]),
                        3: ("length_m", ["建设长度（米）", "路长（米）", "硬化长度（米）", "总长（米）", "道路里程（米）"]),
                        4: ("width_m", ["硬化宽度（米）", "道路宽度（米）", "路面宽（米）"])}),
    "funds sides": ("葛坳乡筹资台账", ["序号", "村", "日期", "资金来源", "用途", "金额（元）"],
                    [[1, "澄江村", "2011-03-05", "县交通局", "修路", 5000], [2, "桥头村", "2011-03-08", "县财政局", "助学", 3000]],
                    {1: ("village", ["受助村", "受益村", "用款村", "项目村"])}),
}
LEDGERS_ALL = {**LEDGERS, **SIDE_LEDGERS}
CASES = [(ledger, column, field, heading) for ledger, (_, _, _, swaps) in LEDGERS_ALL.items()
         for column, (field, headings) in swaps.items() for heading in headings]


def _read(tmp_path, ledger: str, header: list[str]):
    title, _, rows, _ = LEDGERS_ALL[ledger]
    name = ledger.split()[0]
    result, sheet = clean_one_sheet(tmp_path, [header, *rows], title=title)
    assert sheet["ledger"] == name and sheet["records"] == 2 and sheet["rejects"] == 0, sheet
    assert sheet["flag"] is None, sheet["flag"]
    return result.frames[name]


@pytest.mark.parametrize(("ledger", "column", "field", "heading"), CASES)
def test_a_heading_reads_its_field(tmp_path, ledger, column, field, heading):
    header = list(LEDGERS_ALL[ledger][1])
    expected = _read(tmp_path / "as_written", ledger, header)[field].astype(str).tolist()
    header[column] = heading
    assert _read(tmp_path / "swapped", ledger, header)[field].astype(str).tolist() == expected


def test_a_summary_writing_the_kind_alone_is_the_kind(tmp_path):
    title, header, _, _ = LEDGERS["disputes"]
    header = ["序号", "受理时间", "当事人", "案由", "调处结果"]
    rows = [[1, "2011-03-05", "张三、李四", "山林", "已化解"], [2, "2011-03-06", "王五、赵六", "婚姻家庭", "已化解"],
            [3, "2011-03-07", "钱七、孙八", "宅基地纠纷", "未化解"], [4, "2011-03-08", "周九、吴十", "债务", "已化解"],
            [5, "2011-03-09", "郑一、王二", "因琐事发生口角", "已化解"]]
    result, sheet = clean_one_sheet(tmp_path, [header, *rows], title=title)
    assert sheet["records"] == 5, sheet
    assert result.frames["disputes"]["dispute_type"].tolist() == ["forest", "family", "land", "other", "other"]


def test_a_title_saying_the_money_came_in_is_a_funds_list(tmp_path):
    """资金到位 confirms a funds list as 到位资金 does: 帮扶资金到位情况表 over 日期 | 单位 | 金额（元） was 未识别."""
    rows = [["序号", "日期", "单位", "金额（元）", "用途"], [1, "2011-03-05", "县交通局", 5000, "修路"],
            [2, "2011-03-08", "县财政局", 3000, "助学"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡帮扶资金到位情况表")
    assert sheet["ledger"] == "funds" and sheet["records"] == 2, sheet
    assert result.frames["funds"]["amount_yuan"].sum() == 8000


def test_a_village_column_named_for_the_team_s_village(tmp_path):
    """挂点村, 帮扶村, 走访村, 村庄: the village each visit was in (read as no column, the visits matched by name alone)."""
    for heading in ("挂点村", "帮扶村", "结对村", "走访村", "村庄"):
        rows = [["序号", "走访日期", heading, "走访对象", "走访干部"], [1, "2011-03-05", "澄江村", "张三", "李明"],
                [2, "2011-03-06", "桥头村", "李四", "王强"]]
        result, sheet = clean_one_sheet(tmp_path / heading, rows, title="葛坳乡走访登记表")
        assert result.frames["visits"]["village"].tolist() == ["澄江村", "桥头村"], heading


def test_paddy_under_another_word_is_said(tmp_path):
    """新增水田, 改善水田: land a project served, under no heading 受益农田 reads — flagged 可能少计 as 新增灌溉面积 is, where it
    was read as nothing with nothing said."""
    rows = [["序号", "项目名称", "投资额（元）", "新增水田", "竣工时间"], [1, "澄江村水渠", 50000, 100, "2011-06-01"],
            [2, "桥头村水陂", 30000, 40, "2011-07-01"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡办实事项目台账")
    assert sheet["records"] == 2 and sheet["flag"]["kind"] == "unread_farmland", sheet
    assert "新增水田" in sheet["flag"]["message"]
    assert result.frames["projects"]["farmland_mu"].isna().all()


@pytest.mark.parametrize("heading", ["帮扶人", "联系人", "结对人", "挂点人"])
def test_the_tie_and_a_person_without_bei_is_the_cadre_not_the_household(heading):
    """帮扶人, 联系人: the one who helps (the household helped is 被帮扶人); the generated household words leave them."""
    from sansong_analysis.ledgers import HOUSEHOLD_HEAD_SYNONYMS, match_field

    assert heading not in HOUSEHOLD_HEAD_SYNONYMS and f"被{heading}" in HOUSEHOLD_HEAD_SYNONYMS
    field = match_field("visits", heading)
    assert field is None or field.name != "household_head"


@pytest.mark.parametrize(("ledger", "heading"), [
    ("visits", "下次走访时间"), ("visits", "拟走访时间"), ("visits", "应走访日期"), ("visits", "下一次走访日期"),
    ("disputes", "限期化解时间"), ("disputes", "化解时限"), ("projects", "计划完成时间"), ("projects", "预计竣工日期"),
])
def test_a_day_planned_or_due_is_no_day_done(ledger, heading):
    """下次走访时间 (the next visit, planned), 应走访日期, 限期化解时间 (a dispute's deadline) were read as the day the visit
    or the resolution happened: planned visits counted as made, and in a disputes list with no 调处结果 every dispute with
    a deadline counted resolved. A day planned, due or promised names no field."""
    from sansong_analysis.ledgers import match_field

    field = match_field(ledger, heading)
    assert field is None or field.kind not in ("date", "date_or_month"), field


def test_a_dispute_s_deadline_is_not_its_resolution(tmp_path):
    rows = [["序号", "受理时间", "当事人", "纠纷类型", "限期化解时间"], [1, "2011-03-05", "张三、李四", "山林", "2011-04-01"],
            [2, "2011-03-06", "王五、赵六", "邻里", "2011-04-05"]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡矛盾纠纷排查调处台账")
    assert list(result.frames["disputes"]["outcome"]) == ["pending", "pending"]
    assert sheet["flag"]["kind"] == "unsaid_column"  # no 调处结果 column: said, as before
    rows = [["序号", "户主姓名", "走访日期", "走访干部", "下次走访时间"], [1, "张三", "2011-03-05", "李明", "2011-04-05"],
            [2, "李四", "2011-03-06", "李明", "2011-04-06"]]
    result, sheet = clean_one_sheet(tmp_path / "visits", rows, title="葛坳乡澄江村走访登记表")
    assert [d.day for d in result.frames["visits"]["visit_date"]] == [5, 6] and sheet["flag"] is None


def test_a_receipt_s_sum_in_figures_and_in_words_is_one_amount_checked(tmp_path):
    """小写金额 | 大写金额 (a receipts register: the sum in figures, then in words): the sheet was 未识别. Read once, the
    figures first; where the words say another sum, flagged."""
    rows = [["序号", "日期", "捐款单位", "大写金额", "小写金额"], [1, "2011-03-05", "县交通局", "伍仟元整", 5000],
            [2, "2011-04-05", "县财政局", "叁仟元整", 300]]
    result, sheet = clean_one_sheet(tmp_path, rows, title="葛坳乡捐款收据登记表")
    assert list(result.frames["funds"]["amount_yuan"]) == [5000.0, 300.0]
    assert sheet["flag"]["kind"] == "rival_columns" and "「小写金额」、「大写金额」" in sheet["flag"]["message"]

"""Near-miss ledgers: sparse, oddly worded or oddly placed, yet a person reads each as a 三送 ledger.

They guard against a reader that abstains too much. Each ``positive_*`` function writes one
township's raw folder, laid out unlike ``tests/foreign`` and the demo generator: a visit log
whose only date heading is 日期 (the title says 走访), a roster of three columns under a
结对帮扶花名册 title, a funds sheet of 日期 / 金额 / 备注 named 筹资台账, a dispute register
with 类别 and 结果, a works list with 工程名称 and 受益面积（公顷）, dotted dates, 户类型, a
two-row dispute header whose group is 调处情况, places named only in a sheet or file name, a
relief-visit list titled 花名册, tick marks under a late header, a donation register.

The figures are in ``test_positives.py``, counted by hand from the rows below (every row that
is not a plain record is commented).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from foreign.offices import Sheet, write_csv, write_xls, write_xlsx

D = dt.date


def positive_date_only_heading(root: Path) -> None:
    """龙岗乡: the visit log's date heading is only 日期, its cadre 帮扶干部; the title and the sheet
    say 走访; the village only in the file name, the township only in the folder."""
    write_xlsx(root / "龙岗乡" / "老屋村走访.xlsx", [
        Sheet("走访", [
            ["2011年入户走访情况记载"],
            ["日期", "户主", "帮扶干部", "情况记载"],
            [D(2011, 3, 3), "廖金生", "温志", "了解春耕备耕，宣传粮食直补政策"],
            [D(2011, 3, 3), "廖银生", "温志", "了解家庭收入情况"],
            [D(2011, 4, 18), "廖金生", "温志", "送化肥两包"],
            [D(2011, 5, 9), "廖秀英", "温志", "入户走访"],
            [D(2011, 5, 9), "廖德才", "温志", "入户走访"],  # not on the roster: a visit, matched to no household
        ]),
        Sheet("花名册", [
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["廖金生", "1组", "是", "温志"],
            ["廖银生", "1组", "否", "温志"],
            ["廖秀英", "2组", "是", "温志"],
            ["廖长根", "3组", "是", "温志"],
        ]),
    ])


def positive_three_column_roster(root: Path) -> None:
    """岭下乡: a roster of 户主姓名 / 组别 / 家庭人口 only, under a 结对帮扶花名册 title (no poor
    column: nobody marked poor); the visits in a CSV named for the township."""
    write_xls(root / "岭下乡结对帮扶花名册.xls", [
        Sheet("Sheet1", [
            ["岭下乡坪上村结对帮扶花名册"],
            ["户主姓名", "组别", "家庭人口"],
            ["彭春生", "1组", 4],
            ["彭夏生", "1组", 2],
            ["彭秋生", "2组", 5],
            ["彭冬生", "2组", 3],
            ["游桂花", "3组", 1],
            ["游金华", "3组", 6],
        ], merges=["A1:C1"]),
    ])
    write_csv(root / "岭下乡走访.csv", [
        ["走访日期", "村", "被走访户主", "走访人"],
        ["2011-6-6", "坪上村", "彭春生", "汤亮"],
        ["2011-6-7", "坪上村", "游桂花", "汤亮"],
    ], "utf-8-sig")


def positive_funds_three_columns(root: Path) -> None:
    """沙坝乡: a sheet named 筹资台账 with 日期 / 金额 / 备注 and nothing else, no title; the
    township in the file name."""
    write_xlsx(root / "沙坝乡三送工作.xlsx", [
        Sheet("筹资台账", [
            ["日期", "金额", "备注"],
            [D(2011, 2, 10), 5000, "县财政局拨付修路款"],
            [D(2011, 3, 22), 12000, "乡贤刘某捐资助学"],
            [D(2011, 5, 6), 3000, "村民自筹"],
            ["合计", 20000, None],  # total
        ]),
    ])


def positive_dispute_category_result(root: Path) -> None:
    """黄沙乡 (CSV, GB18030): a dispute register whose type column is 类别, its outcome 结果, its
    date 日期."""
    write_csv(root / "黄沙乡矛盾纠纷排查登记.csv", [
        ["黄沙乡2011年矛盾纠纷排查登记表"],
        ["序号", "日期", "村", "类别", "当事人", "结果"],
        [1, "2011-1-12", "黄沙村", "山林", "钟某、刘某", "调解成功"],
        [2, "2011-2-3", "黄沙村", "邻里", "张某", "已化解"],
        [3, "2011-2-25", "新圩村", "土地", "李某、王某", "未成功"],
        [4, "2011-3-14", "新圩村", "家庭", "陈某", "调处中"],
        [5, "2011-4-1", "新圩村", "其他", "赖某", "成功"],
    ], "gb18030")


def positive_works_list(root: Path) -> None:
    """枫林镇: a works list (工程名称, 投资（万元）, 受益面积（公顷）, 完工日期) titled 民生工程."""
    write_xlsx(root / "枫林镇民生工程.xlsx", [
        Sheet("工程", [
            ["枫林镇2011年民生工程建设情况"],
            ["序号", "村", "工程名称", "投资（万元）", "受益面积（公顷）", "完工日期"],
            [1, "枫林村", "枫林村水陂修复", 4.5, 20, D(2011, 8, 15)],  # 300 亩
            [2, "枫林村", "枫林村渠道防渗", 6, 12.5, D(2011, 9, 30)],  # 187.5 亩
            [3, "下坑村", "下坑村机耕道", 10, 8, D(2011, 11, 11)],  # 120 亩
            [4, "下坑村", "下坑村村小修缮", 3, "—", D(2011, 10, 1)],  # no farmland
        ], merges=["A1:F1"]),
    ])


def positive_dotted_dates(root: Path) -> None:
    """铁山乡 (.xls): 被走访人 first, then 所在村, 走访人 and 时间 written ``2011.3.5``; no title."""
    write_xls(root / "铁山乡走访台账.xls", [
        Sheet("走访", [
            ["被走访人", "所在村", "走访人", "时间", "备注"],
            ["曾火生", "铁山村", "刘红", "2011.3.5", None],
            ["曾水生", "铁山村", "刘红", "2011.3.5", None],
            ["曾火生", "铁山村", "刘红", "2011.10.12", "回访"],
            ["孙桂花", "铜锣村", "刘红", "2011.11.1", None],
        ]),
        Sheet("名单", [
            ["户主", "村", "是否贫困户"],
            ["曾火生", "铁山村", "是"],
            ["曾水生", "铁山村", "否"],
            ["孙桂花", "铜锣村", "是"],
            ["孙桂兰", "铜锣村", "是"],
        ]),
    ])


def positive_household_kind(root: Path) -> None:
    """南坑乡 (CSV, UTF-8 with BOM): the roster's poor column is 户类型 (一般户 / 低保户 / 脱贫户)."""
    write_csv(root / "南坑乡帮扶户名册.csv", [
        ["南坑乡南坑村帮扶户名册"],
        ["序号", "户主姓名", "组别", "户类型", "帮扶人"],
        [1, "赖国华", "1组", "一般户", "彭强"],
        [2, "赖国富", "1组", "低保户", "彭强"],
        [3, "赖国贵", "2组", "脱贫户", "彭强"],  # lifted out of poverty: still a 建档立卡 household, poor
        [4, "赖秀兰", "2组", "一般户", "彭强"],
        [5, "赖长发", "3组", "低保户", "彭强"],
    ], "utf-8-sig")
    write_csv(root / "南坑乡走访记录.csv", [
        ["南坑乡南坑村走访记录"],
        ["走访日期", "户主姓名", "组别", "走访人", "走访形式"],
        ["2011-8-1", "赖国华", "1组", "彭强", "入户走访"],
        ["2011-8-1", "赖国贵", "2组", "彭强", "入户走访"],
    ], "utf-8-sig")


def positive_dispute_two_row_header(root: Path) -> None:
    """清溪镇: a dispute 台账 whose two-row header groups 纠纷基本情况 over 受理时间 / 村 / 纠纷类型 /
    当事人 and 调处情况 over 调处单位 / 结果 / 办结时间 (here 调处情况 is a group, not a column)."""
    write_xlsx(root / "清溪镇纠纷台账.xlsx", [
        Sheet("台账", [
            ["清溪镇矛盾纠纷排查调处台账"],
            ["序号", "纠纷基本情况", None, None, None, "调处情况", None, None],
            [None, "受理时间", "村", "纠纷类型", "当事人", "调处单位", "结果", "办结时间"],
            [1, D(2011, 6, 2), "清溪村", "山林", "甲、乙", "村", "成功", D(2011, 6, 10)],
            [2, D(2011, 6, 15), "清溪村", "土地", "丙", "乡", "未成功", "—"],
            [3, D(2011, 7, 8), "岗背村", "邻里", "丁、戊", "组", "成功", D(2011, 7, 8)],
            [4, D(2011, 8, 20), "岗背村", "婚姻家庭", "己", "村", "调处中", None],
        ], merges=["A1:H1", "A2:A3", "B2:E2", "F2:H2"]),
    ])


def positive_place_in_sheet_names(root: Path) -> None:
    """上坝镇: no titles, a file named 台账, the township only in the sheet names."""
    write_xlsx(root / "台账.xlsx", [
        Sheet("上坝镇花名册", [
            ["村", "户主姓名", "是否贫困户", "帮扶责任人"],
            ["上坝村", "邱一华", "是", "谢东"],
            ["上坝村", "邱二华", "否", "谢东"],
            ["河背村", "谢冬生", "是", "谢东"],
        ]),
        Sheet("上坝镇走访", [
            ["走访日期", "村", "户主姓名", "走访人"],
            [D(2011, 4, 2), "上坝村", "邱一华", "谢东"],
            [D(2011, 4, 2), "河背村", "谢冬生", "谢东"],
        ]),
    ])


def positive_place_in_file_name(root: Path) -> None:
    """龙潭乡 (.xls): township and village only in the file name, sheets Sheet1 / Sheet2, no titles;
    headings 户主 / 组 / 人口 / 是否困难户 / 联系干部 and 入户时间 / 入户干部 / 内容."""
    write_xls(root / "龙潭乡花园村三送台账.xls", [
        Sheet("Sheet1", [
            ["户主", "组", "人口", "是否困难户", "联系干部"],
            ["朱一平", "1组", 4, "是", "黄勇"],
            ["朱二平", "1组", 3, "否", "黄勇"],
            ["朱三平", "2组", 5, "是", "黄勇"],
        ]),
        Sheet("Sheet2", [
            ["入户时间", "户主", "组", "入户干部", "内容"],
            [D(2011, 7, 7), "朱一平", "1组", "黄勇", "宣传政策"],
            [D(2011, 7, 7), "朱三平", "2组", "黄勇", "了解生产情况"],
        ]),
    ])


def positive_relief_list_titled_roster(root: Path) -> None:
    """梅江镇: a Spring Festival relief-visit list titled …走访慰问花名册 (慰问时间, 户名, 慰问领导,
    慰问品, 慰问金): visits, whatever its title calls it; the roster in its own file."""
    write_xlsx(root / "梅江镇2011年春节走访慰问花名册.xlsx", [
        Sheet("慰问", [
            ["梅江镇2011年春节走访慰问花名册"],
            ["序号", "村", "户名", "慰问时间", "慰问领导", "慰问品", "慰问金（元）"],
            [1, "梅江村", "罗大明", D(2011, 1, 28), "李局长", "大米一袋、食用油一桶", 300],
            [2, "梅江村", "罗小明", D(2011, 1, 28), "李局长", "大米一袋、食用油一桶", 300],
            [3, "塘下村", "刘金莲", D(2011, 1, 29), "王书记", "棉被一床", 500],
            ["合计", None, "3户", None, None, None, 1100],  # total
        ], merges=["A1:G1"]),
    ])
    write_xlsx(root / "梅江镇结对帮扶花名册.xlsx", [
        Sheet("花名册", [
            ["梅江镇结对帮扶花名册"],
            ["村", "户主姓名", "是否贫困户", "帮扶责任人"],
            ["梅江村", "罗大明", "是", "李局长"],
            ["梅江村", "罗小明", "是", "李局长"],
            ["梅江村", "罗春明", "否", "李局长"],
            ["塘下村", "刘金莲", "是", "王书记"],
        ]),
    ])


def positive_tick_marks_late_header(root: Path) -> None:
    """大田乡: an 附件 line, a title, a 填报单位 line, then the header on row 4; the poor marked ``√``
    under 贫困户（打√） and left blank otherwise; 挂点干部 and 村别."""
    write_xlsx(root / "大田乡挂点帮扶农户名单.xlsx", [
        Sheet("名单", [
            ["附件2"],
            ["大田乡挂点帮扶农户名单"],
            ["填报单位：大田乡三送办（盖章）", None, None, None, "填报时间：2011年3月10日"],
            ["序号", "村别", "户主", "家庭人口（人）", "贫困户（打√）", "挂点干部", "干部单位"],
            [1, "大田村", "温一生", 4, "√", "严平", "乡政府"],
            [2, "大田村", "温二生", 3, None, "严平", "乡政府"],  # blank: not poor (a tick list)
            [3, "大田村", "温三生", 5, "√", "严平", "乡政府"],
            [4, "竹坑村", "何一民", 2, "√", "邓华", "县林业局"],
            [5, "竹坑村", "何二民", 6, None, "邓华", "县林业局"],  # blank: not poor
        ], merges=["A2:G2"]),
    ])


def positive_donation_register(root: Path) -> None:
    """白水镇 (CSV, GB18030): a donation register (捐款人, 捐款金额, 捐款时间, 用于), one amount in 万元."""
    write_csv(root / "白水镇爱心捐款登记.csv", [
        ["白水镇“三送”爱心捐款登记表"],
        ["序号", "捐款人", "捐款金额", "捐款时间", "用于"],
        [1, "县水保局", 10000, "2011-1-20", "春节慰问困难户"],
        [2, "个体户刘某某", 2000, "2011-1-22", "春节慰问困难户"],
        [3, "白水村在外乡贤", "1.5万元", "2011-2-10", "修建村道"],  # 15000
        ["合计", None, 27000, None, None],  # total
    ], "gb18030")


def positive_name_column_roster(root: Path) -> None:
    """金坑乡 (CSV, GB18030): a roster headed only 姓名 / 组 / 人数 / 包扶干部 under a 包扶对象名单 title
    (a people register has 姓名 too: here the title says whose names they are), and a visit log of
    时间 / 姓名 / 组 / 走访人."""
    write_csv(root / "金坑乡包扶对象名单.csv", [
        ["金坑乡金坑村三送包扶对象名单"],
        ["序号", "姓名", "组", "人数", "包扶干部"],
        [1, "王来福", "1组", 3, "廖明"],
        [2, "王来喜", "1组", 5, "廖明"],
        [3, "王秀珍", "2组", 2, "廖明"],
        [4, "王德胜", "3组", 4, "廖明"],
    ], "gb18030")
    write_csv(root / "金坑乡走访记录.csv", [
        ["金坑乡金坑村走访记录"],
        ["时间", "姓名", "组", "走访人"],
        ["2011-9-9", "王来福", "1组", "廖明"],
        ["2011-9-9", "王秀珍", "2组", "廖明"],
    ], "gb18030")


POSITIVES = {
    "date_only_heading": positive_date_only_heading,
    "three_column_roster": positive_three_column_roster,
    "funds_three_columns": positive_funds_three_columns,
    "dispute_category_result": positive_dispute_category_result,
    "works_list": positive_works_list,
    "dotted_dates": positive_dotted_dates,
    "household_kind": positive_household_kind,
    "dispute_two_row_header": positive_dispute_two_row_header,
    "place_in_sheet_names": positive_place_in_sheet_names,
    "place_in_file_name": positive_place_in_file_name,
    "relief_list_titled_roster": positive_relief_list_titled_roster,
    "tick_marks_late_header": positive_tick_marks_late_header,
    "donation_register": positive_donation_register,
    "name_column_roster": positive_name_column_roster,
}

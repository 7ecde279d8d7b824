"""三送 ledgers as township and county clerks really lay them out in Excel/WPS, one raw folder each.

None of these layouts is in ``tests/foreign``, ``tests/unseen`` or the demo generator. Each
``township_*`` function writes one township's raw folder under ``root``; the figures a person
reads from it are in ``test_townships.py``, counted by hand from the rows below (every row that is
not a plain record is commented). Where a layout is read by a person in one way only, that is
the expectation; the few layouts a person could read two ways are left out (see the module
docstring of ``test_townships.py``).

The personal numbers planted here (``PLANTED_PII``) must never reach the processed folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from foreign.offices import Sheet, write_csv, write_xls, write_xlsx

from .writers import Formula, write_xlsx_formulas

D = dt.date

PLANTED_PII = (
    "13807971111", "13907972222", "13507973333", "13870790001", "13870790002", "15979790003",
    "13870790004", "362131197003051234", "362131195811110021",
)


def serial(d: dt.date) -> int:
    """The Excel serial number of a date (what a date cell formatted 常规 shows)."""
    return (d - dt.date(1899, 12, 30)).days


# --------------------------------------------------------------------------- rosters and visits


def township_three_row_roster(root: Path) -> None:
    """新城镇: a 建档立卡-style roster under a three-row header (贫困户基本情况 › 户主 › 姓名 / 性别;
    帮扶责任人 › 姓名 / 单位 / 联系电话): two columns headed 姓名, one the household, one the cadre.
    The visit log beside it gives the household's village and group only in 家庭住址."""
    write_xlsx(root / "新城镇" / "新城镇洋坑村结对帮扶台账.xlsx", [
        Sheet("帮扶名册", [
            ["新城镇洋坑村结对帮扶花名册"],
            ["序号", "贫困户基本情况", None, None, None, None, "帮扶责任人", None, None, "备注"],
            [None, "户主", None, "组别", "家庭人口", "户类型", "姓名", "工作单位", "联系电话", None],
            [None, "姓名", "性别", None, None, None, None, None, None, None],
            [1, "刘春华", "男", "一组", 4, "贫困户", "陈志明", "县水保局", "13807971111", None],
            [2, "刘秋华", "男", "一组", 3, "一般户", "陈志明", "县水保局", "13807971111", None],
            [3, "钟玉莲", "女", "二组", 2, "低保户", "陈志明", "县水保局", "13807971111", None],
            [4, "钟德胜", "男", "三组", 5, "贫困户", "黄丽", "县水保局", "13907972222", None],
            [5, "赖福生", "男", "三组", 1, "五保户", "黄丽", "县水保局", "13907972222", None],
            ["合计", None, None, None, 15, None, None, None, None, None],  # total of 家庭人口
        ], merges=["A1:J1", "A2:A4", "B2:F2", "G2:I2", "J2:J4", "B3:C3", "D3:D4", "E3:E4", "F3:F4",
                   "G3:G4", "H3:H4", "I3:I4"]),
        Sheet("走访记录", [
            ["洋坑村三送入户走访登记表"],
            ["序号", "走访时间", "走访对象", "家庭住址", "走访人", "走访内容", "解决问题"],
            [1, D(2011, 3, 2), "刘春华", "洋坑村一组", "陈志明", "了解春耕生产", "送化肥2包"],
            [2, D(2011, 3, 2), "钟玉莲", "洋坑村二组", "陈志明", "宣传新农合政策", "无"],
            [3, D(2011, 4, 15), "钟德胜", "洋坑村三组", "黄丽", "入户走访", "协调危房改造"],
            [4, D(2011, 4, 15), "刘春华", "洋坑村一组", "陈志明", "回访", None],
        ], merges=["A1:G1"]),
    ])


def township_monthly_columns(root: Path) -> None:
    """杨梅镇: one row a household, the year's visits in twelve month columns (each holding the
    date of that month's visit) under a merged 走访情况 group; the roster is the same rows."""
    months = [f"{m}月" for m in range(1, 13)]

    def row(n, name, group, members, cadre, visits):
        cells = [None] * 12
        for month, value in visits.items():
            cells[month - 1] = value
        return [n, name, group, members, cadre, *cells, None]

    write_xlsx(root / "杨梅镇" / "2011年结对帮扶走访情况表.xlsx", [
        Sheet("Sheet1", [
            ["杨梅镇上洞村2011年结对帮扶户走访情况登记表"],
            ["序号", "户主姓名", "组别", "家庭人口", "帮扶责任人", "走访情况（填写走访日期）", *[None] * 11, "备注"],
            [None, None, None, None, None, *months, None],
            row(1, "温建华", "一组", 4, "李国强", {1: D(2011, 1, 20), 3: D(2011, 3, 8), 6: "6月12日"}),
            row(2, "温建平", "一组", 3, "李国强", {1: D(2011, 1, 20)}),
            row(3, "罗小英", "二组", 5, "李国强", {}),  # never visited
            row(4, "罗大发", "二组", 2, "张红", {2: D(2011, 2, 14), 9: D(2011, 9, 9)}),
            row(5, "谢水根", "三组", 6, "张红", {12: D(2011, 12, 25)}),
        ], merges=["A1:R1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:Q2", "R2:R3"]),
    ])


def township_several_households_a_row(root: Path) -> None:
    """竹坑乡 (.xls): a 走访日志 whose rows are a cadre's day, the households visited that day listed
    in one cell (``李金水、李木水、邓春兰``); the roster on the next sheet."""
    write_xls(root / "竹坑乡走访日志.xls", [
        Sheet("走访日志", [
            ["竹坑乡坪头村三送工作组走访日志"],
            ["日期", "走访人员", "走访农户", "主要内容", "备注"],
            [D(2011, 3, 5), "肖平、王芳", "李金水、李木水、邓春兰", "了解春耕备耕情况", None],  # three visits
            [D(2011, 3, 19), "肖平", "邓春兰", "送慰问金200元", None],
            [D(2011, 4, 2), "王芳", "李金水，邓秋生", "宣传新农保政策", None],  # two visits
        ], merges=["A1:E1"]),
        Sheet("包扶户", [
            ["竹坑乡坪头村包扶户名单"],
            ["户主姓名", "组别", "是否困难户", "包扶干部"],
            ["李金水", "1组", "是", "肖平"],
            ["李木水", "1组", "否", "肖平"],
            ["邓春兰", "2组", "是", "王芳"],
            ["邓秋生", "2组", "否", "王芳"],
            ["邓冬生", "3组", "是", "王芳"],  # never visited
        ]),
    ])


def township_sheet_per_group(root: Path) -> None:
    """古城镇: the visit log split into a sheet per 村民小组 (一组, 二组, 三组) with no group column;
    two households of one name, 曾福生 of 一组 and of 三组, each visited in his group's sheet."""
    header = ["走访日期", "户主姓名", "走访干部", "走访内容"]
    write_xlsx(root / "古城镇" / "古城镇桐坑村走访台账.xlsx", [
        Sheet("花名册", [
            ["古城镇桐坑村结对帮扶花名册"],
            ["户主", "组别", "人口", "是否贫困户", "结对干部"],
            ["曾福生", "一组", 4, "是", "吴刚"],
            ["曾福来", "一组", 3, "否", "吴刚"],
            ["曾福生", "三组", 2, "是", "吴刚"],  # same name, another group: another household
            ["朱桂兰", "二组", 5, "是", "刘敏"],
            ["朱有才", "二组", 3, "否", "刘敏"],  # never visited
        ], merges=["A1:E1"]),
        Sheet("一组", [
            header,
            [D(2011, 2, 10), "曾福生", "吴刚", "入户走访"],  # 一组's 曾福生
            [D(2011, 5, 6), "曾福来", "吴刚", "政策宣传"],
        ]),
        Sheet("二组", [
            header,
            [D(2011, 2, 11), "朱桂兰", "刘敏", "慰问"],
        ]),
        Sheet("三组", [
            header,
            [D(2011, 2, 12), "曾福生", "吴刚", "入户走访"],  # 三组's 曾福生
        ]),
    ])


def township_unit_row_only(root: Path) -> None:
    """樟溪乡: the township only in a ``填报单位：樟溪乡人民政府（盖章）`` row beside a 填报日期; letter-spaced
    headings with line breaks; a note in the middle of the data; 序号 restarting per village. The
    folder (``2011年台账``) and file names name no place."""
    write_xlsx(root / "2011年台账" / "走访登记.xlsx", [
        Sheet("Sheet1", [
            ["三送工作入户走访登记表"],
            ["填报单位：樟溪乡人民政府（盖章）", None, None, None, "填报日期：2011年12月28日", None, None],
            ["序 号", "走 访\n日 期", "村  别", "被走访\n户主姓名", "走访\n干部", "走访形式\n（入户/电话）", "备  注"],
            [1, "2011-1-8", "河背村", "彭桂林", "游建", "入户", None],
            [2, "2011-1-8", "河背村", "彭桂森", "游建", "入户", None],
            [3, "2011-1-22", "河背村", "彭桂林", "游建", "电话", None],
            ["注：2月份春节期间暂停入户走访，改为电话联系。"],  # a note between the months
            [1, "2011-3-3", "石角村", "孔繁荣", "曹丽", "入户", None],
            [2, "2011-3-3", "石角村", "孔繁华", "曹丽", "入户", None],
            [3, "2011-3-10", "石角村", "孔繁荣", "曹丽", "入户", None],
        ], merges=["A1:G1", "A2:D2", "E2:G2", "A7:G7"]),
        Sheet("Sheet2", [
            ["填报单位：樟溪乡人民政府"],
            ["村别", "户主姓名", "家庭人口", "是否困难户", "联系干部"],
            ["河背村", "彭桂林", 3, "是", "游建"],
            ["河背村", "彭桂森", 4, "否", "游建"],
            ["河背村", "彭桂木", 2, "是", "游建"],  # never visited
            ["石角村", "孔繁荣", 5, "是", "曹丽"],
            ["石角村", "孔繁华", 2, "否", "曹丽"],
        ]),
    ])


def township_tick_matrix_disputes(root: Path) -> None:
    """罗坊镇 (.xls): a dispute register whose type and outcome are tick columns: 纠纷类型 over
    山林 / 土地 / 邻里 / 婚姻家庭 / 其他, 调处结果 over 成功 / 未成功 / 在调处, a ``√`` in one of each;
    a 合计 row counting the ticks."""
    write_xls(root / "罗坊镇矛盾纠纷排查调处登记表.xls", [
        Sheet("Sheet1", [
            ["罗坊镇2011年矛盾纠纷排查调处台账"],
            ["序号", "受理时间", "村", "当事人", "纠纷类型", None, None, None, None, "调处结果", None, None, "办结时间"],
            [None, None, None, None, "山林", "土地", "邻里", "婚姻家庭", "其他", "成功", "未成功", "在调处", None],
            [1, D(2011, 1, 12), "沙村", "李某甲与李某乙", "√", None, None, None, None, "√", None, None, D(2011, 1, 20)],
            [2, D(2011, 2, 3), "沙村", "王某与张某", None, "√", None, None, None, "√", None, None, D(2011, 2, 15)],
            [3, D(2011, 3, 18), "罗坊村", "陈某某夫妇", None, None, None, "√", None, None, "√", None, None],
            [4, D(2011, 5, 6), "罗坊村", "刘某与邻居", None, None, "√", None, None, None, None, "√", None],
            [5, D(2011, 6, 21), "下坊村", "曾某与村小组", "√", None, None, None, None, "√", None, None, D(2011, 7, 1)],
            ["合计", None, None, None, 2, 1, 1, 1, 0, 3, 1, 1, None],
        ], merges=["A1:M1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:I2", "J2:L2", "M2:M3"]),
    ])


def township_projects_unit_row(root: Path) -> None:
    """桥头镇: a 办实事 project table whose units stand in a row of their own under the headings
    (万元 / 亩 / 户), its 合计 row first, above the projects, and section rows (一、基础设施类)."""
    write_xlsx(root / "桥头镇" / "桥头镇三送办实事项目台账.xlsx", [
        Sheet("项目", [
            ["桥头镇2011年三送工作为民办实事项目统计表"],
            ["序号", "项目名称", "建设地点", "建设规模", "投资额", "受益农田", "受益户数", "竣工时间"],
            [None, None, None, None, "万元", "亩", "户", None],  # the units row
            ["合计", None, None, None, 131.5, 1030, 455, None],  # the total, before the projects
            ["一、基础设施类"],
            [1, "洋田村机耕道硬化", "洋田村", "长1.2公里宽3米", 45, 300, 120, "2011.8"],
            [2, "高坑水陂修复", "高坑村", "拦河坝1座", 12.5, 680, 210, "2011年10月"],
            ["二、民生类"],
            [1, "洋田小学危房改造", "洋田村", "建筑面积400平方米", 60, None, None, "2011-9-1"],
            [2, "高坑村组道路硬化", "高坑村", "长800米", 14, 50, 125, "2011年12月"],
        ], merges=["A1:H1", "A5:H5", "A8:H8"]),
    ])


def township_funds_by_source(root: Path) -> None:
    """洋田乡: a funds ledger whose two-row header groups 筹资金额 over 财政资金 / 帮扶单位 / 社会捐赠 /
    小计, with a running 累计 column; 小计, 累计 and the total row are formulas (with the values
    Excel cached). Every source is money raised: the funds are the 小计 column."""
    write_xlsx_formulas(root / "洋田乡三送筹资台账.xlsx", [
        Sheet("筹资", [
            ["洋田乡2011年三送工作筹资情况登记表"],
            [None, None, None, None, None, None, None, "单位：元"],
            ["序号", "日期", "用途", "筹资金额", None, None, None, "累计"],
            [None, None, None, "财政资金", "帮扶单位", "社会捐赠", "小计", None],
            [1, D(2011, 1, 18), "春节慰问", 0, 4000, 1000, Formula("=SUM(D5:F5)", 5000), Formula("=G5", 5000)],
            [2, D(2011, 3, 22), "修路", 150000, 30000, 20000, Formula("=SUM(D6:F6)", 200000), Formula("=H5+G6", 205000)],
            [3, D(2011, 6, 10), "助学", None, 1000, 10000, Formula("=SUM(D7:F7)", 11000), Formula("=H6+G7", 216000)],
            [4, D(2011, 9, 1), "村部建设", 5000, 5000, None, Formula("=SUM(D8:F8)", 10000), Formula("=H7+G8", 226000)],
            ["合计", None, None, Formula("=SUM(D5:D8)", 155000), Formula("=SUM(E5:E8)", 40000),
             Formula("=SUM(F5:F8)", 31000), Formula("=SUM(G5:G8)", 226000), None],
        ], merges=["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4"]),
    ])


def township_household_files(root: Path) -> None:
    """坳背乡: 一户一档 — a sheet per household named for its head, the household's particulars as a
    form at the top (户主姓名 | 钟林生 | 所在组 | 三组 …) and its visits in a small table below."""

    def household(name, group, members, poor, visits):
        rows = [
            ["结对帮扶户基本情况及走访记录"],
            ["户主姓名", name, "所在组", group, "家庭人口", members],
            ["是否贫困户", poor, "帮扶责任人", "刘文", "联系电话", "13507973333"],
            ["致贫原因", "因病" if poor == "是" else "缺劳力"],
            [],
            ["走访记录"],
            ["序号", "走访时间", "走访人", "走访内容", None, "户主签字"],
        ]
        for n, (date, content) in enumerate(visits, start=1):
            rows.append([n, date, "刘文", content, None, None])
        merges = ["A1:F1", "B4:F4", "A6:F6", "D7:E7"] + [f"D{8 + i}:E{8 + i}" for i in range(len(visits))]
        return Sheet(name, rows, merges)

    write_xlsx(root / "坳背乡" / "坳背乡大坪村结对帮扶户档案.xlsx", [
        household("钟林生", "三组", 4, "是", [(D(2011, 2, 18), "春节慰问，送慰问金300元"), (D(2011, 5, 20), "了解产业发展情况")]),
        household("钟水生", "三组", 2, "否", [(D(2011, 5, 20), "宣传政策")]),
        household("吴秀英", "一组", 3, "是", []),  # no visit yet: the table under the form is empty
    ])


def township_csv_mixed_dates(root: Path) -> None:
    """蕉坑乡 (CSV, GB18030): a title line, then dates written five ways in one column (2011/3/9,
    2011年3月15日, 2011.3.15, 3月25日 under a title naming 2011, 20110408); the roster in its own CSV."""
    write_csv(root / "蕉坑乡走访登记.csv", [
        ["蕉坑乡石下村2011年入户走访登记表"],
        ["走访日期", "户主", "所在组", "走访人", "走访方式", "慰问金（元）"],
        ["2011/3/9", "邱木林", "1组", "何平", "入户走访", None],
        ["2011年3月15日", "邱木森", "1组", "何平", "入户走访", None],
        ["2011.3.15", "邱水莲", "2组", "何平", "慰问", 200],
        ["3月25日", "邱木林", "1组", "何平", "电话回访", None],
        ["20110408", "邱火旺", "3组", "何平", "入户走访", None],
    ], "gb18030")
    write_csv(root / "蕉坑乡包扶户名单.csv", [
        ["蕉坑乡石下村结对帮扶户名单"],
        ["户主", "所在组", "家庭人口", "是否贫困户", "帮扶人"],
        ["邱木林", "1组", 4, "是", "何平"],
        ["邱木森", "1组", 2, "否", "何平"],
        ["邱水莲", "2组", 3, "是", "何平"],
        ["邱火旺", "3组", 5, "否", "何平"],
        ["邱土生", "3组", 1, "是", "何平"],  # never visited
    ], "gb18030")


def township_filtered_serials(root: Path) -> None:
    """燕坊镇: sheets named in pinyin (zoufang, huamingce), no titles; visit dates as Excel serial
    numbers in a 常规 column mixed with text and date cells; 序号 as =ROW()-1 formulas; the clerk
    left a filter on showing 上湾村 only, so 下湾村's rows are hidden (they are still the ledger's)."""
    write_xlsx_formulas(root / "燕坊镇" / "燕坊镇走访登记表.xlsx", [
        Sheet("zoufang", [
            ["序号", "村名", "组", "被走访户", "走访时间", "走访人", "内容"],
            [Formula("=ROW()-1", 1), "上湾村", "一组", "黄家旺", serial(D(2011, 2, 1)), "李明", "入户"],
            [Formula("=ROW()-1", 2), "上湾村", "一组", "黄家兴", "2011-02-01", "李明", "入户"],
            [Formula("=ROW()-1", 3), "下湾村", "二组", "杨春花", serial(D(2011, 2, 15)), "王霞", "慰问"],  # hidden
            [Formula("=ROW()-1", 4), "下湾村", "二组", "杨秋花", serial(D(2011, 2, 15)), "王霞", "慰问"],  # hidden
            [Formula("=ROW()-1", 5), "上湾村", "一组", "黄家旺", D(2011, 6, 15), "李明", "入户"],
            [Formula("=ROW()-1", 6), "下湾村", "三组", "杨冬生", "2011.7.1", "王霞", "入户"],  # hidden
        ]),
        Sheet("huamingce", [
            ["村名", "组", "户主", "人口", "是否贫困户", "帮扶人"],
            ["上湾村", "一组", "黄家旺", 3, "是", "李明"],
            ["上湾村", "一组", "黄家兴", 4, "否", "李明"],
            ["下湾村", "二组", "杨春花", 2, "是", "王霞"],
            ["下湾村", "二组", "杨秋花", 5, "否", "王霞"],
            ["下湾村", "三组", "杨冬生", 3, "是", "王霞"],
            ["下湾村", "三组", "杨夏生", 6, "否", "王霞"],  # never visited
        ]),
    ], hidden_rows={"zoufang": (4, 5, 7)}, filters={"zoufang": "A1:G7"})


def township_cadre_rows(root: Path) -> None:
    """长冈乡: a cadre per row, his households across it in slots (联系户1 | 走访时间 | 联系户2 | …);
    the roster in an .xls of its own."""
    write_xlsx(root / "长冈乡" / "长冈乡石门村干部走访农户情况表.xlsx", [
        Sheet("走访", [
            ["长冈乡石门村三送干部联系农户走访情况表"],
            ["序号", "帮扶干部", "联系户1", "走访时间", "联系户2", "走访时间", "联系户3", "走访时间"],
            [1, "朱文", "刘光明", D(2011, 3, 1), "刘光亮", D(2011, 3, 1), "谢金花", D(2011, 3, 8)],
            [2, "廖红", "谢银花", D(2011, 3, 9), "谢铁生", D(2011, 4, 12), None, None],
        ], merges=["A1:H1"]),
    ])
    write_xls(root / "长冈乡" / "长冈乡石门村结对帮扶花名册.xls", [
        Sheet("花名册", [
            ["户主姓名", "组别", "是否贫困户", "结对干部"],
            ["刘光明", "1组", "是", "朱文"],
            ["刘光亮", "1组", "否", "朱文"],
            ["谢金花", "2组", "是", "朱文"],
            ["谢银花", "2组", "否", "廖红"],
            ["谢铁生", "3组", "是", "廖红"],
            ["谢铜生", "3组", "否", "廖红"],  # never visited
        ]),
    ])


def township_two_tables_one_sheet(root: Path) -> None:
    """葛坳乡: 一村一表 — the roster and, under it after two blank rows and a section title, the visit
    log, each with its own header, on one sheet."""
    write_xlsx(root / "葛坳乡" / "葛坳乡澄江村三送工作台账.xlsx", [
        Sheet("澄江村", [
            ["葛坳乡澄江村三送工作台账"],
            ["一、结对帮扶户名单"],
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
            [1, "廖春生", "1组", 4, "是", "邹强"],
            [2, "廖夏生", "1组", 3, "否", "邹强"],  # never visited
            [3, "何秀兰", "2组", 2, "是", "邹强"],
            [4, "何德明", "4组", 5, "否", "钟华"],
            [],
            [],
            ["二、入户走访记录"],
            ["序号", "走访日期", "被走访户主", "走访干部", "走访内容", "备注"],
            [1, D(2011, 3, 12), "廖春生", "邹强", "入户走访", None],
            [2, D(2011, 3, 12), "何秀兰", "邹强", "慰问", None],
            [3, D(2011, 5, 30), "廖春生", "邹强", "宣传政策", None],
            [4, D(2011, 6, 2), "何德明", "钟华", "入户走访", None],
        ], merges=["A1:F1", "A2:F2", "A10:F10"]),
    ])


def township_name_and_phone(root: Path) -> None:
    """丰山乡: the visit log's household column is 走访对象及联系方式, each cell a name and a mobile
    number (``赖长春 13870790001``), once without the number."""
    write_xlsx(root / "丰山乡" / "丰山乡龙岭村入户走访表.xlsx", [
        Sheet("Sheet1", [
            ["丰山乡龙岭村2011年三送入户走访登记表"],
            ["序号", "走访时间", "走访对象及联系方式", "走访人", "走访内容"],
            [1, D(2011, 4, 6), "赖长春 13870790001", "张军", "入户走访"],
            [2, D(2011, 4, 6), "赖长秋\u300013870790002", "张军", "入户走访"],
            [3, D(2011, 4, 20), "赖长春", "张军", "送种子"],
            [4, D(2011, 5, 11), "欧阳红梅 15979790003", "张军", "入户走访"],
        ], merges=["A1:E1"]),
        Sheet("Sheet2", [
            ["户主姓名", "组", "是否贫困户", "帮扶干部", "联系电话"],
            ["赖长春", "一组", "是", "张军", "13870790001"],
            ["赖长秋", "一组", "否", "张军", "13870790002"],
            ["欧阳红梅", "二组", "是", "张军", "15979790003"],
            ["赖长冬", "二组", "是", "张军", "13870790004"],  # never visited
        ]),
    ])


def township_member_rows(root: Path) -> None:
    """银坑镇: a roster that lists every member of each household, the 户主姓名, 序号, 是否贫困户 and
    帮扶责任人 cells merged down over the household's rows."""
    write_xlsx(root / "银坑镇" / "银坑镇结对帮扶对象家庭成员花名册.xlsx", [
        Sheet("花名册", [
            ["银坑镇坳头村结对帮扶对象花名册"],
            ["序号", "户主姓名", "家庭成员", "与户主关系", "性别", "年龄", "是否贫困户", "帮扶责任人"],
            [1, "蓝天佑", "蓝天佑", "户主", "男", 52, "是", "陈红"],
            [None, None, "温秀梅", "妻", "女", 50, None, None],
            [None, None, "蓝小军", "子", "男", 24, None, None],
            [None, None, "蓝小燕", "女", "女", 19, None, None],
            [2, "蓝天佐", "蓝天佐", "户主", "男", 47, "否", "陈红"],
            [None, None, "李金凤", "妻", "女", 45, None, None],
            [3, "钟石根", "钟石根", "户主", "男", 71, "是", "刘兵"],  # never visited
        ], merges=["A1:H1", "A3:A6", "B3:B6", "G3:G6", "H3:H6", "A7:A8", "B7:B8", "G7:G8", "H7:H8"]),
    ])
    write_xlsx(root / "银坑镇" / "走访.xlsx", [
        Sheet("Sheet1", [
            ["走访日期", "村", "户主", "走访人"],
            [D(2011, 3, 3), "坳头村", "蓝天佑", "陈红"],
            [D(2011, 3, 3), "坳头村", "蓝天佐", "陈红"],
        ]),
    ])


def township_month_day_columns(root: Path) -> None:
    """莲塘镇 (.xls): the visit date in two columns, 月 and 日, under a merged 走访时间, the year in the
    title."""
    write_xls(root / "莲塘镇" / "莲塘镇岭背村2011年走访登记.xls", [
        Sheet("走访", [
            ["莲塘镇岭背村2011年三送入户走访登记表"],
            ["序号", "走访时间", None, "被走访户主", "组别", "走访干部", "走访内容"],
            [None, "月", "日", None, None, None, None],
            [1, 3, 5, "宋金发", "2组", "罗斌", "入户"],
            [2, 3, 5, "宋银发", "2组", "罗斌", "入户"],
            [3, 4, 18, "宋金发", "2组", "罗斌", "慰问"],
            [4, 7, 2, "宋铜发", "3组", "罗斌", "入户"],
        ], merges=["A1:G1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3"]),
        Sheet("名册", [
            ["户主", "组别", "家庭人口", "是否困难户", "结对干部"],
            ["宋金发", "2组", 3, "是", "罗斌"],
            ["宋银发", "2组", 4, "否", "罗斌"],
            ["宋铜发", "3组", 2, "是", "罗斌"],
            ["宋铁发", "3组", 5, "是", "罗斌"],  # never visited
        ]),
    ])


def township_mediation_sentences(root: Path) -> None:
    """湖洋乡: the 人民调解委员会's register: 编号 like 湖调〔2011〕1号, the dispute only in 纠纷简要情况,
    the outcome a sentence (经调解双方达成协议 / 调解不成，已引导诉讼 / 双方握手言和 / 正在调解中)."""
    write_xlsx(root / "湖洋乡人民调解登记台账.xlsx", [
        Sheet("调解登记", [
            ["湖洋乡人民调解委员会纠纷受理调解登记台账（2011年）"],
            ["编号", "受理日期", "当事人", "纠纷简要情况", "调解结果", "调解员", "备注"],
            ["湖调〔2011〕1号", "2011年1月10日", "陈某、林某", "山林界址纠纷", "经调解双方达成协议，已履行", "黄华", None],
            ["湖调〔2011〕2号", "2011年2月21日", "钟某某夫妇", "婚姻家庭纠纷", "调解不成，已引导诉讼", "黄华", None],
            ["湖调〔2011〕3号", "2011年4月3日", "谢某与邻居", "宅基地边界纠纷", "双方握手言和", "黄华", None],
            ["湖调〔2011〕4号", "2011年6月15日", "廖某、王某", "债务纠纷", "正在调解中", "钟明", None],
            ["湖调〔2011〕5号", "2011年8月9日", "村民小组与刘某", "土地承包纠纷", "调解成功", "钟明", None],
        ], merges=["A1:G1"]),
    ])


def township_system_export(root: Path) -> None:
    """梓山镇 (CSV, GB18030): exports of an information system: 所属乡镇 / 所属村 / 户编码 columns,
    visit times with the clock (``2011-03-05 10:30:00``), 贫困户属性 such as 一般贫困户 / 非贫困户, and
    one visit exported twice."""
    write_csv(root / "梓山镇帮扶户导出.csv", [
        ["序号", "所属乡镇", "所属村", "户编码", "户主姓名", "家庭人口", "贫困户属性", "帮扶责任人"],
        [1, "梓山镇", "潭头村", "3607330102001", "曾凡生", 4, "一般贫困户", "刘华"],
        [2, "梓山镇", "潭头村", "3607330102002", "曾凡华", 3, "非贫困户", "刘华"],
        [3, "梓山镇", "潭头村", "3607330102003", "曾桂香", 1, "五保贫困户", "刘华"],
        [4, "梓山镇", "新街村", "3607330105001", "黄志坚", 5, "低保贫困户", "吴琴"],
        [5, "梓山镇", "新街村", "3607330105002", "黄志强", 2, "非贫困户", "吴琴"],  # never visited
    ], "gb18030")
    write_csv(root / "梓山镇走访记录导出.csv", [
        ["序号", "所属乡镇", "所属村", "户编码", "户主姓名", "走访日期", "走访干部", "走访类型"],
        [1, "梓山镇", "潭头村", "3607330102001", "曾凡生", "2011-03-05 10:30:00", "刘华", "入户走访"],
        [2, "梓山镇", "潭头村", "3607330102003", "曾桂香", "2011-03-05 15:10:00", "刘华", "慰问"],
        [3, "梓山镇", "新街村", "3607330105001", "黄志坚", "2011-03-07 09:00:00", "吴琴", "入户走访"],
        [4, "梓山镇", "新街村", "3607330105001", "黄志坚", "2011-03-07 09:00:00", "吴琴", "入户走访"],  # exported twice
        [5, "梓山镇", "潭头村", "3607330102001", "曾凡生", "2011-06-18 16:45:00", "刘华", "政策宣讲"],
    ], "gb18030")


def township_donations_two_blocks(root: Path) -> None:
    """岗面乡: a donation list printed two entries to a line (序号 | 捐款单位（个人） | 金额 twice
    across), the grand total under the right-hand block."""
    write_xlsx(root / "岗面乡" / "岗面乡2011年三送捐款明细.xlsx", [
        Sheet("捐款", [
            ["岗面乡2011年三送工作爱心捐款明细表"],
            [None, None, None, None, None, "单位：元"],
            ["序号", "捐款单位（个人）", "金额", "序号", "捐款单位（个人）", "金额"],
            [1, "县财政局", 5000, 6, "刘建国", 500],
            [2, "县教育局", 3000, 7, "陈小平", 300],
            [3, "县农业银行", 2000, 8, "王军", 200],
            [4, "乡直机关干部", 1500, 9, "曾红", 200],
            [5, "岗面中学", 800, None, None, None],
            ["合计", None, None, None, None, 13500],
        ], merges=["A1:F1", "A9:E9"]),
    ])


def township_day_only_month_sheets(root: Path) -> None:
    """峡江镇: a sheet per month (3月, 4月) whose title names the year and month
    (``峡江镇东坑村2011年3月份走访登记表``) and whose date column holds the day only (``5日``)."""

    def month(m, rows):
        return Sheet(f"{m}月", [
            [f"峡江镇东坑村2011年{m}月份走访登记表"],
            ["日期", "走访对象", "组别", "走访人", "内容"],
            *rows,
        ], merges=["A1:E1"])

    write_xlsx(root / "峡江镇" / "峡江镇东坑村2011年走访登记.xlsx", [
        month(3, [
            ["5日", "龚华生", "1组", "李平", "入户"],
            ["5日", "龚华民", "1组", "李平", "入户"],
            ["20日", "龚秀英", "2组", "李平", "慰问"],
        ]),
        month(4, [
            ["8日", "龚华生", "1组", "李平", "入户"],
        ]),
    ])
    write_xlsx(root / "峡江镇" / "峡江镇花名册.xlsx", [
        Sheet("花名册", [
            ["峡江镇东坑村结对帮扶花名册"],
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["龚华生", "1组", "是", "李平"],
            ["龚华民", "1组", "否", "李平"],
            ["龚秀英", "2组", "是", "李平"],
            ["龚秀梅", "2组", "否", "李平"],  # never visited
        ], merges=["A1:D1"]),
    ])


def township_roster_two_blocks(root: Path) -> None:
    """周田乡 (.xls): a roster printed two households to a line (the five headings twice across)."""
    heading = ["序号", "户主姓名", "组别", "是否贫困户", "帮扶干部"]
    write_xls(root / "周田乡" / "周田乡结对帮扶花名册.xls", [
        Sheet("Sheet1", [
            ["周田乡上坪村结对帮扶户花名册"],
            heading + heading,
            [1, "池文华", "1组", "是", "张平", 4, "池秋生", "3组", "否", "刘洋"],
            [2, "池文光", "1组", "否", "张平", 5, "池冬生", "3组", "是", "刘洋"],
            [3, "池春生", "2组", "是", "张平", None, None, None, None, None],
        ], merges=["A1:J1"]),
    ])
    write_xlsx(root / "周田乡" / "周田乡上坪村走访.xlsx", [
        Sheet("走访", [
            ["走访日期", "被走访户主", "组别", "走访干部"],
            [D(2011, 4, 1), "池文华", "1组", "张平"],
            [D(2011, 4, 2), "池冬生", "3组", "刘洋"],
            [D(2011, 4, 2), "池秋生", "3组", "刘洋"],
        ]),
    ])


def township_disputes_date_last(root: Path) -> None:
    """仙下乡: a dispute register with the date last, the place in one 纠纷发生地 column (仙下村3组),
    and its own summary as a sentence under the table."""
    write_xlsx(root / "仙下乡综治办矛盾纠纷排查台账.xlsx", [
        Sheet("排查台账", [
            ["仙下乡2011年矛盾纠纷排查化解登记表"],
            ["纠纷类型", "当事人", "纠纷发生地", "调处层级", "是否调处成功", "是否提供法律帮助", "排查时间"],
            ["山林纠纷", "朱某某、钟某某", "仙下村3组", "村级", "是", "否", D(2011, 1, 5)],
            ["邻里纠纷", "赖某某、肖某", "仙下村1组", "组级", "是", "否", D(2011, 2, 17)],
            ["土地纠纷", "刘某、刘某某", "观下村5组", "乡级", "否", "是", D(2011, 3, 28)],
            ["山林纠纷", "观下村2组与3组", "观下村", "乡级", "是", "是", D(2011, 5, 9)],
            ["婚姻家庭", "温某夫妇", "河口村", "村级", "是", "否", D(2011, 7, 30)],
            ["共排查矛盾纠纷5起，调处成功4起，调处成功率80%。"],
        ], merges=["A1:G1", "A8:G8"]),
    ])


def township_projects_text_areas(root: Path) -> None:
    """澄江镇 (.xls): projects in a sheet called Sheet3 of a file named for nothing but the year; the
    farmland written with its unit in the cell (680亩, 二百亩, 15公顷); 总投资 beside a
    其中：帮扶单位投入 column; 完成情况 in words."""
    write_xls(root / "澄江镇" / "2011年为民办实事.xls", [
        Sheet("Sheet1", [[None]]),
        Sheet("Sheet2", [[None]]),
        Sheet("Sheet3", [
            ["澄江镇2011年三送为民办实事项目完成情况"],
            ["村别", "项目名称", "建设内容", "总投资（万元）", "其中：帮扶单位投入（万元）", "受益农田", "完成情况", "备注"],
            ["石井村", "石井水渠修复", "修复渠道1500米", 30, 10, "680亩", "已完工", None],
            ["石井村", "村部维修", "维修村部", 5, 5, None, "已完工", None],
            ["车田村", "车田陂头重建", "重建陂头1座", 18, 8, "二百亩", "已完工", None],
            ["车田村", "高标准农田建设", "土地整理", 60, 0, "15公顷", "已完工", None],
        ], merges=["A1:H1"]),
    ])


def township_diary(root: Path) -> None:
    """良村镇: a 民情日记 (日期 with the weekday, 天气, 走访户 written with its group ``3组刘庆生``,
    民情记录, 办理情况); the roster in its own file."""
    write_xlsx(root / "良村镇" / "良村镇民情日记.xlsx", [
        Sheet("民情日记", [
            ["良村镇坪石村三送工作队员民情日记"],
            ["日期", "天气", "走访户", "走访队员", "民情记录", "办理情况"],
            ["2011年3月5日 星期六", "晴", "3组刘庆生", "朱平", "反映水渠堵塞", "已协调疏通"],
            ["2011年3月5日 星期六", "晴", "3组刘庆福", "朱平", "无", None],
            ["2011年3月12日 星期六", "雨", "5组钟满娣", "朱平", "申请低保", "已报民政"],
            ["2011年4月2日 星期六", "阴", "3组刘庆生", "朱平", "了解春耕", None],
        ], merges=["A1:F1"]),
    ])
    write_xlsx(root / "良村镇" / "良村镇坪石村帮扶户名单.xlsx", [
        Sheet("名单", [
            ["组别", "户主", "是否困难户", "帮扶队员"],
            ["3组", "刘庆生", "是", "朱平"],
            ["3组", "刘庆福", "否", "朱平"],
            ["5组", "钟满娣", "是", "朱平"],
            ["5组", "钟满秀", "否", "朱平"],  # never visited
        ]),
    ])


def township_bare_place_columns(root: Path) -> None:
    """站塘乡: the roster's 乡镇 and 村 columns write the bare names (站塘, 李坊, 鹅公); the visit log
    writes them in full (站塘乡, 李坊村, 鹅公村). One township, two villages."""
    write_xlsx(root / "站塘乡" / "花名册.xlsx", [
        Sheet("Sheet1", [
            ["乡镇", "村", "户主姓名", "是否贫困户", "帮扶责任人"],
            ["站塘", "李坊", "温春发", "是", "高明"],
            ["站塘", "李坊", "温春旺", "否", "高明"],  # never visited
            ["站塘", "鹅公", "曾宪文", "是", "邓亮"],
        ]),
    ])
    write_xlsx(root / "站塘乡" / "走访记录.xlsx", [
        Sheet("Sheet1", [
            ["走访日期", "乡镇", "村", "户主", "走访人"],
            [D(2011, 5, 5), "站塘乡", "李坊村", "温春发", "高明"],
            [D(2011, 5, 6), "站塘乡", "鹅公村", "曾宪文", "邓亮"],
        ]),
    ])


def township_three_name_columns(root: Path) -> None:
    """珠兰乡: a visit register whose two-row header puts 姓名 under three groups: 被走访户
    (姓名 | 组别 | 是否贫困户), 走访人 (姓名 | 职务) and 走访 (日期 | 事由)."""
    write_xlsx(root / "珠兰乡" / "珠兰乡走访登记簿.xlsx", [
        Sheet("走访登记", [
            ["珠兰乡岭山村2011年走访登记簿"],
            ["序号", "被走访户", None, None, "走访人", None, "走访", None],
            [None, "姓名", "组别", "是否贫困户", "姓名", "职务", "日期", "事由"],
            [1, "池明亮", "4组", "是", "刘华", "副镇长", D(2011, 2, 1), "春节慰问"],
            [2, "池明光", "4组", "否", "刘华", "副镇长", D(2011, 2, 1), "春节慰问"],
            [3, "池明亮", "4组", "是", "肖文", "村支书", D(2011, 6, 10), "入户走访"],
            [4, "邱丽华", "6组", "是", "肖文", "村支书", D(2011, 6, 10), "入户走访"],
        ], merges=["A1:H1", "A2:A3", "B2:D2", "E2:F2", "G2:H2"]),
        Sheet("名单", [
            ["岭山村结对帮扶户名单"],
            ["姓名", "组别", "是否贫困户"],
            ["池明亮", "4组", "是"],
            ["池明光", "4组", "否"],
            ["邱丽华", "6组", "是"],
            ["邱丽娟", "6组", "否"],  # never visited
        ], merges=["A1:C1"]),
    ])


def township_formulas(root: Path) -> None:
    """车头镇: a workbook full of formulas (with Excel's cached values): 序号 =ROW()-2, 家庭人口 =男+女,
    是否贫困户 =IF(人均纯收入<2300,"是","否"), visit dates =DATE(2011,1,25) shown as dates, totals
    =SUM and =COUNTIF."""
    roster = [
        ["车头镇车头村结对帮扶户花名册"],
        ["序号", "户主姓名", "组别", "男", "女", "家庭人口", "人均纯收入（元）", "是否贫困户", "帮扶干部"],
    ]
    people = [("何春林", "1组", 2, 2, 1800), ("何春森", "1组", 1, 2, 3500), ("何春木", "2组", 1, 0, 1200),
              ("何春水", "2组", 3, 2, 2200)]
    for i, (name, group, men, women, income) in enumerate(people):
        r = 3 + i
        roster.append([
            Formula("=ROW()-2", i + 1), name, group, men, women, Formula(f"=D{r}+E{r}", men + women), income,
            Formula(f'=IF(G{r}<2300,"是","否")', "是" if income < 2300 else "否"), "周明",
        ])
    # poor: 何春林 (1800), 何春木 (1200), 何春水 (2200); 何春森 (3500) not.
    roster.append(["合计", None, None, Formula("=SUM(D3:D6)", 7), Formula("=SUM(E3:E6)", 6),
                   Formula("=SUM(F3:F6)", 13), None, Formula('=COUNTIF(H3:H6,"是")', 3), None])
    visits = [
        ["序号", "走访日期", "被走访户主", "走访干部", "走访形式", "慰问金（元）"],
        [Formula("=ROW()-1", 1), Formula("=DATE(2011,1,25)", serial(D(2011, 1, 25)), True), "何春林", "周明", "慰问", 300],
        [Formula("=ROW()-1", 2), Formula("=DATE(2011,1,25)", serial(D(2011, 1, 25)), True), "何春木", "周明", "慰问", 300],
        [Formula("=ROW()-1", 3), Formula("=DATE(2011,4,10)", serial(D(2011, 4, 10)), True), "何春森", "周明", "入户", None],
        ["合计", None, None, None, None, Formula("=SUM(F2:F4)", 600)],
    ]
    write_xlsx_formulas(root / "车头镇" / "车头镇车头村帮扶台账.xlsx", [
        Sheet("花名册", roster, merges=["A1:I1"]),
        Sheet("走访", visits),
    ])


def township_yuan_under_wan(root: Path) -> None:
    """宽田乡: a funds ledger headed 金额（万元） where one clerk wrote a small gift as ``3000元``."""
    write_xlsx(root / "宽田乡筹资.xlsx", [
        Sheet("Sheet1", [
            ["宽田乡2011年三送筹资台账"],
            ["筹资时间", "资金来源", "筹资用途", "金额（万元）", "备注"],
            [D(2011, 2, 1), "县交通局", "修路", 20, None],
            [D(2011, 3, 15), "县扶贫办", "产业扶持", 5.5, None],
            [D(2011, 5, 20), "乡贤钟某", "助学", "3000元", "个人捐款"],  # 3000 yuan, whatever the heading
            [D(2011, 8, 8), "县水保局", "水利", 1.2, None],
        ], merges=["A1:E1"]),
    ])


def township_continued_sheet(root: Path) -> None:
    """禾丰镇: a visit log that outgrew its sheet: ``走访（续）`` continues it with no title and no
    header, the same columns (日期 | 户主 | 组别 | 走访人 | 内容)."""
    write_xlsx(root / "禾丰镇" / "禾丰镇大塘村2011年走访登记.xlsx", [
        Sheet("走访", [
            ["禾丰镇大塘村2011年入户走访登记表"],
            ["走访日期", "被走访户主", "组别", "走访人", "走访内容"],
            [D(2011, 1, 6), "罗金生", "1组", "邱敏", "入户走访"],
            [D(2011, 1, 6), "罗银生", "1组", "邱敏", "入户走访"],
            [D(2011, 2, 9), "罗金生", "1组", "邱敏", "慰问"],
        ], merges=["A1:E1"]),
        Sheet("走访（续）", [
            [D(2011, 5, 3), "罗铜生", "2组", "邱敏", "入户走访"],
            [D(2011, 5, 3), "罗银生", "1组", "邱敏", "政策宣讲"],
        ]),
        Sheet("花名册", [
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["罗金生", "1组", "是", "邱敏"],
            ["罗银生", "1组", "否", "邱敏"],
            ["罗铜生", "2组", "是", "邱敏"],
            ["罗铁生", "2组", "是", "邱敏"],  # never visited
        ]),
    ])


def township_county_bureau_team(root: Path) -> None:
    """晓龙乡: a county bureau's work team stationed in one village writes ``填报单位：县水利局驻晓龙乡
    龙溪村三送工作组``; the roster's 贫困户 column is headed 贫困户（打√） with ``√`` or blank; the visit
    log's headings are 被访户 / 入户日期 / 入户干部 / 入户事由."""
    write_xlsx(root / "三送台账" / "水利局工作组.xlsx", [
        Sheet("包扶户", [
            ["填报单位：县水利局驻晓龙乡龙溪村三送工作组"],
            ["户主", "组别", "人口", "贫困户（打√）", "包扶干部"],
            ["邝国华", "1组", 5, "√", "钟文"],
            ["邝国荣", "1组", 3, None, "钟文"],
            ["邝秀珍", "4组", 2, "√", "钟文"],
            ["邝火生", "4组", 4, None, "钟文"],  # never visited
        ]),
        Sheet("入户", [
            ["填报单位：县水利局驻晓龙乡龙溪村三送工作组"],
            ["入户日期", "被访户", "组别", "入户干部", "入户事由"],
            [D(2011, 3, 14), "邝国华", "1组", "钟文", "送政策"],
            [D(2011, 3, 14), "邝国荣", "1组", "钟文", "送政策"],
            [D(2011, 8, 1), "邝秀珍", "4组", "钟文", "送温暖"],
        ]),
    ])


def township_place_names(root: Path) -> None:
    """Real township and village names that hold a character or word the reader treats as noise or
    as an administrative level: 新市镇 and 红旗村 (市, 旗), 麻州镇 (州), 富城乡 (城乡), and 筠门岭镇 behind
    a ``驻`` in a 填报单位 line. Each is named only in titles, file and folder names; the visit logs
    of 新市镇 give the village in a column."""
    write_xlsx(root / "新市镇" / "新市镇红旗村结对帮扶花名册.xlsx", [
        Sheet("花名册", [
            ["新市镇红旗村结对帮扶花名册"],
            ["户主姓名", "组别", "是否贫困户", "帮扶干部"],
            ["钟红军", "1组", "是", "丁一"],
            ["钟红兵", "1组", "否", "丁一"],
            ["钟卫东", "2组", "是", "丁一"],
        ], merges=["A1:D1"]),
    ])
    write_xlsx(root / "新市镇" / "走访登记.xlsx", [
        Sheet("走访", [
            ["新市镇2011年入户走访登记表"],
            ["走访日期", "村", "被走访户主", "走访干部"],
            [D(2011, 3, 1), "红旗村", "钟红军", "丁一"],
            [D(2011, 3, 1), "红旗村", "钟卫东", "丁一"],
            [D(2011, 3, 2), "红旗村", "钟红兵", "丁一"],
        ], merges=["A1:D1"]),
    ])
    write_xlsx(root / "麻州镇" / "麻州镇龙溪村三送台账.xlsx", [
        Sheet("花名册", [
            ["麻州镇龙溪村结对帮扶花名册"],
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["邝甲", "1组", "是", "丁二"],
            ["邝乙", "1组", "是", "丁二"],  # never visited
        ]),
        Sheet("走访", [
            ["麻州镇龙溪村入户走访登记表"],
            ["走访日期", "户主", "走访干部"],
            [D(2011, 4, 1), "邝甲", "丁二"],
        ]),
    ])
    write_xlsx(root / "富城乡大田村走访台账.xlsx", [
        Sheet("花名册", [
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["陈一", "1组", "是", "丁三"],
            ["陈二", "1组", "否", "丁三"],
        ]),
        Sheet("走访", [
            ["走访日期", "户主", "走访干部"],
            [D(2011, 5, 1), "陈一", "丁三"],
            [D(2011, 5, 1), "陈二", "丁三"],
        ]),
    ])
    write_xlsx(root / "民政局工作组" / "台账.xlsx", [
        Sheet("包扶户", [
            ["填报单位：县民政局驻筠门岭镇芙蓉村三送工作组"],
            ["户主", "组别", "是否贫困户", "包扶干部"],
            ["王福", "1组", "是", "丁四"],
            ["王禄", "1组", "否", "丁四"],  # never visited
        ]),
        Sheet("走访", [
            ["填报单位：县民政局驻筠门岭镇芙蓉村三送工作组"],
            ["走访日期", "户主", "走访干部"],
            [D(2011, 6, 1), "王福", "丁四"],
        ]),
    ])


def township_household_suffixes(root: Path) -> None:
    """重石乡: the visit log writes the household as ``钟福林户``, ``钟福山家``, ``钟福海（户主）``."""
    write_xlsx(root / "重石乡" / "重石乡水头村结对帮扶花名册.xlsx", [
        Sheet("花名册", [
            ["户主姓名", "组别", "是否贫困户", "帮扶干部"],
            ["钟福林", "1组", "是", "温强"],
            ["钟福山", "1组", "否", "温强"],
            ["钟福海", "2组", "是", "温强"],
            ["钟福江", "2组", "否", "温强"],  # never visited
        ]),
    ])
    write_xlsx(root / "重石乡" / "重石乡水头村走访记录.xlsx", [
        Sheet("走访", [
            ["重石乡水头村入户走访记录"],
            ["走访时间", "走访户", "走访干部", "走访事项"],
            [D(2011, 3, 3), "钟福林户", "温强", "入户"],
            [D(2011, 3, 3), "钟福山家", "温强", "入户"],
            [D(2011, 4, 9), "钟福海（户主）", "温强", "慰问"],
            [D(2011, 4, 9), "钟福林户", "温强", "送政策"],
        ], merges=["A1:D1"]),
    ])


def township_merged_dates(root: Path) -> None:
    """高云乡 (.xls): one day's visits share a date cell and a cadre cell merged down over their rows."""
    write_xls(root / "高云乡走访登记表.xls", [
        Sheet("走访", [
            ["高云乡大岭村2011年走访登记表"],
            ["走访日期", "走访人", "被走访户主", "组别", "走访内容"],
            [D(2011, 3, 10), "赖明", "曾火根", "1组", "入户"],
            [None, None, "曾火旺", "1组", "入户"],
            [None, None, "曾秀娥", "2组", "入户"],
            [D(2011, 4, 22), "赖明", "曾火根", "1组", "慰问"],
            [None, None, "曾土根", "3组", "慰问"],
        ], merges=["A1:E1", "A3:A5", "B3:B5", "A6:A7", "B6:B7"]),
        Sheet("名单", [
            ["高云乡大岭村结对帮扶户名单"],
            ["户主", "组别", "是否贫困户", "帮扶干部"],
            ["曾火根", "1组", "是", "赖明"],
            ["曾火旺", "1组", "否", "赖明"],
            ["曾秀娥", "2组", "是", "赖明"],
            ["曾土根", "3组", "否", "赖明"],
            ["曾木根", "3组", "是", "赖明"],  # never visited
        ]),
    ])


def township_approval_columns(root: Path) -> None:
    """樟木乡: a 扶贫对象 roster with the approval columns every such list carries (村民代表大会评议意见,
    乡镇审核意见, 县扶贫办审批意见), each cell ``同意``."""
    write_xlsx(root / "樟木乡" / "樟木乡2011年扶贫对象结对帮扶花名册.xlsx", [
        Sheet("花名册", [
            ["樟木乡黄竹村2011年扶贫对象结对帮扶花名册"],
            ["序号", "组别", "户主姓名", "家庭人口", "贫困户类型", "帮扶责任人", "村民代表大会评议意见", "乡镇审核意见",
             "县扶贫办审批意见"],
            [1, "1组", "谢长发", 4, "一般贫困户", "周强", "同意", "同意", "同意"],
            [2, "1组", "谢长福", 3, "低保贫困户", "周强", "同意", "同意", "同意"],
            [3, "2组", "谢秀兰", 1, "五保户", "周强", "同意", "同意", "同意"],
            [4, "2组", "谢秀华", 2, "一般户", "周强", "同意", "同意", "同意"],
        ], merges=["A1:I1"]),
    ])
    write_xlsx(root / "樟木乡" / "走访.xlsx", [
        Sheet("走访", [
            ["樟木乡黄竹村入户走访登记表"],
            ["走访日期", "户主", "组别", "走访人"],
            [D(2011, 3, 2), "谢长发", "1组", "周强"],
            [D(2011, 3, 2), "谢秀兰", "2组", "周强"],
            [D(2011, 3, 9), "谢秀华", "2组", "周强"],
        ], merges=["A1:D1"]),
    ])


TOWNSHIPS = {
    name.removeprefix("township_"): fn for name, fn in sorted(globals().items())
    if name.startswith("township_") and callable(fn)
}

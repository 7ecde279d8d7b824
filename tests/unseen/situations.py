"""The eleven situations of issue 11's "Why", each as a small raw folder built by hand.

Each ``situation_*`` function writes one raw folder under ``root``: the ledgers
of one or a few invented townships laid out the way that situation needs, and,
where the situation is a sheet that is no ledger at all, that sheet BESIDE real
ledgers of the same township, so that the test can check both that the real
figures are exact and that the other sheet adds nothing.

What the figures must be is written by hand in ``test_situations.py``, counted
from the rows below. Every row that is not a plain record is commented (a
total, a planted bad row, a row of a sheet that is no ledger …); Excel row
numbers are given where a test names a row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from foreign.offices import Sheet, write_csv, write_xls, write_xlsx

D = dt.date

# Every ID-card and phone number written below: none may reach the processed folder.
PLANTED_PII = (
    "13907971234", "13979712345", "360726197603151218", "360726200205104427", "360726200807216613",
    "360726195211020035", "13607975566", "360726198309093326", "13870791122", "13576543210",
)


# --------------------------------------------------------------------------- 1


def situation_1_dated_household_lists(root: Path) -> None:
    """1. Household lists with a date column, beside the real visit log of their township.

    茶亭乡 keeps (a) its roster of poor households, which has a 识别时间 (when the household was
    identified as poor) and no 是否贫困户 column: it IS a roster (every household poor, its title
    says so) and no visit; (b) a real visit log; (c) a villager list with 出生日期 and (d) a
    drinking-water survey with 记录日期 and 家庭人口, neither a 三送 ledger: nothing from them.
    """
    folder = root / "茶亭乡"
    write_xlsx(folder / "茶亭乡建档立卡贫困户花名册.xlsx", [
        Sheet("花名册", [
            ["茶亭乡建档立卡贫困户花名册"],
            ["序号", "村", "组别", "户主姓名", "家庭人口", "识别时间", "致贫原因", "帮扶责任人", "联系电话"],
            [1, "茶亭村", "1组", "罗建华", 4, D(2010, 5, 12), "因病", "钟伟", "13907971234"],
            [2, "茶亭村", "1组", "罗水生", 3, D(2010, 5, 12), "缺劳力", "钟伟", None],
            [3, "茶亭村", "2组", "刘秀英", 2, D(2010, 6, 3), "因残", "钟伟", None],
            [4, "茶亭村", "3组", "罗福根", 5, D(2010, 6, 3), "缺技术", "钟伟", None],
            [5, "枫树村", "1组", "邱国平", 4, D(2010, 5, 20), "因学", "谢红", None],
            [6, "枫树村", "2组", "邱长生", 6, D(2010, 5, 20), "缺资金", "谢红", None],
            [7, "枫树村", "2组", "赖玉珍", 1, D(2010, 7, 15), "因病", "谢红", None],
            [8, "枫树村", "4组", "邱荣发", 3, D(2010, 7, 15), "缺技术", "谢红", None],
            ["合计", None, None, "8户", 28, None, None, None, None],  # total
        ], merges=["A1:I1"]),
    ])
    write_xlsx(folder / "茶亭乡走访登记.xlsx", [
        Sheet("走访", [
            ["茶亭乡2011年走访登记表"],
            ["走访日期", "村", "户主姓名", "走访人", "走访形式"],
            [D(2011, 3, 2), "茶亭村", "罗建华", "钟伟", "入户走访"],
            [D(2011, 3, 2), "茶亭村", "罗水生", "钟伟", "入户走访"],
            [D(2011, 6, 15), "茶亭村", "罗建华", "钟伟", "政策宣讲"],
            [D(2011, 4, 10), "枫树村", "邱国平", "谢红", "入户走访"],
            [D(2011, 4, 11), "枫树村", "赖玉珍", "谢红", "慰问"],
        ], merges=["A1:E1"]),
    ])
    # Not a ledger: every villager of a village, one row a person. Its household heads are roster
    # households (邱国平, 邱长生, 赖玉珍): a birth date read as a visit date would visit them.
    write_xls(folder / "枫树村村民花名册.xls", [
        Sheet("村民", [
            ["枫树村2011年村民花名册"],
            ["序号", "组别", "姓名", "性别", "与户主关系", "出生日期", "民族", "文化程度", "身份证号码"],
            [1, "1组", "邱国平", "男", "户主", D(1976, 3, 15), "汉", "初中", "360726197603151218"],
            [2, "1组", "钟桂英", "女", "妻", D(1978, 11, 2), "汉", "小学", None],
            [3, "1组", "邱小红", "女", "长女", D(2002, 5, 10), "汉", "初中", "360726200205104427"],
            [4, "1组", "邱小军", "男", "长子", D(2008, 7, 21), "汉", "学龄前", "360726200807216613"],
            [5, "2组", "邱长生", "男", "户主", D(1952, 11, 2), "汉", "文盲", "360726195211020035"],
            [6, "2组", "邱建华", "男", "子", D(1980, 1, 8), "汉", "高中", None],
            [7, "2组", "赖玉珍", "女", "户主", D(1949, 8, 30), "汉", "文盲", None],
            [8, "3组", "邱水清", "男", "户主", D(1965, 4, 4), "汉", "初中", None],
        ]),
    ])
    # Not a ledger: a survey of every household's drinking water (one row a household, with its
    # size), recorded on the day of the survey. 罗福根 is on the roster but was never visited.
    write_csv(folder / "茶亭村饮水安全情况调查记录表.csv", [
        ["茶亭村农村饮水安全情况调查记录表"],
        ["序号", "记录日期", "户主姓名", "组别", "家庭人口", "饮水方式", "水源类型", "水质是否达标", "调查人"],
        [1, "2011-05-06", "罗建华", "1组", 4, "自来水", "山泉水", "是", "刘志"],
        [2, "2011-05-06", "罗水生", "1组", 3, "自来水", "山泉水", "是", "刘志"],
        [3, "2011-05-06", "罗春生", "1组", 5, "分散式", "井水", "否", "刘志"],
        [4, "2011-05-07", "刘秀英", "2组", 2, "分散式", "井水", "否", "刘志"],
        [5, "2011-05-07", "罗福根", "3组", 5, "分散式", "河水", "否", "刘志"],
        [6, "2011-05-07", "罗德胜", "3组", 6, "自来水", "山泉水", "是", "刘志"],
        ["调查人签字：", None, None, None, None, None, "审核："],
    ], "gb18030")


# --------------------------------------------------------------------------- 2


def situation_2_typed_lists(root: Path) -> None:
    """2. Lists with a "…类型" column beside a date, beside the real ledgers of 横江镇 (a roster,
    visits, and a dispute register whose figures must stay exactly its own)."""
    folder = root / "横江镇"
    write_xlsx(folder / "横江镇三送台账.xlsx", [
        Sheet("花名册", [
            ["横江镇横江村结对帮扶花名册"],
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
            [1, "彭金华", "1组", 4, "是", "龚建"],
            [2, "彭银华", "1组", 3, "否", "龚建"],
            [3, "彭志强", "2组", 5, "是", "龚建"],
            [4, "吴秋香", "2组", 2, "是", "龚建"],
            [5, "吴德胜", "3组", 4, "否", "龚建"],
            [6, "吴德旺", "3组", 6, "是", "龚建"],
        ]),
        Sheet("走访", [
            ["横江镇横江村走访登记表"],
            ["走访日期", "户主姓名", "组别", "走访人", "走访形式", "慰问金（元）"],
            [D(2011, 1, 20), "彭金华", "1组", "龚建", "春节慰问", 300],
            [D(2011, 1, 20), "吴秋香", "2组", "龚建", "春节慰问", 300],
            [D(2011, 3, 15), "彭银华", "1组", "龚建", "入户走访", None],
            [D(2011, 3, 15), "吴德旺", "3组", "龚建", "入户走访", None],
        ]),
        Sheet("纠纷", [
            ["横江镇矛盾纠纷排查调处台账"],
            ["序号", "受理时间", "村", "纠纷类型", "当事人", "调处层级", "调处结果", "办结时间"],
            [1, D(2011, 2, 11), "横江村", "山林", "彭某、吴某", "村", "调处成功", D(2011, 2, 20)],
            [2, D(2011, 4, 6), "横江村", "邻里", "吴某某", "组", "调处成功", D(2011, 4, 6)],
            [3, D(2011, 5, 17), "横江村", "土地", "彭某某", "乡", "未成功", None],
            [4, D(2011, 7, 2), "横江村", "婚姻家庭", "龚某", "村", "调处中", None],
            [5, D(2011, 9, 23), "横江村", "其他", "彭某", "村", "调处成功", D(2011, 9, 30)],
        ]),
    ])
    # Not a ledger: the village party branch's members (人员类型 正式/预备党员, dates of joining).
    write_xlsx(folder / "横江村党员花名册.xlsx", [
        Sheet("党员", [
            ["中共横江镇横江村支部委员会党员花名册"],
            ["序号", "姓名", "性别", "民族", "出生年月", "文化程度", "人员类型", "入党时间", "转正时间", "工作单位及职务"],
            [1, "彭金华", "男", "汉", "1958.03", "初中", "正式党员", D(1985, 7, 1), D(1986, 7, 1), "横江村1组组长"],
            [2, "吴德胜", "男", "汉", "1962.10", "高中", "正式党员", D(1990, 6, 12), D(1991, 6, 12), "横江村委会主任"],
            [3, "彭丽萍", "女", "汉", "1979.05", "大专", "正式党员", D(2003, 7, 1), D(2004, 7, 1), "横江村妇女主任"],
            [4, "龚小兵", "男", "汉", "1985.12", "中专", "正式党员", D(2008, 5, 20), D(2009, 5, 20), "外出务工"],
            [5, "吴建军", "男", "汉", "1988.09", "大专", "预备党员", D(2011, 6, 28), None, "横江村文书"],
        ], merges=["A1:J1"]),
    ])
    # Not a ledger: student aid paid out (资助类型, 资助金额, 发放日期) — no funds were raised here.
    write_xls(folder / "横江镇2011年秋季学期学生资助发放名单.xls", [
        Sheet("资助名单", [
            ["横江镇2011年秋季学期学生资助发放名单"],
            [None, None, None, None, None, None, None, "单位：元"],
            ["序号", "村", "学生姓名", "就读学校", "年级", "资助类型", "资助金额", "发放日期", "监护人"],
            [1, "横江村", "彭小兰", "横江中学", "初二", "寄宿生生活补助", 625, D(2011, 10, 18), "彭志强"],
            [2, "横江村", "吴海涛", "县第一中学", "高一", "国家助学金", 750, D(2011, 10, 25), "吴德旺"],
            [3, "横江村", "吴海燕", "横江中学", "初一", "寄宿生生活补助", 625, D(2011, 10, 18), "吴德旺"],
            [4, "石陂村", "刘振华", "市职业技术学校", "中职二年级", "雨露计划", 1500, D(2011, 11, 3), "刘国平"],
            ["合计", None, None, None, None, None, 3500, None, None],  # total
        ], merges=["A1:I1"]),
    ])
    # Not a ledger: who paid the rural co-operative medical scheme (缴费类型, 缴费金额, 缴费日期);
    # every household of the village, roster households among them.
    write_csv(folder / "横江村2011年度新农合参合缴费名单.csv", [
        ["横江村2011年度新型农村合作医疗参合缴费名单"],
        ["序号", "组别", "户主姓名", "参合人数", "缴费类型", "缴费金额（元）", "缴费日期", "收款人"],
        [1, "1组", "彭金华", 4, "个人缴纳", 120, "2010-12-05", "吴建军"],
        [2, "1组", "彭银华", 3, "个人缴纳", 90, "2010-12-05", "吴建军"],
        [3, "2组", "彭志强", 5, "民政代缴", 150, "2010-12-08", "吴建军"],
        [4, "2组", "吴秋香", 2, "民政代缴", 60, "2010-12-08", "吴建军"],
        [5, "3组", "吴德胜", 4, "个人缴纳", 120, "2010-12-10", "吴建军"],
        [6, "3组", "吴德旺", 6, "民政代缴", 180, "2010-12-10", "吴建军"],
        [7, "3组", "吴德明", 3, "个人缴纳", 90, "2010-12-12", "吴建军"],
        ["合计", None, None, 27, None, 810, None, None],  # total
    ], "utf-8-sig")
    # Not a ledger: next year's aid-project applications (项目类型, 申报时间, 审批状态): nothing
    # here was done, no dispute was received, no fund was raised.
    write_xlsx(folder / "横江镇2012年度扶贫项目申报汇总表.xlsx", [
        Sheet("申报汇总", [
            ["横江镇2012年度扶贫项目申报汇总表"],
            ["序号", "申报村", "项目类型", "建设内容及规模", "申请扶贫资金（万元）", "申报时间", "审批状态"],
            [1, "横江村", "产业扶贫", "新建脐橙基地200亩", 20, D(2011, 11, 10), "待审批"],
            [2, "横江村", "基础设施", "硬化通组公路1.2公里", 36, D(2011, 11, 10), "已批复"],
            [3, "石陂村", "基础设施", "修复水圳800米", 8, D(2011, 11, 15), "待审批"],
            [4, "石陂村", "技能培训", "种养技术培训120人次", 3, D(2011, 11, 15), "待审批"],
            ["合计", None, None, None, 67, None, None],  # total
        ], merges=["A1:G1"]),
    ])


# --------------------------------------------------------------------------- 3


def situation_3_process_and_outcome(root: Path) -> None:
    """3. Dispute registers with the mediation written out (调处情况) beside the outcome
    (调处结果 in 坪田乡's, 结果 in 水口乡's): the outcome is the short column."""
    write_xlsx(root / "坪田乡矛盾纠纷排查调处台账.xlsx", [
        Sheet("纠纷", [
            ["坪田乡2011年矛盾纠纷排查调处台账"],  # row 1
            ["序号", "受理时间", "村", "当事人", "纠纷类型", "纠纷简要情况", "调处情况", "调处结果", "办结时间"],  # row 2
            [1, D(2011, 2, 14), "坪田村", "刘某某、陈某某", "山林纠纷", "两家山界不清", "经村调委会多次调解，双方达成协议",
             "成功", D(2011, 2, 28)],
            [2, D(2011, 3, 9), "坪田村", "罗某某", "邻里纠纷", "排水沟堵塞", "组长上门调解，当场化解", "成功", D(2011, 3, 9)],
            [3, D(2011, 4, 2), "坪田村", "张某、李某", "土地纠纷", "责任田边界", "经乡司法所调解，双方分歧较大", "未成功", None],
            [4, D(2011, 5, 20), "上坪村", "钟某某", "婚姻家庭纠纷", "赡养老人", "村调委会调解，子女签订赡养协议", "成功",
             D(2011, 5, 25)],
            [5, D(2011, 6, 11), "上坪村", "钟某、廖某", "山林纠纷", "林木采伐", "已移交乡林业站处理", "移交", None],
            [6, D(2011, 7, 3), "上坪村", "廖某某", "其他纠纷", "债务", "正在做双方工作", "调处中", None],
            # row 9: the outcome is unreadable (the process text beside it is not the outcome): reject
            [7, D(2011, 8, 15), "上坪村", "何某某", "邻里纠纷", "宅基地界址", "经调解双方达成一致意见", "见卷宗", None],
        ], merges=["A1:I1"]),
    ])
    write_csv(root / "水口乡纠纷调处登记.csv", [
        ["水口乡2011年矛盾纠纷调处情况登记表"],
        ["序号", "村", "登记时间", "纠纷类别", "当事人", "调处情况", "结果", "调处层级"],
        [1, "水口村", "2011-1-10", "邻里", "甲、乙", "经村调委会多次调解，双方达成协议", "成功", "村"],
        [2, "水口村", "2011-1-18", "山林", "丙、丁", "双方各执一词，调解无果，建议走诉讼程序", "未成功", "乡"],
        [3, "水口村", "2011-2-22", "土地", "戊、己", "组长召集双方协商，互谅互让", "成功", "组"],
        [4, "大洲村", "2011-3-5", "家庭", "庚", "调委会正在调解", "调处中", "村"],
        [5, "大洲村", "2011-3-30", "邻里", "辛、壬", "经调解，双方签订协议并当场履行", "成功", "组"],
    ], "gb18030")


# --------------------------------------------------------------------------- 4


def situation_4_titles_with_ledger_words(root: Path) -> None:
    """4. Titles merged across the table (or alone in one cell, in a CSV) that hold ledger words
    (贫困户, 结对帮扶, 包扶对象, 项目): the township and village are named there and nowhere else."""
    write_xlsx(root / "2011年台账.xlsx", [
        Sheet("Sheet1", [
            ["石溪乡上屋村2011年贫困户结对帮扶花名册"],  # title, merged across
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人", "备注"],
            [1, "罗春华", "1组", 4, "是", "曾勇", None],
            [2, "罗夏生", "1组", 3, "否", "曾勇", None],
            [3, "罗秋生", "2组", 5, "是", "曾勇", "危房户"],
            [4, "黄冬梅", "2组", 2, "是", "曾勇", None],
            [5, "黄金水", "3组", 6, "否", "曾勇", None],
        ], merges=["A1:G1"]),
        Sheet("Sheet2", [
            ["石溪乡上屋村包扶对象走访登记表"],  # title, merged across
            ["序号", "走访日期", "被走访人", "组别", "走访干部", "走访形式"],
            [1, D(2011, 3, 12), "罗春华", "1组", "曾勇", "入户走访"],
            [2, D(2011, 3, 12), "罗秋生", "2组", "曾勇", "入户走访"],
            [3, D(2011, 5, 6), "黄冬梅", "2组", "曾勇", "慰问"],
            [4, D(2011, 5, 6), "罗春华", "1组", "曾勇", "政策宣讲"],
        ], merges=["A1:F1"]),
        Sheet("Sheet3", [
            ["石溪乡岭背村2011年为民办实事项目完成情况"],  # title, merged across
            ["序号", "项目名称", "投资额（万元）", "受益农田（亩）", "受益户数", "竣工时间"],
            [1, "岭背村通组公路硬化", 20, None, 48, D(2011, 10, 20)],
            [2, "岭背村灌溉水圳修复", 6.5, 260, 35, D(2011, 11, 15)],
        ], merges=["A1:F1"]),
    ])
    write_csv(root / "结对帮扶户花名册.csv", [
        ["石溪乡岭背村结对帮扶贫困户花名册"],  # title, in one cell
        ["序号", "户主姓名", "组别", "是否贫困户", "帮扶责任人"],
        [1, "李明生", "1组", "是", "彭亮"],
        [2, "李建国", "2组", "否", "彭亮"],
        [3, "李桂兰", "2组", "是", "彭亮"],
    ], "utf-8-sig")


# --------------------------------------------------------------------------- 5

# 大布乡's register: (组别, 户主, 家庭人口, 户类型, 帮扶责任人, 干部职务, 帮扶措施). 60 households of one
# village, the county bureau's work team of four (the village committee director, two resident cadres
# and the first secretary) each answering for a run of them, as a real register lists them.
_DABU_CADRES = (("钟建国", "村委会主任"), ("刘志明", "驻村干部"), ("赖小平", "驻村干部"), ("陈海波", "第一书记"))
_DABU_SURNAMES = "钟刘赖陈黄"
_DABU_GIVEN = ("水生", "木生", "火生", "金生", "土生", "春华", "秋华", "国平", "国安", "德明", "德福", "长生")
_DABU_OTHER_MEASURES = ("就业扶持", "危房改造", "教育扶持")


def dabu_register() -> list[tuple]:
    """The 60 rows of 大布乡's register, deterministic. Household i: group 1 + i // 10, a surname and
    given name from the pools (all 60 names distinct), 2 + i % 5 members; 户类型 一般户 for every
    seventh household (i % 7 == 6), 低保户 for i % 11 == 10, else 贫困户; cadre i // 15; 帮扶措施
    产业扶持 (most households that year) but for every fourth household (i % 4 == 3)."""
    rows = []
    for i in range(60):
        name = _DABU_SURNAMES[i % 5] + _DABU_GIVEN[i // 5]
        kind = "一般户" if i % 7 == 6 else ("低保户" if i % 11 == 10 else "贫困户")
        cadre, post = _DABU_CADRES[i // 15]
        measure = _DABU_OTHER_MEASURES[i // 4 % 3] if i % 4 == 3 else "产业扶持"
        rows.append((f"{1 + i // 10}组", name, 2 + i % 5, kind, cadre, post, measure))
    return rows


def situation_5_first_row_reads_like_heading(root: Path) -> None:
    """5. Rosters whose first data row has a 干部职务 cell that reads like a heading (村委会主任
    holds 村委会): that row is a household, and the village comes from the title, not from it."""
    write_xlsx(root / "樟坑乡新坪村三送台账.xlsx", [
        Sheet("花名册", [
            ["樟坑乡新坪村三送结对帮扶花名册"],
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人", "干部职务", "联系电话"],
            [1, "钟水根", "1组", 5, "是", "赖春生", "村委会主任", "13979712345"],  # row 3: a household, not a heading
            [2, "钟木根", "1组", 3, "否", "赖春生", "村委会主任", None],
            [3, "钟火根", "2组", 4, "是", "温国强", "驻村干部", None],
            [4, "刘桂香", "2组", 2, "是", "温国强", "驻村干部", None],
            [5, "刘金生", "3组", 4, "否", "温国强", "驻村干部", None],
        ], merges=["A1:H1"]),
        Sheet("走访", [
            ["樟坑乡新坪村走访登记表"],
            ["走访日期", "户主姓名", "走访人", "职务", "走访形式"],
            [D(2011, 4, 1), "钟水根", "赖春生", "村委会主任", "入户走访"],  # row 3: a visit, not a heading
            [D(2011, 4, 1), "钟木根", "赖春生", "村委会主任", "入户走访"],
            [D(2011, 4, 8), "刘桂香", "温国强", "驻村干部", "慰问"],
        ], merges=["A1:E1"]),
    ])
    register = [list(row) for row in dabu_register()]
    write_xls(root / "大布乡" / "大布村结对帮扶花名册.xls", [
        Sheet("花名册", [
            ["大布乡大布村三送结对帮扶花名册"],
            ["帮扶单位：县水土保持局", None, None, None, None, None, None, "2011年3月"],
            ["组别", "户主姓名", "家庭人口", "户类型", "帮扶责任人", "干部职务", "帮扶措施", "户主签字"],
            *[[*row, None] for row in register],  # rows 4-63: 60 households, the first one's cadre 村委会主任
            ["合计", "60户", sum(row[2] for row in register), None, None, None, None, None],  # total
        ], merges=["A1:H1"]),
    ])


# --------------------------------------------------------------------------- 6

# (roster title, visit-log title, roster rows (户主, 组别, 是否贫困户), visit rows (日期, 户主)) per township:
# the township is named in the titles only; the visit logs' titles put a year or period word before it.
YEAR_WORD_TITLES = {
    "桐坑乡": ("桐坑乡结对帮扶花名册", "2011年度桐坑乡三送走访台账",
              [("温德华", "1组", "是"), ("温德贵", "1组", "否"), ("温小燕", "2组", "是")],
              [(D(2011, 3, 5), "温德华"), (D(2011, 3, 5), "温小燕"), (D(2011, 6, 10), "温德华")]),
    "白石乡": ("2011年度白石乡结对帮扶花名册", "2011年上半年白石乡走访登记表",
              [("钟国庆", "1组", "是"), ("钟国良", "2组", "是"), ("钟春兰", "2组", "否")],
              [(D(2011, 2, 1), "钟国庆"), (D(2011, 4, 1), "钟春兰")]),
    "长洲乡": ("长洲乡结对帮扶花名册", "2011年第一季度长洲乡入户走访情况登记表",
              [("杨福生", "1组", "是"), ("杨福林", "1组", "否"), ("杨丽华", "3组", "否")],
              [(D(2011, 1, 15), "杨福生"), (D(2011, 2, 15), "杨福林"), (D(2011, 3, 15), "杨丽华")]),
    "富田镇": ("富田镇人民政府结对帮扶花名册", "2011年1-6月富田镇走访慰问登记表",
              [("曾伟", "1组", "是"), ("曾勇", "1组", "是"), ("曾敏", "2组", "是"), ("曾芳", "2组", "否")],
              [(D(2011, 1, 8), "曾伟"), (D(2011, 2, 8), "曾勇"), (D(2011, 3, 8), "曾伟")]),
    "梅坑镇": ("梅坑镇三送结对帮扶花名册", "2011年年终梅坑镇走访慰问登记表",
              [("严春生", "1组", "是"), ("严秋生", "1组", "否")],
              [(D(2011, 12, 20), "严春生"), (D(2011, 12, 21), "严秋生")]),
}


def situation_6_year_words_in_titles(root: Path) -> None:
    """6. Titles such as ``2011年度××乡三送走访台账`` (and 上半年, 第一季度, 1-6月, 年终): the township is
    ××乡, named nowhere else (the files are numbered, the sheets 花名册 and 走访)."""
    for n, (roster_title, visits_title, households, visits) in enumerate(YEAR_WORD_TITLES.values(), start=1):
        cadre = "帮扶干部甲"
        write_xlsx(root / f"台账{n:02d}.xlsx", [
            Sheet("花名册", [
                [roster_title],
                ["序号", "户主姓名", "组别", "是否贫困户", "帮扶责任人"],
                *[[i, name, group, poor, cadre] for i, (name, group, poor) in enumerate(households, start=1)],
            ], merges=["A1:E1"]),
            Sheet("走访", [
                [visits_title],
                ["序号", "走访日期", "户主姓名", "走访人", "走访形式"],
                *[[i, day, name, cadre, "入户走访"] for i, (day, name) in enumerate(visits, start=1)],
            ], merges=["A1:E1"]),
        ])


# --------------------------------------------------------------------------- 7


def _visit_form(household: str, members: int, group: str, cadre: str, when: object, content: str, measure: str) -> list[list]:
    """One WPS 入户走访记录表 block (six rows, labels in columns A, C and E, values beside them) and
    a blank row after it. Row 1 is the form's title."""
    return [
        ["入户走访记录表", None, None, None, None, None],
        ["户主", household, "家庭人口", members, "所在组", group],
        ["走访干部", cadre, "走访时间", when, "联系电话", "13607975566"],
        ["走访内容", content, None, None, None, None],
        ["帮扶措施", measure, None, None, None, None],
        ["户主签字", None, None, None, "干部签字", None],
        [None, None, None, None, None, None],
    ]


def _form_merges(top: int) -> list[str]:
    """The merges of a block starting at Excel row ``top``: the title across, the two texts across B:F."""
    return [f"A{top}:F{top}", f"B{top + 3}:F{top + 3}", f"B{top + 4}:F{top + 4}"]


def situation_7_block_forms(root: Path) -> None:
    """7. WPS 入户走访记录表: one household per block of rows, labels beside their values. Three
    blocks on one sheet (陈明's) and one form per sheet (温华's, .xls); a real roster beside them."""
    blocks = [
        _visit_form("刘长生", 4, "一组", "陈明", "2011年3月8日", "了解春耕生产情况，宣传惠农政策", "协调化肥两包"),
        _visit_form("刘福生", 3, "一组", "陈明", D(2011, 3, 8), "了解家庭收入情况，宣传新农合政策", "帮助申请小额贷款"),
        _visit_form("黄秀兰", 2, "二组", "陈明", "2011.4.12", "看望慰问，了解身体状况", "送慰问金200元"),
    ]
    write_xlsx(root / "城岗乡大坪村入户走访记录表.xlsx", [
        Sheet("走访记录", [row for block in blocks for row in block], merges=[*_form_merges(1), *_form_merges(8), *_form_merges(15)]),
    ])
    write_xls(root / "城岗乡大坪村入户走访记录（温华）.xls", [
        Sheet("1", _visit_form("刘长生", 4, "一组", "温华", D(2011, 5, 20), "回访春耕生产落实情况", "联系农技员上门指导"),
              merges=_form_merges(1)),
        Sheet("2", _visit_form("钟来福", 5, "三组", "温华", "2011年5月21日", "了解子女上学困难", "帮助申请助学金"),
              merges=_form_merges(1)),
    ])
    write_xlsx(root / "城岗乡大坪村结对帮扶花名册.xlsx", [
        Sheet("花名册", [
            ["城岗乡大坪村结对帮扶花名册"],
            ["序号", "户主姓名", "组别", "是否贫困户", "帮扶责任人"],
            [1, "刘长生", "一组", "是", "陈明"],
            [2, "刘福生", "一组", "否", "陈明"],
            [3, "黄秀兰", "二组", "是", "陈明"],
            [4, "钟来福", "三组", "是", "温华"],
            [5, "钟来旺", "三组", "否", "温华"],
        ]),
    ])


# --------------------------------------------------------------------------- 8


def situation_8_missing_visit_dates(root: Path) -> None:
    """8. Visits whose date is empty, ``/``, ``—``, ``-`` or ``无``: each a reject, none counted."""
    write_xls(root / "营前镇" / "营前村走访登记表.xls", [
        Sheet("走访", [
            ["营前镇营前村2011年走访登记表"],  # row 1
            ["序号", "走访日期", "户主姓名", "走访人", "走访形式"],  # row 2
            [1, D(2011, 2, 10), "谢金生", "钟华", "入户走访"],  # row 3
            [2, None, "谢银生", "钟华", "入户走访"],  # row 4: no date: reject
            [3, "/", "谢铜生", "钟华", "入户走访"],  # row 5: reject
            [4, "—", "谢铁生", "钟华", "慰问"],  # row 6: reject
            [5, "无", "谢金生", "钟华", "政策宣讲"],  # row 7: reject
            [6, D(2011, 5, 18), "谢铜生", "钟华", "入户走访"],  # row 8
            [7, "-", "谢锡生", "钟华", "入户走访"],  # row 9: reject
            [8, D(2011, 8, 8), "谢铁生", "钟华", "入户走访"],  # row 10
        ]),
        Sheet("花名册", [
            ["营前镇营前村结对帮扶花名册"],
            ["序号", "户主姓名", "是否贫困户", "帮扶责任人"],
            [1, "谢金生", "是", "钟华"],
            [2, "谢银生", "否", "钟华"],
            [3, "谢铜生", "是", "钟华"],
            [4, "谢铁生", "否", "钟华"],
            [5, "谢锡生", "是", "钟华"],
        ]),
    ])


# --------------------------------------------------------------------------- 9


def situation_9_month_only_completion(root: Path) -> None:
    """9. A project completed ``2011年9月`` (no day): kept, its farmland counted; and, where the
    date decides the period a visit counts in, a visit dated ``2011年9月`` is a reject."""
    write_xlsx(root / "南塘乡台账.xlsx", [
        Sheet("办实事", [
            ["南塘乡2011年为民办实事项目台账"],
            ["序号", "村", "项目名称", "项目类别", "投资额（万元）", "受益农田（亩）", "受益户数", "竣工时间"],
            [1, "南塘村", "南塘村灌溉渠道维修", "水利", 8, 320, 64, "2011年9月"],  # month only: kept
            [2, "南塘村", "南塘村机耕道硬化", "道路", 12, 150, 40, D(2011, 11, 20)],
            [3, "石湖村", "石湖村山塘除险加固", "水利", 5, 210, 38, "2011年6月"],  # month only: kept
            [4, "石湖村", "石湖村通组公路", "道路", 15, "—", 52, D(2011, 9, 10)],
            ["合计", None, None, None, 40, 680, 194, None],  # total
        ]),
        Sheet("花名册", [
            ["南塘乡南塘村结对帮扶花名册"],
            ["户主姓名", "组别", "是否贫困户", "帮扶责任人"],
            ["黄永福", "1组", "是", "邓军"],
            ["黄永禄", "2组", "否", "邓军"],
        ]),
        Sheet("走访", [
            ["南塘乡南塘村走访登记表"],  # row 1
            ["走访日期", "户主姓名", "走访人", "走访形式"],  # row 2
            [D(2011, 9, 6), "黄永福", "邓军", "入户走访"],  # row 3
            ["2011年9月", "黄永禄", "邓军", "入户走访"],  # row 4: which day of September? reject
        ]),
    ])


# --------------------------------------------------------------------------- 10


def situation_10_poor_list_blank_cells(root: Path) -> None:
    """10. A roster in a sheet titled 建档立卡贫困户花名册 whose 是否贫困户 cells are mostly blank:
    every household on it is poor, except the one the clerk marked 否."""
    write_xlsx(root / "古陂镇" / "古陂村台账.xlsx", [
        Sheet("建档立卡贫困户花名册", [
            ["古陂镇古陂村建档立卡贫困户花名册"],
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
            [1, "张荣华", "1组", 4, None, "朱明"],  # blank: poor, the sheet lists poor households
            [2, "张荣贵", "1组", 3, None, "朱明"],  # blank: poor
            [3, "张秀梅", "2组", 2, "否", "朱明"],  # marked 否: not poor
            [4, "陈德明", "2组", 5, "是", "朱明"],
            [5, "陈德福", "3组", 4, None, "朱明"],  # blank: poor
            [6, "陈金莲", "3组", 1, None, "朱明"],  # blank: poor
        ]),
        Sheet("走访", [
            ["古陂镇古陂村走访登记表"],
            ["走访日期", "户主姓名", "组别", "走访人", "走访形式"],
            [D(2011, 7, 1), "张荣华", "1组", "朱明", "入户走访"],
            [D(2011, 7, 1), "张秀梅", "2组", "朱明", "入户走访"],
            [D(2011, 7, 2), "陈德福", "3组", "朱明", "入户走访"],
        ]),
    ])


def situation_10b_poor_list_without_column(root: Path) -> None:
    """10 (variant). A 贫困户名单 with no 是否贫困户 column at all: every household on it is poor."""
    write_xlsx(root / "安西镇安西村贫困户名单.xlsx", [
        Sheet("贫困户名单", [
            ["安西镇安西村贫困户名单"],
            ["序号", "户主姓名", "组别", "家庭人口", "帮扶责任人"],
            [1, "何光明", "1组", 3, "黎平"],
            [2, "何光辉", "1组", 5, "黎平"],
            [3, "何秀莲", "2组", 2, "黎平"],
            [4, "肖德才", "3组", 4, "黎平"],
        ]),
    ])


def situation_reconciled_outcomes(root: Path) -> None:
    """Value rule: 和好 / 已和好 / 握手言和 are resolved disputes."""
    write_csv(root / "杨溪乡纠纷登记.csv", [
        ["杨溪乡2011年矛盾纠纷登记"],
        ["受理时间", "村", "纠纷类型", "当事人", "调处结果"],
        ["2011-3-1", "杨溪村", "邻里", "甲、乙", "和好"],
        ["2011-3-8", "杨溪村", "婚姻家庭", "丙、丁", "已和好"],
        ["2011-4-2", "杨溪村", "邻里", "戊、己", "握手言和"],
        ["2011-4-20", "杨溪村", "土地", "庚、辛", "调解成功"],
        ["2011-5-6", "杨溪村", "山林", "壬、癸", "未成功"],
    ], "gb18030")


# --------------------------------------------------------------------------- 11


def situation_11_tables_that_are_no_ledger(root: Path) -> None:
    """11. A field specification, a people register and statistical tables beside the real ledgers
    of 丰田乡: the real figures exact, nothing from the rest, not one reject."""
    folder = root / "丰田乡"
    write_xlsx(folder / "丰田乡三送台账.xlsx", [
        Sheet("花名册", [
            ["丰田乡丰田村结对帮扶花名册"],
            ["序号", "户主姓名", "组别", "家庭人口", "是否贫困户", "帮扶责任人"],
            [1, "朱国华", "1组", 4, "是", "邹平"],
            [2, "朱国富", "1组", 3, "否", "邹平"],
            [3, "朱冬英", "2组", 2, "是", "邹平"],
            [4, "林水发", "2组", 5, "是", "邹平"],
            [5, "林水旺", "3组", 3, "否", "邹平"],
        ]),
        Sheet("走访", [
            ["丰田乡丰田村走访登记表"],
            ["走访日期", "户主姓名", "组别", "走访人", "走访形式"],
            [D(2011, 6, 1), "朱国华", "1组", "邹平", "入户走访"],
            [D(2011, 6, 1), "朱冬英", "2组", "邹平", "入户走访"],
            [D(2011, 6, 2), "林水旺", "3组", "邹平", "入户走访"],
            [D(2011, 9, 2), "朱国华", "1组", "邹平", "政策宣讲"],
            [D(2011, 6, 1), "朱 国华", "一组", "邹 平", "入户走访"],  # the first visit again: a duplicate
        ]),
        Sheet("筹资", [
            ["丰田乡丰田村筹资台账"],
            ["日期", "资金来源", "用途", "金额（元）"],
            [D(2011, 6, 20), "县水保局", "修路", 30000],
            [D(2011, 8, 5), "乡贤捐助", "助学", 5000],
        ]),
        # Not a ledger: how to fill the ledgers in, as a table of fields (ledger words in every row).
        Sheet("数据字段说明", [
            ["三送台账数据字段说明"],
            ["序号", "字段名", "字段类型", "长度", "是否必填", "说明"],
            [1, "户主姓名", "文本", 20, "是", "与户口簿一致"],
            [2, "组别", "文本", 10, "否", "如：1组"],
            [3, "走访日期", "日期", 10, "是", "格式：2011-03-05"],
            [4, "走访人", "文本", 20, "是", "工作组成员姓名"],
            [5, "走访形式", "文本", 10, "是", "入户走访、政策宣讲、慰问"],
            [6, "慰问金", "数值", 10, "否", "单位：元"],
            [7, "金额", "数值", 12, "是", "筹资金额，单位：元"],
            [8, "纠纷类型", "文本", 10, "是", "山林、邻里、土地、婚姻家庭、其他"],
            [9, "调处结果", "文本", 10, "是", "成功、未成功、移交、调处中"],
        ]),
    ])
    # Not a ledger: a village's registered residents (户号, 出生日期, 身份证号码), one row a person.
    write_xls(folder / "丰田村户籍人口登记表.xls", [
        Sheet("户籍人口", [
            ["丰田村户籍人口登记表"],
            ["户号", "姓名", "与户主关系", "性别", "出生日期", "身份证号码", "民族", "户籍地址"],
            ["0101", "朱国华", "户主", "男", D(1983, 9, 9), "360726198309093326", "汉", "丰田村1组"],
            ["0101", "李春梅", "妻", "女", D(1985, 2, 14), None, "汉", "丰田村1组"],
            ["0101", "朱小宝", "子", "男", D(2009, 6, 1), None, "汉", "丰田村1组"],
            ["0102", "朱国富", "户主", "男", D(1980, 4, 18), None, "汉", "丰田村1组"],
            ["0201", "朱冬英", "户主", "女", D(1956, 12, 25), None, "汉", "丰田村2组"],
            ["0202", "林水发", "户主", "男", D(1970, 7, 7), None, "汉", "丰田村2组"],
            ["0202", "林小兰", "女", "女", D(1998, 3, 3), None, "汉", "丰田村2组"],
        ]),
    ])
    # Not a ledger: statistics by indicator and year, and by village.
    write_xlsx(folder / "丰田乡2011年农村经济统计表.xlsx", [
        Sheet("主要指标", [
            ["丰田乡2011年农村经济主要指标"],
            ["指标", "单位", "2010年", "2011年", "增长（%）"],
            ["农户数", "户", 3120, 3156, 1.2],
            ["乡村人口", "人", 12850, 12933, 0.6],
            ["耕地面积", "亩", 18600, 18600, 0.0],
            ["粮食产量", "吨", 9420, 9815, 4.2],
            ["农民人均纯收入", "元", 3980, 4512, 13.4],
            ["注：数据来源于乡统计站年报。"],
        ], merges=["A1:E1"]),
        Sheet("各村基本情况", [
            ["丰田乡各村基本情况统计表"],
            [None, None, None, None, None, "2011年12月"],
            ["村名", "村民小组数", "总户数", "总人口", "耕地面积（亩）", "农民人均纯收入（元）"],
            ["丰田村", 9, 412, 1650, 2300, 4620],
            ["上湖村", 7, 318, 1288, 1900, 4410],
            ["合计", 16, 730, 2938, 4200, None],  # total
        ]),
    ])


SITUATIONS = {
    "s1_dated_household_lists": situation_1_dated_household_lists,
    "s2_typed_lists": situation_2_typed_lists,
    "s3_process_and_outcome": situation_3_process_and_outcome,
    "s4_titles_with_ledger_words": situation_4_titles_with_ledger_words,
    "s5_first_row_reads_like_heading": situation_5_first_row_reads_like_heading,
    "s6_year_words_in_titles": situation_6_year_words_in_titles,
    "s7_block_forms": situation_7_block_forms,
    "s8_missing_visit_dates": situation_8_missing_visit_dates,
    "s9_month_only_completion": situation_9_month_only_completion,
    "s10_poor_list_blank_cells": situation_10_poor_list_blank_cells,
    "s10b_poor_list_without_column": situation_10b_poor_list_without_column,
    "s10_reconciled_outcomes": situation_reconciled_outcomes,
    "s11_tables_that_are_no_ledger": situation_11_tables_that_are_no_ledger,
}

"""A gallery of ordinary office spreadsheets that are NOT 三送 ledgers, and one small real ledger.

A county or township office keeps many tables beside its 三送 ledgers, and they end up in the
same folder: registers of people, party members, aid and insurance payments, purchases,
statistics, data dictionaries, templates, questionnaires, duty rosters, sign-in sheets, pay
sheets, asset registers, enrolment forms. Each is written here as an office makes it (titles,
merged cells, unit notes, totals, notes and signatures), in .xlsx, .xls (as WPS saves it) or
.csv (GB18030 or UTF-8 with BOM). None of them is a ledger a person would read a figure from;
the reader must list each as not recognised and take nothing from it (no record, no reject).

Left out on purpose: an aid-project fund plan (扶贫项目资金安排表: 项目名称, 建设地点, 资金规模,
计划完成时间). A person could arguably read it as a 办实事项目 ledger, so it is no fair test of
"no ledger where a person sees none".

``gallery_real_ledger`` writes 高陂乡's small roster and visit log into the same folder: it must
still be read exactly. Its figures are in ``test_gallery.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from foreign.offices import Sheet, write_csv, write_xls, write_xlsx

D = dt.date

PLANTED_PII = (
    "360726198802084416", "360726199105172228", "360726194807120019", "360726195003253322",
    "13879712233", "13907974455", "13667978899", "0797-6221234", "13970756677", "15879701234",
    "360726196611302210", "360726197512086628",
)


def household_register(root: Path) -> None:
    """户籍人口登记表 (.xlsx): one row a person, 出生日期 and 身份证号码, grouped by 户号."""
    write_xlsx(root / "高陂乡高陂村户籍人口登记表.xlsx", [
        Sheet("Sheet1", [
            ["高陂乡高陂村户籍人口登记表"],
            ["登记单位：高陂派出所", None, None, None, None, None, None, "登记日期：2011年6月30日"],
            ["户号", "姓名", "与户主关系", "性别", "出生日期", "民族", "身份证号码", "文化程度"],
            ["001", "黄德华", "户主", "男", D(1988, 2, 8), "汉", "360726198802084416", "高中"],
            ["001", "刘小芳", "妻", "女", D(1991, 5, 17), "汉", "360726199105172228", "初中"],
            ["001", "黄子轩", "子", "男", D(2010, 9, 1), "汉", None, None],
            ["002", "黄长寿", "户主", "男", D(1948, 7, 12), "汉", "360726194807120019", "文盲"],
            ["002", "钟桂英", "妻", "女", D(1950, 3, 25), "汉", "360726195003253322", "文盲"],
            ["003", "黄建国", "户主", "男", D(1966, 11, 30), "汉", "360726196611302210", "初中"],
            ["本页共6人"],
        ], merges=["A1:H1"]),
    ])


def party_members(root: Path) -> None:
    """党员花名册 (.xls): 人员类型, 入党时间, a two-row header under a merged group cell."""
    write_xls(root / "党员花名册.xls", [
        Sheet("党员名册", [
            ["中共高陂乡委员会党员花名册"],
            ["序号", "姓名", "性别", "出生年月", "党籍情况", None, None, "所在支部"],
            [None, None, None, None, "人员类型", "入党时间", "转正时间", None],
            [1, "黄德华", "男", "1988.02", "预备党员", D(2011, 7, 1), None, "高陂村支部"],
            [2, "黄建国", "男", "1966.11", "正式党员", D(1990, 7, 1), D(1991, 7, 1), "高陂村支部"],
            [3, "李秀英", "女", "1972.04", "正式党员", D(1996, 6, 20), D(1997, 6, 20), "机关支部"],
            [4, "曾庆华", "男", "1959.09", "正式党员", D(1982, 10, 8), D(1983, 10, 8), "老干部支部"],
            ["注：党籍情况以组织部2011年党内统计为准。"],
        ], merges=["A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2", "H2:H3"]),
    ])


def student_aid(root: Path) -> None:
    """学生资助名单 (.csv, GB18030): 资助类型, 资助金额, 发放日期; a unit note and a total."""
    write_csv(root / "2011年秋季学生资助发放名单.csv", [
        ["高陂乡2011年秋季学期家庭经济困难学生资助发放名单"],
        [None, None, None, None, None, "单位：元"],
        ["序号", "学生姓名", "学校", "资助类型", "资助金额", "发放日期", "家长签字"],
        [1, "黄小明", "高陂中学", "寄宿生生活补助", 625, "2011-10-20", None],
        [2, "刘晓燕", "高陂中学", "寄宿生生活补助", 625, "2011-10-20", None],
        [3, "钟志强", "县第二中学", "国家助学金", 750, "2011-11-02", None],
        [4, "曾丽丽", "县职业中专", "中职免学费", 1000, "2011-11-10", None],
        ["合计", None, None, None, 3000, None, None],
    ], "gb18030")


def pension_payments(root: Path) -> None:
    """养老保险缴费名单 (.csv, UTF-8 with BOM): 缴费档次, 缴费类型, 缴费金额, 缴费日期."""
    write_csv(root / "城乡居民养老保险缴费名单.csv", [
        ["高陂乡2011年度城乡居民社会养老保险缴费名单"],
        ["序号", "村组", "姓名", "身份证号", "缴费档次", "缴费类型", "缴费金额（元）", "缴费日期"],
        [1, "高陂村1组", "黄德华", "360726198802084416", "100元", "个人缴费", 100, "2011-04-12"],
        [2, "高陂村1组", "刘小芳", "360726199105172228", "200元", "个人缴费", 200, "2011-04-12"],
        [3, "高陂村2组", "黄建国", "360726196611302210", "100元", "政府代缴", 100, "2011-04-15"],
        [4, "上坝村3组", "邱春梅", "360726197512086628", "500元", "个人缴费", 500, "2011-05-03"],
        ["小计", None, None, None, None, None, 900, None],
        ["经办人：曾庆华", None, None, None, "审核：黄建国"],
    ], "utf-8-sig")


def medical_payments(root: Path) -> None:
    """新农合缴费花名册 (.xlsx): a household's head, size and payment, by group; 缴费类型."""
    write_xlsx(root / "新农合参合缴费花名册.xlsx", [
        Sheet("缴费花名册", [
            ["2012年度新型农村合作医疗参合缴费花名册"],
            ["乡镇：高陂乡", None, "村：上坝村", None, None, None, "单位：元、人"],
            ["序号", "组别", "户主姓名", "家庭人口", "参合人数", "缴费类型", "缴费金额", "缴费日期"],
            [1, "1组", "邱火生", 5, 5, "个人缴纳", 250, D(2011, 11, 20)],
            [2, "1组", "邱木生", 3, 3, "个人缴纳", 150, D(2011, 11, 20)],
            [3, "2组", "邱春梅", 4, 4, "民政资助", 200, D(2011, 11, 22)],
            [4, "3组", "谢海林", 2, 2, "个人缴纳", 100, D(2011, 11, 25)],
            ["合计", None, None, 14, 14, None, 700, None],
            ["收款人：", None, None, "户主签字："],
        ], merges=["A1:H1"]),
    ])


def office_purchases(root: Path) -> None:
    """办公用品采购清单 (.xlsx): 名称, 规格, 单价, 数量, 金额, and a total written in words."""
    write_xlsx(root / "办公用品采购清单.xlsx", [
        Sheet("采购清单", [
            ["高陂乡人民政府2011年第四季度办公用品采购清单"],
            ["序号", "名称", "规格", "单位", "单价（元）", "数量", "金额（元）", "备注"],
            [1, "A4复印纸", "70g", "箱", 145, 20, 2900, None],
            [2, "中性笔", "0.5mm", "盒", 18, 30, 540, None],
            [3, "文件盒", "55mm", "个", 6.5, 100, 650, None],
            [4, "硒鼓", "HP12A", "个", 380, 4, 1520, "打印机用"],
            [5, "档案袋", "牛皮纸", "个", 0.8, 500, 400, None],
            ["合计", None, None, None, None, None, 6010, "大写：陆仟零壹拾元整"],
            ["经办人：", None, None, "验收人：", None, None, "审批："],
        ], merges=["A1:H1"]),
    ])


def yearbook_table(root: Path) -> None:
    """统计年鉴表 (.xlsx): indicators by year, a growth column, a source note."""
    write_xlsx(root / "统计年鉴农业表.xlsx", [
        Sheet("表3-2", [
            ["表3-2  全县农业生产主要指标"],
            ["指标", "单位", "2008年", "2009年", "2010年", "2011年", "2011年比上年增长（%）"],
            ["农作物播种面积", "公顷", 41250, 41630, 41880, 42010, 0.3],
            ["  粮食作物", "公顷", 27300, 27410, 27520, 27600, 0.3],
            ["粮食总产量", "吨", 168900, 171200, 172450, 176300, 2.2],
            ["有效灌溉面积", "公顷", 19800, 20100, 20350, 20900, 2.7],
            ["农民人均纯收入", "元", 3520, 3810, 4230, 4880, 15.4],
            ["资料来源：县统计局农村社会经济调查队。"],
        ], merges=["A1:G1"]),
    ])


def data_dictionary(root: Path) -> None:
    """数据字段说明 / 数据字典 (.xlsx): a system's fields, ledger words in the descriptions."""
    write_xlsx(root / "扶贫信息系统数据字典.xlsx", [
        Sheet("数据字典", [
            ["扶贫对象信息表（T_FPDX）数据字典"],
            ["序号", "字段名", "中文名称", "类型", "长度", "是否为空", "说明"],
            [1, "HZXM", "户主姓名", "VARCHAR", 20, "否", "户主的姓名"],
            [2, "SFZH", "身份证号", "CHAR", 18, "否", "户主身份证号码"],
            [3, "JTRK", "家庭人口", "INT", 4, "否", "在册人口数"],
            [4, "SFPKH", "是否贫困户", "CHAR", 1, "否", "1是 0否"],
            [5, "BFZRR", "帮扶责任人", "VARCHAR", 20, "是", "结对干部姓名"],
            [6, "ZFRQ", "走访日期", "DATE", 8, "是", "最近一次走访日期"],
            [7, "LXDH", "联系电话", "VARCHAR", 15, "是", None],
        ], merges=["A1:G1"]),
    ])


def empty_import_template(root: Path) -> None:
    """An empty import template (.xls): a heading row and an instruction, no data."""
    write_xls(root / "低保对象信息导入模板.xls", [
        Sheet("导入模板", [
            ["序号", "申请人姓名", "身份证号码", "与户主关系", "保障人数", "月保障金额", "开户银行", "银行账号", "审批日期"],
        ]),
        Sheet("说明", [
            ["填写说明：1. 请勿修改表头；2. 身份证号码请设置为文本格式；3. 审批日期格式为2011-01-01。"],
        ]),
    ])


def questionnaire(root: Path) -> None:
    """调查问卷 (.xlsx): questions with their options (ledger words in the questions)."""
    write_xlsx(root / "群众满意度调查问卷.xlsx", [
        Sheet("问卷", [
            ["高陂乡三送工作群众满意度调查问卷"],
            ["（请在您认可的选项上打“√”）"],
            ["题号", "问题", "选项A", "选项B", "选项C", "选项D"],
            [1, "您是否知道本村驻有三送工作组？", "知道", "听说过", "不知道", None],
            [2, "工作组干部到您家走访过几次？", "3次以上", "1-2次", "没有", None],
            [3, "您对结对帮扶干部的工作是否满意？", "满意", "基本满意", "不满意", "说不清"],
            [4, "您家有矛盾纠纷时，村里调解是否及时？", "及时", "不及时", "没有纠纷", None],
            [5, "您最希望工作组帮助解决什么问题？", "修路", "饮水", "就业", "其他"],
            ["调查员：", None, None, "调查日期：", None, None],
        ], merges=["A1:F1", "A2:F2"]),
    ])


def duty_roster(root: Path) -> None:
    """值班表 (.xls): 日期, 星期, 值班领导, 值班人员, 联系电话."""
    write_xls(root / "国庆值班表.xls", [
        Sheet("值班表", [
            ["高陂乡2011年国庆节期间值班安排表"],
            ["日期", "星期", "值班领导", "值班人员", "联系电话"],
            [D(2011, 10, 1), "星期六", "黄建国", "曾庆华", "13879712233"],
            [D(2011, 10, 2), "星期日", "黄建国", "李秀英", "13907974455"],
            [D(2011, 10, 3), "星期一", "钟永华", "刘志强", "13667978899"],
            [D(2011, 10, 4), "星期二", "钟永华", "邱海波", "13970756677"],
            ["值班电话：0797-6221234，值班人员须24小时在岗。"],
        ], merges=["A1:E1", "A7:E7"]),
    ])


def meeting_sign_in(root: Path) -> None:
    """会议签到表 (.csv, UTF-8 with BOM): 姓名, 单位, 职务, 签到时间."""
    write_csv(root / "三送工作推进会签到表.csv", [
        ["全县三送工作推进会签到表"],
        ["时间：2011年8月15日上午9:00", None, "地点：县政府三楼会议室"],
        ["序号", "姓名", "单位", "职务", "签到时间", "联系电话"],
        [1, "黄建国", "高陂乡人民政府", "乡长", "8:45", "13879712233"],
        [2, "钟永华", "高陂乡人民政府", "副乡长", "8:50", None],
        [3, "刘志强", "县水保局", "工作组组长", "8:52", "15879701234"],
        [4, "邱海波", "县交通局", "工作组队员", "8:58", None],
    ], "utf-8-sig")


def payroll(root: Path) -> None:
    """工资表 (.xlsx): a two-row header (应发 / 代扣 groups), a total and signatures."""
    write_xlsx(root / "2011年12月工资发放表.xlsx", [
        Sheet("12月", [
            ["高陂乡人民政府2011年12月工资发放表"],
            [None, None, None, None, None, None, None, "单位：元"],
            ["序号", "姓名", "职务", "应发工资", None, None, "代扣款项", None, "实发金额", "领款人签名"],
            [None, None, None, "基本工资", "津贴补贴", "应发合计", "养老保险", "个人所得税", None, None],
            [1, "黄建国", "乡长", 1850, 1320, 3170, 148, 12.5, 3009.5, None],
            [2, "钟永华", "副乡长", 1650, 1180, 2830, 132, 0, 2698, None],
            [3, "曾庆华", "科员", 1320, 980, 2300, 106, 0, 2194, None],
            ["合计", None, None, 4820, 3480, 8300, 386, 12.5, 7901.5, None],
            ["制表：李秀英", None, None, None, "审核：", None, None, "负责人："],
        ], merges=["A1:J1", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:H3", "I3:I4", "J3:J4"]),
    ])


def asset_register(root: Path) -> None:
    """固定资产登记表 (.xlsx): 资产名称, 规格型号, 购置日期, 数量, 单价, 金额, 使用部门."""
    write_xlsx(root / "固定资产登记表.xlsx", [
        Sheet("固定资产", [
            ["高陂乡人民政府固定资产登记表"],
            ["资产编号", "资产名称", "规格型号", "购置日期", "数量", "单价（元）", "金额（元）", "使用部门", "保管人"],
            ["GP-2009-001", "台式电脑", "联想启天M4300", D(2009, 3, 10), 5, 4200, 21000, "党政办", "曾庆华"],
            ["GP-2010-002", "复印机", "理光MP2500", D(2010, 6, 18), 1, 16800, 16800, "党政办", "曾庆华"],
            ["GP-2011-003", "空调", "格力KFR-35GW", D(2011, 5, 5), 2, 3100, 6200, "三送办", "李秀英"],
            ["合计", None, None, None, 8, None, 44000, None, None],
        ], merges=["A1:I1"]),
    ])


def vehicle_register(root: Path) -> None:
    """车辆登记表 (.xls): 车牌号, 车辆类型, 购置日期, 使用单位, 驾驶员."""
    write_xls(root / "公务车辆登记表.xls", [
        Sheet("车辆", [
            ["高陂乡公务车辆登记表"],
            ["序号", "车牌号", "品牌型号", "车辆类型", "购置日期", "购置价格（万元）", "使用单位", "驾驶员"],
            [1, "赣B·A1234", "桑塔纳3000", "轿车", D(2006, 8, 1), 12.8, "乡政府", "刘志强"],
            [2, "赣B·A5678", "五菱荣光", "面包车", D(2010, 4, 12), 4.6, "三送办", "邱海波"],
            ["注：车辆使用实行派车单制度。"],
        ], merges=["A1:H1"]),
    ])


def training_enrolment(root: Path) -> None:
    """培训报名表 (.csv, GB18030): 姓名, 村（组）, 报名日期, 培训项目 — villagers, with dates."""
    write_csv(root / "农村劳动力转移培训报名表.csv", [
        ["高陂乡2011年农村劳动力转移就业培训报名表"],
        ["序号", "姓名", "性别", "年龄", "村（组）", "报名日期", "培训项目", "联系电话"],
        [1, "邱火生", "男", 38, "上坝村1组", "2011-3-2", "电焊", "13970756677"],
        [2, "邱春梅", "女", 36, "上坝村3组", "2011-3-2", "家政服务", None],
        [3, "黄德华", "男", 23, "高陂村1组", "2011-3-5", "汽车驾驶", None],
        [4, "谢海林", "男", 45, "上坝村3组", "2011-3-8", "种养技术", None],
        ["以上共4人"],
    ], "gb18030")


def township_income_table(root: Path) -> None:
    """各乡镇农民人均纯收入统计表 (.xlsx): one row a township, by year — a 乡镇 column, no ledger."""
    write_xlsx(root / "各乡镇农民人均纯收入.xlsx", [
        Sheet("收入", [
            ["各乡镇农民人均纯收入统计表"],
            [None, None, None, "单位：元"],
            ["乡镇", "2010年", "2011年", "增长（%）"],
            ["高陂乡", 4120, 4760, 15.5],
            ["上坝镇", 3980, 4550, 14.3],
            ["龙岗乡", 3650, 4190, 14.8],
            ["全县", 4230, 4880, 15.4],
        ], merges=["A1:D1"]),
    ])


def budget_table(root: Path) -> None:
    """部门预算表 (.xls): 科目编码, 科目名称, amounts by year, the change."""
    write_xls(root / "2012年部门预算表.xls", [
        Sheet("支出预算", [
            ["高陂乡2012年部门支出预算表"],
            [None, None, None, None, "单位：万元"],
            ["科目编码", "科目名称", "2011年预算数", "2012年预算数", "增减（%）"],
            ["201", "一般公共服务", 186.5, 201.3, 7.9],
            ["20101", "  人大事务", 12.0, 12.6, 5.0],
            ["213", "农林水事务", 96.2, 118.0, 22.7],
            ["21305", "  扶贫", 35.0, 48.0, 37.1],
            ["合计", None, 282.7, 319.3, 12.9],
        ], merges=["A1:E1"]),
    ])


GALLERY = {
    "household_register": household_register,
    "party_members": party_members,
    "student_aid": student_aid,
    "pension_payments": pension_payments,
    "medical_payments": medical_payments,
    "office_purchases": office_purchases,
    "yearbook_table": yearbook_table,
    "data_dictionary": data_dictionary,
    "empty_import_template": empty_import_template,
    "questionnaire": questionnaire,
    "duty_roster": duty_roster,
    "meeting_sign_in": meeting_sign_in,
    "payroll": payroll,
    "asset_register": asset_register,
    "vehicle_register": vehicle_register,
    "training_enrolment": training_enrolment,
    "township_income_table": township_income_table,
    "budget_table": budget_table,
}

# The real ledger beside them (高陂乡's only ledgers).
REAL_LEDGER_FILE = "高陂乡三送台账.xlsx"


def gallery_real_ledger(root: Path) -> None:
    """高陂乡's roster and visit log: 4 households (poor 黄长寿 邱火生), 3 visits."""
    write_xlsx(root / REAL_LEDGER_FILE, [
        Sheet("花名册", [
            ["高陂乡结对帮扶花名册"],
            ["序号", "村", "户主姓名", "组别", "是否贫困户", "帮扶责任人"],
            [1, "高陂村", "黄长寿", "2组", "是", "刘志强"],
            [2, "高陂村", "黄建国", "2组", "否", "刘志强"],
            [3, "上坝村", "邱火生", "1组", "是", "邱海波"],
            [4, "上坝村", "邱木生", "1组", "否", "邱海波"],
        ]),
        Sheet("走访", [
            ["高陂乡走访登记表"],
            ["走访日期", "村", "户主姓名", "走访人", "走访形式"],
            [D(2011, 9, 5), "高陂村", "黄长寿", "刘志强", "入户走访"],
            [D(2011, 9, 5), "高陂村", "黄建国", "刘志强", "入户走访"],
            [D(2011, 9, 6), "上坝村", "邱火生", "邱海波", "慰问"],
        ]),
    ])


def write_gallery(root: Path) -> None:
    """Every gallery spreadsheet and the real ledger, in one raw folder."""
    for write in GALLERY.values():
        write(root)
    gallery_real_ledger(root)


GALLERY_SUBJECTS = {"gallery": write_gallery}

"""Raw ledger folders as other county offices send them: laid out unlike our demo generator.

Each ``office_*`` function writes one office's raw folder under ``root`` and
returns nothing: what the figures must be is written by hand in
``test_foreign_ledgers.py``, counted from the rows below. Every row written
here is commented when it is not a plain record (a duplicate, a household not
on the roster, a planted bad row, a subtotal or note).

The personal numbers planted here (``PLANTED_PII``) must never reach the
processed folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlwt
from openpyxl.utils import get_column_letter, range_boundaries

D = dt.date

# Every ID-card and phone number written into any office below.
PLANTED_PII = (
    "13800001111", "13912345678", "360721198001011234", "36072119800101123X", "360721196505051234",
    "13700001111", "13812349876", "13512345678", "360721197001011111", "13600001111", "360721197001012222",
    "13600003333", "360721197001013333", "13600002222", "13600004444", "13912340000", "0797-8123456",
    "360721199912121212", "13311112222",
)


@dataclass
class Sheet:
    """One worksheet: rows from A1 (None = empty cell), merged ranges, hidden columns."""

    name: str
    rows: list[list]
    merges: list[str] = field(default_factory=list)
    hidden_cols: tuple[str, ...] = ()


def write_xlsx(path: Path, sheets: list[Sheet]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = ws.cell(r, c, value)
                    if isinstance(value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
        for rng in spec.merges:
            ws.merge_cells(rng)
        for letter in spec.hidden_cols:
            ws.column_dimensions[letter].hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_xls(path: Path, sheets: list[Sheet]) -> None:
    """Excel 97-2003 as WPS and old Excel save it; merged ranges written as such."""
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    plain = xlwt.XFStyle()
    for spec in sheets:
        ws = wb.add_sheet(spec.name, cell_overwrite_ok=True)
        merged_cells = set()
        for rng in spec.merges:
            c0, r0, c1, r1 = range_boundaries(rng)
            top_left = spec.rows[r0 - 1][c0 - 1]
            ws.write_merge(r0 - 1, r1 - 1, c0 - 1, c1 - 1, top_left, date_style if isinstance(top_left, dt.date) else plain)
            merged_cells.update((r, c) for r in range(r0 - 1, r1) for c in range(c0 - 1, c1))
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in merged_cells:
                    continue
                ws.write(r, c, value, date_style if isinstance(value, dt.date) else plain)
        for letter in spec.hidden_cols:
            ws.col(range_boundaries(f"{letter}1")[0] - 1).hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


def write_csv(path: Path, rows: list[list], encoding: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))


def _letter(n: int) -> str:
    return get_column_letter(n)


# --------------------------------------------------------------------------- offices


def office_longkou(root: Path) -> None:
    """龙口镇: one workbook holds every ledger plus a 填表说明 sheet; the township is only in
    the ``龙口镇人民政府`` title row; the village column is merged down its rows; ``√/×``;
    units in headers (筹资额 under a ``单位：万元`` note, 投资（万元）, 面积（公顷）, 长度（公里））."""
    guide = Sheet("填表说明", [
        ["填表说明"],
        ["1. 走访时间请填写具体日期，如2011年3月5日。"],
        ["2. 慰问金额以元为单位，筹资以万元为单位。"],
        [],
        ["3. 本表每月5日前报镇三送办。"],
    ])
    roster = Sheet("花名册", [
        ["龙口镇人民政府"],
        ["结对帮扶花名册"],
        ["序号", "村", "组别", "农户姓名", "家庭人口", "是否贫困户", "结对干部", "联系电话"],
        [1, "新田村", "一组", "刘大山", 4, "√", "钟明", "13800001111"],
        [2, None, "一组", "刘小山", 3, "×", "钟明", None],
        [3, None, "二组", "陈 桂 英", 5, "√", "钟明", None],
        [4, None, "三组", "黄木生", 2, None, "钟明", None],
        [5, "石桥村", "1组", "邱火旺", 6, "是", "温华", None],
        [6, None, "1组", "邱水旺", 4, "否", "温华", None],
        [7, None, "2组", "谢三妹", 1, "是", "温华", None],
        ["合计", None, None, "7户", 25, None, None, None],
        ["填表人：钟明", None, None, None, "审核：温华"],
    ], merges=["A1:H1", "A2:H2", "B4:B7", "B8:B10"])
    visits = Sheet("走访登记", [
        ["龙口镇人民政府"],
        ["2011年走访登记表"],
        ["单位：元"],
        ["走访时间", "村", "走访对象", "走访人员", "走访内容", "慰问金额", "备注"],
        [D(2011, 1, 10), "新田村", "刘大山", "钟明", "入户走访", "—", None],
        ["2011/01/12", None, "陈桂英", "钟明", "春节慰问", 200, "户主电话13912345678"],
        [40555, None, "刘大山", "钟明", "政策宣讲", None, None],  # serial: 2011-01-13
        ["2011.2.30", None, "黄木生", "钟明", "入户走访", None, None],  # impossible date: reject
        [None, "新田村小计", None, None, None, 200, None],
        ["2011年2月3日", "石桥村", "邱火旺", "温华", "走访慰问", "300元", None],
        ["2011-2-3", None, "谢三妹", "温华", "入户", "无", None],
        [None, "石桥村小计", None, None, None, 300, None],
        [None, "总计", None, None, None, 500, None],
        ["注：慰问金由镇财政列支。"],
    ], merges=["A1:G1", "B5:B8", "B10:B11"])
    funds = Sheet("筹资", [
        ["龙口镇人民政府"],
        ["三送筹资台账", None, None, None, None, "单位：万元"],
        ["序号", "到位时间", "村", "用途", "资金来源", "筹资额"],
        [1, D(2011, 3, 1), "新田村", "修路", "县水保局", "20余万元"],  # 200000, at least
        [2, D(2011, 3, 15), "新田村", "慰问", "乡贤捐助", 0.4],  # 4000
        [3, D(2011, 4, 1), "石桥村", "助学", "企业", 1.1],  # 11000
        ["合计", None, None, None, None, 21.5],
    ], merges=["A1:F1"])
    projects = Sheet("办实事", [
        ["龙口镇人民政府"],
        ["序号", "村", "项目名称", "项目类别", "投资（万元）", "受益农田面积（公顷）", "受益户数", "长度（公里）", "竣工时间"],
        [1, "新田村", "新田村通组公路硬化", "道路", 20, "—", 85, 1, "2011-10-1"],
        [2, "石桥村", "稀土废水处理站", "环保", 60, 45.3, 120, "/", "2011-11-20"],  # 679.5 亩
        ["合计", None, None, None, 80, 45.3, 205, None, None],
    ], merges=["A1:I1"])
    write_xlsx(root / "2011年三送工作台账.xlsx", [guide, roster, visits, funds, projects])


def office_shimen(root: Path) -> None:
    """石门乡 (.xls): the township only in a folder two levels up; a sheet per village (the
    village only in the sheet name); two-row headers under merged group cells; the village
    column of the roster written only on the first row of each village; blank template rows."""
    header_top = ["序号", "走访日期", "走访对象", None, "走访干部", "走访形式", "备注"]
    header_low = [None, None, "姓名", "组别", None, None, None]
    header_merges = ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3"]
    shangping = Sheet("上坪村", [
        ["走访情况登记表"],
        header_top,
        header_low,
        [1, D(2011, 3, 5), "罗春生", "一组", "李红", "入户走访", None],
        [2, "2011-03-05", "罗春生", "1组", "李红", "走访", None],  # the same visit again
        [3, D(2011, 3, 20), "曾福", "2组", "李红", "政策宣讲", None],
        [4, D(2011, 4, 1), "张外来", "3组", "李红", "入户走访", "非结对户"],  # not on the roster
        [5, D(2011, 4, 2), None, None, "李红", "入户走访", None],  # no household: reject
        ["本月共走访4户"],
    ], merges=["A1:G1", *header_merges])
    xiaping = Sheet("下坪村", [
        ["走访情况登记表"],
        header_top,
        header_low,
        [1, D(2011, 3, 6), "廖金花", "一组", "王强", "慰问", None],
        [2, D(2011, 5, 6), "廖金花", "第1村民小组", "王强", "入户走访", None],
    ], merges=["A1:G1", *header_merges])
    roster = Sheet("花名册", [
        ["三送结对帮扶花名册"],
        ["序号", "村名", "基本情况", None, None, "帮扶情况", None, "身份证号码"],
        [None, None, "户主姓名", "组别", "家庭人口（人）", "帮扶责任人", "是否贫困户", None],
        [1, "上坪村", "罗春生", "第一组", 3, "李红", "是", "360721198001011234"],
        [2, None, "罗冬生", "第二组", 4, "李红", "否", "36072119800101123X"],
        [3, None, "曾  福", "第二组", 2, "李红", "是", None],
        [4, "下坪村", "廖金花", "1组", 5, "王强", "有", None],
        [5, None, "廖银花", "1组", 3, "王强", "无", None],
        [6],  # blank template rows: a serial number only
        [7],
        [8],
    ], merges=["A1:H1", "A2:A3", "B2:B3", "C2:E2", "F2:G2", "H2:H3"])
    write_xls(root / "石门乡" / "三送工作组" / "走访台账.xls", [roster, shangping, xiaping])


def office_dongjiang(root: Path) -> None:
    """东江乡 (CSV): the township only in the file names; villages written ``××村委会``;
    a column-number row under the header; dates in text forms with full-width digits;
    blank template rows; the roster in UTF-8 with BOM, the visits in GB18030."""
    roster = [
        ["序号", "村委会", "户主", "组", "人口", "户类型", "帮扶人", "手机号码"],
        [1, "和平村委会", " 钟 一 ", "1组", 3, "贫困户", "朱丽", "13700001111"],
        [2, "和平村委会", "钟二", "1组", 4, "一般户", "朱丽", None],
        [3, "和平村委会", "钟三", "2组", 5, "低保户", "朱丽", None],
        [4, "联合村委会", "廖一", "1组", 2, "一般户", "何平", None],
        [5, "联合村委会", "廖二", "1组", 2, "五保户", "何平", None],
    ]
    write_csv(root / "东江乡帮扶对象名单.csv", roster, "utf-8-sig")
    visits = [
        ["序号", "走访日期", "村（居）委会", "户主姓名", "走访干部", "走访方式", "慰问金（元）", "备注"],
        [1, 2, 3, 4, 5, 6, 7, 8],
        [1, "２０１１年３月５日", "和平村委会", "钟一", "朱丽", "入户走访", None, None],
        [2, "2011-3-5", "和平村", "钟一", "朱丽", "入户走访", None, None],  # the same visit again
        [3, "20110310", "和平村委会", "钟二", "朱丽", "慰问", "1,000.00", None],
        [4, "2011/03/12", "联合村委会", "廖二", "何平", "送温暖", "￥500", None],
        [5, "40617", "联合村委会", "廖一", "何平", "入户走访", None, None],  # serial: 2011-03-15
        [6, "2011年13月1日", "联合村委会", "廖一", "何平", "入户走访", None, None],  # impossible: reject
        [7],
        [8],
    ]
    write_csv(root / "东江乡走访记录.csv", visits, "gb18030")


def office_bailu(root: Path) -> None:
    """白鹭乡: a workbook per village (the village only in the file name and title, the
    township only in the folder), a sheet per month with ``本月共…`` rows, two households
    with the same name in one village, and a dispute ledger in plain UTF-8 CSV."""
    folder = root / "白鹭乡"
    write_xlsx(folder / "桐木村.xlsx", [
        Sheet("花名册", [
            ["桐木村结对帮扶花名册"],
            ["序号", "户主姓名", "所在组", "家庭人口", "是否困难户", "帮扶责任人", "身份证号"],
            [1, "温长生", 1, 4, "Y", "赖军", "360721196505051234"],
            [2, "温长寿", 1, 3, "N", "赖军", None],
            [3, "温\u3000长\u3000福", 2, 2, "Y", "赖军", None],
        ]),
        Sheet("1月", [
            ["桐木村2011年1月走访登记表"],
            ["日期", "户主姓名", "组别", "走访人", "走访形式"],
            ["2011-1-8", "温长生", "一组", "赖军", "入户走访"],
            ["2011-1-8", "温长福", "二组", "赖军", "入户走访"],
            ["本月共走访2户"],
        ]),
        Sheet("2月", [
            ["桐木村2011年2月走访登记表"],
            ["日期", "户主姓名", "组别", "走访人", "走访形式"],
            ["2011-2-1", "温 长生", "第一组", "赖军", "春节慰问"],
            [D(2011, 2, 1), "温长生", "1组", "赖 军", "走访慰问"],  # the same relief visit again
            ["本月共走访1户"],
        ]),
    ])
    write_xls(folder / "樟树村.xls", [
        Sheet("花名册", [
            ["樟树村帮扶对象"],
            ["序号", "农户姓名", "组别", "人口", "贫困户", "帮扶干部"],
            [1, "何春", "一组", 3, "是", "刘洋"],
            [2, "何春", "三组", 5, "否", "刘洋"],  # same name, another group
            [3, "何夏", "三组", 4, "否", "刘洋"],
        ]),
        Sheet("3月", [
            ["樟树村3月走访记录"],
            ["走访日期", "被走访人", "组别", "走访人", "走访内容"],
            [D(2011, 3, 2), "何春", "3组", "刘洋", "入户走访"],  # 何春 of 三组
            [D(2011, 3, 3), "何夏", None, "刘洋", "入户走访"],
            # No group and two 何春 in 樟树村: nobody can tell which; counted as a visit, matched to no household.
            [D(2011, 3, 4), "何春", None, "刘洋", "政策宣讲"],
        ]),
    ])
    disputes = [
        ["白鹭乡矛盾纠纷排查调处台账"],
        ["序号", "排查时间", "村", "当事人", "纠纷类别", "简要情况", "调处单位", "处理结果", "办结时间", "是否提供法律帮助"],
        [1, "2011.3.5", "桐木村", "温长生与温长寿", "山林纠纷", "山界不清", "组", "调解成功", "2011.3.20", "是"],
        [2, "2011年4月2日", "桐木村", "张某,李某", "邻里纠纷", "排水", "村委会", "已化解", "2011-4-10", "否"],
        [3, "2011-05-06", "樟树村", "何春 13912340000", "土地纠纷", "承包地边界", "乡司法所", "移交法院", None, "否"],
        [4, "2011-06-01", "樟树村", "何夏", "婚姻家庭", None, "村", "正在调处", None, None],
        [5, "2011-06-15", "樟树村", "何某", "其他", None, "村", "见卷宗", None, None],  # outcome unreadable: reject
        ["合计", None, None, None, None, None, None, None, None, None],
    ]
    write_csv(folder / "白鹭乡纠纷排查.csv", disputes, "utf-8")


def office_county_summary(root: Path) -> None:
    """太平乡 and 和平镇 from the county office: one workbook with a visit sheet per township
    (the township only in the sheet name), bare village names (``新屋`` here, ``新屋村`` in the
    roster), a county roster with a 乡镇 column, and a county dispute list in township sections."""
    folder = root / "县三送办"
    write_xlsx(folder / "2011年走访汇总.xlsx", [
        Sheet("太平乡", [
            ["走访登记表"],
            ["村", "户主", "走访日期", "结对干部", "形式", "慰问金"],
            ["新屋", "吴一", D(2011, 3, 1), "林干部", "入户", None],
            ["新屋", "吴二", D(2011, 3, 2), "林干部", "慰问", "1.1万元"],
        ]),
        Sheet("和平镇", [
            ["走访登记表"],
            ["村", "户主", "走访日期", "结对干部", "形式"],
            ["老屋村", "郑一", "2011年5月1日", "陈干部", "入户走访"],
            ["老屋村", "郑一", "2011年5月8日", "陈干部", "入户走访"],
            ["老屋村", "郑三", "2011年5月9日", "陈干部", "入户走访"],  # not on the roster
        ]),
    ])
    write_xlsx(folder / "纠纷汇总.xlsx", [
        Sheet("纠纷", [
            ["2011年矛盾纠纷排查调处汇总表"],
            ["序号", "村", "受理时间", "纠纷类型", "调处结果"],
            ["一、太平乡"],
            [1, "新屋村", "2011-3-1", "山林", "调处成功"],
            [2, None, "2011-3-2", "土地", "调处中"],  # 新屋村, written once
            ["二、和平镇"],
            [3, None, "2011-4-1", "邻里", "成功"],  # no village: not 太平乡's 新屋村
            [4, "老屋村", "2011-4-2", "婚姻家庭", "已化解"],
        ]),
    ])
    write_xlsx(folder / "花名册汇总.xlsx", [
        Sheet("Sheet1", [
            ["2011年三送结对帮扶花名册汇总表"],
            ["乡镇", "村", "户主", "组别", "是否贫困户", "结对干部", "家庭人口"],
            ["太平乡", "新屋村", "吴一", "1组", "是", "林干部", 3],
            ["太平乡", "新屋村", "吴二", "1组", "否", "林干部", 4],
            ["太平乡", "太平乡新屋村", "吴三", "2组", "是", "林干部", 2],
            ["和平镇人民政府", "老屋村", "郑一", "1组", "是", "陈干部", 5],
            ["和平镇", "老屋村委会", "郑二", "1组", "否", "陈干部", 3],
        ]),
    ])


def office_meilin(root: Path) -> None:
    """梅林镇 funds: every amount form under ``捐助金额`` with a ``单位：元`` note, a second sheet
    whose title declares ``（单位：万元）``, note/signature/seal rows and a lone date line; the
    township only in the file name (``××镇人民政府``); a total with no label under the last sheet."""
    write_xlsx(root / "梅林镇人民政府筹资台账.xlsx", [
        Sheet("筹资台账", [
            ["三送筹资情况登记表"],
            [None, None, None, None, None, "单位：元"],
            ["序号", "捐助日期", "村别", "捐助单位（个人）", "资金用途", "捐助金额"],
            [1, D(2011, 1, 5), "梅林村", "县水保局", "慰问", 4000],
            [2, D(2011, 1, 6), "梅林村", "乡贤", "助学", "4,000.00"],
            [3, D(2011, 1, 7), "梅林村", "企业", "修路", "￥4000"],
            [4, D(2011, 1, 8), "梅林村", "企业", "修路", "4000元"],
            [5, D(2011, 1, 9), "梅林村", "个人", "助学", "0.4万"],
            [6, D(2011, 1, 10), "梅林村", "个人", "助学", "1.1万元"],
            [7, D(2011, 1, 11), "梅林村", "企业", "修路", "20余万元"],
            [8, D(2011, 1, 12), "梅林村", "水保局", "村级建设", "近万元"],
            [9, D(2011, 1, 13), "梅林村", "个人", "慰问", "约3千元"],
            [10, D(2011, 1, 14), "梅林村", "个人", "助学", "一万一千元"],
            [11, D(2011, 1, 15), "梅林村", "企业", "慰问", "壹万元整"],
            [12, D(2011, 1, 16), "梅林村", "企业", "慰问", "待定"],  # reject
            [13, D(2011, 1, 17), "梅林村", "张三（13512345678）", "慰问", 500],
            ["合计", None, None, None, None, 265500],
            ["填表人：李会计", None, None, "审核：王镇长"],
            [None, None, None, None, "（盖章）"],
            [None, None, None, None, "2011年12月31日"],
        ]),
        Sheet("下半年", [
            ["梅林镇下半年筹资登记（单位：万元）"],
            ["日期", "村", "来源", "用途", "金额"],
            [D(2011, 7, 1), "梅林村", "县财政", "修路", 2.5],  # 25000
            [D(2011, 8, 1), "梅林村", "县财政", "修路", "3000元"],  # its own unit: 3000
            [None, None, None, None, 2.8],  # a SUM typed under the column without a 合计 label
        ]),
    ])


def office_qingshan(root: Path) -> None:
    """青山乡 (.xls): projects with 投资 in 万元 behind a line break, 受益面积 in 亩, 公顷 and
    Chinese numerals, 长度（公里）; disputes with Excel serial dates and 化解情况."""
    projects = Sheet("办实事", [
        ["青山乡2011年为民办实事项目台账"],
        ["序号", "村", "实事名称", "类别", "投资\n（万元）", "受益面积", "受益户数", "长度（公里）", "宽度（米）", "完成时间"],
        [1, "大坪村", "通村公路", "道路", 20, "—", "60户", 1, 3.5, "2011-9-30"],
        [2, "大坪村", "水圳修复", "水利", 5.5, "三百亩", 40, 2.2, 0.8, "2011.10.15"],
        [3, "大坪村", "山塘清淤", "水利", 3, "12公顷", 30, None, None, 20111020],  # 180 亩
        [4, "小坪村", "机耕道", "道路", 8, 150, 25, 0.8, 3, "2011年11月5日"],
        [5, "小坪村", "农田灌溉渠", "水利", "待定", "80亩", 20, None, None, "2011-12-01"],  # investment unread, kept
        ["合计"],
    ])
    disputes = Sheet("纠纷", [
        ["青山乡矛盾纠纷排查调处台账"],
        ["受理日期", "村", "组", "纠纷类型", "当事人", "调处层级", "化解情况", "化解时间", "法律援助"],
        [40603, "大坪村", "一组", "山林权属", "甲、乙", "组级", "已化解", 40610, "√"],
        [D(2011, 3, 5), "大坪村", "2组", "山界纠纷", "丙、丁", "村级", "调处成功", None, "×"],
        ["2011-02-30", "小坪村", "1组", "土地", "戊", "乡", "成功", None, None],  # impossible date: reject
        ["2011-04-01", "小坪村", "1组", "家庭", "己", "村", "未成功", None, None],
        ["2011-04-05", "小坪村", "2组", "邻里", "庚", "村", "调解中", None, None],
    ])
    write_xls(root / "青山乡办实事与纠纷台账.xls", [projects, disputes])


def office_gaoling(root: Path) -> None:
    """高岭镇 (CSV, UTF-8 with BOM): two-row headers with each group cell over its first
    sub-column only (no merges in CSV), one of them needed to read ``人员`` as 走访人员; header
    cells with line breaks; a duplicate visit written with stray spaces and another wording."""
    roster = [
        ["高岭镇三送包扶对象花名册", None, None, None, None, None, None],
        ["序号", "户主情况", None, None, None, "帮扶", None],
        [None, "村名", "姓名", "组别", "是否贫困户", "帮扶责任人", "联系电话"],
        [1, "高岭村", "肖一", 1, "是", "丁一", "13812349876"],
        [2, "高岭村", "肖二", 1, "否", "丁一", None],
        [3, "高岭村", "肖三", 2, "是", "丁一", None],
    ]
    write_csv(root / "高岭镇花名册.csv", roster, "utf-8-sig")
    visits = [
        ["走访\n日期", "村名", "被走访\n户主", "走访人\n姓名", "走访形式"],
        ["2011-6-1", "高岭村", "肖一", "丁一", "入户走访"],
        ["2011-6-2", "高岭村", "肖二", "丁一", "入户走访"],
        ["2011-6-3", "高岭村", "肖一", "丁一", "入户走访"],
        ["2011-06-03", "高岭村", "肖 一", "丁 一", "入户"],  # the same visit again
    ]
    write_csv(root / "高岭镇入户走访.csv", visits, "utf-8-sig")
    # The second half of the year from another clerk: 走访 written once over 日期 | 人员 | 形式.
    write_csv(root / "高岭镇走访（下半年）.csv", [
        ["走访", None, None, "被走访户", None],
        ["日期", "人员", "形式", "户主", "村名"],
        ["2011-7-1", "丁一", "入户走访", "肖三", "高岭村"],
        ["2011-7-1", "丁二", "入户走访", "肖三", "高岭村"],  # another cadre the same day: another visit
    ], "utf-8-sig")


def office_jinzhu(root: Path) -> None:
    """金竹乡: township and village only in the title (``金竹乡金竹村走访登记表``); headers
    with spaces, full-width spaces and 【】; a hidden empty column; a column-number row;
    every date form in one column."""
    visits = Sheet("走访", [
        ["金竹乡金竹村走访登记表"],
        ["序 号", "走 访 日 期", None, "户 主 姓 名", "组\u3000别", "走访人", "走访形式", "慰问金【元】"],
        [1, 2, None, 3, 4, 5, 6, 7],
        [1, D(2011, 7, 1), None, "黄一", "一组", "马力", "走访", None],
        [2, 40730, None, "黄二", "一组", "马力", "走访", None],  # serial: 2011-07-06
        [3, "2011-7-8", None, "黄三", "二组", "马力", "慰问", "壹佰元"],
        [4, "2011/07/09", None, "黄一", "1组", "马力", "政策宣讲", None],
        [5, "2011.7.10", None, "黄二", "1组", "马力", "宣传", None],
        [6, 20110711, None, "黄三", "2组", "马力", "走访", None],
        [7, "20110712", None, "黄一", "1组", "马力", "走访", None],
        [8, "2011年7月13日", None, "黄二", "1组", "马力", "走访", None],
        [9, "２０１１年７月１４日", None, "黄三", "2组", "马力", "走访", None],
        [10, "二〇一一年七月十五日", None, "黄一", "1组", "马力", "走访", None],
        [11, "待定", None, "黄二", "1组", "马力", "走访", None],  # reject
        [12, "2011-08-02", None, "黄二", "1组", "马力", "走访", None],
    ], hidden_cols=("C",))
    roster = Sheet("名单", [
        ["金竹乡金竹村帮扶对象名单"],
        ["户主", "组别", "贫困户（是/否）", "家庭人口（人）", "帮扶责任人"],
        ["黄一", "1组", "是", 3, "马力"],
        ["黄二", "1组", "否", 4, "马力"],
        ["黄三", "2组", "是", 2, "马力"],
        ["黄四", "2组", "否", 2, "马力"],
    ])
    write_xlsx(root / "金竹乡" / "金竹村" / "台账.xlsx", [visits, roster])


def office_anhe(root: Path) -> None:
    """安和乡: personal numbers everywhere: ID and phone columns under other headings, numbers
    inside remarks, visit contents and dispute parties, and in a rejected row."""
    write_xlsx(root / "安和乡下洋村.xlsx", [
        Sheet("包扶对象", [
            ["安和乡下洋村包扶对象名单"],
            ["序号", "户主姓名", "公民身份号码", "户主手机", "家庭人口", "是否建档立卡贫困户", "包扶干部", "备注"],
            [1, "邓一", "360721197001011111", 13600001111, 4, "是", "甘甜", "身份证360721197001012222"],
            [2, "邓二", "360721197001013333", "136 0000 2222", 3, "否", "甘甜", "户主电话：13600003333"],
        ]),
        Sheet("走访", [
            ["安和乡下洋村走访登记"],
            ["走访日期", "户主姓名", "走访人", "走访内容", "备注"],
            ["2011-8-1", "邓一", "甘甜", "入户走访，户主电话13600001111", None],
            ["2011-13-01", "邓二", "甘甜", "入户走访", "电话13600004444"],  # impossible date: reject
        ]),
        Sheet("纠纷", [
            ["安和乡下洋村矛盾纠纷登记"],
            ["受理时间", "当事人", "身份证号", "纠纷简要情况", "矛盾类型", "调解结果", "法律帮助"],
            ["2011-9-1", "邓一（0797-8123456）", "360721199912121212", "邻居13311112222占地", "邻里", "调解成功", "N"],
        ]),
    ])


def office_hexi(root: Path) -> None:
    """河西乡 (.xlsm): visits written ``帮扶对象``/``帮扶责任人`` (a roster's words in a visit log),
    funds under ``到位资金（万元）``, a sheet per month, totals in the date column, and a 汇总
    sheet of per-village counts that must not read as a ledger."""
    write_xlsx(root / "河西乡" / "2011年度帮扶台账.xlsm", [
        Sheet("帮扶对象", [
            ["河西乡塘边村帮扶对象花名册"],
            ["序号", "帮扶对象", "组别", "是否贫困户", "帮扶责任人", "家庭人口"],
            [1, "钟福", "一组", "是", "邹强", 4],
            [2, "钟禄", "一组", "否", "邹强", 5],
            [3, "钟寿", "二组", "否", "邹强", 3],
        ]),
        Sheet("4月", [
            ["河西乡塘边村4月帮扶走访记录"],
            ["序号", "走访日期", "帮扶对象", "帮扶责任人", "帮扶内容"],
            [1, "2011-4-3", "钟福", "邹强", "入户走访"],
            [2, "2011-4-9", "钟寿", "邹强", "政策宣讲"],
            [None, "合计", "2户", None, None],
        ]),
        Sheet("5月", [
            ["河西乡塘边村5月帮扶走访记录"],
            ["序号", "走访日期", "帮扶对象", "帮扶责任人", "帮扶内容"],
            [1, "2011-5-3", "钟福", "邹强", "入户走访"],
            [None, "合计", "1户", None, None],
        ]),
        Sheet("汇总", [  # a summary of the ledgers, not a ledger: its rows must not count again
            ["河西乡三送工作情况汇总表"],
            ["村名", "结对帮扶户数", "已走访户数", "走访率", "慰问金额（元）", "筹资金额（万元）", "办实事项目（个）",
             "受益农田（亩）", "调处纠纷（起）"],
            ["塘边村", 3, 2, "66.7%", 0, 3.8, 1, 200, 0],
            ["合计", 3, 2, "66.7%", 0, 3.8, 1, 200, 0],
        ]),
        Sheet("筹资", [
            ["河西乡塘边村筹资情况"],
            ["序号", "时间", "资金来源", "用途", "到位资金（万元）"],
            [1, "2011-4-20", "县水保局", "修路", 2],
            [2, "2011-5-20", "县交通局", "修路", "1.5万"],
            [3, "2011-6-20", "爱心人士", "助学", "3000元"],
            ["合计", None, None, None, "3.8"],
        ]),
    ])


def office_yunfeng(root: Path) -> None:
    """云峰乡 (CSV, GB18030): disputes with 受理时间/调解单位/是否调处成功 and yes/no forms;
    the village column written once per village (no merges in CSV); a title naming the township."""
    disputes = [
        ["云峰乡2011年矛盾纠纷排查化解登记表"],
        ["序号", "村", "受理时间", "纠纷类型", "调解单位", "是否调处成功", "结案时间", "是否法律援助"],
        [1, "云峰村", "2011-1-5", "山林", "组", "是", "2011-1-9", "Y"],
        [2, None, "2011-1-6", "山林", "村", "是", "2011-1-20", "N"],
        [3, None, "2011-1-7", "宅基地", "乡", "否", None, None],
        [4, "白云村", "2011-2-5", "赡养", "村", "√", "2011-2-8", "是（法律咨询）"],
        [None, None, "2011-2-5", "赡养", "村", "√", "2011-2-8", "有"],  # 白云村 written once above
        [5, None, "2011-2-6", "债务", "镇综治办", "×", None, "无"],
        [6, None, "2011-2-7", "邻里", "村", "-", None, None],  # not yet decided: pending
        ["小计"],
        ["审核：", None, None, None, "填报人："],
    ]
    write_csv(root / "云峰乡纠纷.csv", disputes, "gb18030")


def office_chengguan(root: Path) -> None:
    """城关街道 (.xls): 社区 instead of 村, 居民组 instead of 组; communities stacked in one sheet
    under section titles (``一、城东社区``) with the header repeated; a household name and a date
    merged down over two rows; remarks that start like a monthly total but belong to a record."""
    visits = Sheet("走访", [
        ["城关街道办事处走访登记表"],
        ["序号", "走访日期", "居民组", "户主姓名", "走访干部", "走访形式", "备注"],
        ["一、城东社区"],
        [1, D(2011, 3, 1), "1组", "叶青", "肖剑", "入户走访", None],
        [2, D(2011, 3, 15), None, None, "肖剑", "政策宣讲", "本月共走访2次"],  # 叶青 again: a record
        [3, D(2011, 3, 2), "2组", "叶红", "肖剑", "入户走访", None],
        [4, None, "2组", "叶绿", "肖剑", "入户走访", "本年度计划脱贫"],  # 2011-03-02 (merged): a record
        ["小计", None, None, "3户", None, None, None],
        ["二、城西社区居委会"],
        ["序号", "走访日期", "居民组", "户主姓名", "走访干部", "走访形式", "备注"],
        [1, D(2011, 4, 1), "一组", "钱多", "孙立", "入户", None],
        [2, D(2011, 4, 2), "一组", "钱少", "孙立", "慰问", None],
        ["合计", None, None, "5户", None, None, None],
    ], merges=["A1:G1", "A3:G3", "C4:C5", "D4:D5", "B6:B7", "A9:G9"])
    roster = Sheet("花名册", [
        ["城关街道结对帮扶花名册"],
        ["序号", "社区", "居民小组", "户主姓名", "是否困难户", "帮扶责任人", "备注"],
        [1, "城东社区居委会", "1组", "叶青", "是", "肖剑", "本年度计划脱贫"],
        [2, "城东社区", "2组", "叶红", "否", "肖剑", None],
        [3, "城东社区", "2组", "叶绿", "是", "肖剑", None],
        [4, "城东社区", "3组", "叶白", "否", "肖剑", "本月共走访0次"],
        [5, "城西社区", "1组", "钱多", "是", "孙立", None],
        [6, "城西社区", "1组", "钱少", "否", "孙立", None],
        [7, "城南社区", "1组", "孙一", "是", "孙立", None],
    ])
    chengnan = Sheet("城南居委会", [  # the community only in the sheet name, as a 居委会
        ["走访登记表"],
        ["走访日期", "户主姓名", "走访干部", "走访形式"],
        [D(2011, 5, 1), "孙一", "孙立", "入户走访"],
    ])
    write_xls(root / "城关街道办事处三送台账.xls", [visits, roster, chengnan])


def office_xiashan(root: Path) -> None:
    """霞山乡: a project ledger whose two-row header groups ``投资情况（万元）`` over 总投资/其中群众自筹
    and ``受益情况`` over 户数/面积（亩）; funds under ``金额（万）`` (万 without 元), and donations
    whose unit is given only by a note under the table (``注：金额单位为万元``)."""
    write_xlsx(root / "霞山乡台账.xlsx", [
        Sheet("办实事", [
            ["霞山乡为民办实事项目表"],
            ["序号", "村", "项目名称", "投资情况（万元）", None, "受益情况", None, "竣工时间"],
            [None, None, None, "总投资", "其中群众自筹", "户数", "面积（亩）", None],
            [1, "霞山村", "水渠修复", 12, 2, 40, 300, D(2011, 10, 1)],
            [2, "霞山村", "机耕桥", 5, 0.5, 20, 50, D(2011, 11, 1)],
            [3, "中洲村", "山塘清淤", 8, 1, 35, 120, D(2011, 12, 1)],
            ["合计", None, None, 25, 3.5, 95, 470, None],
        ], merges=["A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2", "H2:H3"]),
        Sheet("筹资", [
            ["霞山乡筹资台账"],
            ["时间", "村", "资金来源", "用途", "金额（万）"],
            [D(2011, 5, 1), "霞山村", "县财政", "修渠", 2],
            [D(2011, 6, 1), "中洲村", "企业捐助", "助学", 0.5],
        ]),
        Sheet("捐助", [
            ["霞山乡社会捐助登记"],
            ["日期", "村", "捐助单位", "用途", "捐助金额"],
            [D(2011, 7, 1), "霞山村", "乡贤", "助学", 1.2],  # 12000: see the note below the table
            [D(2011, 8, 1), "中洲村", "企业", "慰问", "3000元"],  # its own unit
            [None, "合计", None, None, 4.2],
            ["注：金额单位为万元。"],
        ]),
    ])


def office_shuangqiao(root: Path) -> None:
    """双桥镇: a roster workbook with a sheet per village named by the bare village name (``新屋``,
    ``上坪``), no village column, the same name and group in both villages; the visit log names
    the villages in full in a column, and a village's own log sits in a folder ``新屋``."""
    roster_header = ["序号", "户主姓名", "组别", "是否贫困户", "帮扶责任人"]
    write_xlsx(root / "双桥镇花名册.xlsx", [
        Sheet("新屋", [
            ["结对帮扶花名册"],
            roster_header,
            [1, "张三", "1组", "是", "周干部"],
            [2, "李四", "1组", "否", "周干部"],
        ]),
        Sheet("上坪", [
            ["结对帮扶花名册"],
            roster_header,
            [1, "张三", "1组", "否", "吴干部"],  # another household: same name and group, another village
            [2, "王五", "2组", "是", "吴干部"],
        ]),
    ])
    write_xlsx(root / "双桥镇走访.xlsx", [
        Sheet("走访", [
            ["双桥镇走访登记表"],
            ["村", "户主姓名", "组别", "走访日期", "走访人", "走访形式"],
            ["新屋村", "李四", "1组", D(2011, 3, 1), "周干部", "入户走访"],
            ["上坪村", "张三", "1组", D(2011, 3, 2), "吴干部", "入户走访"],
            ["上坪村", "王五", None, D(2011, 3, 3), "吴干部", "入户走访"],
        ]),
    ])
    # 新屋's own visit log, the village only in its (bare) folder name: which 张三 it is depends on it.
    write_xlsx(root / "双桥镇" / "新屋" / "走访记录.xlsx", [
        Sheet("Sheet1", [
            ["走访记录"],
            ["户主姓名", "组别", "走访日期", "走访人", "走访形式"],
            ["张三", "1组", D(2011, 4, 1), "周干部", "入户走访"],
        ]),
    ])


def office_changling(root: Path) -> None:
    """长岭乡: the same visits sent twice, in the township summary and again in a village's own
    file (the village only in its folder name), written in other forms; the roster sent twice,
    once without the groups."""
    folder = root / "长岭乡"
    write_csv(folder / "花名册.csv", [
        ["村", "户主姓名", "组别", "是否贫困户", "帮扶责任人"],
        ["长岭村", "谢一", "1组", "是", "谢干部"],
        ["长岭村", "谢二", "1组", "否", "谢干部"],
        ["坝上村", "邓甲", "2组", "是", "谢干部"],
    ], "gb18030")
    write_xlsx(folder / "长岭乡结对帮扶名单.xlsx", [  # the same households again, without their groups
        Sheet("名单", [
            ["长岭乡结对帮扶名单"],
            ["村", "户主姓名", "是否贫困户", "帮扶责任人"],
            ["长岭村", "谢一", "是", "谢干部"],
            ["长岭村", "谢二", "否", "谢干部"],
            ["坝上村", "邓甲", "是", "谢干部"],
        ]),
    ])
    write_xlsx(folder / "长岭乡走访汇总.xlsx", [
        Sheet("汇总", [
            ["长岭乡走访汇总表"],
            ["村", "户主姓名", "走访日期", "走访人", "走访形式"],
            ["长岭村", "谢一", D(2011, 2, 1), "谢干部", "入户走访"],
            ["长岭村", "谢二", D(2011, 2, 2), "谢干部", "入户走访"],
            ["坝上村", "邓甲", D(2011, 2, 3), "谢干部", "慰问"],
        ]),
    ])
    write_xlsx(folder / "长岭村" / "走访.xlsx", [
        Sheet("Sheet1", [
            ["走访记录"],
            ["户主姓名", "走访日期", "走访人", "走访形式"],
            ["谢一", "2011年2月1日", "谢干部", "走访"],  # again (summary row 3)
            ["谢 二", "2011.2.2", "谢干部", "入户走访"],  # again (summary row 4)
            ["谢一", "2011-2-20", "谢干部", "入户走访"],
        ]),
    ])


def office_taoxi(root: Path) -> None:
    """桃溪乡 (xlsx): headings from other templates (被走访人姓名 beside 走访领导, 帮扶户, 包户干部,
    村组 holding ``长坑村1组``, 筹资（元）, 捐赠单位或个人); visit dates merged down over the
    households seen that day; a datetime with a time of day; ``以下空白`` closing a sheet; the
    roster listing one household twice and leaving one group blank."""
    write_xlsx(root / "桃溪乡" / "01桃溪乡三送台账（2011年）.xlsx", [
        Sheet("结对户", [
            ["桃溪乡结对帮扶户花名册"],
            ["序号", "村组", "帮扶户", "是否贫困户", "包户干部", "家庭人口"],
            [1, "长坑村1组", "罗甲", "是", "徐干部", 3],
            [2, "长坑村1组", "罗乙", "否", "徐干部", 4],
            [3, "长坑村", "罗丙", "是", "徐干部", 2],  # no group given
            [4, "长坑村1组", "罗甲", "是", "徐干部", 3],  # the same household listed again
            [5, "长坑村第二村民小组", "罗丁", "否", "徐干部", 5],
            [None, "以下空白"],
        ]),
        Sheet("走访", [
            ["桃溪乡长坑村走访情况"],
            ["走访时间", "被走访人姓名", "走访领导", "走访内容"],
            [D(2011, 9, 1), "罗甲", "徐干部", "入户走访"],
            [None, "罗乙", "徐干部", "入户走访"],  # 2011-09-01, merged
            [None, "罗丙", "徐干部", "入户走访"],  # 2011-09-01, merged
            [dt.datetime(2011, 9, 2, 14, 30), "罗丁", "徐干部", "政策宣讲"],
            [None, "以下空白"],
        ], merges=["A3:A5"]),
        Sheet("筹资", [
            ["桃溪乡长坑村筹资情况"],
            ["日期", "捐赠单位或个人", "筹资（元）", "用途"],
            ["2011-9-10", "县林业局", "5000", "修桥"],
            ["2011-9-12", "罗某某（电话13912345678）", "800元", "助学"],
        ]),
    ])


def office_pagebreak(root: Path) -> None:
    """石塘镇 (.xls printed in pages): the two-row header and the title repeated at each page
    break, ``第1页 共2页`` footers merged across, a visit log to households of two villages."""
    top = ["序号", "基本情况", None, None, "走访情况", None, None]
    low = [None, "村", "户主姓名", "组别", "走访日期", "走访人", "走访形式"]

    def page_merges(r: int) -> list[str]:
        return [f"A{r}:G{r}", f"A{r + 1}:A{r + 2}", f"B{r + 1}:D{r + 1}", f"E{r + 1}:G{r + 1}"]

    visits = Sheet("走访", [
        ["石塘镇2011年走访登记表"],
        top, low,
        [1, "石塘村", "曾一", "1组", D(2011, 10, 1), "江干部", "入户走访"],
        [2, "石塘村", "曾二", "1组", D(2011, 10, 2), "江干部", "入户走访"],
        ["第1页 共2页"],
        ["石塘镇2011年走访登记表（续）"],
        top, low,
        [3, "塘背村", "古一", "2组", D(2011, 10, 3), "江干部", "慰问"],
        [4, "塘背村", "古二", "2组", D(2011, 10, 4), "江干部", "入户走访"],
        ["第2页 共2页"],
    ], merges=[*page_merges(1), "A6:G6", *page_merges(7), "A12:G12"])
    roster = Sheet("花名册", [
        ["石塘镇包扶对象名单"],
        ["村", "户主姓名", "组别", "是否困难户", "帮扶责任人"],
        ["石塘村", "曾一", "1组", "是", "江干部"],
        ["石塘村", "曾二", "1组", "否", "江干部"],
        ["塘背村", "古一", "2组", "是", "江干部"],
        ["塘背村", "古二", "2组", "否", "江干部"],
        ["塘背村", "古三", "3组", "是", "江干部"],
    ])
    write_xls(root / "石塘镇.xls", [visits, roster])


def office_xinlong(root: Path) -> None:
    """新龙乡: a file and sheets named after nothing; a letter-spaced title; the place only in a
    label row (``乡镇：新龙乡　村：下湾村``) beside a 填报日期; ``三送办`` in the roster title; a
    total written ``共走访3户`` in the name column; a blank row and a hidden empty column in an .xls."""
    visits = Sheet("Sheet1", [
        ["走　访　登　记　表"],
        ["乡镇：新龙乡　村：下湾村", None, None, None, "填报日期：2011年12月31日"],
        ["序号", "户主姓名", "组别", "走访日期", "走访人", "走访形式"],
        [1, "温甲", "1组", "2011-11-01", "邱干部", "入户走访"],
        [2, "温乙", "1组", "2011-11-02", "邱干部", "入户走访"],
        [3, "温丙", "2组", "2011-11-03", "邱干部", "慰问"],
        [4, "温甲", "1组", "2011-12-01", "邱干部", "政策宣讲"],
        [None, "共走访3户"],
    ], merges=["A1:F1"])
    roster = Sheet("Sheet2", [
        ["新龙乡三送办结对帮扶花名册"],
        [],
        ["序号", "村", "户主姓名", "组别", None, "是否贫困户", "帮扶责任人"],
        [1, "下湾村", "温甲", "一组", None, "是", "邱干部"],
        [2, "下湾村", "温乙", "一组", None, "否", "邱干部"],
        [3, "下湾村", "温丙", "二组", None, "是", "邱干部"],
        [4, "下湾村", "温丁", "二组", None, "是", "邱干部"],
    ], hidden_cols=("E",))
    write_xls(root / "三送工作台账.xls", [visits, roster])


OFFICES = {
    "longkou": office_longkou,
    "shimen": office_shimen,
    "dongjiang": office_dongjiang,
    "bailu": office_bailu,
    "county_summary": office_county_summary,
    "meilin": office_meilin,
    "qingshan": office_qingshan,
    "gaoling": office_gaoling,
    "jinzhu": office_jinzhu,
    "anhe": office_anhe,
    "hexi": office_hexi,
    "yunfeng": office_yunfeng,
    "chengguan": office_chengguan,
    "xiashan": office_xiashan,
    "shuangqiao": office_shuangqiao,
    "changling": office_changling,
    "taoxi": office_taoxi,
    "pagebreak": office_pagebreak,
    "xinlong": office_xinlong,
}

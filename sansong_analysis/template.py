"""The recommended ledger workbook for next year (``sansong template``), written from ``ledgers.py``.

One sheet per ledger — 包扶对象名单, 走访登记表, 筹资台账, 办实事项目, 矛盾纠纷台账
— headed by each field's own label (which the reader recognises: a test
holds every heading to ``ledgers.match_field``), with the township and
village columns in every sheet, and a 填表说明 sheet in plain Chinese.
Each column carries an input message and, where the value comes from a list
(走访形式, 纠纷类型, 调处层级, 调处结果, 是/否: the display words the reader
parses back to its codes) or must be a date or a non-negative number, data
validation. The header is frozen; row 2 is an example whose first cell is
``示例``, which the reader skips as a note, so it is never counted.

No column asks for an ID-card or phone number, nor for the parties of a
dispute: nothing the figures do not need.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sansong_analysis import fsutil
from sansong_analysis.ledgers import LEDGERS, REMARK, SERIAL, VALUE_LABELS, Field

TEMPLATE_FILE = "三送工作台账模板.xlsx"
GUIDE_SHEET = "填表说明"
EXAMPLE_MARK = "示例"  # the first cell of the example row: ingest.tidy reads the row as a note
# The sheet of each ledger, in the order offices keep them.
SHEETS = {"roster": "包扶对象名单", "visits": "走访登记表", "funds": "筹资台账", "projects": "办实事项目",
          "disputes": "矛盾纠纷台账"}
GUIDE_WIDTH = 72  # characters: the 填表说明 column, an A4 page wide
DATA_ROWS = 2000  # validation and formats reach this far down each sheet
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)

# The unit a number column is kept in, written in its heading so nobody has to guess.
UNITS = {"amount": "元", "area": "亩", "length": "米"}
NUMBER_FORMATS = {"amount": "#,##0.00", "area": "0.0", "length": "0.0", "count": "0", "date": "yyyy-mm-dd"}
YES_NO = ("是", "否")
# Lists a value is chosen from: the display words of ledgers.VALUE_LABELS, which ingest.values reads back.
CHOICES: dict[str, tuple[str, ...]] = {
    "visit_kind": tuple(VALUE_LABELS["visit_kind"].values()),
    "dispute_type": tuple(VALUE_LABELS["dispute_type"].values()),
    "level": tuple(VALUE_LABELS["level"].values()),
    "outcome": tuple(VALUE_LABELS["outcome"].values()),
    "bool": YES_NO,
    "poor": YES_NO,
}

# How to fill a column, said once: the input message, the 填表说明 sheet and the heading's note.
HINTS: dict[str, str] = {
    "township": "所属乡（镇）的全称，如 黄坑乡。每行都要填写，可复制上一行。",
    "village": "所属行政村的全称，如 新屋村。每行都要填写，可复制上一行。",
    "group": "村民小组，如 一组、3组；没有可不填。",
    "household_head": "户主姓名，与包扶对象名单上的写法一致。",
    "members": "家庭人口数，填整数。",
    "is_poor": "是否困难户（贫困户），从下拉列表选“是”或“否”。",
    "cadre": "负责的干部姓名。",
    "visit_date": "走访的日期，如 2011-03-05。",
    "visit_kind": "从下拉列表选择：入户走访、政策宣讲、慰问、办事服务、其他。",
    "relief_yuan": "发放的慰问金，以元为单位填数字；没有不填。",
    "date": "资金到位的日期，如 2011-04-01。",
    "purpose": "资金用途，如 硬化通组公路、春节慰问困难群众。不要写个人姓名。",
    "source": "资金来源，如 县水保局、工作组自筹。",
    "amount_yuan": "金额，以元为单位填数字，如 200000。只记了约数的照原样写，如 20余万元、近万元，统计时注明“余”“近”“约”。",
    "project_name": "项目名称，如 稀土废水处理厂。",
    "project_type": "项目类别，如 道路、水利、环保。",
    "investment_yuan": "项目总投资，以元为单位填数字。",
    "farmland_mu": "受益农田面积，以亩为单位填数字（1公顷=15亩）。",
    "households_benefited": "受益农户数，填整数。",
    "length_m": "长度，以米为单位，如 1000。",
    "width_m": "宽度，以米为单位，如 3.5。",
    "completed_date": "竣工日期，如 2011-07-01；未竣工不填。",
    "received_date": "受理（排查）纠纷的日期，如 2011-05-03。",
    "dispute_type": "从下拉列表选择：山林纠纷、邻里纠纷、土地纠纷、婚姻家庭纠纷、其他纠纷。",
    "level": "在哪一级调处：组级、村级、乡级，从下拉列表选择。",
    "outcome": "从下拉列表选择：调处成功、未成功、移交、在调处。",
    "resolved_date": "调处办结的日期；尚未办结不填。",
    "legal_aid": "是否为当事人提供法律帮助，从下拉列表选“是”或“否”。",
    "serial": "序号，填 1、2、3……（示例行写“示例”）。",
    "remark": "需要说明的情况（不要写身份证号、电话号码）。",
}

EXAMPLES: dict[str, dict[str, object]] = {
    "roster": {"township": "黄坑乡", "village": "新屋村", "group": "一组", "household_head": "张三", "members": 4,
               "is_poor": "是", "cadre": "李四"},
    "visits": {"visit_date": dt.date(2011, 1, 20), "township": "黄坑乡", "village": "新屋村", "group": "一组",
               "household_head": "张三", "cadre": "李四", "visit_kind": "慰问", "relief_yuan": 200},
    "funds": {"date": dt.date(2011, 4, 1), "township": "黄坑乡", "village": "新屋村", "purpose": "硬化通组公路",
              "source": "县水保局", "amount_yuan": 200000},
    "projects": {"township": "黄坑乡", "village": "新屋村", "project_name": "稀土废水处理厂", "project_type": "环保",
                 "investment_yuan": 600000, "farmland_mu": 680, "households_benefited": 120,
                 "completed_date": dt.date(2011, 7, 1)},
    "disputes": {"received_date": dt.date(2011, 5, 3), "township": "黄坑乡", "village": "新屋村", "group": "一组",
                 "dispute_type": "山林纠纷", "level": "组级", "outcome": "调处成功",
                 "resolved_date": dt.date(2011, 5, 10), "legal_aid": "是"},
}

GUIDE = (
    "本模板共五张台账，每张一个工作表：包扶对象名单、走访登记表、筹资台账、办实事项目、矛盾纠纷台账。只做其中几项工作的，其余工作表留空即可。",
    "第1行是表头，请不要改动表头文字，也不要插入、合并表头单元格；不用的非必填列可以删除。",
    "第2行是填写示例（序号列写着“示例”），统计时不计入，可以保留，也可以删除。请从第3行起，每行登记一条记录。",
    "每行都填写乡镇和村，不要合并单元格；不要在表中插入小计、合计行，统计由系统完成。",
    "日期写成 2011-03-05 的形式；金额一律以元为单位填数字，面积以亩为单位，长度以米为单位。",
    "带下拉箭头的列（走访形式、是否困难户、纠纷类型、调处层级、调处结果、法律帮助）请从下拉列表中选择。",
    "点中某一列的单元格时会显示该列的填写提示；列名为红色的是必填列。",
    "不要登记身份证号码、电话号码等个人信息；纠纷台账不登记当事人姓名。",
    "填好后按月或按年报送整个文件即可；同一人同一天的同一次走访只登记一次。",
)

_THIN = Side(style="thin", color="999999")
_BORDER = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_EXAMPLE_FONT = Font(italic=True, color="808080")


@dataclass(frozen=True)
class Column:
    """One column of a ledger sheet: its field, heading, and how it is validated."""

    field: Field
    heading: str

    @property
    def required(self) -> bool:
        return self.field.required or self.field.name == "township"

    @property
    def hint(self) -> str:
        return HINTS.get(self.field.name, "")


def heading(f: Field) -> str:
    """The column's heading: the field's label, with its unit when the label does not give one."""
    unit = UNITS.get(f.kind)
    return f"{f.label}（{unit}）" if unit and "（" not in f.label else f.label


def ledger_columns(ledger: str) -> list[Column]:
    """序号, the ledger's stored fields in declared order (place columns included), 备注.

    Derived columns, personal numbers and the dispute parties are not asked for.
    """
    fields = [SERIAL] + [f for f in LEDGERS[ledger].fields if f.stored and f.kind not in ("derived", "pii", "lineage")]
    return [Column(f, heading(f)) for f in (*fields, REMARK)]


def _validation(column: Column) -> DataValidation:
    """The column's data validation: a list, a date, a non-negative number, or (text) its input message alone."""
    kind, hint = column.field.kind, column.hint
    title = column.heading[:32]
    prompt = (("必填。" if column.required else "") + hint)[:255]
    common = {"allow_blank": True, "showInputMessage": True, "promptTitle": title, "prompt": prompt,
              "showErrorMessage": True, "errorTitle": title[:32]}
    if kind in CHOICES:
        choices = CHOICES[kind]
        return DataValidation(type="list", formula1='"' + ",".join(choices) + '"', errorStyle="stop",
                              error=f"请从下拉列表中选择：{'、'.join(choices)}。", **common)
    if kind == "date":
        return DataValidation(type="date", operator="between",
                              formula1=f"DATE({FIRST_DATE.year},{FIRST_DATE.month},{FIRST_DATE.day})",
                              formula2=f"DATE({LAST_DATE.year},{LAST_DATE.month},{LAST_DATE.day})",
                              errorStyle="stop", error="请填写日期，如 2011-03-05。", **common)
    if kind == "count":
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", errorStyle="stop",
                              error="请填写不小于0的整数。", **common)
    if kind in UNITS:
        # An amount kept as a figure with 余/近/约 (20余万元) may still be typed as written: warned, not refused.
        style = "warning" if kind == "amount" else "stop"
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", errorStyle=style,
                              error=f"请填写不小于0的数字，以{UNITS[kind]}为单位。", **common)
    return DataValidation(showInputMessage=True, promptTitle=title, prompt=prompt, allow_blank=True)


def _ledger_sheet(wb: Workbook, ledger: str) -> None:
    ws = wb.create_sheet(SHEETS[ledger])
    columns = ledger_columns(ledger)
    example = {"serial": EXAMPLE_MARK, **EXAMPLES[ledger]}
    for c, column in enumerate(columns, start=1):
        letter = get_column_letter(c)
        cell = ws.cell(row=1, column=c, value=column.heading)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        if column.hint:
            cell.comment = Comment(("必填。" if column.required else "") + column.hint, "sansong template", 120, 260)
        value = example.get(column.field.name)
        sample = ws.cell(row=2, column=c, value=value)
        sample.font = _EXAMPLE_FONT
        sample.border = _BORDER
        validation = _validation(column)
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{DATA_ROWS}")
        number_format = NUMBER_FORMATS.get(column.field.kind)
        if number_format:
            # The column's own format (no empty cells written): what is typed below takes it.
            ws.column_dimensions[letter].number_format = number_format
            sample.number_format = number_format
        width = max(len(column.heading) * 2 + 2, 8, len(str(value or "")) * 2 + 2)
        ws.column_dimensions[letter].width = min(width, 24)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    ws.sheet_properties.tabColor = "4F7391"


def _guide_sheet(wb: Workbook) -> None:
    """填表说明: the rules, then each sheet's columns and how to fill them.

    Every line is one cell in column A: a row of several cells naming
    ledger columns (工作表 | 列名 | …) would read as a ledger's header, and
    the reader would take the guide for a ledger.
    """
    ws = wb.active
    ws.title = GUIDE_SHEET
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[str, Font | None]] = [("三送工作台账填表说明", Font(bold=True, size=16)), ("", None)]
    lines += [(f"{i}. {text}", None) for i, text in enumerate(GUIDE, start=1)]
    for number, (ledger, sheet) in enumerate(SHEETS.items(), start=1):
        lines += [("", None), (f"{'一二三四五'[number - 1]}、{sheet}（红色列名为必填）", Font(bold=True, size=12))]
        for column in ledger_columns(ledger):
            lines.append((f"　　{column.heading}{'（必填）' if column.required else ''}：{column.hint}", None))
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text or None)
        cell.alignment = wrap
        if font is not None:
            cell.font = font
        # Excel and WPS do not grow a wrapped row on opening: as many lines as the text needs.
        lines = math.ceil(sum(2.3 if ord(ch) > 0x2E7F else 1.1 for ch in text) / (GUIDE_WIDTH - 4)) if text else 1
        if lines > 1:
            ws.row_dimensions[row].height = 16 * lines


def template_workbook() -> Workbook:
    """The template as an openpyxl Workbook: 填表说明, then one sheet per ledger."""
    wb = Workbook()
    _guide_sheet(wb)
    for ledger in SHEETS:
        _ledger_sheet(wb, ledger)
    wb.properties.title = "三送工作台账模板"
    wb.properties.creator = "sansong-analysis"
    return wb


def write_template(out_dir: Path) -> Path:
    """Write ``out_dir/三送工作台账模板.xlsx`` (replaced atomically); the path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / TEMPLATE_FILE
    return fsutil.atomic_write(path, template_workbook().save)


__all__ = ["EXAMPLE_MARK", "SHEETS", "TEMPLATE_FILE", "Column", "heading", "ledger_columns", "template_workbook",
           "write_template"]

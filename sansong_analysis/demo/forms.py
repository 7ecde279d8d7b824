"""How a value is written in a raw ledger: every form of docs/contract.md §3.

Each function takes a true value (from a record) and a form name and returns
the cell to write: a ``str``, an ``int``/``float`` (a number cell), a
``datetime.date`` (a date cell) or ``None`` (an empty cell). ``medium`` is
``"xlsx"``, ``"xls"`` or ``"csv"``; a CSV has no cell types, so there every
value is text. Forms are chosen only where they state the value exactly:
``0.4万`` for 4000 but never for 4321, ``六百八十亩`` for 680 but not 683.5.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

EXCEL_EPOCH = dt.date(1899, 12, 30)

DATE_FORMS = ("cell", "serial", "dash", "slash", "dot", "compact", "cn", "fullwidth")
# A CSV cannot hold a date cell or a serial number that means a date.
CSV_DATE_FORMS = ("dash", "slash", "dot", "compact", "cn", "fullwidth")

AMOUNT_FORMS = ("num", "comma", "yen", "yuan", "wan", "wanyuan", "cn", "fin")
EMPTY_MARKS = ("—", "-", "/", "无")

YES_NO_STYLES = {
    "是否": ("是", "否"),
    "勾叉": ("√", "×"),
    "有无": ("有", "无"),
    "YN": ("Y", "N"),
    "是空": ("是", None),
    "勾空": ("√", None),
}

GROUP_FORMS = ("cn", "num", "di_cn", "di_num_full", "int")

VISIT_KIND_TEXTS = {
    "visit": ("入户走访", "走访", "上门走访"),
    "policy": ("政策宣讲", "宣讲政策", "政策宣传"),
    "relief": ("节日慰问", "慰问"),  # plus 春节慰问 / 中秋慰问 by date, see county._add_visit
}

DISPUTE_TYPE_TEXTS = {
    "forest": ("山林纠纷", "山林"),
    "neighbour": ("邻里纠纷", "邻里"),
    "land": ("土地纠纷", "土地"),
    "family": ("婚姻家庭纠纷", "婚姻家庭"),
    "other": ("其他纠纷", "其他"),
}
DISPUTE_OUTCOME_TEXTS = {
    "resolved": ("调处成功", "已化解", "成功", "已调处"),
    "unresolved": ("未成功", "调处不成功", "未化解"),
    "referred": ("移交", "移交司法所", "已移交"),
    "pending": ("调处中", "正在调处", "在调处"),
}

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGITS = "零一二三四五六七八九"
_FIN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_SMALL = ("", "十", "百", "千")
_FIN_SMALL = ("", "拾", "佰", "仟")
_BIG = ("", "万", "亿")


# --------------------------------------------------------------------------- numbers


def plain(value: Decimal | int) -> str:
    """A decimal without exponent or trailing zeros: ``Decimal('4000')`` -> ``'4000'``."""
    text = format(Decimal(value).normalize(), "f")
    return text


def _section(n: int, digits: str, small: tuple[str, ...]) -> str:
    out = []
    zero_pending = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(digits[0])
            zero_pending = False
        out.append(digits[d] + small[power])
    return "".join(out)


def chinese_number(n: int, financial: bool = False) -> str:
    """An integer in Chinese numerals.

    >>> chinese_number(11000), chinese_number(680), chinese_number(100500), chinese_number(10000, True)
    ('一万一千', '六百八十', '十万零五百', '壹万')
    """
    if n < 0 or n >= 10**12:
        raise ValueError(n)
    digits = _FIN_DIGITS if financial else _CN_DIGITS
    small = _FIN_SMALL if financial else _CN_SMALL
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero_pending = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or g < 1000):
            out += digits[0]
        out += _section(g, digits, small) + _BIG[idx]
        zero_pending = False
    # 十二, 十万: a leading 一十 is said without the 一 (not in the financial style).
    if not financial and out.startswith("一十"):
        out = out[1:]
    return out


def significant_digits(value: Decimal) -> int:
    """How many digits a number needs once trailing zeros are dropped (11000 -> 2)."""
    digits = Decimal(value).normalize().as_tuple().digits
    return len(digits)


def fullwidth(text: str) -> str:
    """ASCII digits as full-width digits: ``2011年3月5日`` -> ``２０１１年３月５日``."""
    return text.translate(_FULLWIDTH)


def _number_cell(value: Decimal, medium: str) -> object:
    if medium == "csv":
        return plain(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# --------------------------------------------------------------------------- dates


def excel_serial(day: dt.date) -> int:
    """The Excel (1900 system) serial number of a date: 2011-03-05 -> 40607."""
    return (day - EXCEL_EPOCH).days


def render_date(day: dt.date | None, form: str, medium: str, empty: object = None) -> object:
    """A date written in ``form`` (see ``DATE_FORMS``); ``empty`` for no date."""
    if day is None:
        return empty
    y, m, d = day.year, day.month, day.day
    if form == "cell":
        return f"{y}/{m}/{d}" if medium == "csv" else day
    if form == "serial":
        return f"{y}/{m}/{d}" if medium == "csv" else excel_serial(day)
    if form == "dash":
        return f"{y}-{m}-{d}"
    if form == "slash":
        return f"{y}/{m:02d}/{d:02d}"
    if form == "dot":
        return f"{y}.{m}.{d}"
    if form == "compact":
        return f"{y}{m:02d}{d:02d}"
    if form == "compact_number":
        # What Excel keeps when someone types 20110305 into a General cell.
        return f"{y}{m:02d}{d:02d}" if medium == "csv" else int(f"{y}{m:02d}{d:02d}")
    if form == "cn":
        return f"{y}年{m}月{d}日"
    if form == "fullwidth":
        return fullwidth(f"{y}年{m}月{d}日")
    raise ValueError(form)


# --------------------------------------------------------------------------- amounts


def amount_forms(value: Decimal) -> tuple[str, ...]:
    """The forms of ``AMOUNT_FORMS`` that state ``value`` (yuan) exactly and look natural."""
    forms = ["num", "comma", "yuan"]
    integral = value == value.to_integral_value()
    if integral:
        forms.append("yen")
    if integral and value % 100 == 0 and value >= 1000:
        forms += ["wan", "wanyuan"]
    if integral and value >= 100 and significant_digits(value) <= 2:
        forms.append("cn")
    if integral and value >= 100 and significant_digits(value) <= 3:
        forms.append("fin")
    return tuple(forms)


def render_amount(value: Decimal, form: str, medium: str, qualifier: str = "exact", unit: str = "元") -> object:
    """An amount of ``value`` yuan written in ``form`` under a column whose unit is ``unit``.

    Under a 万元 column only bare numbers are written (in 万元). A qualified
    amount has its own forms whatever ``form`` says: ``20余万元`` (200000,
    at_least), ``近万元`` (10000, nearly), ``约3千元`` (3000, about).
    """
    if unit == "万元":
        scaled = value / 10000
        return plain(scaled) if form != "num" or medium == "csv" else _number_cell(scaled, medium)
    if qualifier != "exact":
        return qualified_amount(value, qualifier)
    if form == "num":
        return _number_cell(value, medium)
    if form == "comma":
        return f"{value:,.2f}"
    if form == "yen":
        return "￥" + plain(value)
    if form == "yuan":
        return plain(value) + "元"
    if form == "wan":
        return plain(value / 10000) + "万"
    if form == "wanyuan":
        return plain(value / 10000) + "万元"
    if form == "cn":
        return chinese_number(int(value)) + "元"
    if form == "fin":
        return chinese_number(int(value), financial=True) + "元整"
    raise ValueError(form)


def qualified_amount(value: Decimal, qualifier: str) -> str:
    """``20余万元``, ``11000余元``, ``近万元``, ``近2万元``, ``约3千元``, ``约1.5万元``: the stated number is ``value``."""
    wan = value % 10000 == 0 and value >= 10000
    if qualifier == "at_least":
        return f"{plain(value / 10000)}余万元" if wan else f"{plain(value)}余元"
    if qualifier == "nearly":
        if value == 10000:
            return "近万元"
        return f"近{plain(value / 10000)}万元" if wan else f"近{plain(value)}元"
    if qualifier == "about":
        if value % 1000 == 0 and value < 10000:
            return f"约{plain(value / 1000)}千元"
        return f"约{plain(value / 10000)}万元" if wan else f"约{plain(value)}元"
    raise ValueError(qualifier)


# --------------------------------------------------------------------------- areas


def area_forms(mu: Decimal, unit: str | None) -> tuple[str, ...]:
    """Forms that state an area of ``mu`` 亩 exactly under a column in ``unit`` (亩, 公顷 or none)."""
    integral = mu == mu.to_integral_value()
    if unit == "公顷":
        return ("num", "text")
    forms = ["num", "mu"] if unit == "亩" else ["mu"]
    if integral and mu >= 10 and significant_digits(mu) <= 3:
        forms.append("cn")
    if unit is None and (mu / 15) == (mu / 15).quantize(Decimal("0.1")):
        forms.append("ha")
    return tuple(forms)


def render_area(mu: Decimal, form: str, medium: str, unit: str | None) -> object:
    """Farmland of ``mu`` 亩 under a column in ``unit``: ``680``, ``680亩``, ``六百八十亩``, ``45.2公顷``."""
    if unit == "公顷":
        hectares = mu / 15
        return plain(hectares) if form == "text" else _number_cell(hectares, medium)
    if form == "num":
        return _number_cell(mu, medium)
    if form == "mu":
        return plain(mu) + "亩"
    if form == "cn":
        return chinese_number(int(mu)) + "亩"
    if form == "ha":
        return plain(mu / 15) + "公顷"
    raise ValueError(form)


# --------------------------------------------------------------------------- labels


def render_group(group: int | None, form: str, medium: str) -> object:
    """A 村民小组 number written ``一组``, ``1组``, ``第一组``, ``第1村民小组`` or as a bare number."""
    if group is None:
        return None
    if form == "cn":
        return f"{_CN_DIGITS[group]}组"
    if form == "num":
        return f"{group}组"
    if form == "di_cn":
        return f"第{_CN_DIGITS[group]}组"
    if form == "di_num_full":
        return f"第{group}村民小组"
    if form == "int":
        return str(group) if medium == "csv" else group
    raise ValueError(form)


def render_yes_no(value: bool, style: str) -> str | None:
    """A yes/no in one of ``YES_NO_STYLES`` (``是/否``, ``√/×``, ``有/无``, ``Y/N``, yes or blank)."""
    yes, no = YES_NO_STYLES[style]
    return yes if value else no


def render_level(level: str, style: str, township: str) -> str:
    """The mediation level: ``组``/``村``/``乡`` (or ``镇``), ``组级``/``村级``/``镇级``, ``村民小组``/``村委会``."""
    township_word = township[-1]
    table = {
        "short": {"group": "组", "village": "村", "township": township_word},
        "ji": {"group": "组级", "village": "村级", "township": township_word + "级"},
        "body": {"group": "村民小组", "village": "村委会", "township": township_word + "政府"},
    }
    return table[style][level]


SPACE_VARIANTS = ("ascii_inside", "fullwidth_lead", "ascii_trail", "fullwidth_inside")


def spaced_name(name: str, variant: str) -> str:
    """A name with a stray space as clerks type them: ``张 三``, ``　李四``, ``王五 ``, ``欧阳　明``."""
    cut = 1 if len(name) <= 3 else 2
    if variant == "ascii_inside":
        return name[:cut] + " " + name[cut:]
    if variant == "fullwidth_lead":
        return "\u3000" + name
    if variant == "ascii_trail":
        return name + " "
    if variant == "fullwidth_inside":
        return name[:cut] + "\u3000" + name[cut:]
    raise ValueError(variant)

"""The demo county's records laid out as five offices would send them (docs/contract.md §3).

Layouts, assigned to townships round-robin (``county.LAYOUTS``):

- **A** one workbook per township at the top (``黄坑乡2011年三送工作台账.xlsx``), a sheet per ledger,
  village cells merged down their rows, title and unit-note rows, 序号, per-village 小计 and a 合计,
  note/signature rows and a lone date line at the bottom, and a prose-only ``填表说明`` sheet.
- **B** a folder per township; a workbook per village (``龙布镇/新屋村.xlsx`` or ``新屋村台账.xlsx``) with a
  ``花名册`` sheet and month sheets ``1月``…``12月`` (no place columns: the village is in the file name
  and title, the township only in the folder; ``本月共走访N户`` rows); and one township workbook in the
  folder for funds, projects and disputes with a village column.
- **C** a legacy ``.xls`` whose name names no place; ``××镇人民政府`` in the first row of every sheet is
  the only township; two-row merged headers (``基本情况`` over 户主姓名/组别/…, ``走访日期`` merged down).
- **D** CSV files named after the township, a title row above the header: visits in GB18030, roster and
  disputes in UTF-8 with BOM, funds in plain UTF-8, projects in GB18030; cells carry their own units.
- **E** sheet per village (sheet name = village), township from the file name; header synonyms, spaces,
  line breaks and full-width brackets in headers; units in headers (``金额（万元）``, ``受益面积（公顷）``);
  a hidden empty column.

Every row written is a record, a duplicate of one (``County.duplicate_visits``), a planted bad row
(``County.bad_rows``), or a title, unit note, header, blank, subtotal/total or note row.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from sansong_analysis.demo import forms
from sansong_analysis.demo.county import BadRow, County, Dispute, Fund, Household, Project, Township, Visit
from sansong_analysis.demo.writers import FileSpec, SheetSpec

ALL_DATE_FORMS = (*forms.DATE_FORMS, "compact_number")
RELIEF_FORMS = ("num", "yuan", "yen", "comma", "cn", "fin")
DATE_CELL_FORMATS = ("yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "yyyy/m/d")

# The cell of a record field in the rendered row (see ``Renderer.fields``).
FIELD_KEYS = {
    "visit_date": "date", "household_head": "head", "amount_yuan": "amount", "project_name": "name",
    "farmland_mu": "farmland", "outcome": "outcome", "received_date": "received",
}


class Coverage:
    """Forms not yet written anywhere in the county: each is used at its first chance.

    Random choice alone would leave a small county without, say, a ``壹万元整``;
    taking every pending form first guarantees each appears in every county.
    """

    def __init__(self) -> None:
        self.pending: dict[str, list[str]] = {
            "date": list(ALL_DATE_FORMS),
            "amount": list(forms.AMOUNT_FORMS),
            "relief": list(RELIEF_FORMS),
            "empty": list(forms.EMPTY_MARKS),
            "spaced": list(forms.SPACE_VARIANTS),
            "area:亩": ["num", "mu", "cn"],
            "area:None": ["mu", "cn", "ha"],
            "outcome": [text for texts in forms.DISPUTE_OUTCOME_TEXTS.values() for text in texts],
            "e_header": ["break", "space"],
        }

    def take(self, kind: str, allowed: tuple[str, ...] | list[str]) -> str | None:
        """The first pending form of ``kind`` among ``allowed``, now marked used; None if none."""
        pending = self.pending.get(kind, [])
        for form in pending:
            if form in allowed:
                pending.remove(form)
                return form
        return None


class Renderer:
    """Writes one township's values the way its office does, in one medium (xlsx, xls or csv)."""

    def __init__(self, township: Township, medium: str, rng: random.Random, coverage: Coverage):
        self.township = township
        self.style = township.style
        self.medium = medium
        self.rng = rng
        self.coverage = coverage
        self.date_form_of_visit: dict[int, str] = {}

    # ---- single values

    def date(self, day: dt.date | None, ledger: str, form: str | None = None) -> object:
        """A date in the ledger's usual form, now and then another; ``form`` forces one."""
        if day is None:
            return None
        allowed = ALL_DATE_FORMS if self.medium != "csv" else forms.CSV_DATE_FORMS
        form = form or self.coverage.take("date", allowed)
        if form is None:
            form = self.style.date_form(ledger) if self.rng.random() < 0.85 else self.rng.choice(allowed)
            if form == "compact_number" and self.medium == "csv":
                form = "compact"
        self.last_date_form = form
        return forms.render_date(day, form, self.medium)

    def name(self, name: str, force_space: bool = False) -> str:
        """A person's name, once in a while with a stray ASCII or full-width space."""
        variant = self.coverage.take("spaced", forms.SPACE_VARIANTS)
        if variant is None and (force_space or self.rng.random() < 0.03):
            variant = self.rng.choice(forms.SPACE_VARIANTS)
        return forms.spaced_name(name, variant) if variant else name

    def empty(self) -> object:
        """An optional value that is absent: mostly a blank cell, sometimes ``—``, ``-``, ``/`` or ``无``."""
        mark = self.coverage.take("empty", forms.EMPTY_MARKS)
        if mark:
            return mark
        return None if self.rng.random() < 0.7 else self.rng.choice(forms.EMPTY_MARKS)

    def number(self, value: Decimal | int) -> object:
        """A number cell (text in a CSV), an int when the value is whole."""
        value = Decimal(value)
        if self.medium == "csv":
            return forms.plain(value)
        return int(value) if value == value.to_integral_value() else float(value)

    def money(self, value: Decimal | None, qualifier: str = "exact", unit: str = "元", relief: bool = False) -> object:
        """An amount in yuan under a column in ``unit``, in one of the forms that states it exactly."""
        if value is None:
            return self.empty()
        if unit == "万元":
            form = "num" if self.rng.random() < 0.8 else "text"
            return forms.render_amount(value, form, self.medium, unit=unit)
        if qualifier != "exact":
            return forms.qualified_amount(value, qualifier)
        allowed = forms.amount_forms(value)
        if relief:
            allowed = tuple(f for f in allowed if f in RELIEF_FORMS)
        form = self.coverage.take("relief" if relief else "amount", allowed)
        if form is None:
            form = "num" if self.rng.random() < 0.6 else self.rng.choice(allowed)
        return forms.render_amount(value, form, self.medium)

    def area(self, mu: Decimal | None, unit: str | None) -> object:
        """Farmland in 亩 under a column in ``unit`` (亩, 公顷, or None: the cell names its unit)."""
        if mu is None:
            return self.empty()
        if mu == 0:
            return "0" if self.medium == "csv" or unit is None else 0
        allowed = forms.area_forms(mu, unit)
        form = self.coverage.take(f"area:{unit}", allowed)
        if form is None:
            form = allowed[0] if self.rng.random() < 0.7 else self.rng.choice(allowed)
        return forms.render_area(mu, form, self.medium, unit)

    def count(self, n: int | None, suffix: str) -> object:
        """A count, sometimes with its measure word (``4人``, ``120户``)."""
        if n is None:
            return self.empty()
        if self.rng.random() < 0.08:
            return f"{n}{suffix}"
        return self.number(n)

    def length(self, value: Decimal | None, unit_in_header: bool) -> object:
        """Metres: a bare number under a ``（米）`` header, else ``1000米``."""
        if value is None:
            return self.empty()
        if not unit_in_header or self.rng.random() < 0.15:
            return forms.plain(value) + "米"
        return self.number(value)

    def group(self, group: int | None, form: str) -> object:
        """A 村民小组 in ``form`` (see ``forms.GROUP_FORMS``)."""
        return forms.render_group(group, form, self.medium)

    def phone(self, number: str) -> object:
        """A mobile number as text, or as the number Excel makes of it."""
        # A phone typed into a General cell becomes a number; an ID card never can (18 digits, maybe X).
        if self.medium != "csv" and self.rng.random() < 0.3:
            return int(number)
        return number

    # ---- records

    def roster_fields(self, h: Household) -> dict:
        """The cells of a roster row, by column key."""
        return {
            "group": self.group(h.group, self.style.roster_group_form),
            "head": self.name(h.head),
            "members": self.count(h.members, "人"),
            "poor": forms.render_yes_no(h.is_poor, self.style.poor_style),
            "cadre": self.name(h.cadre),
            "id": h.id_number,
            "phone": self.phone(h.phone),
            "remark": h.remark,
        }

    def visit_fields(self, v: Visit, copy: bool = False) -> dict:
        """The cells of a visit row; ``copy`` for its second entry (a duplicate)."""
        if copy:
            # The second entry of a visit differs in form only: a date string for a date cell (or the
            # other way round) and a stray space in the name.
            first = self.date_form_of_visit.get(v.vid, "cell")
            if self.medium == "csv":
                form = "cn" if first != "cn" else "dash"
            else:
                form = "dash" if first in ("cell", "serial", "compact_number") else "cell"
            date = self.date(v.date, "visits", form)
            head = self.name(v.head, force_space=True)
        else:
            date = self.date(v.date, "visits")
            self.date_form_of_visit[v.vid] = self.last_date_form if v.date else ""
            head = self.name(v.head)
        remark = None
        if self.rng.random() < 0.03:
            remark = self.rng.choice(("户主外出，与家属交谈", "宣讲惠农政策", "了解生产生活困难", "收集意见建议"))
        return {
            "date": date,
            "group": self.group(v.group, self.style.visit_group_form),
            "head": head,
            "cadre": self.name(v.cadre),
            "kind": v.kind_text,
            "relief": self.money(v.relief_yuan, relief=True) if v.relief_yuan is not None else self.empty(),
            "remark": remark,
        }

    def fund_fields(self, f: Fund, unit: str) -> dict:
        """The cells of a funds row under an amount column in ``unit``."""
        return {
            "date": self.date(f.date, "funds"),
            "purpose": f.purpose,
            "source": f.source,
            "amount": self.money(f.amount_yuan, f.qualifier, unit),
            "remark": None,
        }

    def project_fields(self, p: Project, money_unit: str, area_unit: str | None, units_in_header: bool = True) -> dict:
        """The cells of a project row."""
        return {
            "name": p.name,
            "type": p.project_type,
            "investment": self.money(p.investment_yuan, unit=money_unit),
            "length": self.length(p.length_m, units_in_header),
            "width": self.length(p.width_m, units_in_header),
            "farmland": self.area(p.farmland_mu, area_unit),
            "benefited": self.count(p.households_benefited, "户"),
            "completed": self.date(p.completed_date, "projects"),
        }

    def dispute_fields(self, d: Dispute) -> dict:
        """The cells of a dispute row: type, level and outcome as the office words them."""
        texts = forms.DISPUTE_TYPE_TEXTS[d.dispute_type]
        type_text = texts[1] if self.style.short_labels else texts[0]
        if self.rng.random() < 0.1:
            type_text = self.rng.choice(texts)
        outcome_texts = forms.DISPUTE_OUTCOME_TEXTS[d.outcome]
        outcome = self.coverage.take("outcome", outcome_texts) or self.rng.choice(outcome_texts)
        return {
            "received": self.date(d.received_date, "disputes"),
            "group": self.group(d.group, self.style.dispute_group_form),
            "type": type_text,
            "parties": d.parties,
            "level": forms.render_level(d.level, self.style.level_style, self.township.name),
            "outcome": outcome,
            "resolved": self.date(d.resolved_date, "disputes") if d.resolved_date else self.empty(),
            "legal": forms.render_yes_no(d.legal_aid, self.style.legal_style),
        }

    def fields(self, ledger: str, item: tuple[str, object], money_unit: str = "元",
               area_unit: str | None = "亩", units_in_header: bool = True) -> dict:
        """The cells of one row: a record, a duplicate copy of a visit, or a planted bad row."""
        kind, obj = item
        record = obj.record if isinstance(obj, BadRow) else obj
        if ledger == "roster":
            out = self.roster_fields(record)
        elif ledger == "visits":
            out = self.visit_fields(record, copy=kind == "dup")
        elif ledger == "funds":
            out = self.fund_fields(record, money_unit)
        elif ledger == "projects":
            out = self.project_fields(record, money_unit, area_unit, units_in_header)
        else:
            out = self.dispute_fields(record)
        if isinstance(obj, BadRow):
            out[FIELD_KEYS[obj.field]] = obj.raw
        return out


# --------------------------------------------------------------------------- record selection


class CountyIndex:
    """The county's records by (township, village, ledger), in the order an office lists them."""

    def __init__(self, county: County):
        self.county = county
        self.records: dict[tuple[str, str, str], list] = defaultdict(list)
        self.bad: dict[tuple[str, str, str], list[BadRow]] = defaultdict(list)
        for h in county.households:
            self.records[(h.township, h.village, "roster")].append(h)
        for v in county.visits:
            self.records[(v.township, v.village, "visits")].append(v)
        for f in county.funds:
            self.records[(f.township, f.village, "funds")].append(f)
        for p in county.projects:
            self.records[(p.township, p.village, "projects")].append(p)
        for d in county.disputes:
            self.records[(d.township, d.village, "disputes")].append(d)
        for b in county.bad_rows:
            self.bad[(b.township, b.village, b.ledger)].append(b)
        self.duplicates = set(county.duplicate_visits)
        far = dt.date(9999, 1, 1)
        sort_keys = {
            "roster": lambda h: (h.group, h.hid),
            "visits": lambda v: (v.date or far, v.vid),
            "funds": lambda f: (f.date or far, f.fid),
            "projects": lambda p: p.pid,
            "disputes": lambda d: (d.received_date, d.did),
        }
        for (_, _, ledger), rows in self.records.items():
            rows.sort(key=sort_keys[ledger])

    def items(self, rng: random.Random, township: str, village: str, ledger: str,
              month: int | None = None) -> list[tuple[str, object]]:
        """Rows to write for one village (and month): records, visits entered twice, bad rows."""
        records = self.records.get((township, village, ledger), [])
        bad = self.bad.get((township, village, ledger), [])
        if month is not None:
            if any(r.date is None for r in records):
                # A month sheet has no place for an undated visit; county.py never plants one there.
                raise ValueError(f"undated visit in a month-sheet layout: {township} {village}")
            records = [r for r in records if r.date.month == month]
            bad = [b for b in bad if b.record.date.month == month]
        items: list[tuple[str, object]] = [("rec", r) for r in records]
        if ledger == "visits":
            for record in records:
                if record.vid in self.duplicates:
                    at = items.index(("rec", record))
                    # Entered again a few lines further down, as when a sheet is filled in from two notebooks.
                    items.insert(rng.randint(at + 1, min(len(items), at + 6)), ("dup", record))
        for b in bad:
            items.insert(rng.randint(0, len(items)), ("bad", b))
        return items


# --------------------------------------------------------------------------- sheet helpers


class Sheet:
    """Builds a ``SheetSpec`` row by row."""

    def __init__(self, name: str, date_format: str = "yyyy-mm-dd"):
        self.spec = SheetSpec(name=name, date_format=date_format)

    @property
    def rows(self) -> list[list[object]]:
        return self.spec.rows

    def add(self, cells: list[object]) -> int:
        """Append a row; returns its 0-based index."""
        self.spec.rows.append(list(cells))
        return len(self.spec.rows) - 1

    def line(self, text: str, width: int, at: int = 0, span: int | None = None) -> int:
        """A row holding one text (title, note, signature), merged over ``span`` columns from ``at``."""
        span = width - at if span is None else span
        r = self.add([None] * at + [text] + [None] * (width - at - 1))
        if span > 1:
            self.spec.merges.append((r, at, r, at + span - 1))
        return r

    def blank(self, width: int) -> None:
        """Append an empty row."""
        self.add([None] * width)

    def header(self, labels: list[object]) -> None:
        """Append a header row (styled bold by the writers)."""
        self.spec.header_rows += (self.add(labels),)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Merge a range (0-based, inclusive); a single cell is left alone."""
        if (r1, c1) != (r2, c2):
            self.spec.merges.append((r1, c1, r2, c2))


def _subtotal(items: list[tuple[str, object]], key: str, scale: Decimal = Decimal(1)) -> Decimal:
    """What a clerk's SUM over a block shows: the stated values of the records (and copies) in it."""
    total = Decimal(0)
    for kind, obj in items:
        if kind == "bad":
            continue
        value = getattr(obj, key)
        if value is not None:
            total += Decimal(value)
    return total / scale


def _sign_off(sheet: Sheet, rng: random.Random, width: int, note: str, lone_date: bool = True) -> None:
    cadres = ("刘建华", "钟小平", "赖国平", "谢文清", "曾春兰", "黄志强", "陈海燕", "廖明生")
    sheet.line(note, width)
    filler, checker = rng.sample(cadres, 2)
    sheet.line(f"填表人：{filler}　　　审核：{checker}", width)
    if lone_date:
        # The signature date sits alone at the right, over the last three columns.
        day = rng.choice((28, 29, 30, 31))
        sheet.line(f"2011年12月{day}日", width, at=max(0, width - 3), span=min(3, width))


# --------------------------------------------------------------------------- layout A


A_COLUMNS = {
    "roster": [("组别", "group"), ("户主姓名", "head"), ("家庭人口", "members"), ("是否困难户", "poor"),
               ("帮扶责任人", "cadre"), ("身份证号", "id"), ("联系电话", "phone"), ("备注", "remark")],
    "visits": [("组别", "group"), ("被走访户主", "head"), ("走访日期", "date"), ("走访人", "cadre"),
               ("走访形式", "kind"), ("慰问金", "relief"), ("备注", "remark")],
    "funds": [("日期", "date"), ("用途", "purpose"), ("资金来源", "source"), ("金额", "amount"), ("备注", "remark")],
    "projects": [("项目名称", "name"), ("项目类别", "type"), ("投资额", "investment"), ("长度（米）", "length"),
                 ("宽度（米）", "width"), ("受益农田（亩）", "farmland"), ("受益户数", "benefited"),
                 ("竣工时间", "completed")],
    "disputes": [("组别", "group"), ("受理时间", "received"), ("纠纷类型", "type"), ("当事人", "parties"),
                 ("调处层级", "level"), ("调处结果", "outcome"), ("办结时间", "resolved"),
                 ("法律帮助", "legal")],
}
A_SHEETS = {
    "roster": ("花名册", "2011年结对帮扶花名册"),
    "visits": ("走访登记表", "2011年走访登记表"),
    "funds": ("筹资台账", "2011年“三送”筹资台账"),
    "projects": ("办实事项目", "2011年办实事项目台账"),
    "disputes": ("矛盾纠纷", "2011年矛盾纠纷排查调处台账"),
}
# Which columns a 小计/合计 row sums: column key -> (record attribute, needs the money scale).
A_SUMS = {
    "roster": {"members": ("members", False)},
    "visits": {"relief": ("relief_yuan", False)},
    "funds": {"amount": ("amount_yuan", True)},
    "projects": {"investment": ("investment_yuan", True), "farmland": ("farmland_mu", False)},
    "disputes": {},
}
A_NOTES = {
    "roster": "注：困难户指建档立卡贫困户及低保户，帮扶责任人填工作组成员姓名。",
    "visits": "注：走访形式填入户走访、政策宣讲或节日慰问；慰问金以元为单位。",
    "funds": "注：筹资金额含工作组筹资、单位捐助及群众自筹。",
    "projects": "注：受益农田以亩计，道路填长度和宽度。",
    "disputes": "注：调处层级分组、村、乡三级，做到小事不出组，大事不出村。",
}
INSTRUCTIONS = (
    "填表说明",
    "一、本台账由驻村“三送”工作组填写，每月25日前报乡“三送”办。",
    "二、走访登记请写明实际入户日期，慰问金以元为单位，不得估填。",
    "三、花名册中困难户指建档立卡贫困户及低保户，每户须落实帮扶责任人。",
    "四、矛盾纠纷调处坚持小事不出组、大事不出村，调处结果如实填写。",
    "五、本表一式两份，村、乡各存一份，年底装订归档。",
)


def _layout_a(index: CountyIndex, township: Township, rng: random.Random, coverage: Coverage) -> list[FileSpec]:
    r = Renderer(township, "xlsx", rng, coverage)
    money_unit = township.style.money_unit
    scale = Decimal(10_000) if money_unit == "万元" else Decimal(1)
    sheets: list[SheetSpec] = []
    guide = Sheet("填表说明")
    for text in INSTRUCTIONS:
        guide.add([text])
    sheets.append(guide.spec)
    restart_serial = rng.random() < 0.5
    note_at_right = rng.random() < 0.5
    for ledger in ("roster", "visits", "funds", "projects", "disputes"):
        name, title = A_SHEETS[ledger]
        columns = [("序号", "serial"), ("村名", "village"), *A_COLUMNS[ledger]]
        width = len(columns)
        sheet = Sheet(name, rng.choice(DATE_CELL_FORMATS))
        sheet.line(township.name + title, width)
        if ledger in ("visits", "funds", "projects"):
            note = f"单位：{money_unit if ledger != 'visits' else '元'}"
        else:
            # Not a unit: the reader must not take 填报单位 for one.
            note = f"填报单位：{township.name}“三送”办"
        if note_at_right:
            sheet.line(note, width, at=width - 3)
        else:
            sheet.line(note, width, span=3)
        sheet.blank(width)
        sheet.header([label for label, _ in columns])
        serial = 0
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for village in township.villages:
            items = index.items(rng, township.name, village.name, ledger)
            if not items:
                continue
            if restart_serial:
                serial = 0
            first = len(sheet.rows)
            for item in items:
                serial += 1
                cells = r.fields(ledger, item, money_unit)
                cells.update(serial=serial, village=village.name if len(sheet.rows) == first else None)
                sheet.add([cells.get(key) for _, key in columns])
            sheet.merge(first, 1, len(sheet.rows) - 1, 1)
            subtotal = [None] * width
            subtotal[1] = "小计"
            for key, (attr, scaled) in A_SUMS[ledger].items():
                value = _subtotal(items, attr, scale if scaled else Decimal(1))
                totals[key] += value
                subtotal[[k for _, k in columns].index(key)] = r.number(value)
            if ledger == "disputes":
                subtotal[[k for _, k in columns].index("parties")] = f"共{len(items)}起"
            sheet.add(subtotal)
            if rng.random() < 0.3:
                sheet.blank(width)
        total = [None] * width
        total[0] = "合计"
        for key, value in totals.items():
            total[[k for _, k in columns].index(key)] = r.number(value)
        merge_at = sheet.add(total)
        sheet.merge(merge_at, 0, merge_at, 1)
        _sign_off(sheet, rng, width, A_NOTES[ledger])
        sheets.append(sheet.spec)
    return [FileSpec(f"{township.name}2011年三送工作台账.xlsx", "xlsx", sheets)]


# --------------------------------------------------------------------------- layout B


B_ROSTER = [("序号", "serial"), ("组别", "group"), ("户主姓名", "head"), ("家庭人口（人）", "members"),
            ("是否贫困户", "poor"), ("结对干部", "cadre"), ("身份证号码", "id"), ("联系电话", "phone"),
            ("备注", "remark")]
B_VISITS = [("序号", "serial"), ("走访日期", "date"), ("组别", "group"), ("被走访人", "head"),
            ("走访干部", "cadre"), ("走访内容", "kind"), ("慰问金（元）", "relief")]
B_TOWNSHIP = {
    "funds": ("筹资", "2011年“三送”筹资台账",
              [("序号", "serial"), ("村", "village"), ("筹资日期", "date"), ("资金用途", "purpose"),
               ("资金来源", "source"), ("筹资金额（元）", "amount"), ("备注", "remark")]),
    "projects": ("项目", "2011年“三送”办实事项目台账",
                 [("序号", "serial"), ("村", "village"), ("项目名称", "name"), ("类别", "type"),
                  ("投资额（元）", "investment"), ("长度（米）", "length"), ("宽度（米）", "width"),
                  ("受益农田（亩）", "farmland"), ("受益户数", "benefited"), ("竣工时间", "completed")]),
    "disputes": ("纠纷", "2011年矛盾纠纷排查调处台账",
                 [("序号", "serial"), ("村", "village"), ("组别", "group"), ("受理日期", "received"),
                  ("纠纷类型", "type"), ("当事人", "parties"), ("调处层级", "level"), ("调处结果", "outcome"),
                  ("办结日期", "resolved"), ("是否提供法律帮助", "legal")]),
}


def _simple_rows(sheet: Sheet, r: Renderer, ledger: str, columns: list[tuple[str, str]],
                 items: list[tuple[str, object]], serial_from: int = 0, village: str | None = None,
                 **unit_args) -> int:
    """Append one row per item; returns the last serial number used."""
    serial = serial_from
    for item in items:
        serial += 1
        cells = r.fields(ledger, item, **unit_args)
        cells.update(serial=serial, village=village)
        sheet.add([cells.get(key) for _, key in columns])
    return serial


def _layout_b(index: CountyIndex, township: Township, rng: random.Random, coverage: Coverage) -> list[FileSpec]:
    r = Renderer(township, "xlsx", rng, coverage)
    files: list[FileSpec] = []
    for k, village in enumerate(township.villages):
        file_name = f"{village.name}.xlsx" if (k + index.county.seed) % 2 == 0 else f"{village.name}台账.xlsx"
        date_format = rng.choice(DATE_CELL_FORMATS)
        roster = Sheet("花名册", date_format)
        width = len(B_ROSTER)
        roster.line(f"{village.name}“三送”结对帮扶花名册", width)
        roster.header([label for label, _ in B_ROSTER])
        items = index.items(rng, township.name, village.name, "roster")
        _simple_rows(roster, r, "roster", B_ROSTER, items)
        total = [None] * width
        total[0] = "合计"
        total[3] = r.number(_subtotal(items, "members"))
        roster.add(total)
        sheets = [roster.spec]
        width = len(B_VISITS)
        for month in range(1, 13):
            sheet = Sheet(f"{month}月", date_format)
            sheet.line(f"{village.name}2011年{month}月走访登记表", width)
            sheet.header([label for label, _ in B_VISITS])
            items = index.items(rng, township.name, village.name, "visits", month=month)
            _simple_rows(sheet, r, "visits", B_VISITS, items)
            households = {obj.head for kind, obj in items if kind == "rec"}
            sheet.line(f"本月共走访{len(households)}户", width)
            sheets.append(sheet.spec)
        files.append(FileSpec(f"{township.name}/{file_name}", "xlsx", sheets))
    sheets = []
    for ledger, (name, title, columns) in B_TOWNSHIP.items():
        sheet = Sheet(name, rng.choice(DATE_CELL_FORMATS))
        width = len(columns)
        sheet.line(township.name + title, width)
        sheet.header([label for label, _ in columns])
        serial = 0
        all_items = []
        for village in township.villages:
            items = index.items(rng, township.name, village.name, ledger)
            all_items += items
            serial = _simple_rows(sheet, r, ledger, columns, items, serial, village.name)
        if ledger in ("funds", "projects"):
            total = [None] * width
            total[0] = "合计"
            key, attr = ("amount", "amount_yuan") if ledger == "funds" else ("investment", "investment_yuan")
            total[[k for _, k in columns].index(key)] = r.number(_subtotal(all_items, attr))
            sheet.add(total)
        sheet.line(f"填表人：{township.name}“三送”办", width)
        sheets.append(sheet.spec)
    files.append(FileSpec(f"{township.name}/{township.name}2011年筹资、项目及矛盾纠纷台账.xlsx", "xlsx", sheets))
    return files


# --------------------------------------------------------------------------- layout C

# Two-row headers: a plain (label, key) is merged down both rows; (group label, [(label, key), ...])
# is a group cell merged across its sub-columns.
C_SHEETS = {
    "roster": ("花名册", "2011年“三送”结对帮扶花名册", [
        ("序号", "serial"), ("村名", "village"),
        ("基本情况", [("户主姓名", "head"), ("组别", "group"), ("家庭人口", "members"), ("身份证号", "id")]),
        ("是否贫困户", "poor"), ("帮扶责任人", "cadre"), ("联系电话", "phone"), ("备注", "remark"),
    ]),
    "visits": ("走访登记", "2011年“三送”走访登记表", [
        ("序号", "serial"), ("村名", "village"), ("走访日期", "date"),
        ("被走访户基本情况", [("户主姓名", "head"), ("组别", "group")]),
        ("走访情况", [("走访人", "cadre"), ("走访形式", "kind"), ("慰问金（元）", "relief")]),
        ("备注", "remark"),
    ]),
    "funds": ("筹资", "2011年“三送”筹资台账", [
        ("序号", "serial"), ("村名", "village"), ("日期", "date"),
        ("筹资情况", [("用途", "purpose"), ("资金来源", "source"), ("金额（元）", "amount")]),
        ("备注", "remark"),
    ]),
    "projects": ("项目", "2011年办实事项目台账", [
        ("序号", "serial"), ("村名", "village"), ("项目名称", "name"), ("项目类别", "type"),
        ("投资额（元）", "investment"),
        ("建设规模", [("长度（米）", "length"), ("宽度（米）", "width")]),
        ("受益情况", [("受益农田（亩）", "farmland"), ("受益户数", "benefited")]),
        ("竣工时间", "completed"),
    ]),
    "disputes": ("纠纷", "2011年矛盾纠纷排查调处台账", [
        ("序号", "serial"), ("村名", "village"), ("组别", "group"), ("受理时间", "received"),
        ("纠纷类型", "type"), ("当事人", "parties"),
        ("调处情况", [("调处层级", "level"), ("调处结果", "outcome"), ("办结时间", "resolved")]),
        ("法律帮助", "legal"),
    ]),
}


def _two_row_header(sheet: Sheet, spec: list) -> list[str]:
    """Write a two-row merged header; returns the column keys in order."""
    top: list[object] = []
    bottom: list[object] = []
    keys: list[str] = []
    merges = []
    for label, rest in spec:
        c = len(keys)
        if isinstance(rest, str):
            top.append(label)
            bottom.append(None)
            keys.append(rest)
            merges.append(("down", c, c))
        else:
            top += [label] + [None] * (len(rest) - 1)
            bottom += [sub for sub, _ in rest]
            keys += [key for _, key in rest]
            merges.append(("across", c, c + len(rest) - 1))
    sheet.header(top)
    sheet.header(bottom)
    r1 = len(sheet.rows) - 2
    for how, c1, c2 in merges:
        if how == "down":
            sheet.merge(r1, c1, r1 + 1, c1)
        else:
            sheet.merge(r1, c1, r1, c2)
    return keys


def _layout_c(index: CountyIndex, township: Township, rng: random.Random, coverage: Coverage,
              number: int) -> list[FileSpec]:
    r = Renderer(township, "xls", rng, coverage)
    sheets = []
    for ledger, (name, title, header) in C_SHEETS.items():
        sheet = Sheet(name, rng.choice(("YYYY-MM-DD", "YYYY/M/D", 'YYYY"年"M"月"D"日"')))
        width = sum(1 if isinstance(rest, str) else len(rest) for _, rest in header)
        # The government's name is the only place the township is given in this file.
        sheet.line(f"{township.name}人民政府", width)
        sheet.line(title, width)
        if ledger in ("funds", "projects"):
            sheet.line("单位：元", width, at=width - 2)
        keys = _two_row_header(sheet, header)
        columns = [(key, key) for key in keys]
        serial = 0
        all_items = []
        for village in township.villages:
            items = index.items(rng, township.name, village.name, ledger)
            all_items += items
            serial = _simple_rows(sheet, r, ledger, columns, items, serial, village.name)
        if ledger in ("visits", "funds", "projects"):
            total = [None] * width
            total[0] = "总计" if ledger == "visits" else "合计"
            key, attr = {"visits": ("relief", "relief_yuan"), "funds": ("amount", "amount_yuan"),
                         "projects": ("investment", "investment_yuan")}[ledger]
            total[keys.index(key)] = r.number(_subtotal(all_items, attr))
            sheet.add(total)
        sheet.line("注：本表由驻村“三送”工作组填报，乡“三送”办汇总。", width)
        sheets.append(sheet.spec)
    return [FileSpec(f"2011年三送工作台账（{number}）.xls", "xls", sheets)]


# --------------------------------------------------------------------------- layout D

D_FILES = {
    "visits": ("走访记录", "gb18030", "2011年“三送”走访记录",
               [("序号", "serial"), ("村", "village"), ("组别", "group"), ("户主姓名", "head"), ("走访时间", "date"),
                ("走访干部", "cadre"), ("走访方式", "kind"), ("慰问金额（元）", "relief")]),
    "roster": ("结对帮扶花名册", "utf-8-sig", "2011年“三送”结对帮扶花名册",
               [("序号", "serial"), ("村", "village"), ("组", "group"), ("户主", "head"), ("人口", "members"),
                ("困难户", "poor"), ("帮扶干部", "cadre"), ("身份证号", "id"), ("手机号", "phone"),
                ("备注", "remark")]),
    "funds": ("筹资台账", "utf-8", "2011年“三送”筹资情况",
              [("序号", "serial"), ("村名", "village"), ("时间", "date"), ("用途", "purpose"), ("来源", "source"),
               ("金额", "amount")]),
    "projects": ("办实事项目台账", "gb18030", "2011年办实事项目",
                 [("序号", "serial"), ("村", "village"), ("项目名称", "name"), ("类型", "type"),
                  ("总投资", "investment"), ("长度", "length"), ("宽度", "width"), ("受益面积", "farmland"),
                  ("受益户", "benefited"), ("完成时间", "completed")]),
    "disputes": ("矛盾纠纷排查调处台账", "utf-8-sig", "2011年矛盾纠纷排查调处情况",
                 [("序号", "serial"), ("村", "village"), ("组别", "group"), ("排查时间", "received"),
                  ("矛盾类型", "type"), ("双方当事人", "parties"), ("化解层级", "level"), ("化解情况", "outcome"),
                  ("化解时间", "resolved"), ("法律援助", "legal")]),
}


def _layout_d(index: CountyIndex, township: Township, rng: random.Random, coverage: Coverage) -> list[FileSpec]:
    r = Renderer(township, "csv", rng, coverage)
    files = []
    for ledger, (stem, encoding, title, columns) in D_FILES.items():
        sheet = Sheet(stem)
        width = len(columns)
        sheet.add([township.name + title] + [None] * (width - 1))
        if rng.random() < 0.5:
            sheet.blank(width)
        sheet.add([label for label, _ in columns])
        serial = 0
        all_items = []
        for village in township.villages:
            items = index.items(rng, township.name, village.name, ledger)
            all_items += items
            # No units in these headers: each amount, area and length cell says its own.
            serial = _simple_rows(sheet, r, ledger, columns, items, serial, village.name,
                                  area_unit=None, units_in_header=False)
        if ledger == "funds":
            total = [None] * width
            total[0] = "合计"
            total[-1] = forms.plain(_subtotal(all_items, "amount_yuan")) + "元"
            sheet.add(total)
        files.append(FileSpec(f"{township.name}{stem}.csv", "csv", [sheet.spec], encoding))
    return files


# --------------------------------------------------------------------------- layout E

E_HEADERS = {
    "roster": [
        ("serial", ("序号",)), ("head", ("户 主", "户主姓名", "农户姓名")), ("group", ("组　别", "组别", "村民小组")),
        ("members", ("家庭\n人口", "家庭人口（人）", "人口数")), ("poor", ("是否\n困难户", "是否贫困户", "贫困户")),
        ("cadre", ("帮扶\n责任人", "结对干部", "帮扶干部")), ("id", ("身份证号", "身份证号码")),
        ("phone", ("联系电话", "联系 电话", "手机号码")), ("remark", ("备 注", "备注")),
    ],
    "visits": [
        ("serial", ("序号",)), ("date", ("走访\n日期", "走访时间", "入户时间")), ("group", ("组 别", "组别")),
        ("head", ("被走访人", "户 主", "农户姓名")), ("cadre", ("走访人", "走访干部", "帮扶责任人")),
        ("kind", ("走访形式", "走访\n内容")), ("relief", ("慰问金\n（元）", "慰问金额（元）", "慰 问 金")),
    ],
    "funds": [
        ("serial", ("序号",)), ("date", ("日期", "筹资\n日期")), ("purpose", ("用途", "资金用途")),
        ("source", ("资金来源", "捐助单位")), ("amount", ()),
    ],
    "projects": [
        ("name", ("项目名称", "实事项目")), ("type", ("项目类别", "类 别")), ("investment", ()),
        ("length", ("长度（米）", "长 度\n（米）")), ("width", ("宽度（米）", "宽　度（米）")), ("farmland", ()),
        ("benefited", ("受益户数", "受益\n户数")), ("completed", ("竣工时间", "完工\n时间")),
    ],
    "disputes": [
        ("serial", ("序号",)), ("received", ("受理时间", "排查\n日期")), ("group", ("组别",)),
        ("type", ("纠纷类型", "矛盾纠纷类别")), ("parties", ("当事人", "双方当事人")),
        ("level", ("调处层级", "化解\n层级")), ("outcome", ("调处结果", "化解情况")),
        ("resolved", ("办结时间", "结案\n时间")), ("legal", ("法律帮助", "是否提供\n法律援助")),
    ],
}
E_UNIT_HEADERS = {
    ("amount", "万元"): ("金额（万元）", "筹资金额\n（万元）"),
    ("amount", "元"): ("筹资金额（元）", "金 额\n（元）"),
    ("investment", "万元"): ("投资额（万元）", "总投资\n（万元）"),
    ("investment", "元"): ("总投资（元）", "投资额\n（元）"),
    ("farmland", "公顷"): ("受益面积（公顷）", "受益面积\n（公顷）"),
    ("farmland", "亩"): ("受益农田（亩）", "受益农田\n（亩）"),
}
E_FILES = {
    "roster": "结对帮扶花名册（分村）",
    "visits": "走访登记表（分村）",
    "funds": "筹资台账（分村）",
    "projects": "办实事项目台账（分村）",
    "disputes": "矛盾纠纷台账（分村）",
}


def _layout_e(index: CountyIndex, township: Township, rng: random.Random, coverage: Coverage) -> list[FileSpec]:
    r = Renderer(township, "xlsx", rng, coverage)
    style = township.style
    files = []
    for ledger, stem in E_FILES.items():
        columns: list[tuple[str | None, str | None]] = []
        for key, choices in E_HEADERS[ledger]:
            if not choices:
                unit = style.area_unit if key == "farmland" else style.money_unit
                choices = E_UNIT_HEADERS[(key, unit)]
            label = rng.choice(choices)
            # The first such workbook of the county is sure to have a line break and a space in a header.
            if key in ("amount", "relief") and coverage.take("e_header", ("break",)):
                label = next(c for c in choices if "\n" in c)
            elif key == "head" and coverage.take("e_header", ("space",)):
                label = next(c for c in choices if " " in c)
            # Full-width brackets are the office's habit; one workbook in two types ASCII ones.
            if rng.random() < 0.5:
                label = label.replace("（", "(").replace("）", ")")
            columns.append((label, key))
        hidden_at = rng.randint(2, len(columns) - 1)
        columns.insert(hidden_at, (None, None))
        width = len(columns)
        with_title = rng.random() < 0.5
        date_format = rng.choice(DATE_CELL_FORMATS)
        sheets = []
        for village in township.villages:
            sheet = Sheet(village.name, date_format)
            if with_title:
                # A title without the place: the sheet name is the only village.
                sheet.line(f"2011年“三送”{stem.removesuffix('（分村）')}", width)
            sheet.header([label for label, _ in columns])
            sheet.spec.hidden_columns.append(hidden_at)
            items = index.items(rng, township.name, village.name, ledger)
            _simple_rows(sheet, r, ledger, columns, items, money_unit=style.money_unit, area_unit=style.area_unit)
            if rng.random() < 0.4:
                sheet.line(f"填表人：{village.cadres[0]}", width)
            sheets.append(sheet.spec)
        files.append(FileSpec(f"{township.name}{stem}.xlsx", "xlsx", sheets))
    return files


# --------------------------------------------------------------------------- county


def county_files(county: County) -> list[FileSpec]:
    """Every raw file of the county, laid out; townships in generation order, so forms are deterministic."""
    index = CountyIndex(county)
    coverage = Coverage()
    files: list[FileSpec] = []
    c_number = 0
    for township in county.townships:
        rng = random.Random(f"sansong-demo:{county.seed}:{township.index}:{township.name}")
        if township.layout == "A":
            files += _layout_a(index, township, rng, coverage)
        elif township.layout == "B":
            files += _layout_b(index, township, rng, coverage)
        elif township.layout == "C":
            c_number += 1
            files += _layout_c(index, township, rng, coverage, c_number)
        elif township.layout == "D":
            files += _layout_d(index, township, rng, coverage)
        else:
            files += _layout_e(index, township, rng, coverage)
    return files

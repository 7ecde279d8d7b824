"""The demo county as records: who was assigned, visited, funded, built and mediated.

``build_county`` draws every record of one 2011 county from a single
``random.Random(seed)``, so the same (townships, seed) gives the same county.
The records are the truth; the raw files (``layouts``, ``writers``) are one
messy way of writing them down, and the figures (``truth``) are computed
from the records alone, never by reading the files back.

Besides the records the county carries what the files need to be messy in
a controlled way: each township's layout (A-E, round-robin) and its style
knobs (units, date forms, label forms), the visits that are entered twice,
and the planted bad rows that a correct cleaner must reject.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sansong_analysis.demo import forms, names

YEAR = 2011
LAYOUTS = "ABCDE"
LEDGER_NAMES = ("roster", "visits", "funds", "projects", "disputes")

FUND_PURPOSES = {
    # purpose: (weight, (low, high, step) in yuan, sources with weights)
    "修路": (15, (20_000, 300_000, 1_000), {"村民自筹": 3, "工作组筹资": 2, "乡政府": 2, "县交通局": 2, "个私业主捐助": 2}),
    "慰问": (25, (1_000, 8_000, 100), {"工作组筹资": 5, "县水保局": 2, "县法院": 2, "乡政府": 1}),
    "助学": (15, (2_000, 15_000, 100), {"个私业主捐助": 4, "工作组筹资": 2, "村民自筹": 2, "外出乡贤捐助": 2}),
    "村级建设": (20, (5_000, 80_000, 500), {"县水保局": 3, "工作组筹资": 2, "乡政府": 2, "县财政局": 1}),
    "水利": (15, (10_000, 150_000, 1_000), {"县水保局": 4, "县水利局": 3, "村民自筹": 1}),
    "其他": (10, (500, 20_000, 100), {"工作组筹资": 2, "个私业主捐助": 2, "村民自筹": 1}),
}

# name, type, investment (low, high, step), farmland mu (low, high) or None, road-like (length, width) or None,
# households benefited (low, high)
PROJECT_CATALOG = (
    ("通组公路硬化", "道路交通", (100_000, 400_000, 1_000), None, ((300, 2_000), (3.0, 3.5, 4.0, 4.5)), (20, 150)),
    ("稀土废水处理厂", "环境保护", (300_000, 900_000, 10_000), (200, 900), None, (50, 300)),
    ("水渠维修", "农田水利", (5_000, 60_000, 500), (50, 500), ((200, 2_500), ()), (20, 120)),
    ("山塘除险加固", "农田水利", (20_000, 150_000, 1_000), (30, 300), None, (15, 80)),
    ("河堤护岸", "水利", (50_000, 300_000, 1_000), (100, 600), ((100, 800), ()), (30, 150)),
    ("村级活动中心", "村级建设", (80_000, 300_000, 1_000), None, None, None),
    ("安全饮水工程", "饮水安全", (30_000, 200_000, 1_000), None, None, (30, 200)),
    ("便民桥", "道路交通", (20_000, 120_000, 1_000), None, ((10, 40), (2.0, 2.5, 3.0, 4.0)), (20, 100)),
    ("水土保持综合治理", "水土保持", (50_000, 500_000, 1_000), (100, 1_000), None, (40, 200)),
    ("路灯安装", "公益设施", (10_000, 60_000, 500), None, None, (30, 150)),
    ("机耕道修建", "农田水利", (20_000, 150_000, 1_000), (50, 400), ((300, 2_000), (2.5, 3.0, 3.5)), (20, 90)),
)

DISPUTE_TYPE_WEIGHTS = {"forest": 40, "neighbour": 22, "land": 18, "family": 10, "other": 10}
DISPUTE_LEVEL_WEIGHTS = {"group": 45, "village": 40, "township": 15}

# One planted bad row per township, in this rotation (offset by the seed):
# (ledger, field that is wrong, what is written there, why a cleaner must reject it).
BAD_ROW_KINDS = (
    ("visits", "visit_date", "2011-02-30", "impossible date 2011-02-30"),
    ("funds", "amount_yuan", "待定", "amount 待定 is not a number"),
    ("disputes", "outcome", "见附件", "outcome 见附件 is not an outcome"),
    ("visits", "household_head", None, "visit row without a household name"),
    ("visits", "visit_date", "2011-13-05", "impossible date 2011-13-05 (month 13)"),
    ("funds", "amount_yuan", "若干", "amount 若干 is not a number"),
    ("projects", "project_name", None, "project row without a project name"),
    ("disputes", "received_date", "2011-04-31", "impossible date 2011-04-31"),
    ("roster", "household_head", None, "roster row without a household head"),
    ("projects", "farmland_mu", "若干", "farmland 若干 is not an area"),
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# 安远县 and its neighbours (the seed names 定南县, 安远县): where the county's people were born.
_HOME_REGION = "360726"
_OTHER_REGIONS = ("360734", "360727", "360728", "360781", "360702")
_MOBILE_PREFIXES = (
    *(f"13{d}" for d in "0123456789"), *(f"15{d}" for d in "0125789"), *(f"18{d}" for d in "0256789"), "147",
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Style:
    """How one township's office writes its ledgers (the knobs the seed varies).

    ``money_unit`` is the unit of the funds and investment columns (``万元``
    only in layouts A and E); ``area_unit`` that of the farmland column
    (``None``: no unit in the header, each cell carries its own).
    ``date_forms`` maps a ledger to the date form most of its cells use.
    """

    money_unit: str
    area_unit: str | None
    roster_group_form: str
    visit_group_form: str
    dispute_group_form: str
    poor_style: str
    legal_style: str
    level_style: str
    short_labels: bool
    date_forms: tuple[tuple[str, str], ...]

    def date_form(self, ledger: str) -> str:
        """The date form most cells of ``ledger`` use in this township."""
        return dict(self.date_forms)[ledger]


@dataclass(frozen=True)
class Village:
    name: str
    groups: int
    cadres: tuple[str, ...]


@dataclass(frozen=True)
class Township:
    name: str
    index: int
    layout: str
    style: Style
    villages: tuple[Village, ...]


@dataclass(frozen=True)
class Household:
    """A household a work team is assigned to (one roster row)."""

    hid: int
    township: str
    village: str
    group: int
    head: str
    is_poor: bool
    members: int
    cadre: str
    id_number: str
    phone: str
    remark: str | None = None
    remark_phone: str | None = None


@dataclass(frozen=True)
class Visit:
    """One visit; ``household`` is None for a household not on the roster (``date`` is None only
    in a planted bad row, see ``_plant_undated_visits``).

    ``group`` is the group as written on the visit row (None: left blank, only
    for heads whose name is unique in the village).
    """

    vid: int
    township: str
    village: str
    household: int | None
    head: str
    group: int | None
    cadre: str
    kind: str
    kind_text: str
    relief_yuan: Decimal | None
    date: dt.date | None


@dataclass(frozen=True)
class Fund:
    fid: int
    township: str
    village: str
    date: dt.date | None
    purpose: str
    source: str
    amount_yuan: Decimal
    qualifier: str = "exact"


@dataclass(frozen=True)
class Project:
    pid: int
    township: str
    village: str
    name: str
    project_type: str
    investment_yuan: Decimal | None
    farmland_mu: Decimal | None
    households_benefited: int | None
    length_m: Decimal | None
    width_m: Decimal | None
    completed_date: dt.date | None


@dataclass(frozen=True)
class Dispute:
    did: int
    township: str
    village: str
    group: int
    received_date: dt.date
    dispute_type: str
    parties: str
    level: str
    outcome: str
    resolved_date: dt.date | None
    legal_aid: bool


@dataclass(frozen=True)
class BadRow:
    """A raw row a correct cleaner must reject: a record-like row with one unreadable or missing value.

    ``record`` is written as usual, then the cell of ``field`` is replaced by
    ``raw`` (None: left empty). It is never part of the truth.
    """

    ledger: str
    township: str
    village: str
    field: str
    raw: str | None
    reason: str
    record: Household | Visit | Fund | Project | Dispute


@dataclass
class County:
    """Every record of the demo county, plus what makes its files messy."""

    seed: int
    townships: list[Township]
    households: list[Household] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    duplicate_visits: list[int] = field(default_factory=list)
    funds: list[Fund] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)

    def township(self, name: str) -> Township:
        """The township called ``name``."""
        for t in self.townships:
            if t.name == name:
                return t
        raise KeyError(name)

    def planted_ids(self) -> list[str]:
        """Every identity-card number written into a raw file."""
        ids = [h.id_number for h in self.households]
        ids += [b.record.id_number for b in self.bad_rows if isinstance(b.record, Household)]
        return ids

    def planted_phones(self) -> list[str]:
        """Every phone number written into a raw file (phone columns and 备注 free text)."""
        people = list(self.households) + [b.record for b in self.bad_rows if isinstance(b.record, Household)]
        phones = [h.phone for h in people]
        phones += [h.remark_phone for h in people if h.remark_phone and h.remark_phone != h.phone]
        return phones


# --------------------------------------------------------------------------- helpers


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def _day(rng: random.Random, start: tuple[int, int] = (1, 1), end: tuple[int, int] = (12, 31)) -> dt.date:
    first = dt.date(YEAR, *start)
    last = dt.date(YEAR, *end)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _amount(rng: random.Random, low: int, high: int, step: int) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step))


class _Numbers:
    """Unique fake ID-card and mobile numbers (valid checksum, plausible prefixes)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids: set[str] = set()
        self.phones: set[str] = set()

    def id_number(self, male: bool) -> str:
        rng = self.rng
        while True:
            region = _HOME_REGION if rng.random() < 0.9 else rng.choice(_OTHER_REGIONS)
            birth = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
            seq = rng.randrange(0, 999, 2) + (1 if male else 0)
            body = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = body + _ID_CHECK[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
            if number not in self.ids:
                self.ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number


def id_checksum_ok(number: str) -> bool:
    """True when an 18-character ID-card number carries the right check character."""
    body, check = number[:17], number[17]
    return _ID_CHECK[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11] == check


# --------------------------------------------------------------------------- styles


def _style(rng: random.Random, index: int, layout: str, seed: int, layout_rank: int) -> Style:
    """The knobs of one township. Units alternate within a layout so any county of 12 has both."""
    money_unit = "元"
    area_unit: str | None = "亩"
    if layout == "A":
        money_unit = "万元" if (layout_rank + seed) % 2 == 0 else "元"
    elif layout == "D":
        area_unit = None
    elif layout == "E":
        money_unit = "万元" if (layout_rank + seed) % 2 == 1 else "元"
        area_unit = "公顷" if (layout_rank + seed) % 2 == 0 else "亩"
    # Roster and visits of one office write the same group differently (一组 vs 第1村民小组); the forms
    # rotate over townships so that any five townships use them all.
    n = len(forms.GROUP_FORMS)
    group_forms = [forms.GROUP_FORMS[(index + seed + k) % n] for k in (0, 1, 3)]
    # Dominant date forms rotate over townships and ledgers so that every form leads somewhere.
    date_forms = tuple(
        (ledger, forms.DATE_FORMS[(index * 3 + k + seed) % len(forms.DATE_FORMS)])
        for k, ledger in enumerate(LEDGER_NAMES)
    )
    return Style(
        money_unit=money_unit,
        area_unit=area_unit,
        roster_group_form=group_forms[0],
        visit_group_form=group_forms[1],
        dispute_group_form=group_forms[2],
        poor_style=rng.choice(("是否", "勾空", "YN", "是空")),
        legal_style=list(forms.YES_NO_STYLES)[(index + seed) % len(forms.YES_NO_STYLES)],
        level_style=rng.choice(("short", "ji", "body")),
        short_labels=rng.random() < 0.5,
        date_forms=date_forms,
    )


# --------------------------------------------------------------------------- generation


class _Builder:
    def __init__(self, townships: int, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_townships = townships
        self.numbers = _Numbers(self.rng)
        self.county = County(seed=seed, townships=[])
        # (township, village, head, date, cadre, kind): two visits never share it, so a reader
        # that finds two such rows has found a duplicate we planted, not a coincidence.
        self.visit_keys: set[tuple] = set()
        self.next_hid = 0
        self.project_names: dict[str, set[str]] = {}

    # ---- township and village skeleton

    def build(self) -> County:
        rng = self.rng
        township_names = names.township_names(rng, self.n_townships)
        layout_counts: dict[str, int] = {}
        for index, name in enumerate(township_names):
            layout = LAYOUTS[index % len(LAYOUTS)]
            rank = layout_counts.get(layout, 0)
            layout_counts[layout] = rank + 1
            style = _style(rng, index, layout, self.seed, rank)
            villages = []
            for vname in names.village_names(rng, rng.randint(3, 6)):
                cadres: list[str] = []
                while len(cadres) < rng.randint(4, 6):
                    person = names.person_name(rng, female=rng.random() < 0.3)
                    if person not in cadres:
                        cadres.append(person)
                villages.append(Village(vname, rng.randint(3, 8), tuple(cadres)))
            self.county.townships.append(Township(name, index, layout, style, tuple(villages)))
        for township in self.county.townships:
            for village in township.villages:
                self._village_records(township, village)
        self._plant_seed_examples()
        self._plant_whole_hectares()
        self._plant_undated_visits()
        self._plant_duplicates()
        self._plant_bad_rows()
        return self.county

    # ---- roster

    def _household(self, township: Township, village: Village, clans: list[str], taken: set) -> Household:
        rng = self.rng
        male = rng.random() < 0.85
        while True:
            group = rng.randint(1, village.groups)
            head = names.person_name(rng, clans, female=not male)
            if (group, head) not in taken:
                break
        taken.add((group, head))
        phone = self.numbers.phone()
        remark = remark_phone = None
        roll = rng.random()
        if roll < 0.08:
            remark, remark_phone = f"户主电话{phone}", phone
        elif roll < 0.13:
            remark_phone = self.numbers.phone()
            remark = rng.choice(("子女电话", "儿子电话", "女儿手机")) + remark_phone
        elif roll < 0.18:
            remark = rng.choice(("低保户", "五保户", "外出务工", "残疾", "独居老人"))
        self.next_hid += 1
        return Household(
            hid=self.next_hid - 1,
            township=township.name,
            village=village.name,
            group=group,
            head=head,
            is_poor=rng.random() < 0.2,
            members=rng.choices(range(1, 9), weights=(5, 12, 18, 25, 20, 12, 5, 3))[0],
            cadre=rng.choice(village.cadres),
            id_number=self.numbers.id_number(male),
            phone=phone,
            remark=remark,
            remark_phone=remark_phone,
        )

    def _village_records(self, township: Township, village: Village) -> None:
        rng = self.rng
        clans = names.clan_surnames(rng)
        taken: set[tuple[int, str]] = set()
        households = [self._household(township, village, clans, taken) for _ in range(rng.randint(20, 120))]
        # Same-name households in different groups: only the group tells them apart.
        if village.groups >= 2 and rng.random() < 0.6:
            for _ in range(rng.randint(1, 2)):
                a, b = rng.sample(range(len(households)), 2)
                ha, hb = households[a], households[b]
                if ha.group != hb.group and (hb.group, ha.head) not in taken:
                    taken.discard((hb.group, hb.head))
                    taken.add((hb.group, ha.head))
                    households[b] = replace(hb, head=ha.head)
        self.county.households.extend(households)
        self._visits(township, village, households)
        self._funds(township, village)
        self._projects(township, village)
        self._disputes(township, village, clans)

    # ---- visits

    def _add_visit(self, township: Township, village: Village, household: Household | None, head: str,
                   group: int | None, cadre: str, kind: str, day: dt.date | None) -> Visit | None:
        rng = self.rng
        key = (township.name, village.name, head, day, cadre, kind)
        if key in self.visit_keys:
            return None
        self.visit_keys.add(key)
        relief = None
        if kind == "relief":
            relief = Decimal(rng.choice((200, 300, 300, 400, 500, 500, 500, 600, 800, 1000, 250, 350)))
            if day is not None and day.month in (1, 2) and rng.random() < 0.5:
                kind_text = "春节慰问"
            elif day is not None and day.month == 9 and rng.random() < 0.5:
                kind_text = "中秋慰问"
            else:
                kind_text = rng.choice(forms.VISIT_KIND_TEXTS["relief"])
        else:
            kind_text = rng.choice(forms.VISIT_KIND_TEXTS[kind])
        visit = Visit(
            vid=len(self.county.visits),
            township=township.name,
            village=village.name,
            household=None if household is None else household.hid,
            head=head,
            group=group,
            cadre=cadre,
            kind=kind,
            kind_text=kind_text,
            relief_yuan=relief,
            date=day,
        )
        self.county.visits.append(visit)
        return visit

    def _visit_day(self, kind: str) -> dt.date:
        rng = self.rng
        if kind == "relief":
            # Relief goes out before the Spring Festival (2011-02-03) or the Mid-Autumn Festival (2011-09-12).
            return _day(rng, (1, 10), (2, 2)) if rng.random() < 0.7 else _day(rng, (9, 1), (9, 11))
        return _day(rng)

    def _visits(self, township: Township, village: Village, households: list[Household]) -> None:
        rng = self.rng
        name_counts: dict[str, int] = {}
        for h in households:
            name_counts[h.head] = name_counts.get(h.head, 0) + 1
        coverage = 1.0 if rng.random() < 0.2 else rng.uniform(0.84, 0.96)
        made = 0
        for h in households:
            if rng.random() >= coverage:
                continue
            for k in range(rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]):
                if h.is_poor and (k == 0 or rng.random() < 0.3):
                    kind = "relief"
                else:
                    kind = rng.choices(("visit", "policy", "relief"), weights=(72, 25, 3))[0]
                cadre = h.cadre if rng.random() < 0.8 else rng.choice(village.cadres)
                # A blank group is fine on a visit only when the name alone finds the household.
                group = None if name_counts[h.head] == 1 and rng.random() < 0.05 else h.group
                for _attempt in range(5):
                    if self._add_visit(township, village, h, h.head, group, cadre, kind, self._visit_day(kind)):
                        made += 1
                        break
        # About 3% of visits go to households that are not on the roster: visits, but not coverage.
        roster_names = set(name_counts)
        for _ in range(round(made * rng.uniform(0.02, 0.04))):
            head = names.person_name(rng)
            if head in roster_names:
                continue
            kind = rng.choice(("visit", "visit", "policy"))
            self._add_visit(township, village, None, head, rng.randint(1, village.groups),
                            rng.choice(village.cadres), kind, self._visit_day(kind))

    # ---- funds

    def _fund_amount(self, township: Township, purpose: str) -> tuple[Decimal, str]:
        rng = self.rng
        low, high, step = FUND_PURPOSES[purpose][1]
        amount = _amount(rng, low, high, step)
        if township.style.money_unit == "万元":
            # Whole hundreds of yuan, so the 万元 column holds at most two decimals.
            return amount - amount % 100 or Decimal(100), "exact"
        roll = rng.random()
        if roll < 0.05 and amount < 20_000:
            return amount + Decimal("0.5"), "exact"
        if roll < 0.15:
            qualifier = rng.choices(("at_least", "nearly", "about"), weights=(2, 1, 1))[0]
            unit = 10_000 if amount >= 20_000 else 1_000
            whole = int(amount)
            if qualifier == "at_least":
                whole = max(whole // unit * unit, unit)
            elif qualifier == "nearly":
                whole = -(-whole // unit) * unit
            else:
                whole = max((whole + unit // 2) // unit * unit, unit)
            return Decimal(whole), qualifier
        return amount, "exact"

    def _funds(self, township: Township, village: Village) -> None:
        rng = self.rng
        for _ in range(rng.randint(2, 8)):
            purpose = _weighted(rng, {p: spec[0] for p, spec in FUND_PURPOSES.items()})
            source = _weighted(rng, FUND_PURPOSES[purpose][2])
            amount, qualifier = self._fund_amount(township, purpose)
            day = _day(rng, (1, 5), (2, 2)) if purpose == "慰问" and rng.random() < 0.7 else _day(rng)
            if rng.random() < 0.04:
                day = None
            self._add_fund(township, village, day, purpose, source, amount, qualifier)

    def _add_fund(self, township: Township, village: Village, day: dt.date | None, purpose: str, source: str,
                  amount: Decimal, qualifier: str) -> Fund:
        fund = Fund(len(self.county.funds), township.name, village.name, day, purpose, source, amount, qualifier)
        self.county.funds.append(fund)
        return fund

    # ---- projects

    def _unique_project_name(self, township: Township, village: Village, base: str) -> str:
        taken = self.project_names.setdefault(township.name, set())
        candidates = [base, village.name + base, village.name + base + "二期", village.name + base + "三期"]
        for name in candidates:
            if name not in taken:
                taken.add(name)
                return name
        raise RuntimeError("project names exhausted")  # cannot happen: at most 3 projects a village

    def _project(self, township: Township, village: Village, spec: tuple) -> Project:
        rng = self.rng
        base, ptype, invest, farm, road, benefited = spec
        investment = _amount(rng, *invest)
        if rng.random() < 0.05:
            investment = None
        farmland: Decimal | None = None
        if farm is not None:
            if township.style.area_unit == "公顷":
                # Whole tenths of a hectare, so the 公顷 column states the area exactly.
                farmland = Decimal(rng.randint(farm[0] // 3 * 2, farm[1] // 3 * 2)) * Decimal("1.5")
            else:
                farmland = Decimal(rng.randint(*farm))
                if rng.random() < 0.1:
                    farmland += Decimal("0.5")
                elif rng.random() < 0.3:
                    farmland = farmland // 10 * 10 or Decimal(10)
                elif township.style.area_unit is None and rng.random() < 0.5:
                    # Whole hectares: an office that writes units in the cells may write 公顷.
                    farmland = farmland // 15 * 15 or Decimal(15)
            if rng.random() < 0.1:
                farmland = Decimal(0)
        elif rng.random() < 0.3:
            farmland = Decimal(0)
        length = width = None
        if road is not None:
            length = Decimal(rng.randrange(road[0][0], road[0][1] + 1, 10 if road[0][1] > 100 else 1))
            if road[1]:
                width = Decimal(str(rng.choice(road[1])))
        return Project(
            pid=len(self.county.projects),
            township=township.name,
            village=village.name,
            name=self._unique_project_name(township, village, base),
            project_type=ptype,
            investment_yuan=investment,
            farmland_mu=farmland,
            households_benefited=None if benefited is None else rng.randint(*benefited),
            length_m=length,
            width_m=width,
            completed_date=None if rng.random() < 0.1 else _day(rng, (3, 1), (12, 31)),
        )

    def _projects(self, township: Township, village: Village) -> None:
        rng = self.rng
        for _ in range(rng.choices((0, 1, 2, 3), weights=(20, 40, 28, 12))[0]):
            self.county.projects.append(self._project(township, village, rng.choice(PROJECT_CATALOG)))

    # ---- disputes

    def _dispute(self, township: Township, village: Village, clans: list[str], received: dt.date | None = None,
                 did: int | None = None) -> Dispute:
        rng = self.rng
        received = received or _day(rng)
        dispute_type = _weighted(rng, DISPUTE_TYPE_WEIGHTS)
        level = _weighted(rng, DISPUTE_LEVEL_WEIGHTS)
        roll = rng.random()
        outcome = "resolved" if roll < 0.85 else rng.choice(("unresolved", "referred", "pending"))
        if outcome == "referred":
            level = "township"
        resolved = None
        if outcome == "resolved":
            resolved = min(received + dt.timedelta(days=rng.randint(0, 45)), dt.date(YEAR, 12, 31))
        one = names.person_name(rng, clans)
        other = names.person_name(rng, clans)
        parties = f"{one}与{other}" if rng.random() < 0.6 else f"{one}、{other}"
        return Dispute(
            did=len(self.county.disputes) if did is None else did,
            township=township.name,
            village=village.name,
            group=rng.randint(1, village.groups),
            received_date=received,
            dispute_type=dispute_type,
            parties=parties,
            level=level,
            outcome=outcome,
            resolved_date=resolved,
            legal_aid=rng.random() < 0.55,
        )

    def _disputes(self, township: Township, village: Village, clans: list[str]) -> None:
        for _ in range(self.rng.randint(2, 15)):
            self.county.disputes.append(self._dispute(township, village, clans))

    # ---- planted specials

    def _plant_seed_examples(self) -> None:
        """The seed summary's own sums, in the first township that writes amounts in 元 and areas in 亩."""
        candidates = [t for t in self.county.townships if t.style.money_unit == "元" and t.style.area_unit == "亩"]
        if not candidates:
            candidates = [t for t in self.county.townships if t.style.money_unit == "元"]
        if not candidates:
            return
        township = candidates[0]
        village = township.villages[0]
        d = dt.date
        self._add_fund(township, village, d(YEAR, 1, 20), "慰问", "工作组筹资", Decimal(4000), "exact")
        self._add_fund(township, village, d(YEAR, 3, 15), "修路", "村民自筹", Decimal(200_000), "at_least")
        self._add_fund(township, village, d(YEAR, 8, 25), "助学", "个私业主捐助", Decimal(11_000), "at_least")
        self._add_fund(township, village, d(YEAR, 6, 10), "村级建设", "县水保局", Decimal(10_000), "nearly")
        self._add_fund(township, village, d(YEAR, 11, 8), "其他", "工作组筹资", Decimal(3_000), "about")
        if township.style.area_unit == "亩":
            taken = self.project_names.setdefault(township.name, set())
            for name, project in (
                ("稀土废水处理厂", Project(0, township.name, village.name, "", "环境保护", Decimal(600_000),
                                          Decimal(680), 120, None, None, d(YEAR, 9, 28))),
                ("通组公路硬化", Project(0, township.name, village.name, "", "道路交通", Decimal(230_000),
                                        None, 86, Decimal(1000), Decimal("3.5"), d(YEAR, 6, 30))),
            ):
                unique = name if name not in taken else village.name + name
                if unique in taken:
                    continue
                taken.add(unique)
                self.county.projects.append(
                    replace(project, pid=len(self.county.projects), name=unique)
                )

    def _plant_whole_hectares(self) -> None:
        """Each township whose cells carry their own units gets a project of whole hectares (written 公顷)."""
        for township in self.county.townships:
            if township.style.area_unit is not None:
                continue
            projects = [p for p in self.county.projects if p.township == township.name]
            if any(p.farmland_mu and p.farmland_mu % 15 == 0 for p in projects):
                continue
            village = township.villages[-1]
            spec = next(s for s in PROJECT_CATALOG if s[0] == "水土保持综合治理")
            project = self._project(township, village, spec)
            self.county.projects.append(replace(project, farmland_mu=Decimal(15 * self.rng.randint(8, 40))))

    def _plant_undated_visits(self) -> None:
        """Two visit rows whose date is left empty or written ``/``, ``—``, ``无``: a visit log needs
        its dates, so each is a row a correct cleaner rejects (``缺少走访日期``), never a visit
        that counts in the year and vanishes from every period. Never in layout B, whose month
        sheets would give them a month. The visits are taken out of the county's records."""
        rng = self.rng
        layouts = {t.name: t.layout for t in self.county.townships}
        candidates = [v for v in self.county.visits
                      if layouts[v.township] != "B" and v.household is not None and v.kind != "relief"]
        chosen = {v.vid for v in rng.sample(candidates, min(2, len(candidates)))}
        for vid in sorted(chosen):
            visit = self.county.visits[vid]
            raw = rng.choice((None, "/", "—", "无"))
            self.county.bad_rows.append(BadRow(
                "visits", visit.township, visit.village, "visit_date", raw, "visit row without a date",
                replace(visit, vid=-1, date=None),
            ))
        kept = [v for v in self.county.visits if v.vid not in chosen]
        self.county.visits = [replace(v, vid=i) for i, v in enumerate(kept)]

    def _plant_duplicates(self) -> None:
        rng = self.rng
        candidates = [v.vid for v in self.county.visits if v.date is not None and v.household is not None]
        count = min(len(candidates), max(2, self.n_townships // 2))
        self.county.duplicate_visits = sorted(rng.sample(candidates, count))

    def _plant_bad_rows(self) -> None:
        rng = self.rng
        for township in self.county.townships:
            ledger, fld, raw, reason = BAD_ROW_KINDS[(township.index + self.seed) % len(BAD_ROW_KINDS)]
            village = rng.choice(township.villages)
            record = self._bad_record(township, village, ledger, raw)
            self.county.bad_rows.append(BadRow(ledger, township.name, village.name, fld, raw, reason, record))

    def _bad_record(self, township: Township, village: Village, ledger: str, raw: str | None):
        """A record-like row for a bad row; drawn like a real one but kept out of every list of records."""
        rng = self.rng
        if ledger == "roster":
            household = self._household(township, village, names.clan_surnames(rng), set())
            # Not a roster household: no hid that a visit could point at.
            return replace(household, hid=-1)
        if ledger == "visits":
            month = {"2011-02-30": 2, "2011-13-05": 12}.get(raw or "", rng.randint(1, 12))
            day = _day(rng, (month, 1), (month, 28))
            household = rng.choice([h for h in self.county.households
                                    if h.township == township.name and h.village == village.name])
            return Visit(-1, township.name, village.name, household.hid, household.head, household.group,
                         household.cadre, "visit", rng.choice(forms.VISIT_KIND_TEXTS["visit"]), None, day)
        if ledger == "funds":
            purpose = _weighted(rng, {p: spec[0] for p, spec in FUND_PURPOSES.items()})
            return Fund(-1, township.name, village.name, _day(rng), purpose, _weighted(rng, FUND_PURPOSES[purpose][2]),
                        Decimal(0))
        if ledger == "projects":
            saved = self.project_names.get(township.name, set()).copy()
            project = self._project(township, village, rng.choice(PROJECT_CATALOG))
            self.project_names[township.name] = saved
            return replace(project, pid=-1)
        received = _day(rng, (4, 1), (4, 28))
        return self._dispute(township, village, names.clan_surnames(rng), received, did=-1)


def build_county(townships: int = 12, seed: int = 1) -> County:
    """The records of a synthetic 2011 county of ``townships`` townships, the same for the same seed.

    >>> county = build_county(3, seed=7)
    >>> [t.layout for t in county.townships]
    ['A', 'B', 'C']
    """
    if townships < 1:
        raise ValueError("a county needs at least one township")
    return _Builder(townships, seed).build()

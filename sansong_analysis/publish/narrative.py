"""The 工作总结-style paragraph a leader would otherwise write by hand: frames in, Chinese text out.

Everything here is pure. :func:`narrative_facts` gathers the figures once
(from ``figures``, so the text and the §5 document never disagree);
:func:`section_sentences` turns them into one or two sentences per section
and :func:`township_narrative` joins those into the paragraph::

    2011年，黄坑乡“三送”工作组深入1个村开展“送政策、送温暖、送服务”活动，累计入户走访100次。
    工作组对所包扶的100户农户全部走访，走访覆盖率100.0%，其中困难户20户，均已走访。
    共筹集资金22.5万余元，其中硬化通组公路20万余元、……。受理矛盾纠纷38起，以山林纠纷为主（21起），
    调处成功35起，调处成功率92.1%，其中在组、村两级化解30起；……。实施办实事项目1个，……受益农田680亩，……

Writing rules (each one tested in ``tests/test_narrative.py``):

- Numbers, sums of money, areas, dates and periods are written by
  :mod:`sansong_analysis.wording` (one rule for every output).
- A ledger the township never submitted (no row for it in that frame,
  whatever the period) is not mentioned at all; a ledger submitted but with
  nothing in the period is said plainly (本期未筹集资金); no rate is given
  when its denominator is 0.
- The period is named once, at the head of ``overview``: from ``start``/``end``
  (``2011年1-9月``, ``2011年3月5日至9月30日``), else from the years of the
  dated records (``2011年``); never 本年度 for a year the data does not show.
- Disputes: the main kind is named when it is strictly the most frequent and
  at least 40% (其他纠纷 never is); 基本做到“小事不出组，大事不出村” only
  when at least 80% of the disputes were settled at group or village level.
- No personal data: no household, cadre or party names, no numbers that
  could be an ID card or a phone. Fund purposes are quoted only when they
  name no one on the roster or visit ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from sansong_analysis.figures import (
    DATE_COLUMNS,
    RECORD_FRAMES,
    DateLike,
    Frames,
    all_townships,
    compute_figures,
    dispute_summary,
    latest_record_date,
    records,
    validate_period,
)
from sansong_analysis.ingest.pii import contains_pii
from sansong_analysis.ledgers import VALUE_LABELS
from sansong_analysis.wording import (
    COUNTY_PLACE,
    combined_qualifier,
    format_mu,
    format_percent,
    format_wan,
    is_missing,
    period_words,
    years_phrase,
)

SECTION_KEYS = ("overview", "coverage", "funds", "disputes", "farmland")
CAMPAIGN = "“送政策、送温暖、送服务”活动"
LOCAL_SLOGAN = "“小事不出组，大事不出村”"

# A dispute type "dominates" when it is the most frequent, strictly, and at least this share.
DOMINANT_SHARE = 0.4
# Say 基本做到“小事不出组，大事不出村” only when this share of all disputes was settled at group or village level.
LOCAL_SLOGAN_SHARE = 0.8
MAX_PURPOSES = 3
MAX_PURPOSE_CHARS = 12
MAX_NAMED_TOWNSHIPS = 3


def _names(names: list[str], total: int | None = None, unit: str = "个乡镇") -> str:
    """``黄坑乡、龙口镇`` or ``黄坑乡、龙口镇、车头镇等5个乡镇``."""
    total = len(names) if total is None else total
    shown = "、".join(names[:MAX_NAMED_TOWNSHIPS])
    return f"{shown}等{total}{unit}" if total > MAX_NAMED_TOWNSHIPS else shown


# --------------------------------------------------------------------------- period


def record_dates(frames: Frames, township: str | None = None) -> tuple[date | None, date | None]:
    """The earliest and latest date on any dated record of the township (None: the county)."""
    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None
    for name, column in DATE_COLUMNS.items():
        dates = records(frames, name, township)[column].dropna()
        if dates.empty:
            continue
        lo, hi = dates.min(), dates.max()
        first = lo if first is None or lo < first else first
        last = hi if last is None or hi > last else last
    return (first.date() if first is not None else None, last.date() if last is not None else None)


def period_phrase(
    frames: Frames | None = None, township: str | None = None, start: DateLike = None, end: DateLike = None,
    to: str = "至",
) -> str:
    """The period as running text says it; from the data when no period is given.

    With a period: ``2011年`` (a whole year), ``2011年1-9月``, ``2011年9月``,
    ``2011年3月5日至9月30日``, ``2011年以来`` (start only), ``截至2011年9月30日``
    (end only). Without one, the years of the dated records (``2011年``,
    ``2010年至2011年``), or ``""`` when no record is dated: a text never says
    本年度 about a year it does not know. ``to="-"`` gives the form of a
    title (``2011年3月5日-9月30日``, ``2010-2011年``).

    >>> period_phrase(None, None, "2011-01-01", "2011-09-30"), period_phrase(None, None, "2011-04-01", "2011-09-30")
    ('2011年1-9月', '2011年4-9月')
    >>> period_phrase(None, None, "2011-03-05", "2011-09-30")
    '2011年3月5日至9月30日'
    """
    s, e = validate_period(start, end)
    if s is not None or e is not None or frames is None:
        return period_words(s, e, to)
    first, last = record_dates(frames, township)
    if first is None or last is None:
        return ""
    return years_phrase(first.year, last.year, to)


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Facts:
    """Everything the paragraph and the brief's key figures say, computed once.

    ``figures`` is the township's (or the county's) docs/contract.md §5 entry;
    ``submitted`` tells, per ledger, whether the township has any row in it
    at all (whatever the period). ``purposes`` lists the largest named fund
    purposes that are safe to quote: (purpose, yuan, qualifier).
    ``township_rows`` (county only) are the §5 township entries, each with
    ``funds_qualifier`` added.
    """

    township: str | None
    place: str
    period: str
    start: date | None
    end: date | None
    as_of: date | None
    first_record: date | None
    last_record: date | None
    submitted: dict[str, bool]
    figures: dict[str, Any]
    villages: int
    townships: int
    funds_qualifier: str
    funds_records: int
    purposes: list[tuple[str, float, str]]
    unnamed_funds: bool
    disputes: dict[str, Any]
    dispute_types: dict[str, int]
    dispute_pending: int
    projects: int
    investment_yuan: float
    households_benefited: int | None
    township_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_county(self) -> bool:
        return self.township is None

    @property
    def has_any_ledger(self) -> bool:
        return any(self.submitted.values())


def _personal_names(frames: Frames, township: str | None) -> set[str]:
    """Household heads and cadres known to the ledgers: words a text must never contain."""
    names: set[str] = set()
    for frame_name in ("roster", "visits"):
        df = records(frames, frame_name, township)
        for column in ("household_head", "cadre"):
            if column in df.columns:
                names.update(str(n).strip() for n in df[column].dropna().unique())
    return {n for n in names if len(n) >= 2}


def _names_in(text: str, personal: set[str]) -> bool:
    """True when some stretch of ``text`` is a name from the ledgers (set lookups, not a scan of all names)."""
    return any(text[i:j] in personal for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _quotable(purpose: str, personal: set[str]) -> bool:
    """A fund purpose short and impersonal enough to quote (修路, 春节慰问困难群众), never one naming someone."""
    return (
        bool(purpose)
        and len(purpose) <= MAX_PURPOSE_CHARS
        and not any(ch.isdigit() for ch in purpose)
        and not contains_pii(purpose)
        and not _names_in(purpose, personal)
    )


def _safe_purposes(funds: pd.DataFrame, personal: set[str]) -> tuple[list[tuple[str, float, str]], bool]:
    """The largest quotable purposes (name, yuan, qualifier), and whether money went to anything else."""
    if funds.empty:
        return [], False
    purpose = funds["purpose"].astype("object").map(lambda p: "" if is_missing(p) else str(p).strip())
    grouped = (
        funds.assign(purpose=purpose, amount_qualifier=funds["amount_qualifier"].astype("object"))
        .groupby("purpose", sort=False)
        .agg(amount=("amount_yuan", "sum"), qualifiers=("amount_qualifier", list))
        .reset_index()
        .sort_values(["amount", "purpose"], ascending=[False, True], kind="stable")
    )
    chosen: list[tuple[str, float, str]] = []
    for row in grouped.itertuples(index=False):
        if len(chosen) == MAX_PURPOSES or float(row.amount) <= 0:
            break
        if _quotable(row.purpose, personal):
            chosen.append((row.purpose, float(row.amount), combined_qualifier(row.qualifiers)))
    return chosen, len(grouped) > len(chosen)


def _villages(frames: Frames, township: str | None, start: date | None, end: date | None) -> int:
    roster = records(frames, "roster", township)
    if len(roster):
        places = roster
    else:
        places = pd.concat(
            [records(frames, name, township, start, end)[["township", "village"]] for name in DATE_COLUMNS],
            ignore_index=True,
        )
    places = places.loc[places["village"].notna(), ["township", "village"]]
    return len(places.drop_duplicates())


def narrative_facts(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> Facts:
    """The figures behind the paragraph (and the brief), for a township or (None) the whole county."""
    s, e = validate_period(start, end)
    if township is None:
        doc = compute_figures(frames, s, e)
        figures_row = dict(doc["county"])
        township_rows = [dict(row) for row in doc["townships"]]
    else:
        doc = compute_figures(frames, s, e, townships=[township])
        figures_row = {k: v for k, v in doc["townships"][0].items() if k != "township"}
        township_rows = []
    submitted = {name: len(records(frames, name, township)) > 0 for name in RECORD_FRAMES}

    funds = records(frames, "funds", township, s, e)
    qualifiers = funds["amount_qualifier"].astype("object").where(funds["amount_qualifier"].notna(), None)
    if township_rows:
        by_township = funds.assign(q=qualifiers).groupby("township")["q"].agg(combined_qualifier).to_dict()
        for row in township_rows:
            row["funds_qualifier"] = by_township.get(row["township"], "exact")
    purposes, unnamed = _safe_purposes(funds, _personal_names(frames, township))

    disputes = records(frames, "disputes", township, s, e)
    type_counts = disputes["dispute_type"].value_counts()
    dispute_types = {t: int(type_counts[t]) for t in VALUE_LABELS["dispute_type"] if t in type_counts.index}

    projects = records(frames, "projects", township, s, e)
    benefited = projects["households_benefited"].dropna()
    first, last = record_dates(frames, township)
    return Facts(
        township=township,
        place=township if township is not None else COUNTY_PLACE,
        period=period_phrase(frames, township, s, e),
        start=s,
        end=e,
        as_of=e or latest_record_date(frames, township),
        first_record=first,
        last_record=last,
        submitted=submitted,
        figures=figures_row,
        villages=_villages(frames, township, s, e),
        townships=len(all_townships(frames)) if township is None else 1,
        funds_qualifier=combined_qualifier(qualifiers),
        funds_records=len(funds),
        purposes=purposes,
        unnamed_funds=unnamed,
        disputes=dispute_summary(frames, township, s, e),
        dispute_types=dispute_types,
        dispute_pending=int((disputes["outcome"] == "pending").sum()),
        projects=len(projects),
        investment_yuan=float(projects["investment_yuan"].fillna(0).sum()),
        households_benefited=int(benefited.sum()) if len(benefited) else None,
        township_rows=township_rows,
    )


# --------------------------------------------------------------------------- sentences


def _overview(f: Facts) -> str:
    lead = f"{f.period}，" if f.period else ""
    if not f.has_any_ledger:
        if f.is_county:
            return f"{lead}暂未收到各乡镇的“三送”工作台账。"
        return f"{lead}暂未收到{f.place}的“三送”工作台账。"
    who = f"全县{f.townships}个乡镇的“三送”工作组" if f.is_county else f"{f.place}“三送”工作组"
    where = f"深入{f.villages}个村" if f.villages else ""
    text = f"{lead}{who}{where}开展{CAMPAIGN}"
    visits = int(f.figures["visits"])
    if f.submitted["visits"] and visits:
        text += f"，累计入户走访{visits}次"
    return text + "。"


def _coverage(f: Facts) -> str:
    if not f.submitted["roster"]:
        return ""
    fig = f.figures
    assigned, visited = int(fig["households_assigned"]), int(fig["households_visited"])
    poor, poor_visited = int(fig["poor_households_assigned"]), int(fig["poor_households_visited"])
    who = "全县各工作组" if f.is_county else "工作组"
    if not f.submitted["visits"]:
        # No visit ledger: the households assigned are known, the coverage is not.
        text = f"{who}共包扶农户{assigned}户"
        if poor:
            text += f"，其中困难户{poor}户"
        return text + "。"
    if assigned and visited == assigned:
        text = f"{who}对所包扶的{assigned}户农户全部走访，走访覆盖率{format_percent(1.0)}"
    elif visited == 0:
        text = f"{who}共包扶农户{assigned}户，本期尚未入户走访"
    else:
        text = f"{who}共包扶农户{assigned}户，走访{visited}户，走访覆盖率{format_percent(fig['coverage_rate'])}"
    if poor:
        if poor_visited == poor:
            text += f"，其中困难户{poor}户，均已走访"
        else:
            text += f"，其中困难户{poor}户，已走访{poor_visited}户"
    if f.is_county:
        text += _coverage_ranking(f)
    return text + "。"


def _coverage_ranking(f: Facts) -> str:
    """``；黄坑乡、龙口镇等5个乡镇实现全面走访，覆盖率最低的是车头镇（60.0%）``."""
    rows = [r for r in f.township_rows if r["households_assigned"] and r["coverage_rate"] is not None]
    if len(rows) < 2:
        return ""
    full = [r["township"] for r in rows if r["households_visited"] == r["households_assigned"]]
    parts = []
    if len(full) == len(rows):
        return f"，{len(rows)}个乡镇均实现全面走访"
    if full:
        parts.append(f"{_names(full)}实现全面走访" if len(full) > 1 else f"{full[0]}实现全面走访")
    else:
        best_rate = max(r["coverage_rate"] for r in rows)
        best = sorted(r["township"] for r in rows if r["coverage_rate"] == best_rate)
        parts.append(f"走访覆盖率最高的是{_names(best)}（{format_percent(best_rate)}）")
    worst_rate = min(r["coverage_rate"] for r in rows)
    worst = sorted(r["township"] for r in rows if r["coverage_rate"] == worst_rate)
    parts.append(f"覆盖率最低的是{_names(worst)}（{format_percent(worst_rate)}）")
    return "；" + "，".join(parts)


def _funds(f: Facts) -> str:
    if not f.submitted["funds"]:
        return ""
    total = float(f.figures["funds_raised_yuan"])
    if f.funds_records == 0 or total == 0:
        return "本期未筹集资金。"
    text = f"{'全县' if f.is_county else ''}共筹集资金{format_wan(total, f.funds_qualifier)}"
    if len(f.purposes) == 1 and not f.unnamed_funds:
        text += f"，全部用于{f.purposes[0][0]}"
    elif f.purposes:
        text += "，其中" + "、".join(f"{name}{format_wan(yuan, q)}" for name, yuan, q in f.purposes)
    if f.is_county:
        rows = [r for r in f.township_rows if r["funds_raised_yuan"] > 0]
        if len(rows) >= 2:
            top = max(rows, key=lambda r: (r["funds_raised_yuan"], r["township"]))
            ties = [r for r in rows if r["funds_raised_yuan"] == top["funds_raised_yuan"]]
            if len(ties) == 1:
                text += f"；{top['township']}筹资最多（{format_wan(top['funds_raised_yuan'], top['funds_qualifier'])}）"
    return text + "。"


def _disputes(f: Facts) -> str:
    if not f.submitted["disputes"]:
        return ""
    d = f.disputes
    total, resolved = int(d["disputes_total"]), int(d["disputes_resolved"])
    if total == 0:
        return "本期未受理矛盾纠纷。"
    text = f"{'全县' if f.is_county else ''}受理矛盾纠纷{total}起"
    ranked = sorted(f.dispute_types.items(), key=lambda kv: -kv[1])
    if total >= 2 and ranked:
        top_type, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        label = VALUE_LABELS["dispute_type"][top_type]
        if top == total and top_type != "other":
            text += f"，均为{label}"
        elif top_type != "other" and top > second and top / total >= DOMINANT_SHARE:
            text += f"，以{label}为主（{top}起）"
    text += f"，调处成功{resolved}起，调处成功率{format_percent(resolved / total)}"
    # 小事不出组，大事不出村: figures counts a dispute settled locally when resolved at group or village level.
    local = int(d["settled_locally"])
    if local:
        text += f"，其中在组、村两级化解{local}起"
        if local / total >= LOCAL_SLOGAN_SHARE:
            text += f"，基本做到{LOCAL_SLOGAN}"
    if d["legal_aid"]:
        text += f"；为{int(d['legal_aid'])}起纠纷的当事人提供法律帮助"
    if f.dispute_pending:
        text += f"；另有{f.dispute_pending}起正在调处"
    return text + "。"


def _farmland(f: Facts) -> str:
    if not f.submitted["projects"]:
        return ""
    if f.projects == 0:
        return "本期无完工的办实事项目。"
    text = f"{'全县' if f.is_county else ''}实施办实事项目{f.projects}个"
    if f.investment_yuan > 0:
        text += f"，总投资{format_wan(f.investment_yuan)}"
    farmland = float(f.figures["farmland_benefited_mu"])
    text += f"，受益农田{format_mu(farmland)}" if farmland > 0 else "，本期项目无受益农田记录"
    if f.households_benefited:
        text += f"，惠及农户{f.households_benefited}户"
    return text + "。"


def sentences_from_facts(facts: Facts) -> dict[str, str]:
    """:func:`section_sentences` for facts already gathered (the brief reuses them)."""
    return {
        "overview": _overview(facts),
        "coverage": _coverage(facts),
        "funds": _funds(facts),
        "disputes": _disputes(facts),
        "farmland": _farmland(facts),
    }


def section_sentences(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> dict[str, str]:
    """One or two sentences per report section: overview, coverage, funds, disputes, farmland.

    The period and the place are named once, in ``overview``; the other
    sentences read on under it. A section whose ledger the township did not
    submit is ``""``.

    >>> section_sentences(frames, "黄坑乡", "2011-01-01", "2011-12-31")["disputes"]
    '受理矛盾纠纷38起，以山林纠纷为主（21起），调处成功35起，调处成功率92.1%，其中在组、村两级化解30起；为20起纠纷的当事人提供法律帮助；另有3起正在调处。'
    """
    return sentences_from_facts(narrative_facts(frames, township, start, end))


def narrative_from_facts(facts: Facts) -> str:
    return "".join(sentences_from_facts(facts).values())


def township_narrative(
    frames: Frames, township: str | None = None, start: DateLike = None, end: DateLike = None
) -> str:
    """The paragraph of a year-end summary (工作总结) for a township, or (None) the whole county.

    >>> township_narrative(frames, "黄坑乡", "2011-01-01", "2011-12-31").split("。")[:2]
    ['2011年，黄坑乡“三送”工作组深入1个村开展“送政策、送温暖、送服务”活动，累计入户走访100次', '工作组对所包扶的100户农户全部走访，走访覆盖率100.0%，其中困难户20户，均已走访']
    """
    return narrative_from_facts(narrative_facts(frames, township, start, end))


__all__ = [
    "COUNTY_PLACE",
    "SECTION_KEYS",
    "Facts",
    "narrative_facts",
    "narrative_from_facts",
    "period_phrase",
    "record_dates",
    "section_sentences",
    "sentences_from_facts",
    "township_narrative",
]

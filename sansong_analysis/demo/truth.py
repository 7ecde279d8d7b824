"""The true figures of a demo county, computed from its records alone.

The definitions are docs/contract.md §5's: a cleaner that reads the demo's
raw files correctly and a metrics step that follows the contract must
arrive at exactly these numbers. Sums are taken in ``Decimal`` so the floats
written are the rounded exact values, not an accident of float addition.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sansong_analysis.demo.county import LEDGER_NAMES, County

GENERATOR = "sansong demo-data"
PERIODS = ((dt.date(2011, 4, 1), dt.date(2011, 9, 30)), (dt.date(2011, 1, 1), dt.date(2011, 3, 31)))

FIGURE_KEYS = (
    "households_assigned", "households_visited", "coverage_rate", "poor_households_assigned",
    "poor_households_visited", "visits", "funds_raised_yuan", "disputes_total", "disputes_resolved",
    "resolution_rate", "farmland_benefited_mu",
)
DISPUTE_TYPES = ("forest", "neighbour", "land", "family", "other")
DISPUTE_OUTCOMES = ("resolved", "unresolved", "referred", "pending")
DISPUTE_LEVELS = ("group", "village", "township")

_CENT = Decimal("0.01")
_TEN_THOUSANDTH = Decimal("0.0001")


def _in_period(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    """Bounds inclusive; an undated record belongs to no period, only to the whole (no period given)."""
    if start is None and end is None:
        return True
    if day is None:
        return False
    return (start is None or day >= start) and (end is None or day <= end)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _finish(row: dict) -> dict:
    """Rates from counts, money and area as rounded floats, keys in the contract's order."""
    out = {
        "households_assigned": row["households_assigned"],
        "households_visited": row["households_visited"],
        "coverage_rate": _ratio(row["households_visited"], row["households_assigned"]),
        "poor_households_assigned": row["poor_households_assigned"],
        "poor_households_visited": row["poor_households_visited"],
        "visits": row["visits"],
        "funds_raised_yuan": float(row["funds_raised_yuan"].quantize(_CENT)),
        "disputes_total": row["disputes_total"],
        "disputes_resolved": row["disputes_resolved"],
        "resolution_rate": _ratio(row["disputes_resolved"], row["disputes_total"]),
        "farmland_benefited_mu": float(row["farmland_benefited_mu"].quantize(_TEN_THOUSANDTH)),
    }
    return out


def _empty_row() -> dict:
    row: dict = {key: 0 for key in FIGURE_KEYS}
    row["funds_raised_yuan"] = Decimal(0)
    row["farmland_benefited_mu"] = Decimal(0)
    return row


def figures(county: County, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """docs/contract.md §5's document for ``county`` over ``[start, end]`` (None, None: the whole year).

    >>> from sansong_analysis.demo.county import build_county
    >>> doc = figures(build_county(2, seed=3))
    >>> doc["period"], len(doc["townships"])
    ({'start': None, 'end': None}, 2)
    """
    rows = {t.name: _empty_row() for t in county.townships}
    visited: set[int] = set()
    for visit in county.visits:
        if not _in_period(visit.date, start, end):
            continue
        rows[visit.township]["visits"] += 1
        if visit.household is not None:
            visited.add(visit.household)
    for h in county.households:
        row = rows[h.township]
        row["households_assigned"] += 1
        row["poor_households_assigned"] += h.is_poor
        if h.hid in visited:
            row["households_visited"] += 1
            row["poor_households_visited"] += h.is_poor
    for fund in county.funds:
        if _in_period(fund.date, start, end):
            rows[fund.township]["funds_raised_yuan"] += fund.amount_yuan
    for dispute in county.disputes:
        if _in_period(dispute.received_date, start, end):
            rows[dispute.township]["disputes_total"] += 1
            rows[dispute.township]["disputes_resolved"] += dispute.outcome == "resolved"
    for project in county.projects:
        if _in_period(project.completed_date, start, end) and project.farmland_mu is not None:
            rows[project.township]["farmland_benefited_mu"] += project.farmland_mu

    total = _empty_row()
    for row in rows.values():
        for key in FIGURE_KEYS:
            total[key] += row[key]
    townships = [{"township": name, **_finish(rows[name])} for name in sorted(rows)]
    return {
        "period": {"start": start and start.isoformat(), "end": end and end.isoformat()},
        "townships": townships,
        "county": _finish(total),
    }


def breakdowns(county: County) -> dict:
    """Per township, the whole year: households by village, funds by purpose, disputes by kind, farmland by project."""
    out: dict[str, dict] = {}
    visited = {v.household for v in county.visits if v.household is not None}
    for township in sorted(county.townships, key=lambda t: t.name):
        villages = {v.name: {"households_assigned": 0, "households_visited": 0} for v in township.villages}
        for h in county.households:
            if h.township == township.name:
                villages[h.village]["households_assigned"] += 1
                villages[h.village]["households_visited"] += h.hid in visited
        by_purpose: dict[str, Decimal] = {}
        for fund in county.funds:
            if fund.township == township.name:
                by_purpose[fund.purpose] = by_purpose.get(fund.purpose, Decimal(0)) + fund.amount_yuan
        disputes = [d for d in county.disputes if d.township == township.name]
        farmland: dict[str, Decimal] = {}
        for project in county.projects:
            if project.township == township.name:
                farmland[project.name] = farmland.get(project.name, Decimal(0)) + (project.farmland_mu or 0)
        out[township.name] = {
            "villages": villages,
            "funds_by_purpose": {k: float(v.quantize(_CENT)) for k, v in sorted(by_purpose.items())},
            "disputes_by_type": {k: sum(d.dispute_type == k for d in disputes) for k in DISPUTE_TYPES},
            "disputes_by_outcome": {k: sum(d.outcome == k for d in disputes) for k in DISPUTE_OUTCOMES},
            "disputes_by_level": {k: sum(d.level == k for d in disputes) for k in DISPUTE_LEVELS},
            "farmland_by_project": {k: float(Decimal(v).quantize(_TEN_THOUSANDTH)) for k, v in farmland.items()},
        }
    return out


def compute_truth(county: County) -> dict:
    """The ground-truth document of a demo county (``truth.json``), from its records only.

    Holds the contract's figures for the whole year and for two periods, the
    rejects and duplicates a correct cleaner must report, record counts,
    per-township breakdowns and every planted ID-card and phone number.
    """
    rejects = {ledger: 0 for ledger in LEDGER_NAMES}
    for bad in county.bad_rows:
        rejects[bad.ledger] += 1
    return {
        "generator": GENERATOR,
        "seed": county.seed,
        "townships_n": len(county.townships),
        "figures": figures(county),
        "period_figures": [figures(county, start, end) for start, end in PERIODS],
        "rejects_expected": len(county.bad_rows),
        "rejects_by_ledger": rejects,
        "duplicates_expected": {"visits": len(county.duplicate_visits)},
        "records": {
            "roster": len(county.households),
            "visits": len(county.visits),
            "funds": len(county.funds),
            "projects": len(county.projects),
            "disputes": len(county.disputes),
        },
        "breakdowns": breakdowns(county),
        "pii": {"id_numbers": county.planted_ids(), "phones": county.planted_phones()},
    }

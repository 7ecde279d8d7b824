"""Cell -> typed value: the parsers every ledger column goes through.

A cell arrives as python-calamine or the csv reader gives it (None, str, int,
float, bool, date, datetime, time, timedelta, NaN, a pandas NA/NaT/Timestamp)
and leaves as a Python value, ``None`` for an empty cell, or a
``ValueProblem`` whose message an analyst can read. ``ledgers.Field.kind``
names the parser (``PARSERS[kind]``). Nothing here knows about sheets, rows
or pandas; every function is pure, so callers parse the distinct values of a
column once and map them back.

Rules shared by all parsers:

- full-width digits, letters and punctuation are folded (NFKC) first;
  surrounding and inner whitespace (ASCII, ``\\u3000``, ``\\xa0``, zero-width)
  never changes a value;
- ``—``, ``-``, ``/``, ``无``, ``N/A`` … mean empty (``EMPTY_MARKERS``);
- nothing is guessed: a value that does not read cleanly raises
  ``ValueProblem`` quoting it, with any run of 11+ digits (a phone or ID
  number) replaced by ``[号码已隐去]``.
"""


from __future__ import annotations

from collections.abc import Callable

from sansong_analysis.ingest.pii import REDACTED
from sansong_analysis.ingest.values.codes import (
    OUTSIDE_LEVELS,
    parse_bool,
    parse_dispute_type,
    parse_group,
    parse_level,
    parse_outcome,
    parse_poor,
    parse_visit_kind,
    poor_category,
)
from sansong_analysis.ingest.values.dates import (
    MONTH_NUMBER,
    NOT_COMPLETED,
    date_with_year,
    done_undated,
    has_short_year,
    parse_date,
    parse_date_or_month,
)
from sansong_analysis.ingest.values.measures import (
    households_part,
    in_kind,
    parse_amount,
    parse_area_mu,
    parse_count,
    parse_length_m,
    relief_text,
    side_answer,
)
from sansong_analysis.ingest.values.numerals import chinese_number
from sansong_analysis.ingest.values.text import (
    EMPTY_MARKERS,
    ValueProblem,
    clean_text,
    group_alone,
    group_in_household,
    group_in_place,
    is_empty,
    looks_like_person,
    parse_cadre,
    parse_household,
    parse_name,
    parse_place,
    redact_numbers,
    village_in_household,
)

__all__ = [
    "EMPTY_MARKERS",
    "MONTH_NUMBER",
    "NOT_COMPLETED",
    "OUTSIDE_LEVELS",
    "PARSERS",
    "REDACTED",
    "ValueProblem",
    "chinese_number",
    "clean_text",
    "date_with_year",
    "done_undated",
    "has_short_year",
    "group_alone",
    "group_in_household",
    "group_in_place",
    "households_part",
    "in_kind",
    "is_empty",
    "looks_like_person",
    "parse_amount",
    "parse_area_mu",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_date_or_month",
    "parse_dispute_type",
    "parse_group",
    "parse_length_m",
    "parse_level",
    "parse_household",
    "parse_cadre",
    "parse_name",
    "parse_outcome",
    "parse_place",
    "parse_poor",
    "parse_visit_kind",
    "poor_category",
    "redact_numbers",
    "side_answer",
    "relief_text",
    "village_in_household",
]



# --------------------------------------------------------------------------- registry

PARSERS: dict[str, Callable[..., object]] = {
    "date": parse_date,
    "date_or_month": parse_date_or_month,
    "amount": parse_amount,
    "area": parse_area_mu,
    "length": parse_length_m,
    "count": parse_count,
    "bool": parse_bool,
    "poor": parse_poor,
    "name": parse_cadre,
    "household": parse_household,
    "place": parse_place,
    "group": parse_group,
    "text": clean_text,
    "dispute_type": parse_dispute_type,
    "level": parse_level,
    "outcome": parse_outcome,
    "visit_kind": parse_visit_kind,
}

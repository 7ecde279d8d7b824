"""The wording of every figure: half-up rounding, money with its qualifier, areas, counts, table cells, periods.

Every expected string is written out: a test that built it with the function
under test could not catch 81.3% turning into 81.2%.
"""

from __future__ import annotations

from datetime import date

import pytest

from sansong_analysis.wording import (
    combined_qualifier,
    figure_cell_value,
    figure_heading,
    figure_number_format,
    figure_phrase,
    figure_text,
    format_count,
    format_mu,
    format_mu_number,
    format_number,
    format_percent,
    format_wan,
    format_wan_number,
    money_parts,
    period_statement,
    period_title,
    years_phrase,
)

# --------------------------------------------------------------------------- money, rates, areas


@pytest.mark.parametrize(("yuan", "qualifier", "expected"), [
    (225000, "at_least", "22.5万余元"),
    (200000, "at_least", "20万余元"),  # 20余万元 in the ledger: never 205000, never 20.5
    (11000, "at_least", "1.1万余元"),
    (11000, "exact", "1.1万元"),
    (12500, "exact", "1.25万元"),
    (10000, "nearly", "近1万元"),
    (4000, "exact", "4000元"),
    (4000, "at_least", "4000余元"),
    (3000, "about", "约3000元"),
    (300000, "about", "约30万元"),
    # Round half up to two decimals of 万 (the hundred yuan) ...
    (224999, "exact", "22.5万元"),
    (224949, "exact", "22.49万元"),
    (224950, "exact", "22.5万元"),
    (225000, "exact", "22.5万元"),
    (1234567.89, "exact", "123.46万元"),
    (123456789, "exact", "12345.68万元"),
    # ... and below 1万 to the yuan, switching to 万 when the rounded yuan reaches 10000.
    (1234.567, "exact", "1235元"),
    (9999.4, "exact", "9999元"),
    (9999.5, "exact", "1万元"),
    (0.4, "exact", "0.4元"),
    (0, "exact", "0元"),
    (4000, None, "4000元"),
])
def test_format_wan(yuan, qualifier, expected):
    assert format_wan(yuan, qualifier) == expected


def test_money_parts_split_prefix_number_unit():
    assert money_parts(225000, "at_least") == ("", "22.5", "万余元")
    assert money_parts(10000, "nearly") == ("近", "1", "万元")
    assert money_parts(3000, "about") == ("约", "3000", "元")
    assert money_parts(float("nan")) == ("", "—", "")


@pytest.mark.parametrize(("qualifiers", "expected"), [
    ([], "exact"),
    (["exact", "exact"], "exact"),
    ([None, "exact"], "exact"),
    (["exact", "at_least"], "at_least"),
    (["at_least", "at_least"], "at_least"),
    (["exact", "nearly"], "nearly"),
    (["about", None], "about"),
    (["at_least", "nearly"], "about"),
    (["at_least", "about", "exact"], "about"),
    (["nearly", "about"], "about"),
    (["sort-of"], "about"),  # an unknown qualifier is not taken as exact
])
def test_combined_qualifier(qualifiers, expected):
    assert combined_qualifier(qualifiers) == expected


@pytest.mark.parametrize(("rate", "expected"), [
    (35 / 38, "92.1%"),
    (1.0, "100.0%"),
    (0.0, "0.0%"),
    (2 / 3, "66.7%"),
    (1 / 16, "6.3%"),  # 6.25: half up, as a reader checking by hand rounds
    (0.9995, "100.0%"),
    (None, "—"),
    (float("nan"), "—"),
])
def test_format_percent(rate, expected):
    assert format_percent(rate) == expected


@pytest.mark.parametrize(("mu", "expected"), [
    (680.0, "680亩"),
    (680, "680亩"),
    (12.34567, "12.3亩"),
    (12.25, "12.3亩"),
    (210.5, "210.5亩"),
    (0.96, "1亩"),
    (0.04, "不足0.1亩"),
    (0.0, "0亩"),
])
def test_format_mu(mu, expected):
    assert format_mu(mu) == expected


# --------------------------------------------------------------------------- half up where plain formatting is not

# Each of these rounds the other way with Python's own formatting (half to even on the binary value).
@pytest.mark.parametrize(("value", "python_says", "expected"), [
    (13 / 16, f"{13 / 16:.1%}", "81.3%"),
    (0.0125, f"{0.0125:.1%}", "1.3%"),
    (0.1235, f"{0.1235:.1%}", "12.4%"),  # 0.1235 as written, though its binary value is a hair below
])
def test_percent_rounds_half_up_where_python_does_not(value, python_says, expected):
    assert python_says != expected  # the case is a real one
    assert format_percent(value) == expected


@pytest.mark.parametrize(("yuan", "expected"), [
    (224950.0, "22.5"),  # 22.495 万: f"{x:.2f}" gives 22.49
    (225000.0, "22.5"),
    (224949.0, "22.49"),
    (4000.0, "0.4"),
    (10000.0, "1"),
    (12345678.0, "1234.57"),
    (0.0, "0"),
    (None, "—"),
    (float("nan"), "—"),
])
def test_format_wan_number(yuan, expected):
    assert format_wan_number(yuan) == expected


@pytest.mark.parametrize(("mu", "expected"), [
    (12.25, "12.3"),  # f"{12.25:.1f}" gives 12.2
    (680.0, "680"),
    (0.04, "不足0.1"),
    (0.0, "0"),
    (None, "—"),
])
def test_format_mu_number(mu, expected):
    assert format_mu_number(mu) == expected


@pytest.mark.parametrize(("value", "places", "expected"), [
    (0.125, 2, "0.13"), (2.5, 0, "3"), (1.05, 1, "1.1"), (40.0, 2, "40"), (0.25, 2, "0.25"), (-0.5, 0, "-1"),
])
def test_format_number(value, places, expected):
    assert format_number(value, places) == expected


@pytest.mark.parametrize(("count", "unit", "expected"), [
    (38, "起", "38起"), (100.0, "户", "100户"), (2.5, "户", "3户"), (0, "次", "0次"), (None, "户", "—"), (7, "", "7"),
])
def test_format_count(count, unit, expected):
    assert format_count(count, unit) == expected


# --------------------------------------------------------------------------- the §5 figures in tables and spreadsheets


@pytest.mark.parametrize(("name", "heading"), [
    ("households_assigned", "包扶户数"),
    ("coverage_rate", "走访覆盖率"),
    ("funds_raised_yuan", "筹资金额（万元）"),
    ("farmland_benefited_mu", "受益农田（亩）"),
    ("resolution_rate", "调处成功率"),
])
def test_figure_heading_comes_from_the_ledger_labels_with_the_display_unit(name, heading):
    assert figure_heading(name) == heading


@pytest.mark.parametrize(("name", "value", "text", "phrase", "cell", "excel_format"), [
    ("coverage_rate", 13 / 16, "81.3%", "81.3%", 0.813, "0.0%"),
    ("resolution_rate", 1.0, "100.0%", "100.0%", 1.0, "0.0%"),
    ("resolution_rate", None, "—", "—", None, "0.0%"),
    ("funds_raised_yuan", 224950.0, "22.5", "22.5万元", 22.5, "General"),
    ("funds_raised_yuan", 4000.0, "0.4", "4000元", 0.4, "General"),
    ("farmland_benefited_mu", 12.25, "12.3", "12.3亩", 12.3, "General"),
    ("farmland_benefited_mu", 0.04, "不足0.1", "不足0.1亩", 0.04, "General"),
    ("households_visited", 13, "13", "13户", 13, "0"),
    ("visits", 100, "100", "100次", 100, "0"),
    ("disputes_total", 38, "38", "38起", 38, "0"),
])
def test_figure_as_text_phrase_and_spreadsheet_cell(name, value, text, phrase, cell, excel_format):
    assert figure_text(name, value) == text
    assert figure_phrase(name, value) == phrase
    assert figure_cell_value(name, value) == cell
    assert figure_number_format(name) == excel_format


def test_money_phrase_keeps_its_qualifier():
    assert figure_phrase("funds_raised_yuan", 225000.0, "at_least") == "22.5万余元"
    assert figure_phrase("funds_raised_yuan", 10000.0, "nearly") == "近1万元"


# --------------------------------------------------------------------------- dates and periods


@pytest.mark.parametrize(("start", "end", "title", "statement"), [
    (date(2011, 1, 1), date(2011, 12, 31), "2011年", "2011年1月1日至12月31日"),
    (date(2011, 1, 1), date(2011, 9, 30), "2011年1-9月", "2011年1月1日至9月30日"),
    (date(2010, 10, 1), date(2011, 3, 31), "2010年10月-2011年3月", "2010年10月1日至2011年3月31日"),
    (date(2011, 3, 5), date(2011, 9, 30), "2011年3月5日-9月30日", "2011年3月5日至9月30日"),
    (date(2010, 1, 1), date(2011, 12, 31), "2010-2011年", "2010年1月1日至2011年12月31日"),
    (date(2011, 3, 1), None, "2011年3月以来", "2011年3月1日以来"),
    (None, date(2011, 9, 30), "截至2011年9月30日", "截至2011年9月30日"),
    (None, None, "", "台账全部记录"),
])
def test_period_title_and_statement(start, end, title, statement):
    assert period_title(start, end) == title
    assert period_statement(start, end) == statement


def test_period_statement_names_the_records_span_when_no_period_is_given():
    assert period_statement(None, None, date(2011, 1, 3), date(2012, 2, 5)) == "台账全部记录（2011年1月3日至2012年2月5日）"
    # A period given wins over the records' span.
    assert period_statement(date(2011, 1, 1), None, date(2010, 1, 3), date(2012, 2, 5)) == "2011年1月1日以来"


def test_years_phrase():
    assert (years_phrase(2011, 2011), years_phrase(2010, 2011), years_phrase(2010, 2011, "-")) == (
        "2011年", "2010年至2011年", "2010-2011年")

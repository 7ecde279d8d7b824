"""Personal numbers, precisely: mobiles, ID cards and landlines go; dates, timestamps, amounts and counts stay.

The property test writes text as offices do — names, amounts with units, dates, export timestamps,
counts and personal numbers in every separator style, joined by Chinese punctuation — and requires
``redact`` to return exactly the same text with each personal number (and nothing else) replaced.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sansong_analysis.ingest.pii import REDACTED, cell_text, contains_pii, redact, redact_name

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王长贵（8123457）", f"王长贵（{REDACTED}）"),
        ("0797-8123457", REDACTED),
        ("（0797）8123457", REDACTED),
        ("(010)87654321", REDACTED),
        ("0797 8123457", REDACTED),
        ("81087858、81415182", f"{REDACTED}、{REDACTED}"),
        ("8123457/8123458，8123459", f"{REDACTED}/{REDACTED}，{REDACTED}"),
        ("电话13812345678", f"电话{REDACTED}"),
        ("+86 138 1234 5678", REDACTED),
        ("身份证36072119800101123X", f"身份证{REDACTED}"),
        ("老身份证360721800101123", f"老身份证{REDACTED}"),
        ("１３８１２３４５６７８", REDACTED),
        # Not a person's number:
        ("走访导出_20110506093015.xlsx", "走访导出_20110506093015.xlsx"),
        ("duty_20140226161046.xls", "duty_20140226161046.xls"),
        ("2011年5月6日", "2011年5月6日"),
        ("20110305", "20110305"),
        ("投资1200000元", "投资1200000元"),
        ("筹资 8123457 元", "筹资 8123457 元"),
        ("￥8123457", "￥8123457"),
        ("12345678.50", "12345678.50"),
        ("受益8123457户", "受益8123457户"),
        ("王长，0，30000000 户主", f"王长，0，{REDACTED} 户主"),  # 户主 is a word, not 户 the unit
        ("8123457户籍地", f"{REDACTED}户籍地"),
        ("联系8123457人员", f"联系{REDACTED}人员"),
        ("共8123457人", "共8123457人"),
        ("0，王长，30000000 张长", f"0，王长，{REDACTED} 张长"),  # 张 the surname, not 张 the unit
        ("2000000万和王长", "2000000万和王长"),
        ("￥15,000 30000000", f"￥15,000 {REDACTED}"),  # ,000 is the amount's, not an area code
        ("筹资1.0797 8123457", f"筹资1.0797 {REDACTED}"),
        ("印制8123457张", "印制8123457张"),
        ("投资8123457万元", "投资8123457万元"),
        ("投资8123457万", "投资8123457万"),
        ("1391234567", "1391234567"),  # ten digits
        ("第3组12户", "第3组12户"),
    ],
)
def test_redact_table(text, expected):
    assert redact(text) == expected


def test_a_number_cell_is_a_quantity_but_a_mobile_or_id_in_one_still_goes():
    assert cell_text(8123457.0) == "8123457"  # an amount typed as a number
    assert cell_text(2_500_000) == "2500000"
    assert cell_text(13812345678.0) == REDACTED
    assert cell_text(360721199912310017.0) == REDACTED
    assert cell_text("8123457") == REDACTED  # typed as text: a landline as offices write them
    assert cell_text(dt.datetime(2011, 5, 6, 9, 30, 15)) == "2011-05-06 09:30:15"


def test_a_redacted_name_keeps_two_files_apart_and_is_stable():
    a, b = redact_name("李明13812345678.xlsx"), redact_name("李明13812345679.xlsx")
    assert a != b and a == redact_name("李明13812345678.xlsx")
    assert "13812345678" not in a and a.startswith("李明[号码已隐去·") and a.endswith("].xlsx")
    assert not contains_pii(a)
    assert redact_name("走访导出_20110506093015.xlsx") == "走访导出_20110506093015.xlsx"


# --------------------------------------------------------------------------- the property

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "长贵明华建国秀英红梅小平志强玉兰海涛春生金山"
PROVINCES = ["11", "13", "21", "32", "36", "37", "44", "51", "62"]


@st.composite
def names(draw):
    return draw(st.sampled_from(SURNAMES)) + "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2)))


@st.composite
def dates(draw):
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    style = draw(st.sampled_from(["%Y%m%d", "%Y年%-m月%-d日", "%Y-%m-%d", "%Y/%-m/%-d", "%Y.%-m.%-d", "%Y年%m月%d日"]))
    text = day.strftime(style)
    return text.translate(FULL_WIDTH) if draw(st.booleans()) and "年" in text else text


@st.composite
def timestamps(draw):
    moment = draw(st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2030, 12, 31)))
    return moment.strftime(draw(st.sampled_from(["%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y-%m-%d %H:%M:%S"])))


@st.composite
def amounts(draw):
    value = draw(st.integers(0, 99_999_999))
    unit = draw(st.sampled_from(["元", " 元", "万元", "万", "亩", "户", "人", "米", "公顷", "个", "次"]))
    style = draw(st.sampled_from(["plain", "grouped", "decimal", "currency"]))
    if style == "grouped":
        return f"{value:,}{unit}"
    if style == "decimal":
        return f"{value}.{draw(st.integers(0, 99)):02d}" + draw(st.sampled_from(["", "元"]))
    if style == "currency":
        return draw(st.sampled_from(["￥", "¥", "RMB"])) + f"{value:,}" + draw(st.sampled_from(["", ".00"]))
    return f"{value}{unit}"


counts = st.integers(0, 99_999).map(str)


@st.composite
def mobiles(draw):
    digits = "1" + draw(st.sampled_from("3456789")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    sep = draw(st.sampled_from(["", "-", " "]))
    text = f"{digits[:3]}{sep}{digits[3:7]}{sep}{digits[7:]}"
    if draw(st.booleans()):
        text = draw(st.sampled_from(["+86", "86", "+86 ", "86-"])) + text
    return text.translate(FULL_WIDTH) if draw(st.booleans()) else text


@st.composite
def id_cards(draw):
    area = draw(st.sampled_from(PROVINCES)) + f"{draw(st.integers(0, 9999)):04d}"
    born = draw(st.dates(dt.date(1930, 1, 1), dt.date(2010, 12, 31)))
    serial = f"{draw(st.integers(0, 999)):03d}"
    if draw(st.booleans()):  # the 15-digit card of before 1999
        return area + born.strftime("%y%m%d") + serial
    check = draw(st.sampled_from("0123456789X"))
    sep = draw(st.sampled_from(["", " "]))
    return f"{area}{sep}{born:%Y%m%d}{sep}{serial}{check}"


@st.composite
def landlines(draw):
    def local():
        if draw(st.booleans()):
            return draw(st.sampled_from("23456789")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=6, max_size=6)))
        # An eight-digit number that is also a date (20110305) reads as the date: offices' local numbers
        # of eight digits start 3–8 where this county is.
        return draw(st.sampled_from("345678")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=7, max_size=7)))

    area = draw(st.sampled_from(["", "0797", "010", "0791", "020"]))
    if area:
        style = draw(st.sampled_from(["{a}-{n}", "{a} {n}", "({a}){n}", "（{a}）{n}", "{a}{n}"]))
        return style.format(a=area, n=local())
    joiner = draw(st.sampled_from(["、", "，", "/"]))
    return joiner.join(local() for _ in range(draw(st.integers(1, 3))))


personal = st.one_of(mobiles(), id_cards(), landlines())
other = st.one_of(names(), dates(), timestamps(), amounts(), counts, st.sampled_from(["走访", "已调处", "组", "户主"]))
SEPARATORS = ["，", "、", "；", "：", "（", "）", " ", "和", "\n", "。"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.booleans(), personal, other), min_size=1, max_size=6), st.lists(st.sampled_from(SEPARATORS), min_size=6, max_size=6))
def test_every_personal_number_goes_and_nothing_else(parts, seps):
    tokens = [(True, p) if is_personal else (False, o) for is_personal, p, o in parts]
    text, expected = "", ""
    for i, (is_personal, token) in enumerate(tokens):
        sep = seps[i] if i else ""
        text += sep + token
        if is_personal:
            # A list of landlines is one token: each number in it goes, its joiners stay.
            expected += sep + (REDACTED if not any(j in token for j in "、，/") else
                               "".join(REDACTED if ch.isdigit() and (k == 0 or not token[k - 1].isdigit()) else
                                       ("" if ch.isdigit() else ch) for k, ch in enumerate(token)))
        else:
            expected += sep + token
    assert redact(text) == expected, text


# --------------------------------------------------------------------------- through the clean


def test_clean_keeps_no_landline_or_label_number_and_tells_files_apart(tmp_path):
    from test_clean_sheets import write_xlsx

    from sansong_analysis.ingest.clean import clean

    visits = [
        ["乡镇", "村", "被走访户主13812345678", "走访日期", "走访干部", "备注"],
        ["黄坑乡", "新屋村", "王长贵", "2011-03-05", "李明", "王长贵（8123457），0797-8123457"],
        ["黄坑乡", "新屋村", "赵四", "2011-02-30", "李明", "81087858、81415182 投资1200000元"],  # a reject
    ]
    raw = tmp_path / "raw"
    write_xlsx(raw / "台账_13912345678.xlsx", {"走访": visits})
    write_xlsx(raw / "台账_13912345679.xlsx", {"走访": visits})
    write_xlsx(raw / "走访导出_20110506093015.xlsx", {"走访": visits})
    result = clean(raw, jobs=1)
    rejects = result.frames["rejects"]
    assert len(rejects) == 3, rejects
    kept = "\n".join(rejects["raw_cells"]) + "\n" + str(result.summary())
    for number in ("13812345678", "13912345678", "13912345679", "8123457", "81087858", "81415182"):
        assert number not in kept, number
    assert "被走访户主[号码已隐去]=赵四" in kept  # the label's number went, the label did not
    assert "投资1200000元" in kept and "2011-02-30" in kept
    names = sorted(set(rejects["source_file"]))
    assert len(names) == 3 and "走访导出_20110506093015.xlsx" in names, names


def test_an_id_cards_check_digit_is_no_mask():
    """Found by the property above: a count, a space, then an ID ending in X — the count stays."""
    assert redact("0 11000020000101000X 0元") == f"0 {REDACTED} 0元"
    assert redact("身份证 360721********123X") == f"身份证 {REDACTED}"  # masked by the office: still goes


@pytest.mark.parametrize("masked", ["1381234xxxx", "138-xxxx-5678", "138xxxx5678", "138****5678", "360721********123X"])
def test_numbers_an_office_masked_go(masked):
    assert redact(f"联系人{masked}") == f"联系人{REDACTED}"


def test_redacting_twice_changes_nothing_where_decimals_were_hidden():
    """An amount whose long decimals were hidden (3203645.651084475876 → 3203645.[号码已隐去]) is still an
    amount the second time: its integer part is no local landline (found by test_free_text_is_stable)."""
    once = redact("3203645.651084475876")
    assert once == "3203645.[号码已隐去]"
    assert redact(once) == once
    assert redact("8123457.") == "[号码已隐去]."  # a landline at the end of a sentence still goes


def test_redacting_twice_changes_nothing_where_the_digits_before_the_point_were_hidden():
    """411796027411.0000569930: the twelve digits before the point go; the decimals after it are an
    amount's, and stay so the second time — 0000569930 after 「[号码已隐去].」 read as a landline with an
    area code (found by test_free_text_is_stable)."""
    once = redact("411796027411.0000569930")
    assert once == "[号码已隐去].0000569930"
    assert redact(once) == once
    assert redact("[号码已隐去]，0797-8123457") == "[号码已隐去]，[号码已隐去]"  # after a comma, a landline

"""Periods and printed figures to exact dates, values, units and qualifiers, at the edges of each rule."""

from __future__ import annotations

from datetime import date

import pytest

from etl.catalog import load_catalog
from etl.periods import PeriodError, parse_event_date, parse_period, period_text
from etl.units import SI_LETTERS, Parsed, UnitError, cn_numeral, parse_printed

RAW = load_catalog().raw_units


def span(label):
    p = parse_period(label)
    return p.year, p.start, p.end, p.granularity


# -- periods -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025", (2025, date(2025, 1, 1), date(2025, 12, 31), "year")),
        (2025, (2025, date(2025, 1, 1), date(2025, 12, 31), "year")),
        (" 2025 ", (2025, date(2025, 1, 1), date(2025, 12, 31), "year")),
        ("2025H1", (2025, date(2025, 1, 1), date(2025, 6, 30), "half")),
        ("2025H2", (2025, date(2025, 7, 1), date(2025, 12, 31), "half")),
        ("2025Q1", (2025, date(2025, 1, 1), date(2025, 3, 31), "quarter")),
        ("2025Q2", (2025, date(2025, 4, 1), date(2025, 6, 30), "quarter")),
        ("2025Q4", (2025, date(2025, 10, 1), date(2025, 12, 31), "quarter")),
        ("2025Q1-Q3", (2025, date(2025, 1, 1), date(2025, 9, 30), "quarters")),
        ("2025Q2-Q4", (2025, date(2025, 4, 1), date(2025, 12, 31), "quarters")),
        ("2024-02", (2024, date(2024, 2, 1), date(2024, 2, 29), "month")),
        ("2025-02", (2025, date(2025, 2, 1), date(2025, 2, 28), "month")),
        ("2025-01", (2025, date(2025, 1, 1), date(2025, 1, 31), "month")),
        ("2025-12", (2025, date(2025, 12, 1), date(2025, 12, 31), "month")),
        ("2025-12-31", (2025, date(2025, 12, 31), date(2025, 12, 31), "day")),
        ("2025-12-29/2026-01-04", (2026, date(2025, 12, 29), date(2026, 1, 4), "span")),
        ("2026-02-09/2026-02-09", (2026, date(2026, 2, 9), date(2026, 2, 9), "span")),
        ("2025-start", (2025, date(2025, 1, 1), date(2025, 1, 1), "point")),
        ("2025-end", (2025, date(2025, 12, 31), date(2025, 12, 31), "point")),
        ("2025/2033", (2033, date(2025, 1, 1), date(2033, 12, 31), "years")),
        ("1900", (1900, date(1900, 1, 1), date(1900, 12, 31), "year")),
        ("2100", (2100, date(2100, 1, 1), date(2100, 12, 31), "year")),
    ],
)
def test_period_labels_give_exact_years_and_days(label, expected):
    assert span(label) == expected


def test_a_period_keeps_its_label_without_spaces():
    assert parse_period(" 2025H1 ").label == "2025H1"
    assert parse_period(2025).label == "2025"


OUT_1899, OUT_2101 = "year 1899 outside 1900-2100", "year 2101 outside 1900-2100"


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("1899", OUT_1899),
        ("2101", OUT_2101),
        ("2025Q3-Q3", "quarter span '2025Q3-Q3' runs backwards"),
        ("2025Q3-Q1", "quarter span '2025Q3-Q1' runs backwards"),
        ("2025-13", "impossible month '2025-13'"),
        ("2025-00", "impossible month '2025-00'"),
        ("2025-02-30", "impossible date '2025-02-30': day is out of range for month"),
        ("2026-01-04/2025-12-29", "span '2026-01-04/2025-12-29' runs backwards"),
        ("2025/2025", "year span '2025/2025' runs backwards"),
        ("2033/2025", "year span '2033/2025' runs backwards"),
        ("2025H3", "unknown period form '2025H3' (see datasets/README.md)"),
        ("2025-mid", "unknown period form '2025-mid' (see datasets/README.md)"),
        ("", "period must be a text label, got ''"),
        ("  ", "period must be a text label, got '  '"),
        (None, "period must be a text label, got None"),
        (2025.0, "period must be a text label, got 2025.0"),
        ("1899-05", OUT_1899),
        ("2101-01-01", "impossible date '2101-01-01': " + OUT_2101),
        ("1899/2025", OUT_1899),
        ("2025/2101", OUT_2101),
        ("1899-end", OUT_1899),
        ("1899H1", OUT_1899),
        ("1899Q1", OUT_1899),
        ("1899Q1-Q2", OUT_1899),
        ("1899-12-31/2025-01-01", "impossible date '1899-12-31': " + OUT_1899),
    ],
)
def test_impossible_periods_name_the_problem(label, message):
    with pytest.raises(PeriodError) as err:
        parse_period(label)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", (date(2025, 1, 1), "year")),
        (2025, (date(2025, 1, 1), "year")),
        ("2025-1", (date(2025, 1, 1), "month")),
        ("2025-3", (date(2025, 3, 1), "month")),
        ("2025-03", (date(2025, 3, 1), "month")),
        ("2025-12", (date(2025, 12, 1), "month")),
        ("2025-3-5", (date(2025, 3, 5), "day")),
        (" 2025-03-05 ", (date(2025, 3, 5), "day")),
    ],
)
def test_event_dates_give_their_first_day_and_precision(text, expected):
    assert parse_event_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("2025-13", "impossible month '2025-13'"), ("2025-0", "impossible month '2025-0'"), ("1899", OUT_1899),
     ("1899-05", OUT_1899), ("2025-02-30", "impossible date '2025-02-30': day is out of range for month"),
     ("March 2025", "event date 'March 2025' is not YYYY, YYYY-MM or YYYY-MM-DD")],
)
def test_impossible_event_dates_are_rejected(text, message):
    with pytest.raises(PeriodError) as err:
        parse_event_date(text)
    assert str(err.value) == message


# -- Chinese numerals ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("零", 0), ("〇", 0), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("百", 100),
     ("两百", 200), ("一百零五", 105), ("千", 1000), ("一千五百", 1500), ("三千零二十", 3020), ("九", 9)],
)
def test_chinese_numerals(text, value):
    assert cn_numeral(text) == value


@pytest.mark.parametrize("text", ["", "三a", "万", "3"])
def test_not_a_chinese_numeral(text):
    with pytest.raises(UnitError) as err:
        cn_numeral(text)
    assert str(err.value) == f"not a Chinese numeral: {text!r}"


# -- printed figures -------------------------------------------------------------------------------------------------
def p(text, hint=None):
    return parse_printed(text, RAW, hint)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("3909 亿美元", Parsed(3909e8, None, None, "USD", None)),
        ("3909亿美元", Parsed(3909e8, None, None, "USD", None)),
        ("1,000 亿元", Parsed(1e11, None, None, "CNY", None)),
        ("1,234.5 亿元", Parsed(1234.5e8, None, None, "CNY", None)),
        ("30.6%", Parsed(30.6, None, None, "%", None)),
        ("-3.5%", Parsed(-3.5, None, None, "%", None)),
        ("6000余家", Parsed(6000, None, None, "count", ">")),
        ("100多个", Parsed(100, None, None, "count", ">")),
        ("三家", Parsed(3, None, None, "count", None)),
        ("十二个", Parsed(12, None, None, "count", None)),
        ("千亿元", Parsed(1e11, None, None, "CNY", None)),
        ("万亿美元", Parsed(1e12, None, None, "USD", None)),
        ("$1.2 billion", Parsed(1.2e9, None, None, "USD", None)),
        ("$5 bn", Parsed(5e9, None, None, "USD", None)),
        ("$300", Parsed(300, None, None, "USD", None)),
        ("US$300 million", Parsed(3e8, None, None, "USD", None)),
        ("¥50亿", Parsed(5e9, None, None, "CNY", None)),
        ("3 成", Parsed(30, None, None, "%", None)),
        ("60%-80%", Parsed(60, 60, 80, "%", None)),
        ("60-80%", Parsed(60, 60, 80, "%", None)),
        ("60%～80%", Parsed(60, 60, 80, "%", None)),
        ("3000-5000亿元", Parsed(3e11, 3e11, 5e11, "CNY", None)),
        ("3000亿至5000亿元", Parsed(3e11, 3e11, 5e11, "CNY", None)),
        ("5—10 亿美元", Parsed(5e8, 5e8, 1e9, "USD", None)),
        ("5 到 5 个", Parsed(5, 5, 5, "count", None)),
        ("1000余-2000余家", Parsed(1000, 1000, 2000, "count", ">")),
    ],
)
def test_printed_figures_parse_to_exact_values_units_and_qualifiers(printed, expected):
    got = p(printed)
    assert got.unit == expected.unit and got.qualifier == expected.qualifier
    assert got.value == pytest.approx(expected.value)
    assert (got.value_low is None) == (expected.value_low is None)
    if expected.value_low is not None:
        assert (got.value_low, got.value_high) == pytest.approx((expected.value_low, expected.value_high))


@pytest.mark.parametrize(
    ("printed", "hint", "value", "unit"),
    [
        ("1000亿", "Token", 1e11, "tokens"),
        ("800G", "bit/s", 800e9, "bit/s"),
        ("1.6T", "bit/s", 1.6e12, "bit/s"),
        ("128K", "Token", 128e3, "tokens"),
        ("128k", "Token", 128e3, "tokens"),
        ("5", "个", 5, "count"),
        ("3 万", "亿元", 3e12, "CNY"),
        ("2,000G", "bit/s", 2000e9, "bit/s"),
    ],
)
def test_a_unit_given_by_the_claim_completes_the_printed_figure(printed, hint, value, unit):
    got = p(printed, hint)
    assert (got.value, got.unit) == (pytest.approx(value), unit)


def test_si_letters_alone_are_not_a_unit_without_a_hint():
    with pytest.raises(UnitError, match="^unknown unit 'G'$"):
        p("800G")
    assert SI_LETTERS["G"] == 1e9 and SI_LETTERS["T"] == 1e12 and SI_LETTERS["P"] == 1e15 and SI_LETTERS["E"] == 1e18
    assert SI_LETTERS["M"] == 1e6 and SI_LETTERS["K"] == SI_LETTERS["k"] == 1e3


@pytest.mark.parametrize(
    ("printed", "hint", "message"),
    [
        ("", None, "empty figure"),
        ("   ", None, "empty figure"),
        ("元", None, "no number at the start of '元'"),
        ("5 furlongs", None, "unknown unit 'furlongs'"),
        ("80%-60%", None, "range '80%-60%' runs backwards"),
        ("5 亿元-10 亿美元", None, "range ends have different units: ['CNY', 'USD']"),
        ("5 亿美元", "个", "unit '个' given but '5 亿美元' prints 'USD'"),
    ],
)
def test_figures_that_cannot_be_read_say_why(printed, hint, message):
    with pytest.raises(UnitError) as err:
        p(printed, hint)
    assert str(err.value) == message


def test_a_non_text_figure_is_refused():
    with pytest.raises(UnitError, match="^empty figure$"):
        parse_printed(5, RAW)


def test_a_leading_minus_is_a_sign_not_a_range():
    got = p("-5%")
    assert (got.value, got.value_low) == (-5.0, None)


def test_a_range_end_without_its_unit_takes_the_others_factor():
    got = p("2 千—5 千米/小时")  # 2,000 to 5,000 metres an hour, in m/s
    assert got.unit == "m/s"
    assert (got.value_low, got.value_high) == pytest.approx((2000 / 3600, 5000 / 3600))


def test_english_words_keep_their_spaces_and_chinese_loses_them():
    assert p("1.5 trillion 美元").value == pytest.approx(1.5e12)
    assert p("3 9 0 9亿美元").value == pytest.approx(3909e8)


@pytest.mark.parametrize(
    ("printed", "hint", "low", "high", "unit"),
    [
        ("400-800G", "bit/s", 400e9, 800e9, "bit/s"),  # the range shares the printed letter
        ("400G-800G", "bit/s", 400e9, 800e9, "bit/s"),
        ("5亿元-10", None, 5e8, 1e9, "CNY"),  # the end without a unit takes the other's magnitude
        ("-5-10%", None, -5, 10, "%"),  # a leading minus is a sign, the second one separates
        ("三至五家", None, 3, 5, "count"),
        ("$5-$10", None, 5, 10, "USD"),
        ("€5-€10", None, 5, 10, "EUR"),
    ],
)
def test_range_ends_share_unit_and_magnitude(printed, hint, low, high, unit):
    got = p(printed, hint)
    assert (got.value_low, got.value_high, got.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert got.value == got.value_low


@pytest.mark.parametrize(
    ("printed", "message"),
    [("5亿元-", "unknown unit '元-'"), ("5-X", "unknown unit '-X'"), ("3909 亿美\u3000元", None)],
)
def test_a_dash_not_followed_by_a_number_is_not_a_range(printed, message):
    if message is None:  # a full-width space inside the unit is whitespace like any other
        assert p(printed).value == pytest.approx(3909e8)
        return
    with pytest.raises(UnitError) as err:
        p(printed)
    assert str(err.value) == message


def test_more_than_before_a_magnitude():
    got = p("1000余万元")
    assert (got.value, got.unit, got.qualifier) == (pytest.approx(1e7), "CNY", ">")


def test_a_unit_given_with_spaces_is_read_without_them():
    got = p("2", "美元/百万 Token")
    assert (got.value, got.unit) == (2, "USD/Mtok")


def test_an_si_letter_after_a_chinese_magnitude_is_not_read_as_a_magnitude():
    with pytest.raises(UnitError) as err:  # a UnitError the loader reports, never a crash
        p("5万K", "Token")
    assert str(err.value) == "unknown unit 'K'"


# -- period_text: a period as a reader says it ---------------------------------------------------------------------
@pytest.mark.parametrize(("label", "zh", "en"), [
    ("2025", "2025 年", "2025"),
    ("2025H1", "2025 年上半年", "H1 2025"), ("2025H2", "2025 年下半年", "H2 2025"),
    ("2025Q1", "2025 年第一季度", "Q1 2025"), ("2025Q2", "2025 年第二季度", "Q2 2025"),
    ("2025Q3", "2025 年第三季度", "Q3 2025"), ("2025Q4", "2025 年第四季度", "Q4 2025"),
    ("2025Q1-Q2", "2025 年前二季度", "Q1–Q2 2025"), ("2025Q1-Q3", "2025 年前三季度", "Q1–Q3 2025"),
    ("2025Q1-Q4", "2025 年前四季度", "Q1–Q4 2025"),
    ("2024-03", "2024 年 3 月", "Mar 2024"), ("2024-12", "2024 年 12 月", "Dec 2024"),
    ("2024-03-05", "2024 年 3 月 5 日", "5 Mar 2024"), ("2024-11-30", "2024 年 11 月 30 日", "30 Nov 2024"),
    ("2025-start", "2025 年初", "early 2025"), ("2025-end", "2025 年底", "end-2025"),
    ("2020/2025", "2020—2025 年", "2020–2025"),
    ("2026-02-09/2026-02-15", "2026 年 2 月 9—15 日", "9–15 Feb 2026"),
    ("2026-01-30/2026-02-02", "2026 年 1 月 30 日—2026 年 2 月 2 日", "30 Jan 2026–2 Feb 2026"),
    ("2025-12-30/2026-01-02", "2025 年 12 月 30 日—2026 年 1 月 2 日", "30 Dec 2025–2 Jan 2026"),
    ("2025-01-05/2026-01-07", "2025 年 1 月 5 日—2026 年 1 月 7 日", "5 Jan 2025–7 Jan 2026"),
    ("2025H3", "2025H3", "2025H3"), ("2025Q5", "2025Q5", "2025Q5"), ("2025Q1-Q1", "2025Q1-Q1", "2025Q1-Q1"),
    ("2025-mid", "2025-mid", "2025-mid"), ("12025", "12025", "12025"), ("x2025", "x2025", "x2025"),
    ("2025-1", "2025-1", "2025-1"), ("2025/26", "2025/26", "2025/26"),
])
def test_period_text_in_both_languages(label, zh, en):
    assert period_text(label, "zh") == zh
    assert period_text(label, "en") == en
    assert period_text(label, "fr") == en  # any other language reads English


@pytest.mark.parametrize(("month", "name"), list(enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)))
def test_period_text_names_every_month(month, name):
    assert period_text(f"2024-{month:02d}", "en") == f"{name} 2024"
    assert period_text(f"2024-{month:02d}-01", "en") == f"1 {name} 2024"


def test_period_text_of_nothing_is_empty():
    assert period_text(None, "en") == "" and period_text("", "zh") == "" and period_text(2025, "en") == ""


@pytest.mark.parametrize("label", ["2025Q2", "2025Q1-Q3", "2024-03", "2024-03-05", "2026-02-09/2026-02-15",
                                   "2025-end", "2020/2025"])
def test_a_parsed_period_keeps_its_label(label):
    assert parse_period(label).label == label



# -- magnitudes that stack, SI letters, a range end without a magnitude ----------------------------------------------
def test_magnitudes_printed_one_after_another_multiply():
    # 千万 then 亿 (no single word for it in the table): 3 x 1e7 x 1e8
    assert parse_printed("3千万亿", RAW) == Parsed(3e15, None, None, "", None)


def test_an_si_letter_is_an_exact_magnitude_not_an_approximate_one():
    assert parse_printed("800G", RAW, "bit/s").qualifier is None
    assert parse_printed("400-800G", RAW, "bit/s").qualifier is None


def test_a_range_end_printing_its_unit_but_no_magnitude_keeps_its_own_value():
    # '5米-8千米': the first end says metres and no magnitude; it does not borrow the other end's thousand
    raw = {"米": ("m", 1.0)}
    assert parse_printed("5米-8千米", raw) == Parsed(5.0, 5.0, 8000.0, "m", None)

"""Parsing printed figures: magnitudes, currencies, power and energy, tokens, ranges, qualifiers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.catalog import load_catalog
from etl.units import MAGNITUDES, UnitError, cn_numeral, parse_printed

RAW = load_catalog().raw_units


def p(text, hint=None):
    return parse_printed(text, RAW, hint)


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [
        ("3909 亿美元", 3909e8, "USD"),
        ("3.5 万亿美元", 3.5e12, "USD"),
        ("9000亿元", 9000e8, "CNY"),
        ("12000亿元", 1.2e12, "CNY"),
        ("1,000 亿元", 1e11, "CNY"),
        ("28.8 亿元", 28.8e8, "CNY"),
        ("50 万元", 5e5, "CNY"),
        ("10 亿欧元", 1e9, "EUR"),
        ("$1.2 billion", 1.2e9, "USD"),
        ("1.5 trillion 美元", 1.5e12, "USD"),
        ("3 千万元", 3e7, "CNY"),
        ("5 百万美元", 5e6, "USD"),
        ("8 十万元", 8e5, "CNY"),
        ("2 千亿元", 2e11, "CNY"),
        ("3 百亿元", 3e10, "CNY"),
        ("4 十亿美元", 4e9, "USD"),
    ],
)
def test_magnitudes_and_currencies(printed, value, unit):
    r = p(printed)
    assert r.unit == unit
    assert math.isclose(r.value, value, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [
        ("945 TWh", 945e12, "Wh"),
        ("2 GW", 2e9, "W"),
        ("500 MW", 5e8, "W"),
        ("100 kW", 1e5, "W"),
        ("1.2亿千瓦", 1.2e11, "W"),
        ("30 千瓦", 3e4, "W"),
        ("100 千瓦时", 1e5, "Wh"),
        ("10 亿度", 1e12, "Wh"),
        ("5 GWh", 5e9, "Wh"),
        ("3 kWh", 3e3, "Wh"),
    ],
)
def test_power_and_energy_to_watts_and_watt_hours(printed, value, unit):
    r = p(printed)
    assert r.unit == unit
    assert math.isclose(r.value, value, rel_tol=1e-12)


def test_tokens_with_and_without_printed_unit():
    assert p("13.1万亿Token").value == pytest.approx(13.1e12)
    assert p("13.1万亿Token").unit == "tokens"
    r = p("1000亿", "Token")
    assert (r.value, r.unit) == (1e11, "tokens")
    assert p("100万亿", "Token").value == 1e14


def test_price_per_million_tokens():
    r = p("0.77美元/百万tokens")
    assert (r.value, r.unit) == (0.77, "USD/Mtok")


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [("30.6%", 30.6, "%"), ("5 个百分点", 5, "pp"), ("43 倍", 43, "x"), ("千倍", 1000, "x"), ("三倍", 3, "x"), ("6000余家", 6000, "count")],
)
def test_percent_points_multiples_and_counts(printed, value, unit):
    r = p(printed)
    assert (r.value, r.unit) == (value, unit)


def test_percent_and_percentage_points_stay_apart():
    assert p("3%").unit != p("3 个百分点").unit


def test_range_keeps_both_ends_in_one_row():
    r = p("60%-80%")
    assert (r.value, r.value_low, r.value_high, r.unit) == (60, 60, 80, "%")
    r = p("3000-5000亿元")
    assert (r.value_low, r.value_high, r.unit) == (3e11, 5e11, "CNY")
    r = p("30%～50%")
    assert (r.value_low, r.value_high) == (30, 50)
    r = p("2至3倍")
    assert (r.value_low, r.value_high, r.unit) == (2, 3, "x")


def test_approximate_suffix_gives_more_than_qualifier():
    assert p("6000余家").qualifier == ">"
    assert p("100多个").qualifier == ">"
    assert p("100个").qualifier is None


@pytest.mark.parametrize("bad", ["", "   ", "美元", "12 furlongs", "80%-60%", "5%-3倍", "abc"])
def test_unparseable_figures_raise_unit_error(bad):
    with pytest.raises(UnitError):
        p(bad)


def test_hint_contradicting_printed_unit_is_an_error():
    with pytest.raises(UnitError):
        p("3909 亿美元", "Token")


def test_chinese_numerals():
    assert [cn_numeral(x) for x in ["三", "十", "十二", "二十", "两百", "一千五百", "九十九"]] == [3, 10, 12, 20, 200, 1500, 99]


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False), st.sampled_from(sorted(MAGNITUDES)))
def test_any_number_with_any_magnitude_scales_exactly(num, mag):
    text = f"{num}{mag}美元" if not mag.isascii() else f"{num} {mag} 美元"
    r = p(text)
    assert r.unit == "USD"
    assert math.isclose(r.value, float(num) * MAGNITUDES[mag], rel_tol=1e-9, abs_tol=1e-9)


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_are_read(n):
    assert p(f"{n:,}元").value == n


@given(st.text(max_size=12))
def test_parser_never_crashes_with_anything_but_unit_error(text):
    try:
        r = p(text)
    except UnitError:
        return
    assert isinstance(r.value, float)


def test_si_letters_are_magnitudes_only_when_the_claim_names_its_unit():
    assert p("800G", "bit/s").value == 800e9 and p("800G", "bit/s").unit == "bit/s"
    assert p("128K", "Token").value == 128_000
    assert p("5T").unit == "T"  # alone, T is the tesla of an MR scanner


def test_range_with_magnitude_on_both_ends_and_unit_on_the_last():
    r = p("100 万—150 万元")
    assert (r.value_low, r.value_high, r.unit) == (1e6, 1.5e6, "CNY")

"""Exactly what a reader sees: numbers and units in both languages, URL state, and citation text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import urlstate
from dashboard.cite import MAX_PLACES, citation, places
from dashboard.formatting import fmt_value, number, scale, unit_label
from dashboard.i18n import t


# -- number ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [
        (3909, 4, "3,909"), (390.9, 4, "390.9"), (39.09, 4, "39.09"), (3.909, 4, "3.909"), (0.3909, 4, "0.3909"),
        (12345.6, 4, "12,346"), (1.23456, 4, "1.235"), (1.5, 4, "1.5"), (2.0, 4, "2"), (100.0, 4, "100"),
        (10.0, 4, "10"), (0.05, 4, "0.05"), (-3.5, 4, "-3.5"), (-1234.5, 4, "-1,234"), (0, 4, "0"), (0.0, 4, "0"),
        (3.14159, 2, "3.1"), (3.14159, 1, "3"), (3.14159, 3, "3.14"), (999.94, 4, "999.9"),
        (1e15, 4, "1,000,000,000,000,000"),
    ],
)
def test_number_keeps_significant_digits_and_drops_trailing_zeros(x, digits, text):
    assert number(x, digits) == text


def test_number_has_four_significant_digits_by_default():
    assert number(1.23456) == "1.235" and number(123456.7) == "123,457"


def test_a_missing_number_is_a_dash():
    assert number(None) == "–" and number(float("nan")) == "–"


# -- scale and unit labels ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("max_abs", "unit", "lang", "expected"),
    [
        (3.5e12, "USD", "zh", (1e12, "万亿美元")), (1e12, "USD", "zh", (1e12, "万亿美元")), (9.99e11, "USD", "zh", (1e8, "亿美元")),
        (1e8, "CNY", "zh", (1e8, "亿元")), (9.99e7, "CNY", "zh", (1e4, "万元")), (1e4, "EUR", "zh", (1e4, "万欧元")),
        (9999, "EUR", "zh", (1, "欧元")), (-5e12, "USD", "zh", (1e12, "万亿美元")), (None, "USD", "zh", (1, "美元")),
        (3.5e12, "USD", "en", (1e12, "USD tn")), (1e9, "USD", "en", (1e9, "USD bn")), (9.99e8, "USD", "en", (1e6, "USD m")),
        (1e6, "CNY", "en", (1e6, "CNY m")), (999_999, "CNY", "en", (1, "CNY")),
        (0.77, "USD/Mtok", "en", (1, "USD per million tokens")), (5e9, "USD/Mtok", "zh", (1, "美元/百万 Token")),
        (0.5, "CNY/kWh", "en", (1, "CNY/kWh")),
        (1e21, "FLOPS", "en", (1e21, "ZFLOPS")), (1e18, "FLOPS", "en", (1e18, "EFLOPS")), (1e15, "OPS", "zh", (1e15, "POPS")),
        (945e12, "Wh", "en", (1e12, "TWh")), (2e9, "W", "en", (1e9, "GW")), (5e6, "W", "en", (1e6, "MW")),
        (5e3, "B", "en", (1e3, "kB")), (999, "W", "en", (1, "W")), (8e11, "bit/s", "en", (1e9, "Gbit/s")),
        (3e9, "Hz", "en", (1e9, "GHz")), (4e12, "B/s", "en", (1e12, "TB/s")),
        (5e-3, "m", "en", (1e-3, "mm")), (5e-6, "m", "en", (1e-6, "µm")), (5e-9, "m", "en", (1e-9, "nm")),
        (5e-12, "m", "en", (1e-9, "nm")), (5.0, "m", "en", (1, "m")), (0, "m", "en", (1, "m")), (1, "m", "en", (1, "m")),
        (1.5, "m", "en", (1, "m")), (0.999, "m", "en", (1e-3, "mm")), (60, "s", "en", (60, "minutes")), (59, "s", "en", (1, "s")),
        (3600, "s", "en", (3600, "hours")), (86400, "s", "zh", (86400, "天")), (31556952, "s", "en", (31556952, "years")),
        (2e5, "s", "zh", (86400, "天")), (120, "s", "zh", (60, "分钟")),
        (4e7, "s", "zh", (31556952, "年")), (4e7, "s", "en", (31556952, "years")), (2e5, "s", "en", (86400, "days")),
        (7200, "s", "zh", (3600, "小时")), (120, "s", "en", (60, "minutes")), (30, "s", "zh", (1, "秒")), (30, "s", "en", (1, "s")),
        (1e14, "tokens/day", "zh", (1e12, "万亿 Token/日")), (1e14, "tokens/day", "en", (1e12, "tn tokens/day")),
        (5e8, "tokens", "zh", (1e8, "亿 Token")), (5e6, "params", "en", (1e6, "m parameters")), (5e4, "count", "zh", (1e4, "万")),
        (5e9, "count", "en", (1e9, "bn")), (500, "count", "en", (1, "")), (500, "kg", "zh", (1, "千克")),
        (1e-3, "m", "en", (1e-3, "mm")), (1e4, "count", "zh", (1e4, "万")), (1e6, "count", "en", (1e6, "m")),
        (1e3, "W", "en", (1e3, "kW")), (1e8, "tokens", "zh", (1e8, "亿 Token")),
        (5, "%", "en", (1, "%")), (5, "pp", "zh", (1, "个百分点")), (5, "x", "en", (1, "×")), (5, "VA", "en", (1, "VA")),
    ],
)
def test_axis_scale_and_unit_label(max_abs, unit, lang, expected):
    assert scale(max_abs, unit, lang) == expected


@pytest.mark.parametrize(
    ("unit", "zh", "en"),
    [("%", "%", "%"), ("pp", "个百分点", "pp"), ("x", "倍", "×"), ("CNY", "元", "CNY"), ("JPY", "日元", "JPY"),
     ("HKD", "港元", "HKD"), ("KRW", "韩元", "KRW"), ("GBP", "英镑", "GBP"),
     ("USD/Mtok", "美元/百万 Token", "USD per million tokens"), ("CNY/Mtok", "元/百万 Token", "CNY per million tokens"),
     ("tokens/week", "Token/周", "tokens/week"), ("tokens/month", "Token/月", "tokens/month"), ("tokens/year", "Token/年", "tokens/year"),
     ("tokens/s", "Token/秒", "tokens/s"), ("m2", "平方米", "m²"), ("tCO2", "吨二氧化碳", "t CO₂"), ("m/s", "米/秒", "m/s"),
     ("°C", "℃", "°C"), ("ratio", "", ""), ("count", "", ""), ("params", "参数", "parameters"), ("W", "W", "W")],
)
def test_unit_labels_in_both_languages(unit, zh, en):
    assert (unit_label(unit, "zh"), unit_label(unit, "en")) == (zh, en)


# -- fmt_value -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "kw", "text"),
    [
        ((3909e8, "USD", "zh"), {"qualifier": "≈"}, "约3,909 亿美元"),
        ((3909e8, "USD", "en"), {"qualifier": "<"}, "<$390.9 bn"),
        ((9000e8, "CNY", "zh"), {"qualifier": "<"}, "近9,000 亿元"),
        ((9000e8, "CNY", "zh"), {"qualifier": "≥"}, "≥9,000 亿元"),
        ((9000e8, "CNY", "en"), {"qualifier": "≤"}, "≤CNY 900 bn"),
        ((9000e8, "CNY", "en"), {"qualifier": ">"}, ">CNY 900 bn"),
        ((9000e8, "CNY", "zh"), {"qualifier": "?"}, "9,000 亿元"),
        ((5e6, "EUR", "en"), {}, "€5 m"),
        ((5e5, "GBP", "en"), {}, "£500,000"),
        ((5e9, "JPY", "en"), {}, "JPY 5 bn"),
        ((5e9, "JPY", "zh"), {}, "50 亿日元"),
        ((30.6, "%", "zh"), {"qualifier": "≈"}, "约30.6%"),
        ((1.5, "pp", "zh"), {}, "1.5 个百分点"),
        ((1.5, "pp", "en"), {}, "1.5 pp"),
        ((1000, "x", "zh"), {"qualifier": ">"}, "超1,000 倍"),
        ((500, "count", "en"), {}, "500"),
        ((6000, "count", "zh"), {}, "6,000"),
        ((6e4, "count", "zh"), {}, "6 万"),
        ((945e12, "Wh", "zh"), {}, "945 TWh"),
        ((2e9, "bit/s", "en"), {"low": 2e9, "high": 2e9}, "2 Gbit/s"),
        ((60, "%", "zh"), {"low": 60, "high": 80}, "60–80%"),
        ((60, "%", "en"), {"low": float("nan"), "high": 80.0}, "60%"),
        ((60, "%", "en"), {"low": 60.0, "high": float("nan")}, "60%"),  # was 60––%: a NaN high end is no range
        ((60, "%", "zh"), {"low": 60.0, "high": None}, "60%"),
        ((3e11, "CNY", "en"), {"low": 3e11, "high": 5e12}, "CNY 0.3–5 tn"),
        ((2e9, "USD", "en"), {"low": 2e9, "high": 3e9, "qualifier": "≈"}, "~$2–3 bn"),
        ((5, "x", "en"), {"low": 5, "high": 10}, "5–10×"),
        ((-5e8, "USD", "zh"), {"low": -5e8, "high": 1e8}, "-5–1 亿美元"),
    ],
)
def test_fmt_value_exact_text(args, kw, text):
    assert fmt_value(*args, **kw) == text


def test_fmt_value_defaults_to_chinese_without_qualifier():
    assert fmt_value(3909e8, "USD") == "3,909 亿美元"


# -- URL state -------------------------------------------------------------------------------------------------------
def test_parse_splits_commas_and_drops_empty_items():
    assert urlstate.parse("?a=1&b=x,,y&c=") == {"a": ["1"], "b": ["x", "y"]}
    assert urlstate.parse("a=1&a=2") == {"a": ["1", "2"]}
    assert urlstate.parse("") == {} and urlstate.parse(None) == {} and urlstate.parse(5) == {}
    assert urlstate.parse("?b=,") == {}
    assert urlstate.parse("?Xkey=1") == {"Xkey": ["1"]}  # only the leading ? is dropped


def test_parse_bounds_keys_values_and_counts():
    assert urlstate.parse("?" + "k" * 40 + "=1") == {"k" * 40: ["1"]}
    assert urlstate.parse("?" + "k" * 41 + "=1") == {}
    assert urlstate.parse("?" + "k" * 41 + "=1&b=2") == {"b": ["2"]}
    assert urlstate.parse("?a=" + "v" * 200) == {"a": ["v" * 200]}
    assert urlstate.parse("?a=" + "v" * 201 + ",ok") == {"a": ["ok"]}
    many = urlstate.parse("?a=" + ",".join(str(i) for i in range(60)))
    assert many["a"] == [str(i) for i in range(50)]
    assert urlstate.MAX_VALUES == 50 and urlstate.MAX_VALUE_LEN == 200


def test_lang_is_read_from_the_query_or_defaults_to_chinese():
    assert urlstate.lang("?lang=en") == "en" and urlstate.lang("?lang=zh") == "zh"
    assert urlstate.lang("?lang=fr") == "zh" and urlstate.lang(None) == "zh" and urlstate.lang("?x=1") == "zh"
    assert urlstate.lang("?lang=en,zh") == "en"


def test_pick_keeps_allowed_values_in_order_once():
    q = {"geo": ["US", "XX", "CN", "US"], "one": ["bad", "b", "a"]}
    assert urlstate.pick(q, "geo", ["CN", "US"]) == ["US", "CN"]
    assert urlstate.pick(q, "one", ("a", "b"), multi=False) == "b"
    assert urlstate.pick(q, "one", ("z",), multi=False) is None
    assert urlstate.pick(q, "missing", ("a",)) == [] and urlstate.pick(q, "missing", ("a",), multi=False) is None


def test_build_leaves_out_empty_values_and_joins_lists():
    assert urlstate.build({}) == ""
    assert urlstate.build({"a": None, "b": "", "c": [], "d": ()}) == ""
    assert urlstate.build({"a": None, "b": "x", "c": [], "d": "y"}) == "?b=x&d=y"
    assert urlstate.build({"y": (2020, 2030), "q": "GPU 芯片", "n": 0}) == "?y=2020,2030&q=GPU+%E8%8A%AF%E7%89%87&n=0"
    assert urlstate.build({"s": ["a&b", "c"]}) == "?s=a%26b,c"


# -- citation ----------------------------------------------------------------------------------------------------------
def cited(*places_):
    return pd.DataFrame([{"section": s, "line": ln, "org_name": o} for s, ln, o in places_])


def test_places_are_in_book_order_with_their_lines_sorted():
    c = cited(("10.1", 4000, None), ("2.10", 900, None), ("2.3", 700, None), ("2.3", 650, None), ("2.3", 700, None),
              ("序言", 20, None), ("1.1.1", 150, None))
    assert places(c, "en") == "Preface l. 20; §1.1.1 l. 150; §2.3 l. 650, 700; §2.10 l. 900; §10.1 l. 4000"
    assert places(c, "zh") == "序言 第 20 行; §1.1.1 第 150 行; §2.3 第 650, 700 行; §2.10 第 900 行; §10.1 第 4000 行"


def test_the_preface_comes_before_chapter_one():
    assert places(cited(("1", 100, None), ("序言", 5, None)), "en") == "Preface l. 5; §1 l. 100"


def test_section_six_comes_before_section_one_point_ten_and_after_one_point_two():
    c = cited(("6", 1228, None), ("1.10", 300, None), ("1.2", 200, None))
    assert places(c, "en") == "§1.2 l. 200; §1.10 l. 300; §6 l. 1228"


def test_more_than_eight_sections_are_counted_not_listed():
    c = cited(*[(str(i), 100 * i, None) for i in range(1, 11)])
    text = places(c, "en")
    assert text == "; ".join(f"§{i} l. {100 * i}" for i in range(1, MAX_PLACES + 1)) + f"; {t('cite_more', 'en')} 2"
    assert MAX_PLACES == 8
    assert places(cited(*[(str(i), i, None) for i in range(1, 9)]), "en").count("§") == 8
    assert t("cite_more", "en") not in places(cited(*[(str(i), i, None) for i in range(1, 9)]), "en")


def test_no_claims_no_places():
    assert places(cited().reindex(columns=["section", "line"]), "en") == ""


def test_citation_names_book_places_organisations_hash_and_date():
    c = cited(("2.1", 500, "IDC"), ("1.1", 150, "CAICT"), ("1.1", 160, "IDC"))
    en = citation("AI market", c, "abc123", "2026-12-01", "en")
    assert en == (f"AI market. Source: {t('book_short', 'en')}, §1.1 l. 150, 160; §2.1 l. 500 (citing IDC, CAICT). "
                  f"{t('cite_dashboard', 'en')}, data hash abc123, built 2026-12-01.")
    zh = citation("AI 市场", c, "abc123", "2026-12-01", "zh")
    assert zh == (f"AI 市场。来源：{t('book_short', 'zh')}，§1.1 第 150, 160 行; §2.1 第 500 行（引用 IDC, CAICT）。"
                  f"{t('cite_dashboard', 'zh')}，数据哈希 abc123，构建于 2026-12-01。")


def test_a_citation_without_organisations_says_none():
    c = cited(("1.1", 150, None)).drop(columns="org_name")
    assert citation("T", c, "h", "d", "en") == f"T. Source: {t('book_short', 'en')}, §1.1 l. 150. {t('cite_dashboard', 'en')}, data hash h, built d."
    assert "引用" not in citation("T", cited(("1.1", 150, math.nan)), "h", "d", "zh")


# -- unknown values of a URL ------------------------------------------------------------------------------------------
ALLOWED = {"sector": ["energy", "health"], "geo": {"CN": "China"}}


def test_unknown_url_values_are_listed_in_the_order_of_the_filters():
    query = {"geo": ["XX", "CN"], "sector": ["nope", "energy", "bad"], "other": ["z"]}
    assert urlstate.ignored(query, ALLOWED) == [("sector", "nope"), ("sector", "bad"), ("geo", "XX")]
    assert urlstate.ignored({"sector": ["energy"]}, ALLOWED) == []


def test_the_note_names_at_most_ten_unknown_values_cut_to_forty_characters():
    assert urlstate.ignored_note({"sector": ["energy"]}, ALLOWED, "en") is None
    note = urlstate.ignored_note({"sector": ["nope", "x" * 45]}, ALLOWED, "en")
    assert note.children == f"Ignored unknown values: sector “nope”, sector “{'x' * 40}”"
    assert note.className == "alert alert-warning py-1 px-2 small" and note.role == "status"
    many = urlstate.ignored_note({"sector": [f"s{i}" for i in range(12)]}, ALLOWED, "zh")
    assert many.children == "已忽略无法识别的参数：" + ", ".join(f"sector “s{i}”" for i in range(10))

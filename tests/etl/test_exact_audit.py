"""The audit on small hand-written claims: which findings, their severity at the thresholds, their exact texts."""

from __future__ import annotations

import pytest

from etl.audit import build_audit
from tests.claim_rows import claim, claims

# 100 亿元 in 2020 and 400 亿元 in 2022 imply exactly 100 % a year: (400 / 100) ** (1 / 2) - 1 = 1
START = claim("s", 100e8, "100 亿元", period="2020", unit="CNY", geo="CN", section="3.1", line=40)
END = claim("e", 400e8, "400 亿元", period="2022", unit="CNY", geo="CN", section="3.1", line=40)


def rate(value, printed=None, **kw):
    kw = {"period": "2020/2022", "kind": "cagr", "unit": "%", "geo": "CN", "section": "3.1", "line": 40, **kw}
    return claim("r", value, printed or f"{value:g}%", **kw)


def audit(*rows, corrections=(), share_indicators=None):
    return build_audit(claims(*rows), list(corrections), share_indicators)


def only(df, check):
    rows = df[df["check"] == check]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("stated", "severity"),
    [(100.0, "info"), (99.6, "info"), (100.4, "info"), (99.5, "warning"), (100.5, "warning"), (97.1, "warning"),
     (97.0, "error"), (103.0, "error"), (90.0, "error")],
)
def test_cagr_severity_is_info_under_half_a_point_warning_under_three_error_beyond(stated, severity):
    f = only(audit(START, END, rate(stated)), "cagr_consistency")
    assert f["severity"] == severity
    assert f["expected"] == pytest.approx(100.0) and f["observed"] == stated


def test_cagr_finding_names_the_rate_then_the_two_levels_and_explains_the_gap():
    f = only(audit(START, END, rate(97.0, "97%")), "cagr_consistency")
    assert f["claim_ids"] == "r,s,e"
    assert f["indicator_id"] == "ai_market_size"
    assert f["explanation_en"] == ("Stated CAGR 97% for 2020-2022; the printed levels 100 亿元 (2020) and 400 亿元 (2022) "
                                   "imply 100.0% a year (+3.0 points).")
    assert f["explanation_zh"] == ("书中年复合增长率为 97%（2020—2022 年）；按 2020 年 100 亿元 与 2022 年 400 亿元 "
                                   "推算为每年 100.0%（相差 +3.0 个百分点）。")
    assert f["check_id"] == "A0001" and f["correction"] is None


def test_a_stated_cagr_above_the_implied_one_shows_a_negative_gap():
    f = only(audit(START, END, rate(110.0)), "cagr_consistency")
    assert "(-10.0 points)" in f["explanation_en"] and f["severity"] == "error"


def test_a_cagr_over_eight_years_uses_the_eighth_root():
    s = claim("s", 3909e8, "3909 亿美元", period="2025", section="1.1", line=1)
    e = claim("e", 3.5e12, "3.5 万亿美元", period="2033", section="1.1", line=2)
    r = claim("r", 30.6, "30.6%", period="2025/2033", kind="cagr", unit="%", section="1.1", line=1)
    f = only(audit(s, e, r), "cagr_consistency")
    # by hand: 35000 / 3909 = 8.95370, ln = 2.192068, / 8 = 0.274009, exp = 1.315226 -> 31.52 % a year,
    # 0.92 points above the stated 30.6 %
    assert f["expected"] == pytest.approx(31.52, abs=0.01)
    assert f["severity"] == "warning"
    assert "imply 31.5% a year (+0.9 points)" in f["explanation_en"]


@pytest.mark.parametrize(
    "rows",
    [
        [START, END, rate(97.0, section="3.2")],  # a CAGR of another section is not checked against these levels
        [START, END, rate(97.0, geo="US")],
        [START, END, rate(97.0, entity="某公司")],
        [START, {**END, "period": "2021"}, rate(97.0)],  # no level for the end year
        [{**START, "period": "2019"}, END, rate(97.0)],  # no level for the start year
        [START, {**END, "unit": "USD"}, rate(97.0)],  # levels in two units
        [{**START, "value": 0.0}, END, rate(97.0)],  # no growth from nothing
        [START, END, rate(97.0, period="2022")],  # a rate without a span
        [START, END, rate(97.0, kind="yoy")],
        [START, {**END, "kind": "yoy"}, rate(97.0)],  # a growth rate is not a level
    ],
)
def test_a_cagr_without_its_two_levels_beside_it_is_not_checked(rows):
    assert not (audit(*rows)["check"] == "cagr_consistency").any()


def test_levels_on_the_cagrs_own_line_are_preferred_to_others_of_the_section():
    far_start = claim("fs", 200e8, "200 亿元", period="2020", unit="CNY", geo="CN", section="3.1", line=10)
    far_end = claim("fe", 200e8, "200 亿元", period="2022", unit="CNY", geo="CN", section="3.1", line=11)
    f = only(audit(far_start, far_end, START, END, rate(100.0)), "cagr_consistency")
    assert f["claim_ids"] == "r,s,e" and f["severity"] == "info"
    # without levels on its line, the first levels of the section are used
    g = only(audit(far_start, far_end, rate(100.0, line=99)), "cagr_consistency")
    assert g["claim_ids"] == "r,fs,fe" and g["expected"] == pytest.approx(0.0)


def test_forecast_and_target_levels_count_as_levels():
    f = only(audit({**START, "kind": "estimate"}, {**END, "kind": "target"}, rate(100.0)), "cagr_consistency")
    assert f["severity"] == "info"
    g = only(audit({**START, "kind": "forecast"}, END, rate(100.0)), "cagr_consistency")
    assert g["severity"] == "info"


# -- conflicting values -------------------------------------------------------------------------------------------------
def pair(v1, v2, **kw):
    a = claim("a", v1, f"{v1:g} 美元", section="1.1", line=10, **kw)
    b = claim("b", v2, f"{v2:g} 美元", section="6.2", line=900, **kw)
    return a, b


def test_two_values_for_one_period_in_two_sections_conflict():
    f = only(audit(*pair(200.0, 210.0)), "conflicting_values")
    assert f["severity"] == "warning" and f["claim_ids"] == "a,b" and f["indicator_id"] == "ai_market_size"
    assert f["explanation_en"] == ("Same indicator, place and period printed with different values: "
                                   "a (200 美元, 2025, §1.1 line 10); b (210 美元, 2025, §6.2 line 900)")
    assert f["explanation_zh"] == "同一指标、地区和时期在书中给出不同数值：a（200 美元，2025，§1.1 第 10 行）；b（210 美元，2025，§6.2 第 900 行）"
    assert f["expected"] is None or f["expected"] != f["expected"]


@pytest.mark.parametrize(("v2", "conflict"), [(200.9, False), (200.99, False), (201.0, True), (201.2, True), (199.0, True)])
def test_values_within_half_a_percent_are_the_same_figure_rounded(v2, conflict):
    found = (audit(*pair(200.0, v2))["check"] == "conflicting_values").any()
    assert bool(found) is conflict


def test_a_conflict_with_zero_is_reported():
    assert (audit(*pair(0.0, 5.0))["check"] == "conflicting_values").any()


def test_two_values_in_one_section_are_two_different_things():
    a, b = pair(200.0, 300.0)
    assert not (audit(a, {**b, "section": "1.1"})["check"] == "conflicting_values").any()


@pytest.mark.parametrize("change", [{"geo": "CN"}, {"unit": "CNY"}, {"entity": "某公司"}, {"kind": "yoy"}, {"indicator_id": "x"}])
def test_values_of_different_keys_do_not_conflict(change):
    a, b = pair(200.0, 300.0)
    assert not (audit(a, {**b, **change})["check"] == "conflicting_values").any()


def test_undated_values_do_not_conflict():
    a, b = pair(200.0, 300.0, period=None)
    assert not (audit(a, b)["check"] == "conflicting_values").any()


def test_repeats_of_one_value_are_listed_once_in_a_conflict():
    a, b = pair(200.0, 300.0)
    c = claim("c", 200.0, "200 美元", section="9.1", line=2000)
    f = only(audit(a, b, c), "conflicting_values")
    assert f["claim_ids"] == "a,b,c"
    assert f["explanation_en"].count("200 美元") == 1


# -- the same value for different years ---------------------------------------------------------------------------------
def test_the_same_value_for_two_years_in_two_sections_is_reported():
    a = claim("a", 9000e8, "9000 亿元", period="2024", unit="CNY", geo="CN", section="序言", line=5)
    b = claim("b", 9000e8, "9000 亿元", period="2025", unit="CNY", geo="CN", section="1.2", line=300)
    f = only(audit(a, b), "same_value_different_year")
    assert f["severity"] == "warning" and f["observed"] == 9000e8 and f["claim_ids"] == "a,b"
    assert f["explanation_en"] == ("The same figure is given for different years: a (9000 亿元, 2024, Preface line 5); "
                                   "b (9000 亿元, 2025, §1.2 line 300)")
    assert f["explanation_zh"].startswith("同一数值在书中对应不同年份：a（9000 亿元，2024，序言 第 5 行）；b")
    assert not (audit(a, {**b, "section": "序言"})["check"] == "same_value_different_year").any()
    assert not (audit(a, {**b, "value": 9001e8})["check"] == "same_value_different_year").any()
    b24 = claim("b", 9000e8, "9000 亿元", period="2024", unit="CNY", geo="CN", section="1.2", line=300)
    assert not (audit(a, b24)["check"] == "same_value_different_year").any()


# -- shares over 100 % --------------------------------------------------------------------------------------------------
def share(cid, value, entity, **kw):
    kw = {"indicator_id": "search_market_share", "unit": "%", **kw}
    return claim(cid, value, f"{value:g}%", entity=entity, **kw)


def test_shares_of_one_whole_adding_up_to_more_than_100_are_an_error():
    f = only(audit(share("a", 60.0, "甲"), share("b", 50.0, "乙")), "shares_exceed_100")
    assert f["severity"] == "error" and f["expected"] == 100.0 and f["observed"] == pytest.approx(110.0)
    assert f["indicator_id"] == "search_market_share" and f["claim_ids"] == "a,b"
    assert f["explanation_en"] == ("Shares of search_market_share in WORLD, 2025 add up to 110.0%: "
                                   "a (60%, 2025, §1.1 line 100); b (50%, 2025, §1.1 line 100)")
    assert f["explanation_zh"].startswith("WORLD 2025 的 search_market_share 各项占比合计 110.0%：a（60%，2025，§1.1 第 100 行）")


@pytest.mark.parametrize(
    "rows",
    [
        [share("a", 60.0, "甲"), share("b", 40.5, "乙")],  # 100.5 % is rounding
        [share("a", 60.0, "甲"), share("b", 50.0, "甲")],  # one entity printed twice
        [share("a", 60.0, "甲"), share("b", 50.0, "乙", period="2024")],
        [share("a", 60.0, "甲"), share("b", 50.0, "乙", geo="CN")],
        [share("a", 60.0, "甲"), share("b", 50.0, None)],
        [share("a", 60.0, "甲", period=None), share("b", 50.0, "乙", period=None)],
        [share("a", 60.0, "甲"), share("b", 50.0, "乙", kind="yoy")],
    ],
)
def test_shares_that_fit_in_one_whole_are_not_reported(rows):
    assert not (audit(*rows)["check"] == "shares_exceed_100").any()


def test_only_market_share_measures_are_summed_unless_told():
    rows = [share("a", 60.0, "甲", indicator_id="adoption_rate"), share("b", 50.0, "乙", indicator_id="adoption_rate")]
    assert not (audit(*rows)["check"] == "shares_exceed_100").any()
    assert (audit(*rows, share_indicators=("adoption_rate",))["check"] == "shares_exceed_100").any()


def test_shares_in_another_unit_are_not_summed():
    rows = [share("a", 60.0, "甲", unit="pp"), share("b", 50.0, "乙", unit="pp")]
    assert not (audit(*rows)["check"] == "shares_exceed_100").any()


# -- repeated figures and recorded corrections ---------------------------------------------------------------------------
def test_a_figure_printed_in_two_sections_is_linked_for_information():
    a = claim("a", 3909e8, "3909 亿美元", section="序言", line=5)
    b = claim("b", 3909e8, "3909 亿美元", section="1.1", line=150)
    f = only(audit(a, b), "repeated_figure")
    assert f["severity"] == "info" and f["observed"] == 3909e8 and f["claim_ids"] == "a,b"
    assert f["explanation_en"] == ("The same figure appears in several places: a (3909 亿美元, 2025, Preface line 5); "
                                   "b (3909 亿美元, 2025, §1.1 line 150)")
    assert f["explanation_zh"].startswith("同一数字在书中多处出现：a（3909 亿美元，2025，序言 第 5 行）")
    assert not (audit(a, {**b, "section": "序言"})["check"] == "repeated_figure").any()


def test_an_undated_repeat_says_no_period():
    a = claim("a", 5.0, "5 美元", section="2.1", line=5, period=None)
    b = claim("b", 5.0, "5 美元", section="2.2", line=6, period=None)
    assert "a (5 美元, no period, §2.1 line 5)" in only(audit(a, b), "repeated_figure")["explanation_en"]


CORR = {"id": "K001", "claim_ids": ["a", "b"], "reason_en": "The preface\n   moves the year.", "reason_zh": "序言年份有误"}


def test_a_finding_names_the_correction_that_records_it():
    a = claim("a", 9000e8, "9000 亿元", period="2024", unit="CNY", section="序言", line=5)
    b = claim("b", 9000e8, "9000 亿元", period="2025", unit="CNY", section="1.2", line=300)
    df = audit(a, b, corrections=[CORR])
    assert list(df["check"]) == ["same_value_different_year"]
    assert list(df["correction"]) == ["K001"] and list(df["check_id"]) == ["A0001"]


def test_a_correction_sharing_one_claim_of_a_pair_is_not_linked():
    a = claim("a", 9000e8, "9000 亿元", period="2024", unit="CNY", section="序言", line=5)
    b = claim("b", 9000e8, "9000 亿元", period="2025", unit="CNY", section="1.2", line=300)
    df = audit(a, b, corrections=[{**CORR, "claim_ids": ["a", "z"]}])
    assert list(df["check"]) == ["same_value_different_year", "recorded_correction"]
    assert df["correction"].iloc[0] is None


def test_a_correction_no_check_finds_is_still_in_the_audit():
    df = audit(claim("a", 1.0, "1 美元"), corrections=[{**CORR, "claim_ids": ["a"]}])
    f = only(df, "recorded_correction")
    assert f["severity"] == "warning" and f["claim_ids"] == "a" and f["correction"] == "K001"
    assert f["explanation_en"] == "The preface moves the year." and f["explanation_zh"] == "序言年份有误"
    assert f["indicator_id"] is None and f["check_id"] == "A0001"


def test_a_correction_must_share_two_claims_of_a_larger_finding():
    rows = [START, END, rate(90.0)]
    df = audit(*rows, corrections=[{**CORR, "claim_ids": ["r"]}])
    # the finding names r, s and e: a correction must share two of them to be the one that records it
    assert list(df["check"]) == ["cagr_consistency", "recorded_correction"]
    assert list(df["correction"]) == [None, "K001"]
    df2 = audit(*rows, corrections=[{**CORR, "claim_ids": ["r", "s"]}])
    assert list(df2["correction"]) == ["K001"]


def test_findings_are_numbered_in_check_order():
    a, b = pair(200.0, 300.0)
    c = claim("c", 200.0, "200 美元", section="9.1", line=2000)
    df = audit(START, END, rate(90.0), a, b, c)
    assert list(df["check"]) == ["cagr_consistency", "conflicting_values", "repeated_figure"]
    assert list(df["check_id"]) == ["A0001", "A0002", "A0003"]


# -- every candidate is checked, not only the first ----------------------------------------------------------------------
def test_a_cagr_without_levels_does_not_stop_the_check_of_the_next():
    lonely = claim("r0", 50.0, "50%", period="2020/2022", kind="cagr", unit="%", geo="US", section="9.9", line=1)
    undated = claim("r1", 50.0, "50%", period=None, kind="cagr", unit="%", geo="CN", section="3.1", line=40)
    half_start = claim("r2", 50.0, "50%", period="2019/2022", kind="cagr", unit="%", geo="CN", section="3.1", line=40)
    two_units = [claim("s9", 1.0, "1 个", period="2020", unit="count", geo="JP", section="4.1", line=1),
                 claim("e9", 4.0, "4 美元", period="2022", unit="USD", geo="JP", section="4.1", line=1),
                 claim("r9", 50.0, "50%", period="2020/2022", kind="cagr", unit="%", geo="JP", section="4.1", line=1)]
    df = audit(lonely, undated, half_start, *two_units, START, END, rate(97.0))
    assert list(df[df["check"] == "cagr_consistency"]["claim_ids"]) == ["r,s,e"]


def test_a_start_level_below_one_is_still_a_level():
    s = claim("s", 0.5, "0.5 亿元", period="2020", unit="CNY", geo="CN", section="3.1", line=40)
    e = claim("e", 2.0, "2 亿元", period="2022", unit="CNY", geo="CN", section="3.1", line=40)
    f = only(audit(s, e, rate(100.0)), "cagr_consistency")
    assert f["expected"] == pytest.approx(100.0)


def test_the_end_level_on_the_line_alone_does_not_hide_the_sections_start_level():
    s = claim("s", 100e8, "100 亿元", period="2020", unit="CNY", geo="CN", section="3.1", line=10)
    f = only(audit(s, END, rate(100.0)), "cagr_consistency")  # END and the rate are on line 40, the start on line 10
    assert f["claim_ids"] == "r,s,e"


def test_every_conflicting_group_is_reported():
    same_section = [claim("x1", 1.0, "1 美元", geo="US", section="5.1", line=1), claim("x2", 2.0, "2 美元", geo="US", section="5.1", line=2)]
    within = [claim("y1", 200.0, "200 美元", geo="JP", section="5.1", line=1), claim("y2", 200.5, "200.5 美元", geo="JP", section="6.1", line=2)]
    df = audit(*same_section, *within, *pair(200.0, 300.0))
    assert list(df[df["check"] == "conflicting_values"]["claim_ids"]) == ["a,b"]


def test_small_values_within_half_a_percent_do_not_conflict():
    assert not (audit(*pair(0.5, 0.501))["check"] == "conflicting_values").any()
    assert (audit(*pair(0.5, 0.6))["check"] == "conflicting_values").any()


def test_growth_rates_equal_to_a_level_are_not_moved_years():
    level = claim("l", 30.0, "30%", period="2025", unit="%", section="1.1", line=1, indicator_id="search_market_share")
    growth = claim("g", 30.0, "30%", period="2026", unit="%", kind="yoy", section="2.1", line=2, indicator_id="search_market_share")
    assert not (audit(level, growth)["check"] == "same_value_different_year").any()


def test_every_moved_year_and_share_group_is_reported():
    one_section = [claim("m1", 7.0, "7 美元", period="2024", geo="CN", section="5.1", line=1),
                   claim("m2", 7.0, "7 美元", period="2025", geo="CN", section="5.1", line=2)]
    moved = [claim("n1", 8.0, "8 美元", period="2024", geo="JP", section="5.1", line=1),
             claim("n2", 8.0, "8 美元", period="2025", geo="JP", section="6.1", line=2)]
    lone_share = [share("s0", 90.0, "甲", geo="US")]
    fitting = [share("f1", 50.0, "甲", geo="JP"), share("f2", 40.0, "乙", geo="JP")]
    over = [share("o1", 60.0, "甲"), share("o2", 50.0, "乙")]
    df = audit(*one_section, *moved, *lone_share, *fitting, *over)
    assert list(df[df["check"] == "same_value_different_year"]["claim_ids"]) == ["n1,n2"]
    assert list(df[df["check"] == "shares_exceed_100"]["claim_ids"]) == ["o1,o2"]


def test_a_moved_year_lists_each_year_once_and_names_its_measure():
    rows = [claim("a", 9.0, "9 美元", period="2024", section="序言", line=5),
            claim("b", 9.0, "9 美元", period="2025", section="1.2", line=300),
            claim("c", 9.0, "9 美元", period="2025", section="2.1", line=400)]
    f = only(audit(*rows), "same_value_different_year")
    assert f["indicator_id"] == "ai_market_size" and f["claim_ids"] == "a,b,c"
    assert f["explanation_en"].count("9 美元") == 2


# -- every text in both languages, every column -------------------------------------------------------------------------
def test_a_repeat_names_its_measure_and_value_and_says_so_in_chinese():
    a = claim("a", 3909e8, "3909 亿美元", section="序言", line=5)
    b = claim("b", 3909e8, "3909 亿美元", section="1.1", line=150)
    f = only(audit(a, b), "repeated_figure")
    assert f["indicator_id"] == "ai_market_size" and f["observed"] == 3909e8
    assert f["explanation_zh"] == "同一数字在书中多处出现：a（3909 亿美元，2025，序言 第 5 行）；b（3909 亿美元，2025，§1.1 第 150 行）"


def test_a_repeat_within_one_section_does_not_stop_the_check_of_the_next_value():
    # the group of 5 (one section) sorts before the group of 7 (two sections)
    rows = [claim("a", 5.0, "5 美元", section="2.1", line=5), claim("b", 5.0, "5 美元", section="2.1", line=6),
            claim("c", 7.0, "7 美元", section="2.1", line=7), claim("d", 7.0, "7 美元", section="3.1", line=8)]
    f = only(audit(*rows), "repeated_figure")
    assert f["claim_ids"] == "c,d" and f["observed"] == 7.0


def test_a_moved_year_says_so_in_chinese_and_gives_the_value():
    a = claim("a", 9000e8, "9000 亿元", period="2024", unit="CNY", geo="CN", section="序言", line=5)
    b = claim("b", 9000e8, "9000 亿元", period="2025", unit="CNY", geo="CN", section="1.2", line=300)
    f = only(audit(a, b), "same_value_different_year")
    assert f["explanation_zh"] == "同一数值在书中对应不同年份：a（9000 亿元，2024，序言 第 5 行）；b（9000 亿元，2025，§1.2 第 300 行）"
    assert f["indicator_id"] == "ai_market_size" and f["observed"] == 9000e8


def test_shares_one_point_over_the_rounding_tolerance_are_reported_in_both_languages():
    f = only(audit(share("a", 60.0, "甲"), share("b", 41.0, "乙")), "shares_exceed_100")  # 101 % > 100.5 %
    assert f["observed"] == pytest.approx(101.0)
    assert f["explanation_zh"] == ("WORLD 2025 的 search_market_share 各项占比合计 101.0%：a（60%，2025，§1.1 第 100 行）；"
                                   "b（41%，2025，§1.1 第 100 行）")


def test_a_recorded_correction_lists_all_its_claims():
    df = audit(claim("a", 1.0, "1 美元"), corrections=[{**CORR, "claim_ids": ["a", "z"]}])
    f = only(df, "recorded_correction")
    assert f["claim_ids"] == "a,z"


def test_an_undated_repeat_says_no_period_in_chinese():
    a = claim("a", 5.0, "5 美元", section="2.1", line=5, period=None)
    b = claim("b", 5.0, "5 美元", section="2.2", line=6, period=None)
    assert only(audit(a, b), "repeated_figure")["explanation_zh"] == \
        "同一数字在书中多处出现：a（5 美元，未注明时期，§2.1 第 5 行）；b（5 美元，未注明时期，§2.2 第 6 行）"

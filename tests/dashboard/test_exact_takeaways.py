"""The "so what" sentence under a chart and on its slide, exactly, on hand-written points (values in USD: 100e8 is
100 亿美元 / $10 bn)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.takeaways import multiple_text, takeaway
from etl.periods import parse_period


def point(value: float, period: str | None, trace: str = "A", **kw) -> dict:
    """One chart point as chart_points() gives it: its date is the end of its period."""
    row = {"value": value, "unit": "USD", "period": period, "trace": trace, "label": trace, "kind": "actual",
           "derived": False, "qualifier": None, "value_low": None, "value_high": None,
           "date": pd.Timestamp(parse_period(period).end) if period else pd.NaT}
    row.update(kw)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# -- multiple_text ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("ratio", "lang", "text"), [
    (2.0, "zh", "翻了一番"), (2.01, "zh", "翻了一番"), (1.991, "zh", "翻了一番"), (2.011, "zh", "为其 2.01 倍"),
    (3.0, "zh", "为其 3 倍"), (2.0, "en", "2×"), (1.2345, "en", "1.23×"),
])
def test_multiple_text(ratio, lang, text):
    assert multiple_text(ratio, lang) == text


# -- nothing to say ---------------------------------------------------------------------------------------------------
def test_no_points_say_nothing():
    assert takeaway(None, "line", "en") == ""
    assert takeaway(pd.DataFrame(), "line", "en") == ""
    assert takeaway(pd.DataFrame({"label": ["a"]}), "line", "en") == ""


# -- lines ------------------------------------------------------------------------------------------------------------
LINE = frame(point(100e8, "2020"), point(250e8, "2022"), point(400e8, "2024"))


def test_a_line_compares_its_last_printed_figure_with_its_first():
    assert takeaway(LINE, "line", "en") == "$40 bn in 2024, 4× the $10 bn of 2020"
    assert takeaway(LINE, "line", "zh") == "2024 年 400 亿美元，为2020 年 100 亿美元的 4 倍"


def test_a_line_is_read_in_date_order_not_row_order():
    assert takeaway(LINE.iloc[::-1], "line", "en") == "$40 bn in 2024, 4× the $10 bn of 2020"


@pytest.mark.parametrize(("last", "zh_tail"), [
    (200e8, "较2020 年的 100 亿美元翻了一番"), (201e8, "较2020 年的 100 亿美元翻了一番"),
    (201.1e8, "为2020 年 100 亿美元的 2.01 倍"),
])
def test_a_doubling_within_half_a_percent_reads_as_doubled_in_chinese(last, zh_tail):
    pts = frame(point(100e8, "2020"), point(last, "2024"))
    head = {200e8: "200", 201e8: "201", 201.1e8: "201.1"}[last]
    assert takeaway(pts, "line", "zh") == f"2024 年 {head} 亿美元，{zh_tail}"


def test_the_last_figure_says_when_it_is_a_forecast_or_target():
    pts = frame(point(100e8, "2020"), point(400e8, "2030", kind="target"))
    assert takeaway(pts, "line", "en") == "$40 bn in 2030 (target), 4× the $10 bn of 2020"
    assert takeaway(pts, "line", "zh") == "2030 年（目标） 400 亿美元，为2020 年 100 亿美元的 4 倍"
    est = frame(point(100e8, "2020"), point(400e8, "2030", kind="estimate"))
    assert takeaway(est, "line", "en") == "$40 bn in 2030 (estimate), 4× the $10 bn of 2020"
    fc = frame(point(100e8, "2020"), point(400e8, "2030", kind="forecast"))
    assert takeaway(fc, "line", "zh") == "2030 年（预测） 400 亿美元，为2020 年 100 亿美元的 4 倍"


def test_only_the_first_series_is_told_when_there_are_three():
    pts = frame(point(100e8, "2020"), point(300e8, "2024"), point(5e8, "2020", "B"), point(6e8, "2024", "B"),
                point(7e8, "2020", "C"), point(9e8, "2024", "C"))
    assert takeaway(pts, "line", "en") == "$30 bn in 2024, 3× the $10 bn of 2020"


def test_a_series_starting_at_zero_or_with_one_point_is_skipped_for_the_next():
    pts = frame(point(0.0, "2020"), point(300e8, "2024"), point(5e8, "2020", "B"), point(6e8, "2021", "B"),
                point(10e8, "2024", "B"), point(1e8, "2020", "C"))
    assert takeaway(pts, "line", "en") == "$1 bn in 2024, 2× the $500 m of 2020"
    one = frame(point(50e8, "2022"), point(5e8, "2020", "B"), point(6e8, "2021", "B"), point(10e8, "2024", "B"),
                point(1e8, "2020", "C"))
    assert takeaway(one, "line", "zh") == "2024 年 10 亿美元，较2020 年的 5 亿美元翻了一番"


def test_the_derived_cagr_path_is_reported_as_what_the_cagr_implies():
    pts = frame(point(3909e8, "2025"), point(6000e8, "2027", derived=True, kind="derived"),
                point(8000e8, "2028", derived=True, kind="derived"))
    assert takeaway(pts, "line", "en") == "The printed CAGR implies $800 bn by 2028 (derived)"
    assert takeaway(pts, "line", "zh") == "按书中年复合增长率推算，2028 年约为 8,000 亿美元（推算值）"
    two = frame(point(1000e8, "2023"), point(3909e8, "2025"), point(8000e8, "2028", derived=True, kind="derived"))
    assert takeaway(two, "line", "en") == ("$390.9 bn in 2025, 3.91× the $100 bn of 2023; "
                                           "the printed CAGR implies $800 bn by 2028 (derived)")
    assert takeaway(two, "line", "zh") == ("2025 年 3,909 亿美元，为2023 年 1,000 亿美元的 3.91 倍；"
                                           "按书中年复合增长率推算，2028 年约为 8,000 亿美元（推算值）")


def test_one_printed_figure_is_stated_alone():
    pts = frame(point(100e8, "2020"))
    assert takeaway(pts, "line", "en") == "$10 bn in 2020"
    assert takeaway(pts, "line", "zh") == "2020 年：100 亿美元"


def test_two_figures_starting_at_zero_say_nothing():
    assert takeaway(frame(point(0.0, "2020"), point(100e8, "2024")), "line", "en") == ""


def test_a_qualifier_and_a_range_are_kept():
    pts = frame(point(100e8, "2020", qualifier="≈"), point(300e8, "2024", value_low=300e8, value_high=500e8))
    assert takeaway(pts, "line", "en") == "$30–50 bn in 2024, 3× the ~$10 bn of 2020"


# -- two series -------------------------------------------------------------------------------------------------------
def test_two_series_say_who_leads_at_the_latest_common_period_and_whether_the_lead_changed():
    pts = frame(point(100e8, "2020"), point(300e8, "2024"), point(200e8, "2020", "B"), point(150e8, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $30 bn vs B $15 bn, 2× (A overtook B)"
    assert takeaway(pts, "line", "zh") == "2024 年：A 300 亿美元，B 150 亿美元，前者为后者的 2 倍（此前落后，已反超）"


def test_two_series_without_a_change_of_lead():
    pts = frame(point(100e8, "2020"), point(300e8, "2024"), point(50e8, "2020", "B"), point(100e8, "2024", "B"),
                point(500e8, "2026", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $30 bn vs B $10 bn, 3×"
    assert takeaway(pts, "line", "zh") == "2024 年：A 300 亿美元，B 100 亿美元，前者为后者的 3 倍"


def test_a_tie_at_the_latest_period_is_led_by_the_first_series():
    pts = frame(point(50e8, "2020"), point(100e8, "2024"), point(100e8, "2020", "B"), point(100e8, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $10 bn vs B $10 bn, 1×"


def test_the_latest_common_period_is_the_latest_by_date_not_by_name():
    # "2024" (ends 31 Dec) sorts before "2024-03" by name but comes after it by date
    pts = frame(point(100e8, "2024-03"), point(300e8, "2024"), point(200e8, "2024-03", "B"), point(100e8, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $30 bn vs B $10 bn, 3× (A overtook B)"


def test_two_series_with_no_common_period_are_told_as_lines():
    pts = frame(point(100e8, "2020"), point(300e8, "2022"), point(200e8, "2021", "B"), point(150e8, "2023", "B"))
    assert takeaway(pts, "line", "en") == "$30 bn in 2022, 3× the $10 bn of 2020"


# -- bars -------------------------------------------------------------------------------------------------------------
BARS = frame(point(100e8, "2024", label="Y"), point(300e8, "2024", label="X"), point(150e8, "2024", label="Z"))


def test_bars_name_the_highest_and_its_multiple_of_the_lowest():
    assert takeaway(BARS, "bar", "en") == "X highest at $30 bn, 3× Y ($10 bn)"
    assert takeaway(BARS, "bar", "zh") == "X最高，为 300 亿美元，是Y（100 亿美元）的 3 倍"


def test_points_without_dates_are_read_as_bars():
    undated = BARS.assign(date=pd.NaT)
    assert takeaway(undated, "line", "en") == "X highest at $30 bn, 3× Y ($10 bn)"
    assert takeaway(BARS.drop(columns="date"), "line", "en") == "X highest at $30 bn, 3× Y ($10 bn)"


def test_a_label_counts_once_and_a_lowest_at_zero_says_nothing():
    dup = frame(point(100e8, "2024", label="Y"), point(900e8, "2024", label="Y"), point(300e8, "2024", label="X"))
    assert takeaway(dup, "bar", "en") == "X highest at $30 bn, 3× Y ($10 bn)"
    assert takeaway(frame(point(0.0, "2024", label="Y"), point(300e8, "2024", label="X")), "bar", "en") == ""


def test_one_bar_is_stated_alone():
    one = frame(point(300e8, "2024", label="X"), point(100e8, "2024", label="X"))
    assert takeaway(one, "bar", "en") == "X: $30 bn"
    assert takeaway(one, "bar", "zh") == "X：300 亿美元"
    assert takeaway(frame(point(300e8, "2024", label=None)), "bar", "en") == ": $30 bn"


# -- dots -------------------------------------------------------------------------------------------------------------
DOTS = frame(point(20.0, None, "S1", label="b", unit="%", qualifier="≈"), point(10.0, None, "S1", label="a", unit="%"),
             point(60.0, None, "S2", label="c", unit="%"))


def test_dots_give_count_median_and_range_never_a_multiple():
    assert takeaway(DOTS, "dots", "en") == "3 figures from 2 sectors: median 20%; lowest 10% (a), highest 60% (c)"
    assert takeaway(DOTS, "dots", "zh") == "3 个数字，来自 2 个领域：中位数 20%，最低 10%（a），最高 60%（c）"


def test_dots_of_one_sector_and_one_dot():
    one_sector = DOTS.assign(trace="S1")
    assert takeaway(one_sector, "dots", "en") == "3 figures: median 20%; lowest 10% (a), highest 60% (c)"
    assert takeaway(one_sector, "dots", "zh") == "3 个数字：中位数 20%，最低 10%（a），最高 60%（c）"
    assert takeaway(DOTS.iloc[1:2], "dots", "en") == "1 figures: median 10%"
    assert takeaway(DOTS.iloc[1:2], "dots", "zh") == "1 个数字：中位数 10%"
    assert takeaway(DOTS.drop(columns="trace"), "dots", "en") == "3 figures: median 20%; lowest 10% (a), highest 60% (c)"


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    four = frame(*[point(v, None, label=str(v), unit="%") for v in (10.0, 20.0, 30.0, 70.0)])
    assert takeaway(four, "dots", "en") == "4 figures: median 25%; lowest 10% (10.0), highest 70% (70.0)"


def test_the_median_drops_the_first_dots_range():
    pts = frame(point(10.0, None, label="a", unit="%", value_low=5.0, value_high=15.0), point(30.0, None, label="b", unit="%"))
    assert takeaway(pts, "dots", "en") == "2 figures: median 20%; lowest 5–15% (a), highest 30% (b)"


# -- shares -----------------------------------------------------------------------------------------------------------
def test_a_chart_of_derived_shares_names_the_larger_share():
    pts = frame(point(40.0, "2024", "B", unit="%", derived=True), point(60.0, "2024", "A", unit="%", derived=True))
    assert takeaway(pts, "line", "en") == "2024: A 60% of the combined total (computed from two printed figures)"
    assert takeaway(pts, "line", "zh") == "2024 年：A占两者合计的 60%（由书中两个数值计算）"
    unnamed = pts.assign(trace=None, label=["b", "a"])
    assert takeaway(unnamed, "line", "en") == "2024: a 60% of the combined total (computed from two printed figures)"
    undated = pts.assign(period=None)
    assert takeaway(undated, "line", "en") == ": A 60% of the combined total (computed from two printed figures)"


# -- thresholds, digits and names the sentences depend on ----------------------------------------------------------------
def test_a_first_figure_below_one_still_counts():
    pts = frame(point(0.5, "2020", unit="%"), point(1.5, "2024", unit="%"))
    assert takeaway(pts, "line", "en") == "1.5% in 2024, 3× the 0.5% of 2020"
    bars = frame(point(0.5, "2024", label="Y", unit="%"), point(1.5, "2024", label="X", unit="%"))
    assert takeaway(bars, "bar", "en") == "X highest at 1.5%, 3× Y (0.5%)"


def test_multiples_have_three_significant_digits():
    bars = frame(point(70e8, "2024", label="Y"), point(300e8, "2024", label="X"))  # 300 / 70 = 4.2857
    assert takeaway(bars, "bar", "en") == "X highest at $30 bn, 4.29× Y ($7 bn)"
    two = frame(point(100e8, "2020"), point(300e8, "2024"), point(50e8, "2020", "B"), point(70e8, "2024", "B"))
    assert takeaway(two, "line", "en") == "2024: A $30 bn vs B $7 bn, 4.29×"
    assert takeaway(two, "line", "zh") == "2024 年：A 300 亿美元，B 70 亿美元，前者为后者的 4.29 倍"
    shares = frame(point(38.74, "2024", "B", unit="%", derived=True), point(61.26, "2024", "A", unit="%", derived=True))
    assert takeaway(shares, "line", "en") == "2024: A 61.3% of the combined total (computed from two printed figures)"
    assert takeaway(shares, "line", "zh") == "2024 年：A占两者合计的 61.3%（由书中两个数值计算）"


def test_bars_without_labels_are_not_deduplicated():
    bars = BARS.drop(columns="label")
    assert takeaway(bars, "bar", "en") == " highest at $30 bn, 3×  ($10 bn)"


def test_the_second_series_can_lead_and_the_latest_of_three_common_periods_counts():
    pts = frame(point(100e8, "2020"), point(300e8, "2022"), point(100e8, "2024"),
                point(200e8, "2020", "B"), point(150e8, "2022", "B"), point(400e8, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: B $40 bn vs A $10 bn, 4× (B overtook A)"


def test_a_series_at_zero_has_no_multiple():
    pts = frame(point(100e8, "2020"), point(300e8, "2024"), point(0.0, "2020", "B"), point(0.0, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $30 bn vs B $0, –×"


def test_two_figures_of_a_series_for_one_period_count_as_the_first():
    pts = frame(point(100e8, "2024"), point(500e8, "2024"), point(50e8, "2024", "B"))
    assert takeaway(pts, "line", "en") == "2024: A $10 bn vs B $5 bn, 2×"


def test_shares_name_the_series_before_the_label():
    pts = frame(point(40.0, "2024", "B", unit="%", derived=True, label="lb"),
                point(60.0, "2024", "A", unit="%", derived=True, label="la"))
    assert takeaway(pts, "line", "en") == "2024: A 60% of the combined total (computed from two printed figures)"


def test_dots_in_money_in_both_languages():
    pts = frame(point(10e8, None, "S1", label="a"), point(30e8, None, "S1", label="b", qualifier="≈"))
    assert takeaway(pts, "dots", "en") == "2 figures: median $2 bn; lowest $1 bn (a), highest ~$3 bn (b)"
    assert takeaway(pts, "dots", "zh") == "2 个数字：中位数 20 亿美元，最低 10 亿美元（a），最高 约30 亿美元（b）"

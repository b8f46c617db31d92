"""The headline cards' sparkline: an SVG image computed from the points (positions by hand, in the 300 x 48 box
with a 6-unit margin), no charting library."""

from __future__ import annotations

from urllib.parse import unquote

import pandas as pd

from dashboard import theme
from dashboard.figures.sparkline import sparkline_points, sparkline_svg


def _pts(dates, values, kinds):
    return pd.DataFrame({"date": pd.to_datetime(dates), "value": values, "kind": kinds})


DATES = ["2020-01-21", "2020-01-01", "2020-01-11"]  # out of order: drawn oldest first


def test_a_span_over_100x_of_positive_values_is_drawn_on_a_log_scale():
    pts = _pts(DATES, [1000.0, 1.0, 10.0], ["forecast", "actual", "actual"])
    # log10: 0, 1, 3 over 36 units of height (48 - 2 * 6); x every 10 days over 288 units
    assert sparkline_points(pts) == [(6.0, 42.0, False), (150.0, 30.0, False), (294.0, 6.0, True)]


def test_a_span_of_100x_or_less_and_any_zero_stay_linear():
    assert [p[1] for p in sparkline_points(_pts(DATES, [30.0, 10.0, 20.0], ["actual"] * 3))] == [42.0, 24.0, 6.0]
    assert [p[1] for p in sparkline_points(_pts(DATES, [100.0, 1.0, 50.0], ["actual"] * 3))] == [42.0, 24.18, 6.0]  # 42 - 49/99 * 36
    # 0 cannot be on a log axis: linear, although the others span 100x
    assert [p[1] for p in sparkline_points(_pts(DATES, [1000.0, 0.0, 10.0], ["actual"] * 3))] == [42.0, 41.64, 6.0]


def test_x_is_proportional_to_time_or_to_order_when_one_date():
    uneven = _pts(["2020-01-01", "2020-01-31", "2020-01-07"], [1.0, 2.0, 3.0], ["actual"] * 3)
    assert [p[0] for p in sparkline_points(uneven)] == [6.0, 63.6, 294.0]  # day 0, 6, 30 of 30
    same = _pts(["2020-05-01"] * 3, [1.0, 2.0, 3.0], ["actual"] * 3)
    assert [p[0] for p in sparkline_points(same)] == [6.0, 150.0, 294.0]
    flat = _pts(DATES, [5.0, 5.0, 5.0], ["actual"] * 3)
    assert [p[1] for p in sparkline_points(flat)] == [42.0, 42.0, 42.0]


def test_the_image_is_a_line_through_the_points_with_a_dot_each_and_a_ring_for_a_forecast():
    uri = sparkline_svg(_pts(DATES, [1000.0, 1.0, 10.0], ["target", "actual", "estimate"]))
    assert uri.startswith("data:image/svg+xml;charset=utf-8,")
    svg = unquote(uri.split(",", 1)[1])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 48" preserveAspectRatio="none">')
    assert f'<polyline points="6.0,42.0 150.0,30.0 294.0,6.0" stroke="{theme.PALETTE[0]}"' in svg
    assert svg.count(f'stroke="{theme.PALETTE[0]}" stroke-width="7"') == 3
    assert svg.count('stroke="#fff" stroke-width="3.5"') == 1  # the target only
    assert '<path d="M294.0 6.0h0" stroke="#fff"' in svg
    assert "<text" not in svg and "<script" not in svg


def test_time_decides_x_unless_the_first_and_last_share_a_date():
    first_two = _pts(["2020-01-01", "2020-01-01", "2020-01-11"], [1.0, 2.0, 3.0], ["actual"] * 3)
    assert [p[0] for p in sparkline_points(first_two)] == [6.0, 6.0, 294.0]  # by time: two on day 0
    last_two = _pts(["2020-01-01", "2020-01-11", "2020-01-11"], [1.0, 2.0, 3.0], ["actual"] * 3)
    assert [p[0] for p in sparkline_points(last_two)] == [6.0, 294.0, 294.0]
    sevenths = _pts(["2020-01-01", "2020-01-02", "2020-01-08"], [1.0, 2.0, 3.0], ["actual"] * 3)
    assert [p[0] for p in sparkline_points(sevenths)] == [6.0, 47.14, 294.0]  # 6 + 288 / 7, to two decimals


def test_the_whole_image_for_two_points():
    c = theme.PALETTE[0]
    keep = 'vector-effect="non-scaling-stroke"'
    svg = unquote(sparkline_svg(_pts(["2020-01-11", "2020-01-01"], [3.0, 1.0], ["target", "actual"])).split(",", 1)[1])
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 48" preserveAspectRatio="none">'
        '<g fill="none" stroke-linecap="round" stroke-linejoin="round">'
        f'<polyline points="6.0,42.0 294.0,6.0" stroke="{c}" stroke-width="2" {keep}/>'
        f'<path d="M6.0 42.0h0" stroke="{c}" stroke-width="7" {keep}/>'
        f'<path d="M294.0 6.0h0" stroke="{c}" stroke-width="7" {keep}/>'
        f'<path d="M294.0 6.0h0" stroke="#fff" stroke-width="3.5" {keep}/>'
        "</g></svg>")

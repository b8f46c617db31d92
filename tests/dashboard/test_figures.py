"""Figure builders are pure: DataFrame in, Figure out, inspected without a browser."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.figures.bars import count_bar_figure, value_bar_figure
from dashboard.figures.describe import describe_trend
from dashboard.figures.timeline import timeline_figure
from dashboard.figures.trend import trend_figure


def _points(rows):
    cols = ["trace", "label", "date", "period", "value", "unit", "kind", "claim_id", "printed", "section", "line", "org_name", "qualifier"]
    return pd.DataFrame(rows, columns=cols)


MARKET = _points([
    ("World", "World", date(2025, 12, 31), "2025", 3909e8, "USD", "estimate", "c1", "3909 亿美元", "1.1.1", 150, "GVR", "≈"),
    ("World", "World", date(2033, 12, 31), "2033", 3.5e12, "USD", "forecast", "c3", "3.5 万亿美元", "1.1.1", 150, "GVR", "<"),
])


def test_forecast_is_dashed_and_actual_solid():
    fig = trend_figure(MARKET, "Market", "en")
    dashes = {tr.name: tr.line.dash for tr in fig.data}
    assert dashes == {"World": "solid", "World (forecast)": "dash"}
    forecast = next(tr for tr in fig.data if tr.line.dash == "dash")
    assert list(forecast.customdata) == ["c1", "c3"]  # the dashed part continues from the last actual


def test_axis_carries_the_unit_and_values_are_scaled():
    fig = trend_figure(MARKET, "Market", "en")
    assert fig.layout.yaxis.title.text == "USD tn"
    assert list(fig.data[0].y) == [0.3909]
    assert trend_figure(MARKET, "市场", "zh").layout.yaxis.title.text == "万亿美元"


def test_annual_series_use_a_year_axis():
    fig = trend_figure(MARKET, "Market", "en")
    assert list(fig.data[0].x) == [2025]
    assert fig.layout.xaxis.tickformat == "d"


def test_hover_names_the_claim():
    fig = trend_figure(MARKET, "Market", "en")
    text = fig.data[0].hovertext[0]
    assert "3909 亿美元" in text and "§1.1.1" in text and "150" in text and "GVR" in text


def test_empty_points_give_a_message_not_a_blank_chart():
    fig = trend_figure(MARKET.iloc[0:0], "Market", "en")
    assert fig.layout.meta["empty"] is True
    assert "No data" in fig.layout.annotations[0].text
    assert len(fig.data) == 0


def test_mixed_units_are_refused():
    bad = pd.concat([MARKET, MARKET.assign(unit="CNY", trace="China")])
    try:
        trend_figure(bad, "x", "en")
    except ValueError as exc:
        assert "one unit" in str(exc)
    else:
        raise AssertionError("mixed units accepted")


def test_count_bars_highlight_the_selection():
    counts = pd.DataFrame({"key": ["a", "b"], "label": ["A", "B"], "n": [3, 5]})
    fig = count_bar_figure(counts, "t", "en", selected="a")
    colours = dict(zip(fig.data[0].customdata, fig.data[0].marker.color, strict=True))
    assert colours["a"] != colours["b"]


def test_value_bars_mark_forecasts_with_a_pattern():
    pts = MARKET.assign(label=["2025", "2033"], year=[2025, 2033], value_low=None, value_high=None)
    fig = value_bar_figure(pts, "t", "en")
    assert list(fig.data[0].marker.pattern.shape) == ["", "/"]


def test_text_alternative_states_latest_value_and_trend():
    text = describe_trend(MARKET, "Market", "en")
    assert "2033" in text and "$3.5 tn" in text and "8.95×" in text


def test_timeline_groups_events_by_kind_and_jurisdiction():
    ev = pd.DataFrame({"event_id": ["e1", "e2"], "date": [date(2025, 8, 1), date(2024, 8, 1)], "date_precision": ["month", "month"],
                       "jurisdiction": ["CN", "EU"], "title": ["A <b>", "B"], "kind": ["policy", "law"], "body": [None, None],
                       "section": ["1.1.2", "8.2.1"], "line": [156, 3750]})
    fig = timeline_figure(ev, "T", "en", {"policy": "policy", "law": "law"}, {"CN": "China", "EU": "EU"})
    assert {tr.name for tr in fig.data} == {"policy", "law"}
    assert "&lt;b&gt;" in next(tr for tr in fig.data if tr.name == "policy").hovertext[0]


def test_markup_in_data_is_escaped_in_every_figure_text():
    evil = "<a href='https://evil.example'>x</a><img src=x onerror=alert(1)>"
    pts = MARKET.assign(trace=evil, label=evil, year=[2025, 2033], value_low=None, value_high=None)
    trend = trend_figure(pts, "t", "en")
    bars = value_bar_figure(pts, "t", "en")
    counts = count_bar_figure(pd.DataFrame({"key": ["a"], "label": [evil], "n": [1]}), "t", "en")
    texts = [trend.data[0].name, trend.data[0].hovertext[0], *bars.data[0].x, bars.data[0].hovertext[0], *counts.data[0].y]
    for text in texts:
        assert "<a " not in text and "<img" not in text, text
        assert "&lt;a href=" in text or "&lt;img" in text


def test_the_measure_picker_offers_comparable_groups_largest_first():
    from dashboard.components.measures import group_options, in_group, pick

    claims = pd.DataFrame({
        "claim_id": ["c1-0001", "c1-0002", "c1-0003", "c1-0004", "c1-0005", "c1-0006", "c1-0007", "c1-0008", "c1-0009"],
        "indicator_id": ["a", "a", "a", "a", "a", "a", "b", "other", "other"],
        "indicator_name": ["A", "A", "A", "A", "A", "A", "B", "Other", "Other"],
        "unit": ["USD", "USD", "USD", "%", "%", "%", "USD", "count", "count"],
        "kind": ["actual", "actual", "forecast", "cagr", "yoy", "actual", "actual", "actual", "actual"],
    })
    # a in %: three claims, but two are growth rates and one a level -- not one group; `other` is never offered
    options = group_options(claims, "en")
    assert [o["value"] for o in options] == ["a|USD|level", "a|%|growth"]
    assert options[0]["label"] == "A · USD (3)" and options[1]["label"] == "A · growth rate · % (2)"
    assert pick(options, None) == "a|USD|level" and pick(options, "a|%|growth") == "a|%|growth"
    assert pick(options, "b|USD|level") == "a|USD|level"  # a group with one claim is not offered
    assert list(in_group(claims, "a|USD|level")["claim_id"]) == ["c1-0001", "c1-0002", "c1-0003"]
    assert in_group(claims, None).empty and group_options(claims.iloc[0:0], "en") == []


def test_every_value_figure_refuses_points_in_two_units():
    from dashboard.figures.bars import value_bar_figure
    from dashboard.figures.dots import dots_figure
    from dashboard.figures.trend import trend_figure

    pts = pd.DataFrame({"value": [1.0, 2.0], "unit": ["USD", "%"], "label": ["a", "b"], "group": ["x", "y"], "trace": ["t", "t"],
                        "kind": ["actual", "actual"], "claim_id": ["c1", "c2"], "year": [2024, 2025],
                        "period": ["2024", "2025"], "date": [pd.Timestamp(2024, 12, 31).date(), pd.Timestamp(2025, 12, 31).date()]})
    for build, name in ((value_bar_figure, "value_bar_figure"), (dots_figure, "dots_figure"), (trend_figure, "trend_figure")):
        with pytest.raises(ValueError, match=rf"^{name} needs one unit, got \['USD', '%'\]$"):
            build(pts, "t", "en")

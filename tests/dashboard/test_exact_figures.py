"""What a reader sees in each figure (dashboard/figures/*), on hand-written points: trace types, x and y values and
their order, the unit on the value axis, the log axis choice, hover texts, colours from the theme, annotations."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import theme
from dashboard.figures.bars import count_bar_figure, value_bar_figure
from dashboard.figures.common import axis_scale, empty_figure, esc, hover_text, spans_decades, value_axis
from dashboard.figures.describe import describe_counts, describe_trend, describe_values
from dashboard.figures.dots import dots_figure
from dashboard.figures.timeline import band_centres, positions, timeline_figure
from dashboard.figures.trend import add_event_marks, trend_figure
from etl.periods import parse_period

P0, P1, P2 = theme.PALETTE[:3]


def pt(value: float, period: str | None = "2024", trace: str = "A", **kw) -> dict:
    row = {"value": value, "unit": "USD", "period": period, "trace": trace, "label": trace, "kind": "actual", "derived": False,
           "qualifier": None, "value_high": None, "claim_id": f"{trace}-{period}-{value:g}", "printed": None, "method": None,
           "section": None, "line": None, "org_name": None,
           "date": pd.Timestamp(parse_period(period).end) if period else pd.NaT,
           "year": parse_period(period).year if period else None}
    row.update(kw)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def approx(values) -> list:
    return [pytest.approx(v) for v in values]


# -- common -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [("en", "No data for the current filters. Widen the filters to see figures."),
                                            ("zh", "当前筛选条件下没有数据。请放宽筛选条件。")])
def test_the_empty_figure_says_so_in_the_middle_without_axes(lang, text):
    fig = empty_figure(lang, "T")
    (note,) = fig.layout.annotations
    assert note.text == text and note.showarrow is False and (note.x, note.y) == (0.5, 0.5)
    assert (note.xref, note.yref) == ("paper", "paper") and note.font.size == 14 and note.font.color == theme.MUTED
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.meta == {"empty": True} and fig.layout.title.text == "T" and fig.data == ()
    assert empty_figure("en").layout.title.text == ""


def test_esc_escapes_the_markup_plotly_renders():
    assert esc("a & <b>x</b>") == "a &amp; &lt;b&gt;x&lt;/b&gt;" and esc(5) == "5"


HOVER = pd.Series({"label": "Acme <Inc>", "kind": "forecast", "period": "2024", "value": 1e9, "unit": "USD", "qualifier": "≈",
                   "printed": "约 <10 亿美元", "method": "x", "section": "1.1", "line": 10, "org_name": "IDC & co"})


def test_the_hover_names_the_claim_behind_a_point():
    assert hover_text(HOVER, "en") == ("<b>Acme &lt;Inc&gt;</b><br>Period: 2024 · forecast<br>Canonical value: ~$1 bn"
                                       "<br>As printed: 约 &lt;10 亿美元<br>§1.1 · Line 10<br>Credited organisation: IDC &amp; co")
    assert hover_text(HOVER, "zh") == ("<b>Acme &lt;Inc&gt;</b><br>时期: 2024 · 预测<br>标准值: 约10 亿美元"
                                       "<br>原文数字: 约 &lt;10 亿美元<br>§1.1 · 行 10<br>引用机构: IDC &amp; co")


def test_the_hover_of_a_derived_point_gives_its_method():
    row = HOVER.copy()
    row["printed"], row["method"], row["section"], row["org_name"], row["period"], row["label"] = (
        None, "CAGR 30.6%", float("nan"), float("nan"), None, None)
    row["name"], row["kind"], row["qualifier"] = "Series", "derived", None
    assert hover_text(row, "en") == "<b>Series</b><br>Period: – · derived<br>Canonical value: $1 bn<br>Derived: CAGR 30.6%"
    row["method"] = ""
    assert hover_text(row, "en") == "<b>Series</b><br>Period: – · derived<br>Canonical value: $1 bn"
    assert hover_text(row.drop(["name", "label"]), "en").startswith("<b></b><br>")


def test_axis_scale_follows_the_largest_absolute_value():
    assert axis_scale(pd.Series([-5e9, 2e9]), "USD", "en") == (1e9, "USD bn")
    assert axis_scale(pd.Series([-5e9, 2e9]), "USD", "zh") == (1e8, "亿美元")
    assert axis_scale(pd.Series([], dtype=float), "USD", "en") == (1, "USD")


def test_a_value_axis_draws_one_unit():
    pts = frame(pt(5e9), pt(1.0, unit="%"))
    with pytest.raises(ValueError, match=r"^trend_figure needs one unit, got \['USD', '%'\]$"):
        value_axis(pts, "en", "trend_figure")
    assert value_axis(frame(pt(5e9), pt(2e9)), "en", "x") == (1e9, "USD bn")


# -- count bars -------------------------------------------------------------------------------------------------------
COUNTS = pd.DataFrame({"key": ["a", "b", "c"], "label": ["A", "B<", "C"], "n": [5, 2, 1200]})


def test_count_bars_are_horizontal_largest_on_top_with_the_selected_one_highlighted():
    fig = count_bar_figure(COUNTS, "T", "en", selected="a", axis_title="Figures")
    (bar,) = fig.data
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.y) == ["B&lt;", "A", "C"] and list(bar.x) == [2, 5, 1200] and list(bar.customdata) == ["b", "a", "c"]
    assert list(bar.marker.color) == [P0, P1, P0]
    assert list(bar.text) == ["2", "5", "1,200"] and bar.textposition == "outside" and bar.textangle == 0
    assert bar.constraintext == "none" and bar.cliponaxis is False  # written level past the bar, at full size
    assert bar.hovertemplate == "%{y}: %{x}<extra></extra>"
    assert fig.layout.title.text == "T" and fig.layout.xaxis.title.text == "Figures"
    assert list(fig.layout.xaxis.range) == approx([0, 1200 * 1.12])  # room for the longest bar's number
    assert fig.layout.showlegend is False and fig.layout.margin.l == 10 and fig.layout.yaxis.automargin is True
    assert list(count_bar_figure(COUNTS, "T", "en").data[0].marker.color) == [P0, P0, P0]
    assert count_bar_figure(COUNTS, "T", "en").layout.xaxis.title.text in (None, "")


def test_no_counts_draw_the_empty_figure():
    assert count_bar_figure(COUNTS.iloc[0:0], "T", "zh").layout.meta == {"empty": True}


# -- value bars -------------------------------------------------------------------------------------------------------
BARS = frame(
    pt(3e9, "2030", "X", kind="target", qualifier="<", value_high=5e9),
    pt(2e9, "2024", "Y", qualifier="≈"),
    pt(1e9, "2024", "Z"),
    pt(4e9, None, "W", kind="forecast"),
)


def test_value_bars_in_year_then_value_order_with_the_unit_on_the_axis():
    fig = value_bar_figure(BARS, "T", "en")
    (bar,) = fig.data
    assert bar.type == "bar" and list(bar.x) == ["W", "Z", "Y", "X"]
    assert approx(bar.y) == [4, 1, 2, 3] and list(bar.customdata) == ["W-None-4e+09", "Z-2024-1e+09", "Y-2024-2e+09", "X-2030-3e+09"]
    assert fig.layout.yaxis.title.text == "USD bn" and fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.xaxis.tickangle == -30 and fig.layout.showlegend is False and fig.layout.title.text == "T"
    assert value_bar_figure(BARS, "T", "zh").layout.yaxis.title.text == "亿美元"
    assert approx(value_bar_figure(BARS, "T", "zh").data[0].y) == [40, 10, 20, 30]


def test_forecasts_and_targets_are_hatched_in_the_second_colour():
    (bar,) = value_bar_figure(BARS, "T", "en").data
    assert list(bar.marker.color) == [P1, P0, P0, P1] and list(bar.marker.pattern.shape) == ["/", "", "", "/"]


def test_a_bar_label_keeps_the_qualifier_the_book_prints():
    (bar,) = value_bar_figure(BARS, "T", "en").data
    assert list(bar.text) == ["4", "1", "~2", "<3"]  # 近 is stored as <, 约 as ≈
    assert bar.textposition == "outside" and bar.cliponaxis is False
    no_qualifier = BARS.drop(columns="qualifier")
    assert list(value_bar_figure(no_qualifier, "T", "en").data[0].text) == ["4", "1", "2", "3"]
    signs = frame(*[pt(1e9, "2024", q, qualifier=q) for q in (">", "≥", "≤", "?")])
    assert list(value_bar_figure(signs, "T", "en").data[0].text) == [">1", "≥1", "≤1", "1"]


def test_a_range_is_an_error_bar_up_to_its_high_end():
    (bar,) = value_bar_figure(BARS, "T", "en").data
    assert bar.error_y.type == "data" and approx(bar.error_y.array) == [0, 0, 0, 2]
    assert list(bar.error_y.arrayminus) == [0, 0, 0, 0] and bar.error_y.visible is True and bar.error_y.color == theme.MUTED
    assert value_bar_figure(BARS.assign(value_high=None), "T", "en").data[0].error_y.array is None


def test_value_bars_hover_their_claim():
    (bar,) = value_bar_figure(BARS.iloc[2:3], "T", "en").data
    assert list(bar.hovertext) == ["<b>Z</b><br>Period: 2024 · actual<br>Canonical value: $1 bn"] and bar.hoverinfo == "text"
    assert value_bar_figure(BARS.iloc[0:0], "T", "en").layout.meta == {"empty": True}


# -- describe ---------------------------------------------------------------------------------------------------------
TREND = frame(pt(2e9, "2024"), pt(1e9, "2020"), pt(5e9, "2022", "B", qualifier="≈"))


def test_the_text_alternative_of_a_trend_gives_points_latest_value_and_multiple():
    assert describe_trend(TREND, "T", "en") == "T. A: 2 points, latest 2024 at $2 bn, 2× its 2020 value; B: 1 points, latest 2022 at ~$5 bn."
    assert describe_trend(TREND, "T", "zh") == ("T。A：2 个数据点，最新 2024 为 20 亿美元，较 2020 变为 2 倍；"
                                               "B：1 个数据点，最新 2022 为 约50 亿美元。")
    zero = frame(pt(0.0, "2020"), pt(1e9, "2024"))
    assert describe_trend(zero, "T", "en") == "T. A: 2 points, latest 2024 at $1 bn."
    assert describe_trend(TREND.iloc[0:0], "T", "en") == "T: no data." and describe_trend(TREND.iloc[0:0], "T", "zh") == "T：无数据。"


def test_the_text_alternative_of_counts_names_the_three_largest():
    counts = pd.DataFrame({"label": ["a", "b", "c", "d"], "n": [3, 10, 1, 5]})
    assert describe_counts(counts, "T", "en") == "T. 19 figures in 4 groups; most in b (10), d (5), a (3)."
    assert describe_counts(counts, "T", "zh") == "T。共 4 类、19 条数据；最多的是 b（10）、d（5）、a（3）。"
    assert describe_counts(counts.iloc[0:0], "T", "en") == "T: no data." and describe_counts(counts.iloc[0:0], "T", "zh") == "T：无数据。"


def test_the_text_alternative_of_values_names_the_highest_and_lowest():
    pts = frame(pt(2e9, label="b"), pt(5e9, label="c", qualifier=">"), pt(1e9, label="a"))
    assert describe_values(pts, "T", "en") == "T. 3 values; highest >$5 bn (c), lowest $1 bn (a)."
    assert describe_values(pts, "T", "zh") == "T。3 个数值，最高为 c 的 超50 亿美元，最低为 a 的 10 亿美元。"
    assert describe_values(pts.iloc[0:0], "T", "en") == "T: no data." and describe_values(pts.iloc[0:0], "T", "zh") == "T：无数据。"


# -- dots -------------------------------------------------------------------------------------------------------------
DOTS = frame(pt(2.0, None, "X", unit="%", group="X"), pt(10.0, None, "Y", unit="%", group="Y", kind="forecast"),
             pt(1.0, None, "X", unit="%", group="X"), pt(3.0, None, "X", unit="%", group="X"))


def test_dots_are_grouped_by_category_largest_first_and_spread_sideways():
    fig = dots_figure(DOTS, "T", "en")
    (dots,) = fig.data
    assert dots.type == "scatter" and dots.mode == "markers" and dots.showlegend is False
    assert approx(dots.x) == [0.75, 1.0, 1.25, 0.0] and approx(dots.y) == [1, 2, 3, 10]
    assert list(dots.customdata) == ["X-None-1", "X-None-2", "X-None-3", "Y-None-10"]
    assert list(fig.layout.xaxis.tickvals) == [0, 1] and list(fig.layout.xaxis.ticktext) == ["Y", "X"]
    assert list(fig.layout.xaxis.range) == approx([-0.7, 1.7]) and fig.layout.xaxis.tickangle == 0
    assert fig.layout.yaxis.title.text == "%" and list(fig.layout.yaxis.range) == approx([0, 11.2])
    assert fig.layout.title.text == "T"


def test_a_projected_dot_is_open_and_in_the_second_colour():
    (dots,) = dots_figure(DOTS, "T", "en").data
    assert list(dots.marker.color) == [P0, P0, P0, P1]
    assert list(dots.marker.symbol) == ["circle", "circle", "circle", "circle-open"]
    assert dots.marker.size == 11 and dots.marker.line.width == 1.5 and dots.marker.line.color == P0
    assert dots.hoverinfo == "text" and dots.hovertext[0].startswith("<b>X</b><br>Period: – · actual<br>Canonical value: 1%")


def test_two_dots_spread_to_the_strip_edges_and_many_groups_tilt_their_names():
    two = frame(pt(1.0, None, "X", unit="%", group="X"), pt(2.0, None, "X", unit="%", group="X"))
    assert approx(dots_figure(two, "T", "en").data[0].x) == [-0.25, 0.25]
    five = frame(*[pt(float(i + 1), None, c, unit="%", group=c) for i, c in enumerate("abcde")])
    fig = dots_figure(five, "T", "en", by="trace")
    assert fig.layout.xaxis.tickangle == -25 and list(fig.layout.xaxis.ticktext) == ["e", "d", "c", "b", "a"]
    assert approx(fig.data[0].x) == [4, 3, 2, 1, 0]
    assert list(dots_figure(five.iloc[:4], "T", "en", by="trace").layout.xaxis.ticktext) == ["d", "c", "b", "a"]
    assert dots_figure(five.iloc[:4], "T", "en", by="trace").layout.xaxis.tickangle == 0


def test_dots_on_a_log_axis_only_when_every_value_is_positive():
    log = dots_figure(DOTS, "T", "en", log_y=True)
    assert log.layout.yaxis.type == "log" and log.layout.yaxis.range is None and log.layout.yaxis.title.text == "%"
    neg = DOTS.assign(value=[2.0, 10.0, -1.0, 3.0])
    fig = dots_figure(neg, "T", "en", log_y=True)
    assert fig.layout.yaxis.type is None and list(fig.layout.yaxis.range) == approx([-1.1, 11.2])
    low = dots_figure(DOTS.assign(value=[-2.0, -1.0, -4.0, -3.0]), "T", "en")
    assert list(low.layout.yaxis.range) == approx([-4.4, 1])


def test_dots_need_one_unit_and_some_points():
    with pytest.raises(ValueError, match="^dots_figure needs one unit"):
        dots_figure(DOTS.assign(unit=["%", "%", "USD", "%"]), "T", "en")
    assert dots_figure(DOTS.iloc[0:0], "T", "en").layout.meta == {"empty": True}
    assert dots_figure(frame(pt(5e9, None, group="g")), "T", "zh").layout.yaxis.title.text == "亿美元"


# -- sparkline --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("values", "axis"), [([1.0, 100.0], "linear"), ([1.0, 101.0], "log"), ([0.0, 1.0], "linear"),
                                              ([-1.0, 5.0], "linear"), ([0.5, 50.1], "log")])
def test_a_sparkline_spanning_more_than_a_hundredfold_is_drawn_on_a_log_scale(values, axis):
    assert spans_decades(values) is (axis == "log")


# -- timeline ---------------------------------------------------------------------------------------------------------
def event(eid: str, jur: str, date: str, kind: str = "law", precision: str = "day", **kw) -> dict:
    row = {"event_id": eid, "jurisdiction": jur, "date": pd.Timestamp(date), "date_precision": precision, "kind": kind,
           "title": f"T{eid}", "body": None, "section": "2.3", "line": 12, "n_mentions": 1}
    row.update(kw)
    return row


EVENTS = pd.DataFrame([event("e2", "CN", "2024-01-05"), event("e1", "CN", "2024-01-05"), event("e3", "US", "2023-01-01", "policy", "year"),
                       event("e4", "CN", "2022-03-01", "law", "month", body="Body <x>", n_mentions=3)])


def test_bands_are_as_tall_as_their_highest_stack_bottom_to_top_in_reverse_order():
    ev = EVENTS.assign(x0=EVENTS["date"])
    centres, total = band_centres(ev, ["CN", "US"])
    assert centres == {"US": pytest.approx(0.5), "CN": pytest.approx(1.67)} and total == pytest.approx(2.34)
    many = pd.DataFrame([event(f"m{i}", "CN", "2024-01-05") for i in range(7)])
    centres, total = band_centres(many, ["CN", "US"])
    assert centres == {"US": pytest.approx(0.5), "CN": pytest.approx(1 + 2.36 / 2)} and total == pytest.approx(3.36)


def test_events_on_one_date_stack_in_columns_of_five():
    many = pd.DataFrame([event(f"m{i}", "CN", "2024-01-05") for i in range(7)])
    pos = positions(many, ["CN"])
    assert list(pos["event_id"]) == [f"m{i}" for i in range(7)]
    day = pd.Timestamp("2024-01-05")
    assert list(pos["x"]) == [day - dt.timedelta(days=14)] * 5 + [day + dt.timedelta(days=14)] * 2
    centre = 2.36 / 2
    assert approx(pos["y"]) == [centre + (r - 2) * 0.34 for r in range(5)] + [centre - 0.17, centre + 0.17]


def test_events_are_placed_in_their_band_a_year_mid_year():
    pos = positions(EVENTS, ["CN", "US"])
    assert list(pos["event_id"]) == ["e4", "e1", "e2", "e3"]
    assert list(pos["x"]) == [pd.Timestamp("2022-03-01"), pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-05"), pd.Timestamp("2023-07-01")]
    assert approx(pos["y"]) == [1.67, 1.5, 1.84, 0.5]


def test_the_timeline_draws_one_trace_per_kind_with_its_colour_and_symbol():
    kinds = {"law": "Law", "policy": "Policy"}
    geos = {"CN": "China", "US": "United States"}
    fig = timeline_figure(EVENTS, "T", "en", kinds, geos)
    law, policy = fig.data
    assert (law.name, policy.name) == ("Law", "Policy") and law.meta == {"kind": "law"}
    assert law.marker.color == "#000000" and law.marker.symbol == "circle" and policy.marker.symbol == "diamond"
    assert law.marker.line.color == "#000000" and law.marker.size == 10 and law.mode == "markers"
    assert list(law.customdata) == ["e4", "e1", "e2"] and list(policy.customdata) == ["e3"]
    assert list(law.hovertext) == [
        "<b>Te4</b><br>2022-03<br>China · Law<br>Body &lt;x&gt;<br>§2.3 · line 12 (+2)",
        "<b>Te1</b><br>2024-01-05<br>China · Law<br>§2.3 · line 12",
        "<b>Te2</b><br>2024-01-05<br>China · Law<br>§2.3 · line 12"]
    assert list(policy.hovertext) == ["<b>Te3</b><br>2023<br>United States · Policy<br>§2.3 · line 12"]
    assert timeline_figure(EVENTS, "T", "zh", {}, {}).data[1].hovertext[0] == "<b>Te3</b><br>2023<br>US · policy<br>§2.3 · 行 12"


def test_the_timeline_axes_name_the_bands_and_pad_the_dates():
    fig = timeline_figure(EVENTS, "T", "en", {}, {"CN": "China <PRC>"})
    assert list(fig.layout.yaxis.tickvals) == approx([1.67, 0.5]) and list(fig.layout.yaxis.ticktext) == ["China &lt;PRC&gt;", "US"]
    assert list(fig.layout.yaxis.range) == approx([0, 2.34])
    lo, hi = pd.Timestamp("2022-03-01"), pd.Timestamp("2024-01-05")  # 3 % of 22 months is less than 60 days
    pad = pd.Timedelta(days=60)
    assert [pd.Timestamp(x) for x in fig.layout.xaxis.range] == [lo - pad, hi + pad] and fig.layout.xaxis.type == "date"
    wide = timeline_figure(pd.concat([EVENTS, pd.DataFrame([event("e0", "US", "2004-01-05")])]), "T", "en", {}, {})
    lo = pd.Timestamp("2004-01-05")
    pad = (hi - lo) * 0.03
    assert [pd.Timestamp(x) for x in wide.layout.xaxis.range] == [lo - pad, hi + pad]
    (sep,) = fig.layout.shapes
    assert sep.y0 == pytest.approx((0.5 + 1.67) / 2) and sep.line.color == theme.GRID
    assert fig.layout.meta == {"n_events": 4} and fig.layout.legend.orientation == "h" and fig.layout.title.text == "T"
    one = timeline_figure(EVENTS.iloc[:1], "T", "en", {}, {})
    day = pd.Timestamp("2024-01-05")
    assert [pd.Timestamp(x) for x in one.layout.xaxis.range] == [day - pd.Timedelta(days=60), day + pd.Timedelta(days=60)]
    assert timeline_figure(EVENTS.iloc[0:0], "T", "en", {}, {}).layout.meta == {"empty": True}


# -- trend ------------------------------------------------------------------------------------------------------------
LINE = frame(pt(2e9, "2022"), pt(1e9, "2020"), pt(4e9, "2030", kind="forecast"), pt(3e9, "2021", "B"), pt(5e9, "2023", "B"))


def test_an_annual_trend_draws_actuals_solid_and_continues_them_dashed_into_the_forecast():
    fig = trend_figure(LINE, "T", "en")
    a, a_fc, b = fig.data
    assert (a.name, a_fc.name, b.name) == ("A", "A (forecast)", "B")
    assert list(a.x) == [2020, 2022] and approx(a.y) == [1, 2] and a.line.dash == "solid" and a.mode == "lines+markers"
    assert list(a_fc.x) == [2022, 2030] and approx(a_fc.y) == [2, 4] and a_fc.line.dash == "dash"
    assert a.line.color == P0 and a_fc.line.color == P0 and b.line.color == P1 and a.legendgroup == a_fc.legendgroup == "A"
    assert list(a_fc.marker.symbol) == ["circle", "circle-open"] and a.marker.size == 8 and a.line.width == 2.5
    assert a_fc.meta == {"kinds": ["actual", "forecast"], "dashed": True} and a.meta == {"kinds": ["actual", "actual"], "dashed": False}
    assert list(a.customdata) == ["A-2020-1e+09", "A-2022-2e+09"] and a.hoverinfo == "text"
    assert a.hovertext[0] == "<b>A</b><br>Period: 2020 · actual<br>Canonical value: $1 bn"


def test_an_annual_axis_counts_years_and_the_value_axis_names_the_unit():
    fig = trend_figure(LINE, "T", "en")
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert x.type == "linear" and x.tickformat == "d" and x.dtick == 1 and list(x.range) == [2019.5, 2030.5]
    assert y.title.text == "USD bn" and y.type == "linear" and y.rangemode == "tozero" and y.dtick is None
    assert fig.layout.title.text == "T" and fig.layout.legend.orientation == "h" and fig.layout.margin.t == 48
    wide = LINE.assign(period=["2022", "2020", "2031", "2021", "2023"],
                       date=[pd.Timestamp(f"{y}-12-31") for y in (2022, 2020, 2031, 2021, 2023)])
    assert trend_figure(wide, "T", "en").layout.xaxis.dtick == 2
    assert trend_figure(LINE, "T", "zh").layout.yaxis.title.text == "亿美元"


def test_a_log_axis_when_asked():
    y = trend_figure(LINE, "T", "en", log_y=True).layout.yaxis
    assert y.type == "log" and y.dtick == 1 and y.rangemode is None


@pytest.mark.parametrize(("kinds", "en", "zh"), [
    (("target",), "A (target)", "A (目标)"), (("forecast", "target"), "A (forecast / target)", "A (预测 / 目标)"),
    (("derived",), "A", "A"),
])
def test_the_projected_part_is_named_by_its_kinds(kinds, en, zh):
    pts = frame(pt(1e9, "2020"), *[pt(2e9 + i, str(2025 + i), kind=k) for i, k in enumerate(kinds)])
    assert trend_figure(pts, "T", "en").data[-1].name == en and trend_figure(pts, "T", "zh").data[-1].name == zh


def test_a_trace_of_forecasts_only_is_dashed_and_named_a_forecast():
    pts = frame(pt(1e9, "2025", kind="estimate"), pt(2e9, "2030", kind="forecast"), pt(3e9, "2031", "B", kind="target"))
    a, a_fc, b_fc = trend_figure(pts, "T", "en").data
    assert a.name == "A" and list(a.x) == [2025] and a_fc.name == "A (forecast)" and list(a_fc.x) == [2025, 2030]
    assert b_fc.name == "B (target)" and list(b_fc.x) == [2031] and b_fc.line.dash == "dash"


def test_a_derived_path_is_dashed_whole_and_the_printed_figures_beside_it_are_markers_only():
    pts = frame(pt(1e9, "2020"), pt(2e9, "2024"), pt(3e9, "2025", "P", kind="derived", derived=True),
                pt(4e9, "2026", "P", kind="derived", derived=True))
    a, path = trend_figure(pts, "T", "en").data
    assert a.mode == "markers" and a.meta["dashed"] is None and a.marker.size == 11 and list(a.x) == [2020, 2024]
    assert path.mode == "lines+markers" and path.line.dash == "dash" and path.name == "P" and path.line.color == P1
    assert list(path.marker.symbol) == ["circle-open", "circle-open"]


def test_a_finer_trend_is_drawn_on_a_date_axis_a_calendar_year_mid_year():
    pts = frame(pt(1e9, "2024-03"), pt(2e9, "2024"), pt(3e9, "2025H1"))
    fig = trend_figure(pts, "T", "en")
    (a,) = fig.data
    assert [pd.Timestamp(x) for x in a.x] == [pd.Timestamp("2024-03-31"), pd.Timestamp("2024-07-01"), pd.Timestamp("2025-06-30")]
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.hoverformat == "%Y-%m-%d"
    close = frame(pt(1e9, "2024-03"), pt(2e9, "2024-04"))  # 5 % of a month is less than 45 days
    lo, hi = pd.Timestamp("2024-03-31"), pd.Timestamp("2024-04-30")
    assert [pd.Timestamp(x) for x in trend_figure(close, "T", "en").layout.xaxis.range] == [lo - pd.Timedelta(days=45), hi + pd.Timedelta(days=45)]
    wide = frame(pt(1e9, "2014-03"), pt(2e9, "2024"))
    lo, hi = pd.Timestamp("2014-03-31"), pd.Timestamp("2024-07-01")  # the calendar year's point sits mid-year
    pad = (hi - lo) * 0.05
    assert [pd.Timestamp(x) for x in trend_figure(wide, "T", "en").layout.xaxis.range] == [lo - pad, hi + pad]


def test_year_end_periods_count_as_annual():
    pts = frame(pt(1e9, "2024-end"), pt(2e9, "2025"))
    assert trend_figure(pts, "T", "en").layout.xaxis.type == "linear" and list(trend_figure(pts, "T", "en").data[0].x) == [2024, 2025]


def test_a_trend_needs_one_unit_and_some_points():
    with pytest.raises(ValueError, match="^trend_figure needs one unit"):
        trend_figure(LINE.assign(unit=["USD", "USD", "%", "USD", "USD"]), "T", "en")
    assert trend_figure(LINE.iloc[0:0], "T", "en").layout.meta == {"empty": True}


EVENT_MARKS = pd.DataFrame({"date": [pd.Timestamp("2024-01-01"), pd.Timestamp("2022-07-02")], "title": ["Act <1>", "Plan"],
                            "event_id": ["e1", "e2"]})


def test_policy_events_are_marked_along_the_time_axis():
    fig = trend_figure(LINE, "T", "en", events=EVENT_MARKS)
    marks = fig.data[-1]
    assert marks.name == "Policy events" and marks.yaxis == "y2" and marks.mode == "markers" and list(marks.y) == [0.02, 0.02]
    assert approx(marks.x) == [2024.0, 2022 + 182 / 366] and list(marks.customdata) == ["e1", "e2"]
    assert list(marks.hovertext) == ["2024-01 · Act &lt;1&gt;", "2022-07 · Plan"] and marks.hoverinfo == "text"
    assert marks.marker.symbol == "triangle-up" and marks.marker.size == 11 and marks.marker.color == theme.MUTED
    y2 = fig.layout.yaxis2
    assert y2.overlaying == "y" and list(y2.range) == [0, 1] and y2.visible is False and y2.fixedrange is True
    assert trend_figure(LINE, "T", "zh", events=EVENT_MARKS).data[-1].name == "政策事件"
    assert len(trend_figure(LINE, "T", "en", events=EVENT_MARKS.iloc[0:0]).data) == 3


def test_event_marks_on_a_date_axis_keep_their_dates():
    import plotly.graph_objects as go

    fig = go.Figure()
    add_event_marks(fig, EVENT_MARKS, "en")
    assert [pd.Timestamp(x) for x in fig.data[0].x] == list(EVENT_MARKS["date"])


# -- what the survivors of the first mutation run showed untested --------------------------------------------------------
EMPTY_EN = "No data for the current filters. Widen the filters to see figures."


@pytest.mark.parametrize("draw", [
    lambda lang: count_bar_figure(COUNTS.iloc[0:0], "T", lang), lambda lang: value_bar_figure(BARS.iloc[0:0], "T", lang),
    lambda lang: dots_figure(DOTS.iloc[0:0], "T", lang), lambda lang: trend_figure(LINE.iloc[0:0], "T", lang),
    lambda lang: timeline_figure(EVENTS.iloc[0:0], "T", lang, {}, {}),
])
def test_every_empty_figure_keeps_its_title_and_says_so_in_the_language(draw):
    fig = draw("en")
    assert fig.layout.title.text == "T" and fig.layout.annotations[0].text == EMPTY_EN
    assert draw("zh").layout.annotations[0].text == "当前筛选条件下没有数据。请放宽筛选条件。"


def test_value_bars_need_one_unit_and_tilt_their_labels():
    with pytest.raises(ValueError, match=r"^value_bar_figure needs one unit"):
        value_bar_figure(BARS.assign(unit=["USD", "%", "USD", "USD"]), "T", "en")
    assert value_bar_figure(BARS, "T", "en").layout.xaxis.automargin is True


def test_bar_labels_have_three_significant_digits():
    pts = frame(pt(1.2345e9, "2024", "A"), pt(1.2345e9, "2024", "B", qualifier="≈"))
    assert list(value_bar_figure(pts, "T", "en").data[0].text) == ["1.23", "~1.23"]


def test_a_preface_claim_hovers_its_section_by_name():
    row = HOVER.copy()
    row["section"] = "序言"
    assert hover_text(row, "en").endswith("<br>Preface · Line 10<br>Credited organisation: IDC &amp; co")


def test_a_trend_text_keeps_the_series_order_of_the_dates_and_three_digits():
    pts = frame(pt(1e9, "2020", "Z"), pt(1.2345e9, "2024", "Z"), pt(5e9, "2022", "A"))
    assert describe_trend(pts, "T", "en") == "T. Z: 2 points, latest 2024 at $1.234 bn, 1.23× its 2020 value; A: 1 points, latest 2022 at $5 bn."
    assert describe_trend(pts, "T", "zh").startswith("T。Z：2 个数据点，最新 2024 为 12.35 亿美元，较 2020 变为 1.23 倍；A：")


def test_the_lowest_value_keeps_its_qualifier():
    pts = frame(pt(2e9, label="b"), pt(1e9, label="a", qualifier="<"))
    assert describe_values(pts, "T", "en") == "T. 2 values; highest $2 bn (b), lowest <$1 bn (a)."


def test_dots_in_money_are_scaled_on_the_axis_and_the_range():
    pts = frame(pt(2e9, None, group="g"), pt(5e9, None, group="g"))
    fig = dots_figure(pts, "T", "en")
    assert approx(fig.data[0].y) == [2, 5] and list(fig.layout.yaxis.range) == approx([0, 5.6])
    assert fig.layout.yaxis.title.text == "USD bn" and fig.layout.xaxis.tickmode == "array" and fig.layout.xaxis.automargin is True


def test_dots_with_a_zero_stay_linear_and_a_top_at_zero_or_below_one_is_framed():
    zero = frame(pt(0.0, None, group="g", unit="%"), pt(10.0, None, group="g", unit="%"))
    assert dots_figure(zero, "T", "en", log_y=True).layout.yaxis.type is None
    top_zero = frame(pt(-2.0, None, group="g", unit="%"), pt(0.0, None, group="g", unit="%"))
    assert list(dots_figure(top_zero, "T", "en").layout.yaxis.range) == approx([-2.2, 1])
    small = frame(pt(0.5, None, group="g", unit="%"))
    assert list(dots_figure(small, "T", "en").layout.yaxis.range) == approx([0, 0.56])


def test_events_sharing_a_mid_year_position_stack_and_four_fit_one_column():
    ev = pd.DataFrame([event("a", "US", "2023-03-01", "policy", "year"), event("b", "US", "2023-09-01", "policy", "year")])
    pos = positions(ev, ["US"])
    assert list(pos["x"]) == [pd.Timestamp("2023-07-01")] * 2 and approx(pos["y"]) == [0.5, 0.84]
    four = pd.DataFrame([event(f"m{i}", "CN", "2024-01-05") for i in range(4)])
    assert list(positions(four, ["CN"])["x"]) == [pd.Timestamp("2024-01-05")] * 4


def test_timeline_markers_sit_at_their_positions_and_the_axes_are_plain():
    fig = timeline_figure(EVENTS, "T", "en", {}, {})
    law = fig.data[0]
    assert [pd.Timestamp(x) for x in law.x] == [pd.Timestamp("2022-03-01"), pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-05")]
    assert approx(law.y) == [1.67, 1.5, 1.84] and law.marker.line.width == 1.5
    y = fig.layout.yaxis
    assert y.tickmode == "array" and y.automargin is True and y.zeroline is False and y.showgrid is False
    assert fig.layout.shapes[0].line.width == 1 and fig.layout.legend.y == -0.12 and fig.layout.legend.yanchor == "top"


def test_timeline_hovers_count_further_mentions_and_name_the_preface():
    ev = pd.DataFrame([event("a", "CN", "2024-01-05", n_mentions=2, section="序言")])
    assert timeline_figure(ev, "T", "en", {}, {}).data[0].hovertext[0] == "<b>Ta</b><br>2024-01-05<br>CN · law<br>Preface · line 12 (+1)"
    plain = ev.drop(columns="n_mentions")
    assert timeline_figure(plain, "T", "en", {}, {}).data[0].hovertext[0] == "<b>Ta</b><br>2024-01-05<br>CN · law<br>Preface · line 12"


def test_event_marks_on_a_year_axis_sit_at_their_day_of_the_year():
    fig = trend_figure(LINE, "T", "en", events=EVENT_MARKS)
    assert list(fig.data[-1].x) == [2024.0, 2022 + 182 / 366]


def test_trend_traces_keep_the_order_of_the_points_and_mark_other_kinds_with_circles():
    pts = frame(pt(1e9, "2020", "Z"), pt(2e9, "2024", "Z"), pt(3e9, "2020", "A", kind="yoy"), pt(4e9, "2024", "A"))
    z, a = trend_figure(pts, "T", "en").data
    assert (z.name, z.line.color, a.name, a.line.color) == ("Z", P0, "A", P1)
    assert list(a.marker.symbol) == ["circle", "circle"] and a.marker.line.width == 2


def test_the_trend_legend_sits_under_the_chart():
    fig = trend_figure(LINE, "T", "en")
    legend = fig.layout.legend
    assert (legend.y, legend.x, legend.font.size, legend.yanchor) == (-0.12, 0, 11, "top") and fig.layout.margin.b == 40


def test_printed_figures_beside_a_derived_path_keep_their_name():
    pts = frame(pt(1e9, "2020"), pt(3e9, "2025", "P", kind="derived", derived=True))
    assert trend_figure(pts, "T", "en").data[0].name == "A"


def test_negative_money_dots_frame_the_axis_in_the_axis_unit():
    pts = frame(pt(-2e9, None, group="g"), pt(5e9, None, group="g"))
    assert list(dots_figure(pts, "T", "en").layout.yaxis.range) == approx([-2.2, 5.6])


def test_timeline_traces_hover_their_text_and_fall_back_to_the_kind_id():
    fig = timeline_figure(EVENTS, "T", "en", {}, {})
    assert [tr.name for tr in fig.data] == ["law", "policy"] and {tr.hoverinfo for tr in fig.data} == {"text"}

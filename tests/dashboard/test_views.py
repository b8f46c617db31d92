"""Every registered chart tells the truth: like with like, and no point outside its axes -- in its default state and in
filtered states (each industry of chapter 7, each technology area, a jurisdiction, an indicator)."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import pytest

GROWTH = ("cagr", "yoy", "growth")


@pytest.fixture(scope="module")
def registry(data):
    from dashboard.charts_registry import charts
    from dashboard.data import set_current

    set_current(data)
    return charts()


def _states(data, chart) -> list[dict]:
    page = chart.page
    if page == "/sectors":
        return [{}] + [{"sector": [s]} for s in data.sectors["sector"]] + [
            {"sector": list(data.sectors.loc[data.sectors["group"] == "industry", "sector"])}]
    if page == "/explorer":
        top = data.indicators.sort_values("n_claims", ascending=False)["indicator_id"].head(5)
        return [{}] + [{"indicator": [i]} for i in top] + [{"q": ["NIO"]}, {"sector": ["health"]}]
    if page == "/policy":
        return [{}, {"jur": ["CN"]}, {"jur": ["US"]}, {"kind": ["standard"]}, {"from": ["2024"], "to": ["2025"]}]
    return [{}]


def test_every_values_chart_draws_one_measure_in_one_unit_on_one_basis(registry, data):
    checked = 0
    for chart in registry:
        if chart.kind != "values":
            continue
        for state in _states(data, chart):
            for lang in ("en", "zh"):
                pts = chart.view(state, lang).claims
                if pts.empty:
                    continue
                assert pts["indicator_id"].nunique() == 1, (chart.id, state, sorted(set(pts["indicator_id"])))
                assert pts["unit"].nunique() == 1, (chart.id, state, sorted(set(pts["unit"])))
                assert pts["kind"].isin(GROWTH).nunique() == 1, (chart.id, state)
                assert "other" not in set(pts["indicator_id"]), (chart.id, state)
                checked += 1
    assert checked > 60


def test_count_charts_count_figures_or_events(registry, data):
    for chart in registry:
        if chart.kind != "counts":
            continue
        fig = chart.view({}, "en").fig
        bars = [tr for tr in fig.data if tr.type == "bar"]
        assert bars, chart.id
        assert all(float(v) == int(v) for tr in bars for v in tr.x), chart.id  # whole numbers of figures


def _numbers(values) -> list[float]:
    out = []
    for v in values:
        if isinstance(v, int | float) and not pd.isna(v):
            out.append(float(v))
    return out


def _times(values) -> list[pd.Timestamp]:
    out = []
    for v in values:
        if isinstance(v, dt.date | pd.Timestamp | str):
            try:
                out.append(pd.Timestamp(v))
            except ValueError:
                continue
    return out


def test_no_chart_clips_a_point(registry, data):
    for chart in registry:
        for state in _states(data, chart)[:4]:
            fig = chart.view(state, "en").fig
            for axis in ("xaxis", "yaxis"):
                ax = fig.layout[axis]
                if ax.range is None or ax.type == "log" or ax.type == "category":
                    continue
                lo, hi = ax.range
                for tr in fig.data:
                    if getattr(tr, "yaxis", "y") not in (None, "y") and axis == "yaxis":
                        continue  # an overlay axis (policy-event marks)
                    vals = getattr(tr, axis[0])
                    if vals is None:
                        continue
                    if ax.type == "date" or isinstance(lo, str):
                        lo_t, hi_t = pd.Timestamp(lo), pd.Timestamp(hi)
                        assert all(lo_t <= v <= hi_t for v in _times(vals)), (chart.id, state, axis, lo, hi)
                    else:
                        nums = _numbers(vals)
                        assert all(lo <= v <= hi for v in nums), (chart.id, state, axis, lo, hi, nums[:5])


def test_the_ai_share_chart_keeps_its_2023_point_inside_the_axis(data):
    from dashboard.data import set_current
    from dashboard.pages.overview import panel_views

    set_current(data)
    fig = panel_views("overview-ai-share", "en").fig
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    xs = [pd.Timestamp(x) for tr in fig.data for x in tr.x]
    assert min(xs) == pd.Timestamp(2023, 7, 1) and lo < min(xs) and max(xs) < hi


def test_printed_figures_beside_a_cagr_path_are_markers_not_a_line(data):
    from dashboard.data import set_current
    from dashboard.pages.overview import panel_views

    set_current(data)
    fig = panel_views("overview-market", "en").fig
    printed = [tr for tr in fig.data if tr.name == "As printed"]
    path = [tr for tr in fig.data if "CAGR" in (tr.name or "")]
    assert printed and printed[0].mode == "markers"
    assert path and path[0].line.dash == "dash" and len(path[0].x) == 8  # 2026..2033, derived


def test_wide_spans_offer_a_log_scale(data):
    from dashboard.data import set_current
    from dashboard.pages.overview import _wide

    set_current(data)
    assert _wide("overview-tokens")  # 1000亿 -> 140万亿 a day: more than LOG_SPAN (100x)
    assert not _wide("overview-capex")


def _data_view(rows: list) -> tuple[str, list[tuple[str, int]]]:
    """(summary text, [(label, count)]) of a count chart's data view."""
    summary = rows[0].children
    items = rows[1].children if len(rows) > 1 else []
    out = []
    for li in items:
        label, _, n = li.children.children.rpartition(": ")
        out.append((label, int(n)))
    return summary, out


@pytest.mark.parametrize("state", [{}, {"sector": ["ai_chips"]}, {"geo": ["US"]}])
def test_a_count_charts_data_view_lists_exactly_its_bars(data, state):
    from dashboard.components.charts import count_rows
    from dashboard.data import set_current
    from dashboard.pages import sectors

    set_current(data)
    s = sectors._state_from_query({k: v for k, v in state.items()}, "en")
    v = sectors.views(s, "en")
    for key, top in (("by_sector", None), ("by_indicator", sectors.TOP_INDICATORS)):
        bar = v[key].fig.data[0]
        labels = [html.unescape(y) for y in bar.y]  # plotly's labels are escaped (<, &), the data view's are text
        bars = sorted(zip(labels, (int(x) for x in bar.x), strict=True), key=lambda p: (-p[1], p[0]))
        summary, listed = _data_view(count_rows(v[key].claims, key, "en", top))
        assert sorted(listed, key=lambda p: (-p[1], p[0])) == bars, key
        assert summary.startswith(f"Data ({len(bars)} ")
        assert [n for _, n in listed] == sorted((n for _, n in listed), reverse=True)  # largest first, as drawn on top
    assert len(v["by_indicator"].fig.data[0].y) == min(sectors.TOP_INDICATORS, v["by_indicator"].claims["indicator_id"].nunique())

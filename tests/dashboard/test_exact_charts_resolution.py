"""Chart resolution, exactly: the measure picker's groups (dashboard/components/measures.py) and the registry of
exportable charts with the filters of a URL in words (dashboard/charts_registry.py), on a few hand-written rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts_registry
from dashboard.charts_registry import Chart, chart, charts, describe_filters, page_charts
from dashboard.components import measures
from dashboard.data import Data


def row(cid: str, indicator: str, name: str, unit: str, value: float, kind: str = "actual", **kw) -> dict:
    r = {"claim_id": cid, "indicator_id": indicator, "indicator_name": name, "unit": unit, "value": value, "kind": kind,
         "entity": None, "geo": "CN", "geo_name": "China", "period": "2024", "year": 2024, "sector_name": "Energy",
         "qualifier": None, "value_low": None, "value_high": None, "section": "1.1", "line": 10, "org_name": None}
    r.update(kw)
    return r


CLAIMS = pd.DataFrame([
    row("g1", "ai_market_size", "Market size", "%", 30.0, "cagr"),
    row("u1", "ai_market_size", "Market size", "USD", 1e9, entity="Acme"),
    row("c1", "cost_cut", "Cost reduction", "%", 20.0, sector_name="Health", period=None, year=None),
    row("u2", "ai_market_size", "Market size", "USD", 3e9, geo_name="World", period="2020", year=2020),
    row("o1", "other", "Other", "USD", 5e9),
    row("n1", "ai_users", "Users", "count", 7.0),
    row("c2", "cost_cut", "Cost reduction", "%", 40.0, entity="Beta"),
    row("u3", "ai_market_size", "Market size", "USD", 2e9, period="2022", year=2022),
    row("o2", "other", "Other", "USD", 6e9),
    row("g2", "ai_market_size", "Market size", "%", 25.0, "cagr"),
    row("n2", "ai_users", "Users", "count", 9.0),
])

OPTIONS_EN = [
    {"label": "Market size · USD (3)", "value": "ai_market_size|USD|level"},
    {"label": "Cost reduction · % (2)", "value": "cost_cut|%|level"},
    {"label": "Market size · growth rate · % (2)", "value": "ai_market_size|%|growth"},
    {"label": "Users (2)", "value": "ai_users|count|level"},
]


# -- group_options / pick / in_group ----------------------------------------------------------------------------------
def test_the_groups_of_a_selection_largest_first_then_by_name_never_other():
    assert measures.group_options(CLAIMS, "en") == OPTIONS_EN


def test_a_group_of_one_claim_is_not_offered_and_chinese_labels_name_the_unit():
    one = CLAIMS[CLAIMS["claim_id"].isin(["u1", "u2", "c1", "g1", "g2"])]
    assert measures.group_options(one, "zh") == [  # a tie in size and name keeps the selection's order
        {"label": "Market size · 增长率 · % (2)", "value": "ai_market_size|%|growth"},
        {"label": "Market size · 美元 (2)", "value": "ai_market_size|USD|level"},
    ]
    assert measures.group_options(CLAIMS[CLAIMS["indicator_id"] == "other"], "en") == []
    assert measures.group_options(CLAIMS.iloc[0:0], "en") == []


def test_groups_of_one_size_and_name_keep_the_order_of_the_selection_not_of_their_ids():
    tie = CLAIMS[CLAIMS["claim_id"].isin(["u1", "u2", "g1", "g2"])].iloc[[1, 2, 0, 3]]  # USD first
    assert [o["value"] for o in measures.group_options(tie, "en")] == ["ai_market_size|USD|level", "ai_market_size|%|growth"]


def test_pick_keeps_a_known_measure_else_the_first():
    assert measures.pick(OPTIONS_EN, "cost_cut|%|level") == "cost_cut|%|level"
    assert measures.pick(OPTIONS_EN, "nope") == "ai_market_size|USD|level"
    assert measures.pick(OPTIONS_EN, None) == "ai_market_size|USD|level"
    assert measures.pick([], "cost_cut|%|level") is None


def test_in_group_keeps_the_claims_of_one_group():
    assert list(measures.in_group(CLAIMS, "ai_market_size|USD|level")["claim_id"]) == ["u1", "u2", "u3"]
    assert list(measures.in_group(CLAIMS, "ai_market_size|%|growth")["claim_id"]) == ["g1", "g2"]
    for gid in (None, ""):
        none = measures.in_group(CLAIMS, gid)
        assert none.empty and list(none.columns) == list(CLAIMS.columns)
    assert measures.in_group(CLAIMS.iloc[0:0], "cost_cut|%|level").empty


# -- chosen_group ---------------------------------------------------------------------------------------------------
def test_the_chosen_group_is_labelled_by_entity_or_place_and_period():
    pts, options, gid, name = measures.chosen_group(CLAIMS, "cost_cut|%|level", "en")
    assert gid == "cost_cut|%|level" and name == "Cost reduction · % (2)" and options == OPTIONS_EN
    assert list(pts["claim_id"]) == ["c1", "c2"]
    assert list(pts["label"]) == ["China", "Beta · 2024"]
    assert list(pts["trace"]) == ["Health", "Energy"]


def test_without_a_known_pick_the_largest_group_is_chosen():
    pts, _, gid, name = measures.chosen_group(CLAIMS, None, "en")
    assert gid == "ai_market_size|USD|level" and name == "Market size · USD (3)"
    assert list(pts["label"]) == ["Acme · 2024", "World · 2020", "China · 2022"]


def test_a_selection_without_groups_chooses_nothing():
    pts, options, gid, name = measures.chosen_group(CLAIMS[CLAIMS["indicator_id"] == "other"], None, "en")
    assert pts.empty and options == [] and gid is None and name == ""


# -- spans_decades ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("values", "factor", "log"), [
    ([1.0, 101.0], 100, True), ([1.0, 100.0], 100, False), ([101.0, 1.0], 100, True), ([0.0, 1000.0], 100, False),
    ([-1.0, 1000.0], 100, False), ([1.0, 11.0], 10, True), ([1.0, 10.0], 10, False), ([0.5, 60.0], 100, True),
])
def test_a_strip_is_drawn_on_a_log_axis_when_positive_values_span_more_than_the_factor(values, factor, log):
    assert measures.spans_decades(pd.DataFrame({"value": values}), factor) is log


def test_the_default_factor_is_a_hundred():
    assert measures.spans_decades(pd.DataFrame({"value": [1.0, 101.0]})) is True
    assert measures.spans_decades(pd.DataFrame({"value": [1.0, 100.0]})) is False


# -- known_groups / rest_list / dots_view -----------------------------------------------------------------------------
def data(**tables) -> Data:
    return Data(Path("."), {"data_hash": "abcdef123456789", "built_at": "2026-12-01T10:00:00"}, tables)


def test_known_groups_are_every_group_of_the_warehouse_computed_once():
    d = data(claims=CLAIMS)
    known = measures.known_groups(d)
    assert known == {"ai_market_size|USD|level", "ai_market_size|%|growth", "cost_cut|%|level", "ai_users|count|level",
                     "other|USD|level"}
    assert measures.known_groups(d) is known


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    kids = getattr(component, "children", None)
    if kids is None:
        return []
    return [s for k in (kids if isinstance(kids, list) else [kids]) for s in texts(k)]


def test_the_rest_of_the_selection_is_listed_by_measure_then_year():
    rest = measures.rest_list(CLAIMS, "ai_market_size|USD|level", "en")
    assert texts(rest)[0] == "Other figures in this selection (8; not on the chart's axis)"
    assert texts(rest)[1:] == [
        "Cost reduction: 40% — Beta · 2024", "Cost reduction: 20% — China", "Market size: 30% — China · 2024",
        "Market size: 25% — China · 2024", "Other: $5 bn — China · 2024", "Other: $6 bn — China · 2024",
        "Users: 7 — China · 2024", "Users: 9 — China · 2024"]
    summary, ul = rest.children
    assert rest.className == "other-figures mb-2" and summary.className == "small"
    assert ul.className == "list-unstyled small mb-1 ps-2"
    button = ul.children[0].children
    assert button.id == {"type": "claim-row", "claims": "c2"} and button.n_clicks == 0
    assert button.className == "btn btn-link btn-sm p-0 text-start claim-row"


def test_the_rest_list_keeps_qualifiers_and_ranges():
    c = pd.DataFrame([row("q", "cost_cut", "Cost reduction", "%", 20.0, qualifier="≈"),
                      row("r", "cost_cut", "Cost reduction", "%", 20.0, value_low=20.0, value_high=40.0, year=2025)])
    assert texts(measures.rest_list(c, None, "en"))[1:] == ["Cost reduction: ~20% — China · 2024", "Cost reduction: 20–40% — China · 2024"]


def test_the_rest_list_shows_forty_by_default():
    many = pd.concat([CLAIMS] * 4, ignore_index=True)  # 44 rows
    rest = measures.rest_list(many, None, "en")
    assert len(rest.children[1].children) == 40 and texts(rest)[-1] == "4 more in the grid below."
    assert rest.children[2].className == "small text-muted"


def test_the_rest_list_stops_at_its_limit_and_says_how_many_more():
    rest = measures.rest_list(CLAIMS, None, "zh", limit=10)
    assert texts(rest)[0] == "本选择中的其他数字（11 个，不与上图同轴）"
    assert len(rest.children[1].children) == 10
    assert texts(rest)[-1] == "另有 1 个，请在下方表格查看。"
    assert texts(measures.rest_list(CLAIMS, None, "en", limit=10))[-1] == "1 more in the grid below."
    exact = measures.rest_list(CLAIMS, None, "en", limit=11)
    assert len(exact.children) == 2
    assert texts(measures.rest_list(CLAIMS.iloc[0:0], None, "en")) == []


def test_the_rest_list_names_a_claim_without_entity_by_its_place():
    one = pd.DataFrame([row("x", "cost_cut", "Cost reduction", "%", 20.0, geo_name=None, period=None)]).drop(columns="geo_name")
    assert texts(measures.rest_list(one, None, "en"))[1] == "Cost reduction: 20% — CN"


def test_a_dots_view_carries_the_takeaway_in_its_text_alternative_and_its_citation():
    pts, *_ = measures.chosen_group(CLAIMS, "cost_cut|%|level", "en")
    view = measures.dots_view(pts, "Costs", "en", data(), by="trace")
    assert view.takeaway == "2 figures from 2 sectors: median 30%; lowest 20% (China), highest 40% (Beta · 2024)"
    assert view.alt == ("Costs. 2 values; highest 40% (Beta · 2024), lowest 20% (China). "
                        "2 figures from 2 sectors: median 30%; lowest 20% (China), highest 40% (Beta · 2024)")
    assert view.cite == "Costs. Source: 2026 AI+ Industry Blue Book, §1.1 l. 10. AI+ Indicators dashboard, data hash abcdef123456, built 2026-12-01."
    assert list(view.claims["claim_id"]) == ["c1", "c2"]
    assert list(view.fig.layout.xaxis.ticktext) == ["Energy", "Health"] and view.fig.layout.title.text == "Costs"
    assert view.fig.data[0].hovertext[0].startswith("<b>Beta · 2024</b><br>Period: 2024 · actual")
    assert view.fig.layout.yaxis.type is None
    assert measures.dots_view(pts, "Costs", "en", data(), by="trace", log_y=True).fig.layout.yaxis.type == "log"
    zh = measures.dots_view(pts, "成本", "zh", data(), by="trace")
    assert zh.takeaway == "2 个数字，来自 2 个领域：中位数 30%，最低 20%（China），最高 40%（Beta · 2024）"
    assert zh.alt == "成本。2 个数值，最高为 Beta · 2024 的 40%，最低为 China 的 20%。 " + zh.takeaway
    empty = measures.dots_view(pts.iloc[0:0], "Costs", "en", data(), by="trace")
    assert empty.takeaway == "" and empty.alt == "Costs: no data."


# -- the registry ---------------------------------------------------------------------------------------------------
SPECS = pd.DataFrame({
    "chart_id": ["card", "p2", "p1", "elsewhere"], "page": ["overview", "overview", "overview", "sectors"],
    "position": [0, 2, 1, 1], "type": ["card", "line", "bar", "line"],
    "title_zh": ["卡", "二", "一", "别"], "title_en": ["Card", "Two", "One", "Other"],
})
NAMES = {
    "sectors": pd.DataFrame({"sector": ["energy", "health"], "name_zh": ["能源", "医疗"], "name_en": ["Energy", "Health"]}),
    "geo": pd.DataFrame({"geo": ["CN", "US"], "name_zh": ["中国", "美国"], "name_en": ["China", "US"]}),
    "indicators": pd.DataFrame({"indicator_id": ["ai_market_size", "ai_users"], "name_zh": ["市场规模", "用户数"],
                                "name_en": ["Market size", "Users"], "category": ["market", "adoption"]}),
}


@pytest.fixture
def warehouse(monkeypatch):
    d = data(charts=SPECS, **NAMES)
    monkeypatch.setattr("dashboard.data._CURRENT", d)
    return d


FIXED = [("sectors-by-sector", "/sectors", "counts"), ("sectors-by-indicator", "/sectors", "counts"),
         ("sectors-values", "/sectors", "values"), ("explorer-chart", "/explorer", "values"),
         ("policy-timeline", "/policy", "events"), ("policy-counts", "/policy", "values"),
         ("policy-jurisdictions", "/policy", "counts"), ("audit-summary", "/audit", "counts")]


def test_every_exportable_chart_in_order_the_overview_panels_first(warehouse):
    got = [(c.id, c.page, c.kind) for c in charts()]
    assert got == [("p1", "/", "values"), ("p2", "/", "values"), *FIXED]
    assert [c.title("zh") for c in charts()[:2]] == ["一", "二"] and charts()[1].title("en") == "Two"


def test_charts_without_declared_titles_name_a_ui_string(warehouse):
    by_id = {c.id: c for c in charts()}
    assert by_id["sectors-by-sector"].title("en") == "Figures by sector"
    assert by_id["sectors-values"].title("zh") == "同一指标的比较"
    assert by_id["policy-timeline"].title("en") == "Timeline of policies, laws and standards"
    assert by_id["audit-summary"].title("en") == "Findings by check"
    assert by_id["sectors-by-indicator"].title("en") == "Figures by indicator"
    assert by_id["explorer-chart"].title("en") == "The rows in the grid"
    assert by_id["policy-counts"].title("en") == "Governance figures (one measure compared)"
    assert by_id["policy-jurisdictions"].title("en") == "Jurisdiction"
    assert Chart("x", "/", "explorer_chart", lambda q, lang: None).title("en") == "The rows in the grid"
    assert Chart("x", "/", "explorer_chart", lambda q, lang: None, {"zh": "甲", "en": "A"}).title("zh") == "甲"


def test_a_chart_by_id_and_the_charts_of_a_page(warehouse):
    assert chart("policy-counts").page == "/policy" and chart("p2").title("en") == "Two"
    assert chart("nope") is None and chart("card") is None
    assert [c.id for c in page_charts("/policy")] == ["policy-timeline", "policy-counts", "policy-jurisdictions"]
    assert [c.id for c in page_charts("/")] == ["p1", "p2"]
    assert page_charts("/nope") == []


def test_each_chart_draws_its_view_from_its_page(warehouse, monkeypatch):
    from dashboard.pages import audit, explorer, overview, policy, sectors

    monkeypatch.setattr(overview, "panel_views", lambda cid, lang, events: ("overview", cid, lang, events))
    monkeypatch.setattr(sectors, "_state_from_query", lambda q, lang: ("sectors-state", q["sector"][0], lang))
    monkeypatch.setattr(sectors, "views", lambda s, lang: {"values": ("sectors", s, lang), "by_sector": "by-sector",
                                                           "by_indicator": "by-indicator"})
    monkeypatch.setattr(policy, "_state", lambda q: ("policy-state", q["jur"][0]))
    monkeypatch.setattr(policy, "views", lambda s, lang: {"timeline": ("policy", s, lang), "counts": "counts",
                                                          "jur_counts": "jur"})
    monkeypatch.setattr(explorer, "_state", lambda q: {"measure": q["m"][0]})
    monkeypatch.setattr(explorer, "_rows", lambda s, lang: ("rows", s["measure"], lang))
    monkeypatch.setattr(explorer, "_chart", lambda rows, lang, m: ("explorer", rows, lang, m))
    monkeypatch.setattr(audit, "summary_view", lambda lang: ("audit", lang))
    by_id = {c.id: c for c in charts()}
    assert by_id["p1"].view({"events": ["1"]}, "en") == ("overview", "p1", "en", True)
    assert by_id["p2"].view({"events": ["0"]}, "zh") == ("overview", "p2", "zh", False)
    assert by_id["p2"].view({}, "zh") == ("overview", "p2", "zh", False)
    assert by_id["sectors-values"].view({"sector": ["energy"]}, "en") == ("sectors", ("sectors-state", "energy", "en"), "en")
    assert by_id["sectors-by-sector"].view({"sector": ["energy"]}, "en") == "by-sector"
    assert by_id["sectors-by-indicator"].view({"sector": ["energy"]}, "en") == "by-indicator"
    assert by_id["policy-timeline"].view({"jur": ["CN"]}, "zh") == ("policy", ("policy-state", "CN"), "zh")
    assert by_id["policy-counts"].view({"jur": ["CN"]}, "zh") == "counts"
    assert by_id["policy-jurisdictions"].view({"jur": ["CN"]}, "zh") == "jur"
    assert by_id["explorer-chart"].view({"m": ["g"]}, "en") == ("explorer", ("rows", "g", "en"), "en", "g")
    assert by_id["audit-summary"].view({}, "zh") == ("audit", "zh")


# -- describe_filters -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "lang", "text"), [
    ({}, "en", ""),
    ({"sector": ["energy", "nope", "health"]}, "en", "Sector: Energy, Health"),
    ({"sector": ["nope"]}, "en", ""),
    ({"geo": ["CN"], "sector": ["energy"]}, "zh", "行业/领域: 能源; 地区: 中国"),
    ({"jur": ["US"]}, "en", "Jurisdiction: US"),
    ({"cat": ["market"]}, "en", "Indicator category: Market"),
    ({"kind": ["forecast", "cagr", "yoy"]}, "en", "Kind: forecast, CAGR, year-on-year"),
    ({"kind": ["actual", "estimate", "target"]}, "zh", "类型: 实际, 估计, 目标"),
    ({"indicator": ["ai_users"]}, "en", "Indicator: Users"),
    ({"xi": ["ai_market_size"], "xs": ["health"]}, "en", "Chart selection: Market size; Chart selection: Health"),
    ({"from": ["2020"], "to": ["2030"]}, "en", "Years: 2020–2030"),
    ({"from": ["2020"]}, "en", "Years: 2020–…"),
    ({"to": ["2030"]}, "zh", "年份: …–2030"),
    ({"from": ["2020", "2021"], "to": ["2030", "2031"]}, "en", "Years: 2020–2030"),
    ({"q": ["a" * 45]}, "en", "Search (any column): " + "a" * 40),
    ({"q": [""]}, "en", ""),
    ({"q": ["x"], "from": ["2020"], "sector": ["energy"]}, "en", "Sector: Energy; Years: 2020–…; Search (any column): x"),
])
def test_the_filters_of_a_url_in_words(warehouse, query, lang, text):
    assert describe_filters(query, lang) == text


def test_the_registry_reads_the_current_data(warehouse):
    assert charts_registry.current() is warehouse

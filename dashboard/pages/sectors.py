"""Sectors: analysts filter by sector, region, indicator category, years and kind; the views cross-filter."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import urlstate
from dashboard.cite import citation
from dashboard.components import filters
from dashboard.components.charts import ChartView, chart, count_rows, data_rows
from dashboard.components.grid import claims_grid, grid_rows
from dashboard.components.measures import chosen_group, dots_view, known_groups, rest_list, spans_decades
from dashboard.components.provenance import clicked_claim_ids, selected_claim_ids
from dashboard.data import current
from dashboard.figures.bars import count_bar_figure
from dashboard.figures.describe import describe_counts, describe_values
from dashboard.figures.dots import dots_figure
from dashboard.formatting import section_label
from dashboard.i18n import t
from dashboard.queries import claim_details, filter_claims

NAME = "sectors"
PATH = "/sectors"
LABEL = "nav_sectors"
CONTROLS = ("sector", "geo", "cat", "years", "kind", "measure", "undated")


def _state_from_query(query: dict, lang: str) -> dict:
    d = current()
    lo, hi = filters.year_bounds(d)
    y0 = urlstate.pick(query, "from", [str(y) for y in range(lo, hi + 1)], multi=False)
    y1 = urlstate.pick(query, "to", [str(y) for y in range(lo, hi + 1)], multi=False)
    years = [int(y0) if y0 else lo, int(y1) if y1 else hi]
    if years[0] > years[1]:
        years = [lo, hi]
    return {
        "sector": urlstate.pick(query, "sector", d.sectors["sector"]),
        "geo": urlstate.pick(query, "geo", d.geo["geo"]),
        "cat": urlstate.pick(query, "cat", d.indicators["category"]),
        "years": years,
        "kind": urlstate.pick(query, "kind", filters.KIND_OPTIONS),
        "measure": _measure_from_query(query),
        "undated": (query.get("undated") or ["1"])[0] != "0",
        "xfilter": {
            "sector": urlstate.pick(query, "xs", d.sectors["sector"], multi=False),
            "indicator": urlstate.pick(query, "xi", d.indicators["indicator_id"], multi=False),
        },
    }


def _measure_from_query(query: dict) -> str | None:
    """A comparable group id (measure|unit|basis) from ?m=, kept only when the warehouse has that group."""
    groups = known_groups(current())
    return urlstate.pick(query, "m", groups, multi=False)


def _query(state: dict, lang: str) -> str:
    d = current()
    lo, hi = filters.year_bounds(d)
    years = state["years"] or [lo, hi]
    xf = state["xfilter"] or {}
    return urlstate.build({
        "lang": lang, "sector": state["sector"], "geo": state["geo"], "cat": state["cat"],
        "from": years[0] if years[0] != lo else None, "to": years[1] if years[1] != hi else None,
        "kind": state["kind"], "xs": xf.get("sector"), "xi": xf.get("indicator"), "m": state.get("measure"),
        "undated": None if state.get("undated", True) else "0",
    })


def layout(query: dict, lang: str):
    d = current()
    s = _state_from_query(query, lang)
    v = views(s, lang)  # the page arrives drawn: its callbacks run only when a filter changes
    controls = html.Div(
        [
            filters.labelled(t("filter_sector", lang), filters.dropdown("sectors-sector", filters.sector_options(d, lang), s["sector"], lang), "sectors-sector"),
            filters.labelled(t("filter_geo", lang), filters.dropdown("sectors-geo", filters.geo_options(d, lang), s["geo"], lang), "sectors-geo"),
            filters.labelled(t("filter_category", lang), filters.dropdown("sectors-cat", filters.category_options(d, lang), s["cat"], lang), "sectors-cat"),
            filters.labelled(t("filter_kind", lang), filters.dropdown("sectors-kind", filters.kind_options(lang), s["kind"], lang), "sectors-kind"),
            filters.labelled(t("filter_period", lang), filters.year_slider("sectors-years", filters.year_bounds(d), s["years"]), "sectors-years",
                             width="col-12 col-lg-9", lang=lang),
            html.Div([dcc.Checklist(id="sectors-undated", options=[{"label": " " + t("undated_include", lang), "value": "1"}],
                                    value=["1"] if s["undated"] else [], className="small"),
                      html.Div(v["undated"], id="sectors-undated-count", className="small text-muted", role="status")],
                     className="col-12 col-lg-3 mb-2 align-self-end"),
        ],
        className="row g-2 mb-2",
        role="search",
    )
    return html.Div(
        [
            html.H1(t("sectors_title", lang), className="h4 mb-3"),
            controls,
            html.Div(
                [html.Span(v["status"], id="sectors-xfilter-status", className="me-3 small", role="status"),
                 dbc.Button(t("clear_selection", lang), id="sectors-clear", color="secondary", outline=True, size="sm")],
                className="d-flex align-items-center mb-3",
            ),
            dcc.Store(id="sectors-xfilter", data=s["xfilter"]),
            dbc.Row(
                [
                    dbc.Col(_frame("sectors-by-sector", v["by_sector"], lang, 420, _count_data(v, "by_sector", lang)),
                            xs=12, lg=6, className="mb-3"),
                    dbc.Col(_frame("sectors-by-indicator", v["by_indicator"], lang, 420,
                                   _count_data(v, "by_indicator", lang)), xs=12, lg=6, className="mb-3"),
                ]
            ),
            html.Div(urlstate.ignored_note(query, {"sector": d.sectors["sector"], "geo": d.geo["geo"], "cat": d.indicators["category"],
                                                   "kind": filters.KIND_OPTIONS}, lang), id="sectors-ignored"),
            filters.labelled(t("measure_picker", lang), dcc.Dropdown(id="sectors-measure", options=v["options"], value=s["measure"], clearable=True,
                                                                  placeholder=t("measure_largest", lang)), "sectors-measure",
                             width="col-12 col-lg-8"),
            dbc.Row(dbc.Col(_frame("sectors-values", v["values"], lang, 400, data_rows(v["values"].claims, lang)), xs=12,
                            className="mb-1")),
            html.Div(v["rest"], id="sectors-rest", className="mb-3"),
            html.H2(t("case_companies", lang), className="h5"),
            html.Div(v["companies"], id="sectors-companies", className="mb-3"),
            html.H2([t("claims_grid", lang), html.Span(v["count"], id="sectors-count", className="badge bg-secondary ms-2", role="status")],
                    className="h5"),
            claims_grid("sectors-grid", lang, v["rows"], height=420),
        ]
    )


def _count_data(views: dict, key: str, lang: str) -> list:
    """A count chart's data view: the bars it draws (the indicator chart only its largest TOP_INDICATORS)."""
    return count_rows(views[key].claims, key, lang, TOP_INDICATORS if key == "by_indicator" else None)


def _frame(chart_id: str, view: ChartView, lang: str, height: int, data: list):
    """The chart's frame, drawn in the page itself; the page's callbacks redraw it when a filter changes."""
    return chart(chart_id, view.fig, view.alt, view.cite, lang, height, takeaway=view.takeaway, data=data)


@callback(
    Output("sectors-url", "search"),
    Output("sectors-sector", "value"),
    Output("sectors-geo", "value"),
    Output("sectors-cat", "value"),
    Output("sectors-years", "value"),
    Output("sectors-kind", "value"),
    Output("sectors-measure", "value"),
    Output("sectors-undated", "value"),
    Output("sectors-xfilter", "data"),
    Input("sectors-url", "search"),
    Input("sectors-sector", "value"),
    Input("sectors-geo", "value"),
    Input("sectors-cat", "value"),
    Input("sectors-years", "value"),
    Input("sectors-kind", "value"),
    Input("sectors-measure", "value"),
    Input("sectors-undated", "value"),
    Input("sectors-xfilter", "data"),
    Input("sectors-by-sector", "clickData"),
    Input("sectors-by-indicator", "clickData"),
    Input("sectors-clear", "n_clicks"),
    State("sectors-url", "pathname"),
    prevent_initial_call=True,
)
def sync(search, sector, geo, cat, years, kind, measure, undated, xfilter, click_sector, click_indicator, _clear, pathname):
    """One callback keeps URL, controls and chart selection in step (Dash allows a cycle only within one callback)."""
    if pathname != PATH:
        return (no_update,) * 9
    lang = urlstate.lang(search)
    trig = ctx.triggered_id
    current_state = {"sector": sector or [], "geo": geo or [], "cat": cat or [], "years": years, "kind": kind or [],
                     "measure": measure or None, "undated": bool(undated),
                     "xfilter": xfilter if isinstance(xfilter, dict) else {}}
    if trig == "sectors-url":
        s = _state_from_query(urlstate.parse(search), lang)
        outs = [s[k] if s[k] != current_state[k] else no_update for k in (*CONTROLS, "xfilter")]
        if outs[6] is not no_update:
            outs[6] = ["1"] if s["undated"] else []
        return (no_update, *outs)
    xf = dict(current_state["xfilter"])
    if trig == "sectors-clear":
        xf = {"sector": None, "indicator": None}
    elif trig in ("sectors-by-sector", "sectors-by-indicator"):
        key = "sector" if trig == "sectors-by-sector" else "indicator"
        clicked = (click_sector if key == "sector" else click_indicator) or {}
        pts = clicked.get("points") or [{}]
        value = pts[0].get("customdata") if isinstance(pts[0], dict) else None
        if isinstance(value, str):
            xf[key] = None if xf.get(key) == value else value
    current_state["xfilter"] = xf
    new_search = _query(current_state, lang)
    return (
        new_search if new_search != (search or "") else no_update,
        no_update, no_update, no_update, no_update, no_update, no_update, no_update,
        xf if xf != xfilter else no_update,
    )


def _key(s: dict) -> tuple:
    xf = s["xfilter"] if isinstance(s["xfilter"], dict) else {}
    return (*(tuple(s[k] or ()) for k in ("sector", "geo", "cat", "years", "kind")), xf.get("sector"), xf.get("indicator"),
            bool(s.get("undated", True)), s.get("measure"))


def _selection(s: dict, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(claims for the sector chart, for the indicator chart, selected by both): each view follows the filters and the
    other views' selection, not its own."""
    def compute():
        d = current()
        xf = s["xfilter"] if isinstance(s["xfilter"], dict) else {}
        years = tuple(s["years"]) if isinstance(s["years"], list | tuple) and len(s["years"]) == 2 else None
        base = filter_claims(claim_details(d, lang), sectors=s["sector"], geos=s["geo"], categories=s["cat"], years=years, kinds=s["kind"],
                             include_undated=bool(s.get("undated", True)))
        by_sector_src = filter_claims(base, indicators=[xf["indicator"]] if xf.get("indicator") else None)
        by_ind_src = filter_claims(base, sectors=[xf["sector"]] if xf.get("sector") else None)
        selected = filter_claims(by_ind_src, indicators=[xf["indicator"]] if xf.get("indicator") else None)
        return by_sector_src, by_ind_src, selected

    return current().memo(("sectors-selection", lang, *_key(s)), compute)


def _part(s: dict, lang: str, name: str) -> dict:
    """One of the page's independently drawn parts: the two count charts, the values chart, the data."""
    def compute():
        d = current()
        xf = s["xfilter"] if isinstance(s["xfilter"], dict) else {}
        by_sector_src, by_ind_src, selected = _selection(s, lang)
        if name == "by_sector":
            return {"by_sector": _by_sector(by_sector_src, xf.get("sector"), lang, d)}
        if name == "by_indicator":
            return {"by_indicator": _by_indicator(by_ind_src, xf.get("indicator"), lang, d)}
        if name == "values":
            return _values(selected, s.get("measure"), lang, d)
        return {"companies": _companies(selected, lang), "rows": grid_rows(selected, lang),
                "count": f"{len(selected)} {t('n_rows', lang)}", "status": _status(xf, lang, d),
                "undated": t("undated_count", lang).format(n=int(selected["year"].isna().sum()))}

    return current().memo(("sectors", name, lang, *_key(s)), compute)


def views(s: dict, lang: str) -> dict:
    """Everything the page shows for a filter state: figures with their text alternatives and citations, grid rows."""
    return {**_part(s, lang, "by_sector"), **_part(s, lang, "by_indicator"), **_part(s, lang, "values"), **_part(s, lang, "data")}


_FILTERS = (Input("sectors-sector", "value"), Input("sectors-geo", "value"), Input("sectors-cat", "value"),
            Input("sectors-years", "value"), Input("sectors-kind", "value"), Input("sectors-xfilter", "data"),
            Input("sectors-undated", "value"), State("url", "search"))
UPDATE_OUTPUTS = [("sectors-companies", "children"), ("sectors-grid", "rowData"), ("sectors-count", "children"),
                  ("sectors-xfilter-status", "children"), ("sectors-undated-count", "children")]


def _state(sector, geo, cat, years, kind, xfilter, undated=("1",), measure=None) -> dict:
    return {"sector": sector, "geo": geo, "cat": cat, "years": years, "kind": kind, "xfilter": xfilter,
            "undated": bool(undated), "measure": measure}


@callback([Output(i, p) for i, p in UPDATE_OUTPUTS], *_FILTERS, prevent_initial_call=True)
def update(sector, geo, cat, years, kind, xfilter, undated, search):
    v = _part(_state(sector, geo, cat, years, kind, xfilter, undated), urlstate.lang(search), "data")
    return v["companies"], v["rows"], v["count"], v["status"], v["undated"]


def _register_count_chart(chart_id: str, part: str, key: str) -> None:
    @callback(Output(chart_id, "figure"), Output(f"{chart_id}-alt", "children"), Output(f"{chart_id}-cite", "children"),
              Output(f"{chart_id}-data", "children"), *_FILTERS, prevent_initial_call=True)
    def draw(sector, geo, cat, years, kind, xfilter, undated, search):
        lang = urlstate.lang(search)
        view = _part(_state(sector, geo, cat, years, kind, xfilter, undated), lang, part)[key]
        return view.fig, view.alt, view.cite, _count_data({key: view}, key, lang)


_register_count_chart("sectors-by-sector", "by_sector", "by_sector")
_register_count_chart("sectors-by-indicator", "by_indicator", "by_indicator")


@callback(Output("sectors-values", "figure"), Output("sectors-values-alt", "children"), Output("sectors-values-cite", "children"),
          Output("sectors-values-data", "children"), Output("sectors-values-takeaway", "children"), Output("sectors-rest", "children"),
          Output("sectors-measure", "options"), *_FILTERS, Input("sectors-measure", "value"), prevent_initial_call=True)
def update_values(sector, geo, cat, years, kind, xfilter, undated, search, measure):
    lang = urlstate.lang(search)
    v = _part(_state(sector, geo, cat, years, kind, xfilter, undated, measure), lang, "values")
    view = v["values"]
    return view.fig, view.alt, view.cite, data_rows(view.claims, lang), view.takeaway, v["rest"], v["options"]


def _status(xf: dict, lang: str, d) -> str:
    sectors = dict(zip(d.sectors["sector"], d.sectors[f"name_{lang}"], strict=True))
    indicators = dict(zip(d.indicators["indicator_id"], d.indicators[f"name_{lang}"], strict=True))
    parts = [names[xf[key]] for key, names in (("sector", sectors), ("indicator", indicators)) if xf.get(key) in names]
    return f"{t('crossfilter_active', lang)}: " + " · ".join(parts) if parts else t("crossfilter_none", lang)


def _by_sector(claims: pd.DataFrame, selected: str | None, lang: str, d):
    title = t("chart_by_sector", lang)
    counts = claims.groupby(["sector", "sector_name"]).size().reset_index(name="n").rename(columns={"sector": "key", "sector_name": "label"})
    fig = count_bar_figure(counts, title, lang, selected, t("n_figures", lang))
    return ChartView(fig, describe_counts(counts, title, lang), citation(title, claims, d.data_hash, d.built, lang), claims)


TOP_INDICATORS = 15  # the indicator chart draws the fifteen with most figures (its data view lists the same fifteen)


def _by_indicator(claims: pd.DataFrame, selected: str | None, lang: str, d):
    title = t("chart_by_indicator", lang)
    counts = (claims.groupby(["indicator_id", "indicator_name"]).size().reset_index(name="n")
              .rename(columns={"indicator_id": "key", "indicator_name": "label"}).nlargest(TOP_INDICATORS, "n"))
    fig = count_bar_figure(counts, title, lang, selected, t("n_figures", lang))
    return ChartView(fig, describe_counts(counts, title, lang), citation(title, claims, d.data_hash, d.built, lang), claims)


def _values(claims: pd.DataFrame, measure: str | None, lang: str, d) -> dict:
    """One comparable group of the selection (the picked one, else the largest) as dots, grouped by industry when the
    selection spans several sectors, else by subject; the rest of the selection listed, not drawn."""
    pts, options, gid, name = chosen_group(claims, measure, lang)
    if pts.empty:
        title = t("chart_compare", lang)
        view = ChartView(dots_figure(pts, title, lang), describe_values(pts, title, lang), "", pts, "")
        return {"values": view, "rest": rest_list(claims, None, lang), "options": options}
    by = "sector_name" if pts["sector"].nunique() > 1 else "label"
    view = dots_view(pts, f"{t('chart_compare', lang)}: {name}", lang, d, by, spans_decades(pts))
    return {"values": view, "rest": rest_list(claims, gid, lang), "options": options}


def _companies(claims: pd.DataFrame, lang: str):
    """Chapter-7 case companies with up to twelve of their figures each (thirty companies at most)."""
    cos = claims[claims["entity"].notna() & claims["sector"].isin(current().sectors.query("group == 'industry'")["sector"])]
    if cos.empty:
        return html.P(t("empty", lang), className="text-muted small")
    rows = cos[["entity", "printed", "indicator_name", "period", "about", "section", "line"]].to_dict("records")
    by_entity: dict[str, list[dict]] = {}
    for r in rows:
        by_entity.setdefault(r["entity"], []).append(r)
    cards = []
    for entity, figures in list(by_entity.items())[:30]:
        items = [html.Li([html.Strong(r["printed"]), f" · {r['indicator_name']}" + (f" · {r['period']}" if isinstance(r["period"], str) else "")
                          + (f" — {r['about']}" if isinstance(r["about"], str) else ""),
                          html.Span(f" {section_label(r['section'], lang)}:{int(r['line'])}", className="text-muted")], className="small")
                 for r in figures[:12]]
        cards.append(dbc.Col(dbc.Card(dbc.CardBody([html.H3(entity, className="h6"), html.Ul(items, className="mb-0 ps-3")]),
                                      className="h-100"), xs=12, md=6, xl=4, className="mb-2"))
    return dbc.Row(cards)


@callback(
    Output("claim-selected", "data", allow_duplicate=True),
    Input("sectors-values", "clickData"),
    Input("sectors-grid", "selectedRows"),
    prevent_initial_call=True,
)
def select_claim(click, rows):
    ids = selected_claim_ids(rows) if ctx.triggered_id == "sectors-grid" else clicked_claim_ids(click)
    return ids or no_update



def canonical(query: dict, lang: str) -> str:
    """The page's URL state in `lang`, with only the values the page knows (what the language switch carries)."""
    return _query(_state_from_query(query, lang), lang)

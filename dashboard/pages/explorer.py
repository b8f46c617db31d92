"""Explorer: every claim in a grid linked to a chart of the rows shown; downloads of exactly those rows."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import urlstate
from dashboard.components import filters
from dashboard.components.charts import ChartView, chart, data_rows
from dashboard.components.grid import (
    claims_grid,
    grid_filter_from_url,
    grid_filter_to_url,
    grid_rows,
    grid_sort_from_url,
    grid_sort_to_url,
)
from dashboard.components.measures import (
    chosen_group,
    dots_view,
    group_options,
    known_groups,
    pick,
    rest_list,
    spans_decades,
)
from dashboard.components.provenance import clicked_claim_ids, selected_claim_ids
from dashboard.data import current
from dashboard.downloads import csv_bytes, export_frame, filename, parquet_bytes
from dashboard.figures.describe import describe_values
from dashboard.figures.dots import dots_figure
from dashboard.i18n import t
from dashboard.queries import claim_details, filter_claims

NAME = "explorer"
PATH = "/explorer"
LABEL = "nav_explorer"
MAX_QUERY = 100


def _state(query: dict) -> dict:
    d = current()
    q = (query.get("q") or [""])[0][:MAX_QUERY]
    groups = known_groups(d)
    return {
        "q": q,
        "sector": urlstate.pick(query, "sector", d.sectors["sector"]),
        "indicator": urlstate.pick(query, "indicator", d.indicators["indicator_id"]),
        "measure": urlstate.pick(query, "m", groups, multi=False),
        "filter": grid_filter_from_url((query.get("gf") or [None])[0]),
        "sort": grid_sort_from_url((query.get("sort") or [None])[0]),
    }


def _rows(s: dict, lang: str) -> pd.DataFrame:
    c = filter_claims(claim_details(current(), lang), sectors=s["sector"], indicators=s["indicator"])
    q = (s["q"] or "").strip().lower()
    if q:
        hay = (c["claim_id"] + " " + c["printed"] + " " + c["indicator_name"].fillna("") + " " + c["entity"].fillna("") + " "
               + c["about"].fillna("") + " " + c["sector_name"].fillna("") + " " + c["geo"] + " " + c["period"].fillna("")).str.lower()
        c = c[hay.str.contains(q, regex=False)]
    return c


def indicator_options(lang: str) -> list[dict]:
    ind = current().indicators
    ind = ind[ind["n_claims"] > 0]
    return [{"label": f"{r[f'name_{lang}']} ({int(r['n_claims'])})", "value": r["indicator_id"]} for _, r in ind.iterrows()]


def layout(query: dict, lang: str):
    d = current()
    s = _state(query)
    rows = _rows(s, lang)
    fig, alt, cite = _chart(rows, lang, s["measure"])[:3]
    return html.Div(
        [
            html.H1(t("explorer_title", lang), className="h4 mb-2"),
            html.P(t("explorer_hint", lang), className="small text-muted"),
            html.Div(
                [
                    filters.labelled(t("explorer_search", lang), dcc.Input(id="explorer-q", value=s["q"], type="search", debounce=True,
                                                                           maxLength=MAX_QUERY, className="form-control"), "explorer-q"),
                    filters.labelled(t("filter_sector", lang), filters.dropdown("explorer-sector", filters.sector_options(d, lang), s["sector"], lang),
                                     "explorer-sector"),
                    filters.labelled(t("explorer_indicator", lang), filters.dropdown("explorer-indicator", indicator_options(lang), s["indicator"], lang),
                                     "explorer-indicator"),
                    html.Div(
                        [dbc.Button(t("download_csv", lang), id="explorer-csv", color="primary", size="sm", className="me-2"),
                         dbc.Button(t("download_parquet", lang), id="explorer-parquet", color="secondary", size="sm"),
                         dcc.Download(id="explorer-download")],
                        className="col-12 col-xl-3 d-flex align-items-end mb-2",
                    ),
                ],
                className="row g-2",
                role="search",
            ),
            html.Div([html.Span(f"{len(rows)} {t('n_rows', lang)}", id="explorer-count", className="badge bg-secondary",
                                role="status")], className="mb-2"),
            html.Div(urlstate.ignored_note(query, {"sector": d.sectors["sector"], "indicator": d.indicators["indicator_id"]}, lang)),
            claims_grid("explorer-grid", lang, grid_rows(rows, lang), height=460, filter_model=s["filter"], sort=s["sort"]),
            filters.labelled(t("measure_picker", lang), dcc.Dropdown(id="explorer-measure", options=group_options(rows, lang),
                                                                  value=s["measure"], clearable=True,
                                                                  placeholder=t("measure_largest", lang)), "explorer-measure",
                             width="col-12 col-lg-8 mt-3"),
            html.Div(chart("explorer-chart", fig, alt, cite, lang, 380), className="mt-1"),
            html.Div(id="explorer-rest", className="mb-3"),
        ]
    )


def _chart(rows: pd.DataFrame, lang: str, measure: str | None = None) -> ChartView:
    """One comparable group of the rows shown (the picked one, else the largest), one dot per claim by subject."""
    d = current()
    pts, _, _, name = chosen_group(rows, measure, lang)
    if pts.empty:
        title = t("explorer_chart", lang)
        return ChartView(dots_figure(pts, title, lang), describe_values(pts, title, lang), "", pts, "")
    by = "sector_name" if pts["sector"].nunique() > 1 else "label"
    return dots_view(pts, f"{t('explorer_chart', lang)}: {name}", lang, d, by, spans_decades(pts))


@callback(
    Output("explorer-url", "search"),
    Output("explorer-q", "value"),
    Output("explorer-sector", "value"),
    Output("explorer-indicator", "value"),
    Output("explorer-measure", "value"),
    Input("explorer-url", "search"),
    Input("explorer-q", "value"),
    Input("explorer-sector", "value"),
    Input("explorer-indicator", "value"),
    Input("explorer-measure", "value"),
    Input("explorer-grid", "filterModel"),
    Input("explorer-grid", "columnState"),
    State("explorer-url", "pathname"),
    prevent_initial_call=True,
)
def sync(search, q, sector, indicator, measure, filter_model, column_state, pathname):
    """URL <-> controls, the grid's filters and sort included (?gf=..., ?sort=col:asc)."""
    if pathname != PATH:
        return (no_update,) * 5
    lang = urlstate.lang(search)
    if ctx.triggered_id == "explorer-url":
        s = _state(urlstate.parse(search))
        cur = {"q": q or "", "sector": sector or [], "indicator": indicator or [], "measure": measure or None}
        return (no_update, *[s[k] if s[k] != cur[k] else no_update for k in ("q", "sector", "indicator", "measure")])
    new = _query({"q": q, "sector": sector, "indicator": indicator, "measure": measure, "filter": filter_model,
                  "sort": grid_sort_to_url(column_state)}, lang)
    return (new if new != (search or "") else no_update, no_update, no_update, no_update, no_update)


@callback(
    Output("explorer-grid", "rowData"),
    Output("explorer-count", "children"),
    Input("explorer-q", "value"),
    Input("explorer-sector", "value"),
    Input("explorer-indicator", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_rows(q, sector, indicator, search):
    lang = urlstate.lang(search)
    rows = _rows({"q": (q or "")[:MAX_QUERY], "sector": sector, "indicator": indicator}, lang)
    return grid_rows(rows, lang), f"{len(rows)} {t('n_rows', lang)}"


@callback(
    Output("explorer-chart", "figure"),
    Output("explorer-chart-alt", "children"),
    Output("explorer-chart-cite", "children"),
    Output("explorer-chart-data", "children"),
    Output("explorer-chart-takeaway", "children"),
    Output("explorer-rest", "children"),
    Output("explorer-measure", "options"),
    Output("explorer-count", "children", allow_duplicate=True),
    Input("explorer-grid", "virtualRowData"),
    Input("explorer-measure", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update_chart(virtual_rows, measure, search):
    """The chart, and the row count (a live region), follow the rows the grid shows: its own column filters too."""
    lang = urlstate.lang(search)
    claims = claim_details(current(), lang)
    rows = claims[claims["claim_id"].isin(set(selected_claim_ids(virtual_rows)))]
    view = _chart(rows, lang, measure)
    gid = pick(group_options(rows, lang), measure)
    return (view.fig, view.alt, view.cite, data_rows(view.claims, lang), view.takeaway, rest_list(rows, gid, lang),
            group_options(rows, lang), f"{len(rows)} {t('n_rows', lang)}")


@callback(
    Output("explorer-download", "data"),
    Input("explorer-csv", "n_clicks"),
    Input("explorer-parquet", "n_clicks"),
    State("explorer-grid", "virtualRowData"),
    State("explorer-q", "value"),
    State("explorer-sector", "value"),
    State("explorer-indicator", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def download(_csv, _pq, virtual_rows, q, sector, indicator, search):
    lang = urlstate.lang(search)
    ids = selected_claim_ids(virtual_rows)
    claims = claim_details(current(), lang)
    rows = claims.set_index("claim_id").loc[[i for i in ids if i in set(claims["claim_id"])]].reset_index()
    df = export_frame(rows)
    filt = {"q": q, "sector": sector, "indicator": indicator}
    if len(rows) != len(claims) and not any([q, sector, indicator]):
        filt["grid"] = "filtered"
    if ctx.triggered_id == "explorer-parquet":
        return dcc.send_bytes(parquet_bytes(df), filename("claims", filt, lang, "parquet"))
    return dcc.send_bytes(csv_bytes(df), filename("claims", filt, lang, "csv"))


@callback(
    Output("claim-selected", "data", allow_duplicate=True),
    Input("explorer-grid", "selectedRows"),
    Input("explorer-chart", "clickData"),
    prevent_initial_call=True,
)
def select_claim(rows, click):
    ids = selected_claim_ids(rows) if ctx.triggered_id == "explorer-grid" else clicked_claim_ids(click)
    return ids or no_update


def _query(s: dict, lang: str) -> str:
    """The URL of a state: search, filters, measure, the grid's filters and sort ('col:asc')."""
    return urlstate.build({"lang": lang, "q": (s["q"] or "")[:MAX_QUERY], "sector": s["sector"], "indicator": s["indicator"],
                           "m": s["measure"], "gf": grid_filter_to_url(s["filter"]), "sort": s["sort"]})


def canonical(query: dict, lang: str) -> str:
    """The page's URL state in `lang`, with only the values the page knows (what the language switch carries)."""
    s = _state(query)
    return _query({**s, "sort": f"{s['sort'][0]}:{s['sort'][1]}" if s["sort"] else None}, lang)

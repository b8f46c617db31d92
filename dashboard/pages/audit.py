"""Audit: the book checked against itself, each finding with its claims side by side."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

from dashboard import urlstate
from dashboard.cite import citation
from dashboard.components.charts import ChartView, chart
from dashboard.components.grid import grid_slot
from dashboard.components.provenance import provenance
from dashboard.data import current
from dashboard.figures.bars import count_bar_figure
from dashboard.figures.describe import describe_counts
from dashboard.i18n import t
from dashboard.queries import claim_details

NAME = "audit"
PATH = "/audit"
LABEL = "nav_audit"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _rows(lang: str) -> list[dict]:
    a = current().audit
    if a.empty:
        return []
    a = a.assign(_o=a["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "check_id"])
    return [
        {"check_id": r["check_id"], "check": t(f"chk_{r['check']}", lang), "severity": t(f"sev_{r['severity']}", lang),
         "severity_key": r["severity"], "explanation": r[f"explanation_{lang}"], "claims": r["claim_ids"].replace(",", ", "),
         "correction": r["correction"] if isinstance(r["correction"], str) else None}
        for _, r in a.iterrows()
    ]


def side_by_side(check_id: str | None, lang: str):
    a = current().audit
    row = a[a["check_id"] == check_id]
    if row.empty:
        return html.P(t("audit_hint", lang), className="text-muted")
    r = row.iloc[0]
    ids = r["claim_ids"].split(",")
    cards = provenance(claim_details(current(), lang), ids, lang)
    return html.Div([
        html.P(r[f"explanation_{lang}"], className="mb-2"),
        dbc.Row([dbc.Col(c, xs=12, md=6, xl=4) for c in cards]),
    ], id="audit-detail-body")


def summary_view(lang: str) -> ChartView:
    d = current()
    a = d.audit
    counts = a.groupby("check").size().reset_index(name="n")
    counts = counts.assign(key=counts["check"], label=[t(f"chk_{c}", lang) for c in counts["check"]])
    title = t("audit_summary", lang)
    ids = sorted({i for ids in a["claim_ids"] for i in ids.split(",")})
    claims = claim_details(d, lang)
    claims = claims[claims["claim_id"].isin(ids)]
    fig = count_bar_figure(counts, title, lang, None, t("n_figures", lang))
    return ChartView(fig, describe_counts(counts, title, lang), citation(title, claims, d.data_hash, d.built, lang),
                     claims)


def layout(query: dict, lang: str):
    a = current().audit
    chosen = (query.get("finding") or [None])[0]
    chosen = chosen if chosen in set(a["check_id"]) else None
    cols = [("severity", "col_severity", 1), ("check", "col_check", 2), ("explanation", "col_explanation", 6), ("claims", "col_claims", 2)]
    return html.Div([
        html.H1(t("audit_title", lang), className="h4 mb-2"),
        html.P(t("audit_hint", lang), className="small text-muted"),
        dbc.Row([
            dbc.Col(chart("audit-summary", *summary_view(lang)[:3], lang, 320), xs=12, lg=4),
            dbc.Col(grid_slot(dag.AgGrid(
                id="audit-grid", rowData=_rows(lang),
                columnDefs=[{"field": f, "headerName": t(h, lang), "flex": w, "filter": True, "sortable": True, "wrapText": f == "explanation",
                             "autoHeight": f == "explanation"} for f, h, w in cols],
                dashGridOptions={"rowSelection": {"mode": "singleRow", "enableClickSelection": True, "checkboxes": False}, "pagination": True, "paginationPageSize": 20,
                                 "enableCellTextSelection": True, "ensureDomOrder": True},
                getRowId="params.data.check_id", style={"height": "420px"}, className="ag-theme-alpine",
                selectedRows={"ids": [chosen]} if chosen else None,
            ), 420, t("audit_title", lang)), xs=12, lg=8),
        ], className="mb-3"),
        html.Div(side_by_side(chosen, lang), id="audit-detail", className="mt-2"),
    ])


@callback(
    Output("audit-detail", "children"),
    Output("audit-url", "search"),
    Input("audit-grid", "selectedRows"),
    State("url", "search"),
    prevent_initial_call=True,
)
def show(rows, search):
    lang = urlstate.lang(search)
    rows = [r for r in (rows or []) if isinstance(r, dict)]
    if not rows:
        return no_update, no_update
    check_id = rows[0].get("check_id")
    new = urlstate.build({"lang": lang, "finding": check_id})
    return side_by_side(check_id, lang), new if new != (search or "") else no_update

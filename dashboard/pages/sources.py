"""Sources & method: the indicator catalogue, the units and their printed forms, the credited organisations."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html

from dashboard import config
from dashboard.components.grid import grid_slot
from dashboard.data import current
from dashboard.i18n import t

NAME = "sources"
PATH = "/sources"
LABEL = "nav_sources"
HAS_CHARTS = False  # tables only: the page does not preload the chart code


def _grid(grid_id: str, rows: list[dict], cols: list[tuple[str, str, int]], lang: str, height: int, label: str) -> html.Div:
    return grid_slot(dag.AgGrid(
        id=grid_id, rowData=rows,
        columnDefs=[{"field": f, "headerName": t(h, lang), "flex": w, "filter": True, "sortable": True, "wrapText": w > 2, "autoHeight": w > 2}
                    for f, h, w in cols],
        dashGridOptions={"enableCellTextSelection": True, "ensureDomOrder": True},
        style={"height": f"{height}px"}, className="ag-theme-alpine",
    ), height, t(label, lang))


def layout(query: dict, lang: str):
    d = current()
    ind = d.indicators.assign(category=[t(f"cat_{c}", lang) for c in d.indicators["category"]])
    ind_rows = ind.rename(columns={f"name_{lang}": "name"}).assign(definition=ind[f"definition_{lang}"])[["indicator_id", "category", "name", "unit", "definition", "n_claims"]]
    orgs = d.sources.sort_values("n_claims", ascending=False)
    org_rows = orgs.assign(display=orgs[f"name_{lang}"])[["org_id", "display", "kind", "n_claims"]]
    unit_rows = d.units.rename(columns={f"name_{lang}": "name"})[["unit", "family", "name", "raw_forms"]]
    method = config.read("method.yml")[lang]
    return html.Div([
        html.H1(t("sources_title", lang), className="h4 mb-3"),
        html.H2(t("sources_method", lang), className="h5"),
        html.Div([html.P(p) for p in method], id="sources-method", className="mb-4", style={"maxWidth": "60rem"}),
        html.H2(t("sources_indicators", lang), className="h5"),
        _grid("sources-indicators", _records(ind_rows), [("indicator_id", "col_claim", 2), ("category", "col_category", 1), ("name", "col_name", 2),
              ("unit", "col_unit", 1), ("definition", "col_description", 4), ("n_claims", "col_n", 1)], lang, 420, "sources_indicators"),
        html.H2(t("sources_units", lang), className="h5 mt-4"),
        _grid("sources-units", _records(unit_rows), [("unit", "col_unit", 1), ("family", "col_family", 1), ("name", "col_name", 1),
              ("raw_forms", "col_raw", 5)], lang, 420, "sources_units"),
        html.H2(t("sources_orgs", lang), className="h5 mt-4"),
        _grid("sources-orgs", _records(org_rows), [("org_id", "col_claim", 1), ("display", "col_name", 3), ("kind", "col_category", 1),
              ("n_claims", "col_n", 1)], lang, 380, "sources_orgs"),
    ])


def _records(df) -> list[dict]:
    return df.astype(object).where(df.notna(), None).to_dict("records")

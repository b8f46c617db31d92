"""The claims grid (dash-ag-grid): sortable, filterable, one row per claim, values formatted for people."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd

from dashboard.formatting import fmt_value
from dashboard.i18n import t

COLUMNS = ("claim_id", "indicator_name", "sector_name", "geo", "entity", "period", "printed", "value_text", "unit", "kind_text",
           "section", "line", "org_name", "about")
HEADERS = {"claim_id": "col_claim", "indicator_name": "col_indicator", "sector_name": "col_sector", "geo": "col_geo", "entity": "col_entity",
           "period": "col_period", "printed": "col_printed", "value_text": "col_value", "unit": "col_unit", "kind_text": "col_kind",
           "section": "col_section", "line": "col_line", "org_name": "col_org", "about": "col_about"}


def grid_rows(claims: pd.DataFrame, lang: str) -> list[dict]:
    if claims.empty:
        return []
    kinds = {k: t(f"kind_{k}", lang) for k in claims["kind"].unique()}
    c = claims.assign(
        value_text=[fmt_value(v, u, lang, q, lo, hi) for v, u, q, lo, hi in
                    zip(claims["value"], claims["unit"], claims["qualifier"], claims["value_low"], claims["value_high"], strict=True)],
        kind_text=claims["kind"].map(kinds),
    )
    out = c[list(COLUMNS) + ["value"]].astype(object).where(c[list(COLUMNS) + ["value"]].notna(), None)
    out["line"] = [int(x) if x is not None else None for x in out["line"]]
    return out.to_dict("records")


def claims_grid(grid_id: str, lang: str, rows: list[dict] | None = None, height: int = 480) -> dag.AgGrid:
    cols = []
    for c in COLUMNS:
        col = {"field": c, "headerName": t(HEADERS[c], lang), "filter": True, "sortable": True, "resizable": True}
        if c == "value_text":
            col.update({"comparator": {"function": "(a, b, na, nb) => (na.data.value ?? 0) - (nb.data.value ?? 0)"},
                        "filter": "agTextColumnFilter"})
        if c == "line":
            col.update({"filter": "agNumberColumnFilter", "width": 90})
        if c in ("claim_id",):
            col["checkboxSelection"] = False
        if c == "about":
            col["tooltipField"] = "about"
        cols.append(col)
    return dag.AgGrid(
        id=grid_id,
        rowData=rows or [],
        columnDefs=cols,
        defaultColDef={"minWidth": 90, "floatingFilter": True},
        dashGridOptions={"rowSelection": {"mode": "singleRow", "enableClickSelection": True}, "pagination": True, "paginationPageSize": 50,
                         "enableCellTextSelection": True, "ensureDomOrder": True, "animateRows": False},
        getRowId="params.data.claim_id",
        style={"height": f"{height}px"},
        className="ag-theme-alpine",
        columnSize="autoSize",
    )

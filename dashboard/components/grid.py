"""The claims grid (dash-ag-grid): sortable, filterable, one row per claim, values formatted for people."""

from __future__ import annotations

import re

import dash_ag_grid as dag
import pandas as pd
from dash import html

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


FILTER_TYPES = ("text", "number")
FILTER_OPERATORS = ("contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "lessThan", "greaterThan",
                    "lessThanOrEqual", "greaterThanOrEqual")
MAX_FILTER_URL = 600


def grid_filter_to_url(model) -> str | None:
    """The grid's filters for the URL: 'entity~contains~NIO;line~greaterThan~100' (known columns, text and number
    filters; the separators are dropped from values)."""
    clean = _clean_filter(model)
    parts = []
    for col, f in sorted(clean.items()):
        value = re.sub(r"[~;,]", " ", str(f["filter"])).strip()
        if value:
            parts.append(f"{col}~{f['type']}~{value}")
    text = ";".join(parts)
    return text if text and len(text) <= MAX_FILTER_URL else None


def grid_filter_from_url(text: str | None) -> dict:
    if not isinstance(text, str) or not text or len(text) > MAX_FILTER_URL:
        return {}
    model = {}
    for part in text.split(";"):
        bits = part.split("~")
        if len(bits) != 3:
            continue
        col, kind, value = bits
        number = col == "line"
        if number:
            try:
                value = float(value)
            except ValueError:
                continue
        model[col] = {"filterType": "number" if number else "text", "type": kind, "filter": value}
    return _clean_filter(model)


def _clean_filter(model) -> dict:
    """Only what a user can set in a column's filter: {col: {filterType, type, filter}} for known columns and types."""
    if not isinstance(model, dict):
        return {}
    out = {}
    for col, f in model.items():
        if col not in COLUMNS or not isinstance(f, dict) or f.get("filterType") not in FILTER_TYPES:
            continue
        value = f.get("filter")
        if not isinstance(value, str | int | float) or isinstance(value, bool) or len(str(value)) > 100:
            continue
        kind = f.get("type") if f.get("type") in FILTER_OPERATORS else "contains"
        out[col] = {"filterType": f["filterType"], "type": kind, "filter": value}
    return out


def grid_sort_to_url(column_state) -> str | None:
    for c in column_state or []:
        if isinstance(c, dict) and c.get("colId") in COLUMNS and c.get("sort") in ("asc", "desc"):
            return f"{c['colId']}:{c['sort']}"
    return None


def grid_sort_from_url(text: str | None) -> tuple[str, str] | None:
    if not isinstance(text, str) or ":" not in text:
        return None
    col, _, direction = text.partition(":")
    return (col, direction) if col in COLUMNS and direction in ("asc", "desc") else None


def locale_text(lang: str) -> dict | None:
    """AG Grid's own words (pager, filter menus, "No Rows To Show") in Chinese."""
    if lang != "zh":
        return None
    return {k: t(f"grid_{k}", "zh") for k in GRID_WORDS}


GRID_WORDS = ("page", "more", "to", "of", "next", "last", "first", "previous", "loadingOoo", "noRowsToShow", "filterOoo",
              "equals", "notEqual", "contains", "notContains", "startsWith", "endsWith", "blank", "notBlank", "andCondition",
              "orCondition", "lessThan", "greaterThan", "lessThanOrEqual", "greaterThanOrEqual", "inRange", "applyFilter",
              "resetFilter", "clearFilter", "searchOoo", "selectAll", "pageSizeSelectorLabel", "ariaFilterValue", "ariaFilterInput",
              "ariaFilterList", "ariaColumnFilter", "page", "nextPage", "lastPage", "firstPage", "previousPage")


def claims_grid(grid_id: str, lang: str, rows: list[dict] | None = None, height: int = 480, filter_model: dict | None = None,
                sort: tuple[str, str] | None = None) -> html.Div:
    """The grid in a slot of its final height (its code loads on demand: no layout shift when it appears)."""
    cols = []
    for c in COLUMNS:
        col = {"field": c, "headerName": t(HEADERS[c], lang), "filter": True, "sortable": True, "resizable": True}
        if sort and sort[0] == c:
            col["sort"] = sort[1]
        if c == "value_text":
            # shows and filters the value as written for people, sorts by the canonical number (a figure without one
            # first): the column reads `value` and formats it (dash-ag-grid evaluates these itself: no eval); its id,
            # the one the URL's filters and sort name, stays value_text
            col.update({"colId": "value_text", "field": "value", "valueFormatter": {"function": "params.data.value_text"},
                        "filterValueGetter": {"function": "params.data.value_text"}, "filter": "agTextColumnFilter"})
        if c == "line":
            col.update({"filter": "agNumberColumnFilter", "width": 90})
        if c == "about":
            col["tooltipField"] = "about"
        cols.append(col)
    options = {"rowSelection": {"mode": "singleRow", "enableClickSelection": True, "checkboxes": False}, "pagination": True, "paginationPageSize": 50,
               "enableCellTextSelection": True, "ensureDomOrder": True, "animateRows": False,
               # sized by AG Grid before it first draws the columns (dash-ag-grid's columnSize resizes them afterwards: a layout shift)
               "autoSizeStrategy": {"type": "fitCellContents"}}
    if locale_text(lang):
        options["localeText"] = locale_text(lang)
    return grid_slot(dag.AgGrid(
        id=grid_id,
        rowData=rows or [],
        columnDefs=cols,
        defaultColDef={"minWidth": 90, "floatingFilter": True},
        filterModel=filter_model or {},
        dashGridOptions=options,
        getRowId="params.data.claim_id",
        style={"height": f"{height}px"},
        className="ag-theme-alpine",
    ), height, t("grid_label", lang))


def grid_slot(grid: dag.AgGrid, height: int, label: str) -> html.Div:
    """A grid in a box of its final height, named for screen readers (assets/a11y.js puts the name on the grid): the
    grid library and the grid's own code load on demand and it draws nothing meanwhile, so without the box the page
    below it would jump."""
    return html.Div(grid, className="grid-slot", style={"height": f"{height}px"}, **{"data-grid-label": label})

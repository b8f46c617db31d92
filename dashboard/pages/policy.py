"""Policy & standards: the events timeline by jurisdiction, linked to the governance counts."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import urlstate
from dashboard.cite import citation
from dashboard.components import filters
from dashboard.components.charts import ChartView, chart, data_rows, event_rows
from dashboard.components.grid import grid_slot, locale_text
from dashboard.components.measures import chosen_group, dots_view, known_groups, rest_list
from dashboard.data import current
from dashboard.figures.bars import count_bar_figure
from dashboard.figures.describe import describe_counts
from dashboard.figures.timeline import timeline_figure
from dashboard.i18n import t
from dashboard.queries import claim_details

NAME = "policy"
PATH = "/policy"
LABEL = "nav_policy"
EVENT_KINDS = ("law", "bill", "draft", "legislative_plan", "regulation", "policy", "plan", "standard", "initiative", "guideline",
               "agreement", "other")
GOVERNANCE_SECTORS = ("policy", "governance", "standards")


def _bounds() -> tuple[int, int]:
    ev = current().events
    return (int(ev["year"].min()), int(ev["year"].max())) if len(ev) else (2015, 2030)


def _state(query: dict) -> dict:
    d = current()
    lo, hi = _bounds()
    yrs = [str(y) for y in range(lo, hi + 1)]
    y0, y1 = urlstate.pick(query, "from", yrs, multi=False), urlstate.pick(query, "to", yrs, multi=False)
    years = [int(y0) if y0 else lo, int(y1) if y1 else hi]
    return {
        "jur": urlstate.pick(query, "jur", d.geo["geo"]),
        "kind": urlstate.pick(query, "kind", EVENT_KINDS),
        "years": years if years[0] <= years[1] else [lo, hi],
        "measure": urlstate.pick(query, "m", known_groups(d), multi=False),
    }


def _names(lang: str):
    d = current()
    return {k: t(f"ev_{k}", lang) for k in EVENT_KINDS}, dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))


def views(s: dict, lang: str) -> dict:
    d = current()
    kind_names, geo_names = _names(lang)
    ev = d.events.assign(title=d.events["title"] if lang == "zh" else d.events["title_en"],
                         body=d.events["body"] if lang == "zh" else d.events["body_en"])
    lo, hi = s["years"]
    ev = ev[ev["year"].between(lo, hi)]
    if s["kind"]:
        ev = ev[ev["kind"].isin(s["kind"])]
    claims = claim_details(d, lang)
    gov = claims[claims["sector"].isin(GOVERNANCE_SECTORS)]
    gov = gov[gov["year"].between(lo, hi).fillna(True).astype(bool)]
    if s["jur"]:
        ev = ev[ev["jurisdiction"].isin(s["jur"])]
        gov = gov[gov["geo"].isin(s["jur"])]
    title = t("policy_timeline", lang)
    fig = timeline_figure(ev, title, lang, kind_names, geo_names)
    counts = ev.groupby("jurisdiction").size().reset_index(name="n")
    counts = counts.assign(key=counts["jurisdiction"], label=counts["jurisdiction"].map(geo_names))
    alt = describe_counts(counts, title, lang)
    cite_ev = citation(title, ev, d.data_hash, d.built, lang)
    pts, options, gid, name = chosen_group(gov, s.get("measure"), lang)
    return {
        "timeline": ChartView(fig, alt, cite_ev, ev),
        "counts": dots_view(pts, t("gov_figures", lang) + (f": {name}" if gid else ""), lang, d, "label"),
        "gov_options": options, "gov_rest": rest_list(gov, gid, lang),
        "rows": _event_rows(ev, lang, kind_names, geo_names),
        "jur_counts": ChartView(count_bar_figure(counts, t("filter_jurisdiction", lang), lang, None, t("n_events", lang)), alt, cite_ev, ev),
    }


def _event_rows(ev: pd.DataFrame, lang: str, kind_names, geo_names) -> list[dict]:
    out = ev.sort_values("date").assign(
        date_text=ev["date"].astype(str), kind_text=ev["kind"].map(kind_names), jur_text=ev["jurisdiction"].map(geo_names),
    )[["event_id", "date_text", "jur_text", "kind_text", "title", "body", "section", "line"]]
    out = out.astype(object).where(out.notna(), None)
    return out.to_dict("records")


def _grid(rows: list[dict], lang: str) -> html.Div:
    cols = [("date_text", "col_date"), ("jur_text", "col_jurisdiction"), ("kind_text", "col_kind"), ("title", "col_title"),
            ("body", "col_body"), ("section", "col_section"), ("line", "col_line")]
    return grid_slot(dag.AgGrid(
        id="policy-grid", rowData=rows,
        columnDefs=[{"field": f, "headerName": t(h, lang), "filter": True, "sortable": True, "resizable": True,
                     **({"flex": 3, "tooltipField": "title"} if f == "title" else {"flex": 1})} for f, h in cols],
        defaultColDef={"minWidth": 90, "floatingFilter": True},
        dashGridOptions={"pagination": True, "paginationPageSize": 25, "enableCellTextSelection": True, "ensureDomOrder": True,
                         "rowSelection": {"mode": "singleRow", "enableClickSelection": True, "checkboxes": False},
                         **({"localeText": locale_text(lang)} if locale_text(lang) else {})},
        getRowId="params.data.event_id", style={"height": "420px"}, className="ag-theme-alpine",
    ), 420, t("nav_policy", lang))


def layout(query: dict, lang: str):
    s = _state(query)
    v = views(s, lang)
    d = current()
    jur_opts = [o for o in filters.geo_options(d, lang) if o["value"] in set(d.events["jurisdiction"])] or []
    jur_opts += [{"label": f"{n} ({g})", "value": g} for g, n in zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True)
                 if g in set(d.events["jurisdiction"]) and g not in {o["value"] for o in jur_opts}]
    return html.Div(
        [
            html.H1(t("policy_title", lang), className="h4 mb-3"),
            html.Div(
                [
                    filters.labelled(t("filter_jurisdiction", lang), filters.dropdown("policy-jur", jur_opts, s["jur"], lang), "policy-jur"),
                    filters.labelled(t("filter_event_kind", lang),
                                     filters.dropdown("policy-kind", [{"label": t(f"ev_{k}", lang), "value": k} for k in EVENT_KINDS], s["kind"], lang),
                                     "policy-kind"),
                    filters.labelled(t("filter_period", lang), filters.year_slider("policy-years", _bounds(), s["years"]), "policy-years",
                                     width="col-12 col-xl-6", lang=lang),
                ],
                className="row g-2 mb-2", role="search",
            ),
            dbc.Row(
                [
                    dbc.Col(chart("policy-timeline", *v["timeline"][:3], lang, 460, data=event_rows(v["timeline"].claims, lang)), xs=12, xl=8,
                            className="mb-3"),
                    dbc.Col(chart("policy-jurisdictions", *v["jur_counts"][:3], lang, 460), xs=12, xl=4, className="mb-3"),
                ]
            ),
            filters.labelled(t("measure_picker", lang), dcc.Dropdown(id="policy-measure", options=v["gov_options"], value=s["measure"],
                                                                  clearable=True, placeholder=t("measure_largest", lang)),
                             "policy-measure", width="col-12 col-lg-8"),
            dbc.Row(dbc.Col(chart("policy-counts", *v["counts"][:3], lang, 420, takeaway=v["counts"].takeaway,
                                  data=data_rows(v["counts"].claims, lang)), xs=12, className="mb-1")),
            html.Div(v["gov_rest"], id="policy-rest", className="mb-3"),
            html.H2(t("events_table", lang), className="h5"),
            _grid(v["rows"], lang),
        ]
    )


@callback(
    Output("policy-url", "search"),
    Output("policy-jur", "value"),
    Output("policy-kind", "value"),
    Output("policy-years", "value"),
    Output("policy-measure", "value"),
    Input("policy-url", "search"),
    Input("policy-jur", "value"),
    Input("policy-kind", "value"),
    Input("policy-years", "value"),
    Input("policy-measure", "value"),
    Input("policy-jurisdictions", "clickData"),
    State("policy-url", "pathname"),
    prevent_initial_call=True,
)
def sync(search, jur, kind, years, measure, click_bar, pathname):
    if pathname != PATH:
        return (no_update,) * 5
    lang = urlstate.lang(search)
    trig = ctx.triggered_id
    cur = {"jur": jur or [], "kind": kind or [], "years": years, "measure": measure or None}
    if trig == "policy-url":
        s = _state(urlstate.parse(search))
        return (no_update, *[s[k] if s[k] != cur[k] else no_update for k in ("jur", "kind", "years", "measure")])
    new_jur = no_update
    if trig == "policy-jurisdictions":
        pts = (click_bar or {}).get("points") or [{}]
        code = pts[0].get("customdata") if isinstance(pts[0], dict) else None
        if isinstance(code, str) and code in set(current().geo["geo"]):
            cur["jur"] = [] if cur["jur"] == [code] else [code]
            new_jur = cur["jur"]
    new = _query(cur, lang)
    return (new if new != (search or "") else no_update, new_jur, no_update, no_update, no_update)


@callback(
    Output("policy-timeline", "figure"), Output("policy-timeline-alt", "children"), Output("policy-timeline-cite", "children"),
    Output("policy-counts", "figure"), Output("policy-counts-alt", "children"), Output("policy-counts-cite", "children"),
    Output("policy-grid", "rowData"), Output("policy-jurisdictions", "figure"), Output("policy-jurisdictions-alt", "children"),
    Output("policy-counts-data", "children"), Output("policy-counts-takeaway", "children"), Output("policy-rest", "children"),
    Output("policy-measure", "options"), Output("policy-timeline-data", "children"),
    Input("policy-jur", "value"), Input("policy-kind", "value"), Input("policy-years", "value"), Input("policy-measure", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def update(jur, kind, years, measure, search):
    lang = urlstate.lang(search)
    lo, hi = _bounds()
    v = views({"jur": jur or [], "kind": kind or [], "years": years if isinstance(years, list) and len(years) == 2 else [lo, hi],
               "measure": measure}, lang)
    return (*v["timeline"][:3], *v["counts"][:3], v["rows"], v["jur_counts"].fig, v["jur_counts"].alt,
            data_rows(v["counts"].claims, lang), v["counts"].takeaway, v["gov_rest"], v["gov_options"], event_rows(v["timeline"].claims, lang))


@callback(
    Output("claim-selected", "data", allow_duplicate=True),
    Input("policy-counts", "clickData"),
    Input("policy-timeline", "clickData"),
    Input("policy-grid", "selectedRows"),
    prevent_initial_call=True,
)
def select_claim(click, click_tl, rows):
    """A figure opens its claim; an event (marker or table row) opens the event and its mentions. Filters stay."""
    from dashboard.components.provenance import clicked_claim_ids

    if ctx.triggered_id == "policy-grid":
        return [r["event_id"] for r in rows or [] if isinstance(r, dict) and isinstance(r.get("event_id"), str)][:1] or no_update
    return clicked_claim_ids(click_tl if ctx.triggered_id == "policy-timeline" else click) or no_update


def _query(s: dict, lang: str) -> str:
    """The URL of a state: jurisdictions, kinds, years (left out at the data's bounds), measure."""
    lo, hi = _bounds()
    yrs = s["years"] or [lo, hi]
    return urlstate.build({"lang": lang, "jur": s["jur"], "kind": s["kind"], "from": yrs[0] if yrs[0] != lo else None,
                           "to": yrs[1] if yrs[1] != hi else None, "m": s["measure"]})


def canonical(query: dict, lang: str) -> str:
    """The page's URL state in `lang`, with only the values the page knows (what the language switch carries)."""
    return _query(_state(query), lang)

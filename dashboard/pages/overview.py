"""Overview: headline cards and trend panels, for executives."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import urlstate
from dashboard.cite import citation
from dashboard.components.charts import ChartView, chart, data_rows
from dashboard.components.provenance import clicked_claim_ids
from dashboard.data import current
from dashboard.figures.bars import value_bar_figure
from dashboard.figures.common import spans_decades
from dashboard.figures.describe import describe_trend, describe_values
from dashboard.figures.sparkline import sparkline_svg
from dashboard.figures.trend import trend_figure
from dashboard.formatting import fmt_value, section_label
from dashboard.i18n import t
from dashboard.queries import chart_points, chart_spec, page_chart_specs
from dashboard.takeaways import takeaway

NAME = "overview"
PATH = "/"
LABEL = "nav_overview"
PREWARM = ("", "&events=1")  # the overview's only other state: policy events marked on the trend charts


def _card(spec: pd.Series, lang: str):
    """A headline card: the main figure, whose and when it is, a second figure of the same measure, the source."""
    d = current()
    pts = chart_points(d, spec["chart_id"], lang)
    main = pts[pts["series_id"] == "main"].iloc[0]
    title = spec[f"title_{lang}"]
    body = [
        html.H2(title, className="h6 text-muted mb-1"),
        html.Div(fmt_value(main["value"], main["unit"], lang, main["qualifier"], main["value_low"], main["value_high"]),
                 className="headline-value", id=f"{spec['chart_id']}-value"),
        html.Div(f"{main['label']} · {t('kind_' + main['kind'], lang)}", className="small", id=f"{spec['chart_id']}-whose"),
    ]
    other = pts[pts["series_id"] == "compare"]
    if not other.empty:
        o = other.iloc[0]
        body.append(html.Div(
            f"{o['label']} · {t('kind_' + o['kind'], lang)}: "
            f"{fmt_value(o['value'], o['unit'], lang, o['qualifier'], o['value_low'], o['value_high'])}",
            className="small text-body-secondary", id=f"{spec['chart_id']}-compare"))
    if isinstance(spec["spark"], str):
        spark = chart_points(d, spec["spark"], lang)
        spark = spark[~spark["derived"]]
        if len(spark) > 1:
            # decorative: the same figures are a trend chart of the page, with its text alternative
            body.append(html.Img(src=sparkline_svg(spark), alt="", className="sparkline d-block", id=f"{spec['chart_id']}-spark",
                                 style={"height": "48px", "width": "100%"}))
    src = f"{section_label(main['section'], lang)} · {t('line', lang)} {main['line']}"
    if isinstance(main["org_name"], str):
        src = f"{main['org_name']} · " + src
    body.append(html.Div(f"{t('source', lang)}: {src}", className="small text-muted mt-1"))
    flagged = [c for c in pts["claim_ids"].str.split(",").explode() if c in _contradicted()]
    if flagged:
        body.append(html.A("⚠ " + t("contradiction_flag", lang), href=f"/audit?lang={lang}&claim={flagged[0]}",
                           className="small audit-flag d-block mt-1", id=f"{spec['chart_id']}-flag"))
    return dbc.Col(dbc.Card(dbc.CardBody(body), className="h-100 headline-card", id=spec["chart_id"]), xs=12, sm=6, xl=4,
                   className="mb-3")


EVENT_JURISDICTIONS = {"WORLD": "GLOBAL"}
CONTRADICTIONS = ("conflicting_values", "same_value_different_year", "recorded_correction", "shares_exceed_100")


def _contradicted() -> frozenset[str]:
    """Claims in an audit finding where the book contradicts itself."""
    d = current()
    return d.memo(("contradicted",), lambda: frozenset(
        d.audit.loc[d.audit["check"].isin(CONTRADICTIONS), "claim_ids"].str.split(",").explode()))


def panel_views(chart_id: str, lang: str, show_events: bool = False, scale: str | None = None) -> ChartView:
    """(figure, text alternative, citation, points) of one overview chart; with events, the dated policy events of
    the chart's places (GLOBAL for world figures) within its time span are marked on the axis. `scale` (log |
    linear) overrides the chart's declared axis."""
    scale = scale if scale in ("log", "linear") else None
    return current().memo(("panel", chart_id, lang, bool(show_events), scale),
                          lambda: _panel_views(chart_id, lang, show_events, scale))


def _panel_views(chart_id: str, lang: str, show_events: bool, scale: str | None = None) -> ChartView:
    d = current()
    spec = chart_spec(d, chart_id)
    pts = chart_points(d, chart_id, lang)
    title = spec[f"title_{lang}"]
    so_what = takeaway(pts, spec["type"], lang)
    if spec["type"] == "bar":
        fig = value_bar_figure(pts, title, lang)
        alt = describe_values(pts, title, lang) + (f" {so_what}" if so_what else "")
        return ChartView(fig, alt, citation(title, pts, d.data_hash, d.built, lang), pts, so_what)
    events = None
    if show_events and not pts.empty and pts["date"].notna().any():
        jur = {EVENT_JURISDICTIONS.get(g, g) for g in pts["geo"]}
        lo, hi = pts["date"].min(), pts["date"].max()
        ev = d.events
        events = ev[ev["jurisdiction"].isin(jur) & (ev["date"] >= lo.replace(month=1, day=1)) & (ev["date"] <= hi)]
        events = events.assign(title=events["title"] if lang == "zh" else events["title_en"])
    log_y = scale == "log" if scale else bool(spec["log_y"])
    fig = trend_figure(pts, title, lang, log_y=log_y, events=events)
    alt = describe_trend(pts, title, lang) + (f" {so_what}" if so_what else "")
    return ChartView(fig, alt, citation(title, pts, d.data_hash, d.built, lang), pts, so_what)


LOG_SPAN = 100  # a chart whose values span more than this factor offers a log scale


def _wide(chart_id: str) -> bool:
    """Its positive values span more than LOG_SPAN (zero or negative points do not count against it)."""
    p = current().chart_points
    return spans_decades(p.loc[(p["chart_id"] == chart_id) & (p["value"] > 0), "value"], LOG_SPAN)


def _panel(spec: pd.Series, lang: str, show_events: bool):
    """The panel drawn in the page itself (no request per chart after the page arrives: the first view is one
    response, and each chart draws once); its callback redraws it when events or the scale are switched. Charts
    spanning more than 100x offer a log / linear switch."""
    cid = spec["chart_id"]
    wide = spec["type"] == "line" and _wide(cid)
    scale = dcc.RadioItems(id=f"{cid}-scale", options=[{"label": t("scale_linear", lang), "value": "linear"},
                                                       {"label": t("scale_log", lang), "value": "log"}],
                           value="log" if bool(spec["log_y"]) else "linear", inline=True, className="small chart-scale ms-3",
                           inputClassName="me-1", labelClassName="me-2", style=None if wide else {"display": "none"})
    view = panel_views(cid, lang, show_events)
    return dbc.Col(chart(cid, view.fig, view.alt, view.cite, lang, extra=[scale], takeaway=view.takeaway,
                         data=data_rows(view.claims, lang)), xs=12, lg=6, className="mb-3")


def _specs(kind: str) -> pd.DataFrame:
    specs = page_chart_specs(current(), NAME)
    return specs[specs["type"] == "card"] if kind == "card" else specs[specs["type"] != "card"]


def layout(query: dict, lang: str):
    cards = current().memo(("cards", lang), lambda: [_card(s, lang) for _, s in _specs("card").iterrows()])
    show_events = (query.get("events") or ["0"])[0] == "1"
    return html.Div(
        [
            html.H1(t("overview_title", lang), className="h4 mb-3"),
            dbc.Row(cards, id="overview-cards"),
            dbc.Switch(id="overview-events", label=t("show_events", lang), value=show_events, className="mb-2"),
            dbc.Row([_panel(s, lang, show_events) for _, s in _specs("chart").iterrows()], id="overview-panels"),
        ]
    )


def panel_ids() -> list[str]:
    return list(_specs("chart")["chart_id"])


@callback(
    Output("overview-url", "search"),
    Output("overview-events", "value"),
    Input("overview-url", "search"),
    Input("overview-events", "value"),
    prevent_initial_call=True,
)
def sync(search, show):
    if ctx.triggered_id == "overview-url":
        want = (urlstate.parse(search).get("events") or ["0"])[0] == "1"
        return no_update, want if want != bool(show) else no_update
    new = urlstate.build({"lang": urlstate.lang(search), "events": "1" if show else None})
    return new if new != (search or "") else no_update, no_update


_REGISTERED: set[str] = set()


def register_callbacks() -> None:
    """One small callback per chart of the page (its ids come from the data, so this runs once the tables are
    loaded, before the app serves): the page arrives with every chart drawn; this redraws one when policy events
    are toggled or its scale is switched."""
    ids = panel_ids()
    for chart_id in ids:
        if chart_id not in _REGISTERED:
            _register_panel(chart_id)
            _REGISTERED.add(chart_id)
    key = "select:" + ",".join(ids)
    if key not in _REGISTERED and not any(k.startswith("select:") for k in _REGISTERED):
        _REGISTERED.add(key)

        @callback(Output("claim-selected", "data", allow_duplicate=True), [Input(i, "clickData") for i in ids],
                  prevent_initial_call=True)
        def select_claim(*clicks):
            trig = ctx.triggered_id
            if trig is None:
                return no_update
            found = clicked_claim_ids(clicks[ids.index(trig)])
            return found or no_update


def _register_panel(chart_id: str) -> None:
    @callback(Output(chart_id, "figure"), Output(f"{chart_id}-alt", "children"), Output(f"{chart_id}-cite", "children"),
              Output(f"{chart_id}-data", "children"), Output(f"{chart_id}-takeaway", "children"),
              Input("overview-events", "value"), Input(f"{chart_id}-scale", "value"), State("url", "search"),
              prevent_initial_call=True)
    def draw(show, scale, search):
        lang = urlstate.lang(search)
        view = panel_views(chart_id, lang, bool(show), scale)
        return view.fig, view.alt, view.cite, data_rows(view.claims, lang), view.takeaway


def canonical(query: dict, lang: str) -> str:
    """The page's URL state in `lang` (what the language switch carries)."""
    return urlstate.build({"lang": lang, "events": "1" if (query.get("events") or ["0"])[0] == "1" else None})

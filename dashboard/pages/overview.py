"""Overview: headline cards and trend panels, for executives."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import config, select, urlstate
from dashboard.cite import citation
from dashboard.components.charts import ChartView, chart
from dashboard.components.provenance import clicked_claim_ids
from dashboard.data import current
from dashboard.figures.bars import value_bar_figure
from dashboard.figures.common import placeholder_figure
from dashboard.figures.describe import describe_trend, describe_values
from dashboard.figures.sparkline import sparkline_figure
from dashboard.figures.trend import trend_figure
from dashboard.formatting import fmt_value
from dashboard.i18n import t
from dashboard.queries import claim_details, series_points

NAME = "overview"
PATH = "/"
LABEL = "nav_overview"
PREWARM = ("", "&events=1")  # the overview's only other state: policy events marked on the trend charts


def _card(spec: dict, claims: pd.DataFrame, lang: str):
    main = select.best(select.where(claims, spec["where"]))
    if main is None:
        return None
    body = [
        html.H2(spec["title"][lang], className="h6 text-muted mb-1"),
        html.Div(fmt_value(main["value"], main["unit"], lang, main["qualifier"], main["value_low"], main["value_high"]),
                 className="headline-value", id=f"card-{spec['id']}-value"),
        html.Div(f"{main['period'] or ''} · {t('kind_' + main['kind'], lang)}", className="small"),
    ]
    other = select.best(select.where(claims, spec["compare"])) if spec.get("compare") else None
    if other is not None:
        body.append(html.Div(
            f"{other['period'] or ''} {t('kind_' + other['kind'], lang)}: "
            f"{fmt_value(other['value'], other['unit'], lang, other['qualifier'], other['value_low'], other['value_high'])}",
            className="small text-body-secondary"))
    if spec.get("series"):
        pts = current().series[current().series["series_id"] == spec["series"]]
        if len(pts) > 1:
            body.append(dcc.Graph(figure=sparkline_figure(pts), config={"staticPlot": True}, style={"height": "48px"},
                                  className="sparkline", id=f"card-{spec['id']}-spark"))
    src = f"§{main['section']} · {t('line', lang)} {main['line']}"
    if isinstance(main["org_name"], str):
        src = f"{main['org_name']} · " + src
    body.append(html.Div(f"{t('source', lang)}: {src}", className="small text-muted mt-1"))
    return dbc.Col(dbc.Card(dbc.CardBody(body), className="h-100 headline-card", id=f"card-{spec['id']}"), xs=12, sm=6, xl=4,
                   className="mb-3")


EVENT_JURISDICTIONS = {"WORLD": "GLOBAL"}


def panel_views(spec: dict, lang: str, show_events: bool = False):
    """(figure, text alternative, citation) of one trend panel; with events, the dated policy events of the
    series' jurisdictions (GLOBAL for world series) within the panel's time span are marked on the axis."""
    return current().memo(("panel", spec["id"], lang, bool(show_events)), lambda: _panel_views(spec, lang, show_events))


def _panel_views(spec: dict, lang: str, show_events: bool):
    if spec.get("type") == "bar":
        return _bar_views(spec, lang)
    d = current()
    pts = series_points(d, spec["series"], lang)
    if not pts.empty:
        main_unit = pts["unit"].mode().iloc[0]
        pts = pts[pts["unit"] == main_unit]
    events = None
    if show_events and not pts.empty:
        jur = {EVENT_JURISDICTIONS.get(g, g) for g in pts["geo"]}
        lo, hi = pts["date"].min(), pts["date"].max()
        ev = d.events
        events = ev[ev["jurisdiction"].isin(jur) & (ev["date"] >= lo.replace(month=1, day=1)) & (ev["date"] <= hi)]
    title = t(spec["title"], lang)
    fig = trend_figure(pts, title, lang, log_y=spec.get("log_y", False), events=events)
    cite = citation(title, pts, d.data_hash, d.built, lang)
    return ChartView(fig, describe_trend(pts, title, lang), cite, pts)


def _bar_views(spec: dict, lang: str) -> ChartView:
    """Claims side by side: one bar per claim, labelled by entity or region and period."""
    d = current()
    pts = select.where(claim_details(d, lang), spec["where"])
    geo_names = dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))
    who = pts["entity"].where(pts["entity"].notna(), pts["geo"].map(geo_names))
    detail = pts["about"].fillna("").str.extract(r"^(Input|Output)", expand=False).map({"Input": "输入" if lang == "zh" else "input",
                                                                                        "Output": "输出" if lang == "zh" else "output"})
    label = who + detail.map(lambda x: f" · {x}" if isinstance(x, str) else "") + " " + pts["period"].fillna("")
    pts = pts.assign(label=label.str.strip(), trace=label.str.strip())
    pts = pts[~pts["label"].duplicated()]
    title = t(spec["title"], lang)
    fig = value_bar_figure(pts, title, lang)
    cite = citation(title, pts, d.data_hash, d.built, lang)
    return ChartView(fig, describe_values(pts, title, lang), cite, pts)


def _panel(spec: dict, lang: str):
    """The panel's frame with a placeholder figure: its own callback draws it, so the page arrives at once and the
    ten panels are computed in parallel requests."""
    title = t(spec["title"], lang)
    return dbc.Col(chart(f"overview-{spec['id']}", placeholder_figure(title), title, "", lang), xs=12, lg=6, className="mb-3")


def _cards(cfg: dict, lang: str) -> list:
    claims = claim_details(current(), lang)
    # the cards look at a handful of indicators: narrow the frame once instead of scanning it twelve times
    wanted = {i for c in cfg["cards"] for sel in (c["where"], c.get("compare") or {}) for i in _as_list(sel.get("indicator_id"))}
    claims = claims[claims["indicator_id"].isin(wanted)]
    return [c for c in (_card(s, claims, lang) for s in cfg["cards"]) if c is not None]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def layout(query: dict, lang: str):
    cfg = config.read("headlines.yml")
    cards = current().memo(("cards", lang), lambda: _cards(cfg, lang))
    show_events = (query.get("events") or ["0"])[0] == "1"
    return html.Div(
        [
            html.H1(t("overview_title", lang), className="h4 mb-3"),
            dbc.Row(cards, id="overview-cards"),
            dbc.Switch(id="overview-events", label=t("show_events", lang), value=show_events, className="mb-2"),
            dbc.Row([_panel(p, lang) for p in cfg["panels"]], id="overview-panels"),
        ]
    )


def _panel_ids() -> list[str]:
    return [f"overview-{p['id']}" for p in config.read("headlines.yml")["panels"]]


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


def _register_panel(spec: dict) -> None:
    """One small callback per panel (not one for all ten): it draws the panel when the page opens and again when
    policy events are toggled, so each stays fast and the panels are computed in parallel."""
    chart_id = f"overview-{spec['id']}"

    @callback(Output(chart_id, "figure"), Output(f"{chart_id}-alt", "children"), Output(f"{chart_id}-cite", "children"),
              Input("overview-events", "value"), State("url", "search"))
    def draw(show, search):
        return panel_views(spec, urlstate.lang(search), bool(show))[:3]


for _spec in config.read("headlines.yml")["panels"]:
    _register_panel(_spec)


@callback(
    Output("claim-selected", "data", allow_duplicate=True),
    [Input(i, "clickData") for i in _panel_ids()],
    prevent_initial_call=True,
)
def select_claim(*clicks):
    trig = ctx.triggered_id
    if trig is None:
        return no_update
    idx = _panel_ids().index(trig)
    ids = clicked_claim_ids(clicks[idx])
    return ids or no_update

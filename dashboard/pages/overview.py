"""Overview: headline cards and trend panels, for executives."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, ctx, dcc, html, no_update

from dashboard import config, select
from dashboard.cite import citation
from dashboard.components.charts import chart
from dashboard.components.provenance import clicked_claim_ids
from dashboard.data import current
from dashboard.figures.describe import describe_trend
from dashboard.figures.sparkline import sparkline_figure
from dashboard.figures.trend import trend_figure
from dashboard.formatting import fmt_value
from dashboard.i18n import t
from dashboard.queries import claim_details, series_points

NAME = "overview"
PATH = "/"
LABEL = "nav_overview"


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


def _panel(spec: dict, lang: str):
    pts = series_points(current(), spec["series"], lang)
    if not pts.empty:
        main_unit = pts["unit"].mode().iloc[0]
        pts = pts[pts["unit"] == main_unit]
    title = t(spec["title"], lang)
    fig = trend_figure(pts, title, lang, log_y=spec.get("log_y", False))
    d = current()
    cite = citation(title, pts, list(pts.get("org_name", [])), d.data_hash, d.built, lang)
    return dbc.Col(chart(f"overview-{spec['id']}", fig, describe_trend(pts, title, lang), cite, lang), xs=12, lg=6, className="mb-3")


def layout(query: dict, lang: str):
    cfg = config.read("headlines.yml")
    claims = claim_details(current(), lang)
    cards = [c for c in (_card(s, claims, lang) for s in cfg["cards"]) if c is not None]
    return html.Div(
        [
            html.H1(t("overview_title", lang), className="h4 mb-3"),
            dbc.Row(cards, id="overview-cards"),
            dbc.Row([_panel(p, lang) for p in cfg["panels"]], id="overview-panels"),
        ]
    )


@callback(
    Output("claim-selected", "data", allow_duplicate=True),
    [Input(f"overview-{p['id']}", "clickData") for p in config.read("headlines.yml")["panels"]],
    prevent_initial_call=True,
)
def select_claim(*clicks):
    trig = ctx.triggered_id
    if trig is None:
        return no_update
    idx = [f"overview-{p['id']}" for p in config.read("headlines.yml")["panels"]].index(trig)
    ids = clicked_claim_ids(clicks[idx])
    return ids or no_update

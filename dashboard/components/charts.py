"""A chart in its frame: the graph, a text alternative computed from its data, a cite control."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.i18n import t


class ChartView(NamedTuple):
    """A chart as a page shows it and an export renders it: figure, text alternative, citation, and the
    claims (or events) behind it, with at least section, line and, for claims, printed and org_name."""

    fig: go.Figure
    alt: str
    cite: str
    claims: pd.DataFrame
    takeaway: str = ""  # the chart's "so what", computed from its points (dashboard/takeaways.py)


# no cloud: Plotly's "send data to cloud" / "edit in Chart Studio" buttons would upload the data to another host
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2}, "showSendToCloud": False,
                "showEditInChartStudio": False, "showLink": False,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud", "editInChartStudio"]}


def data_rows(points: pd.DataFrame, lang: str) -> list:
    """A chart's points as a list of buttons, one per point, each opening the claims behind it: the keyboard (and
    screen-reader) path from a chart to its sources."""
    from dashboard.formatting import fmt_value

    summary = html.Summary(t("data_view", lang).format(n=len(points)), className="btn btn-link btn-sm p-0")
    if points.empty or "value" not in points:
        return [summary]
    ids = points["claim_ids"] if "claim_ids" in points else points["claim_id"]
    items = []
    for (_, p), cids in zip(points.iterrows(), ids, strict=True):
        label = p.get("trace") if isinstance(p.get("trace"), str) and p.get("trace") != p.get("label") else None
        text = " · ".join(x for x in (label, str(p.get("label") or p.get("period") or "")) if x)
        value = fmt_value(p["value"], p["unit"], lang, p.get("qualifier"), p.get("value_low"), p.get("value_high"))
        kind = t(f"kind_{p['kind']}", lang)
        items.append(html.Li(html.Button(f"{text}: {value} ({kind})", id={"type": "claim-row", "claims": str(cids)},
                                         className="btn btn-link btn-sm p-0 text-start claim-row", n_clicks=0)))
    return [summary, html.Ul(items, className="list-unstyled small mb-0 ps-2")]


def event_rows(events: pd.DataFrame, lang: str) -> list:
    """The timeline's data view: one button per event (date, kind, title), each opening the event and its mentions."""
    summary = html.Summary(t("data_view", lang).format(n=len(events)), className="btn btn-link btn-sm p-0")
    if events.empty:
        return [summary]
    items = [html.Li(html.Button(f"{r['date']:%Y-%m-%d} · {t('ev_' + r['kind'], lang)} · {r['title']}",
                                 id={"type": "claim-row", "claims": r["event_id"]}, n_clicks=0,
                                 className="btn btn-link btn-sm p-0 text-start claim-row"))
             for _, r in events.sort_values("date").head(200).iterrows()]
    return [summary, html.Ul(items, className="list-unstyled small mb-0 ps-2")]


COUNT_KEYS = {"by_sector": ("sector", "sector_name"), "by_indicator": ("indicator_id", "indicator_name")}


def count_rows(claims: pd.DataFrame, key: str, lang: str, top: int | None = None) -> list:
    """The data view of a count chart: each bar's category with its number of figures, a button opening (up to 20 of)
    its claims, in the chart's order. `top`: the chart draws only the largest `top` categories (chosen as
    pandas' nlargest chooses them, ties by key), and so does its data view."""
    code, name = COUNT_KEYS.get(key, (key, key))
    cols = list(dict.fromkeys((code, name)))
    n = claims.groupby(cols).size() if not claims.empty else pd.Series(dtype=int)
    n = n.nlargest(top) if top else n.sort_values(ascending=False, kind="stable")
    summary = html.Summary(t("data_view", lang).format(n=len(n)), className="btn btn-link btn-sm p-0")
    items = []
    for idx, count in n.head(40).items():
        value, label = (idx[0], idx[-1]) if isinstance(idx, tuple) else (idx, idx)
        ids = ",".join(claims.loc[claims[code] == value, "claim_id"].head(20))
        items.append(html.Li(html.Button(f"{label}: {int(count)}", id={"type": "claim-row", "claims": ids}, n_clicks=0,
                                         className="btn btn-link btn-sm p-0 text-start claim-row")))
    return [summary, html.Ul(items, className="list-unstyled small mb-0 ps-2")] if items else [summary]


def chart(chart_id: str, fig: go.Figure, alt: str, cite: str, lang: str, height: int = 340, extra=None, takeaway: str = "",
          data: list | None = None) -> html.Figure:
    """`extra`: more controls for the frame's tool row (exports)."""
    tools = [
        html.Details(
            [html.Summary(t("cite", lang), className="btn btn-link btn-sm p-0"),
             html.P(t("cite_copy_hint", lang), className="small mb-1"),
             html.Pre(cite, id=f"{chart_id}-cite", className="cite-text small p-2 bg-light border rounded", tabIndex="0")],
            className="cite-control me-3",
        )
    ]
    tools.append(html.Div(
        [html.Span(t("export", lang) + ":", className="small text-muted me-1")]
        + [html.A(fmt.upper(), href=f"/export/{chart_id}.{fmt}", className="btn btn-link btn-sm p-0 me-2 export-link",
                  id=f"{chart_id}-export-{fmt}", **{"data-export": f"{chart_id}.{fmt}"}) for fmt in ("png", "svg", "pdf")],
        className="export-control d-flex align-items-center",
    ))
    if extra:
        tools += extra
    tools.append(html.Details(data or [html.Summary(t("data_view", lang).format(n="…"), className="btn btn-link btn-sm p-0")],
                              id=f"{chart_id}-data", className="chart-data ms-3"))
    return html.Figure(
        className="chart-frame m-0",
        children=[
            html.P(takeaway, id=f"{chart_id}-takeaway", className="chart-takeaway small fw-semibold mb-1"),
            # the slot keeps the chart's final height while its code loads and it draws: no layout shift
            # named by its caption (the text alternative) and described by its takeaway, for screen readers
            html.Div(dcc.Graph(id=chart_id, figure=fig, config=GRAPH_CONFIG, style={"height": f"{height}px"}, className="chart"),
                     className="chart-slot", style={"height": f"{height}px"}, role="group",
                     **{"aria-labelledby": f"{chart_id}-alt", "aria-describedby": f"{chart_id}-takeaway"}),
            html.Figcaption(alt, id=f"{chart_id}-alt", className="visually-hidden"),
            html.Div(tools, className="d-flex flex-wrap align-items-start chart-tools"),
        ],
        id=f"{chart_id}-frame",
    )

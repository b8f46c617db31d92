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


GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2},
                "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def chart(chart_id: str, fig: go.Figure, alt: str, cite: str, lang: str, height: int = 340, extra=None) -> html.Figure:
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
    return html.Figure(
        className="chart-frame m-0",
        children=[
            dcc.Graph(id=chart_id, figure=fig, config=GRAPH_CONFIG, style={"height": f"{height}px"}, className="chart"),
            html.Figcaption(alt, id=f"{chart_id}-alt", className="visually-hidden"),
            html.Div(tools, className="d-flex flex-wrap align-items-start chart-tools"),
        ],
        id=f"{chart_id}-frame",
    )

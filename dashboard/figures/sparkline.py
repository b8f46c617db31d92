"""A small trend line for a headline card."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import PROJECTED_KINDS


def sparkline_figure(points: pd.DataFrame) -> go.Figure:
    fig = go.Figure(layout={"template": theme.TEMPLATE})
    pts = points.sort_values("date")
    fig.add_trace(go.Scatter(x=pts["date"], y=pts["value"], mode="lines+markers", hoverinfo="skip",
                             line={"color": theme.PALETTE[0], "width": 2},
                             marker={"size": 5, "symbol": ["circle-open" if k in PROJECTED_KINDS else "circle" for k in pts["kind"]]}))
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=48, showlegend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, type="log" if _spans_decades(pts["value"]) else "linear")
    return fig


def _spans_decades(values: pd.Series) -> bool:
    """A log axis for positive values spanning more than a hundredfold (zero or a negative value stays linear: a log
    axis would drop it)."""
    return bool((values > 0).all() and values.max() / values.min() > 100)

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
    fig.update_yaxes(visible=False, type="log" if (pts["value"].max() / max(pts["value"].min(), 1e-12)) > 100 else "linear")
    return fig

"""Dated events on a time axis, one row per jurisdiction, coloured by kind."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import empty_figure, esc


def timeline_figure(events: pd.DataFrame, title: str, lang: str, kind_names: dict[str, str], geo_names: dict[str, str]) -> go.Figure:
    """events: event_id, date, date_precision, jurisdiction, title, kind, body, section, line."""
    if events.empty:
        return empty_figure(lang, title)
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    order = events["jurisdiction"].value_counts().index.tolist()
    for i, (kind, g) in enumerate(events.groupby("kind", sort=True)):
        hover = [
            f"<b>{esc(r['title'])}</b><br>{_date_text(r)}"
            + f"<br>{esc(geo_names.get(r['jurisdiction'], r['jurisdiction']))} · {esc(kind_names.get(kind, kind))}"
            + (f"<br>{esc(r['body'])}" if isinstance(r["body"], str) else "")
            + f"<br>§{r['section']} · {'行' if lang == 'zh' else 'line'} {int(r['line'])}"
            for _, r in g.iterrows()
        ]
        fig.add_trace(
            go.Scatter(
                x=g["date"], y=[geo_names.get(j, j) for j in g["jurisdiction"]], mode="markers", name=kind_names.get(kind, kind),
                marker={"size": 11, "color": theme.PALETTE[i % len(theme.PALETTE)], "symbol": i % 8, "line": {"width": 1, "color": "white"}},
                customdata=g["jurisdiction"], hovertext=hover, hoverinfo="text",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=[geo_names.get(j, j) for j in reversed(order)], automargin=True)
    fig.update_xaxes(type="date")
    fig.update_layout(legend={"orientation": "h", "y": -0.15, "yanchor": "top"})
    return fig


def _date_text(r: pd.Series) -> str:
    p = r["date_precision"]
    return f"{r['date']:%Y}" if p == "year" else f"{r['date']:%Y-%m}" if p == "month" else f"{r['date']:%Y-%m-%d}"

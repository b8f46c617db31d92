"""A strip of dots: the claims of one comparable group (one measure, one unit), one dot per claim, grouped along
the x axis by industry or subject. Dots in a group are spread sideways so none hides another."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import PROJECTED_KINDS, empty_figure, esc, hover_text, value_axis

SPREAD = 0.5  # width of a group's strip, in category units


def dots_figure(points: pd.DataFrame, title: str, lang: str, by: str = "group", log_y: bool = False) -> go.Figure:
    """points: claims of one unit with `label`, `value`, `unit`, `kind`, `claim_id` and the column `by` naming the
    x-axis category of each dot (e.g. the industry)."""
    if points.empty:
        return empty_figure(lang, title)
    div, unit_label = value_axis(points, lang, "dots_figure")
    cats = list(dict.fromkeys(points.sort_values(["value"], ascending=False)[by].astype(str)))
    xs, ys = [], []
    rows = points.assign(_cat=points[by].astype(str)).sort_values(["_cat", "value"])
    for cat, g in rows.groupby("_cat", sort=False):
        n = len(g)
        base = cats.index(cat)
        offsets = [0.0] if n == 1 else [(-SPREAD / 2 + SPREAD * i / (n - 1)) for i in range(n)]
        xs += [base + o for o in offsets]
        ys += list(g["value"] / div)
    projected = rows["kind"].isin(PROJECTED_KINDS)
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", customdata=rows["claim_id"],
        marker={"size": 11, "color": [theme.PALETTE[1] if p else theme.PALETTE[0] for p in projected],
                "symbol": ["circle-open" if p else "circle" for p in projected], "line": {"width": 1.5, "color": theme.PALETTE[0]}},
        hovertext=[hover_text(r, lang) for _, r in rows.iterrows()], hoverinfo="text", showlegend=False,
    ))
    top = float((points["value"] / div).max())
    low = float((points["value"] / div).min())
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(cats))), ticktext=[esc(c) for c in cats],
                     range=[-0.7, len(cats) - 0.3], tickangle=-25 if len(cats) > 4 else 0, automargin=True)
    if log_y and low > 0:
        fig.update_yaxes(type="log", title_text=unit_label)
    else:
        fig.update_yaxes(title_text=unit_label, range=[min(0, low * 1.1), top * 1.12 if top > 0 else 1])
    return fig

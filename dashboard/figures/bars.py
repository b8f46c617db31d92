"""Bar charts: counts of figures by a category, and the values of one indicator side by side."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import PROJECTED_KINDS, empty_figure, esc, hover_text, value_axis
from dashboard.formatting import number


def count_bar_figure(counts: pd.DataFrame, title: str, lang: str, selected: str | None = None, axis_title: str = "") -> go.Figure:
    """counts: columns key, label, n. Horizontal bars, largest on top; the selected key is highlighted."""
    if counts.empty:
        return empty_figure(lang, title)
    c = counts.sort_values("n", ascending=True)
    colours = [theme.PALETTE[1] if k == selected else theme.PALETTE[0] for k in c["key"]]
    fig = go.Figure(
        go.Bar(x=c["n"], y=[esc(x) for x in c["label"]], orientation="h", marker_color=colours, customdata=c["key"],
               text=[number(v) for v in c["n"]], textposition="outside", textangle=0, cliponaxis=False, constraintext="none",
               hovertemplate="%{y}: %{x}<extra></extra>"),
        layout={"template": theme.TEMPLATE, "title": {"text": title}},
    )
    fig.update_layout(margin={"l": 10}, showlegend=False)
    # each count is written level, just past its bar (inside, plotly shrinks or turns them to fit): room for the longest
    fig.update_xaxes(title_text=axis_title, range=[0, float(c["n"].max()) * 1.12])
    fig.update_yaxes(automargin=True)
    return fig


def value_bar_figure(claims: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """claims of one unit: a bar per claim labelled by `label`, forecasts and targets hatched."""
    if claims.empty:
        return empty_figure(lang, title)
    div, unit_label = value_axis(claims, lang, "value_bar_figure")
    c = claims.sort_values(["year", "value"], na_position="first")
    projected = c["kind"].isin(PROJECTED_KINDS)
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    fig.add_trace(
        go.Bar(
            x=[esc(x) for x in c["label"]], y=c["value"] / div, customdata=c["claim_id"],
            marker={"color": [theme.PALETTE[1] if p else theme.PALETTE[0] for p in projected],
                    "pattern": {"shape": ["/" if p else "" for p in projected]}},
            hovertext=[hover_text(r, lang) for _, r in c.iterrows()], hoverinfo="text",
            error_y=_range_errors(c, div),
            text=[_label(v / div, q) for v, q in zip(c["value"], c["qualifier"] if "qualifier" in c else [None] * len(c), strict=True)],
            textposition="outside", cliponaxis=False,
        )
    )
    fig.update_yaxes(title_text=unit_label, rangemode="tozero")
    fig.update_xaxes(tickangle=-30, automargin=True)
    fig.update_layout(showlegend=False)
    return fig


_SIGNS = {"≈": "~", ">": ">", "<": "<", "≥": "≥", "≤": "≤"}


def _label(value: float, qualifier) -> str:
    """The bar's number with the qualifier the book prints (约 -> ~, 超 -> >, 近 -> <): never a bare figure."""
    sign = _SIGNS.get(qualifier) if isinstance(qualifier, str) else None
    return f"{sign}{number(value, 3)}" if sign else number(value, 3)


def _range_errors(c: pd.DataFrame, div: float) -> dict | None:
    if c["value_high"].isna().all():
        return None
    up = (c["value_high"] - c["value"]).fillna(0) / div
    return {"type": "data", "array": list(up), "arrayminus": [0] * len(c), "visible": True, "color": theme.MUTED}

"""Colours, fonts and the plotly template: one place for every visual decision."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito hues, darkened where needed so that every colour has at least 3:1 contrast against the white background
# (WCAG 2.2 1.4.11; Okabe-Ito's orange, sky blue, yellow and pink are below it); tests/dashboard/test_contrast.py checks
PALETTE = ["#0072B2", "#B26B00", "#007A5E", "#D55E00", "#AA3377", "#332288", "#6B5B4B", "#000000"]
GEO_COLOURS = {"CN": "#D55E00", "US": "#0072B2", "WORLD": "#007A5E", "EU": "#AA3377", "UK": "#332288", "JP": "#6B5B4B", "KR": "#8B6400"}
KIND_DASH = {"actual": "solid", "estimate": "solid", "forecast": "dash", "target": "dot", "derived": "dash"}
KIND_SYMBOL = {"actual": "circle", "estimate": "circle", "forecast": "circle-open", "target": "diamond-open", "derived": "circle-open"}
# one colour and one symbol per event kind; every colour has at least 3:1 contrast against the white background
EVENT_STYLE = {
    "law": ("#000000", "circle"),
    "bill": ("#0072B2", "circle-open"),
    "draft": ("#5A5A5A", "diamond-open"),
    "legislative_plan": ("#332288", "hourglass"),
    "regulation": ("#B24A00", "square"),
    "policy": ("#007A5E", "diamond"),
    "plan": ("#AA3377", "triangle-up"),
    "standard": ("#0B5394", "x"),
    "initiative": ("#8B6400", "star"),
    "guideline": ("#882255", "triangle-down"),
    "agreement": ("#1E6B35", "pentagon"),
    "other": ("#6B5B4B", "cross"),
}
FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, Arial, sans-serif"
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e5e9ef"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": INK},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 20, "t": 56, "b": 48},
        title={"x": 0.01, "xanchor": "left", "font": {"size": 16}},
        xaxis={"gridcolor": GRID, "linecolor": "#b8c2cc", "zeroline": False, "exponentformat": "none"},
        yaxis={"gridcolor": GRID, "linecolor": "#b8c2cc", "zeroline": False, "exponentformat": "none", "separatethousands": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "bgcolor": "rgba(0,0,0,0)"},
        hoverlabel={"font": {"family": FONT}},
    )
)
pio.templates["aiplus"] = TEMPLATE


def colour(key: str, i: int) -> str:
    return GEO_COLOURS.get(key) or PALETTE[i % len(PALETTE)]

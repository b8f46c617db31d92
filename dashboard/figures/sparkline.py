"""A small trend line for a headline card, drawn as an SVG image (no charting library)."""

from __future__ import annotations

import math
from urllib.parse import quote

import pandas as pd

from dashboard import theme
from dashboard.figures.common import PROJECTED_KINDS, spans_decades

SPARK_W, SPARK_H, SPARK_PAD = 300.0, 48.0, 6.0  # the image's drawing box (stretched to the card's width), margin for the dots


def sparkline_points(points: pd.DataFrame) -> list[tuple[float, float, bool]]:
    """(x, y, projected) of each point in the drawing box, by date, oldest first: x proportional to time (by order
    when all share one date), y on a log scale when the values span more than 100x and are all positive (as the
    trend chart of the same figures), y up."""
    pts = points.sort_values("date")
    values = [float(v) for v in pts["value"]]
    log = spans_decades(values)
    ys = [math.log10(v) for v in values] if log else values
    days = [d.toordinal() for d in pts["date"]]
    xs = [float(d - days[0]) for d in days] if days[-1] > days[0] else [float(i) for i in range(len(days))]
    x_span, y_lo, y_span = (xs[-1] or 1.0), min(ys), (max(ys) - min(ys)) or 1.0
    out = []
    for x, y, kind in zip(xs, ys, pts["kind"], strict=True):
        px = SPARK_PAD + x / x_span * (SPARK_W - 2 * SPARK_PAD)
        py = SPARK_H - SPARK_PAD - (y - y_lo) / y_span * (SPARK_H - 2 * SPARK_PAD)
        out.append((round(px, 2), round(py, 2), kind in PROJECTED_KINDS))
    return out


def sparkline_svg(points: pd.DataFrame) -> str:
    """The card's trend as a small SVG image (a data: URI): a line through the points, a dot at each (a ring for a
    forecast or target). No text; drawn by the browser at once (no charting library, a few elements)."""
    xy = sparkline_points(points)
    colour = theme.PALETTE[0]
    keep = 'vector-effect="non-scaling-stroke"'  # line widths and dots keep their size when stretched to the card

    def dot(x: float, y: float, stroke: str, width: float) -> str:
        return f'<path d="M{x} {y}h0" stroke="{stroke}" stroke-width="{width:g}" {keep}/>'  # a round cap: a dot

    parts = [f'<polyline points="{" ".join(f"{x},{y}" for x, y, _ in xy)}" stroke="{colour}" stroke-width="2" {keep}/>']
    for x, y, projected in xy:
        parts.append(dot(x, y, colour, 7))
        if projected:
            parts.append(dot(x, y, "#fff", 3.5))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_W:g} {SPARK_H:g}" preserveAspectRatio="none">'
           '<g fill="none" stroke-linecap="round" stroke-linejoin="round">' + "".join(parts) + "</g></svg>")
    return "data:image/svg+xml;charset=utf-8," + quote(svg)

"""Dated events on a time axis, one band per jurisdiction, one marker per event: a distinct colour and symbol per kind,
and events on the same date stacked in a small grid so none hides another."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import empty_figure, esc
from dashboard.formatting import section_label

PER_COLUMN = 5  # events stacked one above another before a new column starts
ROW_STEP = 0.34  # vertical step between stacked events (a band of one event is 1 unit high)
COLUMN_DAYS = 28  # horizontal step between columns of one stack


def positions(events: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """x (date) and y (band position) of each event: events sharing a jurisdiction and a date fill a grid of
    PER_COLUMN rows, its columns spread COLUMN_DAYS apart around the date. A year-precision date sits mid-year."""
    ev = events.copy()
    ev["x0"] = [pd.Timestamp(d.year, 7, 1) if p == "year" else pd.Timestamp(d) for d, p in zip(ev["date"], ev["date_precision"], strict=True)]
    centres, _ = band_centres(ev, order)
    xs, ys = [], []
    ev = ev.sort_values(["jurisdiction", "x0", "kind", "event_id"])
    for (_, x0), g in ev.groupby(["jurisdiction", "x0"], sort=False):
        n = len(g)
        cols = (n + PER_COLUMN - 1) // PER_COLUMN
        for k, j in enumerate(g["jurisdiction"]):
            col, row = divmod(k, PER_COLUMN)
            in_col = min(PER_COLUMN, n - col * PER_COLUMN)
            xs.append(x0 + timedelta(days=(col - (cols - 1) / 2) * COLUMN_DAYS))
            ys.append(centres[j] + (row - (in_col - 1) / 2) * ROW_STEP)
    return ev.assign(x=xs, y=ys)


def band_centres(events: pd.DataFrame, order: list[str]) -> tuple[dict[str, float], float]:
    """Each jurisdiction's band is as tall as its highest stack (one slot per stacked event, at least one), bottom to
    top in reverse `order`; returns the centre of each band and the total height."""
    x0 = events["x0"] if "x0" in events else events["date"]
    stack = events.assign(_x=x0).groupby(["jurisdiction", "_x"]).size().groupby("jurisdiction").max()
    centres, base = {}, 0.0
    for j in reversed(order):
        h = max(1, min(PER_COLUMN, int(stack.get(j, 1)))) * ROW_STEP + (1 - ROW_STEP)
        centres[j] = base + h / 2
        base += h
    return centres, base


def timeline_figure(events: pd.DataFrame, title: str, lang: str, kind_names: dict[str, str], geo_names: dict[str, str]) -> go.Figure:
    """events: event_id, date, date_precision, jurisdiction, title (in the chosen language), kind, body, section, line,
    n_mentions. customdata carries the event id (a click opens the event)."""
    if events.empty:
        return empty_figure(lang, title)
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    order = events["jurisdiction"].value_counts().index.tolist()
    pos = positions(events, order)
    for kind, (colour, symbol) in theme.EVENT_STYLE.items():
        g = pos[pos["kind"] == kind]
        if g.empty:
            continue
        hover = [
            f"<b>{esc(r['title'])}</b><br>{_date_text(r)}"
            + f"<br>{esc(geo_names.get(r['jurisdiction'], r['jurisdiction']))} · {esc(kind_names.get(kind, kind))}"
            + (f"<br>{esc(r['body'])}" if isinstance(r["body"], str) else "")
            + f"<br>{section_label(r['section'], lang)} · {'行' if lang == 'zh' else 'line'} {int(r['line'])}"
            + (f" (+{int(r['n_mentions']) - 1})" if r.get("n_mentions", 1) > 1 else "")
            for _, r in g.iterrows()
        ]
        fig.add_trace(go.Scatter(
            x=g["x"], y=g["y"], mode="markers", name=esc(kind_names.get(kind, kind)),
            marker={"size": 10, "color": colour, "symbol": symbol, "line": {"width": 1.5, "color": colour}},
            customdata=g["event_id"], hovertext=hover, hoverinfo="text", meta={"kind": kind},
        ))
    centres, total = band_centres(pos, order)
    fig.update_yaxes(tickmode="array", tickvals=[centres[j] for j in order], ticktext=[esc(geo_names.get(j, j)) for j in order],
                     range=[0, total], automargin=True, zeroline=False, showgrid=False)
    lo, hi = pos["x"].min(), pos["x"].max()
    pad = max((hi - lo) * 0.03, pd.Timedelta(days=60))
    fig.update_xaxes(type="date", range=[lo - pad, hi + pad])
    edges = sorted(centres.values())
    for a, b in zip(edges, edges[1:], strict=False):  # faint band separators
        fig.add_hline(y=(a + b) / 2, line={"color": theme.GRID, "width": 1})
    fig.update_layout(legend={"orientation": "h", "y": -0.12, "yanchor": "top"}, meta={"n_events": len(events)})
    return fig


def _date_text(r: pd.Series) -> str:
    p = r["date_precision"]
    return f"{r['date']:%Y}" if p == "year" else f"{r['date']:%Y-%m}" if p == "month" else f"{r['date']:%Y-%m-%d}"

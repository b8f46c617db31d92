"""Trend lines over time: actuals solid, forecasts / targets / projections dashed and labelled."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures.common import PROJECTED_KINDS, empty_figure, esc, hover_text, value_axis
from dashboard.i18n import t

_YEAR = re.compile(r"^\d{4}(-end)?$")
_PLAIN_YEAR = re.compile(r"^\d{4}$")


def _is_annual(points: pd.DataFrame) -> bool:
    return bool(points["period"].astype(str).str.match(_YEAR).all())


def trend_figure(points: pd.DataFrame, title: str, lang: str, log_y: bool = False, events: pd.DataFrame | None = None) -> go.Figure:
    """points: one row per point with columns trace, label, date, period, value, unit, kind, derived, claim_id (+ claim fields
    for the hover). `trace` groups points into lines; all points share one unit, which labels the y axis.

    Annual series are drawn on a year axis; anything finer on a date axis. A trace holding derived points is drawn
    dashed as a whole; otherwise its forecasts and targets continue the actual line dashed, with open markers.
    """
    if points.empty:
        return empty_figure(lang, title)
    div, unit_label = value_axis(points, lang, "trend_figure")
    annual = _is_annual(points)
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    # where a derived path (a CAGR projection) joins the printed figures, the printed ones are markers only: a line
    # between them would be a second, invented path across years the book gives no figure for
    has_path = bool(points["kind"].eq("derived").any())
    for i, (trace, g) in enumerate(points.groupby("trace", sort=False)):
        g = g.sort_values("date")
        colour = theme.PALETTE[i % len(theme.PALETTE)]
        if g["kind"].eq("derived").any():
            parts = [(g, True, str(trace))]
        elif has_path:
            parts = [(g, None, str(trace))]
        else:
            actual = g[~g["kind"].isin(PROJECTED_KINDS)]
            projected = g[g["kind"].isin(PROJECTED_KINDS)]
            if not projected.empty and not actual.empty:
                projected = pd.concat([actual.tail(1), projected])
            # a target is labelled a target, a forecast a forecast (a mix names both)
            kinds = [k for k in ("forecast", "target") if k in set(g["kind"])]
            word = " / ".join(t(f"kind_{k}", lang) for k in kinds) or t("forecast", lang)
            parts = [(actual, False, str(trace)), (projected, True, f"{trace} ({word})")]
        for part, dashed, name in parts:
            if part.empty:
                continue
            x = part["date"].map(lambda d: d.year) if annual else _dates(part)
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=part["value"] / div,
                    name=esc(name),
                    legendgroup=str(trace),
                    mode="markers" if dashed is None else "lines+markers",
                    line={"color": colour, "dash": "dash" if dashed else "solid", "width": 2.5},
                    marker={"symbol": [theme.KIND_SYMBOL.get(k, "circle") for k in part["kind"]], "size": 8 if dashed is not None else 11,
                            "line": {"width": 2, "color": colour}},
                    customdata=part["claim_id"],
                    hovertext=[hover_text(r, lang) for _, r in part.iterrows()],
                    hoverinfo="text",
                    meta={"kinds": list(part["kind"]), "dashed": dashed},
                )
            )
    fig.update_yaxes(title_text=unit_label, type="log" if log_y else "linear", rangemode=None if log_y else "tozero",
                     dtick=1 if log_y else None)
    if annual:
        years = points["date"].map(lambda d: d.year)
        fig.update_xaxes(type="linear", tickformat="d", dtick=1 if years.max() - years.min() <= 10 else 2,
                         range=[years.min() - 0.5, years.max() + 0.5])
    else:
        xs = pd.to_datetime(_dates(points))  # the positions drawn (a calendar year sits mid-year), so none is clipped
        lo, hi = xs.min(), xs.max()
        pad = max((hi - lo) * 0.05, pd.Timedelta(days=45))
        fig.update_xaxes(type="date", range=[lo - pad, hi + pad], hoverformat="%Y-%m-%d")
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 11}},
                      margin={"t": 48, "b": 40})
    if events is not None and not events.empty:
        add_event_marks(fig, events, lang, annual)
    return fig


def _dates(part: pd.DataFrame) -> pd.Series:
    """Date-axis positions: a calendar-year figure sits mid-year, anything else at its period's end."""
    mid = part["date"].map(lambda d: d.replace(month=7, day=1))
    return mid.where(part["period"].astype(str).str.match(_PLAIN_YEAR), part["date"])


def add_event_marks(fig: go.Figure, events: pd.DataFrame, lang: str, annual: bool = False) -> None:
    """Dated policy events as markers along the time axis with their titles on hover."""
    x = events["date"].map(lambda d: d.year + (d.timetuple().tm_yday - 1) / 366) if annual else events["date"]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[0.02] * len(events),
            yaxis="y2",
            mode="markers",
            marker={"symbol": "triangle-up", "size": 11, "color": theme.MUTED},
            name="政策事件" if lang == "zh" else "Policy events",
            hovertext=[f"{d:%Y-%m} · {esc(ti)}" for d, ti in zip(events["date"], events["title"], strict=True)],
            hoverinfo="text",
            customdata=events["event_id"],
        )
    )
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True})

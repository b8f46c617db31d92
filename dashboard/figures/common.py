"""Pieces every figure shares: the empty-state figure, hover text and axis scaling."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.formatting import fmt_value, scale, section_label
from dashboard.i18n import t

PROJECTED_KINDS = ("forecast", "target", "derived")


def empty_figure(lang: str, title: str = "") -> go.Figure:
    fig = go.Figure(layout={"template": theme.TEMPLATE, "title": {"text": title}})
    fig.add_annotation(text=t("empty", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14, "color": theme.MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": True})
    return fig


def hover_text(row: pd.Series, lang: str) -> str:
    """The claim behind a point: figure as printed, canonical value, kind, qualifier, section, line, organisation."""
    kind = t(f"kind_{row['kind']}", lang)
    parts = [
        f"<b>{esc(row.get('label') or row.get('name', ''))}</b>",
        f"{t('period', lang)}: {row.get('period') or '–'} · {kind}",
        f"{t('value', lang)}: {fmt_value(row['value'], row['unit'], lang, row.get('qualifier'))}",
    ]
    if _text(row.get("printed")):
        parts.append(f"{t('printed', lang)}: {row['printed']}")
    elif _text(row.get("method")):
        parts.append(f"{t('derived_method', lang)}: {row['method']}")
    if _text(row.get("section")):
        parts.append(f"{section_label(row['section'], lang)} · {t('line', lang)} {row['line']}")
    if _text(row.get("org_name")):
        parts.append(f"{t('organisation', lang)}: {row['org_name']}")
    return "<br>".join(esc(p) if i else p for i, p in enumerate(parts))


def _text(value) -> bool:
    """A present, non-empty text (missing values in frames are NaN or None, and NaN is truthy)."""
    return isinstance(value, str) and bool(value)


def esc(text: object) -> str:
    """Plotly renders a small HTML subset (<b>, <a href>, <br>) in titles, labels and hovers: data never carries
    markup, so every text from the data is escaped before it reaches a figure."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def spans_decades(values, factor: float = 100) -> bool:
    """True when every value is positive and they span more than `factor`: such values are drawn on a log scale (zero
    or a negative value stays linear: a log scale has no place for it)."""
    values = [float(v) for v in values]
    if not values or not all(v > 0 for v in values):  # (a missing value is not positive either)
        return False
    return max(values) / min(values) > factor


def axis_scale(values: pd.Series, unit: str, lang: str) -> tuple[float, str]:
    top = float(values.abs().max()) if len(values) else 0.0
    return scale(top, unit, lang)


def value_axis(points: pd.DataFrame, lang: str, figure: str) -> tuple[float, str]:
    """(divisor, axis label) of a chart's value axis; a chart draws one unit, so points in several are a bug."""
    units = points["unit"].unique()
    if len(units) != 1:
        raise ValueError(f"{figure} needs one unit, got {list(units)}")
    return axis_scale(points["value"], units[0], lang)

"""Filter controls shared by the analyst pages; option labels come from the catalogue in the chosen language."""

from __future__ import annotations

from dash import dcc, html

from dashboard.data import Data
from dashboard.i18n import t

KIND_OPTIONS = ("actual", "estimate", "forecast", "target", "cagr", "yoy")


def sector_options(d: Data, lang: str) -> list[dict]:
    return [{"label": r[f"name_{lang}"], "value": r["sector"]} for _, r in d.sectors.iterrows()]


def geo_options(d: Data, lang: str) -> list[dict]:
    used = set(d.claims["geo"])
    return [{"label": f"{r[f'name_{lang}']} ({r['geo']})", "value": r["geo"]} for _, r in d.geo.iterrows() if r["geo"] in used]


def category_options(d: Data, lang: str) -> list[dict]:
    cats = list(dict.fromkeys(d.indicators["category"]))
    return [{"label": t(f"cat_{c}", lang), "value": c} for c in cats]


def kind_options(lang: str) -> list[dict]:
    return [{"label": t(f"kind_{k}", lang), "value": k} for k in KIND_OPTIONS]


def year_bounds(d: Data) -> tuple[int, int]:
    years = d.claims["year"].dropna()
    return (int(years.min()), int(years.max())) if len(years) else (2020, 2030)


def labelled(label: str, control, control_id: str, width: str = "col-12 col-md-6 col-xl-3", lang: str | None = None) -> html.Div:
    """`lang`: for a range slider, the words its two number boxes are named with ('Years from', 'Years to')."""
    # the control's slot keeps its final height while the control's code loads (no layout shift)
    # the label's id names the control (dashboard/assets/a11y.js puts it into the control's accessible name)
    words = {"data-range-from": t("range_from", lang), "data-range-to": t("range_to", lang)} if lang else {}
    return html.Div([html.Label(label, htmlFor=control_id, id=f"{control_id}-label", className="form-label small mb-1"),
                     html.Div(control, className="control-slot", **words)],
                    className=f"{width} mb-2")


def dropdown(control_id: str, options: list[dict], value, lang: str, multi: bool = True) -> dcc.Dropdown:
    return dcc.Dropdown(id=control_id, options=options, value=value, multi=multi, placeholder=t("filter_all", lang), clearable=True)


def year_slider(control_id: str, bounds: tuple[int, int], value: list[int]) -> dcc.RangeSlider:
    lo, hi = bounds
    step = max(1, (hi - lo) // 8)
    return dcc.RangeSlider(id=control_id, min=lo, max=hi, step=1, value=value, allowCross=False,
                           marks={y: str(y) for y in range(lo, hi + 1, step)}, tooltip={"placement": "bottom"})

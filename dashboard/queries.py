"""Questions the pages ask of the tables, answered with pandas on the frames loaded at start-up."""

from __future__ import annotations

import pandas as pd

from dashboard.data import Data
from dashboard.i18n import lang_of


def claim_details(d: Data, lang: str) -> pd.DataFrame:
    """Claims with the credited organisation's and the indicator's names in `lang` joined on (computed once per
    language; callers must not modify the frame)."""
    lang = lang_of(lang)
    return d.memo(("claim_details", lang), lambda: _claim_details(d, lang))


def _claim_details(d: Data, lang: str) -> pd.DataFrame:
    org_col = "name" if lang == "zh" else "name_en"
    orgs = d.sources.set_index("org_id")[org_col]
    inds = d.indicators.set_index("indicator_id")
    sectors = d.sectors.set_index("sector")[f"name_{lang}"]
    c = d.claims
    return c.assign(
        org_name=c["source_org"].map(orgs),
        indicator_name=c["indicator_id"].map(inds[f"name_{lang}"]),
        category=c["indicator_id"].map(inds["category"]),
        sector_name=c["sector"].map(sectors),
    )


def filter_claims(
    claims: pd.DataFrame,
    sectors: list[str] | None = None,
    geos: list[str] | None = None,
    categories: list[str] | None = None,
    years: tuple[int, int] | None = None,
    kinds: list[str] | None = None,
    indicators: list[str] | None = None,
) -> pd.DataFrame:
    """Claims matching every given filter; an empty or None filter keeps everything. Claims without a year
    pass a year filter only when it spans the whole range of the data."""
    mask = pd.Series(True, index=claims.index)
    for col, values in (("sector", sectors), ("geo", geos), ("category", categories), ("kind", kinds), ("indicator_id", indicators)):
        if values:
            mask &= claims[col].isin(values)
    if years:
        lo, hi = years
        in_range = claims["year"].between(lo, hi)
        full = lo <= claims["year"].min() and hi >= claims["year"].max()
        mask &= in_range.fillna(full).astype(bool)
    return claims[mask]


def series_points(d: Data, series_ids: list[str], lang: str) -> pd.DataFrame:
    """Series points ready for trend_figure: a `line` name per trace and the claim behind each point."""
    lang = lang_of(lang)
    s = d.series[d.series["series_id"].isin(series_ids)]
    if s.empty:
        return s.assign(trace=[], label=[])
    details = claim_details(d, lang).set_index("claim_id")[["printed", "section", "line", "org_name", "qualifier"]]
    s = s.assign(claim_key=s["claim_id"].str.split(",").str[0]).join(details, on="claim_key")
    label = s[f"label_{lang}"]
    trace = label.where(label.notna(), s[f"name_{lang}"])
    return s.assign(trace=trace, label=trace)


def main_indicator_points(claims: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The claims of the most frequent indicator, in its most common unit, the latest `limit` of them, each labelled
    '<entity or region> <period> #<claim number>' -- what a values chart of a selection shows."""
    if claims.empty:
        return claims.assign(label=[])
    pts = claims[claims["indicator_id"] == claims["indicator_id"].mode().iloc[0]]
    pts = pts[pts["unit"] == pts["unit"].mode().iloc[0]].sort_values("year", na_position="first").tail(limit)
    label = pts["entity"].fillna(pts["geo"]) + " " + pts["period"].fillna("")
    return pts.assign(label=label.str.strip() + " #" + pts["claim_id"].str.split("-").str[-1])

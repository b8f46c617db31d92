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
    orgs = d.sources.set_index("org_id")[f"name_{lang}"]
    entities = d.entities.set_index("entity_id")[f"name_{lang}"]
    inds = d.indicators.set_index("indicator_id")
    sectors = d.sectors.set_index("sector")[f"name_{lang}"]
    c = d.claims
    return c.assign(
        org_name=c["source_org"].map(orgs),
        indicator_name=c["indicator_id"].map(inds[f"name_{lang}"]),
        category=c["indicator_id"].map(inds["category"]),
        sector_name=c["sector"].map(sectors),
        entity_name=c["entity_id"].map(entities),
        geo_name=c["geo"].map(d.geo.set_index("geo")[f"name_{lang}"]),
        entity_printed=c["entity"],
        entity=c["entity_id"].map(entities).where(c["entity_id"].notna(), c["entity"]),
        about=c[f"about_{lang}"],
    )


def filter_claims(
    claims: pd.DataFrame,
    sectors: list[str] | None = None,
    geos: list[str] | None = None,
    categories: list[str] | None = None,
    years: tuple[int, int] | None = None,
    kinds: list[str] | None = None,
    indicators: list[str] | None = None,
    include_undated: bool = True,
) -> pd.DataFrame:
    """Claims matching every given filter; an empty or None filter keeps everything. Claims without a year (406 of
    the book's figures print none) pass a year filter unless `include_undated` is False."""
    mask = pd.Series(True, index=claims.index)
    for col, values in (("sector", sectors), ("geo", geos), ("category", categories), ("kind", kinds), ("indicator_id", indicators)):
        if values:
            mask &= claims[col].isin(values)
    if years:
        lo, hi = years
        in_range = claims["year"].between(lo, hi)
        mask &= in_range.fillna(include_undated).astype(bool)
    elif not include_undated:
        mask &= claims["year"].notna()
    return claims[mask]


def chart_spec(d: Data, chart_id: str) -> pd.Series:
    """The declaration of one chart (charts table); KeyError when no chart has that id."""
    charts = d.memo(("charts_by_id",), lambda: d.charts.set_index("chart_id", drop=False))
    return charts.loc[chart_id]


def page_chart_specs(d: Data, page: str) -> pd.DataFrame:
    c = d.charts
    return c[c["page"] == page].sort_values("position")


def chart_points(d: Data, chart_id: str, lang: str) -> pd.DataFrame:
    """The points the build resolved for a chart, ready for the figure builders: `trace` (series name) and
    `label` in `lang`, `claim_id` (the first claim behind the point) and the credited organisation's name."""
    lang = lang_of(lang)
    return d.memo(("chart_points", chart_id, lang), lambda: _chart_points(d, chart_id, lang))


def _chart_points(d: Data, chart_id: str, lang: str) -> pd.DataFrame:
    p = d.chart_points[d.chart_points["chart_id"] == chart_id].sort_values("position")
    orgs = d.sources.set_index("org_id")[f"name_{lang}"]
    return p.assign(
        trace=p[f"series_{lang}"], label=p[f"label_{lang}"], claim_id=p["claim_ids"].str.split(",").str[0],
        org_name=p["source_org"].map(orgs), name=p[f"series_{lang}"],
    )

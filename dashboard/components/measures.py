"""The measure picker of an analyst page: the comparable groups (one measure, one unit, one basis) present in a
selection, the chosen group's claims to draw, and the rest of the selection as a list of figures."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.figures import common as figures_common
from dashboard.formatting import fmt_value, unit_label
from dashboard.i18n import t
from etl.groups import group_ids
from etl.records import OTHER

__all__ = ["chosen_group", "dots_view", "group_ids", "group_options", "in_group", "known_groups", "pick", "rest_list",
           "spans_decades"]


def known_groups(d) -> frozenset[str]:
    """Every comparable-group id the warehouse has: what a page accepts in ?m= (computed once per build)."""
    return d.memo(("group_ids_all",), lambda: frozenset(group_ids(d.claims)))


def group_options(claims: pd.DataFrame, lang: str) -> list[dict]:
    """Groups of the selection with at least two claims, largest first: 'Cost reduction from AI (%) · 12'."""
    c = claims[claims["indicator_id"] != OTHER]
    if c.empty:
        return []
    g = c.assign(gid=group_ids(c)).groupby(["gid", "indicator_name", "unit"], sort=False).size().reset_index(name="n")
    g = g[g["n"] >= 2].sort_values(["n", "indicator_name"], ascending=[False, True])
    growth = t("basis_growth", lang)
    out = []
    for _, r in g.iterrows():
        parts = [r["indicator_name"], growth if r["gid"].endswith("|growth") else "", unit_label(r["unit"], lang).strip()]
        out.append({"label": " · ".join(p for p in parts if p) + f" ({int(r['n'])})", "value": r["gid"]})
    return out


def pick(options: list[dict], wanted: str | None) -> str | None:
    values = [o["value"] for o in options]
    return wanted if wanted in values else (values[0] if values else None)


def in_group(claims: pd.DataFrame, gid: str | None) -> pd.DataFrame:
    if not gid or claims.empty:
        return claims.iloc[0:0]
    return claims[group_ids(claims) == gid]


def chosen_group(claims: pd.DataFrame, measure: str | None, lang: str) -> tuple[pd.DataFrame, list[dict], str | None, str]:
    """(the chosen group's claims labelled '<entity or place> · <period>' with their sector as `trace`, the picker's
    options, the group id, its name): the picked group, else the largest one of the selection."""
    options = group_options(claims, lang)
    gid = pick(options, measure)
    pts = in_group(claims, gid)
    label = pts["entity"].fillna(pts["geo_name"]) + pts["period"].map(lambda p: f" · {p}" if isinstance(p, str) else "")
    name = next((o["label"] for o in options if o["value"] == gid), "")
    return pts.assign(label=label, trace=pts["sector_name"]), options, gid, name


def dots_view(pts: pd.DataFrame, title: str, lang: str, d, by: str, log_y: bool = False):
    """A group's dots with their text alternative (plus the takeaway), citation and takeaway."""
    from dashboard.cite import citation
    from dashboard.components.charts import ChartView
    from dashboard.figures.describe import describe_values
    from dashboard.figures.dots import dots_figure
    from dashboard.takeaways import takeaway

    so_what = takeaway(pts, "dots", lang)
    return ChartView(dots_figure(pts, title, lang, by=by, log_y=log_y), describe_values(pts, title, lang) + (f" {so_what}" if so_what else ""),
                     citation(title, pts, d.data_hash, d.built, lang), pts, so_what)


def spans_decades(pts: pd.DataFrame, factor: float = 100) -> bool:
    """True when positive values span more than `factor` (such a strip is drawn on a log axis)."""
    return figures_common.spans_decades(pts["value"], factor)


def rest_list(claims: pd.DataFrame, gid: str | None, lang: str, limit: int = 40) -> html.Div:
    """The selection's other figures, each a button opening its claim: listed, never drawn on the chosen axis."""
    rest = claims if not gid else claims[group_ids(claims) != gid]
    if rest.empty:
        return html.Div()
    rest = rest.sort_values(["indicator_name", "year"], na_position="last")
    items = []
    for _, r in rest.head(limit).iterrows():
        who = r["entity"] if isinstance(r["entity"], str) else r.get("geo_name", r["geo"])
        when = f" · {r['period']}" if isinstance(r["period"], str) else ""
        value = fmt_value(r["value"], r["unit"], lang, r["qualifier"], r["value_low"], r["value_high"])
        items.append(html.Li(html.Button(f"{r['indicator_name']}: {value} — {who}{when}",
                                         id={"type": "claim-row", "claims": r["claim_id"]}, n_clicks=0,
                                         className="btn btn-link btn-sm p-0 text-start claim-row")))
    more = len(rest) - limit
    head = t("other_figures", lang).format(n=len(rest))
    tail = [html.P(t("other_figures_more", lang).format(n=more), className="small text-muted")] if more > 0 else []
    return html.Details([html.Summary(head, className="small"), html.Ul(items, className="list-unstyled small mb-1 ps-2"), *tail],
                        className="other-figures mb-2")

"""The claim behind a figure: as printed, canonical value, kind, qualifier, section and line, organisation."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.formatting import fmt_value
from dashboard.i18n import t

QUALIFIER_WORDS = {"≈": {"zh": "约", "en": "about"}, ">": {"zh": "超过", "en": "more than"}, "<": {"zh": "接近/不足", "en": "nearly / under"},
                   "≥": {"zh": "不低于", "en": "at least"}, "≤": {"zh": "不超过", "en": "at most"}}


def clicked_claim_ids(click: dict | None) -> list[str]:
    """Claim ids carried in a graph's clickData (customdata), split when a derived point cites several."""
    if not click or not isinstance(click, dict):
        return []
    out: list[str] = []
    for pt in click.get("points", [])[:20]:
        cd = pt.get("customdata") if isinstance(pt, dict) else None
        if isinstance(cd, list):
            cd = cd[0] if cd else None
        if isinstance(cd, str):
            out += [c for c in cd.split(",") if c]
    return list(dict.fromkeys(out))[:20]


def selected_claim_ids(rows) -> list[str]:
    """Claim ids of a grid's selected or shown rows (AG Grid selectedRows / virtualRowData)."""
    return [r["claim_id"] for r in (rows or []) if isinstance(r, dict) and isinstance(r.get("claim_id"), str)]


def claim_card(c: pd.Series, lang: str) -> html.Div:
    rows = [
        (t("claim_id", lang), c["claim_id"]),
        (t("indicator", lang), c.get("indicator_name") or c["indicator_id"]),
        (t("printed", lang), c["printed"]),
        (t("value", lang), fmt_value(c["value"], c["unit"], lang, None, c["value_low"], c["value_high"]) + f"  [{c['unit']}]"),
        (t("kind", lang), t(f"kind_{c['kind']}", lang)),
        (t("qualifier", lang), QUALIFIER_WORDS.get(c["qualifier"], {}).get(lang, "–") if isinstance(c["qualifier"], str) else "–"),
        (t("period", lang), c["period"] if isinstance(c["period"], str) else "–"),
        (t("geo", lang), c["geo"]),
        (t("entity", lang), c["entity"] if isinstance(c["entity"], str) else "–"),
        (t("section", lang), f"§{c['section']}"),
        (t("line", lang), str(int(c["line"]))),
        (t("organisation", lang), c.get("org_name") if isinstance(c.get("org_name"), str) else "–"),
    ]
    if isinstance(c.get("about"), str):
        rows.append((t("about", lang), c["about"]))
    return html.Div(
        html.Dl(sum(([html.Dt(k, className="col-5 col-sm-4"), html.Dd(str(v), className="col-7 col-sm-8 mb-1")] for k, v in rows), []),
                className="row small mb-0"),
        className="claim-card border rounded p-2 mb-2",
        **{"data-claim-id": c["claim_id"]},
    )


def provenance(claims: pd.DataFrame, ids: list[str], lang: str) -> list:
    rows = claims[claims["claim_id"].isin(ids)]
    if rows.empty:
        return [html.P(t("click_hint", lang))]
    order = {cid: i for i, cid in enumerate(ids)}
    rows = rows.assign(_o=rows["claim_id"].map(order)).sort_values("_o")
    return [claim_card(r, lang) for _, r in rows.iterrows()]

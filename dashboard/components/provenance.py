"""The claim behind a figure: as printed, canonical value, kind, qualifier, section and line, organisation."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.book import excerpt
from dashboard.formatting import fmt_value, section_label
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


def claim_card(c: pd.Series, lang: str, d=None, path: str = "/") -> html.Div:
    geo = c["geo"]
    if d is not None:
        geo = d.memo(("geo_names", lang), lambda: dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))).get(geo, geo)
    entity = c["entity"] if isinstance(c["entity"], str) else "–"
    printed_name = c.get("entity_printed")
    if isinstance(printed_name, str) and printed_name != entity:
        entity = f"{entity}（{printed_name}）" if lang == "zh" else f"{entity} (as printed: {printed_name})"
    rows = [
        (t("claim_id", lang), c["claim_id"]),
        (t("about", lang), c["about"] if isinstance(c.get("about"), str) else "–"),
        (t("indicator", lang), c.get("indicator_name") or c["indicator_id"]),
        (t("printed", lang), c["printed"]),
        (t("value", lang), fmt_value(c["value"], c["unit"], lang, None, c["value_low"], c["value_high"]) + f"  [{c['unit']}]"),
        (t("kind", lang), t(f"kind_{c['kind']}", lang)),
        (t("qualifier", lang), QUALIFIER_WORDS.get(c["qualifier"], {}).get(lang, "–") if isinstance(c["qualifier"], str) else "–"),
        (t("period", lang), c["period"] if isinstance(c["period"], str) else "–"),
        (t("geo", lang), geo),
        (t("entity", lang), entity),
        (t("section", lang), section_label(c['section'], lang)),
        (t("line", lang), str(int(c["line"]))),
        (t("organisation", lang), c.get("org_name") if isinstance(c.get("org_name"), str) else "–"),
    ]
    children = [html.Dl(sum(([html.Dt(k, className="col-5 col-sm-4"), html.Dd(str(v), className="col-7 col-sm-8 mb-1")]
                             for k, v in rows), []), className="row small mb-1")]
    if d is not None:
        children.append(_book_line(d, c, lang))
        children += _findings(d, c["claim_id"], lang)
    link = f"{path}?lang={lang}&claim={c['claim_id']}"
    children.append(html.A(t("claim_link", lang), href=link, className="small claim-permalink", id=f"claim-link-{c['claim_id']}"))
    return html.Div(children, className="claim-card border rounded p-2 mb-2", **{"data-claim-id": c["claim_id"]})


def _book_line(d, c: pd.Series, lang: str):
    """The book's line with the printed figure marked, read from the source text now (never stored)."""
    ex = excerpt(d.manifest["source_sha256"], int(c["line"]), c["printed"])
    if ex is None:
        return html.P(t("book_unavailable", lang), className="small text-muted mb-1")
    quote = html.Blockquote([ex.before, html.Mark(ex.figure, className="printed-figure"), ex.after],
                            className="book-line small border-start border-3 ps-2 mb-1", lang="zh")
    more = html.Details([
        html.Summary(t("book_context", lang), className="small"),
        html.P(ex.previous, className="small text-muted mb-1", lang="zh") if ex.previous else None,
        html.P(ex.paragraph, className="small mb-1", lang="zh"),
        html.P(ex.following, className="small text-muted mb-1", lang="zh") if ex.following else None,
    ], className="mb-1")
    return html.Div([html.Div(f"{t('book_says', lang)} ({section_label(c['section'], lang)}, {t('line', lang)} {int(c['line'])})",
                              className="small fw-semibold"), quote, more], className="book-excerpt")


def _findings(d, claim_id: str, lang: str) -> list:
    """Audit findings involving the claim: the book contradicting or repeating itself on this figure."""
    a = d.memo(("audit_by_claim",), lambda: d.audit.assign(ids=d.audit["claim_ids"].str.split(",")).explode("ids"))
    rows = a[a["ids"] == claim_id].drop_duplicates("check_id")
    out = []
    for _, r in rows.iterrows():
        out.append(html.Div([
            html.Span(t(f"sev_{r['severity']}", lang), className=f"badge me-1 bg-{'danger' if r['severity'] == 'error' else 'warning text-dark' if r['severity'] == 'warning' else 'secondary'}"),
            html.Span(r[f"explanation_{lang}"], className="small"), " ",
            html.A(t("see_audit", lang), href=f"/audit?lang={lang}&claim={claim_id}", className="small"),
        ], className="audit-finding mb-1", **{"data-check": r["check"]}))
    return out


def event_card(d, event_id: str, lang: str) -> html.Div:
    """An event: its title in the chosen language (and as printed), date, kind, jurisdiction, issuing body, and every
    place the book mentions it, each with its line read from the book."""
    ev = d.events.set_index("event_id").loc[event_id]
    geo = dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))
    title = ev["title"] if lang == "zh" else ev["title_en"]
    body = ev["body"] if lang == "zh" else ev["body_en"]
    rows = [(t("event_title", lang), title), (t("event_title_printed", lang), ev["title"]) if lang == "en" else None,
            (t("event_date", lang), str(ev["date"])[: {"year": 4, "month": 7}.get(ev["date_precision"], 10)]),
            (t("event_kind", lang), t(f"ev_{ev['kind']}", lang)), (t("event_jurisdiction", lang), geo.get(ev["jurisdiction"], ev["jurisdiction"])),
            (t("event_body", lang), body) if isinstance(body, str) else None]
    rows = [r for r in rows if r]
    mentions = d.event_mentions[d.event_mentions["event_id"] == event_id].sort_values("line")
    items = []
    for _, m in mentions.iterrows():
        ex = excerpt(d.manifest["source_sha256"], int(m["line"]), m["title"])
        quote = ([ex.before, html.Mark(ex.figure), ex.after] if ex else [m["title"]])
        items.append(html.Li([html.Div(f"{section_label(m['section'], lang)} · {t('line', lang)} {int(m['line'])}", className="fw-semibold"),
                              html.Blockquote(quote, className="book-line border-start border-3 ps-2 mb-1", lang="zh")],
                             className="small mb-1"))
    return html.Div([
        html.Dl(sum(([html.Dt(k, className="col-5 col-sm-4"), html.Dd(str(v), className="col-7 col-sm-8 mb-1")] for k, v in rows), []),
                className="row small mb-1"),
        html.Div(t("event_mentions", lang).format(n=len(mentions)), className="small fw-semibold"),
        html.Ul(items, className="list-unstyled mb-1"),
        html.A(t("claim_link", lang), href=f"/policy?lang={lang}&event={event_id}", className="small claim-permalink"),
    ], className="claim-card event-card border rounded p-2 mb-2", **{"data-event-id": event_id})


def event_ids(d) -> frozenset[str]:
    """The ids of the events (computed once per build): an id in the panel's selection that is one opens an event."""
    return d.memo(("event_ids",), lambda: frozenset(d.events["event_id"]))


def provenance(claims: pd.DataFrame, ids: list[str], lang: str, d=None, path: str = "/") -> list:
    events = [i for i in ids if d is not None and i in event_ids(d)]
    if events:
        return [event_card(d, e, lang) for e in events[:5]]
    rows = claims[claims["claim_id"].isin(ids)]
    if rows.empty:
        return [html.P(t("click_hint", lang))]
    order = {cid: i for i, cid in enumerate(ids)}
    rows = rows.assign(_o=rows["claim_id"].map(order)).sort_values("_o")
    return [claim_card(r, lang, d, path) for _, r in rows.iterrows()]

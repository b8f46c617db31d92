"""HTTP routes for exports: /export/<chart>.<png|svg|pdf> and /export/deck.pptx, both reading the page's query."""

from __future__ import annotations

import logging

from flask import Flask, Response, request

from dashboard import urlstate
from dashboard.charts_registry import chart, charts, page_charts
from dashboard.downloads import filename
from dashboard.exports import FORMATS, PPTX_MIME, ExportError, deck, export_chart

log = logging.getLogger(__name__)
_FILTER_KEYS = ("sector", "geo", "cat", "kind", "from", "to", "xs", "xi", "jur", "q", "indicator", "events")


def _filters(query: dict) -> dict:
    return {k: query[k] for k in _FILTER_KEYS if k in query}


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def register(server: Flask) -> None:
    @server.route("/export/deck.pptx")
    def export_deck():
        query = urlstate.parse(request.query_string.decode("utf-8", "replace"))
        lang = urlstate.lang("?" + request.query_string.decode("utf-8", "replace"))
        ids = query.get("charts") or []
        if ids:
            chosen = [c for c in (chart(i) for i in ids) if c is not None]
        else:
            chosen = page_charts((query.get("page") or ["/"])[0])
        if not chosen:
            return _error(404, "no such charts; see /export/ for the list")
        try:
            data = deck(chosen, query, lang)
        except ExportError as exc:
            return _error(503, str(exc))
        name = filename("deck", {"charts": [c.id for c in chosen] if ids else None, "page": (query.get("page") or [None])[0],
                                 **_filters(query)}, lang, "pptx")
        return Response(data, mimetype=PPTX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @server.route("/export/<chart_id>.<fmt>")
    def export_one(chart_id: str, fmt: str):
        c = chart(chart_id)
        if c is None or fmt not in FORMATS:
            return _error(404, f"no chart {chart_id!r} in format {fmt!r}; charts: {', '.join(x.id for x in charts())}; formats: png, svg, pdf")
        raw = request.query_string.decode("utf-8", "replace")
        query = urlstate.parse(raw)
        lang = urlstate.lang("?" + raw)
        try:
            data, _ = export_chart(c, query, lang, fmt)
        except ExportError as exc:
            return _error(503, str(exc))
        name = filename(chart_id, _filters(query), lang, fmt)
        return Response(data, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})

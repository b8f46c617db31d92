"""HTTP routes for exports: /export/<chart>.<png|svg|pdf> and /export/deck.pptx, both reading the page's query."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from flask import Flask, Response, request

from dashboard import urlstate
from dashboard.charts_registry import chart, charts, page_charts
from dashboard.data import current
from dashboard.downloads import filename
from dashboard.exports import FORMATS, MAX_DECK, PPTX_MIME, SIZES, ExportError, deck, export_chart

log = logging.getLogger(__name__)
CACHE_BYTES = 64 * 1024 * 1024  # rendered exports kept per process, least recently used first out


class _Cache:
    """Rendered exports by (what, state, language, format, size, data hash), bounded in bytes."""

    def __init__(self, limit: int = CACHE_BYTES):
        self.limit, self.size, self.items = limit, 0, OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value: bytes) -> None:
        with self.lock:
            if key in self.items or len(value) > self.limit:
                return
            self.items[key] = value
            self.size += len(value)
            while self.size > self.limit:
                _, old = self.items.popitem(last=False)
                self.size -= len(old)


CACHE = _Cache()
EXPORT_SLOTS = 2  # exports rendering or waiting per process; more get a 503 with Retry-After, so pages keep serving
_slots = threading.BoundedSemaphore(EXPORT_SLOTS)


def _busy() -> Response:
    resp = _error(503, f"{EXPORT_SLOTS} exports are being made on this server; retry in a few seconds")
    resp.headers["Retry-After"] = "5"
    return resp


def _key(kind: str, ids, query: dict, lang: str, fmt: str, size: str) -> tuple:
    state = tuple(sorted((k, tuple(v)) for k, v in query.items() if k in (*_FILTER_KEYS, "m", "page")))
    return (kind, tuple(ids), state, lang, fmt, size, current().data_hash)
_FILTER_KEYS = ("sector", "geo", "cat", "kind", "from", "to", "xs", "xi", "jur", "q", "indicator", "events")


def _filters(query: dict) -> dict:
    return {k: query[k] for k in _FILTER_KEYS if k in query}


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _view_url(path: str, query: dict) -> str:
    """The URL of the view an export came from (the page and its state), on this server."""
    keep = {k: v for k, v in query.items() if k in (*_FILTER_KEYS, "lang", "m")}
    return request.host_url.rstrip("/") + path + urlstate.build(keep)


def register(server: Flask) -> None:
    @server.route("/export/deck.pptx", methods=["GET", "HEAD"])
    def export_deck():
        raw = request.query_string.decode("utf-8", "replace")
        query = urlstate.parse(raw)
        lang = urlstate.lang("?" + raw)
        ids = urlstate.parse(raw.replace("%2C", ","), max_values=MAX_DECK + 1).get("charts") or []
        if ids:
            unknown = [i for i in ids if chart(i) is None]
            if unknown:
                return _error(404, f"no chart {', '.join(repr(u[:40]) for u in unknown[:5])}; charts: {', '.join(x.id for x in charts())}")
            if len(ids) > MAX_DECK:
                return _error(413, f"a deck holds at most {MAX_DECK} charts; {len(ids)} or more were asked for")
            chosen = [chart(i) for i in ids]
        else:
            chosen = page_charts((query.get("page") or ["/"])[0])
        if not chosen:
            return _error(404, "no such charts; see /export/ for the list")
        name = filename("deck", {"charts": [c.id for c in chosen] if ids else None, "page": (query.get("page") or [None])[0],
                                 **_filters(query)}, lang, "pptx")
        if request.method == "HEAD":  # answer what a GET would send, without rendering it
            return Response(b"", mimetype=PPTX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'})
        page = (query.get("page") or [chosen[0].page])[0]
        key = _key("deck", [c.id for c in chosen], query, lang, "pptx", "16:9")
        data = CACHE.get(key)
        if data is None:
            if not _slots.acquire(blocking=False):
                return _busy()
            try:
                data = deck(chosen, query, lang, _view_url(page if page.startswith("/") else "/", query))
            except ExportError as exc:
                return _error(503, str(exc))
            finally:
                _slots.release()
            CACHE.put(key, data)
        return Response(data, mimetype=PPTX_MIME, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @server.route("/export/<chart_id>.<fmt>", methods=["GET", "HEAD"])
    def export_one(chart_id: str, fmt: str):
        c = chart(chart_id)
        if c is None or fmt not in FORMATS:
            return _error(404, f"no chart {chart_id!r} in format {fmt!r}; charts: {', '.join(x.id for x in charts())}; formats: png, svg, pdf")
        raw = request.query_string.decode("utf-8", "replace")
        query = urlstate.parse(raw)
        lang = urlstate.lang("?" + raw)
        size = (query.get("size") or ["wide"])[0]
        if size not in SIZES:
            return _error(400, f"size {size[:20]!r} is not one of {', '.join(SIZES)}")
        name = filename(chart_id, _filters(query), lang, fmt)
        if request.method == "HEAD":
            return Response(b"", mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})
        key = _key("chart", [chart_id], query, lang, fmt, size)
        data = CACHE.get(key)
        if data is None:
            if not _slots.acquire(blocking=False):
                return _busy()
            try:
                data, _ = export_chart(c, query, lang, fmt, _view_url(c.page, query), size)
            except ExportError as exc:
                return _error(503, str(exc))
            finally:
                _slots.release()
            CACHE.put(key, data)
        return Response(data, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})

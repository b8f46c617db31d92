"""The pages, in navigation order. Each module has NAME, PATH, LABEL, layout(query, lang) and its callbacks."""

from __future__ import annotations

from dashboard.pages import audit, explorer, overview, policy, sectors, sources

PAGES = [overview, sectors, explorer, policy, audit, sources]


def page_for(pathname: str):
    path = pathname.rstrip("/") or "/"
    return next((p for p in PAGES if path == p.PATH), None)

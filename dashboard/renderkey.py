"""The page render cache's key: the page, its language and only known, validated query values, so the cache holds at
most one entry per distinct view the site can show and a flood of junk URLs finds the views it already has.

A page that states its URL state (`canonical(query, lang)`: the validated state the language switch carries) is
keyed on exactly that. For the other pages each known key's values are checked against what they may be: unknown keys
never enter the key, and neither does an unknown value: each run of unknown values becomes one placeholder (a page may
read a key by its first value, so where an unknown one stands still matters; after the last known value unknown ones
change nothing and are left out, and so is a key with only unknown values, which the pages read as absent). Free text
typed by the visitor (`q`, the grid's text filters `gf`) is never cached."""

from __future__ import annotations

import re

from dashboard import urlstate
from dashboard.data import Data
from dashboard.pages import page_for

UNKNOWN = "\x00"
FREE_TEXT = frozenset({"q", "gf"})  # typed by the visitor: views with it are rendered, not cached
_YEAR = re.compile(r"^\d{4}$")


def domains(d: Data) -> dict[str, frozenset[str]]:
    """Every value each known query key may take (a superset of what any page accepts for it)."""
    return d.memo(("query-domains",), lambda: _domains(d))


def _domains(d: Data) -> dict[str, frozenset[str]]:
    from dashboard.components.filters import KIND_OPTIONS
    from etl.claims import KINDS
    from etl.events import EVENT_KINDS

    sectors = frozenset(map(str, d.sectors["sector"]))
    geo = frozenset(map(str, d.geo["geo"]))
    indicators = frozenset(map(str, d.indicators["indicator_id"]))
    kinds = frozenset(map(str, (*KIND_OPTIONS, *KINDS, *EVENT_KINDS, *d.claims["kind"].dropna(), *d.events["kind"].dropna())))
    return {
        "sector": sectors, "xs": sectors,
        "geo": geo, "jur": geo,
        "indicator": indicators, "xi": indicators,
        "cat": frozenset(map(str, d.indicators["category"].dropna())),
        "kind": kinds,
        "finding": frozenset(map(str, d.audit["check_id"])),
        "events": frozenset({"0", "1"}),
    }


def known_keys(d: Data) -> frozenset[str]:
    return frozenset({"lang", "from", "to", *FREE_TEXT, *domains(d)})


def _valid(key: str, value: str, allowed: dict[str, frozenset[str]]) -> bool:
    if key in ("from", "to"):
        return bool(_YEAR.match(value))
    return value in allowed[key]


def render_key(d: Data, pathname: str | None, search: str | None) -> tuple | None:
    """("render", page path, lang, state), or None when the view must not be cached."""
    query = urlstate.parse(search)
    if FREE_TEXT & query.keys():
        return None
    page = page_for(pathname or "/")
    lang = urlstate.lang(search)
    canonical = getattr(page, "canonical", None)
    if canonical is not None:
        return ("render", page.PATH, lang, canonical(query, lang))
    allowed = domains(d)
    parts = []
    for key in sorted(query.keys() & (allowed.keys() | {"from", "to"})):
        values: list[str] = []
        for v in query[key]:
            v = v if _valid(key, v, allowed) else UNKNOWN
            if not (v == UNKNOWN and values and values[-1] == UNKNOWN):
                values.append(v)
        while values and values[-1] == UNKNOWN:  # after the last known value, unknown ones change nothing
            values.pop()
        if values:  # a key with nothing known in it reads as absent on every page
            parts.append((key, tuple(values)))
    return ("render", page.PATH if page is not None else None, lang, tuple(parts))

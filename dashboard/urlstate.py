"""Page state in the URL query string: parse and build, with every value checked against what is allowed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dashboard.i18n import lang_of

MAX_VALUE_LEN = 200
MAX_VALUES = 50


def parse(search: str | None) -> dict[str, list[str]]:
    """?a=1&b=x,y -> {'a': ['1'], 'b': ['x', 'y']}; oversize or odd values are dropped, never raised."""
    if not search or not isinstance(search, str):
        return {}
    out: dict[str, list[str]] = {}
    for key, values in parse_qs(search.lstrip("?"), keep_blank_values=False).items():
        if len(key) > 40:
            continue
        items: list[str] = []
        for v in values:
            items += [x for x in v.split(",") if x and len(x) <= MAX_VALUE_LEN]
        if items:
            out[key] = items[:MAX_VALUES]
    return out


def lang(search: str | None) -> str:
    return lang_of((parse(search).get("lang") or [None])[0])


def pick(query: dict[str, list[str]], key: str, allowed, multi: bool = True):
    """Values of `key` that are in `allowed` (list for multi, else one value or None)."""
    allowed = set(allowed)
    vals = [v for v in query.get(key, []) if v in allowed]
    if multi:
        return list(dict.fromkeys(vals))
    return vals[0] if vals else None


def build(params: dict[str, object]) -> str:
    """{'lang': 'en', 'sector': ['a', 'b'], 'x': None} -> '?lang=en&sector=a,b' (empty values left out)."""
    items = []
    for key, value in params.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        items.append((key, str(value)))
    return "?" + urlencode(items, safe=",") if items else ""

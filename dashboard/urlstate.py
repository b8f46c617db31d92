"""Page state in the URL query string: parse and build, with every value checked against what is allowed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dashboard.i18n import lang_of

MAX_VALUE_LEN = 200
MAX_VALUES = 50


def parse(search: str | None, max_values: int = MAX_VALUES) -> dict[str, list[str]]:
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
            out[key] = items[:max_values]
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


def ignored(query: dict[str, list[str]], allowed: dict[str, object]) -> list[tuple[str, str]]:
    """(key, value) pairs of the query that a page's filters do not know: reported to the user, never silently dropped."""
    out = []
    for key, values in allowed.items():
        known = set(values)
        out += [(key, v) for v in query.get(key, []) if v not in known]
    return out


def ignored_note(query: dict[str, list[str]], allowed: dict[str, object], lang: str):
    """A polite note naming the unknown values of the URL ('sector “xyz” ignored'), or None."""
    from dash import html

    from dashboard.i18n import t

    bad = ignored(query, allowed)
    if not bad:
        return None
    items = ", ".join(f"{k} “{v[:40]}”" for k, v in bad[:10])
    return html.Div(t("ignored_values", lang).format(items=items), className="alert alert-warning py-1 px-2 small", role="status")

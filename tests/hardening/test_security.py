"""Hardening, through the Flask test client of the served app: security headers on every response, hostile URL
query values get a normal page with nothing injected, forged callback requests get a 4xx JSON error, never a 500.

The app under test is the live server's (create_app(data), hardened): Dash hands the pages' callbacks to the
first app that serves a request, so a second app in the same test session would have none of them."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from urllib.parse import quote, urlencode

import pytest

from dashboard.middleware import MAX_URL
from dashboard.pages import PAGES
from dashboard.security import MAX_BODY, MAX_ITEMS, harden
from tests.callback_requests import route_body, sectors_update_body

CALLBACK = "/_dash-update-component"
PATHS = [p.PATH for p in PAGES]
QUERY_KEYS = ["lang", "sector", "geo", "cat", "kind", "from", "to", "xs", "xi", "q", "indicator", "jur", "finding", "events"]

HOSTILE = {
    "unknown_sector": "nosuchsector",
    "10kB": "<b>big</b>" * 1024,
    "script": "<script>window.__pwned=1</script>",
    "img_onerror": '"><img src=x onerror=window.__pwned=1>',
    "javascript_url": "javascript:window.__pwned=1",
    "template": "{{7*7}}${7*7}<%= 7*7 %>",
    "sql": "energy' OR '1'='1'; DROP TABLE claims; --",
    "rtl_override": "\u202eenergy\u202c<s>",
    "zero_width": "ener\u200bgy\u200d\ufeff",
    "emoji": "\U0001f680\U0001f469\u200d\U0001f4bb\U0001f1e8\U0001f1f3",
    "combining": "e\u0301\u0302\u0303\u0304" * 20,
    "control": "a\x00b\x1bc\x7f\r\nSet-Cookie: x=1",
    "cjk": "能源基础设施<i>",
    "path_traversal": "../../../../etc/passwd",
}
RAW_SEARCHES = ["?lang=%ff%fe", "?sector=%ZZ%", "?" + "&".join(f"k{i}=v" for i in range(500)), "?lang=en&sector=" + ",".join(["energy"] * 500),
                "?=&&==&lang", "?q=%3Cscript%3E&q=%3Cimg%3E&q=1"]
# components and props through which text can become markup or a navigation
UNSAFE_TYPES = {"Script", "Iframe", "ObjectEl", "Embed", "Frame", "Frameset", "Base", "Meta", "Link"}
SAFE_TEXT_PROPS = {"children", "value", "title", "placeholder", "aria-label", "href (same-site, encoded)"}


@pytest.fixture(scope="module")
def server(live_server):
    app = live_server.httpd.app
    harden(app)  # idempotent: create_app already hardened it
    return app


@pytest.fixture(scope="module")
def client(server):
    return server.test_client()


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(CALLBACK, data=data, content_type=content_type)


def text_props(node, out: list, marker: str) -> None:
    """(component type, prop) of every string prop containing `marker`, walking Dash's component JSON."""
    if isinstance(node, list):
        for v in node:
            text_props(v, out, marker)
    elif isinstance(node, dict):
        comp = node.get("type") if isinstance(node.get("props"), dict) and "namespace" in node else None
        items = node["props"].items() if comp else node.items()
        for k, v in items:
            if isinstance(v, str):
                if marker in v:
                    # a same-site link that carries a filter of the page (percent-encoded) is not an injection
                    safe_link = k == "href" and v.startswith("/") and not v.startswith("//") and not re.search(r"[<>\"' ]", v)
                    out.append((comp, "href (same-site, encoded)" if safe_link else k))
            else:
                text_props(v, out, marker)


def components(node, out: list) -> None:
    if isinstance(node, list):
        for v in node:
            components(v, out)
    elif isinstance(node, dict):
        if isinstance(node.get("props"), dict) and "namespace" in node:
            out.append(node)
        for v in node.values():
            components(v, out)


def marker_of(payload: str) -> str:
    return payload[:12]


# ---- headers ---------------------------------------------------------------------------------------------------

def _csp(resp) -> dict[str, list[str]]:
    policy = resp.headers.get("Content-Security-Policy", "")
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in policy.split(";")) if d}


def _urls_to_check(client) -> list[str]:
    html = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert scripts and styles
    return ["/", "/?lang=en", *PATHS, "/no-such-page", scripts[0], scripts[-1], styles[0], "/assets/00-bootstrap.min.css",
            "/_dash-layout", "/_dash-dependencies", "/_favicon.ico?v=1", "/assets/no-such-file.css"]


def test_security_headers_on_pages_assets_and_callbacks(client):
    responses = [(u, client.get(u)) for u in _urls_to_check(client)]
    responses += [("router", post(client, route_body("/", "?lang=en"))), ("forged", post(client, b"nope"))]
    statuses = {u: r.status_code for u, r in responses}
    assert statuses["/assets/no-such-file.css"] == 404 and statuses["/no-such-page"] == 404 and statuses["forged"] == 400
    assert all(s == 200 for u, s in statuses.items() if u not in ("/assets/no-such-file.css", "/no-such-page", "forged")), statuses
    for url, r in responses:
        assert r.headers.get("X-Content-Type-Options") == "nosniff", url
        assert r.headers.get("Referrer-Policy") == "no-referrer", url
        assert r.headers.get("X-Frame-Options") == "DENY", url
        csp = _csp(r)
        assert csp.get("default-src") == ["'self'"], url
        assert csp.get("frame-ancestors") == ["'none'"] and csp.get("object-src") == ["'none'"], url
        assert csp.get("base-uri") == ["'self'"] and csp.get("connect-src") == ["'self'"], url
        assert csp.get("style-src") == ["'self'", "'unsafe-inline'"], url
        assert csp.get("img-src") == ["'self'", "data:", "blob:"] and csp.get("font-src") == ["'self'", "data:"], url
        script_src = csp.get("script-src", [])
        assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:]), script_src


def test_csp_allows_exactly_the_inline_scripts_of_the_page(client):
    resp = client.get("/sectors?lang=en")
    html = re.sub(r"<!--.*?-->", "", resp.get_data(as_text=True), flags=re.S)  # the IE notice sits in a comment
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert inline, "Dash's renderer script should be inline"
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    assert set(_csp(resp)["script-src"][1:]) == hashes
    assert "'unsafe-inline'" not in _csp(resp)["script-src"] and "'unsafe-eval'" not in _csp(resp)["script-src"]


def test_debug_and_dev_tools_are_off_and_bodies_are_capped(client, server):
    assert server.debug is False
    assert server.config["MAX_CONTENT_LENGTH"] == MAX_BODY
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>',
                                  client.get("/").get_data(as_text=True)).group(1))
    assert config["ui"] is False and config["props_check"] is False


# ---- hostile URL query values ------------------------------------------------------------------------------------

def _assert_rendered_safely(resp, payload: str, where: str, allowed=SAFE_TEXT_PROPS):
    assert resp.status_code == 200, (where, resp.status_code, resp.get_data(as_text=True)[:300])
    text = resp.get_data(as_text=True)
    assert "Traceback" not in text
    if "<" in payload or ">" in payload:
        assert payload not in text, f"{where}: the payload appears unescaped in the response"
        assert "<script" not in text.lower() and "<img" not in text.lower(), where
    tree = resp.get_json()
    found: list = []
    text_props(tree, found, marker_of(payload))
    for comp, prop in found:
        assert prop in allowed, f"{where}: payload reached {comp}.{prop}"
    comps: list = []
    components(tree, comps)
    assert comps, where
    for c in comps:
        assert c["type"] not in UNSAFE_TYPES or c["namespace"] != "dash_html_components", f"{where}: renders a {c['type']}"
        assert not c["props"].get("dangerously_allow_html"), where
        for k in ("href", "src"):
            v = c["props"].get(k)
            if isinstance(v, str):
                if k == "src" and c["type"] == "Img" and _our_sparkline(v):
                    continue
                assert not v.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{where}: {k}={v[:60]}"
                assert not v.startswith("//"), f"{where}: {k} points to another host"


def _our_sparkline(src: str) -> bool:
    """The cards' sparklines are SVG images we draw from numbers (dashboard/figures/sparkline.py): exactly a polyline
    and dots, no text, no script, no event handler, no link; an image's SVG cannot run script anyway."""
    from urllib.parse import unquote

    prefix = "data:image/svg+xml;charset=utf-8,"
    if not src.startswith(prefix):
        return False
    svg = unquote(src[len(prefix):])
    tags = set(re.findall(r"<(\w+)", svg))
    return tags <= {"svg", "g", "polyline", "path"} and not re.search(r"\son\w+=|href|script|<text", svg, flags=re.I)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_query_values_get_a_normal_page_with_nothing_injected(client, path, name):
    payload = HOSTILE[name]
    for lang in ("en", "zh"):
        search = "?" + urlencode({"lang": lang, **{k: payload for k in QUERY_KEYS if k != "lang"}})
        page = client.get(path + search)
        assert page.status_code == (414 if len(path + search) > MAX_URL else 200)  # over-long: our own error page
        html = page.get_data(as_text=True)
        assert marker_of(payload) not in html and "Traceback" not in html
        _assert_rendered_safely(post(client, route_body(path, search)), payload, f"{path} {name} {lang}")
    # the value alone in every key too, language included
    search = "?" + urlencode(dict.fromkeys(QUERY_KEYS, payload))
    _assert_rendered_safely(post(client, route_body(path, search)), payload, f"{path} {name} everywhere")


@pytest.mark.parametrize("search", RAW_SEARCHES)
@pytest.mark.parametrize("path", PATHS)
def test_malformed_query_strings_get_a_normal_page(client, path, search):
    assert client.get(path + search).status_code == 200
    resp = post(client, route_body(path, search))
    assert resp.status_code == 200 and resp.get_json()["response"]["shell"]["children"]


@pytest.mark.parametrize("name", ["script", "img_onerror", "10kB", "rtl_override", "control", "emoji", "javascript_url"])
def test_hostile_paths_get_the_not_found_page(client, name):
    pathname = "/" + HOSTILE[name]
    # the not-found page with status 404 (an over-long path gets our own 414 page)
    path = "/" + HOSTILE[name].replace("\x00", "")
    assert client.get("/" + quote(path[1:])).status_code == (414 if len(path) > MAX_URL else 404)
    resp = post(client, route_body(pathname, "?lang=en"))
    # the path comes back only in the language link, as a same-site path
    _assert_rendered_safely(resp, pathname, f"path {name}", allowed=SAFE_TEXT_PROPS | {"href"})


def test_language_link_never_points_to_another_host(client):
    resp = post(client, route_body("//evil.example/x", "?lang=en"))
    comps: list = []
    components(resp.get_json(), comps)
    hrefs = [c["props"]["href"] for c in comps if isinstance(c["props"].get("href"), str)]
    # same-site paths, or a fragment of this page (the skip link's '#page-main')
    assert hrefs and all((h.startswith("/") and not h.startswith("//")) or re.fullmatch(r"#[\w-]+", h) for h in hrefs), hrefs


# ---- forged callback requests ------------------------------------------------------------------------------------

def _router(**changes) -> dict:
    body = route_body("/sectors", "?lang=en")
    body.update(changes)
    return body


URL_IN = [{"id": "url", "property": "pathname", "value": "/"}, {"id": "url", "property": "search", "value": "?lang=en"}]
FORGED = {
    "not_json": (b"this is not json", "application/json"),
    "empty": (b"", "application/json"),
    "truncated": (json.dumps(route_body("/", "?lang=en"))[:-20].encode(), "application/json"),
    "array": (b"[]", "application/json"),
    "string": (b'"hello"', "application/json"),
    "null": (b"null", "application/json"),
    "number": (b"42", "application/json"),
    "text_plain": (json.dumps(route_body("/", "?lang=en")).encode(), "text/plain"),
    "form": (b"output=shell.children", "application/x-www-form-urlencoded"),
    "nested_deeply": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "too_big": (json.dumps(_router(changedPropIds=["x" * 1000] * (MAX_BODY // 1000 + 10))).encode(), "application/json"),
    "no_output": ({k: v for k, v in route_body("/", "?lang=en").items() if k != "output"}, None),
    "output_int": (_router(output=5), None),
    "output_list": (_router(output=["shell.children"]), None),
    "output_empty": (_router(output=""), None),
    "output_huge": (_router(output="x" * 100_000), None),
    "unknown_callback": (_router(output="nope.children"), None),
    "unknown_duplicate_callback": (_router(output="claim-selected.data@" + "0" * 64), None),
    "unknown_outputs": (_router(outputs=[{"id": "evil", "property": "children"}, {"id": "route", "property": "data"}]), None),
    "outputs_string": (_router(outputs="shell.children"), None),
    "outputs_too_few": (_router(outputs=[{"id": "shell", "property": "children"}]), None),
    "no_inputs": ({k: v for k, v in route_body("/", "?lang=en").items() if k != "inputs"}, None),
    "inputs_null": (_router(inputs=None), None),
    "inputs_object": (_router(inputs={"id": "url", "property": "pathname"}), None),
    "inputs_empty": (_router(inputs=[]), None),
    "inputs_missing_one": (_router(inputs=URL_IN[:1]), None),
    "inputs_extra": (_router(inputs=[*URL_IN, {"id": "x", "property": "y"}]), None),
    "inputs_strings": (_router(inputs=["url.pathname", "url.search"]), None),
    "input_without_property": (_router(inputs=[{"id": "url", "value": "/"}, URL_IN[1]]), None),
    "input_without_id": (_router(inputs=[{"property": "pathname", "value": "/"}, URL_IN[1]]), None),
    "input_id_int": (_router(inputs=[{"id": 7, "property": "pathname"}, URL_IN[1]]), None),
    "input_wrong_component": (_router(inputs=[{"id": "shell", "property": "pathname", "value": "/"}, URL_IN[1]]), None),
    "input_wrong_property": (_router(inputs=[{"id": "url", "property": "hash", "value": "/"}, URL_IN[1]]), None),
    "inputs_huge": (_router(inputs=[URL_IN[0]] * 10_000), None),
    "inputs_nested_huge": (_router(inputs=[[URL_IN[0]] * 10_000, URL_IN[1]]), None),
    "state_missing": (_router(state=[]), None),
    "state_string": (_router(state="route.data"), None),
    "state_huge": (_router(state=[{"id": "route", "property": "data"}] * 5000), None),
    "changed_not_list": (_router(changedPropIds="url.pathname"), None),
    "changed_huge": (_router(changedPropIds=["url.pathname"] * (MAX_ITEMS + 1)), None),
    "changed_ints": (_router(changedPropIds=[1, 2]), None),
    "pathname_int": (_router(inputs=[{**URL_IN[0], "value": 5}, URL_IN[1]]), None),
    "pathname_list": (_router(inputs=[{**URL_IN[0], "value": ["/", "/sectors"]}, URL_IN[1]]), None),
    "pathname_object": (_router(inputs=[{**URL_IN[0], "value": {"a": 1}}, URL_IN[1]]), None),
    "sectors_unknown_crossfilter": (sectors_update_body(xfilter={"sector": "nosuch", "indicator": "nosuch"}), None),
    "sectors_crossfilter_list": (sectors_update_body(xfilter=["sector"]), None),
    "sectors_years_strings": (sectors_update_body(years=["x", {"y": 1}]), None),
    "sectors_years_huge": (sectors_update_body(years=list(range(50_000))), None),
    "sectors_sector_object": (sectors_update_body(sector={"$ne": None}), None),
}
# bodies that are well formed but carry odd values: a normal answer or a 4xx, never a 5xx
ODD_VALUES = {"pathname_list", "pathname_object", "sectors_unknown_crossfilter", "sectors_crossfilter_list",
              "sectors_years_strings", "sectors_years_huge", "sectors_sector_object"}


@pytest.mark.parametrize("name", list(FORGED))
def test_forged_callback_requests_get_a_4xx_json_error_never_a_500(client, name):
    body, content_type = FORGED[name]
    resp = post(client, body, content_type or "application/json")
    text = resp.get_data(as_text=True)
    assert resp.status_code < 500, (name, resp.status_code, text[:300])
    assert "Traceback" not in text and 'File "' not in text
    if name in ODD_VALUES and resp.status_code in (200, 204):
        return
    assert 400 <= resp.status_code < 500, (name, resp.status_code, text[:300])
    assert resp.is_json, (name, resp.content_type)
    error = resp.get_json()["error"]
    assert isinstance(error, str) and 5 < len(error) < 300, error
    assert "this is not json" not in error


def test_forged_callback_status_codes_say_what_went_wrong(client):
    assert post(client, FORGED["unknown_callback"][0]).status_code == 404
    assert post(client, *FORGED["too_big"]).status_code == 413
    assert post(client, *FORGED["text_plain"]).status_code == 415
    assert "inputs" in post(client, FORGED["inputs_huge"][0]).get_json()["error"]
    assert client.put(CALLBACK, json=route_body("/", "?lang=en")).status_code == 405
    assert client.put(CALLBACK, json=route_body("/", "?lang=en")).is_json


def test_a_callback_that_fails_answers_400_and_is_logged_on_the_server(client, caplog):
    with caplog.at_level(logging.ERROR, logger="aiplus.security"):
        resp = post(client, FORGED["pathname_int"][0])
    assert resp.status_code == 400 and resp.get_json() == {"error": "the callback could not handle these inputs"}
    assert any("callback request failed" in r.getMessage() and r.exc_info for r in caplog.records)


def test_real_callbacks_still_work(client):
    resp = post(client, route_body("/sectors", "?lang=en&sector=energy"))
    assert resp.status_code == 200 and resp.get_json()["response"]["route"]["data"] == ["/sectors", "en"]
    # the router answers "nothing to update" when the page is already shown
    same = post(client, route_body("/sectors", "?lang=en", current=["/sectors", "en"]))
    assert same.status_code == 204 or "shell" not in (same.get_json() or {}).get("response", {}), same.get_data(as_text=True)[:200]
    resp = post(client, sectors_update_body())
    assert resp.status_code == 200 and resp.get_json()["response"]["sectors-count"]["children"]

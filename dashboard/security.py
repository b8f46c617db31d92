"""Safe defaults for serving: security headers on every response, a bounded request body, and callback requests
checked before Dash sees them, so that a forged or malformed POST to /_dash-update-component gets a 4xx with a
JSON {"error": ...} and never a 500 or a traceback."""

from __future__ import annotations

import base64
import hashlib
import logging
import re

import flask
from werkzeug.exceptions import HTTPException

log = logging.getLogger("aiplus.security")

CALLBACK_PATH = "_dash-update-component"
MAX_BODY = 2 * 1024 * 1024  # the largest real callback body (explorer chart, all 639 claims' grid rows) is ~240 kB
MAX_ITEMS = 200  # inputs, outputs, state, changedPropIds: the largest real callback has 10 inputs
MAX_ID_LEN = 1000  # callback ids ("..a.b...c.d..") and component ids / property names

# what Dash's index page and _dash-config would otherwise disclose: the Python build, package versions
_DISCLOSING_CONFIG = ("python_version", "dash_version", "dash_version_url", "ddk_version", "plotly_version")
_FINGERPRINT_VERSION = re.compile(r"\.v[0-9A-Za-z_-]+?m([0-9a-fA-F]+)\.")  # name.v4_4_1m1700000000.min.js
_FAVICON_VERSION = re.compile(r"(_favicon\.ico)\?v=[^\"'&]*")
COMPONENT_SUITES = "_dash-component-suites/"

# Dash writes one inline script into its index page (`var renderer = new DashRenderer();`); allowed by its hash,
# so script-src needs neither 'unsafe-inline' nor 'unsafe-eval' (Dash 4.4, plotly.js, dash-ag-grid checked in Chromium).
DEFAULT_RENDERER = "var renderer = new DashRenderer();"


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],  # plotly.js and Dash components set inline styles
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


class BadCallback(Exception):
    """A callback request that is not what the Dash renderer sends; carries the HTTP status and a message."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _error(message: str, status: int) -> flask.Response:
    resp = flask.jsonify({"error": message})
    resp.status_code = status
    return resp


def _is_callback_request() -> bool:
    return flask.request.path.rstrip("/").endswith("/" + CALLBACK_PATH)


def _check_dep(item, where: str) -> None:
    """One input/state/output entry: {"id": str|dict, "property": str, ...}, or a list of them (pattern matching)."""
    entries = item if isinstance(item, list) else [item]
    if isinstance(item, list) and len(item) > MAX_ITEMS:
        raise BadCallback(f"{where}: more than {MAX_ITEMS} entries")
    for e in entries:
        if not isinstance(e, dict):
            raise BadCallback(f"{where}: each entry must be an object with 'id' and 'property'")
        cid, prop = e.get("id"), e.get("property")
        if not isinstance(cid, str | dict) or not cid or (isinstance(cid, str) and len(cid) > MAX_ID_LEN):
            raise BadCallback(f"{where}: 'id' must be a non-empty string or object")
        if isinstance(cid, dict) and (len(cid) > 20 or not all(isinstance(k, str) for k in cid)):
            raise BadCallback(f"{where}: a pattern 'id' must be a small object with string keys")
        if not isinstance(prop, str) or not prop or len(prop) > MAX_ID_LEN:
            raise BadCallback(f"{where}: 'property' must be a non-empty string")


def _dep_list(body: dict, key: str, required: bool) -> list:
    value = body.get(key)
    if value is None:
        if required:
            raise BadCallback(f"'{key}' is missing")
        return []
    if not isinstance(value, list):
        raise BadCallback(f"'{key}' must be a list")
    if len(value) > MAX_ITEMS:
        raise BadCallback(f"'{key}' has {len(value)} entries; at most {MAX_ITEMS} are accepted")
    for i, item in enumerate(value):
        _check_dep(item, f"{key}[{i}]")
    return value


def check_body(body) -> None:
    """The shape of a callback request as the Dash renderer sends it; raises BadCallback otherwise."""
    if not isinstance(body, dict):
        raise BadCallback("the body must be a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or not output:
        raise BadCallback("'output' must be a non-empty string")
    if len(output) > MAX_ID_LEN * 4:
        raise BadCallback("'output' is too long")
    outputs = body.get("outputs")
    if isinstance(outputs, dict):
        _check_dep(outputs, "outputs")
    elif isinstance(outputs, list):
        _dep_list(body, "outputs", required=True)
    elif outputs is not None:
        raise BadCallback("'outputs' must be an object or a list")
    _dep_list(body, "inputs", required=True)
    _dep_list(body, "state", required=False)
    for key in ("changedPropIds", "parsedChangedPropsIds"):
        ids = body.get(key, [])
        # a pattern-matching input (a claim-row button) is named by its id object in parsedChangedPropsIds
        if not isinstance(ids, list) or len(ids) > MAX_ITEMS or not all(_changed_id_ok(i) for i in ids):
            raise BadCallback(f"'{key}' must be a list of at most {MAX_ITEMS} strings or small id objects")


def _changed_id_ok(item) -> bool:
    if isinstance(item, str):
        return len(item) <= MAX_ID_LEN
    if isinstance(item, dict):
        return len(item) <= 20 and all(isinstance(k, str) and isinstance(v, str | int | float | bool | dict) for k, v in item.items()) \
            and len(str(item)) <= MAX_ID_LEN
    return False


def _declared(dep) -> tuple[object, str]:
    if isinstance(dep, dict):
        return dep.get("id"), str(dep.get("property", "")).split("@")[0]
    return getattr(dep, "component_id", None), str(getattr(dep, "component_property", "")).split("@")[0]


def _match(sent: list, declared: list, key: str) -> None:
    if len(sent) != len(declared):
        raise BadCallback(f"'{key}' has {len(sent)} entries; this callback takes {len(declared)}")
    for i, (s, d) in enumerate(zip(sent, declared, strict=True)):
        cid, prop = _declared(d)
        if isinstance(cid, dict) or (isinstance(cid, str) and cid.startswith("{")):
            # pattern-matching dependency (Dash keeps its id as JSON text): a list (ALL) or one object (MATCH)
            if not isinstance(s, list | dict):
                raise BadCallback(f"'{key}[{i}]' must be a pattern-matching entry")
            continue
        if not isinstance(s, dict) or s.get("id") != cid or str(s.get("property")).split("@")[0] != prop:
            raise BadCallback(f"'{key}[{i}]' is not {cid}.{prop}, which this callback takes there")


def check_against(body: dict, callback_map: dict) -> None:
    """The request names a registered callback and sends exactly the inputs, state and outputs it declares."""
    cb = callback_map.get(body["output"])
    if cb is None:
        raise BadCallback("no such callback", status=404)
    _match(body.get("inputs") or [], cb.get("inputs") or [], "inputs")
    _match(body.get("state") or [], cb.get("state") or [], "state")
    if cb.get("no_output"):
        return
    declared = cb.get("output")
    outputs = body.get("outputs")
    if isinstance(declared, list | tuple):
        if not isinstance(outputs, list):
            raise BadCallback("'outputs' must be a list for this callback")
        _match(outputs, list(declared), "outputs")
    elif declared is not None and outputs is not None:
        _match([outputs] if isinstance(outputs, dict) else outputs, [declared], "outputs")


def harden(server: flask.Flask, dash_app=None) -> None:
    """Install the headers, body limit, callback checks and error handlers on a Dash app's Flask server.
    With `dash_app`, the CSP allows exactly its inline scripts and callback requests are checked against its
    registered callbacks; without it, the default Dash renderer script is allowed and only the shape is checked."""
    if server.extensions.get("aiplus_hardened"):
        return
    server.extensions["aiplus_hardened"] = True
    server.debug = False
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    from dashboard.middleware import Gate

    server.wsgi_app = Gate(server.wsgi_app, max_body=MAX_BODY)  # request id, limits, whole body, access log
    server.config["PROPAGATE_EXCEPTIONS"] = False
    csp: dict[str, str] = {}

    def policy() -> str:
        if "value" not in csp:  # computed at the first response, after Dash has registered every callback
            hashes = dash_app.csp_hashes() if dash_app is not None else [script_hash(DEFAULT_RENDERER)]
            csp["value"] = content_security_policy(sorted(set(hashes)))
        return csp["value"]

    @server.before_request
    def _check_callback_request():
        if not _is_callback_request() or flask.request.method != "POST":
            return None
        length = flask.request.content_length
        if length is not None and length > MAX_BODY:
            return _error(f"the request body is larger than {MAX_BODY} bytes", 413)
        if not flask.request.is_json:
            return _error("the body must be JSON (Content-Type: application/json)", 415)
        try:
            body = flask.request.get_json(silent=True)
        except RecursionError:
            return _error("the body is nested too deeply", 400)
        if body is None:
            raw = flask.request.get_data(cache=True).strip()
            return _error("the body must be a JSON object" if raw == b"null" else "the body is not valid JSON", 400)
        try:
            check_body(body)
            if dash_app is not None:
                check_against(body, dash_app.callback_map)
        except BadCallback as exc:
            return _error(exc.message, exc.status)
        return None

    if dash_app is not None:
        _quiet_config(dash_app)

    @server.before_request
    def _refuse_dev_and_bad_asset_paths():
        path = flask.request.path
        if path.endswith("/_reload-hash") and not _hot_reload(dash_app):
            return _not_found()  # the dev-tools hot-reload poll: off in production, and it lists packages
        if COMPONENT_SUITES in path and dash_app is not None and not _registered_asset(dash_app, path):
            return _not_found()
        return None

    @server.errorhandler(Exception)
    def _handle(exc: Exception):
        callback = flask.has_request_context() and _is_callback_request()
        if flask.has_request_context() and COMPONENT_SUITES in flask.request.path:
            log.warning("asset request failed: %s %s (%s)", flask.request.method, flask.request.path[:200], type(exc).__name__)
            return _not_found()  # a path Dash cannot serve is not there, whatever the reason
        if isinstance(exc, HTTPException):
            if not callback:
                return exc
            return _error(exc.description or exc.name, exc.code or 400)
        if callback:
            log.exception("callback request failed: %s", flask.request.get_data(cache=True)[:2000])
            return _error("the callback could not handle these inputs", 400)
        log.exception("request failed: %s %s", flask.request.method, flask.request.path)
        return _error("internal error", 500)

    @server.after_request
    def _headers(resp: flask.Response) -> flask.Response:
        if resp.status_code == 200 and resp.mimetype == "text/html" and dash_app is not None and _is_index():
            _quiet_index(resp)
            if not _known_page(flask.request.path):
                resp.status_code = 404  # Dash's catch-all answers every path; the page it renders says "not found"
        resp.headers["Content-Security-Policy"] = policy()
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return resp


def _not_found() -> flask.Response:
    return flask.Response("not found\n", status=404, mimetype="text/plain")


def _hot_reload(dash_app) -> bool:
    tools = getattr(dash_app, "_dev_tools", None) if dash_app is not None else None
    return bool(tools and tools.get("hot_reload"))


def _registered_asset(dash_app, path: str) -> bool:
    """/_dash-component-suites/<pkg>/<file>: a package and file Dash registered (fingerprint stripped)."""
    from dash.fingerprint import check_fingerprint

    rest = path.split(COMPONENT_SUITES, 1)[1]
    package, _, fingerprinted = rest.partition("/")
    if not fingerprinted:
        return False
    in_package, _ = check_fingerprint(fingerprinted)
    return in_package in dash_app.registered_paths.get(package, ())


def _is_index() -> bool:
    rule = flask.request.url_rule
    return rule is not None and (rule.rule == "/" or rule.rule.endswith("<path:path>"))


def _known_page(path: str) -> bool:
    from dashboard.pages import page_for

    return page_for(path) is not None


def _quiet_config(dash_app) -> None:
    """_dash-config without the Python build string and the version fields."""
    original = dash_app._config

    def config():
        value = original()
        for key in _DISCLOSING_CONFIG:
            value.pop(key, None)
        return value

    dash_app._config = config


def _quiet_index(resp: flask.Response) -> None:
    """Script and favicon URLs without package versions (the file's modification stamp still busts caches)."""
    text = resp.get_data(as_text=True)
    quiet = _FAVICON_VERSION.sub(r"\1", _FINGERPRINT_VERSION.sub(r".v0m\1.", text))
    if quiet != text:
        resp.set_data(quiet)

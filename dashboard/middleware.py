"""The WSGI layer in front of the Flask app: every request gets a request id, is read whole (body bounded in size and
time) before the app spends time on it, and leaves one structured access-log line.

    time, method, path (never the query values), status, duration in ms, request id

The request id is the client's X-Request-ID when it is a short token (a load balancer's), else a new one; it is sent
back in the X-Request-ID response header and is part of every error-log line written while the request runs.
Over-long URLs (414), oversized bodies (413, chunked ones too) and bodies that arrive too slowly (408) get our own
page, in the language the query asks for, and never reach the app.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import io
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qs

from dashboard.i18n import LANGS, lang_of, t

MAX_URL = 4096  # path + query; the longest URL the pages make (every sector picked) is ~400 characters
MAX_BODY = 2 * 1024 * 1024  # the same limit as dashboard.security
BODY_TIMEOUT = 10.0  # seconds for the whole body to arrive (under gevent; the dev server has no such clock)
MAX_LOGGED_PATH = 200
CALLBACK = "/_dash-update-component"

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("aiplus_request_id", default="-")
_RID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

access_log = logging.getLogger("aiplus.access")
log = logging.getLogger("aiplus.http")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


class _Stderr(logging.StreamHandler):
    """A handler that writes to whatever sys.stderr is at the time (gunicorn and pytest replace it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def configure_logging() -> None:
    """Access lines (JSON, one per request) and error lines (with the request id) on stderr; idempotent."""
    root = logging.getLogger("aiplus")
    if any(getattr(h, "_aiplus", False) for h in root.handlers):
        return
    errors = _Stderr()
    errors._aiplus = True
    errors.addFilter(_RequestIdFilter())
    errors.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"))
    errors.setLevel(logging.WARNING)
    root.addHandler(errors)
    root.setLevel(logging.INFO)
    root.propagate = False
    access = _Stderr()
    access._aiplus = True
    access.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(access)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False  # access lines go to their own handler only


def access_line(method: str, path: str, status: int, ms: float, request_id: str) -> str:
    return json.dumps({
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "method": method[:16],
        "path": path[:MAX_LOGGED_PATH],
        "status": status,
        "ms": round(ms, 1),
        "request_id": request_id,
    }, ensure_ascii=False)


def error_page(status: int, message_key: str, lang: str | None) -> bytes:
    """Our own error page, in the page's language (both languages when the request could not be read), for
    requests the app never sees."""
    langs = [lang_of(lang)] if lang else list(LANGS)
    title = " / ".join(t("error_title", x) for x in langs)
    sections = "".join(
        f'<section lang="{x}"><p>{html.escape(t(message_key, x))}</p><p><a href="/?lang={x}">{html.escape(t("back_home", x))}</a></p></section>'
        for x in langs
    )
    body = (
        f'<!DOCTYPE html><html lang="{langs[0]}"><head><meta charset="utf-8"><title>{status} · {html.escape(title)}</title>'
        f'</head><body><main><h1>{status} · {html.escape(title)}</h1>{sections}</main></body></html>'
    )
    return body.encode("utf-8")


_REASONS = {408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long", 431: "Request Header Fields Too Large"}
_KEYS = {408: "error_timeout", 413: "error_body_too_large", 414: "error_url_too_long", 431: "error_headers_too_large"}


def error_response(status: int, lang: str | None, request_id: str, as_json: bool = False) -> tuple[str, list[tuple[str, str]], bytes]:
    """The status line, headers and body: our page, or {"error": ...} for a callback request (what the renderer reads)."""
    if as_json:
        body = json.dumps({"error": t(_KEYS[status], "en")}).encode("utf-8")
        kind = "application/json"
    else:
        body = error_page(status, _KEYS[status], lang)
        kind = "text/html; charset=utf-8"
    headers = [
        ("Content-Type", kind),
        ("Content-Length", str(len(body))),
        ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Connection", "close"),
        ("X-Request-ID", request_id),
    ]
    return f"{status} {_REASONS[status]}", headers, body


def new_request_id(offered: str | None = None) -> str:
    if offered and _RID.match(offered):
        return offered
    return uuid.uuid4().hex[:16]


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


def _under_gevent() -> bool:
    mod = sys.modules.get("gevent.monkey")
    return bool(mod and mod.is_module_patched("socket"))


def _body_clock(seconds: float):
    """A deadline for reading the body: gevent's timer when the worker is a gevent one, else none."""
    if _under_gevent():
        import gevent

        return gevent.Timeout(seconds, _TooSlow)
    return contextlib.nullcontext()


def read_body(environ: dict, limit: int = MAX_BODY, seconds: float = BODY_TIMEOUT) -> bytes | None:
    """The whole request body (None when there is none); raises _TooLarge past `limit`, _TooSlow past `seconds`."""
    stream = environ.get("wsgi.input")
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    length = environ.get("CONTENT_LENGTH") or ""
    if stream is None or (not chunked and not length.strip()):
        return None
    if not chunked:
        try:
            n = int(length)
        except ValueError:
            raise _TooLarge from None  # an unreadable length is refused like an oversized one
        if n < 0 or n > limit:
            raise _TooLarge
        if n == 0:
            return b""
    parts: list[bytes] = []
    size = 0
    with _body_clock(seconds):
        while True:
            want = 65536 if chunked else min(65536, n - size)
            if want <= 0:
                break
            chunk = stream.read(want)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            parts.append(chunk)
    return b"".join(parts)


class Gate:
    """WSGI middleware: request id, URL and body limits, whole-body reading, access log; exports off the event loop."""

    def __init__(self, app, max_url: int = MAX_URL, max_body: int = MAX_BODY, body_timeout: float = BODY_TIMEOUT,
                 offload_prefixes: tuple[str, ...] = ("/export/",)):
        self.app = app
        self.max_url = max_url
        self.max_body = max_body
        self.body_timeout = body_timeout
        self.offload_prefixes = offload_prefixes

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        rid = new_request_id(environ.get("HTTP_X_REQUEST_ID"))
        token = REQUEST_ID.set(rid)
        environ["aiplus.request_id"] = rid
        method = environ.get("REQUEST_METHOD", "-")
        path = environ.get("PATH_INFO", "") or "/"
        status = [0]

        def respond(status_line, headers, exc_info=None):
            status[0] = int(status_line.split(" ", 1)[0])
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"] + [("X-Request-ID", rid)]
            return start_response(status_line, headers, exc_info)

        try:
            refused = self._refuse(environ)
            if refused is not None:
                status_line, headers, body = error_response(refused, _lang(environ), rid, as_json=path.endswith(CALLBACK))
                respond(status_line, headers)
                return [body]
            if path.startswith(self.offload_prefixes) and _under_gevent():
                return self._in_thread(environ, respond)
            return self.app(environ, respond)
        finally:
            access_log.info(access_line(method, path, status[0], (time.perf_counter() - started) * 1000, rid))
            REQUEST_ID.reset(token)

    def _refuse(self, environ) -> int | None:
        if len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", "")) > self.max_url:
            return 414
        try:
            body = read_body(environ, self.max_body, self.body_timeout)
        except _TooLarge:
            return 413
        except _TooSlow:
            return 408
        if body is not None:
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return None

    def _in_thread(self, environ, respond):
        """Exports drive a browser and wait on real threads: run them in gevent's thread pool, so the worker's
        event loop goes on serving pages meanwhile. The response is collected whole in the thread."""
        import gevent

        ctx = contextvars.copy_context()

        def call():
            result = self.app(environ, respond)
            try:
                return b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()

        return [gevent.get_hub().threadpool.apply(ctx.run, (call,))]


def _lang(environ) -> str:
    query = environ.get("QUERY_STRING", "")[:MAX_URL]
    try:
        return lang_of((parse_qs(query).get("lang") or [None])[0])
    except ValueError:
        return lang_of(None)

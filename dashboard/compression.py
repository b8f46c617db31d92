"""Compressed responses: brotli where the client accepts it, gzip otherwise (flask-compress), for every text response
(pages, callbacks, JSON, JS, CSS, SVG). The static files (Dash's component suites, fingerprinted, and our assets,
`?m=`; neither changes while the server runs) are compressed once per process and served from memory after that; callback answers are compressed each time."""

from __future__ import annotations

import threading

import flask
from flask_compress import Compress

ALGORITHMS = ["br", "gzip"]  # in the server's order of preference; the client's q-values still win
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
MIN_SIZE = 500  # bytes: smaller responses are sent as they are
CACHE_LIMIT = 64 * 1024 * 1024  # bytes of compressed static files kept per process


def _cache_key(request: flask.Request) -> str:
    """Static files by path and query; '' (not cached) for everything else."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return ""


class StaticCache:
    """flask-compress's cache backend: keeps compressed static files, ignores uncacheable keys ('<algorithm>;')."""

    def __init__(self):
        self.data: dict[str, bytes] = {}
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";") or key in self.data:
            return
        with self.lock:
            if self.size + len(value) <= CACHE_LIMIT:
                self.data[key] = value
                self.size += len(value)


def compress(server: flask.Flask) -> None:
    """Install compression on the Flask server (once)."""
    if server.extensions.get("aiplus_compressed"):
        return
    server.config.update(
        COMPRESS_ALGORITHM=ALGORITHMS,
        COMPRESS_ALGORITHM_STREAMING=ALGORITHMS,
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=MIN_SIZE,
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_CACHE_BACKEND=StaticCache,
    )
    server.extensions["aiplus_compressed"] = Compress(server)  # its .cache holds the compressed static files

    # registered after flask-compress, so it runs before it (Flask runs after_request handlers last-in first-out):
    # a static file Flask would stream from disk is read into memory, so it is compressed once and then cached
    @server.after_request
    def _buffer_static(resp: flask.Response) -> flask.Response:
        if resp.is_streamed and resp.status_code == 200 and flask.request.path.startswith(STATIC_PREFIXES):
            resp.direct_passthrough = False
            resp.set_data(resp.get_data())
        return resp

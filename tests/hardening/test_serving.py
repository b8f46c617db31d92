"""Serving as `aiplus serve --workers N` runs it (gunicorn, gevent workers, the request gate), probed over real
sockets as an operator and an attacker would: slow clients cost a greenlet, not a worker; every answer to a bad
request is a 4xx of our own; one JSON access-log line per request, its id in the response and in error lines."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import dash
import plotly
import pytest

from dashboard.middleware import BODY_TIMEOUT, MAX_URL
from dashboard.serve import KEEPALIVE
from tests.callback_requests import route_body

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, log_path: Path, workers: int = 2):
        self.port = _free_port()
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - open for the server's lifetime
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard.serve", "--host", HOST, "--port", str(self.port), "--workers", str(workers),
             "--data", str(data_dir)], cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log()
            try:
                if self.get("/?lang=en")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail("the server did not start within 120 s:\n" + self.log())

    def get(self, path: str, headers: dict | None = None, timeout: float = 10.0):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def post(self, path: str, body: bytes, headers: dict | None = None, timeout: float = 10.0):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def raw(self, data: bytes, timeout: float = 10.0) -> bytes:
        with socket.create_connection((HOST, self.port), timeout=timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except TimeoutError:
                    break
                if not b:
                    break
                chunks.append(b)
            return b"".join(chunks)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def access(self) -> list[dict]:
        return [json.loads(line) for line in self.log().splitlines() if line.startswith('{"time"')]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    s = Server(built, tmp_path_factory.mktemp("serve") / "server.log")
    yield s
    s.stop()


def _wait_for_log(server: Server, predicate, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hits = [e for e in server.access() if predicate(e)]
        if hits:
            return hits
        time.sleep(0.1)
    pytest.fail("no such access-log line:\n" + server.log()[-3000:])


# ---- slow clients ---------------------------------------------------------------------------------------------

def _trickle(port: int, stop: threading.Event, closed: list):
    """A client sending its request headers one byte at a time, 4 bytes a second."""
    try:
        with socket.create_connection((HOST, port), timeout=30) as s:
            for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000:
                if stop.is_set():
                    return
                s.sendall(bytes([b]))
                time.sleep(0.25)
    except OSError:
        closed.append(time.monotonic())


def test_slow_header_clients_do_not_stall_other_visitors(server):
    stop, closed = threading.Event(), []
    slow = [threading.Thread(target=_trickle, args=(server.port, stop, closed), daemon=True) for _ in range(40)]
    for t in slow:
        t.start()
    time.sleep(1.0)
    try:
        times = []
        for i in range(20):
            t0 = time.perf_counter()
            status, _, _ = server.get("/sectors?lang=en" if i % 2 else "/_dash-layout", timeout=5)
            times.append(time.perf_counter() - t0)
            assert status == 200
        assert max(times) < 2.0, times  # sync workers stalled every request for as long as the slow clients lasted
    finally:
        stop.set()


def test_a_client_that_never_finishes_its_headers_is_cut_off(server):
    with socket.create_connection((HOST, server.port), timeout=KEEPALIVE + 10) as s:
        t0 = time.monotonic()
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            while True:
                s.sendall(b"X")
                time.sleep(0.5)
        except OSError:
            pass
        assert time.monotonic() - t0 < KEEPALIVE + 5


def test_a_body_that_stalls_gets_408_and_other_visitors_are_served_meanwhile(server):
    with socket.create_connection((HOST, server.port), timeout=BODY_TIMEOUT + 10) as s:
        t0 = time.monotonic()
        s.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"output\":")
        assert server.get("/?lang=en", timeout=5)[0] == 200
        answer = s.recv(65536)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert BODY_TIMEOUT - 1 < time.monotonic() - t0 < BODY_TIMEOUT + 5


def test_pages_are_served_while_an_export_is_drawn(server):
    result = {}

    def export():
        result["export"] = server.get("/export/overview-market.png?lang=en", timeout=60)

    t = threading.Thread(target=export)
    t.start()
    time.sleep(0.3)
    slowest = 0.0
    while t.is_alive():
        t0 = time.perf_counter()
        assert server.get("/?lang=zh", timeout=5)[0] == 200
        slowest = max(slowest, time.perf_counter() - t0)
        time.sleep(0.05)
    t.join()
    status, headers, body = result["export"]
    assert status == 200 and body.startswith(b"\x89PNG"), (status, body[:200])
    assert slowest < 1.5, slowest  # without the thread pool, a page waited for the whole export (2-4 s)


# ---- answers to bad requests ----------------------------------------------------------------------------------

def test_unknown_paths_get_the_apps_not_found_page_with_404(server):
    status, headers, body = server.get("/no/such/page?lang=en")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert b'id="_dash-config"' in body and b"DashRenderer" in body  # the app's own page, which shows "not found"
    for path in ("/", "/sectors", "/explorer/", "/policy", "/audit", "/sources"):
        assert server.get(path + "?lang=en")[0] == 200, path


BAD_ASSETS = [
    "/_dash-component-suites/dash/nope.js",
    "/_dash-component-suites/dash/deps/",
    "/_dash-component-suites/dash/deps/nope.v1m1.js",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/etc/passwd",
    "/_dash-component-suites/dash/..%2f..%2fsetup.py",
    "/_dash-component-suites/no_such_package/x.js",
    "/_dash-component-suites/os/path.py",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js.map.x",
    "/_dash-component-suites/plotly/package_data/",
    "/_dash-component-suites/dash/dcc/",
    "/_dash-component-suites/dash/x.v1_0m.js",
]


@pytest.mark.parametrize("path", BAD_ASSETS)
def test_bad_asset_paths_get_a_4xx_and_no_traceback(server, path):
    seen = len(server.log())
    status, headers, body = server.get(path)
    assert 400 <= status < 500, (status, body[:300])
    assert b"Traceback" not in body
    _wait_for_log(server, lambda e: e["request_id"] == headers["X-Request-ID"])
    assert "Traceback" not in server.log()[seen:]


def test_oversized_bodies_get_413_chunked_or_not(server):
    big = b"[" + b"0," * (1_100_000) + b"0]"
    status, _, body = server.post("/_dash-update-component", big)
    assert status == 413 and "error" in json.loads(body)

    def chunks():
        for _ in range(40):
            yield b"x" * 65536

    conn = http.client.HTTPConnection(HOST, server.port, timeout=10)
    conn.request("POST", "/_dash-update-component", body=chunks(), headers={"Content-Type": "application/json"},
                 encode_chunked=True)
    r = conn.getresponse()
    assert r.status == 413 and "error" in json.loads(r.read())
    conn.close()


@pytest.mark.parametrize(("size", "lang", "text"), [(MAX_URL + 100, "en", "The address is too long"),
                                                    (MAX_URL + 100, "zh", "网址过长"),
                                                    (16_384, None, "The address is too long")])
def test_an_over_long_url_gets_our_own_localised_page(server, size, lang, text):
    path = f"/sectors?lang={lang}&q=" if lang else "/sectors?q="
    status, headers, body = server.get(path + "a" * (size - len(path)))
    page = body.decode("utf-8")
    assert status == 414 and headers["Content-Type"].startswith("text/html")
    assert text in page and "URI Too Long" not in page and "gunicorn" not in page.lower()
    assert headers.get("X-Request-ID")


def test_over_long_headers_get_our_own_page(server):
    answer = server.raw(b"GET / HTTP/1.1\r\nHost: x\r\nCookie: " + b"a" * 20_000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert "请求头过大".encode() in answer and b"too large" in answer


def test_no_versions_or_package_lists_in_any_response(server):
    secrets = [sys.version, sys.version.split()[0], f'"{dash.__version__}"', plotly.__version__, "python_version",
               "dash_version", "plotly_version", dash.__version__.replace(".", "_")]
    for path in ("/", "/sectors?lang=en", "/no-such-page", "/_dash-layout", "/_dash-dependencies", "/_reload-hash"):
        status, _, body = server.get(path)
        text = body.decode("utf-8", "replace")
        assert not [s for s in secrets if s in text], (path, [s for s in secrets if s in text])
    assert server.get("/_reload-hash")[0] == 404


# ---- access log and request ids -------------------------------------------------------------------------------

def test_one_structured_access_line_per_request_with_its_id(server):
    status, headers, _ = server.get("/sectors?lang=en&sector=secret-value")
    rid = headers["X-Request-ID"]
    assert status == 200 and re.fullmatch(r"[0-9a-f]{16}", rid)
    (line,) = _wait_for_log(server, lambda e: e["request_id"] == rid)
    assert set(line) == {"time", "method", "path", "status", "ms", "request_id"}
    assert line["method"] == "GET" and line["path"] == "/sectors" and line["status"] == 200 and line["ms"] >= 0
    assert "secret-value" not in server.log()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
    status, headers, _ = server.get("/nowhere", headers={"X-Request-ID": "lb-4f2a9c1e-77"})
    assert headers["X-Request-ID"] == "lb-4f2a9c1e-77"
    assert _wait_for_log(server, lambda e: e["request_id"] == "lb-4f2a9c1e-77")[0]["status"] == 404
    _, headers, _ = server.get("/", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{16}", headers["X-Request-ID"])  # not a token: replaced, never echoed


def test_error_log_lines_carry_the_request_id(server):
    body = route_body("/", "?lang=en")
    body["inputs"][0]["value"] = 5  # a pathname that is a number: the router fails
    status, headers, answer = server.post("/_dash-update-component", json.dumps(body).encode())
    assert status == 400 and json.loads(answer) == {"error": "the callback could not handle these inputs"}
    rid = headers["X-Request-ID"]
    deadline = time.monotonic() + 5
    while f"request_id={rid} callback request failed" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert f"request_id={rid} callback request failed" in server.log()

"""Every text response is compressed: brotli when the client accepts it, gzip otherwise, identity when it accepts
neither; the security headers stay on compressed responses."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from dashboard.compression import MIN_SIZE
from tests.callback_requests import route_body

CHROME = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def client(live_server):
    return live_server.httpd.app.test_client()


def _text_urls(client) -> list[str]:
    html = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert scripts and styles
    return ["/?lang=en", "/sectors?lang=zh", *scripts, *styles, "/_dash-layout", "/_dash-dependencies"]


def _decoded(resp) -> bytes:
    enc = resp.headers.get("Content-Encoding")
    body = resp.get_data()
    return _stable(brotli.decompress(body) if enc == "br" else gzip.decompress(body) if enc == "gzip" else body)


def _stable(body: bytes) -> bytes:
    """The body without Dash's start-up config, whose key order varies between index responses."""
    return re.sub(rb'<script id="_dash-config".*?</script>', b"", body, flags=re.S)


def test_pages_scripts_styles_and_json_are_brotli_when_accepted(client):
    for url in _text_urls(client):
        plain = client.get(url)
        if len(plain.get_data()) < MIN_SIZE:  # a few hundred bytes: compressing would not pay
            continue
        packed = client.get(url, headers={"Accept-Encoding": CHROME})
        assert packed.status_code == 200, url
        assert packed.headers.get("Content-Encoding") == "br", url
        assert "Accept-Encoding" in packed.headers.get("Vary", ""), url
        assert _decoded(packed) == _stable(plain.get_data()), url
        assert len(packed.get_data()) < 0.6 * len(plain.get_data()), url


def test_gzip_when_brotli_is_not_accepted_and_identity_when_nothing_is(client):
    for url in _text_urls(client):
        if len(client.get(url).get_data()) < MIN_SIZE:
            continue
        gz = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
        assert gz.headers.get("Content-Encoding") == "gzip", url
        assert _decoded(gz) == _stable(client.get(url).get_data()), url
        assert "Content-Encoding" not in client.get(url, headers={"Accept-Encoding": "identity"}).headers, url


def test_callback_answers_are_compressed_and_keep_the_security_headers(client):
    resp = client.post("/_dash-update-component", data=json.dumps(route_body("/explorer", "?lang=en")),
                       content_type="application/json", headers={"Accept-Encoding": CHROME})
    assert resp.status_code == 200
    assert resp.headers["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(resp.get_data()))["response"]
    for url in ["/?lang=en", "/assets/00-bootstrap.min.css"]:
        headers = client.get(url, headers={"Accept-Encoding": CHROME}).headers
        assert headers["Content-Encoding"] == "br"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_static_files_are_compressed_once_and_served_from_memory(client, live_server):
    html = client.get("/?lang=en").get_data(as_text=True)
    script = re.findall(r'<script src="([^"]+)"', html)[0]
    first = client.get(script, headers={"Accept-Encoding": CHROME}).get_data()
    cache = live_server.httpd.app.extensions["aiplus_compressed"].cache
    assert cache.data.get(f"br;{script}" + ("" if "?" in script else "?")) == first
    assert client.get(script, headers={"Accept-Encoding": CHROME}).get_data() == first
    # a callback answer is never cached: its URL does not name its content
    assert not any("_dash-update-component" in k for k in cache.data)

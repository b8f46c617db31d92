"""The third-party browser code we serve and when it loads (dashboard/vendor.py): plotly.js's partial bundle at
Dash's own plotly URL, an async script, not a blocking one; the grid library out of every page's scripts, named for the
stand-in that loads it where a grid mounts."""

from __future__ import annotations

import re

import flask
import pytest

from dashboard.vendor import GRID_BUNDLE, PLOTLY_BUNDLE, PLOTLY_URL, register


@pytest.fixture(scope="module")
def client(live_server):
    return live_server.httpd.app.test_client()


def test_dashs_plotly_url_answers_with_the_partial_bundle(client):
    resp = client.get(PLOTLY_URL)
    assert resp.status_code == 200 and resp.mimetype == "text/javascript"
    assert resp.get_data() == PLOTLY_BUNDLE.read_bytes()
    assert b"plotly.js (basic - minified)" in resp.get_data()[:200]
    assert resp.headers["Cache-Control"] == "public, max-age=86400" and resp.headers.get("ETag")
    again = client.get(PLOTLY_URL, headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304


def test_the_page_preloads_plotly_and_names_the_grid_library_without_loading_either(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)">', page)  # the blocking ones
    assert not [s for s in scripts if "plotly" in s.lower() or "dash_ag_grid" in s], scripts
    assert page.count(f'<script src="{PLOTLY_URL}" async></script>') == 1
    assert '<link rel="preload" href="/_dash-component-suites/dash/dcc/async-graph.js" as="script">' in page
    for no_charts in ("/sources?lang=en", "/no-such-page"):  # nothing to draw: no chart code
        other = client.get(no_charts).get_data(as_text=True)
        assert 'rel="preload"' not in other and PLOTLY_URL not in other, no_charts
    grid = re.search(r'<meta name="aiplus-grid-src" content="([^"]+)">', page)
    assert grid and grid.group(1).startswith("/_dash-component-suites/dash_ag_grid/dash_ag_grid.")
    assert any(s.startswith("/assets/lazy-grid.js") for s in scripts)
    served = client.get(grid.group(1))  # the library itself is still served, from our own server
    assert served.status_code == 200 and len(served.get_data()) > 1_000_000
    assert grid.group(1).endswith(".min.js") and GRID_BUNDLE["namespace"] in grid.group(1)


def test_without_the_bundle_dashs_own_plotly_is_served(tmp_path, monkeypatch, caplog):
    import dashboard.vendor as vendor

    monkeypatch.setattr(vendor, "PLOTLY_BUNDLE", tmp_path / "missing.js")
    server = flask.Flask("t")

    @server.route(PLOTLY_URL)
    def dash_own():
        return "full"

    with caplog.at_level("WARNING"):
        register(server)
    assert "make install" in caplog.text
    assert server.test_client().get(PLOTLY_URL).get_data(as_text=True) == "full"

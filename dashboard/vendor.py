"""The third-party browser code we serve ourselves and load only when a page needs it.

plotly.js: the partial bundle `plotly.js-basic-dist-min` (scatter and bar, the only traces the product draws),
installed by the set-up from npm into `dashboard/vendor/`, answers Dash's URL for plotly.js
(`/_dash-component-suites/plotly/package_data/plotly.min.js`, which Dash's graph would load itself when the first
chart mounts) instead of the full plotly.min.js. The page loads it from there as an async script in its head
(dashboard/app.py `preloads`): not blocking, so the page's text paints before plotly.js has arrived, and it has run
before the first chart mounts.

dash-ag-grid: Dash puts every component library's main bundle on every page; the grid's (1.3 MB) is taken out of the
page's scripts (still registered, so Dash serves it) and `assets/lazy-grid.js` loads it when a grid first mounts,
from the URL the index names in <meta name="aiplus-grid-src">.
"""

from __future__ import annotations

import logging
from pathlib import Path

import flask

VENDOR = Path(__file__).resolve().parent / "vendor"
PLOTLY_BUNDLE = VENDOR / "plotly-basic.min.js"
PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"  # where dash-renderer points dcc.Graph
MAX_AGE = 24 * 3600  # seconds; revalidated with its ETag after that

log = logging.getLogger(__name__)


def plotly_available() -> bool:
    return PLOTLY_BUNDLE.is_file()


GRID_BUNDLE = {"relative_package_path": "dash_ag_grid.min.js", "namespace": "dash_ag_grid"}


def lazy_grid() -> None:
    """Mark dash-ag-grid's main bundle dynamic: served on request, not a <script> of every page."""
    import dash_ag_grid

    for entry in dash_ag_grid._js_dist:
        if entry.get("relative_package_path") == GRID_BUNDLE["relative_package_path"]:
            entry["dynamic"] = True


def grid_meta(dash_app) -> str:
    """<meta name="aiplus-grid-src" content="the bundle's fingerprinted URL">, as Dash would have put it in a <script>."""
    src = dash_app._collect_and_register_resources([GRID_BUNDLE])[0]
    return f'<meta name="aiplus-grid-src" content="{src}">'


def register(server: flask.Flask) -> None:
    """Answer Dash's plotly.js URL with the partial bundle (before Dash's own route serves the full one)."""
    if server.extensions.get("aiplus_vendor"):
        return
    server.extensions["aiplus_vendor"] = True
    if not plotly_available():
        log.warning("%s is missing (run `make install`): serving Dash's full plotly.min.js", PLOTLY_BUNDLE)
        return

    @server.before_request
    def _plotly_bundle():
        if flask.request.path == PLOTLY_URL and flask.request.method in ("GET", "HEAD"):
            return flask.send_file(PLOTLY_BUNDLE, mimetype="text/javascript", conditional=True, max_age=MAX_AGE)
        return None

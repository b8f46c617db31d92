"""The browser checks catch a broken page: a callback error shows up as a console error and an empty graph.

The broken app runs in its own process: a second Dash app in this process would take over the global
callbacks registered by the dashboard's pages."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.browser

BROKEN_APP = textwrap.dedent(
    """
    import sys
    import dash
    from dash import Input, Output, dcc, html

    app = dash.Dash(__name__, serve_locally=True)
    app.layout = html.Div([dcc.Input(id="broken-in", value="x"), dcc.Graph(id="broken-graph")])

    @app.callback(Output("broken-graph", "figure"), Input("broken-in", "value"))
    def fail(_):
        raise RuntimeError("boom")

    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_callback_error_and_empty_graph_are_visible_to_the_checks(chromium):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", BROKEN_APP, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        ctx = chromium.new_context()
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.goto(f"http://127.0.0.1:{port}/")
        pg.wait_for_selector("#broken-graph .main-svg", timeout=20_000)
        pg.wait_for_timeout(500)
        assert errors, "a failing callback produced no console error"
        assert pg.locator("#broken-graph .scatterlayer .point").count() == 0
        ctx.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)

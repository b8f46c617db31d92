"""The browser checks catch a broken page: a callback error shows up as a console error and an empty graph."""

from __future__ import annotations

import dash
import pytest
from dash import Input, Output, dcc, html

from tests.conftest import LiveServer

pytestmark = pytest.mark.browser


def test_callback_error_and_empty_graph_are_visible_to_the_checks(chromium):
    app = dash.Dash(__name__, serve_locally=True)
    app.layout = html.Div([dcc.Input(id="broken-in", value="x"), dcc.Graph(id="broken-graph")])

    @app.callback(Output("broken-graph", "figure"), Input("broken-in", "value"))
    def fail(_):
        raise RuntimeError("boom")

    server = LiveServer(app)
    try:
        ctx = chromium.new_context()
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.goto(server.url)
        pg.wait_for_selector("#broken-graph .main-svg", timeout=20_000)
        pg.wait_for_timeout(500)
        assert errors, "a failing callback produced no console error"
        assert pg.locator("#broken-graph .scatterlayer .point").count() == 0
        ctx.close()
    finally:
        server.stop()

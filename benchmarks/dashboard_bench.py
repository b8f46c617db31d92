"""Dashboard benchmark: server time of each callback on the full data, and navigation-to-drawn time of the
overview against a bare Dash page with one graph, both measured in this run.

1. A headless Chromium drives the pages (loads, filter changes, clicks) while the server records the body of
   every callback request; each recorded request is then replayed 30 times through the WSGI app and timed.
2. Chromium opens the overview and a bare one-graph Dash page (served by a separate process on this machine)
   five times each, cold cache per context, and times navigation until every graph has drawn.

Targets (issue 5): callback p95 under 50 ms; overview drawn within 2x the bare page.

    python benchmarks/dashboard_bench.py
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402
from stats import free_port, pct  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from dashboard.data import load  # noqa: E402
from etl.build import DEFAULT_OUT, build, is_stale  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
BARE = textwrap.dedent(
    """
    import sys
    import dash
    import plotly.graph_objects as go
    from dash import dcc, html
    app = dash.Dash(__name__, serve_locally=True)
    app.layout = html.Div([dcc.Graph(id="g", figure=go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])))])
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
    """
)
REPLAYS = 30


def record_callbacks(app, base: str) -> list[dict]:
    recorded: list[dict] = []
    from flask import request

    @app.server.before_request
    def _keep():
        if request.path == "/_dash-update-component":
            recorded.append(request.get_json(silent=True))

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = b.new_page(viewport={"width": 1280, "height": 900})
        for path in ("/?lang=en", "/?lang=zh&events=1", "/sectors?lang=en", "/explorer?lang=en", "/policy?lang=en", "/audit?lang=en"):
            pg.goto(base + path)
            pg.wait_for_load_state("networkidle")
        pg.goto(base + "/sectors?lang=en")
        pg.wait_for_selector("#sectors-by-sector .trace")
        pg.locator("#sectors-sector").click()
        pg.locator(".dash-dropdown-content input.dash-dropdown-search").fill("Energy")
        pg.locator(".dash-dropdown-content [role=option]").first.click()
        pg.keyboard.press("Escape")
        pg.wait_for_load_state("networkidle")
        bar = pg.locator("#sectors-by-indicator .bars .point path").first
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        pg.wait_for_load_state("networkidle")
        pg.goto(base + "/?lang=en")
        pg.wait_for_selector("#overview-events")
        pg.locator("#overview-events").click()
        pg.wait_for_load_state("networkidle")
        b.close()
    return [r for r in recorded if r]


def replay(app, bodies: list[dict], data) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(cold, warm) times per callback: cold clears the memo before every call (a state never seen before),
    warm repeats a state already computed."""
    client = app.server.test_client()
    cold: dict[str, list[float]] = {}
    warm: dict[str, list[float]] = {}
    for body in bodies:
        name = body.get("output", "?")
        for times, clear in ((cold, True), (warm, False)):
            for _ in range(REPLAYS):
                if clear:
                    data._memo.clear()
                t0 = time.perf_counter()
                r = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
                dt = (time.perf_counter() - t0) * 1000
                if r.status_code not in (200, 204):
                    raise RuntimeError(f"{name}: HTTP {r.status_code}")
                times.setdefault(name, []).append(dt)
    return cold, warm


def draw_times(url: str, graphs: int, runs: int = 5) -> list[float]:
    out = []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            ctx = b.new_context(viewport={"width": 1280, "height": 900})
            pg = ctx.new_page()
            t0 = time.perf_counter()
            pg.goto(url)
            pg.wait_for_function("(n) => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g.querySelector('.trace, .annotation-text')).length >= n",
                                 arg=graphs, timeout=60_000)
            out.append((time.perf_counter() - t0) * 1000)
            ctx.close()
        b.close()
    return out


def main() -> None:
    if is_stale(DEFAULT_OUT):
        build(DEFAULT_OUT)
    data = load(DEFAULT_OUT)
    app = create_app(data)
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"

    bodies = record_callbacks(app, base)
    cold, warm = replay(app, bodies, data)
    print(f"callbacks: {len(bodies)} recorded requests, each replayed {REPLAYS} times cold (memo cleared) and {REPLAYS} warm (ms)")
    print(f"{'callback output':<62} {'n':>4} {'cold p50':>9} {'cold p95':>9} {'warm p95':>9}")
    worst_cold = worst_warm = 0.0
    for name in sorted(cold, key=lambda k: -pct(cold[k], 95)):
        c95, w95 = pct(cold[name], 95), pct(warm[name], 95)
        worst_cold, worst_warm = max(worst_cold, c95), max(worst_warm, w95)
        print(f"{name[:62]:<62} {len(cold[name]):>4} {statistics.median(cold[name]):>9.1f} {c95:>9.1f} {w95:>9.1f}")
    all_cold = [x for ts in cold.values() for x in ts]
    print(f"worst callback p95: cold {worst_cold:.1f} ms, warm {worst_warm:.1f} ms; p95 over all cold calls {pct(all_cold, 95):.1f} ms"
          " (target < 50 ms)")

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", BARE, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        bare = draw_times(f"http://127.0.0.1:{port}/", 1)
        import pandas as pd

        from dashboard.data import data_dir

        charts = pd.read_parquet(data_dir() / "charts.parquet")
        n_graphs = int(((charts["page"] == "overview") & (charts["type"] != "card")).sum())
        overview = draw_times(base + "/?lang=en", n_graphs)
    finally:
        proc.terminate()
    b, o = statistics.median(bare), statistics.median(overview)
    print(f"bare one-graph page: median {b:.0f} ms over {len(bare)} cold loads")
    print(f"overview ({n_graphs} trend charts + cards): median {o:.0f} ms over {len(overview)} cold loads")
    print(f"overview / bare = {o / b:.2f} (target <= 2.0)")
    httpd.shutdown()


if __name__ == "__main__":
    main()

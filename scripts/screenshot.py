"""Take docs/overview.png: build, serve on a free port, open the overview in headless Chromium, screenshot."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.app import create_app  # noqa: E402
from dashboard.data import load  # noqa: E402
from etl.build import DEFAULT_OUT, build  # noqa: E402


def main(path: str = "/?lang=en", out: str = "docs/overview.png", width: int = 1280, height: int = 900) -> None:
    build(DEFAULT_OUT)
    httpd = make_server("127.0.0.1", 0, create_app(load(DEFAULT_OUT)).server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        pg = b.new_page(viewport={"width": width, "height": height})
        pg.goto(f"http://127.0.0.1:{httpd.server_port}{path}")
        pg.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.trace, .annotation-text'))",
                             timeout=30000)
        pg.wait_for_timeout(800)
        pg.screenshot(path=str(ROOT / out), full_page=False)
        b.close()
    httpd.shutdown()
    print(f"wrote {out}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(*args[:2], *(int(a) for a in args[2:4]))

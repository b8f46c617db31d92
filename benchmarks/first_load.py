"""First load against a bare one-graph Dash page, both under gunicorn (2 workers) from this environment, runs
alternated (bare, product, bare, product ...), each in a fresh browser context (cold cache), medians reported:
bytes transferred, time until every chart is drawn, CLS; and, when Lighthouse is installed (`make lighthouse`), its
desktop performance and accessibility scores.

    .venv/bin/python benchmarks/first_load.py [--runs 5] [--lighthouse-runs 1] [--path /?lang=en]

Targets, as ratios to the bare page: bytes <= 0.4x, all charts drawn <= 1.0x, CLS <= 0.05, Lighthouse desktop
performance >= the bare page's.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("AIPLUS_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# records when every chart slot holds a drawn plot (a trace or the empty-state message), and the layout shifts
PROBE = """
window.__cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
(function poll() {
  const slots = [...document.querySelectorAll('.chart-slot')];
  if (slots.length && slots.every(s => s.querySelector('.main-svg .trace, .main-svg .annotation-text'))) {
    window.__drawn = performance.now();
  } else { requestAnimationFrame(poll); }
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], url: str) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"server did not start: {' '.join(cmd)}")


def load_once(browser, url: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1350, "height": 940}, bypass_csp=True)
    page = ctx.new_page()
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function("() => window.__drawn !== undefined", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # late shifts count too
    out = page.evaluate("""() => ({
        drawn_ms: window.__drawn, cls: window.__cls,
        bytes: performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                 .reduce((n, e) => n + e.transferSize, 0),
        dom: document.getElementsByTagName('*').length,
        charts: document.querySelectorAll('.chart-slot').length})""")
    ctx.close()
    return out


def lighthouse(url: str) -> dict | None:
    if not LIGHTHOUSE.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        subprocess.run([str(LIGHTHOUSE), url, "--preset=desktop", "--only-categories=performance,accessibility",
                        "--output=json", f"--output-path={out}", "--quiet",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {"performance": round(report["categories"]["performance"]["score"] * 100),
            "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt_s": audits["total-blocking-time"]["numericValue"] / 1000,
            "cls": audits["cumulative-layout-shift"]["numericValue"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lighthouse-runs", type=int, default=1)
    ap.add_argument("--path", default="/?lang=en", help="the product page to load (default: the overview)")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    pp, bp = free_port(), free_port()
    product = start([str(BIN / "python"), "-m", "dashboard.serve", "--port", str(pp), "--workers", "2"], f"http://127.0.0.1:{pp}/")
    bare = start([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{bp}", "--no-control-socket", "--chdir", "benchmarks",
                  "bare_app:server"], f"http://127.0.0.1:{bp}/")
    urls = {"bare": f"http://127.0.0.1:{bp}/", "product": f"http://127.0.0.1:{pp}{args.path}"}
    results: dict[str, list[dict]] = {"bare": [], "product": []}
    lh: dict[str, list[dict]] = {"bare": [], "product": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            for name in ("bare", "product"):  # one warm-up each (server caches, page memo), not counted
                load_once(browser, urls[name])
            for _ in range(args.runs):
                for name in ("bare", "product"):
                    results[name].append(load_once(browser, urls[name]))
            browser.close()
        for _ in range(args.lighthouse_runs):
            for name in ("bare", "product"):
                r = lighthouse(urls[name])
                if r:
                    lh[name].append(r)
    finally:
        for proc in (product, bare):
            proc.terminate()
            proc.wait(timeout=20)

    def med(name, key, src=results):
        return statistics.median(r[key] for r in src[name])

    print(f"first load, {args.runs} alternated runs each (medians); product page {args.path}")
    print(f"{'':22}{'bare Dash':>12}{'product':>12}{'ratio':>8}  target")
    rows = [("bytes transferred", "bytes", lambda v: f"{v / 1e6:.2f} MB", 0.4),
            ("all charts drawn", "drawn_ms", lambda v: f"{v / 1000:.2f} s", 1.0),
            ("CLS", "cls", lambda v: f"{v:.3f}", None), ("DOM elements", "dom", lambda v: f"{v:.0f}", None)]
    ok = True
    for label, key, fmt, target in rows:
        b, p = med("bare", key), med("product", key)
        ratio = p / b if b else float("nan")
        verdict = ""
        if target is not None:
            verdict = f"<= {target}x {'ok' if ratio <= target else 'MISSED'}"
            ok &= ratio <= target
        elif key == "cls":
            verdict = f"<= 0.05 {'ok' if p <= 0.05 else 'MISSED'}"
            ok &= p <= 0.05
        print(f"{label:22}{fmt(b):>12}{fmt(p):>12}{ratio:>8.2f}  {verdict}")
    if lh["bare"] and lh["product"]:
        for key in ("performance", "accessibility", "lcp_s", "tbt_s", "cls"):
            b, p = med("bare", key, lh), med("product", key, lh)
            verdict = ""
            if key == "performance":
                verdict = f">= bare {'ok' if p >= b else 'MISSED'}"
                ok &= p >= b
            print(f"{'Lighthouse ' + key:22}{b:>12.3g}{p:>12.3g}{(p / b if b else float('nan')):>8.2f}  {verdict}")
    else:
        print("Lighthouse: not installed (make lighthouse); scores not measured")
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

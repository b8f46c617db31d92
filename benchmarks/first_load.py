"""First load against a bare one-graph Dash page, both under gunicorn (2 workers) from this environment, runs
alternated (bare, overview, explorer, bare, overview, explorer ...), each in a fresh browser context (cold cache),
medians reported: bytes transferred, time until every chart is drawn, CLS, DOM size; and, when Lighthouse is installed
(`make lighthouse`), its desktop performance and accessibility scores, also alternated.

    .venv/bin/python benchmarks/first_load.py [--runs 5] [--lighthouse-runs 3] [--path /?lang=en --path /explorer?lang=en]

Targets, as ratios to the bare page, for every product page measured: bytes <= 0.4x, all charts drawn <= 1.0x,
CLS <= 0.05, Lighthouse desktop performance >= the bare page's.
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


def lighthouse(url: str, attempts: int = 3) -> dict | None:
    """One Lighthouse run (desktop preset); a run Lighthouse itself aborts (it sometimes loses the trace: NO_NAVSTART)
    is tried again, up to `attempts` times."""
    if not LIGHTHOUSE.exists():
        return None
    for attempt in range(attempts):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "lh.json"
            done = subprocess.run([str(LIGHTHOUSE), url, "--preset=desktop", "--only-categories=performance,accessibility",
                                   "--output=json", f"--output-path={out}", "--quiet",
                                   "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                                  env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300, check=False)
            if done.returncode == 0 and out.exists():
                report = json.loads(out.read_text())
                break
        if attempt == attempts - 1:
            raise SystemExit(f"Lighthouse failed {attempts} times on {url}")
    audits = report["audits"]
    return {"performance": round(report["categories"]["performance"]["score"] * 100),
            "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt_s": audits["total-blocking-time"]["numericValue"] / 1000,
            "cls": audits["cumulative-layout-shift"]["numericValue"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lighthouse-runs", type=int, default=3)
    ap.add_argument("--path", action="append", help="a product page to load (repeatable; default: overview and explorer)")
    args = ap.parse_args(argv)
    paths = args.path or ["/?lang=en", "/explorer?lang=en"]

    from playwright.sync_api import sync_playwright

    pp, bp = free_port(), free_port()
    product = start([str(BIN / "python"), "-m", "dashboard.serve", "--port", str(pp), "--workers", "2"], f"http://127.0.0.1:{pp}/")
    bare = start([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{bp}", "--no-control-socket", "--chdir", "benchmarks",
                  "bare_app:server"], f"http://127.0.0.1:{bp}/")
    urls = {"bare": f"http://127.0.0.1:{bp}/", **{p: f"http://127.0.0.1:{pp}{p}" for p in paths}}
    results: dict[str, list[dict]] = {name: [] for name in urls}
    lh: dict[str, list[dict]] = {name: [] for name in urls}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            for name in urls:  # one warm-up each (server caches, page memo), not counted
                load_once(browser, urls[name])
            for _ in range(args.runs):
                for name in urls:
                    results[name].append(load_once(browser, urls[name]))
            browser.close()
        for _ in range(args.lighthouse_runs):
            for name in urls:
                r = lighthouse(urls[name])
                if r:
                    lh[name].append(r)
    finally:
        for proc in (product, bare):
            proc.terminate()
            proc.wait(timeout=20)
    return report(results, lh, paths, args.runs)


def med(src: dict[str, list[dict]], name: str, key: str) -> float:
    return statistics.median(r[key] for r in src[name])


def report(results: dict[str, list[dict]], lh: dict[str, list[dict]], paths: list[str], runs: int) -> int:
    """The table of medians with each product page's ratio to the bare page and its verdict; 0 when every target is met."""
    print(f"first load, {runs} alternated runs each (medians), Lighthouse {len(lh['bare'])} runs each")
    head = f"{'':24}{'bare Dash':>12}" + "".join(f"{p:>26}" for p in paths)
    print(head)
    rows = [("bytes transferred", "bytes", lambda v: f"{v / 1e6:.2f} MB", 0.4),
            ("all charts drawn", "drawn_ms", lambda v: f"{v / 1000:.2f} s", 1.0),
            ("CLS", "cls", lambda v: f"{v:.3f}", None), ("DOM elements", "dom", lambda v: f"{v:.0f}", None)]
    ok = True
    for label, key, fmt, target in rows:
        b = med(results, "bare", key)
        cells = []
        for p in paths:
            v = med(results, p, key)
            ratio = v / b if b else float("nan")
            if target is not None:
                good = ratio <= target
                cells.append(f"{fmt(v)} {ratio:.2f}x {'ok' if good else 'MISSED'}")
            elif key == "cls":
                good = v <= 0.05
                cells.append(f"{fmt(v)} {'ok' if good else 'MISSED'}")
            else:
                good = True
                cells.append(fmt(v))
            ok &= good
        print(f"{label:24}{fmt(b):>12}" + "".join(f"{c:>26}" for c in cells))
    print(f"{'targets':24}{'':>12}" + "".join(f"{'bytes<=0.4x drawn<=1x CLS<=.05':>26}" for _ in paths))
    if lh["bare"] and all(lh[p] for p in paths):
        for key in ("performance", "accessibility", "lcp_s", "tbt_s", "cls"):
            b = med(lh, "bare", key)
            cells = []
            for p in paths:
                v = med(lh, p, key)
                verdict = ""
                if key == "performance":
                    verdict = " ok" if v >= b else " MISSED"
                    ok &= v >= b
                cells.append(f"{v:.3g}{verdict}")
            print(f"{'Lighthouse ' + key:24}{b:>12.3g}" + "".join(f"{c:>26}" for c in cells))
    else:
        print("Lighthouse: not installed (make lighthouse); scores not measured")
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Export benchmark. In one process: the first chart's time (browser start included), the per-chart time after it
for PNG, SVG and PDF, a 10-chart deck and the overview's deck. Then against the production server (2 workers, on
loopback): page times at p50 / p95 while 8 chart exports and 2 decks are asked for at once (target: pages stay under
250 ms p95; exports beyond the free slots are told to retry).

    python benchmarks/export_bench.py            # all of it
    python benchmarks/export_bench.py --serve    # only the server part
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import json  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402

from benchmarks.stats import HOST, free_port, pct  # noqa: E402
from dashboard.charts_registry import charts, page_charts  # noqa: E402
from dashboard.data import load, set_current  # noqa: E402
from dashboard.exports import deck, export_chart  # noqa: E402
from etl.build import DEFAULT_OUT, build, is_stale  # noqa: E402
from tests.callback_requests import route_body  # noqa: E402


def _get(url: str, body: dict | None = None) -> tuple[int, float]:
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body else None,  # noqa: S310 - loopback http only
                                 headers={"Content-Type": "application/json"} if body else {})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:  # noqa: S310 - loopback only
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - t


def serve_part() -> None:
    port = free_port()
    base = f"http://{HOST}:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--host", HOST, "--port", str(port), "--workers", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if _get(base + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        # warm each worker's browser once (the first export of a process starts it)
        for _ in range(2):
            _get(base + "/export/overview-capex.png?lang=en")
        ids = [c.id for c in charts() if c.page == "/"][:8]
        jobs = [f"/export/{i}.png?lang=zh&size=square" for i in ids] + [
            f"/export/deck.pptx?lang=en&charts={','.join(ids[:5])}", f"/export/deck.pptx?lang=zh&charts={','.join(ids[3:8])}"]
        results: list[tuple[str, int, float]] = []

        def run(path: str) -> None:
            status, dt = _get(base + path)
            results.append((path, status, dt))

        pages: list[float] = []
        stop = threading.Event()

        def visit() -> None:
            while not stop.is_set():
                for path, search in (("/", "?lang=en"), ("/sectors", "?lang=zh"), ("/policy", "?lang=en")):
                    status, dt = _get(base + "/_dash-update-component", route_body(path, search))
                    if status == 200:
                        pages.append(dt)

        visitors = [threading.Thread(target=visit) for _ in range(4)]
        for v in visitors:
            v.start()
        time.sleep(1)
        t0 = time.perf_counter()
        threads = [threading.Thread(target=run, args=(j,)) for j in jobs]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
        stop.set()
        for v in visitors:
            v.join()
        done = [r for r in results if r[1] == 200]
        busy = [r for r in results if r[1] == 503]
        print(f"server, 8 exports + 2 decks at once: {len(done)} made, {len(busy)} told to retry (503), "
              f"{len(results) - len(done) - len(busy)} failed, in {wall:.1f} s")
        print(f"pages during the exports: {len(pages)} page renders, p50 {pct(pages, 50) * 1000:.0f} ms, "
              f"p95 {pct(pages, 95) * 1000:.0f} ms (target < 250 ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    if is_stale(DEFAULT_OUT):
        build(DEFAULT_OUT)
    set_current(load(DEFAULT_OUT))
    if "--serve" in sys.argv:
        serve_part()
        return
    all_charts = charts()
    t0 = time.perf_counter()
    export_chart(all_charts[0], {}, "en", "png")
    first = time.perf_counter() - t0
    print(f"first chart (starts the browser): {first * 1000:.0f} ms")
    for fmt in ("png", "svg", "pdf"):
        times = []
        for c in all_charts[1:]:
            t = time.perf_counter()
            export_chart(c, {}, "zh", fmt)
            times.append(time.perf_counter() - t)
        print(f"{fmt}: {len(times)} charts after the first, median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms per chart")
    ten = all_charts[:10]
    t = time.perf_counter()
    data = deck(ten, {}, "zh")
    print(f"deck of 10 charts: {(time.perf_counter() - t) * 1000:.0f} ms, {len(data):,} bytes")
    t = time.perf_counter()
    data = deck(page_charts("/"), {}, "en")
    print(f"deck of the overview ({len(page_charts('/'))} charts): {(time.perf_counter() - t) * 1000:.0f} ms, {len(data):,} bytes")
    serve_part()


if __name__ == "__main__":
    main()

"""Export benchmark: many charts in one call reuse one browser. Prints the first chart's time (browser start
included) and the per-chart time after it, for PNG, SVG and PDF, and the time of a deck of the overview.

    python benchmarks/export_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.charts_registry import charts, page_charts  # noqa: E402
from dashboard.data import load, set_current  # noqa: E402
from dashboard.exports import deck, export_chart  # noqa: E402
from etl.build import DEFAULT_OUT, build, is_stale  # noqa: E402


def main() -> None:
    if is_stale(DEFAULT_OUT):
        build(DEFAULT_OUT)
    set_current(load(DEFAULT_OUT))
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
    t = time.perf_counter()
    data = deck(page_charts("/"), {}, "en")
    print(f"deck of the overview ({len(page_charts('/'))} charts): {(time.perf_counter() - t) * 1000:.0f} ms, {len(data):,} bytes")


if __name__ == "__main__":
    main()

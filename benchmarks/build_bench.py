"""Build benchmark: the full build, then builds over synthetic claims 10x, 100x and 1,000x larger.

Synthetic claims are copies of the curated ones with new ids and a distinct entity per copy (so the
audit sees as many independent figures, not one figure repeated a thousand times). Prints seconds and
microseconds per claim for each size; the cost per claim should stay flat (linear growth).

    python benchmarks/build_bench.py [--scales 10,100,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from etl.build import build  # noqa: E402
from etl.catalog import DATASETS  # noqa: E402
from etl.load import read_yaml, strip_line  # noqa: E402


def synthetic(root: Path, scale: int) -> int:
    """Write a datasets folder with every claim repeated `scale` times; returns the number of claims."""
    for f in DATASETS.glob("*.yml"):
        shutil.copy(f, root / f.name)
    for sub in ("events", "not_claims"):
        shutil.copytree(DATASETS / sub, root / sub)
    (root / "claims").mkdir()
    n = 0
    for f in sorted((DATASETS / "claims").glob("*.yml")):
        records = [strip_line(r) for r in read_yaml(f) or []]
        copies = list(records)
        for k in range(1, scale):
            copies += [{**r, "id": f"s{k}-{r['id']}", "entity": f"synthetic-{k}"} for r in records]
        (root / "claims" / f.name).write_text(yaml.safe_dump(copies, allow_unicode=True, sort_keys=False), encoding="utf-8")
        n += len(copies)
    return n


def timed(root: Path, out: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        build(out, root=root)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="10,100,1000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full = timed(DATASETS, tmp / "full", args.repeat)
        n_full = len(__import__("pandas").read_parquet(tmp / "full" / "claims.parquet"))
        print(f"full build: {n_full} claims, {full:.3f} s (median of {args.repeat}), {full / max(n_full, 1) * 1e6:.0f} µs/claim")
        base = full / max(n_full, 1)
        for scale in (int(s) for s in args.scales.split(",")):
            root = tmp / f"x{scale}"
            root.mkdir()
            n = synthetic(root, scale)
            t = timed(root, tmp / f"out{scale}", 1)
            print(f"synthetic x{scale}: {n} claims, {t:.2f} s, {t / n * 1e6:.0f} µs/claim, per-claim cost {t / n / base:.2f}x the full build's")
            shutil.rmtree(root)


if __name__ == "__main__":
    main()

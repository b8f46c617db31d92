"""Check curated claim / event files while curating: `python -m etl.check FILE... [--proposals FILE]`.

Prints every problem (not just the first) and a summary. Proposals files (datasets/proposals/*.yml)
may hold `indicators`, `organisations`, `geo` lists and a `units` mapping not yet merged into the catalogue.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from etl.catalog import load_catalog
from etl.claims import normalize_claim
from etl.errors import CurationError
from etl.events import normalize_event
from etl.load import read_yaml, records, strip_line
from etl.source import load_book


def _with_proposals(cat, paths):
    for p in paths:
        prop = read_yaml(Path(p)) or {}
        changes = {}
        for table in ("indicators", "organisations", "geo", "sectors"):
            extra = [strip_line(r) for r in prop.get(table) or []]
            if extra:
                changes[table] = getattr(cat, table) + extra
        raw = dict(cat.raw_units)
        for text, spec in strip_line(prop.get("units") or {}).items():
            raw[str(text).replace(" ", "")] = (spec["unit"], float(spec["factor"]))
        changes["raw_units"] = raw
        cat = dataclasses.replace(cat, **changes)
    return cat


def _check_charts(path: Path) -> int:
    """Charts draw claims of the whole warehouse: resolve them against a full assembly of the curated files."""
    from etl.build import assemble

    try:
        tables, _ = assemble(path.parent)
    except CurationError as exc:
        print(exc)
        return 1
    print(f"{path.name}: {len(tables['charts'])} charts resolved to {len(tables['chart_points'])} points")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.check")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--proposals", action="append", default=[])
    args = ap.parse_args(argv)
    cat = _with_proposals(load_catalog(), args.proposals)
    book = load_book()
    problems = 0
    for f in args.files:
        path = Path(f).resolve()
        if path.name == "charts.yml":
            problems += _check_charts(path)
            continue
        is_event = "events" in path.parts
        ids: dict = {}
        n = 0
        try:
            recs = records(path)
        except CurationError as exc:
            print(exc)
            problems += 1
            continue
        for rec in recs:
            try:
                (normalize_event if is_event else normalize_claim)(rec, f, cat, book, ids)
                n += 1
            except CurationError as exc:
                print(exc)
                problems += 1
        print(f"{f}: {n} of {len(recs)} records valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

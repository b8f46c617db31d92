"""The `aiplus` command: build the warehouse, check curated files, serve the dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import DEFAULT_OUT, BuildRefused, build, is_stale
from etl.catalog import DATASETS
from etl.errors import CurationError
from etl.schema import SchemaError


def _build(args) -> int:
    try:
        manifest = build(Path(args.out), root=Path(args.datasets), require_source=args.require_source,
                         allow_shrink=args.allow_shrink)
    except (CurationError, SchemaError, BuildRefused, FileNotFoundError, OSError) as exc:
        print(f"aiplus build: error: {exc}", file=sys.stderr)
        print("aiplus build: the previous build, if any, is unchanged", file=sys.stderr)
        return 1
    rows = ", ".join(f"{k} {v}" for k, v in manifest["rows"].items())
    checked = "checked against the book" if manifest["source_checked"] else "NOT checked against the book (source text not found)"
    print(f"built {args.out} in {manifest['seconds']:.2f} s ({checked}): {rows}")
    return 0


def _check(args) -> int:
    from etl.check import main as check_main

    argv = list(args.files)
    for p in args.proposals:
        argv += ["--proposals", p]
    return check_main(argv)


def _coverage(args) -> int:
    from etl.catalog import load_catalog
    from etl.claims import load_claims
    from etl.coverage import by_chapter, not_claims, uncovered
    from etl.source import load_book, source_path

    if source_path() is None:
        print("aiplus coverage: the book's text was not found (set AIPLUS_SOURCE)", file=sys.stderr)
        return 2
    root = Path(args.datasets)
    try:
        cat = load_catalog(root)
        book = load_book()
        claims = load_claims(sorted((root / "claims").glob("*.yml")), cat, book)
        hits = uncovered(book, cat, claims, not_claims(root))
    except CurationError as exc:
        print(f"aiplus coverage: error: {exc}", file=sys.stderr)
        return 1
    for h in hits:
        print(f"{h.line:>5}  §{h.section:<8} {h.text:<16} …{h.context}…")
    counts = by_chapter(hits)
    summary = ", ".join(f"{ch}: {n}" for ch, n in sorted(counts.items(), key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0)))
    print(f"{len(hits)} unit-bearing numbers not cited by a claim nor listed in datasets/not_claims/" + (f" (by chapter: {summary})" if hits else ""))
    return 1 if hits else 0


def _export(args) -> int:
    from dashboard import urlstate
    from dashboard.data import DataError, load, set_current

    out_dir = Path(args.data)
    if is_stale(out_dir):
        build(out_dir)
    try:
        set_current(load(out_dir))
    except DataError as exc:
        print(f"aiplus export: {exc}", file=sys.stderr)
        return 1
    from dashboard.charts_registry import chart, charts
    from dashboard.downloads import filename
    from dashboard.exports import ExportError, deck, export_chart

    if args.list:
        for c in charts():
            print(f"{c.id:<26} {c.page:<10} {c.title('en')} / {c.title('zh')}")
        return 0
    query = urlstate.parse("?" + (args.query or ""))
    try:
        if args.deck:
            chosen = [chart(i) for i in args.deck.split(",")]
            missing = [i for i, c in zip(args.deck.split(","), chosen, strict=True) if c is None]
            if missing:
                print(f"aiplus export: unknown charts {missing}; see aiplus export --list", file=sys.stderr)
                return 2
            data = deck(chosen, query, args.lang)
            out = Path(args.out or filename("deck", {"charts": args.deck.split(",")}, args.lang, "pptx"))
        elif args.chart or args.all:
            ids = [c.id for c in charts()] if args.all else args.chart.split(",")
            missing = [i for i in ids if chart(i) is None]
            if missing:
                print(f"aiplus export: unknown charts {missing}; see aiplus export --list", file=sys.stderr)
                return 2
            if len(ids) > 1:  # a batch: one browser renders them all, one file each in --out (a folder)
                folder = Path(args.out or ".")
                folder.mkdir(parents=True, exist_ok=True)
                for i in ids:
                    data, _ = export_chart(chart(i), query, args.lang, args.format, size=args.size)
                    target = folder / filename(i, dict(query), args.lang, args.format)
                    target.write_bytes(data)
                    print(f"wrote {target} ({len(data):,} bytes)")
                return 0
            data, _ = export_chart(chart(ids[0]), query, args.lang, args.format, size=args.size)
            out = Path(args.out or filename(ids[0], dict(query), args.lang, args.format))
        else:
            print("aiplus export: give --list, --chart ID[,ID...], --all or --deck ID,ID", file=sys.stderr)
            return 2
    except ExportError as exc:
        print(f"aiplus export: {exc}", file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes)")
    return 0


def _serve(args) -> int:
    out = Path(args.data)
    if is_stale(out):
        print(f"aiplus serve: tables in {out} are missing or older than datasets/: building first", file=sys.stderr)
        try:
            build(out)
        except (CurationError, SchemaError, BuildRefused, FileNotFoundError) as exc:
            print(f"aiplus serve: build failed: {exc}", file=sys.stderr)
            return 1
    from dashboard.data import DataError, load

    try:
        data = load(out)
    except DataError as exc:
        print(f"aiplus serve: {exc}", file=sys.stderr)
        return 1
    if args.workers:
        from dashboard.serve import run_gunicorn

        return run_gunicorn(args.host, args.port, args.workers, out, data=data)
    from dashboard.app import create_app
    from dashboard.middleware import configure_logging

    configure_logging()
    app = create_app(data)
    print(f"serving AI+ Indicators on http://{args.host}:{args.port}/ (data {data.data_hash}, built {data.built})", flush=True)
    app.run(host=args.host, port=args.port, debug=False, dev_tools_ui=False, dev_tools_props_check=False)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="aiplus", description="AI+ Indicators: the figures of the 2026 AI+ Blue Book, warehoused and served.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="curated files in datasets/ -> Parquet tables (atomic; a failed build keeps the last good one)")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default datasets/build/)")
    b.add_argument("--datasets", default=str(DATASETS), help="curated data folder (default datasets/)")
    b.add_argument("--require-source", action="store_true", help="fail when the book's text is not found instead of skipping provenance checks")
    b.add_argument("--allow-shrink", action="store_true",
                   help="accept an input file that is empty or has fewer records than in the previous build")
    b.set_defaults(func=_build)
    s = sub.add_parser("serve", help="build if the tables are missing or stale, then serve the dashboard")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    s.add_argument("--data", default=str(DEFAULT_OUT), help="tables folder (default datasets/build/)")
    s.add_argument("--workers", type=int, default=0, help="serve under gunicorn with N worker processes (default: one process)")
    s.set_defaults(func=_serve)
    cv = sub.add_parser("coverage", help="list unit-bearing numbers in the book that no claim cites (exit 1 if any)")
    cv.add_argument("--datasets", default=str(DATASETS), help="curated data folder (default datasets/)")
    cv.set_defaults(func=_coverage)
    ex = sub.add_parser("export", help="export a chart (PNG/SVG/PDF) or a PowerPoint deck of charts")
    ex.add_argument("--list", action="store_true", help="list the chart ids")
    ex.add_argument("--chart", help="chart id to export, or several ids (comma-separated) into the folder --out")
    ex.add_argument("--all", action="store_true", help="export every chart into the folder --out (one browser for all)")
    ex.add_argument("--size", choices=("wide", "square"), default="wide", help="16:9 (1200x675) or square (1080x1080)")
    ex.add_argument("--deck", help="comma-separated chart ids for a 16:9 .pptx deck")
    ex.add_argument("--format", choices=("png", "svg", "pdf"), default="png")
    ex.add_argument("--lang", choices=("zh", "en"), default="zh")
    ex.add_argument("--query", default="", help="filters as in the page URL, e.g. 'sector=energy&from=2020'")
    ex.add_argument("--out", help="output file (default: a name saying chart, filters, language and date)")
    ex.add_argument("--data", default=str(DEFAULT_OUT), help="tables folder (default datasets/build/)")
    ex.set_defaults(func=_export)
    c = sub.add_parser("check", help="check curated claim/event files and print every problem")
    c.add_argument("files", nargs="+")
    c.add_argument("--proposals", action="append", default=[])
    c.set_defaults(func=_check)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

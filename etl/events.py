"""Validating and normalizing dated policy / law / standard events."""

from __future__ import annotations

from pathlib import Path

from etl.catalog import Catalog
from etl.claims import check_text
from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.periods import PeriodError, parse_event_date
from etl.source import Book

EVENT_KINDS = ("law", "regulation", "policy", "plan", "standard", "initiative", "guideline", "agreement", "other")
REQUIRED = ("id", "line", "section", "date", "jurisdiction", "title", "kind")
FIELDS = REQUIRED + ("body", "note")


def normalize_event(rec: dict, file: str, cat: Catalog, book: Book | None, ids: dict) -> dict:
    row = rec.get(LINE_KEY)
    rid = rec.get("id")

    def fail(field: str | None, msg: str) -> CurationError:
        return CurationError(file, row, field, msg, rid if isinstance(rid, str) else None)

    for key in rec:
        if key != LINE_KEY and key not in FIELDS:
            raise fail(key, f"unknown field (allowed: {', '.join(FIELDS)})")
    for key in REQUIRED:
        if rec.get(key) in (None, ""):
            raise fail(key, "required field missing")
    if not isinstance(rid, str):
        raise fail("id", "id must be text")
    check_text(rec, fail, {"id": 40, "title": 300, "body": 120, "note": 1000, "section": 20})
    if rid in ids:
        raise fail("id", f"duplicate id, first used in {ids[rid]}")
    ids[rid] = file
    line = rec["line"]
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise fail("line", f"line must be a positive whole number, got {line!r}")
    title = str(rec["title"])
    if book is not None:
        if line > len(book):
            raise fail("line", f"line {line} is past the end of the book ({len(book)} lines)")
        if title not in book.line(line):
            raise fail("title", f"title {title!r} does not occur on line {line} of the book")
        if book.section_of(line) != str(rec["section"]):
            raise fail("section", f"line {line} is in section {book.section_of(line)!r}, not {rec['section']!r}")
    if rec["jurisdiction"] not in cat.ids("geo"):
        raise fail("jurisdiction", f"unknown jurisdiction {rec['jurisdiction']!r} (see datasets/geo.yml)")
    if rec["kind"] not in EVENT_KINDS:
        raise fail("kind", f"kind {rec['kind']!r} is not one of {', '.join(EVENT_KINDS)}")
    try:
        day, precision = parse_event_date(rec["date"])
    except PeriodError as exc:
        raise fail("date", str(exc)) from None
    return {
        "event_id": rid,
        "date": day,
        "date_precision": precision,
        "year": day.year,
        "jurisdiction": rec["jurisdiction"],
        "title": title,
        "kind": rec["kind"],
        "body": rec.get("body"),
        "section": str(rec["section"]),
        "line": line,
        "file": file,
    }


def load_events(paths: list[Path], cat: Catalog, book: Book | None) -> list[dict]:
    ids: dict[str, str] = {}
    out = []
    for path in paths:
        file = str(path.relative_to(cat.root.parent)) if path.is_relative_to(cat.root.parent) else str(path)
        for rec in records(path, cat.root):
            out.append(normalize_event(rec, file, cat, book, ids))
    return out

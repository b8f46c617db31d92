"""Validating and normalizing dated policy / law / standard events.

One row per real event goes to `events`; every place the book mentions it (the event's own record and each
record with `mention_of`) goes to `event_mentions`, so the timeline counts events, not mentions.
"""

from __future__ import annotations

from pathlib import Path

from etl.catalog import Catalog
from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.periods import PeriodError, parse_event_date
from etl.records import EVENT_KINDS, Event, parse
from etl.source import Book

__all__ = ["EVENT_KINDS", "load_events"]
EVENT_REQUIRED = ("date", "jurisdiction", "kind", "title_en")
MENTION_FIELDS = ("mention_of", "note")


def normalize_event(rec: dict, file: str, cat: Catalog, book: Book | None, ids: dict) -> tuple[dict | None, dict]:
    """(event row or None for a further mention, mention row)."""
    row = rec.get(LINE_KEY)
    e = parse(Event, rec, file)

    def fail(field: str | None, msg: str) -> CurationError:
        return CurationError(file, row, field, msg, e.id)

    if e.id in ids:
        raise fail("id", f"duplicate id, first used in {ids[e.id]}")
    ids[e.id] = file
    if book is not None:
        if e.line > len(book):
            raise fail("line", f"line {e.line} is past the end of the book ({len(book)} lines)")
        if e.title not in book.line(e.line):
            raise fail("title", f"title {e.title!r} does not occur on line {e.line} of the book")
        if book.section_of(e.line) != e.section:
            raise fail("section", f"line {e.line} is in section {book.section_of(e.line)!r}, not {e.section!r}")
    mention = {"mention_id": e.id, "event_id": e.mention_of or e.id, "title": e.title, "section": e.section,
               "line": e.line, "file": file}
    if e.mention_of is not None:
        extra = [f for f in ("date", "jurisdiction", "kind", "title_en", "body", "body_en") if getattr(e, f) is not None]
        if extra:
            raise fail(extra[0], "a further mention (`mention_of`) carries only its place in the book; the event's "
                                 "own record holds its date, kind and titles")
        return None, mention
    for f in EVENT_REQUIRED:
        if getattr(e, f) is None:
            raise fail(f, "required field missing")
    if (e.body is None) != (e.body_en is None):
        raise fail("body_en", "an issuing body needs its name in both languages (`body` and `body_en`)")
    if e.jurisdiction not in cat.ids("geo"):
        raise fail("jurisdiction", f"unknown jurisdiction {e.jurisdiction!r} (see datasets/geo.yml)")
    try:
        day, precision = parse_event_date(e.date)
    except PeriodError as exc:
        raise fail("date", str(exc)) from None
    event = {
        "event_id": e.id,
        "date": day,
        "date_precision": precision,
        "year": day.year,
        "jurisdiction": e.jurisdiction,
        "title": e.title,
        "title_en": e.title_en,
        "kind": e.kind,
        "body": e.body,
        "body_en": e.body_en,
        "section": e.section,
        "line": e.line,
        "n_mentions": 1,
        "file": file,
    }
    return event, mention


def load_events(paths: list[Path], cat: Catalog, book: Book | None) -> tuple[list[dict], list[dict]]:
    ids: dict[str, str] = {}
    events, mentions, places = [], [], {}
    for path in paths:
        file = str(path.relative_to(cat.root.parent)) if path.is_relative_to(cat.root.parent) else str(path)
        for rec in records(path, cat.root):
            event, mention = normalize_event(rec, file, cat, book, ids)
            places[mention["mention_id"]] = (file, rec.get(LINE_KEY))
            if event is not None:
                events.append(event)
            mentions.append(mention)
    by_id = {e["event_id"]: e for e in events}
    for m in mentions:
        if m["event_id"] not in by_id:
            file, row = places[m["mention_id"]]
            target = "a further mention itself" if m["event_id"] in places else "no event"
            raise CurationError(file, row, "mention_of", f"{m['event_id']!r} is {target}: point to the event's own record",
                                m["mention_id"])
        if m["mention_id"] != m["event_id"]:
            by_id[m["event_id"]]["n_mentions"] += 1
    return events, mentions

"""Validating and normalizing claim records: one curated record -> one row of claims.parquet."""

from __future__ import annotations

import re
from pathlib import Path

from etl.catalog import Catalog
from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.periods import PeriodError, parse_period
from etl.source import Book
from etl.units import UnitError, parse_printed

KINDS = ("actual", "estimate", "forecast", "target", "cagr", "yoy")
PER = {"day": "/day", "week": "/week", "month": "/month", "year": "/year"}
QUALIFIERS = {
    "约": "≈", "大约": "≈", "左右": "≈", "≈": "≈",
    "超": ">", "超过": ">", "突破": ">", "以上": ">", "逾": ">", "余": ">", "多": ">", "高于": ">", "超出": ">", ">": ">",
    "近": "<", "接近": "<", "不足": "<", "不到": "<", "低于": "<", "<": "<",
    "不低于": "≥", "至少": "≥", "≥": "≥",
    "不超过": "≤", "最高": "≤", "以内": "≤", "≤": "≤",
}
REQUIRED = ("id", "line", "section", "printed", "indicator", "sector", "geo", "kind")
MAX_LEN = {"id": 40, "printed": 60, "entity": 120, "about": 300, "note": 1000, "section": 20, "unit": 40}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_text(rec: dict, fail, limits: dict[str, int]) -> None:
    """Curated text is plain text of bounded length: no control or bidi-override characters (they could hide
    or reorder what a reader sees), nothing longer than the field allows."""
    for key, value in rec.items():
        if not isinstance(value, str):
            continue
        bad = _CONTROL.search(value)
        if bad:
            raise fail(key, f"contains the control character U+{ord(bad.group(0)):04X}; curated text must be plain")
        if key in limits and len(value) > limits[key]:
            raise fail(key, f"is {len(value)} characters long; at most {limits[key]} are allowed")
OPTIONAL = ("period", "qualifier", "org", "entity", "per", "unit", "about", "note")
FIELDS = REQUIRED + OPTIONAL


def normalize_claim(rec: dict, file: str, cat: Catalog, book: Book | None, ids: dict) -> dict:
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
    check_text(rec, fail, MAX_LEN)
    if rid in ids:
        raise fail("id", f"duplicate id, first used in {ids[rid]}")
    ids[rid] = file
    line = rec["line"]
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise fail("line", f"line must be a positive whole number, got {line!r}")
    section = str(rec["section"])
    printed = rec["printed"]
    if not isinstance(printed, str):
        raise fail("printed", f"printed must be quoted text as in the book, got {printed!r}")
    for field, table in (("indicator", "indicators"), ("sector", "sectors"), ("geo", "geo")):
        if rec[field] not in cat.ids(table):
            raise fail(field, f"unknown {field} {rec[field]!r} (see datasets/{table}.yml)")
    if rec.get("org") is not None and rec["org"] not in cat.ids("organisations"):
        raise fail("org", f"unknown organisation {rec['org']!r} (see datasets/organisations.yml)")
    if rec["kind"] not in KINDS:
        raise fail("kind", f"kind {rec['kind']!r} is not one of {', '.join(KINDS)}")
    qual = rec.get("qualifier")
    if qual is not None and qual not in QUALIFIERS:
        raise fail("qualifier", f"unknown qualifier {qual!r}")
    try:
        parsed = parse_printed(printed, cat.raw_units, rec.get("unit"))
    except UnitError as exc:
        raise fail("printed" if rec.get("unit") is None else "unit", str(exc)) from None
    unit = parsed.unit
    per = rec.get("per")
    if per is not None:
        if per not in PER:
            raise fail("per", f"per must be one of {', '.join(PER)}")
        unit = unit + PER[per]
        if unit not in cat.canonical_units:
            raise fail("per", f"{unit!r} is not a canonical unit")
    if not unit:
        raise fail("printed", f"{printed!r} prints no unit: give `unit` (e.g. Token, 个)")
    if rec.get("period") is not None:
        try:
            period = parse_period(rec["period"])
        except PeriodError as exc:
            raise fail("period", str(exc)) from None
        year, start, end, label = period.year, period.start, period.end, period.label
    else:
        year = start = end = label = None
    qualifier = QUALIFIERS[qual] if qual is not None else parsed.qualifier
    if book is not None:
        if line > len(book):
            raise fail("line", f"line {line} is past the end of the book ({len(book)} lines)")
        if printed not in book.line(line):
            raise fail("printed", f"{printed!r} does not occur on line {line} of the book")
        if book.section_of(line) != section:
            raise fail("section", f"line {line} is in section {book.section_of(line)!r}, not {section!r}")
    return {
        "claim_id": rid,
        "indicator_id": rec["indicator"],
        "sector": rec["sector"],
        "geo": rec["geo"],
        "entity": rec.get("entity"),
        "period": label,
        "year": year,
        "period_start": start,
        "period_end": end,
        "value": parsed.value,
        "value_low": parsed.value_low,
        "value_high": parsed.value_high,
        "unit": unit,
        "kind": rec["kind"],
        "qualifier": qualifier,
        "printed": printed,
        "section": section,
        "line": line,
        "source_org": rec.get("org"),
        "about": rec.get("about"),
        "file": file,
    }


def load_claims(paths: list[Path], cat: Catalog, book: Book | None) -> list[dict]:
    ids: dict[str, str] = {}
    out = []
    for path in paths:
        file = str(path.relative_to(cat.root.parent)) if path.is_relative_to(cat.root.parent) else str(path)
        for rec in records(path, cat.root):
            out.append(normalize_claim(rec, file, cat, book, ids))
    return out

"""Validating and normalizing claim records: one curated record -> one row of claims.parquet."""

from __future__ import annotations

import re
from pathlib import Path

from etl.catalog import Catalog
from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.periods import PeriodError, parse_period
from etl.records import GROWTH_KINDS, KINDS, OTHER, Claim, parse
from etl.source import Book
from etl.units import UnitError, parse_printed

__all__ = ["KINDS", "load_claims", "normalize_claim"]
GROWTH_FAMILIES = ("percent", "percentage_points", "multiple")
PER = {"day": "/day", "week": "/week", "month": "/month", "year": "/year"}
QUALIFIERS = {
    "约": "≈", "大约": "≈", "左右": "≈", "≈": "≈",
    "超": ">", "超过": ">", "突破": ">", "以上": ">", "逾": ">", "余": ">", "多": ">", "高于": ">", "超出": ">", ">": ">",
    "近": "<", "接近": "<", "不足": "<", "不到": "<", "低于": "<", "<": "<",
    "不低于": "≥", "至少": "≥", "≥": "≥",
    "不超过": "≤", "最高": "≤", "以内": "≤", "≤": "≤",
}
# a description is our own words: it may not carry this many consecutive characters of the book's line
COPY_LIMIT = 10
_HAN = re.compile(r"[\u3400-\u9fff]")


def copied_run(text: str, line: str, limit: int = COPY_LIMIT) -> str | None:
    """The first run of `limit` consecutive characters of `text` (spaces ignored) that the book's line holds and
    that is mostly Chinese: a name in Latin letters (Claude Code, OpenRouter) is a name, not a copied sentence."""
    t = re.sub(r"\s+", "", text)
    src = re.sub(r"\s+", "", line)
    for i in range(len(t) - limit + 1):
        run = t[i:i + limit]
        if len(_HAN.findall(run)) * 5 >= limit * 4 and run in src:
            return run
    return None


def normalize_claim(rec: dict, file: str, cat: Catalog, book: Book | None, ids: dict) -> dict:
    row = rec.get(LINE_KEY)
    c = parse(Claim, rec, file)
    rid = c.id

    def fail(field: str | None, msg: str) -> CurationError:
        return CurationError(file, row, field, msg, rid)

    if rid in ids:
        raise fail("id", f"duplicate id, first used in {ids[rid]}")
    ids[rid] = file
    for field, table in (("indicator", "indicators"), ("sector", "sectors"), ("geo", "geo")):
        if getattr(c, field) not in cat.ids(table):
            raise fail(field, f"unknown {field} {getattr(c, field)!r} (see datasets/{table}.yml)")
    if c.org is not None and c.org not in cat.ids("organisations"):
        raise fail("org", f"unknown organisation {c.org!r} (see datasets/organisations.yml)")
    if c.entity is not None and c.entity not in cat.ids("entities"):
        raise fail("entity", f"unknown entity {c.entity!r} (see datasets/entities.yml)")
    if c.entity_printed is not None and c.entity is None:
        raise fail("entity_printed", "a printed entity name needs the entity's id in `entity`")
    if c.qualifier is not None and c.qualifier not in QUALIFIERS:
        raise fail("qualifier", f"unknown qualifier {c.qualifier!r}")
    if (c.indicator == OTHER) != (c.other_reason is not None):
        raise fail("other_reason", f"a claim in the `{OTHER}` measure needs `other_reason`, and only such a claim has one")
    printed, hint = c.printed, c.unit
    tail = cat.refines.get(hint.replace(" ", "")) if hint else None
    if tail and printed.rstrip().endswith(tail):
        # the book prints 吨 and the claim says what is weighed (吨二氧化碳): parse the refined unit instead
        printed, hint = printed.rstrip()[: -len(tail)] + hint, None
    try:
        parsed = parse_printed(printed, cat.raw_units, hint)
    except UnitError as exc:
        raise fail("printed" if c.unit is None else "unit", str(exc)) from None
    unit = parsed.unit
    if c.per is not None:
        unit = unit + PER[c.per]
        if unit not in cat.canonical_units:
            raise fail("per", f"{unit!r} is not a canonical unit")
    if not unit:
        raise fail("printed", f"{c.printed!r} prints no unit: give `unit` (e.g. Token, 个)")
    _check_family(c, unit, cat, fail)
    if c.period is not None:
        try:
            period = parse_period(c.period)
        except PeriodError as exc:
            raise fail("period", str(exc)) from None
        year, start, end, label = period.year, period.start, period.end, period.label
    else:
        year = start = end = label = None
    qualifier = QUALIFIERS[c.qualifier] if c.qualifier is not None else parsed.qualifier
    if book is not None:
        if c.line > len(book):
            raise fail("line", f"line {c.line} is past the end of the book ({len(book)} lines)")
        text = book.line(c.line)
        if c.printed not in text:
            raise fail("printed", f"{c.printed!r} does not occur on line {c.line} of the book")
        if book.section_of(c.line) != c.section:
            raise fail("section", f"line {c.line} is in section {book.section_of(c.line)!r}, not {c.section!r}")
        copied = copied_run(c.about_zh, text)
        if copied:
            raise fail("about_zh", f"copies the book's line ({copied!r}…): describe the figure in a few words of your own")
    return {
        "claim_id": rid,
        "indicator_id": c.indicator,
        "sector": c.sector,
        "geo": c.geo,
        "entity_id": c.entity,
        "entity": c.entity_printed,
        "period": label,
        "year": year,
        "period_start": start,
        "period_end": end,
        "value": parsed.value,
        "value_low": parsed.value_low,
        "value_high": parsed.value_high,
        "unit": unit,
        "kind": c.kind,
        "qualifier": qualifier,
        "printed": c.printed,
        "section": c.section,
        "line": c.line,
        "source_org": c.org,
        "about_zh": c.about_zh,
        "about_en": c.about_en,
        "other_reason": c.other_reason,
        "file": file,
    }


def _check_family(c: Claim, unit: str, cat: Catalog, fail) -> None:
    """A claim is in its indicator's unit family, or it is a growth rate (in %, pp or ×) of that indicator."""
    if c.indicator == OTHER:
        return  # the few figures with no comparable peer: any unit, each with its reason
    family = cat.canonical_units[unit]["family"]
    ind = cat.indicator(c.indicator)
    want = cat.canonical_units[ind["unit"]]["family"]
    if c.kind in GROWTH_KINDS:
        if family not in GROWTH_FAMILIES:
            raise fail("kind", f"a growth rate ({c.kind}) is printed in %, percentage points or ×, not in {unit!r}")
        return
    if family != want:
        raise fail("indicator", f"{c.printed!r} is in {unit!r} ({family}); indicator {c.indicator!r} is measured in "
                                f"{ind['unit']!r} ({want}): choose the measure this figure belongs to")


def load_claims(paths: list[Path], cat: Catalog, book: Book | None) -> list[dict]:
    ids: dict[str, str] = {}
    out = []
    for path in paths:
        file = str(path.relative_to(cat.root.parent)) if path.is_relative_to(cat.root.parent) else str(path)
        for rec in records(path, cat.root):
            out.append(normalize_claim(rec, file, cat, book, ids))
    return out

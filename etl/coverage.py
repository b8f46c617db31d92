"""Coverage: every unit-bearing number in the book's body that no claim cites and no not-claim entry explains.

A unit-bearing number is an Arabic number followed (after optional space) by a magnitude and/or a unit the
unit vocabulary knows (亿美元, %, 倍, GW, 家 ...). Dates (2025 年 8 月 14 日), chapter / table / figure
numbers, standard ids and numbers glued to letters (GPT-5.2, Qwen3) are not unit-bearing. Reference
lists, the cover and the table of contents are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from etl.catalog import Catalog
from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.source import Book
from etl.units import MAGNITUDES

BODY_START = 120
_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2}\s*月\s*\d{1,2}\s*日")
_NOT_FIGURES = re.compile(
    r"第\s*\d+|[表图]\s*\d+(?:\.\d+)*|[A-Z]{1,6}(?:/[A-Z]{1,6})?\s*\d+(?:[.\-:]\d+)*(?:-\d{4})?|\d+(?:\.\d+){2,}"
)
_NUMBER = re.compile(r"(?<![A-Za-z0-9.\-/_])\d+(?:,\d{3})*(?:\.\d+)?")
_DATE_UNITS = ("年", "月", "日")


@dataclass(frozen=True)
class Hit:
    line: int
    section: str
    start: int
    end: int
    text: str
    context: str

    @property
    def chapter(self) -> str:
        return self.section.split(".")[0]


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def figure_pattern(units: list[str]) -> re.Pattern:
    mags = "|".join(map(re.escape, _MAGS))
    us = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    return re.compile(rf"(?<![A-Za-z0-9.\-/_])\d+(?:,\d{{3}})*(?:\.\d+)?[ ]?(?P<mag>{mags})?[ ]?(?:余|多)?[ ]?(?P<unit>{us})?")


def unit_bearing(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Spans of unit-bearing numbers on one line of text."""
    masked = _mask(_mask(text, _DATE), _NOT_FIGURES)
    spans = []
    for m in pattern.finditer(masked):
        mag, unit = m.group("mag"), m.group("unit")
        if not mag and not unit:
            continue
        if unit in _DATE_UNITS and not mag:
            continue
        spans.append((m.start(), m.start() + len(m.group(0).rstrip())))
    return spans


_MAGS = sorted((k for k in MAGNITUDES if not k.isascii()), key=len, reverse=True)


def _spans_of(needle: str, hay: str) -> list[tuple[int, int]]:
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = hay.find(needle, i + 1)
    return out


def not_claims(root: Path) -> list[dict]:
    out = []
    for path in sorted((root / "not_claims").glob("*.yml")):
        for rec in records(path, root):
            for f in ("line", "printed", "reason"):
                if rec.get(f) in (None, ""):
                    raise CurationError(f"datasets/not_claims/{path.name}", rec.get(LINE_KEY), f, "required field missing")
            out.append({"line": int(rec["line"]), "printed": str(rec["printed"]), "reason": rec["reason"], "file": path.name})
    return out


def uncovered(book: Book, cat: Catalog, claims: list[dict], skips: list[dict]) -> list[Hit]:
    # one-letter Latin units (s, m, h, x, B, T, W) are too ambiguous to detect figures by; their figures are found
    # through the magnitude or not at all
    pattern = figure_pattern([u for u in cat.raw_units if not (u.isascii() and len(u) == 1 and u.isalpha())])
    cited: dict[int, list[tuple[int, int]]] = {}
    for c in claims:
        cited.setdefault(int(c["line"]), []).extend(_spans_of(c["printed"], book.line(int(c["line"]))))
    for s in skips:
        if s["line"] <= len(book):
            cited.setdefault(s["line"], []).extend(_spans_of(s["printed"], book.line(s["line"])))
    hits = []
    for n in range(BODY_START, len(book) + 1):
        section = book.section_of(n)
        if section == "references" or section != book.section_of(n - 1):
            continue  # reference lists and heading lines
        text = book.line(n)
        for a, b in unit_bearing(text, pattern):
            if any(a < y and x < b for x, y in cited.get(n, [])):
                continue
            hits.append(Hit(n, section, a, b, text[a:b], text[max(0, a - 12): b + 12]))
    return hits


def by_chapter(hits: list[Hit]) -> Counter:
    return Counter(h.chapter for h in hits)

"""Coverage of the book: every unit-bearing number is a claim or explained as not one."""

from __future__ import annotations

import pytest

from etl.catalog import load_catalog
from etl.claims import load_claims
from etl.coverage import figure_pattern, not_claims, uncovered, unit_bearing


@pytest.fixture(scope="module")
def pattern():
    cat = load_catalog()
    return figure_pattern([u for u in cat.raw_units if not (u.isascii() and len(u) == 1 and u.isalpha())])


def _found(text, pattern):
    return [text[a:b] for a, b in unit_bearing(text, pattern)]


def test_detector_finds_figures_with_magnitudes_and_units(pattern):
    text = "2025 年全球 AI 市场总规模约为 3909 亿美元，预计以 30.6% 的年复合增长率增长，超 6000 家企业，945 TWh 与 5 倍"
    assert _found(text, pattern) == ["3909 亿美元", "30.6%", "6000 家企业", "945 TWh", "5 倍"]


def test_detector_ignores_dates_ids_versions_and_table_numbers(pattern):
    text = "2025 年 8 月 14 日，GB/T 45654-2025 与 GPT-5.2、Qwen3 见表 5.1 和第 3 章，ISO 22307:2024"
    assert _found(text, pattern) == []


def test_every_unit_bearing_number_is_a_claim_or_explained(book, datasets_root):
    cat = load_catalog(datasets_root)
    claims = load_claims(sorted((datasets_root / "claims").glob("*.yml")), cat, book)
    hits = uncovered(book, cat, claims, not_claims(datasets_root))
    assert not hits, [f"{h.line} §{h.section} {h.text} …{h.context}…" for h in hits[:20]]


def test_a_figure_left_out_is_reported(book, datasets_root):
    cat = load_catalog(datasets_root)
    claims = load_claims(sorted((datasets_root / "claims").glob("*.yml")), cat, book)
    dropped = next(c for c in claims if c["printed"] == "945 TWh")
    hits = uncovered(book, cat, [c for c in claims if c is not dropped], not_claims(datasets_root))
    assert [(h.line, h.text) for h in hits] == [(dropped["line"], "945 TWh")]


def test_not_claims_quote_their_lines_and_give_reasons(book, datasets_root):
    bad = [(s["file"], s["line"], s["printed"]) for s in not_claims(datasets_root) if s["printed"] not in book.line(s["line"])]
    assert not bad, bad
    assert all(str(s["reason"]).strip() for s in not_claims(datasets_root))

"""The audit: the book checked against itself, on the real build."""

from __future__ import annotations

import pytest

from etl.corrections import load_corrections
from etl.errors import CurationError


def _findings(data, check):
    return data.audit[data.audit["check"] == check]


def test_core_industry_year_conflict_between_preface_and_chapter_is_found(data):
    moved = _findings(data, "same_value_different_year")
    row = moved[moved["claim_ids"].str.contains("c00-0002") & moved["claim_ids"].str.contains("c01-0007")]
    assert len(row) == 1
    assert row["correction"].iloc[0] == "K001"
    assert "2024" in row["explanation_en"].iloc[0] and "2025" in row["explanation_en"].iloc[0]


def test_stated_cagr_is_checked_against_the_printed_levels(data):
    cagr = _findings(data, "cagr_consistency")
    world = cagr[cagr["claim_ids"].str.startswith("c01-0002")]
    assert len(world) == 1
    assert world["observed"].iloc[0] == pytest.approx(30.6)
    assert world["expected"].iloc[0] == pytest.approx(((3.5e12 / 3909e8) ** (1 / 8) - 1) * 100)


def test_every_correction_appears_in_the_audit(data, datasets_root):
    import yaml

    ids = {c["id"] for c in yaml.safe_load((datasets_root / "corrections.yml").read_text(encoding="utf-8")) or []}
    assert ids <= set(data.audit["correction"].dropna())


def test_every_finding_names_existing_claims(data):
    known = set(data.claims["claim_id"])
    for ids in data.audit["claim_ids"]:
        assert set(ids.split(",")) <= known


def test_a_correction_whose_guard_no_longer_matches_the_book_fails(tmp_path, book, data):
    path = tmp_path / "corrections.yml"
    path.write_text(
        "- {id: K9, claim_ids: [c01-0001], status: open, reason_en: x, reason_zh: x, guard: {line: 150, text: 这句话不在书里}}\n",
        encoding="utf-8",
    )
    with pytest.raises(CurationError, match="no longer on line 150"):
        load_corrections(path, set(data.claims["claim_id"]), book)

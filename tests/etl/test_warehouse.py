"""Data tests on the real build: keys, allowed values, relationships, provenance against the book."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from etl.claims import KINDS
from etl.schema import TABLES


def test_every_table_matches_its_contract(built):
    for t in TABLES:
        table = pq.read_table(built / f"{t.name}.parquet")
        assert table.schema.names == [f.name for f in t.fields], t.name
        for f in t.fields:
            if f.required:
                assert table.column(f.name).null_count == 0, f"{t.name}.{f.name}"


def test_claim_ids_unique_and_not_null(data):
    ids = data.claims["claim_id"]
    assert ids.notna().all() and ids.is_unique


def test_claims_reference_existing_catalogue_entries(data):
    c = data.claims
    assert set(c["indicator_id"]) <= set(data.indicators["indicator_id"])
    assert set(c["sector"]) <= set(data.sectors["sector"])
    assert set(c["unit"]) <= set(data.units["unit"])
    assert set(c["geo"]) <= set(data.geo["geo"])
    assert set(c["source_org"].dropna()) <= set(data.sources["org_id"])
    assert set(c["kind"]) <= set(KINDS)


def test_ranges_hold_low_below_high_and_value_at_low(data):
    r = data.claims.dropna(subset=["value_low", "value_high"])
    assert (r["value_low"] <= r["value_high"]).all()
    assert (r["value"] == r["value_low"]).all()


def test_periods_are_consistent(data):
    c = data.claims.dropna(subset=["period"])
    assert (c["period_start"] <= c["period_end"]).all()
    assert (c["year"] == pd.to_datetime(c["period_end"]).dt.year).all()


def test_catalogue_counts_add_up(data):
    assert data.indicators["n_claims"].sum() == len(data.claims)
    assert data.sectors["n_claims"].sum() == len(data.claims)


def test_every_claim_is_printed_on_its_line_in_its_section(data, book):
    bad = []
    for c in data.claims.itertuples():
        text = book.line(int(c.line))
        if c.printed not in text or book.section_of(int(c.line)) != c.section:
            bad.append((c.claim_id, c.line, c.printed, c.section, book.section_of(int(c.line))))
    assert not bad, bad[:10]


def test_no_claim_cites_a_reference_list_or_the_table_of_contents(data, book):
    c = data.claims
    assert (c["line"] >= 120).all()
    assert not c["section"].eq("references").any()


def test_every_event_title_is_on_its_line(data, book):
    bad = [(e.event_id, e.line) for e in data.events.itertuples() if e.title not in book.line(int(e.line))]
    assert not bad, bad[:10]


def test_datapackage_describes_every_table_and_the_source(built, book):
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in pkg["resources"]] == [t.name for t in TABLES]
    assert pkg["sources"][0]["sha256"] == book.sha256
    for res in pkg["resources"]:
        assert (built / res["path"]).exists()
        for f in res["schema"]["fields"]:
            assert f["type"] in {"string", "integer", "number", "date", "boolean"} and f["description"]

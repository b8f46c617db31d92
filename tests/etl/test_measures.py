"""The measure layer on the real data: comparable figures are a fact of the warehouse, in both languages.

These are data tests (dbt style) on the session's build of datasets/: each names a rule of the measures issue and
checks it on every row, plus the known errors that were fixed, by claim id and value.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

CJK = re.compile(r"[\u3400-\u9fff]")
GROWTH = ("cagr", "yoy", "growth")


@pytest.fixture(scope="module")
def t(data):
    return data


def test_every_indicator_is_one_measure_in_one_unit_family(t):
    fam = t.units.set_index("unit")["family"]
    c = t.claims[~t.claims["kind"].isin(GROWTH) & (t.claims["indicator_id"] != "other")]
    families = c.assign(f=c["unit"].map(fam)).groupby("indicator_id")["f"].nunique()
    assert families.max() == 1, families[families > 1].to_dict()
    ind = t.indicators.set_index("indicator_id")
    for _, row in c.iterrows():
        assert fam[row["unit"]] == ind.loc[row["indicator_id"], "unit_family"], row["claim_id"]


def test_growth_rates_are_printed_as_ratios_of_their_measure(t):
    fam = t.units.set_index("unit")["family"]
    g = t.claims[t.claims["kind"].isin(GROWTH)]
    assert len(g) >= 20
    assert set(g["unit"].map(fam)) <= {"percent", "percentage_points", "multiple"}
    assert "growth_rate" not in set(t.indicators["indicator_id"])


def test_no_catch_all_buckets_and_at_most_five_percent_in_other(t):
    ids = set(t.indicators["indicator_id"])
    for bucket in ("other_count", "share", "performance_metric", "duration", "market_size", "efficiency_gain__multiple"):
        assert bucket not in ids
    other = t.claims[t.claims["indicator_id"] == "other"]
    assert len(other) <= 0.05 * len(t.claims)
    assert other["other_reason"].str.len().min() > 10
    assert t.claims.loc[t.claims["indicator_id"] != "other", "other_reason"].isna().all()


def test_every_measure_and_catalogue_entry_has_both_languages(t):
    for table, cols in (("indicators", ("name_zh", "name_en", "definition_zh", "definition_en")),
                        ("sectors", ("name_zh", "name_en")), ("units", ("name_zh", "name_en")), ("geo", ("name_zh", "name_en")),
                        ("sources", ("name_zh", "name_en")), ("entities", ("name_zh", "name_en"))):
        df = getattr(t, table)
        for col in cols:
            assert df[col].notna().all() and (df[col].str.strip() != "").all(), (table, col)
        for col in (c for c in cols if c.endswith("_en")):
            bad = df[df[col].str.contains(CJK)]
            assert bad.empty, (table, col, bad[col].tolist()[:3])


def test_every_claim_is_described_in_both_languages_and_english_names_are_english(t):
    c = t.claims
    assert c["about_zh"].str.strip().ne("").all() and c["about_en"].str.strip().ne("").all()
    assert not c["about_en"].str.contains(CJK).any()
    assert CJK.search(" ".join(c["about_zh"]))  # Chinese descriptions are Chinese
    names = t.entities.set_index("entity_id")["name_en"]
    assert names["google"] == "Google" and names["microsoft"] == "Microsoft" and names["amazon"] == "Amazon"


def test_one_entity_whatever_the_spelling(t):
    c = t.claims
    assert set(c.loc[c["entity"].isin(["o3", "OpenAI o3"]), "entity_id"]) == {"openai_o3"}
    unitree = c[c["entity"].fillna("").str.contains("宇树科技|Unitree")]
    assert len(unitree) >= 2 and set(unitree["entity_id"]) == {"unitree"}
    assert c["entity_id"].notna().sum() > 300


def test_a_leaderboard_places_every_row_by_its_entrants_home_country(t):
    c = t.claims[t.claims["indicator_id"].str.startswith("dabstep_")]
    home = t.entities.set_index("entity_id")["geo"]
    assert len(c) == 16
    assert (c["geo"] == c["entity_id"].map(home)).all()
    assert set(c["geo"]) >= {"US", "CN"} and "WORLD" not in set(c["geo"])


def test_comparable_groups_hold_one_measure_unit_and_basis(t):
    g = t.comparable_groups
    assert len(g) >= 49
    claims = t.claims.set_index("claim_id")
    for _, row in g.iterrows():
        members = claims.loc[row["claim_ids"].split(",")]
        assert set(members["indicator_id"]) == {row["indicator_id"]} and set(members["unit"]) == {row["unit"]}
        assert members["kind"].isin(GROWTH).all() == (row["basis"] == "growth")
        assert len(members) == row["n_claims"] >= 2
    named = {"dabstep_accuracy_easy", "ai_chip_market_share_china", "humanoid_robot_price"}
    assert named <= set(g["indicator_id"])


def test_every_chart_draws_one_measure_in_one_unit(t):
    pts = t.chart_points.merge(t.charts[["chart_id", "type"]], on="chart_id")
    for cid, g in pts[pts["type"] != "card"].groupby("chart_id"):
        assert g["indicator_id"].nunique() == 1 and g["unit"].nunique() == 1, cid
        assert g["kind"].isin(GROWTH).nunique() == 1, cid
    assert set(t.chart_points["chart_id"]) == set(t.charts["chart_id"])


def test_openrouter_share_is_derived_from_the_two_printed_weekly_volumes(t):
    p = t.chart_points[t.chart_points["chart_id"] == "overview-openrouter-share"].set_index("series_id")
    assert p.loc["cn", "value"] == pytest.approx(4.12 / (4.12 + 2.94) * 100)
    assert p.loc["us", "value"] == pytest.approx(2.94 / (4.12 + 2.94) * 100)
    assert p["derived"].all() and p["printed"].isna().all() and (p["kind"] == "derived").all()
    assert p.loc["cn", "period"] == "2026-02-09/2026-02-15"
    assert "4.12 万亿 Token" in p.loc["cn", "method"] and set(p.loc["cn", "claim_ids"].split(",")) == {"c02-0015", "c02-0016"}


def test_a_projected_point_carries_its_method_and_no_printed_text(t):
    p = t.chart_points[(t.chart_points["chart_id"] == "overview-market") & (t.chart_points["period"] == "2030")]
    derived = p[p["derived"]].iloc[0]
    assert pd.isna(derived["printed"]) and derived["kind"] == "derived"
    assert derived["value"] == pytest.approx(3909e8 * 1.306 ** 5)
    assert "30.6%" in derived["method"] and "3909 亿美元" in derived["method"]


def test_cards_show_the_claim_they_declare(t):
    p = t.chart_points.set_index(["chart_id", "series_id"])
    assert p.loc[("card-h1-financing", "main"), "printed"] == "381 亿美元"
    assert p.loc[("card-h1-financing", "main"), "geo"] == "US"
    assert p.loc[("card-h1-financing", "compare"), "geo"] == "CN"


def test_events_count_events_not_mentions(t):
    ev, m = t.events, t.event_mentions
    assert len(ev) < len(m) and len(m) == 178
    std = ev[ev["title"] == "GB/T 45087-2024"].iloc[0]
    assert std["n_mentions"] == 5 and (m["event_id"] == std["event_id"]).sum() == 5
    assert set(m["event_id"]) <= set(ev["event_id"])
    assert ev["title_en"].notna().all() and not ev["title_en"].str.contains(CJK).any()
    assert ev.loc[ev["body"].notna(), "body_en"].notna().all()


def test_law_kinds_tell_an_enacted_law_from_a_bill_draft_or_plan_item(t):
    kinds = t.events.set_index("event_id")["kind"]
    assert kinds["e08-0049"] == "legislative_plan"
    assert {"bill", "draft", "legislative_plan"} <= set(kinds)
    assert (kinds == "law").sum() <= 7


def test_provincial_standards_carry_their_province(t):
    ev = t.events
    assert set(ev.loc[ev["title"].str.startswith("DB31"), "jurisdiction"]) == {"CN-SH"}
    assert set(ev.loc[ev["title"].str.startswith("DB44"), "jurisdiction"]) == {"CN-GD"}


def test_the_known_errors_are_fixed(t):
    c = t.claims.set_index("claim_id")
    assert c.loc["c01-0042", "indicator_id"] != "capex"
    assert c.loc["c01-0037", "unit"] == "USD/Mtok" and c.loc["c01-0037", "value"] == pytest.approx(0.06)
    assert c.loc["c06-0013", "unit"] == "W" and c.loc["c06-0013", "value"] == pytest.approx(20.2e9)
    assert c.loc["c07_4-0019", "unit"] == "tCO2" and c.loc["c07_4-0019", "value"] == pytest.approx(36e8)
    assert c.loc["c06-0022", "period"] == "2025-06"
    for kept, gone, low, high in (("c07_4-0021", "c07_4-0022", 1e6, 1.5e6), ("c07_5-0043", "c07_5-0044", 2000 / 3600, 5000 / 3600)):
        assert gone not in c.index
        assert (c.loc[kept, "value_low"], c.loc[kept, "value_high"]) == (pytest.approx(low), pytest.approx(high))
    assert c.loc["c01-0032", "indicator_id"] == c.loc["c07_1-0020", "indicator_id"]


def test_the_standards_contradiction_is_in_the_audit(t):
    a = t.audit
    row = a[a["correction"] == "K004"]
    assert len(row) == 1 and set(row.iloc[0]["claim_ids"].split(",")) == {"c10-0002", "c10-0006"}


@pytest.mark.usefixtures("book")
def test_an_estimate_is_one_the_book_marks_as_such(t, book):
    """The kind rule: 约 / 近 / 超 are qualifiers; a figure is an estimate only where its line says so."""
    marks = ("预计", "估计", "预估", "测算", "预测", "估算", "有望", "将")
    for _, r in t.claims[t.claims["kind"] == "estimate"].iterrows():
        assert any(m in book.line(int(r["line"])) for m in marks), (r["claim_id"], r["printed"])


def test_the_datapackage_passes_the_frictionless_validator(built):
    from frictionless import Package

    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]

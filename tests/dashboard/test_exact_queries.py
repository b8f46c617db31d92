"""The pages' questions of the tables (dashboard/queries.py) on a hand-written warehouse of a few rows: the year filter
on undated claims, the joined names in each language, a chart's points in position order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import Data
from dashboard.queries import chart_points, chart_spec, claim_details, filter_claims, page_chart_specs
from tests.claim_rows import claim, claims

CLAIMS = claims(
    claim("c2020", 1e9, "10 亿美元", period="2020", entity="Foo Ltd"),
    claim("c2025", 2e9, "20 亿美元", period="2025", sector="energy", geo="CN", kind="forecast"),
    claim("cnone", 3e9, "30 亿美元", period=None, sector="energy", indicator_id="ai_users", entity_id="e1", entity="Acme Inc"),
    claim("c2030", 4e9, "40 亿美元", period="2030", geo="US", kind="target", source_org="idc"),
).assign(category=["market", "market", "adoption", "market"])


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["claim_id"])


# -- filter_claims ----------------------------------------------------------------------------------------------------
def test_no_filter_keeps_every_claim_in_order():
    assert ids(filter_claims(CLAIMS)) == ["c2020", "c2025", "cnone", "c2030"]
    assert ids(filter_claims(CLAIMS, sectors=[], geos=[], categories=[], kinds=[], indicators=[], years=None)) == \
        ["c2020", "c2025", "cnone", "c2030"]


def test_a_year_filter_keeps_its_ends_and_the_undated_claims():
    assert ids(filter_claims(CLAIMS, years=(2020, 2025))) == ["c2020", "c2025", "cnone"]
    assert ids(filter_claims(CLAIMS, years=(2021, 2029))) == ["c2025", "cnone"]
    assert ids(filter_claims(CLAIMS, years=(2025, 2030))) == ["c2025", "cnone", "c2030"]


def test_an_undated_claim_can_be_left_out_with_or_without_a_year_filter():
    assert ids(filter_claims(CLAIMS, years=(2020, 2025), include_undated=False)) == ["c2020", "c2025"]
    assert ids(filter_claims(CLAIMS, include_undated=False)) == ["c2020", "c2025", "c2030"]


@pytest.mark.parametrize(("kw", "expected"), [
    ({"sectors": ["energy"]}, ["c2025", "cnone"]),
    ({"geos": ["CN", "US"]}, ["c2025", "c2030"]),
    ({"categories": ["adoption"]}, ["cnone"]),
    ({"kinds": ["target", "forecast"]}, ["c2025", "c2030"]),
    ({"indicators": ["ai_users"]}, ["cnone"]),
    ({"sectors": ["energy"], "kinds": ["forecast"]}, ["c2025"]),
    ({"sectors": ["energy"], "years": (2026, 2040)}, ["cnone"]),
    ({"sectors": ["energy"], "kinds": ["actual"]}, ["cnone"]),
    ({"sectors": ["energy"], "include_undated": False}, ["c2025"]),
    ({"sectors": ["nope"]}, []),
])
def test_each_filter_keeps_the_claims_matching_it(kw, expected):
    assert ids(filter_claims(CLAIMS, **kw)) == expected


# -- a warehouse of a few rows ----------------------------------------------------------------------------------------
def warehouse() -> Data:
    tables = {
        "claims": CLAIMS.drop(columns="category"),
        "sources": pd.DataFrame({"org_id": ["idc"], "name_zh": ["国际数据公司"], "name_en": ["IDC"]}),
        "entities": pd.DataFrame({"entity_id": ["e1"], "name_zh": ["某公司"], "name_en": ["Acme"]}),
        "indicators": pd.DataFrame({"indicator_id": ["ai_market_size", "ai_users"], "name_zh": ["市场规模", "用户数"],
                                    "name_en": ["Market size", "Users"], "category": ["market", "adoption"]}),
        "sectors": pd.DataFrame({"sector": ["ai_apps", "energy"], "name_zh": ["应用", "能源"], "name_en": ["Apps", "Energy"]}),
        "geo": pd.DataFrame({"geo": ["WORLD", "CN", "US"], "name_zh": ["全球", "中国", "美国"], "name_en": ["World", "China", "US"]}),
        "charts": pd.DataFrame({"chart_id": ["b", "a", "c"], "page": ["overview", "overview", "sectors"], "position": [2, 1, 1],
                                "type": ["line", "bar", "line"]}),
        "chart_points": pd.DataFrame({
            "chart_id": ["a", "a", "b"], "position": [2, 1, 1], "series_zh": ["乙", "甲", "丙"], "series_en": ["B", "A", "C"],
            "label_zh": ["标乙", "标甲", "标丙"], "label_en": ["lb", "la", "lc"], "claim_ids": ["c2025,c2030", "c2020", "cnone"],
            "source_org": [None, "idc", None]}),
    }
    return Data(Path("."), {"data_hash": "0" * 64, "built_at": "2026-12-01T00:00:00"}, tables)


def test_claim_details_join_the_names_in_the_chosen_language():
    d = warehouse()
    en = claim_details(d, "en").set_index("claim_id")
    assert list(en.index) == ["c2020", "c2025", "cnone", "c2030"]
    assert en.loc["c2030", "org_name"] == "IDC" and pd.isna(en.loc["c2020", "org_name"])
    assert list(en["indicator_name"]) == ["Market size", "Market size", "Users", "Market size"]
    assert list(en["category"]) == ["market", "market", "adoption", "market"]
    assert list(en["sector_name"]) == ["Apps", "Energy", "Energy", "Apps"]
    assert list(en["geo_name"]) == ["World", "China", "World", "US"]
    assert en.loc["cnone", "entity_name"] == "Acme" and en.loc["cnone", "entity"] == "Acme"  # the catalogue's name
    assert en.loc["cnone", "entity_printed"] == "Acme Inc"  # as the book prints it
    assert en.loc["c2020", "entity"] == "Foo Ltd"  # not in the catalogue: as printed
    assert list(en["about"]) == ["Market size"] * 4
    zh = claim_details(d, "zh").set_index("claim_id")
    assert zh.loc["c2030", "org_name"] == "国际数据公司" and zh.loc["cnone", "entity"] == "某公司"
    assert list(zh["sector_name"]) == ["应用", "能源", "能源", "应用"] and zh.loc["c2025", "geo_name"] == "中国"
    assert list(zh["about"]) == ["市场规模"] * 4
    assert claim_details(d, "fr").equals(claim_details(d, "zh"))  # an unknown language is the default, Chinese


def test_claim_details_are_computed_once_per_language():
    d = warehouse()
    assert claim_details(d, "en") is claim_details(d, "en")
    assert claim_details(d, "en") is not claim_details(d, "zh")


def test_chart_declarations_by_id_and_by_page_in_position_order():
    d = warehouse()
    assert chart_spec(d, "b")["type"] == "line" and chart_spec(d, "b")["chart_id"] == "b"
    with pytest.raises(KeyError):
        chart_spec(d, "nope")
    assert list(page_chart_specs(d, "overview")["chart_id"]) == ["a", "b"]
    assert list(page_chart_specs(d, "sectors")["chart_id"]) == ["c"]
    assert page_chart_specs(d, "policy").empty


def test_chart_points_in_position_order_with_their_first_claim_and_names():
    d = warehouse()
    en = chart_points(d, "a", "en")
    assert list(en["trace"]) == ["A", "B"] and list(en["name"]) == ["A", "B"] and list(en["label"]) == ["la", "lb"]
    assert list(en["claim_id"]) == ["c2020", "c2025"]
    assert en["org_name"].iloc[0] == "IDC" and pd.isna(en["org_name"].iloc[1])
    zh = chart_points(d, "a", "zh")
    assert list(zh["trace"]) == ["甲", "乙"] and list(zh["label"]) == ["标甲", "标乙"] and zh["org_name"].iloc[0] == "国际数据公司"
    assert list(chart_points(d, "b", "en")["claim_id"]) == ["cnone"]
    assert chart_points(d, "a", "xx").equals(zh)
    assert chart_points(d, "a", "en") is en  # memoized

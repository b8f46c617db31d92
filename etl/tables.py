"""Curated records -> DataFrames in the column order of the table contract."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from etl.catalog import Catalog
from etl.schema import CLAIMS, ENTITIES, EVENT_MENTIONS, EVENTS, GEO, INDICATORS, SECTORS, SOURCES, UNITS, Table


def frame(table: Table, rows: list[dict]) -> pd.DataFrame:
    cols = [f.name for f in table.fields]
    df = pd.DataFrame(rows, columns=cols)
    for f in table.fields:
        if f.type == "date":
            df[f.name] = pd.to_datetime(df[f.name]).dt.date
        elif f.type == "integer":
            df[f.name] = df[f.name].astype("Int64")
        elif f.type == "number":
            df[f.name] = df[f.name].astype("float64")
        elif f.type == "boolean":
            df[f.name] = df[f.name].astype("bool")
        else:
            df[f.name] = df[f.name].astype(object).where(df[f.name].notna(), None)
    return df


def claims_frame(claims: list[dict]) -> pd.DataFrame:
    return frame(CLAIMS, claims)


def events_frame(events: list[dict]) -> pd.DataFrame:
    return frame(EVENTS, events)


def mentions_frame(mentions: list[dict]) -> pd.DataFrame:
    return frame(EVENT_MENTIONS, mentions)


def catalogue_frames(cat: Catalog, claims: list[dict]) -> dict[str, pd.DataFrame]:
    by_ind = Counter(c["indicator_id"] for c in claims)
    by_sector = Counter(c["sector"] for c in claims)
    by_org = Counter(c["source_org"] for c in claims if c["source_org"])
    by_entity = Counter(c["entity_id"] for c in claims if c["entity_id"])
    raw_by_unit: dict[str, list[str]] = {}
    for text, (unit, factor) in cat.raw_units.items():
        raw_by_unit.setdefault(unit, []).append(f"{text}×{factor:g}" if factor != 1 else text)
    return {
        "indicators": frame(
            INDICATORS,
            [
                {
                    "indicator_id": i["id"],
                    "category": i["category"],
                    "unit": i["unit"],
                    "unit_family": cat.canonical_units[i["unit"]]["family"],
                    "name_zh": i["name_zh"],
                    "name_en": i["name_en"],
                    "definition_zh": i["definition_zh"],
                    "definition_en": i["definition_en"],
                    "derived_only": i["derived_only"],
                    "n_claims": by_ind.get(i["id"], 0),
                }
                for i in cat.indicators
            ],
        ),
        "sectors": frame(
            SECTORS,
            [
                {
                    "sector": s["id"],
                    "group": s["group"],
                    "name_zh": s["name_zh"],
                    "name_en": s["name_en"],
                    "sections": ",".join(s.get("sections") or []),
                    "n_claims": by_sector.get(s["id"], 0),
                }
                for s in cat.sectors
            ],
        ),
        "sources": frame(
            SOURCES,
            [
                {
                    "org_id": o["id"],
                    "name_zh": o["name_zh"],
                    "name_en": o["name_en"],
                    "kind": o["kind"],
                    "n_claims": by_org.get(o["id"], 0),
                }
                for o in cat.organisations
            ],
        ),
        "units": frame(
            UNITS,
            [
                {
                    "unit": u,
                    "family": spec["family"],
                    "name_zh": spec["name_zh"],
                    "name_en": spec["name_en"],
                    "raw_forms": " ".join(sorted(raw_by_unit.get(u, []))) or None,
                }
                for u, spec in cat.canonical_units.items()
            ],
        ),
        "geo": frame(GEO, [{"geo": g["id"], "name_zh": g["name_zh"], "name_en": g["name_en"]} for g in cat.geo]),
        "entities": frame(
            ENTITIES,
            [
                {"entity_id": e["id"], "name_zh": e["name_zh"], "name_en": e["name_en"], "kind": e["kind"], "geo": e["geo"],
                 "n_claims": by_entity.get(e["id"], 0)}
                for e in cat.entities
            ],
        ),
    }

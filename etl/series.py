"""Chartable series assembled from claims, as configured in datasets/series.yml.

A series selects claims by column values, plots each at its period's end, keeps one claim per
(date, label) -- the one in the most specific section, so the preface's repetitions give way to the
chapter that sources them -- and may add a projection from a stated CAGR, marked derived.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from etl.errors import CurationError
from etl.schema import SERIES
from etl.tables import frame

LEVEL_KINDS = ("actual", "estimate", "forecast", "target")


def _select(claims: pd.DataFrame, where: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=claims.index)
    for col, want in where.items():
        if col not in claims.columns:
            raise CurationError("datasets/series.yml", None, "where", f"unknown claims column {col!r}")
        wanted = want if isinstance(want, list) else [want]
        mask &= claims[col].isin(wanted)
    return claims[mask]


def _preference(df: pd.DataFrame) -> pd.DataFrame:
    # chapters before the preface / afterword; then the earliest line
    rank = df["section"].isin(["序言", "后记"]).astype(int)
    return df.assign(_rank=rank).sort_values(["_rank", "line"]).drop(columns="_rank")


def build_series(claims: pd.DataFrame, specs: list[dict], labels: dict[str, dict] | None = None) -> pd.DataFrame:
    rows: list[dict] = []
    labels = labels or {}
    for spec in specs:
        sel = _select(claims, spec["where"])
        sel = sel[sel["kind"].isin(spec.get("kinds", LEVEL_KINDS)) & sel["period_end"].notna()]
        label_col = spec.get("label")
        seen: set[tuple] = set()
        for _, c in _preference(sel).iterrows():
            raw_label = c[label_col] if label_col else None
            key = (c["period_end"], raw_label)
            if key in seen:
                continue
            seen.add(key)
            names = labels.get(raw_label, {}) if raw_label else {}
            rows.append(
                {
                    "series_id": spec["id"],
                    "name_zh": spec["name_zh"],
                    "name_en": spec["name_en"],
                    "group": spec["group"],
                    "geo": spec["geo"],
                    "label_zh": names.get("zh", raw_label),
                    "label_en": names.get("en", raw_label),
                    "date": c["period_end"],
                    "period": c["period"],
                    "value": c["value"],
                    "unit": c["unit"],
                    "kind": c["kind"],
                    "derived": False,
                    "claim_id": c["claim_id"],
                    "method": None,
                }
            )
        if "project" in spec:
            rows += _projection(claims, spec, sel)
    df = frame(SERIES, rows)
    return df.sort_values(["series_id", "label_en", "date"], na_position="first").reset_index(drop=True)


def _projection(claims: pd.DataFrame, spec: dict, levels: pd.DataFrame) -> list[dict]:
    p = spec["project"]
    a, b = int(p["from_year"]), int(p["to_year"])
    cagr = _select(claims, spec["where"])
    cagr = _preference(cagr[(cagr["kind"] == "cagr") & (cagr["period"] == f"{a}/{b}") & (cagr["unit"] == "%")])
    base = levels[(levels["year"] == a) & (levels["period"] == str(a))]
    if cagr.empty or base.empty:
        raise CurationError(
            "datasets/series.yml", None, "project", f"series {spec['id']}: no CAGR claim {a}/{b} or no {a} level to project from"
        )
    r, c0 = cagr.iloc[0], _preference(base).iloc[0]
    out = []
    for year in range(a, b + 1):
        out.append(
            {
                "series_id": spec["id"] + "_projected",
                "name_zh": spec["name_zh"] + "（按年复合增长率推算）",
                "name_en": spec["name_en"] + " (projected from CAGR)",
                "group": spec["group"],
                "geo": spec["geo"],
                "label_zh": None,
                "label_en": None,
                "date": date(year, 12, 31),
                "period": str(year),
                "value": c0["value"] * (1 + r["value"] / 100) ** (year - a),
                "unit": c0["unit"],
                "kind": "derived" if year != a else c0["kind"],
                "derived": year != a,
                "claim_id": f"{c0['claim_id']},{r['claim_id']}",
                "method": f"{c0['printed']} ({a}) × (1 + {r['printed']})^(year − {a})",
            }
        )
    return out

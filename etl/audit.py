"""The book checked against itself.

Checks: a stated CAGR against the one implied by the printed levels; one indicator and period given
different values; one value given for different years; shares that should not exceed 100 %; and
figures repeated in several places (linked, for information). Each finding names the claims involved.
"""

from __future__ import annotations

import pandas as pd

from etl.schema import AUDIT
from etl.tables import frame

LEVEL = ("actual", "estimate", "forecast", "target")
_KEY = ["indicator_id", "geo", "entity_key", "unit"]


_SECTION_EN = {"序言": "Preface", "后记": "Afterword"}


def _fmt(c: pd.Series, lang: str = "en") -> str:
    """'c01-0006 (1829.7 亿美元, 2033, §1.1.1 line 150)' / 'c01-0006（1829.7 亿美元，2033，§1.1.1 第 150 行）'."""
    section = str(c["section"])
    if lang == "zh":
        where = section if section in _SECTION_EN else f"§{section}"
        return f"{c['claim_id']}（{c['printed']}，{c['period'] or '未注明时期'}，{where} 第 {c['line']} 行）"
    where = _SECTION_EN.get(section, f"§{section}")
    return f"{c['claim_id']} ({c['printed']}, {c['period'] or 'no period'}, {where} line {c['line']})"


def _cagr(claims: pd.DataFrame) -> list[dict]:
    out = []
    levels = claims[claims["kind"].isin(LEVEL)]
    # the levels a CAGR is checked against are printed beside it: same indicator, place, entity and section
    groups = levels.groupby(["indicator_id", "geo", "entity_key", "section"], dropna=False).indices
    for _, r in claims[(claims["kind"] == "cagr") & claims["period"].str.contains("/", na=False)].iterrows():
        a, b = (int(x) for x in r["period"].split("/"))
        idx = groups.get((r["indicator_id"], r["geo"], r["entity_key"], r["section"]))
        if idx is None:
            continue
        same = levels.iloc[idx]
        on_line = same[same["line"] == r["line"]]
        if (on_line["period"] == str(a)).any() and (on_line["period"] == str(b)).any():
            same = on_line  # a sentence giving a CAGR with its two levels is the strongest pairing
        start = same[same["period"] == str(a)]
        end = same[same["period"] == str(b)]
        if start.empty or end.empty:
            continue
        s, e = start.iloc[0], end.iloc[0]
        if s["unit"] != e["unit"] or s["value"] <= 0:
            continue
        implied = ((e["value"] / s["value"]) ** (1 / (b - a)) - 1) * 100
        diff = implied - r["value"]
        sev = "info" if abs(diff) < 0.5 else "warning" if abs(diff) < 3 else "error"
        out.append(
            {
                "check": "cagr_consistency",
                "severity": sev,
                "indicator_id": r["indicator_id"],
                "claim_ids": ",".join([r["claim_id"], s["claim_id"], e["claim_id"]]),
                "explanation_en": (
                    f"Stated CAGR {r['printed']} for {a}-{b}; the printed levels {s['printed']} ({a}) and "
                    f"{e['printed']} ({b}) imply {implied:.1f}% a year ({diff:+.1f} points)."
                ),
                "explanation_zh": (
                    f"书中年复合增长率为 {r['printed']}（{a}—{b} 年）；按 {a} 年 {s['printed']} 与 {b} 年 {e['printed']} "
                    f"推算为每年 {implied:.1f}%（相差 {diff:+.1f} 个百分点）。"
                ),
                "expected": implied,
                "observed": r["value"],
            }
        )
    return out


def _conflicts(claims: pd.DataFrame) -> list[dict]:
    out = []
    levels = claims[claims["kind"].isin(LEVEL) & claims["period"].notna()]
    levels = levels[levels.duplicated([*_KEY, "period"], keep=False)]  # only keys printed more than once
    for _, g in levels.groupby([*_KEY, "period"], dropna=False):
        # two values in one section are usually two different things; across sections, the same thing twice
        if g["value"].nunique() < 2 or g["section"].nunique() < 2:
            continue
        vals = g.drop_duplicates("value")
        hi, lo = vals["value"].max(), vals["value"].min()
        if lo > 0 and hi / lo < 1.005:
            continue
        out.append(
            {
                "check": "conflicting_values",
                "severity": "warning",
                "indicator_id": g["indicator_id"].iloc[0],
                "claim_ids": ",".join(g["claim_id"]),
                "explanation_en": "Same indicator, place and period printed with different values: "
                + "; ".join(_fmt(c) for _, c in vals.iterrows()),
                "explanation_zh": "同一指标、地区和时期在书中给出不同数值：" + "；".join(_fmt(c, "zh") for _, c in vals.iterrows()),
                "expected": None,
                "observed": None,
            }
        )
    return out


def _moved_years(claims: pd.DataFrame) -> list[dict]:
    out = []
    levels = claims[claims["kind"].isin(LEVEL) & claims["year"].notna()]
    levels = levels[levels.duplicated([*_KEY, "value"], keep=False)]
    for _, g in levels.groupby([*_KEY, "value"], dropna=False):
        if g["year"].nunique() < 2 or g["section"].nunique() < 2:
            continue
        pairs = g.drop_duplicates("year")
        out.append(
            {
                "check": "same_value_different_year",
                "severity": "warning",
                "indicator_id": g["indicator_id"].iloc[0],
                "claim_ids": ",".join(g["claim_id"]),
                "explanation_en": "The same figure is given for different years: " + "; ".join(_fmt(c) for _, c in pairs.iterrows()),
                "explanation_zh": "同一数值在书中对应不同年份：" + "；".join(_fmt(c, "zh") for _, c in pairs.iterrows()),
                "expected": None,
                "observed": float(g["value"].iloc[0]),
            }
        )
    return out


def _shares(claims: pd.DataFrame, share_indicators: tuple[str, ...]) -> list[dict]:
    out = []
    s = claims[claims["indicator_id"].isin(share_indicators) & (claims["unit"] == "%") & claims["kind"].isin(LEVEL)]
    s = s[s["period"].notna() & s["entity"].notna()]
    for (ind, geo, period), g in s.groupby(["indicator_id", "geo", "period"]):
        g = g.drop_duplicates("entity")
        if len(g) < 2:
            continue
        total = g["value"].sum()
        if total <= 100.5:
            continue
        out.append(
            {
                "check": "shares_exceed_100",
                "severity": "error",
                "indicator_id": ind,
                "claim_ids": ",".join(g["claim_id"]),
                "explanation_en": f"Shares of {ind} in {geo}, {period} add up to {total:.1f}%: " + "; ".join(_fmt(c) for _, c in g.iterrows()),
                "explanation_zh": f"{geo} {period} 的 {ind} 各项占比合计 {total:.1f}%：" + "；".join(_fmt(c, "zh") for _, c in g.iterrows()),
                "expected": 100.0,
                "observed": total,
            }
        )
    return out


def _repeats(claims: pd.DataFrame) -> list[dict]:
    out = []
    keys = [*_KEY, "period", "kind", "value"]
    for _, g in claims[claims.duplicated(keys, keep=False)].groupby(keys, dropna=False):
        if g["section"].nunique() < 2:
            continue
        out.append(
            {
                "check": "repeated_figure",
                "severity": "info",
                "indicator_id": g["indicator_id"].iloc[0],
                "claim_ids": ",".join(g["claim_id"]),
                "explanation_en": "The same figure appears in several places: " + "; ".join(_fmt(c) for _, c in g.iterrows()),
                "explanation_zh": "同一数字在书中多处出现：" + "；".join(_fmt(c, "zh") for _, c in g.iterrows()),
                "expected": None,
                "observed": float(g["value"].iloc[0]),
            }
        )
    return out


def build_audit(claims: pd.DataFrame, corrections: list[dict], share_indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    if share_indicators is None:  # shares of one whole: the market-share measures
        share_indicators = tuple(sorted(i for i in set(claims["indicator_id"]) if "market_share" in i))
    c = claims.assign(entity_key=claims["entity"].fillna(""))
    findings = _cagr(c) + _conflicts(c) + _moved_years(c) + _shares(c, share_indicators) + _repeats(c)
    linked: set[str] = set()
    rows = []
    for f in findings:
        ids = set(f["claim_ids"].split(","))
        corr = next((x["id"] for x in corrections if len(ids & set(x["claim_ids"])) >= min(2, len(ids))), None)
        if corr:
            linked.add(corr)
        rows.append({**f, "correction": corr})
    for x in corrections:
        if x["id"] not in linked:  # a known error no automatic check detects still belongs in the audit
            rows.append({"check": "recorded_correction", "severity": "warning", "indicator_id": None, "claim_ids": ",".join(x["claim_ids"]),
                         "explanation_en": " ".join(x["reason_en"].split()), "explanation_zh": x["reason_zh"], "expected": None,
                         "observed": None, "correction": x["id"]})
    return frame(AUDIT, [{"check_id": f"A{i:04d}", **r} for i, r in enumerate(rows, start=1)])


"""Charts declared in data: datasets/charts.yml -> the `charts` and `chart_points` tables.

Every card and chart of the dashboard is declared once, with the claims or selection it draws. The build
resolves each declaration to points and rejects what would mislead: a chart mixing measures, units or bases
(levels with growth rates), a card whose selection is not exactly one claim, two different printed values for
one point, a reference to a chart, claim or measure nothing defines. Derived points (a CAGR path, a share
computed from two volumes) say so, carry their method and no "as printed" text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from etl.errors import CurationError
from etl.load import LINE_KEY, read_yaml
from etl.periods import period_text
from etl.records import GROWTH_KINDS, LEVEL_KINDS
from etl.schema import CHART_POINTS, CHARTS
from etl.tables import frame

FILE = "datasets/charts.yml"
PAGES = ("overview", "sectors", "explorer", "policy", "audit", "sources")
TYPES = ("card", "line", "bar")
SELECT_COLUMNS = {"geo": "geo", "period": "period", "kind": "kind", "entity": "entity_id", "sector": "sector",
                  "claim": "claim_id", "unit": "unit", "year": "year"}
CHART_KEYS = {"id", "page", "type", "title", "subtitle", "measure", "unit", "log_y", "series", "main", "compare", "spark", "note"}
SERIES_KEYS = {"id", "name", "select", "claims", "exclude", "kinds", "label", "project", "derive"}


@dataclass
class Names:
    """zh/en names of the catalogue entries a label is made of."""

    geo: dict[str, dict[str, str]]
    entities: dict[str, dict[str, str]]
    indicators: dict[str, dict]
    units: dict[str, dict]


def _preference(df: pd.DataFrame) -> pd.DataFrame:
    """The chapter that sources a figure before the preface / afterword that repeats it; then the earliest line."""
    rank = df["section"].isin(["序言", "后记"]).astype(int)
    return df.assign(_rank=rank).sort_values(["_rank", "line"]).drop(columns="_rank")


class _Chart:
    def __init__(self, spec: dict, claims: pd.DataFrame, names: Names):
        self.spec, self.claims, self.names = spec, claims, names
        self.id = spec.get("id")
        self.row = spec.get(LINE_KEY)

    def fail(self, field: str | None, msg: str) -> CurationError:
        return CurationError(FILE, self.row, field, msg, self.id if isinstance(self.id, str) else None)

    # -- selection ---------------------------------------------------------------------------------------------
    def _claim(self, cid: str, field: str) -> pd.Series:
        if cid not in self.claims.index:
            raise self.fail(field, f"unknown claim {cid!r}")
        return self.claims.loc[cid]

    def _select(self, sel: dict, kinds: tuple[str, ...], field: str) -> pd.DataFrame:
        c = self.claims[(self.claims["indicator_id"] == self.spec["measure"]) & self.claims["kind"].isin(kinds)]
        for key, want in sel.items():
            if key == LINE_KEY:
                continue
            if key not in SELECT_COLUMNS:
                raise self.fail(f"{field}.{key}", f"cannot select on {key!r} (allowed: {', '.join(SELECT_COLUMNS)})")
            wanted = want if isinstance(want, list) else [want]
            col = c[SELECT_COLUMNS[key]]
            c = c[col.astype(str).isin([str(w) for w in wanted])] if key in ("period", "year") else c[col.isin(wanted)]
        return c

    # -- points ------------------------------------------------------------------------------------------------
    def _subject(self, c: pd.Series, lang: str) -> str:
        ent = c.get("entity_id")
        if isinstance(ent, str):
            return self.names.entities[ent][lang]
        return self.names.geo[c["geo"]][lang]

    def _label(self, c: pd.Series, how: str, lang: str) -> str:
        period = period_text(c["period"], lang) if isinstance(c["period"], str) else ""
        if how == "period":
            return period or self._subject(c, lang)
        if how == "subject":
            return self._subject(c, lang)
        return f"{self._subject(c, lang)} {period}".strip()

    def _point(self, c: pd.Series, series: dict, label: str, ids: list[str]) -> dict:
        return {
            "series_id": series["id"], "series_zh": series["name"]["zh"], "series_en": series["name"]["en"],
            "label_zh": self._label(c, label, "zh"), "label_en": self._label(c, label, "en"),
            "date": c["period_end"], "period": c["period"], "year": c["year"],
            "value": c["value"], "value_low": c["value_low"], "value_high": c["value_high"], "unit": c["unit"],
            "indicator_id": c["indicator_id"], "kind": c["kind"], "qualifier": c["qualifier"], "derived": False,
            "method": None, "claim_ids": ",".join(ids), "printed": c["printed"], "section": c["section"],
            "line": c["line"], "source_org": c["source_org"], "geo": c["geo"], "entity_id": c["entity_id"],
        }

    def _series_points(self, s: dict, i: int) -> list[dict]:
        field = f"series[{i}]"
        unknown = set(s) - SERIES_KEYS - {LINE_KEY}
        if unknown:
            raise self.fail(f"{field}.{sorted(unknown)[0]}", f"unknown key (allowed: {', '.join(sorted(SERIES_KEYS))})")
        if not isinstance(s.get("id"), str) or not _names_ok(s.get("name")):
            raise self.fail(field, "a series needs an `id` and a `name` with zh and en")
        if "project" in s:
            return self._projection(s, field)
        if "derive" in s:
            return self._share(s, field)
        label = s.get("label", "period" if self.spec["type"] == "line" else "both")
        if label not in ("period", "subject", "both"):
            raise self.fail(f"{field}.label", "label is period, subject or both")
        if "claims" in s:
            rows = pd.DataFrame([self._claim(c, f"{field}.claims") for c in s["claims"]])
            other = sorted(set(rows["indicator_id"]) - {self.spec["measure"]})
            if other:
                raise self.fail("measure", f"the chart draws {self.spec['measure']!r} but its claims include {other}: "
                                           "one measure per chart")
        else:
            kinds = tuple(s.get("kinds") or (GROWTH_KINDS if self.spec.get("basis") == "growth" else LEVEL_KINDS))
            rows = self._select(s.get("select") or {}, kinds, f"{field}.select")
        excluded = s.get("exclude") or []
        for cid in excluded:
            self._claim(cid, f"{field}.exclude")
        rows = rows[~rows["claim_id"].isin(excluded)]
        if rows.empty:
            raise self.fail(field, f"series {s['id']!r} selects no claim")
        out, seen = [], {}
        for _, c in _preference(rows).iterrows():
            key = (c["period"], self._label(c, label, "en"))
            if key in seen:
                first = seen[key]
                if first["value"] != c["value"] or first["unit"] != c["unit"]:
                    raise self.fail(field, f"two printed values for one point ({key[1]}): {first['claim_ids']} and "
                                           f"{c['claim_id']}; exclude one (the audit reports the contradiction)")
                first["claim_ids"] += f",{c['claim_id']}"  # the same figure printed twice: both places cited
                continue
            seen[key] = self._point(c, s, label, [c["claim_id"]])
            out.append(seen[key])
        return out

    def _projection(self, s: dict, field: str) -> list[dict]:
        p = s["project"]
        base, rate = self._claim(p.get("base"), f"{field}.project.base"), self._claim(p.get("cagr"), f"{field}.project.cagr")
        if rate["kind"] != "cagr" or not isinstance(rate["period"], str) or "/" not in rate["period"]:
            raise self.fail(f"{field}.project.cagr", f"{rate['claim_id']} is not a CAGR over a span of years")
        a, b = (int(x) for x in rate["period"].split("/"))
        to = int(p.get("to", b))
        if base["period"] != str(a) or not (a < to <= b):
            raise self.fail(f"{field}.project", f"the base must be the {a} level and `to` within {a + 1}-{b}")
        if base["indicator_id"] != rate["indicator_id"]:
            raise self.fail(f"{field}.project", "the base and the CAGR are of different measures")
        out = []
        for year in range(a + 1, to + 1):
            method = f"{base['printed']} ({a}) × (1 + {rate['printed']})^({year} − {a})"
            out.append(self._derived(base, s, [base["claim_id"], rate["claim_id"]], method, label_zh=str(year), label_en=str(year),
                                     date=date(year, 12, 31), period=str(year), year=year,
                                     value=base["value"] * (1 + rate["value"] / 100) ** (year - a)))
        return out

    def _share(self, s: dict, field: str) -> list[dict]:
        d = s["derive"]
        part = self._claim(d.get("share"), f"{field}.derive.share")
        whole = [self._claim(c, f"{field}.derive.of") for c in d.get("of") or []]
        if part["claim_id"] not in [w["claim_id"] for w in whole] or len(whole) < 2:
            raise self.fail(f"{field}.derive", "a share is one claim of `of` over the sum of at least two claims")
        if len({(w["indicator_id"], w["unit"], w["period"]) for w in whole}) != 1:
            raise self.fail(f"{field}.derive.of", "the claims of a share must be one measure, unit and period")
        total = sum(w["value"] for w in whole)
        ids = [part["claim_id"], *(w["claim_id"] for w in whole if w["claim_id"] != part["claim_id"])]
        method = f"{part['printed']} ÷ ({' + '.join(w['printed'] for w in whole)}) × 100"
        return [self._derived(part, s, ids, method, label_zh=s["name"]["zh"], label_en=s["name"]["en"],
                              value=part["value"] / total * 100, unit="%", indicator_id=self.spec["measure"])]

    def _derived(self, like: pd.Series, s: dict, ids: list[str], method: str, **fields) -> dict:
        """A point computed from claims: placed and credited like the claim it starts from, but it says it is derived,
        carries its method and no printed text."""
        p = self._point(like, s, "period", ids)
        p.update(value_low=None, value_high=None, kind="derived", qualifier=None, derived=True, method=method, printed=None,
                 **fields)
        return p

    def _card_points(self) -> list[dict]:
        out = []
        for key in ("main", "compare"):
            sel = self.spec.get(key)
            if sel is None:
                if key == "main":
                    raise self.fail("main", "a card needs `main`: the claim it shows")
                continue
            if "claim" in sel:
                rows = pd.DataFrame([self._claim(sel["claim"], key)])
            else:
                rows = self._select(sel.get("select") or {}, tuple(sel.get("kinds") or (*LEVEL_KINDS, *GROWTH_KINDS)), key)
            if len(rows) != 1:
                found = ", ".join(rows["claim_id"]) if len(rows) else "none"
                raise self.fail(key, f"a card's `{key}` must resolve to exactly one claim, found {len(rows)} ({found})")
            c = rows.iloc[0]
            out.append(self._point(c, {"id": key, "name": self.spec["title"]}, "both", [c["claim_id"]]))
        return out

    # -- the chart ---------------------------------------------------------------------------------------------
    def resolve(self) -> tuple[dict, list[dict]]:
        spec = self.spec
        unknown = set(spec) - CHART_KEYS - {LINE_KEY}
        if unknown:
            raise self.fail(sorted(unknown)[0], f"unknown key (allowed: {', '.join(sorted(CHART_KEYS))})")
        if not isinstance(self.id, str) or not self.id:
            raise self.fail("id", "required field missing")
        if spec.get("page") not in PAGES:
            raise self.fail("page", f"page must be one of {', '.join(PAGES)}")
        if spec.get("type") not in TYPES:
            raise self.fail("type", f"type must be one of {', '.join(TYPES)}")
        if not _names_ok(spec.get("title")):
            raise self.fail("title", "a title needs zh and en")
        if spec.get("measure") not in self.names.indicators:
            raise self.fail("measure", f"unknown measure {spec.get('measure')!r} (see datasets/indicators.yml)")
        if spec["type"] == "card":
            points = self._card_points()
        else:
            if not spec.get("series"):
                raise self.fail("series", "a chart needs at least one series")
            points = [p for i, s in enumerate(spec["series"]) for p in self._series_points(s, i)]
        self._check(points)
        main = points[0]
        basis = "growth" if main["kind"] in GROWTH_KINDS else "level"
        sub = spec.get("subtitle") if _names_ok(spec.get("subtitle")) else self._subtitle(points)
        row = {
            "chart_id": self.id, "page": spec["page"], "position": 0, "type": spec["type"],
            "title_zh": spec["title"]["zh"], "title_en": spec["title"]["en"], "subtitle_zh": sub["zh"], "subtitle_en": sub["en"],
            "indicator_id": spec["measure"], "unit": main["unit"], "basis": basis, "log_y": bool(spec.get("log_y", False)),
            "spark": spec.get("spark"), "n_points": len(points),
        }
        return row, [{"chart_id": self.id, **p, "position": i} for i, p in enumerate(points)]

    def _check(self, points: list[dict]) -> None:
        measures = {p["indicator_id"] for p in points}
        if measures != {self.spec["measure"]}:
            other = sorted(measures - {self.spec["measure"]})
            raise self.fail("measure", f"the chart draws {self.spec['measure']!r} but its points include {other}: one measure per chart")
        growth = [p["kind"] in GROWTH_KINDS for p in points]
        if self.spec["type"] == "card":
            # a card may set a growth rate of its measure beside its level; levels must share one unit
            units = {p["unit"] for p, g in zip(points, growth, strict=True) if not g}
            if len(units) > 1:
                raise self.fail("compare", f"the card's figures are in different units {sorted(units)}")
            return
        units = sorted({p["unit"] for p in points})
        if len(units) != 1:
            raise self.fail("series", f"the chart mixes units {units}: one unit per chart")
        if self.spec.get("unit") not in (None, units[0]):
            raise self.fail("unit", f"the points are in {units[0]!r}, not {self.spec['unit']!r}")
        if any(growth) and not all(growth):
            raise self.fail("series", "the chart mixes levels and growth rates: one basis per chart")

    def _subtitle(self, points: list[dict]) -> dict[str, str]:
        """'AI market size · World · USD · 2025–2033' from the measure, places, unit and periods of the points."""
        ind = self.names.indicators[self.spec["measure"]]
        geos = list(dict.fromkeys(p["geo"] for p in points))
        years = sorted({int(p["year"]) for p in points if p["year"] is not None and not pd.isna(p["year"])})
        periods = {p["period"] for p in points}
        one = next(iter(periods)) if len(periods) == 1 and isinstance(next(iter(periods)), str) else None
        unit = self.names.units[points[0]["unit"]]
        out = {}
        for lang in ("zh", "en"):
            place = "、".join(self.names.geo[g][lang] for g in geos[:3]) if lang == "zh" else ", ".join(self.names.geo[g][lang] for g in geos[:3])
            if len(geos) > 3:
                place += " 等" if lang == "zh" else " and others"
            span = period_text(one, lang) if one else "" if not years else str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
            parts = [ind[f"name_{lang}"], place, unit[f"name_{lang}"], span]
            out[lang] = " · ".join(p for p in parts if p)
        return out


def _names_ok(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), str) and value[k].strip() for k in ("zh", "en"))


def build_charts(path: Path, root: Path, claims: pd.DataFrame, names: Names) -> tuple[pd.DataFrame, pd.DataFrame]:
    specs = read_yaml(path, root) if path.exists() else None
    if not isinstance(specs, list) or not specs:
        raise CurationError(FILE, None, None, "expected a list of chart declarations")
    by_id = claims.set_index("claim_id", drop=False)
    charts, points, seen, position = [], [], {}, {}
    for spec in specs:
        if not isinstance(spec, dict):
            raise CurationError(FILE, None, None, "every chart declaration is a mapping")
        chart = _Chart(spec, by_id, names)
        row, pts = chart.resolve()
        if row["chart_id"] in seen:
            raise chart.fail("id", f"duplicate chart id, first declared on row {seen[row['chart_id']]}")
        seen[row["chart_id"]] = chart.row
        row["position"] = position[row["page"]] = position.get(row["page"], -1) + 1
        charts.append(row)
        points += pts
    types = {c["chart_id"]: c["type"] for c in charts}
    for spec, c in zip(specs, charts, strict=True):
        if c["spark"] is not None and types.get(c["spark"]) != "line":
            raise CurationError(FILE, spec.get(LINE_KEY), "spark", f"{c['spark']!r} is not a line chart defined here", c["chart_id"])
        if c["spark"] is not None and c["type"] != "card":
            raise CurationError(FILE, spec.get(LINE_KEY), "spark", "only a card has a sparkline", c["chart_id"])
    return frame(CHARTS, charts), frame(CHART_POINTS, points)

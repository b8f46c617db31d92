"""The vocabularies curated beside the claims: sectors, indicators, units, organisations, geography."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import CurationError
from etl.load import LINE_KEY, read_yaml, records, strip_line
from etl.records import CanonicalUnit, Entity, Geo, Indicator, Organisation, RawUnit, Record, Sector, parse

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


@dataclass(frozen=True)
class Catalog:
    root: Path
    sectors: list[dict]
    indicators: list[dict]
    organisations: list[dict]
    geo: list[dict]
    entities: list[dict]
    canonical_units: dict[str, dict]
    raw_units: dict[str, tuple[str, float]]
    source: dict
    refines: dict[str, str] = field(default_factory=dict)  # unit text -> the printed unit text it may stand for

    def ids(self, table: str) -> frozenset[str]:
        cache = self.__dict__.setdefault("_ids", {})
        if table not in cache:
            cache[table] = frozenset(r["id"] for r in getattr(self, table))
        return cache[table]

    def indicator(self, indicator_id: str) -> dict:
        cache = self.__dict__.setdefault("_indicators", {r["id"]: r for r in self.indicators})
        return cache[indicator_id]


def _list(root: Path, name: str, model: type[Record], required: bool = True) -> list[dict]:
    path = root / name
    if not path.exists():
        if not required:
            return []
        raise CurationError(name, None, None, "file missing")
    out, seen = [], set()
    rows = records(path, root)
    if required and not rows:
        raise CurationError(name, None, None, "the file holds no records: a catalogue cannot be empty")
    for rec in rows:
        item = parse(model, rec, name)
        if item.id in seen:
            raise CurationError(name, rec.get("__yaml_line__"), "id", f"duplicate id {item.id!r}", item.id)
        seen.add(item.id)
        out.append({**item.model_dump(), "__yaml_line__": rec.get("__yaml_line__")})
    return out


def load_catalog(root: Path = DATASETS) -> Catalog:
    units = read_yaml(root / "units.yml", root)
    if not isinstance(units, dict) or not isinstance(units.get("canonical"), dict) or not isinstance(units.get("raw"), dict):
        raise CurationError("units.yml", None, None, "expected the mappings `canonical` and `raw`")
    canonical = {}
    for key, spec in units["canonical"].items():
        if key == LINE_KEY:
            continue
        if not isinstance(spec, dict):
            raise CurationError("units.yml", None, str(key), "a canonical unit is a mapping (family, name_zh, name_en)")
        canonical[str(key)] = parse(CanonicalUnit, spec, "units.yml").model_dump()
    raw: dict[str, tuple[str, float]] = {}
    refines: dict[str, str] = {}
    for text, spec in units["raw"].items():
        if text == LINE_KEY:
            continue
        if not isinstance(spec, dict):
            raise CurationError("units.yml", None, str(text), "a raw unit is a mapping (unit, factor)")
        item = parse(RawUnit, spec, "units.yml")
        if item.unit not in canonical:
            raise CurationError("units.yml", spec.get("__yaml_line__"), "unit", f"{item.unit!r} is not a canonical unit")
        raw[str(text).replace(" ", "")] = (item.unit, item.factor)
        if item.refines:
            refines[str(text).replace(" ", "")] = item.refines
    indicators = _list(root, "indicators.yml", Indicator)
    for rec in indicators:
        if rec["unit"] not in canonical:
            raise CurationError("indicators.yml", rec["__yaml_line__"], "unit", f"{rec['unit']!r} is not a canonical unit", rec["id"])
    geo = _list(root, "geo.yml", Geo)
    geo_ids = {g["id"] for g in geo}
    entities = _list(root, "entities.yml", Entity)
    for rec in entities:
        if rec["geo"] not in geo_ids:
            raise CurationError("entities.yml", rec["__yaml_line__"], "geo", f"unknown geo {rec['geo']!r} (see datasets/geo.yml)", rec["id"])
    source = strip_line(read_yaml(root / "source.yml", root))
    return Catalog(
        root=root,
        sectors=_list(root, "sectors.yml", Sector),
        indicators=indicators,
        organisations=_list(root, "organisations.yml", Organisation),
        geo=geo,
        entities=entities,
        canonical_units=canonical,
        raw_units=raw,
        source=source,
        refines=refines,
    )

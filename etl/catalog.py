"""The vocabularies curated beside the claims: sectors, indicators, units, organisations, geography."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.errors import CurationError
from etl.load import read_yaml, records, strip_line

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


@dataclass(frozen=True)
class Catalog:
    root: Path
    sectors: list[dict]
    indicators: list[dict]
    organisations: list[dict]
    geo: list[dict]
    canonical_units: dict[str, dict]
    raw_units: dict[str, tuple[str, float]]
    source: dict

    def ids(self, table: str) -> frozenset[str]:
        cache = self.__dict__.setdefault("_ids", {})
        if table not in cache:
            cache[table] = frozenset(r["id"] for r in getattr(self, table))
        return cache[table]


def _list(root: Path, name: str, required: tuple[str, ...]) -> list[dict]:
    path = root / name
    if not path.exists():
        raise CurationError(name, None, None, "file missing")
    out, seen = [], set()
    for rec in records(path, root):
        row = rec.get("__yaml_line__")
        for f in required:
            if rec.get(f) in (None, ""):
                raise CurationError(name, row, f, "required field missing", rec.get("id"))
        if rec["id"] in seen:
            raise CurationError(name, row, "id", f"duplicate id {rec['id']!r}", rec["id"])
        seen.add(rec["id"])
        out.append(strip_line(rec))
    return out


def load_catalog(root: Path = DATASETS) -> Catalog:
    units = read_yaml(root / "units.yml", root)
    canonical = {k: strip_line(v) for k, v in strip_line(units["canonical"]).items()}
    raw: dict[str, tuple[str, float]] = {}
    for text, spec in strip_line(units["raw"]).items():
        if spec["unit"] not in canonical:
            raise CurationError("units.yml", spec.get("__yaml_line__"), "unit", f"{spec['unit']!r} is not a canonical unit")
        raw[str(text).replace(" ", "")] = (spec["unit"], float(spec["factor"]))
    indicators = _list(root, "indicators.yml", ("id", "category", "name_zh", "name_en"))
    for rec in indicators:
        if rec.get("unit") and rec["unit"] not in canonical:
            raise CurationError("indicators.yml", None, "unit", f"{rec['unit']!r} is not a canonical unit", rec["id"])
    source = strip_line(read_yaml(root / "source.yml", root))
    return Catalog(
        root=root,
        sectors=_list(root, "sectors.yml", ("id", "group", "name_zh", "name_en")),
        indicators=indicators,
        organisations=_list(root, "organisations.yml", ("id", "name")),
        geo=_list(root, "geo.yml", ("id", "name_zh", "name_en")),
        canonical_units=canonical,
        raw_units=raw,
        source=source,
    )

"""The build: curated files -> validated tables -> Parquet + datapackage.json, written atomically.

Stages run in order: catalogue, claims, events, corrections, series, audit, validation, write.
The new tables are written to a staging folder beside the output and swapped in only when all of
them are complete, so a failed or killed build leaves the previous one as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from etl.audit import build_audit
from etl.catalog import DATASETS, load_catalog
from etl.charts import Names, build_charts
from etl.claims import load_claims
from etl.corrections import load_corrections
from etl.datapackage import datapackage
from etl.errors import CurationError
from etl.events import load_events
from etl.groups import build_groups
from etl.schema import BY_NAME, TABLES, SchemaError, validate
from etl.source import load_book, source_path
from etl.tables import catalogue_frames, claims_frame, events_frame, mentions_frame

DEFAULT_OUT = DATASETS / "build"
MANIFEST = "build.json"


def input_files(root: Path = DATASETS) -> list[Path]:
    files = sorted(p for p in root.glob("*.yml"))
    for sub in ("claims", "events"):
        files += sorted((root / sub).glob("*.yml"))
    return files


def inputs_hash(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def recover(out: Path) -> None:
    """Finish or undo a swap that was interrupted: the previous tables come back if the new ones never landed."""
    prev = out.with_name(out.name + ".prev")
    if prev.exists():
        if (out / MANIFEST).exists():
            shutil.rmtree(prev, ignore_errors=True)
        else:
            if out.exists():
                shutil.rmtree(out)
            os.rename(prev, out)


def assemble(root: Path = DATASETS, require_source: bool = False) -> tuple[dict[str, pd.DataFrame], dict]:
    """All tables as DataFrames, validated; raises CurationError / SchemaError naming what is wrong."""
    cat = load_catalog(root)
    book = load_book() if source_path() else None
    if book is None and require_source:
        raise FileNotFoundError("the book's text is required (--require-source) but was not found")
    if book is not None and book.sha256 != cat.source["sha256"]:
        raise CurationError("datasets/source.yml", None, "sha256", f"the source text's sha256 is {book.sha256}, not the recorded one")
    claims = load_claims(sorted((root / "claims").glob("*.yml")), cat, book)
    events, mentions = load_events(sorted((root / "events").glob("*.yml")), cat, book)
    cdf = claims_frame(claims)
    corrections = load_corrections(root / "corrections.yml", set(cdf["claim_id"]), book)
    tables = {"claims": cdf, **catalogue_frames(cat, claims)}
    names = Names(
        geo={g["id"]: {"zh": g["name_zh"], "en": g["name_en"]} for g in cat.geo},
        entities={e["id"]: {"zh": e["name_zh"], "en": e["name_en"]} for e in cat.entities},
        indicators={i["id"]: i for i in cat.indicators},
        units=cat.canonical_units,
    )
    tables["comparable_groups"] = build_groups(cdf)
    tables["charts"], tables["chart_points"] = build_charts(root / "charts.yml", root, cdf, names)
    tables["audit"] = build_audit(cdf, corrections)
    tables["events"] = events_frame(events)
    tables["event_mentions"] = mentions_frame(mentions)
    _references(tables)
    meta = {"source": cat.source, "source_checked": book is not None, "corrections": len(corrections)}
    return tables, meta


def _references(t: dict[str, pd.DataFrame]) -> None:
    """dbt-style relationship tests, from the contract's foreign keys: every referenced value exists."""
    for table in TABLES:
        for col, ref, rcol in table.foreign_keys:
            missing = set(t[table.name][col].dropna()) - set(t[ref][rcol])
            if missing:
                raise SchemaError(f"{table.name}.{col}: values {sorted(missing)} not in {ref}.{rcol}")


def build(out: Path = DEFAULT_OUT, root: Path = DATASETS, require_source: bool = False) -> dict:
    started = time.perf_counter()
    out = Path(out)
    recover(out)
    tables, meta = assemble(root, require_source)
    files = input_files(root)
    manifest = {
        "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data_hash": inputs_hash(files),
        "source_sha256": meta["source"]["sha256"],
        "source_checked": meta["source_checked"],
        "edition": meta["source"]["edition"],
        "rows": {name: len(df) for name, df in tables.items()},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for name, df in tables.items():
            pq.write_table(validate(BY_NAME[name], df), staging / f"{name}.parquet", compression="zstd")
        (staging / "datapackage.json").write_text(
            json.dumps(datapackage(meta["source"], meta["source"]["sha256"], manifest), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        manifest["seconds"] = round(time.perf_counter() - started, 3)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _swap(staging: Path, out: Path) -> None:
    prev = out.with_name(out.name + ".prev")
    if out.exists():
        os.rename(out, prev)
    os.rename(staging, out)
    if prev.exists():
        shutil.rmtree(prev)


def is_stale(out: Path = DEFAULT_OUT, root: Path = DATASETS) -> bool:
    """True when the tables are missing or older than any curated input."""
    recover(Path(out))
    manifest = Path(out) / MANIFEST
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(p.stat().st_mtime > built for p in input_files(root))

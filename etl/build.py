"""The build: curated files -> validated tables -> Parquet + datapackage.json, written atomically.

Stages run in order: inputs, catalogue, claims, events, corrections, groups, charts, audit, validation, write.
The new tables are written to a staging folder beside the output and swapped in only when all of
them are complete, so a failed or killed build leaves the previous one as it was.

The build never loses data: the output folder must be new, empty or a previous build (it carries the MARKER file
and only files the build wrote), and the build deletes only files it wrote. Every input file is read within bounds
(etl.load) and counted; an input with no YAML document at all, or with fewer records than the previous build
recorded, fails the build unless it is run with allow_shrink (`aiplus build --allow-shrink`).
"""

from __future__ import annotations

import contextlib
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
from etl.load import LINE_KEY, read_yaml
from etl.schema import BY_NAME, TABLES, SchemaError, validate
from etl.source import load_book, source_path
from etl.tables import catalogue_frames, claims_frame, events_frame, mentions_frame

DEFAULT_OUT = DATASETS / "build"
MANIFEST = "build.json"
MARKER = ".aiplus-build"  # written into every build folder: what marks a folder as one the build may replace
_TABLE_FILES = frozenset({f"{t.name}.parquet" for t in TABLES} | {"datapackage.json", MANIFEST})
# where the rows of each table were curated: (fixed file or None for the table's `file` column, id column)
_CURATED_IN = {
    "claims": (None, "claim_id"), "events": (None, "event_id"), "event_mentions": (None, "mention_id"),
    "charts": ("charts.yml", "chart_id"), "chart_points": ("charts.yml", "chart_id"),
    "indicators": ("indicators.yml", "indicator_id"), "sectors": ("sectors.yml", "sector"),
    "sources": ("organisations.yml", "org_id"), "geo": ("geo.yml", "geo"), "units": ("units.yml", "unit"),
    "entities": ("entities.yml", "entity_id"),
}


class BuildRefused(ValueError):
    """The build will not write where it was asked to, or the inputs shrank; the message says why and what to do."""


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


def _written_by_build(folder: Path) -> frozenset[str] | None:
    """The names a previous build wrote in `folder` (None when it is not a build folder). A folder from before the
    marker existed counts as a build when it holds only table files and a manifest."""
    try:
        names = frozenset(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return None
    if MARKER in names:
        try:
            files = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("files") or []
        except (OSError, ValueError):
            files = []
        return frozenset(files) | _TABLE_FILES | {MARKER}
    if MANIFEST in names and names <= _TABLE_FILES:
        return _TABLE_FILES
    return None


def _remove_build(folder: Path) -> None:
    """Delete the files a build wrote in `folder`, then the folder if nothing else is left in it."""
    written = _written_by_build(folder)
    if written is None:
        return
    for name in written:
        p = folder / name
        if p.is_file() and not p.is_symlink():
            p.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()  # left in place when it holds anything the build did not write


def recover(out: Path) -> None:
    """Finish or undo a swap that was interrupted: the previous tables come back if the new ones never landed."""
    prev = out.with_name(out.name + ".prev")
    if prev.exists() and _written_by_build(prev) is not None:
        if (out / MANIFEST).exists():
            _remove_build(prev)
        else:
            if out.exists():
                _remove_build(out)
            if not out.exists():
                os.rename(prev, out)


def check_out(out: Path) -> None:
    """The output folder is new, empty, or a previous build holding only what the build wrote; else BuildRefused."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir() or out.is_symlink():
        raise BuildRefused(f"--out {out}: is not a folder; give a new or empty folder, or a previous build")
    names = sorted(os.listdir(out))
    if not names:
        return
    written = _written_by_build(out)
    if written is None:
        raise BuildRefused(f"--out {out}: is neither empty nor a previous build (no {MARKER} file) and holds "
                           f"{len(names)} entries ({', '.join(names[:5])}{', …' if len(names) > 5 else ''}); "
                           "nothing was written or deleted: give a new or empty folder")
    foreign = [n for n in names if n not in written]
    if foreign:
        raise BuildRefused(f"--out {out}: is a previous build but also holds files the build did not write "
                           f"({', '.join(foreign[:5])}); nothing was written or deleted: move them elsewhere first")


def _count(data) -> int:
    """Records in a parsed input: list entries, or for a mapping the entries of its lists and mappings."""
    if data is None:
        return 0
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        return sum(len(v) if isinstance(v, list | dict) else 1 for k, v in data.items() if k != LINE_KEY)
    return 1


def count_inputs(root: Path) -> dict[str, int]:
    """Records per input file (named relative to `root`); an input with no YAML document at all is an error."""
    counts = {}
    for p in input_files(root):
        name = p.relative_to(root).as_posix()
        data = read_yaml(p, root)
        if data is None:
            raise CurationError(name, None, None, "is empty (no YAML document): write [] for a file that is meant to "
                                "hold no records, or build with --allow-shrink")
        counts[name] = _count(data)
    return counts


def check_shrink(counts: dict[str, int], previous: dict[str, int]) -> None:
    """No input has fewer records than the previous build recorded for it (a deleted file counts as zero)."""
    for name, before in sorted(previous.items()):
        now = counts.get(name, 0)
        if now < before:
            what = "is gone" if name not in counts else f"has {now} records"
            raise CurationError(name, None, None, f"{what}; the previous build had {before}: a file that shrinks fails "
                                "the build unless the shrink is declared with `aiplus build --allow-shrink`")


def _previous_counts(out: Path) -> dict[str, int]:
    if _written_by_build(out) is None:
        return {}
    try:
        return dict(json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("input_counts") or {})
    except (OSError, ValueError):
        return {}


def _resolve(root: Path, file: str) -> Path | None:
    """A table's `file` value (e.g. datasets/claims/ch06.yml) as a path under root."""
    parts = Path(file).parts
    for k in range(len(parts)):
        cand = root.joinpath(*parts[k:])
        if cand.is_file():
            return cand
    return None


def _yaml_row(path: Path, record_id) -> int | None:
    """The YAML line of the record with this id (a list record's `id`, or a mapping entry's key)."""
    found: list[int] = []

    def walk(obj):
        if found:
            return
        if isinstance(obj, dict):
            if str(obj.get("id")) == str(record_id) and LINE_KEY in obj:
                found.append(obj[LINE_KEY])
                return
            for k, v in obj.items():
                if str(k) == str(record_id) and isinstance(v, dict) and LINE_KEY in v:
                    found.append(v[LINE_KEY])
                    return
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    with contextlib.suppress(CurationError):
        walk(read_yaml(path))
    return found[0] if found else None


def located(exc: SchemaError, tables: dict[str, pd.DataFrame], root: Path) -> Exception:
    """A SchemaError about a table row, as a CurationError naming the curated file, row and field it came from."""
    where = _CURATED_IN.get(exc.table or "")
    df = tables.get(exc.table or "")
    if where is None or df is None or exc.index is None or exc.index not in df.index:
        return exc
    fixed, id_col = where
    rec = df.loc[exc.index]
    file = fixed or (rec.get("file") if "file" in df.columns else None)
    path = _resolve(root, str(file)) if file else None
    if path is None:
        return exc
    rid = rec.get(id_col)
    rid = None if rid is None or (isinstance(rid, float) and rid != rid) else str(rid)
    row = _yaml_row(path, rid) if rid else None
    return CurationError(path.relative_to(root).as_posix(), row, exc.field, exc.message, rid)


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
    try:
        _references(tables)
    except SchemaError as exc:
        raise located(exc, tables, root) from None
    meta = {"source": cat.source, "source_checked": book is not None, "corrections": len(corrections)}
    return tables, meta


def _references(t: dict[str, pd.DataFrame]) -> None:
    """dbt-style relationship tests, from the contract's foreign keys: every referenced value exists."""
    for table in TABLES:
        for col, ref, rcol in table.foreign_keys:
            missing = set(t[table.name][col].dropna()) - set(t[ref][rcol])
            if missing:
                first = t[table.name][col].isin(missing)
                raise SchemaError(f"{table.name}.{col}: values {sorted(missing)} not in {ref}.{rcol}", table.name, col,
                                  first[first].index[0])


def build(out: Path = DEFAULT_OUT, root: Path = DATASETS, require_source: bool = False, allow_shrink: bool = False) -> dict:
    started = time.perf_counter()
    out, root = Path(out), Path(root)
    recover(out)
    check_out(out)
    try:
        counts = count_inputs(root)
    except CurationError:
        if not allow_shrink:
            raise
        counts = {p.relative_to(root).as_posix(): _count(read_yaml(p, root)) for p in input_files(root)}
    tables, meta = assemble(root, require_source)  # what is wrong inside a file is said first, then what shrank
    if not allow_shrink:
        check_shrink(counts, _previous_counts(out))
    files = input_files(root)
    manifest = {
        "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data_hash": inputs_hash(files),
        "source_sha256": meta["source"]["sha256"],
        "source_checked": meta["source_checked"],
        "edition": meta["source"]["edition"],
        "rows": {name: len(df) for name, df in tables.items()},
        "input_counts": counts,
        "files": sorted([f"{name}.parquet" for name in tables] + ["datapackage.json", MANIFEST, MARKER]),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for name, df in tables.items():
            try:
                arrow = validate(BY_NAME[name], df)
            except SchemaError as exc:
                raise located(exc, tables, root) from None
            pq.write_table(arrow, staging / f"{name}.parquet", compression="zstd")
        (staging / "datapackage.json").write_text(
            json.dumps(datapackage(meta["source"], meta["source"]["sha256"], manifest), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        (staging / MARKER).write_text("written by `aiplus build`; the build replaces this folder only while it holds this file\n",
                                      encoding="utf-8")
        manifest["seconds"] = round(time.perf_counter() - started, 3)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it 0700: a build folder is as readable as any other
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)  # the staging folder is ours alone (mkdtemp)
    return manifest


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _swap(staging: Path, out: Path) -> None:
    prev = out.with_name(out.name + ".prev")
    if prev.exists():
        if _written_by_build(prev) is None:
            raise BuildRefused(f"{prev} is in the way of the swap and is not a previous build: move it elsewhere")
        _remove_build(prev)
    if out.exists():
        if os.listdir(out):
            os.rename(out, prev)
        else:
            out.rmdir()  # an empty folder given as --out
    os.rename(staging, out)
    if prev.exists():
        _remove_build(prev)


def is_stale(out: Path = DEFAULT_OUT, root: Path = DATASETS) -> bool:
    """True when the tables are missing or older than any curated input."""
    recover(Path(out))
    manifest = Path(out) / MANIFEST
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(p.stat().st_mtime > built for p in input_files(root))

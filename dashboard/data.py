"""The warehouse tables, read once at start-up. The dashboard never reads the book or the curated files."""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.build import DEFAULT_OUT, MANIFEST, recover
from etl.schema import TABLES


class DataError(RuntimeError):
    """The tables are missing, incomplete or corrupt; the message says what to run."""


MEMO_SIZE = 512  # entries
MEMO_BYTES = 32 * 1024 * 1024  # their pickled size (~3x that in memory): ~160 explorer pages or 512 smaller views
_UNPICKLABLE_SIZE = 256 * 1024


def _size(value) -> int:
    """What one memoized value weighs, as its pickled size (1-4 ms for a whole page, paid on a miss only)."""
    try:
        return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - any value may be memoized; an unpicklable one counts as a large one
        return _UNPICKLABLE_SIZE


@dataclass
class Data:
    """The tables of one build. They never change after loading, so results derived from them (joined frames,
    figures, page layouts) are memoized here, bounded, and live exactly as long as the data they came from."""

    path: Path
    manifest: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _memo_sizes: dict = field(default_factory=dict, repr=False)  # key -> pickled size
    _memo_total: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def memo(self, key: tuple, compute, max_entries: int | None = None, max_bytes: int | None = None):
        """compute() once per key, least recently used evicted first, bounded in entries and in bytes."""
        max_entries = MEMO_SIZE if max_entries is None else max_entries
        max_bytes = MEMO_BYTES if max_bytes is None else max_bytes
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        size = _size(value)
        if size > max_bytes:
            return value
        with self._lock:
            if key not in self._memo:
                self._memo[key] = value
                self._memo_sizes[key] = size
                self._memo_total += size
            while len(self._memo) > max_entries or self._memo_total > max_bytes:
                old, _ = self._memo.popitem(last=False)
                self._memo_total -= self._memo_sizes.pop(old, 0)
        return value

    def memo_bytes(self) -> int:
        """The pickled size of everything memoized now."""
        return self._memo_total

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def data_hash(self) -> str:
        return self.manifest["data_hash"][:12]

    @property
    def built(self) -> str:
        return self.manifest["built_at"][:10]


def data_dir() -> Path:
    return Path(os.environ.get("AIPLUS_DATA", DEFAULT_OUT))


def load(path: Path | None = None) -> Data:
    path = Path(path or data_dir())
    recover(path)
    man = path / MANIFEST
    if not man.exists():
        raise DataError(f"no built tables in {path}: run `aiplus build` (or `aiplus serve`, which builds first)")
    try:
        manifest = json.loads(man.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{man} is unreadable ({exc}): run `aiplus build`") from None
    tables = {}
    for t in TABLES:
        f = path / f"{t.name}.parquet"
        if not f.exists():
            raise DataError(f"{f} is missing: the build is incomplete; run `aiplus build`")
        try:
            table = pq.read_table(f)
        except (pa.ArrowException, OSError) as exc:
            raise DataError(f"{f} is corrupt or truncated ({exc}): run `aiplus build`") from None
        expected = manifest.get("rows", {}).get(t.name)
        if expected is not None and table.num_rows != expected:
            raise DataError(f"{f} has {table.num_rows} rows, the build recorded {expected}: run `aiplus build`")
        names = [fl.name for fl in t.fields]
        if table.column_names != names:
            raise DataError(f"{f} has columns {table.column_names}, expected {names}: run `aiplus build`")
        tables[t.name] = table.to_pandas()
    return Data(path, manifest, tables)


_CURRENT: Data | None = None


def set_current(data: Data) -> None:
    global _CURRENT
    _CURRENT = data


def current() -> Data:
    if _CURRENT is None:
        raise DataError("the dashboard's data is not loaded; start it with `aiplus serve`")
    return _CURRENT

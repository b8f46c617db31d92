"""Reading curated YAML files strictly: UTF-8 only, no implicit dates, the YAML line of every record kept."""

from __future__ import annotations

from pathlib import Path

import yaml

from etl.errors import CurationError

LINE_KEY = "__yaml_line__"


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, ~10x faster


class _Loader(_BASE):
    """SafeLoader without the timestamp resolver (2025-08 stays text) and with record line numbers."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {sorted(map(str, dupes))[0]!r}", node.start_mark)
    data = loader.construct_mapping(node, deep=True)
    data[LINE_KEY] = node.start_mark.line + 1
    return data


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml(path: Path, root: Path | None = None):
    """Parse one curated file; any problem becomes a CurationError naming the file (and YAML line)."""
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(name, None, None, f"not valid UTF-8 (byte {exc.start}): save the file as UTF-8") from None
    if "\ufffd" in text:
        raise CurationError(name, None, None, "contains U+FFFD replacement characters: the file was mis-encoded")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        row = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(name, row, None, f"YAML syntax: {problem}") from None


def records(path: Path, root: Path | None = None) -> list[dict]:
    data = read_yaml(path, root)
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise CurationError(name, None, None, "expected a list of records")
    for i, rec in enumerate(data, start=1):
        if not isinstance(rec, dict):
            raise CurationError(name, i, None, f"record {i} is not a mapping")
    return data


def strip_line(obj):
    """The record without its YAML line markers, nested mappings and lists included."""
    if isinstance(obj, dict):
        return {k: strip_line(v) for k, v in obj.items() if k != LINE_KEY}
    if isinstance(obj, list):
        return [strip_line(v) for v in obj]
    return obj

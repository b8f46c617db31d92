"""Reading curated YAML files strictly: UTF-8 only, no implicit dates, the YAML line of every record kept.

Every input file is read within bounds, whatever it holds: at most MAX_BYTES, at most MAX_ALIASES alias uses and
MAX_NODES values once aliases are expanded (a "billion laughs" file is refused before anything is built from it,
in milliseconds), and every number finite (`1.0e999`, which YAML 1.1 reads as text that float() makes infinite,
and `.inf` are refused, naming file, row and field).
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import yaml

from etl.errors import CurationError

LINE_KEY = "__yaml_line__"
MAX_BYTES = 5 * 1024 * 1024  # the largest curated file is ~40 kB
MAX_ALIASES = 100  # the curated files use none
MAX_NODES = 200_000  # values in one file with its aliases expanded (the largest curated file has ~3,000)
_NUMERIC = re.compile(r"^\s*[-+]?(\d[\d_]*\.?\d*|\.\d+)[eE][-+]?\d+\s*$")  # a number with an exponent, read as text


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


class _Bounds(yaml.YAMLError):
    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.problem, self.problem_mark = message, mark


def _check_graph(root_node: yaml.Node) -> None:
    """Count alias uses and the values the document would have with its aliases expanded, in one linear pass over
    the composed nodes (an alias is the same node object met again), before anything is constructed."""
    expanded: dict[int, int] = {}
    aliases = 0
    stack: list[tuple[yaml.Node, bool]] = [(root_node, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            expanded[key] = 1 + sum(expanded[id(c)] for c in children)
            if expanded[key] > MAX_NODES:
                raise _Bounds(f"more than {MAX_NODES:,} values once its aliases are expanded", node.start_mark)
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise _Bounds("an alias refers to itself", node.start_mark)
        on_path.add(key)
        stack.append((node, True))
        seen_here: set[int] = set()
        for child in _children(node):
            if id(child) in expanded or id(child) in on_path or id(child) in seen_here:
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise _Bounds(f"more than {MAX_ALIASES} aliases", child.start_mark)
            seen_here.add(id(child))
            if id(child) not in expanded:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _construct_bounded(self, node):
    _check_graph(node)
    return yaml.constructor.BaseConstructor.construct_document(self, node)


_Loader.construct_document = _construct_bounded


def _numbers(obj, file: str, row: int | None = None, field: str | None = None) -> None:
    """Every number in the parsed file is finite and fits a float; raises CurationError naming file, row and field."""
    if isinstance(obj, dict):
        row = obj.get(LINE_KEY, row)
        for k, v in obj.items():
            if k != LINE_KEY:
                _numbers(v, file, row, str(k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _numbers(v, file, row, f"{field}[{i}]" if field else None)
    elif isinstance(obj, float) and not math.isfinite(obj):
        raise CurationError(file, row, field, f"{obj} is not a finite number")
    elif isinstance(obj, str) and len(obj) < 400 and _NUMERIC.match(obj) and not math.isfinite(float(obj.replace("_", ""))):
        raise CurationError(file, row, field, f"{obj} is not a finite number")  # YAML 1.1 reads 1.0e999 as text
    elif isinstance(obj, int) and not isinstance(obj, bool) and abs(obj) > sys.float_info.max:
        raise CurationError(file, row, field, "the number is too large")


def read_yaml(path: Path, root: Path | None = None):
    """Parse one curated file; any problem becomes a CurationError naming the file (and YAML line)."""
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CurationError(name, None, None, f"cannot be read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise CurationError(name, None, None, f"is {size / 1e6:.1f} MB; a curated file may be at most {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = path.read_bytes()[: MAX_BYTES + 1].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(name, None, None, f"not valid UTF-8 (byte {exc.start}): save the file as UTF-8") from None
    if "\ufffd" in text:
        raise CurationError(name, None, None, "contains U+FFFD replacement characters: the file was mis-encoded")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _Bounds as exc:
        raise CurationError(name, exc.problem_mark.line + 1 if exc.problem_mark else None, None, f"refused: {exc.problem}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        row = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(name, row, None, f"YAML syntax: {problem}") from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of more than 4,300 digits, nesting too deep
        raise CurationError(name, None, None, f"refused: {type(exc).__name__}: {str(exc)[:200]}") from None
    _numbers(data, name)
    return data


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

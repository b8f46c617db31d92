"""UI strings in Chinese and English, read from labels.yml beside this module."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).parent / "labels.yml").read_text(encoding="utf-8"))


def lang_of(value: object) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str) -> str:
    """The label `key` in `lang`; a missing key is a bug and raises."""
    return _labels()[key][lang_of(lang)]


def name(row, lang: str, base: str = "name") -> str:
    """The zh/en name column of a catalogue row (`name_zh` / `name_en`)."""
    return row[f"{base}_{lang_of(lang)}"]

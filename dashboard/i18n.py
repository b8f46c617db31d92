"""UI strings, one catalogue per language: locales/zh.yml and locales/en.yml beside this module, with the same keys."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


LOCALES = Path(__file__).parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    return yaml.safe_load((LOCALES / f"{lang_of(lang)}.yml").read_text(encoding="utf-8"))


def lang_of(value: object) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str) -> str:
    """The label `key` in `lang`; a missing key is a bug and raises."""
    return catalogue(lang)[key]


def name(row, lang: str, base: str = "name") -> str:
    """The zh/en name column of a catalogue row (`name_zh` / `name_en`)."""
    return row[f"{base}_{lang_of(lang)}"]

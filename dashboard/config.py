"""Page configuration files (YAML beside the code), read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml


@cache
def read(name: str) -> dict:
    return yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))

"""Every UI label exists in both languages, as plain text."""

from __future__ import annotations

from pathlib import Path

import yaml


def test_every_label_has_exactly_zh_and_en_text():
    labels = yaml.safe_load((Path(__file__).parents[2] / "dashboard" / "labels.yml").read_text(encoding="utf-8"))
    bad = {k: v for k, v in labels.items() if not isinstance(v, dict) or set(v) != {"zh", "en"} or not all(isinstance(x, str) and x for x in v.values())}
    assert not bad, bad


def test_method_text_is_paragraphs_of_plain_text():
    method = yaml.safe_load((Path(__file__).parents[2] / "dashboard" / "method.yml").read_text(encoding="utf-8"))
    assert set(method) == {"zh", "en"}
    assert all(isinstance(p, str) and len(p) > 20 for lang in method.values() for p in lang)

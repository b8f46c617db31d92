"""Every UI label exists in both languages, as plain text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

CJK = re.compile(r"[\u3400-\u9fff]")
# English words allowed in the Chinese catalogue: names and formats, not sentences
ZH_ALLOWED = {"fonts", "noto", "cjk", "Debian", "AI", "Token", "Agent", "PPT", "PNG", "SVG", "PDF", "CSV", "Parquet", "OpenRouter", "English", "CAGR", "pp", "TW"}


def _catalogues() -> dict[str, dict]:
    root = Path(__file__).parents[2] / "dashboard" / "locales"
    return {lang: yaml.safe_load((root / f"{lang}.yml").read_text(encoding="utf-8")) for lang in ("zh", "en")}


def test_one_catalogue_per_language_with_the_same_keys_and_plain_text():
    cats = _catalogues()
    assert set(cats["zh"]) == set(cats["en"]) and len(cats["zh"]) > 200
    for lang, cat in cats.items():
        bad = {k: v for k, v in cat.items() if not isinstance(v, str) or not v.strip()}
        assert not bad, (lang, bad)


def test_english_strings_are_english_and_chinese_strings_are_chinese():
    cats = _catalogues()
    assert not {k: v for k, v in cats["en"].items() if CJK.search(v) and k != "language"}, "Chinese in the English catalogue"
    for k, v in cats["zh"].items():
        if k == "language":
            continue
        words = [w for w in re.findall(r"[A-Za-z]{3,}", v) if w not in ZH_ALLOWED]
        assert len(words) < 3, (k, v)


def test_method_text_is_paragraphs_of_plain_text():
    method = yaml.safe_load((Path(__file__).parents[2] / "dashboard" / "method.yml").read_text(encoding="utf-8"))
    assert set(method) == {"zh", "en"}
    assert all(isinstance(p, str) and len(p) > 20 for lang in method.values() for p in lang)

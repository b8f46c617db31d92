"""Citation text for a chart: the book, the sections and lines of its claims, the data hash and build date."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import section_label
from dashboard.i18n import t

MAX_PLACES = 8


def _section_key(s: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(s).split("."))


def places(claims: pd.DataFrame, lang: str) -> str:
    """'§1.1.1 l. 150; §6 l. 1228, 1230' -- sections in book order, each with its lines."""
    if claims.empty:
        return ""
    word = "行" if lang == "zh" else "l."
    parts = []
    for section, g in sorted(claims.groupby("section"), key=lambda kv: _section_key(kv[0])):
        lines = ", ".join(str(int(x)) for x in sorted(set(g["line"])))
        label = section_label(section, lang)
        parts.append(f"{label} {word} {lines}" if lang == "en" else f"{label} 第 {lines} {word}")
    more = f"; {t('cite_more', lang)} {len(parts) - MAX_PLACES}" if len(parts) > MAX_PLACES else ""
    return "; ".join(parts[:MAX_PLACES]) + more


def citation(title: str, claims: pd.DataFrame, data_hash: str, built: str, lang: str) -> str:
    """Book, sections and lines of the claims (or events), the organisations they credit, data hash and build date."""
    orgs = ", ".join(dict.fromkeys(o for o in claims.get("org_name", pd.Series(dtype=object)) if isinstance(o, str)))
    book = t("book_short", lang)
    where = places(claims, lang)
    if lang == "zh":
        text = f"{title}。来源：{book}，{where}"
        if orgs:
            text += f"（引用 {orgs}）"
        return text + f"。{t('cite_dashboard', lang)}，数据哈希 {data_hash}，构建于 {built}。"
    text = f"{title}. Source: {book}, {where}"
    if orgs:
        text += f" (citing {orgs})"
    return text + f". {t('cite_dashboard', lang)}, data hash {data_hash}, built {built}."

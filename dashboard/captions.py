"""The texts an export prints around a chart: the subtitle (period, filters), the notes, the source line, the
footnote's line breaks, a count chart's headline and the slide's speaker notes. Pure: claims (and the build's hash
and date) in, text out; dashboard/exports.py lays them out on the image or the slide."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.cite import places
from dashboard.formatting import section_label
from dashboard.i18n import t


def _sep(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def period_span(claims: pd.DataFrame) -> str:
    """'2024' or '2020–2030': the years of the claims (their `year`, else their `date`); '' when none has one."""
    if "year" in claims:
        years = claims["year"].dropna()
    elif "date" in claims:
        years = pd.to_datetime(claims["date"]).dt.year
    else:
        years = pd.Series(dtype=float)
    if years.empty:
        return ""
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def source_text(claims: pd.DataFrame, lang: str, data_hash: str, built: str) -> str:
    """'Source: <book> §1.1 l. 5, citing IDC · <app>, data <hash> (<date>)': the book's places and the credited bodies."""
    orgs = ", ".join(dict.fromkeys(o for o in claims.get("org_name", pd.Series(dtype=object)).dropna()))
    where = places(claims, lang) if not claims.empty else ""
    book = t("book_short", lang)
    citing = f"{_sep(lang, '；', ', ')}{t('export_citing', lang)} {orgs}" if orgs else ""
    text = f"{t('export_source', lang)}{_sep(lang, '：', ': ')}{book} {where}{citing}"
    data = t("deck_data", lang).lower() if lang == "en" else t("deck_data", lang)
    return text + f" · {t('app_title', lang)}, {data} {data_hash} ({built})"


def subtitle_text(declared: str, claims: pd.DataFrame, filters: str, lang: str) -> str:
    """The chart's declared subtitle (else the claims' period span), then the active filters, joined by ' · '."""
    sub = declared or period_span(claims)
    parts = [p for p in (sub, f"{t('export_filters', lang)}: {filters}" if filters else "") if p]
    return " · ".join(parts)


def notes(claims: pd.DataFrame, lang: str) -> list[str]:
    """What a reader must know to read the chart right: forecasts, targets, derived points and how they were made
    (the first two methods)."""
    kinds = set(claims["kind"]) if "kind" in claims else set()
    out = []
    if kinds & {"forecast", "target"}:
        out.append(t("export_forecast_note", lang))
    if "derived" in claims and claims["derived"].astype(bool).any():
        methods = list(dict.fromkeys(claims.loc[claims["derived"].astype(bool), "method"].dropna()))
        out.append(t("export_derived_note", lang) + _sep(lang, "：", ": ") + _sep(lang, "；", "; ").join(methods[:2]))
    return out


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken at spaces or after CJK punctuation (never inside a word)."""
    lines, cur = [], ""
    for word in re.split(r"(?<=[ ；，、。])", text):
        if len(cur) + len(word) > width and cur:
            lines.append(cur.rstrip())
            cur = word.lstrip()
        else:
            cur += word
        while len(cur) > width:  # a run with no break (a long CJK sentence)
            lines.append(cur[:width])
            cur = cur[width:]
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def count_takeaway(claims: pd.DataFrame, lang: str) -> str:
    """A count chart's headline: how many figures, and the largest sector or jurisdiction."""
    if claims.empty:
        return ""
    col = next((k for k in ("sector_name", "jurisdiction") if k in claims), None)
    if col is None:
        return ""
    top = claims[col].value_counts()
    if lang == "zh":
        return f"共 {len(claims)} 条，最多的是 {top.index[0]}（{int(top.iloc[0])} 条）"
    return f"{len(claims)} in all; most in {top.index[0]} ({int(top.iloc[0])})"


def speaker_notes(claims: pd.DataFrame, lang: str, source: str, url: str) -> str:
    """Every figure on the slide with its claim id, the figure as printed, section and line, and the credited body
    (or every event, at most 60), then the source line and the view's URL."""
    lines = [t("deck_notes_sources", lang) + _sep(lang, "：", ":")]
    if not claims.empty and "claim_id" in claims:
        ids_col = "claim_ids" if "claim_ids" in claims else "claim_id"
        for _, r in claims.iterrows():
            where = f"{section_label(r['section'], lang)} {_sep(lang, '第 ', 'line ')}{int(r['line'])}{_sep(lang, ' 行', '')}" \
                if isinstance(r.get("section"), str) else ""
            printed = r["printed"] if isinstance(r.get("printed"), str) else (r.get("method") or "")
            org = f" · {r['org_name']}" if isinstance(r.get("org_name"), str) else ""
            lines.append(f"- {r[ids_col]} · {printed} · {where}{org}")
    elif "event_id" in claims:
        for _, r in claims.head(60).iterrows():
            lines.append(f"- {r['event_id']} · {r['title']} · {section_label(r['section'], lang)} {int(r['line'])}")
    lines.append(source)
    if url:
        lines.append(url)
    return "\n".join(lines)

"""Downloads of filtered claims: CSV (UTF-8 with BOM, so Excel reads Chinese) and Parquet, with telling names."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd

EXPORT_COLUMNS = ("claim_id", "indicator_id", "indicator_name", "sector", "geo", "entity_id", "entity", "entity_printed", "period", "year", "period_start", "period_end",
                  "value", "value_low", "value_high", "unit", "kind", "qualifier", "printed", "section", "line", "source_org", "org_name",
                  "about_zh", "about_en")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", str(text)).strip("-")[:40]


def filename(table: str, filters: dict[str, object], lang: str, ext: str, today: date | None = None) -> str:
    """aiplus-claims_sector-energy+ai_chips_q-GPU_en_2026-11-29.csv -- table, filters, language, date."""
    parts = []
    for key, value in filters.items():
        if value in (None, "", [], ()):
            continue
        vals = value if isinstance(value, list | tuple) else [value]
        slug = "+".join(_slug(v) for v in vals if _slug(v))
        if slug:
            parts.append(f"{key}-{slug}")
    body = "_".join(parts)[:120] or "all"
    return f"aiplus-{table}_{body}_{lang}_{(today or date.today()).isoformat()}.{ext}"


def export_frame(claims: pd.DataFrame) -> pd.DataFrame:
    return claims[list(EXPORT_COLUMNS)].reset_index(drop=True)


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()

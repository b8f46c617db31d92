"""Small hand-written claim rows for the exact-value tests: every column of the claims table, with defaults."""

from __future__ import annotations

from etl.periods import parse_period
from etl.tables import claims_frame


def claim(claim_id: str, value: float, printed: str, **kw) -> dict:
    """One claims-table row; `period` fills year, period_start and period_end (None leaves them empty)."""
    period = kw.pop("period", "2025")
    p = parse_period(period) if period is not None else None
    row = {
        "claim_id": claim_id, "indicator_id": "ai_market_size", "sector": "ai_apps", "geo": "WORLD",
        "entity_id": None, "entity": None, "period": period, "year": p.year if p else None,
        "period_start": p.start if p else None, "period_end": p.end if p else None,
        "value": value, "value_low": None, "value_high": None, "unit": "USD", "kind": "actual", "qualifier": None,
        "printed": printed, "section": "1.1", "line": 100, "source_org": None, "about_zh": "市场规模",
        "about_en": "Market size", "other_reason": None, "file": "datasets/claims/test.yml",
    }
    unknown = set(kw) - set(row)
    assert not unknown, f"not a claims column: {unknown}"
    row.update(kw)
    return row


def claims(*rows: dict):
    return claims_frame(list(rows))

"""Known errors and contradictions of the book, recorded in datasets/corrections.yml.

Each entry names the claims, says why, has a status, and carries a guard: a text that must still be
on a given line of the book, so an entry cannot silently outlive a new edition.
"""

from __future__ import annotations

from pathlib import Path

from etl.errors import CurationError
from etl.load import LINE_KEY, records
from etl.source import Book

STATUSES = ("open", "explained", "resolved")


def load_corrections(path: Path, claim_ids: set[str], book: Book | None) -> list[dict]:
    if not path.exists():
        return []
    name = "datasets/" + path.name
    out = []
    for rec in records(path):
        row = rec.get(LINE_KEY)
        for f in ("id", "claim_ids", "status", "reason_en", "reason_zh", "guard"):
            if not rec.get(f):
                raise CurationError(name, row, f, "required field missing", rec.get("id"))
        if rec["status"] not in STATUSES:
            raise CurationError(name, row, "status", f"status must be one of {', '.join(STATUSES)}", rec["id"])
        missing = [c for c in rec["claim_ids"] if c not in claim_ids]
        if missing:
            raise CurationError(name, row, "claim_ids", f"unknown claims {missing}", rec["id"])
        guard = rec["guard"]
        if book is not None and guard["text"] not in book.line(int(guard["line"])):
            raise CurationError(
                name, row, "guard", f"{guard['text']!r} is no longer on line {guard['line']}: re-check this correction", rec["id"]
            )
        out.append({k: v for k, v in rec.items() if k != LINE_KEY})
    return out

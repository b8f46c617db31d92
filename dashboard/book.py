"""The book's text at run time, for provenance only: the cited line with the printed figure marked, and its
neighbours. Nothing of the text is stored in the repository or the tables; it is read from the source file
(`AIPLUS_SOURCE` or ../shared/source) when a claim is shown, and only when its sha256 is the one the build used."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from etl.source import Book, load_book, source_path

WINDOW = 80  # characters shown either side of the figure before "show the whole paragraph"


@dataclass(frozen=True)
class Excerpt:
    before: str  # text just before the figure (clipped to WINDOW, with … when clipped)
    figure: str  # the figure as printed
    after: str
    paragraph: str  # the whole line
    previous: str  # the line before (empty at the start)
    following: str


@lru_cache(maxsize=4)
def _book(sha256: str) -> Book | None:
    path = source_path()
    if path is None:
        return None
    book = load_book(str(path))
    return book if book.sha256 == sha256 else None


def excerpt(sha256: str, line: int, printed: str | None) -> Excerpt | None:
    """The cited line around `printed`; None when the book is not available (or is another edition)."""
    book = _book(sha256)
    if book is None or not 1 <= line <= len(book):
        return None
    text = book.line(line)
    at = text.find(printed) if printed else -1
    if at < 0:
        before, figure, after = text[: 2 * WINDOW], "", ""
    else:
        before, figure, after = text[:at], printed, text[at + len(printed):]
    if len(before) > WINDOW:
        before = "…" + before[-WINDOW:]
    if len(after) > WINDOW:
        after = after[:WINDOW] + "…"
    previous = book.line(line - 1) if line > 1 else ""
    following = book.line(line + 1) if line < len(book) else ""
    return Excerpt(before, figure, after, text, previous, following)

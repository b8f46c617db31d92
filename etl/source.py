"""The book's text: locating the source file, its lines and the section that holds each line."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_NAME = "ai-plus-blue-book-2026.txt"

_HEADING = re.compile(r"^(?:第\s*(\d+)\s*章|(\d+(?:\.\d+){1,2})\s*\S|(序言|后记|本章参考资料)\s*$)")


def source_path() -> Path | None:
    """The book's text: $AIPLUS_SOURCE, else ../shared/source/ beside the checkout; None when absent."""
    env = os.environ.get("AIPLUS_SOURCE")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "source" / SOURCE_NAME]
    for path in candidates:
        if path.is_file():
            return path
    return None


@dataclass(frozen=True)
class Book:
    lines: tuple[str, ...]
    sections: tuple[str, ...]  # per line (0-based index); "" before the first heading
    sha256: str

    def line(self, number: int) -> str:
        """1-based line text."""
        return self.lines[number - 1]

    def section_of(self, number: int) -> str:
        return self.sections[number - 1]

    def __len__(self) -> int:
        return len(self.lines)


def _sections(lines: list[str]) -> list[str]:
    out: list[str] = []
    current = ""
    chapter = 0
    for i, text in enumerate(lines, start=1):
        if i >= 120:  # lines 1-119 are the cover and table of contents
            m = _HEADING.match(text)
            if m:
                if m.group(1):
                    chapter = int(m.group(1))
                    current = str(chapter)
                elif m.group(2):
                    num = m.group(2)
                    if int(num.split(".")[0]) == chapter:
                        current = num
                else:
                    word = m.group(3)
                    current = "references" if word == "本章参考资料" else word
        out.append(current)
    return out


@lru_cache(maxsize=4)
def load_book(path: str | None = None) -> Book:
    p = Path(path) if path else source_path()
    if p is None:
        raise FileNotFoundError(
            f"the book's text {SOURCE_NAME} was not found; set AIPLUS_SOURCE or place it in ../shared/source/"
        )
    raw = p.read_bytes()
    lines = raw.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Book(tuple(lines), tuple(_sections(lines)), hashlib.sha256(raw).hexdigest())

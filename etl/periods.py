"""Period labels -> (year, period_start, period_end).

Grammar (see datasets/README.md): 2025 | 2025H1 | 2025Q3 | 2025Q1-Q3 | 2025-12 | 2025-12-31 |
2026-02-09/2026-02-15 | 2025-start | 2025-end | 2025/2033.
`year` is the period's end year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """A period label outside the grammar, or one naming an impossible date."""


@dataclass(frozen=True)
class Period:
    label: str
    year: int
    start: date
    end: date
    granularity: str  # year | half | quarter | quarters | month | day | span | point | years


_YEAR_MIN, _YEAR_MAX = 1900, 2100


def _year(text: str) -> int:
    y = int(text)
    if not _YEAR_MIN <= y <= _YEAR_MAX:
        raise PeriodError(f"year {y} outside {_YEAR_MIN}-{_YEAR_MAX}")
    return y


def _day(text: str) -> date:
    try:
        y, m, d = (int(p) for p in text.split("-"))
        _year(str(y))
        return date(y, m, d)
    except ValueError as exc:
        raise PeriodError(f"impossible date {text!r}: {exc}") from None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_period(label: object) -> Period:
    if isinstance(label, int):
        label = str(label)
    if not isinstance(label, str) or not label.strip():
        raise PeriodError(f"period must be a text label, got {label!r}")
    s = label.strip()
    if m := re.fullmatch(r"(\d{4})", s):
        y = _year(m[1])
        return Period(s, y, date(y, 1, 1), date(y, 12, 31), "year")
    if m := re.fullmatch(r"(\d{4})H([12])", s):
        y, h = _year(m[1]), int(m[2])
        return Period(s, y, date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), "half")
    if m := re.fullmatch(r"(\d{4})Q([1-4])", s):
        y, q = _year(m[1]), int(m[2])
        return Period(s, y, date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
    if m := re.fullmatch(r"(\d{4})Q([1-4])-Q([1-4])", s):
        y, q1, q2 = _year(m[1]), int(m[2]), int(m[3])
        if q1 >= q2:
            raise PeriodError(f"quarter span {s!r} runs backwards")
        return Period(s, y, date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q2), "quarters")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        y, mo = _year(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise PeriodError(f"impossible month {s!r}")
        return Period(s, y, date(y, mo, 1), _month_end(y, mo), "month")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        d = _day(s)
        return Period(s, d.year, d, d, "day")
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", s):
        a, b = _day(m[1]), _day(m[2])
        if a > b:
            raise PeriodError(f"span {s!r} runs backwards")
        return Period(s, b.year, a, b, "span")
    if m := re.fullmatch(r"(\d{4})-(start|end)", s):
        y = _year(m[1])
        d = date(y, 1, 1) if m[2] == "start" else date(y, 12, 31)
        return Period(s, y, d, d, "point")
    if m := re.fullmatch(r"(\d{4})/(\d{4})", s):
        a, b = _year(m[1]), _year(m[2])
        if a >= b:
            raise PeriodError(f"year span {s!r} runs backwards")
        return Period(s, b, date(a, 1, 1), date(b, 12, 31), "years")
    raise PeriodError(f"unknown period form {s!r} (see datasets/README.md)")


def parse_event_date(text: object) -> tuple[date, str]:
    """An event date YYYY | YYYY-MM | YYYY-MM-DD -> (first day, precision)."""
    s = str(text).strip()
    if re.fullmatch(r"\d{4}", s):
        return date(_year(s), 1, 1), "year"
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
        mo = int(m[2])
        if not 1 <= mo <= 12:
            raise PeriodError(f"impossible month {s!r}")
        return date(_year(m[1]), mo, 1), "month"
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
        return _day(s), "day"
    raise PeriodError(f"event date {s!r} is not YYYY, YYYY-MM or YYYY-MM-DD")

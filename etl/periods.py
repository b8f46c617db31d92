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


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTERS_ZH = {"1": "一", "2": "二", "3": "三", "4": "四"}


def period_text(label: str | None, lang: str) -> str:
    """A period label as a reader says it: 2025H1 -> 'H1 2025' / '2025 年上半年', 2025-end -> 'end-2025' / '2025 年底',
    2026-02-09/2026-02-15 -> '9–15 Feb 2026' / '2026 年 2 月 9—15 日'. Unknown forms are returned unchanged."""
    if not isinstance(label, str) or not label:
        return ""
    zh = lang == "zh"
    if re.fullmatch(r"\d{4}", label):
        return f"{label} 年" if zh else label
    m = re.fullmatch(r"(\d{4})H([12])", label)
    if m:
        return f"{m[1]} 年{'上' if m[2] == '1' else '下'}半年" if zh else f"H{m[2]} {m[1]}"
    m = re.fullmatch(r"(\d{4})Q([1-4])", label)
    if m:
        return f"{m[1]} 年第{_QUARTERS_ZH[m[2]]}季度" if zh else f"Q{m[2]} {m[1]}"
    m = re.fullmatch(r"(\d{4})Q1-Q([2-4])", label)
    if m:
        return f"{m[1]} 年前{_QUARTERS_ZH[m[2]]}季度" if zh else f"Q1–Q{m[2]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if m:
        return f"{m[1]} 年 {int(m[2])} 月" if zh else f"{_MONTHS_EN[int(m[2]) - 1]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", label)
    if m:
        return f"{m[1]} 年 {int(m[2])} 月 {int(m[3])} 日" if zh else f"{int(m[3])} {_MONTHS_EN[int(m[2]) - 1]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-(start|end)", label)
    if m:
        return f"{m[1]} 年{'初' if m[2] == 'start' else '底'}" if zh else f"{'early' if m[2] == 'start' else 'end-'}{' ' if m[2] == 'start' else ''}{m[1]}"
    m = re.fullmatch(r"(\d{4})/(\d{4})", label)
    if m:
        return f"{m[1]}—{m[2]} 年" if zh else f"{m[1]}–{m[2]}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})", label)
    if m:
        y1, m1, d1, y2, m2, d2 = m.groups()
        if (y1, m1) == (y2, m2):
            return f"{y1} 年 {int(m1)} 月 {int(d1)}—{int(d2)} 日" if zh else f"{int(d1)}–{int(d2)} {_MONTHS_EN[int(m1) - 1]} {y1}"
        return (f"{y1} 年 {int(m1)} 月 {int(d1)} 日—{y2} 年 {int(m2)} 月 {int(d2)} 日" if zh
                else f"{int(d1)} {_MONTHS_EN[int(m1) - 1]} {y1}–{int(d2)} {_MONTHS_EN[int(m2) - 1]} {y2}")
    return label

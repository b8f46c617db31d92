"""Period labels: every form the book uses, and impossible ones rejected."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.periods import PeriodError, parse_event_date, parse_period


def test_year():
    p = parse_period("2025")
    assert (p.year, p.start, p.end) == (2025, date(2025, 1, 1), date(2025, 12, 31))
    assert parse_period(2025).label == "2025"


def test_h1_period_parses_to_first_half():
    p = parse_period("2025H1")
    assert (p.year, p.start, p.end, p.granularity) == (2025, date(2025, 1, 1), date(2025, 6, 30), "half")
    assert parse_period("2025H2").start == date(2025, 7, 1)


def test_quarter_and_first_three_quarters():
    assert parse_period("2025Q3").start == date(2025, 7, 1)
    assert parse_period("2025Q3").end == date(2025, 9, 30)
    p = parse_period("2025Q1-Q3")
    assert (p.start, p.end) == (date(2025, 1, 1), date(2025, 9, 30))


def test_month_day_and_week_span():
    assert parse_period("2024-02").end == date(2024, 2, 29)
    assert parse_period("2025-12-31").start == date(2025, 12, 31)
    p = parse_period("2026-02-09/2026-02-15")
    assert (p.year, p.start, p.end, p.granularity) == (2026, date(2026, 2, 9), date(2026, 2, 15), "span")


def test_start_and_end_of_year_are_points():
    assert parse_period("2025-end").start == parse_period("2025-end").end == date(2025, 12, 31)
    assert parse_period("2024-start").end == date(2024, 1, 1)


def test_year_span_takes_its_end_year():
    p = parse_period("2025/2033")
    assert (p.year, p.start, p.end) == (2033, date(2025, 1, 1), date(2033, 12, 31))


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "2025H3", "2025Q5", "2025Q3-Q1", "2033/2025", "1850", "25", "next year", "", None,
                                 "2026-02-15/2026-02-09", "2025-00"])
def test_impossible_periods_are_rejected(bad):
    with pytest.raises(PeriodError):
        parse_period(bad)


def test_event_dates_keep_their_precision():
    assert parse_event_date("2025") == (date(2025, 1, 1), "year")
    assert parse_event_date("2025-08") == (date(2025, 8, 1), "month")
    assert parse_event_date("2025-08-21") == (date(2025, 8, 21), "day")
    with pytest.raises(PeriodError):
        parse_event_date("2025-08-32")


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_any_real_day_round_trips(d):
    p = parse_period(d.isoformat())
    assert p.start == p.end == d and p.year == d.year


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_any_month_spans_the_whole_month(y, m):
    p = parse_period(f"{y}-{m:02d}")
    assert p.start.day == 1 and p.start.month == p.end.month == m and (p.end.toordinal() - p.start.toordinal()) in range(27, 31)

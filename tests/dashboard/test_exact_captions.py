"""The texts an export prints around a chart (dashboard/captions.py), exactly, on hand-written claims."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import captions

BOOK_EN = "2026 AI+ Industry Blue Book"
BOOK_ZH = "《2026“人工智能+”行业发展蓝皮书》"

CLAIMS = pd.DataFrame({
    "claim_id": ["c1", "c2", "c3", "c4"], "section": ["2.3", "1.1", "1.1", "1.1"], "line": [50, 12, 10, 12],
    "org_name": ["IDC", "Gartner", "IDC", None], "year": [2024.0, 2020.0, None, 2022.0],
    "kind": ["actual", "actual", "actual", "actual"], "derived": [False, False, False, False],
    "printed": ["3909 亿美元", "5 倍", "60%", "2 万"], "method": [None, None, None, None],
})


# -- period_span --------------------------------------------------------------------------------------------------------
def test_the_period_span_is_the_first_to_the_last_year():
    assert captions.period_span(CLAIMS) == "2020–2024"
    assert captions.period_span(CLAIMS.iloc[:1]) == "2024"
    assert captions.period_span(CLAIMS.iloc[2:3]) == ""  # an undated claim has no period


def test_the_period_span_of_events_comes_from_their_dates():
    events = pd.DataFrame({"date": ["2019-05-01", "2023-01-31", "2021-07-01"]})
    assert captions.period_span(events) == "2019–2023"
    assert captions.period_span(pd.DataFrame({"label": ["a"]})) == ""
    assert captions.period_span(pd.DataFrame({"date": []})) == ""


# -- source_text --------------------------------------------------------------------------------------------------------
def test_the_source_line_names_the_places_in_book_order_the_credited_bodies_and_the_build():
    assert captions.source_text(CLAIMS, "en", "abc123", "2026-12-01") == (
        f"Source: {BOOK_EN} §1.1 l. 10, 12; §2.3 l. 50, citing IDC, Gartner · AI+ Indicators, data abc123 (2026-12-01)")
    assert captions.source_text(CLAIMS, "zh", "abc123", "2026-12-01") == (
        f"来源：{BOOK_ZH} §1.1 第 10, 12 行; §2.3 第 50 行；引用 IDC, Gartner · AI+ 指标, 数据版本 abc123 (2026-12-01)")


def test_the_source_line_without_bodies_or_claims():
    no_orgs = CLAIMS.drop(columns="org_name")
    assert captions.source_text(no_orgs, "en", "h", "d") == f"Source: {BOOK_EN} §1.1 l. 10, 12; §2.3 l. 50 · AI+ Indicators, data h (d)"
    assert captions.source_text(CLAIMS.iloc[0:0], "zh", "h", "d") == f"来源：{BOOK_ZH}  · AI+ 指标, 数据版本 h (d)"


# -- subtitle_text ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("declared", "filters", "lang", "text"), [
    ("World · USD", "Sector: Energy", "en", "World · USD · Filters: Sector: Energy"),
    ("全球 · 美元", "行业/领域: 能源", "zh", "全球 · 美元 · 筛选: 行业/领域: 能源"),
    ("World · USD", "", "en", "World · USD"),
    ("", "", "en", "2020–2024"),
    ("", "Sector: Energy", "en", "2020–2024 · Filters: Sector: Energy"),
])
def test_the_subtitle_is_the_declared_one_or_the_period_then_the_filters(declared, filters, lang, text):
    assert captions.subtitle_text(declared, CLAIMS, filters, lang) == text


def test_a_subtitle_of_nothing_is_empty():
    assert captions.subtitle_text("", CLAIMS.iloc[2:3], "", "en") == ""
    assert captions.subtitle_text("", CLAIMS.iloc[2:3], "Sector: Energy", "en") == "Filters: Sector: Energy"


# -- notes ----------------------------------------------------------------------------------------------------------
def test_actual_figures_need_no_note():
    assert captions.notes(CLAIMS, "en") == []
    assert captions.notes(CLAIMS.drop(columns=["kind", "derived"]), "en") == []


@pytest.mark.parametrize("kind", ["forecast", "target"])
def test_forecasts_and_targets_are_noted(kind):
    c = CLAIMS.assign(kind=["actual", kind, "actual", "actual"])
    assert captions.notes(c, "en") == ["Dashed or hatched: forecast, target or projected"]
    assert captions.notes(c, "zh") == ["虚线/斜线：预测、目标或推算值"]


def test_derived_points_are_noted_with_their_first_two_methods():
    c = CLAIMS.assign(derived=[True, True, True, False], kind="derived", method=["CAGR 30%", "share", "CAGR 30%", None])
    assert captions.notes(c, "en") == ["Derived, not printed: CAGR 30%; share"]
    assert captions.notes(c, "zh") == ["推算值（非书中数字）：CAGR 30%；share"]
    three = c.assign(method=["m1", "m2", "m3", None])
    assert captions.notes(three, "en") == ["Derived, not printed: m1; m2"]
    both = c.assign(kind=["derived", "forecast", "derived", "actual"])
    assert captions.notes(both, "en") == ["Dashed or hatched: forecast, target or projected",
                                          "Derived, not printed: CAGR 30%; share"]


# -- wrap -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "width", "lines"), [
    ("aaa bbb ccc", 7, ["aaa", "bbb ccc"]),
    ("aaa bbb ccc", 8, ["aaa bbb", "ccc"]),
    ("aaa bbb ccc", 11, ["aaa bbb ccc"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("ab abcdefghij", 4, ["ab", "abcd", "efgh", "ij"]),
    ("甲乙，丙丁。戊", 3, ["甲乙，", "丙丁。", "戊"]),
    ("甲乙；丙、丁", 4, ["甲乙；", "丙、丁"]),
    ("   ", 5, []),
    ("aaa bbb  ", 20, ["aaa bbb"]),
    (" aaa", 20, [" aaa"]),
    ("", 5, []),
])
def test_wrap_breaks_at_spaces_and_after_cjk_punctuation(text, width, lines):
    assert captions.wrap(text, width) == lines


# -- count_takeaway ---------------------------------------------------------------------------------------------------
def test_a_count_chart_headline_names_the_largest_category():
    c = pd.DataFrame({"sector_name": ["Energy", "Health", "Energy"], "jurisdiction": ["CN", "CN", "US"]})
    assert captions.count_takeaway(c, "en") == "3 in all; most in Energy (2)"
    assert captions.count_takeaway(c, "zh") == "共 3 条，最多的是 Energy（2 条）"
    assert captions.count_takeaway(c.drop(columns="sector_name"), "en") == "3 in all; most in CN (2)"
    assert captions.count_takeaway(c.drop(columns=["sector_name", "jurisdiction"]).assign(x=1), "en") == ""
    assert captions.count_takeaway(c.iloc[0:0], "en") == ""


# -- speaker_notes ----------------------------------------------------------------------------------------------------
NOTED = pd.DataFrame({
    "claim_id": ["c1", "c2"], "section": ["1.1", None], "line": [10, None], "printed": ["3909 亿美元", None],
    "method": [None, "CAGR 30.6%"], "org_name": ["IDC", None],
})


def test_speaker_notes_list_every_figure_then_the_source_and_the_url():
    assert captions.speaker_notes(NOTED, "en", "SOURCE", "http://x/?a=1") == "\n".join([
        "Sources (book, section and line of every figure on this slide):",
        "- c1 · 3909 亿美元 · §1.1 line 10 · IDC", "- c2 · CAGR 30.6% · ", "SOURCE", "http://x/?a=1"])
    assert captions.speaker_notes(NOTED, "zh", "来源", "") == "\n".join([
        "出处（本页每个数字在书中的章节与行）：", "- c1 · 3909 亿美元 · §1.1 第 10 行 · IDC", "- c2 · CAGR 30.6% · ", "来源"])


def test_speaker_notes_use_all_the_claim_ids_of_a_point():
    pts = NOTED.assign(claim_ids=["c1,c9", "c2"], section=["序言", "2.3"], line=[3, 7], method=[None, None], printed=[None, None])
    assert captions.speaker_notes(pts, "en", "S", "") == "\n".join([
        "Sources (book, section and line of every figure on this slide):",
        "- c1,c9 ·  · Preface line 3 · IDC", "- c2 ·  · §2.3 line 7", "S"])


def test_speaker_notes_of_events_list_at_most_sixty():
    ev = pd.DataFrame({"event_id": [f"e{i}" for i in range(61)], "title": "T", "section": "2.3", "line": 12})
    text = captions.speaker_notes(ev, "en", "S", "")
    lines = text.split("\n")
    assert len(lines) == 62 and lines[1] == "- e0 · T · §2.3 12" and lines[60] == "- e59 · T · §2.3 12" and lines[-1] == "S"
    preface = ev.head(1).assign(section="序言")
    assert captions.speaker_notes(preface, "en", "S", "").split("\n")[1] == "- e0 · T · Preface 12"
    assert captions.speaker_notes(NOTED.iloc[0:0], "en", "S", "") == \
        "Sources (book, section and line of every figure on this slide):\nS"
    assert captions.speaker_notes(pd.DataFrame({"x": [1]}), "zh", "S", "u") == "出处（本页每个数字在书中的章节与行）：\nS\nu"

"""Malformed curated records: each makes `aiplus build` exit non-zero with one message naming file, row and
field, and leaves the previous build untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from etl.catalog import DATASETS

GOOD = """\
- id: t-0001
  line: 150
  section: "1.1.1"
  printed: 3909 亿美元
  indicator: ai_market_size
  sector: ai_apps
  geo: WORLD
  period: "2025"
  kind: estimate
  qualifier: 约
  org: grand_view_research
  about_zh: 全球人工智能市场规模
  about_en: Global AI market size
"""
GOOD_EVENT = """\
- id: te-0001
  line: 156
  section: "1.1.2"
  date: 2025-08
  jurisdiction: CN
  title: 关于深入实施人工智能+行动的意见
  kind: policy
  title_en: Opinions on the AI+ action
  body: 国务院
  body_en: State Council
"""
CHARTS = """\
- id: card-test
  page: overview
  type: card
  title: {zh: 测试, en: Test}
  measure: ai_market_size
  main: {claim: t-0001}
"""


@pytest.fixture
def workspace(tmp_path):
    """A datasets folder with the real catalogues and one good claim, built once."""
    root = tmp_path / "datasets"
    root.mkdir()
    for f in DATASETS.glob("*.yml"):
        shutil.copy(f, root / f.name)
    (root / "claims").mkdir()
    (root / "events").mkdir()
    (root / "claims" / "good.yml").write_text(GOOD, encoding="utf-8")
    (root / "events" / "good.yml").write_text(GOOD_EVENT, encoding="utf-8")
    (root / "charts.yml").write_text(CHARTS, encoding="utf-8")
    (root / "corrections.yml").write_text("[]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "--datasets", str(root)]) == 0
    return root, out


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BOOK = pytest.mark.usefixtures("book")  # cases that compare with the book's text

CASES = [
    # (case id, file, content, expected field, fragment of the message)
    ("missing_field", "claims/bad.yml", lambda: _edit(GOOD, "  indicator: ai_market_size\n", ""), "indicator", "required field missing"),
    ("unknown_unit", "claims/bad.yml", lambda: _edit(_edit(GOOD, "3909 亿美元", "12 斤"), "line: 150", "line: 150"), "printed", "unknown unit"),
    ("non_numeric_value", "claims/bad.yml", lambda: _edit(GOOD, "printed: 3909 亿美元", "printed: 很多美元"), "printed", "no number"),
    ("unknown_indicator", "claims/bad.yml", lambda: _edit(GOOD, "ai_market_size", "ai_market_sise"), "indicator", "unknown indicator"),
    ("unknown_sector", "claims/bad.yml", lambda: _edit(GOOD, "sector: ai_apps", "sector: fishing"), "sector", "unknown sector"),
    ("unknown_geo", "claims/bad.yml", lambda: _edit(GOOD, "geo: WORLD", "geo: ATLANTIS"), "geo", "unknown geo"),
    ("unknown_org", "claims/bad.yml", lambda: _edit(GOOD, "org: grand_view_research", "org: nobody"), "org", "unknown organisation"),
    ("duplicate_id", "claims/zz_dupe.yml", lambda: GOOD, "id", "duplicate id"),
    ("impossible_period", "claims/bad.yml", lambda: _edit(GOOD, 'period: "2025"', 'period: "2025-13"'), "period", "impossible month"),
    ("unknown_period_form", "claims/bad.yml", lambda: _edit(GOOD, 'period: "2025"', 'period: "next year"'), "period", "unknown period form"),
    ("backwards_span", "claims/bad.yml", lambda: _edit(GOOD, 'period: "2025"', 'period: "2033/2025"'), "period", "backwards"),
    ("unknown_kind", "claims/bad.yml", lambda: _edit(GOOD, "kind: estimate", "kind: rumour"), "kind", "not one of"),
    ("unknown_qualifier", "claims/bad.yml", lambda: _edit(GOOD, "qualifier: 约", "qualifier: 也许"), "qualifier", "unknown qualifier"),
    ("unknown_field", "claims/bad.yml", lambda: GOOD + "  indicatr: x\n", "indicatr", "unknown field"),
    ("line_not_a_number", "claims/bad.yml", lambda: _edit(GOOD, "line: 150", "line: one-fifty"), "line", "positive whole number"),
    ("printed_not_text", "claims/bad.yml", lambda: _edit(GOOD, "printed: 3909 亿美元", "printed: 3909"), "printed", "quoted text"),
    ("range_backwards", "claims/bad.yml", lambda: _edit(GOOD, "printed: 3909 亿美元", "printed: 80%-60%"), "printed", "backwards"),
    ("hint_contradicts_printed", "claims/bad.yml", lambda: GOOD + "  unit: Token\n", "unit", "prints"),
    ("bad_per", "claims/bad.yml", lambda: GOOD + "  per: fortnight\n", "per", "is not one of"),
    ("no_unit_at_all", "claims/bad.yml", lambda: _edit(GOOD, "printed: 3909 亿美元", "printed: '3909'"), "printed", "prints no unit"),
    ("control_character", "claims/bad.yml", lambda: _edit(GOOD, "about_en: Global AI market size", 'about_en: "market\\u202esize"'), "about_en", "control character U+202E"),
    ("null_byte_in_entity", "claims/bad.yml", lambda: GOOD + '  entity: google\n  entity_printed: "ab\\x00c"\n', "entity_printed", "control character U+0000"),
    ("overlong_about", "claims/bad.yml", lambda: _edit(GOOD, "about_en: Global AI market size", "about_en: " + "x" * 400), "about_en", "at most 160"),
    ("event_overlong_body", "events/bad.yml", lambda: _edit(GOOD_EVENT.replace("te-0001", "te-0002"), "body: 国务院", "body: " + "机" * 300), "body", "at most 200"),
    ("yaml_syntax", "claims/bad.yml", lambda: GOOD + "  note: [unclosed\n", None, "YAML syntax"),
    ("duplicate_key", "claims/bad.yml", lambda: GOOD + "  geo: CN\n", None, "duplicate key"),
    ("record_not_mapping", "claims/bad.yml", lambda: "- just a string\n", None, "not a mapping"),
    ("event_bad_date", "events/bad.yml", lambda: _edit(GOOD_EVENT.replace("te-0001", "te-0002"), "date: 2025-08", "date: 2025-14"), "date", "impossible month"),
    ("event_unknown_jurisdiction", "events/bad.yml", lambda: _edit(GOOD_EVENT.replace("te-0001", "te-0002"), "jurisdiction: CN", "jurisdiction: XX"), "jurisdiction", "unknown jurisdiction"),
    ("event_unknown_kind", "events/bad.yml", lambda: _edit(GOOD_EVENT.replace("te-0001", "te-0002"), "kind: policy", "kind: memo"), "kind", "not one of"),
]
EVENT2 = GOOD_EVENT.replace("te-0001", "te-0002")
MENTION = """\
- id: te-0003
  line: 156
  section: "1.1.2"
  title: 关于深入实施人工智能+行动的意见
  mention_of: te-0001
"""
# more claims beside the good one, for the chart rules: a CAGR and a 2033 forecast of the same measure, and the
# AI-Agent market (another measure), all printed on line 150
MORE = GOOD.replace("t-0001", "t-0002").replace("printed: 3909 亿美元", "printed: 30.6%").replace("kind: estimate", "kind: cagr") \
    .replace('period: "2025"', 'period: "2025/2033"') + GOOD.replace("t-0001", "t-0003").replace("printed: 3909 亿美元", "printed: 76.3 亿美元") \
    .replace("indicator: ai_market_size", "indicator: ai_agent_market_size") + GOOD.replace("t-0001", "t-0004") \
    .replace("printed: 3909 亿美元", "printed: 3.5 万亿美元")


def _chart(body: str) -> str:
    return "- id: chart-test\n  page: overview\n  title: {zh: 测试, en: Test}\n" + body


RULE_CASES = [
    # the measure layer: a claim is in its indicator's unit family, or a growth rate of it
    ("unit_family_mismatch", "claims/bad.yml", lambda: _edit(GOOD, "printed: 3909 亿美元", "printed: 30.6%"), "indicator", "choose the measure"),
    ("growth_rate_not_a_ratio", "claims/bad.yml", lambda: _edit(GOOD, "kind: estimate", "kind: cagr"), "kind", "growth rate"),
    ("missing_about_zh", "claims/bad.yml", lambda: _edit(GOOD, "  about_zh: 全球人工智能市场规模\n", ""), "about_zh", "required field missing"),
    ("empty_about_en", "claims/bad.yml", lambda: _edit(GOOD, "about_en: Global AI market size", 'about_en: "  "'), "about_en", "must not be empty"),
    ("chinese_in_english_about", "claims/bad.yml", lambda: _edit(GOOD, "about_en: Global AI", "about_en: 谷歌 AI"), "about_en", "Chinese characters"),
    ("unknown_entity", "claims/bad.yml", lambda: GOOD + "  entity: nobody_corp\n", "entity", "unknown entity"),
    ("printed_entity_without_id", "claims/bad.yml", lambda: GOOD + "  entity_printed: 谷歌\n", "entity_printed", "needs the entity's id"),
    ("other_reason_outside_other", "claims/bad.yml", lambda: GOOD + "  other_reason: no peer\n", "other_reason", "only such a claim"),
    # events: one row per event, further mentions point to it
    ("event_missing_title_en", "events/bad.yml", lambda: _edit(EVENT2, "  title_en: Opinions on the AI+ action\n", ""), "title_en", "required field missing"),
    ("event_body_without_english", "events/bad.yml", lambda: _edit(EVENT2, "  body_en: State Council\n", ""), "body_en", "both languages"),
    ("event_mention_of_nothing", "events/bad.yml", lambda: _edit(MENTION, "mention_of: te-0001", "mention_of: te-9999").replace("te-0003", "te-0004"), "mention_of", "is no event"),
    ("event_mention_with_date", "events/bad.yml", lambda: MENTION + "  date: 2025-08\n", "date", "further mention"),
    ("event_kind_unknown_law_stage", "events/bad.yml", lambda: _edit(EVENT2, "kind: policy", "kind: rumour"), "kind", "not one of"),
    # charts declared in data
    ("chart_unknown_measure", "charts.yml", lambda: _chart("  type: card\n  measure: nothing\n  main: {claim: t-0001}\n"), "measure", "unknown measure"),
    ("chart_unknown_claim", "charts.yml", lambda: _chart("  type: card\n  measure: ai_market_size\n  main: {claim: t-9999}\n"), "main", "unknown claim"),
    ("card_selects_no_claim", "charts.yml", lambda: _chart("  type: card\n  measure: ai_market_size\n  main: {select: {geo: CN}}\n"), "main", "exactly one claim, found 0"),
    ("card_selects_two_claims", "charts.yml", lambda: _chart("  type: card\n  measure: ai_market_size\n  main: {select: {geo: WORLD}}\n"), "main", "exactly one claim, found 3"),
    ("chart_mixes_measures", "charts.yml", lambda: _chart("  type: bar\n  measure: ai_market_size\n  series:\n    - {id: a, name: {zh: 甲, en: A}, claims: [t-0001, t-0003]}\n"), "measure", "one measure per chart"),
    ("chart_mixes_units", "charts.yml", lambda: _chart("  type: bar\n  measure: ai_market_size\n  series:\n    - {id: a, name: {zh: 甲, en: A}, claims: [t-0001, t-0002]}\n"), "series", "mixes units"),
    ("chart_two_values_one_point", "charts.yml", lambda: _chart("  type: line\n  measure: ai_market_size\n  series:\n    - {id: a, name: {zh: 甲, en: A}, claims: [t-0001, t-0004]}\n"), "series[0]", "two printed values for one point"),
    ("chart_unknown_spark", "charts.yml", lambda: _chart("  type: card\n  measure: ai_market_size\n  main: {claim: t-0001}\n  spark: nowhere\n"), "spark", "not a line chart"),
    ("chart_unknown_key", "charts.yml", lambda: _chart("  type: card\n  measure: ai_market_size\n  main: {claim: t-0001}\n  query: {geo: WORLD}\n"), "query", "unknown key"),
    ("projection_from_a_level", "charts.yml", lambda: _chart("  type: line\n  measure: ai_market_size\n  series:\n    - {id: p, name: {zh: 推算, en: Path}, project: {base: t-0001, cagr: t-0001, to: 2030}}\n"), "series[0].project.cagr", "not a CAGR"),
    # catalogues
    ("unit_factor_not_finite", "units.yml", lambda: (DATASETS / "units.yml").read_text(encoding="utf-8").replace("元: {unit: CNY, factor: 1}", "元: {unit: CNY, factor: .inf}", 1), "factor", "finite"),
    ("organisation_without_english", "organisations.yml", lambda: '- {id: "grand_view_research", name_zh: "Grand View Research", kind: "research_firm"}\n', "name_en", "required field missing"),
]
BOOK_CASES = [
    ("about_copies_the_book", "claims/bad.yml", lambda: _edit(GOOD, "about_zh: 全球人工智能市场规模", "about_zh: 全球AI市场总规模约为"), "about_zh", "copies the book"),
    ("printed_not_on_line", "claims/bad.yml", lambda: _edit(GOOD, "line: 150", "line: 151"), "printed", "does not occur on line 151"),
    ("wrong_section", "claims/bad.yml", lambda: _edit(GOOD, 'section: "1.1.1"', 'section: "1.1.2"'), "section", "is in section"),
    ("line_past_end", "claims/bad.yml", lambda: _edit(GOOD, "line: 150", "line: 99999"), "line", "past the end"),
    ("event_title_not_on_line", "events/bad.yml", lambda: _edit(GOOD_EVENT.replace("te-0001", "te-0002"), "line: 156", "line: 157"), "title", "does not occur"),
]


def _run_bad(workspace, capsys, rel, content, field, fragment, raw: bytes | None = None):
    root, out = workspace
    before = _digest(out)
    target = root / rel
    if raw is not None:
        target.write_bytes(raw)
    else:
        target.write_text(content, encoding="utf-8")
    capsys.readouterr()
    code = main(["build", "--out", str(out), "--datasets", str(root)])
    err = capsys.readouterr().err
    assert code != 0
    first = err.splitlines()[0]
    assert rel.split("/")[-1] in first, first
    assert fragment in first, first
    if field:
        assert f"field '{field}'" in first, first
    assert "row " in first, first
    assert _digest(out) == before, "the previous build changed"
    assert not [p for p in out.parent.iterdir() if "staging" in p.name], "staging folder left behind"


@pytest.mark.parametrize(("case", "rel", "content", "field", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_malformed_record_fails_build_and_keeps_previous(workspace, capsys, case, rel, content, field, fragment):
    _run_bad(workspace, capsys, rel, content(), field, fragment)


@BOOK
@pytest.mark.parametrize(("case", "rel", "content", "field", "fragment"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_a_broken_rule_of_the_measure_layer_fails_the_build(workspace, capsys, case, rel, content, field, fragment):
    root, out = workspace
    (root / "claims" / "more.yml").write_text(MORE, encoding="utf-8")
    (root / "events" / "good.yml").write_text(GOOD_EVENT + (MENTION if case.startswith("event_mention_with") is False else ""), encoding="utf-8")
    assert main(["build", "--out", str(out), "--datasets", str(root)]) == 0
    _run_bad(workspace, capsys, rel, content(), field, fragment)


@BOOK
@pytest.mark.parametrize(("case", "rel", "content", "field", "fragment"), BOOK_CASES, ids=[c[0] for c in BOOK_CASES])
def test_record_that_disagrees_with_the_book_fails_build(workspace, capsys, case, rel, content, field, fragment):
    _run_bad(workspace, capsys, rel, content(), field, fragment)


def test_bad_encoding_names_the_file(workspace, capsys):
    root, out = workspace
    before = _digest(out)
    (root / "claims" / "latin.yml").write_bytes(GOOD.replace("t-0001", "t-0009").encode("gb18030"))
    capsys.readouterr()
    assert main(["build", "--out", str(out), "--datasets", str(root)]) != 0
    err = capsys.readouterr().err
    assert "latin.yml" in err and "UTF-8" in err
    assert _digest(out) == before


def test_a_good_change_replaces_the_build(workspace):
    root, out = workspace
    (root / "claims" / "more.yml").write_text(
        _edit(_edit(GOOD, "t-0001", "t-0002"), "printed: 3909 亿美元", "printed: 30.6%").replace("kind: estimate", "kind: cagr")
        .replace('period: "2025"', 'period: "2025/2033"'), encoding="utf-8")
    assert main(["build", "--out", str(out), "--datasets", str(root)]) == 0
    import pandas as pd

    assert set(pd.read_parquet(out / "claims.parquet")["claim_id"]) == {"t-0001", "t-0002"}

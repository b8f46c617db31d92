"""Curated records to rows, on small hand-written records and a three-line book: exact values, qualifiers and messages."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from etl.catalog import DATASETS, load_catalog
from etl.claims import QUALIFIERS, copied_run, load_claims, normalize_claim
from etl.corrections import load_corrections
from etl.errors import CurationError
from etl.events import load_events, normalize_event
from etl.load import LINE_KEY
from etl.records import Claim, Indicator, Sector, parse
from etl.source import Book

CAT = load_catalog()
BOOK = Book(
    lines=("第 1 章 人工智能", "2025 年全球人工智能市场规模约 3909 亿美元，年复合增长率 30.6%。", "2025 年 8 月，国务院印发关于深入实施人工智能+行动的意见。"),
    sections=("1", "1.1.1", "1.1.2"),
    sha256="0" * 64,
)
REC = {"id": "t-1", "line": 2, "section": "1.1.1", "printed": "3909 亿美元", "indicator": "ai_market_size",
       "sector": "ai_apps", "geo": "WORLD", "period": "2025", "kind": "estimate", "about_zh": "全球市场规模",
       "about_en": "Global AI market size", "__yaml_line__": 7}


def row(book=None, **kw):
    rec = {k: v for k, v in {**REC, **kw}.items() if v is not None}
    return normalize_claim(rec, "datasets/claims/t.yml", CAT, book, {})


def fails(message, book=None, **kw) -> CurationError:
    """The record is refused with exactly this message, naming the file, the YAML row and the record."""
    with pytest.raises(CurationError) as err:
        row(book, **kw)
    e = err.value
    assert e.message == message
    assert (e.file, e.row, e.record_id) == ("datasets/claims/t.yml", 7, "t-1")
    return e


# -- claims -------------------------------------------------------------------------------------------------------
def test_a_claim_row_carries_the_parsed_value_period_and_provenance():
    r = row(qualifier="约", org="idc")
    assert r["value"] == pytest.approx(3909e8) and r["unit"] == "USD"
    assert (r["value_low"], r["value_high"]) == (None, None)
    assert (r["period"], r["year"], r["period_start"], r["period_end"]) == ("2025", 2025, date(2025, 1, 1), date(2025, 12, 31))
    assert r["qualifier"] == "≈" and r["source_org"] == "idc" and r["kind"] == "estimate"
    assert (r["claim_id"], r["indicator_id"], r["sector"], r["geo"]) == ("t-1", "ai_market_size", "ai_apps", "WORLD")
    assert (r["printed"], r["section"], r["line"], r["file"]) == ("3909 亿美元", "1.1.1", 2, "datasets/claims/t.yml")
    assert (r["about_zh"], r["about_en"], r["entity_id"], r["entity"], r["other_reason"]) == (
        "全球市场规模", "Global AI market size", None, None, None)


@pytest.mark.parametrize(
    ("qualifier", "symbol"),
    [("近", "<"), ("接近", "<"), ("不足", "<"), ("不到", "<"), ("低于", "<"), ("约", "≈"), ("左右", "≈"), ("大约", "≈"),
     ("超", ">"), ("超过", ">"), ("突破", ">"), ("以上", ">"), ("逾", ">"), ("余", ">"), ("多", ">"), ("高于", ">"),
     ("超出", ">"), ("不低于", "≥"), ("至少", "≥"), ("不超过", "≤"), ("最高", "≤"), ("以内", "≤"),
     ("<", "<"), (">", ">"), ("≈", "≈"), ("≥", "≥"), ("≤", "≤")],
)
def test_each_printed_qualifier_becomes_its_symbol(qualifier, symbol):
    assert QUALIFIERS[qualifier] == symbol
    assert row(qualifier=qualifier)["qualifier"] == symbol


def test_near_means_less_than():
    assert row(qualifier="近")["qualifier"] == "<"


def test_more_than_printed_in_the_figure_is_a_qualifier_unless_one_is_given():
    r = row(printed="6000余家", indicator="other", other_reason="A count of companies", period=None)
    assert (r["value"], r["unit"], r["qualifier"]) == (6000, "count", ">")
    assert (r["period"], r["year"], r["period_start"], r["period_end"]) == (None, None, None, None)
    r2 = row(printed="6000余家", indicator="other", other_reason="A count", qualifier="近")
    assert r2["qualifier"] == "<"


def test_a_range_keeps_both_ends():
    r = row(printed="60%-80%", indicator="other", other_reason="A share", kind="forecast")
    assert (r["value"], r["value_low"], r["value_high"], r["unit"]) == (60, 60, 80, "%")


def test_per_adds_the_time_unit():
    r = row(printed="100 万亿", unit="Token", per="day", indicator="daily_token_calls", geo="CN")
    assert (r["value"], r["unit"]) == (pytest.approx(1e14), "tokens/day")


def test_a_refined_unit_replaces_the_printed_one():
    # the book prints 吨; the claim says 吨二氧化碳
    r = row(printed="5 万吨", unit="吨二氧化碳", indicator="other", other_reason="Emissions")
    assert (r["value"], r["unit"]) == (pytest.approx(5e4), "tCO2")


def test_a_growth_rate_may_be_in_percent_of_any_measure():
    r = row(printed="30.6%", kind="cagr", period="2025/2033")
    assert (r["value"], r["unit"], r["year"]) == (30.6, "%", 2033)


OTHER = "a claim in the `other` measure needs `other_reason`, and only such a claim has one"


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"indicator": "nope"}, "indicator", "unknown indicator 'nope' (see datasets/indicators.yml)"),
        ({"sector": "nope"}, "sector", "unknown sector 'nope' (see datasets/sectors.yml)"),
        ({"geo": "XX"}, "geo", "unknown geo 'XX' (see datasets/geo.yml)"),
        ({"org": "nope"}, "org", "unknown organisation 'nope' (see datasets/organisations.yml)"),
        ({"entity": "nope"}, "entity", "unknown entity 'nope' (see datasets/entities.yml)"),
        ({"entity_printed": "某公司"}, "entity_printed", "a printed entity name needs the entity's id in `entity`"),
        ({"qualifier": "大概"}, "qualifier", "unknown qualifier '大概'"),
        ({"indicator": "other"}, "other_reason", OTHER),
        ({"other_reason": "Because"}, "other_reason", OTHER),
        ({"printed": "3909 furlongs"}, "printed", "unknown unit 'furlongs'"),
        ({"printed": "3909", "unit": "furlongs"}, "unit", "unknown unit 'furlongs'"),
        ({"printed": "3909 亿"}, "printed", "'3909 亿' prints no unit: give `unit` (e.g. Token, 个)"),
        ({"printed": "5", "unit": "个", "per": "day"}, "per", "'count/day' is not a canonical unit"),
        ({"printed": "5 个"}, "indicator", "'5 个' is in 'count' (count); indicator 'ai_market_size' is measured in "
                                          "'USD' (currency): choose the measure this figure belongs to"),
        ({"kind": "yoy"}, "kind", "a growth rate (yoy) is printed in %, percentage points or ×, not in 'USD'"),
        ({"period": "2025H3"}, "period", "unknown period form '2025H3' (see datasets/README.md)"),
    ],
)
def test_a_bad_claim_names_its_field(kw, field, message):
    assert fails(message, **kw).field == field


def test_an_other_claim_may_be_in_any_unit():
    r = row(printed="5 个", indicator="other", other_reason="A count with no peer")
    assert r["unit"] == "count" and r["other_reason"] == "A count with no peer"


def test_a_duplicate_id_names_the_first_file():
    ids: dict = {}
    normalize_claim(dict(REC), "a.yml", CAT, None, ids)
    assert ids == {"t-1": "a.yml"}
    with pytest.raises(CurationError, match=": duplicate id, first used in a.yml$") as err:
        normalize_claim(dict(REC), "b.yml", CAT, None, ids)
    assert err.value.field == "id"


def test_the_book_must_print_the_figure_on_the_cited_line_and_section():
    assert row(BOOK)["value"] == pytest.approx(3909e8)
    assert fails("line 4 is past the end of the book (3 lines)", BOOK, line=4).field == "line"
    assert row(BOOK, line=3, section="1.1.2", printed="2025 年", indicator="other", other_reason="A span")["line"] == 3
    assert fails("'3909 亿美元' does not occur on line 3 of the book", BOOK, line=3, section="1.1.2").field == "printed"
    assert fails("line 2 is in section '1.1.1', not '1.1.2'", BOOK, section="1.1.2").field == "section"


def test_a_description_may_not_copy_ten_characters_of_the_line():
    err = fails("copies the book's line ('全球人工智能市场规模'…): describe the figure in a few words of your own", BOOK,
                about_zh="全球人工智能市场规模约3909")
    assert err.field == "about_zh"
    assert row(BOOK, about_zh="人工智能市场规模")["about_zh"] == "人工智能市场规模"  # eight characters of it


def test_copied_run_finds_the_first_mostly_chinese_run():
    line = "Claude Code 与 OpenRouter 的全球人工智能市场规模"
    assert copied_run("Claude Code 与 OpenRouter", line) is None  # names in Latin letters
    assert copied_run("的全球人工智能市场规模", line) == "的全球人工智能市场规"
    assert copied_run("全球人工智能市场规模", line) == "全球人工智能市场规模"
    assert copied_run("全球人工智能市场规", line) is None
    assert copied_run("ab全球人工智能市场", "ab全球人工智能市场") == "ab全球人工智能市场"  # 8 of 10 are Chinese
    assert copied_run("abc全球人工智能市", "abc全球人工智能市") is None  # 7 of 10
    assert copied_run("全球 人工智能 市场规模", "全球人工智能市场规模") == "全球人工智能市场规模"
    assert copied_run("全球人工智能市场规模", "全球人工智能 市场规模") == "全球人工智能市场规模"  # spaces of the line ignored
    assert copied_run("全球人工智能市场规模", "全球人工智能市场规模", limit=5) == "全球人工智"


def test_load_claims_reads_each_file_relative_to_the_datasets_folder(tmp_path):
    root = tmp_path / "repo" / "datasets"
    (root / "claims").mkdir(parents=True)
    text = ("- {id: a-1, line: 2, section: '1.1.1', printed: 3909 亿美元, indicator: ai_market_size, sector: ai_apps, "
            "geo: WORLD, period: '2025', kind: estimate, about_zh: 市场, about_en: Market}\n")
    (root / "claims" / "a.yml").write_text(text, encoding="utf-8")
    (root / "claims" / "b.yml").write_text(text.replace("a-1", "b-1"), encoding="utf-8")
    cat = load_catalog(_copy_catalog(tmp_path / "cat", root))
    rows = load_claims(sorted((root / "claims").glob("*.yml")), cat, None)
    assert [(r["claim_id"], r["file"]) for r in rows] == [("a-1", "datasets/claims/a.yml"), ("b-1", "datasets/claims/b.yml")]
    other = tmp_path / "elsewhere.yml"
    other.write_text(text.replace("a-1", "c-1"), encoding="utf-8")
    assert load_claims([other], cat, None)[0]["file"] == str(other)
    with pytest.raises(CurationError, match=": duplicate id, first used in datasets/claims/a.yml$"):
        load_claims([root / "claims" / "a.yml", root / "claims" / "a.yml"], cat, None)


def _copy_catalog(_unused, root):
    for f in DATASETS.glob("*.yml"):
        shutil.copy(f, root / f.name)
    return root


# -- records -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"id": None}, "id", "required field missing"),
        ({"colour": "red"}, "colour", "unknown field (allowed: id, line, section, printed, indicator, sector, geo, kind, about_zh, "
                                      "about_en, period, qualifier, org, entity, entity_printed, per, unit, note, other_reason)"),
        ({"kind": "guess"}, "kind", "'guess' is not one of 'actual', 'estimate', 'forecast', 'target', 'cagr', 'yoy' or 'growth'"),
        ({"about_zh": "长" * 61}, "about_zh", "is 61 characters long; at most 60 are allowed"),
        ({"id": "a b"}, "id", "'a b' is not a valid id (letters, digits, _ . - only)"),
        ({"line": 0}, "line", "must be a positive whole number, got 0"),
        ({"line": "2"}, "line", "must be a positive whole number, got '2'"),
        ({"printed": 5}, "printed", "must be quoted text, got 5"),
        ({"about_en": "全球"}, "about_en", "English text contains Chinese characters ('全'): write it in English"),
        ({"about_zh": " "}, "about_zh", "must not be empty"),
        ({"about_zh": "a\x07b"}, "about_zh", "contains the control character U+0007; curated text must be plain"),
    ],
)
def test_a_malformed_record_names_its_field_and_problem(change, field, message):
    rec = {k: v for k, v in {**REC, **change}.items() if v is not None}
    with pytest.raises(CurationError) as err:
        parse(Claim, rec, "t.yml")
    e = err.value
    assert (e.field, e.row, e.file) == (field, 7, "t.yml")
    assert e.message == message
    assert e.record_id == (rec["id"] if isinstance(rec.get("id"), str) else None)


def test_numbers_in_period_and_section_are_read_as_text():
    c = parse(Claim, {**REC, "period": 2025, "section": 6}, "t.yml")
    assert (c.period, c.section) == ("2025", "6")
    c2 = parse(Claim, {**REC, "section": 1.1}, "t.yml")
    assert c2.section == "1.1"
    with pytest.raises(CurationError, match=": must be quoted text, got True$"):
        parse(Claim, {**REC, "period": True}, "t.yml")


def test_a_record_without_an_id_is_named_by_file_and_row():
    with pytest.raises(CurationError) as err:
        parse(Indicator, {"id": 5, "__yaml_line__": 3}, "i.yml")
    assert (err.value.record_id, err.value.row) == (None, 3)


# -- events --------------------------------------------------------------------------------------------------------
EVENT = {"id": "e-1", "line": 3, "section": "1.1.2", "date": "2025-08", "jurisdiction": "CN", "kind": "policy",
         "title": "关于深入实施人工智能+行动的意见", "title_en": "Opinions on the AI+ action", "body": "国务院",
         "body_en": "State Council", "__yaml_line__": 4}
MENTION = {"id": "e-2", "line": 3, "section": "1.1.2", "mention_of": "e-1", "title": "关于深入实施人工智能+行动的意见",
           "__yaml_line__": 9}


def test_an_event_row_carries_its_first_day_precision_and_year():
    event, mention = normalize_event(dict(EVENT), "ev.yml", CAT, BOOK, {})
    assert event == {"event_id": "e-1", "date": date(2025, 8, 1), "date_precision": "month", "year": 2025,
                     "jurisdiction": "CN", "title": EVENT["title"], "title_en": "Opinions on the AI+ action",
                     "kind": "policy", "body": "国务院", "body_en": "State Council", "section": "1.1.2", "line": 3,
                     "n_mentions": 1, "file": "ev.yml"}
    assert mention == {"mention_id": "e-1", "event_id": "e-1", "title": EVENT["title"], "section": "1.1.2", "line": 3,
                       "file": "ev.yml"}


def _event_files(tmp_path, lines):
    """A datasets folder with the real catalogue and one events file written line by line (row = line number)."""
    root = tmp_path / "repo" / "datasets"
    (root / "events").mkdir(parents=True)
    _copy_catalog(None, root)
    path = root / "events" / "a.yml"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return load_catalog(root), path


EV_LINE = ("- {id: e-1, line: 3, section: '1.1.2', date: 2025-08, jurisdiction: CN, kind: policy, "
           "title: 关于深入实施人工智能+行动的意见, title_en: Opinions on the AI+ action}")


def mention_line(mid, of):
    return f"- {{id: {mid}, line: 3, section: '1.1.2', mention_of: {of}, title: 关于深入实施人工智能+行动的意见}}"


def test_each_further_mention_counts_toward_its_event(tmp_path):
    cat, path = _event_files(tmp_path, [EV_LINE, mention_line("e-2", "e-1"), mention_line("e-3", "e-1")])
    events, mentions = load_events([path], cat, BOOK)
    assert [e["n_mentions"] for e in events] == [3]
    assert [(m["mention_id"], m["event_id"]) for m in mentions] == [("e-1", "e-1"), ("e-2", "e-1"), ("e-3", "e-1")]
    assert events[0]["file"] == "datasets/events/a.yml" and mentions[2]["file"] == "datasets/events/a.yml"
    other = tmp_path / "elsewhere.yml"
    other.write_text(EV_LINE + "\n", encoding="utf-8")
    assert load_events([other], cat, BOOK)[0][0]["file"] == str(other)


def test_events_are_checked_against_the_book(tmp_path):
    cat, path = _event_files(tmp_path, [EV_LINE.replace("title: 关于", "title: 不是")])
    with pytest.raises(CurationError) as err:
        load_events([path], cat, BOOK)
    assert err.value.field == "title" and err.value.file == "datasets/events/a.yml"


def test_a_yaml_error_in_an_events_file_names_it_relative_to_the_datasets_folder(tmp_path):
    cat, path = _event_files(tmp_path, ["- {id: e-1"])
    with pytest.raises(CurationError) as err:
        load_events([path], cat, BOOK)
    assert err.value.file == "events/a.yml" and err.value.message.startswith("YAML syntax")


def test_a_mention_of_a_mention_or_of_nothing_is_refused(tmp_path):
    cat, path = _event_files(tmp_path, [EV_LINE, mention_line("e-2", "e-1"), mention_line("e-3", "e-2")])
    with pytest.raises(CurationError) as err:
        load_events([path], cat, BOOK)
    e = err.value
    assert e.message == "'e-2' is a further mention itself: point to the event's own record"
    assert (e.field, e.record_id, e.row, e.file) == ("mention_of", "e-3", 3, "datasets/events/a.yml")
    cat, path = _event_files(tmp_path / "b", [EV_LINE, mention_line("e-2", "e-9")])
    with pytest.raises(CurationError) as err:
        load_events([path], cat, BOOK)
    assert err.value.message == "'e-9' is no event: point to the event's own record" and err.value.row == 2


def test_a_malformed_event_names_its_file():
    with pytest.raises(CurationError) as err:
        normalize_event({**EVENT, "kind": "rumour"}, "ev.yml", CAT, BOOK, {})
    assert (err.value.file, err.value.field, err.value.row) == ("ev.yml", "kind", 4)


FURTHER = ("a further mention (`mention_of`) carries only its place in the book; the event's own record holds its date, "
           "kind and titles")
BOTH = "an issuing body needs its name in both languages (`body` and `body_en`)"


@pytest.mark.parametrize(
    ("rec", "field", "match"),
    [
        ({**EVENT, "line": 4}, "line", "line 4 is past the end of the book (3 lines)"),
        ({**EVENT, "title": "别的标题"}, "title", "title '别的标题' does not occur on line 3 of the book"),
        ({**EVENT, "section": "1.1.1"}, "section", "line 3 is in section '1.1.2', not '1.1.1'"),
        ({**MENTION, "date": "2025"}, "date", FURTHER),
        ({**MENTION, "body_en": "State Council"}, "body_en", FURTHER),
        ({**MENTION, "kind": "law", "title_en": "T"}, "kind", FURTHER),
        ({k: v for k, v in EVENT.items() if k != "date"}, "date", "required field missing"),
        ({k: v for k, v in EVENT.items() if k != "title_en"}, "title_en", "required field missing"),
        ({k: v for k, v in EVENT.items() if k != "jurisdiction"}, "jurisdiction", "required field missing"),
        ({k: v for k, v in EVENT.items() if k != "kind"}, "kind", "required field missing"),
        ({k: v for k, v in EVENT.items() if k != "body_en"}, "body_en", BOTH),
        ({k: v for k, v in EVENT.items() if k != "body"}, "body_en", BOTH),
        ({**EVENT, "jurisdiction": "XX"}, "jurisdiction", "unknown jurisdiction 'XX' (see datasets/geo.yml)"),
        ({**EVENT, "date": "2025-13"}, "date", "impossible month '2025-13'"),
    ],
)
def test_a_bad_event_names_its_field(rec, field, match):
    with pytest.raises(CurationError) as err:
        normalize_event(dict(rec), "ev.yml", CAT, BOOK, {})
    assert err.value.message == match
    assert (err.value.field, err.value.record_id, err.value.file) == (field, rec["id"], "ev.yml")
    assert err.value.row == rec["__yaml_line__"]


def test_an_event_without_a_body_is_allowed_and_a_duplicate_id_is_not():
    ids: dict = {}
    rec = {k: v for k, v in EVENT.items() if k not in ("body", "body_en")}
    event, _ = normalize_event(dict(rec), "a.yml", CAT, None, ids)
    assert (event["body"], event["body_en"]) == (None, None)
    with pytest.raises(CurationError, match=": duplicate id, first used in a.yml$") as err:
        normalize_event(dict(rec), "b.yml", CAT, None, ids)
    assert err.value.field == "id"


def test_a_mention_row_points_to_its_event():
    event, mention = normalize_event(dict(MENTION), "m.yml", CAT, BOOK, {})
    assert event is None
    assert mention == {"mention_id": "e-2", "event_id": "e-1", "title": MENTION["title"], "section": "1.1.2", "line": 3,
                       "file": "m.yml"}


# -- corrections ---------------------------------------------------------------------------------------------------
CORR = "- {id: K1, claim_ids: [a, b], status: open, reason_en: Wrong year, reason_zh: 年份有误, guard: {line: 2, text: 3909 亿美元}}\n"


def corrections(tmp_path, text, book=BOOK, known=("a", "b")):
    path = tmp_path / "corrections.yml"
    path.write_text(text, encoding="utf-8")
    return load_corrections(path, set(known), book)


def test_a_correction_is_read_without_its_yaml_line(tmp_path):
    (c,) = corrections(tmp_path, CORR)
    assert {k: v for k, v in c.items() if k != "guard"} == {"id": "K1", "claim_ids": ["a", "b"], "status": "open",
                                                            "reason_en": "Wrong year", "reason_zh": "年份有误"}
    assert (c["guard"]["line"], c["guard"]["text"]) == (2, "3909 亿美元")
    assert corrections(tmp_path, CORR.replace("line: 2, text: 3909 亿美元", "line: 3, text: nothing"), book=None)[0]["id"] == "K1"


def test_no_corrections_file_means_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "none.yml", set(), BOOK) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("id: K1, ", "", "id", "required field missing"),
        ("claim_ids: [a, b]", "claim_ids: []", "claim_ids", "required field missing"),
        ("status: open", "status: ''", "status", "required field missing"),
        ("reason_en: Wrong year", "reason_en: ''", "reason_en", "required field missing"),
        ("reason_zh: 年份有误", "reason_zh: ''", "reason_zh", "required field missing"),
        (", guard: {line: 2, text: 3909 亿美元}", "", "guard", "required field missing"),
        ("status: open", "status: closed", "status", "status must be one of open, explained, resolved"),
        ("claim_ids: [a, b]", "claim_ids: [a, z]", "claim_ids", "unknown claims ['z']"),
        ("line: 2, text: 3909 亿美元", "line: 3, text: 3909 亿美元", "guard", "'3909 亿美元' is no longer on line 3: re-check this correction"),
    ],
)
def test_a_bad_correction_names_its_field(tmp_path, old, new, field, message):
    with pytest.raises(CurationError) as err:
        corrections(tmp_path, CORR.replace(old, new))
    e = err.value
    assert (e.message, e.field, e.file, e.row) == (message, field, "datasets/corrections.yml", 1)
    assert e.record_id == (None if old.startswith("id:") else "K1")


@pytest.mark.parametrize("status", ["open", "explained", "resolved"])
def test_each_status_is_allowed(tmp_path, status):
    assert corrections(tmp_path, CORR.replace("status: open", f"status: {status}"))[0]["status"] == status


def test_a_malformed_claim_names_its_file():
    with pytest.raises(CurationError) as err:
        row(kind="guess")
    assert (err.value.file, err.value.field) == ("datasets/claims/t.yml", "kind")


def test_a_refined_unit_may_be_written_with_spaces_and_the_figure_may_end_in_one():
    r = row(printed="5 万吨 ", unit="吨 二氧化碳", indicator="other", other_reason="Emissions")
    assert (r["value"], r["unit"]) == (pytest.approx(5e4), "tCO2")


def test_load_claims_checks_against_the_book_and_names_yaml_errors_relative_to_the_datasets_folder(tmp_path):
    root = tmp_path / "repo" / "datasets"
    (root / "claims").mkdir(parents=True)
    cat = load_catalog(_copy_catalog(None, root))
    path = root / "claims" / "a.yml"
    path.write_text("- {id: a-1, line: 3, section: '1.1.2', printed: 3909 亿美元, indicator: ai_market_size, sector: ai_apps, "
                    "geo: WORLD, period: '2025', kind: estimate, about_zh: 市场, about_en: Market}\n", encoding="utf-8")
    with pytest.raises(CurationError) as err:
        load_claims([path], cat, BOOK)
    assert err.value.message == "'3909 亿美元' does not occur on line 3 of the book"
    path.write_text("- {id: a-1\n", encoding="utf-8")
    with pytest.raises(CurationError) as err:
        load_claims([path], cat, BOOK)
    assert err.value.file == "claims/a.yml"


def test_an_error_inside_a_list_names_the_item_by_its_path():
    rec = {"id": "energy", "group": "industry", "name_zh": "能源", "name_en": "Energy", "sections": ["1.1", 5], LINE_KEY: 3}
    with pytest.raises(CurationError) as err:
        parse(Sector, rec, "datasets/sectors.yml")
    assert (err.value.field, err.value.row, err.value.record_id) == ("sections.1", 3, "energy")

"""Charts declared in data, resolved on small hand-written claims: the exact points, units, orders and texts."""

from __future__ import annotations

from datetime import date

import pytest

from etl.catalog import load_catalog
from etl.charts import Names, _Chart, build_charts
from etl.errors import CurationError
from etl.load import LINE_KEY
from etl.schema import CHART_POINTS, CHARTS
from tests.claim_rows import claim, claims

CAT = load_catalog()
NAMES = Names(
    geo={g["id"]: {"zh": g["name_zh"], "en": g["name_en"]} for g in CAT.geo},
    entities={e["id"]: {"zh": e["name_zh"], "en": e["name_en"]} for e in CAT.entities},
    indicators={i["id"]: i for i in CAT.indicators},
    units=CAT.canonical_units,
)
NAME = {"zh": "书中数值", "en": "As printed"}
TITLE = {"zh": "全球 AI 市场规模", "en": "Global AI market size"}

BASE = claim("base", 3909e8, "3909 亿美元", period="2025", section="1.1.1", line=150, source_org="idc")
RATE = claim("rate", 30.6, "30.6%", period="2025/2033", kind="cagr", unit="%", section="1.1.1", line=150)


def resolve(rows, **spec):
    spec = {"id": "chart-x", "page": "overview", "type": "line", "title": TITLE, "measure": "ai_market_size",
            LINE_KEY: 5, **spec}
    return _Chart(spec, claims(*rows).set_index("claim_id", drop=False), NAMES).resolve()


def line(rows, series, **spec):
    return resolve(rows, series=series, **spec)


def printed_series(**kw):
    return {"id": "printed", "name": NAME, **kw}


def fails(message, field, rows, **spec) -> CurationError:
    """The declaration is refused with exactly this message, naming the file, the chart's row and id, and the field."""
    with pytest.raises(CurationError) as err:
        resolve(rows, **spec)
    e = err.value
    assert e.message == message
    assert (e.file, e.row, e.field) == ("datasets/charts.yml", 5, field)
    assert e.record_id == (spec.get("id", "chart-x") if isinstance(spec.get("id", "chart-x"), str) else None)
    return e


# -- the CAGR projection -----------------------------------------------------------------------------------------
def test_cagr_projection_compounds_the_2025_level_year_by_year():
    _, pts = line([BASE, RATE], [{"id": "cagr_path", "name": NAME, "project": {"base": "base", "cagr": "rate", "to": 2028}}])
    # by hand: 3909 × 1.306 = 5105.154; × 1.306 = 6667.331124; × 1.306 = 8707.534448 (亿美元)
    assert [p["year"] for p in pts] == [2026, 2027, 2028]
    assert [p["value"] for p in pts] == pytest.approx([5105.154e8, 6667.331124e8, 8707.534448e8])
    first = pts[0]
    assert first["date"] == date(2026, 12, 31) and first["period"] == "2026"
    assert first["label_zh"] == first["label_en"] == "2026"
    assert first["unit"] == "USD" and first["kind"] == "derived" and first["derived"] is True
    assert first["printed"] is None and first["qualifier"] is None
    assert first["method"] == "3909 亿美元 (2025) × (1 + 30.6%)^(2026 − 2025)"
    assert first["claim_ids"] == "base,rate"
    assert (first["section"], first["line"], first["source_org"], first["geo"]) == ("1.1.1", 150, "idc", "WORLD")
    assert first["series_id"] == "cagr_path" and first["series_en"] == "As printed" and first["series_zh"] == "书中数值"


def test_cagr_projection_runs_to_the_end_of_the_cagr_span_by_default():
    _, pts = line([BASE, RATE], [{"id": "p", "name": NAME, "project": {"base": "base", "cagr": "rate"}}])
    assert [p["year"] for p in pts] == list(range(2026, 2034))
    # 1.306^8 = 8.46341... by hand (1.306² = 1.705636, ^4 = 2.909194, ^8 = 8.463411)
    assert pts[-1]["value"] == pytest.approx(3909e8 * 8.463411, rel=1e-6)


WITHIN = "the base must be the 2025 level and `to` within 2026-2033"
NOT_CAGR = "rate is not a CAGR over a span of years"


@pytest.mark.parametrize(
    ("project", "rows", "field", "message"),
    [
        ({"base": "base", "cagr": "rate", "to": 2034}, [BASE, RATE], "series[0].project", WITHIN),
        ({"base": "base", "cagr": "rate", "to": 2025}, [BASE, RATE], "series[0].project", WITHIN),
        ({"base": "base", "cagr": "rate"}, [{**BASE, "period": "2024"}, RATE], "series[0].project", WITHIN),
        ({"base": "base", "cagr": "rate"}, [BASE, {**RATE, "kind": "yoy"}], "series[0].project.cagr", NOT_CAGR),
        ({"base": "base", "cagr": "rate"}, [BASE, {**RATE, "period": "2033"}], "series[0].project.cagr", NOT_CAGR),
        ({"base": "base", "cagr": "rate"}, [BASE, {**RATE, "period": None}], "series[0].project.cagr", NOT_CAGR),
        ({"base": "base", "cagr": "rate"}, [BASE, {**RATE, "indicator_id": "ai_agent_market_size"}], "series[0].project",
         "the base and the CAGR are of different measures"),
        ({"base": "nope", "cagr": "rate"}, [BASE, RATE], "series[0].project.base", "unknown claim 'nope'"),
        ({"base": "base", "cagr": "nope"}, [BASE, RATE], "series[0].project.cagr", "unknown claim 'nope'"),
    ],
)
def test_a_projection_that_cannot_hold_is_refused(project, rows, field, message):
    fails(message, field, rows, series=[{"id": "p", "name": NAME, "project": project}])


def test_projection_to_the_last_year_of_the_span_is_allowed():
    _, pts = line([BASE, RATE], [{"id": "p", "name": NAME, "project": {"base": "base", "cagr": "rate", "to": 2026}}])
    assert len(pts) == 1


# -- selection, order and provenance of printed points --------------------------------------------------------------
def test_a_chapter_figure_is_preferred_to_the_preface_that_repeats_it():
    pre = claim("pre", 3909e8, "3909 亿美元", section="序言", line=10)
    ch = claim("ch", 3909e8, "3909 亿美元", section="1.1.1", line=150)
    after = claim("after", 3909e8, "3909 亿美元", section="后记", line=9000)
    _, pts = line([pre, after, ch], [printed_series()])
    assert len(pts) == 1
    assert pts[0]["claim_ids"] == "ch,pre,after"
    assert (pts[0]["section"], pts[0]["line"]) == ("1.1.1", 150)


def test_points_of_one_section_are_in_line_order_and_keep_their_printed_text():
    a = claim("a", 2e12, "2 万亿美元", period="2030", line=300)
    b = claim("b", 1e12, "1 万亿美元", period="2027", line=200, qualifier="≈", value_low=1e12, value_high=1.2e12)
    row, pts = line([a, b], [printed_series()])
    assert [p["claim_ids"] for p in pts] == ["b", "a"]
    assert [p["position"] for p in pts] == [0, 1]
    assert [p["label_en"] for p in pts] == ["2027", "2030"]
    b_pt = pts[0]
    assert (b_pt["printed"], b_pt["qualifier"], b_pt["value_low"], b_pt["value_high"]) == ("1 万亿美元", "≈", 1e12, 1.2e12)
    assert b_pt["derived"] is False and b_pt["method"] is None and b_pt["date"] == date(2027, 12, 31)
    assert all(p["chart_id"] == "chart-x" for p in pts)
    assert row["n_points"] == 2 and row["unit"] == "USD" and row["basis"] == "level"


def test_the_same_point_printed_with_two_values_is_refused():
    a = claim("a", 3909e8, "3909 亿美元", section="1.1", line=1)
    b = claim("b", 3900e8, "3900 亿美元", section="2.1", line=2)
    fails("two printed values for one point (2025): a and b; exclude one (the audit reports the contradiction)", "series[0]",
          [a, b], series=[printed_series()])


def test_excluding_one_of_two_values_keeps_the_other():
    a = claim("a", 3909e8, "3909 亿美元", section="1.1", line=1)
    b = claim("b", 3900e8, "3900 亿美元", section="2.1", line=2)
    _, pts = line([a, b], [printed_series(exclude=["a"])])
    assert [p["claim_ids"] for p in pts] == ["b"]


def test_excluding_an_unknown_claim_is_refused():
    fails("unknown claim 'zz'", "series[0].exclude", [BASE], series=[printed_series(exclude=["zz"])])
    fails("unknown claim 'zz'", "series[0].claims", [BASE], series=[printed_series(claims=["zz"])])


def test_select_filters_on_year_period_geo_and_kind():
    rows = [
        claim("w25", 1e11, "1000 亿美元", period="2025"),
        claim("w30", 2e11, "2000 亿美元", period="2030", kind="forecast"),
        claim("c25", 3e11, "3000 亿美元", period="2025", geo="CN"),
        claim("g", 30.0, "30%", period="2025/2030", kind="cagr", unit="%"),
    ]
    ids = lambda sel, **kw: [p["claim_ids"] for p in line(rows, [printed_series(select=sel, label="both", **kw)])[1]]  # noqa: E731
    assert ids({"year": 2025}) == ["w25", "c25"]
    assert ids({"year": [2030]}) == ["w30"]
    assert ids({"period": 2030}) == ["w30"]
    assert ids({"geo": "CN"}) == ["c25"]
    assert ids({"geo": ["WORLD"], "kind": "forecast"}) == ["w30"]
    assert ids({}) == ["w25", "w30", "c25"]  # levels only: the CAGR is not a level
    assert ids({}, kinds=["cagr"]) == ["g"]


def test_select_on_an_unknown_column_is_refused():
    fails("cannot select on 'colour' (allowed: geo, period, kind, entity, sector, claim, unit, year)", "series[0].select.colour",
          [BASE], series=[printed_series(select={"colour": "red"})])


def test_a_series_that_selects_nothing_is_refused():
    fails("series 'printed' selects no claim", "series[0]", [BASE], series=[printed_series(select={"geo": "CN"})])
    fails("series 'printed' selects no claim", "series[0]", [BASE], series=[printed_series(exclude=["base"])])


def test_claims_of_another_measure_are_refused():
    other = claim("o", 1e9, "10 亿美元", indicator_id="ai_agent_market_size")
    fails("the chart draws 'ai_market_size' but its claims include ['ai_agent_market_size']: one measure per chart", "measure",
          [BASE, other], series=[printed_series(claims=["base", "o"])])


def test_labels_name_the_subject_the_period_or_both():
    ent = next(e for e in CAT.entities)
    rows = [claim("a", 1e9, "10 亿美元", entity_id=ent["id"]), claim("b", 2e9, "20 亿美元", geo="CN")]
    labels = lambda how: [p["label_en"] for p in line(rows, [printed_series(claims=["a", "b"], label=how)])[1]]  # noqa: E731
    assert labels("subject") == [ent["name_en"], "China"]
    assert labels("both") == [f"{ent['name_en']} 2025", "China 2025"]
    _, bars = resolve(rows, type="bar", series=[printed_series(claims=["a", "b"])])
    assert bars[0]["label_zh"].startswith(ent["name_zh"] + " 2025") and bars[1]["label_zh"].startswith("中国 2025")  # both
    undated = claim("u", 1e9, "10 亿美元", period=None, geo="US")
    assert [p["label_en"] for p in line([undated], [printed_series()])[1]] == ["United States"]
    fails("label is period, subject or both", "series[0].label", rows, series=[printed_series(label="name")])


# -- one measure, one unit, one basis per chart ---------------------------------------------------------------------
def test_a_chart_mixing_units_is_refused():
    cny = claim("cny", 9000e8, "9000 亿元", unit="CNY", geo="CN", period="2026")
    fails("the chart mixes units ['CNY', 'USD']: one unit per chart", "series", [BASE, cny], series=[printed_series()])


def test_a_declared_unit_must_be_the_unit_of_the_points():
    fails("the points are in 'USD', not 'CNY'", "unit", [BASE], series=[printed_series()], unit="CNY")
    row, _ = resolve([BASE], series=[printed_series()], unit="USD")
    assert row["unit"] == "USD"


def test_a_chart_mixing_levels_and_growth_rates_is_refused():
    growth = claim("g", 30.0, "30%", unit="USD", kind="yoy", period="2026")
    fails("the chart mixes levels and growth rates: one basis per chart", "series", [BASE, growth],
          series=[printed_series(kinds=["actual", "yoy"])])


def test_a_growth_chart_has_growth_basis():
    g1 = claim("g1", 30.0, "30%", unit="%", kind="yoy", period="2025")
    g2 = claim("g2", 20.0, "20%", unit="%", kind="yoy", period="2026")
    row, pts = line([g1, g2], [printed_series(kinds=["yoy"])])
    assert row["basis"] == "growth" and row["unit"] == "%" and len(pts) == 2


def test_subtitle_names_measure_place_unit_and_years():
    a = claim("a", 1e11, "1000 亿美元", period="2025")
    b = claim("b", 2e11, "2000 亿美元", period="2030")
    row, _ = line([a, b], [printed_series()])
    assert row["subtitle_en"] == "AI market size · World · USD · 2025–2030"
    assert row["subtitle_zh"].startswith("人工智能") or row["subtitle_zh"].split(" · ")[1:] == ["全球", "美元", "2025–2030"]
    assert row["subtitle_zh"].split(" · ")[1:] == ["全球", "美元", "2025–2030"]


def test_subtitle_lists_three_places_then_says_and_others():
    rows = [claim(g, 1e9 * (i + 1), f"{i + 1} 美元", geo=g, period="2025") for i, g in enumerate(["WORLD", "CN", "US", "EU"])]
    row, _ = resolve(rows, type="bar", series=[printed_series()])
    assert row["subtitle_en"].split(" · ")[1] == "World, China, United States and others"
    assert row["subtitle_zh"].split(" · ")[1] == "全球、中国、美国 等"
    row3, _ = resolve(rows[:3], type="bar", series=[printed_series()])
    assert row3["subtitle_en"].split(" · ")[1] == "World, China, United States"


def test_a_declared_subtitle_is_kept():
    row, _ = line([BASE], [printed_series()], subtitle={"zh": "副标题", "en": "Sub"}, log_y=True)
    assert (row["subtitle_zh"], row["subtitle_en"], row["log_y"]) == ("副标题", "Sub", True)
    row2, _ = line([BASE], [printed_series()])
    assert row2["log_y"] is False


def test_chart_row_carries_the_declaration():
    row, _ = line([BASE], [printed_series()])
    assert {k: row[k] for k in ("chart_id", "page", "type", "title_zh", "title_en", "indicator_id", "spark")} == {
        "chart_id": "chart-x", "page": "overview", "type": "line", "title_zh": TITLE["zh"], "title_en": TITLE["en"],
        "indicator_id": "ai_market_size", "spark": None}


# -- derived shares -------------------------------------------------------------------------------------------------
def test_a_share_is_the_part_over_the_sum_of_the_parts():
    us = claim("us", 75e12, "75 万亿", geo="US", unit="tokens", indicator_id="daily_token_calls", section="2.1", line=5)
    cn = claim("cn", 25e12, "25 万亿", geo="CN", unit="tokens", indicator_id="daily_token_calls", section="2.1", line=6)
    _, pts = resolve([us, cn], measure="daily_token_calls",
                     series=[{"id": "share", "name": NAME, "derive": {"share": "cn", "of": ["us", "cn"]}}])
    (p,) = pts
    assert p["value"] == pytest.approx(25.0)
    assert p["unit"] == "%" and p["derived"] is True and p["kind"] == "derived" and p["printed"] is None
    assert p["method"] == "25 万亿 ÷ (75 万亿 + 25 万亿) × 100"
    assert p["claim_ids"] == "cn,us"
    assert (p["geo"], p["section"], p["line"], p["period"], p["year"]) == ("CN", "2.1", 6, "2025", 2025)
    assert p["label_en"] == "As printed" and p["label_zh"] == "书中数值"


ONE_OF = "a share is one claim of `of` over the sum of at least two claims"


@pytest.mark.parametrize(
    ("derive", "field", "message"),
    [
        ({"share": "cn", "of": ["cn"]}, "series[0].derive", ONE_OF),
        ({"share": "cn", "of": ["us", "us2"]}, "series[0].derive", ONE_OF),
        ({"share": "cn"}, "series[0].derive", ONE_OF),
        ({"share": "cn", "of": ["us", "cn", "eu"]}, "series[0].derive.of", "the claims of a share must be one measure, unit and period"),
        ({"share": "cn", "of": ["us", "cn", "gbp"]}, "series[0].derive.of", "the claims of a share must be one measure, unit and period"),
        ({"share": "zz", "of": ["us", "cn"]}, "series[0].derive.share", "unknown claim 'zz'"),
        ({"share": "cn", "of": ["us", "zz"]}, "series[0].derive.of", "unknown claim 'zz'"),
    ],
)
def test_a_share_that_cannot_hold_is_refused(derive, field, message):
    rows = [claim("us", 75.0, "75 个", unit="count"), claim("us2", 5.0, "5 个", unit="count"),
            claim("cn", 25.0, "25 个", unit="count"), claim("eu", 25.0, "25 个", unit="count", period="2024"),
            claim("gbp", 25.0, "25 英镑", unit="GBP")]
    fails(message, field, rows, series=[{"id": "s", "name": NAME, "derive": derive}])


# -- cards --------------------------------------------------------------------------------------------------------
def test_a_card_shows_its_one_claim_and_its_comparison():
    growth = claim("g", 30.6, "30.6%", unit="%", kind="cagr", period="2025/2033")
    row, pts = resolve([BASE, growth], type="card", main={"claim": "base"}, compare={"select": {"kind": "cagr"}})
    assert [p["series_id"] for p in pts] == ["main", "compare"]
    assert [p["claim_ids"] for p in pts] == ["base", "g"]
    assert pts[0]["series_en"] == TITLE["en"] and pts[0]["label_en"] == "World 2025"
    assert row["basis"] == "level" and row["unit"] == "USD"


def test_a_card_needs_exactly_one_claim():
    other = claim("b2", 1e12, "1 万亿美元", period="2026")
    fails("a card's `main` must resolve to exactly one claim, found 2 (base, b2)", "main", [BASE, other], type="card",
          main={"select": {}})
    fails("a card's `compare` must resolve to exactly one claim, found 0 (none)", "compare", [BASE], type="card",
          main={"claim": "base"}, compare={"select": {"geo": "CN"}})
    fails("a card needs `main`: the claim it shows", "main", [BASE], type="card")
    fails("unknown claim 'zz'", "main", [BASE], type="card", main={"claim": "zz"})
    fails("cannot select on 'colour' (allowed: geo, period, kind, entity, sector, claim, unit, year)", "main.colour", [BASE],
          type="card", main={"select": {"colour": "red"}})


def test_a_card_selection_may_name_its_kinds():
    growth = claim("g", 30.6, "30.6%", unit="%", kind="cagr", period="2025/2033")
    _, pts = resolve([BASE, growth], type="card", main={"select": {}, "kinds": ["cagr"]})
    assert [p["claim_ids"] for p in pts] == ["g"]


def test_a_card_with_levels_in_two_units_is_refused():
    cny = claim("cny", 9000e8, "9000 亿元", unit="CNY")
    fails("the card's figures are in different units ['CNY', 'USD']", "compare", [BASE, cny], type="card",
          main={"claim": "base"}, compare={"claim": "cny"})


# -- the declaration itself ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        ({"colour": "red"}, "colour", "unknown key (allowed: compare, id, log_y, main, measure, note, page, series, spark, "
                                      "subtitle, title, type, unit)"),
        ({"id": ""}, "id", "required field missing"),
        ({"id": 5}, "id", "required field missing"),
        ({"page": "home"}, "page", "page must be one of overview, sectors, explorer, policy, audit, sources"),
        ({"type": "pie"}, "type", "type must be one of card, line, bar"),
        ({"title": {"zh": "标题", "en": " "}}, "title", "a title needs zh and en"),
        ({"title": {"zh": "标题"}}, "title", "a title needs zh and en"),
        ({"title": "标题"}, "title", "a title needs zh and en"),
        ({"measure": "nothing"}, "measure", "unknown measure 'nothing' (see datasets/indicators.yml)"),
        ({"series": []}, "series", "a chart needs at least one series"),
    ],
)
def test_a_bad_declaration_names_its_field(spec, field, message):
    fails(message, field, [BASE], **{"series": [printed_series()], **spec})


def test_a_series_needs_an_id_and_names_in_both_languages():
    needs = "a series needs an `id` and a `name` with zh and en"
    fails(needs, "series[0]", [BASE], series=[{"id": "s", "name": {"zh": "名"}}])
    fails(needs, "series[0]", [BASE], series=[{"name": NAME}])
    fails(needs, "series[1]", [BASE], series=[printed_series(), {"id": "s", "name": {"zh": "名", "en": ""}}])
    fails("unknown key (allowed: claims, derive, exclude, id, kinds, label, name, project, select)", "series[0].colour",
          [BASE], series=[printed_series(colour="red")])


# -- build_charts: the file -------------------------------------------------------------------------------------------
def _write(tmp_path, text):
    path = tmp_path / "charts.yml"
    path.write_text(text, encoding="utf-8")
    return path


SPARK = """
- id: trend
  page: overview
  type: line
  title: {zh: 趋势, en: Trend}
  measure: ai_market_size
  series: [{id: printed, name: {zh: 书中, en: Printed}, select: {geo: WORLD}}]
- id: card
  page: overview
  type: card
  title: {zh: 卡片, en: Card}
  measure: ai_market_size
  main: {claim: base}
  spark: trend
- id: bars
  page: sectors
  type: bar
  title: {zh: 柱, en: Bars}
  measure: ai_market_size
  series: [{id: printed, name: {zh: 书中, en: Printed}, select: {geo: WORLD}}]
"""


def test_build_charts_numbers_the_charts_of_each_page_in_file_order(tmp_path):
    charts, points = build_charts(_write(tmp_path, SPARK), tmp_path, claims(BASE), NAMES)
    assert list(charts["chart_id"]) == ["trend", "card", "bars"]
    assert list(charts["position"]) == [0, 1, 0]
    assert list(charts["spark"]) == [None, "trend", None]
    assert list(points["chart_id"]) == ["trend", "card", "bars"]
    assert list(points["unit"]) == ["USD"] * 3


def build_fails(tmp_path, text, message, field=None, row=None, record_id=None):
    with pytest.raises(CurationError) as err:
        build_charts(_write(tmp_path, text), tmp_path, claims(BASE), NAMES)
    e = err.value
    assert (e.message, e.file, e.field, e.row, e.record_id) == (message, "datasets/charts.yml", field, row, record_id)


def test_a_sparkline_must_be_a_line_chart_of_the_file(tmp_path):
    build_fails(tmp_path, SPARK.replace("spark: trend", "spark: bars"), "'bars' is not a line chart defined here", "spark", 8, "card")
    build_fails(tmp_path, SPARK.replace("spark: trend", "spark: nothing"), "'nothing' is not a line chart defined here", "spark", 8,
                "card")


def test_only_a_card_has_a_sparkline(tmp_path):
    build_fails(tmp_path, SPARK + "  spark: trend\n", "only a card has a sparkline", "spark", 15, "bars")


def test_a_duplicate_chart_id_names_the_first_row(tmp_path):
    build_fails(tmp_path, SPARK.replace("id: bars", "id: trend"), "duplicate chart id, first declared on row 2", "id", 15, "trend")


@pytest.mark.parametrize(("text", "message"), [("", "expected a list of chart declarations"),
                                               ("{a: 1}", "expected a list of chart declarations"),
                                               ("[]", "expected a list of chart declarations"),
                                               ("- 1\n", "every chart declaration is a mapping")])
def test_a_charts_file_that_is_not_a_list_of_mappings_is_refused(tmp_path, text, message):
    build_fails(tmp_path, text, message)


def test_a_missing_charts_file_is_refused(tmp_path):
    with pytest.raises(CurationError) as err:
        build_charts(tmp_path / "none.yml", tmp_path, claims(BASE), NAMES)
    assert (err.value.message, err.value.file) == ("expected a list of chart declarations", "datasets/charts.yml")


def test_a_yaml_error_names_the_file_relative_to_the_datasets_folder(tmp_path):
    with pytest.raises(CurationError) as err:
        build_charts(_write(tmp_path, "- {id: a\n"), tmp_path, claims(BASE), NAMES)
    assert err.value.file == "charts.yml" and err.value.message.startswith("YAML syntax")


# -- exactly the columns of chart_points ------------------------------------------------------------------------------
POINT_COLUMNS = {f.name for f in CHART_POINTS.fields} - {"chart_id", "position"}


def test_every_kind_of_point_has_exactly_the_columns_of_the_table():
    share_rows = [claim("us", 75.0, "75 个", unit="count"), claim("cn", 25.0, "25 个", unit="count", entity_id="1x_neo")]
    _, printed = line([BASE], [printed_series()])
    _, proj = line([BASE, RATE], [{"id": "p", "name": NAME, "project": {"base": "base", "cagr": "rate", "to": 2026}}])
    _, share = line(share_rows, [{"id": "s", "name": NAME, "derive": {"share": "cn", "of": ["us", "cn"]}}])
    _, card = resolve([BASE], type="card", main={"claim": "base"})
    for pts in (printed, proj, share, card):
        assert set(pts[0]) == POINT_COLUMNS | {"chart_id", "position"}
    assert (share[0]["value_low"], share[0]["value_high"], share[0]["qualifier"]) == (None, None, None)
    assert (share[0]["entity_id"], share[0]["source_org"], share[0]["indicator_id"]) == ("1x_neo", None, "ai_market_size")
    assert share[0]["series_id"] == "s" and share[0]["series_zh"] == "书中数值" and share[0]["series_en"] == "As printed"
    assert (proj[0]["entity_id"], proj[0]["indicator_id"]) == (None, "ai_market_size")
    assert (printed[0]["entity_id"], printed[0]["indicator_id"], printed[0]["kind"]) == (None, "ai_market_size", "actual")


def test_subtitle_of_undated_points_has_no_span_and_one_year_has_no_dash():
    undated = claim("u", 1e9, "10 亿美元", period=None, geo="US")
    row, _ = line([undated], [printed_series()])
    assert row["subtitle_en"] == "AI market size · United States · USD"
    halves = [claim("h1", 1e9, "10 亿美元", period="2025H1"), claim("h2", 2e9, "20 亿美元", period="2025H2")]
    row2, _ = line(halves, [printed_series()])
    assert row2["subtitle_en"] == "AI market size · World · USD · 2025"
    three = [claim(str(y), y * 1e8, f"{y} 亿美元", period=str(y)) for y in (2025, 2027, 2030)]
    row3, _ = line(three, [printed_series()])
    assert row3["subtitle_en"] == "AI market size · World · USD · 2025–2030"


def test_points_of_another_measure_are_refused_whatever_drew_them():
    other_base = {**BASE, "indicator_id": "ai_agent_market_size"}
    other_rate = {**RATE, "indicator_id": "ai_agent_market_size"}
    message = "the chart draws 'ai_market_size' but its points include ['ai_agent_market_size']: one measure per chart"
    fails(message, "measure", [other_base, other_rate], series=[{"id": "p", "name": NAME, "project": {"base": "base", "cagr": "rate"}}])
    fails(message, "measure", [other_base], type="card", main={"claim": "base"})


def test_a_selection_read_from_yaml_keeps_filtering_after_its_line_marker():
    rows = [claim("w", 1e11, "1000 亿美元"), claim("c", 3e11, "3000 亿美元", geo="CN")]
    _, pts = line(rows, [printed_series(select={LINE_KEY: 3, "geo": "CN"})])
    assert [p["claim_ids"] for p in pts] == ["c"]


def test_a_year_may_be_selected_as_text():
    rows = [claim("a", 1e11, "1000 亿美元", period="2025"), claim("b", 2e11, "2000 亿美元", period="2030")]
    _, pts = line(rows, [printed_series(select={"year": "2030"})])
    assert [p["claim_ids"] for p in pts] == ["b"]


def test_an_undated_point_is_labelled_by_its_subject_alone():
    undated = claim("u", 1e9, "10 亿美元", period=None, geo="US")
    _, pts = resolve([undated], type="bar", series=[printed_series()])
    assert (pts[0]["label_en"], pts[0]["label_zh"]) == ("United States", "美国")


def test_a_line_labels_its_points_by_period_in_both_languages():
    _, pts = line([BASE], [printed_series()])
    assert pts[0]["label_en"] == "2025" and pts[0]["label_zh"] in ("2025", "2025 年")  # never the place


def test_the_chart_row_has_exactly_the_columns_of_the_charts_table():
    row, _ = line([BASE], [printed_series()])
    assert set(row) == {f.name for f in CHARTS.fields}
    assert row["position"] == 0


def test_a_subtitle_of_one_period_says_it_as_a_reader_does():
    rows = [claim(g, 1e9 * (i + 1), f"{i + 1} 美元", geo=g, period="2025H1") for i, g in enumerate(["WORLD", "CN"])]
    row, _ = resolve(rows, type="bar", series=[printed_series()])
    assert row["subtitle_en"] == "AI market size · World, China · USD · H1 2025"
    assert row["subtitle_zh"].split(" · ")[1:] == ["全球、中国", "美元", "2025 年上半年"]


def test_a_point_label_says_its_period_in_each_language():
    a = claim("a", 1e11, "1000 亿美元", period="2025H1")
    (p,) = line([a], [printed_series()])[1]
    assert (p["label_en"], p["label_zh"]) == ("H1 2025", "2025 年上半年")


def test_a_projection_from_a_qualified_figure_carries_no_qualifier():
    base = {**BASE, "qualifier": "≈"}
    _, pts = line([base, RATE], [{"id": "p", "name": NAME, "project": {"base": "base", "cagr": "rate", "to": 2026}}])
    assert pts[0]["qualifier"] is None and pts[0]["kind"] == "derived"


def test_a_share_is_a_point_of_the_charts_measure_not_of_its_claims():
    """OpenRouter's share chart: token_share points computed from weekly_tokens claims."""
    us = claim("us", 2.94e12, "2.94 万亿", geo="US", unit="tokens/week", indicator_id="weekly_tokens", section="2.1", line=5)
    cn = claim("cn", 4.12e12, "4.12 万亿", geo="CN", unit="tokens/week", indicator_id="weekly_tokens", section="2.1", line=6)
    _, pts = resolve([us, cn], measure="token_share",
                     series=[{"id": "share", "name": NAME, "derive": {"share": "cn", "of": ["us", "cn"]}}])
    (p,) = pts
    assert p["indicator_id"] == "token_share" and p["unit"] == "%"
    assert p["value"] == pytest.approx(4.12 / (2.94 + 4.12) * 100)  # 58.36 %

"""Tables, the table contract, datapackage.json, comparable groups and the catalogue, on small inputs."""

from __future__ import annotations

import math
import shutil
from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

from etl.catalog import DATASETS, Catalog, load_catalog
from etl.datapackage import datapackage
from etl.errors import CurationError
from etl.groups import build_groups, group_ids
from etl.schema import AUDIT, CLAIMS, TABLES, F, SchemaError, Table, validate
from etl.tables import catalogue_frames, frame
from tests.claim_rows import claim, claims

# -- frame: column order and types of the contract ------------------------------------------------------------------
T = Table("t", "A test table.", (F("id", "string", "Id.", True, True), F("n", "integer", "Count."), F("x", "number", "Value."),
                                  F("d", "date", "Day."), F("b", "boolean", "Flag.", True), F("kind", "string", "Kind.", enum=("a", "b"))),
          ("id",))


def test_frame_orders_columns_and_types_them_as_the_contract_says():
    df = frame(T, [{"b": 1, "id": "r1", "n": 3, "x": 2, "d": "2025-12-31", "kind": "a"}, {"id": "r2", "b": 0, "kind": None}])
    assert list(df.columns) == ["id", "n", "x", "d", "b", "kind"]
    assert str(df["n"].dtype) == "Int64"
    assert df["n"].iloc[0] == 3 and pd.isna(df["n"].iloc[1])
    assert df["x"].dtype == "float64" and df["x"].iloc[0] == 2.0 and math.isnan(df["x"].iloc[1])
    assert df["d"].iloc[0] == date(2025, 12, 31)
    assert df["b"].dtype == "bool" and list(df["b"]) == [True, False]
    assert df["kind"].dtype == object and df["kind"].iloc[1] is None and df["id"].iloc[0] == "r1"


def test_validate_returns_an_arrow_table_of_the_contract():
    df = frame(T, [{"id": "r1", "n": 3, "x": 2.5, "d": date(2025, 1, 1), "b": True, "kind": "a"}])
    tab = validate(T, df)
    assert tab.schema == T.arrow_schema
    assert tab.schema.field("id").nullable is False and tab.schema.field("n").nullable is True
    assert [f.type for f in tab.schema] == [pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_(), pa.string()]
    assert tab.to_pylist() == [{"id": "r1", "n": 3, "x": 2.5, "d": date(2025, 1, 1), "b": True, "kind": "a"}]


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ([{"id": None, "b": True}, {"id": None, "b": True}], r"^t\.id: 2 missing values in a required column$"),
        ([{"id": "r1", "b": True}, {"id": "r2", "b": True}, {"id": "r1", "b": True}], r"^t\.id: duplicate value 'r1'$"),
        ([{"id": "r1", "b": True, "kind": "c"}, {"id": "r2", "b": True, "kind": "z"}, {"id": "r3", "b": True, "kind": "a"}],
         r"^t\.kind: values \['c', 'z'\] not allowed$"),
        ([{"id": "r1", "b": None}], r"^t\.b: 1 missing values in a required column$"),
        ([{"id": "r1", "b": True, "x": "abc"}], r"^t: "),
    ],
)
def test_validate_names_the_table_column_and_problem(rows, match):
    df = pd.DataFrame(rows, columns=[f.name for f in T.fields])
    with pytest.raises(SchemaError, match=match):
        validate(T, df)


def test_validate_refuses_columns_out_of_order():
    df = frame(T, [{"id": "r1", "b": True}])[["n", "id", "x", "d", "b", "kind"]]
    with pytest.raises(SchemaError, match=r"^t: columns \['n', 'id', 'x', 'd', 'b', 'kind'\] differ from the contract "
                                          r"\['id', 'n', 'x', 'd', 'b', 'kind'\]$"):
        validate(T, df)


def test_validate_refuses_a_duplicate_primary_key_of_two_columns():
    t2 = Table("t2", "Two-column key.", (F("a", "string", "A."), F("b", "string", "B."), F("c", "string", "C.")), ("a", "b"))
    validate(t2, pd.DataFrame({"a": ["x", "x"], "b": ["1", "2"], "c": ["p", "p"]}))
    with pytest.raises(SchemaError, match=r"^t2: primary key \('a', 'b'\) not unique$"):
        validate(t2, pd.DataFrame({"a": ["x", "x"], "b": ["1", "1"], "c": ["p", "q"]}))


def test_missing_values_are_allowed_where_not_required_and_nulls_do_not_count_as_duplicates():
    df = frame(T, [{"id": "r1", "b": True}, {"id": "r2", "b": False}])
    assert validate(T, df).num_rows == 2
    t3 = Table("t3", "Unique, optional.", (F("u", "string", "U.", False, True),))
    assert validate(t3, pd.DataFrame({"u": [None, None, "a"]})).num_rows == 3


def test_the_claims_contract_allows_the_qualifiers_and_kinds_the_dashboard_knows():
    q = next(f for f in CLAIMS.fields if f.name == "qualifier")
    assert q.enum == ("≈", ">", "<", "≥", "≤") and not q.required
    sev = next(f for f in AUDIT.fields if f.name == "severity")
    assert sev.enum == ("info", "warning", "error")


# -- datapackage.json ------------------------------------------------------------------------------------------------
SOURCE = {"title_en": "Blue Book", "title_zh": "蓝皮书", "edition": "2026-04", "publisher_en": "SJTU", "file": "book.txt"}
MANIFEST = {"data_hash": "abcdef0123456789ff", "built_at": "2026-12-01T00:00:00Z", "rows": {t.name: i for i, t in enumerate(TABLES)}}


def test_datapackage_describes_every_table_with_its_constraints_and_keys():
    pkg = datapackage(SOURCE, "f" * 64, MANIFEST)
    assert pkg["name"] == "aiplus-indicators" and pkg["version"] == "abcdef012345" and pkg["created"] == "2026-12-01T00:00:00Z"
    assert pkg["sources"] == [{"title": "Blue Book", "path": "book.txt", "description": "蓝皮书 (2026-04), SJTU", "sha256": "f" * 64}]
    assert pkg["licenses"] == [{"name": "other-at", "title": "Figures quoted from the source for analysis; see sources"}]
    assert pkg["title"].startswith("AI+ Indicators")
    assert [r["name"] for r in pkg["resources"]] == [t.name for t in TABLES]
    claims_res = pkg["resources"][0]
    assert claims_res["path"] == "claims.parquet" and claims_res["format"] == "parquet"
    assert claims_res["mediatype"] == "application/vnd.apache.parquet" and claims_res["rows"] == 0
    assert claims_res["description"] == CLAIMS.description
    fields = {f["name"]: f for f in claims_res["schema"]["fields"]}
    assert fields["claim_id"] == {"name": "claim_id", "type": "string", "description": CLAIMS.fields[0].description,
                                  "constraints": {"required": True, "unique": True}}
    assert fields["qualifier"]["constraints"] == {"enum": ["≈", ">", "<", "≥", "≤"]}
    assert "constraints" not in fields["entity"]
    assert fields["year"]["type"] == "integer"
    assert claims_res["schema"]["primaryKey"] == ["claim_id"]
    assert claims_res["schema"]["foreignKeys"][0] == {"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}}
    assert [r["rows"] for r in pkg["resources"]] == list(range(len(TABLES)))
    no_fk = next(r for r in pkg["resources"] if r["name"] == "geo")
    assert "foreignKeys" not in no_fk["schema"]


def test_a_table_without_a_primary_key_has_none_in_the_package(monkeypatch):
    import etl.datapackage as dp

    monkeypatch.setattr(dp, "TABLES", (Table("t", "No key.", (F("a", "string", "A."),)),))
    res = dp.datapackage(SOURCE, "0", {**MANIFEST, "rows": {"t": 1}})["resources"][0]
    assert res["schema"] == {"fields": [{"name": "a", "type": "string", "description": "A."}]}


# -- comparable groups -----------------------------------------------------------------------------------------------
def test_groups_are_one_measure_unit_and_basis_with_at_least_two_claims():
    rows = [
        claim("a", 1e9, "10 亿美元", period="2024"), claim("b", 2e9, "20 亿美元", period="2025", geo="CN"),
        claim("c", 3e9, "30 亿美元", period="2025", entity_id="1x_neo", geo="US"),
        claim("g1", 30.0, "30%", kind="cagr", unit="%", period="2025/2030"), claim("g2", 20.0, "20%", kind="yoy", unit="%"),
        claim("y", 9e9, "90 亿元", unit="CNY"),  # alone in its unit: no group
        claim("o1", 5.0, "5 个", indicator_id="other", unit="count"), claim("o2", 6.0, "6 个", indicator_id="other", unit="count"),
    ]
    g = build_groups(claims(*rows))
    assert list(g["group_id"]) == ["ai_market_size|%|growth", "ai_market_size|USD|level"]
    level = g.iloc[1]
    assert (level["indicator_id"], level["unit"], level["basis"]) == ("ai_market_size", "USD", "level")
    assert (level["n_claims"], level["n_subjects"], level["claim_ids"]) == (3, 3, "a,b,c")
    growth = g.iloc[0]
    assert (growth["n_claims"], growth["n_subjects"], growth["claim_ids"]) == (2, 1, "g1,g2")
    assert list(group_ids(claims(rows[0], rows[3]))) == ["ai_market_size|USD|level", "ai_market_size|%|growth"]


def test_a_subject_is_the_entity_else_the_place():
    rows = [claim("a", 1.0, "1 美元", entity_id="1x_neo"), claim("b", 2.0, "2 美元", entity_id="1x_neo", geo="CN"),
            claim("c", 3.0, "3 美元", geo="CN")]
    assert build_groups(claims(*rows))["n_subjects"].tolist() == [2]


# -- catalogue frames ------------------------------------------------------------------------------------------------
def test_catalogue_frames_count_claims_and_list_printed_unit_forms():
    cat = Catalog(
        root=DATASETS,
        sectors=[{"id": "s1", "group": "technology", "name_zh": "甲", "name_en": "A", "sections": ["1.1", "1.2"]},
                 {"id": "s2", "group": "industry", "name_zh": "乙", "name_en": "B", "sections": []}],
        indicators=[{"id": "m", "category": "market", "unit": "USD", "name_zh": "规模", "name_en": "Size", "definition_zh": "定义",
                     "definition_en": "Def", "derived_only": False},
                    {"id": "w", "category": "energy", "unit": "W", "name_zh": "功率", "name_en": "Power", "definition_zh": "功率定义",
                     "definition_en": "Power def", "derived_only": True}],
        organisations=[{"id": "o", "name_zh": "机构", "name_en": "Org", "kind": "think_tank"},
                       {"id": "p", "name_zh": "平台", "name_en": "Platform", "kind": "platform"}],
        geo=[{"id": "CN", "name_zh": "中国", "name_en": "China"}],
        entities=[{"id": "e", "name_zh": "公司", "name_en": "Co", "kind": "company", "geo": "CN"},
                  {"id": "f", "name_zh": "芯片", "name_en": "Chip", "kind": "chip", "geo": "CN"}],
        canonical_units={"USD": {"family": "currency", "name_zh": "美元", "name_en": "USD"},
                         "W": {"family": "power", "name_zh": "瓦", "name_en": "W"},
                         "tokens/day": {"family": "tokens_per_day", "name_zh": "Token/日", "name_en": "tokens per day"}},
        raw_units={"美元": ("USD", 1.0), "$": ("USD", 1.0), "GW": ("W", 1e9), "kW": ("W", 1000.0)}, source={},
    )
    rows = [{"indicator_id": "m", "sector": "s1", "source_org": "o", "entity_id": "e"},
            {"indicator_id": "m", "sector": "s1", "source_org": None, "entity_id": None}]
    f = catalogue_frames(cat, rows)
    assert f["indicators"].to_dict("records") == [
        {"indicator_id": "m", "category": "market", "unit": "USD", "unit_family": "currency", "name_zh": "规模", "name_en": "Size",
         "definition_zh": "定义", "definition_en": "Def", "derived_only": False, "n_claims": 2},
        {"indicator_id": "w", "category": "energy", "unit": "W", "unit_family": "power", "name_zh": "功率", "name_en": "Power",
         "definition_zh": "功率定义", "definition_en": "Power def", "derived_only": True, "n_claims": 0}]
    assert f["sectors"].to_dict("records") == [
        {"sector": "s1", "group": "technology", "name_zh": "甲", "name_en": "A", "sections": "1.1,1.2", "n_claims": 2},
        {"sector": "s2", "group": "industry", "name_zh": "乙", "name_en": "B", "sections": "", "n_claims": 0}]
    assert f["sources"].to_dict("records") == [
        {"org_id": "o", "name_zh": "机构", "name_en": "Org", "kind": "think_tank", "n_claims": 1},
        {"org_id": "p", "name_zh": "平台", "name_en": "Platform", "kind": "platform", "n_claims": 0}]
    assert f["entities"].to_dict("records") == [
        {"entity_id": "e", "name_zh": "公司", "name_en": "Co", "kind": "company", "geo": "CN", "n_claims": 1},
        {"entity_id": "f", "name_zh": "芯片", "name_en": "Chip", "kind": "chip", "geo": "CN", "n_claims": 0}]
    assert f["geo"].to_dict("records") == [{"geo": "CN", "name_zh": "中国", "name_en": "China"}]
    assert f["units"].to_dict("records") == [
        {"unit": "USD", "family": "currency", "name_zh": "美元", "name_en": "USD", "raw_forms": "$ 美元"},
        {"unit": "W", "family": "power", "name_zh": "瓦", "name_en": "W", "raw_forms": "GW×1e+09 kW×1000"},
        {"unit": "tokens/day", "family": "tokens_per_day", "name_zh": "Token/日", "name_en": "tokens per day", "raw_forms": None}]


# -- the catalogue files ---------------------------------------------------------------------------------------------
@pytest.fixture
def root(tmp_path):
    r = tmp_path / "datasets"
    r.mkdir()
    for f in DATASETS.glob("*.yml"):
        shutil.copy(f, r / f.name)
    return r


def edit(root, name, old, new):
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_catalogue_loads_with_its_raw_units_and_refinements(root):
    cat = load_catalog(root)
    assert cat.root == root
    assert cat.raw_units["美元"] == ("USD", 1.0) and "亿美元" not in cat.raw_units  # magnitudes are grammar, not units
    assert cat.raw_units["GW"] == ("W", 1e9) and cat.raw_units["成"] == ("%", 10.0)
    assert cat.refines["吨二氧化碳"] == "吨"
    assert "ai_market_size" in cat.ids("indicators") and "WORLD" in cat.ids("geo") and "ai_apps" in cat.ids("sectors")
    assert cat.indicator("ai_market_size")["unit"] == "USD"
    assert cat.source["edition"] == "2026-04" and "__yaml_line__" not in cat.source
    assert cat.canonical_units["USD"] == {"family": "currency", "name_zh": "美元", "name_en": "USD"}
    assert all("__yaml_line__" in g for g in cat.geo)


def test_raw_unit_texts_lose_their_spaces(root):
    edit(root, "units.yml", "raw:\n", "raw:\n  \"美 金 币\": {unit: USD, factor: 2}\n")
    cat = load_catalog(root)
    assert cat.raw_units["美金币"] == ("USD", 2.0)


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "match"),
    [
        ("units.yml", "canonical:", "canon:", None, "expected the mappings `canonical` and `raw`"),
        ("units.yml", "raw:", "rawx:", None, "expected the mappings `canonical` and `raw`"),
        ("units.yml", "raw:", "raw: 5\nx:", None, "expected the mappings `canonical` and `raw`"),
        ("units.yml", "  CNY: {family: currency, name_zh: 元, name_en: CNY}", "  CNY: 5", "CNY",
         "a canonical unit is a mapping (family, name_zh, name_en)"),
        ("units.yml", "raw:\n", "raw:\n  xx: 5\n", "xx", "a raw unit is a mapping (unit, factor)"),
        ("units.yml", "raw:\n", "raw:\n  xx: {unit: NOPE, factor: 1}\n", "unit", "'NOPE' is not a canonical unit"),
        ("units.yml", "raw:\n", "raw:\n  xx: {unit: USD, factor: 0}\n", "factor", "factor must be a finite positive number, got 0.0"),
        ("units.yml", "raw:\n", "raw:\n  xx: {unit: USD, factor: .inf}\n", "factor", "inf is not a finite number"),
        ("units.yml", "raw:\n", "raw:\n  xx: {unit: USD, factor: -1}\n", "factor", "factor must be a finite positive number, got -1.0"),
        ("indicators.yml", 'unit: "USD", name_zh: "人工智能市场规模"', 'unit: "NOPE", name_zh: "人工智能市场规模"', "unit",
         "'NOPE' is not a canonical unit"),
        ("entities.yml", 'kind: "product", geo: "US"}', 'kind: "product", geo: "XX"}', "geo", "unknown geo 'XX' (see datasets/geo.yml)"),
        ("geo.yml", "- {id: CN, name_zh: 中国, name_en: China}", "- {id: WORLD, name_zh: 中国, name_en: China}", "id",
         "duplicate id 'WORLD'"),
    ],
)
def test_a_bad_catalogue_names_file_and_field(root, name, old, new, field, match):
    edit(root, name, old, new)
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert (err.value.message, err.value.file, err.value.field) == (match, name, field)


def test_a_missing_or_empty_catalogue_is_refused(root):
    (root / "sectors.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(CurationError, match=": the file holds no records: a catalogue cannot be empty$") as err:
        load_catalog(root)
    assert err.value.file == "sectors.yml"
    (root / "sectors.yml").unlink()
    with pytest.raises(CurationError, match=": file missing$") as err:
        load_catalog(root)
    assert err.value.file == "sectors.yml"


def test_a_duplicate_id_names_its_row(root):
    (root / "organisations.yml").write_text(
        "- {id: a, name_zh: 甲, name_en: A, kind: bank}\n- {id: a, name_zh: 乙, name_en: B, kind: bank}\n", encoding="utf-8")
    with pytest.raises(CurationError, match=": duplicate id 'a'$") as err:
        load_catalog(root)
    assert (err.value.row, err.value.record_id, err.value.field, err.value.file) == (2, "a", "id", "organisations.yml")


def test_event_rows_become_the_events_and_event_mentions_tables():
    from etl.schema import EVENT_MENTIONS, EVENTS
    from etl.tables import events_frame, mentions_frame

    ev = events_frame([{"event_id": "e1", "date": date(2025, 8, 1), "year": 2025, "n_mentions": 2, "line": 3}])
    assert list(ev.columns) == [f.name for f in EVENTS.fields]
    assert (ev["event_id"].iloc[0], ev["date"].iloc[0], ev["year"].iloc[0], ev["n_mentions"].iloc[0]) == ("e1", date(2025, 8, 1), 2025, 2)
    me = mentions_frame([{"mention_id": "e2", "event_id": "e1", "line": 4}])
    assert list(me.columns) == [f.name for f in EVENT_MENTIONS.fields]
    assert (me["mention_id"].iloc[0], me["event_id"].iloc[0], me["line"].iloc[0]) == ("e2", "e1", 4)


def _raw_line(root):
    return next(i for i, text in enumerate((root / "units.yml").read_text(encoding="utf-8").splitlines(), start=1) if text == "raw:")


def test_catalogue_errors_name_the_row_and_record(root):
    row = _raw_line(root) + 1
    edit(root, "units.yml", "raw:\n", "raw:\n  xx: {unit: NOPE, factor: 1}\n")
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert (err.value.row, err.value.file) == (row, "units.yml")


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "record_id"),
    [("indicators.yml", 'unit: "USD", name_zh: "人工智能市场规模"', 'unit: "NOPE", name_zh: "人工智能市场规模"', 5, "ai_market_size"),
     ("entities.yml", 'kind: "product", geo: "US"}', 'kind: "product", geo: "XX"}', 3, "1x_neo")],
)
def test_a_bad_reference_in_a_catalogue_names_its_row_and_id(root, name, old, new, row, record_id):
    edit(root, name, old, new)
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert (err.value.row, err.value.record_id) == (row, record_id)


@pytest.mark.parametrize("name", ["units.yml", "sectors.yml", "source.yml"])
def test_a_yaml_error_in_a_catalogue_names_the_file(root, name):
    (root / name).write_text("- {id: a\n", encoding="utf-8")
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert err.value.file == name and err.value.message.startswith("YAML syntax")


def test_a_malformed_catalogue_record_names_the_file(root):
    edit(root, "units.yml", "  CNY: {family: currency, name_zh: 元, name_en: CNY}", "  CNY: {name_zh: 元, name_en: CNY}")
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert (err.value.file, err.value.field, err.value.message) == ("units.yml", "family", "required field missing")
    (root / "sectors.yml").write_text("- {id: s, group: nowhere, name_zh: 甲, name_en: A, sections: []}\n", encoding="utf-8")
    shutil.copy(DATASETS / "units.yml", root / "units.yml")
    with pytest.raises(CurationError) as err:
        load_catalog(root)
    assert (err.value.file, err.value.field, err.value.row) == ("sectors.yml", "group", 1)


def test_catalogue_rows_keep_their_yaml_line_and_entities(root):
    cat = load_catalog(root)
    assert cat.geo[0]["id"] == "WORLD" and cat.geo[0]["__yaml_line__"] == 2
    assert cat.entities[0]["id"] == "1x_neo" and cat.entities[0]["__yaml_line__"] == 3


def test_a_refining_raw_unit_is_keyed_without_spaces(root):
    edit(root, "units.yml", "raw:\n", "raw:\n  \"吨 碳 当量\": {unit: tCO2, factor: 1000, refines: 吨}\n")
    assert load_catalog(root).refines["吨碳当量"] == "吨"


@pytest.mark.parametrize(
    ("rows", "field", "index"),
    [
        ([{"id": "r0", "b": True}, {"id": None, "b": True}, {"id": None, "b": True}], "id", 1),
        ([{"id": "r1", "b": True}, {"id": "r2", "b": True}, {"id": "r1", "b": True}], "id", 2),
        ([{"id": "r1", "b": True, "kind": "a"}, {"id": "r2", "b": True, "kind": "z"}], "kind", 1),
        ([{"id": "r1", "b": True}, {"id": "r2", "b": None}], "b", 1),
    ],
)
def test_a_refusal_names_its_table_field_and_first_offending_row(rows, field, index):
    df = pd.DataFrame(rows, columns=[f.name for f in T.fields], index=[10 * i for i in range(len(rows))])
    with pytest.raises(SchemaError) as err:
        validate(T, df)
    assert (err.value.table, err.value.field, err.value.index) == ("t", field, 10 * index)
    assert err.value.message == str(err.value)


def test_a_duplicate_key_names_its_columns_and_row_and_a_bad_type_names_only_the_table():
    t2 = Table("t2", "Two-column key.", (F("a", "string", "A."), F("b", "string", "B."), F("c", "string", "C.")), ("a", "b"))
    df = pd.DataFrame({"a": ["x", "y", "x"], "b": ["1", "1", "1"], "c": ["p", "q", "r"]}, index=[5, 6, 7])
    with pytest.raises(SchemaError) as err:
        validate(t2, df)
    assert (err.value.table, err.value.field, err.value.index) == ("t2", "a,b", 7)
    with pytest.raises(SchemaError) as err:
        validate(T, pd.DataFrame([{"id": "r1", "b": True, "x": "abc"}], columns=[f.name for f in T.fields]))
    assert (err.value.table, err.value.field, err.value.index) == (None, None, None)
    with pytest.raises(SchemaError) as err:
        validate(T, frame(T, [{"id": "r1", "b": True}])[["n", "id", "x", "d", "b", "kind"]])
    assert (err.value.table, err.value.field, err.value.index) == (None, None, None)

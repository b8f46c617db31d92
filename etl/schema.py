"""The table contract, stated once: every table's columns with type, description and constraints.

The build validates each table against it before writing, and datapackage.json is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from etl.records import ENTITY_KINDS, EVENT_KINDS, KINDS, ORG_KINDS

_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
    "boolean": pa.bool_(),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # frictionless type: string | integer | number | date | boolean
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = field(default=())  # (column, table, column)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(f.name, _ARROW[f.type], nullable=not f.required) for f in self.fields])


F = Field
CLAIMS = Table(
    "claims",
    "One row per figure printed in the book, normalized to a canonical unit, with its provenance.",
    (
        F("claim_id", "string", "Stable identifier of the claim (same in YAML, Parquet and the dashboard).", True, True),
        F("indicator_id", "string", "Indicator measured (indicators table).", True),
        F("sector", "string", "Sector (sectors table).", True),
        F("geo", "string", "Geography code: ISO 3166 country, CN-xx province, WORLD, EU, GLOBAL, ...", True),
        F("entity_id", "string", "Entity the figure is about (entities table)."),
        F("entity", "string", "The entity's name as printed in the book."),
        F("period", "string", "Period label: 2025, 2025H1, 2025Q3, 2025Q1-Q3, 2025-12, 2025-12-31, a day span, 2025-end, 2025/2033."),
        F("year", "integer", "Year of the period (its end year for a span)."),
        F("period_start", "date", "First day of the period."),
        F("period_end", "date", "Last day of the period."),
        F("value", "number", "Value in the canonical unit (the low end of a range).", True),
        F("value_low", "number", "Low end of a printed range, in the canonical unit."),
        F("value_high", "number", "High end of a printed range, in the canonical unit."),
        F("unit", "string", "Canonical unit (units table).", True),
        F("kind", "string", "What the figure is.", True, enum=KINDS),
        F("qualifier", "string", "Printed qualifier: ≈ (约), > (超, 以上, 余), < (近, 不足), ≥, ≤.", enum=("≈", ">", "<", "≥", "≤")),
        F("printed", "string", "The figure exactly as printed in the book (number, magnitude, unit).", True),
        F("section", "string", "Most specific numbered section holding the line (e.g. 6.2, 7.3.2, 序言).", True),
        F("line", "integer", "1-based line of the source text holding the figure.", True),
        F("source_org", "string", "Organisation the book credits (organisations table)."),
        F("about_zh", "string", "What is measured, in a few words of the curators (Chinese).", True),
        F("about_en", "string", "What is measured, in a few words of the curators (English).", True),
        F("other_reason", "string", "Why the claim sits in the `other` measure (only for those claims)."),
        F("file", "string", "Curated file the claim comes from.", True),
    ),
    ("claim_id",),
    (("indicator_id", "indicators", "indicator_id"), ("sector", "sectors", "sector"), ("unit", "units", "unit"),
     ("geo", "geo", "geo"), ("entity_id", "entities", "entity_id"), ("source_org", "sources", "org_id")),
)
INDICATORS = Table(
    "indicators",
    "Indicator catalogue with zh/en names.",
    (
        F("indicator_id", "string", "Indicator id.", True, True),
        F("category", "string", "Indicator category (market, investment, tokens, energy, ...).", True),
        F("unit", "string", "Canonical unit the measure is reported in.", True),
        F("unit_family", "string", "Unit family every level claim of the measure is in (growth rates are in %, pp or ×).", True),
        F("name_zh", "string", "Chinese name.", True),
        F("name_en", "string", "English name.", True),
        F("definition_zh", "string", "What the measure is, in Chinese.", True),
        F("definition_en", "string", "What the measure is, in English.", True),
        F("derived_only", "boolean", "True for a measure only computed from other claims (no printed claim).", True),
        F("n_claims", "integer", "Number of claims of the measure.", True),
    ),
    ("indicator_id",),
    (("unit", "units", "unit"),),
)
SECTORS = Table(
    "sectors",
    "Sector taxonomy: technology areas (chapters 1-6), industries (chapter 7), governance (chapters 8-10).",
    (
        F("sector", "string", "Sector id.", True, True),
        F("group", "string", "technology, industry or governance.", True, enum=("technology", "industry", "governance")),
        F("name_zh", "string", "Chinese name.", True),
        F("name_en", "string", "English name.", True),
        F("sections", "string", "Book sections whose claims default to this sector (comma separated).", True),
        F("n_claims", "integer", "Number of claims in the sector.", True),
    ),
    ("sector",),
)
SOURCES = Table(
    "sources",
    "Organisations the book credits for figures.",
    (
        F("org_id", "string", "Organisation id.", True, True),
        F("name_zh", "string", "Chinese name (as the book prints it where it prints a Chinese one).", True),
        F("name_en", "string", "English name.", True),
        F("kind", "string", "Kind of organisation.", True, enum=ORG_KINDS),
        F("n_claims", "integer", "Number of claims credited to it.", True),
    ),
    ("org_id",),
)
UNITS = Table(
    "units",
    "Canonical units with the raw unit texts the book prints for them.",
    (
        F("unit", "string", "Canonical unit.", True, True),
        F("family", "string", "Unit family (currency, power, energy, tokens, ...).", True),
        F("name_zh", "string", "Chinese name.", True),
        F("name_en", "string", "English name.", True),
        F("raw_forms", "string", "Printed unit texts mapped to it, with their factors (empty for a unit only reached by `per`)."),
    ),
    ("unit",),
)
GEO = Table(
    "geo",
    "Geography codes.",
    (
        F("geo", "string", "Code.", True, True),
        F("name_zh", "string", "Chinese name.", True),
        F("name_en", "string", "English name.", True),
    ),
    ("geo",),
)
AUDIT = Table(
    "audit",
    "The book checked against itself: conflicting or inconsistent claims.",
    (
        F("check_id", "string", "Finding id.", True, True),
        F("check", "string", "Kind of check.", True),
        F("severity", "string", "info, warning or error.", True, enum=("info", "warning", "error")),
        F("indicator_id", "string", "Indicator concerned."),
        F("claim_ids", "string", "Claims involved (comma separated).", True),
        F("explanation_en", "string", "What was found, in English.", True),
        F("explanation_zh", "string", "What was found, in Chinese.", True),
        F("expected", "number", "Value implied by the other claims."),
        F("observed", "number", "Value printed."),
        F("correction", "string", "Id of the corrections.yml entry that records it, if any."),
    ),
    ("check_id",),
)
EVENTS = Table(
    "events",
    "Dated policy, law, regulation, plan, standard and initiative events the book mentions.",
    (
        F("event_id", "string", "Event id.", True, True),
        F("date", "date", "Date (first day of the printed month or year when less precise).", True),
        F("date_precision", "string", "year, month or day.", True, enum=("year", "month", "day")),
        F("year", "integer", "Year.", True),
        F("jurisdiction", "string", "Geography code of the issuing jurisdiction.", True),
        F("title", "string", "Title as printed.", True),
        F("title_en", "string", "Title in English.", True),
        F("kind", "string", "Kind of event: an enacted law, a bill, a draft, an item on a legislative plan, ...", True, enum=EVENT_KINDS),
        F("body", "string", "Issuing body, where printed."),
        F("body_en", "string", "Issuing body in English."),
        F("section", "string", "Section of the event's first (canonical) mention.", True),
        F("line", "integer", "1-based line of that mention.", True),
        F("n_mentions", "integer", "Number of places the book mentions the event (event_mentions).", True),
        F("file", "string", "Curated file.", True),
    ),
    ("event_id",),
    (("jurisdiction", "geo", "geo"),),
)
EVENT_MENTIONS = Table(
    "event_mentions",
    "Every place the book mentions an event, the event's own record included.",
    (
        F("mention_id", "string", "Id of the curated record of the mention.", True, True),
        F("event_id", "string", "The event mentioned (events table).", True),
        F("title", "string", "The title as printed at this mention.", True),
        F("section", "string", "Section holding the line.", True),
        F("line", "integer", "1-based line of the source text.", True),
        F("file", "string", "Curated file.", True),
    ),
    ("mention_id",),
    (("event_id", "events", "event_id"),),
)
ENTITIES = Table(
    "entities",
    "Companies, models, products, chips, programmes, facilities and places the figures are about.",
    (
        F("entity_id", "string", "Entity id.", True, True),
        F("name_zh", "string", "Chinese name.", True),
        F("name_en", "string", "English name.", True),
        F("kind", "string", "Kind of entity.", True, enum=ENTITY_KINDS),
        F("geo", "string", "Home geography (geo table).", True),
        F("n_claims", "integer", "Number of claims about it.", True),
    ),
    ("entity_id",),
    (("geo", "geo", "geo"),),
)
GROUPS = Table(
    "comparable_groups",
    "Groups of claims that are comparable: one measure, one unit, one basis (levels or growth rates).",
    (
        F("group_id", "string", "Group id: measure, unit and basis.", True, True),
        F("indicator_id", "string", "Measure (indicators table).", True),
        F("unit", "string", "Canonical unit of every claim of the group.", True),
        F("basis", "string", "level or growth.", True, enum=("level", "growth")),
        F("n_claims", "integer", "Number of claims.", True),
        F("n_subjects", "integer", "Number of distinct subjects (entity or place).", True),
        F("claim_ids", "string", "The claims (comma separated).", True),
    ),
    ("group_id",),
    (("indicator_id", "indicators", "indicator_id"), ("unit", "units", "unit")),
)
CHARTS = Table(
    "charts",
    "Every card and chart of the dashboard, declared in datasets/charts.yml.",
    (
        F("chart_id", "string", "Chart id.", True, True),
        F("page", "string", "Page that shows it.", True),
        F("position", "integer", "Order on its page.", True),
        F("type", "string", "card, line or bar.", True, enum=("card", "line", "bar")),
        F("title_zh", "string", "Title in Chinese.", True),
        F("title_en", "string", "Title in English.", True),
        F("subtitle_zh", "string", "Subtitle in Chinese: measure, place, unit, period.", True),
        F("subtitle_en", "string", "Subtitle in English: measure, place, unit, period.", True),
        F("indicator_id", "string", "The one measure the chart draws.", True),
        F("unit", "string", "The one unit of its points.", True),
        F("basis", "string", "level or growth.", True, enum=("level", "growth")),
        F("log_y", "boolean", "Drawn on a log scale.", True),
        F("spark", "string", "For a card: the chart drawn as its sparkline."),
        F("n_points", "integer", "Number of points.", True),
    ),
    ("chart_id",),
    (("indicator_id", "indicators", "indicator_id"), ("unit", "units", "unit")),
)
CHART_POINTS = Table(
    "chart_points",
    "One row per point a chart or card draws, resolved by the build from charts.yml.",
    (
        F("chart_id", "string", "Chart (charts table).", True),
        F("series_id", "string", "Series within the chart.", True),
        F("series_zh", "string", "Series name in Chinese.", True),
        F("series_en", "string", "Series name in English.", True),
        F("label_zh", "string", "Point label in Chinese (subject and period).", True),
        F("label_en", "string", "Point label in English.", True),
        F("date", "date", "End of the point's period (x position)."),
        F("period", "string", "Period label."),
        F("year", "integer", "Year of the period."),
        F("value", "number", "Value in the canonical unit (the low end of a range).", True),
        F("value_low", "number", "Low end of a printed range."),
        F("value_high", "number", "High end of a printed range."),
        F("unit", "string", "Canonical unit.", True),
        F("indicator_id", "string", "Measure.", True),
        F("kind", "string", "actual, estimate, forecast, target, cagr, yoy, growth or derived.", True, enum=(*KINDS, "derived")),
        F("qualifier", "string", "Printed qualifier.", enum=("≈", ">", "<", "≥", "≤")),
        F("derived", "boolean", "True when computed from claims, not printed.", True),
        F("method", "string", "How a derived point was computed."),
        F("claim_ids", "string", "The claim behind the point; for a derived point the claims it was computed from (comma separated).", True),
        F("printed", "string", "The figure as printed (none for a derived point)."),
        F("section", "string", "Section of the (first) claim."),
        F("line", "integer", "Line of the (first) claim."),
        F("source_org", "string", "Organisation credited (sources table)."),
        F("geo", "string", "Place of the point.", True),
        F("entity_id", "string", "Entity of the point."),
        F("position", "integer", "Order of the point within its chart.", True),
    ),
    ("chart_id", "series_id", "position"),
    (("chart_id", "charts", "chart_id"), ("unit", "units", "unit"), ("indicator_id", "indicators", "indicator_id")),
)
TABLES: tuple[Table, ...] = (CLAIMS, INDICATORS, SECTORS, SOURCES, UNITS, GEO, ENTITIES, GROUPS, CHARTS, CHART_POINTS, AUDIT,
                             EVENTS, EVENT_MENTIONS)
BY_NAME = {t.name: t for t in TABLES}


class SchemaError(ValueError):
    """A table breaks its contract. `table`, `field` and `index` (the frame's label of the first offending row) let
    the build name the curated file and record it came from."""

    def __init__(self, message: str, table: str | None = None, field: str | None = None, index=None):
        super().__init__(message)
        self.message, self.table, self.field, self.index = message, table, field, index


def _first(mask: pd.Series):
    return mask[mask].index[0] if mask.any() else None


def validate(table: Table, df: pd.DataFrame) -> pa.Table:
    """Check a frame against its contract and return it as an Arrow table of exactly that schema."""
    names = [f.name for f in table.fields]
    if list(df.columns) != names:
        raise SchemaError(f"{table.name}: columns {list(df.columns)} differ from the contract {names}")
    for f in table.fields:
        col = df[f.name]
        if f.required and col.isna().any():
            raise SchemaError(f"{table.name}.{f.name}: {int(col.isna().sum())} missing values in a required column",
                              table.name, f.name, _first(col.isna()))
        if f.unique and col.dropna().duplicated().any():
            dup = col[col.duplicated()].iloc[0]
            raise SchemaError(f"{table.name}.{f.name}: duplicate value {dup!r}", table.name, f.name,
                              _first(col.notna() & col.duplicated()))
        if f.enum is not None:
            bad = set(col.dropna()) - set(f.enum)
            if bad:
                raise SchemaError(f"{table.name}.{f.name}: values {sorted(bad)} not allowed", table.name, f.name,
                                  _first(col.isin(bad)))
    if table.primary_key and df.duplicated(list(table.primary_key)).any():
        dup = df.duplicated(list(table.primary_key))
        raise SchemaError(f"{table.name}: primary key {table.primary_key} not unique", table.name,
                          ",".join(table.primary_key), _first(dup))
    try:
        return pa.Table.from_pandas(df, schema=table.arrow_schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise SchemaError(f"{table.name}: {exc}") from None

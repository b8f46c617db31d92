"""Record schemas of the curated files, as pydantic models.

Each model states the shape of one kind of record (fields, types, lengths, allowed values) once. `parse()`
turns a YAML record into a model and any violation into a CurationError naming the file, the YAML row, the
record id and the field. Checks that need other files (catalogue references, the book, units) stay in the
loaders, which work on the parsed models.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, ValidationError, field_validator

from etl.errors import CurationError
from etl.load import LINE_KEY

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_ID = r"^[A-Za-z0-9_.\-]+$"

KINDS = ("actual", "estimate", "forecast", "target", "cagr", "yoy", "growth")
GROWTH_KINDS = ("cagr", "yoy", "growth")
OTHER = "other"  # the measure of the few figures with no comparable peer
LEVEL_KINDS = ("actual", "estimate", "forecast", "target")
EVENT_KINDS = ("law", "bill", "draft", "legislative_plan", "regulation", "policy", "plan", "standard", "initiative",
               "guideline", "agreement", "other")
ENTITY_KINDS = ("company", "model", "product", "chip", "programme", "facility", "place", "institution")
ORG_KINDS = ("research_firm", "think_tank", "government", "intergovernmental", "platform", "consultancy", "bank",
             "university", "data_provider", "company", "industry_body", "media", "other")
CATEGORIES = ("market", "investment", "finance", "adoption", "tokens", "models", "compute", "chips", "energy",
              "operations", "counts", "policy")


def _plain(value):
    """Curated text is plain text: no control or bidi-override characters (they could hide or reorder what a
    reader sees)."""
    if isinstance(value, str):
        bad = _CONTROL.search(value)
        if bad:
            raise ValueError(f"contains the control character U+{ord(bad.group(0)):04X}; curated text must be plain")
    return value


def _no_cjk(value):
    if isinstance(value, str) and _CJK.search(value):
        raise ValueError(f"English text contains Chinese characters ({_CJK.search(value).group(0)!r}): write it in English")
    return value


def _nonempty(value):
    if isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty")
    return value


def _text(max_length: int):
    return Annotated[str, BeforeValidator(_plain), BeforeValidator(_nonempty), Field(max_length=max_length)]


def _en(max_length: int):
    return Annotated[str, BeforeValidator(_no_cjk), BeforeValidator(_plain), BeforeValidator(_nonempty),
                     Field(max_length=max_length)]


Id = Annotated[str, Field(pattern=_ID, max_length=60)]
Line = Annotated[StrictInt, Field(ge=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Claim(Record):
    id: Id
    line: Line
    section: _text(20)
    printed: _text(60)
    indicator: Id
    sector: Id
    geo: Id
    kind: Literal[KINDS]
    about_zh: _text(60)
    about_en: _en(160)
    period: _text(30) | None = None
    qualifier: _text(10) | None = None
    org: Id | None = None
    entity: Id | None = None
    entity_printed: _text(120) | None = None
    per: Literal["day", "week", "month", "year"] | None = None
    unit: _text(40) | None = None
    note: _text(1000) | None = None
    other_reason: _en(300) | None = None

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, v):
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("section", mode="before")
    @classmethod
    def _section_text(cls, v):
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


class Event(Record):
    """A dated event the book mentions. A further mention of an event recorded elsewhere carries `mention_of`
    and only its place in the book (id, line, section, title as printed there, note)."""

    id: Id
    line: Line
    section: _text(20)
    title: _text(300)
    mention_of: Id | None = None
    date: _text(10) | None = None
    jurisdiction: Id | None = None
    kind: Literal[EVENT_KINDS] | None = None
    title_en: _en(300) | None = None
    body: _text(200) | None = None
    body_en: _en(400) | None = None
    note: _text(1000) | None = None

    @field_validator("date", "section", mode="before")
    @classmethod
    def _as_text(cls, v):
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


class Indicator(Record):
    id: Id
    category: Literal[CATEGORIES]
    unit: _text(20)
    name_zh: _text(60)
    name_en: _en(120)
    definition_zh: _text(200)
    definition_en: _en(300)
    derived_only: bool = False


class Entity(Record):
    id: Id
    name_zh: _text(120)
    name_en: _en(160)
    kind: Literal[ENTITY_KINDS]
    geo: Id


class Organisation(Record):
    id: Id
    name_zh: _text(120)
    name_en: _en(160)
    kind: Literal[ORG_KINDS]


class Sector(Record):
    id: Id
    group: Literal["technology", "industry", "governance"]
    name_zh: _text(60)
    name_en: _en(120)
    sections: list[str]


class Geo(Record):
    id: Id
    name_zh: _text(60)
    name_en: _en(120)
    parent: Id | None = None


class CanonicalUnit(Record):
    family: Id
    name_zh: _text(40)
    name_en: _en(60)


class RawUnit(Record):
    unit: _text(20)
    factor: float
    refines: _text(20) | None = None  # a printed unit text this one may stand for (吨二氧化碳 refines 吨)

    @field_validator("factor")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v) or v <= 0:
            raise ValueError(f"factor must be a finite positive number, got {v!r}")
        return v


M = TypeVar("M", bound=Record)


def parse(model: type[M], rec: dict, file: str) -> M:
    """The record as a model; a violation becomes a CurationError naming file, row, record id and field."""
    row = rec.get(LINE_KEY) if isinstance(rec, dict) else None
    rid = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else None
    data = {k: v for k, v in rec.items() if k != LINE_KEY}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        raise CurationError(file, row, field, _message(err, model), rid) from None


def _message(err: dict, model: type[Record]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        return f"unknown field (allowed: {', '.join(model.model_fields)})"
    if kind == "literal_error":
        return f"{err.get('input')!r} is not one of {err['ctx']['expected']}"
    if kind in ("string_too_long", "too_long"):
        limit = err["ctx"].get("max_length", err["ctx"].get("max_length"))
        return f"is {len(err['input'])} characters long; at most {limit} are allowed"
    if kind == "string_pattern_mismatch":
        return f"{err.get('input')!r} is not a valid id (letters, digits, _ . - only)"
    if kind in ("int_type", "int_parsing", "greater_than_equal"):
        return f"must be a positive whole number, got {err.get('input')!r}"
    if kind == "string_type":
        return f"must be quoted text, got {err.get('input')!r}"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")

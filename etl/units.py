"""Parsing a figure as printed in the book into a value in its canonical unit.

The unit vocabulary (raw unit text -> canonical unit and factor) is data, in datasets/units.yml;
the number grammar and the Chinese / English magnitudes are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAGNITUDES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "trillion": 1e12,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
    "bn": 1e9,
    "mn": 1e6,
}
# longest first, so 万亿 wins over 万
_MAG_KEYS = sorted(MAGNITUDES, key=len, reverse=True)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# "more than" markers printed between a number and its unit: 6000余家, 100多个
_APPROX_SUFFIX = ("余", "多")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|～|至|到)\s*")
_ARABIC = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
_CN_NUM = re.compile(r"[零〇一二两三四五六七八九十百千]+")
# SI prefix letters printed alone after a number ("800G", "1.6T", "128K"): what they count is not printed, so
# they are read as magnitudes only when the claim names its unit (`unit: bit/s`, `unit: Token`)
SI_LETTERS = {"K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
_CURRENCY_PREFIX = {"$": "$", "US$": "$", "€": "€", "¥": "元", "￥": "元"}


class UnitError(ValueError):
    """A printed figure that cannot be parsed; the message says why."""


@dataclass(frozen=True)
class Parsed:
    value: float  # canonical unit; the low end for a range
    value_low: float | None
    value_high: float | None
    unit: str  # canonical unit, "" when neither printed nor given
    qualifier: str | None  # ">" when printed with 余/多


def cn_numeral(text: str) -> int:
    """Chinese numerals up to the thousands: 三 -> 3, 十二 -> 12, 两百 -> 200, 一千五百 -> 1500."""
    if not text or not _CN_NUM.fullmatch(text):
        raise UnitError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            mult = _CN_SMALL_UNITS[ch]
            total += (1 if digit is None else digit) * mult
            digit = None
    return total + (digit or 0)


def _number(text: str) -> tuple[float, str]:
    """Leading number of text (Arabic or Chinese) and the rest."""
    m = _ARABIC.match(text)
    if m:
        return float(m.group(0).replace(",", "")), text[m.end():]
    m = _CN_NUM.match(text)
    if m:
        return float(cn_numeral(m.group(0))), text[m.end():]
    raise UnitError(f"no number at the start of {text!r}")


def _starts_with_magnitude(text: str) -> bool:
    return any(text.startswith(k) for k in _MAG_KEYS)


def _unit(text: str, raw_units: dict[str, tuple[str, float]]) -> tuple[float, str, bool]:
    mult, unit, approx, _factor = _unit_parts(text, raw_units)
    return mult, unit, approx


def _unit_parts(text: str, raw_units: dict[str, tuple[str, float]]) -> tuple[float, str, bool, float]:
    """(multiplier, canonical unit, approx) of the text after a number: magnitudes, 余/多, then a raw unit."""
    rest = text.strip()
    mult = 1.0
    approx = False
    while True:
        if rest in raw_units or rest == "":
            break
        if rest.startswith(_APPROX_SUFFIX):
            approx = True
            rest = rest[1:].strip()
            continue
        for key in _MAG_KEYS:
            if rest.lower().startswith(key) and (key.isascii() is False or rest[: len(key)].isalpha()):
                mult *= MAGNITUDES[key]
                rest = rest[len(key):].strip()
                break
        else:
            raise UnitError(f"unknown unit {rest!r}")
    if rest == "":
        return mult, "", approx, 1.0
    canonical, factor = raw_units[rest]
    return mult * factor, canonical, approx, factor


def _one(text: str, raw_units: dict[str, tuple[str, float]], si_letters: bool = False) -> tuple[float, float, str, bool, bool, float]:
    """(number, multiplier, unit, approx, had_unit_text) for one end of a figure."""
    text = text.strip()
    if si_letters and text[-1:] in SI_LETTERS and _ARABIC.fullmatch(text[:-1].strip()):
        # the letter is printed: its magnitude carries to a range end without one ('400-800G' is 400G-800G)
        return float(text[:-1].replace(",", "")), SI_LETTERS[text[-1]], "", False, True, 1.0
    prefix_unit = ""
    for sym, unit_text in _CURRENCY_PREFIX.items():
        if text.startswith(sym):
            prefix_unit, text = unit_text, text[len(sym):].strip()
            break
    if _starts_with_magnitude(text) and not _ARABIC.match(text):
        # 千倍, 万亿 ... : the magnitude is the number
        number, rest = 1.0, text
    else:
        number, rest = _number(text)
    rest = rest.strip()
    if prefix_unit:
        mult, unit, approx, factor = _unit_parts(rest + prefix_unit if rest else prefix_unit, raw_units)
    else:
        mult, unit, approx, factor = _unit_parts(rest, raw_units)
    return number, mult, unit, approx, bool(rest or prefix_unit), factor


def parse_printed(printed: str, raw_units: dict[str, tuple[str, float]], unit_hint: str | None = None) -> Parsed:
    """Parse a printed figure such as '3909 亿美元', '60%-80%', '超千倍' (without 超), '1000亿' + hint 'Token'."""
    if not isinstance(printed, str) or not printed.strip():
        raise UnitError("empty figure")
    text = re.sub(r"\s+", " ", printed.strip())
    text_nospace = text.replace(" ", "") if not re.search(r"[A-Za-z] [A-Za-z]", text) else text
    parts = _split_range(text_nospace)
    ends = [_one(p, raw_units, si_letters=bool(unit_hint)) for p in parts]
    # a range shares its unit: '60-80%' or '3000-5000亿元' take the unit of the end that prints one
    units = {e[2] for e in ends if e[4] and e[2]}
    mults = [e[1] for e in ends if e[4]]
    if len(units) > 1:
        raise UnitError(f"range ends have different units: {sorted(units)}")
    unit = units.pop() if units else ""
    if unit_hint:
        hint_mult, hint_unit, _ = _unit(unit_hint.replace(" ", ""), raw_units)
        if unit and unit != hint_unit:
            raise UnitError(f"unit {unit_hint!r} given but {printed!r} prints {unit!r}")
        unit = hint_unit
    else:
        hint_mult = 1.0
    values = []
    # an end printing its own magnitude but not the unit ('2千—5千米/小时') takes the unit's factor of the other end
    factors = [e[5] for e in ends if e[2]]
    for number, mult, u, _a, had, _f in ends:
        m = mult if had or mult != 1.0 else (mults[-1] if mults else 1.0)
        if had and not u and unit and not unit_hint and factors:
            m *= factors[-1]
        values.append(number * m * hint_mult)
    approx = any(e[3] for e in ends)
    if len(values) == 1:
        return Parsed(values[0], None, None, unit, ">" if approx else None)
    low, high = values
    if low > high:
        raise UnitError(f"range {printed!r} runs backwards")
    return Parsed(low, low, high, unit, ">" if approx else None)


def _split_range(text: str) -> list[str]:
    # a leading sign is not a separator; split once on the first separator after a digit or unit
    for m in _RANGE_SEP.finditer(text):
        if m.start() == 0:
            continue
        left, right = text[: m.start()], text[m.end():]
        if left and right and (right[0].isdigit() or _CN_NUM.match(right) or right[0] in "$€" or _starts_with_magnitude(right)):
            return [left, right]
    return [text]

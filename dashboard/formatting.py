"""One formatter for people: charts, cards, tables and exports all format numbers here.

Chinese uses 万 / 亿 / 万亿 and unit words (3,909 亿美元); English uses thousands / bn / tn and symbols
($390.9 bn). Physical units use SI prefixes in both. Never scientific notation.
"""

from __future__ import annotations

import math

_CURRENCY_ZH = {"CNY": "元", "USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "KRW": "韩元", "HKD": "港元"}
_CURRENCY_EN = {"CNY": "CNY ", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JPY ", "KRW": "KRW ", "HKD": "HKD "}
_ZH_STEPS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_EN_STEPS = ((1e12, " tn"), (1e9, " bn"), (1e6, " m"))
_SI_STEPS = ((1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_SI_UNITS = {"W", "Wh", "FLOPS", "OPS", "B", "B/s", "bit/s", "Hz"}
_SMALL_SI = ((1e-3, "m"), (1e-6, "µ"), (1e-9, "n"))
_QUAL = {"≈": {"zh": "约", "en": "~"}, ">": {"zh": "超", "en": ">"}, "<": {"zh": "近", "en": "<"}, "≥": {"zh": "≥", "en": "≥"}, "≤": {"zh": "≤", "en": "≤"}}
_PLAIN_EN = {"count": "", "params": " parameters", "tokens": " tokens", "tokens/day": " tokens/day", "tokens/week": " tokens/week",
             "tokens/month": " tokens/month", "tokens/year": " tokens/year", "tokens/s": " tokens/s", "ratio": "", "m2": " m²",
             "kg": " kg", "tCO2": " t CO₂", "m/s": " m/s", "°C": " °C"}
_PLAIN_ZH = {"count": "", "params": " 参数", "tokens": " Token", "tokens/day": " Token/日", "tokens/week": " Token/周",
             "tokens/month": " Token/月", "tokens/year": " Token/年", "tokens/s": " Token/秒", "ratio": "", "m2": " 平方米",
             "kg": " 千克", "tCO2": " 吨二氧化碳", "m/s": " 米/秒", "°C": " ℃"}


def number(x: float, digits: int = 4) -> str:
    """Up to `digits` significant digits, thousands separators, no trailing zeros, never 1e+12."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if x == 0:
        return "0"
    mag = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - mag)
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def scale(max_abs: float, unit: str, lang: str) -> tuple[float, str]:
    """(divisor, unit label) so that values up to max_abs read naturally: for axes and tables."""
    m = abs(max_abs or 0)
    if unit in _CURRENCY_ZH or unit.endswith("/Mtok") or unit.endswith("/kWh"):
        if unit in _CURRENCY_ZH:
            if lang == "zh":
                for step, word in _ZH_STEPS:
                    if m >= step:
                        return step, word + _CURRENCY_ZH[unit]
                return 1, _CURRENCY_ZH[unit]
            for step, word in _EN_STEPS:
                if m >= step:
                    return step, f"{unit}{word}"
            return 1, unit
        return 1, unit_label(unit, lang)
    if unit in _SI_UNITS:
        for step, prefix in _SI_STEPS:
            if m >= step:
                return step, prefix + unit
        return 1, unit
    if unit == "m" and 0 < m < 1:
        for step, prefix in _SMALL_SI:
            if m >= step:
                return step, prefix + "m"
        return 1e-9, "nm"
    if unit == "s":
        for step, zh, en in ((31556952, "年", "years"), (86400, "天", "days"), (3600, "小时", "hours"), (60, "分钟", "minutes")):
            if m >= step:
                return step, zh if lang == "zh" else en
        return 1, "秒" if lang == "zh" else "s"
    if unit in _PLAIN_EN:
        steps = _ZH_STEPS if lang == "zh" else _EN_STEPS
        for step, word in steps:
            if m >= step:
                base = (_PLAIN_ZH if lang == "zh" else _PLAIN_EN)[unit].strip()
                return step, (word.strip() + (" " + base if base else "")).strip()
        return 1, unit_label(unit, lang)
    return 1, unit_label(unit, lang)


def unit_label(unit: str, lang: str) -> str:
    if unit == "%":
        return "%"
    if unit == "pp":
        return "个百分点" if lang == "zh" else "pp"
    if unit == "x":
        return "倍" if lang == "zh" else "×"
    if unit in _CURRENCY_ZH:
        return _CURRENCY_ZH[unit] if lang == "zh" else unit
    if unit == "USD/Mtok":
        return "美元/百万 Token" if lang == "zh" else "USD per million tokens"
    if unit == "CNY/Mtok":
        return "元/百万 Token" if lang == "zh" else "CNY per million tokens"
    table = _PLAIN_ZH if lang == "zh" else _PLAIN_EN
    if unit in table:
        return table[unit].strip()
    return unit


def _given(end: float | None) -> bool:
    """A range end that is there: not None and not NaN (a missing end reads as no range)."""
    return end is not None and not (isinstance(end, float) and math.isnan(end))


def fmt_value(value: float, unit: str, lang: str = "zh", qualifier: str | None = None, low: float | None = None,
              high: float | None = None) -> str:
    """A figure for people: 约 3,909 亿美元 / ~$390.9 bn; 60%–80%; 5 倍 / 5×."""
    q = _QUAL.get(qualifier or "", {}).get(lang, "")
    if _given(low) and _given(high) and low != high:
        div, label = scale(max(abs(low), abs(high)), unit, lang)
        body = f"{number(low / div)}–{number(high / div)}"
    else:
        div, label = scale(value, unit, lang)
        body = number(value / div)
    if unit in _CURRENCY_EN and lang == "en":
        sym = _CURRENCY_EN[unit]
        suffix = label[len(unit):] if label.startswith(unit) else ""
        text = f"{sym}{body}{suffix}"
    elif unit == "%":
        text = f"{body}%"
    elif unit == "x":
        text = f"{body} 倍" if lang == "zh" else f"{body}×"
    elif label:
        text = f"{body} {label}"
    else:
        text = body
    return f"{q}{text}"


_UNNUMBERED = {"序言": {"zh": "序言", "en": "Preface"}, "后记": {"zh": "后记", "en": "Afterword"}}


def section_label(section: object, lang: str) -> str:
    """'§1.1.1' for a numbered section; the preface and afterword by name in the chosen language."""
    s = str(section)
    names = _UNNUMBERED.get(s)
    return names["en" if lang == "en" else "zh"] if names else f"§{s}"

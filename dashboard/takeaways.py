"""The "so what" of a chart, computed from its points, in either language: what the page shows under a chart's
title and what a slide states as its headline.

Like with like only: a chart's points share one measure and unit (the build guarantees it). A multiple is taken
between printed figures of one series -- never between a printed figure and our own projection -- and the
derived CAGR path is reported as what the CAGR implies, not as a finding of the book.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.formatting import fmt_value, number
from etl.periods import period_text


def multiple_text(ratio: float, lang: str) -> str:
    """'2×' / '翻一番（2 倍）'; Chinese says 是…的 N 倍 (never the ambiguous 增长 N 倍)."""
    if lang == "zh":
        if math.isclose(ratio, 2, rel_tol=0.005):
            return "翻了一番"
        return f"为其 {number(ratio, 3)} 倍"
    return f"{number(ratio, 3)}×"


def _val(p: pd.Series, lang: str) -> str:
    return fmt_value(p["value"], p["unit"], lang, p.get("qualifier") if isinstance(p.get("qualifier"), str) else None,
                     p.get("value_low"), p.get("value_high"))


_KIND = {"forecast": {"zh": "预测", "en": "forecast"}, "target": {"zh": "目标", "en": "target"},
         "estimate": {"zh": "估计", "en": "estimate"}}


def _when(p: pd.Series, lang: str = "en") -> str:
    return period_text(p["period"], lang) if isinstance(p.get("period"), str) else ""


def _kind(p: pd.Series, lang: str) -> str:
    """' (target)' / '（目标）' for a figure that is not a reported one."""
    k = _KIND.get(p.get("kind"))
    if not k:
        return ""
    return f"（{k['zh']}）" if lang == "zh" else f" ({k['en']})"


def _name(p: pd.Series, key: str = "label") -> str:
    v = p.get(key)
    return str(v) if isinstance(v, str) else ""


def takeaway(points: pd.DataFrame, chart_type: str, lang: str) -> str:
    """One sentence for a line or bar chart of one measure; '' when the points say nothing comparable."""
    if points is None or points.empty or "value" not in points:
        return ""
    derived = points["derived"].astype(bool) if "derived" in points else pd.Series(False, index=points.index)
    printed = points[~derived]
    if printed.empty:  # a chart of derived points only (a computed share)
        return _shares(points, lang)
    if chart_type == "dots":
        return _dots(printed, lang)
    if chart_type == "bar" or printed.get("date") is None or printed["date"].isna().all():
        return _bars(printed, lang)
    return _lines(printed, points[derived], lang)


def _lines(printed: pd.DataFrame, derived: pd.DataFrame, lang: str) -> str:
    traces = list(dict.fromkeys(printed["trace"]))
    if len(traces) == 2:
        text = _two_series(printed, traces, lang)
        if text:
            return text
    parts = []
    for trace in traces:
        g = printed[printed["trace"] == trace].sort_values("date")
        if len(g) < 2 or g["value"].iloc[0] <= 0:
            continue
        a, b = g.iloc[0], g.iloc[-1]
        r = b["value"] / a["value"]
        if lang == "zh":
            tail = f"较{_when(a, lang)}的 {_val(a, lang)}翻了一番" if math.isclose(r, 2, rel_tol=0.005) else \
                f"为{_when(a, lang)} {_val(a, lang)}的 {number(r, 3)} 倍"
            parts.append(f"{_when(b, lang)}{_kind(b, lang)} {_val(b, lang)}，{tail}")
        else:
            parts.append(f"{_val(b, lang)} in {_when(b, lang)}{_kind(b, lang)}, {multiple_text(r, lang)} the {_val(a, lang)} of "
                         f"{_when(a, lang)}")
        break  # the first printed series carries the story
    if not derived.empty:
        end = derived.sort_values("date").iloc[-1]
        if lang == "zh":
            parts.append(f"按书中年复合增长率推算，{_when(end, lang)}约为 {_val(end, lang)}（推算值）")
        else:
            parts.append(f"the printed CAGR implies {_val(end, lang)} by {_when(end, lang)} (derived)")
    if not parts and len(printed) == 1:
        p = printed.iloc[0]
        return f"{_when(p, lang)}：{_val(p, lang)}" if lang == "zh" else f"{_val(p, lang)} in {_when(p, lang)}"
    sep = "；" if lang == "zh" else "; "
    text = sep.join(parts)
    return (text[:1].upper() + text[1:]) if lang == "en" else text


def _two_series(printed: pd.DataFrame, traces: list[str], lang: str) -> str:
    """Who leads at the latest period both series print, and whether the lead changed."""
    wide = printed.pivot_table(index="period", columns="trace", values="value", aggfunc="first").dropna()
    if wide.empty:
        return ""
    order = printed.drop_duplicates("period").set_index("period")["date"]
    wide = wide.loc[sorted(wide.index, key=lambda p: order[p])]
    a, b = traces
    last = wide.index[-1]
    when = period_text(last, lang)
    lead, lag = (a, b) if wide.loc[last, a] >= wide.loc[last, b] else (b, a)
    ratio = wide.loc[last, lead] / wide.loc[last, lag] if wide.loc[last, lag] else float("nan")
    pl = printed[(printed["trace"] == lead) & (printed["period"] == last)].iloc[0]
    pg = printed[(printed["trace"] == lag) & (printed["period"] == last)].iloc[0]
    leads = (wide[a] > wide[b]).tolist()
    changed = len(set(leads)) > 1
    if lang == "zh":
        head = f"{when}：{lead} {_val(pl, lang)}，{lag} {_val(pg, lang)}，前者为后者的 {number(ratio, 3)} 倍"
        return head + ("（此前落后，已反超）" if changed else "")
    head = f"{when}: {lead} {_val(pl, lang)} vs {lag} {_val(pg, lang)}, {number(ratio, 3)}×"
    return head + (f" ({lead} overtook {lag})" if changed else "")


def _bars(printed: pd.DataFrame, lang: str) -> str:
    pts = printed.drop_duplicates("label") if "label" in printed else printed
    if len(pts) < 2:
        if len(pts) == 1:
            p = pts.iloc[0]
            return f"{_name(p)}：{_val(p, lang)}" if lang == "zh" else f"{_name(p)}: {_val(p, lang)}"
        return ""
    hi, lo = pts.loc[pts["value"].idxmax()], pts.loc[pts["value"].idxmin()]
    if lo["value"] <= 0:
        return ""
    ratio = number(hi["value"] / lo["value"], 3)
    if lang == "zh":
        return f"{_name(hi)}最高，为 {_val(hi, lang)}，是{_name(lo)}（{_val(lo, lang)}）的 {ratio} 倍"
    return f"{_name(hi)} highest at {_val(hi, lang)}, {ratio}× {_name(lo)} ({_val(lo, lang)})"


def _dots(pts: pd.DataFrame, lang: str) -> str:
    """Figures of one measure reported by different subjects (case companies, industries): their count, median and
    range -- not a multiple, since each reports its own task, plant or product."""
    if pts.empty:
        return ""
    med = pts.iloc[0].copy()
    med["value"], med["qualifier"], med["value_low"], med["value_high"] = float(pts["value"].median()), None, None, None
    hi, lo = pts.loc[pts["value"].idxmax()], pts.loc[pts["value"].idxmin()]
    groups = pts["trace"].nunique() if "trace" in pts else 1
    if lang == "zh":
        where = f"，来自 {groups} 个领域" if groups > 1 else ""
        head = f"{len(pts)} 个数字{where}：中位数 {_val(med, lang)}"
        return head + (f"，最低 {_val(lo, lang)}（{_name(lo)}），最高 {_val(hi, lang)}（{_name(hi)}）" if len(pts) > 1 else "")
    where = f" from {groups} sectors" if groups > 1 else ""
    head = f"{len(pts)} figures{where}: median {_val(med, lang)}"
    return head + (f"; lowest {_val(lo, lang)} ({_name(lo)}), highest {_val(hi, lang)} ({_name(hi)})" if len(pts) > 1 else "")


def _shares(points: pd.DataFrame, lang: str) -> str:
    top = points.loc[points["value"].idxmax()]
    name = _name(top, "trace") or _name(top)
    if lang == "zh":
        return f"{_when(top, lang)}：{name}占两者合计的 {number(top['value'], 3)}%（由书中两个数值计算）"
    return f"{_when(top, lang)}: {name} {number(top['value'], 3)}% of the combined total (computed from two printed figures)"

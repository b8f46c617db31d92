"""Text alternatives computed from a chart's data: what it shows, the latest value, the trend."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_value, number


def describe_trend(points: pd.DataFrame, title: str, lang: str) -> str:
    if points.empty:
        return f"{title}：无数据。" if lang == "zh" else f"{title}: no data."
    parts = []
    for trace, g in points.sort_values("date").groupby("trace", sort=False):
        first, last = g.iloc[0], g.iloc[-1]
        latest = fmt_value(last["value"], last["unit"], lang, last.get("qualifier"))
        if len(g) > 1 and first["value"]:
            ratio = last["value"] / first["value"]
            if lang == "zh":
                trend = f"，较 {first['period']} 变为 {number(ratio, 3)} 倍"
            else:
                trend = f", {number(ratio, 3)}× its {first['period']} value"
        else:
            trend = ""
        if lang == "zh":
            parts.append(f"{trace}：{len(g)} 个数据点，最新 {last['period']} 为 {latest}{trend}")
        else:
            parts.append(f"{trace}: {len(g)} points, latest {last['period']} at {latest}{trend}")
    sep = "；" if lang == "zh" else "; "
    head = f"{title}。" if lang == "zh" else f"{title}. "
    return head + sep.join(parts) + ("。" if lang == "zh" else ".")


def describe_counts(counts: pd.DataFrame, title: str, lang: str) -> str:
    if counts.empty:
        return f"{title}：无数据。" if lang == "zh" else f"{title}: no data."
    top = counts.nlargest(3, "n")
    total = int(counts["n"].sum())
    if lang == "zh":
        lead = "、".join(f"{r['label']}（{int(r['n'])}）" for _, r in top.iterrows())
        return f"{title}。共 {len(counts)} 类、{total} 条数据；最多的是 {lead}。"
    lead = ", ".join(f"{r['label']} ({int(r['n'])})" for _, r in top.iterrows())
    return f"{title}. {total} figures in {len(counts)} groups; most in {lead}."


def describe_values(points: pd.DataFrame, title: str, lang: str) -> str:
    if points.empty:
        return f"{title}：无数据。" if lang == "zh" else f"{title}: no data."
    hi = points.loc[points["value"].idxmax()]
    lo = points.loc[points["value"].idxmin()]
    big = fmt_value(hi["value"], hi["unit"], lang, hi.get("qualifier"))
    small = fmt_value(lo["value"], lo["unit"], lang, lo.get("qualifier"))
    if lang == "zh":
        return f"{title}。{len(points)} 个数值，最高为 {hi['label']} 的 {big}，最低为 {lo['label']} 的 {small}。"
    return f"{title}. {len(points)} values; highest {big} ({hi['label']}), lowest {small} ({lo['label']})."

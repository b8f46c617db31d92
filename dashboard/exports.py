"""Presenter exports: a chart as PNG / SVG / PDF with title, units, period, filters and source baked in,
and a 16:9 PowerPoint deck of charts. Rendered server-side by kaleido driving Debian's Chromium; one
browser serves every export of the process."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import threading
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.charts_registry import Chart, describe_filters
from dashboard.cite import places
from dashboard.components.charts import ChartView
from dashboard.data import current
from dashboard.figures.common import esc
from dashboard.formatting import number
from dashboard.i18n import t

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WIDTH, HEIGHT = 1200, 675
MARGIN_TOP, MARGIN_BOTTOM = 110, 170
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
_lock = threading.Lock()
_started = False


class ExportError(RuntimeError):
    """An export that cannot be made as asked; the message says why and what to do."""


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout  # noqa: S603
    return bool(out.strip())


def _figure_text(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)


def _period(claims: pd.DataFrame) -> str:
    if "year" in claims:
        years = claims["year"].dropna()
    elif "date" in claims:
        years = pd.to_datetime(claims["date"]).dt.year
    else:
        years = pd.Series(dtype=float)
    if years.empty:
        return ""
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def source_line(view: ChartView, lang: str) -> str:
    d = current()
    orgs = ", ".join(dict.fromkeys(o for o in view.claims.get("org_name", pd.Series(dtype=object)).dropna()))
    where = places(view.claims, lang) if not view.claims.empty else ""
    book = t("book_short", lang)
    if lang == "zh":
        text = f"{t('export_source', lang)}：{book} {where}" + (f"；{t('export_citing', lang)} {orgs}" if orgs else "")
    else:
        text = f"{t('export_source', lang)}: {book} {where}" + (f", {t('export_citing', lang)} {orgs}" if orgs else "")
    return text + f" · AI+ Indicators, data {d.data_hash} ({d.built})"


def decorate(view: ChartView, title: str, filters: str, lang: str) -> go.Figure:
    """A copy of the chart for print: title with period and filters, a forecast note, the source as a footnote."""
    fig = go.Figure(view.fig)
    period = _period(view.claims)
    sub = [p for p in (period, f"{t('export_filters', lang)}: {filters}" if filters else "") if p]
    kinds = set(view.claims["kind"]) if "kind" in view.claims else set()
    dashed = any(getattr(tr, "line", None) is not None and tr.line.dash == "dash" for tr in fig.data if tr.type == "scatter")
    if dashed or kinds & {"forecast", "target"}:
        sub.append(t("export_forecast_note", lang))
    fig.update_layout(
        title={"text": f"<b>{esc(title)}</b>" + (f"<br><sup>{esc(' · '.join(sub))}</sup>" if sub else ""), "x": 0.02, "y": 0.96},
        width=WIDTH, height=HEIGHT, margin={"t": MARGIN_TOP, "b": MARGIN_BOTTOM, "l": 80, "r": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        font={"family": theme.FONT},
    )
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    fig.add_annotation(text=esc(_wrap(source_line(view, lang), 150)), xref="paper", yref="paper", x=0, y=-(MARGIN_BOTTOM - 52) / plot_h,
                       showarrow=False, xanchor="left", yanchor="top", align="left", font={"size": 11, "color": theme.MUTED})
    return fig


def _wrap(text: str, width: int) -> str:
    lines, cur = [], ""
    for word in re.split(r"(?<=[;；,，]) ", text):
        if len(cur) + len(word) > width and cur:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    lines.append(cur)
    return "<br>".join(lines[:3])


def _kaleido():
    global _started
    import kaleido

    if not _started:
        if os.path.exists("/usr/bin/chromium"):
            os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: no CDN request
        _started = True
    return kaleido


def to_image(fig: go.Figure, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if _CJK.search(_figure_text(fig)) and not has_cjk_font():
        raise ExportError(t("no_cjk_font", "en") + " / " + t("no_cjk_font", "zh"))
    with _lock:
        k = _kaleido()
        return k.calc_fig_sync(fig, opts={"format": fmt, "width": WIDTH, "height": HEIGHT, "scale": 2 if fmt == "png" else 1})


def export_chart(chart: Chart, query: dict, lang: str, fmt: str) -> tuple[bytes, ChartView]:
    view = chart.view(query, lang)
    fig = decorate(view, chart.title(lang), describe_filters(query, lang), lang)
    return to_image(fig, fmt), view


def takeaway(view: ChartView, lang: str) -> str:
    """One line computed from the data: the chart's own takeaway where it has one (the page shows the same), else the
    implied growth multiple, who overtook whom, or the spread of a bar chart."""
    if getattr(view, "takeaway", ""):
        return view.takeaway
    pts = view.claims
    if "derived" in pts:
        pts = pts[~pts["derived"].astype(bool)]  # a takeaway states what the book prints, not our projections
    if pts.empty or "value" not in pts:
        return ""
    if "trace" in pts and "date" in pts and pts["trace"].nunique() >= 1 and pts["date"].nunique() > 1:
        lines = []
        for trace, g in pts.sort_values("date").groupby("trace", sort=False):
            if len(g) > 1 and g["value"].iloc[0] > 0:
                lines.append((g["value"].iloc[-1] / g["value"].iloc[0], trace, g["period"].iloc[0], g["period"].iloc[-1]))
        over = _overtake(pts, lang)
        if over:
            return over
        if lines:
            m, trace, a, b = max(lines)
            return f"{trace}：{a} 至 {b} 增长 {number(m, 3)} 倍" if lang == "zh" else f"{trace}: ×{number(m, 3)} from {a} to {b}"
    hi, lo = pts.loc[pts["value"].idxmax()], pts.loc[pts["value"].idxmin()]
    label = "label" if "label" in pts else "claim_id"
    if lo["value"] > 0 and hi[label] != lo[label] and hi["unit"] == lo["unit"]:
        ratio = number(hi["value"] / lo["value"], 3)
        if lang == "zh":
            return f"{hi[label]} 最高，为 {lo[label]} 的 {ratio} 倍"
        return f"{hi[label]} is highest, {ratio}× {lo[label]}"
    return ""


def _overtake(pts: pd.DataFrame, lang: str) -> str:
    if pts["trace"].nunique() != 2:
        return ""
    wide = pts.pivot_table(index="date", columns="trace", values="value", aggfunc="first").dropna()
    if len(wide) < 1:
        return ""
    a, b = wide.columns
    lead = (wide[a] > wide[b]).astype(int)
    first = wide.index[0]
    leader = a if lead.iloc[0] else b
    other = b if leader == a else a
    if len(wide) == 1 or lead.nunique() == 1:
        ratio = number(wide[leader].iloc[-1] / wide[other].iloc[-1], 3) if wide[other].iloc[-1] else "–"
        return f"{leader} 领先 {other}（{first}，{ratio} 倍）" if lang == "zh" else f"{leader} ahead of {other} ({first}, {ratio}×)"
    switch = wide.index[lead.diff().fillna(0).ne(0)][0]
    return f"{switch} 起 {other} 超过 {leader}" if lang == "zh" else f"{other} overtook {leader} by {switch}"


def deck(charts: list[Chart], query: dict, lang: str) -> bytes:
    """16:9 deck: cover, one chart per slide (picture, title, takeaway, source), closing slides listing every claim used."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    if not charts:
        raise ExportError("no charts chosen for the deck")
    d = current()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # 13.333 x 7.5 in, exactly 16:9
    blank = prs.slide_layouts[6]

    def text(slide, s, left, top, width, height, size, bold=False, colour=None):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        tf = box.text_frame
        tf.word_wrap = True
        run = tf.paragraphs[0].add_run()
        run.text = s
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour:
            from pptx.dml.color import RGBColor

            run.font.color.rgb = RGBColor.from_string(colour)
        return box

    cover = prs.slides.add_slide(blank)
    text(cover, t("app_title", lang), 0.8, 2.2, 11.7, 1.0, 40, bold=True)
    text(cover, f"{t('book_short', lang)} · {t('deck_subtitle', lang)}", 0.8, 3.3, 11.7, 0.8, 22)
    filters = describe_filters(query, lang)
    text(cover, (filters + "\n" if filters else "") + f"{t('deck_data', lang)}: {d.data_hash} · {d.built} · {date.today().isoformat()}",
         0.8, 4.4, 11.7, 1.0, 14, colour="6B7785")
    used: list[pd.DataFrame] = []
    for chart in charts:
        view = chart.view(query, lang)
        title = chart.title(lang)
        fig = decorate(view, title, filters, lang)
        fig.update_layout(title={"text": ""}, margin={"t": 30})
        png = to_image(fig, "png")
        slide = prs.slides.add_slide(blank)
        text(slide, title, 0.5, 0.25, 12.3, 0.7, 26, bold=True)
        line = takeaway(view, lang)
        if line:
            text(slide, line, 0.5, 0.9, 12.3, 0.5, 16, colour="0072B2")
        pic_h = Inches(5.3)
        pic_w = Emu(int(pic_h * WIDTH / HEIGHT))
        slide.shapes.add_picture(io.BytesIO(png), int((prs.slide_width - pic_w) / 2), Inches(1.45), width=pic_w, height=pic_h)
        text(slide, source_line(view, lang), 0.5, 6.85, 12.3, 0.5, 10, colour="6B7785")
        if "claim_id" in view.claims and not view.claims.empty:
            used.append(view.claims)
    claims = pd.concat(used).drop_duplicates("claim_id") if used else pd.DataFrame()
    rows = [f"{c['claim_id']} · {c['printed']} · §{c['section']} {'行' if lang == 'zh' else 'line'} {int(c['line'])}"
            + (f" · {c['org_name']}" if isinstance(c.get("org_name"), str) else "") for _, c in claims.iterrows()]
    per_slide = 26
    for i in range(0, max(len(rows), 1), per_slide):
        slide = prs.slides.add_slide(blank)
        text(slide, t("deck_claims", lang), 0.5, 0.3, 12.3, 0.7, 24, bold=True)
        chunk = rows[i:i + per_slide]
        for col in range(2):
            part = chunk[col * 13:(col + 1) * 13]
            if part:
                text(slide, "\n".join(part), 0.5 + col * 6.2, 1.1, 6.0, 6.0, 11)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()

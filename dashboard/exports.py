"""Presenter exports: a chart as PNG / SVG / PDF with title, units, period, filters and source baked in,
and a 16:9 PowerPoint deck of charts. Rendered server-side by kaleido driving Debian's Chromium; one
browser serves every export of the process."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import threading

import pandas as pd
import plotly.graph_objects as go

from dashboard import captions, theme
from dashboard.charts_registry import Chart, describe_filters
from dashboard.components.charts import ChartView
from dashboard.data import current
from dashboard.figures.common import esc
from dashboard.i18n import t

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WIDTH, HEIGHT = 1200, 675
MARGIN_TOP = 110  # the bottom margin follows the footnote's lines
FOOT_LINE = 17  # px per footnote line (11 px type)
MAX_FOOT_LINES = 6
FOOT_EDGE = 12  # px between the footnote's last line and the canvas's bottom edge
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
_lock = threading.Lock()
_started = False


class ExportError(RuntimeError):
    """An export that cannot be made as asked; the message says why and what to do."""


@functools.cache  # the installed fonts do not change while the process runs: ask fc-list once
def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout  # noqa: S603
    return bool(out.strip())


def _figure_text(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)


def source_line(view: ChartView, lang: str) -> str:
    d = current()
    return captions.source_text(view.claims, lang, d.data_hash, d.built)


def subtitle(chart: Chart | None, view: ChartView, filters: str, lang: str) -> str:
    """Measure, place, unit and period (from the chart's declaration where it has one), then the active filters."""
    declared = ""
    if chart is not None and chart.titles:
        specs = current().charts.set_index("chart_id")
        if chart.id in specs.index:
            declared = specs.loc[chart.id, f"subtitle_{lang}"]
    return captions.subtitle_text(declared, view.claims, filters, lang)


def notes(view: ChartView, lang: str) -> list[str]:
    return captions.notes(view.claims, lang)


def decorate(view: ChartView, title: str, filters: str, lang: str, chart: Chart | None = None, url: str = "",
             size: tuple[int, int] = (WIDTH, HEIGHT)) -> go.Figure:
    """A copy of the chart for print: title, subtitle (measure, place, unit, period, filters), notes, the source and the
    view's URL as a footnote wrapped inside the canvas."""
    width, height = size
    fig = go.Figure(view.fig)
    sub = subtitle(chart, view, filters, lang)
    foot = [source_line(view, lang), *notes(view, lang)]
    if url:
        foot.append(f"{t('export_view', lang)}: {url}")
    chars = max(60, int(width / (13 if lang == "zh" else 7)))  # CJK glyphs are about twice as wide
    wrapped = [line for part in foot for line in captions.wrap(part, chars)]
    lines = wrapped[:MAX_FOOT_LINES]
    if len(wrapped) > MAX_FOOT_LINES:  # the deck's notes and the Cite box carry the rest: say that some is left out
        lines[-1] = lines[-1].rstrip() + " …"
    # below the plot: tick labels, axis title and legend (110 px), the footnote's lines (17 px each), a 12 px edge
    bottom = 110 + FOOT_LINE * len(lines) + FOOT_EDGE
    fig.update_layout(
        title={"text": f"<b>{esc(title)}</b>" + (f"<br><sup>{esc(sub)}</sup>" if sub else ""), "x": 0.02, "y": 0.97, "yanchor": "top"},
        width=width, height=height, margin={"t": MARGIN_TOP, "b": bottom, "l": 80, "r": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0},
        font={"family": theme.FONT, "size": 14},
    )
    # anchored by its last line FOOT_EDGE px above the canvas's bottom edge and growing upwards: every line stays on the canvas
    # (it was hung from a point pushed down by its own height: more than three lines ran off the bottom)
    plot_height = height - MARGIN_TOP - bottom
    fig.add_annotation(text="<br>".join(esc(x) for x in lines), xref="paper", yref="paper", x=0, y=-(bottom - FOOT_EDGE) / plot_height,
                       showarrow=False, xanchor="left", yanchor="bottom", align="left", font={"size": 11, "color": theme.MUTED})
    return fig


def _kaleido():
    global _started
    import kaleido

    if not _started:
        if os.path.exists("/usr/bin/chromium"):
            os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: no CDN request
        _started = True
    return kaleido


# Noto CJK maps its ideographs to the Kangxi-radical code points too, so Chromium's PDF text layer turns 人 into ⼈
# and drops digits; Droid Sans Fallback round-trips: copied or searched text is the text drawn
PDF_FONT = "DejaVu Sans, Droid Sans Fallback"


@functools.cache
def has_pdf_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":family=Droid Sans Fallback", "family"], capture_output=True, text=True, timeout=10).stdout  # noqa: S603
    return bool(out.strip())


def pdf_metadata(pdf: bytes, title: str, alt: str, lang: str) -> bytes:
    """Title, subject (the text alternative), author and language in the PDF's document information."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.docinfo["/Title"] = title
        doc.docinfo["/Subject"] = alt[:2000]
        doc.docinfo["/Author"] = t("app_title", "en")
        doc.docinfo["/Creator"] = t("app_title", "en")
        doc.Root.Lang = pikepdf.String("zh-CN" if lang == "zh" else "en-GB")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def to_image(fig: go.Figure, fmt: str, size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if _CJK.search(_figure_text(fig)) and not has_cjk_font():
        raise ExportError(t("no_cjk_font", "en") + " / " + t("no_cjk_font", "zh"))
    if fmt == "pdf" and has_pdf_font():
        fig = go.Figure(fig)
        fig.update_layout(font={"family": PDF_FONT})
    with _lock:
        k = _kaleido()
        return k.calc_fig_sync(fig, opts={"format": fmt, "width": size[0], "height": size[1], "scale": 2 if fmt == "png" else 1})


SIZES = {"wide": (WIDTH, HEIGHT), "square": (1080, 1080)}


def export_chart(chart: Chart, query: dict, lang: str, fmt: str, url: str = "", size: str = "wide") -> tuple[bytes, ChartView]:
    """The chart as a file: title, subtitle, notes, source and URL baked in; the text alternative in SVG <title>/<desc>."""
    view = chart.view(query, lang)
    dims = SIZES.get(size, SIZES["wide"])
    fig = decorate(view, chart.title(lang), describe_filters(query, lang), lang, chart, url, dims)
    data = to_image(fig, fmt, dims)
    if fmt == "svg":
        data = with_svg_text(data, chart.title(lang), view.alt)
    elif fmt == "pdf":
        data = pdf_metadata(data, chart.title(lang), view.alt, lang)
    return data, view


def with_svg_text(svg: bytes, title: str, desc: str) -> bytes:
    """<title> and <desc> as the SVG's first children: what screen readers and search read."""
    from xml.sax.saxutils import escape

    text = svg.decode("utf-8")
    m = re.search(r"<svg[^>]*>", text)
    if not m:
        return svg
    block = f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    return (text[: m.end()] + block + text[m.end():]).encode("utf-8")


def takeaway(view: ChartView, lang: str) -> str:
    """The slide's headline: the chart's own takeaway (the page shows the same sentence), else for a count chart the
    largest category."""
    if getattr(view, "takeaway", ""):
        return view.takeaway
    return captions.count_takeaway(view.claims, lang)


MAX_DECK = 30  # charts in one deck; more is refused with a 4xx that says so
EA_FONT = "Noto Sans CJK SC"


def deck(charts: list[Chart], query: dict, lang: str, url: str = "") -> bytes:
    """16:9 deck a presenter edits: a cover; one slide per chart whose title placeholder holds the chart's takeaway,
    with a native PowerPoint chart (data embedded, editable) where the chart type allows and a picture otherwise; the
    sources, claim ids, sections and lines in the speaker notes; Chinese runs with an East-Asian font."""
    from pptx import Presentation
    from pptx.util import Emu, Inches

    if not charts:
        raise ExportError("no charts chosen for the deck")
    if len(charts) > MAX_DECK:
        raise ExportError(f"a deck holds at most {MAX_DECK} charts; {len(charts)} were asked for")
    d = current()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)  # 13.333 x 7.5 in, exactly 16:9
    _properties(prs, lang, d)
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    _place(cover.shapes.title, 0.8, 2.0, 11.7, 1.2)
    _place(cover.placeholders[1], 0.8, 3.4, 11.7, 2.0)
    _set_text(cover.shapes.title.text_frame, t("app_title", lang), 40, lang, bold=True)
    filters = describe_filters(query, lang)
    sub = f"{t('book_short', lang)} · {t('deck_subtitle', lang)}\n" + (filters + "\n" if filters else "") + \
        f"{t('deck_data', lang)}: {d.data_hash} · {d.built}" + (f"\n{url}" if url else "")
    _set_text(cover.placeholders[1].text_frame, sub, 18, lang)
    for chart in charts:
        view = chart.view(query, lang)
        title = chart.title(lang)
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the takeaway is the slide's title
        _place(slide.shapes.title, 0.5, 0.2, 12.3, 1.0)  # the template's placeholders are laid out for 4:3
        _set_text(slide.shapes.title.text_frame, takeaway(view, lang) or title, 22, lang, bold=True, align="left")
        sub = subtitle(chart, view, filters, lang)
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.2), Inches(12.3), Inches(0.5))
        _set_text(box.text_frame, f"{title}" + (f" · {sub}" if sub else ""), 14, lang, colour="3B4754")
        frame = _native_chart(slide, chart, view, lang) if chart.kind == "values" else None  # dots and counts: a picture
        if frame is None:
            fig = decorate(view, title, filters, lang, chart, url)
            # text at slide size: the picture is ~9.4 in wide, so 22 px type prints at ~12 pt
            # the source and notes are on the slide and in its notes: the picture keeps only the chart
            fig.layout.annotations = ()
            fig.update_layout(title={"text": ""}, margin={"t": 30, "b": 110}, font={"size": 24})
            fig.update_xaxes(tickfont={"size": 24})
            fig.update_yaxes(tickfont={"size": 24}, title_font={"size": 24})
            png = to_image(fig, "png")
            pic_h = Inches(5.1)
            pic_w = Emu(int(pic_h * WIDTH / HEIGHT))
            pic = slide.shapes.add_picture(io.BytesIO(png), int((prs.slide_width - pic_w) / 2), Inches(1.75), width=pic_w, height=pic_h)
            _describe(pic, view.alt)
        else:
            _describe(frame, view.alt)
        foot = slide.shapes.add_textbox(Inches(0.5), Inches(6.95), Inches(12.3), Inches(0.45))
        foot.text_frame.word_wrap = True
        _set_text(foot.text_frame, "；".join(notes(view, lang)) if lang == "zh" else "; ".join(notes(view, lang)) or " ", 12, lang,
                  colour="6B7785")
        _set_text(slide.notes_slide.notes_text_frame, _speaker_notes(view, lang, url), 12, lang)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def _properties(prs, lang: str, d) -> None:
    cp = prs.core_properties
    cp.title = f"{t('app_title', lang)} · {t('deck_subtitle', lang)}"
    cp.subject = t("book_short", lang)
    cp.author = cp.last_modified_by = t("app_title", "en")
    cp.keywords = f"data {d.data_hash}"
    built = pd.Timestamp(d.manifest["built_at"]).to_pydatetime().replace(tzinfo=None)
    cp.created = cp.modified = built
    cp.language = "zh-CN" if lang == "zh" else "en-GB"
    cp.comments = ""


def _set_text(tf, text: str, size: int, lang: str, bold: bool = False, colour: str | None = None, align: str | None = None) -> None:
    """Replace a text frame's text; every run gets its size, and Chinese runs an East-Asian font and language."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    tf.clear()
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    for i, line in enumerate(text.split("\n")):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if align == "left":
            para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        _east_asian(run, lang if _CJK.search(line) else "en")


def _east_asian(run, lang: str) -> None:
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN" if lang == "zh" else "en-GB")
    if lang == "zh":
        from pptx.oxml.ns import qn

        for tag in ("a:latin", "a:ea"):
            el = rpr.find(qn(tag))
            if el is None:
                el = rpr.makeelement(qn(tag), {})
                rpr.append(el)
            el.set("typeface", EA_FONT)
        rpr.set("altLang", "en-GB")


def _describe(shape, alt: str) -> None:
    """The text alternative as the shape's description (what PowerPoint's Alt Text pane shows)."""
    for el in shape._element.iter():
        if el.tag.endswith("}cNvPr"):
            el.set("descr", alt[:1000])
            el.set("title", alt[:80])
            break


def _native_chart(slide, chart: Chart, view: ChartView, lang: str):
    """An editable PowerPoint chart of the points: clustered columns for a bar chart, lines over the periods for a line
    chart; values in the axis unit of the page's chart. None when there is nothing to draw or no native type fits."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Inches, Pt

    from dashboard.formatting import scale

    pts = view.claims
    if pts.empty or "value" not in pts or pts["unit"].nunique() != 1:
        return None
    div, unit_label = scale(float(pts["value"].abs().max()), pts["unit"].iloc[0], lang)
    modes = [tr.mode or "" for tr in view.fig.data if tr.type == "scatter"]
    kind = "bar" if any(tr.type == "bar" for tr in view.fig.data) else "line" if any("lines" in m for m in modes) else "dots"
    if kind == "dots":  # one dot per subject on a log or strip axis: PowerPoint has no such chart, so a picture
        return None
    if kind == "line":
        order = pts.sort_values("date").drop_duplicates("period")
        periods = list(order["period"])
        data = CategoryChartData(number_format="#,##0.##")
        # dates, not labels: PowerPoint then draws a date axis, spacing the periods by the time between them
        data.categories = [pd.Timestamp(x).date() for x in order["date"]]
        for trace, g in pts.groupby("trace", sort=False):
            by = dict(zip(g["period"], g["value"] / div, strict=True))
            data.add_series(str(trace), [by.get(p) for p in periods])
        ctype = XL_CHART_TYPE.LINE_MARKERS
    else:
        data = CategoryChartData(number_format="#,##0.##")
        data.categories = [str(x) for x in pts["label"]]
        data.add_series(unit_label, list(pts["value"] / div))
        ctype = XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(ctype, Inches(0.6), Inches(1.75), Inches(12.1), Inches(5.1), data)
    ch = frame.chart
    ch.has_title = False  # the slide's title and subtitle say what the chart shows
    if kind == "line":
        from pptx.enum.chart import XL_MARKER_STYLE

        for series in ch.plots[0].series:
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 9
            series.smooth = False
    ch.font.size = Pt(12)
    ch.has_legend = len(ch.plots[0].series) > 1
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
    va = ch.value_axis
    if kind == "line" and _is_log(view.fig):
        _log_axis(va)
    if kind == "line":
        dates = pd.to_datetime(pts["date"])
        yearly = (dates.max() - dates.min()).days > 3 * 365
        _date_ticks(ch.category_axis, years=yearly)
    va.has_title = True
    _set_text(va.axis_title.text_frame, unit_label, 12, lang)
    va.tick_labels.font.size = Pt(12)
    with contextlib.suppress(ValueError, AttributeError):  # an XY chart has no category axis
        ch.category_axis.tick_labels.font.size = Pt(12)
    if kind == "bar":
        plot = ch.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(12)
        plot.data_labels.number_format = "#,##0.##"
        plot.data_labels.number_format_is_linked = False
    return frame


def _date_ticks(axis, years: bool) -> None:
    """One tick a year (or a quarter for short spans) on a date axis, labelled 2025 / 2025-03."""
    from pptx.oxml.ns import qn

    axis.tick_labels.number_format = "yyyy" if years else "yyyy-mm"
    axis.tick_labels.number_format_is_linked = False
    ax = axis._element
    for tag in ("c:baseTimeUnit", "c:majorUnit", "c:majorTimeUnit"):
        old = ax.find(qn(tag))
        if old is not None:
            ax.remove(old)
    anchor = ax.find(qn("c:lblOffset"))
    els = [ax.makeelement(qn("c:baseTimeUnit"), {"val": "months"}), ax.makeelement(qn("c:majorUnit"), {"val": "1" if years else "3"}),
           ax.makeelement(qn("c:majorTimeUnit"), {"val": "years" if years else "months"})]
    idx = list(ax).index(anchor) + 1 if anchor is not None else len(ax)
    for i, el in enumerate(els):
        ax.insert(idx + i, el)


def _is_log(fig: go.Figure) -> bool:
    return fig.layout.yaxis.type == "log"


def _log_axis(axis) -> None:
    """A base-10 log scale on a value axis (python-pptx has no property for it: c:scaling/c:logBase)."""
    from pptx.oxml.ns import qn

    scaling = axis._element.find(qn("c:scaling"))
    if scaling is not None and scaling.find(qn("c:logBase")) is None:
        el = scaling.makeelement(qn("c:logBase"), {"val": "10"})
        scaling.insert(0, el)


def _speaker_notes(view: ChartView, lang: str, url: str) -> str:
    """Every figure on the slide with its claim id, the figure as printed, section and line, and the credited body."""
    return captions.speaker_notes(view.claims, lang, source_line(view, lang), url)

"""Presenter exports produce real files: PNG/PDF/PPTX signatures and sizes, SVG text, deck slides and texts."""

from __future__ import annotations

import io
import struct

import pytest

from dashboard import exports
from dashboard.charts_registry import chart, charts, page_charts


@pytest.fixture(scope="module")
def client(data):
    from dashboard.app import create_app

    return create_app(data, warm=False).server.test_client()


def test_png_is_twice_the_size_with_a_telling_file_name(client):
    r = client.get("/export/overview-market.png?lang=en")
    assert r.status_code == 200
    assert r.data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", r.data[16:24])
    assert (width, height) == (2 * exports.WIDTH, 2 * exports.HEIGHT)
    assert 'filename="aiplus-overview-market_all_en_' in r.headers["Content-Disposition"]


def test_svg_holds_title_units_period_filters_and_source(client, data):
    r = client.get("/export/sectors-values.svg?lang=en&sector=energy")
    assert r.status_code == 200
    svg = r.data.decode("utf-8")
    assert svg.startswith("<svg")
    assert "One measure compared" in svg and "Sector: Energy infrastructure" in svg
    assert "Source: 2026 AI+ Industry Blue Book §" in svg and data.data_hash in svg
    assert "View: http://localhost/sectors?lang=en&amp;sector=energy" in svg  # the URL back to the view
    assert "&lt;br&gt;" not in svg and "<br>" not in svg  # the footnote is wrapped, never a literal tag
    assert "sector-energy" in r.headers["Content-Disposition"]


def test_an_export_carries_subtitle_notes_and_its_text_alternative(client, data):
    svg = client.get("/export/overview-market.svg?lang=en").data.decode("utf-8")
    assert "AI market size · World · USD · 2025–2033" in svg  # measure, place, unit, period
    assert "Derived, not printed: 3909 亿美元 (2025) × (1 + 30.6%)^" in svg  # the method of the CAGR path
    head = svg[: svg.index("<desc>") + 400]
    assert "<title>Global AI market size</title>" in head and "<desc>Global AI market size." in head
    h1 = client.get("/export/overview-investment.svg?lang=en").data.decode("utf-8")
    assert "AI financing amount · United States, China · USD · H1 2025" in h1  # H1 2025, not 2025


def test_square_size_and_head_requests_do_not_render(client, monkeypatch):
    r = client.get("/export/overview-capex.png?lang=en&size=square")
    assert struct.unpack(">II", r.data[16:24]) == (2 * 1080, 2 * 1080)
    monkeypatch.setattr(exports, "to_image", lambda *a, **k: pytest.fail("HEAD rendered an image"))
    head = client.head("/export/overview-capex.png?lang=en")
    assert head.status_code == 200 and head.headers["Content-Type"] == "image/png"
    assert client.get("/export/overview-capex.png?size=poster").status_code == 400


def test_chinese_export_renders_chinese_text(client):
    r = client.get("/export/overview-market.svg?lang=zh")
    svg = r.data.decode("utf-8")
    assert "市场规模" in svg and "来源" in svg and "万亿美元" in svg


def test_pdf_export(client):
    r = client.get("/export/policy-timeline.pdf?lang=en")
    assert r.status_code == 200 and r.data.startswith(b"%PDF-") and len(r.data) > 5_000


def test_unknown_chart_or_format_is_a_clear_404(client):
    r = client.get("/export/nothing.png")
    assert r.status_code == 404 and b"overview-market" in r.data
    assert client.get("/export/overview-market.gif").status_code == 404


def test_missing_cjk_font_is_reported_not_drawn_as_boxes(client, monkeypatch):
    from dashboard import export_routes

    monkeypatch.setattr(export_routes, "CACHE", export_routes._Cache())  # nothing rendered before counts
    monkeypatch.setattr(exports, "has_cjk_font", lambda: False)
    r = client.get("/export/overview-market.png?lang=zh")
    assert r.status_code == 503
    assert b"fonts-noto-cjk" in r.data


def test_deck_slides_hold_native_charts_takeaway_titles_and_sources_in_the_notes(client, data):
    from pptx import Presentation
    from pptx.util import Pt

    ids = ["overview-market", "overview-openrouter", "overview-investment"]
    r = client.get("/export/deck.pptx?lang=en&charts=" + ",".join(ids))
    assert r.status_code == 200 and r.data[:2] == b"PK"
    prs = Presentation(io.BytesIO(r.data))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 1 + len(ids)  # cover + one per chart: the sources go to the notes, not to extra slides
    assert "AI+ Indicators" in slides[0].shapes.title.text
    # the title placeholder holds the takeaway; the chart is native, its data the claim values
    assert slides[3].shapes.title.text == "United States highest at $38.1 bn, 10.4× China ($3.67 bn)"
    charts_ = [sh for s in slides[1:] for sh in s.shapes if sh.has_chart]
    assert len(charts_) == 3
    inv = next(sh.chart for sh in slides[3].shapes if sh.has_chart)
    assert list(inv.plots[0].categories) == ["United States", "China"]
    assert [round(v, 2) for v in inv.plots[0].series[0].values] == [38.1, 3.67]  # USD bn, as on the page
    assert inv.font.size == Pt(12)
    market = next(sh.chart for sh in slides[1].shapes if sh.has_chart)
    assert {s.name for s in market.plots[0].series} == {"As printed", "Path implied by the CAGR"}
    notes = slides[1].notes_slide.notes_text_frame.text
    assert "c01-0001" in notes and "§1.1.1 line 150" in notes and "Grand View Research" in notes
    assert "c02-0015" in slides[2].notes_slide.notes_text_frame.text
    frame = next(sh for sh in slides[3].shapes if sh.has_chart)
    assert "AI financing" in frame._element.xpath(".//p:cNvPr")[0].get("descr")  # alt text
    cp = prs.core_properties
    assert cp.author == "AI+ Indicators" and cp.created.date().isoformat() == data.built


def test_a_chinese_deck_sets_an_east_asian_font_on_chinese_runs(client):
    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation(io.BytesIO(client.get("/export/deck.pptx?lang=zh&charts=overview-investment").data))
    run = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run.text.startswith("美国最高")
    ea = run._r.get_or_add_rPr().find(qn("a:ea"))
    assert ea is not None and ea.get("typeface") == exports.EA_FONT and run._r.get_or_add_rPr().get("lang") == "zh-CN"


def test_a_deck_over_the_limit_or_with_unknown_charts_is_refused_with_a_reason(client):
    r = client.get("/export/deck.pptx?charts=overview-market,nothing")
    assert r.status_code == 404 and b"nothing" in r.data
    many = ",".join(["overview-market"] * (exports.MAX_DECK + 5))
    r = client.get("/export/deck.pptx?charts=" + many)
    assert r.status_code == 413 and str(exports.MAX_DECK).encode() in r.data


def test_page_deck_takes_the_page_charts(client):
    from pptx import Presentation

    r = client.get("/export/deck.pptx?page=/policy&lang=zh")
    prs = Presentation(io.BytesIO(r.data))
    assert len(prs.slides) >= 1 + len(page_charts("/policy"))


def test_takeaway_states_growth_multiple():
    view = chart("overview-tokens").view({}, "en")
    # 140 万亿 / 1000 亿 tokens a day, both printed on line 122: 1,400 times
    assert exports.takeaway(view, "en") == ">140 tn tokens/day in Mar 2026, 1,400× the 100 bn tokens/day of early 2024"
    assert exports.takeaway(view, "en") == view.takeaway  # the slide states what the page shows


def test_every_registered_chart_renders(data):
    for c in charts():
        view = c.view({}, "en")
        assert view.fig.layout.title.text, c.id


def test_cli_lists_and_exports(tmp_path, capsys, built):
    from dashboard.cli import main

    assert main(["export", "--list", "--data", str(built)]) == 0
    assert "overview-market" in capsys.readouterr().out
    out = tmp_path / "m.pdf"
    assert main(["export", "--chart", "overview-market", "--format", "pdf", "--lang", "en", "--out", str(out), "--data", str(built)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    deck = tmp_path / "d.pptx"
    assert main(["export", "--deck", "overview-market,overview-tokens", "--out", str(deck), "--data", str(built)]) == 0
    assert deck.read_bytes()[:2] == b"PK"
    batch = tmp_path / "batch"
    assert main(["export", "--chart", "overview-capex,overview-tokens", "--format", "svg", "--lang", "en", "--out", str(batch),
                 "--data", str(built)]) == 0
    files = sorted(p.name for p in batch.iterdir())
    assert len(files) == 2 and files[0].startswith("aiplus-overview-capex_") and files[1].startswith("aiplus-overview-tokens_")
    assert main(["export", "--chart", "overview-capex,nothing", "--data", str(built)]) == 2


def test_a_repeated_export_comes_from_the_cache(client, monkeypatch):
    first = client.get("/export/overview-ai-share.svg?lang=en")
    monkeypatch.setattr(exports, "to_image", lambda *a, **k: pytest.fail("rendered twice"))
    again = client.get("/export/overview-ai-share.svg?lang=en")
    assert again.status_code == 200 and again.data == first.data


def test_pdf_text_is_searchable_in_chinese_and_carries_its_metadata(client, data):
    import pypdf

    r = client.get("/export/overview-market.pdf?lang=zh")
    reader = pypdf.PdfReader(io.BytesIO(r.data))
    text = reader.pages[0].extract_text()
    flat = "".join(text.split())  # a bold title extracts with a space between glyphs
    assert "全球人工智能市场规模" in flat and "人工智能市场规模·全球·美元" in flat  # the same characters, not ⼈⼯
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    assert data.data_hash in text and data.built in text
    meta = reader.metadata
    assert meta.title == "全球人工智能市场规模" and meta.author == "AI+ Indicators"
    assert meta.subject.startswith("全球人工智能市场规模。")  # the text alternative


def test_exports_beyond_the_free_slots_are_told_to_retry_not_queued(client, monkeypatch):
    from dashboard import export_routes

    monkeypatch.setattr(export_routes, "CACHE", export_routes._Cache())
    taken = [export_routes._slots.acquire(blocking=False) for _ in range(export_routes.EXPORT_SLOTS)]
    try:
        r = client.get("/export/overview-tokens.png?lang=en")
        assert r.status_code == 503 and r.headers["Retry-After"] == "5" and b"retry" in r.data
    finally:
        for ok in taken:
            if ok:
                export_routes._slots.release()
    assert client.get("/export/overview-tokens.png?lang=en").status_code == 200


def test_the_page_deck_link_carries_the_page_state(data):
    from dashboard.app import deck_href
    from dashboard.data import set_current

    set_current(data)
    href = deck_href("/sectors", {"sector": ["health", "nosuch"], "lang": ["en"]}, "en")
    assert href.startswith("/export/deck.pptx?page=/sectors&") and "sector=health" in href and "nosuch" not in href


def test_bar_labels_keep_the_printed_qualifier(data):
    from dashboard.data import set_current
    from dashboard.pages.overview import panel_views

    set_current(data)
    # c02-0005 / c02-0007 are printed with 约 on their line: the labels say ~0.2 and ~2.5, not 0.2 and 2.5
    labels = list(panel_views("overview-price-input", "en").fig.data[0].text)
    assert labels == ["~0.2", "~2.5"]


def test_pdf_carries_the_view_url_and_filters(client):
    import pypdf

    r = client.get("/export/sectors-values.pdf?lang=en&sector=health")
    text = "".join(pypdf.PdfReader(io.BytesIO(r.data)).pages[0].extract_text().split())
    assert "View:http://localhost/sectors?lang=en&sector=health" in text and "Sector:Healthcare" in text


def test_the_footnote_stays_on_the_canvas_and_says_when_it_is_cut(data):
    """Every footnote line lies inside the canvas (it used to run off the bottom beyond three lines); more than six
    wrapped lines end the sixth with an ellipsis."""
    from dashboard.data import set_current
    from dashboard.exports import FOOT_EDGE, FOOT_LINE, MARGIN_TOP, MAX_FOOT_LINES, decorate
    from dashboard.pages import sectors

    set_current(data)
    v = sectors.views(sectors._state_from_query({}, "en"), "en")["by_indicator"]  # cites dozens of lines and sources
    for size in ((1200, 675), (1080, 1080)):
        fig = decorate(v, "Figures by indicator", "", "en", url="http://127.0.0.1:8050/sectors?lang=en", size=size)
        (note,) = [a for a in fig.layout.annotations if a.yanchor == "bottom"]
        n = note.text.count("<br>") + 1
        assert n == MAX_FOOT_LINES and note.text.endswith(" …")
        bottom = fig.layout.margin.b
        plot_h = size[1] - MARGIN_TOP - bottom
        foot_bottom_px = -note.y * plot_h  # below the plot area, where the footnote's last line sits
        assert bottom - foot_bottom_px == pytest.approx(FOOT_EDGE)  # just above the canvas's bottom edge
        assert foot_bottom_px - n * FOOT_LINE == pytest.approx(110)  # its first line below the axis title and legend

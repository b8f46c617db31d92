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
    assert "Values" in svg and "Sector: Energy infrastructure" in svg
    assert "Source: 2026 AI+ Industry Blue Book §" in svg and data.data_hash in svg
    assert "sector-energy" in r.headers["Content-Disposition"]


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
    monkeypatch.setattr(exports, "has_cjk_font", lambda: False)
    r = client.get("/export/overview-market.png?lang=zh")
    assert r.status_code == 503
    assert b"fonts-noto-cjk" in r.data


def test_deck_has_cover_one_slide_per_chart_and_the_claims_used(client, data):
    from pptx import Presentation

    ids = ["overview-market", "overview-openrouter", "overview-investment"]
    r = client.get("/export/deck.pptx?lang=en&charts=" + ",".join(ids))
    assert r.status_code == 200 and r.data[:2] == b"PK"
    prs = Presentation(io.BytesIO(r.data))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    pictures = [sum(sh.shape_type == 13 for sh in s.shapes) for s in slides]
    assert "AI+ Indicators" in texts[0]
    assert pictures[1:4] == [1, 1, 1]
    assert "Global AI market size" in texts[1] and "Source:" in texts[1]
    assert "OpenRouter" in texts[2]
    takeaway = texts[2].split("\n")[1]
    assert "Chinese models" in takeaway and "US models" in takeaway
    closing = "\n".join(texts[4:])
    assert "Every figure used" in closing
    assert "c01-0001" in closing and "§1.1.1" in closing and "c02-0015" in closing


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

"""The views tell the truth in a real browser: provenance at the number, state kept across languages and clicks, and
one language at a time."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_dashboard_browser import _click_bar, _click_centre, _plots

pytestmark = pytest.mark.browser

PANEL = "#claim-panel"


def _panel_text(page) -> str:
    page.locator(PANEL).wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#claim-panel .claim-card')")
    return page.locator(PANEL).inner_text()


@pytest.mark.usefixtures("book")
def test_a_point_click_opens_the_claim_with_the_books_line_holding_the_figure(page):
    page.goto(page.base + "/?lang=en")
    _plots(page, "#overview-investment")
    _click_bar(page, "overview-investment")
    text = _panel_text(page)
    mark = page.locator(f"{PANEL} mark.printed-figure").first.inner_text()
    assert mark in ("36.7 亿美元", "381 亿美元")  # the figure as printed, highlighted in the book's line
    quote = page.locator(f"{PANEL} blockquote.book-line").first.inner_text()
    assert mark in quote and len(quote) > len(mark) + 20  # the figure inside its sentence
    assert "The book's line" in text and "Line 314" in text


@pytest.mark.usefixtures("book")
def test_a_claim_link_opens_its_panel_on_load(page):
    page.goto(page.base + "/sectors?lang=en&claim=c07_4-0021")
    text = _panel_text(page)
    assert "c07_4-0021" in text
    assert page.locator(f"{PANEL} mark.printed-figure").first.inner_text() == "100 万—150 万元"
    link = page.locator(f"{PANEL} .claim-permalink").first.get_attribute("href")
    assert link.endswith("claim=c07_4-0021")


def test_every_chart_has_a_keyboard_path_to_its_claims(page):
    page.goto(page.base + "/?lang=en")
    _plots(page, "#overview-capex")
    summary = page.locator("#overview-capex-data summary")
    summary.focus()
    page.keyboard.press("Enter")
    row = page.locator("#overview-capex-data button.claim-row").first
    row.wait_for(state="visible")
    assert re.search(r"(Amazon|Microsoft|Google).*\$\d", row.inner_text())
    row.focus()
    page.keyboard.press("Enter")
    assert "c06-00" in _panel_text(page)


def test_the_language_switch_keeps_every_filter(page):
    page.goto(page.base + "/sectors?lang=en&sector=health,new_energy&kind=actual&undated=0")
    page.wait_for_selector("#sectors-count")
    _plots(page, "#sectors-values")
    href = page.locator("#lang-switch").get_attribute("href")
    assert "sector=health,new_energy" in href and "kind=actual" in href and "undated=0" in href and "lang=zh" in href
    page.locator("#lang-switch").click()
    page.wait_for_function("() => document.documentElement.lang === 'zh' && location.search.includes('lang=zh')")
    assert "sector=health,new_energy" in page.url and "undated=0" in page.url
    page.wait_for_function("() => document.querySelector('#sectors-sector').innerText.includes('健康医疗')")
    assert page.title() == "行业 · AI+ 指标"


def test_unknown_values_are_reported_and_undated_figures_counted(page):
    page.goto(page.base + "/sectors?lang=en&sector=health,xyz")
    note = page.locator("#sectors-ignored")
    note.wait_for(state="visible")
    assert "sector “xyz”" in note.inner_text()
    page.wait_for_function("() => /\\d+ figures have no year/.test(document.querySelector('#sectors-undated-count').innerText)")


def test_clicking_an_event_opens_it_and_keeps_the_filters(page):
    page.goto(page.base + "/policy?lang=en&jur=CN&kind=standard")
    _plots(page, "#policy-timeline")
    before = page.url
    _click_centre(page, page.locator("#policy-timeline .scatterlayer .point").first)
    page.locator(PANEL).wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#claim-panel .event-card')")
    assert "Mentioned in the book" in page.locator(PANEL).inner_text()
    assert page.url == before and "jur=CN" in page.url and "kind=standard" in page.url
    assert page.locator("#policy-jur").inner_text().count("China") >= 1


ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’.\-]+(?:[ ][A-Za-z][A-Za-z'’.\-+]+){2,}")
CJK = re.compile(r"[\u3400-\u9fff]+")


def _allowed(data) -> tuple[list[str], list[str]]:
    """Names and figures either language may show as they are: figures as printed, original names of entities and
    organisations, measure names."""
    c = data.claims
    names_zh = list(data.entities["name_zh"]) + list(data.sources["name_zh"]) + list(data.indicators["name_zh"])
    printed = list(c["printed"]) + list(c["entity"].dropna())
    from etl.claims import QUALIFIERS
    from etl.units import MAGNITUDES

    # the printed forms of units (the sources page lists them) and the grammar's magnitude and qualifier words
    forms = [f.split("×")[0] for r in data.units["raw_forms"].dropna() for f in r.split()]
    grammar = forms + [m for m in MAGNITUDES if CJK.search(m)] + list(QUALIFIERS) + list(data.units["name_zh"])
    en_ok = sorted(set(printed + grammar + list(data.entities["name_zh"]) + list(data.sources["name_zh"])), key=len, reverse=True)
    zh_ok = sorted(set(names_zh + list(data.entities["name_en"]) + list(c["about_zh"]) + printed), key=len, reverse=True)
    return en_ok, zh_ok


PAGES = ("/", "/sectors", "/explorer", "/policy", "/audit", "/sources")


@pytest.mark.parametrize("path", PAGES)
def test_one_language_at_a_time(page, data, path):
    en_ok, zh_ok = _allowed(data)
    for lang in ("zh", "en"):
        page.goto(page.base + f"{path}?lang={lang}")
        page.wait_for_selector("#page-main h1")
        page.wait_for_load_state("networkidle")
        text = page.locator("#page-main").inner_text() + "\n" + page.locator("nav").inner_text()
        bad = []
        for line in text.splitlines():
            rest = line
            for ok in (zh_ok if lang == "zh" else en_ok):
                if ok and ok in rest:
                    rest = rest.replace(ok, " ")
            if lang == "zh":
                rest = re.sub(r"AI\+ Indicators|English|GB/T|Token|OpenRouter", " ", rest)
                if ENGLISH_RUN.search(rest):
                    bad.append(line)
            else:
                rest = re.sub(r"中文", " ", rest)
                if CJK.search(rest):
                    bad.append(line)
        assert not bad, (path, lang, bad[:8])


@pytest.mark.parametrize("path", ["/?lang=en", "/policy?lang=zh", "/sectors?lang=en&sector=health,new_energy,smart_manufacturing"])
def test_no_drawn_point_falls_outside_its_plot_area(page, path):
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.querySelectorAll('.chart-frame .dash-graph')]"
                           ".every(g => g.querySelector('.trace, .annotation-text'))", timeout=60_000)
    outside = page.evaluate("""() => {
      const bad = [];
      for (const g of document.querySelectorAll('.chart-frame .js-plotly-plot')) {
        const area = g.querySelector('.nsewdrag');
        if (!area) continue;
        const a = area.getBoundingClientRect();
        for (const p of g.querySelectorAll('.scatterlayer .point, .barlayer .point')) {
          const b = p.getBoundingClientRect();
          if (b.width === 0 && b.height === 0) continue;
          const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
          if (cx < a.x - 1 || cx > a.x + a.width + 1 || cy < a.y - 1 || cy > a.y + a.height + 1) bad.push(g.id);
        }
      }
      return bad;
    }""")
    assert not outside, (path, sorted(set(outside)))


def test_the_value_column_sorts_by_the_number_and_filters_by_the_text(page, data):
    values = dict(zip(data.claims["claim_id"], data.claims["value"], strict=True))

    def first_rows(n: int = 6) -> list[str]:
        page.wait_for_function("() => document.querySelectorAll('#explorer-grid .ag-center-cols-container .ag-row').length > 5")
        page.wait_for_timeout(300)  # the sort from the URL is applied once the rows are in
        rows = page.evaluate("() => [...document.querySelectorAll('#explorer-grid .ag-center-cols-container .ag-row')]"
                             ".map(r => [+r.getAttribute('row-index'), r.getAttribute('row-id')])")
        return [rid for _, rid in sorted(rows)[:n]]

    for direction, expect in (("asc", sorted(values.values())[:6]), ("desc", sorted(values.values(), reverse=True)[:6])):
        page.goto(page.base + f"/explorer?lang=en&sort=value_text:{direction}")
        assert [values[c] for c in first_rows()] == expect, direction  # 2 nm before 5 nm, not "$1 bn" before "$1 tn"
    page.goto(page.base + "/explorer?lang=en&gf=value_text~contains~tn%20tokens")
    page.wait_for_function("(n) => { const s = document.querySelector('#explorer-grid .ag-paging-row-summary-panel');"
                           " return s && !s.textContent.replace(/\\s+/g, ' ').trim().endsWith('of ' + n); }", arg=len(values))
    shown = page.locator("#explorer-grid .ag-center-cols-container .ag-row [col-id='value_text']").all_inner_texts()
    assert shown and all("tn tokens" in s for s in shown), shown
    # the page's row count (a live region) follows the grid's own filter
    total = int(page.locator("#explorer-grid .ag-paging-row-summary-panel").inner_text().split()[-1])
    assert 0 < total < len(values)
    page.wait_for_function("(n) => document.querySelector('#explorer-count').innerText.startsWith(n + ' ')", arg=total)

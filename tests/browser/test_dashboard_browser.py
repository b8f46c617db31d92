"""What users see in headless Chromium: every page opens cleanly, filters and cross-filters work, the URL
restores a view, the language switch changes titles and number formats, downloads arrive."""

from __future__ import annotations

import re

import pytest

from dashboard.pages import PAGES

pytestmark = pytest.mark.browser


def _plots(page, selector, n=1):
    """Wait until the graph has drawn its data (a trace, or the empty-state message), not just its placeholder."""
    page.wait_for_function("([s, n]) => document.querySelectorAll(s + ' .main-svg').length >= n && "
                           "[...document.querySelectorAll(s)].every(g => g.querySelector('.trace, .annotation-text'))",
                           arg=[selector, n], timeout=30_000)


def _badge(page, sel):
    page.wait_for_function("(s) => /^\\d+/.test(document.querySelector(s).innerText)", arg=sel)
    return int(re.match(r"\d+", page.locator(sel).inner_text()).group(0))


def _choose(page, dropdown_id: str, label: str):
    """Pick an option of a Dash dropdown as a user does: open it, search, click the option, close it."""
    page.locator(f"#{dropdown_id}").click()
    search = page.locator(".dash-dropdown-content input.dash-dropdown-search")
    search.wait_for(state="visible")
    search.fill(label[:8])
    options = page.locator(".dash-dropdown-content [role=option]")
    page.wait_for_function("(t) => { const o = [...document.querySelectorAll('.dash-dropdown-content [role=option]')];"
                           " return o.length >= 1 && o.every(e => e.innerText.includes(t)); }", arg=label[:8])
    options.filter(has_text=label).first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("([id, t]) => document.getElementById(id).innerText.includes(t)", arg=[dropdown_id, label])


def _click_centre(page, locator):
    """Click a chart mark as a user does: at its centre on screen (Plotly listens on the plot, not on the mark)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _click_bar(page, graph_id, index=0):
    _click_centre(page, page.locator(f"#{graph_id} .bars .point path").nth(index))


@pytest.mark.parametrize("path", [p.PATH for p in PAGES])
def test_every_page_opens_without_console_errors(page, path):
    page.goto(page.base + path + "?lang=en")
    page.wait_for_selector("#page-main h1")
    page.wait_for_load_state("networkidle")
    assert page.locator("#footer-data-hash").inner_text()


def test_overview_draws_all_its_charts(page, data):
    charts = data.charts[data.charts["page"] == "overview"]
    panels = list(charts[charts["type"] != "card"]["chart_id"])
    page.goto(page.base + "/?lang=en")
    for p in panels:
        _plots(page, f"#{p}")
    assert page.locator("#overview-cards .headline-card").count() == (charts["type"] == "card").sum()
    drawn = sum(page.locator(f"#{p} .scatterlayer .point, #{p} .barlayer .point").count() > 0 for p in panels)
    assert drawn == len(panels)


def test_choosing_a_sector_changes_the_sector_charts_and_the_grid(page, data):
    page.goto(page.base + "/sectors?lang=en")
    _plots(page, "#sectors-by-sector")
    total = _badge(page, "#sectors-count")
    energy = int((data.claims["sector"] == "energy").sum())
    assert 0 < energy < total
    _choose(page, "sectors-sector", "Energy infrastructure")
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(energy))
    assert "sector=energy" in page.url
    # each chart is drawn by its own callback: wait for the sector chart to show only the chosen sector
    page.wait_for_function("() => { const t = [...document.querySelectorAll('#sectors-by-sector .ytick text')].map(e => e.textContent);"
                           " return t.length == 1 && t[0] == 'Energy infrastructure'; }")
    # the grid shows only the chosen sector (AG Grid renders only the visible rows, so read its cells)
    page.wait_for_function("() => { const c = [...document.querySelectorAll('#sectors-grid .ag-center-cols-container [col-id=sector_name]')];"
                           " return c.length > 0 && c.every(e => e.innerText === 'Energy infrastructure'); }")


def test_clicking_a_bar_filters_the_linked_views_and_clear_undoes_it(page, data):
    page.goto(page.base + "/sectors?lang=en")
    _plots(page, "#sectors-by-sector")
    total = _badge(page, "#sectors-count")
    top_sector = data.claims["sector"].value_counts()
    # bars are drawn smallest first; the last bar is the largest sector
    n_bars = page.locator("#sectors-by-sector .bars .point").count()
    _click_bar(page, "sectors-by-sector", n_bars - 1)
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(int(top_sector.iloc[0])))
    assert "xs=" + top_sector.index[0] in page.url
    assert "Chart selection" in page.locator("#sectors-xfilter-status").inner_text()
    page.locator("#sectors-clear").click()
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(total))


def test_a_shared_url_restores_the_same_view(page, data):
    sector = data.claims["sector"].value_counts().index[0]
    ind = data.claims[data.claims["sector"] == sector]["indicator_id"].value_counts().index[0]
    expected = int(((data.claims["sector"] == sector) & (data.claims["indicator_id"] == ind)).sum())
    page.goto(page.base + f"/sectors?lang=en&sector={sector}&xi={ind}")
    _plots(page, "#sectors-values")
    assert _badge(page, "#sectors-count") == expected
    assert data.sectors.set_index("sector").loc[sector, "name_en"] in page.locator("#sectors-sector").inner_text()
    name = data.indicators.set_index("indicator_id").loc[ind, "name_en"]
    assert name in page.locator("#sectors-xfilter-status").inner_text()


def test_back_and_forward_move_between_filter_states(page, data):
    page.goto(page.base + "/sectors?lang=en")
    _plots(page, "#sectors-by-sector")
    total = _badge(page, "#sectors-count")
    _choose(page, "sectors-sector", "Energy infrastructure")
    energy = int((data.claims["sector"] == "energy").sum())
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(energy))
    page.go_back()
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(total))
    page.go_forward()
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(energy))


def test_language_switch_changes_titles_and_number_formats(page):
    page.goto(page.base + "/?lang=zh")
    _plots(page, "#overview-market")
    assert page.locator("#overview-market .gtitle").text_content() == "全球人工智能市场规模"
    assert "亿美元" in page.locator("#card-world-ai-market-value").inner_text()
    page.locator("#lang-switch").click()
    # predicates are functions, not expressions: the page's CSP forbids eval
    page.wait_for_function("() => document.querySelector('#overview-market .gtitle') && "
                           "document.querySelector('#overview-market .gtitle').textContent == 'Global AI market size'")
    assert page.locator("#card-world-ai-market-value").inner_text().startswith("~$")
    assert "lang=en" in page.url
    assert page.locator("#overview-market .ytitle").text_content() == "USD tn"


def test_clicking_a_point_opens_the_claim_behind_it(page, data):
    page.goto(page.base + "/?lang=en")
    _plots(page, "#overview-market")
    _click_centre(page, page.locator("#overview-market .scatterlayer .point").first)
    panel = page.locator("#claim-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "§" in text and "As printed" in text and "Line" in text


def test_explorer_downloads_the_filtered_rows_as_csv_with_bom(page, data, tmp_path):
    page.goto(page.base + "/explorer?lang=en&sector=energy")
    page.wait_for_selector("#explorer-grid .ag-row")
    with page.expect_download() as info:
        page.locator("#explorer-csv").click()
    dl = info.value
    assert re.fullmatch(r"aiplus-claims_sector-energy_en_\d{4}-\d{2}-\d{2}\.csv", dl.suggested_filename)
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == int((data.claims["sector"] == "energy").sum())
    assert lines[0].startswith("claim_id,indicator_id")


def test_empty_filter_result_shows_a_message(page):
    page.goto(page.base + "/sectors?lang=en&sector=standards&geo=KR&kind=target")
    _plots(page, "#sectors-values")
    assert "No data for the current filters" in page.locator("#sectors-values").inner_text()


def test_phone_width_keeps_charts_inside_the_screen(chromium, live_server):
    ctx = chromium.new_context(viewport={"width": 390, "height": 844})
    pg = ctx.new_page()
    pg.goto(live_server.url + "/?lang=en")
    _plots(pg, "#overview-market")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    ctx.close()


def test_export_control_downloads_a_png_of_the_chart_in_view(page, tmp_path):
    page.goto(page.base + "/sectors?lang=en&sector=energy")
    _plots(page, "#sectors-values")
    link = page.locator("#sectors-values-export-png")
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    dl = info.value
    assert re.fullmatch(r"aiplus-sectors-values_sector-energy_en_\d{4}-\d{2}-\d{2}\.png", dl.suggested_filename)
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_deck_link_downloads_the_page_as_pptx(page, tmp_path):
    page.goto(page.base + "/policy?lang=en")
    page.wait_for_selector("#deck-link")
    with page.expect_download(timeout=60_000) as info:
        page.locator("#deck-link").click()
    dl = info.value
    assert dl.suggested_filename.endswith(".pptx") and "page-policy" in dl.suggested_filename
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    assert path.read_bytes()[:2] == b"PK"


def test_filters_work_from_the_keyboard_alone(page, data):
    page.goto(page.base + "/sectors?lang=en")
    _plots(page, "#sectors-by-sector")
    for _ in range(30):  # Tab from the top of the page until the sector filter has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "sectors-sector":
            break
    else:
        raise AssertionError("the sector filter cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('dash-dropdown-search')")
    page.keyboard.type("Energy infra")
    page.wait_for_function("() => { const o = [...document.querySelectorAll('.dash-dropdown-content [role=option]')];"
                           " return o.length == 1 && o[0].innerText.includes('Energy infrastructure'); }")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    energy = int((data.claims["sector"] == "energy").sum())
    page.wait_for_function("(n) => document.querySelector('#sectors-count').innerText.startsWith(n + ' ')", arg=str(energy))


def test_policy_events_toggle_marks_events_on_the_trend_charts_and_in_the_url(page, data):
    page.goto(page.base + "/?lang=en")
    _plots(page, "#overview-tokens")
    before = page.locator("#overview-tokens .scatterlayer .trace").count()
    page.locator("#overview-events").click()
    page.wait_for_function("(n) => document.querySelectorAll('#overview-tokens .scatterlayer .trace').length > n", arg=before)
    assert "events=1" in page.url
    assert "Policy events" in page.locator("#overview-tokens .legend").text_content()

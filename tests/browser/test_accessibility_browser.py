"""WCAG 2.2 AA in headless Chromium: axe-core (npm, installed by `make install`) finds no violation on any page in
either language, nor with the claim panel, a dropdown or a Cite box open; and the points axe cannot see for itself:
<html lang>, one title per page, a skip link, charts named by their caption, the chart toolbar out of the tab order,
row counts in a polite live region."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.i18n import LANGS
from dashboard.pages import PAGES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = ("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>"
           " `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))")


@pytest.fixture
def a11y_page(chromium, live_server):
    """A page whose context bypasses our CSP, so that axe-core can be injected (the app itself allows no such script)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = live_server.url
    yield pg
    context.close()
    assert not errors, errors


def _open(page, url: str):
    page.goto(page.base + url)
    page.wait_for_selector("#page-main h1")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.querySelectorAll('.chart')].every(g => g.querySelector('.main-svg'))",
                           timeout=30_000)


def _violations(page) -> list[str]:
    page.wait_for_timeout(300)  # assets/a11y.js repairs the DOM in the next animation frame after a render
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", [p.PATH for p in PAGES])
def test_no_axe_violation_on_any_page(a11y_page, path, lang):
    _open(a11y_page, f"{path}?lang={lang}")
    assert _violations(a11y_page) == []
    assert a11y_page.evaluate("() => document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violation_with_the_claim_panel_open(a11y_page, lang):
    _open(a11y_page, f"/?lang={lang}&claim=c01-0001")
    dialog = a11y_page.locator(".offcanvas.show")
    dialog.wait_for(state="visible")
    assert a11y_page.evaluate("() => { const d = document.querySelector('.offcanvas.show');"
                              " return document.getElementById(d.getAttribute('aria-labelledby')).textContent.trim(); }")
    assert _violations(a11y_page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violation_with_a_dropdown_open(a11y_page, lang):
    _open(a11y_page, f"/sectors?lang={lang}")
    a11y_page.locator("#sectors-sector").click()
    a11y_page.locator(".dash-dropdown-content [role=option]").first.wait_for(state="visible")
    assert _violations(a11y_page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violation_with_a_cite_box_open(a11y_page, lang):
    _open(a11y_page, f"/?lang={lang}")
    a11y_page.locator(".cite-control summary").first.click()
    a11y_page.locator(".cite-control[open] .cite-text").first.wait_for(state="visible")
    assert _violations(a11y_page) == []


def test_every_page_has_its_own_title_in_each_language(a11y_page):
    titles = set()
    for lang in LANGS:
        for p in PAGES:
            _open(a11y_page, f"{p.PATH}?lang={lang}")
            a11y_page.wait_for_function("() => document.title.includes('·')")
            titles.add(a11y_page.title())
    assert len(titles) == len(PAGES) * len(LANGS)


def test_skip_link_charts_named_by_caption_toolbar_out_of_tab_order(a11y_page):
    _open(a11y_page, "/?lang=en")
    a11y_page.keyboard.press("Tab")
    assert a11y_page.evaluate("() => document.activeElement.id") == "skip-link"
    a11y_page.keyboard.press("Enter")
    assert a11y_page.evaluate("() => document.activeElement.id") == "page-main"
    names = a11y_page.evaluate("() => [...document.querySelectorAll('.chart-frame .chart-slot')].map(s =>"
                               " [document.getElementById(s.getAttribute('aria-labelledby')).textContent,"
                               "  s.closest('figure').querySelector('figcaption').textContent])")
    assert names and all(name and name == caption for name, caption in names)
    tab_stops = a11y_page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].filter(b => b.tabIndex >= 0).length")
    assert tab_stops == 0


def test_row_counts_are_announced_politely_after_filtering(a11y_page):
    _open(a11y_page, "/explorer?lang=en")
    count = a11y_page.locator("#explorer-count")
    assert count.get_attribute("role") == "status"  # an implicit aria-live="polite" region
    before = count.inner_text()
    a11y_page.locator("#explorer-q").fill("GPU")
    a11y_page.keyboard.press("Enter")
    a11y_page.wait_for_function("(b) => document.querySelector('#explorer-count').innerText !== b", arg=before)
    assert count.inner_text().split()[0].isdigit()

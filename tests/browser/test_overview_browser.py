"""The overview in a real headless Chromium: charts draw, cards show figures, no console errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _wait_for_plots(page, selector: str, count: int):
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel + ' .main-svg').length >= n && "
        "[...document.querySelectorAll(sel)].every(g => g.querySelector('.trace, .annotation-text'))",
        arg=[selector, count],
        timeout=30_000,
    )


def test_overview_draws_market_chart_with_points(page):
    page.goto(page.base + "/?lang=en")
    _wait_for_plots(page, "#overview-market", 1)
    # a drawn trace has markers; an empty or failed graph has none
    markers = page.locator("#overview-market .scatterlayer .point")
    assert markers.count() >= 2
    assert "Global AI market size" in page.locator("#overview-market .gtitle").text_content()
    assert page.locator("#overview-market .ytitle").text_content().strip() != ""
    card = page.locator("#card-world-ai-market-value")
    assert card.inner_text().startswith("~$390.9")


def test_overview_footer_names_build_and_hash(page, data):
    page.goto(page.base + "/")
    page.wait_for_selector("#footer-data-hash")
    assert page.locator("#footer-data-hash").inner_text() == data.data_hash

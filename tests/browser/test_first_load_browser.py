"""What a first visit downloads: the plotly.js partial bundle from our own server (not Dash's full plotly.min.js),
compressed, at the plotly.js version the installed plotly.py ships, loaded without blocking the page's first paint."""

from __future__ import annotations

import pytest
from plotly.offline import get_plotlyjs_version

from dashboard.vendor import PLOTLY_BUNDLE, PLOTLY_URL

pytestmark = pytest.mark.browser


def _charts_drawn(page, selector: str = ".chart"):
    page.wait_for_function("(s) => { const g = [...document.querySelectorAll(s)];"
                           " return g.length > 0 && g.every(e => e.querySelector('.main-svg .trace, .annotation-text')); }",
                           arg=selector, timeout=30_000)


def _record(page) -> list:
    responses: list = []
    page.on("response", lambda r: responses.append(r))
    return responses


@pytest.mark.parametrize("path", ["/", "/explorer"])
def test_pages_draw_with_the_partial_plotly_bundle_served_by_us(page, path):
    responses = _record(page)
    page.goto(page.base + path + "?lang=en")
    _charts_drawn(page)
    urls = [r.url for r in responses]
    bundle = [r for r in responses if r.url.split("?")[0] == page.base + PLOTLY_URL]
    assert len(bundle) == 1, urls
    assert bundle[0].headers.get("content-encoding") == "br"
    assert bundle[0].body() == PLOTLY_BUNDLE.read_bytes(), "Dash's full plotly.js was served"
    assert not [u for u in urls if "async-plotlyjs" in u or "/assets/vendor/" in u]
    assert page.evaluate("() => window.Plotly.version") == get_plotlyjs_version()
    # not a blocking script of the page: an async one, loaded once (Dash's graph found it and did not load its own)
    blocking = page.evaluate("() => [...document.querySelectorAll('script[src]')].filter(s => !s.async).map(s => s.src)")
    assert not [u for u in blocking if PLOTLY_URL in u or "plotly-basic" in u or "plotly.min" in u], blocking
    assert page.locator(f'script[async][src="{PLOTLY_URL}"]').count() == 1
    assert page.locator(f'script[src="{PLOTLY_URL}"]').count() == 1


def _updates(page) -> list[dict]:
    import json

    sent: list[dict] = []
    page.on("request", lambda r: sent.append(json.loads(r.post_data)) if "/_dash-update-component" in r.url else None)
    return sent


def test_the_overview_arrives_with_its_charts_drawn_no_request_per_chart(page):
    sent = _updates(page)
    page.goto(page.base + "/?lang=en")
    _charts_drawn(page)
    page.wait_for_load_state("networkidle")
    outputs = [b["output"] for b in sent]
    assert any("shell.children" in o for o in outputs), outputs  # the page itself, in one answer
    assert not [o for o in outputs if ".figure" in o], outputs  # no chart waits for a callback of its own
    assert page.locator("#overview-panels .chart-slot").count() == 11
    assert page.locator("#overview-panels .chart-takeaway:not(:empty)").count() >= 10
    # switching policy events on still redraws the trend charts through their callbacks
    page.locator("#overview-events").check()
    page.wait_for_function("() => document.querySelector('#overview-panels').textContent.includes('Policy events')",
                           timeout=20_000)
    assert [o for o in (b["output"] for b in sent) if ".figure" in o]


def test_the_grid_library_loads_only_on_a_page_with_a_grid(page):
    responses = _record(page)
    page.goto(page.base + "/?lang=en")
    _charts_drawn(page)
    page.wait_for_load_state("networkidle")
    assert not [r.url for r in responses if "/dash_ag_grid/" in r.url], "the overview has no grid"
    assert page.locator('meta[name="aiplus-grid-src"]').count() == 1
    page.click("#nav-explorer")  # a client-side navigation: the grid library loads when the grid mounts
    page.wait_for_selector("#explorer-grid .ag-row", timeout=30_000)
    bundles = [r for r in responses if "/dash_ag_grid/dash_ag_grid" in r.url]
    assert len(bundles) == 1 and bundles[0].url.startswith(page.base)
    shown = int(page.locator("#explorer-count").inner_text().split()[0])  # the page's own count of the rows
    assert shown > 500
    page.wait_for_function("(n) => (document.querySelector('#explorer-grid .ag-paging-row-summary-panel') || {})"
                           ".textContent?.replace(/\\s+/g, ' ').trim().endsWith('of ' + n)", arg=shown, timeout=10_000)
    assert page.locator("#explorer-grid .ag-row").count() >= 10  # the rows in view are drawn
    assert page.locator(".aiplus-grid-loading").count() == 0


def test_charts_draw_one_per_task_through_the_queue(page):
    """assets/chart-queue.js: every Plotly.react call waits its turn, one per task, and resolves with plotly's result."""
    page.goto(page.base + "/?lang=en")
    _charts_drawn(page)
    assert page.evaluate("() => window.Plotly.__aiplusPaced") is True
    order = page.evaluate("""async () => {
        const log = [];
        const a = document.createElement('div'), b = document.createElement('div');
        document.body.append(a, b);
        const pa = Plotly.react(a, [{x: [1, 2], y: [3, 4]}], {}).then(gd => log.push(['a', gd === a]));
        const pb = Plotly.react(b, [{x: [1], y: [2]}], {}).then(gd => log.push(['b', gd === b]));
        log.push(['queued', !a._fullLayout && !b._fullLayout]);  // neither drawn in the caller's task
        await Promise.all([pa, pb]);
        return [...log, ['drawn', a.querySelectorAll('.trace').length, b.querySelectorAll('.trace').length]];
    }""")
    assert order == [["queued", True], ["a", True], ["b", True], ["drawn", 1, 1]]


def test_sectors_arrive_drawn_for_the_filters_in_their_url(page):
    sent = _updates(page)
    page.goto(page.base + "/sectors?lang=en")
    _charts_drawn(page)
    page.wait_for_selector("#sectors-grid .ag-row", timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert not [b["output"] for b in sent if ".figure" in b["output"] or "rowData" in b["output"]]
    shown = int(page.locator("#sectors-count").inner_text().split()[0])
    assert shown > 500 and page.locator("#sectors-undated-count").inner_text().strip()
    page.goto(page.base + "/sectors?lang=en&sector=ai_chips")  # a filter in the URL: drawn for it, in the page itself
    _charts_drawn(page)
    fewer = int(page.locator("#sectors-count").inner_text().split()[0])
    assert 0 < fewer < shown

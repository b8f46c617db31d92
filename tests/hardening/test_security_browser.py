"""Hardening in headless Chromium: script payloads in query values never run, every page renders under the
Content-Security-Policy (the `page` fixture fails a test on any console error, CSP violations included), and the
policy is really enforced (an injected inline script is refused)."""

from __future__ import annotations

import pytest

from dashboard.pages import PAGES

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=1>"
SVG = "<svg onload=window.__pwned=1>"
ATTACKS = [
    ("/sectors", f"sector={SCRIPT}"),
    ("/sectors", f"q={IMG}&geo={SCRIPT}&cat={SVG}&xs={IMG}"),
    ("/explorer", f"q={IMG}"),
    ("/explorer", f"q={SCRIPT}&sector={IMG}&indicator={SVG}"),
    ("/policy", f"jur={SCRIPT}&kind={IMG}&from={SVG}"),
    ("/audit", f"finding={IMG}"),
    ("/", f"events={SCRIPT}&q={IMG}"),
    (f"/{IMG}", ""),
]


def _open(page, path: str, query: str):
    resp = page.goto(page.base + path + "?lang=en" + (f"&{query}" if query else ""))
    page.wait_for_selector("#page-main h1")
    page.wait_for_load_state("networkidle")
    return resp


@pytest.mark.parametrize(("path", "query"), ATTACKS)
def test_script_in_a_query_value_does_not_execute(page, path, query):
    resp = _open(page, path, query)
    page.wait_for_timeout(300)  # give an injected onerror/onload handler the time to fire
    if resp.status == 404:  # an unknown path: the not-found page, sent with status 404, which Chromium reports
        assert path not in [p.PATH for p in PAGES]
        page.errors[:] = [e for e in page.errors if "status of 404" not in e]
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#page-main script, #page-main img[src=x], #page-main svg[onload]").count() == 0


def test_a_search_payload_is_shown_as_text_in_the_search_box(page):
    _open(page, "/explorer", f"q={IMG}")
    assert page.locator("#explorer-q").input_value() == IMG
    assert page.evaluate("() => window.__pwned") is None


@pytest.mark.parametrize("path", [p.PATH for p in PAGES])
def test_every_page_renders_under_the_content_security_policy(page, path):
    resp = _open(page, path, "")
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert page.locator("#footer-data-hash").inner_text()
    graphs = page.locator(".js-plotly-plot").count()
    if graphs:
        page.wait_for_function("(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=graphs, timeout=30_000)


def test_the_policy_is_enforced_in_the_browser(page):
    _open(page, "/", "")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__inline") is None
    violations = [e for e in page.errors if "Content Security Policy" in e]
    assert violations, page.errors
    # the refusal is the expected outcome here: take it off the list the fixture fails on
    page.errors[:] = [e for e in page.errors if e not in violations]

"""What a first visit downloads: the plotly.js partial bundle from our own server (not Dash's full plotly.min.js),
compressed, at the plotly.js version the installed plotly.py ships."""

from __future__ import annotations

import pytest
from plotly.offline import get_plotlyjs_version

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
    bundle = [r for r in responses if r.url.split("?")[0].endswith("/assets/vendor/plotly-basic.min.js")]
    assert len(bundle) == 1 and bundle[0].url.startswith(page.base)
    assert bundle[0].headers.get("content-encoding") == "br"
    assert not [u for u in urls if "plotly.min.js" in u or "async-plotlyjs" in u], "Dash's full plotly.js was loaded"
    assert page.evaluate("() => window.Plotly.version") == get_plotlyjs_version()

"""The page render cache: keyed only on known, validated query values, bounded in entries and in bytes, so a flood
of junk URLs neither grows it nor changes what a page shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
import pytest

from dashboard import data as data_mod
from dashboard.app import render
from dashboard.data import Data
from dashboard.renderkey import FREE_TEXT, UNKNOWN, known_keys, render_key


@pytest.fixture
def fresh(data):
    """The session's tables with an empty memo of their own, made current for the test."""
    d = Data(data.path, data.manifest, data.tables)
    previous = data_mod._CURRENT
    data_mod.set_current(d)
    yield d
    data_mod.set_current(previous)


def test_unknown_keys_and_values_do_not_enter_the_key(fresh):
    base = render_key(fresh, "/sectors", "?lang=en&sector=energy")
    assert render_key(fresh, "/sectors", "?lang=en&sector=energy&utm_source=x&junk1=1&zzz=<b>") == base
    assert render_key(fresh, "/sectors/", "?sector=energy&lang=en") == base
    assert "nosuch" not in repr(render_key(fresh, "/sectors", "?lang=en&sector=nosuch1,energy,nosuch2"))
    # a page without a canonical state: each known key's values checked one by one
    junk = render_key(fresh, "/audit", "?lang=en&finding=nosuch1,nosuch2,nosuch3")
    assert junk == render_key(fresh, "/audit", "?lang=en&finding=other-junk") == render_key(fresh, "/audit", "?lang=en")
    finding = str(fresh.audit["check_id"].iloc[0])
    mixed = render_key(fresh, "/audit", f"?lang=en&finding=nosuch1,nosuch2,{finding},nosuch3")
    assert ("finding", (UNKNOWN, finding)) in mixed[3]
    assert "nosuch" not in repr(junk) + repr(mixed)


def test_free_text_search_is_never_cached(fresh):
    assert render_key(fresh, "/explorer", "?lang=en&q=anything") is None
    render("/explorer", "?lang=en&q=energy%20use")
    assert not any("energy use" in repr(k) for k in fresh._memo)


def test_a_flood_of_junk_urls_leaves_one_entry_per_page(fresh):
    for i in range(300):
        render("/sectors", f"?lang=en&junk{i}={i}&sector=nosuch{i}")
        render(f"/no-such-page-{i}", f"?lang=zh&x={i}")
    renders = [k for k in fresh._memo if k[0] == "render"]
    assert len(renders) == 2, renders


def _clear(d: Data) -> None:
    d._memo.clear()
    d._memo_sizes.clear()
    d._memo_total = 0


def _json(layout) -> str:
    return json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)


@pytest.mark.parametrize(("clean", "junky"), [
    (("/sectors", "?lang=en&sector=energy"), ("/sectors", "?lang=en&sector=energy&sector_x=1&zz=<script>&utm=1")),
    (("/policy", "?lang=zh&kind=law"), ("/policy", "?lang=zh&kind=law&jur=nowhere-land")),
    (("/audit", "?lang=en"), ("/audit", "?lang=en&finding=no-such-finding&events=2")),
    (("/", "?lang=en&events=1"), ("/", "?lang=en&events=1,junk&x=<b>")),
])
def test_a_page_rendered_afresh_for_a_junk_url_is_the_page_of_the_clean_one(fresh, clean, junky):
    """What the key leaves out really does not change the page (checked without the cache)."""
    want = _json(render(*clean))
    _clear(fresh)
    assert _json(render(*junky)) == want
    assert render(*clean) is render(*junky)  # and the cache serves both from one entry


def test_memo_is_bounded_in_entries_and_bytes(fresh):
    for i in range(50):
        fresh.memo(("t", i), lambda i=i: b"x" * 1000, max_entries=10)
    assert len(fresh._memo) == 10 and ("t", 49) in fresh._memo and ("t", 0) not in fresh._memo
    _clear(fresh)
    for i in range(50):
        fresh.memo(("b", i), lambda: b"y" * 100_000, max_bytes=1_000_000)
    assert fresh.memo_bytes() <= 1_000_000 and len(fresh._memo) <= 10
    assert fresh.memo(("huge",), lambda: b"z" * 2_000_000, max_bytes=1_000_000) == b"z" * 2_000_000
    assert ("huge",) not in fresh._memo


def test_pages_with_a_canonical_state_are_keyed_on_it(fresh):
    from dashboard.pages import PAGES

    stated = [p for p in PAGES if hasattr(p, "canonical")]
    assert stated, "no page states its URL state any more: the cache key falls back to checked values everywhere"
    for page in stated:
        clean = render_key(fresh, page.PATH, "?lang=en")
        assert render_key(fresh, page.PATH, "?lang=en&junk=1&sector=nosuch&m=nosuch&sort=x:y&utm_source=z") == clean
        assert clean[3] == page.canonical({}, "en")


def test_every_query_key_a_page_without_a_canonical_state_reads_is_known_to_the_cache_key(fresh):
    """A key a page reads but the cache key ignores would serve one view for another: keep the two in step."""
    from dashboard.pages import PAGES

    read = set()
    for page in PAGES:
        if hasattr(page, "canonical"):
            continue  # keyed on the page's own validated state
        text = Path(page.__file__).read_text(encoding="utf-8")
        read |= set(re.findall(r'query\.get\("(\w+)"', text))
        read |= set(re.findall(r'pick\(\s*query,\s*"(\w+)"', text))
    assert read <= known_keys(fresh) | FREE_TEXT, read - known_keys(fresh)

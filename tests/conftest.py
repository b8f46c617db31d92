"""Shared fixtures: a build of the real curated data, a live server on a free port, headless Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import settings

from etl.build import build
from etl.catalog import DATASETS
from etl.source import source_path

# `pytest --hypothesis-profile=mutation` (the mutation run, pyproject's [tool.mutmut]): each mutant runs the property
# tests with fewer examples, the same ones every time, and writes no example database
settings.register_profile("mutation", max_examples=10, derandomize=True, database=None)

CHROMIUM = os.environ.get("AIPLUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def datasets_root() -> Path:
    """The curated data under test: datasets/ (AIPLUS_DATASETS may point elsewhere while curating)."""
    return Path(os.environ.get("AIPLUS_DATASETS", DATASETS))


@pytest.fixture(scope="session")
def built(tmp_path_factory, datasets_root) -> Path:
    """The curated data built into a temporary folder (the repository's own build is left alone)."""
    out = tmp_path_factory.mktemp("build") / "tables"
    build(out, root=datasets_root)
    return out


@pytest.fixture
def tables(built, tmp_path) -> Path:
    """A private copy of the session's build, for tests that damage or rebuild it."""
    out = tmp_path / "tables"
    shutil.copytree(built, out)
    return out


@pytest.fixture(scope="session")
def data(built):
    from dashboard.data import load

    return load(built)


@pytest.fixture(scope="session")
def book():
    if source_path() is None:
        pytest.skip("the book's text (../shared/source/ai-plus-blue-book-2026.txt) is absent; provenance checks need it")
    from etl.source import load_book

    return load_book()


class LiveServer:
    def __init__(self, app):
        from werkzeug.serving import make_server

        self.httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()


@pytest.fixture(scope="session")
def live_server(data):
    from dashboard.app import create_app

    server = LiveServer(create_app(data))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh page; console errors, failed requests and requests to other hosts fail the test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    # an error a library only logs counts too (dash-ag-grid logs a function it cannot parse as console.log("Error"))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" or m.text.startswith("Error") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((live_server.url, "data:", "blob:", "about:")) else None)
    pg.errors = errors
    pg.foreign_requests = foreign
    pg.base = live_server.url
    yield pg
    context.close()
    assert not foreign, f"the page asked other hosts: {foreign}"
    assert not errors, f"console errors: {errors}"

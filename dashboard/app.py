"""The application shell: navigation, language switch, router, footer. Pages own their layouts and callbacks."""

from __future__ import annotations

import gc

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard import data as data_mod
from dashboard import urlstate
from dashboard.components.provenance import event_ids, provenance
from dashboard.compression import compress
from dashboard.export_routes import register as register_exports
from dashboard.i18n import LANGS, t
from dashboard.pages import PAGES, page_for
from dashboard.queries import claim_details
from dashboard.renderkey import render_key
from dashboard.security import harden
from dashboard.vendor import PLOTLY_URL, grid_meta, lazy_grid, plotly_available
from dashboard.vendor import register as register_vendor


def switch_href(pathname: str, query: dict, lang: str) -> str:
    """The other language's URL of the same view: the page's own (validated) state, only `lang` changed."""
    page = page_for(pathname or "/")
    if page is None:
        return f"/?lang={lang}"
    canonical = getattr(page, "canonical", None)
    return page.PATH + (canonical(query, lang) if canonical else f"?lang={lang}")


def deck_href(pathname: str, query: dict, lang: str) -> str:
    """The page's deck in its current state and language: the page's validated filters ride along."""
    state = switch_href(pathname, query, lang).partition("?")[2]
    page = page_for(pathname or "/")
    return f"/export/deck.pptx?page={page.PATH if page else '/'}" + (f"&{state}" if state else f"&lang={lang}")


def _nav(pathname: str, lang: str, query: dict | None = None) -> html.Nav:
    other = "en" if lang == "zh" else "zh"
    switch = switch_href(pathname, query or {}, other)
    links = [
        dcc.Link(t(p.LABEL, lang), href=f"{p.PATH}?lang={lang}", className="nav-link" + (" active" if pathname == p.PATH else ""),
                 id=f"nav-{p.NAME}")
        for p in PAGES
    ]
    return html.Nav(
        lang=lang,
        className="navbar navbar-expand bg-white border-bottom px-3 flex-wrap",
        children=[
            html.A(t("skip_link", lang), href="#page-main", className="visually-hidden-focusable skip-link", id="skip-link"),
            html.Span([html.Strong(t("app_title", lang)), html.Small(" " + t("app_subtitle", lang), className="text-muted d-none d-lg-inline")],
                      className="navbar-brand me-3"),
            html.Div(links, className="navbar-nav flex-wrap me-auto"),
            html.A(t("export_deck_page", lang), href=deck_href(pathname, query or {}, lang), id="deck-link",
                   className="btn btn-outline-primary btn-sm me-2", **{"data-export": "deck.pptx"}),
            dcc.Link(t("language", lang), href=switch, id="lang-switch", className="btn btn-outline-secondary btn-sm",
                     title=t("language_aria", lang)),
        ],
    )


def _footer(lang: str) -> html.Footer:
    d = data_mod.current()
    return html.Footer(
        className="border-top mt-4 py-3 px-3 small text-muted", lang=lang, **{"aria-label": t("footer_label", lang)},
        children=[
            html.Div(t("footer_book", lang)),
            html.Div(
                [
                    f"{t('footer_build', lang)}: ",
                    html.Span(d.built, id="footer-build-date"),
                    f" · {t('footer_hash', lang)}: ",
                    html.Code(d.data_hash, id="footer-data-hash"),
                    f" · sha256 {d.manifest['source_sha256'][:12]}",
                ]
            ),
        ],
    )


def render(pathname: str | None, search: str | None):
    """The whole page for a URL, memoized on the page and its known, validated query values (dashboard.renderkey)."""
    d = data_mod.current()
    key = render_key(d, pathname, search)
    if key is None:
        return _render(pathname, search)
    return d.memo(key, lambda: _render(pathname, search))


def _render(pathname: str | None, search: str | None):
    lang = urlstate.lang(search)
    page = page_for(pathname or "/")
    if page is None:
        body = html.Div([html.H1(t("not_found", lang), className="h3"), dcc.Link(t("back_home", lang), href=f"/?lang={lang}")],
                        className="p-4")
        path = "/"  # never echo an unknown path into links: //other.host/x would leave the site
    else:
        # a page-local Location: the page's callbacks keep their state in the URL through it, and it exists
        # only while the page is shown, so no callback of another page is ever triggered by it
        body = [dcc.Location(id=f"{page.NAME}-url", refresh=False), page.layout(urlstate.parse(search), lang)]
        path = page.PATH
    query = urlstate.parse(search) if page is not None else {}
    return [_nav(path, lang, query), html.Main(body, className="container-fluid py-3", id="page-main", lang=lang, tabIndex="-1"),
            _footer(lang)]


# Dash's page without its <footer> around the scripts (a second contentinfo landmark next to ours)
INDEX = """<!DOCTYPE html>
<html lang="zh">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        {%preload%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


# plotly.js is not a blocking script (dashboard/vendor.py), and Dash loads its graph code only when a graph first
# renders: on a page with charts both downloads start with the page's own
GRAPH_CHUNK = "/_dash-component-suites/dash/dcc/async-graph.js"


def preloads(pathname: str) -> str:
    """The chart code, on a page that draws charts (not on Sources, nor on an unknown path): plotly.js as an async
    script, Dash's graph chunk preloaded."""
    page = page_for(pathname or "/")
    if page is None or not getattr(page, "HAS_CHARTS", True):
        return ""
    # plotly.js runs as soon as it has arrived, while the page waits for its layout: ready before the first chart mounts
    plotly = f'<script src="{PLOTLY_URL}" async></script>' if plotly_available() else ""
    return plotly + f'<link rel="preload" href="{GRAPH_CHUNK}" as="script">'



def _index_with_lang(app: dash.Dash):
    """<html lang> from the URL's language already in the first response (assets/aiplus.js keeps it in step later);
    the chart code's preloads and the grid library's URL (dashboard/vendor.py)."""
    interpolate = app.interpolate_index

    def index(**kwargs):
        import flask

        path = flask.request.path if flask.has_request_context() else "/"
        html_text = interpolate(**kwargs).replace("{%preload%}", preloads(path) + grid_meta(app), 1)
        lang = urlstate.lang("?" + flask.request.query_string.decode("latin-1")) if flask.has_request_context() else "zh"
        return html_text.replace('<html lang="zh">', f'<html lang="{lang}">', 1)

    return index


def page_title(pathname: str | None, lang: str) -> str:
    """'Sectors · AI+ Indicators' in the chosen language: every page has its own title."""
    page = page_for(pathname or "/")
    return f"{t(page.LABEL, lang) if page else t('not_found', lang)} · {t('app_title', lang)}"


def prewarm() -> None:
    """Render every page's default view (and the variants a page lists in PREWARM) in both languages once, so the
    first visitors get memoized pages."""
    for page in PAGES:
        for lang in LANGS:
            for extra in getattr(page, "PREWARM", ("",)):
                render(page.PATH, f"?lang={lang}{extra}")


_PAGE_CALLBACKS: tuple[dict, list] | None = None


def _page_callbacks() -> tuple[dict, list]:
    """The callbacks the page modules register with `dash.callback`, taken once: the overview's are registered
    here, because its charts are declared in the data."""
    global _PAGE_CALLBACKS
    from dash import _callback

    if _PAGE_CALLBACKS is None:
        from dashboard.pages import overview

        overview.register_callbacks()
        _PAGE_CALLBACKS = (dict(_callback.GLOBAL_CALLBACK_MAP), list(_callback.GLOBAL_CALLBACK_LIST))
    _callback.GLOBAL_CALLBACK_MAP.clear()
    _callback.GLOBAL_CALLBACK_LIST.clear()
    return _PAGE_CALLBACKS


def create_app(data: data_mod.Data | None = None, warm: bool = True) -> dash.Dash:
    data_mod.set_current(data or data_mod.load())
    lazy_grid()
    page_callbacks = _page_callbacks()
    if warm:
        prewarm()
    app = dash.Dash(
        __name__,
        title="AI+ Indicators",
        suppress_callback_exceptions=True,
        serve_locally=True,
        compress=False,  # dashboard/compression.py: brotli or gzip, static files compressed once
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX
    app.interpolate_index = _index_with_lang(app)
    # every app gets the pages' callbacks (Dash would hand the global ones to whichever app starts first)
    app.callback_map.update(page_callbacks[0])
    app._callback_list.extend(page_callbacks[1])
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="route", data=None),
            dcc.Store(id="claim-selected", data=None),
            dcc.Store(id="page-title", data=None),
            dcc.Store(id="page-title-text", data=None),
            html.Div(id="shell"),
            dbc.Offcanvas(id="claim-panel", placement="end", is_open=False, scrollable=True, title="",
                          labelledby="claim-panel-title"),
        ]
    )

    @app.callback(Output("claim-panel", "children"), Output("claim-panel", "is_open"), Output("claim-panel", "title"),
                  Input("claim-selected", "data"), State("url", "search"), prevent_initial_call=True)
    def show_claim(ids, search):
        lang = urlstate.lang(search)
        if not ids or not isinstance(ids, list):
            return dash.no_update, False, dash.no_update
        ids = [i for i in ids if isinstance(i, str)][:20]
        d = data_mod.current()
        is_event = ids[0] in event_ids(d)
        title = html.Span(t("event_panel_title" if is_event else "claim_panel_title", lang), id="claim-panel-title")  # names the dialog
        return provenance(claim_details(d, lang), ids, lang, d), True, title

    @app.callback(Output("claim-selected", "data", allow_duplicate=True), Input("url", "search"), prevent_initial_call="initial_duplicate")
    def claim_from_url(search):
        """?claim=ID opens the claim's panel on load (a link to one figure)."""
        d = data_mod.current()
        known = d.memo(("claim_ids",), lambda: frozenset(d.claims["claim_id"])) | event_ids(d)
        query = urlstate.parse(search)
        ids = [c for c in query.get("claim", []) + query.get("event", []) if c in known][:20]
        return ids or dash.no_update

    @app.callback(Output("claim-selected", "data", allow_duplicate=True),
                  Input({"type": "claim-row", "claims": dash.ALL}, "n_clicks"), prevent_initial_call=True)
    def claim_from_row(clicks):
        """A chart's data view: each point is a button that opens its claims (the keyboard path to a chart)."""
        trig = dash.ctx.triggered_id
        if not isinstance(trig, dict) or not any(clicks or []):
            return dash.no_update
        return [c for c in str(trig.get("claims", "")).split(",") if c][:20] or dash.no_update

    @app.callback(Output("lang-switch", "href"), Output("deck-link", "href"), Input("url", "search"), Input("url", "pathname"))
    def keep_state_across_languages(search, pathname):
        """The language switch keeps every filter of the page (only `lang` changes); the page deck follows them too."""
        lang = urlstate.lang(search)
        other = "en" if lang == "zh" else "zh"
        query = urlstate.parse(search)
        return switch_href(pathname, query, other), deck_href(pathname, query, lang)

    dash.clientside_callback(
        dash.ClientsideFunction(namespace="aiplus", function_name="setTitle"),
        Output("page-title", "data"), Input("page-title-text", "data"), Input("url", "search"),
    )

    @app.callback(Output("shell", "children"), Output("route", "data"), Output("page-title-text", "data"), Input("url", "pathname"),
                  Input("url", "search"), State("route", "data"))
    def route(pathname, search, current):
        key = [pathname or "/", urlstate.lang(search)]
        if current == key:
            return dash.no_update, dash.no_update, dash.no_update
        return render(pathname, search), key, page_title(pathname, key[1])

    register_exports(app.server)
    compress(app.server)
    harden(app.server, app)
    register_vendor(app.server)
    # the tables and prewarmed pages live for the whole process: move them out of the garbage collector's
    # generations, so full collections stop rescanning them in the middle of a request (cold p95 ~90 -> ~20 ms)
    gc.collect()
    gc.freeze()
    return app

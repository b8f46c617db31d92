"""The bodies the Dash renderer POSTs to /_dash-update-component for the app's main callbacks, built the way
the browser builds them: for tests and benchmarks that talk to the server without a browser. A test helper, not
product code (it lives outside the runtime packages); benchmarks/load_test.py and export_bench.py import it too."""

from __future__ import annotations

from dashboard.pages.sectors import UPDATE_OUTPUTS


def callback_body(outputs: list[tuple[str, str]], inputs: list[tuple[str, str, object]], changed: list[str],
                  state: list[tuple[str, str, object]] = ()) -> dict:
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": changed,
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }


def route_body(pathname: str, search: str, current=None) -> dict:
    """The router: the page for a URL (shell.children, route.data, the page's title)."""
    return callback_body([("shell", "children"), ("route", "data"), ("page-title-text", "data")],
                         [("url", "pathname", pathname), ("url", "search", search)],
                         ["url.pathname", "url.search"], [("route", "data", current)])


def sectors_update_body(sector=("energy",), xfilter=None, years=(2015, 2050), search: str = "?lang=en") -> dict:
    """The sectors page's charts-and-grid callback after a filter change."""
    return callback_body(
        UPDATE_OUTPUTS,
        [("sectors-sector", "value", list(sector) if isinstance(sector, tuple) else sector), ("sectors-geo", "value", []),
         ("sectors-cat", "value", []), ("sectors-years", "value", list(years) if isinstance(years, tuple) else years),
         ("sectors-kind", "value", []), ("sectors-xfilter", "data", xfilter or {"sector": None, "indicator": None}),
         ("sectors-undated", "value", ["1"])],
        ["sectors-sector.value"], [("url", "search", search)])

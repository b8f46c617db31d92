"""Every exportable chart by id: which page draws it and how to draw it for a URL query and a language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard.components.charts import ChartView
from dashboard.data import current
from dashboard.i18n import t


@dataclass(frozen=True)
class Chart:
    id: str
    page: str  # page path
    title_key: str
    view: Callable[[dict, str], ChartView]
    titles: dict[str, str] | None = None  # a chart declared in data carries its titles; others name a UI string
    kind: str = "values"  # values: figures of one measure; counts: how many figures per category; events: the timeline

    def title(self, lang: str) -> str:
        return self.titles[lang] if self.titles else t(self.title_key, lang)


def _overview(chart_id: str) -> Callable[[dict, str], ChartView]:
    def view(query: dict, lang: str) -> ChartView:
        from dashboard.pages import overview

        return overview.panel_views(chart_id, lang, (query.get("events") or ["0"])[0] == "1")

    return view


def _page_view(module: str, key: str) -> Callable[[dict, str], ChartView]:
    def view(query: dict, lang: str) -> ChartView:
        from dashboard.pages import policy, sectors

        if module == "sectors":
            return sectors.views(sectors._state_from_query(query, lang), lang)[key]
        return policy.views(policy._state(query), lang)[key]

    return view


def _explorer(query: dict, lang: str) -> ChartView:
    from dashboard.pages import explorer

    s = explorer._state(query)
    return explorer._chart(explorer._rows(s, lang), lang, s["measure"])


def _audit(query: dict, lang: str) -> ChartView:
    from dashboard.pages import audit

    return audit.summary_view(lang)


def charts() -> list[Chart]:
    from dashboard.pages import overview

    d = current()
    specs = d.charts.set_index("chart_id")
    out = [Chart(cid, "/", specs.loc[cid, "title_en"], _overview(cid), {"zh": specs.loc[cid, "title_zh"], "en": specs.loc[cid, "title_en"]})
           for cid in overview.panel_ids()]
    out += [
        Chart("sectors-by-sector", "/sectors", "chart_by_sector", _page_view("sectors", "by_sector"), kind="counts"),
        Chart("sectors-by-indicator", "/sectors", "chart_by_indicator", _page_view("sectors", "by_indicator"), kind="counts"),
        Chart("sectors-values", "/sectors", "chart_compare", _page_view("sectors", "values")),
        Chart("explorer-chart", "/explorer", "explorer_chart", _explorer),
        Chart("policy-timeline", "/policy", "policy_timeline", _page_view("policy", "timeline"), kind="events"),
        Chart("policy-counts", "/policy", "gov_figures", _page_view("policy", "counts")),
        Chart("policy-jurisdictions", "/policy", "filter_jurisdiction", _page_view("policy", "jur_counts"), kind="counts"),
        Chart("audit-summary", "/audit", "audit_summary", _audit, kind="counts"),
    ]
    return out


def chart(chart_id: str) -> Chart | None:
    return next((c for c in charts() if c.id == chart_id), None)


def page_charts(path: str) -> list[Chart]:
    return [c for c in charts() if c.page == path]


def describe_filters(query: dict, lang: str) -> str:
    """The filters of a URL query in words: 'Sector: Energy infrastructure; Years: 2020–2030'."""
    d = current()
    names = {
        "sector": ("filter_sector", dict(zip(d.sectors["sector"], d.sectors[f"name_{lang}"], strict=True))),
        "geo": ("filter_geo", dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))),
        "jur": ("filter_jurisdiction", dict(zip(d.geo["geo"], d.geo[f"name_{lang}"], strict=True))),
        "cat": ("filter_category", {c: t(f"cat_{c}", lang) for c in set(d.indicators["category"])}),
        "kind": ("filter_kind", {k: t(f"kind_{k}", lang) for k in ("actual", "estimate", "forecast", "target", "cagr", "yoy")}),
        "indicator": ("explorer_indicator", dict(zip(d.indicators["indicator_id"], d.indicators[f"name_{lang}"], strict=True))),
        "xi": ("crossfilter_active", dict(zip(d.indicators["indicator_id"], d.indicators[f"name_{lang}"], strict=True))),
        "xs": ("crossfilter_active", dict(zip(d.sectors["sector"], d.sectors[f"name_{lang}"], strict=True))),
    }
    parts = []
    for key, (label, mapping) in names.items():
        vals = [mapping[v] for v in query.get(key, []) if v in mapping]
        if vals:
            parts.append(f"{t(label, lang)}: {', '.join(vals)}")
    years = [v for v in (query.get("from") or [None])[:1] + (query.get("to") or [None])[:1]]
    if any(years):
        parts.append(f"{t('filter_period', lang)}: {years[0] or '…'}–{years[1] or '…'}")
    q = (query.get("q") or [""])[0]
    if q:
        parts.append(f"{t('explorer_search', lang)}: {q[:40]}")
    return "; ".join(parts)

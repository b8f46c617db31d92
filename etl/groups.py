"""Comparable groups: claims of one measure, in one unit, on one basis (levels or growth rates).

Two claims of a group differ only by period, place or subject, so they may be drawn on one axis. A group is
listed when it holds at least two claims; the dashboard's measure pickers offer exactly these.
"""

from __future__ import annotations

import pandas as pd

from etl.records import GROWTH_KINDS
from etl.schema import GROUPS
from etl.tables import frame

OTHER = "other"


def group_id(indicator_id: str, unit: str, basis: str) -> str:
    return f"{indicator_id}|{unit}|{basis}"


def build_groups(claims: pd.DataFrame) -> pd.DataFrame:
    c = claims[claims["indicator_id"] != OTHER]
    c = c.assign(basis=c["kind"].isin(GROWTH_KINDS).map({True: "growth", False: "level"}),
                 subject=c["entity_id"].fillna(c["geo"]))
    rows = []
    for (ind, unit, basis), g in c.groupby(["indicator_id", "unit", "basis"], sort=True):
        if len(g) < 2:
            continue
        rows.append({"group_id": group_id(ind, unit, basis), "indicator_id": ind, "unit": unit, "basis": basis,
                     "n_claims": len(g), "n_subjects": g["subject"].nunique(), "claim_ids": ",".join(g["claim_id"])})
    return frame(GROUPS, rows)

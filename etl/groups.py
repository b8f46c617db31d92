"""Comparable groups: claims of one measure, in one unit, on one basis (levels or growth rates).

Two claims of a group differ only by period, place or subject, so they may be drawn on one axis. A group is
listed when it holds at least two claims; the dashboard's measure pickers offer exactly these.
"""

from __future__ import annotations

import pandas as pd

from etl.records import GROWTH_KINDS, OTHER
from etl.schema import GROUPS
from etl.tables import frame


def basis(claims: pd.DataFrame) -> pd.Series:
    """'growth' for a growth rate (cagr, yoy, growth), else 'level'."""
    return claims["kind"].isin(GROWTH_KINDS).map({True: "growth", False: "level"})


def group_ids(claims: pd.DataFrame) -> pd.Series:
    """Each claim's comparable group: 'measure|unit|basis' (the id the build writes and the pages' pickers use)."""
    return claims["indicator_id"] + "|" + claims["unit"] + "|" + basis(claims)


def build_groups(claims: pd.DataFrame) -> pd.DataFrame:
    c = claims[claims["indicator_id"] != OTHER]
    c = c.assign(basis=basis(c), gid=group_ids(c), subject=c["entity_id"].fillna(c["geo"]))
    rows = []
    for (gid, ind, unit, b), g in c.groupby(["gid", "indicator_id", "unit", "basis"], sort=True):
        if len(g) < 2:
            continue
        rows.append({"group_id": gid, "indicator_id": ind, "unit": unit, "basis": b,
                     "n_claims": len(g), "n_subjects": g["subject"].nunique(), "claim_ids": ",".join(g["claim_id"])})
    return frame(GROUPS, rows)

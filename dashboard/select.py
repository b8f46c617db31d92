"""Selecting claims by column values, preferring the chapter that sources a figure over the preface."""

from __future__ import annotations

import pandas as pd


def where(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, want in spec.items():
        mask &= df[col].isin(want if isinstance(want, list) else [want])
    return df[mask]


def best(df: pd.DataFrame) -> pd.Series | None:
    """The claim to show: chapters before 序言/后记, latest period first, then the earliest line."""
    if df.empty:
        return None
    rank = df["section"].isin(["序言", "后记"]).astype(int)
    order = df.assign(_r=rank, _end=df["period_end"].fillna(pd.Timestamp.min.date()))
    return order.sort_values(["_r", "_end", "line"], ascending=[True, False, True]).iloc[0]

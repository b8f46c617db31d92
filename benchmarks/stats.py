"""Small helpers the benchmarks share: percentiles and a free loopback port."""

from __future__ import annotations

import socket

HOST = "127.0.0.1"  # benchmarks only ever talk to this machine


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile by nearest rank."""
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]

"""A failed or interrupted build leaves the previous tables usable."""

from __future__ import annotations

import os

import pyarrow.parquet as pq
import pytest

from etl import build as build_mod


@pytest.fixture
def previous(tables):
    return tables


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_failure_while_writing_keeps_previous_tables(previous, monkeypatch, datasets_root):
    before = _snapshot(previous)
    calls = {"n": 0}
    real = pq.write_table

    def flaky(table, where, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real(table, where, **kw)

    monkeypatch.setattr(build_mod.pq, "write_table", flaky)
    with pytest.raises(OSError):
        build_mod.build(previous, root=datasets_root)
    assert _snapshot(previous) == before
    assert not [p for p in previous.parent.iterdir() if ".staging-" in p.name]


def test_swap_interrupted_after_moving_old_tables_aside_is_recovered(previous):
    before = _snapshot(previous)
    os.rename(previous, previous.with_name(previous.name + ".prev"))  # killed between the two renames
    assert not previous.exists()
    build_mod.recover(previous)
    assert _snapshot(previous) == before


def test_stale_when_an_input_is_newer(previous, datasets_root):
    assert build_mod.is_stale(previous / "nowhere", datasets_root) is True
    manifest = previous / build_mod.MANIFEST
    os.utime(manifest, (1, 1))
    assert build_mod.is_stale(previous, datasets_root) is True
    os.utime(manifest, None)
    assert build_mod.is_stale(previous, datasets_root) is False

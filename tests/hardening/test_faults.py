"""Faults: missing tables are rebuilt or named, corrupt ones stop start-up with a clear message, and a build
killed midway leaves the previous tables usable."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dashboard.cli import main
from dashboard.data import DataError, load


def test_missing_tables_say_what_to_run(tmp_path):
    with pytest.raises(DataError, match="run `aiplus build`"):
        load(tmp_path / "nowhere")


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete"])
def test_corrupt_table_stops_start_up_with_a_clear_message(tables, damage):
    f = tables / "claims.parquet"
    if damage == "truncate":
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    elif damage == "garbage":
        f.write_bytes(b"not a parquet file at all")
    else:
        f.unlink()
    with pytest.raises(DataError) as info:
        load(tables)
    assert "claims.parquet" in str(info.value) and "aiplus build" in str(info.value)


def test_serve_refuses_corrupt_tables_instead_of_serving_half(tables, capsys, monkeypatch):
    (tables / "events.parquet").write_bytes(b"PAR1 broken")
    monkeypatch.setattr("dashboard.cli.is_stale", lambda out: False)
    assert main(["serve", "--data", str(tables), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert "events.parquet" in err and "corrupt" in err


def test_serve_rebuilds_missing_tables_before_serving(tmp_path, monkeypatch, capsys):
    started = {}

    class FakeApp:
        def run(self, **kw):
            started.update(kw)

    monkeypatch.setattr("dashboard.app.create_app", lambda data: FakeApp())
    out = tmp_path / "fresh"
    assert main(["serve", "--data", str(out), "--port", "8123"]) == 0
    assert (out / "claims.parquet").exists()
    assert started["host"] == "127.0.0.1" and started["debug"] is False
    assert "building first" in capsys.readouterr().err


KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    import pyarrow.parquet as pq
    from etl import build as b
    real = pq.write_table
    calls = []
    def slow(*a, **k):
        calls.append(1)
        real(*a, **k)
        if len(calls) == 2:
            print("writing", flush=True)
            time.sleep(60)
    b.pq.write_table = slow
    b.build(__import__("pathlib").Path(sys.argv[1]))
    """
)


def test_build_killed_midway_leaves_previous_tables_usable(tables):
    before = load(tables).claims
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(tables)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    time.sleep(0.1)
    after = load(tables).claims  # load() also recovers an interrupted swap
    assert after.equals(before)

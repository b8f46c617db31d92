"""Load test on loopback: N simulated users for D seconds against the dashboard under gunicorn (2 workers),
started here in a subprocess on a free port of 127.0.0.1 and stopped at the end.

Each user repeats, with a think time between actions (default 0.5-1.5 s):
  - a page visit as the browser makes it: GET the page, GET /_dash-layout, GET /_dash-dependencies, then the
    router callback (the body Dash sends: url.pathname, url.search, state route.data); the page is picked from
    every page in both languages;
  - or, on the sectors page, a filter change: the URL/controls sync callback, then the charts callback, with a
    random sector (bodies as recorded from Chromium).
Every response must be 200 (204 for a callback with nothing to update); anything else, a timeout or a
connection error counts as an error. Reports requests/s, p50/p95/p99 latency per request kind and overall.

Targets (issue 7): zero errors, p95 under 250 ms at 50 users.

Two hostile modes (issue 14):
  --slow-clients N  N more sockets trickle request headers at 4 bytes/s for the whole run, reconnecting whenever the
                    server cuts them off; the targets apply to the normal users all the same.
  --kill-worker     half-way through, one gunicorn worker is killed (SIGKILL, by its pid); reports the requests that
                    failed and how long until a replacement worker served.

    python benchmarks/load_test.py                 # 50 users, 60 s
    python benchmarks/load_test.py --smoke         # 5 users, 5 s
    python benchmarks/load_test.py --slow-clients 200   # 50 users + 200 slow sockets, 60 s
    python benchmarks/load_test.py --kill-worker        # 50 users, one worker killed at 30 s
    python benchmarks/load_test.py --users 20 --seconds 30 --think 0.2 1.0 --workers 2
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from stats import free_port, pct  # noqa: E402

from tests.callback_requests import route_body, sectors_update_body  # noqa: E402

HOST = "127.0.0.1"  # loopback only, by design
TIMEOUT = 10.0
STARTUP = 120.0


_XFILTER = {"sector": None, "indicator": None}


def sectors_sync_body(sectors: list[str], lang: str) -> dict:
    """The sectors page's URL/controls callback after a user picked sectors in the dropdown."""
    ids = ["sectors-url.search", "sectors-sector.value", "sectors-geo.value", "sectors-cat.value", "sectors-years.value",
           "sectors-kind.value", "sectors-measure.value", "sectors-undated.value", "sectors-xfilter.data"]
    return {
        "output": ".." + "...".join(ids) + "..",
        "outputs": [{"id": i.split(".")[0], "property": i.split(".")[1]} for i in ids],
        "inputs": [
            {"id": "sectors-url", "property": "search", "value": f"?lang={lang}"},
            {"id": "sectors-sector", "property": "value", "value": sectors},
            {"id": "sectors-geo", "property": "value", "value": []},
            {"id": "sectors-cat", "property": "value", "value": []},
            {"id": "sectors-years", "property": "value", "value": [2015, 2050]},
            {"id": "sectors-kind", "property": "value", "value": []},
            {"id": "sectors-measure", "property": "value", "value": None},
            {"id": "sectors-undated", "property": "value", "value": ["1"]},
            {"id": "sectors-xfilter", "property": "data", "value": _XFILTER},
            {"id": "sectors-by-sector", "property": "clickData"},
            {"id": "sectors-by-indicator", "property": "clickData"},
            {"id": "sectors-clear", "property": "n_clicks"},
        ],
        "changedPropIds": ["sectors-sector.value"],
        "parsedChangedPropsIds": ["sectors-sector.value"],
        "state": [{"id": "sectors-url", "property": "pathname", "value": "/sectors"}],
    }


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []
        self.error_at: list[float] = []  # monotonic time of each error
        self.ok_at: list[float] = []

    def add(self, kind: str, ms: float, error: str | None):
        with self.lock:
            if error is None:
                self.times.setdefault(kind, []).append(ms)
                self.ok_at.append(time.monotonic())
            else:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                self.error_at.append(time.monotonic())
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {error}")


class SlowClients:
    """N sockets sending request headers one byte per socket every 0.25 s (4 bytes/s each), from a process of their
    own (so they do not take the users' threads' time in this one); a socket the server closes is replaced at once,
    so N stay open the whole run."""

    def __init__(self, port: int, n: int):
        self.port, self.n = port, n
        ctx = multiprocessing.get_context("fork")
        self.stop = ctx.Event()
        self._counts = ctx.Array("q", 3)  # opened, cut, bytes
        self.opened = self.cut = self.bytes = 0
        self.thread = ctx.Process(target=self._run, daemon=True)

    def _open(self, sel: selectors.BaseSelector) -> None:
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex((HOST, self.port))
        sel.register(s, selectors.EVENT_READ, {"sent": 0})
        self.opened += 1

    def _run(self) -> None:
        head = b"GET /?lang=en HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-Trickle: " + b"a" * 100_000
        sel = selectors.DefaultSelector()
        for _ in range(self.n):
            self._open(sel)
        while not self.stop.is_set():
            t0 = time.monotonic()
            for key in list(sel.get_map().values()):
                s, state = key.fileobj, key.data
                try:
                    s.send(head[state["sent"]:state["sent"] + 1])
                    state["sent"] += 1
                    self.bytes += 1
                except OSError:
                    self._close(sel, s)
            for key, _ in sel.select(timeout=0):  # readable: the server answered or closed it
                self._close(sel, key.fileobj)
            self.stop.wait(max(0.0, 0.25 - (time.monotonic() - t0)))
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        self._counts[:] = [self.opened, self.cut, self.bytes]

    def _close(self, sel, s) -> None:
        sel.unregister(s)
        s.close()
        self.cut += 1
        if not self.stop.is_set():
            self._open(sel)

    def start(self):
        self.thread.start()

    def finish(self):
        self.stop.set()
        self.thread.join(timeout=10)
        self.opened, self.cut, self.bytes = list(self._counts)


def worker_pids(master: int) -> set[int]:
    """The gunicorn master's children (Linux /proc)."""
    try:
        with open(f"/proc/{master}/task/{master}/children", encoding="ascii") as f:
            return {int(x) for x in f.read().split()}
    except OSError:
        return set()


def kill_one_worker(port: int, master: int, workers: int, at: float, report: dict) -> None:
    """At monotonic time `at`, SIGKILL one worker; then wait for a replacement and note when it served."""
    time.sleep(max(0.0, at - time.monotonic()))
    before = worker_pids(master)
    if not before:
        report["error"] = "no worker pids found"
        return
    victim = sorted(before)[0]
    os.kill(victim, signal.SIGKILL)
    report.update(victim=victim, killed_at=time.monotonic())
    while time.monotonic() - report["killed_at"] < 60:
        now = worker_pids(master)
        fresh = now - before
        if fresh and len(now) >= workers:
            report.update(replacement=min(fresh), replaced_at=time.monotonic())
            break
        time.sleep(0.01)
    # served: a request answered by the replacement worker (its pid in no header, so: every worker answers once
    # a burst of requests spread over new connections all succeed)
    while "replaced_at" in report and time.monotonic() - report["killed_at"] < 60:
        try:
            ok = 0
            for _ in range(4 * workers):
                conn = http.client.HTTPConnection(HOST, port, timeout=5)
                conn.request("GET", "/_dash-layout")
                ok += conn.getresponse().status == 200
                conn.close()
            if ok == 4 * workers:
                report["served_at"] = time.monotonic()
                break
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)


def request(port: int, stats: Stats, kind: str, method: str, path: str, body: dict | None = None) -> None:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    t0 = time.perf_counter()
    error = None
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            if resp.status not in (200, 204):
                error = f"HTTP {resp.status} {payload[:120]!r}"
        finally:
            conn.close()
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
    stats.add(kind, (time.perf_counter() - t0) * 1000, error)


def user(port: int, stats: Stats, deadline: float, seed: int, pages: list[str], sectors: list[str], think: tuple[float, float]):
    rng = random.Random(seed)  # noqa: S311 - think times and page picks, not secrets
    time.sleep(rng.uniform(0, think[1]))  # users arrive spread over the first think time
    while time.monotonic() < deadline:
        lang = rng.choice(["en", "zh"])
        if rng.random() < 0.6:
            path = rng.choice(pages)
            search = f"?lang={lang}"
            request(port, stats, "GET page", "GET", path + search)
            request(port, stats, "GET _dash-layout", "GET", "/_dash-layout")
            request(port, stats, "GET _dash-dependencies", "GET", "/_dash-dependencies")
            request(port, stats, "POST router", "POST", "/_dash-update-component", route_body(path, search))
        else:
            chosen = rng.sample(sectors, k=rng.choice([1, 1, 2]))
            request(port, stats, "POST sectors sync", "POST", "/_dash-update-component", sectors_sync_body(chosen, lang))
            request(port, stats, "POST sectors charts", "POST", "/_dash-update-component", sectors_update_body(chosen, search=f"?lang={lang}&sector={','.join(chosen)}"))
        time.sleep(max(0.0, min(rng.uniform(*think), deadline - time.monotonic())))


def start_server(port: int, workers: int, data_dir: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "dashboard.serve", "--host", HOST, "--port", str(port), "--workers", str(workers), "--data", str(data_dir)]
    log = tempfile.NamedTemporaryFile("w+", prefix="aiplus-load-test-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.log_path = log.name  # the access log (one line per request) and errors; a pipe nobody reads would fill up
    t0 = time.monotonic()
    while time.monotonic() - t0 < STARTUP:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}: {Path(log.name).read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/?lang=en")
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the server did not answer within {STARTUP:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def report(stats: Stats, seconds: float, users: int, p95_target: float) -> bool:
    all_ms = [x for ts in stats.times.values() for x in ts]
    n_err = sum(stats.errors.values())
    total = len(all_ms) + n_err
    print(f"{users} users for {seconds:.1f} s: {total} requests, {total / seconds:.1f} requests/s, {n_err} errors")
    print(f"{'request':<24} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in sorted(set(stats.times) | set(stats.errors)):
        ts = stats.times.get(kind) or [float("nan")]
        print(f"{kind:<24} {len(stats.times.get(kind, [])):>6} {stats.errors.get(kind, 0):>4} {statistics.median(ts):>8.1f} "
              f"{pct(ts, 95):>8.1f} {pct(ts, 99):>8.1f} {max(ts):>8.1f}")
    if all_ms:
        p95 = pct(all_ms, 95)
        print(f"{'all':<24} {len(all_ms):>6} {n_err:>4} {statistics.median(all_ms):>8.1f} {p95:>8.1f} {pct(all_ms, 99):>8.1f} {max(all_ms):>8.1f}")
    else:
        p95 = float("inf")
    for s in stats.samples:
        print("  error:", s)
    ok = n_err == 0 and p95 < p95_target
    print(f"targets (zero errors, p95 < {p95_target:.0f} ms): {'met' if ok else 'NOT met'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"), help="think time between actions (s)")
    ap.add_argument("--p95", type=float, default=250.0, help="p95 target in ms")
    ap.add_argument("--data", default=None, help="tables folder (default datasets/build/, built first when stale)")
    ap.add_argument("--smoke", action="store_true", help="5 users for 5 seconds")
    ap.add_argument("--slow-clients", type=int, default=0, metavar="N", help="N more sockets trickling headers all run")
    ap.add_argument("--kill-worker", action="store_true", help="SIGKILL one worker half-way through; report recovery")
    args = ap.parse_args(argv)
    if args.smoke:
        args.users, args.seconds = 5, 5.0
    args.users = max(1, min(args.users, 500))
    args.seconds = max(1.0, min(args.seconds, 3600.0))

    import pyarrow.parquet as pq

    from dashboard.pages import PAGES
    from etl.build import DEFAULT_OUT, build, is_stale

    data_dir = Path(args.data) if args.data else DEFAULT_OUT
    if args.data is None and is_stale(data_dir):
        print(f"building {data_dir} first", flush=True)
        build(data_dir)
    sectors = [str(s) for s in pq.read_table(data_dir / "sectors.parquet", columns=["sector"]).column("sector").to_pylist()]
    pages = [p.PATH for p in PAGES]

    port = free_port()
    t_start = time.monotonic()
    proc = start_server(port, args.workers, data_dir)
    print(f"server (gunicorn, {args.workers} gevent workers) ready on http://{HOST}:{port}/ in {time.monotonic() - t_start:.1f} s; "
          f"its log: {proc.log_path}", flush=True)
    stats = Stats()
    slow = SlowClients(port, max(0, min(args.slow_clients, 2000))) if args.slow_clients else None
    killed: dict = {}
    try:
        if slow:
            slow.start()
            time.sleep(1.0)  # the slow sockets are all open before the users arrive
        t0 = time.monotonic()
        deadline = t0 + args.seconds
        threads = [threading.Thread(target=user, args=(port, stats, deadline, i, pages, sectors, tuple(args.think)), daemon=True)
                   for i in range(args.users)]
        if args.kill_worker:
            threads.append(threading.Thread(target=kill_one_worker, args=(port, proc.pid, args.workers, t0 + args.seconds / 2, killed),
                                            daemon=True))
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=args.seconds + TIMEOUT * 6 + 5)
        elapsed = time.monotonic() - t0
    finally:
        if slow:
            slow.finish()
        stop_server(proc)
    if slow:
        print(f"slow clients: {slow.n} sockets at 4 bytes/s for the whole run; {slow.opened} opened, {slow.cut} cut off by "
              f"the server (headers not complete within its deadline), {slow.bytes:,} bytes trickled")
    ok = report(stats, elapsed, args.users, args.p95)
    if args.kill_worker:
        ok = kill_report(stats, killed) and ok
    return 0 if ok else 1


def kill_report(stats: Stats, k: dict) -> bool:
    if "killed_at" not in k:
        print(f"kill-worker: nothing killed ({k.get('error', 'the run ended first')})")
        return False
    after = [t for t in stats.error_at if t >= k["killed_at"] - 0.5]
    print(f"kill-worker: SIGKILL to worker {k['victim']}; {len(stats.error_at)} requests failed in the whole run, "
          f"{len(after)} of them from the kill on")
    if "replaced_at" in k:
        print(f"kill-worker: replacement worker {k['replacement']} forked {k['replaced_at'] - k['killed_at']:.2f} s after the kill"
              + (f", every worker answering {k['served_at'] - k['killed_at']:.2f} s after it" if "served_at" in k else ""))
    else:
        print("kill-worker: no replacement worker within 60 s")
    if after:
        print(f"kill-worker: failed requests between +{after[0] - k['killed_at']:.2f} s and +{after[-1] - k['killed_at']:.2f} s")
    return "served_at" in k


if __name__ == "__main__":
    sys.exit(main())

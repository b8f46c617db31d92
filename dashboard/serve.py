"""Production serving under gunicorn: the tables are loaded and the pages pre-rendered once in the master, then
forked into the workers. Debug and the Dash dev tools are never on; only the given address is bound.

The workers are gevent ones (dashboard.worker): a request's headers must arrive within KEEPALIVE seconds and its
body within dashboard.middleware.BODY_TIMEOUT, and until they have, the request costs a greenlet, not a worker.
Every worker is stateless (the tables are read-only, the render cache is per process), so N workers per machine
behind any load balancer scale out with no shared state.

    python -m dashboard.serve [--host 127.0.0.1] [--port 8050] [--workers 2] [--data datasets/build]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gunicorn.app.base import BaseApplication

from dashboard import data as data_mod

TIMEOUT = 30  # seconds a worker may spend on one request before gunicorn restarts it
MAX_REQUEST_LINE = 8190  # gunicorn's largest; a longer request line gets our own 414 page (dashboard.worker)
KEEPALIVE = 5  # seconds for a request's headers to arrive, and for an idle kept-alive connection to stay open
WORKER_CONNECTIONS = 1000  # connections one worker holds at once (slow ones included)


def make_app(data: data_mod.Data):
    """The hardened WSGI app (a Flask server, behind dashboard.middleware.Gate) for the loaded tables."""
    from dashboard.app import create_app
    from dashboard.middleware import configure_logging
    from dashboard.security import harden

    configure_logging()
    app = create_app(data)
    harden(app.server, app)  # a no-op when create_app already hardened it
    app.server.debug = False
    return app.server


class _Gunicorn(BaseApplication):
    def __init__(self, factory, options: dict):
        self._factory = factory
        self._options = options
        super().__init__()

    def load_config(self):
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):
        return self._factory()


def options(host: str, port: int, workers: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": max(1, int(workers)),
        "worker_class": "dashboard.worker.Worker",
        "worker_connections": WORKER_CONNECTIONS,
        "preload_app": True,  # load and pre-render once; a load failure stops start-up before any worker serves
        "timeout": TIMEOUT,
        "graceful_timeout": 10,
        "keepalive": KEEPALIVE,
        "limit_request_line": MAX_REQUEST_LINE,
        "control_socket_disable": True,  # gunicorn 27's --no-control-socket: no socket under ~/.gunicorn
        "reload": False,
        "accesslog": None,  # the access log is ours (dashboard.middleware): one JSON line per request, with its id
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "aiplus",
    }


def run_gunicorn(host: str, port: int, workers: int, data_dir: str | Path, data: data_mod.Data | None = None) -> int:
    """Serve until stopped (SIGINT/SIGTERM). Raises DataError when the tables are missing or corrupt."""
    loaded = data if data is not None else data_mod.load(Path(data_dir))
    print(f"serving AI+ Indicators on http://{host}:{port}/ with gunicorn, {max(1, int(workers))} workers "
          f"(data {loaded.data_hash}, built {loaded.built})", flush=True)
    try:
        _Gunicorn(lambda: make_app(loaded), options(host, port, workers)).run()
    except SystemExit as exc:  # gunicorn's arbiter ends with sys.exit
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def main(argv: list[str] | None = None) -> int:
    from etl.build import DEFAULT_OUT

    ap = argparse.ArgumentParser(prog="python -m dashboard.serve", description="serve the dashboard under gunicorn")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8050)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    try:
        return run_gunicorn(args.host, args.port, args.workers, args.data)
    except data_mod.DataError as exc:
        print(f"aiplus serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

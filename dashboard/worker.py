"""The gunicorn worker of `aiplus serve --workers N`: gunicorn's gevent worker, so that a request is read whole
before the worker spends time on it. Each connection waits in its own greenlet: a client trickling its headers holds
a few kilobytes, not a worker, and is cut off when its headers have not arrived within gunicorn's `keepalive`
seconds (gunicorn's gevent worker reads every request's headers under that deadline); the body is then read whole,
bounded in size and time, by dashboard.middleware.Gate before the app sees it.

Two changes to gunicorn's worker: threads, queues, subprocesses and signals are left unpatched (kaleido's export
browser runs on real threads; exports are run in gevent's thread pool, see Gate), and a request line or header that
is too long gets our own bilingual page instead of gunicorn's raw English one.
"""

from __future__ import annotations

import contextlib
import logging

from gevent import monkey, socket
from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.ggevent import GeventWorker

from dashboard.middleware import access_line, error_response, new_request_id


class Worker(GeventWorker):
    def patch(self):
        monkey.patch_all(thread=False, queue=False, subprocess=False, signal=False)
        self.sockets = [socket.socket(s.FAMILY, socket.SOCK_STREAM, fileno=s.sock.detach()) for s in self.sockets]

    def handle_error(self, req, client, addr, exc):
        if not isinstance(exc, LimitRequestLine | LimitRequestHeaders):
            return super().handle_error(req, client, addr, exc)
        status = 414 if isinstance(exc, LimitRequestLine) else 431
        rid = new_request_id()
        status_line, headers, body = error_response(status, None, rid)
        head = f"HTTP/1.1 {status_line}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
        self.log.warning("refused a request from %s: %s (request_id=%s)", (addr or ("-",))[0], type(exc).__name__, rid)
        logging.getLogger("aiplus.access").info(access_line("-", "-", status, 0.0, rid))
        with contextlib.suppress(OSError):
            util.write_nonblock(client, head.encode("latin-1") + body)

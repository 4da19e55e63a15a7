"""gunicorn settings for running Voices in Care for real: `gunicorn -c gunicorn.conf.py 'survey_app:create_app()'`.

The access log records when, the method, the path (never the query string), the status, the size and how
long it took: never the client's address (gunicorn's default %(h)s) and never the browser (%(a)s), because
nothing may tie a young person's answers to a device or a place. The one gunicorn message that names an
address (a malformed request) has it taken out too. LOG_FORMAT=json (the app's default) writes each
access line as one JSON object; LOG_FORMAT=text writes the plain line below.

Workers are gthread workers: each process serves WEB_THREADS requests at once in threads, and keeps a
phone's connection open between pages (keepalive), so a page costs no new TCP connection and a worker
never sits idle waiting for a slow phone to close one (the sync worker closes after every response and
waits for the phone to close too). All state is in the database, so threads need nothing else.

Environment: PORT (default 8000), WEB_CONCURRENCY (worker processes, default 4), WEB_THREADS (threads
in each, default 2), LOG_FORMAT."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from gunicorn import glogging

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "2"))
# Each request is short (a page, an answer); a report PDF is a job for the worker, not a request.
timeout = 30
graceful_timeout = 30
# A phone's connection is kept this many seconds after a page, for its next request.
keepalive = 5
# A worker is replaced after about this many requests, so a slow leak can't grow for ever. A completed survey
# is about 55 requests, so at a busy hour's pace a worker still lasts minutes, not seconds.
max_requests = 10000
max_requests_jitter = 1000
# The app is built once in the master, so a broken setting (no SECRET_KEY) stops the start at once.
preload_app = True
# Worker heartbeats in memory, so the container's filesystem can be read-only.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# gunicorn 23+ opens a control socket in $HOME; nothing here uses it, and the home may be read-only.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

_ADDRESS = re.compile(r"\bfrom ip=\S*?:")


class AnonymousLogger(glogging.Logger):
    """gunicorn's logger, without the client's address: the access line is the format above (or JSON),
    and "Invalid request from ip=…: …" loses the address."""

    def warning(self, msg, *args, **kwargs):
        super().warning(_ADDRESS.sub("from a client:", str(msg)), *args, **kwargs)

    def access(self, resp, req, environ, request_time):
        if os.environ.get("LOG_FORMAT", "json").strip().lower() != "json":
            return super().access(resp, req, environ, request_time)
        if not self.access_log_enabled:
            return None
        atoms = self.atoms(resp, req, environ, request_time)
        line = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "level": "INFO",
                "logger": "gunicorn.access", "method": atoms["m"], "path": atoms["U"], "protocol": atoms["H"],
                "status": int(atoms["s"]), "bytes": atoms["B"], "ms": atoms["M"]}
        self.access_log.info("%s", json.dumps(line, ensure_ascii=False))
        return None


logger_class = AnonymousLogger


def _voices_app(server):
    """The app the master loaded (preload_app), or None when this file serves another app (a benchmark's)."""
    app = server.app.wsgi()
    return app if "sqlalchemy" in getattr(app, "extensions", {}) else None


def when_ready(server):
    """In the master, once the app is loaded (preload_app): compile every template and read every catalogue,
    so each worker forked from here, and each replacement after max_requests, starts with them."""
    app = _voices_app(server)
    if app is None:
        return
    from survey_app.warm import warm

    server.log.info("Warmed before forking: %s", warm(app))


def post_fork(server, worker):
    """With preload_app the master built the app: each worker starts with its own database connections,
    never one inherited from the master (two processes talking over one connection corrupt it)."""
    from survey_app.extensions import db

    app = _voices_app(server)
    if app is None:
        return
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)

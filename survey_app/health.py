"""`/healthz` for load balancers, container health checks and monitoring.

200 when the database answers `SELECT 1` and, if REDIS_URL is set, Redis answers PING; 503 otherwise,
naming the part that failed. It tells nothing about anyone: no session cookie, no answers, no counts,
not cached, not rate-limited, and a failure is logged by its error type only (a database error's
message can hold its URL, password and all)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from .extensions import db, limiter

bp = Blueprint("health", __name__)

OK, FAILING, NOT_CONFIGURED = "ok", "failing", "not configured"


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return OK
    except Exception as error:  # noqa: BLE001 - any failure means the database can't serve
        current_app.logger.warning("health check: the database failed (%s)", type(error).__name__)
        return FAILING
    finally:
        db.session.rollback()


def _queue() -> str:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return NOT_CONFIGURED
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
        return OK
    except Exception as error:  # noqa: BLE001 - any failure means jobs can't be queued
        current_app.logger.warning("health check: Redis failed (%s)", type(error).__name__)
        return FAILING
    finally:
        client.close()


@bp.route("/healthz")
@limiter.exempt
def healthz():
    parts = {"database": _database(), "queue": _queue()}
    failing = sorted(name for name, state in parts.items() if state == FAILING)
    body = {"status": "failing" if failing else OK, **parts}
    if failing:
        body["failing"] = failing
    response = jsonify(body)
    response.status_code = 503 if failing else 200
    response.headers["Cache-Control"] = "no-store"
    return response

"""Settings come from environment variables (documented in README.md); nothing secret is defaulted.

Demo mode (VOICES_DEMO=1) is the one exception: it invents a secret key kept in the instance folder
and fills in obviously fake council contacts, so the first README command works on a fresh machine.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    pass


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _demo_secret(instance_path: Path) -> str:
    path = instance_path / "demo-secret-key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def normalise_database_url(url: str) -> str:
    """Accept the postgres:// and postgresql:// URLs hosting services hand out; use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def default_database_url(instance_path: Path) -> str:
    """The SQLite file in the instance folder: the only database create_app() makes a folder for."""
    return f"sqlite:///{instance_path / 'voices.sqlite'}"


def settings_from_environment(instance_path: Path, secret_key: str | None = None) -> dict:
    demo = _flag("VOICES_DEMO")
    secret_key = secret_key or os.environ.get("SECRET_KEY")
    if not secret_key:
        if not demo:
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random string "
                "(python -c 'import secrets; print(secrets.token_hex(32))'), or set VOICES_DEMO=1 to try the app."
            )
        secret_key = _demo_secret(instance_path)
    database_url = os.environ.get("DATABASE_URL") or default_database_url(instance_path)
    fake = "(demo) " if demo else ""
    return {
        "DEMO_MODE": demo,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        # No ping before each use (one more round trip per request); connections are replaced after
        # DATABASE_POOL_RECYCLE seconds instead, and one the server dropped fails one request, after which
        # SQLAlchemy discards the whole pool. DATABASE_PRE_PING=1 brings the ping back (README: Configuration).
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": _flag("DATABASE_PRE_PING"),
            "pool_recycle": int(os.environ.get("DATABASE_POOL_RECYCLE", "1800")),
        },
        "COUNCIL_NAME": os.environ.get("COUNCIL_NAME", "Demo Council" if demo else "Your council"),
        "COUNCIL_PHONE": os.environ.get("COUNCIL_PHONE", f"{fake}01632 960000" if demo else ""),
        "COUNCIL_OUT_OF_HOURS_PHONE": os.environ.get(
            "COUNCIL_OUT_OF_HOURS_PHONE", f"{fake}01632 960001" if demo else ""
        ),
        "LEAVING_CARE_PHONE": os.environ.get("LEAVING_CARE_PHONE", f"{fake}01632 960002" if demo else ""),
        # Help pages in a language other than English: the council's interpreting line (left out when not set).
        "COUNCIL_INTERPRETING_PHONE": os.environ.get("COUNCIL_INTERPRETING_PHONE",
                                                     f"{fake}01632 960005" if demo else ""),
        # Help pages: the council's advocacy service and how to complain (left out when not set).
        "ADVOCACY_NAME": os.environ.get("ADVOCACY_NAME", "Demo Advocacy Service" if demo else ""),
        "ADVOCACY_PHONE": os.environ.get("ADVOCACY_PHONE", f"{fake}01632 960003" if demo else ""),
        "ADVOCACY_URL": os.environ.get("ADVOCACY_URL", ""),
        "COMPLAINTS_PHONE": os.environ.get("COMPLAINTS_PHONE", f"{fake}01632 960004" if demo else ""),
        "COMPLAINTS_URL": os.environ.get("COMPLAINTS_URL", ""),
        "QUICK_EXIT_URL": os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "ROUND_SENDS_PER_WINDOW": int(os.environ.get("ROUND_SENDS_PER_WINDOW", "300")),
        "DRAFT_HOURS": int(os.environ.get("DRAFT_HOURS", "24")),
        # A young reviewer's link (survey_app/reviewing) works for this many days after it is made.
        "REVIEW_LINK_DAYS": int(os.environ.get("REVIEW_LINK_DAYS", "14")),
        "INVOLVEMENT_BATCH": int(os.environ.get("INVOLVEMENT_BATCH", "5")),
        "INVOLVEMENT_KEEP_DAYS": int(os.environ.get("INVOLVEMENT_KEEP_DAYS", "90")),
        # Four eyes on quotes: whoever put a quote forward may not approve it (moderation/quotes.py).
        "QUOTES_FOUR_EYES": _flag("QUOTES_FOUR_EYES"),
        "REPLY_EXPECTED": os.environ.get("REPLY_EXPECTED", "in about three months"),
        # Staff sessions end after this; young people's sessions end when the browser closes.
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(hours=int(os.environ.get("STAFF_SESSION_HOURS", "8"))),
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE"),
        # Strict-Transport-Security on every response (it is sent anyway on requests that came over HTTPS).
        "HSTS": _flag("HSTS"),
        # "json" (one object a line, for a log collector) or "text"; neither holds an address or an answer.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json").strip().lower(),
        # Staff sign-in only (never young people's pages): requests per client address, and where the
        # limiter keeps its counts (redis://… so several workers share them).
        # Email to safeguarding leads when answers are flagged (safeguarding/notify.py).
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS") if "SMTP_STARTTLS" in os.environ else True,
        "SMTP_TIMEOUT": int(os.environ.get("SMTP_TIMEOUT", "10")),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "voices-in-care@localhost"),
        # Slow work (report builds, PDFs, exports): RQ on Redis when REDIS_URL is set, else a background
        # thread of each web process (survey_app/jobs/queue.py). /healthz checks Redis answers when set.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "JOB_THREADS": int(os.environ.get("JOB_THREADS", "1")),
        "JOB_TIMEOUT_SECONDS": int(os.environ.get("JOB_TIMEOUT_SECONDS", "900")),
        # How long a page waits for a quick job before showing its progress instead (under 2 s a request).
        "JOB_WAIT_SECONDS": float(os.environ.get("JOB_WAIT_SECONDS", "1.5")),
        "JOB_FILES_KEEP_HOURS": int(os.environ.get("JOB_FILES_KEEP_HOURS", "24")),
        "SIGN_IN_LIMIT": os.environ.get("SIGN_IN_LIMIT", "20 per minute; 200 per hour"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many reverse proxies sit in front of the app (their X-Forwarded-For is then trusted, so
        # each staff member is limited by their own address rather than the proxy's).
        "BEHIND_PROXIES": int(os.environ.get("BEHIND_PROXIES", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "vic",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,
        "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"],
        "COMPRESS_MIN_SIZE": 300,
    }

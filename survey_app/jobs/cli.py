"""`flask --app survey_app jobs worker` (RQ, with REDIS_URL) and `jobs purge` (delete expired files)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..logging_setup import log_like_the_app
from . import queue

jobs_cli = AppGroup("jobs", help="Slow work: report builds, PDFs and exports.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests and one-off runs).")
def worker(burst: bool) -> None:
    """Take jobs from Redis (REDIS_URL) one after another until stopped."""
    redis_url = current_app.config.get("REDIS_URL")
    if not redis_url:
        raise click.ClickException(
            "REDIS_URL is not set. Without Redis, each web process does its own jobs in a background thread "
            "and no worker is needed."
        )
    from rq import SimpleWorker

    log_like_the_app(current_app, "rq")
    rq_queue = queue._rq_queue(redis_url)
    # SimpleWorker does each job in this process, which already has the app and its database pool
    # (a forking worker would share the pool's connections with its children).
    SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=burst, with_scheduler=False)


@jobs_cli.command("purge")
def purge() -> None:
    """Delete files past their time (JOB_FILES_KEEP_HOURS) and jobs older than a week."""
    click.echo(f"{queue.purge()} old jobs or files deleted")

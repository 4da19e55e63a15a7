"""`flask --app survey_app involvement purge`: for cron (daily is plenty)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from .batches import mix_waiting, purge_released

involvement_cli = AppGroup("involvement", help="Young people who would like to get involved.")


@involvement_cli.command("purge")
def purge_command() -> None:
    """Delete details released more than INVOLVEMENT_KEEP_DAYS ago, and mix the waiting ones."""
    keep_days = current_app.config["INVOLVEMENT_KEEP_DAYS"]
    deleted = purge_released(keep_days)
    db.session.commit()
    mixed = mix_waiting()
    db.session.commit()
    click.echo(f"{deleted} released involvement details deleted (kept {keep_days} days); {mixed} waiting mixed")

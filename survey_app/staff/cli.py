from __future__ import annotations

import secrets

import click
from flask import current_app

from ..accounts.operations import AccountError, create_user, find_user
from ..accounts.roles import ADMIN, ALL_ROLES
from ..extensions import db
from . import bp


@bp.cli.command("create-admin")
@click.argument("email")
@click.password_option(help="At least 12 characters; you will be asked if you leave it out.")
def create_admin(email: str, password: str) -> None:
    """Create the first admin (who then makes everyone else's account in the browser)."""
    try:
        create_user(email, password, [ADMIN], actor="command line")
    except AccountError as refused:
        raise click.ClickException(str(refused)) from refused
    db.session.commit()
    click.echo(f"Admin account made for {email.strip().lower()}. Sign in at /staff/sign-in")


@bp.cli.command("demo-user")
def demo_user() -> None:
    """Demo mode only: (re)make demo@example.org with every role and print a fresh password."""
    if not current_app.config.get("DEMO_MODE"):
        raise click.ClickException("demo-user only works with VOICES_DEMO=1")
    email = "demo@example.org"
    password = "-".join(secrets.token_hex(3) for _ in range(3))
    existing = find_user(email)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    create_user(email, password, list(ALL_ROLES), actor="demo setup")
    db.session.commit()
    click.echo(f"Staff demo login: {email} / {password}")

import click

from ..extensions import db
from ..safeguarding.flags import release_and_notify
from . import bp
from .drafts import purge_expired


@bp.cli.command("purge-drafts")
def purge_drafts() -> None:
    """Delete expired drafts and release held worrying answers to the safeguarding lead. Run every 15 minutes."""
    count = purge_expired()
    db.session.commit()
    released = release_and_notify()
    click.echo(f"{count} expired drafts deleted; {released} flagged answers released to the safeguarding lead")

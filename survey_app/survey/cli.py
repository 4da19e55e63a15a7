import click

from ..extensions import db
from . import bp
from .drafts import purge_expired
from .loading import questionnaire_for_round_id


@bp.cli.command("purge-drafts")
def purge_drafts() -> None:
    """Delete expired drafts (flagging worrying answers that were never sent)."""
    count = purge_expired(questionnaire_for_round_id)
    db.session.commit()
    click.echo(f"{count} expired drafts deleted")

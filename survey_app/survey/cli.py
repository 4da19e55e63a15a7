import click

from ..extensions import db
from ..involvement.batches import mix_waiting
from ..responses.drafts import purge_expired
from ..responses.mixing import mix_new_responses
from ..safeguarding.flags import release_and_notify
from . import bp


@bp.cli.command("purge-drafts")
def purge_drafts() -> None:
    """Delete expired drafts, mix new responses (and involvement details) and release held worrying answers
    to the safeguarding lead. Run every 15 minutes. Each step is its own transaction."""
    count = purge_expired()
    db.session.commit()
    mixed = mix_new_responses()
    db.session.commit()
    mix_waiting()  # involvement details lose their order too, in a transaction of their own
    db.session.commit()
    released = release_and_notify()
    click.echo(f"{count} expired drafts deleted; {mixed} new responses mixed; "
               f"{released} flagged answers released to the safeguarding lead")

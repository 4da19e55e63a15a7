from __future__ import annotations

import click
from flask import current_app, url_for
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from ..models import StoredQuestionnaire, SurveyRound
from ..questionnaire.store import latest
from .operations import open_round, open_rounds_of

rounds_cli = AppGroup("rounds", help="Open and list survey rounds.")


def _link(survey_round: SurveyRound) -> str:
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for("survey.start", slug=survey_round.slug, _external=True)


@rounds_cli.command("open")
@click.argument("questionnaire_key")
@click.option("--title", help="What young people see as the survey's name (default: its title).")
def open_command(questionnaire_key: str, title: str | None) -> None:
    """Open a round of the newest loaded version of a questionnaire and print its link."""
    stored = latest(questionnaire_key)
    if stored is None:
        raise click.ClickException(f"no questionnaire '{questionnaire_key}' is loaded")
    survey_round = open_round(stored, title)
    db.session.commit()
    click.echo(f"{survey_round.title}: {_link(survey_round)}")


@rounds_cli.command("demo")
def demo() -> None:
    """Make sure every loaded questionnaire has an open round; print the links."""
    keys = db.session.scalars(select(StoredQuestionnaire.key).distinct()).all()
    for key in sorted(keys):
        stored = latest(key)
        assert stored is not None
        rounds = open_rounds_of(stored) or [open_round(stored, f"{stored.title} (demo)")]
        db.session.commit()
        click.echo(f"{rounds[0].title}: {_link(rounds[0])}")


@rounds_cli.command("list")
def list_command() -> None:
    for survey_round in db.session.scalars(select(SurveyRound).order_by(SurveyRound.id)):
        click.echo(f"{survey_round.slug}  {survey_round.status:6}  {survey_round.title}  {_link(survey_round)}")

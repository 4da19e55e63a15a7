"""Written answers are scored once: sentiment and automatic theme codes are computed when an answer is
stored (``score_rows``, called by ``responses.drafts.store_response`` for the journey, paper entry and
CSV import) and kept on the answer row (``Answer.sentiment``, ``Answer.themes``, ``Answer.codebook_key``),
with the answer's language (``Answer.language``, analysis.written_language). Sentiment and themes read
English only: an answer in another language keeps NULL sentiment and no theme codes, and readers leave it
out of shares and means ("not scored", never neutral).
Reports and staff pages read them (``analysis.extract.text_scores_frame``).

- ``rescore(round_id)``: compute every stored sentiment again (after a change of scorer).
- ``recode_round(round_id, progress=callback)``: code again the written answers whose codes were
  matched with another codebook (after a worker changed a theme's words, added or retired one). Meant
  to run as a job; commits after each batch, so it can be stopped and run again.
- ``flask answers rescore|recode [--round SLUG]`` runs them.

Until ``recode_round`` has run, readers match the stale answers themselves and count them
(``analysis.themes.missing_codes``, ``analysis.sentiment.missing_scores``): slower, never wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import click
from flask.cli import AppGroup
from sqlalchemy import and_, bindparam, or_, select, tuple_, update

from analysis.redaction import redact, rules_fingerprint
from analysis.sentiment import scored_polarity
from analysis.themes import Codebook, auto_codes, fingerprint
from analysis.written_language import stored_code

from .extensions import db
from .jobs import queue
from .models import Answer, Job, SurveyRound
from .moderation.coding import codebook
from .reporting.freshness import count_changes

BATCH = 2000
Progress = Callable[[int, int], None]  # (answers done, answers to do)


@dataclass(frozen=True)
class Coder:
    """The codebook to match new answers with, and its fingerprint."""

    codebook: Codebook
    key: str


def current_coder() -> Coder:
    book = codebook()
    return Coder(book, fingerprint(book))


def score_texts(texts: list[str], coder: Coder) -> list[tuple[float | None, str]]:
    """``(sentiment, theme codes)`` of each text, as stored (``score_rows``; the benchmark data too). An
    answer in a language the scorers don't read (analysis.written_language) is not scored: (None, "")."""
    return [(scored_polarity(text), codes)
            for text, codes in zip(texts, auto_codes(texts, coder.codebook), strict=True)]


def redacted_texts(texts: list[str]) -> tuple[list[str], str]:
    """Each text as exports show it, and the fingerprint of the redaction word lists used."""
    return [redact(text).text for text in texts], rules_fingerprint()


def score_rows(rows: Iterable[Answer], coder: Coder | None = None) -> None:
    """Score the written answers among ``rows`` (not stored yet): their language, sentiment, theme codes,
    codebook key, and the redacted wording exports use."""
    written = [row for row in rows if row.text and not row.skipped]
    if not written:
        return
    coder = coder or current_coder()
    texts = [row.text or "" for row in written]
    redacted, redaction_key = redacted_texts(texts)
    for row, (sentiment, codes), wording in zip(written, score_texts(texts, coder), redacted, strict=True):
        row.sentiment, row.themes, row.codebook_key = sentiment, codes, coder.key
        row.redacted, row.redaction_key = wording, redaction_key
        row.language = stored_code(row.text)


def _written(round_id: int | None):
    condition = and_(Answer.text.is_not(None), Answer.text != "", Answer.skipped.is_(False))
    return condition if round_id is None else and_(condition, Answer.round_id == round_id)


def _in_batches(condition, compute: Callable[[list], list[dict]], progress: Progress | None) -> int:
    """Read the answers matching ``condition`` in primary-key order, ``BATCH`` at a time, write what
    ``compute`` returns for each batch and commit. Returns how many answers were written."""
    key = (Answer.response_id, Answer.question_id, Answer.position)
    total = db.session.scalar(select(db.func.count()).select_from(Answer).where(condition)) or 0
    done, after = 0, None
    while True:
        statement = select(*key, Answer.text, Answer.sentiment).where(condition).order_by(*key).limit(BATCH)
        if after is not None:
            statement = statement.where(tuple_(*key) > after)
        rows = db.session.execute(statement).all()
        if not rows:
            break
        values = compute(rows)
        table = Answer.__table__
        statement = (update(table)
                     .where(table.c.response_id == bindparam("_r"), table.c.question_id == bindparam("_q"),
                            table.c.position == bindparam("_p"))
                     .values({name: bindparam(name) for name in values[0]}))
        db.session.connection().execute(statement, [
            {"_r": row.response_id, "_q": row.question_id, "_p": row.position, **changes}
            for row, changes in zip(rows, values, strict=True)])
        count_changes(db.session(), set(), shared=True)  # a report may read what was written
        db.session.commit()
        done += len(rows)
        after = tuple(rows[-1][:3])
        if progress is not None:
            progress(done, total)
    return done


def rescore(round_id: int | None = None, progress: Progress | None = None) -> int:
    """Compute the sentiment of every written answer (of one round, or all) again; commits per batch."""
    return _in_batches(_written(round_id), lambda rows: [{"sentiment": scored_polarity(row.text)} for row in rows],
                       progress)


def recode_round(round_id: int | None, progress: Progress | None = None) -> int:
    """Code again, with the codebook as it is now, the written answers of a round (all rounds if None)
    whose theme codes were matched with another codebook or never (and score those with no sentiment);
    commits per batch. Returns how many answers were written. Hand codings are kept apart
    (``ManualCoding``) and are not touched."""
    coder = current_coder()
    stale = and_(_written(round_id), or_(Answer.codebook_key.is_(None), Answer.codebook_key != coder.key,
                                         Answer.themes.is_(None), Answer.sentiment.is_(None)))

    def compute(rows: list) -> list[dict]:
        return [{"themes": codes, "codebook_key": coder.key,
                 "sentiment": scored_polarity(row.text) if row.sentiment is None else row.sentiment}
                for row, codes in zip(rows, auto_codes([row.text for row in rows], coder.codebook), strict=True)]

    return _in_batches(stale, compute, progress)


def redact_again(round_id: int | None = None, progress: Progress | None = None) -> int:
    """Redact again the written answers redacted with other word lists (after an upgrade changed them), or
    never; commits per batch. Until then exports redact those themselves."""
    key = rules_fingerprint()
    stale = and_(_written(round_id), or_(Answer.redaction_key.is_(None), Answer.redaction_key != key))

    def compute(rows: list) -> list[dict]:
        return [{"redacted": wording, "redaction_key": key}
                for wording in redacted_texts([row.text for row in rows])[0]]

    return _in_batches(stale, compute, progress)


RECODE_JOB = "recode"


@queue.register(RECODE_JOB)
def _recode_job(job: Job, progress: queue.Progress) -> None:
    def told(done: int, total: int) -> None:
        progress(100 * done // max(total, 1), f"{done:,} of {total:,} written answers coded again")

    recode_round(job.round_id, told)


def recode_later(actor: str) -> Job:
    """After a codebook change: code every round's written answers again, as a job (one waiting at a time).
    Until it has run, readers code the stale answers themselves, so nothing shows old codes. Commits."""
    return queue.start(RECODE_JOB, requested_by=actor, reuse_queued=True)


answers_cli = AppGroup("answers", help="Written answers: their stored sentiment and theme codes.")


def _round_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    found = db.session.scalar(select(SurveyRound.id).where(SurveyRound.slug == slug))
    if found is None:
        raise click.BadParameter(f"no round {slug!r}", param_hint="--round")
    return found


def _echo_progress(done: int, total: int) -> None:
    click.echo(f"  {done:,} of {total:,}")


@answers_cli.command("rescore")
@click.option("--round", "slug", help="only this round (its slug); all rounds if left out")
def rescore_command(slug: str | None) -> None:
    """Compute every stored sentiment score again."""
    done = rescore(_round_id(slug), _echo_progress)
    click.echo(f"Scored {done:,} written answers.")


@answers_cli.command("redact")
@click.option("--round", "slug", help="only this round (its slug); all rounds if left out")
def redact_command(slug: str | None) -> None:
    """Redact written answers again for exports (after an upgrade changed the redaction word lists)."""
    done = redact_again(_round_id(slug), _echo_progress)
    click.echo(f"Redacted {done:,} written answers with the word lists as they are now.")


@answers_cli.command("recode")
@click.option("--round", "slug", help="only this round (its slug); all rounds if left out")
def recode_command(slug: str | None) -> None:
    """Code again the written answers matched with an older codebook."""
    done = recode_round(_round_id(slug), _echo_progress)
    click.echo(f"Coded {done:,} written answers with the codebook as it is now.")

"""written answers scored once: answers.sentiment, answers.themes and answers.codebook_key, backfilled

A written answer's sentiment (analysis.sentiment.polarity, VADER) and automatic theme codes (with the
fingerprint of the codebook they were matched with, analysis.themes.fingerprint) are stored with it
when it is stored, so reports and staff pages read them instead of scoring every answer on every view; a partial index
on the written answers (ix_answers_written) lets the database count those scores without reading
the rest of the table.
Existing written answers are scored here, in batches of 2,000; theme codes use the codebook in the
`themes` table as it is now (a later codebook change is recoded by `flask answers recode`). The scoring
functions are imported from analysis/, so this backfill scores the way the app of this version does;
a row it cannot reach stays NULL, and readers compute and count those.

Revision ID: e1a1scores01
Revises: d2a1kinds001
Create Date: 2026-12-05 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e1a1scores01'
down_revision = 'd2a1kinds001'
branch_labels = None
depends_on = None

BATCH = 2000
WRITTEN = "text IS NOT NULL AND text <> ''"  # a written answer: never a choice, never skipped
INDEX_COLUMNS = ["round_id", "question_id", "codebook_key", "themes", "sentiment", "response_id"]


def _codebook(connection):
    from analysis.themes import Codebook, Theme

    rows = connection.execute(sa.text("SELECT code, title, priority_code, words FROM themes "
                                      "WHERE active ORDER BY id")).all()
    themes = tuple(Theme(code, title, priority or "", tuple(w.strip() for w in (words or "").splitlines() if w.strip()))
                   for code, title, priority, words in rows)
    return Codebook(themes, priorities=tuple({theme.priority for theme in themes}))


def _backfill(connection):
    from analysis.sentiment import polarity
    from analysis.themes import auto_codes, fingerprint

    codebook = _codebook(connection)
    key = fingerprint(codebook)
    after = ("", "", -1)
    while True:
        rows = connection.execute(sa.text(
            "SELECT response_id, question_id, position, text FROM answers "
            "WHERE text IS NOT NULL AND text != '' AND sentiment IS NULL "
            "AND (response_id, question_id, position) > (:r, :q, :p) "
            "ORDER BY response_id, question_id, position LIMIT :n"),
            {"r": after[0], "q": after[1], "p": after[2], "n": BATCH}).all()
        if not rows:
            return
        codes = auto_codes([row.text for row in rows], codebook)
        connection.execute(
            sa.text("UPDATE answers SET sentiment = :s, themes = :t, codebook_key = :k "
                    "WHERE response_id = :r AND question_id = :q AND position = :p"),
            [{"s": polarity(row.text), "t": found, "k": key, "r": row.response_id, "q": row.question_id,
              "p": row.position} for row, found in zip(rows, codes)])
        after = (rows[-1].response_id, rows[-1].question_id, rows[-1].position)


def upgrade():
    op.add_column("answers", sa.Column("sentiment", sa.Float(), nullable=True))
    op.add_column("answers", sa.Column("themes", sa.Text(), nullable=True))
    op.add_column("answers", sa.Column("codebook_key", sa.String(length=16), nullable=True))
    _backfill(op.get_bind())
    # written answers only: reports count their stored scores from this index, not the whole table
    op.create_index("ix_answers_written", "answers", INDEX_COLUMNS, postgresql_where=sa.text(WRITTEN),
                    sqlite_where=sa.text(WRITTEN))


def downgrade():
    op.drop_index("ix_answers_written", table_name="answers")
    with op.batch_alter_table("answers", table_kwargs={"sqlite_with_rowid": False}) as batch_op:
        batch_op.drop_column("codebook_key")
        batch_op.drop_column("themes")
        batch_op.drop_column("sentiment")

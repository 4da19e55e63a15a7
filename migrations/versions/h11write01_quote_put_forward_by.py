"""quotes.put_forward_by (the four-eyes rule) and indexes for the written answers table

- quotes.put_forward_by: who put a quote forward, so the four-eyes rule (QUOTES_FOUR_EYES) can refuse
  their own approval. Existing quotes take the person named by their "quote put forward" audit event
  (the detail starts "quote <id>:"); a quote with no such event keeps "" (not known: never refused).
- ix_answers_written_table (written answers only): a page of the table in order, filtered by round,
  question, sentiment and stored theme codes, read from the index alone (measured on the 100,000-response
  benchmark round: page 500 found in 14 ms instead of reading every answer of the round).
- PostgreSQL only: the pg_trgm extension and a trigram index on the written answers' text, so the table's
  search ("every word in the answer", ILIKE) does not read every answer of the round (one word: 850 ms
  without, 20 ms with). Where the extension cannot be created (not installed, or no right to), the
  migration goes on without it and search still works, slower.

Revision ID: h11write01
Revises: h11loop01
Create Date: 2026-12-05 23:20:00

"""
import logging
import re

import sqlalchemy as sa
from alembic import op


revision = 'h11write01'
down_revision = 'h11loop01'
branch_labels = None
depends_on = None

_QUOTE = re.compile(r"quote (\d+):")
WRITTEN = "text IS NOT NULL AND text <> ''"


def upgrade():
    op.add_column('quotes', sa.Column('put_forward_by', sa.String(length=254), server_default='', nullable=False))
    connection = op.get_bind()
    events = connection.execute(sa.text(
        "SELECT actor, detail FROM audit_events WHERE action = 'quote put forward' ORDER BY id"))
    for actor, detail in events.fetchall():
        found = _QUOTE.match(detail or "")
        if found:
            connection.execute(sa.text("UPDATE quotes SET put_forward_by = :actor WHERE id = :id"),
                               {"actor": actor, "id": int(found.group(1))})
    op.create_index('ix_answers_written_table', 'answers',
                    ['round_id', 'question_id', 'response_id', 'sentiment', 'themes'],
                    postgresql_where=sa.text(WRITTEN), sqlite_where=sa.text(WRITTEN))
    if connection.dialect.name == 'postgresql':
        _trigram_index(connection)


def _trigram_index(connection):
    try:
        with connection.begin_nested():
            connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        logging.getLogger("alembic").warning("pg_trgm not available (%s): the written answers search "
                                             "works without its index, slower", type(error.__cause__).__name__)
        return
    connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS ix_answers_text_trgm ON answers "
                               f"USING gin (text gin_trgm_ops) WHERE {WRITTEN}"))


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_answers_text_trgm")
    op.drop_index('ix_answers_written_table', table_name='answers')
    with op.batch_alter_table('quotes') as batch:
        batch.drop_column('put_forward_by')

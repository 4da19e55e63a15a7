"""answers.language, and "other_language" as a reason to hold an answer for the safeguarding lead

- answers.language: the language a written answer is in, found when stored (NULL when not known); staff
  see it, and sentiment and themes are not scored for languages they don't read.
- held_flags.reason and safeguarding_flags.reason may be "other_language": a written answer no
  worrying-words list reads (survey_app/safeguarding/other_language.py). The CHECK constraints made by
  d1a1status01 / c6a1detect01 are replaced. On SQLite the tables are rebuilt WITHOUT ROWID (batch mode).

Revision ID: i12write01
Revises: i12reply01
Create Date: 2026-12-06 03:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'i12write01'
down_revision = 'i12reply01'
branch_labels = None
depends_on = None

BEFORE = ("trigger_answer", "worrying_words")
AFTER = (*BEFORE, "other_language")


def _reasons(words):
    for table in ("held_flags", "safeguarding_flags"):
        name = op.f(f"ck_{table}_reason_known")
        with op.batch_alter_table(table, table_kwargs={"sqlite_with_rowid": False}) as batch:
            batch.drop_constraint(name, type_="check")
            batch.create_check_constraint(name, "reason IN ({})".format(", ".join(f"'{word}'" for word in words)))


def upgrade():
    with op.batch_alter_table('answers', table_kwargs={"sqlite_with_rowid": False}) as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))
    _reasons(AFTER)


def downgrade():
    op.execute("DELETE FROM held_flags WHERE reason = 'other_language'")
    op.execute("UPDATE safeguarding_flags SET reason = 'worrying_words' WHERE reason = 'other_language'")
    _reasons(BEFORE)
    with op.batch_alter_table('answers', table_kwargs={"sqlite_with_rowid": False}) as batch:
        batch.drop_column('language')

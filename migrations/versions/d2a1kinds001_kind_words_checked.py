"""the database refuses a flag reason or a removal's channel the app does not know (CHECK constraints)

The words are survey_app/models/statuses.py's FlagReason and Channel, written out here so this migration
stays as it is when the app changes. On SQLite the tables are rebuilt (batch mode); the tables about young
people stay WITHOUT ROWID, and keep the checks d1a1status01 gave them.

Revision ID: d2a1kinds001
Revises: d1a1status01
Create Date: 2026-12-05 13:00:00

"""
from alembic import op


revision = 'd2a1kinds001'
down_revision = 'd1a1status01'
branch_labels = None
depends_on = None

# (table, column, the words it may hold, rebuilt WITHOUT ROWID on SQLite)
KNOWN = (
    ("held_flags", "reason", ("trigger_answer", "worrying_words"), True),
    ("safeguarding_flags", "reason", ("trigger_answer", "worrying_words"), True),
    ("response_removals", "channel", ("online", "paper"), False),
)


def _name(table: str, column: str) -> str:
    return op.f(f"ck_{table}_{column}_known")  # op.f: the full name, not run through the naming convention again


def _batch(table: str, without_rowid: bool):
    kwargs = {"table_kwargs": {"sqlite_with_rowid": False}} if without_rowid else {}
    return op.batch_alter_table(table, **kwargs)


def upgrade():
    for table, column, words, without_rowid in KNOWN:
        listed = ", ".join(f"'{word}'" for word in words)
        with _batch(table, without_rowid) as batch_op:
            batch_op.create_check_constraint(_name(table, column), f"{column} IN ({listed})")


def downgrade():
    for table, column, _words, without_rowid in reversed(KNOWN):
        with _batch(table, without_rowid) as batch_op:
            batch_op.drop_constraint(_name(table, column), type_="check")

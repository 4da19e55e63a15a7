"""the database refuses a status or kind word the app does not know (CHECK constraints)

The words are survey_app/models/statuses.py's enums, written out here so this migration stays as it
is when the app changes. On SQLite the tables are rebuilt (batch mode); the tables about young people
stay WITHOUT ROWID.

Revision ID: d1a1status01
Revises: c6a1detect01
Create Date: 2026-12-05 11:30:00

"""
from alembic import op


revision = 'd1a1status01'
down_revision = 'c6a1detect01'
branch_labels = None
depends_on = None

# table -> (column, the words it may hold, rebuilt WITHOUT ROWID on SQLite)
KNOWN = {
    "survey_rounds": ("status", ("open", "closed"), False),
    "questionnaire_versions": ("status", ("draft", "published"), False),
    "quotes": ("status", ("pending", "approved", "rejected"), False),
    "actions": ("status", ("planned", "in_progress", "done", "not_doing"), False),
    "action_findings": ("kind", ("question", "theme", "quote"), False),
    "safeguarding_flags": ("status", ("outstanding", "reviewed", "escalated", "no_action"), True),
    "responses": ("channel", ("online", "paper"), True),
}


def _name(table: str, column: str) -> str:
    return op.f(f"ck_{table}_{column}_known")  # op.f: the full name, not run through the naming convention again


def upgrade():
    for table, (column, words, without_rowid) in KNOWN.items():
        listed = ", ".join(f"'{word}'" for word in words)
        kwargs = {"table_kwargs": {"sqlite_with_rowid": False}} if without_rowid else {}
        with op.batch_alter_table(table, **kwargs) as batch_op:
            batch_op.create_check_constraint(_name(table, column), f"{column} IN ({listed})")


def downgrade():
    for table, (column, _words, without_rowid) in KNOWN.items():
        kwargs = {"table_kwargs": {"sqlite_with_rowid": False}} if without_rowid else {}
        with op.batch_alter_table(table, **kwargs) as batch_op:
            batch_op.drop_constraint(_name(table, column), type_="check")

"""written answers redacted once: answers.redacted and answers.redaction_key

The wording exports show (analysis.redaction) is made when an answer is stored, with the fingerprint of
the word lists used. Rows stored before this have NULL: exports redact those themselves, and
`flask answers redact` fills them in (also after an upgrade changes the word lists).

Revision ID: e2a1redact01
Revises: e1a1jobs0001
Create Date: 2026-12-05 16:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'e2a1redact01'
down_revision = 'e1a1jobs0001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("answers", sa.Column("redacted", sa.Text(), nullable=True))
    op.add_column("answers", sa.Column("redaction_key", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("answers", table_kwargs={"sqlite_with_rowid": False}) as batch_op:
        batch_op.drop_column("redaction_key")
        batch_op.drop_column("redacted")

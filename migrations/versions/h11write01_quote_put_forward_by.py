"""quotes.put_forward_by: who put a quote forward, so the four-eyes rule (QUOTES_FOUR_EYES) can refuse
their own approval

Existing quotes take the person named by their "quote put forward" audit event (the detail starts
"quote <id>:"); a quote with no such event keeps "" (not known: the rule cannot refuse on it).

Revision ID: h11write01
Revises: f10resume01
Create Date: 2026-12-05 23:20:00

"""
import re

import sqlalchemy as sa
from alembic import op


revision = 'h11write01'
down_revision = 'f10resume01'
branch_labels = None
depends_on = None

_QUOTE = re.compile(r"quote (\d+):")


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


def downgrade():
    with op.batch_alter_table('quotes') as batch:
        batch.drop_column('put_forward_by')

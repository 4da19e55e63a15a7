"""drafts.language and responses.language (issue 12: every child in their own language)

- drafts.language: the language the young person chose, so a carry-on code brings it back.
- responses.language: the language the questions were shown in; reports count responses per language.
  Existing rows were all answered in English.

Revision ID: i12lang01
Revises: h11write01
Create Date: 2026-12-06 02:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'i12lang01'
down_revision = 'h11write01'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('drafts') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
    with op.batch_alter_table('responses') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))


def downgrade():
    with op.batch_alter_table('responses') as batch:
        batch.drop_column('language')
    with op.batch_alter_table('drafts') as batch:
        batch.drop_column('language')

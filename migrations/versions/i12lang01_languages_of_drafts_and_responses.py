"""drafts.language and responses.language (issue 12: every child in their own language)

- drafts.language: the language the young person chose, so a carry-on code brings it back.
- responses.language: the language the questions were shown in; reports count responses per language.
  Existing rows were all answered in English.
- questionnaire_translations: a questionnaire's words in one language (a PO file's text), who checked it.

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
    op.create_table(
        'questionnaire_translations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('checksum', sa.String(length=64), nullable=False),
        sa.Column('origin', sa.String(length=300), server_default='', nullable=False),
        sa.Column('updated_on', sa.Date(), nullable=False),
        sa.Column('checked_by', sa.String(length=254), server_default='', nullable=False),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_translations')),
        sa.UniqueConstraint('key', 'language', name='uq_questionnaire_translation_key_language'),
    )
    op.create_index(op.f('ix_questionnaire_translations_key'), 'questionnaire_translations', ['key'])


def downgrade():
    op.drop_index(op.f('ix_questionnaire_translations_key'), table_name='questionnaire_translations')
    op.drop_table('questionnaire_translations')
    with op.batch_alter_table('responses') as batch:
        batch.drop_column('language')
    with op.batch_alter_table('drafts') as batch:
        batch.drop_column('language')

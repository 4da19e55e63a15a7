"""carry-on codes: a draft's keyed code hash and version; wrong codes counted per round

- drafts.carry_on_hash: HMAC-SHA256 of the draft's carry-on code (responses/carry_on.py), unique, so a
  typed code is found by one index look-up; never the code.
- drafts.version: goes up with every saved answer, so two devices on one draft never lose an answer.
- survey_rounds.carry_on_guess_window / carry_on_wrong_guesses: wrong carry-on codes per round in the
  current 15-minute window (never per person).

Columns are added without recreating tables, so the drafts table stays WITHOUT ROWID on SQLite.

Revision ID: f10resume01
Revises: f10involve1
Create Date: 2026-12-05 20:10:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'f10resume01'
down_revision = 'f10involve1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('drafts', sa.Column('version', sa.Integer(), server_default='0', nullable=False))
    op.add_column('drafts', sa.Column('carry_on_hash', sa.String(length=64), nullable=True))
    op.create_index('ix_drafts_carry_on_hash', 'drafts', ['carry_on_hash'], unique=True)
    op.add_column('survey_rounds', sa.Column('carry_on_guess_window', sa.Integer(), nullable=True))
    op.add_column('survey_rounds', sa.Column('carry_on_wrong_guesses', sa.Integer(), server_default='0',
                                             nullable=False))


def downgrade():
    op.drop_column('survey_rounds', 'carry_on_wrong_guesses')
    op.drop_column('survey_rounds', 'carry_on_guess_window')
    op.drop_index('ix_drafts_carry_on_hash', table_name='drafts')
    op.drop_column('drafts', 'carry_on_hash')
    op.drop_column('drafts', 'version')

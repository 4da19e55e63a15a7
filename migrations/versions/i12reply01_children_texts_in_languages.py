"""round_report_languages and action_languages: the children's "You said, we did" texts in each language
(issue 12, item 8). A worker writes each language's version; a missing or empty one is shown in English
with a note saying that language's version isn't ready.

Revision ID: i12reply01
Revises: i12lang01
Create Date: 2026-12-06 02:30:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'i12reply01'
down_revision = 'i12lang01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'round_report_languages',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('children_good', sa.Text(), server_default='', nullable=False),
        sa.Column('children_change', sa.Text(), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'],
                                name=op.f('fk_round_report_languages_round_id_survey_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('round_id', 'language', name=op.f('pk_round_report_languages')),
    )
    op.create_table(
        'action_languages',
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('title', sa.String(length=300), server_default='', nullable=False),
        sa.Column('owner', sa.String(length=200), server_default='', nullable=False),
        sa.Column('not_doing_reason', sa.Text(), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'],
                                name=op.f('fk_action_languages_action_id_actions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('action_id', 'language', name=op.f('pk_action_languages')),
    )


def downgrade():
    op.drop_table('action_languages')
    op.drop_table('round_report_languages')

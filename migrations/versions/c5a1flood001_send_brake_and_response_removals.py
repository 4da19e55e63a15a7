"""per-round send brake (15-minute window) and the record of removed responses

Revision ID: c5a1flood001
Revises: c4a1session1
Create Date: 2026-12-05 06:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c5a1flood001'
down_revision = 'c4a1session1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('send_window', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sends_in_window', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('sends_held_back', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('brake_last_on', sa.Date(), nullable=True))
    op.create_table(
        'response_removals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('removed_by', sa.String(length=254), nullable=False),
        sa.Column('removed_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_response_removals_round_id', 'response_removals', ['round_id'], unique=False)


def downgrade():
    op.drop_index('ix_response_removals_round_id', table_name='response_removals')
    op.drop_table('response_removals')
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.drop_column('brake_last_on')
        batch_op.drop_column('sends_held_back')
        batch_op.drop_column('sends_in_window')
        batch_op.drop_column('send_window')

"""per-round counter of wrong access-code guesses in the current 15-minute window

Revision ID: a7c1d2e3f4b5
Revises: 4bce54b9c97e
Create Date: 2026-11-23 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c1d2e3f4b5'
down_revision = '4bce54b9c97e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_guess_window', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('code_wrong_guesses', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.drop_column('code_wrong_guesses')
        batch_op.drop_column('code_guess_window')

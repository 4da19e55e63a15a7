"""phrases the safeguarding lead adds in the app

Revision ID: c6a1detect01
Revises: c5a1flood001
Create Date: 2026-12-05 06:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c6a1detect01'
down_revision = 'c5a1flood001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'safeguarding_phrases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('phrase', sa.String(length=100), nullable=False),
        sa.Column('added_by', sa.String(length=254), nullable=False),
        sa.Column('added_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('phrase'),
    )


def downgrade():
    op.drop_table('safeguarding_phrases')

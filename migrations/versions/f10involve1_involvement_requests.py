"""involvement requests: young people who would like to get involved, kept apart from the answers

A table of its own with a random id, no round, no response or draft id and no time while waiting
(released_on: the day a batch reached the participation worker). WITHOUT ROWID on SQLite, so no hidden
row number records the order they came in.

Revision ID: f10involve1
Revises: f10rev1ew01
Create Date: 2026-12-05 20:10:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'f10involve1'
down_revision = 'f10rev1ew01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'involvement_requests',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=True),
        sa.Column('interests', sa.String(length=200), nullable=False),
        sa.Column('called', sa.String(length=40), nullable=False),
        sa.Column('contact_by', sa.String(length=16), nullable=False),
        sa.Column('contact', sa.Text(), nullable=False),
        sa.Column('released_on', sa.Date(), nullable=True),
        sa.CheckConstraint("contact_by IN ('phone', 'email', 'worker')",
                           name=op.f('ck_involvement_requests_contact_by_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_involvement_requests')),
        sa.UniqueConstraint('digest', name=op.f('uq_involvement_requests_digest')),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f('ix_involvement_requests_released_on'), 'involvement_requests', ['released_on'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_involvement_requests_released_on'), table_name='involvement_requests')
    op.drop_table('involvement_requests')

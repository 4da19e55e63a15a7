"""safeguarding flags held apart from responses and released in batches; no insertion order on SQLite

- held_flags: a worrying answer waits here from the moment it is given until a batch release.
- drafts.raised: digests of the draft's answers already held (no answer is held twice).
- safeguarding_flags: raised_on (the day the lead got it) replaces week_of; `sent` is dropped,
  because knowing whether the answer was sent is a step towards finding its response.
- On SQLite the tables about young people are rebuilt WITHOUT ROWID, so no hidden row number
  records the order answers were sent in.
- responses.mixed: false until the scheduled run rewrites the response and its answers in a shuffled
  batch (PostgreSQL's transaction ids and row positions then no longer follow the order of sending).

Revision ID: c1a1flags001
Revises: b8d9e0f1a2c3
Create Date: 2026-12-05 05:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c1a1flags001'
down_revision = 'b8d9e0f1a2c3'
branch_labels = None
depends_on = None

YOUNG_PEOPLES_TABLES = ("drafts", "responses", "answers", "safeguarding_flags")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade():
    op.create_table(
        'held_flags',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.String(length=64), nullable=False),
        sa.Column('reason', sa.String(length=32), nullable=False),
        sa.Column('answer_text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('digest'),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_held_flags_round_id', 'held_flags', ['round_id'], unique=False)

    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('raised', sa.JSON(), server_default='[]', nullable=False))
    # Every response stored so far is mixed by the first scheduled run.
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mixed', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('raised_on', sa.Date(), nullable=True))
    op.execute("UPDATE safeguarding_flags SET raised_on = week_of")
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.alter_column('raised_on', existing_type=sa.Date(), nullable=False)
        batch_op.drop_column('week_of')
        batch_op.drop_column('sent')

    if _sqlite():
        for table in YOUNG_PEOPLES_TABLES:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_with_rowid": False}):
                pass


def downgrade():
    if _sqlite():
        for table in YOUNG_PEOPLES_TABLES:
            with op.batch_alter_table(table, recreate="always"):
                pass
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('week_of', sa.Date(), nullable=True))
    op.execute("UPDATE safeguarding_flags SET week_of = raised_on")
    with op.batch_alter_table('safeguarding_flags', schema=None) as batch_op:
        batch_op.drop_column('raised_on')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_column('raised')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_column('mixed')
    op.drop_index('ix_held_flags_round_id', table_name='held_flags')
    op.drop_table('held_flags')

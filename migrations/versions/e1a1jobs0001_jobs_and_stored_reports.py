"""jobs (slow work off web requests), stored reports, and the data versions that tell a stored report it is old

Revision ID: e1a1jobs0001
Revises: e1a1scores01
Create Date: 2026-12-05 15:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'e1a1jobs0001'
down_revision = 'e1a1scores01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'jobs',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=True),
        sa.Column('params', sa.Text(), server_default='{}', nullable=False),
        sa.Column('requested_by', sa.String(length=254), server_default='', nullable=False),
        sa.Column('status', sa.String(length=16), server_default='queued', nullable=False),
        sa.Column('progress', sa.Integer(), server_default='0', nullable=False),
        sa.Column('stage', sa.String(length=200), server_default='', nullable=False),
        sa.Column('error', sa.Text(), server_default='', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('filename', sa.String(length=200), server_default='', nullable=False),
        sa.Column('mimetype', sa.String(length=120), server_default='', nullable=False),
        sa.Column('file', sa.LargeBinary(), nullable=True),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_jobs_status_known')),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], name=op.f('fk_jobs_round_id_survey_rounds'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
    )
    op.create_index(op.f('ix_jobs_round_id'), 'jobs', ['round_id'])
    op.create_index(op.f('ix_jobs_expires_at'), 'jobs', ['expires_at'])
    op.create_table(
        'stored_reports',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('for_staff', sa.Boolean(), nullable=False),
        sa.Column('round_version', sa.Integer(), nullable=False),
        sa.Column('shared_version', sa.Integer(), nullable=False),
        sa.Column('redaction_rules', sa.String(length=32), nullable=False),
        sa.Column('built_at', sa.DateTime(), nullable=False),
        sa.Column('report_json', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'],
                                name=op.f('fk_stored_reports_round_id_survey_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('round_id', 'for_staff', name=op.f('pk_stored_reports')),
    )
    op.create_table(
        'data_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_data_versions')),
    )
    op.execute("INSERT INTO data_versions (name, version) VALUES ('shared', 0)")
    with op.batch_alter_table('survey_rounds') as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('survey_rounds') as batch_op:
        batch_op.drop_column('data_version')
    op.drop_table('data_versions')
    op.drop_table('stored_reports')
    op.drop_index(op.f('ix_jobs_expires_at'), table_name='jobs')
    op.drop_index(op.f('ix_jobs_round_id'), table_name='jobs')
    op.drop_table('jobs')

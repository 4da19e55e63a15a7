"""young reviewers: review links (only a hash of the token) and their comments

Revision ID: f10rev1ew01
Revises: e3a1lz4file1
Create Date: 2026-12-05 20:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f10rev1ew01'
down_revision = 'e3a1lz4file1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'review_links',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('questionnaire_key', sa.String(length=64), nullable=True),
        sa.Column('round_id', sa.Integer(), nullable=True),
        sa.Column('made_by', sa.String(length=254), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_on', sa.Date(), nullable=True),
        sa.CheckConstraint("kind IN ('questionnaire', 'reply')", name=op.f('ck_review_links_kind_known')),
        sa.CheckConstraint(
            "(kind = 'questionnaire' AND questionnaire_key IS NOT NULL AND round_id IS NULL) OR "
            "(kind = 'reply' AND round_id IS NOT NULL AND questionnaire_key IS NULL)",
            name=op.f('ck_review_links_one_target')),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], ondelete='CASCADE',
                                name=op.f('fk_review_links_round_id_survey_rounds')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_review_links_token_hash')),
    )
    op.create_index(op.f('ix_review_links_questionnaire_key'), 'review_links', ['questionnaire_key'])
    op.create_index(op.f('ix_review_links_round_id'), 'review_links', ['round_id'])
    op.create_table(
        'review_comments',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('link_id', sa.String(length=32), nullable=False),
        sa.Column('page', sa.String(length=64), nullable=False),
        sa.Column('page_title', sa.String(length=300), nullable=False),
        sa.Column('version', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('worrying', sa.Boolean(), nullable=False),
        sa.Column('written_on', sa.Date(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=True),
        sa.Column('done_by', sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(['link_id'], ['review_links.id'], ondelete='CASCADE',
                                name=op.f('fk_review_comments_link_id_review_links')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_comments')),
    )
    op.create_index(op.f('ix_review_comments_link_id'), 'review_comments', ['link_id'])


def downgrade():
    op.drop_index(op.f('ix_review_comments_link_id'), table_name='review_comments')
    op.drop_table('review_comments')
    op.drop_index(op.f('ix_review_links_round_id'), table_name='review_links')
    op.drop_index(op.f('ix_review_links_questionnaire_key'), table_name='review_links')
    op.drop_table('review_links')

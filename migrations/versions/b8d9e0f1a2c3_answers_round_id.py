"""answers.round_id: each answer row repeats its response's round, with a covering index for counting

Revision ID: b8d9e0f1a2c3
Revises: a7c1d2e3f4b5
Create Date: 2026-11-23 13:25:00

The board report counts a round's answers straight from ix_answers_round_question (analysis.extract
.round_distribution) instead of joining every answer row to its response. It stores nothing new:
an answer already links to its response, which has the round.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d9e0f1a2c3'
down_revision = 'a7c1d2e3f4b5'
branch_labels = None
depends_on = None

INDEX_COLUMNS = ["round_id", "question_id", "choice", "skipped", "position", "response_id"]


def upgrade():
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("round_id", sa.Integer(), nullable=True))
    op.execute("UPDATE answers SET round_id = "
               "(SELECT responses.round_id FROM responses WHERE responses.id = answers.response_id)")
    with op.batch_alter_table("answers") as batch:
        batch.alter_column("round_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key("fk_answers_round_id_survey_rounds", "survey_rounds", ["round_id"], ["id"],
                                 ondelete="CASCADE")
    op.create_index("ix_answers_round_question", "answers", INDEX_COLUMNS)


def downgrade():
    op.drop_index("ix_answers_round_question", table_name="answers")
    with op.batch_alter_table("answers") as batch:
        batch.drop_constraint("fk_answers_round_id_survey_rounds", type_="foreignkey")
        batch.drop_column("round_id")

"""between rounds: meetings, visits and group sessions as findings; the board's challenge log; the dates
standing action reports were issued; action_findings.kind may be 'meeting'

The words are written out here so this migration stays as it is when the app changes. On SQLite
action_findings is rebuilt (batch mode) to change its CHECK.

Revision ID: h11loop01
Revises: f10resume01
Create Date: 2026-12-05 23:15:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'h11loop01'
down_revision = 'f10resume01'
branch_labels = None
depends_on = None

KIND_CHECK = "ck_action_findings_kind_known"
KINDS = ("question", "theme", "quote", "meeting")  # FindingKind
OCCASIONS = ("meeting", "visit", "group_session")  # Occasion


def _kinds(*words: str) -> str:
    return "kind IN (" + ", ".join(f"'{word}'" for word in words) + ")"


def upgrade():
    op.create_table(
        "meeting_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occasion", sa.String(length=16), nullable=False),
        sa.Column("group_name", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("day_known", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=254), server_default="", nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.CheckConstraint("occasion IN (" + ", ".join(f"'{word}'" for word in OCCASIONS) + ")",
                           name=op.f("ck_meeting_findings_occasion_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_findings")),
    )
    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("finding_kind", sa.String(length=16), server_default="", nullable=False),
        sa.Column("finding_ref", sa.String(length=64), server_default="", nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("about", sa.String(length=600), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_by", sa.String(length=254), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.Text(), server_default="", nullable=False),
        sa.Column("answered_by", sa.String(length=254), server_default="", nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], name=op.f("fk_challenges_action_id_actions"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"], name=op.f("fk_challenges_round_id_survey_rounds"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
    )
    op.create_index(op.f("ix_challenges_action_id"), "challenges", ["action_id"])
    op.create_index(op.f("ix_challenges_round_id"), "challenges", ["round_id"])
    op.create_table(
        "standing_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.String(length=254), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standing_reports")),
    )
    op.create_index(op.f("ix_standing_reports_issued_on"), "standing_reports", ["issued_on"])
    with op.batch_alter_table("action_findings") as batch_op:
        batch_op.drop_constraint(op.f(KIND_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(KIND_CHECK), _kinds(*KINDS))


def downgrade():
    op.execute("DELETE FROM action_findings WHERE kind = 'meeting'")
    with op.batch_alter_table("action_findings") as batch_op:
        batch_op.drop_constraint(op.f(KIND_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(KIND_CHECK), _kinds(*KINDS[:3]))
    op.drop_index(op.f("ix_standing_reports_issued_on"), table_name="standing_reports")
    op.drop_table("standing_reports")
    op.drop_index(op.f("ix_challenges_round_id"), table_name="challenges")
    op.drop_index(op.f("ix_challenges_action_id"), table_name="challenges")
    op.drop_table("challenges")
    op.drop_table("meeting_findings")

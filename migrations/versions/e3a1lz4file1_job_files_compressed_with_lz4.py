"""job files compressed with lz4 on PostgreSQL

A finished job's file (a CSV or XLSX of a whole round, tens of MB) is kept in `jobs.file`. PostgreSQL's
default TOAST compression (pglz) took 0.41 s to store the 100,000-response CSV (24.6 MB) here, lz4 0.13 s,
for 15% more disk; the files are kept for a day. Only where the server was built with lz4 (PostgreSQL 14
and later); SQLite and other servers are left as they are.

Revision ID: e3a1lz4file1
Revises: e2a1redact01
Create Date: 2026-12-05 19:15:00

"""
import sqlalchemy as sa
from alembic import op


revision = 'e3a1lz4file1'
down_revision = 'e2a1redact01'
branch_labels = None
depends_on = None


def _lz4_available(bind) -> bool:
    return bind.dialect.name == "postgresql" and bool(bind.execute(sa.text(
        "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")).first())


def upgrade():
    bind = op.get_bind()
    if _lz4_available(bind):
        op.execute("ALTER TABLE jobs ALTER COLUMN file SET COMPRESSION lz4")


def downgrade():
    bind = op.get_bind()
    if _lz4_available(bind):
        op.execute("ALTER TABLE jobs ALTER COLUMN file SET COMPRESSION pglz")

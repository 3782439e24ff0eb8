"""Redaction: black boxes over parts of an exhibit's picture, and the redacted copy made from
them (a derived file with its own SHA-256 under ``evidence/derived/redacted``).

One row per redacted exhibit. An exhibit's row hash (see ``row_hashes``) takes in its redaction
when it has one, so the audit log vouches for the boxes and the copy's hash too; exhibits
without one hash as before, so no entry needs recording here.

Revision ID: 0011_redaction
Revises: 0010_search_bigrams
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_redaction"
down_revision = "0010_search_bigrams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "redaction",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("boxes", sa.String(), nullable=False, server_default="[]"),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("made_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("evidence_id", name="pk_redaction"),
    )


def downgrade() -> None:
    op.drop_table("redaction")

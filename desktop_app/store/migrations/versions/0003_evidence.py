"""Evidence: files kept byte-for-byte as exhibits of a case, and each case's exhibit counter.

The counter is a table of its own rather than a column of ``case`` so that the rows of
``case`` stay exactly as they were (no table rebuild of the user's cases).

Revision ID: 0003_evidence
Revises: 0002_seed_directory
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_evidence"
down_revision = "0002_seed_directory"
branch_labels = None
depends_on = None

T = sa.String(40)  # aware times as UTC ISO text


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("exhibit_no", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mime", sa.String(), nullable=False),
        sa.Column("original_name", sa.String(), nullable=False),
        sa.Column("captured_at", T, nullable=True),
        sa.Column("imported_at", T, nullable=False),
        sa.Column("caption", sa.String(), nullable=False, server_default=""),
        sa.Column("proves", sa.String(), nullable=False, server_default=""),
        sa.Column("note", sa.String(), nullable=False, server_default=""),
        sa.Column("preview", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name="fk_evidence_case_id_case", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name="fk_evidence_event_id_event", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.UniqueConstraint("case_id", "exhibit_no", name="uq_evidence_case_id_exhibit_no"),
        sqlite_autoincrement=True,  # ids never reused: a removal can always be undone
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])
    op.create_index("ix_evidence_case_sha256", "evidence", ["case_id", "sha256"])
    op.create_table(
        "exhibit_counter",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("next_no", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name="fk_exhibit_counter_case_id_case", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name="pk_exhibit_counter"),
    )


def downgrade() -> None:
    op.drop_table("exhibit_counter")
    op.drop_index("ix_evidence_case_sha256", table_name="evidence")
    op.drop_index("ix_evidence_event_id", table_name="evidence")
    op.drop_table("evidence")

"""The spine: institutions, cases, events, references, promises, the audit chain.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

T = sa.String(40)  # aware times as UTC ISO text; decimals as text


def upgrade() -> None:
    op.create_table(
        "institution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short_name", sa.String(), nullable=False, server_default=""),
        sa.Column("name_en", sa.String(), nullable=False, server_default=""),
        sa.Column("kind", sa.String(), nullable=False, server_default="bank"),
        sa.Column("hotline", sa.String(), nullable=False, server_default=""),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("website", sa.String(), nullable=False, server_default=""),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.Column("seeded", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_institution"),
        sa.UniqueConstraint("name", name="uq_institution_name"),
    )
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("product", sa.String(), nullable=False, server_default=""),
        sa.Column("category", sa.String(), nullable=False, server_default="other"),
        sa.Column("amount", T, nullable=True),
        sa.Column("currency", sa.String(), nullable=False, server_default="CNY"),
        sa.Column("incident_at", T, nullable=True),
        sa.Column("transaction_refs", sa.String(), nullable=False, server_default=""),
        sa.Column("description", sa.String(), nullable=False, server_default=""),
        sa.Column("desired_outcome", sa.String(), nullable=False, server_default=""),
        sa.Column("status", sa.String(), nullable=False, server_default="open"),
        sa.Column("jurisdiction", sa.String(), nullable=False, server_default="CN"),
        sa.Column("created_at", T, nullable=False),
        sa.Column("updated_at", T, nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institution.id"], name="fk_case_institution_id_institution"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case"),
    )
    op.create_index("ix_case_institution_id", "case", ["institution_id"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", T, nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False, server_default="out"),
        sa.Column("counterpart", sa.String(), nullable=False, server_default=""),
        sa.Column("agent_id", sa.String(), nullable=False, server_default=""),
        sa.Column("contact", sa.String(), nullable=False, server_default=""),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("email_from", sa.String(), nullable=False, server_default=""),
        sa.Column("email_to", sa.String(), nullable=False, server_default=""),
        sa.Column("email_cc", sa.String(), nullable=False, server_default=""),
        sa.Column("summary", sa.String(), nullable=False, server_default=""),
        sa.Column("details", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", T, nullable=False),
        sa.Column("updated_at", T, nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name="fk_event_case_id_case", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_event"),
    )
    op.create_index("ix_event_case_at", "event", ["case_id", "at"])
    op.create_table(
        "reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False, server_default=""),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("issued_by", sa.String(), nullable=False, server_default=""),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name="fk_reference_event_id_event", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reference"),
    )
    op.create_index("ix_reference_event_id", "reference", ["event_id"])
    op.create_table(
        "promise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("due_at", T, nullable=True),
        sa.Column("state", sa.String(), nullable=False, server_default="pending"),
        sa.Column("state_note", sa.String(), nullable=False, server_default=""),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name="fk_promise_event_id_event", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_promise"),
    )
    op.create_index("ix_promise_event_id", "promise", ["event_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", T, nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.String(), nullable=False, server_default="{}"),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
        sa.UniqueConstraint("hash", name="uq_audit_entry_hash"),
    )


def downgrade() -> None:
    for table in ("audit_entry", "promise", "reference", "event", "case", "institution"):
        op.drop_table(table)

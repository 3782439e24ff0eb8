"""Which timeline entry is "complaint lodged": the event a case's regulator clock starts at.

``case.lodged_event_id`` is NULL until the user marks an entry; the clock then starts at the
first outgoing contact that produced a reference number (``deadlines.lodged_event``). Deleting
the marked entry clears the mark (ON DELETE SET NULL), so the clock falls back to that rule.

SQLite cannot add a foreign key to an existing table, so the table is rebuilt (batch mode);
every row and every column of ``case`` is copied as it is.

Revision ID: 0004_complaint_lodged
Revises: 0003_evidence
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_complaint_lodged"
down_revision = "0003_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", recreate="always") as batch:
        batch.add_column(sa.Column("lodged_event_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_case_lodged_event_id_event", "event",
                                 ["lodged_event_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("case", recreate="always") as batch:
        batch.drop_constraint("fk_case_lodged_event_id_event", type_="foreignkey")
        batch.drop_column("lodged_event_id")

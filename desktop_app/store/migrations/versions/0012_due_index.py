"""The due list's index: promises still open with a due time, and the person's complaints to a
regulator (the contacts a regulator clock starts from and escalates with), as partial indexes,
so that ``casebook due`` reads those few rows instead of every event of every case.

Indexes only: nothing is rewritten, and a downgrade drops them.

Revision ID: 0012_due_index
Revises: 0011_redaction
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_due_index"
down_revision = "0011_redaction"
branch_labels = None
depends_on = None

# Kept in step with desktop_app/store/tables.py (a test compares the two).
PROMISE_DUE_WHERE = "due_at IS NOT NULL AND state != 'kept'"
REGULATOR_OUT_WHERE = "channel = 'regulator' AND direction = 'out'"


def upgrade() -> None:
    op.create_index("ix_promise_due_open", "promise", ["event_id"],
                    sqlite_where=sa.text(PROMISE_DUE_WHERE))
    op.create_index("ix_event_case_regulator_out", "event", ["case_id", "at"],
                    sqlite_where=sa.text(REGULATOR_OUT_WHERE))


def downgrade() -> None:
    op.drop_index("ix_event_case_regulator_out", "event")
    op.drop_index("ix_promise_due_open", "promise")

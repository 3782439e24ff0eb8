"""The audit log vouches for the rows themselves: a baseline of every row's content hash.

From this revision on, every change's audit entry records the hash of each row it touched
(``_rows`` in its payload; see :mod:`desktop_app.store.row_hashes`), and ``verify`` names any
row whose content no entry explains. This migration appends one entry, action ``baseline``,
that records the hashes of every row as the upgrade found it — recorded as such: rows changed
behind Casebook's back *before* the upgrade cannot be told apart from good ones.

Revision ID: 0007_row_hashes
Revises: 0006_derived_files
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from desktop_app.store import row_hashes
from desktop_app.store.audit_chain import GENESIS, _canonical, entry_hash
from desktop_app.timeutil import now, to_utc_text

revision = "0007_row_hashes"
down_revision = "0006_derived_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    raw = op.get_bind().connection.driver_connection
    assert raw is not None  # sqlite3's, or SQLCipher's in a locked book
    hashes = row_hashes.all_row_hashes(raw)
    last = raw.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last is not None else GENESIS
    at = now()
    payload = _canonical({"note": "the rows as the upgrade found them",
                          row_hashes.ROWS_KEY: hashes})
    raw.execute("INSERT INTO audit_entry (at, action, entity, entity_id, payload, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (to_utc_text(at), "baseline", "book", None, payload, prev,
                 entry_hash(prev, at, "baseline", "book", None, payload)))


def downgrade() -> None:
    op.execute("DELETE FROM audit_entry WHERE action = 'baseline'")

"""Reading the evidence: the text in each exhibit's pictures, searchable, and where each
exhibit's capture time came from.

``exhibit_text`` holds, for the bytes of an original (its SHA-256), the text the OCR engine
read, its lines with boxes and confidence (JSON), the height of each page's picture (JSON:
what lies at its top is the status bar), the engine and its version, and when; a row
with ``error`` set says the file could not be read. ``evidence.captured_source`` says where
``captured_at`` came from (``exif``, ``email``, ``filename``, ``screen``, ``file_time``,
``person``); exhibits imported before this revision have NULL: not recorded.

Search: kind 6 of ``search_index`` is an exhibit's read text, rowid ``evidence id * 8 + 6``,
kept in step by triggers on both tables (one text, every exhibit holding those bytes).

Adding the column changes every exhibit row's content hash (the hash is over all its stored
values), so this migration records the new hashes in an audit entry (``schema``), as 0007
did for every row: the rows are the ones the upgrade found, one column longer.

Revision ID: 0008_exhibit_text
Revises: 0007_row_hashes
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop_app.store import row_hashes
from desktop_app.store.audit_chain import GENESIS, _canonical, entry_hash
from desktop_app.timeutil import now, to_utc_text

revision = "0008_exhibit_text"
down_revision = "0007_row_hashes"
branch_labels = None
depends_on = None

KIND = 6
_ROWS_OF_TEXT = "SELECT e.id * 8 + 6 FROM evidence e WHERE e.sha256 = {row}.sha256"


def upgrade() -> None:
    op.create_table(
        "exhibit_text",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.String(), nullable=False, server_default=""),
        sa.Column("lines", sa.String(), nullable=False, server_default="[]"),
        sa.Column("heights", sa.String(), nullable=False, server_default="[]"),
        sa.Column("engine", sa.String(), nullable=False, server_default=""),
        sa.Column("read_at", sa.String(40), nullable=False),
        sa.Column("error", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("sha256", name="pk_exhibit_text"),
    )
    # ADD COLUMN (no table rebuild): the search triggers on evidence stay as 0005 made them
    op.execute("ALTER TABLE evidence ADD COLUMN captured_source VARCHAR(16)")
    insert_text = ("INSERT INTO search_index(rowid, text) SELECT e.id * 8 + 6, new.text"
                   " FROM evidence e WHERE e.sha256 = new.sha256 AND new.text != '';")
    delete_text = (f"DELETE FROM search_index WHERE rowid IN ({_ROWS_OF_TEXT.format(row='old')});")
    op.execute(f"CREATE TRIGGER search_text_ai AFTER INSERT ON exhibit_text BEGIN {insert_text}"
               " END")
    op.execute(f"CREATE TRIGGER search_text_au AFTER UPDATE OF sha256, text ON exhibit_text BEGIN"
               f" {delete_text} {insert_text} END")
    op.execute(f"CREATE TRIGGER search_text_ad AFTER DELETE ON exhibit_text BEGIN {delete_text}"
               " END")
    op.execute("CREATE TRIGGER search_evidence_text_ai AFTER INSERT ON evidence BEGIN"
               " INSERT INTO search_index(rowid, text) SELECT new.id * 8 + 6, t.text"
               " FROM exhibit_text t WHERE t.sha256 = new.sha256 AND t.text != ''; END")
    op.execute("CREATE TRIGGER search_evidence_text_ad AFTER DELETE ON evidence BEGIN"
               " DELETE FROM search_index WHERE rowid = old.id * 8 + 6; END")
    _record_exhibit_hashes()


def _record_exhibit_hashes() -> None:
    raw = op.get_bind().connection.driver_connection
    assert raw is not None  # sqlite3's, or SQLCipher's in a locked book
    hashes = {k: v for k, v in row_hashes.all_row_hashes(raw).items()
              if k.startswith("evidence:")}
    if not hashes:
        return
    last = raw.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last is not None else GENESIS
    at = now()
    payload = _canonical({"note": "exhibits gained captured_source (empty: not recorded)",
                          row_hashes.ROWS_KEY: hashes})
    raw.execute("INSERT INTO audit_entry (at, action, entity, entity_id, payload, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (to_utc_text(at), "schema", "book", None, payload, prev,
                 entry_hash(prev, at, "schema", "book", None, payload)))


def downgrade() -> None:
    for name in ("search_text_ai", "search_text_au", "search_text_ad",
                 "search_evidence_text_ai", "search_evidence_text_ad"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DELETE FROM search_index WHERE rowid % 8 = 6")
    op.drop_table("exhibit_text")
    # DROP COLUMN in place (SQLite 3.35+): a batch rebuild would drop 0005's triggers
    op.execute("ALTER TABLE evidence DROP COLUMN captured_source")

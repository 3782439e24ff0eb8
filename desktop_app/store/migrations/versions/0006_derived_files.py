"""Derived files (an image's thumbnail and print copy) get their own SHA-256 on record.

``derived_file`` holds, for the bytes of an original (its SHA-256) and a kind (``thumb`` or
``print``), the SHA-256 and size of the derived file Casebook made. The export prints a print
copy only when its bytes still hash to what is recorded here; otherwise it makes the copy
afresh from the verified original. ``verify`` notes copies that do not match.

Copies already on disk when this migration runs are recorded as they are found (``made_at``
NULL: "found at upgrade, not seen being made"). They are what the earlier version printed;
leaving them unrecorded would make every export of an existing book render every image again
from its original and every verify note every image. A copy swapped before the upgrade cannot
be told apart from a good one here, as it could not before.

Revision ID: 0006_derived_files
Revises: 0005_search
Create Date: 2026-12-06
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from desktop_app.evidence.renditions import digest_of

revision = "0006_derived_files"
down_revision = "0005_search"
branch_labels = None
depends_on = None

KINDS = {"thumb": "-thumb.jpg", "print": "-print.jpg"}


def _derived_dir(conn: sa.Connection) -> Path | None:
    """``evidence/derived`` of the data dir this database is in (None for a memory database)."""
    for row in conn.exec_driver_sql("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            return Path(row[2]).parent / "evidence" / "derived"
    return None


def upgrade() -> None:
    op.create_table(
        "derived_file",
        sa.Column("original_sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("made_at", sa.String(40), nullable=True),
        sa.PrimaryKeyConstraint("original_sha256", "kind", name="pk_derived_file"),
    )
    conn = op.get_bind()
    folder = _derived_dir(conn)
    if folder is None or not folder.is_dir():
        return
    originals = [r[0] for r in conn.exec_driver_sql(
        "SELECT DISTINCT sha256 FROM evidence WHERE mime LIKE 'image/%'").fetchall()]
    for sha in originals:
        for kind, suffix in KINDS.items():
            path = folder / sha[:2] / f"{sha}{suffix}"
            try:
                digest, size = digest_of(path)
            except OSError:  # missing or unreadable: left unrecorded, made again when needed
                continue
            conn.execute(sa.text(
                "INSERT INTO derived_file (original_sha256, kind, sha256, size, made_at)"
                " VALUES (:o, :k, :s, :n, NULL)"), {"o": sha, "k": kind, "s": digest, "n": size})


def downgrade() -> None:
    op.drop_table("derived_file")

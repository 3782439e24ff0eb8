"""Search: one full-text index over what the user wrote, kept in step by triggers.

``search_index`` is an FTS5 table with the ``trigram`` tokenizer, so a word is found inside a
run of Chinese text (授权 in 未经授权的交易) and a reference number by any part of it. It holds
one row per searchable record; the rowid says which: ``id * 8 + kind`` with kind 1 case,
2 event, 3 reference, 4 promise, 5 evidence (see ``desktop_app.store.search``). The text is the
record's searchable columns joined by newlines.

Triggers on the source tables keep it in step for every writer, ORM or not; rows removed by
``ON DELETE CASCADE`` fire their tables' delete triggers too. A later migration that rebuilds
one of these tables (batch mode) drops its triggers and must create them again.

Revision ID: 0005_search
Revises: 0004_complaint_lodged
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0005_search"
down_revision = "0004_complaint_lodged"
branch_labels = None
depends_on = None

# table -> (kind, searchable columns)
SOURCES: dict[str, tuple[int, tuple[str, ...]]] = {
    "case": (1, ("title", "product", "transaction_refs", "description", "desired_outcome")),
    "event": (2, ("summary", "counterpart", "agent_id", "contact", "email_from", "email_to",
                  "email_cc", "details")),
    "reference": (3, ("label", "value", "issued_by")),
    "promise": (4, ("text", "state_note")),
    "evidence": (5, ("caption", "proves", "note", "original_name")),
}


def _text(row: str, columns: tuple[str, ...]) -> str:
    return " || char(10) || ".join(f"ifnull({row}.{c}, '')" for c in columns)


def _insert(row: str, kind: int, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO search_index(rowid, text)"
            f" VALUES ({row}.id * 8 + {kind}, {_text(row, columns)});")


def _delete(kind: int) -> str:
    return f"DELETE FROM search_index WHERE rowid = old.id * 8 + {kind};"


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE search_index USING fts5(text, tokenize='trigram')")
    for table, (kind, columns) in SOURCES.items():
        op.execute(f'INSERT INTO search_index(rowid, text) SELECT t.id * 8 + {kind},'
                   f' {_text("t", columns)} FROM "{table}" t')
        op.execute(f'CREATE TRIGGER search_{table}_ai AFTER INSERT ON "{table}" BEGIN'
                   f' {_insert("new", kind, columns)} END')
        op.execute(f'CREATE TRIGGER search_{table}_au AFTER UPDATE OF id, {", ".join(columns)}'
                   f' ON "{table}" BEGIN {_delete(kind)} {_insert("new", kind, columns)} END')
        op.execute(f'CREATE TRIGGER search_{table}_ad AFTER DELETE ON "{table}" BEGIN'
                   f' {_delete(kind)} END')


def downgrade() -> None:
    for table in SOURCES:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_index")

"""Search for words of one or two characters from an index, not a scan.

``search_short`` is an FTS5 table (``unicode61`` tokenizer, a prefix index of one character,
``detail=none``, contentless) holding, for every row of ``search_index`` under the same rowid,
the row's text cut into every run of two characters (the last one alone), separated by spaces:
授权书 -> "授权 权书 书". A two-character word is then one token (``"授权"``) and a one-character
word a prefix (``"授" *``); ``desktop_app.store.search`` checks every candidate against the
text with ``LIKE``, so the index only has to find a superset.

The pieces are cut in SQL with ``search_short_n`` (the numbers 0…999; three of them make
positions up to 10^9), so no application function is needed and every writer keeps it in step.
Every trigger that writes ``search_index`` (0005, 0008, 0009) is made again here with the same
statements plus the same change to ``search_short``: its row is removed with the ``delete``
command and the pieces of ``search_index``'s text *before* that row is removed, and added from
``search_index``'s new row after it is written. A later migration that writes ``search_index``
must do the same to ``search_short``.

Revision ID: 0010_search_bigrams
Revises: 0009_reference_kinds
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0010_search_bigrams"
down_revision = "0009_reference_kinds"
branch_labels = None
depends_on = None

# table -> (kind, searchable columns), as 0005 made them (the reference label as 0009 did)
SOURCES: dict[str, tuple[int, tuple[str, ...]]] = {
    "case": (1, ("title", "product", "transaction_refs", "description", "desired_outcome")),
    "event": (2, ("summary", "counterpart", "agent_id", "contact", "email_from", "email_to",
                  "email_cc", "details")),
    "reference": (3, ("label", "value", "issued_by")),
    "promise": (4, ("text", "state_note")),
    "evidence": (5, ("caption", "proves", "note", "original_name")),
}
WORDS = {"complaint_no": "投诉编号 Complaint no.", "acceptance_no": "受理编号 Acceptance no.",
         "ticket_no": "工单号 Ticket no.", "regulator_case_no": "监管受理编号 Regulator case no.",
         "transaction_no": "交易流水号 Transaction no.", "order_no": "订单号 Order no."}


def grams(text: str) -> str:
    """SQL for ``text`` cut into every two characters, space-separated."""
    return (f"(SELECT group_concat(substr({text}, a.n * 1000000 + b.n * 1000 + c.n + 1, 2), ' ')"
            " FROM search_short_n a, search_short_n b, search_short_n c"
            f" WHERE a.n <= (length({text}) - 1) / 1000000"
            f" AND b.n <= (length({text}) - 1 - a.n * 1000000) / 1000"
            f" AND c.n <= length({text}) - 1 - a.n * 1000000 - b.n * 1000)")


def _text(row: str, table: str, columns: tuple[str, ...]) -> str:
    def column(c: str) -> str:
        if table == "reference" and c == "label":
            cases = " ".join(f"WHEN '{k}' THEN '{w}'" for k, w in WORDS.items())
            return f"CASE {row}.label {cases} ELSE ifnull({row}.label, '') END"
        return f"ifnull({row}.{c}, '')"
    return " || char(10) || ".join(column(c) for c in columns)


def _remove(rowids: str, short: bool = True) -> str:
    """Statements removing the rows ``rowids`` (an SQL list) from both indexes."""
    if not short:
        return f"DELETE FROM search_index WHERE rowid IN ({rowids});"
    return ("INSERT INTO search_short(search_short, rowid, text) SELECT 'delete', s.rowid,"
            f" {grams('s.text')} FROM search_index s WHERE s.rowid IN ({rowids});"
            f" DELETE FROM search_index WHERE rowid IN ({rowids});")


def _add_short(rowids: str, short: bool = True) -> str:
    if not short:
        return ""
    return (f"INSERT INTO search_short(rowid, text) SELECT s.rowid, {grams('s.text')}"
            f" FROM search_index s WHERE s.rowid IN ({rowids});")


_TEXT_ROWS = "SELECT e.id * 8 + 6 FROM evidence e WHERE e.sha256 = {row}.sha256"


def _triggers(short: bool = True) -> dict[str, str]:
    made: dict[str, str] = {}
    for table, (kind, columns) in SOURCES.items():
        rowid = "{row}.id * 8 + " + str(kind)
        insert = (f"INSERT INTO search_index(rowid, text) VALUES ({rowid.format(row='new')},"
                  f" {_text('new', table, columns)}); {_add_short(rowid.format(row='new'), short)}")
        made[f"search_{table}_ai"] = f'AFTER INSERT ON "{table}" BEGIN {insert} END'
        made[f"search_{table}_au"] = (f'AFTER UPDATE OF id, {", ".join(columns)} ON "{table}"'
                                      f" BEGIN {_remove(rowid.format(row='old'), short)} {insert} END")
        made[f"search_{table}_ad"] = (f'AFTER DELETE ON "{table}" BEGIN'
                                      f" {_remove(rowid.format(row='old'), short)} END")
    insert_text = ("INSERT INTO search_index(rowid, text) SELECT e.id * 8 + 6, new.text"
                   " FROM evidence e WHERE e.sha256 = new.sha256 AND new.text != '';"
                   f" {_add_short(_TEXT_ROWS.format(row='new'), short)}")
    remove_text = _remove(_TEXT_ROWS.format(row="old"), short)
    made["search_text_ai"] = f"AFTER INSERT ON exhibit_text BEGIN {insert_text} END"
    made["search_text_au"] = ("AFTER UPDATE OF sha256, text ON exhibit_text BEGIN"
                              f" {remove_text} {insert_text} END")
    made["search_text_ad"] = f"AFTER DELETE ON exhibit_text BEGIN {remove_text} END"
    made["search_evidence_text_ai"] = (
        "AFTER INSERT ON evidence BEGIN INSERT INTO search_index(rowid, text)"
        " SELECT new.id * 8 + 6, t.text FROM exhibit_text t WHERE t.sha256 = new.sha256"
        f" AND t.text != ''; {_add_short('new.id * 8 + 6', short)} END")
    made["search_evidence_text_ad"] = f"AFTER DELETE ON evidence BEGIN {_remove('old.id * 8 + 6', short)} END"
    return made


def upgrade() -> None:
    op.execute("CREATE TABLE search_short_n (n INTEGER PRIMARY KEY)")
    op.execute("INSERT INTO search_short_n (n) VALUES " + ",".join(f"({n})" for n in range(1000)))
    op.execute("CREATE VIRTUAL TABLE search_short USING fts5(text, content='', detail=none,"
               " prefix='1', tokenize='unicode61 remove_diacritics 0')")
    op.execute(f"INSERT INTO search_short(rowid, text) SELECT s.id, {grams('s.c0')}"
               " FROM search_index_content s")
    for name, body in _triggers().items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    # the triggers as 0005/0008/0009 left them: the same statements without search_short
    for name, body in _triggers(short=False).items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("DROP TABLE IF EXISTS search_short")
    op.execute("DROP TABLE IF EXISTS search_short_n")

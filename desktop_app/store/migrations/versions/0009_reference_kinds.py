"""Reference labels by kind: a label that names a known kind of number, in English or Chinese
("Complaint no.", "投诉号", "投诉编号" …), is stored as the kind's key (``complaint_no``), so it
is printed in the reader's language (see ``desktop_app.vocab.REFERENCE_KINDS``); any other
label stays as typed.

The mapping is the one this revision shipped with (copied here: a later change to the
vocabulary must not change what this migration did). Changed references change their entry's
content hash, so the new hashes are recorded in one audit entry (``schema``), as 0008 did.

Revision ID: 0009_reference_kinds
Revises: 0008_exhibit_text
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from desktop_app.store import row_hashes
from desktop_app.store.audit_chain import GENESIS, _canonical, entry_hash
from desktop_app.timeutil import now, to_utc_text

revision = "0009_reference_kinds"
down_revision = "0008_exhibit_text"
branch_labels = None
depends_on = None

KINDS: dict[str, tuple[str, ...]] = {
    "complaint_no": ("投诉编号", "complaint no.", "投诉号", "投诉号码", "投诉单号", "投诉编码",
                     "complaint number", "complaint no", "complaint ref",
                     "complaint reference"),
    "acceptance_no": ("受理编号", "acceptance no.", "受理号", "受理单号", "acceptance number"),
    "ticket_no": ("工单号", "ticket no.", "工单编号", "服务单号", "ticket number", "ticket",
                  "case number"),
    "regulator_case_no": ("监管受理编号", "regulator case no.", "监管投诉编号",
                          "regulator case number", "regulator reference"),
    "transaction_no": ("交易流水号", "transaction no.", "流水号", "交易号", "交易单号",
                       "transaction id", "transaction number"),
    "order_no": ("订单号", "order no.", "订单编号", "order number", "order id"),
}
# the English labels as the window wrote them before this revision, for the downgrade
ENGLISH = {"complaint_no": "Complaint no.", "acceptance_no": "Acceptance no.",
           "ticket_no": "Ticket no.", "regulator_case_no": "Regulator case no.",
           "transaction_no": "Transaction no.", "order_no": "Order no."}


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("：", "").rstrip(":.").split())


# Search: a reference's label is indexed in both languages when it names a kind, so that 投诉编号
# and "complaint no." find it whichever language it was typed in (and the key itself is not
# indexed: "_" finds nothing). 0005's reference triggers are made again with this text.
WORDS = {"complaint_no": "投诉编号 Complaint no.", "acceptance_no": "受理编号 Acceptance no.",
         "ticket_no": "工单号 Ticket no.", "regulator_case_no": "监管受理编号 Regulator case no.",
         "transaction_no": "交易流水号 Transaction no.", "order_no": "订单号 Order no."}


def _label_words(row: str) -> str:
    cases = " ".join(f"WHEN '{key}' THEN '{words}'" for key, words in WORDS.items())
    return f"CASE {row}.label {cases} ELSE ifnull({row}.label, '') END"


def _reference_text(row: str, label: str) -> str:
    return f"{label} || char(10) || ifnull({row}.value, '') || char(10) || ifnull({row}.issued_by, '')"


def _reference_triggers(label_of: object) -> None:
    assert callable(label_of)
    op.execute("DROP TRIGGER IF EXISTS search_reference_ai")
    op.execute("DROP TRIGGER IF EXISTS search_reference_au")
    insert = ("INSERT INTO search_index(rowid, text) VALUES (new.id * 8 + 3, "
              f"{_reference_text('new', label_of('new'))});")
    op.execute(f"CREATE TRIGGER search_reference_ai AFTER INSERT ON reference BEGIN {insert} END")
    op.execute("CREATE TRIGGER search_reference_au AFTER UPDATE OF id, label, value, issued_by"
               " ON reference BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3;"
               f" {insert} END")
    op.execute("DELETE FROM search_index WHERE rowid IN (SELECT id * 8 + 3 FROM reference)")
    op.execute("INSERT INTO search_index(rowid, text) SELECT r.id * 8 + 3,"
               f" {_reference_text('r', label_of('r'))} FROM reference r")


def upgrade() -> None:
    _map_labels()
    _reference_triggers(_label_words)


def _map_labels() -> None:
    raw = op.get_bind().connection.driver_connection
    assert raw is not None  # sqlite3's, or SQLCipher's in a locked book
    kind_of = {_folded(name): key for key, names in KINDS.items() for name in names}
    changed_events: set[int] = set()
    for ref_id, event_id, label in raw.execute(
            "SELECT id, event_id, label FROM reference WHERE label != ''").fetchall():
        key = kind_of.get(_folded(label))
        if key is not None and key != label:
            raw.execute("UPDATE reference SET label = ? WHERE id = ?", (key, ref_id))
            changed_events.add(event_id)
    if not changed_events:
        return
    hashes = {row_hashes.key("event", e): row_hashes.row_hash(raw, "event", e)
              for e in sorted(changed_events)}
    last = raw.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last is not None else GENESIS
    at = now()
    payload = _canonical({"note": "reference labels stored by kind", row_hashes.ROWS_KEY: hashes})
    raw.execute("INSERT INTO audit_entry (at, action, entity, entity_id, payload, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (to_utc_text(at), "schema", "book", None, payload, prev,
                 entry_hash(prev, at, "schema", "book", None, payload)))


def downgrade() -> None:
    for key, english in ENGLISH.items():
        op.execute(f"UPDATE reference SET label = '{english}' WHERE label = '{key}'")
    _reference_triggers(lambda row: f"ifnull({row}.label, '')")  # as 0005 made them

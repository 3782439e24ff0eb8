"""Search: the FTS5 trigram index kept in step by triggers for every writer, Chinese words of
any length, reference numbers whole or in part, user text never read as query syntax, and a
0004 database searchable after its upgrade."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from evidence_samples import BODY, gbk_email, image_bytes, write
from raw_sqlite import downgrade, query

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.store import search as search_module
from desktop_app.store.engine import make_engine, migrate
from desktop_app.store.paths import DataPaths
from desktop_app.store.search import MARK, SearchHit, fts_phrase, like_pattern, query_words
from desktop_app.timeutil import parse_time

CASE = CaseFields(title="建行小程序转账失败", institution_name="建设银行",
                  description="发现一笔未经授权的交易，金额5000元。",
                  desired_outcome="全额退款并书面说明原因。")


def event(summary: str = "投诉扣款未到账", **changes: object) -> EventFields:
    base = EventFields(
        at=parse_time("2024-03-01 10:00"), channel="call", direction="out",
        counterpart="客服 李女士", agent_id="8823", contact="95533", summary=summary,
        details="客服说三个工作日内回电。",
        references=(ReferenceData("CCB20241101-0042", "投诉编号", "中国建设银行"),),
        promises=(PromiseData("三个工作日内回电", parse_time("2024-03-06 18:00")),))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def targets(hits: list[SearchHit]) -> set[tuple[str, int, int | None, int | None]]:
    return {(h.kind, h.case_id, h.event_id, h.evidence_id) for h in hits}


def index_rows(db: Path) -> int:
    return query(db, "SELECT count(*) FROM search_index")[0][0]


# ---- Chinese words of any length -----------------------------------------------------------


def test_trigram_finds_a_two_character_word_inside_chinese_text(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    hits = book.search("授权")
    assert targets(hits) == {("case", case.id, None, None)}
    assert f"{MARK[0]}授权{MARK[1]}" in hits[0].snippet
    assert hits[0].case_title == "建行小程序转账失败"
    assert targets(book.search("退款")) == {("case", case.id, None, None)}
    assert targets(book.search("未经授权的交易")) == {("case", case.id, None, None)}
    assert book.search("授权的")
    assert book.search("经授权")
    assert book.search("授信") == []


def test_one_and_two_character_queries_scan_with_like(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event(summary="要求退款", details="客服：已退"))
    assert ("event", case.id, ev.id, None) in targets(book.search("款"))
    assert ("event", case.id, ev.id, None) in targets(book.search("退"))
    assert targets(book.search("已退")) == {("event", case.id, ev.id, None)}
    assert book.search("  退款  ")  # trimmed
    # % and _ are plain characters, not LIKE wildcards
    assert book.search("%") == []
    assert book.search("_") == []
    assert book.search("a%") == []
    other = book.cases.create_case(dataclasses.replace(CASE, title="利率 5%_上浮", description=""))
    assert targets(book.search("%")) == {("case", other.id, None, None)}
    assert targets(book.search("%_")) == {("case", other.id, None, None)}


def test_every_word_must_occur(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event(summary="投诉扣款未到账"))
    assert ("event", case.id, ev.id, None) in targets(book.search("李女士 回电"))
    assert ("event", case.id, ev.id, None) in targets(book.search("扣款 8823"))
    assert book.search("扣款 授权") == []  # both occur, but not in one record
    assert book.search("李女士 不存在的词") == []


def test_latin_words_are_found_whatever_their_case(book: Casebook) -> None:
    case = book.cases.create_case(dataclasses.replace(CASE, title="Card blocked at ATM"))
    assert targets(book.search("card BLOCKED")) == {("case", case.id, None, None)}
    assert targets(book.search("atm")) == {("case", case.id, None, None)}


# ---- reference numbers ---------------------------------------------------------------------


def test_reference_numbers_full_and_partial(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event())
    want = {("reference", case.id, ev.id, None)}
    assert targets(book.search("CCB20241101-0042")) == want
    assert targets(book.search("ccb20241101-0042")) == want
    assert targets(book.search("1101-00")) == want
    assert targets(book.search("0042")) == want
    assert targets(book.search("42")) == want  # two characters: the LIKE scan
    assert book.search("CCB20241101-0043") == []
    hit = book.search("1101-00")[0]
    assert hit.snippet.endswith(f"CCB2024{MARK[0]}1101-00{MARK[1]}42 中国建设银行")
    assert hit.at == ev.fields.at


def test_special_characters_never_raise(book: Casebook) -> None:
    case = book.cases.create_case(dataclasses.replace(CASE,
                                                      title='He said "refund*" AND -left: (x)'))
    for text in ['"', '""', '"refund*"', "*", "***", "AND", "a AND b", "NOT", "OR", "-left",
                 "left:", "col:x", "(x)", "NEAR(a b)", "^abc", "'", "\\", "\\%", "{a b}",
                 "+", "\x00", "\u3000", "授权\"", "%%%", "__", "\\_"]:
        book.search(text)
    assert targets(book.search('"refund*"')) == {("case", case.id, None, None)}
    assert targets(book.search("AND -left:")) == {("case", case.id, None, None)}
    assert targets(book.search("(x)")) == {("case", case.id, None, None)}
    assert book.search("") == []
    assert book.search("   ") == []


def test_query_helpers() -> None:
    assert query_words("  授权  退款 授权 ") == ["授权", "退款"]
    assert fts_phrase('a"b') == '"a""b"'
    assert like_pattern("5%_\\") == "%5\\%\\_\\\\%"


# ---- the index kept in step ----------------------------------------------------------------


def test_the_index_follows_cases_events_references_and_promises(book: Casebook,
                                                               db_path: Path) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event())
    assert ("promise", case.id, ev.id, None) in targets(book.search("三个工作日内回电"))
    assert targets(book.search("李女士")) == {("event", case.id, ev.id, None)}

    book.cases.update_case(case.id, dataclasses.replace(CASE, title="建行扣款投诉",
                                                  description="重复扣款"))
    assert book.search("授权") == []
    assert targets(book.search("重复扣款")) == {("case", case.id, None, None)}
    assert book.search("重复扣款")[0].case_title == "建行扣款投诉"

    book.timeline.update_event(ev.id, event(counterpart="王先生", references=(
        ReferenceData("ICBC-777-888", "工单号"),), promises=()))
    assert book.search("李女士") == []
    assert book.search("CCB20241101") == []
    assert "promise" not in {h.kind for h in book.search("三个工作日内回电")}  # went with the edit
    assert targets(book.search("王先生")) == {("event", case.id, ev.id, None)}
    assert targets(book.search("777-8")) == {("reference", case.id, ev.id, None)}

    removed = book.timeline.delete_event(ev.id)
    assert book.search("王先生") == []
    assert book.search("777-8") == []
    book.timeline.restore_event(removed)  # undo: back with its id
    assert targets(book.search("777-8")) == {("reference", case.id, ev.id, None)}

    before = index_rows(db_path)
    book.timeline.add_event(case.id, event(summary="另一次来电", references=(), promises=()))
    assert index_rows(db_path) == before + 1


def test_touching_a_case_does_not_rewrite_its_index_row(book: Casebook, db_path: Path) -> None:
    case = book.cases.create_case(CASE)
    rowid = query(db_path, "SELECT rowid FROM search_index WHERE rowid % 8 = 1")
    book.timeline.add_event(case.id, event())  # bumps case.updated_at only
    assert query(db_path, "SELECT rowid FROM search_index WHERE rowid % 8 = 1") == rowid
    assert book.search("授权")


def test_deleting_a_case_removes_all_of_its_rows_through_the_cascade(
        book: Casebook, db_path: Path, tmp_path: Path) -> None:
    keep = book.cases.create_case(dataclasses.replace(CASE, title="另一个案子", description=""))
    book.timeline.add_event(keep.id, event(summary="别的事"))
    kept_rows = index_rows(db_path)
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event())
    book.imports.import_file(case.id, write(tmp_path / "截图.png", image_bytes("PNG")),
                             event_id=ev.id,
                     caption="转账失败截图", proves="扣款")
    assert book.search("转账失败截图")
    snapshot = book.cases.delete_case(case.id)
    assert index_rows(db_path) == kept_rows
    assert book.search("未经授权") == []
    assert book.search("转账失败截图") == []
    assert query(db_path, "SELECT count(*) FROM search_index WHERE search_index MATCH"
                 " '\"CCB20241101\"'") == [(1,)]  # the kept case's reference only
    book.cases.restore_case(snapshot)  # undo
    assert targets(book.search("转账失败截图")) == {("evidence", case.id, ev.id,
                                                 snapshot.evidence[0].id)}
    assert book.search("未经授权")


def test_a_plain_sqlite_writer_keeps_it_in_step_too(book: Casebook, db_path: Path) -> None:
    case = book.cases.create_case(CASE)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.execute("INSERT INTO event (id, case_id, at, channel, summary, created_at,"
                    " updated_at) VALUES (90, ?, '2024-03-01T02:00:00.000000+00:00', 'note',"
                    " '手写的备注：冻结账户', '2024-03-01T02:00:00.000000+00:00',"
                    " '2024-03-01T02:00:00.000000+00:00')", (case.id,))
    assert targets(book.search("冻结账户")) == {("event", case.id, 90, None)}
    with con:
        con.execute('DELETE FROM "case" WHERE id = ?', (case.id,))
    con.close()
    assert book.search("冻结账户") == []
    assert book.search("授权") == []
    assert index_rows(db_path) == 0


def test_evidence_captions_follow_edits_and_removal(book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event())
    outcome = book.imports.import_file(case.id, write(tmp_path / "回单.png", image_bytes("PNG")),
                               caption="银行回单")
    assert outcome.record is not None
    evidence_id = outcome.record.id
    assert targets(book.search("银行回单")) == {("evidence", case.id, None, evidence_id)}
    assert book.search("回单.png")  # the file's name too
    assert book.search("银行回单")[0].exhibit_no == 1
    book.evidence.update_evidence(evidence_id, caption="短信截图", event_id=ev.id)
    assert book.search("银行回单") == []
    assert targets(book.search("短信截图")) == {("evidence", case.id, ev.id, evidence_id)}
    removed = book.evidence.remove_evidence(evidence_id)
    assert book.search("短信截图") == []
    book.evidence.restore_evidence(removed)
    assert book.search("短信截图")


def test_an_imported_email_is_searchable_by_its_body_and_subject(book: Casebook,
                                                                tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    outcome = book.imports.import_file(case.id, write(tmp_path / "reply.eml", gbk_email()))
    assert outcome.created_event_id is not None
    entry = ("event", case.id, outcome.created_event_id, None)
    assert "已受理" in BODY
    assert entry in targets(book.search("已受理"))  # two characters, in the body
    assert entry in targets(book.search("15个工作日内答复"))
    assert entry in targets(book.search("20240301-0001"))  # the subject's number
    assert entry in targets(book.search("kefu@ccb"))  # the sender
    attachment = {h.kind for h in book.search("对账单2024年3月")}
    assert attachment == {"evidence"}
    # a hit in the body shows the subject and body, never the run of raw headers before them
    (hit,) = [h for h in book.search("已受理") if h.kind == "event"]
    assert "@" not in hit.plain_snippet
    assert "«已受理»" in hit.snippet
    # a hit in an address shows the address, once
    (by_sender,) = [h for h in book.search("kefu@ccb") if h.kind == "event"]
    assert by_sender.plain_snippet.count("kefu@ccb") == 1


def test_hits_are_the_newest_first_and_limited(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    ids = [book.timeline.add_event(case.id, event(summary=f"第{n}次催促退款", references=(),
                                         promises=())).id for n in range(12)]
    hits = book.search("催促", limit=5)
    assert [h.event_id for h in hits] == ids[::-1][:5]
    assert len(book.search("催促退款")) == 12
    assert book.search("催促", limit=0) == []


def test_one_entry_matched_twice_is_one_hit(book: Casebook) -> None:
    case = book.cases.create_case(CASE)
    ev = book.timeline.add_event(case.id, event(summary="投诉编号CCB20241101-0042已受理"))
    hits = book.search("CCB20241101-0042")
    assert [(h.case_id, h.event_id, h.evidence_id) for h in hits] == [(case.id, ev.id, None)]


def test_snippets_show_the_text_around_a_match_on_one_line() -> None:
    pattern = search_module._pattern(["授权"])
    text = "开头" * 60 + "\n发现一笔未经授权的交易\n" + "结尾" * 60
    parts = search_module.snippet_parts(text, pattern)
    plain = "".join(t for t, _ in parts)
    assert plain.startswith("…")
    assert plain.endswith("…")
    assert "\n" not in plain
    assert ("授权", True) in parts
    assert len(plain) <= search_module.SNIPPET_CHARS + 2


def test_the_search_module_needs_no_orm() -> None:
    import subprocess
    import sys

    code = ("import sys, desktop_app.store.search; "
            "print(any(m.startswith(('sqlalchemy', 'sqlmodel', 'PySide6')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


# ---- the migration -------------------------------------------------------------------------


def make_0004_database(db_path: Path) -> None:
    DataPaths(db_path.parent).ensure()
    engine = make_engine(db_path)
    try:
        migrate(engine, "0004_complaint_lodged")
    finally:
        engine.dispose()
    con = sqlite3.connect(db_path)
    with con:
        con.execute(
            'INSERT INTO "case" (id, title, institution_id, product, category, currency,'
            " transaction_refs, description, desired_outcome, status, jurisdiction, created_at,"
            " updated_at) VALUES (7, '转账失败', 4, '建行微信小程序', 'other', 'CNY', 'TX-1',"
            " '未经授权的交易', '退款', 'open', 'CN', '2024-03-01T02:00:00.000000+00:00',"
            " '2024-03-02T02:00:00.000000+00:00')")
        con.execute(
            "INSERT INTO event (id, case_id, at, channel, direction, counterpart, summary,"
            " details, created_at, updated_at) VALUES (11, 7, '2024-03-01T02:00:00.000000+00:00',"
            " 'email', 'in', '李女士', '答复', '您的退款申请已受理',"
            " '2024-03-01T02:30:00.000000+00:00', '2024-03-01T02:30:00.000000+00:00')")
        con.execute("INSERT INTO reference (id, event_id, label, value, issued_by, position)"
                    " VALUES (21, 11, '投诉编号', 'CCB20240301-0001', '', 0)")
        con.execute("INSERT INTO promise (id, event_id, text, state, state_note, position)"
                    " VALUES (31, 11, '三个工作日内回电', 'pending', '', 0)")
        con.execute(
            "INSERT INTO evidence (id, case_id, event_id, exhibit_no, sha256, size, mime,"
            " original_name, imported_at, caption, proves, note, preview) VALUES (41, 7, 11, 1,"
            " ?, 10, 'image/png', '截图.png', '2024-03-01T03:00:00.000000+00:00', '通话记录',"
            " '', '', 0)", ("a" * 64,))
    con.close()


def test_a_0004_database_is_searchable_after_its_upgrade(data_dir: Path, db_path: Path) -> None:
    make_0004_database(db_path)
    with Casebook.open(data_dir) as book:
        assert targets(book.search("授权")) == {("case", 7, None, None)}
        assert targets(book.search("已受理")) == {("event", 7, 11, None)}
        assert targets(book.search("0301-00")) == {("reference", 7, 11, None)}
        assert targets(book.search("三个工作日")) == {("promise", 7, 11, None)}
        assert targets(book.search("通话记录")) == {("evidence", 7, 11, 41)}
        book.timeline.add_event(7, event(summary="升级后新增", references=(), promises=()))
        assert book.search("升级后新增")
    assert index_rows(db_path) == 6


@pytest.mark.parametrize("table", ["case", "event", "reference", "promise", "evidence"])
def test_every_source_table_has_its_three_triggers_at_head(book: Casebook, db_path: Path,
                                                           table: str) -> None:
    names = {r[0] for r in query(db_path, "SELECT name FROM sqlite_master WHERE"
                                          " type = 'trigger' AND tbl_name = ?", (table,))}
    assert {f"search_{table}_ai", f"search_{table}_au", f"search_{table}_ad"} <= names


def test_downgrade_drops_the_index(data_dir: Path, db_path: Path) -> None:
    with Casebook.open(data_dir) as book:
        book.cases.create_case(CASE)
    downgrade(db_path, "0004_complaint_lodged")
    left = query(db_path, "SELECT name FROM sqlite_master WHERE name LIKE 'search%'")
    assert left == []
    assert query(db_path, "SELECT title FROM \"case\"") == [("建行小程序转账失败",)]

"""Email: GBK/GB2312/UTF-8 mail with RFC 2047 headers and attachments, read into a timeline
entry with its evidence in one transaction; a malformed message kept as a file."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from evidence_samples import (
    BANK,
    BODY,
    CASE,
    ME,
    SUBJECT,
    b_word,
    gbk_email,
    malformed_email,
    pdf_bytes,
    q_word,
    sha256,
    utf8_email,
    write,
)
from raw_sqlite import query

from desktop_app.evidence.mail import (
    MalformedEmail,
    decode_header_text,
    html_to_text,
    parse_email,
)
from desktop_app.evidence.sniffing import looks_like_email
from desktop_app.records import EventFields
from desktop_app.services.book import Casebook
from desktop_app.store import writes
from desktop_app.timeutil import parse_time


@pytest.fixture
def case_id(book: Casebook) -> int:
    return book.cases.create_case(CASE).id


def rows(db: Path, table: str) -> int:
    return int(query(db, f'SELECT count(*) FROM "{table}"')[0][0])


# ---- reading a message ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b_word("中国建设银行"), "中国建设银行"),
        (q_word("关于您的投诉"), "关于您的投诉"),
        (b_word("镕基金", "gb2312"), "镕基金"),  # declared gb2312, needs GBK
        (q_word("账单", "GB18030"), "账单"),
        (b_word("招商银行 📄", "UTF-8"), "招商银行 📄"),
        (f"{b_word('回复：')} {b_word('投诉编号')}", "回复：投诉编号"),  # adjacent words join
        ("Re: " + q_word("退款"), "Re: 退款"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_rfc2047_headers_are_decoded(raw: str, text: str) -> None:
    assert decode_header_text(raw) == text


def test_a_gbk_bank_reply_is_read_whole() -> None:
    parsed = parse_email(gbk_email())

    assert parsed.subject == SUBJECT
    assert [(a.name, a.address) for a in parsed.sender] == [("中国建设银行客服中心", BANK)]
    assert [(a.name, a.address) for a in parsed.to] == [("张三", ME)]
    assert [(a.name, a.address) for a in parsed.cc] == [
        ("投诉处理部", "complaints@ccb.example.com")]
    assert parsed.date == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    assert parsed.body == BODY  # gb2312 declared, 镕 decoded (GB18030)
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("对账单2024年3月.pdf", "application/pdf"), ("转账截图.png", "image/png")]
    assert parsed.attachments[0].data == pdf_bytes("对账单")
    assert parsed.attachments[1].data.startswith(b"\x89PNG")


def test_a_utf8_message_with_an_html_body_becomes_plain_text() -> None:
    parsed = parse_email(utf8_email(html=True))
    assert parsed.subject == "您的账单分期申请结果 📄"
    assert parsed.sender[0].name == "招商银行信用卡中心"
    assert "alert" not in parsed.body
    assert "color" not in parsed.body
    assert "<" not in parsed.body
    assert "您的申请 未通过&已关闭。" in parsed.body
    assert parsed.body.startswith("尊敬的客户：")


def test_text_plain_is_preferred_over_html() -> None:
    msg = MIMEMultipart("alternative")
    msg["From"] = "a@b.example"
    msg["Subject"] = "x"
    msg["Date"] = "Fri, 01 Mar 2024 10:00:00 +0800"
    msg.attach(MIMEText("纯文本正文", "plain", "utf-8"))
    msg.attach(MIMEText("<p>HTML 正文</p>", "html", "utf-8"))
    parsed = parse_email(msg.as_bytes())
    assert parsed.body == "纯文本正文"
    assert parsed.attachments == ()


def test_raw_8bit_gbk_headers_are_read() -> None:
    raw = ("From: 工商银行 <service@icbc.example>\r\nTo: me@example.cn\r\n"
           "Subject: 您的投诉已受理\r\nDate: Fri, 01 Mar 2024 10:00:00 +0800\r\n"
           "Content-Type: text/plain; charset=gbk\r\n\r\n正文内容\r\n").encode("gbk")
    parsed = parse_email(raw)
    assert parsed.subject == "您的投诉已受理"
    assert parsed.sender[0].name == "工商银行"
    assert parsed.body == "正文内容"


def test_a_name_with_an_encoded_comma_stays_one_address() -> None:
    raw = (f"From: {b_word('客服, 投诉组')} <a@bank.example>\r\n"
           f"To: {b_word('张三')} <z@example.cn>, {q_word('李四')} <l@example.cn>\r\n"
           "Subject: x\r\nDate: Fri, 01 Mar 2024 10:00:00 +0800\r\n\r\nbody").encode()
    parsed = parse_email(raw)
    assert [(a.name, a.address) for a in parsed.sender] == [("客服, 投诉组", "a@bank.example")]
    assert [a.name for a in parsed.to] == ["张三", "李四"]


def test_html_to_text() -> None:
    assert html_to_text("<div>一</div><div>二&nbsp;&amp;三</div><br>四") == "一\n\n二 &三\n\n四"


@pytest.mark.parametrize("raw", [malformed_email(),
                                 malformed_email().replace(b'; boundary="never-there"', b"")])
def test_a_broken_mime_structure_is_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedEmail) as caught:
        parse_email(raw)
    assert "boundary" in caught.value.reason


def test_text_that_is_not_mail_is_malformed() -> None:
    with pytest.raises(MalformedEmail, match="does not begin with mail headers"):
        parse_email("这不是邮件".encode())


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"From: a@b.c\nTo: x@y.z\nSubject: s\n\nbody", True),
        (b"Return-Path: <a@b.c>\r\nReceived: from x\r\n by y\r\n\r\n", True),
        (b"From a@b.c Fri Mar  1 10:00:00 2024\nFrom: a@b.c\nDate: x\n\n", True),  # mbox
        (b"Subject: only\n\nbody", False),  # one header is not a message
        (b"Title: notes\nAuthor: me\n\ntext", False),  # headers, but not mail's
        (b" From: a@b.c\nTo: b@c.d\n\n", False),
        (b"From: a@b.c\nthis line is no header\n\n", False),
        (b"", False),
    ],
)
def test_looks_like_email(head: bytes, expected: bool) -> None:
    assert looks_like_email(head) is expected


# ---- an email dropped on a case becomes an entry --------------------------------------------


def test_an_eml_becomes_an_email_entry_with_its_attachments_as_evidence(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path) -> None:
    raw = gbk_email()
    source = write(tmp_path / "答复.eml", raw)
    audit_before = rows(db_path, "audit_entry")

    outcome = book.imports.import_file(case_id, source, caption="银行答复", proves="证明银行已受理")

    assert outcome.error is None
    assert outcome.created_event_id is not None
    event = book.timeline.get_event(outcome.created_event_id)
    assert event.case_id == case_id
    assert (event.channel, event.direction) == ("email", "in")  # the bank wrote to us
    assert event.at == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    assert event.summary == SUBJECT
    assert event.details == BODY
    assert event.email_from == f"中国建设银行客服中心 <{BANK}>"
    assert event.email_to == f"张三 <{ME}>"
    assert event.email_cc == "投诉处理部 <complaints@ccb.example.com>"
    assert event.counterpart == "中国建设银行客服中心"

    message = outcome.record
    assert message is not None
    assert (message.exhibit, message.mime, message.original_name) == (
        "E1", "message/rfc822", "答复.eml")
    assert (message.caption, message.proves) == ("银行答复", "证明银行已受理")
    assert message.sha256 == sha256(raw)
    assert message.event_id == event.id
    assert message.captured_at == event.at
    assert book.evidence.evidence_file(message.id).read_bytes() == raw
    assert book.evidence.evidence_file(message.id).suffix == ".eml"

    pdf, png = outcome.attachments
    assert [(a.exhibit, a.original_name, a.mime, a.event_id) for a in outcome.attachments] == [
        ("E2", "对账单2024年3月.pdf", "application/pdf", event.id),
        ("E3", "转账截图.png", "image/png", event.id)]
    assert book.evidence.evidence_file(pdf.id).read_bytes() == pdf_bytes("对账单")
    assert png.preview is True
    assert pdf.captured_at == event.at
    assert event.evidence_ids == (message.id, pdf.id, png.id)
    assert [r.id for r in book.evidence.list_evidence(case_id)] == [message.id, pdf.id, png.id]

    # one transaction, one audit entry
    assert rows(db_path, "audit_entry") == audit_before + 1
    assert query(db_path, "SELECT action, entity, entity_id FROM audit_entry"
                          " ORDER BY id DESC LIMIT 1") == [("import_email", "event", event.id)]
    assert book.verify_audit() == []


def test_the_email_import_is_one_transaction(book: Casebook, case_id: int, tmp_path: Path,
                                             db_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    inserted: list[int] = []
    real_insert = writes.insert_evidence

    def failing_insert(*args: Any, **kw: Any) -> int:
        inserted.append(1)
        if len(inserted) == 3:  # the second attachment
            raise OSError("disk went away")
        return real_insert(*args, **kw)

    monkeypatch.setattr(writes, "insert_evidence", failing_insert)
    with pytest.raises(OSError, match="disk went away"):
        book.imports.import_file(case_id, write(tmp_path / "a.eml", gbk_email()))
    assert rows(db_path, "event") == 0
    assert rows(db_path, "evidence") == 0
    assert book.verify_audit() == []


def test_dropping_the_same_email_twice_makes_one_entry(book: Casebook, case_id: int,
                                                       tmp_path: Path, db_path: Path) -> None:
    raw = gbk_email()
    first = book.imports.import_file(case_id, write(tmp_path / "a.eml", raw))
    again = book.imports.import_file(case_id, write(tmp_path / "copy.eml", raw))
    assert again.duplicate is True
    assert again.record == first.record
    assert again.created_event_id is None
    assert rows(db_path, "event") == 1


def test_an_attachment_already_in_the_case_is_not_added_twice(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    earlier = book.imports.import_file(case_id, write(tmp_path / "statement.pdf",
                                                      pdf_bytes("对账单")))
    outcome = book.imports.import_file(case_id, write(tmp_path / "a.eml", gbk_email()))
    assert [a.original_name for a in outcome.attachments] == ["转账截图.png"]
    assert earlier.record is not None
    assert book.evidence.get_evidence(earlier.record.id).event_id is None  # left where it was


def test_the_direction_is_out_when_the_sender_is_the_users_own_address(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    # the user once wrote from this address (an earlier "out" email, in another case)
    other = book.cases.create_case(CASE)
    book.timeline.add_event(other.id, EventFields(at=parse_time("2024-02-01 09:00"),
                                                  channel="email",
                                         direction="out", email_from=f"张三 <{ME.upper()}>",
                                         email_to=BANK))
    sent = gbk_email(sender=ME, to=BANK)
    outcome = book.imports.import_file(case_id, write(tmp_path / "sent.eml", sent))
    assert outcome.created_event_id is not None
    event = book.timeline.get_event(outcome.created_event_id)
    assert event.direction == "out"
    assert event.counterpart == BANK  # the other side: whom it was sent to


def test_the_users_address_is_also_known_from_mail_they_received(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    book.timeline.add_event(case_id, EventFields(at=parse_time("2024-02-01 09:00"), channel="email",
                                        direction="in", email_from=BANK,
                                        email_to=f"someone@else.example, {ME}"))
    outcome = book.imports.import_file(case_id, write(tmp_path / "sent.eml",
                                              gbk_email(sender=ME, to=BANK)))
    assert outcome.created_event_id is not None
    assert book.timeline.get_event(outcome.created_event_id).direction == "out"


def test_an_eml_dropped_on_an_entry_is_kept_on_that_entry(book: Casebook, case_id: int,
                                                          tmp_path: Path, db_path: Path) -> None:
    event_id = book.timeline.add_event(case_id, EventFields(at=parse_time("2024-03-01 09:00"),
                                                   channel="call")).id
    outcome = book.imports.import_file(case_id, write(tmp_path / "a.eml", gbk_email()),
                               event_id=event_id)
    assert outcome.created_event_id is None
    assert outcome.attachments == ()
    assert outcome.record is not None
    assert outcome.record.event_id == event_id
    assert outcome.record.captured_at == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    assert rows(db_path, "event") == 1


def test_a_utf8_email_in_a_folder_drop(book: Casebook, case_id: int, tmp_path: Path) -> None:
    write(tmp_path / "mail" / "1.eml", utf8_email())
    write(tmp_path / "mail" / "2.eml", utf8_email(html=True))
    outcomes = book.imports.import_paths(case_id, [tmp_path / "mail"])
    events = book.timeline.list_events(case_id)
    assert [o.created_event_id for o in outcomes] == [e.id for e in events]
    assert [e.summary for e in events] == ["您的账单分期申请结果 📄"] * 2
    assert events[0].details == "尊敬的客户：您的分期申请未通过。😞"


def test_a_malformed_email_is_kept_as_a_file_with_a_note(book: Casebook, case_id: int,
                                                         tmp_path: Path, db_path: Path) -> None:
    raw = malformed_email()
    outcome = book.imports.import_file(case_id, write(tmp_path / "broken.eml", raw))
    assert outcome.error is None
    assert outcome.created_event_id is None
    record = outcome.record
    assert record is not None
    assert record.mime == "message/rfc822"
    assert record.note == (
        "malformed email, kept as a file: its MIME boundary never appears in the body")
    assert book.evidence.evidence_file(record.id).read_bytes() == raw
    assert rows(db_path, "event") == 0


def test_an_eml_that_is_not_mail_at_all_is_kept_with_a_note(book: Casebook, case_id: int,
                                                            tmp_path: Path) -> None:
    raw = b"\x00\x01 garbage \xff" * 50
    record = book.imports.import_file(case_id, write(tmp_path / "message.EML", raw)).record
    assert record is not None
    assert record.mime == "application/octet-stream"
    assert record.note == "malformed email, kept as a file: it does not begin with mail headers"


def test_a_message_without_a_date_uses_the_files_time(book: Casebook, case_id: int,
                                                      tmp_path: Path) -> None:
    raw = ("From: a@bank.example\r\nTo: me@example.cn\r\nSubject: 无日期\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n正文").encode()
    source = write(tmp_path / "nodate.eml", raw)

    moment = datetime(2024, 3, 5, 1, 0, tzinfo=UTC).timestamp()
    os.utime(source, (moment, moment))
    outcome = book.imports.import_file(case_id, source)
    assert outcome.created_event_id is not None
    assert book.timeline.get_event(outcome.created_event_id).at == datetime(2024, 3, 5, 1, 0,
                                                                            tzinfo=UTC)
    assert outcome.record is not None
    assert "no readable date" in outcome.record.note


def test_an_attached_message_is_kept_as_an_eml(book: Casebook, case_id: int,
                                               tmp_path: Path) -> None:
    inner = BytesParser().parsebytes(utf8_email())
    outer = MIMEMultipart("mixed")
    outer["From"] = ME
    outer["To"] = "12378@regulator.example"
    outer["Subject"] = b_word("转发：银行答复", "UTF-8")
    outer["Date"] = "Tue, 05 Mar 2024 10:00:00 +0800"
    outer.attach(MIMEText("请见附件。", "plain", "utf-8"))
    outer.attach(MIMEMessage(inner))
    outcome = book.imports.import_file(case_id, write(tmp_path / "fwd.eml", outer.as_bytes()))
    (attached,) = outcome.attachments
    assert attached.mime == "message/rfc822"
    assert attached.original_name.endswith(".eml")
    kept = parse_email(book.evidence.evidence_file(attached.id).read_bytes())
    assert kept.subject == "您的账单分期申请结果 📄"
    assert kept.body == "尊敬的客户：您的分期申请未通过。😞"

"""Reading an email file (.eml, RFC 822) into what a timeline entry needs.

Real mail from Chinese banks is in GBK/GB2312/GB18030 with RFC 2047 encoded headers, and often
declares ``gb2312`` while using characters only GBK has (e.g. 镕); every GB charset is
therefore decoded as GB18030, their common superset. Headers are decoded here from their raw
form rather than by the stdlib's header registry, which fails on exactly those messages.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy
from email.header import decode_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime, unquote
from html.parser import HTMLParser

from desktop_app.evidence.sniffing import looks_like_email
from desktop_app.i18n import tr

# Bigger messages are kept as plain files: parsing holds several copies in memory.
MAX_EMAIL_BYTES = 100 * 1024 * 1024

_GB_CHARSETS = frozenset({"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "csgb2312",
                          "gb_2312-80", "gb_2312", "x-euc-cn", "ms936", "windows-936",
                          "x-mac-chinesesimp"})

# Defects that mean the MIME structure cannot be trusted: the message is kept as a file.
_STRUCTURAL_DEFECTS = (
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
)


class MalformedEmail(ValueError):
    """A message that cannot be read as an email; ``reason`` says why, for a note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Address:
    name: str
    address: str

    def display(self) -> str:
        if not self.name:
            return self.address
        name = self.name.replace('"', "'")
        if any(c in name for c in ',;<>@:()[]\\'):
            name = f'"{name}"'
        return f"{name} <{self.address}>" if self.address else name


def format_addresses(addresses: tuple[Address, ...]) -> str:
    return ", ".join(a.display() for a in addresses)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedEmail:
    subject: str
    sender: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None
    body: str
    attachments: tuple[Attachment, ...] = ()
    message_id: str = ""
    incomplete: bool = False  # the closing MIME boundary is missing (cut off?)
    empty_attachments: tuple[str, ...] = field(default_factory=tuple)


# ---- sniffing -----------------------------------------------------------------------------------


def codec_for(charset: str | None) -> str | None:
    """The Python codec to read a declared charset with (GB charsets as GB18030)."""
    name = (charset or "").strip().strip('"').lower()
    if not name or name in ("unknown-8bit", "x-unknown", "unknown"):
        return None
    if name in _GB_CHARSETS:
        return "gb18030"
    if name in ("ks_c_5601-1987", "ks_c_5601"):
        return "cp949"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Bytes in a declared charset; with none (or an unknown one) UTF-8, else GB18030."""
    codec = codec_for(charset)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    for guess in ("utf-8", "gb18030"):
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            continue
    return data.decode(codec or "utf-8", errors="replace")


def _unescape_raw(value: str) -> str:
    """A raw header value with 8-bit bytes (surrogate-escaped by the parser) made text."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    return decode_bytes(value.encode("ascii", "surrogateescape"))


def decode_header_text(value: str) -> str:
    """An RFC 2047 header value (``=?GBK?B?...?=``, ``=?gb2312?Q?...?=``, …) as text."""
    value = _unescape_raw(value)
    if "=?" not in value:
        return _collapse(value)
    try:
        pieces = decode_header(value)
    except (email_errors.HeaderParseError, ValueError):
        return _collapse(value)
    text = []
    for piece, charset in pieces:
        if isinstance(piece, bytes):
            text.append(decode_bytes(piece, charset) if charset else
                        piece.decode("ascii", "surrogateescape"))
        else:
            text.append(piece)
    return _collapse(_unescape_raw("".join(text)))


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\r", "").replace("\n", " ")).strip()


def _addresses(raw_values: list[str]) -> tuple[Address, ...]:
    """Parse address headers first, then decode each display name (so an encoded comma or
    angle bracket in a name cannot split it)."""
    found = []
    for name, address in getaddresses([_unescape_raw(v) for v in raw_values]):
        decoded = decode_header_text(name) if name else ""
        address = address.strip()
        if not address and not decoded:
            continue
        if "=?" in address:  # e.g. a whole "=?gbk?b?...?=" header with no angle brackets
            decoded, address = decode_header_text(address), ""
        found.append(Address(decoded, address))
    return tuple(found)


def _raw_headers(msg: Message, name: str) -> list[str]:
    wanted = name.lower()
    return [str(v) for k, v in msg.raw_items() if k.lower() == wanted]


def _param(msg: Message, header: str, param: str) -> str | None:
    """A header parameter, with RFC 2231 (``filename*=gbk''…``) and RFC 2047 decoded."""
    raws = _raw_headers(msg, header)
    if not raws:
        return None
    probe = Message()  # compat32: parses parameters from the raw text, continuations joined
    probe[header] = _unescape_raw(raws[0])
    value = probe.get_param(param, header=header)
    if value is None:
        return None
    if isinstance(value, tuple):
        charset, _language, text = value
        raw = text.encode("raw-unicode-escape") if isinstance(text, str) else bytes(text)
        return decode_bytes(raw, charset)
    return decode_header_text(unquote(value))


def _filename(part: Message) -> str:
    return (_param(part, "content-disposition", "filename")
            or _param(part, "content-type", "name") or "")


def _payload_bytes(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: Message) -> str:
    return decode_bytes(_payload_bytes(part), part.get_content_charset())


class _TextFromHTML(HTMLParser):
    _SKIP = frozenset({"script", "style", "head", "title", "noscript"})
    _BLOCK = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                        "table", "ul", "ol", "blockquote", "pre", "hr", "section", "article",
                        "header", "footer", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable text from an HTML body: no tags, scripts or styles; paragraphs kept."""
    parser = _TextFromHTML()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # HTMLParser is lenient; this is the last resort
        text = html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _body(msg: EmailMessage) -> tuple[str, Message | None]:
    """The message text: text/plain preferred, else HTML made text."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        part = msg
    if part is None:
        return "", None
    text = _part_text(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n").strip(), part


def _leaves(part: Message) -> list[Message]:
    """The non-multipart parts, in order; an attached message is one part, not opened."""
    if part.get_content_type() == "message/rfc822":
        return [part]
    if part.is_multipart():
        payload = part.get_payload()
        subparts = [p for p in payload if isinstance(p, Message)] if isinstance(
            payload, list) else []
        return [leaf for sub in subparts for leaf in _leaves(sub)]
    return [part]


def _attachment_bytes(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return bytes(inner[0].as_bytes(policy=policy.compat32))
        return _payload_bytes(part)
    return _payload_bytes(part)


def _all_defects(msg: Message) -> list[email_errors.MessageDefect]:
    found: list[email_errors.MessageDefect] = []
    for part in msg.walk():
        found.extend(part.defects)
    return found


def _date(msg: Message) -> datetime | None:
    for raw in _raw_headers(msg, "date"):
        try:
            parsed = parsedate_to_datetime(_unescape_raw(raw).strip())
        except (TypeError, ValueError, IndexError):
            continue
        if parsed is None:
            continue
        if parsed.tzinfo is None:  # "-0000": UTC, local zone unknown
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    return None


def parse_email(data: bytes) -> ParsedEmail:
    """Read an email; raises :class:`MalformedEmail` when it cannot be read as one."""
    if len(data) > MAX_EMAIL_BYTES:
        raise MalformedEmail(tr("it is too large to read as an email"))
    if not looks_like_email(data[:64 * 1024]):
        raise MalformedEmail(tr("it does not begin with mail headers"))
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
        assert isinstance(msg, EmailMessage)
        defects = _all_defects(msg)
        structural = [d for d in defects if isinstance(d, _STRUCTURAL_DEFECTS)]
        if structural:
            raise MalformedEmail(_defect_reason(structural[0]))
        body, body_part = _body(msg)
        attachments: list[Attachment] = []
        empty: list[str] = []
        for index, part in enumerate(_leaves(msg)):
            if part is body_part:
                continue
            name = _filename(part)
            disposition = (part.get_content_disposition() or "").lower()
            is_message = part.get_content_type() == "message/rfc822"
            if not (name or disposition == "attachment" or is_message):
                continue  # an alternative body or an unnamed inline part
            content = _attachment_bytes(part)
            if not name:
                name = f"attachment-{index + 1}{'.eml' if is_message else ''}"
            if not content:
                empty.append(name)
                continue
            attachments.append(Attachment(name, part.get_content_type(), content))
        message_ids = _raw_headers(msg, "message-id")
        return ParsedEmail(
            subject=" ".join(decode_header_text(v) for v in _raw_headers(msg, "subject")),
            sender=_addresses(_raw_headers(msg, "from")),
            to=_addresses(_raw_headers(msg, "to")),
            cc=_addresses(_raw_headers(msg, "cc")),
            date=_date(msg),
            body=body,
            attachments=tuple(attachments),
            message_id=message_ids[0].strip() if message_ids else "",
            incomplete=any(isinstance(d, email_errors.CloseBoundaryNotFoundDefect)
                           for d in defects),
            empty_attachments=tuple(empty),
        )
    except MalformedEmail:
        raise
    except Exception as exc:  # the parser is lenient; anything it still chokes on is malformed
        raise MalformedEmail(tr("the message cannot be parsed ({kind})",
                                kind=type(exc).__name__)) from exc


def _defect_reason(defect: email_errors.MessageDefect) -> str:
    if isinstance(defect, email_errors.NoBoundaryInMultipartDefect):
        return tr("it is a multipart message without a MIME boundary")
    if isinstance(defect, email_errors.StartBoundaryNotFoundDefect):
        return tr("its MIME boundary never appears in the body")
    return tr("its MIME structure is broken")

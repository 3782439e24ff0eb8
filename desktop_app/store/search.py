"""Search over everything the user wrote: one query, hits that point at a case, an entry or an
exhibit. Plain sqlite3 like :mod:`desktop_app.store.reads` (no ORM, no Qt).

The index is ``search_index`` (migration 0005): an FTS5 table with the ``trigram`` tokenizer,
one row per case, event, reference number, promise and exhibit, and one per exhibit whose
pictures hold text (migration 0008), kept in step by triggers. Its rowid is
``source id * 8 + kind``.

A query is split at white space; every word must occur (as a substring, case-insensitively).
Words of three or more characters go to FTS5 ``MATCH`` as quoted phrases, so nothing the user
types is read as FTS5 syntax. The trigram index cannot find words of one or two characters
(common in Chinese: 授权, 退款): a query of only such words goes to ``search_short`` (migration
0010), which holds every two characters of the same rows as tokens — a pair as one token, a
single character as a prefix — and each candidate is checked by ``LIKE`` on the index's own
text, so the hits are exactly those of a scan. Words of characters that index cannot be sure
of (punctuation alone, letters beyond ASCII and CJK) leave the query to a ``LIKE`` scan over
that text (the FTS5 content table), newest records first, stopping at the limit.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.timeutil import from_utc_text, iso

KINDS: dict[int, str] = {1: "case", 2: "event", 3: "reference", 4: "promise", 5: "evidence",
                         6: "evidence"}
TEXT_KIND = 6  # the text read from an exhibit's pictures (migration 0008)
MARK = ("«", "»")  # around each match in a snippet
SNIPPET_CHARS = 80
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class SearchHit:
    """One record that matched: where to open it, and the text around the match."""

    kind: str  # case | event | reference | promise | evidence
    case_id: int
    event_id: int | None
    evidence_id: int | None
    case_title: str
    parts: tuple[tuple[str, bool], ...]  # the snippet as (text, is a match) pieces
    at: datetime | None = None  # the entry's time, for hits inside an entry
    exhibit_no: int | None = None
    in_picture: bool = False  # found in the text read from the exhibit's pictures

    @property
    def snippet(self) -> str:
        """The snippet as plain text, each match between ``MARK``."""
        return "".join(f"{MARK[0]}{text}{MARK[1]}" if hit else text for text, hit in self.parts)

    @property
    def plain_snippet(self) -> str:
        return "".join(text for text, _ in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "event_id": self.event_id,
                "evidence_id": self.evidence_id, "kind": self.kind,
                "case_title": self.case_title, "snippet": self.snippet,
                "mark": list(MARK), "at": None if self.at is None else iso(self.at),
                "exhibit": None if self.exhibit_no is None else f"E{self.exhibit_no}",
                "in_picture": self.in_picture}


def query_words(query: str) -> list[str]:
    """The words of a query: split at white space, each once."""
    return list(dict.fromkeys(query.split()))


def fts_phrase(word: str) -> str:
    """A word as one FTS5 string: quotes doubled, so ``"``, ``*``, ``AND``, ``-``, ``:`` are
    plain text."""
    return '"' + word.replace('"', '""') + '"'


def like_pattern(word: str) -> str:
    """``%word%`` for ``LIKE … ESCAPE '\\'``, with ``%``, ``_`` and ``\\`` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(con: sqlite3.Connection, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The records matching every word of ``query``, newest first, at most ``limit``."""
    words = query_words(query)
    if not words or limit <= 0:
        return []
    rows = _matching_rows(con, words, limit * 2)  # some may point at the same target
    hits = _resolve(con, rows, words)
    seen: set[tuple[int, int | None, int | None]] = set()
    unique = []
    for hit in hits:
        target = (hit.case_id, hit.event_id, hit.evidence_id)
        if target not in seen:
            seen.add(target)
            unique.append(hit)
    return unique[:limit]


def _matching_rows(con: sqlite3.Connection, words: list[str],
                   limit: int) -> list[tuple[int, str]]:
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    likes = [like_pattern(w) for w in short_words]
    if long_words:
        # ``text || ''``: a plain expression, so the LIKE is tested here rather than handed
        # to the trigram tokenizer (which cannot take patterns under three characters)
        filters = "".join(" AND (text || '') LIKE ? ESCAPE '\\'" for _ in likes)
        sql = (f"SELECT rowid, text FROM search_index WHERE search_index MATCH ?{filters}"
               f" ORDER BY rowid DESC LIMIT ?")
        params: list[Any] = [" ".join(fts_phrase(w) for w in long_words), *likes, limit]
    elif (short_query := short_match(short_words)) is not None:
        # candidates from the two-character index (migration 0010), each checked by LIKE
        filters = "".join(" AND c.c0 LIKE ? ESCAPE '\\'" for _ in likes)
        sql = ("SELECT s.rowid, c.c0 FROM search_short s CROSS JOIN search_index_content c"
               f" ON c.id = s.rowid WHERE search_short MATCH ?{filters}"
               " ORDER BY s.rowid DESC LIMIT ?")
        params = [short_query, *likes, limit]
    else:
        filters = " AND ".join("c0 LIKE ? ESCAPE '\\'" for _ in likes)
        sql = (f"SELECT id, c0 FROM search_index_content WHERE {filters}"
               f" ORDER BY id DESC LIMIT ?")
        params = [*likes, limit]
    return [(int(r[0]), str(r[1] or "")) for r in con.execute(sql, params)]


def indexed_char(ch: str) -> bool:
    """A character ``search_short``'s tokenizer (unicode61) surely keeps as part of a token:
    ASCII letters and digits, and CJK ideographs of Unicode 6.1 (its character tables)."""
    if ch.isascii():
        return ch.isalnum()
    return "\u4e00" <= ch <= "\u9fcc" or "\u3400" <= ch <= "\u4db5"


def short_match(words: list[str]) -> str | None:
    """An FTS5 query for ``search_short`` finding every row holding all ``words`` (one or two
    characters each), and maybe more; None when no word can be looked up there."""
    terms = []
    for word in words:
        if len(word) == 2 and all(indexed_char(c) for c in word):
            terms.append(fts_phrase(word))  # one token: the pair itself
        elif known := [c for c in word if indexed_char(c)]:
            terms.append(fts_phrase(known[0]) + " *")  # every pair starting with it
    return " AND ".join(terms) if terms else None


def _in(ids: Iterable[int]) -> tuple[str, list[int]]:
    values = sorted(set(ids))
    return ",".join("?" * len(values)), values


def _resolve(con: sqlite3.Connection, rows: Sequence[tuple[int, str]],
             words: list[str]) -> list[SearchHit]:
    """Where each index row points: (case, event, evidence), in the order of ``rows``."""
    by_kind: dict[int, list[int]] = {}
    for rowid, _ in rows:
        by_kind.setdefault(rowid % 8, []).append(rowid // 8)
    # source id -> (case_id, event_id, evidence_id, at, exhibit_no)
    targets: dict[tuple[int, int], tuple[int, int | None, int | None, str | None, int | None]]
    targets = {}
    queries = {
        1: 'SELECT id, id, NULL, NULL, NULL, NULL FROM "case" WHERE id IN ({})',
        2: "SELECT id, case_id, id, NULL, at, NULL FROM event WHERE id IN ({})",
        3: "SELECT r.id, e.case_id, e.id, NULL, e.at, NULL FROM reference r"
           " JOIN event e ON e.id = r.event_id WHERE r.id IN ({})",
        4: "SELECT p.id, e.case_id, e.id, NULL, e.at, NULL FROM promise p"
           " JOIN event e ON e.id = p.event_id WHERE p.id IN ({})",
        5: "SELECT id, case_id, event_id, id, NULL, exhibit_no FROM evidence WHERE id IN ({})",
    }
    queries[TEXT_KIND] = queries[5]
    for kind, ids in by_kind.items():
        if kind not in queries:
            continue
        marks, values = _in(ids)
        for source_id, case_id, event_id, evidence_id, at, exhibit in con.execute(
                queries[kind].format(marks), values):
            targets[(kind, source_id)] = (case_id, event_id, evidence_id, at, exhibit)
    marks, values = _in(t[0] for t in targets.values())
    titles = dict(con.execute(f'SELECT id, title FROM "case" WHERE id IN ({marks})', values)
                  .fetchall()) if values else {}
    pattern = _pattern(words)
    hits = []
    for rowid, text in rows:
        kind = rowid % 8
        target = targets.get((kind, rowid // 8))
        if target is None or target[0] not in titles:
            continue  # not in step (cannot happen with the triggers): leave it out
        case_id, event_id, evidence_id, at, exhibit = target
        hits.append(SearchHit(kind=KINDS[kind], case_id=case_id, event_id=event_id,
                              evidence_id=evidence_id, case_title=titles[case_id],
                              parts=snippet_parts(shown_text(kind, text, pattern), pattern),
                              at=None if at is None else from_utc_text(at),
                              exhibit_no=exhibit, in_picture=kind == TEXT_KIND))
    return hits


# An entry's index text is its columns in migration 0005's order, one per line (the details,
# last, may hold more lines): summary, counterpart, agent ID, contact, From, To, Cc, details.
_EVENT_COLUMNS = 8


def shown_text(kind: int, text: str, pattern: re.Pattern[str]) -> str:
    """The text a hit's snippet is cut from. For an entry: its summary and details (what a
    person wrote or read), and the names and addresses only when the match is among them,
    each once — not the raw run of an email's headers ("建行客服 建行客服 <kefu@…> me@…")."""
    if kind != 2:
        return text
    parts = text.split("\n", _EVENT_COLUMNS - 1)
    if len(parts) < _EVENT_COLUMNS:
        return text
    summary, *headers, details = parts
    written = " ".join(p for p in (summary, details) if p.strip())
    if pattern.search(written) or not any(pattern.search(h) for h in headers):
        return written or text
    seen: list[str] = []
    for header in headers:
        inside_another = any(header in other for other in headers if other != header)
        if header.strip() and not inside_another and header not in seen:
            seen.append(header)
    return " ".join([summary, *seen]) if summary.strip() else " ".join(seen)


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)  # longest first where they overlap
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)


def snippet_parts(text: str, pattern: re.Pattern[str],
                  width: int = SNIPPET_CHARS) -> tuple[tuple[str, bool], ...]:
    """The part of ``text`` around its first match (white space folded), cut into pieces
    that are or are not matches; ``…`` where text was left out."""
    flat = " ".join(text.split())
    first = pattern.search(flat)
    start = 0
    if first is not None and first.end() > width:
        start = max(0, min(first.start() - width // 4, len(flat) - width))
    end = min(len(flat), start + width)
    window = flat[start:end]
    parts: list[tuple[str, bool]] = []
    if start > 0:
        parts.append(("…", False))
    pos = 0
    for found in pattern.finditer(window):
        if found.start() > pos:
            parts.append((window[pos:found.start()], False))
        parts.append((found.group(0), True))
        pos = found.end()
    if pos < len(window):
        parts.append((window[pos:], False))
    if end < len(flat):
        parts.append(("…", False))
    return tuple(parts)

"""Redaction of exhibits: black boxes over what the dossier's readers need not see (a full
card number, an ID number, other people's names), kept as a redacted copy beside the untouched
original. The dossier prints the copy and says so; the integrity appendix lists both hashes.
In a locked book the copy is sealed like the original (its SHA-256 is of its plain bytes)."""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import Invalid, NotFound
from desktop_app.evidence.redaction import fit_boxes, redacted_png, upright_size
from desktop_app.evidence.renditions import digest_of
from desktop_app.i18n import tr
from desktop_app.records import Box, EvidenceRecord, Redaction
from desktop_app.services.lookups import evidence_in
from desktop_app.store import reads
from desktop_app.store.sealed_files import SealedTempFile
from desktop_app.timeutil import now

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

REDACTABLE_PREFIX = "image/"
PDF = "application/pdf"


def redactable(mime: str) -> bool:
    """Pictures (boxes on the picture) and PDF documents (boxes on rendered pages)."""
    return mime.startswith(REDACTABLE_PREFIX) or mime == PDF


def _redacted_document(original: Path, boxes: Sequence[Box], pages: Sequence[int]
                       ) -> tuple[tuple[Box, ...], tuple[int, ...], bytes]:
    """A PDF exhibit's boxes fitted to their pages (in page order), their pages, and the
    redacted copy's bytes."""
    from desktop_app.evidence.pdf_redaction import (  # deferred: PDFium, only for a PDF
        fitted_pages,
        redacted_pdf,
    )

    if not boxes:
        raise Invalid(tr("give at least one box to black out"))
    grouped: dict[int, list[Box]] = {}
    for box, page in zip(boxes, pages, strict=True):
        grouped.setdefault(page, []).append(box)
    fitted = fitted_pages(original, grouped)
    data = redacted_pdf(original, fitted)
    flat = [(box, page) for page, on_page in fitted.items() for box in on_page]
    return tuple(b for b, _ in flat), tuple(p for _, p in flat), data


class Redactions:
    def __init__(self, book: Casebook) -> None:
        self.book = book

    def of(self, evidence_ids: Sequence[int]) -> dict[int, Redaction]:
        with self.book.read() as con:
            return reads.redactions(con, evidence_ids)

    def get(self, evidence_id: int) -> Redaction | None:
        return self.of([evidence_id]).get(evidence_id)

    def file(self, redaction: Redaction) -> Path:
        """Where the redacted copy is (made again from the original if it is missing)."""
        return self.copy_path(redaction.sha256, ".pdf" if redaction.pages else ".png")

    def copy_path(self, sha256: str, suffix: str = ".png") -> Path:
        """A picture's redacted copy is a PNG, a PDF document's (boxes on pages) a PDF."""
        return self.book.store.redacted_path(sha256, suffix)

    def redact(self, evidence_id: int, boxes: Sequence[Box],
               pages: Sequence[int] = ()) -> Redaction:
        """Black out ``boxes`` (pixels of the upright picture; on a PDF exhibit, pixels of its
        page rendered at ``RENDER_DPI``, the page of each box in ``pages``, from 1, page 1
        when not given) in a new copy of the exhibit; the original is checked against its
        recorded hash first and left as it is. Replaces an earlier redaction of the
        exhibit."""
        record = self.book.evidence.get_evidence(evidence_id)
        original = self._verified_original(record)
        if len(pages) > len(boxes):
            raise Invalid(tr("more pages than boxes were given"))
        on = [pages[i] if i < len(pages) else 1 for i in range(len(boxes))]
        if record.mime == PDF:
            fitted, fitted_pages, data = _redacted_document(original, boxes, on)
        else:
            if any(page != 1 for page in on):
                raise Invalid(tr("exhibit {exhibit} is a picture: it has no pages to choose",
                                 exhibit=record.exhibit))
            width, height = upright_size(original)
            fitted, fitted_pages = fit_boxes(boxes, width, height), ()
            data = redacted_png(original, fitted)
        sha256 = hashlib.sha256(data).hexdigest()
        self._keep(sha256, data, ".pdf" if fitted_pages else ".png")
        stored = Redaction(evidence_id, fitted, sha256, len(data), now(), fitted_pages)
        with self.book.write() as (s, w, con):
            before = reads.redactions(con, [evidence_id]).get(evidence_id)
            evidence_in(con, evidence_id)  # still there
            w.put_redaction(s, evidence_id, json.dumps(stored.stored_boxes()), sha256,
                            len(data))
            after = reads.redactions(con, [evidence_id])[evidence_id]
            w.record_audit(s, "redact", "evidence", evidence_id, {
                "exhibit": record.exhibit, "original_sha256": record.sha256,
                "before": before.to_json() if before else None, "after": after.to_json()})
            return after

    def clear(self, evidence_id: int) -> Redaction | None:
        """The exhibit is printed whole again; the redaction it had (None if none)."""
        with self.book.write() as (s, w, con):
            record = evidence_in(con, evidence_id)
            before = reads.redactions(con, [evidence_id]).get(evidence_id)
            if before is None:
                return None
            w.drop_redaction(s, evidence_id)
            w.record_audit(s, "unredact", "evidence", evidence_id, {
                "exhibit": record.exhibit, "before": before.to_json(), "after": None})
            return before

    def restore(self, redaction: Redaction) -> Redaction:
        """Put back a redaction as it was (undoing :meth:`clear` or a change)."""
        return self.redact(redaction.evidence_id, redaction.boxes, redaction.pages)

    def _verified_original(self, record: EvidenceRecord) -> Path:
        if not redactable(record.mime):
            raise Invalid(tr("exhibit {exhibit} is neither a picture nor a PDF document; only "
                             "those can be redacted", exhibit=record.exhibit))
        path = self.book.store.locate(record.sha256, record.mime)
        if path is None:
            raise NotFound(tr("the file of exhibit {exhibit} is missing from the evidence "
                              "store", exhibit=record.exhibit))
        if digest_of(path)[0] != record.sha256:
            raise Invalid(tr("the file of exhibit {exhibit} no longer matches its recorded "
                             "SHA-256; run verify", exhibit=record.exhibit))
        return path

    def _keep(self, sha256: str, data: bytes, suffix: str) -> Path:
        """The copy in the store (content-addressed, read-only), written atomically; sealed
        in a locked book."""
        target = self.copy_path(sha256, suffix)
        if target.is_file() and digest_of(target)[0] == sha256:
            return target
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with SealedTempFile(target, prefix=".redacted-", suffix=".part") as temp:
            assert temp.file is not None
            temp.file.write(data)
            if target.exists():
                target.chmod(stat.S_IREAD | stat.S_IWRITE)
            temp.commit(mode=stat.S_IREAD)
        return target

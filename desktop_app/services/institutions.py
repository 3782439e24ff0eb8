"""The directory of institutions: banks, payment apps, lenders, regulators, consumer bodies."""

from __future__ import annotations

import sqlite3
from types import ModuleType
from typing import TYPE_CHECKING

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseFields, InstitutionRecord
from desktop_app.services.lookups import no_institution
from desktop_app.services.validation import check_choice
from desktop_app.store import reads
from desktop_app.vocab import InstitutionKind

if TYPE_CHECKING:
    from sqlmodel import Session

    from desktop_app.services.book import Casebook

INSTITUTION_FIELDS = frozenset({"name", "short_name", "name_en", "kind", "hotline", "email",
                                "website", "notes"})


class Institutions:
    """Reads and writes of the directory; ``book.institutions``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def list_institutions(self) -> list[InstitutionRecord]:
        with self.book.read() as con:
            return reads.list_institutions(con)

    def get_institution(self, institution_id: int) -> InstitutionRecord:
        with self.book.read() as con:
            record = reads.get_institution(con, institution_id)
        if record is None:
            raise no_institution(institution_id)
        return record

    def find_institution(self, name: str) -> InstitutionRecord | None:
        with self.book.read() as con:
            return reads.find_institution(con, name)

    def add_institution(self, name: str, kind: str = InstitutionKind.BANK, hotline: str = "",
                        email: str = "", website: str = "", short_name: str = "",
                        name_en: str = "", notes: str = "") -> InstitutionRecord:
        name = name.strip()
        if not name:
            raise Invalid(tr("an institution needs a name"))
        check_choice(kind, InstitutionKind, tr("institution kind"))
        with self.book.write() as (s, w, con):
            if reads.find_institution(con, name) is not None and con.execute(
                    "SELECT 1 FROM institution WHERE name = ?", (name,)).fetchone():
                raise Invalid(tr("the directory already has {name}", name=name))
            new_id = w.insert_institution(s, name=name, kind=kind, hotline=hotline, email=email,
                                          website=website, short_name=short_name,
                                          name_en=name_en, notes=notes)
            record = reads.get_institution(con, new_id)
            assert record is not None
            w.record_audit(s, "create", "institution", new_id, record.to_json())
            return record

    def update_institution(self, institution_id: int, **changes: str) -> InstitutionRecord:
        unknown = set(changes) - INSTITUTION_FIELDS
        if unknown:
            raise Invalid(tr("unknown institution fields: {names}",
                             names=", ".join(sorted(unknown))))
        if "kind" in changes:
            check_choice(changes["kind"], InstitutionKind, tr("institution kind"))
        if "name" in changes:
            changes["name"] = changes["name"].strip()
            if not changes["name"]:
                raise Invalid(tr("an institution needs a name"))
        with self.book.write() as (s, w, con):
            if not w.update_institution(s, institution_id, changes):
                raise no_institution(institution_id)
            w.record_audit(s, "update", "institution", institution_id, changes)
            record = reads.get_institution(con, institution_id)
            assert record is not None
            return record

    def resolve(self, s: Session, w: ModuleType, con: sqlite3.Connection,
                             fields: CaseFields) -> int:
        """The institution's id; a name not in the directory is added (and audited)."""
        if fields.institution_id is not None:
            if reads.get_institution(con, fields.institution_id) is None:
                raise no_institution(fields.institution_id)
            return fields.institution_id
        name = fields.institution_name.strip()
        found = reads.find_institution(con, name)
        if found is not None:
            return found.id
        new_id: int = w.insert_institution(s, name=name, kind=InstitutionKind.OTHER)
        record = reads.get_institution(con, new_id)
        assert record is not None
        w.record_audit(s, "create", "institution", new_id, record.to_json())
        return new_id

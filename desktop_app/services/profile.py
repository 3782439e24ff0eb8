"""The complainant: who the dossier is from.

One profile per data directory, kept as ``profile.json`` beside the database and written
atomically (a temp file, fsynced, renamed over the old one). It holds personal data, so on POSIX
the file is readable by its owner only, and in a locked book it is sealed (read back with the
book's key: :mod:`desktop_app.store.vault`). An identity-document number, if entered, is only ever
shown masked except for its last four characters (:meth:`Profile.masked_id`).
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.errors import ProfileError
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.sealed_files import write_atomically

PROFILE_FILE = "profile.json"
FIELDS = ("name", "phone", "email", "address", "id_number")
MAX_LENGTH = 500


def _clean(name: str, value: str) -> str:
    """What a person typed, tidied: full-width digits and letters (an input method's) in ASCII
    for the phone, e-mail and ID number; surrounding space dropped; no control characters."""
    text = value.strip()
    if name in ("phone", "email", "id_number"):
        text = unicodedata.normalize("NFKC", text).strip()
    if name == "id_number":
        text = text.replace(" ", "").upper()
    if name != "address":
        text = " ".join(text.split())
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise ProfileError(tr("the {field} contains control characters", field=_label(name)))
    if len(text) > MAX_LENGTH:
        raise ProfileError(tr("the {field} is too long", field=_label(name)))
    if name == "email" and text and ("@" not in text or " " in text):
        raise ProfileError(tr("{value!r} is not an e-mail address", value=text))
    return text


def _label(name: str) -> str:
    return {"name": tr("name"), "phone": tr("phone"), "email": tr("e-mail"),
            "address": tr("address"), "id_number": tr("ID number")}[name]


@dataclass(frozen=True)
class Profile:
    """The complainant's details as they appear on the dossier's cover."""

    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""

    def masked_id(self) -> str:
        """The ID number with all but the last four characters hidden ("" if none)."""
        value = self.id_number
        if not value:
            return ""
        if len(value) <= 4:
            return "*" * len(value)
        return "*" * (len(value) - 4) + value[-4:]

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in FIELDS)

    def updated(self, **changes: str | None) -> Profile:
        """A copy with the given fields changed (None: leave as is), each value tidied."""
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ProfileError(tr("unknown profile fields: {names}",
                                  names=", ".join(sorted(unknown))))
        cleaned = {k: _clean(k, v) for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **cleaned)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in FIELDS}
        data["id_number_masked"] = self.masked_id()
        return data


def profile_path(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def load_profile(data_dir: Path) -> Profile:
    """The profile kept in ``data_dir``; an empty one if there is none yet."""
    path = profile_path(data_dir)
    try:
        raw = json.loads(vault.read_text(path))
    except FileNotFoundError:
        return Profile()
    except (OSError, ValueError) as exc:
        raise ProfileError(tr("cannot read the profile {path}: {error}", path=str(path),
                              error=exc)) from exc
    if not isinstance(raw, dict):
        raise ProfileError(tr("cannot read the profile {path}: not a JSON object",
                              path=str(path)))
    values = {name: str(raw.get(name) or "") for name in FIELDS}
    return Profile(**values)


def save_profile(data_dir: Path, profile: Profile) -> Path:
    """Write the profile atomically: a temp file in the same folder, fsynced, renamed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = profile_path(data_dir)
    payload = {name: getattr(profile, name) for name in FIELDS}
    # the temp file goes where every partial write of this data dir goes (the evidence store's
    # temp dir, on the same file system): a write killed half-way leaves nothing beside the
    # profile, and the next start removes it
    temp_dir = data_dir / "evidence" / "tmp"
    temp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text, folder=temp_dir, prefix=".profile-", suffix=".tmp", mode=0o600)
    return path


def update_profile(data_dir: Path, **changes: str | None) -> Profile:
    """Load, change the given fields, save; returns the profile as saved."""
    profile = load_profile(data_dir).updated(**changes)
    save_profile(data_dir, profile)
    return profile

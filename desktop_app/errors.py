"""The exceptions every room of the core raises. Imports nothing of ours, so that any room can
raise them without importing another room.

Every message is for the person using Casebook: one line naming what and why.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refused request; the message is for the user. Nothing was changed."""


class NotFound(ServiceError, LookupError):
    """A case, entry, exhibit, institution or promise that is not in the book."""


class Invalid(ServiceError, ValueError):
    """A value that cannot be kept as given."""


class DatabaseError(Exception):
    """A database Casebook cannot open; the message is for the user."""


class NewerDatabase(DatabaseError):
    """The database was written by a newer Casebook; it is left untouched."""


class BackupError(ServiceError):
    """A backup or restore that cannot be done; the message is for the user."""


class BackupRefused(BackupError):
    """An archive that is not a sound Casebook backup; nothing was written."""


class BackupCancelled(BackupError):
    """The user stopped it; nothing was left behind."""


class DossierError(ServiceError):
    """The dossier could not be made; the message says why, for the user. No file is left."""


class DossierCancelled(DossierError):
    """The user cancelled the export; no file is left."""


class ProfileError(ServiceError, ValueError):
    """A profile that cannot be read or a value that cannot be kept; the message is for the user."""


class LockError(ServiceError):
    """A locked book (or its key file) that cannot be opened or changed as asked; the message is
    for the user. Nothing was changed."""


class WrongPassphrase(LockError):
    """The passphrase does not open the book's key file; nothing was changed."""


class EncryptedFileDamaged(LockError):
    """An encrypted file that fails its check: changed, cut short, its pieces moved, or sealed
    with another book's key. Nothing of it is trusted."""

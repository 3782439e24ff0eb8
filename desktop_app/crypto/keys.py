"""The passphrase, the key it derives, and the key file.

A locked book has one random 256-bit *data key*. Everything is sealed with keys derived from it
(:func:`subkey`): each file's own key, the database's key. The data key itself is kept only in
the key file, sealed (AES-256-GCM) by a *wrapping key* that scrypt derives from the passphrase
and a random salt. Changing the passphrase seals the same data key again under a new salt and
passphrase: no file has to be encrypted again.

The key file (``casebook.key``, JSON, written whole or not at all)::

    {"format": "casebook-key", "version": 1,
     "kdf": {"name": "scrypt", "n": 262144, "r": 8, "p": 1, "salt": "<base64>"},
     "cipher": "AES-256-GCM", "nonce": "<base64>", "sealed_key": "<base64>",
     "key_id": "<16 hex digits>"}

``sealed_key`` is the data key sealed with the wrapping key; its authentication tag is the
verifier: a wrong passphrase derives another wrapping key, and opening the seal fails. The
format, version, KDF parameters and cipher are the seal's associated data, so none of them can
be changed without the seal failing too. ``key_id`` names the data key (an HMAC of a constant
under it, which says nothing about the key) so that a file sealed under another book's key is
told apart from a damaged one. Neither the data key nor the wrapping key is ever written.

scrypt's cost (N = 2^18, r = 8: 256 MiB of memory, age's default) takes about 0.55 s here; the
parameters are stored, so a later Casebook can raise them for new key files and still open old
ones. A key file asking for more than :data:`MAX_SCRYPT_N` is refused as damaged rather than
let it make us allocate gigabytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.errors import Invalid, LockError, WrongPassphrase
from desktop_app.i18n import tr
from desktop_app.store.files import write_atomically

KEY_FILE_NAME = "casebook.key"
KEY_FILE_FORMAT = "casebook-key"
KEY_FILE_VERSION = 1
CIPHER = "AES-256-GCM"
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# scrypt: N = 2^18, r = 8, p = 1 is 256 MiB and ~0.5 s here (bench/crypto.py): age's default.
DEFAULT_SCRYPT_N = 2**18
DEFAULT_SCRYPT_R = 8
DEFAULT_SCRYPT_P = 1
MIN_SCRYPT_N = 2**10  # tests use small costs; a key file is never written below the default
MAX_SCRYPT_N = 2**22  # 4 GiB at r = 8: beyond any machine we run on, so a hostile file
MAX_SCRYPT_R = 32
MAX_SCRYPT_P = 16


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost parameters and salt, as stored in the key file."""

    salt: bytes
    n: int = DEFAULT_SCRYPT_N
    r: int = DEFAULT_SCRYPT_R
    p: int = DEFAULT_SCRYPT_P

    @classmethod
    def fresh(cls, *, n: int = DEFAULT_SCRYPT_N, r: int = DEFAULT_SCRYPT_R,
              p: int = DEFAULT_SCRYPT_P) -> ScryptParams:
        """New parameters with a new random salt."""
        return cls(salt=os.urandom(SALT_BYTES), n=n, r=r, p=p)

    def check(self) -> None:
        """Raise ValueError for parameters no key file of ours holds."""
        if not (MIN_SCRYPT_N <= self.n <= MAX_SCRYPT_N and self.n & (self.n - 1) == 0):
            raise ValueError(f"scrypt N {self.n}")
        if not (1 <= self.r <= MAX_SCRYPT_R and 1 <= self.p <= MAX_SCRYPT_P):
            raise ValueError(f"scrypt r {self.r}, p {self.p}")
        if len(self.salt) < SALT_BYTES:
            raise ValueError("salt too short")

    def derive(self, passphrase: str) -> bytes:
        """The wrapping key for ``passphrase`` (see :func:`passphrase_bytes`)."""
        self.check()
        secret = passphrase_bytes(passphrase)
        memory = 128 * self.r * (self.n + self.p + 2) + 2**20
        try:
            return hashlib.scrypt(secret, salt=self.salt, n=self.n, r=self.r, p=self.p,
                                  maxmem=memory, dklen=KEY_BYTES)
        except (MemoryError, ValueError) as exc:  # OpenSSL could not have the memory
            raise LockError(tr("Not enough memory to check the passphrase ({mib} MiB are "
                               "needed); close other programs and try again.",
                               mib=memory >> 20)) from exc

    def to_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": _b64(self.salt)}

    @classmethod
    def from_json(cls, data: Any) -> ScryptParams:
        if not isinstance(data, dict) or data.get("name") != "scrypt":
            raise ValueError("not scrypt")
        n, r, p = (data.get(name) for name in ("n", "r", "p"))
        if not (type(n) is int and type(r) is int and type(p) is int):
            raise ValueError("scrypt parameters are not whole numbers")
        params = cls(salt=_unb64(data.get("salt")), n=n, r=r, p=p)
        params.check()
        return params


def passphrase_bytes(passphrase: str) -> bytes:
    """The passphrase as the KDF sees it: Unicode NFC, UTF-8. The same Chinese (or accented)
    passphrase typed on macOS, Windows or Linux gives the same bytes whichever way its input
    method composed the characters. An empty passphrase is refused."""
    if not passphrase:
        raise Invalid(tr("The passphrase is empty."))
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_id(data_key: bytes) -> bytes:
    """Eight bytes naming ``data_key`` without saying anything about it."""
    return hmac.new(data_key, b"casebook key id", hashlib.sha256).digest()[:8]


def subkey(data_key: bytes, purpose: bytes, salt: bytes | None = None) -> bytes:
    """A 256-bit key for one ``purpose`` (and one file's ``salt``), derived with HKDF-SHA256,
    so that no two uses ever share a key."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=b"casebook " + purpose).derive(data_key)


def key_file_path(folder: Path) -> Path:
    return folder / KEY_FILE_NAME


def is_locked(folder: Path) -> bool:
    """Whether the data folder has a key file (the book is, or is being, locked)."""
    return key_file_path(folder).is_file()


def seal_data_key(data_key: bytes, passphrase: str,
                  params: ScryptParams | None = None) -> dict[str, Any]:
    """The key file's document: ``data_key`` sealed under ``passphrase``."""
    if len(data_key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    params = ScryptParams.fresh() if params is None else params
    document: dict[str, Any] = {"format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION,
                                "kdf": params.to_json(), "cipher": CIPHER}
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(params.derive(passphrase)).encrypt(nonce, data_key, _bound(document))
    document.update(nonce=_b64(nonce), sealed_key=_b64(sealed), key_id=key_id(data_key).hex())
    return document


def open_data_key(document: dict[str, Any], passphrase: str, *, where: Path) -> bytes:
    """The data key sealed in ``document`` (a key file's), or :class:`WrongPassphrase`."""
    try:
        params = ScryptParams.from_json(document.get("kdf"))
        nonce = _unb64(document.get("nonce"))
        sealed = _unb64(document.get("sealed_key"))
        wanted_id = bytes.fromhex(str(document.get("key_id")))
        if document.get("cipher") != CIPHER or len(nonce) != NONCE_BYTES:
            raise ValueError("cipher")
    except ValueError as exc:
        raise _damaged(where) from exc
    header = {name: document.get(name) for name in ("format", "version", "kdf", "cipher")}
    try:
        data_key = AESGCM(params.derive(passphrase)).decrypt(nonce, sealed, _bound(header))
    except InvalidTag:
        raise WrongPassphrase(tr("Wrong passphrase: the book stays locked and nothing was "
                                 "changed.")) from None
    if len(data_key) != KEY_BYTES or not hmac.compare_digest(key_id(data_key), wanted_id):
        raise _damaged(where)
    return data_key


def read_key_file(folder: Path) -> dict[str, Any]:
    """The key file's document; :class:`LockError` when there is none or it is not one."""
    path = key_file_path(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LockError(tr("This book has no passphrase: there is no key file {path}.",
                           path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LockError(tr("The key file {path} cannot be read: {why}", path=path,
                           why=exc)) from exc
    try:
        document = json.loads(text)
    except ValueError:
        raise _damaged(path) from None
    if not isinstance(document, dict) or document.get("format") != KEY_FILE_FORMAT:
        raise _damaged(path)
    if document.get("version") != KEY_FILE_VERSION:
        raise LockError(tr("The key file {path} was written by a newer Casebook; it is left "
                           "as it is.", path=path))
    return document


def write_key_file(folder: Path, document: dict[str, Any]) -> Path:
    """Write the key file whole or not at all (owner-only)."""
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    return write_atomically(key_file_path(folder), text, mode=0o600)


def create_key_file(folder: Path, passphrase: str, *, data_key: bytes | None = None,
                    params: ScryptParams | None = None) -> bytes:
    """Make the book's key file: a new data key (or ``data_key``) sealed by ``passphrase``.
    Returns the data key. A folder that has a key file already is refused, untouched."""
    if is_locked(folder):
        raise LockError(tr("This book has a passphrase already."))
    data_key = new_data_key() if data_key is None else data_key
    write_key_file(folder, seal_data_key(data_key, passphrase, params))
    return data_key


def unlock(folder: Path, passphrase: str) -> bytes:
    """The data key of the book in ``folder``; :class:`WrongPassphrase` for a wrong one."""
    return open_data_key(read_key_file(folder), passphrase, where=key_file_path(folder))


def change_passphrase(folder: Path, old: str, new: str, *,
                      params: ScryptParams | None = None) -> bytes:
    """Seal the same data key under ``new`` (with a new salt); nothing else changes. A wrong
    ``old`` passphrase changes nothing. Returns the data key."""
    data_key = unlock(folder, old)
    write_key_file(folder, seal_data_key(data_key, new, params))
    return data_key


def _bound(header: dict[str, Any]) -> bytes:
    """The associated data binding the seal to the key file's format and parameters."""
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _damaged(path: Path) -> LockError:
    return LockError(tr("The key file {path} is damaged; without it the book cannot be "
                        "opened.", path=path))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc


__all__ = [
    "DEFAULT_SCRYPT_N", "KEY_FILE_NAME", "ScryptParams", "change_passphrase", "create_key_file",
    "is_locked", "key_file_path", "key_id", "new_data_key", "open_data_key", "passphrase_bytes",
    "read_key_file", "seal_data_key", "subkey", "unlock", "write_key_file",
]

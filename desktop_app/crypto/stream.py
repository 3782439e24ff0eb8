"""A file sealed in chunks: written and read back a chunk at a time.

The format (all numbers big-endian)::

    header (48 bytes)
      magic        8   b"\\x89CBSEAL\\n"
      version      1   1
      cipher       1   1 = AES-256-GCM
      reserved     2   0
      chunk size   4   plain bytes per chunk (64 KiB by default)
      key id       8   names the book's data key (keys.key_id)
      salt        16   random: this file's own key is HKDF(data key, salt)
      nonce prefix 8   random
    chunk 0, chunk 1, … chunk k-1
      each = AES-256-GCM(file key, nonce = prefix ‖ chunk number (4 bytes),
                         plain chunk, associated data = header ‖ last flag (1 byte))
           = plain chunk + 16-byte tag

Every chunk but the last holds exactly ``chunk size`` plain bytes; the last holds 1 to
``chunk size`` (an empty file is one empty last chunk). So the plain size follows from the
file's size, and chunk ``i`` starts at ``48 + i * (chunk size + 16)``: a reader can seek.

What the checks catch: a changed bit (the chunk's tag fails); chunks reordered (the number is
in the nonce); a chunk taken from another file (each file has its own key and prefix); a file
cut short at a chunk boundary or lengthened (the chunk read as last was not sealed as last, or
the other way round); a changed header (it is in every chunk's associated data); a file sealed
under another book's key (the key id, told apart from damage). A reader that stops early has
only checked what it read; :func:`decrypt_to` reads every chunk.

Writers go through :class:`desktop_app.store.files.TempFile`: temp file, fsync, rename.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.crypto.keys import KEY_BYTES, key_id, subkey
from desktop_app.errors import EncryptedFileDamaged, LockError
from desktop_app.i18n import tr
from desktop_app.store.files import TempFile

MAGIC = b"\x89CBSEAL\n"
VERSION = 1
CIPHER_AES_256_GCM = 1
_HEADER = struct.Struct(">8sBBHI8s16s8s")
HEADER_SIZE = _HEADER.size  # 48
TAG_SIZE = 16
DEFAULT_CHUNK_SIZE = 64 * 1024
MIN_CHUNK_SIZE = 16  # tests use tiny chunks to reach many boundaries
MAX_CHUNK_SIZE = 16 * 1024 * 1024
MAX_CHUNKS = 2**32
READ_CHUNKS = 4  # chunks read from a plain file at once (sealed from the buffer, not copied)


@dataclass(frozen=True)
class Header:
    chunk_size: int
    key_id: bytes
    salt: bytes
    nonce_prefix: bytes

    @classmethod
    def fresh(cls, data_key: bytes, chunk_size: int) -> Header:
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError(f"chunk size {chunk_size}")
        return cls(chunk_size, key_id(data_key), os.urandom(16), os.urandom(8))

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, VERSION, CIPHER_AES_256_GCM, 0, self.chunk_size,
                            self.key_id, self.salt, self.nonce_prefix)

    @classmethod
    def unpack(cls, raw: bytes, name: str) -> Header:
        if len(raw) < HEADER_SIZE or not raw.startswith(MAGIC):
            raise EncryptedFileDamaged(tr("{name} is not a file Casebook encrypted.",
                                          name=name))
        _magic, version, cipher, _, chunk_size, kid, salt, prefix = _HEADER.unpack(raw)
        if version > VERSION or (version == VERSION and cipher > CIPHER_AES_256_GCM):
            raise LockError(tr("{name} was encrypted by a newer Casebook; it is left as it is.",
                               name=name))
        if (version != VERSION or cipher != CIPHER_AES_256_GCM
                or not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE):
            raise _damaged(name)
        return cls(chunk_size, kid, salt, prefix)

    def cipher(self, data_key: bytes) -> AESGCM:
        if len(data_key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        return AESGCM(subkey(data_key, b"file v1", self.salt))

    def nonce(self, index: int) -> bytes:
        if index >= MAX_CHUNKS:
            raise ValueError("file too large for one sealed stream")
        return self.nonce_prefix + index.to_bytes(4, "big")

    def associated(self, last: bool) -> bytes:
        return self.pack() + (b"\x01" if last else b"\x00")


@dataclass(frozen=True)
class PlainDigest:
    """What was sealed or opened: the plain bytes' SHA-256 (hex) and size."""

    sha256: str
    size: int


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` begins as a sealed file does (by its magic)."""
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


class SealingWriter(io.RawIOBase):
    """A writable file whose bytes are sealed, a chunk at a time, into ``sink``.

    :meth:`close` (or leaving the ``with`` block) seals the last chunk; :attr:`digest` is then
    the plain bytes' SHA-256 and size. ``sink`` stays open (it belongs to the caller). Holds at
    most one chunk of plain bytes, whatever the size of one ``write``."""

    def __init__(self, sink: BinaryIO, data_key: bytes, *,
                 chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
        super().__init__()
        self._sink = sink
        self._header = Header.fresh(data_key, chunk_size)
        self._aead = self._header.cipher(data_key)
        self._pending = bytearray()
        self._index = 0
        self._size = 0
        self._hash = hashlib.sha256()
        self.digest: PlainDigest | None = None
        sink.write(self._header.pack())

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed sealed file")
        view = memoryview(data).cast("B")
        written = len(view)
        self._hash.update(view)
        self._size += written
        size = self._header.chunk_size
        # A chunk is sealed only once a byte beyond it has come: until then it may be the last.
        while len(self._pending) + len(view) > size:
            if self._pending:
                take = size - len(self._pending)
                self._pending += view[:take]
                self._seal(self._pending, last=False)
                self._pending.clear()
            else:  # a whole chunk in what was written: sealed from there, not copied first
                take = size
                self._seal(view[:take], last=False)
            view = view[take:]
        self._pending += view
        return written

    def close(self) -> None:
        if not self.closed:
            self._seal(self._pending, last=True)
            self._pending.clear()
            self.digest = PlainDigest(self._hash.hexdigest(), self._size)
        super().close()

    def _seal(self, plain: bytearray | memoryview, *, last: bool) -> None:
        nonce = self._header.nonce(self._index)
        self._sink.write(self._aead.encrypt(nonce, plain, self._header.associated(last)))
        self._index += 1


class SealedFile:
    """A sealed file opened for reading: its header checked, its chunks read by number."""

    def __init__(self, source: BinaryIO, data_key: bytes, name: str) -> None:
        self.name = name
        self._source = source
        self.header = Header.unpack(source.read(HEADER_SIZE), name)
        if self.header.key_id != key_id(data_key):
            raise EncryptedFileDamaged(tr("{name} was encrypted with another book's key.",
                                          name=name))
        self._aead = self.header.cipher(data_key)
        body = source.seek(0, os.SEEK_END) - HEADER_SIZE
        sealed_chunk = self.header.chunk_size + TAG_SIZE
        self.chunks = max(1, -(-body // sealed_chunk))
        last = body - (self.chunks - 1) * sealed_chunk
        if last < TAG_SIZE:
            raise _damaged(name)  # cut short inside a chunk
        self.size = body - self.chunks * TAG_SIZE

    def chunk(self, index: int) -> bytes:
        """The plain bytes of chunk ``index``, checked."""
        sealed_chunk = self.header.chunk_size + TAG_SIZE
        self._source.seek(HEADER_SIZE + index * sealed_chunk)
        sealed = self._source.read(sealed_chunk)
        last = index == self.chunks - 1
        try:
            return self._aead.decrypt(self.header.nonce(index), sealed,
                                      self.header.associated(last))
        except InvalidTag:
            raise _damaged(self.name, index + 1) from None


class PlainReader(io.RawIOBase):
    """The plain bytes of a sealed file, read and seeked like any file (one chunk held)."""

    def __init__(self, sealed: SealedFile, source: BinaryIO) -> None:
        super().__init__()
        self._sealed = sealed
        self._source = source
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None
        self.name = sealed.name

    @property
    def size(self) -> int:
        return self._sealed.size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise OSError("seek before the start of the file")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        target = memoryview(buffer).cast("B")
        if self._pos >= self.size or not len(target):
            return 0
        chunk_size = self._sealed.header.chunk_size
        index, offset = divmod(self._pos, chunk_size)
        if self._cached is None or self._cached[0] != index:
            self._cached = (index, self._sealed.chunk(index))
        plain = self._cached[1]
        count = min(len(target), len(plain) - offset)
        target[:count] = plain[offset:offset + count]
        self._pos += count
        return count

    def close(self) -> None:
        if not self.closed:
            self._cached = None
            self._source.close()
        super().close()


def open_plain(path: Path, data_key: bytes) -> io.BufferedReader:
    """The sealed file at ``path`` opened for reading its plain bytes (read, seek, tell),
    decrypted a chunk at a time as it is read: for Pillow, pypdf, hashing, copying out."""
    source = open(path, "rb")  # noqa: SIM115 (the reader owns and closes it)
    try:
        sealed = SealedFile(source, data_key, str(path))
        return io.BufferedReader(PlainReader(sealed, source),
                                 buffer_size=sealed.header.chunk_size)
    except BaseException:
        source.close()
        raise


def encrypt_stream(source: BinaryIO, sink: BinaryIO, data_key: bytes, *,
                   chunk_size: int = DEFAULT_CHUNK_SIZE) -> PlainDigest:
    """Seal everything ``source`` holds into ``sink``; the plain bytes' SHA-256 and size."""
    writer = SealingWriter(sink, data_key, chunk_size=chunk_size)
    with writer:
        buffer = bytearray(READ_CHUNKS * chunk_size)
        while count := source.readinto(buffer):  # type: ignore[attr-defined]
            writer.write(memoryview(buffer)[:count])
    assert writer.digest is not None
    return writer.digest


def encrypt_file(src: Path, dst: Path, data_key: bytes, *,
                 chunk_size: int = DEFAULT_CHUNK_SIZE) -> PlainDigest:
    """Seal the file at ``src`` into ``dst`` (temp file, fsync, rename: whole or not at all;
    ``dst`` may be ``src``). Returns the plain bytes' SHA-256 and size, for the evidence
    store's content address."""
    with TempFile(dst) as temp:
        assert temp.file is not None
        with open(src, "rb") as source:  # closed before the rename (Windows renames no open file)
            digest = encrypt_stream(source, temp.file, data_key, chunk_size=chunk_size)
        temp.commit(mode=0o600)
    return digest


def decrypt_to(src: Path, sink: BinaryIO, data_key: bytes) -> PlainDigest:
    """Write the plain bytes of the sealed file at ``src`` into ``sink``, checking every chunk.
    On :class:`EncryptedFileDamaged` part of the file may have been written: a caller writes
    into a temp file it throws away on error (as :func:`decrypt_file` does)."""
    digest = hashlib.sha256()
    with open(src, "rb") as source:
        sealed = SealedFile(source, data_key, str(src))
        for index in range(sealed.chunks):
            plain = sealed.chunk(index)
            digest.update(plain)
            sink.write(plain)
    return PlainDigest(digest.hexdigest(), sealed.size)


def decrypt_file(src: Path, dst: Path, data_key: bytes) -> PlainDigest:
    """Write the plain copy of the sealed file at ``src`` to ``dst`` (temp, fsync, rename;
    ``dst`` may be ``src``). A damaged file leaves ``dst`` as it was."""
    with TempFile(dst) as temp:
        assert temp.file is not None
        digest = decrypt_to(src, temp.file, data_key)
        temp.commit(mode=0o600)
    return digest


def encrypt_bytes(data: bytes, data_key: bytes, *,
                  chunk_size: int = DEFAULT_CHUNK_SIZE) -> bytes:
    """``data`` sealed in the same format (for small things: settings, the profile)."""
    sink = io.BytesIO()
    encrypt_stream(io.BytesIO(data), sink, data_key, chunk_size=chunk_size)
    return sink.getvalue()


def decrypt_bytes(blob: bytes, data_key: bytes, name: str = "") -> bytes:
    """The plain bytes of a sealed ``blob`` (see :func:`encrypt_bytes`)."""
    sealed = SealedFile(io.BytesIO(blob), data_key, name or tr("an encrypted file"))
    return b"".join(sealed.chunk(index) for index in range(sealed.chunks))


def plain_size(path: Path) -> int:
    """The plain size of the sealed file at ``path``, from its header and size (no key)."""
    with open(path, "rb") as fh:
        header = Header.unpack(fh.read(HEADER_SIZE), str(path))
        body = fh.seek(0, os.SEEK_END) - HEADER_SIZE
    chunks = max(1, -(-body // (header.chunk_size + TAG_SIZE)))
    return max(0, body - chunks * TAG_SIZE)


def _damaged(name: str, part: int | None = None) -> EncryptedFileDamaged:
    if part is None:
        return EncryptedFileDamaged(tr("{name} is damaged: it was cut short or changed.",
                                       name=name))
    return EncryptedFileDamaged(tr("{name} is damaged: part {part} fails its check (changed, "
                                   "cut short or moved).", name=name, part=part))


__all__ = [
    "DEFAULT_CHUNK_SIZE", "HEADER_SIZE", "MAGIC", "PlainDigest", "PlainReader", "SealedFile",
    "SealingWriter", "decrypt_bytes", "decrypt_file", "decrypt_to", "encrypt_bytes",
    "encrypt_file", "encrypt_stream", "is_encrypted", "open_plain", "plain_size",
]

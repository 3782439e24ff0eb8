"""A locked book: the passphrase, its key and what the key seals. No Qt, and nothing here knows
where the book keeps its files; the store, the evidence store and backups call these.

- :mod:`.keys`: the passphrase turned into a key (scrypt), the key file that holds the book's
  random data key sealed by it, unlocking and changing the passphrase;
- :mod:`.stream`: a file sealed in chunks (AES-256-GCM), written and read back a chunk at a
  time, so a large video never sits whole in memory; a seekable reader for Pillow and pypdf;
- :mod:`.database`: the database as SQLCipher through SQLAlchemy, and a plain SQLite file
  converted to an encrypted one and back.

The data key never leaves memory in the clear and is never written anywhere: a forgotten
passphrase means the book cannot be opened (there is no back door).
"""

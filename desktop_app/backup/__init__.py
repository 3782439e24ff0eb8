"""Backup, restore, verify.

- :mod:`.archive`: a backup archive (one zip holding a whole data dir) made, and verified;
- :mod:`.restore`: an archive restored, only after it has been verified;
- :mod:`.automatic`: the database snapshots taken before migrations and when the window closes;
- :mod:`.verify`: every evidence file hashed again, rows against files, the audit chain.
"""

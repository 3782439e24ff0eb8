"""Use cases: the only code that writes. Each call is one transaction plus its audit entries.

``book.Casebook`` opens a data directory; each concern is a service of its own (``cases``,
``timeline``, ``evidence``, ``evidence_import``, ``deadlines``, ``institutions``, ``profile``),
with ``validation`` and ``lookups`` shared between them and ``clock`` the services' "now".
"""

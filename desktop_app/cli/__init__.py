"""The command line: a face over the same services as the window, for scripts, batch work and
tests. ``parser`` holds the grammar, ``run`` the entry point; one module per group of commands
(``cases``, ``evidence``, ``parties``, ``deadlines``, ``dossier``, ``backup``); ``writing``
says which commands write and gives them their turn at the data dir's write lock; ``output``
prints and writes results."""

from __future__ import annotations

from desktop_app.cli.run import main

__all__ = ["main"]

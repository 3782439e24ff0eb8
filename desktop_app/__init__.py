"""Casebook core: storage, services and the command line. No Qt widgets here."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Casebook"
APP_ID = "casebook"

"""The Qt front end of Casebook.

Importing this package loads no Qt: the ``casebook`` entry point (:mod:`ui.launcher`) lives
here, and its CLI commands must start without PySide6. Qt is loaded by :mod:`ui.app` when the
window opens.
"""

"""The evidence dossier: one case as a PDF a regulator or an ombudsman takes seriously.

ReportLab (and pypdf) are imported by this package's modules only, and this package only when a
dossier is made, never at start-up: importing it gives :func:`build_dossier` and the result and
error types without loading ReportLab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.dossier.labels import case_code
from desktop_app.dossier.result import LANGUAGES, PAPERS, DossierResult
from desktop_app.errors import DossierCancelled, DossierError, ServiceError

if TYPE_CHECKING:
    from desktop_app.backup.verify import VerifyReport
    from desktop_app.services.book import Casebook


def build_dossier(book: Casebook, case_id: int, out_path: str | Path, *, lang: str = "zh",
                  paper: str = "a4", exhibits: list[int] | None = None,
                  max_size_mb: float | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  clock_text: str | None = None, private: bool = False,
                  summaries: bool = False, verified: bool = False,
                  mask: tuple[str, ...] = (),
                  before_commit: Callable[[], None] | None = None) -> DossierResult:
    """Write the dossier of ``case_id`` to ``out_path`` atomically; see :mod:`.build`.

    ``private``: the file is the owner's alone (0600 on POSIX) — for a dossier written where
    the person did not choose to put it; otherwise 0644, to be shared from a folder they chose.

    ``clock_text``: the regulator clock sentence for the summary; None works it out with the
    deadlines core (``book.deadlines.case_clock``), "" leaves the section out.

    ``summaries``: under each exhibit in the list of evidence, a line of the text read from
    its picture ("内容摘要：…").

    ``verified``: the caller has just hashed every exhibit (``backup.verify`` of this case, as
    the CLI and the export dialog do before exporting), so the export does not hash them again.

    ``mask``: the complainant's details masked on the cover besides the ID number (always
    masked): "phone", "address" (see :mod:`.masking`).

    ``before_commit``: called once the dossier is laid out, before any file is put in place;
    an exception from it leaves nothing written (:func:`build_verified` waits there for the
    verify it runs meanwhile).
    """
    from desktop_app.dossier.build import build  # deferred: ReportLab etc., ~360 ms

    return build(book, case_id, Path(out_path), lang=lang, paper=paper, exhibits=exhibits,
                 max_size_mb=max_size_mb, progress=progress, cancelled=cancelled,
                 clock_text=clock_text, private=private, summaries=summaries,
                 verified=verified, mask=mask, before_commit=before_commit)


class _Unverified(Exception):
    """Verify found problems: the dossier laid out beside it is not put in place."""


def build_verified(book: Casebook, case_id: int, out_path: str | Path, *,
                   cancelled: Callable[[], bool] | None = None,
                   **options: Any) -> DossierResult | VerifyReport:
    """The case's exhibits and the audit chain verified (``backup.verify``) and the dossier
    built, at the same time: verify hashes every exhibit on a thread of its own (hashing lets
    go of the GIL, so it takes the second core) while the layout runs here, and the dossier is
    put in place only once verify has found nothing. Verify's report when it found problems:
    nothing is written. A layout stopped by a damaged exhibit gives verify's report too (what
    is wrong, said as verify says it). ``cancelled`` stops both (:class:`DossierCancelled`,
    or ``VerifyCancelled``); ``options`` are :func:`build_dossier`'s."""
    from concurrent.futures import ThreadPoolExecutor  # deferred: export only

    from desktop_app.backup.verify import verify  # deferred: ~29 ms; export/verify only

    with ThreadPoolExecutor(1, thread_name_prefix="verify") as pool:
        checking = pool.submit(verify, book, case_id, cancelled=cancelled)

        def verified_first() -> None:
            if not checking.result().ok:
                raise _Unverified

        try:
            return build_dossier(book, case_id, out_path, cancelled=cancelled, verified=True,
                                 before_commit=verified_first, **options)
        except _Unverified:
            return checking.result()
        except DossierCancelled:
            raise
        except (ServiceError, OSError):
            report = checking.result()
            if not report.ok:
                return report
            raise


__all__ = ["LANGUAGES", "PAPERS", "DossierCancelled", "DossierError", "DossierResult",
           "build_dossier", "build_verified", "case_code"]

"""Making the dossier: check, gather, lay out, merge, fit the size budget, write atomically.

Order of work, so that a refusal costs little and leaves nothing behind:

1. the target folder is checked and a temp file opened in it (the final name appears only by
   renaming that file once it is complete and fsynced);
2. the case is read and every exhibit's stored file hashed again (a mismatch stops here);
3. the story is laid out in one pass (page numbers known only at the end are drawn at the
   end: see :mod:`.layout`); PDF exhibits' pages are merged in with pypdf;
4. over a size budget, images are re-rendered smaller and the dossier built again, until it fits
   or the images reach the smallest legible size (then the export says it does not fit).
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import __version__
from desktop_app.dossier import labels
from desktop_app.dossier.content import DossierData, gather, verify_exhibits
from desktop_app.dossier.exhibits import IMAGE_LEVELS, ExhibitProblem, ImageSet, pdf_info
from desktop_app.dossier.fonts import TextGuard, register_fonts
from desktop_app.dossier.layout import BuildState, DossierCanvas, DossierDoc, Furniture, Styles
from desktop_app.dossier.merge import MergeFailed, merge_exhibit_pages
from desktop_app.dossier.result import LANGUAGES, PAPERS, DossierResult
from desktop_app.dossier.story import StoryBuilder
from desktop_app.errors import DossierCancelled, DossierError
from desktop_app.i18n import tr
from desktop_app.store.files import TempFile
from desktop_app.store.lock import remove_abandoned
from desktop_app.timeutil import to_local

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

log = logging.getLogger(__name__)
MB = 1024 * 1024


class Progress:
    """Progress of the whole export on one scale (0‥1000), in stages of known weight."""

    SCALE = 1000

    def __init__(self, report: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool]) -> None:
        self.report = report
        self.cancelled = cancelled
        self._last = -1
        self._stage = (0, 0)
        self._count = 0
        self._of = 1

    def stage(self, start: int, end: int, steps: int) -> None:
        self._stage = (start, end)
        self._count = 0
        self._of = max(1, steps)
        self._emit(start)

    def step(self) -> None:
        self.check()
        self._count += 1
        start, end = self._stage
        self._emit(start + (end - start) * min(self._count, self._of) // self._of)

    def check(self) -> None:
        if self.cancelled():
            raise DossierCancelled(tr("the export was cancelled"))

    def done(self) -> None:
        self._emit(self.SCALE)

    def _emit(self, value: int) -> None:
        if self.report is not None and value != self._last:
            self._last = value
            self.report(value, self.SCALE)


def _target(out_path: Path) -> Path:
    """The absolute path to write, after checking where it is going."""
    target = Path(os.path.abspath(os.path.expanduser(out_path)))
    if target.is_dir():
        raise DossierError(tr("{path} is a folder; give a file name for the dossier",
                              path=str(target)))
    folder = target.parent
    if not folder.is_dir():
        raise DossierError(tr("cannot write {path}: the folder {folder} does not exist",
                              path=str(target), folder=str(folder)))
    return target


def _open_temp(target: Path) -> TempFile:
    """A temp file beside the target, claimed (locked) while this export writes it; the
    partial files of exports killed half-way to this target are removed first."""
    prefix = f".{target.stem}-"
    with contextlib.suppress(OSError):
        remove_abandoned(sorted(target.parent.glob(f"{glob.escape(prefix)}*.pdf.part")))
    try:
        return TempFile(target, prefix=prefix, suffix=".pdf.part", keep_open=False, claim=True)
    except OSError as exc:
        raise DossierError(tr("cannot write {path}: {reason}", path=str(target),
                              reason=exc.strerror or str(exc))) from exc


def _unlink(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def build(book: Casebook, case_id: int, out_path: Path, *, lang: str = "zh",
          paper: str = "a4", exhibits: Sequence[int] | None = None,
          max_size_mb: float | None = None,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None,
          clock_text: str | None = None, private: bool = False,
          summaries: bool = False) -> DossierResult:
    started = time.perf_counter()
    if lang not in LANGUAGES:
        raise DossierError(tr("unknown dossier language {lang!r}; choose zh or en", lang=lang))
    if paper not in PAPERS:
        raise DossierError(tr("unknown paper size {paper!r}; choose a4 or letter",
                              paper=paper))
    if max_size_mb is not None and not max_size_mb > 0:
        raise DossierError(tr("the size budget must be more than 0 MB"))
    meter = Progress(progress, cancelled or (lambda: False))
    target = _target(out_path)
    data = gather(book, case_id, lang, exhibits, clock_text, summaries)
    with _open_temp(target) as temp:
        meter.stage(0, 150, len(data.exhibits))
        verify_exhibits(data.exhibits, meter.cancelled, meter.step)
        meter.check()
        with tempfile.TemporaryDirectory(prefix="casebook-dossier-") as work:
            result = _make(data, target, temp.path, Path(work), paper, max_size_mb, meter)
        temp.finish()
        meter.check()
        temp.commit(mode=0o600 if private else 0o644)
    meter.done()
    return DossierResult(target, result[0], target.stat().st_size, lang, paper,
                         len(data.exhibits), tuple(result[1]), result[2],
                         time.perf_counter() - started)


def _make(data: DossierData, target: Path, temp: Path, work: Path, paper: str,
          max_size_mb: float | None, meter: Progress
          ) -> tuple[int, list[str], int | None]:
    """Build into ``temp`` until it fits; returns (pages, warnings, image long side if images
    were re-rendered)."""
    fonts = register_fonts()
    guard = TextGuard(fonts)
    warnings: list[str] = []
    images = ImageSet(data.exhibits, work)
    meter.stage(150, 200, len(images.exhibits))
    images.check_copies(meter.step)
    warnings += [tr("exhibit {exhibit} ({name}): its stored print copy was missing or no "
                    "longer matched its recorded SHA-256; the dossier shows one made afresh from "
                    "the verified original", exhibit=x.label, name=x.record.original_name)
                 for x in images.remade]
    meter.stage(200, 250, len(images.exhibits))
    images.prepare(0, meter.step, meter.cancelled)
    pdf_pages: dict[int, list[tuple[float, float]]] = {}
    pdf_problems: dict[int, ExhibitProblem] = {}
    for exhibit in data.exhibits:
        if exhibit.kind == "pdf":
            try:
                info = pdf_info(exhibit.path)
            except ExhibitProblem as exc:
                pdf_problems[exhibit.record.id] = exc
                continue
            pdf_pages[exhibit.record.id] = list(info.sizes)
            if info.unembedded_fonts:
                warnings.append(tr(
                    "exhibit {exhibit} ({name}) uses fonts it does not embed ({fonts}); a "
                    "reader without them shows substitutes", exhibit=exhibit.label,
                    name=exhibit.record.original_name,
                    fonts=", ".join(info.unembedded_fonts[:5])))

    budget = None if max_size_mb is None else int(max_size_mb * MB)
    rerendered: int | None = None
    attempt = 0
    while True:
        attempt += 1
        try:
            pages, problems = _layout(data, guard, images, pdf_pages, pdf_problems, temp, work,
                                      paper, meter, attempt)
        except MergeFailed as failed:  # that exhibit is listed to be supplied separately
            pdf_pages.pop(failed.evidence_id, None)
            pdf_problems[failed.evidence_id] = ExhibitProblem(str(failed))
            continue
        size = temp.stat().st_size
        if budget is None or size <= budget:
            break
        overhead = size - images.total
        if not images.exhibits or overhead > budget:
            warnings.append(tr(
                "the dossier is {size:.1f} MB and cannot be made to fit {budget:.1f} MB: "
                "{other:.1f} MB of it is not images (PDF exhibits, text), which cannot be made "
                "smaller", size=size / MB, budget=budget / MB, other=overhead / MB))
            break
        level = images.level
        fitted = False
        while level + 1 < len(IMAGE_LEVELS):
            level += 1
            meter.stage(150, 250, len(images.exhibits))
            total = images.prepare(level, meter.step, meter.cancelled)
            if total + overhead <= budget * 0.97 or level + 1 == len(IMAGE_LEVELS):
                fitted = True
                break
        if not fitted:
            warnings.append(tr(
                "the dossier is {size:.1f} MB and does not fit {budget:.1f} MB even with "
                "images at their smallest legible size", size=size / MB, budget=budget / MB))
            break
        rerendered = images.long_side
        if attempt > len(IMAGE_LEVELS) + 1:
            break
    final = temp.stat().st_size
    if budget is not None and rerendered is not None:
        if final <= budget:
            warnings.append(tr("to fit {budget:.1f} MB, images were re-rendered at "
                               "{px} px on the long side (the dossier is {size:.1f} MB)",
                               budget=budget / MB, px=rerendered, size=final / MB))
        elif not any("cannot be made to fit" in w or "does not fit" in w for w in warnings):
            warnings.append(tr(
                "the dossier is {size:.1f} MB and does not fit {budget:.1f} MB even with "
                "images at their smallest legible size ({px} px)", size=final / MB,
                budget=budget / MB, px=rerendered))
    warnings += _exhibit_warnings(data, problems)
    warnings += _font_warnings(guard)
    return pages, warnings, rerendered


def _layout(data: DossierData, guard: TextGuard, images: ImageSet,
            pdf_pages: dict[int, list[tuple[float, float]]],
            pdf_problems: dict[int, ExhibitProblem],
            temp: Path, work: Path, paper: str, meter: Progress, attempt: int
            ) -> tuple[int, dict[int, ExhibitProblem]]:
    lang = data.lang
    case = data.case
    styles = Styles(lang)
    state = BuildState()
    furniture = Furniture(
        code=data.code, title=guard.plain(case.title),
        doc_name=labels.text(lang, "doc_short"),
        generated=labels.text(lang, "generated_by",
                              date=to_local(data.generated_at).strftime("%Y-%m-%d %H:%M")),
        page_of=lambda page, pages: labels.text(lang, "page_of", page=page, pages=pages))
    raw = work / f"raw-{attempt}.pdf" if pdf_pages else temp
    title = f"{labels.text(lang, 'doc_title')}：{case.title}" if lang == "zh" else \
        f"{labels.text(lang, 'doc_title')}: {case.title}"
    doc = DossierDoc(
        str(raw), paper=paper, furniture=furniture, state=state,
        title=title, author=data.profile.name or "Casebook",
        subject=labels.text(lang, "subject", institution=case.institution.name,
                            title=case.title),
        keywords=", ".join(r[0] for r in data.references()),
        creator=f"Casebook {__version__}", lang="zh-CN" if lang == "zh" else "en")
    builder = StoryBuilder(data, styles, guard, images, pdf_pages, state, doc.width, doc.height)
    builder.problems.update(pdf_problems)
    builder.problems.update(images.unreadable)
    story = builder.build()
    meter.stage(250, 900, len(story))
    state.on_flowable = meter.step
    doc.build(story, canvasmaker=DossierCanvas)
    pages = int(doc.page)
    if pdf_pages:
        slots = state.pdf_slots
        meter.stage(900, 990, len(slots))
        sources = {x.record.id: x.path for x in data.exhibits if x.kind == "pdf"}
        try:
            merge_exhibit_pages(raw, temp, slots, sources, meter.step)
        finally:
            _unlink(raw)
    return pages, builder.problems


def _exhibit_warnings(data: DossierData, problems: dict[int, ExhibitProblem]) -> list[str]:
    out = []
    for x in data.exhibits:
        problem = problems.get(x.record.id)
        reason = str(problem) if problem is not None else ""
        if reason:
            out.append(tr("exhibit {exhibit} ({name}) could not be shown in the dossier "
                          "({reason}); it is listed to be supplied separately",
                          exhibit=x.label, name=x.record.original_name, reason=reason))
    separate = [x for x in data.exhibits if x.kind == "other"]
    if separate:
        out.append(tr("exhibits {list} cannot be printed (audio, video or other files); "
                      "supply the files themselves with the dossier",
                      list=", ".join(x.label for x in separate)))
    return out


def _font_warnings(guard: TextGuard) -> list[str]:
    if not guard.missing:
        return []
    chars = " ".join(f"{c} (U+{ord(c):04X})" for c in sorted(guard.missing))
    return [tr("{n} characters are in none of the dossier's fonts and were written as their "
               "code points, e.g. [U+1F600]: {chars}", n=sum(guard.missing.values()),
               chars=chars)]

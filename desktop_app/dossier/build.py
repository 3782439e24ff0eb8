"""Making the dossier: check, gather, lay out, merge, fit the size budget, write atomically.

Order of work, so that a refusal costs little and leaves nothing behind:

1. the target folder is checked and a temp file opened in it (the final name appears only by
   renaming that file once it is complete and fsynced);
2. the case is read and every exhibit's stored file hashed again (a mismatch stops here),
   unless the caller has just done so (``verified``: the CLI and the dialog verify first);
3. the story is laid out in one pass (page numbers known only at the end are drawn at the
   end: see :mod:`.layout`); PDF exhibits' pages are merged in with pypdf;
4. over a size budget, images are re-rendered smaller and the dossier built again, until it fits
   or the images reach the smallest legible size (then the export says it does not fit).

A locked book's export leaves nothing of the book plain in its temp folder: the book's key is
remembered for that folder while the export runs, so the pictures made there are sealed
(:func:`.exhibits.write_work`), and the laid-out dossier waiting for its PDF exhibits' pages
is held in memory. Only the dossier itself, where the person saves it, is plain.
"""

from __future__ import annotations

import contextlib
import glob
import io
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop_app import __version__
from desktop_app.dossier import labels
from desktop_app.dossier.content import DossierData, Exhibit, gather, verify_exhibits
from desktop_app.dossier.exhibits import IMAGE_LEVELS, ExhibitProblem, ImageSet, pdf_info
from desktop_app.dossier.fonts import TextGuard, register_fonts
from desktop_app.dossier.layout import BuildState, DossierCanvas, DossierDoc, Furniture, Styles
from desktop_app.dossier.merge import MergeFailed, merge_exhibit_pages
from desktop_app.dossier.result import LANGUAGES, PAPERS, DossierResult
from desktop_app.dossier.story import StoryBuilder
from desktop_app.dossier.volumes import Volume, plan, share_out, volume_path
from desktop_app.errors import DossierCancelled, DossierError
from desktop_app.i18n import tr
from desktop_app.store import vault
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


def _unlink(path: Path | BinaryIO | None) -> None:
    if isinstance(path, Path):
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def _work_folder(book: Casebook) -> Iterator[Path]:
    """The export's own temp folder, removed after it; the book's key is remembered for it
    meanwhile when the book is locked (what is made there is sealed)."""
    key = vault.key_for(book.paths.root)
    with tempfile.TemporaryDirectory(prefix="casebook-dossier-") as made:
        work = Path(made)
        if key is None:
            yield work
            return
        vault.remember(work, key)
        try:
            yield work
        finally:
            vault.forget(work)


def build(book: Casebook, case_id: int, out_path: Path, *, lang: str = "zh",
          paper: str = "a4", exhibits: Sequence[int] | None = None,
          max_size_mb: float | None = None,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None,
          clock_text: str | None = None, private: bool = False,
          summaries: bool = False, verified: bool = False,
          mask: Sequence[str] = (),
          before_commit: Callable[[], None] | None = None) -> DossierResult:
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
    data = gather(book, case_id, lang, exhibits, clock_text, summaries, mask)
    mode = 0o600 if private else 0o644
    with _open_temp(target) as temp:
        meter.stage(0, 150, len(data.exhibits))
        if not verified:  # each exhibit hashed once per export: by the caller's verify, or here
            verify_exhibits(data.exhibits, meter.cancelled, meter.step)
        meter.check()
        with _work_folder(book) as work:
            maker = _Maker(data, work, paper, meter, max_size_mb)
            fitted = maker.fit(temp.path)
            if before_commit is not None:
                before_commit()  # (nothing is in place yet)
            if fitted:
                temp.finish()
                meter.check()
                temp.commit(mode=mode)
                parts: list[tuple[Path, int, int]] = []
            else:  # over the budget at the smallest legible size: volumes
                parts = maker.volumes(target, mode)
    meter.done()
    if parts:
        return DossierResult(parts[0][0], sum(p[1] for p in parts), sum(p[2] for p in parts),
                             lang, paper, len(data.exhibits), tuple(maker.all_warnings()),
                             maker.rerendered, time.perf_counter() - started, tuple(parts))
    return DossierResult(target, maker.pages, target.stat().st_size, lang, paper,
                         len(data.exhibits), tuple(maker.all_warnings()), maker.rerendered,
                         time.perf_counter() - started)


class _Maker:
    """One export's work: the pictures at a level, PDF exhibits' pages, the layout; fitting
    the size budget by making the pictures smaller, down to the legible floor, then volumes."""

    def __init__(self, data: DossierData, work: Path, paper: str, meter: Progress,
                 max_size_mb: float | None) -> None:
        self.data = data
        self.work = work
        self.paper = paper
        self.meter = meter
        self.max_size_mb = max_size_mb
        self.budget = None if max_size_mb is None else int(max_size_mb * MB)
        self.guard = TextGuard(register_fonts())
        self.warnings: list[str] = []
        self.problems: dict[int, ExhibitProblem] = {}
        self.pages = 0
        self.rerendered: int | None = None  # the pictures' long side when made smaller
        self.attempt = 0
        self._last_size = 0  # of the last layout
        self.images = ImageSet(data.exhibits, work)
        meter.stage(150, 200, len(self.images.exhibits))
        self.images.check_copies(meter.step)
        self.warnings += [tr(
            "exhibit {exhibit} ({name}): its stored print copy was missing or no longer matched "
            "its recorded SHA-256; the dossier shows one made afresh from the verified "
            "original", exhibit=x.label, name=x.record.original_name)
            for x in self.images.remade]
        self.warnings += [tr(
            "exhibit {exhibit} ({name}): its stored redacted copy was missing or no longer "
            "matched its recorded SHA-256; the dossier shows one made afresh from the verified "
            "original with the same boxes", exhibit=x.label, name=x.record.original_name)
            for x in self.images.remade_redacted]
        meter.stage(200, 250, len(self.images.exhibits))
        self.images.prepare(0, meter.step, meter.cancelled)
        self.pdf_pages: dict[int, list[tuple[float, float]]] = {}
        self.pdf_problems: dict[int, ExhibitProblem] = {}
        for exhibit in data.exhibits:
            if exhibit.kind == "pdf":
                self._read_pdf(exhibit)

    def _read_pdf(self, exhibit: Exhibit) -> None:
        try:
            info = pdf_info(self.images.pdf_source(exhibit))  # a redacted one's copy
        except ExhibitProblem as exc:
            self.pdf_problems[exhibit.record.id] = exc
            return
        self.pdf_pages[exhibit.record.id] = list(info.sizes)
        if info.unembedded_fonts:
            self.warnings.append(tr(
                "exhibit {exhibit} ({name}) uses fonts it does not embed ({fonts}); a "
                "reader without them shows substitutes", exhibit=exhibit.label,
                name=exhibit.record.original_name, fonts=", ".join(info.unembedded_fonts[:5])))

    def all_warnings(self) -> list[str]:
        return [*self.warnings, *_exhibit_warnings(self.data, self.problems),
                *_font_warnings(self.guard)]

    def fit(self, temp: Path) -> bool:
        """Build into ``temp`` until it fits the budget; False when even the pictures'
        smallest legible size does not, and the exhibits can be shared out in volumes."""
        budget = self.budget
        while True:
            self.pages = self.layout(temp)
            size = temp.stat().st_size
            if budget is None or size <= budget:
                break
            overhead = size - self.images.total
            if not self.images.exhibits or overhead > budget:
                self.warnings.append(tr(
                    "the dossier is {size:.1f} MB and cannot be made to fit {budget:.1f} MB: "
                    "{other:.1f} MB of it is not images (PDF exhibits, text), which cannot be "
                    "made smaller", size=size / MB, budget=budget / MB, other=overhead / MB))
                break
            if self.images.level + 1 == len(IMAGE_LEVELS):
                return False
            level = self.images.level
            while level + 1 < len(IMAGE_LEVELS):  # the first level whose pictures fit
                level += 1
                self.meter.stage(150, 250, len(self.images.exhibits))
                total = self.images.prepare(level, self.meter.step, self.meter.cancelled)
                if total + overhead <= budget * 0.97:
                    break
            self.rerendered = self.images.long_side
        if budget is not None and self.rerendered is not None:
            self.warnings.append(tr(
                "to fit {budget:.1f} MB, images were re-rendered at {px} px on the long side "
                "(the dossier is {size:.1f} MB)", budget=budget / MB, px=self.rerendered,
                size=temp.stat().st_size / MB))
        return True

    def volumes(self, target: Path, mode: int) -> list[tuple[Path, int, int]]:
        """The exhibits shared out in volumes each under the budget, written and renamed into
        place together (``F-1.pdf``, ``F-2.pdf`` …); (path, pages, size) of each."""
        assert self.budget is not None
        sizes = {x.record.id: self._bytes_of(x) for x in self.data.exhibits}
        base = max(0, self._last_size - sum(sizes.values()))  # text, fonts: as much in each volume
        for share in (0.95, 0.85, 0.7, 0.5):
            groups = share_out([(x.record.id, sizes[x.record.id]) for x in self.data.exhibits],
                               self.budget * share - base)
            plans = plan(groups, target)
            with contextlib.ExitStack() as stack:
                made: list[tuple[TempFile, int]] = []
                for volume in plans:
                    temp = stack.enter_context(_open_temp(volume_path(target, volume.number)))
                    span = (250 + 740 * (volume.number - 1) // len(plans),
                            250 + 740 * volume.number // len(plans))
                    made.append((temp, self.layout(temp.path, volume, span)))
                over = [v for v, (temp, _pages) in zip(plans, made, strict=True)
                        if temp.path.stat().st_size > self.budget
                        and sum(1 for k in v.home.values() if k == v.number) > 1]
                if over and share != 0.5:
                    continue
                for temp, _pages in made:
                    temp.finish()
                self.meter.check()
                for temp, _pages in made:
                    temp.commit(mode=mode)
                parts = [(volume_path(target, v.number), pages,
                          volume_path(target, v.number).stat().st_size)
                         for v, (_temp, pages) in zip(plans, made, strict=True)]
                break
        self.warnings.append(tr(
            "the dossier does not fit {budget:.1f} MB in one file even with its pictures at "
            "their smallest legible size ({px} px on the long side), so it was split into "
            "{n} volumes: {files}", budget=self.budget / MB, px=self.images.long_side,
            n=len(parts), files=", ".join(p[0].name for p in parts)))
        self.warnings += [tr("volume {n} ({name}) is {size:.1f} MB, over the budget: one "
                             "exhibit in it is larger than that by itself", n=n,
                             name=path.name, size=size / MB)
                          for n, (path, _pages, size) in enumerate(parts, 1)
                          if size > self.budget]
        self.rerendered = self.images.long_side
        return parts

    def _bytes_of(self, exhibit: Exhibit) -> int:
        key = exhibit.record.id
        image = self.images.images.get(key)
        if image is not None:
            return image.size
        if key not in self.pdf_pages:
            return 0
        return exhibit.redaction.size if exhibit.redaction is not None else exhibit.record.size

    def layout(self, temp: Path, volume: Volume | None = None,
               span: tuple[int, int] = (250, 990)) -> int:
        """Lay the dossier (or one volume) out into ``temp``; its number of pages. A PDF
        exhibit that cannot be merged is listed to be supplied separately instead."""
        while True:
            self.attempt += 1
            try:
                pages = _layout(self, temp, volume, span)
            except MergeFailed as failed:
                self.pdf_pages.pop(failed.evidence_id, None)
                self.pdf_problems[failed.evidence_id] = ExhibitProblem(str(failed))
                continue
            self._last_size = temp.stat().st_size
            return pages


def _layout(maker: _Maker, temp: Path, volume: Volume | None, span: tuple[int, int]) -> int:
    data, guard, meter, work = maker.data, maker.guard, maker.meter, maker.work
    lang = data.lang
    case = data.case
    styles = Styles(lang)
    state = BuildState()
    doc_name = labels.text(lang, "doc_short")
    if volume is not None:
        doc_name += ("（" + volume.text(lang, "volume_short") + "）" if lang == "zh"
                     else ", " + volume.text(lang, "volume_short"))
    furniture = Furniture(
        code=data.code, title=guard.plain(case.title), doc_name=doc_name,
        generated=labels.text(lang, "generated_by",
                              date=to_local(data.generated_at).strftime("%Y-%m-%d %H:%M")),
        page_of=lambda page, pages: labels.text(lang, "page_of", page=page, pages=pages))
    pdf_pages = maker.pdf_pages
    raw: Path | BinaryIO = temp
    if pdf_pages:  # laid out first, then the exhibits' pages merged in: sealed book, in memory
        raw = io.BytesIO() if vault.key_for(work) is not None else \
            work / f"raw-{maker.attempt}.pdf"
    title = f"{labels.text(lang, 'doc_title')}：{case.title}" if lang == "zh" else \
        f"{labels.text(lang, 'doc_title')}: {case.title}"
    if volume is not None:
        title += ("（" + volume.text(lang, "volume_line") + "）" if lang == "zh"
                  else f" ({volume.text(lang, 'volume_line')})")
    doc = DossierDoc(
        str(raw) if isinstance(raw, Path) else raw, paper=maker.paper, furniture=furniture,
        state=state,
        title=title, author=data.profile.name or "Casebook",
        subject=labels.text(lang, "subject", institution=case.institution.name,
                            title=case.title),
        keywords=", ".join(r[0] for r in data.references()),
        creator=f"Casebook {__version__}", lang="zh-CN" if lang == "zh" else "en")
    fitted = None if maker.max_size_mb is None or maker.images.level == 0 else \
        (maker.max_size_mb, maker.images.long_side)
    builder = StoryBuilder(data, styles, guard, maker.images, pdf_pages, state, doc.width,
                           doc.height, volume=volume, fitted=fitted)
    builder.problems.update(maker.pdf_problems)
    builder.problems.update(maker.images.unreadable)
    story = builder.build()
    middle = span[0] + (span[1] - span[0]) * 650 // 740  # layout, then merging PDF pages
    meter.stage(span[0], middle, len(story))
    state.on_flowable = meter.step
    doc.build(story, canvasmaker=DossierCanvas)
    pages = int(doc.page)
    slots = state.pdf_slots
    if pdf_pages:
        meter.stage(middle, span[1], len(slots))
        sources = {x.record.id: maker.images.pdf_source(x) for x in data.exhibits
                   if x.record.id in pdf_pages}  # a redacted exhibit's from its copy
        try:
            merge_exhibit_pages(raw, temp, slots, sources, meter.step)
        finally:
            _unlink(raw)
    maker.problems.update(builder.problems)
    return pages


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

"""Text in pictures: RapidOCR (PP-OCRv4, Chinese and English, offline) in worker processes.

The engine never runs in the calling process: the window's process must not load
onnxruntime and OpenCV, and a picture that crashes the engine must not take the caller down.
:class:`Reader` keeps a pool of worker processes (started the way Windows starts them,
``spawn``, on every platform), each loading the models once, and reads files in parallel.

What is read: an image (any kind Pillow decodes, HEIC included, turned upright by its EXIF
orientation: boxes are in pixels of the upright picture), and a PDF's pages up to
:data:`MAX_PDF_PAGES` — a page with its own text gives that text (no boxes), a scanned page
(no text) gives the OCR of its largest picture.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

# (not ProcessPoolExecutor at the top: it loads multiprocessing, ~8 ms of the window's start)
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.reading.lines import OcrLine
from desktop_app.workers import spawn_pool

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

ENGINE_PACKAGE = "rapidocr-onnxruntime"
MAX_PDF_PAGES = 20  # pages of one PDF exhibit read at most
MAX_PIXELS = 40_000_000  # a larger picture is not read (the engine would need gigabytes)
READABLE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp",
                             "image/tiff", "image/heic", "image/heif", "image/avif"})
PDF = "application/pdf"


def readable(mime: str) -> bool:
    """Whether exhibits of this kind are read (images and PDFs)."""
    return mime in READABLE_IMAGES or mime == PDF


@cache
def engine_name() -> str:
    """The engine and its version, kept with every text it read (``rapidocr-onnxruntime 1.4.4``)."""
    from importlib.metadata import PackageNotFoundError, version  # deferred: ~3 ms

    try:
        return f"{ENGINE_PACKAGE} {version(ENGINE_PACKAGE)}"
    except PackageNotFoundError:
        return ENGINE_PACKAGE


@dataclass(frozen=True)
class ReadResult:
    """What a worker made of one file: its lines, the height of each page's picture (for the
    status bar at its top), or why it could not be read."""

    lines: tuple[OcrLine, ...] = ()
    heights: tuple[float, ...] = ()
    error: str | None = None


# ---- in the worker process -------------------------------------------------------------------

_engine: Any = None


def _worker_start(threads: int) -> None:
    global _engine
    # The models load once per worker. Logging off: the engine's INFO lines are not for people.
    import logging  # deferred: in the worker process only

    from rapidocr_onnxruntime import RapidOCR  # deferred: ~600 ms with onnxruntime and OpenCV

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    _engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)


def _ocr_picture(picture: Any, page: int) -> list[OcrLine]:
    import numpy  # deferred: in the worker process only

    result, _ = _engine(numpy.asarray(picture.convert("RGB")))
    lines = []
    for points, text, score in result or ():
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        lines.append(OcrLine(text=str(text), confidence=float(score), page=page,
                             box=(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))))
    return lines


def _open_picture(source: Any) -> Any:
    import warnings  # deferred: in the worker process only

    from PIL import Image, ImageOps  # deferred: in the worker process only

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        picture = Image.open(source)
        if picture.width * picture.height > MAX_PIXELS:
            raise TooLarge
        picture.load()
    return ImageOps.exif_transpose(picture)


def _read_image(path: Path) -> ReadResult:
    from desktop_app.evidence.images import allow_heif  # deferred: worker process only

    allow_heif(path)
    with _open_picture(path) as picture:
        upright = picture
        return ReadResult(tuple(_ocr_picture(upright, 0)), (float(upright.height),))


def _read_pdf(path: Path) -> ReadResult:
    import io  # deferred: in the worker process only

    from pypdf import PdfReader  # deferred: in the worker process only

    reader = PdfReader(str(path))
    lines: list[OcrLine] = []
    heights: list[float] = []
    for number, page in enumerate(reader.pages[:MAX_PDF_PAGES]):
        own = (page.extract_text() or "").strip()
        if own:
            lines.extend(OcrLine(text=t.strip(), box=(0.0, 0.0, 0.0, 0.0), confidence=1.0,
                                 page=number) for t in own.splitlines() if t.strip())
            heights.append(0.0)
            continue
        pictures = sorted(page.images, key=lambda i: len(i.data), reverse=True)
        if not pictures:
            heights.append(0.0)
            continue
        with _open_picture(io.BytesIO(pictures[0].data)) as picture:
            lines.extend(_ocr_picture(picture, number))
            heights.append(float(picture.height))
    return ReadResult(tuple(lines), tuple(heights))


# Why a file could not be read: the result's ``error`` is one of these codes (the worker does
# not know the person's language; :func:`desktop_app.services.reading.problem` words them).
UNDECODABLE = "undecodable"
TOO_LARGE = "too_large"
NO_MEMORY = "no_memory"
ENGINE_FAILED = "engine_failed"
WORKER_DIED = "worker_died"


def read_file(path: str, mime: str) -> ReadResult:
    """Read one file (runs in a worker process). Never raises: a failure is the result's
    ``error`` code."""
    from PIL import UnidentifiedImageError  # deferred: in the worker process only
    from pypdf.errors import PyPdfError  # deferred: in the worker process only

    try:
        if mime == PDF:
            return _read_pdf(Path(path))
        return _read_image(Path(path))
    except MemoryError:
        return ReadResult(error=NO_MEMORY)
    except TooLarge:
        return ReadResult(error=TOO_LARGE)
    except (UnidentifiedImageError, PyPdfError, OSError, SyntaxError, ValueError):
        return ReadResult(error=UNDECODABLE)  # Pillow's and pypdf's words for a damaged file
    except Exception:  # any other engine failure is this file's
        return ReadResult(error=ENGINE_FAILED)


class TooLarge(Exception):
    """A picture over :data:`MAX_PIXELS`."""


# ---- in the calling process ------------------------------------------------------------------

Job = tuple[Any, str, str]  # (the caller's key, path, MIME type)


def default_processes() -> int:
    """One worker per core, at most 4 (each holds ~300 MB of models), at least 1."""
    return max(1, min(4, os.cpu_count() or 1))


class Reader:
    """A pool of OCR worker processes. Use as a context manager, or :meth:`close` it."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or default_processes()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return spawn_pool(self.processes, _worker_start, (1,))

    def _submit(self, path: str, mime: str) -> Future[ReadResult]:
        from concurrent.futures.process import BrokenProcessPool  # deferred: with the pool

        try:
            return self._pool.submit(read_file, path, mime)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(read_file, path, mime)

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=True)

    def terminate(self, timeout: float = 5.0) -> None:
        """Stop now: the worker processes are killed (what they were reading is lost) and
        waited for, so that none outlives the caller (a window closing mid-read). What Python
        3.14's ``ProcessPoolExecutor.terminate_workers`` does; safe to call twice."""
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout)

    def read(self, jobs: Iterable[Job], *, cancelled: Callable[[], bool] | None = None
             ) -> Iterator[tuple[Any, ReadResult]]:
        """Each job's key with its result, in the order they finish. At most two jobs per
        worker wait at a time, so a cancel stops soon; once ``cancelled()`` is true no more
        start (those running finish and are dropped)."""
        pending: dict[Future[ReadResult], Any] = {}
        queue = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.processes * 2:
                if cancelled is not None and cancelled():
                    exhausted = True
                    break
                job = next(queue, None)
                if job is None:
                    exhausted = True
                    break
                key, path, mime = job
                pending[self._submit(path, mime)] = key
            if not pending:
                return
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancelled is not None and cancelled():
                for future in pending:
                    future.cancel()
                return
            for future in done:
                key = pending.pop(future)
                try:
                    yield key, future.result()
                except Exception:  # a worker died (killed, out of memory)
                    yield key, ReadResult(error=WORKER_DIED)

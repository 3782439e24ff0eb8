"""An import keeps each file and its row first; the thumbnail and print copy are made after, from
a queue derived from the book (image exhibits whose derived files are not on record), so a kill
in between loses nothing: the next run makes them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from evidence_samples import CASE, image_bytes, write

from desktop_app.dossier import build_dossier
from desktop_app.evidence.renditions import DERIVED_KINDS
from desktop_app.services.book import Casebook
from desktop_app.store import reads

ROOT = Path(__file__).resolve().parents[2]


def _recorded(book: Casebook, sha256: str) -> set[str]:
    with book.read() as con:
        return {kind for (_sha, kind) in reads.derived_digests(con, [sha256])}


def test_an_import_without_renditions_leaves_them_pending_and_they_are_made_later(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    shots = [write(tmp_path / "in" / f"{i}.png", image_bytes("PNG", (900, 1800), text=str(i)))
             for i in range(5)]
    write(tmp_path / "in" / "note.txt", b"not a picture")
    outcomes = book.imports.import_paths(case.id, [tmp_path / "in"], derive=False)
    images = [o.record for o in outcomes if o.record and o.record.mime == "image/png"]
    assert len(images) == len(shots)
    assert all(not r.preview and r.note == "" for r in images)
    assert all(book.evidence.thumbnail_file(r.id) is None for r in images)
    assert book.evidence.pending_renditions(case.id) == [r.id for r in images]

    made = book.evidence.make_pending_renditions(case_id=case.id)
    assert sorted(r.id for r in made) == sorted(r.id for r in images)
    assert all(r.preview for r in made)
    assert book.evidence.pending_renditions() == []
    for record in images:
        assert book.evidence.thumbnail_file(record.id) is not None
        assert book.evidence.rendition_file(record.id) is not None
        assert _recorded(book, record.sha256) == set(DERIVED_KINDS)


def test_an_image_that_cannot_be_decoded_leaves_the_queue_with_a_note(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    broken = write(tmp_path / "broken.png", image_bytes("PNG")[:60])
    (outcome,) = book.imports.import_paths(case.id, [broken], derive=False)
    assert outcome.record is not None
    assert book.evidence.pending_renditions(case.id) == [outcome.record.id]
    (made,) = book.evidence.make_pending_renditions([outcome.record.id])
    assert not made.preview
    assert made.note
    assert book.evidence.pending_renditions(case.id) == []


def test_the_dossier_makes_a_missing_print_copy_before_it_needs_it(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    shot = write(tmp_path / "a.png", image_bytes("PNG", (900, 1800), text="dossier"))
    (outcome,) = book.imports.import_paths(case.id, [shot], derive=False)
    assert outcome.record is not None
    assert book.evidence.rendition_file(outcome.record.id) is None

    result = build_dossier(book, case.id, tmp_path / "证据材料.pdf", lang="zh")
    assert result.path.read_bytes().startswith(b"%PDF-")
    assert book.evidence.rendition_file(outcome.record.id) is not None
    assert book.evidence.pending_renditions() == []


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from desktop_app.records import CaseFields
    from desktop_app.services.book import Casebook

    with Casebook.open(sys.argv[2]) as book:
        case = book.cases.create_case(CaseFields(title="crash", institution_name="bank"))
        outcomes = book.imports.import_paths(case.id, [sys.argv[3]], derive=False)
        for o in outcomes:
            print("kept", o.record.id, o.record.sha256, flush=True)
        print("renditions next", flush=True)
        sys.stdin.readline()  # the test kills this process here
        book.evidence.make_pending_renditions()
        print("made", flush=True)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_kill_between_the_rows_and_the_renditions_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    for i in range(3):
        write(folder / f"{i}.png", image_bytes("PNG", (900, 1800), text=f"crash {i}"))
    data = tmp_path / "data"
    kept: dict[int, str] = {}
    with subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT), str(data), str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT) as child:
        assert child.stdout is not None
        for line in child.stdout:
            words = line.split()
            if words[0] == "kept":
                kept[int(words[1])] = words[2]
            if words[0] == "renditions":
                break
        os.kill(child.pid, signal.SIGKILL)  # at the point it said: rows kept, none made
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert len(kept) == 3

    with Casebook.open(data) as book:  # the next run
        for evidence_id, sha256 in kept.items():
            record = book.evidence.get_evidence(evidence_id)
            assert record.sha256 == sha256
            assert book.evidence.evidence_file(evidence_id).is_file()
        assert sorted(book.evidence.pending_renditions()) == sorted(kept)
        book.evidence.make_pending_renditions()
        assert book.evidence.pending_renditions() == []
        for evidence_id in kept:
            assert book.evidence.get_evidence(evidence_id).preview
            assert book.evidence.thumbnail_file(evidence_id) is not None

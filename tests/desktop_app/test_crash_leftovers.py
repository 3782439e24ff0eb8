"""What a write killed half-way leaves, and who removes it (found by the crash harness,
tests/e2e/test_crash_harness.py): every partial file of the data dir is in the store's temp dir,
emptied by the next writer; a killed export's partial dossier is removed by the next export."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from evidence_samples import CASE, image_bytes, write

from desktop_app.dossier import build_dossier
from desktop_app.services.book import Casebook
from desktop_app.services.profile import update_profile
from desktop_app.store.lock import claim_temp_file, remove_abandoned, remove_leftovers
from desktop_app.store.paths import DataPaths


def _temp_names(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the temp files renamed into place from now on."""
    renamed: list[Path] = []
    real = os.replace

    def spy(src: object, dst: object) -> None:
        renamed.append(Path(str(src)))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    return renamed


def test_thumbnails_and_renditions_are_written_in_the_store_temp_dir(
        book: Casebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = book.cases.create_case(CASE)
    photo = write(tmp_path / "截图.png", image_bytes("PNG", (2000, 1000)))
    renamed = _temp_names(monkeypatch)
    outcome = book.imports.import_file(case.id, photo)
    assert outcome.record is not None
    assert outcome.record.preview
    derived = [p for p in renamed
               if p.name.endswith(".part") and ("-thumb" in p.name or "-print" in p.name)]
    assert len(derived) == 2
    assert {p.parent for p in derived} == {book.store.temp_dir}
    assert not list(book.store.derived_dir.glob("*/*.part"))


def test_the_profile_is_written_in_the_store_temp_dir(data_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    renamed: list[Path] = []
    real = os.replace
    monkeypatch.setattr(os, "replace",
                        lambda src, dst: (renamed.append(Path(src)), real(src, dst)))
    update_profile(data_dir, name="张三")
    assert [p.parent for p in renamed] == [DataPaths(data_dir).evidence / "tmp"]


def test_the_next_writer_removes_a_dead_writers_temp_files(data_dir: Path) -> None:
    paths = DataPaths(data_dir)
    with Casebook.open(data_dir) as book:
        store = book.store
    leftovers = [
        write(store.temp_dir / "import-abc.part", b"half a screenshot"),
        write(store.temp_dir / ".profile-x.tmp", b"{"),
        write(store.derived_dir / "ab" / "abcd-thumbq1.part", b"\xff\xd8"),
        write(data_dir / ".profile-old.tmp", b"{"),
        write(data_dir / "settings.json.tmp", b"{"),
        write(data_dir / "export.json.tmp", b"{"),
        write(paths.backups / "pre-migration.sqlite3.tmp", b"SQLite"),
    ]
    kept = [write(store.derived_dir / "ab" / "abcd-thumb.jpg", b"\xff\xd8\xff"),
            write(data_dir / "profile.json", b"{}"),
            write(data_dir / "settings.json", b"{}")]
    assert remove_leftovers(paths) == len(leftovers)
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in kept)
    assert paths.database.exists()


def test_a_killed_exports_partial_dossier_is_removed_by_the_next_export(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CASE)
    out = tmp_path / "out"
    out.mkdir()
    abandoned = write(out / ".证据材料-k1ll3d.pdf.part", b"%PDF-1.4 half")
    running = write(out / ".证据材料-running.pdf.part", b"%PDF-1.4 being written")
    other = write(out / ".另一份-k1ll3d.pdf.part", b"%PDF-1.4")  # another target's: not ours
    claim = claim_temp_file(running)  # an export still writing it
    try:
        result = build_dossier(book, case.id, out / "证据材料.pdf", lang="zh")
    finally:
        if claim is not None:
            os.close(claim)
    assert result.path.read_bytes().startswith(b"%PDF-")
    assert not abandoned.exists()
    assert running.exists()
    assert other.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".另一份-k1ll3d.pdf.part", ".证据材料-running.pdf.part", "证据材料.pdf"])
    assert remove_abandoned([running]) == 1  # once its writer is gone


@pytest.mark.skipif(os.name != "posix", reason="the claim is a POSIX lock")
def test_a_claimed_temp_file_is_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "x.part", b"data")
    claim = claim_temp_file(path)
    assert claim is not None
    assert remove_abandoned([path]) == 0
    os.close(claim)
    assert remove_abandoned([path]) == 1
    assert not path.exists()


def test_windows_removes_killed_exports_part_files_and_leaves_open_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows there is no lock to ask: a part file that can be deleted is a dead export's,
    one that refuses (open by the export still writing it) is left. The refusal is Windows'
    own, simulated here."""
    from desktop_app.store import lock

    monkeypatch.setattr(lock.sys, "platform", "win32")
    abandoned = write(tmp_path / ".证据材料-k1ll3d.pdf.part", b"%PDF-1.4 half")
    running = write(tmp_path / ".证据材料-running.pdf.part", b"%PDF-1.4 being written")
    claim = claim_temp_file(running)
    assert claim is not None  # the open descriptor is the claim
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == running:
            raise PermissionError(13, "The process cannot access the file", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    try:
        assert remove_abandoned([abandoned, running]) == 1
    finally:
        os.close(claim)
    assert not abandoned.exists()
    assert running.exists()

"""Helpers for the backup tests: a data dir with real content, archives rewritten with faults,
and a fingerprint of a folder tree to prove that a refused restore wrote nothing."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from evidence_samples import image_bytes, pdf_bytes, write

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.store.engine import make_engine, migrate
from desktop_app.store.paths import DataPaths
from desktop_app.timeutil import parse_time

COMMENT_PREFIX = b"casebook-backup manifest-sha256="


def fill(book: Casebook, tmp: Path) -> dict[str, int]:
    """Two cases in Chinese with entries, promises and evidence (images, a PDF, text)."""
    first = book.cases.create_case(CaseFields(
        title="建行小程序转账金额显示错误 😡", institution_name="中国建设银行",
        product="建行微信小程序", description="事实与理由：金额显示为 50000", amount=None))
    event = book.timeline.add_event(first.id, EventFields(
        at=parse_time("2024-11-01 09:30"), channel="call", direction="out",
        counterpart="王女士 工号1234", contact="95533", summary="报告金额显示错误",
        references=(ReferenceData(value="CCB20241101-0042", label="投诉号"),),
        promises=(PromiseData(text="三个工作日内回电", due_at=parse_time("2024-11-06 18:00")),)))
    second = book.cases.create_case(CaseFields(title="微信支付冻结资金", institution_name="财付通"))
    shot = write(tmp / "转账截图.png", image_bytes("PNG", text="1"))
    photo = write(tmp / "柜台.jpg", image_bytes("JPEG", color="tomato"))
    statement = write(tmp / "对账单.pdf", pdf_bytes("对账单"))
    note = write(tmp / "记录.txt", "通话记录：王女士说三天内回电。\n".encode())
    for outcome in book.imports.import_paths(first.id, [shot, statement], event_id=event.id):
        assert outcome.error is None, outcome.error
    for outcome in book.imports.import_paths(second.id, [photo, note, shot]):
        assert outcome.error is None, outcome.error
    return {"first": first.id, "second": second.id, "event": event.id}


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with its bytes' hash (folders: "dir")."""
    if not root.exists():
        return {}
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            found[os.path.relpath(os.path.join(dirpath, d), root)] = "dir"
        for f in filenames:
            p = Path(dirpath, f)
            found[os.path.relpath(p, root)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def manifest_of(archive: Path) -> dict[str, object]:
    with zipfile.ZipFile(archive) as zf:
        return json.loads(zf.read("manifest.json"))  # type: ignore[no-any-return]


def write_archive(target: Path, content: dict[str, bytes], *, comment: bytes | None = None,
                  fix_comment: bool = True, infos: dict[str, zipfile.ZipInfo] | None = None
                  ) -> Path:
    """A zip of ``content`` (member name → bytes); the comment holds the manifest's hash
    unless told otherwise."""
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in content.items():
            info = (infos or {}).get(name) or zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
        if comment is not None:
            zf.comment = comment
        elif fix_comment and "manifest.json" in content:
            zf.comment = COMMENT_PREFIX + hashlib.sha256(
                content["manifest.json"]).hexdigest().encode()
    return target


def rewrite(source: Path, target: Path,
            edit: Callable[[dict[str, bytes], dict[str, object]], None], *,
            relist: bool = False, fix_comment: bool = True) -> Path:
    """Copy an archive changing its members (``edit`` gets the members and the parsed
    manifest). With ``relist`` the manifest is rewritten to describe the members exactly as
    they now are, so that only the fault under test remains."""
    content = members(source)
    manifest = json.loads(content["manifest.json"])
    edit(content, manifest)
    if relist:
        manifest["members"] = [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in content.items() if name != "manifest.json"]
    content["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return write_archive(target, content, fix_comment=fix_comment,
                         comment=None if fix_comment else _comment(source))


def _comment(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as zf:
        return zf.comment


def make_old_data_dir(root: Path) -> DataPaths:
    """A data dir whose database is at the first revision, holding one case."""
    paths = DataPaths(root)
    paths.ensure()
    engine = make_engine(paths.database)
    try:
        migrate(engine, "0001_initial")
    finally:
        engine.dispose()
    con = sqlite3.connect(paths.database)
    with con:
        con.execute("INSERT INTO institution (id, name, kind) VALUES (1, '中国建设银行', 'bank')")
        con.execute(
            'INSERT INTO "case" (id, title, institution_id, product, category, amount,'
            " currency, incident_at, transaction_refs, description, desired_outcome, status,"
            " jurisdiction, created_at, updated_at) VALUES (7, '转账失败', 1, '', 'other', NULL,"
            " 'CNY', NULL, '', '', '', 'open', 'CN', '2024-03-01T02:00:00.000000+00:00',"
            " '2024-03-01T02:00:00.000000+00:00')")
    con.close()
    return paths

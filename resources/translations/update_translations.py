"""Refresh the Qt Linguist sources and build the .qm files.

    uv run python resources/translations/update_translations.py

1. ``pyside6-lupdate`` collects every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` string
   of ``ui/``;
2. the core's marked strings are added: ``N_("…")`` in ``desktop_app`` (context ``vocab``) and
   ``tr("…")`` (context ``core``) — the core has no Qt, so lupdate cannot see them;
3. translations already in ``casebook_<lang>.ts`` are kept (edit them there, or in Linguist);
4. ``pyside6-lrelease`` builds ``casebook_<lang>.qm``.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGS = ("zh_CN",)


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    return found or f"pyside6-{name}"


def core_strings() -> dict[str, list[tuple[str, bool]]]:
    """The core's marked strings by context, each with whether it counts (``tr(…, n=…)``:
    a plural, numerus, message)."""
    found: dict[str, list[tuple[str, bool]]] = {"vocab": [], "core": []}
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            context = {"N_": "vocab", "tr": "core"}.get(node.func.id)
            counted = any(k.arg == "n" for k in node.keywords)
            entry = (node.args[0].value, counted)
            if context and entry not in found[context]:
                found[context].append(entry)
    return found


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    known: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            # a plural message's one form (Chinese has one), else the plain translation
            text = translation.findtext("numerusform") or translation.text
            if text and text.strip():
                known[(name, message.findtext("source") or "")] = text
    return known


def build(lang: str) -> tuple[int, int]:
    target = HERE / f"casebook_{lang}.ts"
    known = read_ts(target)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        sources = [str(p) for p in sorted((ROOT / "ui").rglob("*.py"))]
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources,
                        "-ts", str(fresh)], check=True, capture_output=True)
        root = ET.parse(fresh).getroot()
    root.set("language", lang)
    root.set("sourcelanguage", "en")
    for context_name, texts in core_strings().items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for text, counted in texts:
            message = ET.SubElement(context, "message", {"numerus": "yes"} if counted else {})
            ET.SubElement(message, "source").text = text
            ET.SubElement(message, "translation", {"type": "unfinished"})
    done = total = 0
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            total += 1
            translation = message.find("translation")
            assert translation is not None
            text = known.get((name, message.findtext("source") or ""))
            for form in list(translation):
                translation.remove(form)
            translation.text = None
            if message.get("numerus") == "yes":  # Chinese: one form for every count
                ET.SubElement(translation, "numerusform").text = text or ""
            elif text:
                translation.text = text
            if text:
                translation.attrib.pop("type", None)
                done += 1
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    target.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                      encoding="utf-8")
    subprocess.run([tool("lrelease"), str(target), "-qm", str(target.with_suffix(".qm"))],
                   check=True, capture_output=True)
    return done, total


def main() -> int:
    for lang in LANGS:
        done, total = build(lang)
        print(f"{lang}: {done}/{total} translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Access keys: each Alt+letter of the menu bar opens one menu, each letter inside a menu picks
one entry, in English and in Chinese; toolbar buttons show no access keys (their menus hold
them), and Undo's button says "Undo", not the whole change it would undo."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QToolButton

from desktop_app.records import CaseFields, EventFields
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.i18n import Localisation

KEY = re.compile(r"&([^&])")


def access_key(text: str) -> str | None:
    found = KEY.search(text)
    return found.group(1).lower() if found else None


def clashes(texts: list[str]) -> list[str]:
    keys = Counter(k for k in map(access_key, texts) if k)
    return [t for t in texts if access_key(t) and keys[access_key(t)] > 1]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_two_menus_or_entries_share_an_access_key(open_window, localisation: Localisation,  # type: ignore[no-untyped-def]
                                                     data_dir: Path, lang: str) -> None:
    localisation.apply(lang)
    window = open_window(data_dir)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert clashes([m.title() for m in menus]) == []
    for menu in menus:
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        assert clashes(texts) == [], menu.title()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_toolbar_buttons_show_no_access_keys_and_undo_is_short(
        open_window, localisation: Localisation, data_dir: Path, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    localisation.apply(lang)
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="冻结资金", institution_name="建设银行"))
    window = open_window(data_dir, case_id=case.id)
    window.book.timeline.add_event(case.id, EventFields(
        at=parse_time("2024-11-01 09:30"), channel="call", summary="报告金额显示错误" * 4))
    window.act_undo.setText(window.tr("&Undo {action}").format(action="添加记录" * 10))
    window._update_undo_texts()
    buttons = [b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction()]
    labels = [b.text() for b in buttons]
    assert labels
    for label in labels:
        assert "&" not in label
        assert not re.search(r"\([A-Z]\)", label), label
        assert not label.endswith("…")
    undo = window.act_undo.iconText()
    assert undo in ("Undo", "撤销")
    # the call button names its key once, as a shortcut, not as an access key as well
    assert window.case_page.log_call_button.text().endswith("(Ctrl+L)")
    assert "(L)" not in window.case_page.log_call_button.text()

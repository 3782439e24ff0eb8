"""The English dossier counts like English: "1 promise", not "1 promises"."""

from __future__ import annotations

import string

import pytest

from desktop_app.dossier import labels


@pytest.mark.parametrize("key", sorted(labels.ENGLISH_ONE))
def test_a_count_of_one_reads_as_one(key: str) -> None:
    zh, many = labels.TEXTS[key]
    one = labels.ENGLISH_ONE[key]
    fields = {name for _, name, _, _ in string.Formatter().parse(many) if name}
    values = {name: "X" for name in fields}
    values["n"] = 1  # type: ignore[assignment]
    text = labels.text("en", key, **values)
    assert text == one.format(**values)
    assert "{" not in text
    assert {name for _, name, _, _ in string.Formatter().parse(one) if name} <= fields
    # other counts and Chinese are as before
    assert labels.text("en", key, **{**values, "n": 2}) == many.format(**{**values, "n": 2})
    assert labels.text("zh", key, **values) == zh.format(**values)


def test_one_promise() -> None:
    assert labels.text("en", "prom_intro", n=1, kept=0, broken=0, pending=1) == (
        "1 promise: 0 kept, 0 broken, 1 not yet due.")
    assert labels.text("en", "bytes", n=1) == "1 byte"

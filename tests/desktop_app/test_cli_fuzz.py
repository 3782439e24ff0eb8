"""Every CLI command walked with odd text, numbers and dates (Hypothesis): whatever it is given,
it exits 0, 1 or 2, says at most one line on stderr, never a traceback, and the book verifies
intact afterwards. Bounded so that it runs in CI in a few minutes."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli import main
from desktop_app.records import CaseFields, EventFields, PromiseData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time

# Text people (and hostile testers) type: any Unicode but lone surrogates, with controls,
# escapes, Chinese, very long words, and what looks like options or numbers.
ODD_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(["", " ", "-", "--", "--json", "\x1b[2J", "\x00", "ｅ１", "1e30", "5,0,0",
                     "1e-400", "NaN", "-0", "０.０１", "建行" * 400, "a" * 5000, "💰💸",
                     "\u202eexe.txt", "%s%n", "'; DROP TABLE event;--"]),
)
NUMBERS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str), ODD_TEXT)
DATES = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M") if d.year >= 1000 else "x"),
    st.sampled_from(["9999-12-31 23:59", "0001-01-01 00:00", "2024-02-30 10:00",
                     "2024-11-02 25:00", "2024-11-02T09:05+14:00", "2024-11-02 09:05Z",
                     "tomorrow", "1900-01-01", "2200-12-31 23:59"]),
    ODD_TEXT,
)

COMMANDS = [
    lambda t, n, d: ["case", "new", "--title", t, "--institution", t, "--amount", n,
                     "--incident-at", d, "--description", t],
    lambda t, n, d: ["case", "edit", n, "--title", t, "--amount", n, "--currency", t],
    lambda t, n, d: ["case", "show", n],
    lambda t, n, d: ["case", "list", "--json"],
    lambda t, n, d: ["case", "lodged", n, "--event", n],
    lambda t, n, d: ["event", "add", "1", "--channel", "call", "--at", d, "--summary", t,
                     "--counterpart", t, "--ref", f"{t}={t}", "--promise", t, "--due", d,
                     "--duration", n],
    lambda t, n, d: ["event", "add", n, "--channel", t, "--at", d],
    lambda t, n, d: ["event", "delete", n],
    lambda t, n, d: ["evidence", "list", n],
    lambda t, n, d: ["evidence", "remove", n],
    lambda t, n, d: ["evidence", "edit", n, "--caption", t, "--captured", d],
    lambda t, n, d: ["evidence", "ocr", n, "--exhibit", n],
    lambda t, n, d: ["evidence", "calls", n],
    lambda t, n, d: ["event", "add", "1", "--channel", "note", "--at", d, "--details", t,
                     "--promise", t, "--from-notes"],
    lambda t, n, d: ["institution", "add", "--name", t, "--kind", t, "--hotline", n],
    lambda t, n, d: ["institution", "edit", n, "--name", t],
    lambda t, n, d: ["profile", "set", "--name", t, "--phone", n, "--id-number", t],
    lambda t, n, d: ["profile", "show"],
    lambda t, n, d: ["promise", "set", n, "--state", "kept", "--note", t],
    lambda t, n, d: ["search", t, "--limit", n],
    lambda t, n, d: ["due", "--json"],
    lambda t, n, d: ["letter", n, "--kind", "chaser"],
    lambda t, n, d: [t],
    lambda t, n, d: ["case", t, n],
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One book for every example: a case with an entry, a promise and an exhibit."""
    path = tmp_path_factory.mktemp("fuzz") / "data"
    with Casebook.open(path) as book:
        case = book.cases.create_case(CaseFields(title="建行扣款争议",
                                                 institution_name="中国建设银行"))
        book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-02 09:05"), channel="call", summary="致电95533",
            promises=(PromiseData("三个工作日内回电", parse_time("2024-11-07 18:00")),)))
        book.imports.import_bytes(case.id, "通话记录".encode(), "记录.txt")
    return path


def run(data_dir: Path, args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exc:  # argparse's --help/--version
            code = int(exc.code or 0)
    return code, err.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("command", range(len(COMMANDS)))
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=ODD_TEXT, number=NUMBERS, date=DATES)
def test_every_command_fails_in_one_line_and_leaves_the_book_whole(
        data_dir: Path, command: int, text: str, number: str, date: str) -> None:
    args = COMMANDS[command](text, number, date)
    code, err = run(data_dir, args)
    assert code in (0, 1, 2), (args, code, err)
    assert "Traceback" not in err, (args, err)
    assert err.count("\n") <= 1, (args, err)


def test_after_the_fuzz_the_book_verifies(data_dir: Path) -> None:
    """Runs after the fuzz in this module (and on its own, on the fresh book)."""
    code, err = run(data_dir, ["verify"])
    assert code == 0, err

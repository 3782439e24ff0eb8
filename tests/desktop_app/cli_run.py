"""Running the CLI in-process in tests: one command's exit code, stdout and stderr."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from desktop_app.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)

    def ok(self) -> str:
        """Stdout of a command that succeeded and said nothing on stderr."""
        assert self.code == 0, self.err
        assert self.err == ""
        return self.out


CLI = Callable[..., Run]


def run_cli(capsys: pytest.CaptureFixture[str], args: Sequence[str]) -> Run:
    code = main(list(args))
    out, err = capsys.readouterr()
    return Run(code, out, err)

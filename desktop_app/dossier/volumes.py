"""Volumes: a dossier over its size budget even with its pictures at the smallest legible size
is split into volumes (卷一, 卷二 … / "Volume 1 of 3"), each under the budget. Every volume has
the cover, the contents, the list of evidence (which says the volume that holds each exhibit)
and the integrity appendix; the first also carries the narrative (summary, chronology,
promises, unsolicited calls) and the declaration; the exhibits are shared out in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.dossier import labels

# The sections of a volume after the first: what makes it usable on its own.
LATER_SECTIONS = frozenset({"sec-evidence", "sec-exhibits", "sec-integrity"})


@dataclass(frozen=True)
class Volume:
    """One volume of a split dossier: its number (from 1), how many there are, which volume
    prints each exhibit (by evidence id) and the volumes' file names, in order."""

    number: int
    count: int
    home: dict[int, int]
    files: tuple[str, ...]

    def holds(self, evidence_id: int) -> bool:
        return self.home.get(evidence_id, 1) == self.number

    def has_section(self, key: str) -> bool:
        return self.number == 1 or key in LATER_SECTIONS

    def text(self, lang: str, key: str, number: int | None = None) -> str:
        """A volume label (``volume_line``, ``volume_short``, ``in_volume``) for this volume,
        or for volume ``number``."""
        n = self.number if number is None else number
        return labels.text(lang, key, n=n, n_cn=labels.chinese_number(n), count=self.count,
                           count_cn=labels.chinese_number(self.count))


def volume_path(target: Path, number: int) -> Path:
    """``F.pdf`` → ``F-1.pdf``, ``F-2.pdf`` …"""
    return target.with_name(f"{target.stem}-{number}{target.suffix}")


def share_out(sizes: Sequence[tuple[int, int]], room: float) -> list[list[int]]:
    """Exhibits ``(evidence id, bytes)``, kept in order, in groups of at most ``room`` bytes
    each; an exhibit larger than ``room`` has a group of its own. Never an empty group."""
    groups: list[list[int]] = [[]]
    used = 0
    for key, size in sizes:
        if groups[-1] and used + size > room:
            groups.append([])
            used = 0
        groups[-1].append(key)
        used += size
    return groups if groups[0] else []


def plan(groups: Sequence[Sequence[int]], target: Path) -> list[Volume]:
    """The volumes that print ``groups`` of exhibits, written beside ``target``."""
    home = {key: n for n, group in enumerate(groups, 1) for key in group}
    files = tuple(volume_path(target, n).name for n in range(1, len(groups) + 1))
    return [Volume(n, len(groups), home, files) for n in range(1, len(groups) + 1)]

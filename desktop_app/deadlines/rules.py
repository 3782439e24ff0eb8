"""The regulator clocks as data: ``resources/rules/deadlines.json`` read and checked.

Each rule carries its legal source and an as-of date; the bodies a complaint can be escalated
to and the routes to them (by jurisdiction, institution kind and category) are data too.
Nothing here counts days (:mod:`desktop_app.deadlines.clock` does).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.deadlines.workdays import JURISDICTIONS, UNITS
from desktop_app.records import CaseRecord
from desktop_app.store.paths import RESOURCES_DIR

RULES_FILE = RESOURCES_DIR / "rules" / "deadlines.json"
LANGS = ("zh", "en")
CLOCK_STARTS = ("complaint_to_institution", "regulator_filing")


class RulesError(ValueError):
    """The rules file is missing something or contradicts itself."""


@dataclass(frozen=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_json(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Body:
    """A body a complaint can be escalated to."""

    id: str
    name: Text
    short: Text
    hotline: str = ""
    website: str = ""
    verified: bool = True
    note: Text | None = None
    in_sentence: Text | None = None  # how a sentence names it ("the Financial Ombudsman …")

    def phrase(self, lang: str) -> str:
        """The body as named inside a sentence."""
        return (self.in_sentence or self.name).get(lang)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name.to_json(), "short": self.short.to_json(),
                "hotline": self.hotline, "website": self.website, "verified": self.verified}


@dataclass(frozen=True)
class Period:
    id: str
    length: int
    label: Text
    counted_from: str | None = None  # another period's last day instead of receipt


@dataclass(frozen=True)
class Source:
    zh: str
    en: str
    url: str = ""
    published: str = ""


@dataclass(frozen=True)
class Escalation:
    body: str
    after_period: str
    verified: bool = True
    note: Text | None = None
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    jurisdiction: str
    institution_kinds: frozenset[str] | None  # None: any
    categories: frozenset[str] | None  # None: any
    clock_starts: str
    unit: str
    rolls_to_working_day: bool
    action: Text
    periods: tuple[Period, ...]
    escalation: Escalation | None
    source: Source
    as_of: date
    verified: bool
    note: Text | None = None
    who: Text | None = None  # who must act, when not the institution

    def specificity(self, jurisdiction: str, kind: str, category: str) -> int | None:
        return _specificity(self.jurisdiction, self.institution_kinds, self.categories,
                            jurisdiction, kind, category)


@dataclass(frozen=True)
class Route:
    """Which body a case of this jurisdiction, institution kind and category goes to next."""

    jurisdiction: str
    institution_kinds: frozenset[str] | None
    categories: frozenset[str] | None
    body: str
    verified: bool = True
    note: Text | None = None


def _specificity(rule_jurisdiction: str, kinds: frozenset[str] | None,
                 categories: frozenset[str] | None, jurisdiction: str, kind: str,
                 category: str) -> int | None:
    """None when a rule does not apply; else how specific it is (named kinds and categories)."""
    if rule_jurisdiction != jurisdiction:
        return None
    if kinds is not None and kind not in kinds:
        return None
    if categories is not None and category not in categories:
        return None
    return (kinds is not None) + (categories is not None)


_Matchable = TypeVar("_Matchable", Rule, Route)


@dataclass(frozen=True)
class Rules:
    """The regulator clocks, bodies and escalation routes of a rules file."""

    as_of: date
    rules: tuple[Rule, ...]
    bodies: tuple[Body, ...]
    routes: tuple[Route, ...]
    wording: Mapping[str, Mapping[str, Any]] = field(compare=False)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def body(self, body_id: str) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise KeyError(body_id)

    def rule_for(self, case: CaseRecord) -> Rule | None:
        """The most specific rule for the case's jurisdiction, institution kind and category."""
        return _most_specific(self.rules, case)

    def route_for(self, case: CaseRecord) -> Route | None:
        return _most_specific(self.routes, case)


def _most_specific(items: Sequence[_Matchable], case: CaseRecord) -> _Matchable | None:
    jurisdiction = case.fields.jurisdiction
    kind = case.institution.kind
    category = case.fields.category
    best: _Matchable | None = None
    best_score = -1
    for item in items:
        score = _specificity(item.jurisdiction, item.institution_kinds, item.categories,
                             jurisdiction, kind, category)
        if score is not None and score > best_score:
            best, best_score = item, score
    return best


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or not isinstance(raw.get("zh"), str) \
            or not isinstance(raw.get("en"), str):
        raise RulesError(f"{where}: needs a zh and an en text")
    return Text(raw["zh"], raw["en"])


def _optional_text(raw: Any, where: str) -> Text | None:
    return None if raw is None else _text(raw, where)


def _names(raw: Any, where: str) -> frozenset[str] | None:
    if raw == "*":
        return None
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) for v in raw):
        raise RulesError(f"{where}: a list of names or \"*\"")
    return frozenset(raw)


def _date(raw: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise RulesError(f"{where}: not a date: {raw!r}") from exc


def _require(raw: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise RulesError(f"{where}: {key} is missing")
    return raw[key]


def _check_jurisdiction(value: Any, where: str) -> str:
    if value not in JURISDICTIONS or value == "none":
        raise RulesError(f"{where}: unknown jurisdiction {value!r}")
    return str(value)


def _unverified_needs_note(verified: Any, note: Text | None, where: str) -> bool:
    if not isinstance(verified, bool):
        raise RulesError(f"{where}: verified must be true or false")
    if not verified and note is None:
        raise RulesError(f"{where}: an unverified fact needs a note saying why")
    return verified


def _wording(raw: Any, where: str) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= set(LANGS):
        raise RulesError(f"{where}: wording per language (zh, en)")
    return {lang: {k: str(v) for k, v in texts.items()} for lang, texts in raw.items()}


def _parse_rule(raw: Mapping[str, Any], bodies: Collection[str]) -> Rule:
    rule_id = str(_require(raw, "id", "rule"))
    where = f"rule {rule_id}"
    unit = _require(raw, "unit", where)
    if unit not in UNITS:
        raise RulesError(f"{where}: unknown unit {unit!r}")
    clock_starts = _require(raw, "clock_starts", where)
    if clock_starts not in CLOCK_STARTS:
        raise RulesError(f"{where}: clock_starts must be one of {', '.join(CLOCK_STARTS)}")
    periods: list[Period] = []
    for p in _require(raw, "periods", where):
        length = _require(p, "length", where)
        if not isinstance(length, int) or length <= 0:
            raise RulesError(f"{where}: a period's length must be a positive whole number")
        counted_from = p.get("counted_from")
        if counted_from is not None and counted_from not in {q.id for q in periods}:
            raise RulesError(f"{where}: period {p.get('id')} counts from an unknown period")
        periods.append(Period(str(_require(p, "id", where)), length,
                              _text(p.get("label"), f"{where} period label"), counted_from))
    if not periods:
        raise RulesError(f"{where}: needs at least one period")
    escalation = None
    raw_esc = _require(raw, "escalation", where)
    if raw_esc is not None:
        body = _require(raw_esc, "body", where)
        if body not in bodies:
            raise RulesError(f"{where}: escalates to an unknown body {body!r}")
        after = _require(raw_esc, "after_period", where)
        if after not in {p.id for p in periods}:
            raise RulesError(f"{where}: escalation after an unknown period {after!r}")
        note = _optional_text(raw_esc.get("note"), f"{where} escalation note")
        escalation = Escalation(
            body, after,
            _unverified_needs_note(raw_esc.get("verified", True), note, f"{where} escalation"),
            note, _wording(raw_esc.get("wording"), f"{where} escalation"))
    raw_source = _require(raw, "source", where)
    source = Source(str(_require(raw_source, "zh", where)), str(_require(raw_source, "en", where)),
                    str(raw_source.get("url", "")), str(raw_source.get("published", "")))
    if not source.zh or not source.en:
        raise RulesError(f"{where}: the source text is empty")
    note = _optional_text(raw.get("note"), f"{where} note")
    return Rule(
        id=rule_id,
        title=_text(raw.get("title"), f"{where} title"),
        jurisdiction=_check_jurisdiction(raw.get("jurisdiction"), where),
        institution_kinds=_names(_require(raw, "institution_kinds", where), where),
        categories=_names(_require(raw, "categories", where), where),
        clock_starts=clock_starts,
        unit=unit,
        rolls_to_working_day=bool(raw.get("last_day_rolls_to_working_day", False)),
        action=_text(raw.get("action"), f"{where} action"),
        periods=tuple(periods),
        escalation=escalation,
        source=source,
        as_of=_date(_require(raw, "as_of", where), where),
        verified=_unverified_needs_note(_require(raw, "verified", where), note, where),
        note=note,
        who=_optional_text(raw.get("who"), f"{where} who"),
    )


def parse_rules(data: Mapping[str, Any]) -> Rules:
    """Rules from the decoded JSON of a rules file; :class:`RulesError` on anything amiss."""
    if data.get("format") != 1:
        raise RulesError("unknown rules file format")
    bodies: list[Body] = []
    for raw in _require(data, "bodies", "rules file"):
        body_id = str(_require(raw, "id", "body"))
        where = f"body {body_id}"
        note = _optional_text(raw.get("note"), where)
        bodies.append(Body(body_id, _text(raw.get("name"), where), _text(raw.get("short"), where),
                           str(raw.get("hotline", "")), str(raw.get("website", "")),
                           _unverified_needs_note(raw.get("verified", True), note, where), note,
                           _optional_text(raw.get("in_sentence"), where)))
    body_ids = {b.id for b in bodies}
    if len(body_ids) != len(bodies):
        raise RulesError("two bodies share an id")
    routes: list[Route] = []
    for raw in _require(data, "escalation_routes", "rules file"):
        where = f"route {raw}"
        if raw.get("body") not in body_ids:
            raise RulesError(f"{where}: unknown body")
        note = _optional_text(raw.get("note"), where)
        routes.append(Route(_check_jurisdiction(raw.get("jurisdiction"), where),
                            _names(_require(raw, "institution_kinds", where), where),
                            _names(raw.get("categories", "*"), where), str(raw["body"]),
                            _unverified_needs_note(raw.get("verified", True), note, where),
                            note))
    rules = tuple(_parse_rule(raw, body_ids) for raw in _require(data, "rules", "rules file"))
    if len({r.id for r in rules}) != len(rules):
        raise RulesError("two rules share an id")
    wording = _require(data, "wording", "rules file")
    needed = {"answer", "progress", "progress_rolled", "progress_run_rolled",
              "progress_overdue", "escalate", "escalate_open", "escalated", "unverified",
              "join", "end", "units"}
    for lang in LANGS:
        missing = needed - set(wording.get(lang, {}))
        if missing:
            raise RulesError(f"wording {lang}: missing {', '.join(sorted(missing))}")
    return Rules(_date(_require(data, "as_of", "rules file"), "rules file"), rules,
                 tuple(bodies), tuple(routes), wording)


def load_rules(path: Path | None = None) -> Rules:
    """Read a rules file (the shipped one by default)."""
    source = path or RULES_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"cannot read the rules file {source}: {exc}") from exc
    return parse_rules(data)


@cache
def default_rules() -> Rules:
    """The shipped rules, read once."""
    return load_rules()


def next_body(case: CaseRecord, rules: Rules | None = None) -> Body | None:
    """The body to escalate to for this case; None when the case has no jurisdiction.

    Banks and insurers in China → 国家金融监督管理总局 12378; payment → 中国人民银行 12363;
    other consumer disputes → 12315; UK → Financial Ombudsman Service; US → CFPB; EU → FIN-NET.
    """
    rules = rules or default_rules()
    route = rules.route_for(case)
    return None if route is None else rules.body(route.body)

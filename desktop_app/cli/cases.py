"""Cases and their timelines: ``case new|edit|list|show|lodged``, ``event add|delete``, and
``search`` across them."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_OK, UsageError
from desktop_app.i18n import tr
from desktop_app.timeutil import to_local
from desktop_app.vocab import reference_label

if TYPE_CHECKING:
    from desktop_app.deadlines.promise_due import PromisedDue
    from desktop_app.reading.facts import Fact
    from desktop_app.records import CaseFields, EventFields, PromiseData
    from desktop_app.services.book import Casebook


# The records (desktop_app.records, ~13 ms with dataclasses) are imported by the commands that
# build them: `case list` prints plain rows.

def _case_fields(args: argparse.Namespace, base: CaseFields) -> CaseFields:
    import dataclasses  # deferred: ~5 ms (inspect); the commands that change a case

    changes: dict[str, Any] = {}
    for name in ("title", "product", "category", "amount", "currency", "incident_at",
                 "transaction_refs", "description", "desired_outcome", "jurisdiction"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value
    if getattr(args, "status", None):
        changes["status"] = args.status
    if args.institution is not None:
        changes["institution_id"] = None
        changes["institution_name"] = args.institution
    return dataclasses.replace(base, **changes)


def cmd_case(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "new":
        from desktop_app.records import CaseFields  # deferred: see above

        record = book.cases.create_case(_case_fields(args, CaseFields(title="")))
        print_json(record.to_json()) if args.json else print(record.id)
    elif args.action == "edit":
        current = book.cases.get_case(args.case)
        record = book.cases.update_case(args.case, _case_fields(args, current.fields))
        print_json(record.to_json()) if args.json else print(record.id)
    elif args.action == "list" and args.json:
        print_json([c.to_json() for c in book.cases.list_cases()])
    elif args.action == "list":
        from desktop_app.store.light_reads import case_lines  # deferred: `case list` only

        with book.read() as con:
            for case_id, status, institution, title in case_lines(con):
                print(f"{case_id}\t{status}\t{institution}\t{title}")
    elif args.action == "show":
        data = book.cases.case_json(args.case)
        if args.json:
            print_json(data)
        else:
            _print_case_text(data)
            _print_clock_text(book, args.case)
    elif args.action == "lodged":
        record = book.cases.mark_lodged(args.case, None if args.clear else args.event)
        print_json(record.to_json()) if args.json else print(record.id)
    return EXIT_OK


def _print_clock_text(book: Casebook, case_id: int) -> None:
    from desktop_app.deadlines.clock import clock_lines  # deferred: ~14 ms; case show only

    clock = book.deadlines.case_clock(case_id)
    if clock is not None:
        lang = "zh" if clock.jurisdiction == "CN" else "en"
        for line in clock_lines(clock, book.cases.get_case(case_id), lang):
            print(f"  {line}")


def _print_case_text(data: dict[str, Any]) -> None:
    print(f"#{data['id']} {data['title']}")
    print("  " + " · ".join(part for part in (data["institution"], data["product"],
                                                data["status"]) if part))
    if data["incident_at"] is not None:
        print("  " + tr("incident: {time}", time=data["incident_at"]))
    if data["amount"] is not None:
        print(f"  {data['amount']} {data['currency']}")
    for e in data["events"]:
        refs = ", ".join(f"{reference_label(r['label'], 'en')}={r['value']}" if r["label"]
                         else r["value"] for r in e["references"])
        print(f"  [{e['id']}] {e['at']} {e['channel']}/{e['direction']} {e['summary']}"
              + (f" ({refs})" if refs else ""))
        for p in e["promises"]:
            print(f"      promise: {p['text']} due {p['due']} [{p['state']}]")
    for x in data.get("evidence", []):
        on = f" [{x['event_id']}]" if x["event_id"] is not None else ""
        made = ""
        if x["captured_at"] is not None:
            made = " " + tr("made {time}", time=x["captured_at"])
            if x.get("captured_source"):
                made += f" ({x['captured_source']})"
        print(f"  {x['exhibit']} {x['original_name']}{on} {x['sha256'][:12]}{made}"
              + (f" — {x['caption']}" if x["caption"] else ""))


def cmd_event(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "delete":
        book.timeline.delete_event(args.event)
        return EXIT_OK
    if len(args.due) > len(args.promise):
        raise UsageError("casebook event add: --due needs a --promise")
    if args.summary is not None and not args.summary.strip():
        # the window will not save an entry without one: neither does this
        raise UsageError("casebook event add: --summary is empty; say in a line what happened")
    from desktop_app.records import EventFields  # deferred: see above

    promises, read_dues = _promises(book, args)
    fields = EventFields(
        at=args.at, channel=args.channel, direction=args.direction,
        counterpart=args.counterpart, agent_id=args.agent_id, contact=args.contact,
        duration_seconds=None if args.duration is None else round(args.duration * 60),
        summary=args.summary or "", details=args.details, references=tuple(args.ref),
        promises=promises,
    )
    record = book.timeline.add_event(args.case, fields)
    suggestions = _suggestions(fields) if args.from_notes else None
    if args.json:
        data = record.to_json()
        if suggestions is not None:
            data["suggestions"] = [fact.to_json() for fact in suggestions]
        print_json(data)
        return EXIT_OK
    print(record.id)
    for read in read_dues:
        print(tr("promise due {due} ({phrase} from the entry's time)",
                 due=f"{to_local(read.due):%Y-%m-%d %H:%M}", phrase=read.phrase))
    for fact in suggestions or ():
        print(_suggestion_line(fact, args.case))
    return EXIT_OK


def _promises(book: Casebook, args: argparse.Namespace
              ) -> tuple[tuple[PromiseData, ...], list[PromisedDue]]:
    """The promises to add: an explicit --due wins; else the period the words state, counted
    on the case's working-day calendar from the entry's time."""
    from desktop_app.deadlines.promise_due import (  # deferred: ~5 ms, ~18 ms with facts.json read
        promised_due,
    )
    from desktop_app.records import PromiseData  # deferred: see above

    promises: list[PromiseData] = []
    read_dues: list[PromisedDue] = []
    jurisdiction: str | None = None
    for i, text in enumerate(args.promise):
        due = args.due[i] if i < len(args.due) else None
        if due is None:
            if jurisdiction is None:
                jurisdiction = book.cases.get_case(args.case).fields.jurisdiction
            read = promised_due(text, args.at, jurisdiction)
            if read is not None:
                due = read.due
                read_dues.append(read)
        promises.append(PromiseData(text=text, due_at=due))
    return tuple(promises), read_dues


def _suggestions(fields: EventFields) -> list[Fact]:
    from desktop_app.reading.notes import facts_in_notes  # deferred: ~8 ms; --from-notes only

    return facts_in_notes(fields)


def _suggestion_line(fact: Fact, case_id: int) -> str:
    """One found fact, and the option that would record it."""
    label = f" ({fact.label})" if fact.label else ""
    if fact.private:
        return tr("suggestion: {kind} ending {last} — private: keep it out of the case unless "
                  "the complaint needs it", kind=fact.kind, last=fact.value[-4:])
    value = fact.value
    if fact.kind == "time":
        hint = f'--at "{to_local(datetime.fromisoformat(value)):%Y-%m-%d %H:%M}"'
    else:
        hint = {
            "reference": f"--ref {fact.label or 'ref'}={value}",
            "agent_id": f"--agent-id {value}",
            "phone": f"--contact {value}",
            "amount": f"casebook case edit {case_id} --amount {value}",
        }.get(fact.kind, "")
    hotline = " [hotline]" if fact.hotline else ""
    return tr("suggestion: {kind} {value}{label}{hotline} — record with: {hint}",
              kind=fact.kind, value=value, label=label, hotline=hotline,
              hint=hint)


def cmd_search(book: Casebook, args: argparse.Namespace) -> int:
    hits = book.search(args.query, limit=args.limit)
    if args.json:
        print_json([hit.to_json() for hit in hits])
        return EXIT_OK
    for hit in hits:
        where = f"#{hit.case_id}"
        if hit.event_id is not None:
            where += f" event {hit.event_id}"
        if hit.exhibit_no is not None:
            where += f" E{hit.exhibit_no}"
        when = "" if hit.at is None else f"{to_local(hit.at):%Y-%m-%d %H:%M}"
        print(f"{where}\t{hit.kind}\t{when}\t{hit.case_title}\t{hit.snippet}")
    return EXIT_OK

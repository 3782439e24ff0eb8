"""The closed vocabularies of a case: channels, directions, statuses, categories, …

Values are stable identifiers stored in the database and used by the CLI. Labels are English
source strings marked for translation (context ``vocab``); the UI translates them.
"""

from __future__ import annotations

from enum import StrEnum


def N_(text: str) -> str:
    return text


class Channel(StrEnum):
    CALL = "call"
    VISIT = "visit"
    WEB = "web"
    APP = "app"
    WECHAT = "wechat"
    EMAIL = "email"
    LETTER = "letter"
    SMS = "sms"
    SOCIAL = "social"
    REGULATOR = "regulator"
    NOTE = "note"
    UNSOLICITED = "unsolicited"
    UNSOLICITED_SMS = "unsolicited_sms"


CHANNEL_LABELS: dict[str, str] = {
    Channel.CALL: N_("Phone call"),
    Channel.VISIT: N_("Branch visit"),
    Channel.WEB: N_("Web form"),
    Channel.APP: N_("In-app feedback"),
    Channel.WECHAT: N_("WeChat"),
    Channel.EMAIL: N_("Email"),
    Channel.LETTER: N_("Letter"),
    Channel.SMS: N_("SMS"),
    Channel.SOCIAL: N_("Social media"),
    Channel.REGULATOR: N_("Regulator filing"),
    Channel.NOTE: N_("Note"),
    Channel.UNSOLICITED: N_("Unsolicited call"),
    Channel.UNSOLICITED_SMS: N_("Unsolicited SMS"),
}


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


DIRECTION_LABELS: dict[str, str] = {
    Direction.OUT: N_("I contacted them"),
    Direction.IN: N_("They contacted me"),
}


class Status(StrEnum):
    OPEN = "open"
    AWAITING_REPLY = "awaiting_reply"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED_UNRESOLVED = "closed_unresolved"


STATUS_LABELS: dict[str, str] = {
    Status.OPEN: N_("Open"),
    Status.AWAITING_REPLY: N_("Awaiting reply"),
    Status.ESCALATED: N_("Escalated"),
    Status.RESOLVED: N_("Resolved"),
    Status.CLOSED_UNRESOLVED: N_("Closed, unresolved"),
}

OPEN_STATUSES = frozenset({Status.OPEN, Status.AWAITING_REPLY, Status.ESCALATED})


class Category(StrEnum):
    FUNCTION_FAULT = "function_fault"
    WRONG_INFORMATION = "wrong_information"
    SERVICE_ATTITUDE = "service_attitude"
    HARD_TO_OPERATE = "hard_to_operate"
    FROZEN_FUNDS = "frozen_funds"
    FAILED_WITHDRAWAL = "failed_withdrawal"
    SLOW_SUPPORT = "slow_support"
    UNWANTED_CALLS = "unwanted_calls"
    OTHER = "other"


CATEGORY_LABELS: dict[str, str] = {
    Category.FUNCTION_FAULT: N_("Function fault"),
    Category.WRONG_INFORMATION: N_("Wrong information"),
    Category.SERVICE_ATTITUDE: N_("Service attitude"),
    Category.HARD_TO_OPERATE: N_("Hard to operate"),
    Category.FROZEN_FUNDS: N_("Frozen funds"),
    Category.FAILED_WITHDRAWAL: N_("Failed withdrawal"),
    Category.SLOW_SUPPORT: N_("Slow support"),
    Category.UNWANTED_CALLS: N_("Unwanted calls"),
    Category.OTHER: N_("Other"),
}


class Jurisdiction(StrEnum):
    CN = "CN"
    UK = "UK"
    US = "US"
    EU = "EU"
    NONE = "none"


JURISDICTION_LABELS: dict[str, str] = {
    Jurisdiction.CN: N_("China"),
    Jurisdiction.UK: N_("United Kingdom"),
    Jurisdiction.US: N_("United States"),
    Jurisdiction.EU: N_("European Union"),
    Jurisdiction.NONE: N_("None"),
}


class InstitutionKind(StrEnum):
    BANK = "bank"
    PAYMENT = "payment"
    LENDER = "lender"
    INSURER = "insurer"
    REGULATOR = "regulator"
    CONSUMER_BODY = "consumer_body"
    OTHER = "other"


INSTITUTION_KIND_LABELS: dict[str, str] = {
    InstitutionKind.BANK: N_("Bank"),
    InstitutionKind.PAYMENT: N_("Payment app"),
    InstitutionKind.LENDER: N_("Lender"),
    InstitutionKind.INSURER: N_("Insurer"),
    InstitutionKind.REGULATOR: N_("Regulator"),
    InstitutionKind.CONSUMER_BODY: N_("Consumer body"),
    InstitutionKind.OTHER: N_("Other"),
}


class PromiseState(StrEnum):
    PENDING = "pending"
    KEPT = "kept"
    BROKEN = "broken"


PROMISE_STATE_LABELS: dict[str, str] = {
    PromiseState.PENDING: N_("Pending"),
    PromiseState.KEPT: N_("Kept"),
    PromiseState.BROKEN: N_("Broken"),
}


# Kinds of reference number, stored as these keys and printed in the reader's language (the
# window's, the dossier's, a letter's), so a number added in the English window reads 投诉编号
# in a Chinese dossier. Each kind: (Chinese, English, other ways people write it). A label
# that is none of these is kept as typed.
REFERENCE_KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "complaint_no": ("投诉编号", "Complaint no.",
                     ("投诉号", "投诉号码", "投诉单号", "投诉编码", "complaint number",
                      "complaint no", "complaint ref", "complaint reference")),
    "acceptance_no": ("受理编号", "Acceptance no.",
                      ("受理号", "受理单号", "acceptance number")),
    "ticket_no": ("工单号", "Ticket no.",
                  ("工单编号", "服务单号", "ticket number", "ticket", "case number")),
    "regulator_case_no": ("监管受理编号", "Regulator case no.",
                          ("监管投诉编号", "regulator case number", "regulator reference")),
    "transaction_no": ("交易流水号", "Transaction no.",
                       ("流水号", "交易号", "交易单号", "transaction id", "transaction number")),
    "order_no": ("订单号", "Order no.", ("订单编号", "order number", "order id")),
}


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("：", "").rstrip(":.").split())


_KIND_OF: dict[str, str] = {
    _folded(name): key for key, (zh, en, more) in REFERENCE_KINDS.items()
    for name in (key, zh, en, *more)}


def reference_kind(label: str) -> str:
    """The key of a reference label written in any language ("Complaint no.", "投诉号" →
    ``complaint_no``), or the label as typed (stripped) when it names no known kind."""
    return _KIND_OF.get(_folded(label), label.strip())


def reference_label(label: str, lang: str) -> str:
    """A stored reference label as a reader of ``lang`` ("zh" or "en") reads it."""
    kind = REFERENCE_KINDS.get(label)
    if kind is None:
        return label
    return kind[0] if lang.startswith("zh") else kind[1]

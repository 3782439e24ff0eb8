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

"""The facts read from an exhibit's picture, each with the places it may go: a table of what it
is, its value, and one cell per place ("Add to the entry's numbers", "Make it the capture
time") that the viewer turns into the change when clicked. The model only shows; what each
offer is (and whether the record already holds it) is worked out by the viewer's side pane from
:mod:`desktop_app.reading.fact_places`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.reading.fact_places import Place
from desktop_app.reading.facts import Fact
from ui.case_words import money_text
from ui.models.base import RecordTableModel
from ui.timeconv import format_datetime

Index = QModelIndex | QPersistentModelIndex
OfferState = Literal["offer", "held", "no_entry"]
FACT_ROLE = Qt.ItemDataRole.UserRole + 1
PLACE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class FactOffer:
    """A fact and, for each place it may go, whether it can go there now."""

    fact: Fact
    places: tuple[tuple[Place, OfferState], ...] = ()


def kind_label(fact: Fact) -> str:
    labels = {
        "reference": QCoreApplication.translate("FactsModel", "Reference number"),
        "agent_id": QCoreApplication.translate("FactsModel", "Agent's ID"),
        "amount": QCoreApplication.translate("FactsModel", "Amount"),
        "time": QCoreApplication.translate("FactsModel", "Time"),
        "phone": (QCoreApplication.translate("FactsModel", "Hotline") if fact.hotline
                  else QCoreApplication.translate("FactsModel", "Phone number")),
        "card": QCoreApplication.translate("FactsModel", "Bank card (private)"),
        "id_number": QCoreApplication.translate("FactsModel", "ID number (private)"),
    }
    return labels.get(fact.kind, fact.kind)


def value_label(fact: Fact) -> str:
    if fact.kind == "time":
        return format_datetime(datetime.fromisoformat(fact.value))
    if fact.kind == "amount":  # as the case header shows amounts: 5,000.00
        return money_text(Decimal(fact.value), "CNY")
    return fact.value


def offer_label(place: Place, state: OfferState) -> str:
    if state == "no_entry":
        return QCoreApplication.translate("FactsModel", "No entry: link it first")
    if state == "held":
        held = {
            "entry_reference": QCoreApplication.translate("FactsModel", "✓ on the entry"),
            "entry_agent_id": QCoreApplication.translate("FactsModel", "✓ the entry's agent ID"),
            "entry_contact": QCoreApplication.translate("FactsModel", "✓ the entry's contact"),
            "entry_time": QCoreApplication.translate("FactsModel", "✓ the entry's time"),
            "case_amount": QCoreApplication.translate("FactsModel", "✓ the case's amount"),
            "captured": QCoreApplication.translate("FactsModel", "✓ the capture time"),
        }
        return held[place]
    offers = {
        "entry_reference": QCoreApplication.translate("FactsModel", "Add to the entry's numbers"),
        "entry_agent_id": QCoreApplication.translate("FactsModel", "Make it the entry's agent ID"),
        "entry_contact": QCoreApplication.translate("FactsModel", "Make it the entry's contact"),
        "entry_time": QCoreApplication.translate("FactsModel", "Make it the entry's time"),
        "case_amount": QCoreApplication.translate("FactsModel", "Make it the case's amount"),
        "captured": QCoreApplication.translate("FactsModel", "Make it the capture time"),
    }
    return offers[place]


class FactsModel(RecordTableModel):
    KIND, VALUE, FIRST, SECOND = range(4)
    CONTEXT = "FactsModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("FactsModel", "Found"),
        QT_TRANSLATE_NOOP("FactsModel", "Value"),
        QT_TRANSLATE_NOOP("FactsModel", "Action"),
        QT_TRANSLATE_NOOP("FactsModel", "Other action"),
    ))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._offers: list[FactOffer] = []

    def set_offers(self, offers: Sequence[FactOffer]) -> None:
        offers = list(offers)
        if [o.fact for o in offers] == [o.fact for o in self._offers]:
            self._offers = offers
            if offers:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(offers) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._offers = offers
        self.endResetModel()

    def offers(self) -> list[FactOffer]:
        return list(self._offers)

    def row_total(self) -> int:
        return len(self._offers)

    def offer_at(self, index: Index) -> tuple[Fact, Place, OfferState] | None:
        """The fact and place of an offer cell (None for other cells)."""
        if not index.isValid() or not 0 <= index.row() < len(self._offers):
            return None
        offer = self._offers[index.row()]
        slot = index.column() - self.FIRST
        if not 0 <= slot < len(offer.places):
            return None
        place, state = offer.places[slot]
        return offer.fact, place, state

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._offers):
            return None
        offer = self._offers[index.row()]
        fact, column = offer.fact, index.column()
        found = self.offer_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return kind_label(fact)
            if column == self.VALUE:
                return value_label(fact)
            if found is not None:
                return offer_label(found[1], found[2])
            if column == self.FIRST and fact.private:
                return _private_note()
            return ""
        if role == FACT_ROLE:
            return fact
        if role == PLACE_ROLE:
            return found[1] if found is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if fact.private:
                return QCoreApplication.translate(
                    "FactsModel", "This picture shows a private number. Think before you "
                    "share it; Casebook puts it nowhere.")
            if found is not None and found[2] == "offer":
                return QCoreApplication.translate(
                    "FactsModel", "Click, or press Enter, to do this. Undo with Ctrl+Z.")
            return fact.label or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if fact.private and column in (self.KIND, self.FIRST):
                return QBrush(QColor("#b91c1c"))
            if found is not None:
                return QBrush(QColor("#1d4ed8" if found[2] == "offer" else "#6b7280"))
        if role == Qt.ItemDataRole.FontRole and found is not None and found[2] == "offer":
            font = QFont()
            font.setUnderline(True)
            return font
        return None


def _private_note() -> str:
    return QCoreApplication.translate("FactsModel", "Private: not copied anywhere")


__all__ = ["FACT_ROLE", "PLACE_ROLE", "FactOffer", "FactsModel", "kind_label", "offer_label",
           "value_label"]

"""The 依申请公开 ledger: applications with the legal clock, the 主动公开 and 复议/诉讼 registers, and
the annual report's tables computed from them (balanced by construction).

Start with `Ledger` (book.py): an organ's cases and registers; `Ledger.status(case, as_of)` gives a
case's state and deadline with its derivation; `Ledger.applications(year, as_of)` gives 表三.
"""

from __future__ import annotations

from .book import BeforeLedger, Ledger, Settings
from .calendar import Day, UnknownRegion, WorkCalendar
from .cases import (
    Applicant,
    Case,
    ConsultationEnded,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    Extended,
    FeeNotified,
    FeePaid,
    InvalidEvent,
    Replied,
    Withdrawn,
    check_event,
)
from .clock import DEFAULT_POLICY, Count, Pause, Policy, Status, add_working_days, count_working_days, status
from .fees import FeeQuote, per_piece, per_volume, quote
from .registers import ActiveItem, Appeal, Figure, OpeningBalance
from .tables import OutcomeNotInEdition, Placement

__all__ = [
    "DEFAULT_POLICY",
    "ActiveItem",
    "Appeal",
    "Applicant",
    "BeforeLedger",
    "Case",
    "ConsultationEnded",
    "ConsultationStarted",
    "CorrectionReceived",
    "CorrectionRequested",
    "Count",
    "Day",
    "Event",
    "Extended",
    "FeeNotified",
    "FeePaid",
    "FeeQuote",
    "Figure",
    "InvalidEvent",
    "Ledger",
    "OpeningBalance",
    "OutcomeNotInEdition",
    "Pause",
    "Placement",
    "Policy",
    "Replied",
    "Settings",
    "Status",
    "UnknownRegion",
    "Withdrawn",
    "WorkCalendar",
    "add_working_days",
    "check_event",
    "count_working_days",
    "per_piece",
    "per_volume",
    "quote",
    "status",
]

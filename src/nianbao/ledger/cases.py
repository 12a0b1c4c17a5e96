"""An application (依申请公开 case) and its append-only events.

A case holds only what happened: who applied, how and when the application arrived, what was asked,
and the dated events after that. Its state, deadlines and 表三 cell are computed from these
(`clock.status`), never stored beside them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..editions import edition_for_year
from ..editions.outcomes import all_outcome_keys, outcome_label, outcome_row
from .words import APPLICANT_TYPES, CHANNELS

ApplicantType = Literal["natural", "org_commercial", "org_research", "org_social", "org_legal", "org_other"]
Channel = Literal["in_person", "post", "online", "fax", "other"]
Party = Literal["third_party", "other_organ"]
FeeMethod = Literal["per_piece", "per_volume"]

assert set(ApplicantType.__args__) == set(APPLICANT_TYPES)  # type: ignore[attr-defined]
assert set(Channel.__args__) == set(CHANNELS)  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applicant(_Model):
    name: str
    type: ApplicantType
    # A keyed hash of the ID number or unified social credit code (never the number itself): it links
    # one applicant's applications within a month for the 109号 按件 count.
    identity_key: str | None = None
    contact: str = ""


class _Event(_Model):
    on: date
    note: str = ""


class CorrectionRequested(_Event):
    """补正告知 (第三十条): within 7 working days of receipt; `deadline` is the period given to correct."""

    kind: Literal["correction_requested"] = "correction_requested"
    deadline: date | None = None
    items: str = ""


class CorrectionReceived(_Event):
    """The corrected application arrived: the answer period restarts the next day."""

    kind: Literal["correction_received"] = "correction_received"


class ConsultationStarted(_Event):
    """征求意见 of a third party (第三十二条) or another organ (第三十四条): the clock pauses."""

    kind: Literal["consultation_started"] = "consultation_started"
    party: Party = "third_party"
    addressee: str = ""


class ConsultationEnded(_Event):
    kind: Literal["consultation_ended"] = "consultation_ended"


class Extended(_Event):
    """延期 (第三十三条第二款): approved by the head of the disclosure office, notified to the applicant
    before the first deadline, at most 20 working days, once."""

    kind: Literal["extended"] = "extended"
    approved_by: str
    notified_on: date
    working_days: int = Field(default=20, ge=1, le=20)


class FeeNotified(_Event):
    """收费通知 (109号): amount, and how it was computed (按件 pieces or 按量 pages)."""

    kind: Literal["fee_notified"] = "fee_notified"
    amount_yuan: Decimal = Field(ge=0)
    method: FeeMethod | None = None
    units: int | None = Field(default=None, ge=1)


class FeePaid(_Event):
    kind: Literal["fee_paid"] = "fee_paid"
    amount_yuan: Decimal | None = Field(default=None, ge=0)


class Replied(_Event):
    """答复: the outcome is one result row of the form (its key), with the legal basis cited."""

    kind: Literal["replied"] = "replied"
    outcome: str
    legal_basis: str = ""


class Withdrawn(_Event):
    kind: Literal["withdrawn"] = "withdrawn"


Event = Annotated[
    CorrectionRequested
    | CorrectionReceived
    | ConsultationStarted
    | ConsultationEnded
    | Extended
    | FeeNotified
    | FeePaid
    | Replied
    | Withdrawn,
    Field(discriminator="kind"),
]


class Case(_Model):
    """One application. `number` is the office's own 编号 (unique within the organ)."""

    number: str
    applicant: Applicant
    channel: Channel = "online"
    received_on: date
    request: str = ""
    # Pieces under 109号 按件计收 when one application was split 一事一申请 (default: one).
    pieces: int = Field(default=1, ge=1)
    events: tuple[Event, ...] = ()

    def with_event(self, event: Event) -> Case:
        return self.model_copy(update={"events": (*self.events, event)})


class InvalidEvent(ValueError):
    """An event the ledger refuses, with the reason for people (Chinese)."""


def check_event(case: Case, event: Event) -> None:
    """Refuse what cannot be true of any application (dates before receipt, unknown outcomes, a
    second extension); what is merely late or irregular is recorded and flagged by `clock.status`."""
    if event.on < case.received_on:
        raise InvalidEvent(f"事件日期 {event.on} 早于收到申请日期 {case.received_on}")
    if isinstance(event, Replied):
        if event.outcome not in all_outcome_keys():
            raise InvalidEvent(f"未知的办理结果“{event.outcome}”")
        edition = edition_for_year(event.on.year)
        if outcome_row(edition, event.outcome) is None:
            raise InvalidEvent(
                f"办理结果“{outcome_label(event.outcome)}”不在{event.on.year}年所用格式（{edition.key}）的表三中"
            )
    if isinstance(event, Extended):
        if any(isinstance(e, Extended) for e in case.events):
            raise InvalidEvent("同一申请只能延期一次（条例第三十三条第二款）")
        if event.notified_on < event.on:
            raise InvalidEvent("延期告知日期早于批准日期")
    ended = [e for e in case.events if isinstance(e, Replied | Withdrawn)]
    if ended and isinstance(event, Replied | Withdrawn):
        raise InvalidEvent(f"该申请已于 {ended[0].on} 办结，不能再次答复或撤回")

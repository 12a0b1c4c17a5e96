"""The legal clock of an application, folded from its events.

Conventions (条例第三十、三十二、三十三条; docs/ledger.md states them for users):
- counting starts the day after the start day (收到日期, or the day the corrected application arrived);
  the answer is due on the 20th working day;
- a 补正告知 stops the clock; the corrected application restarts it from zero (pauses and an extension
  of the earlier count are dropped); no correction by the period given → the case ends as
  （六）1 逾期不补正 the day after that period;
- working days inside a 征求意见 window (start..end inclusive) are not counted, nor (policy, default on)
  those from a 收费通知 to the payment; unpaid after 20 working days → （六）2 the day after;
- one 延期 adds at most 20 working days, and only if notified on or before the deadline it extends;
- a 收费通知 dated on or after the day the case ended does not pause anything.
Every deadline comes with its derivation (`Count.explain`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from ..chinese.dates import chinese_day
from ..editions.outcomes import FEE_UNPAID, NO_CORRECTION, OTHER_ENDING
from .calendar import Day, WorkCalendar
from .cases import (
    Case,
    ConsultationEnded,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeNotified,
    FeePaid,
    Replied,
    Withdrawn,
)
from .words import CONSULTED

State = Literal["open", "awaiting_correction", "consulting", "awaiting_payment", "concluded"]
Ending = Literal["replied", "withdrawn", "no_correction", "fee_unpaid"]
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Policy:
    """The numbers of the clock. Statutory ones first; the rest are knobs a 公开办 may set."""

    answer_days: int = 20  # 第三十三条
    correction_notice_days: int = 7  # 第三十条
    extension_days: int = 20  # 第三十三条第二款
    consultation_reply_days: int = 15  # 第三十二条
    fee_payment_days: int = 20  # 109号 implementing notices: 收到收费通知次日起20个工作日
    # Knobs: the 补正 period when the notice names none; whether a fee notice pauses the answer clock.
    correction_period_days: int = 15
    fee_pauses_clock: bool = True


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Pause:
    start: date
    end: date
    reason: str


def day_text(d: date) -> str:
    return f"{chinese_day(d)}（星期{WEEKDAYS[d.weekday()]}）"


@dataclass(frozen=True)
class Count:
    """N working days after `start`, skipping the days paused: the due date and how it was reached."""

    start: date
    start_reason: str
    days: int
    due: date
    walked: tuple[Day, ...]
    paused: tuple[tuple[Day, Pause], ...]
    calendar_version: str
    extension: str = ""

    @property
    def provisional(self) -> bool:
        return any(d.provisional for d in self.walked)

    def uncovered_years(self) -> dict[int, tuple[str, ...]]:
        return {d.on.year: d.uncovered for d in self.walked if d.provisional}

    @property
    def holidays(self) -> tuple[Day, ...]:
        return tuple(d for d in self.walked if d.kind == "holiday")

    @property
    def makeup_days(self) -> tuple[Day, ...]:
        return tuple(d for d in self.walked if d.kind == "makeup")

    def explain(self) -> list[str]:
        """The derivation in sentences people read: counted days, holidays and 调休, pauses, provisional."""
        lines = [
            f"自{day_text(self.start)}（{self.start_reason}）次日起计算，"
            f"第{self.days}个工作日为{day_text(self.due)}。"
        ]
        if self.extension:
            lines.append(self.extension)
        for name, first, last, count in _runs(self.holidays):
            span = day_text(first) if first == last else f"{day_text(first)}至{day_text(last)}"
            lines.append(f"{name}放假{span}，共{count}天，不计入。")
        for day in self.makeup_days:
            lines.append(f"{day_text(day.on)}为{day.name}调休上班日，计入工作日。")
        weekends = sum(1 for d in self.walked if d.kind == "weekend")
        if weekends:
            lines.append(f"其间周六、周日{weekends}天不计入。")
        reasons: dict[Pause, int] = {}
        for _, pause in self.paused:
            reasons[pause] = reasons.get(pause, 0) + 1
        for pause, count in reasons.items():
            lines.append(
                f"{pause.reason}期间（{day_text(pause.start)}至{day_text(pause.end)}）的{count}个工作日不计入。"
            )
        for year, layers in sorted(self.uncovered_years().items()):
            lines.append(
                f"注意：日历数据（版本 {self.calendar_version}）尚未载入{year}年"
                f"{'、'.join(layers)}的节假日安排，该年按周一至周五推算，此日期为暂定，"
                "节假日安排公布后须重新计算。"
            )
        return lines


def _runs(days: Sequence[Day]) -> list[tuple[str, date, date, int]]:
    """Consecutive holiday days of the same name, as (name, first, last, number of days)."""
    runs: list[tuple[str, date, date, int]] = []
    for day in days:
        name = day.name or ""
        if runs and runs[-1][0] == name and (day.on - runs[-1][2]).days == 1:
            runs[-1] = (name, runs[-1][1], day.on, runs[-1][3] + 1)
        else:
            runs.append((name, day.on, day.on, 1))
    return runs


def count_working_days(
    calendar: WorkCalendar,
    start: date,
    days: int,
    pauses: Sequence[Pause] = (),
    start_reason: str = "起算日",
    extension: str = "",
) -> Count:
    """The `days`-th working day after `start` (the start day itself is day zero), where working days
    inside a pause are not counted. Each day walked is kept for the explanation."""
    walked: list[Day] = []
    paused: list[tuple[Day, Pause]] = []
    counted = 0
    current = start
    while counted < days:
        current += timedelta(days=1)
        day = calendar.day(current)
        walked.append(day)
        if not day.working:
            continue
        pause = next((p for p in pauses if p.start <= current <= p.end), None)
        if pause is not None:
            paused.append((day, pause))
            continue
        counted += 1
    return Count(
        start, start_reason, days, current, tuple(walked), tuple(paused), calendar.version, extension
    )


def add_working_days(calendar: WorkCalendar, start: date, days: int) -> date:
    return count_working_days(calendar, start, days).due


def working_days_left(calendar: WorkCalendar, today: date, due: date) -> int:
    """Working days after `today` up to and including `due` (0 = due today); past the due date, minus
    the working days since it (−1 = the first working day after the deadline)."""
    first, last, sign = (today, due, 1) if due >= today else (due, today, -1)
    days = (calendar.day(first + timedelta(days=n)) for n in range(1, (last - first).days + 1))
    return sign * sum(1 for d in days if d.working)


@dataclass
class Status:
    """What the events of a case add up to, as of a day."""

    state: State
    as_of: date
    clock_start: date
    # The answer deadline while the clock runs, or the one in force when the case ended; None while
    # the clock stands (awaiting a correction, a consultation or a payment).
    due: Count | None
    concluded_on: date | None = None
    outcome: str | None = None
    ending: Ending | None = None
    correction_notice_due: date | None = None
    correction_due: date | None = None
    consultation_due: date | None = None
    payment_due: date | None = None
    # The earliest the deadline can be while the clock stands (open pauses closed today).
    projected_due: Count | None = None
    extension_days: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        if self.concluded_on is not None:
            return self.due is not None and self.concluded_on > self.due.due
        limit = self.due or self.projected_due
        return limit is not None and self.as_of > limit.due

    @property
    def provisional(self) -> bool:
        limit = self.due or self.projected_due
        return limit is not None and limit.provisional


@dataclass
class _Fold:
    case: Case
    calendar: WorkCalendar
    policy: Policy
    start: date
    start_reason: str = "收到申请"
    pauses: list[Pause] = field(default_factory=list)
    open_pauses: dict[str, tuple[date, str]] = field(default_factory=dict)
    extension: Extended | None = None
    correction: tuple[date, date] | None = None
    consultation_due: date | None = None
    payment_due: date | None = None
    warnings: list[str] = field(default_factory=list)

    def count(self, until: date, with_extension: bool = True, ended: bool = False) -> Count:
        # A pause still open is closed at `until`; one opened on the day a case ended paused nothing.
        closed = [
            Pause(s, until, reason) for s, reason in self.open_pauses.values() if not (ended and s >= until)
        ]
        extra = self.extension.working_days if (with_extension and self.extension) else 0
        note = ""
        if extra and self.extension is not None:
            note = (
                f"经{self.extension.approved_by}批准延期{extra}个工作日，"
                f"{day_text(self.extension.notified_on)}告知申请人。"
            )
        return count_working_days(
            self.calendar,
            self.start,
            self.policy.answer_days + extra,
            [*self.pauses, *closed],
            self.start_reason,
            note,
        )


def status(case: Case, calendar: WorkCalendar, as_of: date, policy: Policy = DEFAULT_POLICY) -> Status:
    """Fold the case's events (in date order; same-day events in the order recorded) as of `as_of`."""
    fold = _Fold(case, calendar, policy, case.received_on)
    notice_due = add_working_days(calendar, case.received_on, policy.correction_notice_days)
    ended: tuple[date, str, Ending] | None = None
    events = sorted(enumerate(case.events), key=lambda pair: (pair[1].on, pair[0]))
    for _, event in events:
        if event.on > as_of:
            break
        if ended is not None:
            if not isinstance(event, FeePaid | FeeNotified):
                fold.warnings.append(f"{day_text(event.on)}的事件在办结之后，不影响期限。")
            continue
        if fold.correction is not None and event.on > fold.correction[1]:
            fold.warnings.append(f"补正期限（{day_text(fold.correction[1])}）已过，其后仍有办理记录。")
        ended = _apply(fold, event, notice_due)
    if ended is None:
        ended = _lapsed(fold, as_of)
    return _status(fold, as_of, notice_due, ended)


def _apply(fold: _Fold, event: object, notice_due: date) -> tuple[date, str, Ending] | None:
    policy, calendar = fold.policy, fold.calendar
    if isinstance(event, CorrectionRequested):
        if event.on > notice_due and fold.start == fold.case.received_on:
            fold.warnings.append(
                f"补正告知（{day_text(event.on)}）晚于收到申请后{policy.correction_notice_days}个工作日"
                f"（{day_text(notice_due)}），不符合条例第三十条。"
            )
        deadline = event.deadline or add_working_days(calendar, event.on, policy.correction_period_days)
        fold.correction = (event.on, deadline)
    elif isinstance(event, CorrectionReceived):
        if fold.correction is None:
            fold.warnings.append(f"{day_text(event.on)}收到补正，但没有补正告知记录。")
        fold.start, fold.start_reason = event.on, "收到补正后的申请"
        fold.pauses, fold.open_pauses, fold.extension, fold.correction = [], {}, None, None
    elif isinstance(event, ConsultationStarted):
        reason = f"征求{CONSULTED[event.party]}意见"
        fold.open_pauses["consultation"] = (event.on, reason)
        fold.consultation_due = add_working_days(calendar, event.on, policy.consultation_reply_days)
    elif isinstance(event, ConsultationEnded):
        opened = fold.open_pauses.pop("consultation", None)
        if opened is None:
            fold.warnings.append(f"{day_text(event.on)}征求意见结束，但没有开始记录。")
        else:
            fold.pauses.append(Pause(opened[0], event.on, opened[1]))
        fold.consultation_due = None
    elif isinstance(event, Extended):
        _extend(fold, event)
    elif isinstance(event, FeeNotified):
        fold.payment_due = add_working_days(calendar, event.on, policy.fee_payment_days)
        if policy.fee_pauses_clock:
            fold.open_pauses["fee"] = (event.on, "收费通知至缴费")
    elif isinstance(event, FeePaid):
        opened = fold.open_pauses.pop("fee", None)
        if opened is not None:
            fold.pauses.append(Pause(opened[0], event.on, opened[1]))
        fold.payment_due = None
    elif isinstance(event, Replied):
        return event.on, event.outcome, "replied"
    elif isinstance(event, Withdrawn):
        return event.on, OTHER_ENDING, "withdrawn"
    return None


def _extend(fold: _Fold, event: Extended) -> None:
    if fold.extension is not None:
        fold.warnings.append("同一申请只能延期一次，第二次延期不计入期限。")
        return
    first = fold.count(event.notified_on, with_extension=False)
    if event.notified_on > first.due:
        fold.warnings.append(
            f"延期告知（{day_text(event.notified_on)}）晚于原答复期限（{day_text(first.due)}），"
            "延期不计入期限。"
        )
        return
    fold.extension = event


def _lapsed(fold: _Fold, as_of: date) -> tuple[date, str, Ending] | None:
    """An application abandoned by law: no correction, or no payment, by the end of its period."""
    if fold.correction is not None and as_of > fold.correction[1]:
        return fold.correction[1] + timedelta(days=1), NO_CORRECTION, "no_correction"
    if fold.payment_due is not None and as_of > fold.payment_due:
        return fold.payment_due + timedelta(days=1), FEE_UNPAID, "fee_unpaid"
    return None


def _status(fold: _Fold, as_of: date, notice_due: date, ended: tuple[date, str, Ending] | None) -> Status:
    result = Status(
        state="open",
        as_of=as_of,
        clock_start=fold.start,
        due=None,
        correction_notice_due=notice_due,
        correction_due=fold.correction[1] if fold.correction else None,
        consultation_due=fold.consultation_due,
        payment_due=fold.payment_due,
        extension_days=fold.extension.working_days if fold.extension else 0,
        warnings=fold.warnings,
    )
    if ended is not None:
        result.state, result.concluded_on = "concluded", ended[0]
        result.outcome, result.ending = ended[1], ended[2]
        if fold.correction is None:
            # The deadline in force when it ended: pauses still open then stop at that day.
            result.due = fold.count(ended[0], ended=True)
        return result
    if fold.correction is not None:
        result.state = "awaiting_correction"
    elif "fee" in fold.open_pauses:
        result.state = "awaiting_payment"
        result.projected_due = fold.count(as_of)
    elif fold.open_pauses:
        result.state = "consulting"
        result.projected_due = fold.count(as_of)
    else:
        result.due = fold.count(as_of)
    return result

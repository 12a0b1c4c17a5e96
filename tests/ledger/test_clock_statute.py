"""Deadlines from the statute and the real calendar. Every expected date below was counted by hand
from the State Council's (and 宁夏's) holiday notices; the comment says how.

条例第三十三条: reply within 20 working days of receipt (the receipt day is day zero);
第三十条: 补正 restarts the period; 第三十二、三十三条: consultation time is not counted; 延期 ≤ 20 WD.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nianbao.ledger import (
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
    Replied,
    WorkCalendar,
    add_working_days,
    status,
)

NATIONAL = WorkCalendar()
NINGXIA = WorkCalendar(["ningxia"])


def case(received: date, *events: Event) -> Case:
    return Case(
        number="2025-001",
        applicant=Applicant(name="张三", type="natural"),
        received_on=received,
        events=events,
    )


def due(received: date, *events: Event, calendar: WorkCalendar = NATIONAL, as_of: date | None = None) -> date:
    state = status(case(received, *events), calendar, as_of or date(2030, 1, 1))
    limit = state.due or state.projected_due
    assert limit is not None, state
    return limit.due


def test_receipt_just_before_spring_festival_2025() -> None:
    # Received Fri 2025-01-24. 春节 2025: 1/28–2/4 off; 1/26 (Sun) and 2/8 (Sat) are 调休 working days.
    # 1/26 WD1, 1/27 WD2, (1/28–2/4 off), 2/5 WD3, 2/6 WD4, 2/7 WD5, 2/8 (Sat) WD6, 2/10–2/14 WD7–11,
    # 2/17–2/21 WD12–16, 2/24 WD17, 2/25 WD18, 2/26 WD19, 2/27 WD20.
    state = status(case(date(2025, 1, 24)), NATIONAL, date(2025, 1, 25))
    assert state.due is not None and state.due.due == date(2025, 2, 27)
    text = "\n".join(state.due.explain())
    assert "春节放假2025年1月28日（星期二）至2025年2月4日（星期二），共8天" in text
    assert "2025年1月26日（星期日）为春节调休上班日" in text
    assert "2025年2月8日（星期六）为春节调休上班日" in text
    assert not state.provisional


def test_receipt_just_before_national_day_2025() -> None:
    # Received Fri 2025-09-26. 国庆/中秋 2025: 10/1–10/8 off; 9/28 (Sun) and 10/11 (Sat) work.
    # 9/28 WD1, 9/29 WD2, 9/30 WD3, (10/1–10/8 off), 10/9 WD4, 10/10 WD5, 10/11 WD6,
    # 10/13–10/17 WD7–11, 10/20–10/24 WD12–16, 10/27 WD17, 10/28 WD18, 10/29 WD19, 10/30 WD20.
    assert due(date(2025, 9, 26)) == date(2025, 10, 30)


def test_makeup_saturday_counts_2026_labour_day() -> None:
    # Received Fri 2026-05-08. 劳动节 2026: 5/1–5/5 off, Sat 5/9 is a 调休 working day.
    # 5/9 WD1, 5/11–5/15 WD2–6, 5/18–5/22 WD7–11, 5/25–5/29 WD12–16, 6/1 WD17, 6/2 WD18, 6/3 WD19,
    # 6/4 WD20. (Without the make-up Saturday it would be 6/5.)
    assert due(date(2026, 5, 8)) == date(2026, 6, 4)


def test_receipt_on_a_sunday() -> None:
    # Received Sun 2025-03-09: counting starts Mon 3/10 (WD1). 3/10–3/14 WD1–5, 3/17–3/21 WD6–10,
    # 3/24–3/28 WD11–15, 3/31–4/3 WD16–19, 清明 4/4–4/6 off, Mon 4/7 WD20.
    assert due(date(2025, 3, 9)) == date(2025, 4, 7)
    # Same as receipt on the Saturday before or the Friday evening's next day: nothing counts at the weekend.
    assert due(date(2025, 3, 8)) == date(2025, 4, 7)


def test_correction_restarts_the_clock() -> None:
    # Received Mon 2025-03-03; 补正告知 Wed 3/5 (within 7 WD); corrected application arrives Thu 3/20.
    # Restart from 3/20: 3/21 WD1, 3/24–3/28 WD2–6, 3/31–4/3 WD7–10, 清明 4/4 off, 4/7–4/11 WD11–15,
    # 4/14–4/18 WD16–20 → Fri 2025-04-18.
    events = (CorrectionRequested(on=date(2025, 3, 5)), CorrectionReceived(on=date(2025, 3, 20)))
    state = status(case(date(2025, 3, 3), *events), NATIONAL, date(2025, 3, 21))
    assert state.state == "open"
    assert state.due is not None and state.due.due == date(2025, 4, 18)
    assert state.due.explain()[0].startswith("自2025年3月20日（星期四）（收到补正后的申请）次日起计算")
    assert not state.warnings


def test_clock_stands_while_awaiting_correction() -> None:
    state = status(
        case(date(2025, 3, 3), CorrectionRequested(on=date(2025, 3, 5))), NATIONAL, date(2025, 3, 10)
    )
    assert state.state == "awaiting_correction" and state.due is None


def test_late_correction_notice_is_flagged() -> None:
    # 7 WD after Mon 2025-03-03 is Wed 3/12 (3/4 WD1 … 3/12 WD7); a notice on Thu 3/13 is late.
    state = status(
        case(date(2025, 3, 3), CorrectionRequested(on=date(2025, 3, 13))), NATIONAL, date(2025, 3, 14)
    )
    assert state.correction_notice_due == date(2025, 3, 12)
    assert any("第三十条" in w for w in state.warnings)


def test_no_correction_by_the_deadline_ends_the_case() -> None:
    # 补正 period to Wed 2025-03-19; nothing arrives: the case ends on 3/20 as （六）1 逾期不补正.
    notice = CorrectionRequested(on=date(2025, 3, 5), deadline=date(2025, 3, 19))
    still = status(case(date(2025, 3, 3), notice), NATIONAL, date(2025, 3, 19))
    assert still.state == "awaiting_correction"
    ended = status(case(date(2025, 3, 3), notice), NATIONAL, date(2025, 3, 25))
    assert (ended.state, ended.concluded_on, ended.outcome) == (
        "concluded",
        date(2025, 3, 20),
        "r_other_no_correction",
    )


def test_consultation_window_is_not_counted() -> None:
    # Received Tue 2025-06-03 (端午 5/31–6/2 is before). Without a pause: 6/4–6/6 WD1–3, 6/9–6/13 WD4–8,
    # 6/16–6/20 WD9–13, 6/23–6/27 WD14–18, 6/30 WD19, 7/1 WD20.
    assert due(date(2025, 6, 3)) == date(2025, 7, 1)
    # Third party consulted Tue 6/10 to Fri 6/20 inclusive: 9 working days (6/10–13, 6/16–20) paused.
    # 7/1 + 9 WD: 7/2, 7/3, 7/4, 7/7, 7/8, 7/9, 7/10, 7/11, 7/14 → Mon 2025-07-14.
    window = (ConsultationStarted(on=date(2025, 6, 10)), ConsultationEnded(on=date(2025, 6, 20)))
    state = status(case(date(2025, 6, 3), *window), NATIONAL, date(2025, 6, 23))
    assert state.due is not None and state.due.due == date(2025, 7, 14)
    assert len(state.due.paused) == 9
    assert any("征求第三方意见期间" in line and "9个工作日不计入" in line for line in state.due.explain())


def test_consultation_open_stops_the_clock_and_sets_the_reply_date() -> None:
    # Third party has 15 WD from Tue 2025-06-10: 6/11–6/13 (3), 6/16–6/20 (8), 6/23–6/27 (13), 6/30, 7/1.
    state = status(
        case(date(2025, 6, 3), ConsultationStarted(on=date(2025, 6, 10))), NATIONAL, date(2025, 6, 12)
    )
    assert state.state == "consulting" and state.due is None
    assert state.consultation_due == date(2025, 7, 1)


def test_extension_adds_twenty_working_days() -> None:
    # First deadline Tue 2025-07-01 (above). 延期 approved 6/25, notified 6/26 (before it): 40 WD from 6/3:
    # 7/2–7/4 WD21–23, 7/7–7/11 WD24–28, 7/14–7/18 WD29–33, 7/21–7/25 WD34–38, 7/28 WD39, 7/29 WD40.
    ext = Extended(on=date(2025, 6, 25), approved_by="办公室主任", notified_on=date(2025, 6, 26))
    state = status(case(date(2025, 6, 3), ext), NATIONAL, date(2025, 6, 27))
    assert state.due is not None and state.due.due == date(2025, 7, 29)
    assert state.extension_days == 20
    assert "经办公室主任批准延期20个工作日" in state.due.explain()[1]


def test_extension_notified_after_the_deadline_does_not_count() -> None:
    ext = Extended(on=date(2025, 7, 1), approved_by="办公室主任", notified_on=date(2025, 7, 2))
    state = status(case(date(2025, 6, 3), ext), NATIONAL, date(2025, 7, 3))
    assert state.due is not None and state.due.due == date(2025, 7, 1)
    assert state.overdue
    assert any("延期不计入期限" in w for w in state.warnings)


def test_fee_window_pauses_and_unpaid_fee_ends_the_case() -> None:
    # Notice Tue 2025-06-10, paid Fri 6/13: 4 WD paused; 7/1 + 4 WD = Mon 2025-07-07.
    paid = (FeeNotified(on=date(2025, 6, 10), amount_yuan=Decimal(100)), FeePaid(on=date(2025, 6, 13)))
    assert due(date(2025, 6, 3), *paid) == date(2025, 7, 7)
    # Unpaid: 20 WD from 6/10 to pay (6/11–13, 16–20, 23–27, 6/30–7/4, 7/7, 7/8) → last day Tue 7/8;
    # the case ends Wed 7/9 as （六）2.
    notice = FeeNotified(on=date(2025, 6, 10), amount_yuan=Decimal(100))
    ended = status(case(date(2025, 6, 3), notice), NATIONAL, date(2025, 7, 10))
    assert ended.payment_due == date(2025, 7, 8)
    assert (ended.concluded_on, ended.outcome) == (date(2025, 7, 9), "r_other_fee_unpaid")


def test_ningxia_eid_days_are_not_working_days() -> None:
    # Received Fri 2021-05-07. National 2021: 劳动节 5/1–5/5, Sat 5/8 works. Nationally: 5/8 WD1,
    # 5/10–5/14 WD2–6, 5/17–5/21 WD7–11, 5/24–5/28 WD12–16, 5/31–6/3 WD17–20 → Thu 6/3.
    assert due(date(2021, 5, 7)) == date(2021, 6, 3)
    # 宁夏 also keeps 开斋节 Thu 5/13 and Fri 5/14 off: two working days fewer → Mon 2021-06-07.
    state = status(case(date(2021, 5, 7)), NINGXIA, date(2021, 5, 8))
    assert state.due is not None and state.due.due == date(2021, 6, 7)
    assert any(line.startswith("开斋节放假2021年5月13日") for line in state.due.explain())


def test_year_past_coverage_is_provisional_and_says_so() -> None:
    # Received Tue 2026-12-15; chinesecalendar and the data file stop at 2026. 12/16–12/18 WD1–3,
    # 12/21–12/25 WD4–8, 12/28–12/31 WD9–12, then 2027 by weekday rule: 1/1 WD13 (!), 1/4–1/8 WD14–18,
    # 1/11 WD19, 1/12 WD20 → 2027-01-12, provisional.
    state = status(case(date(2026, 12, 15)), NATIONAL, date(2026, 12, 16))
    assert state.due is not None and state.due.due == date(2027, 1, 12)
    assert state.provisional
    assert any("尚未载入2027年全国的节假日安排" in line and "暂定" in line for line in state.due.explain())
    # A deadline inside the covered years is not provisional.
    assert not status(case(date(2026, 11, 2)), NATIONAL, date(2026, 11, 3)).provisional


def test_region_without_data_for_the_year_is_provisional() -> None:
    # 宁夏's arrangement is loaded for 2019–2022 only: a 2024 deadline of a 宁夏 organ is provisional.
    assert status(case(date(2024, 3, 4)), NINGXIA, date(2024, 3, 5)).provisional
    assert not status(case(date(2024, 3, 4)), NATIONAL, date(2024, 3, 5)).provisional


def test_on_time_answer_is_not_overdue_and_late_one_is() -> None:
    on_time = Replied(on=date(2025, 2, 27), outcome="r_granted")
    late = Replied(on=date(2025, 2, 28), outcome="r_granted")
    assert not status(case(date(2025, 1, 24), on_time), NATIONAL, date(2025, 3, 1)).overdue
    assert status(case(date(2025, 1, 24), late), NATIONAL, date(2025, 3, 1)).overdue


def test_correction_notice_period_over_spring_festival() -> None:
    # 7 WD after Fri 2025-01-24: 1/26 (Sun, 调休) WD1, 1/27 WD2, 春节 1/28–2/4, 2/5 WD3, 2/6 WD4, 2/7 WD5,
    # 2/8 (Sat, 调休) WD6, 2/10 WD7 → Mon 2025-02-10.
    assert add_working_days(NATIONAL, date(2025, 1, 24), 7) == date(2025, 2, 10)

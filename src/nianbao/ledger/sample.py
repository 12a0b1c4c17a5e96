"""Sample ledgers: random but lawful case histories — applications received over several years, with
补正, 征求意见, 延期, fees, answers with outcomes the reply year's edition prints, withdrawals, and cases
still open. For tests, examples and demo data; the same seed always gives the same cases."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from ..editions import edition_for_year
from ..editions.outcomes import outcome_rows
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
    Replied,
    Withdrawn,
)
from .words import APPLICANT_TYPES, CHANNELS

TYPES = tuple(APPLICANT_TYPES)
NAMES = ("张伟", "王芳", "李娜", "刘洋", "某某科技有限公司", "某某研究院", "某某律师事务所", "某某协会")
REQUESTS = (
    "某路段改造工程的招标文件",
    "本镇2024年度低保资金发放明细",
    "某小区征收补偿安置方案",
    "某项目环境影响评价批复",
    "本机关2024年度部门预算",
    "某村集体土地承包合同",
)


def random_case(rng: random.Random, number: str, first: date, last: date, as_of: date) -> Case:
    span = (last - first).days
    received = first + timedelta(days=rng.randint(0, span))
    events: list[Event] = []
    day = received
    roll = rng.random()

    def later(low: int, high: int) -> date:
        return day + timedelta(days=rng.randint(low, high))

    if roll < 0.12:
        day = later(1, 6)
        events.append(CorrectionRequested(on=day, deadline=day + timedelta(days=20)))
        if rng.random() < 0.6:
            day = later(2, 18)
            events.append(CorrectionReceived(on=day))
        else:
            return _case(rng, number, received, events)  # abandoned (or still awaiting) by law
    if rng.random() < 0.15:
        day = later(1, 10)
        events.append(ConsultationStarted(on=day, party=rng.choice(("third_party", "other_organ"))))
        if rng.random() < 0.85:
            day = later(3, 25)
            events.append(ConsultationEnded(on=day))
        else:
            return _case(rng, number, received, events)
    if rng.random() < 0.1:
        day = later(1, 10)
        events.append(
            Extended(on=day, approved_by="办公室负责人", notified_on=day, working_days=rng.randint(5, 20))
        )
    if rng.random() < 0.08:
        day = later(1, 10)
        amount = Decimal(rng.choice((100, 200, 400, 1300)))
        events.append(FeeNotified(on=day, amount_yuan=amount, method="per_piece", units=1))
        if rng.random() < 0.7:
            day = later(1, 20)
            events.append(FeePaid(on=day, amount_yuan=amount))
        else:
            return _case(rng, number, received, events)
    if rng.random() < 0.85:
        day = later(0, 45)
        if day > as_of:
            return _case(rng, number, received, events)
        if rng.random() < 0.05:
            events.append(Withdrawn(on=day))
        else:
            rows = outcome_rows(edition_for_year(day.year))
            events.append(Replied(on=day, outcome=rng.choice(rows).key))
    return _case(rng, number, received, events)


def _case(rng: random.Random, number: str, received: date, events: list[Event]) -> Case:
    return Case.model_validate(
        {
            "number": number,
            "applicant": Applicant.model_validate({"name": rng.choice(NAMES), "type": rng.choice(TYPES)}),
            "channel": rng.choice(tuple(CHANNELS)),
            "received_on": received,
            "request": rng.choice(REQUESTS),
            "events": tuple(events),
        }
    )


def random_cases(seed: int, count: int, first: date, last: date, as_of: date) -> list[Case]:
    """`count` cases received between `first` and `last`, numbered 年份-序号 in order of receipt."""
    rng = random.Random(seed)
    cases = sorted(
        (random_case(rng, str(i), first, last, as_of) for i in range(count)),
        key=lambda c: (c.received_on, int(c.number)),
    )
    numbered: list[Case] = []
    per_year: dict[int, int] = {}
    for case in cases:
        seq = per_year[case.received_on.year] = per_year.get(case.received_on.year, 0) + 1
        numbered.append(case.model_copy(update={"number": f"{case.received_on.year}-{seq:03d}"}))
    return numbered

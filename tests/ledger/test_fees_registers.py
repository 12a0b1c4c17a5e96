"""信息处理费 per 国办函〔2020〕109号, and 表二/表四 from the registers, with figures worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nianbao.ledger import (
    ActiveItem,
    Appeal,
    Applicant,
    Case,
    FeeNotified,
    FeePaid,
    Figure,
    Ledger,
    OpeningBalance,
    per_piece,
    per_volume,
    quote,
)
from nianbao.ledger.fees import pieces_before
from nianbao.ledger.tables import review_table


@pytest.mark.parametrize(
    ("before", "pieces", "amount"),
    [
        (0, 1, 0),  # the 1st of the month: free
        (9, 1, 0),  # the 10th: still free
        (10, 1, 100),  # the 11th: 100 元
        (9, 3, 200),  # 10th, 11th, 12th: 0 + 100 + 100
        (29, 3, 500),  # 30th (100), 31st (200), 32nd (200)
        (44, 1, 300),  # the 45th: band 41–50 at 300 元
        (50, 1, 400),  # the 51st: band 51–60 at 400 元
    ],
)
def test_per_piece(before: int, pieces: int, amount: int) -> None:
    assert per_piece(before, pieces).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (30, 0),
        (31, 10),
        (100, 700),  # 70 pages at 10
        (101, 720),  # + 1 page at 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # + 1 page at 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_per_volume(pages: int, amount: int) -> None:
    assert per_volume(pages).amount == Decimal(amount)


def test_quote_counts_the_applicants_month_and_explains() -> None:
    person = Applicant(name="王五", type="natural", identity_key="k1")
    other = Applicant(name="王五", type="natural", identity_key="k2")  # same name, another person
    cases = [Case(number=f"N{i:02d}", applicant=person, received_on=date(2025, 3, 1 + i)) for i in range(11)]
    cases.append(Case(number="X", applicant=other, received_on=date(2025, 3, 2)))
    cases.append(Case(number="P", applicant=person, received_on=date(2025, 2, 27)))  # last month
    eleventh = cases[10]
    assert pieces_before(eleventh, cases) == 10
    found = quote(eleventh, cases, "per_piece")
    assert found.amount == Decimal(100)
    text = "".join(found.explain())
    assert "本自然月第11件" in text and "每件100元" in text and "合计100元" in text


def test_fee_summary_counts_payments_of_the_year() -> None:
    applicant = Applicant(name="赵六", type="natural")
    cases = [
        Case(
            number="F1",
            applicant=applicant,
            received_on=date(2025, 5, 6),
            events=(
                FeeNotified(on=date(2025, 5, 8), amount_yuan=Decimal(300), method="per_piece", units=1),
                FeePaid(on=date(2025, 5, 12)),  # amount taken from the notice
            ),
        ),
        Case(
            number="F2",
            applicant=applicant,
            received_on=date(2025, 12, 20),
            events=(
                FeeNotified(on=date(2025, 12, 22), amount_yuan=Decimal(100)),
                FeePaid(on=date(2026, 1, 5), amount_yuan=Decimal(100)),  # paid next year
            ),
        ),
    ]
    ledger = Ledger(organ="示例县民政局", opening_year=2025, cases=cases)
    fee = ledger.fee(2025)
    assert (fee.charged, fee.cases, fee.amount_yuan) == (True, 1, Decimal(300))
    assert ledger.fee(2026).amount_yuan == Decimal(100)


def _doc(n: str, row: str, made: date, repealed: date | None = None) -> ActiveItem:
    return ActiveItem(
        number=n,
        title=f"文件{n}",
        article20_item=1,
        published_on=made,
        document_row=row,  # type: ignore[arg-type]
        repealed_on=repealed,
    )


def test_active_table_carries_documents_in_force() -> None:
    opening = OpeningBalance(valid_documents={"normative_docs": 12}, items={"licensing": 40})
    items = [
        _doc("1", "normative_docs", date(2024, 3, 1)),
        _doc("2", "normative_docs", date(2024, 6, 1), repealed=date(2025, 2, 1)),
        _doc("3", "normative_docs", date(2025, 4, 1)),
        _doc("4", "regulations", date(2025, 5, 1)),
    ]
    figures = [
        Figure(
            row="licensing",
            measure="decisions",
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
            value=Decimal(30),
        ),
        Figure(
            row="licensing",
            measure="decisions",
            start=date(2025, 7, 1),
            end=date(2025, 12, 31),
            value=Decimal(25),
        ),
        Figure(
            row="admin_fees",
            measure="amount_yuan",
            start=date(2025, 1, 1),
            end=date(2025, 12, 31),
            value=Decimal(12345),
        ),
    ]
    ledger = Ledger(organ="示例县民政局", opening_year=2024, active=items, figures=figures, opening=opening)
    y2024, y2025 = ledger.active_table(2024), ledger.active_table(2025)
    # 2024: 12 in force before + 2 made = 14. 2025: 14 + 1 made − 1 repealed = 14.
    assert y2024["normative_docs"] == {"made": 2, "repealed": 0, "valid": 14}
    assert y2025["normative_docs"] == {"made": 1, "repealed": 1, "valid": 14}
    assert y2025["regulations"] == {"made": 1, "repealed": 0, "valid": 1}
    assert y2025["licensing"] == {"decisions": 55}
    assert y2025["admin_fees"] == {"amount_wan_yuan": Decimal("1.2345")}


def test_active_table_e2019_columns() -> None:
    opening = OpeningBalance(items={"licensing": 40})
    figures = [
        Figure(
            row="licensing",
            measure="items",
            start=date(2020, 1, 1),
            end=date(2020, 12, 31),
            value=Decimal(43),
        ),
        Figure(
            row="licensing",
            measure="decisions",
            start=date(2020, 1, 1),
            end=date(2020, 12, 31),
            value=Decimal(9),
        ),
    ]
    items = [_doc("1", "normative_docs", date(2019, 3, 1)), _doc("2", "normative_docs", date(2020, 3, 1))]
    ledger = Ledger(organ="示例县民政局", opening_year=2019, active=items, figures=figures, opening=opening)
    table = ledger.active_table(2020)
    assert table["licensing"] == {"prev_items": 40, "delta_items": 3, "decisions": 9}
    assert table["normative_docs"] == {"new_made": 1, "new_published": 1, "total_published": 2}


def test_review_table_counts_decided_and_pending() -> None:
    appeals = [
        Appeal(
            number="1",
            kind="review",
            filed_on=date(2024, 11, 1),
            result="upheld",
            decided_on=date(2025, 1, 20),
        ),
        Appeal(
            number="2",
            kind="review",
            filed_on=date(2025, 3, 1),
            result="corrected",
            decided_on=date(2025, 5, 1),
        ),
        Appeal(number="3", kind="lit_direct", filed_on=date(2025, 9, 1)),
        Appeal(
            number="4",
            kind="lit_after_review",
            filed_on=date(2023, 1, 1),
            result="other",
            decided_on=date(2023, 6, 1),
        ),
    ]
    y2024, y2025 = review_table(appeals, 2024), review_table(appeals, 2025)
    assert y2024["review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert y2025["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
    assert y2025["lit_direct"]["pending"] == 1
    assert y2025["lit_after_review"]["total"] == 0

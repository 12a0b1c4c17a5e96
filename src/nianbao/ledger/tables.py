"""The report's tables computed from the ledger, so that the form's arithmetic holds by construction.

表三: each case lands in exactly one input cell of a year it is live in — 本年新收 in the year of receipt,
上年结转 in a later year it is still open at the start of — and in exactly one output cell: its result row
in the year it ended, 结转下年度 in a year it is still open at the end of; by its applicant's column.
So per column 新收 + 结转 = 办结 + 结转下年度, and one year's 结转下年度 is the next year's 上年结转.
表二 from the 主动公开 register and the figures; 表四 from the 复议/诉讼 register.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..editions import Edition
from ..editions.common import APPLICANT_COLUMNS, REVIEW_TABLE
from ..editions.outcomes import TOTAL, outcome_row
from ..model import CellValue, Fee, TableValues
from .cases import Case, FeeNotified, FeePaid
from .clock import Status
from .registers import ActiveItem, Appeal, Figure, OpeningBalance

NEW = "new_received"
CARRIED = "carried_over"
FORWARD = "carry_forward"
COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")
TEN_THOUSAND = Decimal(10000)


class OutcomeNotInEdition(ValueError):
    """A case ended with an outcome the year's edition cannot print (message for people)."""


@dataclass(frozen=True)
class Placement:
    """Where one case counts in one year's 表三: an input row, an output row, and its column."""

    case: str
    column: str
    input_row: str
    output_row: str


def place(case: Case, state: Status, year: int, edition: Edition) -> Placement | None:
    """The case's cells in `year`, or None when it is not live that year."""
    received, ended = case.received_on.year, state.concluded_on
    if received > year or (ended is not None and ended.year < year):
        return None
    input_row = NEW if received == year else CARRIED
    if ended is not None and ended.year == year:
        assert state.outcome is not None
        row = outcome_row(edition, state.outcome)
        if row is None:
            raise OutcomeNotInEdition(
                f"申请 {case.number} 的办理结果“{state.outcome}”不在{year}年所用格式（{edition.key}）的表三中"
            )
        output_row = row
    else:
        output_row = FORWARD
    return Placement(case.number, case.applicant.type, input_row, output_row)


def applications_table(placements: Iterable[Placement], edition: Edition) -> TableValues:
    """表三 in the edition's row order, every cell filled; 总计 and （七）总计 summed."""
    table: TableValues = {
        row.key: {c.key: 0 for c in edition.applications.columns} for row in edition.applications.data_rows
    }
    outcome_keys = set(table) - {NEW, CARRIED, FORWARD, TOTAL}
    for p in placements:
        for row in (p.input_row, p.output_row):
            table[row][p.column] = _int(table[row][p.column]) + 1
        if p.output_row in outcome_keys:
            table[TOTAL][p.column] = _int(table[TOTAL][p.column]) + 1
    for cells in table.values():
        cells["total"] = sum(_int(cells[c]) for c in COLUMNS)
    return table


def _int(value: CellValue) -> int:
    return int(value or 0)


def _in_year(on: date | None, year: int) -> bool:
    return on is not None and on.year == year


def _until(on: date | None, year: int) -> bool:
    return on is not None and on.year <= year


def _documents(items: Sequence[ActiveItem], opening: OpeningBalance, row: str, year: int) -> dict[str, int]:
    docs = [i for i in items if i.document_row == row]
    made = sum(1 for d in docs if _in_year(d.published_on, year))
    repealed = sum(1 for d in docs if _in_year(d.repealed_on, year))
    ever = opening.valid_documents.get(row, 0) + sum(1 for d in docs if _until(d.published_on, year))  # type: ignore[call-overload]
    gone = sum(1 for d in docs if _until(d.repealed_on, year))
    return {"made": made, "repealed": repealed, "valid": ever - gone, "ever": ever}


def _sum(figures: Sequence[Figure], row: str, measure: str, year: int) -> Decimal:
    return sum(
        (f.value for f in figures if f.row == row and f.measure == measure and f.end.year == year),
        Decimal(0),
    )


def _items_at_end(figures: Sequence[Figure], opening: OpeningBalance, row: str, year: int) -> int:
    """The 事项 count at the end of `year`: the latest figure of that year, else the year before's."""
    stock = [f for f in figures if f.row == row and f.measure == "items" and f.end.year <= year]
    if stock:
        return int(max(stock, key=lambda f: f.end).value)
    return opening.items.get(row, 0)  # type: ignore[call-overload, no-any-return]


def _number(value: Decimal) -> CellValue:
    return int(value) if value == value.to_integral_value() else value


def active_table(
    items: Sequence[ActiveItem],
    figures: Sequence[Figure],
    opening: OpeningBalance,
    year: int,
    edition: Edition,
) -> TableValues:
    """表二 for the year in its edition's columns."""
    table: TableValues = {}
    for block in edition.active.blocks:
        for row in block.rows:
            docs = _documents(items, opening, row.key, year)
            values: dict[str, CellValue] = {}
            for column in block.columns:
                values[column.key] = _active_cell(figures, opening, row.key, column.key, year, docs)
            table[row.key] = values
    return table


def _active_cell(
    figures: Sequence[Figure],
    opening: OpeningBalance,
    row: str,
    column: str,
    year: int,
    docs: dict[str, int],
) -> CellValue:
    if column in ("made", "new_made", "new_published"):
        return docs["made"]
    if column in ("repealed", "valid"):
        return docs[column]
    if column == "total_published":
        return docs["ever"]
    if column == "decisions":
        return _number(_sum(figures, row, "decisions", year))
    if column == "amount_wan_yuan":
        return _number(_sum(figures, row, "amount_yuan", year) / TEN_THOUSAND)
    if column == "prev_items":
        return _items_at_end(figures, opening, row, year - 1)
    if column == "delta_items":
        return _items_at_end(figures, opening, row, year) - _items_at_end(figures, opening, row, year - 1)
    if column == "proc_items":
        return _number(_sum(figures, row, "proc_items", year))
    if column == "proc_amount":
        return _number(_sum(figures, row, "amount_yuan", year) / TEN_THOUSAND)
    raise KeyError(f"表二 column {column!r} has no ledger source")


def review_table(appeals: Iterable[Appeal], year: int) -> TableValues:
    """表四: appeals decided in the year by result; filed by its end and undecided then as 尚未审结."""
    table: TableValues = {g.key: {c.key: 0 for c in REVIEW_TABLE.columns} for g in REVIEW_TABLE.groups}
    for appeal in appeals:
        if appeal.filed_on.year > year:
            continue
        column: str | None
        if appeal.decided_on is not None and appeal.decided_on.year == year:
            column = appeal.result
        elif appeal.decided_on is None or appeal.decided_on.year > year:
            column = "pending"
        else:
            continue
        assert column is not None
        cells = table[appeal.kind]
        cells[column] = _int(cells[column]) + 1
        cells["total"] = _int(cells["total"]) + 1
    return table


def fee_summary(cases: Iterable[Case], year: int) -> Fee:
    """信息处理费 collected in the year (for 第六部分): cases paid and the amount."""
    amounts = [paid for case in cases if (paid := paid_in(case, year))]
    if not amounts:
        return Fee(charged=False, cases=0, amount_yuan=Decimal(0))
    return Fee(charged=True, cases=len(amounts), amount_yuan=sum(amounts, Decimal(0)))


def paid_in(case: Case, year: int) -> Decimal:
    """What the applicant paid in the year: the amount recorded with the payment, else the one notified."""
    notified = Decimal(0)
    total = Decimal(0)
    for event in case.events:
        if isinstance(event, FeeNotified):
            notified = event.amount_yuan
        elif isinstance(event, FeePaid) and event.on.year == year:
            total += event.amount_yuan if event.amount_yuan is not None else notified
    return total

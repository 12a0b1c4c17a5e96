"""One organ's ledger in memory: its settings, cases and registers, and everything computed from them.

This is the API the CLI and the web application call; persistence (`ledger.store`) loads and saves it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, Field

from ..editions import Edition, edition_for_year
from ..model import Contact, Fee, TableValues
from .calendar import WorkCalendar
from .cases import Case, FeeNotified
from .clock import DEFAULT_POLICY, Policy, Status, status
from .fees import FeeQuote, quote
from .registers import ActiveItem, Appeal, Figure, OpeningBalance
from .tables import Placement, active_table, applications_table, fee_summary, place, review_table


class Settings(BaseModel):
    """What an organ sets once: calendar regions, clock policy, and what its 文书 print."""

    model_config = ConfigDict(extra="forbid")

    regions: tuple[str, ...] = ()
    policy: Policy = DEFAULT_POLICY
    contact: Contact = Field(default_factory=Contact)
    # 文号 of the 文书: {year} and {seq} are filled in, e.g. "城政依复〔{year}〕{seq}号".
    number_pattern: str = "〔{year}〕{seq}号"
    review_organ: str = ""  # where 行政复议 is applied for (printed in the 答复书's rights notice)
    court: str = ""  # where 行政诉讼 is brought


@lru_cache(maxsize=64)
def shared_calendar(regions: tuple[str, ...]) -> WorkCalendar:
    """One calendar per set of regions, shared by every ledger that uses it (its days, once
    classified, stay known: a page over a hundred ledgers classifies each day once)."""
    return WorkCalendar(regions)


class BeforeLedger(ValueError):
    """A year before the ledger's first year: its tables cannot come from the ledger."""


@dataclass
class Ledger:
    organ: str
    # The first year the ledger holds completely; cases received earlier are its opening balance
    # (still open at the start of that year).
    opening_year: int
    settings: Settings = field(default_factory=Settings)
    cases: list[Case] = field(default_factory=list)
    active: list[ActiveItem] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    opening: OpeningBalance = field(default_factory=OpeningBalance)

    @cached_property
    def calendar(self) -> WorkCalendar:
        return shared_calendar(tuple(self.settings.regions))

    def case(self, number: str) -> Case:
        for case in self.cases:
            if case.number == number:
                return case
        raise KeyError(number)

    def next_number(self, year: int) -> str:
        """The next free 编号 of the year in the 年份-序号 form (2025-001, 2025-002, …)."""
        prefix = f"{year}-"
        taken = {c.number for c in self.cases}
        seqs = [int(n[len(prefix) :]) for n in taken if n.startswith(prefix) and n[len(prefix) :].isdigit()]
        seq = max(seqs, default=0) + 1
        while f"{prefix}{seq:03d}" in taken:
            seq += 1
        return f"{prefix}{seq:03d}"

    def status(self, case: Case, as_of: date) -> Status:
        return status(case, self.calendar, as_of, self.settings.policy)

    def statuses(self, as_of: date) -> Iterator[tuple[Case, Status]]:
        for case in self.cases:
            yield case, self.status(case, as_of)

    def _check_year(self, year: int) -> Edition:
        if year < self.opening_year:
            raise BeforeLedger(f"台账从{self.opening_year}年开始，无法计算{year}年的报表")
        return edition_for_year(year)

    def placements(self, year: int, as_of: date) -> list[Placement]:
        """Where each case live in `year` counts in its 表三 (cases not live that year are left out)."""
        edition = self._check_year(year)
        out = []
        for case, state in self.statuses(as_of):
            placed = place(case, state, year, edition)
            if placed is not None:
                out.append(placed)
        return out

    def tables(self, year: int, as_of: date) -> dict[str, TableValues]:
        """表二, 表三 and 表四 of the year, keyed as in the report contract."""
        return {
            "active": self.active_table(year),
            "applications": self.applications(year, as_of),
            "review_litigation": self.review_table(year),
        }

    def applications(self, year: int, as_of: date) -> TableValues:
        return applications_table(self.placements(year, as_of), edition_for_year(year))

    def active_table(self, year: int) -> TableValues:
        edition = self._check_year(year)
        return active_table(self.active, self.figures, self.opening, year, edition)

    def review_table(self, year: int) -> TableValues:
        self._check_year(year)
        return review_table(self.appeals, year)

    def fee(self, year: int) -> Fee:
        return fee_summary(self.cases, year)

    def fee_quote(self, case: Case, notice: FeeNotified) -> FeeQuote | None:
        """What 109号 allows for a fee notice, to compare with the amount notified."""
        if notice.method is None:
            return None
        return quote(case, self.cases, notice.method, notice.units)

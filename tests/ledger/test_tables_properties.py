"""Property tests: 表三 computed from random case histories over several years always passes the
project's own arithmetic rules, one year's 结转下年度 is the next year's 上年结转, and each case is
counted once in and at most once out."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.editions import edition_for_year
from nianbao.editions.outcomes import outcome_rows
from nianbao.ledger import Ledger
from nianbao.ledger.sample import random_cases
from nianbao.ledger.tables import CARRIED, FORWARD, NEW
from nianbao.model import Report, Source
from nianbao.rules import REGISTRY

FIRST, LAST = date(2019, 1, 1), date(2025, 12, 20)
AS_OF = date(2026, 3, 1)
YEARS = range(2019, 2026)


def _table_errors(year: int, table: dict[str, dict[str, object]]) -> list[str]:
    report = Report(
        source=Source(path="ledger", format="ledger"),
        year=year,
        edition=edition_for_year(year).key,  # type: ignore[arg-type]
        tables={"applications": table},  # type: ignore[dict-item]
    )
    # The form's arithmetic and shape rules for 表三 (the others need prose and metadata).
    checks = [r.check for r in REGISTRY.values() if r.family in ("arithmetic", "t3") and r.check]
    return [f"{f.rule}: {f.message}" for check in checks for f in check(report) if f.severity == "error"]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), count=st.integers(min_value=0, max_value=120))
def test_random_histories_give_balanced_tables(seed: int, count: int) -> None:
    ledger = Ledger(
        organ="示例县城关镇人民政府", opening_year=2019, cases=random_cases(seed, count, FIRST, LAST, AS_OF)
    )
    tables = {year: ledger.applications(year, AS_OF) for year in YEARS}
    for year, table in tables.items():
        assert _table_errors(year, table) == [], year
        # Every data row of the year's edition is there, and nothing else.
        assert set(table) == {r.key for r in edition_for_year(year).applications.data_rows}
    for year in YEARS[:-1]:
        assert tables[year][FORWARD] == tables[year + 1][CARRIED], year

    inputs: Counter[str] = Counter()
    outputs: Counter[str] = Counter()
    for year in YEARS:
        placements = ledger.placements(year, AS_OF)
        assert len({p.case for p in placements}) == len(placements)  # one placement per case per year
        results = {r.key for r in outcome_rows(edition_for_year(year))}
        for p in placements:
            if p.input_row == NEW:
                inputs[p.case] += 1
            if p.output_row in results:
                outputs[p.case] += 1
    for case in ledger.cases:
        assert inputs[case.number] == 1, case.number
        assert outputs[case.number] <= 1, case.number
        state = ledger.status(case, AS_OF)
        ended_in_range = state.concluded_on is not None and state.concluded_on.year in YEARS
        assert outputs[case.number] == (1 if ended_in_range else 0)
    # 新收 over all years counts every case once.
    assert sum(int(tables[y][NEW]["total"] or 0) for y in YEARS) == len(ledger.cases)


def test_hand_built_year_counts_each_cell() -> None:
    """Three cases by hand: one answered in its year, one carried into the next year and answered
    there, one still open."""
    from nianbao.ledger import Applicant, Case, Replied

    cases = [
        Case(
            number="A",
            applicant=Applicant(name="甲", type="natural"),
            received_on=date(2024, 3, 1),
            events=(Replied(on=date(2024, 3, 20), outcome="r_granted"),),
        ),
        Case(
            number="B",
            applicant=Applicant(name="乙公司", type="org_commercial"),
            received_on=date(2024, 12, 20),
            events=(Replied(on=date(2025, 1, 10), outcome="r_unable_not_held"),),
        ),
        Case(number="C", applicant=Applicant(name="丙", type="natural"), received_on=date(2025, 6, 2)),
    ]
    ledger = Ledger(organ="示例县城关镇人民政府", opening_year=2024, cases=cases)
    y2024 = ledger.applications(2024, date(2025, 12, 31))
    y2025 = ledger.applications(2025, date(2025, 12, 31))
    assert y2024[NEW] == {**dict.fromkeys(y2024[NEW], 0), "natural": 1, "org_commercial": 1, "total": 2}
    assert y2024["r_granted"]["natural"] == 1 and y2024["r_total"]["total"] == 1
    assert y2024[FORWARD]["org_commercial"] == 1 and y2024[FORWARD]["total"] == 1
    assert y2025[CARRIED]["org_commercial"] == 1
    assert y2025["r_unable_not_held"]["org_commercial"] == 1
    assert y2025[NEW]["natural"] == 1 and y2025[FORWARD]["natural"] == 1
    assert _table_errors(2024, y2024) == [] and _table_errors(2025, y2025) == []

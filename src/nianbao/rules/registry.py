"""The rule registry: every check has an id, a severity, a one-line description and its source."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..model import Finding, Location, Report, Severity

# How messages and the UI name each severity.
SEVERITY_NAMES: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}

Check = Callable[[Report], Iterable[Finding]]
# A cross-year check: this year's report and the same organ's report for the year before.
PairCheck = Callable[[Report, Report], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    source: str
    family: str
    check: Check | None  # None: the finding is made while reading the document, not from the Report
    pair_check: PairCheck | None = None


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, description: str, source: str, family: str
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        _add(Rule(rule_id, severity, description, source, family, check))
        return check

    return register


def cross_year_rule(
    rule_id: str, severity: Severity, description: str, source: str
) -> Callable[[PairCheck], PairCheck]:
    """A rule that needs the same organ's report for the previous year (run by link_years)."""

    def register(check: PairCheck) -> PairCheck:
        _add(Rule(rule_id, severity, description, source, "crossyear", None, check))
        return check

    return register


def reader_rule(rule_id: str, severity: Severity, description: str, source: str) -> None:
    """A finding the reader makes while placing values (it cannot be recomputed from the Report)."""
    _add(Rule(rule_id, severity, description, source, "reading", None))


def _add(entry: Rule) -> None:
    if entry.id in REGISTRY:
        raise ValueError(f"rule {entry.id} registered twice")
    REGISTRY[entry.id] = entry


def finding(
    report: Report,
    rule_id: str,
    message: str,
    cells: Iterable[str] = (),
    severity: Severity | None = None,
    where: Location | None = None,
) -> Finding:
    """A Finding of a registered rule, located where given, else at its first cell whose source is known."""
    cell_list = list(cells)
    where = where or next(
        (
            Location(page=s.page, line=s.line, bbox=s.bbox)
            for c in cell_list
            if (s := report.provenance.get(c))
        ),
        None,
    )
    return Finding(
        rule=rule_id,
        severity=severity or REGISTRY[rule_id].severity,
        message=message,
        cells=cell_list,
        where=where,
    )


# The rule that reports cells read without certainty; every other finding that names such a cell is
# dropped, because it would rest on a value nobody read (a false 勾稽 error from one unsure digit).
UNCERTAIN_RULE = "G-UNCERTAIN"


def _settled(findings: Iterable[Finding], unsure: set[str]) -> Iterator[Finding]:
    if not unsure:
        yield from findings
        return
    for f in findings:
        if f.rule == UNCERTAIN_RULE or unsure.isdisjoint(f.cells):
            yield f


def run_rules(report: Report) -> Iterator[Finding]:
    unsure = report.uncertain_cells()
    for entry in REGISTRY.values():
        if entry.check is not None:
            yield from _settled(entry.check(report), unsure)


def run_pair_rules(report: Report, previous: Report) -> Iterator[Finding]:
    """The cross-year rules for a report and the same organ's report of the year before."""
    unsure = report.uncertain_cells() | previous.uncertain_cells()
    for entry in REGISTRY.values():
        if entry.pair_check is not None:
            yield from _settled(entry.pair_check(report, previous), unsure)

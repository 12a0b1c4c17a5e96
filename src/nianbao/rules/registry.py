"""The rule registry: every check has an id, a severity, a one-line description and its source."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..model import Finding, Location, Report, Severity

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


def run_rules(report: Report) -> Iterator[Finding]:
    for entry in REGISTRY.values():
        if entry.check is not None:
            yield from entry.check(report)


def run_pair_rules(report: Report, previous: Report) -> Iterator[Finding]:
    """The cross-year rules for a report and the same organ's report of the year before."""
    for entry in REGISTRY.values():
        if entry.pair_check is not None:
            yield from entry.pair_check(report, previous)

"""How well a specimen reads: cells right, metadata right, and findings the reading caused.

A finding is caused by a misread when the parse reports it but the truth, checked by the same rules, does
not (and the specimen did not plant it): a cell read wrong shows up as a false sum, a lost heading as a
missing section."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..api import check
from ..extract import extract
from ..model import Finding, Report
from ..readers import read_bytes
from ..rules import run_rules
from .base import Specimen

# What a reader must get right besides the cells.
METADATA = ("organ", "year", "edition", "title", "period")


@dataclass
class Score:
    cells: int = 0
    cells_right: int = 0
    metadata_wrong: list[str] = field(default_factory=list)
    misread_findings: list[str] = field(default_factory=list)
    planted: int = 0
    missed_findings: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.cells == self.cells_right and not self.metadata_wrong and not self.misread_findings

    def add(self, other: Score) -> None:
        self.cells += other.cells
        self.cells_right += other.cells_right
        self.metadata_wrong += other.metadata_wrong
        self.misread_findings += other.misread_findings
        self.planted += other.planted
        self.missed_findings += other.missed_findings


def read_specimen(specimen: Specimen) -> Report:
    """The specimen as `nianbao.parse` reads a file: the reader, extraction, every rule."""
    report = extract(read_bytes(specimen.data, specimen.name))
    report.findings.extend(run_rules(report))
    return report


def _keys(findings: list[Finding]) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter((f.rule, tuple(f.cells)) for f in findings)


def score(specimen: Specimen, parsed: Report) -> Score:
    truth = specimen.truth
    expected, got = truth.cell_values(), parsed.cell_values()
    paths = expected.keys() | got.keys()
    right = sum(1 for p in paths if p in expected and p in got and _same(expected[p], got[p]))
    wrong = [name for name in METADATA if getattr(truth, name) != getattr(parsed, name)]
    if [(s.key, s.heading) for s in truth.sections] != [(s.key, s.heading) for s in parsed.sections]:
        wrong.append("sections")
    caused = _keys(parsed.findings) - _keys(check(truth))
    misread = sorted({rule for rule, _ in caused if rule not in specimen.planted})
    fired = {f.rule for f in parsed.findings}
    return Score(
        cells=len(paths),
        cells_right=right,
        metadata_wrong=[f"{specimen.name}: {name}" for name in wrong],
        misread_findings=[f"{specimen.name}: {rule}" for rule in misread],
        planted=len(specimen.planted),
        missed_findings=[f"{specimen.name}: {rule}" for rule in specimen.planted if rule not in fired],
    )


def _same(a: object, b: object) -> bool:
    # A blank is not a zero.
    if a is None or b is None:
        return a is b
    return a == b

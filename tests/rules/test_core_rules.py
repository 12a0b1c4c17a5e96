"""Each core rule fires on a report that breaks it, naming cells and numbers, and stays quiet otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nianbao.model import Period, Report, SectionEntry
from nianbao.rules import REGISTRY, run_rules
from nianbao.synth import generate

Change = Callable[[Report], None]


def _bump(table: str, row: str, *cols: str) -> Change:
    def change(report: Report) -> None:
        for col in cols:
            report.tables[table][row][col] = int(report.tables[table][row][col] or 0) + 1

    return change


def _set(attr: str, value: object) -> Change:
    return lambda report: setattr(report, attr, value)


def _drop_section(key: str) -> Change:
    return lambda report: setattr(report, "sections", [s for s in report.sections if s.key != key])


def _t4_drop_cell(report: Report) -> None:
    group = report.tables["review_litigation"]["lit_after_review"]
    group["total"] = int(group["total"] or 0) - int(group["pending"] or 0)
    del group["pending"]


def _both(*changes: Change) -> Change:
    def change(report: Report) -> None:
        for one in changes:
            one(report)

    return change


def _blank_cell(report: Report) -> None:
    report.tables["applications"]["r_granted"]["org_research"] = None


CASES: dict[str, Change] = {
    "T3-LEDGER": _bump("applications", "new_received", "natural", "total"),
    # Both sides of the ledger move, so only the two rows' totals disagree with their parts.
    "T3-ROWSUM": _both(
        _bump("applications", "carried_over", "natural"), _bump("applications", "carry_forward", "natural")
    ),
    # 本年新收 grows with the total, so the ledger holds and only the result rows fall short.
    "T3-RESULTSUM": _both(
        _bump("applications", "r_total", "org_legal", "total"),
        _bump("applications", "new_received", "org_legal", "total"),
    ),
    "T4-REVIEW": _bump("review_litigation", "review", "total"),
    "T4-LIT-DIRECT": _bump("review_litigation", "lit_direct", "upheld"),
    "T4-LIT-AFTER": _bump("review_litigation", "lit_after_review", "other"),
    "T4-SHAPE": _t4_drop_cell,
    "G-BLANK": _blank_cell,
    "S-SECTIONS": _drop_section("s5_problems"),
    "S-EDITION-YEAR": _set("edition", "E2019"),
    "S-TITLE": _set("title", "某镇政府信息公开年报"),
    "S-PERIOD": _set("period", None),
}


def _rules_fired(report: Report) -> set[str]:
    """Which of the core rules (those under test here) fire; other families have their own tests."""
    return {f.rule for f in run_rules(report)} & set(CASES)


@pytest.mark.parametrize("year", [2020, 2024])
def test_generated_reports_pass_every_core_rule(year: int) -> None:
    for seed in range(30):
        assert _rules_fired(generate(seed, year)) == set()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_error_only(rule_id: str) -> None:
    report = generate(42, 2024)
    CASES[rule_id](report)
    findings = [f for f in run_rules(report) if f.rule in CASES]
    assert {f.rule for f in findings} == {rule_id}
    assert all(f.severity == REGISTRY[rule_id].severity for f in findings)


def test_ledger_message_names_column_and_numbers() -> None:
    report = generate(42, 2024)
    apps = report.tables["applications"]
    apps["new_received"]["natural"] = int(apps["new_received"]["natural"] or 0) + 1
    apps["new_received"]["total"] = int(apps["new_received"]["total"] or 0) + 1
    natural = next(f for f in run_rules(report) if f.rule == "T3-LEDGER" and f.message.startswith("自然人"))
    new = apps["new_received"]["natural"]
    assert f"本年新收({new})" in natural.message
    assert "applications.new_received.natural" in natural.cells and natural.severity == "error"


def test_wrong_period_year_is_an_error() -> None:
    report = generate(1, 2024)
    report.period = Period(start=date(2023, 1, 1), end=date(2023, 12, 31))
    findings = [f for f in run_rules(report) if f.rule == "S-PERIOD"]
    assert findings and findings[0].severity == "error"


def test_extra_and_renamed_sections_are_warnings() -> None:
    report = generate(1, 2024)
    report.sections.insert(1, SectionEntry(key=None, heading="二、主要做法"))
    report.sections[5].canonical = False
    report.sections[5].heading = "五、存在主要问题及改进情况"
    findings = [f for f in run_rules(report) if f.rule == "S-SECTIONS"]
    assert {f.severity for f in findings} == {"warning"}
    assert len(findings) == 2


def test_blank_cells_count_as_zero_in_arithmetic() -> None:
    report = generate(8, 2020)
    for row in report.tables["applications"].values():
        for col in list(row):
            if col != "total":
                row[col] = None
            else:
                row[col] = 0
    assert _rules_fired(report) == {"G-BLANK"}

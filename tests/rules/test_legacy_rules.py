"""Reports of 2018 and before are checked by the rules of their time: the 2008 条例's deadline (every organ
by 3月31日), no 2019-form outline, and their statistics table's own units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nianbao.model import Published, Report
from nianbao.rules import run_rules
from nianbao.specimens import CLASSES
from nianbao.synth import generate


def _legacy(seed: int = 7) -> Report:
    report = CLASSES["legacy"].make(seed).truth
    report.organ = "某县民政局"  # a department: 1月31日 under today's 条例
    return report


def _rules(report: Report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in run_rules(report):
        found.setdefault(f.rule, []).append(f.message)
    return found


def _published(report: Report, day: date) -> Report:
    report.source.published = Published(date=day, origin="document")
    return report


def test_every_organ_had_until_march_31_under_the_2008_regulation() -> None:
    report = _legacy()
    year = report.year or 0
    assert "S-DEADLINE" not in _rules(_published(report, date(year + 1, 3, 31)))
    late = _rules(_published(report, date(year + 1, 4, 2)))["S-DEADLINE"]
    assert len(late) == 1 and f"{year + 1}年3月31日" in late[0] and "第三十一条" in late[0]


def test_a_2019_department_report_keeps_todays_january_deadline() -> None:
    report = _published(generate(1, 2019, "某县民政局"), date(2020, 2, 10))
    assert "1月31日" in _rules(report)["S-DEADLINE"][0]


def test_no_2019_form_outline_or_follow_up_is_asked_of_a_legacy_report() -> None:
    report = _legacy()
    report.sections = report.sections[:2]
    found = _rules(report)
    assert "S-SECTIONS" not in found and "S-S5-FOLLOWUP" not in found
    report.edition = None  # read back without its edition: the year still tells
    assert "S-SECTIONS" not in _rules(report)


def test_statistics_table_amounts_may_have_decimals_and_blanks_are_not_findings() -> None:
    report = _legacy()
    stats = report.tables["statistics"]
    money = next(k for k in ("fees_wan_yuan", "cap_budget_wan_yuan") if k in stats)
    stats[money]["value"] = Decimal("12.5")
    stats["req_received"]["value"] = None
    found = _rules(report)
    assert "G-INT" not in found and "G-BLANK" not in found
    stats["req_received"]["value"] = Decimal("2.5")
    assert "statistics.req_received.value" in _rules(report)["G-INT"][0]

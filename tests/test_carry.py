"""A new year's report from nothing or from last year's: carry-overs taken, nothing guessed."""

from __future__ import annotations

from nianbao.api import check
from nianbao.carry import blank_report, carried_from
from nianbao.synth import generate


def test_blank_report_has_every_cell_blank_and_the_six_headings() -> None:
    report = blank_report("示例县民政局", 2025)
    values = report.cell_values()
    assert len(values) > 150 and all(v is None for v in values.values())
    assert report.sections[0].key == "s1_overview" and len(report.sections) == 6
    assert report.title == "示例县民政局2025年政府信息公开工作年度报告"
    assert not [f for f in check(report) if f.severity == "error"]


def test_carried_from_last_year() -> None:
    last = generate(3, 2024, "示例县民政局")
    report = carried_from(last, "示例县民政局", 2025)
    forward = last.tables["applications"]["carry_forward"]
    assert report.tables["applications"]["carried_over"] == forward
    assert report.cell("active", "regulations", "valid") == last.cell("active", "regulations", "valid")
    assert report.cell("active", "regulations", "made") == 0
    assert report.cell("applications", "new_received", "total") is None
    assert report.sections[0].text == last.sections[0].text


def test_across_the_form_change_only_the_text_carries() -> None:
    last = generate(3, 2020, "示例县民政局")
    report = carried_from(last, "示例县民政局", 2021)
    assert all(v is None for v in report.cell_values().values())
    assert report.sections[0].text == last.sections[0].text

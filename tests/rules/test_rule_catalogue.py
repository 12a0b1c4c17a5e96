"""Every registered rule: a generated document that triggers it and one that does not."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rule_planters import (
    CLEAN_SENTENCES,
    E2019_YEAR,
    E2021_YEAR,
    OTHER_S1,
    SINGLE_PLANTS,
    Plant,
    add_text,
    clean,
    set_text,
)
from typer.testing import CliRunner

from nianbao.api import check, check_batch, link_years
from nianbao.cli import app
from nianbao.model import Report
from nianbao.render.text import render_text
from nianbao.rules import REGISTRY
from nianbao.rules.docs import DOC_PATH, render_rules_markdown
from nianbao.rules.registry import run_pair_rules
from nianbao.synth import generate

ROOT = Path(__file__).resolve().parents[2]


def rule_ids(report: Report) -> set[str]:
    return {f.rule for f in check(report)}


def pair(year: int, seed: int = 11) -> tuple[Report, Report]:
    previous, report = clean(seed, year - 1), clean(seed + 1, year)
    set_text(previous, "s1_overview", OTHER_S1 * 3)
    set_text(previous, "s5_problems", OTHER_S1 * 2)
    # Continuity holds in a clean pair: this year starts where last year ended.
    report.tables["applications"]["carried_over"] = dict(previous.tables["applications"]["carry_forward"])
    for row in ("regulations", "normative_docs"):
        if report.edition == "E2021":
            cells = report.tables["active"][row]
            cells["valid"] = int(previous.tables["active"][row]["valid"] or 0) + int(cells["made"] or 0)
            cells["valid"] = int(cells["valid"]) - int(cells["repealed"] or 0)
    for row, cells in report.tables["active"].items():
        if "prev_items" in cells:
            before = previous.tables["active"][row]
            cells["prev_items"] = int(before["prev_items"] or 0) + int(before["delta_items"] or 0)
    return report, previous


def pair_ids(report: Report, previous: Report) -> set[str]:
    return {f.rule for f in run_pair_rules(report, previous)}


def test_rule_catalogue_has_at_least_45_rules_with_descriptions_and_sources() -> None:
    assert len(REGISTRY) >= 45
    for entry in REGISTRY.values():
        assert entry.severity in ("error", "warning", "info")
        assert entry.description and entry.source and entry.family
        assert (entry.check is None) + (entry.pair_check is None) >= 1


@pytest.mark.parametrize("year", [E2019_YEAR, E2021_YEAR, 2019, 2023])
def test_rule_catalogue_clean_generated_report_has_no_finding(year: int) -> None:
    report = clean(year * 7, year)
    for sentence in CLEAN_SENTENCES:
        add_text(report, "s1_overview", sentence(report))
    assert check(report) == []


@pytest.mark.parametrize("plant", SINGLE_PLANTS, ids=lambda p: p.rule_id)
def test_rule_catalogue_planted_error_triggers_its_rule(plant: Plant) -> None:
    report = clean(3, plant.year)
    assert plant.rule_id not in rule_ids(report)
    plant.plant(report)
    assert plant.rule_id in rule_ids(report)


def test_rule_catalogue_every_report_rule_has_a_planted_test() -> None:
    planted = {p.rule_id for p in SINGLE_PLANTS}
    per_report = {r.id for r in REGISTRY.values() if r.check is not None}
    assert per_report <= planted


def test_rule_catalogue_text_rules_read_chinese_numerals() -> None:
    report = clean(5, E2021_YEAR)
    granted = int(report.cell("applications", "r_granted", "total") or 0)
    numerals = {0: "零", 1: "一", 2: "两", 3: "三"}
    report.tables["applications"]["r_granted"]["total"] = 120
    add_text(report, "s3_requests", "对政府信息公开申请予以公开一百二十件。")
    assert "X-TEXT-GRANTED" not in rule_ids(report)
    add_text(report, "s3_requests", f"对政府信息公开申请予以公开{numerals.get(granted % 4, '两')}件。")
    assert "X-TEXT-GRANTED" in rule_ids(report)


def test_rule_catalogue_text_finding_quotes_sentence_and_locates_its_line(tmp_path: Path) -> None:
    report = clean(8, E2021_YEAR)
    add_text(report, "s3_requests", "\n本年度受理政府信息公开申请9999件。")
    path = tmp_path / "report.txt"
    path.write_text(render_text(report), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--json", str(path)])
    parsed = json.loads(result.stdout.splitlines()[0])
    found = [f for f in parsed["findings"] if f["rule"] == "X-TEXT-NEW_RECEIVED"]
    assert len(found) == 1
    assert "9999件" in found[0]["message"] and "“" in found[0]["message"]
    assert found[0]["cells"] == ["applications.new_received.total", "applications.carried_over.total"]
    line = found[0]["where"]["line"]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1] == "本年度受理政府信息公开申请9999件。"
    heading = next(s for s in parsed["sections"] if s["key"] == "s3_requests")
    assert line > heading["line"] + 1


CROSS_YEAR_PLANTS = {
    "T3-CARRY-XYEAR": (E2021_YEAR, lambda r, p: p.tables["applications"]["carry_forward"].update(natural=9)),
    "T2-VALID-XYEAR": (E2021_YEAR, lambda r, p: r.tables["active"]["regulations"].update(valid=999)),
    "T2-REPEALED-LE": (E2021_YEAR, lambda r, p: r.tables["active"]["normative_docs"].update(repealed=999)),
    "T2-PREV-XYEAR": (E2019_YEAR, lambda r, p: r.tables["active"]["punishment"].update(prev_items=999)),
    "S-DUPLICATE": (E2021_YEAR, lambda r, p: set_text(p, "s1_overview", r.sections[0].text)),
    # 2.4252万元 last year; this year 24252 — the same scale of fees typed in 元 into the 万元 column.
    "G-UNIT-XYEAR": (
        E2021_YEAR,
        lambda r, p: (
            p.tables["active"]["admin_fees"].update(amount_wan_yuan=Decimal("2.4252")),
            r.tables["active"]["admin_fees"].update(amount_wan_yuan=Decimal("24252")),
        ),
    ),
}


@pytest.mark.parametrize("rule_id", sorted(CROSS_YEAR_PLANTS))
def test_rule_catalogue_cross_year_rule_triggers_only_when_planted(rule_id: str) -> None:
    year, plant = CROSS_YEAR_PLANTS[rule_id]
    report, previous = pair(year)
    assert pair_ids(report, previous) == set()
    plant(report, previous)
    assert rule_id in pair_ids(report, previous)


def test_rule_catalogue_every_cross_year_rule_has_a_planted_test() -> None:
    assert {r.id for r in REGISTRY.values() if r.pair_check is not None} == set(CROSS_YEAR_PLANTS)


def test_rule_catalogue_links_same_organ_consecutive_years_only() -> None:
    a = generate(1, 2020, "海原县李俊乡人民政府")
    b = generate(2, 2021, "海原县李俊乡")
    c = generate(3, 2023, "海原县李俊乡")
    d = generate(4, 2022, "海原县关桥乡人民政府")
    assert link_years([b, d, a, c]) == {0: 2}


def test_rule_catalogue_check_batch_adds_cross_year_findings_and_published_deadline() -> None:
    report, previous = pair(E2021_YEAR)
    previous.tables["applications"]["carry_forward"]["natural"] = 9
    check_batch([report, previous], published=date(E2021_YEAR + 1, 2, 1))
    assert {f.rule for f in report.findings} == {"T3-CARRY-XYEAR", "S-DEADLINE"}
    assert [f.rule for f in previous.findings] == ["S-DEADLINE"]
    assert all(f.cells for f in report.findings if f.rule == "T3-CARRY-XYEAR")


def test_rule_catalogue_deadline_configurable_per_organ_type(tmp_path: Path) -> None:
    report = clean(2, E2021_YEAR)
    path = tmp_path / "township.txt"
    path.write_text(render_text(report), encoding="utf-8")
    runner = CliRunner()
    late = runner.invoke(app, ["check", "--json", "--published", f"{E2021_YEAR + 1}-02-10", str(path)])
    allowed = runner.invoke(
        app,
        [
            "check",
            "--json",
            "--published",
            f"{E2021_YEAR + 1}-02-10",
            "--deadline",
            "township=02-20",
            str(path),
        ],
    )
    assert "S-DEADLINE" in {f["rule"] for f in json.loads(late.stdout)["findings"]}
    assert "S-DEADLINE" not in {f["rule"] for f in json.loads(allowed.stdout)["findings"]}


def test_rule_catalogue_reader_rule_g_unplaced_on_rendered_document(tmp_path: Path) -> None:
    report = clean(4, E2021_YEAR)
    text = render_text(report)
    path = tmp_path / "clean.txt"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    clean_rules = {
        f["rule"] for f in json.loads(runner.invoke(app, ["check", "--json", str(path)]).stdout)["findings"]
    }
    assert "G-UNPLACED" not in clean_rules
    lines = text.split("\n")
    anchor = next(i for i, line in enumerate(lines) if line.startswith("四、结转"))
    lines.insert(anchor + 1, "\t1\t2\t3\t4\t5\t6\t21")
    path.write_text("\n".join(lines), encoding="utf-8")
    planted = json.loads(runner.invoke(app, ["check", "--json", str(path)]).stdout)["findings"]
    assert "G-UNPLACED" in {f["rule"] for f in planted}


def test_rule_catalogue_cli_lists_every_rule() -> None:
    result = CliRunner().invoke(app, ["rules", "--json"])
    listed = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert sorted(listed) == sorted(REGISTRY)


def test_rule_catalogue_docs_page_is_up_to_date() -> None:
    assert DOC_PATH == ROOT / "docs" / "rules.md"
    assert DOC_PATH.read_text(encoding="utf-8") == render_rules_markdown(), "run `make rules-doc`"

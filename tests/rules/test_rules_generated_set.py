"""240 generated reports (both editions): clean ones give no error; one planted error each is found."""

from __future__ import annotations

from rule_planters import SINGLE_PLANTS, clean

from nianbao.api import check
from nianbao.synth import generate

YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
SEEDS = range(240)
E2019_LAST_YEAR = 2020


def _year(seed: int) -> int:
    return YEARS[seed % len(YEARS)]


def test_generated_set_clean_reports_have_no_error() -> None:
    editions = set()
    for seed in SEEDS:
        report = generate(seed, _year(seed))
        editions.add(report.edition)
        errors = [f for f in check(report) if f.severity == "error"]
        assert errors == [], (seed, errors)
    assert editions == {"E2019", "E2021"}


def test_generated_set_every_planted_error_found_with_its_rule() -> None:
    planted_rules = set()
    turn = {True: 0, False: 0}  # planters go round separately for each edition
    for seed in SEEDS:
        year = _year(seed)
        # Each planter is written for one edition; take those of this report's edition.
        old_form = year <= E2019_LAST_YEAR
        candidates = [p for p in SINGLE_PLANTS if (p.year <= E2019_LAST_YEAR) == old_form]
        plant = candidates[turn[old_form] % len(candidates)]
        turn[old_form] += 1
        report = clean(seed, year)
        plant.plant(report)
        found = {f.rule for f in check(report)}
        assert plant.rule_id in found, (seed, year, plant.rule_id, found)
        planted_rules.add(plant.rule_id)
    assert planted_rules == {p.rule_id for p in SINGLE_PLANTS}

"""`stats` aggregates in SQL (one GROUP BY over reports and their `report_totals`); on a generated store
of ~1,000 reports — several versions of an organ's year, reports without organ or year, blanks, amounts,
findings, organs at every level — it gives exactly the numbers of adding up every cell in Python, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from nianbao.analyze.stats import GROUPINGS, StatsRow, compute_stats, group_value, top_organs
from nianbao.api import check
from nianbao.editions import APPLICATIONS, E2021, REVIEW
from nianbao.model import Report
from nianbao.store import Store, open_store
from nianbao.store.store import cells_t
from nianbao.store.totals import OUTCOMES
from nianbao.store.work import Parsed, from_report
from nianbao.synth import generate

# ---- the reference: every cell walked in Python (how stats was computed before report_totals) --------

_OUTCOME_OF_ROW = {
    row: name
    for name, key in OUTCOMES.items()
    for row in (key, *(leaf.key for leaf in E2021.applications.leaves(key)))
}
_LITIGATION = {g.key for g in E2021.review.litigation_groups}


def _add_cell(target: StatsRow, tbl: str, row: str, col: str, value: float) -> None:
    if tbl == APPLICATIONS and col == "total":
        if row == "new_received":
            target.received += value
        elif row == "carried_over":
            target.carried_over += value
        elif row == "r_total":
            target.handled += value
        elif (outcome := _OUTCOME_OF_ROW.get(row)) is not None:
            target.outcomes[outcome] += value
    elif tbl == REVIEW and col in ("total", "corrected"):
        if row == "review":
            if col == "total":
                target.review_total += value
            else:
                target.review_corrected += value
        elif row in _LITIGATION:
            if col == "total":
                target.litigation_total += value
            else:
                target.litigation_corrected += value


def python_stats(store: Store, by: list[str]) -> list[StatsRow]:
    groups: dict[tuple[str, ...], StatsRow] = {}
    group_of: dict[int, StatsRow] = {}
    for report in store.current_reports():
        key = tuple(group_value(report, b) for b in by)
        target = groups.setdefault(key, StatsRow(key))
        target.reports += 1
        target.errors += report.errors
        target.warnings += report.warnings
        target.infos += report.infos
        group_of[report.id] = target
    query = select(cells_t.c.report_id, cells_t.c.tbl, cells_t.c.row, cells_t.c.col, cells_t.c.value)
    with store.engine.connect() as conn:
        for report_id, tbl, row, col, value in conn.execute(query):
            if report_id in group_of and value is not None:
                _add_cell(group_of[report_id], tbl, row, col, float(value))
    return [groups[k] for k in sorted(groups)]


# ---- a varied generated store ----------------------------------------------------------------------

_PLACES = [
    "示例省示例市示例县{n}镇人民政府",
    "示例省示例市{n}区教育局",
    "示例市{n}区人民政府",
    "另一省另一市{n}县",
    "另一省{n}市卫生健康委员会",
    "{n}办公室",
]


def _varied(rng: random.Random, seed: int) -> Report:
    organ = rng.choice(_PLACES).format(n=f"第{rng.randrange(400)}")
    report = generate(seed, year=rng.randrange(2018, 2025), organ=organ)
    tables = report.tables
    for table, rows in tables.items():
        for cols in rows.values():
            for col in cols:
                dice = rng.random()
                if dice < 0.03:
                    cols[col] = None  # a blank
                elif dice < 0.05:
                    cols[col] = rng.randrange(0, 5000)  # a number that breaks a sum
                elif dice < 0.06 and table == REVIEW:
                    cols[col] = Decimal(rng.randrange(1, 900)) / 4  # an odd amount
    if seed % 97 == 5:
        report.organ = None
    if seed % 89 == 7:
        report.year = None
    report.findings = check(report)
    return report


@pytest.fixture(scope="module")
def generated() -> list[Parsed]:
    """~1,000 varied reports ready to store, in ingest order."""
    rng = random.Random(20261127)
    out = []
    for seed in range(1000):
        report = _varied(rng, seed)
        out.append(from_report(report, f"{seed:064x}", f"gen/{seed}.txt"))
        if seed % 25 == 0 and report.organ is not None:
            # A later version of the same organ's year: only the newest counts.
            again = _varied(random.Random(seed), seed + 100_000)
            again.organ, again.year = report.organ, report.year
            again.findings = check(again)
            out.append(from_report(again, f"{seed + 100_000:064x}", f"gen/{seed}-v2.txt"))
    return out


def _fill(store: Store, parsed: list[Parsed]) -> None:
    for one in parsed:
        assert store.save(one)


def _groupings() -> Iterator[list[str]]:
    yield []
    yield from ([g] for g in GROUPINGS)
    yield from (["region", "year"], ["organ", "year"], ["level", "region"])


def _flat(value: object, path: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{path}.{key}").items()}
    return {path: value}


def _same(sql: list[StatsRow], walked: list[StatsRow]) -> None:
    assert [r.group for r in sql] == [r.group for r in walked]
    for mine, theirs in zip(sql, walked, strict=True):
        ours, reference = _flat(mine.to_dict()), _flat(theirs.to_dict())
        assert ours.keys() == reference.keys()
        for key, value in reference.items():
            # Sums of amounts may differ in the last bit by the order of addition.
            expected = value if value is None or isinstance(value, list) else pytest.approx(value, rel=1e-12)
            assert ours[key] == expected, (mine.group, key)


def _check_store(store: Store) -> None:
    current = store.current_reports()
    assert len(current) > 900
    assert any(r.organ is None for r in current) and any(r.year is None for r in current)
    assert sum(r.errors for r in current) > 0 and sum(r.warnings for r in current) > 0
    for by in _groupings():
        _same(compute_stats(store, by), python_stats(store, by))
    walked = {r.group[0]: r for r in python_stats(store, ["organ"])}
    expected = sorted(
        ((k, r.errors, r.warnings, r.reports) for k, r in walked.items() if r.errors or r.warnings),
        key=lambda t: (-t[1], -t[2], t[0]),
    )
    assert top_organs(store, 15) == expected[:15]


def test_sql_stats_equal_the_python_walk_on_sqlite(generated: list[Parsed], tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "gen.db"))
    _fill(store, generated)
    _check_store(store)
    store.close()


def test_sql_stats_equal_the_python_walk_on_postgres(generated: list[Parsed], postgres_url: str) -> None:
    store = open_store(postgres_url)
    _fill(store, generated)
    _check_store(store)
    store.close()


def test_a_corrected_report_changes_the_stats(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "c.db"))
    report = generate(1, 2022, "示例县城关镇人民政府")
    store.save(from_report(report, "a" * 64, "a.txt"))
    before = compute_stats(store)[0].received
    report_id = store.report_id("a" * 64)
    assert report_id is not None
    report.tables[APPLICATIONS]["new_received"]["total"] = int(before) + 7
    with store.engine.begin() as conn:
        store.replace_content(report_id, report, conn)
    assert compute_stats(store)[0].received == before + 7
    store.close()


def test_unknown_grouping_fails_on_an_empty_store(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "e.db"))
    assert compute_stats(store) == [] and compute_stats(store, ["year"]) == []
    with pytest.raises(ValueError):
        compute_stats(store, ["colour"])
    store.close()

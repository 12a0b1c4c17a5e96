"""Stats, exports and charts over a store filled from generated reports whose numbers are known."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from nianbao.analyze.chart import cjk_font, outcomes_chart, region_chart, trend_chart
from nianbao.analyze.export import export
from nianbao.analyze.report_xlsx import report_workbooks
from nianbao.analyze.stats import compute_stats
from nianbao.model import Report
from nianbao.render.text import render_text
from nianbao.store import Store, ingest, open_store
from nianbao.synth import generate


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[Report]]:
    root = tmp_path_factory.mktemp("gen")
    reports = []
    for i in range(12):
        report = generate(seed=100 + i, year=2019 + i % 4, organ=f"示例县第{i // 4}镇人民政府")
        (root / f"{i:02d}.txt").write_text(render_text(report), encoding="utf-8")
        reports.append(report)
    store = open_store(str(root / "db.sqlite"))
    ingest(store, [root], workers=1)
    return store, reports


def test_stats_by_year_are_the_sums_of_the_reports(filled: tuple[Store, list[Report]]) -> None:
    store, reports = filled
    rows = {r.group[0]: r for r in compute_stats(store, ["year"])}
    assert set(rows) == {str(r.year) for r in reports}
    for year, row in rows.items():
        mine = [r for r in reports if str(r.year) == year]
        assert row.reports == len(mine)
        handled = sum(int(r.cell("applications", "r_total", "total") or 0) for r in mine)
        assert row.received == sum(int(r.cell("applications", "new_received", "total") or 0) for r in mine)
        assert row.handled == handled
        granted = sum(int(r.cell("applications", "r_granted", "total") or 0) for r in mine)
        partial = sum(int(r.cell("applications", "r_partial", "total") or 0) for r in mine)
        assert row.substantive_rate == pytest.approx((granted + partial) / handled)
        review = sum(int(r.cell("review_litigation", "review", "total") or 0) for r in mine)
        corrected = sum(int(r.cell("review_litigation", "review", "corrected") or 0) for r in mine)
        assert row.review_correction_rate == (pytest.approx(corrected / review) if review else None)
    whole = compute_stats(store)
    assert len(whole) == 1 and whole[0].reports == len(reports)
    with pytest.raises(ValueError):
        compute_stats(store, ["colour"])


def test_previous_year_report_comes_from_the_store(filled: tuple[Store, list[Report]]) -> None:
    store, reports = filled
    later = reports[1]  # 示例县第0镇, 2020
    previous = store.previous_report(later)
    assert previous is not None
    assert (previous.organ, previous.year) == (reports[0].organ, reports[0].year)
    assert previous.tables == reports[0].tables
    assert store.previous_report(reports[0]) is None  # nothing for 2018


@pytest.mark.parametrize("to", ["csv", "xlsx", "parquet"])
def test_tidy_export_holds_every_cell(filled: tuple[Store, list[Report]], tmp_path: Path, to: str) -> None:
    store, reports = filled
    out = tmp_path / f"tidy.{to}"
    count = export(store, to, out)
    expected = sum(len(cols) for r in reports for rows in r.tables.values() for cols in rows.values())
    assert count == expected
    if to == "csv":
        with out.open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        header = list(rows[0])
    elif to == "xlsx":
        sheet = load_workbook(out, read_only=True)["data"]
        values = list(sheet.iter_rows(values_only=True))
        header, rows = list(values[0]), values[1:]  # type: ignore[assignment]
    else:
        table = pq.read_table(out)
        header, rows = table.column_names, table.to_pylist()
    assert len(rows) == expected
    assert header[:10] == [
        "organ",
        "region",
        "year",
        "edition",
        "table",
        "row",
        "column",
        "value",
        "source",
        "page",
    ]


def test_wide_export_has_one_row_per_report(filled: tuple[Store, list[Report]], tmp_path: Path) -> None:
    store, reports = filled
    out = tmp_path / "wide.csv"
    assert export(store, "csv", out, wide=True) == len(reports)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    first = next(r for r in rows if r["source"].endswith("00.txt"))
    assert first["applications.new_received.total"] == str(
        reports[0].cell("applications", "new_received", "total")
    )
    assert first["region"] == "示例县/第0镇"


def test_charts_are_png_with_a_cjk_font(filled: tuple[Store, list[Report]], tmp_path: Path) -> None:
    store, _ = filled
    assert "CJK" in cjk_font() or "Hei" in cjk_font()
    for path in (
        trend_chart(store, tmp_path / "trend.png"),
        outcomes_chart(store, tmp_path / "outcomes.png"),
        region_chart(store, tmp_path / "region.png", "示例县"),
    ):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000


def test_per_report_workbooks_use_the_official_layout(
    filled: tuple[Store, list[Report]], tmp_path: Path
) -> None:
    store, reports = filled
    written = list(report_workbooks(store, tmp_path / "books"))
    assert len(written) == len(reports)
    first = next(p for p in written if "第0镇" in p.name and "-2019-" in p.name)
    book = load_workbook(first)
    sheet = book["表三"]
    assert sheet.merged_cells.ranges  # the official form's merged label cells
    values = {(r[0], r[1], r[2]): r[3] for r in book["全部数值"].iter_rows(min_row=2, values_only=True)}
    assert values[("applications", "new_received", "total")] == reports[0].cell(
        "applications", "new_received", "total"
    )
    printed = [c.value for row in sheet.iter_rows() for c in row]
    assert reports[0].cell("applications", "new_received", "total") in printed

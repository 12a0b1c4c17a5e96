"""Exports stream from the database: every format gives the same rows as the store holds (current
versions only), Parquet in row groups with its types, XLSX continued on further sheets past a sheet's
row limit, and text that would start a spreadsheet formula is quoted."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from nianbao.analyze import export as exports
from nianbao.analyze.export import REPORT_COLUMNS, TIDY_COLUMNS, export
from nianbao.analyze.report_xlsx import report_workbooks
from nianbao.store import Store, open_store
from nianbao.store.work import from_report
from nianbao.synth import generate

ORGANS = ["示例县城关镇人民政府", "=HYPERLINK(1)办公室", "示例市东区教育局"]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = open_store(str(tmp_path / "x.db"))
    for i in range(9):
        report = generate(seed=i, year=2020 + i % 3, organ=ORGANS[i // 3])
        if i == 4:
            report.tables["review_litigation"]["review"]["total"] = Decimal("12.50")
        report.contact.address = "=1+1" if i == 0 else report.contact.address
        store.save(from_report(report, f"{i:064x}", f"-{i}.txt" if i == 2 else f"{i}.txt"))
    # A newer version of report 0's organ and year: report 0 is no longer exported.
    again = generate(seed=99, year=2020, organ=ORGANS[0])
    store.save(from_report(again, "f" * 64, "again.txt"))
    return store


def _expected_cells(store: Store) -> dict[tuple[str, str, str, str], Any]:
    out = {}
    for row in store.current_reports():
        report = store.report(row.sha256)
        assert report is not None
        for table, rows in report.tables.items():
            for key, cols in rows.items():
                for col, value in cols.items():
                    out[(row.sha256, table, key, col)] = None if value is None else float(value)
    return out


def _read(out: Path, to: str) -> tuple[list[str], list[dict[str, Any]]]:
    if to == "csv":
        with out.open(encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        return list(reader.fieldnames or []), rows
    if to == "xlsx":
        book = load_workbook(out, read_only=True)
        header: list[str] = []
        rows = []
        for sheet in book.worksheets:
            values = list(sheet.iter_rows(values_only=True))
            header = [str(v) for v in values[0]]
            # A write-only row ends at its last value: the empty cells after it are not stored.
            rows += [dict(zip(header, (*v, *[None] * len(header)), strict=False)) for v in values[1:]]
        return header, rows
    table = pq.read_table(out)
    return table.column_names, table.to_pylist()


def _value(v: Any) -> float | None:
    return None if v in (None, "") else float(v)


@pytest.mark.parametrize("to", ["csv", "xlsx", "parquet"])
def test_tidy_export_streams_every_current_cell(
    store: Store, tmp_path: Path, to: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches, row groups and sheets, so that the export crosses each boundary many times.
    monkeypatch.setattr(exports, "FETCH_ROWS", 7)
    monkeypatch.setattr(exports, "GROUP_ROWS", 100)
    monkeypatch.setattr(exports, "SHEET_ROWS", 500)
    out = tmp_path / f"tidy.{to}"
    expected = _expected_cells(store)
    assert export(store, to, out) == len(expected)
    header, rows = _read(out, to)
    assert header == list(TIDY_COLUMNS)
    got = {(r["sha256"], r["table"], r["row"], r["column"]): _value(r["value"]) for r in rows}
    assert got == expected and len(rows) == len(expected)
    assert "f" * 64 in {r["sha256"] for r in rows} and f"{0:064x}" not in {r["sha256"] for r in rows}
    # Formula-looking text is quoted; nothing else is touched.
    assert {r["organ"] for r in rows} == {ORGANS[0], "'" + ORGANS[1], ORGANS[2]}
    assert "'-2.txt" in {r["source"] for r in rows}
    if to == "xlsx":
        assert len(load_workbook(out, read_only=True).sheetnames) == -(-len(expected) // 500)
    if to == "parquet":
        meta = pq.ParquetFile(out).metadata
        assert meta.num_row_groups == -(-len(expected) // 100)
        schema = pq.read_schema(out)
        assert str(schema.field("value").type) == "double"  # 12.50 is an amount
        assert str(schema.field("year").type) == "int64"


@pytest.mark.parametrize("to", ["csv", "xlsx", "parquet"])
def test_wide_export_streams_one_row_per_current_report(
    store: Store, tmp_path: Path, to: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "FETCH_ROWS", 3)
    monkeypatch.setattr(exports, "GROUP_ROWS", 4)
    out = tmp_path / f"wide.{to}"
    expected = _expected_cells(store)
    current = store.current_reports()
    assert export(store, to, out, wide=True) == len(current)
    header, rows = _read(out, to)
    assert header[: len(REPORT_COLUMNS)] == list(REPORT_COLUMNS)
    assert [r["sha256"] for r in rows] == [r.sha256 for r in current]
    for row in rows:
        for name in header[len(REPORT_COLUMNS) :]:
            table, key, col = name.split(".", 2)
            assert _value(row[name]) == expected.get((row["sha256"], table, key, col)), name
    if to == "parquet":
        schema = pq.read_schema(out)
        assert str(schema.field("review_litigation.review.total").type) == "double"
        assert str(schema.field("applications.new_received.total").type) == "int64"
        assert pq.ParquetFile(out).metadata.num_row_groups == -(-len(current) // 4)


def test_empty_store_exports_a_header(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "e.db"))
    for to in ("csv", "xlsx", "parquet"):
        assert export(store, to, tmp_path / f"e.{to}") == 0
        assert _read(tmp_path / f"e.{to}", to) == (list(TIDY_COLUMNS), [])
    store.close()


def test_per_report_workbooks_keep_formula_text_as_text(store: Store, tmp_path: Path) -> None:
    written = list(report_workbooks(store, tmp_path / "books"))
    assert len(written) == len(store.current_reports())
    first = next(p for p in written if p.name.startswith("=HYPERLINK"))
    book = load_workbook(first)
    texts = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in texts if c.data_type == "f" and str(c.value).startswith("=HYPERLINK")]

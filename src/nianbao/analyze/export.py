"""Exports of the store: a tidy table (one row per cell, with where it came from) or a wide one
(one row per report), as CSV, XLSX or Parquet."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..store import Store
from ..store.store import cells_t

TIDY_COLUMNS = (
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
    "line",
    "sha256",
    "version",
)
REPORT_COLUMNS = (
    "organ",
    "region",
    "level",
    "year",
    "edition",
    "version",
    "source",
    "sha256",
    "errors",
    "warnings",
    "infos",
)
FORMATS = ("csv", "xlsx", "parquet")


def _number(exact: str | None) -> int | float | None:
    if exact is None:
        return None
    try:
        return int(exact)
    except ValueError:
        return float(exact)


def tidy_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every cell of every current report version, in ingest order and cell order."""
    reports = {r.id: r for r in store.current_reports()}
    query = select(
        cells_t.c.report_id,
        cells_t.c.tbl,
        cells_t.c.row,
        cells_t.c.col,
        cells_t.c.exact,
        cells_t.c.page,
        cells_t.c.line,
    ).order_by(cells_t.c.report_id, cells_t.c.id)
    with store.engine.connect() as conn:
        for report_id, tbl, row, col, exact, page, line in conn.execute(query):
            report = reports.get(report_id)
            if report is None:
                continue
            yield {
                "organ": report.organ,
                "region": report.region,
                "year": report.year,
                "edition": report.edition,
                "table": tbl,
                "row": row,
                "column": col,
                "value": _number(exact),
                "source": report.path,
                "page": page,
                "line": line,
                "sha256": report.sha256,
                "version": report.version,
            }


def wide_rows(store: Store) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per current report: its identity and every cell as a `table.row.column` field."""
    reports = {r.id: r for r in store.current_reports()}
    rows: dict[int, dict[str, Any]] = {}
    for report_id, report in reports.items():
        rows[report_id] = {
            "organ": report.organ,
            "region": report.region,
            "level": report.level,
            "year": report.year,
            "edition": report.edition,
            "version": report.version,
            "source": report.path,
            "sha256": report.sha256,
            "errors": report.errors,
            "warnings": report.warnings,
            "infos": report.infos,
        }
    cell_columns: dict[str, None] = {}
    query = select(
        cells_t.c.report_id, cells_t.c.tbl, cells_t.c.row, cells_t.c.col, cells_t.c.exact
    ).order_by(cells_t.c.report_id, cells_t.c.id)
    with store.engine.connect() as conn:
        for report_id, tbl, row, col, exact in conn.execute(query):
            if report_id in rows:
                name = f"{tbl}.{row}.{col}"
                cell_columns.setdefault(name, None)
                rows[report_id][name] = _number(exact)
    return [*REPORT_COLUMNS, *cell_columns], list(rows.values())


def export(store: Store, to: str, out: Path, wide: bool = False) -> int:
    """Write the table to `out` in format `to`; returns the number of data rows."""
    if to not in FORMATS:
        raise ValueError(f"unknown format {to!r}")
    if wide:
        columns, rows = wide_rows(store)
    else:
        columns, rows = list(TIDY_COLUMNS), list(tidy_rows(store))
    out.parent.mkdir(parents=True, exist_ok=True)
    if to == "csv":
        _write_csv(out, columns, rows)
    elif to == "xlsx":
        _write_xlsx(out, columns, rows)
    else:
        _write_parquet(out, columns, rows)
    return len(rows)


def _write_csv(out: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    # utf-8-sig so that Excel opens Chinese text correctly when the CSV is double-clicked.
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _write_xlsx(out: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns])
    book.save(out)


def _write_parquet(out: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    data: dict[str, list[Any]] = {c: [row.get(c) for row in rows] for c in columns}
    arrays = {}
    for name, values in data.items():
        # Counts and amounts in one column: float64 holds both (an amount like 75.45 keeps two decimals).
        if any(isinstance(v, float) for v in values) and all(
            v is None or isinstance(v, int | float) for v in values
        ):
            arrays[name] = pa.array([None if v is None else float(v) for v in values], type=pa.float64())
        else:
            arrays[name] = pa.array(values)
    pq.write_table(pa.table(arrays), out)

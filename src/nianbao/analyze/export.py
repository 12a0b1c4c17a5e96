"""Exports of the store: a tidy table (one row per cell, with where it came from) or a wide one
(one row per report), as CSV, XLSX or Parquet.

Every export streams: reports and cells are read from the database in batches (a server-side cursor on
PostgreSQL), rows are written as they come (CSV by line, XLSX in openpyxl's write-only mode, Parquet one
row group at a time), so memory stays flat however many reports the store holds. Text that would start
a formula in a spreadsheet is quoted (`workbook.safe.csv_text`, the one rule for every export)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select

from ..store import Store, StoredReport
from ..store.store import cells_t
from ..workbook.safe import csv_text

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
# Rows fetched from the database at a time, and rows per Parquet row group: small enough that a batch of
# wide rows (a few hundred columns each) stays a few tens of MB.
FETCH_ROWS = 2000
GROUP_ROWS = 8192
# An XLSX sheet holds 1,048,576 rows; a larger export continues on data2, data3, …
SHEET_ROWS = 1_048_575

_INT, _FLOAT, _TEXT = "int", "float", "text"
_TIDY_TYPES = (_TEXT, _TEXT, _INT, _TEXT, _TEXT, _TEXT, _TEXT, _FLOAT, _TEXT, _INT, _INT, _TEXT, _INT)
_REPORT_TYPES = (_TEXT, _TEXT, _TEXT, _INT, _TEXT, _INT, _TEXT, _TEXT, _INT, _INT, _INT)


def _number(exact: str | None) -> int | float | None:
    if exact is None:
        return None
    try:
        return int(exact)
    except ValueError:
        return float(exact)


def _has_fraction() -> Any:
    """1 for a cell whose value is not a whole number (an amount like 75.45), else 0."""
    return case((cells_t.c.value != func.round(cells_t.c.value), 1), else_=0)


def _report_cells(store: Store, *fields: Any) -> Iterator[tuple[StoredReport, list[Any]]]:
    """Every current report version in ingest order with `fields` of its cells in cell order: two
    streamed queries (reports, cells by report) merged, so no more than one report is held at once."""
    query = select(cells_t.c.report_id, *fields).order_by(cells_t.c.report_id, cells_t.c.id)
    with store.engine.connect() as conn:
        cells = iter(conn.execution_options(yield_per=FETCH_ROWS).execute(query))
        pending = next(cells, None)
        for report in store.iter_current_reports(FETCH_ROWS):
            # Cells of versions that a newer one replaced are passed over.
            while pending is not None and pending[0] < report.id:
                pending = next(cells, None)
            mine = []
            while pending is not None and pending[0] == report.id:
                mine.append(pending)
                pending = next(cells, None)
            yield report, mine


def tidy_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    """Every cell of every current report version as a row of `TIDY_COLUMNS`, in ingest and cell order."""
    fields = (cells_t.c.tbl, cells_t.c.row, cells_t.c.col, cells_t.c.exact, cells_t.c.page, cells_t.c.line)
    for report, cells in _report_cells(store, *fields):
        organ, region, edition = map(csv_text, (report.organ, report.region, report.edition))
        source = csv_text(report.path)
        for _, tbl, row, col, exact, page, line in cells:
            yield (
                organ,
                region,
                report.year,
                edition,
                tbl,
                row,
                col,
                _number(exact),
                source,
                page,
                line,
                report.sha256,
                report.version,
            )


def _tidy_types(store: Store) -> tuple[str, ...]:
    """Whole counts as integers unless some stored value has a fraction (then float64 holds both)."""
    with store.engine.connect() as conn:
        fraction = conn.scalar(select(cells_t.c.id).where(_has_fraction() == 1).limit(1))
    return _TIDY_TYPES if fraction is not None else tuple(_INT if t == _FLOAT else t for t in _TIDY_TYPES)


def wide_columns(store: Store) -> list[tuple[str, str]]:
    """The cell columns of the wide table, `table.row.column` in order of first appearance, each with
    its type (float when a value has a fraction). Read over every stored version, so a cell only an
    older version has is an empty column."""
    query = (
        select(cells_t.c.tbl, cells_t.c.row, cells_t.c.col, func.max(_has_fraction()))
        .group_by(cells_t.c.tbl, cells_t.c.row, cells_t.c.col)
        .order_by(func.min(cells_t.c.id))
    )
    with store.engine.connect() as conn:
        return [(f"{t}.{r}.{c}", _FLOAT if fraction else _INT) for t, r, c, fraction in conn.execute(query)]


def wide_rows(store: Store, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """One row per current report: `REPORT_COLUMNS` then the value of each of `columns` (None where the
    report has no such cell)."""
    position = {name: i for i, name in enumerate(columns)}
    fields = (cells_t.c.tbl, cells_t.c.row, cells_t.c.col, cells_t.c.exact)
    for report, cells in _report_cells(store, *fields):
        values: list[Any] = [None] * len(columns)
        for _, tbl, row, col, exact in cells:
            values[position[f"{tbl}.{row}.{col}"]] = _number(exact)
        yield (
            csv_text(report.organ),
            csv_text(report.region),
            csv_text(report.level),
            report.year,
            csv_text(report.edition),
            report.version,
            csv_text(report.path),
            report.sha256,
            report.errors,
            report.warnings,
            report.infos,
            *values,
        )


def export(store: Store, to: str, out: Path, wide: bool = False) -> int:
    """Write the table to `out` in format `to`; returns the number of data rows."""
    if to not in FORMATS:
        raise ValueError(f"unknown format {to!r}")
    rows: Iterable[tuple[Any, ...]]
    if wide:
        cell_columns = wide_columns(store)
        names = [*REPORT_COLUMNS, *(name for name, _ in cell_columns)]
        types = (*_REPORT_TYPES, *(kind for _, kind in cell_columns))
        rows = wide_rows(store, [name for name, _ in cell_columns])
    else:
        names, types, rows = list(TIDY_COLUMNS), _tidy_types(store), tidy_rows(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    if to == "csv":
        return _write_csv(out, names, rows)
    if to == "xlsx":
        return _write_xlsx(out, names, rows)
    return _write_parquet(out, names, types, rows)


def _write_csv(out: Path, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
    count = 0
    # utf-8-sig so that Excel opens Chinese text correctly when the CSV is double-clicked.
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(out: Path, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    count = 0
    sheet: Any = None
    for row in rows:
        if count % SHEET_ROWS == 0:
            sheet = book.create_sheet("data" if count == 0 else f"data{count // SHEET_ROWS + 1}")
            sheet.append(columns)
        sheet.append(row)
        count += 1
    if sheet is None:
        book.create_sheet("data").append(columns)
    book.save(out)
    return count


def _write_parquet(
    out: Path, columns: list[str], types: tuple[str, ...], rows: Iterable[tuple[Any, ...]]
) -> int:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    arrow = {_INT: pa.int64(), _FLOAT: pa.float64(), _TEXT: pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in zip(columns, types, strict=True)])
    whole = [i for i, kind in enumerate(types) if kind == _INT]
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[tuple[Any, ...]] = []

        def flush() -> None:
            data = [list(values) for values in zip(*batch, strict=True)]
            for i in whole:  # a whole amount read as "75.00" is stored as 75
                data[i] = [None if v is None else int(v) for v in data[i]]
            arrays = [pa.array(values, type=field.type) for values, field in zip(data, schema, strict=True)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema), row_group_size=GROUP_ROWS)
            batch.clear()

        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) == GROUP_ROWS:
                flush()
        if batch:
            flush()
    return count

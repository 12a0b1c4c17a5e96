"""The store: saves parsed files (one transaction each) and reads reports, organs and versions back."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Engine,
    Insert,
    Select,
    Table,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Report
from ..organs import OrganIdentity, OrganMapping, identify
from ..organs.places import Place, place_within
from .db import database_url, make_engine, migrate
from .schema import CellRow, FailureRow, FindingRow, Organ, ReportRow, ReportTotalsRow
from .totals import totals_of
from .work import Failed, Outcome, Parsed, from_report

organs_t = cast(Table, Organ.__table__)
reports_t = cast(Table, ReportRow.__table__)
cells_t = cast(Table, CellRow.__table__)
findings_t = cast(Table, FindingRow.__table__)
failures_t = cast(Table, FailureRow.__table__)
totals_t = cast(Table, ReportTotalsRow.__table__)
_CELL_COLUMNS = ("report_id", "tbl", "row", "col", "value", "exact", "text", "page", "line")
_FINDING_COLUMNS = ("report_id", "seq", "rule", "severity", "message", "cells", "page", "line")


def _insert_sql(conn: Connection, table: str, columns: tuple[str, ...]) -> str:
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _find_organ(conn: Connection, organ: OrganIdentity) -> int | None:
    """The stored organ with this identity; else one stored under the same name (its key was given by an
    earlier mapping file or an earlier version of the identity rule: the same name is the same organ)."""
    found = conn.scalar(select(organs_t.c.id).where(organs_t.c.key == organ.key))
    if found is None:
        found = conn.scalar(select(organs_t.c.id).where(organs_t.c.name == organ.name))
    return None if found is None else int(found)


def is_current() -> ColumnElement[bool]:
    """A report version no newer version of the same organ and year replaces (a report without organ
    or year stands alone); the index on (organ_id, year, version) answers it per report."""
    newer = reports_t.alias("newer")
    return ~exists().where(
        newer.c.organ_id == reports_t.c.organ_id,
        newer.c.year == reports_t.c.year,
        newer.c.version > reports_t.c.version,
    )


def _write_content(conn: Connection, report_id: int, parsed: Parsed) -> None:
    """A report version's cells, findings and totals."""
    if parsed.cells:
        # Plain tuples straight to the driver: a report has a few hundred cells, and building a
        # parameter dict per cell costs more than the insert itself.
        conn.exec_driver_sql(
            _insert_sql(conn, "cells", _CELL_COLUMNS), [(report_id, *c) for c in parsed.cells]
        )
    if parsed.findings:
        rows = [(report_id, *f) for f in parsed.findings]
        conn.exec_driver_sql(_insert_sql(conn, "findings", _FINDING_COLUMNS), rows)
    conn.execute(insert(totals_t), {"report_id": report_id, **totals_of(parsed.cells)})


def current_reports_query() -> Select[Any]:
    """The fields of `StoredReport`, in its order, of every current report version, by id."""
    return (
        select(
            reports_t.c.id,
            reports_t.c.sha256,
            reports_t.c.path,
            reports_t.c.organ,
            organs_t.c.name,
            organs_t.c.level,
            organs_t.c.region,
            reports_t.c.year,
            reports_t.c.edition,
            reports_t.c.version,
            reports_t.c.errors,
            reports_t.c.warnings,
            reports_t.c.infos,
        )
        .outerjoin(organs_t, organs_t.c.id == reports_t.c.organ_id)
        .where(is_current())
        .order_by(reports_t.c.id)
    )


def _insert_or_skip(conn: Connection) -> Insert:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(organs_t).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        return sqlite.insert(organs_t).on_conflict_do_nothing()
    return insert(organs_t)


@dataclass(frozen=True)
class StoredReport:
    """One current report version with its organ's place, as the analyses use it."""

    id: int
    sha256: str
    path: str
    organ: str | None
    organ_name: str | None
    level: str | None
    region: str | None
    year: int | None
    edition: str | None
    version: int
    errors: int
    warnings: int
    infos: int


class Store:
    def __init__(self, url: str, mapping: OrganMapping | None = None) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self.mapping = mapping or OrganMapping()
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            done = set(conn.scalars(select(reports_t.c.sha256)))
            done.update(conn.scalars(select(failures_t.c.sha256)))
        return done

    def failed_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(failures_t.c.sha256)))

    # ---- writing -------------------------------------------------------------------------------

    def save(self, outcome: Outcome) -> bool:
        """Store one outcome in one transaction; False when that file is already stored."""
        with self.engine.begin() as conn:
            if isinstance(outcome, Failed):
                if conn.scalar(select(failures_t.c.id).where(failures_t.c.sha256 == outcome.sha256)):
                    return False
                if conn.scalar(select(reports_t.c.id).where(reports_t.c.sha256 == outcome.sha256)):
                    return False
                conn.execute(
                    insert(failures_t),
                    {"sha256": outcome.sha256, "path": outcome.path, "reason": outcome.reason},
                )
                return True
            return self._save_report(conn, outcome)

    def _save_report(self, conn: Connection, parsed: Parsed) -> bool:
        if conn.scalar(select(reports_t.c.id).where(reports_t.c.sha256 == parsed.sha256)):
            return False
        # A file that failed before and now reads (a better reader) replaces its failure.
        conn.execute(failures_t.delete().where(failures_t.c.sha256 == parsed.sha256))
        organ_id = self._organ_id(conn, parsed.organ) if parsed.organ else None
        version = 1
        if organ_id is not None and parsed.year is not None:
            count = conn.scalar(
                select(func.count()).where(reports_t.c.organ_id == organ_id, reports_t.c.year == parsed.year)
            )
            version = int(count or 0) + 1
        result = conn.execute(
            insert(reports_t),
            {
                "sha256": parsed.sha256,
                "path": parsed.path,
                "format": parsed.format,
                "organ_id": organ_id,
                "organ": parsed.organ,
                "year": parsed.year,
                "edition": parsed.edition,
                "title": parsed.title,
                "version": version,
                "errors": parsed.severities.get("error", 0),
                "warnings": parsed.severities.get("warning", 0),
                "infos": parsed.severities.get("info", 0),
                "document": parsed.document,
            },
        )
        _write_content(conn, _new_id(result), parsed)
        return True

    def _organ_id(self, conn: Connection, raw: str) -> int:
        organ = identify(raw, self.mapping)
        found = _find_organ(conn, organ)
        if found is not None:
            self._fill_place(conn, found, organ)
            return found
        place = organ.place
        values = {
            "name": organ.name,
            "key": organ.key,
            "display_name": raw,
            "level": place.level,
            "province": place.province,
            "city": place.city,
            "county": place.county,
            "township": place.township,
            "department": place.department,
            "region": place.region,
        }
        # Another ingest may create the same organ at this moment: its row wins, ours is not inserted.
        conn.execute(_insert_or_skip(conn).values(values))
        found = _find_organ(conn, organ)
        assert found is not None, "an organ row just inserted or found is visible"
        return found

    def _fill_place(self, conn: Connection, organ_id: int, organ: OrganIdentity) -> None:
        row = conn.execute(select(organs_t).where(organs_t.c.id == organ_id)).mappings().one()
        fields = ("province", "city", "county", "township")
        merged = {k: row[k] or getattr(organ.place, k) for k in fields}
        if merged != {k: row[k] for k in fields}:
            region = "/".join(v for v in merged.values() if v) or None
            conn.execute(update(organs_t).where(organs_t.c.id == organ_id).values(**merged, region=region))

    # ---- reading -------------------------------------------------------------------------------

    def report(self, sha256: str) -> Report | None:
        with self.engine.connect() as conn:
            blob = conn.scalar(select(reports_t.c.document).where(reports_t.c.sha256 == sha256))
        return None if blob is None else Report.from_json(zlib.decompress(blob).decode("utf-8"))

    def organ_id(self, organ: str) -> int | None:
        with self.engine.connect() as conn:
            return _find_organ(conn, identify(organ, self.mapping))

    def latest_report(self, organ: str, year: int) -> Report | None:
        """The newest stored version of an organ's report for a year."""
        organ_id = self.organ_id(organ)
        if organ_id is None:
            return None
        with self.engine.connect() as conn:
            blob = conn.scalar(
                select(reports_t.c.document)
                .where(reports_t.c.organ_id == organ_id, reports_t.c.year == year)
                .order_by(reports_t.c.version.desc())
                .limit(1)
            )
        return None if blob is None else Report.from_json(zlib.decompress(blob).decode("utf-8"))

    def previous_report(self, report: Report) -> Report | None:
        """The same organ's report for the year before (its newest version): what cross-year rules compare."""
        if report.organ is None or report.year is None:
            return None
        return self.latest_report(report.organ, report.year - 1)

    def current_reports(self) -> list[StoredReport]:
        """The newest version of every organ and year (a report without organ or year stands alone)."""
        return list(self.iter_current_reports())

    def iter_current_reports(self, batch: int = 2000) -> Iterator[StoredReport]:
        """`current_reports` in ingest order, read from the database in batches (memory flat in the
        number of reports)."""
        with self.engine.connect() as conn:
            rows = conn.execution_options(yield_per=batch).execute(current_reports_query())
            for row in rows:
                yield StoredReport(*row)

    def organ_years(self, hashes: Iterable[str]) -> set[tuple[str, int]]:
        """(organ as printed, year) of the stored reports with these file hashes."""
        wanted = list(hashes)
        found: set[tuple[str, int]] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                rows = conn.execute(
                    select(reports_t.c.organ, reports_t.c.year).where(
                        reports_t.c.sha256.in_(wanted[start : start + 500])
                    )
                )
                found.update((r.organ, r.year) for r in rows if r.organ and r.year is not None)
        return found

    def report_by_id(self, report_id: int) -> Report | None:
        with self.engine.connect() as conn:
            blob = conn.scalar(select(reports_t.c.document).where(reports_t.c.id == report_id))
        return None if blob is None else Report.from_json(zlib.decompress(blob).decode("utf-8"))

    def report_id(self, sha256: str) -> int | None:
        with self.engine.connect() as conn:
            found = conn.scalar(select(reports_t.c.id).where(reports_t.c.sha256 == sha256))
        return None if found is None else int(found)

    def ensure_organ(self, name: str) -> int:
        """The id of the organ with this name, created (with its inferred place) when it is new."""
        with self.engine.begin() as conn:
            return self._organ_id(conn, name)

    def subtree(self, organ_id: int) -> set[int]:
        """The organ and every organ under it in the region tree (a county's townships and departments)."""
        fields = ("id", "province", "city", "county", "township", "department")
        with self.engine.connect() as conn:
            rows = conn.execute(select(*(organs_t.c[f] for f in fields))).all()
        places = {int(r[0]): Place(None, *r[1:]) for r in rows}
        outer = places.get(organ_id)
        if outer is None:
            return set()
        return {organ_id} | {i for i, place in places.items() if place_within(place, outer)}

    def replace_content(self, report_id: int, report: Report, conn: Connection) -> None:
        """Rewrite a stored version with a changed Report (a corrected cell, its rules re-run), keeping
        its file hash, organ and version number; inside the caller's transaction."""
        row = conn.execute(
            select(reports_t.c.sha256, reports_t.c.path).where(reports_t.c.id == report_id)
        ).one()
        parsed = from_report(report, row.sha256, row.path)
        conn.execute(
            update(reports_t)
            .where(reports_t.c.id == report_id)
            .values(
                errors=parsed.severities.get("error", 0),
                warnings=parsed.severities.get("warning", 0),
                infos=parsed.severities.get("info", 0),
                document=parsed.document,
            )
        )
        for table in (cells_t, findings_t, totals_t):
            conn.execute(table.delete().where(table.c.report_id == report_id))
        _write_content(conn, report_id, parsed)

    def stored_reports(self) -> Iterator[Report]:
        """Every current report rebuilt from the store, in ingest order."""
        for row in self.current_reports():
            report = self.report(row.sha256)
            if report is not None:
                yield report


def open_store(db: str | None = None, mapping: OrganMapping | None = None) -> Store:
    """Open (and create or migrate) the store at a path or URL; default `nianbao.db` here."""
    return Store(database_url(db), mapping)

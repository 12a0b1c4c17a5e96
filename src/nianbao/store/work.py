"""The unit of parallel work: one file in, a plain picklable outcome out (rows ready to insert).

Runs in pool processes or on Dask workers, so it imports nothing from the database layer."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from ..loader import load
from ..model import Report
from ..readers import ReadError, budget
from .sources import SourceRef

CellTuple = tuple[str, str, str, float | None, str | None, str | None, int | None, int | None]
FindingTuple = tuple[int, str, str, str, str, int | None, int | None]


@dataclass
class Parsed:
    sha256: str
    path: str
    format: str
    organ: str | None
    year: int | None
    edition: str | None
    title: str | None
    severities: dict[str, int]
    document: bytes
    cells: list[CellTuple] = field(default_factory=list)
    findings: list[FindingTuple] = field(default_factory=list)


@dataclass
class Failed:
    sha256: str
    path: str
    reason: str


Outcome = Parsed | Failed


def _exact(value: int | Decimal | None) -> str | None:
    return None if value is None else str(value)


def from_report(report: Report, sha256: str, path: str) -> Parsed:
    report.source.sha256 = sha256
    report.source.path = path
    cells: list[CellTuple] = []
    for table, rows in report.tables.items():
        for row, columns in rows.items():
            for col, value in columns.items():
                src = report.provenance.get(f"{table}.{row}.{col}")
                number = None if value is None else float(value)
                cells.append(
                    (
                        table,
                        row,
                        col,
                        number,
                        _exact(value),
                        src.text if src else None,
                        src.page if src else None,
                        src.line if src else None,
                    )
                )
    findings: list[FindingTuple] = [
        (
            i,
            f.rule,
            f.severity,
            f.message,
            json.dumps(f.cells, ensure_ascii=False),
            f.where.page if f.where else None,
            f.where.line if f.where else None,
        )
        for i, f in enumerate(report.findings)
    ]
    severities = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    return Parsed(
        sha256=sha256,
        path=path,
        format=report.source.format,
        organ=report.organ,
        year=report.year,
        edition=report.edition,
        title=report.title,
        severities=severities,
        # pydantic's own JSON writer: the same contract JSON as Report.to_json(), four times faster.
        document=zlib.compress(report.model_dump_json(by_alias=True).encode("utf-8"), 6),
        cells=cells,
        findings=findings,
    )


def parse_source(ref: SourceRef) -> Outcome:
    """Parse one file; every failure, expected or not, becomes a Failed with a reason for people."""
    try:
        report = load(ref.input)
        return from_report(report, ref.sha256, ref.display)
    except ReadError as exc:
        return Failed(ref.sha256, ref.display, exc.reason)
    except Exception as exc:  # one bad file must never stop a batch
        return Failed(ref.sha256, ref.display, f"解析时出错（{type(exc).__name__}：{exc}）")


def parse_batch(refs: list[SourceRef], threads: int | None = None) -> list[Outcome]:
    """Parse files one after another; `threads` is this worker's share of the cores (readers.budget),
    so that workers side by side never run more threads than there are cores."""
    if threads is not None:
        budget.set_threads(threads)
    return [parse_source(ref) for ref in refs]

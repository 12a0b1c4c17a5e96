"""What the upload and report pages (and the API) do with reports: read uploaded files (zips opened,
formats sniffed from content), store them, list what a user may see, and correct a misread cell with
the rules re-run. Reading, checking and storing are the same functions the CLI uses."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from sqlalchemy import func, insert, select

from ..api import parse_bytes
from ..editions import resolve
from ..extract.values import read_cell
from ..model import CellValue, Report
from ..readers import ReadError
from ..readers.sniffing import is_docx, sniff_container
from ..rules import run_rules
from ..rules.crossyear import cross_year_findings
from ..store import Store
from ..store.store import organs_t, reports_t
from ..store.web_tables import corrections_t, uploads_t
from ..store.work import from_report
from . import audit
from .permissions import User


@dataclass(frozen=True)
class Limits:
    """What one upload may hold; the request as a whole is limited by `security.BodyLimit`."""

    max_files: int = 20
    max_file_bytes: int = 20 * 1024 * 1024
    max_zip_members: int = 100
    max_unzipped_bytes: int = 200 * 1024 * 1024

    @property
    def max_request_bytes(self) -> int:
        return self.max_files * self.max_file_bytes


class UploadRefused(Exception):
    """An upload over a limit (the page and the API answer 413)."""


@dataclass
class UploadResult:
    filename: str
    report_id: int | None = None
    report: Report | None = None
    error: str | None = None


def _display_name(name: str) -> str:
    # Only ever shown (escaped); never a path on this machine. Keep the last part, bounded.
    base = PurePosixPath(name.replace("\\", "/")).name or "未命名文件"
    return base[:200]


def _expand(name: str, data: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    """A zip archive (by content, and not a DOCX) → its report files; anything else as it is."""
    if sniff_container(data) != "zip" or is_docx(data):
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [(name, data)]
    members = [i for i in archive.infolist() if not i.is_dir() and not _hidden(i.filename)]
    if len(members) > limits.max_zip_members:
        raise UploadRefused(f"压缩包“{name}”中的文件超过 {limits.max_zip_members} 个")
    if sum(i.file_size for i in members) > limits.max_unzipped_bytes:
        raise UploadRefused(f"压缩包“{name}”解压后超过 {limits.max_unzipped_bytes // 2**20} MB")
    out: list[tuple[str, bytes]] = []
    for info in sorted(members, key=lambda i: i.filename):
        with archive.open(info) as member:
            content = member.read(limits.max_file_bytes + 1)
        if len(content) > limits.max_file_bytes:
            raise UploadRefused(
                f"压缩包“{name}”中的“{info.filename}”超过 {limits.max_file_bytes // 2**20} MB"
            )
        out.append((f"{name}!{info.filename}", content))
    return out


def _hidden(member: str) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(member).parts)


def upload(store: Store, user: User, files: list[tuple[str, bytes]], limits: Limits) -> list[UploadResult]:
    """Read, check and store every uploaded file (zips opened); one result per report file, in order.
    A file that cannot be read gets its reason; it never stops the others."""
    if len(files) > limits.max_files:
        raise UploadRefused(f"一次最多上传 {limits.max_files} 个文件")
    expanded: list[tuple[str, bytes]] = []
    for name, data in files:
        if len(data) > limits.max_file_bytes:
            raise UploadRefused(f"“{_display_name(name)}”超过 {limits.max_file_bytes // 2**20} MB")
        expanded.extend(_expand(_display_name(name), data, limits))
    return [_one(store, user, name, data) for name, data in expanded]


def _one(store: Store, user: User, name: str, data: bytes) -> UploadResult:
    try:
        report = parse_bytes(data, name)
    except ReadError as exc:
        return UploadResult(name, error=exc.reason)
    except Exception as exc:  # a reader's bug must not cost the user the other files
        return UploadResult(name, error=f"解析时出错（{type(exc).__name__}）")
    digest = hashlib.sha256(data).hexdigest()
    previous = store.previous_report(report)
    if previous is not None:
        report.findings.extend(cross_year_findings(report, previous))
    store.save(from_report(report, digest, name))
    report_id = store.report_id(digest)
    assert report_id is not None
    with store.engine.begin() as conn:
        known = conn.scalar(
            select(func.count())
            .select_from(uploads_t)
            .where(uploads_t.c.report_id == report_id, uploads_t.c.organ_id == user.organ_id)
        )
        if not known:
            conn.execute(
                insert(uploads_t),
                {
                    "report_id": report_id,
                    "filename": name,
                    "data": data,
                    "organ_id": user.organ_id,
                    "uploaded_by": user.name,
                    "uploaded_at": audit.now(),
                },
            )
            audit.record(conn, user.name, "report.upload", f"report:{report_id}", None, {"file": name})
    return UploadResult(name, report_id, report)


@dataclass(frozen=True)
class ReportSummary:
    id: int
    organ_id: int | None
    organ: str | None
    year: int | None
    edition: str | None
    filename: str
    errors: int
    warnings: int


def _uploaded_by_scope(store: Store, user: User) -> set[int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(uploads_t.c.report_id, uploads_t.c.organ_id)).all()
    return {int(r) for r, organ in rows if user.sees(organ)}


def visible(store: Store, user: User, report_id: int) -> bool:
    """Whether a user may see a stored report: its organ is in their scope, or it was uploaded there."""
    with store.engine.connect() as conn:
        row = conn.execute(select(reports_t.c.organ_id).where(reports_t.c.id == report_id)).first()
        if row is None:
            return False
        if user.sees(row.organ_id):
            return True
        uploaders = conn.scalars(select(uploads_t.c.organ_id).where(uploads_t.c.report_id == report_id))
        return any(user.sees(o) for o in uploaders)


def visible_report(store: Store, user: User, report_id: int) -> Report | None:
    """A stored report if the user may see it; another organ's report is None, exactly like a missing
    one, so ids cannot be probed."""
    if not visible(store, user, report_id):
        return None
    return store.report_by_id(report_id)


def visible_reports(store: Store, user: User) -> list[ReportSummary]:
    """Every stored report version a user may see, newest first."""
    uploaded = _uploaded_by_scope(store, user)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                reports_t.c.id,
                reports_t.c.organ_id,
                organs_t.c.display_name,
                reports_t.c.year,
                reports_t.c.edition,
                reports_t.c.path,
                reports_t.c.errors,
                reports_t.c.warnings,
            )
            .outerjoin(organs_t, organs_t.c.id == reports_t.c.organ_id)
            .order_by(reports_t.c.id.desc())
        ).all()
    return [
        ReportSummary(r.id, r.organ_id, r.display_name, r.year, r.edition, r.path, r.errors, r.warnings)
        for r in rows
        if user.sees(r.organ_id) or r.id in uploaded
    ]


def source_file(store: Store, report_id: int) -> tuple[str, bytes] | None:
    """The uploaded bytes of a report (the first upload), to show its pages or paragraphs."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(uploads_t.c.filename, uploads_t.c.data)
            .where(uploads_t.c.report_id == report_id)
            .order_by(uploads_t.c.id)
            .limit(1)
        ).first()
    return None if row is None else (row.filename, bytes(row.data))


class CorrectionRefused(ValueError):
    pass


def form_cells(report: Report) -> set[str]:
    """Every cell path the report's edition prints (a correction may fill a cell that was not read)."""
    from ..editions.grids import form_grids

    edition = resolve(report.edition, report.year)
    grids = form_grids(report, edition)
    return {c.key for grid in grids.values() for row in grid.rows for c in row if c.key}


def _value(text: str) -> CellValue:
    reading = read_cell(text.strip())
    if not reading.is_value:
        raise CorrectionRefused(f"“{text}”不是一个数值（可填整数、小数，或留空表示空白）")
    return reading.value


def correct_cell(store: Store, user: User, report_id: int, path: str, text: str) -> Report:
    """Set one cell of a stored report to what the person read on the page; the old value is kept
    in the corrections, the change in the audit log, and every rule runs again."""
    report = store.report_by_id(report_id)
    if report is None:
        raise CorrectionRefused("报告不存在")
    if path not in form_cells(report):
        raise CorrectionRefused(f"报告中没有单元格 {path}")
    value = _value(text)
    table, row, col = path.split(".")
    old = report.cell(table, row, col)
    report.tables.setdefault(table, {}).setdefault(row, {})[col] = value
    report.findings = list(run_rules(report))
    previous = store.previous_report(report)
    if previous is not None:
        report.findings.extend(cross_year_findings(report, previous))
    with store.engine.begin() as conn:
        store.replace_content(report_id, report, conn)
        conn.execute(
            insert(corrections_t),
            {
                "report_id": report_id,
                "cell": path,
                "old": None if old is None else str(old),
                "new": None if value is None else str(value),
                "actor": user.name,
                "at": audit.now(),
            },
        )
        audit.record(conn, user.name, "report.correct", f"report:{report_id}:{path}", str(old), str(value))
    return report


@dataclass(frozen=True)
class Correction:
    cell: str
    old: str | None
    new: str | None
    actor: str
    at: datetime


def corrections(store: Store, report_id: int) -> list[Correction]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(corrections_t).where(corrections_t.c.report_id == report_id).order_by(corrections_t.c.id)
        ).all()
    return [Correction(r.cell, r.old, r.new, r.actor, r.at) for r in rows]

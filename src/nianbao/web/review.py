"""The annual report's way from the clerk to the 公开办 and the public: drafts written in the browser
(年报编制), submitted, returned with 整改意见 or published; and the 公开办's view of every unit under
it for a year. Checking and writing are the rules and renderers the CLI uses."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, insert, select, update

from ..carry import blank_report, carried_from
from ..extract.values import read_cell
from ..ledger import BeforeLedger
from ..ledger.report import build_report
from ..ledger.store import LedgerStore
from ..model import Published, Report, TableValues
from ..organs import organ_type
from ..rules import run_rules
from ..rules.crossyear import cross_year_findings
from ..rules.timeliness import DEFAULT_DEADLINES
from ..store import Store
from ..store.store import cells_t, findings_t, organs_t, reports_t
from ..store.web_tables import drafts_t, uploads_t
from ..store.work import from_report
from . import audit
from .cases import overdue_counts
from .permissions import User

STATUS_NAMES = {
    "not_started": "未开始",
    "draft": "草稿",
    "submitted": "已报送",
    "returned": "退回",
    "published": "已发布",
}
EDITABLE = ("draft", "returned")


def reporting_year() -> int:
    """The year whose reports are being written now (each January, offices report on the year before)."""
    return date.today().year - 1


class ReviewRefused(ValueError):
    """A step the report's status does not allow, with the reason for people."""


@dataclass
class Draft:
    organ_id: int
    year: int
    status: str
    report: Report
    comment: str | None
    submitted_at: datetime | None
    updated_by: str
    updated_at: datetime

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]


def checked(store: Store, report: Report) -> Report:
    """The report with every rule run afresh, the cross-year ones against last year's stored report."""
    report.findings = list(run_rules(report))
    previous = store.previous_report(report)
    if previous is not None:
        report.findings.extend(cross_year_findings(report, previous))
    return report


def _counts(report: Report) -> dict[str, int]:
    return {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning")}


def load_draft(store: Store, organ_id: int, year: int) -> Draft | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(drafts_t).where(drafts_t.c.organ_id == organ_id, drafts_t.c.year == year)
        ).first()
    if row is None:
        return None
    return Draft(
        organ_id=row.organ_id,
        year=row.year,
        status=row.status,
        report=Report.from_json(row.document),
        comment=row.comment,
        submitted_at=row.submitted_at,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


def _write(
    conn: Connection, user: User, organ_id: int, year: int, report: Report, status: str, **extra: object
) -> None:
    counts = _counts(report)
    values = {
        "status": status,
        "document": report.to_json(),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "updated_by": user.name,
        "updated_at": audit.now(),
        **extra,
    }
    found = conn.scalar(select(drafts_t.c.id).where(drafts_t.c.organ_id == organ_id, drafts_t.c.year == year))
    if found is None:
        conn.execute(insert(drafts_t), {"organ_id": organ_id, "year": year, "comment": None, **values})
    else:
        conn.execute(update(drafts_t).where(drafts_t.c.id == found).values(**values))


def start_draft(
    store: Store, user: User, year: int, from_last_year: bool, from_ledger: bool = False
) -> Draft:
    """The organ's draft for a year: blank, carried from last year's report (see nianbao.carry), or
    computed from the organ's 台账 (ledger.report: the three tables and section texts)."""
    existing = load_draft(store, user.organ_id, year)
    if existing is not None:
        return existing
    if from_ledger:
        report = _from_ledger(store, user, year)
    else:
        previous = _last_year(store, user, year)
        if from_last_year and previous is None:
            raise ReviewRefused(f"没有找到{user.organ}{year - 1}年度的报告，请从空白开始")
        report = (
            carried_from(previous, user.organ, year)
            if from_last_year and previous
            else blank_report(user.organ, year)
        )
    checked(store, report)
    source = "ledger" if from_ledger else "last_year" if from_last_year else "blank"
    with store.engine.begin() as conn:
        _write(conn, user, user.organ_id, year, report, "draft")
        audit.record(
            conn,
            user.name,
            "draft.start",
            f"draft:{user.organ_id}:{year}",
            None,
            {"from_last_year": from_last_year, "source": source},
        )
    found = load_draft(store, user.organ_id, year)
    assert found is not None
    return found


def _from_ledger(store: Store, user: User, year: int) -> Report:
    """The year's report computed from the organ's 台账 as of today."""
    book = LedgerStore(store)
    organ = book.books([user.organ_id]).get(user.organ_id)
    if organ is None:
        raise ReviewRefused(f"{user.organ}还没有台账，请先在“依申请台账”页面建立台账并登记申请")
    try:
        return build_report(book.load(organ), year, date.today())
    except BeforeLedger as exc:
        raise ReviewRefused(str(exc)) from None


def _last_year(store: Store, user: User, year: int) -> Report | None:
    draft = load_draft(store, user.organ_id, year - 1)
    if draft is not None and draft.status == "published":
        return draft.report
    return store.latest_report(user.organ, year - 1)


def apply_form(report: Report, form: Mapping[str, str]) -> list[str]:
    """Cell values (`cell:<path>`) and section texts (`section:<key>`) from the edit form, in place;
    the problems with what was typed (a value that is no number stays as it was)."""
    problems: list[str] = []
    known = {path for path in report.cell_values()}
    for name, raw in form.items():
        if name.startswith("cell:"):
            path = name[5:]
            if path not in known:
                continue
            reading = read_cell(raw.strip())
            if not reading.is_value:
                problems.append(f"{path}：“{raw}”不是数值")
                continue
            table, row, col = path.split(".")
            report.tables[table][row][col] = reading.value
        elif name.startswith("section:"):
            key = name[8:]
            for section in report.sections:
                if section.key == key:
                    section.text = raw.replace("\r\n", "\n")[:20000]
    return problems


def save_draft(store: Store, user: User, year: int, form: Mapping[str, str]) -> tuple[Draft, list[str]]:
    draft = load_draft(store, user.organ_id, year)
    if draft is None:
        raise ReviewRefused("请先开始编制本年度报告")
    if draft.status not in EDITABLE:
        raise ReviewRefused(f"报告{draft.status_name}，不能再修改")
    before = _counts(draft.report)
    problems = apply_form(draft.report, form)
    checked(store, draft.report)
    with store.engine.begin() as conn:
        _write(conn, user, user.organ_id, year, draft.report, draft.status)
        audit.record(
            conn, user.name, "draft.save", f"draft:{user.organ_id}:{year}", before, _counts(draft.report)
        )
    saved = load_draft(store, user.organ_id, year)
    assert saved is not None
    return saved, problems


def preview(store: Store, user: User, year: int, form: Mapping[str, str]) -> tuple[Report, list[str]]:
    """What the draft would be with the form's values, checked, and nothing saved (the live 勾稽 panel)."""
    draft = load_draft(store, user.organ_id, year)
    report = draft.report if draft is not None else blank_report(user.organ, year)
    problems = apply_form(report, form)
    return checked(store, report), problems


def submit_draft(store: Store, user: User, year: int) -> Draft:
    draft = load_draft(store, user.organ_id, year)
    if draft is None or draft.status not in EDITABLE:
        raise ReviewRefused("没有可报送的草稿")
    errors = [f for f in draft.report.findings if f.severity == "error"]
    if errors:
        raise ReviewRefused(f"报告还有 {len(errors)} 个错误，改正后才能报送")
    with store.engine.begin() as conn:
        _write(conn, user, user.organ_id, year, draft.report, "submitted", submitted_at=audit.now())
        audit.record(
            conn, user.name, "draft.submit", f"draft:{user.organ_id}:{year}", draft.status, "submitted"
        )
    done = load_draft(store, user.organ_id, year)
    assert done is not None
    return done


def _reviewable(store: Store, reviewer: User, organ_id: int, year: int) -> Draft:
    if organ_id == reviewer.organ_id or not reviewer.sees(organ_id):
        raise ReviewRefused("不在本账户审核的范围内")
    draft = load_draft(store, organ_id, year)
    if draft is None or draft.status != "submitted":
        raise ReviewRefused("该单位本年度的报告尚未报送")
    return draft


def return_draft(store: Store, reviewer: User, organ_id: int, year: int, comment: str) -> None:
    comment = comment.strip()
    if not comment:
        raise ReviewRefused("退回时请写明整改意见")
    draft = _reviewable(store, reviewer, organ_id, year)
    with store.engine.begin() as conn:
        conn.execute(
            update(drafts_t)
            .where(drafts_t.c.organ_id == organ_id, drafts_t.c.year == year)
            .values(
                status="returned", comment=comment[:5000], updated_by=reviewer.name, updated_at=audit.now()
            )
        )
        audit.record(
            conn,
            reviewer.name,
            "draft.return",
            f"draft:{organ_id}:{year}",
            draft.status,
            {"comment": comment},
        )


def publish_draft(store: Store, reviewer: User, organ_id: int, year: int) -> int:
    """Publish a submitted report: stored with the corpus (statistics, the public pages); its id."""
    draft = _reviewable(store, reviewer, organ_id, year)
    # Published today: S-DEADLINE now judges the report by that date.
    draft.report.source.published = Published(date=date.today(), origin="given")
    checked(store, draft.report)
    body = draft.report.to_json().encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    store.save(from_report(draft.report, digest, draft.report.source.path))
    report_id = store.report_id(digest)
    assert report_id is not None
    with store.engine.begin() as conn:
        conn.execute(
            update(drafts_t)
            .where(drafts_t.c.organ_id == organ_id, drafts_t.c.year == year)
            .values(status="published", updated_by=reviewer.name, updated_at=audit.now())
        )
        audit.record(
            conn,
            reviewer.name,
            "draft.publish",
            f"draft:{organ_id}:{year}",
            "submitted",
            {"report": report_id},
        )
    return report_id


# ---- the 公开办's view --------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    organ_id: int
    organ: str
    status: str
    due: date
    on_time: bool | None
    errors: int | None
    warnings: int | None
    comment: str | None
    report_id: int | None
    # Open cases past their deadline in the unit's 台账 today (None: the unit keeps no ledger here).
    overdue_cases: int | None = None

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]


def units(store: Store, reviewer: User) -> list[tuple[int, str]]:
    """The organs under the reviewer's organ (not itself), by name."""
    ids = set(reviewer.scope) - {reviewer.organ_id}
    if not ids:
        return []
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(organs_t.c.id, organs_t.c.display_name)
            .where(organs_t.c.id.in_(ids))
            .order_by(organs_t.c.name)
        ).all()
    return [(int(i), str(n)) for i, n in rows]


def _latest_public(conn: Connection, ids: list[int], year: int) -> dict[int, tuple[int, int, int, int]]:
    """Per organ, its newest public report version for the year: (id, version, errors, warnings)."""
    stored: dict[int, tuple[int, int, int, int]] = {}
    uploaded = select(uploads_t.c.report_id)
    query = select(
        reports_t.c.id, reports_t.c.organ_id, reports_t.c.version, reports_t.c.errors, reports_t.c.warnings
    ).where(reports_t.c.year == year, reports_t.c.organ_id.in_(ids), reports_t.c.id.not_in(uploaded))
    for r in conn.execute(query):
        if r.organ_id not in stored or r.version > stored[r.organ_id][1]:
            stored[r.organ_id] = (r.id, r.version, r.errors, r.warnings)
    return stored


def overview(store: Store, reviewer: User, year: int) -> list[UnitRow]:
    """Every unit under the reviewer for a year: its report's status, whether it came in time, its
    errors and warnings. A unit with a public report in the store (ingested, or published here) and no
    draft counts as published; its timeliness is its S-DEADLINE finding. Uploads are only checks."""
    members = units(store, reviewer)
    ids = [i for i, _ in members]
    with store.engine.connect() as conn:
        drafts = {
            r.organ_id: r
            for r in conn.execute(
                select(
                    drafts_t.c.organ_id,
                    drafts_t.c.status,
                    drafts_t.c.errors,
                    drafts_t.c.warnings,
                    drafts_t.c.comment,
                    drafts_t.c.submitted_at,
                ).where(drafts_t.c.year == year, drafts_t.c.organ_id.in_(ids))
            )
        }
        stored = _latest_public(conn, ids, year)
        late = set(
            conn.scalars(
                select(findings_t.c.report_id).where(
                    findings_t.c.rule == "S-DEADLINE",
                    findings_t.c.report_id.in_([v[0] for v in stored.values()]),
                )
            )
        )
    overdue = overdue_counts(store, ids, date.today())
    rows: list[UnitRow] = []
    for organ_id, name in members:
        due = DEFAULT_DEADLINES.due(organ_type(name), year)
        draft = drafts.get(organ_id)
        report = stored.get(organ_id)
        if draft is not None:
            # Written here: in time when it was submitted by the deadline.
            when = draft.submitted_at.date() if draft.submitted_at else None
            rows.append(
                UnitRow(
                    organ_id,
                    name,
                    draft.status,
                    due,
                    None if when is None else when <= due,
                    draft.errors,
                    draft.warnings,
                    draft.comment,
                    report[0] if report is not None and draft.status == "published" else None,
                    overdue.get(organ_id),
                )
            )
        elif report is not None:
            rows.append(
                UnitRow(
                    organ_id,
                    name,
                    "published",
                    due,
                    report[0] not in late,
                    report[2],
                    report[3],
                    None,
                    report[0],
                    overdue.get(organ_id),
                )
            )
        else:
            rows.append(
                UnitRow(
                    organ_id, name, "not_started", due, None, None, None, None, None, overdue.get(organ_id)
                )
            )
    return rows


def subtree_applications(store: Store, reviewer: User, year: int) -> tuple[TableValues, int]:
    """表三 summed over the public current reports of the reviewer's units for a year (uploads are only
    checks), and how many reports."""
    ids = sorted(set(reviewer.scope) - {reviewer.organ_id})
    total: TableValues = {}
    with store.engine.connect() as conn:
        reports = [v[0] for v in _latest_public(conn, ids, year).values()]
        sums = conn.execute(
            select(cells_t.c.row, cells_t.c.col, func.sum(cells_t.c.value))
            .where(cells_t.c.tbl == "applications", cells_t.c.report_id.in_(reports))
            .group_by(cells_t.c.row, cells_t.c.col)
        )
        for row, col, value in sums:
            if value is not None:
                total.setdefault(row, {})[col] = round(value)
    counted = len(reports)
    return total, counted


def is_public(store: Store, report_id: int) -> bool:
    """A stored report is public unless it came in through an upload (uploads are for checking)."""
    with store.engine.connect() as conn:
        return conn.scalar(select(uploads_t.c.id).where(uploads_t.c.report_id == report_id).limit(1)) is None


def public_reports(
    store: Store, organ_id: int | None = None
) -> list[tuple[int, str, int | None, str | None]]:
    """(report id, organ, year, title) of every public report, by organ and year."""
    with store.engine.connect() as conn:
        uploaded = set(conn.scalars(select(uploads_t.c.report_id)))
        query = (
            select(
                reports_t.c.id,
                organs_t.c.display_name,
                reports_t.c.year,
                reports_t.c.title,
                reports_t.c.organ_id,
            )
            .join(organs_t, organs_t.c.id == reports_t.c.organ_id)
            .order_by(organs_t.c.name, reports_t.c.year.desc())
        )
        if organ_id is not None:
            query = query.where(reports_t.c.organ_id == organ_id)
        rows = conn.execute(query).all()
    return [(r.id, r.display_name, r.year, r.title) for r in rows if r.id not in uploaded]


def findings_rows(store: Store, reviewer: User, year: int) -> list[dict[str, object]]:
    """One row per finding of the units' current reports for the year (the 公开办's workbook)."""
    out: list[dict[str, object]] = []
    for unit in overview(store, reviewer, year):
        if unit.report_id is not None:
            report = store.report_by_id(unit.report_id)
        else:
            draft = load_draft(store, unit.organ_id, year)
            report = draft.report if draft is not None else None
        if report is None:
            continue
        for f in report.findings:
            out.append(
                {
                    "单位": unit.organ,
                    "状态": unit.status_name,
                    "规则": f.rule,
                    "级别": f.severity,
                    "说明": f.message,
                    "单元格": "、".join(f.cells),
                    "整改意见": unit.comment or "",
                }
            )
    return out

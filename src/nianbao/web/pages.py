"""The server-rendered pages. Each handler reads the request, calls the same functions the CLI and
the API call (web.reports, web.review, analyze, render, show) and fills a template."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from ..analyze import chart as charts
from ..analyze.stats import GROUPINGS, compute_stats, top_organs
from ..editions import resolve
from ..editions.grids import form_grids
from ..model import Report
from ..rules.registry import SEVERITY_NAMES
from ..show import annotated_page, cell_boxes, page_count, pixel_box, png_bytes, unit_scale
from . import reports
from .accounts import AccountError, sign_in, sign_out
from .context import (
    SESSION_COOKIE,
    ReportId,
    render_page,
    require,
    state,
    verify_csrf,
)
from .permissions import Action, User
from .source_view import marks_for, text_lines

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])

# Pixels per PDF point on the report page: an A4 page fits the source panel at its own width.
PAGE_SCALE = 1.1
Reader = Annotated[User, require(Action.READ)]
Uploader = Annotated[User, require(Action.UPLOAD)]
Corrector = Annotated[User, require(Action.CORRECT)]


def _render(request: Request, template: str, status: int = 200, **values: object) -> Response:
    return render_page(request, template, values, status)


# ---- signing in ----------------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request) -> Response:
    return _render(request, "login.html", error=None)


@router.post("/login")
def login(request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    app = state(request)
    try:
        _user, token = sign_in(app.store, name, password, app.policy)
    except AccountError as exc:
        return _render(request, "login.html", status=401, error=str(exc))
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=app.secure_cookies,
        max_age=int(app.policy.absolute_timeout.total_seconds()),
    )
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        sign_out(state(request).store, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/")
def home(request: Request, user: Reader) -> Response:
    return _render(request, "home.html")


# ---- 上传核对 ------------------------------------------------------------------------------------


@router.get("/reports")
def reports_page(request: Request, user: Reader) -> Response:
    rows = reports.visible_reports(state(request).store, user)
    return _render(request, "reports.html", rows=rows, limits=state(request).limits)


@router.post("/reports")
async def upload_page(request: Request, user: Uploader, files: list[UploadFile]) -> Response:
    app = state(request)
    named = [(f.filename or "未命名文件", await f.read()) for f in files if f.filename or f.size]
    if not named:
        raise HTTPException(400, "请选择要上传的报告文件")
    results = reports.upload(app.store, user, named, app.limits)
    return _render(request, "upload_results.html", results=results, severity_names=SEVERITY_NAMES)


def _visible_report(request: Request, user: User, report_id: int) -> Report:
    report = reports.visible_report(state(request).store, user, report_id)
    if report is None:
        raise HTTPException(404, "报告不存在")
    return report


def _source_context(
    request: Request,
    report_id: ReportId,
    report: Report,
    cell: str | None,
    finding: int | None,
    page: int | None,
) -> dict[str, object]:
    store = state(request).store
    marks = marks_for(report, cell, finding)
    if page is not None:
        marks.page = page
    source = reports.source_file(store, report_id)
    values: dict[str, object] = {"marks": marks, "cell": cell, "finding": finding, "kind": "none"}
    if source is None:
        return values
    name, data = source
    pages = page_count(data)
    if pages:
        page = min(max(marks.page or 1, 1), pages)
        scale = unit_scale(data, PAGE_SCALE)
        boxes = [b for b in cell_boxes(report) if b.page == page]
        areas = [(b.path, pixel_box(b.bbox, scale)) for b in boxes]
        chosen = [b.bbox for b in boxes if b.path in marks.cells] + (
            marks.boxes if marks.page == page else []
        )
        focus = min((pixel_box(b, scale)[1] for b in chosen), default=0)
        values.update(kind="pages", pages=pages, page=page, areas=areas, focus=focus)
    else:
        values.update(kind="text", lines=text_lines(data, name, marks.lines))
    return values


def _report_context(
    request: Request, user: User, report_id: ReportId, cell: str | None, finding: int | None, page: int | None
) -> dict[str, object]:
    report = _visible_report(request, user, report_id)
    edition = resolve(report.edition, report.year)
    grids = form_grids(report, edition)
    flagged = {b.path: b.status for b in cell_boxes(report)}
    return {
        "report_id": report_id,
        "report": report,
        "grids": grids,
        "edition": edition,
        "flagged": flagged,
        "severity_names": SEVERITY_NAMES,
        "corrections": reports.corrections(state(request).store, report_id),
        "can_correct": user.can(Action.CORRECT),
        **_source_context(request, report_id, report, cell, finding, page),
    }


@dataclass(frozen=True)
class Pointer:
    """What the source panel points at: a cell, a finding (by its index) or a page."""

    cell: str | None = None
    finding: int | None = None
    page: int | None = None


@router.get("/reports/{report_id}")
def report_page(
    request: Request, user: Reader, report_id: ReportId, at: Annotated[Pointer, Depends()]
) -> Response:
    context = _report_context(request, user, report_id, at.cell, at.finding, at.page)
    return render_page(request, "report.html", context)


@router.get("/reports/{report_id}/source")
def source_fragment(
    request: Request, user: Reader, report_id: ReportId, at: Annotated[Pointer, Depends()]
) -> Response:
    """The source panel alone, for htmx to swap in when a cell or finding is clicked."""
    context = _report_context(request, user, report_id, at.cell, at.finding, at.page)
    return render_page(request, "source.html", context)


@router.get("/reports/{report_id}/pages/{page}.png")
def page_png(
    request: Request,
    user: Reader,
    report_id: ReportId,
    page: Annotated[int, PathParam(ge=1, le=10_000)],
    cell: str | None = None,
    finding: int | None = None,
) -> Response:
    report = _visible_report(request, user, report_id)
    source = reports.source_file(state(request).store, report_id)
    if source is None or not 1 <= page <= page_count(source[1]):
        raise HTTPException(404, "没有这一页")
    marks = marks_for(report, cell, finding)
    boxes = marks.boxes if marks.page == page else []
    image = annotated_page(
        source[1], report, page, PAGE_SCALE, highlight=marks.cells, extra=boxes, values=False
    )
    return Response(
        png_bytes(image), media_type="image/png", headers={"cache-control": "private, max-age=60"}
    )


@router.post("/reports/{report_id}/cells")
def correct_page(
    request: Request,
    user: Corrector,
    report_id: ReportId,
    cell: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
) -> Response:
    _visible_report(request, user, report_id)
    try:
        reports.correct_cell(state(request).store, user, report_id, cell, value)
    except reports.CorrectionRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/reports/{report_id}?cell={cell}", status_code=303)


# ---- 统计 ----------------------------------------------------------------------------------------


@router.get("/stats")
def stats_page(request: Request, user: Reader, by: Annotated[str, Query()] = "year") -> Response:
    if by not in GROUPINGS:
        raise HTTPException(400, "分组方式只能是 region、level、year 或 organ")
    store = state(request).store
    rows = compute_stats(store, [by])
    return _render(request, "stats.html", rows=rows, by=by, groupings=GROUPINGS, top=top_organs(store))


@router.get("/stats/{kind}.png")
def stats_chart(request: Request, user: Reader, kind: str) -> Response:
    store = state(request).store
    draw = {"trend": charts.trend_chart, "outcomes": charts.outcomes_chart}.get(kind)
    if draw is None:
        raise HTTPException(404, "没有这种图表")
    with tempfile.TemporaryDirectory(prefix="nianbao-chart-") as folder:
        out = Path(folder) / "chart.png"
        try:
            draw(store, out)
        except ValueError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(out.read_bytes(), media_type="image/png")

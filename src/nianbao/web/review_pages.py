"""Pages for the report's way: 年报编制 (the clerk), 公开办 (the reviewer) and the public pages."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response
from openpyxl import Workbook
from openpyxl.cell.cell import Cell

from ..carry import blank_report
from ..editions import resolve
from ..editions.grids import form_grids
from ..ledger.store import LedgerStore
from ..render import PdfError, render, render_html
from ..rules.registry import SEVERITY_NAMES
from ..workbook.safe import set_cell
from . import review
from .context import ReportId, render_page, require, state, verify_csrf
from .permissions import Action, User

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
Composer = Annotated[User, require(Action.COMPOSE)]
Reviewer = Annotated[User, require(Action.REVIEW)]
Year = Annotated[int, Query(ge=2008, le=2100)]
FormYear = Annotated[int, Form(ge=2008, le=2100)]
OrganId = Annotated[int, Form(ge=1, le=2_147_483_647)]


# ---- 年报编制 ------------------------------------------------------------------------------------


@router.get("/compose")
def compose_page(request: Request, user: Composer, year: Year | None = None) -> Response:
    chosen = year or review.reporting_year()
    draft = review.load_draft(state(request).store, user.organ_id, chosen)
    has_ledger = bool(LedgerStore(state(request).store).books([user.organ_id]))
    values: dict[str, object] = {
        "year": chosen,
        "draft": draft,
        "severity_names": SEVERITY_NAMES,
        "has_ledger": has_ledger,
    }
    if draft is not None:
        edition = resolve(draft.report.edition, draft.report.year)
        values.update(grids=form_grids(draft.report, edition), edition=edition, report=draft.report)
    return render_page(request, "compose.html", values)


@router.post("/compose/start")
def compose_start(
    request: Request, user: Composer, year: FormYear, start: Annotated[str, Form()] = "blank"
) -> Response:
    try:
        review.start_draft(state(request).store, user, year, start == "last_year", start == "ledger")
    except review.ReviewRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/compose?year={year}", status_code=303)


async def _form_values(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/compose/check")
async def compose_check(request: Request, user: Composer, year: Year) -> Response:
    """The live 勾稽 panel: the form as typed, checked by every rule, nothing saved."""
    report, problems = review.preview(state(request).store, user, year, await _form_values(request))
    values = {"report": report, "problems": problems, "severity_names": SEVERITY_NAMES}
    return render_page(request, "compose_checks.html", values)


@router.post("/compose/save")
async def compose_save(request: Request, user: Composer, year: Year) -> Response:
    form = await _form_values(request)
    try:
        _draft, problems = review.save_draft(state(request).store, user, year, form)
        if form.get("action") == "submit":
            if problems:
                raise review.ReviewRefused("；".join(problems))
            review.submit_draft(state(request).store, user, year)
    except review.ReviewRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/compose?year={year}", status_code=303)


_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


@router.get("/compose/{year}.{fmt}")
def compose_download(
    request: Request, user: Composer, year: Annotated[int, PathParam(ge=2008, le=2100)], fmt: str
) -> Response:
    """The draft as DOCX, PDF or HTML in the official form (marked 草稿 while it has errors)."""
    if fmt not in _MEDIA:
        raise HTTPException(404, "没有这种格式")
    draft = review.load_draft(state(request).store, user.organ_id, year)
    if draft is None:
        raise HTTPException(404, "还没有开始编制这一年度的报告")
    has_errors = any(f.severity == "error" for f in draft.report.findings)
    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as folder:
        out = Path(folder) / f"report.{fmt}"
        try:
            render(draft.report, fmt, out, draft=has_errors)
        except PdfError as exc:
            raise HTTPException(503, f"无法生成 PDF：{exc}") from None
        body = out.read_bytes()
    name = f"{year}年度政府信息公开工作年度报告.{fmt}"
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{_quote(name)}"}
    return Response(body, media_type=_MEDIA[fmt], headers=headers)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# ---- 公开办 --------------------------------------------------------------------------------------


@router.get("/office")
def office_page(request: Request, user: Reviewer, year: Year | None = None) -> Response:
    chosen = year or review.reporting_year()
    store = state(request).store
    rows = review.overview(store, user, chosen)
    table, counted = review.subtree_applications(store, user, chosen)
    summed = blank_report(user.organ, chosen)
    summed.tables = {"applications": table}
    grids = form_grids(summed, resolve(summed.edition, chosen))
    return render_page(
        request,
        "office.html",
        {"year": chosen, "rows": rows, "summed": grids["s3_requests"], "counted": counted, "table": table},
    )


@router.post("/office/return")
def office_return(
    request: Request, user: Reviewer, organ_id: OrganId, year: FormYear, comment: Annotated[str, Form()] = ""
) -> Response:
    try:
        review.return_draft(state(request).store, user, organ_id, year, comment)
    except review.ReviewRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/office?year={year}", status_code=303)


@router.post("/office/publish")
def office_publish(request: Request, user: Reviewer, organ_id: OrganId, year: FormYear) -> Response:
    try:
        review.publish_draft(state(request).store, user, organ_id, year)
    except review.ReviewRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/office?year={year}", status_code=303)


@router.get("/office/{year}/findings.xlsx")
def office_findings(
    request: Request, user: Reviewer, year: Annotated[int, PathParam(ge=2008, le=2100)]
) -> Response:
    rows = review.findings_rows(state(request).store, user, year)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题清单"
    columns = ["单位", "状态", "规则", "级别", "说明", "单元格", "整改意见"]
    sheet.append(columns)
    for index, row in enumerate(rows, start=2):
        for col, name in enumerate(columns, start=1):
            cell = sheet.cell(index, col)
            assert isinstance(cell, Cell)
            _text_cell(cell, row[name])
    buffer = io.BytesIO()
    book.save(buffer)
    name = _quote(f"{year}年度下级单位年报问题清单.xlsx")
    return Response(
        buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"content-disposition": f"attachment; filename*=UTF-8''{name}"},
    )


def _text_cell(cell: Cell, value: object) -> None:
    """Text from reports stays text: a value like `=cmd|' /C calc'!A0` is never evaluated (workbook.safe)."""
    set_cell(cell, "" if value is None else str(value))


# ---- public pages ---------------------------------------------------------------------------------


@router.get("/public")
def public_index(request: Request) -> Response:
    return render_page(
        request, "public.html", {"rows": review.public_reports(state(request).store), "organ": None}
    )


@router.get("/public/{organ_id}")
def public_organ(request: Request, organ_id: Annotated[int, PathParam(ge=1, le=2_147_483_647)]) -> Response:
    rows = review.public_reports(state(request).store, organ_id)
    if not rows:
        raise HTTPException(404, "该机关没有已发布的年度报告")
    return render_page(request, "public.html", {"rows": rows, "organ": rows[0][1]})


@router.get("/public/reports/{report_id}")
def public_report(request: Request, report_id: ReportId) -> Response:
    store = state(request).store
    report = store.report_by_id(report_id)
    if report is None or not review.is_public(store, report_id):
        raise HTTPException(404, "报告不存在")
    # The rendered report carries its own print stylesheet inline; scripts stay forbidden.
    policy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    return Response(
        render_html(report),
        media_type="text/html; charset=utf-8",
        headers={"content-security-policy": policy},
    )

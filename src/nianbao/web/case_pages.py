"""Pages of the 依申请公开台账: the case list of one organ (filters, due dates, working days left,
overdue in red), a case with its timeline and the derivation of its deadline, forms for new cases and
events, the 文书, import and export of the 台账 file; and the public application form with its 查询号.
Each handler calls `web.cases` (which calls the ledger's API) and fills a template."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from ..editions import edition_for_year
from ..editions.outcomes import outcome_label, outcome_rows
from ..ledger.sheet import build_workbook, write_csv
from ..ledger.words import (
    ACTIVE_CHANNELS,
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANT_TYPES,
    CHANNELS,
    CONSULTED,
    EVENTS,
    FEE_METHODS,
    STATES,
)
from . import cases, registers
from .context import render_page, require, state, verify_csrf
from .permissions import Action, User

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
CaseReader = Annotated[User, require(Action.CASES_READ)]
CaseWriter = Annotated[User, require(Action.CASES_WRITE)]
CaseId = Annotated[int, PathParam(ge=1, le=2_147_483_647)]
OrganQuery = Annotated[int | None, Query(ge=1, le=2_147_483_647)]
OrganForm = Annotated[int, Form(ge=1, le=2_147_483_647)]
STATE_FILTERS = {**STATES, "overdue": "已超期"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def today() -> date:
    return date.today()


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


def _book(request: Request, user: User, organ_id: int | None) -> cases.Book | None:
    """The ledger asked for (default: the user's own organ's); None when the user's own organ has none
    yet; 404 for one outside the user's scope."""
    store = state(request).store
    chosen = organ_id or user.organ_id
    try:
        return cases.open_book(store, user, chosen)
    except cases.NotFound:
        if organ_id is None:
            return None
        raise HTTPException(404, "台账不存在") from None


def _form_choices() -> dict[str, object]:
    year = today().year
    return {
        "applicant_types": APPLICANT_TYPES,
        "channels": CHANNELS,
        "events": EVENTS,
        "consulted": CONSULTED,
        "fee_methods": FEE_METHODS,
        "outcomes": [(r.key, outcome_label(r.key)) for r in outcome_rows(edition_for_year(year))],
    }


@router.get("/cases")
def case_list(
    request: Request,
    user: CaseReader,
    organ_id: OrganQuery = None,
    status: Annotated[str | None, Query(max_length=30)] = None,
    year: Annotated[int | None, Query(ge=2008, le=2100)] = None,
) -> Response:
    store = state(request).store
    chosen = status if status in STATE_FILTERS else None
    book = _book(request, user, organ_id)
    rows = cases.case_rows(book, today(), chosen, year) if book is not None else []
    years = sorted({c.received_on.year for c in book.ledger.cases}, reverse=True) if book else []
    values = {
        "book": book,
        "rows": rows,
        "books": cases.books_in_scope(store, user),
        "status": chosen,
        "year": year,
        "years": years,
        "filters": STATE_FILTERS,
        "writable": book is not None and cases.can_write(user, book.organ_id),
        "today": today(),
        **_form_choices(),
    }
    return render_page(request, "cases.html", values)


@router.post("/cases/book")
def create_book(
    request: Request, user: CaseWriter, opening_year: Annotated[int, Form(ge=2008, le=2100)]
) -> Response:
    try:
        cases.create_book(state(request).store, user, opening_year)
    except cases.NotFound:
        raise HTTPException(404, "台账不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse("/cases", status_code=303)


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/cases/new")
async def create_case(request: Request, user: CaseWriter) -> Response:
    fields = await _fields(request)
    try:
        organ_id = int(fields.get("organ_id") or user.organ_id)
        case_id = cases.new_case(state(request).store, user, organ_id, fields, today())
    except (ValueError, cases.NotFound) as exc:
        if isinstance(exc, cases.CaseRefused):
            raise HTTPException(400, str(exc)) from None
        raise HTTPException(404, "台账不存在") from None
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/import")
async def import_cases(request: Request, user: CaseWriter, organ_id: OrganForm, file: UploadFile) -> Response:
    data = await file.read()
    if not data:
        raise HTTPException(400, "请选择要导入的台账文件（XLSX 或 CSV）")
    try:
        added = cases.import_sheet(
            state(request).store, user, organ_id, file.filename or "台账", data, today()
        )
    except cases.NotFound:
        raise HTTPException(404, "台账不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/cases?organ_id={organ_id}&imported={added}", status_code=303)


@router.get("/cases/export.{fmt}")
def export_cases(request: Request, user: CaseReader, fmt: str, organ_id: OrganQuery = None) -> Response:
    """The 台账 as XLSX or CSV in the template's columns (text that looks like a formula stays text)."""
    if fmt not in ("xlsx", "csv"):
        raise HTTPException(404, "没有这种格式")
    book = _book(request, user, organ_id)
    if book is None:
        raise HTTPException(404, "台账不存在")
    rows = list(book.ledger.statuses(today()))
    name = f"{book.organ}依申请公开台账.{fmt}"
    if fmt == "csv":
        body = write_csv(rows).encode("utf-8-sig")
        return Response(body, media_type="text/csv; charset=utf-8", headers=_attachment(name))
    import io

    buffer = io.BytesIO()
    build_workbook(rows, f"{book.organ} 政府信息公开申请办理台账").save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX, headers=_attachment(name))


@router.get("/cases/{case_id}")
def case_page(request: Request, user: CaseReader, case_id: CaseId) -> Response:
    try:
        found = cases.view(state(request).store, user, case_id, today())
    except cases.NotFound:
        raise HTTPException(404, "申请不存在") from None
    values = {
        "v": found,
        "writable": cases.can_write(user, found.book.organ_id),
        "approves": user.can(Action.APPROVE),
        "today": today(),
        **_form_choices(),
    }
    return render_page(request, "case.html", values)


@router.post("/cases/{case_id}/events")
async def add_event(request: Request, user: CaseWriter, case_id: CaseId) -> Response:
    fields = await _fields(request)
    try:
        cases.add_event(state(request).store, user, case_id, fields, today())
    except cases.NotFound:
        raise HTTPException(404, "申请不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.get("/cases/{case_id}/letters/{kind}.docx")
def letter(request: Request, user: CaseWriter, case_id: CaseId, kind: str) -> Response:
    try:
        name, body = cases.letter(state(request).store, user, case_id, kind, today())
    except cases.NotFound:
        raise HTTPException(404, "申请或文书不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return Response(body, media_type=DOCX, headers=_attachment(name))


# ---- the public form -----------------------------------------------------------------------------


@router.get("/public/apply")
def apply_form(request: Request, organ_id: OrganQuery = None) -> Response:
    organs = cases.public_organs(state(request).store)
    values = {"organs": organs, "chosen": organ_id, "applicant_types": APPLICANT_TYPES, "error": None}
    return render_page(request, "public_apply.html", values)


@router.post("/public/apply")
async def apply(request: Request) -> Response:
    fields = await _fields(request)
    store = state(request).store
    organs = cases.public_organs(store)
    try:
        organ_id = int(fields.get("organ_id") or 0)
        code, found = cases.apply_online(store, organ_id, fields, today())
    except (ValueError, cases.NotFound) as exc:
        message = str(exc) if isinstance(exc, cases.CaseRefused) else "请选择受理机关"
        values = {
            "organs": organs,
            "chosen": None,
            "applicant_types": APPLICANT_TYPES,
            "error": message,
            "given": fields,
        }
        return render_page(request, "public_apply.html", values, status=400)
    return render_page(request, "public_status.html", {"code": code, "found": found, "created": True})


@router.get("/public/status")
def public_status(request: Request, code: Annotated[str, Query(max_length=40)] = "") -> Response:
    found = cases.public_status(state(request).store, code, today()) if code.strip() else None
    values = {"code": code, "found": found, "created": False, "asked": bool(code.strip())}
    return render_page(
        request, "public_status.html", values, status=404 if code.strip() and not found else 200
    )


# ---- 主动公开 and 复议/诉讼 registers ------------------------------------------------------------------


@router.get("/registers")
def registers_page(request: Request, user: CaseReader, organ_id: OrganQuery = None) -> Response:
    book = _book(request, user, organ_id)
    values = {
        "book": book,
        "books": cases.books_in_scope(state(request).store, user),
        "writable": book is not None and cases.can_write(user, book.organ_id),
        "active": sorted(book.ledger.active, key=lambda i: i.published_on, reverse=True) if book else [],
        "appeals": sorted(book.ledger.appeals, key=lambda a: a.filed_on, reverse=True) if book else [],
        "active_channels": ACTIVE_CHANNELS,
        "document_rows": registers.DOCUMENT_ROWS,
        "appeal_kinds": APPEAL_KINDS,
        "appeal_results": APPEAL_RESULTS,
        "today": today(),
    }
    return render_page(request, "registers.html", values)


@router.post("/registers/active")
async def add_active(request: Request, user: CaseWriter) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "channels"}
    channels = [v for v in form.getlist("channels") if isinstance(v, str)]
    try:
        organ_id = int(fields.get("organ_id") or user.organ_id)
        registers.add_active(state(request).store, user, organ_id, fields, channels, today())
    except (ValueError, cases.NotFound) as exc:
        if isinstance(exc, cases.CaseRefused):
            raise HTTPException(400, str(exc)) from None
        raise HTTPException(404, "台账不存在") from None
    return RedirectResponse(f"/registers?organ_id={organ_id}", status_code=303)


@router.post("/registers/appeals")
async def add_appeal(request: Request, user: CaseWriter) -> Response:
    fields = await _fields(request)
    try:
        organ_id = int(fields.pop("organ_id", "") or user.organ_id)
        registers.add_appeal(state(request).store, user, organ_id, fields, today())
    except (ValueError, cases.NotFound) as exc:
        if isinstance(exc, cases.CaseRefused):
            raise HTTPException(400, str(exc)) from None
        raise HTTPException(404, "台账不存在") from None
    return RedirectResponse(f"/registers?organ_id={organ_id}", status_code=303)

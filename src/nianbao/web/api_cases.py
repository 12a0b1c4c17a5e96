"""The JSON API of the 依申请公开台账, as the pages do it: the cases of a ledger in the user's scope
(with their computed state and deadline), one case with its events and the derivation of its deadline,
a new case, a new event. Scope as on the pages: another organ's case answers 404."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from ..ledger import Case
from . import cases
from .api import ERRORS
from .context import require, state, verify_csrf
from .permissions import Action, User

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(verify_csrf)], responses=ERRORS)
CaseReader = Annotated[User, require(Action.CASES_READ)]
CaseWriter = Annotated[User, require(Action.CASES_WRITE)]
CaseId = Annotated[int, PathParam(ge=1, le=2_147_483_647)]
StateFilter = Literal["open", "awaiting_correction", "consulting", "awaiting_payment", "concluded", "overdue"]


class CaseOut(BaseModel):
    id: int
    number: str
    applicant: str
    applicant_type: str
    channel: str
    received_on: date
    state: str = Field(description="open 办理中 · awaiting_correction 待补正 · consulting 征求意见中 · …")
    due: date | None = Field(description="答复期限（办结的为办结时适用的期限）")
    days_left: int | None = Field(description="剩余工作日；负数为已超期的工作日数")
    overdue: bool
    provisional: bool = Field(description="期限所依据的节假日安排尚未公布")
    concluded_on: date | None
    outcome: str | None


class CaseDetailOut(BaseModel):
    organ_id: int
    organ: str
    summary: CaseOut
    case: Case
    explanation: list[str] = Field(description="答复期限的计算过程")
    warnings: list[str]


class CaseIn(BaseModel):
    organ_id: int | None = Field(None, ge=1, le=2_147_483_647, description="默认本机关")
    number: str = Field("", max_length=60, description="编号；留空按年份自动编号")
    applicant: str = Field(min_length=1, max_length=200)
    applicant_type: str = Field(max_length=40, description="自然人、商业企业、科研机构……")
    channel: str = Field("网络", max_length=10, description="当面、邮寄、网络、传真、其他")
    received_on: str = Field(max_length=20, description="收到日期，如 2025-03-03")
    request: str = Field("", max_length=5000)
    identity: str = Field("", max_length=40, description="身份证号或统一社会信用代码（只保存加密摘要）")
    contact: str = Field("", max_length=200)


class EventIn(BaseModel):
    kind: str = Field(max_length=40, description="事件：补正告知、补正收到、征求意见开始……或其键")
    on: str = Field(max_length=20, description="事件日期")
    deadline: str | None = Field(None, max_length=20)
    items: str | None = Field(None, max_length=500)
    party: str | None = Field(None, max_length=20)
    addressee: str | None = Field(None, max_length=200)
    notified_on: str | None = Field(None, max_length=20)
    working_days: int | None = Field(None, ge=1, le=20)
    amount_yuan: str | None = Field(None, max_length=20)
    method: str | None = Field(None, max_length=20)
    units: int | None = Field(None, ge=1, le=1_000_000)
    outcome: str | None = Field(None, max_length=100)
    legal_basis: str | None = Field(None, max_length=500)
    note: str | None = Field(None, max_length=2000)


def _summary(row: cases.CaseRow) -> CaseOut:
    return CaseOut.model_validate(row, from_attributes=True)


def _detail(request: Request, user: User, case_id: int) -> CaseDetailOut:
    try:
        found = cases.view(state(request).store, user, case_id, date.today())
    except cases.NotFound:
        raise HTTPException(404, "申请不存在") from None
    return CaseDetailOut(
        organ_id=found.book.organ_id,
        organ=found.book.organ,
        summary=_summary(found.row),
        case=found.case,
        explanation=found.explanation,
        warnings=found.status.warnings,
    )


@router.get("/cases", response_model=list[CaseOut])
def list_cases(
    request: Request,
    user: CaseReader,
    organ_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    status: StateFilter | None = None,
    year: Annotated[int | None, Query(ge=2008, le=2100)] = None,
) -> list[CaseOut]:
    """一个机关台账中的申请（默认本机关），含状态、答复期限、剩余工作日、是否超期。"""
    try:
        book = cases.open_book(state(request).store, user, organ_id or user.organ_id)
    except cases.NotFound:
        raise HTTPException(404, "台账不存在") from None
    return [_summary(r) for r in cases.case_rows(book, date.today(), status, year)]


@router.post("/cases", response_model=CaseDetailOut, status_code=201, responses={400: ERRORS[400]})
def create_case(request: Request, user: CaseWriter, body: CaseIn) -> CaseDetailOut:
    """登记一件申请（编号留空时按年份自动编号）。"""
    fields: dict[str, Any] = body.model_dump()
    try:
        case_id = cases.new_case(
            state(request).store, user, body.organ_id or user.organ_id, fields, date.today()
        )
    except cases.NotFound:
        raise HTTPException(404, "台账不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return _detail(request, user, case_id)


@router.get("/cases/{case_id}", response_model=CaseDetailOut)
def get_case(request: Request, user: CaseReader, case_id: CaseId) -> CaseDetailOut:
    """一件申请：全部事件、计算出的状态和答复期限及其计算过程。"""
    return _detail(request, user, case_id)


@router.post("/cases/{case_id}/events", response_model=CaseDetailOut, status_code=201)
def add_event(request: Request, user: CaseWriter, case_id: CaseId, body: EventIn) -> CaseDetailOut:
    """记录一个办理事项；延期答复和答复须由负责人账户记录。"""
    fields = {k: "" if v is None else str(v) for k, v in body.model_dump().items()}
    try:
        cases.add_event(state(request).store, user, case_id, fields, date.today())
    except cases.NotFound:
        raise HTTPException(404, "申请不存在") from None
    except cases.CaseRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return _detail(request, user, case_id)

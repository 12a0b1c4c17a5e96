"""The JSON API for the report's way, as the pages do it: the organ's draft (start, edit, submit) and
the 公开办's units (list, return with 整改意见, publish)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from ..model import Report
from . import review
from .api import ERRORS
from .context import require, state, verify_csrf
from .permissions import Action, User

CONFLICT: dict[int | str, dict[str, Any]] = {409: {"description": "报告的状态不允许这一步"}}
router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(verify_csrf)], responses=ERRORS)
Composer = Annotated[User, require(Action.COMPOSE)]
Reviewer = Annotated[User, require(Action.REVIEW)]
Year = Annotated[int, PathParam(ge=2008, le=2100)]
OrganId = Annotated[int, PathParam(ge=1, le=2_147_483_647)]


class DraftOut(BaseModel):
    organ_id: int
    year: int
    status: str = Field(description="draft 草稿 · submitted 已报送 · returned 退回 · published 已发布")
    comment: str | None = Field(description="公开办的整改意见（退回时）")
    submitted_at: datetime | None
    updated_by: str
    updated_at: datetime
    report: Report


class DraftStart(BaseModel):
    from_last_year: bool = Field(False, description="从上年报告开始（结转上年结转件数、现行有效件数和正文）")
    from_ledger: bool = Field(
        False, description="由本机关台账计算表二、表三、表四和正文（优先于 from_last_year）"
    )


class DraftEdit(BaseModel):
    cells: dict[str, str] = Field(
        default_factory=dict, description="单元格路径 → 数值文字（空字符串为空白）", max_length=500
    )
    sections: dict[str, str] = Field(
        default_factory=dict, description="章节键（s1_overview…）→ 正文", max_length=6
    )


class UnitOut(BaseModel):
    organ_id: int
    organ: str
    status: str
    due: date
    on_time: bool | None
    errors: int | None
    warnings: int | None
    comment: str | None
    report_id: int | None
    overdue_cases: int | None = Field(description="台账中已超过答复期限仍未办结的申请数（无台账为空）")


class ReturnIn(BaseModel):
    comment: str = Field(min_length=1, max_length=5000, description="整改意见")


class Published(BaseModel):
    report_id: int


def _utc(moment: datetime | None) -> datetime | None:
    # Stored naive in UTC (both databases alike); the API says so, as RFC 3339 requires.
    return None if moment is None else moment.replace(tzinfo=UTC)


def _draft_out(draft: review.Draft) -> DraftOut:
    return DraftOut(
        organ_id=draft.organ_id,
        year=draft.year,
        status=draft.status,
        comment=draft.comment,
        submitted_at=_utc(draft.submitted_at),
        updated_by=draft.updated_by,
        updated_at=draft.updated_at.replace(tzinfo=UTC),
        report=draft.report,
    )


def _refused(exc: review.ReviewRefused) -> HTTPException:
    return HTTPException(409, str(exc))


@router.get("/drafts/{year}", response_model=DraftOut, responses=CONFLICT)
def get_draft(request: Request, user: Composer, year: Year) -> DraftOut:
    """本机关某一年度的年报草稿（含核对结果）。"""
    draft = review.load_draft(state(request).store, user.organ_id, year)
    if draft is None:
        raise HTTPException(404, "还没有开始编制这一年度的报告")
    return _draft_out(draft)


@router.post("/drafts/{year}", response_model=DraftOut, status_code=201, responses=CONFLICT)
def start_draft(request: Request, user: Composer, year: Year, body: DraftStart) -> DraftOut:
    """开始编制：从空白或上年报告开始（已开始的返回现有草稿）。"""
    try:
        return _draft_out(
            review.start_draft(state(request).store, user, year, body.from_last_year, body.from_ledger)
        )
    except review.ReviewRefused as exc:
        raise _refused(exc) from None


@router.put("/drafts/{year}", response_model=DraftOut, responses=CONFLICT)
def edit_draft(request: Request, user: Composer, year: Year, body: DraftEdit) -> DraftOut:
    """修改单元格和正文并保存，重新运行全部规则；填写不是数值的单元格返回 400。"""
    form = {f"cell:{k}": v for k, v in body.cells.items()}
    form.update({f"section:{k}": v for k, v in body.sections.items()})
    try:
        draft, problems = review.save_draft(state(request).store, user, year, form)
    except review.ReviewRefused as exc:
        raise _refused(exc) from None
    if problems:
        raise HTTPException(400, "；".join(problems))
    return _draft_out(draft)


@router.post("/drafts/{year}/submit", response_model=DraftOut, responses=CONFLICT)
def submit_draft(request: Request, user: Composer, year: Year) -> DraftOut:
    """报送公开办（有错误时拒绝）。"""
    try:
        return _draft_out(review.submit_draft(state(request).store, user, year))
    except review.ReviewRefused as exc:
        raise _refused(exc) from None


@router.get("/office/{year}", response_model=list[UnitOut])
def office_units(request: Request, user: Reviewer, year: Year) -> list[UnitOut]:
    """所属单位该年度报告的状态、是否按期、错误和警告数。"""
    rows = review.overview(state(request).store, user, year)
    return [UnitOut.model_validate(row, from_attributes=True) for row in rows]


@router.post("/office/{year}/{organ_id}/return", status_code=204, responses=CONFLICT)
def return_report(request: Request, user: Reviewer, year: Year, organ_id: OrganId, body: ReturnIn) -> None:
    """退回已报送的报告并写明整改意见。"""
    try:
        review.return_draft(state(request).store, user, organ_id, year, body.comment)
    except review.ReviewRefused as exc:
        raise _refused(exc) from None


@router.post(
    "/office/{year}/{organ_id}/publish",
    response_model=Published,
    responses={409: {"description": "状态不允许"}},
)
def publish_report(request: Request, user: Reviewer, year: Year, organ_id: OrganId) -> Published:
    """通过并发布已报送的报告（入库，出现在统计和公开页面）。"""
    try:
        return Published(report_id=review.publish_draft(state(request).store, user, organ_id, year))
    except review.ReviewRefused as exc:
        raise _refused(exc) from None

"""The JSON API: what the pages do, for scripts (bearer token from `nianbao user token`) and for the
browser (session cookie plus the CSRF header). OpenAPI at /openapi.json."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile
from pydantic import BaseModel, Field

from ..model import Report
from . import reports
from .context import ReportId, require, state, verify_csrf
from .permissions import Action, User

ERRORS: dict[int | str, dict[str, object]] = {
    400: {"description": "请求内容有误"},
    401: {"description": "需要登录或有效的令牌"},
    403: {"description": "无权进行此操作或 CSRF 令牌无效"},
    404: {"description": "不存在，或不在本账户的范围内"},
    413: {"description": "上传内容超过大小限制"},
    422: {"description": "文件无法读取，或参数不符合要求"},
}

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(verify_csrf)], responses=ERRORS)


class Problem(BaseModel):
    detail: str


class StoredReportOut(BaseModel):
    id: int
    filename: str
    report: Report


class ReportListItem(BaseModel):
    id: int
    organ: str | None
    year: int | None
    edition: str | None
    filename: str
    errors: int
    warnings: int


class CorrectionIn(BaseModel):
    cell: str = Field(max_length=160, description="单元格路径，如 applications.new_received.total")
    value: str = Field(max_length=30, description="新的数值；空字符串表示空白")


def _report_out(request: Request, user: User, report_id: int) -> StoredReportOut:
    report = reports.visible_report(state(request).store, user, report_id)
    if report is None:
        raise HTTPException(404, "报告不存在")
    return StoredReportOut(id=report_id, filename=report.source.path, report=report)


@router.post("/reports", status_code=201, response_model=StoredReportOut)
async def upload_report(
    request: Request, user: Annotated[User, require(Action.UPLOAD)], file: UploadFile
) -> StoredReportOut:
    """上传一份报告（任何支持的格式，按内容识别），读取、核对并保存；返回报告契约（表格、问题）。"""
    app = state(request)
    data = await file.read()
    if not data:
        raise HTTPException(422, "文件为空")
    results = reports.upload(app.store, user, [(file.filename or "未命名文件", data)], app.limits)
    if len(results) != 1:
        raise HTTPException(422, "请一次上传一份报告（压缩包请用网页上传）")
    result = results[0]
    if result.report_id is None:
        raise HTTPException(422, result.error or "文件无法读取")
    return _report_out(request, user, result.report_id)


@router.get("/reports", response_model=list[ReportListItem])
def list_reports(request: Request, user: Annotated[User, require(Action.READ)]) -> list[ReportListItem]:
    """本账户范围内的全部报告（新上传的在前）。"""
    rows = reports.visible_reports(state(request).store, user)
    return [ReportListItem.model_validate(row, from_attributes=True) for row in rows]


@router.get("/reports/{report_id}", response_model=StoredReportOut)
def get_report(
    request: Request, user: Annotated[User, require(Action.READ)], report_id: ReportId
) -> StoredReportOut:
    """一份报告的契约 JSON（含全部单元格、出处和问题）。"""
    return _report_out(request, user, report_id)


@router.post("/reports/{report_id}/corrections", response_model=StoredReportOut)
def correct(
    request: Request,
    user: Annotated[User, require(Action.CORRECT)],
    report_id: ReportId,
    body: CorrectionIn,
) -> StoredReportOut:
    """更正一个读错的单元格（保留原值、更正人和时间），重新运行全部规则。"""
    store = state(request).store
    if not reports.visible(store, user, report_id):
        raise HTTPException(404, "报告不存在")
    try:
        reports.correct_cell(store, user, report_id, body.cell, body.value)
    except reports.CorrectionRefused as exc:
        raise HTTPException(400, str(exc)) from None
    return _report_out(request, user, report_id)

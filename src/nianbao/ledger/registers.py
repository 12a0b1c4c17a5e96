"""The registers beside the cases: 主动公开 items (with 规章 and 行政规范性文件 made and repealed), figures
entered per period (许可/处罚/强制 decisions, 收费 amounts, item counts), and 复议/诉讼 cases (表四)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ActiveChannel = Literal["website", "weibo", "wechat", "app", "bulletin", "newspaper", "other"]
# 公开属性 of a document: 主动公开, 依申请公开, 不予公开 (only 主动公开 items are counted in §2).
Disclosure = Literal["active", "on_request", "not_disclosed"]
DocumentRow = Literal["regulations", "normative_docs"]
FigureRow = Literal[
    "licensing", "other_mgmt_services", "punishment", "coercion", "admin_fees", "central_procurement"
]
# decisions: 处理决定 made in the period; items: 事项 count at the period's end (E2019 prev/delta);
# amount_yuan: 收费 or 采购 money in 元; proc_items: 采购项目 in the period.
Measure = Literal["decisions", "items", "amount_yuan", "proc_items"]
AppealKind = Literal["review", "lit_direct", "lit_after_review"]
AppealResult = Literal["upheld", "corrected", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActiveItem(_Model):
    """One piece of information published on the organ's own initiative (条例第二十条、第二十六条)."""

    number: str
    title: str
    doc_number: str = ""  # 文号
    article20_item: int = Field(ge=1, le=15)  # 第二十条第（N）项
    published_on: date
    channels: tuple[ActiveChannel, ...] = ("website",)
    disclosure: Disclosure = "active"
    secrecy_reviewed: bool = False  # 保密审查
    # A 规章 or 行政规范性文件 (第二十条第（一）项): made on `published_on`, in force until repealed.
    document_row: DocumentRow | None = None
    repealed_on: date | None = None

    @model_validator(mode="after")
    def _repeal_after_making(self) -> ActiveItem:
        if self.repealed_on is not None and (
            self.document_row is None or self.repealed_on < self.published_on
        ):
            raise ValueError("只有规章、行政规范性文件有废止日期，且不早于制发日期")
        return self


class Figure(_Model):
    """A number entered for a period within one year (often imported from 执法/双公示 systems)."""

    row: FigureRow
    measure: Measure
    start: date
    end: date
    value: Decimal = Field(ge=0)

    @model_validator(mode="after")
    def _one_year(self) -> Figure:
        if self.end < self.start or self.start.year != self.end.year:
            raise ValueError("期间须在同一年内，且结束日期不早于开始日期")
        return self


class Appeal(_Model):
    """A 行政复议 or 行政诉讼 in which the organ is 被申请人/被告 over disclosure (表四)."""

    number: str
    kind: AppealKind
    filed_on: date
    case_number: str | None = None  # the application it is about, when in the ledger
    result: AppealResult | None = None
    decided_on: date | None = None

    @model_validator(mode="after")
    def _decided_with_result(self) -> Appeal:
        if (self.result is None) != (self.decided_on is None):
            raise ValueError("审结结果与审结日期须同时填写")
        if self.decided_on is not None and self.decided_on < self.filed_on:
            raise ValueError("审结日期早于立案日期")
        return self


class OpeningBalance(_Model):
    """What the ledger cannot know from its own entries in its first year: documents in force before
    it began (per 表二 row) and the 事项 counts at the end of the previous year."""

    valid_documents: dict[DocumentRow, int] = Field(default_factory=dict)
    items: dict[FigureRow, int] = Field(default_factory=dict)


class IssuedDocument(_Model):
    """A 文书 given its 文号: the number stays the document's once issued."""

    kind: str
    case_number: str
    year: int
    seq: int = Field(ge=1)
    number: str


class PublicQuery(_Model):
    """The 查询号 an applicant follows a case by (the public status page shows only the case's state
    and dates): a random code, never derived from the case or the applicant."""

    code: str
    case_number: str

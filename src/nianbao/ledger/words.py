"""The words the ledger shows people for its own keys (channels, states, events). Form labels —
outcomes, applicant types, 表四 groups and results — are not here: they come from the edition data."""

from __future__ import annotations

from ..editions.common import APPLICANT_COLUMNS, REVIEW_TABLE

# 条例第二十九条、第三十一条: how an application arrived (it decides how its receipt date is fixed).
CHANNELS = {"in_person": "当面", "post": "邮寄", "online": "网络", "fax": "传真", "other": "其他"}

STATES = {
    "open": "办理中",
    "awaiting_correction": "待补正",
    "consulting": "征求意见中",
    "awaiting_payment": "待缴费",
    "concluded": "已办结",
}

EVENTS = {
    "correction_requested": "补正告知",
    "correction_received": "补正收到",
    "consultation_started": "征求意见开始",
    "consultation_ended": "征求意见结束",
    "extended": "延期答复",
    "fee_notified": "收费通知",
    "fee_paid": "缴费",
    "replied": "答复",
    "withdrawn": "撤回申请",
}

CONSULTED = {"third_party": "第三方", "other_organ": "其他机关"}

FEE_METHODS = {"per_piece": "按件计收", "per_volume": "按量计收"}

# 主动公开 channels (§2 prose: “其中政府网站N条、政务微博N条…”).
ACTIVE_CHANNELS = {
    "website": "政府网站",
    "weibo": "政务微博",
    "wechat": "政务微信",
    "app": "政务新媒体客户端",
    "bulletin": "公开栏",
    "newspaper": "报刊",
    "other": "其他渠道",
}

APPLICANT_TYPES = {c.key: c.label for c in APPLICANT_COLUMNS if c.key != "total"}
APPEAL_KINDS = {g.key: g.label for g in REVIEW_TABLE.groups}
APPEAL_RESULTS = {c.key: c.label for c in REVIEW_TABLE.columns if c.key not in ("pending", "total")}

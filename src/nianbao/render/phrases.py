"""The fixed sentences a generated report prints around the user's own text (our own wording)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..chinese.dates import chinese_day
from ..model import Contact, Fee

PERIOD_WORD = "统计期限"
NOTHING = "无。"
DRAFT = "草稿"
DRAFT_NOTE = "草稿：本文件的数据未通过核对，不得作为正式报告发布。"


def legal_basis(notice_number: str) -> str:
    return f"本报告根据《中华人民共和国政府信息公开条例》和{notice_number}要求编制。"


def period_sentence(start: date, end: date) -> str:
    return f"本报告所列数据的{PERIOD_WORD}为{chinese_day(start)}至{chinese_day(end)}。"


def contact_sentence(contact: Contact) -> str:
    parts: list[str] = []
    if contact.address:
        parts.append(f"地址：{contact.address}")
    if contact.postcode:
        parts.append(f"邮编：{contact.postcode}")
    if contact.phone:
        parts.append("电话：" + "、".join(contact.phone))
    if contact.fax:
        parts.append("传真：" + "、".join(contact.fax))
    if contact.email:
        parts.append("电子邮箱：" + "、".join(contact.email))
    out = ""
    if contact.url:
        out += f"本报告电子版可在{contact.url[0]}查阅。"
    if parts:
        out += "如对本报告有疑问，请与本机关联系（" + "；".join(parts) + "）。"
    return out


def _money(amount: Decimal) -> str:
    return format(amount, "f")


def fee_sentence(fee: Fee | None) -> str:
    if fee is None or not fee.charged:
        return "本年度未收取政府信息公开信息处理费。"
    text = "本年度收取政府信息公开信息处理费"
    if fee.cases is not None:
        text += f"{fee.cases}件"
    if fee.amount_yuan is not None:
        text += f"，共{_money(fee.amount_yuan)}元"
    return text + "。"

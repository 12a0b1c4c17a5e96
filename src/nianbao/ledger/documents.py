"""The 文书 of a case as Word documents in 公文 style: 登记回执, 补正告知书, 延期答复告知书, 征求意见函,
收费通知书, and the 答复书 for every outcome with its legal basis and the 复议/诉讼 rights notice.

Written by render/letter.py, the one letter writer (the 公开办's 整改通知 uses it too). The wording
is this project's own; the articles cited come from the edition data (`editions/outcomes.py`). Every
number (文号) is given by the caller, who keeps the sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from ..chinese.dates import chinese_day
from ..editions.outcomes import BASES, REGULATION, is_denial
from ..render.letter import Letter, render_letter
from .book import Ledger
from .cases import Case, ConsultationStarted, CorrectionRequested, Extended, FeeNotified, Replied
from .clock import Status, add_working_days, count_working_days
from .fees import FeeQuote
from .words import CONSULTED

__all__ = ["KINDS", "Letter", "NotApplicable", "compose", "document_number", "render_letter", "write_letters"]

# 行政复议法 (2023 revision, in force 2024-01-01) 第二十三条: review first, for 不予公开 decisions.
REVIEW_FIRST_FROM = date(2024, 1, 1)
REVIEW_DAYS = 60
SUIT_MONTHS = 6

KINDS = {
    "receipt": ("政府信息公开申请登记回执", "登"),
    "correction": ("补正告知书", "补"),
    "extension": ("延期答复告知书", "延"),
    "consultation": ("征求意见函", "征"),
    "fee": ("收费通知书", "费"),
    "reply": ("政府信息公开申请答复书", "答"),
}


class NotApplicable(ValueError):
    """The case has no event this document is about (message for people)."""


def _d(on: date) -> str:
    return chinese_day(on)


E = TypeVar("E")


def _last(case: Case, kind: type[E], what: str) -> E:
    """The case's latest event of `kind`; a document about an event the case lacks is refused."""
    found = [e for e in case.events if isinstance(e, kind)]
    if not found:
        raise NotApplicable(f"申请 {case.number} 没有{what}记录")
    return found[-1]


def document_number(pattern: str, kind: str, year: int, seq: int) -> str:
    return pattern.format(kind=KINDS[kind][1], year=year, seq=seq)


def _request(case: Case) -> str:
    return f"“{case.request}”" if case.request else "所申请的政府信息"


def _rights(ledger: Ledger, outcome: str, on: date) -> str:
    review = ledger.settings.review_organ or "本机关的上一级行政机关或者本级人民政府"
    court = ledger.settings.court or "有管辖权的人民法院"
    if is_denial(outcome) and on >= REVIEW_FIRST_FROM:
        return (
            f"如对本答复不服，可以自收到本答复书之日起{REVIEW_DAYS}日内向{review}申请行政复议；"
            f"对行政复议决定不服的，可以依法向{court}提起行政诉讼。"
        )
    return (
        f"如对本答复不服，可以自收到本答复书之日起{REVIEW_DAYS}日内向{review}申请行政复议，"
        f"或者自收到本答复书之日起{SUIT_MONTHS}个月内向{court}提起行政诉讼。"
    )


def compose(
    ledger: Ledger, case: Case, state: Status, kind: str, number: str, quote: FeeQuote | None = None
) -> Letter:
    """The letter of `kind` for the case as its events stand."""
    title = KINDS[kind][0]
    name = case.applicant.name
    received = f"本机关于{_d(case.received_on)}收到您提出的政府信息公开申请，申请获取{_request(case)}。"
    policy, calendar = ledger.settings.policy, ledger.calendar
    if kind == "receipt":
        # Issued on receipt: the deadline counted from the receipt alone.
        due = count_working_days(calendar, case.received_on, policy.answer_days)
        text = [
            received,
            "经登记，您的申请已由本机关受理（登记编号：" + case.number + "）。",
            f"依据{REGULATION}第三十三条，本机关将在收到申请之日起{policy.answer_days}个工作日内"
            f"（即{_d(due.due)}前）予以答复"
            + ("（该日期依据的节假日安排尚未公布，为暂定日期）" if due.provisional else "")
            + "；需要延长答复期限的，将另行书面告知。",
        ]
        return Letter(kind, title, number, name, tuple(text), case.received_on)
    if kind == "correction":
        notice = _last(case, CorrectionRequested, "补正告知")
        deadline = notice.deadline or add_working_days(calendar, notice.on, policy.correction_period_days)
        items = notice.items or "所需政府信息的名称、文号或者便于查询的其他特征性描述"
        text = [
            received,
            f"经审查，您的申请内容不够明确。依据{REGULATION}第三十条，请您对以下内容作出补正：{items}。",
            f"请于{_d(deadline)}前将补正后的申请提交本机关。",
            "答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
        return Letter(kind, title, number, name, tuple(text), notice.on)
    if kind == "extension":
        ext = _last(case, Extended, "延期")
        # The deadline as the extension set it, on the day it was notified.
        then = ledger.status(case, ext.notified_on)
        extended = then.due or then.projected_due
        text = [
            received,
            "因所申请的政府信息情况较为复杂，本机关不能在法定期限内作出答复。"
            f"经本机关政府信息公开工作机构负责人同意，依据{REGULATION}第三十三条第二款，"
            f"答复期限延长{ext.working_days}个工作日"
            + (f"，本机关将于{_d(extended.due)}前作出答复。" if extended is not None else "。"),
            "特此告知。",
        ]
        return Letter(kind, title, number, name, tuple(text), ext.notified_on)
    if kind == "consultation":
        consult = _last(case, ConsultationStarted, "征求意见")
        party = consult.addressee or CONSULTED[consult.party]
        days = policy.consultation_reply_days
        if consult.party == "third_party":
            why, article, you = "该信息公开后可能损害贵方的合法权益", "第三十二条", "贵方"
        else:
            why, article, you = "该信息由本机关与贵机关共同制作", "第三十四条", "贵机关"
        text = [
            f"本机关于{_d(case.received_on)}收到政府信息公开申请，申请获取{_request(case)}。经审查，{why}。",
            f"依据{REGULATION}{article}，现书面征求{you}意见。请自收到本函之日起{days}个工作日内"
            f"提出书面意见；逾期未提出意见的，本机关将依照条例规定决定是否公开。",
            "征求意见期间不计入答复期限。特此函告。",
        ]
        return Letter(kind, title, number, party, tuple(text), consult.on)
    if kind == "fee":
        charge = _last(case, FeeNotified, "收费通知")
        pay = f"请自收到本通知次日起{policy.fee_payment_days}个工作日内"
        text = [
            received,
            "因您申请公开政府信息的数量、频次明显超过合理范围，依据"
            f"{REGULATION}第四十二条和《政府信息公开信息处理费管理办法》，本机关决定收取信息处理费"
            f"{charge.amount_yuan}元。",
            *(quote.explain() if quote is not None else []),
            pay + "按本机关告知的非税收入缴款方式缴纳。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
        ]
        return Letter(kind, title, number, name, tuple(text), charge.on)
    reply = _last(case, Replied, "答复")
    bases = BASES.get(reply.outcome, ())
    basis = next((b for b in bases if b.citation == reply.legal_basis), bases[0] if bases else None)
    citation = reply.legal_basis or (basis.citation if basis else "")
    text = [received, "经审查，现答复如下："]
    if basis is not None:
        text.append(basis.decision)
    if reply.note:
        text.append(reply.note)  # the office's own reasons and particulars
    if citation:
        text.append(f"依据：{citation}。")
    text.append(_rights(ledger, reply.outcome, reply.on))
    return Letter(kind, title, number, name, tuple(text), reply.on)


def write_letters(letters: Sequence[tuple[Letter, Path]], organ: str) -> None:
    for letter, path in letters:
        path.write_bytes(render_letter(letter, organ))

"""What the prose says about applications and cases, compared with 表三 and 表四.

Only explicit phrases are read (spec §8 P-24): a keyword of the quantity followed in the same clause by
a count in 件, in a sentence about 政府信息公开申请 (for 表三) — never any number near a keyword. A sentence
about documents (发文) that mentions 依申请公开 as an attribute is not about applications.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..chinese.numerals import NUMBER, PERCENT, percent_tolerance, to_int
from ..editions import APPLICATIONS, E2021, REVIEW
from ..editions.common import DENIED, NOT_PROCESSED, UNABLE
from ..model import Finding, Report, cell_path
from .labels import t3_row, t4_group
from .registry import finding, rule
from .sentences import Sentence, quote, sentences

_COUNT = re.compile(NUMBER + r"件")
# Prose words (not form labels): how reports speak of receiving, concluding and carrying over requests.
_APPLICATION = "申请"
_ATTRIBUTE_USES = ("依申请公开", "依申请", "被申请")
_DOCUMENT_CONTEXT = ("发文", "公文", "文件")
_EARLIER_YEAR = ("上年", "去年", "上一年", "同比", "较")
_NO_APPLICATIONS = re.compile(
    r"(未|没有|无)(收到|接到|受理|收到过|发生)[^，。]*申请|申请[^，。\d]*(为零|(?<!\d)0件)"
)

Value = tuple[list[int], list[str]]  # acceptable values and the cells they come from


def _total(report: Report, table: str, row: str) -> int:
    return report.cell_or_zero(table, row, "total")


def _group_sum(report: Report, group: str) -> Value:
    # E2021's tree holds the rows of both editions.
    leaves = {leaf.key for leaf in E2021.applications.leaves(group)}
    rows = [r for r in report.tables.get(APPLICATIONS, {}) if r in leaves]
    cells = [cell_path(APPLICATIONS, r, "total") for r in rows]
    return [sum(_total(report, APPLICATIONS, r) for r in rows)], cells


def _new_received(report: Report) -> Value:
    new, carried = _total(report, APPLICATIONS, "new_received"), _total(report, APPLICATIONS, "carried_over")
    # Reports say 受理 for the year's new requests, some for everything handled (new + carried over).
    return [new, new + carried], [
        cell_path(APPLICATIONS, "new_received", "total"),
        cell_path(APPLICATIONS, "carried_over", "total"),
    ]


def _row(row: str) -> Callable[[Report], Value]:
    return lambda report: ([_total(report, APPLICATIONS, row)], [cell_path(APPLICATIONS, row, "total")])


def _litigation(report: Report) -> Value:
    groups = [g.key for g in E2021.review.litigation_groups]
    return [sum(_total(report, REVIEW, g) for g in groups)], [cell_path(REVIEW, g, "total") for g in groups]


@dataclass(frozen=True)
class Quantity:
    rule_id: str
    name: str
    keywords: tuple[str, ...]
    value: Callable[[Report], Value]
    needs_table: str = APPLICATIONS
    excludes: tuple[str, ...] = ()


QUANTITIES = (
    Quantity(
        "X-TEXT-CARRIED_OVER",
        "上年结转的申请",
        ("上年结转", "上年度结转", "上一年度结转", "上年遗留"),
        _row("carried_over"),
    ),
    Quantity(
        "X-TEXT-CARRY_FORWARD",
        "结转下年度的申请",
        ("结转下年", "结转至下年", "结转到下年", "转入下年", "结转下一年"),
        _row("carry_forward"),
    ),
    Quantity(
        "X-TEXT-NEW_RECEIVED",
        "本年新收的申请",
        ("新收", "收到", "受理", "接收", "接到"),
        _new_received,
        excludes=("行政复议", "行政诉讼", "诉求", "信访", "投诉"),
    ),
    Quantity("X-TEXT-CONCLUDED", "办结的申请", ("办结", "答复完毕"), _row("r_total"), excludes=("结转",)),
    Quantity("X-TEXT-GRANTED", t3_row("r_granted"), (t3_row("r_granted"),), _row("r_granted")),
    Quantity("X-TEXT-PARTIAL", "部分公开", (t3_row("r_partial")[:4],), _row("r_partial")),
    Quantity("X-TEXT-DENIED", t3_row("denied"), (t3_row("denied"),), lambda r: _group_sum(r, DENIED)),
    Quantity("X-TEXT-UNABLE", t3_row("unable"), (t3_row("unable"),), lambda r: _group_sum(r, UNABLE)),
    Quantity(
        "X-TEXT-NOT_PROCESSED",
        t3_row("not_processed"),
        (t3_row("not_processed"),),
        lambda r: _group_sum(r, NOT_PROCESSED),
    ),
    Quantity(
        "X-TEXT-REVIEW",
        "被申请行政复议的案件",
        (t4_group("review"),),
        lambda r: ([_total(r, REVIEW, "review")], [cell_path(REVIEW, "review", "total")]),
        needs_table=REVIEW,
        excludes=("复议后", "行政诉讼"),
    ),
    Quantity(
        "X-TEXT-LITIGATION",
        "被提起行政诉讼的案件",
        ("行政诉讼",),
        _litigation,
        needs_table=REVIEW,
        excludes=("行政复议",),
    ),
)


def about_applications(sentence: Sentence) -> bool:
    return _about_applications(sentence.text)


# Several rules ask this of every sentence; the answer depends on the text alone.
@lru_cache(maxsize=4096)
def _about_applications(text: str) -> bool:
    if any(word in text for word in _DOCUMENT_CONTEXT):
        return False
    for use in _ATTRIBUTE_USES:
        text = text.replace(use, "")
    return _APPLICATION in text


# The keywords of the quantities before each one (same table): a clause holding one belongs to that one.
_EARLIER_KEYWORDS: dict[str, tuple[str, ...]] = {
    quantity.rule_id: tuple(
        k for q in QUANTITIES[:index] if q.needs_table == quantity.needs_table for k in q.keywords
    )
    for index, quantity in enumerate(QUANTITIES)
}


def stated_counts(sentence: Sentence, quantity: Quantity) -> Iterator[int]:
    """Counts the sentence states for one quantity: keyword, then the first `N件` after it in that clause.

    A clause belongs to the first quantity (in QUANTITIES order) whose keyword it holds, so
    `上年结转申请2件` is not also read as `收到`.
    """
    if quantity.needs_table == APPLICATIONS and not about_applications(sentence):
        return
    earlier = _EARLIER_KEYWORDS[quantity.rule_id]
    for clause in sentence.clauses():
        if any(word in clause for word in quantity.excludes) or any(k in clause for k in earlier):
            continue
        positions = [clause.find(k) for k in quantity.keywords if k in clause]
        if not positions:
            continue
        start = min(positions)
        if any(word in clause[:start] for word in _EARLIER_YEAR):
            continue
        match = _COUNT.search(clause, start)
        if match and (count := to_int(match.group(1))) is not None:
            yield count


def _check_quantity(report: Report, quantity: Quantity) -> Iterator[Finding]:
    if quantity.needs_table not in report.tables:
        return
    accepted, cells = quantity.value(report)
    for sentence in sentences(report):
        for count in stated_counts(sentence, quantity):
            if count not in accepted:
                yield finding(
                    report,
                    quantity.rule_id,
                    f"正文说{quantity.name}为{count}件，表格为{accepted[0]}件：{quote(sentence)}",
                    cells,
                    where=sentence.where,
                )


def _register(quantity: Quantity) -> None:
    def check(report: Report) -> Iterator[Finding]:
        return _check_quantity(report, quantity)

    source = "表四与正文一致" if quantity.needs_table == REVIEW else "表三与正文一致"
    rule(
        quantity.rule_id,
        "warning",
        f"正文所述{quantity.name}件数与表格一致",
        source + "（评估要求：数据精确）",
        "text",
    )(check)


for _quantity in QUANTITIES:
    _register(_quantity)


@rule(
    "T3-TEXT-ZERO",
    "warning",
    "正文说未收到政府信息公开申请时，表三本年新收应为0",
    "评估要求：正文与表格一致",
    "text",
)
def t3_text_zero(report: Report) -> Iterator[Finding]:
    if APPLICATIONS not in report.tables:
        return
    received = _total(report, APPLICATIONS, "new_received")
    if received == 0:
        return
    for sentence in sentences(report):
        if _NO_APPLICATIONS.search(sentence.text) and about_applications(sentence):
            yield finding(
                report,
                "T3-TEXT-ZERO",
                f"正文说未收到申请，但表三本年新收为{received}件：{quote(sentence)}",
                [cell_path(APPLICATIONS, "new_received", "total")],
                where=sentence.where,
            )


@rule("X-TEXT-SHARE", "warning", "正文所述“占…%”与所述件数和表三总数相符", "评估要求：数据精确", "text")
def x_text_share(report: Report) -> Iterator[Finding]:
    if APPLICATIONS not in report.tables:
        return
    new, carried = _total(report, APPLICATIONS, "new_received"), _total(report, APPLICATIONS, "carried_over")
    bases = {new, new + carried, _total(report, APPLICATIONS, "r_total")}
    for sentence in sentences(report):
        if not about_applications(sentence):
            continue
        for match in re.finditer(r"占[^，。%％\d]{0,8}" + PERCENT.pattern, sentence.text):
            before = list(_COUNT.finditer(sentence.text, 0, match.start()))
            counts = [c for m in before if (c := to_int(m.group(1))) is not None]
            if not counts:
                continue
            stated = match.group(1)
            candidates = {b for b in bases | {counts[0]} if b > 0}
            part = counts[-1]
            tolerance = percent_tolerance(stated)
            if candidates and not any(
                abs(Decimal(100 * part) / b - Decimal(stated)) < tolerance for b in candidates
            ):
                yield finding(
                    report,
                    "X-TEXT-SHARE",
                    f"正文说{part}件占{stated}%，"
                    f"与总数{'、'.join(map(str, sorted(candidates)))}件都对不上：{quote(sentence)}",
                    [
                        cell_path(APPLICATIONS, "new_received", "total"),
                        cell_path(APPLICATIONS, "r_total", "total"),
                    ],
                    where=sentence.where,
                )

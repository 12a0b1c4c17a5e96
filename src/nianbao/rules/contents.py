"""What the sections must contain beyond their headings: the cited notice, the aspects of 总体情况, the fee
statement, contact details, well-formed URLs, the follow-up of last year's problems."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..chinese.marks import squash
from ..editions import E2019, E2021
from ..editions.common import FEE_WORDS
from ..model import Finding, Location, Report
from .labels import under_2008_regulation
from .registry import finding, rule
from .sentences import locate_text, section_location

# What section one of an E2021 report must cover (30号 §一(一)); each aspect by the words reports use for it.
_S1_ASPECTS = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请", "申请"),
    "政府信息管理": ("信息管理", "审查", "保密"),
    "平台建设": ("平台", "网站", "公开专栏", "政务新媒体"),
    "监督保障": ("监督", "考核", "培训", "评议", "责任追究"),
}
_FOLLOWUP = ("整改", "上年", "上一年", "去年", "落实情况", "改进")
_URL = re.compile(r"(?i)(?<![a-z])(https?)(:?)(/{0,2})([^\s，。；）)<>“”]*)")


def _where(report: Report, key: str) -> Location | None:
    section = next((s for s in report.sections if s.key == key), None)
    return section_location(section) if section else None


def _text(report: Report, key: str) -> str | None:
    return next((s.text for s in report.sections if s.key == key), None)


def _all_text(report: Report) -> str:
    return "\n".join([report.preamble, *(s.text for s in report.sections)])


@rule(
    "S-CITATION",
    "warning",
    "引用的格式通知与表格版本一致（60号对应2019版，30号对应2021版）",
    "国办公开办函〔2019〕60号、〔2021〕30号",
    "structure",
)
def s_citation(report: Report) -> Iterator[Finding]:
    if report.edition not in ("E2019", "E2021"):
        return
    text = squash(_all_text(report))
    used, other = (E2019, E2021) if report.edition == "E2019" else (E2021, E2019)
    if other.notice_number in text and used.notice_number not in text:
        yield finding(
            report,
            "S-CITATION",
            f"正文引用{other.notice_number}，但表格是{used.form_name}（{used.notice_number}）",
            where=locate_text(report, other.notice_number),
        )


@rule(
    "S-S1-ASPECTS",
    "warning",
    "2021版：总体情况写到主动公开、依申请公开、政府信息管理、平台建设、监督保障",
    "国办公开办函〔2021〕30号",
    "structure",
)
def s_s1_aspects(report: Report) -> Iterator[Finding]:
    if report.edition != "E2021":
        return
    text = _text(report, "s1_overview")
    if text is None:
        return
    missing = [aspect for aspect, words in _S1_ASPECTS.items() if not any(w in text for w in words)]
    if missing:
        yield finding(
            report,
            "S-S1-ASPECTS",
            f"“总体情况”未写到：{'、'.join(missing)}",
            where=_where(report, "s1_overview"),
        )


@rule(
    "S-S6-FEE",
    "warning",
    "2021版：其他需要报告的事项写明信息处理费收取情况（未收取也应写明）",
    "政府信息公开信息处理费管理办法；国办公开办函〔2021〕30号",
    "structure",
)
def s_s6_fee(report: Report) -> Iterator[Finding]:
    if report.edition != "E2021":
        return
    text = _text(report, "s6_other")
    if text is not None and report.fee is None and not any(word in text for word in FEE_WORDS):
        yield finding(
            report,
            "S-S6-FEE",
            "“其他需要报告的事项”未说明信息处理费的收取情况",
            where=_where(report, "s6_other"),
        )


@rule(
    "S-CONTACT",
    "warning",
    "写明至少一种联系方式（电话、地址或邮箱）和报告电子版的查阅网址",
    "评估要求（报告可获取）",
    "structure",
)
def s_contact(report: Report) -> Iterator[Finding]:
    contact = report.contact
    if not (contact.phone or contact.address or contact.email):
        yield finding(report, "S-CONTACT", "报告未写明联系电话、地址或电子邮箱")
    if not contact.url:
        yield finding(report, "S-CONTACT", "报告未写明可查阅电子版的网址")


@rule("S-URL", "warning", "网址格式正确（如“http//…”缺少冒号）", "示例002", "structure")
def s_url(report: Report) -> Iterator[Finding]:
    for match in _URL.finditer(_all_text(report)):
        scheme, colon, slashes, rest = match.groups()
        if not colon or slashes != "//" or not rest or "." not in rest:
            yield finding(
                report,
                "S-URL",
                f"网址“{match.group(0)}”格式不正确（应为{scheme}://…）",
                where=locate_text(report, match.group(0)),
            )


@rule(
    "S-S5-FOLLOWUP",
    "info",
    "存在的主要问题及改进情况写到上一年度问题的整改",
    "国办公开办函〔2021〕30号",
    "structure",
)
def s_s5_followup(report: Report) -> Iterator[Finding]:
    if under_2008_regulation(report):
        return
    text = _text(report, "s5_problems")
    if text is not None and not any(word in text for word in _FOLLOWUP):
        yield finding(
            report,
            "S-S5-FOLLOWUP",
            "“存在的主要问题及改进情况”未提到上一年度问题的整改情况",
            where=_where(report, "s5_problems"),
        )

"""Arithmetic inside the prose itself: a whole and its parts, a rate and its counts, a list and its count.

These need no table: the sentence contradicts itself. Each finding quotes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..chinese.numerals import COUNT_UNITS, NUMBER, PERCENT, percent_tolerance, to_int
from ..model import Finding, Report
from .registry import finding, rule
from .sentences import quote, sentences

_QUANTITY = re.compile(NUMBER + rf"([{COUNT_UNITS}])")
_WHOLE = re.compile(r"(共计|合计|总计|累计|共)" + NUMBER + rf"([{COUNT_UNITS}])")
_PARTS_START = "其中"
# A part that names a channel (通过网站…) overlaps the others rather than splitting the whole.
_CHANNEL = "通过"
_RATE = re.compile(r"[\u4e00-\u9fff]{1,6}率(?:为|达|达到|是)?" + PERCENT.pattern)
_LISTED = re.compile(r"等" + NUMBER + r"(个|项|家|所|条|类|部)")
_OPEN = "《“（(「【"
_CLOSE = "》”）)」】"
_LIST_START = "，。；：,;:\n"


@rule("P-SUM", "warning", "正文中“共计N，其中…”各部分之和不超过总数", "评估要求：文字严谨、数据精确", "prose")
def p_sum(report: Report) -> Iterator[Finding]:
    for sentence in sentences(report):
        clauses = sentence.clauses()
        for i, clause in enumerate(clauses):
            whole_match = _WHOLE.search(clause)
            if (
                not whole_match
                or i + 1 >= len(clauses)
                or not clauses[i + 1].strip().startswith(_PARTS_START)
            ):
                continue
            whole, unit = to_int(whole_match.group(2)), whole_match.group(3)
            parts = _parts(clauses[i + 1 :], unit)
            if whole is None or len(parts) < 2 or sum(parts) <= whole:
                continue
            shown = "+".join(map(str, parts))
            yield finding(
                report,
                "P-SUM",
                f"正文说共{whole}{unit}，其中各部分{shown}={sum(parts)}{unit}，超过总数：{quote(sentence)}",
                where=sentence.where,
            )


def _parts(clauses: list[str], unit: str) -> list[int]:
    parts: list[int] = []
    for raw in clauses:
        clause = raw.strip().removeprefix(_PARTS_START)
        if not clause or _CHANNEL in clause:
            continue
        match = _QUANTITY.search(clause)
        if match is None or match.group(2) != unit:
            break
        value = to_int(match.group(1))
        if value is None:
            break
        parts.append(value)
    return parts


@rule("P-RATE", "warning", "正文中的比率（如答复率）与同句所述件数相符", "评估要求：数据精确", "prose")
def p_rate(report: Report) -> Iterator[Finding]:
    for sentence in sentences(report):
        counts: list[int] = []
        position = 0
        for rate in _RATE.finditer(sentence.text):
            counts = [
                value
                for m in _QUANTITY.finditer(sentence.text, position, rate.start())
                if (value := to_int(m.group(1))) is not None
            ]
            position = rate.end()
            # A rate with fewer than two counts of its own (满意率 after 答复率) cannot be checked.
            if len(counts) < 2:
                continue
            stated = rate.group(1)
            if not _rate_matches(counts, Decimal(stated), percent_tolerance(stated)):
                yield finding(
                    report,
                    "P-RATE",
                    f"正文中的{rate.group(0)}与同句的件数{'、'.join(map(str, counts))}"
                    f"算不出：{quote(sentence)}",
                    where=sentence.where,
                )


def _rate_matches(counts: list[int], stated: Decimal, tolerance: Decimal) -> bool:
    return any(
        abs(Decimal(100 * part) / whole - stated) < tolerance
        for whole in counts
        for part in counts
        if whole > 0 and part <= whole
    )


@rule("P-COUNT", "warning", "正文列举事项后“等N个”的N不少于所列事项数", "评估要求：文字严谨", "prose")
def p_count(report: Report) -> Iterator[Finding]:
    for sentence in sentences(report):
        for match in _LISTED.finditer(sentence.text):
            stated = to_int(match.group(1))
            items = _list_before(sentence.text, match.start())
            if stated is not None and len(items) >= 2 and len(items) > stated:
                yield finding(
                    report,
                    "P-COUNT",
                    f"正文列举了{len(items)}项，却说“等{match.group(1)}{match.group(2)}”：{quote(sentence)}",
                    where=sentence.where,
                )


def _list_before(text: str, end: int) -> list[str]:
    """The items separated by `、` that end at `end`, not splitting inside brackets or quotes."""
    items, depth, current = [], 0, ""
    for ch in reversed(text[:end]):
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in _LIST_START:
            break
        elif depth == 0 and ch == "、":
            items.append(current)
            current = ""
            continue
        current = ch + current
    items.append(current)
    return [item for item in items if item.strip()]

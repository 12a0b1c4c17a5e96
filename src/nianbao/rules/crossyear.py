"""Year on year: the same organ's report for the year before, linked and compared.

Linking is by organ name after normalisation (organs.same_organ) and consecutive years.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..editions.common import APPLICANT_COLUMNS
from ..model import Finding, Report, cell_path
from .labels import edition_of, t3_column
from .organs import same_organ
from .registry import cross_year_rule, finding, run_pair_rules
from .sentences import section_location
from .t2 import T2, column_label, count, row_label

T3 = "applications"
_COLS7 = [c.key for c in APPLICANT_COLUMNS]
_ART20_1 = ("regulations", "normative_docs")
# 雷同: text this similar to last year's is copied, not written (spec §5.5, > 0.9).
DUPLICATE_THRESHOLD = 0.9
_MIN_COMPARED_CHARS = 60
_SHINGLE = 4
_COMPARED_SECTIONS = ("s1_overview", "s5_problems")


def link_years(reports: Sequence[Report]) -> dict[int, int]:
    """For each report (by index) the index of the same organ's report for the previous year, if given."""
    links: dict[int, int] = {}
    for i, report in enumerate(reports):
        if report.year is None:
            continue
        for j, other in enumerate(reports):
            if other.year == report.year - 1 and same_organ(report.organ, other.organ):
                links[i] = j
                break
    return links


def cross_year_findings(report: Report, previous: Report) -> list[Finding]:
    return list(run_pair_rules(report, previous))


def _n(report: Report, table: str, row: str, col: str) -> int:
    value = report.cell(table, row, col)
    return int(value) if value is not None else 0


def _prev_name(previous: Report) -> str:
    return f"{previous.year}年度报告"


@cross_year_rule(
    "T3-CARRY-XYEAR",
    "warning",
    "表三上年结转＝上一年度报告的结转下年度继续办理（逐列）",
    "表三各行含义（C5）",
)
def t3_carry_xyear(report: Report, previous: Report) -> Iterator[Finding]:
    if "carried_over" not in report.tables.get(T3, {}) or "carry_forward" not in previous.tables.get(T3, {}):
        return
    for col in _COLS7:
        carried, forward = _n(report, T3, "carried_over", col), _n(previous, T3, "carry_forward", col)
        if carried != forward:
            yield finding(
                report,
                "T3-CARRY-XYEAR",
                f"{t3_column(col)}列：上年结转({carried})不等于{_prev_name(previous)}的结转下年度继续办理({forward})",
                [cell_path(T3, "carried_over", col)],
            )


def _both_e2021(report: Report, previous: Report) -> bool:
    return report.edition == "E2021" and previous.edition == "E2021"


@cross_year_rule(
    "T2-VALID-XYEAR",
    "warning",
    "2021版表二：现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数",
    "2021版格式各列含义（C10）",
)
def t2_valid_xyear(report: Report, previous: Report) -> Iterator[Finding]:
    if not _both_e2021(report, previous):
        return
    edition = edition_of(report)
    for row in _ART20_1:
        if not report.has_cell(T2, row, "valid") or not previous.has_cell(T2, row, "valid"):
            continue
        valid, made, repealed = (count(report, row, c) for c in ("valid", "made", "repealed"))
        before = count(previous, row, "valid")
        if valid != before + made - repealed:
            yield finding(
                report,
                "T2-VALID-XYEAR",
                f"表二“{row_label(edition, row)}”：{column_label(edition, row, 'valid')}({valid})不等于"
                f"上年的{before}＋制发{made}－废止{repealed}＝{before + made - repealed}"
                "（如有修订、清理请在正文说明）",
                [cell_path(T2, row, c) for c in ("valid", "made", "repealed")],
            )


@cross_year_rule(
    "T2-REPEALED-LE",
    "warning",
    "2021版表二：本年废止件数不超过上年现行有效件数＋本年制发件数",
    "2021版格式各列含义（C10）",
)
def t2_repealed_le(report: Report, previous: Report) -> Iterator[Finding]:
    if not _both_e2021(report, previous):
        return
    edition = edition_of(report)
    for row in _ART20_1:
        if not report.has_cell(T2, row, "repealed") or not previous.has_cell(T2, row, "valid"):
            continue
        repealed, made, before = (
            count(report, row, "repealed"),
            count(report, row, "made"),
            count(previous, row, "valid"),
        )
        if repealed > before + made:
            yield finding(
                report,
                "T2-REPEALED-LE",
                f"表二“{row_label(edition, row)}”：废止{repealed}件，"
                f"多于上年现行有效{before}件与本年制发{made}件之和",
                [cell_path(T2, row, "repealed"), cell_path(T2, row, "made")],
            )


@cross_year_rule(
    "T2-PREV-XYEAR",
    "info",
    "2019版表二：上一年项目数量＝上一年度报告的上一年项目数量＋本年增/减",
    "2019版格式各列含义（C10）",
)
def t2_prev_xyear(report: Report, previous: Report) -> Iterator[Finding]:
    if report.edition != "E2019" or previous.edition != "E2019":
        return
    edition = edition_of(report)
    for row, cols in report.tables.get(T2, {}).items():
        if "prev_items" not in cols or not previous.has_cell(T2, row, "delta_items"):
            continue
        expected = count(previous, row, "prev_items") + count(previous, row, "delta_items")
        if count(report, row, "prev_items") != expected:
            yield finding(
                report,
                "T2-PREV-XYEAR",
                f"表二“{row_label(edition, row)}”：上一年项目数量({count(report, row, 'prev_items')})不等于"
                f"{_prev_name(previous)}的项目数量加增减({expected})",
                [cell_path(T2, row, "prev_items")],
            )


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character 4-grams (whitespace ignored): fast on long texts, robust to edits."""
    first, second = _shingles(a), _shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _shingles(text: str) -> set[str]:
    flat = "".join(text.split())
    return {flat[i : i + _SHINGLE] for i in range(len(flat) - _SHINGLE + 1)}


@cross_year_rule(
    "S-DUPLICATE",
    "warning",
    "总体情况、存在的主要问题与上一年度报告几乎相同（雷同）",
    "国办公开办函〔2021〕30号（内容雷同、敷衍塞责）",
)
def s_duplicate(report: Report, previous: Report) -> Iterator[Finding]:
    before = {s.key: s for s in previous.sections if s.key}
    for section in report.sections:
        if section.key not in _COMPARED_SECTIONS or section.key not in before:
            continue
        if min(len(section.text), len(before[section.key].text)) < _MIN_COMPARED_CHARS:
            continue
        score = similarity(section.text, before[section.key].text)
        if score > DUPLICATE_THRESHOLD:
            yield finding(
                report,
                "S-DUPLICATE",
                f"“{section.heading}”与{_prev_name(previous)}相同部分的相似度为{score:.0%}，内容雷同",
                where=section_location(section),
            )

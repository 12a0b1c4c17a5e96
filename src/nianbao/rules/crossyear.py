"""Year on year: the same organ's report for the year before, linked and compared.

Linking is by organ identity (nianbao.organs, the same rule the store uses) and consecutive years.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..editions import ACTIVE, APPLICATIONS
from ..editions.common import APPLICANT_COLUMNS
from ..model import Finding, Report, cell_path
from ..organs import identify
from .labels import printed_edition, t3_column
from .registry import cross_year_rule, finding, run_pair_rules
from .sentences import section_location
from .t2 import column_label, row_label

_COLS7 = [c.key for c in APPLICANT_COLUMNS]
_ART20_1 = ("regulations", "normative_docs")
# 雷同: text this similar to last year's is copied, not written (spec §5.5, > 0.9).
DUPLICATE_THRESHOLD = 0.9
_MIN_COMPARED_CHARS = 60
_SHINGLE = 4
_COMPARED_SECTIONS = ("s1_overview", "s5_problems")


def link_years(reports: Sequence[Report]) -> dict[int, int]:
    """For each report (by index) the index of the same organ's report for the previous year, if given
    (the first such report when there are several)."""
    keys = [identify(r.organ).key if r.organ and r.year is not None else None for r in reports]
    first: dict[tuple[str, int], int] = {}
    for j, (key, report) in enumerate(zip(keys, reports, strict=True)):
        if key is not None and report.year is not None:
            first.setdefault((key, report.year), j)
    links: dict[int, int] = {}
    for i, (key, report) in enumerate(zip(keys, reports, strict=True)):
        if key is not None and report.year is not None:
            previous = first.get((key, report.year - 1))
            if previous is not None:
                links[i] = previous
    return links


def cross_year_findings(report: Report, previous: Report) -> list[Finding]:
    return list(run_pair_rules(report, previous))


def _prev_name(previous: Report) -> str:
    return f"{previous.year}年度报告"


@cross_year_rule(
    "T3-CARRY-XYEAR",
    "warning",
    "表三上年结转＝上一年度报告的结转下年度继续办理（逐列）",
    "表三各行含义（C5）",
)
def t3_carry_xyear(report: Report, previous: Report) -> Iterator[Finding]:
    has_carried = "carried_over" in report.tables.get(APPLICATIONS, {})
    if not has_carried or "carry_forward" not in previous.tables.get(APPLICATIONS, {}):
        return
    for col in _COLS7:
        carried, forward = (
            report.cell_or_zero(APPLICATIONS, "carried_over", col),
            previous.cell_or_zero(APPLICATIONS, "carry_forward", col),
        )
        if carried != forward:
            yield finding(
                report,
                "T3-CARRY-XYEAR",
                f"{t3_column(col)}列：上年结转({carried})不等于{_prev_name(previous)}的结转下年度继续办理({forward})",
                [cell_path(APPLICATIONS, "carried_over", col)],
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
    edition = printed_edition(report)
    for row in _ART20_1:
        if not report.has_cell(ACTIVE, row, "valid") or not previous.has_cell(ACTIVE, row, "valid"):
            continue
        valid, made, repealed = (report.cell_or_zero(ACTIVE, row, c) for c in ("valid", "made", "repealed"))
        before = previous.cell_or_zero(ACTIVE, row, "valid")
        if valid != before + made - repealed:
            yield finding(
                report,
                "T2-VALID-XYEAR",
                f"表二“{row_label(edition, row)}”：{column_label(edition, row, 'valid')}({valid})不等于"
                f"上年的{before}＋制发{made}－废止{repealed}＝{before + made - repealed}"
                "（如有修订、清理请在正文说明）",
                [cell_path(ACTIVE, row, c) for c in ("valid", "made", "repealed")],
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
    edition = printed_edition(report)
    for row in _ART20_1:
        if not report.has_cell(ACTIVE, row, "repealed") or not previous.has_cell(ACTIVE, row, "valid"):
            continue
        repealed, made, before = (
            report.cell_or_zero(ACTIVE, row, "repealed"),
            report.cell_or_zero(ACTIVE, row, "made"),
            previous.cell_or_zero(ACTIVE, row, "valid"),
        )
        if repealed > before + made:
            yield finding(
                report,
                "T2-REPEALED-LE",
                f"表二“{row_label(edition, row)}”：废止{repealed}件，"
                f"多于上年现行有效{before}件与本年制发{made}件之和",
                [cell_path(ACTIVE, row, "repealed"), cell_path(ACTIVE, row, "made")],
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
    edition = printed_edition(report)
    for row, cols in report.tables.get(ACTIVE, {}).items():
        if "prev_items" not in cols or not previous.has_cell(ACTIVE, row, "delta_items"):
            continue
        expected = previous.cell_or_zero(ACTIVE, row, "prev_items") + previous.cell_or_zero(
            ACTIVE, row, "delta_items"
        )
        stated = report.cell_or_zero(ACTIVE, row, "prev_items")
        if stated != expected:
            yield finding(
                report,
                "T2-PREV-XYEAR",
                f"表二“{row_label(edition, row)}”：上一年项目数量({stated})不等于"
                f"{_prev_name(previous)}的项目数量加增减({expected})",
                [cell_path(ACTIVE, row, "prev_items")],
            )


# A 元 amount typed as 万元 (or the reverse) changes the figure 10,000-fold: a jump within half an order of
# magnitude of that from one year to the next is the slip, not a change in the fees collected.
UNIT_JUMP = (Decimal(10) ** Decimal("3.5"), Decimal(10) ** Decimal("4.5"))


@cross_year_rule(
    "G-UNIT-XYEAR",
    "warning",
    "2021版表二收费金额与上一年度相差约一万倍（三千至三万倍），疑为一年填元、一年填万元",
    "2021版格式“本年收费金额（单位：万元）”",
)
def g_unit_xyear(report: Report, previous: Report) -> Iterator[Finding]:
    if not _both_e2021(report, previous):
        return
    path = cell_path(ACTIVE, "admin_fees", "amount_wan_yuan")
    now, before = (r.cell(ACTIVE, "admin_fees", "amount_wan_yuan") for r in (report, previous))
    if not now or not before:
        return
    ratio = Decimal(max(now, before)) / Decimal(min(now, before))
    if UNIT_JUMP[0] <= ratio <= UNIT_JUMP[1]:
        yield finding(
            report,
            "G-UNIT-XYEAR",
            f"本年收费金额{now}万元与{_prev_name(previous)}的{before}万元相差约{ratio:.0f}倍，"
            "请核对是否有一年把元填作万元",
            [path],
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

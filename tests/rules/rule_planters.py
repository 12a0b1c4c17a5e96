"""Generated reports for rule tests: a clean one (no finding at all), and one planted error per rule.

Helpers for the tests beside it (not a test module). Documents come from nianbao.synth.generate().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from nianbao.model import CellSource, Contact, Report
from nianbao.synth import generate

E2019_YEAR, E2021_YEAR = 2020, 2024
OTHER_S1 = "本机关把政务公开工作列入重要议事日程，逐项梳理公开事项，对照标准目录查漏补缺。"


def _section(report: Report, key: str) -> int:
    return next(i for i, s in enumerate(report.sections) if s.key == key)


def add_text(report: Report, key: str, text: str) -> None:
    report.sections[_section(report, key)].text += text


def set_text(report: Report, key: str, text: str) -> None:
    report.sections[_section(report, key)].text = text


def clean(seed: int, year: int) -> Report:
    """A generated report on which no rule at all reports anything."""
    report = generate(seed, year)
    add_text(
        report,
        "s1_overview",
        "本机关做好主动公开，规范依申请公开办理，加强政府信息管理和平台建设，完善监督保障机制。",
    )
    add_text(report, "s5_problems", "上年度报告所列问题已全部整改到位。")
    return report


def t3(report: Report, row: str, col: str = "total") -> int:
    return int(report.cell("applications", row, col) or 0)


def bump(report: Report, table: str, row: str, col: str, by: int = 1) -> None:
    report.tables[table][row][col] = int(report.tables[table][row][col] or 0) + by


def _bump_pair(table: str, row: str, cols: tuple[str, ...]) -> Callable[[Report], None]:
    def plant(report: Report) -> None:
        for col in cols:
            bump(report, table, row, col)

    return plant


def _set(table: str, row: str, col: str, value: object) -> Callable[[Report], None]:
    def plant(report: Report) -> None:
        report.tables[table][row][col] = value  # type: ignore[assignment]

    return plant


def _drop_cell(table: str, row: str, col: str) -> Callable[[Report], None]:
    return lambda report: report.tables[table][row].pop(col) and None


def _drop_row(table: str, row: str) -> Callable[[Report], None]:
    return lambda report: report.tables[table].pop(row) and None


def _say(key: str, text: Callable[[Report], str]) -> Callable[[Report], None]:
    return lambda report: add_text(report, key, text(report))


def _review_sum(report: Report) -> int:
    return int(report.cell("review_litigation", "review", "total") or 0)


def _litigation_sum(report: Report) -> int:
    return sum(
        int(report.cell("review_litigation", g, "total") or 0) for g in ("lit_direct", "lit_after_review")
    )


def _denied(report: Report) -> int:
    return sum(t3(report, r) for r in report.tables["applications"] if r.startswith("r_denied_"))


def _unable(report: Report) -> int:
    return sum(t3(report, r) for r in report.tables["applications"] if r.startswith("r_unable_"))


def _np(report: Report) -> int:
    return sum(t3(report, r) for r in report.tables["applications"] if r.startswith("r_np_"))


# Each text rule: a sentence template and the table value it speaks of; the right value is clean.
TEXT_SENTENCES: dict[str, tuple[str, Callable[[Report], int]]] = {
    "X-TEXT-CARRIED_OVER": ("上年结转政府信息公开申请{n}件。", lambda r: t3(r, "carried_over")),
    "X-TEXT-CARRY_FORWARD": ("政府信息公开申请结转下年度继续办理{n}件。", lambda r: t3(r, "carry_forward")),
    "X-TEXT-NEW_RECEIVED": ("本年度受理政府信息公开申请{n}件。", lambda r: t3(r, "new_received")),
    "X-TEXT-CONCLUDED": ("政府信息公开申请已办结{n}件。", lambda r: t3(r, "r_total")),
    "X-TEXT-GRANTED": ("对政府信息公开申请予以公开{n}件。", lambda r: t3(r, "r_granted")),
    "X-TEXT-PARTIAL": ("政府信息公开申请部分公开{n}件。", lambda r: t3(r, "r_partial")),
    "X-TEXT-DENIED": ("政府信息公开申请不予公开{n}件。", _denied),
    "X-TEXT-UNABLE": ("政府信息公开申请无法提供{n}件。", _unable),
    "X-TEXT-NOT_PROCESSED": ("政府信息公开申请不予处理{n}件。", _np),
    "X-TEXT-REVIEW": ("本年度被申请行政复议{n}件。", _review_sum),
    "X-TEXT-LITIGATION": ("本年度被提起行政诉讼{n}件。", _litigation_sum),
}


def _text_plant(rule_id: str, wrong: int) -> Callable[[Report], None]:
    template, value = TEXT_SENTENCES[rule_id]
    return _say("s3_requests", lambda r: template.format(n=value(r) + wrong))


def _share(report: Report, correct: bool) -> str:
    received, granted = t3(report, "new_received") or 1, t3(report, "r_granted")
    share = Decimal(100 * granted) / received + (0 if correct else 7)
    return (
        f"全年新收政府信息公开申请{t3(report, 'new_received')}件，其中予以公开{granted}件，占{share:.2f}%。"
    )


def _fee_unpaid(report: Report) -> None:
    for col in ("natural", "total"):
        report.tables["applications"]["r_other_fee_unpaid"][col] = 1
    set_text(report, "s6_other", "无。")
    report.fee = None


def _no_applications(report: Report) -> None:
    for col in ("natural", "total"):
        bump(report, "applications", "new_received", col, 3)
    add_text(report, "s1_overview", "本年度未收到政府信息公开申请。")


def _edition_year(report: Report) -> None:
    # A year the report's form does not apply to (2019版 through 2020, 2021版 from 2021).
    report.year = 2021 if report.edition == "E2019" else 2020


def _citation(report: Report) -> None:
    report.preamble = report.preamble.replace("〔2021〕30号", "〔2019〕60号")


def _late(report: Report) -> None:
    add_text(report, "s6_other", f"\n示例县城关镇人民政府\n{(report.year or 0) + 1}年3月5日")


def _delta(report: Report) -> None:
    report.tables["active"]["licensing"]["prev_items"] = 1
    report.tables["active"]["licensing"]["delta_items"] = -5


def _total_published(report: Report) -> None:
    report.tables["active"]["regulations"]["new_published"] = 5
    report.tables["active"]["regulations"]["total_published"] = 2


def _unsure_reading(report: Report) -> None:
    """A scanned 予以公开 count that OCR read as 17 once and 12 once: no value, both candidates."""
    report.tables["applications"]["r_granted"]["natural"] = None
    report.provenance["applications.r_granted.natural"] = CellSource(
        page=3, text="17", uncertain=True, candidates=[17, 12]
    )


def _no_fee_statement(report: Report) -> None:
    set_text(report, "s6_other", "无。")
    report.fee = None


@dataclass(frozen=True)
class Plant:
    rule_id: str
    year: int
    plant: Callable[[Report], None]


SINGLE_PLANTS = [
    Plant("G-INT", E2021_YEAR, _set("applications", "r_granted", "org_research", -1)),
    Plant("G-AMOUNT", E2021_YEAR, _set("active", "admin_fees", "amount_wan_yuan", Decimal("-5.5"))),
    Plant("G-DELTA", E2019_YEAR, _delta),
    Plant("G-BLANK", E2021_YEAR, _set("review_litigation", "review", "upheld", None)),
    Plant("G-UNCERTAIN", E2021_YEAR, _unsure_reading),
    Plant("G-UNIT", E2021_YEAR, _set("active", "admin_fees", "amount_wan_yuan", Decimal("25000.5"))),
    Plant("T3-LEDGER", E2021_YEAR, _bump_pair("applications", "new_received", ("natural", "total"))),
    Plant("T3-ROWSUM", E2019_YEAR, _bump_pair("applications", "r_granted", ("total",))),
    Plant("T3-RESULTSUM", E2021_YEAR, _bump_pair("applications", "r_granted", ("org_legal", "total"))),
    Plant("T3-ROWSET", E2019_YEAR, _drop_row("applications", "r_np_repeat")),
    Plant("T3-COLSET", E2021_YEAR, _drop_cell("applications", "r_partial", "org_legal")),
    Plant("T3-FEE-TEXT", E2021_YEAR, _fee_unpaid),
    Plant("T3-TEXT-ZERO", E2021_YEAR, _no_applications),
    Plant("T4-REVIEW", E2021_YEAR, _bump_pair("review_litigation", "review", ("total",))),
    Plant("T4-LIT-DIRECT", E2019_YEAR, _bump_pair("review_litigation", "lit_direct", ("pending",))),
    Plant("T4-LIT-AFTER", E2021_YEAR, _bump_pair("review_litigation", "lit_after_review", ("upheld",))),
    Plant("T4-SHAPE", E2019_YEAR, _drop_cell("review_litigation", "review", "pending")),
    Plant("T2-ROWSET", E2021_YEAR, _drop_cell("active", "regulations", "made")),
    Plant("T2-TOTALPUB-GE", E2019_YEAR, _total_published),
    Plant("S-SECTIONS", E2021_YEAR, lambda r: r.sections.pop(_section(r, "s5_problems")) and None),
    Plant("S-EDITION-YEAR", E2019_YEAR, _edition_year),
    Plant("S-CITATION", E2021_YEAR, _citation),
    Plant("S-TITLE", E2021_YEAR, lambda r: setattr(r, "title", "关于政府信息公开工作的情况汇报")),
    Plant("S-PERIOD", E2019_YEAR, lambda r: setattr(r, "period", None)),
    Plant("S-S1-ASPECTS", E2021_YEAR, lambda r: set_text(r, "s1_overview", "本年度各项工作正常开展。")),
    Plant("S-S6-FEE", E2021_YEAR, _no_fee_statement),
    Plant("S-CONTACT", E2019_YEAR, lambda r: setattr(r, "contact", Contact())),
    Plant("S-URL", E2021_YEAR, _say("s6_other", lambda r: "详见http//www.example.gov.cn。")),
    Plant("S-DEADLINE", E2021_YEAR, _late),
    Plant(
        "S-S5-FOLLOWUP", E2019_YEAR, lambda r: set_text(r, "s5_problems", "工作人员不足，业务能力有待提高。")
    ),
    # Off by more than any generated count: 受理 also accepts new + carried over, which a small offset
    # can hit by chance (a report carrying over 7 requests).
    *(Plant(rule_id, E2021_YEAR, _text_plant(rule_id, 107)) for rule_id in TEXT_SENTENCES),
    Plant("X-TEXT-SHARE", E2021_YEAR, _say("s3_requests", lambda r: _share(r, correct=False))),
    Plant(
        "P-SUM", E2019_YEAR, _say("s1_overview", lambda r: "全年发文共计10件，其中公开发布6件，不予公开7件。")
    ),
    Plant(
        "P-RATE", E2021_YEAR, _say("s1_overview", lambda r: "共受理群众诉求38件，完成37件，答复率96.00%。")
    ),
    Plant(
        "P-COUNT", E2019_YEAR, _say("s1_overview", lambda r: "公开了甲工程、乙工程、丙工程等2个项目的批复。")
    ),
]

# The same sentences with the right numbers: nothing to report.
CLEAN_SENTENCES: list[Callable[[Report], str]] = [
    *(lambda r, t=t, v=v: t.format(n=v(r)) for t, v in TEXT_SENTENCES.values()),
    lambda r: _share(r, correct=True),
    lambda r: "全年发文共计13件，其中公开发布6件，不予公开7件，通过网站发布6件。",
    lambda r: "共受理群众诉求38件，完成37件，答复率97.37%，群众满意率94.59%。",
    lambda r: "公开了甲工程、乙工程、丙工程等3个项目的批复，另有甲、乙等5个项目正在建设。",
]

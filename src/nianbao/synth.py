"""Generated reports: consistent numbers in either edition with prose written by this project.

Used for the bundled examples, for test fixtures (with planted errors) and for benchmarks. The
same seed always gives the same report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .editions import ACTIVE, APPLICATIONS, REVIEW, Edition, edition_for_year
from .editions.common import APPLICANT_COLUMNS, REVIEW_TABLE
from .editions.titles import report_title
from .model import CellValue, Contact, Fee, Period, Report, SectionEntry, Source, TableValues
from .render import phrases

_COLS6 = [c.key for c in APPLICANT_COLUMNS[:-1]]
_BUSY_ROWS = ("r_granted", "r_partial", "r_unable_not_held", "r_np_repeat", "r_denied_third_party")


@dataclass(frozen=True)
class Scale:
    """How much work the organ's numbers show: a township answers a handful of applications, a city
    government thousands; 表二 counts run from none to tens of thousands of decisions. The default is
    the spread the examples and most tests were made with (every 表二 count drawn evenly)."""

    busy_max: int = 40  # a busy 表三 cell (natural persons granted, …): 1…busy_max
    odd_share: float = 0.08  # share of the other cells that are not zero
    odd_max: int = 3
    review_max: int = 40  # 表四: a busy cell 1…review_max
    active_max: int = 60  # 表二 counts (decisions; everything when the next two are None)
    docs_max: int | None = None  # 表二 documents made, published or repealed in the year
    items_max: int | None = None  # 表二 item counts (上一年项目数量) and documents in force
    delta_max: int = 5  # 表二 本年增/减 (E2019): −delta_max…delta_max
    amount_max: int = 900000  # 表二 procurement money (E2019), in hundredths
    fee_max: int = 90000  # 表二 fees in 万元 (E2021), in hundredths
    # As real reports have them: 规章 only where an organ makes them, 本年增/减 mostly none, and many
    # 表二 counts 0 in small organs. Zero in the default: every count drawn evenly.
    no_regulations_share: float = 0.0
    # Documents in force at the year's end include this year's that were not repealed.
    stocks_include_flows: bool = False
    delta_zero_share: float = 0.0
    active_zero_share: float = 0.0


TOWNSHIP = Scale()
# Real-like spreads for a township, a county (or its department) and a city government.
SMALL = Scale(
    busy_max=12, review_max=3, active_max=200, docs_max=3, items_max=30, delta_max=5,
    amount_max=5_000_000, fee_max=5_000, no_regulations_share=1.0, stocks_include_flows=True,
    delta_zero_share=0.8, active_zero_share=0.5,
)  # fmt: skip
COUNTY = Scale(
    busy_max=300, odd_share=0.15, odd_max=12, review_max=12, active_max=3000, docs_max=30, items_max=400,
    delta_max=40, amount_max=90_000_000, fee_max=1_000_000, no_regulations_share=0.9,
    stocks_include_flows=True, delta_zero_share=0.6, active_zero_share=0.15,
)  # fmt: skip
CITY = Scale(
    busy_max=2500, odd_share=0.3, odd_max=60, review_max=60, active_max=40000, docs_max=120, items_max=1500,
    delta_max=400, amount_max=9_000_000_000, fee_max=10_000_000, no_regulations_share=0.5,
    stocks_include_flows=True, delta_zero_share=0.5, active_zero_share=0.05,
)  # fmt: skip


def _small(rng: random.Random, busy: bool, scale: Scale = TOWNSHIP, busy_max: int | None = None) -> int:
    """Mostly zeros, as in real reports, with a few non-zero counts where the work usually is."""
    if busy and rng.random() < 0.6:
        return rng.randint(1, busy_max or scale.busy_max)
    return rng.randint(1, scale.odd_max) if rng.random() < scale.odd_share else 0


def _applications(rng: random.Random, edition: Edition, scale: Scale) -> TableValues:
    table: TableValues = {}
    results = edition.applications.result_leaves
    for col in _COLS6:
        busy = col in ("natural", "org_commercial")
        for row in results:
            table.setdefault(row.key, {})[col] = _small(rng, busy and row.key in _BUSY_ROWS, scale)
        total = sum(int(table[r.key][col] or 0) for r in results)
        table.setdefault("r_total", {})[col] = total
        forward = rng.randint(0, 3) if busy else 0
        carried = rng.randint(0, min(3, total + forward))
        table.setdefault("carry_forward", {})[col] = forward
        table.setdefault("carried_over", {})[col] = carried
        table.setdefault("new_received", {})[col] = total + forward - carried
    ordered: TableValues = {}
    for row in edition.applications.data_rows:
        values = table[row.key]
        values["total"] = sum(int(values[c] or 0) for c in _COLS6)
        ordered[row.key] = {c.key: values[c.key] for c in APPLICANT_COLUMNS}
    return ordered


def _review(rng: random.Random, scale: Scale) -> TableValues:
    table: TableValues = {}
    for group in REVIEW_TABLE.groups:
        parts: dict[str, CellValue] = {
            c.key: _small(rng, rng.random() < 0.3, scale, scale.review_max) for c in REVIEW_TABLE.columns[:-1]
        }
        parts["total"] = sum(int(v or 0) for v in parts.values())
        table[group.key] = parts
    return table


def _active(rng: random.Random, edition: Edition, scale: Scale) -> TableValues:
    table: TableValues = {}
    for block in edition.active.blocks:
        for row in block.rows:
            cells: dict[str, CellValue] = {}
            none = (
                row.key == "regulations"
                and scale.no_regulations_share
                and rng.random() < scale.no_regulations_share
            )
            for column in block.columns:
                cells[column.key] = 0 if none else _active_value(rng, column.key, scale)
            if "prev_items" in cells:
                # An item count cannot fall below zero: the net change is bounded by last year's count.
                cells["delta_items"] = max(int(cells["delta_items"] or 0), -int(cells["prev_items"] or 0))
            if scale.stocks_include_flows and "valid" in cells:
                flow = int(cells["made"] or 0) - int(cells["repealed"] or 0)
                cells["valid"] = int(cells["valid"] or 0) + max(flow, 0)
            if "total_published" in cells:
                cells["total_published"] = int(cells["total_published"] or 0) + int(
                    cells["new_published"] or 0
                )
            table[row.key] = cells
    return table


def _active_value(rng: random.Random, col: str, scale: Scale) -> CellValue:
    zero_share = scale.delta_zero_share if col == "delta_items" else scale.active_zero_share
    if zero_share and rng.random() < zero_share:
        return 0
    if col == "amount_wan_yuan":
        # Fees in 万元 as the organ collects them (a township or a county department: hundreds at most).
        if rng.random() < 0.5:
            return Decimal(rng.randint(0, scale.fee_max)) / 100
        return rng.randint(0, scale.fee_max // 180)
    if col == "proc_amount":
        if rng.random() < 0.5:
            return Decimal(rng.randint(0, scale.amount_max)) / 100
        return rng.randint(0, scale.amount_max // 1800)
    if col == "delta_items":
        return rng.randint(-scale.delta_max, scale.delta_max)
    if col in _DOCUMENTS and scale.docs_max is not None:
        return rng.randint(0, scale.docs_max)
    if col in _STOCKS and scale.items_max is not None:
        return rng.randint(0, scale.items_max)
    return rng.randint(0, scale.active_max)


_DOCUMENTS = ("made", "repealed", "new_made", "new_published", "proc_items")
_STOCKS = ("valid", "total_published", "prev_items")


def _prose(organ: str, year: int, edition: Edition, table: TableValues) -> dict[str, str]:
    received = table["new_received"]["total"]
    s6 = phrases.NOTHING
    if edition.key == "E2021":
        s6 = f"{year}年，本机关在办理政府信息公开申请中未收取信息处理费。"
    return {
        "s1_overview": (
            f"{year}年，{organ}坚持以公开为常态、不公开为例外，围绕群众关切推进政务公开。"
            f"主动公开方面，及时发布规范性文件、财政预决算和惠民政策。依申请公开方面，全年新收政府信息公开申请{received}件，"
            "均在法定期限内答复。政府信息管理方面，健全公开审查机制，动态更新主动公开目录。"
            "平台建设方面，及时维护政府网站信息公开专栏。监督保障方面，将政务公开纳入年度考核。"
        ),
        "s2_active": "",
        "s3_requests": "",
        "s4_review_litigation": "",
        "s5_problems": (
            "上一年度报告提出的栏目更新不及时问题已整改，建立了栏目更新台账。"
            "目前的主要问题是政策解读形式较为单一。下一步将每月自查一次，并增加图解和问答等解读形式。"
        ),
        "s6_other": s6,
    }


def generate(
    seed: int, year: int = 2024, organ: str = "示例县城关镇人民政府", scale: Scale = TOWNSHIP
) -> Report:
    """A consistent report: every printed 勾稽关系 holds and every section is present."""
    rng = random.Random(seed)
    edition = edition_for_year(year)
    applications = _applications(rng, edition, scale)
    prose = _prose(organ, year, edition, applications)
    period = Period(start=date(year, 1, 1), end=date(year, 12, 31))
    contact = Contact(
        address="示例县人民路1号",
        postcode="100000",
        phone=["010-12345678"],
        url=["http://www.example.gov.cn"],
    )
    preamble = (
        phrases.legal_basis(edition.notice_number)
        + phrases.period_sentence(period.start, period.end)
        + phrases.contact_sentence(contact)
    )
    return Report(
        source=Source(path=f"generated-{seed}.txt", format="txt"),
        organ=organ,
        year=year,
        edition=edition.key,  # type: ignore[arg-type]
        edition_source="signature",
        title=report_title(organ, year),
        period=period,
        contact=contact,
        preamble=preamble,
        sections=[
            SectionEntry(key=s.key, heading=s.heading, canonical=True, text=prose[s.key])
            for s in edition.sections
        ],
        tables={
            ACTIVE: _active(rng, edition, scale),
            APPLICATIONS: applications,
            REVIEW: _review(rng, scale),
        },
        fee=Fee(charged=False) if edition.key == "E2021" else None,
    )

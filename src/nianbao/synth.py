"""Generated reports: consistent numbers in either edition with prose written by this project.

Used for the bundled examples, for test fixtures (with planted errors) and for benchmarks. The
same seed always gives the same report.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from .editions import Edition, edition_for_year
from .editions.common import APPLICANT_COLUMNS, REVIEW_TABLE
from .model import CellValue, Contact, Fee, Period, Report, SectionEntry, Source, TableValues

_COLS6 = [c.key for c in APPLICANT_COLUMNS[:-1]]
_BUSY_ROWS = ("r_granted", "r_partial", "r_unable_not_held", "r_np_repeat", "r_denied_third_party")


def _small(rng: random.Random, busy: bool) -> int:
    """Mostly zeros, as in real reports, with a few non-zero counts where the work usually is."""
    if busy and rng.random() < 0.6:
        return rng.randint(1, 40)
    return rng.randint(1, 3) if rng.random() < 0.08 else 0


def _applications(rng: random.Random, edition: Edition) -> TableValues:
    table: TableValues = {}
    results = [r for r in edition.applications.data_rows if r.parent and r.key != "r_total"]
    for col in _COLS6:
        busy = col in ("natural", "org_commercial")
        for row in results:
            table.setdefault(row.key, {})[col] = _small(rng, busy and row.key in _BUSY_ROWS)
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


def _review(rng: random.Random) -> TableValues:
    table: TableValues = {}
    for group in REVIEW_TABLE.groups:
        parts: dict[str, CellValue] = {
            c.key: _small(rng, busy=rng.random() < 0.3) for c in REVIEW_TABLE.columns[:-1]
        }
        parts["total"] = sum(int(v or 0) for v in parts.values())
        table[group.key] = parts
    return table


def _active(rng: random.Random, edition: Edition) -> TableValues:
    table: TableValues = {}
    for block in edition.active.blocks:
        for row in block.rows:
            cells: dict[str, CellValue] = {}
            for column in block.columns:
                cells[column.key] = _active_value(rng, column.key)
            if "prev_items" in cells:
                # An item count cannot fall below zero: the net change is bounded by last year's count.
                cells["delta_items"] = max(int(cells["delta_items"] or 0), -int(cells["prev_items"] or 0))
            if "total_published" in cells:
                cells["total_published"] = int(cells["total_published"] or 0) + int(
                    cells["new_published"] or 0
                )
            table[row.key] = cells
    return table


def _active_value(rng: random.Random, col: str) -> CellValue:
    if col in ("amount_wan_yuan", "proc_amount"):
        return Decimal(rng.randint(0, 900000)) / 100 if rng.random() < 0.5 else rng.randint(0, 500)
    if col == "delta_items":
        return rng.randint(-5, 5)
    return rng.randint(0, 60)


def _prose(organ: str, year: int, edition: Edition, table: TableValues) -> dict[str, str]:
    received = table["new_received"]["total"]
    s6 = "无。"
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


def generate(seed: int, year: int = 2024, organ: str = "示例县城关镇人民政府") -> Report:
    """A consistent report: every printed 勾稽关系 holds and every section is present."""
    rng = random.Random(seed)
    edition = edition_for_year(year)
    applications = _applications(rng, edition)
    prose = _prose(organ, year, edition, applications)
    preamble = (
        f"本报告根据《中华人民共和国政府信息公开条例》和{edition.notice_number}要求编制。"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
        "本报告电子版可在示例县人民政府网站（http://www.example.gov.cn）查阅。"
        "如对本报告有疑问，请与本机关办公室联系（地址：示例县人民路1号；邮编：100000；电话：010-12345678）。"
    )
    return Report(
        source=Source(path=f"generated-{seed}.txt", format="txt"),
        organ=organ,
        year=year,
        edition=edition.key,  # type: ignore[arg-type]
        edition_source="signature",
        title=f"{organ}{year}年政府信息公开工作年度报告",
        period=Period(start=date(year, 1, 1), end=date(year, 12, 31)),
        contact=Contact(
            address="示例县人民路1号",
            postcode="100000",
            phone=["010-12345678"],
            url=["http://www.example.gov.cn"],
        ),
        preamble=preamble,
        sections=[
            SectionEntry(key=s.key, heading=s.heading, canonical=True, text=prose[s.key])
            for s in edition.sections
        ],
        tables={
            "active": _active(rng, edition),
            "applications": applications,
            "review_litigation": _review(rng),
        },
        fee=Fee(charged=False) if edition.key == "E2021" else None,
    )

"""The annual report from the ledger: a `Report` (the same model parse gives) with the three tables
computed, the metadata, and section texts pre-filled with the computed figures for the clerk to edit;
then the existing rules and `render`. And the cell-by-cell difference with a published report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..chinese.marks import strip_enumerator
from ..editions import Edition, edition_for_year
from ..editions.titles import report_title
from ..model import CellValue, Period, Report, SectionEntry, Source, TableValues, cell_path
from ..render import phrases
from ..rules import run_rules
from .book import Ledger
from .clock import Status
from .registers import ActiveItem
from .words import ACTIVE_CHANNELS

SOURCE_FORMAT = "ledger"


def _n(table: TableValues, row: str, col: str = "total") -> int:
    return int(table.get(row, {}).get(col) or 0)


def _group(table: TableValues, edition: Edition, parent: str) -> int:
    """The count of a kind of result: its leaves (E2019's single （六） row is its own leaf)."""
    return sum(_n(table, r.key) for r in edition.applications.leaves(parent))


def _label(edition: Edition, key: str) -> str:
    return strip_enumerator(next(r.label for r in edition.applications.rows if r.key == key))


def _published(items: list[ActiveItem], year: int) -> list[ActiveItem]:
    return [i for i in items if i.published_on.year == year and i.disclosure == "active"]


def active_sentence(items: list[ActiveItem], year: int, table: TableValues, edition: Edition) -> str:
    """§2 prose: items published, by channel; documents made, repealed, in force."""
    published = _published(items, year)
    channels: Counter[str] = Counter(c for i in published for c in i.channels)
    text = f"{year}年，本机关主动公开政府信息{len(published)}条"
    if channels:
        parts = [f"{ACTIVE_CHANNELS[c]}{n}条" for c, n in sorted(channels.items(), key=lambda p: -p[1])]
        text += "，其中" + "、".join(parts)
    text += "。"
    docs = []
    for block in edition.active.blocks[:1]:
        for row in block.rows:
            values = table.get(row.key, {})
            made = values.get("made", values.get("new_made"))
            docs.append(f"{row.label}{made or 0}件")
            if "valid" in values:
                docs[-1] += f"（废止{values.get('repealed') or 0}件，现行有效{values.get('valid') or 0}件）"
    if docs:
        text += "本年度制发" + "、".join(docs) + "。"
    return text


def requests_sentence(table: TableValues, edition: Edition, year: int) -> str:
    """§3 prose with the 表三 totals (the figures the text rules compare with the table)."""
    groups = [
        (_label(edition, "r_granted"), _n(table, "r_granted")),
        (_label(edition, "r_partial")[:4], _n(table, "r_partial")),
        *((_label(edition, g), _group(table, edition, g)) for g in ("denied", "unable", "not_processed")),
        (_label(edition, "r_other"), _group(table, edition, "r_other")),
    ]
    shown = "、".join(f"{name}{n}件" for name, n in groups if n)
    done = _n(table, "r_total")
    text = (
        f"{year}年，本机关新收政府信息公开申请{_n(table, 'new_received')}件，"
        f"另有上年结转{_n(table, 'carried_over')}件。"
        f"全年办结{done}件"
    )
    text += f"，其中{shown}" if shown and done else ""
    return text + f"。结转下年度继续办理{_n(table, 'carry_forward')}件。"


def review_sentence(table: TableValues, edition: Edition, year: int) -> str:
    review = _n(table, "review")
    lit = _n(table, "lit_direct") + _n(table, "lit_after_review")
    groups = {g.key: g.label for g in edition.review.groups}
    return (
        f"{year}年，本机关因政府信息公开被申请{groups['review']}{review}件，被提起行政诉讼{lit}件"
        f"（{groups['lit_direct']}{_n(table, 'lit_direct')}件、{groups['lit_after_review']}"
        f"{_n(table, 'lit_after_review')}件）。"
    )


def _timeliness(concluded: list[Status]) -> tuple[int, int]:
    late = sum(1 for s in concluded if s.overdue)
    return len(concluded) - late, late


def overview(
    ledger: Ledger, year: int, tables: dict[str, TableValues], concluded: list[Status], edition: Edition
) -> str:
    """§1: the five aspects the form asks for (主动公开 … 监督保障), in the ledger's figures."""
    published = _published(ledger.active, year)
    reviewed = sum(1 for i in published if i.secrecy_reviewed)
    channels = sorted({c for i in published for c in i.channels}, key=list(ACTIVE_CHANNELS).index)
    on_time, late = _timeliness(concluded)
    t3 = tables["applications"]
    lines = [
        f"主动公开方面，{year}年本机关主动公开政府信息{len(published)}条。",
        f"依申请公开方面，全年新收政府信息公开申请{_n(t3, 'new_received')}件，办结{_n(t3, 'r_total')}件。",
        f"政府信息管理方面，本年度主动公开的政府信息经保密审查{reviewed}条。",
        (
            "平台建设方面，本年度通过" + "、".join(ACTIVE_CHANNELS[c] for c in channels) + "公开政府信息。"
            if channels
            else "平台建设方面，本年度台账未登记主动公开的发布渠道。"
        ),
        f"监督保障方面，本年度在法定期限内作出答复{on_time}件，超过法定期限作出答复{late}件。",
    ]
    return "\n".join(lines)


def build_report(ledger: Ledger, year: int, as_of: date) -> Report:
    """The year's report from the ledger, checked by the project's rules (findings attached)."""
    edition = edition_for_year(year)
    tables = ledger.tables(year, as_of)
    concluded = [
        s for _, s in ledger.statuses(as_of) if s.concluded_on is not None and s.concluded_on.year == year
    ]
    fee = ledger.fee(year)
    late = _timeliness(concluded)[1]
    texts = {
        "s1_overview": overview(ledger, year, tables, concluded, edition),
        "s2_active": active_sentence(ledger.active, year, tables["active"], edition),
        "s3_requests": requests_sentence(tables["applications"], edition, year),
        "s4_review_litigation": review_sentence(tables["review_litigation"], edition, year),
        "s5_problems": f"本年度超过法定期限作出答复{late}件。",
        "s6_other": phrases.fee_sentence(fee),
    }
    report = Report(
        source=Source(path=f"ledger:{ledger.organ}:{year}", format=SOURCE_FORMAT),
        organ=ledger.organ,
        year=year,
        edition=edition.key,  # type: ignore[arg-type]
        edition_source="signature",
        title=report_title(ledger.organ, year),
        period=Period(start=date(year, 1, 1), end=date(year, 12, 31)),
        contact=ledger.settings.contact,
        sections=[
            SectionEntry(key=s.key, heading=s.heading, canonical=True, text=texts[s.key])
            for s in edition.sections
        ],
        tables=tables,
        fee=fee,
    )
    report.findings = list(run_rules(report))
    return report


@dataclass(frozen=True)
class CellDifference:
    path: str
    name: str
    ledger: CellValue
    published: CellValue


def cell_name(edition: Edition, path: str) -> str:
    """A cell as people find it on the form: table, row label, column label."""
    table, row, col = path.split(".")
    if table == "applications":
        rows = {r.key: r.label for r in edition.applications.rows}
        cols = {c.key: c.label for c in edition.applications.columns}
        return f"表三“{rows.get(row, row)}”行“{cols.get(col, col)}”列"
    if table == "review_litigation":
        groups = {g.key: g.label for g in edition.review.groups}
        cols = {c.key: c.label for c in edition.review.columns}
        return f"表四“{groups.get(row, row)}”“{cols.get(col, col)}”"
    rows = {r.key: r.label for b in edition.active.blocks for r in b.rows}
    cols = {c.key: c.label for b in edition.active.blocks for c in b.columns}
    return f"表二“{rows.get(row, row)}”行“{cols.get(col, col)}”列"


def diff(computed: dict[str, TableValues], published: Report, edition: Edition) -> list[CellDifference]:
    """Every cell where the published report and the ledger disagree (a blank counts as different)."""
    out = []
    for table, rows in computed.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                theirs = published.cell(table, row, col)
                if theirs is None or theirs != value:
                    path = cell_path(table, row, col)
                    out.append(CellDifference(path, cell_name(edition, path), value, theirs))
    return out

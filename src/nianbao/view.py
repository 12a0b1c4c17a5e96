"""How a Report looks to a person in the terminal: metadata, the three tables, the findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .editions import ACTIVE, APPLICATIONS, E2021, EDITIONS, REVIEW, resolve
from .model import Finding, Report
from .rules.locations import where_text
from .rules.registry import SEVERITY_NAMES

_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _show(value: object) -> str:
    return "空" if value is None else str(value)


def metadata(report: Report) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    contact = report.contact
    period = (
        f"{report.period.start:%Y年%m月%d日}至{report.period.end:%Y年%m月%d日}" if report.period else "未写明"
    )
    fee = report.fee
    fee_text = (
        "未说明"
        if fee is None
        else ("已收取" if fee.charged else "未收取")
        + (f"，{fee.amount_yuan}元" if fee.amount_yuan is not None else "")
    )
    rows = [
        ("文件", report.source.path),
        ("标题", report.title or "未找到"),
        ("机关", report.organ or "未找到"),
        ("年度", str(report.year) if report.year else "未找到"),
        (
            "格式版本",
            EDITIONS[report.edition].display_name if report.edition in EDITIONS else "未识别（未找到表格）",
        ),
        ("统计期限", period),
        ("电话", "、".join(contact.phone) or "—"),
        ("地址", contact.address or "—"),
        ("邮编", contact.postcode or "—"),
        ("电子邮箱", "、".join(contact.email) or "—"),
        ("网址", "、".join(contact.url) or "—"),
        ("信息处理费", fee_text),
        (
            "一级标题",
            "；".join(s.heading + ("" if s.key else "（格式外）") for s in report.sections) or "未找到",
        ),
    ]
    for name, value in rows:
        grid.add_row(name, value)
    return grid


def active_table(report: Report) -> Table | None:
    values = report.tables.get(ACTIVE)
    if not values:
        return None
    edition = resolve(report.edition, report.year)
    table = Table(title=edition.active.title, show_lines=False)
    table.add_column("项目")
    table.add_column("信息内容")
    table.add_column("数值")
    for block in edition.active.blocks:
        for row in block.rows:
            if row.key not in values:
                continue
            cells = "；".join(
                f"{c.label}：{_show(values[row.key][c.key])}"
                for c in block.columns
                if c.key in values[row.key]
            )
            table.add_row(block.caption, row.label, cells)
    return table


def applications_table(report: Report) -> Table | None:
    values = report.tables.get(APPLICATIONS)
    if not values:
        return None
    spec = E2021.applications
    table = Table(title=spec.title)
    table.add_column("项目", overflow="fold", ratio=3)
    for column in spec.columns:
        table.add_column(column.label, justify="right", overflow="fold", ratio=1)
    for row in spec.rows:
        if row.key not in values:
            if row.group:
                table.add_row(Text("  " * _depth(row.key) + _short(row.label), style="bold"))
            continue
        indent = "  " * _depth(row.key)
        label = _short(row.label)
        table.add_row(indent + label, *(_show(values[row.key].get(c.key)) for c in spec.columns))
    return table


def _short(label: str) -> str:
    """A row label without its long parenthetical note, to keep the table narrow."""
    return label.split("（区分")[0].split("、行政机关")[0]


def _depth(row_key: str) -> int:
    rows = {r.key: r for r in E2021.applications.rows}
    depth, parent = 0, rows[row_key].parent
    while parent:
        depth, parent = depth + 1, rows[parent].parent
    return depth


def review_table(report: Report) -> Table | None:
    values = report.tables.get(REVIEW)
    if not values:
        return None
    spec = E2021.review
    table = Table(title=spec.title)
    table.add_column("")
    for column in spec.columns:
        table.add_column(column.label, justify="right")
    for group in spec.groups:
        if group.key in values:
            table.add_row(group.label, *(_show(values[group.key].get(c.key, "（缺）")) for c in spec.columns))
    return table


def finding_line(item: Finding, report: Report) -> Text:
    where = where_text(report, item)
    text = Text("  ")
    text.append(f"{SEVERITY_NAMES[item.severity]} ", style=_SEVERITY_STYLES[item.severity])
    text.append(f"{item.rule} ", style="bold")
    if where:
        text.append(f"[{where}] ", style="dim")
    text.append(item.message)
    return text


def report_view(report: Report) -> RenderableType:
    parts: list[RenderableType] = [metadata(report)]
    parts.extend(t for t in (active_table(report), applications_table(report), review_table(report)) if t)
    return Group(*parts)


def findings_view(report: Report) -> RenderableType:
    return findings_view_of(report.findings, report)


def findings_view_of(findings: list[Finding], report: Report) -> RenderableType:
    """Some of a report's findings (those of one severity, say), each with where it is in the report."""
    if not findings:
        return Text("  未发现问题", style="green")
    return Group(*(finding_line(f, report) for f in findings))

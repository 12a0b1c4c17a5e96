"""A Report as a plain-text report: the six sections with the three tables as tab-separated rows,
laid out the way Word exports the official form. Every cell is filled (a blank prints as 0 only
if the Report holds 0: None prints as an empty cell, so nothing is invented)."""

from __future__ import annotations

from ..editions import ACTIVE, APPLICATIONS, REVIEW, Edition, resolve
from ..editions.common import LEDGER_NOTE
from ..model import CellValue, Report


def _cell(value: CellValue) -> str:
    return "" if value is None else str(value)


def render_text(report: Report) -> str:
    edition = resolve(report.edition, report.year)
    lines: list[str] = []
    if report.title:
        lines += [report.title, ""]
    if report.preamble:
        lines += [report.preamble, ""]
    tables = {
        edition.active.section: _active(report, edition),
        edition.applications.section: _applications(report, edition),
        edition.review.section: _review(report, edition),
    }
    for section in report.sections:
        lines += [section.heading, ""]
        if section.text:
            lines += [section.text, ""]
        table = tables.get(section.key or "")
        if table:
            lines += [*table, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _active(report: Report, edition: Edition) -> list[str]:
    values = report.tables.get(ACTIVE, {})
    if not values:
        return []
    width = max(len(b.columns) for b in edition.active.blocks)
    lines: list[str] = []
    for block in edition.active.blocks:
        pad = [""] * (width - len(block.columns))
        lines.append("\t".join([block.caption, *[""] * width]))
        lines.append("\t".join([edition.active.first_header, *(c.label for c in block.columns), *pad]))
        for row in block.rows:
            cells = values.get(row.key, {})
            lines.append("\t".join([row.label, *(_cell(cells.get(c.key)) for c in block.columns), *pad]))
    return lines


def _applications(report: Report, edition: Edition) -> list[str]:
    values = report.tables.get(APPLICATIONS, {})
    if not values:
        return []
    spec = edition.applications
    labels = [c.label for c in spec.columns]
    lead = ["", "", ""]  # three label columns: group, sub-group, row
    lines = [
        "\t".join([LEDGER_NOTE, "", "", spec.header_labels[0], *[""] * 6]),
        "\t".join([*lead, labels[0], spec.header_labels[1], "", "", "", "", labels[-1]]),
        "\t".join([*lead, "", *labels[1:-1], ""]),
    ]
    rows = {r.key: r for r in spec.rows}
    # A group label is printed once, in the first row under it, as in a merged Word cell.
    printed: set[str] = set()
    for row in spec.rows:
        if row.key not in values:
            continue
        chain: list[str] = []
        parent = row.parent
        while parent:
            chain.insert(0, parent)
            parent = rows[parent].parent
        label_cells = [rows[p].label if p not in printed else "" for p in chain]
        printed.update(chain)
        label_cells = [*label_cells, row.label, *[""] * (len(lead) - 1 - len(chain))]
        lines.append("\t".join([*label_cells, *(_cell(values[row.key].get(c.key)) for c in spec.columns)]))
    return lines


def _review(report: Report, edition: Edition) -> list[str]:
    values = report.tables.get(REVIEW, {})
    if not values:
        return []
    spec = edition.review
    leaves = [c.label for c in spec.columns]
    return [
        "\t".join([spec.header_labels[0], "", "", "", "", spec.header_labels[1], *[""] * 9]),
        "\t".join([*leaves, spec.groups[1].label, "", "", "", "", spec.groups[2].label, "", "", "", ""]),
        "\t".join(["", "", "", "", "", *leaves, *leaves]),
        "\t".join(_cell(values.get(g, {}).get(c)) for g, c in spec.ordered_cells()),
    ]

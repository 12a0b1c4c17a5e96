"""Writers: a Report back into a document in the official form.

`render` refuses a report whose numbers break an error-level rule (spec §7): the findings come back
in `RenderRefused` and nothing is written, unless the file is asked for as a draft, which is then
marked 草稿 on every page. A report with no number filled in at all (a fill-in workbook rendered before
anyone typed into it) is refused the same way (`NothingFilled`): all zeros is not a report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Finding, Report
from ..rules import run_rules
from ..rules.values import cell_label
from .docx import docx_of, render_docx
from .html import html_of, render_html
from .layout import Composition, compose
from .markdown import markdown_of, render_markdown
from .pdf import PdfError, render_pdf, save_pdf
from .text import render_text

# Each writer saves one composition (composed once by write_report) to a file; the Word-based ones
# (DOCX, and PDF through it) can start from a unit's letterhead document.
Writer = Callable[[Composition, Path, bool, Path | None], None]
WRITERS: dict[str, Writer] = {
    "docx": lambda comp, path, draft, letterhead: _save(docx_of(comp, draft, letterhead), path),
    "pdf": save_pdf,
    "html": lambda comp, path, draft, _: _save(html_of(comp, draft), path),
    "md": lambda comp, path, draft, _: _save(markdown_of(comp, draft), path),
}
FORMATS = tuple(WRITERS)
LETTERHEAD_FORMATS = ("docx", "pdf")


def _save(content: str | bytes, path: Path) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


class RenderRefused(Exception):
    """The report breaks error-level rules; nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} error-level finding(s)")
        self.findings = findings


class NothingFilled(RenderRefused):
    """Every cell of the report's tables is blank; nothing was written."""

    def __init__(self) -> None:
        super().__init__([])


def nothing_filled(report: Report) -> bool:
    """True when no table cell of the report holds a value (printing it would give a report of zeros)."""
    return all(value is None for value in report.cell_values().values())


@dataclass(frozen=True)
class RenderResult:
    """What writing a report did: the file, the cells the Report left blank (printed as 0, spec §7), named
    as a person finds them in the printed tables, the error findings a draft was written with, the
    warnings (and notes) the written report still has, and whether no number was filled in at all
    (then the file is a draft)."""

    path: Path
    blank_cells: list[str]
    findings: list[Finding]
    warnings: list[Finding] = field(default_factory=list)
    empty: bool = False


def fresh_findings(report: Report) -> list[Finding]:
    """Every finding of the report's data, checked afresh (stored findings are ignored)."""
    return list(run_rules(report.model_copy(update={"findings": []})))


def blocking_findings(report: Report) -> list[Finding]:
    """Error-level findings of the report's data, checked afresh (stored findings are ignored)."""
    return [f for f in fresh_findings(report) if f.severity == "error"]


def write_report(
    report: Report, fmt: str, path: str | Path, draft: bool = False, letterhead: Path | None = None
) -> RenderResult:
    """Write the report as `fmt` to `path` (composed once), or raise RenderRefused (NothingFilled for a
    report with no number in it) without writing."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    empty = nothing_filled(report)
    if empty and not draft:
        raise NothingFilled()
    findings = fresh_findings(report)
    errors = [f for f in findings if f.severity == "error"]
    if errors and not draft:
        raise RenderRefused(errors)
    comp = compose(report)
    WRITERS[fmt](comp, Path(path), draft, letterhead if fmt in LETTERHEAD_FORMATS else None)
    blanks = [cell_label(report, p) for p in comp.blank_cells]
    others = [f for f in findings if f.severity != "error"]
    return RenderResult(Path(path), blanks, errors, others, empty)


def render(report: Report, fmt: str, path: str | Path, draft: bool = False) -> list[Finding]:
    """`write_report` for a caller that needs only the error findings a draft was written with."""
    return write_report(report, fmt, path, draft).findings


__all__ = [
    "FORMATS",
    "LETTERHEAD_FORMATS",
    "NothingFilled",
    "PdfError",
    "RenderRefused",
    "RenderResult",
    "blocking_findings",
    "fresh_findings",
    "nothing_filled",
    "render",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_text",
    "write_report",
]

"""Writers: a Report back into a document in the official form.

`render` refuses a report whose numbers break an error-level rule (spec §7): the findings come back
in `RenderRefused` and nothing is written, unless the file is asked for as a draft, which is then
marked 草稿 on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

# Each writer saves one composition (composed once by write_report) to a file.
Writer = Callable[[Composition, Path, bool], None]
WRITERS: dict[str, Writer] = {
    "docx": lambda comp, path, draft: _save(docx_of(comp, draft), path),
    "pdf": save_pdf,
    "html": lambda comp, path, draft: _save(html_of(comp, draft), path),
    "md": lambda comp, path, draft: _save(markdown_of(comp, draft), path),
}
FORMATS = tuple(WRITERS)


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


@dataclass(frozen=True)
class RenderResult:
    """What writing a report did: the file, the cells the Report left blank (printed as 0, spec §7), named
    as a person finds them in the printed tables, and the error findings a draft was written with."""

    path: Path
    blank_cells: list[str]
    findings: list[Finding]


def blocking_findings(report: Report) -> list[Finding]:
    """Error-level findings of the report's data, checked afresh (stored findings are ignored)."""
    fresh = report.model_copy(update={"findings": []})
    return [f for f in run_rules(fresh) if f.severity == "error"]


def write_report(report: Report, fmt: str, path: str | Path, draft: bool = False) -> RenderResult:
    """Write the report as `fmt` to `path` (composed once), or raise RenderRefused without writing."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    errors = blocking_findings(report)
    if errors and not draft:
        raise RenderRefused(errors)
    comp = compose(report)
    WRITERS[fmt](comp, Path(path), draft)
    return RenderResult(Path(path), [cell_label(report, p) for p in comp.blank_cells], errors)


def render(report: Report, fmt: str, path: str | Path, draft: bool = False) -> list[Finding]:
    """`write_report` for a caller that needs only the error findings a draft was written with."""
    return write_report(report, fmt, path, draft).findings


__all__ = [
    "FORMATS",
    "PdfError",
    "RenderRefused",
    "RenderResult",
    "blocking_findings",
    "render",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_text",
    "write_report",
]

"""Writers: a Report back into a document in the official form.

`render` refuses a report whose numbers break an error-level rule (spec §7): the findings come back
in `RenderRefused` and nothing is written, unless the file is asked for as a draft, which is then
marked 草稿 on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model import Finding, Report
from .docx import render_docx, write_docx
from .html import render_html, write_html
from .markdown import render_markdown, write_markdown
from .pdf import PdfError, render_pdf, write_pdf
from .text import render_text

Writer = Callable[[Report, str | Path, bool], None]
WRITERS: dict[str, Writer] = {"docx": write_docx, "pdf": write_pdf, "html": write_html, "md": write_markdown}
FORMATS = tuple(WRITERS)


class RenderRefused(Exception):
    """The report breaks error-level rules; nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} error-level finding(s)")
        self.findings = findings


def blocking_findings(report: Report) -> list[Finding]:
    """Error-level findings of the report's data, checked afresh (stored findings are ignored)."""
    from ..rules import run_rules

    fresh = report.model_copy(update={"findings": []})
    return [f for f in run_rules(fresh) if f.severity == "error"]


def render(report: Report, fmt: str, path: str | Path, draft: bool = False) -> list[Finding]:
    """Write the report as `fmt` to `path`; returns the error findings a draft was written with."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    errors = blocking_findings(report)
    if errors and not draft:
        raise RenderRefused(errors)
    WRITERS[fmt](report, path, draft)
    return errors


__all__ = [
    "FORMATS",
    "PdfError",
    "RenderRefused",
    "blocking_findings",
    "render",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_text",
]

"""The Python API: what the CLI (and later the store and web app) call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .extract import extract
from .model import Finding, Report
from .readers import ReadError, read_path
from .rules import run_rules

# File endings taken when a directory is walked; single files are read whatever their name.
REPORT_SUFFIXES = {
    ".txt",
    ".md",
    ".markdown",
    ".text",
    ".pdf",
    ".docx",
    ".doc",
    ".wps",
    ".rtf",
    ".html",
    ".htm",
}


def parse(path: str | Path) -> Report:
    """Read one report and check it: the Report with every cell, its sources and all findings."""
    report = extract(read_path(path))
    if report.title is None and not report.sections and not report.tables:
        raise ReadError(str(path), "未发现年度报告的标题、章节或表格，可能不是政府信息公开工作年度报告")
    report.findings.extend(run_rules(report))
    return report


def check(report: Report) -> list[Finding]:
    """Run every registered rule on a Report (for instance one read back from JSON)."""
    return list(run_rules(report))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, directories walked in name order (hidden entries skipped)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in REPORT_SUFFIXES:
                    yield child
        else:
            yield path

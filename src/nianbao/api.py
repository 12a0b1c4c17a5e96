"""The Python API: what the CLI (and later the store and web app) call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from .extract import extract
from .extract.published import publication
from .model import Finding, Published, Report
from .readers import ReadError, read_bytes, read_path
from .readers.limits import time_limit
from .rules import crossyear, run_pair_rules, run_rules
from .rules.timeliness import DEFAULT_DEADLINES, Deadlines, deadline_findings

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
    return _checked(extract(read_path(path)), str(path))


def parse_bytes(data: bytes, name: str) -> Report:
    """`parse` for a file held in memory (an upload); `name` is only shown to people, the format is
    told from the content, and the readers' time limit applies."""
    with time_limit(name):
        document = read_bytes(data, name)
    return _checked(extract(document), name)


def _checked(report: Report, name: str) -> Report:
    if report.title is None and not report.sections and not report.tables:
        raise ReadError(name, "未发现年度报告的标题、章节或表格，可能不是政府信息公开工作年度报告")
    report.findings.extend(run_rules(report))
    return report


def check(report: Report) -> list[Finding]:
    """Run every registered rule on a Report (for instance one read back from JSON or generated). A Report
    that extraction did not make gets its publication date here, as extraction would have set it."""
    report.source.published = publication(report)
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


def link_years(reports: Sequence[Report]) -> dict[int, int]:
    """Index of each report → index of the same organ's report for the previous year, among those given."""
    return crossyear.link_years(reports)


def check_batch(
    reports: Sequence[Report], published: date | None = None, deadlines: Deadlines = DEFAULT_DEADLINES
) -> None:
    """Findings that need more than one report, added in place: the cross-year rules for every pair of
    consecutive years of the same organ, and S-DEADLINE against a publication date given by the caller
    (it replaces a date found in the document or the file's metadata; it is kept in source.published)."""
    for index, previous in link_years(reports).items():
        reports[index].findings.extend(run_pair_rules(reports[index], reports[previous]))
    if published is None and deadlines == DEFAULT_DEADLINES:
        return
    for report in reports:
        if published is not None:
            report.source.published = Published(date=published, origin="given")
        else:
            report.source.published = publication(report)
        known = report.source.published
        if known is None:
            continue
        report.findings[:] = [f for f in report.findings if f.rule != "S-DEADLINE"]
        report.findings.extend(deadline_findings(report, known.date, deadlines, known.where, known.origin))


def check_many(
    paths: Iterable[str | Path], published: date | None = None, deadlines: Deadlines = DEFAULT_DEADLINES
) -> list[tuple[Path, Report | ReadError]]:
    """Read and check many reports (files or directories) in input order, linking consecutive years."""
    results: list[tuple[Path, Report | ReadError]] = []
    for path in expand_paths(paths):
        try:
            results.append((path, parse(path)))
        except ReadError as exc:
            results.append((path, exc))
    check_batch([r for _, r in results if isinstance(r, Report)], published, deadlines)
    return results

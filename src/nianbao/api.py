"""The Python API: what the CLI (and later the store and web app) call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from .extract.published import publication
from .loader import load, load_bytes, load_many
from .model import Finding, Published, Report
from .readers import ReadError
from .reviewing import published_for
from .rules import crossyear, run_pair_rules, run_rules
from .rules.locations import label_findings
from .rules.timeliness import DEFAULT_DEADLINES, Deadlines, deadline_findings


def parse(path: str | Path) -> Report:
    """Read one report of any kind nianbao knows (a document, its contract JSON/YAML, a filled workbook,
    a zip archive holding one) and check it: the Report with every cell, its sources and all findings."""
    return load(path)


def parse_bytes(data: bytes, name: str) -> Report:
    """`parse` for a file held in memory (an upload); `name` is only shown to people, the kind is told
    from the content, and the readers' time limit applies."""
    return load_bytes(data, name)


def check(report: Report) -> list[Finding]:
    """Run every registered rule on a Report (for instance one read back from JSON or generated). A Report
    that extraction did not make gets its publication date here, as extraction would have set it."""
    report.source.published = publication(report)
    return list(run_rules(report))


def link_years(reports: Sequence[Report]) -> dict[int, int]:
    """Index of each report → index of the same organ's report for the previous year, among those given."""
    return crossyear.link_years(reports)


def check_batch(
    reports: Sequence[Report],
    published: date | Mapping[str, date] | None = None,
    deadlines: Deadlines = DEFAULT_DEADLINES,
) -> None:
    """Findings that need more than one report, added in place: the cross-year rules for every pair of
    consecutive years of the same organ, and S-DEADLINE against a publication date given by the caller:
    one date (for a single report) or file → date (a CSV, `reviewing.read_published_csv`), matched by
    the file's path or name. A given date replaces one found in the document or the file's metadata and
    is kept in source.published; a report the mapping does not name keeps its own."""
    for index, previous in link_years(reports).items():
        reports[index].findings.extend(run_pair_rules(reports[index], reports[previous]))
        label_findings(reports[index])
    if published is None and deadlines == DEFAULT_DEADLINES:
        return
    for report in reports:
        given = published if isinstance(published, date) or published is None else None
        if isinstance(published, Mapping):
            given = published_for(published, report.source.path)
        if given is not None:
            report.source.published = Published(date=given, origin="given")
        else:
            report.source.published = publication(report)
        known = report.source.published
        if known is None:
            continue
        report.findings[:] = [f for f in report.findings if f.rule != "S-DEADLINE"]
        report.findings.extend(deadline_findings(report, known.date, deadlines, known.where, known.origin))
        label_findings(report)


def check_many(
    paths: Iterable[str | Path],
    published: date | Mapping[str, date] | None = None,
    deadlines: Deadlines = DEFAULT_DEADLINES,
) -> list[tuple[Path, Report | ReadError]]:
    """Read and check many reports (files or directories) in input order, linking consecutive years."""
    results = [(Path(item.display), result) for item, result in load_many(paths)]
    check_batch([r for _, r in results if isinstance(r, Report)], published, deadlines)
    return results

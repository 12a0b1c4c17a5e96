"""From a Document to a Report: metadata, sections, edition and every table cell with its source."""

from __future__ import annotations

from ..document import Document
from ..editions import E2021, LEGACY, edition_for_year
from ..model import Report, Source
from .flat_text import unflatten
from .layout_text import unlayout
from .legacy import read_statistics
from .period_contact_fee import find_contact, find_fee, find_period, find_year_in_text
from .published import find_published
from .recheck import recheck
from .sections import find_sections, join_body_anchored
from .tables import TableReading, detect_edition, read_tables
from .titles import organ_in_preamble, read_title

__all__ = ["extract"]


def extract(doc: Document) -> Report:
    paragraphs, flat = unflatten(doc.paragraphs)
    if not flat.sources:
        # Text laid out by spaces (pdftotext -layout, a PDF table without ruling): lines ending with
        # numbers. Rows read from the document's grids come first.
        paragraphs, flat = unlayout(paragraphs)
    heading = read_title(paragraphs, doc.metadata_titles)
    title, title_lines, organ, year = heading.title, heading.lines, heading.organ, heading.year
    full_text = "\n".join(p.text for p in paragraphs)
    period = find_period(full_text)
    if year is None:
        year = period.start.year if period else find_year_in_text(full_text)

    edition = detect_edition(doc.tables) or flat.edition
    # Before 2019 (the 2008 条例) there was no form: a report is read as of its time when its year says so
    # or it carries the statistics table of that time, unless its tables are those of the 2019 form.
    statistics = read_statistics(doc.tables, LEGACY.statistics) if edition is None else TableReading()
    legacy = edition is None and (bool(statistics.tables) or (year is not None and LEGACY.applies_to(year)))
    edition_key = edition.key if edition else None
    edition_source = "signature" if edition else None
    reading_edition = edition or (edition_for_year(year) if year else E2021)
    if legacy:
        reading = statistics
        edition_key, edition_source = LEGACY.key, "signature" if statistics.tables else "year_fallback"
    else:
        reading = read_tables(doc.tables, reading_edition)
        reading.merge(flat.read(reading_edition))
        if edition is None and reading.tables:
            edition_key, edition_source = reading_edition.key, "year_fallback"

    body = paragraphs[title_lines:]
    sections, first_heading = find_sections(body, LEGACY if legacy else reading_edition)
    preamble, preamble_anchors = join_body_anchored(body[:first_heading])
    if organ is None:
        # A page copied without its title still names the report in its first sentence.
        organ = organ_in_preamble(preamble)
    s6 = next((s for s in sections if s.key == "s6_other"), None)

    report = Report(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            pages=doc.pages,
            ocr=doc.ocr,
            published=find_published(paragraphs, sections, year, doc.metadata_dates),
        ),
        organ=organ,
        year=year,
        edition=edition_key,  # type: ignore[arg-type]
        edition_source=edition_source,  # type: ignore[arg-type]
        title=title,
        period=period,
        contact=find_contact(full_text),
        preamble=preamble,
        preamble_anchors=preamble_anchors,
        sections=sections,
        tables=reading.tables,
        fee=find_fee(s6.text if s6 else full_text),
        findings=reading.findings,
        provenance=reading.provenance,
    )
    recheck(report, reading.rereadable)
    return report

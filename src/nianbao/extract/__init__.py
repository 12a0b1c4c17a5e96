"""From a Document to a Report: metadata, sections, edition and every table cell with its source."""

from __future__ import annotations

from ..document import Document
from ..editions import E2021, edition_for_year
from ..model import Report, Source
from .metadata import find_contact, find_fee, find_period, find_title, find_year_in_text, organ_and_year
from .published import find_published
from .sections import find_sections, join_body_anchored
from .tables import detect_edition, read_tables

__all__ = ["extract"]


def extract(doc: Document) -> Report:
    paragraphs = doc.paragraphs
    title, title_lines = find_title(paragraphs)
    organ, year = organ_and_year(title)
    full_text = "\n".join(p.text for p in paragraphs)
    period = find_period(full_text)
    if year is None:
        year = period.start.year if period else find_year_in_text(full_text)

    edition = detect_edition(doc.tables)
    edition_source = "signature" if edition else None
    reading_edition = edition or (edition_for_year(year) if year else E2021)
    reading = read_tables(doc.tables, reading_edition)
    if edition is None and reading.tables:
        edition, edition_source = reading_edition, "year_fallback"

    body = paragraphs[title_lines:]
    sections, first_heading = find_sections(body, reading_edition)
    preamble, preamble_anchors = join_body_anchored(body[:first_heading])
    s6 = next((s for s in sections if s.key == "s6_other"), None)

    return Report(
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
        edition=edition.key if edition else None,  # type: ignore[arg-type]
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

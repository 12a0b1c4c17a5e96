"""When the report was published, as far as the file tells: a date in the document, else its metadata.

In the document, a `发布日期：…` line (web pages print one) is the publication itself and wins over the
closing signature date, which is when the report was signed. A date only counts when it falls after the
report year: a report cannot be published before its year has ended, and an earlier metadata date belongs
to the template the file was made from.
"""

from __future__ import annotations

import re
from datetime import date

from ..chinese.dates import CHINESE_DATE, PUBLISHED_LINE, to_date
from ..document import Paragraph
from ..model import Location, Published, Report, SectionEntry, anchor_at

_CLOSING_DATE_LINE = re.compile(rf"^(?:.{{0,40}}?){CHINESE_DATE}\s*$")
_CLOSING_LINES = 3


def find_published(
    paragraphs: list[Paragraph], sections: list[SectionEntry], year: int | None, metadata_dates: list[date]
) -> Published | None:
    if year is None:
        return None
    stated = _published_line(paragraphs, year)
    if stated is not None:
        return Published(date=stated[0], origin="document", where=stated[1])
    closing = closing_date(sections, year)
    if closing is not None:
        return Published(date=closing[0], origin="document", where=closing[1])
    found = next((d for d in metadata_dates if d.year > year), None)
    return Published(date=found, origin="metadata") if found else None


def publication(report: Report) -> Published | None:
    """The publication date of a Report that extraction did not make (generated, read back from JSON, typed
    in a workbook): the date it carries unless that is only the file's metadata, else the closing date
    line of its last section, else the metadata date. For a Report extraction made this is what it found."""
    known = report.source.published
    if (known is not None and known.origin != "metadata") or report.year is None:
        return known
    closing = closing_date(report.sections, report.year)
    if closing is not None:
        return Published(date=closing[0], origin="document", where=closing[1])
    return known


def _published_line(paragraphs: list[Paragraph], year: int) -> tuple[date, Location] | None:
    for para in paragraphs:
        match = PUBLISHED_LINE.search(para.text)
        if match and (found := to_date(*match.groups())) is not None and found.year > year:
            return found, para.where
    return None


def closing_date(sections: list[SectionEntry], year: int) -> tuple[date, Location | None] | None:
    """A closing date line in the last section (the signature date), if it falls after the report year."""
    if not sections:
        return None
    last = sections[-1]
    for line in reversed([x.strip() for x in last.text.split("\n") if x.strip()][-_CLOSING_LINES:]):
        match = _CLOSING_DATE_LINE.match(line)
        if match and (found := to_date(*match.groups())) is not None and found.year > year:
            where = anchor_at(last.anchors, last.text.rindex(line))
            return found, where or (Location(line=last.line) if last.line else None)
    return None

"""When the report was published, as far as the file tells: a date in the document, else its metadata.

In the document, a `发布日期：…` line (web pages print one) is the publication itself and wins over the
closing signature date, which is when the report was signed. A date only counts when it falls after the
report year: a report cannot be published before its year has ended, and an earlier metadata date belongs
to the template the file was made from.
"""

from __future__ import annotations

import re
from datetime import date

from ..document import Paragraph
from ..model import Location, Published, SectionEntry, anchor_at

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_CLOSING_DATE_LINE = re.compile(rf"^(?:.{{0,40}}?){_DATE}\s*$")
_PUBLISHED_LINE = re.compile(
    r"(?:^|\s)(?:发布|发稿)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
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


def _published_line(paragraphs: list[Paragraph], year: int) -> tuple[date, Location] | None:
    for para in paragraphs:
        match = _PUBLISHED_LINE.search(para.text)
        if match and (found := _date(match.groups())) is not None and found.year > year:
            return found, para.where
    return None


def closing_date(sections: list[SectionEntry], year: int) -> tuple[date, Location | None] | None:
    """A closing date line in the last section (the signature date), if it falls after the report year."""
    if not sections:
        return None
    last = sections[-1]
    for line in reversed([x.strip() for x in last.text.split("\n") if x.strip()][-_CLOSING_LINES:]):
        match = _CLOSING_DATE_LINE.match(line)
        if match and (found := _date(match.groups())) is not None and found.year > year:
            where = anchor_at(last.anchors, last.text.rindex(line))
            return found, where or (Location(line=last.line) if last.line else None)
    return None


def _date(groups: tuple[str, ...]) -> date | None:
    try:
        return date(*(int(g) for g in groups))
    except ValueError:
        return None

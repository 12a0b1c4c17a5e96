"""What a compliant report says, in order, independent of the output format.

Every writer (DOCX, HTML, Markdown) walks the same composition: the title, the preamble, the six
headings with their text, and the three tables as grids (editions/grids.py) in the official merged
layout of the edition chosen by the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..editions import E2021, Edition, edition_for_year, get
from ..editions.common import FEE_WORDS
from ..editions.grids import Grid, form_grids
from ..editions.titles import report_title
from ..model import Fee, Period, Report
from . import phrases


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class BodyParagraph:
    text: str


# What a composition lists, in printing order (not document.Block, which is what a reader found).
Printed = Heading | BodyParagraph | Grid


@dataclass
class Composition:
    title: str
    edition: Edition
    organ: str | None = None
    blocks: list[Printed] = field(default_factory=list)
    # Cells of the form the Report left blank: printed as 0 (spec §7), reported to the user.
    blank_cells: list[str] = field(default_factory=list)


def required_edition(report: Report) -> Edition:
    """The edition a compliant report of this year must be written in, whatever edition the Report was
    printed in (rules.labels.printed_edition); the Report's own when it names no year."""
    if report.year is not None:
        return edition_for_year(report.year)
    if report.edition in ("E2019", "E2021"):
        return get(report.edition)
    return E2021


def report_period(report: Report) -> Period | None:
    if report.period is not None:
        return report.period
    if report.year is None:
        return None
    return Period(start=date(report.year, 1, 1), end=date(report.year, 12, 31))


def title_of(report: Report) -> str:
    return report_title(report.organ or "", report.year)


def compose(report: Report) -> Composition:
    edition = required_edition(report)
    comp = Composition(title=title_of(report), edition=edition, organ=report.organ)
    for text in _preamble(report, edition):
        comp.blocks.append(BodyParagraph(text))
    texts = {s.key: s.text for s in report.sections if s.key}
    grids = form_grids(report, edition, comp.blank_cells)
    for section in edition.sections:
        comp.blocks.append(Heading(section.heading))
        text = texts.get(section.key, "")
        comp.blocks.extend(BodyParagraph(p.strip()) for p in text.split("\n") if p.strip())
        if section.key in grids:
            comp.blocks.append(grids[section.key])
        if section.key == "s6_other":
            comp.blocks.extend(BodyParagraph(p) for p in _s6_additions(text, report.fee, edition))
    return comp


def _preamble(report: Report, edition: Edition) -> list[str]:
    given = [p.strip() for p in report.preamble.split("\n") if p.strip()]
    period = report_period(report)
    if not given:
        given = [phrases.legal_basis(edition.notice_number)]
        contact = phrases.contact_sentence(report.contact)
        if period is not None:
            given[0] += phrases.period_sentence(period.start, period.end)
        if contact:
            given.append(contact)
        return given
    if period is not None and not any(phrases.PERIOD_WORD in p for p in given):
        given.append(phrases.period_sentence(period.start, period.end))
    return given


def _s6_additions(text: str, fee: Fee | None, edition: Edition) -> list[str]:
    out: list[str] = []
    if edition.key == "E2021" and not any(w in text for w in FEE_WORDS):
        out.append(phrases.fee_sentence(fee))
    if not text.strip() and not out:
        out.append(phrases.NOTHING)
    return out

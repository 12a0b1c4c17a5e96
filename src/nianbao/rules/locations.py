"""Where a finding is, said as a person finds it in the document: the heading it falls under and the
table cell (`“三、收到和处理…” 表三“予以公开”行“自然人”列`) or the first words of its paragraph
(`“五、存在的主要…” “2024年，全区政府信息公开…”段`). Paragraph ordinals mean nothing in Word or on a
web page; a PDF keeps its page and box beside the label (`Location.page`, `bbox`)."""

from __future__ import annotations

from ..model import Anchor, Finding, Location, Report
from .labels import printed_edition
from .values import cell_label

_HEADING_CHARS = 8
_FIRST_WORDS = 14


def _quoted(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit + 1 else f"“{text}”"


def _section_heading(report: Report, table: str) -> str | None:
    tables = {t.key: t.section for t in printed_edition(report).tables}
    key = tables.get(table)
    return next((s.heading for s in report.sections if key is not None and s.key == key), None)


def _same_place(anchor: Anchor, where: Location) -> bool:
    if where.line is not None:
        return anchor[1] == where.line
    if where.page is None or where.bbox is None or len(anchor) != 7:
        return False
    return anchor[2] == where.page and tuple(anchor[3:]) == where.bbox


def _paragraph(report: Report, where: Location) -> tuple[str | None, str | None]:
    """(the heading over the place, the first words of its paragraph); either may be unknown."""
    texts: list[tuple[str | None, int | None, str, list[Anchor]]] = [
        (None, None, report.preamble, report.preamble_anchors)
    ]
    texts += [(s.heading, s.line, s.text, s.anchors) for s in report.sections]
    for heading, line, text, anchors in texts:
        if where.line is not None and line == where.line:
            return heading, None
        for index, anchor in enumerate(anchors):
            if _same_place(anchor, where):
                end = anchors[index + 1][0] if index + 1 < len(anchors) else len(text)
                words = text[anchor[0] : end].strip()
                return heading, (_quoted(words, _FIRST_WORDS) + "段") if words else None
    if where.line is not None:
        above = [s for s in report.sections if s.line is not None and s.line <= where.line]
        if above:
            return max(above, key=lambda s: s.line or 0).heading, None
    return None, None


def _at_cell(report: Report, where: Location | None, path: str) -> bool:
    """Whether the finding sits at its first cell (not at a sentence of the prose about it)."""
    source = report.provenance.get(path)
    if where is None or source is None:
        return True
    return (where.page, where.line, where.bbox) == (source.page, source.line, source.bbox)


def place_label(report: Report, where: Location | None, cells: list[str]) -> str | None:
    """A finding's place in words a person can search for, or None when nothing is known."""
    heading: str | None = None
    detail: str | None = None
    if cells and cells[0].count(".") == 2 and _at_cell(report, where, cells[0]):
        named = cell_label(report, cells[0])
        if named != cells[0]:
            heading, detail = _section_heading(report, cells[0].split(".")[0]), named
    if detail is None and where is not None:
        heading, detail = _paragraph(report, where)
    parts = [_quoted(heading, _HEADING_CHARS)] if heading else []
    parts += [detail] if detail else []
    return " ".join(parts) or None


def where_text(report: Report, item: Finding) -> str:
    """A finding's place as a person finds it: the page of a paged document (PDF, scan), then the heading
    and the table cell or the paragraph's first words; a line number only when nothing else is known."""
    where = item.where
    label = (where.label if where else None) or place_label(report, where, item.cells)
    page = f"第{where.page}页" if where is not None and where.page else ""
    if label:
        return f"{page} {label}".strip()
    if where is not None and where.line and not page:
        return f"第{where.line}段"
    return page


def label_findings(report: Report) -> None:
    """Give every finding of the report that has none its place in words (findings made during
    extraction, or read back from JSON written before labels existed)."""
    for item in report.findings:
        _label(report, item)


def _label(report: Report, item: Finding) -> None:
    if item.where is not None and item.where.label:
        return
    label = place_label(report, item.where, item.cells)
    if label is None:
        return
    if item.where is None:
        item.where = Location(label=label)
    else:
        item.where = item.where.model_copy(update={"label": label})

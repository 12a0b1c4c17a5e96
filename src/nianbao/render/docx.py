"""A Report as a Word document in 公文 style (GB/T 9704-2012, close enough for a year-end report).

A4 with the standard margins (天头 37 mm, 订口 28 mm), title in 方正小标宋简体 2号, body in
仿宋_GB2312 3号 with a fixed 28.95 pt line (22 lines of 28 characters), headings in 黑体, page numbers
`— n —` in 宋体 4号. Where those fonts are not installed, Word and LibreOffice substitute; the PDF
writer maps them onto Noto CJK through fontconfig (render/fonts.conf). The tables are real Word
tables with merged header cells like the official template: rows never split over a page, the header
rows of 表三 and 表四 repeat on every page, each block of 表二 (its caption, header and rows) stays on
one page. The document's properties carry the title and, as author, the organ.

A unit's own Word file (`letterhead`: its 红头, headers, footers and page setup) can be the start of
the document: its body is kept as the top of the first page and the report follows it.
"""

from __future__ import annotations

from copy import deepcopy
from io import BytesIO
from pathlib import Path
from typing import cast

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..editions import ACTIVE, APPLICATIONS, REVIEW
from ..editions.grids import Grid, GridCell
from ..model import Report
from . import phrases
from .layout import BodyParagraph, Composition, Heading, compose

# Font names as the official template and 公文 practice spell them (fallbacks come from fontconfig).
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

TITLE_PT, BODY_PT, TABLE_PT, WIDE_TABLE_PT, PAGE_NUMBER_PT = 22, 16, 10.5, 9, 14
LINE_PT = 28.95
INDENT_CHARS = 2

# Column widths (mm) within the 156 mm type area.
_WIDTHS: dict[str, list[float]] = {
    ACTIVE: [60, 32, 32, 32],
    APPLICATIONS: [12, 18, 44, *[11.7] * 7],
    REVIEW: [10.4] * 15,
}


def render_docx(report: Report, draft: bool = False) -> bytes:
    """The report as DOCX bytes; `draft` marks every page 草稿 in the page header."""
    return docx_of(compose(report), draft)


def docx_of(comp: Composition, draft: bool = False, letterhead: Path | None = None) -> bytes:
    """The composed report as DOCX, on a unit's `letterhead` document when one is given."""
    doc = Document(str(letterhead)) if letterhead is not None else Document()
    if letterhead is None:
        _page_setup(doc, draft)
    else:
        _styles(doc)
        if draft:
            _draft_mark(doc.sections[0].header.add_paragraph())
    doc.core_properties.title = comp.title
    doc.core_properties.author = comp.organ or ""
    _title(doc.add_paragraph(), comp.title)
    for block in comp.blocks:
        if isinstance(block, Heading):
            _heading(doc.add_paragraph(), block.text)
        elif isinstance(block, BodyParagraph):
            _body(doc.add_paragraph(), block.text)
        else:
            _table(doc, block)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_docx(report: Report, path: str | Path, draft: bool = False) -> None:
    Path(path).write_bytes(render_docx(report, draft))


def _font(run: Run, east_asia: str, size: float, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _fixed_lines(paragraph: DocxParagraph, line_pt: float = LINE_PT) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pt)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_setup(doc: object, draft: bool) -> None:
    from docx.document import Document as DocxDocument

    assert isinstance(doc, DocxDocument)
    _styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    _page_number(section.footer.paragraphs[0])
    if draft:
        _draft_mark(section.header.paragraphs[0])


def _styles(doc: object) -> None:
    from docx.document import Document as DocxDocument

    assert isinstance(doc, DocxDocument)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _draft_mark(mark: DocxParagraph) -> None:
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = mark.add_run(phrases.DRAFT_NOTE)
    _font(run, HEADING_FONT, 12, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _page_number(paragraph: DocxParagraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)
    paragraph._p.append(field)
    _font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _title(paragraph: DocxParagraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fixed_lines(paragraph, 36)
    paragraph.paragraph_format.space_after = Pt(LINE_PT)
    _font(paragraph.add_run(text), TITLE_FONT, TITLE_PT)


def _heading(paragraph: DocxParagraph, text: str) -> None:
    _fixed_lines(paragraph)
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * INDENT_CHARS)
    paragraph.paragraph_format.keep_with_next = True
    _font(paragraph.add_run(text), HEADING_FONT, BODY_PT)


def _body(paragraph: DocxParagraph, text: str) -> None:
    _fixed_lines(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * INDENT_CHARS)
    _font(paragraph.add_run(text), BODY_FONT, BODY_PT)


def _table(doc: object, grid: Grid) -> None:
    """The grid as a Word table, written as XML directly: python-docx's cell lookup and merge are
    quadratic and made one report take a second."""
    from docx.document import Document as DocxDocument

    assert isinstance(doc, DocxDocument)
    size = WIDE_TABLE_PT if grid.width > 10 else TABLE_PT
    table = doc.add_table(rows=0, cols=grid.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in _WIDTHS.get(grid.key, [156 / grid.width] * grid.width)]
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    owners = _owners(grid)
    # One formatted paragraph per kind of cell, copied for each cell (formatting each one through
    # python-docx costs more than the rest of the document).
    prototypes: dict[tuple[str, bool], CT_P] = {}
    for kind in ("head", "label", "value"):
        for keep in (False, True):
            proto = DocxParagraph(cast(CT_P, OxmlElement("w:p")), table)
            _cell_text(proto, "0", kind, size)
            proto.paragraph_format.keep_with_next = keep or None
            prototypes[kind, keep] = proto._p
    kept = _kept_with_next(grid)
    for r in range(len(grid.rows)):
        tr = OxmlElement("w:tr")
        tr_props = OxmlElement("w:trPr")
        # A row broken over two pages reads back as two rows; keep each row on one page.
        tr_props.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_props.append(OxmlElement("w:tblHeader"))
        tr.append(tr_props)
        table._tbl.append(tr)
        c = 0
        while c < grid.width:
            start_r, start_c, spec = owners[r][c]
            if start_c != c:
                c += 1
                continue
            tc = OxmlElement("w:tc")
            tr.append(tc)
            props = OxmlElement("w:tcPr")
            tc.append(props)
            width_el = OxmlElement("w:tcW")
            width_el.set(qn("w:w"), str(sum(int(w.twips) for w in widths[c : c + spec.colspan])))
            width_el.set(qn("w:type"), "dxa")
            props.append(width_el)
            if spec.colspan > 1:
                span = OxmlElement("w:gridSpan")
                span.set(qn("w:val"), str(spec.colspan))
                props.append(span)
            if spec.rowspan > 1:
                merge = OxmlElement("w:vMerge")
                if start_r == r:
                    merge.set(qn("w:val"), "restart")
                props.append(merge)
            valign = OxmlElement("w:vAlign")
            valign.set(qn("w:val"), "center")
            props.append(valign)
            p = deepcopy(prototypes[spec.kind, kept[r]])
            text_el = p.find(f"{qn('w:r')}/{qn('w:t')}")
            assert text_el is not None  # the prototype holds one run with text
            text_el.text = spec.text if start_r == r else ""
            tc.append(p)
            c += spec.colspan
    doc.add_paragraph()  # Word needs a paragraph between adjacent tables or it joins them.


def _kept_with_next(grid: Grid) -> list[bool]:
    """Per row, whether it stays on the page of the next row: the header rows always, and every row of
    a block of 表二 but its last (a block starts with a caption spanning the whole width)."""
    starts = [len(row) == 1 and row[0].kind == "head" and row[0].colspan == grid.width for row in grid.rows]
    kept = []
    for r in range(len(grid.rows)):
        last = r + 1 == len(grid.rows)
        in_block = grid.key == ACTIVE and not last and not starts[r + 1]
        kept.append(r < grid.header_rows or in_block)
    return kept


def _owners(grid: Grid) -> list[list[tuple[int, int, GridCell]]]:
    """For each grid position, the merged cell covering it and where that cell starts."""
    expanded = grid.expanded()
    owners: list[list[tuple[int, int, GridCell] | None]] = [[None] * grid.width for _ in expanded]
    for r, row in enumerate(expanded):
        for c, spec in enumerate(row):
            if spec is None:
                continue
            for dr in range(spec.rowspan):
                for dc in range(spec.colspan):
                    owners[r + dr][c + dc] = (r, c, spec)
    return [[cell for cell in row if cell is not None] for row in owners]


def _cell_text(paragraph: DocxParagraph, text: str, kind: str, size: float) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if kind == "label" else WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _font(paragraph.add_run(text), HEADING_FONT if kind == "head" else BODY_FONT, size)

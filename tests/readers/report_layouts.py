"""Test-side builders: lay a generated Report out as DOCX, HTML or Markdown in varied layouts.

These are deliberately not the production renderers: they exist to produce documents with known
values in the shapes real reports take (merged header cells, borderless tables, a table split into
two grids, spaced labels, caption rows as one wide cell, site chrome around a web page), so the
readers can be checked cell by cell against the Report that generated them.

The page model is the Document convention: rows of cells, a merged cell written once in the first
row and column it covers, with its spans.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from html import escape as html_escape
from xml.sax.saxutils import escape as xml_escape

from nianbao.editions import Edition, Row, get
from nianbao.editions.common import LEDGER_NOTE
from nianbao.model import CellValue, Report


@dataclass(frozen=True)
class Layout:
    merged: bool = True  # the official merged header cells, or every row at full width
    spaced: bool = False  # header labels printed with spaces between characters (`结 果 维 持`)
    split: bool = False  # 表三 split into two grids (as when a table continues on the next page)
    borderless: bool = False
    caption_cell: bool = True  # 表二 captions as one wide cell rather than a row of cells
    title_lines: int = 1  # the title printed on one line or broken over two
    aliases: bool = False  # labels printed in a variant the edition accepts (`社会组织`, `本年度止件数`)


@dataclass(frozen=True)
class C:
    text: str
    colspan: int = 1
    rowspan: int = 1


Rows = list[list[C]]
Block = str | Rows  # a paragraph or a table


def layouts() -> list[Layout]:
    """A spread of layouts; test documents cycle through them."""
    return [
        Layout(),
        Layout(merged=False),
        Layout(spaced=True, split=True),
        Layout(borderless=True, caption_cell=False),
        Layout(merged=False, spaced=True, split=True, title_lines=2),
        Layout(split=True, borderless=True, title_lines=2),
    ]


def _value(value: CellValue) -> str:
    return "" if value is None else str(value)


def _label(text: str, layout: Layout) -> str:
    return " ".join(text) if layout.spaced else text


def printed(label: str, aliases: tuple[str, ...], layout: Layout) -> str:
    """The label as this layout prints it: the official one, or a variant real reports use."""
    return aliases[-1] if layout.aliases and aliases else label


def report_blocks(report: Report, layout: Layout) -> list[Block]:
    """Title, preamble, the six sections and the three tables, in reading order."""
    assert report.edition in ("E2019", "E2021")
    edition = get(report.edition)
    blocks: list[Block] = []
    title = report.title or ""
    if layout.title_lines == 2 and report.organ:
        blocks += [report.organ, title[len(report.organ) :]]
    else:
        blocks.append(title)
    blocks.append(report.preamble)
    for section in report.sections:
        blocks.append(section.heading)
        if section.text:
            blocks.append(section.text)
        if section.key == "s2_active":
            blocks.append(active_rows(report, edition, layout))
        elif section.key == "s3_requests":
            blocks += applications_grids(report, edition, layout)
        elif section.key == "s4_review_litigation":
            blocks.append(review_rows(report, edition, layout))
    return blocks


def active_rows(report: Report, edition: Edition, layout: Layout) -> Rows:
    values = report.tables["active"]
    width = max(len(b.columns) for b in edition.active.blocks)
    rows: Rows = []
    for block in edition.active.blocks:
        if layout.caption_cell:
            rows.append([C(block.caption, colspan=width + 1)])
        else:
            rows.append([C(block.caption), *[C("") for _ in range(width)]])
        # With merges a block of fewer columns stretches its last column to the table's width.
        stretch = width - len(block.columns) + 1 if layout.merged else 1
        pad = [] if layout.merged else [C("") for _ in range(width - len(block.columns))]

        def spread(texts: list[str], stretch: int = stretch, pad: list[C] = pad) -> list[C]:
            cells = [C(t) for t in texts]
            cells[-1] = C(cells[-1].text, colspan=stretch)
            return cells + pad

        rows.append(
            [
                C(edition.active.first_header),
                *spread([_label(printed(c.label, c.aliases, layout), layout) for c in block.columns]),
            ]
        )
        for row in block.rows:
            cells = values[row.key]
            label = printed(row.label, row.aliases, layout)
            rows.append([C(label), *spread([_value(cells[c.key]) for c in block.columns])])
    return rows


def _applications_header(edition: Edition, layout: Layout) -> Rows:
    spec = edition.applications
    labels = [_label(printed(c.label, c.aliases, layout), layout) for c in spec.columns]
    if layout.merged:
        return [
            [C(LEDGER_NOTE, colspan=3, rowspan=3), C(spec.header_labels[0], colspan=7)],
            [C(labels[0], rowspan=2), C(spec.header_labels[1], colspan=5), C(labels[-1], rowspan=2)],
            [C(label) for label in labels[1:-1]],
        ]
    blank = [C(""), C(""), C("")]
    return [
        [C(LEDGER_NOTE), C(""), C(""), C(spec.header_labels[0]), *[C("") for _ in range(6)]],
        [*blank, C(labels[0]), C(spec.header_labels[1]), C(""), C(""), C(""), C(""), C(labels[-1])],
        [*blank, C(""), *[C(label) for label in labels[1:-1]], C("")],
    ]


def applications_grids(report: Report, edition: Edition, layout: Layout) -> list[Rows]:
    spec = edition.applications
    values = report.tables["applications"]
    by_key = {r.key: r for r in spec.rows}
    data_rows = [r for r in spec.data_rows if r.key in values]
    parts = [data_rows]
    if layout.split:
        cut = len(data_rows) // 2
        parts = [data_rows[:cut], data_rows[cut:]]
    done: set[str] = set()
    grids: list[Rows] = []
    for number, part in enumerate(parts):
        rows: Rows = _applications_header(edition, layout) if number == 0 else []
        earlier = set(done)
        # A merged continuation leaves out the group labels printed before it, and their columns with them.
        dropped = max(len([a for a in _chain(r, by_key) if a in earlier]) for r in part)
        for row in part:
            chain = _chain(row, by_key)
            cells: list[C] = []
            for ancestor in chain:
                if ancestor in done:
                    if not layout.merged:
                        cells.append(C(""))
                    continue
                done.add(ancestor)
                under = sum(1 for r in part if _descends(r.key, ancestor, by_key))
                if layout.merged:
                    cells.append(C(by_key[ancestor].label, rowspan=under))
                else:
                    cells.append(C(by_key[ancestor].label))
            label = printed(row.label, row.aliases, layout)
            if layout.merged:
                width = 3 - dropped - len([a for a in chain if a not in earlier])
                cells.append(C(label, colspan=width))
            else:
                cells += [C(label), *[C("") for _ in range(2 - len(chain))]]
            cells += [C(_value(values[row.key][c.key])) for c in spec.columns]
            rows.append(cells)
        grids.append(rows)
    return grids


def _chain(row: Row, by_key: dict[str, Row]) -> list[str]:
    """The keys of the row's group rows, outermost first."""
    chain: list[str] = []
    parent = row.parent
    while parent:
        chain.insert(0, parent)
        parent = by_key[parent].parent
    return chain


def _descends(key: str, ancestor: str, by_key: dict[str, object]) -> bool:
    row = by_key[key]
    parent = getattr(row, "parent", None)
    while parent:
        if parent == ancestor:
            return True
        parent = getattr(by_key[parent], "parent", None)
    return False


def review_rows(report: Report, edition: Edition, layout: Layout) -> Rows:
    spec = edition.review
    values = report.tables["review_litigation"]
    leaves = [_label(c.label, layout) for c in spec.columns]
    data = [C(_value(values[g][c])) for g, c in spec.ordered_cells()]
    if layout.merged:
        return [
            [C(spec.header_labels[0], colspan=5), C(spec.header_labels[1], colspan=10)],
            [
                *(C(x, rowspan=2) for x in leaves),
                C(spec.groups[1].label, colspan=5),
                C(spec.groups[2].label, colspan=5),
            ],
            [C(x) for x in leaves * 2],
            data,
        ]
    empty4 = [C("") for _ in range(4)]
    return [
        [C(spec.header_labels[0]), *empty4, C(spec.header_labels[1]), *empty4, *[C("") for _ in range(5)]],
        [*(C(x) for x in leaves), C(spec.groups[1].label), *empty4, C(spec.groups[2].label), *empty4],
        [*[C("") for _ in range(5)], *(C(x) for x in leaves * 2)],
        data,
    ]


def positional(rows: Rows) -> list[list[tuple[C, str] | None]]:
    """The grid with every position filled: (cell, "start" | "below" | "right") or None past a short row."""
    width = 0
    grid: list[list[tuple[C, str] | None]] = []
    pending: dict[tuple[int, int], tuple[C, str]] = {}
    for r, row in enumerate(rows):
        line: list[tuple[C, str] | None] = []
        col = 0
        cells = iter(row)
        while True:
            if (r, col) in pending:
                line.append(pending.pop((r, col)))
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr == 0 and dc == 0:
                        continue
                    pending[(r + dr, col + dc)] = (cell, "below" if dr else "right")
            line.append((cell, "start"))
            col += 1
        while (r, col) in pending:
            line.append(pending.pop((r, col)))
            col += 1
        width = max(width, len(line))
        grid.append(line)
    return [line + [None] * (width - len(line)) for line in grid]


# ---------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'


def _docx_cell_content(text: str) -> str:
    if not text:
        return "<w:p/>"
    # A cell broken over lines, as Word writes a label that wraps by a manual break.
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{xml_escape(p)}</w:t></w:r>' for p in text.split("\n")
    )
    return f"<w:p>{runs}</w:p>"


def _column_widths(grid: list[list[tuple[C, str] | None]], page_twips: int) -> list[int]:
    """Widths that fit the page: a column as wide as its longest unmerged text asks (within limits),
    so labels get room and numbers little, as a person laying out the form would do."""
    width = len(grid[0]) if grid else 0
    wants = [5] * width
    for line in grid:
        for j, slot in enumerate(line):
            if slot and slot[1] == "start" and slot[0].colspan == 1:
                wants[j] = max(wants[j], min(len(slot[0].text.replace(" ", "")), 10))
    total = sum(wants) or 1
    return [page_twips * w // total for w in wants]


def _docx_table(
    rows: Rows, layout: Layout, page_twips: int = 0, known: dict[int, list[int]] | None = None
) -> str:
    grid = positional(rows)
    width = len(grid[0]) if grid else 0
    # A table continued in a second grid keeps the columns of the first, as on a real page.
    known = {} if known is None else known
    border = "nil" if layout.borderless else "single"
    borders = "".join(
        f'<w:{side} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>"]
    wider = [w for w in known if w > width]
    if width not in known and wider:
        # The continuation leaves out merged parent labels: its first column covers theirs.
        first = known[min(wider)]
        extra = min(wider) - width
        known[width] = [sum(first[: extra + 1]), *first[extra + 1 :]]
    if width not in known:
        known[width] = _column_widths(grid, page_twips) if page_twips else [800] * width
    widths = known[width]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for line in grid:
        out.append("<w:tr>")
        for slot in line:
            if slot is None:
                out.append("<w:tc><w:p/></w:tc>")
                continue
            cell, kind = slot
            if kind == "right":
                continue
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if kind == "below":
                out.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                continue
            vmerge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            text = cell.text.replace(" ", "\n", 1) if layout.spaced and len(cell.text) > 12 else cell.text
            out.append(f"<w:tc><w:tcPr>{span}{vmerge}</w:tcPr>{_docx_cell_content(text)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def to_docx(report: Report, layout: Layout) -> bytes:
    return blocks_to_docx(report_blocks(report, layout), layout)


def blocks_to_docx(blocks: list[Block], layout: Layout, page_twips: int = 0) -> bytes:
    """Paragraphs and tables (as `report_blocks` gives them, perhaps edited by a test) as a DOCX;
    with `page_twips` the tables' columns share that width (for printing, where a table must fit)."""
    body: list[str] = []
    widths: dict[int, list[int]] = {}
    for block in blocks:
        if isinstance(block, str):
            body.append(_docx_paragraph(block))
        else:
            body.append(_docx_table(block, layout, page_twips, widths))
            body.append("<w:p/>")  # Word keeps a paragraph between two tables, or it joins them
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
        + "".join(body)
        + "<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


# ---------------------------------------------------------------- HTML

_CHROME_TOP = (
    '<div class="wza-bar"><a href="#">无障碍</a> | <a href="#">长者模式</a></div>'
    '<div id="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
    '<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>'
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/nb">政府信息公开年报</a></div>'
)
_CHROME_BOTTOM = (
    '<div class="footer"><p>主办单位：示例县人民政府办公室</p>'
    "<p>网站标识码：0000000000 示ICP备00000000号 示公网安备00000000000000号</p>"
    '<p><a href="/map">网站地图</a> | <a href="/lx">联系我们</a></p></div>'
)


def _html_table(rows: Rows, layout: Layout, variant: int) -> str:
    attrs = "" if layout.borderless else ' border="1" cellspacing="0"'
    out = [f"<table{attrs}>"]
    if variant % 2:
        out.append("<tbody>")
    for row in rows:
        out.append("<tr>")
        for cell in row:
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            if not cell.text:
                inner = "&nbsp;" if variant % 3 == 0 else ""
            elif variant % 3 == 1:
                inner = f'<p style="text-align:center"><span>{html_escape(cell.text)}</span></p>'
            else:
                inner = html_escape(cell.text)
            out.append(f"<td{spans}>{inner}</td>")
        out.append("</tr>")
    if variant % 2:
        out.append("</tbody>")
    out.append("</table>")
    return "".join(out)


def to_html(report: Report, layout: Layout, encoding: str, variant: int) -> bytes:
    """A government-site page: menus and footer around an article whose title sits in its own div."""
    blocks = report_blocks(report, layout)
    title_count = 2 if layout.title_lines == 2 and report.organ else 1
    title = "<br>".join(html_escape(b) for b in blocks[:title_count] if isinstance(b, str))
    article: list[str] = []
    for block in blocks[title_count:]:
        if isinstance(block, str):
            article.append(f"<p>{html_escape(block)}</p>")
        else:
            article.append(_html_table(block, layout, variant))
    charset = "gb2312" if encoding == "gbk" else encoding
    meta = (
        f'<meta charset="{charset}">'
        if variant % 2
        else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    page = (
        f"<!DOCTYPE html><html><head>{meta}<title>{html_escape(report.title or '')}_示例县人民政府</title>"
        "<style>td{border:1px solid #000}</style><script>var x = '<table>';</script></head><body>"
        + _CHROME_TOP
        + f'<div class="main"><div class="article-title"><h1>{title}</h1></div>'
        + '<div class="article-info">发布时间：2025-01-20 来源：示例县人民政府办公室</div>'
        + f'<div class="article-content" id="zoom">{"".join(article)}</div></div>'
        + _CHROME_BOTTOM
        + "</body></html>"
    )
    return page.encode(encoding)


# ---------------------------------------------------------------- Markdown


def _markdown_table(rows: Rows) -> list[str]:
    """Pipe tables have no spans: a merged cell is written in its first position, the rest left blank."""
    lines: list[str] = []
    for i, line in enumerate(positional(rows)):
        cells = [
            cell.text.replace("\n", "<br>") if kind == "start" else "" for cell, kind in filter(None, line)
        ]
        cells += [""] * (len(line) - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "|".join(["---"] * len(line)) + "|")
    return lines


def to_markdown(report: Report, layout: Layout) -> str:
    lines: list[str] = []
    section_headings = {s.heading for s in report.sections}
    for block in report_blocks(report, layout):
        if isinstance(block, str):
            prefix = "## " if block in section_headings else ("# " if block == report.title else "")
            lines += [prefix + block, ""]
        else:
            lines += [*_markdown_table(block), ""]
    return "\n".join(lines)

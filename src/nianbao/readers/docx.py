"""Word documents (.docx): body paragraphs and tables in reading order.

The package is opened with zipfile and the main part parsed with lxml directly rather than through
python-docx's object model: it is several times faster, and a damaged file fails in one place we
control. Merged cells come back from `gridSpan` (columns), `vMerge` (rows) and the legacy `hMerge`;
a merged cell appears once, in the first row and column it covers (document.py). Nested tables and
text boxes become blocks of their own in reading order. Locations: `line` is the 1-based ordinal of
the paragraph (or table row) in reading order, since a Word file has no fixed pages.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ..document import Block, Cell, Paragraph, Table
from ..model import Location
from .errors import ReadError
from .limits import SIDE_PART_BYTES, TooLarge, read_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_DEFAULT_MAIN = "word/document.xml"
# A main part larger than this is not a report; refusing it keeps a zip bomb from exhausting memory.
_MAX_PART_BYTES = 200 * 1024 * 1024


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_CUSTOM_XML, _SMART_TAG, _INS, _HYPERLINK = (_w(t) for t in ("customXml", "smartTag", "ins", "hyperlink"))
_TXBX = _w("txbxContent")
_T, _TAB, _BR, _CR, _NB_HYPHEN = (_w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_DEL, _MOVE_FROM, _VAL = _w("del"), _w("moveFrom"), _w("val")
_CHOICE, _FALLBACK, _ALTERNATE = f"{{{MC}}}Choice", f"{{{MC}}}Fallback", f"{{{MC}}}AlternateContent"
# Containers whose children belong to the same level as the container itself.
_TRANSPARENT = {_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG, _INS}

# Damaged packages fail in any of these, depending on where the damage is (directory, header, stream).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def read_docx(data: bytes, path: str) -> list[Block]:
    """The blocks of a DOCX file; ReadError with a reason for people when it cannot be read."""
    root = _main_part(data, path)
    body = root.find(_w("body"))
    if body is None:
        raise ReadError(path, "Word 文件中没有正文（document.xml 缺少 body），文件可能已损坏")
    # Most files have no revisions, text boxes or alternate content anywhere: one pass over the body
    # (in C) then spares every paragraph its own search for them.
    walker = _BodyWalker(plain=next(body.iter(*_SPECIAL_TAGS), None) is None)
    walker.container(body)
    return walker.blocks


def _main_part(data: bytes, path: str) -> etree._Element:
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            name = _main_part_name(package)
            try:
                info = package.getinfo(name)
            except KeyError:
                raise ReadError(path, "压缩包中没有 Word 正文（word/document.xml），不是 DOCX 文件") from None
            xml = read_member(package, info, _MAX_PART_BYTES)
    except ReadError:
        raise
    except TooLarge:
        raise ReadError(path, "Word 正文过大（解压后超过上限），不像是年度报告，已跳过") from None
    except _ZIP_ERRORS as exc:
        raise ReadError(path, f"DOCX 文件已损坏或不完整，无法解压（{exc}）") from exc
    except RuntimeError as exc:  # an encrypted member
        raise ReadError(path, "DOCX 文件已加密，请先去除密码保护") from exc
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"Word 正文不是有效的 XML，文件可能已损坏（{exc.msg}）") from exc
    if root is None or root.tag != _w("document"):
        raise ReadError(path, "Word 正文的根元素不是 document，文件可能已损坏或不是 Word 文档")
    return root


def _main_part_name(package: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (Word always uses the default)."""
    try:
        rels = etree.fromstring(read_member(package, "_rels/.rels", SIDE_PART_BYTES), _PARSER)
    except (KeyError, etree.XMLSyntaxError, *_ZIP_ERRORS):  # TooLarge is a ValueError
        return _DEFAULT_MAIN
    if rels is None:
        return _DEFAULT_MAIN
    for rel in rels:
        if rel.get("Type") in (_OFFICE_DOCUMENT, _STRICT_OFFICE_DOCUMENT):
            target = (rel.get("Target") or "").lstrip("/")
            if target:
                return posixpath.normpath(target)
    return _DEFAULT_MAIN


@dataclass
class _OpenCell:
    """A cell being built, with the grid columns it covers (for lining up vertical merges)."""

    cell: Cell
    start: int
    vmerge_open: bool


@dataclass
class _BodyWalker:
    plain: bool = False  # True when the body holds none of _SPECIAL_TAGS
    blocks: list[Block] = field(default_factory=list)
    ordinal: int = 0

    def _next(self) -> Location:
        self.ordinal += 1
        return Location(line=self.ordinal)

    def container(self, element: etree._Element) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in _block_children(element):
            if child.tag == _P:
                self.paragraph(child)
            else:
                self.table(child)

    def paragraph(self, element: etree._Element) -> None:
        text = _paragraph_text(element, self.plain)
        # A manual line break ends a line, as in a text export: each line is a paragraph.
        for line in text.split("\n"):
            where = self._next()
            stripped = line.strip()
            if stripped:
                self.blocks.append(Paragraph(stripped, where))
        if not self.plain:
            for box in _text_boxes(element):
                self.container(box)

    def table(self, element: etree._Element) -> None:
        rows: list[list[Cell]] = []
        # Grid column → the open cell a `vMerge` continuation extends.
        open_cells: dict[int, _OpenCell] = {}
        nested: list[etree._Element] = []
        for tr in _children(element, _TR):
            where = self._next()
            row: list[Cell] = []
            column = _grid_skip(tr, "gridBefore")
            for tc in _children(tr, _TC):
                span, vmerge, hmerge = _cell_properties(tc)
                owner = open_cells.get(column)
                if vmerge == "continue" and owner is not None and owner.vmerge_open:
                    owner.cell.rowspan += 1
                    column += span
                    continue
                if hmerge == "continue" and row:
                    row[-1].colspan += span
                    column += span
                    continue
                content = _block_list(tc)
                if any(c.tag == _TBL for c in content):
                    # The cell is a layout frame (often the real form inside it): its paragraphs and
                    # tables are read as blocks of their own after this row, not as a cell.
                    nested.append(tc)
                    column += span
                    continue
                cell = Cell(_cell_text(content, self.plain), where, colspan=span)
                row.append(cell)
                opened = _OpenCell(cell, column, vmerge == "restart")
                for col in range(column, column + span):
                    open_cells[col] = opened
                column += span
            rows.append(row)
            if nested:
                # A nested table (often the real form inside a layout table) is read as its own grid.
                self._flush(rows)
                rows = []
                open_cells = {}
                for frame in nested:
                    self.container(frame)
                nested = []
        self._flush(rows)

    def _flush(self, rows: list[list[Cell]]) -> None:
        rows = [r for r in rows if r]
        if rows:
            self.blocks.append(Table(rows))


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with this tag, looking through content controls, custom XML and insertions."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _block_children(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _block_children(child)


def _block_list(element: etree._Element) -> list[etree._Element]:
    """_block_children as a list, without a generator per cell (tables have hundreds of cells)."""
    blocks: list[etree._Element] = []
    for child in element:
        tag = child.tag
        if tag in (_P, _TBL):
            blocks.append(child)
        elif tag in _TRANSPARENT:
            blocks.extend(_block_children(child))
    return blocks


_TC_PR = _w("tcPr")


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    # A plain loop: ElementPath's find() costs several times more on these tiny property lists.
    for child in element:
        if child.tag == tag:
            return child
    return None


def _int_value(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    raw = element.get(_VAL) or ""
    try:
        value = int(raw)
    except ValueError:
        return default
    # A span beyond any real form is damage; bound it so a mutated file cannot explode the grid.
    return min(max(value, 1), 64)


_GRID_SPAN, _V_MERGE, _H_MERGE = _w("gridSpan"), _w("vMerge"), _w("hMerge")


def _cell_properties(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """Span, vertical and horizontal merge state of a cell, from one pass over its properties (the
    first mark of each kind counts)."""
    props = _child(tc, _TC_PR)
    if props is None:
        return 1, None, None
    found: dict[str, etree._Element] = {}
    for child in props:
        tag = child.tag
        if tag in (_GRID_SPAN, _V_MERGE, _H_MERGE) and tag not in found:
            found[tag] = child
    return (
        _int_value(found.get(_GRID_SPAN), 1),
        _merge_value(found.get(_V_MERGE)),
        _merge_value(found.get(_H_MERGE)),
    )


def _grid_skip(tr: etree._Element, name: str) -> int:
    props = tr.find(_w("trPr"))
    element = None if props is None else props.find(_w(name))
    return 0 if element is None else _int_value(element, 0)


def _merge_value(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return "restart" if element.get(_VAL) == "restart" else "continue"


def _cell_text(paragraphs: list[etree._Element], plain: bool) -> str:
    """The text of a cell's paragraphs (and any text boxes in them), one per line."""
    lines: list[str] = []
    for p in paragraphs:
        lines.extend(_paragraph_text(p, plain).split("\n"))
        if not plain:
            for box in _text_boxes(p):
                lines.extend(_paragraph_text(q) for q in box.iter(_P))
    return "\n".join(s for s in (line.strip() for line in lines) if s)


_SPECIAL_TEXT = {_TAB: "\t", _BR: "\n", _CR: "\n", _NB_HYPHEN: "-"}
# What plain text extraction must not run into: deleted text, text boxes, alternate content.
_SPECIAL_TAGS = (_DEL, _MOVE_FROM, _TXBX, _FALLBACK, _ALTERNATE)


def _paragraph_text(p: etree._Element, plain: bool = False) -> str:
    """The paragraph's text; `plain` when it is known to hold none of _SPECIAL_TAGS."""
    parts: list[str] = []
    if plain or next(p.iter(*_SPECIAL_TAGS), None) is None:
        # The common paragraph has nothing to skip: lxml's tag filter walks it at C speed.
        for element in p.iter(_T, _TAB, _BR, _CR, _NB_HYPHEN):
            parts.append(element.text or "" if element.tag == _T else _SPECIAL_TEXT[str(element.tag)])
    else:
        _collect_text(p, parts)
    return "".join(parts)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in (_DEL, _MOVE_FROM, _TXBX, _FALLBACK):
            # Deleted revisions are not the text; text boxes are blocks of their own; an
            # AlternateContent fallback repeats its Choice.
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag == _ALTERNATE:
            choice = child.find(_CHOICE)
            _collect_text(choice if choice is not None else child, parts)
        else:
            _collect_text(child, parts)


def _text_boxes(p: etree._Element) -> Iterator[etree._Element]:
    """Text-box contents anchored in this paragraph, once each (the Choice, not its Fallback)."""
    for box in p.iter(_TXBX):
        # A text box inside another is reached through its parent's container walk.
        inside_fallback = any(True for _ in box.iterancestors(_FALLBACK))
        if not inside_fallback and not any(True for _ in box.iterancestors(_TXBX)):
            yield box

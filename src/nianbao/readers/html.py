"""Web pages (.html): the article body of a government site page, as paragraphs and table grids.

Pages are decoded by BOM, then the declared charset, then by trying UTF-8 and GB18030 (GBK and
GB2312 pages are decoded as GB18030, their superset, so rare characters survive). Site chrome —
menus, accessibility bars (无障碍), footers with ICP备案 and 版权 lines — is dropped, and the article
is the smallest element that still holds most of the page's non-link text. HTML already writes a
merged cell once with `rowspan`/`colspan`, which is the Document convention; `&nbsp;` reads as blank.
Locations: `line` is the source line of the element.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from ..document import Block, Cell, Paragraph, Table
from ..model import Location
from .decode import bom_encoding
from .errors import ReadError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_GB_FAMILY = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}

_DROP_TAGS = {
    "script", "style", "noscript", "template", "head", "iframe", "select", "button", "input",
    "textarea", "svg", "canvas", "object", "embed", "title",
}  # fmt: skip
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "body",
    "caption", "font-block",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_HEADLINE_TAGS = {"h1", "h2", "h3"}
# Class or id words of the element a CMS template prints the article's title in.
_HEADLINE_NAME = re.compile(r"(?:^|[\s_\-])(?:\w*title|headline|tit|bt|biaoti)(?:$|[\s_\-\d])", re.I)
_MAX_HEADLINE_CHARS = 120
# Class or id words of page furniture on government sites (menus, share bars, footers, …).
_CHROME_NAME = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|footer|foot|header|head-top|topbar|top-bar|breadcrumb|crumb|position|"
    r"location|sidebar|side|share|toolbar|wza|wzaobj|accessib\w*|copyright|banner|links?|friendlink|search|"
    r"login|skip|print|close|qrcode|ewm)(?:$|[\s_\-\d])",
    re.I,
)
# Short blocks carrying these words are site furniture, not the report; the weaker words (which a
# report may use in a sentence) only count in blocks made mostly of links.
_CHROME_STRONG_WORDS = ("ICP备", "ICP 备", "网站标识码", "版权所有", "公网安备")
_CHROME_WORDS = ("无障碍", "主办单位", "网站地图", "适老化", "长者模式", "关怀版")
_CHROME_MAX_CHARS = 200
# Furniture never holds this share of a page's text; anything bigger is kept whatever its name.
_CHROME_MAX_SHARE = 0.3
# The article: the deepest element holding at least this share of the page's non-link text.
_ARTICLE_SHARE = 0.7
_MAX_SPAN = 64
_WS = re.compile(r"\s+")
# Control characters are not allowed in XML text, and lxml refuses to move them between nodes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# lxml's plain HTML parser: lxml.html's would build its element classes through a Python lookup for
# every element touched, and nothing here needs them.
# huge_tree: libxml2 otherwise silently drops everything nested deeper than 255 elements (a report
# wrapped in 255 <div>s read as empty); deeper than its hard limit (2048) is reported, not dropped.
_PARSER = etree.HTMLParser(huge_tree=True)
_TOO_DEEP = "Excessive depth"


def decode_html(data: bytes) -> str:
    """The page as text: BOM, then declared charset, then UTF-8, then GB18030."""
    marked = bom_encoding(data)
    if marked is not None:
        return data.decode(marked, errors="replace")
    declared = _declared_charset(data[:4096])
    candidates = [declared] if declared else []
    candidates += [e for e in ("utf-8", "gb18030") if e != declared]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(declared or "utf-8", errors="replace")


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass
class HtmlPage:
    """The article as blocks, and the page's headline texts (the title is often only there)."""

    blocks: list[Block]
    headlines: list[str]


def read_html(data: bytes, path: str) -> HtmlPage:
    text = decode_html(data)
    if not text.strip():
        raise ReadError(path, "网页内容为空")
    try:
        root = etree.fromstring(_CONTROL.sub("", text), _PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(path, f"网页无法解析（{exc}）") from exc
    if any(_TOO_DEEP in entry.message for entry in _PARSER.error_log):
        raise ReadError(path, "网页元素嵌套层数过深（超过 2000 层），内容无法完整读取，已跳过")
    body = root.find("body")
    if body is None:
        body = root
    headlines = _headlines(body)
    weights = _drop_chrome(body)
    article = _article(body, weights)
    walker = _BlockCollector()
    walker.walk(article)
    walker.flush(article)
    return HtmlPage(walker.blocks, headlines)


def _always_dropped(element: etree._Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    if tag.lower() in _DROP_TAGS:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None


def _drop_chrome(body: etree._Element) -> dict[etree._Element, _Weight]:
    """Remove site furniture; the text weights of what is left (for finding the article)."""
    for element in list(body.iter()):
        if element is not body and _always_dropped(element):
            _remove_keep_tail(element)
    weights = _text_weights(body)
    total = max(weights[body].content, 1)
    for element in list(body.iter()):
        weight = weights.get(element)
        # Never drop what holds a large part of the page: a misleading class name must not cost the report.
        if element is body or weight is None or weight.content >= _CHROME_MAX_SHARE * total:
            continue
        if _is_chrome(element, weight):
            # Its ancestors lose its text (its tail stays with the same parent). They come before it in
            # document order, so the decisions above were made on the page as it was.
            for ancestor in element.iterancestors():
                held = weights.get(ancestor)  # None above the body
                if held is not None:
                    held.content -= weight.content
                    held.links -= weight.links
            _remove_keep_tail(element)
    return weights


def _is_chrome(element: etree._Element, weight: _Weight) -> bool:
    tag = str(element.tag).lower()
    if tag in _CHROME_TAGS:
        return not any(a.tag == "article" for a in element.iterancestors())
    if tag in ("table", "tr", "td", "th", "tbody", "thead", "p", "span", "font", "strong", "b"):
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if names.strip() and _CHROME_NAME.search(names):
        return True
    if weight.content + weight.links > _CHROME_MAX_CHARS:
        return False
    text = _text_of(element)
    if any(w in text for w in _CHROME_STRONG_WORDS):
        return True
    mostly_links = weight.links >= weight.content
    return mostly_links and any(w in text for w in _CHROME_WORDS)


def _remove_keep_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


@dataclass
class _Weight:
    content: int  # non-space characters outside links
    links: int  # non-space characters inside links


def _text_weights(body: etree._Element) -> dict[etree._Element, _Weight]:
    """Text amounts under each element, computed bottom-up in one pass."""
    weights: dict[etree._Element, _Weight] = {}

    def visit(element: etree._Element, in_link: bool) -> _Weight:
        link = in_link or element.tag == "a"
        text = element.text
        own = len("".join(text.split())) if text else 0  # non-space characters
        content = links = 0
        for child in element:
            # The element's own tail belongs to its parent, counted there.
            tail = child.tail
            if tail:
                own += len("".join(tail.split()))
            if isinstance(child.tag, str):
                sub = visit(child, link)
                content += sub.content
                links += sub.links
        weight = _Weight(content, links + own) if link else _Weight(content + own, links)
        weights[element] = weight
        return weight

    visit(body, False)
    return weights


def _article(body: etree._Element, weights: dict[etree._Element, _Weight]) -> etree._Element:
    total = weights[body].content
    if total == 0:
        return body
    node = body
    while True:
        heavy = [c for c in node if isinstance(c.tag, str) and weights[c].content >= _ARTICLE_SHARE * total]
        # Never descend into a table: a table is content, the article is what holds it.
        if len(heavy) != 1 or heavy[0].tag in ("table", "tbody", "tr", "td", "th", "p"):
            return node
        node = heavy[0]


def _headlines(body: etree._Element) -> list[str]:
    """Headline texts of the page in document order, before any furniture is dropped: CMS templates print
    the article's title in a heading or a title-named element above (or around) the article, and some put it
    in a `<header>` that is dropped as furniture. Link texts are left out (lists of other articles)."""
    found: list[str] = []
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if tag.lower() not in _HEADLINE_TAGS and not _HEADLINE_NAME.search(names):
            continue
        if tag.lower() == "a" or any(a.tag == "a" for a in element.iterancestors()):
            continue
        text = _squash(_text_of(element))
        if text and len(text) <= _MAX_HEADLINE_CHARS and text not in found:
            found.append(text)
    return found


def _text_of(element: etree._Element) -> str:
    return "".join(t if isinstance(t, str) else t.decode("utf-8", "replace") for t in element.itertext())


def _line(element: etree._Element) -> int | None:
    line = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class _BlockCollector:
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int | None = None

    def add_text(self, text: str | None, element: etree._Element) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = _line(element)
            self.parts.append(text)

    def flush(self, element: etree._Element | None = None) -> None:
        text = _squash("".join(self.parts))
        if text:
            line = self.line
            if line is None and element is not None:
                line = _line(element)
            self.blocks.append(Paragraph(text, Location(line=line)))
        self.parts = []
        self.line = None

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            self.flush(element)
            self.table(element)
            return
        if tag == "br":
            self.flush(element)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush(element)
        self.add_text(element.text, element)
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child)
            self.add_text(child.tail, element)
        if block:
            self.flush(element)

    def table(self, element: etree._Element) -> None:
        rows: list[list[Cell]] = []
        frames: list[etree._Element] = []
        for tr in _rows(element):
            row: list[Cell] = []
            for td in tr:
                if not isinstance(td.tag, str) or td.tag not in _CELL_TAGS:
                    continue
                where = Location(line=_line(td))
                if any(True for _ in td.iter("table")):
                    # A layout cell framing a table: its content is read as blocks of its own.
                    frames.append(td)
                    continue
                row.append(Cell(_cell_text(td), where, _span(td, "colspan"), _span(td, "rowspan")))
            if row:
                rows.append(row)
            if frames:
                self._emit(rows)
                rows = []
                for frame in frames:
                    self.walk(frame)
                    self.flush(frame)
                frames = []
        self._emit(rows)

    def _emit(self, rows: list[list[Cell]]) -> None:
        if rows:
            self.blocks.append(Table(rows))


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (through thead/tbody/tfoot), not those of tables nested in its cells."""
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _span(cell: etree._Element, name: str) -> int:
    raw = cell.get(name)
    if raw is None:
        return 1
    raw = raw.strip()
    digits = re.match(r"\d+", raw)
    value = int(digits.group()) if digits else 1
    return min(max(value, 1), _MAX_SPAN)


def _cell_text(td: etree._Element) -> str:
    """The cell's text with one line per paragraph or `<br>`; `&nbsp;` and spacing collapse to blank."""
    if len(td) == 0:
        return _squash(td.text or "")
    walker = _BlockCollector()
    walker.walk(td)
    walker.flush(td)
    return "\n".join(b.text for b in walker.blocks if isinstance(b, Paragraph))

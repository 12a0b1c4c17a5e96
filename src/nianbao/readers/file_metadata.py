"""What a file's own metadata says about it: when it was made or published, and its title.

Dates, most telling first.

PDF: the Info dictionary's CreationDate, then ModDate. DOCX: the core properties' dcterms:created, then
dcterms:modified. HTML: the publication <meta> tags government site systems write (PubDate, publishdate,
firstpublishedtime, article:published_time …), then a 发布时间/发布日期 line anywhere on the page (site pages
print it in an info bar outside the article, which the HTML reader drops as chrome).

Titles (HTML only): the meta tags CMS systems write for the article (ArticleTitle in the
government-site metadata set, Title, og:title, dc.title), then <title> with the site's and column's names cut
off (`某报告_政府信息公开年报_某县人民政府`). Extraction takes them only when the text has no title.

Metadata is a hint, never a reason to refuse a file: what cannot be read gives no date or title.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from datetime import date, datetime, timedelta
from io import BytesIO

from lxml import etree

from ..chinese.dates import ANY_DATE, PUBLISHED_LINE, to_date
from .html import decode_html
from .limits import SIDE_PART_BYTES, read_member

_PDF_KEYS = ("CreationDate", "ModDate")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_CORE_XML = "docProps/core.xml"
_DCTERMS = "{http://purl.org/dc/terms/}"
_DOCX_KEYS = ("created", "modified")
_W3C_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?[^Z+-]*(Z)?)?")
# Reports are Chinese: a UTC time stamp is read as China Standard Time, which can move it to the next day.
_CHINA_OFFSET = timedelta(hours=8)
_HTML_META_NAMES = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "publishtime",
)
_HTML_TITLE_META = ("articletitle", "title", "og:title", "dc.title", "dcterms.title", "contenttitle")
_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
# What separates a page's title from the column and site names a CMS appends (or prepends) to it.
_TITLE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s[-—–]+\s|--+|——)\s*")
_ANY_DATE = re.compile(ANY_DATE)
_TAG = re.compile(r"<[^>]*>")
_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_FIRST_YEAR, _LAST_YEAR = 1990, 2100


def file_dates(data: bytes, kind: str) -> list[date]:
    """The dates the metadata of a file of this kind (pdf, docx, html) gives, most telling first."""
    readers = {"pdf": _pdf_dates, "docx": _docx_dates, "html": _html_dates}
    reader = readers.get(kind)
    if reader is None:
        return []
    try:
        found = reader(data)
    except (
        ValueError,
        KeyError,
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        etree.LxmlError,
        RuntimeError,
    ):
        return []
    # Duplicates (ModDate equal to CreationDate) say nothing more.
    return list(dict.fromkeys(found))


def _pdf_dates(data: bytes) -> list[date]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return []
    finally:
        pdf.close()
    return [d for key in _PDF_KEYS if (d := _pdf_date(info.get(key, ""))) is not None]


def _pdf_date(text: str) -> date | None:
    # The time of day and zone are left aside: the date is as written on the producing machine.
    match = _PDF_DATE.match(text.strip())
    return _date(*map(int, match.groups())) if match else None


def _docx_dates(data: bytes) -> list[date]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        if _CORE_XML not in archive.namelist():
            return []
        core = read_member(archive, _CORE_XML, SIDE_PART_BYTES)  # TooLarge is a ValueError: no dates
        root = etree.fromstring(core, etree.XMLParser(resolve_entities=False))
    dates = []
    for key in _DOCX_KEYS:
        node = root.find(_DCTERMS + key)
        if node is not None and node.text and (found := _w3c_date(node.text.strip())) is not None:
            dates.append(found)
    return dates


def _w3c_date(text: str) -> date | None:
    match = _W3C_DATETIME.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, _second, utc = match.groups()
    found = _date(int(year), int(month), int(day))
    if found is None or not (utc and hour):
        return found
    moment = datetime(found.year, found.month, found.day, int(hour), int(minute)) + _CHINA_OFFSET
    return moment.date()


def _html_dates(data: bytes) -> list[date]:
    text = decode_html(data)
    dates = []
    # Meta tags are read by pattern, not by a second parse of the page: they are flat and in the head.
    for tag in _META_TAG.finditer(text, 0, _head_end(text)):
        attributes = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(tag.group(0))}
        name = (attributes.get("name") or attributes.get("property") or "").strip().lower()
        if name in _HTML_META_NAMES and (found := _text_date(attributes.get("content", ""))) is not None:
            dates.append(found)
    match = PUBLISHED_LINE.search(_TAG.sub(" ", text))
    if match and (found := _date(*map(int, match.groups()))) is not None:
        dates.append(found)
    return dates


def _head_end(text: str) -> int:
    end = text.lower().find("</head")
    return end if end >= 0 else len(text)


def _text_date(text: str) -> date | None:
    match = _ANY_DATE.search(text)
    return _date(*map(int, match.groups())) if match else None


def _date(year: int, month: int, day: int) -> date | None:
    return to_date(year, month, day) if _FIRST_YEAR <= year <= _LAST_YEAR else None


def file_titles(data: bytes, kind: str) -> list[str]:
    """Titles the metadata of a file of this kind gives (only web pages carry useful ones), best first."""
    if kind != "html":
        return []
    try:
        text = decode_html(data)
    except (ValueError, LookupError):
        return []
    head = text[: _head_end(text)]
    titles: list[str] = []
    named: dict[str, str] = {}
    for tag in _META_TAG.finditer(head):
        attributes = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(tag.group(0))}
        name = (attributes.get("name") or attributes.get("property") or "").strip().lower()
        if name in _HTML_TITLE_META and attributes.get("content", "").strip():
            named.setdefault(name, html.unescape(attributes["content"]).strip())
    titles += [named[name] for name in _HTML_TITLE_META if name in named]
    element = _TITLE_ELEMENT.search(head)
    if element is not None:
        whole = html.unescape(_TAG.sub("", element.group(1))).strip()
        # The report's title is the longest part; site and column names are short.
        parts = sorted((p for p in _TITLE_SEPARATOR.split(whole) if p.strip()), key=len, reverse=True)
        titles += parts[:1]
    return list(dict.fromkeys(t for t in titles if t))

"""Which reader a file needs, decided from its content, never from its name.

Containers are told by magic bytes (a ZIP holding `word/document.xml` is DOCX, an OLE compound file
is DOC or WPS, `{\\rtf` is RTF); text is decoded first and then told apart: HTML by its tags,
Markdown by pipe-table rows or ATX headings, anything else is plain text.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

_MAGIC = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
)

# Tags that only HTML has near the start of a page; tested on the lower-cased head.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b", re.S
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|table|div)\b[^>]*>")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_ATX_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_HEAD_BYTES = 4096


def sniff_container(data: bytes) -> str:
    """`pdf`, `zip`, `ole`, `rtf`, `image` by magic bytes; `text` for anything else."""
    head = data[:16].lstrip()
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return "text"


def is_docx(data: bytes) -> bool:
    """A ZIP package holding a Word main part (WPS writes the same layout as Word)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        # A truncated package has no readable central directory; its local header still names parts.
        return b"word/document.xml" in data[:65536] or b"word/" in data[:2048]
    return "word/document.xml" in names or any(n.endswith("/document.xml") for n in names)


def looks_like_html(data: bytes) -> bool:
    """HTML by its opening tags; ASCII tags read the same in UTF-8 and GBK, so bytes suffice."""
    head = _ascii_head(data)
    if _HTML_START.match(head):
        return True
    return len(_HTML_ANYWHERE.findall(head)) >= 2


def _ascii_head(data: bytes) -> bytes:
    head = data[:_HEAD_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a BOM: keep the ASCII bytes of each code unit so tags can be matched.
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lower()


def looks_like_markdown(text: str) -> bool:
    """Pipe tables (a separator row, or several `| a | b |` rows) or more than one ATX heading."""
    if _PIPE_SEPARATOR.search(text) and _PIPE_ROW.search(text):
        return True
    return len(_PIPE_ROW.findall(text)) >= 3 or len(_ATX_HEADING.findall(text)) >= 2

"""Readers: bytes of any supported format → Document. The format is sniffed from content."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Block, Document
from .decode import decode_text
from .doc import read_doc
from .docx import read_docx
from .errors import ReadError
from .file_metadata import file_dates, file_titles
from .html import read_html
from .limits import time_limit
from .markdown import markdown_blocks
from .paged import read_paged
from .sniffing import is_docx, looks_like_html, looks_like_markdown
from .sniffing import sniff_container as sniff
from .text import text_blocks

__all__ = ["ReadError", "read_bytes", "read_path", "sniff"]


def read_path(path: str | Path) -> Document:
    p = Path(path)
    if not p.exists():
        raise ReadError(str(path), "文件不存在")
    if p.is_dir():
        raise ReadError(str(path), "这是一个目录，不是文件")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"无法读取文件（{exc.strerror or exc}）") from exc
    with time_limit(str(path)):
        return read_bytes(data, str(path))


def read_bytes(data: bytes, path: str) -> Document:
    if not data.strip():
        raise ReadError(path, "文件为空")
    kind = sniff(data)
    if kind == "zip":
        if not is_docx(data):
            raise ReadError(path, "压缩包中没有 Word 正文（word/document.xml），不是 DOCX 文件")
        return _document(data, path, "docx", read_docx(data, path))
    if kind in ("ole", "rtf"):
        return _document(data, path, "doc", read_doc(data, path, kind))
    if kind in ("pdf", "image"):
        document = read_paged(data, path, kind)
        document.metadata_dates = file_dates(data, kind)
        return document
    if looks_like_html(data):
        page = read_html(data, path)
        document = _document(data, path, "html", page.blocks)
        document.metadata_titles = list(dict.fromkeys([*page.headlines, *file_titles(data, "html")]))
        return document
    decoded = decode_text(data)
    if decoded is None:
        raise ReadError(path, "无法识别文件编码，文件可能不是文本（支持 UTF-8、GB18030/GBK）")
    text, _encoding = decoded
    if looks_like_markdown(text):
        return _document(data, path, "md", markdown_blocks(text))
    return _document(data, path, "txt", text_blocks(text))


def _document(data: bytes, path: str, fmt: str, blocks: list[Block]) -> Document:
    return Document(
        path=path,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        metadata_dates=file_dates(data, fmt),
    )

"""Readers: bytes of any supported format → Document. The format is sniffed from content."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..document import Block, Document
from .decode import decode_text
from .doc import read_doc
from .docx import read_docx
from .errors import ReadError, printable
from .file_metadata import file_dates, file_titles
from .html import read_html
from .limits import MAX_FILE_BYTES, time_limit
from .markdown import markdown_blocks
from .paged import read_paged
from .sniffing import is_docx, looks_like_html, looks_like_markdown
from .sniffing import sniff_container as sniff
from .text import text_blocks

__all__ = ["ReadError", "printable", "read_bytes", "read_file", "read_path", "sniff"]


def read_path(path: str | Path) -> Document:
    data = read_file(path)
    name = printable(str(path))
    with time_limit(name):
        return read_bytes(data, name)


def read_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Anything else — a directory, a named
    pipe, a device such as /dev/zero, a file too large or not readable — is a ReadError; opening never
    waits (a pipe without a writer would block for ever)."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ReadError(name, "文件不存在") from None
    except PermissionError:
        raise ReadError(name, "没有读取该文件的权限") from None
    except OSError as exc:
        raise ReadError(name, f"无法打开文件（{exc.strerror or exc}）") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(name, "这是一个目录，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(name, "这不是普通文件（可能是管道、设备或套接字），已跳过")
        if info.st_size > limit:
            raise ReadError(name, _too_large(info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while being read
            raise ReadError(name, _too_large(size, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(name, f"无法读取文件（{exc.strerror or exc}）") from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return f"文件过大（{size / 2**20:.1f} MB，上限 {limit / 2**20:.0f} MB），已跳过"


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

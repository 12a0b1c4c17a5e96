"""Paged formats — PDF and page images — as Documents with their page count and OCR flag."""

from __future__ import annotations

import hashlib

from ..document import Document
from .limits import Deadline, current_deadline


def read_paged(data: bytes, path: str, kind: str, deadline: Deadline | None = None) -> Document:
    """A PDF (`kind` "pdf") or a scanned page image (`kind` "image") as a Document."""
    deadline = deadline or current_deadline(path)
    if kind == "image":
        from .ocr import ocr_image

        blocks = ocr_image(data, path, deadline)
        pages, ocr, fmt = 1, True, "image"
    else:
        from .pdf import read_pdf

        blocks, pages, ocr = read_pdf(data, path, deadline)
        fmt = "pdf"
    return Document(
        path=path,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        pages=pages,
        ocr=ocr,
    )

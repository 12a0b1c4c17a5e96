"""A letter in 公文 style as DOCX: title, 文号, addressee, body paragraphs, signature and date.

One writer for every letter nianbao sends: the case ledger's 文书 (ledger/documents.py) and the
公开办's 整改通知 (notice.py). Page, fonts and paragraphs are the annual report's (render/docx.py:
GB/T 9704 margins, 方正小标宋简体 title, 仿宋_GB2312 body)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..chinese.dates import chinese_day
from .docx import BODY_FONT, BODY_PT, _body, _fixed_lines, _font, _page_setup, _title

SIGNATURE_INDENT_CHARS = 4


@dataclass(frozen=True)
class Letter:
    kind: str
    title: str
    number: str  # 文号 (may be empty)
    addressee: str
    paragraphs: tuple[str, ...]
    signed: date


def render_letter(letter: Letter, organ: str) -> bytes:
    """The letter as DOCX bytes: title, 文号, addressee, body, signature block (`organ`) and date."""
    doc = Document()
    _page_setup(doc, False)
    _title(doc.add_paragraph(), letter.title)
    if letter.number:
        number = doc.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fixed_lines(number)
        _font(number.add_run(letter.number), BODY_FONT, BODY_PT)
    doc.add_paragraph()
    head = doc.add_paragraph()
    _fixed_lines(head)
    _font(head.add_run(f"{letter.addressee}："), BODY_FONT, BODY_PT)
    for text in letter.paragraphs:
        _body(doc.add_paragraph(), text)
    doc.add_paragraph()
    for line in (organ, chinese_day(letter.signed)):
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _fixed_lines(sign)
        sign.paragraph_format.right_indent = Pt(BODY_PT * SIGNATURE_INDENT_CHARS)
        _font(sign.add_run(line), BODY_FONT, BODY_PT)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

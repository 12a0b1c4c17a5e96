"""Dates from a file's own metadata: PDF Info, DOCX core properties, HTML publication tags and lines."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from docx import Document as DocxDocument

from nianbao.readers import read_bytes
from nianbao.readers.file_metadata import file_dates


def minimal_pdf(info: dict[str, str]) -> bytes:
    """A one-page PDF with the given Info dictionary, written object by object with a correct xref."""
    entries = " ".join(f"/{key} ({value})" for key, value in info.items())
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        f"<< {entries} >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx_with_dates(created: datetime, modified: datetime) -> bytes:
    doc = DocxDocument()
    doc.add_paragraph("示例")
    doc.core_properties.created = created
    doc.core_properties.modified = modified
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_pdf_creation_date_comes_before_mod_date() -> None:
    pdf = minimal_pdf({"CreationDate": "D:20250305101115+08'00'", "ModDate": "D:20250410090000"})
    assert file_dates(pdf, "pdf") == [date(2025, 3, 5), date(2025, 4, 10)]


def test_pdf_without_info_or_with_nonsense_dates_gives_none() -> None:
    assert file_dates(minimal_pdf({}), "pdf") == []
    assert file_dates(minimal_pdf({"CreationDate": "yesterday", "ModDate": "D:20251340"}), "pdf") == []


def test_pdf_metadata_reaches_the_document_through_the_dispatcher() -> None:
    pdf = minimal_pdf({"CreationDate": "D:20240131235959"})
    assert read_bytes(pdf, "empty.pdf").metadata_dates == [date(2024, 1, 31)]


def test_docx_created_then_modified_and_utc_read_as_china_time() -> None:
    data = docx_with_dates(datetime(2025, 1, 20, 9, 0), datetime(2025, 1, 31, 17, 30))
    # 17:30 UTC is 01:30 the next morning in China.
    assert file_dates(data, "docx") == [date(2025, 1, 20), date(2025, 2, 1)]


def test_docx_without_core_properties_gives_none() -> None:
    source = docx_with_dates(datetime(2025, 1, 20), datetime(2025, 1, 21))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(buffer, "w") as new:
        for item in old.infolist():
            if item.filename != "docProps/core.xml":
                new.writestr(item, old.read(item.filename))
    assert file_dates(buffer.getvalue(), "docx") == []
    assert read_bytes(buffer.getvalue(), "x.docx").metadata_dates == []


def test_html_publication_meta_then_published_line() -> None:
    page = (
        '<html><head><meta charset="gbk"><META content="2025-02-10 10:20" NAME="PubDate">'
        '<meta name="keywords" content="2030-01-01"></head><body><div class="info">'
        "发布时间：<span>2025年2月11日</span></div><p>正文</p></body></html>"
    ).encode("gb18030")
    assert file_dates(page, "html") == [date(2025, 2, 10), date(2025, 2, 11)]


def test_html_article_published_time_property() -> None:
    page = b'<html><head><meta property="article:published_time" content="2024-03-02T08:00:00+08:00">'
    page += b"</head><body><p>x</p></body></html>"
    assert file_dates(page, "html") == [date(2024, 3, 2)]


def test_damaged_files_and_other_formats_give_no_date() -> None:
    assert file_dates(b"%PDF-1.4 broken", "pdf") == []
    assert file_dates(b"PK\x03\x04 broken", "docx") == []
    assert file_dates(b"plain text 2025-01-01", "txt") == []

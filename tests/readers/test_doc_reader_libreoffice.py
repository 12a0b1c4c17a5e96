"""DOC (and RTF) reports: LibreOffice converts them, the DOCX reader reads them, no cell is lost.

Twenty generated reports are written as DOCX by the test builders, turned into Word 97 .doc files
by LibreOffice, and read back; conversions run in batches because LibreOffice's start-up dominates.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from report_layouts import to_docx
from test_generated_formats_roundtrip import DOCUMENTS, cell_mismatches, generated
from tooling import requires

from nianbao import office, parse
from nianbao.document import Document
from nianbao.extract import extract
from nianbao.office import find_soffice
from nianbao.readers import ReadError, read_bytes
from nianbao.readers.doc import convert_files
from nianbao.readers.docx import read_docx

needs_libreoffice = requires(
    find_soffice() is not None, "LibreOffice is not installed (scripts/install-system-deps.sh)"
)


@pytest.fixture(scope="module")
def doc_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The generated reports as .doc files, made in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("doc")
    sources = []
    for index in range(DOCUMENTS):
        report, layout = generated(index)
        source = folder / f"report-{index}.docx"
        source.write_bytes(to_docx(report, layout))
        sources.append(source)
    out = folder / "doc"
    out.mkdir()
    convert_files(sources, out, "doc")
    return [out / f"report-{index}.doc" for index in range(DOCUMENTS)]


@needs_libreoffice
def test_generated_doc_files_parse_with_every_cell_right(doc_files: list[Path], tmp_path: Path) -> None:
    assert all(p.is_file() and p.read_bytes().startswith(b"\xd0\xcf\x11\xe0") for p in doc_files)
    # Back to DOCX in one run (read_doc does the same per file), then the DOCX reader and extraction.
    convert_files(doc_files, tmp_path, "docx")
    for index, path in enumerate(doc_files):
        expected, _layout = generated(index)
        data = (tmp_path / f"report-{index}.docx").read_bytes()
        document = Document(str(path), "doc", hashlib.sha256(data).hexdigest(), read_docx(data, str(path)))
        parsed = extract(document)
        assert (parsed.organ, parsed.year, parsed.edition) == (
            expected.organ,
            expected.year,
            expected.edition,
        )
        assert cell_mismatches(parsed, expected) == [], path.name


@needs_libreoffice
def test_doc_file_is_read_through_the_public_parse(doc_files: list[Path], tmp_path: Path) -> None:
    # A .doc named .txt: the content decides, and LibreOffice runs inside parse().
    path = tmp_path / "report.txt"
    path.write_bytes(doc_files[1].read_bytes())
    expected, _layout = generated(1)
    parsed = parse(path)
    assert parsed.source.format == "doc"
    assert cell_mismatches(parsed, expected) == []


@needs_libreoffice
def test_rtf_is_converted_and_read() -> None:
    document = read_bytes(b"{\\rtf1\\ansi {\\fs24 first line}\\par second line\\par}", "a.rtf")
    assert document.format == "doc"
    assert [p.text for p in document.paragraphs] == ["first line", "second line"]


@needs_libreoffice
def test_damaged_doc_is_a_clear_error() -> None:
    with pytest.raises(ReadError, match="LibreOffice 无法转换"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken.doc")


def test_missing_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="LibreOffice") as excinfo:
        read_bytes(b"{\\rtf1 x}", "a.rtf")
    assert "install-system-deps.sh" in excinfo.value.reason
    assert excinfo.value.path == "a.rtf"

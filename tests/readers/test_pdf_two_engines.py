"""The fast page reader (pdfium) and pdfplumber give the same Document for the same PDF: the same
paragraphs, the same grids with the same spans and pages. pdfplumber stays the fallback for files
pdfium refuses, so the two must not drift apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_engines import assert_engines_agree


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_shared_corpus_pdf_engines_agree(corpus: Path, name: str) -> None:
    assert_engines_agree(corpus / "jiangsu" / f"{name}.pdf")

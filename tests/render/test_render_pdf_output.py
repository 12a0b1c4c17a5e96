"""PDF written through LibreOffice: CJK fonts embedded, text extractable, drafts marked on every page."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from tooling import requires

from nianbao.render import pdf as pdf_module
from nianbao.render import render_docx
from nianbao.render.pdf import PdfError, docx_to_pdf_many, find_soffice
from nianbao.synth import generate

needs_soffice = requires(
    find_soffice() is not None, "LibreOffice not installed (scripts/install-system-deps.sh)"
)


@pytest.fixture(scope="module")
def pdfs() -> Iterator[dict[str, Path]]:
    with tempfile.TemporaryDirectory() as work:
        sources = []
        for name, draft in (("final", False), ("draft", True)):
            path = Path(work) / f"{name}.docx"
            path.write_bytes(render_docx(generate(21, 2024, "淮安市洪泽区人民政府"), draft=draft))
            sources.append(path)
        final, draft_pdf = docx_to_pdf_many(sources, Path(work) / "out")
        yield {"final": final, "draft": draft_pdf}


@needs_soffice
@requires(
    shutil.which("pdffonts") is not None, "poppler-utils not installed (scripts/install-system-deps.sh)"
)
def test_cjk_font_is_embedded(pdfs: dict[str, Path]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(pdfs["final"])], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in listing.splitlines() if "CJK" in line]
    assert cjk, listing
    # Columns: name type encoding emb sub uni; every CJK font must be embedded.
    assert all(" yes " in line.split("CJK", 1)[1] for line in cjk)


@needs_soffice
def test_text_extracts_as_chinese(pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(pdfs["final"]) as doc:
        text = "".join((page.extract_text() or "") for page in doc.pages).replace("\n", "").replace(" ", "")
    assert "淮安市洪泽区人民政府2024年政府信息公开工作年度报告" in text
    assert "本年新收政府信息公开申请数量" in text and "未经复议直接起诉" in text
    assert "信息处理费" in text
    assert "\ufffd" not in text


@needs_soffice
def test_draft_is_marked_on_every_page(pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(pdfs["draft"]) as doc:
        assert len(doc.pages) > 1
        assert all("草稿" in (page.extract_text() or "") for page in doc.pages)
    with pdfplumber.open(pdfs["final"]) as doc:
        assert not any("草稿" in (page.extract_text() or "") for page in doc.pages)


def test_missing_libreoffice_is_a_clear_chinese_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    with pytest.raises(PdfError, match="未找到 LibreOffice"):
        docx_to_pdf_many([tmp_path / "a.docx"], tmp_path)

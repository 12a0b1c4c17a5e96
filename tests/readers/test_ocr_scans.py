"""Scanned reports: generated reports printed to PDF, rasterised to images (no text layer), read by OCR.

The full scanned set runs in `make bench`; here a small one keeps `make test` fast.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import nianbao
from nianbao.readers import ReadError, ocr, read_path
from nianbao.render.pdf import render_pdf
from nianbao.synth import generate

DPI = 200


def _scan(pdf: bytes) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def _image_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return out.getvalue()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[nianbao.Report, Path, Path]:
    work = tmp_path_factory.mktemp("scans")
    report = generate(7, 2023, "示例县城关镇人民政府")
    pdf = render_pdf(report)
    # The whole report (3 pages): 表二's merged headers and signed deltas fail differently from 表三.
    pages = _scan(pdf)
    scan_pdf = work / "scan.pdf"
    scan_pdf.write_bytes(_image_pdf(pages))
    png = work / "page.png"
    # A strip of one page is enough to show that image files go through OCR.
    first = pages[0]
    first.crop((0, 0, first.width, first.height // 5)).save(png)
    return report, scan_pdf, png


def test_scanned_pdf_reads_at_least_995_per_mille_of_cells(
    scanned: tuple[nianbao.Report, Path, Path],
) -> None:
    expected, scan_pdf, _png = scanned
    parsed = nianbao.parse(scan_pdf)
    assert parsed.source.ocr is True and parsed.source.format == "pdf"
    assert (parsed.organ, parsed.year, parsed.edition) == (expected.organ, expected.year, expected.edition)
    want = expected.cell_values()
    got = parsed.cell_values()
    right = sum(1 for key, value in want.items() if key in got and got[key] == value)
    assert {k.split(".")[0] for k in want} >= {"active", "applications", "review_litigation"}
    assert len(want) >= 23 * 7 + 20
    assert right / len(want) >= 0.995, sorted(k for k in want if got.get(k) != want[k])
    assert all(w.page and w.bbox for w in parsed.provenance.values())


def test_scanned_image_file_is_read_by_ocr(scanned: tuple[nianbao.Report, Path, Path]) -> None:
    _expected, _scan_pdf, png = scanned
    doc = read_path(png)
    assert doc.format == "image" and doc.ocr and doc.pages == 1
    assert any(p.text.strip() for p in doc.paragraphs) or doc.tables


def test_scan_without_ocr_extra_names_the_install_command(
    scanned: tuple[nianbao.Report, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> object:
        raise ImportError("No module named 'rapidocr_onnxruntime'")

    monkeypatch.setattr(ocr, "_engine", missing)
    _expected, scan_pdf, png = scanned
    for path in (scan_pdf, png):
        with pytest.raises(ReadError) as caught:
            read_path(path)
        assert "pip install 'nianbao[ocr]'" in caught.value.reason
        assert "扫描件" in caught.value.reason


def _ruled_strip() -> bytes:
    """A small ruled image with a few marks in its cells, as PNG bytes."""
    image = Image.new("L", (240, 120), 255)
    for x in range(0, 240, 60):
        image.paste(0, (x, 0, x + 2, 120))
    for y in range(0, 120, 40):
        image.paste(0, (0, y, 240, y + 2))
    for x in range(20, 240, 60):
        image.paste(0, (x, 55, x + 12, 70))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@settings(
    max_examples=12,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(st.data())
def test_damaged_images_give_a_document_or_a_clear_error(tmp_path: Path, data: st.DataObject) -> None:
    original = _ruled_strip()
    if data.draw(st.booleans(), label="truncate"):
        damaged = original[: data.draw(st.integers(0, len(original) - 1), label="length")]
    else:
        mutable = bytearray(original)
        for _ in range(data.draw(st.integers(1, 8), label="flips")):
            mutable[data.draw(st.integers(8, len(mutable) - 1))] = data.draw(st.integers(0, 255))
        damaged = bytes(mutable)
    path = tmp_path / "damaged.png"
    path.write_bytes(damaged)
    try:
        doc = read_path(path)
    except ReadError as exc:
        # A reason for people: it names the file and says what is wrong in Chinese.
        assert exc.path == str(path)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.reason), exc.reason
    else:
        assert doc.ocr

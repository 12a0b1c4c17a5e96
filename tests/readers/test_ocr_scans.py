"""Scanned reports: generated reports printed to PDF, scanned (nianbao.synth_scan) into image-only PDFs
and JPG files, read by OCR.

Two kinds of scan: the clean straight renders the OCR reader was first built on (every cell must stay
right), and scans as an office makes them — grey, askew either way, blurred, specked, unevenly lit,
JPEG — each page with its own draw. The full office set (20 reports) runs in `make bench`; here three
reports keep `make test` fast.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import nianbao
from nianbao.model import Report
from nianbao.readers import ReadError, ocr, read_path
from nianbao.render.pdf import reports_to_pdfs
from nianbao.rules import REGISTRY
from nianbao.synth import generate
from nianbao.synth_scan import Scan, scan_report

# Seeds whose office scans are among the harder draws: pages askew by more than 1° both ways,
# JPEG quality under 50, heavy blur (the test checks that they are).
OFFICE = ((21, 2020, "示例县城关镇人民政府"), (28, 2023, "示例市教育局"), (15, 2021, "示例省交通运输厅"))
CLEAN = (7, 2023, "示例县城关镇人民政府")
# Findings about the tables' numbers: a misread shows as one of these.
NUMBER_FAMILIES = ("arithmetic", "values", "t2", "t3")


class Scanned:
    def __init__(self, report: Report, scan: Scan, pdf: Path) -> None:
        self.report, self.scan, self.pdf = report, scan, pdf


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Scanned]]:
    work = tmp_path_factory.mktemp("scans")
    specs = [CLEAN, *OFFICE]
    reports = [generate(seed, year, organ) for seed, year, organ in specs]
    pdfs = reports_to_pdfs(reports, work / "digital")
    out: dict[str, list[Scanned]] = {"clean": [], "office": []}
    for n, (report, pdf) in enumerate(zip(reports, pdfs, strict=True)):
        office = n > 0
        scan = scan_report(pdf.read_bytes(), seed=specs[n][0], office=office)
        path = work / f"scan{n}.pdf"
        path.write_bytes(scan.pdf())
        out["office" if office else "clean"].append(Scanned(report, scan, path))
    return out


def _identity(report: Report) -> tuple[object, ...]:
    return report.organ, report.year, report.edition


def _wrong_cells(expected: Report, parsed: Report) -> list[str]:
    want, got = expected.cell_values(), parsed.cell_values()
    return sorted(k for k in want if k not in got or got[k] != want[k])


def _number_findings(report: Report) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (f.rule, tuple(f.cells))
        for f in report.findings
        if f.rule in REGISTRY and REGISTRY[f.rule].family in NUMBER_FAMILIES and f.rule != "G-UNCERTAIN"
    }


def test_clean_scan_reads_every_cell(scans: dict[str, list[Scanned]]) -> None:
    (clean,) = scans["clean"]
    parsed = nianbao.parse(clean.pdf)
    assert parsed.source.ocr is True and parsed.source.format == "pdf"
    expected = clean.report
    assert _identity(parsed) == _identity(expected)
    tables = {k.split(".")[0] for k in expected.cell_values()}
    assert tables >= {"active", "applications", "review_litigation"}
    assert _wrong_cells(expected, parsed) == []
    assert all(w.page and w.bbox for w in parsed.provenance.values())


def test_office_scans_are_as_hard_as_office_scans(scans: dict[str, list[Scanned]]) -> None:
    looks = [look for s in scans["office"] for look in s.scan.looks]
    assert max(look.angle for look in looks) > 1.0 and min(look.angle for look in looks) < -1.0
    assert min(look.quality for look in looks) < 40 and max(look.blur for look in looks) > 0.95
    assert all(look.paper < 250 and look.specks > 0 for look in looks)
    assert {s.report.edition for s in scans["office"]} == {"E2019", "E2021"}


def test_office_scans_read_at_least_995_per_mille_of_cells_without_misread_findings(
    scans: dict[str, list[Scanned]],
) -> None:
    right = total = 0
    for scanned in scans["office"]:
        expected = scanned.report
        parsed = nianbao.parse(scanned.pdf)
        assert _identity(parsed) == _identity(expected)
        wrong = _wrong_cells(expected, parsed)
        # A cell that is not right was reported as uncertain, never read as another number.
        assert set(wrong) <= parsed.uncertain_cells(), [(k, parsed.cell_values().get(k)) for k in wrong]
        right += len(expected.cell_values()) - len(wrong)
        total += len(expected.cell_values())
        # No finding about the numbers that the generated report itself does not have.
        expected.findings = list(nianbao.check(expected))
        assert _number_findings(parsed) <= _number_findings(expected)
    assert right / total >= 0.995


def test_office_scan_locations_are_on_the_page_as_scanned(scans: dict[str, list[Scanned]]) -> None:
    """Cells are found on the straightened page; their bboxes are turned back to the scan's page."""
    scanned = max(scans["office"], key=lambda s: abs(s.scan.looks[1].angle))
    parsed = nianbao.parse(scanned.pdf)
    doc = read_path(scanned.pdf)
    page_two = [c for t in doc.tables for row in t.rows for c in row if c.where.page == 2 and c.text]
    with Image.open(io.BytesIO(scanned.scan.pages[1])) as image:
        gray = np.asarray(image.convert("L"))
    scale = 200 / 72
    dark = 0
    for cell in page_two:
        assert cell.where.bbox is not None
        x0, top, x1, bottom = (round(v * scale) for v in cell.where.bbox)
        dark += int(gray[top : bottom + 1, x0 : x1 + 1].min()) < 128  # its text is inside its box on the scan
    assert dark >= 0.95 * len(page_two)
    assert parsed.provenance


def test_scanned_jpg_of_a_table_page_is_read_by_ocr(scans: dict[str, list[Scanned]], tmp_path: Path) -> None:
    scanned = scans["office"][1]
    path = tmp_path / "page2.jpg"
    path.write_bytes(scanned.scan.pages[1])
    doc = read_path(path)
    assert doc.format == "image" and doc.ocr and doc.pages == 1
    numbers = [c.text for t in doc.tables for row in t.rows for c in row if c.text.isdigit()]
    assert len(numbers) >= 40


def test_scan_without_ocr_extra_names_the_install_command(
    scans: dict[str, list[Scanned]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def missing() -> object:
        raise ImportError("No module named 'rapidocr_onnxruntime'")

    monkeypatch.setattr(ocr, "_engine", missing)
    (clean,) = scans["clean"]
    png = tmp_path / "page.png"
    with Image.open(io.BytesIO(clean.scan.pages[0])) as first:
        first.crop((0, 0, first.width, first.height // 5)).save(png)
    for path in (clean.pdf, png):
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

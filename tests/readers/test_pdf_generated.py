"""Text-layer PDFs with known values: generated reports, written by the project's DOCX renderer and
converted by LibreOffice, read back by the PDF reader with every table cell right."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_engines import assert_engines_agree

import nianbao
from nianbao.model import Report
from nianbao.render.pdf import find_soffice, reports_to_pdfs
from nianbao.synth import generate

ORGANS = ["示例县城关镇人民政府", "示例市发展和改革委员会", "示例区人民政府办公室", "示例县教育局"]
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
COUNT = 20


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Report, Path]]:
    if find_soffice() is None:
        pytest.fail("LibreOffice is needed to make the PDF fixtures: run scripts/install-system-deps.sh")
    work = tmp_path_factory.mktemp("pdfset")
    reports = [generate(seed, YEARS[seed % len(YEARS)], ORGANS[seed % len(ORGANS)]) for seed in range(COUNT)]
    return list(zip(reports, reports_to_pdfs(reports, work), strict=True))


def test_generated_pdfs_parse_with_every_cell_right(generated: list[tuple[Report, Path]]) -> None:
    wrong: list[str] = []
    total = 0
    for expected, pdf in generated:
        parsed = nianbao.parse(pdf)
        assert parsed.source.format == "pdf" and parsed.source.pages and parsed.source.pages > 1
        assert (parsed.organ, parsed.year, parsed.edition) == (
            expected.organ,
            expected.year,
            expected.edition,
        )
        want, got = expected.cell_values(), parsed.cell_values()
        total += len(want)
        wrong += [f"{pdf.name}:{key}" for key in want.keys() | got.keys() if want.get(key) != got.get(key)]
        wrong += [f"{pdf.name}:{key} missing" for key in want.keys() - got.keys()]
    assert total > COUNT * 40
    assert wrong == []


def test_generated_pdfs_keep_page_and_bbox_and_split_tables(generated: list[tuple[Report, Path]]) -> None:
    split = 0
    for _expected, pdf in generated:
        parsed = nianbao.parse(pdf)
        for where in parsed.provenance.values():
            assert where.page is not None and where.bbox is not None
        pages = {w.page for k, w in parsed.provenance.items() if k.startswith("applications.")}
        split += len(pages) > 1
    # 表三 is longer than what is left of its page in at least some reports: those read across pages.
    assert split > 0


def test_generated_pdfs_read_alike_by_pdfium_and_pdfplumber(generated: list[tuple[Report, Path]]) -> None:
    for _expected, pdf in generated[:4]:
        assert_engines_agree(pdf)

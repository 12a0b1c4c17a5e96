"""PDF reports: text-layer speed (goal ≥ 10 reports/s on 2 cores), accuracy of every table cell, and
OCR speed and accuracy on the same reports rasterised at 200 dpi (goal ≤ 10 s per page, ≥ 99.5 %)."""

from __future__ import annotations

import io
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

import nianbao
from nianbao.model import Report
from nianbao.render.docx import render_docx
from nianbao.render.pdf import docx_to_pdf_many
from nianbao.synth import generate

REPORTS = 40
SCANNED = 3
WORKERS = 2
TEXT_GOAL = 10.0
OCR_GOAL = 10.0
DPI = 200


def _cells(report: Report) -> dict[str, object]:
    return {
        f"{t}.{r}.{c}": v
        for t, rows in report.tables.items()
        for r, cells in rows.items()
        for c, v in cells.items()
    }


def _score(expected: Report, parsed: Report) -> tuple[int, int]:
    want, got = _cells(expected), _cells(parsed)
    return sum(1 for k, v in want.items() if k in got and got[k] == v), len(want)


def _parse(path: str) -> Report:
    return nianbao.parse(path)


def _scan(pdf: Path, out: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    pages = [doc[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(doc))]
    doc.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    out.write_bytes(buffer.getvalue())
    return len(pages)


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reports = [generate(seed, 2019 + seed % 6) for seed in range(REPORTS)]
        sources = []
        for seed, report in enumerate(reports):
            source = work / f"r{seed:03d}.docx"
            source.write_bytes(render_docx(report))
            sources.append(source)
        pdfs = docx_to_pdf_many(sources, work / "pdf")
        start = time.perf_counter()
        with ProcessPoolExecutor(WORKERS) as pool:
            parsed = list(pool.map(_parse, [str(p) for p in pdfs]))
        seconds = time.perf_counter() - start
        right = total = 0
        for expected, got in zip(reports, parsed, strict=True):
            r, t = _score(expected, got)
            right, total = right + r, total + t
        rate = REPORTS / seconds

        ocr_right = ocr_total = pages = 0
        ocr_seconds = 0.0
        for i in range(SCANNED):
            scan = work / f"scan{i}.pdf"
            pages += _scan(pdfs[i], scan)
            start = time.perf_counter()
            got = nianbao.parse(scan)
            ocr_seconds += time.perf_counter() - start
            r, t = _score(reports[i], got)
            ocr_right, ocr_total = ocr_right + r, ocr_total + t
    per_page = ocr_seconds / pages
    return "\n".join(
        [
            "## PDF",
            "",
            "| 项目 / measure | 结果 / result | 目标 / goal |",
            "|---|---|---|",
            f"| 文字层 PDF 速度（{REPORTS} 份，{WORKERS} 进程） | {rate:.1f} 份/秒 | ≥ {TEXT_GOAL:g} 份/秒 "
            f"{'✓' if rate >= TEXT_GOAL else '✗'} |",
            f"| 文字层 PDF 单元格正确率 | {right}/{total} = {right / total:.2%} | 100 % "
            f"{'✓' if right == total else '✗'} |",
            f"| 扫描件 OCR 速度（{SCANNED} 份，{pages} 页，200 dpi，单进程） | {per_page:.1f} 秒/页 "
            f"| ≤ {OCR_GOAL:g} 秒/页 "
            f"{'✓' if per_page <= OCR_GOAL else '✗'} |",
            f"| 扫描件 OCR 单元格正确率 | {ocr_right}/{ocr_total} = {ocr_right / ocr_total:.2%} | ≥ 99.5 % "
            f"{'✓' if ocr_right >= 0.995 * ocr_total else '✗'} |",
        ]
    )

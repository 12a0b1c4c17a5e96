"""Scanned reports (OCR): the full scanned set, goal ≥ 99.5 % of table cells right and ≤ 10 s per page.

Each generated report goes through the project's DOCX renderer and LibreOffice to PDF; its pages are
rasterised at 200 dpi and saved as an image-only PDF, so nothing but OCR can read it. Pages are read
one document at a time in one process (onnxruntime uses the 2 cores itself).
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

import nianbao
from nianbao.model import Report
from nianbao.render.pdf import reports_to_pdfs
from nianbao.synth import generate

DOCUMENTS = 20
DPI = 200
SECONDS_GOAL = 10.0
ACCURACY_GOAL = 0.995
ORGANS = ("示例县城关镇人民政府", "示例市教育局", "示例省交通运输厅")


def _identity(report: Report) -> tuple[object, ...]:
    return report.organ, report.year, report.edition


def _scan(pdf: Path, out: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [doc[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    out.write_bytes(buffer.getvalue())
    return len(pages)


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # Seeds apart from those of the text-layer benchmark; years 2019-2024 cover both editions.
        reports = [generate(100 + n, 2019 + n % 6, ORGANS[n % len(ORGANS)]) for n in range(DOCUMENTS)]
        pdfs = reports_to_pdfs(reports, work)
        right = total = pages = metadata = 0
        seconds = 0.0
        load_before = os.getloadavg()[0]
        for n, (expected, pdf) in enumerate(zip(reports, pdfs, strict=True)):
            scan = work / f"scan{n:03d}.pdf"
            pages += _scan(pdf, scan)
            start = time.perf_counter()
            got = nianbao.parse(scan)
            seconds += time.perf_counter() - start
            want, have = expected.cell_values(), got.cell_values()
            right += sum(1 for k, v in want.items() if k in have and have[k] == v)
            total += len(want)
            metadata += _identity(got) == _identity(expected)
        load_after = os.getloadavg()[0]
    per_page = seconds / pages
    return "\n".join(
        [
            "## 扫描件 OCR / Scanned reports",
            "",
            f"{DOCUMENTS} 份生成报告，共 {pages} 页，200 dpi 纯图片 PDF；单进程逐份读取。"
            f"测量前后 1 分钟负载 {load_before:.1f} / {load_after:.1f}。",
            "",
            "| 项目 / measure | 结果 / result | 目标 / goal |",
            "|---|---|---|",
            f"| OCR 速度 | {per_page:.1f} 秒/页 | ≤ {SECONDS_GOAL:g} 秒/页 "
            f"{'✓' if per_page <= SECONDS_GOAL else '✗'} |",
            f"| 表格单元格正确率 | {right}/{total} = {right / total:.2%} | ≥ {ACCURACY_GOAL:.1%} "
            f"{'✓' if right >= ACCURACY_GOAL * total else '✗'} |",
            f"| 机关、年度、版本正确 | {metadata}/{DOCUMENTS} | — |",
        ]
    )

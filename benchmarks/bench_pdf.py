"""Text-layer PDF reports: speed (goal ≥ 10 reports/s on 2 cores) and accuracy of every table cell.
Scanned PDFs have their own benchmark, bench_ocr.py."""

from __future__ import annotations

import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nianbao
from nianbao.model import Report
from nianbao.render.pdf import reports_to_pdfs
from nianbao.synth import generate

REPORTS = 40
WORKERS = 2
TEXT_GOAL = 10.0


def _score(expected: Report, parsed: Report) -> tuple[int, int]:
    want, got = expected.cell_values(), parsed.cell_values()
    return sum(1 for k, v in want.items() if k in got and got[k] == v), len(want)


def _parse(path: str) -> Report:
    return nianbao.parse(path)


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reports = [generate(seed, 2019 + seed % 6) for seed in range(REPORTS)]
        pdfs = reports_to_pdfs(reports, work)
        start = time.perf_counter()
        with ProcessPoolExecutor(WORKERS) as pool:
            parsed = list(pool.map(_parse, [str(p) for p in pdfs]))
        seconds = time.perf_counter() - start
        right = total = 0
        for expected, got in zip(reports, parsed, strict=True):
            r, t = _score(expected, got)
            right, total = right + r, total + t
        rate = REPORTS / seconds

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
        ]
    )

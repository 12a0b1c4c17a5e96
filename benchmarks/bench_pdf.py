"""Text-layer PDF reports: the reader's time as a ratio to pypdfium2's own text extraction (the floor:
open, then per page get_textpage and get_text_range), on the real PDFs of ../shared/corpus and on generated
ones; the throughput of whole parses on 2 cores; and the accuracy of every table cell.
Scanned PDFs have their own benchmark, bench_ocr.py."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]

import nianbao
from nianbao.model import Report
from nianbao.readers import read_bytes
from nianbao.render.pdf import reports_to_pdfs
from nianbao.synth import generate

REPORTS = 40
WORKERS = 2
TEXT_GOAL = 10.0
# The reader's CPU time over the floor's, median over the documents of a set.
RATIO_GOAL = 2.5
# Each document is timed this many times (reader and floor in turn); the fastest run counts.
REPEATS = 5
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _score(expected: Report, parsed: Report) -> tuple[int, int]:
    want, got = expected.cell_values(), parsed.cell_values()
    return sum(1 for k, v in want.items() if k in got and got[k] == v), len(want)


def _gold_score(gold: dict[str, Any], parsed: Report) -> tuple[int, int]:
    """Cells of a hand-checked gold answer the parse gives the same value (blank and 0 differ)."""
    got = parsed.to_dict()["tables"]
    cells = [
        (table, row, column, value)
        for table, rows in gold["tables"].items()
        for row, columns in rows.items()
        for column, value in columns.items()
    ]
    right = sum(1 for t, r, c, v in cells if got.get(t, {}).get(r, {}).get(c, "-") == v)
    return right, len(cells)


def _parse(path: str) -> Report:
    return nianbao.parse(path)


def _floor(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _cpu(run: Callable[..., object], *arguments: object) -> float:
    start = time.process_time()
    run(*arguments)
    return time.process_time() - start


def _ratios(paths: list[Path]) -> list[float]:
    """Per document: the reader's CPU time (bytes to Document) over the floor's, best of REPEATS each."""
    ratios = []
    for path in paths:
        data = path.read_bytes()
        floor, reader = [], []
        for _ in range(REPEATS):
            floor.append(_cpu(_floor, data))
            reader.append(_cpu(read_bytes, data, str(path)))
        ratios.append(min(reader) / max(min(floor), 1e-9))
    return ratios


def _ratio_row(name: str, ratios: list[float], right: int, total: int) -> str:
    median = statistics.median(ratios)
    mark = "✓" if median <= RATIO_GOAL else "✗"
    return (
        f"| {name} | {len(ratios)} | {median:.2f}× | {min(ratios):.2f}–{max(ratios):.2f}× "
        f"| {right}/{total} = {right / max(total, 1):.2%} | ≤ {RATIO_GOAL:g}× {mark} |"
    )


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
        generated_ratios = _ratios(pdfs)

    rows = [_ratio_row("生成的报告（LibreOffice 打印）", generated_ratios, right, total)]
    real = sorted(CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []
    golds = {p: CORPUS / "gold" / f"{p.stem}.json" for p in real}
    real = [p for p in real if golds[p].is_file()]
    if real:
        real_right = real_total = 0
        for path in real:
            r, t = _gold_score(json.loads(golds[path].read_text(encoding="utf-8")), nianbao.parse(path))
            real_right, real_total = real_right + r, real_total + t
        rows.insert(0, _ratio_row("真实报告（../shared/corpus）", _ratios(real), real_right, real_total))
        skipped = ""
    else:
        skipped = f"\n\n未测真实报告：找不到 {CORPUS}（含 gold 答案的 PDF）。"

    return (
        "\n".join(
            [
                "## PDF",
                "",
                "读取用时为文字层 PDF 读取器（字节 → Document，含表格网格和文字行）的 CPU 时间，"
                "与同一次运行中 pypdfium2 自身提取文字的用时"
                "（打开文档，每页 get_textpage 与 get_text_range）之比；"
                f"每份文档两者交替各测 {REPEATS} 次，取最快一次，再取各文档倍数的中位数。"
                "单元格正确率：生成的报告与生成它的数据相比，真实报告与人工核对的 gold 答案相比。",
                "",
                "| 文档 / documents | 份数 | 读取用时 ÷ pypdfium2 文字提取（中位） | 范围 | 单元格正确率 "
                "| 目标 / goal |",
                "|---|---|---|---|---|---|",
                *rows,
                "",
                "| 项目 / measure | 结果 / result | 目标 / goal |",
                "|---|---|---|",
                f"| 文字层 PDF 整份解析速度（{REPORTS} 份，{WORKERS} 进程） | {rate:.1f} 份/秒 "
                f"| ≥ {TEXT_GOAL:g} 份/秒 "
                f"{'✓' if rate >= TEXT_GOAL else '✗'} |",
            ]
        )
        + skipped
    )

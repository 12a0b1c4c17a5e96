"""HTML, DOCX and Markdown reports: parse-and-check speed on 2 cores (goal: ≥ 100 reports/s each),
with the share of table cells read back exactly, on reports written by the project's renderers."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nianbao
from nianbao.model import CellValue, Report
from nianbao.render.docx import render_docx
from nianbao.render.html import render_html
from nianbao.render.markdown import render_markdown
from nianbao.synth import generate

REPORTS = 400
WORKERS = 2
GOAL = 100.0

WRITERS: dict[str, tuple[str, Callable[[Report], bytes]]] = {
    "HTML": (".html", lambda r: render_html(r).encode("utf-8")),
    "HTML (GBK)": (".htm", lambda r: render_html(r).replace("utf-8", "gbk").encode("gbk")),
    "DOCX": (".docx", render_docx),
    "Markdown": (".md", lambda r: render_markdown(r).encode("utf-8")),
}


def _parse(path: str) -> dict[str, CellValue]:
    return nianbao.parse(path).cell_values()


def _measure(suffix: str, write: Callable[[Report], bytes]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        paths, expected = [], []
        for seed in range(REPORTS):
            report = generate(seed, 2020 + seed % 6)
            path = Path(folder) / f"{seed}{suffix}"
            path.write_bytes(write(report))
            paths.append(str(path))
            expected.append(report.cell_values())
        start = time.perf_counter()
        with ProcessPoolExecutor(WORKERS) as pool:
            parsed = list(pool.map(_parse, paths, chunksize=20))
        elapsed = time.perf_counter() - start
    total = sum(len(e) for e in expected)
    right = sum(
        1 for e, p in zip(expected, parsed, strict=True) for k, v in e.items() if k in p and p[k] == v
    )
    return REPORTS / elapsed, right / total


def run() -> str:
    lines = [
        "## HTML、DOCX、Markdown 报告读取与核对",
        "",
        f"每种格式 {REPORTS} 份由本项目渲染器生成的报告，{WORKERS} 个进程；"
        "“单元格正确率”为读回的表格数值与原报告一致的比例。",
        "",
        "| 格式 | 速度（份/秒） | 单元格正确率 | 目标 |",
        "|---|---|---|---|",
    ]
    for name, (suffix, write) in WRITERS.items():
        print(f"  {name} …", flush=True)
        rate, accuracy = _measure(suffix, write)
        verdict = "达到" if rate >= GOAL else "未达到"
        lines.append(f"| {name} | {rate:.0f} | {accuracy:.2%} | ≥ {GOAL:.0f} 份/秒（{verdict}） |")
    return "\n".join(lines)

"""Text reports: parse-and-check speed on generated reports (goal: ≥ 100 reports/s on 2 cores)."""

from __future__ import annotations

import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nianbao
from nianbao.render import render_text
from nianbao.synth import generate

REPORTS = 1000
WORKERS = 2
GOAL = 100.0


def _parse(path: str) -> int:
    return len(nianbao.parse(path).findings)


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for seed in range(REPORTS):
            path = Path(folder) / f"{seed}.txt"
            path.write_text(render_text(generate(seed, 2020 + seed % 6)), encoding="utf-8")
            paths.append(str(path))
        start = time.perf_counter()
        with ProcessPoolExecutor(WORKERS) as pool:
            list(pool.map(_parse, paths, chunksize=50))
        elapsed = time.perf_counter() - start
    rate = REPORTS / elapsed
    verdict = "达到" if rate >= GOAL else "未达到"
    return (
        "## 纯文本报告读取与核对\n\n"
        f"| 报告数 | 进程数 | 用时（秒） | 速度（份/秒） | 目标 |\n|---|---|---|---|---|\n"
        f"| {REPORTS} | {WORKERS} | {elapsed:.2f} | {rate:.0f} | ≥ {GOAL:.0f}（{verdict}） |"
    )

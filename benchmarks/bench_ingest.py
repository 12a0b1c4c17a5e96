"""Ingest at scale: generated reports (txt, html, docx mixed) into SQLite on 2 workers, end to end
through `nianbao ingest`. Goals: ≥ 50 reports/s, peak memory of the whole process tree < 500 MB,
re-ingesting the same files < 10% of the first run's time.

`NIANBAO_BENCH_REPORTS` sets the number of reports (default 10,000)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nianbao.render.docx import render_docx
from nianbao.render.html import render_html
from nianbao.render.text import render_text
from nianbao.synth import generate

REPORTS = int(os.environ.get("NIANBAO_BENCH_REPORTS", "10000"))
WORKERS = 2
GOAL_RATE, GOAL_MEMORY_MB, GOAL_REINGEST = 50.0, 500.0, 0.10
FORMATS = ("txt", "html", "docx")


def _write(args: tuple[str, int]) -> None:
    folder, seed = args
    fmt = FORMATS[seed % len(FORMATS)]
    report = generate(seed, 2019 + seed % 6, organ=f"示例县第{seed // 6}镇人民政府")
    path = Path(folder) / f"{seed // 1000:02d}" / f"{seed:05d}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        path.write_text(render_text(report), encoding="utf-8")
    elif fmt == "html":
        path.write_text(render_html(report), encoding="utf-8")
    else:
        path.write_bytes(render_docx(report))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree) / 2**20


def _ingest(corpus: Path, db: Path) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one `nianbao ingest` run."""
    launcher = "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()"
    command = [
        sys.executable,
        "-c",
        launcher,
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(WORKERS),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        time.sleep(0.25)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"ingest failed with exit code {proc.returncode}")
    return elapsed, peak


def run() -> str:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as folder:
        corpus = Path(folder) / "corpus"
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(_write, [(str(corpus), seed) for seed in range(REPORTS)], chunksize=50))
        db = Path(folder) / "bench.db"
        first, peak = _ingest(corpus, db)
        again, peak_again = _ingest(corpus, db)
        size_mb = db.stat().st_size / 2**20
    rate = REPORTS / first
    share = again / first

    def mark(ok: bool) -> str:
        return "达到" if ok else "**未达到**"

    return "\n".join(
        [
            "## 入库 / Ingest (`benchmarks/bench_ingest.py`)",
            "",
            f"{REPORTS} 份生成报告（txt、html、docx 各三分之一），"
            f"`nianbao ingest --workers {WORKERS}` 存入 SQLite，"
            "从启动到结束的总时间（含查找文件、计算哈希、解析、核对、写库）。",
            "",
            "| 指标 / figure | 结果 / result | 目标 / goal | |",
            "|---|---|---|---|",
            f"| 首次入库速度 / first ingest rate | {rate:.1f} 份/秒 ({first:.1f} s)"
            f" | ≥ {GOAL_RATE:.0f} 份/秒 | {mark(rate >= GOAL_RATE)} |",
            f"| 峰值内存（进程树）/ peak memory (process tree) | {peak:.0f} MB"
            f" | < {GOAL_MEMORY_MB:.0f} MB | {mark(peak < GOAL_MEMORY_MB)} |",
            f"| 重复入库耗时 / re-ingest time | {again:.1f} s（首次的 {100 * share:.1f}%；"
            f"峰值 {peak_again:.0f} MB） | < {100 * GOAL_REINGEST:.0f}% | {mark(share < GOAL_REINGEST)} |",
            f"| 数据库大小 / database size | {size_mb:.0f} MB | — | |",
        ]
    )


if __name__ == "__main__":
    print(run())

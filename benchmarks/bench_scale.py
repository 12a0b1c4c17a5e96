"""A national year on one machine: a 100,000-report store, and what must carry it — `stats --by region
--by year`, `export` in every format, the 公开办 page's query — plus ingest on a Dask LocalCluster against
the process pool.

The store is built from 1,000 generated reports ingested by `nianbao ingest` (100 organs × 10 years),
copied 99 times in SQL with new organs (each copy in another province) and shifted years. It is cached
under benchmarks/.cache/ (git-ignored), keyed by the generator, the schema and this builder, so later
runs reuse it. Every figure stands beside a reference measured in the same run.

Goals (issue 14): export of 100,000 reports in every format < 500 MB peak memory of the process tree;
`stats --by region --by year` < 5 s; Dask and the process pool give the same database.
`NIANBAO_BENCH_COPIES` (default 100) sets the store's size in copies of the 1,000 reports."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench_ingest import _tree_rss_mb
from sqlalchemy import func, select

from nianbao.analyze.stats import compute_stats
from nianbao.render.text import render_text
from nianbao.store import ingest, open_store
from nianbao.store.store import cells_t, organs_t
from nianbao.synth import generate
from nianbao.web.permissions import Role, User
from nianbao.web.review import findings_rows, overview

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
BUILDER = "1"  # change when the way the store is built changes
ORGANS, YEARS = 100, range(2015, 2025)
COPIES = int(os.environ.get("NIANBAO_BENCH_COPIES", "100"))
DASK_REPORTS = int(os.environ.get("NIANBAO_BENCH_DASK_REPORTS", "2000"))
WORKERS = 2
GOAL_MEMORY_MB, GOAL_STATS_S = 500.0, 5.0
# Seconds after which an export of the big store is stopped (its peak memory so far is reported as
# such); unset: every export runs to the end.
EXPORT_LIMIT = (
    float(os.environ["NIANBAO_BENCH_EXPORT_SECONDS"])
    if "NIANBAO_BENCH_EXPORT_SECONDS" in os.environ
    else None
)
LAUNCHER = "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()"


def _organ(index: int) -> str:
    county, unit = divmod(index, 10)
    if unit == 9:
        return f"示例市第{county}区教育局"
    return f"示例市第{county}区第{unit}镇人民政府"


def _write(args: tuple[str, int, int]) -> None:
    folder, index, seed = args
    organ, year = _organ(index % ORGANS), YEARS[index // ORGANS]
    path = Path(folder) / f"{index // 100:02d}" / f"{index:05d}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_text(generate(seed, year, organ)), encoding="utf-8")


def _corpus(folder: Path, count: int, seed0: int = 0) -> Path:
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_write, [(str(folder), i, seed0 + i) for i in range(count)], chunksize=50))
    return folder


def _run(args: list[str], limit: float | None = None) -> tuple[float, float, bool]:
    """Wall time and peak memory (MB, the whole process tree) of one `nianbao` command; with `limit`,
    the command is stopped after that many seconds (for runs measured over their first minute)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        if limit is not None and time.perf_counter() - start > limit:
            proc.terminate()
            proc.wait()
            return time.perf_counter() - start, peak, False
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise RuntimeError(f"nianbao {' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, peak, True


def _timed(work: Callable[[], Any], repeats: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


# ---- the store --------------------------------------------------------------------------------------


def _key() -> str:
    """What the cached store depends on: the generator, the text renderer, the schema and this builder."""
    digest = hashlib.sha256(BUILDER.encode())
    package = ROOT / "src" / "nianbao"
    parts = [package / "synth.py", package / "render" / "text.py", package / "store" / "totals.py"]
    parts += sorted((package / "store" / "migrations" / "versions").glob("*.py"))
    for part in parts:
        digest.update(part.read_bytes())
    return digest.hexdigest()[:12]


def _copy(db: Path, copies: int) -> None:
    """Copy the base reports (ids up to the base's last) `copies - 1` times with new organs (another
    province each) and years shifted by 0-2, all in SQL."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    top = {
        t: conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0] for t in ("organs", "reports")
    }
    organ_columns = "name, key, display_name, level, province, city, county, township, department, region"
    cell_columns = "tbl, row, col, value, exact, text, page, line"
    finding_columns = "seq, rule, severity, message, cells, page, line"
    totals = [r[1] for r in conn.execute("PRAGMA table_info(report_totals)") if r[1] != "report_id"]
    for k in range(1, copies):
        o, r = k * (top["organs"] + 1), k * (top["reports"] + 1)
        province = f"第{k:02d}省"
        conn.execute("BEGIN")
        conn.execute(
            f"INSERT INTO organs (id, {organ_columns}) SELECT id + {o}, '{province}' || name, "
            f"key || '#{k}', '{province}' || display_name, level, '{province}', city, county, township, "
            f"department, '{province}/' || COALESCE(region, '') FROM organs WHERE id <= {top['organs']}"
        )
        conn.execute(
            "INSERT INTO reports (id, sha256, path, format, organ_id, organ, year, edition, title, "
            "version, errors, warnings, infos, document) "
            f"SELECT id + {r}, substr(sha256, 1, 56) || printf('%08x', {k}), "
            f"'{province}/' || path, format, organ_id + {o}, '{province}' || organ, year + {k % 3}, edition, "
            f"title, version, errors, warnings, infos, document FROM reports WHERE id <= {top['reports']}"
        )
        conn.execute(
            f"INSERT INTO cells (report_id, {cell_columns}) SELECT report_id + {r}, {cell_columns} "
            f"FROM cells WHERE report_id <= {top['reports']} ORDER BY id"
        )
        conn.execute(
            f"INSERT INTO findings (report_id, {finding_columns}) SELECT report_id + {r}, {finding_columns} "
            f"FROM findings WHERE report_id <= {top['reports']} ORDER BY id"
        )
        names = ", ".join(totals)
        conn.execute(
            f"INSERT INTO report_totals (report_id, {names}) SELECT report_id + {r}, {names} "
            f"FROM report_totals WHERE report_id <= {top['reports']}"
        )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def build_store(work: Path) -> tuple[Path, Path, dict[str, float]]:
    """The base store (1,000 ingested reports) and the big one, from the cache or built now."""
    CACHE.mkdir(exist_ok=True)
    key = _key()
    base, big = CACHE / f"scale-{key}-base.db", CACHE / f"scale-{key}-x{COPIES}.db"
    figures: dict[str, float] = {}
    if not base.exists():
        corpus = _corpus(work / "base", ORGANS * len(YEARS))
        partial = base.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        seconds, peak, _ = _run(["ingest", str(corpus), "--db", str(partial), "--workers", str(WORKERS)])
        figures.update(base_ingest_s=seconds, base_ingest_mb=peak)
        partial.rename(base)
    if not big.exists():
        partial = big.with_suffix(".partial")
        start = time.perf_counter()
        shutil.copyfile(base, partial)
        copy_s = time.perf_counter() - start
        _copy(partial, COPIES)
        figures.update(build_s=time.perf_counter() - start, file_copy_s=copy_s)
        partial.rename(big)
    for old in CACHE.glob("scale-*.db"):  # stores of an older generator or schema
        if not old.name.startswith(f"scale-{key}-"):
            old.unlink()
    return base, big, figures


# ---- the measurements -------------------------------------------------------------------------------


def _reports(db: Path) -> int:
    store = open_store(str(db))
    count = len(store.current_reports())
    store.close()
    return count


def _cell_group_by(db: Path) -> float:
    """The reference for stats: one GROUP BY over the cell table (what stats would do without totals)."""
    store = open_store(str(db))
    query = select(cells_t.c.tbl, cells_t.c.row, cells_t.c.col, func.sum(cells_t.c.value)).group_by(
        cells_t.c.tbl, cells_t.c.row, cells_t.c.col
    )
    with store.engine.connect() as conn:
        seconds, _ = _timed(lambda: conn.execute(query).all())
    store.close()
    return seconds


def _stats_agree(base: Path, big: Path) -> bool:
    """Every copy carries the base's numbers: the big store's totals are COPIES times the base's."""
    stores = [open_store(str(base)), open_store(str(big))]
    small, large = (compute_stats(s)[0] for s in stores)
    for store in stores:
        store.close()
    return (
        large.reports == COPIES * small.reports
        and large.received == COPIES * small.received
        and large.handled == COPIES * small.handled
        and large.errors == COPIES * small.errors
    )


def _page(db: Path) -> tuple[float, int]:
    """The 公开办 page's queries over 100 units: their latest reports' status, then every finding."""
    store = open_store(str(db))
    with store.engine.connect() as conn:
        # The last 100 organs stored (one province's copy) and one more as the office's own organ.
        last = select(organs_t.c.id).order_by(organs_t.c.id.desc()).limit(101)
        organ_ids = [int(i) for i in conn.scalars(last)]
    office = User(0, "bench", Role.OFFICE, organ_ids[0], "公开办", frozenset(organ_ids))
    year = max(YEARS)

    def page() -> int:
        rows = overview(store, office, year)
        return len(rows) + len(findings_rows(store, office, year))

    seconds, count = _timed(page, repeats=5)
    store.close()
    return seconds, count


def _export_runs(db: Path, out: Path, limit: float | None) -> list[tuple[str, float, float, int, bool]]:
    runs = []
    for label, args in (
        ("csv", ["--to", "csv"]),
        ("parquet", ["--to", "parquet"]),
        ("xlsx", ["--to", "xlsx"]),
        ("csv --wide", ["--to", "csv", "--wide"]),
        ("parquet --wide", ["--to", "parquet", "--wide"]),
        ("xlsx --wide", ["--to", "xlsx", "--wide"]),
    ):
        target = out / f"export-{label.replace(' --', '-')}.{args[1]}"
        seconds, peak, whole = _run(["export", "--db", str(db), *args, "--out", str(target)], limit)
        size = target.stat().st_size if target.exists() else 0
        runs.append((label, seconds, peak, size, whole))
        target.unlink(missing_ok=True)
    return runs


def _per_report(db: Path, out: Path, limit: float) -> tuple[float, float, int]:
    folder = out / f"books-{db.stem}"
    seconds, peak = _run(
        ["export", "--db", str(db), "--to", "csv", "--out", str(out / "x.csv"), "--per-report", str(folder)],
        limit,
    )
    written = len(list(folder.glob("*.xlsx")))
    shutil.rmtree(folder)
    return seconds, peak, written


def _dask_against_pool(work: Path) -> tuple[float, float, bool]:
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    from store_fixtures import snapshot

    corpus = _corpus(work / "dask", DASK_REPORTS, seed0=50_000)
    rates, snaps = [], []
    for local_cluster in (False, True):
        store = open_store(str(work / f"ingest-{local_cluster}.db"))
        start = time.perf_counter()
        summary = ingest(store, [corpus], workers=WORKERS, local_cluster=local_cluster)
        rates.append(summary.parsed / (time.perf_counter() - start))
        snaps.append(snapshot(store))
        store.close()
    return rates[0], rates[1], snaps[0] == snaps[1]


def run() -> str:
    with tempfile.TemporaryDirectory(prefix="nianbao-scale-") as folder:
        work = Path(folder)
        base, big, built = build_store(work)
        base_n, big_n = _reports(base), _reports(big)
        agree = _stats_agree(base, big)
        stats_args = ["stats", "--by", "region", "--by", "year", "--json"]
        stats_s, stats_mb, _ = _run([*stats_args, "--db", str(big)])
        stats_base_s, _, _ = _run([*stats_args, "--db", str(base)])
        cells_s = _cell_group_by(big)
        page_s, page_rows = _page(big)
        page_base_s, _ = _page(base)
        exports = _export_runs(big, work, EXPORT_LIMIT)
        exports_base = {run[0]: run[2] for run in _export_runs(base, work, None)}
        per_s, per_mb, per_n = _per_report(big, work, 60.0)
        per_base_s, per_base_mb, per_base_n = _per_report(base, work, 60.0)
        pool_rate, dask_rate, same = _dask_against_pool(work)
        cells_n = _count_cells(big)

    def mark(ok: bool) -> str:
        return "达到" if ok else "**未达到**"

    lines = [
        "## 十万份报告 / A national year (`benchmarks/bench_scale.py`)",
        "",
        f"库：{ORGANS} 个机关 × {len(YEARS)} 年 = {base_n} 份生成报告"
        f"经 `nianbao ingest --workers {WORKERS}` 入库，"
        f"再在 SQL 中复制为 {COPIES} 份（每份换一个省的机关、年度平移 0–2 年）：{big_n} 份当前报告，"
        f"{cells_n:,} 个单元格。库缓存在 benchmarks/.cache/（按生成器、表结构和构建方法的版本区分）。"
        "每个数字旁边是同一次运行中测得的参照。",
        "",
        "| 指标 / figure | 结果 / result | 参照 / reference (same run) | 目标 / goal | |",
        "|---|---|---|---|---|",
    ]
    if "build_s" in built:
        hours = big_n / pool_rate / 3600
        lines.append(
            f"| 建库 / store build ({big_n} reports) | {built['build_s']:.0f} s | "
            f"以进程池入库速度需 {hours:.1f} h；复制基础库文件 {built['file_copy_s']:.1f} s | — | |"
        )
    else:
        lines.append(f"| 建库 / store build | 使用缓存的库 / cached store `{big.name}` | — | — | |")
    if "base_ingest_s" in built:
        lines.append(
            f"| 入库速度 / ingest rate (`nianbao ingest`, {base_n} txt) | "
            f"{base_n / built['base_ingest_s']:.1f} 份/秒（峰值 {built['base_ingest_mb']:.0f} MB） | "
            f"API 进程池 {pool_rate:.1f} 份/秒 | — | |"
        )
    lines += [
        f"| `stats --by region --by year` | {stats_s:.2f} s（峰值 {stats_mb:.0f} MB） | "
        f"{base_n} 份的库 {stats_base_s:.2f} s；单元格表上一次 GROUP BY {cells_s:.1f} s"
        f"（{stats_s / cells_s:.2f}×） | < {GOAL_STATS_S:.0f} s | {mark(stats_s < GOAL_STATS_S)} |",
        f"| 统计与基础库一致 / totals = {COPIES} × base | {'是' if agree else '**否**'} | — | 一致 | "
        f"{mark(agree)} |",
        f"| 公开办页面查询 / 公开办 page queries (100 units, reports + findings, {page_rows} rows) | "
        f"{1000 * page_s:.0f} ms | {base_n} 份的库 {1000 * page_base_s:.0f} ms"
        f"（{page_s / page_base_s:.2f}×） | — | |",
    ]
    for label, seconds, peak, size, whole in exports:
        done = f"{seconds:.0f} s，{size / 2**20:.0f} MB 文件" if whole else f"**前 {seconds:.0f} s 后停止**"
        lines.append(
            f"| `export --to {label}` | 峰值 {peak:.0f} MB，{done} | "
            f"{base_n} 份的库峰值 {exports_base[label]:.0f} MB（{peak / exports_base[label]:.2f}×） | "
            f"< {GOAL_MEMORY_MB:.0f} MB | {mark(peak < GOAL_MEMORY_MB)} |"
        )
    lines += [
        f"| `export --per-report`（前 {per_s:.0f} s：{per_n} 个工作簿） | 峰值 {per_mb:.0f} MB | "
        f"{base_n} 份的库（{per_base_s:.0f} s：{per_base_n} 个）峰值 {per_base_mb:.0f} MB"
        f"（{per_mb / per_base_mb:.2f}×） | < {GOAL_MEMORY_MB:.0f} MB | {mark(per_mb < GOAL_MEMORY_MB)} |",
        f"| Dask LocalCluster（{WORKERS} workers）入库 {DASK_REPORTS} 份 | {dask_rate:.1f} 份/秒 | "
        f"进程池 {pool_rate:.1f} 份/秒（{dask_rate / pool_rate:.2f}×） | — | |",
        f"| Dask 与进程池的数据库相同 / same database | {'是' if same else '**否**'} | "
        "tests/store/store_fixtures.py::snapshot | 相同 | " + mark(same) + " |",
    ]
    return "\n".join(lines)


def _count_cells(db: Path) -> int:
    conn = sqlite3.connect(db)
    count = int(conn.execute("SELECT COUNT(*) FROM cells").fetchone()[0])
    conn.close()
    return count


if __name__ == "__main__":
    print(run())

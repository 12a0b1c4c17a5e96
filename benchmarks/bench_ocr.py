"""Scanned reports (OCR): 20 generated reports scanned as an office scans them, read back by OCR.

Each report goes through the project's DOCX renderer and LibreOffice to PDF; every page is then
degraded with its own draw of an office scan (nianbao.synth_scan: grey 200 dpi, askew up to ±1.2°
either way, slightly off scale and square, blurred, specked, unevenly lit, noisy, JPEG at quality
35-85) and stored as an image-only PDF, so nothing but OCR can read it. Measured:

- cells right, overall and by the page's degradation; cells reported uncertain (G-UNCERTAIN); and
  findings that a misread caused (a finding on the scan that the digital PDF of the same report does
  not have), the arithmetic ones above all;
- the clean straight renders the reader was first built on, so that nothing exact before regresses;
- speed: CPU seconds per page in one process, against the time pdfium takes to render the same page
  (the reference measured in the same run, so the ratio holds on a busy machine too);
- `nianbao ingest --workers 2` of the scans: pages per second and the most threads busy at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from process_threads import Sampler

import nianbao
from nianbao.model import Finding, Report
from nianbao.readers import budget
from nianbao.render.pdf import reports_to_pdfs
from nianbao.synth import generate
from nianbao.synth_scan import ScanLook, scan_report

# A smaller run while developing: NIANBAO_BENCH_OCR_DOCUMENTS=3 make bench (the goal is on 20).
DOCUMENTS = int(os.environ.get("NIANBAO_BENCH_OCR_DOCUMENTS", "20"))
CLEAN_DOCUMENTS = min(5, DOCUMENTS)
WORKERS = 2
DPI = 200
ACCURACY_GOAL = 0.995
SECONDS_GOAL = 1.0  # per page on 2 cores
ORGANS = ("示例县城关镇人民政府", "示例市教育局", "示例省交通运输厅")
# Findings about the tables' numbers: one that the scan has and the digital original has not was
# caused by a misread.
NUMBER_FAMILIES = ("arithmetic", "values", "t2", "t3", "text", "prose")


def _identity(report: Report) -> tuple[object, ...]:
    return report.organ, report.year, report.edition


def _render_seconds(scan: Path) -> float:
    """CPU seconds pdfium takes to render every page of a PDF at 200 dpi: the reference."""
    doc = pdfium.PdfDocument(str(scan))
    try:
        start = time.process_time()
        for i in range(len(doc)):
            doc[i].render(scale=DPI / 72).to_pil().convert("L")
        return time.process_time() - start
    finally:
        doc.close()


def _finding_key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    return finding.rule, tuple(finding.cells)


def _misread_findings(scanned: Report, digital: Report) -> list[Finding]:
    from nianbao.rules import REGISTRY

    known = {_finding_key(f) for f in digital.findings}
    return [
        f
        for f in scanned.findings
        if f.rule != "G-UNCERTAIN"
        and f.rule in REGISTRY
        and REGISTRY[f.rule].family in NUMBER_FAMILIES
        and _finding_key(f) not in known
    ]


class Tally:
    def __init__(self) -> None:
        self.right: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def add(self, group: str, right: bool) -> None:
        self.total[group] += 1
        self.right[group] += right

    def share(self, group: str) -> str:
        total = self.total[group]
        return f"{self.right[group]}/{total} = {self.right[group] / total:.2%}" if total else "—"


def _bins(look: ScanLook) -> list[tuple[str, str]]:
    angle = abs(look.angle)
    return [
        ("倾斜 / skew", "< 0.4°" if angle < 0.4 else "0.4–0.8°" if angle < 0.8 else "0.8–1.2°"),
        ("JPEG 质量 / quality", "35–49" if look.quality < 50 else "50–69" if look.quality < 70 else "70–85"),
        ("模糊 / blur σ", "0.4–0.6" if look.blur < 0.6 else "0.6–0.85" if look.blur < 0.85 else "0.85–1.1"),
        ("斑点 / specks", "< 150" if look.specks < 150 else "150–400"),
        ("光照不均 / shading", "< 7%" if look.shading < 0.07 else "7–15%"),
    ]


def _ingest(folder: Path, db: Path) -> tuple[float, Sampler]:
    launcher = "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()"
    command = [sys.executable, "-c", launcher, "ingest", str(folder), "--db", str(db)]
    command += ["--workers", str(WORKERS)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with Sampler(proc.pid) as sampler:
        _out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed ({proc.returncode}): {err.decode()[-500:]}")
    return elapsed, sampler


def _timed(function: Callable[[], Report]) -> tuple[Report, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    report = function()
    return report, time.process_time() - cpu, time.perf_counter() - wall


def run() -> str:
    budget.set_threads(None)
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-ocr-") as folder:
        work = Path(folder)
        scans = work / "scans"
        scans.mkdir()
        # Seeds apart from those of the text-layer benchmark; years 2019-2024 cover both editions.
        reports = [generate(100 + n, 2019 + n % 6, ORGANS[n % len(ORGANS)]) for n in range(DOCUMENTS)]
        pdfs = reports_to_pdfs(reports, work / "digital")
        tally, by_look = Tally(), Tally()
        pages = metadata = exact = uncertain = 0
        misread: list[Finding] = []
        cpu = wall = render = 0.0
        load_before = os.getloadavg()[0]
        for n, (expected, pdf) in enumerate(zip(reports, pdfs, strict=True)):
            scan = scan_report(pdf.read_bytes(), seed=100 + n)
            path = scans / f"scan{n:03d}.pdf"
            path.write_bytes(scan.pdf())
            pages += len(scan.pages)
            render += _render_seconds(path)
            got, seconds, elapsed = _timed(lambda p=path: nianbao.parse(p))  # type: ignore[misc]
            cpu, wall = cpu + seconds, wall + elapsed
            digital = nianbao.parse(pdf)
            page_of = {key: source.page or 1 for key, source in digital.provenance.items()}
            want, have = expected.cell_values(), got.cell_values()
            wrong = 0
            for key, value in want.items():
                right = key in have and have[key] == value
                wrong += not right
                tally.add("all", right)
                look = scan.looks[max(0, page_of.get(key, 1) - 1)]
                for name, group in _bins(look):
                    by_look.add(f"{name}|{group}", right)
            exact += wrong == 0
            uncertain += len(got.uncertain_cells())
            misread += _misread_findings(got, digital)
            metadata += _identity(got) == _identity(expected)
        clean = Tally()
        for n in range(CLEAN_DOCUMENTS):
            path = work / f"clean{n}.pdf"
            path.write_bytes(scan_report(pdfs[n].read_bytes(), seed=n, office=False).pdf())
            got = nianbao.parse(path)
            want, have = reports[n].cell_values(), got.cell_values()
            for key, value in want.items():
                clean.add("all", key in have and have[key] == value)
        ingest_wall, sampler = _ingest(scans, work / "ingest.db")
        load_after = os.getloadavg()[0]
    use = sampler.use
    arithmetic = [f for f in misread if f.rule.startswith(("T3-", "T4-", "T2-", "G-"))]
    per_page_cpu = cpu / pages
    on_two_cores = per_page_cpu / budget.cores() if budget.cores() >= 2 else per_page_cpu
    ingest_cpu_page = use.cpu_seconds / pages
    busy_windows = "，".join(f"{n} 个忙 {use.busy_windows[n]} 次" for n in sorted(use.busy_windows))
    rows = [
        "## 扫描件 OCR / Scanned reports (`benchmarks/bench_ocr.py`)",
        "",
        f"{DOCUMENTS} 份生成报告（两种格式版本），共 {pages} 页，按办公室扫描件逐页随机退化"
        "（`nianbao.synth_scan`：灰度 200 dpi，倾斜 ±1.2° 两个方向，轻微缩放与透视，模糊，斑点，光照不均，"
        "噪声，JPEG 质量 35–85），存为纯图片 PDF。"
        f"测量前后 1 分钟负载 {load_before:.1f} / {load_after:.1f}（机器与其他任务共用，故以 CPU 时间计）。",
        "",
        "| 项目 / measure | 结果 / result | 目标 / goal |",
        "|---|---|---|",
        f"| 表格单元格正确率（办公室扫描件）| {tally.share('all')} | ≥ {ACCURACY_GOAL:.1%} "
        f"{'✓' if tally.right['all'] >= ACCURACY_GOAL * tally.total['all'] else '✗'} |",
        f"| 全部单元格正确的报告 | {exact}/{DOCUMENTS} | — |",
        f"| 标为识别不确定的单元格（G-UNCERTAIN，值为空）| {uncertain} | 报告而不猜 |",
        f"| 误读造成的勾稽（算术）问题 | {len(arithmetic)} | 0 {'✓' if not arithmetic else '✗'} |",
        f"| 误读造成的其他数字问题（正文与表格等）| {len(misread) - len(arithmetic)} | — |",
        f"| 机关、年度、版本正确 | {metadata}/{DOCUMENTS} | — |",
        f"| 干净直排扫描件（原有测试场景，{CLEAN_DOCUMENTS} 份）| {clean.share('all')} | 100 %，不回退 "
        f"{'✓' if clean.right['all'] == clean.total['all'] else '✗'} |",
        f"| OCR CPU 时间（单进程）| {per_page_cpu:.2f} 秒/页 = 渲染同页的 "
        f"{per_page_cpu / (render / pages):.0f} 倍（渲染 {1000 * render / pages:.0f} 毫秒/页）| — |",
        f"| 每页用时，2 核 | {on_two_cores:.2f} 秒/页（CPU 时间 ÷ 2 核）| ≤ {SECONDS_GOAL:g} 秒/页 "
        f"{'✓' if on_two_cores <= SECONDS_GOAL else '✗'} |",
        f"| 单进程实测墙钟时间 | {wall / pages:.2f} 秒/页 | — |",
        f"| `ingest --workers {WORKERS}` | {pages / ingest_wall:.2f} 页/秒（墙钟 {ingest_wall:.0f} 秒，"
        f"CPU {ingest_cpu_page:.2f} 秒/页）| — |",
        f"| `ingest --workers {WORKERS}` 同时忙碌的线程数 | 最多 {use.most_busy}（{use.windows} 个 1 秒窗口："
        f"{busy_windows}）| ≤ {WORKERS} {'✓' if use.most_busy <= WORKERS else '✗'} |",
        f"| 同一时刻可运行的线程数 | 最多 {use.most_runnable}（{use.looks} 次采样；进程树线程总数最多 "
        f"{use.most_threads}）| — |",
        "",
        "忙碌线程的测法：每 0.05 秒读取 `ingest` 进程树（主进程和全部工作进程）每个线程的状态，"
        "一个线程在 1 秒窗口内至少一半采样时刻处于可运行状态（正在运行或等待 CPU）即为忙碌；"
        "机器繁忙时线程虽分不到整核，仍算忙碌。",
        "",
        "按页面退化程度分组的单元格正确率 / cells right by the page's degradation:",
        "",
        "| 退化 / degradation | 分组 / group | 单元格正确率 |",
        "|---|---|---|",
    ]
    for key in sorted(by_look.total):
        name, group = key.split("|")
        rows.append(f"| {name} | {group} | {by_look.share(key)} |")
    if misread:
        rows += ["", "误读造成的问题 / findings caused by misreads:", ""]
        rows += [f"- {f.rule}：{f.message}" for f in misread[:10]]
    return "\n".join(rows)

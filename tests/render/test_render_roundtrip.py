"""parse(render(r)) == r for every table cell, organ, year, edition and period, in every format.

Reports come from the project's generator with hypothesis-drawn seeds, years (both editions) and
organ names. PDF goes through LibreOffice, which is slow to start, so the PDF property draws one
batch of 200 reports and converts them in two LibreOffice runs side by side.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tooling import requires

from nianbao.api import parse
from nianbao.model import Report
from nianbao.render import render_docx, render_html, render_markdown
from nianbao.render.pdf import docx_to_pdf_many, find_soffice
from nianbao.synth import generate

EXAMPLES = 200
PLACES = ["淮安市洪泽区", "平罗县", "银川市西夏区", "福州市鼓楼区", "海原县李俊乡", "示例县"]
UNITS = ["人民政府", "城关镇人民政府", "交通运输局", "民政局", "自然资源和规划局", "人民政府办公室"]

organs = st.builds(lambda place, unit: place + unit, st.sampled_from(PLACES), st.sampled_from(UNITS))
reports = st.builds(generate, st.integers(0, 2**31), st.integers(2019, 2026), organs)
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def assert_same(parsed: Report, original: Report) -> None:
    assert parsed.organ == original.organ
    assert parsed.year == original.year
    assert parsed.edition == original.edition
    assert parsed.period == original.period
    assert parsed.tables == original.tables


def _round_trip(report: Report, suffix: str, write: Callable[[Path], None]) -> Report:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / f"report{suffix}"
        write(path)
        return parse(path)


@SETTINGS
@given(reports)
def test_docx_round_trip(report: Report) -> None:
    parsed = _round_trip(report, ".docx", lambda p: p.write_bytes(render_docx(report)))
    assert_same(parsed, report)


@SETTINGS
@given(reports)
def test_html_round_trip(report: Report) -> None:
    parsed = _round_trip(report, ".html", lambda p: p.write_text(render_html(report), encoding="utf-8"))
    assert_same(parsed, report)


@SETTINGS
@given(reports)
def test_markdown_round_trip(report: Report) -> None:
    parsed = _round_trip(report, ".md", lambda p: p.write_text(render_markdown(report), encoding="utf-8"))
    assert_same(parsed, report)


def _convert_in_two(files: list[Path], outdir: Path) -> list[Path]:
    halves = [files[::2], files[1::2]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda part: docx_to_pdf_many(part, outdir), halves))
    by_name = {p.name: p for part in done for p in part}
    return [by_name[f"{f.stem}.pdf"] for f in files]


@requires(find_soffice() is not None, "LibreOffice not installed (scripts/install-system-deps.sh)")
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(reports, min_size=EXAMPLES, max_size=EXAMPLES))
def test_pdf_round_trip(batch: list[Report]) -> None:
    with tempfile.TemporaryDirectory() as work:
        files = []
        for i, report in enumerate(batch):
            path = Path(work) / f"r{i:03d}.docx"
            path.write_bytes(render_docx(report))
            files.append(path)
        pdfs = _convert_in_two(files, Path(work) / "pdf")
        for pdf, report in zip(pdfs, batch, strict=True):
            assert_same(parse(pdf), report)

"""Web text flattened onto one line (crawler captures, copy and paste): on generated reports of every
organ scale, written by the test-side writer `tests/readers/text_layouts.py::to_flat_text`, the share of
cells resolved, cells read wrong (goal: none — a cell is right or reported unresolved), and the reports
whose edition, title and sections came out right (goal: all), with the reading speed."""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

from nianbao.extract import extract
from nianbao.model import CellValue
from nianbao.readers import read_bytes
from nianbao.rules import run_rules
from nianbao.synth import CITY, COUNTY, SMALL, generate

REPORTS = 300
RESOLVED_GOAL = 0.98
ORGANS = ("示例县城关镇人民政府", "示例市自然资源局", "示例区人民政府办公室", "示例县人民政府")
SCALES = (SMALL,) * 6 + (COUNTY,) * 3 + (CITY,)


def _same(got: CellValue, want: CellValue) -> bool:
    if isinstance(want, Decimal) and isinstance(got, int | Decimal):
        return got == want
    return got == want and type(got) is type(want)


def run() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "readers"))
    from text_layouts import to_flat_text

    total = resolved = wrong = shape_right = 0
    seconds = 0.0
    for index in range(REPORTS):
        expected = generate(9000 + index, 2019 + index % 6, ORGANS[index % 4], SCALES[index % len(SCALES)])
        data = to_flat_text(expected, 5000 + index).encode("utf-8")
        start = time.process_time()
        got = extract(read_bytes(data, f"flat-{index}.txt"))
        got.findings.extend(run_rules(got))
        seconds += time.process_time() - start
        unread, values = got.uncertain_cells(), got.cell_values()
        for path, want in expected.cell_values().items():
            total += 1
            if path in unread:
                continue
            resolved += 1
            wrong += not _same(values.get(path), want)
        sections = [(s.key, s.heading) for s in got.sections] == [
            (s.key, s.heading) for s in expected.sections
        ]
        shape_right += sections and (got.edition, got.title, got.organ) == (
            expected.edition,
            expected.title,
            expected.organ,
        )
    share = resolved / total
    met = share >= RESOLVED_GOAL and wrong == 0 and shape_right == REPORTS
    return "\n".join(
        [
            "## 压平的网页文本 / Flattened web text",
            "",
            f"{REPORTS} 份生成报告（乡镇、部门、县、市各种规模），整篇正文在一行、表格单元格数字连在一起"
            "（`tests/readers/text_layouts.py::to_flat_text`）；单进程，CPU 时间含读取、抽取和全部规则。",
            "",
            "| 已确定的单元格 | 读错的单元格 | 版本、标题、机关和各部分全对 | CPU 毫秒/份 | 目标 |",
            "|---|---|---|---|---|",
            f"| {resolved}/{total} = {share:.2%} | {wrong} | {shape_right}/{REPORTS} | "
            f"{seconds / REPORTS * 1000:.1f} | ≥ {RESOLVED_GOAL:.0%} 确定、无读错、全部结构正确"
            f"（{'达到' if met else '未达到'}） |",
        ]
    )

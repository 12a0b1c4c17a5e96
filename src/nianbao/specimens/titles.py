"""Titles with the year before the organ (`2019年上海市人民政府办公厅政府信息公开工作年度报告`), in every
format, some with `年度`, a space before 年 or the title broken over two lines."""

from __future__ import annotations

from ..editions.titles import report_title as standard_title
from .base import WRITERS, Specimen, draw, replace_text

_TAILS = ("政府信息公开工作年度报告", "政府信息公开年度报告")


def make(seed: int) -> Specimen:
    start = draw(seed)
    rng, year, organ, report = start.rng, start.year, start.organ, start.report
    suffix = rng.choice(list(WRITERS))
    title = f"{year}{rng.choice(('年', '年度'))}{organ}{rng.choice(_TAILS)}"
    printed = title
    if suffix in (".txt", ".md") and rng.random() < 0.3:
        printed = title.replace(f"{year}年", f"{year} 年", 1)
    if suffix == ".txt" and rng.random() < 0.3:
        # Broken after the organ, as a centred title too long for one line is.
        cut = printed.index(organ) + len(organ)
        printed = printed[:cut] + "\n" + printed[cut:]
    report.title = printed
    data = WRITERS[suffix](report)
    data = replace_text(data, suffix, [(standard_title(organ, year), printed)])
    report.title = title
    return Specimen(f"year-first-{seed}{suffix}", data, report)

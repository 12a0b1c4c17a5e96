"""Top-level headings worded as offices word them (`五、政府信息公开工作存在的主要问题及改进情况`,
`一、概述`, `三、依申请公开政府信息情况` …), in every format: each must still name its section."""

from __future__ import annotations

from ..editions import edition_for_year
from .base import WRITERS, Specimen, draw, replace_text

# Wordings seen in reports of both editions, after the numeral; the form's own wording comes first.
VARIANTS = {
    "s1_overview": (
        "总体情况",
        "概述",
        "基本情况",
        "政府信息公开工作总体情况",
        "{year}年政府信息公开工作总体情况",
    ),
    "s2_active": ("主动公开政府信息情况", "主动公开情况", "主动公开政府信息的情况", "政府信息主动公开情况"),
    "s3_requests": (
        "收到和处理政府信息公开申请情况",
        "依申请公开政府信息情况",
        "收到和处理政府信息公开申请的情况",
        "依申请公开情况",
        "政府信息依申请公开情况",
    ),
    "s4_review_litigation": (
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "行政复议、行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
    ),
    "s5_problems": (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施",
        "工作中存在的主要问题及改进情况",
        "存在的不足及改进措施",
        "政府信息公开工作存在的主要问题及改进措施",
    ),
    "s6_other": ("其他需要报告的事项", "其他需要报告事项", "其他事项", "其他需要说明的事项"),
}


def make(seed: int) -> Specimen:
    start = draw(seed)
    rng, year, report = start.rng, start.year, start.report
    suffix = rng.choice(list(WRITERS))
    edition = edition_for_year(year)
    changes: list[tuple[str, str]] = []
    varied = rng.sample(list(VARIANTS), rng.randint(1, len(VARIANTS)))
    for section, form in zip(report.sections, edition.sections, strict=True):
        if section.key not in varied:
            continue
        numeral = form.heading.split("、")[0]
        wording = rng.choice(VARIANTS[form.key][1:]).format(year=year)
        section.heading = f"{numeral}、{wording}"
        section.canonical = False
        changes.append((form.heading, section.heading))
    data = replace_text(WRITERS[suffix](report), suffix, changes)
    return Specimen(f"headings-{seed}{suffix}", data, report)

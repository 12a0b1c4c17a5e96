"""Report pages as they are copied from a site: furniture above the title (the column's name, a breadcrumb)
and an info line below it; or the page's body alone, without its title, naming the organ only in the
preamble's first sentence (`特编制某办公室2023年…报告`, `现公布区政府国资局2022年…报告`)."""

from __future__ import annotations

import random

from ..editions.titles import report_title as standard_title
from ..render.markdown import render_markdown
from ..render.text import render_text
from ..synth import generate
from .base import KINDS, Specimen, organ_name

_COLUMNS = ("政府信息公开", "政府信息公开年报", "信息公开", "年度报告")
_BREADCRUMBS = (
    "当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报",
    "您的位置：首页 >> 信息公开 >> 年度报告",
)
# Short names offices give themselves in their own preamble.
_SHORT_ORGANS = (
    "区政府国资局",
    "县政府办公室",
    "市地方志办公室",
    "区发展改革局",
    "县委统战部（县民族宗教局）",
)
_NAMING = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制{organ}{year}年政府信息公开工作年度报告。",
    "根据《条例》和上级有关要求，现公布{organ}{year}年政府信息公开工作年度报告。",
    "现将{organ}{year}年度政府信息公开工作年度报告公布如下。",
    "本报告是由{organ}编制的{year}年度政府信息公开工作年度报告。",
)


def make(seed: int) -> Specimen:
    rng = random.Random(seed)
    year = rng.randint(2019, 2024)
    untitled = rng.random() < 0.5
    organ = (
        rng.choice(_SHORT_ORGANS) if untitled and rng.random() < 0.4 else organ_name(rng, rng.choice(KINDS))
    )
    report = generate(seed, year, organ)
    suffix = rng.choice((".txt", ".md"))
    if untitled:
        report.preamble = rng.choice(_NAMING).format(organ=organ, year=year) + report.preamble
        report.title = None
        lines = (render_text(report) if suffix == ".txt" else render_markdown(report)).split("\n")
        if suffix == ".md":
            # The Markdown writer always prints a title: this page has lost it.
            lines = [line for line in lines if not line.startswith("# ")]
        furniture = [rng.choice(_COLUMNS)] if rng.random() < 0.5 else []
    else:
        title = (
            standard_title(organ, year) if rng.random() < 0.7 else f"{year}年{organ}政府信息公开工作年度报告"
        )
        report.title = title
        text = render_text(report) if suffix == ".txt" else render_markdown(report)
        printed = title
        if rng.random() < 0.3 and title.startswith(organ):
            printed = organ + "\n" + title[len(organ) :]
        marker = "# " if suffix == ".md" else ""
        text = text.replace(marker + standard_title(organ, year), printed, 1).replace(title, printed, 1)
        lines = text.split("\n")
        at = lines.index(printed.split("\n")[-1]) + 1
        published = f"{year + 1}-01-{rng.randint(5, 28):02d}"
        lines.insert(at, f"来源：{organ}办公室  发布时间：{published}  浏览次数：{rng.randint(5, 900)}")
        furniture = rng.sample([rng.choice(_BREADCRUMBS), rng.choice(_COLUMNS)], rng.randint(1, 2))
    data = "\n".join([*furniture, *lines]).encode("utf-8")
    return Specimen(f"page-{seed}{suffix}", data, report)

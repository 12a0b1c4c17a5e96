"""Test-side writers of reports as text without cell separators, in the shapes real captures take.

- `to_flat_text`: a web page captured by a crawler (or copied and pasted): an optional header block,
  then the whole body on one line, the table cells' texts run together in grid order (a merged cell
  once), some cells padded by `&nbsp;` that became spaces, blank cells gone or left as a space.

Each writer varies what reality varies (merged or flat headers, label variants, spacing, crawler
headers) from a variant number, so that a test set covers the spread while staying reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from report_layouts import Layout, positional, report_blocks

from nianbao.model import Report


@dataclass(frozen=True)
class FlatStyle:
    header: bool  # the crawler's header block (标题:, 发布时间:, … ==== 正文 ====) above the body
    merged: bool  # the web table's header cells merged (HTML rowspan/colspan) or a full grid
    nbsp_share: float  # share of number cells padded by a space (`&nbsp;0`, `23&nbsp;`)
    joiner: str  # between paragraphs of the body ("" or a space)
    aliases: bool  # labels in the variants real reports print
    spaced: bool  # header labels with spaces between characters


def flat_style(variant: int) -> FlatStyle:
    rng = random.Random(variant)
    return FlatStyle(
        header=rng.random() < 0.6,
        merged=rng.random() < 0.7,
        nbsp_share=rng.choice((0.0, 0.0, 0.05, 0.2, 0.5)),
        joiner=rng.choice(("", "", " ")),
        aliases=rng.random() < 0.3,
        spaced=rng.random() < 0.15,
    )


def _crawler_header(report: Report, rng: random.Random) -> list[str]:
    title = (report.title or "").replace("年政府", rng.choice(("年政府", "年度政府")), 1)
    return [
        f"标题: {title}",
        f"发布时间: {(report.year or 2024) + 1}-01-{rng.randint(10, 28)} 15:{rng.randint(10, 59)}",
        "文号: ",
        f"发布机构: {rng.choice(('', report.organ or ''))}",
        "栏目: 政府信息公开年报",
        "原文链接: https://www.example.gov.cn/zwgk/zfxxgk/nb/t2025_1.htm",
        "页面链接与图片详见 links.tsv(同目录)",
        "==================== 正文 ====================",
    ]


def _is_number(text: str) -> bool:
    return bool(text) and text.lstrip("+-").replace(".", "", 1).isdigit()


def to_flat_text(report: Report, variant: int) -> str:
    rng = random.Random(variant * 7919 + 1)
    style = flat_style(variant)
    layout = Layout(merged=style.merged, aliases=style.aliases, spaced=style.spaced)
    parts: list[str] = []
    for block in report_blocks(report, layout):
        if isinstance(block, str):
            parts.append(block)
            continue
        cells: list[str] = []
        for line in positional(block):
            for slot in line:
                if slot is None or slot[1] != "start":
                    continue
                text = slot[0].text.replace("\n", "")
                if _is_number(text) and rng.random() < style.nbsp_share:
                    text = rng.choice((" " + text, text + " "))
                cells.append(text)
        parts.append("".join(cells))
    body = style.joiner.join(parts)
    lines = _crawler_header(report, rng) if style.header else []
    return "\n".join([*lines, body]) + "\n"

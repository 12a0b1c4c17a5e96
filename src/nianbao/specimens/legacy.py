"""Reports for 2008–2018, under the 2008 条例: the outline of their time (概述, 主动公开, 依申请公开,
收费及减免, 复议诉讼, 问题及改进, 其他), worded and numbered as offices did, and the statistics table they
attached — the national `统计指标 | 单位 | 统计数` kind, with or without 序号, or a local
`指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计` one, sometimes without its header, with some groups of
indicators left out and labels as printed locally (`申请总数`, `网上申请数`, `（一）`, `1.`, `其中：`).
Written as text, Markdown, a web page or Word."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from docx import Document as new_docx

from ..chinese.marks import HEADING_NUMERALS
from ..editions import LEGACY
from ..editions.form import Indicator
from ..editions.legacy import SUB_ROW_PREFIX
from ..extract.legacy import STATISTICS, VALUE
from ..model import CellValue, Contact, Period, Published, Report, SectionEntry, Source
from .base import KINDS, Specimen, organ_name

Block = str | list[list[str]]

# How each section was headed, after its numeral; the first is the outline's own wording.
_HEADINGS = {
    "s1_overview": ("概述", "总体情况", "主要工作概述", "基本情况"),
    "s2_active": ("主动公开政府信息情况", "主动公开情况", "主动公开政府信息的情况"),
    "s3_requests": (
        "依申请公开政府信息情况",
        "政府信息依申请公开办理情况",
        "依申请公开政府信息和不予公开政府信息的情况",
    ),
    "s_fees": ("政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况"),
    "s4_review_litigation": (
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "行政复议、行政诉讼情况",
        "因政府信息公开申请行政复议和提起行政诉讼情况",
    ),
    "s5_problems": (
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施",
        "主要问题和改进措施",
    ),
    "s6_other": ("其他需要报告的事项", "需要说明的事项", "其他需要说明的事项"),
}
# Groups a local table may leave out (the 2016–2018 national table has them all).
_OPTIONAL_GROUPS = ("g_response", "g_capacity", "g_training", "g_channels")


def _texts(organ: str, year: int) -> dict[str, str]:
    return {
        "s1_overview": f"{year}年，{organ}认真贯彻《条例》，把政府信息公开作为转变作风、服务群众的重要抓手，"
        "明确分管领导和承办科室，信息公开工作有序开展。",
        "s2_active": "主动公开的信息主要通过门户网站信息公开专栏、政务微博和公开栏发布，内容涵盖机构职能、"
        "规范性文件、财政预决算和行政执法等。",
        "s3_requests": "对收到的政府信息公开申请，均在规定期限内作出答复，没有超期答复的情况。",
        "s_fees": "本年度依申请提供政府信息，未收取检索、复制、邮寄等费用，也没有减免的情况。",
        "s4_review_litigation": "本年度未发生因政府信息公开申请引起的行政复议和行政诉讼。",
        "s5_problems": "公开内容的深度和更新频率仍有不足。下一步将完善公开目录，加强对承办人员的培训。",
        "s6_other": "无其他需要报告的事项。",
    }


def _values(rng: random.Random, indicators: list[Indicator]) -> dict[str, CellValue]:
    """Figures that add up where a table's rows add up (channels to 收到申请数, answers to 申请答复数 …)."""
    values: dict[str, CellValue] = {}
    children: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent:
            children.setdefault(indicator.parent, []).append(indicator)
    for indicator in reversed(indicators):
        if indicator.group:
            continue
        parts = [values[c.key] for c in children.get(indicator.key, []) if c.key in values]
        summed = indicator.key in ("req_received", "req_answered", "ans_denied", "cap_staff", "req_concluded")
        if parts and summed:
            values[indicator.key] = sum(int(v or 0) for v in parts)
        elif indicator.unit == "万元":
            values[indicator.key] = Decimal(rng.randint(0, 500)) / 10 if rng.random() < 0.6 else 0
        elif indicator.key == "active_items":
            values[indicator.key] = rng.randint(50, 3000)
        else:
            values[indicator.key] = rng.randint(0, 40) if rng.random() < 0.6 else 0
    return values


def _label(rng: random.Random, indicator: Indicator, numbered: bool, position: int) -> str:
    label = rng.choice((indicator.label, *indicator.aliases)) if rng.random() < 0.4 else indicator.label
    if indicator.group or not numbered or label.startswith(SUB_ROW_PREFIX):
        return label
    if label[:2] in [f"{n}、" for n in HEADING_NUMERALS]:
        return label
    return rng.choice((f"（{HEADING_NUMERALS[position % 10]}）{label}", f"{position + 1}.{label}", label))


def _table(rng: random.Random, indicators: list[Indicator], values: dict[str, CellValue]) -> list[list[str]]:
    style = rng.randrange(4)  # national; national with 序号; local with code columns; without header
    numbered = rng.random() < 0.5
    rows: list[list[str]] = []
    if style == 0:
        rows.append(["统计指标", "单位", "统计数"])
    elif style == 1:
        rows.append(["序号", "统 计 指 标", "单位", "统计数"])
    elif style == 2:
        rows.append(["指标名称", "计量单位", "代码", "本期实际", "本年累计"])
    position = 0
    for number, indicator in enumerate(indicators, start=1):
        label = _label(rng, indicator, numbered, position)
        position = 0 if indicator.group else position + 1
        value = values.get(indicator.key)
        figure = "" if indicator.group or value is None else str(value)
        unit = rng.choice(("—", "----", "")) if indicator.group else indicator.unit
        if style == 1:
            rows.append([str(number), label, unit, figure])
        elif style == 2:
            quarter = "" if not figure else str(rng.randint(0, int(Decimal(figure))))
            rows.append([label, unit, f"{number:02d}", quarter, figure])
        else:
            rows.append([label, unit, figure])
    return rows


def _report(rng: random.Random, seed: int) -> tuple[Report, list[Block], str]:
    year = rng.randint(2008, 2018)
    organ = organ_name(rng, rng.choice(KINDS))
    dropped = {g for g in _OPTIONAL_GROUPS if rng.random() < 0.4}
    indicators = []
    for indicator in LEGACY.statistics.indicators:
        if indicator.key in dropped or indicator.parent in dropped:
            dropped.add(indicator.key)  # and so its own sub-rows, which follow it
        else:
            indicators.append(indicator)
    values = _values(rng, indicators)
    texts = _texts(organ, year)
    sections = [s for s in LEGACY.sections if s.key not in ("s_fees", "s6_other") or rng.random() < 0.75]
    entries: list[SectionEntry] = []
    blocks: list[Block] = []
    title = (
        f"{organ}{year}年政府信息公开工作年度报告"
        if rng.random() < 0.6
        else rng.choice(
            (f"{organ}{year}年度政府信息公开工作年度报告", f"{year}年{organ}政府信息公开工作年度报告")
        )
    )
    blocks.append(title)
    preamble = (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制，"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"如对本报告有疑问，请与{organ}办公室联系"
        f"（电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}）。"
    )
    blocks.append(preamble)
    table = _table(rng, indicators, values)
    table_in = rng.choice(("s2_active", "end"))
    for number, section in enumerate(sections):
        wording = rng.choice(_HEADINGS[section.key]) if rng.random() < 0.6 else _HEADINGS[section.key][0]
        heading = f"{HEADING_NUMERALS[number]}、{wording}"
        entries.append(SectionEntry(key=section.key, heading=heading, text=texts[section.key]))
        blocks += [heading, texts[section.key]]
        if section.key == table_in:
            blocks.append(table)
    if table_in == "end":
        blocks += ["附表：政府信息公开情况统计表", table]
    published = date(year + 1, rng.choice((1, 2, 3, 3, 4)), rng.randint(1, 28))
    blocks.append(f"发布日期：{published.year}年{published.month}月{published.day}日")
    report = Report(
        source=Source(
            path=f"legacy-{seed}", format="txt", published=Published(date=published, origin="document")
        ),
        organ=organ,
        year=year,
        edition="legacy",
        edition_source="signature",
        title=title,
        period=Period(start=date(year, 1, 1), end=date(year, 12, 31)),
        contact=Contact(),
        preamble=preamble,
        sections=entries,
        tables={STATISTICS: {k: {VALUE: v} for k, v in values.items()}},
    )
    return report, blocks, rng.choice((".txt", ".md", ".html", ".docx"))


def make(seed: int) -> Specimen:
    rng = random.Random(seed)
    report, blocks, suffix = _report(rng, seed)
    layout = Layout(
        one_cell_per_line=rng.random() < 0.4, merged_groups=rng.random() < 0.6, padded=rng.random() < 0.4
    )
    return Specimen(f"legacy-{seed}{suffix}", write(blocks, suffix, layout), report)


@dataclass(frozen=True)
class Layout:
    one_cell_per_line: bool = False  # text: each cell on its own `\t` line, rows apart (Word's text export)
    merged_groups: bool = False  # web and Word: a group's heading row is one cell across the table
    padded: bool = False  # web: cells wrapped in paragraphs, figures between &nbsp;


def _is_group_row(row: list[str]) -> bool:
    return bool(row[0]) and not any(cell.strip("—-") for cell in row[1:])


def write(blocks: list[Block], suffix: str, layout: Layout = Layout()) -> bytes:
    """Paragraphs and simple tables as a text, Markdown, web page or Word file."""
    if suffix == ".docx":
        return _docx(blocks, layout)
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(f"<p>{escape(block)}</p>" if suffix == ".html" else block)
        elif suffix == ".html":
            lines.append(_html_table(block, layout))
        elif suffix == ".md":
            lines += ["| " + " | ".join(block[0]) + " |", "|" + "---|" * len(block[0])]
            lines += ["| " + " | ".join(row) + " |" for row in block[1:]]
        elif layout.one_cell_per_line:
            for row in block:
                lines += [f"\t{cell}" for cell in row] + [""]
        else:
            lines += ["\t".join(row) for row in block]
        lines.append("")
    text = "\n".join(lines)
    if suffix == ".html":
        text = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{text}</body></html>'
    return text.encode("utf-8")


def _html_table(block: list[list[str]], layout: Layout) -> str:
    width = len(block[0])
    rows: list[str] = []
    for row in block:
        if layout.merged_groups and _is_group_row(row):
            rows.append(f'<tr><td colspan="{width}">{escape(row[0])}</td></tr>')
            continue
        cells = []
        for text in row:
            inner = escape(text) if text else "&nbsp;"
            if layout.padded:
                inner = f"<p><span>&nbsp;{inner}&nbsp;</span></p>"
            cells.append(f"<td>{inner}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table border="1" cellspacing="0">{"".join(rows)}</table>'


def _docx(blocks: list[Block], layout: Layout) -> bytes:
    document = new_docx()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            if layout.merged_groups and _is_group_row(row):
                merged = table.cell(r, 0).merge(table.cell(r, len(row) - 1))
                merged.text = row[0]
                continue
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

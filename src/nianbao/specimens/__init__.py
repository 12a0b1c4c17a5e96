"""Documents with known answers, in the shapes real reports take: one generator per class of document the
readers must handle (a CMS page whose title is only in its headline or meta tags, a title with the year
before the organ, heading wordings offices use, a copied page that names its organ only in the preamble,
fee amounts of every scale, pre-2019 reports with their statistics table, text made by `pdftotext -layout`,
PDFs whose tables have no ruling or only horizontal rules, Markdown with merged cells flattened or
repeated, Word saved as text with a plain 表二, web rows ending in blank cells).

A class makes, for a seed, a document's bytes and the Report it must read as (the truth). The same seed
always gives the same document. Tests read 40 or more of each class; `make bench` measures them all
(benchmarks/bench_classes.py). Another class is added by writing its maker and listing it in CLASSES.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import cms, fees, grids, headings, layout_text, legacy, pages, pdf_rules, titles
from .base import Specimen
from .scoring import Score, read_specimen, score

_no_rules = pdf_rules.maker(pdf_rules.NONE, "pdf-no-rules")
_horizontal_rules = pdf_rules.maker(pdf_rules.HORIZONTAL, "pdf-horizontal-rules")


@dataclass(frozen=True)
class SpecimenClass:
    key: str
    description: str
    make: Callable[[int], Specimen]
    # Makes many at once where one at a time is slow (one LibreOffice run for all the PDFs).
    make_many: Callable[[Sequence[int]], list[Specimen]] | None = None

    def many(self, seeds: Sequence[int]) -> list[Specimen]:
        return self.make_many(seeds) if self.make_many else [self.make(seed) for seed in seeds]


CLASSES: dict[str, SpecimenClass] = {
    c.key: c
    for c in (
        SpecimenClass(
            "cms_title", "网页标题只在页面标题栏、ArticleTitle/Title 元数据或 <title> 中", cms.make
        ),
        SpecimenClass("year_first", "标题年度在机关名称之前", titles.make),
        SpecimenClass("heading_variants", "一级标题的常见不同写法", headings.make),
        SpecimenClass("partial_pages", "网页摘录：标题上方有栏目名，或只在前言中写出机关", pages.make),
        SpecimenClass("fee_scale", "各级机关的收费金额（万元），含误把元填作万元", fees.make),
        SpecimenClass("legacy", "2019年以前的报告（2008年条例）及其统计表", legacy.make),
        SpecimenClass(
            "pdftotext_layout",
            "pdftotext -layout 从 PDF 得到的文本：以空格对齐的列、折行的标签、页码",
            layout_text.make,
            layout_text.make_many,
        ),
        SpecimenClass(
            "pdf_no_rules",
            "表格没有任何框线的 PDF",
            lambda seed: _no_rules([seed])[0],
            _no_rules,
        ),
        SpecimenClass(
            "pdf_horizontal_rules",
            "表格只有横线的 PDF",
            lambda seed: _horizontal_rules([seed])[0],
            _horizontal_rules,
        ),
        SpecimenClass("markdown_merged", "Markdown 表格：合并单元格变为空格或每格重复", grids.make_markdown),
        SpecimenClass("plain_tsv", "Word 另存为文本：表二标题独占一行、行不补齐", grids.make_plain_tsv),
        SpecimenClass("html_blank_tail", "网页表格行末的空白 &nbsp; 单元格", grids.make_html_blank_tail),
    )
}

__all__ = ["CLASSES", "Score", "Specimen", "SpecimenClass", "read_specimen", "score"]

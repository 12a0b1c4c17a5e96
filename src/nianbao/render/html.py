"""A Report as one standalone HTML page: no scripts, no outside files, printable on A4.

The tables are real `<table>` elements with rowspan/colspan in the official merged layout. A draft
carries a fixed banner, which browsers repeat on every printed page; it sits after the content so
the title stays the first thing a reader of the page meets.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..editions.grids import Grid
from ..model import Report
from . import phrases
from .layout import BodyParagraph, Composition, Heading, compose

_STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
       font-size: 16pt; line-height: 28.95pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif;
     font-size: 22pt; font-weight: normal; line-height: 36pt; text-align: center; margin: 0 0 28.95pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
     font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 10.5pt; line-height: 1.4; }
table.wide { font-size: 9pt; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.label { text-align: left; }
tr { page-break-inside: avoid; }
.draft { position: fixed; top: 0; right: 0; color: #c00; font-weight: bold; font-size: 12pt;
         border: 2px solid #c00; padding: 2px 8px; background: #fff; }
"""


def render_html(report: Report, draft: bool = False) -> str:
    return html_of(compose(report), draft)


def html_of(comp: Composition, draft: bool = False) -> str:
    """The composed report as HTML."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(comp.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(comp.title)}</h1>",
    ]
    for block in comp.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{escape(block.text)}</h2>")
        elif isinstance(block, BodyParagraph):
            parts.append(f"<p>{escape(block.text)}</p>")
        else:
            parts.append(_table(block))
    if draft:
        parts.append(f'<div class="draft">{escape(phrases.DRAFT_NOTE)}</div>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _table(grid: Grid) -> str:
    lines = [f'<table class="{"wide" if grid.width > 10 else "form"}">']
    for r, row in enumerate(grid.rows):
        cells: list[str] = []
        for cell in row:
            tag = "th" if cell.kind == "head" else "td"
            attrs = ' class="label"' if cell.kind == "label" else ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            cells.append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
        group = "thead" if r < grid.header_rows else "tbody"
        lines.append(f'<tr class="{group}">{"".join(cells)}</tr>')
    lines.append("</table>")
    return "\n".join(lines)


def write_html(report: Report, path: str | Path, draft: bool = False) -> None:
    Path(path).write_text(render_html(report, draft), encoding="utf-8")

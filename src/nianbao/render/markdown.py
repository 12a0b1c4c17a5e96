"""A Report as Markdown: headings, paragraphs and pipe tables.

Pipe tables cannot merge cells, so a merged cell prints once, in the first row and column it
covers, and the cells it covers stay empty — the same reading a merged Word cell gets. The first
row of each grid is the pipe table's header row, as Markdown requires one.
"""

from __future__ import annotations

from pathlib import Path

from ..editions.grids import Grid
from ..model import Report
from . import phrases
from .layout import BodyParagraph, Composition, Heading, compose


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(report: Report, draft: bool = False) -> str:
    return markdown_of(compose(report), draft)


def markdown_of(comp: Composition, draft: bool = False, repeat_merged: bool = False) -> str:
    """The composed report as Markdown. With `repeat_merged`, a merged cell's text is printed in every
    cell it covers, as some converters (and people copying from Word) write it."""
    parts = [f"# {comp.title}"]
    if draft:
        parts.append(f"> **{phrases.DRAFT_NOTE}**")
    for block in comp.blocks:
        if isinstance(block, Heading):
            parts.append(f"## {block.text}")
        elif isinstance(block, BodyParagraph):
            parts.append(_escape(block.text))
        else:
            parts.append(_table(block, repeat_merged))
    if draft:
        parts.append(f"> **{phrases.DRAFT_NOTE}**")
    return "\n\n".join(parts) + "\n"


def _table(grid: Grid, repeat_merged: bool = False) -> str:
    lines: list[str] = []
    for r, row in enumerate(grid.covered() if repeat_merged else grid.expanded()):
        cells = [_escape(c.text) if c is not None else "" for c in row]
        lines.append("| " + " | ".join(cells) + " |")
        if r == 0:
            lines.append("|" + "|".join(["---"] * grid.width) + "|")
    return "\n".join(lines)


def write_markdown(report: Report, path: str | Path, draft: bool = False) -> None:
    Path(path).write_text(render_markdown(report, draft), encoding="utf-8")

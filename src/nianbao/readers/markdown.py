"""Markdown (.md), as produced when a report's web page is copied or converted: ATX headings,
paragraphs and pipe tables (`| a | b |`). Separator rows (`|---|---|`) are skipped, `<br>` in a cell
is a line break, `&nbsp;` is blank and `\\|` is a literal bar. Everything outside pipe tables is
read like a plain-text report (tab tables included). Every piece keeps its 1-based line number.
"""

from __future__ import annotations

import re

from ..document import Block, Cell, Paragraph, Table
from ..model import Location
from .decode import split_lines
from .text import text_blocks

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_ENTITIES = {"&nbsp;": " ", "&emsp;": " ", "&ensp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
_SPLIT = re.compile(r"(?<!\\)\|")


def markdown_blocks(text: str) -> list[Block]:
    lines = split_lines(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if _PIPE_ROW.match(lines[i]):
            end = i
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            table = _pipe_table(lines, i, end)
            if table.rows:
                blocks.append(table)
            i = end
            continue
        end = i
        while end < len(lines) and not _PIPE_ROW.match(lines[end]):
            end += 1
        blocks.extend(_prose(lines, i, end))
        i = end
    return blocks


def _prose(lines: list[str], start: int, end: int) -> list[Block]:
    """Non-table lines: headings lose their marks, the rest is read as a text report would be."""
    cleaned = []
    for line in lines[start:end]:
        heading = _HEADING.match(line)
        cleaned.append(_ENTITY.sub(lambda m: _ENTITIES[m.group()], heading.group(1) if heading else line))
    blocks = text_blocks("\n".join(cleaned))
    return [_shifted(b, start) for b in blocks]


def _shifted(block: Block, offset: int) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(block.text, _move(block.where, offset))
    return Table(
        [[Cell(c.text, _move(c.where, offset), c.colspan, c.rowspan) for c in row] for row in block.rows]
    )


def _move(where: Location, offset: int) -> Location:
    return Location(line=None if where.line is None else where.line + offset)


def _pipe_table(lines: list[str], start: int, end: int) -> Table:
    rows: list[list[Cell]] = []
    for i in range(start, end):
        cells = _cells(lines[i])
        if cells and all(_SEPARATOR_CELL.match(c) for c in cells):
            continue
        where = Location(line=i + 1)
        rows.append([Cell(_cell_text(c), where) for c in cells])
    return Table(rows)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return _SPLIT.split(inner)


def _cell_text(raw: str) -> str:
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group()], raw.replace("\\|", "|"))
    lines = (" ".join(part.split()) for part in _BREAK.split(text))
    return "\n".join(line for line in lines if line)

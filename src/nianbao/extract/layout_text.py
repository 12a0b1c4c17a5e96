"""Report text laid out by spaces, as `pdftotext -layout` gives a PDF: columns aligned by spaces, labels
wrapped over several lines, page numbers between the lines of a table.

Each line of a table ends with its row's numbers, separated by spaces; a label too long for its cell
is wrapped, and the line with the numbers may be its first, last or middle line (cells aligned at the
top, bottom or centre). A vertical label (三、本年度办理结果 printed a few characters a line down the left
edge, （三）不予公开 beside its sub-rows) puts its pieces at the start of the lines beside it. The form
puts the pieces back together: the pieces of a group's label are dropped where they lead a line, and
the text lines between two lines of numbers are shared out between the row above and the row below so
that as many rows as possible end with one of the form's labels. The result is read as a flattened body
(flat_text): tables by their openers, rows by their labels in form order, a row's numbers by the spaces
between them. Lines outside the tables stay paragraphs, so the sections are found as in any report.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from ..document import Paragraph
from ..editions import E2021, Edition, core_key, label_key
from ..readers.pdf_text import is_page_number_text
from .flat_text import FlatTables, table_zones
from .form_rows import form_rows
from .tables import edition_by_labels

_NUMBER = re.compile(r"[+-]?\d[\d.]*(?:万元|元)?")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# A table has at least this many lines of numbers; fewer are numbers in prose.
_MIN_NUMBER_LINES = 5
# Text lines between two lines of numbers shared out between their rows; a longer gap is prose.
_MAX_GAP = 8
# A piece of a vertical label is a few characters.
_MAX_VERTICAL_PIECE = 4


@dataclass
class _Line:
    index: int  # the paragraph's index
    label: str  # the text before the numbers, vertical label pieces removed
    numbers: str  # the row's numbers separated by spaces ("" for a line of text)


def unlayout(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], FlatTables]:
    """The paragraphs without the lines of the tables laid out by spaces, and those tables to read."""
    lines = [_line(i, p.text) for i, p in enumerate(paragraphs) if not is_page_number_text(p.text)]
    if sum(1 for line in lines if line.numbers) < _MIN_NUMBER_LINES:
        return paragraphs, FlatTables()
    edition = edition_by_labels({label_key(" ".join(p.text for p in paragraphs))}, inside=True)
    reading_edition = edition or E2021
    lines = [_without_vertical_pieces(line) for line in lines]
    pieces = _pieces(_reordered(lines, reading_edition))
    text = "\n".join(text for _index, text in pieces)
    body = Paragraph(text, paragraphs[lines[0].index].where)
    zones = table_zones(body, reading_edition)
    if not zones:
        return paragraphs, FlatTables()
    inside: dict[int, bool] = {}
    offset = 0
    for index, piece in pieces:
        within = any(start <= offset and offset + len(piece) <= end for start, end in zones)
        inside[index] = inside.get(index, True) and within
        offset += len(piece) + 1
    dropped = {i for i, p in enumerate(paragraphs) if inside.get(i) or is_page_number_text(p.text)}
    kept = [p for i, p in enumerate(paragraphs) if i not in dropped]
    return kept, FlatTables([body], edition)


def _line(index: int, text: str) -> _Line:
    chunks = _SPACES.split(text.strip())
    count = 0
    while count < len(chunks) and _NUMBER.fullmatch(chunks[-1 - count]):
        count += 1
    if count == 0:
        return _Line(index, text.strip(), "")
    return _Line(index, " ".join(chunks[: len(chunks) - count]), " ".join(chunks[len(chunks) - count :]))


@cache
def _group_keys() -> tuple[str, ...]:
    """The labels printed beside their sub-rows (（六）其他处理 too, a group in the 2021 form)."""
    return tuple(label_key(r.label) for r in E2021.applications.rows if r.group)


@cache
def _row_keys(edition: Edition) -> tuple[str, ...]:
    return tuple(k for r in form_rows(edition) if not r.is_group for k in r.keys)


def _without_vertical_pieces(line: _Line) -> _Line:
    """The line without the pieces of a group's vertical label that lead it (`度办 计这一情形…`)."""
    chunks = line.label.split()
    groups = _group_keys()
    # A line of numbers may have nothing but such a piece before them; a line of text keeps its last.
    while len(chunks) > (0 if line.numbers else 1):
        key = label_key(chunks[0])
        if not (0 < len(key) <= _MAX_VERTICAL_PIECE and any(key in g for g in groups)):
            break
        chunks = chunks[1:]
    return _Line(line.index, " ".join(chunks), line.numbers)


def _ends_with_label(texts: list[str], edition: Edition) -> bool:
    key = core_key("".join(texts))
    return any(key.endswith(k) for k in _row_keys(edition))


def _reordered(lines: list[_Line], edition: Edition) -> list[tuple[_Line, list[_Line]]]:
    """Each line with the text lines that end its label, found by sharing every gap of text lines between
    two lines of numbers so that the most rows end with a label of the form (moving as few lines as
    possible). A line of text not given to a row above stands where it was."""
    rows = [i for i, line in enumerate(lines) if line.numbers]
    gaps = [lines[a + 1 : b] for a, b in itertools.pairwise(rows)]
    shares = [range(len(g) + 1) if len(g) <= _MAX_GAP else range(1) for g in gaps]
    # best[k] after row j: (score, path of shares) with k lines of gap j given to row j.
    best: dict[int, tuple[int, list[int]]] = {0: (0, [])}
    for j, row in enumerate(rows):
        before = lines[rows[j - 1] + 1 : row] if j else []
        options = shares[j] if j < len(gaps) else range(1)
        after_gap = gaps[j] if j < len(gaps) else []
        nxt: dict[int, tuple[int, list[int]]] = {}
        for given in options:
            suffix = [line.label for line in after_gap[:given]]
            for kept_before, (score, path) in best.items():
                prefix = [line.label for line in before[kept_before:]]
                value = score + 1000 * _ends_with_label([*prefix, lines[row].label, *suffix], edition) - given
                if given not in nxt or value > nxt[given][0]:
                    nxt[given] = (value, [*path, given])
        best = nxt
    path = max(best.values())[1] if best else []
    out: list[tuple[_Line, list[_Line]]] = []
    cursor = 0
    for j, row in enumerate(rows):
        out += [(line, []) for line in lines[cursor:row]]
        given = path[j] if j < len(path) else 0
        out.append((lines[row], lines[row + 1 : row + 1 + given]))
        cursor = row + 1 + given
    out += [(line, []) for line in lines[cursor:]]
    return out


def _pieces(ordered: list[tuple[_Line, list[_Line]]]) -> list[tuple[int, str]]:
    """The text in reading order as (paragraph index, text) pieces: a row's label, the lines that end it,
    then its numbers."""
    pieces: list[tuple[int, str]] = []
    for line, ending in ordered:
        pieces.append((line.index, line.label))
        pieces += [(e.index, e.label) for e in ending]
        if line.numbers:
            pieces.append((line.index, line.numbers))
    return pieces

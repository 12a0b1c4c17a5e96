"""Report bodies flattened onto one line, as crawlers and copy-paste from web pages give them.

The whole body — title, preamble, headings, prose and the three tables — is one paragraph, and a table
row's cells run together after its label (`一、本年新收政府信息公开申请数量230000023`). Only the form can
take it apart: tables are found by the labels that open them (表二's captions with 信息内容, 表三's ledger
note or applicant header, 表四's header), rows by their labels in printed order, and each row's run of
digits is split into its cells by digit_runs. What is not a table stays prose, cut before each section
heading (and after the title) so that the sections are found as in any report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from ..chinese.marks import HEADING_NUMERALS
from ..document import Cell, Paragraph
from ..editions import ACTIVE, APPLICATIONS, E2021, REVIEW, Edition, core_key, label_key
from ..editions.common import APPLICANT_COLUMNS, APPLICANT_HEADER_LABELS, LEDGER_NOTE, REVIEW_TABLE
from ..model import Location
from .digit_runs import Split, agreed, row_splits, solve
from .form_rows import FormRow, form_rows, t3_equations
from .sections import unqualified
from .tables import TableReading, edition_by_labels

# A run of cells: numbers (a sign, decimals, a money unit) with nothing or only spaces between them.
_NUMBER = r"[+-]?\d[\d.]*(?:万元|元)?"
_RUN = re.compile(rf"{_NUMBER}(?:[\s\u00a0\u3000]*{_NUMBER})*")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# The enumerator of the next row glued to the numbers before it (`…70000072.没有现成信息…`).
_GLUED_ENUMERATOR = re.compile(r"\d[.．、]$")
_NUMERAL_HEADING = re.compile(rf"[{HEADING_NUMERALS}]{{1,2}}、")
# A paragraph this long is a flattened body (a real paragraph of prose is a few hundred characters).
MIN_FLAT_CHARS = 600
# The title at the start of a flattened body: the organ, the year, and the words up to 报告.
_TITLE = re.compile(r"^\S{2,60}?\d{4}\s*年\S{0,30}?报告")
# A heading's title is at most this long (the rest of the line is its section's text).
_MAX_HEADING_CHARS = 40
# How far the label text before a run may differ from the form's label (typos, stray characters).
_MIN_SIMILARITY = 0.8
# Characters a printed label may lose or gain to a typo.
_SLACK = 3


@dataclass
class _Segment:
    text: str  # label text before the run
    run: str  # the run of numbers ("" when none)
    start: int  # offset of `text` in the paragraph
    run_end: int  # offset after the run


@dataclass
class _Zone:
    start: int
    end: int


@dataclass
class FlatTables:
    """The tables found in flattened paragraphs: their edition by signature, and their cells read in the
    edition the report is finally read in."""

    sources: list[Paragraph] = field(default_factory=list)
    edition: Edition | None = None

    def read(self, edition: Edition) -> TableReading:
        reading = TableReading()
        for paragraph in self.sources:
            _Reader(edition, paragraph.where, reading).read(_segments(paragraph.text))
        return reading


def unflatten(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], FlatTables]:
    """The paragraphs with every flattened body cut at its title and headings, its tables taken out."""
    out: list[Paragraph] = []
    tables = FlatTables()
    for paragraph in paragraphs:
        if len(paragraph.text) < MIN_FLAT_CHARS:
            out.append(paragraph)
            continue
        edition = edition_by_labels({label_key(paragraph.text)}, inside=True)
        tables.edition = tables.edition or edition
        finder = _Reader(edition or E2021, paragraph.where, TableReading())
        zones = finder.read(_segments(paragraph.text), place=False)
        if zones:
            tables.sources.append(paragraph)
        out += _prose(paragraph, zones, edition or E2021)
    return out, tables


def table_zones(paragraph: Paragraph, edition: Edition) -> list[tuple[int, int]]:
    """Where in a paragraph of run-together text the tables stand (offsets), found by their openers and
    rows: the text outside them is prose."""
    zones = _Reader(edition, paragraph.where, TableReading()).read(_segments(paragraph.text), place=False)
    return [(zone.start, zone.end) for zone in zones]


def _segments(text: str) -> list[_Segment]:
    """The text as label text, each followed by the run of numbers after it."""
    segments: list[_Segment] = []
    start = 0
    for match in _RUN.finditer(text):
        run = match.group()
        glued = _GLUED_ENUMERATOR.search(run)
        if glued and match.end() < len(text):
            # `2.` before a label is the label's enumerator, not a number of the row above.
            run = run[: glued.start()]
        if not run.strip():
            continue
        segments.append(_Segment(text[start : match.start()], run, start, match.start() + len(run)))
        start = match.start() + len(run)
    segments.append(_Segment(text[start:], "", start, len(text)))
    return segments


class _Reader:
    """Walks the segments in order: an opener starts a table, labels find their rows in form order."""

    def __init__(self, edition: Edition, where: Location, out: TableReading) -> None:
        self.rows = [r for r in form_rows(edition) if not r.is_group]
        self.review_index = next(i for i, r in enumerate(self.rows) if r.table == REVIEW)
        self.where = where
        self.out = out
        self.next_row = 0
        self.table: str | None = None
        self.zones: list[_Zone] = []
        self.found: dict[tuple[str, str], tuple[FormRow, list[str], str]] = {}

    def read(self, segments: list[_Segment], place: bool = True) -> list[_Zone]:
        """The table zones of the text; with `place`, the cells found go into the reading."""
        for segment in segments:
            key = label_key(segment.text)
            opener = _opener(key)
            if opener is not None:
                self._open(opener, segment)
            if self.table is None or not segment.run:
                continue
            row = self._row_for(key)
            if row is None:
                continue
            tokens = _SPACES.split(segment.run.strip())
            self.found[(row.table, row.key)] = (row, tokens, segment.run.strip())
            self.zones[-1].end = segment.run_end
            if row.table == REVIEW:
                self.table = None  # 表四 has one data row, and it is the last table
        if place:
            self._place()
        return self.zones

    def _open(self, table: str, segment: _Segment) -> None:
        if self.table == table:
            return
        start = segment.start + _opener_offset(segment.text, table)
        self.zones.append(_Zone(start, start))
        self.table = table
        if table == REVIEW:
            self.next_row = self.review_index

    def _row_for(self, key: str) -> FormRow | None:
        """The row whose label the text before a run ends with: the best match in form order."""
        if self.table == REVIEW:
            self.next_row = self.review_index + 1
            return self.rows[self.review_index]
        best: tuple[float, int] | None = None
        for i in range(self.next_row, self.review_index):
            score = _tail_score(key, self.rows[i])
            if score >= _MIN_SIMILARITY and (best is None or score > best[0]):
                best = (score, i)
                if score == 1.0:
                    break
        if best is None:
            return None
        self.next_row = best[1] + 1
        row = self.rows[best[1]]
        self.table = row.table
        return row

    def _place(self) -> None:
        splits: dict[str, dict[str, list[Split]]] = {}
        for row, tokens, _run in self.found.values():
            found = row_splits(tokens, row.kinds, row.group)
            if not found:
                # The row's own sum is broken (or there are too many ways to try): split by the cells'
                # grammar alone; only what every split agrees on is read.
                found = row_splits(tokens, row.kinds) or []
            # What the columns mean rules out more, unless the report's own numbers break it as well.
            splits.setdefault(row.table, {})[row.key] = [s for s in found if row.holds(s)] or found
        if APPLICATIONS in splits:
            t3 = splits[APPLICATIONS]
            splits[APPLICATIONS] = solve(t3, t3_equations({k for k, v in t3.items() if v}))
        for row, _tokens, run in self.found.values():
            self._put(row, splits[row.table][row.key], run)

    def _put(self, row: FormRow, splits: list[Split], run: str) -> None:
        label = Cell(row.label, self.where)
        if row.table != REVIEW and not self.out.claim(row.table, row.key, label):
            return
        for index, column in enumerate(row.columns):
            table, row_key, col = _cell_key(row, column)
            text = agreed(splits, index) if splits else None
            if text is not None:
                self.out.put(table, row_key, col, Cell(text, self.where))
                continue
            # More than one split fits (or none does): the cell is not read; what it could be is kept.
            options = tuple(dict.fromkeys(split[index] for split in splits))
            self.out.put(table, row_key, col, Cell(run, self.where, uncertain=True, candidates=options))


def _cell_key(row: FormRow, column: str) -> tuple[str, str, str]:
    if row.table == REVIEW:
        group, col = column.split(".")
        return REVIEW, group, col
    return row.table, row.key, column


@cache
def _openers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The label words that open each table when they all stand in the text before a run. One word alone
    is not enough: prose says `信息内容` too (`确保网上发布信息内容准确`)."""
    captions = E2021.active.blocks[0].caption.split("（")[0]  # the article every caption names
    return {
        # A page laid out by spaces stacks 结果/维持 on two lines: the first litigation group names it too.
        REVIEW: (
            (REVIEW_TABLE.header_labels[0], REVIEW_TABLE.columns[0].label),
            (REVIEW_TABLE.header_labels[0], REVIEW_TABLE.litigation_groups[0].label),
        ),
        APPLICATIONS: ((_note_start(),), (APPLICANT_HEADER_LABELS[0], APPLICANT_COLUMNS[0].label)),
        ACTIVE: ((captions, E2021.active.first_header),),
    }


def _note_start() -> str:
    """The first words of 表三's ledger note, without its bracket."""
    return label_key(LEDGER_NOTE)[1:5]


def _opener(key: str) -> str | None:
    """The table whose header this text holds (表四 first: its header comes after 表三's rows)."""
    for table, word_sets in _openers().items():
        if any(all(label_key(w) in key for w in words) for words in word_sets):
            return table
    return None


def _opener_offset(text: str, table: str) -> int:
    """Where in `text` the table's header starts: at the first word of its opening set (表三's note at its
    bracket); a heading before it stays prose. Words are found in the text's key (spaces removed)."""
    key = label_key(text)
    offsets = []
    for first_word, *others in _openers()[table]:
        # The header's first word is the last one before the words that follow it (a heading before the
        # header may use the same word: 四、政府信息公开行政复议、… then 行政复议 结果维持 …).
        after = min((key.find(label_key(w)) for w in others), default=len(key))
        found = key.rfind(label_key(first_word), 0, after if after >= 0 else len(key))
        if found >= 0:
            offsets.append(found)
    first = min(offsets, default=0)
    if table == APPLICATIONS and key.find(_note_start()) == first and first > 0 and key[first - 1] in "(（":
        first -= 1
    return _raw_offset(text, first)


def _raw_offset(text: str, key_offset: int) -> int:
    """The offset in `text` of the character at `key_offset` of its key (whitespace is not in the key)."""
    seen = 0
    for index, char in enumerate(text):
        if char.isspace():
            continue
        if seen == key_offset:
            return index
        seen += 1
    return len(text)


def _tail_score(key: str, row: FormRow) -> float:
    """How well the end of `key` reads as the row's label (its enumerator may be missing)."""
    best = 0.0
    for label in row.keys:
        if key.endswith(label):
            return 1.0
        for length in range(max(2, len(label) - _SLACK), len(label) + _SLACK + 1):
            best = max(best, SequenceMatcher(None, key[-length:], label).ratio())
    return best


def _prose(paragraph: Paragraph, zones: list[_Zone], edition: Edition) -> list[Paragraph]:
    """What is left of the paragraph once its tables are out, cut at its title and section headings."""
    text = paragraph.text
    pieces: list[str] = []
    cursor = 0
    for zone in [*zones, _Zone(len(text), len(text))]:
        piece = text[cursor : zone.start]
        if cursor == 0 and (title := _TITLE.match(piece)):
            pieces.append(title.group())
            piece = piece[title.end() :]
        pieces += _cut_at_headings(piece, edition)
        cursor = zone.end
    return [Paragraph(p, paragraph.where) for p in (p.strip() for p in pieces) if p]


def _cut_at_headings(text: str, edition: Edition) -> list[str]:
    """The text cut before and after every section heading in it."""
    headings = _heading_keys(edition)
    pieces: list[str] = []
    cursor = 0
    for match in _NUMERAL_HEADING.finditer(text):
        if match.start() < cursor:
            continue
        end = _heading_end(text, match.end(), headings)
        if end:
            pieces += [text[cursor : match.start()], text[match.start() : end]]
            cursor = end
    pieces.append(text[cursor:])
    return pieces


@cache
def _heading_keys(edition: Edition) -> frozenset[str]:
    return frozenset(core_key(h) for s in edition.sections for h in (s.heading, *s.variants))


def _heading_end(text: str, start: int, headings: frozenset[str]) -> int:
    """The end of the heading whose title starts at `start` (its wording, perhaps with qualifiers such as
    政府信息公开工作 before it), or 0 when no section's title starts there."""
    for end in range(start + 2, min(len(text), start + _MAX_HEADING_CHARS) + 1):
        if unqualified(text[start:end]) in headings:
            return end
    return 0

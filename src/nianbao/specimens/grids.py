"""Tables in the shapes converters and offices leave them: Markdown whose merged cells were flattened to
empty cells or repeated in every cell they covered, Word saved as text with a plain 表二 (captions on their
own lines, no cells padded to the table's width), and web pages whose rows end in blank
`<td>&nbsp;</td>` cells that are the report's own blanks."""

from __future__ import annotations

import random
import re

from ..model import Report
from ..render.html import render_html
from ..render.layout import compose
from ..render.markdown import markdown_of
from ..render.text import render_text
from .base import Specimen, draw

# Stands in for a blank cell while the page is written (no generated count comes near it).
_BLANK_MARK = 987_650_000


def make_markdown(seed: int) -> Specimen:
    """Merged cells (表三's row labels, 表四's groups, 表二's captions) empty or repeated in every cell."""
    start = draw(seed)
    repeated = start.rng.random() < 0.5
    text = markdown_of(compose(start.report), repeat_merged=repeated)
    shape = "repeated" if repeated else "empty"
    return Specimen(f"markdown-merged-{shape}-{seed}.md", text.encode("utf-8"), start.report)


def make_plain_tsv(seed: int) -> Specimen:
    """Word saved as text: 表二's captions on lines of their own, its rows only as wide as their cells,
    some with a blank line between the parts of 表二."""
    start = draw(seed)
    rng = start.rng
    text = render_text(start.report)
    first = text.index("\t")
    lines = text[first:].split("\n")
    out: list[str] = []
    for line in lines:
        cells = line.rstrip("\t").split("\t")
        if len(cells) == 1 and cells[0] and rng.random() < 0.3 and out and "\t" in out[-1]:
            out.append("")  # a caption after a blank line
        out.append("\t".join(cells) if rng.random() < 0.8 else line)
    data = text[:first] + "\n".join(out)
    return Specimen(f"plain-tsv-{seed}.txt", data.encode(rng.choice(("utf-8", "gb18030"))), start.report)


def make_html_blank_tail(seed: int) -> Specimen:
    """Rows whose last cells are blank in the report and printed as `<td>&nbsp;</td>` (a whole 表四
    group, a 表三 row's zeros, a 表二 row's last count)."""
    start = draw(seed)
    rng, report = start.rng, start.report
    marked = _blank_tails(report, rng)
    page = render_html(report)
    for mark in marked:
        page = re.sub(
            rf"(<td[^>]*>){mark}(</td>)", rf"\g<1>{rng.choice(('&nbsp;', '&nbsp;', ' ', ''))}\2", page
        )
    for table in report.tables.values():
        for row in table.values():
            for column, value in row.items():
                if value in marked:
                    row[column] = None
    return Specimen(f"html-blank-tail-{seed}.html", page.encode("utf-8"), report)


def _blank_tails(report: Report, rng: random.Random) -> set[int]:
    """Marks put in place of the trailing zero cells of some rows (at least one row: 表四's last group
    when it is all zeros, else the last row with zeros at its end)."""
    marks: set[int] = set()
    rows = [row for table in report.tables.values() for row in table.values()]
    review = report.tables.get("review_litigation", {})
    tails = [row for row in rows if row and list(row.values())[-1] == 0]
    chosen = [row for row in tails if rng.random() < 0.3] or tails[-1:]
    last_group = list(review.values())[-1] if review else {}
    if last_group and all(v == 0 for v in last_group.values()):
        chosen.append(last_group)
    for row in chosen:
        columns = list(row)
        for column in reversed(columns):
            if row[column] != 0:
                break
            mark = _BLANK_MARK + len(marks)
            row[column] = mark
            marks.add(mark)
    return marks

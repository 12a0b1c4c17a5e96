"""The report's title, organ and year.

Best source first: the title the document prints above its body; then what the file says about itself
(a CMS page's headline, its ArticleTitle/Title meta, its <title> without the site's name, a portal's
`标题：` line); then the preamble sentence that names the report (`特编制某办公室2023年…报告`), which is
all a page copied without its title still has. The body's own title wins: headlines and meta tags are
often retyped (`2019年度` where the report prints `2019年`).

Copied pages put furniture above the title (the column name `政府信息公开`, a breadcrumb), and titles
are broken over lines (`平罗县宝丰镇` / `2024年…报告`): a line above the title joins it only while the title
still lacks its year, or when it lacks an organ and the line above reads as an organ name alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..chinese.marks import TOP_HEADING, squash
from ..document import Paragraph
from ..editions.titles import (
    ORGAN_TRAILERS,
    PREAMBLE_BY,
    PREAMBLE_VERBS,
    SELF_REFERENCES,
    SHARED_WITH_SUBJECT,
    TITLE_CHROME,
    TITLE_END,
    TITLE_LABELS,
    TITLE_SUBJECTS,
)

_MAX_TITLE_LINES = 3
# A title sits above the body; a copied page may put a few lines of furniture first.
_SEARCH_LINES = 12
_MAX_TITLE_CHARS = 80
_MAX_ORGAN_CHARS = 40
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_FOUR_DIGITS = re.compile(r"\d{4}")
_LABEL = re.compile(rf"^(?:{'|'.join(TITLE_LABELS)})\s*[:：]\s*")
# What a title line never holds (sentence punctuation), and what an organ name alone never holds.
_SENTENCE_MARKS = re.compile(r"[，,。；;：:！？!?]")
_NOT_IN_ORGAN_LINE = re.compile(r"[，,。；;：:！？!?、|｜>»/\\\[\]【】<\d]")
_PREAMBLE_VERB = re.compile(
    rf"(?:{'|'.join(PREAMBLE_VERBS)})(?:了|完成|出)?(?P<fragment>[^，,。；;“”《》]{{4,{_MAX_TITLE_CHARS}}}?{TITLE_END})"
)
_PREAMBLE_BY = re.compile(
    rf"{PREAMBLE_BY[0]}(?P<organ>[^，,。；;“”《》]{{2,{_MAX_ORGAN_CHARS}}}?){PREAMBLE_BY[1]}"
    rf"(?P<fragment>[^，,。；;“”《》]{{4,{_MAX_TITLE_CHARS}}}?{TITLE_END})"
)


@dataclass(frozen=True)
class TitleReading:
    title: str | None
    organ: str | None
    year: int | None
    # Leading paragraphs the title takes, with any furniture above it: the body starts after them.
    lines: int = 0


def read_title(paragraphs: Sequence[Paragraph], hints: Sequence[str] = ()) -> TitleReading:
    """Title, organ and year from the document's top, else from the file's own title hints."""
    title, lines = find_title(paragraphs)
    organ, year = organ_and_year(title)
    if organ is not None:
        return TitleReading(title, organ, year, lines)
    for hint in hints:
        candidate = _unlabelled(squash(hint))
        hint_organ, hint_year = organ_and_year(candidate) if is_title(candidate) else (None, None)
        if hint_organ is not None and (year is None or hint_year in (None, year)):
            return TitleReading(title or candidate, hint_organ, year or hint_year, lines)
    return TitleReading(title, None, year, lines)


def find_title(paragraphs: Sequence[Paragraph]) -> tuple[str | None, int]:
    """The title printed at the top and how many leading paragraphs it takes (with furniture above it).

    A portal's labelled line (`标题：…`) is only taken when the page prints no title of its own."""
    texts = [squash(p.text) for p in paragraphs[:_SEARCH_LINES]]
    labelled: tuple[str, int] | None = None
    for i, text in enumerate(texts):
        # A top-level heading (`一、总体情况`): the body has begun, the title is above it or absent.
        if TOP_HEADING.match(text):
            break
        unlabelled = _unlabelled(text)
        if unlabelled != text:
            if labelled is None and is_title(unlabelled):
                labelled = (unlabelled, i + 1)
            continue
        if not _ends_title(text):
            continue
        title = _join_upward(paragraphs, texts, i)
        if is_title(title):
            return title, i + 1
    return labelled if labelled is not None else (None, 0)


def _unlabelled(text: str) -> str:
    return _LABEL.sub("", text, count=1)


def _ends_title(text: str) -> bool:
    return text.endswith(TITLE_END) and len(text) <= _MAX_TITLE_CHARS and not _SENTENCE_MARKS.search(text)


def is_title(text: str) -> bool:
    return _ends_title(text) and any(subject in text for subject in TITLE_SUBJECTS)


def _join_upward(paragraphs: Sequence[Paragraph], texts: list[str], last: int) -> str:
    """The title ending at line `last`: lines above join while it lacks its year (a title broken
    over lines), then one organ-name line joins if the title names no organ."""
    title = _without_leading_furniture(paragraphs[last].text)
    first = last
    while (
        not _YEAR.search(title)
        and first > 0
        and last - first + 1 < _MAX_TITLE_LINES
        and _continues_title(texts[first - 1])
    ):
        first -= 1
        title = texts[first] + title
    if not _YEAR.search(title):
        # No year above either: the line stands alone (a title without a year).
        title, first = _without_leading_furniture(paragraphs[last].text), last
    if (
        organ_and_year(title)[0] is None
        and first > 0
        and last - first + 1 < _MAX_TITLE_LINES
        and _is_organ_line(texts[first - 1])
    ):
        title = texts[first - 1] + title
    return title


def _continues_title(text: str) -> bool:
    return (
        bool(text)
        and not _SENTENCE_MARKS.search(text)
        and _unlabelled(text) == text
        and not _is_furniture(text)
    )


def _is_furniture(text: str) -> bool:
    return any(word in text for word in TITLE_CHROME)


def _is_organ_line(text: str) -> bool:
    """A short line that can be an organ's name and nothing else: no digits, marks, subject or furniture."""
    return (
        0 < len(text) <= _MAX_ORGAN_CHARS
        and not _NOT_IN_ORGAN_LINE.search(text)
        and not any(subject in text for subject in TITLE_SUBJECTS)
        and TITLE_END not in text
        and not _is_furniture(text)
        and text not in SELF_REFERENCES
    )


def _without_leading_furniture(raw: str) -> str:
    """A title line without furniture copied in front of it on the same line (`政府信息公开 某区2016年…`)."""
    parts = raw.split()
    while (
        len(parts) > 1
        and not _FOUR_DIGITS.search(parts[0])
        and (_is_furniture(parts[0]) or any(subject in parts[0] for subject in TITLE_SUBJECTS))
        and _YEAR.search("".join(parts[1:]))
    ):
        parts = parts[1:]
    return "".join(parts)


def organ_and_year(title: str | None) -> tuple[str | None, int | None]:
    """The organ and year a title names, the year before or after the organ."""
    if not title:
        return None, None
    match = _YEAR.search(title)
    if match is None:
        return _organ(_before_subject(title)), None
    before = title[: match.start()]
    organ = before if before else _before_subject(title[match.end() :])
    return _organ(organ), int(match.group(1))


def _before_subject(text: str) -> str:
    """The text before the title's subject (`某局政府信息公开…报告` → 某局)."""
    starts = [(i, s) for s in TITLE_SUBJECTS if (i := text.find(s)) >= 0]
    if not starts:
        return ""
    start, subject = min(starts, key=lambda found: (found[0], -len(found[1])))
    organ = text[:start]
    for organ_end, subject_start in SHARED_WITH_SUBJECT:
        if organ.endswith(organ_end) and subject.startswith(subject_start):
            organ += subject_start
    return organ


def _organ(text: str) -> str | None:
    organ = _unlabelled(text)
    for trailer in ORGAN_TRAILERS:
        organ = organ.removesuffix(trailer)
    if (
        not organ
        or len(organ) > _MAX_ORGAN_CHARS
        or organ in SELF_REFERENCES
        or _SENTENCE_MARKS.search(organ)
    ):
        return None
    return organ


def organ_in_preamble(text: str) -> str | None:
    """The organ named by the sentence that introduces the report, for a page without a title:
    `特编制某办公室2023年…报告`, `现公布区政府国资局2022年…报告`, `由某局编制的2017年度…报告`.
    Only a report title with its year counts: `编制完成了本报告` names nothing."""
    flat = squash(text)
    for match in _PREAMBLE_BY.finditer(flat):
        fragment = match.group("fragment")
        organ = _organ(match.group("organ"))
        if organ is not None and is_title(fragment) and organ_and_year(fragment)[1] is not None:
            return organ
    for match in _PREAMBLE_VERB.finditer(flat):
        fragment = match.group("fragment")
        organ, year = organ_and_year(fragment)
        if organ is not None and year is not None and is_title(fragment):
            return organ
    return None

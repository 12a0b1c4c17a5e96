"""The sentence split is cached per report content: a changed or a different report never gets the
sentences of the one read before."""

from __future__ import annotations

from nianbao.model import SectionEntry
from nianbao.rules.sentences import sentences
from nianbao.synth import generate


def _texts(report_sections: list[SectionEntry], preamble: str = "") -> list[str]:
    report = generate(1, 2023)
    report.preamble = preamble
    report.sections = report_sections
    return [s.text for s in sentences(report)]


def test_changed_text_gives_new_sentences() -> None:
    report = generate(3, 2023)
    before = [s.text for s in sentences(report)]
    assert before == [s.text for s in sentences(report)]
    report.sections[0].text += "\n本节补充一句话。"
    after = [s.text for s in sentences(report)]
    assert len(after) == len(before) + 1
    assert "本节补充一句话。" in after


def test_changed_line_or_anchor_gives_new_locations() -> None:
    report = generate(5, 2022)
    report.preamble = ""
    report.sections = [SectionEntry(key=None, heading="一、总体情况", line=10, text="第一句。第二句。")]
    assert [s.where.line if s.where else None for s in sentences(report)] == [10, 10]
    report.sections[0].anchors = [(0, 11, None), (4, 12, None)]
    assert [s.where.line if s.where else None for s in sentences(report)] == [11, 12]
    report.sections[0].line = None
    report.sections[0].anchors = []
    assert [s.where for s in sentences(report)] == [None, None]


def test_different_reports_do_not_share_sentences() -> None:
    first = _texts([SectionEntry(key=None, heading="一", text="甲收到申请3件。")])
    second = _texts([SectionEntry(key=None, heading="一", text="乙收到申请4件。")])
    assert first == ["甲收到申请3件。"]
    assert second == ["乙收到申请4件。"]
    assert _texts([], preamble="前言一句。") == ["前言一句。"]

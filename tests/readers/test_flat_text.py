"""Web text flattened onto one line (crawler captures, copy and paste), generated in the shapes real ones
take: every cell is read right or reported unresolved — never wrong — and nearly all are read; the
edition, title and sections come out right on every report, and nothing unread is taken for an error.

The reports mix organs as a national year does: mostly townships and departments with small numbers,
some county and city governments with large ones (synth scales SMALL, COUNTY, CITY)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from text_layouts import to_flat_text

import nianbao
from nianbao.model import CellValue, Report
from nianbao.synth import CITY, COUNTY, SMALL, generate

REPORTS = 200
ORGANS = ("示例县城关镇人民政府", "示例市自然资源局", "示例区人民政府办公室", "示例县人民政府")
SCALES = (SMALL,) * 6 + (COUNTY,) * 3 + (CITY,)
# Findings that would blame the report for what was only misread.
ARITHMETIC = ("T2-", "T3-", "T4-", "G-BLANK", "G-INT", "G-UNPLACED")


def flat_report(index: int) -> Report:
    return generate(7000 + index, 2019 + index % 6, ORGANS[index % len(ORGANS)], SCALES[index % len(SCALES)])


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Report, Report]]:
    folder = tmp_path_factory.mktemp("flat")
    pairs = []
    for index in range(REPORTS):
        expected = flat_report(index)
        path = folder / f"flat-{index:03d}.txt"
        path.write_text(to_flat_text(expected, index), encoding="utf-8")
        pairs.append((expected, nianbao.parse(path)))
    return pairs


def same(got: CellValue | str, want: CellValue) -> bool:
    """Equal values; an amount like 42593286.00 reads back as the whole number the text shows."""
    if isinstance(want, Decimal) and isinstance(got, int | Decimal):
        return got == want
    return got == want and type(got) is type(want)


def test_flattened_text_cells_are_right_or_unresolved_never_wrong(
    parsed: list[tuple[Report, Report]],
) -> None:
    wrong: list[str] = []
    resolved = total = 0
    for index, (expected, got) in enumerate(parsed):
        unread = got.uncertain_cells()
        values = got.cell_values()
        assert values.keys() == expected.cell_values().keys(), index
        for path, want in expected.cell_values().items():
            total += 1
            if path in unread:
                assert values[path] is None
                continue
            resolved += 1
            if not same(values[path], want):
                wrong.append(f"{index}:{path}: {values[path]!r} != {want!r}")
    assert wrong == []
    assert resolved / total >= 0.98, f"{resolved}/{total}"


def test_flattened_text_edition_title_and_sections_are_right(parsed: list[tuple[Report, Report]]) -> None:
    for expected, got in parsed:
        assert (got.edition, got.title, got.organ, got.year) == (
            expected.edition,
            expected.title,
            expected.organ,
            expected.year,
        )
        assert [(s.key, s.heading) for s in got.sections] == [(s.key, s.heading) for s in expected.sections]
        assert not [f.message for f in got.findings if f.rule.startswith(ARITHMETIC)]


def test_unread_cells_keep_the_true_value_among_their_candidates(parsed: list[tuple[Report, Report]]) -> None:
    for index, (expected, got) in enumerate(parsed):
        for path in got.uncertain_cells():
            candidates = got.provenance[path].candidates or []
            assert expected.cell_values()[path] in candidates, (index, path, candidates)
        assert all(f.rule != "G-UNCERTAIN" or f.cells[0] in got.uncertain_cells() for f in got.findings)


def test_a_prose_paragraph_with_numbers_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    sentence = "本年新收政府信息公开申请数量23件，予以公开7件，部分公开1件，其余依法答复。"
    path.write_text("示例县2024年政府信息公开工作年度报告\n" + sentence * 30 + "\n", encoding="utf-8")
    report = nianbao.parse(path)
    assert report.tables == {}
